"""Every Web API method that is not chat.*: auth, Socket Mode URLs, reactions, files, AI-app threads, reads."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from slack_emulator.calls import (
    ApiError,
    Call,
    Handler,
    find_channel,
    invalid_arguments,
    page,
    thread_parent,
    writable_channel,
)
from slack_emulator.state import AssistantThread, FileRecord, Json, Message, StatusChange, Workspace

_REACTION_NAME = re.compile(r"[a-z0-9_+'\-]+(::skin-tone-[2-6])?")


class WorkspaceMethods:
    def __init__(self, workspace: Workspace, issue_socket_url: Callable[[], str]) -> None:
        self.workspace = workspace
        self.issue_socket_url = issue_socket_url

    def handlers(self) -> dict[str, Handler]:
        return {
            "auth.test": self.auth_test,
            "apps.connections.open": lambda call: {"url": self.issue_socket_url()},
            "reactions.add": self.reactions_add,
            "reactions.remove": self.reactions_remove,
            "reactions.get": self.reactions_get,
            "files.getUploadURLExternal": self.get_upload_url,
            "files.completeUploadExternal": self.complete_upload,
            "files.info": self.files_info,
            "assistant.threads.setStatus": self.set_status,
            "assistant.threads.setSuggestedPrompts": self.set_suggested_prompts,
            "assistant.threads.setTitle": self.set_title,
            "conversations.history": self.history,
            "conversations.replies": self.replies,
            "conversations.info": self.conversation_info,
            "conversations.open": self.conversation_open,
            "users.info": self.user_info,
        }

    def auth_test(self, call: Call) -> Json:
        ws = self.workspace
        identity = {"url": f"https://{ws.domain}.slack.com/", "team": ws.team_name, "user": "labbot"}
        identity |= {"team_id": ws.team_id, "user_id": ws.bot_user_id, "bot_id": ws.bot_id}
        return identity | {"is_enterprise_install": False}

    # --- reactions ---------------------------------------------------------------------------------------------

    def reactions_add(self, call: Call) -> Json:
        message, name = self._reaction_target(call)
        users = message.reactions.setdefault(name, [])
        if self.workspace.bot_user_id in users:
            raise ApiError("already_reacted")
        users.append(self.workspace.bot_user_id)
        return {}

    def reactions_remove(self, call: Call) -> Json:
        message, name = self._reaction_target(call)
        users = message.reactions.get(name, [])
        if self.workspace.bot_user_id not in users:
            raise ApiError("no_reaction")
        users.remove(self.workspace.bot_user_id)
        if not users:
            del message.reactions[name]
        return {}

    def reactions_get(self, call: Call) -> Json:
        channel = find_channel(self.workspace, call.required("channel"))
        message = self._message(channel.id, call.required("timestamp"))
        return {"type": "message", "channel": channel.id, "message": self.workspace.render_message(message)}

    def _reaction_target(self, call: Call) -> tuple[Message, str]:
        channel = find_channel(self.workspace, call.required("channel"))
        message = self._message(channel.id, call.required("timestamp"))
        name = call.required("name")
        if not _REACTION_NAME.fullmatch(name):
            raise ApiError("invalid_name")
        return message, name

    def _message(self, channel_id: str, ts: str) -> Message:
        message = self.workspace.find_message(channel_id, ts)
        if message is None:
            raise ApiError("message_not_found")
        return message

    # --- files -------------------------------------------------------------------------------------------------

    def get_upload_url(self, call: Call) -> Json:
        name, length = call.required("filename"), call.integer("length", -1)
        if length < 0:
            raise invalid_arguments("missing required field: length")
        file_id = self.workspace.ids.new("F")
        url_private = f"{self.workspace.base_url}/files/{file_id}/{name}"
        record = FileRecord(file_id, name, length, self.workspace.bot_user_id, url_private)
        record.alt_txt, record.snippet_type = call.optional("alt_txt"), call.optional("snippet_type")
        self.workspace.files[file_id] = record
        return {"upload_url": f"{self.workspace.base_url}/upload/v1/{file_id}", "file_id": file_id}

    def complete_upload(self, call: Call) -> Json:
        entries = call.args.get("files")
        if not isinstance(entries, list) or not entries:
            raise invalid_arguments("files must be a non-empty array of {id, title}")
        records = [self._uploaded(entry) for entry in entries]
        targets = [call.optional("channel_id") or "", *str(call.args.get("channels") or "").split(",")]
        for channel_id in filter(None, targets):
            channel = writable_channel(self.workspace, channel_id)
            parent = thread_parent(self.workspace, channel, call.optional("thread_ts"))
            comment = call.optional("initial_comment") or ""
            file_ids = [record.id for record in records]
            message = self.workspace.add_message(
                channel, self.workspace.bot_user_id, comment, thread_ts=parent, file_ids=file_ids
            )
            for record in records:
                record.shares.append((channel.id, message.ts))
        return {"files": [record.to_api() for record in records]}

    def _uploaded(self, entry: Any) -> FileRecord:
        record = self.workspace.files.get(entry.get("id", "")) if isinstance(entry, dict) else None
        if record is None or record.content is None:
            raise ApiError("file_not_found")
        record.title = str(entry.get("title") or record.name)
        record.completed = True
        return record

    def files_info(self, call: Call) -> Json:
        record = self.workspace.files.get(call.required("file"))
        if record is None or not record.completed:
            raise ApiError("file_not_found")
        return {"file": record.to_api()}

    # --- AI-app threads ----------------------------------------------------------------------------------------

    def set_status(self, call: Call) -> Json:
        thread = self._assistant_thread(call)
        loading = call.args.get("loading_messages") or []
        if not isinstance(loading, list):
            raise invalid_arguments("loading_messages must be an array")
        thread.status_history.append(StatusChange(str(call.args.get("status", "")), tuple(map(str, loading))))
        return {}

    def set_suggested_prompts(self, call: Call) -> Json:
        thread = self._assistant_thread(call)
        prompts = call.args.get("prompts")
        valid = isinstance(prompts, list) and all(
            isinstance(p, dict) and p.get("title") and p.get("message") for p in prompts
        )
        if not valid:
            raise invalid_arguments("prompts must be an array of {title, message}")
        thread.suggested_prompts.append({"prompts": prompts, "title": call.optional("title")})
        return {}

    def set_title(self, call: Call) -> Json:
        self._assistant_thread(call).titles.append(call.required("title"))
        return {}

    def _assistant_thread(self, call: Call) -> AssistantThread:
        channel = find_channel(self.workspace, call.required("channel_id"))
        parent = thread_parent(self.workspace, channel, call.required("thread_ts"))
        return self.workspace.assistant_thread(channel.id, parent or "")

    # --- reads -------------------------------------------------------------------------------------------------

    def history(self, call: Call) -> Json:
        channel = find_channel(self.workspace, call.required("channel"))
        newest_first = list(reversed(self.workspace.top_level(channel.id)))
        in_range = [m for m in newest_first if _within(m.ts, call)]
        messages, cursor = page(in_range, limit=call.integer("limit", 100), cursor=call.optional("cursor"))
        rendered = [self.workspace.render_message(message) for message in messages]
        return {"messages": rendered, "has_more": bool(cursor), "response_metadata": {"next_cursor": cursor}}

    def replies(self, call: Call) -> Json:
        channel = find_channel(self.workspace, call.required("channel"))
        thread = self.workspace.thread(channel.id, call.required("ts"))
        if not thread:
            raise ApiError("thread_not_found")
        # The parent always comes first, whatever the oldest/latest window says about it.
        in_range = thread[:1] + [m for m in thread[1:] if _within(m.ts, call)]
        messages, cursor = page(in_range, limit=call.integer("limit", 1000), cursor=call.optional("cursor"))
        rendered = [self.workspace.render_message(message) for message in messages]
        return {"messages": rendered, "has_more": bool(cursor), "response_metadata": {"next_cursor": cursor}}

    def conversation_info(self, call: Call) -> Json:
        channel = find_channel(self.workspace, call.required("channel"))
        return {"channel": channel.to_api(self.workspace.bot_user_id)}

    def conversation_open(self, call: Call) -> Json:
        users = [user for user in call.required("users").split(",") if user != self.workspace.bot_user_id]
        if len(users) != 1 or users[0] not in self.workspace.users:
            raise ApiError("user_not_found")
        return {"channel": {"id": self.workspace.open_dm(users[0]).id}}

    def user_info(self, call: Call) -> Json:
        user = self.workspace.users.get(call.required("user"))
        if user is None:
            raise ApiError("user_not_found")
        return {"user": user.to_api()}


def _within(ts: str, call: Call) -> bool:
    """conversations.history/replies' oldest/latest window (exclusive unless inclusive=true)."""
    inclusive = call.flag("inclusive")
    oldest, latest = call.optional("oldest"), call.optional("latest")
    value = float(ts)
    if oldest is not None and (value < float(oldest) or (value == float(oldest) and not inclusive)):
        return False
    return not (latest is not None and (value > float(latest) or (value == float(latest) and not inclusive)))
