"""Code tasks: a request with inline data, and the numbers a correct analysis prints.

A task is *runnable* when the answer shipped code and every block of it ran, and *correct* when
every expected number appears, within the task's relative tolerance, among the numbers the code
printed.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field

from analysis.numbers import missing_expected
from analysis.tasks import CodeTask
from graph.schemas import Answer


@dataclass(frozen=True, slots=True)
class CodeOutcome:
    task: str
    runnable: bool
    correct: bool
    recipes: tuple[str, ...]
    missing: dict[str, float] = field(default_factory=dict)
    error: str | None = None
    seconds: float = 0.0


def score(task: CodeTask, answer: Answer) -> CodeOutcome:
    shipped = answer.code
    runnable = bool(shipped) and all(block.status == "ran" for block in shipped)
    printed = "\n".join(block.stdout for block in shipped if block.status == "ran")
    missing = missing_expected(task.expected, printed, task.rel_tol)
    errors = [block.error for block in shipped if block.error]
    return CodeOutcome(
        task=task.id,
        runnable=runnable,
        correct=runnable and not missing,
        recipes=tuple(block.recipe or "model-written" for block in shipped),
        missing=missing,
        error=errors[0] if errors else (None if shipped else "no code in the answer"),
        seconds=sum(answer.timings.values()),
    )


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
