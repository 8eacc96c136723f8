"""A capable model's draft: free prose and code under the Draft schema, checked like everything else."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from langchain_core.messages import AIMessage, HumanMessage

from graph.calls import Reply, ask
from graph.context import Context
from graph.nodes.extractive import declined_claims
from graph.prompts import draft_messages, draft_schema, revise_messages
from graph.schemas import AnalysisReport, Claim, CodeBlock, CodePlan, Draft, Passage
from graph.state import AnswerState
from tools.injection import looks_like_instruction, names_identifier_outside

DRAFT_TOKENS = 1500


def history(state: AnswerState, turns: int = 2) -> str:
    """The last exchanges of the thread, so a follow-up can refer back."""
    lines = []
    for message in state.get("messages", [])[:-1][-2 * turns :]:
        who = "User" if isinstance(message, HumanMessage) else "labbot" if isinstance(message, AIMessage) else "?"
        lines.append(f"{who}: {str(message.content)[:600]}")
    return "\n".join(lines)


def draft_from_reply(
    reply: Reply, plan: CodePlan | None, analysis: AnalysisReport | None = None, sources: str = ""
) -> tuple[Draft, list[str]]:
    """Parse the model's JSON into a Draft; drop claims that carry instructions or name a PMID, DOI or arXiv id
    that is not in ``sources`` (the passages the model saw: a made-up reference).

    The request contract holds for a model that writes code: when a vetted recipe computes what was asked,
    that recipe runs first and decides the analysis (the model's own code may follow, labelled as such);
    when the analysis was declined, the model's code does not run in its place."""
    data = reply.data if isinstance(reply.data, dict) else {}
    notes: list[str] = []
    claims = []
    for raw in data.get("claims", []):
        claim = Claim(section=raw["section"], text=str(raw["text"]), citations=list(raw.get("citations", [])))
        if looks_like_instruction(claim.text) or names_identifier_outside(claim.text, sources):
            notes.append("A drafted sentence that repeated instructions or links from a source was removed.")
            continue
        claims.append(claim)
    written = [
        CodeBlock(source=str(c["source"]), purpose=f"{c.get('purpose') or 'analysis'} (model-written, not vetted)")
        for c in data.get("code", [])
    ]
    code: list[CodeBlock] = []
    if plan is not None:
        code = [CodeBlock(source=plan.source, purpose=plan.title, recipe=plan.recipe), *written]
    elif analysis is not None and analysis.status == "declined" and written:
        notes.append("The model wrote code for the analysis that was declined; it is not vetted and did not run.")
    else:
        code = written
    return Draft(claims=claims, code=code, insufficient_evidence=bool(data.get("insufficient_evidence"))), notes


def _schema(context: Context, passages: Sequence[Passage], stage: str) -> dict[str, object]:
    entry = context.services.models.entry(context.model_for(stage))
    return draft_schema([p.key for p in passages], with_code=entry.writes_code)


async def generative_draft(state: AnswerState, context: Context) -> dict[str, Any]:
    passages = state.get("passages", [])
    messages = draft_messages(state["question"], passages, history(state))
    reply = await ask(context, "draft", messages, _schema(context, passages, "draft"), max_tokens=DRAFT_TOKENS)
    draft, notes = draft_from_reply(reply, state.get("plan"), state.get("analysis"), " ".join(p.text for p in passages))
    draft = draft.model_copy(update={"claims": declined_claims(state) + draft.claims})
    return {"draft": draft, "calls": [reply.call], "notes": notes}


async def generative_revision(state: AnswerState, context: Context, feedback: list[str]) -> dict[str, Any]:
    passages = state.get("passages", [])
    previous = state["draft"]
    assert previous is not None, "revise follows a draft"
    messages = revise_messages(state["question"], passages, previous.model_dump_json(), feedback)
    reply = await ask(context, "revise", messages, _schema(context, passages, "revise"), max_tokens=DRAFT_TOKENS)
    draft, notes = draft_from_reply(reply, state.get("plan"), state.get("analysis"), " ".join(p.text for p in passages))
    return {"draft": draft, "calls": [reply.call], "notes": notes}
