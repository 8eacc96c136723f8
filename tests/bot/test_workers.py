"""Several `labbot worker` processes on one Redis: the queue spreads the jobs and each runs exactly once.

Three real worker processes take questions from one arq queue. Every job must start once (in one
process's log, on its first try) and every question must get one answer, with all three processes
doing part of the work. Under LABBOT_TEST_DATABASE_URL the workers share PostgreSQL instead of
SQLite files.
"""

from __future__ import annotations

import asyncio
import re
import signal
import subprocess
from pathlib import Path

import pytest
from redis.asyncio import Redis

from bot.health import probe
from bot.queue import job_by_id
from slack_emulator import Message
from tests.bot.stack import BotStack, WorkerProcess, lab_channels, start_worker_process

pytestmark = pytest.mark.slow
WORKERS = 3
QUESTIONS = 24
CHANNELS = 8
# generous: the first answer of each process loads the embedder while two other processes do the same;
# a timeout would rerun the job and hide what this test checks
ANSWER_TIMEOUT_S = 120
# arq logs each job it starts as "<queued for> → <job id>:answer(…)"; INFO makes the workers print it
STARTED = re.compile(r"→ (answer:\S+?):answer\(")


async def test_three_workers_share_one_queue_and_run_each_job_once(
    front_door: BotStack, tmp_path: Path, redis_url: str
) -> None:
    slack = front_door.slack
    channels = lab_channels(slack, "scale", CHANNELS)
    # a wide console: rich would otherwise wrap a long job id across two log lines
    workers = [
        start_worker_process(
            front_door,
            tmp_path / f"worker-{n}.log",
            answer_timeout_s=ANSWER_TIMEOUT_S,
            LABBOT_LOG_LEVEL="INFO",
            COLUMNS="400",
        )
        for n in range(WORKERS)
    ]
    try:
        await slack.wait_for(lambda: all(w.ready() for w in workers) or _dead(workers), timeout_s=120)
        assert not _dead(workers), _logs(workers)
        assert (await probe(front_door.settings, ("worker",)))[0], "`labbot health` sees the workers' heartbeat"
        asked: list[tuple[str, str]] = []
        for n in range(QUESTIONS):
            channel = channels[n % CHANNELS]
            action = await slack.post_user_message(f"<@{slack.bot_user_id}> question {n}", channel=channel)
            await action.wait_acked()
            asked.append((channel, action.message.ts))

        def answered() -> bool | None:
            return all(any(m.blocks for m in _replies(front_door, c, ts)) for c, ts in asked) or None

        await slack.wait_for(answered, timeout_s=180)
        expected = sorted(f"answer:{channel}:{ts}" for channel, ts in asked)
        tries = await _finished_tries(redis_url, expected)  # a job posts its answer a moment before it returns
    finally:
        for worker in workers:
            worker.process.send_signal(signal.SIGTERM)
        for worker in workers:
            try:
                worker.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.process.kill()
                worker.process.wait()

    started = [STARTED.findall(w.log.read_text(errors="replace")) for w in workers]
    assert sorted(job for jobs in started for job in jobs) == expected, "each job started once, in one worker"
    assert all(jobs for jobs in started), f"every worker took a share: {[len(j) for j in started]}"
    assert tries == [1] * QUESTIONS, "no job was retried"
    assert [len(_replies(front_door, c, ts)) for c, ts in asked] == [1] * QUESTIONS, "one answer each"
    assert slack.violations == []
    print(f"\njobs per worker: {[len(jobs) for jobs in started]}")


def _dead(workers: list[WorkerProcess]) -> bool:
    return any(w.process.poll() is not None for w in workers)


def _logs(workers: list[WorkerProcess]) -> str:
    return "\n".join(w.log.read_text(errors="replace")[-2000:] for w in workers)


def _replies(front_door: BotStack, channel: str, ts: str) -> list[Message]:
    return [m for m in front_door.slack.bot_messages(channel) if m.thread_ts == ts]


async def _finished_tries(redis_url: str, job_ids: list[str], timeout_s: float = 30) -> list[int]:
    """Each job's try count, once every job has recorded its result."""
    redis = Redis.from_url(redis_url)
    deadline = asyncio.get_running_loop().time() + timeout_s
    try:
        while True:
            infos = [await job_by_id(job_id, redis).result_info() for job_id in job_ids]
            if all(infos) or asyncio.get_running_loop().time() > deadline:
                return [info.job_try if info else 0 for info in infos]
            await asyncio.sleep(0.1)
    finally:
        await redis.aclose()
