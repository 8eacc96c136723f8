"""What the front door's listeners share, opened once by ``open_front_door`` (bot.serve) and closed with it."""

from __future__ import annotations

from dataclasses import dataclass

from arq.connections import ArqRedis

from bot.digests.store import SubscriptionStore
from bot.state import BotStore
from tools.services import ModelSource
from tools.settings import Settings


@dataclass(frozen=True)
class BotDeps:
    settings: Settings
    queue: ArqRedis
    store: BotStore
    subscriptions: SubscriptionStore  # /labbot digest subscribe, list and unsubscribe
    models: ModelSource
