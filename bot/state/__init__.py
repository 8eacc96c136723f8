"""Open the bot store named in settings (the backend is picked by training.feedback.database).

``settings.database_url`` None keeps the record in ``bot.sqlite`` in the data dir; a
``postgresql://`` URL puts it in that database (same tables, same statements). Backends are
imported only when chosen, so the embedded path never loads psycopg.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.state.protocol import AnswerPost, BotStore, ChannelSettings, Respond, Visibility
from bot.state.sql import SqlBotStore, create_schema
from tools.settings import Settings
from training.feedback.database import open_database

SQLITE_FILE = "bot.sqlite"
SCHEMA_LOCK = 0x1AB_B075  # PostgreSQL advisory lock id of this store's CREATE TABLEs


@asynccontextmanager
async def open_bot_store(settings: Settings) -> AsyncIterator[BotStore]:
    """``async with open_bot_store(settings) as store:`` a ready store (tables created), closed on exit."""
    store = SqlBotStore(await open_database(settings, SQLITE_FILE, create_schema, SCHEMA_LOCK))
    try:
        yield store
    finally:
        await store.close()


__all__ = ["AnswerPost", "BotStore", "ChannelSettings", "Respond", "Visibility", "open_bot_store"]
