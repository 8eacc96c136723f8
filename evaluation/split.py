"""A deterministic train/eval split of labelled items, so an adapter is never scored on what it learned.

The split hashes the item's id (the PMID for PubMedQA) with a fixed salt: the same id always lands on the
same side, on every machine, whatever order or subset the file comes in. ``labbot eval split`` writes the
training half of a PubMedQA file for ``labbot feedback seed``; ``labbot eval --split eval`` asks only the
other half.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Literal

Part = Literal["train", "eval"]
SALT = "labbot-eval-split-v1"
EVAL_SHARE = 0.5


def part_of(item_id: str, eval_share: float = EVAL_SHARE) -> Part:
    digest = hashlib.sha256(f"{SALT}:{item_id}".encode()).digest()
    position = int.from_bytes(digest[:8], "big") / 2**64
    return "eval" if position < eval_share else "train"


def write_pubmedqa_part(source: Path, part: Part, target: Path) -> int:
    """Copy the records of one side of the split into ``target`` (same JSON shape); returns how many."""
    records = json.loads(source.read_text(encoding="utf-8"))
    kept = {pmid: record for pmid, record in records.items() if part_of(str(pmid)) == part}
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8")
    return len(kept)
