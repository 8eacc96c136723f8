"""Numbers in free text, and the runs they form.

A *token* is one number as written (``-1.5``, ``.05``, ``12+`` censored, ``30%``, ``5 mg``). A *run* is
a stretch of tokens separated only by list punctuation (commas, spaces, "and", semicolons, line
breaks, bracket pairs); semicolons, line breaks and ``], [`` split a run into rows. Words end a run,
so ``A: 1, 2, 3; B: 4, 5`` is two runs while ``1; 2; 3`` is one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_REPLACEMENTS = {
    "\u2212": "-",  # minus sign
    "\u2013": "-",  # en dash, in ranges ("20–24") and names ("Kruskal–Wallis")
    "\u00d7": "x",  # multiplication sign in "2×2"
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2264": "<=",
    "\u2265": ">=",
}

# Units a number may carry ("5 mg", "12 months", "8mmHg"); consumed with the number so "5 mg, 10 mg"
# stays one list. Single letters only when attached ("5g"), since "5 d" may start "d = 0.5".
_SPACED_UNITS = (
    r"mg/dl|mg/kg|mmol/l|mmhg|ng/ml|pg/ml|mg|kg|ml|cm|mm|ug|µg|ng|pg|iu|u/l|mins?|minutes|hrs?|hours"
    r"|days|wks?|weeks|months|mos?|yrs?|years|bpm|pts|points|°c"
)
_ATTACHED_UNITS = _SPACED_UNITS + r"|g|l|m|h|d|s|y|w"
_NUMBER_TEMPLATE = (
    r"(?P<num>-?(?:{thousands}\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?)L?"
    rf"(?P<unit>(?:{_ATTACHED_UNITS})\b|\s(?:{_SPACED_UNITS})\b)?"
    r"(?P<pct>\s?%)?"
    r"(?P<mark>\+|\*|\s?\((?:censored|cens\.?|c)\))?"
    rf"(?P<unit_after_mark>\s(?:{_SPACED_UNITS})\b)?"
)
# "11,037" is one number unless the writer lists with bare commas ("1,2,3"); R's integers carry an L ("2920L")
_NUMBER = re.compile(_NUMBER_TEMPLATE.replace("{thousands}", r"\d{1,3}(?:,\d{3})+(?!\d|,\d)|"), re.IGNORECASE)
_PLAIN_NUMBER = re.compile(_NUMBER_TEMPLATE.replace("{thousands}", ""), re.IGNORECASE)
_SIZE_BEFORE = re.compile(r"\bn\s*=\s*$", re.IGNORECASE)
_NESTED_OPENING = re.compile(r"[\[\(\{]\s*[\[\(\{]\s*$")
_ROW_BREAK = re.compile(r";|[\]\)\}]\s*,?\s*[\[\(\{]|\s/\s")
# between two numbers of one list: punctuation, "and", or a repeated "p =" ("p=0.01, p=0.04")
# R's NA inside a vector is a missing value, not the end of the list ("c(41, 36, NA, 18)")
_LIST_GAP = re.compile(r"^(?:[\s,;|/\[\]\(\)\{\}]|(?-i:\bNA\b))*(?:(?:and|&)[\s,]*)?(?:p\s*[=<]\s*)?$", re.IGNORECASE)
MISSING = re.compile(r"\bNA\b")


@dataclass(frozen=True, slots=True)
class Token:
    value: float
    start: int
    end: int
    percent: bool = False
    censored: bool = False
    decimal: bool = False  # written with a decimal point or exponent: a measurement, never a count
    unit: bool = False  # carried a unit ("50 mg", "12 months"): a measurement, never a count
    size: bool = False  # a sample size written "n = 5": never part of the data beside it


@dataclass(frozen=True, slots=True)
class Run:
    """Tokens in one list-like stretch, split into rows at semicolons, line breaks and bracket pairs."""

    rows: tuple[tuple[Token, ...], ...]
    newline_rows: bool  # every row break was a bare line break (a pasted column of rows)
    matrix: bool = False  # written as a nested literal, "[[12, 5], [7, 9]]": a table, not lists

    @property
    def tokens(self) -> tuple[Token, ...]:
        return tuple(token for row in self.rows for token in row)

    @property
    def start(self) -> int:
        return self.rows[0][0].start

    @property
    def end(self) -> int:
        return self.rows[-1][-1].end


# R's console: "[1]"/"[20]" index markers at a line start, and code fences, are layout, never data
_LAYOUT = re.compile(r"(?m)^(\s*)(\[ *\d+\])|```\w*")
# "49 (41.5%)" in a table cell: the count and its derived percentage, which is not data; "**Total**" is bold
_COUNT_PERCENT = re.compile(r"(?<![\d.])(\d+[ \t]*)\([ \t]*\d+(?:\.\d+)?[ \t]*%[ \t]*\)|\*\*")
# a comma between digits that is not a thousands separator ("1,2,3", "4.5,12,7"): this writer lists with commas
_COMMA_LISTS = re.compile(r"\d,\d{1,2}(?!\d)|\d,\d{4,}|\.\d+,\d")
# an R command ("> head(birthwt$lwt, 20)", "> x <- c(1, 2)"): its numbers are arguments, not data
R_COMMAND = re.compile(r"(?m)^[ \t]*>[ \t]*[A-Za-z_.][\w.$]*[ \t]*(?:\(|<-(?![ \t]*c\()|\[|\$)[^\n]*")


_UNITS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_WORD_VALUES = {
    **{word: n for n, word in enumerate(_UNITS, start=1)},
    **{word: n for n, word in enumerate(_TEENS, start=10)},
    **{word: 10 * n for n, word in enumerate(_TENS, start=2)},
    **{f"{tens}{joiner}{unit}": 10 * t + u for t, tens in enumerate(_TENS, start=2)
       for u, unit in enumerate(_UNITS, start=1) for joiner in ("-", " ")},
}  # fmt: skip
_NUMBER_WORD = "|".join(sorted(map(re.escape, _WORD_VALUES), key=len, reverse=True))
# "twenty-one of the thirty-six wheels", "five out of thirty": a count of a total, in words
_WORDED_FRACTION = re.compile(  # and "twenty of the 30"
    rf"\b(?P<part>{_NUMBER_WORD})(?P<between>\s+(?:out\s+)?of\s+(?:the\s+|all\s+)?)(?P<whole>{_NUMBER_WORD}|\d+)\b",
    re.IGNORECASE,
)
PEOPLE = (
    r"(?:boys|girls|men|women|children|patients|subjects|participants|people|mice|rats|babies|infants|adults"
    r"|cases|controls|smokers|non-smokers|volunteers|students|mothers|animals)"
)

# "eighty percent power", "ninety per cent", "eighty or ninety percent"
_WORDED_PERCENT = re.compile(
    rf"\b(?P<words>(?:{_NUMBER_WORD})(?:[ \t]*(?:,|or|and)[ \t]*(?:{_NUMBER_WORD}))*)(?=[ \t]*(?:percent|per cent|%))",
    re.IGNORECASE,
)
_ONE_NUMBER_WORD = re.compile(rf"\b(?:{_NUMBER_WORD})\b", re.IGNORECASE)

# "of the seventeen children …, six had …; of the sixty-four without, only seven did": counts in words beside
# the words that make them counts of people (a total after "of the", a count before "had" or after "only")
_WORDED_COUNT = re.compile(
    rf"(?P<before>\b(?:of|among)\s+(?:the\s+|all\s+)?|\b(?:only|just)\s+)(?P<word>{_NUMBER_WORD})\b"
    rf"|\b(?P<counted>{_NUMBER_WORD})(?=\s+(?:{PEOPLE}\s+)?(?:had|have|were|was|did|died|developed|showed|responded|relapsed"
    r"|survived|recovered|improved)\b)"
    # "yes on both: seventy-two; no on both: forty-seven": a cell's whole value, in words, after its label
    rf"|(?<=[:=])(?P<gap>[ \t]*)(?P<cell>{_NUMBER_WORD})(?=[ \t]*(?:[;,.]|\n|$))",
    re.IGNORECASE,
)


def _word_in_digits(match: re.Match[str]) -> str:
    return str(_WORD_VALUES[match.group().lower()]).rjust(len(match.group()))


def _count_in_digits(match: re.Match[str]) -> str:
    """The count in digits, padded to its word's length; a total under five ("of the two groups") stays words."""
    if match["cell"]:
        return match["gap"] + str(_WORD_VALUES[match["cell"].lower()]).ljust(len(match["cell"]))
    word = match["word"] or match["counted"]
    value = _WORD_VALUES[word.lower()]
    if match["word"] and match["before"].lower().startswith(("of", "among")) and value < 5:
        return match.group()
    if match["word"]:  # the digits stay next to the words before them: "of the 64        without"
        return match["before"] + str(value).ljust(len(word))
    return str(value).rjust(len(word))


def _fraction_in_digits(match: re.Match[str]) -> str:
    """The two words as digits, each padded to its word's length so offsets stay; "one of the two groups" (a
    whole under five) stays words."""
    part, whole = (_WORD_VALUES.get(match[key].lower()) or int(match[key]) for key in ("part", "whole"))
    if whole < 5 or part > whole:
        return match.group()
    return str(part).rjust(len(match["part"])) + match["between"] + str(whole).ljust(len(match["whole"]))


def normalise(text: str) -> str:
    """NFKC plus the few symbol swaps the parsers rely on; offsets into the result are what spans index."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(_REPLACEMENTS.get(char, char) for char in text).replace("\r\n", "\n")
    text = _COUNT_PERCENT.sub(lambda m: (m.group(1) or "").ljust(len(m.group())), text)
    text = _WORDED_FRACTION.sub(_fraction_in_digits, text)
    text = _WORDED_COUNT.sub(_count_in_digits, text)
    text = _WORDED_PERCENT.sub(lambda m: _ONE_NUMBER_WORD.sub(_word_in_digits, m["words"]), text)
    return _named_vector_layout(_LAYOUT.sub(_layout, text))


_R_NUMBER = re.compile(r"-?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?|NA")


def _named_vector_layout(text: str) -> str:
    """R prints a named vector as lines of names over lines of values, each value right-aligned under its
    name. The name lines are blanked and later value lines continue the first, so the values read as one
    list (offsets unchanged)."""
    lines = text.split("\n")
    starts = [i for i in range(len(lines) - 3) if _names_over_values(lines[i], lines[i + 1])]
    for first in starts:
        if first > 0 and _names_over_values(lines[first - 1], lines[first]):
            continue  # not the first pair of a block
        pairs = [first]
        # the last pair of a block may hold a single name over its value
        while pairs[-1] + 3 < len(lines) and _names_over_values(lines[pairs[-1] + 2], lines[pairs[-1] + 3], 1):
            pairs.append(pairs[-1] + 2)
        if len(pairs) < 2:
            continue
        for k, index in enumerate(pairs):
            lines[index] = " " * len(lines[index])
            values = lines[index + 1]
            if k and values.startswith(" "):
                lines[index + 1] = "," + values[1:]
    return "\n".join(lines)


def _names_over_values(names: str, values: str, fewest: int = 2) -> bool:
    cells = list(_R_NUMBER.finditer(values))
    only_numbers = len(cells) >= fewest and not _R_NUMBER.sub("", values).strip()
    # a row of numbers with an NA among them ("1963   76   64   NA   57") is data, not a line of names
    named = re.search(r"[A-Za-z]", _R_NUMBER.sub("", names))
    if not only_numbers or not named or re.search(r"\d\s*[,;]", names):
        return False
    ends = [cell.end() for cell in cells]  # each value's last character sits under its name's last character
    return all(0 < end <= len(names) and names[end - 1] != " " and names[end : end + 1] in ("", " ") for end in ends)


def _layout(match: re.Match[str]) -> str:
    """Blank layout out, keeping offsets: R's "[26]" continues the vector above, so it reads as a comma."""
    marker = match.group(2)
    if marker is None:
        return " " * len(match.group())
    continued = marker.replace(" ", "") != "[1]"
    return (match.group(1) or "") + ("," if continued else " ") + " " * (len(marker) - 1)


def tokens(text: str) -> list[Token]:
    found: list[Token] = []
    pattern = _PLAIN_NUMBER if _COMMA_LISTS.search(text) else _NUMBER
    commands = [m.span() for m in R_COMMAND.finditer(text)]
    for match in pattern.finditer(text):
        raw = match.group("num")
        if not _stands_alone(text, match) or any(a <= match.start() < b for a, b in commands):
            continue
        found.append(
            Token(
                value=float(raw.replace(",", "")),
                start=match.start(),
                end=match.end(),
                percent=bool(match.group("pct")),
                censored=bool(match.group("mark")),
                decimal="." in raw or "e" in raw.lower(),
                unit=bool(match.group("unit") or match.group("unit_after_mark")),
                size=bool(_SIZE_BEFORE.search(text, max(0, match.start() - 6), match.start())),
            )
        )
    return found


def _stands_alone(text: str, match: re.Match[str]) -> bool:
    """Reject digits inside words and names: "IL-6", "Ki67", "2x2", "COVID-19", "F1", "R^2" stays (as 2)."""
    start, end = match.start(), match.end()
    before = text[start - 1] if start > 0 else " "
    if before.isalnum() or before in "._^":
        return False  # "IL6", "x.2", "m^2": part of a name or an exponent
    if before == "-" and start > 1 and text[start - 2].isalpha():
        return False
    if match.group("num").startswith("-") and start > 0 and text[start - 1].isalnum():
        return False
    after = text[end] if end < len(text) else " "
    if after == "-" and text[end + 1 : end + 2].isalpha():
        return False  # "1-way", "2-sided", "3-arm"
    return not (after.isalnum() or after == "_" or (after == "." and text[end + 1 : end + 2].isdigit()))


def runs(text: str, found: list[Token]) -> list[Run]:
    """Group tokens into runs; every token belongs to exactly one run (most runs are one token long)."""
    grouped: list[Run] = []
    rows: list[list[Token]] = []
    breaks: list[str] = []
    for index, token in enumerate(found):
        gap = text[found[index - 1].end : token.start] if index else None
        prose = gap is not None and _BLANK_LINE.search(gap) is not None and _PROSE_AFTER.match(text, token.end)
        if gap is not None and rows and not token.size and not prose and _continues(gap, found[index - 1]):
            if not _is_row_break(gap):
                rows[-1].append(token)
                continue
            if not ("\n" in gap and _labelled_line(text, rows[-1][0].start)):
                rows.append([token])
                breaks.append(gap)
                continue
        if rows:
            grouped.append(_run(text, rows, breaks))
        rows, breaks = [[token]], []
    if rows:
        grouped.append(_run(text, rows, breaks))
    return grouped


# "…3.60 3.70\n\n24 copper determinations in flour": a sentence under the data, opening with a number
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_PROSE_AFTER = re.compile(r"[ \t]+[A-Za-z]{3,}[ \t]+[A-Za-z]")


def _continues(gap: str, previous: Token) -> bool:
    """Whether the gap keeps two numbers in one run; "day 14 (11, 10.9" opens a new list at the bracket."""
    opens_list = any(c in gap for c in "([{") and not any(c in gap for c in ")]}")
    return bool(_LIST_GAP.match(gap)) and not previous.percent and not previous.size and not opens_list


def _labelled_line(text: str, start: int) -> bool:
    """The row starting at ``start`` follows words on its line ("day 1 | day 7"): a header, not data."""
    line_start = text.rfind("\n", 0, start) + 1
    return any(char.isalpha() for char in text[line_start:start])


def _is_row_break(gap: str) -> bool:
    if _ROW_BREAK.search(gap):
        return True
    # a bare line break starts a new row, but "1, 2,\n3" is a list wrapped over two lines
    return "\n" in gap and "," not in gap


def _run(text: str, rows: list[list[Token]], breaks: list[str]) -> Run:
    newline_rows = bool(breaks) and all("\n" in gap and not _ROW_BREAK.search(gap) for gap in breaks)
    opening = text[max(0, rows[0][0].start - 8) : rows[0][0].start]
    matrix = len(rows) > 1 and bool(_NESTED_OPENING.search(opening))
    return Run(rows=tuple(tuple(row) for row in rows), newline_rows=newline_rows, matrix=matrix)


# clause ends: sentence ends (never inside "0.05"), semicolons, line breaks, and "), " between
# parenthesised rows ("treated (improved 30, not 10), untreated (improved 18, not 22)")
_SENTENCE_END = re.compile(r"(?<=[^\d\s][.!?])\s+|(?<=\d[.!?])\s+(?=[A-Za-z])|[;\n]+|(?<=\))\s*,\s*")


def segments(text: str) -> list[tuple[int, int]]:
    """Spans of clauses: split at line breaks, semicolons and sentence ends (never inside "0.05")."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = max(start, match.end())
    if start < len(text):
        spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


NAME_WORD = re.compile(
    r"\b(?:week|wk|day|visit|month|year|time|dose|cycle|phase|grade|stage|level|group|arm|cohort|site|batch|lot|run"
    r"|trial|block|plot|sample|strain|line|clone|patient|subject|round|test|drug|treatment|condition)s?[ \t]*#?$",
    re.IGNORECASE,
)


def name_numbers(text: str, found: list[Token]) -> tuple[list[Token], list[tuple[int, int]]]:
    """Numbers that end a name ("Group 1: 5, 6", "week 12 66.1 58.0"): taken out of the data, kept in the name."""
    kept: list[Token] = []
    names: list[tuple[int, int]] = []
    for index, token in enumerate(found):
        following = found[index + 1] if index + 1 < len(found) else None
        after = text[token.end : following.start] if following else text[token.end :]
        integer = not (token.decimal or token.percent or token.censored or token.unit)
        labelled = bool(NAME_WORD.search(text[max(0, token.start - 20) : token.start]))
        before_data = re.match(r"^[ \t]*[:=]", after) or (
            following is not None and following.decimal and re.fullmatch(r"[ \t]+", after)
        )
        # "1 | 240.0 298.5 …": a row's first cell, before a pipe and a list of values, names the row
        row_label = re.match(r"^[ \t]*\|[ \t]*-?\d", after) and text[: token.start].rsplit("\n", 1)[-1].strip() in (
            "",
            "|",
        )
        # "1961: 9 11 9 20 …": a number that opens its line and a colon before a list of values names the list
        line_end = text.find("\n", token.end)
        rest_of_line = text[token.end : line_end if line_end >= 0 else len(text)]
        line_label = (
            re.match(r"^[ \t]*:[ \t]+-?\d", rest_of_line) is not None
            and not text[: token.start].rsplit("\n", 1)[-1].strip()
            and len(re.findall(r"-?\d+(?:\.\d+)?", rest_of_line)) >= 3
        )
        if integer and ((labelled and before_data) or row_label or line_label):
            names.append((token.start, token.end))
            continue
        kept.append(token)
    return kept, names
