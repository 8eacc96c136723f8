"""Vote weights in the SFT loss: each example's completion tokens count with its weight; weight 1 is TRL's loss."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import torch

from tests.training.conftest import small_dataset
from training.export import Bundle, write_dataset
from training.seed import pubmedqa_examples
from training.train import TrainConfig, _load_splits, _trainer


def weighted_dataset(folder: Path) -> Path:
    small_dataset(folder)  # writes folder/pqa.json
    items = list(pubmedqa_examples(folder / "pqa.json"))
    weighted = [e.model_copy(update={"weight": float(1 + n % 3)}) for n, e in enumerate(items)]
    return write_dataset(Bundle(sft=weighted), folder / "datasets", "weighted")


@pytest.mark.slow  # loads the de-quantised base model (no training step)
def test_the_sft_loss_weighs_each_example_by_its_votes(tmp_path: Path) -> None:
    from trl.trainer.sft_trainer import SFTTrainer

    trl_compute_loss: Any = SFTTrainer.compute_loss  # TRL's own loss, untyped
    config = TrainConfig(name="w", dataset=weighted_dataset(tmp_path), batch_size=4, max_length=384)
    train, held, manifest = _load_splits(config)
    assert "weight" in train.column_names and "weight" not in held.column_names, "validation stays unweighted"
    trainer = _trainer(config, tmp_path / "out", train, held, manifest, [])
    batch = trainer._prepare_inputs(next(iter(trainer.get_train_dataloader())))
    weights = batch["weight"]
    assert weights.shape == (4,) and set(weights.tolist()) <= {1.0, 2.0, 3.0} and len(set(weights.tolist())) > 1

    model = trainer.model
    model.eval()  # no LoRA dropout: the same tokens give the same losses
    plain = {key: value for key, value in batch.items() if key != "weight"}
    with torch.no_grad():
        weighted_loss = trainer.compute_loss(model, dict(batch))
        ones_loss = trainer.compute_loss(model, plain | {"weight": torch.ones(4)})
        trl_loss = trl_compute_loss(trainer, model, dict(plain))
        # each example alone: TRL's mean over its completion tokens, and how many there are
        alone = [
            (trl_compute_loss(trainer, model, {k: v[i : i + 1] for k, v in plain.items()}), n)
            for i, n in enumerate((plain["labels"][:, 1:] != -100).sum(dim=1).tolist())
        ]
    assert torch.isclose(ones_loss, trl_loss, rtol=1e-5), "weight 1 everywhere is TRL's loss"
    expected = sum(w * n * loss for (loss, n), w in zip(alone, weights.tolist(), strict=True)) / sum(
        w * n for (_, n), w in zip(alone, weights.tolist(), strict=True)
    )
    assert torch.isclose(weighted_loss, torch.as_tensor(expected), rtol=1e-4)
    assert not torch.isclose(weighted_loss, trl_loss, rtol=1e-4), "the weights change the loss"
