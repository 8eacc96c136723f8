"""Where the graph goes next: pure functions of the state."""

from __future__ import annotations

from typing import Literal

from graph.state import AnswerState


def after_retrieve(state: AnswerState) -> Literal["draft", "finalize"]:
    """Abstain straight away when nothing relevant was found and there is no data to analyse."""
    return "draft" if state.get("relevant") or state.get("plan") is not None else "finalize"


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
