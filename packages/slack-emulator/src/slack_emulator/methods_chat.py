"""chat.* methods: post, update, delete, ephemeral, and the AI-app streams (start / append / stop).

Streams follow what slack_sdk 3.48 sends (`chunks` of markdown_text / task_update / plan_update / blocks, or
`markdown_text`) and what others measured on real Slack: both recipient ids are required, a stream lives
about 5 minutes, and an append or stop after that (or after a stop) is `message_not_in_streaming_state`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from slack_emulator.calls import (
    ApiError,
    Call,
    Handler,
    LimitsError,
    find_channel,
    invalid_arguments,
    thread_parent,
    writable_channel,
)
from slack_emulator.limits import MSG_TOO_LONG, Problem, SlackLimits, check_blocks, check_message
from slack_emulator.state import Channel, Json, Message, StreamState, Workspace

CHUNK_TYPES = frozenset({"markdown_text", "task_update", "plan_update", "blocks"})
TASK_STATUSES = ("pending", "in_progress", "complete", "error")
TASK_DISPLAY_MODES = ("timeline", "plan")
_STORED_ELSEWHERE = {"channel", "text", "blocks", "thread_ts", "metadata", "markdown_text", "chunks", "ts"}


@dataclass(frozen=True)
class StreamRules:
    lifetime_s: float = 300.0
    recipients_required_in_dms: bool = True  # Slack documents them for channels; bot tokens need them in DMs too


class ChatMethods:
    def __init__(self, workspace: Workspace, limits: SlackLimits, stream_rules: StreamRules) -> None:
        self.workspace, self.limits, self.stream_rules = workspace, limits, stream_rules

    def handlers(self) -> dict[str, Handler]:
        return {
            "chat.postMessage": self.post_message,
            "chat.update": self.update,
            "chat.delete": self.delete,
            "chat.postEphemeral": self.post_ephemeral,
            "chat.startStream": self.start_stream,
            "chat.appendStream": self.append_stream,
            "chat.stopStream": self.stop_stream,
        }

    # --- messages ----------------------------------------------------------------------------------------------

    def post_message(self, call: Call) -> Json:
        channel = writable_channel(self.workspace, call.required("channel"))
        text, blocks = self._checked_content(call)
        parent = thread_parent(self.workspace, channel, call.optional("thread_ts"))
        message = self.workspace.add_message(
            channel,
            self.workspace.bot_user_id,
            text,
            blocks=blocks,
            thread_ts=parent,
            metadata=_metadata(call.args.get("metadata")),
            extra=_extra(call.args),
        )
        return {"channel": channel.id, "ts": message.ts, "message": self.workspace.render_message(message)}

    def update(self, call: Call) -> Json:
        channel = find_channel(self.workspace, call.required("channel"))
        message = self._own_message(channel, call.required("ts"), refusal="cant_update_message")
        text, blocks = self._checked_content(call)
        if "text" in call.args:
            message.text = text
        if "blocks" in call.args:
            message.blocks = blocks
        if "metadata" in call.args:
            message.metadata = _metadata(call.args["metadata"])
        message.edited_ts = self.workspace.clock.next()
        rendered = self.workspace.render_message(message)
        return {"channel": channel.id, "ts": message.ts, "text": message.text, "message": rendered}

    def delete(self, call: Call) -> Json:
        channel = find_channel(self.workspace, call.required("channel"))
        message = self._own_message(channel, call.required("ts"), refusal="cant_delete_message")
        channel.messages.remove(message)
        return {"channel": channel.id, "ts": message.ts}

    def post_ephemeral(self, call: Call) -> Json:
        channel = writable_channel(self.workspace, call.required("channel"))
        user = call.required("user")
        if user not in channel.members:
            raise ApiError("user_not_in_channel")
        text, blocks = self._checked_content(call)
        parent = thread_parent(self.workspace, channel, call.optional("thread_ts"))
        ts = self.workspace.clock.next()
        message = Message(ts, channel.id, self.workspace.bot_user_id, text, blocks, parent, self.workspace.bot_id)
        message.extra = {"visible_to": user} | _extra(call.args)
        self.workspace.ephemerals.append(message)
        return {"message_ts": ts}

    def _checked_content(self, call: Call) -> tuple[str, list[Json]]:
        text, blocks = call.args.get("text"), call.args.get("blocks")
        problems = check_message(text, blocks, limits=self.limits, require_content=call.method != "chat.update")
        if problems:
            raise LimitsError(problems)
        return text or "", list(blocks or [])

    def _own_message(self, channel: Channel, ts: str, *, refusal: str) -> Message:
        message = self.workspace.find_message(channel.id, ts)
        if message is None:
            raise ApiError("message_not_found")
        if not message.from_bot:
            raise ApiError(refusal)
        return message

    # --- streams -----------------------------------------------------------------------------------------------

    def start_stream(self, call: Call) -> Json:
        channel = writable_channel(self.workspace, call.required("channel"))
        parent = thread_parent(self.workspace, channel, call.required("thread_ts"))
        team, user = call.optional("recipient_team_id"), call.optional("recipient_user_id")
        if not channel.is_im or self.stream_rules.recipients_required_in_dms:
            for name, value in (("recipient_team_id", team), ("recipient_user_id", user)):
                if value is None:
                    raise ApiError(f"missing_{name}")
        if call.optional("task_display_mode") not in (None, *TASK_DISPLAY_MODES):
            raise invalid_arguments(f"task_display_mode must be one of: {', '.join(TASK_DISPLAY_MODES)}")
        chunks = self._checked_chunks(call)
        message = self.workspace.add_message(
            channel, self.workspace.bot_user_id, _chunk_text(chunks), thread_ts=parent, extra=_extra(call.args)
        )
        message.stream = StreamState(team, user)
        message.stream.take(chunks)
        message.blocks = _chunk_blocks(chunks)
        return {"channel": channel.id, "ts": message.ts}

    def append_stream(self, call: Call) -> Json:
        channel, message, stream = self._live_stream(call)
        chunks = self._checked_chunks(call)
        if not chunks:
            raise invalid_arguments("markdown_text or chunks is required")
        self._grow(message, _chunk_blocks(chunks))
        stream.take(chunks)
        stream.calls += 1
        message.text += _chunk_text(chunks)
        return {"channel": channel.id, "ts": message.ts}

    def stop_stream(self, call: Call) -> Json:
        channel, message, stream = self._live_stream(call)
        chunks = self._checked_chunks(call)
        blocks = call.args.get("blocks")
        if blocks is not None:
            problems = check_blocks(blocks, limits=self.limits)
            if problems:
                raise LimitsError(problems)
        self._grow(message, [*_chunk_blocks(chunks), *(blocks or [])])  # rendered at the bottom of the message
        stream.take(chunks)
        stream.calls += 1
        stream.state = "stopped"
        message.text += _chunk_text(chunks)
        message.metadata = _metadata(call.args.get("metadata")) or message.metadata
        return {"channel": channel.id, "ts": message.ts, "message": self.workspace.render_message(message)}

    def _grow(self, message: Message, blocks: list[Json]) -> None:
        if len(message.blocks) + len(blocks) > self.limits.max_blocks:
            raise LimitsError([Problem("invalid_blocks", f"more than {self.limits.max_blocks} blocks", "/chunks")])
        message.blocks += blocks

    def _live_stream(self, call: Call) -> tuple[Channel, Message, StreamState]:
        channel = find_channel(self.workspace, call.required("channel"))
        message = self._own_message(channel, call.required("ts"), refusal="message_not_owned_by_app")
        stream = message.stream
        expired = stream is not None and time.monotonic() - stream.started_at > self.stream_rules.lifetime_s
        if stream is None or stream.state != "streaming" or expired:
            raise ApiError("message_not_in_streaming_state")
        return channel, message, stream

    def _checked_chunks(self, call: Call) -> list[Json]:
        chunks = list(_as_list(call.args.get("chunks")))
        markdown = call.optional("markdown_text")
        if markdown is not None:
            chunks.insert(0, {"type": "markdown_text", "text": markdown})
        problems = [problem for index, chunk in enumerate(chunks) for problem in self._chunk_problems(index, chunk)]
        if problems:
            raise LimitsError(problems)
        return chunks

    def _chunk_problems(self, index: int, chunk: Any) -> list[Problem]:
        where = f"/chunks/{index}"
        if not isinstance(chunk, dict) or chunk.get("type") not in CHUNK_TYPES:
            return [Problem("invalid_chunks", f"must be one of: {', '.join(sorted(CHUNK_TYPES))}", where)]
        text = chunk.get("text", "")
        if chunk["type"] == "markdown_text" and (not isinstance(text, str) or len(text) > self.limits.markdown_text):
            return [Problem(MSG_TOO_LONG, f"must be less than {self.limits.markdown_text + 1} characters", where)]
        if chunk["type"] == "blocks":
            return check_blocks(chunk.get("blocks"), limits=self.limits, pointer=f"{where}/blocks")
        if chunk["type"] == "task_update":
            return task_update_problems(chunk, where)
        return []


def task_update_problems(chunk: Json, where: str) -> list[Problem]:
    """A task_update needs an id and a title (strings) and one of Slack's four statuses."""
    problems = [
        Problem("invalid_chunks", "must provide a non-empty string", f"{where}/{key}")
        for key in ("id", "title")
        if not isinstance(chunk.get(key), str) or not chunk[key]
    ]
    if chunk.get("status") not in TASK_STATUSES:
        problems.append(Problem("invalid_chunks", f"must be one of: {', '.join(TASK_STATUSES)}", f"{where}/status"))
    problems += [
        Problem("invalid_chunks", "expected string", f"{where}/{key}")
        for key in ("details", "output")
        if key in chunk and not isinstance(chunk[key], str)
    ]
    return problems


def _chunk_blocks(chunks: list[Json]) -> list[Json]:
    return [block for chunk in chunks if chunk.get("type") == "blocks" for block in chunk.get("blocks", [])]


def _chunk_text(chunks: list[Json]) -> str:
    return "".join(str(chunk.get("text", "")) for chunk in chunks if chunk.get("type") == "markdown_text")


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise invalid_arguments("chunks must be an array")
    return value


def _metadata(value: Any) -> Json | None:
    if value is None or value == "":
        return None
    if not isinstance(value, dict) or not isinstance(value.get("event_type"), str):
        raise ApiError("invalid_metadata_format")
    if not isinstance(value.get("event_payload") or {}, dict):  # Bolt's Assistant sends null for an empty context
        raise ApiError("invalid_metadata_format")
    return value


def _extra(args: Json) -> Json:
    """Arguments kept for inspection (unfurl_links, mrkdwn, parse, link_names, recipient ids…)."""
    return {key: value for key, value in args.items() if key not in _STORED_ELSEWHERE}
