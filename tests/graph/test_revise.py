"""Revision after a recipe failed: the next fitting recipe comes from the plan, the request is not read again."""

from __future__ import annotations

from analysis.plan import plan_analysis
from graph.nodes.plan_code import report_of, to_plan
from graph.nodes.revise import mechanical_revision
from graph.schemas import CodeBlock, CodeRun, Draft
from graph.state import AnswerState

SURVIVAL = "compare survival: drug 5 8 12+ 20 25+ 30; placebo 3 4 6 9+ 10 14"


def failed_turn(question: str) -> AnswerState:
    """The state after the first recipe's code failed, with the message itself no longer readable."""
    analysis = plan_analysis(question)
    plan = to_plan(analysis.calls[0], "parser", analysis.alternatives)
    return {
        "question": "",  # a revision that parsed the request again would find nothing to fall back on
        "plan": plan,
        "analysis": report_of(analysis),
        "draft": Draft(code=[CodeBlock(source=plan.source, recipe=plan.recipe)]),
        "runs": [CodeRun(block=0, error="ValueError: singular matrix")],
        "verdicts": [],
    }


def test_a_failed_recipe_is_replaced_by_the_next_one_planned_with_it_and_the_answer_says_so() -> None:
    state = failed_turn(SURVIVAL)
    first = state["plan"]
    assert first is not None and [f.recipe for f in first.fallbacks] == ["kaplan_meier", "cox_regression"]

    update = mechanical_revision(state)

    replacement = update["plan"]
    assert replacement.recipe == "kaplan_meier" and replacement.chosen_by == "fallback"
    assert [f.recipe for f in replacement.fallbacks] == ["cox_regression"]  # tried next if this one fails too
    assert update["draft"].code[0].source == replacement.source and update["runs"] == []
    assert update["decisions"][0].why == "log_rank failed to run; kaplan_meier also fits the data"
    assert update["analysis"].notes[-1].endswith(f"{replacement.title} ran instead.")


def test_with_no_fallback_left_the_failed_code_stays_and_nothing_is_substituted() -> None:
    state = failed_turn(SURVIVAL)
    first, failed = state["plan"], state["draft"]
    assert first is not None and failed is not None
    last = first.fallbacks[-1]
    assert not last.fallbacks
    state["plan"] = last

    update = mechanical_revision(state)

    assert "plan" not in update and update["draft"].code == failed.code
