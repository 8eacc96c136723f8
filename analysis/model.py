"""What a request's data read as: groups of values, tables of counts, factors and settings, with provenance.

Every number keeps the characters of the message it came from (a ``Span``: start and end offsets
into the normalised text), so that a reading can be checked against the message: which numbers an
analysis used, which were explained (a year, a range label, a total checked against its cells),
and which were left over. Tests assert exact readings on these types.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class DataList:
    """A named list of numbers from the request, in the order written.

    ``censored[i]`` is True when value ``i`` carried a censoring mark (``12+``). ``context`` is the
    lowercased text just before the list: role cues ("times", "events", "before") are read from it.
    ``spans[i]`` is where value ``i`` was written (empty for lists built from others' values); ``codes``
    a legend the request gave for coded values ("sex: 1 = male, 2 = female", "1 = censored, 2 = dead").
    """

    label: str
    values: tuple[float, ...]
    censored: tuple[bool, ...]
    context: str = ""
    start: int = 0
    spans: tuple[Span, ...] = ()
    codes: tuple[tuple[float, str], ...] = ()  # a legend written for the values: ((1, "male"), (2, "female"))
    names: tuple[str, ...] = ()  # a name per value, where the request gave one ("IL6 p = 0.004")
    named: bool = False  # a pasted column the request's words name ("ozone by month"): preferred when choosing
    column: bool = False  # a column of a pasted data frame (its values are one variable, in row order)
    grouping: bool = False  # a column the request groups by ("speed by experiment", "across sites")
    missing_at: tuple[int, ...] = ()  # positions of R's NA in the list as written; the values leave them out

    @classmethod
    def written(
        cls, label: str, cells: Sequence[tuple[float, Span]], *, column: bool = False, named: bool = False
    ) -> DataList:
        """Uncensored values, each with where it was written; the list starts at its first value."""
        return cls(
            label,
            tuple(value for value, _ in cells),
            (False,) * len(cells),
            context=label.lower(),
            start=cells[0][1][0],
            spans=tuple(span for _, span in cells),
            column=column,
            named=named,
        )

    @property
    def has_censoring(self) -> bool:
        return any(self.censored)

    @property
    def is_binary(self) -> bool:
        return all(v in (0.0, 1.0) for v in self.values)

    @property
    def is_integral(self) -> bool:
        return all(float(v).is_integer() for v in self.values)

    @property
    def is_probability(self) -> bool:
        return all(0.0 <= v <= 1.0 for v in self.values)

    @property
    def is_constant(self) -> bool:
        return len(self.values) >= 2 and len(set(self.values)) == 1

    def code_name(self, value: float) -> str | None:
        return next((name for code, name in self.codes if code == value), None)


@dataclass(frozen=True, slots=True)
class Factor:
    """A list of category names from the request ("arm: A A B B"), e.g. the group of each value."""

    label: str
    levels: tuple[str, ...]
    context: str = ""
    start: int = 0

    @property
    def distinct(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.levels))


MISMATCH = "the totals you wrote do not match the counts: "  # opens a Table.contradiction about its totals


@dataclass(frozen=True, slots=True)
class Table:
    """A table of counts written as rows (``rows[i][j]``), with whatever labels the request gave.

    ``spans`` are the cells' places in the message; ``totals`` the places of row, column or grand
    totals written beside the cells, which were checked against them and are not cells. ``paired``
    marks a table read from paired counts ("both: 38; only the first: 16; …"): rows are the first
    measurement, columns the second. A ``contradiction`` says which written total the cells do not match.
    """

    rows: tuple[tuple[float, ...], ...]
    row_labels: tuple[str, ...]
    col_labels: tuple[str, ...]
    start: int = 0
    spans: tuple[Span, ...] = ()
    totals: tuple[Span, ...] = ()
    paired: bool = False
    contradiction: str = ""  # why the table cannot be analysed as written (totals that do not add up, a lost cell)
    # how it was written: "fractions" (events of totals) are margins, never paired counts; "unlabelled clauses"
    # (counts in sentences without row names) have no known layout of pairs either
    source: str = ""
    label_spans: tuple[Span, ...] = ()  # numbers written as row or column names (R's table print), not counts

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.rows), len(self.rows[0]) if self.rows else 0

    @property
    def is_counts(self) -> bool:
        return all(v >= 0 and float(v).is_integer() for row in self.rows for v in row)


@dataclass(frozen=True, slots=True)
class Explained:
    """A number in the message that is not data, and why: "a year", "a range label", "a total, checked"."""

    span: Span
    why: str


@dataclass(frozen=True, slots=True)
class ParsedRequest:
    """Everything deterministic reading found in one request.

    ``scalars`` holds named settings (``alpha``, ``power``, ``effect_size``, ``delta``, ``sd``, ``mu``,
    ``time_point``, ``p1``, ``p2``, ``n_per_group``, ``conf_level``) and ``scalar_spans`` where each was
    written; ``cues`` holds canonical cue names (``paired``, ``nonparametric``, ``survival``…) found in
    the wording; ``explained`` the numbers the reading recognised as not being data.
    """

    text: str
    lists: tuple[DataList, ...] = ()
    tables: tuple[Table, ...] = ()
    factors: tuple[Factor, ...] = ()
    scalars: Mapping[str, float] = field(default_factory=dict)
    scalar_spans: Mapping[str, Span] = field(default_factory=dict)
    cues: frozenset[str] = frozenset()
    notes: tuple[str, ...] = ()  # how ambiguous bits were read, for the answer's caveats
    conflicting_settings: tuple[str, ...] = ()  # "alpha 0.05 and 0.01": one setting given two values
    explained: tuple[Explained, ...] = ()
    other_values: tuple[tuple[str, float, Span], ...] = ()  # the further values of those settings, where written

    def has(self, cue: str) -> bool:
        return cue in self.cues

    def list_named(self, label: str) -> DataList | None:
        return next((item for item in self.lists if item.label == label), None)

    @property
    def has_data(self) -> bool:
        """Lists, tables or survival records to analyse (settings alone are a design question)."""
        return bool(self.lists or self.tables)


def spans_of(items: Iterable[DataList | Table]) -> tuple[Span, ...]:
    """Where the values of these lists and tables were written, totals included (they were checked)."""
    found: list[Span] = []
    for item in items:
        found += item.spans
        if isinstance(item, Table):
            found += item.totals
    return tuple(found)


def no_roles(roles: Sequence[str]) -> bool:
    return not roles or all(not role for role in roles)


def distinct_labels(labels: Sequence[str]) -> list[str]:
    """Make labels unique and non-empty, keeping their order: a repeated "times" becomes "times (2)"."""
    seen: dict[str, int] = {}
    unique: list[str] = []
    for position, raw in enumerate(labels, start=1):
        label = raw.strip() or f"list {position}"
        seen[label] = seen.get(label, 0) + 1
        unique.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return unique
