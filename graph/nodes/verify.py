"""Check every (claim, cited passage) pair, and record which code ran."""

from __future__ import annotations

import time
from typing import Any

from langgraph.runtime import Runtime

from graph.context import Context
from graph.events import emit
from graph.schemas import Verdict
from graph.state import AnswerState
from tools.citations import check_support


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
    checks = await check_support(
        runtime.context.services.library.embedder,
        [(draft.claims[i].text, passages[key].text) for i, key in pairs],
        code_output(state),
    )
    for (index, key), check in zip(pairs, checks, strict=True):
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
