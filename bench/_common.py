"""Shared bits of the benchmark scripts (not a package API)."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
PUBMEDQA = Path(os.environ.get("LABBOT_PUBMEDQA", REPO.parent / "shared/datasets/pubmedqa/pqal_trainval.json"))


def load_pubmedqa() -> dict[str, dict[str, object]]:
    if not PUBMEDQA.is_file():
        sys.exit(f"PubMedQA not found at {PUBMEDQA}; set LABBOT_PUBMEDQA to its path")
    data: dict[str, dict[str, object]] = json.loads(PUBMEDQA.read_text())
    return data


def recall_at(k: int, gold: Sequence[str], results: Sequence[Sequence[Any]]) -> float:
    """Share of queries whose gold paper id is among the papers of their first k hits."""
    found = sum(g in {hit.paper_id for hit in hits[:k]} for g, hits in zip(gold, results, strict=True))
    return found / len(gold)
