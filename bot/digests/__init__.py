"""Scheduled literature digests: subscriptions per channel, a cron that runs them once per period.

``open_subscriptions(settings)`` is the one place the database URL picks the store's backend:
None keeps subscriptions in ``digests.sqlite`` in the data dir, a ``postgresql://`` URL in that
database. Backends are imported only when chosen.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.digests.protocol import DigestPost, Subscription, SubscriptionStore, TooManySubscriptions
from tools.settings import Settings

SQLITE_FILE = "digests.sqlite"


async def _sqlite(settings: Settings) -> SubscriptionStore:
    from bot.digests.sqlite import open_sqlite_subscriptions

    return await open_sqlite_subscriptions(settings.data_path / SQLITE_FILE)


async def _postgres(settings: Settings) -> SubscriptionStore:
    from bot.digests.postgres import open_postgres_subscriptions

    assert settings.database_url is not None  # chosen by its scheme below
    return await open_postgres_subscriptions(settings.database_url)


_BACKENDS: dict[str | None, Callable[[Settings], Awaitable[SubscriptionStore]]] = {
    None: _sqlite,
    "postgresql": _postgres,
    "postgres": _postgres,
}


async def open_subscriptions(settings: Settings) -> SubscriptionStore:
    """A ready store (tables created) that the caller closes."""
    url = settings.database_url
    scheme = None if url is None else url.partition("://")[0].lower()
    if scheme not in _BACKENDS:
        raise ValueError(f"LABBOT_DATABASE_URL must be a postgresql:// URL (or unset for SQLite), not {scheme}://")
    return await _BACKENDS[scheme](settings)


__all__ = ["DigestPost", "Subscription", "SubscriptionStore", "TooManySubscriptions", "open_subscriptions"]
