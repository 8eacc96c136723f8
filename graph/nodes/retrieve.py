"""Find passages for the question, in the context of the conversation so far."""

from __future__ import annotations

import re
import time
from collections.abc import Collection
from typing import Any

from langchain_core.messages import HumanMessage
from langgraph.runtime import Runtime

from graph.context import Context
from graph.events import emit
from graph.schemas import CodePlan, Passage
from graph.state import AnswerState
from tools.injection import identifiers_in, looks_like_instruction, screen_passage
from tools.papers import Chunk, Paper, page_link
from tools.search import Filters, Hit, SearchIndex

_DATA_RUN = re.compile(r"(?:[-+]?\d+(?:\.\d+)?\+?[\s,;]+){3,}[-+]?\d+(?:\.\d+)?\+?")  # inline data lists
_FOLLOW_UP_WORDS = 14
_CONTEXT_WORDS = 40  # of earlier messages carried into a short follow-up's query
# A chatty question sits far from an abstract in the embedder's space even when the abstract answers it; when
# keyword and meaning search both put a paper among their first two, that agreement counts as relevance too.
# Calibrated on the methods dev set (dev part): it stops the wrong abstentions without answering the
# unanswerable ones that sit next to a library paper.
AGREEMENT_RANK = 2
AGREEMENT_CREDIT = 0.08


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


def _shown(text: str, fallback: str) -> str:
    """A title or attribution as it may be shown: one that addresses the reader is replaced by the paper id."""
    return fallback if looks_like_instruction(text) else text


def passage_of(
    paper: Paper,
    chunk: Chunk,
    score: float,
    known_ids: Collection[str] = (),
    link_hosts: Collection[str] = (),
    agreed: bool = False,
) -> Passage:
    """A chunk of a paper as the thing an answer may cite: screened before any model or quote sees it.

    Sentences that address the assistant, carry links or name identifiers outside ``known_ids`` are taken
    out of the text here, so drafting, quoting and verification only ever see what is left."""
    screen = screen_passage(chunk.text, known_ids)
    return Passage(
        key=chunk.key,
        paper_id=paper.id,
        title=_shown(paper.display_title(), f"{paper.id} (title withheld: instruction-like text)"),
        year=paper.year,
        section=chunk.section,
        text=screen.text,
        score=round(score, 4),
        link=page_link(paper.link(link_hosts), chunk.pages),
        attribution=_shown(paper.short_citation(), paper.id),
        flagged=screen.flagged,
        retraction=paper.retraction,
        pages=chunk.pages,
        agreed=agreed,
    )


def agreed(hit: Hit) -> bool:
    """Both rankers place the paper's best chunk among their first ``AGREEMENT_RANK``."""
    top = hit.chunks[0] if hit.chunks else None
    ranks = [top.bm25_rank, top.dense_rank] if top is not None else []
    return len(ranks) == 2 and all(rank is not None and rank <= AGREEMENT_RANK for rank in ranks)


def question_relevance(passages: list[Passage]) -> float:
    """How relevant the best paper is to the question: its passage's similarity, plus the agreement credit."""
    return max((p.score + AGREEMENT_CREDIT * p.agreed for p in passages), default=0.0)


async def known_identifiers(index: SearchIndex, papers: Collection[Paper], texts: list[str]) -> set[str]:
    """The PMIDs, DOIs and arXiv ids these texts name that are papers in the library (or DOIs of these papers)."""
    named = {identifier for text in texts for identifier in identifiers_in(text)}
    if not named:
        return set()
    dois = {f"doi:{paper.doi}".lower() for paper in papers if paper.doi}
    ids = {paper.id.lower() for paper in papers}
    in_library = {i.lower() for i in await index.papers(sorted(named))}
    return {i for i in named if i.lower() in in_library | dois | ids}


async def to_passages(context: Context, hits: list[Hit]) -> list[Passage]:
    per_paper = context.agent.passages_per_paper
    chosen = [(hit, chunk_hit) for hit in hits for chunk_hit in hit.chunks[:per_paper]]
    known = await known_identifiers(
        context.services.library.index, [hit.paper for hit, _ in chosen], [c.chunk.text for _, c in chosen]
    )
    hosts = context.agent.link_hosts
    return [
        passage_of(hit.paper, chunk_hit.chunk, chunk_hit.dense_score or 0.0, known, hosts, agreed(hit))
        for hit, chunk_hit in chosen
    ]


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
    passages = await to_passages(context, hits)
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
