"""The local sandbox: a Python kernel (``kernel.py``) in bubblewrap, limited by rlimits and cgroups.

The kernel runs each cell in a fresh process forked from a clean, pre-imported template, carrying only data
and imports from one cell to the next (``carry.py``), so no cell can change what later cells run in.

One ``BwrapSandbox`` is one answer's interpreter. Each launch runs as a fresh unprivileged host uid in
fresh pids and memory cgroups (when this process is root and cgroupfs is writable; see ``launch.py``),
so a timed-out or crashed kernel is killed whole, its cgroups removed, and the next ``run`` starts a
new one, saying that earlier state is gone.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import json
import os
import secrets
import signal
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tools.sandbox.cgroups import SandboxCgroups
from tools.sandbox.figures import MAX_FIGURES
from tools.sandbox.figures import checked as checked_figures
from tools.sandbox.launch import (
    SYSTEM_PATH,
    LaunchFiles,
    Tools,
    bwrap_argv,
    launcher_argv,
    new_host_uid,
)
from tools.sandbox.protocol import ExecError, ExecResult, InterpreterSandbox, SandboxUnavailableError
from tools.settings import SandboxSettings

__all__ = ["BwrapSandbox", "BwrapSandboxProvider", "Containment", "SandboxUnavailableError"]

START_TIMEOUT_S = 15.0
STDERR_KEPT = 4096
MARKER_ALLOWANCE = 64  # room for "\n…[output truncated: N bytes cut]\n" beyond the output cap


@dataclass(frozen=True, slots=True)
class Containment:
    """Which limits are in force for sandboxes opened now, doctor-style (``describe`` explains gaps)."""

    unprivileged_host_uid: bool
    cgroups: tuple[str, ...]  # controllers in force: "pids", "memory"
    missing: tuple[str, ...]  # why a controller is not

    def describe(self) -> list[str]:
        lines = ["rlimits: address space, CPU seconds, file size, open files, processes (per process)"]
        if self.unprivileged_host_uid:
            lines.append("host uid: a fresh unprivileged uid per launch (RLIMIT_NPROC counts; no root-owned files)")
        else:
            lines.append("host uid: the launching user's (not root-launched): RLIMIT_NPROC counts all its processes")
        lines += [f"cgroup {name}: in force" for name in self.cgroups]
        lines += [f"cgroup {gap}: NOT in force" for gap in self.missing]
        if "pids" not in self.cgroups and not self.unprivileged_host_uid:
            lines.append("fork bombs: only RLIMIT_NPROC, which does not bind a root launcher")
        return lines


def _crash_description(returncode: int | None, oom: bool, cpu_s: int) -> str:
    """bwrap exits 128+N when the kernel died of signal N (asyncio says -N if bwrap itself was killed)."""
    if returncode is None:
        return "its interpreter stopped answering"
    number = returncode - 128 if returncode > 128 else -returncode
    if number <= 0:
        return f"its interpreter exited with status {returncode}"
    try:
        name = signal.Signals(number).name
    except ValueError:
        name = f"signal {number}"
    if name == "SIGKILL" and oom:
        return "SIGKILL from the out-of-memory killer: the sandbox's processes together reached its memory limit"
    if name == "SIGXCPU":
        return f"SIGXCPU: the sandbox used its {cpu_s} CPU seconds"
    return f"{name}: its interpreter was killed by a signal"


def _text(value: Any, cap: int) -> str:
    """A reply field as a str of at most ``cap`` UTF-8 bytes (the reply is forgeable by the cell)."""
    if not isinstance(value, str):
        return ""
    data = value.encode("utf-8", "replace")
    return data[:cap].decode("utf-8", "ignore") if len(data) > cap else data.decode("utf-8")


def _figures(value: Any) -> tuple[list[bytes], list[str]]:
    """The reply's figures that are real PNGs within the caps (figures.py), and notes on those dropped."""
    if not isinstance(value, list):
        return [], []
    decoded = []
    for item in value:
        try:
            decoded.append(base64.b64decode(item, validate=True))
        except (TypeError, binascii.Error):
            decoded.append(b"")
    return checked_figures(decoded)


def _error(value: Any) -> ExecError | None:
    if not isinstance(value, dict):
        return None
    name, text, trace = (_text(value.get(key), 65536) for key in ("name", "value", "traceback"))
    return ExecError(name or "Error", text, trace)


class KernelDiedError(Exception):
    """The kernel ended (``ended``) or broke the reply protocol while a cell was running."""

    def __init__(self, reason: str, *, ended: bool) -> None:
        super().__init__(reason)
        self.ended = ended


class _Kernel:
    """One launch: the bwrap process tree, its cgroups and host uid, and the pipe to kernel.py."""

    def __init__(
        self,
        settings: SandboxSettings,
        process: asyncio.subprocess.Process,
        cgroups: SandboxCgroups,
        host_uid: int | None,
    ) -> None:
        self.settings = settings
        self.process = process
        self.cgroups = cgroups
        self.host_uid = host_uid
        self.stderr = bytearray()
        self.next_id = 0
        self._drain = asyncio.create_task(self._keep_stderr_head())

    @classmethod
    async def launch(
        cls, settings: SandboxSettings, tools: Tools, host_uid: int | None, cgroups: SandboxCgroups
    ) -> _Kernel:
        """Start bwrap and wait for the kernel's ready line; on any failure nothing is left running."""
        # A reply holds two capped streams (JSON may escape a byte as \u00XX: 6 bytes) and base64 figures.
        limit = 12 * settings.output_bytes + MAX_FIGURES * 6 * 1024 * 1024
        files = None
        try:
            files = await asyncio.to_thread(LaunchFiles.create)  # file reads and writes stay off the event loop
            opened = files
            argv = await asyncio.to_thread(  # reads the host's mounts and links: off the event loop too
                lambda: launcher_argv(tools, bwrap_argv(settings, tools.bwrap, opened), host_uid, cgroups.procs_files)
            )
            process = await asyncio.create_subprocess_exec(
                *argv,
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.PIPE,
                env={"PATH": SYSTEM_PATH},  # bwrap's own environment shows in /proc/1/environ inside
                start_new_session=True,
                pass_fds=files.fds,
                limit=limit,
            )
        except (OSError, SandboxUnavailableError) as error:
            await cgroups.remove()
            if isinstance(error, SandboxUnavailableError):
                raise
            raise SandboxUnavailableError(f"cannot start the sandbox launcher: {error}") from error
        finally:
            if files is not None:
                files.close()
        kernel = cls(settings, process, cgroups, host_uid)
        await kernel._await_ready()
        return kernel

    async def _keep_stderr_head(self) -> None:
        """bwrap's and the launcher's stderr, for a start-up failure message; read to the end so it never blocks."""
        assert self.process.stderr is not None
        while chunk := await self.process.stderr.read(65536):
            self.stderr += chunk[: max(0, STDERR_KEPT - len(self.stderr))]

    async def _await_ready(self) -> None:
        try:
            line = await asyncio.wait_for(self._readline(), START_TIMEOUT_S)
            if json.loads(line) != {"ready": True}:
                raise KernelDiedError("unexpected first line", ended=False)
        except (TimeoutError, KernelDiedError, ValueError) as error:
            await self.kill()
            await asyncio.sleep(0)  # let the stderr reader take the last bytes
            detail = self.stderr.decode("utf-8", "replace").strip() or repr(error)
            raise SandboxUnavailableError(f"the bwrap sandbox did not start: {detail}") from error

    async def _readline(self) -> bytes:
        assert self.process.stdout is not None
        try:
            line = await self.process.stdout.readline()
        except ValueError as error:  # longer than the reader's limit: no honest kernel sends that
            raise KernelDiedError("a reply over the size limit", ended=False) from error
        if not line.endswith(b"\n"):
            raise KernelDiedError("its output ended", ended=True)
        return line

    async def request(self, code: str) -> dict[str, Any]:
        assert self.process.stdin is not None
        self.next_id += 1
        try:
            self.process.stdin.write(json.dumps({"id": self.next_id, "code": code}).encode() + b"\n")
            await self.process.stdin.drain()
        except (BrokenPipeError, ConnectionResetError) as error:
            raise KernelDiedError("its input closed", ended=True) from error
        try:
            reply = json.loads(await self._readline())
        except ValueError as error:
            raise KernelDiedError("a reply that is not JSON", ended=False) from error
        if not isinstance(reply, dict) or reply.get("id") != self.next_id:
            raise KernelDiedError("a reply out of step with its request", ended=False)
        if "violation" in reply:  # the supervisor caught the worker (the cell) speaking out of turn
            raise KernelDiedError(_text(reply["violation"], 200), ended=False)
        return reply

    @property
    def alive(self) -> bool:
        return self.process.returncode is None

    async def kill(self) -> None:
        """Kill the whole tree and remove the cgroups.

        The kernel, init of the PID namespace, goes first: its death kills everything inside at once, and
        bwrap, still alive, reaps it. Killing bwrap first would orphan the kernel to the host's pid 1.
        """
        if self.alive:
            for pid in _children(self.process.pid):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        await self.cgroups.kill_all(spare=self.process.pid)
        try:
            await asyncio.wait_for(self.process.wait(), 2)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                self.process.kill()
            await self.process.wait()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._drain, 1)
        await self.cgroups.remove()

    async def death(self, error: KernelDiedError | None = None) -> str:
        """Why the kernel died, once it has (or how it broke the protocol, if it has not)."""
        if error is not None and not error.ended:
            return f"it broke the reply protocol: {error}"
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.process.wait(), 2)
        return _crash_description(self.process.returncode, self.cgroups.oom_killed(), self.settings.cpu_s)


def _children(pid: int) -> list[int]:
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


class BwrapSandbox(InterpreterSandbox):
    """A stateful interpreter in bubblewrap; see the module docstring. Use ``BwrapSandboxProvider.open``."""

    def __init__(self, settings: SandboxSettings, tools: Tools | None = None) -> None:
        super().__init__()
        self.settings = settings
        self._tools = tools or Tools.find()
        self._kernel: _Kernel | None = None
        self.host_uids: list[int] = []  # every uid this sandbox ran as: what a host-side leak check looks for
        self.cgroup_dirs: list[str] = []  # every cgroup it created

    @property
    def current_host_uid(self) -> int | None:
        return None if self._kernel is None else self._kernel.host_uid

    @property
    def current_cgroup_dirs(self) -> list[str]:
        return [] if self._kernel is None else [str(d) for d in self._kernel.cgroups.dirs.values()]

    async def _ensure(self) -> _Kernel:
        if self._closed:
            raise RuntimeError("this sandbox is closed")
        if self._kernel is not None and not self._kernel.alive:
            self._lost_state = f"the previous interpreter died between cells ({await self._kernel.death()})"
            await self._discard()
        if self._kernel is None:
            host_uid = new_host_uid() if os.geteuid() == 0 else None  # root drops to it (see launch.py)
            name = f"labbot-sandbox-{host_uid or os.getpid()}-{secrets.token_hex(4)}"
            memory_bytes = self.settings.memory_mb * 1024 * 1024
            cgroups = await asyncio.to_thread(SandboxCgroups.create, name, self.settings.max_processes, memory_bytes)
            self.host_uids += [] if host_uid is None else [host_uid]
            self.cgroup_dirs += [str(d) for d in cgroups.dirs.values()]
            self._kernel = await _Kernel.launch(self.settings, self._tools, host_uid, cgroups)
        return self._kernel

    async def run(self, code: str) -> ExecResult:
        async with self._lock:
            kernel = await self._ensure()
            lost, self._lost_state = self._lost_state, None
            started = time.monotonic()
            try:
                reply = await asyncio.wait_for(kernel.request(code), self.settings.timeout_s)
            except TimeoutError:
                await self._discard()
                self._lost_state = f"the previous cell ran past {self.settings.timeout_s:g} s and was killed"
                return ExecResult(error=_timeout(self.settings.timeout_s), duration_s=time.monotonic() - started)
            except KernelDiedError as died:
                why = "the sandbox was closed" if self._closed else await kernel.death(died)
                await self._discard()
                self._lost_state = f"the previous interpreter died ({why})"
                crash = ExecError("SandboxCrashed", f"the sandbox's interpreter died: {why}; its state is lost")
                return ExecResult(error=crash, duration_s=time.monotonic() - started)
            except BaseException:  # cancelled mid-cell: the kernel's state is unknown, so it goes
                await asyncio.shield(self._discard())
                raise
            if reply.get("strays"):  # processes or threads survived the cell: start afresh next time
                await self._discard()
                self._lost_state = "processes or threads of the previous cell outlived it, so its sandbox was replaced"
            return self._result(reply, lost, time.monotonic() - started)

    def _result(self, reply: dict[str, Any], lost: str | None, duration_s: float) -> ExecResult:
        cap = self.settings.output_bytes + MARKER_ALLOWANCE
        stderr = _text(reply.get("stderr"), cap)
        figures, notes = _figures(reply.get("figures"))
        stderr += "".join(f"{note}\n" for note in notes)
        if lost:
            stderr = f"[sandbox restarted: {lost}; variables, imports and files from earlier cells are gone]\n{stderr}"
        return ExecResult(
            stdout=_text(reply.get("stdout"), cap),
            stderr=stderr,
            error=_error(reply.get("error")),
            figures=figures,
            duration_s=duration_s,
            truncated=reply.get("truncated") is True,
        )

    async def _discard(self) -> None:
        kernel, self._kernel = self._kernel, None
        if kernel is not None:
            await kernel.kill()

    async def close(self) -> None:
        """Kill every process of the sandbox and remove its cgroups, at once even mid-cell; safe to call twice."""
        self._closed = True
        if self._kernel is not None and self._lock.locked():  # a cell is running: its run() returns an error
            await self._kernel.kill()
        async with self._lock:
            await self._discard()


def _timeout(timeout_s: float) -> ExecError:
    return ExecError(
        "TimeoutError",
        f"the cell ran past its {timeout_s:g} s wall-clock limit; the sandbox was killed, "
        "and the next run starts a fresh one without earlier state",
    )


class BwrapSandboxProvider:
    """Opens one bwrap sandbox per answer, already started (the cold start is paid in ``open``)."""

    def __init__(self, settings: SandboxSettings) -> None:
        self.settings = settings
        self._tools: Tools | None = None  # looked up on first use: building services must not need bwrap

    @property
    def tools(self) -> Tools:
        if self._tools is None:
            self._tools = Tools.find()
        return self._tools

    async def open(self) -> BwrapSandbox:
        """A started sandbox; raises ``SandboxUnavailableError`` when bwrap cannot run here at all."""
        tools = await asyncio.to_thread(lambda: self.tools)  # a PATH search: off the event loop
        sandbox = BwrapSandbox(self.settings, tools)
        await sandbox.start()
        return sandbox

    def containment(self) -> Containment:
        """Probe (create and remove a cgroup) which limits a sandbox opened now would get."""
        probe = SandboxCgroups.create(f"labbot-probe-{os.getpid()}-{secrets.token_hex(4)}", 8, 64 * 1024 * 1024)
        in_force = tuple(probe.dirs)
        missing = tuple(f"{name} ({why})" for name, why in probe.missing.items())
        for directory in probe.dirs.values():
            with contextlib.suppress(OSError):
                directory.rmdir()
        return Containment(os.geteuid() == 0 and self.tools.setpriv is not None, in_force, missing)
