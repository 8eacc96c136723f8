"""Tables of counts, however they were written.

* grids: ``[[12, 5], [7, 9]]``, ``12 5; 7 9`` or rows on their own lines;
* labelled rows, one clause each: ``Smokers: 30 with COPD, 70 without. Non-smokers: 12 with COPD, 88 without.``;
* fractions: ``2 of 12 treated vs 7/11 controls`` (events of a total, one row each);
* named cells: ``a = 12, b = 5, c = 7, d = 9``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace

from analysis.model import MISMATCH, Table, distinct_labels
from analysis.reading.labels import clause_before, header_cells, label_from, words_after, words_before
from analysis.reading.lexer import PEOPLE, Run, Token, segments, tokens

MAX_COLUMNS = 8
MAX_ROWS = 20
_LABEL_WORDS = (
    r"(?:group|arm|cohort|grade|stage|type|week|day|visit|site|dose|level|test|centre|center|batch|row|column"
    r"|col|trial|study|year|month|hour|time|period|phase|cycle|region|class|category|tier)"
)
# "Group 1:", "week 12"; not after a label already numbered ("3rd class 76 survived", "first class 41 died")
_LABEL_NUMBER_BEFORE = re.compile(
    rf"(?:(?<!\d(?:st|nd|rd|th) )(?<!\b(?:first|third|fifth) )(?<!\bsecond )(?<!\bfourth )\b{_LABEL_WORDS}\s*#?\s*"
    r"|\b[A-Za-z]\w*\s*=\s*)$",
    re.IGNORECASE,
)
_DIMENSIONS = re.compile(r"\b\d+\s*(?:x|by)\s*\d+\b", re.IGNORECASE)
_LABEL_NUMBER_AFTER = re.compile(r"^\s*(?::|=>|->|=(?!\s*\d))")
_AGE_BEFORE = re.compile(
    r"\b(?:under|over|aged?|below|above|younger than|older than)\s*$|(?<![-=])(?:<=?|>=?|≤|≥)\s*$", re.I
)  # "< 25", not the arrow of "yes -> 2"
_AGE_AFTER = re.compile(
    r"\s*(?:\+|and (?:over|older|above|up)\b|or (?:more|older|over)\b|-\d|years? and (?:over|older))", re.I
)
_ENUMERATION = re.compile(r"(?:^|\n|\()\s*$")  # "(1)" or "1)" at a line start number an item
_FRACTION = re.compile(
    r"(?<![\w/])(?<!\d\.)(?P<x>\d+)\s*(?:/|out of|of|of the)\s*(?P<n>\d+)(?!\.\d|\w|\s*/|\s*%)", re.IGNORECASE
)
_CELL = re.compile(r"(?<![\w.])(?P<cell>[abcd])\s*=\s*(?P<n>\d+)(?!\.\d|\w)", re.IGNORECASE)


def is_count(token: Token) -> bool:
    return not (token.decimal or token.percent or token.censored or token.unit) and token.value >= 0


def _default_labels(prefix: str, count: int) -> tuple[str, ...]:
    return tuple(f"{prefix} {i}" for i in range(1, count + 1))


def tables_from_runs(text: str, found: list[Run]) -> list[Table]:
    """Grids written as one run of numbers split into rows: ``[[45, 12], [4, 39]]``, ``15 5; 8 12``."""
    tables: list[Table] = []
    for run in found:
        widths = {len(row) for row in run.rows}
        if len(run.rows) < 2 or len(widths) != 1 or len(run.rows) > MAX_ROWS:
            continue
        width = widths.pop()
        r_table = _r_table_print(text, run, width)
        if r_table is not None:
            tables.append(r_table)
        elif 2 <= width <= MAX_COLUMNS and all(is_count(token) for token in run.tokens):
            rows = tuple(tuple(token.value for token in row) for row in run.rows)
            columns = header_cells(text, run.start, width) or _default_labels("column", width)
            spans = tuple((token.start, token.end) for token in run.tokens)
            tables.append(Table(rows, _default_labels("row", len(rows)), columns, start=run.start, spans=spans))
    return tables


_R_HEADER = re.compile(r"^(?P<rows>[A-Za-z][\w.]*)(?P<levels>(?:[ \t]+\S+)+)[ \t]*$")


def _r_table_print(text: str, run: Run, width: int) -> Table | None:
    """R's print of ``table(a, b)``: a line naming b, a line naming a and then b's levels, then a's levels, each
    leading its row of counts. The level in front of each row labels it; it is not a count.

              ulcer
        status   0   1
             1  16  41
    """
    lines = text[: run.start].split("\n")[:-1]
    header = _R_HEADER.match(lines[-1].strip()) if lines else None
    if header is None or not 3 <= width <= MAX_COLUMNS + 1 or not run.newline_rows:
        return None
    levels = header.group("levels").split()
    labels = [row[0] for row in run.rows]
    if len(levels) != width - 1 or len({t.value for t in labels}) != len(labels) or any(t.decimal for t in labels):
        return None
    cells = [row[1:] for row in run.rows]
    if not all(is_count(token) for row in cells for token in row):
        return None
    above = lines[-2].strip() if len(lines) >= 2 else ""
    column_name = above if re.fullmatch(r"[A-Za-z][\w.]*", above) else ""
    row_name = header.group("rows")
    header_start = text.rfind("\n", 0, run.start - len(lines[-1]) - 1) + 1
    level_spans = [m.span() for m in re.finditer(r"(?<!\S)\d+(?!\S)", text[header_start : run.start])]
    return Table(
        tuple(tuple(token.value for token in row) for row in cells),
        tuple(f"{row_name}: {text[t.start : t.end]}" for t in labels),
        tuple(f"{column_name}: {level}" if column_name else level for level in levels),
        start=run.start,
        spans=tuple((token.start, token.end) for row in cells for token in row),
        source="an R table print",
        label_spans=(
            *((t.start, t.end) for t in labels),
            *((header_start + a, header_start + b) for a, b in level_spans),
        ),
    )


def tables_from_segments(text: str, found: list[Token]) -> list[Table]:
    """Consecutive clauses holding the same number (2-8) of counts each: one labelled row per clause.

    When no clause pairs up, one sentence may hold every row: "exposed 3 cases 17 controls, unexposed
    1 case 19 controls" is split at its commas (and "vs", "while"…) and read again.
    """
    tables = _tables_from_spans(text, found, segments(text))
    if not tables and not _FRACTION.search(text):  # "2 of 12, 7 of 11" is read as fractions instead
        tables = _tables_from_spans(text, found, _comma_parts(text))
    return tables


_PART_BREAK = re.compile(r",\s*(?:and\s+|but\s+|while\s+|whereas\s+)?|\s(?:vs\.?|versus|while|whereas)\s", re.I)


def _comma_parts(text: str) -> list[tuple[int, int]]:
    parts: list[tuple[int, int]] = []
    for start, end in segments(text):
        cursor = start
        for match in _PART_BREAK.finditer(text, start, end):
            parts.append((cursor, match.start()))
            cursor = match.end()
        parts.append((cursor, end))
    return [(a, b) for a, b in parts if text[a:b].strip()]


def _tables_from_spans(text: str, found: list[Token], spans: list[tuple[int, int]]) -> list[Table]:
    tables: list[Table] = []
    block: list[tuple[int, int, list[Token]]] = []
    starts = [t.start for t in found]  # sorted: tokens come in reading order
    for start, end in spans:
        counts = _row_counts(text, found[bisect_left(starts, start) : bisect_left(starts, end)])
        if counts is not None and (not block or len(counts) == len(block[-1][2])):
            block.append((start, end, counts))
            continue
        _flush(text, block, tables)
        block = [(start, end, counts)] if counts is not None else []
    _flush(text, block, tables)
    return tables


def _row_counts(text: str, clause_tokens: list[Token]) -> list[Token] | None:
    """The counts of one clause, without numbers that are part of a name ("Group 1:") or percentages."""
    kept = [t for t in clause_tokens if not t.percent and not _names_something(text, t)]
    sizes = [t for t in kept if t.size]
    if sizes:  # "127 events, n = 8,506": the events of n, so the row is 127 with and 8,379 without
        others = [t for t in kept if not t.size]
        if len(sizes) == 1 and len(others) == 1 and others[0].value <= sizes[0].value and is_count(others[0]):
            return [others[0], replace(sizes[0], value=sizes[0].value - others[0].value)]
        return None
    kept = _without_totals([t for t in kept if not _total_marked(text, t)])
    if not (2 <= len(kept) <= MAX_COLUMNS and all(is_count(t) for t in kept)):
        return None
    first, second = kept[0], kept[-1]
    of_population = _POPULATION.match(text, first.end) and not _POPULATION.match(text, second.end)
    if len(kept) == 2 and second.value < first.value and of_population:  # "9,007 live births with 140 cases"
        return [second, replace(first, value=first.value - second.value)]
    return kept


_POPULATION = re.compile(
    r"\s+(?:live\s+|total\s+)?(?:births|patients|women|men|people|subjects|participants|children|mothers|pregnancies"
    r"|admissions|persons|individuals|adults|infants|babies|households|residents|workers|students|animals|mice|rats"
    r"|wheels|units|eyes)\b",
    re.IGNORECASE,
)


def _without_totals(counts: list[Token]) -> list[Token]:
    """ "50 surgeons: 35 said yes and 15 said no": a first (or last) count equal to the others' sum is a total (and
    "of the 16 with …" says so in words, so such a count never reaches here)."""
    while len(counts) >= 3:
        if counts[0].value == sum(t.value for t in counts[1:]):
            counts = counts[1:]
        elif counts[-1].value == sum(t.value for t in counts[:-1]):
            counts = counts[:-1]
        else:
            break
    return counts


def _names_something(text: str, token: Token) -> bool:
    """Part of a name, a date or a size, not a count: "Group 1:", "IRB #4521", "in 2023", "a 2 by 2 table"."""
    before = text[max(0, token.start - 20) : token.start]
    if before.endswith("#") or (not token.decimal and 1950 <= token.value <= 2099):
        return True
    after = text[token.end : token.end + 3]
    if _LABEL_NUMBER_AFTER.match(after) or (_LABEL_NUMBER_BEFORE.search(before) and token.value < 100):
        return True  # "Group 1:", "week 12"; but "first class 141 survived" counts 141
    if after.startswith(")") and _ENUMERATION.search(text[: token.start]):
        return True
    if _AGE_BEFORE.search(before) or _AGE_AFTER.match(text, token.end):
        return True  # "mothers 40 and over", "under 25", "aged 65+": a group's bounds, not a count
    around = text[max(0, token.start - 8) : token.end + 8]
    return any(m.start() <= token.start - max(0, token.start - 8) < m.end() for m in _DIMENSIONS.finditer(around))


def _flush(text: str, block: list[tuple[int, int, list[Token]]], tables: list[Table]) -> None:
    if not 2 <= len(block) <= MAX_ROWS:
        return
    rows = tuple(tuple(t.value for t in counts) for _, _, counts in block)
    if any(len(row) >= 4 and set(row) <= {0.0, 1.0} for row in rows):
        return  # a row of 0/1 flags (event indicators) beside times, not a row of counts
    row_labels = tuple(label_from(text[start : min(t.start for t in counts)]) for start, _, counts in block)
    width = len(rows[0])
    first_start, first_end, first_counts = block[0]
    columns = (
        _column_words(text, first_counts, first_end)
        or _column_words_before(text, first_counts, first_start)
        or header_cells(text, first_start + 1, width)
    )
    nouns = _counted_nouns(text, block)
    if nouns and not (all(row_labels) and len(set(row_labels)) == len(row_labels)):
        row_labels = nouns  # "35 boys died and 13 survived; 17 girls died …": the rows are the boys and the girls
        columns = tuple(re.sub(rf"^{re.escape(nouns[0])}\s+", "", c) for c in columns) if columns else columns
    tables.append(
        Table(
            rows,
            row_labels if all(row_labels) else _default_labels("row", len(rows)),
            columns or _default_labels("column", width),
            start=first_start,
            spans=tuple((t.start, t.end) for _, _, counts in block for t in counts),
            totals=_row_totals(text, block),
            source="" if all(row_labels) else "unlabelled clauses",
        )
    )


def _row_totals(text: str, block: list[tuple[int, int, list[Token]]]) -> tuple[tuple[int, int], ...]:
    """Where each clause wrote its row's total beside the cells ("800 (23.3%) 2,639 (76.7%) 3,439"): checked and
    set aside."""
    found = []
    for start, end, counts in block:
        cells = {(t.start, t.end) for t in counts}
        total = sum(t.value for t in counts)
        found += [
            (start + t.start, start + t.end)
            for t in tokens(text[start:end])
            if t.value == total and (start + t.start, start + t.end) not in cells
        ]
    return tuple(found)


_COUNTED_NOUN = re.compile(rf"\s+(?P<noun>{PEOPLE})\b", re.IGNORECASE)


def _counted_nouns(text: str, block: list[tuple[int, int, list[Token]]]) -> tuple[str, ...]:
    """The people each row's first count counts ("35 boys … 17 girls"), when every row names different ones."""
    nouns = [m["noun"] if (m := _COUNTED_NOUN.match(text, counts[0].end)) else "" for _, _, counts in block]
    return tuple(nouns) if all(nouns) and len(set(nouns)) == len(nouns) else ()


def _column_words(text: str, counts: list[Token], end: int) -> tuple[str, ...] | None:
    """ "30 with COPD, 70 without": the words after each count name the columns, when they all differ."""
    limits = [t.start for t in counts[1:]] + [end]
    words = tuple(words_after(text, t.end, limit) for t, limit in zip(counts, limits, strict=True))
    return words if all(words) and len(set(words)) == len(words) else None


def _column_words_before(text: str, counts: list[Token], start: int) -> tuple[str, ...] | None:
    """ "(improved 30, not improved 10)": the words before each count name the columns, when they all differ."""
    floors = [start] + [t.end for t in counts[:-1]]
    words = tuple(words_before(text, t.start, floor) for t, floor in zip(counts, floors, strict=True))
    return words if all(words) and len(set(words)) == len(words) else None


_OF = re.compile(
    r"^\s*(?:/|out of|of|of the|of all|among(?: the)?|in"
    r"|(?:\w+ed|died|deaths?|events?|cases?|responders?|relapses?|failures?|infections?|positives?|successes"
    r"|patients|people|subjects|participants|women|men|children)\s+(?:out of|of(?: the| all)?|among(?: the)?)"
    # "23 low-birth-weight babies out of 96", "62 TB cases among 13,598"
    r"|(?:[A-Za-z][\w-]*\s+){1,3}(?:out of|among(?: the)?))\s*$",
    re.IGNORECASE,
)
# "5 deaths / 13", but not "18 cases / 82 non-cases" (two cells, each named)
_NOUN_SLASH = re.compile(r"^\s*(?:[A-Za-z][\w-]*\s+){1,3}/\s*$")
_AMONG_BEFORE = re.compile(r"\b(?:among|amongst|of|in|out of)\s+(?:the\s+|all\s+)?$", re.IGNORECASE)
# "of the 16 with a positive x-ray, 11 had …", "of the 37 with a negative x-ray only 9 did"
_NOUN_GAP = re.compile(r"^\s+[A-Za-z][\w -]{0,50}?(?:,\s*(?:only|just|but|yet)?|\s(?:only|just|but|yet))\s*$", re.I)
# "of the 2,414 childless women in the Fair data 502 reported an affair": words, then the count and its verb
_NOUN_RUN = re.compile(r"^\s+[A-Za-z][\w -]{0,50}\s$")
_EVENT_VERB_AFTER = re.compile(
    r"\s+(?:had|have|has|were|was|did|reported|died|developed|showed|experienced|responded|relapsed|survived"
    r"|received|tested|became|remained|recovered|improved|failed|cracked|dropped|withdrew)\b",
    re.IGNORECASE,
)
_OF_WHOM = re.compile(r"^[\w ()-]{0,40}?,?\s*(?:of whom|of which|of them|among them|among whom)\s*$", re.IGNORECASE)


def _total_marked(text: str, count: Token) -> bool:
    """A count written after "among", "of the" or "out of": the size of a group, never one of its cells."""
    return _AMONG_BEFORE.search(text[max(0, count.start - 12) : count.start]) is not None


def tables_from_fractions(text: str, found: list[Token]) -> list[Table]:
    """ "2 of 12 treated vs 7/11 controls", "510 men, of whom 422 died": each is a row of (events, non-events),
    the total used as the denominator."""
    rows: list[tuple[Token, Token]] = []  # (events, total)
    index = 0
    while index + 1 < len(found):
        first, second = found[index], found[index + 1]
        gap = text[first.end : second.start]
        if is_count(first) and is_count(second):
            of_total = _OF.match(gap) or (_NOUN_SLASH.match(gap) and not re.match(r"\s*[A-Za-z]", text[second.end :]))
            if of_total and first.value <= second.value:
                rows.append((first, second))
                index += 2
                continue
            among = _total_marked(text, first) and (
                _NOUN_GAP.match(gap) or (_NOUN_RUN.match(gap) and _EVENT_VERB_AFTER.match(text, second.end))
            )
            if (_OF_WHOM.match(gap) or among) and second.value <= first.value:
                rows.append((second, first))
                index += 2
                continue
        index += 1
    if len(rows) < 2 or len(rows) > MAX_ROWS or any(total.value == 0 for _, total in rows):
        return []
    grid = tuple((events.value, total.value - events.value) for events, total in rows)
    labels = _fraction_labels(text, rows)
    spans = tuple(span for events, total in rows for span in ((events.start, events.end), (total.start, total.end)))
    start = min(min(events.start, total.start) for events, total in rows)
    totals, contradiction = _complements(text, rows, labels)
    table = Table(grid, labels, ("event", "no event"), start=start, spans=spans, totals=totals, source="fractions")
    return [replace(table, contradiction=contradiction)]


_HEDGE_END = re.compile(r"\s(?:only|just|but|yet)\s*$", re.IGNORECASE)
_LABEL_END = re.compile(r"[,.;(]|\bvs\b|\bversus\b|\bagainst\b|\bwere\b|\bhad\b|\band\b")
_COMPLEMENT = re.compile(
    r"[^.;\d]{0,30}?(?:\band\b|,|\()\s*(?P<m>\d+)\s+(?:did not|didn'?t|were not|was not|not\b|without|never"
    r"|survived|remained|stayed|alive|free|no\b|did n't|others?\b)",
    re.IGNORECASE,
)


def _complements(
    text: str, rows: list[tuple[Token, Token]], labels: tuple[str, ...]
) -> tuple[tuple[tuple[int, int], ...], str]:
    """ "31 relapsed and 95 did not" beside "of the 120": the non-events written out are checked, not read."""
    checked: list[tuple[int, int]] = []
    for (events, total), label in zip(rows, labels, strict=True):
        later = max(events.end, total.end)
        match = _COMPLEMENT.match(text, later)
        if match is None:
            continue
        written, expected = float(match.group("m")), total.value - events.value
        if written != expected:
            return (), (
                f"{MISMATCH}row {label!r}: {events.value:g} events of {total.value:g} leave {expected:g}, "
                f"but {written:g} are written as not having it"
            )
        checked.append(match.span("m"))
    return tuple(checked), ""


def _fraction_labels(text: str, rows: list[tuple[Token, Token]]) -> tuple[str, ...]:
    labels: list[str] = []
    before_labels: list[str] = []
    floor = 0
    for index, (events, total) in enumerate(rows):
        first, last = min(events, total, key=lambda t: t.start), max(events, total, key=lambda t: t.start)
        label = label_from(clause_before(text, first.start, floor))
        if total.start < events.start:  # "of the 120 patients on drug, 31 relapsed": the group is named by the total
            label_after = label_from(_HEDGE_END.sub("", text[total.end : events.start]))
        else:
            after = text[last.end : rows[index + 1][0].start if index + 1 < len(rows) else len(text)]
            after = after.split("\n", 1)[0]  # a name on the next line belongs to what follows
            label_after = label_from(_LABEL_END.split(after)[0])
        labels.append(label_after or label or f"row {index + 1}")
        before_labels.append(label)
        floor = last.end
    # "non-obese: 581 of 7,138 died / obese: 437 of 5,450 died": one word after every row names the event, and
    # the names before the counts name the groups
    if len(set(labels)) == 1 and all(before_labels) and len(set(before_labels)) == len(before_labels):
        return tuple(before_labels)
    return tuple(distinct_labels(labels))


def table_from_cells(text: str) -> list[Table]:
    """ "a = 12, b = 5, c = 7, d = 9": the four cells of a 2x2 table, read row by row."""
    matches = {m.group("cell").lower(): m for m in _CELL.finditer(text)}
    if set(matches) != {"a", "b", "c", "d"}:
        return []
    cells = {name: float(m.group("n")) for name, m in matches.items()}
    rows = ((cells["a"], cells["b"]), (cells["c"], cells["d"]))
    spans = tuple(matches[name].span("n") for name in "abcd")
    return [Table(rows, ("row 1", "row 2"), ("column 1", "column 2"), start=matches["a"].start(), spans=spans)]


_NAMED_COUNT = re.compile(r"(?P<label>[A-Za-z][A-Za-z0-9+\-/ ]{0,40}?)\s*[=:]\s*(?P<n>\d+)(?![\d.])")
_LABEL_PARTS = re.compile(r"\s*/\s*|\s*,\s*|\s+and\s+|\s+")


def table_from_named_counts(text: str) -> list[Table]:
    """ "cases exposed=40, cases unexposed=60, controls exposed=25, controls unexposed=75" (or "before +/after -
    = 10"): four counts whose names cross two row names with two column names."""
    matches = list(_NAMED_COUNT.finditer(text))
    for first in range(len(matches) - 3):
        cells = [_two_parts(m.group("label")) for m in matches[first : first + 4]]
        if any(cell is None for cell in cells):
            continue
        pairs = [cell for cell in cells if cell is not None]
        rows, cols = list(dict.fromkeys(p[0] for p in pairs)), list(dict.fromkeys(p[1] for p in pairs))
        if len(rows) == 2 and len(cols) == 2 and len(set(pairs)) == 4:
            count = {pair: float(m.group("n")) for pair, m in zip(pairs, matches[first : first + 4], strict=True)}
            grid = tuple(tuple(count[(r, c)] for c in cols) for r in rows)
            spans = tuple(m.span("n") for m in matches[first : first + 4])
            return [Table(grid, tuple(rows), tuple(cols), start=matches[first].start(), spans=spans)]
    return []


def _two_parts(label: str) -> tuple[str, str] | None:
    words = label.strip().split()
    label = " ".join(words[-4:])  # the name sits right before "="; earlier words belong to the sentence
    for splitter in (r"\s*/\s*", r"\s+"):
        parts = [p for p in re.split(splitter, label) if p]
        if len(parts) == 2:
            return parts[0].lower(), parts[1].lower()
    return None


def table_from_flat_four(text: str, found: list[Run]) -> list[Table]:
    """ "a 2x2 table with cells 3, 9, 10, 2": four counts in one list, read row by row."""
    if not _DIMENSIONS.search(text) and not re.search(r"two[- ]by[- ]two", text, re.IGNORECASE):
        return []
    for run in found:
        tokens = run.tokens
        if len(run.rows) == 1 and len(tokens) == 4 and all(is_count(t) for t in tokens):
            rows = ((tokens[0].value, tokens[1].value), (tokens[2].value, tokens[3].value))
            spans = tuple((t.start, t.end) for t in tokens)
            return [Table(rows, ("row 1", "row 2"), ("column 1", "column 2"), start=run.start, spans=spans)]
    return []


_TOTAL_ROW = re.compile(r"^\W*(?:total|totals|sum|all|overall|grand total)\W*$", re.IGNORECASE)


def without_total_row(table: Table) -> Table:
    """A last row named "Total" that is the sum of the rows above it is their margin, checked and set aside."""
    rows, width = table.rows, table.shape[1]
    if len(rows) < 3 or not _TOTAL_ROW.match(table.row_labels[-1]) or len(table.spans) != len(rows) * width:
        return table
    sums = tuple(sum(row[j] for row in rows[:-1]) for j in range(width))
    if rows[-1] != sums:
        return table
    return replace(
        table,
        rows=rows[:-1],
        row_labels=table.row_labels[:-1],
        spans=table.spans[:-width],
        totals=(*table.totals, *table.spans[-width:]),
    )
