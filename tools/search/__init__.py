"""Open the search index named in settings; the only place a backend name maps to a class."""

from __future__ import annotations

from collections.abc import Callable

from tools.extras import require
from tools.search.protocol import NO_FILTERS, ChunkHit, EmbeddedPaper, Filters, Hit, IndexStats, SearchIndex, SearchMode
from tools.settings import Settings


def _sqlite(settings: Settings) -> SearchIndex:
    from tools.search.sqlite import SqliteIndex

    return SqliteIndex(settings.index_dir, settings.search)


def _pinecone(settings: Settings) -> SearchIndex:
    require("pinecone", "the pinecone search backend")
    from pinecone import AsyncIndex

    from tools.search.pinecone import PineconeIndex

    if not settings.search.pinecone_host:
        raise ValueError("the pinecone backend needs LABBOT_SEARCH__PINECONE_HOST (the index's data-plane host)")
    if settings.pinecone_api_key is None:
        raise ValueError("the pinecone backend needs PINECONE_API_KEY")
    index = AsyncIndex(host=settings.search.pinecone_host, api_key=settings.pinecone_api_key.get_secret_value())
    return PineconeIndex(settings.index_dir, settings.search, index)


_BACKENDS: dict[str, Callable[[Settings], SearchIndex]] = {"sqlite": _sqlite, "pinecone": _pinecone}


def open_index(settings: Settings) -> SearchIndex:
    return _BACKENDS[settings.search.backend](settings)


__all__ = [
    "NO_FILTERS",
    "ChunkHit",
    "EmbeddedPaper",
    "Filters",
    "Hit",
    "IndexStats",
    "SearchIndex",
    "SearchMode",
    "open_index",
]
