"""Put a comparison the way round the request asked: "drug 2 minus drug 1", "HR of KO vs WT", "placebo as reference".

Labels are matched loosely (case, punctuation, a label inside the words written), and only when both
sides name different groups of the data; a direction that names nothing in the data changes nothing.
"""

from __future__ import annotations

import re
from typing import Any

from analysis.contract import Contract
from analysis.recipes import RecipeCall

_TWO_SAMPLE = ("label_a", "values_a", "label_b", "values_b")
_PAIRED = ("label_first", "first", "label_second", "second")


def orient(call: RecipeCall, contract: Contract) -> tuple[RecipeCall, str]:
    """The call with its groups in the asked order, and a note saying so ("" when nothing changed)."""
    data = call.args.model_dump()
    order = _asked_order(contract)
    if order is None:
        return call, ""
    first, second = order
    swapped: dict[str, Any] | None = None
    if "label_a" in data:
        swapped = _swap_pair(data, _TWO_SAMPLE, first, second)
    elif "label_first" in data and data.get("second") is not None:
        swapped = _swap_pair(data, _PAIRED, first, second)
    elif "rows" in data and len(data["rows"]) == 2 and len(data["rows"][0]) == 2:
        swapped = _swap_table(data, first, second)
    elif "groups" in data and data["groups"] and isinstance(data["groups"][0], dict):
        swapped = _reference_first(data, first, second)
    if swapped is None:
        return call, ""
    args = call.args.model_validate(swapped)
    return RecipeCall(call.recipe, args, call.score, call.reason, call.used), _note(call, swapped)


def _note(call: RecipeCall, data: dict[str, Any]) -> str:
    """What the reordering means, in the recipe's terms."""
    if "label_a" in data:
        return f"Compared as you asked: {data['label_a']} minus {data['label_b']}."
    if "label_first" in data:
        return f"Differences taken as you asked: {data['label_first']} minus {data['label_second']}."
    if "row_labels" in data:
        rows, cols = data["row_labels"], data["col_labels"]
        return f"Ratios as you asked: {rows[0]} relative to {rows[1]}, for the outcome {cols[0]!r}."
    return f"{data['groups'][0]['label']} is the reference group, as you asked."


def _asked_order(contract: Contract) -> tuple[str, str] | None:
    if contract.direction is not None:
        return contract.direction.first, contract.direction.second
    if contract.reference is not None:
        return "", contract.reference  # only the reference (second) is known
    return None


def _key(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _names(side: str, label: str) -> bool:
    side, label = _key(side), _key(label)
    return bool(side and label) and (f" {label} " in f" {side} " or f" {side} " in f" {label} ")


def _which(side: str, labels: list[str]) -> int | None:
    """The label this side names; the longest wins ("drug 2" over "drug"); None when none or unclear."""
    hits = [i for i, label in enumerate(labels) if _names(side, label)]
    if not hits:
        return None
    return max(hits, key=lambda i: len(labels[i]))


def _target(labels: list[str], first: str, second: str) -> tuple[int, int] | None:
    """Indices (first, second) into labels, from the sides the request wrote."""
    b = _which(second, labels)
    a = _which(first, labels) if first else None
    if a is None and b is not None and len(labels) == 2:
        a = 1 - b
    if a is None or b is None or a == b:
        return None
    return a, b


def _swap_pair(data: dict[str, Any], keys: tuple[str, str, str, str], first: str, second: str) -> dict[str, Any] | None:
    label_a, values_a, label_b, values_b = keys
    target = _target([str(data[label_a]), str(data[label_b])], first, second)
    if target != (1, 0):
        return None
    return {**data, label_a: data[label_b], values_a: data[values_b], label_b: data[label_a], values_b: data[values_a]}


def _swap_table(data: dict[str, Any], first: str, second: str) -> dict[str, Any] | None:
    """Rows are the groups compared (first row vs second); columns, the outcome (first column = the event)."""
    rows, row_labels, col_labels = data["rows"], data["row_labels"], data["col_labels"]
    if _target(row_labels, first, second) == (1, 0):
        return {**data, "rows": [rows[1], rows[0]], "row_labels": [row_labels[1], row_labels[0]]}
    if first and _target(col_labels, first, second) == (1, 0):
        swapped = [[row[1], row[0]] for row in rows]
        return {**data, "rows": swapped, "col_labels": [col_labels[1], col_labels[0]]}
    return None


def _reference_first(data: dict[str, Any], first: str, second: str) -> dict[str, Any] | None:
    """Survival groups: the reference (the "versus" side) first, as the Cox recipe expects."""
    groups = data["groups"]
    labels = [group["label"] for group in groups]
    reference = _which(second, labels)
    if reference is None or reference == 0 or (first and _which(first, labels) == reference):
        return None
    return {**data, "groups": [groups[reference], *[g for i, g in enumerate(groups) if i != reference]]}
