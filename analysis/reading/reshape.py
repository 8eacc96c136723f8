"""Reshaping what was pasted: paired data in long format, and lists that only name a factor's levels.

R users paste paired data long: one row per measurement with the subject's id and the condition
("extra group ID"). When the request is about pairs, each measurement column becomes one list per
condition, ordered by id, so the paired tests see pairs. A short list that only repeats a factor's
levels ("ECOG performance score (0, 1, 2)") names those levels; it is not data.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import replace

from analysis.model import DataList, Explained, Factor, Span
from analysis.reading.columns import mentions
from analysis.reading.labels import IDS
from analysis.reading.shapes import is_group_indicator


def pivot_pairs(text: str, lists: list[DataList], factors: list[Factor]) -> tuple[list[DataList], list[Explained]]:
    """ "extra group ID" (or "plant, conc, uptake") with each subject once per condition: the values of each
    condition as a list, in subject order, so paired tests see pairs."""
    ids = _pairing(lists, factors)
    conditions = _conditions(lists, factors, ids)
    if ids is None or conditions is None:
        return lists, []
    keys, id_label, id_spans = ids
    codes, condition_label, condition_spans, names = conditions
    outcomes = [i for i in lists if i.label not in (id_label, condition_label) and len(i.values) == len(keys)]
    outcomes = [i for i in outcomes if i.named] or outcomes
    if len(outcomes) != 1 or len(codes) != len(keys):
        return lists, []
    outcome = outcomes[0]
    subjects = sorted(set(keys))
    if any(sorted(k for k, c in zip(keys, codes, strict=True) if c == level) != subjects for level in set(codes)):
        return lists, []  # each subject must be measured once in each condition
    alias = _alias(text, condition_label) or condition_label
    pivoted = []
    for level in dict.fromkeys(codes):
        rows = sorted(
            (key, value, span)
            for key, code, value, span in zip(keys, codes, outcome.values, outcome.spans, strict=False)
            if code == level
        )
        name = names.get(level) or f"{alias} {level}"
        values = tuple(v for _, v, _ in rows)
        context = f"{outcome.label} paired by {id_label}"
        spans = tuple(span for _, _, span in rows)
        pivoted.append(
            DataList(name, values, (False,) * len(rows), context=context, start=outcome.start, spans=spans, named=True)
        )
    explained = [Explained(span, f"the pairing {id_label!r}") for span in id_spans]
    explained += [Explained(span, f"the condition {condition_label!r}") for span in condition_spans]
    rest = [i for i in lists if i.label not in (id_label, condition_label, outcome.label)]
    return [*rest, *pivoted], explained


def _pairing(lists: list[DataList], factors: list[Factor]) -> tuple[list[str], str, tuple[Span, ...]] | None:
    """The subject column: an id name ("ID", "plant", "subject") whose values each appear exactly twice."""
    for item in lists:
        if IDS.match(item.label) and _each_twice(item.values):
            return [f"{v:g}" for v in item.values], item.label, item.spans
    for factor in factors:
        if IDS.match(factor.label) and _each_twice(factor.levels):
            return list(factor.levels), factor.label, ()
    return None


def _conditions(
    lists: list[DataList], factors: list[Factor], ids: tuple[list[str], str, tuple[Span, ...]] | None
) -> tuple[list[str], str, tuple[Span, ...], dict[str, str]] | None:
    """The condition column: two values, each on half the rows."""
    if ids is None:
        return None
    half = len(ids[0]) / 2
    for item in lists:
        levels = set(item.values)
        if item.label != ids[1] and len(levels) == 2 and all(item.values.count(v) == half for v in levels):
            names = {f"{v:g}": name for v in levels if (name := item.code_name(v))}
            return [f"{v:g}" for v in item.values], item.label, item.spans, names
    for factor in factors:
        if (
            factor.label != ids[1]
            and len(factor.distinct) == 2
            and all(factor.levels.count(level) == half for level in factor.distinct)
        ):
            return list(factor.levels), factor.label, (), {}
    return None


def _each_twice(values: Sequence[Hashable]) -> bool:
    counts = Counter(values)
    return len(counts) >= 3 and all(count == 2 for count in counts.values())


def _alias(text: str, label: str) -> str:
    """ "(group = drug, ID = patient)": the request's own word for a column."""
    for _, end in mentions(text, label, []):
        match = re.match(r"\s*(?:=|means|is the)\s*([A-Za-z][\w-]*)", text[end:])
        if match and match.group(1).lower() not in {"the", "a", "an"}:
            return match.group(1)
    return ""


def drop_level_lists(lists: list[DataList]) -> tuple[list[DataList], list[Explained]]:
    """A short list equal to the levels of a factor coded elsewhere ("ECOG (0, 1, 2)") names the levels."""
    level_sets = {tuple(sorted(set(i.values))): i for i in lists if is_group_indicator(i) or i.codes}
    kept, explained = [], []
    for item in lists:
        owner = level_sets.get(tuple(item.values))
        if owner is not None and owner is not item and len(item.values) <= 8:
            explained += [Explained(span, f"the levels of {owner.label!r}") for span in item.spans]
            continue
        kept.append(item)
    return kept, explained


_CENSORED_COUNT = re.compile(
    r"(?P<n>\d+)\b[^.;\n\d]{0,70}?\b(?:censored|still alive|alive|event[- ]free|never\s+\w+|without\s+(?:an?\s+)?\w+"
    r"|not\s+re-?\w+|not\s+(?:dead|died)|no\s+event)[^.;\n]{0,30}?\b(?:at|after|until)\s+(?:the\s+end\s+of\s+)?"
    r"(?:week|day|month|year|wk|t\s*=)?\s*(?P<t>\d+(?:\.\d+)?)",
    re.IGNORECASE,
)


def censored_counts(text: str, lists: list[DataList]) -> tuple[list[DataList], list[Explained]]:
    """ "plus 150 not re-arrested, censored at 52", "the other 168 … are censored at week 52": that many censored
    times joined to the list of event times written before them."""
    updated = list(lists)
    explained: list[Explained] = []
    for match in _CENSORED_COUNT.finditer(text):
        before = [i for i, item in enumerate(updated) if item.start < match.start() and not item.column]
        if not before:
            continue
        index = before[-1]
        item, n, t = updated[index], int(match.group("n")), float(match.group("t"))
        if n < 1 or any(v > t for v in item.values):
            continue  # the censoring time must come after every event time
        updated[index] = replace(
            item,
            values=(*item.values, *(t,) * n),
            censored=(*item.censored, *(True,) * n),
            spans=(*item.spans, match.span("n"), match.span("t")),
        )
        explained.append(Explained(match.span("n"), f"{n} censored at {t:g}, added to {item.label!r}"))
        inside = match.span()
        updated = [i for i in updated if not (i.spans and all(inside[0] <= a and b <= inside[1] for a, b in i.spans))]
    return updated, explained
