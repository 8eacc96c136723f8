"""Experiment tracking of a run: its parameters, metrics and files (a training loss curve, an evaluation report)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal, Protocol

RunStatus = Literal["FINISHED", "FAILED", "KILLED"]


class Tracker(Protocol):
    def start(self, run_name: str, params: Mapping[str, Any], resume_id: str | None = None) -> str | None:
        """Opens a run (or reopens ``resume_id``, an interrupted run of the same training); returns its id."""
        ...

    def log_metrics(self, metrics: Mapping[str, float], step: int) -> None: ...

    def log_file(self, path: Path) -> None: ...

    def finish(self, status: RunStatus) -> None: ...
