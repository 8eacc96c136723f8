"""Every Slack side effect of an answer, each done once even when the job runs twice.

Each message labbot posts carries metadata naming the question's message and the part number.
Before posting, the poster looks for that message in its own record, then in the thread itself
(the gap between posting and recording is where a killed worker leaves no record), and only then
posts. The thread is read once per delivery (`ThreadReplies`), whatever the number of parts and
figures. Posts to one channel are paced (Slack allows about one per second), and 429s are retried
after Retry-After by slack_sdk's handler.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from pathlib import Path
from typing import Any

from redis.asyncio import Redis
from slack_sdk.errors import SlackApiError
from slack_sdk.models.messages.chunk import BlocksChunk
from slack_sdk.web.async_client import AsyncWebClient

from bot import keys
from bot.blocks import answer_messages, feedback_blocks
from bot.escape import escape
from bot.payloads import Question
from bot.state import AnswerPost, BotStore
from bot.timeline import LiveTimeline, TaskTimeline
from graph.events import STATUS_TEXT, ProgressEvent
from graph.schemas import Answer

log = logging.getLogger("labbot.bot")
TITLE_CHARS = 80  # the assistant pane's history list shows about this much of a title
EVENT_TYPE = "labbot_answer"
PACE_POLL_S = 0.05
STREAM_BLOCKS = 3  # blocks per streamed chunk: a section or two at a time


def _exist(paths: list[Path]) -> list[bool]:
    return [path.is_file() for path in paths]


async def find_by_metadata(
    client: AsyncWebClient, channel: str, oldest: float, event_type: str, event_payload: dict[str, Any]
) -> str | None:
    """The ts of a message posted to ``channel`` since ``oldest`` carrying this metadata: a post a runner made
    and died before recording (digests, promotion decisions), so a rerun does not post it twice."""
    cursor: str | None = None
    while True:
        response = await client.conversations_history(
            channel=channel, oldest=f"{oldest:.6f}", include_all_metadata=True, limit=200, cursor=cursor
        )
        messages: list[dict[str, Any]] = response.get("messages", [])
        for message in messages:
            meta = message.get("metadata") or {}
            if meta.get("event_type") == event_type and (meta.get("event_payload") or {}) == event_payload:
                return str(message["ts"])
        cursor = (response.get("response_metadata") or {}).get("next_cursor") or None
        if not cursor:
            return None


class ChannelPacer:
    """At most one post per channel per interval, across every worker (a Redis key per channel)."""

    def __init__(self, redis: Redis, interval_s: float) -> None:
        self.redis = redis
        self.interval_ms = int(interval_s * 1000)

    async def wait(self, channel: str) -> None:
        if self.interval_ms <= 0:
            return
        # the pace key lives in Redis, shared by every worker: there is no local event to wait on
        while not await self.redis.set(keys.pace(channel), "1", px=self.interval_ms, nx=True):  # noqa: ASYNC110
            await asyncio.sleep(PACE_POLL_S)


def metadata(post: AnswerPost, part: int) -> dict[str, Any]:
    return {"event_type": EVENT_TYPE, "event_payload": {"message_key": post.message_key, "part": part}}


class ThreadReplies:
    """An answer's thread as Slack holds it: one conversations.replies per delivery, on first need.

    Whatever a try that died left behind (parts, figures) was posted before this try began, and this try
    posts each part and figure once, after looking for it here: so one read serves every lookup.
    """

    def __init__(self, client: AsyncWebClient, post: AnswerPost) -> None:
        self.client = client
        self.post = post
        self._messages: list[dict[str, Any]] | None = None

    async def _read(self) -> list[dict[str, Any]]:
        if self._messages is None:
            response = await self.client.conversations_replies(
                channel=self.post.channel, ts=self.post.thread_ts, include_all_metadata=True, limit=200
            )
            self._messages = list(response.get("messages", []))
        return self._messages

    async def part(self, part: int) -> str | None:
        """A message of this answer already in the thread (posted by a run that died before recording it)."""
        for message in await self._read():
            payload = (message.get("metadata") or {}).get("event_payload") or {}
            if payload.get("message_key") == self.post.message_key and payload.get("part") == part:
                return str(message["ts"])
        return None

    async def file_names(self) -> set[str]:
        return {str(f.get("name")) for m in await self._read() for f in m.get("files") or ()}

    async def people_before(self, ts: str) -> list[str]:
        """What people (not bots) wrote in the thread before the message at ``ts``, oldest first."""
        return [
            str(m.get("text"))
            for m in await self._read()
            if float(m.get("ts", 0)) < float(ts) and not m.get("bot_id") and str(m.get("text") or "").strip()
        ]


class AnswerPoster:
    def __init__(self, client: AsyncWebClient, store: BotStore, pacer: ChannelPacer) -> None:
        self.client = client
        self.store = store
        self.pacer = pacer

    async def _post(self, channel: str, **arguments: Any) -> str:
        await self.pacer.wait(channel)
        response = await self.client.chat_postMessage(
            channel=channel, unfurl_links=False, unfurl_media=False, link_names=False, **arguments
        )
        return str(response["ts"])

    def replies(self, post: AnswerPost) -> ThreadReplies:
        """The thread of one delivery, read at most once: pass it to every call that delivers this answer."""
        return ThreadReplies(self.client, post)

    async def placeholder(self, question: Question, post: AnswerPost, thread: ThreadReplies) -> str:
        """The message that shows progress and then becomes the answer."""
        ts = post.placeholder_ts or await thread.part(0)
        if ts is None:
            ts = await self._post(
                question.channel,
                thread_ts=question.root_ts,
                text=f"_{STATUS_TEXT['retrieving']}_",
                metadata=metadata(post, 0),
            )
        if ts != post.placeholder_ts:
            await self.store.set_placeholder(post.message_key, ts)
            post.placeholder_ts = ts
        return ts

    async def progress(self, question: Question, post: AnswerPost, event: ProgressEvent) -> None:
        """Best effort: a status that fails to show must not fail the answer."""
        text = STATUS_TEXT[event["stage"]]
        try:
            if question.via in ("dm", "assistant"):
                await self.client.assistant_threads_setStatus(
                    channel_id=question.channel, thread_ts=question.root_ts, status=text
                )
            elif post.placeholder_ts:
                await self.client.chat_update(channel=question.channel, ts=post.placeholder_ts, text=f"_{text}_")
        except SlackApiError as error:
            log.info("status update not shown (%s)", error.response.get("error"))

    async def title(self, question: Question) -> None:
        """An assistant thread is titled by its first question (best effort, like the status)."""
        text = " ".join(question.question_text().split())
        title = text if len(text) <= TITLE_CHARS else text[: TITLE_CHARS - 1].rstrip() + "…"
        try:
            await self.client.assistant_threads_setTitle(
                channel_id=question.channel, thread_ts=question.root_ts, title=title or "Question"
            )
        except SlackApiError as error:
            log.info("thread title not set (%s)", error.response.get("error"))

    async def deliver(self, post: AnswerPost, answer: Answer, answer_id: str, thread: ThreadReplies) -> list[str]:
        """The answer's messages in the thread: the first replaces the placeholder (if any), the rest follow."""
        messages = answer_messages(answer, answer_id)
        if not post.placeholder_ts:
            return await self._post_parts(post, messages, 0, thread)
        first = messages[0]
        await self.client.chat_update(
            channel=post.channel,
            ts=post.placeholder_ts,
            text=first["text"],
            blocks=first["blocks"],
            metadata=metadata(post, 0),
        )
        return [post.placeholder_ts, *await self._post_parts(post, messages[1:], 1, thread)]

    async def _post_parts(
        self, post: AnswerPost, messages: list[dict[str, Any]], first_part: int, thread: ThreadReplies
    ) -> list[str]:
        """Each part once: one found in the thread (posted by a run that died before recording it) is kept."""
        posted = []
        for part, message in enumerate(messages, start=first_part):
            ts = await thread.part(part)
            if ts is None:
                ts = await self._post(
                    post.channel,
                    thread_ts=post.thread_ts,
                    text=message["text"],
                    blocks=message["blocks"],
                    metadata=metadata(post, part),
                )
            posted.append(ts)
        return posted

    async def open_stream(self, question: Question, post: AnswerPost, thread: ThreadReplies) -> LiveTimeline | None:
        """DMs and assistant threads: the answer's message opens as a stream (chat.startStream) showing the
        graph's stages as Slack's task timeline. None where Slack refuses a stream (progress then goes to the
        status line and the answer is posted once), or on a rerun whose message exists (it will be updated).
        """
        if post.placeholder_ts or await self._adopt_part_zero(post, thread):
            await self._close_stream(post.channel, post.placeholder_ts)  # a try that died may have left it open
            return None
        timeline = TaskTimeline()
        try:
            started = await self.client.chat_startStream(
                channel=post.channel,
                thread_ts=post.thread_ts,
                recipient_team_id=question.team,
                recipient_user_id=question.user,
                task_display_mode="timeline",
                chunks=timeline.start(),
            )
        except SlackApiError as error:
            log.info("streaming refused (%s); the answer will be posted once", error.response.get("error"))
            return None
        ts = str(started["ts"])
        await self.store.set_placeholder(post.message_key, ts)
        post.placeholder_ts = ts
        return LiveTimeline(self.client, post.channel, ts, timeline)

    async def finish_stream(
        self, post: AnswerPost, live: LiveTimeline, answer: Answer, answer_id: str, thread: ThreadReplies
    ) -> list[str]:
        """The checked answer streamed in after its timeline, a few blocks at a time, and stopped with the
        buttons and the answer's metadata. Where Slack refuses on the way (a stream lives about five minutes),
        the stream is closed and its message updated to the whole answer instead.

        Only the finished, verified answer is streamed: labbot never shows a draft it has not checked.
        """
        messages = answer_messages(answer, answer_id)
        blocks = messages[0]["blocks"]
        tail = len(feedback_blocks(answer_id, shareable=False))
        body, last = blocks[:-tail], blocks[-tail:]
        groups = [body[i : i + STREAM_BLOCKS] for i in range(0, len(body), STREAM_BLOCKS)]
        try:
            first = [*live.timeline.finish(), *[BlocksChunk(blocks=group) for group in groups[:1]]]
            if first:
                await live.append(first)
            for group in groups[1:]:
                await live.append([BlocksChunk(blocks=group)])
            await self.client.chat_stopStream(channel=post.channel, ts=live.ts, blocks=last, metadata=metadata(post, 0))
        except SlackApiError as error:
            log.info("stream refused midway (%s); updating its message to the answer", error.response.get("error"))
            await self._close_stream(post.channel, live.ts)
            return await self.deliver(post, answer, answer_id, thread)
        return [live.ts, *await self._post_parts(post, messages[1:], 1, thread)]

    async def _close_stream(self, channel: str, ts: str | None) -> None:
        """Stop a stream before its message is updated; one that expired or was stopped is already closed."""
        if ts is not None:
            with contextlib.suppress(SlackApiError):
                await self.client.chat_stopStream(channel=channel, ts=ts)

    async def _adopt_part_zero(self, post: AnswerPost, thread: ThreadReplies) -> bool:
        ts = await thread.part(0)
        if ts is not None:
            await self.store.set_placeholder(post.message_key, ts)
            post.placeholder_ts = ts
        return ts is not None

    async def deliver_privately(self, question: Question, answer: Answer, answer_id: str) -> list[str]:
        """Asker-first channels: the answer as ephemeral messages only the asker sees, with a Share button.

        Slack keeps no record of ephemerals that labbot could search, so a worker killed between
        posting and recording may show the asker the answer twice; nobody else sees either copy.
        """
        posted = []
        for message in answer_messages(answer, answer_id, shareable=True):
            await self.pacer.wait(question.channel)
            response = await self.client.chat_postEphemeral(
                channel=question.channel,
                user=question.user,
                thread_ts=question.root_ts,
                text=message["text"],
                blocks=message["blocks"],
            )
            posted.append(str(response["message_ts"]))
        return posted

    async def upload_figures(self, post: AnswerPost, answer: Answer, thread: ThreadReplies) -> None:
        """Figures go to the thread once: each file name carries the answer's key, checked before uploading."""
        tag = hashlib.sha256(post.message_key.encode()).hexdigest()[:10]
        candidates = [Path(p) for report in answer.code for p in report.figures]
        paths = [
            p for p, present in zip(candidates, await asyncio.to_thread(_exist, candidates), strict=True) if present
        ]
        if not paths:
            return
        existing = await thread.file_names()
        for number, path in enumerate(paths, start=1):
            name = f"labbot-{tag}-figure{number}.png"
            if name in existing:
                continue
            await self.pacer.wait(post.channel)
            await self.client.files_upload_v2(
                channel=post.channel,
                thread_ts=post.thread_ts,
                file=str(path),
                filename=name,
                title=f"Figure {number}",
            )

    async def give_up(self, question: Question, text: str) -> None:
        """Say the answer failed: in the placeholder when there is one, else as a new reply in the thread."""
        post = await self.store.answer_post(question.message_key)
        if post is not None and post.placeholder_ts:
            await self.client.chat_update(channel=question.channel, ts=post.placeholder_ts, text=escape(text))
        else:
            await self._post(question.channel, thread_ts=question.root_ts, text=escape(text))
