"""The bot's tables and every statement on them, in labbot's one database (tools.database).

The statements are portable (TEXT columns, ``INSERT … ON CONFLICT``), written with ``:name``
parameters; the same ones run on SQLite and PostgreSQL.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import Column, Table, Text

from bot.state.protocol import AnswerPost, ChannelSettings
from tools.database import Database, Session, metadata

answer_posts = Table(
    "answer_posts",
    metadata,
    Column("message_key", Text(), primary_key=True),
    *(Column(name, Text(), nullable=False) for name in ("channel", "thread_ts", "status")),
    Column("placeholder_ts", Text()),
    Column("message_ts", Text(), nullable=False, server_default="[]"),
    Column("updated_at", Text(), nullable=False),
)
channel_settings = Table(
    "channel_settings",
    metadata,
    Column("channel", Text(), primary_key=True),
    Column("model", Text()),
    Column("respond", Text(), nullable=False, server_default="mentions"),
    Column("visibility", Text(), nullable=False, server_default="public"),
    Column("updated_by", Text()),
    Column("updated_at", Text(), nullable=False),
)
assistant_threads = Table(
    "assistant_threads",
    metadata,
    Column("channel", Text(), primary_key=True),
    Column("thread_ts", Text(), primary_key=True),
    Column("viewed_channel", Text()),
    Column("event_ts", Text(), nullable=False),
    Column("updated_at", Text(), nullable=False),
)

_SELECT_POST = (
    "SELECT message_key, channel, thread_ts, status, placeholder_ts, message_ts FROM answer_posts "
    "WHERE message_key = :key"
)
_START = (
    "INSERT INTO answer_posts (message_key, channel, thread_ts, status, updated_at) "
    "VALUES (:key, :channel, :thread_ts, 'started', :now) ON CONFLICT (message_key) DO NOTHING"
)
_PLACEHOLDER = "UPDATE answer_posts SET placeholder_ts = :ts, updated_at = :now WHERE message_key = :key"
_FINISH = "UPDATE answer_posts SET status = 'posted', message_ts = :ts, updated_at = :now WHERE message_key = :key"
_SELECT_CHANNEL = "SELECT model, respond, visibility FROM channel_settings WHERE channel = :channel"
_SAVE_CHANNEL = (
    "INSERT INTO channel_settings (channel, model, respond, visibility, updated_by, updated_at) "
    "VALUES (:channel, :model, :respond, :visibility, :user, :now) ON CONFLICT (channel) DO UPDATE SET "
    "model = excluded.model, respond = excluded.respond, visibility = excluded.visibility, "
    "updated_by = excluded.updated_by, updated_at = excluded.updated_at"
)

_VIEW = (
    "INSERT INTO assistant_threads (channel, thread_ts, viewed_channel, event_ts, updated_at) "
    "VALUES (:channel, :thread_ts, :viewed, :event_ts, :now) ON CONFLICT (channel, thread_ts) DO UPDATE SET "
    "viewed_channel = excluded.viewed_channel, event_ts = excluded.event_ts, updated_at = excluded.updated_at "
    "WHERE excluded.event_ts > assistant_threads.event_ts"
)
_SELECT_VIEWED = "SELECT viewed_channel FROM assistant_threads WHERE channel = :channel AND thread_ts = :thread_ts"
TS_WIDTH = 24  # a Slack ts, zero-padded so that text order is time order on both backends


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


async def _post(session: Session, message_key: str) -> AnswerPost | None:
    rows = await session.fetch(_SELECT_POST, {"key": message_key})
    if not rows:
        return None
    row = rows[0]
    return AnswerPost(row[0], row[1], row[2], row[3], row[4], json.loads(row[5]))


class BotStore:
    """Shared by the front door and every worker process; each call is one transaction.

    arq runs a job at least once; this record makes the side effect (posting an answer) happen once.
    """

    def __init__(self, database: Database, *, owns_database: bool = False) -> None:
        self._database = database
        self._owns_database = owns_database

    async def answer_post(self, message_key: str) -> AnswerPost | None:
        async with self._database.reading() as session:
            return await _post(session, message_key)

    async def start_answer(self, message_key: str, channel: str, thread_ts: str) -> AnswerPost:
        """The record of an answer in progress (created once; a rerun gets the existing one)."""
        params = {"key": message_key, "channel": channel, "thread_ts": thread_ts, "now": _now()}
        async with self._database.writing() as session:
            await session.execute(_START, params)
            post = await _post(session, message_key)
        assert post is not None
        return post

    async def set_placeholder(self, message_key: str, ts: str) -> None:
        async with self._database.writing() as session:
            await session.execute(_PLACEHOLDER, {"ts": ts, "now": _now(), "key": message_key})

    async def finish_answer(self, message_key: str, message_ts: list[str]) -> None:
        async with self._database.writing() as session:
            await session.execute(_FINISH, {"ts": json.dumps(message_ts), "now": _now(), "key": message_key})

    async def channel_settings(self, channel: str) -> ChannelSettings:
        async with self._database.reading() as session:
            rows = await session.fetch(_SELECT_CHANNEL, {"channel": channel})
        if not rows:
            return ChannelSettings(channel=channel)
        model, respond, visibility = rows[0]
        return ChannelSettings(channel=channel, model=model, respond=respond, visibility=visibility)

    async def save_channel_settings(self, settings: ChannelSettings, user: str) -> None:
        params = {
            "channel": settings.channel,
            "model": settings.model,
            "respond": settings.respond,
            "visibility": settings.visibility,
            "user": user,
            "now": _now(),
        }
        async with self._database.writing() as session:
            await session.execute(_SAVE_CHANNEL, params)

    async def view_channel(self, channel: str, thread_ts: str, viewed: str | None, event_ts: str) -> None:
        """Remember the channel the user views beside an assistant thread (None: none); the latest event wins,
        in whatever order Slack delivers them."""
        params = {"channel": channel, "thread_ts": thread_ts, "viewed": viewed, "now": _now()}
        params["event_ts"] = f"{Decimal(event_ts):0{TS_WIDTH}.6f}"
        async with self._database.writing() as session:
            await session.execute(_VIEW, params)

    async def viewed_channel(self, channel: str, thread_ts: str) -> str | None:
        async with self._database.reading() as session:
            rows = await session.fetch(_SELECT_VIEWED, {"channel": channel, "thread_ts": thread_ts})
        return str(rows[0][0]) if rows and rows[0][0] else None

    async def close(self) -> None:
        if self._owns_database:
            await self._database.close()
