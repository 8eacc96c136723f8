"""Models read from local files in process: never a download, loaded on first use and only once."""

from __future__ import annotations

import os
import threading
from typing import Generic, TypeVar

M = TypeVar("M")


def offline() -> None:
    """The weights are local files; there is no hub to reach, so never try."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


class LocalModel(Generic[M]):
    """Holds the model that ``_load`` reads, loaded on the first ``model()`` however many threads ask together
    (importing torch and reading weights cost seconds that a command not using the model should not pay)."""

    def __init__(self) -> None:
        self._model: M | None = None
        self._lock = threading.Lock()

    def model(self) -> M:
        with self._lock:
            if self._model is None:
                offline()
                self._model = self._load()
            return self._model

    def _load(self) -> M:
        raise NotImplementedError
