"""An LRU memo in front of any embedder: an answer embeds the same sentences while ranking and verifying."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from tools.embeddings.protocol import Embedder
from tools.search.protocol import Vectors


class CachedEmbedder:
    def __init__(self, inner: Embedder, capacity: int = 8192) -> None:
        self.inner = inner
        self.capacity = capacity
        self._vectors: OrderedDict[str, Vectors] = OrderedDict()

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def dimension(self) -> int:
        return self.inner.dimension

    async def embed(self, texts: Sequence[str]) -> Vectors:
        missing = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        if missing:
            for text, vector in zip(missing, await self.inner.embed(missing), strict=True):
                self._vectors[text] = vector
        rows = []
        for text in texts:
            self._vectors.move_to_end(text)
            rows.append(self._vectors[text])
        while len(self._vectors) > self.capacity:
            self._vectors.popitem(last=False)
        return np.vstack(rows) if rows else np.zeros((0, self.dimension), dtype=np.float32)
