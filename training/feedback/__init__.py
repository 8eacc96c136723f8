"""Open the feedback store named in settings; the only place a database URL maps to a backend.

``settings.database_url`` None keeps feedback in ``feedback.sqlite`` in the data dir; a
``postgresql://`` URL puts it in that database (same tables, same statements). Backends are
imported only when chosen, so the embedded path never loads psycopg.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Generator
from types import TracebackType
from typing import Any

from tools.settings import Settings
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

SQLITE_FILE = "feedback.sqlite"


async def _sqlite(settings: Settings) -> FeedbackStore:
    from training.feedback.sqlite import open_sqlite_store

    return await open_sqlite_store(settings.data_path / SQLITE_FILE)


async def _postgres(settings: Settings) -> FeedbackStore:
    from training.feedback.postgres import open_postgres_store

    assert settings.database_url is not None  # chosen by its scheme below
    return await open_postgres_store(settings.database_url)


_BACKENDS: dict[str | None, Callable[[Settings], Awaitable[FeedbackStore]]] = {
    None: _sqlite,
    "postgresql": _postgres,
    "postgres": _postgres,
}


def _scheme(database_url: str | None) -> str | None:
    return None if database_url is None else database_url.partition("://")[0].lower()


class OpeningStore:
    """The store being opened: await it for an open store, or ``async with`` it to have it closed too."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._store: FeedbackStore | None = None

    async def _open(self) -> FeedbackStore:
        scheme = _scheme(self._settings.database_url)
        if scheme not in _BACKENDS:
            raise ValueError(f"LABBOT_DATABASE_URL must be a postgresql:// URL (or unset for SQLite), not {scheme}://")
        return await _BACKENDS[scheme](self._settings)

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
