"""The checkpointer that gives threads their memory: async SQLite embedded, PostgreSQL at scale."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import aiosqlite
from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer
from langgraph.checkpoint.sqlite.aio import AsyncSqliteSaver

from graph.schemas import SCHEMA_TYPES
from tools.settings import Settings

# Deserialise only labbot's own state types (plus LangGraph's safe built-ins), never arbitrary classes.
BUSY_TIMEOUT_S = 30
SERIALIZER = JsonPlusSerializer(allowed_msgpack_modules=[(t.__module__, t.__name__) for t in SCHEMA_TYPES])


@asynccontextmanager
async def open_checkpointer(settings: Settings) -> AsyncIterator[AsyncSqliteSaver]:
    path = settings.data_path / "checkpoints.sqlite"
    path.parent.mkdir(parents=True, exist_ok=True)
    # several worker processes share the file: wait for a writer instead of failing at once
    async with aiosqlite.connect(path, timeout=BUSY_TIMEOUT_S) as connection:
        saver = AsyncSqliteSaver(connection, serde=SERIALIZER)
        await saver.setup()
        yield saver
