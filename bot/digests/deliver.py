"""One digest per subscription and period, posted exactly once whatever happens to the workers.

arq may run a digest job twice (a killed worker's job reruns), two workers may race, and a digest
may be run from the terminal while the cron runs it too. Three guards make the post happen once:
a Redis lock per (subscription, period) so only one runner works at a time; a row per (subscription,
period) in the subscription store, claimed before any work, holding the digest's plan before it is
posted and marked posted after; and metadata on the posted message naming the subscription and
period, looked up in the channel's history when the row says "claimed" (a runner that died between
posting and recording left no record but the message).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from redis.asyncio import Redis
from slack_sdk.web.async_client import AsyncWebClient

from bot import keys
from bot.digests.build import Digest, build_digest, library_baseline
from bot.digests.protocol import Subscription
from bot.digests.render import digest_message
from bot.digests.schedule import Period
from bot.digests.store import SubscriptionStore
from bot.poster import ChannelPacer, find_by_metadata
from tools.services import Services
from tools.sources import PaperSource

log = logging.getLogger("labbot.digests")
EVENT_TYPE = "labbot_digest"
DIGEST_TIMEOUT_S = 60  # a few searches and one embedding batch; arq's timeout for the job
LOCK_S = DIGEST_TIMEOUT_S  # a killed holder's lock is gone before arq reruns its job (timeout + 10 s)
LOCK_WAIT_S = 20
HISTORY_SLACK_S = 60  # the message is posted after the claim; look a little earlier in case clocks differ


@dataclass(frozen=True)
class DigestDeps:
    services: Services
    sources: list[PaperSource]
    store: SubscriptionStore


@dataclass(frozen=True)
class SlackOut:
    client: AsyncWebClient
    redis: Redis
    pacer: ChannelPacer


def metadata(subscription_id: str, period: str) -> dict[str, Any]:
    return {"event_type": EVENT_TYPE, "event_payload": {"subscription": subscription_id, "period": period}}


async def make_digest(deps: DigestDeps, subscription: Subscription) -> Digest:
    """The digest due now: what is new since the last one (or since the subscription began)."""
    if not subscription.baselined:  # the tick records the baseline soon after subscribing; this is the fallback
        await deps.store.record_known(
            subscription.id, await library_baseline(deps.services, subscription.query, subscription.channel)
        )
    return await digest_since_last(deps, subscription, await deps.store.seen_papers(subscription.id))


async def digest_since_last(deps: DigestDeps, subscription: Subscription, seen: set[str]) -> Digest:
    """What is new for the subscription since its last digest (or since it began), leaving out ``seen``."""
    return await build_digest(
        deps.services,
        deps.sources,
        query=subscription.query,
        channel=subscription.channel,
        since=subscription.last_run or subscription.created,
        seen=seen,
        subscription_id=subscription.id,
    )


async def preview_digest(deps: DigestDeps, query: str, channel: str, now: datetime) -> Digest:
    """What a subscription would say now, over the last ``preview_days``; nothing is recorded."""
    since = now - timedelta(days=deps.services.settings.digests.preview_days)
    return await build_digest(deps.services, deps.sources, query=query, channel=channel, since=since, seen=set())


async def find_posted(out: SlackOut, channel: str, subscription_id: str, period: str, since: datetime) -> str | None:
    """The period's message, if a runner posted it and died before recording it."""
    oldest = since.timestamp() - HISTORY_SLACK_S
    payload = {"subscription": subscription_id, "period": period}
    return await find_by_metadata(out.client, channel, oldest, EVENT_TYPE, payload)


async def post_digest(out: SlackOut, subscription: Subscription, period: str, digest: Digest) -> str:
    message = digest_message(digest, subscription.schedule.cadence)
    await out.pacer.wait(subscription.channel)
    response = await out.client.chat_postMessage(
        channel=subscription.channel,
        text=message["text"],
        blocks=message["blocks"],
        metadata=metadata(subscription.id, period),
        unfurl_links=False,
        unfurl_media=False,
        link_names=False,
    )
    return str(response["ts"])


async def run_period(deps: DigestDeps, out: SlackOut, subscription: Subscription, period: Period) -> str:
    """Make and post the period's digest unless it is already posted; returns what happened, in words."""
    lock = out.redis.lock(keys.digest_lock(subscription.id, period.key), timeout=LOCK_S, blocking_timeout=LOCK_WAIT_S)
    async with lock:
        post = await deps.store.claim(subscription.id, period.key, datetime.now(UTC))
        if post.status == "posted":
            return f"{subscription.id} {period.key}: already posted"
        if post.plan is None:
            digest = await make_digest(deps, subscription)
            post = await deps.store.save_plan(subscription.id, period.key, digest.model_dump_json())
        assert post.plan is not None
        digest = Digest.model_validate_json(post.plan)
        ts = await find_posted(out, subscription.channel, subscription.id, period.key, post.claimed_at)
        if ts is None:
            ts = await post_digest(out, subscription, period.key, digest)
        else:
            log.warning("digest %s %s was posted by a runner that stopped; recording it", subscription.id, period.key)
        # a source that failed is searched again from the same point next time (sent papers are not repeated)
        covered_until = digest.since if digest.notes else period.at
        await deps.store.finish(subscription.id, period.key, ts, digest.paper_keys(), covered_until)
        return f"{subscription.id} {period.key}: posted {len(digest.entries)} papers"
