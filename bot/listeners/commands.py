"""/labbot: help, model, settings, ingest hints, digest."""

from __future__ import annotations

import logging
import shlex
from typing import Any

from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond

from bot.channel_config import Refused, change, describe
from bot.deps import BotDeps
from bot.digests.commands import handle_digest
from bot.escape import escape

log = logging.getLogger("labbot.bot")

HELP = """*labbot* answers methods questions from your lab's papers, with checked citations and code that runs.
• Mention me (`@labbot how do I compare survival curves?`) or DM me; paste data inline for an analysis.
• Share a PDF with me in a thread or DM: I add it to this channel's library and use it.
• React 👍 or 👎 to an answer (or use its buttons): that is how labbot learns.
*Commands*
• `/labbot model` shows this channel's model; `/labbot model NAME` changes it
• `/labbot settings` shows the settings; `/labbot settings respond all|mentions`,
  `/labbot settings visibility public|asker-first`
• `/labbot ingest` explains how to add papers
• `/labbot digest` scheduled literature digests: subscribe, list, unsubscribe, preview"""

INGEST_HINT = (
    "Share a PDF with me in a thread or DM and I add it to this channel's library. For a whole Zotero "
    "library or a folder of PDFs, an admin runs `labbot ingest PATH` on the server."
)


def register(app: AsyncApp, deps: BotDeps) -> None:
    @app.command("/labbot")
    async def on_command(ack: AsyncAck, respond: AsyncRespond, command: dict[str, Any]) -> None:
        await ack()
        try:
            words = shlex.split(str(command.get("text", "")))
        except ValueError:
            words = str(command.get("text", "")).split()
        reply = await handle(deps, command, words)
        await respond(text=reply, response_type="ephemeral")


FIXED_REPLIES = {
    "ingest": INGEST_HINT,
}


async def handle(deps: BotDeps, command: dict[str, Any], words: list[str]) -> str:
    channel = str(command.get("channel_id", ""))
    current = await deps.store.channel_settings(channel)
    default_model = escape(deps.models.default())
    head = words[0].lower() if words else "help"
    if head == "digest":
        return await handle_digest(deps.settings, deps.queue, deps.subscriptions, command, words[1:])
    if head not in ("model", "settings"):
        return FIXED_REPLIES.get(head, HELP)
    if len(words) == 1:
        model = f"This channel's model is `{escape(current.model or deps.models.default())}`."
        return model if head == "model" else describe(current, default_model)
    key, value = ("model", words[1]) if head == "model" else (words[1], " ".join(words[2:]))
    try:
        updated = change(current, key, value, is_dm=channel.startswith("D"), models=deps.models, settings=deps.settings)
    except Refused as refusal:
        return f"I won't change that: {escape(str(refusal))}"
    await deps.store.save_channel_settings(updated, str(command.get("user_id", "")))
    return "Done. " + describe(updated, default_model)
