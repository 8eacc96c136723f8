"""The Slack emulator's Web API, limits, faults and control-sequence finder, driven by the real slack_sdk."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import aiohttp
import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.models.messages.chunk import TaskUpdateChunk
from slack_sdk.web.async_client import AsyncWebClient

from slack_emulator import (
    Budget,
    SlackEmulator,
    check_message,
    live_control_sequences,
)
from tests.bot.conftest import button, client_of, section, slack_error

# --- Web API --------------------------------------------------------------------------------------------------


async def test_messages_threads_and_reads_through_the_async_client(slack: SlackEmulator) -> None:
    client, general = client_of(slack), slack.workspace.general
    identity = await client.auth_test()
    assert (identity["user_id"], identity["bot_id"]) == (slack.bot_user_id, slack.workspace.bot_id)
    asked = await slack.post_user_message("what is a hazard ratio?")
    first = await client.chat_postMessage(channel=general, text="one", thread_ts=asked.message.ts)
    await slack.post_user_message("thanks", thread_ts=asked.message.ts, user=slack.workspace.bob)
    await client.chat_postMessage(channel=general, text="two", thread_ts=first["ts"])  # a reply's ts → its parent
    replies = await client.conversations_replies(channel=general, ts=asked.message.ts)
    assert [m["text"] for m in replies["messages"]] == ["what is a hazard ratio?", "one", "thanks", "two"]
    assert replies["messages"][0]["reply_count"] == 3 and replies["messages"][1]["bot_id"] == slack.workspace.bot_id
    page = await client.conversations_replies(channel=general, ts=asked.message.ts, limit=2)
    rest = await client.conversations_replies(
        channel=general, ts=asked.message.ts, cursor=page["response_metadata"]["next_cursor"]
    )
    assert [m["text"] for m in page["messages"] + rest["messages"]] == [
        "what is a hazard ratio?",
        "one",
        "thanks",
        "two",
    ]
    history = await client.conversations_history(channel=general)
    assert [m["text"] for m in history["messages"]] == ["what is a hazard ratio?"]
    await client.chat_update(channel=general, ts=first["ts"], text="one, edited")
    await client.chat_delete(channel=general, ts=first["ts"])
    assert [m.text for m in slack.bot_messages(general)] == ["two"]
    await client.chat_postEphemeral(channel=general, user=slack.workspace.alice, text="only you")
    assert slack.workspace.ephemerals[0].extra["visible_to"] == slack.workspace.alice
    assert (await client.users_info(user=slack.workspace.alice))["user"]["name"] == "alice"
    assert (await client.conversations_info(channel=general))["channel"]["is_member"] is True


async def test_errors_have_slacks_shapes(slack: SlackEmulator) -> None:
    client, general = client_of(slack), slack.workspace.general
    asked = await slack.post_user_message("hi")
    assert await slack_error(client.chat_postMessage(channel="C0NOPE", text="x")) == "channel_not_found"
    assert await slack_error(client.chat_postMessage(channel=general, text="x", thread_ts="1.2")) == "thread_not_found"
    assert await slack_error(client.conversations_replies(channel=general, ts="1.2")) == "thread_not_found"
    assert await slack_error(client.chat_update(channel=general, ts="1.2", text="x")) == "message_not_found"
    assert (
        await slack_error(client.chat_update(channel=general, ts=asked.message.ts, text="x")) == "cant_update_message"
    )
    assert await slack_error(client.reactions_add(channel=general, timestamp="1.2", name="eyes")) == "message_not_found"
    assert await slack_error(client.api_call("chat.postMessage", json={"channel": general})) == "no_text"
    assert await slack_error(client.api_call("chat.postMessage", json={"text": "x"})) == "invalid_arguments"
    assert await slack_error(client.api_call("chat.flyToTheMoon")) == "unknown_method"
    quiet = slack.workspace.add_channel("quiet", bot_member=False)
    assert await slack_error(client.chat_postMessage(channel=quiet.id, text="x")) == "not_in_channel"


async def test_tokens_are_checked_and_auth_can_be_broken(slack: SlackEmulator) -> None:
    assert await slack_error(AsyncWebClient(base_url=slack.api_url).auth_test()) == "not_authed"
    wrong = AsyncWebClient(token="xoxb-wrong", base_url=slack.api_url)
    assert await slack_error(wrong.auth_test()) == "invalid_auth"
    app_token = AsyncWebClient(token=slack.app_token, base_url=slack.api_url)
    assert await slack_error(app_token.chat_postMessage(channel="C1", text="x")) == "not_allowed_token_type"
    assert (
        await slack_error(client_of(slack).apps_connections_open(app_token=slack.bot_token)) == "not_allowed_token_type"
    )
    url = (await client_of(slack).apps_connections_open(app_token=slack.app_token))["url"]
    assert url.startswith(f"{slack.socket_mode.ws_base}/link/?ticket=")
    slack.faults.auth_invalid = True
    assert await slack_error(client_of(slack).auth_test()) == "invalid_auth"


async def test_form_query_and_json_bodies_all_work(slack: SlackEmulator) -> None:
    general, auth = slack.workspace.general, {"Authorization": f"Bearer {slack.bot_token}"}
    section = [{"type": "section", "text": {"type": "mrkdwn", "text": "*form*"}}]
    async with aiohttp.ClientSession() as session:
        form = {"channel": general, "text": "form", "blocks": json.dumps(section), "token": slack.bot_token}
        async with session.post(f"{slack.api_url}chat.postMessage", data=form) as response:
            assert (await response.json())["ok"] is True
        body = {"channel": general, "text": "json", "blocks": section}
        async with session.post(f"{slack.api_url}chat.postMessage", json=body, headers=auth) as response:
            assert (await response.json())["ok"] is True
        async with session.get(f"{slack.api_url}conversations.history?channel={general}", headers=auth) as response:
            assert [m["text"] for m in (await response.json())["messages"]] == ["json", "form"]
    assert [m.blocks for m in slack.bot_messages(general)] == [section, section]
    sync = WebClient(token=slack.bot_token, base_url=slack.api_url)  # urllib: params go in a form body
    ts = slack.bot_messages(general)[0].ts
    await asyncio.to_thread(sync.reactions_add, channel=general, timestamp=ts, name="white_check_mark")
    assert slack.bot_messages(general)[0].reactions == {"white_check_mark": [slack.bot_user_id]}
    got = await client_of(slack).reactions_get(channel=general, timestamp=ts)
    assert got["message"]["reactions"] == [{"name": "white_check_mark", "users": [slack.bot_user_id], "count": 1}]


async def test_files_upload_v2_shares_into_the_thread_and_downloads_need_the_token(slack: SlackEmulator) -> None:
    client, general = client_of(slack), slack.workspace.general
    asked = await slack.post_user_message("plot it")
    uploaded = await client.files_upload_v2(
        channel=general, thread_ts=asked.message.ts, content=b"\x89PNG...", filename="km.png", title="KM curve"
    )
    file_id = uploaded["file"]["id"]
    assert [call.method for call in slack.calls[-2:]] == ["files.getUploadURLExternal", "files.completeUploadExternal"]
    assert slack.workspace.files[file_id].content == b"\x89PNG..."
    shared = slack.thread(general, asked.message.ts)[-1]
    assert (shared.file_ids, shared.thread_ts) == ([file_id], asked.message.ts)
    assert (await client.files_info(file=file_id))["file"]["title"] == "KM curve"
    url = slack.workspace.files[file_id].url_private
    async with aiohttp.ClientSession() as session:
        async with session.get(url, headers={"Authorization": f"Bearer {slack.bot_token}"}) as response:
            assert await response.read() == b"\x89PNG..."
        async with session.get(url) as response:  # Slack answers 200 with a sign-in page, not the file
            assert (response.status, response.content_type) == (200, "text/html")


async def test_streams_through_the_chat_stream_helper(slack: SlackEmulator) -> None:
    client = client_of(slack)
    asked = await slack.send_dm("explain Cox models")
    channel, team = asked.message.channel, slack.workspace.team_id
    stream = await client.chat_stream(
        channel=channel,
        thread_ts=asked.message.ts,
        recipient_team_id=team,
        recipient_user_id=slack.workspace.alice,
        buffer_size=8,
    )
    await stream.append(markdown_text="A Cox model ")
    await stream.append(markdown_text="relates hazards ")
    await stream.stop(markdown_text="to covariates.", blocks=[{"type": "divider"}])
    message = slack.bot_messages(channel)[-1]
    assert message.text == "A Cox model relates hazards to covariates."
    assert message.stream is not None and (message.stream.state, message.stream.calls) == ("stopped", 3)
    assert [c.method for c in slack.calls[-3:]] == ["chat.startStream", "chat.appendStream", "chat.stopStream"]
    late = client.chat_appendStream(channel=channel, ts=message.ts, markdown_text="more")
    assert await slack_error(late) == "message_not_in_streaming_state"
    anonymous = client.chat_startStream(channel=channel, thread_ts=asked.message.ts, markdown_text="x")
    assert await slack_error(anonymous) == "missing_recipient_team_id"


async def test_task_updates_build_the_streams_timeline_and_malformed_ones_are_refused(slack: SlackEmulator) -> None:
    client = client_of(slack)
    asked = await slack.send_dm("explain Cox models")
    channel = asked.message.channel
    started = await client.chat_startStream(
        channel=channel,
        thread_ts=asked.message.ts,
        recipient_team_id=slack.workspace.team_id,
        recipient_user_id=slack.workspace.alice,
        task_display_mode="timeline",
        chunks=[
            TaskUpdateChunk(id="retrieve", title="Search", status="in_progress"),
            TaskUpdateChunk(id="check", title="Check", status="pending"),
        ],
    )
    ts = started["ts"]
    done = TaskUpdateChunk(id="retrieve", title="Search", status="complete", details="3 papers")
    await client.chat_appendStream(channel=channel, ts=ts, chunks=[done])
    for malformed in (
        {"type": "task_update", "id": "check", "title": "Check", "status": "done"},
        {"type": "task_update", "id": "check", "status": "complete"},
        {"type": "task_update", "id": "", "title": "Check", "status": "complete"},
        {"type": "task_update", "id": "check", "title": "Check", "status": "complete", "details": 3},
    ):
        assert (
            await slack_error(client.chat_appendStream(channel=channel, ts=ts, chunks=[malformed])) == "invalid_chunks"
        )
    carousel = client.chat_startStream(
        channel=channel,
        thread_ts=asked.message.ts,
        recipient_team_id=slack.workspace.team_id,
        recipient_user_id=slack.workspace.alice,
        task_display_mode="carousel",
        markdown_text="x",
    )
    assert await slack_error(carousel) == "invalid_arguments"
    stream = slack.bot_messages(channel)[-1].stream
    assert stream is not None
    assert {task: chunk["status"] for task, chunk in stream.tasks.items()} == {
        "retrieve": "complete",
        "check": "pending",
    }
    assert stream.tasks["retrieve"]["details"] == "3 papers"


async def test_assistant_thread_methods_and_status_cleared_by_a_reply(slack: SlackEmulator) -> None:
    client = client_of(slack)
    opened = await slack.start_assistant_thread()
    dm, ts = opened.message.channel, opened.message.ts
    await client.assistant_threads_setSuggestedPrompts(
        channel_id=dm, thread_ts=ts, prompts=[{"title": "KM", "message": "Plot a KM curve"}]
    )
    await client.assistant_threads_setTitle(channel_id=dm, thread_ts=ts, title="Survival")
    await client.assistant_threads_setStatus(
        channel_id=dm, thread_ts=ts, status="is searching papers…", loading_messages=["Reading…"]
    )
    thread = slack.workspace.assistant_threads[(dm, ts)]
    assert (thread.status, thread.titles, thread.status_history[0].loading_messages) == (
        "is searching papers…",
        ["Survival"],
        ("Reading…",),
    )
    await client.chat_postMessage(channel=dm, thread_ts=ts, text="Here is the curve.")
    assert thread.status == "" and thread.status_history[-1].cleared_by_reply


# --- limits ---------------------------------------------------------------------------------------------------


def plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text}


def thumb(text: str, value: str) -> dict[str, Any]:
    return {"text": plain(text), "value": value}


def feedback_buttons(**extra: Any) -> dict[str, Any]:
    buttons = {"positive_button": thumb("👍", "up"), "negative_button": thumb("👎", "down")}
    return {"type": "feedback_buttons", "action_id": "feedback"} | buttons | extra


def thumbs(**extra: Any) -> dict[str, Any]:
    return {"type": "context_actions", "elements": [feedback_buttons()]} | extra


@pytest.mark.parametrize(
    ("blocks", "error", "detail"),
    [
        ([section("x")] * 51, "invalid_blocks", "no more than 50 items allowed [json-pointer:/blocks]"),
        (
            [section("x" * 3001)],
            "invalid_blocks",
            "must be less than 3001 characters [json-pointer:/blocks/0/text/text]",
        ),
        ([section("")], "invalid_blocks", "must be more than 0 characters [json-pointer:/blocks/0/text/text]"),
        (
            [{"type": "header", "text": {"type": "plain_text", "text": "h" * 151}}],
            "invalid_blocks",
            "/blocks/0/text/text]",
        ),
        ([{"type": "header", "text": {"type": "mrkdwn", "text": "*h*"}}], "invalid_blocks", "/blocks/0/text/type]"),
        (
            [{"type": "section", "fields": [{"type": "mrkdwn", "text": "f"}] * 11}],
            "invalid_blocks",
            "/blocks/0/fields]",
        ),
        ([{"type": "section", "fields": [{"type": "mrkdwn", "text": "f" * 2001}]}], "invalid_blocks", "fields/0/text]"),
        ([{"type": "context", "elements": [{"type": "mrkdwn", "text": "c"}] * 11}], "invalid_blocks", "/elements]"),
        (
            [{"type": "actions", "elements": [button(action_id=f"a{i}") for i in range(26)]}],
            "invalid_blocks",
            "/elements]",
        ),
        ([{"type": "actions", "elements": [button("b" * 76)]}], "invalid_blocks", "/elements/0/text/text]"),
        ([{"type": "actions", "elements": [button(value="v" * 2001)]}], "invalid_blocks", "/elements/0/value]"),
        ([{"type": "actions", "elements": [button(action_id="a" * 256)]}], "invalid_blocks", "/elements/0/action_id]"),
        ([{"type": "actions", "elements": [button(), button()]}], "invalid_blocks", "duplicate action_id: good"),
        ([thumbs(elements=[feedback_buttons()] * 6)], "invalid_blocks", "/blocks/0/elements]"),
        (
            [thumbs(elements=[feedback_buttons(positive_button={"value": "up"})])],
            "invalid_blocks",
            "positive_button/text]",
        ),
        (
            [thumbs(elements=[feedback_buttons(negative_button=thumb("👎", "v" * 2001))])],
            "invalid_blocks",
            "button/value]",
        ),
        ([thumbs(elements=[feedback_buttons(positive_button=thumb("👍" * 76, "up"))])], "invalid_blocks", "text/text]"),
        ([thumbs(elements=[button()])], "invalid_blocks", "must be one of: feedback_buttons, icon_button"),
        (
            [thumbs(elements=[feedback_buttons(), feedback_buttons()])],
            "invalid_blocks",
            "duplicate action_id: feedback",
        ),
        (
            [{"type": "actions", "elements": [feedback_buttons()]}],
            "invalid_blocks",
            "only allowed in a context_actions",
        ),
        ([thumbs(elements=[])], "invalid_blocks", "must provide a non-empty array"),
        ([section("x", block_id="b" * 256)], "invalid_blocks", "/blocks/0/block_id]"),
        ([section("x", block_id="b"), section("y", block_id="b")], "invalid_blocks", "duplicate block_id: b"),
        ([{"type": "table", "rows": []}], "invalid_blocks", "unsupported type: table"),
        ([{"type": "section", "text": {"type": "mrkdwn", "text": "x", "emoji": True}}], "invalid_blocks", "emoji"),
        ([{"type": "image", "image_url": "https://x/y.png"}], "invalid_blocks", "/blocks/0/alt_text]"),
        ([section("x" * 2500)] * 5, "msg_blocks_too_long", "more than 12000"),
        ("not blocks", "invalid_blocks_format", "expected an array of blocks"),
    ],
)
def test_block_limits(blocks: Any, error: str, detail: str) -> None:
    problems = check_message("fallback", blocks)
    assert problems and problems[0].error == error
    assert any(problem.detail.endswith(detail) or detail in problem.detail for problem in problems), problems


def test_a_message_within_every_limit_passes() -> None:
    blocks = [
        {"type": "header", "text": {"type": "plain_text", "text": "Answer", "emoji": True}},
        section("x" * 3000, block_id="answer", accessory=button()),
        {
            "type": "context",
            "elements": [
                {"type": "mrkdwn", "text": "Cox 1972"},
                {"type": "image", "image_url": "https://x/i.png", "alt_text": "i"},
            ],
        },
        {"type": "divider"},
        {"type": "markdown", "text": "**bold**"},
        {"type": "rich_text", "elements": [{"type": "rich_text_section", "elements": [{"type": "text", "text": "r"}]}]},
        {"type": "actions", "elements": [button(style="primary"), button("Bad", action_id="bad", style="danger")]},
        thumbs(),
        thumbs(block_id="icons", elements=[{"type": "icon_button", "icon": "trash", "text": plain("Delete")}]),
    ]
    assert check_message("x" * 40_000, blocks) == []
    assert [p.error for p in check_message("x" * 40_001, None)] == ["msg_too_long"]
    assert [p.error for p in check_message(None, None)] == ["no_text"]


async def test_refusals_come_back_as_slack_errors_and_are_recorded(slack: SlackEmulator) -> None:
    client, general = client_of(slack), slack.workspace.general
    with pytest.raises(SlackApiError) as raised:
        await client.chat_postMessage(channel=general, text="long", blocks=[section("x" * 3001)])
    expected = "[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]"
    assert raised.value.response["error"] == "invalid_blocks"
    assert raised.value.response["response_metadata"]["messages"] == [expected]
    assert await slack_error(client.chat_postMessage(channel=general, text="x" * 40_001)) == "msg_too_long"
    assert (
        await slack_error(client.chat_postMessage(channel=general, text="t", blocks=[section("x" * 2500)] * 5))
        == "msg_blocks_too_long"
    )
    assert [v.error for v in slack.violations] == ["invalid_blocks", "msg_too_long", "msg_blocks_too_long"]
    assert slack.bot_messages() == []


# --- faults and rate limits -----------------------------------------------------------------------------------


async def test_the_retry_handler_waits_out_retry_after(slack: SlackEmulator) -> None:
    slack.faults.budgets["chat.postMessage"] = Budget(per_second=1.0, burst=1)
    slack.faults.enforce_rate_limits = True
    patient = client_of(slack, retry_handlers=[AsyncRateLimitErrorRetryHandler(max_retry_count=2)])
    for text in ("first", "second"):
        await patient.chat_postMessage(channel=slack.workspace.general, text=text)
    assert [c.status for c in slack.calls_to("chat.postMessage")] == [200, 429, 200]
    assert len(slack.rate_limit_hits) == 1 and slack.early_retries == []
    impatient = client_of(slack)
    with pytest.raises(SlackApiError) as raised:
        await impatient.chat_postMessage(channel=slack.workspace.general, text="third")
    assert raised.value.response.status_code == 429 and raised.value.response.headers["Retry-After"] == "1"
    assert await slack_error(impatient.chat_postMessage(channel=slack.workspace.general, text="again")) == "ratelimited"
    assert len(slack.early_retries) == 1  # came back before Retry-After had elapsed


async def test_scripted_failures_and_random_rate_limits(slack: SlackEmulator) -> None:
    client = client_of(slack)
    slack.faults.fail_next("chat.postMessage", 2, error="fatal_error")
    results = [await slack_error(client.chat_postMessage(channel=slack.workspace.general, text="x")) for _ in range(2)]
    assert results == ["fatal_error", "fatal_error"]
    await client.chat_postMessage(channel=slack.workspace.general, text="x")
    slack.faults.rate_limit("reactions.add", fraction=1.0, retry_after_s=7)
    with pytest.raises(SlackApiError) as raised:
        await client.reactions_add(channel=slack.workspace.general, timestamp="1.1", name="eyes")
    assert raised.value.response.headers["Retry-After"] == "7"


# --- live control sequences -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ping <!channel> now", [("<!channel>", "broadcast", "channel")]),
        (
            "<!here|here> and <!everyone>",
            [("<!here|here>", "broadcast", "here"), ("<!everyone>", "broadcast", "everyone")],
        ),
        ("<!subteam^S0ONCALL|@oncall>", [("<!subteam^S0ONCALL|@oncall>", "usergroup", "subteam^S0ONCALL")]),
        (
            "<!date^1392734382^{date_pretty}|Feb 18>",
            [("<!date^1392734382^{date_pretty}|Feb 18>", "date", "date^1392734382^{date_pretty}")],
        ),
        ("hi <@U0ALICE> and <@W0BOB|bob>", [("<@U0ALICE>", "user", "U0ALICE"), ("<@W0BOB|bob>", "user", "W0BOB")]),
        ("see <#C0GENERAL|general>", [("<#C0GENERAL|general>", "channel", "C0GENERAL")]),
        (
            "<https://evil.example/?q=secret|the paper>",
            [("<https://evil.example/?q=secret|the paper>", "link", "https://evil.example/?q=secret")],
        ),
        ("write to <mailto:a@b.org>", [("<mailto:a@b.org>", "link", "mailto:a@b.org")]),
        ("nested <<!here>>", [("<!here>", "broadcast", "here")]),
        ("`<!channel>` in code", [("<!channel>", "broadcast", "channel")]),
        ("<!somethingnew>", [("<!somethingnew>", "special", "somethingnew")]),
        ("&lt;!channel&gt; is escaped", []),
        ("p < 0.05 and q > 0.1", []),
        ("1 <2 and 3> 2", []),
        ("unterminated <!channel", []),
        ("fullwidth ＜!channel＞", []),
        ("@channel and @here without brackets", []),
        ("", []),
    ],
)
def test_live_control_sequences(text: str, expected: list[tuple[str, str, str]]) -> None:
    found = live_control_sequences(text)
    assert [(str(s), s.kind, s.target) for s in found] == expected
    assert found == [raw for raw, _, _ in expected]  # they are plain strings too


async def test_posted_control_sequences_walk_every_text_field(slack: SlackEmulator) -> None:
    client, general = client_of(slack), slack.workspace.general
    blocks = [section("fine"), {"type": "context", "elements": [{"type": "mrkdwn", "text": "from a paper: <!here>"}]}]
    await client.chat_postMessage(channel=general, text="summary <https://labbot.example/p/1|Cox 1972>", blocks=blocks)
    found = slack.posted_control_sequences()
    assert [(s.kind, s.pointer.split("/", 3)[-1]) for s in found] == [
        ("link", "text"),
        ("broadcast", "blocks/1/elements/0/text"),
    ]
    unexpected = [s for s in found if not (s.kind == "link" and s.target.startswith("https://labbot.example/"))]
    assert unexpected == ["<!here>"]
