"""Turn the request into an analysis decision: run what was asked, or decline and say why.

The decision is deterministic (``analysis.plan``): an analysis the request names is never replaced
and never left to the model. Only when the request named none and two fits are close does the model
break the tie, under a grammar, and its choice is kept only if the data fit it.
"""

from __future__ import annotations

import time
from typing import Any

from langgraph.runtime import Runtime

from analysis.model import ParsedRequest
from analysis.plan import AnalysisPlan, plan_analysis, with_choice
from analysis.recipes import RecipeCall, call_from_choice, choice_schema
from graph.calls import ask
from graph.context import Context
from graph.events import emit
from graph.prompts import recipe_messages
from graph.schemas import AnalysisReport, CodePlan, Decision, UnusedNumber
from graph.state import AnswerState
from tools.models.protocol import ModelError


def to_plan(call: RecipeCall, chosen_by: str, others: list[RecipeCall]) -> CodePlan:
    """The chosen call as the answer's plan, with the other fitting calls as its fallbacks, in order."""
    recipe = call.recipe
    fallbacks = [to_plan(other, "fallback", []) for other in others if other.recipe.name != recipe.name]
    return CodePlan(
        recipe=recipe.name,
        title=recipe.title,
        summary=recipe.summary,
        references=list(recipe.references),
        assumptions=list(recipe.assumptions),
        source=call.code(),
        reason=call.reason,
        chosen_by=chosen_by,
        fallbacks=fallbacks,
    )


def report_of(plan: AnalysisPlan) -> AnalysisReport:
    """The plan as the answer states it (status ``ran`` until execution says otherwise)."""
    call = plan.calls[0] if plan.calls else None
    return AnalysisReport(
        status="ran" if plan.status == "planned" else plan.status,
        requested=plan.requested,
        ran=call.recipe.title if call else "",
        recipe=call.name if call else None,
        reason=plan.reason,
        data_as_read="\n\n".join(c.data_as_read().text() for c in plan.calls),
        unused=[UnusedNumber(text=u.text, why=u.why) for u in plan.unused],
        notes=plan.notes,
    )


async def plan_code(state: AnswerState, runtime: Runtime[Context]) -> dict[str, Any]:
    started = time.perf_counter()
    plan = plan_analysis(state["question"], truncated=state.get("truncated", False))
    update: dict[str, Any] = {"plan": None}
    if plan.status == "planned":
        emit(runtime, "planning code", plan.calls[0].recipe.title)
        chosen_by = "parser"
        if plan.tie and plan.parsed is not None:
            chosen, chosen_by, update = await _tie_break(state, runtime.context, plan.parsed, plan.tie)
            plan = with_choice(plan, chosen)
        if plan.status == "planned":
            update["plan"] = to_plan(plan.calls[0], chosen_by, plan.alternatives)
    update["analysis"] = report_of(plan)
    update["timings"] = {"plan_code": time.perf_counter() - started}
    return update


async def _tie_break(
    state: AnswerState, context: Context, parsed: ParsedRequest, options: list[RecipeCall]
) -> tuple[RecipeCall, str, dict[str, Any]]:
    """Ask the model under a grammar; keep its choice only if the data fit it."""
    names = [c.recipe.name for c in options]
    messages = recipe_messages(state["question"], [(c.recipe.name, c.recipe.summary) for c in options])
    try:
        reply = await ask(context, "choose analysis", messages, choice_schema(parsed, names), max_tokens=64)
    except ModelError as error:
        why = f"model unavailable ({error}); took the parser's best match"
        return (
            options[0],
            "fallback",
            {"decisions": [Decision(what="analysis", model_said="—", final=names[0], why=why)]},
        )
    choice = call_from_choice(parsed, reply.data) if isinstance(reply.data, dict) else None
    said = str(reply.data.get("recipe", reply.text) if isinstance(reply.data, dict) else reply.text)
    if choice is None or choice.name not in names:
        why = "the model's choice does not fit the data; took the parser's best match"
        decision = Decision(what="analysis", model_said=said, final=names[0], why=why)
        return options[0], "fallback", {"decisions": [decision], "calls": [reply.call]}
    decision = Decision(what="analysis", model_said=said, final=choice.recipe.name, why="fits the parsed data")
    return choice, "model", {"decisions": [decision], "calls": [reply.call]}
