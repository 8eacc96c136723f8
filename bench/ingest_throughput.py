"""Embedder and ingest throughput per number format, against the machine's FLOP bound, with retrieval for each.

For fp32 and for the path labbot chooses here (bf16 where the CPU has native bf16), on the same
passages in the same run: the embedder alone (one call over every passage), `labbot ingest` (read,
chunk, embed, write, pipelined) into a fresh index, and PubMedQA recall@5 of the gold PMID through
that index (dense and hybrid). A last row searches the fp32 index with bf16 query vectors: the
formats share one space, so an index built before the switch stays valid.

The bound. MiniLM-L6 is 6 layers of width d = 384 (FFN 1536). Per token a layer multiplies by
12·d² weights (Q, K, V, output: 4·d²; FFN: 8·d²), 2 FLOPs per multiply-add, so 2 · 10.6 M
encoder parameters · tokens; attention adds 4·n·d per token per layer (QKᵀ and AV over a passage of
n tokens). The embedding tables are lookups and the layer norms, softmax and GELU are ignored
(they add a few percent). Summed over the passages' real token counts (no padding) this gives the
work; divided by the peak rate of a large matmul in the same format, measured here through torch
(2048³, best of 5), it gives the passages/s no implementation of this model could beat on this CPU.

    .venv/bin/python bench/ingest_throughput.py [--source pubmedqa|starter] [--rounds 2]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import torch
from _common import PUBMEDQA, load_pubmedqa, recall_at
from rich.console import Console
from rich.table import Table

from tools.chunking import chunk_paper
from tools.cli import starter_library_path
from tools.embeddings.minilm import MiniLMEmbedder
from tools.embeddings.precision import Precision, choose_precision
from tools.ingest import embedding_text, ingest
from tools.library import Library
from tools.papers import Paper
from tools.readers import read_papers
from tools.search.sqlite import SqliteIndex
from tools.settings import SearchSettings

LAYERS, WIDTH = 6, 384
LAYER_PARAMS = 12 * WIDTH * WIDTH
DTYPES = {"fp32": torch.float32, "bf16": torch.bfloat16}


def passage_flops(tokens: int) -> float:
    return LAYERS * (2 * LAYER_PARAMS * tokens + 4 * tokens * tokens * WIDTH)


def peak_matmul_flops(precision: Precision, size: int = 2048, repeat: int = 5) -> float:
    a = torch.randn(size, size).to(DTYPES[precision])
    b = torch.randn(size, size).to(DTYPES[precision])
    torch.matmul(a, b)  # oneDNN picks and caches its kernel on the first call
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        torch.matmul(a, b)
        best = min(best, time.perf_counter() - started)
    return 2 * size**3 / best


@dataclass
class PathResult:
    embedder: MiniLMEmbedder
    bound_rate: float
    peak: float
    embed_rate: float = 0.0
    ingest_rate: float = 0.0
    library: Library | None = None
    reingest_s: float = 0.0

    @property
    def last_library(self) -> Library:
        """The library the last round ingested into."""
        assert self.library is not None, "measure a round first"
        return self.library


async def prepare_path(precision: Precision, texts: list[str]) -> PathResult:
    embedder = MiniLMEmbedder(precision=precision)
    model = embedder.model()  # loading is start-up, not throughput
    await embedder.embed(texts[:64])  # nor is oneDNN's first-call kernel selection
    limit = model.max_seq_length or 512  # longer passages are cut there, so the model never sees more
    tokens = [len(ids) for ids in model.tokenizer(texts, truncation=True, max_length=limit)["input_ids"]]
    peak = peak_matmul_flops(precision)
    return PathResult(embedder, len(texts) / (sum(passage_flops(n) for n in tokens) / peak), peak)


async def measure_round(result: PathResult, texts: list[str], papers: list[Paper], data_dir: Path) -> None:
    """One embedder pass and one ingest into a fresh index; the path keeps its best of each."""
    started = time.perf_counter()
    await result.embedder.embed(texts)
    result.embed_rate = max(result.embed_rate, len(texts) / (time.perf_counter() - started))
    settings = SearchSettings()
    library = Library(SqliteIndex(Path(tempfile.mkdtemp(dir=data_dir)), settings), result.embedder, settings)
    started = time.perf_counter()
    report = await ingest(library, papers)
    result.ingest_rate = max(result.ingest_rate, report.chunks / (time.perf_counter() - started))
    started = time.perf_counter()
    again = await ingest(library, papers)
    result.reingest_s = time.perf_counter() - started
    assert again.unchanged == len(papers)
    if result.library is not None:
        await result.library.close()
    result.library = library


async def recall5(library: Library, mode: str, source: Path) -> str:
    if source != PUBMEDQA:
        return "—"
    data = load_pubmedqa()
    questions = [str(record["QUESTION"]) for record in data.values()]
    results = await library.search_many(questions, k=5, mode=mode)  # type: ignore[arg-type]
    return f"{recall_at(5, [f'PMID:{pmid}' for pmid in data], results):.3f}"


async def measure(source: Path, data_dir: Path, rounds: int) -> Table:
    settings = SearchSettings()
    papers = [p for p in read_papers(source, "auto") if isinstance(p, Paper)]
    texts = [
        embedding_text(p, c) for p in papers for c in chunk_paper(p, settings.chunk_max_chars, settings.chunk_min_chars)
    ]
    chosen = choose_precision("auto")
    paths: list[Precision] = ["fp32"] if chosen.precision == "fp32" else ["fp32", chosen.precision]
    results = {precision: await prepare_path(precision, texts) for precision in paths}
    for _ in range(rounds):  # the paths take turns, so load from other processes falls on each alike
        for result in results.values():
            await measure_round(result, texts, papers, data_dir)
    table = Table(
        title=f"Embedding and ingest of {len(papers)} papers ({len(texts)} passages) from {source.name}, "
        f"best of {rounds} alternating rounds; labbot chooses {chosen.precision} ({chosen.reason})",
        title_justify="left",
    )
    columns = ["path", "embedder p/s", "vs fp32", "FLOP bound p/s", "of bound", "ingest p/s", "ingest/embedder"]
    for column in [*columns, "recall@5 dense", "recall@5 hybrid"]:
        table.add_column(column, justify="left" if column == "path" else "right")
    base = results["fp32"].embed_rate
    for precision, result in results.items():
        table.add_row(
            f"{precision}{' (chosen)' if precision == chosen.precision else ''}, peak {result.peak / 1e9:.0f} GFLOP/s",
            f"{result.embed_rate:.1f}",
            f"{result.embed_rate / base:.2f}×",
            f"{result.bound_rate:.0f}",
            f"{result.embed_rate / result.bound_rate:.0%}",
            f"{result.ingest_rate:.1f}",
            f"{result.ingest_rate / result.embed_rate:.2f}",
            *[await recall5(result.last_library, mode, source) for mode in ("dense", "hybrid")],
        )
    if "bf16" in results:
        mixed = Library(results["fp32"].last_library.index, results["bf16"].embedder, settings)
        cells = [await recall5(mixed, "dense", source), await recall5(mixed, "hybrid", source)]
        table.add_row("fp32 index, bf16 queries", *["—"] * (len(columns) - 1), *cells)
    table.caption = "re-ingest, nothing changed: " + ", ".join(
        f"{precision} {result.reingest_s:.2f} s" for precision, result in results.items()
    )
    for result in results.values():
        await result.last_library.close()
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", choices=["pubmedqa", "starter"], default="pubmedqa")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    source = PUBMEDQA if args.source == "pubmedqa" else starter_library_path()
    with tempfile.TemporaryDirectory() as tmp:
        Console().print(asyncio.run(measure(source, Path(tmp), args.rounds)))


if __name__ == "__main__":
    main()
