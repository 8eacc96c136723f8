"""build_app(): the Bolt app with every listener registered. Nothing else happens here.

``process_before_response=True`` makes Bolt run a listener before it answers Slack, so the 200
(HTTP) or the envelope ack (Socket Mode) is sent only after the job is safely in Redis: a crash
before that leaves the event unacknowledged, and Slack delivers it again.
"""

from __future__ import annotations

import logging

from slack_bolt.async_app import AsyncApp
from slack_sdk.web.async_client import AsyncWebClient

from bot.deps import BotDeps
from bot.listeners import actions, assistant, commands, mentions, reactions


def build_app(deps: BotDeps, client: AsyncWebClient) -> AsyncApp:
    settings = deps.settings
    secret = settings.slack_signing_secret.get_secret_value() if settings.slack_signing_secret else None
    app = AsyncApp(
        client=client,
        signing_secret=secret,
        process_before_response=True,
        request_verification_enabled=settings.slack.mode == "http",
        logger=_quiet_bolt_logger(),
    )
    for listeners in (mentions, assistant, reactions, actions, commands):
        listeners.register(app, deps)
    return app


def _quiet_bolt_logger() -> logging.Logger:
    """Bolt logs a rejected request's raw body at INFO; bodies are users' messages, so keep it at WARNING."""
    logger = logging.getLogger("labbot.bolt")
    logger.setLevel(max(logging.WARNING, logging.getLogger().level))
    return logger
