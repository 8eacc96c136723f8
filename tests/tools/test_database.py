"""labbot's one database: a database of the schema before Alembic upgrades with every row kept, on both backends.

before_alembic/ holds what the previous labbot left: each store's CREATE statements as it ran them
(``{id}`` is its identifier type per backend) and the rows its stores wrote (dumped from a run of
that labbot). On SQLite those were three files in the data dir; on PostgreSQL, one database.
"""

from __future__ import annotations

import asyncio
import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import psycopg
import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.engine import Connection
from typer.testing import CliRunner

import bot.digests.store
import bot.state.store
import training.feedback.store
from bot.cli import app
from bot.digests import SubscriptionStore
from bot.state import BotStore, ChannelSettings
from tests.conftest import FIXTURES
from tests.training.conftest import (
    CHANNEL,
    FIRST_TS,
    backend_settings,
    click,
    postgres_server,
    postgres_url,
    reaction,
    record,
)
from tools.database import Database, DatabaseTooNew, database_target, metadata, open_database
from tools.database.migrate import head
from tools.settings import Settings
from training.feedback import FeedbackStore
from training.feedback.rules import fold_labels

__all__ = ["backend_settings", "postgres_server", "postgres_url"]  # fixtures, shared with the feedback store's tests
BEFORE = FIXTURES / "database" / "before_alembic"
STORES = ("feedback", "bot", "digests")
IDENTIFIER = {"sqlite": "TEXT", "postgres": 'TEXT COLLATE "C"'}
AT = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)  # every time the old run stamped itself
assert bot.digests.store and bot.state.store and training.feedback.store  # their tables are on `metadata`


def old_statements(store: str, backend: str) -> list[str]:
    ddl = (BEFORE / f"{store}.sql").read_text().replace("{id}", IDENTIFIER[backend])
    rows = (BEFORE / f"{store}.rows.sql").read_text()
    return [statement.strip() for statement in f"{ddl}\n{rows}".split(";\n") if statement.strip()]


def old_sqlite_files(data: Path) -> dict[str, int]:
    """The three files the previous labbot kept in the data dir; returns each table's row count."""
    data.mkdir(parents=True, exist_ok=True)
    counts = {}
    for store in STORES:
        with closing(sqlite3.connect(data / f"{store}.sqlite")) as db, db:
            for statement in old_statements(store, "sqlite"):
                db.execute(statement)
            counts |= _counts(db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall(), db)
    return counts


def old_postgres_schema(url: str) -> dict[str, int]:
    with psycopg.connect(url) as db:
        for store in STORES:
            for statement in old_statements(store, "postgres"):
                db.execute(statement.encode())
        tables = db.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()").fetchall()
        return _counts(tables, db)


def _counts(tables: list[tuple[str]], db: sqlite3.Connection | psycopg.Connection[tuple[int]]) -> dict[str, int]:
    counts = {}
    for (table,) in tables:
        row = db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()  # names from the catalogue
        assert row is not None
        counts[table] = int(row[0])
    return counts


async def new_counts(database: Database) -> dict[str, int]:
    async with database.reading() as session:
        return {
            table: int((await session.fetch(f"SELECT COUNT(*) FROM {table}"))[0][0])  # our own table names
            for table in metadata.tables
        }


@pytest.fixture(params=["sqlite", "postgres"])
def old_database(request: pytest.FixtureRequest, settings: Settings) -> tuple[Settings, dict[str, int]]:
    """Settings naming a database the previous labbot wrote, and how many rows each of its tables held."""
    if request.param == "sqlite":
        return settings, old_sqlite_files(settings.data_path)
    url = request.getfixturevalue("postgres_url")
    return Settings(data_dir=settings.data_dir, database_url=url), old_postgres_schema(url)


async def test_an_old_database_upgrades_with_every_row_kept_and_readable(
    old_database: tuple[Settings, dict[str, int]],
) -> None:
    settings, before = old_database
    assert sum(before.values()) > 20 and before.pop("feedback_meta") == 1
    database = await open_database(settings)
    try:
        assert await new_counts(database) == before
        feedback, bot_store, digests = FeedbackStore(database), BotStore(database), SubscriptionStore(database)
        assert await feedback.answer_for_message(CHANNEL, FIRST_TS) == record(created_at=AT)
        signals = [
            reaction("Ev1", "+1", "1700000001.000000"),
            reaction("Ev2", "-1", "1700000002.000000", user="U2"),
            click("Ev3", "up", "1700000003.000000"),
        ]
        assert await feedback.signals() == [s.model_copy(update={"received_at": AT}) for s in signals]
        assert await feedback.labels() == fold_labels(signals)
        posted = await bot_store.answer_post("C1:1.0")
        assert posted is not None and (posted.status, posted.placeholder_ts, posted.message_ts) == (
            "posted",
            "1.1",
            ["1.1", "1.2"],
        )
        assert await bot_store.channel_settings("C1") == ChannelSettings("C1", "ft-lab", "all", "asker_first")
        assert await bot_store.viewed_channel("D1", "1.0") == "C3"
        subscription = await digests.get("a1")
        assert subscription is not None and subscription.last_period == "2026-11-04" and subscription.baselined
        assert await digests.seen_papers("a1") == {"PMID:1", "PMID:2"}
        assert (await digests.claim("a1", "2026-11-11", datetime.now(UTC))).claimed_at == AT
        # and the upgraded database takes new writes as a fresh one would
        assert await feedback.record_signal(click("Ev4", "down", "1700000004.000000"))
        assert not await feedback.record_signal(click("Ev4", "down", "1700000004.000000"))
    finally:
        await database.close()


async def test_workers_starting_together_migrate_once(backend_settings: Settings) -> None:
    databases = await asyncio.gather(*(open_database(backend_settings) for _ in range(4)))
    try:
        async with databases[0].engine.connect() as connection:
            versions = await connection.exec_driver_sql("SELECT version_num FROM alembic_version")
            assert versions.all() == [(head(),)]
    finally:
        for database in databases:
            await database.close()


async def test_the_migrations_build_exactly_the_tables_the_stores_declare(backend_settings: Settings) -> None:
    database = await open_database(backend_settings)
    try:
        async with database.engine.connect() as connection:

            def differences(sync: Connection) -> list[object]:
                return list(compare_metadata(MigrationContext.configure(sync), metadata))

            assert await connection.run_sync(differences) == []
    finally:
        await database.close()


async def test_a_database_from_a_newer_labbot_is_refused(backend_settings: Settings) -> None:
    database = await open_database(backend_settings)
    try:
        async with database.writing() as session:
            await session.execute("UPDATE alembic_version SET version_num = 'f00d'")
    finally:
        await database.close()
    with pytest.raises(DatabaseTooNew, match="f00d"):
        await open_database(backend_settings)


def test_one_url_decision_for_stores_and_checkpoints(settings: Settings) -> None:
    embedded = database_target(settings)
    assert embedded.backend == "sqlite" and embedded.sqlite_path == settings.data_path / "labbot.sqlite"
    assert embedded.checkpoint_path == settings.data_path / "checkpoints.sqlite"
    for url in ("postgresql://u:pw@db:5432/lab?options=-csearch_path%3Dx", "postgresql+psycopg://u:pw@db:5432/lab"):
        target = database_target(settings.model_copy(update={"database_url": url}))
        assert target.backend == "postgresql" and target.url.drivername == "postgresql+psycopg"
        assert target.libpq_url.startswith("postgresql://u:pw@db:5432/lab")
    elsewhere = database_target(settings.model_copy(update={"database_url": "sqlite+aiosqlite:////srv/lab/state.db"}))
    assert elsewhere.checkpoint_path == Path("/srv/lab/checkpoints.sqlite")
    with pytest.raises(ValueError, match=r"not mysql://") as refused:
        database_target(settings.model_copy(update={"database_url": "mysql://u:hunter2@db/x"}))
    assert "hunter2" not in str(refused.value)


def test_labbot_db_upgrade_migrates_the_data_dirs_database(settings: Settings) -> None:
    old_sqlite_files(settings.data_path)
    result = CliRunner().invoke(app, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert f"database at migration {head()}" in result.output
    with closing(sqlite3.connect(settings.data_path / "labbot.sqlite")) as db:
        assert db.execute("SELECT COUNT(*) FROM answer_posts").fetchone() == (2,)
    again = CliRunner().invoke(app, ["db", "upgrade"])
    assert again.exit_code == 0 and f"database at migration {head()}" in again.output
