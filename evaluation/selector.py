"""One ordering of the evidence against another (zero-shot or a selector against a selector), at the step it
changes: which sentences the extractive draft quotes.

Both orderings see the same retrieved passages (the real library search of the dataset's corpus) and the
same floors and cut-offs (graph/selection.py); only the order of the embedder's shortlist differs.
Measuring the draft's quotes rather than whole answers keeps the language model's sampling and the
verification steps, which are the same for both, out of a paired comparison of the ordering.

- Methods dev set (held-back part): the quotes include a key sentence; padding is the share of quoted
  papers that are not gold.
- PubMedQA evaluation split: the expert's conclusion is the answer but is not in the indexed abstract
  (CONTEXTS only). The sentence-level proxy: the top quote is one of the gold abstract's two results
  sentences that share the most content words with the expert's conclusion, i.e. the finding the expert's
  answer rests on (``top_quotes_the_finding``). The first proxy took the two closest sentences of the
  whole abstract (``top_supports_conclusion``, still reported): on the training half 40 % of those are
  background, objective or methods sentences, because a conclusion restates the question's topic, so it
  rewarded quoting the sentence that restates the question, the very failure the selector is for.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from evaluation.datasets import Dataset, EvalItem, load_dataset, qa_part
from evaluation.metrics.methods import padding, quotes_key
from evaluation.runner import ensure_corpus, eval_services
from graph.evidence import to_passages
from graph.reranking import reordered
from graph.selection import Candidate, rank_sentences, select
from tools.chunking import split_sentences
from tools.papers import Paper, heading_reports_findings
from tools.paths import methods_dev_set
from tools.selector import CrossEncoderSelector, open_selector
from tools.services import Services
from tools.settings import Settings
from tools.stats import PairedComparison, compare_paired

_WORD = re.compile(r"[a-z][a-z0-9-]{3,}")
_STOP = frozenset(
    [
        "this",
        "that",
        "with",
        "were",
        "from",
        "have",
        "been",
        "these",
        "those",
        "there",
        "their",
        "which",
        "than",
        "when",
        "also",
        "more",
        "less",
        "into",
        "only",
        "such",
        "between",
        "among",
        "after",
        "before",
        "during",
        "both",
        "other",
        "over",
        "under",
        "study",
        "results",
        "patients",
    ]
)
SUPPORTING_SENTENCES = 2


@dataclass(frozen=True, slots=True)
class Quoted:
    item: str
    baseline: list[Candidate]
    candidate: list[Candidate]


async def _ordered(
    selector: CrossEncoderSelector | None, question: str, ranked: list[Candidate], shortlist: int
) -> list[Candidate]:
    return ranked if selector is None else await reordered(selector, question, ranked, shortlist)


async def quotes(
    services: Services,
    candidate: CrossEncoderSelector,
    items: Sequence[EvalItem],
    baseline: CrossEncoderSelector | None = None,
) -> list[Quoted]:
    """Each item's quotes under both orderings (``baseline`` None: the embedder's, zero-shot), from one retrieval."""
    agent, library = services.settings.agent, services.library
    found = []
    for item in items:
        hits = await library.search(item.question, k=agent.papers)
        passages = [p for p in await to_passages(library.index, hits, agent) if not p.retraction]
        ranked = await rank_sentences(library.embedder, item.question, item.question, passages)
        first = await _ordered(baseline, item.question, ranked, agent.selector_shortlist)
        second = await reordered(candidate, item.question, ranked, agent.selector_shortlist)
        limit, floor = agent.evidence_claims, agent.min_relevance * 0.8
        found.append(Quoted(item.id, select(first, passages, limit, floor), select(second, passages, limit, floor)))
    return found


async def quotes_in_own_library(
    settings: Settings,
    dataset: Dataset,
    cache: Path,
    candidate: CrossEncoderSelector,
    baseline: CrossEncoderSelector | None = None,
) -> list[Quoted]:
    """``quotes`` over a library of the dataset's own corpus, indexed once under ``cache``."""
    services = eval_services(settings, cache)
    try:
        await ensure_corpus(services, dataset, cache)
        return await quotes(services, candidate, dataset.items, baseline)
    finally:
        await services.aclose()


def methods_heldout() -> Dataset:
    """The methods dev set's answerable heldout questions: never trained on, only reported and gated on."""
    dataset = qa_part(load_dataset(methods_dev_set(), "qa"), "heldout")
    dataset.items = [item for item in dataset.items if item.answerable]
    return dataset


async def compare_on_heldout(
    settings: Settings, cache: Path, candidate: CrossEncoderSelector, baseline: CrossEncoderSelector | None
) -> PairedComparison:
    """Key sentence quoted (primary) and padding (guard), baseline against candidate on the heldout items."""
    dataset = methods_heldout()
    found = await quotes_in_own_library(settings, dataset, cache, candidate, baseline)
    by_id = {item.id: item for item in dataset.items}
    pads = [(quoted_padding(q.baseline, by_id[q.item]), quoted_padding(q.candidate, by_id[q.item])) for q in found]
    both = [(a, b) for a, b in pads if a is not None and b is not None]
    return compare_paired(
        (
            "key sentence quoted",
            [key_quoted(q.baseline, by_id[q.item]) for q in found],
            [key_quoted(q.candidate, by_id[q.item]) for q in found],
        ),
        ("padding", [a for a, _ in both], [b for _, b in both]),
    )


def key_quoted(chosen: list[Candidate], item: EvalItem) -> bool:
    return bool(chosen) and quotes_key(" ".join(c.sentence for c in chosen), item.key_sentences)


def quoted_padding(chosen: list[Candidate], item: EvalItem) -> float | None:
    return padding([c.passage.paper_id for c in chosen], item.gold_paper_ids)


def content_words(text: str) -> set[str]:
    return {word for word in _WORD.findall(text.lower()) if word not in _STOP}


def supporting_sentences(abstract: Sequence[str], conclusion: str) -> list[str]:
    """The abstract's sentences sharing the most content words with the conclusion (Jaccard), best first."""
    sentences = [s for text in abstract for s in split_sentences(text)]
    words = content_words(conclusion)

    def overlap(sentence: str) -> float:
        mine = content_words(sentence)
        return len(mine & words) / len(mine | words) if mine | words else 0.0

    return sorted(sentences, key=overlap, reverse=True)[:SUPPORTING_SENTENCES]


def top_supports_conclusion(chosen: list[Candidate], item: EvalItem) -> bool:
    """The first quote is from the gold abstract and holds one of the sentences closest to the conclusion
    (a PubMedQA item's reference is the abstract's sections, then the expert's conclusion)."""
    if not chosen or chosen[0].passage.paper_id not in item.gold_paper_ids or len(item.reference) < 2:
        return False
    abstract, conclusion = item.reference[:-1], item.reference[-1]
    return any(sentence in chosen[0].sentence for sentence in supporting_sentences(abstract, conclusion))


def top_quotes_the_finding(chosen: list[Candidate], item: EvalItem, paper: Paper) -> bool:
    """The first quote holds one of the gold abstract's results sentences closest to the expert's conclusion
    (any of its sentences where the abstract has no results heading)."""
    if not chosen or chosen[0].passage.paper_id not in item.gold_paper_ids or len(item.reference) < 2:
        return False
    findings = [section.text for section in paper.sections if section.reports_findings]
    closest = supporting_sentences(findings or [section.text for section in paper.sections], item.reference[-1])
    return any(sentence in chosen[0].sentence for sentence in closest)


def from_results(chosen: list[Candidate], item: EvalItem) -> bool:
    """The first quote is a sentence of the gold abstract's results section."""
    return (
        bool(chosen)
        and chosen[0].passage.paper_id in item.gold_paper_ids
        and heading_reports_findings(chosen[0].passage.section) is True
    )


async def gate_comparison(settings: Settings, candidate: Path, baseline: Path | None) -> PairedComparison:
    """The promotion gate's measurement (training/promotion.py's Evaluate), from selector directories; the
    heldout corpus is indexed once under the data dir and reused by later attempts."""
    return await compare_on_heldout(
        settings,
        settings.data_path / "promotion" / "heldout",
        open_selector(candidate),
        open_selector(baseline) if baseline is not None else None,
    )
