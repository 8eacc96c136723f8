"""Find passages for the question, in the context of the conversation so far."""

from __future__ import annotations

import re
import time
from typing import Any

from langchain_core.messages import HumanMessage
from langgraph.runtime import Runtime

from graph.context import Context
from graph.events import emit
from graph.schemas import CodePlan, Passage
from graph.state import AnswerState
from tools.injection import looks_like_instruction
from tools.papers import Chunk, Paper
from tools.search import Filters, Hit

_DATA_RUN = re.compile(r"(?:[-+]?\d+(?:\.\d+)?\+?[\s,;]+){3,}[-+]?\d+(?:\.\d+)?\+?")  # inline data lists
_FOLLOW_UP_WORDS = 14
_CONTEXT_WORDS = 40  # of earlier messages carried into a short follow-up's query


def retrieval_query(state: AnswerState) -> str:
    """The question without its inline data, plus the chosen analysis; a short follow-up also carries
    the conversation's latest messages (about 40 words of them)."""
    question = " ".join(_DATA_RUN.sub(" ", state["question"]).split())
    plan = state.get("plan")
    if plan is not None:
        question = f"{question} {plan.title}"
    if len(question.split()) > _FOLLOW_UP_WORDS:
        return question
    earlier = [str(m.content) for m in state.get("messages", [])[:-1] if isinstance(m, HumanMessage)]
    context: list[str] = []
    for text in reversed(earlier):  # the most recent messages first, until the context budget is spent
        if context and sum(len(t.split()) for t in context) + len(text.split()) > _CONTEXT_WORDS:
            break
        context.insert(0, _DATA_RUN.sub(" ", text))
    return " ".join([*context, question]).strip()


def passage_of(paper: Paper, chunk: Chunk, score: float) -> Passage:
    """A chunk of a paper as the thing an answer may cite."""
    return Passage(
        key=chunk.key,
        paper_id=paper.id,
        title=paper.display_title(),
        year=paper.year,
        section=chunk.section,
        text=chunk.text,
        score=round(score, 4),
        link=paper.link(),
        attribution=paper.short_citation(),
        flagged=looks_like_instruction(chunk.text),
        retraction=paper.retraction,
    )


def to_passages(hits: list[Hit], per_paper: int) -> list[Passage]:
    return [
        passage_of(hit.paper, chunk_hit.chunk, chunk_hit.dense_score or 0.0)
        for hit in hits
        for chunk_hit in hit.chunks[:per_paper]
    ]


async def reference_passages(context: Context, plan: CodePlan, retrieved: list[Passage]) -> list[Passage]:
    """The method's canonical references from the library, so the Methods section can cite them."""
    have = {p.key for p in retrieved}
    keys = [f"{ref}#0" for ref in plan.references if f"{ref}#0" not in have]
    index = context.services.library.index
    chunks = await index.chunks(keys)
    papers = await index.papers([c.paper_id for c in chunks.values()])
    return [
        Passage(
            key=chunk.key,
            paper_id=chunk.paper_id,
            title=papers[chunk.paper_id].display_title(),
            year=papers[chunk.paper_id].year,
            section=chunk.section,
            text=chunk.text,
            score=1.0,
            link=papers[chunk.paper_id].link(),
            attribution=papers[chunk.paper_id].short_citation(),
        )
        for chunk in chunks.values()
        if chunk.paper_id in papers
    ]


async def retrieve(state: AnswerState, runtime: Runtime[Context]) -> dict[str, Any]:
    started = time.perf_counter()
    emit(runtime, "retrieving")
    context = runtime.context
    query = retrieval_query(state)
    if not context.retrieval:
        return {"retrieval_query": query, "passages": [], "relevant": False, "timings": {"retrieve": 0.0}}
    filters = Filters(collections=context.collections)
    hits = await context.services.library.search(query or state["question"], k=context.agent.papers, filters=filters)
    passages = to_passages(hits, context.agent.passages_per_paper)
    relevant = any(p.score >= context.agent.min_relevance for p in passages)
    plan = state.get("plan")
    if plan is not None:
        passages += await reference_passages(context, plan, passages)
    return {
        "retrieval_query": query,
        "passages": passages,
        "relevant": relevant,
        "timings": {"retrieve": time.perf_counter() - started},
    }
