"""The checkpointer that gives threads their memory: async SQLite embedded, PostgreSQL at scale.

Which database is tools.database's decision, the same one every labbot store follows: on SQLite,
checkpoints go in ``checkpoints.sqlite`` beside labbot's own file (the data dir by default); on
PostgreSQL, in that database through LangGraph's AsyncPostgresSaver over a small psycopg pool of its
own (the saver needs psycopg connections, not SQLAlchemy's). Either way the saver deserialises only
labbot's own state types; the PostgreSQL driver is imported only when chosen.
"""

from __future__ import annotations

import asyncio
import fcntl
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

import aiosqlite
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.checkpoint.serde.jsonplus import JsonPlusSerializer
from langgraph.checkpoint.sqlite.aio import AsyncSqliteSaver

from graph.schemas import SCHEMA_TYPES
from tools.database import Backend, Target, database_target
from tools.extras import require
from tools.settings import Settings

# Deserialise only labbot's own state types (plus LangGraph's safe built-ins), never arbitrary classes.
BUSY_TIMEOUT_S = 30
SERIALIZER = JsonPlusSerializer(allowed_msgpack_modules=[(t.__module__, t.__name__) for t in SCHEMA_TYPES])
POOL_SIZE = 2  # the saver serialises its own calls behind a lock; a second connection covers a reconnect
CONNECT_TIMEOUT_S = 10
SETUP_WAIT_S = 120  # another process creating the tables (workers starting together)
_SETUP_LOCK = 0x1AB_C4EC  # advisory lock id: workers starting together must not race on the migrations

Saver = BaseCheckpointSaver[Any]


@asynccontextmanager
async def _sqlite(target: Target) -> AsyncIterator[Saver]:
    path = target.checkpoint_path
    path.parent.mkdir(parents=True, exist_ok=True)
    # several worker processes share the file: wait for a writer instead of failing at once
    async with aiosqlite.connect(path, timeout=BUSY_TIMEOUT_S) as connection:
        yield await sqlite_saver(connection, path)


async def sqlite_saver(connection: aiosqlite.Connection, path: Path) -> AsyncSqliteSaver:
    """The saver on an open connection to ``path``, its tables set up (one process at a time)."""
    saver = AsyncSqliteSaver(connection, serde=SERIALIZER)
    async with _file_lock(path.with_name(path.name + ".setup-lock")):
        await saver.setup()
    return saver


@asynccontextmanager
async def _file_lock(path: Path) -> AsyncIterator[None]:
    """Held by one process at a time while the saver sets up its file.

    The setup switches the file to WAL, and SQLite answers "database is locked" at once, without its
    busy wait, to a connection doing that while another does the same (workers starting together).
    Waiters poll, so a cancelled start-up never leaves a thread blocked on the lock.
    """
    with path.open("a") as handle:
        deadline = asyncio.get_running_loop().time() + SETUP_WAIT_S
        while not _try_flock(handle.fileno()):
            if asyncio.get_running_loop().time() > deadline:
                raise TimeoutError(f"another process held {path} for {SETUP_WAIT_S} s")
            await asyncio.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _try_flock(descriptor: int) -> bool:
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


@asynccontextmanager
async def _postgres(target: Target) -> AsyncIterator[Saver]:
    require("postgres", "a postgresql:// LABBOT_DATABASE_URL")
    from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
    from psycopg import AsyncConnection
    from psycopg.rows import dict_row
    from psycopg_pool import AsyncConnectionPool

    url = target.libpq_url
    # what AsyncPostgresSaver needs of a connection: autocommit, no server-side prepared statements
    # (poolers such as PgBouncer reject them), rows as dicts
    options = {"autocommit": True, "prepare_threshold": 0, "row_factory": dict_row}
    pool: AsyncConnectionPool[AsyncConnection[Any]] = AsyncConnectionPool(
        url,
        min_size=1,
        max_size=POOL_SIZE,
        open=False,
        kwargs=options,
        check=AsyncConnectionPool.check_connection,  # a server restart must not fail the next answer
        name="labbot-checkpoints",
    )
    await pool.open(wait=True, timeout=CONNECT_TIMEOUT_S)
    try:
        saver = AsyncPostgresSaver(pool, serde=SERIALIZER)
        async with _setup_lock(url):
            await saver.setup()
        yield saver
    finally:
        await pool.close()


@asynccontextmanager
async def _setup_lock(url: str) -> AsyncIterator[None]:
    """Held by one process at a time, on a connection of its own, released when that connection closes.

    Waiters poll with pg_try_advisory_lock instead of blocking in pg_advisory_lock: the migrations run
    CREATE INDEX CONCURRENTLY, which waits for every open transaction, a blocked waiter's included, and
    so would deadlock against it.
    """
    from psycopg import AsyncConnection

    async with await AsyncConnection.connect(url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S) as lock:
        deadline = asyncio.get_running_loop().time() + SETUP_WAIT_S
        while not await _try_lock(lock):
            if asyncio.get_running_loop().time() > deadline:
                raise TimeoutError(f"another process held the checkpoint schema lock for {SETUP_WAIT_S} s")
            await asyncio.sleep(0.2)
        yield


async def _try_lock(connection: Any) -> bool:
    cursor = await connection.execute("SELECT pg_try_advisory_lock(%s)", (_SETUP_LOCK,))
    row = await cursor.fetchone()
    return bool(row and row[0])


_BACKENDS: dict[Backend, Callable[[Target], AbstractAsyncContextManager[Saver]]] = {
    "sqlite": _sqlite,
    "postgresql": _postgres,
}


def open_checkpointer(settings: Settings) -> AbstractAsyncContextManager[Saver]:
    """``async with open_checkpointer(settings) as saver:`` a ready checkpointer, closed on exit."""
    target = database_target(settings)
    return _BACKENDS[target.backend](target)
