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
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

from arq.connections import ArqRedis
from arq.cron import CronJob, cron
from arq.worker import Function, Retry
from redis.exceptions import LockError

from bot import keys
from bot.digests.build import library_baseline
from bot.digests.deliver import DIGEST_TIMEOUT_S, LOCK_WAIT_S, DigestDeps, SlackOut, preview_digest, run_period
from bot.digests.render import digest_message
from bot.digests.schedule import Period, due_period
from bot.digests.store import SubscriptionStore
from bot.handles import DIGEST, DIGEST_PREVIEW, DIGEST_TICK, DigestPeriod, DigestPreview, DigestTick
from bot.runtime import BotRuntime

log = logging.getLogger("labbot.digests")
DIGEST_TRIES = 8
TICK_TIMEOUT_S = 50  # under a minute: ticks never pile up
DAY_S = 24 * 3600


@asynccontextmanager
async def open_digest_deps(runtime: BotRuntime) -> AsyncIterator[DigestDeps]:
    # the services' sources, closed with them: a digest and an answer running at once share each source's pace
    yield DigestDeps(runtime.services, runtime.services.sources.get(), SubscriptionStore(runtime.database))


def slack_out(runtime: BotRuntime) -> SlackOut:
    return SlackOut(runtime.client, runtime.redis, runtime.poster.pacer)


async def tick(ctx: dict[str, Any], request: DigestTick) -> str:
    """Queue every due period once; ``now`` replaces the clock in tests."""
    deps: DigestDeps = ctx["labbot_digests"]
    queue: ArqRedis = ctx["redis"]
    moment = request.now or datetime.now(UTC)
    queued = []
    for subscription in await deps.store.subscriptions():
        if not subscription.baselined:
            known = await library_baseline(deps.services, subscription.query, subscription.channel)
            await deps.store.record_known(subscription.id, known)
        period = due_period(subscription.schedule, moment, subscription.created, subscription.last_period)
        if period is None:
            continue
        due = DigestPeriod(subscription_id=subscription.id, period=period.key, at=period.at)
        job = await DIGEST.enqueue(queue, due, job_id=keys.digest_job(subscription.id, period.key))
        if job is not None:
            queued.append(job.job_id)
    return f"queued {len(queued)}: {', '.join(queued)}" if queued else "nothing due"


async def cron_tick(ctx: dict[str, Any]) -> str:
    return await tick(ctx, DigestTick())


async def digest_job(ctx: dict[str, Any], due: DigestPeriod) -> str:
    deps: DigestDeps = ctx["labbot_digests"]
    subscription = await deps.store.get(due.subscription_id)
    if subscription is None:
        return f"{due.subscription_id}: unsubscribed"
    try:
        return await run_period(deps, slack_out(ctx["labbot"]), subscription, Period(due.period, due.at))
    except LockError as error:  # another runner holds this period: come back when it has finished
        raise Retry(defer=LOCK_WAIT_S) from error
    except Exception as error:
        if ctx.get("job_try", 1) < DIGEST_TRIES:
            log.warning("digest %s %s failed (%s); retrying", due.subscription_id, due.period, type(error).__name__)
            raise Retry(defer=5 * ctx.get("job_try", 1)) from error
        raise


async def preview_job(ctx: dict[str, Any], request: DigestPreview) -> str:
    """A digest of the last days, shown only to the asker; nothing is recorded."""
    deps: DigestDeps = ctx["labbot_digests"]
    runtime: BotRuntime = ctx["labbot"]
    digest = await preview_digest(deps, request.query, request.channel, datetime.now(UTC))
    message = digest_message(digest, "preview")
    await runtime.poster.pacer.wait(request.channel)
    await runtime.client.chat_postEphemeral(
        channel=request.channel, user=request.user, text=message["text"], blocks=message["blocks"]
    )
    return f"previewed {len(digest.entries)} papers"


def functions() -> list[Function]:
    """Results kept a day: a tick in the same day finds the period's job id taken."""
    return [
        DIGEST.function(digest_job, timeout=DIGEST_TIMEOUT_S, keep_result=DAY_S, max_tries=DIGEST_TRIES),
        DIGEST_TICK.function(tick, timeout=TICK_TIMEOUT_S, keep_result=3600, max_tries=1),
        DIGEST_PREVIEW.function(preview_job, timeout=DIGEST_TIMEOUT_S, keep_result=3600, max_tries=2),
    ]


def cron_jobs() -> list[CronJob]:
    """Every minute, and at start-up (a worker back from an outage catches up at once)."""
    return [cron(cron_tick, name="cron:digest_tick", run_at_startup=True, timeout=TICK_TIMEOUT_S, max_tries=1)]
