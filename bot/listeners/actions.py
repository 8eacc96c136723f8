"""Feedback buttons on each answer and the share button.

A click becomes a feedback job; what it means (a vote, a change of mind, or a second click on the chosen
button taking the vote back) is decided by the job against the votes already stored.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp

from bot import keys
from bot.blocks import FEEDBACK_ACTION, SHARE_ACTION
from bot.deps import BotDeps
from bot.handles import FEEDBACK, SHARE, FeedbackPayload, SharePayload

log = logging.getLogger("labbot.bot")
VALUES = {"up": 1, "down": -1}
# answers posted before the feedback_buttons element carry one plain button per vote
LEGACY_BUTTONS = {"feedback_up": "up", "feedback_down": "down"}


def _clicked_kind(action: dict[str, Any]) -> str | None:
    """ "up" or "down": the chosen button's value for feedback_buttons, the action_id for the older buttons."""
    if action.get("action_id") == FEEDBACK_ACTION and action.get("type") == "feedback_buttons":
        value = action.get("value")
        return value if value in VALUES else None
    return LEGACY_BUTTONS.get(str(action.get("action_id")))


def button_signal(body: dict[str, Any]) -> FeedbackPayload | None:
    actions = body.get("actions") or []
    user = (body.get("user") or {}).get("id")
    container = body.get("container") or {}
    kind = _clicked_kind(actions[0]) if actions and isinstance(actions[0], dict) else None
    if kind is None or not user or not container.get("message_ts"):
        return None
    action = actions[0]
    value = VALUES[kind]
    action_ts = str(action.get("action_ts") or "0")
    return FeedbackPayload(
        event_key=f"button:{container.get('channel_id')}:{container['message_ts']}:{user}:{action_ts}",
        channel=str(container.get("channel_id")),
        message_ts=str(container["message_ts"]),
        user=str(user),
        source="button",
        kind=kind,
        value=value,
        event_ts=action_ts,
    )


def register(app: AsyncApp, deps: BotDeps) -> None:
    register_share(app, deps)

    @app.action(FEEDBACK_ACTION)
    @app.action("feedback_up")
    @app.action("feedback_down")
    async def on_feedback(ack: AsyncAck, body: dict[str, Any]) -> None:
        signal = button_signal(body)
        if signal is None:
            log.warning("ignored a malformed feedback click")
        else:
            await FEEDBACK.enqueue(deps.queue, signal, job_id=keys.feedback_job(signal.event_key))
        await ack()


def share_click(body: dict[str, Any]) -> SharePayload | None:
    user = (body.get("user") or {}).get("id")
    container = body.get("container") or {}
    if not user or not container.get("channel_id") or not container.get("message_ts"):
        return None
    return SharePayload(channel=str(container["channel_id"]), message_ts=str(container["message_ts"]), user=str(user))


def register_share(app: AsyncApp, deps: BotDeps) -> None:
    @app.action(SHARE_ACTION)
    async def on_share(ack: AsyncAck, body: dict[str, Any], respond: Any) -> None:
        click = share_click(body)
        if click is None:
            log.warning("ignored a malformed share click")
            await ack()
            return
        await SHARE.enqueue(deps.queue, click, job_id=keys.share_job(click.channel, click.message_ts))
        await ack()
        try:  # the private copy goes; the shared one appears in the thread
            await respond(delete_original=True)
        except Exception as error:  # cosmetic: the share itself is already queued
            log.info("could not remove the private copy (%s)", error)
