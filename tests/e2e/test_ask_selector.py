"""`labbot ask --model sel-…` end to end: the real embedded model answers, a trained selector orders the quotes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from tests.training.conftest import tiny_pairs
from tools.settings import Settings
from training.selector import SelectorConfig, train_selector

runner = CliRunner(env={"COLUMNS": "200"})
QUESTION = "We used Cox models but the reviewer says proportional hazards fail, what now?"


def _ask(*args: str) -> dict[str, object]:
    result = runner.invoke(app, ["ask", *args, "--json"])
    assert result.exit_code == 0, result.output
    answer: dict[str, object] = json.loads(result.stdout)
    return answer


def quoted(answer: dict[str, object]) -> list[str]:
    citations = answer["citations"]
    assert isinstance(citations, list)
    return [str(c["claim"]) for c in citations if c["number"]]


def ordering(answer: dict[str, object]) -> list[dict[str, str]]:
    decisions = answer["decisions"]
    assert isinstance(decisions, list)
    return [d for d in decisions if d["what"] == "evidence order"]


@pytest.mark.slow
def test_a_selector_entry_answers_with_its_own_order_of_quotes(tmp_path: Path) -> None:
    ingested = runner.invoke(app, ["ingest", "--starter"])
    assert ingested.exit_code == 0, ingested.output
    settings = Settings()  # the test's data dir, as the CLI sees it
    config = SelectorConfig("tiny", tiny_pairs(tmp_path), epochs=6, batch_size=4, learning_rate=1e-3)
    train_selector(settings, config)

    zero_shot = _ask(QUESTION)
    tuned = _ask("--model", "sel-tiny", QUESTION)

    assert zero_shot["model"] == "zero-shot" and tuned["model"] == "sel-tiny"
    assert not tuned["abstained"] and quoted(tuned)
    citations = tuned["citations"]
    assert isinstance(citations, list)
    assert all(c["verdict"] == "supported" for c in citations if c["number"])  # verified like any answer
    # the selector ran inside the real pipeline, and says so; zero-shot keeps the embedder's order
    orders = ordering(tuned)
    assert len(orders) == 1 and "sel-tiny" in orders[0]["final"]
    assert not ordering(zero_shot)
