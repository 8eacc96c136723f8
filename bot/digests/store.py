"""The subscription tables and every statement on them, the same for SQLite and PostgreSQL.

The tables live in labbot's one database (tools.database); each call is one transaction, with
``:name`` parameters. Times are ISO-8601 UTC text, whose text order is time order.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import CheckConstraint, Column, Index, Integer, Table, Text, text

from bot.digests.protocol import DigestPost, Subscription, TooManySubscriptions
from bot.digests.schedule import Schedule, parse_time
from tools.database import Database, Row, bytewise_text, metadata


def _id(name: str, *, nullable: bool = False, primary_key: bool = False) -> Column[str]:
    return Column(name, bytewise_text(), nullable=nullable, primary_key=primary_key)


subscriptions = Table(
    "digest_subscriptions",
    metadata,
    _id("id", primary_key=True),
    _id("channel"),
    Column("query", Text(), nullable=False),
    _id("cadence"),
    _id("at_time"),
    Column("tz", Text(), nullable=False),
    Column("weekday", Integer(), nullable=False),
    _id("creator"),
    _id("created_at"),
    _id("last_period", nullable=True),
    _id("last_run_at", nullable=True),
    Column("baselined", Integer(), nullable=False, server_default=text("0")),
    CheckConstraint("cadence IN ('daily', 'weekly')"),
    Index("digest_subscriptions_channel", "channel", "created_at"),
)
papers = Table(
    "digest_papers",
    metadata,
    _id("subscription_id", primary_key=True),
    _id("paper_id", primary_key=True),
    _id("kind"),
    _id("period", nullable=True),
    CheckConstraint("kind IN ('sent', 'known')"),
)
posts = Table(
    "digest_posts",
    metadata,
    _id("subscription_id", primary_key=True),
    _id("period", primary_key=True),
    _id("status"),
    _id("claimed_at"),
    Column("plan", Text()),
    _id("message_ts", nullable=True),
    CheckConstraint("status IN ('claimed', 'posted')"),
)
_SUBSCRIPTION_COLUMNS = (
    "id, channel, query, cadence, at_time, tz, weekday, creator, created_at, last_period, last_run_at, baselined"
)
_POST_COLUMNS = "subscription_id, period, status, claimed_at, plan, message_ts"


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _time(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def _subscription(row: Row) -> Subscription:
    schedule = Schedule(cadence=row[3], at=parse_time(row[4]), tz=row[5], weekday=int(row[6]))
    created = _time(row[8])
    assert created is not None
    return Subscription(
        id=row[0],
        channel=row[1],
        query=row[2],
        schedule=schedule,
        creator=row[7],
        created=created,
        last_period=row[9],
        last_run=_time(row[10]),
        baselined=bool(row[11]),
    )


def _post(row: Row) -> DigestPost:
    claimed = _time(row[3])
    assert claimed is not None
    return DigestPost(row[0], row[1], row[2], claimed, row[4], row[5])


class SubscriptionStore:
    """Subscriptions, each period's claim and plan, and the papers already sent or known."""

    def __init__(self, database: Database, *, owns_database: bool = False) -> None:
        self._database = database
        self._owns_database = owns_database

    async def add(self, subscription: Subscription, limit: int) -> None:
        """Raises TooManySubscriptions when the channel already has ``limit``."""
        s = subscription
        async with self._database.writing() as session:
            rows = await session.fetch(
                "SELECT COUNT(*) FROM digest_subscriptions WHERE channel = :channel", {"channel": s.channel}
            )
            if int(rows[0][0]) >= limit:
                raise TooManySubscriptions(f"this channel already has {limit} digests")
            await session.execute(
                f"INSERT INTO digest_subscriptions ({_SUBSCRIPTION_COLUMNS}) VALUES (:id, :channel, :query, :cadence, "
                ":at_time, :tz, :weekday, :creator, :created_at, NULL, NULL, 0)",
                {
                    "id": s.id,
                    "channel": s.channel,
                    "query": s.query,
                    "cadence": s.schedule.cadence,
                    "at_time": s.schedule.at.strftime("%H:%M"),
                    "tz": s.schedule.tz,
                    "weekday": s.schedule.weekday,
                    "creator": s.creator,
                    "created_at": _iso(s.created),
                },
            )

    async def get(self, subscription_id: str) -> Subscription | None:
        async with self._database.reading() as session:
            rows = await session.fetch(
                f"SELECT {_SUBSCRIPTION_COLUMNS} FROM digest_subscriptions WHERE id = :id", {"id": subscription_id}
            )
        return _subscription(rows[0]) if rows else None

    async def subscriptions(self, channel: str | None = None) -> list[Subscription]:
        """Every subscription (of one channel), oldest first."""
        where = "" if channel is None else "WHERE channel = :channel "
        async with self._database.reading() as session:
            rows = await session.fetch(
                f"SELECT {_SUBSCRIPTION_COLUMNS} FROM digest_subscriptions {where}ORDER BY created_at, id",
                {"channel": channel} if channel is not None else None,
            )
        return [_subscription(row) for row in rows]

    async def remove(self, channel: str, subscription_id: str) -> bool:
        """Only from its own channel; True if it existed there."""
        key = {"id": subscription_id, "channel": channel}
        async with self._database.writing() as session:
            removed = await session.execute(
                "DELETE FROM digest_subscriptions WHERE id = :id AND channel = :channel", key
            )
            if removed:
                await session.execute("DELETE FROM digest_papers WHERE subscription_id = :id", key)
                await session.execute("DELETE FROM digest_posts WHERE subscription_id = :id", key)
        return removed > 0

    async def record_known(self, subscription_id: str, paper_ids: Sequence[str]) -> None:
        """The library's matching papers when the subscription began: never reported as new."""
        async with self._database.writing() as session:
            for paper_id in paper_ids:
                await session.execute(
                    "INSERT INTO digest_papers (subscription_id, paper_id, kind, period) "
                    "VALUES (:id, :paper, 'known', NULL) ON CONFLICT (subscription_id, paper_id) DO NOTHING",
                    {"id": subscription_id, "paper": paper_id},
                )
            await session.execute(
                "UPDATE digest_subscriptions SET baselined = 1 WHERE id = :id", {"id": subscription_id}
            )

    async def seen_papers(self, subscription_id: str) -> set[str]:
        """Papers sent in earlier digests or known at the start: never reported again."""
        async with self._database.reading() as session:
            rows = await session.fetch(
                "SELECT paper_id FROM digest_papers WHERE subscription_id = :id", {"id": subscription_id}
            )
        return {str(row[0]) for row in rows}

    async def claim(self, subscription_id: str, period: str, now: datetime) -> DigestPost:
        """The period's row, created on first call; every later call returns the same row."""
        key = {"id": subscription_id, "period": period, "now": _iso(now)}
        async with self._database.writing() as session:
            await session.execute(
                f"INSERT INTO digest_posts ({_POST_COLUMNS}) VALUES (:id, :period, 'claimed', :now, NULL, NULL) "
                "ON CONFLICT (subscription_id, period) DO NOTHING",
                key,
            )
            rows = await session.fetch(
                f"SELECT {_POST_COLUMNS} FROM digest_posts WHERE subscription_id = :id AND period = :period", key
            )
        return _post(rows[0])

    async def save_plan(self, subscription_id: str, period: str, plan: str) -> DigestPost:
        """Keeps the first plan saved (a rerun racing a slow first run posts the same digest)."""
        key = {"id": subscription_id, "period": period, "plan": plan}
        async with self._database.writing() as session:
            await session.execute(
                "UPDATE digest_posts SET plan = :plan "
                "WHERE subscription_id = :id AND period = :period AND plan IS NULL",
                key,
            )
            rows = await session.fetch(
                f"SELECT {_POST_COLUMNS} FROM digest_posts WHERE subscription_id = :id AND period = :period", key
            )
        return _post(rows[0])

    async def finish(
        self, subscription_id: str, period: str, message_ts: str, paper_ids: Sequence[str], ran_at: datetime
    ) -> None:
        """In one transaction: the period posted, its papers sent, the subscription's last run moved on."""
        key = {"id": subscription_id, "period": period, "ts": message_ts, "ran": _iso(ran_at)}
        async with self._database.writing() as session:
            await session.execute(
                "UPDATE digest_posts SET status = 'posted', message_ts = :ts "
                "WHERE subscription_id = :id AND period = :period",
                key,
            )
            for paper_id in paper_ids:
                await session.execute(
                    "INSERT INTO digest_papers (subscription_id, paper_id, kind, period) "
                    "VALUES (:id, :paper, 'sent', :period) ON CONFLICT (subscription_id, paper_id) DO NOTHING",
                    key | {"paper": paper_id},
                )
            await session.execute(
                "UPDATE digest_subscriptions SET last_period = :period, last_run_at = :ran "
                "WHERE id = :id AND (last_period IS NULL OR last_period < :period)",
                key,
            )

    async def close(self) -> None:
        if self._owns_database:
            await self._database.close()
