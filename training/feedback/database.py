"""One SQL database chosen by ``LABBOT_DATABASE_URL``: SQLite in the data dir when unset, PostgreSQL otherwise.

Every labbot store (feedback, bot state, digest subscriptions) opens through here, so the backend is
chosen in one place and each store only brings its file name, its schema and its advisory-lock id.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from tools.extras import require
from tools.settings import Settings
from training.feedback.schema import Dialect, Session
from training.feedback.store import Database

CreateSchema = Callable[[Session, Dialect], Awaitable[None]]

_DIALECTS: dict[str | None, Dialect] = {None: "sqlite", "postgresql": "postgres", "postgres": "postgres"}


def dialect_of(database_url: str | None) -> Dialect:
    scheme = None if database_url is None else database_url.partition("://")[0].lower()
    if scheme not in _DIALECTS:
        raise ValueError(f"LABBOT_DATABASE_URL must be a postgresql:// URL (or unset for SQLite), not {scheme}://")
    return _DIALECTS[scheme]


async def _connect(settings: Settings, dialect: Dialect, sqlite_file: str) -> Database:
    if dialect == "sqlite":
        from training.feedback.sqlite import SqliteDatabase

        return await SqliteDatabase.connect(settings.data_path / sqlite_file)
    require("postgres", "a postgresql:// LABBOT_DATABASE_URL")
    from training.feedback.postgres import PostgresDatabase

    assert settings.database_url is not None  # the dialect came from it
    return await PostgresDatabase.connect(settings.database_url)


async def open_database(
    settings: Settings, sqlite_file: str, create_schema: CreateSchema, schema_lock: int
) -> Database:
    """A connected database whose tables exist; the caller closes it.

    On PostgreSQL the schema is created under an advisory lock, because processes starting together
    (several workers) must not race on CREATE TABLE.
    """
    dialect = dialect_of(settings.database_url)
    database = await _connect(settings, dialect, sqlite_file)
    try:
        async with database.writing() as session:
            if dialect == "postgres":
                await session.execute("SELECT pg_advisory_xact_lock(:lock)", {"lock": schema_lock})
            await create_schema(session, dialect)
    except BaseException:
        await database.close()
        raise
    return database
