"""The bundled starter library: well-formed, broad, and loadable by `labbot ingest --starter`."""

from __future__ import annotations

import json
import re
from collections import Counter

from tools.cli import starter_library_path
from tools.papers import Paper

TOPICS = {
    "survival analysis",
    "regression",
    "multiple testing",
    "resampling",
    "missing data",
    "causal inference",
    "meta-analysis",
    "trial design",
    "diagnostic accuracy",
    "bayesian methods",
}


def _records() -> list[dict[str, object]]:
    return [json.loads(line) for line in starter_library_path().read_text(encoding="utf-8").splitlines()]


def test_at_least_sixty_valid_papers_with_unique_ids() -> None:
    records = _records()
    papers = [Paper.model_validate({k: v for k, v in r.items() if k not in {"text", "topics"}}) for r in records]
    assert len(papers) >= 60
    assert len({p.id for p in papers}) == len(papers)
    assert all(p.title and p.authors and p.year and p.venue for p in papers)


def test_every_required_topic_is_covered_at_least_five_times() -> None:
    counts = Counter(topic for r in _records() for topic in r["topics"])  # type: ignore[attr-defined]
    assert {t: counts[t] for t in TOPICS if counts[t] < 5} == {}


def test_summaries_are_three_to_six_sentences_without_links() -> None:
    for record in _records():
        summary = str(record["abstract"])
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", summary) if s]
        assert 3 <= len(sentences) <= 6, record["id"]
        assert "http" not in summary and "doi.org" not in summary


def test_dois_look_like_dois() -> None:
    dois = [r["doi"] for r in _records() if r["doi"]]
    assert all(re.fullmatch(r"10\.\d{4,9}/\S+", str(d)) for d in dois)
