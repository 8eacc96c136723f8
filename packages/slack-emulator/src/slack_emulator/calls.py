"""What a Web API method handler gets (`Call`) and how it refuses (`ApiError`), shared by the method modules."""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from slack_emulator.limits import Problem, error_body
from slack_emulator.state import Channel, Json, Workspace

T = TypeVar("T")


class ApiError(Exception):
    """A Slack error answer: HTTP 200 with {"ok": false, "error": ...} plus any extra fields."""

    def __init__(self, error: str, **extra: Any) -> None:
        super().__init__(error)
        self.body: Json = {"ok": False, "error": error, **extra}


class LimitsError(ApiError):
    """A message Slack's limits refuse; the emulator also records it as a violation."""

    def __init__(self, problems: list[Problem]) -> None:
        body = error_body(problems)
        super().__init__(body["error"])
        self.body = body
        self.problems = problems


def invalid_arguments(detail: str) -> ApiError:
    return ApiError("invalid_arguments", response_metadata={"messages": [f"[ERROR] {detail}"]})


@dataclass
class Call:
    """One parsed request: arguments merged from the query string, a form body or a JSON body."""

    method: str
    args: Json
    token: str | None

    def required(self, name: str) -> str:
        value = self.args.get(name)
        if value is None or value == "":
            raise invalid_arguments(f"missing required field: {name}")
        return str(value)

    def optional(self, name: str) -> str | None:
        value = self.args.get(name)
        return None if value is None or value == "" else str(value)

    def integer(self, name: str, default: int) -> int:
        value = self.args.get(name)
        if value is None or value == "":
            return default
        try:
            return int(value)
        except (TypeError, ValueError):
            raise invalid_arguments(f"expected an integer: {name}") from None

    def flag(self, name: str) -> bool:
        return str(self.args.get(name, "")).lower() in ("1", "true")


Handler = Callable[[Call], Json]


def find_channel(workspace: Workspace, channel_id: str) -> Channel:
    """A channel by id or by name (with or without "#"); a user id means the bot's DM with that user."""
    if channel_id in workspace.channels:
        return workspace.channels[channel_id]
    if channel_id in workspace.users and channel_id != workspace.bot_user_id:
        return workspace.open_dm(channel_id)
    name = channel_id.removeprefix("#")
    for channel in workspace.channels.values():
        if not channel.is_im and channel.name == name:
            return channel
    raise ApiError("channel_not_found")


def writable_channel(workspace: Workspace, channel_id: str) -> Channel:
    channel = find_channel(workspace, channel_id)
    if workspace.bot_user_id not in channel.members:
        raise ApiError("not_in_channel")
    return channel


def thread_parent(workspace: Workspace, channel: Channel, thread_ts: str | None) -> str | None:
    """The ts of the thread's parent; a reply's ts is followed to its parent, as Slack does."""
    if not thread_ts:
        return None
    message = workspace.find_message(channel.id, thread_ts)
    if message is None:
        raise ApiError("thread_not_found")
    return message.thread_ts or message.ts


def page(items: Sequence[T], *, limit: int, cursor: str | None) -> tuple[list[T], str]:
    """One page of `items` and the cursor of the next one ("" at the end): an opaque base64 offset."""
    start = 0
    if cursor:
        try:
            start = int(base64.urlsafe_b64decode(cursor.encode()).decode().removeprefix("offset:"))
        except ValueError:
            raise ApiError("invalid_cursor") from None
    end = start + max(1, limit)
    following = base64.urlsafe_b64encode(f"offset:{end}".encode()).decode() if end < len(items) else ""
    return list(items[start:end]), following
