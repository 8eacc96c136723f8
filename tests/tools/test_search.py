"""Hybrid search on the embedded index: relevance, modes, filters, and the dense-matrix cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tools.embeddings.minilm import MiniLMEmbedder
from tools.ingest import ingest
from tools.library import Library
from tools.papers import Paper
from tools.readers import read_papers
from tools.search import Filters, SearchMode
from tools.search.sqlite import SqliteIndex
from tools.settings import Settings

MODES: list[SearchMode] = ["hybrid", "bm25", "dense"]


@pytest.fixture
async def filled(library: Library) -> Library:
    await ingest(library, list(read_papers(FIXTURES / "papers.jsonl", "auto")))
    return library


@pytest.mark.parametrize("mode", MODES)
async def test_each_mode_ranks_the_relevant_paper_first(filled: Library, mode: SearchMode) -> None:
    hits = await filled.search("log-rank comparison of censored survival between arms", k=2, mode=mode)
    assert hits[0].paper_id == "DOI:10.1000/surv.1"
    assert hits[0].chunks and hits[0].chunks[0].chunk.paper_id == hits[0].paper_id
    assert len(hits) <= 2


async def test_dense_finds_a_paraphrase_that_shares_no_words(filled: Library) -> None:
    hits = await filled.search("dealing with absent values in covariates", k=1, mode="dense")
    assert hits[0].paper_id == "PMID:1000003"


async def test_hybrid_hits_record_both_ranks_and_a_snippet(filled: Library) -> None:
    hit = (await filled.search("false discovery rate p-values", k=1))[0]
    assert hit.paper_id == "DOI:10.1000/fdr.2"
    best = hit.chunks[0]
    assert best.bm25_rank == 1 and best.dense_rank == 1
    assert hit.snippet(60).endswith("…") and len(hit.snippet(60)) <= 60


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("filters", "allowed"),
    [
        (Filters(year_min=2005), {"DOI:10.1000/fdr.2", "PMID:1000003", "arXiv:2101.00004"}),
        (Filters(year_max=2005), {"DOI:10.1000/surv.1", "DOI:10.1000/fdr.2"}),
        (Filters(year_min=2000, year_max=2016), {"DOI:10.1000/fdr.2", "PMID:1000003"}),
        (Filters(id_prefix="DOI:"), {"DOI:10.1000/surv.1", "DOI:10.1000/fdr.2"}),
        (Filters(id_prefix="PMID:", year_min=2020), set()),
        (Filters(id_prefix="arXiv:2101"), {"arXiv:2101.00004"}),
    ],
)
async def test_filters_hold_in_every_mode(
    filled: Library, filters: Filters, allowed: set[str], mode: SearchMode
) -> None:
    hits = await filled.search(
        "survival false discovery imputation bayesian incidence", k=10, filters=filters, mode=mode
    )
    assert {h.paper_id for h in hits} <= allowed
    if mode != "bm25":  # dense ranks everything admitted, so every allowed paper comes back
        assert {h.paper_id for h in hits} == allowed


async def test_a_query_of_only_stopwords_still_gets_dense_results(filled: Library) -> None:
    assert await filled.search("what is it", k=2, mode="bm25") == []
    assert len(await filled.search("what is it", k=2)) == 2


async def test_the_dense_cache_is_saved_by_generation_and_follows_other_writers(
    settings: Settings, embedder: MiniLMEmbedder, tmp_path: Path
) -> None:
    first = Library(SqliteIndex(settings.index_dir, settings.search), embedder, settings.search)
    await ingest(first, list(read_papers(FIXTURES / "papers.jsonl", "auto")))
    await first.search("survival", k=1)
    await first.close()
    caches = list(settings.index_dir.glob("dense.g*.npz"))
    assert len(caches) == 1

    reader = Library(SqliteIndex(settings.index_dir, settings.search), embedder, settings.search)
    writer = Library(SqliteIndex(settings.index_dir, settings.search), embedder, settings.search)
    assert (await reader.search("survival curves", k=1, mode="dense"))[0].paper_id == "DOI:10.1000/surv.1"
    extra = Paper(id="x:new", title="Kaplan-Meier survival curves for censored follow-up in cohort studies")
    await ingest(writer, [extra])  # another process writing to the same library
    hits = await reader.search("Kaplan-Meier survival curves censored cohort", k=5, mode="dense")
    assert "x:new" in {h.paper_id for h in hits}
    await writer.close()
    await reader.close()
    assert [p.name for p in settings.index_dir.glob("dense.g*.npz")] != [c.name for c in caches]


async def test_a_library_from_before_collections_is_migrated_into_the_global_one(
    filled: Library, settings: Settings
) -> None:
    import sqlite3

    database = settings.index_dir / "library.sqlite"
    with sqlite3.connect(database) as conn:  # what a schema-1 library looks like
        conn.execute("DELETE FROM paper_collections")
        conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    reopened = Library(SqliteIndex(settings.index_dir, settings.search), filled.embedder, settings.search)
    hits = await reopened.search("survival log-rank", k=10, filters=Filters(collections=("",)))
    assert len(hits) == 4
    await reopened.close()
