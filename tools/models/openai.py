"""The ``openai`` backend: any OpenAI-compatible chat-completions server through ``openai.AsyncOpenAI``.

Servers differ in two ways that matter here, both set per registry entry:

- structured output: OpenAI and vLLM take ``{"type": "json_schema", "json_schema": {...}}``;
  llama-cpp-python's server answers that with HTTP 500 and takes ``{"type": "json_object", "schema": {...}}``.
- the token limit: OpenAI wants ``max_completion_tokens``; llama-cpp-python's server silently ignores it
  and honours only ``max_tokens``.

Every failure becomes a ModelError whose message names the entry, the server and what to do, and never
contains the API key (OpenAI's 401 body echoes part of it, so auth errors do not quote the server).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any, Literal, cast

import openai
from openai import AsyncOpenAI
from openai.types.chat import ChatCompletion, ChatCompletionMessageParam
from openai.types.chat.completion_create_params import ResponseFormat

from tools.models.pricing import Prices, cost_usd
from tools.models.protocol import ChatRequest, ChatResult, ModelError, Usage

StructuredOutput = Literal["json_schema", "json_object"]
TokenLimitParam = Literal["max_completion_tokens", "max_tokens"]
_MAX_SERVER_MESSAGE = 300
_REDACTED = "[redacted]"


def response_format_for(request: ChatRequest, mode: StructuredOutput) -> dict[str, Any] | None:
    """The ``response_format`` that makes this server constrain its output to the request's schema."""
    if request.json_schema is None:
        return None
    schema = dict(request.json_schema)
    if mode == "json_object":
        return {"type": "json_object", "schema": schema}  # llama-cpp-python's extension
    return {"type": "json_schema", "json_schema": {"name": request.schema_name, "schema": schema, "strict": True}}


class OpenAIChatModel:
    """A ChatModel over one model id on one OpenAI-compatible server."""

    def __init__(
        self,
        name: str,
        model_id: str,
        client: AsyncOpenAI,
        *,
        structured_output: StructuredOutput = "json_schema",
        token_limit_param: TokenLimitParam = "max_completion_tokens",
        prices: Prices | None = None,
    ) -> None:
        self._name = name
        self.model_id = model_id
        self.client = client
        self.structured_output = structured_output
        self.token_limit_param = token_limit_param
        self.prices: Prices = prices or {}

    @property
    def name(self) -> str:
        return self._name

    async def aclose(self) -> None:
        """Close the HTTP connection pool."""
        await self.client.close()

    def request_body(self, request: ChatRequest) -> dict[str, Any]:
        """The keyword arguments of ``chat.completions.create`` for this request on this server."""
        body: dict[str, Any] = {
            "model": self.model_id,
            "messages": cast(list[ChatCompletionMessageParam], [dict(m) for m in request.messages]),
            "temperature": request.temperature,
            self.token_limit_param: request.max_tokens,
        }
        if request.seed is not None:
            body["seed"] = request.seed
        if request.stop:
            body["stop"] = list(request.stop)
        response_format = response_format_for(request, self.structured_output)
        if response_format is not None:
            body["response_format"] = cast(ResponseFormat, response_format)
        return body

    async def complete(self, request: ChatRequest) -> ChatResult:
        started = time.perf_counter()
        try:
            response: ChatCompletion = await self.client.chat.completions.create(**self.request_body(request))
        except openai.OpenAIError as exc:
            # from None: the original exception's text may quote the server, and with it part of the key
            raise ModelError(self._redact(self._describe(exc, request))) from None
        latency = time.perf_counter() - started
        return self._result(response, latency)

    def _result(self, response: ChatCompletion, latency: float) -> ChatResult:
        if not response.choices:
            raise ModelError(f"{self._name}: {self._server} answered without any choices")
        choice = response.choices[0]
        if choice.message.refusal:
            raise ModelError(f"{self._name} refused: {choice.message.refusal}")
        usage = Usage(response.usage.prompt_tokens, response.usage.completion_tokens) if response.usage else Usage()
        return ChatResult(
            text=choice.message.content or "",
            model=self._name,
            usage=usage,
            latency_s=latency,
            cost_usd=cost_usd(self.model_id, usage, self.prices),
            finish_reason=choice.finish_reason,
        )

    @property
    def _server(self) -> str:
        return str(self.client.base_url).rstrip("/")

    def _describe(self, exc: openai.OpenAIError, request: ChatRequest) -> str:
        where = f"{self._name} ({self.model_id} at {self._server})"
        attempts = f"{self.client.max_retries + 1} attempt(s)"
        if isinstance(exc, openai.APITimeoutError):
            return (
                f"{where}: no answer within {self.client.timeout} s after {attempts}; "
                "check the server or raise LABBOT_MODELS__REQUEST_TIMEOUT_S"
            )
        if isinstance(exc, openai.APIConnectionError):
            cause = exc.__cause__ or exc.__context__
            detail = f"{type(cause).__name__}: {cause}" if cause else str(exc)
            return f"{where}: cannot connect after {attempts} ({detail}); is the server running at that URL?"
        if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
            return f"{where}: the server rejected the API key (HTTP {exc.status_code}); check OPENAI_API_KEY"
        if isinstance(exc, openai.APIStatusError):
            retried = f" after {attempts}" if exc.status_code >= 500 or exc.status_code in (408, 409, 429) else ""
            hint = self._hint(exc.status_code, request)
            return f"{where}: HTTP {exc.status_code}{retried}: {_server_message(exc)}{hint}"
        return f"{where}: {type(exc).__name__}: {exc}"

    def _hint(self, status: int, request: ChatRequest) -> str:
        if status == 404:
            return " (is model_id right for this server?)"
        if status == 500 and request.json_schema is not None and self.structured_output == "json_schema":
            return (
                " (llama-cpp-python's server answers 500 to response_format json_schema: "
                "if this is one, set structured_output to json_object for this entry)"
            )
        return ""

    def _redact(self, message: str) -> str:
        key = self.client.api_key
        return message.replace(key, _REDACTED) if key else message


def _server_message(exc: openai.APIStatusError) -> str:
    body = exc.body
    message = body.get("message") if isinstance(body, Mapping) else None
    text = " ".join(str(message if message else exc.message).split())  # servers may send a multi-line traceback
    return text if len(text) <= _MAX_SERVER_MESSAGE else text[:_MAX_SERVER_MESSAGE] + "…"
