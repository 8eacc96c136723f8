"""The embedded model's draft: evidence quoted from the passages, so a citation cannot be invented.

Sentences are chosen by what the question needs (graph/selection.py; re-ordered by a trained selector
when the drafting entry has one, graph/reranking.py) and quoted verbatim, each citing
the passage it came from. The tiny model only makes decisions under a grammar (is the evidence
sufficient?) and may offer one short lead sentence, which is verified like everything else.
"""

from __future__ import annotations

import re
from typing import Any

from graph.calls import ask
from graph.context import Context
from graph.prompts import lead_messages, sufficiency_messages
from graph.reranking import reordered, selector_for
from graph.schemas import Claim, CodeBlock, CodePlan, Decision, Draft, Passage, SectionName
from graph.selection import Candidate, rank_sentences, select
from graph.state import AnswerState
from tools.chunking import split_sentences
from tools.citations import missing_numbers, strict_lead_problems
from tools.injection import looks_like_instruction, names_identifier_outside
from tools.models.protocol import ModelError

LEAD_MIN_WORDS = 6
_GENERIC = {"test", "tests", "curves", "analysis", "model", "regression", "groups", "samples", "with", "between"}
_SECTION_WORDS: list[tuple[tuple[str, ...], SectionName]] = [
    (("method", "design", "setting", "patient", "participant", "intervention", "measure", "material"), "methods"),
    (("result", "finding", "outcome"), "results"),
]
SUFFICIENCY_SCHEMA = {
    "type": "object",
    "properties": {"evidence": {"type": "string", "enum": ["sufficient", "insufficient"]}},
    "required": ["evidence"],
}
# Between min_relevance and this, retrieval is unsure and a configured judge's vote decides.
UNSURE_BAND = 0.12
SOURCE_REQUEST = re.compile(r"\b(papers?|references?|refs?|cite|citations?|sources?|literature)\b", re.I)


def section_for(label: str) -> SectionName:
    lowered = label.lower()
    for words, section in _SECTION_WORDS:
        if any(word in lowered for word in words):
            return section
    return "summary"


def evidence_claims(chosen: list[Candidate]) -> list[Claim]:
    claims = []
    for rank, candidate in enumerate(chosen):
        section = "summary" if rank == 0 else section_for(candidate.passage.section)
        claims.append(
            Claim(section=section, text=candidate.sentence, citations=[candidate.passage.key], origin="passage")
        )
    return claims


def plan_claims(plan: CodePlan, passages: list[Passage]) -> list[Claim]:
    references = [p.key for p in passages if p.paper_id in plan.references]
    claims = [Claim(section="methods", text=plan.summary, citations=references[:2], origin="recipe")]
    claims += [Claim(section="limitations", text=assumption, origin="recipe") for assumption in plan.assumptions]
    return claims


def unstated_figures(question: str, chosen: list[Candidate]) -> tuple[str, ...]:
    """The figures a request for a source names ("which paper recommends 20 groups?") that no quoted sentence
    states: quoting a paper on the topic would lend the premise a support it does not have."""
    if not SOURCE_REQUEST.search(question):
        return ()
    return missing_numbers(question, " ".join(candidate.sentence for candidate in chosen))


async def sufficiency(
    context: Context, question: str, chosen: list[Candidate], best: float
) -> tuple[bool, dict[str, Any]]:
    """Retrieval decided that something is relevant (graph/nodes/retrieve.py); here the quotes must also hold
    what the question asks for. A judge entry, when one is configured, votes in the band where retrieval is
    unsure; the drafting model does not: the embedded one's vote is no better than chance on the methods dev set."""
    figures = unstated_figures(question, chosen)
    if chosen and figures:
        why = f"the question asks for a source for {', '.join(figures)}, and no quoted sentence states it"
        return False, {"decisions": [Decision(what="evidence", model_said="—", final="insufficient", why=why)]}
    floor = context.agent.min_relevance
    if best >= floor + UNSURE_BAND or not chosen or context.judge_model is None:
        return bool(chosen), {}
    try:
        reply = await ask(
            context,
            "judge evidence",
            sufficiency_messages(question, [c.passage for c in chosen]),
            SUFFICIENCY_SCHEMA,
            max_tokens=16,
        )
    except ModelError as error:
        decision = Decision(what="evidence", model_said="—", final="sufficient", why=f"model unavailable: {error}")
        return True, {"decisions": [decision]}
    vote = str(reply.data.get("evidence", "")) if isinstance(reply.data, dict) else ""
    enough = vote != "insufficient"
    why = f"retrieval was unsure (best similarity {best:.2f}), so the judge's vote decided"
    decision = Decision(
        what="evidence", model_said=vote or reply.text[:40], final="sufficient" if enough else "insufficient", why=why
    )
    return enough, {"decisions": [decision], "calls": [reply.call]}


async def lead_claim(context: Context, question: str, top: Candidate) -> tuple[list[Claim], dict[str, Any]]:
    """A one-sentence answer in the model's words; kept only if verification supports it."""
    schema = {
        "type": "object",
        "properties": {"sentence": {"type": "string", "maxLength": 220}},
        "required": ["sentence"],
    }
    try:
        reply = await ask(context, "lead sentence", lead_messages(question, top.passage), schema, max_tokens=72)
    except ModelError:
        return [], {}
    text = str(reply.data.get("sentence", "")).strip() if isinstance(reply.data, dict) else ""
    sentences = split_sentences(text)
    sentence = sentences[0] if sentences else ""
    # a tiny model rambles or stops mid-phrase: keep one complete sentence of some substance, or nothing
    repeats_injection = looks_like_instruction(sentence) or names_identifier_outside(sentence, top.passage.text)
    if len(sentence.split()) < LEAD_MIN_WORDS or not sentence.endswith(".") or repeats_injection:
        return [], {"calls": [reply.call]}
    # a wrong lead is a factuality failure: it says only what the passage says, or it is left out
    problems = strict_lead_problems(sentence, top.passage.text)
    if problems:
        why = f"left out: {'; '.join(problems)}"
        decision = Decision(what="lead sentence", model_said=sentence[:120], final="left out", why=why)
        return [], {"calls": [reply.call], "decisions": [decision]}
    return [Claim(section="summary", text=sentence, citations=[top.passage.key], origin="model")], {
        "calls": [reply.call]
    }


async def extractive_draft(state: AnswerState, context: Context) -> dict[str, Any]:
    plan = state.get("plan")
    references = set(plan.references) if plan else set()
    # a retracted paper is never quoted as evidence (verification would reject it anyway)
    literature = [p for p in state.get("passages", []) if p.paper_id not in references and not p.retraction]
    if plan is not None:  # an analysis answer quotes only papers about the method that ran
        literature = about_method(plan, literature)
    query = state.get("retrieval_query") or state["question"]
    ranked = await rank_sentences(context.services.library.embedder, state["question"], query, literature)
    selector = selector_for(context)
    ordering: list[Decision] = []
    if selector is not None:  # a trained selector (sel-…) re-orders the shortlist; zero-shot keeps this order
        before = ranked
        ranked = await reordered(selector, state["question"], ranked, context.agent.selector_shortlist)
        ordering = [selector_decision(context.model, before, ranked)]
    best = max((p.score for p in literature), default=0.0)
    chosen = select(ranked, literature, context.agent.evidence_claims, context.agent.min_relevance * 0.8)
    enough, update = await sufficiency(context, state["question"], chosen, best)
    if ordering:
        update["decisions"] = ordering + update.get("decisions", [])
    claims: list[Claim] = []
    if enough and chosen:
        lead, lead_update = await lead_claim(context, state["question"], chosen[0])
        claims = lead + evidence_claims(chosen)
        update["calls"] = update.get("calls", []) + lead_update.get("calls", [])
        update["decisions"] = update.get("decisions", []) + lead_update.get("decisions", [])
    code = []
    if plan is not None:
        claims += plan_claims(plan, state.get("passages", []))
        code = [CodeBlock(source=plan.source, purpose=plan.title, recipe=plan.recipe)]
    claims = declined_claims(state) + claims
    update["draft"] = Draft(claims=claims, code=code, insufficient_evidence=not (enough and chosen))
    return update


def selector_decision(model: str, before: list[Candidate], after: list[Candidate]) -> Decision:
    """What the selector changed, shown with the answer's other decisions."""
    moved = sum(first.sentence != second.sentence for first, second in zip(before, after, strict=True))
    return Decision(
        what="evidence order",
        model_said=f"{moved} of {len(before)} candidate sentences moved",
        final=f"ordered by {model}'s selector",
        why="a trained selector re-orders each paper's shortlisted sentences with the embedder's similarity",
    )


def about_method(plan: CodePlan, passages: list[Passage]) -> list[Passage]:
    """Passages that name the analysis (a distinctive word of its title, "log-rank", "Kaplan-Meier")."""
    words = [w for w in re.findall(r"[\w'-]+", plan.title.lower()) if len(w) >= 5 and w not in _GENERIC]
    return [p for p in passages if any(word in p.text.lower() for word in words)]


def declined_claims(state: AnswerState) -> list[Claim]:
    """A declined analysis is said first, in plain words, with why: never a quiet substitute."""
    analysis = state.get("analysis")
    if analysis is None or analysis.status != "declined":
        return []
    asked = analysis.requested if analysis.requested and not analysis.requested.startswith("not named") else ""
    text = f"I did not run {asked or 'an analysis of your data'}: {analysis.reason}."
    return [Claim(section="summary", text=text, origin="recipe")]
