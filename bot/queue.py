"""The arq queue as labbot uses it: JSON on the wire, typed payloads at both ends.

arq's default serializer is pickle, so whoever can write to Redis could run code in a worker. Every
pool and worker here uses JSON instead: a job that is not JSON (a pickle planted in Redis) fails to
deserialize, and arq records it as failed without running it. Each job's payload is a pydantic model,
dumped by the front door and validated again by the job.
"""

from __future__ import annotations

import json
from typing import Any, Literal, cast

from arq import create_pool
from arq.connections import ArqRedis, RedisSettings
from arq.jobs import Job
from pydantic import BaseModel, ConfigDict
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


def job_handle(job_id: str, redis: Redis) -> Job:
    """A handle on a job by id, reading its record as JSON (any Redis client reads it)."""
    return Job(job_id, cast(ArqRedis, redis), _deserializer=job_deserializer)


class _Payload(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class FeedbackPayload(_Payload):
    """A 👍/👎 (reaction or button) on a message, before it is matched to an answer."""

    event_key: str
    channel: str
    message_ts: str
    user: str
    source: Literal["reaction", "button"]
    kind: str
    value: int
    event_ts: str


class SharePayload(_Payload):
    """The asker's click on "share" under an asker-first answer."""

    channel: str
    message_ts: str
    user: str
