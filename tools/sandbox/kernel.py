"""The interpreter inside a bwrap sandbox: one JSON request line in, one JSON reply line out, state kept.

This file is bind-mounted alone into the sandbox (the repo is not), so it imports only the standard
library. The host side is ``tools/sandbox/bwrap.py``; the wire format is private to the two files:

    host → kernel   {"id": 7, "code": "..."}
    kernel → host   {"ready": true}   once, then per request
                    {"id": 7, "stdout": "...", "stderr": "...", "truncated": false, "error": null | {...},
                     "figures": ["<base64 PNG>", ...], "strays": 0}
                    or {"id": 7, "violation": "..."} when the worker broke the protocol below

Two processes, so that a cell cannot speak for the kernel. The *supervisor* (PID 1 of the sandbox) alone
holds the pipe to the host; it is not dumpable, so no other process of the sandbox can open its fds through
/proc or read its memory (ptrace, process_vm_readv and pidfd_getfd are also cut by the seccomp filter). It
forks the *worker*, which runs the cells and keeps their state. Each request reaches the worker with a
fresh random nonce that its reply must carry; bytes the worker sends between cells, or a reply without
the nonce, are a violation, and the host replaces the sandbox. So a cell cannot forge a reply to the host
nor queue replies for later cells. The supervisor counts what is left after a cell itself (processes and
threads), whatever the worker says. What a cell can still do is what any cell can: change the state that
later cells of the same sandbox run in (for instance redefine a function they call); the host therefore
still re-checks and re-caps every field, and figures are checked as PNGs (``figures.py``).
"""

from __future__ import annotations

import ast
import base64
import builtins
import contextlib
import ctypes
import io
import json
import linecache
import os
import resource
import secrets
import select
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
SUPERVISOR_PID = 1
PR_SET_DUMPABLE = 4
PR_SET_CHILD_SUBREAPER = 36
# One worker reply: two capped streams (JSON escapes a byte in at most 6) and base64 figures; bwrap.py's limit
REPLY_FIGURE_BYTES = MAX_FIGURES * 6 * 1024 * 1024


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
    """One direction pair of JSON lines. Its fds are not inherited by subprocesses (os.pipe and os.dup make
    them close-on-exec), so stray prints and children cannot garble it."""

    def __init__(self, requests: int, replies: int, line_limit: int = -1) -> None:
        self._requests = os.fdopen(requests, "rb")
        self._replies = replies
        self._limit = line_limit

    @property
    def requests_fd(self) -> int:
        return self._requests.fileno()

    def send(self, message: dict[str, Any]) -> None:
        data = memoryview(json.dumps(message).encode() + b"\n")
        while data:
            data = data[os.write(self._replies, data) :]

    def receive_line(self) -> bytes:
        """The next line, b"" at the end, or a line without its newline if it ran past the limit."""
        return self._requests.readline(self._limit)

    def receive(self) -> dict[str, Any] | None:
        line = self.receive_line()
        if not line:
            return None
        request: dict[str, Any] = json.loads(line)
        return request

    def close(self) -> None:
        self._requests.close()
        os.close(self._replies)


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


def _other_pids(spared: set[int]) -> list[str]:
    return [entry.name for entry in Path("/proc").iterdir() if entry.name.isdigit() and int(entry.name) not in spared]


def kill_strays(me: int) -> int:
    """Kill every process of the sandbox but the worker and the supervisor; return how many survived the deadline.

    kill(-1) signals every process of this PID namespace but the caller and its init (the supervisor), under
    the tasklist lock, so a fork bomb cannot outrun one call; orphans are the worker's to reap, as a child
    subreaper; the loop catches stragglers.
    """
    deadline = time.monotonic() + STRAY_KILL_DEADLINE_S
    while True:
        with contextlib.suppress(ProcessLookupError):  # ESRCH: nobody else left
            os.kill(-1, signal.SIGKILL)
        reap_children()
        others = _other_pids({me, SUPERVISOR_PID})
        if not others or time.monotonic() > deadline:
            return len(others)
        time.sleep(0.005)


class Kernel:
    """The worker's side: runs each cell in one namespace that persists, and reports what it printed and drew."""

    def __init__(self, output_bytes: int, channel: Channel) -> None:
        self.me = os.getpid()
        self.cap = output_bytes
        self.cells = 0
        self.namespace: dict[str, Any] = {"__name__": "__main__", "__builtins__": builtins}
        Path(CAPTURE_DIR).mkdir(mode=0o700, parents=True, exist_ok=True)
        self.channel = channel
        self.captures = (FdCapture(1, "stdout"), FdCapture(2, "stderr"))

    def run(self, nonce: Any, code: str) -> dict[str, Any]:
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
        kill_strays(self.me)
        sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
        stdout, cut_out = stream_text(out, self.captures[0], self.cap)
        stderr, cut_err = stream_text(err, self.captures[1], self.cap)
        return {
            "nonce": nonce,
            "stdout": stdout,
            "stderr": stderr,
            "truncated": cut_out or cut_err,
            "error": None if error is None else self.describe(error),
            "figures": figures,
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
            self.channel.send(self.run(request.get("nonce"), str(request.get("code", ""))))


def _prctl(option: int, value: int) -> None:
    if ctypes.CDLL(None, use_errno=True).prctl(option, value, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), f"prctl({option})")


REPLY_FIELDS = ("stdout", "stderr", "truncated", "error", "figures")


class Supervisor:
    """PID 1 of the sandbox: the only holder of the host's pipe, relaying each request to the worker."""

    def __init__(self, output_bytes: int) -> None:
        _prctl(PR_SET_DUMPABLE, 0)  # no other process of the sandbox may open our fds or memory via /proc
        self.host = Channel(os.dup(0), os.dup(1))  # os.dup makes non-inheritable copies
        null = os.open(os.devnull, os.O_RDWR)
        os.dup2(null, 0)  # a cell reading stdin sees EOF; TIOCSTI on fd 0 hits /dev/null
        os.dup2(null, 1)  # the host's pipe stays only in self.host
        os.close(null)
        to_worker, from_worker = os.pipe(), os.pipe()
        self.worker = os.fork()
        if self.worker == 0:
            self.host.close()
            os.close(to_worker[1])
            os.close(from_worker[0])
            _prctl(PR_SET_CHILD_SUBREAPER, 1)  # orphans of a cell come to the worker, which reaps and counts them
            Kernel(output_bytes, Channel(to_worker[0], from_worker[1])).serve()
            os._exit(0)
        os.close(to_worker[0])
        os.close(from_worker[1])
        self.channel = Channel(from_worker[0], to_worker[1], 12 * output_bytes + REPLY_FIGURE_BYTES)

    def worker_ended(self) -> None:
        """Exit as the worker did (128 + N for signal N), so the host can tell why; never returns."""
        _, status = os.waitpid(self.worker, 0)
        code = os.waitstatus_to_exitcode(status)
        os._exit(128 - code if code < 0 else code)

    def pending(self) -> bool:
        """Whether the worker sent anything since its last reply (it ended, if that is an end of file)."""
        readable, _, _ = select.select([self.channel.requests_fd], [], [], 0)
        if readable and not os.read(self.channel.requests_fd, 1):
            self.worker_ended()
        return bool(readable)

    def leftovers(self) -> int:
        """Processes other than the two of us, and threads of the worker beyond its own: a cell left them."""
        try:
            threads = len(list(Path(f"/proc/{self.worker}/task").iterdir()))
        except OSError:
            threads = 1
        return len(_other_pids({SUPERVISOR_PID, self.worker})) + threads - 1

    def relay(self, request: dict[str, Any]) -> dict[str, Any]:
        request_id = request.get("id")
        if self.pending():
            return {"id": request_id, "violation": "the worker wrote to the kernel between cells"}
        nonce = secrets.token_hex(16)
        self.channel.send({"nonce": nonce, "code": str(request.get("code", ""))})
        line = self.channel.receive_line()
        if not line:
            self.worker_ended()
        try:
            reply = json.loads(line) if line.endswith(b"\n") else None
        except ValueError:
            reply = None
        if not isinstance(reply, dict) or reply.get("nonce") != nonce:
            return {"id": request_id, "violation": "a reply without this request's nonce"}
        return {"id": request_id, **{key: reply.get(key) for key in REPLY_FIELDS}, "strays": self.leftovers()}

    def serve(self) -> None:
        line = self.channel.receive_line()
        if not line:
            self.worker_ended()
        if json.loads(line) != {"ready": True}:
            os._exit(70)
        self.host.send({"ready": True})
        while (request := self.host.receive()) is not None:
            self.host.send(self.relay(request))


def main() -> None:
    limits = json.loads(sys.argv[1])
    apply_rlimits(limits)
    Supervisor(limits["output_bytes"]).serve()


if __name__ == "__main__":
    main()
