"""`labbot feedback export|seed` (fine-tuning datasets) and `labbot models` (the registry, fine-tuned included)."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from tools.cli import starter_library_path
from tools.extras import require
from tools.models import ModelPool, open_registry
from tools.models.registry import ModelEntry, RegistryError
from tools.sandbox import open_sandbox
from tools.settings import Settings
from training.export import Bundle, deduplicated, from_feedback, write_dataset
from training.feedback import RatedAnswer, open_feedback_store
from training.guards import VotePolicy, settings_secrets
from training.seed import code_examples, pubmedqa_examples

if TYPE_CHECKING:
    from training.openai_jobs import OpenAIJobConfig
    from training.selector import SelectorConfig
    from training.train import Method, TrainConfig

console = Console()
feedback_app = typer.Typer(
    help="Turn 👍/👎 into fine-tuning datasets (or seed them from labelled data).", no_args_is_help=True
)
DEFAULT_OUT = Path("datasets")
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,59}")  # ft-NAME is a registry name, NAME a folder and a suffix


def _report(target: Path, bundle: Bundle) -> None:
    console.print(
        f"[green]✓[/] {target}: {len(bundle.sft)} supervised, {len(bundle.kto)} labelled (KTO), "
        f"{len(bundle.pairs)} preference pairs; {len(bundle.review)} left out (see {target / 'review.jsonl'})"
    )


@feedback_app.command("export")
def export_command(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option(help="Where dataset directories are written.")] = DEFAULT_OUT,
    name: Annotated[str, typer.Option(help="Dataset name; the directory adds its content hash.")] = "feedback",
    channel: Annotated[
        list[str] | None,
        typer.Option(help="Channel id allowed to train (repeatable); default LABBOT_SLACK__TRAINING_CHANNELS."),
    ] = None,
    min_votes: Annotated[int, typer.Option(min=1, help="Least distinct voters for an answer to count.")] = 1,
    user_cap: Annotated[float, typer.Option(min=1, help="One user's votes together weigh at most this.")] = 20.0,
) -> None:
    """Build a versioned dataset from the feedback store: OpenAI chat JSONL, a Hugging Face dataset, a manifest.

    Only allow-listed channels count; each user's votes are capped; duplicates are merged; Slack ids,
    e-mail addresses and tokens are scrubbed. review.jsonl lists every answer left out and why.
    """
    settings: Settings = ctx.obj
    channels = frozenset(channel or settings.slack.training_channels)
    if not channels:
        console.print(
            "[yellow]No channel is allow-listed for training[/]: pass --channel C… or set "
            "LABBOT_SLACK__TRAINING_CHANNELS; every answer will be left out."
        )

    async def run() -> tuple[Path, Bundle]:
        store = await open_feedback_store(settings)
        try:
            rated = await store.rated_answers()
        finally:
            await store.close()
        bundle = from_feedback(rated, VotePolicy(channels, min_votes, user_cap), settings_secrets(settings))
        return write_dataset(bundle, out, name), bundle

    target, bundle = asyncio.run(run())
    _report(target, bundle)


@feedback_app.command("seed")
def seed_command(
    ctx: typer.Context,
    pubmedqa: Annotated[Path | None, typer.Option(exists=True, dir_okay=False, help="PubMedQA JSON.")] = None,
    code: Annotated[Path | None, typer.Option(exists=True, dir_okay=False, help="Code tasks JSON Lines.")] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="Use at most this many PubMedQA items.")] = None,
    out: Annotated[Path, typer.Option(help="Where dataset directories are written.")] = DEFAULT_OUT,
    name: Annotated[str, typer.Option(help="Dataset name; the directory adds its content hash.")] = "seed",
) -> None:
    """Supervised examples from labelled data, to exercise training before feedback exists.

    --pubmedqa: question + abstract → a structured answer with the expert decision and conclusion, citing
    the abstract. --code: request → the analysis that prints the expected numbers (checked in the sandbox).
    """
    settings: Settings = ctx.obj
    if pubmedqa is None and code is None:
        raise typer.BadParameter("give --pubmedqa FILE, --code FILE, or both")
    bundle = Bundle(sources={"pubmedqa": str(pubmedqa) if pubmedqa else None, "code": str(code) if code else None})
    examples = list(pubmedqa_examples(pubmedqa, limit)) if pubmedqa else []
    if code is not None:
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task("checking analyses in the sandbox", total=None)
            found, excluded = asyncio.run(
                code_examples(
                    code, open_sandbox(settings), lambda done, total: progress.update(task, completed=done, total=total)
                )
            )
        examples += found
        bundle.review += [{"origin": [row["id"]], "reason": row["reason"]} for row in excluded]
    bundle.sft = deduplicated(examples, bundle.review)
    _report(write_dataset(bundle, out, name), bundle)


@feedback_app.command("selector")
def selector_data_command(
    ctx: typer.Context,
    pubmedqa: Annotated[
        Path | None,
        typer.Option(
            exists=True, dir_okay=False, help="PubMedQA JSON, its training half only (labbot eval split --part train)."
        ),
    ] = None,
    methods: Annotated[
        Path | None,
        typer.Option(exists=True, dir_okay=False, help="The methods dev set JSONL (only its dev part is used)."),
    ] = None,
    channel: Annotated[
        list[str] | None,
        typer.Option(help="Channel id allowed to train (repeatable); default LABBOT_SLACK__TRAINING_CHANNELS."),
    ] = None,
    min_votes: Annotated[int, typer.Option(min=1, help="Least distinct voters for an answer to count.")] = 1,
    user_cap: Annotated[float, typer.Option(min=1, help="One user's votes together weigh at most this.")] = 20.0,
    no_feedback: Annotated[
        bool, typer.Option("--no-feedback", help="Seeds only: leave the feedback store out.")
    ] = False,
    out: Annotated[Path, typer.Option(help="Where dataset directories are written.")] = DEFAULT_OUT,
    name: Annotated[str, typer.Option(help="Dataset name; the directory adds its content hash.")] = "selector",
) -> None:
    """(question, sentence, target) pairs for labbot train --target selector: seeds and guarded votes.

    Sentences quoted in 👍 answers are positives, in 👎 answers weak negatives (vote-weighted, after the same
    channel allow-list, per-user cap, minimum votes and scrubbing as labbot feedback export).
    """
    from training.selector_data import feedback_pairs, methods_pairs, pubmedqa_pairs, starter_papers, write_pairs

    settings: Settings = ctx.obj
    pairs = list(pubmedqa_pairs(pubmedqa)) if pubmedqa else []
    if methods is not None:
        pairs += methods_pairs(methods, starter_papers(starter_library_path()))
    review: list[dict[str, object]] = []
    channels = frozenset(channel or settings.slack.training_channels)
    if not no_feedback:

        async def rated() -> list[RatedAnswer]:
            store = await open_feedback_store(settings)
            try:
                return list(await store.rated_answers())
            finally:
                await store.close()

        voted, review = feedback_pairs(
            asyncio.run(rated()), VotePolicy(channels, min_votes, user_cap), settings_secrets(settings)
        )
        pairs += voted
    sources = {
        "pubmedqa": str(pubmedqa) if pubmedqa else None,
        "methods": str(methods) if methods else None,
        "policy": {"channels": sorted(channels), "min_votes": min_votes, "user_cap": user_cap},
    }
    target = write_pairs(pairs, review, out, name, sources)
    console.print(f"[green]✓[/] {target}: {len(pairs)} pairs; {len(review)} answers left out (see review.jsonl)")


models_app = typer.Typer(
    help="The models labbot can answer with: built-in, configured and fine-tuned (adapter, dataset, scores).",
    invoke_without_command=True,
)


@models_app.callback()
def models_command(ctx: typer.Context) -> None:
    """The models labbot can answer with: built-in, configured and fine-tuned (adapter, dataset, scores)."""
    if ctx.invoked_subcommand is not None:
        return
    settings: Settings = ctx.obj
    table = Table(title=f"Models (default: {ModelPool(settings).default()})")
    for column in ("name", "backend", "base / adapter", "dataset", "eval scores", "description"):
        table.add_column(column)
    for entry in open_registry(settings).entries():
        base = entry.model_id or str(entry.gguf_path or "SmolLM2-135M (bundled)")
        if entry.lora_path:
            base += f" + {entry.lora_path}"
        if entry.selector_path:
            base += f" + selector {entry.selector_path}"
        scores = ", ".join(f"{k} {v:.3g}" for k, v in sorted(entry.eval_scores.items())) or "—"
        table.add_row(entry.name, entry.backend, base, (entry.dataset_hash or "—")[:12], scores, entry.description)
    console.print(table)


@models_app.command("copy")
def copy_model_command(
    ctx: typer.Context,
    source: Annotated[str, typer.Argument(help="An existing entry, e.g. ft-seed.")],
    target: Annotated[str, typer.Argument(help="The new entry's name.")],
    prose: Annotated[
        bool | None,
        typer.Option(
            "--prose/--extractive",
            help="--prose: the model drafts the answer's sentences (the checks still judge each one); "
            "--extractive: it makes the pipeline's decisions but answers are built from quoted passages "
            "(the safe choice for the bundled 135M model). Default: as SOURCE.",
        ),
    ] = None,
) -> None:
    """Register SOURCE again under a new name, optionally switching how it answers.

    Example: labbot models copy ft-seed ft-seed-x --extractive (then labbot eval --model zero-shot --model ft-seed-x)
    """
    settings: Settings = ctx.obj
    registry = open_registry(settings)
    try:
        entry = registry.get(source)
        if target in registry.names():
            raise RegistryError(f"{target!r} exists already; choose another name")
        mode = entry.writes_prose if prose is None else prose
        copy = entry.model_copy(update={"name": target, "writes_prose": mode})
        registry.register(ModelEntry.model_validate(copy.model_dump()))
    except RegistryError as error:
        console.print(f"[red]Cannot copy:[/] {error}")
        raise typer.Exit(2) from error
    console.print(f"[green]✓[/] {target}: {source} answering {'in its own words' if mode else 'extractively'}")


def train_command(
    ctx: typer.Context,
    dataset: Annotated[
        Path,
        typer.Option(
            exists=True,
            file_okay=False,
            help="A directory from labbot feedback export/seed (selector: feedback selector).",
        ),
    ],
    name: Annotated[str, typer.Option(help="The adapter's name; it is registered as ft-NAME (selector: sel-NAME).")],
    target: Annotated[
        str,
        typer.Option(
            help="lora: the language model's adapter. selector: the evidence selector that orders quoted sentences "
            "(uses --epochs and --batch-size; default 1 epoch of 16 pairs a step)."
        ),
    ] = "lora",
    method: Annotated[
        str, typer.Option(help="sft (rated-up and seed examples), kto (up and down) or dpo (preference pairs).")
    ] = "sft",
    max_steps: Annotated[int, typer.Option(min=1, help="Optimizer steps.")] = 200,
    learning_rate: Annotated[float, typer.Option(help="Peak learning rate (KTO and DPO are capped at 5e-6).")] = 2e-4,
    rank: Annotated[int, typer.Option(min=1, help="LoRA rank.")] = 8,
    eval_fraction: Annotated[
        float,
        typer.Option(
            min=0.01, max=0.5, help="Share of the examples held back for the validation loss (before and after)."
        ),
    ] = 0.1,
    batch_size: Annotated[
        int | None, typer.Option(min=1, help="Examples per step (default 2; with --openai, OpenAI chooses).")
    ] = None,
    use_openai: Annotated[
        bool, typer.Option("--openai", help="Fine-tune on OpenAI instead: upload the JSONL, submit a job, follow it.")
    ] = False,
    base_model: Annotated[
        str | None, typer.Option(help="--openai: the base model; default LABBOT_TRAINING__OPENAI_BASE_MODEL.")
    ] = None,
    epochs: Annotated[int | None, typer.Option(min=1, help="--openai: epochs (default: OpenAI chooses).")] = None,
    lr_multiplier: Annotated[
        float | None, typer.Option(help="--openai: learning-rate multiplier (default: OpenAI chooses).")
    ] = None,
    resubmit: Annotated[bool, typer.Option(help="--openai: replace a failed or cancelled job for this data.")] = False,
    beta: Annotated[
        float | None, typer.Option(min=0.0, help="--openai --method dpo: DPO's beta (default: OpenAI chooses).")
    ] = None,
) -> None:
    """Train a LoRA adapter on the bundled SmolLM2 and register it as ft-NAME (labbot ask --model ft-NAME).

    Runs on the CPU (a GPU when present); an interrupted run resumes from its last checkpoint when started
    again with the same name. Writes the PEFT adapter, a GGUF adapter for llama.cpp, loss.png, metrics.json
    and a README.md model card under the data dir's adapters/NAME; logs to MLflow or W&B when
    LABBOT_TRAINING__TRACKING=mlflow or wandb.

    \b
    With --openai, the dataset's openai_sft.jsonl (--method dpo: openai_dpo.jsonl, the preference pairs)
    becomes an OpenAI fine-tuning job instead (OPENAI_API_KEY), followed to its end and registered as an
    openai entry ft-NAME with the ft: model.
    Running the same command again follows the same job instead of submitting another.
    """
    settings: Settings = ctx.obj
    if not NAME.fullmatch(name):
        raise typer.BadParameter("letters, digits, '.', '_' and '-', at most 60, starting with a letter or digit")
    if target not in ("lora", "selector"):
        raise typer.BadParameter("target is lora or selector")
    if target == "selector":
        from training.selector import SelectorConfig

        _train_selector(settings, SelectorConfig(name, dataset, epochs=epochs or 1, batch_size=batch_size or 16))
        return
    if use_openai:
        from training.openai_jobs import OpenAIJobConfig

        if method not in ("sft", "dpo"):
            raise typer.BadParameter("--openai jobs are sft (supervised) or dpo")
        config = OpenAIJobConfig(
            method="dpo" if method == "dpo" else "supervised",
            beta=beta,
            name=name,
            dataset=dataset,
            base_model=base_model or settings.training.openai_base_model,
            n_epochs=epochs,
            learning_rate_multiplier=lr_multiplier,
            batch_size=batch_size,
            resubmit=resubmit,
        )
        _train_openai(settings, config)
        return
    from training.train import TrainConfig

    local = TrainConfig(
        name=name,
        dataset=dataset,
        method=_method(method),
        max_steps=max_steps,
        learning_rate=learning_rate,
        rank=rank,
        batch_size=batch_size or 2,
        eval_fraction=eval_fraction,
    )
    _train_local(settings, local)


def _method(name: str) -> Method:
    methods: dict[str, Method] = {"sft": "sft", "kto": "kto", "dpo": "dpo"}
    if name not in methods:
        raise typer.BadParameter("method is sft, kto or dpo")
    return methods[name]


@contextmanager
def _exit_on_training_error() -> Iterator[None]:
    from training.train import TrainingError

    try:
        yield
    except TrainingError as error:
        console.print(f"[red]Cannot train:[/] {error}")
        raise typer.Exit(1) from error


def _train_local(settings: Settings, config: TrainConfig) -> None:
    require("train", "labbot train (local LoRA)")
    from training.train import train_lora

    with _exit_on_training_error():
        result = train_lora(settings, config)
    console.print(
        f"[green]✓[/] {result.entry.name}: {result.steps} steps on {result.train_examples} examples"
        f"{' (resumed)' if result.resumed else ''}; validation loss {result.eval_loss_base:.3f} (base) → "
        f"{result.eval_loss:.3f} on {result.eval_examples} held-back examples. Files: {result.adapter_dir}"
    )


def _train_selector(settings: Settings, config: SelectorConfig) -> None:
    require("train", "labbot train --target selector")
    from training.selector import train_selector

    with _exit_on_training_error():
        result = train_selector(settings, config)
    console.print(
        f"[green]✓[/] {result.entry.name}: {result.steps} steps on {result.train_pairs} pairs"
        f"{' (resumed)' if result.resumed else ''}; validation loss {result.eval_loss_base:.3f} (fresh head) → "
        f"{result.eval_loss:.3f} on {result.eval_pairs} held-back pairs. "
        f"Ask with: labbot ask --model {result.entry.name}"
    )


def _train_openai(settings: Settings, config: OpenAIJobConfig) -> None:
    from training.openai_jobs import FineTuneError, JobUpdate, fine_tune_openai

    with Progress(console=console) as progress:
        task = progress.add_task(f"OpenAI fine-tuning {config.base_model}", total=None)

        def show(update: JobUpdate) -> None:
            for message in update.events:
                progress.console.print(f"[dim]{update.job_id}[/] {message}")
            loss = f" · loss {update.train_loss:.3f}" if update.train_loss is not None else ""
            progress.update(
                task,
                description=f"{update.job_id}: {update.status}{loss}",
                completed=update.step or 0,
                total=update.total_steps,
            )

        try:
            result = asyncio.run(fine_tune_openai(settings, config, show))
        except FineTuneError as error:
            progress.stop()
            console.print(f"[red]Fine-tuning did not finish:[/] {error}")
            raise typer.Exit(1) from error
        except KeyboardInterrupt:
            progress.stop()
            console.print("[yellow]Stopped following the job[/]; it keeps running. The same command follows it again.")
            raise typer.Exit(130) from None
    console.print(
        f"[green]✓[/] {result.entry.name} → {result.entry.model_id} (job {result.job_id}"
        f"{', found again' if result.resumed else ''}; {result.trained_tokens or '?'} trained tokens). "
        f"Ask with: labbot ask --model {result.entry.name} …"
    )


def register(app: typer.Typer) -> None:
    app.add_typer(feedback_app, name="feedback")
    app.add_typer(models_app, name="models")
    app.command("train")(train_command)
