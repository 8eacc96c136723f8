"""Put a comparison the way round the request asked: "drug 2 minus drug 1", "HR of KO vs WT", "placebo as reference".

Labels are matched loosely (case, punctuation, a label inside the words written), and only when both
sides name different groups of the data; a direction that names nothing in the data changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from analysis.contract import Contract
from analysis.model import Explained, ParsedRequest, Table
from analysis.recipes import RecipeCall

_TWO_SAMPLE = ("label_a", "values_a", "label_b", "values_b")
_PAIRED = ("label_first", "first", "label_second", "second")


def orient(call: RecipeCall, contract: Contract) -> tuple[RecipeCall, str]:
    """The call with its groups in the asked order, and a note saying so ("" when nothing changed).

    Each way round the request may have written ("A minus B", "ratio of A vs B", "B as reference") is
    tried in turn; the first that names the data's groups decides, even when they already stand so.
    """
    data = call.args.model_dump()
    for first, second in _asked_orders(contract):
        ordered = _ordered(data, first, second)
        if ordered is None:
            continue
        if ordered == data:
            return call, ""
        args = call.args.model_validate(ordered)
        return RecipeCall(call.recipe, args, call.score, call.reason, call.used), _note(call, ordered)
    return call, ""


def unplaced_order(call: RecipeCall, contract: Contract) -> str:
    """The order the request asked for ("675 minus 350", "0-9 g/day as reference") when it names none of the
    groups of data that have an order; "" when it was placed, or nothing was asked, or order means nothing."""
    data = call.args.model_dump()
    if not _has_order(data) or any(_ordered(data, first, second) for first, second in _asked_orders(contract)):
        return ""
    # only an order said outright counts: "A minus B", "B as the reference"; a dash or a "vs" in the prose
    # ("quick one - I have…", "Mann-Whitney vs t-test") is no order asked of the data
    said = [
        d
        for d in contract.directions
        if re.search(r"\bminus\b|−", d.phrase, re.IGNORECASE) and _numeric(d.first) == _numeric(d.second)
    ]  # "km/s minus 299000" shifts a scale; groups are named alike ("675 minus 350", "day 20 minus day 18")
    if said:
        return f"{said[0].first} minus {said[0].second}"
    return f"{contract.reference} as the reference" if contract.reference else ""


def _numeric(side: str) -> bool:
    return bool(re.fullmatch(r"[\d.,]+\)?", side.strip()))


def _has_order(data: dict[str, Any]) -> bool:
    return (
        "label_a" in data
        or ("label_first" in data and data.get("second") is not None)
        or ("rows" in data and len(data["rows"]) == 2 and len(data["rows"][0]) == 2 and "row_labels" in data)
        or ("groups" in data and bool(data["groups"]) and isinstance(data["groups"][0], dict))
    )


def _ordered(data: dict[str, Any], first: str, second: str) -> dict[str, Any] | None:
    """The arguments ordered as asked; None when these words name none of the data's groups."""
    if "label_a" in data:
        return _swap_pair(data, _TWO_SAMPLE, first, second)
    if "label_first" in data and data.get("second") is not None:
        return _swap_pair(data, _PAIRED, first, second)
    if "rows" in data and len(data["rows"]) == 2 and len(data["rows"][0]) == 2:
        return _swap_table(data, first, second)
    if "groups" in data and data["groups"] and isinstance(data["groups"][0], dict):
        return _reference_first(data, first, second)
    return None


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


def _asked_orders(contract: Contract) -> list[tuple[str, str]]:
    orders = [(direction.first, direction.second) for direction in contract.directions]
    for direction in contract.directions:  # "… vs the lightest (0-39, reference)": the group named in brackets
        bracketed = re.search(rf"{re.escape(direction.second)}\s*\((?P<name>[^(),]+)", direction.phrase)
        if bracketed:
            orders.append((direction.first, bracketed["name"].strip()))
    if contract.reference is not None:
        orders.append(("", contract.reference))  # only the reference (second) is known
    return orders


_SYNONYMS = {
    "women": "female", "woman": "female", "females": "female", "girls": "female", "f": "female",
    "men": "male", "man": "male", "males": "male", "boys": "male", "m": "male",
    "smokers": "smoker", "smoking": "smoker", "nonsmokers": "nonsmoker", "cases": "case", "controls": "control",
    "treated": "treatment", "intervention": "treatment", "vaccinated": "vaccine", "vaccination": "vaccine",
}  # fmt: skip


def _words(text: str) -> list[str]:
    """Lowercase words, synonyms folded ("women" → "female") and stems cut ("smokers", "smoke" → "smok")."""
    return [_stem(_SYNONYMS.get(w, w)) for w in re.findall(r"[a-z0-9]+", text.lower())]


def _negated(words: list[str]) -> bool:
    """ "non-smokers", "bw_nonsmoke", "not exposed": a group named by what it lacks."""
    return any(w in {"non", "not", "no", "without"} or (w.startswith("non") and len(w) > 4) for w in words)


def _stem(word: str) -> str:
    for suffix in ("ers", "ing", "er", "ed", "es", "s", "e"):
        if len(word) > 4 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _score(side: str, label: str) -> int:
    """How surely ``side`` (words of the request) names ``label`` (a group of the data); 0: it does not."""
    side_words, label_words = _words(side), _words(label)
    # "non-diabetic" never names "diabetic", nor "diabetic" "non-diabetic ones"
    if not side_words or not label_words or _negated(side_words) != _negated(label_words):
        return 0
    side_key, label_key = "".join(side_words), "".join(label_words)
    if side_key == label_key:
        return 100
    if set(label_words) <= set(side_words) or (len(label_key) >= 3 and label_key in side_key):
        return 50 + len(label_key)  # "difference drug 2" names "drug 2"; "day 12" names "day12"
    if len(side_key) >= 3 and side_key in label_key:
        return 20 + len(side_key)  # "post" names "postwt"
    if set(side_words) <= set(label_words):
        return 10 + len(side_key)  # "C" names "spray C"
    return _abbreviation_score(side_words, side_key, label_key)


def _abbreviation_score(side_words: list[str], side_key: str, label_key: str) -> int:
    """ "day 20" names "d20", "week 12" "wk12", "wild type" "WT"; "reported" names "repwt" (a short name that
    opens with a whole word's first three letters)."""
    abbreviated = len(side_words) >= 2 and (
        any(side_words[0][:k] + "".join(side_words[1:]) == label_key for k in (1, 2, 3))
        or "".join(word[0] for word in side_words) == label_key
    )
    if abbreviated:
        return 5 + len(label_key)
    short = label_key.isalpha() and len(label_key) <= 6 and len(side_key) >= 6
    clipped = len(side_words) == 1 and short and side_key[:3] == label_key[:3]
    return 3 if clipped else 0


def _which(side: str, labels: list[str]) -> int | None:
    """The label this side names best; None when it names none, or two equally. Labels that are only
    present/absent (yes/no) are named by polarity: "ulcerated" names present, "non-ulcerated" absent."""
    scores = [_score(side, label) for label in labels]
    best = max(scores, default=0)
    if best == 0:
        for reading in (_by_polarity, _by_suffix, _by_none):
            found = reading(side, labels)
            if found is not None:
                return found
        return None
    if scores.count(best) > 1:
        return None
    return scores.index(best)


_NEGATIVE_SIDE = re.compile(r"^\s*(?:non|not|no|without|un(?=[a-z]{4}))[- ]?", re.IGNORECASE)
_NEGATIVE_LABEL = re.compile(r"^(?:absent|no|none|negative|neg|without|not\b.*|non\b.*|0|-)$", re.IGNORECASE)
_POSITIVE_LABEL = re.compile(r"^(?:present|yes|positive|pos|with|1|\+)$", re.IGNORECASE)


def _by_suffix(side: str, labels: list[str]) -> int | None:
    """ "G minus F" with columns "sprayG" and "sprayF": a one- or two-character code that ends one label only."""
    code = side.strip()
    if not re.fullmatch(r"[A-Z0-9]{1,2}", code):
        return None
    named = [i for i, label in enumerate(labels) if re.fullmatch(rf"[a-z]{{3,}}[ _.-]?{code}", label)]
    return named[0] if len(named) == 1 else None


def _by_none(side: str, labels: list[str]) -> int | None:
    """ "none as the reference" with groups "prior bypass surgery" and "no prior surgery": the one group whose
    name opens with a negation."""
    if side.strip().lower() not in {"none", "no", "neither", "without", "not"}:
        return None
    negated = [i for i, label in enumerate(labels) if re.match(r"\s*(?:no|non|not|without|never)\b", label, re.I)]
    return negated[0] if len(negated) == 1 else None


def _by_polarity(side: str, labels: list[str]) -> int | None:
    if len(labels) != 2 or not re.search(r"[A-Za-z]", side):
        return None
    coded = _codes_of(side, labels)
    name, labels = coded if coded else ("", labels)
    negative = [bool(_NEGATIVE_LABEL.match(label.strip())) for label in labels]
    positive = [bool(_POSITIVE_LABEL.match(label.strip())) for label in labels]
    if sorted(negative) != [False, True] or sorted(positive) != [False, True] or negative == positive:
        return None
    # "inactive" beside a column "activ": the column's own name negated by its prefix
    negated = bool(name) and any(re.match(rf"(?:in|im|il|ir|dis)-?{re.escape(name)}", w) for w in _words(side))
    return negative.index(True) if _NEGATIVE_SIDE.match(side) or negated else positive.index(True)


def _codes_of(side: str, labels: list[str]) -> tuple[str, list[str]] | None:
    """ "ulcer 1" and "ulcer 0", a column's 0/1 codes, named by "ulcerated" and "non-ulcerated": the column's name
    (stemmed) and the codes alone."""
    coded = [re.fullmatch(r"(?P<name>[A-Za-z][\w.]*) (?P<code>[01])", label.strip()) for label in labels]
    if not all(coded) or len({m.group("name").lower() for m in coded if m}) != 1:
        return None
    name = _stem(next(m.group("name").lower() for m in coded if m))
    mentioned = len(name) >= 3 and any(
        re.match(rf"(?:in|im|il|ir|dis|non|un)?-?{re.escape(name)}", w) for w in _words(side)
    )
    return (name, [m.group("code") for m in coded if m]) if mentioned else None


def _near(side: str, before_operator: bool) -> list[str]:
    """The words next to the operator first: "t test on post" → "post", "t test on post"…"""
    words = side.split()
    pieces = [words[-n:] if before_operator else words[:n] for n in range(1, min(len(words), 4) + 1)]
    return [" ".join(piece) for piece in pieces] or [side]


def _which_near(side: str, labels: list[str], before_operator: bool) -> int | None:
    for piece in _near(side, before_operator):
        found = _which(piece, labels)
        if found is not None:
            return found
    return None


def _target(labels: list[str], first: str, second: str) -> tuple[int, int] | None:
    """Indices (first, second) into labels, from the sides the request wrote."""
    b = _which_near(second, labels, before_operator=False)
    a = _which_near(first, labels, before_operator=True) if first else None
    if a is None and b is not None and len(labels) == 2:
        a = 1 - b
    if b is None and a is not None and len(labels) == 2:
        b = 1 - a
    if a is None or b is None or a == b:
        return None
    return a, b


def _swap_pair(data: dict[str, Any], keys: tuple[str, str, str, str], first: str, second: str) -> dict[str, Any] | None:
    label_a, values_a, label_b, values_b = keys
    target = _target([str(data[label_a]), str(data[label_b])], first, second)
    if target != (1, 0):
        return data if target == (0, 1) else None
    return {**data, label_a: data[label_b], values_a: data[values_b], label_b: data[label_a], values_b: data[values_a]}


def _names_both(first: str, second: str, labels: list[str]) -> bool:
    found = _which_near(first, labels, before_operator=True), _which_near(second, labels, before_operator=False)
    return None not in found and found[0] != found[1]


def _swap_table(data: dict[str, Any], first: str, second: str) -> dict[str, Any] | None:
    """Rows are the groups compared (first row vs second); the first column is the event. A table written
    with the groups as columns ("Male Female" over "Admitted Rejected") is turned round first."""
    rows, row_labels, col_labels = data["rows"], data["row_labels"], data["col_labels"]
    by_columns = bool(first) and _names_both(first, second, col_labels)
    if by_columns and not _names_both(first, second, row_labels):
        rows = [list(column) for column in zip(*rows, strict=True)]
        row_labels, col_labels = col_labels, row_labels
    target = _target(row_labels, first, second)
    if target == (1, 0):
        rows, row_labels = [rows[1], rows[0]], [row_labels[1], row_labels[0]]
    elif target is None and not by_columns:
        return None
    return {**data, "rows": rows, "row_labels": row_labels, "col_labels": col_labels}


def _reference_first(data: dict[str, Any], first: str, second: str) -> dict[str, Any] | None:
    """Survival groups: the reference (the "versus" side) first, as the Cox recipe expects."""
    groups = data["groups"]
    labels = [group["label"] for group in groups]
    reference = _which_near(second, labels, before_operator=False)
    if reference is None or (first and _which_near(first, labels, before_operator=True) == reference):
        return None
    return {**data, "groups": [groups[reference], *[g for i, g in enumerate(groups) if i != reference]]}


_TWO_BY_TWO_ONLY = {"odds_ratio", "relative_risk", "risk_difference", "nnt", "fisher_exact"}


def with_compared_tables(parsed: ParsedRequest, contract: Contract) -> ParsedRequest:
    """ "RR for >4 mm vs <=1 mm" over a 2x4 table: the 2x2 of the two groups compared, read first.

    Only for analyses of a 2x2 table, and only when the request names two rows (or two columns) of the
    larger table; the other groups' counts are explained as not compared, as asked."""
    if not contract.keys & _TWO_BY_TWO_ONLY:
        return parsed
    for table in parsed.tables:
        if table.shape == (2, 2) or len(table.spans) != table.shape[0] * table.shape[1]:
            continue
        for first, second in _asked_orders(contract):
            compared = _compared(table, first, second)
            if compared is not None:
                sub, explained = compared
                return replace(parsed, tables=(sub, *parsed.tables), explained=(*parsed.explained, *explained))
    return parsed


def _compared(table: Table, first: str, second: str) -> tuple[Table, list[Explained]] | None:
    rows, cols = table.shape
    spans = {(i, j): table.spans[i * cols + j] for i in range(rows) for j in range(cols)}
    for axis, labels in ((0, table.row_labels), (1, table.col_labels)):
        other = cols if axis == 0 else rows
        if other != 2 or not _names_both(first, second, list(labels)):
            continue
        a = _which_near(first, list(labels), before_operator=True)
        b = _which_near(second, list(labels), before_operator=False)
        assert a is not None and b is not None
        keep = (a, b)
        if axis == 0:
            cells = [[(keep[i], j) for j in range(2)] for i in range(2)]
        else:
            cells = [[(i, keep[j]) for j in range(2)] for i in range(2)]
        sub = Table(
            tuple(tuple(table.rows[r][c] for r, c in row) for row in cells),
            tuple(labels[k] for k in keep) if axis == 0 else table.row_labels,
            table.col_labels if axis == 0 else tuple(labels[k] for k in keep),
            table.start,
            spans=tuple(spans[cell] for row in cells for cell in row),
            source="compared",
        )
        left_out = [span for key, span in spans.items() if key[axis] not in keep]
        return sub, [Explained(span, "a group the request does not compare") for span in left_out]
    return None
