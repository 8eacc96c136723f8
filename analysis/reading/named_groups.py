"""A group per line whose values each carry the subject's name: "Northeast: Connecticut 139; Maine 161; …",
"West (n=13): Alaska $6,315, Arizona $4,530, …". Each line is one group, its values in the order written and
each value named, so the names are never read as data and the numbers between them stay one list."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from analysis.model import DataList, Factor, Span
from analysis.reading.lists import SETTING_NAMES

_LINE = re.compile(r"^(?P<label>[ \t]*[A-Za-z][^:\n\d]{0,40}?(?:\([^)\n]{0,20}\))?)[ \t]*:[ \t]*(?P<body>.+)$", re.M)
_AMOUNT = r"-?(?:\d{1,3}(?:,\d{3})+(?!\d|,\d)|\d+)(?:\.\d+)?"
_ITEM = re.compile(
    rf"[ \t]*(?P<name>[A-Za-z][A-Za-z .'’&-]{{0,40}}?)[ \t]*[:=]?[ \t]*[$€£]?(?P<value>{_AMOUNT})[ \t]*(?:[;,]|$)"
)
MIN_NAMED_VALUES = 3


def named_subject_groups(text: str) -> tuple[list[DataList], list[Span]]:
    """Lines of three or more "name value" items under a group label, read only when every item is one."""
    found: list[DataList] = []
    spans: list[Span] = []
    for line in _LINE.finditer(text):
        body, offset = line.group("body").rstrip(), line.start("body")
        items, cursor = [], 0
        while cursor < len(body) and (item := _ITEM.match(body, cursor)) is not None:
            items.append(item)
            cursor = item.end()
        if cursor < len(body) or len(items) < MIN_NAMED_VALUES:
            continue
        if any(SETTING_NAMES.match(item.group("name").strip()) for item in items):
            continue  # "summary: mean 5.2, sd 1.3, n 20" states settings, not a group's values
        names = [item.group("name").strip().lower() for item in items]
        if len(set(names)) < len(names):
            continue  # "u=138, x=143; u=93, x=104": the same keys again are records, not subjects
        cells = [(float(i.group("value").replace(",", "")), (offset + i.start("value"), offset + i.end("value")))
                 for i in items]  # fmt: skip
        label = re.sub(r"\([^)]*\)", "", line.group("label")).strip()
        found.append(replace(DataList.written(label, cells), names=tuple(i.group("name").strip() for i in items)))
        spans.append((line.start("body"), line.end()))
    return found, spans


# "Jan: 1978 2019, 1979 2263": a row per line, each value after its key (a year, or a word), the same keys on
# every line; each key is a column, so the lines pair the keys' values row by row
_KEYED_ITEM = re.compile(rf"[ \t]*(?P<key>(?:1[89]|20)\d\d|[A-Za-z][\w.]{{0,15}})[ \t]*[:=]?[ \t]+(?P<value>{_AMOUNT})"
                         r"(?:[ \t]*(?:%|per[ \t]+[\d.,]*[kKmM]?\b|[A-Za-z/µ°]{1,6}\b))?"  # "14.3%", "1.5 per 100k"
                         r"[ \t]*(?:[;,]|$)")  # fmt: skip
MIN_KEYED_LINES = 3


def keyed_rows(text: str) -> tuple[list[DataList], list[Span]]:
    """Three or more consecutive labelled lines with the same two or more keys: one column per key."""
    rows: list[tuple[Span, list[re.Match[str]], int]] = []
    for line in _LINE.finditer(text):
        body, items, cursor = line.group("body").rstrip(), [], 0
        while cursor < len(body) and (item := _KEYED_ITEM.match(body, cursor)) is not None:
            items.append(item)
            cursor = item.end()
        if cursor == len(body) and len(items) >= 2:
            rows.append(((line.start(), line.end()), items, line.start("body")))
    keys = [[item.group("key") for item in items] for _, items, _ in rows]
    same = all(k == keys[0] for k in keys) and len(set(keys[0] if keys else [])) == len(keys[0] if keys else [])
    consecutive = all(text[a[0][1] : b[0][0]].strip() == "" for a, b in itertools.pairwise(rows))
    summaries = any(SETTING_NAMES.match(key) for key in (keys[0] if keys else []))  # "A: mean 5.2, sd 1.1"
    if len(rows) < MIN_KEYED_LINES or not same or not consecutive or summaries:
        return [], []
    columns = []
    for position, key in enumerate(keys[0]):
        cells = [(float(items[position].group("value").replace(",", "")),
                  (offset + items[position].start("value"), offset + items[position].end("value")))
                 for _, items, offset in rows]  # fmt: skip
        columns.append(DataList.written(key, cells, column=True))
    return columns, [(rows[0][0][0], rows[-1][0][1])]


_LEVEL_VALUE = re.compile(r"^[ \t]*(?P<level>[A-Za-z][\w.+-]{0,15})[ \t]+(?P<value>-?\d+(?:\.\d+)?)[ \t]*$")
MIN_LEVEL_ROWS = 6
MAX_LEVELS = 6


def level_value_rows(text: str, frames: list[Span]) -> tuple[list[DataList], list[Factor], list[Span]]:
    """A long layout without a header, one subject per line: "F  13.1 / M  15.7 / M  14.8 …". The values are one
    column and the words their groups, when a few levels each come back (never one name per line); lines a
    frame with a header already read (``frames``) are left to it."""
    lists: list[DataList] = []
    factors: list[Factor] = []
    spans: list[Span] = []
    offset = 0
    block: list[tuple[str, float, Span, int]] = []
    for line in [*text.split("\n"), ""]:
        match = _LEVEL_VALUE.match(line)
        if match:
            value_span = (offset + match.start("value"), offset + match.end("value"))
            block.append((match["level"], float(match["value"]), value_span, offset))
        else:
            levels = [level for level, *_ in block]
            counts = [levels.count(level) for level in dict.fromkeys(levels)]
            framed = block and any(a <= block[0][3] < b for a, b in frames)
            if len(block) >= MIN_LEVEL_ROWS and 2 <= len(counts) <= MAX_LEVELS and min(counts) >= 2 and not framed:
                lists.append(DataList.written("value", [(value, span) for _, value, span, _ in block], column=True))
                factors.append(Factor("group", tuple(levels), start=block[0][3]))
                spans.append((block[0][3], offset - 1))
            block = []
        offset += len(line) + 1
    return lists, factors, spans
