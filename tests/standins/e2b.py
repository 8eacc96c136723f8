"""Loopback stand-in for E2B: the control plane (create, kill) and the code-interpreter server (/execute…).

``E2BStandIn`` serves on one ephemeral 127.0.0.1 port, given to the client as both ``api_url`` and
``sandbox_url``: the fixed ports 49999/49983 would collide between parallel tests (design note
service-standins §1, which needs e2b-code-interpreter >= 2.9). Cells run for real in labbot's own bubblewrap
sandbox, one ``BwrapSandbox`` per E2B sandbox (and per extra context), so state persists across cells and
containment probes sent through the real E2B client meet real walls.

The wire protocol, as e2b 2.63 / e2b-code-interpreter 2.11.5 and the template's FastAPI server speak it:

    POST /v2/sandboxes      X-API-KEY; {"templateID", "timeout", "allow_internet_access", ...}
                            → 201 {"templateID", "sandboxID", "clientID", "envdVersion", "envdAccessToken"}
    DELETE /sandboxes/{id}  X-API-KEY → 204, or 404 for an unknown or finished sandbox
    POST /execute           E2b-Sandbox-Id, X-Access-Token; {"code", "context_id", "language", "env_vars"}
                            → 200, chunked NDJSON: number_of_executions, keepalive while the cell runs, stdout,
                            stderr, result (png / text / is_main_result), error, and always end_of_execution
    POST /contexts          a new context: a new interpreter of the same sandbox, run with {"context_id"}
    GET /health             envd's probe: 204 while the sandbox lives, 502 once it is gone (as E2B's edge answers)

Not modelled: the real server interrupts the kernel when a client disconnects mid-cell (here the cell runs on
until its sandbox is killed); stdout and stderr are not interleaved (all stdout, then all stderr); a main
result's text is ``repr``, not IPython's pretty-printer (surrounding quotes are stripped, as E2B does);
``env_vars`` are ignored; a sandbox's lifetime is not enforced (``expire`` ends one as its end would).
Output reaches the client already capped by bwrap's kernel at ``output_bytes`` (larger than the client's
cap by default, so the client's own cut is exercised) and ends with that kernel's marker.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
import socket
import threading
from collections.abc import Coroutine
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Self, TypeVar

from pydantic import SecretStr

from tests.standins.e2b_cells import capture_final_expression, execution_lines
from tests.standins.http import LoopbackServer
from tools.sandbox.bwrap import BwrapSandbox, BwrapSandboxProvider
from tools.sandbox.protocol import ExecError, ExecResult
from tools.settings import SandboxSettings, Settings

T = TypeVar("T")
_ROUTES = {("POST", "/v2/sandboxes"): "create", ("POST", "/execute"): "execute", ("GET", "/health"): "health"}
_ROUTES[("POST", "/contexts")] = "contexts"


class _Fail(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


@dataclass(frozen=True)
class StandInRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: Any


@dataclass
class _Sandbox:
    id: str
    token: str
    contexts: dict[str, BwrapSandbox]  # "default" and any created by POST /contexts
    cells: int = 0
    alive: bool = True


@dataclass
class _Fault:
    status: int | None  # None: drop the connection instead of answering
    message: str
    times: int


class E2BStandIn(LoopbackServer):
    """See the module docstring. ``with E2BStandIn(limits) as stand_in: settings = stand_in.settings(limits)``."""

    def __init__(
        self,
        limits: SandboxSettings,
        *,
        api_key: str = "e2b_standin_0123456789abcdef",
        output_bytes: int = 1024 * 1024,
        cell_limit_s: float = 60.0,
        keepalive_s: float = 1.0,
    ) -> None:
        # The client's deadline is what tests time, so the stand-in's own per-cell limit sits well beyond it.
        self.bwrap = BwrapSandboxProvider(
            limits.model_copy(update={"output_bytes": output_bytes, "timeout_s": cell_limit_s})
        )
        self.api_key = api_key
        self.keepalive_s = keepalive_s
        self.sentinel = f"\x00standin-main-result-{secrets.token_hex(8)}\x00"
        self.bwrap_sandboxes: list[BwrapSandbox] = []  # every interpreter ever started: what leak checks inspect
        self._sandboxes: dict[str, _Sandbox] = {}
        self._requests: list[StandInRequest] = []
        self._faults: dict[str, list[_Fault]] = {}
        self._lock = threading.Lock()
        self._connections: set[socket.socket] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: ThreadingHTTPServer | None = None
        self._threads: list[threading.Thread] = []

    # ---- lifecycle --------------------------------------------------------------------------------------------------

    def start(self) -> Self:
        if self._server is not None:
            raise RuntimeError("the stand-in is already running")
        self._loop = asyncio.new_event_loop()  # BwrapSandbox is asyncio; handler threads hand it coroutines
        self._server = _Server(self)
        self._threads = [
            threading.Thread(target=self._loop.run_forever, daemon=True),
            threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True),
        ]
        for thread in self._threads:
            thread.start()
        return self

    def stop(self) -> None:
        if self._server is None or self._loop is None:
            return
        for sandbox_id in self.live_sandboxes():
            self._finish(sandbox_id)
        self._server.shutdown()
        with self._lock:
            for connection in self._connections:  # idle keep-alive connections would hold their threads
                with contextlib.suppress(OSError):
                    connection.shutdown(socket.SHUT_RDWR)
        self._server.server_close()
        self._loop.call_soon_threadsafe(self._loop.stop)
        for thread in self._threads:
            thread.join(10)
        self._loop.close()
        self._server = self._loop = None

    def settings(self, limits: SandboxSettings, **overrides: Any) -> Settings:
        """Settings that point the e2b backend at this stand-in: one URL for the API and every sandbox port."""
        sandbox = limits.model_copy(update={"backend": "e2b", "e2b_api_url": self.url, "e2b_sandbox_url": self.url})
        return Settings(sandbox=sandbox.model_copy(update=overrides), e2b_api_key=SecretStr(self.api_key))

    # ---- what tests look at and switch --------------------------------------------------------------------------

    @property
    def requests(self) -> list[StandInRequest]:
        with self._lock:
            return list(self._requests)

    def live_sandboxes(self) -> list[str]:
        with self._lock:
            return [sandbox.id for sandbox in self._sandboxes.values() if sandbox.alive]

    def fail_next(self, route: str, status: int, *, message: str = "stand-in fault", times: int = 1) -> None:
        """Answer the next ``times`` requests of ``route`` (create, kill, execute, health, contexts) with ``status``."""
        with self._lock:
            self._faults.setdefault(route, []).append(_Fault(status, message, times))

    def drop_next(self, route: str, *, times: int = 1) -> None:
        """Close the connection instead: before any answer, or for execute mid-stream after its first line."""
        with self._lock:
            self._faults.setdefault(route, []).append(_Fault(None, "", times))

    def expire(self, sandbox_id: str) -> None:
        """End a sandbox as its lifetime running out would: its interpreters die, it answers 502 from then on."""
        self._finish(sandbox_id)

    # ---- internals ----------------------------------------------------------------------------------------------

    def _call(self, coroutine: Coroutine[Any, Any, T], timeout: float | None = 120) -> T:
        if self._loop is None:
            coroutine.close()
            raise _Fail(503, "the stand-in is stopping")
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout)

    def _fault(self, route: str) -> _Fault | None:
        with self._lock:
            queue = self._faults.get(route, [])
            if not queue:
                return None
            fault = queue[0]
            fault.times -= 1
            if fault.times <= 0:
                queue.pop(0)
            return fault

    def _record(self, request: StandInRequest) -> None:
        with self._lock:
            self._requests.append(request)

    def _check_key(self, headers: dict[str, str]) -> None:
        if headers.get("x-api-key") != self.api_key:
            raise _Fail(401, "Invalid API key")

    def _open_interpreter(self) -> BwrapSandbox:
        box = self._call(self.bwrap.open())
        with self._lock:
            self.bwrap_sandboxes.append(box)
        return box

    def create(self, headers: dict[str, str], body: Any) -> dict[str, Any]:
        self._check_key(headers)
        if not isinstance(body, dict) or not isinstance(body.get("templateID"), str):
            raise _Fail(400, "templateID is required")
        try:
            box = self._open_interpreter()
        except Exception as error:
            raise _Fail(500, f"the stand-in's bwrap sandbox did not start: {error}") from error
        sandbox = _Sandbox(f"sbx{secrets.token_hex(6)}", secrets.token_hex(16), {"default": box})
        with self._lock:
            self._sandboxes[sandbox.id] = sandbox
        return {
            "templateID": body["templateID"],
            "sandboxID": sandbox.id,
            "clientID": "standin",
            "envdVersion": "0.2.0",
            "envdAccessToken": sandbox.token,
        }

    def _finish(self, sandbox_id: str) -> bool:
        with self._lock:
            sandbox = self._sandboxes.get(sandbox_id)
            if sandbox is None or not sandbox.alive:
                return False
            sandbox.alive = False
        for box in sandbox.contexts.values():
            self._call(box.close())
        return True

    def kill(self, headers: dict[str, str], sandbox_id: str) -> None:
        self._check_key(headers)
        if not self._finish(sandbox_id):
            raise _Fail(404, f"sandbox {sandbox_id} not found")

    def sandbox_for(self, headers: dict[str, str]) -> _Sandbox:
        with self._lock:
            sandbox = self._sandboxes.get(headers.get("e2b-sandbox-id", ""))
        if sandbox is None or not sandbox.alive:
            raise _Fail(502, "The sandbox was not found")
        if headers.get("x-access-token") != sandbox.token:
            raise _Fail(401, "invalid access token")
        return sandbox

    def interpreter(self, headers: dict[str, str], body: Any) -> tuple[_Sandbox, BwrapSandbox]:
        sandbox = self.sandbox_for(headers)
        if not isinstance(body, dict) or not isinstance(body.get("code"), str):
            raise _Fail(422, "code is required")
        if body.get("language") not in (None, "python"):
            raise _Fail(400, "the stand-in runs python only")
        context = body.get("context_id") or "default"
        if context not in sandbox.contexts:
            raise _Fail(404, f"Context {context} not found")
        return sandbox, sandbox.contexts[context]

    def new_context(self, headers: dict[str, str], body: Any) -> dict[str, Any]:
        sandbox = self.sandbox_for(headers)
        context_id = secrets.token_hex(8)
        sandbox.contexts[context_id] = self._open_interpreter()
        cwd = body.get("cwd") if isinstance(body, dict) else None
        return {"id": context_id, "language": "python", "cwd": cwd or "/home/user"}


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, stand_in: E2BStandIn) -> None:
        self.stand_in = stand_in
        super().__init__(("127.0.0.1", 0), _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self.stand_in._lock:
            self.stand_in._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self.stand_in._lock:
            self.stand_in._connections.discard(request)
        super().shutdown_request(request)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive and chunked streams, as uvicorn answers
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _serve(self) -> None:
        stand_in, method = self.server.stand_in, self.command
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        headers = {key.lower(): value for key, value in self.headers.items()}
        path = self.path.split("?", 1)[0]
        stand_in._record(StandInRequest(method, path, headers, body))
        try:
            self._route(stand_in, method, path, headers, body)
        except _Fail as failure:
            self._answer(failure.status, {"code": failure.status, "message": failure.message})

    do_GET = do_POST = do_DELETE = _serve

    def _route(self, stand_in: E2BStandIn, method: str, path: str, headers: dict[str, str], body: Any) -> None:
        route = "kill" if method == "DELETE" and path.startswith("/sandboxes/") else _ROUTES.get((method, path))
        if route is None:
            raise _Fail(404, f"no route {method} {path}")
        fault = stand_in._fault(route)
        if fault is not None and (fault.status is not None or route != "execute"):
            if fault.status is None:
                self.close_connection = True
                return
            raise _Fail(fault.status, fault.message)
        if route == "create":
            self._answer(201, stand_in.create(headers, body))
        elif route == "kill":
            stand_in.kill(headers, path.removeprefix("/sandboxes/"))
            self._answer(204, None)
        elif route == "health":
            stand_in.sandbox_for(headers)
            self._answer(204, None)
        elif route == "contexts":
            self._answer(200, stand_in.new_context(headers, body))
        else:
            self._execute(stand_in, headers, body, drop=fault is not None)

    def _answer(self, status: int, payload: Any) -> None:
        data = b"" if payload is None else json.dumps(payload).encode()
        self.send_response(status)
        if status != 204:  # a 204 carries no body and no length
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _line(self, item: dict[str, Any]) -> None:
        data = json.dumps(item).encode() + b"\n"  # one object per line, never a blank one
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    def _execute(self, stand_in: E2BStandIn, headers: dict[str, str], body: Any, *, drop: bool) -> None:
        sandbox, box = stand_in.interpreter(headers, body)
        sandbox.cells += 1
        code = capture_final_expression(body["code"], stand_in.sentinel)
        self.send_response(200)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        try:
            self._line({"type": "number_of_executions", "execution_count": sandbox.cells})
            if drop:  # the connection breaks mid-stream: the chunked body never ends
                self.close_connection = True
                return
            result = self._await_cell(stand_in, box, code)
            for item in [*execution_lines(result, stand_in.sentinel), {"type": "end_of_execution"}]:
                self._line(item)
            self.wfile.write(b"0\r\n\r\n")
        except OSError:  # the client went away (its deadline, a kill): nothing more to say
            self.close_connection = True

    def _await_cell(self, stand_in: E2BStandIn, box: BwrapSandbox, code: str) -> ExecResult:
        """Run the cell, writing a keepalive line each ``keepalive_s`` as the real server does to notice a
        vanished client (the write fails)."""
        if stand_in._loop is None:
            raise OSError("the stand-in is stopping")
        future = asyncio.run_coroutine_threadsafe(box.run(code), stand_in._loop)
        while True:
            try:
                return future.result(stand_in.keepalive_s)
            except TimeoutError:
                self._line({"type": "keepalive"})
            except Exception as error:  # the interpreter is gone (closed, could not restart): the server's own words
                value = f"Connection to the execution was closed before the execution was finished ({error})"
                return ExecResult(error=ExecError("UnexpectedEndOfExecution", value))
