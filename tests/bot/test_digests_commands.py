"""`/labbot digest …` through the emulator and the real Bolt app, and `labbot digest` in the terminal."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.digests import Subscription, open_subscriptions
from bot.digests.schedule import Schedule
from tests.bot.stack import BotStack, bot_stack
from tests.bot.test_digests_e2e import KNOWN, QUERY, recent_records
from tests.conftest import flush_redis
from tests.standins.pubmed import PubMedStandIn
from tools.ingest import ingest
from tools.services import build_services
from tools.settings import Settings

runner = CliRunner(env={"COLUMNS": "200"})


@pytest.fixture
async def front_door(tmp_path: Path, redis_url: str) -> AsyncIterator[BotStack]:
    await flush_redis(redis_url)
    async with bot_stack(tmp_path / "data", redis_url, worker=False) as running:
        yield running


async def command(stack: BotStack, text: str, channel: str | None = None) -> str:
    await (await stack.slack.slash_command("/labbot", text, channel=channel)).wait_acked()
    return str(stack.slack.workspace.responses[-1].body["text"])


async def test_subscribe_list_and_unsubscribe_with_clear_errors(front_door: BotStack) -> None:
    reply = await command(front_door, 'digest subscribe "competing risks" weekly on fri at 09:30 Europe/Berlin')
    assert reply.startswith("Subscribed") and "weekly on Fridays at 09:30 Europe/Berlin" in reply
    store = await open_subscriptions(front_door.settings)
    try:
        [subscription] = await store.subscriptions()
    finally:
        await store.close()
    assert (subscription.query, subscription.creator) == ("competing risks", front_door.slack.workspace.alice)
    assert subscription.channel == front_door.slack.workspace.general
    assert f"`{subscription.id}` “competing risks”" in await command(front_door, "digest list")

    for text, expected in [
        ('digest subscribe "" daily', "query is empty"),
        ('digest subscribe "mixed models"', "`daily` or `weekly`"),
        ('digest subscribe "mixed models" daily at 25:00', "HH:MM"),
        ('digest subscribe "mixed models" daily Mars/Olympus', "IANA"),
        ('digest subscribe "<!channel> models" daily at 7', "HH:MM"),
    ]:
        reply = await command(front_door, text)
        assert reply.startswith("I could not set up that digest") and expected in reply, reply
    assert "<!channel>" not in str([r.body for r in front_door.slack.workspace.responses])

    other = front_door.slack.workspace.add_channel("elsewhere", members={front_door.slack.workspace.alice}).id
    assert "no digest" in await command(front_door, f"digest unsubscribe {subscription.id}", channel=other)
    assert "Stopped" in await command(front_door, f"digest unsubscribe {subscription.id}")
    assert "No digests in this channel" in await command(front_door, "digest list")
    assert "`/labbot digest subscribe" in await command(front_door, "digest")


async def test_a_channel_has_at_most_the_configured_number_of_digests(front_door: BotStack) -> None:
    limit = front_door.settings.digests.max_per_channel
    for n in range(limit):
        assert (await command(front_door, f'digest subscribe "topic {n}" daily')).startswith("Subscribed")
    reply = await command(front_door, 'digest subscribe "one too many" daily')
    assert f"already has {limit} digests" in reply


def test_digest_run_dry_run_shows_the_digest_and_changes_nothing(settings: Settings, tmp_path: Path) -> None:
    created = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    subscription = Subscription("abc123", "C0LAB", QUERY, Schedule("daily", time(7, 0), "UTC"), "U1", created)

    async def prepare() -> None:
        services = build_services(settings)
        await ingest(services.library, [KNOWN])
        await services.aclose()
        store = await open_subscriptions(settings)
        await store.add(subscription, limit=5)
        await store.close()

    asyncio.run(prepare())
    recent = recent_records(created.date())
    with PubMedStandIn(records=recent) as pubmed:
        env = {"LABBOT_SOURCES__ENABLED": '["pubmed"]', "LABBOT_SOURCES__PUBMED_URL": pubmed.url}
        env |= {"LABBOT_SOURCES__MIN_INTERVAL_S": '{"pubmed": 0}', "LABBOT_SOURCES__CACHE_TTL_S": "0"}
        result = runner.invoke(app, ["digest", "run", "abc123", "--dry-run"], env=env)
        assert result.exit_code == 0, result.output
    assert recent[0].title in result.output and "Dry run: nothing was posted or recorded." in result.output
    assert KNOWN.title not in result.output, "in the library before the subscription"

    async def unchanged() -> tuple[Subscription | None, set[str]]:
        store = await open_subscriptions(settings)
        try:
            return await store.get("abc123"), await store.seen_papers("abc123")
        finally:
            await store.close()

    assert asyncio.run(unchanged()) == (subscription, set())
    listed = runner.invoke(app, ["digest", "list"])
    assert "abc123" in listed.output and QUERY in listed.output
    missing = runner.invoke(app, ["digest", "run", "nope"])
    assert missing.exit_code == 2 and "labbot digest list" in missing.output
