"""R's console prints of data: a wrapped vector ("> x[1:24]" over rows of values) and ``str()`` of a data frame.

People paste what R showed them. Each print says how many values it holds (an index range, "20 obs."), so a
print is read only when the values below match that count; a truncated print ("...") is left to the other
readers, which then say they could not place its numbers.
"""

from __future__ import annotations

import re
from dataclasses import replace

from analysis.model import DataList, Span

# R's print of a ts object: its header says when the series starts, ends and how often it is observed
TS_HEADER = re.compile(
    r"^[ \t]*Time Series:[ \t]*\n[ \t]*Start = [^\n]*\n[ \t]*End = [^\n]*\n[ \t]*Frequency = [^\n]*$", re.MULTILINE
)


def ts_headers(text: str) -> list[Span]:
    """Where R's "Time Series: Start = 1875 …" header stands: a print's caption, not a request for a time-series
    method, and its numbers are the calendar, not data."""
    return [match.span() for match in TS_HEADER.finditer(text)]


# R's summary(): "Min. 1st Qu. Median Mean 3rd Qu. Max." over one line of numbers, or a frame's "Min.   : 2.90"
_SUMMARY_HEADER = re.compile(
    r"(?m)^[ \t]*Min\.[ \t]+1st Qu\.[ \t]+Median[ \t]+Mean[ \t]+3rd Qu\.[ \t]+Max\..*\n(?P<values>.*)$"
)
_SUMMARY_CELL = re.compile(r"\b(?:Min|1st Qu|Median|Mean|3rd Qu|Max)\.?[ \t]*:[ \t]*(?P<value>-?\d[\d.eE+-]*)")


def summary_prints(text: str) -> list[Span]:
    """The numbers of R's ``summary()`` print: six statistics of data not pasted, never data themselves."""
    spans = [
        (match.start("values") + value.start(), match.start("values") + value.end())
        for match in _SUMMARY_HEADER.finditer(text)
        for value in _VALUE.finditer(match.group("values"))
    ]
    return spans + [match.span("value") for match in _SUMMARY_CELL.finditer(text)]


# "> x[1:24]" or "eruptions[1:24]" over rows of numbers: R's print of one vector of that many values, wrapped
_INDEXED_HEADER = re.compile(
    r"^[ \t]*(?:>[ \t]*)?(?P<name>[A-Za-z.][\w.$]*)\[(?P<from>\d+)[ \t]*:[ \t]*(?P<to>\d+)\][ \t]*$"
)
_VALUE = re.compile(r"-?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?")


def _lines_at(text: str) -> tuple[list[str], list[int]]:
    """The lines of ``text`` and where each starts (one offset more: the end)."""
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    return lines, offsets


def wrapped_vectors(text: str) -> tuple[list[DataList], list[Span]]:
    """One list per indexed header whose rows below hold exactly as many values as the index range names."""
    found: list[DataList] = []
    spans: list[Span] = []
    lines, offsets = _lines_at(text)
    for index, line in enumerate(lines):
        header = _INDEXED_HEADER.match(line)
        if header is None:
            continue
        wanted = int(header.group("to")) - int(header.group("from")) + 1
        values: list[tuple[float, Span]] = []
        row = index + 1
        while row < len(lines) and lines[row].strip() and re.fullmatch(r"[\s\d.eE+-]+", lines[row]):
            values += [
                (float(m.group()), (offsets[row] + m.start(), offsets[row] + m.end()))
                for m in _VALUE.finditer(lines[row])
            ]
            row += 1
        if len(values) == wanted >= 3:
            found.append(DataList.written(header.group("name").split("$")[-1], values))
            spans.append((offsets[index], offsets[row] - 1))
    return found, spans


# "'data.frame':	20 obs. of  3 variables:" over " $ len : num  19.7 23.3 …" lines
_STR_HEADER = re.compile(r"^[ \t]*'?(?:data\.frame|tbl_df|tibble)'?:?[ \t]*(?P<rows>\d+)[ \t]*obs\.?[ \t]+of\b.*$")
_STR_LINE = re.compile(r"^[ \t]*\$[ \t]*(?P<name>[A-Za-z.][\w.]*)[ \t]*:(?P<rest>.*)$")
_STR_VALUES = re.compile(
    r"^[ \t]*(?:(?:num|int|dbl)|Factor w/[ \t]*\d+[ \t]*levels?[ \t]*(?P<levels>\"[^\n]*?\")[ \t]*:)"
    r"(?P<values>[ \t]+.*)$"
)


def str_columns(text: str) -> tuple[list[DataList], list[Span]]:
    """One column per numeric or factor line of a complete ``str()`` print; a factor's codes keep its levels'
    names as a legend ("Factor w/ 2 levels "OJ","VC": 1 1 … 2 2" is OJ for 1 and VC for 2)."""
    found: list[DataList] = []
    spans: list[Span] = []
    lines, offsets = _lines_at(text)
    for index, line in enumerate(lines):
        header = _STR_HEADER.match(line)
        if header is None:
            continue
        columns: list[DataList] = []
        row = index + 1
        while row < len(lines) and (column := _STR_LINE.match(lines[row])):
            row += 1
            shown = _STR_VALUES.match(column.group("rest"))
            if shown is None:
                continue  # a character or logical column: words, not values to analyse
            base = offsets[row - 1] + column.start("rest") + shown.start("values")
            values = shown.group("values")
            cells = [(float(m.group()), (base + m.start(), base + m.end())) for m in _VALUE.finditer(values)]
            item = DataList.written(column.group("name"), cells, column=True) if cells else None
            if item is None or "..." in values or len(cells) != int(header.group("rows")):
                columns = []  # str() showed the first values only: not the data
                break
            levels = re.findall(r'"([^"]*)"', shown.group("levels") or "")
            columns.append(replace(item, codes=tuple((float(code), name) for code, name in enumerate(levels, 1))))
        if columns:
            found += columns
            spans.append((offsets[index], offsets[row] - 1))
    return found, spans
