"""Slack's Retry-After, honoured by every worker: a 429 to one request holds back all calls to that key.

slack_sdk's rate-limit handler makes the refused request wait, but the other jobs (and workers)
posting to the same channel know nothing of it and would call again too early. Here the wait is
kept in Redis, keyed by method and channel (Slack limits posting per channel, most other methods
per workspace), and every call waits for it first.
"""

from __future__ import annotations

import asyncio
import random
from contextvars import ContextVar
from typing import Any
from urllib.parse import urlparse

from redis.asyncio import Redis
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.web.async_slack_response import AsyncSlackResponse

from bot import keys

JITTER_S = 0.1  # spreads the callers that were waiting on one key


class SharedRetryAfter:
    def __init__(self, redis: Redis) -> None:
        self.redis = redis

    @staticmethod
    def key(method: str, channel: str | None) -> str:
        return keys.retry_after(method, channel)

    async def hold(self, method: str, channel: str | None, seconds: float) -> None:
        key = self.key(method, channel)
        remaining_ms = await self.redis.pttl(key)
        wait_ms = int(seconds * 1000)
        if wait_ms > remaining_ms:
            await self.redis.set(key, "1", px=wait_ms)

    async def wait(self, method: str, channel: str | None) -> None:
        key = self.key(method, channel)
        # the wait lives in Redis, set by other processes: there is no local event to wait on
        while (remaining_ms := await self.redis.pttl(key)) > 0:  # noqa: ASYNC110
            await asyncio.sleep(remaining_ms / 1000 + random.uniform(0, JITTER_S))


# slack_sdk hands its retry handlers the URL but not a JSON body, so the call's channel rides along here
_calling_channel: ContextVar[str | None] = ContextVar("labbot_slack_channel", default=None)


def _method(request: HttpRequest) -> str:
    return urlparse(request.url).path.rstrip("/").rsplit("/", 1)[-1]


class SharedRateLimitRetryHandler(AsyncRetryHandler):
    """Retries a 429 after its Retry-After, and tells every other caller of that key to wait as long."""

    def __init__(self, shared: SharedRetryAfter, max_retry_count: int) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self.shared = shared

    async def _can_retry_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        return response is not None and response.status_code == 429

    async def prepare_for_next_attempt_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> None:
        if response is None:
            raise error or RuntimeError("a retry without a response")
        headers = {name.lower(): values for name, values in response.headers.items()}
        retry_after = float((headers.get("retry-after") or ["1"])[0])
        method, channel = _method(request), _calling_channel.get()
        await self.shared.hold(method, channel, retry_after)
        await self.shared.wait(method, channel)
        state.next_attempt_requested = True
        state.increment_current_attempt()


class PacedWebClient(AsyncWebClient):
    """An AsyncWebClient whose every call first waits out a Retry-After another caller received."""

    def __init__(self, *, shared: SharedRetryAfter, max_retries: int, **options: Any) -> None:
        super().__init__(**options)
        self.shared = shared
        self.retry_handlers.append(SharedRateLimitRetryHandler(shared, max_retries))

    async def api_call(self, api_method: str, **arguments: Any) -> AsyncSlackResponse:
        payload = arguments.get("json") or arguments.get("params") or arguments.get("data") or {}
        found = payload.get("channel") or payload.get("channel_id") if isinstance(payload, dict) else None
        channel = str(found) if found else None
        await self.shared.wait(api_method, channel)
        token = _calling_channel.set(channel)
        try:
            return await super().api_call(api_method, **arguments)
        finally:
            _calling_channel.reset(token)
