"""The assistant pane: a new thread gets suggested prompts, and the channel the user views beside a thread
(sent when the thread starts and whenever they move) is remembered, durable before the ack.

That channel scopes the thread's answers: its library and its settings (bot.jobs).
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncApp

from bot.deps import BotDeps
from bot.payloads import ThreadContext, thread_context_from_event

log = logging.getLogger("labbot.bot")
SUGGESTED_PROMPTS = [
    {"title": "Compare survival", "message": "How do I compare survival between two treatment groups?"},
    {"title": "Run a t-test", "message": "t-test: control 5.1 4.8 6.0 5.5 5.2, treated 6.2 6.9 7.1 6.4 6.6"},
    {"title": "Multiple testing", "message": "When should I use Benjamini-Hochberg instead of Bonferroni?"},
]


async def remember_view(deps: BotDeps, context: ThreadContext) -> None:
    await deps.store.view_channel(context.channel, context.thread_ts, context.viewed, context.event_ts)


def register(app: AsyncApp, deps: BotDeps) -> None:
    @app.event("assistant_thread_started")
    async def on_assistant_thread(body: dict[str, Any], client: Any) -> None:
        context = thread_context_from_event(body)
        if context is None:
            return
        await remember_view(deps, context)
        await client.assistant_threads_setSuggestedPrompts(
            channel_id=context.channel,
            thread_ts=context.thread_ts,
            title="Ask labbot about methods, papers or your data",
            prompts=SUGGESTED_PROMPTS,
        )

    @app.event("assistant_thread_context_changed")
    async def on_context_changed(body: dict[str, Any]) -> None:
        context = thread_context_from_event(body)
        if context is not None:
            await remember_view(deps, context)
