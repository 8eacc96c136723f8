"""Data accounting: every number in the message is used by the analysis or accounted for.

A number that is neither used nor explained (a setting, a year, a duration in the prose, a sample
size that matches the data, a total checked against its cells…) is *unused*. Unused numbers are named
in the answer with why; numbers that look like data — part of a list the analysis only half used, or
a list of three or more numbers it never touched — mean the message was misread, and the analysis
declines instead of answering a different question.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from analysis.model import ParsedRequest, Span
from analysis.reading.lexer import Run, Token, runs, tokens
from analysis.reading.scalars import time_points

_SIZE_NOUNS = (
    r"patients?|subjects?|participants?|mice|mouse|rats?|animals?|people|persons?|pairs?|samples?|children|women|men"
    r"|volunteers?|cases|controls|eyes|individuals|infants|adults|donors|plants?|plates?|wells?|observations|dogs|cats"
    r"|pigs|sheep|cows|fish|students|respondents|hospitals|sites|centres|centers|clinics|trials|studies|tests|records"
)
# on the number's own line: "16.42\n\none sample t test" names no sample size
_SIZE_AFTER = re.compile(rf"^[ \t]*(?:-[ \t]*)?(?:\w+[ -]){{0,2}}(?:{_SIZE_NOUNS})\b", re.IGNORECASE)
_SIZE_BEFORE = re.compile(
    r"(?:\bn\s*=\s*|\bn\s+of\s+|sample size (?:of|is|was|=)\s*|\bthese\s+)$", re.IGNORECASE
)  # "adjusted p for these 4": a count of what was pasted, checked like a sample size
# "12 per arm", "20 mice each"; not "2 controls per litter" (a cluster's make-up) or "3 per day" (a rate)
_PER_GROUP_AFTER = re.compile(
    r"^\s*(?:\w+\s+){0,2}(?:(?:\bper\b|in each|each|\s/)\s*(?:group|arm|condition|cohort|treatment|level|cell|variety"
    r"|species|diet|genotype|strain|sex|category|colou?r|form|type|spray|feed)s?\b"
    # "12 rats each", but not "53 patients each had an x-ray" (each of them, one sample)
    r"|each\b(?!\s+(?:had|has|have|was|were|got|gets|received|underwent|gave|took|did|completed|answered|rated)\b))",
    re.I,
)
_UNIT_AFTER = re.compile(
    r"^[ \t]*-?[ \t]*(?:ms|s|sec|seconds?|min|mins|minutes?|h|hrs?|hours?|d|days?|wks?|weeks?|mo|mos|months?"
    r"|y|yrs?|years?|am|pm|mg|g|kg|ml|l|µg|ug|mmhg|nm|cm|mm|m|°c|iu|bpm|%|percent)\b",
    re.IGNORECASE,
)
_UNIT_BEFORE = re.compile(
    r"(?:\b(?:day|week|month|year|visit|cycle|phase|grade|stage|dose|level|session|wave|time|hour|minute|version"
    r"|figure|fig\.|table|page|section|step|round|item|question|line|row|column|col|group|arm|cohort|site"
    r"|patient|subject|#|no\.|at|after|over|within|by|for|since|until|from|to|every|per)\s*)$",
    re.IGNORECASE,
)
_P_BEFORE = re.compile(r"\bp(?:[- ]?value)?\s*(?:[=<>≤≥]=?|of|was|is)\s*$", re.IGNORECASE)
_PER_ANY_AFTER = re.compile(r"^\s*(?:\w+\s+){0,2}per\s+\w+", re.I)  # "n = 9 looms per tension"
_DATA_RUN = 3
_ROW_OF_NUMBERS = re.compile(r"^\s*[A-Za-z][\w .()-]{0,30}?(?:[\s,;|]+-?\d[\d.]*)+\s*$")
_R_ROW_NAMES = re.compile(r"row\.names\s*=\s*(?:c\([^)]*\)|\d+L?|-?\d+L)")
SIZE_MISMATCH = "a sample size that does not match the data I read"
_CONVERSION_AFTER = re.compile(r"[ \t]*[A-Za-z]{0,6}[ \t]*\(\s*\d")
UNREAD_SETTING = "a setting of the analysis I could not read"
# "99% conf level", "survive 2000 h", "S at 5 y": a number beside the name of a setting the recipe takes (a
# confidence level, a time to report survival at) that the reading did not take would be silently replaced
# by the default; the words must touch the number, so a figure quoted in the prose is not caught
_LEVEL_AFTER = re.compile(
    r"\s*(?:(?:%|pct|percent)\s*)?(?:[\w()-]+[ \t]+){0,3}?(?:conf(?:idence)?\b|c\.?i\.?\b|intervals?\b|limits\b)", re.I
)
_LEVEL_BEFORE = re.compile(
    r"(?:\bconf(?:idence)?[._ ]?(?:level|lvl|int\w*)?\s*[=:]?|\b(?:ci|c\.i\.)s?\s*(?:[=:]|\sat|\sof))\s*$", re.I
)
# "S(", "survival at", "failure-free share at", "alive by", "… at 1 year (": a time to report survival at
_TIME_BEFORE = re.compile(
    r"(?:\bS\s*\(|\bS\s+at|\bsurviv\w*\s+(?:at|to|past|beyond)?"
    r"|\b(?:\w+[- ]free|alive)(?:\s+[a-z]+)?\s+(?:at|by|past|beyond)(?:\s+(?:day|week|month|year)s?)?)"
    r"(?:\s*\d+(?:\.\d+)?\s*[a-z]{0,6}\s*\()?\s*$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Unused:
    """A number the analysis did not use: where it was, as written, and why it is not data."""

    text: str
    span: Span
    why: str


@dataclass(frozen=True)
class Sizes:
    """The counts an analysis' data imply: each compared group's size, and every other count (totals, events)."""

    groups: tuple[int, ...] = ()
    others: tuple[int, ...] = ()

    def matches(self, value: float, per_group: bool) -> bool:
        """A size written per group ("12 per arm") must be every group's; any other must be one of the counts."""
        if per_group and self.groups:
            return all(value == size for size in self.groups)
        return value in self.groups or value in self.others or value == sum(self.groups)


@dataclass(frozen=True)
class Accounting:
    unused: tuple[Unused, ...]  # named in the answer
    misread: tuple[Unused, ...]  # data the reading could not place: the analysis declines

    def summary(self, limit: int = 6) -> str:
        shown = ", ".join(f"{u.text} ({u.why})" for u in self.unused[:limit])
        more = f" and {len(self.unused) - limit} more" if len(self.unused) > limit else ""
        return shown + more


def account(
    parsed: ParsedRequest, used: Iterable[Span], sizes: Sizes | None = None, labels: Iterable[str] = ()
) -> Accounting:
    """Every number of ``parsed.text`` not inside a ``used`` span, sorted into unused and misread.

    A sample size written in the text ("n = 12 per group", "26 patients") is checked against the
    ``sizes`` the data imply (none for a design question, whose sizes are settings): one that does not
    match means a misread, or a message cut short. Numbers inside the names of the data (``labels``:
    "drug 2", "day 14") are part of those names wherever they are written.
    """
    text = parsed.text
    used_spans = sorted(set(used))
    explained = {e.span: e.why for e in parsed.explained}
    explained |= {span: "part of a name in the data" for span in _label_spans(text, labels)}
    explained |= {m.span(): "R's row names, not data" for m in _R_ROW_NAMES.finditer(text)}
    settings = {span: key for key, span in parsed.scalar_spans.items()}
    # "S at 2000 h and 6000 h": the times after the first are read with it (survival recipes report each)
    asked_at = time_points(text, parsed.scalars.get("time_point"), parsed.scalar_spans.get("time_point"))
    settings |= {span: "time_point" for _, span in asked_at}
    found = tokens(text)
    read_spans = [s for item in parsed.lists for s in item.spans] + [s for t in parsed.tables for s in t.spans]
    inside_block = _within_data_lines(text, used_spans, read_spans)
    skipped_row = _skipped_rows(text, used_spans, read_spans)
    beside_data = _in_brackets_with_data(text, used_spans)
    unused: list[Unused] = []
    misread: list[Unused] = []
    for run in runs(text, found):
        inside = [_covered(t, used_spans) for t in run.tokens]
        leftovers = [t for t, covered in zip(run.tokens, inside, strict=True) if not covered]
        if not leftovers:
            continue
        reasons = [_why(text, t, explained, settings, sizes) for t in leftovers]
        half_used = any(inside) and _looks_like_data(run, leftovers, reasons)
        unexplained = sum(r is None for r in reasons)
        listed = len(run.tokens) >= _DATA_RUN and not any(inside) and unexplained >= 0.75 * len(run.tokens)
        for token, why in zip(leftovers, reasons, strict=True):
            written = text[token.start : token.end].strip()
            if half_used or (listed and why is None):
                misread.append(Unused(written, (token.start, token.end), "in a list I only partly read"))
            elif (skipped_row(token.start) and not _explained(token, explained)) or (
                why is None and inside_block(token.start)
            ):
                misread.append(Unused(written, (token.start, token.end), "on a line of the data I could not read"))
            elif why is None and beside_data(token.start):
                misread.append(Unused(written, (token.start, token.end), "in the brackets that hold the data"))
            elif not (why or "").endswith(" setting") and _names_a_setting(
                text, token, parsed.scalars.get("conf_level")
            ):
                misread.append(Unused(written, (token.start, token.end), UNREAD_SETTING))
            elif why is not None and why.startswith(SIZE_MISMATCH):
                misread.append(Unused(written, (token.start, token.end), why))
            else:
                unused.append(Unused(written, (token.start, token.end), why or "a number in the text, not data"))
    return Accounting(tuple(unused), tuple(misread))


def _within_data_lines(text: str, used: list[Span], read: list[Span]) -> Callable[[int], bool]:
    """Whether an offset is among the values of a row on the lines the data were read from (or the line
    right after them) that no reading took: a row the reading dropped ("Occas 12 3" under a three-column
    table). Rows read but not used (the request compares two of three) are the analysis' choice."""
    starts = [0, *(m.end() for m in re.finditer("\n", text))]
    lines = [bisect_right(starts, start) - 1 for start, _ in used]
    if not lines:
        return lambda _offset: False
    first, last = min(lines), max(lines)
    rows = text.split("\n")
    after = last + 1 if last + 1 < len(rows) and _ROW_OF_NUMBERS.match(rows[last + 1]) else last

    def inside(offset: int) -> bool:
        line = bisect_right(starts, offset) - 1
        return (
            last > first  # data laid out over lines: a row of them the reading skipped
            and first <= line <= after
            and bool(_ROW_OF_NUMBERS.match(rows[line]))
            and not re.search(r"[A-Za-z]", text[offset : starts[line] + len(rows[line])])  # a value, not in the name
            and not any(a <= offset < b for a, b in read)
            and not text[max(0, offset - 2) : offset].strip().endswith(("=", ":"))
        )

    return inside


def _skipped_rows(text: str, used: list[Span], read: list[Span]) -> Callable[[int], bool]:
    """Whether an offset is on a line of the data block of which no number was read: a line between lines the
    data were used from, or one just below them that opens with the same label ("200V: 1105 h (censored)"
    under "200V: 439 h"). Such a row was dropped by the reading, whatever its units say."""
    starts = [0, *(m.end() for m in re.finditer("\n", text))]
    rows = text.split("\n")
    used_lines = {bisect_right(starts, start) - 1 for start, _ in used}
    read_lines = {bisect_right(starts, start) - 1 for start, _ in [*used, *read]}
    if not used_lines:
        return lambda _offset: False
    first, last = min(used_lines), max(used_lines)
    labels = {label for line in used_lines if (label := _row_label(rows[line]))}
    below = last + 1
    while below < len(rows) and rows[below].strip() and _row_label(rows[below]) in labels:
        below += 1

    def skipped(offset: int) -> bool:
        line = bisect_right(starts, offset) - 1
        like_data = _row_label(rows[line]) in labels or bool(_ROW_OF_NUMBERS.match(rows[line]))
        return first < line < below and line not in read_lines and like_data

    return skipped


_ROW_LABEL = re.compile(r"^\s*([^:\s]+)\s*:")


def _row_label(row: str) -> str:
    match = _ROW_LABEL.match(row)
    return match.group(1) if match else ""


def _explained(token: Token, explained: dict[Span, str]) -> bool:
    return any(start <= token.start and token.end <= end for start, end in explained)


def _in_brackets_with_data(text: str, used: list[Span]) -> Callable[[int], bool]:
    """Whether an offset lies inside the brackets of a vector whose other values were used: "c(nox = 0.003,
    tax = 0.028)" read without its last value left data behind, not a number of the prose."""
    groups: list[Span] = []
    opened: list[int] = []
    for index, char in enumerate(text):
        if char in "([":
            opened.append(index)
        elif char in ")]" and opened:
            groups.append((opened.pop(), index))

    def inside(offset: int) -> bool:
        around = [(a, b) for a, b in groups if a < offset < b and "\n" not in text[a:b]]
        return any(a < start and end <= b for a, b in around for start, end in used)

    return inside


def _label_spans(text: str, labels: Iterable[str]) -> list[Span]:
    spans: list[Span] = []
    for label in {label.strip() for label in labels}:
        if re.search(r"\d", label) and re.search(r"[A-Za-z]", label):
            # "N 1", a column's code, is also written "N = 1" or "N==1"
            spelled = r"\s*(?:==?\s*)?".join(re.escape(part) for part in label.split())
            pattern = re.compile(rf"(?<!\w){spelled}(?!\w)", re.IGNORECASE)
            spans += [m.span() for m in pattern.finditer(text)]
    return spans


def _names_a_setting(text: str, token: Token, read_level: float | None) -> bool:
    line_start = text.rfind("\n", 0, token.start) + 1
    before = text[max(line_start, token.start - 25) : token.start]
    if _CONVERSION_AFTER.match(text, token.end):  # "5 y (1825 d)": the time in the data's unit was read
        return False
    # a level is 50-99.9 or 0.5-0.999: "CI: 0.6 to 1.1" quotes an interval, it does not set one
    level = token.value / 100 if token.value >= 1 else token.value
    if 0.5 <= level < 1 and (_LEVEL_AFTER.match(text, token.end) or _LEVEL_BEFORE.search(before)):
        return level != read_level  # "90% CI (conf.level = 0.9)": the level read, written twice
    return bool(_TIME_BEFORE.search(before))


def _covered(token: Token, spans: list[Span]) -> bool:
    return any(start <= token.start and token.end <= end for start, end in spans) or any(
        token.start <= start < token.end for start, _ in spans
    )


def _looks_like_data(run: Run, leftovers: list[Token], reasons: list[str | None]) -> bool:
    """A run the analysis half used: its other values are data the reading dropped, unless each is explained."""
    return any(why is None for why in reasons) and len(run.tokens) >= 2 and len(leftovers) < len(run.tokens)


def _why(
    text: str, token: Token, explained: dict[Span, str], settings: dict[Span, str], sizes: Sizes | None
) -> str | None:
    """Why this number is not data, or None when nothing explains it."""
    for (start, end), why in explained.items():
        if start <= token.start and token.end <= end:
            return why
    before, after = text[max(0, token.start - 30) : token.start], text[token.end : token.end + 40]
    setting = next(
        (key for (a, b), key in settings.items() if a <= token.start < b or token.start <= a < token.end), ""
    )
    if token.unit or (setting and setting not in ("n_per_group", "n_total")):
        return f"the {setting.replace('_', ' ')} setting" if setting else "a time, dose or label"
    if sizes is not None and _group_sizes_run(text, token) == list(sizes.groups):
        return "the group sizes, matching the data"  # "groups are tiny (8/4/4)"
    return _size_why(token, before, after, sizes, setting)


_SIZES_RUN = re.compile(r"(?<![\w./])\d+(?:[ \t]*/[ \t]*\d+)+(?![\w./])")


def _group_sizes_run(text: str, token: Token) -> list[int]:
    """The numbers of "8/4/4" around this one, when it is part of such a run."""
    for run in _SIZES_RUN.finditer(text, max(0, token.start - 40), token.end + 40):
        if run.start() <= token.start < run.end():
            return [int(n) for n in re.findall(r"\d+", run.group())]
    return []


def _size_why(token: Token, before: str, after: str, sizes: Sizes | None, setting: str) -> str | None:
    """A sample size written beside the data is checked against them; other numbers get their kind."""
    per_group = bool(_PER_GROUP_AFTER.match(after) or (setting == "n_per_group" and _PER_ANY_AFTER.match(after)))
    if setting or _SIZE_BEFORE.search(before) or per_group:
        return _size_check(token.value, sizes, per_group) if sizes is not None else "a sample size in the text"
    if _SIZE_AFTER.match(after) and not token.decimal:  # "a survey of 237 students": said beside the data
        matching = sizes is None or sizes.matches(token.value, per_group=False)
        return "a count in the text" + ("" if matching else ", not one the data add up to")
    checks = (
        (not token.decimal and 1900 <= token.value <= 2100, "a year"),
        (bool(_P_BEFORE.search(before)), "a p-value quoted in the text"),
        (token.percent, "a percentage in the text"),
        (token.unit or bool(_UNIT_AFTER.match(after) or _UNIT_BEFORE.search(before)), "a time, dose or label"),
    )
    return next((why for hit, why in checks if hit), None)


def _size_check(value: float, sizes: Sizes, per_group: bool) -> str:
    if sizes.matches(value, per_group):
        return "a sample size, matching the data"
    read = ", ".join(str(size) for size in sizes.groups or sizes.others)
    return f"{SIZE_MISMATCH} ({'group sizes ' if sizes.groups else ''}{read})"
