"""Which pasted columns the request is about, and what coded values mean.

A pasted frame often carries more columns than the analysis needs ("inst,time,status", "date, ozone,
temp"). When the request names columns ("ozone", "weight by Diet", "am on wt"), only those are read;
columns it sets aside ("age not needed here", "ignore temp") or does not mention are explained, not
analysed. A legend written in the text ("sex: 1 = male, 2 = female", "status 1 = censored, 2 = dead",
"am = 1 manual / 0 automatic") is attached to the list it describes.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from analysis.model import DataList, Explained, Span
from analysis.reading.labels import IDS, is_event_name
from analysis.reading.lexer import R_COMMAND

_SET_ASIDE_AFTER = re.compile(
    r"^\s*(?:\w+\s*){0,2}[,)]?\s*(?:is |are |was )?(?:not needed|not used|isn'?t needed|irrelevant|can be ignored"
    r"|just for\b|not part of|unused|\(?ignore (?:it|this|that|them|the column)\b)"
    # after the column's legend, in the same clause: "arm 1 = D-pen, 2 = placebo but ignore it"
    r"|^[^.;:\n]{0,60}?\b(?:but|so|and)\s+(?:please\s+)?(?:ignore (?:it|this|that|them)\b|(?:it'?s|it is) not needed)",
    re.IGNORECASE,
)
_SET_ASIDE_BEFORE = re.compile(
    r"\b(?:ignore|ignoring|without|drop|except|excluding|not|no|neither|forget(?: about)?|leave out|leaving out)"
    r"\s+(?:the\s+)?"
    r"(?:\w+\s*(?:/|,|&|\band\b|\bor\b|\bnor\b)\s*){0,3}$",
    re.IGNORECASE,
)
_PAIR = re.compile(
    r"(?<![\w.])(?P<code>-?\d+)\s*(?:=|:|→|->)\s*"
    r"(?P<name>[A-Za-z][\w+-]*(?:[ \t](?!(?:and|or|but|so|which|who|ignore|not)\b)[a-z][\w-]*){0,3})"
)
_PAIR_REVERSED = re.compile(r"(?<![\w.])(?P<code>\d+)[ \t]+(?P<name>[A-Za-z][\w-]*)(?=\s*(?:/|,|;|\)|$))")


def squash(text: str) -> str:
    """ "Day 12", "day12", "day_12": one key for loose matching of names."""
    return re.sub(r"[^a-z0-9]", "", text.lower())


def mentions(text: str, name: str, outside: list[Span]) -> list[Span]:
    """Where ``name`` is written in ``text`` outside the spans given (the frame that defines it) and outside R
    commands ("> survey[, c('Sex','Age','Pulse')]" selects columns to print; it does not ask about them)."""
    if not squash(name):
        return []
    outside = [*outside, *(m.span() for m in R_COMMAND.finditer(text))]
    words = [re.escape(w) for w in re.findall(r"[A-Za-z0-9]+", name)]
    # "len" is named by "lengths", "day12" by "day 12"; a name of one or two letters only as itself
    tail = r"[a-z]*" if len(squash(name)) >= 3 else r"s?"
    pattern = re.compile(r"(?<![A-Za-z0-9])" + r"[\W_]*".join(words) + tail + r"(?![A-Za-z0-9])", re.IGNORECASE)
    return [m.span() for m in pattern.finditer(text) if not any(a <= m.start() < b for a, b in outside)]


def select_columns(
    text: str, frame_lists: list[DataList], frame_spans: list[Span]
) -> tuple[list[DataList], list[Explained]]:
    """The frame's numeric columns, less those the request sets aside ("age not needed") or that never vary;
    the ones it names are marked, so a recipe that needs fewer columns takes those."""
    labels = [item.label for item in frame_lists]
    status = {item.label: _mention(text, name_variants(item.label, labels), frame_spans) for item in frame_lists}
    outcomes, grouping = _grouped_by(text)
    selected = {squash(m.group("name")) for m in _CODE_SELECTS.finditer(text)}
    explicit = {i.label for i in frame_lists if any(_abbreviates(i.label, w) for w in outcomes)}
    explicit = (
        _contrasted(text, frame_lists, labels) or explicit or _asked_below(text, frame_lists, status, frame_spans)
    )
    chosen = [
        replace(
            item,
            # a group per row ("shelf 1 | …") is one of the groups compared, never the one column asked about;
            # rows the request sets against each other ("1984 minus 1982") were marked by the frame's reading
            named=(item.label in explicit if explicit else status[item.label] == "named")
            if item.column
            else item.named,
            grouping=any(_abbreviates(item.label, w) for w in grouping)
            or (squash(item.label) in selected and len(set(item.values)) <= MAX_CODES),
        )
        for item in frame_lists
        if status[item.label] != "set aside"
        and not (item.is_constant and not _all_events(item))  # a constant column holds no data to analyse
        and not (status[item.label] == "silent" and _calendar_index(item))
    ]
    kept = {item.label for item in chosen}
    explained = [
        Explained(span, f"column {item.label!r}, which the request does not ask about")
        for item in frame_lists
        if item.label not in kept
        for span in item.spans
    ]
    return chosen, explained


def _all_events(item: DataList) -> bool:
    """ "status 1 1 1 1" when every subject died: the event column of survival data, which is data."""
    return bool(_EVENT_COLUMN.search(item.label)) and item.values[0] in (0.0, 1.0, 2.0)


_EVENT_COLUMN = re.compile(r"^(?:status|event|died|death|dead|fail\w*|cens\w*|d)$", re.IGNORECASE)


def _asked_below(text: str, frame_lists: list[DataList], status: dict[str, str], frame_spans: list[Span]) -> set[str]:
    """Of several columns named, the one the request under the data names ("waiting in min …, duration in min"
    describes the columns; "compare waiting time long vs short" below them asks about one)."""
    named = [item.label for item in frame_lists if status[item.label] == "named" and not IDS.match(item.label)]
    if len(named) < 2 or not frame_spans:
        return set()
    end = max(b for _, b in frame_spans)
    below = {label for label in named if any(a >= end for a, _ in _places(text, [label], frame_spans))}
    return below if len(below) == 1 else set()


def _calendar_index(item: DataList) -> bool:
    """ "year 1895 1896 … 1914" beside a measurement: when each row is, not a variable to test, unless the
    request names it ("level against year" is a trend)."""
    values = item.values
    return (
        len(values) >= 5
        and item.is_integral
        and all(1800 <= v <= 2100 for v in values)
        and sorted(values) == [values[0] + i for i in range(len(values))]
    )


_GROUPED_BY = re.compile(
    r"(\w+)(?:\s*\([^()\n]{0,40}\))?\s+(?:by|across|between|among|per|for each|according to|within each)\s+"
    r"(?:all\s+)?(?:the\s+)?"
    r"(?:(?:two|three|four|five|six|seven|eight|nine|ten|\d+)\s+)?(\w+)",  # "brood1 (young) across (all) the 5 concs"
    re.I,
)


# "one-way ANOVA of survival time on poison type": the outcome compared across a factor's groups (a regression's
# "of rating on complaints" names a predictor, not groups)
_MODELLED_ON = re.compile(
    r"\b(?:anova|kruskal[- ]wallis(?: test)?)\s+of\s+(?:[\w-]+\s+)?(\w+)\s+on\s+(?:the\s+)?(\w+)", re.I
)
# "treating time as a categorical factor", "dose as the grouping variable": that column's values are the groups
_AS_FACTOR = re.compile(
    r"\b(\w+)\s+as\s+(?:an?\s+|the\s+)?(?:categorical\s+|grouping\s+|nominal\s+)?(?:factor|grouping variable)\b", re.I
)
_BY_AN_AGENT = re.compile(
    r"(?:rated|scored|measured|assessed|graded|judged|read|reported|recorded|counted|estimated|evaluated|examined"
    r"|reviewed|collected|performed|done|taken|drawn|given|coded|classified|diagnosed)\s+by\b",
    re.IGNORECASE,
)
_CONTRAST = re.compile(r"(?<=[\w.])[ \t]*(?:−|–|-|minus|vs\.?|versus)[ \t]*(?=[\w.])", re.IGNORECASE)
_SIDE_WORDS = 3  # "2 y minus day 0": a side may be a name of several words


def _contrasted(text: str, frame_lists: list[DataList], labels: list[str]) -> set[str]:
    """ "dup1 − dup2", "post vs pre", "2 y minus day 0": two columns set against each other are the two the
    request is about. A side is the one to three words next to the operator that name exactly one column."""
    variants = {i.label: {squash(v) for v in name_variants(i.label, labels)} for i in frame_lists}
    for match in _CONTRAST.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        line_end = text.find("\n", match.end()) % (len(text) + 1)
        before = re.findall(r"[\w.]+", text[line_start : match.start()])[-_SIDE_WORDS:]
        after = re.findall(r"[\w.]+", text[match.end() : line_end])[:_SIDE_WORDS]
        spellings = (
            {squash("".join(before[-n:])) for n in range(1, len(before) + 1)},
            {squash("".join(after[:n])) for n in range(1, len(after) + 1)},
        )
        sides = [{label for label, names in variants.items() if names & said} for said in spellings]
        if all(len(side) == 1 for side in sides) and sides[0] != sides[1]:
            return sides[0] | sides[1]
    return set()


def _grouped_by(text: str) -> tuple[list[str], list[str]]:
    """The outcomes and the words a request groups them by: "speed by experiment", "uptake across the sites",
    and a column whose codes are set against each other ("COMB 1 minus COMB 0", "event 20 vs event 19")."""
    found = [
        (m.group(1).lower(), m.group(2).lower())
        for m in _GROUPED_BY.finditer(text)
        if not _BY_AN_AGENT.match(m.group(0))  # "rated by the physician" says who measured, not a grouping
    ]
    found += [(m.group(1).lower(), m.group(2).lower()) for m in _MODELLED_ON.finditer(text)]
    found += [("", m.group(1).lower()) for m in _AS_FACTOR.finditer(text)]
    coded = [m.group("a").lower() for m in _CODES_CONTRASTED.finditer(text) if m["a"].lower() == m["b"].lower()]
    return [outcome for outcome, _ in found], [by for _, by in found] + coded


# "(activ = 1) vs not", "ulcerated (ulcer==1) vs not": one code of a column set against the rest picks a group, so
# that column splits the data ("52 if never arrested (arrest=0)." only explains a code)
_CODE_SELECTS = re.compile(
    r"(?<![\w.])(?P<name>[A-Za-z][\w.]*)[ \t]*==?[ \t]*\d(?![\w.])\)?[ \t]*"
    r"(?=vs\b|versus|v\.|against|compared|or not|minus (?:the )?(?:rest|others)\b)",
    re.IGNORECASE,
)
MAX_CODES = 6
_CODES_CONTRASTED = re.compile(
    r"(?<![\w.])(?P<a>[A-Za-z][\w.]*)[ \t]*=?[ \t]*-?\d+(?:\.\d+)?[ \t]*(?:−|–|-|minus|vs\.?|versus)[ \t]*"
    r"(?P<b>[A-Za-z][\w.]*)[ \t]*=?[ \t]*-?\d+(?:\.\d+)?(?![\w.])",
    re.I,
)


def _abbreviates(label: str, word: str) -> bool:
    """ "expt" for "experiment", "trt" for "treatment", "site" for "sites": the label's letters in order in the
    word, starting with the word's first two letters."""
    key = squash(label)
    if len(key) < 3 or not key.isalpha():
        return False
    if word.startswith(key) or key.startswith(word):
        return len(word) >= 3
    letters = iter(word[2:])
    return word[:2] == key[:2] and all(letter in letters for letter in key[2:])


_UNIT = (
    r"(?:kg|g|mg|ug|mcg|ng|mm|cm|m|m2|ml|dl|l|mmol|umol|mmhg|bpm|iu|u|h|hr|hrs|d|days|wk|wks|mo|y|yr|yrs|s|sec|min"
    r"|pct|px|md)"
)
# "CL (mm)", "hwt_g", "dbp_mmHg", "bmi_kg_m2", "crp_mg_l": the name before its unit
_UNIT_SUFFIX = re.compile(rf"\s*[(\[][^)\]]{{1,12}}[)\]]$|_{_UNIT}(?:_{_UNIT})*$", re.IGNORECASE)


def name_variants(label: str, labels: list[str]) -> list[str]:
    """How a request may write a column: "CL (mm)" as "CL", "hwt_g" as "hwt", "od_dup1" beside "od_dup2" as
    "dup1" (the prefix the columns share says nothing)."""
    variants = [label, _UNIT_SUFFIX.sub("", label)]
    siblings = [other for other in labels if other != label and other[:2] == label[:2]]
    for other in siblings:
        same = itertools.takewhile(lambda pair: pair[0] == pair[1], zip(label, other, strict=False))
        shared = "".join(a for a, _ in same)
        cut = max(shared.rfind("_"), shared.rfind(" "), shared.rfind("."))
        rest = squash(label[cut + 1 :])  # "~2 y" beside "day 0" is named by "2 y"
        if cut > 0 and (len(rest) >= 3 or (len(rest) == 2 and re.search(r"\d", rest) and re.search(r"[a-z]", rest))):
            variants.append(label[cut + 1 :])
    # "Age at surgery" written "age": a several-word name's first word, when no other column starts with it
    head = label.split(maxsplit=1)[0] if " " in label.strip() else ""
    taken = any(other != label and other.split()[:1] == [head] for other in labels)
    if len(head) >= 3 and head.isalpha() and head.lower() not in _GENERIC_HEADS and not taken:
        variants.append(head)
    return list(dict.fromkeys(v for v in variants if v))


_GENERIC_HEADS = {"number", "total", "mean", "median", "count", "percent", "rate", "the", "no", "all", "sum", "avg"}


def _initialism(text: str, label: str, outside: list[Span]) -> list[Span]:
    """ "hwt" written out as "heart weight" (or "heart wt"): the start of one word, then the letters of the
    next in order."""
    key = squash(label)
    if not (3 <= len(key) <= 8 and key.isalpha()):
        return []
    found = []
    for match in re.finditer(r"(?<![A-Za-z])([A-Za-z]+)(?=[ _-]([A-Za-z]+))", text):
        first, second = match.group(1).lower(), match.group(2).lower()
        for cut in range(1, len(key) - 1):
            rest = iter(second[1:])
            if first.startswith(key[:cut]) and second[0] == key[cut] and all(c in rest for c in key[cut + 1 :]):
                found.append((match.start(), match.end() + 1 + len(second)))
                break
    return [span for span in found if not any(a <= span[0] < b for a, b in outside)]


_COLUMN_LISTING = re.compile(r"(?i)\b(?:columns?|variables?|fields?|cols?|headers?)\s*(?:are\b|:)[^\n]*")


def _places(text: str, names: list[str], outside: list[Span]) -> list[Span]:
    """Where a column is named: by one of its ``names``, else written out ("repwt" as "reported weight")."""
    places = [span for name in names for span in mentions(text, name, outside)]
    return places or _initialism(text, names[-1], outside)


def _mention(text: str, names: list[str], outside: list[Span]) -> str:
    outside = outside + [m.span() for m in _COLUMN_LISTING.finditer(text)]  # "Columns: id, sex, bwt" names all
    places = _places(text, names, outside)
    if any(set_aside_at(text, span) for span in places):
        return "set aside"
    return "named" if places else "silent"


def set_aside_at(text: str, span: Span) -> bool:
    """The name written at ``span`` is set aside by the words around it ("not sex or hgb", "age not needed")."""
    before = text[max(0, span[0] - 40) : span[0]]
    return bool(_SET_ASIDE_AFTER.match(text[span[1] : span[1] + 40]) or _SET_ASIDE_BEFORE.search(before))


def with_legends(text: str, lists: list[DataList], frame_spans: list[Span]) -> tuple[list[DataList], list[Explained]]:
    """Attach each legend to the list it describes: the nearest column or list named before it."""
    legends = _legends(text)
    explained: list[Explained] = []
    updated = []
    for item in lists:
        places = mentions(text, item.label, frame_spans) if item.label else []
        codes = _codes_for(item, places, legends)
        if codes:
            explained += [Explained(span, f"a code in the legend of {item.label!r}") for _, _, span in codes]
            item = replace(item, codes=tuple((value, name) for value, name, _ in codes))  # noqa: PLW2901
        updated.append(item)
    return updated, explained


Legend = tuple[int, list[tuple[float, str, Span]]]  # (where it starts, its (code, name, span) pairs)


def _legends(text: str) -> list[Legend]:
    """Groups of "code = name" pairs written together: "1 = male, 2 = female", "1 manual / 0 automatic"."""
    found: list[Legend] = []
    for pattern in (_PAIR, _PAIR_REVERSED):
        pairs = [
            (float(m.group("code")), m.group("name").strip(), m.span("code"), m.start()) for m in pattern.finditer(text)
        ]
        # one pair alone names a 0/1 column's coded level only when written "1 = owns home" on one line
        single = {m.start() for m in pattern.finditer(text) if pattern is _PAIR and _ONE_CODE.fullmatch(m.group())}
        group: list[tuple[float, str, Span, int]] = []
        for pair in pairs:
            between = text[group[-1][2][1] : pair[3]] if group else ""
            repeated = any(code == pair[0] for code, _, _, _ in group)
            if group and (pair[3] - group[-1][3] > 60 or repeated or re.search(r"[.;\n]\s", between)):
                _keep(group, found, single)  # a new legend: far away, after a sentence end, or a code seen already
                group = []
            group.append(pair)
        _keep(group, found, single)
    return found


_ONE_CODE = re.compile(r"[01][ \t]*=[ \t]*(?!(?:otherwise|other|others|else|the rest|rest|not|no|none)\b)[^\n]+")


def _keep(group: list[tuple[float, str, Span, int]], found: list[Legend], single: set[int]) -> None:
    codes = {code for code, _, _, _ in group}
    if len(codes) == len(group) and (len(group) >= 2 or (group and group[0][3] in single)):
        found.append((group[0][3], [(code, name, span) for code, name, span, _ in group]))


def _codes_for(item: DataList, places: list[Span], legends: list[Legend]) -> list[tuple[float, str, Span]]:
    """The legend written soonest after a mention of this list, when it covers every value of the list."""
    values = set(item.values)
    for place in places:
        for start, codes in legends:
            if not 0 <= start - place[1] <= 60:
                continue
            if len(codes) >= 2 and values <= {code for code, _, _ in codes}:
                return codes
            code, name, span = codes[0]
            # "OWNRENT 1 = owns home" over 0/1 values: the 0 is the rest; an event's code ("status 1 = died") stays
            # for the survival readers, which know 0 as censored
            event_column = _EVENT_COLUMN.match(item.label) or is_event_name(item.label)
            if (
                len(codes) == 1
                and values == {0.0, 1.0}
                and not (event_column or is_event_name(name) or "censor" in name)
            ):
                return sorted([(code, name, span), (1.0 - code, f"not {name}", span)], reverse=True)
    return []
