"""Both checkpointers (SQLite embedded, PostgreSQL at scale) keep labbot's types and refuse any other class."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.base import empty_checkpoint

from graph.checkpoint import open_checkpointer
from graph.schemas import Passage
from tests.conftest import REPO
from tools.settings import Settings

PASSAGE = Passage(
    key="PMID:1#0",
    paper_id="PMID:1",
    title="Cox",
    year=1972,
    section="abstract",
    text="…",
    score=0.8,
    attribution="Cox",
)


@dataclass
class Smuggled:
    """A class the checkpoint's reader must not rebuild (a stand-in for anything with side effects)."""

    command: str


async def test_a_checkpoint_round_trips_labbot_types_and_blocks_others(database_backend: Settings) -> None:
    checkpoint = empty_checkpoint()
    checkpoint["channel_values"] = {"passages": [PASSAGE], "smuggled": Smuggled("rm -rf /")}
    config: RunnableConfig = {"configurable": {"thread_id": "t1", "checkpoint_ns": ""}}
    versions: dict[str, Any] = {"passages": "1", "smuggled": "1"}
    checkpoint["channel_versions"] = versions  # PostgreSQL keeps the values apart, by channel and version
    async with open_checkpointer(database_backend) as saver:
        await saver.aput(config, checkpoint, {}, versions)
    async with open_checkpointer(database_backend) as saver:  # a new process (pool, connection) reads it back
        stored = await saver.aget_tuple({"configurable": {"thread_id": "t1", "checkpoint_ns": ""}})
    assert stored is not None
    values = stored.checkpoint["channel_values"]
    assert values["passages"] == [PASSAGE]
    assert values["smuggled"] == {"command": "rm -rf /"}, "an unlisted class comes back as plain data"
    assert type(saver).__name__ == ("AsyncPostgresSaver" if database_backend.database_url else "AsyncSqliteSaver")


def test_workers_starting_together_all_set_up_the_sqlite_checkpointer(tmp_path: Path) -> None:
    """Round after round, four processes set up one fresh checkpoint file at the same moment; none may fail.

    Without a lock around the saver's setup, SQLite refused several of them ("database is locked"):
    switching a file to WAL does not wait for a concurrent switch. That failed a CI run of racing workers.
    """
    race = [sys.executable, "-m", "tests.graph.checkpoint_race", str(tmp_path), "--rounds", "8"]
    done = subprocess.run(race, cwd=REPO, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    assert "0 of 32 processes failed" in done.stdout
