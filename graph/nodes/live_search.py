"""When the library has too little evidence: search the live sources once, ingest, and retrieve again.

Bounded to one round per retrieval query (``live_query`` records it), off unless settings allow it
(``sources.agent_search``) and some source is enabled. A source that fails is noted, not fatal.
"""

from __future__ import annotations

import time
from typing import Any

from langgraph.runtime import Runtime

from graph.context import Context
from graph.events import emit
from graph.routing import live_search_allowed
from graph.state import AnswerState
from tools.ingest import ingest
from tools.search.catalog import content_words
from tools.sources.gather import gather_papers

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
    sources = context.services.sources.get()
    found = await gather_papers(sources, source_query(query), max_results=settings.sources.agent_max_results)
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
