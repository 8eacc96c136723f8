"""The emulator delivering to a bot: signed HTTP events and Socket Mode, to slack_sdk and slack_bolt clients."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp, AsyncAssistant
from slack_sdk import WebClient
from slack_sdk.signature import SignatureVerifier
from slack_sdk.socket_mode import SocketModeClient as BuiltinSocketModeClient
from slack_sdk.socket_mode.aiohttp import SocketModeClient as AiohttpSocketModeClient
from slack_sdk.socket_mode.async_client import AsyncBaseSocketModeClient
from slack_sdk.socket_mode.client import BaseSocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest
from slack_sdk.socket_mode.response import SocketModeResponse
from slack_sdk.web.async_client import AsyncWebClient

from bot.blocks import feedback_blocks
from slack_emulator import Forgery, SlackEmulator, forge, sign
from tests.bot.conftest import button, client_of, emulator, section

# --- signed HTTP deliveries -----------------------------------------------------------------------------------


def test_signatures_verify_with_slack_sdk() -> None:
    request = sign(b'{"type":"event_callback"}', "s3cret")
    assert SignatureVerifier("s3cret").is_valid_request(request.body, request.headers)


@pytest.mark.parametrize("forgery", list(Forgery))
def test_every_forgery_is_refused_by_slack_sdk(forgery: Forgery) -> None:
    request = forge(b'{"type":"event_callback","event":{"text":"hi"}}', "s3cret", forgery)
    assert not SignatureVerifier("s3cret").is_valid_request(request.body, request.headers)


def bolt_app(slack: SlackEmulator, **options: Any) -> AsyncApp:
    app = AsyncApp(client=client_of(slack), **options)

    @app.event("app_mention")
    async def mention(event: dict[str, Any], say: Callable[..., Awaitable[Any]]) -> None:
        await say(text="On it.", thread_ts=event["ts"])

    @app.command("/labbot")
    async def command(
        ack: Callable[..., Awaitable[None]], respond: Callable[..., Awaitable[Any]], body: dict[str, Any]
    ) -> None:
        await ack("Working on it")
        await respond(text=f"Done: {body['text']}")

    @app.action("good")
    async def good(ack: Callable[..., Awaitable[None]]) -> None:
        await ack()

    return app


@asynccontextmanager
async def serving(app: web.Application) -> AsyncIterator[str]:
    runner = web.AppRunner(app, shutdown_timeout=0.5)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        yield f"http://127.0.0.1:{port}/slack/events"
    finally:
        await runner.cleanup()


async def test_signed_http_deliveries_reach_a_bolt_app() -> None:
    async with emulator(transport="http") as slack:
        app = bolt_app(slack, signing_secret=slack.signing_secret).web_app()
        async with serving(app) as url:
            slack.events_url = url
            asked = await slack.post_user_message(f"<@{slack.bot_user_id}> survival curves?")
            attempt = await asked.deliveries[0].wait_acked()
            assert attempt.status == 200 and attempt.latency_s is not None and attempt.latency_s < 3.0
            reply = await slack.wait_for_bot_message(asked.message.channel, thread_ts=asked.message.ts)
            assert reply.text == "On it."
            done = await slack.slash_command("/labbot", "summarise")
            assert done.ack is not None and done.ack.response_body == "Working on it"
            await slack.wait_for(lambda: slack.workspace.responses)
            assert slack.workspace.responses[0].body["text"] == "Done: summarise"
            clicked = await slack.click_button(reply_with_button(slack), "good")
            assert clicked.ack is not None and clicked.ack.status == 200
            for forgery in Forgery:
                refused = await slack.send_forged(asked.deliveries[0].payload, forgery)
                assert refused.status == 401, forgery


async def test_feedback_buttons_send_slacks_payload_on_every_click_and_toggle_in_the_client() -> None:
    clicks: list[dict[str, Any]] = []
    async with emulator(transport="http") as slack:
        app = AsyncApp(client=client_of(slack), signing_secret=slack.signing_secret)

        @app.action("feedback")
        async def feedback(ack: Callable[..., Awaitable[None]], body: dict[str, Any]) -> None:
            clicks.append(body)
            await ack()

        channel = slack.workspace.channels[slack.workspace.general]
        answer = slack.workspace.add_message(
            channel, slack.bot_user_id, "An answer", blocks=feedback_blocks("A1", False)
        )
        async with serving(app.web_app()) as url:
            slack.events_url = url
            chosen = []
            for button_clicked in ("positive", "positive", "negative"):
                delivery = await slack.click_feedback(answer, button_clicked)
                assert (await delivery.wait_acked()).status == 200
                chosen.append(dict(answer.feedback_chosen))
    alice = slack.workspace.alice
    assert chosen == [{alice: "positive"}, {}, {alice: "negative"}]
    actions = [body["actions"][0] for body in clicks]
    assert [(a["type"], a["action_id"], a["block_id"], a["value"]) for a in actions] == [
        ("feedback_buttons", "feedback", "feedback:A1", "up"),
        ("feedback_buttons", "feedback", "feedback:A1", "up"),  # the un-choosing click is the same payload
        ("feedback_buttons", "feedback", "feedback:A1", "down"),
    ]
    assert len({a["action_ts"] for a in actions}) == 3 and clicks[0]["container"]["message_ts"] == answer.ts


def reply_with_button(slack: SlackEmulator) -> Any:
    channel = slack.workspace.channels[slack.workspace.general]
    blocks = [section("Helpful?", block_id="feedback"), {"type": "actions", "elements": [button(value="up")]}]
    return slack.workspace.add_message(channel, slack.bot_user_id, "Helpful?", blocks=blocks)


async def test_unacknowledged_http_events_are_retried_with_slacks_headers() -> None:
    seen: list[tuple[str | None, str | None]] = []

    async def slow_then_fine(request: web.Request) -> web.Response:
        seen.append((request.headers.get("X-Slack-Retry-Num"), request.headers.get("X-Slack-Retry-Reason")))
        if len(seen) == 1:
            await asyncio.sleep(1.0)  # past the 0.5 s deadline: Slack gives up and retries
        return web.Response(status=500 if len(seen) == 2 else 200)

    app = web.Application()
    app.router.add_post("/slack/events", slow_then_fine)
    async with emulator(transport="http") as slack, serving(app) as url:
        slack.events_url = url
        asked = await slack.post_user_message(f"<@{slack.bot_user_id}> hello")
        attempt = await asked.deliveries[0].wait_acked()
    assert seen == [(None, None), ("1", "http_timeout"), ("2", "http_error")]
    assert attempt.number == 2 and [a.status for a in asked.deliveries[0].attempts] == [None, 500, 200]


# --- Socket Mode ----------------------------------------------------------------------------------------------


async def test_aiohttp_socket_mode_client_survives_a_refresh_without_losing_envelopes(slack: SlackEmulator) -> None:
    received: list[SocketModeRequest] = []

    async def listener(client: AsyncBaseSocketModeClient, request: SocketModeRequest) -> None:
        received.append(request)
        payload = {"text": "ok"} if request.type == "slash_commands" else None
        await client.send_socket_mode_response(SocketModeResponse(envelope_id=request.envelope_id, payload=payload))

    client = AiohttpSocketModeClient(app_token=slack.app_token, web_client=AsyncWebClient(base_url=slack.api_url))
    client.socket_mode_request_listeners.append(listener)
    await client.connect()
    try:
        actions = [await slack.send_dm(f"before {i}") for i in range(5)]
        await slack.socket_mode.request_refresh()
        actions += [await slack.send_dm(f"after {i}") for i in range(5)]
        command = await slack.slash_command("/labbot", "status")
        for action in actions:
            await action.wait_acked()
        assert (await command.wait_acked()).ack_payload == {"text": "ok"}
    finally:
        await client.close()
    texts = {r.payload["event"]["text"] for r in received if r.type == "events_api"}
    assert texts == {f"before {i}" for i in range(5)} | {f"after {i}" for i in range(5)}
    assert received[0].retry_attempt == 0 and received[0].retry_reason == ""  # as Slack sends first deliveries
    assert len(slack.calls_to("apps.connections.open")) == 2 and len(slack.socket_mode.connections) == 2
    assert slack.socket_mode.connections[0].close_reason is not None


async def test_builtin_socket_mode_client_reconnects_after_refresh_and_drop(slack: SlackEmulator) -> None:
    texts: list[str] = []

    def listener(client: BaseSocketModeClient, request: SocketModeRequest) -> None:
        texts.append(request.payload["event"]["text"])
        client.send_socket_mode_response(SocketModeResponse(envelope_id=request.envelope_id))

    client = BuiltinSocketModeClient(
        app_token=slack.app_token, web_client=WebClient(base_url=slack.api_url), ping_interval=0.3
    )
    client.socket_mode_request_listeners.append(listener)
    await asyncio.to_thread(client.connect)
    try:
        first = await slack.send_dm("one")
        await slack.socket_mode.request_refresh()
        second = await slack.send_dm("two")
        await slack.wait_for(lambda: len(slack.socket_mode.live) == 1 and slack.socket_mode.connections[0].closed_at)
        await slack.socket_mode.drop()  # no close frame, as a dead network would
        third = await slack.send_dm("three")
        for action in (first, second, third):
            await action.wait_acked(timeout_s=10)
    finally:
        await asyncio.to_thread(client.close)
    assert sorted(set(texts)) == ["one", "three", "two"]
    assert len(slack.socket_mode.connections) == 3


async def test_an_unacked_envelope_is_redelivered_with_retry_attempt(slack: SlackEmulator) -> None:
    received: list[SocketModeRequest] = []

    async def forgetful(client: AsyncBaseSocketModeClient, request: SocketModeRequest) -> None:
        received.append(request)
        if len(received) > 1:
            await client.send_socket_mode_response(SocketModeResponse(envelope_id=request.envelope_id))

    client = AiohttpSocketModeClient(app_token=slack.app_token, web_client=AsyncWebClient(base_url=slack.api_url))
    client.socket_mode_request_listeners.append(forgetful)
    await client.connect()
    try:
        action = await slack.send_dm("hello")
        await action.wait_acked()
    finally:
        await client.close()
    assert [(r.retry_attempt, r.retry_reason) for r in received] == [(0, ""), (1, "timeout")]
    assert received[0].envelope_id != received[1].envelope_id
    assert received[0].payload["event_id"] == received[1].payload["event_id"]


async def test_a_socket_url_works_once(slack: SlackEmulator) -> None:
    url = slack.socket_mode.issue_url()
    async with aiohttp.ClientSession() as session:
        async with session.ws_connect(url) as socket:
            assert (await socket.receive_json())["type"] == "hello"
        with pytest.raises(aiohttp.WSServerHandshakeError):
            await session.ws_connect(url)


async def test_bolt_assistant_over_socket_mode(slack: SlackEmulator) -> None:
    app, assistant = AsyncApp(client=client_of(slack)), AsyncAssistant()

    @assistant.thread_started
    async def started(say: Callable[..., Awaitable[Any]], set_suggested_prompts: Callable[..., Awaitable[Any]]) -> None:
        await say("How can I help?")
        await set_suggested_prompts(prompts=[{"title": "Cox", "message": "What is a Cox model?"}])

    @assistant.user_message
    async def answer(set_status: Callable[..., Awaitable[Any]], say_stream: Callable[..., Awaitable[Any]]) -> None:
        await set_status("is reading papers…")
        stream = await say_stream()
        await stream.append(markdown_text="A hazard ratio ")
        await stream.stop(markdown_text="compares hazards.")

    app.use(assistant)
    handler = AsyncSocketModeHandler(app, app_token=slack.app_token)
    await handler.connect_async()
    try:
        opened = await slack.start_assistant_thread()
        dm, ts = opened.message.channel, opened.message.ts
        assert (await slack.wait_for_bot_message(dm, thread_ts=ts)).text == "How can I help?"
        await slack.send_dm("hazard ratio?", thread_ts=ts)
        streamed = await slack.wait_for(
            lambda: [m for m in slack.bot_messages(dm) if m.stream and m.stream.state == "stopped"]
        )
    finally:
        await handler.close_async()
    assert streamed[0].text == "A hazard ratio compares hazards."
    thread = slack.workspace.assistant_threads[(dm, ts)]
    assert [change.status for change in thread.status_history] == ["is reading papers…", ""]
    assert slack.violations == [] and slack.posted_control_sequences() == []


async def test_what_people_do_arrives_in_slacks_envelopes(slack: SlackEmulator) -> None:
    async with aiohttp.ClientSession() as session, session.ws_connect(slack.socket_mode.issue_url()) as socket:
        assert (await socket.receive_json())["type"] == "hello"

        async def next_envelope() -> dict[str, Any]:
            envelope: dict[str, Any] = await socket.receive_json()
            await socket.send_json({"envelope_id": envelope["envelope_id"]})
            return envelope

        mention = await slack.post_user_message(f"<@{slack.bot_user_id}> hi")
        envelope = await next_envelope()
        assert (envelope["type"], envelope["accepts_response_payload"], envelope["retry_attempt"]) == (
            "events_api",
            False,
            0,
        )
        event = envelope["payload"]["event"]
        assert (event["type"], event["ts"], event["blocks"][0]["elements"][0]["elements"][0]) == (
            "app_mention",
            mention.message.ts,
            {"type": "user", "user_id": slack.bot_user_id},
        )
        await slack.react(mention.message, "thumbsup")
        assert (await next_envelope())["payload"]["event"]["item"] == {
            "type": "message",
            "channel": slack.workspace.general,
            "ts": mention.message.ts,
        }
        await slack.upload_file("data.csv", b"t,e\n1,0\n")
        assert (await next_envelope())["payload"]["event"]["type"] == "file_shared"
        opened = await slack.start_assistant_thread(context={})
        started = (await next_envelope())["payload"]["event"]["assistant_thread"]
        assert (started["channel_id"], started["thread_ts"], started["context"]) == (
            opened.message.channel,
            opened.message.ts,
            {},
        )
        await slack.change_assistant_context(opened.message.ts, {"channel_id": slack.workspace.general})
        assert (await next_envelope())["payload"]["event"]["type"] == "assistant_thread_context_changed"
        reply = await slack.send_dm("and censoring?", thread_ts=opened.message.ts)
        event = (await next_envelope())["payload"]["event"]
        assert (event["channel_type"], event["thread_ts"], "subtype" in event) == ("im", opened.message.ts, False)
        assert reply.message.thread_ts == opened.message.ts
        await slack.slash_command("/labbot", "help", channel=opened.message.channel)
        command = await next_envelope()
        assert (command["type"], command["accepts_response_payload"]) == ("slash_commands", True)
        assert command["payload"]["channel_name"] == "directmessage"
    assert all(delivery.acked for delivery in slack.deliveries) and len(slack.deliveries) == 7
