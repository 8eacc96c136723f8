"""Reference statistics for the dev code set, computed independently of labbot's recipes.

Where a result has a closed form it is computed here by hand (t-tests, chi-square, Pearson, odds and
risk ratios, Kaplan-Meier, p-value adjustments, sample size); otherwise by a different library or
class than the recipes use (statsmodels PHReg and survdiff instead of lifelines, GLM instead of
Logit, scipy's noncentral t instead of statsmodels' power classes). Never import ``analysis`` (labbot's recipes) here.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

import numpy as np
from scipy import optimize, stats

Floats = Sequence[float]
Result = dict[str, float]


def _array(values: Floats) -> np.ndarray:
    return np.asarray(values, dtype=float)


def welch(a: Floats, b: Floats) -> Result:
    x, y = _array(a), _array(b)
    va, vb = x.var(ddof=1) / len(x), y.var(ddof=1) / len(y)
    t = (x.mean() - y.mean()) / math.sqrt(va + vb)
    df = (va + vb) ** 2 / (va**2 / (len(x) - 1) + vb**2 / (len(y) - 1))
    return {"t": t, "df": df, "p": 2 * stats.t.sf(abs(t), df), "mean_diff": x.mean() - y.mean()}


def student(a: Floats, b: Floats) -> Result:
    x, y = _array(a), _array(b)
    df = len(x) + len(y) - 2
    pooled = ((len(x) - 1) * x.var(ddof=1) + (len(y) - 1) * y.var(ddof=1)) / df
    t = (x.mean() - y.mean()) / math.sqrt(pooled * (1 / len(x) + 1 / len(y)))
    return {"t": t, "df": float(df), "p": 2 * stats.t.sf(abs(t), df)}


def one_sample(values: Floats, mu: float) -> Result:
    x = _array(values)
    t = (x.mean() - mu) / (x.std(ddof=1) / math.sqrt(len(x)))
    return {"t": t, "p": 2 * stats.t.sf(abs(t), len(x) - 1), "mean": x.mean()}


def paired(first: Floats, second: Floats) -> Result:
    d = _array(first) - _array(second)
    return {**one_sample(d, 0.0), "mean_diff": d.mean()}


def anova(groups: Sequence[Floats]) -> Result:
    arrays = [_array(g) for g in groups]
    pooled = np.concatenate(arrays)
    ss_between = sum(len(g) * (g.mean() - pooled.mean()) ** 2 for g in arrays)
    ss_within = sum(((g - g.mean()) ** 2).sum() for g in arrays)
    df_between, df_within = len(arrays) - 1, len(pooled) - len(arrays)
    f = (ss_between / df_between) / (ss_within / df_within)
    return {"F": f, "p": stats.f.sf(f, df_between, df_within)}


def mann_whitney(a: Floats, b: Floats) -> Result:
    result = stats.mannwhitneyu(a, b, alternative="two-sided")
    return {"U": float(result.statistic), "p": float(result.pvalue)}


def signed_rank(first: Floats, second: Floats) -> Result:
    result = stats.wilcoxon(_array(first) - _array(second))
    return {"W": float(result.statistic), "p": float(result.pvalue)}


def kruskal(groups: Sequence[Floats]) -> Result:
    result = stats.kruskal(*groups)
    return {"H": float(result.statistic), "p": float(result.pvalue)}


def chi_square(rows: Sequence[Floats], yates: bool) -> Result:
    observed = np.asarray([list(r) for r in rows], dtype=float)
    expected = np.outer(observed.sum(axis=1), observed.sum(axis=0)) / observed.sum()
    deviation = np.abs(observed - expected)
    if yates:
        deviation = np.maximum(deviation - 0.5, 0)
    chi2 = float((deviation**2 / expected).sum())
    dof = (observed.shape[0] - 1) * (observed.shape[1] - 1)
    return {"chi2": chi2, "p": float(stats.chi2.sf(chi2, dof)), "dof": float(dof)}


def fisher_exact(a: int, b: int, c: int, d: int) -> Result:
    """Two-sided p: the total probability of tables no more likely than the one observed (margins fixed)."""
    row1, col1, total = a + b, a + c, a + b + c + d
    distribution = stats.hypergeom(total, col1, row1)
    observed = distribution.pmf(a)
    support = range(max(0, row1 + col1 - total), min(row1, col1) + 1)
    p = sum(distribution.pmf(k) for k in support if distribution.pmf(k) <= observed * (1 + 1e-7))
    return {"p": float(p), "or": a * d / (b * c) if b * c else math.inf}


def mcnemar_exact(b: int, c: int) -> Result:
    return {"p_exact": float(stats.binomtest(b, b + c, 0.5).pvalue)}


def odds_and_risk(a: int, b: int, c: int, d: int) -> Result:
    """Woolf (log) interval for the odds ratio, Katz (log) interval for the relative risk; 95%."""
    z = stats.norm.ppf(0.975)
    odds = a * d / (b * c)
    se_log_or = math.sqrt(1 / a + 1 / b + 1 / c + 1 / d)
    risk = (a / (a + b)) / (c / (c + d))
    se_log_rr = math.sqrt(1 / a - 1 / (a + b) + 1 / c - 1 / (c + d))
    return {
        "or": odds,
        "or_lo": odds * math.exp(-z * se_log_or),
        "or_hi": odds * math.exp(z * se_log_or),
        "rr": risk,
        "rr_lo": risk * math.exp(-z * se_log_rr),
        "rr_hi": risk * math.exp(z * se_log_rr),
    }


def pearson(x: Floats, y: Floats) -> Result:
    r = float(np.corrcoef(_array(x), _array(y))[0, 1])
    n = len(x)
    t = r * math.sqrt((n - 2) / (1 - r**2))
    return {"r": r, "p": 2 * stats.t.sf(abs(t), n - 2)}


def spearman(x: Floats, y: Floats) -> Result:
    ranked = pearson(list(stats.rankdata(x)), list(stats.rankdata(y)))
    return {"rho": ranked["r"], "p": ranked["p"]}


def kendall(x: Floats, y: Floats) -> Result:
    """tau-b from concordant and discordant pairs by hand; the exact p-value by enumerating every ordering of the
    ranks (small samples without ties, as R's cor.test)."""
    n = len(x)
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    score = sum(np.sign(x[j] - x[i]) * np.sign(y[j] - y[i]) for i, j in pairs)
    untied_x = sum(x[i] != x[j] for i, j in pairs)
    untied_y = sum(y[i] != y[j] for i, j in pairs)
    ranks = stats.rankdata(y)
    scores = [
        sum(np.sign(x[j] - x[i]) * np.sign(order[j] - order[i]) for i, j in pairs)
        for order in itertools.permutations(ranks)
    ]
    extreme = sum(abs(s) >= abs(score) - 1e-9 for s in scores) / len(scores)
    return {"tau": score / math.sqrt(untied_x * untied_y), "p": extreme}


def cox_per_unit(times: Floats, events: Sequence[int], covariate: Floats) -> Result:
    """Hazard ratio per unit of a measured covariate (statsmodels PHReg, Efron ties)."""
    from statsmodels.duration.hazard_regression import PHReg

    model = PHReg(_array(times), _array(covariate).reshape(-1, 1), status=np.asarray(events), ties="efron").fit()
    low, high = model.conf_int(alpha=0.05)[0]
    return {"hr": math.exp(model.params[0]), "hr_lo": math.exp(low), "hr_hi": math.exp(high), "p": model.pvalues[0]}


def linear_regression(x: Floats, y: Floats) -> Result:
    fit = stats.linregress(x, y)
    return {"slope": fit.slope, "intercept": fit.intercept, "r2": fit.rvalue**2, "p": fit.pvalue}


def logistic(x: Floats, y: Floats) -> Result:
    import statsmodels.api as sm

    model = sm.GLM(_array(y), sm.add_constant(_array(x)), family=sm.families.Binomial()).fit()
    low, high = model.conf_int(alpha=0.05)[1]
    return {"or": math.exp(model.params[1]), "or_lo": math.exp(low), "or_hi": math.exp(high), "p": model.pvalues[1]}


def kaplan_meier(times: Floats, events: Sequence[int], at: float | None = None) -> Result:
    """Product-limit estimate by hand; median = first time the curve reaches 0.5 or below."""
    t, e = _array(times), np.asarray(events)
    survival, median, at_time = 1.0, math.inf, 1.0
    for time in np.unique(t[e == 1]):
        at_risk = (t >= time).sum()
        survival *= 1 - ((t == time) & (e == 1)).sum() / at_risk
        if survival <= 0.5 and math.isinf(median):
            median = float(time)
        if at is not None and time <= at:
            at_time = survival
    result = {"median": median}
    if at is not None:
        result["surv_at"] = at_time
    return result


def _stacked(groups: Sequence[tuple[Floats, Sequence[int]]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    times = np.concatenate([_array(t) for t, _ in groups])
    events = np.concatenate([np.asarray(e) for _, e in groups])
    labels = np.concatenate([[i] * len(t) for i, (t, _) in enumerate(groups)])
    return times, events, labels


def log_rank(groups: Sequence[tuple[Floats, Sequence[int]]]) -> Result:
    from statsmodels.duration.survfunc import survdiff

    times, events, labels = _stacked(groups)
    chi2, p = survdiff(times, events, labels)
    return {"chi2": float(chi2), "p": float(p)}


def cox_hazard_ratio(groups: Sequence[tuple[Floats, Sequence[int]]]) -> Result:
    """Hazard ratio of the second group against the first (statsmodels PHReg, Efron ties)."""
    from statsmodels.duration.hazard_regression import PHReg

    times, events, labels = _stacked(groups)
    model = PHReg(times, (labels == 1).astype(float).reshape(-1, 1), status=events, ties="efron").fit()
    low, high = model.conf_int(alpha=0.05)[0]
    return {"hr": math.exp(model.params[0]), "hr_lo": math.exp(low), "hr_hi": math.exp(high), "p": model.pvalues[0]}


def _t_power(d: float, n: float, alpha: float) -> float:
    df, shift = 2 * n - 2, d * math.sqrt(n / 2)
    critical = stats.t.ppf(1 - alpha / 2, df)
    return float(stats.nct.sf(critical, df, shift) + stats.nct.cdf(-critical, df, shift))


def t_sample_size(d: float, alpha: float, power: float) -> Result:
    # bracket the root with the normal-approximation n: the t-test needs a little more, never 1.5 times more
    approximate = 2 * (stats.norm.ppf(1 - alpha / 2) + stats.norm.ppf(power)) ** 2 / d**2
    n = optimize.brentq(lambda m: _t_power(d, m, alpha) - power, 2.0, 1.5 * approximate + 10, xtol=1e-10)
    return {"n_exact": n, "n_per_group": float(math.ceil(n))}


def t_power(d: float, n: float, alpha: float) -> Result:
    return {"power": _t_power(d, n, alpha)}


def proportions_sample_size(p1: float, p2: float, alpha: float, power: float) -> Result:
    """The classic pooled-variance normal approximation (Fleiss, without continuity correction)."""
    z_a, z_b = stats.norm.ppf(1 - alpha / 2), stats.norm.ppf(power)
    mean = (p1 + p2) / 2
    numerator = z_a * math.sqrt(2 * mean * (1 - mean)) + z_b * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    n = numerator**2 / (p1 - p2) ** 2
    return {"n_exact": n, "n_per_group": float(math.ceil(n))}


def proportions_power(p1: float, p2: float, alpha: float, n: float) -> Result:
    """The power at which the sample-size formula above asks for exactly n per group (found by root finding)."""
    power = optimize.brentq(lambda q: proportions_sample_size(p1, p2, alpha, q)["n_exact"] - n, 0.01, 0.9999)
    return {"power": power}


def bonferroni(p_values: Floats) -> list[float]:
    return [min(1.0, p * len(p_values)) for p in p_values]


def holm(p_values: Floats) -> list[float]:
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    adjusted, running = [0.0] * m, 0.0
    for rank, index in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p_values[index]))
        adjusted[index] = running
    return adjusted


def benjamini_hochberg(p_values: Floats) -> list[float]:
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i], reverse=True)
    adjusted, running = [0.0] * m, 1.0
    for position, index in enumerate(order):
        rank = m - position
        running = min(running, p_values[index] * m / rank)
        adjusted[index] = running
    return adjusted


def shapiro(values: Floats) -> Result:
    result = stats.shapiro(values)
    return {"W": float(result.statistic), "p": float(result.pvalue)}
