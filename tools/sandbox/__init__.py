"""Open the code sandbox named in settings; the only place a backend name maps to a class."""

from __future__ import annotations

from collections.abc import Callable

from tools.extras import require
from tools.sandbox.protocol import ExecError, ExecResult, Sandbox, SandboxProvider
from tools.settings import Settings


def _bwrap(settings: Settings) -> SandboxProvider:
    from tools.sandbox.bwrap import BwrapSandboxProvider

    return BwrapSandboxProvider(settings.sandbox)


def _e2b(settings: Settings) -> SandboxProvider:
    require("e2b", "the e2b sandbox backend")
    from tools.sandbox.e2b import E2BSandboxProvider

    return E2BSandboxProvider(settings)


_BACKENDS: dict[str, Callable[[Settings], SandboxProvider]] = {"bwrap": _bwrap, "e2b": _e2b}


def open_sandbox(settings: Settings) -> SandboxProvider:
    backend = settings.sandbox.backend
    if backend not in _BACKENDS:
        raise ValueError(f"the {backend!r} sandbox backend is not available yet; use LABBOT_SANDBOX__BACKEND=bwrap")
    return _BACKENDS[backend](settings)


__all__ = ["ExecError", "ExecResult", "Sandbox", "SandboxProvider", "open_sandbox"]
