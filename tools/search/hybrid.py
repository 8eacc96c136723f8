"""The shared half of both search indexes: the SQLite catalog, BM25, fusion and paper grouping.

Each backend adds only its dense side (``_dense_search`` and the write hooks), so hybrid ranking
behaves identically whichever store holds the vectors.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from tools.papers import Chunk, Paper
from tools.search.catalog import Catalog
from tools.search.fusion import Fused, group_by_paper, reciprocal_rank_fusion
from tools.search.protocol import NO_FILTERS, ChunkHit, EmbeddedPaper, Filters, Hit, IndexStats, SearchMode, Vectors
from tools.settings import SearchSettings


class HybridIndex:
    def __init__(self, catalog: Catalog, settings: SearchSettings) -> None:
        self.catalog = catalog
        self.settings = settings

    # ---- backend hooks ----------------------------------------------------------------------

    async def _dense_search(self, vector: Vectors, limit: int, filters: Filters) -> list[tuple[int, float]]:
        raise NotImplementedError

    async def _write(self, papers: Sequence[EmbeddedPaper], embedder: str, collection: str) -> None:
        await asyncio.to_thread(self.catalog.write, papers, embedder, collection)

    # ---- SearchIndex --------------------------------------------------------------------------

    async def content_hashes(self, paper_ids: Sequence[str]) -> dict[str, str]:
        return await asyncio.to_thread(self.catalog.content_hashes, paper_ids)

    async def upsert(self, papers: Sequence[EmbeddedPaper], embedder: str, collection: str = "") -> None:
        if papers:
            await self._write(papers, embedder, collection)

    async def add_to_collection(self, paper_ids: Sequence[str], collection: str) -> int:
        return await asyncio.to_thread(self.catalog.add_to_collection, paper_ids, collection) if paper_ids else 0

    async def delete(self, paper_ids: Sequence[str]) -> int:
        return await asyncio.to_thread(self.catalog.delete, paper_ids) if paper_ids else 0

    async def search(
        self, query: str, vector: Vectors, k: int, filters: Filters = NO_FILTERS, mode: SearchMode = "hybrid"
    ) -> list[Hit]:
        limit = max(self.settings.candidates, k * self.settings.chunks_per_hit)
        bm25 = await asyncio.to_thread(self.catalog.bm25, query, limit, filters) if mode != "dense" else []
        dense = await self._dense_search(vector, limit, filters) if mode != "bm25" else []
        fused = reciprocal_rank_fusion([[i for i, _ in bm25], [i for i, _ in dense]], k=self.settings.rrf_k)
        return await asyncio.to_thread(self._assemble, fused, dict(dense), k)

    def _assemble(self, fused: list[Fused[int]], dense_scores: dict[int, float], k: int) -> list[Hit]:
        chunks = self.catalog.chunks_by_id([f.item for f in fused])
        groups = group_by_paper(fused, {cid: c.paper_id for cid, c in chunks.items()}, k, self.settings.chunks_per_hit)
        papers = self.catalog.papers([paper_id for paper_id, _, _ in groups])
        return [
            Hit(
                paper=papers[paper_id],
                score=score,
                chunks=[
                    ChunkHit(chunks[f.item], f.score, f.ranks[0], f.ranks[1], dense_scores.get(f.item)) for f in entries
                ],
            )
            for paper_id, score, entries in groups
            if paper_id in papers
        ]

    async def papers(self, paper_ids: Sequence[str]) -> dict[str, Paper]:
        return await asyncio.to_thread(self.catalog.papers, paper_ids)

    async def chunks(self, keys: Sequence[str]) -> dict[str, Chunk]:
        parsed = [_parse_key(key) for key in keys]
        ids = await asyncio.to_thread(self.catalog.chunk_ids_by_key, [p for p in parsed if p])
        found = await asyncio.to_thread(self.catalog.chunks_by_id, list(ids.values()))
        return {chunk.key: chunk for chunk in found.values()}

    async def stats(self) -> IndexStats:
        return await asyncio.to_thread(self.catalog.stats)

    async def verify(self) -> list[str]:
        return await asyncio.to_thread(self.catalog.verify)

    async def close(self) -> None:
        await asyncio.to_thread(self.catalog.close)


def _parse_key(key: str) -> tuple[str, int] | None:
    paper_id, _, position = key.rpartition("#")
    return (paper_id, int(position)) if paper_id and position.isdigit() else None
