"""What emulated people do: each action changes the workspace AND delivers the events Slack would send.

Which events go out depends on the app's subscriptions (`EmulatorConfig.subscriptions`, Slack's event names):
a channel message that mentions the bot gives `app_mention` (plus `message` only with message.channels), a DM
gives `message` with channel_type "im", opening the assistant pane gives `assistant_thread_started`…
The bot's own messages are not echoed back as events (Bolt would drop them as self-events anyway).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from slack_emulator.payloads import Payloads
from slack_emulator.records import EnvelopeKind, EventDelivery
from slack_emulator.state import AssistantThread, Channel, FileRecord, Json, Message, Workspace

DEFAULT_SUBSCRIPTIONS = frozenset(
    {
        "app_mention",
        "message.im",
        "reaction_added",
        "reaction_removed",
        "assistant_thread_started",
        "assistant_thread_context_changed",
        "file_shared",
    }
)

_SUBSCRIPTION_OF_CHANNEL_TYPE = {"channel": "message.channels", "group": "message.groups", "im": "message.im"}


@dataclass
class UserAction:
    """What a person did: the message it made or concerns, and the deliveries it caused."""

    message: Message
    deliveries: list[EventDelivery] = field(default_factory=list)

    async def wait_acked(self, timeout_s: float = 5.0) -> None:
        for delivery in self.deliveries:
            await delivery.wait_acked(timeout_s)


class UserActions:
    """Mixed into SlackEmulator, which provides the workspace, payload builders and delivery."""

    workspace: Workspace
    payloads: Payloads
    subscriptions: frozenset[str]

    async def deliver(self, kind: EnvelopeKind, payload: Json) -> EventDelivery:
        raise NotImplementedError

    async def deliver_event(self, event: Json) -> EventDelivery:
        """Wrap `event` in an event_callback envelope and send it by the configured transport."""
        envelope = self.payloads.event_callback(event)
        return await self.deliver("events_api", envelope)

    async def post_user_message(
        self, text: str, *, channel: str | None = None, user: str | None = None, thread_ts: str | None = None
    ) -> UserAction:
        """`user` (alice by default) writes `text` in `channel` (#general by default), in a thread if given.

        `text` is what Slack delivers, not what the person typed: mentions as `<@U…>`, and a typed `&`, `<`
        or `>` already escaped (pass typed text through `escape_mrkdwn`).
        """
        where = self.workspace.channels[channel or self.workspace.general]
        author = user or self.workspace.alice
        where.members.add(author)
        parent = self._thread_root(where, thread_ts) if thread_ts else None
        message = self.workspace.add_message(where, author, text, thread_ts=parent)
        return UserAction(message, await self._message_events(where, message))

    def _thread_root(self, channel: Channel, thread_ts: str) -> str:
        message = self.workspace.find_message(channel.id, thread_ts)
        if message is None:
            raise LookupError(f"no message {thread_ts} in {channel.id} to reply to")
        return message.thread_ts or message.ts

    async def send_dm(self, text: str, *, user: str | None = None, thread_ts: str | None = None) -> UserAction:
        """`user` writes to the bot in their DM (the assistant pane's threads live there too)."""
        dm = self.workspace.open_dm(user or self.workspace.alice)
        return await self.post_user_message(text, channel=dm.id, user=dm.dm_user, thread_ts=thread_ts)

    async def _message_events(self, channel: Channel, message: Message) -> list[EventDelivery]:
        deliveries = []
        mentioned = f"<@{self.workspace.bot_user_id}" in message.text
        if not channel.is_im and mentioned and "app_mention" in self.subscriptions:
            deliveries.append(await self.deliver_event(self.payloads.app_mention(message)))
        if _SUBSCRIPTION_OF_CHANNEL_TYPE[channel.channel_type] in self.subscriptions:
            deliveries.append(await self.deliver_event(self.payloads.message(message, channel)))
        return deliveries

    async def start_assistant_thread(self, *, user: str | None = None, context: Json | None = None) -> UserAction:
        """The user opens a new thread in the bot's assistant pane (while viewing #general, unless `context`
        says otherwise; {} is a pane opened from no channel). The root is the app's thread message."""
        dm = self.workspace.open_dm(user or self.workspace.alice)
        root = self.workspace.add_message(dm, self.workspace.bot_user_id, "", subtype="assistant_app_thread")
        thread = self.workspace.assistant_thread(dm.id, root.ts)
        viewing = {"channel_id": self.workspace.general, "team_id": self.workspace.team_id, "enterprise_id": None}
        thread.context = dict(viewing if context is None else context)
        return UserAction(root, await self._thread_event("assistant_thread_started", thread))

    async def change_assistant_context(self, thread_ts: str, context: Json, *, user: str | None = None) -> UserAction:
        """The user, with the pane open, moves to another channel: the thread's context changes."""
        dm = self.workspace.open_dm(user or self.workspace.alice)
        root = self.workspace.find_message(dm.id, thread_ts)
        if root is None:
            raise LookupError(f"no assistant thread {thread_ts} in {dm.id}")
        thread = self.workspace.assistant_thread(dm.id, thread_ts)
        thread.context = dict(context)
        return UserAction(root, await self._thread_event("assistant_thread_context_changed", thread))

    async def _thread_event(self, kind: str, thread: AssistantThread) -> list[EventDelivery]:
        if kind not in self.subscriptions:
            return []
        return [await self.deliver_event(self.payloads.assistant_thread(kind, thread))]

    async def react(self, message: Message, name: str, *, user: str | None = None, remove: bool = False) -> UserAction:
        """`user` adds (or removes) the reaction `name` on `message`."""
        who = user or self.workspace.alice
        users = message.reactions.setdefault(name, [])
        if remove and who in users:
            users.remove(who)
        elif not remove and who not in users:
            users.append(who)
        if not users:
            del message.reactions[name]
        kind = "reaction_removed" if remove else "reaction_added"
        if kind not in self.subscriptions:
            return UserAction(message)
        event = self.payloads.reaction(kind, who, name, message)
        return UserAction(message, [await self.deliver_event(event)])

    async def upload_file(
        self, name: str, content: bytes, *, channel: str | None = None, user: str | None = None, comment: str = ""
    ) -> UserAction:
        """`user` shares a file (a paper, a CSV) in `channel`: a file_share message and file_shared."""
        where = self.workspace.channels[channel or self.workspace.general]
        author = user or self.workspace.alice
        file_id = self.workspace.ids.new("F")
        url = f"{self.workspace.base_url}/files/{file_id}/{name}"
        record = FileRecord(file_id, name, len(content), author, url, content=content, completed=True)
        self.workspace.files[file_id] = record
        message = self.workspace.add_message(where, author, comment, subtype="file_share", file_ids=[file_id])
        record.shares.append((where.id, message.ts))
        deliveries = await self._message_events(where, message)
        if "file_shared" in self.subscriptions:
            deliveries.append(await self.deliver_event(self.payloads.file_shared(record, where, author)))
        return UserAction(message, deliveries)

    async def slash_command(
        self, command: str, text: str = "", *, channel: str | None = None, user: str | None = None
    ) -> EventDelivery:
        where = self.workspace.channels[channel or self.workspace.general]
        fields = self.payloads.slash_command(user or self.workspace.alice, where, command, text, self._response_url())
        return await self.deliver("slash_commands", dict(fields))

    async def click_button(self, message: Message, action_id: str, *, user: str | None = None) -> EventDelivery:
        """`user` clicks the button `action_id` in `message` (its block_id, text and value come from the blocks)."""
        button = _find_element(message.blocks, action_id)
        if button is None:
            raise LookupError(f"no element with action_id {action_id!r} in message {message.ts}")
        action = {key: value for key, value in button.items() if key in ("action_id", "block_id", "text", "value")}
        payload = self.payloads.block_actions(user or self.workspace.alice, message, action, self._response_url())
        return await self.deliver("interactive", payload)

    async def click_feedback(
        self, message: Message, button: Literal["positive", "negative"], *, user: str | None = None
    ) -> EventDelivery:
        """`user` clicks 👍 ("positive") or 👎 ("negative") of the feedback_buttons in `message`.

        As in Slack's client, a click on the button already chosen un-chooses it (`message.feedback_chosen`),
        and the payload is the same either way: the element's action_id, the button's value and text.
        """
        found = _find_feedback_buttons(message.blocks)
        if found is None:
            raise LookupError(f"no feedback_buttons in message {message.ts}")
        block_id, element = found
        who = user or self.workspace.alice
        chosen = message.feedback_chosen.pop(who, None)
        if chosen != button:
            message.feedback_chosen[who] = button
        side = element[f"{button}_button"]
        action = {"type": "feedback_buttons", "action_id": element.get("action_id", ""), "block_id": block_id}
        action |= {"text": side["text"], "value": side["value"]}
        payload = self.payloads.block_actions(who, message, action, self._response_url())
        return await self.deliver("interactive", payload)

    def _response_url(self) -> str:
        return f"{self.workspace.base_url}/respond/{self.workspace.ids.new('R')}"


def _find_feedback_buttons(blocks: list[Json]) -> tuple[str, Json] | None:
    for block in blocks:
        if block.get("type") == "context_actions":
            for element in block.get("elements", []):
                if element.get("type") == "feedback_buttons":
                    return str(block.get("block_id", "")), element
    return None


def _find_element(blocks: list[Json], action_id: str) -> Json | None:
    for block in blocks:
        candidates: list[Any] = [*block.get("elements", []), block.get("accessory")]
        for element in candidates:
            if isinstance(element, dict) and element.get("action_id") == action_id:
                return {"block_id": block.get("block_id", "")} | element
    return None
