"""When the library has too little evidence: search the live sources once, ingest, and retrieve again.

Bounded to one round per retrieval query (``live_query`` records it), off unless settings allow it
(``sources.agent_search``) and some source is enabled. A source that fails is noted, not fatal.
"""

from __future__ import annotations

import time
from typing import Any, Literal

from langgraph.runtime import Runtime

from graph.context import Context
from graph.events import emit
from graph.nodes.retractions import retraction_check_allowed
from graph.routing import after_retrieve
from graph.state import AnswerState
from tools.ingest import ingest
from tools.search.catalog import content_words
from tools.sources import close_sources, open_sources
from tools.sources.gather import gather_papers


def live_search_allowed(context: Context) -> bool:
    sources = context.services.settings.sources
    # a run that disables retrieval altogether (an evaluation condition) must not search either
    return sources.agent_search and bool(sources.enabled) and context.retrieval


def after_retrieve_or_search(
    state: AnswerState, runtime: Runtime[Context]
) -> Literal["draft", "finalize", "live_search", "check_retractions"]:
    """As ``after_retrieve``, but the retrieved papers are first checked for retractions (once per query),
    and a question the library cannot answer first tries the live sources once."""
    unvetted = state.get("vetted_query") != state.get("retrieval_query")
    if unvetted and state.get("passages") and retraction_check_allowed(runtime.context):
        return "check_retractions"
    return after_check_retractions(state, runtime)


def after_check_retractions(
    state: AnswerState, runtime: Runtime[Context]
) -> Literal["draft", "finalize", "live_search"]:
    """The papers are vetted: draft, or abstain, or first try the live sources once."""
    step = after_retrieve(state)
    fresh = state.get("live_query") != state.get("retrieval_query")
    if step == "finalize" and fresh and live_search_allowed(runtime.context):
        return "live_search"
    return step


def after_live_search(state: AnswerState) -> Literal["retrieve", "finalize"]:
    return "retrieve" if state.get("live_added") else "finalize"


QUERY_WORDS = 5


def source_query(question: str) -> str:
    """Live sources AND their terms, so a whole question finds nothing: keep its few most specific words
    (the longest, a cheap stand-in for the rarest), in the question's order."""
    words = content_words(question)
    keep = set(sorted(words, key=len, reverse=True)[:QUERY_WORDS])
    return " ".join(w for w in words if w in keep)


def _collection(context: Context) -> str:
    """Found papers join the global library unless this conversation searches only its own collections."""
    chosen = context.collections
    return "" if chosen is None or "" in chosen or not chosen else chosen[0]


async def live_search(state: AnswerState, runtime: Runtime[Context]) -> dict[str, Any]:
    started = time.perf_counter()
    context = runtime.context
    settings = context.services.settings
    query = state.get("retrieval_query") or state["question"]
    if not live_search_allowed(context):
        return {"live_query": query, "live_added": 0}
    emit(runtime, "retrieving", "searching live paper sources")
    sources = open_sources(settings)
    try:
        found = await gather_papers(sources, source_query(query), max_results=settings.sources.agent_max_results)
    finally:
        await close_sources(sources)
    report = await ingest(context.services.library, found.papers, collection=_collection(context))
    notes = [f"Live sources could not be searched: {failure}." for failure in found.failures]
    if found.searched:
        new = report.added + report.updated
        notes.append(
            f"The library had too little evidence, so {', '.join(found.searched)} were searched: {new} paper(s) added."
        )
    return {
        "live_query": query,
        "live_added": len(found.papers),  # stored ones too: they may just have joined this collection
        "notes": notes,
        "timings": {"live_search": time.perf_counter() - started},
    }
