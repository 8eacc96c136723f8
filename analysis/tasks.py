"""Code tasks: a request with data and the numbers a right analysis prints (JSON Lines).

Shared by the evaluation (is the analysis right?) and training (examples of the right analysis).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class CodeTask:
    id: str
    prompt: str
    expected: dict[str, float]
    rel_tol: float


def load_code_tasks(path: Path) -> list[CodeTask]:
    tasks = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            tasks.append(
                CodeTask(
                    id=str(record["id"]),
                    prompt=str(record["prompt"]),
                    expected={str(k): float(v) for k, v in record["expected"].items()},
                    rel_tol=float(record.get("rel_tol", 0.01)),
                )
            )
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
            raise ValueError(f"{path}:{number}: not a code task ({error})") from error
    return tasks
