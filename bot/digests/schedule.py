"""When a subscription is due: its periods in its own time zone, computed from an injected clock (pure).

A period is named by the local date its digest is scheduled on ("2026-03-29"), so a digest runs once
per local day (or week) whatever the clock does around it. Daylight-saving changes are handled in
local time: a time that does not exist that day (spring forward, 02:30) runs as late as the gap is
long (03:30); a time that occurs twice (fall back, 01:30) runs at the first of the two. A service
that was down for several periods owes only the latest one: the catch-up covers everything since the
last digest, once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

Cadence = Literal["daily", "weekly"]
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


class ScheduleError(ValueError):
    """A time, time zone or day that labbot cannot schedule; the message says what would work."""


@dataclass(frozen=True, slots=True)
class Schedule:
    cadence: Cadence
    at: time  # local wall-clock time
    tz: str  # an IANA zone name ("Europe/Berlin", "UTC")
    weekday: int = 0  # weekly only: 0 = Monday

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.tz)

    def describe(self) -> str:
        day = f" on {WEEKDAYS[self.weekday].title()}s" if self.cadence == "weekly" else ""
        return f"{self.cadence}{day} at {self.at:%H:%M} {self.tz}"


@dataclass(frozen=True, slots=True)
class Period:
    key: str  # the local date it is scheduled on, ISO
    at: datetime  # when it falls due, UTC


def parse_time(text: str) -> time:
    match = _CLOCK.match(text.strip())
    if match is None:
        raise ScheduleError(f"'{text}' is not a time of day; write it as HH:MM, e.g. 08:30 or 17:00")
    return time(int(match.group(1)), int(match.group(2)))


def parse_zone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ScheduleError(
            f"'{name}' is not a time zone I know; use an IANA name like Europe/Berlin, America/New_York or UTC"
        ) from error
    return name


def parse_weekday(text: str) -> int:
    lowered = text.strip().lower()
    matches = [i for i, day in enumerate(WEEKDAYS) if len(lowered) >= 3 and day.startswith(lowered)]
    if len(matches) != 1:
        raise ScheduleError(f"'{text}' is not a day of the week (monday … sunday)")
    return matches[0]


def scheduled_on(schedule: Schedule, day: date) -> datetime:
    """The UTC instant the schedule names on a local date.

    ``fold=0`` (PEP 495) resolves both daylight-saving edge cases: a repeated time is its first
    occurrence, and a skipped time is read with the offset before the jump, so 02:30 on a
    spring-forward night runs at 03:30, the moment the clock would have shown had it not jumped.
    """
    return datetime.combine(day, schedule.at, tzinfo=schedule.zone).astimezone(UTC)


def _runs_on(schedule: Schedule, day: date) -> bool:
    return schedule.cadence == "daily" or day.weekday() == schedule.weekday


def latest_period(schedule: Schedule, now: datetime) -> Period:
    """The most recent period that has fallen due at ``now`` (a timezone-aware instant)."""
    day = now.astimezone(schedule.zone).date() + timedelta(days=1)  # a period tomorrow can start today in UTC
    for _ in range(16):
        if _runs_on(schedule, day):
            at = scheduled_on(schedule, day)
            if at <= now:
                return Period(day.isoformat(), at)
        day -= timedelta(days=1)
    raise AssertionError("a daily or weekly schedule falls due within 8 days")  # pragma: no cover


def next_period(schedule: Schedule, now: datetime) -> Period:
    """The first period falling due strictly after ``now``."""
    day = now.astimezone(schedule.zone).date() - timedelta(days=1)
    for _ in range(16):
        if _runs_on(schedule, day):
            at = scheduled_on(schedule, day)
            if at > now:
                return Period(day.isoformat(), at)
        day += timedelta(days=1)
    raise AssertionError("a daily or weekly schedule falls due within 8 days")  # pragma: no cover


def due_period(schedule: Schedule, now: datetime, created: datetime, last_period: str | None) -> Period | None:
    """The period to run now, if any: the latest one due, when it is after creation and not yet run."""
    period = latest_period(schedule, now)
    if period.at < created:
        return None
    if last_period is not None and period.key <= last_period:
        return None
    return period
