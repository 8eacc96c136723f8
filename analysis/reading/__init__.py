"""``parse_request``: every piece of inline data in a request, found by deterministic rules."""

from __future__ import annotations

from dataclasses import replace

from analysis.model import DataList, ParsedRequest, Table, distinct_labels
from analysis.reading.cues import find_cues
from analysis.reading.frames import parse_frames
from analysis.reading.lexer import normalise, runs, tokens
from analysis.reading.lists import columns_from_subject_rows, inline_factors, lists_from_runs, p_value_mentions
from analysis.reading.scalars import parse_scalars
from analysis.reading.tables import (
    table_from_cells,
    table_from_flat_four,
    table_from_named_counts,
    tables_from_fractions,
    tables_from_runs,
    tables_from_segments,
)


def parse_request(text: str) -> ParsedRequest:
    """Named lists (with censoring marks), tables, factors, scalar settings and cue words of one request."""
    text = normalise(text)
    cues = find_cues(text)
    frames = parse_frames(text)
    free_tokens = [t for t in tokens(text) if not any(a <= t.start < b for a, b in frames.spans)]
    found_runs = runs(text, free_tokens)
    lists = [*frames.lists, *lists_from_runs(text, found_runs), *columns_from_subject_rows(text, free_tokens)]
    mentioned = p_value_mentions(text, lists)
    lists = sorted([*lists, *([mentioned] if mentioned else [])], key=lambda item: item.start)
    tables = _unique_tables(
        [
            *frames.tables,
            *tables_from_runs(text, found_runs),
            *tables_from_segments(text, free_tokens),
            *tables_from_fractions(text),
            *table_from_cells(text),
            *table_from_named_counts(text),
            *table_from_flat_four(text, found_runs),
        ]
    )
    scalars = parse_scalars(text, proportions_wanted="proportions" in cues)
    factors = [*frames.factors, *inline_factors(text)]
    return ParsedRequest(
        text=text,
        lists=_with_unique_labels(lists),
        tables=tuple(tables),
        factors=tuple(factors),
        scalars=scalars.values,
        scalar_spans={key: scalars.where[key] for key in scalars.values if key in scalars.where},
        cues=cues,
        notes=(*frames.notes, *scalars.notes),
        explained=tuple(frames.explained),
    )


def _with_unique_labels(lists: list[DataList]) -> tuple[DataList, ...]:
    labels = distinct_labels([item.label for item in lists])
    return tuple(replace(item, label=label) for item, label in zip(lists, labels, strict=True))


def _unique_tables(tables: list[Table]) -> list[Table]:
    """The same counts found by two readings are one table; the first reading (the most explicit) wins."""
    seen: set[tuple[tuple[float, ...], ...]] = set()
    unique: list[Table] = []
    for table in tables:
        if table.rows not in seen:
            seen.add(table.rows)
            unique.append(table)
    return unique
