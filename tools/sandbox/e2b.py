"""The scale path: one E2B cloud sandbox per answer, driven by the real ``e2b_code_interpreter`` client.

E2B runs each sandbox as a Firecracker microVM with a Jupyter kernel inside (reliability reference §3.1), so
variables persist from cell to cell as in the bwrap backend. This module makes it behave like ``bwrap.py``
from the caller's side:

- one remote sandbox per ``open()``, created with internet access off (E2B's default is on) and a lifetime of
  ``e2b_lifetime_s``, so a sandbox this process loses track of (a crash, a failed kill) is still reaped by E2B;
- a cell past ``timeout_s`` returns ``ExecError("TimeoutError")``; its sandbox is killed and the next ``run``
  creates a fresh one, telling that cell that earlier state is gone (bwrap's wording);
- a sandbox that fails mid-cell (a 502 once its lifetime ran out, a dropped connection, a garbled stream, an
  interpreter that died) returns ``ExecError("SandboxCrashed")`` and is replaced the same way;
- stdout and stderr are capped here, at ``output_bytes`` each, with kernel.py's marker; the value of a final
  expression (Jupyter's main result) is appended to stdout; PNG display results become ``figures``;
- the API key goes to the SDK and nowhere else: it is redacted from every message this module logs or raises.

``open()`` and a ``run`` that has to create a replacement raise ``SandboxUnavailableError`` when E2B cannot be
used at all (no key, unreachable, key refused, quota).
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import dataclasses
import logging
import re
import time
import uuid
from typing import Any

from e2b_code_interpreter import AsyncSandbox  # type: ignore[import-untyped]  # the package has no py.typed
from pydantic import SecretStr

from tools.sandbox.figures import checked as checked_figures
from tools.sandbox.kernel import truncation_marker
from tools.sandbox.protocol import ExecError, ExecResult, InterpreterSandbox, SandboxUnavailableError
from tools.settings import SandboxSettings, Settings

__all__ = ["E2BSandbox", "E2BSandboxProvider", "SandboxUnavailableError"]

logger = logging.getLogger(__name__)

CONTROL_TIMEOUT_S = 30.0  # a create request to the E2B API; connecting to a sandbox for a cell
KILL_TIMEOUT_S = 10.0
SDK_DEADLINE_GRACE_S = 5.0  # the SDK's own deadline only backs up ours, so it must never fire first
TEXT_CAP = 65536  # error name, value and traceback, as in bwrap.py
MESSAGE_CAP = 500  # a failure description quoted in an error or log line
TAIL_BYTES = 96  # longer than any truncation marker
_PREFIX, _SUFFIX = truncation_marker(0).split("0")  # the marker's wording around its count
_MARKER_AT_END = re.compile(
    b"\n?" + re.escape(_PREFIX.encode()) + rb"(\d{1,20})" + re.escape(_SUFFIX.encode()) + b"\n\\Z"
)
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]")  # IPython colours its tracebacks
# What the code-interpreter server reports when the kernel died mid-cell (Jupyter restarts it, state lost) or
# its link to the kernel broke: failures of the sandbox, not of the cell.
_KERNEL_LOST = {"ContextRestarting", "UnexpectedEndOfExecution"}


class _Capped:
    """One stream of a cell: its first ``cap`` bytes kept, the rest only counted (as kernel.py's CappedText does).

    A server that caps output itself (the test stand-in runs cells in bwrap's kernel) ends the stream with the
    same marker; ``fold_marker`` takes its count over, so the final marker still counts every byte written.
    """

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self.head = bytearray()
        self.size = 0
        self.cut_upstream = 0
        self._tail = b""

    def add(self, text: str) -> None:
        data = text.encode("utf-8", "replace")
        room = self.cap - len(self.head)
        if room > 0:
            self.head += data[:room]
        self.size += len(data)
        self._tail = (self._tail + data[-TAIL_BYTES:])[-TAIL_BYTES:]

    def fold_marker(self) -> None:
        match = _MARKER_AT_END.search(self._tail)
        if match is None:
            return
        self.size -= len(match.group(0))
        self.cut_upstream += int(match.group(1))
        del self.head[self.size :]
        self._tail = b""

    def render(self) -> tuple[str, bool]:
        """The kept text (with a marker line saying how many bytes were cut, if any) and whether it was cut."""
        if self.size <= self.cap and not self.cut_upstream:
            return self.head.decode("utf-8", "replace"), False
        kept = bytes(self.head[: self.cap]).decode("utf-8", "ignore")  # a character split by the cap is cut whole
        cut = self.size - len(kept.encode()) + self.cut_upstream
        separator = "" if not kept or kept.endswith("\n") else "\n"
        return f"{kept}{separator}{truncation_marker(cut)}\n", True


def _clip(value: Any, cap: int = TEXT_CAP) -> str:
    if not isinstance(value, str):
        return ""
    data = value.encode("utf-8", "replace")
    return data[:cap].decode("utf-8", "ignore") if len(data) > cap else value


def _figures(results: list[Any]) -> tuple[list[bytes], list[str]]:
    """PNG display results that are real PNGs within the caps (figures.py), and notes on those dropped."""
    figures: list[bytes] = []
    for result in results:
        png = getattr(result, "png", None)
        if isinstance(png, str):
            try:
                figures.append(base64.b64decode(png, validate=True))
            except (binascii.Error, ValueError):
                figures.append(b"")
    return checked_figures(figures)


def _error(error: Any) -> ExecError | None:
    if error is None:
        return None
    name, value, trace = (getattr(error, key, None) for key in ("name", "value", "traceback"))
    return ExecError(_clip(name) or "Error", _clip(value), _ANSI.sub("", _clip(trace)))


def _timeout(timeout_s: float) -> ExecError:
    return ExecError(  # worded as bwrap.py's, so callers and prompts see one message whatever the backend
        "TimeoutError",
        f"the cell ran past its {timeout_s:g} s wall-clock limit; the sandbox was killed, "
        "and the next run starts a fresh one without earlier state",
    )


class E2BSandbox(InterpreterSandbox):
    """A stateful interpreter in an E2B cloud sandbox; see the module docstring. Use ``E2BSandboxProvider.open``."""

    def __init__(self, settings: SandboxSettings, api_key: SecretStr) -> None:
        super().__init__()
        self.settings = settings
        self._api_key = api_key
        self._remote: Any = None  # e2b_code_interpreter.AsyncSandbox
        self.sandbox_ids: list[str] = []  # every remote sandbox this answer used, oldest first

    @property
    def sandbox_id(self) -> str | None:
        return None if self._remote is None else str(self._remote.sandbox_id)

    def _describe(self, error: BaseException) -> str:
        """``Type: message``, clipped, with the API key blanked wherever a server or the SDK echoed it."""
        text = f"{type(error).__name__}: {error}"
        secret = self._api_key.get_secret_value()
        if secret:
            text = text.replace(secret, "[redacted]")
        return text if len(text) <= MESSAGE_CAP else text[:MESSAGE_CAP] + "…"

    async def _ensure(self) -> Any:
        if self._closed:
            raise RuntimeError("this sandbox is closed")
        if self._remote is None:
            self._remote = await self._create()
            self.sandbox_ids.append(str(self._remote.sandbox_id))
            logger.info("E2B sandbox %s created", self._remote.sandbox_id)
        return self._remote

    async def _create(self) -> Any:
        s = self.settings
        try:
            return await AsyncSandbox.create(
                template=s.e2b_template,  # None: the SDK's code-interpreter template
                timeout=s.e2b_lifetime_s,
                allow_internet_access=False,  # E2B's default is on (reliability reference §3.1)
                metadata={"app": "labbot"},
                api_key=self._api_key.get_secret_value(),
                api_url=s.e2b_api_url,
                sandbox_url=s.e2b_sandbox_url,
                debug=False,  # E2B_DEBUG=true in the environment would fake every call and run nothing
                request_timeout=CONTROL_TIMEOUT_S,
                idempotency_key=str(uuid.uuid4()),  # the SDK's retries of a lost answer must not make two
            )
        except Exception as error:  # whatever the SDK or transport raised, no sandbox exists for this answer
            # ``from None``: the SDK's exception may quote a server's echo of the key, and a logged chain shows it
            raise SandboxUnavailableError(f"cannot create an E2B sandbox: {self._describe(error)}") from None

    async def run(self, code: str) -> ExecResult:
        async with self._lock:
            remote = await self._ensure()
            lost, self._lost_state = self._lost_state, None
            started = time.monotonic()
            limit = self.settings.timeout_s
            try:
                execution = await asyncio.wait_for(
                    remote.run_code(code, timeout=limit + SDK_DEADLINE_GRACE_S, request_timeout=CONTROL_TIMEOUT_S),
                    limit,
                )
            except TimeoutError:
                await self._lose(f"the previous cell ran past {limit:g} s and was killed")
                return ExecResult(error=_timeout(limit), duration_s=time.monotonic() - started)
            except Exception as failure:  # the sandbox, not the cell, failed: its state is unknown, so it goes
                why = "the sandbox was closed" if self._closed else self._describe(failure)
                await self._lose(f"the previous E2B sandbox failed ({why})")
                crash = ExecError("SandboxCrashed", f"the E2B sandbox failed mid-cell: {why}; its state is lost")
                return ExecResult(error=crash, duration_s=time.monotonic() - started)
            except BaseException:  # cancelled mid-cell: the remote kernel may still be running the cell
                await asyncio.shield(self._discard())
                raise
            result = self._result(execution, lost, time.monotonic() - started)
            if result.error is not None and result.error.name in _KERNEL_LOST:
                why = "the sandbox was closed" if self._closed else f"{result.error.name}: {result.error.value}"
                await self._lose(f"the previous E2B sandbox's interpreter died ({why})")  # as bwrap: all fresh
                crash = ExecError("SandboxCrashed", f"the E2B sandbox's interpreter died ({why}); its state is lost")
                result = dataclasses.replace(result, error=crash)
            return result

    async def _lose(self, why: str) -> None:
        """Drop the remote sandbox: the next run creates a fresh one and tells its cell why earlier state is gone."""
        await self._discard()
        self._lost_state = why

    def _result(self, execution: Any, lost: str | None, duration_s: float) -> ExecResult:
        stdout, stderr = _Capped(self.settings.output_bytes), _Capped(self.settings.output_bytes)
        for stream, chunks in ((stdout, execution.logs.stdout), (stderr, execution.logs.stderr)):
            for chunk in chunks:
                if isinstance(chunk, str):
                    stream.add(chunk)
            stream.fold_marker()
        for result in execution.results:
            if getattr(result, "is_main_result", False) and isinstance(result.text, str):
                stdout.add(result.text + "\n")  # bwrap prints a final expression's value last, so it goes last
        out, cut_out = stdout.render()
        err, cut_err = stderr.render()
        figures, notes = _figures(execution.results)
        err += "".join(f"{note}\n" for note in notes)
        if lost:
            err = f"[sandbox restarted: {lost}; variables, imports and files from earlier cells are gone]\n{err}"
        return ExecResult(
            stdout=out,
            stderr=err,
            error=_error(execution.error),
            figures=figures,
            duration_s=duration_s,
            truncated=cut_out or cut_err,
        )

    async def _kill(self, remote: Any) -> None:
        """Best effort: a sandbox that cannot be killed now is reaped by E2B when its lifetime ends."""
        try:
            await remote.kill(request_timeout=KILL_TIMEOUT_S)
        except Exception as error:
            logger.warning("could not kill E2B sandbox %s: %s", remote.sandbox_id, self._describe(error))
        else:
            logger.info("E2B sandbox %s killed", remote.sandbox_id)

    async def _discard(self) -> None:
        remote, self._remote = self._remote, None
        if remote is not None:
            await self._kill(remote)

    async def close(self) -> None:
        """Kill the remote sandbox, at once even mid-cell (that cell's run returns an error); safe to call twice."""
        self._closed = True
        if self._remote is not None and self._lock.locked():
            remote, self._remote = self._remote, None
            await self._kill(remote)
        async with self._lock:
            await self._discard()


class E2BSandboxProvider:
    """Opens one E2B sandbox per answer, already created (the cold start is paid in ``open``)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings.sandbox
        self._api_key = settings.e2b_api_key

    async def open(self) -> E2BSandbox:
        """A running sandbox; raises ``SandboxUnavailableError`` when E2B cannot be used (no key, down, refused)."""
        if self._api_key is None or not self._api_key.get_secret_value():
            raise SandboxUnavailableError("the e2b sandbox backend needs E2B_API_KEY (or LABBOT_E2B_API_KEY)")
        sandbox = E2BSandbox(self.settings, self._api_key)
        await sandbox.start()
        return sandbox
