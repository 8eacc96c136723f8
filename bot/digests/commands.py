"""`/labbot digest …`: subscribe, list, unsubscribe, preview. Parsing is pure; replies are plain mrkdwn.

The front door only records and queues: a preview (which searches and embeds) runs on a worker and
comes back as an ephemeral message.
"""

from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from arq.connections import ArqRedis

from bot import keys
from bot.digests.protocol import Subscription, TooManySubscriptions
from bot.digests.schedule import (
    Cadence,
    Schedule,
    ScheduleError,
    next_period,
    parse_time,
    parse_weekday,
    parse_zone,
)
from bot.digests.store import SubscriptionStore
from bot.escape import escape
from bot.handles import DIGEST_PREVIEW, DigestPreview
from tools.settings import Settings

MAX_QUERY_CHARS = 300
USAGE = """*Literature digests*: new papers on a topic, posted here on a schedule, each with a cited summary.
• `/labbot digest subscribe "QUERY" daily|weekly [on DAY] [at HH:MM] [TIME-ZONE]`
  e.g. `/labbot digest subscribe "competing risks in survival analysis" weekly on friday at 09:00 Europe/Berlin`
• `/labbot digest list` — this channel's digests
• `/labbot digest unsubscribe ID`
• `/labbot digest preview "QUERY"` — what a digest would say now (only you see it)"""


class CommandError(ValueError):
    """Input a person can fix; the message says how."""


@dataclass(frozen=True, slots=True)
class SubscribeRequest:
    query: str
    schedule: Schedule


def parse_subscribe(words: list[str], default_time: str, default_tz: str) -> SubscribeRequest:
    """``words`` after ``subscribe``: QUERY… CADENCE [on DAY] [at HH:MM] [TZ]."""
    cadences = [i for i, word in enumerate(words) if word.lower() in ("daily", "weekly")]
    if not cadences:
        raise CommandError("say how often: `daily` or `weekly` after the query")
    where = cadences[-1]
    query = " ".join(words[:where]).strip()
    if not query:
        raise CommandError('the query is empty; put the topic in quotes, e.g. `subscribe "mixed models" weekly`')
    if len(query) > MAX_QUERY_CHARS:
        raise CommandError(f"the query is longer than {MAX_QUERY_CHARS} characters")
    cadence: Cadence = "daily" if words[where].lower() == "daily" else "weekly"
    options = _options(words[where + 1 :])
    options.setdefault("at", default_time)
    options.setdefault("tz", default_tz)
    if "on" in options and cadence == "daily":
        raise CommandError("`on DAY` is for weekly digests")
    try:
        schedule = Schedule(
            cadence=cadence,
            at=parse_time(options["at"]),
            tz=parse_zone(options["tz"]),
            weekday=parse_weekday(options["on"]) if "on" in options else 0,
        )
    except ScheduleError as error:
        raise CommandError(escape(str(error))) from error
    return SubscribeRequest(query, schedule)


def _options(words: list[str]) -> dict[str, str]:
    """``at HH:MM``, ``on DAY`` and one bare word, the time zone, in any order."""
    options: dict[str, str] = {}
    rest = list(words)
    while rest:
        word = rest.pop(0)
        key = word.lower() if word.lower() in ("at", "on") else "tz"
        if key in options:
            raise CommandError(f"`{escape(word)}` is said twice or not understood; try `at 08:30 Europe/Paris`")
        if key == "tz":
            options[key] = word
        elif not rest:
            raise CommandError(f"`{escape(word)}` needs a value after it")
        else:
            options[key] = rest.pop(0)
    return options


def describe(subscription: Subscription, now: datetime) -> str:
    upcoming = next_period(subscription.schedule, now).at.astimezone(subscription.schedule.zone)
    last = f" · last sent for {subscription.last_period}" if subscription.last_period else ""
    return (
        f"• `{subscription.id}` “{escape(subscription.query)}” — {escape(subscription.schedule.describe())}"
        f" · next {upcoming:%Y-%m-%d %H:%M %Z}{last}"
    )


async def handle_digest(
    settings: Settings, queue: ArqRedis, store: SubscriptionStore, command: dict[str, Any], words: list[str]
) -> str:
    """``words`` after ``digest``; returns the ephemeral reply. ``store`` is the front door's, open while it runs."""
    action = words[0].lower() if words else "help"
    if action not in ("subscribe", "list", "unsubscribe", "preview"):
        return USAGE
    channel, user = str(command.get("channel_id", "")), str(command.get("user_id", ""))
    if action == "preview":
        return await _preview(queue, channel, user, " ".join(words[1:]).strip())
    if action == "subscribe":
        return await _subscribe(settings, store, channel, user, words[1:])
    if action == "list":
        return await _list(store, channel)
    return await _unsubscribe(store, channel, words[1:])


async def _subscribe(settings: Settings, store: SubscriptionStore, channel: str, user: str, words: list[str]) -> str:
    digests = settings.digests
    try:
        request = parse_subscribe(words, digests.default_time, digests.default_tz)
    except CommandError as error:
        return f"I could not set up that digest: {error}.\n{USAGE}"
    now = datetime.now(UTC)
    subscription = Subscription(
        id=secrets.token_hex(3),
        channel=channel,
        query=request.query,
        schedule=request.schedule,
        creator=user,
        created=now,
    )
    try:
        await store.add(subscription, digests.max_per_channel)
    except TooManySubscriptions as error:
        return f"I could not set up that digest: {escape(str(error))}. `/labbot digest unsubscribe ID` frees a slot."
    return "Subscribed. New papers will be posted here:\n" + describe(subscription, now)


async def _list(store: SubscriptionStore, channel: str) -> str:
    subscriptions = await store.subscriptions(channel)
    if not subscriptions:
        return 'No digests in this channel yet. `/labbot digest subscribe "QUERY" weekly` starts one.'
    now = datetime.now(UTC)
    return "Digests in this channel:\n" + "\n".join(describe(s, now) for s in subscriptions)


async def _unsubscribe(store: SubscriptionStore, channel: str, words: list[str]) -> str:
    if len(words) != 1:
        return "Say which digest: `/labbot digest unsubscribe ID` (`/labbot digest list` shows the ids)."
    if await store.remove(channel, words[0]):
        return f"Stopped digest `{escape(words[0])}`."
    return f"There is no digest `{escape(words[0])}` in this channel; `/labbot digest list` shows them."


async def _preview(queue: ArqRedis, channel: str, user: str, query: str) -> str:
    if not query:
        return 'Say what to preview: `/labbot digest preview "QUERY"`.'
    if len(query) > MAX_QUERY_CHARS:
        return f"That query is longer than {MAX_QUERY_CHARS} characters."
    request = DigestPreview(channel=channel, user=user, query=query)
    await DIGEST_PREVIEW.enqueue(queue, request, job_id=keys.digest_preview_job(uuid.uuid4().hex))
    return f"Looking for recent papers on “{escape(query)}”; the preview will appear here, only for you."
