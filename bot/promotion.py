"""The scheduled promotion: a cron tick every minute queues an attempt once enough new votes have arrived; the
attempt trains, evaluates and decides (training/promotion.py) and posts the decision to the admin channel.

Exactly-once: an attempt's job id names the watermark it follows (the registry's last one), so the ticks
of several workers, and ticks while it trains, queue it once while it is queued, running or remembered;
and the attempt trains nothing once the registry has moved past that watermark (a job delivered again).
The decision is recorded before it is posted; a rerun posts it only if the admin channel does not show it
yet (its message carries the watermark in its metadata), so a worker killed in between loses no message.
The watermark counts every 👍/👎 delivery the feedback store holds (retractions included): new votes
since the last attempt, promoted or refused, start the next one.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

from arq.connections import ArqRedis
from arq.cron import CronJob, cron
from arq.worker import Function

from bot import keys
from bot.handles import PROMOTE, PROMOTION_TICK, PromotionAttempt, PromotionTick
from bot.poster import find_by_metadata
from bot.runtime import BotRuntime
from evaluation.selector import gate_comparison
from tools.models import open_registry
from tools.models.registry import Promotion
from training.promotion import attempt_promotion, recorded, summary

log = logging.getLogger("labbot.promotion")
TICK_TIMEOUT_S = 50  # under a minute: ticks never pile up
PROMOTE_TIMEOUT_S = 3 * 3600  # export, training and two orderings of the heldout items on a shared CPU
PROMOTE_TRIES = 3  # a rerun resumes the candidate's training from its checkpoints
EVENT_TYPE = "labbot_promotion"
HISTORY_SLACK_S = 60  # the decision is recorded just before its message is posted


async def tick(ctx: dict[str, Any], _: PromotionTick) -> str:
    runtime: BotRuntime = ctx["labbot"]
    settings = runtime.settings.training
    if not settings.promote:
        return "scheduled promotion is off"
    arrived = len(await runtime.feedback.signals())
    after = open_registry(runtime.settings).last_watermark()
    new = arrived - (after or 0)
    if new < settings.promote_after_votes:
        return f"{new} new votes; an attempt needs {settings.promote_after_votes}"
    queue: ArqRedis = ctx["redis"]
    attempt = PromotionAttempt(after=after, watermark=arrived)
    job = await PROMOTE.enqueue(queue, attempt, job_id=keys.promotion_job(after))
    return f"queued {job.job_id} at {arrived} votes" if job is not None else "an attempt is already queued"


async def cron_tick(ctx: dict[str, Any]) -> str:
    return await tick(ctx, PromotionTick())


async def promote_job(ctx: dict[str, Any], attempt: PromotionAttempt) -> str:
    after, watermark = attempt.after, attempt.watermark
    runtime: BotRuntime = ctx["labbot"]
    settings = runtime.settings
    rated = await runtime.feedback.rated_answers()
    entry = await attempt_promotion(settings, after, watermark, rated, partial(gate_comparison, settings))
    if entry is None:  # delivered again: the decision stands; post it only if the first run died before posting
        entry = recorded(settings, watermark)
        if entry is None:
            return f"the attempt after {after} was already made"
    text = summary(entry)
    log.warning("%s", text)
    channel = settings.training.admin_channel
    if channel and entry.promotion is not None and not await posted(runtime, channel, entry.promotion):
        await runtime.poster.pacer.wait(channel)
        await runtime.client.chat_postMessage(
            channel=channel, text=text, metadata={"event_type": EVENT_TYPE, "event_payload": payload(entry.promotion)}
        )
    return text


def payload(record: Promotion) -> dict[str, Any]:
    return {"watermark": record.watermark}


async def posted(runtime: BotRuntime, channel: str, record: Promotion) -> bool:
    """Whether the admin channel already shows this decision (its message is looked up by metadata)."""
    oldest = record.decided_at.timestamp() - HISTORY_SLACK_S
    return await find_by_metadata(runtime.client, channel, oldest, EVENT_TYPE, payload(record)) is not None


def functions() -> list[Function]:
    return [
        PROMOTE.function(promote_job, timeout=PROMOTE_TIMEOUT_S, keep_result=24 * 3600, max_tries=PROMOTE_TRIES),
        PROMOTION_TICK.function(tick, timeout=TICK_TIMEOUT_S, keep_result=3600, max_tries=1),
    ]


def cron_jobs() -> list[CronJob]:
    """Every minute; the tick is a count and a registry read, so it costs nothing while promotion is off."""
    return [cron(cron_tick, name="cron:promotion_tick", run_at_startup=True, timeout=TICK_TIMEOUT_S, max_tries=1)]
