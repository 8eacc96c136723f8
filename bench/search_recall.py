"""Retrieval quality on PubMedQA: recall@1/5/10 of the gold PMID for BM25, dense and hybrid search.

Ingests the 500 abstracts into a temporary library (contexts only, never questions or answers),
then asks the 500 questions with each mode.

    .venv/bin/python bench/search_recall.py
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from pathlib import Path

from _common import PUBMEDQA, load_pubmedqa, recall_at
from rich.console import Console
from rich.table import Table

from tools.ingest import ingest
from tools.readers import read_papers
from tools.search import SearchMode
from tools.services import build_services
from tools.settings import Settings

MODES: list[SearchMode] = ["bm25", "dense", "hybrid"]
KS = (1, 5, 10)


async def measure(data_dir: Path) -> Table:
    data = load_pubmedqa()
    services = build_services(Settings(data_dir=data_dir))
    library = services.library
    started = time.perf_counter()
    report = await ingest(library, list(read_papers(PUBMEDQA, "pubmedqa")))
    ingest_s = time.perf_counter() - started
    questions = [str(record["QUESTION"]) for record in data.values()]
    gold = [f"PMID:{pmid}" for pmid in data]
    table = Table(
        title=f"PubMedQA retrieval, {len(questions)} questions over {report.added} abstracts "
        f"({report.chunks} chunks, ingested in {ingest_s:.0f} s)",
        title_justify="left",
    )
    table.add_column("mode")
    for k in KS:
        table.add_column(f"recall@{k}", justify="right")
    table.add_column("ms/query", justify="right")
    for mode in MODES:
        started = time.perf_counter()
        results = await library.search_many(questions, k=max(KS), mode=mode)
        per_query = (time.perf_counter() - started) / len(questions) * 1000
        cells = [f"{recall_at(k, gold, results):.3f}" for k in KS]
        table.add_row(mode, *cells, f"{per_query:.1f}")
    await services.aclose()
    return table


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        Console().print(asyncio.run(measure(Path(tmp))))


if __name__ == "__main__":
    main()
