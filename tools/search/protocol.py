"""The search-index contract every backend meets, and the data it speaks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

import numpy as np
import numpy.typing as npt

from tools.papers import Chunk, Paper

Vectors = npt.NDArray[np.float32]
SearchMode = Literal["hybrid", "bm25", "dense"]


@dataclass(frozen=True, slots=True)
class Filters:
    """Restrict a search. Years are inclusive; ``id_prefix`` matches paper ids (``PMID:``, ``starter:``)."""

    year_min: int | None = None
    year_max: int | None = None
    id_prefix: str | None = None
    collections: tuple[str, ...] | None = None  # None: every paper; else papers in any of these ("" = global)

    def admits(self, paper_id: str, year: int | None) -> bool:
        if self.id_prefix and not paper_id.startswith(self.id_prefix):
            return False
        if self.year_min is not None and (year is None or year < self.year_min):
            return False
        return not (self.year_max is not None and (year is None or year > self.year_max))

    @property
    def empty(self) -> bool:
        return self.year_min is None and self.year_max is None and not self.id_prefix and self.collections is None


NO_FILTERS = Filters()


@dataclass(frozen=True, slots=True)
class EmbeddedPaper:
    """A paper ready to store: its chunks and one unit-length vector per chunk."""

    paper: Paper
    content_hash: str
    chunks: Sequence[Chunk]
    vectors: Vectors


@dataclass(frozen=True, slots=True)
class ChunkHit:
    chunk: Chunk
    score: float
    bm25_rank: int | None = None
    dense_rank: int | None = None
    dense_score: float | None = None  # cosine to the query: an absolute relevance, unlike fused scores


@dataclass(frozen=True, slots=True)
class Hit:
    """A paper-level result: the paper and its best-matching chunks, best first."""

    paper: Paper
    score: float
    chunks: list[ChunkHit] = field(default_factory=list)

    @property
    def paper_id(self) -> str:
        return self.paper.id

    def snippet(self, width: int = 240) -> str:
        text = self.chunks[0].chunk.text if self.chunks else self.paper.abstract
        return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + "…"


@dataclass(frozen=True, slots=True)
class IndexStats:
    papers: int
    chunks: int
    dimension: int | None
    embedder: str | None


class SearchIndex(Protocol):
    """Papers, their chunks, and hybrid (BM25 + dense) search over them.

    Writes are per batch and atomic: after a crash a reader sees every paper of a batch or none.
    """

    async def content_hashes(self, paper_ids: Sequence[str]) -> dict[str, str]:
        """The stored content hash of each of these papers that is present."""
        ...

    async def upsert(self, papers: Sequence[EmbeddedPaper], embedder: str, collection: str = "") -> None:
        """Add papers to a collection ("" = the global library), replacing the chunks of any paper stored."""
        ...

    async def add_to_collection(self, paper_ids: Sequence[str], collection: str) -> int:
        """Make already stored papers visible in another collection too."""
        ...

    async def delete(self, paper_ids: Sequence[str]) -> int: ...

    async def search(
        self, query: str, vector: Vectors, k: int, filters: Filters = NO_FILTERS, mode: SearchMode = "hybrid"
    ) -> list[Hit]: ...

    async def papers(self, paper_ids: Sequence[str]) -> dict[str, Paper]: ...

    async def chunks(self, keys: Sequence[str]) -> dict[str, Chunk]:
        """Chunks by passage key (``PMID:1#0``); unknown keys are absent from the result."""
        ...

    async def stats(self) -> IndexStats: ...

    async def verify(self) -> list[str]:
        """Consistency problems, in words; an empty list means the index is sound."""
        ...

    async def close(self) -> None: ...
