"""Wiring only: nodes, edges and routing into a compiled StateGraph."""

from __future__ import annotations

from typing import Any

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph import END, START, StateGraph
from langgraph.graph.state import CompiledStateGraph

from graph.context import Context
from graph.nodes.begin import begin_turn
from graph.nodes.draft import draft
from graph.nodes.execute import execute
from graph.nodes.finalize import finalize
from graph.nodes.live_search import live_search
from graph.nodes.plan_code import plan_code
from graph.nodes.retractions import check_retractions
from graph.nodes.retrieve import retrieve
from graph.nodes.revise import revise
from graph.nodes.verify import verify
from graph.routing import (
    after_check_retractions,
    after_draft,
    after_live_search,
    after_retrieve_or_search,
    after_revise,
    after_verify,
)
from graph.state import AnswerState, InputState, OutputState


def build_graph(checkpointer: BaseCheckpointSaver[Any] | None = None) -> CompiledStateGraph[Any, Any, Any, Any]:
    builder = StateGraph(AnswerState, context_schema=Context, input_schema=InputState, output_schema=OutputState)
    builder.add_node("begin_turn", begin_turn)
    builder.add_node("retrieve", retrieve)
    builder.add_node("live_search", live_search)
    builder.add_node("check_retractions", check_retractions)
    builder.add_node("plan_code", plan_code)
    builder.add_node("draft", draft)
    builder.add_node("execute", execute)
    builder.add_node("verify", verify)
    builder.add_node("revise", revise)
    builder.add_node("finalize", finalize)
    builder.add_edge(START, "begin_turn")
    builder.add_edge("begin_turn", "plan_code")
    builder.add_edge("plan_code", "retrieve")
    builder.add_conditional_edges("retrieve", after_retrieve_or_search)
    builder.add_conditional_edges("live_search", after_live_search)
    builder.add_conditional_edges("check_retractions", after_check_retractions)
    builder.add_conditional_edges("draft", after_draft)
    builder.add_edge("execute", "verify")
    builder.add_conditional_edges("verify", after_verify)
    builder.add_conditional_edges("revise", after_revise)
    builder.add_edge("finalize", END)
    return builder.compile(checkpointer=checkpointer, name="labbot")
