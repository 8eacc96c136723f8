"""``parse_request``: every piece of inline data in a request, found by deterministic rules."""

from __future__ import annotations

import re
from dataclasses import replace

from analysis.model import DataList, Explained, ParsedRequest, Table, distinct_labels
from analysis.reading.columns import select_columns, with_legends
from analysis.reading.crosstab import crossed_factors
from analysis.reading.cues import find_cues
from analysis.reading.dput import read_dput
from analysis.reading.frames import parse_frames
from analysis.reading.lexer import name_numbers, normalise, runs, tokens
from analysis.reading.lists import (
    columns_from_key_values,
    columns_from_labelled_rows,
    columns_from_subject_rows,
    inline_factors,
    lists_from_runs,
    named_value_lines,
    p_value_mentions,
)
from analysis.reading.named_groups import keyed_rows, level_value_rows, named_subject_groups
from analysis.reading.pairs import arrow_pairs, paired_counts, time_status_pairs
from analysis.reading.r_prints import str_columns, summary_prints, ts_headers, wrapped_vectors
from analysis.reading.reshape import censored_counts, drop_level_lists, pivot_pairs
from analysis.reading.scalars import parse_scalars
from analysis.reading.tables import (
    table_from_cells,
    table_from_flat_four,
    table_from_named_counts,
    tables_from_fractions,
    tables_from_runs,
    tables_from_segments,
    without_total_row,
)
from analysis.reading.tuples import tuple_columns

# "since 1968/12/31", "on 2021-03-04", "14.02.2019": a date, never three numbers of data
_DATE = re.compile(
    r"(?<![\w.])(?:(?:19|20)\d{2}(?P<s1>[-/.])(?:0?[1-9]|1[0-2])(?P=s1)(?:0?[1-9]|[12]\d|3[01])"
    r"|(?:0?[1-9]|[12]\d|3[01])(?P<s2>[-/.])(?:0?[1-9]|[12]\d|3[01])(?P=s2)(?:19|20)\d{2})(?![\w.]|[-/]\d)"
)


# a span of years or values that heads a list: a line of its own ("1750-79", "1850 – 1879:") or a label
# before a colon ("1900-1919: 9.5 2.7 …")
_RANGE_HEADING = re.compile(
    r"(?m)^[ \t]*\d{1,4}[ \t]*[-–][ \t]*\d{1,4}[ \t]*:?[ \t]*$|(?<![\w.,-])\d{1,4}[ \t]*[-–][ \t]*\d{1,4}[ \t]*:(?!\d)"
)
# "prior therapy (prior=10)", "(sex = 2)": the code of a row's level, written in its label
_CODE_IN_LABEL = re.compile(r"\(\s*[A-Za-z_][\w.]*\s*==?\s*(?P<code>-?\d+(?:\.\d+)?)\s*\)")


def parse_request(text: str) -> ParsedRequest:
    """Named lists (with censoring marks), tables, factors, scalar settings and cue words of one request."""
    written = normalise(text)
    dput = read_dput(written)
    text = dput.blanked(written)  # a dput() call is read whole, by read_dput alone
    cues = find_cues(text)
    frames = parse_frames(text)
    pairs = arrow_pairs(text)
    statuses = time_status_pairs(text)
    vectors, vector_spans = wrapped_vectors(text)
    str_lists, str_spans = str_columns(text)
    keyed, keyed_spans = columns_from_key_values(text)
    named_values, named_value_spans = named_value_lines(text)
    subject_groups, subject_group_spans = named_subject_groups(text)
    keyed_columns, keyed_row_spans = keyed_rows(text)
    level_lists, level_factors, level_spans = level_value_rows(text, frames.spans)
    tuple_lists, tuple_spans = tuple_columns(text)
    dates = [m.span() for m in _DATE.finditer(text)]
    headings = [m.span() for m in _RANGE_HEADING.finditer(text)]
    codes = [m.span("code") for m in _CODE_IN_LABEL.finditer(text)]
    captions = ts_headers(text)
    summaries = summary_prints(text)
    frame_spans = [*frames.spans, *str_spans, *tuple_spans]  # a str() print is a frame written sideways
    consumed = [
        *frame_spans,
        *pairs.spans,
        *statuses.spans,
        *vector_spans,
        *keyed_spans,
        *named_value_spans,
        *subject_group_spans,
        *keyed_row_spans,
        *level_spans,
        *dates,
        *headings,
        *codes,
        *captions,
        *summaries,
    ]
    free_tokens, name_spans = name_numbers(
        text, [t for t in tokens(text) if not any(a <= t.start < b for a, b in consumed)]
    )
    row_lists, row_names = columns_from_labelled_rows(text, free_tokens, cues)
    free_tokens = [t for t in free_tokens if not any(a <= t.start < b for a, b in row_names)]
    found_runs = runs(text, free_tokens)
    subject_columns, subject_rows_explained = columns_from_subject_rows(text, free_tokens)
    frame_spans += dput.spans
    frame_lists, set_aside = select_columns(
        written, [*frames.lists, *str_lists, *dput.lists, *tuple_lists], frame_spans
    )
    lists = [
        *frame_lists,
        *pairs.lists,
        *statuses.lists,
        *vectors,
        *keyed,
        *named_values,
        *subject_groups,
        *keyed_columns,
        *level_lists,
        *lists_from_runs(text, found_runs),
        *subject_columns,
        *row_lists,
    ]
    mentioned = p_value_mentions(text, lists, wanted="multiple_testing" in cues)
    lists = sorted([*lists, *([mentioned] if mentioned else [])], key=lambda item: item.start)
    lists = [_headed_by_range(text, item, headings) for item in lists]
    lists, legends = with_legends(text, lists, frames.spans)
    lists, censored = censored_counts(text, lists)
    lists, levels = drop_level_lists(lists)
    lists, pairing = pivot_pairs(text, lists, frames.factors) if "paired" in cues else (lists, [])
    tables = _unique_tables(
        [
            without_total_row(table)
            for table in [
                *paired_counts(text),
                *frames.tables,
                *tables_from_fractions(text, free_tokens),
                *table_from_cells(text),
                *table_from_named_counts(text),
                *tables_from_runs(text, found_runs),
                *tables_from_segments(text, free_tokens),
                *table_from_flat_four(text, found_runs),
                *crossed_factors(text, frames.factors, frames.spans),
            ]
        ]
    )
    ignored = [table for table in tables if _said_to_ignore(text, table)]
    ignored = ignored if len(ignored) < len(tables) else []  # "ignore" over the only table is about something else
    tables = [table for table in tables if table not in ignored]
    scalars = parse_scalars(text, proportions_wanted="proportions" in cues)
    factors = [*frames.factors, *dput.factors, *level_factors, *inline_factors(text)]
    return ParsedRequest(
        text=written,
        lists=_with_unique_labels(lists),
        tables=tuple(tables),
        factors=tuple(factors),
        scalars=scalars.values,
        scalar_spans={key: scalars.where[key] for key in scalars.values if key in scalars.where},
        cues=cues,
        notes=(*frames.notes, *scalars.notes),
        conflicting_settings=tuple(scalars.conflicts),
        other_values=tuple(scalars.others),
        explained=(
            *frames.explained,
            *dput.explained,
            *set_aside,
            *legends,
            *pairs.explained,
            *statuses.explained,
            *levels,
            *pairing,
            *censored,
            *(Explained(span, "part of a name") for span in [*name_spans, *row_names]),
            *(Explained(span, "a date") for span in dates),
            *subject_rows_explained,
            *(Explained(span, "a range heading a list") for span in headings),
            *(Explained(span, "a code in a label") for span in codes),
            *(Explained(span, "the calendar of R's time-series print") for span in captions),
            *(Explained(span, "a statistic of R's summary() print, not a value of the data") for span in summaries),
            *(Explained(span, "a table you said to ignore") for table in ignored for span in table.spans),
            *(Explained(span, "a row or column name of the table") for table in tables for span in table.label_spans),
        ),
    )


def _with_unique_labels(lists: list[DataList]) -> tuple[DataList, ...]:
    labels = distinct_labels([item.label for item in lists])
    return tuple(replace(item, label=label) for item, label in zip(lists, labels, strict=True))


_IGNORE = re.compile(r"\b(?:ignore|disregard|not this one|not that one|don'?t use|do not use)\b", re.I)


def _said_to_ignore(text: str, table: Table) -> bool:
    """ "last week's table (by transplant, ignore):": the caption above a table's block sets it aside."""
    if not table.spans:
        return False
    block_start = text.rfind("\n\n", 0, table.spans[0][0])
    first_cell_line = text.rfind("\n", 0, table.spans[0][0])
    caption = text[block_start + 1 if block_start >= 0 else 0 : max(first_cell_line, 0)]
    return bool(_IGNORE.search(caption))


def _headed_by_range(text: str, item: DataList, headings: list[tuple[int, int]]) -> DataList:
    """A list right under or after a range heading ("1900-1919: 9.5 2.7 …") is named by the range; a table's
    columns keep their own names ("50 countries 1960-70:" above a table is its caption)."""
    if item.column:
        return item
    for start, end in headings:
        if end <= item.start and re.fullmatch(r"[\s:]*", text[end : item.start]):
            return replace(item, label=re.sub(r"\s+", "", text[start:end]).rstrip(":"))
    return item


def _unique_tables(tables: list[Table]) -> list[Table]:
    """The same counts found by two readings are one table, and counts already read as one table's cells are
    not read again as another's: the first reading (the most explicit) wins."""
    seen: set[tuple[tuple[float, ...], ...]] = set()
    taken: set[tuple[int, int]] = set()
    unique: list[Table] = []
    for table in tables:
        if table.rows in seen or taken & set(table.spans):
            continue
        seen.add(table.rows)
        taken |= set(table.spans)
        unique.append(table)
    return unique
