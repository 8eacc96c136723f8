"""Slack's AI-app surface end to end: feedback buttons, the viewed channel, the task timeline, refused streams.

Emulator ↔ real Bolt front door ↔ Redis ↔ arq worker ↔ graph (retrieval, verification, the poster), with the
one protocol-level fake in place of the chat model: a scripted model that only decides (as the embedded one
does), so an answer takes seconds and these run wherever Redis does.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.state import ChannelSettings, open_bot_store
from bot.timeline import TASKS
from slack_emulator import Message, SlackEmulator
from tests.bot.stack import BotStack, bot_stack, lab_channels
from tests.bot.test_bot_e2e import answer_in_thread, answers_in, assert_clean, text_of
from tests.conftest import FIXTURES, flush_redis
from tests.fakes import ScriptedModel, ScriptedModels
from tools.ingest import ingest
from tools.readers import read_papers
from tools.services import build_services
from training.feedback import open_feedback_store

WASTEWATER = "Wastewater surveillance of norovirus in dormitories"
QUESTION = "Does norovirus RNA in dormitory wastewater rise before clinical cases?"
TUNED = "lab-tuned"  # the model one channel's settings name


def decide(_: Any) -> dict[str, str]:
    return {"evidence": "sufficient", "sentence": ""}


@pytest.fixture
async def stack(tmp_path: Path, redis_url: str) -> AsyncIterator[tuple[BotStack, ScriptedModels]]:
    await flush_redis(redis_url)
    async with bot_stack(tmp_path / "data", redis_url) as running:
        services = build_services(running.settings)
        await ingest(services.library, list(read_papers(FIXTURES / "papers.jsonl", "auto")))
        await services.aclose()
        worker = running.workers[0]
        runtime = await running.slack.wait_for(lambda: worker.ctx.get("labbot"), timeout_s=60)
        models = ScriptedModels()
        for name in (running.settings.models.default, TUNED):
            models.add(ScriptedModel(name, responder=decide), writes_prose=False)
        runtime.services.models = models  # the worker's graph asks these from now on
        yield running, models
        # an answer is visible before its job has recorded it: let the job end before the worker stops
        await running.slack.wait_for(lambda: all(task.done() for task in worker.tasks.values()), timeout_s=30)


async def votes_after(stack: BotStack, signals: int) -> dict[str, int]:
    """Every user's vote once the worker has stored `signals` signals."""
    async with open_feedback_store(stack.settings) as store:
        for _ in range(200):
            if len(await store.signals()) >= signals:
                return {vote.user: vote.value for vote in await store.votes()}
            await asyncio.sleep(0.05)
    raise TimeoutError(f"fewer than {signals} feedback signals stored")


async def test_feedback_buttons_vote_change_their_mind_and_take_the_vote_back(
    stack: tuple[BotStack, ScriptedModels],
) -> None:
    running, _ = stack
    slack, people = running.slack, running.slack.workspace
    carol = people.add_user("carol").id
    asked = await slack.post_user_message(f"<@{slack.bot_user_id}> How do I compare survival curves?")
    answer = await answer_in_thread(slack, asked.message.channel, asked.message.ts)
    [thumbs] = [block for block in answer.blocks if block["type"] == "context_actions"]
    assert thumbs["elements"][0]["type"] == "feedback_buttons"
    assert not any(block["type"] == "actions" for block in answer.blocks), "Share is only for asker-first answers"

    clicks = [
        (people.alice, "positive", {people.alice: 1}),  # a vote
        (people.bob, "negative", {people.alice: 1, people.bob: -1}),
        (people.bob, "positive", {people.alice: 1, people.bob: 1}),  # a change of mind
        (carol, "positive", {people.alice: 1, people.bob: 1, carol: 1}),
        (carol, "positive", {people.alice: 1, people.bob: 1, carol: 0}),  # the chosen button again: removal
    ]
    for stored, (user, button, votes) in enumerate(clicks, start=1):
        await (await slack.click_feedback(answer, button, user=user)).wait_acked()  # type: ignore[arg-type]
        assert await votes_after(running, stored) == votes
    assert answer.feedback_chosen == {people.alice: "positive", people.bob: "positive"}, "what Slack shows"
    await (await slack.react(answer, "-1")).wait_acked()  # a reaction is the same person's opinion, later
    assert (await votes_after(running, len(clicks) + 1))[people.alice] == -1
    assert_clean(slack)


async def test_the_channel_viewed_beside_an_assistant_thread_scopes_its_retrieval_and_settings(
    stack: tuple[BotStack, ScriptedModels], tmp_path: Path
) -> None:
    running, models = stack
    slack = running.slack
    [trial] = lab_channels(slack, "trial", 1)
    await _library_of(running, trial, tmp_path)
    async with open_bot_store(running.settings) as store:
        await store.save_channel_settings(ChannelSettings(trial, model=TUNED), slack.workspace.alice)

    opened = await slack.start_assistant_thread()  # opened beside #general
    dm, ts = opened.message.channel, opened.message.ts
    viewing = {"channel_id": trial, "team_id": slack.workspace.team_id, "enterprise_id": None}
    await (await slack.change_assistant_context(ts, viewing)).wait_acked()  # the user moves to #trial-0
    asked = await slack.send_dm(QUESTION, thread_ts=ts)
    scoped = await answer_in_thread(slack, dm, ts, after_ts=asked.message.ts)
    assert WASTEWATER in text_of(scoped), "the viewed channel's library answered"
    assert models.chat(TUNED).requests and not models.chat(running.settings.models.default).requests  # type: ignore[attr-defined]
    assert slack.workspace.assistant_threads[(dm, ts)].titles == [QUESTION], "titled by its question"

    tuned_calls = len(models.chat(TUNED).requests)  # type: ignore[attr-defined]
    other = await slack.start_assistant_thread()  # a thread beside #general sees only the shared library
    again = await slack.send_dm(QUESTION, thread_ts=other.message.ts)
    unscoped = await answer_in_thread(slack, dm, other.message.ts, after_ts=again.message.ts)
    assert WASTEWATER not in text_of(unscoped) and "can't answer that from the sources I have" in text_of(unscoped)
    assert len(models.chat(TUNED).requests) == tuned_calls, "nor that channel's settings"  # type: ignore[attr-defined]
    assert_clean(slack)


async def _library_of(running: BotStack, channel: str, tmp_path: Path) -> None:
    paper = {
        "id": "DOI:10.1000/wastewater.9",
        "title": WASTEWATER,
        "authors": ["Hoe, W."],
        "year": 2023,
        "abstract": "Norovirus RNA in dormitory wastewater rose four days before clinical cases were reported.",
        "text": "We sampled wastewater from twelve dormitories twice weekly and measured norovirus RNA.",
    }
    path = tmp_path / "channel.jsonl"
    path.write_text(json.dumps(paper) + "\n")
    services = build_services(running.settings)
    try:
        await ingest(services.library, list(read_papers(path, "auto")), collection=channel)
    finally:
        await services.aclose()


async def test_a_streamed_answer_shows_the_graph_stages_as_task_updates(
    stack: tuple[BotStack, ScriptedModels],
) -> None:
    slack = stack[0].slack
    asked = await slack.send_dm("How should I control the false discovery rate in a genomic screen?")
    answer = await answer_in_thread(slack, asked.message.channel, asked.message.ts)
    [start] = slack.calls_to("chat.startStream")
    assert start.args["task_display_mode"] == "timeline" and start.response["ts"] == answer.ts
    assert answer.stream is not None and answer.stream.state == "stopped"
    assert {task: chunk["status"] for task, chunk in answer.stream.tasks.items()} == {
        task: "complete" for task, _ in TASKS
    }
    chunks = answer.stream.chunks
    first_blocks = [chunk["type"] for chunk in chunks].index("blocks")
    moves = [(chunk["id"], chunk["status"]) for chunk in chunks[:first_blocks]]
    assert moves[:3] == [("retrieve", "in_progress"), ("analyse", "pending"), ("check", "pending")]
    assert ("retrieve", "complete") in moves and ("check", "in_progress") in moves, "moved while the graph ran"
    assert all(chunk["type"] == "blocks" for chunk in chunks[first_blocks:]), "the answer only after its checks"
    assert "Controlling the false discovery rate" in text_of(answer)
    assert answer.blocks[-1]["type"] == "context_actions" and answer.metadata is not None
    assert not slack.calls_to("assistant.threads.setStatus"), "the timeline replaces the status line"
    assert_clean(slack)


@pytest.mark.parametrize("refused", ["chat.startStream", "chat.appendStream"])
async def test_a_stream_slack_refuses_never_loses_the_answer(
    stack: tuple[BotStack, ScriptedModels], refused: str
) -> None:
    slack = stack[0].slack
    slack.faults.fail_next(refused, times=100)
    asked = await slack.send_dm("How should I control the false discovery rate in a genomic screen?")
    answer = await answer_in_thread(slack, asked.message.channel, asked.message.ts)
    assert "Controlling the false discovery rate" in text_of(answer)
    assert answer.blocks[-1]["type"] == "context_actions" and answer.metadata is not None
    assert answers_in_dm(slack, asked.message) == [answer], "one answer, posted or updated once"
    if refused == "chat.startStream":  # no stream at all: progress on the status line, the answer posted
        assert answer.stream is None and slack.calls_to("assistant.threads.setStatus")
    else:  # the stream's message, closed and updated to the whole answer
        assert answer.stream is not None and answer.stream.state == "stopped" and answer.edited_ts
    assert_clean(slack)


def answers_in_dm(slack: SlackEmulator, asked: Message) -> list[Message]:
    return answers_in(slack, asked.channel, asked.ts)


async def test_a_failed_try_marks_its_task_and_the_retry_closes_the_stream_and_updates_it(
    stack: tuple[BotStack, ScriptedModels],
) -> None:
    running, models = stack
    slack = running.slack
    models.chat(running.settings.models.default).queue(RuntimeError("the model server went away"))  # type: ignore[attr-defined]
    asked = await slack.send_dm("How should I control the false discovery rate in a genomic screen?")
    answer = await answer_in_thread(slack, asked.message.channel, asked.message.ts)
    assert "Controlling the false discovery rate" in text_of(answer)
    [start] = slack.calls_to("chat.startStream")
    assert start.response["ts"] == answer.ts, "the retry answered in the first try's message"
    assert answer.stream is not None and answer.stream.state == "stopped" and answer.edited_ts
    assert "error" in [chunk.get("status") for chunk in answer.stream.chunks], "the failed try showed its error"
    assert answers_in_dm(slack, asked.message) == [answer]
    assert_clean(slack)
