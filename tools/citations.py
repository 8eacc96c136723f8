"""Does a cited passage support a claim? Three independent checks, each explainable.

- support: cosine similarity of claim and passage in the embedder's space;
- overlap: the share of the claim's content words found in the passage (stemmed crudely);
- numbers: every number in the claim appears in the passage or in the output of code that ran.

A claim is supported by a passage only when all three pass. The thresholds are deliberately
plain so a person can see why a citation was rejected.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from tools.embeddings import Embedder
from tools.search.catalog import content_words

SUPPORT_THRESHOLD = 0.55
OVERLAP_THRESHOLD = 0.5

_NUMBER = re.compile(r"(?<![\w.])[-−]?\d+(?:[.,]\d+)*(?:\.\d+)?(?:[eE][-+]?\d+)?%?")
_CITATION_MARK = re.compile(r"\[\d+(?:\s*[,–-]\s*\d+)*\]")


@dataclass(frozen=True, slots=True)
class SupportCheck:
    support: float
    overlap: float
    missing_numbers: tuple[str, ...]

    @property
    def supported(self) -> bool:
        return self.support >= SUPPORT_THRESHOLD and self.overlap >= OVERLAP_THRESHOLD and not self.missing_numbers

    def reason(self) -> str:
        """Why a citation failed, in words (empty when it is supported)."""
        reasons = []
        if self.support < SUPPORT_THRESHOLD:
            reasons.append(f"the passage is about something else (similarity {self.support:.2f})")
        if self.overlap < OVERLAP_THRESHOLD:
            reasons.append(f"only {self.overlap:.0%} of the claim's words are in the passage")
        if self.missing_numbers:
            reasons.append(f"number(s) {', '.join(self.missing_numbers)} appear in neither the passage nor code output")
        return "; ".join(reasons)


def numbers_in(text: str) -> list[str]:
    """Numbers as written ("12.5%", "1,099", "-0.3"), citation markers like [2] excluded."""
    return _NUMBER.findall(_CITATION_MARK.sub(" ", text))


def _value(number: str) -> float | None:
    cleaned = number.replace("−", "-").rstrip("%").replace(",", "")
    try:
        return float(cleaned)
    except ValueError:
        return None


def _present(number: str, pool: Sequence[float]) -> bool:
    value = _value(number)
    if value is None:
        return False
    return any(abs(value - other) <= 1e-9 + 1e-6 * abs(other) for other in pool)


def missing_numbers(claim: str, evidence: str) -> tuple[str, ...]:
    pool = [v for v in (_value(n) for n in numbers_in(evidence)) if v is not None]
    return tuple(n for n in numbers_in(claim) if not _present(n, pool))


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def word_overlap(claim: str, passage: str) -> float:
    claim_words = {_stem(w) for w in content_words(claim)}
    if not claim_words:
        return 1.0
    passage_words = {_stem(w) for w in content_words(passage)}
    return len(claim_words & passage_words) / len(claim_words)


async def check_support(
    embedder: Embedder, pairs: Sequence[tuple[str, str]], code_output: str = ""
) -> list[SupportCheck]:
    """One check per (claim, passage text) pair; code output counts as evidence for numbers only."""
    if not pairs:
        return []
    texts = [t for claim, passage in pairs for t in (_CITATION_MARK.sub(" ", claim), passage)]
    vectors = await embedder.embed(texts)
    claims, passages = vectors[0::2], vectors[1::2]
    similarity = np.einsum("ij,ij->i", claims, passages)
    return [
        SupportCheck(
            support=float(score),
            overlap=word_overlap(claim, passage),
            missing_numbers=missing_numbers(claim, f"{passage}\n{code_output}"),
        )
        for (claim, passage), score in zip(pairs, similarity, strict=True)
    ]
