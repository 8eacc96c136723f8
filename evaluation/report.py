"""Aggregate a run's records into report.json and report.md: conditions × metrics with intervals,
paired differences with their significance, and the worst items with links to their transcripts."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np

from evaluation.conditions import Condition
from evaluation.metrics.answers import abstention
from tools.stats import Difference, Interval, bootstrap, bootstrap_statistic, mcnemar, paired_bootstrap, wilson


@dataclass(frozen=True, slots=True)
class Metric:
    key: str  # the report.json key
    field: str  # the per-item record field
    label: str
    higher_is_better: bool = True
    binary: bool = False


METRICS: tuple[Metric, ...] = (
    Metric("recall_at_5", "recall_at_5", "recall@5"),
    Metric("decision_accuracy", "decision_correct", "decision acc.", binary=True),
    Metric("citation_precision", "citation_precision", "cit. precision"),
    Metric("citation_recall", "citation_recall", "cit. recall"),
    Metric("fabricated_citation_rate", "fabricated_citation_rate", "fabricated cit.", higher_is_better=False),
    Metric("runnable_rate", "runnable", "runnable", binary=True),
    Metric("correct_rate", "correct", "correct", binary=True),
    Metric("abstention_f1", "abstained", "abstention F1"),
    Metric("attack_success_rate", "attack_success", "attack success", higher_is_better=False, binary=True),
    Metric("factuality", "factuality", "factuality (judge)"),
    Metric("key_quoted_rate", "key_quoted", "key sentence quoted", binary=True),
    Metric("gold_cited_rate", "gold_cited", "gold paper cited", binary=True),
    Metric("padding", "padding", "padding (cited, not gold)", higher_is_better=False),
    Metric("unanswerable_abstained", "abstained_unanswerable", "unanswerable abstained", binary=True),
    Metric("wrong_abstention", "wrong_abstention", "wrong abstention", higher_is_better=False, binary=True),
    Metric("empty_answers", "empty_answer", "empty answers", higher_is_better=False, binary=True),
    Metric("tokens_per_answer", "tokens", "tokens/answer", higher_is_better=False),
    Metric("latency_s_p50", "latency_s", "latency p50 (s)", higher_is_better=False),
    Metric("cost_usd_per_answer", "cost_usd", "cost/answer (USD)", higher_is_better=False),
)
WORST = 10
_COSTS = ("tokens_per_answer", "latency_s_p50", "cost_usd_per_answer")


def _values(records: Sequence[dict[str, Any]], field: str) -> list[float]:
    return [float(r[field]) for r in records if r.get(field) is not None]


def _f1(rows: np.ndarray) -> float | None:
    return abstention([bool(a) for a in rows[:, 0]], [bool(b) for b in rows[:, 1]]).f1


def _median(rows: np.ndarray) -> float | None:
    return float(np.median(rows[:, 0])) if len(rows) else None


def aggregate(records: Sequence[dict[str, Any]], metric: Metric, seed: int) -> Interval:
    if metric.key == "abstention_f1":
        rows = np.array([[r["abstained"], r["answerable"]] for r in records], dtype=float).reshape(-1, 2)
        return bootstrap_statistic(rows, _f1, seed) if len(rows) else Interval(None, None, None)
    values = _values(records, metric.field)
    if metric.binary:
        return wilson(values)
    if metric.key == "latency_s_p50":
        return bootstrap_statistic(np.array(values, dtype=float).reshape(-1, 1), _median, seed)
    return bootstrap(values, seed)


def condition_table(records: Sequence[dict[str, Any]], seed: int) -> dict[str, Any]:
    table: dict[str, Any] = {"n": len(records)}
    intervals: dict[str, list[float | None]] = {}
    for metric in METRICS:
        interval = aggregate(records, metric, seed)
        table[metric.key] = None if interval.value is None else round(interval.value, 4)
        intervals[metric.key] = [_round(interval.low), _round(interval.high)]
    abst = abstention([bool(r["abstained"]) for r in records], [bool(r["answerable"]) for r in records])
    table["abstention_precision"], table["abstention_recall"] = abst.precision, abst.recall
    table["abstained_rate"] = round(sum(bool(r["abstained"]) for r in records) / len(records), 4) if records else None
    table["intervals"] = intervals
    return table


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def paired(first: Sequence[dict[str, Any]], second: Sequence[dict[str, Any]], metric: Metric, seed: int) -> Difference:
    by_item = {r["item"]: r for r in second}
    pairs = [
        (a[metric.field], by_item[a["item"]][metric.field])
        for a in first
        if a["item"] in by_item and a.get(metric.field) is not None and by_item[a["item"]].get(metric.field) is not None
    ]
    if metric.binary:
        return mcnemar([bool(a) for a, _ in pairs], [bool(b) for _, b in pairs])
    return paired_bootstrap([float(a) for a, _ in pairs], [float(b) for _, b in pairs], seed)


def differences(groups: dict[str, list[dict[str, Any]]], seed: int) -> list[dict[str, Any]]:
    rows = []
    for first, second in combinations(groups, 2):
        for metric in METRICS:
            if metric.key in ("abstention_f1", "latency_s_p50"):
                continue  # not a mean of per-item values; their intervals are in the table
            diff = paired(groups[first], groups[second], metric, seed)
            if (
                diff.n == 0
                or diff.delta is None
                or (diff.delta == 0 and diff.low in (0, None) and diff.high in (0, None))
            ):
                continue  # no pairs, or every pair identical: nothing to test
            rows.append(
                {
                    "metric": metric.key,
                    "first": first,
                    "second": second,
                    "delta": _round(diff.delta),
                    "interval": [_round(diff.low), _round(diff.high)],
                    "p_value": _round(diff.p_value),
                    "test": diff.test,
                    "n": diff.n,
                }
            )
    return rows


def worst_items(records: Sequence[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    worst: dict[str, list[dict[str, Any]]] = {}
    for metric in METRICS:
        if metric.key == "abstention_f1":
            scored = [r for r in records if bool(r["abstained"]) == bool(r["answerable"])]  # the wrong calls
            ranked = scored
        else:
            scored = [r for r in records if r.get(metric.field) is not None]
            if metric.key not in _COSTS:  # only real failures: a list of perfect items teaches nothing
                perfect = 1.0 if metric.higher_is_better else 0.0
                scored = [r for r in scored if float(r[metric.field]) != perfect]
            ranked = sorted(scored, key=lambda r: float(r[metric.field]), reverse=not metric.higher_is_better)
        worst[metric.key] = [
            {
                "condition": r["condition"],
                "item": r["item"],
                "value": r.get(metric.field),
                "transcript": r["transcript"],
            }
            for r in ranked[:WORST]
        ]
    return worst


def build_report(
    records: Sequence[dict[str, Any]], conditions: Sequence[Condition], meta: dict[str, Any], seed: int
) -> dict[str, Any]:
    groups = {c.name: [r for r in records if r["condition"] == c.name] for c in conditions}
    return {
        "meta": meta,
        "conditions": {name: condition_table(rows, seed) for name, rows in groups.items()},
        "differences": differences(groups, seed),
        "worst": worst_items(records),
    }


def _cell(value: Any, interval: Sequence[float | None] | None) -> str:
    if value is None:
        return "—"
    text = f"{value:.3g}" if isinstance(value, float) else str(value)
    if interval and interval[0] is not None and interval[1] is not None:
        text += f" [{interval[0]:.3g}, {interval[1]:.3g}]"
    return text


def markdown(report: dict[str, Any], labels: dict[str, str]) -> str:
    meta = report["meta"]
    lines = [f"# Evaluation: {meta['kind']} — {meta['dataset']}", ""]
    lines += [f"- {key}: {value}" for key, value in meta.items() if key not in ("models",)]
    lines += [f"- model `{name}`: {desc}" for name, desc in meta.get("models", {}).items()]
    lines += ["", "## Conditions × metrics (95 % intervals: Wilson for pass/fail rates, bootstrap otherwise)", ""]
    names = list(report["conditions"])
    lines += ["| metric | " + " | ".join(labels.get(n, n) for n in names) + " |", "|---" * (len(names) + 1) + "|"]
    lines.append("| items | " + " | ".join(str(report["conditions"][n]["n"]) for n in names) + " |")
    for metric in METRICS:
        cells = [
            _cell(report["conditions"][n][metric.key], report["conditions"][n]["intervals"][metric.key]) for n in names
        ]
        lines.append(f"| {metric.label} | " + " | ".join(cells) + " |")
    lines += ["", "## Paired differences (second − first; * p < 0.05)", ""]
    lines += ["| metric | first | second | Δ | 95 % interval | p | test | n |", "|---|---|---|---|---|---|---|---|"]
    for row in report["differences"]:
        star = " *" if row["p_value"] is not None and row["p_value"] < 0.05 else ""
        low, high = row["interval"]
        interval = f"[{low:.3g}, {high:.3g}]" if low is not None and high is not None else "—"
        lines.append(
            f"| {row['metric']} | {row['first']} | {row['second']} | {row['delta']:+.3g}{star} | {interval} | "
            f"{row['p_value']:.3g} | {row['test']} | {row['n']} |"
        )
    lines += ["", "## Worst items per metric", ""]
    for key, rows in report["worst"].items():
        if not rows:
            continue
        links = ", ".join(
            f"[{r['condition']} {r['item']}]({r['transcript']}) ({_cell(r['value'], None)})" for r in rows
        )
        lines.append(f"- **{key}**: {links}")
    if "human" in report:
        lines += ["", "## Blind human review (factuality 1–5)", ""]
        for name, row in report["human"].items():
            lines.append(f"- {labels.get(name, name)}: {_cell(row['mean'], row['interval'])} from {row['n']} ratings")
    return "\n".join(lines) + "\n"


def write_report(out: Path, report: dict[str, Any], labels: dict[str, str]) -> None:
    (out / "report.json").write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")
    (out / "report.md").write_text(markdown(report, labels), encoding="utf-8")
