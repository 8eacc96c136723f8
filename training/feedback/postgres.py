"""The feedback store at scale: PostgreSQL through psycopg 3 (async), same schema and statements as SQLite.

A small connection pool serves the jobs of a worker. Writes run at READ COMMITTED, which is enough:
each is a single-row ``INSERT … ON CONFLICT``, which PostgreSQL applies atomically against the
row's latest committed version, so concurrent workers converge as one would. Reads that take
several queries run in a REPEATABLE READ snapshot so that they see one state of the store.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import lru_cache
from typing import Any

from psycopg import AsyncConnection
from psycopg_pool import AsyncConnectionPool

from training.feedback.schema import Params, Row, Session

POOL_SIZE = 4  # an arq worker runs a few jobs at once; feedback writes are short
CONNECT_TIMEOUT_S = 10.0
_NAMED = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")


@lru_cache(maxsize=256)
def psycopg_statement(statement: str) -> str:
    """The shared ``:name`` parameters in psycopg's ``%(name)s`` spelling."""
    return _NAMED.sub(r"%(\1)s", statement)


class _PostgresSession:
    def __init__(self, connection: AsyncConnection[Row]) -> None:
        self._connection = connection

    async def execute(self, statement: str, params: Params | None = None) -> int:
        cursor = await self._connection.execute(psycopg_statement(statement), params)
        return cursor.rowcount

    async def fetch(self, statement: str, params: Params | None = None) -> list[Row]:
        cursor = await self._connection.execute(psycopg_statement(statement), params)
        return await cursor.fetchall()


class PostgresDatabase:
    def __init__(self, pool: AsyncConnectionPool[AsyncConnection[Row]]) -> None:
        self._pool = pool

    @classmethod
    async def connect(cls, url: str) -> PostgresDatabase:
        pool: AsyncConnectionPool[AsyncConnection[Any]] = AsyncConnectionPool(
            url,
            min_size=1,
            max_size=POOL_SIZE,
            open=False,
            kwargs={"autocommit": True},  # transactions are begun explicitly, one per store call
            check=AsyncConnectionPool.check_connection,  # a server restart must not fail the next job
            name="labbot-feedback",
        )
        try:
            await pool.open(wait=True, timeout=CONNECT_TIMEOUT_S)
        except BaseException:
            await pool.close()
            raise
        return cls(pool)

    @asynccontextmanager
    async def writing(self) -> AsyncIterator[Session]:
        async with self._pool.connection() as connection, connection.transaction():
            yield _PostgresSession(connection)

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[Session]:
        async with self._pool.connection() as connection, connection.transaction():
            await connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield _PostgresSession(connection)

    async def close(self) -> None:
        await self._pool.close()
