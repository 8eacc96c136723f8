"""Draft the answer: quoted evidence for the embedded model, free prose for a capable one."""

from __future__ import annotations

import time
from typing import Any

from langgraph.runtime import Runtime

from graph.context import Context
from graph.events import emit
from graph.nodes.extractive import extractive_draft
from graph.nodes.generative import generative_draft
from graph.state import AnswerState
from tools.models.protocol import ModelError


async def draft(state: AnswerState, runtime: Runtime[Context]) -> dict[str, Any]:
    started = time.perf_counter()
    emit(runtime, "drafting")
    context = runtime.context
    update: dict[str, Any]
    if context.services.models.entry(context.model).writes_prose:
        try:
            update = await generative_draft(state, context)
        except ModelError as error:
            update = await extractive_draft(state, context)
            update["notes"] = [f"The model {context.model} failed ({error}); the answer quotes the sources instead."]
    else:
        update = await extractive_draft(state, context)
    update["timings"] = {"draft": time.perf_counter() - started}
    return update
