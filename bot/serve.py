"""Running the bot: the Slack front door (Socket Mode or HTTP), arq workers, and a local dev stack.

The front door does no heavy work: it validates, enqueues and acks, so acks stay fast while the
workers (which load the models) answer.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from typing import Any

from aiohttp import web
from arq.connections import RedisSettings
from arq.worker import Worker
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp

from bot.app import build_app
from bot.connections import ConnectionGuard, connection_limit, start_guarded_site
from bot.deps import BotDeps
from bot.digests.jobs import cron_jobs as digest_cron_jobs
from bot.digests.jobs import open_digest_deps
from bot.digests.store import SubscriptionStore
from bot.health import HEARTBEAT_S, front_door_heartbeat, health_key
from bot.http_door import http_app
from bot.jobs import functions
from bot.promotion import cron_jobs as promotion_cron_jobs
from bot.queue import SERIALIZERS, open_queue
from bot.runtime import open_runtime, slack_client
from bot.state import BotStore
from tools.database import open_database
from tools.models import ModelPool
from tools.settings import Settings

log = logging.getLogger("labbot.bot")


def redis_settings(settings: Settings) -> RedisSettings:
    return RedisSettings.from_dsn(settings.redis_url)


@asynccontextmanager
async def open_front_door(settings: Settings) -> AsyncIterator[AsyncApp]:
    """The Bolt app with its queue and stores, each opened once (shared by `labbot serve`, dev-slack and the tests)."""
    async with AsyncExitStack() as stack:
        queue = await open_queue(redis_settings(settings))
        stack.push_async_callback(queue.aclose)
        database = await open_database(settings)  # the front door's one engine, its schema migrated
        stack.push_async_callback(database.close)
        models = ModelPool(settings)
        stack.push_async_callback(models.aclose)
        deps = BotDeps(settings, queue, BotStore(database), SubscriptionStore(database), models)
        yield build_app(deps, slack_client(settings))


@asynccontextmanager
async def serving(settings: Settings, app: AsyncApp) -> AsyncIterator[str]:
    """Connects Socket Mode or listens for HTTP until the context ends; yields a description."""
    if settings.slack.mode == "socket":
        if settings.slack_app_token is None:
            raise ValueError("Socket Mode needs SLACK_APP_TOKEN (an xapp- token); or set LABBOT_SLACK__MODE=http")
        handler = AsyncSocketModeHandler(app, settings.slack_app_token.get_secret_value())
        await handler.connect_async()  # type: ignore[no-untyped-call]
        try:
            yield "connected to Slack over Socket Mode"
        finally:
            await handler.close_async()  # type: ignore[no-untyped-call]
        return
    if settings.slack_signing_secret is None:
        raise ValueError("the HTTP Events API needs SLACK_SIGNING_SECRET; or use Socket Mode")
    slack = settings.slack
    guard = ConnectionGuard(connection_limit(slack.max_connections), slack.header_timeout_s)
    secret = settings.slack_signing_secret.get_secret_value()
    # rejections are logged once by the front door; aiohttp's access log would add a line per request
    runner = web.AppRunner(http_app(app, slack, secret, guard), shutdown_timeout=5, access_log=None)
    await runner.setup()
    server = await start_guarded_site(runner, guard, slack.host, slack.port)
    try:
        yield f"listening on http://{slack.host}:{slack.port}{slack.path}"
    finally:
        server.close()
        await runner.cleanup()


def build_worker(settings: Settings, **overrides: Any) -> Worker:
    """An arq worker whose jobs share one runtime (models, graph, Slack client) built at start-up."""

    async def startup(ctx: dict[str, Any]) -> None:
        stack = AsyncExitStack()
        ctx["labbot_stack"] = stack
        ctx["labbot"] = await stack.enter_async_context(open_runtime(settings, ctx["redis"]))
        ctx["labbot_digests"] = await stack.enter_async_context(open_digest_deps(ctx["labbot"]))
        log.warning(
            "labbot worker ready: %d jobs at once, answers time out after %d s",
            settings.slack.worker_jobs,
            settings.slack.answer_timeout_s,
        )

    async def shutdown(ctx: dict[str, Any]) -> None:
        # arq may call this twice (close() and the cancelled run loop): the first caller takes the stack
        stack = ctx.pop("labbot_stack", None)
        if stack is not None:
            await stack.aclose()

    options: dict[str, Any] = {
        "functions": functions(settings.slack.answer_timeout_s, promotion=settings.training.promote),
        "cron_jobs": [*digest_cron_jobs(), *(promotion_cron_jobs() if settings.training.promote else [])],
        "redis_settings": redis_settings(settings),
        "on_startup": startup,
        "on_shutdown": shutdown,
        "max_jobs": settings.slack.worker_jobs,
        "keep_result": 24 * 3600,
        "poll_delay": 0.2,
        **SERIALIZERS,  # JSON, never pickle: a job planted in Redis cannot run code
        # `labbot health` (container and pod probes) reads this per-host key, refreshed from the poll loop
        "health_check_key": health_key("worker"),
        "health_check_interval": HEARTBEAT_S,
    }
    return Worker(**(options | overrides))


async def stop_worker(worker: Worker, run_loop: asyncio.Task[None] | None = None) -> None:
    """Stop an in-process worker (and the task running its loop) and release its runtime, whatever state
    its jobs are in. A worker left polling would take later jobs with a closed runtime.

    arq's close() cancels the running jobs and then gathers them, which re-raises their cancellation
    here and skips on_shutdown: that cancellation is absorbed (unless this task itself is being
    cancelled) and the runtime is closed regardless. The polling loop stops first: cancelled while its
    Redis pool closes, it could leave a pipeline holding a connection (redis-py warns when it is collected).
    For the same reason every job task is cancelled and awaited to its end before close(): close() gathers
    them but returns at the first cancellation, and closing the pool under a job still inside a pipeline
    leaves that pipeline's connection behind.
    """
    if run_loop is not None:
        run_loop.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await run_loop
    jobs = [task for task in worker.tasks.values() if not task.done()]
    for task in jobs:
        task.cancel()
    await asyncio.gather(*jobs, return_exceptions=True)
    try:
        await worker.close()
    except asyncio.CancelledError:
        current = asyncio.current_task()
        if current is not None and current.cancelling():
            raise
        pool = getattr(worker, "_pool", None)  # close() stopped before closing its Redis pool
        if pool is not None:
            await pool.aclose()
    finally:
        stack = worker.ctx.pop("labbot_stack", None)
        if stack is not None:
            await stack.aclose()


async def serve_forever(settings: Settings, with_worker: bool) -> None:
    """`labbot serve` (optionally with an in-process worker): runs until cancelled (Ctrl-C)."""
    async with open_front_door(settings) as app, serving(settings, app) as description:
        log.warning("labbot %s", description)
        heartbeat = asyncio.create_task(front_door_heartbeat(settings))
        try:
            if with_worker:
                worker = build_worker(settings, handle_signals=False)
                try:
                    await worker.async_run()
                finally:
                    await stop_worker(worker)
            else:
                await asyncio.Event().wait()
        finally:
            heartbeat.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await heartbeat
