"""Two categorical columns the request names, counted into a table.

Per-patient data pasted as rows ("id, hepatomegaly, spiders" with Y/N in each) hold a contingency
table without writing it. When the request names two such columns, their cross-tabulation is read as
a table of counts, rows by the first named. Two yes/no columns with the same levels are the same
subjects measured twice, so the table is also marked paired, positive level first: [[both, first
only], [second only, neither]], the layout McNemar's test reads.
"""

from __future__ import annotations

import re
from collections import Counter

from analysis.model import Factor, Span, Table
from analysis.reading.columns import mentions

MAX_LEVELS = 6
_POSITIVE = re.compile(r"^(?:y|yes|present|pos|positive|\+|true|1|abnormal|case|exposed)$", re.IGNORECASE)


def crossed_factors(text: str, factors: list[Factor], frame_spans: list[Span]) -> list[Table]:
    """The cross-table of the first two categorical columns the request names, in the order it names them;
    of the only two categorical columns pasted, in column order, when it names fewer ("wk2", "wk11" written
    as "week 2 and week 11")."""
    categorical = [f for f in factors if 2 <= len(f.distinct) <= MAX_LEVELS and len(f.levels) > len(f.distinct)]
    named = []
    for factor in categorical:
        places = mentions(text, factor.label, frame_spans)
        if places:
            named.append((places[0][0], factor))
    named.sort(key=lambda pair: pair[0])
    if len(named) >= 2:
        first, second = named[0][1], named[1][1]
    elif len(categorical) == 2 and all(f.label for f in categorical):
        first, second = sorted(categorical, key=lambda f: f.start)
    else:
        return []
    if len(first.levels) != len(second.levels):
        return []
    counts = Counter(zip(first.levels, second.levels, strict=True))
    rows_levels, cols_levels = _ordered(first.distinct), _ordered(second.distinct)
    grid = tuple(tuple(float(counts[(r, c)]) for c in cols_levels) for r in rows_levels)
    paired = len(rows_levels) == 2 and set(rows_levels) == set(cols_levels)
    return [
        Table(
            grid,
            tuple(f"{first.label}: {level}" for level in rows_levels),
            tuple(f"{second.label}: {level}" for level in cols_levels),
            start=min(first.start, second.start),
            paired=paired,
            source="cross-tabulated",
        )
    ]


def _ordered(levels: tuple[str, ...]) -> tuple[str, ...]:
    """Yes before no, so a 2x2 table reads with the positive level first; other levels as they appear."""
    if len(levels) == 2 and _POSITIVE.match(levels[1]) and not _POSITIVE.match(levels[0]):
        return levels[1], levels[0]
    return levels
