"""Bootstrap intervals, the paired bootstrap and McNemar on cases with known answers."""

from __future__ import annotations

import numpy as np
import pytest

from tools.stats import bootstrap, bootstrap_statistic, mcnemar, paired_bootstrap, wilson


def test_bootstrap_of_a_constant_is_that_constant() -> None:
    interval = bootstrap([0.7] * 20)
    assert (interval.value, interval.low, interval.high) == pytest.approx((0.7, 0.7, 0.7))
    assert bootstrap([]).value is None


def test_bootstrap_interval_covers_the_mean_and_is_reproducible() -> None:
    values = [1.0] * 30 + [0.0] * 70
    first, again = bootstrap(values, seed=3), bootstrap(values, seed=3)
    assert first == again
    assert first.value == pytest.approx(0.3)
    assert first.low is not None and first.high is not None
    assert 0.19 < first.low < 0.3 < first.high < 0.41  # binomial SE ≈ 0.046, so about ±0.09


def test_a_statistic_that_is_sometimes_undefined() -> None:
    data = np.array([[1.0], [2.0], [3.0]])
    interval = bootstrap_statistic(data, lambda rows: float(np.median(rows[:, 0])))
    assert interval.value == 2.0 and interval.low == 1.0 and interval.high == 3.0


def test_paired_bootstrap_sees_a_consistent_shift() -> None:
    first = [0.1 * i for i in range(40)]
    shifted = paired_bootstrap(first, [v + 0.5 for v in first])
    assert shifted.delta == pytest.approx(0.5) and shifted.low == pytest.approx(0.5) and shifted.p_value == 0.0
    same = paired_bootstrap(first, first)
    assert same.delta == 0.0 and same.p_value == 1.0
    with pytest.raises(ValueError):
        paired_bootstrap([1.0], [1.0, 2.0])


def test_mcnemar_exact_on_known_tables() -> None:
    # 10 discordant pairs, all favouring the second: p = 2 × 0.5**10
    better = mcnemar([False] * 10 + [True] * 5, [True] * 10 + [True] * 5)
    assert better.p_value == pytest.approx(2 / 1024) and better.delta == pytest.approx(10 / 15)
    # 3 vs 2 discordant: two-sided exact p = 1.0 (binomial, n=5, k=2 → 2 × 16/32, capped)
    even = mcnemar([True, True, True, False, False], [False, False, False, True, True])
    assert even.p_value == 1.0
    concordant = mcnemar([True, False], [True, False])
    assert concordant.p_value == 1.0 and concordant.delta == 0.0


def test_wilson_interval_at_the_edges() -> None:
    none_of_six = wilson([False] * 6)
    assert none_of_six.value == 0.0 and none_of_six.low == 0.0
    assert none_of_six.high == pytest.approx(0.390, abs=1e-3)  # the textbook value for 0/6
    half = wilson([True, False] * 50)
    assert half.low == pytest.approx(0.404, abs=1e-3) and half.high == pytest.approx(0.596, abs=1e-3)
    assert wilson([]).value is None
