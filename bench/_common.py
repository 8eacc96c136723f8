"""Shared bits of the benchmark scripts (not a package API)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PUBMEDQA = Path(os.environ.get("LABBOT_PUBMEDQA", REPO.parent / "shared/datasets/pubmedqa/pqal_trainval.json"))


def load_pubmedqa() -> dict[str, dict[str, object]]:
    if not PUBMEDQA.is_file():
        sys.exit(f"PubMedQA not found at {PUBMEDQA}; set LABBOT_PUBMEDQA to its path")
    data: dict[str, dict[str, object]] = json.loads(PUBMEDQA.read_text())
    return data
