"""Reading results back: the numbers a script printed, and whether expected values are among them."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping

_NUMBER = re.compile(r"[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?")


def numbers_in(text: str) -> list[float]:
    """Every number in ``text`` as written ("t statistic = -2.31456", "1.2e-05", "95% CI"), in order."""
    found: list[float] = []
    for match in _NUMBER.finditer(text):
        value = float(match.group())
        if math.isfinite(value):
            found.append(value)
    return found


def missing_expected(expected: Mapping[str, float], printed: str | Iterable[float], rel_tol: float) -> dict[str, float]:
    """The expected values that no printed number matches within ``rel_tol`` (relative, sign included)."""
    values = numbers_in(printed) if isinstance(printed, str) else list(printed)
    return {
        name: want
        for name, want in expected.items()
        if not any(math.isclose(got, want, rel_tol=rel_tol, abs_tol=1e-12) for got in values)
    }


def matches_expected(expected: Mapping[str, float], printed: str | Iterable[float], rel_tol: float) -> bool:
    """True when every expected number appears, within ``rel_tol``, among the numbers printed."""
    return not missing_expected(expected, printed, rel_tol)
