"""Subscriptions at scale: the same tables in PostgreSQL (LABBOT_DATABASE_URL), shared by every worker."""

from __future__ import annotations

from bot.digests.store import SqlSubscriptionStore, create_schema
from training.feedback.postgres import PostgresDatabase

_SCHEMA_LOCK = 0x1AB_D16E  # advisory lock id: concurrent first starts must not race on CREATE TABLE


async def open_postgres_subscriptions(url: str) -> SqlSubscriptionStore:
    database = await PostgresDatabase.connect(url)
    try:
        async with database.writing() as session:
            await session.execute("SELECT pg_advisory_xact_lock(:lock)", {"lock": _SCHEMA_LOCK})
            await create_schema(session, "postgres")
    except BaseException:
        await database.close()
        raise
    return SqlSubscriptionStore(database)
