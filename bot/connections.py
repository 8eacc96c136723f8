"""Connection limits for the HTTP front door: a header deadline and a cap that evicts idle sockets.

aiohttp has no read-header timeout, and a socket that connects and says nothing holds a file
descriptor for ever; 300 of them under a 256 file limit left no descriptor for Slack, so every
signed event failed. Each connection here must have a request under way within ``header_timeout_s``
of connecting (or of its previous request ending), and at ``limit`` open connections an idle one is
closed to admit the newcomer (the oldest first, those that carried a signed Slack request last:
an unsigned request earns nothing), so a genuine request always gets a socket. The limit is kept
under the process's file limit, with room for Redis, the databases and the listening socket.
"""

from __future__ import annotations

import asyncio
import logging
import resource
import socket
import time
from collections.abc import Awaitable, Callable

from aiohttp import web

log = logging.getLogger("labbot.bot")
FILE_RESERVE = 64  # descriptors kept for everything but client sockets
# asyncio accepts up to `backlog` sockets per wake-up, and may wake twice before the guard first sees
# them; room for that keeps accept() itself from failing (EMFILE pauses all accepting for a second)
ACCEPT_BATCH = 32
# the kernel's queue of connections not yet accepted holds no descriptor of ours: a long one means
# Slack's connection waits its turn behind a flood instead of having its SYN dropped (a 1 s resend)
LISTEN_BACKLOG = 1024
REPORT_EVERY_S = 60.0
SIGNED = web.RequestKey("labbot_signed", bool)  # set by the front door once a Slack signature checks out


def connection_limit(wanted: int) -> int:
    """``wanted``, lowered to fit under the soft RLIMIT_NOFILE with FILE_RESERVE to spare."""
    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return wanted
    fits = max(8, soft - FILE_RESERVE - 2 * ACCEPT_BATCH)
    if fits < wanted:
        log.warning("holding at most %d connections (the file limit is %d)", fits, soft)
    return min(wanted, fits)


class _Guarded(asyncio.Protocol):
    """Passes every protocol call to aiohttp's handler; tracks whether a request is under way."""

    def __init__(self, guard: ConnectionGuard, inner: asyncio.Protocol) -> None:
        self.guard, self.inner = guard, inner
        self.transport: asyncio.BaseTransport | None = None
        self.busy = 0
        self.signed = 0  # requests that carried Slack's signature: this kept-alive connection is Slack's
        self.idle_since = time.monotonic()
        self.deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport
        self.inner.connection_made(transport)
        self.guard.admit(self)

    def data_received(self, data: bytes) -> None:
        self.inner.data_received(data)

    def eof_received(self) -> bool | None:
        return self.inner.eof_received()

    def connection_lost(self, exc: Exception | None) -> None:
        self.guard.forget(self)
        self.inner.connection_lost(exc)

    def pause_writing(self) -> None:
        self.inner.pause_writing()

    def resume_writing(self) -> None:
        self.inner.resume_writing()

    def arm(self, after_s: float) -> None:
        self.disarm()
        self.deadline = asyncio.get_running_loop().call_later(after_s, self.guard.expire, self)

    def disarm(self) -> None:
        if self.deadline is not None:
            self.deadline.cancel()
            self.deadline = None

    def close(self) -> None:
        self.disarm()
        if self.transport is not None:
            self.transport.close()


class ConnectionGuard:
    def __init__(self, limit: int, header_timeout_s: float) -> None:
        self.limit, self.header_timeout_s = limit, header_timeout_s
        self.open: dict[asyncio.BaseTransport, _Guarded] = {}
        self.closed_idle = 0
        self._reported = time.monotonic()

    def factory(self, inner: Callable[[], asyncio.Protocol]) -> Callable[[], asyncio.Protocol]:
        """Wraps aiohttp's protocol factory (its ``web.Server``) for ``loop.create_server``."""
        return lambda: _Guarded(self, inner())

    def admit(self, connection: _Guarded) -> None:
        assert connection.transport is not None
        self.open[connection.transport] = connection
        connection.arm(self.header_timeout_s)
        while len(self.open) > self.limit:
            idle = [c for c in self.open.values() if not c.busy and c is not connection]
            # the oldest idle one goes, one that carried a signed request only when no other is left
            victim = min(idle, key=lambda c: (c.signed > 0, c.idle_since)) if idle else connection
            self._drop(victim)
            if victim is connection:
                break

    def forget(self, connection: _Guarded) -> None:
        connection.disarm()
        if connection.transport is not None:
            self.open.pop(connection.transport, None)

    def expire(self, connection: _Guarded) -> None:
        connection.deadline = None
        if not connection.busy:
            self._drop(connection)

    def _drop(self, connection: _Guarded) -> None:
        self.forget(connection)
        connection.close()
        self.closed_idle += 1
        now = time.monotonic()
        if now - self._reported >= REPORT_EVERY_S:
            log.warning("closed %d idle or slow connections in the last minute", self.closed_idle)
            self.closed_idle, self._reported = 0, now

    @web.middleware
    async def middleware(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        """A request under way keeps its connection; when it ends, the next one has the header deadline."""
        connection = self.open.get(request.transport) if request.transport is not None else None
        if connection is None:
            return await handler(request)
        connection.busy += 1
        connection.disarm()
        try:
            return await handler(request)
        finally:
            connection.busy -= 1
            connection.signed += bool(request.get(SIGNED))
            connection.idle_since = time.monotonic()
            if not connection.busy and connection.transport in self.open:
                connection.arm(self.header_timeout_s)


async def start_guarded_site(runner: web.AppRunner, guard: ConnectionGuard, host: str, port: int) -> asyncio.Server:
    """Listen with aiohttp's request handler behind the guard (stop with server.close(), then runner.cleanup())."""
    assert runner.server is not None, "call runner.setup() first"
    family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    listener = socket.create_server((host, port), family=family, backlog=LISTEN_BACKLOG)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(guard.factory(runner.server), sock=listener, backlog=ACCEPT_BATCH)
    listener.listen(LISTEN_BACKLOG)  # asyncio listened with its batch size; Linux lets the queue grow again
    return server
