"""The digest jobs: a cron tick every minute, one job per (subscription, period), and previews.

The tick is cheap: it reads the subscriptions, records new subscriptions' library baselines, and
enqueues each due period as a job whose id names the subscription and the period, so ticks of
several workers (and a tick repeated after a restart) queue it once. Only the latest due period is
queued: a service that was down for three days sends one catch-up digest covering all three.
Tests pass ``now`` to the tick instead of waiting for the clock.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from datetime import UTC, datetime
from typing import Any

from arq.connections import ArqRedis
from arq.cron import CronJob, cron
from arq.worker import Retry, func
from redis.exceptions import LockError

from bot.digests.build import library_baseline
from bot.digests.deliver import DIGEST_TIMEOUT_S, LOCK_WAIT_S, DigestDeps, SlackOut, preview_digest, run_period
from bot.digests.render import digest_message
from bot.digests.schedule import Period, due_period
from bot.digests.store import SubscriptionStore
from bot.runtime import BotRuntime
from tools.sources import open_sources

log = logging.getLogger("labbot.digests")
DIGEST_TRIES = 8
TICK_TIMEOUT_S = 50  # under a minute: ticks never pile up
DAY_S = 24 * 3600


@asynccontextmanager
async def open_digest_deps(runtime: BotRuntime) -> AsyncIterator[DigestDeps]:
    async with AsyncExitStack() as stack:
        store = SubscriptionStore(runtime.database)
        sources = open_sources(runtime.settings)
        for source in sources:
            stack.push_async_callback(source.aclose)
        yield DigestDeps(runtime.services, sources, store)


def slack_out(runtime: BotRuntime) -> SlackOut:
    return SlackOut(runtime.client, runtime.redis, runtime.poster.pacer)


def job_id(subscription_id: str, period: str) -> str:
    return f"digest:{subscription_id}:{period}"


async def tick(ctx: dict[str, Any], now: str | None = None) -> str:
    """Queue every due period once; ``now`` (ISO) replaces the clock in tests."""
    deps: DigestDeps = ctx["labbot_digests"]
    queue: ArqRedis = ctx["redis"]
    moment = datetime.fromisoformat(now) if now else datetime.now(UTC)
    queued = []
    for subscription in await deps.store.subscriptions():
        if not subscription.baselined:
            known = await library_baseline(deps.services, subscription.query, subscription.channel)
            await deps.store.record_known(subscription.id, known)
        period = due_period(subscription.schedule, moment, subscription.created, subscription.last_period)
        if period is None:
            continue
        job = await queue.enqueue_job(
            "digest", subscription.id, period.key, period.at.isoformat(), _job_id=job_id(subscription.id, period.key)
        )
        if job is not None:
            queued.append(job.job_id)
    return f"queued {len(queued)}: {', '.join(queued)}" if queued else "nothing due"


async def cron_tick(ctx: dict[str, Any]) -> str:
    return await tick(ctx)


async def digest_job(ctx: dict[str, Any], subscription_id: str, period: str, at: str) -> str:
    deps: DigestDeps = ctx["labbot_digests"]
    subscription = await deps.store.get(subscription_id)
    if subscription is None:
        return f"{subscription_id}: unsubscribed"
    try:
        return await run_period(
            deps, slack_out(ctx["labbot"]), subscription, Period(period, datetime.fromisoformat(at))
        )
    except LockError as error:  # another runner holds this period: come back when it has finished
        raise Retry(defer=LOCK_WAIT_S) from error
    except Exception as error:
        if ctx.get("job_try", 1) < DIGEST_TRIES:
            log.warning("digest %s %s failed (%s); retrying", subscription_id, period, type(error).__name__)
            raise Retry(defer=5 * ctx.get("job_try", 1)) from error
        raise


async def preview_job(ctx: dict[str, Any], channel: str, user: str, query: str) -> str:
    """A digest of the last days, shown only to the asker; nothing is recorded."""
    deps: DigestDeps = ctx["labbot_digests"]
    runtime: BotRuntime = ctx["labbot"]
    digest = await preview_digest(deps, query, channel, datetime.now(UTC))
    message = digest_message(digest, "preview")
    await runtime.poster.pacer.wait(channel)
    await runtime.client.chat_postEphemeral(channel=channel, user=user, text=message["text"], blocks=message["blocks"])
    return f"previewed {len(digest.entries)} papers"


def functions() -> list[Any]:
    """Results kept a day: a tick in the same day finds the period's job id taken."""
    return [
        func(digest_job, name="digest", timeout=DIGEST_TIMEOUT_S, keep_result=DAY_S, max_tries=DIGEST_TRIES),
        func(tick, name="digest_tick", timeout=TICK_TIMEOUT_S, keep_result=3600, max_tries=1),
        func(preview_job, name="digest_preview", timeout=DIGEST_TIMEOUT_S, keep_result=3600, max_tries=2),
    ]


def cron_jobs() -> list[CronJob]:
    """Every minute, and at start-up (a worker back from an outage catches up at once)."""
    return [cron(cron_tick, name="cron:digest_tick", run_at_startup=True, timeout=TICK_TIMEOUT_S, max_tries=1)]
