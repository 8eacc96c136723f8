"""Time-to-event data in the forms researchers write it.

* one list of times per group with censoring marks: ``Arm A: 6, 9, 10+, 14``;
* a times list with a 0/1 event list of the same length (per group, or once with a group column);
* a pasted frame with time, event and group columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pydantic import BaseModel, ConfigDict, Field, model_validator

from analysis.model import DataList, ParsedRequest
from analysis.reading.columns import mentions, squash
from analysis.reading.labels import IDS, clause_before, is_event_name
from analysis.reading.shapes import (
    binary_from_factor,
    factor_said,
    group_code_list,
    group_codes,
    is_event_list,
    is_group_indicator,
    is_p_value_list,
    is_r_status,
    words,
)

_PARENTHESES = re.compile(r"\([^()]*\)")
_SURV = re.compile(r"\bSurv\(\s*(?P<time>[A-Za-z][\w.]*)\s*,\s*(?P<event>[A-Za-z][\w.]*)\s*(?:==?\s*\d\s*)?\)")
_NOT_A_GROUP_NAME = {
    "died", "death", "deaths", "event", "events", "relapse", "relapsed", "failed", "failure", "failures", "at",
    "occurred", "in", "on", "months", "month", "weeks", "week", "days", "day", "years", "year", "time", "times",
    "patients", "subjects", "were", "was", "censored", "survival", "the", "and", "of", "with", "had", "who",
    "progressed", "progression", "recurrence", "deaths:", "observed", "follow-up", "followup",
}  # fmt: skip
_CENSOR_CODED_ONE = re.compile(r"1\s*=\s*censor|censor\w*\s*=\s*1|censored\s*\(1\)", re.I)
_EVENT_WORDS = re.compile(r"event|status|died|death|dead|relapse|recur|progress|failure|indicator|outcome", re.I)
_TIME_WORDS = re.compile(
    r"\b(?:surviv\w*|follow[- ]?up|times?|months?|weeks?|days?|years?|duration|tte|time[- ]to)\b", re.I
)
_TIME_IN_NAME = re.compile(
    r"^[a-z]{0,4}(?:time|days|months|weeks|years)$|^(?:os|pfs|dfs|rfs|efs|tte)[_.]", re.I
)  # rfstime
_TIME_WORDS_IN_LABEL = re.compile(r"\b(?:survival|follow[- ]?up|times?|months?|weeks?|days?|years?|in|to|of)\b", re.I)


class SurvivalGroup(BaseModel):
    model_config = ConfigDict(frozen=True)

    label: str
    times: list[float] = Field(min_length=2)
    events: list[int] = Field(min_length=2)  # 1 = event observed, 0 = censored

    @model_validator(mode="after")
    def _consistent(self) -> SurvivalGroup:
        if len(self.times) != len(self.events):
            raise ValueError("one event indicator per time")
        if any(t < 0 for t in self.times) or any(e not in (0, 1) for e in self.events):
            raise ValueError("times must be non-negative and events 0 or 1")
        return self


@dataclass(frozen=True, slots=True)
class SurvivalReading:
    """Groups of (time, event) data, a sentence saying how they were read, and the lists they came from."""

    groups: list[SurvivalGroup]
    reason: str
    sources: tuple[DataList, ...]
    coding: str  # the event coding used, said to the reader: '"+" marks a censored time'


Found = tuple[list[SurvivalGroup], str, tuple[DataList, ...], str]
MARKS = 'a "+" (or "*", "(censored)") after a time marks it censored'
EVENT_FLAGS = "event flags: 1 = event, 0 = censored"
INVERTED_FLAGS = "censoring flags, as written: 1 = censored, 0 = event"


def survival_groups(parsed: ParsedRequest) -> SurvivalReading | None:
    """Survival data however it was written; None if there is none."""
    for reader in (_times_with_event_lists, _event_and_censored_lists, _times_with_censoring_marks):
        found = reader(parsed)
        if found:
            return SurvivalReading(*found)
    return None


def _group_name(text: str, start: int) -> str:
    """The group the times at ``start`` belong to: named in their clause ("Drug: died at 3, 5"), else on a
    header line of its own above them ("RIT arm" over "progressed/died at (months): 25, 53")."""
    clause = _PARENTHESES.sub(" ", clause_before(text, start, 0))
    kept = [w for w in re.findall(r"[\w+-]+", clause) if w.lower() not in _NOT_A_GROUP_NAME and not w.isdigit()]
    if kept:
        return " ".join(kept[-3:])
    return _header_line(text, start)


def _header_line(text: str, start: int) -> str:
    """A short line of its own just above the data at ``start`` ("RIT arm", "placebo (n=65)"), else ""."""
    line_start = text.rfind("\n", 0, start)
    for line in reversed(text[: max(line_start, 0)].split("\n")[-3:]):
        bare = _PARENTHESES.sub(" ", line)
        if bare.strip() and not re.search(r"[\d=]", bare) and len(bare.split()) <= 4:
            return " ".join(bare.split()).rstrip(":")
        if line.strip():
            return ""  # only the nearest line with words can head the data
    return ""


def _time_lists(parsed: ParsedRequest) -> list[DataList]:
    times = [
        item
        for item in parsed.lists
        if not item.is_binary
        and not (item.column and IDS.match(item.label))
        and all(v >= 0 for v in item.values)
        and not (item.column and item.is_constant)
        and not is_p_value_list(item)
        and not is_group_indicator(item)
        and not is_event_list(item)
        and not _status_codes(item)
    ]
    # a pasted table with a column called a time ("time,voltage"): its other columns are not times
    if any(item.column and _names_times(item) for item in times):
        times = [item for item in times if not item.column or _names_times(item)]
    return times


def _status_codes(item: DataList) -> bool:
    """ "status: 2 0 2 1 …" with no legend: codes of what happened, never follow-up times."""
    codes = set(item.values)
    return bool(_EVENT_WORDS.search(item.label)) and item.is_integral and len(codes) <= 4 and max(codes) <= 4


def _event_lists(parsed: ParsedRequest) -> list[DataList]:
    """0/1 lists, and yes/no word lists ("dead, alive, dead") read as 1 = event."""
    numeric = [
        item for item in parsed.lists if (item.is_binary or is_event_list(item)) and not is_group_indicator(item)
    ]
    worded = [coded for factor in parsed.factors if (coded := binary_from_factor(factor)) is not None]
    return numeric + worded


def named_covariates(parsed: ParsedRequest) -> list[DataList]:
    """Columns the request names beside the times and events ("age as the only covariate", "arrest ~ prio",
    "adjusting for sex"): each is a covariate of a Cox model, measured or a group."""
    found = _times_with_event_lists(parsed)
    return [] if found is None else _covariates_beside(parsed, found)


def _covariates_beside(parsed: ParsedRequest, found: Found) -> list[DataList]:
    times, events = found[2][:2]  # the first pair read; a later "pair" may be this very covariate misread
    length = len(times.values)
    return [
        item
        for item in parsed.lists
        if ((item.named and item.column) or _named_line(parsed.text, item))
        and len(item.values) == length and item not in (times, events) and not IDS.match(item.label)
    ]  # fmt: skip


def _named_line(text: str, item: DataList) -> bool:
    """ "karno: 60 60 40 …" on its own line under "time:" and "status:" lines, and named again by the request
    ("coxph(Surv(time, status) ~ karno)"): a column written across, as the frame's named columns are."""
    return not item.column and bool(item.label) and len(mentions(text, item.label, [])) >= 2


def measured_covariates(parsed: ParsedRequest) -> list[DataList]:
    """Named covariates that are measurements, not groups: a Cox model on one gives a hazard ratio per unit,
    which no comparison of groups is."""
    return _measured(named_covariates(parsed))


def _measured(covariates: list[DataList]) -> list[DataList]:
    return [item for item in covariates if not (item.is_binary or item.codes or is_group_indicator(item))]


@dataclass(frozen=True, slots=True)
class CovariateReading:
    """Times and events in the order written, with the one measured covariate named beside them."""

    times: DataList
    event: DataList
    covariate: DataList
    events: list[int]
    coding: str


def covariate_survival(parsed: ParsedRequest) -> CovariateReading | None:
    found = _times_with_event_lists(parsed)
    covariates = [] if found is None else _measured(_covariates_beside(parsed, found))
    if found is None or len(covariates) != 1:
        return None
    times, event = found[2][:2]
    inverted = bool(_CENSOR_CODED_ONE.search(parsed.text)) or _codes_censoring(event)
    return CovariateReading(times, event, covariates[0], _events(event, inverted), found[3])


def _times_with_event_lists(parsed: ParsedRequest) -> Found | None:
    times, events = _time_lists(parsed), _event_lists(parsed)
    named = _SURV.search(parsed.text)  # "Surv(day, tumour)": R's call says which column is which, legend or not
    if named:
        times = [t for t in times if squash(t.label) == squash(named["time"])] or times
        flags = [e for e in parsed.lists if e.is_binary or is_r_status(e)]
        events = [e for e in flags if squash(e.label) == squash(named["event"])] or events
    if not events or not times:
        return None
    if not (parsed.has("survival") or any(_names_events(e) for e in events) or any(_names_times(t) for t in times)):
        return None  # "dose" with a 0/1 "toxicity" is a logistic question, not follow-up with events
    pairs: list[tuple[DataList, DataList]] = []
    used: set[str] = set()
    for event in events:
        same_length = [t for t in times if len(t.values) == len(event.values) and t.label not in used]
        same_length = [t for t in same_length if _names_times(t)] or same_length  # "Years", not "Age", beside "Died"
        before = [t for t in same_length if _place(t) < _place(event)]
        match = before[-1] if before else (same_length[0] if same_length else None)
        if match is not None:
            used.add(match.label)
            pairs.append((match, event))
    if not pairs:
        return None
    inverted = bool(_CENSOR_CODED_ONE.search(parsed.text)) or all(_codes_censoring(e) for _, e in pairs)
    sources = tuple(item for pair in pairs for item in pair)
    if len(pairs) == 1:
        # the event column splits no one, whatever its legend ("tumour 1 = first tumour seen, 0 = none")
        parsed = replace(parsed, lists=tuple(item for item in parsed.lists if item is not pairs[0][1]))
        groups, reason = _split_one_pair(parsed, pairs[0], inverted)
        coded = group_code_list(parsed, len(pairs[0][0].values))
        return groups, reason, (*sources, *([coded] if coded else [])), _coding(pairs[0][1], inverted)
    groups = [
        _group(_group_label(t, i, parsed.text), t.values, _events(e, inverted))
        for i, (t, e) in enumerate(pairs, start=1)
    ]
    reason = "times with 0/1 event lists: " + ", ".join(f"{t.label!r} with {e.label!r}" for t, e in pairs)
    return groups, reason + _coding_note(inverted), sources, _coding(pairs[0][1], inverted)


def _place(item: DataList) -> int:
    """Where a list is written: its first value (the columns of one frame share the header's start)."""
    return item.spans[0][0] if item.spans else item.start


def _names_events(item: DataList) -> bool:
    return bool(_EVENT_WORDS.search(words(item)) or "censor" in words(item)) or item.label.strip() == "E"


def _names_times(item: DataList) -> bool:
    # "T" and "E": the names lifelines gives the durations and the event flags
    return bool(_TIME_WORDS.search(words(item)) or _TIME_IN_NAME.search(item.label)) or item.label.strip() == "T"


def _codes_censoring(event: DataList) -> bool:
    """An indicator named "censored" with no event word codes 1 = censored."""
    text = words(event)
    return "censor" in text and not _EVENT_WORDS.search(text)


def _split_one_pair(
    parsed: ParsedRequest, pair: tuple[DataList, DataList], inverted: bool
) -> tuple[list[SurvivalGroup], str]:
    times, event = pair
    flags = _events(event, inverted)
    codes = group_codes(parsed, len(times.values)) or _yes_no_groups(parsed, len(times.values), event)
    if codes is None:
        group = _group(_group_label(times, 1, parsed.text), times.values, flags)
        return [group], f"one group: times {times.label!r} with events {event.label!r}" + _coding_note(inverted)
    reason = f"times {times.label!r} and events {event.label!r} split by group ({', '.join(dict.fromkeys(codes))})"
    return _split(times.values, flags, codes), reason + _coding_note(inverted)


def _yes_no_groups(parsed: ParsedRequest, length: int, event: DataList) -> list[str] | None:
    """ "metastasized yes vs no" beside an event column of TRUE/FALSE: the yes/no column the request names, other
    than the one the events came from, forms the groups."""
    others = [
        f
        for f in parsed.factors
        if len(f.levels) == length
        and binary_from_factor(f) is not None
        and not event.label.startswith(f.label)
        and factor_said(parsed.text, f.label)
    ]
    return list(others[0].levels) if len(others) == 1 else None


def _split(times: tuple[float, ...], flags: list[int], codes: list[str]) -> list[SurvivalGroup]:
    """One group per code, in order of first appearance."""
    return [
        _group(
            level,
            tuple(t for t, c in zip(times, codes, strict=True) if c == level),
            [f for f, c in zip(flags, codes, strict=True) if c == level],
        )
        for level in dict.fromkeys(codes)
    ]


# "the other 4 were progression-free when last seen at …", "still alive at 10, 14", "censored: 4, 8"
_CENSORED_TIMES = re.compile(
    r"censor\w*|still alive|alive at|(?:when |at )?last (?:seen|contact\w*|follow[- ]?up|visit)|lost to follow[- ]?up"
    r"|(?:event|progression|disease|relapse|recurrence|failure)[- ]free|withdr[ae]w\w*"
    r"|\b(?:no|without(?: an?)?)\s+(?:recurrence|relapse|event|progression|failure|death)s?\b"
    r"|end of (?:the )?(?:study|follow[- ]?up)",
    re.I,
)


def _is_censored_list(item: DataList) -> bool:
    """A list of times said to be censored; the words that say so ("progression-free") name no event."""
    said = _CENSORED_TIMES.search(words(item))
    return bool(said) and not _EVENT_WORDS.search(_CENSORED_TIMES.sub(" ", item.label))


def _event_and_censored_lists(parsed: ParsedRequest) -> Found | None:
    """ "died at 3, 5, 9; censored at 4, 8, 12": each censored list joins the event times written beside it."""
    times = _time_lists(parsed)
    censored = [item for item in times if _is_censored_list(item)]
    observed = [item for item in times if not _is_censored_list(item)]
    if not censored or len(censored) != len(observed):
        return None
    groups = []
    for position, (events, later) in enumerate(zip(observed, censored, strict=True), start=1):
        label = _group_name(parsed.text, events.start) or f"group {position}"
        all_times = events.values + later.values
        groups.append(_group(label, all_times, [1] * len(events.values) + [0] * len(later.values)))
    pairs = ", ".join(f"{e.label!r} with {c.label!r}" for e, c in zip(observed, censored, strict=True))
    coding = "times listed as deaths/events are events; times listed as censored are censored"
    return groups, f"event times joined with censored times: {pairs}", (*observed, *censored), coding


def _times_with_censoring_marks(parsed: ParsedRequest) -> Found | None:
    times = _time_lists(parsed)
    if any(_EVENT_WORDS.search(i.label) for i in parsed.lists if i not in times and not is_group_indicator(i)):
        return None  # a status column it could not read: never assume every time is an event
    if not any(item.has_censoring for item in times):
        if _censoring_said(parsed.text):
            return None  # "some were still alive at the end" and not one time marked: the statuses are missing
        # uncensored lists are times when called so, or when a survival analysis is asked for by name
        survival_named = parsed.cues & {"log_rank", "kaplan_meier", "cox"}
        times = times if survival_named else [item for item in times if _names_times(item)]
        if not (parsed.has("survival") and times):
            return None
    codes = group_codes(parsed, len(times[0].values)) if len(times) == 1 else None
    if codes is not None:
        item = times[0]
        groups = _split(item.values, [0 if c else 1 for c in item.censored], codes)
        reason = f'times {item.label!r} ("+" = censored) split by group ({", ".join(dict.fromkeys(codes))})'
        coded = group_code_list(parsed, len(item.values))
        return groups, reason, (item, *([coded] if coded else [])), MARKS
    groups = [
        _group(_group_label(item, i, parsed.text), item.values, [0 if c else 1 for c in item.censored])
        for i, item in enumerate(times, start=1)
    ]
    marks = sum(sum(item.censored) for item in times)
    return groups, f'{len(groups)} group(s) of times, {marks} marked censored ("+")', tuple(times), MARKS


_CENSORING_SAID = re.compile(
    r"\b(?:censor(?:ed|ing)|still alive|alive at (?:the )?(?:end|last|close)|lost to follow[- ]?up)\b", re.I
)


_NONE_AFTER = re.compile(r"[^\n:=]{0,30}[:=][ \t]*(?:none|nobody|no one|nil|0)\b", re.I)


def _censoring_said(text: str) -> bool:
    """The message says some subjects were censored ("some were still alive at the end"); a mark after a value
    ("1105 h (censored)") is the data's own, which the reading and its accounting answer for."""
    return any(
        not re.search(r"\b(?:no|none|nobody|not|never|zero|0)\b[^.;\n]{0,20}$", text[: match.start()], re.I)
        and not re.search(r"\d[ \t]*[A-Za-z]{0,6}[ \t]*[(\[]?[ \t]*$", text[: match.start()])
        and not _NONE_AFTER.match(text, match.end())  # "censored (alive at the end): none"
        for match in _CENSORING_SAID.finditer(text)
    )


def _events(event: DataList, inverted: bool) -> list[int]:
    """1 = event: from the legend's names, R's 1/2 status (2 = event), or 0/1 flags (inverted when 1 = censored)."""
    if event.codes and not _legend_silent(event):
        return [int(_is_event_code(event, event.code_name(v) or "")) for v in event.values]
    if is_r_status(event):
        return [int(v == 2) for v in event.values]
    return [1 - int(v) if inverted else int(v) for v in event.values]


def _legend_silent(event: DataList) -> bool:
    """A 0/1 legend that names neither an event nor censoring ("tumour 1 = first tumour seen that day, 0 = none
    by day 182"): the flags are read as R's Surv reads 0/1, 1 = event."""
    return event.is_binary and not any(_is_event_code(event, name) for _, name in event.codes)


def _coding(event: DataList, inverted: bool) -> str:
    if event.codes and _legend_silent(event):
        return f"{event.label} 0/1, read as R's Surv does (1 = event): its legend names no event or censoring"
    if event.codes:
        legend = ", ".join(f"{code:g} = {name}" for code, name in event.codes)
        return f"{event.label} as its legend says ({legend}): the event is {_event_code_names(event)}"
    if is_r_status(event):
        return f"{event.label} coded 1/2 and read as R's Surv does: 2 = event, 1 = censored"
    return INVERTED_FLAGS if inverted else EVENT_FLAGS


def _event_code_names(event: DataList) -> str:
    return " or ".join(name for _, name in event.codes if _is_event_code(event, name)) or "none"


def _is_event_code(event: DataList, name: str) -> bool:
    """ "1 = infection, 0 = censored": of two codes, the one that is not censoring is the event, whatever its
    name; with more codes ("0 = censored, 1 = transplant, 2 = dead") only a death or event word is."""
    names = [code_name for _, code_name in event.codes]
    if len(names) == 2 and sum(bool(re.search(r"censor", n, re.I)) for n in names) == 1:
        return not re.search(r"censor", name, re.I)
    return is_event_name(name)


def _coding_note(inverted: bool) -> str:
    return " (read 1 = censored, as written)" if inverted else ""


def _group(label: str, times: tuple[float, ...], events: list[int]) -> SurvivalGroup:
    return SurvivalGroup(label=label, times=list(times), events=events)


def _group_label(item: DataList, position: int, text: str) -> str:
    """ "Arm A times (weeks)" → "Arm A"; a label that is only time words takes the group's header line
    ("placebo (n=65)" above "days = …"), else becomes "group N"."""
    cleaned = " ".join(_TIME_WORDS_IN_LABEL.sub(" ", re.sub(r"\(\d+\)$", "", item.label)).split())
    header = "" if item.column else _header_line(text, item.spans[0][0] if item.spans else item.start)
    return cleaned or header or f"group {position}"
