"""The feedback store over labbot's one database (tools.database): SQLite embedded, PostgreSQL at scale.

Every public write is one transaction, so a writer killed mid-call leaves all of it or none, and
every write is an idempotent upsert, so redoing a call whose outcome was never seen is always safe.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import UTC, datetime
from decimal import Decimal
from itertools import groupby

from tools.closing import ClosedOnExit
from tools.database import Database, Row
from training.feedback import schema
from training.feedback.protocol import AnswerRecord, FeedbackSignal, Label, RatedAnswer, Vote
from training.feedback.rules import votes_from_labels

_JSON_COLUMNS = ("message_ts", "answer")  # stored as JSON text


class FeedbackStore(ClosedOnExit):
    """Every write is one transaction and idempotent; a writer killed at any point loses and doubles nothing.

    ``owns_database``: closing the store closes the database too (a store opened on its own, as the
    training CLI does); a worker's stores share the runtime's database and leave closing it to the runtime.
    """

    def __init__(self, database: Database, *, owns_database: bool = False) -> None:
        self._database = database
        self._owns_database = owns_database

    async def record_answer(self, record: AnswerRecord) -> bool:
        """Store the answer and map its messages to it; True if new. A repeat (same answer_id) changes nothing."""
        async with self._database.writing() as session:
            if not await session.execute(schema.INSERT_ANSWER, answer_params(record)):
                return False  # a re-delivered job: the first record stands, messages included
            for ts in record.message_ts:
                message = {"channel": record.channel, "message_ts": ts, "answer_id": record.answer_id}
                await session.execute(schema.INSERT_ANSWER_MESSAGE, message)
            return True

    async def answer_for_message(self, channel: str, ts: str) -> AnswerRecord | None:
        """The answer one of whose messages is (channel, ts), if any."""
        async with self._database.reading() as session:
            rows = await session.fetch(schema.SELECT_ANSWER_FOR_MESSAGE, {"channel": channel, "ts": ts})
        return record_from_row(rows[0]) if rows else None

    async def record_signal(self, signal: FeedbackSignal) -> bool:
        """Store one delivery and fold it into its label; True if new. A replayed event_key changes nothing."""
        async with self._database.writing() as session:
            if not await session.execute(schema.INSERT_SIGNAL, signal_params(signal)):
                return False  # seen before: its label already includes it
            await session.execute(schema.UPSERT_LABEL, label_params(signal))
            return True

    async def labels(self, answer_id: str | None = None) -> list[Label]:
        """Labels of one answer, or of all, ordered by (answer_id, user, source, slot)."""
        async with self._database.reading() as session:
            if answer_id is None:
                rows = await session.fetch(schema.SELECT_LABELS)
            else:
                rows = await session.fetch(schema.SELECT_LABELS_OF_ANSWER, {"answer_id": answer_id})
        return [label_from_row(row) for row in rows]

    async def votes(self, answer_id: str | None = None) -> list[Vote]:
        """One vote per (answer, user) that has any label, ordered by (answer_id, user)."""
        return votes_from_labels(await self.labels(answer_id))

    async def signals(self, since: datetime | None = None) -> list[FeedbackSignal]:
        """Raw signals received at or after `since`, ordered by (received_at, event_key)."""
        async with self._database.reading() as session:
            if since is None:
                rows = await session.fetch(schema.SELECT_SIGNALS)
            else:
                rows = await session.fetch(schema.SELECT_SIGNALS_SINCE, {"since": utc_text(since)})
        return [signal_from_row(row) for row in rows]

    async def rated_answers(self, channels: Collection[str] | None = None) -> list[RatedAnswer]:
        """Answers that received any label, in these channels (None: all), with their labels and votes."""
        answers_sql, labels_sql, params = schema.select_rated(None if channels is None else sorted(channels))
        async with self._database.reading() as session:  # one snapshot: no label without its answer
            answer_rows = await session.fetch(answers_sql, params)
            label_rows = await session.fetch(labels_sql, params)
        labels = {
            answer_id: [label_from_row(row) for row in rows]
            for answer_id, rows in groupby(label_rows, key=lambda row: str(row[0]))
        }
        return [_rated(record_from_row(row), labels[row[0]]) for row in answer_rows]

    async def close(self) -> None:
        if self._owns_database:
            await self._database.close()


def _rated(record: AnswerRecord, labels: list[Label]) -> RatedAnswer:
    return RatedAnswer(record=record, labels=tuple(labels), votes=tuple(votes_from_labels(labels)))


# ---- rows ↔ models ----------------------------------------------------------------------------------------


def utc_text(moment: datetime) -> str:
    """Fixed-width ISO-8601 in UTC, so that text order is time order on both backends."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def event_us(event_ts: Decimal) -> int:
    return int(event_ts.scaleb(6))


def event_ts(micros: int) -> Decimal:
    return Decimal(micros).scaleb(-6)


def answer_params(record: AnswerRecord) -> dict[str, object]:
    data = record.model_dump(mode="json")
    params = {column: data[column] for column in schema.ANSWER_COLUMNS}
    for column in _JSON_COLUMNS:
        params[column] = json.dumps(data[column], ensure_ascii=False, separators=(",", ":"))
    return params | {"created_at": utc_text(record.created_at)}


def record_from_row(row: Row) -> AnswerRecord:
    fields = dict(zip(schema.ANSWER_COLUMNS, row, strict=True))
    for column in _JSON_COLUMNS:
        fields[column] = json.loads(fields[column])
    return AnswerRecord.model_validate(fields)


def signal_params(signal: FeedbackSignal) -> dict[str, object]:
    return {
        "event_key": signal.event_key,
        "answer_id": signal.answer_id,
        "user_id": signal.user,
        "source": signal.source,
        "kind": signal.kind,
        "value": signal.value,
        "event_us": event_us(signal.event_ts),
        "received_at": utc_text(signal.received_at),
    }


def signal_from_row(row: Row) -> FeedbackSignal:
    key, answer_id, user, source, kind, value, micros, received_at = row
    return FeedbackSignal(
        event_key=key,
        answer_id=answer_id,
        user=user,
        source=source,
        kind=kind,
        value=value,
        event_ts=event_ts(micros),
        received_at=datetime.fromisoformat(received_at),
    )


def label_params(signal: FeedbackSignal) -> dict[str, object]:
    params = signal_params(signal)
    del params["received_at"]
    return params | {"slot": signal.slot}


def label_from_row(row: Row) -> Label:
    answer_id, user, source, slot, kind, value, micros, key = row
    return Label(
        answer_id=answer_id,
        user=user,
        source=source,
        slot=slot,
        kind=kind,
        value=value,
        event_ts=event_ts(micros),
        event_key=key,
    )
