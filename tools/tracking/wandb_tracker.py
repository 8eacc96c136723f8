"""Weights & Biases tracking through ``wandb.init`` runs: online with a W&B account, or offline files to sync.

Runs go under ``<data dir>/wandb`` (``wandb sync`` uploads offline ones later). The mode is the
setting's when it names one, else W&B's own choice (``WANDB_MODE``, else online). Each run is opened
with ``reinit="create_new"`` and used through its own object, so two trackers in one process do not
share a global run.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from tools.tracking.protocol import RunStatus

_EXIT_CODES: dict[RunStatus, int] = {"FINISHED": 0, "FAILED": 1, "KILLED": 130}  # W&B marks non-zero as crashed


class WandbTracker:
    def __init__(
        self,
        project: str,
        directory: Path,
        entity: str | None = None,
        mode: Literal["online", "offline"] | None = None,
    ) -> None:
        self.project, self.directory, self.entity, self.mode = project, directory, entity, mode
        self.run: Any = None

    def start(self, run_name: str, params: Mapping[str, Any], resume_id: str | None = None) -> str | None:
        import wandb

        self.directory.mkdir(parents=True, exist_ok=True)
        self.run = wandb.init(
            project=self.project,
            entity=self.entity,
            name=run_name,
            config=dict(params),
            dir=str(self.directory),
            mode=self.mode,  # None: W&B's own default (WANDB_MODE)
            id=resume_id,
            resume="allow" if resume_id else None,  # an interrupted training continues its run
            reinit="create_new",
            tags=["labbot"],
        )
        return str(self.run.id)

    def log_metrics(self, metrics: Mapping[str, float], step: int) -> None:
        if self.run is not None:
            self.run.log({key: float(value) for key, value in metrics.items()}, step=step)

    def log_file(self, path: Path) -> None:
        if self.run is not None:
            self.run.save(str(path), base_path=str(path.parent), policy="now")

    def finish(self, status: RunStatus) -> None:
        if self.run is not None:
            self.run.finish(exit_code=_EXIT_CODES[status])
            self.run = None
