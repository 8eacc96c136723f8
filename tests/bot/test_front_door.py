"""The HTTP front door as `labbot serve` runs it: junk never reaches a parser, idle sockets never starve Slack.

Unsigned junk is answered 401 with one log line and no traceback; signed junk is a 400 (Slack does not
retry it, and nothing is queued); a connection that sends no request within the header deadline is
closed; and under a slow-loris of 300 sockets at a 256 file limit, signed events are still acked in
under a second (a real `labbot serve` process, with the limit set on it).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import json
import logging
import os
import resource
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from redis.asyncio import Redis

from bot.payloads import MAX_TEXT, Question
from bot.queue import job_by_id
from slack_emulator import EmulatorConfig, SlackEmulator
from slack_emulator.events import FORM_TYPE
from slack_emulator.records import RetryPolicy
from tests.bot.stack import BotStack, bot_stack
from tests.conftest import flush_redis, free_port

LABBOT = Path(sys.executable).parent / "labbot"


def v0_signature(secret: bytes, timestamp: str, body: bytes) -> str:
    """Slack's v0 scheme on raw bytes (the SDK's signer decodes the body, so it cannot sign invalid UTF-8)."""
    return "v0=" + hmac.new(secret, b"v0:" + timestamp.encode() + b":" + body, hashlib.sha256).hexdigest()


NOW = str(int(time.time()))

# (name, body, headers): each differs from a genuine request in being unsigned, or signed at a bad time
UNSIGNED = [
    ("json null", b"null", {"Content-Type": "application/json"}),
    ("json list", b"[1,2,3]", {"Content-Type": "application/json"}),
    ("invalid UTF-8", b"\xff\xfe{\x80", {"Content-Type": "application/json"}),
    ("bad payload form", b"payload=%7B%ZZ", {"Content-Type": FORM_TYPE}),
    ("payload not JSON", b"payload=nope", {"Content-Type": FORM_TYPE}),
    ("deep nesting", b"[" * 100_000, {"Content-Type": "application/json"}),
    ("no headers at all", b'{"type":"event_callback"}', {}),
    (
        "non-numeric timestamp",
        b"{}",
        {"X-Slack-Request-Timestamp": "soon", "X-Slack-Signature": "v0=" + "0" * 64},
    ),
    (
        "huge timestamp",
        b"{}",
        {"X-Slack-Request-Timestamp": "9" * 5000, "X-Slack-Signature": "v0=" + "0" * 64},
    ),
    ("float timestamp", b"{}", {"X-Slack-Request-Timestamp": "1e10", "X-Slack-Signature": "v0=" + "0" * 64}),
    ("negative timestamp", b"{}", {"X-Slack-Request-Timestamp": "-5", "X-Slack-Signature": "v0=" + "0" * 64}),
    ("bad signature, fresh timestamp", b"{}", {"X-Slack-Request-Timestamp": NOW, "X-Slack-Signature": "v0=00"}),
]

# signed with the real secret, but not a body Slack sends
SIGNED_JUNK = [
    ("json null", b"null", "application/json"),
    ("json list", b"[1,2,3]", "application/json"),
    ("json string", b'"hello"', "application/json"),
    ("invalid UTF-8", b'{"a": "\xff"}', "application/json"),
    ("truncated JSON", b'{"type": "event_callback", "event": {', "application/json"),
    ("deep nesting", b"[" * 100_000, "application/json"),
    ("payload not JSON", b"payload=nope", FORM_TYPE),
    ("payload a list", b"payload=%5B1%5D", FORM_TYPE),
    ("undecodable form", b"payload=%FF%FE", FORM_TYPE),
]


@pytest.fixture
async def http_door(tmp_path: Path, redis_url: str) -> AsyncIterator[BotStack]:
    await flush_redis(redis_url)
    async with bot_stack(
        tmp_path / "data", redis_url, transport="http", worker=False, header_timeout_s=0.5, body_timeout_s=0.5
    ) as stack:
        yield stack


async def post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int, str]:
    async with aiohttp.ClientSession() as session, session.post(url, data=body, headers=headers) as response:
        return response.status, await response.text()


async def queued_keys(redis_url: str) -> list[bytes]:
    redis = Redis.from_url(redis_url)
    try:
        return [key async for key in redis.scan_iter("arq:*")]
    finally:
        await redis.aclose()


@pytest.mark.parametrize(("name", "body", "headers"), UNSIGNED, ids=[case[0] for case in UNSIGNED])
async def test_unsigned_junk_gets_401_and_one_log_line(
    http_door: BotStack,
    redis_url: str,
    caplog: pytest.LogCaptureFixture,
    name: str,
    body: bytes,
    headers: dict[str, str],
) -> None:
    caplog.set_level(logging.INFO)
    caplog.clear()
    status, _ = await post(str(http_door.slack.events_url), body, headers)
    assert status == 401, name
    await asyncio.sleep(0.05)  # anything the server logs after answering
    lines = [r for r in caplog.records if r.name.startswith(("labbot", "aiohttp", "slack_bolt"))]
    assert len(lines) == 1, [r.getMessage() for r in lines]
    assert lines[0].exc_info is None and "Traceback" not in caplog.text
    assert "refused a Slack request" in lines[0].getMessage()
    assert await queued_keys(redis_url) == []


@pytest.mark.parametrize(("name", "body", "content_type"), SIGNED_JUNK, ids=[case[0] for case in SIGNED_JUNK])
async def test_signed_but_malformed_bodies_get_400_and_queue_nothing(
    http_door: BotStack, redis_url: str, caplog: pytest.LogCaptureFixture, name: str, body: bytes, content_type: str
) -> None:
    caplog.set_level(logging.INFO)
    stamp = str(int(time.time()))
    signature = v0_signature(http_door.slack.signing_secret.encode(), stamp, body)
    headers = {"Content-Type": content_type, "X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": signature}
    status, _ = await post(str(http_door.slack.events_url), body, headers)
    assert status == 400, name
    assert "Traceback" not in caplog.text and all(r.exc_info is None for r in caplog.records)
    assert await queued_keys(redis_url) == []


async def test_a_genuine_event_after_the_junk_is_still_queued(http_door: BotStack, redis_url: str) -> None:
    for _, body, headers in UNSIGNED:
        await post(str(http_door.slack.events_url), body, headers)
    action = await http_door.slack.post_user_message(f"<@{http_door.slack.bot_user_id}> a genuine question")
    [delivery] = [d for d in action.deliveries if d.kind == "events_api"]
    attempt = await delivery.wait_acked()
    assert attempt.status == 200
    assert any(key.startswith(b"arq:job:answer:") for key in await queued_keys(redis_url))


async def test_a_connection_that_sends_no_request_is_closed_at_the_header_deadline(http_door: BotStack) -> None:
    port = http_door.settings.slack.port
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(b"POST /slack/events HTTP/1.1\r\nHost: labbot\r\n")  # and never the rest
    await writer.drain()
    started = time.monotonic()
    assert await asyncio.wait_for(reader.read(), timeout=5) == b""  # closed by the server
    assert time.monotonic() - started < 2
    writer.close()


async def test_a_body_that_trickles_in_is_cut_off_at_the_body_deadline(http_door: BotStack) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", http_door.settings.slack.port)
    writer.write(
        b"POST /slack/events HTTP/1.1\r\nHost: labbot\r\nContent-Type: application/json\r\n"
        b'Content-Length: 1000\r\n\r\n{"type": '  # then nothing more
    )
    await writer.drain()
    started = time.monotonic()
    answer = await asyncio.wait_for(reader.read(), timeout=5)
    assert answer.startswith(b"HTTP/1.1 408") and time.monotonic() - started < 2
    writer.close()


# ---- slow-loris against a real `labbot serve` --------------------------------------------------------

FILE_LIMIT = 256
IDLE_SOCKETS = 300
EVENTS = 10


def limit_files() -> None:
    resource.setrlimit(resource.RLIMIT_NOFILE, (FILE_LIMIT, FILE_LIMIT))


async def hold_idle_sockets(port: int, count: int, stop: asyncio.Event) -> list[int]:
    """A slow-loris: `count` sockets that send half a request line and nothing more; each closed one reopens."""
    reopened = [0]

    async def one() -> None:
        while not stop.is_set():
            try:
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            except OSError:
                await asyncio.sleep(0.2)
                continue
            try:
                writer.write(b"POST /slack/events HTTP/1.1\r\nHost: labbot\r\nX-Slow: ")
                await writer.drain()
                closed = asyncio.create_task(reader.read())
                stopped = asyncio.create_task(stop.wait())
                await asyncio.wait([closed, stopped], return_when="FIRST_COMPLETED")
                for task in (closed, stopped):
                    task.cancel()
                await asyncio.gather(closed, stopped, return_exceptions=True)
                reopened[0] += not stop.is_set()
            except OSError:
                pass
            finally:
                writer.close()
                with contextlib.suppress(OSError):
                    await writer.wait_closed()
            await asyncio.sleep(0.2)  # an attacker reconnects; not a busy loop on a two-core machine

    tasks = [asyncio.create_task(one()) for _ in range(count)]
    await stop.wait()
    await asyncio.gather(*tasks, return_exceptions=True)
    return reopened


@pytest.mark.slow
async def test_under_a_slow_loris_of_300_sockets_at_a_256_file_limit_events_are_acked_within_a_second(
    tmp_path: Path, redis_url: str
) -> None:
    await flush_redis(redis_url)
    config = EmulatorConfig(transport="http", retry_policy=RetryPolicy(ack_timeout_s=3.0, max_retries=0))
    async with SlackEmulator(config) as slack:
        port = free_port()
        environment = os.environ | {
            "LABBOT_DATA_DIR": str(tmp_path / "data"),
            "LABBOT_REDIS_URL": redis_url,
            "LABBOT_SLACK__MODE": "http",
            "LABBOT_SLACK__HOST": "127.0.0.1",
            "LABBOT_SLACK__PORT": str(port),
            "LABBOT_SLACK__API_URL": slack.api_url,
            "SLACK_BOT_TOKEN": slack.bot_token,
            "SLACK_SIGNING_SECRET": slack.signing_secret,
        }
        log = tmp_path / "serve.log"
        with log.open("wb") as sink:  # the file limit is set in the child, before it runs anything
            process = subprocess.Popen(  # noqa: ASYNC220
                [str(LABBOT), "serve"],
                env=environment,
                stdout=sink,
                stderr=subprocess.STDOUT,
                preexec_fn=limit_files,  # noqa: PLW1509
            )
        try:
            await wait_listening(port, process, log)
            slack.events_url = f"http://127.0.0.1:{port}/slack/events"
            stop = asyncio.Event()
            attack = asyncio.create_task(hold_idle_sockets(port, IDLE_SOCKETS, stop))
            await asyncio.sleep(3)  # every socket connected (or waiting in the backlog) before Slack calls
            latencies = []
            for number in range(EVENTS):
                action = await slack.post_user_message(f"<@{slack.bot_user_id}> question {number} under attack")
                [delivery] = [d for d in action.deliveries if d.kind == "events_api"]
                attempt = delivery.attempts[0]
                assert attempt.status == 200, (attempt.error, log.read_text(errors="replace")[-2000:])
                latencies.append(attempt.latency_s)
                await asyncio.sleep(0.3)
            stop.set()
            reopened = await attack
        finally:
            process.terminate()
            process.wait(timeout=20)
    median = sorted(latencies)[len(latencies) // 2]
    print(f"ack latency under slow-loris: median {median:.3f} s, max {max(latencies):.3f} s, reopened {reopened[0]}")
    assert max(latencies) < 1.0, latencies
    output = log.read_text(errors="replace")
    assert "Traceback" not in output and "Too many open files" not in output


async def wait_listening(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"labbot serve exited: {log.read_text(errors='replace')[-3000:]}")  # noqa: ASYNC240
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            return
        except OSError:
            await asyncio.sleep(0.2)
    raise AssertionError("labbot serve did not start listening")


async def test_a_lone_surrogate_and_an_overlong_message_reach_the_queue_clean_and_marked(
    http_door: BotStack, redis_url: str
) -> None:
    slack = http_door.slack
    envelope = slack.payloads.event_callback(
        {
            "type": "app_mention",
            "user": slack.workspace.alice,
            "text": f"<@{slack.bot_user_id}> t-test: a 1 2 3 \ud800 " + "4 " * 25_000,
            "ts": "1700000000.000100",
            "channel": slack.workspace.general,
            "event_ts": "1700000000.000100",
        }
    )
    body = json.dumps(envelope).encode()  # JSON spells the lone surrogate as an escape, as Slack may
    assert b"\\ud800" in body
    stamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": v0_signature(slack.signing_secret.encode(), stamp, body),
    }
    status, _ = await post(str(slack.events_url), body, headers)
    assert status == 200
    redis = Redis.from_url(redis_url)
    try:
        info = await job_by_id(f"answer:{slack.workspace.general}:1700000000.000100", redis).info()
    finally:
        await redis.aclose()
    assert info is not None
    question = Question.model_validate(info.args[0])
    assert "\ufffd" in question.text and "\ud800" not in question.text
    assert len(question.text) == MAX_TEXT and question.cut_chars > 0  # the graph is told the message was cut
