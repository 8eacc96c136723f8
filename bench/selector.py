"""The evidence selector against zero-shot ordering, with the time of each stage (export, train, evaluate).

Export: seed pairs from PubMedQA's training half (the 269-item evaluation half is never read for
training) and the methods dev set's dev part (never its heldout part). Train: `train_selector`, as
`labbot train --target selector` runs it, into --data-dir's registry as sel-NAME. Evaluate: the quotes
of the extractive draft under both orderings (evaluation/selector.py) on the methods set's heldout part
and on PubMedQA's evaluation half, with exact McNemar tests and paired-bootstrap intervals; the figures
are written into the registry entry. The CPU may be shared with other work: timings say so.

    .venv/bin/python bench/selector.py [--epochs 1] [--pubmedqa-limit N] [--name bench]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import time
from collections.abc import Callable
from pathlib import Path

from _common import PUBMEDQA
from rich.console import Console
from rich.table import Table

from evaluation.datasets import EvalItem, load_dataset
from evaluation.selector import (
    from_results,
    key_quoted,
    methods_heldout,
    quoted_padding,
    quotes_in_own_library,
    top_quotes_the_finding,
    top_supports_conclusion,
)
from evaluation.split import write_pubmedqa_part
from graph.selection import Candidate
from tools.cli import starter_library_path
from tools.models import in_data_dir, open_registry
from tools.selector import open_selector
from tools.settings import Settings
from tools.stats import mcnemar, paired_bootstrap, wilson
from training.selector import SelectorConfig, record_scores, registry_name, train_selector
from training.selector_data import methods_pairs, pubmedqa_pairs, starter_papers, write_pairs

REPO = Path(__file__).resolve().parent.parent
METHODS = REPO / "evaluation" / "data" / "methods_dev.jsonl"


def export(work: Path, pubmedqa_limit: int | None) -> Path:
    train_half = work / "pubmedqa_train.json"
    write_pubmedqa_part(PUBMEDQA, "train", train_half)
    pairs = list(pubmedqa_pairs(train_half, pubmedqa_limit))
    pairs += methods_pairs(METHODS, starter_papers(starter_library_path()))
    sources = {"pubmedqa": f"{PUBMEDQA} (train half)", "methods": f"{METHODS} (dev part)"}
    return write_pairs(pairs, [], work / "datasets", "selector-seed", sources)


def share(flags: list[bool]) -> str:
    interval = wilson(flags)
    return f"{interval.value:.3f} [{interval.low:.2f}, {interval.high:.2f}]"


def mean_or_dash(values: list[float]) -> str:
    return f"{sum(values) / len(values):.3f}" if values else "—"


async def evaluate(settings: Settings, name: str, work: Path) -> tuple[Table, dict[str, float]]:
    entry = open_registry(settings).get(name)
    assert entry.selector_path is not None
    selector = open_selector(in_data_dir(entry.selector_path, settings))
    table = Table(title=f"{name} vs zero-shot ordering (quotes of the extractive draft)", title_justify="left")
    for column in ("set", "measure", "zero-shot", name, "difference [95 % CI]", "p"):
        table.add_column(column, justify="right" if column not in ("set", "measure") else "left")
    scores: dict[str, float] = {}

    methods = methods_heldout()
    found = await quotes_in_own_library(settings, methods, work / "methods-library", selector)
    by_id = {item.id: item for item in methods.items}
    key = [(key_quoted(q.baseline, by_id[q.item]), key_quoted(q.candidate, by_id[q.item])) for q in found]
    scores["methods_heldout_key_quoted"] = mcnemar_row(
        table, f"methods heldout (n={len(found)})", "key sentence quoted", key
    )
    pads = [(quoted_padding(q.baseline, by_id[q.item]), quoted_padding(q.candidate, by_id[q.item])) for q in found]
    both = [(a, b) for a, b in pads if a is not None and b is not None]
    pad = paired_bootstrap([a for a, _ in both], [b for _, b in both])
    table.add_row(
        "",
        "padding (quoted, not gold)",
        mean_or_dash([a for a, _ in both]),
        mean_or_dash([b for _, b in both]),
        f"{pad.delta:+.3f} [{pad.low:+.3f}, {pad.high:+.3f}]",
        f"{pad.p_value:.3g} (bootstrap)",
    )
    scores["methods_heldout_padding"] = mean(both, 1)

    pubmedqa = load_dataset(PUBMEDQA, "pubmedqa", split="eval")
    found = await quotes_in_own_library(settings, pubmedqa, work / "pubmedqa-library", selector)
    by_id = {item.id: item for item in pubmedqa.items}
    papers = {paper.id: paper for paper in pubmedqa.corpus}
    measures: list[tuple[str, str | None, Callable[[list[Candidate], EvalItem], bool]]] = [
        (
            "top quote is the finding the conclusion rests on (primary)",
            "pubmedqa_eval_top_finding",
            lambda chosen, item: top_quotes_the_finding(chosen, item, papers[item.id]),
        ),
        # the first proxy, kept for comparison: it also rewards the objective sentence that restates the question
        (
            "top quote among the 2 abstract sentences closest to the conclusion (first proxy)",
            "pubmedqa_eval_top_supports",
            top_supports_conclusion,
        ),
        (
            "top quote from the gold abstract",
            None,
            lambda chosen, item: bool(chosen) and chosen[0].passage.paper_id in item.gold_paper_ids,
        ),
        ("top quote is a gold results sentence", None, from_results),
    ]
    for row, (measure, score_key, holds) in enumerate(measures):
        pairs = [(holds(q.baseline, by_id[q.item]), holds(q.candidate, by_id[q.item])) for q in found]
        tuned_share = mcnemar_row(table, f"PubMedQA eval (n={len(found)})" if row == 0 else "", measure, pairs)
        if score_key:
            scores[score_key] = tuned_share
    return table, scores


def mcnemar_row(table: Table, set_label: str, measure: str, pairs: list[tuple[bool, bool]]) -> float:
    """One paired yes/no measure (zero-shot, candidate) as a row with the exact McNemar test; the candidate's
    share."""
    zero, tuned = [a for a, _ in pairs], [b for _, b in pairs]
    test = mcnemar(zero, tuned)
    table.add_row(set_label, measure, share(zero), share(tuned), f"{test.delta:+.3f}", f"{test.p_value:.3g} (McNemar)")
    return sum(tuned) / len(tuned)


def mean(pairs: list[tuple[float, float]], side: int) -> float:
    return sum(p[side] for p in pairs) / len(pairs) if pairs else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--work", type=Path, default=Path("/tmp/labbot-selector-bench"))
    parser.add_argument("--name", default="bench")
    parser.add_argument("--epochs", type=float, default=1.0)
    parser.add_argument("--pubmedqa-limit", type=int, default=None, help="seed from the first N training items")
    parser.add_argument("--evaluate-only", action="store_true", help="evaluate sel-NAME as it is in --work")
    args = parser.parse_args()
    settings = Settings(data_dir=args.work / "data")
    timings: list[tuple[str, float]] = []
    result = None
    if not args.evaluate_only:
        started = time.perf_counter()
        dataset = export(args.work, args.pubmedqa_limit)
        timings.append(("export", time.perf_counter() - started))
        started = time.perf_counter()
        result = train_selector(settings, SelectorConfig(args.name, dataset, epochs=args.epochs))
        timings.append((f"train ({result.steps} steps, {result.train_pairs} pairs)", time.perf_counter() - started))
    started = time.perf_counter()
    table, scores = asyncio.run(evaluate(settings, registry_name(args.name), args.work))
    timings.append(("evaluate (both sets, both orderings)", time.perf_counter() - started))
    record_scores(settings, registry_name(args.name), scores)
    console = Console()
    console.print(table)
    stages = Table(title=f"time per stage ({os.cpu_count()} CPUs, shared with other work)", title_justify="left")
    stages.add_column("stage")
    stages.add_column("seconds", justify="right")
    for stage, seconds in timings:
        stages.add_row(stage, f"{seconds:.0f}")
    stages.add_row("total", f"{sum(s for _, s in timings):.0f}")
    console.print(stages)
    if result is not None:
        console.print(f"validation loss {result.eval_loss_base:.3f} → {result.eval_loss:.3f}; dataset {dataset.name}")


if __name__ == "__main__":
    main()
