"""Processes setting up one fresh SQLite checkpoint file at the same moment (run by test_checkpoint).

    python -m tests.graph.checkpoint_race DIR [--rounds N] [--processes N]

Forks from this small, single-threaded process (forking the test runner, which has threads, is not
safe); each child connects, waits until all are connected, then sets the saver up. Exits 1 when any
child failed.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import sys
from pathlib import Path
from threading import Barrier

import aiosqlite

from graph.checkpoint import BUSY_TIMEOUT_S, sqlite_saver


def set_up_together(path: Path, ready: Barrier) -> None:
    async def run() -> None:
        async with aiosqlite.connect(path, timeout=BUSY_TIMEOUT_S) as connection:
            ready.wait()  # every process connected: their setups now overlap
            await sqlite_saver(connection, path)

    asyncio.run(run())


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("directory", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--processes", type=int, default=4)
    args = parser.parse_args()
    fork = multiprocessing.get_context("fork")
    failed = 0
    for round_ in range(args.rounds):
        ready = fork.Barrier(args.processes)
        path = args.directory / f"round-{round_}.sqlite"
        children = [fork.Process(target=set_up_together, args=(path, ready)) for _ in range(args.processes)]
        for child in children:
            child.start()
        for child in children:
            child.join(timeout=120)
        failed += sum(child.exitcode != 0 for child in children)
    print(f"{failed} of {args.rounds * args.processes} processes failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
