"""Digests end to end: /labbot digest through the Slack emulator, the real Bolt app, Redis, arq workers,
the PubMed stand-in and the library; the cron's clock is injected (the tick job takes ``now``).
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from arq.connections import ArqRedis, RedisSettings
from arq.jobs import JobStatus
from redis.asyncio import Redis

from bot.digests import Subscription, open_subscriptions
from bot.digests.cli import run_digest
from bot.digests.deliver import DigestDeps, SlackOut, make_digest, post_digest, run_period
from bot.digests.schedule import Period, Schedule, latest_period
from bot.handles import DIGEST_TICK, DigestTick
from bot.keys import digest_job
from bot.poster import ChannelPacer
from bot.queue import job_by_id, open_queue
from bot.runtime import slack_client
from slack_emulator import Message, SlackEmulator
from tests.bot.stack import BotStack, bot_stack, running_worker
from tests.conftest import flush_redis
from tests.standins.pubmed import PubMedStandIn
from tests.standins.scholarly import Record
from tools.ingest import ingest
from tools.papers import Paper
from tools.services import build_services
from tools.settings import Settings, SourceSettings
from tools.sources import open_sources

QUERY = "frailty survival models"


def recent_records(today: date) -> tuple[Record, ...]:
    """PubMed's new papers as of ``today``, which a test takes when it starts: a date fixed at import goes
    stale when a run crosses midnight (the papers would then predate the subscription)."""
    return (
        Record(
            title="Shared frailty models for clustered survival in multicentre trials",
            abstract="Shared gamma frailty models account for clustering of survival times within centres. "
            "Ignoring the centre frailty understated the variance of the treatment effect by a quarter.",
            authors=(("Achterberg", "Mieke"),),
            published=today,
            pmid="40000001",
            doi="10.5555/jib.2026.0001",
        ),
        Record(
            title="Frailty survival models for recurrent hospital admissions",
            abstract="Frailty terms capture dependence between recurrent admissions of one patient in survival "
            "analysis. A log-normal frailty fitted better than a gamma frailty in 3,120 patients.",
            authors=(("Quispe", "Rosa"), ("Halvorsen", "Erik")),
            published=today + timedelta(days=3),  # listed again by later searches: only the dedupe keeps it out
            pmid="40000002",
        ),
        Record(
            title="Frailty variance estimation in clustered survival data was flawed",
            abstract="We estimated frailty variance in clustered survival models with a biased estimator. "
            "The survival results are unreliable.",
            authors=(("Ibarra", "Tomas"),),
            published=today,
            pmid="40000003",
            retraction_notice="10.5555/jib.2026.9003",
        ),
        Record(
            title="An old frailty survival paper published long before the subscription",
            abstract="Frailty survival models were compared in 1998 cohorts.",
            authors=(("Older", "Anna"),),
            published=date(2023, 1, 5),
            pmid="39999999",
        ),
    )


KNOWN = Paper(
    id="DOI:10.1000/frailty.old",
    title="Gamma frailty in clustered survival data: a tutorial",
    authors=("Vaupel, J.",),
    year=2001,
    abstract="Frailty models extend the Cox model to clustered survival data with a random effect per cluster.",
)
ADDED = Paper(
    id="DOI:10.1000/frailty.new",
    title="Frailty models for clustered survival data in cluster-randomised trials",
    authors=("Nguyen, T.", "Osei, K."),
    year=2026,
    abstract="Cluster-randomised trials with time-to-event outcomes need frailty models for clustered survival "
    "data. A shared frailty model kept the type I error at 5 percent where the Cox model did not.",
)


@dataclass
class DigestStack:
    bot: BotStack
    settings: Settings  # the worker's: the front door's plus the PubMed stand-in
    queue: ArqRedis
    pubmed: PubMedStandIn
    channel: str
    recent: tuple[Record, ...]  # what the PubMed stand-in lists

    @property
    def slack(self) -> SlackEmulator:
        return self.bot.slack


@pytest.fixture
async def digests(tmp_path: Path, redis_url: str) -> AsyncIterator[DigestStack]:
    await flush_redis(redis_url)
    recent = recent_records(datetime.now(UTC).date())
    with PubMedStandIn(records=recent) as pubmed:
        async with bot_stack(tmp_path / "data", redis_url, worker=False) as bot:
            settings = bot.settings.model_copy(
                update={
                    "sources": SourceSettings(
                        enabled=("pubmed",),
                        pubmed_url=pubmed.url,
                        min_interval_s={"pubmed": 0.0},
                        max_retries=1,
                        backoff_s=0,
                        cache_ttl_s=0,
                    )
                }
            )
            services = build_services(settings)
            await ingest(services.library, [KNOWN])
            await services.aclose()
            channel = bot.slack.workspace.add_channel("frailty-club", members={bot.slack.workspace.alice}).id
            bot.slack.workspace.channels[channel].members.add(bot.slack.bot_user_id)
            queue = await open_queue(RedisSettings.from_dsn(redis_url))
            try:
                yield DigestStack(bot, settings, queue, pubmed, channel, recent)
            finally:
                await queue.aclose()


async def subscribe(stack: DigestStack, text: str) -> Subscription:
    slack = stack.slack
    await (await slack.slash_command("/labbot", text, channel=stack.channel)).wait_acked()
    reply = str(slack.workspace.responses[-1].body["text"])
    assert reply.startswith("Subscribed"), reply
    store = await open_subscriptions(stack.settings)
    try:
        [subscription] = await store.subscriptions(stack.channel)
    finally:
        await store.close()
    return subscription


async def tick(queue: ArqRedis, now: datetime) -> Any:
    job = await DIGEST_TICK.enqueue(queue, DigestTick(now=now), job_id=f"tick:{uuid.uuid4().hex}")
    assert job is not None
    return await job.result(timeout=60, poll_delay=0.05)


async def digest_result(queue: ArqRedis, subscription_id: str, period: str, queued_within_s: float = 30) -> Any:
    """The period's job result, once a tick has queued it (polled against a deadline)."""
    job = job_by_id(digest_job(subscription_id, period), queue)
    deadline = asyncio.get_running_loop().time() + queued_within_s
    while await job.status() == JobStatus.not_found:
        assert asyncio.get_running_loop().time() < deadline, "the period's digest was never queued"
        await asyncio.sleep(0.05)
    return await job.result(timeout=90, poll_delay=0.05)


def digests_in(slack: SlackEmulator, channel: str) -> list[Message]:
    return [m for m in slack.bot_messages(channel) if (m.metadata or {}).get("event_type") == "labbot_digest"]


def text_of(message: Message) -> str:
    parts = []
    for block in message.blocks:
        parts.append(str((block.get("text") or {}).get("text", "")))
        parts += [str(e.get("text", "")) for e in block.get("elements", [])]
    return "\n".join(parts)


def daily_at_two_hours_ago() -> tuple[str, datetime]:
    """A daily time already past today (so the first digest is tomorrow's) and tomorrow's due instant."""
    due = (datetime.now(UTC) - timedelta(hours=2)).replace(second=0, microsecond=0)
    return f"{due:%H:%M}", due + timedelta(days=1)


@pytest.mark.slow
async def test_subscribe_then_the_cron_posts_new_papers_once_and_the_next_period_repeats_none(
    digests: DigestStack,
) -> None:
    slack = digests.slack
    at, first_due = daily_at_two_hours_ago()
    async with running_worker(digests.settings, cron_jobs=[]):
        subscription = await subscribe(digests, f'digest subscribe "{QUERY}" daily at {at} UTC')
        assert await tick(digests.queue, first_due - timedelta(hours=1)) == "nothing due"  # records the baseline
        services = build_services(digests.settings)
        await ingest(services.library, [ADDED], collection=digests.channel)  # new in this channel's library
        await services.aclose()

        assert (await tick(digests.queue, first_due)).startswith("queued 1")
        period = first_due.date().isoformat()
        assert "posted 4 papers" in await digest_result(digests.queue, subscription.id, period)
        [first] = digests_in(slack, digests.channel)
        text = text_of(first)
        for title in [digests.recent[0].title, digests.recent[1].title, digests.recent[2].title, ADDED.title]:
            assert title in text
        assert KNOWN.title not in text, "in the library before the subscription: not new"
        assert digests.recent[3].title not in text, "published before the subscription: not new"
        assert "Retracted" in text and "The survival results are unreliable" not in text, "flagged, never quoted"
        assert "Shared gamma frailty models account for clustering" in text and "[4]" in text, text
        assert first.metadata == {
            "event_type": "labbot_digest",
            "event_payload": {"subscription": subscription.id, "period": period},
        }

        # the same period again (another worker's tick, a restart): nothing more
        assert await tick(digests.queue, first_due + timedelta(minutes=1)) == "nothing due"
        second_due = first_due + timedelta(days=1)
        assert (await tick(digests.queue, second_due)).startswith("queued 1")
        await digest_result(digests.queue, subscription.id, second_due.date().isoformat())
        [_, second] = digests_in(slack, digests.channel)
        text = text_of(second)
        assert "Nothing new today" in text
        assert not any(t in text for t in (digests.recent[0].title, digests.recent[1].title, ADDED.title))

        # the service was down for four days: one catch-up digest, not four
        latest_due = second_due + timedelta(days=4)
        back = latest_due + timedelta(hours=3)
        assert (await tick(digests.queue, back)).startswith("queued 1")
        # the period is the day of the latest slot, not of the tick: three hours later can be tomorrow
        await digest_result(digests.queue, subscription.id, latest_due.date().isoformat())
        assert await tick(digests.queue, back + timedelta(minutes=1)) == "nothing due"
    assert len(digests_in(slack, digests.channel)) == 3
    assert slack.violations == []
    assert [s for s in slack.posted_control_sequences() if s.kind != "link"] == []


async def test_two_workers_racing_post_one_digest(digests: DigestStack) -> None:
    at, due = daily_at_two_hours_ago()
    async with running_worker(digests.settings, cron_jobs=[]), running_worker(digests.settings, cron_jobs=[]):
        subscription = await subscribe(digests, f'digest subscribe "{QUERY}" daily at {at}')
        # every worker's cron ticks at the same minute
        results = await asyncio.gather(*(tick(digests.queue, due + timedelta(seconds=s)) for s in range(4)))
        assert sum(r.startswith("queued 1") for r in results) == 1
        await digest_result(digests.queue, subscription.id, due.date().isoformat())
        # a terminal run (`labbot digest run`) racing a worker's rerun of the same period
        period = latest_period(subscription.schedule, due)
        runs = await asyncio.gather(*(_run_here(digests, subscription, period) for _ in range(2)))
        assert all("already posted" in r for r in runs)
    assert len(digests_in(digests.slack, digests.channel)) == 1


async def _run_here(stack: DigestStack, subscription: Subscription, period: Period) -> str:
    settings = stack.settings
    services = build_services(settings)
    store = await open_subscriptions(settings)
    redis = Redis.from_url(settings.redis_url)
    try:
        out = SlackOut(slack_client(settings, redis), redis, ChannelPacer(redis, 0))
        return await run_period(DigestDeps(services, open_sources(settings), store), out, subscription, period)
    finally:
        await redis.aclose()
        await store.close()
        await services.aclose()


async def test_a_digest_posted_by_a_runner_that_died_before_recording_it_is_adopted(
    digests: DigestStack,
) -> None:
    """The crash window between posting and recording: the next run finds the message by its metadata."""
    at, due = daily_at_two_hours_ago()
    subscription = await subscribe(digests, f'digest subscribe "{QUERY}" daily at {at}')
    period = latest_period(subscription.schedule, due)
    settings = digests.settings
    services = build_services(settings)
    store = await open_subscriptions(settings)
    redis = Redis.from_url(settings.redis_url)
    try:
        deps = DigestDeps(services, open_sources(settings), store)
        out = SlackOut(slack_client(settings, redis), redis, ChannelPacer(redis, 0))
        # the first runner: claims, plans, posts… and dies
        claim = await store.claim(subscription.id, period.key, datetime.now(UTC))
        digest = await make_digest(deps, subscription)
        await store.save_plan(subscription.id, period.key, digest.model_dump_json())
        await post_digest(out, subscription, period.key, digest)
        assert claim.status == "claimed"
        # the rerun
        assert "posted" in await run_period(deps, out, subscription, period)
        assert (await store.claim(subscription.id, period.key, datetime.now(UTC))).status == "posted"
        assert await store.seen_papers(subscription.id) >= {"PMID:40000001"}
    finally:
        await redis.aclose()
        await store.close()
        await services.aclose()
    assert len(digests_in(digests.slack, digests.channel)) == 1


async def test_preview_shows_recent_papers_to_the_asker_only_and_records_nothing(digests: DigestStack) -> None:
    slack = digests.slack
    async with running_worker(digests.settings, cron_jobs=[]):
        await (await slack.slash_command("/labbot", f'digest preview "{QUERY}"', channel=digests.channel)).wait_acked()
        assert "only for you" in str(slack.workspace.responses[-1].body["text"])
        preview = await slack.wait_for(lambda: next(iter(slack.workspace.ephemerals), None), timeout_s=60)
    assert preview.extra["visible_to"] == slack.workspace.alice
    assert digests.recent[0].title in text_of(preview) and KNOWN.title in text_of(preview)
    assert digests_in(slack, digests.channel) == []
    store = await open_subscriptions(digests.settings)
    try:
        assert await store.subscriptions() == []
    finally:
        await store.close()


async def test_labbot_digest_run_posts_the_latest_period_once(digests: DigestStack) -> None:
    at, _ = daily_at_two_hours_ago()
    subscription = await subscribe(digests, f'digest subscribe "{QUERY}" daily at {at}')
    posted, outcome = await run_digest(digests.settings, subscription.id, dry_run=False)
    assert "posted" in outcome and posted.entries
    again, outcome = await run_digest(digests.settings, subscription.id, dry_run=False)
    assert "already posted" in outcome and again == posted, "the period's saved digest, not a new one"
    [message] = digests_in(digests.slack, digests.channel)
    assert digests.recent[0].title in text_of(message)


async def test_a_failing_source_is_named_and_searched_again_from_the_same_point_next_time(
    digests: DigestStack,
) -> None:
    at, due = daily_at_two_hours_ago()
    subscription = await subscribe(digests, f'digest subscribe "{QUERY}" daily at {at}')
    digests.pubmed.fail_next(500, times=2)  # the first try and its one retry
    async with running_worker(digests.settings, cron_jobs=[]):
        assert (await tick(digests.queue, due)).startswith("queued 1")
        await digest_result(digests.queue, subscription.id, due.date().isoformat())
        [down] = digests_in(digests.slack, digests.channel)
        assert "pubmed could not be searched" in text_of(down) and digests.recent[0].title not in text_of(down)
        later = due + timedelta(days=1)
        assert (await tick(digests.queue, later)).startswith("queued 1")
        await digest_result(digests.queue, subscription.id, later.date().isoformat())
    [_, back] = digests_in(digests.slack, digests.channel)
    assert digests.recent[0].title in text_of(back), (
        "found on the next run: the failed period's window was searched again"
    )


async def test_the_workers_cron_runs_a_due_digest_at_start_up(digests: DigestStack) -> None:
    """No injected clock here: arq's own cron (every minute, and at start-up) finds the period due now."""
    now = datetime.now(UTC)
    schedule = Schedule("daily", (now - timedelta(minutes=5)).time().replace(second=0, microsecond=0), "UTC")
    subscription = Subscription("cron01", digests.channel, QUERY, schedule, "U1", now - timedelta(days=2))
    store = await open_subscriptions(digests.settings)
    try:
        await store.add(subscription, limit=5)
    finally:
        await store.close()
    period = latest_period(schedule, now)
    async with running_worker(digests.settings):  # the real cron jobs
        assert "posted" in await digest_result(digests.queue, subscription.id, period.key)
    [message] = digests_in(digests.slack, digests.channel)
    assert (message.metadata or {})["event_payload"] == {"subscription": "cron01", "period": period.key}
