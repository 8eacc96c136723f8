"""The bot's own durable record: which messages were answered (and where), and per-channel settings.

arq runs a job at least once; this record makes the side effect (posting an answer) happen once.
Keyed by the question's message, so a mention that also arrives as a plain message event, Slack's
retries and a worker killed mid-answer all lead to the same row.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import aiosqlite

_SCHEMA = [
    """CREATE TABLE IF NOT EXISTS answer_posts (
        message_key TEXT PRIMARY KEY,
        channel TEXT NOT NULL,
        thread_ts TEXT NOT NULL,
        status TEXT NOT NULL,
        placeholder_ts TEXT,
        message_ts TEXT NOT NULL DEFAULT '[]',
        updated_at TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS channel_settings (
        channel TEXT PRIMARY KEY,
        model TEXT,
        respond TEXT NOT NULL DEFAULT 'mentions',
        visibility TEXT NOT NULL DEFAULT 'public',
        updated_by TEXT,
        updated_at TEXT NOT NULL
    )""",
]

BUSY_TIMEOUT_S = 30  # the front door and every worker process share this file

Respond = Literal["mentions", "all"]
Visibility = Literal["public", "asker_first"]


@dataclass(frozen=True)
class ChannelSettings:
    channel: str
    model: str | None = None  # None: the workspace default
    respond: Respond = "mentions"
    visibility: Visibility = "public"


@dataclass
class AnswerPost:
    message_key: str
    channel: str
    thread_ts: str
    status: Literal["started", "posted"]
    placeholder_ts: str | None = None
    message_ts: list[str] = field(default_factory=list)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class BotStore:
    def __init__(self, connection: aiosqlite.Connection) -> None:
        self.connection = connection

    @classmethod
    @asynccontextmanager
    async def open(cls, path: Path) -> AsyncIterator[BotStore]:
        path.parent.mkdir(parents=True, exist_ok=True)
        async with aiosqlite.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_S) as connection:
            await connection.execute("PRAGMA journal_mode=WAL")
            await connection.execute("PRAGMA synchronous=FULL")
            for statement in _SCHEMA:
                await connection.execute(statement)
            yield cls(connection)

    # ---- answers -----------------------------------------------------------------------------

    async def answer_post(self, message_key: str) -> AnswerPost | None:
        cursor = await self.connection.execute(
            "SELECT message_key, channel, thread_ts, status, placeholder_ts, message_ts FROM answer_posts "
            "WHERE message_key = ?",
            (message_key,),
        )
        row = await cursor.fetchone()
        if row is None:
            return None
        return AnswerPost(row[0], row[1], row[2], row[3], row[4], json.loads(row[5]))

    async def start_answer(self, message_key: str, channel: str, thread_ts: str) -> AnswerPost:
        """The record of an answer in progress (created once; a rerun gets the existing one)."""
        await self.connection.execute(
            "INSERT INTO answer_posts (message_key, channel, thread_ts, status, updated_at) VALUES (?, ?, ?, "
            "'started', ?) ON CONFLICT(message_key) DO NOTHING",
            (message_key, channel, thread_ts, _now()),
        )
        post = await self.answer_post(message_key)
        assert post is not None
        return post

    async def set_placeholder(self, message_key: str, ts: str) -> None:
        await self.connection.execute(
            "UPDATE answer_posts SET placeholder_ts = ?, updated_at = ? WHERE message_key = ?",
            (ts, _now(), message_key),
        )

    async def finish_answer(self, message_key: str, message_ts: list[str]) -> None:
        await self.connection.execute(
            "UPDATE answer_posts SET status = 'posted', message_ts = ?, updated_at = ? WHERE message_key = ?",
            (json.dumps(message_ts), _now(), message_key),
        )

    # ---- channel settings --------------------------------------------------------------------

    async def channel_settings(self, channel: str) -> ChannelSettings:
        cursor = await self.connection.execute(
            "SELECT model, respond, visibility FROM channel_settings WHERE channel = ?", (channel,)
        )
        row = await cursor.fetchone()
        if row is None:
            return ChannelSettings(channel=channel)
        return ChannelSettings(channel=channel, model=row[0], respond=row[1], visibility=row[2])

    async def save_channel_settings(self, settings: ChannelSettings, user: str) -> None:
        await self.connection.execute(
            "INSERT INTO channel_settings (channel, model, respond, visibility, updated_by, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(channel) DO UPDATE SET model = excluded.model, "
            "respond = excluded.respond, visibility = excluded.visibility, updated_by = excluded.updated_by, "
            "updated_at = excluded.updated_at",
            (settings.channel, settings.model, settings.respond, settings.visibility, user, _now()),
        )
