"""The bot store behaves the same on SQLite and PostgreSQL: one record per question, settings per channel."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from bot.state import BotStore, ChannelSettings, open_bot_store
from tools.settings import Settings


@pytest.fixture
async def store(database_backend: Settings) -> AsyncIterator[BotStore]:
    async with open_bot_store(database_backend) as opened:
        yield opened


async def test_an_answer_record_is_created_once_and_finished(store: BotStore) -> None:
    first, again = await asyncio.gather(
        store.start_answer("C1:1.0", "C1", "1.0"), store.start_answer("C1:1.0", "C1", "1.0")
    )
    assert first == again and first.status == "started" and first.message_ts == []
    await store.set_placeholder("C1:1.0", "1.1")
    await store.finish_answer("C1:1.0", ["1.1", "1.2"])
    posted = await store.answer_post("C1:1.0")
    assert posted is not None and (posted.status, posted.placeholder_ts, posted.message_ts) == (
        "posted",
        "1.1",
        ["1.1", "1.2"],
    )
    rerun = await store.start_answer("C1:1.0", "C1", "1.0")
    assert rerun.status == "posted", "a rerun finds the answer already posted"
    assert await store.answer_post("C9:9.9") is None


async def test_channel_settings_default_then_update_in_place(store: BotStore) -> None:
    assert await store.channel_settings("C1") == ChannelSettings("C1")
    await store.save_channel_settings(ChannelSettings("C1", model="ft-lab", respond="all"), "U1")
    await store.save_channel_settings(ChannelSettings("C1", model=None, visibility="asker_first"), "U2")
    assert await store.channel_settings("C1") == ChannelSettings("C1", visibility="asker_first")
    assert await store.channel_settings("C2") == ChannelSettings("C2")


async def test_the_viewed_channel_of_an_assistant_thread_is_the_latest_events_in_any_order(store: BotStore) -> None:
    assert await store.viewed_channel("D1", "1.0") is None
    await store.view_channel("D1", "1.0", "C1", "1700000000.000001")
    await store.view_channel("D1", "1.0", "C3", "1700000009.000000")  # the user moved on to C3
    await store.view_channel("D1", "1.0", "C2", "1700000005.000000")  # a late delivery of an earlier move
    await store.view_channel("D1", "1.0", "C2", "999999999.000000")  # fewer digits, still earlier
    await store.view_channel("D1", "2.0", "C9", "1700000001.000000")  # another thread, its own view
    assert await store.viewed_channel("D1", "1.0") == "C3"
    assert await store.viewed_channel("D1", "2.0") == "C9"
    await store.view_channel("D1", "1.0", None, "1700000010.000000")  # the pane now beside no channel
    assert await store.viewed_channel("D1", "1.0") is None


async def test_only_postgresql_urls_choose_another_backend(settings: Settings) -> None:
    with pytest.raises(ValueError, match="postgresql://"):
        async with open_bot_store(settings.model_copy(update={"database_url": "mysql://x/y"})):
            pass
