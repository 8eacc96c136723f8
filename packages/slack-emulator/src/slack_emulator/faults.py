"""Fault switches a test flips, and the rate limits the emulator enforces when asked to.

Every Web API call passes `Faults.verdict` first: invalid auth, a scripted failure, a random 429, or an
over-budget 429 from the token buckets. Each 429 is remembered per key (method, plus the channel for per-channel
limits such as chat.postMessage's ~1/s), so a request that returns before its Retry-After is recorded as
an `EarlyRetry` and refused again, which is what Slack does.
"""

from __future__ import annotations

import math
import random
import time
from dataclasses import dataclass, field

from slack_emulator.records import EarlyRetry, RateLimitHit


@dataclass(frozen=True)
class Budget:
    """A token bucket: `per_second` sustained, `burst` at once, per channel or per method."""

    per_second: float
    burst: int = 1
    per_channel: bool = True


DEFAULT_BUDGETS = {"chat.postMessage": Budget(per_second=1.0, burst=3)}


@dataclass(frozen=True)
class Refusal:
    """What to answer instead of running the method."""

    error: str
    status: int = 200
    retry_after_s: int | None = None


@dataclass
class _ScriptedFailure:
    remaining: int
    refusal: Refusal


@dataclass
class _Bucket:
    tokens: float
    updated: float = field(default_factory=time.monotonic)


class Faults:
    """Switches flipped from tests: fail the next calls, rate-limit a share of calls, invalidate auth.

    Budgets (Slack's real per-method limits) are enforced only once `enforce_rate_limits` is on.
    """

    def __init__(self, *, seed: int = 0, budgets: dict[str, Budget] | None = None) -> None:
        self.auth_invalid = False
        self.enforce_rate_limits = False
        self.budgets = dict(DEFAULT_BUDGETS if budgets is None else budgets)
        self.rate_limit_hits: list[RateLimitHit] = []
        self.early_retries: list[EarlyRetry] = []
        self._failures: dict[str, list[_ScriptedFailure]] = {}
        self._random_limits: dict[str, tuple[float, int]] = {}
        self._buckets: dict[str, _Bucket] = {}
        self._random = random.Random(seed)

    # --- switches ----------------------------------------------------------------------------------------------

    def fail_next(self, method: str, times: int = 1, *, error: str = "internal_error", status: int = 200) -> None:
        """Answer the next `times` calls of `method` with `error` (HTTP `status`, 200 as Slack mostly does)."""
        self._failures.setdefault(method, []).append(_ScriptedFailure(times, Refusal(error, status)))

    def rate_limit(self, method: str, *, fraction: float = 1.0, retry_after_s: int = 1) -> None:
        """Answer 429 + Retry-After to `fraction` of the calls of `method` (seeded, so runs repeat)."""
        self._random_limits[method] = (fraction, retry_after_s)

    def stop_rate_limiting(self, method: str | None = None) -> None:
        if method is None:
            self._random_limits.clear()
        else:
            self._random_limits.pop(method, None)

    def clear(self) -> None:
        """Every switch off; the records stay."""
        self.auth_invalid = False
        self._failures.clear()
        self._random_limits.clear()

    # --- the check every call goes through ---------------------------------------------------------------------

    def verdict(self, method: str, channel: str | None) -> Refusal | None:
        now = time.monotonic()
        key = self._key(method, channel)
        early = self._early(method, key, now)
        if early is not None:
            return early
        if self.auth_invalid:
            return Refusal("invalid_auth")
        scripted = self._scripted(method)
        if scripted is not None:
            return scripted
        retry_after = self._random_limit(method)
        if retry_after is None and self.enforce_rate_limits:
            retry_after = self._over_budget(method, key, now)
        if retry_after is None:
            return None
        self.rate_limit_hits.append(RateLimitHit(method, key, now, retry_after))
        return Refusal("ratelimited", 429, retry_after)

    def _key(self, method: str, channel: str | None) -> str:
        budget = self.budgets.get(method)
        per_channel = budget.per_channel if budget else True
        return f"{method}:{channel}" if per_channel and channel else method

    def _early(self, method: str, key: str, now: float) -> Refusal | None:
        last = next((hit for hit in reversed(self.rate_limit_hits) if hit.key == key), None)
        if last is None or now >= last.allowed_at:
            return None
        self.early_retries.append(EarlyRetry(method, key, now, last.allowed_at, refused_at=last.at))
        return Refusal("ratelimited", 429, max(1, math.ceil(last.allowed_at - now)))

    def _scripted(self, method: str) -> Refusal | None:
        queue = self._failures.get(method)
        if not queue:
            return None
        failure = queue[0]
        failure.remaining -= 1
        if failure.remaining <= 0:
            queue.pop(0)
        return failure.refusal

    def _random_limit(self, method: str) -> int | None:
        setting = self._random_limits.get(method)
        if setting is None or self._random.random() >= setting[0]:
            return None
        return setting[1]

    def _over_budget(self, method: str, key: str, now: float) -> int | None:
        budget = self.budgets.get(method)
        if budget is None:
            return None
        bucket = self._buckets.setdefault(key, _Bucket(float(budget.burst), now))
        bucket.tokens = min(float(budget.burst), bucket.tokens + (now - bucket.updated) * budget.per_second)
        bucket.updated = now
        if bucket.tokens >= 1.0:
            bucket.tokens -= 1.0
            return None
        return max(1, math.ceil((1.0 - bucket.tokens) / budget.per_second))
