"""Scheduled promotion end to end: 👍/👎 through the Slack emulator and the real front door, the worker's
promotion tick on Redis, a real (tiny) selector training run, the paired evaluation on the methods dev set's
heldout part, the decision in the registry and in the admin channel; and a job delivered again trains nothing.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from typing import Any

import pytest
from arq.connections import ArqRedis, RedisSettings

from bot.handles import PROMOTE, PROMOTION_TICK, PromotionAttempt, PromotionTick
from bot.keys import promotion_job
from bot.promotion import EVENT_TYPE
from bot.queue import JobHandle, Payload, job_by_id, open_queue
from bot.runtime import slack_client
from graph.schemas import Citation, Passage
from slack_emulator import Message
from tests.bot.stack import BotStack, running_worker
from tests.conftest import answer_of
from tools.models import ModelPool, open_registry
from tools.paths import methods_dev_set
from tools.settings import Settings
from training.feedback import AnswerRecord, open_feedback_store

pytestmark = pytest.mark.slow  # a two-step training run and two orderings of 52 heldout questions (~2 min)
VOTERS = 3


def promoting(stack: BotStack, admin: str) -> Settings:
    """The stack's settings with scheduled promotion on: a candidate after VOTERS * 2 votes, two training steps."""
    settings = stack.settings
    training = settings.training.model_copy(
        update={"promote": True, "promote_after_votes": VOTERS * 2, "promote_steps": 2, "admin_channel": admin}
    )
    slack = settings.slack.model_copy(update={"training_channels": (stack.slack.workspace.general,)})
    return settings.model_copy(update={"training": training, "slack": slack})


def dev_items(count: int) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in methods_dev_set().read_text().splitlines()]
    return [row for row in rows if row.get("split") == "dev" and row.get("answerable")][:count]


async def post_answer(stack: BotStack, item: dict[str, Any], quoted: str) -> Message:
    """An answer the bot posted quoting ``quoted`` (recorded as the answer job records it) in #general."""
    client = slack_client(stack.settings)
    channel = stack.slack.workspace.general
    posted = await client.chat_postMessage(channel=channel, text=quoted)
    ts = str(posted["ts"])
    passage = Passage(key="starter:x#0", paper_id="starter:x", title="t", section="abstract", text=quoted, score=0.8)
    citation = Citation(
        number=1,
        passage=passage.key,
        paper_id="starter:x",
        title="t",
        year=None,
        link=None,
        claim=quoted,
        verdict="supported",
        score=0.8,
    )
    answer = answer_of(item["question"], quoted, citations=[citation], sources_searched="1 paper", passages=[passage])
    record = AnswerRecord(
        answer_id=f"{channel}:{ts}:answer",
        team="T0",
        channel=channel,
        thread_ts=ts,
        message_ts=(ts,),
        question=item["question"],
        model="zero-shot",
        answer=answer,
    )
    async with open_feedback_store(stack.settings) as store:
        await store.record_answer(record)
    [message] = [m for m in stack.slack.bot_messages(channel) if m.ts == ts]
    return message


async def run_job(queue: ArqRedis, handle: JobHandle[Payload], payload: Payload) -> Any:
    job = await handle.enqueue(queue, payload, job_id=f"{handle.name}:{uuid.uuid4().hex}")
    assert job is not None
    return await job.result(timeout=60, poll_delay=0.1)


async def votes_stored(settings: Settings, count: int) -> None:
    async with open_feedback_store(settings) as store:
        for _ in range(300):  # the feedback jobs run in the worker
            if len(await store.signals()) >= count:
                return
            await asyncio.sleep(0.1)
    raise AssertionError(f"fewer than {count} votes reached the feedback store")


async def test_votes_start_one_attempt_that_refuses_a_candidate_no_better_and_tells_the_admins(
    front_door: BotStack,
) -> None:
    stack = front_door
    slack = stack.slack
    admin = slack.workspace.add_channel("labbot-admins").id
    settings = promoting(stack, admin)
    voters = [slack.workspace.alice, slack.workspace.bob, slack.workspace.add_user("carol").id]
    queue = await open_queue(RedisSettings.from_dsn(settings.redis_url))
    async with running_worker(settings, cron_jobs=[]):
        assert await run_job(queue, PROMOTION_TICK, PromotionTick()) == f"0 new votes; an attempt needs {VOTERS * 2}"
        good, bad = dev_items(2)
        liked = await post_answer(stack, good, good["key_sentences"][0])
        disliked = await post_answer(stack, bad, f"{bad['question']} This restates the question at length.")
        for user in voters:
            await (await slack.react(liked, "+1", user=user)).wait_acked()
            await (await slack.react(disliked, "-1", user=user)).wait_acked()
        await votes_stored(settings, VOTERS * 2)

        queued = await run_job(queue, PROMOTION_TICK, PromotionTick())
        assert queued == f"queued {promotion_job(None)} at {VOTERS * 2} votes"
        # every worker's tick finds the attempt queued or running: it is queued once
        assert await run_job(queue, PROMOTION_TICK, PromotionTick()) == "an attempt is already queued"
        summary = await job_by_id(promotion_job(None), queue).result(timeout=900, poll_delay=0.5)

        registry = open_registry(settings)
        entry = registry.get("sel-auto-6")
        assert entry.promotion is not None and not entry.promotion.promoted
        assert entry.promotion.watermark == VOTERS * 2 and entry.promotion.against == "zero-shot"
        figures = entry.promotion.figures
        assert figures["items"] == 52  # the heldout part's answerable questions, both orderings
        assert figures["key_quoted_ci_low"] is not None and figures["key_quoted_ci_high"] is not None
        difference = figures["key_quoted_difference"]
        assert difference is not None and figures["key_quoted_ci_low"] <= difference <= figures["key_quoted_ci_high"]
        assert entry.dataset_hash and entry.training_config["max_steps"] == 2
        assert registry.promoted() is None and ModelPool(settings).default() == "zero-shot"

        [posted] = [m for m in slack.bot_messages(admin) if (m.metadata or {}).get("event_type") == EVENT_TYPE]
        assert posted.text == summary
        assert "kept `zero-shot`" in posted.text and "sel-auto-6" in posted.text and "95 % CI" in posted.text
        assert "McNemar p" in posted.text and "padding" in posted.text and entry.promotion.reason in posted.text

        # the same attempt delivered again (a redelivered job, a restart): nothing trains, nothing is posted twice
        metrics = settings.data_path / "selectors" / "auto-6" / "metrics.json"
        trained = metrics.stat().st_mtime_ns
        assert await run_job(queue, PROMOTE, PromotionAttempt(after=None, watermark=VOTERS * 2)) == summary
        assert metrics.stat().st_mtime_ns == trained and len(slack.bot_messages(admin)) == 1
        # a run that recorded its decision and died before posting it: the rerun posts the recorded decision once
        await slack_client(settings).chat_delete(channel=admin, ts=posted.ts)
        assert await run_job(queue, PROMOTE, PromotionAttempt(after=None, watermark=VOTERS * 2)) == summary
        assert [m.text for m in slack.bot_messages(admin)] == [summary]
        assert metrics.stat().st_mtime_ns == trained
        assert await run_job(queue, PROMOTION_TICK, PromotionTick()) == f"0 new votes; an attempt needs {VOTERS * 2}"
    await queue.aclose()
