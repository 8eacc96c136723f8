"""Ingest through the real embedder into the real embedded SQLite index."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import FIXTURES
from tools.embeddings.minilm import MiniLMEmbedder
from tools.ingest import BATCH_PAPERS, READ_AHEAD, ingest
from tools.library import Library
from tools.papers import Paper
from tools.readers import ReadProblem, read_papers
from tools.search import EmbeddedPaper
from tools.search.catalog import EmbedderMismatch
from tools.search.protocol import Vectors


def _read(*paths: Path) -> list[Paper | ReadProblem]:
    return [item for path in paths for item in read_papers(path, "auto")]


async def test_ingest_adds_papers_with_chunks_and_a_consistent_index(library: Library) -> None:
    report = await ingest(library, _read(FIXTURES / "papers.jsonl"))
    assert (report.added, report.updated, report.unchanged, report.failed) == (4, 0, 0, 0)
    stats = await library.index.stats()
    assert stats.papers == 4 and stats.chunks == report.chunks >= 4
    assert stats.embedder == library.embedder.name and stats.dimension == 384
    assert await library.index.verify() == []


async def test_reingesting_the_same_file_adds_nothing(library: Library) -> None:
    await ingest(library, _read(FIXTURES / "papers.jsonl"))
    before = await library.index.stats()
    again = await ingest(library, _read(FIXTURES / "papers.jsonl"))
    assert (again.added, again.updated, again.unchanged, again.chunks) == (0, 0, 4, 0)
    assert await library.index.stats() == before


async def test_a_changed_paper_replaces_its_chunks(library: Library, tmp_path: Path) -> None:
    await ingest(library, _read(FIXTURES / "papers.jsonl"))
    records = [json.loads(line) for line in (FIXTURES / "papers.jsonl").read_text().splitlines()]
    records[1]["abstract"] = "Permutation-based familywise error control replaces the earlier procedure entirely."
    changed = tmp_path / "changed.jsonl"
    changed.write_text("\n".join(json.dumps(r) for r in records))
    report = await ingest(library, _read(changed))
    assert (report.added, report.updated, report.unchanged) == (0, 1, 3)
    assert (await library.index.stats()).papers == 4
    old = await library.search("sorted p-values step-up procedure", k=4, mode="bm25")
    assert all("step-up" not in c.chunk.text for h in old for c in h.chunks)
    new = await library.search("permutation familywise error", k=1)
    assert new[0].paper_id == "DOI:10.1000/fdr.2"
    assert await library.index.verify() == []


async def test_bad_records_are_reported_and_the_batch_goes_on(library: Library, tmp_path: Path) -> None:
    corrupt = tmp_path / "corrupt.pdf"
    corrupt.write_bytes(b"%PDF-1.4 this is not really a pdf")
    report = await ingest(library, _read(FIXTURES / "bad_lines.jsonl", corrupt, FIXTURES / "papers.jsonl"))
    assert report.added == 6 and report.failed == 6
    assert any(p.source == str(corrupt) for p in report.problems)
    assert (await library.index.stats()).papers == 6
    assert await library.index.verify() == []


async def test_duplicate_ids_keep_the_first_and_empty_papers_are_refused(library: Library) -> None:
    first = Paper(id="x:1", title="Cluster randomised trials and the intraclass correlation")
    clash = Paper(id="x:1", title="Something else entirely")
    empty = Paper(id="x:2")
    report = await ingest(library, [first, first, clash, empty])
    assert report.added == 1 and report.unchanged == 1
    assert sorted(p.message for p in report.problems) == [
        "has no title, abstract or text to index",
        "the same id appears twice with different content; kept the first",
    ]
    stored = await library.index.papers(["x:1"])
    assert stored["x:1"].title == first.title


async def test_vectors_from_another_embedder_are_refused(library: Library) -> None:
    await ingest(library, _read(FIXTURES / "papers.jsonl"))
    paper = Paper(id="x:9", title="Foreign vectors")
    chunk_vectors = np.ones((1, 384), dtype=np.float32) / np.sqrt(384)
    from tools.chunking import chunk_paper

    item = EmbeddedPaper(paper, paper.content_hash(), chunk_paper(paper), chunk_vectors)
    with pytest.raises(EmbedderMismatch, match="minilm"):
        await library.index.upsert([item], "openai:text-embedding-3-small")
    assert (await library.index.stats()).papers == 4  # nothing of the refused batch landed


async def test_the_embedding_cache_returns_the_same_vectors_and_skips_repeats(embedder: MiniLMEmbedder) -> None:
    from tools.embeddings.cache import CachedEmbedder

    class Counting:
        name, dimension, texts = embedder.name, embedder.dimension, 0

        async def embed(self, texts: list[str]) -> np.ndarray:
            Counting.texts += len(texts)
            return await embedder.embed(texts)

    cached = CachedEmbedder(Counting(), capacity=3)  # type: ignore[arg-type]
    first = await cached.embed(["alpha beta", "gamma", "alpha beta"])
    again = await cached.embed(["gamma", "alpha beta"])
    assert Counting.texts == 2  # each distinct text embedded once
    np.testing.assert_array_equal(first[0], again[1])
    np.testing.assert_array_equal(first[0], first[2])
    await cached.embed(["d", "e", "f"])  # evicts the least recently used
    await cached.embed(["gamma"])
    assert Counting.texts == 6


async def test_reading_overlaps_embedding_and_runs_ahead_by_a_bounded_number_of_batches(library: Library) -> None:
    """The next batch is read while the embedder works (it never waits on the reader), yet no more than
    READ_AHEAD batches queue up besides those in the embedder and the one being read."""
    read = 0

    def papers() -> Iterator[Paper]:
        nonlocal read
        for n in range(BATCH_PAPERS * 6):
            read += 1
            yield Paper(id=f"test:{n}", title=f"Paper {n} on hazard ratios and their confidence intervals")

    inner = library.embedder
    read_at_call: list[int] = []
    embedded = [0]  # papers (one passage each) in the calls so far, this one included

    class Watching:
        name, dimension = inner.name, inner.dimension

        async def embed(self, texts: Sequence[str]) -> Vectors:
            read_at_call.append(read)
            embedded.append(embedded[-1] + len(texts))
            if len(read_at_call) == 1:  # hold the first batch until the reader has moved on to the second
                deadline = time.monotonic() + 30
                while read <= BATCH_PAPERS:
                    assert time.monotonic() < deadline, "the reader waited for the embedder"
                    await asyncio.sleep(0.01)
            return await inner.embed(texts)

    library.embedder = Watching()
    report = await ingest(library, papers())
    assert report.added == BATCH_PAPERS * 6 and embedded[-1] == BATCH_PAPERS * 6
    for seen, upto in zip(read_at_call, embedded[1:], strict=True):
        assert seen <= upto + (READ_AHEAD + 1) * BATCH_PAPERS, (read_at_call, embedded)
    assert await library.index.verify() == []
