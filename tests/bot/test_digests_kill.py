"""A real `labbot worker` SIGKILLed in the middle of a digest, then restarted: one message for the period.

The worker is killed while its digest job waits on PubMed (the stand-in answers 503 with a long
Retry-After). arq reruns a killed worker's job once the job's in-progress lease expires (the largest job
timeout + 10 s); the test moves time forward by expiring that lease and the digest's lock, as Redis
would, instead of waiting. The restarted worker reruns the job from the claim the first one left.
"""

from __future__ import annotations

import json
import signal
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from arq.constants import in_progress_key_prefix
from redis.asyncio import Redis

from bot.handles import DIGEST_TICK, DigestTick
from bot.keys import digest_job
from bot.queue import job_by_id
from tests.bot.stack import start_worker_process
from tests.bot.test_digests_e2e import (
    QUERY,
    DigestStack,
    daily_at_two_hours_ago,
    digest_result,
    digests,
    digests_in,
    subscribe,
)

__all__ = ["digests"]  # the fixture
pytestmark = pytest.mark.slow
READY_S = 120


def start_worker(stack: DigestStack, log: Path) -> subprocess.Popen[bytes]:
    """A real `labbot worker` whose live source is this stack's PubMed stand-in, without pacing or caching."""
    sources = {
        "LABBOT_SOURCES__ENABLED": '["pubmed"]',
        "LABBOT_SOURCES__PUBMED_URL": stack.pubmed.url,
        "LABBOT_SOURCES__MIN_INTERVAL_S": json.dumps({"pubmed": 0.0}),
        "LABBOT_SOURCES__MAX_RETRIES": "1",
        "LABBOT_SOURCES__CACHE_TTL_S": "0",
    }
    return start_worker_process(
        stack.bot, log, answer_timeout_s=stack.settings.slack.answer_timeout_s, **sources
    ).process


async def wait_ready(stack: DigestStack, log: Path) -> None:
    def ready() -> bool | None:
        return "labbot worker ready" in log.read_text(errors="replace") or None

    await stack.slack.wait_for(ready, timeout_s=READY_S)


async def test_a_worker_killed_mid_digest_and_restarted_posts_the_period_once(
    digests: DigestStack, tmp_path: Path
) -> None:
    slack, queue = digests.slack, digests.queue
    at, due = daily_at_two_hours_ago()
    subscription = await subscribe(digests, f'digest subscribe "{QUERY}" daily at {at}')
    period = due.date().isoformat()
    first = start_worker(digests, tmp_path / "worker-1.log")
    second: subprocess.Popen[bytes] | None = None
    try:
        await wait_ready(digests, tmp_path / "worker-1.log")
        digests.pubmed.fail_next(503, retry_after=45)  # the digest's first search waits here
        asked = len(digests.pubmed.requests)
        await DIGEST_TICK.enqueue(queue, DigestTick(now=due), job_id="tick:kill")
        await slack.wait_for(lambda: len(digests.pubmed.requests) > asked or None, timeout_s=30)
        first.send_signal(signal.SIGKILL)
        first.wait()
        assert digests_in(slack, digests.channel) == []

        redis = Redis.from_url(digests.settings.redis_url)
        try:  # what Redis does once the leases' TTLs run out
            assert await redis.delete(in_progress_key_prefix + digest_job(subscription.id, period)) == 1
            assert await redis.delete(f"labbot:digest:{subscription.id}:{period}") == 1
        finally:
            await redis.aclose()
        second = start_worker(digests, tmp_path / "worker-2.log")
        assert "posted" in await digest_result(queue, subscription.id, period)
        info = await job_by_id(digest_job(subscription.id, period), queue).result_info()
        assert info is not None and info.job_try == 2, "the killed run, then the rerun"
        # the restarted worker's own ticks (real clock, and the injected one again) queue nothing more
        await DIGEST_TICK.enqueue(queue, DigestTick(now=due + timedelta(minutes=2)), job_id="tick:again")
        again = await job_by_id("tick:again", queue).result(timeout=30, poll_delay=0.05)
        assert again == "nothing due"
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGTERM)
                process.wait(timeout=30)
    [message] = digests_in(slack, digests.channel)
    assert "Shared frailty models for clustered survival" in str(message.blocks)
