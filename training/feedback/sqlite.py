"""The embedded feedback store: one SQLite file in the data dir, through aiosqlite.

WAL lets readers and the writer proceed together; synchronous=FULL syncs the WAL at every commit,
so an acknowledged signal survives power loss, not only a killed process. Every write is one
``BEGIN IMMEDIATE`` transaction: it takes the write lock up front, so two worker processes queue
on busy_timeout instead of failing halfway. One connection serves a store, and a lock keeps its
transactions from interleaving when several jobs of one worker write at once.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from pathlib import Path

import aiosqlite

from training.feedback.schema import Params, Row, Session

BUSY_TIMEOUT_MS = 10_000  # how long a write waits for another process's transaction before failing


class _SqliteSession:
    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._connection = connection

    async def execute(self, statement: str, params: Params | None = None) -> int:
        async with self._connection.execute(statement, params or {}) as cursor:
            return cursor.rowcount

    async def fetch(self, statement: str, params: Params | None = None) -> list[Row]:
        async with self._connection.execute(statement, params or {}) as cursor:
            return [tuple(row) for row in await cursor.fetchall()]


class SqliteDatabase:
    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._connection = connection
        self._session = _SqliteSession(connection)
        self._lock = asyncio.Lock()

    @classmethod
    async def connect(cls, path: Path) -> SqliteDatabase:
        path.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: no implicit transactions; each one is begun and ended here, explicitly.
        connection = await aiosqlite.connect(path, isolation_level=None)
        try:
            await connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            await connection.execute("PRAGMA journal_mode = WAL")
            await connection.execute("PRAGMA synchronous = FULL")
        except BaseException:
            await connection.close()
            raise
        return cls(connection)

    @asynccontextmanager
    async def writing(self) -> AsyncIterator[Session]:
        async with self._lock, self._transaction("BEGIN IMMEDIATE"):
            yield self._session

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[Session]:
        async with self._lock, self._transaction("BEGIN"):  # deferred: a read snapshot, no write lock
            yield self._session

    @asynccontextmanager
    async def _transaction(self, begin: str) -> AsyncIterator[None]:
        try:
            await self._connection.execute(begin)
            yield
            await self._connection.execute("COMMIT")
        except BaseException:
            # A cancelled job (arq's timeout) can stop awaiting BEGIN or COMMIT while aiosqlite's thread still
            # runs it: roll back whatever is open, so the next call does not find a transaction already begun.
            with suppress(sqlite3.OperationalError):  # "no transaction is active": nothing to undo
                await self._connection.execute("ROLLBACK")
            raise

    async def close(self) -> None:
        await self._connection.close()
