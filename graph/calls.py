"""One way to call a model: records usage, parses constrained JSON, never hides failures."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from graph.context import Context
from graph.schemas import ModelCall
from tools.models.protocol import ChatRequest, Message, ModelError


@dataclass(frozen=True, slots=True)
class Reply:
    text: str
    data: Any  # parsed JSON when a schema was given, else None
    call: ModelCall


class BadModelOutput(ModelError):
    """The model answered, but not in the shape the schema demands (a grammar should prevent this)."""


async def ask(
    context: Context,
    stage: str,
    messages: Sequence[Message],
    schema: Mapping[str, Any] | None = None,
    max_tokens: int = 256,
    model: str | None = None,
) -> Reply:
    name = model or context.model_for(stage)
    chat = context.services.models.chat(name)
    result = await chat.complete(ChatRequest(messages=messages, max_tokens=max_tokens, json_schema=schema))
    call = ModelCall(
        stage=stage,
        model=result.model,
        prompt_tokens=result.usage.prompt_tokens,
        completion_tokens=result.usage.completion_tokens,
        latency_s=round(result.latency_s, 4),
        cost_usd=result.cost_usd,
    )
    data = None
    if schema is not None:
        try:
            data = json.loads(result.text)
        except json.JSONDecodeError as error:
            raise BadModelOutput(f"{name} returned invalid JSON at {stage}: {error.msg}") from error
    return Reply(text=result.text, data=data, call=call)
