"""The subscription store on both backends: SQLite in the data dir, PostgreSQL in a private schema."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, time

import pytest

from bot.digests import Subscription, SubscriptionStore, TooManySubscriptions, open_subscriptions
from bot.digests.schedule import Schedule
from tests.training.conftest import postgres_server, postgres_url
from tools.settings import Settings

__all__ = ["postgres_server", "postgres_url"]  # fixtures, shared with the feedback store's tests
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)


@pytest.fixture(params=["sqlite", "postgres"])
async def store(request: pytest.FixtureRequest, settings: Settings) -> AsyncIterator[SubscriptionStore]:
    if request.param == "postgres":
        settings = Settings(data_dir=settings.data_dir, database_url=request.getfixturevalue("postgres_url"))
    opened = await open_subscriptions(settings)
    yield opened
    await opened.close()


def subscription(ident: str, channel: str = "C1") -> Subscription:
    schedule = Schedule("weekly", time(9, 30), "Europe/Berlin", weekday=2)
    return Subscription(ident, channel, "competing risks", schedule, "U1", NOW)


async def test_subscriptions_round_trip_per_channel_and_within_the_limit(store: SubscriptionStore) -> None:
    await store.add(subscription("a1"), limit=2)
    await store.add(subscription("b2"), limit=2)
    await store.add(subscription("c3", channel="C2"), limit=2)
    with pytest.raises(TooManySubscriptions):
        await store.add(subscription("d4"), limit=2)
    assert [s.id for s in await store.subscriptions("C1")] == ["a1", "b2"]
    assert await store.get("a1") == subscription("a1")
    assert not await store.remove("C2", "a1"), "only from its own channel"
    assert await store.remove("C1", "a1")
    assert [s.id for s in await store.subscriptions()] == ["b2", "c3"]


async def test_a_period_is_claimed_once_and_finishing_moves_the_subscription_on(store: SubscriptionStore) -> None:
    await store.add(subscription("a1"), limit=5)
    await store.record_known("a1", ["PMID:1"])
    first, second = await asyncio.gather(store.claim("a1", "2026-12-09", NOW), store.claim("a1", "2026-12-09", NOW))
    assert first == second and first.status == "claimed" and first.plan is None
    assert (await store.save_plan("a1", "2026-12-09", '{"v": 1}')).plan == '{"v": 1}'
    assert (await store.save_plan("a1", "2026-12-09", '{"v": 2}')).plan == '{"v": 1}', "the first plan stays"
    ran = datetime(2026, 12, 9, 8, 30, tzinfo=UTC)
    await store.finish("a1", "2026-12-09", "1700000000.000100", ["PMID:2", "doi:10.1/x"], ran)
    post = await store.claim("a1", "2026-12-09", NOW)
    assert post.status == "posted" and post.message_ts == "1700000000.000100"
    moved = await store.get("a1")
    assert moved is not None and moved.last_period == "2026-12-09" and moved.last_run == ran and moved.baselined
    assert await store.seen_papers("a1") == {"PMID:1", "PMID:2", "doi:10.1/x"}
    await store.finish("a1", "2026-12-02", "1", [], NOW)  # a late, older period never moves the subscription back
    assert (await store.get("a1")).last_period == "2026-12-09"  # type: ignore[union-attr]
