"""The agent's state, with an explicit reducer for every key that is not simply overwritten.

A thread (conversation) keeps one state across turns. ``messages`` grows turn after turn and is
what gives follow-ups their memory; the per-turn keys (all but ``THREAD_KEYS``) start each turn from
``turn_start()``, which the first node of each turn applies.
Accumulating keys use ``accumulate``, which appends, unless handed ``{"__replace__": value}``.
"""

from __future__ import annotations

from typing import Annotated, Any, NotRequired, TypeVar

from langchain_core.messages import AnyMessage
from langgraph.graph.message import add_messages
from typing_extensions import TypedDict  # pydantic builds schemas (LangGraph's server) only from this one on 3.11

from graph.schemas import AnalysisReport, Answer, CodePlan, CodeRun, Decision, Draft, ModelCall, Passage, Verdict

T = TypeVar("T")
REPLACE = "__replace__"


def replace(value: Any) -> dict[str, Any]:
    """An update that overwrites an accumulating key instead of appending to it."""
    return {REPLACE: value}


def accumulate(current: list[T] | None, update: list[T] | dict[str, Any]) -> list[T]:
    if isinstance(update, dict):
        return list(update[REPLACE])
    return [*(current or []), *update]


def add_timings(current: dict[str, float] | None, update: dict[str, Any]) -> dict[str, float]:
    if REPLACE in update:
        return dict(update[REPLACE])
    merged = dict(current or {})
    for stage, seconds in update.items():
        merged[stage] = merged.get(stage, 0.0) + float(seconds)
    return merged


class InputState(TypedDict):
    question: str
    turn_id: NotRequired[str]  # the front-end's id of this question, so an interrupted turn can be resumed
    history: NotRequired[list[str]]  # earlier messages of the conversation the graph has not seen (a Slack thread)
    cut_before: NotRequired[int]  # characters the front-end cut off the end of the question before sending it
    front_notes: NotRequired[list[str]]  # what the front-end did for this turn (shared PDFs added or not): said first


class OutputState(TypedDict):
    answer: Answer


class AnswerState(TypedDict, total=False):
    messages: Annotated[list[AnyMessage], add_messages]
    question: str
    turn_id: str
    history: list[str]
    cut_before: int
    front_notes: list[str]
    retrieval_query: str
    passages: list[Passage]
    relevant: bool
    truncated: bool  # the message was cut at the length limit: its data are never analysed as if whole
    analysis: AnalysisReport | None  # what was asked to be computed, and the plan's verdict
    plan: CodePlan | None
    draft: Draft | None
    runs: list[CodeRun]
    verdicts: list[Verdict]
    revision: int
    revision_limit: int
    live_query: str  # the retrieval query live sources were last searched for (one round per query)
    live_added: int  # papers that search found (and ingested)
    vetted_query: str  # the retrieval query whose papers were last checked for retractions
    answer: Answer | None
    calls: Annotated[list[ModelCall], accumulate]
    decisions: Annotated[list[Decision], accumulate]
    notes: Annotated[list[str], accumulate]
    timings: Annotated[dict[str, float], add_timings]


# Kept from turn to turn: the conversation, and what each turn's input sets afresh. Every other key is per turn.
THREAD_KEYS = frozenset({"messages", "question", "turn_id"})


def turn_start() -> dict[str, Any]:
    """Every per-turn key at its value when a turn begins (a follow-up must not find the last turn's query marked
    vetted or searched, nor its plan, runs or answer)."""
    return {
        "history": [],
        "cut_before": 0,
        "front_notes": [],
        "retrieval_query": "",
        "passages": [],
        "relevant": False,
        "truncated": False,
        "analysis": None,
        "plan": None,
        "draft": None,
        "runs": [],
        "verdicts": [],
        "revision": 0,
        "revision_limit": 0,
        "live_query": "",
        "live_added": 0,
        "vetted_query": "",
        "answer": None,
        "calls": replace([]),
        "decisions": replace([]),
        "notes": replace([]),
        "timings": replace({}),
    }
