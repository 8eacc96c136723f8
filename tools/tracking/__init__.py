"""Where runs are logged (training runs, evaluation reports); the only place a ``tracking`` setting maps to a class."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tools.extras import require
from tools.settings import EvaluationSettings, TrainingSettings
from tools.tracking.off import NoTracker
from tools.tracking.protocol import RunStatus, Tracker

TrackingConfig = TrainingSettings | EvaluationSettings  # the settings sections that say where their runs go


def _mlflow(config: TrackingConfig, data_path: Path) -> Tracker:
    require("mlflow", "MLflow tracking")
    from tools.tracking.mlflow_tracker import MlflowTracker

    if config.mlflow_tracking_uri:
        return MlflowTracker(config.mlflow_tracking_uri, config.experiment)
    local = data_path.resolve()
    local.mkdir(parents=True, exist_ok=True)
    artifacts = (local / "mlartifacts").as_uri()
    return MlflowTracker(f"sqlite:///{local / 'mlflow.db'}", config.experiment, artifacts)


def _wandb(config: TrackingConfig, data_path: Path) -> Tracker:
    require("wandb", "Weights & Biases tracking")
    from tools.tracking.wandb_tracker import WandbTracker

    return WandbTracker(config.experiment, data_path.resolve(), config.wandb_entity, config.wandb_mode)


_BACKENDS: dict[str, Callable[[TrackingConfig, Path], Tracker]] = {
    "none": lambda _config, _path: NoTracker(),
    "mlflow": _mlflow,
    "wandb": _wandb,
}


def open_tracker(config: TrackingConfig, data_path: Path) -> Tracker:
    return _BACKENDS[config.tracking](config, data_path)


__all__ = ["NoTracker", "RunStatus", "Tracker", "TrackingConfig", "open_tracker"]
