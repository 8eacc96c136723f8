"""Methods answers on the methods dev set: does the answer quote the key sentence, cite the gold paper, pad?

Runs the real graph (retrieval, draft, verification, revision, finalize) with the configured embedder
and embedded model over the starter library, once per question, and prints one table per part of the
set (dev: tune on it; heldout: report only). The indexed library is cached in --cache, so a rerun only
answers.

    .venv/bin/python bench/methods_answers.py [--part dev|heldout|both] [--limit N] [--dump answers.jsonl]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from pathlib import Path
from typing import Any

from langgraph.checkpoint.memory import InMemorySaver
from rich.console import Console
from rich.table import Table

from evaluation.datasets import Dataset, EvalItem, load_dataset, qa_part
from evaluation.metrics.methods import score_methods
from evaluation.runner import ensure_corpus, eval_services
from graph.builder import build_graph
from graph.context import Context
from graph.run import answer_question
from tools.settings import Settings

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "evaluation" / "data" / "methods_dev.jsonl"
FIELDS = (
    ("key sentence quoted", "key_quoted", "≥ 0.75"),
    ("gold paper cited", "gold_cited", ""),
    ("padding (cited, not gold)", "padding", "≤ 0.25"),
    ("unanswerable abstained", "abstained_unanswerable", "≥ 0.90"),
    ("wrong abstention", "wrong_abstention", "≤ 0.05"),
    ("empty answers", "empty", "0"),
)


async def answer_all(dataset: Dataset, cache: Path, items: list[EvalItem]) -> list[dict[str, Any]]:
    services = eval_services(Settings(), cache)
    try:
        await ensure_corpus(services, dataset, cache)
        graph = build_graph(InMemorySaver())
        context = Context.from_services(services)
        records = []
        for number, item in enumerate(items, 1):
            started = time.perf_counter()
            answer = await answer_question(graph, context, item.question, f"methods:{item.id}")
            text = "\n".join(section.text for section in answer.sections)
            cited = [c.paper_id for c in answer.citations if c.number]
            score = score_methods(
                answer_text=text,
                abstained=answer.abstained,
                cited=cited,
                answerable=item.answerable,
                gold=item.gold_paper_ids,
                key_sentences=item.key_sentences,
            )
            records.append(
                {
                    "id": item.id,
                    "part": item.part,
                    "question": item.question,
                    "answer": text,
                    "cited": cited,
                    "gold": list(item.gold_paper_ids),
                    "retrieved": [p.paper_id for p in answer.passages],
                    "seconds": round(time.perf_counter() - started, 2),
                    **{field: getattr(score, field) for _, field, _ in FIELDS},
                }
            )
            print(f"{number}/{len(items)} {item.id} {records[-1]['seconds']} s", flush=True)
        return records
    finally:
        await services.aclose()


def mean(values: list[float | None]) -> str:
    present = [v for v in values if v is not None]
    return f"{sum(present) / len(present):.3f} (n={len(present)})" if present else "—"


def table(records: list[dict[str, Any]], title: str) -> Table:
    out = Table(title=title, title_justify="left")
    out.add_column("measure")
    out.add_column("value", justify="right")
    out.add_column("target", justify="right")
    for label, field, target in FIELDS:
        values = [r[field] for r in records]
        cell = f"{int(sum(v or 0 for v in values))}" if field == "empty" else mean(values)
        out.add_row(label, cell, target)
    seconds = [r["seconds"] for r in records]
    out.add_row("seconds per answer (mean)", f"{sum(seconds) / max(1, len(seconds)):.1f}", "")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--part", choices=("dev", "heldout", "both"), default="both")
    parser.add_argument("--limit", type=int, default=None, help="first N items of each part")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/labbot-methods-bench"))
    parser.add_argument("--dump", type=Path, default=None, help="write every answer with its scores (JSONL)")
    args = parser.parse_args()
    parts = ["dev", "heldout"] if args.part == "both" else [args.part]
    chosen: list[EvalItem] = []
    for part in parts:
        chosen += qa_part(load_dataset(args.data, "qa"), part).items[: args.limit]
    records = asyncio.run(answer_all(load_dataset(args.data, "qa"), args.cache, chosen))
    if args.dump is not None:
        args.dump.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    console = Console()
    for part in parts:
        console.print(table([r for r in records if r["part"] == part], f"methods answers, {part} part"))


if __name__ == "__main__":
    main()
