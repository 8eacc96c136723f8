"""The feedback tables and every statement on them, written once for SQLite and PostgreSQL.

Both backends run exactly these statements: portable DDL (TEXT, INTEGER, BIGINT, CHECK), and
``INSERT … ON CONFLICT … DO NOTHING / DO UPDATE … WHERE``, which both parse alike. The one dialect
difference is spelled in ``ddl(dialect)``: identifier columns compare as bytes (SQLite's default
BINARY, PostgreSQL's "C"), so that tie-breaks and orderings do not depend on a server's locale.
Parameters are written ``:name``; the PostgreSQL driver rewrites them to ``%(name)s``.

Timestamps of our own (created_at, received_at) are ISO-8601 UTC text with microseconds, whose
text order is time order; Slack's event times are integer microseconds (``event_us``), exact and
ordered alike on both backends. JSON payloads are text: stored and returned byte for byte.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal, Protocol

SCHEMA_VERSION = 1
Dialect = Literal["sqlite", "postgres"]
Params = Mapping[str, object]
Row = tuple[Any, ...]

_BYTEWISE_TEXT: dict[Dialect, str] = {"sqlite": "TEXT", "postgres": 'TEXT COLLATE "C"'}

_TABLES = """
CREATE TABLE IF NOT EXISTS feedback_meta (
    key {id} PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS feedback_answers (
    answer_id {id} PRIMARY KEY,
    team {id} NOT NULL,
    channel {id} NOT NULL,
    thread_ts {id} NOT NULL,
    message_ts TEXT NOT NULL,
    question TEXT NOT NULL,
    thread_context TEXT NOT NULL,
    model TEXT NOT NULL,
    answer TEXT NOT NULL,
    passages TEXT NOT NULL,
    verdicts TEXT NOT NULL,
    created_at {id} NOT NULL
);
CREATE INDEX IF NOT EXISTS feedback_answers_channel ON feedback_answers (channel, created_at);
CREATE TABLE IF NOT EXISTS feedback_answer_messages (
    channel {id} NOT NULL,
    message_ts {id} NOT NULL,
    answer_id {id} NOT NULL,
    PRIMARY KEY (channel, message_ts)
);
CREATE INDEX IF NOT EXISTS feedback_answer_messages_answer ON feedback_answer_messages (answer_id);
CREATE TABLE IF NOT EXISTS feedback_signals (
    event_key {id} PRIMARY KEY,
    answer_id {id} NOT NULL,
    user_id {id} NOT NULL,
    source {id} NOT NULL CHECK (source IN ('reaction', 'button')),
    kind {id} NOT NULL,
    value INTEGER NOT NULL CHECK (value IN (-1, 0, 1)),
    event_us BIGINT NOT NULL,
    received_at {id} NOT NULL
);
CREATE INDEX IF NOT EXISTS feedback_signals_received ON feedback_signals (received_at, event_key);
CREATE INDEX IF NOT EXISTS feedback_signals_voter ON feedback_signals (user_id, answer_id);
CREATE TABLE IF NOT EXISTS feedback_labels (
    answer_id {id} NOT NULL,
    user_id {id} NOT NULL,
    source {id} NOT NULL CHECK (source IN ('reaction', 'button')),
    slot {id} NOT NULL,
    kind {id} NOT NULL,
    value INTEGER NOT NULL CHECK (value IN (-1, 0, 1)),
    event_us BIGINT NOT NULL,
    event_key {id} NOT NULL,
    PRIMARY KEY (answer_id, user_id, source, slot)
);
CREATE INDEX IF NOT EXISTS feedback_labels_voter ON feedback_labels (user_id, answer_id)
"""


def ddl(dialect: Dialect) -> list[str]:
    """The CREATE statements, one per item (neither driver runs several statements with parameters)."""
    text = _TABLES.format(id=_BYTEWISE_TEXT[dialect])
    return [statement.strip() for statement in text.split(";") if statement.strip()]


class Session(Protocol):
    """The SQL surface both drivers give a transaction: run a statement, count its rows, or fetch them."""

    async def execute(self, statement: str, params: Params | None = None) -> int: ...

    async def fetch(self, statement: str, params: Params | None = None) -> list[Row]: ...


class SchemaTooNew(RuntimeError):
    """The database was written by a newer labbot; reading it with this one could misread it."""


async def create_schema(session: Session, dialect: Dialect) -> None:
    """Create what is missing and check the version; call inside one write transaction."""
    for statement in ddl(dialect):
        await session.execute(statement)
    await session.execute(
        "INSERT INTO feedback_meta (key, value) VALUES ('schema_version', :version) ON CONFLICT (key) DO NOTHING",
        {"version": str(SCHEMA_VERSION)},
    )
    rows = await session.fetch("SELECT value FROM feedback_meta WHERE key = 'schema_version'")
    if int(rows[0][0]) > SCHEMA_VERSION:
        raise SchemaTooNew(f"feedback schema {rows[0][0]} is newer than this labbot's ({SCHEMA_VERSION})")


# ---- answers ---------------------------------------------------------------------------------------------

ANSWER_COLUMNS = (
    "answer_id",
    "team",
    "channel",
    "thread_ts",
    "message_ts",
    "question",
    "thread_context",
    "model",
    "answer",
    "passages",
    "verdicts",
    "created_at",
)
_ANSWER_SELECT = ", ".join(f"a.{column}" for column in ANSWER_COLUMNS)

INSERT_ANSWER = (
    f"INSERT INTO feedback_answers ({', '.join(ANSWER_COLUMNS)}) "
    f"VALUES ({', '.join(':' + column for column in ANSWER_COLUMNS)}) "
    "ON CONFLICT (answer_id) DO NOTHING"
)
INSERT_ANSWER_MESSAGE = (
    "INSERT INTO feedback_answer_messages (channel, message_ts, answer_id) "
    "VALUES (:channel, :message_ts, :answer_id) ON CONFLICT (channel, message_ts) DO NOTHING"
)
SELECT_ANSWER_FOR_MESSAGE = (
    f"SELECT {_ANSWER_SELECT} FROM feedback_answer_messages m "
    "JOIN feedback_answers a ON a.answer_id = m.answer_id "
    "WHERE m.channel = :channel AND m.message_ts = :ts"
)


# ---- signals and labels ----------------------------------------------------------------------------------

SIGNAL_COLUMNS = ("event_key", "answer_id", "user_id", "source", "kind", "value", "event_us", "received_at")
INSERT_SIGNAL = (
    f"INSERT INTO feedback_signals ({', '.join(SIGNAL_COLUMNS)}) "
    f"VALUES ({', '.join(':' + column for column in SIGNAL_COLUMNS)}) "
    "ON CONFLICT (event_key) DO NOTHING"
)
_SIGNAL_SELECT = f"SELECT {', '.join(SIGNAL_COLUMNS)} FROM feedback_signals"
SELECT_SIGNALS = f"{_SIGNAL_SELECT} ORDER BY received_at, event_key"
SELECT_SIGNALS_SINCE = f"{_SIGNAL_SELECT} WHERE received_at >= :since ORDER BY received_at, event_key"

# A label only moves forward in (event time, event key) order, so replays and late deliveries of older
# events leave it alone, and any delivery order ends on the same row (see training.feedback.rules).
UPSERT_LABEL = (
    "INSERT INTO feedback_labels (answer_id, user_id, source, slot, kind, value, event_us, event_key) "
    "VALUES (:answer_id, :user_id, :source, :slot, :kind, :value, :event_us, :event_key) "
    "ON CONFLICT (answer_id, user_id, source, slot) DO UPDATE SET "
    "kind = excluded.kind, value = excluded.value, event_us = excluded.event_us, event_key = excluded.event_key "
    "WHERE (excluded.event_us, excluded.event_key) > (feedback_labels.event_us, feedback_labels.event_key)"
)
_LABEL_SELECT = "l.answer_id, l.user_id, l.source, l.slot, l.kind, l.value, l.event_us, l.event_key"
_LABEL_ORDER = "l.answer_id, l.user_id, l.source, l.slot"
SELECT_LABELS = f"SELECT {_LABEL_SELECT} FROM feedback_labels l ORDER BY {_LABEL_ORDER}"
SELECT_LABELS_OF_ANSWER = (
    f"SELECT {_LABEL_SELECT} FROM feedback_labels l WHERE l.answer_id = :answer_id ORDER BY {_LABEL_ORDER}"
)


# ---- what an export reads ---------------------------------------------------------------------------------


def _channel_filter(channels: Sequence[str] | None) -> tuple[str, dict[str, object]]:
    """An `AND a.channel IN (…)` clause with one named parameter per channel; empty for None."""
    if channels is None:
        return "", {}
    params: dict[str, object] = {f"channel_{i}": channel for i, channel in enumerate(channels)}
    names = ", ".join(f":{name}" for name in params) or "NULL"  # IN (NULL) matches nothing, as an empty list should
    return f" AND a.channel IN ({names})", params


def select_rated(channels: Sequence[str] | None) -> tuple[str, str, dict[str, object]]:
    """Answers with at least one label (in these channels), and their labels: two queries, ordered alike."""
    where, params = _channel_filter(channels)
    rated = f"EXISTS (SELECT 1 FROM feedback_labels l WHERE l.answer_id = a.answer_id){where}"
    answers = f"SELECT {_ANSWER_SELECT} FROM feedback_answers a WHERE {rated} ORDER BY a.answer_id"
    labels = (
        f"SELECT {_LABEL_SELECT} FROM feedback_labels l JOIN feedback_answers a ON a.answer_id = l.answer_id "
        f"WHERE 1 = 1{where} ORDER BY {_LABEL_ORDER}"
    )
    return answers, labels, params
