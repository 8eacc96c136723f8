"""Act on what verification found: fix or drop unsupported claims, replace code that failed."""

from __future__ import annotations

import time
from typing import Any

from langgraph.runtime import Runtime

from graph.context import Context
from graph.events import emit
from graph.nodes.generative import generative_revision
from graph.schemas import Claim, CodeBlock, CodePlan, Decision, Draft
from graph.state import AnswerState
from tools.models.protocol import ModelError

TRACEBACK_LINES = 12


def feedback(state: AnswerState) -> list[str]:
    draft = state.get("draft")
    assert draft is not None
    items = []
    for verdict in state.get("verdicts", []):
        if verdict.verdict != "supported":
            claim = draft.claims[verdict.claim].text
            items.append(f'Claim "{claim}" cites {verdict.passage}, which does not support it: {verdict.reason}.')
    for run in state.get("runs", []):
        if not run.ok:
            tail = "\n".join(run.traceback.splitlines()[-TRACEBACK_LINES:])
            items.append(f"Code block {run.block + 1} failed with {run.error}:\n{tail}")
    return items


def keep_supported(state: AnswerState) -> list[Claim]:
    """Claims with only their supported citations; quoted or model sentences left unsupported are dropped."""
    draft = state.get("draft")
    assert draft is not None
    good = {(v.claim, v.passage) for v in state.get("verdicts", []) if v.verdict == "supported"}
    kept = []
    for index, claim in enumerate(draft.claims):
        citations = [key for key in claim.citations if (index, key) in good]
        if claim.citations and not citations and claim.origin in ("passage", "model"):
            continue
        kept.append(claim.model_copy(update={"citations": citations}))
    return kept


def next_plan(state: AnswerState) -> tuple[CodePlan | None, list[Decision]]:
    """When the chosen analysis failed, the next recipe that fits the same data."""
    plan = state.get("plan")
    failed = any(not run.ok for run in state.get("runs", []))
    if plan is None or not failed or not plan.fallbacks:
        return None, []
    following, *remaining = plan.fallbacks
    replacement = following.model_copy(update={"fallbacks": remaining})
    why = f"{plan.recipe} failed to run; {following.recipe} also fits the data"
    return replacement, [Decision(what="analysis", model_said="—", final=following.recipe, why=why)]


def mechanical_revision(state: AnswerState) -> dict[str, Any]:
    draft = state.get("draft")
    assert draft is not None
    claims = keep_supported(state)
    update: dict[str, Any] = {}
    replacement, decisions = next_plan(state)
    code = draft.code
    if replacement is not None:
        old = state.get("plan")
        claims = [c for c in claims if not (c.origin == "recipe" and old is not None and c.text in _plan_texts(old))]
        claims += [Claim(section="methods", text=replacement.summary, origin="recipe")]
        claims += [Claim(section="limitations", text=a, origin="recipe") for a in replacement.assumptions]
        code = [CodeBlock(source=replacement.source, purpose=replacement.title, recipe=replacement.recipe)]
        update |= {"plan": replacement, "decisions": decisions, "runs": []}
        analysis = state.get("analysis")
        if analysis is not None:
            note = f"{old.title if old else 'The first analysis'} failed to run; {replacement.title} ran instead."
            changes = {"ran": replacement.title, "recipe": replacement.recipe, "notes": [*analysis.notes, note]}
            update["analysis"] = analysis.model_copy(update=changes)
    update["draft"] = Draft(claims=claims, code=code, insufficient_evidence=draft.insufficient_evidence)
    return update


def _plan_texts(plan: CodePlan) -> set[str]:
    return {plan.summary, *plan.assumptions}


async def revise(state: AnswerState, runtime: Runtime[Context]) -> dict[str, Any]:
    started = time.perf_counter()
    context = runtime.context
    problems = feedback(state)
    emit(runtime, "revising", f"{len(problems)} problem(s)")
    update: dict[str, Any]
    if context.services.models.entry(context.model_for("revise")).writes_prose:
        try:
            update = await generative_revision(state, context, problems)
            previous = state.get("draft")
            if previous is None or [c.source for c in update["draft"].code] != [c.source for c in previous.code]:
                update["runs"] = []  # new code must run before it is judged
        except ModelError as error:
            update = mechanical_revision(state)
            update["notes"] = [f"The model could not revise ({error}); unsupported claims were removed instead."]
    else:
        update = mechanical_revision(state)
    update["revision"] = state.get("revision", 0) + 1
    update["timings"] = {"revise": time.perf_counter() - started}
    return update
