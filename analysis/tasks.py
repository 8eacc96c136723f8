"""Code tasks: a request with data and what a right answer does (JSON Lines).

An ``answer`` task lists the numbers a right analysis prints; a ``decline`` task is a request that
must be declined (an analysis no recipe computes, data that cannot support the named test,
contradictory totals), with words any good reason names (``reason_mentions``). Shared by the
evaluation (is the analysis right?) and training (examples of the right analysis).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Expect = Literal["answer", "decline"]


@dataclass(frozen=True, slots=True)
class CodeTask:
    id: str
    prompt: str
    expected: dict[str, float]
    rel_tol: float
    expect: Expect = "answer"
    reason_mentions: tuple[str, ...] = ()
    analysis: str = ""  # the analysis the request names, for reports
    form: str = ""  # how the data are written, for reports


def load_code_tasks(path: Path) -> list[CodeTask]:
    tasks = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            tasks.append(_task(json.loads(line)))
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
            raise ValueError(f"{path}:{number}: not a code task ({error})") from error
    return tasks


def _task(record: dict[str, object]) -> CodeTask:
    expect = str(record.get("expect", "answer"))
    if expect not in ("answer", "decline"):
        raise ValueError(f"expect must be answer or decline, not {expect!r}")
    expected = record.get("expected", {}) if expect == "decline" else record["expected"]
    if not isinstance(expected, dict) or (expect == "answer" and not expected):
        raise ValueError("an answer task needs its expected numbers")
    mentions = record.get("reason_mentions", [])
    return CodeTask(
        id=str(record["id"]),
        prompt=str(record["prompt"]),
        expected={str(k): float(v) for k, v in expected.items()},
        rel_tol=float(str(record.get("rel_tol", 0.01))),
        expect="decline" if expect == "decline" else "answer",
        reason_mentions=tuple(str(m).lower() for m in mentions) if isinstance(mentions, list) else (),
        analysis=str(record.get("analysis", "")),
        form=str(record.get("form", "")),
    )
