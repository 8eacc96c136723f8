"""First node of every turn: record the question and clear what the previous turn left."""

from __future__ import annotations

import re
from typing import Any

from langchain_core.messages import HumanMessage
from langgraph.runtime import Runtime

from graph.context import Context
from graph.state import AnswerState, replace, turn_start


def tidy(text: str) -> str:
    """The message with its line structure kept (pasted tables and columns need it), trailing blanks gone."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


async def begin_turn(state: AnswerState, runtime: Runtime[Context]) -> dict[str, Any]:
    limit = runtime.context.agent.max_question_chars
    question = tidy(state["question"])
    cut_before = state.get("cut_before", 0)  # cut by the front-end (Slack's length) before it got here
    notes = list(state.get("front_notes", []))
    truncated = len(question) > limit or cut_before > 0
    if truncated:
        whole = len(question) + cut_before
        notes.append(f"Your message was {whole:,} characters; only the first {min(limit, len(question)):,} were read.")
        question = question[:limit]
    earlier = [] if state.get("messages") else [HumanMessage(content=text) for text in state.get("history", [])]
    return {
        **turn_start(),
        "question": question,
        "messages": [*earlier, HumanMessage(content=question)],
        "truncated": truncated,
        "revision_limit": runtime.context.agent.max_revisions,
        "notes": replace(notes),
    }
