"""Find passages for the question, in the context of the conversation so far."""

from __future__ import annotations

import re
import time
from typing import Any

from langchain_core.messages import HumanMessage
from langgraph.runtime import Runtime

from graph.context import Context
from graph.events import emit
from graph.evidence import known_identifiers, passage_of, question_relevance, to_passages
from graph.schemas import CodePlan, Passage
from graph.state import AnswerState
from tools.search import Filters

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


async def reference_passages(context: Context, plan: CodePlan, retrieved: list[Passage]) -> list[Passage]:
    """The method's canonical references from the library, so the Methods section can cite them."""
    have = {p.key for p in retrieved}
    keys = [f"{ref}#0" for ref in plan.references if f"{ref}#0" not in have]
    index = context.services.library.index
    chunks = await index.chunks(keys)
    papers = await index.papers([c.paper_id for c in chunks.values()])
    found = [(papers[chunk.paper_id], chunk) for chunk in chunks.values() if chunk.paper_id in papers]
    known = await known_identifiers(index, [paper for paper, _ in found], [chunk.text for _, chunk in found])
    return [passage_of(paper, chunk, 1.0, known, context.agent.link_hosts) for paper, chunk in found]


async def retrieve(state: AnswerState, runtime: Runtime[Context]) -> dict[str, Any]:
    started = time.perf_counter()
    emit(runtime, "retrieving")
    context = runtime.context
    query = retrieval_query(state)
    if not context.retrieval:
        return {"retrieval_query": query, "passages": [], "relevant": False, "timings": {"retrieve": 0.0}}
    filters = Filters(collections=context.collections)
    hits = await context.services.library.search(query or state["question"], k=context.agent.papers, filters=filters)
    passages = await to_passages(context.services.library.index, hits, context.agent)
    agent = context.agent
    relevant = bool(passages) and question_relevance(passages) >= agent.min_relevance
    plan = state.get("plan")
    if plan is not None:
        passages += await reference_passages(context, plan, passages)
    return {
        "retrieval_query": query,
        "passages": passages,
        "relevant": relevant,
        "timings": {"retrieve": time.perf_counter() - started},
    }
