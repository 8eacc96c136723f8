"""Which parsed lists can play which part: groups, paired measurements, x and y, times and events.

Fits call these with the roles a model chose (list labels, in the recipe's role order) or with no
roles, in which case the data's shape and the words around each list decide.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from analysis.model import DataList, Factor, ParsedRequest, no_roles
from analysis.reading.columns import mentions
from analysis.reading.labels import IDS, is_event_name

_P_VALUE_WORDS = re.compile(r"p[- ]?values?|\bp\b|\bpvals?\b|\bp's\b|\bp-vals?\b|significance levels", re.I)
_EVENT_WORDS = re.compile(
    r"event|status|died|death|dead|censor|relapsed|indicator|outcome|failure|progress|recur|\bdelta\b|\bd\b"
    r"|fustat|\bstat\b|\bdth\b|vital",
    re.I,
)
_TIME_WORDS = re.compile(
    r"\btimes?\b|months?|weeks?|days?|years?|follow[- ]?up|duration|surviv|time[- ]to|\btte\b|until|\bt\b"
    r"|futime|\w+time\b|\bos\b|\bpfs\b|\bdfs\b|\befs\b",
    re.I,
)
# "spray E", "arm 2", "group B": one level's own values, not a column of codes saying which level
_NAMES_A_LEVEL = re.compile(r"\S\s+(?:[A-Za-z]|\d{1,2})$")
_GROUP_WORDS = re.compile(
    r"group|arm|treatment|treated|allocation|assignment|exposure|sex|gender|condition|\brx\b|\btrt\b|diet|dose"
    r"|strain|genotype|\bsite|cent(?:er|re)|cohort|batch|spray|\bsupp\b|clinic|hospital|ecog|stage|grade|race"
    r"|wool|tension|\bcyl\b|\bgear\b|\bblock\b|\btype\b|class|category|level|month|season|region",
    re.I,
)
MAX_GROUPS = 8
MAX_MARKED_GROUPS = 12  # a column the request itself calls the grouping may hold more levels
_X_WORDS = re.compile(
    r"\bx\b|dose|age|concentration|predictor|independent|exposure|hours?|bmi|temperature|duration", re.I
)
_Y_WORDS = re.compile(r"\by\b|response|outcome|dependent|yield|output|result", re.I)
_BEFORE_AFTER = re.compile(r"before|after|\bpre|\bpost|baseline|follow[- ]?up|week|visit|day \d|time \d", re.I)
_YES = {"yes", "y", "true", "positive", "pos", "event", "died", "dead", "death", "responder", "responded", "response",
        "success", "cured", "case", "disease", "sick", "relapse", "relapsed", "present", "+"}  # fmt: skip
_NO = {"no", "n", "false", "negative", "neg", "none", "alive", "survived", "non-responder", "nonresponder",
       "failure", "control", "healthy", "well", "absent", "-", "censored", "censor", "lost"}  # fmt: skip
# "minus 299,000" subtracts a constant (an offset of the scale), which does not make values differences
_DIFFERENCES = re.compile(r"\bdifferences?\b|\bchanges?\b|\bminus\b(?![ \t]*[\d.,]+\b)|\bdelta\b|\bdiffs?\b", re.I)
_FORMULA = re.compile(r"(?P<y>[A-Za-z][\w.]*)\s*~\s*(?P<x>[A-Za-z][\w.]*)")
# "regress y on x", "regression of y on x", "a straight line of height z on the northing y"
_REGRESS_ON = re.compile(
    r"(?:regress\w*|\bline|\bfit)\s+(?:of\s+)?(?:the\s+)?(?P<y>[\w-]+(?: [\w-]+)?)\s+on\s+(?:the\s+)?"
    r"(?P<x>[\w-]+(?: [\w-]+)?)",
    re.I,
)


def words(item: DataList) -> str:
    return f"{item.label} {item.context}".lower()


def is_p_value_list(item: DataList) -> bool:
    return item.is_probability and bool(_P_VALUE_WORDS.search(words(item)))


def is_event_list(item: DataList) -> bool:
    """0/1 event flags, a status coded by a legend ("1 = censored, 2 = dead") or R's 1/2 status coding."""
    if item.codes:
        names = [name for _, name in item.codes]
        if any(re.search(r"censor", name, re.I) for name in names) and len(names) >= 2:
            return True  # "1 = infection, 0 = censored": whatever the event is called, the other code censors
        return any(is_event_name(name) for name in names) and not all(is_event_name(name) for name in names)
    # "T  E": lifelines' names for the duration and the event flag
    named = bool(_EVENT_WORDS.search(words(item))) or item.label.strip() == "E"
    return named and (item.is_binary or is_r_status(item))


def is_r_status(item: DataList) -> bool:
    """ "status: 2 2 1 2": R's Surv reads a 1/2 status as 1 = censored, 2 = event."""
    return set(item.values) == {1.0, 2.0} and bool(re.search(r"status|stat\b|event", item.label, re.I))


def is_group_indicator(item: DataList) -> bool:
    """Codes for group membership ("arm: 0 0 1 1", "sex: 1 = male, 2 = female", "ecog 0 1 2"), not events or times."""
    if item.codes:
        return not is_event_list(item)
    levels = sorted(set(item.values))
    label = item.label
    consecutive = item.is_integral and levels[0] in (0, 1) and levels == [levels[0] + i for i in range(len(levels))]
    # codes are whole numbers ("1 2 2 1"); a column of two decimals ("0.1 0.2 0.2") is a coarse measurement
    two_coded = item.column and len(levels) == 2 and item.is_integral and not item.is_binary and not item.has_censoring
    if two_coded and min(item.values.count(level) for level in levels) >= 2 and not _EVENT_WORDS.search(label):
        return True  # a pasted column holding two values, each repeated: which group a row is in
    if item.grouping and 2 <= len(levels) <= MAX_MARKED_GROUPS:
        # "speed by experiment": expt 1 1 … 5 5; "time as a factor": 0.45 0.45 0.45 1.30 … (levels, not amounts)
        return min(item.values.count(level) for level in levels) >= 2
    return (
        2 <= len(levels) <= MAX_GROUPS
        and consecutive
        and len(item.values) >= 2 * len(levels)
        and bool(_GROUP_WORDS.search(label))
        and not _NAMES_A_LEVEL.search(label)
        and not _EVENT_WORDS.search(label)
        and not _TIME_WORDS.search(label)
    )


def _splitting_codes(parsed: ParsedRequest, length: int) -> list[DataList]:
    """The code lists that may say each value's group: one is the split; several mean the request must pick one.
    "sex" and "ulcer" both 0/1: the one the request groups by ("ulcer=1 vs not"), else the one it names ("treatment
    as the only covariate" beside trt and prior); with neither, none."""
    splitting = [i for i in parsed.lists if len(i.values) == length and (is_group_indicator(i) or _zero_one_column(i))]
    for chosen in ([i for i in splitting if i.grouping], [i for i in splitting if i.named]):
        if len(chosen) == 1 and len(splitting) > 1:
            return chosen
    # one 0/1 column splits the rows when it is a group code, or when the request names it ("HR basin vs fan")
    return splitting if len(splitting) > 1 else [i for i in splitting if is_group_indicator(i) or i.named]


def _zero_one_column(item: DataList) -> bool:
    """A pasted 0/1 column that is not an event flag: it may split the rows as well as any group code."""
    return item.column and item.is_binary and not item.is_constant and not is_event_list(item)


def is_id_column(item: DataList) -> bool:
    """ "subj 1 1 2 2", "pt 1 2 3": who was measured, not a measurement. An id name over values that are not
    ids ("patient: 90 80 90 60", a score the patient gave) is a measurement."""
    counts = Counter(item.values)
    evenly = len(set(counts.values())) == 1  # "1 1 2 2 3 3"; a real sample repeats an id now and then
    return bool(IDS.match(item.label)) and item.is_integral and (evenly or len(counts) >= 0.9 * len(item.values))


def has_event_partner(parsed: ParsedRequest, item: DataList) -> bool:
    """A 0/1 event list of the same length sits beside this one, so it holds follow-up times."""
    return any(
        other is not item and is_event_list(other) and len(other.values) == len(item.values) for other in parsed.lists
    )


def measurements(parsed: ParsedRequest) -> list[DataList]:
    """Lists of measured values: not censored times, not 0/1 indicators, not p-values, not group codes."""
    return [
        item
        for item in parsed.lists
        if not item.has_censoring
        and not item.is_binary
        and not (item.column and item.is_constant)
        and not item.codes
        and not is_p_value_list(item)
        and not is_group_indicator(item)
        and not has_event_partner(parsed, item)
        and not is_id_column(item)
    ]


def group_candidates(parsed: ParsedRequest) -> list[DataList]:
    """Lists that may each be a group. Columns of a pasted frame that also holds a grouping column are
    variables, not groups: only the one the request names (or the only one) is the outcome to split."""
    lists = measurements(parsed)
    grouping = {f.start for f in parsed.factors} | {i.start for i in parsed.lists if is_group_indicator(i) and i.spans}
    framed = [item for item in lists if item.start in grouping and item.spans]
    if not framed:
        return lists
    named = [item for item in framed if item.named]
    outcome = named if len(named) == 1 else framed if len(framed) == 1 else []
    return [item for item in lists if item not in framed] + outcome


def prefer_named(lists: list[DataList], count: int) -> list[DataList]:
    """When there are more lists than a recipe takes, the ones the request names, if they are that many."""
    if len(lists) <= count:
        return lists
    named = [item for item in lists if item.named]
    return named if len(named) == count else lists


def chosen(parsed: ParsedRequest, roles: Sequence[str], count: int) -> list[DataList] | None:
    """The lists a model named for the roles; None when a name is unknown, missing or repeated."""
    picked = [parsed.list_named(label) for label in roles[:count]]
    if len(picked) != count or any(item is None for item in picked):
        return None
    lists = [item for item in picked if item is not None]
    return lists if len({item.label for item in lists}) == count else None


def two_groups(parsed: ParsedRequest, roles: Sequence[str]) -> tuple[DataList, DataList] | None:
    """Two independent samples: two measurement lists, or one list split by a two-level factor."""
    if not no_roles(roles):
        picked = chosen(parsed, roles, 2)
        return (picked[0], picked[1]) if picked and all(len(i.values) >= 2 for i in picked) else None
    lists = group_candidates(parsed)
    lists = prefer_named(_long_layout(lists) or lists, 2)
    if len(lists) > 2:
        lists = prefer_named(lists, 1)
    if len(lists) == 2:
        return lists[0], lists[1]
    if len(lists) == 1:
        split = split_by_factor(parsed, lists[0], yes_no_groups=True)
        if split is not None and len(split) == 2:
            return split[0], split[1]
    return None


def several_groups(parsed: ParsedRequest, minimum: int) -> list[DataList] | None:
    lists = group_candidates(parsed)
    lists = _long_layout(lists) or lists
    if sum(item.named for item in lists) == 1:
        lists = [item for item in lists if item.named]
    if len(lists) == 1:
        lists = split_by_factor(parsed, lists[0]) or lists
    lists = [item for item in lists if len(item.values) >= 2]
    return lists if len(lists) >= minimum else None


def _long_layout(lists: list[DataList]) -> list[DataList] | None:
    """Two columns, one holding a few levels in blocks ("conc 0 0 … 80 80 … 310") beside a measurement: R's
    ``brood1 ~ conc``, the measurement split by those levels. Never the two columns compared as two groups."""
    if len(lists) != 2 or not all(item.column for item in lists) or len(lists[0].values) != len(lists[1].values):
        return None
    blocked = [item for item in lists if _in_blocks(item.values)]
    if len(blocked) != 1:
        return None
    codes, outcome = blocked[0], next(item for item in lists if item is not blocked[0])
    spans = outcome.spans if len(outcome.spans) == len(outcome.values) else ()
    return [
        DataList(
            label=f"{codes.label} {level:g}",
            values=tuple(v for v, code in zip(outcome.values, codes.values, strict=True) if code == level),
            censored=tuple(c for c, code in zip(outcome.censored, codes.values, strict=True) if code == level),
            context=outcome.context,
            spans=tuple(s for s, code in zip(spans, codes.values, strict=True) if code == level),
        )
        for level in dict.fromkeys(codes.values)
    ]


def _in_blocks(values: Sequence[float]) -> bool:
    """A few levels, each written in one run of two or more rows: how a long layout writes its groups."""
    runs = [len(list(run)) for _, run in itertools.groupby(values)]
    return 2 <= len(set(values)) <= MAX_MARKED_GROUPS and len(runs) == len(set(values)) and min(runs) >= 2


def split_by_factor(parsed: ParsedRequest, item: DataList, yes_no_groups: bool = False) -> list[DataList] | None:
    """Values split by the category written beside each one (a factor or a 0/1 group code of equal length);
    with ``yes_no_groups`` (a comparison of two groups, where no column can be an outcome) by a yes/no column."""
    levels = group_codes(parsed, len(item.values), yes_no_groups)
    if levels is None:
        return None
    coded = group_code_list(parsed, len(item.values))
    code_spans = coded.spans if coded is not None and len(coded.spans) == len(levels) else ()
    value_spans = item.spans if len(item.spans) == len(levels) else ()
    return [
        DataList(
            label=f"{level}",
            values=tuple(v for v, code in zip(item.values, levels, strict=True) if code == level),
            censored=tuple(c for c, code in zip(item.censored, levels, strict=True) if code == level),
            context=item.context,
            spans=tuple(
                s
                for spans in (value_spans, code_spans)
                if spans
                for s, code in zip(spans, levels, strict=True)
                if code == level
            ),
        )
        for level in dict.fromkeys(levels)
    ]


def group_code_list(parsed: ParsedRequest, length: int) -> DataList | None:
    """The numeric list of group codes (not a word factor) that ``group_codes`` splits by, if that is what it uses."""
    if any(len(f.levels) == length and binary_from_factor(f) is None for f in parsed.factors):
        return None
    return next((i for i in parsed.lists if is_group_indicator(i) and len(i.values) == length), None)


def group_codes(parsed: ParsedRequest, length: int, yes_no_groups: bool = False) -> list[str] | None:
    """The group of each of ``length`` values: a factor ("arm: A A B") or a 0/1 group code, not a yes/no outcome
    unless ``yes_no_groups`` says no outcome is wanted ("diabetic vs not" beside a Yes/No column). A code column
    the request groups by ("ANOVA of time on poison", "ulcer=1") comes before any factor beside it."""
    indicators = _splitting_codes(parsed, length)
    indicator = indicators[0] if len(indicators) == 1 else None
    factors = [
        f for f in parsed.factors if len(f.levels) == length and len(f.distinct) > 1 and binary_from_factor(f) is None
    ]
    if len(factors) > 1:  # "pulse by exercise group" beside Sex: the one the words name (past its header)
        factors = [f for f in factors if len(mentions(parsed.text, f.label, [])) >= 2]
        if len(factors) != 1:
            return None  # which factor splits the values is not said: guessing could run the wrong comparison
    yes_no = [f for f in parsed.factors if len(f.levels) == length and binary_from_factor(f) is not None]
    if factors and not (indicator and indicator.grouping):
        # "seeded vs unseeded" beside a seeding (yes/no) and an echomotion column: the one the words name
        split = (
            [f for f in [*factors, *yes_no] if factor_said(parsed.text, f.label)]
            if yes_no_groups and yes_no
            else factors
        )
        return list(split[0].levels) if len(split) == 1 else None
    # "chemo: yes/no" named as what splits the subjects, beside an outcome of its own, is a group, not an outcome
    named_yes_no = [
        f
        for f in parsed.factors
        if len(f.levels) == length
        and binary_from_factor(f) is not None
        and not is_event_name(f.label)
        and len(mentions(parsed.text, f.label, [])) >= 2
    ]
    if len(named_yes_no) == 1 and any(is_event_name(item.label) for item in parsed.lists if len(item.values) == length):
        return list(named_yes_no[0].levels)
    if yes_no_groups and len(yes_no) == 1 and not indicators and not is_event_name(yes_no[0].label):
        return list(yes_no[0].levels)
    if indicator is not None:
        return [indicator.code_name(value) or f"{indicator.label} {value:g}" for value in indicator.values]
    return None


def factor_said(text: str, label: str) -> bool:
    """The request names a factor beyond its header: as written, or by its stem ("seeded" for "seeding")."""
    if len(mentions(text, label, [])) >= 2:
        return True
    stem = re.sub(r"(?:ing|ed|ion|s)$", "", label.lower()) if len(label) >= 5 else ""
    return len(stem) >= 4 and len(re.findall(rf"\b{re.escape(stem)}", text, re.I)) >= 2


def same_length_pair(
    parsed: ParsedRequest, roles: Sequence[str], codes_allowed: bool = False
) -> tuple[DataList, DataList] | None:
    """Two measurement lists of equal length (paired values, or x and y), in role or reading order.

    With ``codes_allowed`` an ordinal code ("grade 1 2 2 3") may be one of the two, as a correlation allows."""
    if not no_roles(roles):
        picked = chosen(parsed, roles, 2)
        pair = (picked[0], picked[1]) if picked else None
    else:
        lists = measurements(parsed)
        if codes_allowed and len(lists) < 2:  # a coded column ("tension coded 1=L 2=M 3=H") only when named
            lists += [i for i in parsed.lists if is_group_indicator(i) and (i.named or not i.codes) and i not in lists]
            lists.sort(key=lambda item: item.start)
        lists = prefer_named(lists, 2)
        pair = (lists[0], lists[1]) if len(lists) == 2 else None
    if pair is not None and (pair[0].missing_at or pair[1].missing_at):
        pair = complete_pairs(*pair)
    if pair is None or len(pair[0].values) != len(pair[1].values) or len(pair[0].values) < 3:
        return None
    return pair


def complete_pairs(first: DataList, second: DataList) -> tuple[DataList, DataList] | None:
    """Paired lists with NAs keep only the complete pairs, as R does; None when, NAs counted, the lists
    differ in length (then which value pairs with which is unknown)."""
    length = len(first.values) + len(first.missing_at)
    if length != len(second.values) + len(second.missing_at):
        return None
    gone = set(first.missing_at) | set(second.missing_at)

    def kept(item: DataList) -> DataList:
        present = [i for i in range(length) if i not in item.missing_at]
        keep = [k for k, i in enumerate(present) if i not in gone]
        return replace(
            item,
            values=tuple(item.values[k] for k in keep),
            censored=tuple(item.censored[k] for k in keep),
            missing_at=(),  # spans stay whole: a value left out with its pair's NA is accounted for
        )

    return kept(first), kept(second)


def paired_pair(parsed: ParsedRequest, roles: Sequence[str]) -> tuple[tuple[DataList, DataList], float] | None:
    """Two equal-length measurement lists, scored higher when their names say before/after (pre/post…)."""
    pair = same_length_pair(parsed, roles)
    if pair is None:
        return None
    named_as_pair = all(_BEFORE_AFTER.search(item.label) for item in pair)
    return pair, 0.85 if named_as_pair else 0.35


def one_sample(parsed: ParsedRequest, roles: Sequence[str]) -> tuple[DataList, float] | None:
    """One measurement list and a reference value ("mu = 100", "different from 100"); differences
    ("within-subject differences, A minus B") are tested against zero."""
    if not no_roles(roles):
        picked = chosen(parsed, roles, 1)
        lists = picked or []
    else:
        lists = prefer_named(measurements(parsed), 1)
    if len(lists) != 1 or len(lists[0].values) < 2:
        return None
    mu = parsed.scalars.get("mu")
    if mu is None and _DIFFERENCES.search(words(lists[0])):
        mu = 0.0
    return (lists[0], mu) if mu is not None else None


def x_and_y(parsed: ParsedRequest, roles: Sequence[str]) -> tuple[DataList, DataList] | None:
    """Predictor and outcome: as chosen, as written ("regression of y on x"), by their names, else in order."""
    pair = same_length_pair(parsed, roles, codes_allowed=True)
    if pair is None or not no_roles(roles):
        return pair
    first, second = pair
    for pattern in (_REGRESS_ON, _FORMULA):
        written = pattern.search(parsed.text)
        if written and _mentions(second, written.group("x")) and _mentions(first, written.group("y")):
            return second, first
        if written and _mentions(first, written.group("x")) and _mentions(second, written.group("y")):
            return first, second
    first_is_outcome = bool(_Y_WORDS.search(first.label)) and not _Y_WORDS.search(second.label)
    second_is_predictor = bool(_X_WORDS.search(second.label)) and not _X_WORDS.search(first.label)
    return (second, first) if first_is_outcome or second_is_predictor else (first, second)


def _mentions(item: DataList, phrase: str) -> bool:
    label = item.label.lower()
    phrase = phrase.lower()
    return bool(label) and (label in phrase or phrase.split()[0] in label)


def predictor_and_binary_outcome(parsed: ParsedRequest, roles: Sequence[str]) -> tuple[DataList, DataList] | None:
    """A continuous predictor and a 0/1 outcome of the same length (both outcomes present)."""
    if not no_roles(roles):
        picked = chosen(parsed, roles, 2)
        if not picked:
            return None
        predictor, outcome = picked
    else:
        outcomes = [i for i in parsed.lists if i.is_binary and len(set(i.values)) == 2]
        outcomes += [coded for f in parsed.factors if (coded := binary_from_factor(f)) is not None]
        outcomes += [
            coded
            for f in parsed.factors
            if binary_from_factor(f) is None and (coded := factor_named_as_outcome(parsed.text, f)) is not None
        ]
        predictors = [
            i
            for i in parsed.lists
            if not i.is_binary and not i.has_censoring and not is_p_value_list(i) and not is_id_column(i)
        ]
        outcomes, predictors = prefer_named(outcomes, 1), prefer_named(predictors, 1)
        if len(outcomes) != 1 or len(predictors) != 1:
            return None
        predictor, outcome = predictors[0], outcomes[0]
    if len(predictor.values) != len(outcome.values) or not outcome.is_binary or len(set(outcome.values)) != 2:
        return None
    return predictor, outcome


_TRIALS = re.compile(
    r"\b(?:total|n|trials?|number|examined|tested|at risk|exposed|size|denominator|screened|treated|animals"
    r"|subjects)\b",
    re.IGNORECASE,
)


def events_of_trials(parsed: ParsedRequest) -> tuple[DataList, DataList, DataList] | None:
    """Grouped binary data ("Age, Total, Menarche"): a predictor, and per row the events among its trials."""
    counts = [i for i in parsed.lists if i.is_integral and all(v >= 0 for v in i.values) and not i.has_censoring]
    for trials in (i for i in counts if _TRIALS.search(i.label)):
        events = [
            i
            for i in counts
            if i is not trials
            and len(i.values) == len(trials.values)
            and all(e <= n for e, n in zip(i.values, trials.values, strict=True))
            and not _TRIALS.search(i.label)
        ]
        written = _REGRESS_ON.search(parsed.text) or _FORMULA.search(parsed.text)
        if written and len(events) > 1:  # "logistic regression of menarche on age": the events are the outcome
            events = [i for i in events if _mentions(i, written.group("y"))] or events
        events = prefer_named(events, 1)
        predictors = [
            i
            for i in parsed.lists
            if i is not trials and i not in events and len(i.values) == len(trials.values) and not i.has_censoring
        ]
        predictors = prefer_named(predictors, 1)
        if len(events) == 1 and len(predictors) == 1 and max(trials.values) > 1:
            return predictors[0], events[0], trials
    return None


def factor_named_as_outcome(text: str, factor: Factor) -> DataList | None:
    """A two-level factor whose level the request makes the event: "M=1, F=0", "regression of malignant (vs
    benign)", "odds of death"."""
    if len(factor.distinct) != 2:
        return None
    for level in factor.distinct:
        name = re.escape(level)
        event = (
            rf"(?<![\w.]){name}\s*=\s*1\b|\b(?:regression|model|odds|probability|risk|outcome)\s*(?:of|=|:|is)\s*"
            rf"(?:being\s+)?{name}\b"
        )
        if re.search(event, text, re.IGNORECASE):
            values = tuple(1.0 if value == level else 0.0 for value in factor.levels)
            return DataList(f"{factor.label} ({level} = 1)", values, (False,) * len(values), context=factor.context)
    return None


def binary_from_factor(factor: Factor) -> DataList | None:
    """A yes/no factor as a 0/1 list ("yes" = 1), so "outcome: yes, no, yes" can be a logistic outcome."""
    levels = {level.lower() for level in factor.levels}
    if len(levels) != 2 or not (levels & _YES and levels & _NO):
        return None
    values = tuple(1.0 if level.lower() in _YES else 0.0 for level in factor.levels)
    label = f"{factor.label} ({next(iter(levels & _YES))} is 1)"
    return DataList(label, values, (False,) * len(values), context=factor.context, start=factor.start)


def looks_like_survival(predictor: DataList, outcome: DataList) -> bool:
    return bool(_TIME_WORDS.search(words(predictor))) and bool(_EVENT_WORDS.search(words(outcome)))


def rows_of_named_table(parsed: ParsedRequest, lists: Sequence[DataList]) -> bool:
    """These lists are the rows of a table with named columns: counts by category, not replicate values."""
    rows = tuple(item.values for item in lists)
    return any(t.rows == rows and not t.col_labels[0].startswith("column ") for t in parsed.tables)
