"""A feedback writer for the crash test to SIGKILL: ``python -m tests.training.feedback_writer STREAM START``.

It stands in for the arq job: it records the deliveries of a JSON Lines stream of FeedbackSignals
from line START on, one ``record_signal`` each, and after each returns (its transaction committed)
prints ``INDEX EVENT_KEY NEW`` and flushes. A printed line is an acknowledgement: from then on the
test may hold the store to it. The store comes from the environment (LABBOT_DATA_DIR,
LABBOT_DATABASE_URL), as in a worker.
"""

from __future__ import annotations

import asyncio
import sys
from itertools import islice
from pathlib import Path

from tools.settings import Settings
from training.feedback import FeedbackSignal, open_feedback_store


async def write(stream: Path, start: int) -> None:
    store = await open_feedback_store(Settings())
    try:
        with stream.open() as lines:
            for index, line in enumerate(islice(lines, start, None), start):
                signal = FeedbackSignal.model_validate_json(line)
                new = await store.record_signal(signal)
                sys.stdout.write(f"{index} {signal.event_key} {int(new)}\n")
                sys.stdout.flush()
    finally:
        await store.close()


if __name__ == "__main__":
    asyncio.run(write(Path(sys.argv[1]), int(sys.argv[2])))
