"""The embedded bot store: ``bot.sqlite`` in the data dir (WAL, one write transaction per call)."""

from __future__ import annotations

from pathlib import Path

from bot.state.sql import SqlBotStore, create_schema
from training.feedback.sqlite import SqliteDatabase


async def open_sqlite_bot_store(path: Path) -> SqlBotStore:
    database = await SqliteDatabase.connect(path)
    try:
        async with database.writing() as session:
            await create_schema(session)
    except BaseException:
        await database.close()
        raise
    return SqlBotStore(database)
