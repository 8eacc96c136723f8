"""What the emulator remembers for tests to assert on: calls, limit violations, rate limits, event deliveries."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any, Literal

Json = dict[str, Any]
Transport = Literal["socket_mode", "http"]
EnvelopeKind = Literal["events_api", "slash_commands", "interactive"]


@dataclass(frozen=True)
class RecordedCall:
    """One Web API request as the emulator parsed it, faulted and rejected ones included."""

    method: str
    args: Json
    token: str | None
    at: float  # time.monotonic(), comparable with the other records
    status: int
    response: Json

    @property
    def ok(self) -> bool:
        return bool(self.response.get("ok"))


@dataclass(frozen=True)
class Violation:
    """A message the bot sent that Slack would refuse (invalid_blocks, msg_too_long…)."""

    method: str
    error: str
    messages: tuple[str, ...]
    args: Json


@dataclass(frozen=True)
class RateLimitHit:
    """A 429 the emulator answered; the client must not come back to `key` before `allowed_at`."""

    method: str
    key: str
    at: float
    retry_after_s: int

    @property
    def allowed_at(self) -> float:
        return self.at + self.retry_after_s


IN_FLIGHT_S = 0.05


@dataclass(frozen=True)
class EarlyRetry:
    """A request that came back to a rate-limited key before its Retry-After had elapsed."""

    method: str
    key: str
    at: float
    allowed_at: float
    refused_at: float = 0.0  # when the 429 it ignored was answered

    @property
    def too_early_by_s(self) -> float:
        return self.allowed_at - self.at

    @property
    def in_flight(self) -> bool:
        """Sent before its client could have read the 429 (within 50 ms of it): concurrent, not a retry."""
        return self.at - self.refused_at < IN_FLIGHT_S


@dataclass
class Attempt:
    """One try at delivering an event: an HTTP POST or a Socket Mode envelope."""

    number: int  # 0 for the first delivery, then X-Slack-Retry-Num / retry_attempt
    retry_reason: str | None
    sent_at: float = field(default_factory=time.monotonic)
    envelope_id: str | None = None  # Socket Mode only
    status: int | None = None  # HTTP only; None when the bot did not answer in time or at all
    latency_s: float | None = None
    response_body: str | None = None
    error: str | None = None
    no_retry: bool = False  # HTTP only: the bot answered X-Slack-No-Retry: 1
    acked: bool = False
    ack_payload: Json | None = None  # Socket Mode: the payload the bot put in its ack


@dataclass
class EventDelivery:
    """An event, slash command or interaction on its way to the bot, with every attempt made so far."""

    kind: EnvelopeKind
    payload: Json
    transport: Transport
    event_id: str | None = None
    attempts: list[Attempt] = field(default_factory=list)
    _acked: asyncio.Event = field(default_factory=asyncio.Event, repr=False)

    @property
    def acked(self) -> bool:
        return self._acked.is_set()

    @property
    def ack(self) -> Attempt | None:
        return next((attempt for attempt in self.attempts if attempt.acked), None)

    def mark_acked(self, attempt: Attempt, payload: Json | None = None) -> None:
        attempt.acked = True
        attempt.ack_payload = payload
        attempt.latency_s = time.monotonic() - attempt.sent_at
        self._acked.set()

    async def wait_acked(self, timeout_s: float = 5.0) -> Attempt:
        """The attempt the bot acknowledged; TimeoutError when none was within `timeout_s`."""
        await asyncio.wait_for(self._acked.wait(), timeout_s)
        attempt = self.ack
        assert attempt is not None
        return attempt


@dataclass(frozen=True)
class RetryPolicy:
    """Slack's redelivery of unacknowledged events: at once (after the 3 s deadline), then ~1 min, then ~5 min.

    Tests shrink `delays_s` and `ack_timeout_s`; `max_retries=0` turns redelivery off.
    """

    ack_timeout_s: float = 3.0
    delays_s: tuple[float, ...] = (0.0, 60.0, 300.0)
    max_retries: int = 3

    def delay_before(self, retry_number: int) -> float:
        index = min(retry_number - 1, len(self.delays_s) - 1)
        return self.delays_s[index] if self.delays_s else 0.0
