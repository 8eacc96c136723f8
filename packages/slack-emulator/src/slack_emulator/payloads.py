"""What Slack sends an app: event_callback envelopes and their events, slash commands, block_actions.

Shapes follow Slack's (and the samples in Bolt's and slack_sdk's own tests): an IM message carries
`channel_type: "im"`, an assistant-thread reply also carries `thread_ts` and no `subtype` (that is how Bolt's
Assistant middleware tells it from other messages), app_mention has no channel_type, and user messages carry
the rich_text block Slack derives from their text.
"""

from __future__ import annotations

import json
import time
import uuid
from urllib.parse import urlencode

from slack_emulator.state import AssistantThread, Channel, FileRecord, Json, Message, Workspace, rich_text_block

VERIFICATION_TOKEN = "emulated-verification-token"  # deprecated by Slack, still sent in every payload


class Payloads:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    def event_callback(self, event: Json) -> Json:
        ws = self.workspace
        authorization = {"enterprise_id": None, "team_id": ws.team_id, "user_id": ws.bot_user_id, "is_bot": True}
        authorization["is_enterprise_install"] = False
        envelope: Json = {"token": VERIFICATION_TOKEN, "team_id": ws.team_id, "context_team_id": ws.team_id}
        envelope |= {"context_enterprise_id": None, "api_app_id": ws.app_id, "event": event, "type": "event_callback"}
        envelope |= {"event_id": ws.ids.new("Ev"), "event_time": int(time.time()), "authorizations": [authorization]}
        return envelope | {"is_ext_shared_channel": False, "event_context": f"4-{uuid.uuid4().hex}"}

    def url_verification(self, challenge: str) -> Json:
        return {"token": VERIFICATION_TOKEN, "challenge": challenge, "type": "url_verification"}

    # --- events ------------------------------------------------------------------------------------------------

    def message(self, message: Message, channel: Channel) -> Json:
        event = self._message_fields("message", message) | {"channel_type": channel.channel_type}
        if message.subtype:
            event["subtype"] = message.subtype
        if message.bot_id:
            event["bot_id"] = message.bot_id
        return event

    def app_mention(self, message: Message) -> Json:
        return self._message_fields("app_mention", message)

    def _message_fields(self, kind: str, message: Message) -> Json:
        event: Json = {"type": kind, "user": message.user, "text": message.text, "ts": message.ts}
        event |= {"channel": message.channel, "event_ts": message.ts, "team": self.workspace.team_id}
        event["client_msg_id"] = str(uuid.uuid4())
        event["blocks"] = message.blocks or [rich_text_block(message.text, uuid.uuid4().hex[:5])]
        if message.thread_ts:
            event["thread_ts"] = message.thread_ts
        if message.file_ids:
            event["files"] = [self.workspace.files[file_id].to_api() for file_id in message.file_ids]
        return event

    def reaction(self, kind: str, user: str, reaction: str, message: Message) -> Json:
        """reaction_added or reaction_removed, on `message`."""
        item = {"type": "message", "channel": message.channel, "ts": message.ts}
        event: Json = {"type": kind, "user": user, "reaction": reaction, "item_user": message.user, "item": item}
        return event | {"event_ts": self.workspace.clock.next()}

    def assistant_thread(self, kind: str, thread: AssistantThread) -> Json:
        """assistant_thread_started or assistant_thread_context_changed."""
        body = {"user_id": thread.user_id, "context": thread.context, "channel_id": thread.channel_id}
        body["thread_ts"] = thread.thread_ts
        return {"type": kind, "assistant_thread": body, "event_ts": self.workspace.clock.next()}

    def file_shared(self, record: FileRecord, channel: Channel, user: str) -> Json:
        event: Json = {"type": "file_shared", "file_id": record.id, "user_id": user, "file": {"id": record.id}}
        return event | {"channel_id": channel.id, "event_ts": self.workspace.clock.next()}

    # --- commands and interactivity ----------------------------------------------------------------------------

    def slash_command(self, user: str, channel: Channel, command: str, text: str, response_url: str) -> dict[str, str]:
        """The form fields of a slash command (an HTTP delivery url-encodes them; Socket Mode sends them as JSON)."""
        ws = self.workspace
        fields = {"token": VERIFICATION_TOKEN, "team_id": ws.team_id, "team_domain": ws.domain}
        channel_name = "directmessage" if channel.is_im else channel.name
        fields |= {"channel_id": channel.id, "channel_name": channel_name, "user_id": user}
        fields |= {"user_name": ws.users[user].name, "command": command, "text": text, "api_app_id": ws.app_id}
        fields |= {"is_enterprise_install": "false", "response_url": response_url, "trigger_id": self._trigger_id()}
        return fields

    def block_actions(self, user: str, message: Message, action: Json, response_url: str) -> Json:
        """A click on an interactive element of `message`; `action` needs at least action_id (and block_id)."""
        ws = self.workspace
        who = {"id": user, "username": ws.users[user].name, "name": ws.users[user].name, "team_id": ws.team_id}
        container: Json = {"type": "message", "message_ts": message.ts, "channel_id": message.channel}
        container["is_ephemeral"] = "visible_to" in message.extra
        channel = ws.channels[message.channel]
        payload: Json = {"type": "block_actions", "user": who, "api_app_id": ws.app_id, "token": VERIFICATION_TOKEN}
        payload |= {"container": container, "trigger_id": self._trigger_id(), "enterprise": None}
        payload |= {"team": {"id": ws.team_id, "domain": ws.domain}, "is_enterprise_install": False}
        payload |= {"channel": {"id": channel.id, "name": channel.name}, "message": ws.render_message(message)}
        payload |= {"state": {"values": {}}, "response_url": response_url}
        payload["actions"] = [{"type": "button", "action_ts": ws.clock.next()} | action]
        return payload

    def _trigger_id(self) -> str:
        return f"{int(time.time())}.{uuid.uuid4().int % 10**12}.{uuid.uuid4().hex}"


def form_body(fields: dict[str, str]) -> bytes:
    return urlencode(fields).encode()


def interactive_form_body(payload: Json) -> bytes:
    """Interactivity over HTTP: one form field, `payload`, holding the JSON."""
    return urlencode({"payload": json.dumps(payload)}).encode()
