"""Property tests: one data model, written the several ways people paste it, reads back the same.

Hypothesis draws the data (labels, values, counts, censored times); each phrasing renders it as a
message; the reader must recover exactly the data that were drawn, whichever way they were written.
"""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from analysis.reading import parse_request
from analysis.reading.shapes import two_groups
from analysis.reading.survival import survival_groups

LABELS = ["control", "treated", "placebo", "drug", "WT", "KO", "sham", "active", "vehicle", "knockout"]
Groups = tuple[tuple[str, tuple[float, ...]], tuple[str, tuple[float, ...]]]


def _value() -> st.SearchStrategy[float]:
    return st.integers(min_value=1, max_value=9999).map(lambda tenths: tenths / 10)


@st.composite
def two_samples(draw: st.DrawFn, same_length: bool = False) -> Groups:
    first, second = draw(st.lists(st.sampled_from(LABELS), min_size=2, max_size=2, unique=True))
    size = draw(st.integers(min_value=3, max_value=12))
    values_a = tuple(draw(st.lists(_value(), min_size=size, max_size=size)))
    other = size if same_length else draw(st.integers(min_value=3, max_value=12))
    values_b = tuple(draw(st.lists(_value(), min_size=other, max_size=other)))
    # one value throughout is no data to compare (a pasted column that never varies is set aside)
    assume(len(set(values_a + values_b)) > 1)
    return (first, values_a), (second, values_b)


def _number(value: float) -> str:
    return f"{value:g}"


def colon_lists(groups: Groups) -> str:
    return "; ".join(f"{label}: {', '.join(map(_number, values))}" for label, values in groups) + ". Welch t-test?"


def bracket_lists(groups: Groups) -> str:
    return "\n".join(f"{label} = [{', '.join(map(_number, values))}]" for label, values in groups) + "\nt-test"


def r_vectors(groups: Groups) -> str:
    return "\n".join(f"{label} <- c({', '.join(map(_number, values))})" for label, values in groups)


def spaced_lines(groups: Groups) -> str:
    return "compare means\n" + "\n".join(f"{label}: {' '.join(map(_number, values))}" for label, values in groups)


def long_csv(groups: Groups) -> str:
    rows = [f"{_number(value)},{label}" for label, values in groups for value in values]
    return "value,group\n" + "\n".join(rows) + "\nMann-Whitney test of value between groups"


PHRASINGS: list[Callable[[Groups], str]] = [colon_lists, bracket_lists, r_vectors, spaced_lines, long_csv]


@settings(max_examples=30, deadline=None)
@given(groups=two_samples(), phrasing=st.sampled_from(PHRASINGS))
def test_two_groups_read_back_whatever_the_phrasing(groups: Groups, phrasing: Callable[[Groups], str]) -> None:
    pair = two_groups(parse_request(phrasing(groups)), ())
    assert pair is not None
    assert [(item.label, item.values) for item in pair] == [(label, values) for label, values in groups]


Counts = tuple[tuple[int, int], tuple[int, int]]


@st.composite
def two_by_two(draw: st.DrawFn) -> tuple[Counts, tuple[str, str]]:
    cells = [draw(st.integers(min_value=1, max_value=500)) for _ in range(4)]
    labels = tuple(draw(st.lists(st.sampled_from(LABELS), min_size=2, max_size=2, unique=True)))
    return ((cells[0], cells[1]), (cells[2], cells[3])), (labels[0], labels[1])


def grid(counts: Counts, labels: tuple[str, str]) -> str:
    del labels
    return f"chi-square on [[{counts[0][0]}, {counts[0][1]}], [{counts[1][0]}, {counts[1][1]}]]"


def markdown(counts: Counts, labels: tuple[str, str]) -> str:
    lines = ["| | yes | no |", "|---|---|---|"]
    lines += [f"| {label} | {row[0]} | {row[1]} |" for label, row in zip(labels, counts, strict=True)]
    return "\n".join(lines)


def csv_with_totals(counts: Counts, labels: tuple[str, str]) -> str:
    lines = ["arm,yes,no,total"]
    lines += [f"{label},{row[0]},{row[1]},{sum(row)}" for label, row in zip(labels, counts, strict=True)]
    return "\n".join(lines)


def in_words(counts: Counts, labels: tuple[str, str]) -> str:
    return "; ".join(
        f"{label}: {row[0]} responded and {row[1]} did not" for label, row in zip(labels, counts, strict=True)
    )


@settings(max_examples=30, deadline=None)
@given(drawn=two_by_two(), phrasing=st.sampled_from([grid, markdown, csv_with_totals, in_words]))
def test_a_two_by_two_reads_back_whatever_the_phrasing(
    drawn: tuple[Counts, tuple[str, str]], phrasing: Callable[[Counts, tuple[str, str]], str]
) -> None:
    counts, labels = drawn
    parsed = parse_request(phrasing(counts, labels))
    assert parsed.tables, phrasing(counts, labels)
    assert parsed.tables[0].rows == counts


Survival = list[tuple[str, list[tuple[int, bool]]]]


@st.composite
def censored_groups(draw: st.DrawFn) -> Survival:
    labels = draw(st.lists(st.sampled_from(["A", "B", "drug", "placebo"]), min_size=2, max_size=2, unique=True))
    drawn = []
    for label in labels:
        size = draw(st.integers(min_value=3, max_value=10))
        # times of only 0s and 1s would read as event flags: follow-up times here start at 2
        times = draw(st.lists(st.integers(min_value=2, max_value=200), min_size=size, max_size=size))
        marks = draw(st.lists(st.booleans(), min_size=size, max_size=size))
        drawn.append((label, list(zip(times, marks, strict=True))))
    return drawn


def plus_marks(groups: Survival) -> str:
    return "log-rank: " + "; ".join(
        f"{label}: " + ", ".join(f"{t}{'+' if censored else ''}" for t, censored in records)
        for label, records in groups
    )


def time_status_csv(groups: Survival) -> str:
    rows = [f"{t},{0 if censored else 1},{label}" for label, records in groups for t, censored in records]
    return "time,status,arm\n" + "\n".join(rows) + "\nlog-rank test by arm (status 1 = event)"


@settings(max_examples=30, deadline=None)
@given(groups=censored_groups(), phrasing=st.sampled_from([plus_marks, time_status_csv]))
def test_censored_times_read_back_whatever_the_phrasing(groups: Survival, phrasing: Callable[[Survival], str]) -> None:
    reading = survival_groups(parse_request(phrasing(groups)))
    assert reading is not None
    expected = [(label, [t for t, _ in records], [0 if c else 1 for _, c in records]) for label, records in groups]
    assert [(g.label, g.times, g.events) for g in reading.groups] == expected
