"""Every job labbot queues: its name and its payload model, the one contract of the front door, the ticks and
the workers (bot.queue.JobHandle). Job ids, which make each job exactly-once, are in bot.keys.

A payload is frozen and forbids unknown fields: what is queued is exactly what the job reads.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

from bot.payloads import Question
from bot.queue import JobHandle


class _Payload(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class FeedbackPayload(_Payload):
    """A 👍/👎 (reaction or button) on a message, before it is matched to an answer."""

    event_key: str
    channel: str
    message_ts: str
    user: str
    source: Literal["reaction", "button"]
    kind: str
    value: int
    event_ts: str


class SharePayload(_Payload):
    """The asker's click on "share" under an asker-first answer."""

    channel: str
    message_ts: str
    user: str


class DigestPeriod(_Payload):
    """One subscription's due period (its key and when it began)."""

    subscription_id: str
    period: str
    at: datetime


class DigestTick(_Payload):
    """A tick of the digest schedule; ``now`` replaces the clock in tests."""

    now: datetime | None = None


class DigestPreview(_Payload):
    """`/labbot digest preview "QUERY"`: shown only to the asker."""

    channel: str
    user: str
    query: str


class PromotionAttempt(_Payload):
    """Train and gate a candidate on the votes up to ``watermark``; ``after`` is the registry's last one."""

    after: int | None
    watermark: int


class PromotionTick(_Payload):
    """A tick of the promotion schedule: it reads the vote count itself."""


ANSWER = JobHandle("answer", Question)
FEEDBACK = JobHandle("feedback", FeedbackPayload)
SHARE = JobHandle("share", SharePayload)
DIGEST = JobHandle("digest", DigestPeriod)
DIGEST_TICK = JobHandle("digest_tick", DigestTick)
DIGEST_PREVIEW = JobHandle("digest_preview", DigestPreview)
PROMOTE = JobHandle("promote", PromotionAttempt)
PROMOTION_TICK = JobHandle("promotion_tick", PromotionTick)
