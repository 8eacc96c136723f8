"""Subscriptions on one machine: ``digests.sqlite`` in the data dir (the feedback store's SQLite driver)."""

from __future__ import annotations

from pathlib import Path

from bot.digests.store import SqlSubscriptionStore, create_schema
from training.feedback.sqlite import SqliteDatabase


async def open_sqlite_subscriptions(path: Path) -> SqlSubscriptionStore:
    database = await SqliteDatabase.connect(path)
    try:
        async with database.writing() as session:
            await create_schema(session, "sqlite")
    except BaseException:
        await database.close()
        raise
    return SqlSubscriptionStore(database)
