"""Check every (claim, cited passage) pair, and record which code ran."""

from __future__ import annotations

import time
from typing import Any

from langgraph.runtime import Runtime

from graph.context import Context
from graph.events import emit
from graph.schemas import Claim, Verdict
from graph.state import AnswerState
from tools.citations import RELEVANCE_THRESHOLD, check_support, relevance
from tools.embeddings import Embedder


def code_output(state: AnswerState) -> str:
    return "\n".join(run.stdout for run in state.get("runs", []) if run.ok)


async def verify(state: AnswerState, runtime: Runtime[Context]) -> dict[str, Any]:
    started = time.perf_counter()
    draft = state.get("draft")
    if draft is None:
        return {"verdicts": []}
    emit(runtime, "checking citations", f"{sum(len(c.citations) for c in draft.claims)} citation(s)")
    passages = {p.key: p for p in state.get("passages", [])}
    verdicts: list[Verdict] = []
    pairs: list[tuple[int, str]] = []
    for index, claim in enumerate(draft.claims):
        for key in claim.citations:
            if key in passages and passages[key].retraction:
                reason = f"the paper was retracted ({passages[key].retraction})"
                verdicts.append(Verdict(claim=index, passage=key, verdict="unsupported", reason=reason))
            elif key in passages:
                pairs.append((index, key))
            else:
                reason = "cites a passage that was not retrieved for this answer"
                verdicts.append(Verdict(claim=index, passage=key, verdict="unknown_source", reason=reason))
    embedder = runtime.context.services.library.embedder
    off_topic = await off_topic_claims(embedder, state, [draft.claims[i] for i, _ in pairs])
    checks = await check_support(
        embedder,
        [(draft.claims[i].text, passages[key].text) for i, key in pairs],
        code_output(state),
    )
    for (index, key), check, away in zip(pairs, checks, off_topic, strict=True):
        if away is not None:
            reason = f"it does not answer the question (similarity to the question {away:.2f})"
            verdicts.append(Verdict(claim=index, passage=key, verdict="unsupported", reason=reason))
            continue
        verdicts.append(
            Verdict(
                claim=index,
                passage=key,
                verdict="supported" if check.supported else "unsupported",
                support=round(check.support, 4),
                overlap=round(check.overlap, 4),
                reason=check.reason(),
            )
        )
    verdicts.sort(key=lambda v: (v.claim, v.passage))
    return {"verdicts": verdicts, "timings": {"verify": time.perf_counter() - started}}


async def off_topic_claims(embedder: Embedder, state: AnswerState, claims: list[Claim]) -> list[float | None]:
    """A quoted or model-written claim's similarity to the question when it is too low to answer it; None for
    claims on topic and for the recipe's own statements (they describe the analysis that ran)."""
    question = state.get("retrieval_query") or state["question"]
    scores = await relevance(embedder, question, [claim.text for claim in claims])
    return [
        score if claim.origin in ("passage", "model") and score < RELEVANCE_THRESHOLD else None
        for claim, score in zip(claims, scores, strict=True)
    ]
