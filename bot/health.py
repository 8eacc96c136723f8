"""`labbot health`: is the labbot process on this host alive and connected? (container and pod probes)

Each long-running process leaves a heartbeat in Redis under a key named after its host (a container's
or pod's hostname), refreshed every HEARTBEAT_S and expiring soon after: the worker through arq's own
health record (written from its poll loop, so a wedged loop stops it), the front door through a small
task beside the Slack connection. A probe then only asks Redis whether this host's key is there,
which proves three things at once: the process runs, its loop turns, and it reaches Redis.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from typing import Annotated, Literal

import typer
from redis.asyncio import Redis
from redis.exceptions import RedisError
from rich.console import Console

from bot import keys
from tools.settings import Settings

log = logging.getLogger("labbot.bot")
Role = Literal["bot", "worker"]
ROLES: tuple[Role, ...] = ("bot", "worker")
HEARTBEAT_S = 15  # a probe period of 20-30 s then sees a fresh key unless the loop has stalled
PROBE_TIMEOUT_S = 5.0


def health_key(role: Role, host: str | None = None) -> str:
    return keys.health(role, host or socket.gethostname())


async def front_door_heartbeat(settings: Settings) -> None:
    """Runs beside `labbot serve` until cancelled; a Redis outage is logged and retried, never fatal."""
    redis = Redis.from_url(settings.redis_url, socket_timeout=PROBE_TIMEOUT_S)
    key = health_key("bot")
    try:
        while True:
            try:
                await redis.set(key, "ok", ex=HEARTBEAT_S * 2 + 1)
            except (RedisError, OSError) as error:
                log.warning("health heartbeat failed: %s", error)
            await asyncio.sleep(HEARTBEAT_S)
    finally:
        with contextlib.suppress(RedisError, OSError):
            await redis.delete(key)
        await redis.aclose()


async def probe(settings: Settings, roles: tuple[Role, ...], host: str | None = None) -> tuple[bool, str]:
    """(healthy, what was found) for the given roles on this host; healthy if any of them beats."""
    redis = Redis.from_url(settings.redis_url, socket_timeout=PROBE_TIMEOUT_S, socket_connect_timeout=PROBE_TIMEOUT_S)
    try:
        values = [await redis.get(health_key(role, host)) for role in roles]
    except (RedisError, OSError) as error:
        return False, f"Redis at {settings.redis_url.split('@')[-1]} is unreachable: {error}"
    finally:
        await redis.aclose()
    found = {role: value for role, value in zip(roles, values, strict=True) if value is not None}
    if not found:
        return False, f"no heartbeat from labbot {' or '.join(roles)} on {host or socket.gethostname()}"
    return True, "; ".join(f"{role}: {value.decode(errors='replace')}" for role, value in found.items())


def register(app: typer.Typer) -> None:
    @app.command(rich_help_panel="Slack")
    def health(
        ctx: typer.Context,
        role: Annotated[
            Role | None,
            typer.Option("--role", help="Check only this process kind; default: whichever runs on this host."),
        ] = None,
    ) -> None:
        """Exit 0 if a labbot worker or front door on this host beat in the last ~30 s, else 1.

        For container HEALTHCHECKs and Kubernetes probes (`labbot health --role worker`).
        It reads one Redis key per process kind and host: a fresh key proves the process runs,
        its event loop turns and it reaches Redis. Takes about 2 s, mostly Python start-up.
        """
        settings: Settings = ctx.obj
        healthy, detail = asyncio.run(probe(settings, (role,) if role else ROLES))
        Console(stderr=not healthy).print(("healthy: " if healthy else "unhealthy: ") + detail, markup=False)
        raise typer.Exit(0 if healthy else 1)
