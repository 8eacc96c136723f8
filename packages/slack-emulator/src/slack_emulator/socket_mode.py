"""Socket Mode: the websocket apps.connections.open points at, served by aiohttp beside the Web API.

As Slack does, the server
- accepts a URL only once (each apps.connections.open mints a ticket), sends `hello` on connect, answers the
  client's pings and never pings first;
- pushes envelopes `{"envelope_id", "type", "accepts_response_payload", "retry_attempt", "retry_reason",
  "payload"}`; first deliveries carry `retry_attempt: 0, retry_reason: ""` (Bolt turns these into
  `x-slack-retry-num: "0"` headers, so a retry test must compare with "0", not test truthiness);
- takes acks `{"envelope_id", "payload"?}` on any connection (clients ack on their newest one);
- redelivers an envelope not acked within the retry policy's deadline, with a new envelope_id,
  `retry_attempt` + 1 and `retry_reason: "timeout"`;
- on `request_refresh` sends `{"type": "disconnect", "reason": "refresh_requested"}`, stops using that
  connection and closes it after a grace period; envelopes with no usable connection wait for the next one.
`drop` ends connections without a close frame, as a network failure would; clients doing the same is normal
(slack_sdk's builtin client never sends one).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
import uuid
from collections.abc import Coroutine
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSCloseCode, WSMsgType, web

from slack_emulator.records import Attempt, EventDelivery, Json, RetryPolicy
from slack_emulator.state import Workspace

SOCKET_PATH = "/link/"


@dataclass(eq=False)
class SocketConnection:
    number: int
    ticket: str
    request: web.Request = field(repr=False)
    socket: web.WebSocketResponse = field(repr=False)
    opened_at: float = field(default_factory=time.monotonic)
    draining: bool = False  # sent a disconnect: no new envelopes go here
    closed_at: float | None = None
    close_reason: str | None = None
    received: list[Json] = field(default_factory=list)

    @property
    def open(self) -> bool:
        return self.closed_at is None


class SocketModeServer:
    def __init__(self, workspace: Workspace, policy: RetryPolicy, *, disconnect_grace_s: float = 0.5) -> None:
        self.workspace, self.policy, self.disconnect_grace_s = workspace, policy, disconnect_grace_s
        self.ws_base = "ws://127.0.0.1"  # set by the server once it listens
        self.connections: list[SocketConnection] = []
        self.refused_handshakes: list[str] = []
        self.stray_frames: list[str] = []  # frames that were not JSON acks of a known envelope
        self._tickets: dict[str, bool] = {}  # ticket -> used
        self._envelopes: dict[str, tuple[EventDelivery, Attempt]] = {}
        self._waiting: list[tuple[EventDelivery, Attempt]] = []
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def live(self) -> list[SocketConnection]:
        return [connection for connection in self.connections if connection.open]

    def issue_url(self) -> str:
        ticket = uuid.uuid4().hex
        self._tickets[ticket] = False
        return f"{self.ws_base}{SOCKET_PATH}?ticket={ticket}&app_id={self.workspace.app_id}"

    async def handle(self, request: web.Request) -> web.StreamResponse:
        ticket = request.query.get("ticket", "")
        if self._tickets.get(ticket) is not False:
            self.refused_handshakes.append(ticket)
            return web.Response(status=401, text="invalid_ticket")
        self._tickets[ticket] = True
        socket = web.WebSocketResponse(autoping=True)  # pongs to client pings; Slack never pings first
        await socket.prepare(request)
        connection = SocketConnection(len(self.connections) + 1, ticket, request, socket)
        self.connections.append(connection)
        await socket.send_str(json.dumps(self._hello()))
        await self._send_waiting()
        try:
            async for frame in socket:
                if frame.type == WSMsgType.TEXT:
                    self._on_text(connection, frame.data)
        except ConnectionError:
            pass  # a client that vanished without a close frame
        finally:
            connection.closed_at = time.monotonic()
            connection.close_reason = connection.close_reason or f"closed by client ({socket.close_code})"
        return socket

    def _hello(self) -> Json:
        debug = {"host": "applink-emulator", "build_number": 1, "approximate_connection_time": 18060}
        connection_info = {"app_id": self.workspace.app_id}
        return {
            "type": "hello",
            "num_connections": len(self.live),
            "debug_info": debug,
            "connection_info": connection_info,
        }

    def _on_text(self, connection: SocketConnection, text: str) -> None:
        try:
            frame = json.loads(text)
        except json.JSONDecodeError:
            self.stray_frames.append(text)
            return
        connection.received.append(frame)
        known = self._envelopes.get(str(frame.get("envelope_id"))) if isinstance(frame, dict) else None
        if known is None:
            self.stray_frames.append(text)
            return
        delivery, attempt = known
        payload = frame.get("payload")
        delivery.mark_acked(attempt, payload if isinstance(payload, dict) else None)

    # --- pushing envelopes -------------------------------------------------------------------------------------

    async def push(self, delivery: EventDelivery, *, number: int = 0, reason: str = "") -> Attempt:
        attempt = Attempt(number, reason or None, envelope_id=str(uuid.uuid4()))
        delivery.attempts.append(attempt)
        self._envelopes[str(attempt.envelope_id)] = (delivery, attempt)
        await self._send(delivery, attempt)
        return attempt

    async def _send(self, delivery: EventDelivery, attempt: Attempt) -> None:
        targets = [connection for connection in self.live if not connection.draining]
        if not targets:
            self._waiting.append((delivery, attempt))
            return
        envelope: Json = {"envelope_id": attempt.envelope_id, "type": delivery.kind}
        envelope["accepts_response_payload"] = _accepts_response_payload(delivery)
        envelope |= {"retry_attempt": attempt.number, "retry_reason": attempt.retry_reason or ""}
        try:
            await targets[-1].socket.send_str(json.dumps(envelope | {"payload": delivery.payload}))
        except (ConnectionError, RuntimeError):
            self._waiting.append((delivery, attempt))
            return
        attempt.sent_at = time.monotonic()
        if attempt.number < self.policy.max_retries:
            self._spawn(self._redeliver_unless_acked(delivery, attempt))

    async def _send_waiting(self) -> None:
        waiting, self._waiting = self._waiting, []
        for delivery, attempt in waiting:
            await self._send(delivery, attempt)

    async def _redeliver_unless_acked(self, delivery: EventDelivery, attempt: Attempt) -> None:
        await asyncio.sleep(self.policy.ack_timeout_s)
        if delivery.acked:
            return
        await asyncio.sleep(self.policy.delay_before(attempt.number + 1))
        if not delivery.acked:
            await self.push(delivery, number=attempt.number + 1, reason="timeout")

    # --- connection faults -------------------------------------------------------------------------------------

    async def request_refresh(self, reason: str = "refresh_requested") -> None:
        """Tell every live connection to reconnect, then close it after the grace period."""
        for connection in self.live:
            connection.draining = True
            frame = {"type": "disconnect", "reason": reason, "debug_info": {"host": "applink-emulator"}}
            with contextlib.suppress(ConnectionError, RuntimeError):
                await connection.socket.send_str(json.dumps(frame))
            self._spawn(self._close_later(connection, reason))

    async def drop(self) -> None:
        """Cut every live connection at the TCP level: no disconnect message, no close frame."""
        for connection in self.live:
            connection.close_reason = "dropped by the emulator"
            if connection.request.transport is not None:
                connection.request.transport.abort()

    async def _close_later(self, connection: SocketConnection, reason: str) -> None:
        await asyncio.sleep(self.disconnect_grace_s)
        if connection.open:
            connection.close_reason = f"closed by the emulator after disconnect ({reason})"
            await connection.socket.close(code=WSCloseCode.GOING_AWAY)

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        for connection in self.live:
            connection.close_reason = "emulator stopped"
            with contextlib.suppress(ConnectionError, RuntimeError):
                await connection.socket.close(code=WSCloseCode.GOING_AWAY)

    def _spawn(self, coroutine: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)


def _accepts_response_payload(delivery: EventDelivery) -> bool:
    # Slack takes a response in the ack only where the HTTP answer would carry one: slash commands, modal
    # submissions and select-menu options; never for events or button clicks.
    if delivery.kind == "slash_commands":
        return True
    return delivery.kind == "interactive" and delivery.payload.get("type") in ("view_submission", "block_suggestion")
