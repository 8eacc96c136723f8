"""What the HTTP stand-ins share: a server on a free loopback port, in a daemon thread, as a context manager."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self


class LoopbackServer:
    """Answers each request with ``_answer``; a stand-in says which HTTP ``methods`` it serves (others get 501)."""

    url_path = ""  # appended to the server's address in ``url``
    methods: tuple[str, ...] = ("GET",)
    daemon_threads = False  # True: a request still being answered does not hold up stop()
    _server: ThreadingHTTPServer | None = None
    _thread: threading.Thread | None = None

    def start(self) -> Self:
        if self._server is not None:
            raise RuntimeError("already started")
        answer = self._answer

        class Handler(QuietHandler):
            def serve(self) -> None:
                self.reply(*answer(self))

        for method in self.methods:
            setattr(Handler, f"do_{method}", Handler.serve)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = self.daemon_threads
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()
        return self

    def _answer(self, request: QuietHandler) -> tuple[int, Mapping[str, str], bytes]:
        """(status, headers, body) for one request."""
        raise NotImplementedError

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join()
        self._server = self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()

    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("not started")
        return f"http://127.0.0.1:{self._server.server_address[1]}{self.url_path}"


class QuietHandler(BaseHTTPRequestHandler):
    """HTTP/1.0: a connection per request, none left open by stop(); nothing logged."""

    def body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def reply(self, status: int, headers: Mapping[str, str], body: bytes) -> None:
        self.send_response(status)
        for name, value in {**headers, "Content-Length": str(len(body))}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass
