"""Search at scale: dense vectors in Pinecone, BM25 and the paper records in the local catalog.

Vector ids carry the paper's content hash (``PMID:1#0@3f2a…``), which makes the two stores safe to
update without a distributed transaction: new vectors are upserted before the catalog commits and
old ones deleted after, and a query keeps only matches whose hash is the catalog's current one. A
crash between the steps leaves orphan vectors that are never returned, never a wrong passage.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pinecone import AsyncIndex

from tools.search.catalog import Catalog
from tools.search.hybrid import HybridIndex
from tools.search.protocol import EmbeddedPaper, Filters, Vectors
from tools.settings import SearchSettings

_HASH_CHARS = 12
_UPSERT_BATCH = 100
COLLECTION_OVERFETCH = 4


def vector_id(paper_id: str, position: int, content_hash: str) -> str:
    return f"{paper_id}#{position}@{content_hash[:_HASH_CHARS]}"


def parse_vector_id(value: str) -> tuple[str, int, str] | None:
    key, _, digest = value.rpartition("@")
    paper_id, _, position = key.rpartition("#")
    return (paper_id, int(position), digest) if paper_id and position.isdigit() and digest else None


def metadata_filter(filters: Filters) -> dict[str, Any] | None:
    """The part of the filters Pinecone can apply server-side; the rest is applied to the results."""
    clauses: list[dict[str, Any]] = []
    year: dict[str, int] = {}
    if filters.year_min is not None:
        year["$gte"] = filters.year_min
    if filters.year_max is not None:
        year["$lte"] = filters.year_max
    if year:
        clauses.append({"year": year})
    if filters.id_prefix:
        scheme, colon, _rest = filters.id_prefix.partition(":")
        if colon:
            clauses.append({"scheme": {"$eq": scheme}})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


class PineconeWriteError(RuntimeError):
    """Pinecone refused part of an upsert; the catalog keeps its previous state for those papers."""


class PineconeIndex(HybridIndex):
    def __init__(self, directory: Path, settings: SearchSettings, index: AsyncIndex) -> None:
        super().__init__(Catalog(directory / "library.sqlite", store_vectors=False), settings)
        self.index = index
        self.namespace = settings.pinecone_namespace

    async def _write(self, papers: Sequence[EmbeddedPaper], embedder: str, collection: str) -> None:
        previous = await self._vector_ids([item.paper.id for item in papers])
        records: list[dict[str, Any]] = []
        for item in papers:
            scheme = item.paper.id.partition(":")[0]
            for chunk, vector in zip(item.chunks, item.vectors, strict=True):
                metadata: dict[str, Any] = {"paper_id": item.paper.id, "scheme": scheme}
                if item.paper.year is not None:
                    metadata["year"] = item.paper.year
                if chunk.pages is not None:  # where to look in the PDF, for whoever reads the vectors alone
                    metadata["page_first"], metadata["page_last"] = chunk.pages
                records.append(
                    {
                        "id": vector_id(item.paper.id, chunk.position, item.content_hash),
                        "values": [float(x) for x in vector],
                        "metadata": metadata,
                    }
                )
        if records:
            response = await self.index.upsert(
                vectors=records, namespace=self.namespace, batch_size=_UPSERT_BATCH, show_progress=False
            )
            if response.has_errors:  # a batched upsert reports failures instead of raising
                raise PineconeWriteError(
                    f"Pinecone accepted {response.upserted_count} of {len(records)} vectors "
                    f"({len(response.errors)} batch(es) failed: {response.errors[0]}); nothing was committed"
                )
        await super()._write(papers, embedder, collection)
        await self._forget(set(previous) - {r["id"] for r in records})

    async def delete(self, paper_ids: Sequence[str]) -> int:
        previous = await self._vector_ids(paper_ids)
        deleted = await super().delete(paper_ids)
        await self._forget(set(previous))
        return deleted

    async def _vector_ids(self, paper_ids: Sequence[str]) -> list[str]:
        rows = await asyncio.to_thread(self.catalog.chunk_versions, paper_ids) if paper_ids else []
        return [vector_id(paper_id, position, digest) for paper_id, position, digest in rows]

    async def _forget(self, ids: set[str]) -> None:
        ordered = sorted(ids)
        for start in range(0, len(ordered), 1000):
            await self.index.delete(ids=ordered[start : start + 1000], namespace=self.namespace)

    async def _dense_search(self, vector: Vectors, limit: int, filters: Filters) -> list[tuple[int, float]]:
        # collection membership lives in the catalog: ask for more, keep the members
        response = await self.index.query(
            top_k=limit * COLLECTION_OVERFETCH if filters.collections is not None else limit,
            vector=[float(x) for x in vector],
            namespace=self.namespace,
            filter=metadata_filter(filters),
        )
        matches = [(parse_vector_id(m.id), float(m.score)) for m in response.matches]
        prefix = filters.id_prefix or ""
        parsed = [(ref, score) for ref, score in matches if ref and ref[0].startswith(prefix)]
        found = await asyncio.to_thread(self._current_chunks, parsed)
        if filters.collections is not None:
            members = await asyncio.to_thread(self.catalog.chunk_ids_matching, Filters(collections=filters.collections))
            allowed = set(members.tolist())
            found = [(chunk, score) for chunk, score in found if chunk in allowed]
        return found[:limit]

    def _current_chunks(self, matches: list[tuple[tuple[str, int, str], float]]) -> list[tuple[int, float]]:
        hashes = self.catalog.content_hashes(list({ref[0] for ref, _ in matches}))
        fresh = [(ref, s) for ref, s in matches if hashes.get(ref[0], "").startswith(ref[2])]
        ids = self.catalog.chunk_ids_by_key([(ref[0], ref[1]) for ref, _ in fresh])
        return [(ids[(ref[0], ref[1])], s) for ref, s in fresh if (ref[0], ref[1]) in ids]

    async def verify(self) -> list[str]:
        problems = await super().verify()
        stats = await self.index.describe_index_stats()
        stored = stats.namespaces.get(self.namespace)
        vectors = stored.vector_count if stored else 0
        chunks = (await self.stats()).chunks
        if vectors < chunks:
            problems.append(f"{chunks - vectors} chunk(s) have no vector in Pinecone namespace {self.namespace!r}")
        return problems

    async def close(self) -> None:
        await self.index.close()
        await super().close()
