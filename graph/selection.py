"""Which sentences answer the question: by what the question needs, not only by what it is about.

A sentence that restates the method the user already used is similar to the question and answers
nothing; the caveat, condition or recommendation answers it. So sentences are ranked by similarity
plus a bonus for carrying advice of the kind the question asks for (is X appropriate, what instead,
how many, X vs Y, how to report), papers count only when their passage as a whole is nearly as
relevant as the best one (no padding from one shared word), and a sentence that leans on the one
before it is quoted with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import numpy as np

from graph.schemas import Passage
from tools.chunking import split_sentences
from tools.embeddings import Embedder
from tools.injection import looks_like_instruction

QuestionKind = Literal["difference", "how_many", "how_to_report", "what_instead", "is_appropriate", "general"]
MIN_SENTENCE, MAX_SENTENCE = 30, 500
# A sentence that leans on the one before it ("The test assumes…") misleads when quoted alone.
LEANS_ON_CONTEXT = re.compile(
    r"^(the (test|method|model|approach|estimator|procedure|study|paper|authors)|it|this|these|such|they|"
    r"building on|however|but|in contrast|instead)\b",
    re.I,
)
# first in the order they are tried: "X vs Y, how many…" is a comparison first
_KINDS: tuple[tuple[QuestionKind, re.Pattern[str]], ...] = (
    ("difference", re.compile(r"\b(vs\.?|versus|difference between|differ|same thing as|or should (i|we))\b", re.I)),
    (
        "how_many",
        re.compile(
            r"\b(how many|how much data|sample size|how (large|big)|enough (patients|subjects|events)|power)\b", re.I
        ),
    ),
    ("how_to_report", re.compile(r"\b(report|write[- ]?up|present|checklist|in the paper|manuscript)\b", re.I)),
    (
        "what_instead",
        re.compile(
            r"\b(instead|alternatives?|what now|what (should|do|can) (i|we)|better|what else|how (do|should) (i|we))\b",
            re.I,
        ),
    ),
    (
        "is_appropriate",
        re.compile(
            r"\b(ok(ay)?|right|valid|fine|correct|appropriate|legit|allowed|wrong|enough|a problem|broken|reasonable|"
            r"can (i|we)|should (i|we)|do (i|we) (have|need) to|is (it|that|this)|does (it|that|this))\b",
            re.I,
        ),
    ),
)
ADVICE = re.compile(
    r"\b(should|recommend\w*|instead|rather than|avoid\w*|prefer\w*|better|caution|mislead\w*|bias\w*|overstat\w*|"
    r"understat\w*|inflat\w*|invalid|not valid|inappropriate|unless|only when|only if|requires?|assum\w*|depends?|"
    r"fails?|poor\w*|limitations?|however|but|cannot|not|no longer|must|need\w*|when)\b",
    re.I,
)
_KIND_CUES: dict[QuestionKind, re.Pattern[str]] = {
    "difference": re.compile(
        r"\b(whereas|while|unlike|compared|than|differ\w*|both|rather than|instead|versus)\b", re.I
    ),
    "how_many": re.compile(r"\d|\b(number of|at least|minimum|per group|events per|enough|sample size|power)\b", re.I),
    "how_to_report": re.compile(
        r"\b(report\w*|present\w*|include\w*|checklist|items?|state|describ\w*|flow diagram)\b", re.I
    ),
    "what_instead": re.compile(
        r"\b(instead|alternative\w*|rather than|prefer\w*|recommend\w*|better|option|remed\w*)\b", re.I
    ),
    "is_appropriate": re.compile(
        r"\b(valid|invalid|appropriate|bias\w*|overstat\w*|mislead\w*|assum\w*|only|not|fails?)\b", re.I
    ),
    "general": re.compile(r"(?!)"),
}
# A paper's opening line about itself ("Introduces…", "Proposes…") says what it is, not what to do.
SELF_DESCRIPTION = re.compile(
    r"^(introduces|proposes|develops|describes|derives|presents|provides|reviews|examines|shows|gives|"
    r"reports|compares|defines|summari[sz]es|explains|discusses|a (practical|classic|textbook|tutorial|review))\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Weights:
    """The knobs, tuned on the methods dev set (evaluation/data/methods_dev.jsonl, dev part)."""

    advice: float = 0.08
    kind: float = 0.10
    self_description: float = 0.15
    passage_margin: float = 0.05  # a paper counts when it is within this of the best paper
    agreement: float = 0.05  # credit to a paper that keyword and meaning search both ranked among their first two
    relative_cutoff: float = 0.6  # quote only sentences nearly as relevant as the best one
    per_paper: int = 3
    max_papers: int = 2


WEIGHTS = Weights()
# a digest ranks a paper's sentences by its topic alone: there is no question to answer
SIMILARITY_ONLY = Weights(advice=0.0, kind=0.0, self_description=0.0, relative_cutoff=0.75, agreement=0.0)


@dataclass(frozen=True, slots=True)
class Candidate:
    passage: Passage
    sentence: str  # what is quoted: the sentence, with the one before it when it leans on it
    score: float
    covers: tuple[int, ...] = ()  # positions of the quoted sentences in the passage


def question_kind(question: str) -> QuestionKind:
    for kind, pattern in _KINDS:
        if pattern.search(question):
            return kind
    return "general"


def _pool(passages: list[Passage]) -> list[tuple[Passage, str, str, tuple[int, ...]]]:
    """(passage, sentence, quoted text, positions): a leaning sentence is quoted with the one before it."""
    pool: list[tuple[Passage, str, str, tuple[int, ...]]] = []
    for passage in passages:
        sentences = split_sentences(passage.text)
        for position, sentence in enumerate(sentences):
            if not MIN_SENTENCE <= len(sentence) <= MAX_SENTENCE or looks_like_instruction(sentence):
                continue
            if position > 0 and LEANS_ON_CONTEXT.match(sentence):
                pool.append((passage, sentence, f"{sentences[position - 1]} {sentence}", (position - 1, position)))
            else:
                pool.append((passage, sentence, sentence, (position,)))
    return pool


def bonus(sentence: str, kind: QuestionKind, weights: Weights = WEIGHTS) -> float:
    """What a sentence earns for carrying advice, and advice of the kind asked for; a self-description loses."""
    score = weights.advice * bool(ADVICE.search(sentence)) + weights.kind * bool(_KIND_CUES[kind].search(sentence))
    return score - weights.self_description * bool(SELF_DESCRIPTION.match(sentence))


async def rank_sentences(
    embedder: Embedder, question: str, query: str, passages: list[Passage], weights: Weights = WEIGHTS
) -> list[Candidate]:
    pool = _pool(passages)
    if not pool:
        return []
    vectors = await embedder.embed([query] + [sentence for _, sentence, _, _ in pool])
    kind = question_kind(question)
    scores = vectors[1:] @ vectors[0] + np.array([bonus(s, kind, weights) for _, s, _, _ in pool])
    order = np.argsort(-scores, kind="stable")
    return [Candidate(pool[i][0], pool[i][2], float(scores[i]), pool[i][3]) for i in order]


def relevant_papers(candidates: list[Candidate], passages: list[Passage], weights: Weights = WEIGHTS) -> set[str]:
    """Papers relevant as a whole: half the passage's similarity, half its best sentence's score, plus the
    agreement credit, within passage_margin of the best paper; at most max_papers of them."""
    passage_score: dict[str, float] = {}
    for passage in passages:
        passage_score[passage.paper_id] = max(passage_score.get(passage.paper_id, -1.0), passage.score)
    sentence_score: dict[str, float] = {}
    for candidate in candidates:
        paper = candidate.passage.paper_id
        sentence_score[paper] = max(sentence_score.get(paper, -1.0), candidate.score)
    agreed = {passage.paper_id for passage in passages if passage.agreed}
    score = {
        paper: (value + sentence_score.get(paper, -1.0)) / 2 + weights.agreement * (paper in agreed)
        for paper, value in passage_score.items()
    }
    if not score:
        return set()
    top = max(score.values())
    ranked = sorted(score, key=lambda paper: -score[paper])
    return {paper for paper in ranked[: weights.max_papers] if score[paper] >= top - weights.passage_margin}


def select(
    candidates: list[Candidate], passages: list[Passage], limit: int, floor: float, weights: Weights = WEIGHTS
) -> list[Candidate]:
    papers = relevant_papers(candidates, passages, weights)
    candidates = [c for c in candidates if c.passage.paper_id in papers]
    if candidates:
        floor = max(floor, candidates[0].score * weights.relative_cutoff)
    chosen: list[Candidate] = []
    per_paper: dict[str, int] = {}
    for candidate in candidates:
        paper = candidate.passage.paper_id
        if candidate.score < floor or per_paper.get(paper, 0) >= weights.per_paper:
            continue
        if any(_overlaps(candidate, c) for c in chosen):
            continue
        chosen.append(candidate)
        per_paper[paper] = per_paper.get(paper, 0) + 1
        if len(chosen) == limit:
            break
    return chosen


def _overlaps(first: Candidate, second: Candidate) -> bool:
    """The two quote the same sentence (of the same passage, or word for word)."""
    same_passage = first.passage.key == second.passage.key and bool(set(first.covers) & set(second.covers))
    return same_passage or first.sentence in second.sentence or second.sentence in first.sentence
