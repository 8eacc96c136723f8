"""Retrieval recall@k: the share of gold papers among the first k distinct papers retrieved."""

from __future__ import annotations

from collections.abc import Sequence


def ranked_papers(passage_paper_ids: Sequence[str]) -> list[str]:
    """Distinct paper ids in the order their first passage was retrieved."""
    return list(dict.fromkeys(passage_paper_ids))


def recall_at_k(retrieved: Sequence[str], gold: Sequence[str], k: int = 5) -> float | None:
    """None when the item has no gold paper (nothing to recall); 0.0 when retrieval found nothing."""
    if not gold:
        return None
    top = set(ranked_papers(retrieved)[:k])
    return sum(1 for paper in set(gold) if paper in top) / len(set(gold))
