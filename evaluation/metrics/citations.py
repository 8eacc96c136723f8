"""Citation quality in the ALCE sense (Gao et al. 2023), at sentence level, plus fabricated citations.

An answer's text is split into sentences and every citation marker is attached to the sentence it
follows: "… risk. [2] The …" credits [2] to "… risk.", as a reader would. Then, with a judge's
verdicts on (statement, evidence) pairs:

- citation recall: a sentence counts when the concatenation of its cited passages supports it; a
  sentence without citations counts as unsupported;
- citation precision: a citation counts unless it is irrelevant, i.e. it does not support the sentence
  alone *and* the sentence's other citations support it without it.

The functions here are pure: ``judge_pairs`` lists what the judge must decide, ``alce`` scores with
the verdicts it returned.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

_MARKS = re.compile(r"(?:\s*\[\d+\])+")
_NUMBER = re.compile(r"\[(\d+)\]")
_BOUNDARY = re.compile(r"(?<=[.!?])\s+")
_UNVERIFIED = " (unverified)"
_ID = re.compile(r"\b(?:PMID:\d+|starter:[a-z0-9]+|attack:[\w-]+|doi:10\.\S+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class CitedSentence:
    text: str
    citations: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class CitationScore:
    sentences: int
    supported: int
    citations: int
    relevant: int

    @property
    def recall(self) -> float | None:
        return self.supported / self.sentences if self.sentences else None

    @property
    def precision(self) -> float | None:
        return self.relevant / self.citations if self.citations else None


def cited_sentences(text: str) -> list[CitedSentence]:
    """Sentences with their markers; a marker group opening a sentence belongs to the one before."""
    pieces = [piece for piece in _BOUNDARY.split(text.replace(_UNVERIFIED, "").strip()) if piece.strip()]
    sentences: list[tuple[str, list[int]]] = []
    for piece in pieces:
        leading = re.match(r"^(?:\s*\[\d+\])+", piece)
        rest = piece
        if leading and sentences:
            sentences[-1][1].extend(int(n) for n in _NUMBER.findall(leading.group(0)))
            rest = piece[leading.end() :]
        numbers = [int(n) for n in _NUMBER.findall(rest)]
        body = _MARKS.sub("", rest).strip()
        if body:
            sentences.append((body, numbers))
        elif sentences:
            sentences[-1][1].extend(numbers)
    return [CitedSentence(text, tuple(dict.fromkeys(numbers))) for text, numbers in sentences]


def strip_attribution(sentence: CitedSentence, attributions: Iterable[str]) -> CitedSentence:
    """Drop the "Cox 1972: " credit the pipeline puts before a quoted sentence: it names the source, it is not
    part of the claim (and its year is a number no passage contains)."""
    for attribution in attributions:
        if attribution and sentence.text.startswith(f"{attribution}: "):
            return CitedSentence(sentence.text[len(attribution) + 2 :], sentence.citations)
    return sentence


def _evidence(numbers: Iterable[int], passages: Mapping[int, str]) -> str:
    return "\n".join(passages[n] for n in numbers if n in passages)


def judge_pairs(sentences: Sequence[CitedSentence], passages: Mapping[int, str]) -> list[tuple[str, str]]:
    """Every (statement, evidence) pair ``alce`` needs a verdict on."""
    pairs: list[tuple[str, str]] = []
    for sentence in sentences:
        cites = [n for n in sentence.citations if n in passages]
        if not cites:
            continue
        pairs.append((sentence.text, _evidence(cites, passages)))
        if len(cites) > 1:
            for n in cites:
                pairs.append((sentence.text, passages[n]))
                pairs.append((sentence.text, _evidence([m for m in cites if m != n], passages)))
    return list(dict.fromkeys(pairs))


def alce(
    sentences: Sequence[CitedSentence], passages: Mapping[int, str], supported: Mapping[tuple[str, str], bool]
) -> CitationScore:
    """Markers that point at no passage count as citations that support nothing."""
    supported_count = citations = relevant = 0
    for sentence in sentences:
        cites = [n for n in sentence.citations if n in passages]
        citations += len(sentence.citations)
        if not cites:
            continue
        whole = supported.get((sentence.text, _evidence(cites, passages)), False)
        supported_count += whole
        if len(cites) == 1:
            relevant += whole
            continue
        for n in cites:
            alone = supported.get((sentence.text, passages[n]), False)
            rest = supported.get((sentence.text, _evidence([m for m in cites if m != n], passages)), False)
            relevant += alone or (whole and not rest)
    return CitationScore(len(sentences), supported_count, citations, relevant)


def mentioned_ids(text: str) -> list[str]:
    """Paper ids written out in the text (PMID:…, starter:…, doi:…)."""
    return _ID.findall(text)


def fabricated_rate(cited_ids: Sequence[str], corpus_ids: frozenset[str]) -> float | None:
    """Share of cited or mentioned paper ids that are not in the corpus; None when nothing was cited."""
    if not cited_ids:
        return None
    return sum(1 for paper in cited_ids if paper not in corpus_ids) / len(cited_ids)
