"""The feedback tables and every statement on them, written once for SQLite and PostgreSQL.

The tables are declared on labbot's one MetaData (tools.database); tools/database/migrations creates
them. Both backends run exactly these statements: ``INSERT … ON CONFLICT … DO NOTHING / DO UPDATE …
WHERE``, which both parse alike, with ``:name`` parameters. Identifier columns compare as bytes on
both (tools.database.bytewise_text), so that tie-breaks and orderings do not depend on a server's locale.

Timestamps of our own (created_at, received_at) are ISO-8601 UTC text with microseconds, whose
text order is time order; Slack's event times are integer microseconds (``event_us``), exact and
ordered alike on both backends. JSON payloads are text: stored and returned byte for byte.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import BigInteger, CheckConstraint, Column, Index, Integer, Table, Text

from tools.database import bytewise_text, metadata

_SOURCE = "source IN ('reaction', 'button')"
_VALUE = "value IN (-1, 0, 1)"


def _id(name: str, *, primary_key: bool = False) -> Column[str]:
    return Column(name, bytewise_text(), nullable=False, primary_key=primary_key)


def _text(name: str) -> Column[str]:
    return Column(name, Text(), nullable=False)


answers = Table(
    "feedback_answers",
    metadata,
    _id("answer_id", primary_key=True),
    *(_id(name) for name in ("team", "channel", "thread_ts")),
    *(_text(name) for name in ("message_ts", "question", "thread_context", "model", "answer")),
    _id("created_at"),
    Index("feedback_answers_channel", "channel", "created_at"),
)
answer_messages = Table(
    "feedback_answer_messages",
    metadata,
    _id("channel", primary_key=True),
    _id("message_ts", primary_key=True),
    _id("answer_id"),
    Index("feedback_answer_messages_answer", "answer_id"),
)
signals = Table(
    "feedback_signals",
    metadata,
    _id("event_key", primary_key=True),
    *(_id(name) for name in ("answer_id", "user_id", "source", "kind")),
    Column("value", Integer(), nullable=False),
    Column("event_us", BigInteger(), nullable=False),
    _id("received_at"),
    CheckConstraint(_SOURCE),
    CheckConstraint(_VALUE),
    Index("feedback_signals_received", "received_at", "event_key"),
    Index("feedback_signals_voter", "user_id", "answer_id"),
)
labels = Table(
    "feedback_labels",
    metadata,
    *(_id(name, primary_key=True) for name in ("answer_id", "user_id", "source", "slot")),
    _id("kind"),
    Column("value", Integer(), nullable=False),
    Column("event_us", BigInteger(), nullable=False),
    _id("event_key"),
    CheckConstraint(_SOURCE),
    CheckConstraint(_VALUE),
    Index("feedback_labels_voter", "user_id", "answer_id"),
)


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
