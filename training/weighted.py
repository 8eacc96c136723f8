"""Vote weights in the SFT loss: each example's tokens count as much as the votes behind it.

The export gives every supervised example a ``weight`` (its capped, per-user-weighted votes). TRL's
SFT loss is the mean over all completion tokens of a batch; here each token's loss is multiplied by
its example's weight and the sum divided by the weighted token count, so weights of 1 give TRL's
loss exactly (and then TRL computes it, with its own metrics).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

WEIGHT = "weight"


class WithWeights:
    """Wraps a collator: takes each example's weight out before collating, puts them back as one tensor."""

    def __init__(self, collate: Callable[[list[dict[str, Any]]], dict[str, Any]]) -> None:
        self.collate = collate

    def __call__(self, examples: list[dict[str, Any]]) -> dict[str, Any]:
        import torch

        weights = [float(example.pop(WEIGHT, 1.0)) for example in examples]
        batch = self.collate(examples)
        batch[WEIGHT] = torch.tensor(weights, dtype=torch.float32)
        return batch


def weighted_sft_trainer() -> type[Any]:
    """TRL's SFTTrainer with the weighted loss (a factory: TRL is imported only when training)."""
    import torch
    from trl.trainer.sft_trainer import SFTTrainer

    base: Any = SFTTrainer  # TRL's own signatures are partly untyped

    class WeightedSFTTrainer(base):  # type: ignore[misc]
        def _set_signature_columns_if_needed(self) -> None:
            super()._set_signature_columns_if_needed()
            columns: list[str] = list(getattr(self, "_signature_columns", None) or [])
            if WEIGHT not in columns:  # Trainer drops the columns the model's forward does not take
                self._signature_columns = [*columns, WEIGHT]

        def compute_loss(
            self, model: Any, inputs: dict[str, Any], return_outputs: bool = False, num_items_in_batch: Any = None
        ) -> Any:
            weights = inputs.pop(WEIGHT, None)
            if weights is None or return_outputs or bool((weights == 1).all()):
                return super().compute_loss(model, inputs, return_outputs, num_items_in_batch)
            outputs = model(**inputs, use_cache=False, fused_lm_head=True)
            scale = weights.to(outputs.log_probs.dtype)[:, None]
            weighted_tokens = (outputs.label_mask * scale).sum()
            return -(outputs.log_probs * scale).sum() / torch.clamp(weighted_tokens, min=1e-8)

    return WeightedSFTTrainer
