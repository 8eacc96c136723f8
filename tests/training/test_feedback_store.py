"""One contract, both FeedbackStore backends: SQLite (embedded) and PostgreSQL (the machine's server).

Slack re-delivers events and reorders them, so every test below comes down to: the same events, in
any order and any number of times, leave the same rows.
"""

from __future__ import annotations

import asyncio
import itertools
import random
import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import psycopg
import pytest
from pydantic import ValidationError

from tests.training.conftest import ANSWER_ID, CHANNEL, FIRST_TS, click, reaction, record
from tools.database import DatabaseTooNew, open_database
from tools.settings import Settings
from training.feedback import AnswerRecord, FeedbackSignal, FeedbackStore, open_feedback_store
from training.feedback.rules import click_value, fold_labels, label_of, votes_from_labels

# ---- answers ----------------------------------------------------------------------------------------------


async def test_an_answer_is_found_by_any_of_its_messages(store: FeedbackStore) -> None:
    posted = record(message_ts=(FIRST_TS, "1700000000.000200", "1700000000.000300"))
    assert await store.record_answer(posted) is True
    for ts in posted.message_ts:
        assert await store.answer_for_message(CHANNEL, ts) == posted
    assert await store.answer_for_message("C0OTHER", FIRST_TS) is None
    assert await store.answer_for_message(CHANNEL, "1700000000.000400") is None


async def test_recording_an_answer_again_changes_nothing(store: FeedbackStore) -> None:
    posted = record()
    assert await store.record_answer(posted) is True
    redelivered = posted.model_copy(update={"question": "changed", "message_ts": (FIRST_TS, "1700000001.000000")})
    assert await store.record_answer(redelivered) is False
    assert await store.record_answer(posted) is False
    assert await store.answer_for_message(CHANNEL, FIRST_TS) == posted
    assert await store.answer_for_message(CHANNEL, "1700000001.000000") is None


# ---- signals and labels -----------------------------------------------------------------------------------


async def test_a_replayed_event_changes_nothing(store: FeedbackStore) -> None:
    thumbs_up = reaction("Ev1", "+1", "1700000100.000001")
    assert await store.record_signal(thumbs_up) is True
    before = (await store.signals(), await store.labels())
    assert await store.record_signal(thumbs_up) is False
    # Same delivery id, other content (a buggy re-derivation): the first delivery stands.
    assert await store.record_signal(reaction("Ev1", "+1", "1700000200.000000", removed=True)) is False
    assert (await store.signals(), await store.labels()) == before
    assert [s.event_key for s in before[0]] == ["Ev1"]


async def test_a_removed_reaction_retracts_and_re_adding_restores(store: FeedbackStore) -> None:
    await store.record_signal(reaction("Ev1", "+1", "1700000100.000000"))
    assert [(v.value, v.source) for v in await store.votes()] == [(1, "reaction")]
    await store.record_signal(reaction("Ev2", "+1", "1700000101.000000", removed=True))
    assert [label.value for label in await store.labels()] == [0]
    assert [v.value for v in await store.votes()] == [0]
    await store.record_signal(reaction("Ev3", "+1", "1700000102.000000"))
    [label] = await store.labels()
    assert (label.slot, label.value, label.event_key, label.event_ts) == ("+1", 1, "Ev3", Decimal("1700000102"))


async def test_deliveries_in_any_order_converge(store: FeedbackStore) -> None:
    """add, remove, re-add, each delivered twice, in every order of the three: one outcome."""
    outcomes = set()
    for n, order in enumerate(itertools.permutations(range(3))):
        answer_id = f"{CHANNEL}:17000000{n:02d}.000000"
        events = [
            reaction(f"Ev{n}a", "-1", "1700000100.000000", answer_id=answer_id),
            reaction(f"Ev{n}b", "-1", "1700000100.500000", removed=True, answer_id=answer_id),
            reaction(f"Ev{n}c", "-1", "1700000101.000000", answer_id=answer_id),
        ]
        for i in [*order, *reversed(order)]:
            await store.record_signal(events[i])
        [label] = await store.labels(answer_id)
        [vote] = await store.votes(answer_id)
        outcomes.add((label.value, label.event_key[-1], vote.value))
    assert outcomes == {(-1, "c", -1)}


async def test_the_latest_button_click_wins(store: FeedbackStore) -> None:
    other = f"{CHANNEL}:1700000000.000900"
    clicks = [click("up-1", "up", "1700000200.000000"), click("down-2", "down", "1700000201.000000")]
    for signal in clicks:
        await store.record_signal(signal)
    for signal in reversed(clicks):
        await store.record_signal(signal.model_copy(update={"answer_id": other, "event_key": f"o-{signal.event_key}"}))
    for answer_id in (ANSWER_ID, other):
        [label] = await store.labels(answer_id)
        assert (label.source, label.slot, label.kind, label.value) == ("button", "button", "down", -1)
        assert [v.value for v in await store.votes(answer_id)] == [-1]


async def test_a_click_on_the_chosen_button_takes_the_vote_back(store: FeedbackStore) -> None:
    """Slack's feedback buttons toggle and send the same payload either way: the store's history decides."""
    clicks = [
        click("c1", "up", "1700000300.000000"),  # a vote
        click("c2", "up", "1700000301.000000"),  # the same button again: removal
        click("c3", "up", "1700000302.000000"),  # and again: the vote is back
        click("c4", "down", "1700000303.000000"),  # the other button: a change of mind
        click("c0", "down", "1700000299.000000"),  # a late delivery of an older click never toggles
    ]
    votes = []
    for signal in clicks:
        labels = await store.labels(ANSWER_ID)
        chosen = labels[0] if labels else None
        await store.record_signal(signal.model_copy(update={"value": click_value(signal, chosen)}))
        votes.append([v.value for v in await store.votes(ANSWER_ID)])
    assert votes == [[1], [0], [1], [-1], [-1]]
    removed = click("c5", "down", "1700000304.000000")
    assert click_value(removed, label_of(clicks[3])) == 0 and click_value(removed, None) == -1


async def test_a_vote_is_the_latest_standing_rating(store: FeedbackStore) -> None:
    """👍 then "down" → -1; a later 👎 removed again brings back the earlier 👍; nothing standing → 0."""
    signals = [
        reaction("a1", "+1", "1700000001.000000", user="U_FLIP"),
        click("a2", "down", "1700000002.000000", user="U_FLIP"),
        reaction("b1", "+1", "1700000001.000000", user="U_BACK"),
        reaction("b2", "-1", "1700000002.000000", user="U_BACK"),
        reaction("b3", "-1", "1700000003.000000", removed=True, user="U_BACK"),
        reaction("c1", "-1", "1700000001.000000", user="U_GONE"),
        reaction("c2", "-1", "1700000002.000000", removed=True, user="U_GONE"),
        click("d1", "up", "1700000001.000000", user="U_BOTH"),
        reaction("d2", "+1", "1700000002.000000", user="U_BOTH"),
    ]
    for signal in random.Random(3).sample(signals, len(signals)):
        await store.record_signal(signal)
    votes = {v.user: (v.value, v.source, v.event_ts) for v in await store.votes(ANSWER_ID)}
    assert votes == {
        "U_BACK": (1, "reaction", Decimal("1700000001")),
        "U_BOTH": (1, "reaction", Decimal("1700000002")),  # one person, one vote, however many ways they said it
        "U_FLIP": (-1, "button", Decimal("1700000002")),
        "U_GONE": (0, None, None),
    }


async def test_equal_event_times_are_broken_by_event_key(store: FeedbackStore) -> None:
    same_time = "1700000300.000000"
    tied = [reaction("EvB", "+1", same_time, removed=True), reaction("EvA", "+1", same_time)]
    for n, order in enumerate((tied, tied[::-1])):
        for signal in order:
            renamed = {"user": f"U{n}", "event_key": f"{n}{signal.event_key}"}
            await store.record_signal(signal.model_copy(update=renamed))
    assert [(label.event_key[1:], label.value) for label in await store.labels()] == [("EvB", 0), ("EvB", 0)]


async def test_labels_equal_the_pure_fold_of_their_signals(store: FeedbackStore) -> None:
    rng = random.Random(11)
    signals = [
        FeedbackSignal(
            event_key=f"Ev{i:04d}",
            answer_id=f"{CHANNEL}:170000000{rng.randint(0, 2)}.000000",
            user=f"U{rng.randint(0, 3)}",
            source=(source := rng.choice(["reaction", "button"])),
            kind=rng.choice(["+1", "-1"] if source == "reaction" else ["up", "down"]),
            value=rng.choice([-1, 0, 1]),
            event_ts=Decimal(1_700_000_000_000_000 + rng.randint(0, 50)).scaleb(-6),  # many equal times
        )
        for i in range(300)
    ]
    deliveries = [s for s in signals for _ in range(rng.randint(1, 3))]
    rng.shuffle(deliveries)
    for signal in deliveries:
        await store.record_signal(signal)
    assert await store.labels() == fold_labels(signals)
    assert await store.votes() == votes_from_labels(fold_labels(signals))


async def test_signals_are_listed_for_export_in_arrival_order(store: FeedbackStore) -> None:
    start = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
    paris = timezone(timedelta(hours=1))
    arrivals = [start + timedelta(seconds=s) for s in (0, 1, 2)]
    for n, arrival in enumerate(arrivals):
        signal = reaction(f"Ev{n}", "+1", f"1700000000.00000{n + 1}", removed=n == 1)
        await store.record_signal(signal.model_copy(update={"received_at": arrival.astimezone(paris)}))
    everything = await store.signals()
    assert [(s.event_key, s.received_at, s.value) for s in everything] == [
        ("Ev0", arrivals[0], 1),
        ("Ev1", arrivals[1], 0),
        ("Ev2", arrivals[2], 1),
    ]
    assert everything[0].event_ts == Decimal("1700000000.000001")  # exact to the microsecond
    assert [s.event_key for s in await store.signals(since=arrivals[1])] == ["Ev1", "Ev2"]  # inclusive


async def test_labels_of_one_answer(store: FeedbackStore) -> None:
    other = f"{CHANNEL}:1700000000.000900"
    await store.record_signal(reaction("Ev1", "+1", "1700000001.000000"))
    await store.record_signal(reaction("Ev2", "-1", "1700000001.000000", answer_id=other))
    assert [label.answer_id for label in await store.labels(other)] == [other]
    assert [label.answer_id for label in await store.labels()] == sorted([ANSWER_ID, other])
    assert await store.labels(f"{CHANNEL}:absent") == []


async def test_rated_answers_carry_what_an_export_needs(store: FeedbackStore) -> None:
    rated = record()
    elsewhere = record("C0ELSE:1700000000.000500", channel="C0ELSE")
    unrated = record(f"{CHANNEL}:1700000000.000700")
    for posted in (rated, elsewhere, unrated):
        await store.record_answer(posted)
    await store.record_signal(reaction("Ev1", "+1", "1700000001.000000", user="U1"))
    await store.record_signal(click("Ev2", "down", "1700000002.000000", user="U2"))
    await store.record_signal(reaction("Ev3", "-1", "1700000003.000000", answer_id=elsewhere.answer_id))
    await store.record_signal(reaction("Ev4", "-1", "1700000003.000000", answer_id=f"{CHANNEL}:unrecorded"))

    everything = await store.rated_answers()
    assert [r.record for r in everything] == [elsewhere, rated]
    [mine] = await store.rated_answers({CHANNEL})
    assert mine.record == rated
    assert [(label.user, label.source, label.value) for label in mine.labels] == [
        ("U1", "reaction", 1),
        ("U2", "button", -1),
    ]
    assert [(v.user, v.value) for v in mine.votes] == [("U1", 1), ("U2", -1)]
    assert await store.rated_answers([]) == []


async def test_concurrent_writers_lose_and_double_nothing(store: FeedbackStore, backend_settings: Settings) -> None:
    """Jobs of one worker share a store; two workers have two: every delivery lands once either way."""
    signals = [reaction(f"Ev{i:03d}", "+1", f"1700000{i:03d}.000000", user=f"U{i % 7}") for i in range(120)]
    second = await open_feedback_store(backend_settings)
    try:
        deliveries = [(s, writer) for s in signals for writer in (store, second, store)]
        random.Random(5).shuffle(deliveries)
        results = await asyncio.gather(*(writer.record_signal(s) for s, writer in deliveries))
    finally:
        await second.close()
    assert sum(results) == len(signals)
    assert sorted(s.event_key for s in await store.signals()) == [s.event_key for s in signals]
    assert await store.labels() == fold_labels(signals)


async def test_cancelled_writes_leave_whole_rows_and_a_usable_store(store: FeedbackStore) -> None:
    """arq cancels a job at its timeout, wherever it is: a write is then all there or not at all."""
    rng = random.Random(8)
    signals = [reaction(f"Ev{i:02d}", "+1", f"17000000{i:02d}.000000", removed=i % 2 == 1) for i in range(40)]
    for signal in signals:
        task = asyncio.create_task(store.record_signal(signal))
        for _ in range(rng.randint(0, 12)):
            await asyncio.sleep(0)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    stored = {s.event_key for s in await store.signals()}
    print("STORED", len(stored))
    assert await store.labels() == fold_labels(s for s in signals if s.event_key in stored)
    for signal in signals:
        await store.record_signal(signal)
    assert await store.labels() == fold_labels(signals)


async def test_what_is_written_survives_reopening(store: FeedbackStore, backend_settings: Settings) -> None:
    posted = record()
    await store.record_answer(posted)
    await store.record_signal(click("Ev1", "up", "1700000001.000000"))
    async with open_feedback_store(backend_settings) as reopened:  # the worker's way: closed on exit
        assert await reopened.answer_for_message(CHANNEL, FIRST_TS) == posted
        assert await reopened.labels() == await store.labels()
        assert await reopened.record_signal(click("Ev1", "up", "1700000001.000000")) is False


# ---- one backend at a time ----------------------------------------------------------------------------------


async def test_sqlite_commits_through_a_wal_synced_in_full(settings: Settings) -> None:
    database = await open_database(settings)
    try:
        async with database.reading() as session:
            assert await session.fetch("PRAGMA journal_mode") == [("wal",)]
            assert await session.fetch("PRAGMA synchronous") == [(2,)]  # FULL
    finally:
        await database.close()


async def test_both_backends_have_the_same_tables(settings: Settings, postgres_url: str) -> None:
    for url in (None, postgres_url):
        store = await open_feedback_store(Settings(data_dir=settings.data_dir, database_url=url))
        await store.close()
    with sqlite3.connect(settings.data_path / "labbot.sqlite") as lite:
        tables = [name for (name,) in lite.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        sqlite_columns = {t: [row[1] for row in lite.execute(f"PRAGMA table_info({t})")] for t in tables}
    with psycopg.connect(postgres_url) as pg:
        rows = pg.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"
        ).fetchall()
    postgres_columns: dict[str, list[str]] = {}
    for table, column in rows:
        postgres_columns.setdefault(table, []).append(column)
    assert postgres_columns == sqlite_columns
    assert set(tables) >= {"feedback_answers", "feedback_signals", "feedback_labels", "feedback_answer_messages"}


async def test_a_database_from_a_newer_labbot_is_refused(settings: Settings) -> None:
    await (await open_feedback_store(settings)).close()
    with sqlite3.connect(settings.data_path / "labbot.sqlite") as lite:
        lite.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(DatabaseTooNew, match="9999"):
        await open_feedback_store(settings)


async def test_only_postgresql_urls_choose_another_backend(settings: Settings) -> None:
    with pytest.raises(ValueError, match=r"mysql://") as raised:
        await open_feedback_store(Settings(data_dir=settings.data_dir, database_url="mysql://u:hunter2@db/x"))
    assert "hunter2" not in str(raised.value)


# ---- the data ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("1700000000.123456", Decimal("1700000000.123456")),
        ("1700000000.1", Decimal("1700000000.100000")),
        (1700000000.123456, Decimal("1700000000.123456")),
        (1700000000, Decimal("1700000000")),
    ],
)
def test_slack_times_are_exact_microseconds(given: str | float, stored: Decimal) -> None:
    assert reaction("Ev", "+1", given).event_ts == stored  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "change",
    [
        {"value": 2},
        {"source": "emoji"},
        {"event_ts": "yesterday"},
        {"event_ts": "NaN"},
        {"event_ts": True},
        {"event_key": ""},
        {"received_at": datetime(2025, 1, 1)},  # naive: whose clock?
    ],
)
def test_malformed_signals_are_refused(change: dict[str, object]) -> None:
    fields = reaction("Ev", "+1", "1700000000.000001").model_dump() | change
    with pytest.raises(ValidationError):
        FeedbackSignal.model_validate(fields)


def test_an_answer_needs_a_message_to_be_found_by() -> None:
    with pytest.raises(ValidationError):
        AnswerRecord.model_validate(record().model_dump() | {"message_ts": ()})


def test_the_fold_keeps_one_label_per_slot_buttons_sharing_one() -> None:
    labels = fold_labels([click("a", "up", "1.0"), click("b", "down", "2.0"), reaction("c", "+1", "1.5")])
    assert [(label.source, label.slot, label.kind, label.value) for label in labels] == [
        ("button", "button", "down", -1),
        ("reaction", "+1", "+1", 1),
    ]
