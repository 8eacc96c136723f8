"""Downloading a file shared in Slack: only from Slack's file hosts, never more than the cap.

The link comes from an event payload, and the request carries the bot token, so a link to any other
host is refused before a request is made, and every redirect hop is checked the same way. The size
Slack declares is not trusted: bytes are counted as they arrive and the download stops at the cap.
"""

from __future__ import annotations

import httpx

from tools.settings import Settings

TIMEOUT_S = 60


class DownloadRefused(ValueError):
    """Said to the asker as the reason their file was not added."""


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    default = {"https": 443, "http": 80}.get(url.scheme)
    return url.scheme, url.host, url.port or default


def allowed_origins(settings: Settings) -> set[tuple[str, str, int | None]]:
    return {_origin(httpx.URL(origin)) for origin in settings.slack.file_hosts}


async def download_shared_file(settings: Settings, url: str | None, declared_size: int) -> bytes:
    """The file's bytes, fetched with the bot token from an allowed origin, at most ``max_file_mb``."""
    cap = settings.slack.max_file_mb * 1024 * 1024
    too_big = f"it is larger than {settings.slack.max_file_mb} MB"
    if not url:
        raise DownloadRefused("Slack gave no download link")
    if declared_size > cap:
        raise DownloadRefused(too_big)
    allowed = allowed_origins(settings)
    try:
        first = httpx.URL(url)
    except httpx.InvalidURL:
        raise DownloadRefused("the download link is not a URL") from None
    if _origin(first) not in allowed:
        raise DownloadRefused(f"the link is not on Slack's file host ({first.host or 'no host'})")

    async def check_hop(request: httpx.Request) -> None:  # redirects included: the token goes nowhere else
        if _origin(request.url) not in allowed:
            raise DownloadRefused(f"the download redirected away from Slack ({request.url.host})")

    token = settings.slack_bot_token
    headers = {"Accept-Encoding": "identity"}  # the cap counts the file's own bytes
    if token:
        headers["Authorization"] = f"Bearer {token.get_secret_value()}"
    hooks = {"request": [check_hop]}
    async with (
        httpx.AsyncClient(timeout=TIMEOUT_S, follow_redirects=True, event_hooks=hooks) as client,
        client.stream("GET", first, headers=headers) as response,
    ):
        response.raise_for_status()
        if int(response.headers.get("Content-Length") or 0) > cap:
            raise DownloadRefused(too_big)
        content = bytearray()
        async for piece in response.aiter_bytes():
            content += piece
            if len(content) > cap:
                raise DownloadRefused(too_big)
    return bytes(content)
