"""At-least-once in, exactly once out: duplicate deliveries over both transports, reconnects, forged requests.

The library is empty, so each answer is a quick abstention: the pipeline is real, but what these tests
measure is the delivery path (Bolt, Redis, arq, the bot's record, the poster), not the model.
"""

from __future__ import annotations

import json
import random
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from pathlib import Path

import aiohttp
import pytest
from redis.asyncio import Redis

from bot.serve import open_front_door, serving
from slack_emulator import EmulatorConfig, Forgery, SlackEmulator
from slack_emulator.events import sign
from slack_emulator.records import EventDelivery, RetryPolicy
from tests.bot.stack import bot_settings, lab_channels, running_worker
from tests.conftest import flush_redis
from tools.settings import Settings

pytestmark = pytest.mark.slow
EVENTS = 200
CHANNELS = 40
RECONNECT_EVERY = 20
NO_AUTOMATIC_RETRIES = RetryPolicy(ack_timeout_s=3.0, max_retries=0)


async def answer_job_ids(redis_url: str) -> list[str]:
    """Every answer job arq ever accepted: queued, running or finished (results are kept a day)."""
    redis = Redis.from_url(redis_url)
    try:
        keys = [k.decode() async for k in redis.scan_iter("arq:*answer:*")]
    finally:
        await redis.aclose()
    return sorted({key.split(":", 2)[2] for key in keys if key.startswith(("arq:job:", "arq:result:"))})


class TwoDoors:
    """Socket Mode and HTTP front doors on one Redis: Slack may deliver any attempt by either."""

    def __init__(self, slack: SlackEmulator, socket_settings: Settings, http_settings: Settings) -> None:
        self.slack, self.socket_settings, self.http_settings = slack, socket_settings, http_settings


@pytest.fixture
async def doors(tmp_path: Path, redis_url: str) -> AsyncIterator[TwoDoors]:
    await flush_redis(redis_url)
    async with AsyncExitStack() as stack:
        slack = await stack.enter_async_context(
            SlackEmulator(EmulatorConfig(transport="socket_mode", retry_policy=NO_AUTOMATIC_RETRIES))
        )
        socket_settings = bot_settings(slack, tmp_path / "data", redis_url, "socket", worker_jobs=4)
        http_settings = bot_settings(slack, tmp_path / "data", redis_url, "http", worker_jobs=4)
        for settings in (socket_settings, http_settings):
            app = await stack.enter_async_context(open_front_door(settings))
            await stack.enter_async_context(serving(settings, app))
        slack.events_url = f"http://127.0.0.1:{http_settings.slack.port}{http_settings.slack.path}"
        yield TwoDoors(slack, socket_settings, http_settings)


async def test_each_event_delivered_four_times_over_both_transports_is_answered_once(
    doors: TwoDoors, redis_url: str
) -> None:
    slack = doors.slack
    rng = random.Random(5)
    channels = lab_channels(slack, "lab", CHANNELS)
    asked: list[tuple[str, str, list[EventDelivery]]] = []
    async with running_worker(doors.socket_settings):
        for number in range(EVENTS):
            if number and number % RECONNECT_EVERY == 0:
                await slack.socket_mode.request_refresh()
            channel = channels[number % CHANNELS]
            action = await slack.post_user_message(
                f"<@{slack.bot_user_id}> question {number} about nothing in the library", channel=channel
            )
            [delivery] = action.deliveries
            for retry in (1, 2, 3):
                await slack.redeliver(delivery, retry, transport=rng.choice(["socket_mode", "http"]))
            asked.append((channel, action.message.ts, action.deliveries))

        def all_answered() -> bool | None:
            return all(_answers(slack, channel, ts) for channel, ts, _ in asked) or None

        await slack.wait_for(all_answered, timeout_s=300)

    lost = [ts for _, ts, deliveries in asked if not all(d.acked for d in deliveries)]
    assert lost == []
    assert all(len(d.attempts) == 4 for _, _, deliveries in asked for d in deliveries)
    transports_used = {a.envelope_id is None for _, _, ds in asked for d in ds for a in d.attempts}
    assert transports_used == {True, False}, "retries went over both HTTP and Socket Mode"
    assert len(slack.socket_mode.connections) >= EVENTS // RECONNECT_EVERY, "the bot reconnected after each refresh"
    answers = {(channel, ts): len(_answers(slack, channel, ts)) for channel, ts, _ in asked}
    assert set(answers.values()) == {1}, "exactly one answer per question"
    assert len(await answer_job_ids(redis_url)) == EVENTS, "exactly one job per question"
    assert slack.violations == []


def _answers(slack: SlackEmulator, channel: str, ts: str) -> list[object]:
    return [m for m in slack.bot_messages(channel) if m.thread_ts == ts and m.blocks]


FORGERIES = list(Forgery)


async def test_forged_requests_are_rejected_and_enqueue_nothing(doors: TwoDoors, redis_url: str) -> None:
    slack = doors.slack
    envelope = slack.payloads.event_callback(
        {
            "type": "app_mention",
            "user": slack.workspace.alice,
            "text": f"<@{slack.bot_user_id}> forged question",
            "ts": "1700000000.000100",
            "channel": slack.workspace.general,
            "event_ts": "1700000000.000100",
        }
    )
    for forgery in FORGERIES:
        attempt = await slack.send_forged(envelope, forgery)
        assert attempt.status == 401, f"{forgery.name}: {attempt.status} {attempt.response_body}"
    assert await answer_job_ids(redis_url) == []

    valid = 0
    for number in range(25):  # 0 false rejects of genuine requests
        action = await slack.post_user_message(f"<@{slack.bot_user_id}> genuine {number}", channel=None)
        [delivery] = [d for d in action.deliveries if d.kind == "events_api"]
        await slack.redeliver(delivery, 1, transport="http")
        http_attempt = delivery.attempts[-1]
        valid += http_attempt.status == 200
    assert valid == 25
    assert len(await answer_job_ids(redis_url)) == 25


async def test_an_http_url_verification_challenge_is_answered(doors: TwoDoors) -> None:
    challenge = doors.slack.payloads.url_verification("c-123")
    body = json.dumps(challenge).encode()
    request = sign(body, doors.slack.signing_secret)
    async with (
        aiohttp.ClientSession() as session,
        session.post(str(doors.slack.events_url), data=body, headers=request.headers) as response,
    ):
        assert response.status == 200
        assert (await response.json())["challenge"] == "c-123"


async def test_a_429_storm_delays_posts_but_loses_none_and_respects_retry_after(doors: TwoDoors) -> None:
    slack = doors.slack
    for method in ("chat.postMessage", "chat.update"):
        slack.faults.rate_limit(method, fraction=0.3, retry_after_s=1)
    async with running_worker(doors.socket_settings):
        asked = [await slack.post_user_message(f"<@{slack.bot_user_id}> storm {n}") for n in range(12)]

        def all_answered() -> bool | None:
            return all(_answers(slack, a.message.channel, a.message.ts) for a in asked) or None

        await slack.wait_for(all_answered, timeout_s=180)
    assert len(slack.rate_limit_hits) >= 5, "the storm really refused calls"
    early = [e for e in slack.early_retries if not e.in_flight]
    assert early == [], "no call made after a 429 reached a refused key before its Retry-After"
    assert all(len(_answers(slack, a.message.channel, a.message.ts)) == 1 for a in asked)
