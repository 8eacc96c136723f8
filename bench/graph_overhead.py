"""Where an answer's time goes, and the graph's own overhead, with the embedded model.

Runs a warm-up question (cold start: loading the embedder and SmolLM2, shown on its own row), then
each question below in a fresh thread with the SQLite checkpointer (durability "sync"). The
issue's definition of overhead is all time outside model calls and code execution; the last
column narrows it to LangGraph itself (scheduling, streaming and checkpoint writes: wall time
minus the time spent inside nodes).

    .venv/bin/python bench/graph_overhead.py [--repeat 2]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from graph.builder import build_graph
from graph.checkpoint import open_checkpointer
from graph.context import Context
from graph.run import answer_question
from graph.schemas import Answer
from tools.cli import starter_library_path
from tools.ingest import ingest
from tools.readers import read_papers
from tools.services import build_services
from tools.settings import Settings

QUESTIONS = [
    "When should I use a Cox model rather than a log-rank test?",
    "How do I control the false discovery rate across many tests?",
    "What assumptions does multiple imputation make about missing data?",
    "t-test please: control 5.1 4.8 6.0 5.5 5.2 4.9, treated 6.2 6.9 7.1 6.4 6.6 7.0",
    "Is the proportion different? 2x2 table: exposed 12 cases 38 controls, unexposed 5 cases 45 controls",
    "Adjust these p-values with Benjamini-Hochberg: 0.001, 0.012, 0.03, 0.04, 0.2, 0.5",
]


class TimedEmbedder:
    """The library's embedder, with the seconds spent inside it counted (the embedder is a model too)."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.seconds = inner, 0.0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    async def embed(self, texts: Sequence[str]) -> Any:
        started = time.perf_counter()
        try:
            return await self.inner.embed(texts)
        finally:
            self.seconds += time.perf_counter() - started


COLUMNS = (
    "wall",
    "chat model",
    "embedding model",
    "code",
    "retrieval",
    "verification",
    "outside models+code",
    "langgraph",
)


def breakdown(answer: Answer, wall: float, embedding: float) -> dict[str, float]:
    timings = answer.timings
    model = answer.usage["model_seconds"]
    code = timings.get("execute", 0.0)
    inside_nodes = sum(timings.values())
    return {
        "wall": wall,
        "chat model": model,
        "embedding model": embedding,
        "code": code,
        "retrieval": timings.get("retrieve", 0.0),
        "verification": timings.get("verify", 0.0),
        "outside models+code": wall - model - embedding - code,
        "langgraph": wall - inside_nodes,
    }


async def measure(repeat: int, data_dir: Path) -> Table:
    settings = Settings(data_dir=data_dir)
    services = build_services(settings)
    await ingest(services.library, list(read_papers(starter_library_path(), "jsonl")))
    timed = TimedEmbedder(services.library.embedder)
    services.library.embedder = timed
    context = Context.from_services(services)
    rows: list[tuple[str, dict[str, float]]] = []
    async with open_checkpointer(settings) as saver:
        graph = build_graph(saver)
        for round_ in range(repeat + 1):
            for number, question in enumerate(QUESTIONS if round_ else QUESTIONS[:1]):
                started, embedded = time.perf_counter(), timed.seconds
                answer = await answer_question(graph, context, question, f"bench-{round_}-{number}")
                wall = time.perf_counter() - started
                label = "cold start (first question)" if round_ == 0 else question[:48]
                rows.append((label, breakdown(answer, wall, timed.seconds - embedded)))
    await services.aclose()
    return _table(rows)


def _table(rows: list[tuple[str, dict[str, float]]]) -> Table:
    table = Table(title="Answer time breakdown, embedded model (seconds)", title_justify="left")
    columns = list(COLUMNS)
    table.add_column("question")
    for column in columns:
        table.add_column(column, justify="right")
    table.add_column("langgraph share", justify="right")
    for label, row in rows:
        table.add_row(label, *(f"{row[c]:.2f}" for c in columns), f"{row['langgraph'] / row['wall']:.1%}")
    warm = [row for label, row in rows if not label.startswith("cold")]
    median = {c: statistics.median(r[c] for r in warm) for c in columns}
    table.add_section()
    table.add_row(
        "median (warm)",
        *(f"{median[c]:.2f}" for c in columns),
        f"{statistics.median(r['langgraph'] / r['wall'] for r in warm):.1%}",
    )
    share = statistics.median(r["outside models+code"] / r["wall"] for r in warm)
    chat_only = statistics.median((r["outside models+code"] + r["embedding model"]) / r["wall"] for r in warm)
    table.caption = (
        f"median share outside model calls (chat and embedding) and code execution: {share:.1%}; "
        f"counting the embedding model as overhead: {chat_only:.1%}"
    )
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        Console().print(asyncio.run(measure(args.repeat, Path(tmp))))


if __name__ == "__main__":
    main()
