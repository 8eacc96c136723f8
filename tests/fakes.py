"""The one protocol-level fake: a chat model that replays a script and records what it was asked.

Like simonw/llm's MockModel: queue replies (text, a dict for JSON output, or an exception to
raise), run the code under test, then assert on ``requests``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from tools.models import ZERO_SHOT, ChatModel, ModelEntry
from tools.models.protocol import ChatRequest, ChatResult, Usage

Reply = str | dict[str, Any] | Exception


@dataclass
class ScriptedModel:
    model_name: str = "scripted"
    replies: list[Reply] = field(default_factory=list)
    requests: list[ChatRequest] = field(default_factory=list)
    responder: Callable[[ChatRequest], Reply] | None = None  # answers once the queue is empty

    @property
    def name(self) -> str:
        return self.model_name

    def queue(self, *replies: Reply) -> ScriptedModel:
        self.replies.extend(replies)
        return self

    async def complete(self, request: ChatRequest) -> ChatResult:
        self.requests.append(request)
        if self.replies:
            reply = self.replies.pop(0)
        elif self.responder is not None:
            reply = self.responder(request)
        else:
            raise AssertionError(f"{self.model_name!r} has no reply left for request {len(self.requests)}")
        if isinstance(reply, Exception):
            raise reply
        text = json.dumps(reply) if isinstance(reply, dict) else reply
        prompt_tokens = sum(len(m["content"].split()) for m in request.messages)
        usage = Usage(prompt_tokens, len(text.split()))
        return ChatResult(text=text, model=self.model_name, usage=usage, latency_s=0.01)

    def prompts(self) -> Iterable[str]:
        return ("\n".join(m["content"] for m in r.messages) for r in self.requests)


def votes_then_writes(evidence: str, sentence: str) -> Callable[[ChatRequest], Reply]:
    """A tiny model that votes ``evidence`` when asked whether the passages suffice, and else writes ``sentence``."""

    def respond(request: ChatRequest) -> Reply:
        properties = (request.json_schema or {}).get("properties", {})
        return {"evidence": evidence} if "evidence" in properties else {"sentence": sentence}

    return respond


def scripted_entry(name: str, *, writes_prose: bool) -> ModelEntry:
    return ModelEntry(
        name=name,
        backend="openai",
        model_id=name,
        base_url="http://127.0.0.1:9/v1",
        writes_prose=writes_prose,
        writes_code=writes_prose,
        context_tokens=8192,
    )


@dataclass
class ScriptedModels:
    """A ModelSource serving scripted models under registry-like entries."""

    models: dict[str, tuple[ModelEntry, ScriptedModel]] = field(default_factory=dict)

    def add(self, model: ScriptedModel, *, writes_prose: bool) -> ScriptedModel:
        self.models[model.name] = (scripted_entry(model.name, writes_prose=writes_prose), model)
        return model

    def entry(self, name: str) -> ModelEntry:
        return self.models[name][0]

    def default(self) -> str:
        return ZERO_SHOT

    def chat(self, name: str) -> ChatModel:
        return self.models[name][1]

    async def aclose(self) -> None:
        return None
