"""What a digest subscription is, and the store that keeps subscriptions, claims and sent papers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, Protocol

from bot.digests.schedule import Schedule

PostStatus = Literal["claimed", "posted"]
PaperKind = Literal["sent", "known"]  # known: in the library before the subscription began


class TooManySubscriptions(Exception):
    """The channel already has as many subscriptions as settings allow."""


@dataclass(frozen=True, slots=True)
class Subscription:
    id: str
    channel: str
    query: str
    schedule: Schedule
    creator: str
    created: datetime  # UTC
    last_period: str | None = None  # key of the last period whose digest was posted
    last_run: datetime | None = None  # when that digest was made (UTC): the next one covers what came after
    baselined: bool = False  # the library's papers at subscription time are recorded as known


@dataclass(frozen=True, slots=True)
class DigestPost:
    """One (subscription, period): claimed before any work, posted once; the plan makes a rerun post the same."""

    subscription_id: str
    period: str
    status: PostStatus
    claimed_at: datetime  # wall clock of the first claim: where a rerun starts looking in the channel
    plan: str | None = None  # the rendered digest (JSON), saved before posting
    message_ts: str | None = None


class SubscriptionStore(Protocol):
    async def add(self, subscription: Subscription, limit: int) -> None:
        """Raises TooManySubscriptions when the channel already has ``limit``."""
        ...

    async def get(self, subscription_id: str) -> Subscription | None: ...

    async def subscriptions(self, channel: str | None = None) -> list[Subscription]:
        """Every subscription (of one channel), oldest first."""
        ...

    async def remove(self, channel: str, subscription_id: str) -> bool:
        """Only from its own channel; True if it existed there."""
        ...

    async def record_known(self, subscription_id: str, paper_ids: Sequence[str]) -> None:
        """The library's matching papers when the subscription began: never reported as new."""
        ...

    async def seen_papers(self, subscription_id: str) -> set[str]:
        """Papers sent in earlier digests or known at the start: never reported again."""
        ...

    async def claim(self, subscription_id: str, period: str, now: datetime) -> DigestPost:
        """The period's row, created on first call; every later call returns the same row."""
        ...

    async def save_plan(self, subscription_id: str, period: str, plan: str) -> DigestPost:
        """Keeps the first plan saved (a rerun racing a slow first run posts the same digest)."""
        ...

    async def finish(
        self, subscription_id: str, period: str, message_ts: str, paper_ids: Sequence[str], ran_at: datetime
    ) -> None:
        """In one transaction: the period posted, its papers sent, the subscription's last run moved on."""
        ...

    async def close(self) -> None: ...
