"""SIGKILL the feedback writer at random points: every acknowledged event is kept, none is doubled.

Issue 6 / reliability reference §6 row 10: 10,000 reaction events (add, remove, re-add), each
delivered 1–4 times in a shuffled order, written by a subprocess (tests/training/feedback_writer.py)
that acknowledges each event after its commit, killed with SIGKILL at 20 random points and restarted
each time from a little before its last acknowledgement (so already-acknowledged deliveries come
again too). After every kill, and at the end: every acknowledged event key is stored, no row is
doubled, SQLite's integrity_check is ok; at the end the labels equal a replay of the events in
Slack's order and the state the simulated users left.

The SQLite run keeps its database on tmpfs when the machine has one: a killed process loses nothing
the kernel already holds, so fsync plays no part in what this test can observe, and on this
machine's disk a synced commit costs ~4 ms (10,000 of them would take most of a minute). That
power loss needs FULL sync is asserted separately (test_feedback_store). The PostgreSQL run writes
through the server's own fsync'd WAL, with fewer events for that reason.
"""

from __future__ import annotations

import logging
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

import psycopg
import pytest

from tests.conftest import REPO
from tools.settings import Settings
from training.feedback import FeedbackSignal, Label, SignalValue, Vote, open_feedback_store

log = logging.getLogger(__name__)

ANSWERS = 40
USERS = 30
REACTIONS = ("+1", "-1")
LabelKey = tuple[str, str, str, str]  # answer, user, source, slot


@dataclass(frozen=True)
class CrashCase:
    backend: str
    events: int
    kills: int


CASES = [CrashCase("sqlite", 10_000, 20), CrashCase("postgres", 1_500, 5)]


# ---- the event stream -------------------------------------------------------------------------------------


@dataclass
class Simulation:
    """What users did, in Slack's order, and what their reactions are at the end."""

    events: list[FeedbackSignal] = field(default_factory=list)
    showing: dict[LabelKey, FeedbackSignal] = field(default_factory=dict)  # the last event on each reaction


def simulate(count: int, rng: random.Random) -> Simulation:
    """Users toggling 👍/👎 on answers: each event adds the reaction if absent, else removes it.

    Event keys grow with time; 2 % of events share the previous event's time, half of those on the
    same reaction (an add and a remove in one microsecond), where only the event key can order them.
    """
    simulation = Simulation()
    micros = 1_700_000_000_000_000
    key: LabelKey = ("", "", "", "")
    for n in range(count):
        tie = rng.random() < 0.02
        if not (tie and n and rng.random() < 0.5):
            answer, user, emoji = rng.randrange(ANSWERS), rng.randrange(USERS), rng.choice(REACTIONS)
            key = (f"C{answer % 3}:17000{answer:05d}.000100", f"U{user:03d}", "reaction", emoji)
        micros += 0 if tie else rng.randint(1, 2_000_000)
        last = simulation.showing.get(key)
        adding = last is None or last.value == 0
        value: SignalValue = (1 if key[3] == "+1" else -1) if adding else 0
        event = FeedbackSignal(
            event_key=f"Ev{n:08d}",
            answer_id=key[0],
            user=key[1],
            source="reaction",
            kind=key[3],
            value=value,
            event_ts=Decimal(micros).scaleb(-6),
        )
        simulation.events.append(event)
        simulation.showing[key] = event
    return simulation


def deliveries(events: list[FeedbackSignal], rng: random.Random) -> list[FeedbackSignal]:
    """Each event 1–4 times, all of them shuffled: Slack's retries, and no promise of order."""
    delivered = [event for event in events for _ in range(rng.randint(1, 4))]
    rng.shuffle(delivered)
    return delivered


def replayed_labels(events: list[FeedbackSignal]) -> dict[LabelKey, tuple[int, str]]:
    """The reference: apply each event once, in Slack's order (event time, then event key)."""
    labels: dict[LabelKey, tuple[int, str]] = {}
    for event in sorted(events, key=lambda e: (e.event_ts, e.event_key)):
        labels[(event.answer_id, event.user, event.source, event.kind)] = (event.value, event.event_key)
    return labels


def reference_votes(events: list[FeedbackSignal]) -> dict[tuple[str, str], int]:
    """Per (answer, user): the value of the latest reaction still standing, or 0."""
    when = {event.event_key: (event.event_ts, event.event_key) for event in events}
    votes: dict[tuple[str, str], int] = {}
    latest: dict[tuple[str, str], tuple[Decimal, str]] = {}
    for (answer, user, _, _), (value, key) in replayed_labels(events).items():
        votes.setdefault((answer, user), 0)
        if value != 0 and ((answer, user) not in latest or when[key] > latest[(answer, user)]):
            latest[(answer, user)] = when[key]
            votes[(answer, user)] = value
    return votes


# ---- looking into the database while the writer is dead -------------------------------------------------


_SIGNALS = "SELECT answer_id, user_id, source, kind, value, event_us, event_key FROM feedback_signals"
_LABELS = "SELECT answer_id, user_id, source, slot, value, event_us, event_key FROM feedback_labels"
_DUPLICATES = (
    "SELECT (SELECT count(*) - count(DISTINCT event_key) FROM feedback_signals)"
    " + (SELECT count(*) FROM feedback_labels)"
    " - (SELECT count(*) FROM (SELECT 1 FROM feedback_labels GROUP BY answer_id, user_id, source, slot) AS slots)"
)


class Probe:
    """Reads the store's tables with the backend's plain driver, while no writer runs."""

    def query(self, statement: str) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def integrity(self) -> str:
        return "ok"

    def stored_keys(self) -> set[str]:
        return {str(row[-1]) for row in self.query(_SIGNALS)}

    def duplicates(self) -> int:
        return int(self.query(_DUPLICATES)[0][0])

    def torn_writes(self) -> int:
        """Labels that differ from the fold of the stored signals: a signal kept without its effect, or the reverse.

        Checked at each kill, because a later event on the same reaction would hide it by the end.
        """
        folded: dict[tuple[Any, ...], tuple[Any, ...]] = {}
        for answer, user, source, kind, value, micros, key in self.query(_SIGNALS):
            slot = (answer, user, source, kind)
            if slot not in folded or (micros, key) > folded[slot][1:]:
                folded[slot] = (value, micros, key)
        labels = {tuple(row[:4]): tuple(row[4:]) for row in self.query(_LABELS)}
        return len(set(folded.items()) ^ set(labels.items()))


class SqliteProbe(Probe):
    def __init__(self, path: Path) -> None:
        self.path = path

    def query(self, statement: str) -> list[tuple[Any, ...]]:
        with sqlite3.connect(self.path, timeout=10) as connection:
            return connection.execute(statement).fetchall()

    def integrity(self) -> str:
        return str(self.query("PRAGMA integrity_check")[0][0])


class PostgresProbe(Probe):
    """No integrity_check here: a killed client cannot damage the server's files, only its own transaction."""

    def __init__(self, url: str) -> None:
        self.url = url

    def query(self, statement: str) -> list[tuple[Any, ...]]:
        with psycopg.connect(self.url) as connection:
            return connection.execute(statement).fetchall()


# ---- the writer ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ack:
    index: int
    event_key: str
    new: bool


def _parse(line: str) -> Ack | None:
    if not line.endswith("\n"):
        return None  # cut short by the kill: not an acknowledgement
    index, key, new = line.split()
    return Ack(int(index), key, new == "1")


class Writer:
    def __init__(self, stream: Path, env: dict[str, str], workdir: Path) -> None:
        self.stream, self.env, self.workdir = stream, env, workdir
        self.log = workdir / "writer.log"

    def run(self, start: int, kill_after: int | None, rng: random.Random) -> list[Ack]:
        """Write from delivery `start`; SIGKILL soon after the ack of delivery `kill_after`, or run to the end."""
        command = [sys.executable, "-m", "tests.training.feedback_writer", str(self.stream), str(start)]
        with (
            self.log.open("a") as errors,
            subprocess.Popen(
                command, cwd=self.workdir, env=self.env, stdout=subprocess.PIPE, stderr=errors, text=True
            ) as process,
        ):
            assert process.stdout is not None
            acks = _acks_until(process.stdout, kill_after)
            if kill_after is None:
                assert process.wait(timeout=60) == 0, f"writer failed: {self.log.read_text()[-3000:]}"
                return acks
            time.sleep(rng.uniform(0, 0.004))  # land anywhere in the next deliveries: mid-transaction, mid-ack…
            process.send_signal(signal.SIGKILL)
            assert process.wait(timeout=10) == -signal.SIGKILL, f"writer exited early: {self.log.read_text()[-3000:]}"
            return acks + _acks_until(process.stdout, None)  # printed before it died: acknowledged


def _acks_until(stdout: IO[str], index: int | None) -> list[Ack]:
    acks: list[Ack] = []
    while line := stdout.readline():
        if (ack := _parse(line)) is not None:
            acks.append(ack)
            if index is not None and ack.index >= index:
                break
    return acks


# ---- the test -------------------------------------------------------------------------------------------------


@dataclass
class Tally:
    acks: list[Ack] = field(default_factory=list)
    resent: int = 0  # already-acknowledged deliveries sent again after a restart
    unacked_commits: int = 0  # committed when the writer died, before it could say so

    @property
    def acked_keys(self) -> set[str]:
        return {ack.event_key for ack in self.acks}


@pytest.fixture
def crash_dir(tmp_path: Path) -> Iterator[Path]:
    shm = Path("/dev/shm")
    if not (shm.is_dir() and os.access(shm, os.W_OK)):
        yield tmp_path
        return
    directory = Path(tempfile.mkdtemp(prefix="labbot-crash-", dir=shm))
    yield directory
    shutil.rmtree(directory, ignore_errors=True)


def _check_acknowledged_kept(probe: Probe, tally: Tally) -> set[str]:
    stored = probe.stored_keys()
    lost = tally.acked_keys - stored
    assert not lost, f"{len(lost)} acknowledged events missing, e.g. {sorted(lost)[:3]}"
    assert probe.duplicates() == 0
    assert probe.torn_writes() == 0
    assert probe.integrity() == "ok"
    return stored


def _drive(writer: Writer, probe: Probe, total: int, kills: int, rng: random.Random) -> Tally:
    tally = Tally()
    next_index = 0
    for kill_at in sorted(rng.sample(range(1, total), kills)):
        start = max(0, next_index - rng.randint(0, 200))
        tally.resent += next_index - start
        tally.acks += writer.run(start, kill_after=max(kill_at, start), rng=rng)
        tally.unacked_commits += len(_check_acknowledged_kept(probe, tally) - tally.acked_keys)
        next_index = max(next_index, max((ack.index + 1 for ack in tally.acks), default=0))
    start = max(0, next_index - rng.randint(0, 200))
    tally.resent += next_index - start
    tally.acks += writer.run(start, kill_after=None, rng=rng)
    return tally


def _label_rows(labels: list[Label]) -> dict[LabelKey, tuple[int, str]]:
    return {(x.answer_id, x.user, x.source, x.slot): (x.value, x.event_key) for x in labels}


def _vote_rows(votes: list[Vote]) -> dict[tuple[str, str], int]:
    return {(v.answer_id, v.user): v.value for v in votes}


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.backend)
async def test_a_killed_writer_loses_and_doubles_nothing(
    case: CrashCase, request: pytest.FixtureRequest, crash_dir: Path
) -> None:
    began = time.monotonic()
    rng = random.Random(20251125)
    simulation = simulate(case.events, rng)
    stream = deliveries(simulation.events, rng)
    stream_path = crash_dir / "deliveries.jsonl"
    stream_path.write_text("".join(signal.model_dump_json() + "\n" for signal in stream))

    env = {**os.environ, "LABBOT_DATA_DIR": str(crash_dir / "data"), "PYTHONPATH": str(REPO)}
    env.pop("LABBOT_DATABASE_URL", None)
    probe: Probe = SqliteProbe(crash_dir / "data" / "labbot.sqlite")
    if case.backend == "postgres":
        env["LABBOT_DATABASE_URL"] = url = request.getfixturevalue("postgres_url")
        probe = PostgresProbe(url)

    tally = _drive(Writer(stream_path, env, crash_dir), probe, len(stream), case.kills, rng)
    assert _check_acknowledged_kept(probe, tally) == {event.event_key for event in simulation.events}
    assert max(Counter(ack.event_key for ack in tally.acks if ack.new).values()) == 1  # no event stored twice
    settings = Settings(data_dir=crash_dir / "data", database_url=env.get("LABBOT_DATABASE_URL"))
    store = await open_feedback_store(settings)
    try:
        labels, votes = await store.labels(), await store.votes()
    finally:
        await store.close()
    assert _label_rows(labels) == replayed_labels(simulation.events)
    assert _label_rows(labels) == {key: (e.value, e.event_key) for key, e in simulation.showing.items()}
    assert _vote_rows(votes) == reference_votes(simulation.events)
    log.info(
        "%s: %d events, %d deliveries, %d kills, %d acks (%d re-sent after restarts), "
        "%d committed but unacknowledged at a kill, %.1f s",
        case.backend,
        case.events,
        len(stream),
        case.kills,
        len(tally.acks),
        tally.resent,
        tally.unacked_commits,
        time.monotonic() - began,
    )
