"""One chat interface on the OpenAI chat-completions shape, for every backend."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from typing_extensions import TypedDict  # pydantic validates it on Python 3.11 (training examples hold messages)


class Message(TypedDict):
    role: Literal["system", "user", "assistant"]
    content: str


@dataclass(frozen=True, slots=True)
class ChatRequest:
    messages: Sequence[Message]
    max_tokens: int = 512
    temperature: float = 0.0
    json_schema: Mapping[str, Any] | None = None  # when set, the output is constrained to this JSON schema
    schema_name: str = "output"
    seed: int | None = 0
    stop: Sequence[str] = ()


@dataclass(frozen=True, slots=True)
class Usage:
    prompt_tokens: int = 0
    completion_tokens: int = 0

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


@dataclass(frozen=True, slots=True)
class ChatResult:
    text: str
    model: str  # the registry entry that answered
    usage: Usage = field(default_factory=Usage)
    latency_s: float = 0.0
    cost_usd: float = 0.0
    finish_reason: str | None = None


class ModelError(RuntimeError):
    """A backend failed in a way the caller should report (server down, bad adapter, refusal)."""


class ChatModel(Protocol):
    @property
    def name(self) -> str:
        """The registry entry name (``zero-shot``, ``ft-lab``…), recorded with every call."""
        ...

    async def complete(self, request: ChatRequest) -> ChatResult: ...
