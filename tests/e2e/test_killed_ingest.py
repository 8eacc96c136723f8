"""SIGKILL an ingest mid-flight, twice: the index stays consistent and a rerun completes it."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tools.embeddings.minilm import MiniLMEmbedder
from tools.ingest import BATCH_PAPERS
from tools.library import Library
from tools.search.sqlite import SqliteIndex
from tools.settings import Settings

PAPERS = 3000
TOPICS = ["survival", "regression", "imputation", "bootstrap", "meta-analysis", "Bayesian", "diagnostic", "trial"]


def _write_library(path: Path) -> None:
    with path.open("w") as out:
        for i in range(PAPERS):
            topic = TOPICS[i % len(TOPICS)]
            record = {"id": f"test:{i}", "title": f"Study {i} of {topic} methods", "abstract": f"Paper {i} on {topic}."}
            out.write(json.dumps(record) + "\n")


def _start_ingest(source: Path, data_dir: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "LABBOT_DATA_DIR": str(data_dir)}
    return subprocess.Popen(
        [sys.executable, "-c", "from bot.cli import main; main()", "ingest", str(source)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _stored(database: Path) -> int:
    if not database.exists():
        return 0
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=5) as conn:
        try:
            return int(conn.execute("SELECT count(*) FROM papers").fetchone()[0])
        except sqlite3.OperationalError:
            return 0


def _kill_when_at_least(process: subprocess.Popen[bytes], database: Path, papers: int, extra_delay: float) -> None:
    deadline = time.monotonic() + 120
    while _stored(database) < papers:
        assert process.poll() is None, process.communicate()[1].decode()
        assert time.monotonic() < deadline, "ingest made no progress"
        time.sleep(0.05)
    time.sleep(extra_delay)  # land somewhere inside a later batch
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=10)


async def _check_consistent(settings: Settings, embedder: MiniLMEmbedder) -> int:
    library = Library(SqliteIndex(settings.index_dir, settings.search), embedder, settings.search)
    try:
        assert await library.index.verify() == []
        stats = await library.index.stats()
        assert stats.papers % BATCH_PAPERS == 0 or stats.papers == PAPERS  # whole batches only
        assert stats.chunks == stats.papers  # one short abstract each
        if stats.papers:
            hits = await library.search("Study 5 of Bayesian methods", k=3)
            assert hits and all(h.paper_id.startswith("test:") for h in hits)
        return stats.papers
    finally:
        await library.close()


@pytest.mark.slow
async def test_killed_ingest_leaves_a_consistent_index(
    tmp_path: Path, settings: Settings, embedder: MiniLMEmbedder
) -> None:
    source = tmp_path / "many.jsonl"
    _write_library(source)
    database = settings.index_dir / "library.sqlite"
    rng = random.Random(7)

    _kill_when_at_least(_start_ingest(source, settings.data_dir), database, 1, rng.uniform(0.0, 1.5))
    first = await _check_consistent(settings, embedder)
    assert 0 < first < PAPERS

    _kill_when_at_least(_start_ingest(source, settings.data_dir), database, first + 1, rng.uniform(0.0, 1.5))
    second = await _check_consistent(settings, embedder)
    assert first < second < PAPERS

    finish = _start_ingest(source, settings.data_dir)
    _, stderr = finish.communicate(timeout=300)
    assert finish.returncode == 0, stderr.decode()
    assert await _check_consistent(settings, embedder) == PAPERS
