"""Answers per minute with 1, 2 and 3 `labbot worker` processes on one Redis, and where the time goes.

The queue path is measured, not the model: the answering model is a registry entry (`standin`, an
`openai` entry) pointing at the loopback OpenAI chat stand-in of the tests, which answers every call
at once with the smallest reply its JSON schema admits. Everything else is real: the starter library
(165 papers) in SQLite, MiniLM embeddings for retrieval and citation checks, the LangGraph agent with
its checkpointer, `labbot serve` and `labbot worker` processes, arq on a private redis-server, and
the Slack emulator (Socket Mode). Posts are not paced (LABBOT_SLACK__POST_INTERVAL_S=0) so that Slack's
one-post-per-second-per-channel rule does not hide the queue.

For each worker count: start the workers, warm each one up (models loaded), then post a burst of
questions across channels at once and time it until every answer is in its thread. Per answer, arq's
record gives the queue wait (enqueued → started) and the job's run time (started → finished); the
answer's own stage timings (recorded with it in the feedback store) give the graph's share; the rest of
the job is Slack calls (placeholder, progress updates, the answer), thread history and the stores.

    nice -n 10 .venv/bin/python bench/queue_throughput.py [--questions 36] [--workers 1 2 3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from arq.jobs import JobResult
from redis.asyncio import Redis
from rich.console import Console
from rich.table import Table

from bot.queue import job_by_id
from slack_emulator import EmulatorConfig, SlackEmulator
from tools.models.registry import ModelEntry, ModelRegistry

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the stand-in lives with the tests
from tests.standins.openai_chat import OpenAIChatStandIn

LABBOT = Path(sys.executable).parent / "labbot"
CHANNELS = 12
console = Console(width=170)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def redis_server() -> Iterator[str]:
    """A private redis-server (the bench flushes it between runs)."""
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        server = shutil.which("redis-server") or sys.exit("redis-server is not installed")
        process = subprocess.Popen(
            [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", folder],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    process.kill()
                    sys.exit("redis-server did not start")
                time.sleep(0.05)
        try:
            yield f"redis://127.0.0.1:{port}/0"
        finally:
            process.terminate()
            process.wait(timeout=10)


@contextmanager
def labbot_processes(env: dict[str, str], logs: Path, workers: int) -> Iterator[list[Path]]:
    """`labbot serve` and `workers` × `labbot worker`; yields the worker logs."""
    commands = [("serve", logs / "serve.log")] + [("worker", logs / f"worker-{n}.log") for n in range(workers)]
    running = []
    for command, log in commands:
        with log.open("wb") as sink:
            running.append(subprocess.Popen([str(LABBOT), command], env=env, stdout=sink, stderr=subprocess.STDOUT))
    try:
        yield [log for _, log in commands[1:]]
    finally:
        for process in running:
            process.terminate()
        for process in running:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


async def wait_until(condition: Callable[[], bool], timeout_s: float, what: str) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            sys.exit(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)


async def ask_all(slack: SlackEmulator, channels: list[str], count: int, tag: str) -> list[tuple[str, str, float]]:
    """Post `count` mentions round-robin over `channels`; wait for each answer. (channel, ts, seconds)."""
    asked = []
    for n in range(count):
        channel = channels[n % len(channels)]
        action = await slack.post_user_message(
            f"<@{slack.bot_user_id}> What is a hazard ratio? ({tag} {n})", channel=channel
        )
        asked.append((channel, action.message.ts, time.monotonic()))
    done: dict[str, float] = {}

    def finished() -> bool:
        for channel, ts, _ in asked:
            if ts not in done and any(m.blocks and m.thread_ts == ts for m in slack.bot_messages(channel)):
                done[ts] = time.monotonic()
        return len(done) == len(asked)

    await wait_until(finished, 600, f"{count} answers")
    return [(channel, ts, done[ts] - sent) for channel, ts, sent in asked]


async def job_results(redis_url: str, asked: list[tuple[str, str, float]]) -> list[JobResult]:
    redis = Redis.from_url(redis_url)
    try:
        results = []
        deadline = time.monotonic() + 60
        for channel, ts, _ in asked:
            while (info := await job_by_id(f"answer:{channel}:{ts}", redis).result_info()) is None:
                if time.monotonic() > deadline:
                    sys.exit(f"no arq result for {channel}:{ts}")
                await asyncio.sleep(0.05)
            results.append(info)
        return results
    finally:
        await redis.aclose()


def graph_seconds(data: Path, asked: list[tuple[str, str, float]]) -> list[float]:
    """Sum of each answer's stage timings, from the answer records the workers stored (SQLite path)."""
    wanted = {f"{channel}:{ts}:answer" for channel, ts, _ in asked}
    with sqlite3.connect(data / "labbot.sqlite") as db:
        rows = db.execute("SELECT answer_id, answer FROM feedback_answers").fetchall()
    return [sum(json.loads(answer)["timings"].values()) for answer_id, answer in rows if answer_id in wanted]


def p50(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


async def run(workers: int, questions: int, env: dict[str, str], slack: SlackEmulator, data: Path) -> list[str]:
    redis_url = env["LABBOT_REDIS_URL"]
    redis = Redis.from_url(redis_url)
    await redis.flushdb()
    await redis.aclose()
    channels = [
        slack.workspace.add_channel(f"q{workers}-{n}", members={slack.workspace.alice, slack.bot_user_id}).id
        for n in range(CHANNELS)
    ]
    with tempfile.TemporaryDirectory() as folder, labbot_processes(env, Path(folder), workers) as logs:
        await wait_until(lambda: all("labbot worker ready" in log.read_text() for log in logs), 300, "workers")
        await ask_all(slack, channels, 2 * workers, "warm-up")  # each worker loads its models
        calls_before = len(slack.calls)
        started = time.monotonic()
        asked = await ask_all(slack, channels, questions, "burst")
        elapsed = time.monotonic() - started
        calls = len(slack.calls) - calls_before
        results = await job_results(redis_url, asked)
    wait = [(r.start_time - r.enqueue_time).total_seconds() for r in results]
    job = [(r.finish_time - r.start_time).total_seconds() for r in results]
    graph = graph_seconds(data, asked)
    rest = p50(job) - p50(graph)
    latency = [seconds for _, _, seconds in asked]
    return [
        str(workers),
        f"{questions / elapsed * 60:.0f}",
        f"{p50(latency):.1f} s / {max(latency):.1f} s",
        f"{p50(wait):.2f} s",
        f"{p50(job):.2f} s",
        f"{p50(graph):.2f} s",
        f"{rest:.2f} s",
        f"{calls / questions:.1f}",
    ]


async def main(worker_counts: list[int], questions: int) -> None:
    table = Table(title=f"Answers per minute through the queue ({questions}-question burst, {os.cpu_count()} cores)")
    for column in (
        "workers",
        "answers/min",
        "event → answer p50 / max",
        "queue wait p50",
        "job p50",
        "graph stages p50",
        "job − graph stages p50",
        "Web API calls / answer",
    ):
        table.add_column(column)
    with (
        redis_server() as redis_url,
        OpenAIChatStandIn() as model,
        tempfile.TemporaryDirectory() as folder,
    ):
        data = Path(folder) / "data"
        async with SlackEmulator(EmulatorConfig(transport="socket_mode", budgets={})) as slack:
            env = os.environ | {
                "LABBOT_DATA_DIR": str(data),
                "LABBOT_REDIS_URL": redis_url,
                "LABBOT_SLACK__API_URL": slack.api_url,
                "LABBOT_SLACK__POST_INTERVAL_S": "0",
                "LABBOT_MODELS__DEFAULT": "standin",
                "OPENAI_API_KEY": "sk-test-standin",
                "SLACK_BOT_TOKEN": slack.bot_token,
                "SLACK_APP_TOKEN": slack.app_token,
            }
            console.print("ingesting the starter library…")
            ingest = [str(LABBOT), "ingest", "--starter"]
            await asyncio.to_thread(subprocess.run, ingest, env=env, check=True, capture_output=True)
            ModelRegistry(data / "models.json").register(
                ModelEntry(
                    name="standin",
                    backend="openai",
                    model_id="gpt-4o-mini",
                    base_url=f"{model.url}/v1",
                    writes_code=False,
                    writes_prose=True,
                    context_tokens=8192,
                    max_retries=0,
                )
            )
            for workers in worker_counts:
                console.print(f"{workers} worker(s)…")
                table.add_row(*await run(workers, questions, env, slack, data))
    console.print(table)
    load = os.getloadavg()
    console.print(f"load average at the end: {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (1 / 5 / 15 min)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--questions", type=int, default=36, help="questions in each measured burst")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 3], help="worker counts to measure")
    arguments = parser.parse_args()
    asyncio.run(main(arguments.workers, arguments.questions))
