"""Does a methods answer answer? Pure functions of the answer's text, its cited papers and the gold labels.

- key sentence quoted: the answer quotes a sentence that carries the key point (one of the item's key
  sentences, compared after normalising case, spacing, quotes and dashes);
- gold cited: at least one cited paper holds the answer;
- padding: the share of cited papers that do not hold the answer;
- empty: an answer that neither abstains nor says anything.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

_SPACE = re.compile(r"\s+")
_FOLD = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "−": "-"})
# a quote cut at a different sentence boundary still counts when it holds most of the key sentence
MIN_SHARED = 0.8


def normalised(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).translate(_FOLD).lower()
    return _SPACE.sub(" ", folded).strip().rstrip(".").strip()


def quotes_key(answer_text: str, key_sentences: Sequence[str]) -> bool:
    """The answer contains a key sentence, or a quoted sentence that is most of one."""
    body = normalised(answer_text)
    for key in key_sentences:
        target = normalised(key)
        if target and target in body:
            return True
        words = target.split()
        span = max(1, int(len(words) * MIN_SHARED))
        # any run of MIN_SHARED of the key's words, in order, quoted verbatim
        if len(words) >= 8 and any(" ".join(words[i : i + span]) in body for i in range(len(words) - span + 1)):
            return True
    return False


def padding(cited: Sequence[str], gold: Sequence[str]) -> float | None:
    """Share of the distinct cited papers that are not gold; None when nothing is cited."""
    papers = set(cited)
    if not papers:
        return None
    return len(papers - set(gold)) / len(papers)


@dataclass(frozen=True, slots=True)
class MethodsScore:
    key_quoted: float | None
    gold_cited: float | None
    padding: float | None
    abstained_unanswerable: float | None
    wrong_abstention: float | None
    empty: float


def score_methods(
    *,
    answer_text: str,
    abstained: bool,
    cited: Sequence[str],
    answerable: bool,
    gold: Sequence[str],
    key_sentences: Sequence[str],
) -> MethodsScore:
    """Per-item figures; None where a figure does not apply (key sentence on an unanswerable item, …)."""
    empty = float(not abstained and not answer_text.strip())
    if not answerable:
        return MethodsScore(None, None, None, float(abstained), None, empty)
    answered = not abstained
    return MethodsScore(
        key_quoted=float(answered and quotes_key(answer_text, key_sentences)),
        gold_cited=float(answered and bool(set(cited) & set(gold))),
        padding=padding(cited, gold) if answered else None,
        abstained_unanswerable=None,
        wrong_abstention=float(abstained),
        empty=empty,
    )
