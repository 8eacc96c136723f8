"""Run the draft's code, cell by cell, in one sandbox opened for this answer alone."""

from __future__ import annotations

import asyncio
import time
import uuid
from pathlib import Path
from typing import Any

from langgraph.runtime import Runtime

from graph.context import Context
from graph.events import emit
from graph.schemas import CodeRun
from graph.state import AnswerState
from tools.sandbox.figures import prune as prune_figures
from tools.sandbox.protocol import ExecError, ExecResult, SandboxUnavailableError


def _save_figures(directory: Path | None, figures: list[bytes], block: int) -> list[str]:
    if directory is None or not figures:
        return []
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for number, png in enumerate(figures, start=1):
        path = directory / f"code{block + 1}-figure{number}.png"
        path.write_bytes(png)
        paths.append(str(path))
    return paths


def to_run(block: int, result: ExecResult, figures: list[str]) -> CodeRun:
    error = f"{result.error.name}: {result.error.value}" if result.error else None
    return CodeRun(
        block=block,
        stdout=result.stdout,
        stderr=result.stderr,
        error=error,
        traceback=result.error.traceback if result.error else "",
        figures=figures,
        duration_s=round(result.duration_s, 3),
    )


async def execute(state: AnswerState, runtime: Runtime[Context]) -> dict[str, Any]:
    draft = state.get("draft")
    if draft is None or not draft.code:
        return {"runs": []}
    started = time.perf_counter()
    emit(runtime, "running code", f"{len(draft.code)} cell(s)")
    context = runtime.context
    figures_dir = None
    if context.figures_dir is not None:  # one directory per answer, deleted with its retention
        await asyncio.to_thread(prune_figures, context.figures_dir, context.figure_retention_s)
        figures_dir = context.figures_dir / uuid.uuid4().hex[:12]
    runs = []
    try:
        async with await context.services.sandboxes.open() as sandbox:
            for index, block in enumerate(draft.code):
                result = await sandbox.run(block.source)
                paths = await asyncio.to_thread(_save_figures, figures_dir, result.figures, index)
                runs.append(to_run(index, result, paths))
    except SandboxUnavailableError as error:
        # the code did not run at all: every block not yet run is reported with why
        unavailable = ExecResult(error=ExecError("SandboxUnavailableError", str(error)))
        runs += [to_run(index, unavailable, []) for index in range(len(runs), len(draft.code))]
    return {"runs": runs, "timings": {"execute": time.perf_counter() - started}}
