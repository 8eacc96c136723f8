"""`SlackEmulator`: the Web API, Socket Mode and event delivery on one loopback port, with what tests inspect.

async with SlackEmulator() as slack:
    client = AsyncWebClient(token=slack.bot_token, base_url=slack.api_url)   # api_url ends with "/"
    ...  # start the bot against slack.api_url (Socket Mode: slack.app_token; HTTP: set slack.events_url)
    asked = await slack.post_user_message(f"<@{slack.bot_user_id}> what is a hazard ratio?")
    reply = await slack.wait_for_bot_message(asked.message.channel, thread_ts=asked.message.ts)
    assert slack.violations == [] and slack.early_retries == [] and slack.posted_control_sequences() == []
"""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from types import TracebackType
from typing import TypeVar

from aiohttp import web

from slack_emulator.actions import DEFAULT_SUBSCRIPTIONS, UserActions
from slack_emulator.events import FORM_TYPE, JSON_TYPE, ForgedAttempt, Forgery, HttpEventSender
from slack_emulator.faults import Budget, Faults
from slack_emulator.limits import DEFAULT_LIMITS, SlackLimits
from slack_emulator.methods_chat import ChatMethods, StreamRules
from slack_emulator.methods_workspace import WorkspaceMethods
from slack_emulator.mrkdwn import ControlSequence, live_control_sequences_in
from slack_emulator.payloads import Payloads, form_body, interactive_form_body
from slack_emulator.records import (
    EarlyRetry,
    EnvelopeKind,
    EventDelivery,
    RateLimitHit,
    RecordedCall,
    RetryPolicy,
    Transport,
    Violation,
)
from slack_emulator.socket_mode import SOCKET_PATH, SocketModeServer
from slack_emulator.state import Json, Message, Workspace
from slack_emulator.web_api import Credentials, WebApi

T = TypeVar("T")


@dataclass(frozen=True)
class EmulatorConfig:
    transport: Transport = "socket_mode"
    credentials: Credentials = field(default_factory=Credentials)
    retry_policy: RetryPolicy = field(default_factory=RetryPolicy)
    limits: SlackLimits = DEFAULT_LIMITS
    stream_rules: StreamRules = field(default_factory=StreamRules)
    subscriptions: frozenset[str] = DEFAULT_SUBSCRIPTIONS
    budgets: dict[str, Budget] | None = None  # None: Slack's (chat.postMessage ~1/s per channel, bursts of 3)
    disconnect_grace_s: float = 0.5
    seed: int = 0
    host: str = "127.0.0.1"
    port: int = 0
    events_url: str | None = None  # the bot's HTTP endpoint, for transport="http"


class SlackEmulator(UserActions):
    def __init__(self, config: EmulatorConfig | None = None) -> None:
        self.config = config or EmulatorConfig()
        self.subscriptions = self.config.subscriptions
        self.workspace = Workspace()
        self.payloads = Payloads(self.workspace)
        self.faults = Faults(seed=self.config.seed, budgets=self.config.budgets)
        self.web_api = WebApi(self.workspace, self.faults, self.config.credentials)
        self.socket_mode = SocketModeServer(
            self.workspace, self.config.retry_policy, disconnect_grace_s=self.config.disconnect_grace_s
        )
        self.http_events = HttpEventSender(self.config.credentials.signing_secret, self.config.retry_policy)
        self.http_events.url = self.config.events_url
        chat = ChatMethods(self.workspace, self.config.limits, self.config.stream_rules)
        others = WorkspaceMethods(self.workspace, self.socket_mode.issue_url)
        self.web_api.handlers = chat.handlers() | others.handlers()
        self.deliveries: list[EventDelivery] = []
        self.base_url = ""
        self._runner: web.AppRunner | None = None

    # --- lifecycle ---------------------------------------------------------------------------------------------

    async def start(self) -> SlackEmulator:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        self.web_api.add_routes(app)
        app.router.add_get(SOCKET_PATH, self.socket_mode.handle)
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.bind((self.config.host, self.config.port))
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        await web.SockSite(self._runner, listener).start()
        port = listener.getsockname()[1]
        self.base_url = f"http://{self.config.host}:{port}"
        self.workspace.base_url = self.base_url
        self.socket_mode.ws_base = f"ws://{self.config.host}:{port}"
        return self

    async def stop(self) -> None:
        await self.socket_mode.close()
        await self.http_events.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> SlackEmulator:
        return await self.start()

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        await self.stop()

    # --- what a client needs -----------------------------------------------------------------------------------

    @property
    def api_url(self) -> str:
        """The Web API base for slack_sdk's base_url; the trailing slash matters (urljoin drops "api" without it)."""
        return f"{self.base_url}/api/"

    @property
    def bot_token(self) -> str:
        return self.config.credentials.bot_token

    @property
    def app_token(self) -> str:
        return self.config.credentials.app_token

    @property
    def signing_secret(self) -> str:
        return self.config.credentials.signing_secret

    @property
    def bot_user_id(self) -> str:
        return self.workspace.bot_user_id

    @property
    def events_url(self) -> str | None:
        return self.http_events.url

    @events_url.setter
    def events_url(self, url: str | None) -> None:
        self.http_events.url = url

    # --- delivery ----------------------------------------------------------------------------------------------

    async def deliver(self, kind: EnvelopeKind, payload: Json) -> EventDelivery:
        """Send an event envelope, slash command or interaction to the bot by the configured transport."""
        event_id = payload.get("event_id") if kind == "events_api" else None
        delivery = EventDelivery(kind, payload, self.config.transport, event_id)
        self.deliveries.append(delivery)
        if self.config.transport == "socket_mode":
            await self.socket_mode.push(delivery)
            return delivery
        body, content_type = _http_body(kind, payload)
        return await self.http_events.deliver(delivery, body, content_type)

    async def redeliver(self, delivery: EventDelivery, number: int, *, transport: Transport | None = None) -> None:
        """Deliver `delivery` again as Slack's retry `number` (1-3), acknowledged or not, by `transport`
        (the configured one by default): what Slack does when an ack was lost on the way back."""
        if (transport or self.config.transport) == "socket_mode":
            await self.socket_mode.push(delivery, number=number, reason="timeout")
            return
        body, content_type = _http_body(delivery.kind, delivery.payload)
        await self.http_events.retry(delivery, body, content_type, number=number)

    async def send_forged(self, payload: Json, forgery: Forgery) -> ForgedAttempt:
        """POST an event_callback envelope to the bot's endpoint with one thing wrong in its signing."""
        return await self.http_events.send_forged(json.dumps(payload).encode(), forgery)

    # --- inspection --------------------------------------------------------------------------------------------

    @property
    def calls(self) -> list[RecordedCall]:
        return self.web_api.calls

    def calls_to(self, method: str) -> list[RecordedCall]:
        return [call for call in self.web_api.calls if call.method == method]

    @property
    def violations(self) -> list[Violation]:
        return self.web_api.violations

    @property
    def rate_limit_hits(self) -> list[RateLimitHit]:
        return self.faults.rate_limit_hits

    @property
    def early_retries(self) -> list[EarlyRetry]:
        return self.faults.early_retries

    def thread(self, channel: str, ts: str) -> list[Message]:
        return self.workspace.thread(channel, ts)

    def bot_messages(self, channel: str | None = None) -> list[Message]:
        return self.workspace.bot_messages(channel)

    def posted_control_sequences(self) -> list[ControlSequence]:
        """Every live mention, broadcast, date or link in what the bot posted (messages, ephemerals, streams)."""
        found: list[ControlSequence] = []
        for message in [*self.workspace.bot_messages(), *self.workspace.ephemerals]:
            posted: Json = {"text": message.text, "blocks": message.blocks}
            if message.stream is not None:
                posted["chunks"] = message.stream.chunks
            found += live_control_sequences_in(posted, f"/{message.channel}/{message.ts}")
        return found

    async def wait_for(self, condition: Callable[[], T | None], *, timeout_s: float = 5.0) -> T:
        """Poll `condition` until it returns something truthy; TimeoutError after `timeout_s`."""
        deadline = asyncio.get_running_loop().time() + timeout_s
        while not (result := condition()):
            if asyncio.get_running_loop().time() > deadline:
                raise TimeoutError(f"condition not met within {timeout_s} s")
            await asyncio.sleep(0.02)
        return result

    async def wait_for_bot_message(
        self, channel: str, *, thread_ts: str | None = None, after_ts: str = "0", timeout_s: float = 5.0
    ) -> Message:
        """The first bot message in `channel` (in the thread `thread_ts`, if given) newer than `after_ts`."""

        def first_match() -> Message | None:
            for message in self.workspace.bot_messages(channel):
                in_thread = thread_ts is None or thread_ts in (message.thread_ts, message.ts)
                if in_thread and float(message.ts) > float(after_ts) and message.subtype is None:
                    return message
            return None

        return await self.wait_for(first_match, timeout_s=timeout_s)


def _http_body(kind: EnvelopeKind, payload: Json) -> tuple[bytes, str]:
    if kind == "slash_commands":
        return form_body({key: str(value) for key, value in payload.items()}), FORM_TYPE
    if kind == "interactive":
        return interactive_form_body(payload), FORM_TYPE
    return json.dumps(payload).encode(), JSON_TYPE
