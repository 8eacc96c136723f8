"""The whole bot against the Slack emulator: front door (Socket Mode or HTTP), an arq worker, Redis."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from arq.worker import Worker
from pydantic import SecretStr

from bot.serve import build_worker, open_front_door, serving, stop_worker
from slack_emulator import EmulatorConfig, RetryPolicy, SlackEmulator
from slack_emulator.web_api import Credentials
from tests.conftest import FIXTURES, flush_redis, free_port
from tools.ingest import ingest
from tools.readers import read_papers
from tools.services import build_services
from tools.settings import Settings, SlackSettings

FAST_RETRIES = RetryPolicy(ack_timeout_s=3.0, delays_s=(0.5, 1.0, 1.0))
LABBOT = Path(sys.executable).parent / "labbot"


def bot_settings(
    slack: SlackEmulator, data_dir: Path, redis_url: str, mode: str = "socket", **slack_options: Any
) -> Settings:
    port = free_port()
    return Settings(
        data_dir=data_dir,
        redis_url=redis_url,
        slack=SlackSettings(
            mode=mode,
            api_url=slack.api_url,
            host="127.0.0.1",
            port=port,
            post_interval_s=0,
            file_hosts=(slack.workspace.base_url,),
            **slack_options,
        ),
        slack_bot_token=SecretStr(slack.bot_token),
        slack_app_token=SecretStr(slack.app_token),
        slack_signing_secret=SecretStr(slack.signing_secret),
    )


@dataclass
class BotStack:
    slack: SlackEmulator
    settings: Settings
    workers: list[Worker] = field(default_factory=list)


@asynccontextmanager
async def running_worker(settings: Settings, **overrides: Any) -> AsyncIterator[Worker]:
    worker = build_worker(settings, handle_signals=False, poll_delay=0.05, **overrides)
    task = asyncio.create_task(worker.async_run())
    try:
        yield worker
    finally:
        await stop_worker(worker, task)


@asynccontextmanager
async def bot_stack(
    data_dir: Path,
    redis_url: str,
    *,
    transport: str = "socket_mode",
    worker: bool = True,
    credentials: Credentials | None = None,
    **slack_options: Any,
) -> AsyncIterator[BotStack]:
    async with AsyncExitStack() as stack:
        config = EmulatorConfig(
            transport=transport,  # type: ignore[arg-type]
            retry_policy=FAST_RETRIES,
            credentials=credentials or Credentials(),
        )
        slack = await stack.enter_async_context(SlackEmulator(config))
        mode = "socket" if transport == "socket_mode" else "http"
        settings = bot_settings(slack, data_dir, redis_url, mode, **slack_options)
        app = await stack.enter_async_context(open_front_door(settings))
        await stack.enter_async_context(serving(settings, app))
        if mode == "http":
            slack.events_url = f"http://127.0.0.1:{settings.slack.port}{settings.slack.path}"
        running = BotStack(slack, settings)
        if worker:
            running.workers.append(await stack.enter_async_context(running_worker(settings)))
        yield running


@asynccontextmanager
async def answering_stack(data_dir: Path, redis_url: str) -> AsyncIterator[BotStack]:
    """The whole bot, a worker included, on a flushed Redis, with the fixture papers in its library."""
    await flush_redis(redis_url)
    async with bot_stack(data_dir, redis_url) as running:
        services = build_services(running.settings)
        await ingest(services.library, list(read_papers(FIXTURES / "papers.jsonl", "auto")))
        await services.aclose()
        yield running


def lab_channels(slack: SlackEmulator, prefix: str, count: int) -> list[str]:
    """`count` channels with alice and the bot in them (Slack's per-channel post limit spreads the load)."""
    channels = [slack.workspace.add_channel(f"{prefix}-{n}", members={slack.workspace.alice}).id for n in range(count)]
    for channel in channels:
        slack.workspace.channels[channel].members.add(slack.bot_user_id)
    return channels


@dataclass
class WorkerProcess:
    """A real `labbot worker` process; its output goes to `log`."""

    process: subprocess.Popen[bytes]
    log: Path

    def ready(self) -> bool:
        return "labbot worker ready" in self.log.read_text(errors="replace")


def start_worker_process(stack: BotStack, log: Path, *, answer_timeout_s: int = 10, **env: str) -> WorkerProcess:
    """`labbot worker` against this stack's Redis and Slack (its environment, so LABBOT_DATABASE_URL too)."""
    settings = stack.settings
    environment = (
        os.environ
        | {
            "LABBOT_DATA_DIR": str(settings.data_path),
            "LABBOT_REDIS_URL": settings.redis_url,
            "LABBOT_SLACK__API_URL": str(settings.slack.api_url),
            "LABBOT_SLACK__FILE_HOSTS": json.dumps(settings.slack.file_hosts),
            "LABBOT_SLACK__POST_INTERVAL_S": "0",
            "LABBOT_SLACK__ANSWER_TIMEOUT_S": str(answer_timeout_s),
            "LABBOT_SLACK__WORKER_JOBS": "2",
            "SLACK_BOT_TOKEN": stack.slack.bot_token,
        }
        | env
    )
    with log.open("wb") as sink:
        process = subprocess.Popen([str(LABBOT), "worker"], env=environment, stdout=sink, stderr=subprocess.STDOUT)
    return WorkerProcess(process, log)
