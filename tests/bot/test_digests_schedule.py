"""When digests fall due: daily and weekly periods in a subscription's time zone, across DST changes."""

from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from bot.digests.commands import CommandError, parse_subscribe
from bot.digests.schedule import (
    Schedule,
    ScheduleError,
    due_period,
    latest_period,
    next_period,
    parse_time,
    parse_zone,
)

BERLIN = "Europe/Berlin"
NEW_YORK = "America/New_York"


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_daily_period_is_named_by_the_local_date_and_falls_due_at_local_time() -> None:
    schedule = Schedule("daily", time(8, 0), BERLIN)
    # 06:59 UTC is 07:59 in Berlin (CET, UTC+1): today's digest is not due yet, yesterday's is the latest
    assert latest_period(schedule, utc("2026-12-02T06:59")).key == "2026-12-01"
    period = latest_period(schedule, utc("2026-12-02T07:00"))
    assert period.key == "2026-12-02" and period.at == utc("2026-12-02T07:00")
    assert next_period(schedule, utc("2026-12-02T07:00")).at == utc("2026-12-03T07:00")


def test_a_zone_ahead_of_utc_has_its_period_start_on_the_previous_utc_day() -> None:
    schedule = Schedule("daily", time(6, 30), "Pacific/Auckland")  # UTC+13 in December
    period = latest_period(schedule, utc("2026-12-01T17:30"))
    assert period.key == "2026-12-02" and period.at == utc("2026-12-01T17:30")


def test_weekly_runs_on_its_weekday_only() -> None:
    schedule = Schedule("weekly", time(9, 0), "UTC", weekday=4)  # Fridays
    # Wednesday 2 December 2026: the latest Friday is 27 November, the next is 4 December
    assert latest_period(schedule, utc("2026-12-02T12:00")).key == "2026-11-27"
    assert next_period(schedule, utc("2026-12-02T12:00")).key == "2026-12-04"
    assert latest_period(schedule, utc("2026-12-04T09:00")).key == "2026-12-04"


def test_spring_forward_runs_a_skipped_time_once_after_the_gap() -> None:
    # Berlin skips 02:00–03:00 on 29 March 2026; 02:30 does not exist that night
    schedule = Schedule("daily", time(2, 30), BERLIN)
    period = latest_period(schedule, utc("2026-03-29T12:00"))
    assert period.key == "2026-03-29"
    assert period.at == utc("2026-03-29T01:30")  # 03:30 CEST, the time the clock would have shown
    assert latest_period(schedule, utc("2026-03-29T01:29")).key == "2026-03-28"
    assert latest_period(schedule, utc("2026-03-28T12:00")).at == utc("2026-03-28T01:30")  # 02:30 CET


def test_fall_back_runs_a_repeated_time_once_at_its_first_occurrence() -> None:
    # New York repeats 01:00–02:00 on 1 November 2026
    schedule = Schedule("daily", time(1, 30), NEW_YORK)
    first = latest_period(schedule, utc("2026-11-01T05:30"))  # 01:30 EDT
    assert first.key == "2026-11-01" and first.at == utc("2026-11-01T05:30")
    second = latest_period(schedule, utc("2026-11-01T06:30"))  # 01:30 EST, the same wall-clock time again
    assert second == first, "the repeated hour is the same period, so the digest runs once"
    assert due_period(schedule, utc("2026-11-01T06:30"), utc("2026-10-01T00:00"), "2026-11-01") is None


def test_local_time_stays_put_across_a_dst_change() -> None:
    schedule = Schedule("weekly", time(9, 0), NEW_YORK, weekday=0)
    before = latest_period(schedule, utc("2026-10-27T00:00"))  # Monday 26 Oct, EDT
    after = next_period(schedule, utc("2026-11-01T12:00"))  # Monday 2 Nov, EST
    assert before.at == utc("2026-10-26T13:00") and after.at == utc("2026-11-02T14:00")


def test_due_only_after_creation_and_once_per_period() -> None:
    schedule = Schedule("daily", time(8, 0), "UTC")
    created = utc("2026-12-02T10:00")
    assert due_period(schedule, utc("2026-12-02T10:01"), created, None) is None, "today's 08:00 preceded it"
    due = due_period(schedule, utc("2026-12-03T08:00"), created, None)
    assert due is not None and due.key == "2026-12-03"
    assert due_period(schedule, utc("2026-12-03T09:00"), created, "2026-12-03") is None


def test_missed_periods_are_caught_up_once() -> None:
    schedule = Schedule("daily", time(8, 0), "UTC")
    created = utc("2026-12-01T00:00")
    # the service was down from before the 2nd's digest until the 5th at noon: one period is owed, the latest
    due = due_period(schedule, utc("2026-12-05T12:00"), created, "2026-12-01")
    assert due is not None and due.key == "2026-12-05"
    assert due_period(schedule, utc("2026-12-05T12:01"), created, due.key) is None


@pytest.mark.parametrize("text", ["8", "24:00", "08:60", "8.30", "noon", ""])
def test_bad_times_are_refused_with_the_expected_form(text: str) -> None:
    with pytest.raises(ScheduleError, match="HH:MM"):
        parse_time(text)


def test_unknown_zones_are_refused() -> None:
    with pytest.raises(ScheduleError, match="IANA"):
        parse_zone("Mars/Olympus_Mons")
    assert parse_zone("Europe/Paris") == "Europe/Paris"


def test_subscribe_grammar() -> None:
    request = parse_subscribe(["competing risks", "weekly", "on", "fri", "at", "9:15", "Europe/Paris"], "08:00", "UTC")
    assert request.query == "competing risks"
    assert request.schedule == Schedule("weekly", time(9, 15), "Europe/Paris", weekday=4)
    default = parse_subscribe(["mixed", "models", "daily"], "08:00", "UTC")
    assert default.query == "mixed models" and default.schedule == Schedule("daily", time(8, 0), "UTC")


@pytest.mark.parametrize(
    ("words", "message"),
    [
        (["mixed models"], "daily"),
        (["daily"], "empty"),
        (["q", "daily", "at", "25:00"], "HH:MM"),
        (["q", "daily", "Nowhere/City"], "IANA"),
        (["q", "daily", "on", "friday"], "weekly"),
        (["q", "weekly", "on", "someday"], "day of the week"),
        (["q", "weekly", "at"], "needs a value"),
        (["q" * 301, "weekly"], "longer"),
    ],
)
def test_subscribe_errors_say_what_to_fix(words: list[str], message: str) -> None:
    with pytest.raises(CommandError, match=message):
        parse_subscribe(words, "08:00", "UTC")
