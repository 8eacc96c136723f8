"""The feedback store, in labbot's one database (tools.database picks SQLite or PostgreSQL from settings).

A worker builds ``FeedbackStore(database)`` on the runtime's shared database; ``open_feedback_store``
opens a database of its own for a command that needs only this store, and closes it with the store.
"""

from __future__ import annotations

from collections.abc import Generator
from types import TracebackType
from typing import Any

from tools.database import open_database
from tools.settings import Settings
from training.feedback.protocol import (
    BUTTON_SLOT,
    AnswerRecord,
    FeedbackSignal,
    Label,
    RatedAnswer,
    SignalValue,
    Source,
    Vote,
)
from training.feedback.store import FeedbackStore


class OpeningStore:
    """The store being opened: await it for an open store, or ``async with`` it to have it closed too."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._store: FeedbackStore | None = None

    async def _open(self) -> FeedbackStore:
        return FeedbackStore(await open_database(self._settings), owns_database=True)

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
    """``await open_feedback_store(s)`` → a ready store (the database migrated) that the caller closes;
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
