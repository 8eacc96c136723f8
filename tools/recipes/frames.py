"""Data pasted as a small data frame: a header line, then one row per line.

    time  event  arm            subject  pre  post
    5     1      A              1        5.2  6.1
    8     0      B              2        4.8  5.9

Numeric columns become lists, word columns with few levels become factors, and identifier columns
(``subject``, ``id`` or 1, 2, 3…) are dropped. Rows labelled by a unique word with counts in the other
columns ("AA 30 10") are also read as a contingency table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tools.recipes.protocol import DataList, Factor, Table

_CELL_SPLIT = re.compile(r"\s*[\t,|;]\s*|\s+")
_NUMERIC_CELL = re.compile(r"^(-?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?)(\+|\*)?$")
_WORD_CELL = re.compile(r"^[A-Za-z][\w\-.']{0,24}$")
_SEPARATOR_LINE = re.compile(r"^[\s|:\-+=]*$")
_ID_HEADERS = {"id", "subject", "patient", "mouse", "animal", "sample", "#", "no", "no.", "participant", "case", "pt"}
_MAX_FACTOR_LEVELS = 6
_MIN_ROWS = 3


@dataclass
class FrameParse:
    lists: list[DataList] = field(default_factory=list)
    factors: list[Factor] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)  # text the frames consumed


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int
    cells: tuple[str, ...]

    @property
    def kinds(self) -> tuple[bool, ...]:
        return tuple(bool(_NUMERIC_CELL.match(cell)) for cell in self.cells)


def parse_frames(text: str) -> FrameParse:
    result = FrameParse()
    lines = _lines(text)
    index = 0
    while index < len(lines):
        block = _block_from(lines, index)
        if block is None:
            index += 1
            continue
        header, rows = block
        _read_block(header, rows, result)
        result.spans.append((header.start, rows[-1].end))
        index += 1 + len(rows)
    return result


def _lines(text: str) -> list[_Line]:
    found: list[_Line] = []
    offset = 0
    for raw in text.split("\n"):
        if not _SEPARATOR_LINE.match(raw):
            cells = tuple(cell for cell in _CELL_SPLIT.split(raw.strip().strip("|")) if cell)
            found.append(_Line(offset, offset + len(raw), cells))
        offset += len(raw) + 1
    return found


def _block_from(lines: list[_Line], index: int) -> tuple[_Line, list[_Line]] | None:
    """A header at ``index`` (words only) followed by at least three rows of the same shape."""
    header = lines[index]
    width = len(header.cells)
    if width < 2 or any(kind for kind in header.kinds) or not all(_WORD_CELL.match(c) for c in header.cells):
        return None
    rows: list[_Line] = []
    for line in lines[index + 1 :]:
        if len(line.cells) != width or not any(line.kinds) or not _cells_well_formed(line):
            break
        if rows and line.kinds != rows[0].kinds:
            break
        rows.append(line)
    return (header, rows) if len(rows) >= _MIN_ROWS else None


def _cells_well_formed(line: _Line) -> bool:
    return all(kind or _WORD_CELL.match(cell) for cell, kind in zip(line.cells, line.kinds, strict=True))


def _read_block(header: _Line, rows: list[_Line], result: FrameParse) -> None:
    numeric_columns: list[tuple[str, list[float], list[bool]]] = []
    word_columns: list[tuple[str, list[str]]] = []
    for column, name in enumerate(header.cells):
        cells = [row.cells[column] for row in rows]
        if rows[0].kinds[column]:
            parsed = [_NUMERIC_CELL.match(cell) for cell in cells]
            values = [float(match.group(1)) for match in parsed if match]
            marks = [bool(match.group(2)) for match in parsed if match]
            if not _is_identifier(name, values):
                numeric_columns.append((name, values, marks))
        else:
            word_columns.append((name, cells))
    context = " ".join(header.cells).lower()
    for name, values, marks in numeric_columns:
        result.lists.append(DataList(name, tuple(values), tuple(marks), context=name.lower(), start=header.start))
    for name, levels in word_columns:
        if len(set(levels)) <= _MAX_FACTOR_LEVELS and len(set(levels)) < len(levels):
            result.factors.append(Factor(name, tuple(levels), context=context, start=header.start))
    _maybe_table(word_columns, numeric_columns, header.start, result)


def _is_identifier(name: str, values: list[float]) -> bool:
    return name.lower().strip(".") in _ID_HEADERS or values == [float(i) for i in range(1, len(values) + 1)]


def _maybe_table(
    word_columns: list[tuple[str, list[str]]],
    numeric_columns: list[tuple[str, list[float], list[bool]]],
    start: int,
    result: FrameParse,
) -> None:
    """One column of distinct row names and at least two count columns: a contingency table."""
    if len(word_columns) != 1 or len(numeric_columns) < 2:
        return
    row_names = word_columns[0][1]
    if len(set(row_names)) != len(row_names):
        return
    columns = [values for _, values, _ in numeric_columns]
    if not all(v >= 0 and v.is_integer() for values in columns for v in values):
        return
    rows = tuple(tuple(column[i] for column in columns) for i in range(len(row_names)))
    col_labels = tuple(name for name, _, _ in numeric_columns)
    result.tables.append(Table(rows, tuple(row_names), col_labels, start=start))
