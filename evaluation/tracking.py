"""An evaluation report logged as one tracking run (LABBOT_EVALUATION__TRACKING: mlflow, wandb).

The run directory stays the record; the tracking run makes reports of many runs comparable side by
side: the meta as params, every condition's metrics and interval ends, the paired differences, and
the report files as artifacts.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tools.tracking import Tracker

REPORT_FILES = ("report.md", "report.json", "metrics.png", "reliability.png")


def _key(*parts: str) -> str:
    # MLflow keys allow letters, digits, _ - . / and spaces: "rag+ft" becomes "rag-ft"
    return "/".join(re.sub(r"[^\w\-. ]", "-", part) for part in parts)


def report_params(report: dict[str, Any]) -> dict[str, str]:
    meta = report["meta"]
    params = {key: str(value) for key, value in meta.items() if key not in ("models", "generated")}
    params.update({_key("model", name): str(description) for name, description in meta.get("models", {}).items()})
    return params


def report_metrics(report: dict[str, Any]) -> dict[str, float]:
    """Every metric that applies, per condition, with its interval ends; every paired difference and its p."""
    metrics: dict[str, float] = {}
    for condition, table in report["conditions"].items():
        metrics[_key(condition, "n")] = float(table["n"])
        for key, (low, high) in table["intervals"].items():
            if table.get(key) is None:
                continue
            metrics[_key(condition, key)] = float(table[key])
            if low is not None and high is not None:
                metrics[_key(condition, key, "low")], metrics[_key(condition, key, "high")] = float(low), float(high)
    for row in report["differences"]:
        pair = f"{row['second']}-vs-{row['first']}"
        if row["delta"] is not None:
            metrics[_key("delta", pair, row["metric"])] = float(row["delta"])
        if row["p_value"] is not None:
            metrics[_key("p", pair, row["metric"])] = float(row["p_value"])
    return metrics


def log_report(tracker: Tracker, report: dict[str, Any], out: Path) -> str | None:
    """One run named after the run directory; returns its id (None when tracking is off)."""
    run_id = tracker.start(f"eval {out.resolve().name}", report_params(report))
    try:
        tracker.log_metrics(report_metrics(report), step=0)
        for name in REPORT_FILES:
            if (out / name).is_file():
                tracker.log_file(out / name)
    except BaseException:
        tracker.finish("FAILED")
        raise
    tracker.finish("FINISHED")
    return run_id
