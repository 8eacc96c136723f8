"""Papers in, index updated: idempotent, batched, and atomic per batch.

A paper whose content hash is already stored is skipped; a changed paper has its chunks replaced;
a record that cannot be read is reported by file and line while the rest goes on. Each batch is
one index transaction, so killing an ingest loses at most the batch in flight.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Protocol

import numpy as np

from tools.chunking import chunk_paper
from tools.library import Library
from tools.papers import Chunk, Paper
from tools.readers import ReadProblem
from tools.search import EmbeddedPaper

BATCH_PAPERS = 64


EMBED_SLICE = 256  # chunks embedded per call: a big paper shows progress and never embeds 20k chunks at once


class IngestProgress(Protocol):
    def advance(self, papers: int) -> None: ...

    def embedded(self, chunks: int) -> None: ...


@dataclass
class IngestReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    chunks: int = 0
    problems: list[ReadProblem] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return sum(problem.skipped for problem in self.problems)


def embedding_text(paper: Paper, chunk: Chunk) -> str:
    """What the dense model sees: the passage in the context of its paper's title."""
    return f"{paper.title}. {chunk.text}" if paper.title else chunk.text


async def ingest(
    library: Library,
    items: Iterable[Paper | ReadProblem],
    progress: IngestProgress | None = None,
    collection: str = "",
) -> IngestReport:
    """Ingest into a collection: "" is the global library; a Slack channel's uploads go to its own."""
    return await ingest_files(library, [items], progress, collection)


async def ingest_files(
    library: Library,
    files: Iterable[Iterable[Paper | ReadProblem]],
    progress: IngestProgress | None = None,
    collection: str = "",
) -> IngestReport:
    """Each file's items are written before the next file is read: a later file that fails in a way
    nothing catches (a crash, a kill) loses only its own batch in flight, never an earlier file."""
    report = IngestReport()
    seen: dict[str, str] = {}
    for items in files:
        for batch in _batches(_accept(items, report, seen, library.settings.max_record_mb), BATCH_PAPERS):
            await _ingest_batch(library, batch, report, collection, progress)
            if progress is not None:
                progress.advance(len(batch))
    return report


def _accept(
    items: Iterable[Paper | ReadProblem], report: IngestReport, seen: dict[str, str], max_mb: float
) -> Iterator[Paper]:
    """Readable papers of at most ``max_mb`` of text, first occurrence of each id only (a repeated id with other
    content is a problem)."""
    for item in items:
        if isinstance(item, ReadProblem):
            report.problems.append(item)
            continue
        size = paper_chars(item) / 2**20
        if size > max_mb:  # one huge record would be thousands of chunks in one transaction
            report.problems.append(ReadProblem(item.id, f"is {size:.1f} MB of text, over the {max_mb:g} MB limit"))
            continue
        digest = item.content_hash()
        if item.id not in seen:
            seen[item.id] = digest
            yield item
        elif seen[item.id] != digest:
            report.problems.append(
                ReadProblem(item.id, "the same id appears twice with different content; kept the first")
            )
        else:
            report.unchanged += 1


def paper_chars(paper: Paper) -> int:
    return len(paper.title) + len(paper.abstract) + sum(len(section.text) for section in paper.sections)


def _batches(papers: Iterator[Paper], size: int) -> Iterator[list[Paper]]:
    while batch := list(islice(papers, size)):
        yield batch


async def _ingest_batch(
    library: Library, batch: list[Paper], report: IngestReport, collection: str, progress: IngestProgress | None
) -> None:
    stored = await library.index.content_hashes([p.id for p in batch])
    changed = [p for p in batch if stored.get(p.id) != p.content_hash()]
    report.unchanged += len(batch) - len(changed)
    unchanged = [p.id for p in batch if stored.get(p.id) == p.content_hash()]
    await library.index.add_to_collection(unchanged, collection)
    settings = library.settings
    chunked = []
    for paper in changed:
        chunks = chunk_paper(paper, settings.chunk_max_chars, settings.chunk_min_chars)
        if chunks:
            chunked.append((paper, chunks))
        else:
            report.problems.append(ReadProblem(paper.id, "has no title, abstract or text to index"))
    changed = [paper for paper, _ in chunked]
    if not chunked:
        return
    texts = [embedding_text(p, c) for p, chunks in chunked for c in chunks]
    slices = []
    for start in range(0, len(texts), EMBED_SLICE):
        piece = texts[start : start + EMBED_SLICE]
        slices.append(await library.embedder.embed(piece))
        if progress is not None:
            progress.embedded(len(piece))
    vectors = np.concatenate(slices)
    embedded, offset = [], 0
    for paper, chunks in chunked:
        embedded.append(EmbeddedPaper(paper, paper.content_hash(), chunks, vectors[offset : offset + len(chunks)]))
        offset += len(chunks)
    await library.index.upsert(embedded, library.embedder.name, collection)
    report.added += sum(1 for p in changed if p.id not in stored)
    report.updated += sum(1 for p in changed if p.id in stored)
    report.chunks += len(texts)
