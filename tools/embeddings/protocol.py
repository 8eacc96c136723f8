"""Text → unit-length vectors."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from tools.search.protocol import Vectors


class Embedder(Protocol):
    @property
    def name(self) -> str:
        """Identifies the vector space; an index refuses vectors from a different one."""
        ...

    @property
    def dimension(self) -> int: ...

    async def embed(self, texts: Sequence[str]) -> Vectors:
        """One L2-normalised float32 row per text."""
        ...
