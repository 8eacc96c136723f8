"""Scheduled literature digests: subscriptions per channel, a cron that runs them once per period.

Subscriptions live in labbot's one database (tools.database picks SQLite or PostgreSQL): a worker
builds ``SubscriptionStore(database)`` on its runtime's; ``open_subscriptions(settings)`` opens a
database of its own (``labbot digest``), closed with the store.
"""

from __future__ import annotations

from bot.digests.protocol import DigestPost, Subscription, TooManySubscriptions
from bot.digests.store import SubscriptionStore
from tools.database import open_database
from tools.settings import Settings


async def open_subscriptions(settings: Settings) -> SubscriptionStore:
    """A ready store (the database migrated) that the caller closes."""
    return SubscriptionStore(await open_database(settings), owns_database=True)


__all__ = ["DigestPost", "Subscription", "SubscriptionStore", "TooManySubscriptions", "open_subscriptions"]
