"""The e2b backend's own behaviour, beyond the shared contract (tests/contracts/test_sandbox.py): what it sends
to E2B, how it fails, and that its key stays secret. The real e2b client talks to tests/standins/e2b.py."""

from __future__ import annotations

import asyncio
import logging
import time
import traceback
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
from pydantic import SecretStr

from tests.conftest import free_port
from tests.standins.e2b import E2BStandIn, StandInRequest
from tools.sandbox import open_sandbox
from tools.sandbox.e2b import E2BSandbox, _Capped, _error
from tools.sandbox.protocol import SandboxUnavailableError
from tools.settings import SandboxSettings, Settings

LIMITS = SandboxSettings(timeout_s=1.5, memory_mb=512, max_processes=32, output_bytes=4096)


@pytest.fixture
def stand_in() -> Iterator[E2BStandIn]:
    with E2BStandIn(LIMITS) as server:
        yield server


async def open_box(stand_in: E2BStandIn, **overrides: Any) -> E2BSandbox:
    box = await open_sandbox(stand_in.settings(LIMITS, **overrides)).open()
    assert isinstance(box, E2BSandbox)
    return box


def sent(stand_in: E2BStandIn, method: str, path: str) -> list[StandInRequest]:
    return [r for r in stand_in.requests if (r.method, r.path) == (method, path)]


# ---- what goes over the wire --------------------------------------------------------------------------------------


async def test_create_asks_for_no_internet_a_lifetime_and_the_template(stand_in: E2BStandIn) -> None:
    box = await open_box(stand_in, e2b_template="labbot-py", e2b_lifetime_s=120)
    try:
        [create] = sent(stand_in, "POST", "/v2/sandboxes")
        assert create.headers["x-api-key"] == stand_in.api_key
        assert create.headers["idempotency-key"]  # the SDK's retries of a lost answer cannot make a second sandbox
        assert create.body["allow_internet_access"] is False  # E2B's default is on
        assert (create.body["templateID"], create.body["timeout"]) == ("labbot-py", 120)
        assert create.body["envVars"] == {}  # nothing of this process's environment goes along
    finally:
        await box.close()


async def test_the_default_template_is_the_code_interpreter(stand_in: E2BStandIn) -> None:
    async with await open_box(stand_in):
        [create] = sent(stand_in, "POST", "/v2/sandboxes")
        assert create.body["templateID"] == "code-interpreter-v1"
        assert create.body["timeout"] == LIMITS.e2b_lifetime_s


async def test_cells_go_to_their_sandbox_with_its_access_token(stand_in: E2BStandIn) -> None:
    async with await open_box(stand_in) as box:
        result = await box.run("x = 6 * 7\nx")  # the stand-in answers 401 to a wrong X-Access-Token
        assert result.ok and result.stdout == "42\n"
        [execute] = sent(stand_in, "POST", "/execute")
        assert execute.headers["e2b-sandbox-id"] == box.sandbox_id
        assert execute.headers["e2b-sandbox-port"] == "49999"
        assert execute.headers["x-access-token"]
        assert execute.body == {"code": "x = 6 * 7\nx", "context_id": None, "language": None, "env_vars": None}


async def test_the_environment_cannot_redirect_the_sdk(stand_in: E2BStandIn, monkeypatch: pytest.MonkeyPatch) -> None:
    dead = f"http://127.0.0.1:{free_port()}"
    monkeypatch.setenv("E2B_DEBUG", "true")  # debug mode would fake create and kill and send cells to :49999
    monkeypatch.setenv("E2B_API_URL", dead)
    monkeypatch.setenv("E2B_SANDBOX_URL", dead)
    async with await open_box(stand_in) as box:
        assert (await box.run("print('here')")).stdout == "here\n"
    assert len(sent(stand_in, "POST", "/v2/sandboxes")) == 1
    assert len(sent(stand_in, "DELETE", f"/sandboxes/{box.sandbox_ids[0]}")) == 1


# ---- one sandbox per answer, killed when done ---------------------------------------------------------------------


async def test_one_sandbox_per_open_each_killed_on_close(stand_in: E2BStandIn) -> None:
    first, second = await open_box(stand_in), await open_box(stand_in)
    ids = [*first.sandbox_ids, *second.sandbox_ids]
    assert len(set(ids)) == 2 and sorted(stand_in.live_sandboxes()) == sorted(ids)
    await first.close()
    assert stand_in.live_sandboxes() == [second.sandbox_id]
    await second.close()
    await second.close()  # twice is harmless and sends nothing more
    assert stand_in.live_sandboxes() == []
    assert [r.path for r in stand_in.requests if r.method == "DELETE"] == [f"/sandboxes/{i}" for i in ids]
    assert all(r.headers["x-api-key"] == stand_in.api_key for r in stand_in.requests if r.method == "DELETE")
    with pytest.raises(RuntimeError, match="closed"):
        await first.run("1")


async def test_a_timed_out_cell_kills_its_sandbox_and_the_next_gets_a_fresh_one(stand_in: E2BStandIn) -> None:
    async with await open_box(stand_in) as box:
        await box.run("x = 1")
        started = time.monotonic()
        result = await box.run("import time\ntime.sleep(60)")
        assert result.error is not None and result.error.name == "TimeoutError"
        assert time.monotonic() - started < LIMITS.timeout_s + 1
        assert stand_in.live_sandboxes() == []  # killed, not left running until its lifetime ends
        after = await box.run("print('x' in globals())")
        assert after.stdout == "False\n" and "ran past 1.5 s" in after.stderr
        assert len(box.sandbox_ids) == 2 and stand_in.live_sandboxes() == [box.sandbox_ids[1]]


async def test_close_mid_cell_kills_at_once_and_the_cell_returns_an_error(stand_in: E2BStandIn) -> None:
    box = await open_box(stand_in, timeout_s=30)
    cell = asyncio.create_task(box.run("import time\ntime.sleep(30)"))
    await asyncio.sleep(0.5)
    started = time.monotonic()
    await box.close()
    result = await cell
    assert time.monotonic() - started < 5
    assert result.error is not None and result.error.name == "SandboxCrashed" and "closed" in result.error.value
    assert stand_in.live_sandboxes() == []


# ---- failures -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fault", ["502", "dropped", "expired"])
async def test_a_sandbox_failing_mid_cell_is_an_error_and_is_replaced(stand_in: E2BStandIn, fault: str) -> None:
    async with await open_box(stand_in) as box:
        await box.run("x = 1")
        first = box.sandbox_id
        assert first is not None
        if fault == "502":
            stand_in.fail_next("execute", 502, message="sandbox gateway error")
        elif fault == "dropped":
            stand_in.drop_next("execute")
        else:
            stand_in.expire(first)  # its lifetime ran out: E2B's edge answers 502
        result = await box.run("print(x)")
        assert result.error is not None and result.error.name == "SandboxCrashed"
        assert "state is lost" in result.error.value
        assert first not in stand_in.live_sandboxes()
        after = await box.run("print('x' in globals())")
        assert after.ok and after.stdout == "False\n"
        assert "[sandbox restarted: the previous E2B sandbox failed" in after.stderr
        assert box.sandbox_id != first


async def test_an_interpreter_that_dies_is_a_crash_and_its_sandbox_is_replaced(stand_in: E2BStandIn) -> None:
    async with await open_box(stand_in) as box:
        first = box.sandbox_id
        result = await box.run("x = 1\nimport os, signal\nos.kill(os.getpid(), signal.SIGKILL)")  # killed by a signal
        assert result.error is not None and result.error.name == "SandboxCrashed"
        assert "ContextRestarting" in result.error.value and "state is lost" in result.error.value
        assert first not in stand_in.live_sandboxes()
        after = await box.run("print('x' in globals())")
        assert after.stdout == "False\n" and "interpreter died" in after.stderr


@pytest.mark.parametrize("status", [401, 403, 429, 500])
async def test_create_refused_is_a_clear_error_that_never_shows_the_key(stand_in: E2BStandIn, status: int) -> None:
    key = stand_in.api_key
    stand_in.fail_next("create", status, message=f"refused key {key}", times=4)  # 429 is retried by the SDK
    with pytest.raises(SandboxUnavailableError, match=rf"cannot create an E2B sandbox: .*{status}") as raised:
        await open_box(stand_in)
    shown = "".join(traceback.format_exception(raised.value))
    assert key not in shown and "[redacted]" in shown


async def test_no_key_is_a_clear_error_before_any_request(stand_in: E2BStandIn) -> None:
    settings = stand_in.settings(LIMITS).model_copy(update={"e2b_api_key": None})
    with pytest.raises(SandboxUnavailableError, match="E2B_API_KEY"):
        await open_sandbox(settings).open()
    assert stand_in.requests == []


async def test_an_unreachable_service_is_a_clear_error() -> None:
    dead = f"http://127.0.0.1:{free_port()}"
    update = {"backend": "e2b", "e2b_api_url": dead, "e2b_sandbox_url": dead}
    settings = Settings(sandbox=LIMITS.model_copy(update=update), e2b_api_key=SecretStr("e2b_unused"))
    with pytest.raises(SandboxUnavailableError, match=r"cannot create an E2B sandbox: .*[Cc]onnect"):
        await open_sandbox(settings).open()


async def test_a_failed_kill_is_logged_not_raised(stand_in: E2BStandIn, caplog: pytest.LogCaptureFixture) -> None:
    box = await open_box(stand_in)
    stand_in.fail_next("kill", 500, message=f"cannot kill, key {stand_in.api_key}")
    with caplog.at_level(logging.WARNING, logger="tools.sandbox.e2b"):
        await box.close()
    assert f"could not kill E2B sandbox {box.sandbox_ids[0]}" in caplog.text
    assert stand_in.api_key not in caplog.text


async def test_the_key_is_in_no_log_line_at_any_level(stand_in: E2BStandIn, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG):
        async with await open_box(stand_in) as box:
            await box.run("print(1)")
            stand_in.fail_next("execute", 502, message=f"echo {stand_in.api_key}")
            crashed = await box.run("print(2)")
            assert crashed.error is not None and stand_in.api_key not in crashed.error.value
            await box.run("print(3)")
    assert "E2B sandbox" in caplog.text  # the capture did see this module's lines
    assert stand_in.api_key not in caplog.text


# ---- results ------------------------------------------------------------------------------------------------------


async def test_a_string_value_shows_without_quotes_as_e2b_reports_it(stand_in: E2BStandIn) -> None:
    async with await open_box(stand_in) as box:  # bwrap shows repr ('abc'); E2B's server strips the quotes
        assert (await box.run("'abc'")).stdout == "abc\n"


def test_output_past_the_cap_is_cut_with_an_exact_count() -> None:
    stream = _Capped(10)
    for _ in range(3):
        stream.add("abcdefgh")
    assert stream.render() == ("abcdefghab\n…[output truncated: 14 bytes cut]\n", True)
    whole = _Capped(10)
    whole.add("short\n")
    whole.fold_marker()
    assert whole.render() == ("short\n", False)


def test_a_character_split_by_the_cap_is_cut_whole() -> None:
    stream = _Capped(4)
    stream.add("abcé")  # é is two bytes: the cap falls inside it
    assert stream.render() == ("abc\n…[output truncated: 2 bytes cut]\n", True)


def test_a_marker_from_a_server_that_caps_is_folded_into_the_count() -> None:
    stream = _Capped(4)
    stream.add("xxxxxxxx\n…[output truncated: 992 bytes cut]\n")
    stream.fold_marker()
    assert stream.render() == ("xxxx\n…[output truncated: 996 bytes cut]\n", True)


def test_an_ipython_traceback_loses_its_colours() -> None:
    remote = SimpleNamespace(name="ValueError", value="bad", traceback="\x1b[0;31mValueError\x1b[0m: bad")
    error = _error(remote)
    assert error is not None and (error.name, error.value, error.traceback) == ("ValueError", "bad", "ValueError: bad")
