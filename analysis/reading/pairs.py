"""Two measurements per subject written as pairs: "58 in → 115 lb; 59 in → 117 lb", "pt1: 0.7 -> 1.9".

Three or more arrow pairs become two lists (the left and the right values, in order), named by an
arrow header written before them ("pre -> post:", "drug 1 → drug 2"), else by the units they carry.
Paired yes/no counts written in words become McNemar's 2x2 table:

    both: 38; only the treated eye: 16; only the control eye: 63; neither: 80
    concordant exposed 17, concordant unexposed 20, case exposed only 38, control exposed only 8
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from analysis.model import DataList, Explained, Span, Table

_ARROW = r"(?:→|->|=>|⟶|➜)"
_NUM = r"-?(?:\d+(?:\.\d+)?|\.\d+)"
_UNIT = r"(?:[ \t]*(?P<{}>[A-Za-z%µ°/][A-Za-z%µ°/.]{{0,7}}))?"
_PAIR = re.compile(
    rf"(?<![\w.])(?P<x>{_NUM}){_UNIT.format('xu')}[ \t]*{_ARROW}[ \t]*(?P<y>{_NUM}){_UNIT.format('yu')}(?![\w.])"
)
# "118 d: 30 mm", one per line: a pair when both values carry their unit
_UNIT_PAIR = re.compile(
    rf"^[ \t]*(?P<x>{_NUM})[ \t]*(?P<xu>[A-Za-z%µ°][A-Za-z%µ°/.]{{0,7}})[ \t]*[:=][ \t]*(?P<y>{_NUM})[ \t]*"
    rf"(?P<yu>[A-Za-z%µ°][A-Za-z%µ°/.]{{0,7}})[ \t]*[,;]?[ \t]*$",
    re.MULTILINE,
)
# "1895:578.44 1896:578.24 …": x:y tokens, five or more in a row
_COLON_PAIR = re.compile(rf"(?<![\w.:])(?P<x>{_NUM}):(?P<y>{_NUM})(?![\w.:])")
_FEWEST_PAIRS = 5  # a run this long is data, not a ratio or a clock time in passing
# between two pairs: punctuation, or the next subject's name ("pt 2:", "Perino del Vaga:", "F. Zucarro:")
_BETWEEN_PAIRS = re.compile(r"^[\s,;|]*(?:[A-Za-z#][\w .'#-]{0,30}?[ \t]*\d{0,4}[ \t]*[:.)=-])?[\s]*$")
_HEADER = re.compile(  # "pre -> post:", "drug 1 → drug 2", "yield 1931 -> 1932:"
    rf"(?P<a>[A-Za-z0-9][\w ()%/.-]{{0,30}}?)[ \t]*{_ARROW}[ \t]*"
    rf"(?P<b>[A-Za-z0-9][\w ()%/.-]{{0,30}}?)[ \t]*[:)]?[ \t]*$"
)
# "exercise at age 8 -> age 10, 20 girls:": an arrow inside the caption, its right side ending at a comma
_HEADER_INSIDE = re.compile(
    rf"(?P<a>[A-Za-z0-9][\w ()%/.-]{{0,30}}?)[ \t]*{_ARROW}[ \t]*(?P<b>[A-Za-z~][\w%/.~ -]{{0,30}}?)(?=[ \t]*[,;:)])"
)
_LEADING = re.compile(r"^(?:(?:(?:at|on|in|by|the|a|an)\b|~)\s*)+", re.IGNORECASE)  # "at the ~6 month visit"
# "length (mm) in 1 mM vs 2 mM CaCl2" above the pairs: the two sides, in the arrow's order
_SIDE = r"(?:\d+(?:\.\d+)?[ \t]*[A-Za-zµ%/]+|[A-Za-z][\w-]*)"
_VS_CAPTION = re.compile(rf"(?<![\w.])(?P<a>{_SIDE})[ \t]+(?:vs\.?|versus)[ \t]+(?P<b>{_SIDE})(?![\w.])", re.I)
MIN_PAIRS = 3


@dataclass
class PairParse:
    lists: list[DataList]
    spans: list[Span]  # text the pairs consumed
    explained: list[Explained]


def arrow_pairs(text: str) -> PairParse:
    found = PairParse([], [], [])
    matches = sorted([*_PAIR.finditer(text), *_UNIT_PAIR.finditer(text), *_colon_pairs(text)], key=lambda m: m.start())
    group: list[re.Match[str]] = []
    for match in matches:
        if group and not _BETWEEN_PAIRS.match(text[group[-1].end() : match.start()]):
            _read(text, group, found)
            group = []
        group.append(match)
    _read(text, group, found)
    return found


def _colon_pairs(text: str) -> list[re.Match[str]]:
    """x:y tokens only where five or more stand together (a clock time or a ratio alone is not data)."""
    return [match for run in _runs_of(_COLON_PAIR, text) if len(run) >= _FEWEST_PAIRS for match in run]


def _runs_of(pattern: re.Pattern[str], text: str) -> list[list[re.Match[str]]]:
    """The pattern's matches, grouped where only spaces, commas and semicolons stand between them."""
    runs: list[list[re.Match[str]]] = []
    for match in pattern.finditer(text):
        if runs and re.fullmatch(r"[\s,;]*", text[runs[-1][-1].end() : match.start()]):
            runs[-1].append(match)
        else:
            runs.append([match])
    return runs


# "1197/2 28/1 85/1 …": survival time and status, five or more pairs in a row
_TIME_STATUS = re.compile(r"(?<![\w./])(?P<time>\d+(?:\.\d+)?)/(?P<status>[012])(?![\w./])")
_STATUS_WORDS = re.compile(r"\bstatus\b|censor|\bevents?\b|died|dead|death", re.IGNORECASE)
_CENSORED_CODE = re.compile(r"(?<![\w.])(?P<code>[012])\s*(?:=|:)\s*censor", re.IGNORECASE)


def time_status_pairs(text: str) -> PairParse:
    """ "time/status" pairs as survival times with their censoring. The status is read as the request's legend
    says ("1 = censored") or, without one, as R's Surv reads it: 0/1 with 1 the event, 1/2 with 2 the event."""
    found = PairParse([], [], [])
    if not _STATUS_WORDS.search(text):
        return found
    legend = _CENSORED_CODE.search(text)
    for run in _runs_of(_TIME_STATUS, text):
        codes = {match.group("status") for match in run}
        if len(run) < _FEWEST_PAIRS or codes == {"0", "1", "2"} or (len(codes) < 2 and legend is None):
            continue  # three codes, or one code without a legend: which status is censored is not said
        censored_code = legend.group("code") if legend else ("1" if codes <= {"1", "2"} and "2" in codes else "0")
        found.lists.append(
            DataList(
                "times",
                tuple(float(m.group("time")) for m in run),
                tuple(m.group("status") == censored_code for m in run),
                context="survival times",
                start=run[0].start(),
                spans=tuple(m.span("time") for m in run),
            )
        )
        found.spans.append((run[0].start(), run[-1].end()))
        found.explained += [Explained(m.span("status"), "the status written after a time") for m in run]
    return found


def _read(text: str, group: list[re.Match[str]], found: PairParse) -> None:
    if len(group) < MIN_PAIRS:
        return
    first, second = _names(text, group)
    for side, name in (("x", first), ("y", second)):
        values = tuple(float(m.group(side)) for m in group)
        spans = tuple(m.span(side) for m in group)
        found.lists.append(
            DataList(name, values, (False,) * len(values), context=f"{name} pairs", start=group[0].start(), spans=spans)
        )
    found.spans.append((group[0].start(), group[-1].end()))
    for previous, match in itertools.pairwise(group):  # "pt2:" between pairs names a row
        found.explained += [
            Explained((previous.end() + m.start(), previous.end() + m.end()), "part of a row's name")
            for m in re.finditer(r"\d+", text[previous.end() : match.start()])
        ]


def arrow_caption(text: str, start: int) -> tuple[str, str] | None:
    """The two sides of an arrow written in the line (or two) above ``start``: "pre -> post:", "at age 8 -> age 10,"."""
    line_start = text.rfind("\n", 0, text.rfind("\n", 0, start) if "\n" in text[:start] else 0)
    for piece in reversed(re.split(r"(?<=[.!?])\s+|\n", text[max(0, line_start) : start])):
        header = _HEADER.search(piece.strip()) or _HEADER_INSIDE.search(piece)
        if header:
            return _name_end(header.group("a")), _LEADING.sub("", header.group("b").strip()) or header.group("b")
    return None


def _names(text: str, group: list[re.Match[str]]) -> tuple[str, str]:
    """From an arrow header before the pairs ("pre -> post:"), else the units ("in", "lb"), else first/second."""
    captioned = arrow_caption(text, group[0].start())
    if captioned:
        return captioned
    line_start = text.rfind("\n", 0, text.rfind("\n", 0, group[0].start()) if "\n" in text[: group[0].start()] else 0)
    before = text[max(0, line_start) : group[0].start()]
    for piece in reversed(re.split(r"(?<=[.!?])\s+|\n", before)):
        caption = _VS_CAPTION.search(piece)
        if caption:
            return caption.group("a"), caption.group("b")
    units = (group[0].groupdict().get("xu"), group[0].groupdict().get("yu"))
    if all(units) and units[0] != units[1]:
        return f"first ({units[0]})", f"second ({units[1]})"
    return "first", "second"


def _name_end(words: str) -> str:
    """ "weight (lb) pre" → "pre", "drug 1" → "drug 1": the name that stands right before the arrow."""
    kept = re.sub(r"\([^)]*\)", " ", words).split()
    if len(kept) >= 2 and kept[-1][0].isdigit():
        return " ".join(kept[-2:])
    return kept[-1] if kept else words.strip()


# --- paired yes/no counts in words ------------------------------------------------------------------

_NO = r"(?:\bno\b|-|neg\w*|unexposed|absent)"
_YES = r"(?:yes|\+|pos\w*|exposed|present)"
_BOTH = re.compile(rf"\bboth\b(?! {_NO})|concordant(?:ly)? {_YES}|{_YES}\s*[/,]\s*{_YES}", re.I)
_NEITHER = re.compile(
    rf"\bneither\b|\bnone\b|\bboth {_NO}|{_NO}\s+(?:at\s+|on\s+)?both\b|concordant(?:ly)? {_NO}|{_NO}\s*[/,]\s*{_NO}"
    r"|\b(?:below|under|beneath|absent|negative|without)\b[^:;\n]{0,25}?\bboth\b",  # "below in both", against "above"
    re.I,
)
_FIRST_ONLY = re.compile(rf"{_YES}\s*(?:[/,]|{_ARROW}|\bto\b)\s*(?:\w+\s+){{0,3}}{_NO}", re.I)
_SECOND_ONLY = re.compile(rf"{_NO}\s*(?:[/,]|{_ARROW}|\bto\b)\s*(?:\w+\s+){{0,3}}{_YES}", re.I)
_ONLY = re.compile(rf"\bonly\b|{_FIRST_ONLY.pattern}|{_SECOND_ONLY.pattern}|\bbut not\b", re.I)
_PIECE = re.compile(r"(?:[^,:;\n.]|\.(?=\d))+?(?=[,:;\n]|\.(?!\d)|\band\b|\bwhile\b|\bwhereas\b|$)")
_COUNT = re.compile(r"(?<![\w.])(?P<n>\d+)(?!\w|\.\d)")


# "smoker -> non-smoker", "approve then disapprove"; "approve both times" stays at one level
_TRANSITION = re.compile(
    rf"^\W*(?P<a>[A-Za-z][\w +-]*?)\s*(?:{_ARROW}|\bthen\b|\bfollowed by\b)\s*(?P<b>[A-Za-z][\w +-]*?)\W*$", re.I
)
_STAYED = re.compile(r"^\W*(?P<a>[A-Za-z][\w-]*?)\s+(?:both times|on both occasions|both|twice|throughout)\W*$", re.I)


def paired_counts(text: str) -> list[Table]:
    """Both / first only / second only / neither, in any order: [[both, first only], [second only, neither]];
    or the four transitions "smoker -> non-smoker: 25" between two levels."""
    cells = _labelled_counts(text)
    if len(cells) == 5:  # "193 countries with both years" beside the four cells it totals
        cells = [c for c in cells if 2 * c[1] != sum(n for _, n, _ in cells)] if _has_total(cells) else cells
    transitions = _transitions(cells)
    if transitions:
        return transitions
    neither = [c for c in cells if _NEITHER.search(c[0])]
    both = [c for c in cells if _BOTH.search(c[0]) and not _ONLY.search(c[0]) and c not in neither]
    discordant = [c for c in cells if c not in both and c not in neither and _ONLY.search(c[0])]
    if len(both) != 1 or len(neither) != 1 or len(discordant) != 2:
        return _but_cells(cells, neither)
    first, second = discordant
    if _SECOND_ONLY.search(first[0]) and _FIRST_ONLY.search(second[0]):  # "developed (no → yes) 31, lost 13"
        first, second = second, first
    return _paired_table(both[0], first, second, neither[0])


# "dem ID and Clinton vote: 181 / dem ID but voted Dole: 7 / not dem ID but voted Clinton: 27 / neither: 85"
_BUT = re.compile(r"^(?P<first>.+?)\s+but\s+(?P<second>.+)$", re.I)
_NEGATED = re.compile(r"^(?:not|no|non)\b", re.I)


def _but_cells(cells: list[tuple[str, int, Span]], neither: list[tuple[str, int, Span]]) -> list[Table]:
    """The four cells told apart by "and" and "but": "A and B" both, "A but …" the first only, "not A but B"
    the second only, and "neither"; any other mix is not read."""
    rest = [c for c in cells if c not in neither]
    buts = [(c, match) for c in rest if (match := _BUT.match(c[0]))]
    both = [  # "A and B", "yes on both"
        c
        for c in rest
        if (re.search(r"\band\b", c[0], re.I) or _BOTH.search(c[0]))
        and not _BUT.match(c[0])
        and not _NEGATED.match(c[0])
    ]
    first = [c for c, match in buts if not _NEGATED.match(match.group("first"))]
    second = [
        c for c, match in buts if _NEGATED.match(match.group("first")) and not _NEGATED.match(match.group("second"))
    ]
    if len(cells) != 4 or len(neither) != 1 or len(both) != 1 or len(first) != 1 or len(second) != 1:
        return []
    return _paired_table(both[0], first[0], second[0], neither[0])


def _paired_table(*cells: tuple[str, int, Span]) -> list[Table]:
    """Both, first only, second only, neither: McNemar's [[both, first only], [second only, neither]]."""
    both, first, second, neither = (float(count) for _, count, _ in cells)
    rows = ((both, first), (second, neither))
    spans = tuple(span for _, _, span in cells)
    labels = ("first positive", "first negative"), ("second positive", "second negative")
    return [Table(rows, labels[0], labels[1], start=min(s[0] for s in spans), spans=spans, paired=True)]


def _has_total(cells: list[tuple[str, int, Span]]) -> bool:
    return sum(2 * c[1] == sum(n for _, n, _ in cells) for c in cells) == 1


def _transitions(cells: list[tuple[str, int, Span]]) -> list[Table]:
    moves = [(m.group("a").strip().lower(), m.group("b").strip().lower(), n, span) for label, n, span in cells
             if (m := _TRANSITION.match(label))]  # fmt: skip
    moves += [(m.group("a").lower(), m.group("a").lower(), n, span) for label, n, span in cells
              if (m := _STAYED.match(label))]  # fmt: skip
    levels = list(dict.fromkeys(level for a, b, _, _ in moves for level in (a, b)))
    if len(moves) != 4 or len(levels) != 2 or len({(a, b) for a, b, _, _ in moves}) != 4:
        return []
    count = {(a, b): (n, span) for a, b, n, span in moves}
    rows = tuple(tuple(float(count[(a, b)][0]) for b in levels) for a in levels)
    spans = tuple(count[(a, b)][1] for a in levels for b in levels)
    labels = tuple(f"first: {level}" for level in levels), tuple(f"second: {level}" for level in levels)
    return [Table(rows, labels[0], labels[1], start=min(s[0] for s in spans), spans=spans, paired=True)]


def _is_year(digits: str) -> bool:
    return len(digits) == 4 and 1800 <= int(digits) <= 2100


def _one_count_pieces(line: re.Match[str]) -> list[re.Match[str]]:
    """A line with one count is one piece (years naming the cell aside); a line with several is split at its commas."""
    if len(_cell_counts(line.group())) <= 1:
        return [line]
    return list(_PIECE.finditer(line.string, line.start(), line.end()))


_TIME_AFTER = re.compile(r"[ \t-]*(?:years?|yrs?|months?|weeks?|wks?|days?|hours?|y|mo|d|h)\b", re.I)


def _cell_counts(text: str) -> list[re.Match[str]]:
    """The numbers of a piece that may count a cell: not a percentage (">= 50%" sets a threshold), not years
    beside a count ("above in 1990 but not 2010: 32"), not a time that names the cell or a visit ("present at 2
    years only 26", "the ~2 year visit"); "in Q1 and still in Q4: 16 years" counts years, its last words."""
    numbers = [n for n in _COUNT.finditer(text) if not re.match(r"[ \t]*%", text[n.end() :])]
    if len(numbers) > 1:
        numbers = [n for n in numbers if not _is_year(n.group("n"))]
    return [n for n in numbers if not _names_a_time(text, n)]


def _names_a_time(clause: str, number: re.Match[str]) -> bool:
    unit = _TIME_AFTER.match(clause, number.end())
    return unit is not None and bool(re.search(r"[A-Za-z]", clause[unit.end() :]))


def _labelled_counts(text: str) -> list[tuple[str, int, Span]]:
    """ "both: 38", "neither 80", "17 concordant exposed", "case exposed only 38": a count and its words."""
    found = []
    pieces = [m for line in re.finditer(r"(?:[^;\n.]|\.(?!\s))+", text) for m in _one_count_pieces(line)]
    for clause in pieces:
        numbers = _cell_counts(clause.group())
        if len(numbers) != 1:
            continue
        number = numbers[0]
        words = clause.group()[: number.start()] + " " + clause.group()[number.end() :]
        if re.search(r"[A-Za-z]", words):
            span = (clause.start() + number.start(), clause.start() + number.end())
            found.append((words.strip(" :=-."), int(number.group("n")), span))
    return found
