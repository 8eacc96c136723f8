"""The interpreter inside a bwrap sandbox: one JSON request line in, one JSON reply line out, data kept.

This file is copied alone into the sandbox (the repo is not), with ``carry.py`` beside it, so it imports
only the standard library. The host side is ``tools/sandbox/bwrap.py``; the wire format is private to the
two files:

    host → kernel   {"id": 7, "code": "..."}
    kernel → host   {"ready": true}   once, then per request
                    {"id": 7, "stdout": "...", "stderr": "...", "truncated": false, "error": null | {...},
                     "figures": ["<base64 PNG>", ...], "strays": 0}
                    or {"id": 7, "violation": "..."} when the template broke the protocol below

Three kinds of process, so that no cell can speak for the kernel nor change what a later cell runs in:

- The *supervisor* (PID 1) alone holds the pipe to the host. It is not dumpable, so no other process of
  the sandbox can open its fds through /proc or read its memory (ptrace, process_vm_readv and pidfd_getfd
  are also cut by the seccomp filter). It relays each request to the template with a fresh random nonce
  that the reply must carry, and counts the processes a cell left behind, whatever the template says.
- The *template* imports the analysis libraries once and never runs a cell. For each cell it forks a
  *cell process* from itself, pristine, before it reads the request (so the cell never sees the nonce);
  hands it the code and the state carried from earlier cells; reads back its report (error, figures, the
  state to carry); kills whatever the cell left running; and reads what the cell printed from the capture
  files itself, at the fd level. So the reply, nonce and stdout included, is written by a process the cell
  cannot reach (it is not dumpable either), and the next cell starts from the same clean template: a cell
  that redefines ``print``, patches builtins, numpy or the kernel, replaces ``sys.stdout`` or installs a
  trace hook changes only its own process.
- The *cell process* runs one cell and exits. Variables carry to the next cell only as data and import
  statements (``carry.py``), restored without running any code of a cell; files in /tmp persist.

A crash of a cell process (a signal, the CPU limit, an exit without a report) ends the template with the
same status, so the host sees the sandbox die as before and starts a fresh one.
"""

from __future__ import annotations

import ast
import base64
import builtins
import contextlib
import ctypes
import importlib
import importlib.util
import io
import json
import linecache
import math
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
# One template reply: two capped streams (JSON escapes a byte in at most 6) and base64 figures; bwrap.py's limit
REPLY_FIGURE_BYTES = MAX_FIGURES * 6 * 1024 * 1024
# What the template imports once (settings.sandbox.preload, in order) no cell pays for. Each is imported only
# while the template's address space stays under PRELOAD_SHARE of the memory limit, the rest being the cells':
# judged beforehand by the address space the template then has (measured with numpy 2.4, scipy 1.17,
# pandas 2.3, plus a margin; unknown modules by what is used so far), because an import that fails half-way
# leaves a package the cells can no longer import.
PRELOAD_NEEDS_MB = {
    "numpy": 110,
    "scipy.stats": 290,
    "pandas": 530,
    "matplotlib.pyplot": 570,
    "statsmodels.api": 620,
    "statsmodels.formula.api": 620,
    "lifelines": 640,
}
PRELOAD_SHARE = 0.5
CRASHED = 70  # a cell process that failed before or after its cell (EX_SOFTWARE)
SIGNALLED = 128  # exit statuses above it say a signal ended the process (SIGXCPU's handler exits 128 + 24)


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
        """Empty the file and point ``fd`` at it: a cell process forked after this writes there."""
        os.ftruncate(self._write_fd, 0)
        os.dup2(self._write_fd, self.fd)

    def close(self) -> None:
        """In a cell process: only ``fd`` itself stays open."""
        os.close(self._write_fd)
        os.close(self._read_fd)

    def head(self, limit: int) -> tuple[bytes, int]:
        size = os.fstat(self._read_fd).st_size
        return os.pread(self._read_fd, min(size, limit), 0), size


def stream_text(dropped: int, capture: FdCapture, cap: int) -> tuple[str, bool]:
    """The first ``cap`` bytes of a stream, and a marker saying how many more were cut (``dropped`` never
    reached the fd: CappedText only counted them)."""
    head, size = capture.head(cap)
    kept = head.decode("utf-8", "replace")
    cut = size + dropped - len(head)
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


def parse(code: str, filename: str) -> ast.Module:
    linecache.cache[filename] = (len(code), None, code.splitlines(True), filename)
    return ast.parse(code, filename, "exec")


def execute(tree: ast.Module, code: str, namespace: dict[str, Any], filename: str) -> None:
    """Run a cell like a notebook does: the value of a final expression is shown, unless a ``;`` ends the cell."""
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


def describe(error: BaseException, uncarried: list[str]) -> dict[str, str]:
    try:
        described = describe_error(error)
    except Exception as broken:  # an exception whose formatting fails must not take the cell's report down
        return {"name": type(error).__name__, "value": "", "traceback": f"(traceback unavailable: {broken!r})"}
    if isinstance(error, NameError) and error.name in uncarried:
        described["value"] += (
            " (an earlier cell made it, but only data values and imports carry from one cell to the next: "
            "define functions, classes and other objects again in the cell that uses them)"
        )
    return described


def _load_carry() -> Any:
    """carry.py, copied beside this file (``-I`` keeps this directory off sys.path, and so off the cells')."""
    spec = importlib.util.spec_from_file_location("labbot_carry", Path(KERNEL_FILE).with_name("carry.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _send(fd: int, message: dict[str, Any]) -> None:
    data = memoryview(json.dumps(message).encode() + b"\n")
    while data:
        data = data[os.write(fd, data) :]


def run_cell(requests: int, report: int, output_bytes: int, carry: Any) -> int:
    """A cell process: wait for the code, restore what carries, run the cell, report; its exit status."""
    with os.fdopen(requests, "rb") as pipe:
        line = pipe.readline()
    if not line:
        return 0  # the template is ending
    request = json.loads(line)
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    resource.setrlimit(resource.RLIMIT_CPU, (min(int(request["cpu_s"]), hard), hard))  # what the sandbox has left
    numpy: Any = sys.modules.get("numpy")
    if numpy is not None:
        numpy.random.seed()  # else every cell would draw the template's numbers (random reseeds itself at fork)
    namespace: dict[str, Any] = {"__name__": "__main__", "__builtins__": builtins}
    state = request.get("state") or {}
    uncarried = carry.restore(state, namespace)
    out, err = CappedText(1, output_bytes), CappedText(2, output_bytes)
    sys.stdout, sys.stderr = out, err
    me, error, imports = os.getpid(), None, []
    filename = f"<cell {request['cell']}>"
    try:
        tree = parse(str(request["code"]), filename)
        imports = carry.imports_of(tree)
        execute(tree, str(request["code"]), namespace, filename)
    except BaseException as raised:
        error = raised
    if os.getpid() != me:  # a forked child finished the cell: it must never report
        os._exit(0)
    figures, notes = collect_figures()
    err.write(notes)
    for stream in (sys.__stdout__, sys.__stderr__):  # what the cell wrote to them, before os._exit drops it
        with contextlib.suppress(Exception):
            stream.flush()  # type: ignore[union-attr]
    carried_imports = state.get("imports") if isinstance(state, dict) else None
    earlier: list[Any] = carried_imports if isinstance(carried_imports, list) else []
    described = None if error is None else describe(error, uncarried)
    message = {"error": described, "figures": figures, "dropped": [out.dropped, err.dropped]}
    try:
        _send(report, message | {"state": carry.capture(namespace, [*earlier, *imports], uncarried)})
    except MemoryError:  # the cell used the memory that carrying its values needs: they do not carry
        dropped = [name for name in namespace if not name.startswith("__")]
        _send(report, message | {"state": {"imports": [*earlier, *imports], "dropped": dropped}})
    return 0


class CellProcess:
    """One cell's process, as the template sees it: forked idle, handed its cell, read back and reaped."""

    def __init__(self, pid: int, requests: int, report: int) -> None:
        self.pid = pid
        self._requests = requests
        self._report = report

    def start(self, request: dict[str, Any]) -> None:
        with contextlib.suppress(BrokenPipeError):  # it died already: finish() says how
            _send(self._requests, request)
        os.close(self._requests)

    def _read_report(self, limit: int) -> bytes:
        """Its report line, or what came before it ended; a cell's own forks may keep the pipe open, so its end
        is watched through a pidfd, not the pipe's end of file."""
        pidfd = os.pidfd_open(self.pid)
        data = bytearray()
        try:
            while b"\n" not in data and len(data) <= limit:
                readable, _, _ = select.select([self._report, pidfd], [], [])
                if self._report in readable:
                    chunk = os.read(self._report, 1 << 20)
                    if not chunk:
                        break
                    data += chunk
                elif pidfd in readable:  # it ended: take what it wrote, without waiting on its forks
                    os.set_blocking(self._report, False)
                    with contextlib.suppress(BlockingIOError):
                        while (chunk := os.read(self._report, 1 << 20)) and len(data) <= limit:
                            data += chunk
                    break
        finally:
            os.close(pidfd)
            os.close(self._report)
        if b"\n" not in data or len(data) > limit:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)  # a cell process that broke its report must not run on
            return b""
        return bytes(data[: data.index(b"\n")])

    def finish(self, limit: int) -> tuple[dict[str, Any] | None, int, float]:
        """Its report (None if it sent none that parses), its exit code (-N: signal N) and CPU seconds used."""
        line = self._read_report(limit)
        _, status, usage = os.wait4(self.pid, 0)
        try:
            report = json.loads(line) if line else None
        except (ValueError, RecursionError):
            report = None
        cpu = usage.ru_utime + usage.ru_stime
        return (report if isinstance(report, dict) else None), os.waitstatus_to_exitcode(status), cpu


def address_space() -> int:
    return int(Path("/proc/self/statm").read_text().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def preload(names: list[str], memory_mb: int) -> None:
    budget = memory_mb * PRELOAD_SHARE
    for name in names:
        if PRELOAD_NEEDS_MB.get(name, 0) > budget or address_space() > budget * 1024 * 1024:
            return
        with contextlib.suppress(Exception):  # not installed: the cells that use it say so
            importlib.import_module(name)


class Template:
    """Runs no cell itself: forks one clean cell process per cell and writes each reply (see the module doc)."""

    def __init__(self, limits: dict[str, Any], channel: Channel) -> None:
        self.me = os.getpid()
        self.cap = limits["output_bytes"]
        self.cpu_s = limits["cpu_s"]
        self.cpu_used = 0.0
        self.cells = 0
        self.state: dict[str, Any] = {}
        self.channel = channel
        Path(CAPTURE_DIR).mkdir(mode=0o700, parents=True, exist_ok=True)
        self.captures = (FdCapture(1, "stdout"), FdCapture(2, "stderr"))
        for capture in self.captures:
            capture.begin()
        self.carry = _load_carry()
        preload([str(name) for name in limits.get("preload", [])], limits["memory_mb"])
        self.idle = self.fork_cell()

    def fork_cell(self) -> CellProcess:
        requests, report = os.pipe(), os.pipe()
        pid = os.fork()
        if pid == 0:
            status = CRASHED
            try:
                os.close(requests[1])
                os.close(report[0])
                self.channel.close()
                for capture in self.captures:
                    capture.close()
                status = run_cell(requests[0], report[1], self.cap, self.carry)
            finally:
                os._exit(status)
        os.close(requests[0])
        os.close(report[1])
        return CellProcess(pid, requests[1], report[0])

    def run(self, nonce: Any, code: str) -> dict[str, Any]:
        self.cells += 1
        for capture in self.captures:
            capture.begin()
        cell, cpu_left = self.idle, max(1, math.ceil(self.cpu_s - self.cpu_used))
        cell.start({"code": code, "cell": self.cells, "state": self.state, "cpu_s": cpu_left})
        report, status, cpu = cell.finish(2 * self.carry.MAX_STATE_BYTES + REPLY_FIGURE_BYTES)
        self.cpu_used += cpu
        kill_strays(self.me)
        if report is None and (status < 0 or status > SIGNALLED):  # a signal: the sandbox goes, as before
            os._exit(128 - status if status < 0 else status)
        report = report or {"error": _no_report(status)}  # it broke its own interpreter: its cell failed
        dropped = report.get("dropped")
        out_dropped, err_dropped = dropped if isinstance(dropped, list) and len(dropped) == 2 else (0, 0)
        stdout, cut_out = stream_text(_count(out_dropped), self.captures[0], self.cap)
        stderr, cut_err = stream_text(_count(err_dropped), self.captures[1], self.cap)
        state = report.get("state")
        self.state = state if isinstance(state, dict) else self.state
        self.idle = self.fork_cell()
        return {
            "nonce": nonce,
            "stdout": stdout,
            "stderr": stderr,
            "truncated": cut_out or cut_err,
            "error": report.get("error"),
            "figures": report.get("figures"),
            "idle": self.idle.pid,
        }

    def serve(self) -> None:
        self.channel.send({"ready": True, "idle": self.idle.pid})
        while (request := self.channel.receive()) is not None:
            self.channel.send(self.run(request.get("nonce"), str(request.get("code", ""))))
        os.close(self.idle._requests)  # the idle cell process reads an end of file and exits


def _no_report(status: int) -> dict[str, str]:
    value = (
        f"the cell's process ended (exit status {status}) without reporting back, as it does when a cell calls "
        "os._exit or breaks the functions the kernel reports with; what this cell set does not carry to the next"
    )
    return {"name": "CellExited", "value": value, "traceback": ""}


def _count(value: Any) -> int:
    return value if isinstance(value, int) and value >= 0 else 0


def _prctl(option: int, value: int) -> None:
    if ctypes.CDLL(None, use_errno=True).prctl(option, value, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), f"prctl({option})")


REPLY_FIELDS = ("stdout", "stderr", "truncated", "error", "figures")


class Supervisor:
    """PID 1 of the sandbox: the only holder of the host's pipe, relaying each request to the template."""

    def __init__(self, limits: dict[str, Any]) -> None:
        _prctl(PR_SET_DUMPABLE, 0)  # no other process of the sandbox may open our fds or memory via /proc
        self.host = Channel(os.dup(0), os.dup(1))  # os.dup makes non-inheritable copies
        null = os.open(os.devnull, os.O_RDWR)
        os.dup2(null, 0)  # a cell reading stdin sees EOF; TIOCSTI on fd 0 hits /dev/null
        os.dup2(null, 1)  # the host's pipe stays only in self.host
        os.close(null)
        to_template, from_template = os.pipe(), os.pipe()
        self.template = os.fork()
        if self.template == 0:
            self.host.close()
            os.close(to_template[1])
            os.close(from_template[0])
            _prctl(PR_SET_CHILD_SUBREAPER, 1)  # orphans of a cell come to the template, which reaps them
            diagnostics = os.dup(2)  # bwrap's stderr, which the host keeps for a start-up failure message
            try:
                Template(limits, Channel(to_template[0], from_template[1])).serve()
            except BaseException:
                os.write(diagnostics, traceback.format_exc()[-4000:].encode())
                os._exit(CRASHED)
            os._exit(0)
        os.close(to_template[0])
        os.close(from_template[1])
        self.channel = Channel(from_template[0], to_template[1], 12 * limits["output_bytes"] + REPLY_FIGURE_BYTES)
        self.idle = 0  # the template's cell process waiting for the next cell: not a leftover

    def template_ended(self) -> None:
        """Exit as the template did (128 + N for signal N), so the host can tell why; never returns."""
        _, status = os.waitpid(self.template, 0)
        code = os.waitstatus_to_exitcode(status)
        os._exit(128 - code if code < 0 else code)

    def pending(self) -> bool:
        """Whether the template sent anything since its last reply (it ended, if that is an end of file)."""
        readable, _, _ = select.select([self.channel.requests_fd], [], [], 0)
        if readable and not os.read(self.channel.requests_fd, 1):
            self.template_ended()
        return bool(readable)

    def leftovers(self) -> int:
        """Processes other than the two of us and the idle cell process: a cell left them."""
        return len(_other_pids({SUPERVISOR_PID, self.template, self.idle}))

    def _take_idle(self, reply: dict[str, Any]) -> None:
        idle = reply.get("idle")
        self.idle = idle if isinstance(idle, int) and idle > SUPERVISOR_PID and idle != self.template else 0

    def relay(self, request: dict[str, Any]) -> dict[str, Any]:
        request_id = request.get("id")
        if self.pending():
            return {"id": request_id, "violation": "the template wrote to the kernel between cells"}
        nonce = secrets.token_hex(16)
        self.channel.send({"nonce": nonce, "code": str(request.get("code", ""))})
        line = self.channel.receive_line()
        if not line:
            self.template_ended()
        try:
            reply = json.loads(line) if line.endswith(b"\n") else None
        except ValueError:
            reply = None
        if not isinstance(reply, dict) or reply.get("nonce") != nonce:
            return {"id": request_id, "violation": "a reply without this request's nonce"}
        self._take_idle(reply)
        return {"id": request_id, **{key: reply.get(key) for key in REPLY_FIELDS}, "strays": self.leftovers()}

    def serve(self) -> None:
        line = self.channel.receive_line()
        if not line:
            self.template_ended()
        ready = json.loads(line)
        if not isinstance(ready, dict) or ready.get("ready") is not True:
            os._exit(CRASHED)
        self._take_idle(ready)
        self.host.send({"ready": True})
        while (request := self.host.receive()) is not None:
            self.host.send(self.relay(request))


def main() -> None:
    limits = json.loads(sys.argv[1])
    apply_rlimits(limits)
    Supervisor(limits).serve()


if __name__ == "__main__":
    main()
