"""PNG plots of a report: metric bars with their intervals, and how reliable the pipeline's verdicts are."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # files only; never a display
import matplotlib.pyplot as plt
import numpy as np

from evaluation.report import METRICS

BINS = np.linspace(0.0, 1.0, 11)


def metric_bars(report: dict[str, Any], labels: dict[str, str], target: Path) -> Path | None:
    names = list(report["conditions"])
    shown = [m for m in METRICS if any(report["conditions"][n][m.key] is not None for n in names)]
    if not shown or not names:
        return None
    columns = 3
    rows = -(-len(shown) // columns)
    figure, axes = plt.subplots(rows, columns, figsize=(4.2 * columns, 3.0 * rows), squeeze=False)
    for axis, metric in zip(axes.flat, shown, strict=False):
        values = [report["conditions"][n][metric.key] for n in names]
        heights = [v if v is not None else 0.0 for v in values]
        spans = [report["conditions"][n]["intervals"][metric.key] for n in names]
        low = [h - s[0] if s[0] is not None else 0.0 for h, s in zip(heights, spans, strict=True)]
        high = [s[1] - h if s[1] is not None else 0.0 for h, s in zip(heights, spans, strict=True)]
        axis.bar(range(len(names)), heights, yerr=[np.maximum(low, 0), np.maximum(high, 0)], capsize=4, color="#4c72b0")
        axis.set_xticks(range(len(names)), [labels.get(n, n) for n in names], rotation=20, fontsize=7)
        axis.set_title(metric.label + ("" if metric.higher_is_better else " (lower is better)"), fontsize=9)
    for axis in list(axes.flat)[len(shown) :]:
        axis.axis("off")
    figure.tight_layout()
    path = target / "metrics.png"
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path


def reliability(records: Sequence[dict[str, Any]], labels: dict[str, str], target: Path) -> Path | None:
    """x: the pipeline's support score for a citation; y: the share the independent judge also finds supported."""
    figure, axis = plt.subplots(figsize=(5.5, 4.2))
    drawn = False
    for name in dict.fromkeys(r["condition"] for r in records):
        verdicts = np.array(
            [(float(v[0]), float(v[2])) for r in records if r["condition"] == name for v in r.get("verdicts", [])]
        ).reshape(-1, 2)
        if not len(verdicts):
            continue
        which = np.clip(np.digitize(verdicts[:, 0], BINS) - 1, 0, len(BINS) - 2)
        centres, shares = [], []
        for b in range(len(BINS) - 1):
            mask = which == b
            if mask.any():
                centres.append((BINS[b] + BINS[b + 1]) / 2)
                shares.append(float(verdicts[mask, 1].mean()))
        axis.plot(centres, shares, marker="o", label=f"{labels.get(name, name)} (n={len(verdicts)})")
        drawn = True
    if not drawn:
        plt.close(figure)
        return None
    axis.plot([0, 1], [0, 1], linestyle="--", color="grey", linewidth=0.8)
    axis.set_xlabel("pipeline support score of the citation")
    axis.set_ylabel("share the judge finds supported")
    axis.set_title("Verdict reliability", fontsize=10)
    axis.legend(fontsize=7)
    figure.tight_layout()
    path = target / "reliability.png"
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return path
