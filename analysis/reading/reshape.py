"""Reshaping what was pasted: paired data in long format, and lists that only name a factor's levels.

R users paste paired data long: one row per measurement with the subject's id and the condition
("extra group ID"). When the request is about pairs, each measurement column becomes one list per
condition, ordered by id, so the paired tests see pairs. A short list that only repeats a factor's
levels ("ECOG performance score (0, 1, 2)") names those levels; it is not data.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from analysis.model import DataList, Explained
from analysis.reading.columns import mentions
from analysis.reading.shapes import is_group_indicator

_IDS = re.compile(r"^(?:id|subject|patient|participant|pt|pair|animal|mouse|case|individual|person)s?$", re.IGNORECASE)


def pivot_pairs(text: str, lists: list[DataList]) -> tuple[list[DataList], list[Explained]]:
    """ "extra group ID" with each ID once per group: the values of each group as a list, in ID order."""
    ids = next((i for i in lists if _IDS.match(i.label) and _each_twice(i.values)), None)
    groups = next((i for i in lists if i is not ids and is_group_indicator(i) and len(set(i.values)) == 2), None)
    if ids is None or groups is None or len(ids.values) != len(groups.values):
        return lists, []
    outcomes = [i for i in lists if i not in (ids, groups) and len(i.values) == len(ids.values)]
    if len(outcomes) != 1:
        return lists, []
    outcome = outcomes[0]
    alias = _alias(text, groups.label) or groups.label
    pivoted = []
    for level in dict.fromkeys(groups.values):
        rows = sorted(
            (key, value, span)
            for key, code, value, span in zip(ids.values, groups.values, outcome.values, outcome.spans, strict=False)
            if code == level
        )
        name = groups.code_name(level) or f"{alias} {level:g}"
        spans = tuple(span for _, _, span in rows)
        pivoted.append(
            DataList(
                name,
                tuple(v for _, v, _ in rows),
                (False,) * len(rows),
                context=f"{outcome.label} paired by {ids.label}",
                start=outcome.start,
                spans=spans,
            )
        )
    if any(len(p.values) != len(pivoted[0].values) for p in pivoted):
        return lists, []
    explained = [Explained(span, f"the pairing {ids.label!r}") for span in ids.spans]
    explained += [Explained(span, f"the condition {groups.label!r}") for span in groups.spans]
    rest = [i for i in lists if i not in (ids, groups, outcome)]
    return [*rest, *pivoted], explained


def _each_twice(values: Sequence[float]) -> bool:
    counts: dict[float, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
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
