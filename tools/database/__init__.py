"""labbot's one SQL database: SQLite in the data dir (embedded) or PostgreSQL (scale), from LABBOT_DATABASE_URL.

``await open_database(settings)`` gives the process's engine with the schema at head (migrations run
first); every store takes its transactions from it and keeps only its own tables and statements.
``database_target(settings)`` is the URL decision, shared with LangGraph's checkpointer.
"""

from __future__ import annotations

from tools.database.engine import Database, Params, Row, Session
from tools.database.migrate import DatabaseTooNew, upgrade
from tools.database.schema import bytewise_text, metadata
from tools.database.target import Backend, Target, database_target
from tools.extras import require
from tools.settings import Settings


async def open_database(settings: Settings, *, migrate: bool = True) -> Database:
    """The database of these settings, migrated to this labbot's schema; the caller closes it."""
    target = database_target(settings)
    if target.backend == "postgresql":
        require("postgres", "a postgresql:// LABBOT_DATABASE_URL")
    database = Database(target)
    try:
        if migrate:
            await upgrade(database)
    except BaseException:
        await database.close()
        raise
    return database


__all__ = [
    "Backend",
    "Database",
    "DatabaseTooNew",
    "Params",
    "Row",
    "Session",
    "Target",
    "bytewise_text",
    "database_target",
    "metadata",
    "open_database",
    "upgrade",
]
