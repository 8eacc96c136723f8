"""The PubMedQA JSON (an object keyed by PMID). Only the abstract sections are indexed.

QUESTION and LONG_ANSWER are never read into the library: the question is what users ask, and the
long answer is the abstract's conclusion, the very thing an evaluation must not leak.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from tools.papers import Paper, Section
from tools.readers.protocol import ReadProblem


def looks_like_pubmedqa(path: Path) -> bool:
    """Cheap sniff: a JSON object whose first value has CONTEXTS and LABELS."""
    with path.open("rb") as handle:
        head = handle.read(4096)
    return head.lstrip().startswith(b"{") and b'"CONTEXTS"' in head


def read_pubmedqa(path: Path) -> Iterator[Paper | ReadProblem]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        yield ReadProblem(str(path), f"not valid PubMedQA JSON: {error}")
        return
    if not isinstance(data, dict):
        yield ReadProblem(str(path), "PubMedQA JSON must be an object keyed by PMID")
        return
    for pmid, record in data.items():
        yield _paper(str(path), str(pmid), record)


def _paper(source: str, pmid: str, record: Any) -> Paper | ReadProblem:
    location = f"PMID {pmid}"
    if not isinstance(record, dict):
        return ReadProblem(source, "entry is not an object", location)
    contexts, labels = record.get("CONTEXTS"), record.get("LABELS")
    if not isinstance(contexts, list) or not contexts or not all(isinstance(c, str) for c in contexts):
        return ReadProblem(source, "CONTEXTS must be a non-empty list of strings", location)
    if not isinstance(labels, list) or len(labels) != len(contexts):
        labels = ["Text"] * len(contexts)
    year = str(record.get("YEAR") or "")
    try:
        return Paper(
            id=f"PMID:{pmid}",
            year=int(year) if year.isdigit() else None,
            url=f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/",
            sections=tuple(
                Section(label=str(label).title(), text=text) for label, text in zip(labels, contexts, strict=False)
            ),
        )
    except ValidationError as error:
        return ReadProblem(source, str(error.errors()[0]["msg"]), location)
