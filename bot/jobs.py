"""arq jobs: answer a question in its thread, record feedback. At least once in, exactly once out.

arq may run a job twice (a worker killed mid-job reruns it after its timeout), so every side
effect is guarded: the bot's own record (bot.state), the graph's checkpoints (an interrupted turn
resumes, a finished one is reused) and metadata on every posted message (bot.poster).
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import tempfile
from pathlib import Path
from typing import Any

import httpx
from arq.worker import Function, Retry
from langgraph.types import StateSnapshot

from bot.digests.jobs import functions as digest_functions
from bot.downloads import download_shared_file
from bot.handles import ANSWER, FEEDBACK, SHARE, FeedbackPayload, SharePayload
from bot.payloads import Question, SharedFile
from bot.poster import ThreadReplies
from bot.promotion import functions as promotion_functions
from bot.runtime import BotRuntime, grace_s
from bot.state import AnswerPost, ChannelSettings
from bot.timeline import LiveTimeline
from graph.context import Context
from graph.events import ProgressEvent
from graph.run import answer_question, read_thread
from graph.schemas import Answer
from tools.ingest import ingest
from tools.readers.pdf import read_pdf
from training.feedback import BUTTON_SLOT, AnswerRecord, FeedbackSignal
from training.feedback.rules import click_value

log = logging.getLogger("labbot.bot")
HISTORY_MESSAGES = 10
ANSWER_TRIES = 8  # failures and killed workers both count; each rerun resumes where the last stopped
RETRY_BACKOFF_S = 5


async def answer_job(ctx: dict[str, Any], question: Question) -> str:
    """Answer once, within the deadline; a failure is retried with backoff, and the last try says so."""
    runtime: BotRuntime = ctx["labbot"]
    try:
        async with runtime.thread_lock(question.thread_id):
            async with asyncio.timeout(runtime.settings.slack.answer_timeout_s):
                return await _answer(runtime, question)
    except Exception as error:  # any failure: retry, then tell the asker; never silence
        reason = "it took too long" if isinstance(error, TimeoutError) else type(error).__name__
        if ctx.get("job_try", 1) < ANSWER_TRIES:
            log.warning("answer %s failed (%s, try %s); retrying", question.message_key, reason, ctx.get("job_try"))
            raise Retry(defer=RETRY_BACKOFF_S * ctx.get("job_try", 1)) from error
        log.error("answer %s failed for good: %s", question.message_key, reason)
        await runtime.poster.give_up(question, f"Sorry, I could not answer this ({reason}). Please ask again later.")
        return f"gave up: {reason}"


async def _answer(runtime: BotRuntime, question: Question) -> str:
    post = await runtime.store.start_answer(question.message_key, question.channel, question.root_ts)
    if post.status == "posted":
        return "already answered"
    channel = await runtime.store.channel_settings(await scope_channel(runtime, question))
    private = channel.visibility == "asker_first" and question.channel_type != "im"
    streamed = question.via in ("dm", "assistant")  # Slack streams answers in DMs and assistant threads
    thread = runtime.poster.replies(post)  # read at most once, for every part and figure of this answer
    if not private and not streamed:
        await runtime.poster.placeholder(question, post, thread)
    notes = await ingest_shared_files(runtime, question)
    memory = await read_thread(runtime.graph, question.thread_id)  # once: the thread's lock keeps it current
    history = await thread_history(question, memory, thread)
    if question.via == "assistant" and _first_turn(memory, question):
        await runtime.poster.title(question)
    live = await runtime.poster.open_stream(question, post, thread) if streamed else None
    try:
        answer = await _run_graph(runtime, question, post, channel, notes, history, live, memory)
    except Exception:
        if live is not None:
            await live.fail()
        raise
    answer_id = f"{question.message_key}:{'asker' if private else 'answer'}"
    if private:
        posted = await runtime.poster.deliver_privately(question, answer, answer_id)
    elif live is not None:
        posted = await runtime.poster.finish_stream(post, live, answer, answer_id, thread)
    else:
        posted = await runtime.poster.deliver(post, answer, answer_id, thread)
    record = answer_record(question, answer, answer_id, posted, "\n".join(history))
    await runtime.feedback.record_answer(record)
    if not private:  # an asker-first answer's figures go public only when it is shared
        await runtime.poster.upload_figures(post, answer, thread)
    await runtime.store.finish_answer(question.message_key, posted)
    return f"answered {question.message_key}"


async def scope_channel(runtime: BotRuntime, question: Question) -> str:
    """The channel whose library and settings an answer uses: in the assistant pane, the channel the user is
    viewing beside the thread (remembered from Slack's thread events), else the question's own."""
    if question.via != "assistant":
        return question.channel
    return await runtime.store.viewed_channel(question.channel, question.root_ts) or question.channel


async def share_job(ctx: dict[str, Any], click: SharePayload) -> str:
    """The asker shares an asker-first answer: posted once in the thread, as its own answer record."""
    runtime: BotRuntime = ctx["labbot"]
    private = await runtime.feedback.answer_for_message(click.channel, click.message_ts)
    if private is None:
        return "not an answer"
    if not private.answer_id.endswith(":asker"):
        return "not shareable"  # only asker-first answers carry the button; anything else is a forged click
    key = f"share:{private.answer_id}"
    post = await runtime.store.start_answer(key, private.channel, private.thread_ts)
    if post.status == "posted":
        return "already shared"
    answer_id = f"{private.answer_id}:shared"
    thread = runtime.poster.replies(post)
    posted = await runtime.poster.deliver(post, private.answer, answer_id, thread)
    shared = private.model_copy(update={"answer_id": answer_id, "message_ts": tuple(posted)})
    await runtime.feedback.record_answer(shared)
    await runtime.poster.upload_figures(post, private.answer, thread)
    await runtime.store.finish_answer(key, posted)
    return f"shared {private.answer_id}"


def _first_turn(memory: StateSnapshot, question: Question) -> bool:
    """No earlier turn of this thread is in the graph's memory (a resumed first turn counts as first)."""
    earlier = memory.values.get("turn_id") not in (None, question.message_key)
    return not earlier


async def _run_graph(
    runtime: BotRuntime,
    question: Question,
    post: AnswerPost,
    channel: ChannelSettings,
    notes: list[str],
    history: list[str],
    live: LiveTimeline | None,
    memory: StateSnapshot,
) -> Answer:
    base = Context.from_services(runtime.services, channel.model)
    # the global library, the thread's own channel (its shared PDFs) and, in the assistant pane, the viewed one
    collections = tuple(dict.fromkeys(("", question.channel, channel.channel)))
    context = dataclasses.replace(base, collections=collections)
    updates: set[asyncio.Task[None]] = set()
    shown: set[str] = set()

    def progress(event: ProgressEvent) -> None:
        if event["stage"] not in shown:  # one update per stage keeps Slack calls few
            shown.add(event["stage"])
            update = live.progress(event) if live else runtime.poster.progress(question, post, event)
            task = asyncio.create_task(update)
            updates.add(task)
            task.add_done_callback(updates.discard)

    answer = await answer_question(
        runtime.graph,
        context,
        question.question_text() or "(empty message)",
        question.thread_id,
        progress,
        turn_id=question.message_key,
        history=history,
        cut_before=question.cut_chars,
        memory=memory,
        notes=notes,
    )
    await asyncio.gather(*updates)
    return answer


async def thread_history(question: Question, memory: StateSnapshot, thread: ThreadReplies) -> list[str]:
    """Earlier messages of the thread, for a mention in the middle of a conversation: from the same read of the
    thread that finds this answer's own posts (the thread is the question's: the answer is posted under its root)."""
    if question.thread_ts is None:
        return []
    if memory.values.get("messages"):
        return []  # the graph already remembers this thread
    return (await thread.people_before(question.ts))[-HISTORY_MESSAGES:]


async def ingest_shared_files(runtime: BotRuntime, question: Question) -> list[str]:
    """PDFs shared with the question join the channel's library; what could not be read is said."""
    notes = []
    for shared in question.files:
        if not shared.is_pdf:
            notes.append(f"I can only read PDFs; {shared.name} was not added to the library.")
            continue
        try:
            content = await _download(runtime, shared)
        except (httpx.HTTPError, ValueError) as error:
            notes.append(f"I could not download {shared.name} ({error}); it was not added.")
            continue
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "shared.pdf"
            path.write_bytes(content)
            items = list(read_pdf(path))
        report = await ingest(runtime.services.library, items, collection=question.channel)
        if report.problems:
            notes.append(f"I could not read {shared.name}: {report.problems[0].message}.")
        else:
            notes.append(f"I added {shared.name} to this channel's library and used it for this answer.")
    return notes


async def _download(runtime: BotRuntime, shared: SharedFile) -> bytes:
    content = await download_shared_file(runtime.settings, shared.url_private_download, shared.size)
    if not content.startswith(b"%PDF"):
        raise ValueError("the download is not a PDF (is the bot allowed to read files?)")
    return content


def answer_record(question: Question, answer: Answer, answer_id: str, posted: list[str], context: str) -> AnswerRecord:
    return AnswerRecord(
        answer_id=answer_id,
        team=question.team,
        channel=question.channel,
        thread_ts=question.root_ts,
        message_ts=tuple(posted),
        question=question.question_text(),
        thread_context=context,
        model=answer.model,
        answer=answer,
    )


async def feedback_job(ctx: dict[str, Any], click: FeedbackPayload) -> str:
    """Store one 👍/👎 (reaction or button) about an answer; replays and reorderings change nothing."""
    runtime: BotRuntime = ctx["labbot"]
    record = await runtime.feedback.answer_for_message(click.channel, click.message_ts)
    if record is None:
        return "not an answer"
    signal = FeedbackSignal(
        event_key=click.event_key,
        answer_id=record.answer_id,
        user=click.user,
        source=click.source,
        kind=click.kind,
        value=click.value,
        event_ts=click.event_ts,
    )
    if signal.source == "reaction":
        new = await runtime.feedback.record_signal(signal)
    else:  # a click's meaning depends on the choice before it: read and write under the voter's lock
        async with runtime.vote_lock(record.answer_id, signal.user):
            labels = await runtime.feedback.labels(record.answer_id)
            chosen = next((la for la in labels if la.user == signal.user and la.slot == BUTTON_SLOT), None)
            new = await runtime.feedback.record_signal(signal.model_copy(update={"value": click_value(signal, chosen)}))
    return "recorded" if new else "duplicate"


def functions(answer_timeout_s: int, promotion: bool = False) -> list[Function]:
    """The worker's jobs; results kept a day so a late Slack retry cannot enqueue a job twice.

    An answer has its own deadline inside the job; arq's timeout leaves room beyond it for the wait on
    the thread's lock and for posting the apology, and a dead worker's job reruns once its in-progress
    mark expires (arq: that timeout + 10 s). A rerun resumes from the graph's checkpoints and repeats no post.
    """
    day = 24 * 3600
    return [
        ANSWER.function(
            answer_job,
            timeout=answer_timeout_s + 2 * grace_s(answer_timeout_s),
            keep_result=day,
            max_tries=ANSWER_TRIES,
        ),
        FEEDBACK.function(feedback_job, timeout=30, keep_result=day, max_tries=10),
        SHARE.function(share_job, timeout=60, keep_result=day, max_tries=5),
        *digest_functions(),
        # arq keeps every job's in-progress mark for its longest job timeout: the hours a promotion may train
        # would keep a killed worker's answers from being rerun for hours, so only a worker that promotes has it
        *(promotion_functions() if promotion else []),
    ]
