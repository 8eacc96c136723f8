"""How a report becomes a tracking run's params and metrics: MLflow-safe keys, nothing for what does not apply."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from evaluation.tracking import log_report, report_metrics, report_params

REPORT: dict[str, Any] = {
    "meta": {"kind": "qa", "seed": 0, "generated": "2026-12-06 08:00 UTC", "models": {"ft-seed": "local, LoRA a"}},
    "conditions": {
        "rag+ft": {
            "n": 3,
            "citation_precision": 0.5,
            "recall_at_5": None,
            "tokens_per_answer": 100.0,
            "intervals": {
                "citation_precision": [0.2, 0.8],
                "recall_at_5": [None, None],
                "tokens_per_answer": [None, None],
            },
        }
    },
    "differences": [
        {"metric": "citation_precision", "first": "ft", "second": "rag+ft", "delta": 0.25, "p_value": None},
    ],
}


def test_metrics_have_mlflow_safe_keys_and_skip_what_does_not_apply() -> None:
    assert report_metrics(REPORT) == {
        "rag-ft/n": 3.0,
        "rag-ft/citation_precision": 0.5,
        "rag-ft/citation_precision/low": 0.2,
        "rag-ft/citation_precision/high": 0.8,
        "rag-ft/tokens_per_answer": 100.0,
        "delta/rag-ft-vs-ft/citation_precision": 0.25,
    }
    assert report_params(REPORT) == {"kind": "qa", "seed": "0", "model/ft-seed": "local, LoRA a"}


class Recorder:
    def __init__(self, fail_on_files: bool = False) -> None:
        self.fail_on_files, self.calls, self.status = fail_on_files, [], None  # type: ignore[var-annotated]

    def start(self, run_name: str, params: Any, resume_id: str | None = None) -> str | None:
        self.calls.append(run_name)
        return "run-1"

    def log_metrics(self, metrics: Any, step: int) -> None:
        self.calls.append(len(metrics))

    def log_file(self, path: Path) -> None:
        if self.fail_on_files:
            raise OSError("artifact store is down")
        self.calls.append(path.name)

    def finish(self, status: str) -> None:
        self.status = status


def test_log_report_uploads_the_files_there_are_and_marks_a_failed_upload(tmp_path: Path) -> None:
    out = tmp_path / "run-a"
    out.mkdir()
    (out / "report.md").write_text("# report")
    tracker = Recorder()
    assert log_report(tracker, REPORT, out) == "run-1"
    assert tracker.calls == ["eval run-a", 6, "report.md"] and tracker.status == "FINISHED"

    broken = Recorder(fail_on_files=True)
    with pytest.raises(OSError):
        log_report(broken, REPORT, out)
    assert broken.status == "FAILED"
