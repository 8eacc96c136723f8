"""Shared fixtures: an isolated environment per test, real embedder loaded once, real indexes in tmp dirs."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest
from redis.asyncio import Redis

from graph.schemas import Answer, AnswerSection
from tools.embeddings.minilm import MiniLMEmbedder
from tools.library import Library
from tools.search.sqlite import SqliteIndex
from tools.settings import Settings

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
PUBMEDQA = REPO.parent / "shared" / "datasets" / "pubmedqa" / "pqal_trainval.json"

_SECRET_NAMES = {
    "OPENAI_API_KEY",
    "PINECONE_API_KEY",
    "E2B_API_KEY",
    "SLACK_BOT_TOKEN",
    "SLACK_APP_TOKEN",
    "SLACK_SIGNING_SECRET",
    "NCBI_API_KEY",
    "OPENALEX_API_KEY",
}


# The one switch that runs the suite on PostgreSQL instead of SQLite (.ci/run sets it for the graph and
# bot tests): every test then gets LABBOT_DATABASE_URL pointing at a private schema of this server, so
# each Settings() a test builds, and each worker process it starts, uses PostgreSQL.
TEST_DATABASE_URL = os.environ.get("LABBOT_TEST_DATABASE_URL")
# The machine's PostgreSQL server, for the tests that run one store on both backends.
POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture(autouse=True)
def isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """No developer setting, secret or .env file leaks into a test; each test gets its own data dir."""
    for key in list(os.environ):
        if key.startswith("LABBOT_") or key in _SECRET_NAMES:
            monkeypatch.delenv(key)
    monkeypatch.setenv("LABBOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    if TEST_DATABASE_URL is None:
        yield
        return
    with private_schema(TEST_DATABASE_URL) as url:
        monkeypatch.setenv("LABBOT_DATABASE_URL", url)
        yield


def with_search_path(url: str, schema: str) -> str:
    parts = urlsplit(url)
    query = [*parse_qsl(parts.query), ("options", f"-csearch_path={schema}")]
    return urlunsplit(parts._replace(query=urlencode(query)))


@contextmanager
def private_schema(server_url: str) -> Iterator[str]:
    """A URL whose connections see only a fresh schema, dropped afterwards."""
    import psycopg  # only the PostgreSQL run needs the driver
    from psycopg import sql

    name = f"labbot_test_{uuid.uuid4().hex[:16]}"
    schema = sql.Identifier(name)
    with psycopg.connect(server_url, autocommit=True, connect_timeout=5) as connection:
        connection.execute(sql.SQL("CREATE SCHEMA {}").format(schema))
    try:
        yield with_search_path(server_url, name)
    finally:
        with psycopg.connect(server_url, autocommit=True, connect_timeout=5) as connection:
            connection.execute("SET lock_timeout = '10s'")  # a leftover worker holding a lock must not hang CI
            connection.execute(sql.SQL("DROP SCHEMA {} CASCADE").format(schema))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data")


@pytest.fixture(params=["sqlite", "postgres"])
def database_backend(request: pytest.FixtureRequest, settings: Settings) -> Iterator[Settings]:
    """The test's settings once on the SQLite file in the data dir, once on a private PostgreSQL schema."""
    if request.param == "sqlite":
        yield settings.model_copy(update={"database_url": None})
        return
    with private_schema(POSTGRES_URL) as url:
        yield settings.model_copy(update={"database_url": url})


def answer_of(question: str, summary: str, **fields: Any) -> Answer:
    """An answer with one summary section; ``fields`` set what a test cares about, the rest is empty."""
    empty: dict[str, Any] = {"citations": [], "code": [], "abstained": False, "notes": [], "sources_searched": ""}
    empty |= {"model": "zero-shot", "usage": {}, "timings": {}}
    return Answer(question=question, sections=[AnswerSection(name="summary", text=summary)], **(empty | fields))


@pytest.fixture(scope="session")
def embedder() -> MiniLMEmbedder:
    model = MiniLMEmbedder()
    model.model()
    return model


@pytest.fixture
async def library(settings: Settings, embedder: MiniLMEmbedder) -> AsyncIterator[Library]:
    lib = Library(SqliteIndex(settings.index_dir, settings.search), embedder, settings.search)
    yield lib
    await lib.close()


@pytest.fixture(scope="session")
def pubmedqa_path() -> Path:
    """The shared PubMedQA file; absent → skip, except under CI where its absence is a failure."""
    if not PUBMEDQA.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{PUBMEDQA} is missing, and CI must run the dataset tests")
        pytest.skip(f"{PUBMEDQA} not found (the shared datasets folder sits beside the repo)")
    return PUBMEDQA


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A private redis-server on a free port (the tests never touch the machine's shared Redis)."""
    server = shutil.which("redis-server")
    if server is None:
        pytest.fail("redis-server is not installed; scripts/bootstrap installs it")
    port = free_port()
    workdir = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(workdir)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail("redis-server did not start")
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=10)


async def flush_redis(redis_url: str) -> None:
    """Empty the session's Redis, so a test sees no job, lock or key an earlier test left behind."""
    redis = Redis.from_url(redis_url)
    await redis.flushdb()
    await redis.aclose()
