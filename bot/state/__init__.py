"""The bot's durable record, in labbot's one database (tools.database picks SQLite or PostgreSQL).

A worker builds ``BotStore(database)`` on the runtime's shared database; ``open_bot_store`` opens a
database of its own (the front door, tests) and closes it on exit.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.state.protocol import AnswerPost, ChannelSettings, Respond, Visibility
from bot.state.store import BotStore
from tools.database import open_database
from tools.settings import Settings


@asynccontextmanager
async def open_bot_store(settings: Settings) -> AsyncIterator[BotStore]:
    """``async with open_bot_store(settings) as store:`` a ready store (the database migrated), closed on exit."""
    store = BotStore(await open_database(settings), owns_database=True)
    try:
        yield store
    finally:
        await store.close()


__all__ = ["AnswerPost", "BotStore", "ChannelSettings", "Respond", "Visibility", "open_bot_store"]
