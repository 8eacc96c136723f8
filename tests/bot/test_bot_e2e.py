"""The bot end to end: emulator ↔ real Bolt app ↔ Redis ↔ arq worker ↔ graph (real local model)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from langgraph.pregel import Pregel

from bot.state import AnswerPost, BotStore
from bot.timeline import TASKS
from slack_emulator import Message, SlackEmulator
from tests.bot.stack import BotStack, answering_stack
from tests.pdfs import write_paper_pdf
from training.feedback import open_feedback_store

pytestmark = pytest.mark.slow
ANSWER_TIMEOUT = 90.0


@pytest.fixture
async def stack(tmp_path: Path, redis_url: str) -> AsyncIterator[BotStack]:
    async with answering_stack(tmp_path / "data", redis_url) as running:
        yield running


def text_of(message: Message) -> str:
    """Every text in the message's blocks (sections and context lines)."""
    texts = []
    for block in message.blocks:
        texts.append(str((block.get("text") or {}).get("text", "")))
        texts += [str(e.get("text", "")) for e in block.get("elements", []) if block["type"] == "context"]
    return " ".join(texts)


async def answer_in_thread(slack: SlackEmulator, channel: str, thread_ts: str, after_ts: str = "0") -> Message:
    """The bot's finished answer: a placeholder has blocks once it becomes the answer; a stream has blocks from
    its first chunk on, so it is finished only once stopped (under load the test would otherwise see it midway)."""

    def finished() -> Message | None:
        for message in slack.bot_messages(channel):
            in_thread = thread_ts in (message.thread_ts, message.ts)
            done = message.stream is None or message.stream.state == "stopped"
            if in_thread and message.blocks and done and float(message.ts) > float(after_ts):
                return message
        return None

    return await slack.wait_for(finished, timeout_s=ANSWER_TIMEOUT)


def answers_in(slack: SlackEmulator, channel: str, thread_ts: str) -> list[Message]:
    return [m for m in slack.bot_messages(channel) if m.thread_ts == thread_ts and m.subtype is None]


def assert_clean(slack: SlackEmulator) -> None:
    assert slack.violations == []
    assert [s for s in slack.posted_control_sequences() if s.kind != "link"] == []


async def test_a_mention_gets_one_threaded_answer_with_citations(stack: BotStack) -> None:
    slack = stack.slack
    asked = await slack.post_user_message(f"<@{slack.bot_user_id}> How do I compare survival curves between two arms?")
    await asked.wait_acked()
    answer = await answer_in_thread(slack, asked.message.channel, asked.message.ts)
    assert answer.thread_ts == asked.message.ts
    text = text_of(answer)
    assert "*Summary*" in text and "*Sources*" in text and "[1]" in text
    assert "Comparing survival curves with the log-rank test" in text
    assert answer.metadata and answer.metadata["event_payload"]["message_key"].endswith(asked.message.ts)
    assert any(b["type"] == "context_actions" for b in answer.blocks)
    assert len(answers_in(slack, asked.message.channel, asked.message.ts)) == 1
    assert slack.calls_to("chat.update"), "the placeholder showed progress before the answer"
    assert_clean(slack)


async def test_a_dm_is_answered_and_a_follow_up_uses_the_thread_memory(stack: BotStack) -> None:
    slack = stack.slack
    asked = await slack.send_dm("How should I control the false discovery rate in a genomic screen?")
    first = await answer_in_thread(slack, asked.message.channel, asked.message.ts)
    assert "Controlling the false discovery rate" in text_of(first)
    # streamed in (a DM is where Slack allows it), finished with the buttons and the answer's metadata
    [start] = slack.calls_to("chat.startStream")
    assert start.response["ts"] == first.ts and start.args["recipient_user_id"] == slack.workspace.alice
    assert slack.calls_to("chat.appendStream") and len(slack.calls_to("chat.stopStream")) == 1
    assert first.blocks[-1]["type"] == "context_actions" and first.metadata is not None
    # progress shown as Slack's task timeline (test_bot_ai_surface follows it stage by stage)
    assert start.args["task_display_mode"] == "timeline" and first.stream is not None
    assert {task: c["status"] for task, c in first.stream.tasks.items()} == {task: "complete" for task, _ in TASKS}
    assert not slack.calls_to("assistant.threads.setStatus"), "the timeline replaces the status line"

    follow_up = await slack.send_dm("and which paper says so?", thread_ts=asked.message.ts)
    second = await answer_in_thread(slack, asked.message.channel, asked.message.ts, after_ts=follow_up.message.ts)
    # The follow-up alone names no topic: only the thread's memory brings the FDR paper back.
    assert "Controlling the false discovery rate" in text_of(second)
    assert_clean(slack)


async def test_an_assistant_thread_is_titled_by_its_first_question(stack: BotStack) -> None:
    slack = stack.slack
    opened = await slack.start_assistant_thread()
    dm, ts = opened.message.channel, opened.message.ts
    question = "How should I control the false discovery rate in a genomic screen?"
    asked = await slack.send_dm(question, thread_ts=ts)
    await answer_in_thread(slack, dm, ts, after_ts=asked.message.ts)
    thread = slack.workspace.assistant_threads[(dm, ts)]
    assert thread.titles == [question]
    follow_up = await slack.send_dm("and which paper says so?", thread_ts=ts)
    await answer_in_thread(slack, dm, ts, after_ts=follow_up.message.ts)
    assert thread.titles == [question]  # a follow-up keeps the thread's title
    assert_clean(slack)


async def test_a_mention_in_the_middle_of_a_thread_reads_its_history(stack: BotStack) -> None:
    slack = stack.slack
    root = await slack.post_user_message("We have missing blood pressure readings in our trial data.")
    await slack.post_user_message("Dropping those patients would bias the comparison.", thread_ts=root.message.ts)
    asked = await slack.post_user_message(f"<@{slack.bot_user_id}> what should we do?", thread_ts=root.message.ts)
    answer = await answer_in_thread(slack, asked.message.channel, root.message.ts)
    assert "Multiple imputation for missing blood pressure readings" in text_of(answer)
    reads = slack.calls_to("conversations.replies")
    assert [c.args.get("ts") for c in reads] == [root.message.ts], "the history and the answer's own posts: one read"


async def test_a_mention_reads_the_graph_state_once(stack: BotStack, monkeypatch: pytest.MonkeyPatch) -> None:
    """The thread's memory decides the history, the first turn and whether to resume: one checkpoint read."""
    reads: list[str] = []
    read_state = Pregel.aget_state

    async def counted(self: Pregel[Any, Any, Any, Any], config: Any, **options: Any) -> Any:
        reads.append(config["configurable"]["thread_id"])
        return await read_state(self, config, **options)

    monkeypatch.setattr(Pregel, "aget_state", counted)
    slack = stack.slack
    root = await slack.post_user_message("We have missing blood pressure readings in our trial data.")
    asked = await slack.post_user_message(f"<@{slack.bot_user_id}> what should we do?", thread_ts=root.message.ts)
    await answer_in_thread(slack, asked.message.channel, root.message.ts)
    assert len(reads) == 1


async def test_a_mention_passes_its_post_row_down_instead_of_rereading_it(
    stack: BotStack, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads: list[str] = []
    read_post = BotStore.answer_post

    async def counted(self: BotStore, message_key: str) -> AnswerPost | None:
        reads.append(message_key)
        return await read_post(self, message_key)

    monkeypatch.setattr(BotStore, "answer_post", counted)
    slack = stack.slack
    asked = await slack.post_user_message(f"<@{slack.bot_user_id}> How do I compare survival curves?")
    answer = await answer_in_thread(slack, asked.message.channel, asked.message.ts)
    assert slack.calls_to("chat.update"), "progress went to the placeholder the job holds"
    assert answer.ts == slack.calls_to("chat.postMessage")[0].response["ts"]
    assert reads == [], "the job holds the row start_answer returned"


async def test_a_shared_pdf_is_ingested_into_the_channel_and_used(stack: BotStack, tmp_path: Path) -> None:
    slack = stack.slack
    pdf = write_paper_pdf(
        tmp_path / "wastewater.pdf",
        "Wastewater surveillance of norovirus in dormitories",
        {
            "Methods": "We sampled wastewater from twelve dormitories twice weekly and measured norovirus RNA.",
            "Results": "Norovirus RNA in wastewater rose four days before clinical cases were reported.",
        },
        doi="10.1000/wastewater.9",
    )
    shared = await slack.upload_file(
        pdf.name, pdf.read_bytes(), comment=f"<@{slack.bot_user_id}> does wastewater norovirus RNA lead cases?"
    )
    answer = await answer_in_thread(slack, shared.message.channel, shared.message.ts)
    text = text_of(answer)
    assert "added wastewater.pdf to this channel's library" in text
    assert "Wastewater surveillance of norovirus" in text

    broken = await slack.upload_file("broken.pdf", b"%PDF-1.7 not really", comment=f"<@{slack.bot_user_id}> read this")
    reply = await answer_in_thread(slack, broken.message.channel, broken.message.ts)
    assert "could not read broken.pdf" in text_of(reply)
    assert_clean(slack)


async def test_reactions_and_buttons_are_stored_with_the_answer(stack: BotStack) -> None:
    slack = stack.slack
    asked = await slack.post_user_message(f"<@{slack.bot_user_id}> How do I compare survival curves?")
    answer = await answer_in_thread(slack, asked.message.channel, asked.message.ts)
    await (await slack.react(answer, "+1")).wait_acked()
    await (await slack.react(answer, "thumbsdown", user=slack.workspace.bob)).wait_acked()
    await (await slack.react(answer, "thumbsdown", user=slack.workspace.bob, remove=True)).wait_acked()
    carol = slack.workspace.add_user("carol").id
    await (await slack.click_feedback(answer, "negative", user=carol)).wait_acked()
    await (await slack.click_feedback(answer, "positive", user=carol)).wait_acked()

    store = await open_feedback_store(stack.settings)
    try:
        for _ in range(200):  # the feedback jobs run in the worker
            if len(await store.signals()) == 5:
                break
            await asyncio.sleep(0.1)
        votes = await store.votes()
        [rated] = await store.rated_answers()
    finally:
        await store.close()
    assert {vote.user: vote.value for vote in votes} == {slack.workspace.alice: 1, slack.workspace.bob: 0, carol: 1}
    assert rated.record.question == "How do I compare survival curves?"
    assert rated.record.passages and rated.record.verdicts and rated.record.model


async def test_malformed_payloads_are_logged_and_the_bot_keeps_answering(
    stack: BotStack, caplog: pytest.LogCaptureFixture
) -> None:
    slack = stack.slack
    caplog.set_level(logging.WARNING, logger="labbot.bot")
    broken = {"type": "app_mention", "user": slack.workspace.alice, "text": "no channel, no ts"}
    delivery = await slack.deliver_event(broken)
    await delivery.wait_acked()
    assert any("malformed mention event" in r.getMessage() for r in caplog.records)
    huge = await slack.post_user_message(f"<@{slack.bot_user_id}> " + "survival " * 10_000)
    answer = await answer_in_thread(slack, huge.message.channel, huge.message.ts)
    assert answer.blocks


async def test_asker_first_answers_privately_and_shares_once(stack: BotStack) -> None:
    slack = stack.slack
    await (await slack.slash_command("/labbot", "settings visibility asker-first")).wait_acked()
    assert "asker first" in slack.workspace.responses[-1].body["text"]
    asked = await slack.post_user_message(f"<@{slack.bot_user_id}> How do I compare survival curves?")

    def private_answer() -> Message | None:
        return next((m for m in slack.workspace.ephemerals if m.blocks), None)

    private = await slack.wait_for(private_answer, timeout_s=ANSWER_TIMEOUT)
    assert private.extra["visible_to"] == slack.workspace.alice and private.thread_ts == asked.message.ts
    assert answers_in(slack, asked.message.channel, asked.message.ts) == [], "nothing public before sharing"

    for _ in range(2):  # a double click shares once
        await (await slack.click_button(private, "share_answer")).wait_acked()
    shared = await answer_in_thread(slack, asked.message.channel, asked.message.ts)
    assert "Comparing survival curves with the log-rank test" in text_of(shared)
    assert not any(e.get("action_id") == "share_answer" for b in shared.blocks for e in b.get("elements", []))
    await (await slack.react(shared, "+1")).wait_acked()
    store = await open_feedback_store(stack.settings)
    try:
        for _ in range(100):
            if await store.signals():
                break
            await asyncio.sleep(0.1)
        [vote] = await store.votes()
    finally:
        await store.close()
    assert vote.answer_id.endswith(":asker:shared") and vote.value == 1
    await asyncio.sleep(1.0)
    assert len(answers_in(slack, asked.message.channel, asked.message.ts)) == 1
    assert any(r.body.get("delete_original") for r in slack.workspace.responses)
    assert_clean(slack)
