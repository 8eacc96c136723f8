"""Sandboxed code execution: one result type, modelled on E2B's Execution, for every backend."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Protocol, Self

from tools.closing import ClosedOnExit


@dataclass(frozen=True, slots=True)
class ExecError:
    name: str  # the exception class: "ZeroDivisionError", "TimeoutError", "SandboxCrashed"…
    value: str
    traceback: str = ""


@dataclass(frozen=True, slots=True)
class ExecResult:
    stdout: str = ""
    stderr: str = ""
    error: ExecError | None = None
    figures: list[bytes] = field(default_factory=list)  # PNG bytes, one per matplotlib figure
    duration_s: float = 0.0
    truncated: bool = False  # output went past the cap and was cut (a marker says where)

    @property
    def ok(self) -> bool:
        return self.error is None


class SandboxUnavailableError(RuntimeError):
    """The sandbox backend cannot be used at all (not installed, unreachable, refused): not a problem of the code."""


class Sandbox(Protocol):
    """One stateful interpreter for one answer: variables persist from cell to cell.

    On bwrap each cell runs in a fresh process forked from a clean template, so what persists is data
    (numbers, strings, containers, numpy arrays, pandas frames), imports and files; a function or other
    object defined in one cell must be defined again in the cell that uses it (a ``NameError`` says so),
    and nothing a cell does to the interpreter itself reaches the next cell. E2B keeps its Jupyter kernel.

    ``run`` never raises for problems of the code itself (errors, timeouts, limits): they come
    back in ``ExecResult.error``. It raises only when the sandbox backend cannot be used at all.
    """

    async def run(self, code: str) -> ExecResult: ...

    async def close(self) -> None: ...

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None: ...


class SandboxProvider(Protocol):
    """Opens sandboxes; one per answer, so no state leaks between users."""

    async def open(self) -> Sandbox: ...


class InterpreterSandbox(ClosedOnExit):
    """What the backends share: one cell at a time under a lock, and an interpreter brought up on demand."""

    def __init__(self) -> None:
        self._lost_state: str | None = None  # why the previous interpreter is gone, told once to the next run
        self._lock = asyncio.Lock()
        self._closed = False

    async def start(self) -> None:
        """Bring the interpreter up now rather than at the first cell."""
        async with self._lock:
            await self._ensure()

    async def _ensure(self) -> Any:
        """The running interpreter, brought up if there is none; the caller holds the lock."""
        raise NotImplementedError
