"""Ask the graph one question in a thread: the call every front-end (CLI, Slack, evaluation) makes."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from langchain_core.runnables import RunnableConfig
from langgraph.graph.state import CompiledStateGraph
from langgraph.types import StateSnapshot

from graph.context import Context
from graph.events import ProgressEvent
from graph.schemas import Answer
from tools.decoding import without_surrogates

ProgressCallback = Callable[[ProgressEvent], None]


async def read_thread(graph: CompiledStateGraph[Any, Any, Any, Any], thread_id: str) -> StateSnapshot:
    """What the graph remembers of a thread. A front-end that needs it before the turn (is this the thread's
    first turn, does the graph already hold its history) reads it once and hands it to ``answer_question``."""
    return await graph.aget_state({"configurable": {"thread_id": thread_id}})


async def answer_question(
    graph: CompiledStateGraph[Any, Any, Any, Any],
    context: Context,
    question: str,
    thread_id: str,
    on_progress: ProgressCallback | None = None,
    *,
    turn_id: str | None = None,
    history: list[str] | None = None,
    cut_before: int = 0,
    memory: StateSnapshot | None = None,
    notes: list[str] | None = None,
) -> Answer:
    """Run one turn; progress events go to ``on_progress``; checkpoints are written synchronously.

    With a ``turn_id``, a turn that was interrupted (a killed worker) resumes from its last
    checkpoint instead of starting again, and a turn that already finished returns its answer:
    no finished model call, search or code run is repeated. ``memory`` is the thread as ``read_thread``
    returned it, read by the caller under its lock on the thread; without it the thread is read here.
    ``notes`` say what the front-end did for this turn (shared files added or not): the answer says them first,
    and the checkpointed answer is the one the front-end shows.
    """
    config: RunnableConfig = {"configurable": {"thread_id": thread_id}}
    payload: dict[str, Any] | None = _turn_input(question, turn_id or uuid.uuid4().hex, history, notes, cut_before)
    if turn_id is not None:
        snapshot = memory or await read_thread(graph, thread_id)
        if snapshot.values.get("turn_id") == turn_id:
            if not snapshot.next and isinstance(snapshot.values.get("answer"), Answer):
                return snapshot.values["answer"]  # type: ignore[no-any-return]
            if snapshot.next:
                payload = None  # resume the interrupted turn
    final: dict[str, Any] = {}
    async for mode, chunk in graph.astream(
        payload, config, context=context, stream_mode=["custom", "values"], durability="sync"
    ):
        if mode == "custom" and on_progress is not None and isinstance(chunk, dict):
            on_progress(chunk)  # type: ignore[arg-type]
        elif mode == "values" and isinstance(chunk, dict):
            final = chunk
    answer = final.get("answer")
    if not isinstance(answer, Answer):
        raise RuntimeError("the graph finished without an answer")
    return answer


def _turn_input(
    question: str, turn_id: str, history: list[str] | None, notes: list[str] | None, cut_before: int
) -> dict[str, Any]:
    # a lone surrogate (a non-UTF-8 argument, JSON's "\ud800") cannot be checkpointed: U+FFFD instead
    payload: dict[str, Any] = {"question": without_surrogates(question), "turn_id": turn_id}
    if history:
        payload["history"] = [without_surrogates(text) for text in history]
    if notes:
        payload["front_notes"] = [without_surrogates(text) for text in notes]
    if cut_before:
        payload["cut_before"] = cut_before  # the front-end already cut the message: it is not whole
    return payload
