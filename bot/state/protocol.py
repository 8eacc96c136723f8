"""The bot's own durable record: which messages were answered (and where), per-channel settings, and the
channel each assistant thread's user is viewing.

arq runs a job at least once; this record makes the side effect (posting an answer) happen once.
Keyed by the question's message, so a mention that also arrives as a plain message event, Slack's
retries and a worker killed mid-answer all lead to the same row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Protocol

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


class BotStore(Protocol):
    """Shared by the front door and every worker process; each call is one transaction."""

    async def answer_post(self, message_key: str) -> AnswerPost | None: ...

    async def start_answer(self, message_key: str, channel: str, thread_ts: str) -> AnswerPost:
        """The record of an answer in progress (created once; a rerun gets the existing one)."""
        ...

    async def set_placeholder(self, message_key: str, ts: str) -> None: ...

    async def finish_answer(self, message_key: str, message_ts: list[str]) -> None: ...

    async def channel_settings(self, channel: str) -> ChannelSettings: ...

    async def save_channel_settings(self, settings: ChannelSettings, user: str) -> None: ...

    async def view_channel(self, channel: str, thread_ts: str, viewed: str | None, event_ts: str) -> None:
        """Remember the channel the user views beside an assistant thread (None: none); the latest event wins,
        in whatever order Slack delivers them."""
        ...

    async def viewed_channel(self, channel: str, thread_ts: str) -> str | None: ...

    async def close(self) -> None: ...
