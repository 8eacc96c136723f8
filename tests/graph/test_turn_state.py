"""A turn starts from one declared reset: every per-turn key of the state, so none outlives its turn."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

from langgraph.runtime import Runtime

from graph.nodes.begin import begin_turn
from graph.routing import after_retrieve_or_search
from graph.state import REPLACE, THREAD_KEYS, AnswerState, turn_start


def test_every_key_of_the_state_is_kept_for_the_thread_or_reset_each_turn() -> None:
    assert set(AnswerState.__annotations__) - THREAD_KEYS == set(turn_start())


async def test_a_follow_up_with_the_same_query_checks_its_papers_for_retractions_again() -> None:
    last_turn: dict[str, Any] = {"retrieval_query": "log-rank", "vetted_query": "log-rank", "live_query": "log-rank"}
    agent = SimpleNamespace(max_question_chars=10_000, max_revisions=2)
    runtime = cast(Runtime[Any], SimpleNamespace(context=SimpleNamespace(agent=agent)))
    update = await begin_turn(cast(AnswerState, {**last_turn, "question": "and in three arms?"}), runtime)
    assert update["vetted_query"] == update["live_query"] == ""
    assert update["notes"] == {REPLACE: []} and update["revision_limit"] == 2
    follow_up = cast(AnswerState, {**last_turn, **update, "retrieval_query": "log-rank", "passages": ["a paper"]})
    sources = SimpleNamespace(agent_search=True, enabled=("crossref",))
    context = SimpleNamespace(services=SimpleNamespace(settings=SimpleNamespace(sources=sources)), retrieval=True)
    routed = after_retrieve_or_search(follow_up, cast(Runtime[Any], SimpleNamespace(context=context)))
    assert routed == "check_retractions", "the same query again is a new turn's papers, vetted afresh"
