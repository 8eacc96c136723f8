"""MLflow tracking through ``MlflowClient`` (mlflow-skinny): a local SQLite store by default, or any tracking URI.

The default is ``sqlite:///<data dir>/mlflow.db`` with artifacts in ``<data dir>/mlartifacts``: MLflow 3
keeps its plain-directory store (``file:``) only behind its own ``MLFLOW_ALLOW_FILE_STORE`` opt-out and
recommends SQLite for a single machine. The client is given its URI explicitly rather than through
``mlflow.set_tracking_uri`` or environment variables, so nothing process-wide changes.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tools.tracking.protocol import RunStatus

_MAX_PARAM_CHARS = 6000  # MLflow's limit on a param value


@contextmanager
def _quiet() -> Iterator[None]:
    # MLflow's SQLite store builds on SQLAlchemy features that SQLAlchemy 2.1 deprecates (``noload``), and
    # MLflow announces future changes of its own: notices about MLflow's internals, not labbot's calls.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning)
        warnings.filterwarnings("ignore", category=FutureWarning)
        yield


class MlflowTracker:
    def __init__(self, tracking_uri: str, experiment: str, artifact_location: str | None = None) -> None:
        from mlflow.tracking import MlflowClient

        self.tracking_uri = tracking_uri
        self.experiment = experiment
        self.artifact_location = artifact_location  # for an experiment this tracker creates
        with _quiet():
            self.client = MlflowClient(tracking_uri=tracking_uri)
        self.run_id: str | None = None

    def start(self, run_name: str, params: Mapping[str, Any], resume_id: str | None = None) -> str | None:
        from mlflow.entities import Param
        from mlflow.exceptions import MlflowException

        with _quiet():
            if resume_id is not None:
                try:
                    self.client.update_run(resume_id, status="RUNNING")
                    self.run_id = resume_id
                    return resume_id  # its params are logged already, and MLflow refuses to change them
                except MlflowException:
                    pass  # the store was moved or cleaned: a new run
            found = self.client.get_experiment_by_name(self.experiment)
            experiment_id = (
                found.experiment_id
                if found
                else self.client.create_experiment(self.experiment, artifact_location=self.artifact_location)
            )
            run = self.client.create_run(experiment_id, run_name=run_name, tags={"labbot.name": run_name})
            self.run_id = run.info.run_id
            values = [Param(key, str(value)[:_MAX_PARAM_CHARS]) for key, value in sorted(params.items())]
            self.client.log_batch(self.run_id, params=values)
        return self.run_id

    def log_metrics(self, metrics: Mapping[str, float], step: int) -> None:
        from mlflow.entities import Metric

        if self.run_id is None:
            return
        now = int(time.time() * 1000)
        with _quiet():
            self.client.log_batch(
                self.run_id, metrics=[Metric(key, float(value), now, step) for key, value in sorted(metrics.items())]
            )

    def log_file(self, path: Path) -> None:
        if self.run_id is not None:
            with _quiet():
                self.client.log_artifact(self.run_id, str(path))

    def finish(self, status: RunStatus) -> None:
        if self.run_id is not None:
            with _quiet():
                self.client.set_terminated(self.run_id, status=status)
