"""The bot store at scale: the same tables in PostgreSQL, through a small psycopg pool per process."""

from __future__ import annotations

from bot.state.sql import SqlBotStore, create_schema
from training.feedback.postgres import PostgresDatabase

_SCHEMA_LOCK = 0x1AB_B075  # advisory lock id: processes starting together must not race on CREATE TABLE


async def open_postgres_bot_store(url: str) -> SqlBotStore:
    database = await PostgresDatabase.connect(url)
    try:
        async with database.writing() as session:
            await session.execute("SELECT pg_advisory_xact_lock(:lock)", {"lock": _SCHEMA_LOCK})
            await create_schema(session)
    except BaseException:
        await database.close()
        raise
    return SqlBotStore(database)
