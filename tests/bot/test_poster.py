"""The poster against the Slack emulator: one answer's delivery reads its thread once, however many parts."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from PIL import Image
from redis.asyncio import Redis

from bot.blocks import answer_messages
from bot.payloads import Question
from bot.poster import AnswerPoster, ChannelPacer
from bot.state import BotStore, open_bot_store
from graph.schemas import Answer, AnswerSection, CodeReport
from slack_emulator import SlackEmulator
from tests.bot.conftest import client_of
from tests.bot.test_blocks import answer_with
from tools.settings import Settings


@pytest.fixture
async def store(settings: Settings) -> AsyncIterator[BotStore]:
    async with open_bot_store(settings) as opened:
        yield opened


def long_answer(figures: list[Path]) -> Answer:
    """An answer too long for one Slack message, with figures."""
    sentence = "The hazard ratio compares the instantaneous risk of death between the two arms. "
    sections = [AnswerSection(name=name, text=sentence * 150) for name in ("summary", "methods", "results")]
    code = CodeReport(
        source="plot()", recipe=None, status="ran", stdout="", error=None, figures=[str(p) for p in figures]
    )
    return answer_with("ok").model_copy(update={"sections": sections, "code": [code]})


async def test_one_delivery_reads_its_thread_once_and_a_rerun_posts_nothing_again(
    slack: SlackEmulator, store: BotStore, redis_url: str, tmp_path: Path
) -> None:
    figures = [tmp_path / f"figure{n}.png" for n in (1, 2)]
    for path in figures:
        Image.new("RGB", (4, 4), "white").save(path)
    answer = long_answer(figures)
    parts = len(answer_messages(answer, "C:1:answer"))
    assert parts >= 3, "the answer spans several messages"
    channel = slack.workspace.channels[slack.workspace.general]
    asked = slack.workspace.add_message(channel, slack.workspace.alice, f"<@{slack.bot_user_id}> survival?")
    question = Question(
        event_id="Ev1", team="T1", channel=channel.id, user=slack.workspace.alice, text="q", ts=asked.ts
    )
    redis = Redis.from_url(redis_url)
    poster = AnswerPoster(client_of(slack), store, ChannelPacer(redis, 0))
    try:
        for _ in range(2):  # the second run is a rerun of a job that died after posting, before recording
            post = await store.start_answer(question.message_key, channel.id, asked.ts)
            thread = poster.replies(post)
            await poster.placeholder(question, post, thread)
            posted = await poster.deliver(post, answer, "C:1:answer", thread)
            await poster.upload_figures(post, answer, thread)
            assert len(posted) == parts
    finally:
        await redis.aclose()
    assert len(slack.calls_to("conversations.replies")) == 2, "one thread read per delivery"
    assert len(slack.calls_to("chat.postMessage")) == parts, "placeholder and parts posted once, then adopted"
    assert len(slack.calls_to("files.completeUploadExternal")) == 2, "each figure uploaded once"
