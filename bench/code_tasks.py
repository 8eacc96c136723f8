"""Analysis requests scored three ways — correct, honestly declined, confidently wrong — on every set.

Each task is asked as a fresh conversation through the whole answer graph with the chosen model
(default: the embedded zero-shot SmolLM2), its code running in the configured sandbox. With
``--engine`` only the analysis engine runs (plan, then each script in a plain subprocess): the same
decisions without retrieval, drafting or the sandbox, for quick iteration.

Sets: ``dev`` and ``holdout`` (code_dev/code_holdout.jsonl, every task answerable) and the real-data
sets ``analysis_dev`` and ``analysis_test`` (answerable and must-decline requests, values from R).

    .venv/bin/python bench/code_tasks.py [--engine] [--model zero-shot] [--sets dev analysis_dev] [--limit N]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from langgraph.checkpoint.memory import InMemorySaver
from rich.console import Console
from rich.progress import Progress, TaskID
from rich.table import Table

from analysis.plan import plan_analysis
from analysis.tasks import CodeTask, load_code_tasks
from evaluation.code_tasks import CodeOutcome, Ran, SetFigures, run_code_tasks, score_ran
from graph.builder import build_graph
from graph.context import Context
from graph.run import answer_question
from tools.cli import starter_library_path
from tools.ingest import ingest
from tools.readers import read_papers
from tools.services import Services, build_services
from tools.settings import Settings

DATA = Path(__file__).resolve().parent.parent / "evaluation" / "data"
SETS = {
    "dev": DATA / "code_dev.jsonl",
    "holdout": DATA / "code_holdout.jsonl",
    "analysis_dev": DATA / "analysis_dev.jsonl",
    "analysis_test": DATA / "analysis_test.jsonl",
    "analysis_sealed": DATA / "analysis_sealed.jsonl",
    "analysis_final": DATA / "analysis_final.jsonl",
    "analysis_final2": DATA / "analysis_final2.jsonl",
    "analysis_final3": DATA / "analysis_final3.jsonl",
    "analysis_final4": DATA / "analysis_final4.jsonl",
    "analysis_final5": DATA / "analysis_final5.jsonl",
    "analysis_final6": DATA / "analysis_final6.jsonl",
    "analysis_final7": DATA / "analysis_final7.jsonl",
    "analysis_final8": DATA / "analysis_final8.jsonl",
    "analysis_final9": DATA / "analysis_final9.jsonl",
    "analysis_final10": DATA / "analysis_final10.jsonl",
    "analysis_final11": DATA / "analysis_final11.jsonl",
    "analysis_final12": DATA / "analysis_final12.jsonl",
    "analysis_final13": DATA / "analysis_final13.jsonl",
}
Runner = Callable[[list[CodeTask], Callable[[CodeOutcome], None]], Awaitable[list[CodeOutcome]]]


def engine_ran(prompt: str) -> Ran:
    """The analysis engine alone: the plan, and each planned script run in a fresh interpreter."""
    plan = plan_analysis(prompt)
    outputs, ran, errors = [], [], []
    for call in plan.calls if plan.status == "planned" else []:
        result = subprocess.run(
            [sys.executable, "-c", call.code()],
            capture_output=True,
            text=True,
            timeout=300,
            env={**os.environ, "MPLBACKEND": "Agg"},
            check=False,
        )
        outputs.append(result.stdout)
        ran.append(result.returncode == 0)
        if result.returncode:
            errors.append(result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "failed")
    status = {"planned": "ran", "declined": "declined", "none": "none"}[plan.status]
    if status == "ran" and not all(ran):
        status = "declined"  # the graph reports an analysis whose code failed as not run
    recipes = tuple(call.name for call in plan.calls)
    return Ran(status, plan.reason, recipes, tuple(outputs), tuple(ran), tuple(errors))


async def engine_runner(tasks: list[CodeTask], done: Callable[[CodeOutcome], None]) -> list[CodeOutcome]:
    outcomes = []
    for task in tasks:
        started = time.perf_counter()
        ran = await asyncio.to_thread(engine_ran, task.prompt)
        outcome = score_ran(task, ran, seconds=time.perf_counter() - started)
        outcomes.append(outcome)
        done(outcome)
    return outcomes


async def graph_services(model: str, data_dir: Path) -> tuple[Runner, Services]:
    services = build_services(Settings(data_dir=data_dir))
    await ingest(services.library, list(read_papers(starter_library_path(), "jsonl")))
    graph = build_graph(InMemorySaver())
    context = Context.from_services(services, model)

    async def ask(prompt: str, thread: str):  # type: ignore[no-untyped-def]
        return await answer_question(graph, context, prompt, thread)

    async def runner(tasks: list[CodeTask], done: Callable[[CodeOutcome], None]) -> list[CodeOutcome]:
        return await run_code_tasks(tasks, ask, done)

    return runner, services


async def measure(args: argparse.Namespace, data_dir: Path) -> tuple[Table, list[str]]:
    services: Services | None = None
    runner: Runner = engine_runner
    if not args.engine:
        runner, services = await graph_services(args.model, data_dir)
    title = "analysis engine only" if args.engine else f"through the answer graph, model {args.model}"
    table = Table(title=f"Analysis requests, {title}", title_justify="left")
    columns = (
        "set",
        "answerable",
        "correct",
        "declined",
        "wrong",
        "must decline",
        "declined",
        "of which vague",
        "wrong",
    )
    for column in (*columns, "s/task"):
        table.add_column(column, justify="left" if column == "set" else "right")
    failures: list[str] = []
    for name in args.sets:
        tasks = load_code_tasks(SETS[name])[: args.limit]
        started = time.perf_counter()
        with Progress(transient=True) as progress:
            bar = progress.add_task(f"{name} set", total=len(tasks))

            def done(_: CodeOutcome, bar: TaskID = bar) -> None:
                progress.advance(bar)

            outcomes = await runner(tasks, done)
        elapsed = (time.perf_counter() - started) / max(len(tasks), 1)
        table.add_row(name, *_figures(SetFigures.of(outcomes)), f"{elapsed:.1f}")
        failures += [
            _failure(name, o) for o in outcomes if o.outcome != "correct" or (o.expect == "decline" and not o.reason_ok)
        ]
    if services is not None:
        await services.aclose()
    return table, failures


def _figures(figures: SetFigures) -> list[str]:
    def share(count: int, total: int) -> str:
        return f"{count} ({count / total:.2f})" if total else "–"

    return [
        str(figures.answerable),
        share(figures.correct, figures.answerable),
        share(figures.declined, figures.answerable),
        share(figures.wrong, figures.answerable),
        str(figures.must_decline),
        share(figures.declined_with_reason + figures.declined_vaguely, figures.must_decline),
        str(figures.declined_vaguely) if figures.must_decline else "–",
        share(figures.not_declined, figures.must_decline),
    ]


def _failure(name: str, outcome: CodeOutcome) -> str:
    what = ", ".join(outcome.recipes) or "no code"
    if outcome.outcome == "declined" or outcome.expect == "decline":
        detail = f"{outcome.status}: {outcome.reason or '(no reason)'}"
    elif outcome.error and not outcome.runnable:
        detail = outcome.error
    else:
        detail = "missing " + ", ".join(f"{k}={v:g}" for k, v in outcome.missing.items())
    return f"{outcome.outcome:8} {name}/{outcome.task} [{what}]: {detail}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="zero-shot")
    parser.add_argument("--engine", action="store_true", help="the analysis engine alone, no graph (fast)")
    parser.add_argument("--sets", nargs="+", choices=sorted(SETS), default=sorted(SETS))
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    console = Console()
    with tempfile.TemporaryDirectory() as tmp:
        table, failures = asyncio.run(measure(args, Path(tmp)))
    console.print(table)
    for line in failures:
        console.print(f"  ✗ {line}", highlight=False, soft_wrap=True)


if __name__ == "__main__":
    main()
