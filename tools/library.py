"""The paper library as the rest of labbot sees it: an index plus the embedder that fills it."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from tools.embeddings import Embedder
from tools.search import NO_FILTERS, Filters, Hit, SearchIndex, SearchMode
from tools.settings import SearchSettings

_NO_VECTOR = np.zeros(0, dtype=np.float32)  # BM25-only searches need no query embedding


class Library:
    def __init__(self, index: SearchIndex, embedder: Embedder, settings: SearchSettings) -> None:
        self.index = index
        self.embedder = embedder
        self.settings = settings

    async def search(
        self, query: str, k: int | None = None, filters: Filters = NO_FILTERS, mode: SearchMode = "hybrid"
    ) -> list[Hit]:
        return (await self.search_many([query], k, filters, mode))[0]

    async def search_many(
        self, queries: Sequence[str], k: int | None = None, filters: Filters = NO_FILTERS, mode: SearchMode = "hybrid"
    ) -> list[list[Hit]]:
        """Embeds every query in one batch, then searches each (the embedder loads once)."""
        vectors = await self.embedder.embed(list(queries)) if mode != "bm25" else None
        results = []
        for i, query in enumerate(queries):
            vector = vectors[i] if vectors is not None else _NO_VECTOR
            results.append(await self.index.search(query, vector, k or self.settings.k, filters, mode))
        return results

    async def close(self) -> None:
        await self.index.close()
