"""Assemble the answer people read: numbered verified citations, honest notes, code with its output."""

from __future__ import annotations

import re
import time
from typing import Any

from langchain_core.messages import AIMessage
from langgraph.runtime import Runtime

from analysis.findings import finding
from graph.context import Context
from graph.events import emit
from graph.nodes.extractive import declined_claims
from graph.schemas import (
    SECTIONS,
    AnalysisReport,
    Answer,
    AnswerSection,
    Citation,
    Claim,
    CodeReport,
    Draft,
    Passage,
    Verdict,
)
from graph.state import AnswerState

ABSTAIN = "I can't answer that from the sources I have."
_RESULT_LINE = re.compile(r"^\s*[^=\n]{1,80}=\s*\S.*$", re.MULTILINE)
RESULT_LINES = 14
CLOSEST = 3  # rejected passages an abstention names


class _Numbering:
    def __init__(self, passages: dict[str, Passage]) -> None:
        self.passages = passages
        self.citations: list[Citation] = []
        self.numbers: dict[str, int] = {}

    def cite(self, key: str, claim: Claim, verdict: Verdict) -> int:
        if key not in self.numbers:
            passage = self.passages[key]
            self.numbers[key] = len(self.numbers) + 1
            self.citations.append(
                Citation(
                    number=self.numbers[key],
                    passage=key,
                    paper_id=passage.paper_id,
                    title=passage.title,
                    year=passage.year,
                    link=passage.link,
                    claim=claim.text,
                    verdict=verdict.verdict,
                    score=verdict.support,
                    pages=passage.pages,
                )
            )
        return self.numbers[key]


def _claim_text(claim: Claim, index: int, verdicts: dict[tuple[int, str], Verdict], numbering: _Numbering) -> str:
    marks = []
    for key in claim.citations:
        verdict = verdicts.get((index, key))
        if verdict is not None and verdict.verdict == "supported":
            marks.append(f"[{numbering.cite(key, claim, verdict)}]")
    text = claim.text.rstrip()
    source = numbering.passages.get(claim.citations[0]) if claim.citations else None
    if claim.origin == "passage" and source is not None and source.attribution:
        text = f"{source.attribution}: {text}"
    if claim.citations and not marks:
        return f"{text} (unverified)"
    return f"{text} {''.join(marks)}".rstrip()


def _code_results(state: AnswerState) -> tuple[list[str], list[CodeReport]]:
    draft = state.get("draft") or Draft()
    runs = {run.block: run for run in state.get("runs", [])}
    sentences, reports = [], []
    for index, block in enumerate(draft.code):
        run = runs.get(index)
        status = "not_run" if run is None else "ran" if run.ok else "failed"
        reports.append(
            CodeReport(
                source=block.source,
                recipe=block.recipe,
                status=status,
                stdout=run.stdout if run else "",
                error=run.error if run else None,
                figures=run.figures if run else [],
            )
        )
        label = block.purpose or f"code block {index + 1}"
        if run is not None and run.ok:
            lines = [line.strip() for line in _RESULT_LINE.findall(run.stdout)][:RESULT_LINES]
            sentences.append(f"{label}: " + ("; ".join(lines) if lines else "ran (see its output)") + ".")
        elif run is not None:
            sentences.append(f"{label} failed ({run.error}); no result from it is reported.")
    return sentences, reports


def _notes(state: AnswerState, draft: Draft, reports: list[CodeReport]) -> list[str]:
    notes = list(state.get("notes", []))
    unverified = [v for v in state.get("verdicts", []) if v.verdict != "supported"]
    for verdict in unverified:
        notes.append(
            f'Removed citation {verdict.passage} from "{draft.claims[verdict.claim].text[:80]}": {verdict.reason}.'
        )
    if any(r.status == "failed" for r in reports):
        notes.append("Some code failed even after revision; its output is not presented as a result.")
    retracted = {p.paper_id: p for p in state.get("passages", []) if p.retraction}
    for passage in retracted.values():
        notes.append(f"Retracted: {passage.title} ({passage.paper_id}), {passage.retraction}; not cited as support.")
    if any(p.flagged for p in state.get("passages", [])):
        notes.append("A retrieved source contains instruction-like text; it was treated as data and not followed.")
    if any(c.origin == "passage" for c in draft.claims):
        notes.append("Evidence sentences are quoted from the cited passages (abstracts or excerpts, not full texts).")
    return notes


async def finalize(state: AnswerState, runtime: Runtime[Context]) -> dict[str, Any]:
    started = time.perf_counter()
    emit(runtime, "finishing")
    context = runtime.context
    stats = await context.services.library.index.stats()
    searched = f"the library ({stats.papers} papers, {stats.chunks} passages)"
    draft = state.get("draft") or Draft(insufficient_evidence=True)
    passages = {p.key: p for p in state.get("passages", [])}
    verdicts = {(v.claim, v.passage): v for v in state.get("verdicts", [])}
    numbering = _Numbering(passages)
    texts: dict[str, list[str]] = {name: [] for name in SECTIONS}
    for index, claim in enumerate(draft.claims):
        texts[claim.section].append(_claim_text(claim, index, verdicts, numbering))
    code_sentences, reports = _code_results(state)
    texts["results"] = code_sentences + texts["results"]
    texts["summary"] = findings_first(state) + texts["summary"]
    analysis = analysis_outcome(state, reports)
    abstained = draft.insufficient_evidence and not draft.code and analysis.status != "declined"
    # never an empty answer: when verification dropped every claim, the answer abstains and says so
    emptied = not abstained and not any(texts.values())
    if abstained or emptied:
        abstained = True
        texts = {name: [] for name in SECTIONS}
        dropped = emptied and state.get("draft") is not None  # a draft was written and verification emptied it
        texts["summary"] = [*declined_claim_texts(state), abstention_text(state, searched, dropped)]
    numbering.citations += [] if abstained else _unsupported_citations(draft, state, passages)
    sections = [AnswerSection(name=name, text=" ".join(texts[name])) for name in SECTIONS if texts[name]]
    calls = state.get("calls", [])
    timings = dict(state.get("timings", {}))
    timings["finalize"] = time.perf_counter() - started
    answer = Answer(
        question=state["question"],
        sections=sections,
        citations=[] if abstained else numbering.citations,
        code=reports,
        abstained=abstained,
        notes=_notes(state, draft, reports) if not abstained else list(state.get("notes", [])),
        sources_searched=searched,
        model=context.model,
        usage={
            "calls": float(len(calls)),
            "prompt_tokens": float(sum(c.prompt_tokens for c in calls)),
            "completion_tokens": float(sum(c.completion_tokens for c in calls)),
            "cost_usd": round(sum(c.cost_usd for c in calls), 6),
            "model_seconds": round(sum(c.latency_s for c in calls), 4),
        },
        timings={stage: round(seconds, 4) for stage, seconds in timings.items()},
        decisions=state.get("decisions", []),
        analysis=analysis,
        passages=state.get("passages", []),
        verdicts=state.get("verdicts", []),
    )
    return {
        "answer": answer,
        "messages": [AIMessage(content=plain_text(answer))],
        "timings": {"finalize": timings["finalize"]},
    }


def findings_first(state: AnswerState) -> list[str]:
    """Results first: what each analysis that ran found, in the recipe's own reading of its printed output."""
    draft = state.get("draft") or Draft()
    runs = {run.block: run for run in state.get("runs", [])}
    stated = []
    for index, block in enumerate(draft.code):
        run = runs.get(index)
        if block.recipe is not None and run is not None and run.ok:
            sentence = finding(block.recipe, run.stdout)
            stated += [sentence] if sentence else []
    return stated


def declined_claim_texts(state: AnswerState) -> list[str]:
    """A declined analysis is said even when nothing else is: the user asked for it."""
    return [claim.text for claim in declined_claims(state)]


def abstention_text(state: AnswerState, searched: str, dropped: bool) -> str:
    """The usual abstention, what was found, and the closest passages it rejected, so a user can rephrase."""
    found = "passages, but none of their sentences passed verification" if dropped else "nothing relevant enough"
    text = f"{ABSTAIN} I searched {searched} and found {found}."
    closest: dict[str, Passage] = {}
    for passage in sorted(state.get("passages", []), key=lambda p: -p.score):
        if not passage.retraction and passage.paper_id not in closest:
            closest[passage.paper_id] = passage
    named = [f"{p.title} ({p.attribution or p.paper_id})" for p in list(closest.values())[:CLOSEST]]
    if named:
        text += f" The closest, which did not answer it: {'; '.join(named)}. Naming the method may help."
    return text


def analysis_outcome(state: AnswerState, reports: list[CodeReport]) -> AnalysisReport:
    """The plan's verdict, corrected by what execution did: an analysis whose code failed did not run."""
    analysis = state.get("analysis") or AnalysisReport(status="none")
    failed = [r for r in reports if r.recipe is not None and r.status != "ran"]
    if analysis.status == "ran" and (failed or not reports):
        error = failed[0].error if failed else "no code was run"
        return analysis.model_copy(update={"status": "declined", "reason": f"the analysis code failed ({error})"})
    return analysis


def _unsupported_citations(draft: Draft, state: AnswerState, passages: dict[str, Passage]) -> list[Citation]:
    """Citations that failed every check: listed, marked, never attached to a claim as support."""
    listed = []
    for verdict in state.get("verdicts", []):
        if verdict.verdict == "supported" or verdict.passage not in passages:
            continue
        passage = passages[verdict.passage]
        listed.append(
            Citation(
                number=0,
                passage=passage.key,
                paper_id=passage.paper_id,
                title=passage.title,
                year=passage.year,
                link=passage.link,
                claim=draft.claims[verdict.claim].text,
                verdict=verdict.verdict,
                score=verdict.support,
                pages=passage.pages,
            )
        )
    return listed


def plain_text(answer: Answer) -> str:
    """The answer as plain text: what the thread remembers of this turn."""
    parts = [f"{s.name.title()}: {s.text}" for s in answer.sections]
    parts += [f"[{c.number}] {c.title} ({c.paper_id})" for c in answer.citations if c.number]
    return "\n".join(parts)
