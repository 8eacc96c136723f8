"""What the local sandbox costs an answer: cold start, a warm cell, a heavy import, beside a bare interpreter.

Every row is measured in this run. The baseline is the host interpreter starting and exiting
(`python -I -c pass`, the floor for any fresh process). A sandbox's cold start is `open()`: cgroups,
the launcher, bwrap's namespaces and mounts, the kernel's interpreter up to its ready line (which, since
each cell runs in a process forked from a pre-imported template, includes importing the analysis
libraries). An answer runs 1–3 cells in one sandbox, so "open + first cell" is what its first cell waits
for; a warm cell pays the fork and what carries from the cells before it (a DataFrame row shows that).

    .venv/bin/python bench/sandbox_overhead.py [--n 30] [--n-import 5]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import time

from rich.console import Console
from rich.table import Table

from tools.sandbox.bwrap import BwrapSandboxProvider
from tools.settings import SandboxSettings


def percentiles(samples: list[float]) -> tuple[float, float]:
    ms = sorted(sample * 1000 for sample in samples)
    if len(ms) == 1:
        return ms[0], ms[0]
    cuts = statistics.quantiles(ms, n=20, method="inclusive")
    return statistics.median(ms), cuts[18]


def bare_python(n: int) -> list[float]:
    samples = []
    for _ in range(n):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-I", "-c", "pass"], check=True)
        samples.append(time.perf_counter() - started)
    return samples


async def sandbox_rows(provider: BwrapSandboxProvider, n: int, n_import: int) -> dict[str, list[float]]:
    rows: dict[str, list[float]] = {"open": [], "open + first cell": [], "warm cell (pass)": [], "close": []}
    rows["cell importing scipy.stats, pandas"] = []
    rows["warm cell (pass), a 100k×5 DataFrame carried"] = []
    for index in range(max(n, n_import)):
        started = time.perf_counter()
        sandbox = await provider.open()
        opened = time.perf_counter()
        result = await sandbox.run("pass")
        first = time.perf_counter()
        assert result.ok, result.error
        for _ in range(5):
            cell_started = time.perf_counter()
            await sandbox.run("pass")
            rows["warm cell (pass)"].append(time.perf_counter() - cell_started)
        if index < n_import:
            cell_started = time.perf_counter()
            imported = await sandbox.run("import scipy.stats, pandas")
            assert imported.ok, imported.error
            rows["cell importing scipy.stats, pandas"].append(time.perf_counter() - cell_started)
            frame = "import numpy as np, pandas as pd\nframe = pd.DataFrame(np.random.rand(100_000, 5))"
            made = await sandbox.run(frame)
            assert made.ok, made.error
            for _ in range(3):
                cell_started = time.perf_counter()
                await sandbox.run("pass")
                rows["warm cell (pass), a 100k×5 DataFrame carried"].append(time.perf_counter() - cell_started)
        closing = time.perf_counter()
        await sandbox.close()
        if index < n:
            rows["open"].append(opened - started)
            rows["open + first cell"].append(first - started)
            rows["close"].append(time.perf_counter() - closing)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=30, help="sandboxes opened (and bare interpreters started)")
    parser.add_argument("--n-import", type=int, default=5, help="sandboxes that also import scipy and pandas")
    args = parser.parse_args()
    provider = BwrapSandboxProvider(SandboxSettings())
    console = Console()
    console.print("limits in force: " + "; ".join(provider.containment().describe()))
    rows = {"bare `python -I -c pass` (host)": bare_python(args.n)}
    rows |= asyncio.run(sandbox_rows(provider, args.n, args.n_import))
    baseline = statistics.median(rows["bare `python -I -c pass` (host)"])
    table = Table(title="Sandbox overhead (ms)", title_justify="left")
    for column in ("measurement", "n", "p50", "p95", "p50 ÷ bare python"):
        table.add_column(column, justify="left" if column == "measurement" else "right")
    for name, samples in rows.items():
        p50, p95 = percentiles(samples)
        table.add_row(name, str(len(samples)), f"{p50:.1f}", f"{p95:.1f}", f"{p50 / 1000 / baseline:.2f}×")
    console.print(table)


if __name__ == "__main__":
    main()
