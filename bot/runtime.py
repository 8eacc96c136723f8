"""What a worker process holds: settings, services, the graph with its checkpointer, Slack, stores.

Built once in arq's ``on_startup`` (the worker's entry point) and closed in ``on_shutdown``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from typing import Any

from langgraph.graph.state import CompiledStateGraph
from redis.asyncio import Redis
from redis.asyncio.lock import Lock
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient

from bot import keys
from bot.poster import AnswerPoster, ChannelPacer
from bot.ratelimit import PacedWebClient, SharedRetryAfter
from bot.state import BotStore
from graph.builder import build_graph
from graph.checkpoint import open_checkpointer
from tools.database import Database, open_database
from tools.services import Services, build_services
from tools.settings import Settings
from training.feedback import FeedbackStore

RATE_LIMIT_RETRIES = 6
VOTE_LOCK_S = 10  # a feedback job's read and write take milliseconds


def grace_s(answer_timeout_s: int) -> int:
    """How long a job may wait for its thread's lock, and how long it may post after the deadline."""
    return min(30, answer_timeout_s)


def slack_client(settings: Settings, redis: Redis | None = None) -> AsyncWebClient:
    """The Web API client: token from settings; 429s wait out Retry-After (shared by every worker via Redis)."""
    token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None
    base_url = settings.slack.api_url or AsyncWebClient.BASE_URL
    if redis is not None:
        return PacedWebClient(
            shared=SharedRetryAfter(redis), max_retries=RATE_LIMIT_RETRIES, token=token, base_url=base_url
        )
    client = AsyncWebClient(token=token, base_url=base_url)
    client.retry_handlers.append(AsyncRateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES))
    return client


@dataclass
class BotRuntime:
    settings: Settings
    services: Services
    graph: CompiledStateGraph[Any, Any, Any, Any]
    database: Database  # the worker's one engine: every store below takes its transactions from it
    store: BotStore
    feedback: FeedbackStore
    client: AsyncWebClient
    redis: Redis
    poster: AnswerPoster

    def thread_lock(self, thread_id: str) -> Lock:
        """One answer at a time per Slack thread, across workers; a killed holder's lock expires."""
        hold = self.settings.slack.answer_timeout_s + 5  # past the answer's deadline, before arq's rerun
        wait = grace_s(self.settings.slack.answer_timeout_s)  # then the job retries later, freeing its slot
        return self.redis.lock(keys.thread_lock(thread_id), timeout=hold, blocking_timeout=wait)

    def vote_lock(self, answer_id: str, user: str) -> Lock:
        """One feedback click per voter and answer at a time: a click's meaning depends on the one before."""
        return self.redis.lock(keys.vote_lock(answer_id, user), timeout=VOTE_LOCK_S, blocking_timeout=VOTE_LOCK_S)


@asynccontextmanager
async def open_runtime(settings: Settings, redis: Redis) -> AsyncIterator[BotRuntime]:
    async with AsyncExitStack() as stack:
        services = build_services(settings)
        stack.push_async_callback(services.aclose)
        saver = await stack.enter_async_context(open_checkpointer(settings))
        database = await open_database(settings)  # migrated at start-up, before any job runs
        stack.push_async_callback(database.close)
        store = BotStore(database)
        client = slack_client(settings, redis)
        poster = AnswerPoster(client, store, ChannelPacer(redis, settings.slack.post_interval_s))
        graph = build_graph(saver)
        yield BotRuntime(settings, services, graph, database, store, FeedbackStore(database), client, redis, poster)
