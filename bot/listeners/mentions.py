"""@-mentions, DMs and (where a channel asks for it) every message: validate, enqueue, then ack."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncApp

from bot import keys
from bot.deps import BotDeps
from bot.handles import ANSWER
from bot.payloads import Question, question_from_event

log = logging.getLogger("labbot.bot")
IGNORED_SUBTYPES = {"message_changed", "message_deleted", "bot_message", "channel_join", "channel_leave"}


async def enqueue_answer(deps: BotDeps, question: Question) -> None:
    """Durable before the ack: an exception here makes Slack deliver the event again."""
    job = await ANSWER.enqueue(deps.queue, question, job_id=keys.answer_job(question.message_key))
    log.info("%s %s (event %s)", "queued" if job else "already queued", question.message_key, question.event_id)


def register(app: AsyncApp, deps: BotDeps) -> None:
    @app.event("app_mention")
    async def on_mention(body: dict[str, Any]) -> None:
        question = question_from_event(body, "mention")
        if question is not None:
            await enqueue_answer(deps, question)

    @app.event("message")
    async def on_message(body: dict[str, Any], context: dict[str, Any]) -> None:
        event = body.get("event") or {}
        if event.get("subtype") in IGNORED_SUBTYPES or event.get("bot_id"):
            return
        if event.get("channel_type") == "im":
            question = question_from_event(body, "assistant" if event.get("thread_ts") else "dm")
        elif f"<@{context.get('bot_user_id')}>" in str(event.get("text", "")):
            return  # the app_mention event of the same message answers it
        else:
            channel = await deps.store.channel_settings(str(event.get("channel", "")))
            question = question_from_event(body, "channel") if channel.respond == "all" else None
        if question is not None:
            await enqueue_answer(deps, question)

    @app.event("file_shared")
    async def on_covered_elsewhere(body: dict[str, Any]) -> None:
        """A shared file arrives with its message (answered there)."""
