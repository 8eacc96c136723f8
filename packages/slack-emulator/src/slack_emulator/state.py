"""The emulated workspace: team, users, channels and DMs, messages and threads, reactions, files, streams.

Everything is in memory and mutated only from the event loop the emulator runs on. Messages are rendered
the way the Web API returns them (`render_message`), so a test sees what the bot would read back.
"""

from __future__ import annotations

import itertools
import re
import time
from dataclasses import dataclass, field
from typing import Any, Literal

Json = dict[str, Any]
_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")


class TsClock:
    """Slack message timestamps: "seconds.micros" from the wall clock, strictly increasing."""

    def __init__(self) -> None:
        self._last_micros = 0

    def next(self) -> str:
        self._last_micros = max(int(time.time() * 1_000_000), self._last_micros + 1)
        seconds, micros = divmod(self._last_micros, 1_000_000)
        return f"{seconds}.{micros:06d}"


class IdFactory:
    """Slack-shaped ids (upper-case letters and digits after a type prefix) that never repeat."""

    def __init__(self) -> None:
        self._counter = itertools.count(1)

    def new(self, prefix: str) -> str:
        return f"{prefix}0EMU{next(self._counter):05d}"


@dataclass
class User:
    id: str
    name: str
    real_name: str
    team_id: str
    is_bot: bool = False
    bot_id: str | None = None

    def to_api(self) -> Json:
        profile = {"display_name": self.name, "real_name": self.real_name}
        api: Json = {"id": self.id, "team_id": self.team_id, "name": self.name, "real_name": self.real_name}
        api |= {"deleted": False, "is_bot": self.is_bot, "tz": "UTC", "profile": profile}
        if self.bot_id:
            api["profile"]["bot_id"] = self.bot_id
        return api


@dataclass
class StreamState:
    """A message being streamed with chat.startStream / appendStream / stopStream."""

    recipient_team_id: str | None
    recipient_user_id: str | None
    started_at: float = field(default_factory=time.monotonic)
    chunks: list[Json] = field(default_factory=list)
    tasks: dict[str, Json] = field(default_factory=dict)  # task id -> its latest task_update, as Slack shows it
    state: Literal["streaming", "stopped"] = "streaming"
    calls: int = 1

    def take(self, chunks: list[Json]) -> None:
        self.chunks += chunks
        self.tasks |= {str(chunk["id"]): chunk for chunk in chunks if chunk.get("type") == "task_update"}


@dataclass
class Message:
    ts: str
    channel: str
    user: str
    text: str = ""
    blocks: list[Json] = field(default_factory=list)
    thread_ts: str | None = None  # the parent's ts, for replies only
    bot_id: str | None = None
    subtype: str | None = None
    metadata: Json | None = None
    file_ids: list[str] = field(default_factory=list)
    reactions: dict[str, list[str]] = field(default_factory=dict)  # name -> users, in the order they reacted
    feedback_chosen: dict[str, str] = field(default_factory=dict)  # user -> the feedback button shown as chosen
    edited_ts: str | None = None
    stream: StreamState | None = None
    extra: Json = field(default_factory=dict)  # other arguments the bot sent (unfurl_links, mrkdwn…)

    @property
    def from_bot(self) -> bool:
        return self.bot_id is not None


@dataclass
class Channel:
    id: str
    name: str
    is_im: bool = False
    is_private: bool = False
    dm_user: str | None = None
    members: set[str] = field(default_factory=set)
    messages: list[Message] = field(default_factory=list)  # every message, replies included, in ts order
    created: int = field(default_factory=lambda: int(time.time()))

    @property
    def channel_type(self) -> str:
        return "im" if self.is_im else ("group" if self.is_private else "channel")

    def to_api(self, bot_user_id: str) -> Json:
        api: Json = {"id": self.id, "created": self.created, "is_im": self.is_im, "is_private": self.is_private}
        if self.is_im:
            return api | {"user": self.dm_user, "is_open": True}
        api |= {"name": self.name, "is_channel": not self.is_private, "is_group": self.is_private}
        return api | {"is_member": bot_user_id in self.members, "num_members": len(self.members)}


@dataclass
class FileRecord:
    id: str
    name: str
    length: int
    user: str
    url_private: str
    title: str = ""
    alt_txt: str | None = None
    snippet_type: str | None = None
    content: bytes | None = None  # None until the upload POST arrives
    completed: bool = False
    shares: list[tuple[str, str]] = field(default_factory=list)  # (channel, message ts)
    created: int = field(default_factory=lambda: int(time.time()))

    def to_api(self) -> Json:
        size = len(self.content) if self.content is not None else self.length
        api: Json = {"id": self.id, "created": self.created, "name": self.name, "title": self.title or self.name}
        api |= {"mimetype": "application/octet-stream", "filetype": "binary", "user": self.user, "size": size}
        api |= {"url_private": self.url_private, "url_private_download": self.url_private}
        channels = sorted({channel for channel, _ in self.shares})
        return api | {"channels": channels, "permalink": self.url_private}


@dataclass(frozen=True)
class StatusChange:
    status: str
    loading_messages: tuple[str, ...] = ()
    cleared_by_reply: bool = False
    at: float = field(default_factory=time.monotonic)


@dataclass
class AssistantThread:
    """An AI-app thread in a DM: what assistant.threads.* set on it."""

    channel_id: str
    thread_ts: str
    user_id: str
    context: Json = field(default_factory=dict)
    status_history: list[StatusChange] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    suggested_prompts: list[Json] = field(default_factory=list)  # the latest setSuggestedPrompts arguments

    @property
    def status(self) -> str:
        return self.status_history[-1].status if self.status_history else ""


@dataclass(frozen=True)
class ResponseUrlPost:
    """A POST the bot made to a response_url (Bolt's respond())."""

    token: str
    body: Json


class Workspace:
    """One Slack team with the bot installed."""

    def __init__(self, *, team_id: str = "T0EMU00000", team_name: str = "Emulated Lab") -> None:
        self.team_id, self.team_name, self.domain = team_id, team_name, "emulated-lab"
        self.ids, self.clock = IdFactory(), TsClock()
        self.base_url = "http://127.0.0.1"  # set by the server once it listens
        self.app_id, self.bot_id = "A0EMU00000", "B0EMU00000"
        self.users: dict[str, User] = {}
        self.channels: dict[str, Channel] = {}
        self.files: dict[str, FileRecord] = {}
        self.assistant_threads: dict[tuple[str, str], AssistantThread] = {}
        self.ephemerals: list[Message] = []
        self.responses: list[ResponseUrlPost] = []
        bot = self.add_user("labbot", real_name="labbot", user_id="U0EMU0BOT0", is_bot=True)
        self.bot_user_id = bot.id
        self.alice, self.bob = self.add_user("alice").id, self.add_user("bob").id
        self.general = self.add_channel("general", members={self.alice, self.bob}).id

    # --- directory -------------------------------------------------------------------------------------------

    def add_user(self, name: str, *, real_name: str = "", user_id: str = "", is_bot: bool = False) -> User:
        user = User(user_id or self.ids.new("U"), name, real_name or name.title(), self.team_id, is_bot=is_bot)
        user.bot_id = self.bot_id if is_bot else None
        self.users[user.id] = user
        return user

    def add_channel(self, name: str, *, members: set[str] | None = None, bot_member: bool = True) -> Channel:
        everyone = set(members or set()) | ({self.bot_user_id} if bot_member else set())
        channel = Channel(self.ids.new("C"), name, members=everyone)
        self.channels[channel.id] = channel
        return channel

    def open_dm(self, user_id: str) -> Channel:
        """The bot's DM with `user_id` (the same one every time)."""
        for channel in self.channels.values():
            if channel.is_im and channel.dm_user == user_id:
                return channel
        channel = Channel(self.ids.new("D"), user_id, is_im=True, dm_user=user_id)
        channel.members = {user_id, self.bot_user_id}
        self.channels[channel.id] = channel
        return channel

    # --- messages --------------------------------------------------------------------------------------------

    def add_message(self, channel: Channel, user: str, text: str = "", **fields: Any) -> Message:
        message = Message(self.clock.next(), channel.id, user, text, **fields)
        if self.users.get(user) and self.users[user].is_bot:
            message.bot_id = self.bot_id
        channel.messages.append(message)
        if message.from_bot and message.thread_ts:
            self._clear_status_on_reply(channel.id, message.thread_ts)
        return message

    def find_message(self, channel_id: str, ts: str) -> Message | None:
        channel = self.channels.get(channel_id)
        if channel is None:
            return None
        return next((message for message in channel.messages if message.ts == ts), None)

    def thread(self, channel_id: str, ts: str) -> list[Message]:
        """The thread that `ts` starts or belongs to, parent first, in order; [] when there is no such message."""
        message = self.find_message(channel_id, ts)
        if message is None:
            return []
        root = message.thread_ts or message.ts
        return [m for m in self.channels[channel_id].messages if root in (m.ts, m.thread_ts)]

    def top_level(self, channel_id: str) -> list[Message]:
        return [message for message in self.channels[channel_id].messages if message.thread_ts is None]

    def bot_messages(self, channel_id: str | None = None) -> list[Message]:
        """Everything the bot posted (in one channel, or everywhere), oldest first."""
        channels = [self.channels[channel_id]] if channel_id else list(self.channels.values())
        found = [message for channel in channels for message in channel.messages if message.from_bot]
        return sorted(found, key=lambda message: message.ts)

    def render_message(self, message: Message) -> Json:
        """A message as conversations.history / replies return it."""
        api: Json = {"type": "message", "ts": message.ts, "user": message.user, "text": message.text}
        api["team"] = self.team_id
        blocks = message.blocks or ([rich_text_block(message.text, f"emu{message.ts[-6:]}")] if message.text else [])
        optional: Json = {"blocks": blocks, "bot_id": message.bot_id, "subtype": message.subtype}
        optional |= {"metadata": message.metadata, "thread_ts": message.thread_ts}
        api |= {key: value for key, value in optional.items() if value}
        if message.from_bot:
            api["app_id"] = self.app_id
        if message.file_ids:
            api["files"] = [self.files[file_id].to_api() for file_id in message.file_ids]
        if message.reactions:
            api["reactions"] = self.render_reactions(message)
        if message.edited_ts:
            api["edited"] = {"user": message.user, "ts": message.edited_ts}
        return api | self._reply_summary(message)

    @staticmethod
    def render_reactions(message: Message) -> list[Json]:
        return [{"name": name, "users": users, "count": len(users)} for name, users in message.reactions.items()]

    def _reply_summary(self, message: Message) -> Json:
        if message.thread_ts is not None:
            return {}
        replies = [m for m in self.channels[message.channel].messages if m.thread_ts == message.ts]
        if not replies:
            return {}
        users = list(dict.fromkeys(reply.user for reply in replies))
        summary = {"thread_ts": message.ts, "reply_count": len(replies), "reply_users_count": len(users)}
        return summary | {"reply_users": users, "latest_reply": replies[-1].ts}

    # --- AI-app threads --------------------------------------------------------------------------------------

    def assistant_thread(self, channel_id: str, thread_ts: str) -> AssistantThread:
        key = (channel_id, thread_ts)
        if key not in self.assistant_threads:
            user = self.channels[channel_id].dm_user or ""
            self.assistant_threads[key] = AssistantThread(channel_id, thread_ts, user)
        return self.assistant_threads[key]

    def _clear_status_on_reply(self, channel_id: str, thread_ts: str) -> None:
        # Slack clears an assistant thread's status as soon as the app replies in that thread.
        thread = self.assistant_threads.get((channel_id, thread_ts))
        if thread is not None and thread.status:
            thread.status_history.append(StatusChange("", cleared_by_reply=True))


def rich_text_block(text: str, block_id: str) -> Json:
    """The rich_text block Slack derives from a message's text (mentions become user elements)."""
    elements: list[Json] = []
    for index, piece in enumerate(_MENTION.split(text)):
        if index % 2:
            elements.append({"type": "user", "user_id": piece})
        elif piece:
            elements.append({"type": "text", "text": piece})
    section = {"type": "rich_text_section", "elements": elements}
    return {"type": "rich_text", "block_id": block_id, "elements": [section]}
