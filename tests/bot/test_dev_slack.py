"""`labbot dev-slack`: a person types a question in the terminal and reads the bot's threaded answer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES

pytestmark = pytest.mark.slow
LABBOT = Path(sys.executable).parent / "labbot"


def test_dev_slack_answers_in_the_terminal_and_follows_up(tmp_path: Path, redis_url: str) -> None:
    env = os.environ | {"LABBOT_DATA_DIR": str(tmp_path / "data"), "LABBOT_REDIS_URL": redis_url, "COLUMNS": "200"}
    subprocess.run([str(LABBOT), "ingest", str(FIXTURES / "papers.jsonl")], env=env, check=True, capture_output=True)
    typed = "How do I compare survival curves between two arms?\nand which paper says so?\n/quit\n"
    done = subprocess.run(
        [str(LABBOT), "dev-slack"], env=env, input=typed, capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    # two answers (the question, then the follow-up that only the thread's memory makes answerable)
    assert done.stdout.count("*Summary*") == 2 and done.stdout.count("*Sources*") == 2, done.stdout[-3000:]
    assert done.stdout.count("Comparing survival curves with the log-rank test") >= 2
