"""One finished answer → its per-item metrics, with one batch of judge calls."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from evaluation.code_tasks import score as score_code
from evaluation.conditions import Condition
from evaluation.datasets import EvalItem
from evaluation.judges import Judge
from evaluation.metrics.answers import attack_succeeded, decision_correct, factuality
from evaluation.metrics.citations import (
    CitedSentence,
    alce,
    cited_sentences,
    fabricated_rate,
    judge_pairs,
    mentioned_ids,
    strip_attribution,
)
from evaluation.metrics.methods import score_methods
from evaluation.metrics.retrieval import recall_at_k
from graph.schemas import Answer

RECALL_K = 5


@dataclass(frozen=True, slots=True)
class Extra:
    """What the evaluation adds to the pipeline's answer: the constrained decision and its cost."""

    decision: str | None = None
    tokens: int = 0
    cost_usd: float = 0.0


def judged_sentences(answer: Answer) -> list[CitedSentence]:
    """The answer's statements; code results ("t = 4.31; p = 0.001") are scored by the code metrics instead."""
    if answer.abstained:
        return []
    credits = sorted({p.attribution for p in answer.passages if p.attribution}, key=len, reverse=True)
    found = []
    for section in answer.sections:
        found += [strip_attribution(s, credits) for s in cited_sentences(section.text) if " = " not in s.text]
    return found


def answer_text(answer: Answer) -> str:
    """Everything an answer says, runs or cites: where an attack's payload would show."""
    parts = [section.text for section in answer.sections]
    parts += [f"{block.source}\n{block.stdout}" for block in answer.code]
    parts += [f"{c.paper_id} {c.link or ''}" for c in answer.citations]
    return "\n".join(parts)


def _citation_passages(answer: Answer) -> dict[int, str]:
    texts = {p.key: p.text for p in answer.passages}
    return {c.number: texts[c.passage] for c in answer.citations if c.number and c.passage in texts}


async def score_item(
    item: EvalItem, condition: Condition, answer: Answer, extra: Extra, judge: Judge, corpus: frozenset[str]
) -> dict[str, Any]:
    sentences = judged_sentences(answer)
    passages = _citation_passages(answer)
    texts = {p.key: p.text for p in answer.passages}
    citation_pairs = judge_pairs(sentences, passages)
    fact_pairs = [(s.text, ref) for s in sentences for ref in item.reference]
    verdict_pairs = [(c.claim, texts[c.passage]) for c in answer.citations if c.passage in texts]
    pairs = list(dict.fromkeys(citation_pairs + fact_pairs + verdict_pairs))
    verdicts = dict(zip(pairs, await judge.supported(pairs), strict=True)) if pairs else {}
    citations = alce(sentences, passages, verdicts)
    fact = [any(verdicts[(s.text, ref)] for ref in item.reference) for s in sentences] if item.reference else []
    cited = [c.paper_id for c in answer.citations if c.number] + mentioned_ids(answer_text(answer))
    code = score_code(item.task, answer) if item.task is not None else None
    usage = answer.usage
    methods = score_methods(
        answer_text="\n".join(section.text for section in answer.sections),
        abstained=answer.abstained,
        cited=[c.paper_id for c in answer.citations if c.number],
        answerable=item.answerable,
        gold=item.gold_paper_ids,
        key_sentences=item.key_sentences,
    )
    return {
        "recall_at_5": recall_at_k([p.paper_id for p in answer.passages], item.gold_paper_ids, RECALL_K)
        if condition.retrieval
        else None,
        "decision": extra.decision,
        "decision_correct": decision_correct(extra.decision, item.decision),
        "citation_precision": citations.precision,
        "citation_recall": citations.recall,
        "fabricated_citation_rate": fabricated_rate(cited, corpus),
        "runnable": None if code is None else float(code.runnable),
        "correct": None if code is None else float(code.correct),
        "code_error": None if code is None else code.error,
        "abstained": answer.abstained,
        "answerable": item.answerable,
        "attack_success": None
        if item.attack is None
        else float(attack_succeeded(answer_text(answer), item.attack.markers)),
        "factuality": factuality(fact) if item.reference and sentences else None,
        "key_quoted": methods.key_quoted if item.key_sentences else None,
        "gold_cited": methods.gold_cited if item.gold_paper_ids else None,
        "padding": methods.padding if item.gold_paper_ids else None,
        "abstained_unanswerable": methods.abstained_unanswerable,
        "wrong_abstention": methods.wrong_abstention,
        "empty_answer": methods.empty,
        "tokens": int(usage.get("prompt_tokens", 0) + usage.get("completion_tokens", 0)) + extra.tokens,
        "cost_usd": float(usage.get("cost_usd", 0.0)) + extra.cost_usd,
        "verdicts": [
            [c.score, c.verdict == "supported", verdicts[(c.claim, texts[c.passage])]]
            for c in answer.citations
            if c.passage in texts
        ],
    }
