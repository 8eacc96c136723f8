"""The graph's stages as Slack's task timeline: three tasks that only move forward and all end complete."""

from __future__ import annotations

from slack_sdk.models.messages.chunk import TaskUpdateChunk

from bot.timeline import TaskTimeline
from graph.events import ProgressEvent, Stage


def event(stage: Stage) -> ProgressEvent:
    return ProgressEvent(kind="progress", stage=stage, detail="")


def states(chunks: list[TaskUpdateChunk]) -> list[tuple[str, str]]:
    return [(chunk.id, chunk.status) for chunk in chunks]


def test_stages_move_the_three_tasks_forward_and_the_answer_completes_them() -> None:
    timeline = TaskTimeline()
    assert states(timeline.start()) == [("retrieve", "in_progress"), ("analyse", "pending"), ("check", "pending")]
    assert states(timeline.advance(event("retrieving"))) == [("retrieve", "in_progress")]
    assert states(timeline.advance(event("planning code"))) == [("retrieve", "complete"), ("analyse", "in_progress")]
    assert timeline.advance(event("running code"))[0].details == "running code…"
    assert states(timeline.advance(event("checking citations"))) == [("analyse", "complete"), ("check", "in_progress")]
    assert timeline.advance(event("retrieving")) == [], "a revision's new search stays under the check"
    assert states(timeline.finish()) == [("check", "complete")]
    assert timeline.finish() == [] and timeline.advance(event("finishing")) == []


def test_a_skipped_task_is_completed_and_a_failure_marks_the_running_task() -> None:
    timeline = TaskTimeline()
    assert states(timeline.advance(event("checking citations"))) == [
        ("retrieve", "complete"),
        ("analyse", "complete"),
        ("check", "in_progress"),
    ]
    failed = TaskTimeline()
    failed.advance(event("drafting"))
    assert states(failed.finish("error")) == [("analyse", "error")]
    assert [c.to_dict()["type"] for c in TaskTimeline().start()] == ["task_update"] * 3
