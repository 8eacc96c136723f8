"""What the bot accepts from Slack, validated: malformed payloads become a log line, never a crash."""

from __future__ import annotations

import logging
import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from tools.decoding import without_surrogates

log = logging.getLogger("labbot.bot")

_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")
MAX_TEXT = 40_000  # Slack truncates longer messages; the graph cuts further with a note


class SharedFile(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str
    name: str = "file"
    mimetype: str = ""
    filetype: str = ""
    size: int = 0
    url_private_download: str | None = None

    @property
    def is_pdf(self) -> bool:
        return self.filetype == "pdf" or self.mimetype == "application/pdf" or self.name.lower().endswith(".pdf")


class Question(BaseModel):
    """A message that asks labbot something: an @-mention, a DM, or (when a channel wants it) any message."""

    model_config = ConfigDict(frozen=True)

    event_id: str
    team: str
    channel: str
    channel_type: Literal["channel", "group", "im", "mpim", "app_home"] = "channel"
    user: str
    text: str = Field(max_length=MAX_TEXT)
    cut_chars: int = 0  # characters past MAX_TEXT that were cut: the graph must know the message is not whole
    ts: str
    thread_ts: str | None = None
    files: tuple[SharedFile, ...] = ()
    via: Literal["mention", "dm", "channel", "assistant"] = "mention"

    @property
    def message_key(self) -> str:
        """One answer per message, however many events (mention + message, retries) carry it."""
        return f"{self.channel}:{self.ts}"

    @property
    def root_ts(self) -> str:
        return self.thread_ts or self.ts

    @property
    def thread_id(self) -> str:
        """The LangGraph thread: one conversation per Slack thread."""
        return f"{self.team}:{self.channel}:{self.root_ts}"

    def question_text(self) -> str:
        return _MENTION.sub(" ", self.text).strip()


def question_from_event(body: dict[str, Any], via: str) -> Question | None:
    """A Question from an Events API body, or None (logged) when the payload is not one."""
    event = body.get("event") if isinstance(body, dict) else None
    if not isinstance(event, dict):
        log.warning("ignored a Slack payload without an event object (event_id=%s)", _safe_id(body))
        return None
    try:
        text = without_surrogates(str(event.get("text") or ""))  # JSON can carry a lone "\ud800"
        return Question(
            event_id=str(body["event_id"]),
            team=str(body.get("team_id") or event.get("team") or ""),
            channel=str(event["channel"]),
            channel_type=event.get("channel_type", "channel" if via != "dm" else "im"),
            user=str(event["user"]),
            text=text[:MAX_TEXT],
            cut_chars=max(0, len(text) - MAX_TEXT),
            ts=str(event["ts"]),
            thread_ts=event.get("thread_ts"),
            files=tuple(SharedFile.model_validate(f) for f in event.get("files") or () if isinstance(f, dict)),
            via=via,
        )
    except (KeyError, TypeError, ValidationError) as error:
        log.warning("ignored a malformed %s event (event_id=%s): %s", via, _safe_id(body), _first_error(error))
        return None


def _safe_id(body: object) -> str:
    value = body.get("event_id") if isinstance(body, dict) else None
    return str(value)[:40] if value else "?"


def _first_error(error: Exception) -> str:
    if isinstance(error, ValidationError):
        first = error.errors()[0]
        return f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}"
    return f"missing or wrong field {error}"


class ThreadContext(BaseModel):
    """What an assistant_thread_started / _context_changed event says: which channel the user is viewing beside
    the assistant thread (None when the pane was opened from no channel)."""

    model_config = ConfigDict(frozen=True)

    channel: str = Field(min_length=1)  # the assistant thread's DM
    thread_ts: str = Field(pattern=r"^\d+\.\d+$")
    viewed: str | None = Field(default=None, pattern=r"^[A-Z0-9]+$")
    event_ts: str = Field(pattern=r"^\d+\.\d+$")


def thread_context_from_event(body: dict[str, Any]) -> ThreadContext | None:
    """The thread and viewed channel of an assistant thread event, or None (logged) when malformed."""
    event = body.get("event") if isinstance(body, dict) else None
    thread = event.get("assistant_thread") if isinstance(event, dict) else None
    if not isinstance(event, dict) or not isinstance(thread, dict):
        log.warning("ignored an assistant thread event without its thread (event_id=%s)", _safe_id(body))
        return None
    context = thread.get("context")  # {} when the pane was opened from no channel
    viewed = context.get("channel_id") if isinstance(context, dict) else None
    try:
        return ThreadContext(
            channel=str(thread.get("channel_id") or ""),
            thread_ts=str(thread.get("thread_ts") or ""),
            viewed=viewed or None,
            event_ts=str(event.get("event_ts") or ""),
        )
    except ValidationError as error:
        log.warning("ignored a malformed assistant thread event (event_id=%s): %s", _safe_id(body), _first_error(error))
        return None
