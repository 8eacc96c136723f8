"""One async SQLAlchemy engine per process, and the two kinds of transaction every store runs.

SQLite (aiosqlite): WAL lets readers and the writer proceed together; synchronous=FULL syncs the WAL
at every commit, so an acknowledged write survives power loss, not only a killed process. The driver's
own implicit transactions are switched off and every transaction is begun here: a write with
``BEGIN IMMEDIATE``, which takes the write lock up front, so two processes queue on busy_timeout
instead of failing halfway; a read with a deferred ``BEGIN``, a snapshot that takes no write lock.

PostgreSQL (psycopg 3): writes run at READ COMMITTED, which is enough, since each is an
``INSERT … ON CONFLICT`` that PostgreSQL applies against the row's latest committed version; reads that
take several queries run in a REPEATABLE READ, READ ONLY snapshot so that they see one state.
Pooled connections are pinged before use, so a server restart does not fail the next job.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from functools import lru_cache
from typing import Any

from sqlalchemy import TextClause, event, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from tools.database.target import Target

Params = Mapping[str, object]
Row = tuple[Any, ...]

POOL_SIZE = 4  # an arq worker runs a few jobs at once; each store call holds a connection for milliseconds
MAX_OVERFLOW = 4
CONNECT_TIMEOUT_S = 10
BUSY_TIMEOUT_MS = 10_000  # how long a SQLite write waits for another process's transaction before failing
_BEGIN = "labbot_begin"  # execution option: the statement that begins a SQLite transaction

_READ: dict[str, dict[str, Any]] = {
    "sqlite": {_BEGIN: "BEGIN"},
    "postgresql": {"isolation_level": "REPEATABLE READ", "postgresql_readonly": True},
}
_WRITE: dict[str, dict[str, Any]] = {"sqlite": {_BEGIN: "BEGIN IMMEDIATE"}, "postgresql": {}}


@lru_cache(maxsize=512)
def _statement(sql: str) -> TextClause:
    return text(sql)


class Session:
    """One transaction: run a statement (``:name`` parameters) and count its rows, or fetch them."""

    def __init__(self, connection: AsyncConnection) -> None:
        self.connection = connection

    async def execute(self, statement: str, params: Params | None = None) -> int:
        result = await self.connection.execute(_statement(statement), dict(params or {}))
        return int(result.rowcount)

    async def fetch(self, statement: str, params: Params | None = None) -> list[Row]:
        result = await self.connection.execute(_statement(statement), dict(params or {}))
        return [tuple(row) for row in result.all()]


class Database:
    """The process's engine; each store call takes one transaction from it."""

    def __init__(self, target: Target) -> None:
        self.target = target
        self.engine = _engine(target)

    @asynccontextmanager
    async def writing(self) -> AsyncIterator[Session]:
        """One transaction that commits on exit, or rolls back if the block raises."""
        async with self._transaction(_WRITE[self.target.backend]) as session:
            yield session

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[Session]:
        """One consistent snapshot for several queries."""
        async with self._transaction(_READ[self.target.backend]) as session:
            yield session

    @asynccontextmanager
    async def _transaction(self, options: dict[str, Any]) -> AsyncIterator[Session]:
        async with self.engine.connect() as connection:
            await connection.execution_options(**options)
            async with connection.begin():
                yield Session(connection)

    async def close(self) -> None:
        await self.engine.dispose()


def _engine(target: Target) -> AsyncEngine:
    if target.backend == "postgresql":
        return create_async_engine(
            target.url,
            pool_size=POOL_SIZE,
            max_overflow=MAX_OVERFLOW,
            pool_pre_ping=True,
            connect_args={"connect_timeout": CONNECT_TIMEOUT_S},
        )
    target.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_async_engine(target.url, pool_size=POOL_SIZE, max_overflow=MAX_OVERFLOW)
    event.listen(engine.sync_engine, "connect", _sqlite_connect)
    event.listen(engine.sync_engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: Any, _record: object) -> None:
    dbapi_connection.isolation_level = None  # no implicit transactions: _sqlite_begin begins each one
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
    finally:
        cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    connection.exec_driver_sql(connection.get_execution_options().get(_BEGIN, "BEGIN IMMEDIATE"))
