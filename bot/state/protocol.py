"""The bot's own durable record: which messages were answered (and where), per-channel settings, and the
channel each assistant thread's user is viewing.

arq runs a job at least once; this record makes the side effect (posting an answer) happen once.
Keyed by the question's message, so a mention that also arrives as a plain message event, Slack's
retries and a worker killed mid-answer all lead to the same row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Respond = Literal["mentions", "all"]
Visibility = Literal["public", "asker_first"]


@dataclass(frozen=True)
class ChannelSettings:
    channel: str
    model: str | None = None  # None: the workspace default
    respond: Respond = "mentions"
    visibility: Visibility = "public"


@dataclass
class AnswerPost:
    message_key: str
    channel: str
    thread_ts: str
    status: Literal["started", "posted"]
    placeholder_ts: str | None = None
    message_ts: list[str] = field(default_factory=list)
