"""Turn data in the request into a vetted analysis: parsed deterministically, the model only breaks ties."""

from __future__ import annotations

import time
from typing import Any

from langgraph.runtime import Runtime

from graph.context import Context
from graph.events import emit
from graph.nodes.calls import ask
from graph.prompts import recipe_messages
from graph.schemas import CodePlan, Decision
from graph.state import AnswerState
from tools.models.protocol import ModelError
from tools.recipes import RecipeCall, call_from_choice, candidates, choice_schema, parse_request

# A parse this far ahead of the runner-up needs no model to break the tie.
CLEAR_LEAD = 0.2
TIE_BREAK_OPTIONS = 4


def to_plan(call: RecipeCall, chosen_by: str, others: list[RecipeCall]) -> CodePlan:
    recipe = call.recipe
    return CodePlan(
        recipe=recipe.name,
        title=recipe.title,
        summary=recipe.summary,
        references=list(recipe.references),
        assumptions=list(recipe.assumptions),
        source=call.code(),
        reason=call.reason,
        chosen_by=chosen_by,
        alternatives=[c.recipe.name for c in others if c.recipe.name != recipe.name],
    )


async def plan_code(state: AnswerState, runtime: Runtime[Context]) -> dict[str, Any]:
    started = time.perf_counter()
    parsed = parse_request(state["question"])
    options = candidates(parsed)
    if not options:
        return {"plan": None}
    emit(runtime, "planning code", options[0].recipe.title)
    update: dict[str, Any] = {}
    chosen, chosen_by = options[0], "parser"
    if len(options) > 1 and options[0].score - options[1].score < CLEAR_LEAD:
        chosen, chosen_by, update = await _tie_break(state, runtime.context, parsed, options[:TIE_BREAK_OPTIONS])
    update["plan"] = to_plan(chosen, chosen_by, options)
    update["timings"] = {"plan_code": time.perf_counter() - started}
    return update


async def _tie_break(
    state: AnswerState, context: Context, parsed: Any, options: list[RecipeCall]
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
    if choice is None:
        why = "the model's choice does not fit the data; took the parser's best match"
        decision = Decision(what="analysis", model_said=said, final=names[0], why=why)
        return options[0], "fallback", {"decisions": [decision], "calls": [reply.call]}
    decision = Decision(what="analysis", model_said=said, final=choice.recipe.name, why="fits the parsed data")
    return choice, "model", {"decisions": [decision], "calls": [reply.call]}
