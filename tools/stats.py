"""Uncertainty: percentile bootstrap intervals, paired bootstrap differences and the exact McNemar test.

Resampling is over items, seeded, so the same results give the same intervals. Metrics that are not
means of per-item values (abstention F1) pass their own statistic.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

RESAMPLES = 2000
Statistic = Callable[[np.ndarray], float | None]


@dataclass(frozen=True, slots=True)
class Interval:
    value: float | None
    low: float | None
    high: float | None


@dataclass(frozen=True, slots=True)
class Difference:
    delta: float | None  # second minus first
    low: float | None
    high: float | None
    p_value: float | None
    test: str
    n: int


def _mean(values: np.ndarray) -> float | None:
    return float(values.mean()) if values.size else None


def bootstrap(values: Sequence[float], seed: int = 0, resamples: int = RESAMPLES) -> Interval:
    """95 % percentile interval of the mean; None values must be dropped by the caller."""
    return bootstrap_statistic(np.asarray(values, dtype=float), _mean, seed, resamples)


def wilson(successes: Sequence[bool | float], z: float = 1.959964) -> Interval:
    """95 % Wilson score interval of a proportion: unlike the bootstrap it stays honest at 0/n and n/n
    (no attack succeeding in 6 tries still leaves up to ~39 % plausible)."""
    n = len(successes)
    if n == 0:
        return Interval(None, None, None)
    p = sum(bool(s) for s in successes) / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return Interval(p, max(0.0, centre - half), min(1.0, centre + half))


def bootstrap_statistic(data: np.ndarray, statistic: Statistic, seed: int = 0, resamples: int = RESAMPLES) -> Interval:
    """``data`` has one row per item; the statistic sees a resample of rows."""
    if len(data) == 0:
        return Interval(None, None, None)
    value = statistic(data)
    rng = np.random.default_rng(seed)
    draws = [statistic(data[rng.integers(0, len(data), len(data))]) for _ in range(resamples)]
    found = np.array([d for d in draws if d is not None], dtype=float)
    if value is None or found.size == 0:
        return Interval(value, None, None)
    low, high = np.percentile(found, [2.5, 97.5])
    return Interval(value, float(low), float(high))


def paired_bootstrap(first: Sequence[float], second: Sequence[float], seed: int = 0) -> Difference:
    """Mean of (second − first) over the same items, its 95 % interval, and a two-sided bootstrap p-value."""
    a, b = np.asarray(first, dtype=float), np.asarray(second, dtype=float)
    if a.shape != b.shape:
        raise ValueError("paired values need the same items")
    if a.size == 0:
        return Difference(None, None, None, None, "paired bootstrap", 0)
    diffs = b - a
    rng = np.random.default_rng(seed)
    means = np.array([diffs[rng.integers(0, diffs.size, diffs.size)].mean() for _ in range(RESAMPLES)])
    low, high = np.percentile(means, [2.5, 97.5])
    observed = float(diffs.mean())
    # the share of resampled means on the far side of zero, doubled (shifted-null bootstrap)
    centred = means - observed
    p = float(min(1.0, (np.abs(centred) >= abs(observed)).mean())) if observed else 1.0
    return Difference(observed, float(low), float(high), p, "paired bootstrap", int(diffs.size))


def mcnemar(first: Sequence[bool], second: Sequence[bool]) -> Difference:
    """Exact McNemar test on paired binary outcomes: only discordant pairs carry information."""
    if len(first) != len(second):
        raise ValueError("paired values need the same items")
    only_first = sum(1 for a, b in zip(first, second, strict=True) if a and not b)
    only_second = sum(1 for a, b in zip(first, second, strict=True) if b and not a)
    n = len(first)
    delta = (only_second - only_first) / n if n else None
    discordant = only_first + only_second
    if discordant == 0:
        return Difference(delta, None, None, 1.0, "McNemar (exact)", n)
    tail = sum(math.comb(discordant, i) for i in range(min(only_first, only_second) + 1)) / 2**discordant
    return Difference(delta, None, None, min(1.0, 2 * tail), "McNemar (exact)", n)


@dataclass(frozen=True, slots=True)
class PairedComparison:
    """A candidate against a baseline on the same items: a binary primary metric (higher is better) with its
    exact McNemar p and paired-bootstrap interval, and a guard metric (lower is better) that must not rise."""

    items: int
    primary: str
    primary_means: tuple[float, float]  # baseline, candidate
    primary_p: float | None  # exact McNemar
    primary_interval: Difference  # paired bootstrap: candidate − baseline with its 95 % interval
    guard: str
    guard_means: tuple[float | None, float | None]
    guard_difference: Difference


def compare_paired(
    primary: tuple[str, Sequence[bool], Sequence[bool]], guard: tuple[str, Sequence[float], Sequence[float]]
) -> PairedComparison:
    """``primary`` and ``guard`` are (name, baseline values, candidate values), item by item."""
    name, first, second = primary
    guard_name, low_first, low_second = guard
    n = len(first)
    return PairedComparison(
        items=n,
        primary=name,
        primary_means=(sum(first) / n if n else 0.0, sum(second) / n if n else 0.0),
        primary_p=mcnemar(first, second).p_value,
        primary_interval=paired_bootstrap([float(a) for a in first], [float(b) for b in second]),
        guard=guard_name,
        guard_means=(_mean(np.asarray(low_first, dtype=float)), _mean(np.asarray(low_second, dtype=float))),
        guard_difference=paired_bootstrap(low_first, low_second),
    )
