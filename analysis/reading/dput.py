"""R's ``dput()`` of a data frame, pasted so the data come across exactly.

``structure(list(Rat = 1:16, Diet = structure(c(1L, 1L, 2L), levels = c("1", "2"), class = "factor"),
weight = c(278, 245, 469)), row.names = c(NA, -3L), class = "data.frame")``: each numeric vector is a
column, each factor (codes and their levels) a factor, and a sequence ``1:16`` a row id. The call is read
here whole; the other readers see it blanked, so none of its numbers is read twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analysis.model import DataList, Explained, Factor, Span

_START = re.compile(r"structure\(\s*list\(")
_NAME = re.compile(r"\s*(?P<name>`[^`]+`|[A-Za-z.][\w.]*)\s*=\s*")
_NUMBER = re.compile(r"(?<![\w.])-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?L?(?![\w.])|\bNA\b")
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
_VECTOR = re.compile(r"^c\((?P<body>[^()]*)\)$", re.S)
_FACTOR = re.compile(
    r"^structure\(\s*c\((?P<codes>[^()]*)\)\s*,\s*(?:\.Label|levels)\s*=\s*c\((?P<levels>[^()]*)\)"
    r'\s*,\s*class\s*=\s*"factor"\s*\)$',
    re.S,
)
_SEQUENCE = re.compile(r"^-?\d+L?\s*:\s*-?\d+L?$")


@dataclass
class DputFrames:
    lists: list[DataList] = field(default_factory=list)
    factors: list[Factor] = field(default_factory=list)
    explained: list[Explained] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)

    def blanked(self, text: str) -> str:
        """The text with each dput() call turned to spaces (offsets kept), for the readers that follow."""
        for start, end in self.spans:
            text = text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]
        return text


def read_dput(text: str) -> DputFrames:
    found = DputFrames()
    for match in _START.finditer(text):
        items, end = _items(text, match.end())
        if end is None or not items:
            continue
        call_end = _closing(text, end)
        if call_end is None:
            continue
        used: set[Span] = set()
        for name, start, stop in items:
            _read_item(text, name.strip("`"), start, stop, found, used)
        found.spans.append((match.start(), call_end))
        found.explained += [
            Explained(span, "part of R's dput() layout (a row name, code or attribute), not a value")
            for number in _NUMBER.finditer(text, match.start(), call_end)
            if (span := number.span()) not in used and number.group() != "NA"
        ]
    return found


def _read_item(text: str, name: str, start: int, stop: int, found: DputFrames, used: set[Span]) -> None:
    value = text[start:stop].strip()
    offset = start + (len(text[start:stop]) - len(text[start:stop].lstrip()))
    vector, factor = _VECTOR.match(value), _FACTOR.match(value)
    if vector and _STRING.search(vector["body"]):
        levels = tuple(_STRING.findall(vector["body"]))
        found.factors.append(Factor(name, levels, context=name.lower(), start=offset))
    elif vector:
        cells = [
            (
                float(m.group().rstrip("L")),
                (offset + vector.start("body") + m.start(), offset + vector.start("body") + m.end()),
            )
            for m in _NUMBER.finditer(vector["body"])
        ]
        if cells and all(m.group() != "NA" for m in _NUMBER.finditer(vector["body"])):
            found.lists.append(DataList.written(name, cells, column=True))
            used.update(span for _, span in cells)
    elif factor:
        names = _STRING.findall(factor["levels"])
        codes = [int(m.group().rstrip("L")) for m in _NUMBER.finditer(factor["codes"]) if m.group() != "NA"]
        if codes and all(1 <= code <= len(names) for code in codes):
            found.factors.append(Factor(name, tuple(names[code - 1] for code in codes), name.lower(), offset))
    elif _SEQUENCE.match(value):
        found.explained.append(Explained((offset, offset + len(value)), f"the row ids of {name!r} ({value})"))


def _items(text: str, start: int) -> tuple[list[tuple[str, int, int]], int | None]:
    """``name = value`` items of ``list(`` from ``start`` to its closing bracket (returned as the end)."""
    items: list[tuple[str, int, int]] = []
    cursor = start
    while True:
        name = _NAME.match(text, cursor)
        if name is None:
            return items, None
        end = _value_end(text, name.end())
        if end is None:
            return items, None
        items.append((name["name"], name.end(), end))
        if text[end] == ")":
            return items, end + 1
        cursor = end + 1


def _value_end(text: str, start: int) -> int | None:
    """Where a value ends: the comma or bracket that closes it at its own depth, outside strings."""
    depth, index = 0, start
    while index < len(text):
        char = text[index]
        if char == '"':
            string = _STRING.match(text, index)
            if string is None:
                return None
            index = string.end()
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return index
            depth -= 1
        elif char == "," and depth == 0:
            return index
        index += 1
    return None


def _closing(text: str, start: int) -> int | None:
    """The end of the ``structure(`` call whose ``list(…)`` ended at ``start``."""
    while True:
        end = _value_end(text, start)
        if end is None:
            return None
        if text[end] == ")":
            return end + 1
        start = end + 1
