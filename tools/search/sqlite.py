"""Embedded search: SQLite holds everything (vectors included); the dense matrix is a rebuildable cache.

The vectors are written in the same SQLite transaction as the chunks, so a killed ingest can never
leave text without vectors. Dense search is an exact inner-product scan of a contiguous float32
matrix (NumPy/BLAS, the memory-bandwidth bound; bench/search_latency.py measures it). The matrix
is rebuilt when the catalog's generation moves (another process wrote) and saved under a file
name carrying that generation, so a stale cache is never loaded.
"""

from __future__ import annotations

import asyncio
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from tools.search.catalog import Catalog
from tools.search.hybrid import HybridIndex
from tools.search.protocol import Filters, Vectors
from tools.settings import SearchSettings


@dataclass(frozen=True, slots=True)
class DenseMatrix:
    generation: int
    ids: npt.NDArray[np.int64]
    vectors: Vectors

    def top(self, query: Vectors, limit: int, allowed: npt.NDArray[np.int64] | None) -> list[tuple[int, float]]:
        if self.ids.size == 0:
            return []
        scores = self.vectors @ np.asarray(query, dtype=np.float32)
        if allowed is not None:
            scores[~np.isin(self.ids, allowed)] = -np.inf
        limit = min(limit, scores.size)
        best = np.argpartition(-scores, limit - 1)[:limit] if limit < scores.size else np.arange(scores.size)
        best = best[np.argsort(-scores[best], kind="stable")]
        return [(int(self.ids[i]), float(scores[i])) for i in best if np.isfinite(scores[i])]


class SqliteIndex(HybridIndex):
    def __init__(self, directory: Path, settings: SearchSettings) -> None:
        super().__init__(Catalog(directory / "library.sqlite", store_vectors=True), settings)
        self.directory = directory
        self._dense: DenseMatrix | None = None
        self._dense_lock = threading.Lock()

    async def _dense_search(self, vector: Vectors, limit: int, filters: Filters) -> list[tuple[int, float]]:
        return await asyncio.to_thread(self._search_blocking, vector, limit, filters)

    def _search_blocking(self, vector: Vectors, limit: int, filters: Filters) -> list[tuple[int, float]]:
        allowed = None if filters.empty else self.catalog.chunk_ids_matching(filters)
        return self.current_matrix().top(vector, limit, allowed)

    def current_matrix(self) -> DenseMatrix:
        generation = self.catalog.generation()
        with self._dense_lock:
            if self._dense is None or self._dense.generation != generation:
                self._dense = self._load_cache(generation) or self._rebuild(generation)
            return self._dense

    def _cache_path(self, generation: int) -> Path:
        return self.directory / f"dense.g{generation}.npz"

    def _load_cache(self, generation: int) -> DenseMatrix | None:
        path = self._cache_path(generation)
        if not path.exists():
            return None
        with np.load(path) as cached:
            return DenseMatrix(generation, cached["ids"], np.ascontiguousarray(cached["vectors"]))

    def _rebuild(self, generation: int) -> DenseMatrix:
        ids, vectors = self.catalog.vectors()
        return DenseMatrix(generation, ids, np.ascontiguousarray(vectors))

    def save_cache(self) -> None:
        """Persist the dense matrix for the current generation (start-up then skips the rebuild)."""
        matrix = self.current_matrix()
        target = self._cache_path(matrix.generation)
        if not target.exists():
            partial = target.with_suffix(".partial.npz")
            np.savez(partial, ids=matrix.ids, vectors=matrix.vectors)
            partial.replace(target)
        for stale in self.directory.glob("dense.g*.npz"):
            if stale != target:
                stale.unlink(missing_ok=True)

    async def close(self) -> None:
        await asyncio.to_thread(self.save_cache)
        await super().close()
