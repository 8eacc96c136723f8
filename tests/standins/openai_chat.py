"""Loopback stand-in for an OpenAI-compatible ``POST /v1/chat/completions`` (and ``GET /v1/models``).

Deterministic, so unit tests can assert on exact values:

- the reply is ``echo: <last user message>``; with a ``response_format`` carrying a schema it is the
  smallest JSON document the schema admits (first enum value, required properties, empty arrays…);
- usage counts words: prompt = words in every message, completion = words in the reply;
- ``max_completion_tokens`` or ``max_tokens`` cut the reply to that many words, ``finish_reason="length"``.

It checks the request the way OpenAI does where it matters here: a ``Bearer`` key (401 otherwise, with
OpenAI's message that quotes part of the key), ``model`` and ``messages`` present, ``json_schema`` with a
``name`` and ``schema``. ``requests`` is a log of every request, faulted ones too; ``fail_next`` answers
the next requests with an error status (``retry-after-ms: 1``, so the openai client's retries do not
sleep); ``stall_next`` delays answers to provoke client timeouts.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tests.standins.http import LoopbackServer, QuietHandler

Json = dict[str, Any]


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    body: Any  # parsed JSON, or None
    authorization: str | None


class _Fail(Exception):
    def __init__(self, status: int, message: str, kind: str = "invalid_request_error") -> None:
        super().__init__(message)
        self.status, self.message, self.kind = status, message, kind


def example_for(schema: Any) -> Any:
    """The smallest JSON value the schema admits (enough of JSON Schema for our tests)."""
    if not isinstance(schema, dict):
        return None
    if "const" in schema or "enum" in schema:
        return schema.get("const", (schema.get("enum") or [None])[0])
    alternatives = schema.get("anyOf") or schema.get("oneOf")
    if alternatives:
        return example_for(alternatives[0])
    kind = schema.get("type")
    kind = kind[0] if isinstance(kind, list) else kind
    if kind == "object" or "properties" in schema:
        return {name: example_for(sub) for name, sub in schema.get("properties", {}).items()}
    if kind == "array":
        return [example_for(schema.get("items", {}))] * int(schema.get("minItems", 0))
    return {"string": "x", "integer": 0, "number": 0.5, "boolean": True, "null": None}.get(str(kind), "x")


def _words(text: str) -> int:
    return len(text.split())


class OpenAIChatStandIn(LoopbackServer):
    """See the module docstring. Use as a context manager; point ``base_url`` at ``.url``."""

    url_path = "/v1"
    methods = ("GET", "POST")
    daemon_threads = True  # a stalled answer must not hold up stop()

    def __init__(self, *, api_key: str | None = "sk-test-standin") -> None:
        self.api_key = api_key
        self._lock = threading.Lock()
        self._log: list[RecordedRequest] = []
        self._faults: list[int] = []
        self._stalls: list[float] = []
        self._routes: dict[tuple[str, str], Callable[[Any], Json]] = {
            ("POST", "/v1/chat/completions"): self._chat,
            ("GET", "/v1/models"): self._models,
        }

    def _answer(self, request: QuietHandler) -> tuple[int, dict[str, str], bytes]:
        authorization = request.headers.get("Authorization")
        status, body, headers = self._dispatch(request.command, request.path, request.body(), authorization)
        return status, {"Content-Type": "application/json", **headers}, body

    @property
    def requests(self) -> list[RecordedRequest]:
        with self._lock:
            return list(self._log)

    def chat_bodies(self) -> list[Json]:
        """The JSON bodies of every chat-completions request so far."""
        return [r.body for r in self.requests if r.path == "/v1/chat/completions"]

    def fail_next(self, status: int, times: int = 1) -> None:
        if not 400 <= status <= 599:
            raise ValueError("status must be an HTTP error status")
        with self._lock:
            self._faults.extend([status] * times)

    def stall_next(self, seconds: float, times: int = 1) -> None:
        with self._lock:
            self._stalls.extend([seconds] * times)

    def _dispatch(
        self, method: str, path: str, raw: bytes, authorization: str | None
    ) -> tuple[int, bytes, dict[str, str]]:
        try:
            body = json.loads(raw) if raw else None
        except json.JSONDecodeError:
            body = None
        with self._lock:
            self._log.append(RecordedRequest(method, path, body, authorization))
            fault = self._faults.pop(0) if self._faults else None
            stall = self._stalls.pop(0) if self._stalls else 0.0
        time.sleep(stall)
        try:
            if fault is not None:
                raise _Fail(
                    fault, f"stand-in fault {fault}", "server_error" if fault >= 500 else "invalid_request_error"
                )
            self._authorize(authorization)
            route = self._routes.get((method, path))
            if route is None:
                raise _Fail(404, f"no route {method} {path}")
            return 200, json.dumps(route(body)).encode(), {}
        except _Fail as failure:
            error = {"error": {"message": failure.message, "type": failure.kind, "param": None, "code": None}}
            return failure.status, json.dumps(error).encode(), {"retry-after-ms": "1"}

    def _authorize(self, authorization: str | None) -> None:
        if self.api_key is None or authorization == f"Bearer {self.api_key}":
            return
        given = (authorization or "").removeprefix("Bearer ")
        masked = f"{given[:3]}*****{given[-4:]}" if len(given) > 8 else "(none)"
        raise _Fail(401, f"Incorrect API key provided: {masked}. You can find your API key at …", "invalid_api_key")

    def _models(self, _body: Any) -> Json:
        return {"object": "list", "data": [{"id": "standin-model", "object": "model", "owned_by": "standin"}]}

    def _chat(self, body: Any) -> Json:
        if not isinstance(body, dict) or not body.get("model") or not isinstance(body.get("messages"), list):
            raise _Fail(400, "model and messages are required")
        reply = self._reply(body)
        limit = body.get("max_completion_tokens") or body.get("max_tokens")
        words = reply.split(" ")
        finish = "stop"
        if isinstance(limit, int) and len(words) > limit:
            reply, finish = " ".join(words[:limit]), "length"
        prompt_tokens = sum(_words(str(m.get("content", ""))) for m in body["messages"])
        return {
            "id": f"chatcmpl-standin-{len(self._log)}",
            "object": "chat.completion",
            "created": 1_700_000_000,
            "model": body["model"],
            "choices": [{"index": 0, "message": {"role": "assistant", "content": reply}, "finish_reason": finish}],
            "usage": {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": _words(reply),
                "total_tokens": prompt_tokens + _words(reply),
            },
        }

    def _reply(self, body: Json) -> str:
        response_format = body.get("response_format") or {"type": "text"}
        kind = response_format.get("type")
        if kind == "json_schema":
            spec = response_format.get("json_schema")
            if not isinstance(spec, dict) or not spec.get("name") or "schema" not in spec:
                raise _Fail(400, "response_format.json_schema needs a name and a schema")
            return json.dumps(example_for(spec["schema"]))
        if kind == "json_object":
            return json.dumps(example_for(response_format.get("schema", {"type": "object"})))
        if kind != "text":
            raise _Fail(400, f"unknown response_format type {kind!r}")
        users = [m for m in body["messages"] if m.get("role") == "user"]
        return f"echo: {users[-1]['content'] if users else ''}"
