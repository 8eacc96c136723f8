"""`labbot fetch` end to end against the stand-ins, and one record per paper across sources."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from tests.standins.arxiv import ArxivStandIn
from tests.standins.crossref import CrossrefStandIn
from tests.standins.openalex import OpenAlexStandIn
from tests.standins.pubmed import PubMedStandIn
from tests.standins.scholarly import ScholarlyStandIn
from tools.library import Library
from tools.papers import Paper
from tools.settings import Settings
from tools.sources import close_sources, merge_papers, open_sources
from tools.sources.gather import gather_papers

runner = CliRunner(env={"COLUMNS": "200"})
NAMES = ("pubmed", "arxiv", "openalex", "crossref")


@pytest.fixture
def standins(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, ScholarlyStandIn]]:
    servers: dict[str, ScholarlyStandIn] = {
        "pubmed": PubMedStandIn(),
        "arxiv": ArxivStandIn(),
        "openalex": OpenAlexStandIn(),
        "crossref": CrossrefStandIn(updated_by=False),  # retractions found only through notices' update-to
    }
    for name, server in servers.items():
        server.start()
        monkeypatch.setenv(f"LABBOT_SOURCES__{name.upper()}_URL", server.url)
    monkeypatch.setenv("LABBOT_SOURCES__MIN_INTERVAL_S", json.dumps(dict.fromkeys(NAMES, 0)))
    monkeypatch.setenv("LABBOT_SOURCES__BACKOFF_S", "0")
    monkeypatch.setenv("LABBOT_SOURCES__CONTACT_EMAIL", "lab@example.org")
    yield servers
    for server in servers.values():
        server.stop()


def test_fetch_ingests_flags_retractions_and_is_idempotent(standins: dict[str, ScholarlyStandIn]) -> None:
    result = runner.invoke(app, ["fetch", "frailty survival", "--source", "pubmed", "--since", "2024-01-01"])
    assert result.exit_code == 0, result.output
    assert "Papers added" in result.output and "│ 2" in result.output
    assert "retracted PMID:39000002: Retracted (notice PMID:39900002; PubMed)" in result.output
    updates = [r.params["filter"] for r in standins["crossref"].requests]
    assert updates == ["updates:10.5555/jib.2024.0417,updates:10.5555/jib.2025.0101"]  # the DOIs found

    again = runner.invoke(app, ["fetch", "frailty survival", "--source", "pubmed", "--since", "2024-01-01"])
    assert again.exit_code == 0 and "Papers unchanged (skipped) │ 2" in again.output
    assert sum(r.path.endswith("esearch.fcgi") for r in standins["pubmed"].requests) == 1  # the cache answered


def test_malformed_answer_stops_the_fetch_before_anything_is_stored(
    standins: dict[str, ScholarlyStandIn], tmp_path: Path
) -> None:
    standins["openalex"].malformed_next()
    result = runner.invoke(app, ["fetch", "frailty survival", "--source", "openalex"])
    assert result.exit_code == 1
    assert "openalex: the answer is not the /works JSON labbot expects" in result.output
    assert "Nothing was added to the library." in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "data" / "index" / "library.sqlite").exists()


def test_fetch_refuses_a_source_that_is_not_enabled(
    standins: dict[str, ScholarlyStandIn], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LABBOT_SOURCES__ENABLED", '["pubmed"]')
    result = runner.invoke(app, ["fetch", "frailty", "--source", "arxiv"])
    assert result.exit_code == 2 and "arxiv is not enabled" in result.output
    assert standins["arxiv"].requests == []


async def test_sources_merge_into_one_record_per_paper(standins: dict[str, ScholarlyStandIn], library: Library) -> None:
    sources = open_sources(Settings())
    try:
        found = await gather_papers(sources, "frailty survival", max_results=10)
    finally:
        await close_sources(sources)
    assert sorted(found.searched) == ["arxiv", "openalex", "pubmed"]
    by_id = {p.id: p for p in found.papers}
    # four invented papers, found 3 + 2 + 4 times: PMID beats arXiv beats OpenAlex, matched by DOI or id
    assert sorted(by_id) == ["PMID:39000001", "PMID:39000002", "PMID:39000004", "arXiv:2502.01234"]
    assert by_id["PMID:39000004"].doi == "10.5555/jib.2024.0002"  # also arXiv:2308.04567, joined by DOI
    assert by_id["PMID:39000002"].retraction is not None
    assert by_id["PMID:39000001"].abstract.startswith("Background:")  # PubMed's own abstract, not the rebuilt one


def test_merge_fills_gaps_and_keeps_a_retraction_from_any_source() -> None:
    pubmed = Paper(id="PMID:1", title="T", doi="10.1/A", abstract="the authors' abstract")
    crossref = Paper(id="DOI:10.1/a", title="T", venue="J", retraction="Retraction (Crossref)")
    preprint = Paper(id="arXiv:2101.00001", title="P", doi="10.48550/arXiv.2101.00001")
    openalex = Paper(id="OpenAlex:W1", title="P", doi="https://doi.org/10.48550/arxiv.2101.00001", year=2021)
    merged = merge_papers([pubmed, preprint], [crossref, openalex])
    assert [p.id for p in merged] == ["PMID:1", "arXiv:2101.00001"]
    assert merged[0].venue == "J" and merged[0].retraction == "Retraction (Crossref)"
    assert merged[0].abstract == "the authors' abstract" and merged[1].year == 2021
