"""Check the retrieved papers' DOIs against Crossref's retraction notices before anything is drafted.

Papers that came in through BibTeX, PDFs or JSON Lines were never checked when they were ingested; with
live sources allowed (``sources.agent_search``) and crossref enabled, each retrieval query's papers are
checked once (``vetted_query``), a retracted one gets its notice on its passages (so verification
refuses it as support) and in the library (so later answers know without asking again).
"""

from __future__ import annotations

import time
from typing import Any

from langgraph.runtime import Runtime

from graph.context import Context
from graph.state import AnswerState
from tools.ingest import ingest
from tools.papers import Paper
from tools.sources import SourceError, normalize_doi
from tools.sources.crossref import CrossrefSource


async def _notices(context: Context, papers: list[Paper]) -> dict[str, str]:
    opened = context.services.sources.get(only=("crossref",))
    crossref = next(s for s in opened if isinstance(s, CrossrefSource))
    return await crossref.retractions([p.doi for p in papers if p.doi])


async def check_retractions(state: AnswerState, runtime: Runtime[Context]) -> dict[str, Any]:
    started = time.perf_counter()
    context = runtime.context
    update: dict[str, Any] = {"vetted_query": state.get("retrieval_query", "")}
    passages = state.get("passages", [])
    unchecked = sorted({p.paper_id for p in passages if not p.retraction})
    papers = [p for p in (await context.services.library.index.papers(unchecked)).values() if p.doi]
    if not papers:
        return update
    try:
        notices = await _notices(context, papers)
    except SourceError as error:
        return update | {"notes": [f"Retractions could not be checked: {error}."]}
    retracted = {
        p.id: p.model_copy(update={"retraction": notices[doi]})
        for p in papers
        if (doi := normalize_doi(p.doi)) in notices
    }
    if retracted:
        chosen = context.collections
        collection = "" if not chosen or "" in chosen else chosen[0]
        await ingest(context.services.library, list(retracted.values()), collection=collection)
        update["passages"] = [
            p.model_copy(update={"retraction": retracted[p.paper_id].retraction}) if p.paper_id in retracted else p
            for p in passages
        ]
    return update | {"timings": {"check_retractions": time.perf_counter() - started}}
