"""Canary tokens: the bot token, signing secret and app token never reach logs, Slack, stored state or the sandbox."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from slack_emulator import Message
from slack_emulator.web_api import Credentials
from tests.bot.stack import BotStack, bot_stack
from tests.conftest import FIXTURES, flush_redis
from tools.ingest import ingest
from tools.readers import read_papers
from tools.sandbox import open_sandbox
from tools.services import build_services

pytestmark = pytest.mark.slow
CANARIES = Credentials(
    bot_token="xoxb-canary-7f3e9a1c5b",
    app_token="xapp-1-canary-2d8c4e6f0a",
    signing_secret="canary-signing-secret-9b1d3f5a7c",
)
SECRETS = (CANARIES.bot_token, CANARIES.app_token, CANARIES.signing_secret)


@pytest.fixture
async def stack(tmp_path: Path, redis_url: str, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[BotStack]:
    # In the process environment too, as a deployment would have them: the sandbox must not inherit them.
    monkeypatch.setenv("SLACK_BOT_TOKEN", CANARIES.bot_token)
    monkeypatch.setenv("SLACK_APP_TOKEN", CANARIES.app_token)
    monkeypatch.setenv("SLACK_SIGNING_SECRET", CANARIES.signing_secret)
    await flush_redis(redis_url)
    async with bot_stack(tmp_path / "data", redis_url, credentials=CANARIES) as running:
        services = build_services(running.settings)
        await ingest(services.library, list(read_papers(FIXTURES / "papers.jsonl", "auto")))
        await services.aclose()
        yield running


def leaked_in(text: str) -> list[str]:
    return [secret for secret in SECRETS if secret in text]


async def test_canary_secrets_appear_nowhere(stack: BotStack, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)  # slack_sdk, Bolt, arq and labbot at their most talkative
    slack = stack.slack
    question = "t-test: control 5.1 4.8 6.0 5.5 5.2, treated 6.2 6.9 7.1 6.4 6.6. Is the difference significant?"
    asked = await slack.post_user_message(f"<@{slack.bot_user_id}> {question}")

    def answered() -> Message | None:
        return next((m for m in slack.bot_messages(asked.message.channel) if m.blocks), None)

    answer = await slack.wait_for(answered, timeout_s=120)
    await (await slack.react(answer, "+1")).wait_acked()
    assert any(r.name.startswith("slack_") for r in caplog.records), "the Slack SDK's own debug logs were captured"
    assert any("```" in str(b) for b in answer.blocks), "the answer ran code in the sandbox"

    assert leaked_in(caplog.text) == []
    posted = [repr(m.__dict__) for channel in slack.workspace.channels for m in slack.bot_messages(channel)]
    assert leaked_in("\n".join(posted)) == []
    stored = [path for path in stack.settings.data_path.rglob("*") if path.is_file()]
    assert [str(p) for p in stored if leaked_in(p.read_bytes().decode("latin-1"))] == []
    if stack.settings.database_url is None:
        assert any(path.name == "checkpoints.sqlite" for path in stored)
    else:  # the PostgreSQL run (LABBOT_TEST_DATABASE_URL): every row of every table this test wrote
        rows = database_text(stack.settings.database_url)
        assert "checkpoint" in rows and leaked_in(rows) == []

    sandbox = await open_sandbox(stack.settings).open()
    try:
        probe = await sandbox.run(
            "import os, pathlib\n"
            "print(dict(os.environ))\n"
            "for path in ('/proc/self/environ', '/proc/1/environ'):\n"
            "    try: print(pathlib.Path(path).read_bytes())\n"
            "    except OSError as error: print(path, error)\n"
        )
    finally:
        await sandbox.close()
    assert probe.ok, probe.stderr
    assert leaked_in(probe.stdout + probe.stderr) == []


def database_text(url: str) -> str:
    """Every table of the URL's schema, each row as text (bytea blobs, such as checkpoints, included)."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(url) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
            )
        ]
        lines = [f"table {name}" for name in tables]
        for name in tables:
            query = sql.SQL("SELECT t::text FROM {} t").format(sql.Identifier(name))
            lines += [str(row[0]) for row in connection.execute(query)]
    return "\n".join(lines)
