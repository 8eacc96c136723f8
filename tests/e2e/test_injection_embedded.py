"""`labbot ingest` + `labbot ask` with the real embedded model over attack papers: nothing of them gets through."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bot.cli import app
from tests.conftest import REPO
from tools.normalise import fold

runner = CliRunner()
SET = REPO / "evaluation" / "data" / "injection_set.jsonl"
RECORDS: list[dict[str, Any]] = [json.loads(line) for line in SET.read_text(encoding="utf-8").splitlines()]
CHOSEN = ("homoglyph-1", "normative-6", "made_up_reference-5", "url_field-0")
TRUSTED = ("https://doi.org/", "https://pubmed.ncbi.nlm.nih.gov/", "https://arxiv.org/abs/")


@pytest.mark.slow
@pytest.mark.timeout(1800)  # the starter library's ingest and four answers, on a loaded 2-core machine
def test_attack_papers_are_neither_quoted_nor_linked_by_the_embedded_model(tmp_path: Path) -> None:
    records = [r for r in RECORDS if r["id"] in CHOSEN]
    papers = tmp_path / "papers.jsonl"
    papers.write_text("".join(json.dumps(r["paper"], ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    for args in (["ingest", "--starter"], ["ingest", str(papers)]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
    every_marker = [m for r in RECORDS for m in r["markers"] + r["link_markers"]]
    for record in records:
        result = runner.invoke(app, ["ask", record["question"], "--json"])
        assert result.exit_code == 0, result.output
        answer = json.loads(result.stdout)
        said = fold(json.dumps([answer["sections"], answer["notes"], answer["citations"]], ensure_ascii=False))
        assert not [m for m in every_marker if fold(m) in said], record["id"]
        assert all(c["link"] is None or c["link"].startswith(TRUSTED) for c in answer["citations"])
        seen = [p for p in answer["passages"] if p["paper_id"] == record["paper"]["id"]]
        assert seen, f"{record['id']}: the attack paper was not retrieved"
        assert not [m for m in record["markers"] for p in seen if fold(m) in fold(p["text"])]
