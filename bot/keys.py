"""Every name labbot gives a thing in Redis: its own keys (locks, pacing, 429 holds, heartbeats) and arq job ids.

Workers and front doors of different versions share one Redis, so a name changed here is a protocol change.
A job id is what makes a job exactly-once: arq queues a second job with an id it holds (queued, running or a
kept result) as nothing. Each id below therefore names the thing done once, never the delivery that asked.
"""

from __future__ import annotations

PREFIX = "labbot"


def thread_lock(thread_id: str) -> str:
    """One answer at a time per Slack thread, across workers."""
    return f"{PREFIX}:thread:{thread_id}"


def vote_lock(answer_id: str, user: str) -> str:
    """One feedback click per voter and answer at a time."""
    return f"{PREFIX}:vote:{answer_id}:{user}"


def digest_lock(subscription_id: str, period: str) -> str:
    """One runner per digest period."""
    return f"{PREFIX}:digest:{subscription_id}:{period}"


def pace(channel: str) -> str:
    """Set while a channel's next post must wait (one post per interval, every worker together)."""
    return f"{PREFIX}:pace:{channel}"


def retry_after(method: str, channel: str | None) -> str:
    """A 429's Retry-After, held for every worker's calls to that method (and channel)."""
    return f"{PREFIX}:retry-after:{method}:{channel or '*'}"


def health(role: str, host: str) -> str:
    """A process's heartbeat, read by `labbot health` on the same host."""
    return f"{PREFIX}:health:{role}:{host}"


# arq job ids


def answer_job(message_key: str) -> str:
    """The question's message: Slack's retries and duplicate deliveries of it make one job."""
    return f"answer:{message_key}"


def feedback_job(event_key: str) -> str:
    """The reaction event, or the click (channel, message, user, action time)."""
    return f"feedback:{event_key}"


def share_job(channel: str, message_ts: str) -> str:
    """The private answer: sharing it twice shares it once."""
    return f"share:{channel}:{message_ts}"


def digest_job(subscription_id: str, period: str) -> str:
    """The subscription's period: every worker's tick queues it once."""
    return f"digest:{subscription_id}:{period}"


def digest_preview_job(request_id: str) -> str:
    """Each request: a preview records nothing, so two are two."""
    return f"digest-preview:{request_id}"


def promotion_job(after: int | None) -> str:
    """The watermark the attempt follows: ticks while it is queued, runs or is remembered queue nothing."""
    return f"promote:after:{after if after is not None else 'none'}"
