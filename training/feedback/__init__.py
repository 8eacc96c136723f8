"""Open the feedback store named in settings (the backend is picked by training.feedback.database).

``settings.database_url`` None keeps feedback in ``feedback.sqlite`` in the data dir; a
``postgresql://`` URL puts it in that database (same tables, same statements). Backends are
imported only when chosen, so the embedded path never loads psycopg.
"""

from __future__ import annotations

from collections.abc import Generator
from types import TracebackType
from typing import Any

from tools.settings import Settings
from training.feedback.database import open_database
from training.feedback.protocol import (
    BUTTON_SLOT,
    AnswerRecord,
    FeedbackSignal,
    FeedbackStore,
    Label,
    RatedAnswer,
    SignalValue,
    Source,
    Vote,
)
from training.feedback.schema import create_schema
from training.feedback.store import SqlFeedbackStore

SQLITE_FILE = "feedback.sqlite"
SCHEMA_LOCK = 0x1AB_F33D  # PostgreSQL advisory lock id of this store's CREATE TABLEs


class OpeningStore:
    """The store being opened: await it for an open store, or ``async with`` it to have it closed too."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._store: FeedbackStore | None = None

    async def _open(self) -> FeedbackStore:
        database = await open_database(self._settings, SQLITE_FILE, create_schema, SCHEMA_LOCK)
        return SqlFeedbackStore(database)

    def __await__(self) -> Generator[Any, None, FeedbackStore]:
        return self._open().__await__()

    async def __aenter__(self) -> FeedbackStore:
        self._store = await self._open()
        return self._store

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._store is not None:
            await self._store.close()


def open_feedback_store(settings: Settings) -> OpeningStore:
    """``await open_feedback_store(s)`` → a ready store (schema created or checked) that the caller closes;
    ``async with open_feedback_store(s) as store:`` closes it on exit."""
    return OpeningStore(settings)


__all__ = [
    "BUTTON_SLOT",
    "AnswerRecord",
    "FeedbackSignal",
    "FeedbackStore",
    "Label",
    "OpeningStore",
    "RatedAnswer",
    "SignalValue",
    "Source",
    "Vote",
    "open_feedback_store",
]
