"""The graph's stages as Slack's task timeline: three tasks (retrieve, analyse, check) moved by progress events.

`TaskTimeline` is pure: each call returns the `task_update` chunks that bring Slack's timeline to the new
state. The graph reports finer stages than a reader needs; each maps to the task it is part of. A task is
complete once a later one starts, and the timeline only moves forward (a revision that searches again stays
under "check"). `LiveTimeline` sends them into an answer's stream, in order, and best effort.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence

from slack_sdk.errors import SlackApiError
from slack_sdk.models.messages.chunk import Chunk, TaskUpdateChunk
from slack_sdk.web.async_client import AsyncWebClient

from graph.events import STATUS_TEXT, ProgressEvent, Stage

log = logging.getLogger("labbot.bot")
TASKS: tuple[tuple[str, str], ...] = (
    ("retrieve", "Search the library"),
    ("analyse", "Analyse and draft"),
    ("check", "Check the citations"),
)
TASK_OF_STAGE: dict[Stage, int] = {
    "retrieving": 0,
    "planning code": 1,
    "drafting": 1,
    "running code": 1,
    "checking citations": 2,
    "revising": 2,
    "finishing": 2,
}


class TaskTimeline:
    def __init__(self) -> None:
        self.current = 0  # the task in progress; before the first event that is "retrieve"
        self.done = False

    def _chunk(self, index: int, status: str, details: str | None = None) -> TaskUpdateChunk:
        task_id, title = TASKS[index]
        return TaskUpdateChunk(id=task_id, title=title, status=status, details=details)

    def start(self) -> list[TaskUpdateChunk]:
        """Every task, the first in progress: the reader sees the whole plan from the start."""
        return [self._chunk(0, "in_progress")] + [self._chunk(i, "pending") for i in range(1, len(TASKS))]

    def advance(self, event: ProgressEvent) -> list[TaskUpdateChunk]:
        index = TASK_OF_STAGE[event["stage"]]
        if self.done or index < self.current:
            return []
        details = STATUS_TEXT[event["stage"]]
        finished = [self._chunk(i, "complete") for i in range(self.current, index)]
        self.current = index
        return [*finished, self._chunk(index, "in_progress", details)]

    def finish(self, status: str = "complete") -> list[TaskUpdateChunk]:
        """The answer is ready ("complete") or failed ("error" on the task that was running)."""
        if self.done:
            return []
        self.done = True
        if status == "error":
            return [self._chunk(self.current, "error")]
        return [self._chunk(i, "complete") for i in range(self.current, len(TASKS))]


class LiveTimeline:
    """The task timeline of one streamed answer (its message is `ts` in `channel`)."""

    def __init__(self, client: AsyncWebClient, channel: str, ts: str, timeline: TaskTimeline) -> None:
        self.client, self.channel, self.ts, self.timeline = client, channel, ts, timeline
        self.showing = True
        self._order = asyncio.Lock()  # updates run as tasks; the lock keeps them in the order of the events

    async def progress(self, event: ProgressEvent) -> None:
        """Best effort, like the status line: an update Slack refuses ends the timeline, never the answer."""
        async with self._order:
            chunks = self.timeline.advance(event)
            if not chunks or not self.showing:
                return
            try:
                await self.append(chunks)
            except SlackApiError as error:
                log.info("task update not shown (%s); the answer still comes", error.response.get("error"))
                self.showing = False

    async def fail(self) -> None:
        """This try failed: the running task shows the error (a retry updates the message to its answer)."""
        async with self._order:
            if self.showing:
                with contextlib.suppress(SlackApiError):
                    await self.append(self.timeline.finish("error"))

    async def append(self, chunks: Sequence[Chunk]) -> None:
        await self.client.chat_appendStream(channel=self.channel, ts=self.ts, chunks=list(chunks))
