"""Shared files are fetched only from Slack's file host (the emulator's here), and never past the byte cap.

The bot token goes with the download, so a link elsewhere (in a forged or crafted event) must be
refused before any request, redirects included; and the size Slack declares is not trusted.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from aiohttp import web
from pydantic import SecretStr

from bot.downloads import DownloadRefused, download_shared_file
from slack_emulator import SlackEmulator
from tests.bot.stack import bot_settings
from tools.settings import Settings

MB = 1024 * 1024


@dataclass
class Elsewhere:
    """A host that is not Slack's: records what reached it (an Authorization header would be the token)."""

    url: str = ""
    seen: list[dict[str, str]] = field(default_factory=list)


@pytest.fixture
async def elsewhere() -> AsyncIterator[Elsewhere]:
    record = Elsewhere()

    async def anything(request: web.Request) -> web.StreamResponse:
        record.seen.append(dict(request.headers))
        if request.path.startswith("/redirect"):
            raise web.HTTPFound(request.query["to"])
        if request.path.startswith("/endless"):  # no Content-Length: only counting the bytes stops it
            response = web.StreamResponse()
            await response.prepare(request)
            for _ in range(8):
                await response.write(b"%PDF" + b"0" * (MB // 2))
            return response
        return web.Response(body=b"%PDF-1.7 from elsewhere")

    application = web.Application()
    application.router.add_route("GET", "/{tail:.*}", anything)
    runner = web.AppRunner(application)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    record.url = f"http://127.0.0.1:{port}"
    try:
        yield record
    finally:
        await runner.cleanup()


def settings_for(slack: SlackEmulator, tmp_path: Path, **slack_options: object) -> Settings:
    settings = bot_settings(slack, tmp_path / "data", "redis://127.0.0.1:1/0")
    return settings.model_copy(
        update={"slack": settings.slack.model_copy(update=slack_options), "slack_bot_token": SecretStr(slack.bot_token)}
    )


async def test_a_file_on_slacks_host_is_downloaded_with_the_token(slack: SlackEmulator, tmp_path: Path) -> None:
    shared = await slack.upload_file("paper.pdf", b"%PDF-1.7 a paper")
    record = next(iter(slack.workspace.files.values()))
    assert shared.message.file_ids == [record.id]
    content = await download_shared_file(settings_for(slack, tmp_path), record.url_private, record.length)
    assert content == b"%PDF-1.7 a paper"  # the emulator serves it only with the bot token


async def test_a_link_to_another_host_is_refused_and_the_token_never_sent(
    slack: SlackEmulator, tmp_path: Path, elsewhere: Elsewhere
) -> None:
    settings = settings_for(slack, tmp_path)
    for url in (
        f"{elsewhere.url}/files/F1/paper.pdf",
        "https://files.slack.com.evil.example/files/F1/paper.pdf",
        "https://files.slack.com/files/F1/paper.pdf",  # Slack's real host is not the emulator's
        f"https://{slack.workspace.base_url.removeprefix('http://')}/files/F1/paper.pdf",  # another scheme
        "file:///etc/passwd",
        "not a url at all",
    ):
        with pytest.raises(DownloadRefused):
            await download_shared_file(settings, url, 10)
    assert elsewhere.seen == []


async def test_a_redirect_away_from_slack_is_not_followed(
    slack: SlackEmulator, tmp_path: Path, elsewhere: Elsewhere
) -> None:
    """An allowed host that redirects elsewhere: the hop is checked like the first request."""
    settings = settings_for(slack, tmp_path, file_hosts=(elsewhere.url,))
    with pytest.raises(DownloadRefused, match="redirected away"):
        await download_shared_file(settings, f"{elsewhere.url}/redirect?to={slack.api_url}", 10)
    assert len(elsewhere.seen) == 1


async def test_the_byte_cap_holds_whatever_size_is_declared(
    slack: SlackEmulator, tmp_path: Path, elsewhere: Elsewhere
) -> None:
    big = b"%PDF" + b"x" * (3 * MB)
    await slack.upload_file("big.pdf", big)
    record = next(iter(slack.workspace.files.values()))
    settings = settings_for(slack, tmp_path, max_file_mb=1)
    with pytest.raises(DownloadRefused, match="larger than 1 MB"):  # declared honestly
        await download_shared_file(settings, record.url_private, record.length)
    with pytest.raises(DownloadRefused, match="larger than 1 MB"):  # declared 10 bytes: the bytes are counted
        await download_shared_file(settings, record.url_private, 10)
    streamed = settings_for(slack, tmp_path, max_file_mb=1, file_hosts=(elsewhere.url,))
    with pytest.raises(DownloadRefused, match="larger than 1 MB"):  # no Content-Length at all
        await download_shared_file(streamed, f"{elsewhere.url}/endless", 10)
