"""Ingest throughput (chunks/s, end to end) beside the embedder's own rate on the same passages.

The embedder dominates ingest on a CPU, so the ratio shows what reading, chunking and the SQLite
writes add on top. Both are measured in the same run, on the same texts.

    .venv/bin/python bench/ingest_throughput.py [--source pubmedqa|starter]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from _common import PUBMEDQA
from rich.console import Console
from rich.table import Table

from tools.chunking import chunk_paper
from tools.cli import starter_library_path
from tools.embeddings.minilm import MiniLMEmbedder
from tools.ingest import embedding_text, ingest
from tools.library import Library
from tools.papers import Paper
from tools.readers import read_papers
from tools.search.sqlite import SqliteIndex
from tools.settings import SearchSettings


async def measure(source: Path, data_dir: Path) -> Table:
    settings = SearchSettings()
    embedder = MiniLMEmbedder()
    embedder.model()  # loading is start-up, not throughput
    papers = [p for p in read_papers(source, "auto") if isinstance(p, Paper)]
    texts = [
        embedding_text(p, c) for p in papers for c in chunk_paper(p, settings.chunk_max_chars, settings.chunk_min_chars)
    ]

    started = time.perf_counter()
    await embedder.embed(texts)
    embed_s = time.perf_counter() - started

    library = Library(SqliteIndex(data_dir, settings), embedder, settings)
    started = time.perf_counter()
    report = await ingest(library, papers)
    ingest_s = time.perf_counter() - started
    started = time.perf_counter()
    again = await ingest(library, papers)
    reingest_s = time.perf_counter() - started
    await library.close()
    assert again.unchanged == len(papers)

    table = Table(title=f"Ingest of {len(papers)} papers from {source.name}", title_justify="left")
    for column in ("what", "passages", "seconds", "passages/s", "vs embedder"):
        table.add_column(column, justify="left" if column == "what" else "right")
    embed_rate = len(texts) / embed_s
    table.add_row("embedder alone (MiniLM, batch 64)", str(len(texts)), f"{embed_s:.1f}", f"{embed_rate:.1f}", "1.00×")
    rate = report.chunks / ingest_s
    table.add_row(
        "labbot ingest (read, chunk, embed, write)",
        str(report.chunks),
        f"{ingest_s:.1f}",
        f"{rate:.1f}",
        f"{rate / embed_rate:.2f}×",
    )
    table.add_row("re-ingest, nothing changed", "0", f"{reingest_s:.2f}", "—", "—")
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", choices=["pubmedqa", "starter"], default="pubmedqa")
    args = parser.parse_args()
    source = PUBMEDQA if args.source == "pubmedqa" else starter_library_path()
    with tempfile.TemporaryDirectory() as tmp:
        Console().print(asyncio.run(measure(source, Path(tmp))))


if __name__ == "__main__":
    main()
