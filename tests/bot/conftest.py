"""Shared by the bot tests: a running emulator per test, clients pointed at it, block builders, a front door."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from slack_emulator import EmulatorConfig, RetryPolicy, SlackEmulator
from tests.bot.stack import BotStack, bot_stack
from tests.conftest import flush_redis

FAST = RetryPolicy(ack_timeout_s=0.5, delays_s=(0.0, 0.2, 0.2))


@asynccontextmanager
async def emulator(**config: Any) -> AsyncIterator[SlackEmulator]:
    async with SlackEmulator(EmulatorConfig(retry_policy=FAST, **config)) as slack:
        yield slack


@pytest.fixture
async def slack() -> AsyncIterator[SlackEmulator]:
    async with emulator() as running:
        yield running


def client_of(slack: SlackEmulator, **options: Any) -> AsyncWebClient:
    return AsyncWebClient(token=slack.bot_token, base_url=slack.api_url, **options)


async def slack_error(call: Awaitable[Any]) -> str:
    with pytest.raises(SlackApiError) as raised:
        await call
    return str(raised.value.response["error"])


def section(text: str, **extra: Any) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}} | extra


def button(text: str = "Good", **extra: Any) -> dict[str, Any]:
    return {"type": "button", "text": {"type": "plain_text", "text": text}, "action_id": "good"} | extra


@pytest.fixture
async def front_door(tmp_path: Path, redis_url: str) -> AsyncIterator[BotStack]:
    """The Slack emulator and the bot's front door on a flushed Redis, no worker: the test starts `labbot worker`s."""
    await flush_redis(redis_url)
    async with bot_stack(tmp_path / "data", redis_url, worker=False) as running:
        yield running
