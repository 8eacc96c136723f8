"""The trained evidence selector: a cross-encoder that reads (question, sentence) together and scores relevance.

The embedder compares a question and a sentence as two separate vectors, so a sentence that restates
the question scores high and the caveat that answers it scores lower. A cross-encoder attends across
both texts and can learn, from the lab's votes and labelled seeds, which sentences answer. It starts
from the bundled MiniLM weights with a fresh one-logit head (training/selector.py) and is saved as a
sentence-transformers CrossEncoder directory, which a ``sel-NAME`` registry entry points to.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from tools.local_models import LocalModel

if TYPE_CHECKING:
    from sentence_transformers import CrossEncoder

MAX_LENGTH = 256  # question + one sentence; longer pairs are truncated (a quoted sentence is ≤ 500 characters)


class CrossEncoderSelector(LocalModel["CrossEncoder"]):
    def __init__(self, path: Path, batch_size: int = 32) -> None:
        super().__init__()
        self.path = path
        self.batch_size = batch_size

    def _load(self) -> CrossEncoder:
        from sentence_transformers import CrossEncoder

        model: CrossEncoder = CrossEncoder(str(self.path), device="cpu", max_length=MAX_LENGTH, local_files_only=True)
        return model

    def score_blocking(self, question: str, sentences: Sequence[str]) -> np.ndarray:
        """One relevance probability per sentence (higher: more likely to answer the question)."""
        if not sentences:
            return np.zeros(0, dtype=np.float32)
        pairs = [(question, sentence) for sentence in sentences]
        scores = self.model().predict(pairs, batch_size=self.batch_size, convert_to_numpy=True, show_progress_bar=False)
        return np.asarray(scores, dtype=np.float32).reshape(-1)

    async def score(self, question: str, sentences: Sequence[str]) -> np.ndarray:
        return await asyncio.to_thread(self.score_blocking, question, sentences)


@cache
def open_selector(path: Path) -> CrossEncoderSelector:
    """One loaded selector per directory for the life of the process (answers reuse it)."""
    return CrossEncoderSelector(path)
