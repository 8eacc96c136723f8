"""The four conditions of the comparison: which registry entry answers, and whether it retrieves.

(A) zero-shot: the base model with the pipeline's engineered system prompts, no retrieval;
(B) ft: the fine-tuned model, no retrieval; (C) rag+ft: retrieval and the fine-tuned adapter;
(D) rag+zero-shot: retrieval and the base model. ``--model`` names the zero-shot entry first and the
fine-tuned one second; with one model only (A) and (D) can run.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Condition:
    name: str
    letter: str
    model: str
    retrieval: bool
    fine_tuned: bool

    @property
    def label(self) -> str:
        return f"({self.letter}) {self.name}"


CONDITION_NAMES = ("zero-shot", "ft", "rag+ft", "rag+zero-shot")


class ConditionError(ValueError):
    """The conditions asked for need a model that was not given."""


def conditions_for(models: list[str], names: list[str] | None = None) -> list[Condition]:
    if not models:
        raise ConditionError("give at least one --model (the zero-shot entry first, then the fine-tuned one)")
    base = models[0]
    tuned = models[1] if len(models) > 1 else None
    every = {
        "zero-shot": Condition("zero-shot", "A", base, retrieval=False, fine_tuned=False),
        "rag+zero-shot": Condition("rag+zero-shot", "D", base, retrieval=True, fine_tuned=False),
    }
    if tuned is not None:
        every["ft"] = Condition("ft", "B", tuned, retrieval=False, fine_tuned=True)
        every["rag+ft"] = Condition("rag+ft", "C", tuned, retrieval=True, fine_tuned=True)
    wanted = names or [name for name in CONDITION_NAMES if name in every]
    unknown = [name for name in wanted if name not in CONDITION_NAMES]
    if unknown:
        raise ConditionError(f"unknown condition(s) {', '.join(unknown)}; choose from {', '.join(CONDITION_NAMES)}")
    missing = [name for name in wanted if name not in every]
    if missing:
        raise ConditionError(f"condition(s) {', '.join(missing)} need a fine-tuned model: pass a second --model")
    return sorted((every[name] for name in wanted), key=lambda c: c.letter)
