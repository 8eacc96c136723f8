"""Scheduled literature digests: subscriptions per channel, a cron that runs them once per period.

``open_subscriptions(settings)`` keeps subscriptions in ``digests.sqlite`` in the data dir, or in the
database of a ``postgresql://`` LABBOT_DATABASE_URL (training.feedback.database picks the backend).
"""

from __future__ import annotations

from bot.digests.protocol import DigestPost, Subscription, SubscriptionStore, TooManySubscriptions
from bot.digests.store import SqlSubscriptionStore, create_schema
from tools.settings import Settings
from training.feedback.database import open_database

SQLITE_FILE = "digests.sqlite"
SCHEMA_LOCK = 0x1AB_D16E  # PostgreSQL advisory lock id of this store's CREATE TABLEs


async def open_subscriptions(settings: Settings) -> SubscriptionStore:
    """A ready store (tables created) that the caller closes."""
    return SqlSubscriptionStore(await open_database(settings, SQLITE_FILE, create_schema, SCHEMA_LOCK))


__all__ = ["DigestPost", "Subscription", "SubscriptionStore", "TooManySubscriptions", "open_subscriptions"]
