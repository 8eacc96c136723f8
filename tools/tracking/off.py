"""No tracking (the default): the run's own folder is the record (an adapter's metrics.json and loss.png, a report)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tools.tracking.protocol import RunStatus


class NoTracker:
    def start(self, run_name: str, params: Mapping[str, Any], resume_id: str | None = None) -> str | None:
        return None

    def log_metrics(self, metrics: Mapping[str, float], step: int) -> None:
        pass

    def log_file(self, path: Path) -> None:
        pass

    def finish(self, status: RunStatus) -> None:
        pass
