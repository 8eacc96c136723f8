"""`labbot digest run ID` and `labbot digest list`: digests from the terminal."""

from __future__ import annotations

import asyncio
from contextlib import AsyncExitStack
from datetime import UTC, datetime
from typing import Annotated

import typer
from redis.asyncio import Redis
from redis.exceptions import RedisError
from rich.console import Console
from rich.table import Table
from slack_sdk.errors import SlackApiError

from bot.digests import open_subscriptions
from bot.digests.build import Digest, library_baseline
from bot.digests.deliver import DigestDeps, SlackOut, digest_since_last, run_period
from bot.digests.protocol import Subscription
from bot.digests.render import digest_rich
from bot.digests.schedule import latest_period, next_period
from bot.poster import ChannelPacer
from bot.runtime import slack_client
from tools.services import build_services
from tools.settings import Settings

console = Console()
errors = Console(stderr=True)
digest_app = typer.Typer(
    help="Scheduled literature digests (subscribe in Slack with /labbot digest subscribe).", no_args_is_help=True
)


class UserError(Exception):
    pass


def register(app: typer.Typer) -> None:
    app.add_typer(digest_app, name="digest", rich_help_panel="Slack")


@digest_app.command("list")
def list_(ctx: typer.Context) -> None:
    """Every subscription, with its id, channel, schedule and the next time it runs."""
    subscriptions = asyncio.run(_subscriptions(ctx.obj))
    table = Table("id", "channel", "query", "schedule", "next", "last period")
    now = datetime.now(UTC)
    for s in subscriptions:
        upcoming = next_period(s.schedule, now).at.astimezone(s.schedule.zone)
        table.add_row(
            s.id, s.channel, s.query, s.schedule.describe(), f"{upcoming:%Y-%m-%d %H:%M}", s.last_period or "—"
        )
    console.print(table if subscriptions else "No digest subscriptions yet.")


@digest_app.command("run")
def run(
    ctx: typer.Context,
    subscription_id: Annotated[str, typer.Argument(help="The subscription's id (labbot digest list).")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show the digest here only: post nothing to Slack, record nothing.")
    ] = False,
) -> None:
    """Run one digest now and show it here.

    Without --dry-run it is the digest of the subscription's latest period: posted to its channel
    and recorded, exactly as the scheduler would (if that period was already posted, nothing is
    posted again). With --dry-run it shows what is new since the last digest and changes nothing.
    """
    try:
        digest, outcome = asyncio.run(run_digest(ctx.obj, subscription_id, dry_run))
    except UserError as error:
        errors.print(f"[red]{error}[/]")
        raise typer.Exit(2) from error
    console.print(digest_rich(digest))
    console.print(outcome)


async def _subscriptions(settings: Settings) -> list[Subscription]:
    store = await open_subscriptions(settings)
    try:
        return await store.subscriptions()
    finally:
        await store.close()


async def run_digest(settings: Settings, subscription_id: str, dry_run: bool) -> tuple[Digest, str]:
    """The digest and what happened to it, in words (what `labbot digest run` prints)."""
    async with AsyncExitStack() as stack:
        store = await open_subscriptions(settings)
        stack.push_async_callback(store.close)
        subscription = await store.get(subscription_id)
        if subscription is None:
            raise UserError(f"No digest subscription {subscription_id!r}; `labbot digest list` shows them.")
        services = build_services(settings)
        stack.push_async_callback(services.aclose)
        sources = services.sources.get()
        deps = DigestDeps(services, sources, store)
        with console.status(f"Searching {len(sources)} live sources and the library…"):
            if dry_run:
                return await _dry_run(deps, subscription), "Dry run: nothing was posted or recorded."
            return await _post(settings, deps, subscription, stack)


async def _dry_run(deps: DigestDeps, subscription: Subscription) -> Digest:
    seen = await deps.store.seen_papers(subscription.id)
    if not subscription.baselined:
        seen |= set(await library_baseline(deps.services, subscription.query, subscription.channel))
    return await digest_since_last(deps, subscription, seen)


async def _post(
    settings: Settings, deps: DigestDeps, subscription: Subscription, stack: AsyncExitStack
) -> tuple[Digest, str]:
    if settings.slack_bot_token is None:
        raise UserError("Posting needs SLACK_BOT_TOKEN (or use --dry-run).")
    redis = Redis.from_url(settings.redis_url)
    stack.push_async_callback(redis.aclose)
    out = SlackOut(slack_client(settings, redis), redis, ChannelPacer(redis, settings.slack.post_interval_s))
    period = latest_period(subscription.schedule, datetime.now(UTC))
    try:
        outcome = await run_period(deps, out, subscription, period)
    except SlackApiError as error:
        refusal = error.response.get("error")
        raise UserError(
            f"Slack refused the digest ({refusal}); is labbot a member of {subscription.channel}?"
        ) from error
    except RedisError as error:
        raise UserError(
            f"Redis at {settings.redis_url} is unreachable ({error}); it guards against double posts."
        ) from error
    post = await deps.store.claim(subscription.id, period.key, datetime.now(UTC))
    assert post.plan is not None
    return Digest.model_validate_json(post.plan), outcome
