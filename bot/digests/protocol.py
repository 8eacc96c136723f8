"""What a digest subscription is, and a period's post (bot.digests.store keeps them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

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
