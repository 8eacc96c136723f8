"""Data pasted as a small data frame: a header line, then one row per line.

    time  event  arm          subject,pre,post         "",Yes,No,Total
    5     1      A            1,5.2,6.1                Drug,24,16,40
    8     0      B            2,4.8,5.9                Placebo,14,26,40

Cells are split at tabs (a spreadsheet paste), bars (markdown), semicolons or commas (CSV, read with
the ``csv`` module so quoted names stay whole), or at spaces: single spaces, runs of two or more
(aligned columns whose names have spaces), or R's ``print`` layout, where row names with spaces come
first and the last cells are the columns. R's row numbers and identifier columns are dropped, as
numbers inside names (a row called "Datsun 710", a column called "20-24") are explained, not data.
Numeric columns become lists (``+`` marks censoring; rows with ``NA`` are left out and said); word
columns with few levels become factors; rows named by a unique word with counts beside them are also
read as a contingency table, a "Total" row or column checked against the cells instead of read as
cells, and a column of group sizes ("children", "n") turned into the non-events beside the events.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from analysis.model import MISMATCH, DataList, Explained, Factor, Span, Table
from analysis.reading.columns import mentions, name_variants, set_aside_at
from analysis.reading.labels import group_counts_said

_NUMERIC_CELL = re.compile(r"^(-?(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?)L?(\+|\*)?$")
_DECIMAL_COMMA = re.compile(r"^-?\d+,\d+$")
_RANGE = re.compile(r"^\d+(?:\.\d+)?\s*[-–]\s*\d+(?:\.\d+)?$")
_NUMBERS_ONLY = re.compile(r"^-?\d[\d.]*(?:\s+-?\d[\d.]*)+$")
_GROUPED_THOUSANDS = re.compile(r"-?\d{1,3}(?:,\d{3})+")
_MISSING_CELL = re.compile(r"^(?:NA|N/A|NaN|\.|-|—|)$", re.IGNORECASE)
_RULE_LINE = re.compile(r"^[\s|:\-+=]*$")
_ID_HEADERS = {
    "id", "subject", "patient", "mouse", "animal", "sample", "#", "participant", "case", "pt", "obs", "row",
    "index", "chick", "rat", "dog", "number", "record",
}  # fmt: skip
_YEAR = re.compile(r"(?:18|19|20)\d\d")
_TOTAL_NAMES = re.compile(
    r"^[*_ ]*(?:(?:row|column|col|grand)[ _]?)?(?:total|totals|sum|all|overall|n)(?:[ _]?(?:n|\(n\)))?[*_ ]*$",
    re.IGNORECASE,
)
_SIZE_NAMES = re.compile(
    r"^(?:(?:n|no\.?|number|total)(?: of)? )?(?:n|n total|total|number|children|patients|subjects|participants|people"
    r"|persons|women|men|mice|animals|households|families|homes|applicants|students|pupils|respondents|individuals"
    r"|infants|babies|newborns|adults|residents|workers|employees|eyes|schools|hospitals|mothers|couples|donors"
    r"|enrolled|randomi[sz]ed|population|at risk|denominator|treated|vaccinated|exposed|births|pregnancies"
    r"|screened|tested|examined|sampled|surveyed|invited|included|followed)(?: \(n\))?$",
    re.IGNORECASE,
)
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
    columns: list[tuple[str, Span]] = field(default_factory=list)  # every column name, where the header wrote it


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

    @property
    def value(self) -> float:
        match = self.number
        return float(match.group(1).replace(",", "")) if match else float("nan")


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int
    cells: tuple[_Cell, ...]

    @property
    def kinds(self) -> tuple[str, ...]:
        return tuple("num" if c.number else "na" if c.missing else "word" for c in self.cells)


Splitter = Callable[[int, str], _Line]


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
        rows = _grouped_thousands(text, header, rows, result)
        header, rows = _without_percent_columns(header, rows, result)
        if _lost_cell(header, rows, result):
            pass
        elif not (_rows_compared(text, header, rows, result) or _gappy_columns_alone(header, rows, result)):
            _read_block(*_without_gappy_columns(text, header, rows, result), result)
        result.spans.append((header.start, rows[-1].end))
        index += consumed
    return result


def _grouped_thousands(text: str, header: _Line, rows: list[_Line], result: FrameParse) -> list[_Line]:
    """A semicolon export writes a decimal with a comma ("1,1" is 1.1), but a column whose every value has
    three digits after its comma and some end in 0 ("299,850", "300,070") groups thousands: an export does not
    write a decimal's trailing zero."""
    grouped = set()
    for j, name in enumerate(header.cells):
        raws = [text[slice(*row.cells[j].span)] for row in rows if j < len(row.cells)]
        converted = any(row.cells[j].text != raw for row, raw in zip(rows, raws, strict=False))
        if converted and all(_GROUPED_THOUSANDS.fullmatch(raw) for raw in raws) and any(r.endswith("0") for r in raws):
            grouped.add(j)
            result.notes.append(
                f"column {name.text!r}: read {raws[0]!r} as {raws[0].replace(',', '')} (the commas group thousands; "
                "a decimal comma would not end in 0)"
            )
    if not grouped:
        return rows

    def regrouped(row: _Line) -> _Line:
        cells = tuple(_Cell(text[slice(*c.span)], c.span) if j in grouped else c for j, c in enumerate(row.cells))
        return _Line(row.start, row.end, cells)

    return [regrouped(row) for row in rows]


def _raw_lines(text: str) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    offset = 0
    for raw in text.split("\n"):
        found.append((offset, raw))
        offset += len(raw) + 1
    return found


def _splitters(line: str) -> list[Splitter]:
    for delimiter in ("\t", "|", ";", ","):
        if delimiter in line:
            return [functools.partial(_split_delimited, delimiter=delimiter)]
    return [_split_wide, _split_words] if re.search(r"\S {2,}\S", line.strip()) else [_split_words, _split_wide]


def _split_words(start: int, raw: str) -> _Line:
    return _line(start, raw, re.finditer(r"\S+", raw))


def _split_wide(start: int, raw: str) -> _Line:
    """Aligned columns: cells are separated by two or more spaces, so names may hold single spaces."""
    return _line(start, raw, re.finditer(r"\S+(?: \S+)*", raw))


def _line(start: int, raw: str, matches: Iterable[re.Match[str]]) -> _Line:
    cells = tuple(_Cell(m.group(), (start + m.start(), start + m.end())) for m in matches)
    return _Line(start, start + len(raw), cells)


def _split_delimited(start: int, raw: str, delimiter: str) -> _Line:
    """Cells with their places in the message; quoted CSV fields keep their commas."""
    body = raw.strip().strip("|") if delimiter == "|" else raw
    offset = raw.find(body)
    fields = next(csv.reader([body], delimiter=delimiter, skipinitialspace=True), [])
    cells: list[_Cell] = []
    cursor = 0
    for value in fields:
        clean = value.strip()
        at = body.find(clean, cursor) if clean else cursor
        at = cursor if at < 0 else at
        span = (start + offset + at, start + offset + at + len(clean))
        if delimiter == ";" and _DECIMAL_COMMA.match(clean):  # "1,1" in a semicolon export is 1.1
            clean = clean.replace(",", ".")
        if delimiter == "|" and re.search(r"\S {2,}\S", clean):
            # Stata's tabulate: "|  Yes    No |", "| 11    37 |": columns aligned inside one pipe cell
            pieces = re.finditer(r"\S+" if _NUMBERS_ONLY.match(clean) else r"\S+(?: \S+)*", clean)
            cells += [_Cell(m.group(), (span[0] + m.start(), span[0] + m.end())) for m in pieces]
        else:
            cells.append(_Cell(clean, span))
        cursor = at + len(clean)
    return _Line(start, start + len(raw), tuple(cells))


def _is_header(line: _Line) -> bool:
    """Column names: short, not numbers, not a sentence cut at its commas ("(columns: low", "high):")."""
    cells = line.cells
    named = [c for c in cells if c.text]
    words = [c for c in named if not c.number]
    # "70+" over a column is the label "70 and over", not a censored 70, when the line has words too
    labelled = [c for c in named if not c.number or (words and (c.text.endswith("+") and not c.text.startswith("-")))]
    labelled += [c for c in named if c.number and words and _YEAR.fullmatch(c.text)]  # "| site | 1931 | 1932 |"
    return (
        len(named) >= 2
        and len(labelled) == len(named)
        and all(not c.missing and len(c.text) <= 40 for c in named)
        and all(c.text for c in cells[1:])
        and not any(c.text.count("(") != c.text.count(")") or c.text.endswith(":") for c in named)
        and all(re.search(r"[A-Za-z0-9%]", c.text) for c in named)
        and not named[0].text.startswith(">")  # an R prompt, not a header
    )


def _block_from(lines: list[tuple[int, str]], index: int) -> tuple[_Line, list[_Line], int] | None:
    """A header at ``index`` followed by at least two rows of its shape (plus R's row names, if any)."""
    start, raw = lines[index]
    if not raw.strip() or _RULE_LINE.fullmatch(raw):
        return None
    found = []
    for split in _splitters(raw):
        header = split(start, raw)
        if _is_header(header) and (block := _rows_below(lines, index, header, split)) is not None:
            found.append(block)
    # a split whose header names every column beats one that needs R's unnamed row-name column, unless its
    # first name is indented past the row names below it ("      relapse   no relapse" over "favourable  43 …");
    # before both, a split whose row names swallowed no count ("blue 326" under "fair    red medium   dark"), and
    # first of all one whose column names all differ ("1962 >=20   1962 <20" split at single spaces names two "1962"),
    # and one that does not join two numbers into a cell ("1   0.000031 0.000183" under "x        y")
    found.sort(
        key=lambda block: (
            _repeats_a_name(block[0]),
            _joins_numbers(block[1]),
            _names_swallowed_numbers(block[1]),
            _indented_past_rows(*block[:2]),
            not block[0].cells[0].text,
            -block[2],
        )
    )
    return found[0] if found else None


def _joins_numbers(rows: list[_Line]) -> bool:
    return all(any(_NUMBERS_ONLY.match(c.text) for c in row.cells) for row in rows)


def _repeats_a_name(header: _Line) -> bool:
    names = [cell.text for cell in header.cells if cell.text]
    return len(set(names)) < len(names)


def _names_swallowed_numbers(rows: list[_Line]) -> bool:
    """Every row name ends in a number of its own ("blue 326", "light 688"): the split left a count in the
    names, where numbered names ("Clinic 1") would read the same under either split."""
    names = [row.cells[0].text for row in rows]
    return all(re.search(r"\s\d[\d.,]*$", name) for name in names) and len({n.split()[-1] for n in names}) == len(names)


def _indented_past_rows(header: _Line, rows: list[_Line]) -> bool:
    first = header.cells[0]
    if not first.text:
        return False
    column = first.span[0] - header.start
    return all(not row.cells[0].number and column >= row.cells[0].span[1] - row.start for row in rows)


def _rows_below(
    lines: list[tuple[int, str]], index: int, header: _Line, split: Splitter
) -> tuple[_Line, list[_Line], int] | None:
    rows: list[_Line] = []
    consumed = 1
    for row_start, row_raw in lines[index + 1 :]:
        if _RULE_LINE.fullmatch(row_raw) and row_raw.strip():
            consumed += 1
            continue  # a markdown |---|---| rule
        line = _fitted(header, split(row_start, row_raw), rows, row_names=split in (_split_words, _split_wide))
        if line is None:
            break
        rows.append(line)
        consumed += 1
    if len(rows) < _MIN_ROWS:
        return None
    if len(rows[0].cells) == len(header.cells) + 1:  # R's row names (or numbers) sit under no header
        header = _Line(header.start, header.end, (_Cell("", (header.start, header.start)), *header.cells))
    return header, rows, consumed


def _fitted(header: _Line, line: _Line, rows: list[_Line], row_names: bool) -> _Line | None:
    """The row as cells of the header's shape: as split, or R's row name (words with spaces) plus the values."""
    width = len(header.cells)
    cells = line.cells
    for extra in (1, 2):  # "129   69   Tenor 1": numbered rows whose last column holds a level with a space
        values = cells[: -extra - 1]
        level_last = len(values) >= 2 and not cells[-extra - 1].number and all(c.number for c in values)
        if row_names and len(cells) == width + 1 + extra and level_last:
            last = cells[-extra - 1 :]
            joined = _Cell(" ".join(c.text for c in last), (last[0].span[0], last[-1].span[1]))
            cells = (*cells[: -extra - 1], joined)
            break
    name_numbers = sum(1 for c in cells[:-width] if c.number)
    if (
        row_names
        and len(cells) > width + 1
        and name_numbers <= 1
        and all(c.number or c.missing for c in cells[-width:])
    ):
        name_end = cells[-width - 1].span[1]
        name = _Cell(" ".join(c.text for c in cells[:-width]), (cells[0].span[0], name_end))
        cells = (name, *cells[-width:])
    kinds = ["num" if c.number else "na" if c.missing else "word" for c in cells]
    # a delimited row of short words ("X07<TAB>n<TAB>y") is a row of categories; split at spaces it may be prose
    categories = (
        not row_names
        and len(cells) == width
        and all(0 < len(c.text) <= 15 for c in cells)
        and all(len(c.text) <= 20 and not re.search(r"[=:]", c.text) for c in header.cells)
        and not any("num" in row.kinds for row in rows)
    )
    if len(cells) not in (width, width + 1) or ("num" not in kinds and not categories):
        return None
    if any(re.search(r":\s*-?\d|:$", c.text) for c in cells if not c.number):
        return None  # "responders: 12" (or "run A: 12.1 13.4") is a label and its values, not a row of a frame
    if rows and len(cells) != len(rows[0].cells):
        return None
    return _Line(line.start, line.end, cells)


_PERCENT_HEADER = re.compile(r"^\(?(?:%|pct|percent(?:age)?|row %|col(?:umn)? %)\)?$", re.IGNORECASE)
_PERCENT_CELL = re.compile(r"^\(?-?\d+(?:\.\d+)?[ \t]*%\)?$")
_BARE_PERCENT = re.compile(r"^(?:100(?:\.0+)?|\d{1,2}(?:\.\d+)?)$")


def _percentages(head: str, cells: list[str]) -> bool:
    """Cells written as percentages ("97.0%"), or bare numbers up to 100 under a "%" header ("in suspension |
    total | %" over "64 | 66 | 97.0")."""
    if all(_PERCENT_CELL.match(cell) or not cell for cell in cells):
        return bool(_PERCENT_HEADER.match(head)) or any(cells)
    return bool(_PERCENT_HEADER.match(head)) and all(_BARE_PERCENT.match(cell) or not cell for cell in cells)


def _without_percent_columns(header: _Line, rows: list[_Line], result: FrameParse) -> tuple[_Line, list[_Line]]:
    """ "died | % | alive | total" from a spreadsheet: a column of percentages beside the counts is derived from
    them, not data; it is set aside (its cells are percentages, so no reading counts them)."""
    percent = {
        j
        for j, cell in enumerate(header.cells)
        if j > 0
        and all(j < len(row.cells) for row in rows)
        and _percentages(cell.text, [row.cells[j].text for row in rows])
    }
    if not percent:
        return header, rows
    if len(percent) == len(header.cells) - 1:  # every column a percentage ("51.10%" vote shares): they are the data

        def bare(line: _Line) -> _Line:
            cells = tuple(_Cell(c.text.rstrip("%").strip(), c.span) if j else c for j, c in enumerate(line.cells))
            return _Line(line.start, line.end, cells)

        return header, [bare(row) for row in rows]

    def kept(line: _Line) -> _Line:
        return _Line(line.start, line.end, tuple(c for j, c in enumerate(line.cells) if j not in percent))

    result.explained += [
        Explained(row.cells[j].span, "a percentage worked out from the counts beside it")
        for row in rows
        for j in percent
        if row.cells[j].text
    ]
    return kept(header), [kept(row) for row in rows]


def _without_gappy_columns(
    text: str, header: _Line, rows: list[_Line], result: FrameParse
) -> tuple[_Line, list[_Line]]:
    """A column with missing values that the request does not name is set aside, so its NAs do not cost the
    rows of the columns it does use; a named one stays, and its NA rows are left out in ``_read_block``."""
    block = [(header.start, rows[-1].end)]
    gappy = {j for row in rows for j, kind in enumerate(row.kinds) if kind == "na"}
    names = [cell.text for cell in header.cells]
    named = {
        j
        for j, cell in enumerate(header.cells)
        if cell.text  # "hgb (g/dL)" is named by "hgb"
        and (places := [p for variant in name_variants(cell.text, names) for p in mentions(text, variant, block)])
        and not all(set_aside_at(text, place) for place in places)  # "on age alone (not sex or hgb)"
    }
    dropped = {j for j in gappy if header.cells[j].text and j not in named}
    if not dropped or len(dropped) == len(header.cells):
        return header, rows
    for j in sorted(dropped):
        name = header.cells[j].text
        result.notes.append(f"column {name!r} has missing values and the request does not use it; it was set aside")
        result.explained += [
            Explained(r.cells[j].span, f"column {name!r}, set aside") for r in rows if r.cells[j].number
        ]

    def kept(line: _Line) -> _Line:
        return _Line(line.start, line.end, tuple(c for j, c in enumerate(line.cells) if j not in dropped))

    return kept(header), [kept(row) for row in rows]


def _lost_cell(header: _Line, rows: list[_Line], result: FrameParse) -> bool:
    """A table of counts (row names, then whole numbers) with an empty cell: no column or row of it may be set
    aside, and no count guessed, so it is kept as a table that says which cell is missing."""
    if len(rows) < _MIN_ROWS or len(header.cells) < 3 or any(len(row.cells) != len(header.cells) for row in rows):
        return False
    names = [row.cells[0] for row in rows]
    distinct = len({cell.text for cell in names}) == len(names)  # a table's row names; "Sex" repeats its levels
    if not distinct or not (_range_labels(names) or all(not cell.number for cell in names)):
        return False
    cells = [cell for row in rows for cell in row.cells[1:]]
    if not all(cell.missing or (cell.number and float(cell.text.replace(",", "")).is_integer()) for cell in cells):
        return False
    empty = [(row, j) for row in rows for j, cell in enumerate(row.cells) if j and cell.missing]
    if not empty:
        return False
    row, j = empty[0]
    where = f"row {row.cells[0].text!r}, column {header.cells[j].text or j!r}"
    counts = tuple(tuple(0.0 if c.missing else float(c.text.replace(",", "")) for c in r.cells[1:]) for r in rows)
    result.tables.append(
        Table(
            counts,
            tuple(r.cells[0].text for r in rows),
            tuple(c.text for c in header.cells[1:]),
            header.start,
            spans=tuple(c.span for c in cells if not c.missing),
            contradiction=f"a cell of the table is empty ({where}), so its count is unknown; paste every cell",
        )
    )
    return True


def _read_block(header: _Line, rows: list[_Line], result: FrameParse) -> None:
    result.explained += [Explained(c.span, "part of a column name") for c in header.cells if c.text]
    result.columns += [(c.text, c.span) for c in header.cells if c.text]
    complete = [row for row in rows if "na" not in row.kinds]
    if len(complete) < len(rows):
        dropped = len(rows) - len(complete)
        result.notes.append(f"{dropped} pasted row(s) with a missing value (NA) were left out")
        for row in rows:
            if "na" in row.kinds:
                result.explained += [Explained(c.span, "a row with a missing value") for c in row.cells if c.number]
    if len(complete) < _MIN_ROWS:
        return
    if _groups_by_row(header, complete, result):
        return
    numeric: list[tuple[str, list[_Cell]]] = []
    words: list[tuple[str, list[_Cell]]] = []
    for column, name_cell in enumerate(header.cells):
        cells = [row.cells[column] for row in complete]
        if all(cell.number for cell in cells) and not _range_labels(cells):
            numeric.append((name_cell.text, cells))
        elif not any(cell.number for cell in cells) or _range_labels(cells):
            words.append((name_cell.text, cells))
            result.explained += [Explained(cell.span, "part of a name in the data") for cell in cells]
    numeric = _without_identifiers(numeric, result)
    context = " ".join(c.text for c in header.cells).lower()
    for name, cells in numeric:
        result.explained += [Explained(cell.span, f"in column {name!r}, not used by this analysis") for cell in cells]
        values = tuple(cell.value for cell in cells)
        marks = tuple(bool(cell.number and cell.number.group(2)) for cell in cells)
        spans = tuple(cell.span for cell in cells)
        result.lists.append(
            DataList(name, values, marks, context=name.lower(), start=header.start, spans=spans, column=True)
        )
    for name, cells in words:
        levels = tuple(cell.text for cell in cells)
        if len(set(levels)) <= _MAX_FACTOR_LEVELS and len(set(levels)) < len(levels):
            result.factors.append(Factor(name or "group", levels, context=context, start=header.start))
    _maybe_table(words, numeric, header.start, result)


_TABLE_ANALYSIS = re.compile(
    r"\bchi\b|\bchi[- ]?sq|χ|fisher|\bodds|relative risk|risk ratio|mc ?nemar|contingency|independence\b", re.I
)
_COMPARED = re.compile(r"([\w.]+)\s*(?:−|–|-|minus|vs\.?|versus|against|compared (?:to|with))\s*([\w.]+)", re.I)


def _rows_compared(text: str, header: _Line, rows: list[_Line], result: FrameParse) -> bool:
    """ "1984 minus 1982" (or "year as the factor", "4 groups of 12 months") under a table whose rows are years
    and columns months: the request compares rows, so each row is one group of values (R prints a monthly
    series this way)."""
    if header.cells[0].text or len(header.cells) < 4 or any("na" in row.kinds for row in rows):
        return False
    if _TABLE_ANALYSIS.search(text):
        return False  # "smokers vs non-smokers, chi-square": rows of a table of counts, read as a table
    after = text[rows[-1].end :]
    compared = _two_rows_named(after, rows)
    if not (compared or _rows_said_to_be_groups(after, rows, len(header.cells))):
        return False
    for row in rows:
        cells = row.cells[1:]
        if not all(cell.number for cell in cells):
            return False
    for row in rows:
        label, cells = row.cells[0], row.cells[1:]
        # "1984 minus 1982" under three years: the two compared rows are the groups, the third is shown only
        named = label.text in compared
        result.lists.append(DataList.written(label.text, [(cell.value, cell.span) for cell in cells], named=named))
        result.explained.append(Explained(label.span, f"the name of the row {label.text!r}"))
        if compared and not named:
            result.explained += [Explained(c.span, f"in row {label.text!r}, not compared") for c in cells]
    result.explained += [Explained(c.span, "part of a column name") for c in header.cells if c.text]
    return True


def _two_rows_named(request: str, rows: list[_Line]) -> set[str]:
    """The names of two rows the request sets against each other ("1984 minus 1982"); empty when it names none."""
    names = {row.cells[0].text for row in rows}
    for match in _COMPARED.finditer(request):
        compared = {match.group(1).rstrip("."), match.group(2).rstrip(".")}
        if len(compared) == 2 and compared <= names:
            return compared
    return set()


_YEARS_AS_GROUPS = re.compile(
    r"\byears?\b (?:as (?:the )?(?:factor|groups?|grouping)|(?:is|are) the (?:factor|groups?))"
    r"|\b(?:by|between|across|among) (?:the )?years\b|\beach year (?:is )?a group",
    re.I,
)


def _rows_said_to_be_groups(request: str, rows: list[_Line], columns: int) -> bool:
    """The request counts the rows as its groups ("4 groups of 12 months"), or calls the years the rows are
    named by its factor ("ANOVA with year as the factor")."""
    counts = group_counts_said(request)
    if len(rows) in counts and columns not in counts:
        return True
    years = all(re.fullmatch(r"(?:1[89]|20)\d\d", row.cells[0].text) for row in rows)
    return years and bool(_YEARS_AS_GROUPS.search(request))


def _gappy_columns_alone(header: _Line, rows: list[_Line], result: FrameParse) -> bool:
    """Columns of numbers only, some cells NA, nothing grouping the rows (R's print of a quarterly series): each
    column keeps its own values and marks where its NAs were, as R's lists do. Leaving out whole rows would cost
    the other columns' values; paired readings keep the complete pairs (``shapes.complete_pairs``)."""
    named = [j for j, cell in enumerate(header.cells) if cell.text]
    gaps = any("na" in row.kinds for row in rows)
    if (
        not gaps
        or len(named) < 3
        or any(kind == "word" for row in rows for j, kind in enumerate(row.kinds) if j in named)
    ):
        return False
    if len(rows) < _MIN_ROWS:
        return False
    result.notes.append("missing values (NA) were left out of their own column only")
    result.explained += [Explained(c.span, "part of a column name") for c in header.cells if c.text]
    result.columns += [(c.text, c.span) for c in header.cells if c.text]
    for j, cell in enumerate(header.cells):
        cells = [row.cells[j] for row in rows]
        if not cell.text:  # R's row names ("1945", "1946", …): which row, not data
            result.explained += [Explained(c.span, "the name of a row") for c in cells if c.number]
            continue
        present = [c for c in cells if c.number]
        missing = tuple(i for i, c in enumerate(cells) if c.missing)
        result.explained += [Explained(c.span, f"in column {cell.text!r}, not used by this analysis") for c in present]
        result.lists.append(
            replace(DataList.written(cell.text, [(c.value, c.span) for c in present], column=True), missing_at=missing)
        )
    return True


def _groups_by_row(header: _Line, rows: list[_Line], result: FrameParse) -> bool:
    """ "shelf | sodium" over "1 | 240.0 298.5 …": a label cell and a cell holding one group's values per row."""
    if len(header.cells) != 2 or not all(_NUMBERS_ONLY.match(row.cells[1].text) for row in rows):
        return False
    for row in rows:
        label, cell = row.cells
        values = [
            (float(m.group()), (cell.span[0] + m.start(), cell.span[0] + m.end()))
            for m in re.finditer(r"\S+", cell.text)
        ]
        name = f"{header.cells[0].text} {label.text}".strip()
        result.lists.append(replace(DataList.written(name, values), context=header.cells[1].text.lower()))
        result.explained.append(Explained(label.span, f"the name of the row {name!r}"))
    return True


def _range_labels(cells: list[_Cell]) -> bool:
    """ "21-30", "31-45", "46+": bands of a range, where "46+" is a label ("46 and over"), not a censored 46."""
    return any(_RANGE.match(c.text) for c in cells) and all(not c.number or c.text.endswith("+") for c in cells)


def _without_identifiers(numeric: list[tuple[str, list[_Cell]]], result: FrameParse) -> list[tuple[str, list[_Cell]]]:
    """Drop R's row names and numbers (no header), a leading 1, 2, 3… column, and identifier columns."""
    kept = []
    for position, (name, cells) in enumerate(numeric):
        values = [cell.value for cell in cells]
        row_numbers = len(values) >= 3 and values == [float(i) for i in range(1, len(values) + 1)]
        identifiers = len(set(values)) == len(values) and all(v.is_integer() for v in values)
        named_id = name.lower().strip(".") in _ID_HEADERS
        if not name or (named_id and identifiers) or (position == 0 and row_numbers and len(numeric) >= 3):
            result.explained += [Explained(cell.span, "a row number or identifier") for cell in cells]
            continue
        kept.append((name, cells))
    return kept


_PERCENT_COLUMN = re.compile(r"^\s*(?:%|pct|percent(?:age)?|\w+ ?%|% ?\w+)\s*$", re.IGNORECASE)


def _maybe_table(
    words: list[tuple[str, list[_Cell]]], numeric: list[tuple[str, list[_Cell]]], start: int, result: FrameParse
) -> None:
    """One column of distinct row names and at least two count columns: a contingency table. A column of
    percentages beside the counts ("n;cases;%") restates them and is set aside."""
    percents = [
        (name, cells)
        for name, cells in [*numeric, *words]
        if _PERCENT_COLUMN.match(name) or all("%" in c.text for c in cells)
    ]  # "14,0%" in a semicolon export is no number to the reading, so such a column may sit among the words
    if percents and len([c for c in numeric if c not in percents]) >= 2:
        numeric = [column for column in numeric if column not in percents]
        words = [column for column in words if column not in percents]
        result.explained += [
            Explained(c.span, "a percentage beside the counts") for _, cells in percents for c in cells
        ]
    if len(words) != 1 or len(numeric) < 2:
        return
    row_names = [cell.text for cell in words[0][1]]
    if len(set(row_names)) != len(row_names):
        return
    grid = [[cell.value for cell in cells] for _, cells in numeric]
    if not all(v >= 0 and v.is_integer() for column in grid for v in column):
        return
    columns = [(name, cells, values) for (name, cells), values in zip(numeric, grid, strict=True)]
    table = _events_of_sizes(columns, row_names, start) or _counts_with_totals(columns, row_names, start)
    if table is not None:
        result.tables.append(table)


Column = tuple[str, list[_Cell], list[float]]


def _events_of_sizes(columns: list[Column], row_names: list[str], start: int) -> Table | None:
    """ "children | polio cases": a column of group sizes beside one of events is (events, non-events) per row."""
    if len(columns) != 2:
        return None
    sized = [c for c in columns if _SIZE_NAMES.match(c[0].strip())]
    if len(sized) != 1:
        return None
    size_name, size_cells, sizes = sized[0]
    event_name, event_cells, events = next(c for c in columns if c is not sized[0])
    if any(e > n for e, n in zip(events, sizes, strict=True)):
        return None
    rows = tuple((e, n - e) for e, n in zip(events, sizes, strict=True))
    spans = tuple(cell.span for pair in zip(event_cells, size_cells, strict=True) for cell in pair)
    return Table(rows, tuple(row_names), (event_name, f"no {event_name} (of {size_name})"), start, spans=spans)


def _counts_with_totals(columns: list[Column], row_names: list[str], start: int) -> Table | None:
    total_column = next((c for c in columns if _TOTAL_NAMES.match(c[0])), None) or _sums_of_others(columns)
    if total_column is not None:
        columns = [c for c in columns if c is not total_column]
    total_row = next((i for i, name in enumerate(row_names) if _TOTAL_NAMES.match(name)), None)
    if total_row is None and len(row_names) >= 3 and _is_sum_row(columns, len(row_names) - 1):
        total_row = len(row_names) - 1
    keep = [i for i in range(len(row_names)) if i != total_row]
    if len(columns) < 2 or len(keep) < 2:
        return None
    rows = tuple(tuple(values[i] for _, _, values in columns) for i in keep)
    written_totals: list[tuple[str, float, float, Span]] = []  # (what, written, sum of cells, where)
    if total_column is not None:
        _, cells, values = total_column
        written_totals += [
            (f"row {row_names[i]!r}", values[i], sum(rows[k]), cells[i].span) for k, i in enumerate(keep)
        ]
        if total_row is not None:
            written_totals.append(("the grand total", values[total_row], sum(map(sum, rows)), cells[total_row].span))
    if total_row is not None:
        written_totals += [
            (f"column {name!r}", values[total_row], sum(row[j] for row in rows), cells[total_row].span)
            for j, (name, cells, values) in enumerate(columns)
        ]
    return Table(
        rows,
        tuple(row_names[i] for i in keep),
        tuple(name for name, _, _ in columns),
        start,
        spans=tuple(cells[i].span for i in keep for _, cells, _ in columns),
        totals=tuple(span for *_, span in written_totals),
        contradiction=total_mismatch(written_totals),
    )


def _sums_of_others(columns: list[Column]) -> Column | None:
    """An unlabelled last column that adds up the others in every row (three or more rows): the row totals."""
    if len(columns) < 3 or len(columns[0][2]) < 3:
        return None
    *cells, last = columns
    rows = range(len(last[2]))
    return last if all(last[2][i] == sum(c[2][i] for c in cells) for i in rows) else None


def _is_sum_row(columns: list[Column], last: int) -> bool:
    return all(values[last] == sum(values[:last]) for _, _, values in columns)


def total_mismatch(written_totals: list[tuple[str, float, float, Span]]) -> str:
    """ "row 'Drug': the cells add up to 40 but its total is written as 42" for the first total that is off."""
    for what, written, added, _ in written_totals:
        if written != added:
            return f"{MISMATCH}{what}: the cells add up to {added:g} but the total written beside them is {written:g}"
    return ""
