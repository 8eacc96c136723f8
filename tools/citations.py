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
# a supported claim must also be about the question; below this similarity to it, it is padding
RELEVANCE_THRESHOLD = 0.15

_NUMBER = re.compile(r"(?<![\w.])[-−]?\d+(?:[.,]\d+)*(?:\.\d+)?(?:[eE][-+]?\d+)?%?")
_CITATION_MARK = re.compile(r"\[\d+(?:\s*[,–-]\s*\d+)*\]")


@dataclass(frozen=True, slots=True)
class SupportCheck:
    support: float
    overlap: float
    missing_numbers: tuple[str, ...]
    verbatim: bool = False  # the claim is the passage's own words

    @property
    def supported(self) -> bool:
        # a quote is supported by construction: a sentence of a long passage can sit far from the passage's
        # average meaning, so similarity alone would reject a verbatim quote
        if self.verbatim:
            return True
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


def _quoted(claim: str, passage: str) -> bool:
    """The claim, less citation marks, appears word for word in the passage (spacing aside)."""
    words = " ".join(_CITATION_MARK.sub(" ", claim).split())
    return len(words) >= 20 and words in " ".join(passage.split())


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
            verbatim=_quoted(claim, passage),
        )
        for (claim, passage), score in zip(pairs, similarity, strict=True)
    ]


async def relevance(embedder: Embedder, question: str, claims: Sequence[str]) -> list[float]:
    """Each claim's similarity to the question: support says a claim is true, this says it answers."""
    if not claims:
        return []
    vectors = await embedder.embed([question, *(_CITATION_MARK.sub(" ", claim) for claim in claims)])
    return [float(score) for score in vectors[1:] @ vectors[0]]


# A model's own sentence must not say what the passage does not: no new content, no flipped negation or
# direction, every number present. Stricter than support, because a paraphrase that passes similarity
# ("recommends external rather than internal validation") can still reverse the passage.
_NEGATION = re.compile(r"\b(not|no|never|none|neither|nor|without|cannot|unlikely|fails?|lacks?)\b|n't\b", re.I)
_DIRECTIONS = (
    ("increase", "decrease"),
    ("higher", "lower"),
    ("more", "less"),
    ("greater", "smaller"),
    ("larger", "smaller"),
    ("overestimat", "underestimat"),
    ("overstat", "understat"),
    ("better", "worse"),
    ("above", "below"),
    ("positive", "negative"),
    ("longer", "shorter"),
    ("external", "internal"),
)


def _closest_sentence(claim: str, passage: str) -> str:
    claim_words = {_stem(w) for w in content_words(claim)}
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", passage) if s.strip()] or [passage]
    return max(sentences, key=lambda s: len(claim_words & {_stem(w) for w in content_words(s)}))


def _direction_flips(claim: str, source: str) -> list[str]:
    flips = []
    lowered_claim, lowered_source = claim.lower(), source.lower()
    for first, second in _DIRECTIONS:
        for word, opposite in ((first, second), (second, first)):
            if word in lowered_claim and word not in lowered_source and opposite in lowered_source:
                flips.append(f"says {word!r} where the passage says {opposite!r}")
    return flips


def strict_lead_problems(claim: str, passage: str) -> list[str]:
    """Why a model-written sentence may not stand for its passage (empty when it may)."""
    problems = []
    passage_words = {_stem(w) for w in content_words(passage)}
    new = [w for w in content_words(claim) if _stem(w) not in passage_words]
    if new:
        problems.append(f"word(s) not in the passage: {', '.join(new[:5])}")
    source = _closest_sentence(claim, passage)
    if bool(_NEGATION.search(claim)) != bool(_NEGATION.search(source)):
        problems.append("negation differs from the passage's sentence")
    problems += _direction_flips(claim, source)
    missing = missing_numbers(claim, passage)
    if missing:
        problems.append(f"number(s) {', '.join(missing)} not in the passage")
    return problems
