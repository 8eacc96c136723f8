"""The arq queue as labbot uses it: JSON on the wire, typed payloads at both ends.

arq's default serializer is pickle, so whoever can write to Redis could run code in a worker. Every
pool and worker here uses JSON instead: a job that is not JSON (a pickle planted in Redis) fails to
deserialize, and arq records it as failed without running it. Each job is a ``JobHandle``: its name and
its payload model, one object that the enqueuer sends through and the worker registers its function
from (bot.handles lists them), so a job's name and payload are typed once and checked on both sides.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

from arq import create_pool
from arq.connections import ArqRedis, RedisSettings
from arq.jobs import Job
from arq.worker import Function, func
from pydantic import BaseModel
from redis.asyncio import Redis


def job_serializer(data: dict[str, Any]) -> bytes:
    """arq's job and result records as JSON; a failed job's exception is kept as its text."""
    return json.dumps(data, default=_exception_text).encode()


def job_deserializer(raw: bytes) -> dict[str, Any]:
    """Only JSON objects; anything else (a pickle) raises, and arq fails the job without running it."""
    data = json.loads(raw.decode("utf-8"))
    if not isinstance(data, dict):
        raise ValueError("an arq record must be a JSON object")
    return data


def _exception_text(value: object) -> str:
    if isinstance(value, BaseException):
        return f"{type(value).__name__}: {value}"
    raise TypeError(f"{type(value).__name__} is not JSON")  # arq then stores "unable to serialize result"


SERIALIZERS: dict[str, Any] = {"job_serializer": job_serializer, "job_deserializer": job_deserializer}


async def open_queue(redis: RedisSettings) -> ArqRedis:
    """An arq pool that enqueues and reads results as JSON."""
    return await create_pool(redis, **SERIALIZERS)


def job_by_id(job_id: str, redis: Redis) -> Job:
    """A job by its id, its record read as JSON (any Redis client reads it)."""
    return Job(job_id, cast(ArqRedis, redis), _deserializer=job_deserializer)


Payload = TypeVar("Payload", bound=BaseModel)


@dataclass(frozen=True)
class JobHandle(Generic[Payload]):
    """One job: the name arq knows it by and the model of its one argument."""

    name: str
    payload: type[Payload]

    async def enqueue(self, queue: ArqRedis, payload: Payload, *, job_id: str) -> Job | None:
        """Queued once per id: None while a job of this id is queued, running or its result is kept."""
        job: Job | None = await queue.enqueue_job(self.name, payload.model_dump(mode="json"), _job_id=job_id)
        return job

    def function(
        self,
        job: Callable[[dict[str, Any], Payload], Awaitable[str]],
        *,
        timeout: int,
        keep_result: int,
        max_tries: int,
    ) -> Function:
        """The worker's registration: the payload is validated before ``job`` runs (a malformed one fails the
        job without running it)."""
        model = self.payload

        async def run(ctx: dict[str, Any], payload: dict[str, Any]) -> str:
            return await job(ctx, model.model_validate(payload))

        return func(run, name=self.name, timeout=timeout, keep_result=keep_result, max_tries=max_tries)
