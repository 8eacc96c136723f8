"""arq's records are JSON: a pickle planted in Redis is refused by the worker, never unpickled.

The worker is `labbot worker`'s own (build_worker: its functions and options), without the runtime it
would load at start-up: deserializing happens before any job function runs, which is the point.
"""

from __future__ import annotations

import pickle
import time
from pathlib import Path
from typing import Any

import pytest
from arq.constants import default_queue_name, job_key_prefix
from arq.worker import Worker
from redis.asyncio import Redis

from bot import handles
from bot.handles import FEEDBACK, FeedbackPayload
from bot.jobs import functions
from bot.queue import JobHandle, job_by_id, open_queue
from bot.serve import build_worker, redis_settings
from tests.conftest import flush_redis
from tools.settings import Settings


class Planted:
    """Unpickling this touches a file: the stand-in for code an attacker runs in the worker."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Any, ...]:
        return (Path.touch, (self.marker,))


async def plant(redis_url: str, job_id: str, marker: Path) -> None:
    record = {"t": 1, "f": "feedback", "a": (Planted(marker),), "k": {}, "et": int(time.time() * 1000)}
    redis = Redis.from_url(redis_url)
    try:
        await redis.set(job_key_prefix + job_id, pickle.dumps(record))
        await redis.zadd(default_queue_name, {job_id: int(time.time() * 1000)})
    finally:
        await redis.aclose()


def burst_worker(settings: Settings, **overrides: Any) -> Worker:
    """The labbot worker's options, run once over the queue and without its start-up (models, graph)."""
    return build_worker(
        settings, burst=True, poll_delay=0.05, handle_signals=False, on_startup=None, on_shutdown=None, **overrides
    )


@pytest.fixture
async def settings(tmp_path: Path, redis_url: str) -> Settings:
    await flush_redis(redis_url)
    return Settings(data_dir=tmp_path / "data", redis_url=redis_url)


async def test_a_pickled_job_is_refused_not_run(settings: Settings, redis_url: str, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    await plant(redis_url, "planted", marker)
    worker = burst_worker(settings, cron_jobs=[])
    await worker.main()
    await worker.close()
    assert not marker.exists(), "the worker unpickled a payload from Redis"
    assert worker.jobs_failed == 1

    # the control: arq's default (pickle) worker does run it, so the test above can fail
    await plant(redis_url, "planted-again", marker)
    default = Worker(
        functions=functions(settings.slack.answer_timeout_s),
        redis_settings=redis_settings(settings),
        burst=True,
        poll_delay=0.05,
        handle_signals=False,
    )
    await default.main()
    await default.close()
    assert marker.exists()


async def test_jobs_and_results_are_json_with_typed_payloads(settings: Settings, redis_url: str) -> None:
    queue = await open_queue(redis_settings(settings))
    try:
        payload = FeedbackPayload(
            event_key="Ev1",
            channel="C1",
            message_ts="1.0",
            user="U1",
            source="reaction",
            kind="+1",
            value=1,
            event_ts="1.0",
        )
        job = await FEEDBACK.enqueue(queue, payload, job_id="feedback:Ev1")
        assert job is not None
        raw = await queue.get(job_key_prefix + "feedback:Ev1")
        assert raw is not None and raw.startswith(b"{")
        info = await job_by_id("feedback:Ev1", queue).info()
        assert info is not None and FeedbackPayload.model_validate(info.args[0]) == payload
    finally:
        await queue.aclose()


def test_every_job_the_worker_runs_is_registered_from_its_handle() -> None:
    every = {value.name for value in vars(handles).values() if isinstance(value, JobHandle)}
    assert {function.name for function in functions(60, promotion=True)} == every
    assert {function.name for function in functions(60)} == every - {"promote", "promotion_tick"}


async def test_a_payload_that_is_not_its_jobs_model_fails_before_the_job_runs(settings: Settings) -> None:
    queue = await open_queue(redis_settings(settings))
    try:  # a field the model does not know: written by another version, or by hand
        await queue.enqueue_job("feedback", {"event_key": "Ev2", "planted": True}, _job_id="feedback:Ev2")
        worker = burst_worker(settings, cron_jobs=[])
        await worker.main()
        await worker.close()
        info = await job_by_id("feedback:Ev2", queue).result_info()
        # the runtime is absent here, so a job that ran would have failed on it instead (KeyError: 'labbot')
        assert info is not None and not info.success and str(info.result).startswith("ValidationError")
    finally:
        await queue.aclose()
