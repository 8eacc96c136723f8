"""The commands a person types, run in process through Typer's runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from tests.conftest import FIXTURES
from tests.pdfs import OVARIAN_DOI, OVARIAN_RESULTS, ovarian_trial_pdf

runner = CliRunner(env={"COLUMNS": "200"})  # wide enough that rich does not wrap what we assert on


def test_help_teaches_the_first_steps() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for word in ("ingest", "search", "doctor", "labbot ingest --starter"):
        assert word in result.output


def test_ingest_then_search_as_json(tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(FIXTURES / "papers.jsonl"), str(FIXTURES / "zotero.bib")])
    assert result.exit_code == 0, result.output
    assert "Papers added" in result.output and "│ 7" in result.output.replace("  ", " ")
    assert "comma after entry key" in result.output  # the broken BibTeX entry, by name

    result = runner.invoke(app, ["search", "limits of agreement between measurement methods", "--k", "2", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["query"].startswith("limits of agreement")
    top = payload["hits"][0]
    assert top["paper_id"] == "DOI:10.1016/S0140-6736(86)90837-8"
    assert {"paper_id", "score", "title", "snippet"} <= set(top) and len(payload["hits"]) == 2


def test_search_queries_file_prints_json_lines(tmp_path: Path) -> None:
    runner.invoke(app, ["ingest", str(FIXTURES / "papers.jsonl")])
    queries = tmp_path / "q.txt"
    queries.write_text("log-rank test\n\nimputation of missing data\nR-hat convergence\n")
    result = runner.invoke(app, ["search", "--queries", str(queries), "--k", "1", "--json"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["query"], r["hits"][0]["paper_id"]) for r in lines] == [
        ("log-rank test", "DOI:10.1000/surv.1"),
        ("imputation of missing data", "PMID:1000003"),
        ("R-hat convergence", "arXiv:2101.00004"),
    ]


def test_reingest_reports_everything_unchanged() -> None:
    runner.invoke(app, ["ingest", str(FIXTURES / "papers.jsonl")])
    result = runner.invoke(app, ["ingest", str(FIXTURES / "papers.jsonl")])
    assert result.exit_code == 0
    assert "Papers unchanged (skipped) │ 4" in result.output


def test_human_output_shows_titles(tmp_path: Path) -> None:
    runner.invoke(app, ["ingest", str(FIXTURES / "papers.jsonl")])
    result = runner.invoke(app, ["search", "false discovery rate"])
    assert result.exit_code == 0 and "Controlling the false discovery rate" in result.output


def test_searching_an_empty_library_says_what_to_do() -> None:
    result = runner.invoke(app, ["search", "anything"])
    assert result.exit_code == 1 and "labbot ingest --starter" in result.output


def test_only_bad_input_exits_nonzero(tmp_path: Path) -> None:
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"not a pdf")
    result = runner.invoke(app, ["ingest", str(broken)])
    assert result.exit_code == 1 and "not a readable PDF" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ingest"], "give at least one PATH"),
        (["ingest", "x.jsonl", "--format", "docx"], "unknown format"),
        (["search"], "either QUERY or --queries"),
        (["search", "q", "--mode", "magic"], "unknown mode"),
    ],
)
def test_usage_errors_are_explained(args: list[str], message: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2 and message in result.output


def test_invalid_settings_are_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LABBOT_SEARCH__BACKEND", "elastic")
    result = runner.invoke(app, ["search", "x"])
    assert result.exit_code == 2 and "Invalid labbot settings" in result.output


def test_doctor_lists_each_check(redis_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LABBOT_REDIS_URL", redis_url)
    runner.invoke(app, ["ingest", str(FIXTURES / "papers.jsonl")])
    result = runner.invoke(app, ["doctor"])
    assert result.exit_code == 0, result.output
    for name in ("Python", "Local model", "Embedder", "Sandbox", "Redis", "Data dir", "Library index: 4 papers"):
        assert name in result.output


def test_search_says_on_which_pdf_page_a_passage_is(tmp_path: Path) -> None:
    ingested = runner.invoke(app, ["ingest", str(ovarian_trial_pdf(tmp_path))])
    assert ingested.exit_code == 0, ingested.output
    result = runner.invoke(app, ["search", OVARIAN_RESULTS, "--k", "1", "--json"])
    assert result.exit_code == 0, result.output
    best = json.loads(result.stdout)["hits"][0]["passages"][0]
    assert best["key"] == f"DOI:{OVARIAN_DOI}#2" and best["pages"] == [2, 2]
    shown = runner.invoke(app, ["search", OVARIAN_RESULTS, "--k", "1"])
    assert shown.exit_code == 0 and "p. 2" in shown.output
