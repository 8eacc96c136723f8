"""Where training runs are logged; the only place the ``training.tracking`` setting maps to a class."""

from __future__ import annotations

from collections.abc import Callable

from tools.settings import Settings
from training.tracking.off import NoTracker
from training.tracking.protocol import RunStatus, Tracker


def _mlflow(settings: Settings) -> Tracker:
    from training.tracking.mlflow_tracker import MlflowTracker

    if settings.training.mlflow_tracking_uri:
        return MlflowTracker(settings.training.mlflow_tracking_uri, settings.training.experiment)
    local = settings.data_path.resolve()
    local.mkdir(parents=True, exist_ok=True)
    artifacts = (local / "mlartifacts").as_uri()
    return MlflowTracker(f"sqlite:///{local / 'mlflow.db'}", settings.training.experiment, artifacts)


_BACKENDS: dict[str, Callable[[Settings], Tracker]] = {"none": lambda _: NoTracker(), "mlflow": _mlflow}


def open_tracker(settings: Settings) -> Tracker:
    return _BACKENDS[settings.training.tracking](settings)


__all__ = ["NoTracker", "RunStatus", "Tracker", "open_tracker"]
