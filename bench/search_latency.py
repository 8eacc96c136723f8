"""Search latency at 1k, 10k and 100k chunks, beside a plain NumPy exact scan of the same matrix.

Synthetic data: random unit vectors (384 dims, like MiniLM) and random-word passages, written
through the real catalog, so every path below is the one `labbot search` takes. Each query
vector is a fresh random unit vector; the NumPy scan (matrix @ q, then argpartition) is the
memory-bandwidth bound for an exact search and is timed in the same run.

    .venv/bin/python bench/search_latency.py [--sizes 1000 10000 100000] [--queries 200]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.table import Table

from tools.papers import Chunk, Paper
from tools.search import NO_FILTERS, EmbeddedPaper, Filters
from tools.search.sqlite import SqliteIndex
from tools.settings import SearchSettings

DIM = 384
CHUNKS_PER_PAPER = 5
VOCABULARY_SIZE = 20000


class Words:
    """Pseudo-words drawn from a Zipf law, as word frequencies in real text are (a few common, most rare)."""

    def __init__(self, rng: np.random.Generator) -> None:
        self.rng = rng
        self.vocabulary = np.array([f"w{i}" for i in range(VOCABULARY_SIZE)])
        weights = 1.0 / np.arange(1, VOCABULARY_SIZE + 1)
        self.p = weights / weights.sum()

    def text(self, n: int) -> str:
        return " ".join(self.rng.choice(self.vocabulary, n, p=self.p))


def unit_rows(rng: np.random.Generator, n: int) -> np.ndarray:
    rows = rng.standard_normal((n, DIM), dtype=np.float32)
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    return rows


def build(directory: Path, chunks: int, rng: np.random.Generator) -> tuple[SqliteIndex, np.ndarray]:
    index = SqliteIndex(directory, SearchSettings())
    vectors = unit_rows(rng, chunks)
    words = Words(rng)
    batch: list[EmbeddedPaper] = []
    for p in range(chunks // CHUNKS_PER_PAPER):
        paper = Paper(id=f"bench:{p}", title=f"Synthetic paper {p}", year=1950 + p % 75)
        rows = slice(p * CHUNKS_PER_PAPER, (p + 1) * CHUNKS_PER_PAPER)
        texts = [words.text(150) for _ in range(CHUNKS_PER_PAPER)]
        parts = [Chunk(paper_id=paper.id, position=i, section="Text", text=t) for i, t in enumerate(texts)]
        batch.append(EmbeddedPaper(paper, paper.content_hash(), parts, vectors[rows]))
        if len(batch) == 2000:
            index.catalog.write(batch, "bench:random")
            batch = []
    if batch:
        index.catalog.write(batch, "bench:random")
    return index, vectors


def percentiles(samples: list[float]) -> tuple[float, float]:
    ms = np.array(samples) * 1000
    return float(np.percentile(ms, 50)), float(np.percentile(ms, 95))


def timed(call: Callable[[np.ndarray], object], queries: np.ndarray) -> list[float]:
    call(queries[0])  # warm caches and lazy loads outside the measurement
    samples = []
    for query in queries:
        start = time.perf_counter()
        call(query)
        samples.append(time.perf_counter() - start)
    return samples


def run(size: int, n_queries: int, table: Table) -> None:
    rng = np.random.default_rng(size)
    with tempfile.TemporaryDirectory() as tmp:
        index, matrix = build(Path(tmp), size, rng)
        queries = unit_rows(rng, n_queries)
        words = [Words(rng).text(8) for _ in range(n_queries)]
        dense = index.current_matrix()
        assert dense.ids.size == size

        def numpy_scan(q: np.ndarray) -> np.ndarray:
            scores = matrix @ q
            return np.argpartition(-scores, 50)[:50]

        def labbot_scan(q: np.ndarray) -> object:
            return dense.top(q, 50, None)

        loop = asyncio.new_event_loop()
        word_iter = itertools.cycle(words)

        def full(mode: str, filters: Filters = NO_FILTERS) -> Callable[[np.ndarray], object]:
            return lambda q: loop.run_until_complete(index.search(next(word_iter), q, 5, filters, mode))  # type: ignore[arg-type]

        bound = percentiles(timed(numpy_scan, queries))
        rows = [
            ("NumPy exact scan (bound)", bound),
            ("exact dense scan, top 50", percentiles(timed(labbot_scan, queries))),
            ("labbot search --mode dense", percentiles(timed(full("dense"), queries))),
            ("labbot search --mode bm25", percentiles(timed(full("bm25"), queries))),
        ]
        rows.append(("labbot search (hybrid)", percentiles(timed(full("hybrid"), queries))))
        rows.append(("hybrid, filtered to 1990-1999", percentiles(timed(full("hybrid", Filters(1990, 1999)), queries))))
        for name, (p50, p95) in rows:
            table.add_row(f"{size:,}", name, f"{p50:.2f}", f"{p95:.2f}", f"{p50 / bound[0]:.2f}×")
        table.add_section()
        loop.run_until_complete(index.close())
        loop.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    table = Table(title=f"Search latency, {args.queries} queries, dim {DIM}, top-5 papers (ms)", title_justify="left")
    for column in ("chunks", "path", "p50", "p95", "p50 ÷ NumPy p50"):
        table.add_column(column, justify="right" if column != "path" else "left")
    for size in args.sizes:
        run(size, args.queries, table)
    Console().print(table)


if __name__ == "__main__":
    main()
