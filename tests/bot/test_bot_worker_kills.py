"""Workers SIGKILLed at random points while answering: every question still gets exactly one answer.

Real `labbot worker` processes (arq, Redis, the graph, the poster) are killed with SIGKILL while a
stream of questions arrives; arq reruns each interrupted job once its in-progress mark expires, and
the bot's record plus the metadata on posted messages keep the rerun from posting twice.
"""

from __future__ import annotations

import asyncio
import random
import signal
from pathlib import Path

import pytest
from redis.asyncio import Redis

from bot.queue import job_by_id
from slack_emulator import Message, SlackEmulator
from tests.bot.stack import BotStack, WorkerProcess, lab_channels, start_worker_process

pytestmark = pytest.mark.slow
KILLS = 50
EVENTS = 100
CHANNELS = 25
WORKERS = 3
ANSWER_TIMEOUT_S = 10
RERUN_AFTER_S = ANSWER_TIMEOUT_S + 2 * ANSWER_TIMEOUT_S + 10  # arq: the job's timeout + 10 s


def start_worker(front_door: BotStack, log: Path) -> WorkerProcess:
    return start_worker_process(front_door, log, answer_timeout_s=ANSWER_TIMEOUT_S)


async def test_fifty_sigkills_still_give_exactly_one_answer_per_question(
    front_door: BotStack, tmp_path: Path, redis_url: str
) -> None:
    slack = front_door.slack
    rng = random.Random(50)
    channels = lab_channels(slack, "kill", CHANNELS)
    workers = [start_worker(front_door, tmp_path / f"worker-{n}.log") for n in range(WORKERS)]
    started = len(workers)
    asked: list[tuple[str, str]] = []
    kills = 0
    try:
        while kills < KILLS or len(asked) < EVENTS:
            if len(asked) < EVENTS:
                channel = channels[len(asked) % CHANNELS]
                action = await slack.post_user_message(f"<@{slack.bot_user_id}> question {len(asked)}", channel=channel)
                await action.wait_acked()
                asked.append((channel, action.message.ts))
            await asyncio.sleep(rng.uniform(0.05, 0.6))
            ready = [w for w in workers if w.process.poll() is None and w.ready()]
            if kills < KILLS and ready:
                victim = rng.choice(ready)
                victim.process.send_signal(signal.SIGKILL)
                victim.process.wait()
                kills += 1
                workers.remove(victim)
                workers.append(start_worker(front_door, tmp_path / f"worker-{started}.log"))
                started += 1

        def all_answered() -> bool | None:
            return all(_finished(slack, channel, ts) for channel, ts in asked) or None

        try:
            await slack.wait_for(all_answered, timeout_s=240)
        except TimeoutError:
            missing = [(c, ts) for c, ts in asked if not _finished(slack, c, ts)]
            pytest.fail(f"unanswered: {await _job_states(redis_url, missing)}")
        await asyncio.sleep(RERUN_AFTER_S + 5)  # any rerun still pending would now post a duplicate
    finally:
        for worker in workers:
            worker.process.send_signal(signal.SIGTERM)
        for worker in workers:
            worker.process.wait(timeout=30)

    counts = {ts: len(_bot_messages(slack, channel, ts)) for channel, ts in asked}
    assert kills == KILLS
    assert [ts for ts, n in counts.items() if n != 1] == [], "exactly one answer (and no stray placeholder) each"
    assert all(m.blocks for channel, ts in asked for m in _bot_messages(slack, channel, ts)), "every answer finished"
    reruns = await _reruns(redis_url, asked)
    assert reruns > 0, "some kills landed mid-job (otherwise this test proves nothing)"
    assert slack.violations == []
    print(f"\n{kills} SIGKILLs, {started} worker processes, {reruns} answer jobs rerun after a kill")


def _finished(slack: SlackEmulator, channel: str, ts: str) -> bool:
    return any(m.blocks for m in _bot_messages(slack, channel, ts))


async def _job_states(redis_url: str, asked: list[tuple[str, str]]) -> list[str]:
    redis = Redis.from_url(redis_url)
    try:
        states = []
        for channel, ts in asked:
            job = job_by_id(f"answer:{channel}:{ts}", redis)
            info = await job.result_info()
            states.append(
                f"{ts}: {await job.status()} {info.result if info else ''} tries={info.job_try if info else '?'}"
            )
        return states
    finally:
        await redis.aclose()


def _bot_messages(slack: SlackEmulator, channel: str, ts: str) -> list[Message]:
    return [m for m in slack.bot_messages(channel) if m.thread_ts == ts]


async def _reruns(redis_url: str, asked: list[tuple[str, str]]) -> int:
    redis = Redis.from_url(redis_url)
    try:
        tries = [(await job_by_id(f"answer:{channel}:{ts}", redis).result_info()) for channel, ts in asked]
    finally:
        await redis.aclose()
    return sum(1 for info in tries if info is not None and info.job_try > 1)
