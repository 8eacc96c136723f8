"""Ask the graph one question in a thread: the call every front-end (CLI, Slack, evaluation) makes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from langchain_core.runnables import RunnableConfig
from langgraph.graph.state import CompiledStateGraph

from graph.context import Context
from graph.events import ProgressEvent
from graph.schemas import Answer

ProgressCallback = Callable[[ProgressEvent], None]


async def answer_question(
    graph: CompiledStateGraph[Any, Any, Any, Any],
    context: Context,
    question: str,
    thread_id: str,
    on_progress: ProgressCallback | None = None,
) -> Answer:
    """Run one turn; progress events go to ``on_progress``; checkpoints are written synchronously."""
    config: RunnableConfig = {"configurable": {"thread_id": thread_id}}
    final: dict[str, Any] = {}
    async for mode, chunk in graph.astream(
        {"question": question}, config, context=context, stream_mode=["custom", "values"], durability="sync"
    ):
        if mode == "custom" and on_progress is not None and isinstance(chunk, dict):
            on_progress(chunk)  # type: ignore[arg-type]
        elif mode == "values" and isinstance(chunk, dict):
            final = chunk
    answer = final.get("answer")
    if not isinstance(answer, Answer):
        raise RuntimeError("the graph finished without an answer")
    return answer
