"""Rows written as tuples under a tuple of names: "(months, died, hgb): (30, 1, 13.1), (25, 1, 11.5), …". Each
position is a column, named by the header's names; without a header of the same width nothing is read."""

from __future__ import annotations

import re

from analysis.model import DataList, Span

_VALUE = r"-?\d+(?:\.\d+)?"
_TUPLE = re.compile(rf"\(\s*{_VALUE}(?:\s*,\s*{_VALUE}){{2,5}}\s*\)")
_NAMES = re.compile(r"\((?P<names>[A-Za-z][^()\n]*?(?:\([^()\n]*\)[^()\n]*?)?)\)\s*(?::|for\b|of\b|in\b|,|\n)")
_BETWEEN = re.compile(r"[\s,;]*")
MIN_TUPLES = 5


def tuple_columns(text: str) -> tuple[list[DataList], list[Span]]:
    """The columns of a run of five or more tuples of three to six numbers, named by the tuple of names before it."""
    lists: list[DataList] = []
    spans: list[Span] = []
    for run in _runs(text):
        width = len(_numbers(run[0]))
        if len(run) < MIN_TUPLES or any(len(_numbers(m)) != width for m in run):
            continue
        names = _header(text, run[0].start(), width)
        if names is None:
            continue
        for j, name in enumerate(names):
            cells = [(float(_numbers(m)[j].group()), _span(m, j)) for m in run]
            lists.append(DataList.written(name, cells, column=True))
        spans.append((run[0].start(), run[-1].end()))
    return lists, spans


def _runs(text: str) -> list[list[re.Match[str]]]:
    runs: list[list[re.Match[str]]] = []
    for match in _TUPLE.finditer(text):
        if runs and _BETWEEN.fullmatch(text[runs[-1][-1].end() : match.start()]):
            runs[-1].append(match)
        else:
            runs.append([match])
    return runs


def _numbers(match: re.Match[str]) -> list[re.Match[str]]:
    return list(re.finditer(_VALUE, match.group()))


def _span(match: re.Match[str], j: int) -> Span:
    number = _numbers(match)[j]
    return match.start() + number.start(), match.start() + number.end()


def _header(text: str, start: int, width: int) -> list[str] | None:
    """The names in the last bracketed list of names before the tuples, on their line or the line above."""
    line_start = text.rfind("\n", 0, max(text.rfind("\n", 0, start), 0)) + 1
    found = [m for m in _NAMES.finditer(text, line_start, start + 1) if m.start() < start]
    if not found:
        return None
    names = [name.strip() for name in re.split(r",(?![^()]*\))", found[-1]["names"])]
    return names if len(names) == width and all(names) else None
