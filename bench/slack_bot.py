"""The bot's Slack-facing latency, measured through the emulator against real `labbot` processes.

1. Ack latency of the HTTP front door (`labbot serve`, LABBOT_SLACK__MODE=http) at 20 signed
   events/s: first on an idle machine (the baseline, same run), then while two `labbot ask` loops keep
   both cores busy answering questions with the embedded model. Slack's deadline is 3 s.
2. Event → first status update: a mention's delivery to the placeholder's "searching papers…" post,
   with one `labbot worker` on an otherwise idle machine.
3. 429 storm: 30 % of chat.postMessage / chat.update calls answered 429 (Retry-After: 1); every
   answer must land, and none may come back before its Retry-After.

    .venv/bin/python bench/slack_bot.py [--seconds 60] [--rate 20]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import aiohttp
from redis.asyncio import Redis
from rich.console import Console
from rich.table import Table

from slack_emulator import EmulatorConfig, RetryPolicy, SlackEmulator

LABBOT = Path(sys.executable).parent / "labbot"
LOAD_QUESTIONS = [
    "t-test please: control 5.1 4.8 6.0 5.5 5.2 4.9, treated 6.2 6.9 7.1 6.4 6.6 7.0",
    "When should I use a Cox model rather than a log-rank test?",
]
console = Console()


def environment(slack: SlackEmulator, data_dir: Path, redis_url: str, **extra: str) -> dict[str, str]:
    return os.environ | {
        "LABBOT_DATA_DIR": str(data_dir),
        "LABBOT_REDIS_URL": redis_url,
        "LABBOT_SLACK__API_URL": slack.api_url,
        "SLACK_BOT_TOKEN": slack.bot_token,
        "SLACK_APP_TOKEN": slack.app_token,
        "SLACK_SIGNING_SECRET": slack.signing_secret,
        **extra,
    }


@contextmanager
def processes(*commands: tuple[list[str], dict[str, str]]) -> Iterator[list[subprocess.Popen[bytes]]]:
    running = [
        subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for cmd, env in commands
    ]
    try:
        yield running
    finally:
        for process in running:
            process.terminate()
        for process in running:
            process.wait(timeout=30)


def cpu_busy_fraction(seconds: float) -> float:
    def sample() -> tuple[int, int]:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
        return sum(fields), fields[3] + fields[4]  # total, idle + iowait

    total0, idle0 = sample()
    time.sleep(seconds)
    total1, idle1 = sample()
    return 1 - (idle1 - idle0) / max(1, total1 - total0)


async def wait_healthy(port: int) -> None:
    async with aiohttp.ClientSession() as session:
        for _ in range(300):
            try:
                async with session.get(f"http://127.0.0.1:{port}/healthz") as response:
                    if response.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.2)
    raise RuntimeError("labbot serve did not come up")


async def ack_latencies(slack: SlackEmulator, seconds: float, rate: float, channel: str) -> list[float]:
    """Mentions at `rate`/s for `seconds`; the HTTP ack latency of each (seconds)."""
    deliveries = []
    started = time.monotonic()
    for number in range(int(seconds * rate)):
        await asyncio.sleep(max(0.0, started + number / rate - time.monotonic()))
        action = await slack.post_user_message(f"<@{slack.bot_user_id}> bench question {number}", channel=channel)
        deliveries += action.deliveries
    for delivery in deliveries:
        await delivery.wait_acked(10)
    return [d.attempts[0].latency_s or float("nan") for d in deliveries]


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


async def main(seconds: float, rate: float, redis_url: str) -> None:
    table = Table(title="labbot bot latency through the Slack emulator (2 cores)")
    for column in ("measurement", "n", "p50", "p99", "max", "note"):
        table.add_column(column)
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        await flush(redis_url)
        retries_off = RetryPolicy(ack_timeout_s=3.0, max_retries=0)
        async with SlackEmulator(EmulatorConfig(transport="http", retry_policy=retries_off, budgets={})) as slack:
            port = 3900 + os.getpid() % 1000
            slack.events_url = f"http://127.0.0.1:{port}/slack/events"
            env = environment(
                slack,
                data,
                redis_url,
                LABBOT_SLACK__MODE="http",
                LABBOT_SLACK__PORT=str(port),
                LABBOT_SLACK__HOST="127.0.0.1",
            )
            ingest = [str(LABBOT), "ingest", "--starter"]
            await asyncio.to_thread(subprocess.run, ingest, env=env, check=True, capture_output=True)
            lab = slack.workspace.add_channel("bench", members={slack.workspace.alice, slack.bot_user_id}).id
            with processes(([str(LABBOT), "serve"], env)):
                await wait_healthy(port)
                idle = await ack_latencies(slack, seconds / 3, rate, lab)
                loop = " ; ".join(f"{LABBOT} ask {q!r} >/dev/null 2>&1" for q in LOAD_QUESTIONS)
                load = ["bash", "-c", f"while true; do {loop}; done"]
                with processes((load, env), (load, env)):
                    await asyncio.sleep(8)  # both loaders past their start-up
                    busy = await asyncio.gather(
                        ack_latencies(slack, seconds, rate, lab), asyncio.to_thread(cpu_busy_fraction, seconds * 0.8)
                    )
            loaded, cpu = busy
            for name, values, note in (
                ("ack, idle machine (baseline)", idle, ""),
                ("ack, both cores answering", loaded, f"CPU busy {cpu:.0%}"),
            ):
                ms = [v * 1000 for v in values]
                table.add_row(
                    name,
                    str(len(ms)),
                    f"{percentile(ms, 50):.1f} ms",
                    f"{percentile(ms, 99):.1f} ms",
                    f"{max(ms):.1f} ms",
                    note,
                )
            ratio = percentile(loaded, 99) / percentile(idle, 99)
            table.add_row("p99 ratio loaded / idle", "", "", f"{ratio:.2f}×", "", "Slack's deadline: 3,000 ms")

        async with SlackEmulator(EmulatorConfig(transport="socket_mode")) as slack:
            env = environment(slack, data, redis_url, LABBOT_SLACK__POST_INTERVAL_S="0")
            await flush(redis_url)
            with processes(([str(LABBOT), "serve"], env), ([str(LABBOT), "worker"], env)):
                await asyncio.sleep(10)  # the worker loads its models
                first_status = []
                for number in range(10):
                    asked = await slack.post_user_message(
                        f"<@{slack.bot_user_id}> How do I handle censoring? ({number})"
                    )
                    sent = asked.deliveries[0].attempts[0].sent_at
                    placeholder = await slack.wait_for_bot_message(
                        asked.message.channel, thread_ts=asked.message.ts, timeout_s=60
                    )
                    call = next(c for c in slack.calls_to("chat.postMessage") if c.response.get("ts") == placeholder.ts)
                    first_status.append((call.at - sent) * 1000)
                    await slack.wait_for(lambda p=placeholder: p.blocks or None, timeout_s=120)
                table.add_row(
                    "event → first status",
                    str(len(first_status)),
                    f"{statistics.median(first_status):.0f} ms",
                    "",
                    f"{max(first_status):.0f} ms",
                    "idle worker, models loaded",
                )

                for method in ("chat.postMessage", "chat.update"):
                    slack.faults.rate_limit(method, fraction=0.3, retry_after_s=1)
                storm = [
                    await slack.post_user_message(f"<@{slack.bot_user_id}> What is a hazard ratio? ({n})")
                    for n in range(20)
                ]
                started = time.monotonic()
                for asked in storm:
                    await slack.wait_for(
                        lambda a=asked: next(
                            (
                                m
                                for m in slack.bot_messages(a.message.channel)
                                if m.thread_ts == a.message.ts and m.blocks
                            ),
                            None,
                        ),
                        timeout_s=300,
                    )
                landed = time.monotonic() - started
            hits = len(slack.rate_limit_hits)
            in_flight = sum(e.in_flight for e in slack.early_retries)
            early = len(slack.early_retries) - in_flight
            table.add_row(
                "429 storm: answers landed",
                f"{len(storm)}/{len(storm)}",
                "",
                "",
                f"{landed:.0f} s",
                f"{hits} 429s; {early} calls before Retry-After ({in_flight} already in flight)",
            )
    console.print(table)


async def flush(redis_url: str) -> None:
    redis = Redis.from_url(redis_url)
    await redis.flushdb()
    await redis.aclose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60.0, help="length of the loaded ack run")
    parser.add_argument("--rate", type=float, default=20.0, help="events per second")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/15", help="a Redis database the bench may flush")
    arguments = parser.parse_args()
    asyncio.run(main(arguments.seconds, arguments.rate, arguments.redis_url))
