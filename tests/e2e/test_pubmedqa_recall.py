"""Acceptance: ingest the PubMedQA train/validation file, ask its 500 questions, find the gold PMID."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app

runner = CliRunner()


@pytest.mark.slow
@pytest.mark.dataset
def test_recall_at_5_of_the_gold_pmid_is_at_least_095(pubmedqa_path: Path, tmp_path: Path) -> None:
    data = json.loads(pubmedqa_path.read_text())
    ingested = runner.invoke(app, ["ingest", str(pubmedqa_path)])
    assert ingested.exit_code == 0, ingested.output

    questions = tmp_path / "questions.txt"
    questions.write_text("\n".join(record["QUESTION"] for record in data.values()))
    result = runner.invoke(app, ["search", "--queries", str(questions), "--k", "5", "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == len(data) == 500

    found = [f"PMID:{pmid}" in {hit["paper_id"] for hit in row["hits"]} for pmid, row in zip(data, rows, strict=True)]
    recall = sum(found) / len(found)
    assert recall >= 0.95, f"recall@5 = {recall:.3f}"
    # the questions themselves were never indexed: no hit snippet contains a question verbatim
    assert not any(row["query"] in hit["snippet"] for row in rows for hit in row["hits"])


@pytest.mark.slow
def test_starter_library_answers_a_survival_question() -> None:
    result = runner.invoke(app, ["ingest", "--starter"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["search", "How do I compare survival between two treatment groups?", "--json"])
    hits = json.loads(result.stdout)["hits"]
    ids = {hit["paper_id"] for hit in hits}
    assert ids & {"starter:kaplan1958", "starter:mantel1966", "starter:cox1972", "starter:peto1972"}
