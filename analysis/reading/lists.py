"""Named lists of numbers (and of category names) from runs of tokens in the request."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from analysis.model import DataList, Explained, Factor, Span
from analysis.reading.labels import clause_before, header_cells, label_from, r_name_before
from analysis.reading.lexer import MISSING, Run, Token, segments
from analysis.reading.pairs import arrow_caption

MIN_LIST_LENGTH = 3
# short lists are data when they say which times they are: "censored at: 48, 50", "died at (months): 25, 53"
_CENSORED_AT = re.compile(
    r"(?:censored|died|deaths?|events?|progressed|relapsed|failed)\s*(?:at|times?|after|on|:)?\s*(?:\([^)]{0,12}\))?"
    r"\s*:?\s*$",
    re.IGNORECASE,
)
# "arm: A A B B", "outcome = yes, no, yes": a label, then four or more short words drawn from a few levels
_ITEM = r"['\"]?[A-Za-z][\w\-+]{0,14}['\"]?(?![\w\-+]*[ \t]*[:=])"  # a word that is not the next label
_FACTOR = re.compile(
    rf"(?P<label>\b[A-Za-z][\w ()/-]{{0,30}}?)\s*[:=]\s*(?:c\()?[\[\(\{{]?\s*"
    rf"(?P<items>(?:{_ITEM}(?:[ \t]*,[ \t]*|[ \t]+(?:and[ \t]+)?)){{3,}}{_ITEM})",
    re.IGNORECASE,
)
_MAX_LEVELS = 6


def lists_from_runs(text: str, found: list[Run]) -> list[DataList]:
    lists: list[DataList] = []
    floor = 0
    for run in found:
        short = len(run.tokens) < MIN_LIST_LENGTH
        if short and not _CENSORED_AT.search(text[max(floor, run.start - 30) : run.start]):
            if len(run.tokens) > 1:
                floor = run.end
            continue  # a lone number is a setting or part of a name ("Group 1:"); but "censored at 5, 9" is data
        clause = clause_before(text, run.start, floor)
        floor = run.end
        pieces = [run.tokens] if short else _pieces(run)
        label = _number_label(text, run.start) or label_from(clause)
        if not label or label.lower() == "c" or clause.strip().startswith(("c(", "[")):
            label = r_name_before(text, run.start) or label
        names = header_cells(text, run.start, len(pieces)) if len(pieces) > 1 and run.newline_rows else None
        if names is None and len(pieces) > 1:
            names = tuple_names(clause, len(pieces))
            said_earlier = None if names else tuple_names(text[: run.start], len(pieces))
            if said_earlier:  # "tuples are (time, died)" once, then "stage I: (0.6,1) (1.3,1) …" per group
                names = tuple(f"{label} {name}" if label else name for name in said_earlier)
        for position, piece in enumerate(pieces, start=1):
            name = names[position - 1] if names else _piece_name(label, position, len(pieces))
            values = tuple(token.value for token in piece)
            marks = tuple(token.censored for token in piece)
            spans = tuple((token.start, token.end) for token in piece)
            missing = _missing_positions(text, piece)
            lists.append(
                DataList(
                    name, values, marks, context=clause.lower(), start=piece[0].start, spans=spans, missing_at=missing
                )
            )
    return lists


_NUMBER_LABEL = re.compile(r"(?:^|\n)[ \t]*(?P<label>\d{1,4})[ \t]*:[ \t]*$")


def _number_label(text: str, start: int) -> str:
    """ "1961: 9 11 9 …": the number opening the line names the list (lexer.name_numbers took it out of the data);
    the clause before it holds no word, so it would otherwise borrow the previous line's name."""
    match = _NUMBER_LABEL.search(text, max(0, start - 12), start)
    return match.group("label") if match else ""


def _missing_positions(text: str, piece: Sequence[Token]) -> tuple[int, ...]:
    """Where R's NAs sat between the values (positions in the list as written, NAs counted)."""
    positions: list[int] = []
    for index in range(1, len(piece)):
        for _ in MISSING.finditer(text, piece[index - 1].end, piece[index].start):
            positions.append(index + len(positions))
    return tuple(positions)


_TUPLE_NAMES = re.compile(r"\(\s*([A-Za-z][\w ./-]*(?:\s*,\s*[A-Za-z][\w ./-]*)+)\s*\)")


def tuple_names(clause: str, count: int) -> tuple[str, ...] | None:
    """ "Data as (age, delirium):", "(days, status) with …": the names of tuples' places, said before them."""
    for match in reversed(list(_TUPLE_NAMES.finditer(clause))):
        names = tuple(name.strip() for name in match.group(1).split(","))
        if len(names) == count and len(set(names)) == count:
            return names
    return None


def _piece_name(label: str, position: int, count: int) -> str:
    if count == 1:
        return label
    return f"{label} {position}" if label else ""


def _pieces(run: Run) -> list[tuple[Token, ...]]:
    """How a run reads as lists: one flat list, one list per row, or (pasted grid) one per column."""
    rows = run.rows
    lengths = [len(row) for row in rows]
    if len(rows) == 1 or all(length == 1 for length in lengths):
        flat = run.tokens
        return [flat] if len(flat) >= MIN_LIST_LENGTH else []
    width = lengths[0]
    # more rows than columns: each row is one subject, e.g. "(1, 2.1), (2, 3.9), (3, 6.2)" or a pasted grid
    if len(set(lengths)) == 1 and len(rows) >= MIN_LIST_LENGTH and (len(rows) > width or run.newline_rows):
        columns = [tuple(row[j] for row in rows) for j in range(width)]
        if width >= 3 and _is_row_number(columns[0]):
            columns = columns[1:]  # a leading 1, 2, 3… column numbers the subjects
        return columns
    if run.matrix:
        return []  # "[[12, 8, 5], [6, 14, 10]]" is a table (see parse_tables), not two samples
    if run.newline_rows and len(set(lengths[:-1])) == 1 and lengths[-1] < width and width >= 4:
        return [run.tokens]  # one list wrapped over lines of equal length, the last one shorter
    if min(lengths) >= 2:
        return [row for row in rows if len(row) >= MIN_LIST_LENGTH]
    return [run.tokens]


def _is_row_number(column: tuple[Token, ...]) -> bool:
    return [token.value for token in column] == [float(i) for i in range(1, len(column) + 1)]


def inline_factors(text: str) -> list[Factor]:
    """ "arm: A A A B B B" or "group = c('ctl','ctl','trt')": a category per observation."""
    factors: list[Factor] = []
    for match in _FACTOR.finditer(text):
        levels = tuple(item.strip("'\"") for item in re.split(r"[\s,;]+", match.group("items").strip()) if item)
        distinct = set(levels)
        if 2 <= len(distinct) <= _MAX_LEVELS and len(levels) >= 2 * len(distinct):
            label = label_from(match.group("label")) or "group"
            factors.append(Factor(label, levels, context=match.group("label").lower(), start=match.start()))
    return factors


_P_NUM = r"(?P<num>\d*\.\d+(?:[eE]-?\d+)?|0|1)(?!\w|\.\d)"
_P_MENTION = re.compile(
    rf"(?:(?P<name>[A-Za-z][\w-]*(?:[ \t][\w-]+)?)[ \t]*[:,(]?[ \t]*)?(?<![\w.])p\s*(?:=|<=?|:)\s*{_P_NUM}", re.I
)
_P_LINE = re.compile(
    rf"(?m)^[ \t]*[-*•]?[ \t]*(?P<name>[A-Za-z][^:=\n]{{0,30}}?)[ \t]*(?:[:=]|[ \t][–—-])[ \t]*{_P_NUM}[ \t]*$"
)
# the list ends at a comma, a full stop, a line's end or an aside's dash ("Nov 0.0253 -- holm adjust pls")
_P_NAMED = re.compile(rf"(?P<name>[A-Za-z][\w-]*\d*)[ \t]*[:=]?[ \t]+{_P_NUM}(?=\s*(?:[,;)]|$|\.\s|\n|[-–—]{{1,2}}\s))")
MIN_P_VALUES = 3


def p_value_mentions(text: str, lists: list[DataList], wanted: bool) -> DataList | None:
    """ "gene1 p = 0.0012, gene2 p = 0.034, gene3 p = 0.21", or one "week 4: 0.021" per line when the request is
    about p-values (``wanted``): p-values written one per name, as one list that keeps the names."""
    matches = list(_P_MENTION.finditer(text))
    if len(matches) < MIN_P_VALUES and wanted:
        matches = [m for m in _P_LINE.finditer(text) if float(m.group("num")) <= 1]
    if len(matches) < MIN_P_VALUES and wanted:
        matches = [m for m in _P_NAMED.finditer(text) if float(m.group("num")) <= 1]
    found = tuple(float(m.group("num")) for m in matches)
    if len(found) < MIN_P_VALUES or any(set(found) <= set(item.values) for item in lists if len(item.values) > 1):
        return None
    names = tuple((m.group("name") or "").strip() for m in matches)
    return DataList(
        "p-values",
        found,
        (False,) * len(found),
        context="p-values",
        start=matches[0].start(),
        spans=tuple(m.span("num") for m in matches),
        names=names if all(names) and len(set(names)) == len(names) else (),
    )


_SUBJECT_ROW = re.compile(
    r"^\W*(?:subject|patient|participant|pt|mouse|rat|animal|pair|id|case|volunteer|sample|s|p|no\.?|#)?\s*#?\s*"
    r"(?P<number>\d+)(?!\.\d)\s*[:.)=\-]",
    re.IGNORECASE,
)


_ROW_NOTE = re.compile(r"\([ \t]*[A-Za-z][^()\n]*\)")  # "pt 1: 14.5 -> 21.3 (day 192)": when, not a value


def columns_from_subject_rows(text: str, found: list[Token]) -> tuple[list[DataList], list[Explained]]:
    """ "Subject 1: 120 -> 115", one subject per line or clause: the columns are the repeated measurements; the
    subjects' numbers and the notes in brackets beside the values come back as explained."""
    rows: list[list[Token]] = []
    explained: list[Explained] = []
    for start, end in segments(text):
        match = _SUBJECT_ROW.match(text[start:end])
        if match is None:
            if len(rows) >= MIN_LIST_LENGTH:
                break
            rows, explained = [], []
            continue
        notes = [(start + m.start(), start + m.end()) for m in _ROW_NOTE.finditer(text[start:end])]
        row = [t for t in found if start + match.end() <= t.start < end]
        rows.append([t for t in row if not any(a <= t.start < b for a, b in notes)])
        explained.append(Explained((start + match.start("number"), start + match.end("number")), "a subject's number"))
        explained += [Explained(note, "a note beside a row's values") for note in notes]
    widths = {len(row) for row in rows}
    if len(rows) < MIN_LIST_LENGTH or len(widths) != 1 or not 2 <= widths.pop() <= 6:
        return [], []
    # "exercise at age 8 -> age 10:" above "100: 2.71 -> 1.94"
    header = (arrow_caption(text, rows[0][0].start) if len(rows[0]) == 2 else None) or header_cells(
        text, rows[0][0].start, len(rows[0])
    )
    columns = [
        DataList(
            header[j] if header else f"measurement {j + 1}",
            tuple(row[j].value for row in rows),
            tuple(row[j].censored for row in rows),
            context="per-subject rows",
            start=rows[0][j].start,
            spans=tuple((row[j].start, row[j].end) for row in rows),
        )
        for j in range(len(rows[0]))
    ]
    return columns, explained


# "Mazda RX4: 110 hp, 21 mpg", "Courtelary: (17.0, 15)", "Neuveville   43.5   17": a named subject per line
_ROW_LABELS = (
    re.compile(r"^[ \t]*[-*•]?[ \t]*(?P<label>[A-Za-z][^\n:=\t]{0,40}?)[ \t]*(?::|=|\t|[ \t]{2,})"),
    re.compile(r"^[ \t]*[-*•]?[ \t]*(?P<label>[A-Za-z][A-Za-z .'&/-]{0,40}?)(?=[ \t]+\(?-?\.?\d)"),
)
_BETWEEN_VALUES = re.compile(r"^[\s,;|()\[\]/]*(?:(?P<unit>[A-Za-z%µ°][\w%/.]{0,9})[\s,;|()\[\]/]*)?$")
_ROW_CUES = frozenset({"correlation", "pearson", "spearman", "kendall", "regression", "paired"})


def columns_from_labelled_rows(
    text: str, found: list[Token], cues: frozenset[str]
) -> tuple[list[DataList], list[Span]]:
    """One named subject per line with the same two to six measurements on each, when the request relates
    measurements (a correlation, a regression, a paired comparison): the columns are the variables. Numbers in
    the names ("Hornet 4 Drive") are returned as name spans."""
    if not _ROW_CUES & cues:
        return [], []
    offset = 0
    block: list[_Row] = []
    blocks: list[list[_Row]] = []
    for line in text.split("\n"):
        row = _labelled_row(text, offset, line, found)
        if row is None and len(block) >= MIN_LIST_LENGTH:
            blocks.append(block)
        block = [] if row is None else [*block, row]
        offset += len(line) + 1
    if len(block) >= MIN_LIST_LENGTH:
        blocks.append(block)
    lists: list[DataList] = []
    names: list[Span] = []
    for rows in blocks:
        labels = [label for label, _, _, _ in rows]
        widths = {len(values) for _, values, _, _ in rows}
        if len(set(labels)) < len(labels) or len(widths) != 1:
            continue
        width = widths.pop()
        headers = _row_headers(text, rows, width)
        for j in range(width):
            values = [row[1][j] for row in rows]
            lists.append(
                DataList(
                    headers[j],
                    tuple(token.value for token in values),
                    tuple(token.censored for token in values),
                    context="per-subject rows",
                    start=values[0].start,
                    spans=tuple((token.start, token.end) for token in values),
                    names=tuple(labels),
                )
            )
        names += [span for _, _, _, label_spans in rows for span in label_spans]
    return lists, names


_Row = tuple[str, list[Token], list[str], list[Span]]  # name, values, the unit after each value, numbers in the name


def _labelled_row(text: str, offset: int, line: str, found: list[Token]) -> _Row | None:
    label = next((m for pattern in _ROW_LABELS if (m := pattern.match(line))), None)
    if label is None or not label.group("label").strip():
        return None
    label_end = offset + label.end("label")
    values = [t for t in found if label_end <= t.start < offset + len(line)]
    if not 2 <= len(values) <= 6:
        return None
    units: list[str] = []
    for before, after in zip(values, [*values[1:], None], strict=True):
        gap = _BETWEEN_VALUES.match(text[before.end : after.start if after else offset + len(line)])
        if gap is None:
            return None
        units.append(gap.group("unit") or "")
    in_label = [(t.start, t.end) for t in found if offset <= t.start < label_end]
    return label.group("label").strip(), values, units, in_label


def _row_headers(text: str, rows: list[_Row], width: int) -> list[str]:
    """Column names: the line above (a header or "(x, y)" names), else the units every row writes, else numbered."""
    first = rows[0][1][0].start
    line_start = text.rfind("\n", 0, first) + 1
    above = text[text.rfind("\n", 0, max(line_start - 1, 0)) + 1 : max(line_start - 1, 0)]
    described = [
        tuple(name.strip() for name in m.group(1).split(","))
        for m in re.finditer(r"\(\s*([A-Za-z%][^()\n]*(?:,[^()\n]+)+)\)", above)
    ]
    if described and len(described[-1]) == width:
        return list(described[-1])
    header = header_cells(text, line_start, width + 1) or ("",) + (header_cells(text, line_start, width) or ())
    if len(header) == width + 1:
        return list(header[1:])
    units = [{row[2][j] for row in rows} for j in range(width)]
    if all(len(unit) == 1 and next(iter(unit)) for unit in units) and len({next(iter(u)) for u in units}) == width:
        return [next(iter(unit)) for unit in units]
    return [f"measurement {j + 1}" for j in range(width)]


# "pt01 karno=90 died100=0": one subject per line, each value named by its key
_KEY_VALUE = re.compile(r"(?<![\w.])(?P<key>[A-Za-z][\w.]*)[ \t]*=[ \t]*(?P<value>-?(?:\d+(?:\.\d+)?|\.\d+))(?![\w.])")


def _records(text: str) -> list[Span]:
    """Each line, or each ";"-separated piece of a line whose keys repeat ("u=138, x=143; u=93, x=104; …")."""
    records: list[Span] = []
    for line in re.finditer(r"^.*$", text, re.MULTILINE):
        keys = [m.group("key") for m in _KEY_VALUE.finditer(line.group())]
        if len(keys) > len(set(keys)):
            records += [(line.start() + p.start(), line.start() + p.end()) for p in re.finditer(r"[^;]+", line.group())]
        else:
            records.append(line.span())
    return records


def columns_from_key_values(text: str) -> tuple[list[DataList], list[Span]]:
    """Three or more lines that each give the same two or more keys a number: one column per key."""
    rows: list[tuple[Span, dict[str, tuple[float, Span]]]] = []
    for start, end in _records(text):
        pairs = {m.group("key"): (float(m.group("value")), m.span("value"))
                 for m in _KEY_VALUE.finditer(text, start, end)}  # fmt: skip
        rows.append(((start, end), pairs))
    found: list[DataList] = []
    spans: list[Span] = []
    block: list[tuple[Span, dict[str, tuple[float, Span]]]] = []
    for row in [*rows, ((0, 0), {})]:
        if len(row[1]) >= 2 and (not block or row[1].keys() == block[0][1].keys()):
            block.append(row)
            continue
        if len(block) >= 3:
            for key in block[0][1]:
                asked = text[block[-1][0][1] :]  # the words after the lines name what to analyse
                named = bool(re.search(rf"(?<![\w.]){re.escape(key)}(?![\w.]*=)", asked))
                found.append(DataList.written(key, [pairs[key] for _, pairs in block], column=True, named=named))
            spans.append((block[0][0][0], block[-1][0][1]))
        block = [row] if len(row[1]) >= 2 else []
    return found, spans


# "Philadelphia: 39.9" on each of five or more lines: one value per named subject, one list
_NAMED_VALUE_LINE = re.compile(
    r"^[ \t]*(?P<name>[A-Za-z][^:=\n\d]{0,40}?)[ \t]*[:=][ \t]*(?P<value>-?(?:\d+(?:\.\d+)?|\.\d+))[ \t]*"
    r"(?:[A-Za-z%µ°/]{1,6}\.?)?[ \t]*[,;]?[ \t]*$"
)
SETTING_NAMES = re.compile(
    r"^(?:alpha|power|beta|sd|s\.?d\.?|mean|median|n|delta|mu|p|p[12]|effect(?: size)?|d|ci|conf\w*|total|sum"
    r"|variance|var|se|range|min|max)$",
    re.IGNORECASE,
)
MIN_NAMED_LINES = 5


def named_value_lines(text: str) -> tuple[list[DataList], list[Span]]:
    """Consecutive "name: value" lines (five or more, none a setting's name): one list, each value named."""
    found: list[DataList] = []
    spans: list[Span] = []
    block: list[tuple[str, float, Span, Span]] = []
    offset = 0
    for line in [*text.split("\n"), ""]:
        match = _NAMED_VALUE_LINE.match(line)
        if match and not SETTING_NAMES.match(match.group("name").strip()):
            value_span = (offset + match.start("value"), offset + match.end("value"))
            block.append(
                (match.group("name").strip(), float(match.group("value")), value_span, (offset, offset + len(line)))
            )
        else:
            if len(block) >= MIN_NAMED_LINES:
                cells = [(value, span) for _, value, span, _ in block]
                found.append(replace(DataList.written("values", cells), names=tuple(name for name, *_ in block)))
                spans.append((block[0][3][0], block[-1][3][1]))
            block = []
        offset += len(line) + 1
    return found, spans
