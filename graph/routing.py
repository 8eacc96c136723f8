"""Where the graph goes next: every route, as pure functions of the state (and of the run's settings, for the
routes that only a run allowing live sources may take)."""

from __future__ import annotations

from typing import Literal

from langgraph.runtime import Runtime

from graph.context import Context
from graph.state import AnswerState


def live_search_allowed(context: Context) -> bool:
    sources = context.services.settings.sources
    # a run that disables retrieval altogether (an evaluation condition) must not search either
    return sources.agent_search and bool(sources.enabled) and context.retrieval


def retraction_check_allowed(context: Context) -> bool:
    sources = context.services.settings.sources
    return sources.agent_search and "crossref" in sources.enabled and context.retrieval


def after_retrieve(state: AnswerState) -> Literal["draft", "finalize"]:
    """Abstain straight away when nothing relevant was found and there is no data to analyse."""
    return "draft" if state.get("relevant") or state.get("plan") is not None else "finalize"


def after_retrieve_or_search(
    state: AnswerState, runtime: Runtime[Context]
) -> Literal["draft", "finalize", "live_search", "check_retractions"]:
    """As ``after_retrieve``, but the retrieved papers are first checked for retractions (once per query),
    and a question the library cannot answer first tries the live sources once (``live_query`` bounds it)."""
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


def after_draft(state: AnswerState) -> Literal["execute", "verify"]:
    draft = state.get("draft")
    return "execute" if draft is not None and draft.code else "verify"


def needs_revision(state: AnswerState) -> bool:
    failed_citation = any(v.verdict != "supported" for v in state.get("verdicts", []))
    failed_code = any(not run.ok for run in state.get("runs", []))
    return failed_citation or failed_code


def after_verify(state: AnswerState) -> Literal["revise", "finalize"]:
    if needs_revision(state) and state.get("revision", 0) < state.get("revision_limit", 0):
        return "revise"
    return "finalize"


def after_revise(state: AnswerState) -> Literal["execute", "verify"]:
    """New code runs before it is judged; a draft whose code is unchanged keeps its runs."""
    draft = state.get("draft")
    return "execute" if draft is not None and draft.code and not state.get("runs") else "verify"
