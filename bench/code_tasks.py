"""Runnable and correct rates on the code task sets, through the whole answer graph.

Each task is asked as a fresh conversation with the chosen model (default: the embedded zero-shot
SmolLM2); the answer's code runs in the configured sandbox. Prints one row per set and the tasks
that failed, with why.

    .venv/bin/python bench/code_tasks.py [--model zero-shot] [--sets dev holdout] [--limit N]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from langgraph.checkpoint.memory import InMemorySaver
from rich.console import Console
from rich.progress import Progress, TaskID
from rich.table import Table

from analysis.tasks import load_code_tasks
from evaluation.code_tasks import CodeOutcome, run_code_tasks
from graph.builder import build_graph
from graph.context import Context
from graph.run import answer_question
from tools.cli import starter_library_path
from tools.ingest import ingest
from tools.readers import read_papers
from tools.services import build_services
from tools.settings import Settings

DATA = Path(__file__).resolve().parent.parent / "evaluation" / "data"
SETS = {"dev": DATA / "code_dev.jsonl", "holdout": DATA / "code_holdout.jsonl"}


async def measure(model: str, names: list[str], limit: int | None, data_dir: Path) -> tuple[Table, list[str]]:
    services = build_services(Settings(data_dir=data_dir))
    await ingest(services.library, list(read_papers(starter_library_path(), "jsonl")))
    graph = build_graph(InMemorySaver())
    context = Context.from_services(services, model)

    async def ask(prompt: str, thread: str):  # type: ignore[no-untyped-def]
        return await answer_question(graph, context, prompt, thread)

    table = Table(title=f"Code tasks through the answer graph, model {model}", title_justify="left")
    for column in ("set", "tasks", "runnable", "correct", "s/task"):
        table.add_column(column, justify="left" if column == "set" else "right")
    failures: list[str] = []
    for name in names:
        tasks = load_code_tasks(SETS[name])[:limit]
        started = time.perf_counter()
        with Progress(transient=True) as progress:
            bar = progress.add_task(f"{name} set", total=len(tasks))

            def done(_: CodeOutcome, bar: TaskID = bar) -> None:
                progress.advance(bar)

            outcomes = await run_code_tasks(tasks, ask, done)
        elapsed = (time.perf_counter() - started) / max(len(tasks), 1)
        runnable = sum(o.runnable for o in outcomes) / len(outcomes)
        correct = sum(o.correct for o in outcomes) / len(outcomes)
        table.add_row(name, str(len(outcomes)), f"{runnable:.3f}", f"{correct:.3f}", f"{elapsed:.1f}")
        failures += [
            f"{name}/{o.task} [{', '.join(o.recipes) or 'no code'}]: "
            + (o.error or f"missing {', '.join(f'{k}={v:g}' for k, v in o.missing.items())}")
            for o in outcomes
            if not o.correct
        ]
    await services.aclose()
    return table, failures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="zero-shot")
    parser.add_argument("--sets", nargs="+", choices=sorted(SETS), default=["dev", "holdout"])
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    console = Console()
    with tempfile.TemporaryDirectory() as tmp:
        table, failures = asyncio.run(measure(args.model, args.sets, args.limit, Path(tmp)))
    console.print(table)
    for line in failures:
        console.print(f"  ✗ {line}", highlight=False)


if __name__ == "__main__":
    main()
