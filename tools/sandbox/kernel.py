"""The interpreter inside a bwrap sandbox: one JSON request line in, one JSON reply line out, state kept.

This file is bind-mounted alone into the sandbox (the repo is not), so it imports only the standard
library. The host side is ``tools/sandbox/bwrap.py``; the wire format is private to the two files:

    host → kernel   {"id": 7, "code": "..."}
    kernel → host   {"ready": true}   once, then per request
                    {"id": 7, "stdout": "...", "stderr": "...", "truncated": false, "error": null | {...},
                     "figures": ["<base64 PNG>", ...], "strays": 0}

Everything the kernel reports is written by code it does not trust (the cell runs in this same process
and can forge a reply), so the host re-validates and re-caps it; the kernel's checks are for honest cells.
"""

from __future__ import annotations

import ast
import base64
import builtins
import contextlib
import io
import json
import linecache
import os
import resource
import signal
import sys
import time
import traceback
from pathlib import Path
from types import TracebackType
from typing import Any

CAPTURE_DIR = "/run/labbot-output"  # its own tmpfs: a cell that fills /tmp still has its output captured
MAX_FIGURES = 16
MAX_FIGURE_BYTES = 4 * 1024 * 1024
OPEN_FILES = 512
STRAY_KILL_DEADLINE_S = 2.0
KERNEL_FILE = __file__


def truncation_marker(cut: int) -> str:
    return f"…[output truncated: {cut} bytes cut]"


def apply_rlimits(limits: dict[str, int]) -> None:
    """Hard limits on this process and everything it starts; unprivileged code cannot raise them again."""
    mib = 1024 * 1024
    for kind, value in (
        (resource.RLIMIT_CORE, 0),
        (resource.RLIMIT_AS, limits["memory_mb"] * mib),
        (resource.RLIMIT_FSIZE, limits["file_size_mb"] * mib),
        (resource.RLIMIT_NOFILE, OPEN_FILES),
        (resource.RLIMIT_NPROC, limits["max_processes"]),
    ):
        resource.setrlimit(kind, (value, value))
    # SIGXCPU at the soft limit, SIGKILL a second later. As its PID namespace's init, the kernel ignores a
    # signal's default action, so a handler turns SIGXCPU into an exit status that names the cause.
    signal.signal(signal.SIGXCPU, lambda number, frame: os._exit(128 + number))
    resource.setrlimit(resource.RLIMIT_CPU, (limits["cpu_s"], limits["cpu_s"] + 1))


class CappedText(io.TextIOBase):
    """sys.stdout/sys.stderr for one cell: written through to the captured fd until ``cap`` bytes, then only counted.

    Writing through keeps Python-level and C-level/subprocess output in the order it happened; past the
    cap a write costs no system call, so a flood of prints is cheap.
    """

    def __init__(self, fd: int, cap: int) -> None:
        super().__init__()
        self._fd = fd
        self._cap = cap
        self.written = 0
        self.dropped = 0

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        size = len(text) if text.isascii() else len(text.encode("utf-8", "replace"))
        room = self._cap - self.written
        if room <= 0:
            self.dropped += size
            return len(text)
        data = memoryview(text.encode("utf-8", "replace")[:room])
        self.dropped += size - len(data)
        try:
            while data:
                sent = os.write(self._fd, data)
                self.written += sent
                data = data[sent:]
        except OSError:  # the cell closed or redirected the fd: what could not be written is cut
            self.dropped += len(data)
        return len(text)

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def isatty(self) -> bool:
        return False

    @property
    def encoding(self) -> str:  # type: ignore[override]  # a read-only attribute of io.TextIOBase
        return "utf-8"

    @property
    def buffer(self) -> _BinaryWriter:
        return _BinaryWriter(self)


class _BinaryWriter(io.RawIOBase):
    """sys.stdout.buffer, for code that writes bytes."""

    def __init__(self, text: CappedText) -> None:
        super().__init__()
        self._text = text

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self._text.write(chunk.decode("utf-8", "replace"))
        return len(chunk)


class FdCapture:
    """Everything a cell writes to fd 1 or 2 (Python, C code, subprocesses): a file on the sandbox's capture tmpfs."""

    def __init__(self, fd: int, name: str) -> None:
        path = Path(CAPTURE_DIR) / name
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_APPEND | os.O_CLOEXEC
        self.fd = fd
        self._write_fd = os.open(path, flags, 0o600)
        self._read_fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)  # still readable if the cell deletes the path

    def begin(self) -> None:
        os.ftruncate(self._write_fd, 0)
        os.dup2(self._write_fd, self.fd)  # also repairs an fd the previous cell closed or redirected

    def head(self, limit: int) -> tuple[bytes, int]:
        size = os.fstat(self._read_fd).st_size
        return os.pread(self._read_fd, min(size, limit), 0), size


def stream_text(text: CappedText, capture: FdCapture, cap: int) -> tuple[str, bool]:
    """The first ``cap`` bytes of a stream, and a marker saying how many more were cut."""
    head, size = capture.head(cap)
    kept = head.decode("utf-8", "replace")
    cut = size + text.dropped - len(head)
    if cut <= 0:
        return kept, False
    separator = "" if not kept or kept.endswith("\n") else "\n"
    return f"{kept}{separator}{truncation_marker(cut)}\n", True


class Channel:
    """The request/reply pipe, moved off fds 0 and 1 and not inherited by subprocesses, so stray prints and
    children cannot garble it. A cell can still find it in /proc/self/fd: the host validates every reply."""

    def __init__(self) -> None:
        self._requests = os.fdopen(os.dup(0), "rb")  # os.dup makes non-inheritable copies
        self._replies = os.dup(1)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)  # a cell reading stdin sees EOF, not the next request; TIOCSTI on fd 0 hits /dev/null
        os.close(null)

    def send(self, message: dict[str, Any]) -> None:
        data = memoryview(json.dumps(message).encode() + b"\n")
        while data:
            data = data[os.write(self._replies, data) :]

    def receive(self) -> dict[str, Any] | None:
        line = self._requests.readline()
        if not line:
            return None
        request: dict[str, Any] = json.loads(line)
        return request


def describe_error(error: BaseException) -> dict[str, str]:
    """name/value/traceback, with the kernel's own frames dropped so the traceback starts in the cell."""
    tb: TracebackType | None = error.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename == KERNEL_FILE:
        tb = tb.tb_next
    try:
        value = str(error)
    except Exception:  # a cell's exception class may break its own __str__
        value = f"<unprintable {type(error).__name__}>"
    lines = traceback.format_exception(type(error), error, tb)
    return {"name": type(error).__name__, "value": value, "traceback": "".join(lines)}


def execute(code: str, namespace: dict[str, Any], filename: str) -> None:
    """Run a cell like a notebook does: the value of a final expression is shown, unless a ``;`` ends the cell."""
    linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
    tree = ast.parse(code, filename, "exec")
    last = tree.body[-1] if tree.body else None
    if isinstance(last, ast.Expr) and not code.rstrip().endswith(";"):
        tree.body.pop()
    else:
        last = None
    exec(compile(tree, filename, "exec"), namespace)
    if last is not None:
        value = eval(compile(ast.Expression(last.value), filename, "eval"), namespace)
        if value is not None:
            print(repr(value))


def collect_figures() -> tuple[list[str], str]:
    """Open matplotlib figures as base64 PNG, then closed so the next cell starts with none."""
    pyplot: Any = sys.modules.get("matplotlib.pyplot")
    if pyplot is None:  # never import matplotlib for a cell that did not
        return [], ""
    figures: list[str] = []
    notes: list[str] = []
    try:
        numbers = pyplot.get_fignums()
        for number in numbers[:MAX_FIGURES]:
            buffer = io.BytesIO()
            pyplot.figure(number).savefig(buffer, format="png")
            if buffer.tell() > MAX_FIGURE_BYTES:
                notes.append(f"[figure {number} dropped: its PNG is over {MAX_FIGURE_BYTES} bytes]")
            else:
                figures.append(base64.b64encode(buffer.getvalue()).decode("ascii"))
        if len(numbers) > MAX_FIGURES:
            notes.append(f"[{len(numbers) - MAX_FIGURES} figures dropped: at most {MAX_FIGURES} per cell]")
    except Exception as error:
        notes.append(f"[figures could not be saved: {type(error).__name__}: {error}]")
    finally:
        pyplot.close("all")
    return figures, "".join(f"{note}\n" for note in notes)


def reap_children() -> None:
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def kill_strays(me: int) -> int:
    """Kill every other process of the sandbox (the kernel is its PID 1); return how many survived the deadline.

    kill(-1) signals every process of this PID namespace but the caller, under the tasklist lock, so a
    fork bomb cannot outrun one call; orphans are the kernel's to reap, as PID 1; the loop catches stragglers.
    """
    deadline = time.monotonic() + STRAY_KILL_DEADLINE_S
    while True:
        with contextlib.suppress(ProcessLookupError):  # ESRCH: nobody else left
            os.kill(-1, signal.SIGKILL)
        reap_children()
        others = [entry.name for entry in Path("/proc").iterdir() if entry.name.isdigit() and int(entry.name) != me]
        if not others or time.monotonic() > deadline:
            return len(others)
        time.sleep(0.005)


class Kernel:
    def __init__(self, output_bytes: int) -> None:
        self.me = os.getpid()
        self.cap = output_bytes
        self.cells = 0
        self.namespace: dict[str, Any] = {"__name__": "__main__", "__builtins__": builtins}
        Path(CAPTURE_DIR).mkdir(mode=0o700, parents=True, exist_ok=True)
        self.channel = Channel()
        self.captures = (FdCapture(1, "stdout"), FdCapture(2, "stderr"))

    def run(self, request_id: Any, code: str) -> dict[str, Any]:
        self.cells += 1
        for capture in self.captures:
            capture.begin()
        out, err = CappedText(1, self.cap), CappedText(2, self.cap)
        sys.stdout, sys.stderr = out, err
        error = None
        try:
            execute(code, self.namespace, f"<cell {self.cells}>")
        except BaseException as raised:
            error = raised
        if os.getpid() != self.me:  # a forked child finished the cell: it must never act as the kernel
            os._exit(0)
        figures, notes = collect_figures()
        err.write(notes)
        strays = kill_strays(self.me)
        sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
        stdout, cut_out = stream_text(out, self.captures[0], self.cap)
        stderr, cut_err = stream_text(err, self.captures[1], self.cap)
        return {
            "id": request_id,
            "stdout": stdout,
            "stderr": stderr,
            "truncated": cut_out or cut_err,
            "error": None if error is None else self.describe(error),
            "figures": figures,
            "strays": strays,
        }

    @staticmethod
    def describe(error: BaseException) -> dict[str, str]:
        try:
            return describe_error(error)
        except Exception as broken:  # an exception whose formatting fails must not take the kernel down
            return {"name": type(error).__name__, "value": "", "traceback": f"(traceback unavailable: {broken!r})"}

    def serve(self) -> None:
        self.channel.send({"ready": True})
        while (request := self.channel.receive()) is not None:
            self.channel.send(self.run(request.get("id"), str(request.get("code", ""))))


def main() -> None:
    limits = json.loads(sys.argv[1])
    apply_rlimits(limits)
    Kernel(limits["output_bytes"]).serve()


if __name__ == "__main__":
    main()
