"""Build the held-out analysis-request set, ``code_holdout.jsonl``.

Each task is a Slack-style request with its data inline and the numbers a correct, standard analysis would print.
The expected values come from scipy / statsmodels / lifelines; every task also computes its numbers a second,
independent way (hand-written formulas, exact enumeration, or another library) and the script refuses to write
the file if the two disagree.

Conventions (also stated in the prompts where they could be read more than one way):

* all tests are two-sided;
* a two-sample ``t`` is the first-named group minus the second; a paired ``t`` is given only when the prompt names
  the direction of the difference;
* Mann-Whitney ``u`` is the U of the first-named group (scipy); samples with ties use the normal approximation with
  tie and continuity correction, samples without ties have one group of at most 8 (exact p, as scipy and R agree);
* Wilcoxon ``w`` is scipy's two-sided statistic, the smaller of the positive- and negative-rank sums; the data have
  no zero and no tied differences, so scipy and R both give the exact p;
* chi-square tests of independence on tables larger than 2x2, no Yates correction;
* Fisher's exact test: only the two-sided p (the odds ratio it reports differs between tools);
* McNemar: the prompt says whether the exact binomial or the continuity-corrected chi-square version is wanted;
* Spearman p is expected only where the data have ties (scipy and R then both use the t approximation);
* logistic regression: odds ratio per unit = exp(slope); a p is expected only where the prompt asks for the Wald p;
* Kaplan-Meier median: lifelines (the data never sit exactly at S(t) = 0.5); log-rank chi-square and p: lifelines;
  Cox hazard ratio: lifelines CoxPHFitter (Efron ties), for the group the prompt names relative to the other;
* sample sizes are unrounded: noncentral t for the t-test, and for two proportions the method the prompt names;
* adjusted p-values are in the order given, Holm capped at 1.
* expected values are written to 6 significant digits, and none is closer to zero than 1e-3 (so a relative
  tolerance makes sense and no tool has to print a p below 0.001).

Run ``python make_code_holdout.py`` to regenerate the file; the output is deterministic.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import statsmodels.api as sm
from lifelines import CoxPHFitter, KaplanMeierFitter
from lifelines.statistics import logrank_test
from scipy import optimize, stats
from statsmodels.stats.contingency_tables import mcnemar
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.power import NormalIndPower, TTestIndPower
from statsmodels.stats.proportion import proportion_effectsize

OUT = Path(__file__).with_name("code_holdout.jsonl")
REL_TOL = 0.01
CHECK_TOL = 1e-5  # agreement demanded between the two computations of each expected value
SIG_DIGITS = 6

Floats = Sequence[float]


@dataclass(frozen=True)
class Task:
    family: str
    prompt: str
    expected: dict[str, float]
    check: dict[str, float]  # the same quantities computed a second way
    check_tol: float = CHECK_TOL


# --------------------------------------------------------------------------------------------------------------
# formatting helpers


def num(x: float) -> str:
    """A number as someone would type it: no trailing zeros, integers without a decimal point."""
    return f"{x:g}"


def join(xs: Floats, sep: str = ", ") -> str:
    return sep.join(num(x) for x in xs)


def bracket(xs: Floats, sep: str = ", ") -> str:
    return "[" + join(xs, sep) + "]"


def rounded(x: float) -> float:
    if x == 0 or not math.isfinite(x):
        return x
    return float(f"{x:.{SIG_DIGITS}g}")


# --------------------------------------------------------------------------------------------------------------
# second-way computations (hand-written or another library)


def ranks(x: Floats) -> np.ndarray:
    """Mid-ranks, written out rather than borrowed from scipy."""
    a = np.asarray(x, dtype=float)
    order = np.argsort(a, kind="mergesort")
    r = np.empty(len(a))
    i = 0
    while i < len(a):
        j = i
        while j + 1 < len(a) and a[order[j + 1]] == a[order[i]]:
            j += 1
        r[order[i : j + 1]] = (i + j) / 2 + 1
        i = j + 1
    return r


def welch_by_hand(a: Floats, b: Floats) -> dict[str, float]:
    va, vb = np.var(a, ddof=1) / len(a), np.var(b, ddof=1) / len(b)
    t = (np.mean(a) - np.mean(b)) / math.sqrt(va + vb)
    df = (va + vb) ** 2 / (va**2 / (len(a) - 1) + vb**2 / (len(b) - 1))
    return {"t": float(t), "df": float(df), "p": float(2 * stats.t.sf(abs(t), df))}


def student_by_hand(a: Floats, b: Floats) -> dict[str, float]:
    na, nb = len(a), len(b)
    sp2 = ((na - 1) * np.var(a, ddof=1) + (nb - 1) * np.var(b, ddof=1)) / (na + nb - 2)
    t = (np.mean(a) - np.mean(b)) / math.sqrt(sp2 * (1 / na + 1 / nb))
    df = na + nb - 2
    return {"t": float(t), "df": float(df), "p": float(2 * stats.t.sf(abs(t), df))}


def one_sample_by_hand(x: Floats, mu: float) -> dict[str, float]:
    n = len(x)
    t = (np.mean(x) - mu) / (np.std(x, ddof=1) / math.sqrt(n))
    return {"t": float(t), "df": float(n - 1), "p": float(2 * stats.t.sf(abs(t), n - 1))}


def has_ties(x: Floats) -> bool:
    return len(set(x)) < len(x)


def mwu_normal_by_hand(a: Floats, b: Floats) -> dict[str, float]:
    if not has_ties(list(a) + list(b)):
        raise ValueError("without ties R would give the exact p; keep ties so both use the normal approximation")
    n1, n2 = len(a), len(b)
    r = ranks(list(a) + list(b))
    u = float(r[:n1].sum() - n1 * (n1 + 1) / 2)
    n = n1 + n2
    _, counts = np.unique(np.asarray(list(a) + list(b)), return_counts=True)
    tie = float((counts**3 - counts).sum())
    sd = math.sqrt(n1 * n2 / 12 * ((n + 1) - tie / (n * (n - 1))))
    z = (abs(u - n1 * n2 / 2) - 0.5) / sd
    return {"u": u, "p": float(2 * stats.norm.sf(z))}


def mwu_exact_by_hand(a: Floats, b: Floats) -> dict[str, float]:
    """Exact two-sided p by enumerating every split of the pooled ranks (no ties)."""
    n1 = len(a)
    pooled = list(a) + list(b)
    if len(set(pooled)) != len(pooled) or min(n1, len(b)) > 8:
        raise ValueError("scipy and R agree on the exact p only without ties and with a group of at most 8")
    r = ranks(pooled)
    u_obs = float(r[:n1].sum() - n1 * (n1 + 1) / 2)
    n = len(pooled)
    us = [sum(c) - n1 * (n1 + 1) / 2 for c in itertools.combinations(range(1, n + 1), n1)]
    mean = n1 * (n - n1) / 2
    extreme = sum(1 for u in us if abs(u - mean) >= abs(u_obs - mean) - 1e-9)
    return {"u": u_obs, "p": min(1.0, extreme / len(us))}


def wilcoxon_exact_by_hand(d: Floats) -> dict[str, float]:
    """Exact two-sided signed-rank p over all 2^n sign patterns (no zeros, no ties)."""
    magnitudes = np.round(np.abs(np.asarray(d, dtype=float)), 9)
    if len(set(magnitudes)) != len(magnitudes) or 0 in magnitudes:
        raise ValueError("the exact signed-rank p needs distinct, nonzero differences")
    r = ranks([abs(x) for x in d])
    w_plus = float(sum(ri for ri, x in zip(r, d, strict=True) if x > 0))
    total = float(r.sum())
    w = min(w_plus, total - w_plus)
    sums = np.zeros(1)
    for ri in r:  # distribution of the positive-rank sum, built up one rank at a time
        sums = np.concatenate([sums, sums + ri])
    count = int(np.sum(sums <= w + 1e-9))
    return {"w": w, "p": min(1.0, 2 * count / len(sums))}


def kruskal_by_hand(*groups: Floats) -> dict[str, float]:
    pooled = [x for g in groups for x in g]
    n = len(pooled)
    r = ranks(pooled)
    h, start = 0.0, 0
    for g in groups:
        h += float(r[start : start + len(g)].sum()) ** 2 / len(g)
        start += len(g)
    h = 12 / (n * (n + 1)) * h - 3 * (n + 1)
    _, counts = np.unique(np.asarray(pooled), return_counts=True)
    h /= 1 - float((counts**3 - counts).sum()) / (n**3 - n)
    return {"h": h, "p": float(stats.chi2.sf(h, len(groups) - 1))}


def anova_by_ols(*groups: Floats) -> dict[str, float]:
    y = np.concatenate([np.asarray(g, dtype=float) for g in groups])
    labels = np.concatenate([np.full(len(g), i) for i, g in enumerate(groups)])
    x = sm.add_constant(pd.get_dummies(labels, drop_first=True).to_numpy(dtype=float))
    fit = sm.OLS(y, x).fit()
    return {"f": float(fit.fvalue), "p": float(fit.f_pvalue)}


def chi2_by_hand(rows: Sequence[Sequence[int]]) -> dict[str, float]:
    t = np.asarray(rows, dtype=float)
    e = t.sum(1, keepdims=True) * t.sum(0, keepdims=True) / t.sum()
    chi2 = float(((t - e) ** 2 / e).sum())
    dof = (t.shape[0] - 1) * (t.shape[1] - 1)
    return {"chi2": chi2, "p": float(stats.chi2.sf(chi2, dof)), "dof": float(dof)}


def fisher_by_hand(rows: Sequence[Sequence[int]]) -> dict[str, float]:
    (a, b), (c, d) = rows
    r1, c1, n = a + b, a + c, a + b + c + d

    def prob(x: int) -> float:
        return math.comb(c1, x) * math.comb(n - c1, r1 - x) / math.comb(n, r1)

    p_obs = prob(a)
    lo, hi = max(0, r1 + c1 - n), min(r1, c1)
    p = sum(prob(x) for x in range(lo, hi + 1) if prob(x) <= p_obs * (1 + 1e-7))
    return {"p": min(1.0, p)}


def pearson_by_hand(x: Floats, y: Floats) -> dict[str, float]:
    xa, ya = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    xc, yc = xa - xa.mean(), ya - ya.mean()
    r = float((xc * yc).sum() / math.sqrt((xc**2).sum() * (yc**2).sum()))
    n = len(xa)
    t = r * math.sqrt((n - 2) / (1 - r**2))
    return {"r": r, "p": float(2 * stats.t.sf(abs(t), n - 2))}


def spearman_by_hand(x: Floats, y: Floats) -> dict[str, float]:
    """rho as the Pearson r of the ranks; the t-approximation p (R's too when there are ties)."""
    res = pearson_by_hand(list(ranks(x)), list(ranks(y)))
    return {"rho": res["r"], "p": res["p"]}


def ols_by_statsmodels(x: Floats, y: Floats) -> dict[str, float]:
    fit = sm.OLS(np.asarray(y, dtype=float), sm.add_constant(np.asarray(x, dtype=float))).fit()
    return {
        "slope": float(fit.params[1]),
        "intercept": float(fit.params[0]),
        "r_squared": float(fit.rsquared),
        "p": float(fit.pvalues[1]),
    }


def logistic_by_newton(x: Floats, y: Floats) -> dict[str, float]:
    """Iteratively reweighted least squares written out, Wald p from the inverse information."""
    xm = np.column_stack([np.ones(len(x)), np.asarray(x, dtype=float)])
    ya = np.asarray(y, dtype=float)
    beta = np.zeros(2)
    for _ in range(100):
        mu = 1 / (1 + np.exp(-xm @ beta))
        info = xm.T @ (xm * (mu * (1 - mu))[:, None])
        step = np.linalg.solve(info, xm.T @ (ya - mu))
        beta = beta + step
        if np.max(np.abs(step)) < 1e-12:
            break
    mu = 1 / (1 + np.exp(-xm @ beta))
    cov = np.linalg.inv(xm.T @ (xm * (mu * (1 - mu))[:, None]))
    z = beta[1] / math.sqrt(cov[1, 1])
    return {"odds_ratio": float(math.exp(beta[1])), "p": float(2 * stats.norm.sf(abs(z)))}


def parse_survival(tokens: Sequence[str]) -> tuple[list[float], list[int]]:
    """``"12+"`` is censored at 12, ``"12"`` is an event at 12."""
    times = [float(t.rstrip("+")) for t in tokens]
    events = [0 if t.endswith("+") else 1 for t in tokens]
    return times, events


def km_median_by_hand(tokens: Sequence[str]) -> dict[str, float]:
    times, events = parse_survival(tokens)
    s = 1.0
    for t in sorted(set(times)):
        at_risk = sum(1 for u in times if u >= t)
        died = sum(1 for u, e in zip(times, events, strict=True) if u == t and e)
        s *= 1 - died / at_risk
        if s <= 0.5:
            return {"median": t}
    return {"median": math.inf}


def logrank_by_hand(g1: Sequence[str], g2: Sequence[str]) -> dict[str, float]:
    t1, e1 = parse_survival(g1)
    t2, e2 = parse_survival(g2)
    o_minus_e, var = 0.0, 0.0
    for t in sorted({u for u, e in zip(t1 + t2, e1 + e2, strict=True) if e}):
        n1 = sum(1 for u in t1 if u >= t)
        n2 = sum(1 for u in t2 if u >= t)
        d1 = sum(1 for u, e in zip(t1, e1, strict=True) if u == t and e)
        d2 = sum(1 for u, e in zip(t2, e2, strict=True) if u == t and e)
        n, d = n1 + n2, d1 + d2
        o_minus_e += d1 - d * n1 / n
        if n > 1:
            var += d * (n1 / n) * (n2 / n) * (n - d) / (n - 1)
    chi2 = o_minus_e**2 / var
    return {"chi2": chi2, "p": float(stats.chi2.sf(chi2, 1))}


def cox_by_statsmodels(reference: Sequence[str], other: Sequence[str]) -> dict[str, float]:
    t0, e0 = parse_survival(reference)
    t1, e1 = parse_survival(other)
    group = np.array([0.0] * len(t0) + [1.0] * len(t1))
    fit = sm.PHReg(np.array(t0 + t1), group[:, None], status=np.array(e0 + e1), ties="efron").fit()
    return {"hr": float(math.exp(fit.params[0])), "p": float(fit.pvalues[0])}


def t_power_by_hand(d: float, n: float, alpha: float = 0.05) -> float:
    df = 2 * n - 2
    nc = d * math.sqrt(n / 2)
    crit = stats.t.isf(alpha / 2, df)
    far_tail = float(np.nan_to_num(stats.nct.cdf(-crit, df, nc)))  # underflows to nan for large n
    return float(stats.nct.sf(crit, df, nc)) + far_tail


def t_n_by_hand(d: float, power: float, alpha: float = 0.05) -> float:
    return float(optimize.brentq(lambda n: t_power_by_hand(d, n, alpha) - power, 2.5, 1000, xtol=1e-10))


def prop_n_arcsine_by_hand(p1: float, p2: float, power: float, alpha: float = 0.05) -> float:
    h = abs(2 * math.asin(math.sqrt(p1)) - 2 * math.asin(math.sqrt(p2)))
    return float(2 * ((stats.norm.isf(alpha / 2) + stats.norm.ppf(power)) / h) ** 2)


def prop_n_pooled_by_root(p1: float, p2: float, power: float, alpha: float = 0.05) -> float:
    """Solve R's power.prop.test power equation for n (strict = FALSE)."""
    za = stats.norm.isf(alpha / 2)

    def pw(n: float) -> float:
        num_ = math.sqrt(n) * abs(p1 - p2) - za * math.sqrt((p1 + p2) * (1 - (p1 + p2) / 2))
        return float(stats.norm.cdf(num_ / math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))))

    return float(optimize.brentq(lambda n: pw(n) - power, 2, 1e6, xtol=1e-10))


def bh_by_hand(p: Floats) -> list[float]:
    m = len(p)
    order = sorted(range(m), key=lambda i: p[i])
    adj = [0.0] * m
    running = 1.0
    for k in range(m - 1, -1, -1):
        i = order[k]
        running = min(running, p[i] * m / (k + 1))
        adj[i] = running
    return adj


def holm_by_hand(p: Floats) -> list[float]:
    m = len(p)
    order = sorted(range(m), key=lambda i: p[i])
    adj = [0.0] * m
    running = 0.0
    for k, i in enumerate(order):
        running = max(running, min(1.0, (m - k) * p[i]))
        adj[i] = running
    return adj


def shapiro_by_royston(x: Floats) -> dict[str, float]:
    """Royston's (1992, 1995) approximation written out, for 11 <= n <= 5000."""
    xs = np.sort(np.asarray(x, dtype=float))
    n = len(xs)
    if not 11 <= n <= 5000:
        raise ValueError("this branch of Royston's algorithm needs 11 <= n <= 5000")
    m = stats.norm.ppf((np.arange(1, n + 1) - 0.375) / (n + 0.25))
    msq = float((m**2).sum())
    u = 1 / math.sqrt(n)
    an = -2.706056 * u**5 + 4.434685 * u**4 - 2.07119 * u**3 - 0.147981 * u**2 + 0.221157 * u + m[-1] / math.sqrt(msq)
    an1 = -3.582633 * u**5 + 5.682633 * u**4 - 1.752461 * u**3 - 0.293762 * u**2 + 0.042981 * u + m[-2] / math.sqrt(msq)
    phi = (msq - 2 * m[-1] ** 2 - 2 * m[-2] ** 2) / (1 - 2 * an**2 - 2 * an1**2)
    a = m / math.sqrt(phi)
    a[-1], a[-2], a[0], a[1] = an, an1, -an, -an1
    w = float((a @ xs) ** 2 / ((xs - xs.mean()) ** 2).sum())
    ln = math.log(n)
    mu = 0.0038915 * ln**3 - 0.083751 * ln**2 - 0.31082 * ln - 1.5861
    sigma = math.exp(0.0030302 * ln**2 - 0.082676 * ln - 0.4803)
    return {"w": w, "p": float(stats.norm.sf((math.log(1 - w) - mu) / sigma))}


def two_by_two_by_statsmodels(rows: Sequence[Sequence[int]]) -> dict[str, float]:
    table = sm.stats.Table2x2(np.asarray(rows, dtype=float))
    return {"odds_ratio": float(table.oddsratio), "rr": float(table.riskratio)}


def numbered(prefix: str, values: Floats) -> dict[str, float]:
    return {f"{prefix}_{i}": float(v) for i, v in enumerate(values, start=1)}


# --------------------------------------------------------------------------------------------------------------
# the tasks, family by family


def welch_tasks() -> list[Task]:
    tasks = []

    vehicle = [412, 388, 455, 501, 367, 429, 476, 398]
    drug = [341, 396, 309, 452, 350, 315, 378, 384, 327]
    res = stats.ttest_ind(vehicle, drug, equal_var=False)
    tasks.append(
        Task(
            "welch_t",
            "hey, quick one - can someone run a Welch t-test on the day-14 tumour volumes (mm³)?\n"
            f"vehicle: {join(vehicle)}\ndrug: {join(drug)}\nneed t (vehicle minus drug), df and p. thx!",
            {"t": res.statistic, "df": res.df, "p": res.pvalue},
            welch_by_hand(vehicle, drug),
        )
    )

    site_a = [34, 41, 29, 38, 45, 52, 36, 40, 33, 47, 39, 44]
    site_b = [48, 62, 39, 55, 71, 44, 58, 66, 51, 49]
    res = stats.ttest_ind(site_a, site_b, equal_var=False)
    tasks.append(
        Task(
            "welch_t",
            "Please compare serum ALT (U/L) between the two recruiting centres using Welch's unequal-variances "
            f"t-test, two-sided.\nSite A = {bracket(site_a)}\nSite B = {bracket(site_b)}\n"
            "Report the t statistic (Site A - Site B), Welch-Satterthwaite degrees of freedom and the p-value.",
            {"t": res.statistic, "df": res.df, "p": res.pvalue},
            welch_by_hand(site_a, site_b),
        )
    )

    ctrl = [0.82, 1.10, 0.95, 1.31, 0.77, 1.02, 0.88, 1.15, 0.93, 1.07]
    sirna = [0.71, 0.84, 0.62, 1.05, 0.55, 0.93, 0.76, 0.81]
    res = stats.ttest_ind(sirna, ctrl, equal_var=False)
    tasks.append(
        Task(
            "welch_t",
            "qPCR relative expression (2^-ddCt), don't assume equal variances:\n"
            f"siRNA; {join(sirna, '; ')}\nscrambled control; {join(ctrl, '; ')}\n"
            "is the knockdown significant? t for siRNA vs control and p please",
            {"t": res.statistic, "p": res.pvalue},
            welch_by_hand(sirna, ctrl),
        )
    )
    return tasks


def student_tasks() -> list[Task]:
    wt = [3.12, 2.87, 3.45, 3.01, 2.95, 3.30, 3.18, 2.79]
    ko = [2.64, 2.90, 2.51, 2.77, 2.48, 2.85, 2.69]
    res = stats.ttest_ind(wt, ko, equal_var=True)
    return [
        Task(
            "student_t",
            "For the methods section we pre-specified a classic Student's t-test with pooled variance (equal "
            "variances assumed), so please don't use Welch here. Forelimb grip strength, N per g body weight:\n"
            f"  wild type: {join(wt, ' ')}\n  knockout: {join(ko, ' ')}\n"
            "What are t (wild type minus knockout), df and the two-sided p?",
            {"t": res.statistic, "df": res.df, "p": res.pvalue},
            student_by_hand(wt, ko),
        )
    ]


def paired_tasks() -> list[Task]:
    tasks = []

    before = [148, 152, 139, 160, 145, 156, 150, 142, 158, 147]
    after = [143, 150, 141, 151, 139, 153, 149, 140, 151, 148]
    res = stats.ttest_rel(after, before)
    diff = np.subtract(after, before)
    tasks.append(
        Task(
            "paired_t",
            "Systolic BP (mmHg) in 10 patients before and after 8 weeks on the new regimen, same patient order in "
            f"both lists.\nbefore: {join(before)}\nafter: {join(after)}\n"
            "Paired t-test please - report the mean change (after minus before), the t for that difference and "
            "the p-value.",
            {"mean_diff": float(diff.mean()), "t": res.statistic, "p": res.pvalue},
            {"mean_diff": float(np.mean(after) - np.mean(before)), **one_sample_by_hand(list(diff), 0.0)},
        )
    )

    pre = [12.1, 9.8, 15.3, 11.0, 13.7, 10.4, 14.2, 12.9]
    post = [16.4, 9.2, 19.0, 13.9, 18.5, 12.0, 14.1, 15.8]
    res = stats.ttest_rel(pre, post)
    tasks.append(
        Task(
            "paired_t",
            "IL-6 (pg/mL) measured in the same 8 mice pre and 2 h post LPS.\n"
            f"pre = {bracket(pre)}\npost = {bracket(post)}\n"
            "Mouse i is position i in both lists. Paired t test, is there a change? Just need the p-value.",
            {"p": res.pvalue},
            {"p": one_sample_by_hand(list(np.subtract(post, pre)), 0.0)["p"]},
        )
    )

    baseline = [61.5, 58.0, 72.3, 66.1, 55.4, 69.8, 63.2, 60.7, 70.5, 57.9, 64.4, 67.0]
    week12 = [60.8, 57.1, 69.0, 66.4, 55.9, 67.2, 61.0, 61.1, 69.3, 56.2, 64.5, 65.1]
    res = stats.ttest_rel(baseline, week12)
    tasks.append(
        Task(
            "paired_t",
            "Body weight (kg) at baseline and at week 12 for 12 participants (paired by participant):\n"
            f"baseline {join(baseline, ' ')}\nweek 12 {join(week12, ' ')}\n"
            "Could you do a paired-samples t-test for baseline minus week 12? t, df, p.",
            {"t": res.statistic, "df": res.df, "p": res.pvalue},
            one_sample_by_hand(list(np.subtract(baseline, week12)), 0.0),
        )
    )
    return tasks


def one_sample_tasks() -> list[Task]:
    tasks = []

    glucose = [104, 97, 112, 108, 99, 115, 101, 109, 106, 96, 111, 103, 107, 110]
    res = stats.ttest_1samp(glucose, 100)
    tasks.append(
        Task(
            "one_sample_t",
            f"fasting glucose (mg/dL) in our pilot cohort: {join(glucose)}. is the mean different from 100 mg/dL? "
            "one-sample t-test, give me t and p",
            {"t": res.statistic, "p": res.pvalue},
            one_sample_by_hand(glucose, 100),
        )
    )

    ph = [7.36, 7.41, 7.33, 7.38, 7.35, 7.39, 7.34, 7.37, 7.40]
    res = stats.ttest_1samp(ph, 7.40)
    tasks.append(
        Task(
            "one_sample_t",
            "We would like to test whether the mean arterial pH in these nine ventilated patients differs from the "
            f"reference value of 7.40 (two-sided one-sample t-test). Values: {bracket(ph, '; ')}. "
            "Please report the t statistic, degrees of freedom and p-value.",
            {"t": res.statistic, "df": res.df, "p": res.pvalue},
            one_sample_by_hand(ph, 7.40),
        )
    )
    return tasks


def mann_whitney_tasks() -> list[Task]:
    tasks = []

    placebo = [6, 7, 5, 8, 6, 7, 9, 6, 5, 7, 8]
    active = [4, 5, 3, 6, 4, 5, 7, 3, 4, 5]
    res = stats.mannwhitneyu(placebo, active)
    tasks.append(
        Task(
            "mann_whitney",
            "Pain scores (NRS 0-10) at 24 h, ordinal so please use Mann-Whitney U rather than a t-test.\n"
            f"Placebo: {join(placebo)}\nActive: {join(active)}\n"
            "Need U (for the placebo group) and the p-value.",
            {"u": res.statistic, "p": res.pvalue},
            mwu_normal_by_hand(placebo, active),
        )
    )

    control = [142, 118, 165, 131, 150, 127, 158]
    treated = [96, 121, 88, 110, 134, 102]
    res = stats.mannwhitneyu(control, treated)
    tasks.append(
        Task(
            "mann_whitney",
            "colony counts per plate - control: "
            f"{join(control, ' ')} | treated: {join(treated, ' ')}\n"
            "small n and skewed, so Wilcoxon rank-sum / Mann-Whitney please. U of the control group + p",
            {"u": res.statistic, "p": res.pvalue},
            mwu_exact_by_hand(control, treated),
        )
    )
    return tasks


def wilcoxon_tasks() -> list[Task]:
    tasks = []

    before = [5.2, 6.1, 4.8, 7.3, 5.9, 6.6, 5.0, 6.9, 5.5, 6.2]
    after = [4.1, 5.7, 5.1, 5.2, 5.4, 5.0, 4.8, 5.6, 6.1, 5.3]
    res = stats.wilcoxon(before, after)
    tasks.append(
        Task(
            "wilcoxon",
            "Anxiety scale scores before and after the 6-week mindfulness course (same 10 people, same order):\n"
            f"before {bracket(before)}\nafter {bracket(after)}\n"
            "Wilcoxon signed-rank test please, two-sided. What is the test statistic and p?",
            {"w": res.statistic, "p": res.pvalue},
            wilcoxon_exact_by_hand(list(np.subtract(before, after))),
        )
    )

    diffs = [0.8, -0.3, 1.4, 2.1, 0.5, -1.1, 1.7, 0.9, 2.6, -0.2, 1.2, 3.0]
    res = stats.wilcoxon(diffs)
    tasks.append(
        Task(
            "wilcoxon",
            "These are within-subject differences in grip strength (kg), dominant minus non-dominant hand, for 12 "
            f"volunteers: {join(diffs, '; ')}. Can you run a one-sample Wilcoxon signed-rank test of whether the "
            "median difference is zero? Report the signed-rank statistic and p-value.",
            {"w": res.statistic, "p": res.pvalue},
            wilcoxon_exact_by_hand(diffs),
        )
    )
    return tasks


def kruskal_tasks() -> list[Task]:
    tasks = []

    chow = [1, 0, 1, 2, 1, 0, 1, 2]
    hfd = [2, 3, 2, 3, 4, 2, 3, 3]
    hfd_drug = [1, 2, 1, 2, 2, 3, 1, 2]
    res = stats.kruskal(chow, hfd, hfd_drug)
    tasks.append(
        Task(
            "kruskal",
            "Liver steatosis score (histology, ordinal 0-4) across three diet groups:\n"
            f"- chow: {join(chow)}\n- HFD: {join(hfd)}\n- HFD + drug: {join(hfd_drug)}\n"
            "Kruskal-Wallis test across the three groups please (H and p).",
            {"h": res.statistic, "p": res.pvalue},
            kruskal_by_hand(chow, hfd, hfd_drug),
        )
    )

    low = [23.1, 27.4, 21.8, 25.0, 30.2, 24.6]
    mid = [28.9, 33.5, 26.7, 31.2, 35.8, 29.4, 32.0]
    high = [34.7, 41.2, 30.9, 38.5, 44.1, 36.3]
    res = stats.kruskal(low, mid, high)
    tasks.append(
        Task(
            "kruskal",
            "Non-parametric comparison of plasma exposure (AUC, ug*h/mL) over three dose levels. low dose "
            f"{join(low, ' ')}; mid dose {join(mid, ' ')}; high dose {join(high, ' ')}. "
            "Kruskal Wallis H and p?",
            {"h": res.statistic, "p": res.pvalue},
            kruskal_by_hand(low, mid, high),
        )
    )
    return tasks


def anova_tasks() -> list[Task]:
    tasks = []

    a = [24.1, 25.3, 23.8, 26.0, 24.7, 25.5]
    b = [26.2, 27.1, 25.8, 28.0, 26.9, 27.4]
    c = [24.9, 26.3, 25.1, 25.8, 24.4, 26.6]
    res = stats.f_oneway(a, b, c)
    tasks.append(
        Task(
            "anova",
            "Body weight (g) at 10 weeks for three mouse strains.\n"
            f"strain A: {bracket(a)}\nstrain B: {bracket(b)}\nstrain C: {bracket(c)}\n"
            "One-way ANOVA - what are F and p?",
            {"f": res.statistic, "p": res.pvalue},
            anova_by_ols(a, b, c),
        )
    )

    s1 = [6.8, 7.2, 7.9, 6.5, 7.4, 8.1, 7.0, 6.9]
    s2 = [7.5, 8.3, 7.8, 8.9, 7.1, 8.0, 8.6]
    s3 = [6.9, 7.7, 7.3, 8.2, 7.6, 7.0, 7.9, 8.4, 7.2]
    res = stats.f_oneway(s1, s2, s3)
    tasks.append(
        Task(
            "anova",
            "We have HbA1c (%) from three clinics and want a one-way analysis of variance to see whether the clinic "
            f"means differ. Clinic 1: {join(s1)}. Clinic 2: {join(s2)}. Clinic 3: {join(s3)}. "
            "Please give the F statistic and its p-value.",
            {"f": res.statistic, "p": res.pvalue},
            anova_by_ols(s1, s2, s3),
        )
    )
    return tasks


def chi_square_tasks() -> list[Task]:
    tasks = []

    rows = [[12, 18, 25], [28, 22, 15]]
    res = stats.chi2_contingency(rows)
    tasks.append(
        Task(
            "chi_square",
            "Response by dose group (columns: low, mid, high):\n"
            f"responders: {join(rows[0])}\nnon-responders: {join(rows[1])}\n"
            "chi-square test of independence? chi2, df and p please",
            {"chi2": res.statistic, "dof": float(res.dof), "p": res.pvalue},
            chi2_by_hand(rows),
        )
    )

    rows = [[30, 14, 6], [42, 31, 17], [11, 15, 14]]
    res = stats.chi2_contingency(rows)
    tasks.append(
        Task(
            "chi_square",
            "Is disease severity associated with genotype? Counts, rows are genotypes and columns are severity "
            "(mild / moderate / severe):\n"
            f"AA  {join(rows[0], ' ')}\nAG  {join(rows[1], ' ')}\nGG  {join(rows[2], ' ')}\n"
            "Pearson chi-square test of independence, please report the statistic and p-value.",
            {"chi2": res.statistic, "p": res.pvalue},
            chi2_by_hand(rows),
        )
    )
    return tasks


def fisher_tasks() -> list[Task]:
    tasks = []

    rows = [[7, 5], [2, 13]]
    res = stats.fisher_exact(rows)
    tasks.append(
        Task(
            "fisher",
            "The KRAS mutation was found in 7 of 12 responders and in 2 of 15 non-responders. Counts are small, so "
            "Fisher's exact test (two-sided) please - what's the p?",
            {"p": res.pvalue},
            fisher_by_hand(rows),
        )
    )

    rows = [[1, 9], [8, 4]]
    res = stats.fisher_exact(rows)
    tasks.append(
        Task(
            "fisher",
            "2x2 table, rows = vaccinated / unvaccinated, columns = infected / not infected:\n"
            f"{rows}\nfisher exact two-sided p value?",
            {"p": res.pvalue},
            fisher_by_hand(rows),
        )
    )
    return tasks


def mcnemar_tasks() -> list[Task]:
    tasks = []

    both_pos, a_only, b_only, both_neg = 20, 3, 11, 16
    res = mcnemar([[both_pos, a_only], [b_only, both_neg]], exact=True)
    tasks.append(
        Task(
            "mcnemar",
            "Two rapid tests run on the same 50 swabs: both positive 20, test A positive / test B negative 3, "
            "test A negative / test B positive 11, both negative 16. Is there a difference in positivity between "
            "the tests? Use the exact (binomial) McNemar test since the discordant counts are small.",
            {"p": res.pvalue},
            {"p": float(stats.binomtest(a_only, a_only + b_only, 0.5).pvalue)},
        )
    )

    yes_yes, yes_no, no_yes, no_no = 45, 25, 9, 41
    res = mcnemar([[yes_yes, yes_no], [no_yes, no_no]], exact=False, correction=True)
    chi2 = (abs(yes_no - no_yes) - 1) ** 2 / (yes_no + no_yes)
    tasks.append(
        Task(
            "mcnemar",
            "Smoking status in 120 participants at enrolment vs 1 year (paired):\n"
            f"smoker -> smoker: {yes_yes}\nsmoker -> non-smoker: {yes_no}\n"
            f"non-smoker -> smoker: {no_yes}\nnon-smoker -> non-smoker: {no_no}\n"
            "McNemar's chi-square test with continuity correction, please give chi2 and p.",
            {"chi2": res.statistic, "p": res.pvalue},
            {"chi2": chi2, "p": float(stats.chi2.sf(chi2, 1))},
        )
    )
    return tasks


def pearson_tasks() -> list[Task]:
    tasks = []

    bmi = [22.1, 27.5, 31.2, 24.8, 29.0, 35.4, 26.3, 23.7, 33.1, 28.4, 30.6, 25.2]
    sbp = [124, 122, 141, 118, 128, 139, 133, 127, 131, 120, 145, 126]
    res = stats.pearsonr(bmi, sbp)
    tasks.append(
        Task(
            "pearson",
            f"Pearson correlation between BMI and systolic BP?\nBMI: {join(bmi)}\nSBP: {join(sbp)}\n"
            "(same subjects, same order). r and p please.",
            {"r": res.statistic, "p": res.pvalue},
            pearson_by_hand(bmi, sbp),
        )
    )

    age = [34, 45, 52, 61, 29, 48, 57, 66, 40, 71]
    gfr = [98, 91, 95, 72, 104, 78, 88, 70, 86, 81]
    res = stats.pearsonr(age, gfr)
    tasks.append(
        Task(
            "pearson",
            "Is eGFR correlated with age in our transplant donors? age (years) = "
            f"{bracket(age)}, eGFR (mL/min/1.73m²) = {bracket(gfr)}. Please compute the Pearson correlation "
            "coefficient and its two-sided p-value.",
            {"r": res.statistic, "p": res.pvalue},
            pearson_by_hand(age, gfr),
        )
    )
    return tasks


def spearman_tasks() -> list[Task]:
    tasks = []

    grade = [1, 2, 2, 3, 1, 3, 2, 4, 3, 4, 1, 2, 4, 3]
    ki67 = [5, 12, 18, 25, 14, 10, 15, 40, 8, 35, 9, 22, 20, 30]
    if not has_ties(grade):
        raise ValueError("the Spearman p is tool-independent only with ties")
    res = stats.spearmanr(grade, ki67)
    tasks.append(
        Task(
            "spearman",
            "tumour grade (1-4) vs Ki-67 index (%) for 14 cases:\n"
            f"grade  {join(grade, ' ')}\nKi-67  {join(ki67, ' ')}\n"
            "spearman's rho and p?",
            {"rho": res.statistic, "p": res.pvalue},
            spearman_by_hand(grade, ki67),
        )
    )

    steps = [4200, 8100, 6500, 10300, 3100, 7400, 12000, 5600, 9200]
    sleep = [6.1, 7.0, 6.8, 7.2, 5.5, 6.4, 7.9, 6.0, 6.6]
    res = stats.spearmanr(steps, sleep)
    tasks.append(
        Task(
            "spearman",
            "Could someone compute the Spearman rank correlation between daily step count and sleep duration (h)? "
            f"Steps: {join(steps, '; ')}. Sleep: {join(sleep, '; ')}. Just the correlation coefficient is fine.",
            {"rho": res.statistic},
            {"rho": spearman_by_hand(steps, sleep)["rho"]},
        )
    )
    return tasks


def regression_tasks() -> list[Task]:
    tasks = []

    conc = [0, 5, 10, 20, 40, 60, 80, 100]
    absorbance = [0.052, 0.118, 0.197, 0.341, 0.652, 0.958, 1.240, 1.553]
    res = stats.linregress(conc, absorbance)
    ols = ols_by_statsmodels(conc, absorbance)
    tasks.append(
        Task(
            "linear_regression",
            "Standard curve for the BCA assay - concentration (ug/mL) vs absorbance at 562 nm:\n"
            f"conc: {join(conc)}\nA562: {join(absorbance)}\n"
            "Fit a straight line (simple linear regression) and give me the slope, intercept and R².",
            {"slope": res.slope, "intercept": res.intercept, "r_squared": res.rvalue**2},
            {k: ols[k] for k in ("slope", "intercept", "r_squared")},
        )
    )

    age = [25, 32, 38, 41, 47, 53, 58, 62, 66, 71, 75]
    sbp = [121, 114, 130, 119, 136, 128, 126, 141, 133, 150, 138]
    res = stats.linregress(age, sbp)
    tasks.append(
        Task(
            "linear_regression",
            "Please regress systolic blood pressure (mmHg) on age (years) with ordinary least squares. "
            f"Age: {bracket(age)}; SBP: {bracket(sbp)}. Report the slope, the intercept, R-squared and the p-value "
            "for the slope.",
            {"slope": res.slope, "intercept": res.intercept, "r_squared": res.rvalue**2, "p": res.pvalue},
            ols_by_statsmodels(age, sbp),
        )
    )
    return tasks


def logistic_fit(x: Floats, y: Floats) -> dict[str, float]:
    fit = sm.Logit(np.asarray(y, dtype=float), sm.add_constant(np.asarray(x, dtype=float))).fit(disp=0)
    return {"odds_ratio": float(math.exp(fit.params[1])), "p": float(fit.pvalues[1])}


def logistic_tasks() -> list[Task]:
    tasks = []

    age = [45, 52, 61, 38, 70, 55, 66, 49, 73, 58, 42, 64, 68, 51, 76, 60, 47, 71, 56, 63]
    event = [0, 0, 1, 0, 1, 0, 1, 0, 1, 1, 0, 0, 1, 1, 1, 0, 1, 0, 0, 1]
    res = logistic_fit(age, event)
    tasks.append(
        Task(
            "logistic",
            "Logistic regression of post-op delirium (1 = yes, 0 = no) on age. Data as (age, delirium):\n"
            + ", ".join(f"({a}, {e})" for a, e in zip(age, event, strict=True))
            + "\nWhat's the odds ratio per one-year increase in age, and the Wald p-value for age?",
            res,
            logistic_by_newton(age, event),
        )
    )

    crp = [2.1, 8.4, 15.2, 3.3, 22.7, 5.8, 11.9, 30.5, 1.4, 18.3, 7.1, 26.0, 4.6, 13.5, 9.8, 35.2, 6.3, 20.1]
    sepsis = [0, 0, 1, 0, 1, 0, 0, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1]
    res = logistic_fit(crp, sepsis)
    tasks.append(
        Task(
            "logistic",
            "Can labbot fit a simple logistic model, sepsis (0/1) ~ CRP (mg/L)?\n"
            f"CRP    {join(crp, ' ')}\nsepsis {join(sepsis, ' ')}\n"
            "I just want the odds ratio for a 1 mg/L increase in CRP.",
            {"odds_ratio": res["odds_ratio"]},
            {"odds_ratio": logistic_by_newton(crp, sepsis)["odds_ratio"]},
        )
    )
    return tasks


def km_median(tokens: Sequence[str]) -> float:
    times, events = parse_survival(tokens)
    return float(KaplanMeierFitter().fit(times, events).median_survival_time_)


def km_tasks() -> list[Task]:
    tasks = []

    months = ["3", "5", "6+", "8", "11", "12+", "14", "17", "19+", "22", "26+", "30+"]
    tasks.append(
        Task(
            "km_median",
            "Overall survival in months for our 12-patient phase I cohort (+ = censored, still alive at last "
            f"follow-up): {', '.join(months)}\nWhat is the Kaplan-Meier median survival?",
            {"median": km_median(months)},
            km_median_by_hand(months),
        )
    )

    days = ["41", "55+", "63", "70", "70", "88+", "94", "102", "115+", "121", "140+", "150", "163+", "181+"]
    tasks.append(
        Task(
            "km_median",
            "Time to relapse (days) after transplant; a trailing + marks a censored observation.\n"
            f"{' '.join(days)}\nPlease estimate median relapse-free time using Kaplan-Meier.",
            {"median": km_median(days)},
            km_median_by_hand(days),
        )
    )
    return tasks


def logrank(g1: Sequence[str], g2: Sequence[str]) -> dict[str, float]:
    t1, e1 = parse_survival(g1)
    t2, e2 = parse_survival(g2)
    res = logrank_test(t1, t2, event_observed_A=e1, event_observed_B=e2)
    return {"chi2": float(res.test_statistic), "p": float(res.p_value)}


def logrank_tasks() -> list[Task]:
    tasks = []

    wt = ["62", "70", "75", "81+", "88", "93", "98", "104+", "110", "120+"]
    ko = ["35", "41", "48+", "52", "57", "63", "66", "74+", "79", "90"]
    tasks.append(
        Task(
            "logrank",
            "Survival (days) of wild type vs knockout mice, + = censored (sacrificed / lost):\n"
            f"wild type: {', '.join(wt)}\nknockout: {', '.join(ko)}\n"
            "log-rank test please - chi-square and p",
            logrank(wt, ko),
            logrank_by_hand(wt, ko),
        )
    )

    std = ["4", "7", "9+", "11", "13", "15+", "16", "20", "24+", "27", "31+", "36+"]
    new = ["6", "10+", "14", "19", "22+", "28", "33+", "35", "40+", "44+", "48+"]
    tasks.append(
        Task(
            "logrank",
            "Comparing progression-free survival between arms (months; values with '+' are censored).\n"
            f"Standard arm = [{'; '.join(std)}]\nNew arm = [{'; '.join(new)}]\n"
            "Please run a log-rank test and report the test statistic and p-value.",
            logrank(std, new),
            logrank_by_hand(std, new),
        )
    )
    return tasks


def cox_hr(reference: Sequence[str], other: Sequence[str]) -> dict[str, float]:
    t0, e0 = parse_survival(reference)
    t1, e1 = parse_survival(other)
    df = pd.DataFrame({"time": t0 + t1, "event": e0 + e1, "group": [0] * len(t0) + [1] * len(t1)})
    cph = CoxPHFitter().fit(df, duration_col="time", event_col="event")
    return {"hr": float(cph.hazard_ratios_["group"]), "p": float(cph.summary.loc["group", "p"])}


def cox_tasks() -> list[Task]:
    tasks = []

    wt = ["58", "66", "71+", "77", "85", "90+", "96", "103", "112+", "120+"]
    ko = ["31", "39", "44", "50+", "53", "60", "64+", "69", "75", "82"]
    res = cox_hr(wt, ko)
    tasks.append(
        Task(
            "cox",
            "Cox proportional hazards model with genotype as the only covariate. Survival in days, + = censored.\n"
            f"WT: {' '.join(wt)}\nKO: {' '.join(ko)}\n"
            "What is the hazard ratio for knockout relative to wild type?",
            {"hr": res["hr"]},
            {"hr": cox_by_statsmodels(wt, ko)["hr"]},
        )
    )

    placebo = ["5", "8", "8", "12", "14+", "17", "21", "23+", "26", "30+", "33", "36+"]
    treat = ["9", "13+", "18", "24", "27+", "31", "36+", "38", "42+", "45+", "48+", "50+"]
    res = cox_hr(placebo, treat)
    tasks.append(
        Task(
            "cox",
            "Hi all - time to first exacerbation (weeks), '+' marks patients censored without an event.\n"
            f"placebo: {', '.join(placebo)}\ntreatment: {', '.join(treat)}\n"
            "Could you fit a Cox model and give the hazard ratio of treatment vs placebo (placebo = reference) "
            "with its Wald p-value?",
            res,
            cox_by_statsmodels(placebo, treat),
            check_tol=1e-4,
        )
    )
    return tasks


def t_sample_size(d: float, power: float) -> float:
    return float(TTestIndPower().solve_power(effect_size=d, alpha=0.05, power=power))


def sample_size_t_tasks() -> list[Task]:
    tasks = []

    tasks.append(
        Task(
            "sample_size_t",
            "How many animals per group do we need for a two-sample t-test to detect a standardized effect size "
            "(Cohen's d) of 0.5 with 80% power at alpha = 0.05, two-sided?",
            {"n_per_group": t_sample_size(0.5, 0.80)},
            {"n_per_group": t_n_by_hand(0.5, 0.80)},
        )
    )
    tasks.append(
        Task(
            "sample_size_t",
            "grant due friday 😬 - sample size per arm for an independent two-sample t test, d = 0.8, "
            "90% power, two-sided alpha 0.05?",
            {"n_per_group": t_sample_size(0.8, 0.90)},
            {"n_per_group": t_n_by_hand(0.8, 0.90)},
        )
    )
    d = 5 / 12
    tasks.append(
        Task(
            "sample_size_t",
            "We expect the intervention to lower systolic BP by 5 mmHg relative to usual care, with a common SD "
            "of 12 mmHg. For a two-sided two-sample t-test at the 5% level with 90% power, how many participants "
            "are needed per group?",
            {"n_per_group": t_sample_size(d, 0.90)},
            {"n_per_group": t_n_by_hand(d, 0.90)},
        )
    )
    return tasks


def sample_size_prop_tasks() -> list[Task]:
    tasks = []

    h = proportion_effectsize(0.30, 0.15)
    n = float(NormalIndPower().solve_power(effect_size=h, alpha=0.05, power=0.80))
    tasks.append(
        Task(
            "sample_size_prop",
            "Sample size per group to compare two proportions: 30% event rate on control vs 15% expected on "
            "treatment, alpha 0.05 two-sided, 80% power. Please use Cohen's h (arcsine transformation) with the "
            "normal approximation.",
            {"n_per_group": n},
            {"n_per_group": prop_n_arcsine_by_hand(0.30, 0.15, 0.80)},
            check_tol=1e-3,  # the closed form ignores the far rejection tail, which statsmodels includes
        )
    )

    p1, p2 = 0.60, 0.45
    za, zb = stats.norm.isf(0.025), stats.norm.ppf(0.90)
    pbar = (p1 + p2) / 2
    n = float(
        (za * math.sqrt(2 * pbar * (1 - pbar)) + zb * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) ** 2 / (p1 - p2) ** 2
    )
    tasks.append(
        Task(
            "sample_size_prop",
            "What n per arm do we need to detect a difference in response rate of 60% vs 45% with 90% power and a "
            "two-sided alpha of 0.05? Use the usual normal-approximation formula with the pooled variance under "
            "the null and no continuity correction (i.e. what R's power.prop.test gives).",
            {"n_per_group": n},
            {"n_per_group": prop_n_pooled_by_root(p1, p2, 0.90)},
        )
    )
    return tasks


def power_tasks() -> list[Task]:
    tasks = []
    for n, d, prompt in [
        (
            20,
            0.6,
            "If we can only get 20 patients per group, what power does a two-sided two-sample t-test at alpha = "
            "0.05 have to detect an effect size of d = 0.6?",
        ),
        (
            35,
            0.5,
            "power check: two-sample t-test, n = 35 in each group, Cohen's d 0.5, alpha .05 (two-sided). "
            "what's the power?",
        ),
    ]:
        tasks.append(
            Task(
                "power_t",
                prompt,
                {"power": float(TTestIndPower().power(effect_size=d, nobs1=n, alpha=0.05))},
                {"power": t_power_by_hand(d, n)},
            )
        )
    return tasks


def multiplicity_tasks() -> list[Task]:
    tasks = []

    p = [0.001, 0.008, 0.039, 0.041, 0.042, 0.060]
    adj = multipletests(p, method="fdr_bh")[1]
    tasks.append(
        Task(
            "bh",
            f"Benjamini-Hochberg adjustment for these six p-values please, in this order: {join(p, ', ')}",
            numbered("p_adj", adj),
            numbered("p_adj", bh_by_hand(p)),
        )
    )

    p = [0.0042, 0.031, 0.0005, 0.27, 0.012, 0.048, 0.0089, 0.15]
    adj = multipletests(p, method="fdr_bh")[1]
    tasks.append(
        Task(
            "bh",
            "We tested 8 cytokines; raw p-values (IL-1b, IL-6, TNF, IL-10, IFNg, IL-17, IL-8, MCP-1):\n"
            f"{bracket(p)}\nCan you give FDR-adjusted q-values (Benjamini & Hochberg) in the same order?",
            numbered("p_adj", adj),
            numbered("p_adj", bh_by_hand(p)),
        )
    )

    p = [0.012, 0.003, 0.045, 0.021, 0.30]
    adj = multipletests(p, method="holm")[1]
    tasks.append(
        Task(
            "holm",
            f"holm correction on: {join(p, '; ')} (five secondary endpoints) - adjusted p's in the same order pls",
            numbered("p_adj", adj),
            numbered("p_adj", holm_by_hand(p)),
        )
    )

    p = [0.0031, 0.0112, 0.0094, 0.025, 0.47, 0.0008]
    adj = multipletests(p, method="holm")[1]
    tasks.append(
        Task(
            "holm",
            "Please apply the Holm (step-down Bonferroni) procedure to the following six p-values from our "
            f"pairwise comparisons and list the adjusted values in the original order: {join(p, ' ')}",
            numbered("p_adj", adj),
            numbered("p_adj", holm_by_hand(p)),
        )
    )
    return tasks


def shapiro_tasks() -> list[Task]:
    tasks = []

    hb = [13.2, 14.1, 12.8, 15.0, 13.7, 14.4, 12.5, 13.9, 14.8, 13.1, 14.2, 13.5, 12.9, 14.6, 13.3]
    res = stats.shapiro(hb)
    tasks.append(
        Task(
            "shapiro",
            f"Before I run a t-test - are these haemoglobin values (g/dL) normal? {join(hb)}\n"
            "Shapiro-Wilk W and p please.",
            {"w": res.statistic, "p": res.pvalue},
            shapiro_by_royston(hb),
        )
    )

    crp = [0.8, 1.1, 0.6, 2.4, 0.9, 5.7, 1.3, 0.7, 3.2, 1.0, 6.8, 1.6]
    res = stats.shapiro(crp)
    tasks.append(
        Task(
            "shapiro",
            "Test of normality (Shapiro-Wilk) for this CRP sample, mg/L:\n"
            f"{bracket(crp, '; ')}\nReport the W statistic and p-value.",
            {"w": res.statistic, "p": res.pvalue},
            shapiro_by_royston(crp),
        )
    )
    return tasks


def two_by_two_tasks() -> list[Task]:
    tasks = []

    rows = [[30, 70], [15, 85]]
    (a, b), (c, d) = rows
    tasks.append(
        Task(
            "or_rr",
            "Cohort data: of 100 exposed workers, 30 developed dermatitis (70 did not); of 100 unexposed workers, "
            "15 developed it (85 did not). Relative risk and odds ratio of dermatitis for exposed vs unexposed?",
            {"rr": (a / (a + b)) / (c / (c + d)), "odds_ratio": a * d / (b * c)},
            two_by_two_by_statsmodels(rows),
        )
    )

    rows = [[42, 58], [25, 125]]
    (a, b), (c, d) = rows
    tasks.append(
        Task(
            "or_rr",
            "Case-control study: among 100 cases, 42 were ever-smokers; among 150 controls, 25 were ever-smokers.\n"
            "What is the odds ratio of smoking (exposure) in cases vs controls?",
            {"odds_ratio": a * d / (b * c)},
            {"odds_ratio": two_by_two_by_statsmodels(rows)["odds_ratio"]},
        )
    )

    rows = [[18, 182], [9, 191]]
    (a, b), (c, d) = rows
    tasks.append(
        Task(
            "or_rr",
            "2x2, rows = new drug / standard, cols = adverse event yes / no\n"
            f"new drug: {a} {b}\nstandard: {c} {d}\n"
            "risk ratio for adverse events, new drug relative to standard?",
            {"rr": (a / (a + b)) / (c / (c + d))},
            {"rr": two_by_two_by_statsmodels(rows)["rr"]},
        )
    )
    return tasks


BUILDERS: list[Callable[[], list[Task]]] = [
    welch_tasks,
    student_tasks,
    paired_tasks,
    one_sample_tasks,
    mann_whitney_tasks,
    wilcoxon_tasks,
    kruskal_tasks,
    anova_tasks,
    chi_square_tasks,
    fisher_tasks,
    mcnemar_tasks,
    pearson_tasks,
    spearman_tasks,
    regression_tasks,
    logistic_tasks,
    km_tasks,
    logrank_tasks,
    cox_tasks,
    sample_size_t_tasks,
    sample_size_prop_tasks,
    power_tasks,
    multiplicity_tasks,
    shapiro_tasks,
    two_by_two_tasks,
]


def verify(task: Task) -> None:
    for name, value in task.expected.items():
        if not math.isfinite(value):
            raise ValueError(f"{task.family}: {name} is not finite ({value})")
        if abs(value) < 1e-3:
            raise ValueError(f"{task.family}: {name} = {value} is too close to zero for a relative tolerance")
    for name, first in task.expected.items():
        if name not in task.check:
            raise ValueError(f"{task.family}: {name} has no second computation")
        second = task.check[name]
        if not math.isclose(first, second, rel_tol=task.check_tol):
            raise ValueError(f"{task.family}: {name} = {first} but the second computation gives {second}")


def build() -> list[Task]:
    tasks = [task for builder in BUILDERS for task in builder()]
    for task in tasks:
        verify(task)
    return tasks


def main() -> None:
    tasks = build()
    lines = []
    for i, task in enumerate(tasks, start=1):
        record = {
            "id": f"holdout-{i:02d}",
            "prompt": task.prompt,
            "expected": {name: rounded(float(value)) for name, value in task.expected.items()},
            "rel_tol": REL_TOL,
        }
        lines.append(json.dumps(record))
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(tasks)} tasks to {OUT}")


if __name__ == "__main__":
    main()
