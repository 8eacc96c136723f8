"""Open the bot store named in settings; the only place a database URL maps to a bot-store backend.

``settings.database_url`` None keeps the record in ``bot.sqlite`` in the data dir; a
``postgresql://`` URL puts it in that database (same tables, same statements). Backends are
imported only when chosen, so the embedded path never loads psycopg.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from bot.state.protocol import AnswerPost, BotStore, ChannelSettings, Respond, Visibility
from tools.settings import Settings

SQLITE_FILE = "bot.sqlite"


async def _sqlite(settings: Settings) -> BotStore:
    from bot.state.sqlite import open_sqlite_bot_store

    return await open_sqlite_bot_store(settings.data_path / SQLITE_FILE)


async def _postgres(settings: Settings) -> BotStore:
    from bot.state.postgres import open_postgres_bot_store

    assert settings.database_url is not None  # chosen by its scheme below
    return await open_postgres_bot_store(settings.database_url)


_BACKENDS: dict[str | None, Callable[[Settings], Awaitable[BotStore]]] = {
    None: _sqlite,
    "postgresql": _postgres,
    "postgres": _postgres,
}


@asynccontextmanager
async def open_bot_store(settings: Settings) -> AsyncIterator[BotStore]:
    """``async with open_bot_store(settings) as store:`` a ready store (tables created), closed on exit."""
    url = settings.database_url
    scheme = None if url is None else url.partition("://")[0].lower()
    if scheme not in _BACKENDS:
        raise ValueError(f"LABBOT_DATABASE_URL must be a postgresql:// URL (or unset for SQLite), not {scheme}://")
    store = await _BACKENDS[scheme](settings)
    try:
        yield store
    finally:
        await store.close()


__all__ = ["AnswerPost", "BotStore", "ChannelSettings", "Respond", "Visibility", "open_bot_store"]
