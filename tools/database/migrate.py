"""Bring the database to this labbot's schema: Alembic's migrations, run once, one process at a time.

Every process that opens the database upgrades it first (``labbot db upgrade`` does only that), so
workers starting together each try; the migrations run in one transaction that first takes the
database's write lock (SQLite's ``BEGIN IMMEDIATE``, a PostgreSQL advisory lock), so the first one
migrates and the rest find the schema already at head. A database migrated by a newer labbot is
refused rather than misread.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import text
from sqlalchemy.engine import Connection

from tools.database.engine import Database

MIGRATIONS = Path(__file__).with_name("migrations")
MIGRATION_LOCK = 0x1AB_D8A5E  # PostgreSQL advisory lock id held while migrating


class DatabaseTooNew(RuntimeError):
    """The database was migrated by a newer labbot; reading it with this one could misread it."""


def _config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head() -> str:
    revision = ScriptDirectory.from_config(_config()).get_current_head()
    assert revision is not None
    return revision


def current(connection: Connection) -> set[str]:
    return set(MigrationContext.configure(connection).get_current_heads())


def _upgrade(connection: Connection) -> None:
    config = _config(connection)
    scripts = ScriptDirectory.from_config(config)
    for revision in current(connection):
        try:
            scripts.get_revision(revision)
        except CommandError as error:
            raise DatabaseTooNew(
                f"the database is at migration {revision}, which this labbot does not have: a newer labbot wrote it"
            ) from error
    command.upgrade(config, "head")


async def upgrade(database: Database) -> None:
    """Migrate to head (a no-op when already there)."""
    # on SQLite the transaction begins with BEGIN IMMEDIATE (tools.database.engine): the file's write lock
    async with database.engine.connect() as connection, connection.begin():
        if database.target.backend == "postgresql":
            await connection.execute(text("SELECT pg_advisory_xact_lock(:lock)"), {"lock": MIGRATION_LOCK})
        await connection.run_sync(_upgrade)
