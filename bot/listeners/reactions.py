"""👍/👎 reactions on labbot's answers become feedback jobs (a removed reaction retracts)."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncApp

from bot import keys
from bot.deps import BotDeps
from bot.handles import FEEDBACK, FeedbackPayload

log = logging.getLogger("labbot.bot")
VOTES = {"+1": "+1", "thumbsup": "+1", "-1": "-1", "thumbsdown": "-1"}


def reaction_signal(body: dict[str, Any]) -> FeedbackPayload | None:
    event = body.get("event") or {}
    item = event.get("item") or {}
    kind = VOTES.get(str(event.get("reaction", "")).split("::")[0])  # skin tones: "+1::skin-tone-2"
    if kind is None or item.get("type") != "message" or not body.get("event_id") or not event.get("user"):
        return None
    added = event.get("type") == "reaction_added"
    return FeedbackPayload(
        event_key=str(body["event_id"]),
        channel=str(item.get("channel")),
        message_ts=str(item.get("ts")),
        user=str(event["user"]),
        source="reaction",
        kind=kind,
        value=(1 if kind == "+1" else -1) if added else 0,
        event_ts=str(event.get("event_ts") or body.get("event_time") or "0"),
    )


def register(app: AsyncApp, deps: BotDeps) -> None:
    @app.event("reaction_added")
    @app.event("reaction_removed")
    async def on_reaction(body: dict[str, Any]) -> None:
        signal = reaction_signal(body)
        if signal is not None:
            await FEEDBACK.enqueue(deps.queue, signal, job_id=keys.feedback_job(signal.event_key))
