"""Reciprocal-rank fusion and paper-level grouping: pure functions, no I/O."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T", bound=Hashable)


@dataclass(frozen=True, slots=True)
class Fused(Generic[T]):
    item: T
    score: float
    ranks: tuple[int | None, ...]  # 1-based rank in each input ranking, None where absent


def reciprocal_rank_fusion(rankings: Sequence[Sequence[T]], k: int = 60) -> list[Fused[T]]:
    """Cormack et al.'s RRF: score = sum over rankings of 1 / (k + rank).

    Ties are broken by the best rank the item reached anywhere, then by first appearance, so the
    order is deterministic for equal inputs.
    """
    ranks: dict[T, list[int | None]] = {}
    for which, ranking in enumerate(rankings):
        for rank, item in enumerate(ranking, start=1):
            slots = ranks.setdefault(item, [None] * len(rankings))
            if slots[which] is None:
                slots[which] = rank
    fused = [
        Fused(item, sum(1.0 / (k + r) for r in slots if r is not None), tuple(slots)) for item, slots in ranks.items()
    ]
    order = {item: i for i, item in enumerate(ranks)}
    fused.sort(key=lambda f: (-f.score, min(r for r in f.ranks if r is not None), order[f.item]))
    return fused


def group_by_paper(
    fused: Sequence[Fused[T]], paper_of: dict[T, str], k: int, per_paper: int
) -> list[tuple[str, float, list[Fused[T]]]]:
    """Paper-level results from chunk-level fusion: a paper scores as its best chunk (MaxP)."""
    groups: dict[str, list[Fused[T]]] = {}
    for entry in fused:
        paper = paper_of.get(entry.item)
        if paper is not None:
            groups.setdefault(paper, []).append(entry)
    ranked = sorted(groups.items(), key=lambda kv: -kv[1][0].score)  # stable: first-seen paper wins ties
    return [(paper, entries[0].score, entries[:per_paper]) for paper, entries in ranked[:k]]
