"""Data pasted as a small data frame: a header line, then one row per line.

    time  event  arm          subject,pre,post         "",Yes,No,Total
    5     1      A            1,5.2,6.1                Drug,24,16,40
    8     0      B            2,4.8,5.9                Placebo,14,26,40

Cells are split at tabs (a spreadsheet paste), commas, semicolons or bars (CSV, markdown), read with
the ``csv`` module so quoted names stay whole, or at runs of spaces (R's console output, aligned
columns). R's ``print`` adds row numbers under no header; they are dropped, as are identifier columns
(``subject``, ``id``, or 1, 2, 3…). Numeric columns become lists (``+`` marks censoring, ``NA`` rows
are left out and said), word columns with few levels become factors, and rows labelled by a unique
word with counts in the other columns are also read as a contingency table, with a "Total" row or
column checked against the cells instead of read as cells.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field

from analysis.model import DataList, Explained, Factor, Span, Table

_NUMERIC_CELL = re.compile(r"^(-?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?)(\+|\*)?$")
_MISSING_CELL = re.compile(r"^(?:NA|N/A|NaN|\.|-|)$", re.IGNORECASE)
_WORD_CELL = re.compile(r"^[^\d\s].{0,40}$|^\d+\s*[-–]\s*\d+\s*\D.{0,30}$|^[<>≤≥]=?\s*\d")
_RULE_LINE = re.compile(r"^[\s|:\-+=]*$")
_ID_HEADERS = {"id", "subject", "patient", "mouse", "animal", "sample", "#", "participant", "case", "pt", "obs"}
_TOTAL_NAMES = re.compile(r"^(?:total|totals|sum|all|overall|n)$", re.IGNORECASE)
_MAX_FACTOR_LEVELS = 6
_MIN_ROWS = 2


@dataclass
class FrameParse:
    lists: list[DataList] = field(default_factory=list)
    factors: list[Factor] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    explained: list[Explained] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)  # text the frames consumed


@dataclass(frozen=True, slots=True)
class _Cell:
    text: str
    span: Span

    @property
    def number(self) -> re.Match[str] | None:
        return _NUMERIC_CELL.match(self.text)

    @property
    def missing(self) -> bool:
        return bool(_MISSING_CELL.match(self.text))


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int
    cells: tuple[_Cell, ...]

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple("num" if c.number else "na" if c.missing else "word" for c in self.cells)


def parse_frames(text: str) -> FrameParse:
    result = FrameParse()
    raw_lines = _raw_lines(text)
    index = 0
    while index < len(raw_lines):
        block = _block_from(raw_lines, index)
        if block is None:
            index += 1
            continue
        header, rows, consumed = block
        _read_block(header, rows, result)
        result.spans.append((header.start, rows[-1].end))
        index += consumed
    return result


def _raw_lines(text: str) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    offset = 0
    for raw in text.split("\n"):
        found.append((offset, raw))
        offset += len(raw) + 1
    return found


def _delimiter(line: str) -> str | None:
    for candidate in ("\t", "|", ";", ","):
        if candidate in line:
            return candidate
    return None


def _split(start: int, raw: str, delimiter: str | None) -> _Line:
    """Cells with their places in the message; quoted CSV fields keep their commas."""
    if delimiter is None:
        words = tuple(_Cell(m.group(), (start + m.start(), start + m.end())) for m in re.finditer(r"\S+", raw))
        return _Line(start, start + len(raw), words)
    body = raw.strip().strip("|") if delimiter == "|" else raw
    offset = raw.find(body)
    fields = next(csv.reader([body], delimiter=delimiter, skipinitialspace=True), [])
    cells: list[_Cell] = []
    cursor = 0
    for value in fields:
        clean = value.strip()
        at = body.find(clean, cursor) if clean else cursor
        at = cursor if at < 0 else at
        cells.append(_Cell(clean, (start + offset + at, start + offset + at + len(clean))))
        cursor = at + len(clean)
    return _Line(start, start + len(raw), tuple(cells))


def _is_header(line: _Line) -> bool:
    cells = line.cells
    named = [c for c in cells if c.text]
    return (
        len(named) >= 2
        and all(not c.number and _WORD_CELL.match(c.text) for c in named)
        and (all(c.text for c in cells[1:]))
    )


def _block_from(lines: list[tuple[int, str]], index: int) -> tuple[_Line, list[_Line], int] | None:
    """A header at ``index`` followed by at least two rows of its shape (plus R's row numbers, if any)."""
    start, raw = lines[index]
    if not raw.strip() or _RULE_LINE.fullmatch(raw):
        return None
    delimiter = _delimiter(raw)
    header = _split(start, raw, delimiter)
    if not _is_header(header):
        return None
    rows: list[_Line] = []
    consumed = 1
    for row_start, row_raw in lines[index + 1 :]:
        if _RULE_LINE.fullmatch(row_raw) and row_raw.strip():
            consumed += 1
            continue  # a markdown |---|---| rule
        line = _split(row_start, row_raw, delimiter)
        if not _fits(header, line, rows):
            break
        rows.append(line)
        consumed += 1
    if len(rows) < _MIN_ROWS:
        return None
    if len(rows[0].cells) == len(header.cells) + 1:
        header = _Line(header.start, header.end, (_Cell("", (header.start, header.start)), *header.cells))
    return header, rows, consumed


def _fits(header: _Line, line: _Line, rows: list[_Line]) -> bool:
    width = len(line.cells)
    if width not in (len(header.cells), len(header.cells) + 1) or "num" not in line.kinds:
        return False
    return not rows or width == len(rows[0].cells)


def _read_block(header: _Line, rows: list[_Line], result: FrameParse) -> None:
    complete = [row for row in rows if "na" not in row.kinds]
    if len(complete) < len(rows):
        dropped = len(rows) - len(complete)
        result.notes.append(f"{dropped} pasted row(s) with a missing value (NA) were left out")
        for row in rows:
            if "na" in row.kinds:
                result.explained += [Explained(c.span, "a row with a missing value") for c in row.cells if c.number]
    if len(complete) < _MIN_ROWS:
        return
    numeric: list[tuple[str, list[_Cell]]] = []
    words: list[tuple[str, list[_Cell]]] = []
    for column, name_cell in enumerate(header.cells):
        cells = [row.cells[column] for row in complete]
        if all(cell.number for cell in cells):
            numeric.append((name_cell.text, cells))
        elif not any(cell.number for cell in cells):
            words.append((name_cell.text, cells))
    numeric = _without_identifiers(numeric, result)
    context = " ".join(c.text for c in header.cells).lower()
    for name, cells in numeric:
        matches = [cell.number for cell in cells]
        values = tuple(float(m.group(1)) for m in matches if m)
        marks = tuple(bool(m.group(2)) for m in matches if m)
        spans = tuple(cell.span for cell in cells)
        result.lists.append(DataList(name, values, marks, context=name.lower(), start=header.start, spans=spans))
    for name, cells in words:
        levels = tuple(cell.text for cell in cells)
        if len(set(levels)) <= _MAX_FACTOR_LEVELS and len(set(levels)) < len(levels):
            result.factors.append(Factor(name or "group", levels, context=context, start=header.start))
    _maybe_table(words, numeric, header.start, result)


def _without_identifiers(numeric: list[tuple[str, list[_Cell]]], result: FrameParse) -> list[tuple[str, list[_Cell]]]:
    """Drop R's row numbers (no header, 1, 2, 3…) and identifier columns ("id", "subject": distinct integers)."""
    kept = []
    for name, cells in numeric:
        values = [float(cell.number.group(1)) for cell in cells if cell.number]
        row_numbers = values == [float(i) for i in range(1, len(values) + 1)]
        identifiers = len(set(values)) == len(values) and all(v.is_integer() for v in values)
        if (not name and row_numbers) or (name.lower().strip(".") in _ID_HEADERS and identifiers):
            result.explained += [Explained(cell.span, "a row number or identifier") for cell in cells]
            continue
        kept.append((name, cells))
    return kept


def _maybe_table(
    words: list[tuple[str, list[_Cell]]], numeric: list[tuple[str, list[_Cell]]], start: int, result: FrameParse
) -> None:
    """One column of distinct row names and at least two count columns: a contingency table."""
    if len(words) != 1 or len(numeric) < 2:
        return
    row_names = [cell.text for cell in words[0][1]]
    if len(set(row_names)) != len(row_names):
        return
    grid = [[float(c.number.group(1)) if c.number else -1.0 for c in cells] for _, cells in numeric]
    if not all(v >= 0 and v.is_integer() for column in grid for v in column):
        return
    columns = [(name, cells, values) for (name, cells), values in zip(numeric, grid, strict=True)]
    total_column = next((c for c in columns if _TOTAL_NAMES.match(c[0])), None)
    if total_column is not None:
        columns.remove(total_column)
    total_row = next((i for i, name in enumerate(row_names) if _TOTAL_NAMES.match(name)), None)
    keep = [i for i in range(len(row_names)) if i != total_row]
    if len(columns) < 2 or len(keep) < 2:
        return
    rows = tuple(tuple(values[i] for _, _, values in columns) for i in keep)
    written_totals: list[tuple[str, float, float, Span]] = []  # (what, written, sum of cells, where)
    if total_column is not None:
        _, cells, values = total_column
        written_totals += [
            (f"row {row_names[i]!r}", values[i], sum(rows[k]), cells[i].span) for k, i in enumerate(keep)
        ]
        if total_row is not None:
            grand = sum(map(sum, rows))
            written_totals.append(("the grand total", values[total_row], grand, cells[total_row].span))
    if total_row is not None:
        written_totals += [
            (f"column {name!r}", values[total_row], sum(row[j] for row in rows), cells[total_row].span)
            for j, (name, cells, values) in enumerate(columns)
        ]
    table = Table(
        rows,
        tuple(row_names[i] for i in keep),
        tuple(name for name, _, _ in columns),
        start,
        spans=tuple(cells[i].span for i in keep for _, cells, _ in columns),
        totals=tuple(span for *_, span in written_totals),
        contradiction=total_mismatch(written_totals),
    )
    result.tables.append(table)


def total_mismatch(written_totals: list[tuple[str, float, float, Span]]) -> str:
    """ "row 'Drug': the cells add up to 40 but its total is written as 42" for the first total that is off."""
    for what, written, added, _ in written_totals:
        if written != added:
            return f"{what}: the cells add up to {added:g} but the total written beside them is {written:g}"
    return ""
