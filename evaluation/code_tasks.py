"""Code tasks scored three ways: correct, honestly declined, or confidently wrong.

An *answer* task is **correct** when the analysis ran and every expected number appears, within the
task's relative tolerance, among the numbers its code printed; **declined** when the answer said it
could not run the analysis and why (honest, but a miss); **wrong** otherwise — code that ran and
printed other numbers, or no analysis and no word about the data (confidently wrong). A *decline*
task is correct only when declined, and the reason should name what is missing (``reason_ok``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from analysis.numbers import missing_expected
from analysis.tasks import CodeTask, Expect
from graph.schemas import Answer

Outcome = Literal["correct", "declined", "wrong"]


@dataclass(frozen=True, slots=True)
class CodeOutcome:
    task: str
    runnable: bool
    correct: bool
    recipes: tuple[str, ...]
    missing: dict[str, float] = field(default_factory=dict)
    error: str | None = None
    seconds: float = 0.0
    expect: Expect = "answer"
    outcome: Outcome = "wrong"
    status: str = "none"  # the answer's analysis status: ran, declined or none
    reason: str = ""
    reason_ok: bool = False  # a decline whose reason names what is missing


@dataclass(frozen=True, slots=True)
class Ran:
    """What an answer did with a task: its analysis status and reason, and each code block's result."""

    status: str
    reason: str
    recipes: tuple[str, ...]
    outputs: tuple[str, ...]  # stdout of each block
    ran: tuple[bool, ...]  # whether each block ran
    errors: tuple[str, ...] = ()


def score(task: CodeTask, answer: Answer) -> CodeOutcome:
    ran = Ran(
        status=answer.analysis.status,
        reason=answer.analysis.reason,
        recipes=tuple(block.recipe or "model-written" for block in answer.code),
        outputs=tuple(block.stdout for block in answer.code),
        ran=tuple(block.status == "ran" for block in answer.code),
        errors=tuple(block.error for block in answer.code if block.error),
    )
    return score_ran(task, ran, seconds=sum(answer.timings.values()))


def score_ran(task: CodeTask, ran: Ran, seconds: float = 0.0) -> CodeOutcome:
    runnable = bool(ran.ran) and all(ran.ran)
    printed = "\n".join(out for out, ok in zip(ran.outputs, ran.ran, strict=True) if ok)
    missing = missing_expected(task.expected, printed, task.rel_tol)
    correct_numbers = runnable and not missing
    return CodeOutcome(
        task=task.id,
        runnable=runnable,
        correct=correct_numbers if task.expect == "answer" else ran.status == "declined",
        recipes=ran.recipes,
        missing=missing,
        error=ran.errors[0] if ran.errors else (None if ran.outputs else "no code in the answer"),
        seconds=seconds,
        expect=task.expect,
        outcome=_outcome(task.expect, ran.status, correct_numbers),
        status=ran.status,
        reason=ran.reason,
        reason_ok=ran.status == "declined" and _names_what_is_missing(ran.reason, task.reason_mentions),
    )


def _outcome(expect: Expect, status: str, correct_numbers: bool) -> Outcome:
    if status == "declined":
        return "correct" if expect == "decline" else "declined"
    if expect == "answer" and status == "ran" and correct_numbers:
        return "correct"
    return "wrong"


def _names_what_is_missing(reason: str, mentions: Sequence[str]) -> bool:
    lowered = reason.lower()
    return not mentions or any(mention in lowered for mention in mentions)


@dataclass(frozen=True, slots=True)
class SetFigures:
    """The three outcomes on one set: for answerable tasks and for tasks that must be declined."""

    answerable: int
    correct: int
    declined: int
    wrong: int
    must_decline: int
    declined_with_reason: int
    declined_vaguely: int
    not_declined: int

    @classmethod
    def of(cls, outcomes: Sequence[CodeOutcome]) -> SetFigures:
        answer = [o for o in outcomes if o.expect == "answer"]
        decline = [o for o in outcomes if o.expect == "decline"]
        return cls(
            answerable=len(answer),
            correct=sum(o.outcome == "correct" for o in answer),
            declined=sum(o.outcome == "declined" for o in answer),
            wrong=sum(o.outcome == "wrong" for o in answer),
            must_decline=len(decline),
            declined_with_reason=sum(o.outcome == "correct" and o.reason_ok for o in decline),
            declined_vaguely=sum(o.outcome == "correct" and not o.reason_ok for o in decline),
            not_declined=sum(o.outcome == "wrong" for o in decline),
        )

    @property
    def confidently_wrong(self) -> int:
        return self.wrong + self.not_declined


async def run_code_tasks(
    tasks: Iterable[CodeTask],
    ask: Callable[[str, str], Awaitable[Answer]],
    on_done: Callable[[CodeOutcome], None] | None = None,
) -> list[CodeOutcome]:
    """Ask each task in its own thread (``ask(prompt, thread_id)``) and score the answer."""
    outcomes = []
    for task in tasks:
        outcome = score(task, await ask(task.prompt, f"code-task-{task.id}"))
        outcomes.append(outcome)
        if on_done is not None:
            on_done(outcome)
    return outcomes
