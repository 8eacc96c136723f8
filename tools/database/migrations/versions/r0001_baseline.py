"""The schema labbot had before Alembic, and the rows of its three SQLite files brought into one.

Revision ID: 0001
Revises:
Create Date: 2026-12-07

Until now each store created its own tables (``CREATE TABLE IF NOT EXISTS``): on PostgreSQL all in one
database, so the tables may already be there and are created only where missing; on SQLite in three
files (feedback.sqlite, bot.sqlite, digests.sqlite in the data dir), which one engine cannot share, so
their rows are copied into labbot.sqlite here, once. The old files are left as they were.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import sqlalchemy as sa
from alembic import op

from tools.database.schema import bytewise_text

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

LEGACY_FILES = ("feedback.sqlite", "bot.sqlite", "digests.sqlite")
_SOURCE = "source IN ('reaction', 'button')"
_VALUE = "value IN (-1, 0, 1)"


def _id(name: str, *, nullable: bool = False, primary_key: bool = False) -> sa.Column[str]:
    return sa.Column(name, bytewise_text(), nullable=nullable, primary_key=primary_key)


def _text(
    name: str, *, nullable: bool = False, primary_key: bool = False, default: str | None = None
) -> sa.Column[str]:
    return sa.Column(name, sa.Text(), nullable=nullable, primary_key=primary_key, server_default=default)


def _feedback() -> list[sa.Table]:
    meta = op.create_table("feedback_meta", _id("key", primary_key=True), _text("value"), if_not_exists=True)
    answers = op.create_table(
        "feedback_answers",
        _id("answer_id", primary_key=True),
        *(_id(name) for name in ("team", "channel", "thread_ts")),
        *(_text(name) for name in ("message_ts", "question", "thread_context", "model", "answer", "passages")),
        _text("verdicts"),
        _id("created_at"),
        if_not_exists=True,
    )
    op.create_index("feedback_answers_channel", "feedback_answers", ["channel", "created_at"], if_not_exists=True)
    messages = op.create_table(
        "feedback_answer_messages",
        _id("channel", primary_key=True),
        _id("message_ts", primary_key=True),
        _id("answer_id"),
        if_not_exists=True,
    )
    op.create_index("feedback_answer_messages_answer", "feedback_answer_messages", ["answer_id"], if_not_exists=True)
    signals = op.create_table(
        "feedback_signals",
        _id("event_key", primary_key=True),
        *(_id(name) for name in ("answer_id", "user_id", "source", "kind")),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("event_us", sa.BigInteger(), nullable=False),
        _id("received_at"),
        sa.CheckConstraint(_SOURCE),
        sa.CheckConstraint(_VALUE),
        if_not_exists=True,
    )
    op.create_index("feedback_signals_received", "feedback_signals", ["received_at", "event_key"], if_not_exists=True)
    op.create_index("feedback_signals_voter", "feedback_signals", ["user_id", "answer_id"], if_not_exists=True)
    labels = op.create_table(
        "feedback_labels",
        *(_id(name, primary_key=True) for name in ("answer_id", "user_id", "source", "slot")),
        _id("kind"),
        sa.Column("value", sa.Integer(), nullable=False),
        sa.Column("event_us", sa.BigInteger(), nullable=False),
        _id("event_key"),
        sa.CheckConstraint(_SOURCE),
        sa.CheckConstraint(_VALUE),
        if_not_exists=True,
    )
    op.create_index("feedback_labels_voter", "feedback_labels", ["user_id", "answer_id"], if_not_exists=True)
    return [meta, answers, messages, signals, labels]


def _bot() -> list[sa.Table]:
    posts = op.create_table(
        "answer_posts",
        _text("message_key", primary_key=True),
        *(_text(name) for name in ("channel", "thread_ts", "status")),
        _text("placeholder_ts", nullable=True),
        _text("message_ts", default="[]"),
        _text("updated_at"),
        if_not_exists=True,
    )
    channels = op.create_table(
        "channel_settings",
        _text("channel", primary_key=True),
        _text("model", nullable=True),
        _text("respond", default="mentions"),
        _text("visibility", default="public"),
        _text("updated_by", nullable=True),
        _text("updated_at"),
        if_not_exists=True,
    )
    threads = op.create_table(
        "assistant_threads",
        _text("channel", primary_key=True),
        _text("thread_ts", primary_key=True),
        _text("viewed_channel", nullable=True),
        _text("event_ts"),
        _text("updated_at"),
        if_not_exists=True,
    )
    return [posts, channels, threads]


def _digests() -> list[sa.Table]:
    subscriptions = op.create_table(
        "digest_subscriptions",
        _id("id", primary_key=True),
        _id("channel"),
        _text("query"),
        _id("cadence"),
        _id("at_time"),
        _text("tz"),
        sa.Column("weekday", sa.Integer(), nullable=False),
        _id("creator"),
        _id("created_at"),
        _id("last_period", nullable=True),
        _id("last_run_at", nullable=True),
        sa.Column("baselined", sa.Integer(), nullable=False, server_default=sa.text("0")),
        sa.CheckConstraint("cadence IN ('daily', 'weekly')"),
        if_not_exists=True,
    )
    op.create_index(
        "digest_subscriptions_channel", "digest_subscriptions", ["channel", "created_at"], if_not_exists=True
    )
    papers = op.create_table(
        "digest_papers",
        _id("subscription_id", primary_key=True),
        _id("paper_id", primary_key=True),
        _id("kind"),
        _id("period", nullable=True),
        sa.CheckConstraint("kind IN ('sent', 'known')"),
        if_not_exists=True,
    )
    posts = op.create_table(
        "digest_posts",
        _id("subscription_id", primary_key=True),
        _id("period", primary_key=True),
        _id("status"),
        _id("claimed_at"),
        _text("plan", nullable=True),
        _id("message_ts", nullable=True),
        sa.CheckConstraint("status IN ('claimed', 'posted')"),
        if_not_exists=True,
    )
    return [subscriptions, papers, posts]


def upgrade() -> None:
    tables = [*_feedback(), *_bot(), *_digests()]
    connection = op.get_bind()
    if connection.dialect.name == "sqlite":
        _adopt_legacy_files(connection, {table.name: table for table in tables})


def _adopt_legacy_files(connection: sa.Connection, tables: dict[str, sa.Table]) -> None:
    """Copy every row of the old per-store files beside this one; a row already here is kept."""
    main = next(row[2] for row in connection.exec_driver_sql("PRAGMA database_list") if row[1] == "main")
    if not main:
        return  # an in-memory database has no siblings
    for name in LEGACY_FILES:
        path = Path(main).with_name(name)
        if path.is_file():
            for table, rows in _legacy_rows(path, tables):
                connection.execute(table.insert().prefix_with("OR IGNORE"), rows)


def _legacy_rows(path: Path, tables: dict[str, sa.Table]) -> list[tuple[sa.Table, list[dict[str, object]]]]:
    with closing(sqlite3.connect(path)) as legacy:
        present = [row[0] for row in legacy.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        copied = []
        for name in present:
            if name in tables:
                columns = [column.name for column in tables[name].columns]
                selected = legacy.execute(f"SELECT {', '.join(columns)} FROM {name}")  # our own table names
                rows = [dict(zip(columns, row, strict=True)) for row in selected]
                if rows:
                    copied.append((tables[name], rows))
    return copied
