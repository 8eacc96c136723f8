"""OpenAI (or any compatible server's) embeddings endpoint."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from openai import AsyncOpenAI

from tools.search.protocol import Vectors

_DIMENSIONS = {"text-embedding-3-small": 1536, "text-embedding-3-large": 3072, "text-embedding-ada-002": 1536}


class OpenAIEmbedder:
    def __init__(self, client: AsyncOpenAI, model: str, dimension: int | None = None, batch_size: int = 256) -> None:
        self.client = client
        self.model = model
        self.batch_size = batch_size
        self._dimension = dimension or _DIMENSIONS.get(model)

    @property
    def name(self) -> str:
        return f"openai:{self.model}"

    @property
    def dimension(self) -> int:
        if self._dimension is None:
            raise RuntimeError(f"unknown dimension for {self.model}; embed something first")
        return self._dimension

    async def embed(self, texts: Sequence[str]) -> Vectors:
        rows: list[list[float]] = []
        for start in range(0, len(texts), self.batch_size):
            response = await self.client.embeddings.create(
                model=self.model, input=list(texts[start : start + self.batch_size])
            )
            rows.extend(item.embedding for item in sorted(response.data, key=lambda d: d.index))
        matrix = np.asarray(rows, dtype=np.float32).reshape(len(rows), -1)
        if matrix.size:
            self._dimension = matrix.shape[1]
            matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
        return matrix
