"""Progress events the graph streams while it works (LangGraph custom stream mode)."""

from __future__ import annotations

from typing import Any, Literal, TypedDict

from langgraph.runtime import Runtime

Stage = Literal[
    "retrieving", "planning code", "drafting", "running code", "checking citations", "revising", "finishing"
]

STATUS_TEXT: dict[Stage, str] = {
    "retrieving": "searching papers…",
    "planning code": "choosing an analysis…",
    "drafting": "drafting the answer…",
    "running code": "running code…",
    "checking citations": "checking citations…",
    "revising": "revising…",
    "finishing": "finishing…",
}


class ProgressEvent(TypedDict):
    kind: Literal["progress"]
    stage: Stage
    detail: str


def emit(runtime: Runtime[Any], stage: Stage, detail: str = "") -> None:
    """Tell whoever is streaming what the graph is doing; a no-op when nobody listens."""
    runtime.stream_writer(ProgressEvent(kind="progress", stage=stage, detail=detail))
