"""Write ``analysis_sealed.jsonl``: a sealed set of Slack-style analysis requests for labbot.

The set was written independently of labbot's recipes and of the dev/test sets. Every answerable item
pastes real, offline data (R's ``datasets``, ``MASS`` and ``survival`` packages, ``lifelines.datasets``, or
counts exactly as published papers report them), names one supported analysis and its variant, and carries the
headline numbers that R computes for exactly the data in the prompt. Must-decline items name an analysis that no
supported recipe covers, or give data that cannot support the named analysis.

R is the reference. Each answerable item is computed by its own R snippet (run through ``Rscript``) and recomputed
in Python (scipy / statsmodels / lifelines, or the closed-form formula R uses); the generator asserts that the two
agree for every number kept in ``expected``. Tolerances are tight (1e-6 relative) except where R itself solves only
to a coarse tolerance (fisher.test's conditional MLE and CI, power.t.test / power.prop.test via uniroot) or where the
optimiser or algorithm differs slightly (Shapiro-Wilk, GLM, Cox); each such case is commented where its ``Ref`` is
built. A key with no Python equivalent would have to be listed in ``Ref.r_only``; the current set has none.

Must-decline items about insufficient or inconsistent data use small constructed messages (a two-point pilot, a
hypothetical single observation, contradictory totals); everything else pastes the real data named in ``source``.

Run from anywhere:  /work/main/.venv/bin/python evaluation/data/make_analysis_sealed.py
The output is byte-identical between runs (same R and Python versions).
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import optimize, stats

OUT = Path(__file__).with_name("analysis_sealed.jsonl")
TINY = 1e-3  # headline numbers smaller than this in absolute value are left out of ``expected``
MAX_PROMPT = 3000


# ----------------------------------------------------------------------------------------------------------------
# R plumbing
# ----------------------------------------------------------------------------------------------------------------

R_PRELUDE = """
options(warn = -1)
out <- function(...) {
  v <- list(...)
  setNames(vapply(v, function(z) as.numeric(z)[1], numeric(1)), names(v))
}
"""


def run_r(code: str) -> str:
    """Run R code with Rscript and return its standard output."""
    with tempfile.NamedTemporaryFile("w", suffix=".R", delete=False) as fh:
        # survival is slow to attach, so only snippets that use it load it (MASS:: and survival:: load lazily)
        needs_survival = "Surv(" in code or "survdiff" in code
        fh.write(R_PRELUDE + ("suppressMessages(library(survival))\n" if needs_survival else "") + code)
        path = Path(fh.name)
    try:
        proc = subprocess.run(
            ["Rscript", "--vanilla", str(path)], capture_output=True, text=True, check=False, timeout=120
        )
    finally:
        path.unlink()
    if proc.returncode != 0:
        raise RuntimeError(f"R failed:\n{code}\n{proc.stderr}")
    return proc.stdout


def r_values(code: str) -> dict[str, float]:
    """Evaluate an R snippet whose value is ``out(name = value, ...)`` and return the named numbers."""
    text = run_r(f'res <- local({{\n{code}\n}})\ncat(sprintf("%s\\t%.17g\\n", names(res), res), sep = "")\n')
    values: dict[str, float] = {}
    for line in text.strip().splitlines():
        name, value = line.split("\t")
        values[name] = float(value)
    return values


@cache
def r_data(expr: str) -> pd.DataFrame:
    """An R data set (or any data-frame expression) as a pandas frame; R's row names become column ``_row``."""
    text = run_r(
        f"d <- as.data.frame({expr})\nwrite.csv(cbind(`_row` = rownames(d), d), stdout(), row.names = FALSE)\n"
    )
    return pd.read_csv(io.StringIO(text), keep_default_na=True)


@cache
def r_print(code: str) -> str:
    """What R prints at the console for ``code`` (used for pasted console output)."""
    return run_r(f"options(width = 80)\nsuppressMessages(library(MASS))\n{code}\n").rstrip("\n")


# ----------------------------------------------------------------------------------------------------------------
# number formatting shared by prompts and R code (so R computes on exactly the pasted numbers)
# ----------------------------------------------------------------------------------------------------------------


def num(v: float) -> str:
    f = float(v)
    if f.is_integer():
        return str(int(f))
    return repr(f)


def dec(v: float, digits: int) -> str:
    """Fixed decimals for display; the shown text must be the exact value R gets."""
    text = f"{float(v):.{digits}f}"
    assert float(text) == float(v), (v, digits)
    return text


def rvec(xs: Sequence[float]) -> str:
    return "c(" + ", ".join(num(x) for x in xs) + ")"


def rstr(xs: Sequence[str]) -> str:
    return "c(" + ", ".join(json.dumps(str(x)) for x in xs) + ")"


def comma(xs: Sequence[float], sep: str = ", ") -> str:
    return sep.join(num(x) for x in xs)


def col(df: pd.DataFrame, name: str) -> list[float]:
    return [float(v) for v in df[name]]


def sig6(v: float) -> float:
    return float(f"{v:.6g}")


def has_ties(xs: Sequence[float]) -> bool:
    return len(set(xs)) < len(xs)


def table_text(rows: Sequence[Sequence[object]], sep: str = ",") -> str:
    return "\n".join(sep.join(str(c) for c in row) for row in rows)


def aligned(rows: Sequence[Sequence[object]], right: bool = True) -> str:
    """Whitespace-aligned columns, like a pasted console printout."""
    cells = [[str(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(cells[0]))]
    just = str.rjust if right else str.ljust
    return "\n".join("  ".join(just(c, w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells)


def markdown(header: Sequence[object], rows: Sequence[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(str(h) for h in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


# ----------------------------------------------------------------------------------------------------------------
# reference recipes: R code plus an independent Python recomputation
# ----------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ref:
    r: str  # R snippet ending in out(...)
    py: dict[str, float]  # the same quantities recomputed in Python
    tol: float = 1e-6  # relative agreement demanded between R and Python
    r_only: tuple[str, ...] = ()  # keys with no Python equivalent (reason documented where the Ref is built)


def ref_t_two(x: Sequence[float], y: Sequence[float], pooled: bool) -> Ref:
    """Two-sample t (Welch or pooled) for mean(x) - mean(y)."""
    r = (
        f"x <- {rvec(x)}; y <- {rvec(y)}\n"
        f"tt <- t.test(x, y, var.equal = {'TRUE' if pooled else 'FALSE'})\n"
        "out(t = tt$statistic, df = tt$parameter, p = tt$p.value, mean_diff = mean(x) - mean(y),"
        " ci_lower = tt$conf.int[1], ci_upper = tt$conf.int[2])"
    )
    res = stats.ttest_ind(x, y, equal_var=pooled)
    ci = res.confidence_interval()
    py = {
        "t": res.statistic,
        "df": res.df,
        "p": res.pvalue,
        "mean_diff": np.mean(x) - np.mean(y),
        "ci_lower": ci.low,
        "ci_upper": ci.high,
    }
    return Ref(r, py)


def ref_t_paired(x: Sequence[float], y: Sequence[float]) -> Ref:
    """Paired t for the differences x - y."""
    r = (
        f"x <- {rvec(x)}; y <- {rvec(y)}\n"
        "tt <- t.test(x, y, paired = TRUE)\n"
        "out(t = tt$statistic, df = tt$parameter, p = tt$p.value, mean_diff = mean(x - y),"
        " ci_lower = tt$conf.int[1], ci_upper = tt$conf.int[2])"
    )
    res = stats.ttest_rel(x, y)
    ci = res.confidence_interval()
    py = {
        "t": res.statistic,
        "df": res.df,
        "p": res.pvalue,
        "mean_diff": float(np.mean(np.subtract(x, y))),
        "ci_lower": ci.low,
        "ci_upper": ci.high,
    }
    return Ref(r, py)


def ref_t_one(x: Sequence[float], mu: float) -> Ref:
    r = (
        f"x <- {rvec(x)}\ntt <- t.test(x, mu = {num(mu)})\n"
        "out(t = tt$statistic, df = tt$parameter, p = tt$p.value, mean = mean(x),"
        " ci_lower = tt$conf.int[1], ci_upper = tt$conf.int[2])"
    )
    res = stats.ttest_1samp(x, mu)
    ci = res.confidence_interval()
    py = {
        "t": res.statistic,
        "df": res.df,
        "p": res.pvalue,
        "mean": np.mean(x),
        "ci_lower": ci.low,
        "ci_upper": ci.high,
    }
    return Ref(r, py)


def tukey_key(a: str, b: str) -> str:
    return f"p_tukey_{a}_vs_{b}"


def ref_anova(groups: Mapping[str, Sequence[float]], tukey: Sequence[tuple[str, str]] = ()) -> Ref:
    """One-way ANOVA; Tukey HSD adjusted p for the listed pairs (R names a pair 'later-earlier')."""
    labels = list(groups)
    values = [v for g in labels for v in groups[g]]
    names = [g for g in labels for _ in groups[g]]
    tk = "".join(f", {tukey_key(a, b)} = tk[{json.dumps(a + '-' + b)}, 'p adj']" for a, b in tukey)
    r = (
        f"y <- {rvec(values)}\ng <- factor({rstr(names)}, levels = {rstr(labels)})\n"
        "fit <- aov(y ~ g); s <- summary(fit)[[1]]; tk <- TukeyHSD(fit)$g\n"
        f"out(F = s[1, 'F value'], df1 = s[1, 'Df'], df2 = s[2, 'Df'], p = s[1, 'Pr(>F)']{tk})"
    )
    arrays = [np.asarray(groups[g], float) for g in labels]
    f = stats.f_oneway(*arrays)
    n = len(values)
    py = {"F": f.statistic, "df1": len(labels) - 1, "df2": n - len(labels), "p": f.pvalue}
    if tukey:
        hsd = stats.tukey_hsd(*arrays)
        for a, b in tukey:
            py[tukey_key(a, b)] = hsd.pvalue[labels.index(a), labels.index(b)]
    # Tukey p-values integrate the studentized range numerically (R's ptukey vs scipy's), agreeing to ~1e-6.
    return Ref(r, py, tol=1e-5)


def ref_rank_sum(x: Sequence[float], y: Sequence[float], exact: bool, correct: bool = True) -> Ref:
    """Wilcoxon rank-sum / Mann-Whitney; W is R's statistic for x (= U of x)."""
    assert not (exact and (has_ties(list(x) + list(y)))), "R cannot do the exact test with ties"
    r = (
        f"x <- {rvec(x)}; y <- {rvec(y)}\n"
        f"w <- wilcox.test(x, y, exact = {'TRUE' if exact else 'FALSE'}, correct = {'TRUE' if correct else 'FALSE'})\n"
        "out(W = w$statistic, p = w$p.value)"
    )
    res = stats.mannwhitneyu(x, y, method="exact" if exact else "asymptotic", use_continuity=correct)
    return Ref(r, {"W": res.statistic, "p": res.pvalue})


def ref_signed_rank(d_x: Sequence[float], d_y: Sequence[float] | None, mu: float, exact: bool) -> Ref:
    """Wilcoxon signed-rank on x - y (paired) or x - mu; V = sum of ranks of positive differences."""
    x = np.asarray(d_x, float)
    diffs = x - np.asarray(d_y, float) if d_y is not None else x - mu
    diffs = diffs[diffs != 0]
    assert not (exact and has_ties(list(np.abs(diffs)))), "R cannot do the exact test with ties"
    if d_y is not None:
        call = f"wilcox.test(x, y, paired = TRUE, exact = {'TRUE' if exact else 'FALSE'})"
        data = f"x <- {rvec(d_x)}; y <- {rvec(d_y)}"
    else:
        call = f"wilcox.test(x, mu = {num(mu)}, exact = {'TRUE' if exact else 'FALSE'})"
        data = f"x <- {rvec(d_x)}"
    r = f"{data}\nw <- {call}\nout(V = w$statistic, p = w$p.value)"
    ranks = stats.rankdata(np.abs(diffs))
    res = stats.wilcoxon(diffs, method="exact" if exact else "approx", correction=True)
    return Ref(r, {"V": float(ranks[diffs > 0].sum()), "p": res.pvalue})


def ref_kruskal(groups: Mapping[str, Sequence[float]]) -> Ref:
    labels = list(groups)
    values = [v for g in labels for v in groups[g]]
    names = [g for g in labels for _ in groups[g]]
    r = (
        f"y <- {rvec(values)}; g <- factor({rstr(names)})\nk <- kruskal.test(y, g)\n"
        "out(H = k$statistic, df = k$parameter, p = k$p.value)"
    )
    res = stats.kruskal(*[groups[g] for g in labels])
    return Ref(r, {"H": res.statistic, "df": len(labels) - 1, "p": res.pvalue})


def ref_shapiro(x: Sequence[float]) -> Ref:
    r = f"x <- {rvec(x)}\ns <- shapiro.test(x)\nout(W = s$statistic, p = s$p.value)"
    res = stats.shapiro(x)
    # scipy and R both implement Royston's AS R94 but in single vs double precision: agreement to ~1e-4.
    return Ref(r, {"W": res.statistic, "p": res.pvalue}, tol=2e-4)


def ref_chisq(table: Sequence[Sequence[int]], correct: bool) -> Ref:
    m = np.asarray(table)
    r = (
        f"m <- matrix({rvec(m.flatten().tolist())}, nrow = {m.shape[0]}, byrow = TRUE)\n"
        f"ch <- chisq.test(m, correct = {'TRUE' if correct else 'FALSE'})\n"
        "out(chisq = ch$statistic, df = ch$parameter, p = ch$p.value)"
    )
    res = stats.chi2_contingency(m, correction=correct)
    return Ref(r, {"chisq": res.statistic, "df": res.dof, "p": res.pvalue})


def ref_fisher(table: Sequence[Sequence[int]]) -> Ref:
    """Fisher's exact test on a 2x2; R's odds ratio is the conditional MLE with its exact CI."""
    m = np.asarray(table)
    r = (
        f"m <- matrix({rvec(m.flatten().tolist())}, nrow = 2, byrow = TRUE)\nf <- fisher.test(m)\n"
        "out(p = f$p.value, or = f$estimate, ci_lower = f$conf.int[1], ci_upper = f$conf.int[2])"
    )
    cond = stats.contingency.odds_ratio(m, kind="conditional")
    ci = cond.confidence_interval()
    py = {"p": stats.fisher_exact(m).pvalue, "or": cond.statistic, "ci_lower": ci.low, "ci_upper": ci.high}
    # fisher.test finds the MLE and CI limits with uniroot at its default tolerance, so R's OR and limits are only
    # good to a few parts in 1e3 against scipy's tighter roots; the reference numbers are R's.
    return Ref(r, py, tol=5e-3)


def ref_mcnemar_chisq(a: int, b: int, c: int, d: int, correct: bool) -> Ref:
    """McNemar chi-square on [[a, b], [c, d]] (b and c discordant)."""
    r = (
        f"m <- matrix(c({a}, {b}, {c}, {d}), nrow = 2, byrow = TRUE)\n"
        f"mc <- mcnemar.test(m, correct = {'TRUE' if correct else 'FALSE'})\n"
        "out(chisq = mc$statistic, df = mc$parameter, p = mc$p.value)"
    )
    stat = (abs(b - c) - (1 if correct else 0)) ** 2 / (b + c)
    return Ref(r, {"chisq": stat, "df": 1, "p": stats.chi2.sf(stat, 1)})


def ref_mcnemar_exact(b: int, c: int) -> Ref:
    """Exact McNemar = exact binomial test on the discordant pairs (as exact2x2::mcnemar.exact does).

    The conditional odds ratio b/c and its CI come from the Clopper-Pearson interval of b/(b+c).
    """
    r = (
        f"bt <- binom.test({b}, {b + c})\nci <- bt$conf.int\n"
        f"out(p = bt$p.value, or = {b} / {c}, ci_lower = ci[1] / (1 - ci[1]), ci_upper = ci[2] / (1 - ci[2]))"
    )
    bt = stats.binomtest(b, b + c)
    ci = bt.proportion_ci(method="exact")
    py = {"p": bt.pvalue, "or": b / c, "ci_lower": ci.low / (1 - ci.low), "ci_upper": ci.high / (1 - ci.high)}
    return Ref(r, py)


def ref_two_by_two(measure: str, e1: int, n1: int, e0: int, n0: int) -> Ref:
    """OR (Woolf), RR (Katz log) or RD (Wald) of group 1 versus reference group 0 from events/totals."""
    z = stats.norm.ppf(0.975)
    a, b, c, d = e1, n1 - e1, e0, n0 - e0
    head = f"a <- {a}; b <- {b}; c <- {c}; d <- {d}; z <- qnorm(0.975)\n"
    if measure == "or":
        r = head + "est <- (a * d) / (b * c); se <- sqrt(1/a + 1/b + 1/c + 1/d)\n"
        r += "out(or = est, ci_lower = exp(log(est) - z * se), ci_upper = exp(log(est) + z * se))"
        est, se = (a * d) / (b * c), math.sqrt(1 / a + 1 / b + 1 / c + 1 / d)
        py = {"or": est, "ci_lower": math.exp(math.log(est) - z * se), "ci_upper": math.exp(math.log(est) + z * se)}
    elif measure == "rr":
        r = head + "p1 <- a / (a + b); p0 <- c / (c + d); est <- p1 / p0\n"
        r += "se <- sqrt(1/a - 1/(a + b) + 1/c - 1/(c + d))\n"
        r += "out(rr = est, ci_lower = exp(log(est) - z * se), ci_upper = exp(log(est) + z * se))"
        est = (a / (a + b)) / (c / (c + d))
        se = math.sqrt(1 / a - 1 / (a + b) + 1 / c - 1 / (c + d))
        py = {"rr": est, "ci_lower": math.exp(math.log(est) - z * se), "ci_upper": math.exp(math.log(est) + z * se)}
    else:
        r = head + "p1 <- a / (a + b); p0 <- c / (c + d); est <- p1 - p0\n"
        r += "se <- sqrt(p1 * (1 - p1) / (a + b) + p0 * (1 - p0) / (c + d))\n"
        r += "out(rd = est, ci_lower = est - z * se, ci_upper = est + z * se)"
        p1, p0 = a / (a + b), c / (c + d)
        se = math.sqrt(p1 * (1 - p1) / (a + b) + p0 * (1 - p0) / (c + d))
        py = {"rd": p1 - p0, "ci_lower": p1 - p0 - z * se, "ci_upper": p1 - p0 + z * se}
    return Ref(r, py)


def ref_pearson(x: Sequence[float], y: Sequence[float]) -> Ref:
    r = (
        f"x <- {rvec(x)}; y <- {rvec(y)}\nct <- cor.test(x, y)\n"
        "out(r = ct$estimate, t = ct$statistic, df = ct$parameter, p = ct$p.value,"
        " ci_lower = ct$conf.int[1], ci_upper = ct$conf.int[2])"
    )
    res = stats.pearsonr(x, y)
    ci = res.confidence_interval()
    n = len(x)
    t = res.statistic * math.sqrt((n - 2) / (1 - res.statistic**2))
    py = {"r": res.statistic, "t": t, "df": n - 2, "p": res.pvalue, "ci_lower": ci.low, "ci_upper": ci.high}
    return Ref(r, py)


def ref_spearman(x: Sequence[float], y: Sequence[float]) -> Ref:
    """Spearman with ties in the data, so R (like scipy) uses the t approximation for p."""
    assert has_ties(x) or has_ties(y), "without ties R would use an exact/Edgeworth p that scipy lacks"
    r = (
        f"x <- {rvec(x)}; y <- {rvec(y)}\nct <- cor.test(x, y, method = 'spearman')\n"
        "out(rho = ct$estimate, S = ct$statistic, p = ct$p.value)"
    )
    res = stats.spearmanr(x, y)
    n = len(x)
    # R reports S = (n^3 - n)(1 - rho) / 6 (the sum of squared rank differences when there are no ties).
    return Ref(r, {"rho": res.statistic, "S": (n**3 - n) * (1 - res.statistic) / 6, "p": res.pvalue})


def ref_kendall(x: Sequence[float], y: Sequence[float]) -> Ref:
    """Kendall's tau-b with ties in the data, so R (like scipy) uses the tie-corrected normal approximation."""
    assert has_ties(x) or has_ties(y), "without ties R would use the exact p-value"
    r = (
        f"x <- {rvec(x)}; y <- {rvec(y)}\nct <- cor.test(x, y, method = 'kendall')\n"
        "out(tau = ct$estimate, p = ct$p.value)"
    )
    res = stats.kendalltau(x, y, method="asymptotic")
    return Ref(r, {"tau": res.statistic, "p": res.pvalue})


def ref_lm(x: Sequence[float], y: Sequence[float]) -> Ref:
    import statsmodels.api as sm

    r = (
        f"x <- {rvec(x)}; y <- {rvec(y)}\nfit <- lm(y ~ x); s <- summary(fit); cf <- coef(s)\n"
        "ci <- confint(fit)\n"
        "out(intercept = cf[1, 1], slope = cf[2, 1], slope_se = cf[2, 2], slope_p = cf[2, 4],"
        " r_squared = s$r.squared, slope_ci_lower = ci[2, 1], slope_ci_upper = ci[2, 2])"
    )
    fit = sm.OLS(np.asarray(y, float), sm.add_constant(np.asarray(x, float))).fit()
    ci = fit.conf_int()
    py = {
        "intercept": fit.params[0],
        "slope": fit.params[1],
        "slope_se": fit.bse[1],
        "slope_p": fit.pvalues[1],
        "r_squared": fit.rsquared,
        "slope_ci_lower": ci[1, 0],
        "slope_ci_upper": ci[1, 1],
    }
    return Ref(r, py)


def ref_logistic(x: Sequence[float], events: Sequence[float], trials: Sequence[float] | None = None) -> Ref:
    """Logistic regression of a binary outcome on one numeric predictor (Wald z p, OR per unit of x).

    With ``trials`` the data are grouped: ``events`` successes out of ``trials`` at each x.
    """
    import statsmodels.api as sm

    if trials is None:
        r_fit = f"x <- {rvec(x)}; y <- {rvec(events)}\nfit <- glm(y ~ x, family = binomial)\n"
        endog = np.asarray(events, float)
        fit = sm.GLM(endog, sm.add_constant(np.asarray(x, float)), family=sm.families.Binomial()).fit(tol=1e-12)
    else:
        r_fit = f"x <- {rvec(x)}; k <- {rvec(events)}; n <- {rvec(trials)}\n"
        r_fit += "fit <- glm(cbind(k, n - k) ~ x, family = binomial)\n"
        endog = np.column_stack([events, np.subtract(trials, events)]).astype(float)
        fit = sm.GLM(endog, sm.add_constant(np.asarray(x, float)), family=sm.families.Binomial()).fit(tol=1e-12)
    r = r_fit + (
        "fit <- update(fit, control = glm.control(epsilon = 1e-14, maxit = 100)); cf <- coef(summary(fit))\n"
        "out(intercept = cf[1, 1], slope = cf[2, 1], slope_se = cf[2, 2], or = exp(cf[2, 1]), p = cf[2, 4])"
    )
    py = {
        "intercept": fit.params[0],
        "slope": fit.params[1],
        "slope_se": fit.bse[1],
        "or": math.exp(fit.params[1]),
        "p": fit.pvalues[1],
    }
    # both sides run IRLS to a tight tolerance; agreement is ~1e-8, 1e-5 leaves room for the convergence rule.
    return Ref(r, py, tol=1e-5)


def ref_km(time: Sequence[float], event: Sequence[int], at: Sequence[float], median: bool = True) -> Ref:
    """Kaplan-Meier median (when reached) and S(t) at the listed times."""
    from lifelines import KaplanMeierFitter

    at_keys = [f"surv_{num(t)}" for t in at]
    surv = ", ".join(f"{k} = sm$surv[{i + 1}]" for i, k in enumerate(at_keys))
    med = "median = unname(summary(fit)$table['median']), " if median else ""
    r = (
        f"tm <- {rvec(time)}; ev <- {rvec(event)}\nfit <- survfit(Surv(tm, ev) ~ 1)\n"
        f"sm <- summary(fit, times = {rvec(at)})\n"
        f"out({med}{surv})"
    )
    kmf = KaplanMeierFitter().fit(time, event)
    sf = kmf.survival_function_.iloc[:, 0]
    assert not np.any(np.isclose(sf.to_numpy(), 0.5)), "R averages two times when S(t) sits at exactly 0.5"
    py = {"median": float(kmf.median_survival_time_)} if median else {}
    for k, t in zip(at_keys, at, strict=True):
        py[k] = float(kmf.survival_function_at_times(t).iloc[0])
    return Ref(r, py)


def ref_logrank(time: Sequence[float], event: Sequence[int], group: Sequence[str]) -> Ref:
    from lifelines.statistics import multivariate_logrank_test

    r = (
        f"tm <- {rvec(time)}; ev <- {rvec(event)}; g <- factor({rstr(group)})\n"
        "sd <- survdiff(Surv(tm, ev) ~ g)\ndf <- length(sd$n) - 1\n"
        "out(chisq = sd$chisq, df = df, p = pchisq(sd$chisq, df, lower.tail = FALSE))"
    )
    res = multivariate_logrank_test(np.asarray(time, float), np.asarray(group), np.asarray(event))
    return Ref(r, {"chisq": res.test_statistic, "df": res.degrees_of_freedom, "p": res.p_value}, tol=1e-6)


def ref_cox(time: Sequence[float], event: Sequence[int], group: Sequence[str], ref: str) -> Ref:
    """Cox model with a two-level group as the only covariate (Efron ties): HR of the other level vs ``ref``."""
    from lifelines import CoxPHFitter

    levels = sorted(set(group))
    assert len(levels) == 2 and ref in levels
    other = next(g for g in levels if g != ref)
    r = (
        f"tm <- {rvec(time)}; ev <- {rvec(event)}\n"
        f"g <- factor({rstr(group)}, levels = {rstr([ref, other])})\n"
        "fit <- coxph(Surv(tm, ev) ~ g, ties = 'efron', control = coxph.control(eps = 1e-12, iter.max = 50))\n"
        "s <- summary(fit)\n"
        "out(hr = s$conf.int[1, 1], ci_lower = s$conf.int[1, 3], ci_upper = s$conf.int[1, 4],"
        " p = s$coefficients[1, 5])"
    )
    df = pd.DataFrame({"T": time, "E": event, "x": [1.0 if g == other else 0.0 for g in group]})
    cph = CoxPHFitter().fit(df, "T", "E")
    coef, se = float(cph.params_["x"]), float(cph.standard_errors_["x"])
    z = stats.norm.ppf(0.975)
    py = {
        "hr": math.exp(coef),
        "ci_lower": math.exp(coef - z * se),
        "ci_upper": math.exp(coef + z * se),
        "p": 2 * stats.norm.sf(abs(coef / se)),
    }
    # lifelines and coxph both use Efron's partial likelihood; their Newton stopping rules differ slightly.
    return Ref(r, py, tol=1e-5)


def _t_power(n: float, delta: float, sd: float, alpha: float) -> float:
    """power.t.test's two-sample, two-sided power (strict = FALSE)."""
    nu = 2 * (n - 1)
    return float(stats.nct.sf(stats.t.isf(alpha / 2, nu), nu, math.sqrt(n / 2) * delta / sd))


# power.t.test / power.prop.test solve for n or delta with uniroot(tol = .Machine$double.eps^0.25), so R's solved
# values agree with an exact root only to ~1e-4 relative; the reference numbers are R's.
UNIROOT_TOL = 1e-3


def ref_t_sample_size(delta: float, sd: float, power: float, alpha: float = 0.05) -> Ref:
    """n per group for a two-sample t-test, and the power actually reached with n rounded up."""
    r = (
        f"pw <- power.t.test(delta = {num(delta)}, sd = {num(sd)}, power = {num(power)}, sig.level = {num(alpha)})\n"
        f"pc <- power.t.test(n = ceiling(pw$n), delta = {num(delta)}, sd = {num(sd)}, sig.level = {num(alpha)})\n"
        "out(n = pw$n, power_at_ceiling_n = pc$power)"
    )
    n = optimize.brentq(lambda m: _t_power(m, delta, sd, alpha) - power, 2.0, 1e6, xtol=1e-12)
    return Ref(r, {"n": n, "power_at_ceiling_n": _t_power(math.ceil(n), delta, sd, alpha)}, tol=UNIROOT_TOL)


def ref_t_power(n: int, delta: float, sd: float, alpha: float = 0.05, target: float = 0.9) -> Ref:
    """Power of a two-sample t-test with n per group, and the difference detectable with ``target`` power."""
    r = (
        f"pw <- power.t.test(n = {n}, delta = {num(delta)}, sd = {num(sd)}, sig.level = {num(alpha)})\n"
        f"dd <- power.t.test(n = {n}, sd = {num(sd)}, power = {num(target)}, sig.level = {num(alpha)})\n"
        "out(power = pw$power, detectable_delta = dd$delta)"
    )
    det = optimize.brentq(lambda d: _t_power(n, d, sd, alpha) - target, 1e-6, 100 * sd, xtol=1e-12)
    return Ref(r, {"power": _t_power(n, delta, sd, alpha), "detectable_delta": det}, tol=UNIROOT_TOL)


def _prop_power(n: float, p1: float, p2: float, alpha: float) -> float:
    """power.prop.test's two-sided power (strict = FALSE)."""
    q = stats.norm.isf(alpha / 2)
    pbar = (p1 + p2) / 2
    num_ = math.sqrt(n) * abs(p1 - p2) - q * math.sqrt((p1 + p2) * (1 - pbar))
    return float(stats.norm.cdf(num_ / math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))))


def ref_prop_sample_size(p1: float, p2: float, power: float, alpha: float = 0.05) -> Ref:
    r = (
        f"pw <- power.prop.test(p1 = {num(p1)}, p2 = {num(p2)}, power = {num(power)}, sig.level = {num(alpha)})\n"
        f"pc <- power.prop.test(n = ceiling(pw$n), p1 = {num(p1)}, p2 = {num(p2)}, sig.level = {num(alpha)})\n"
        "out(n = pw$n, power_at_ceiling_n = pc$power)"
    )
    n = optimize.brentq(lambda m: _prop_power(m, p1, p2, alpha) - power, 2.0, 1e7, xtol=1e-12)
    return Ref(r, {"n": n, "power_at_ceiling_n": _prop_power(math.ceil(n), p1, p2, alpha)}, tol=UNIROOT_TOL)


def ref_p_adjust(labels: Sequence[str], ps: Sequence[float], method: str) -> Ref:
    from statsmodels.stats.multitest import multipletests

    keys = [f"p_adj_{lab}" for lab in labels]
    r = (
        f"p <- p.adjust({rvec(ps)}, method = {json.dumps(method)})\n"
        "out(" + ", ".join(f"{k} = p[{i + 1}]" for i, k in enumerate(keys)) + ")"
    )
    sm_method = {"bonferroni": "bonferroni", "holm": "holm", "BH": "fdr_bh"}[method]
    adj = multipletests(ps, method=sm_method)[1]
    return Ref(r, dict(zip(keys, (float(a) for a in adj), strict=True)))


# ----------------------------------------------------------------------------------------------------------------
# items
# ----------------------------------------------------------------------------------------------------------------


@dataclass
class Item:
    prompt: str
    analysis: str
    source: str
    form: str
    expect: str = "answer"
    variant: str = ""
    ref: Ref | None = None
    keys: Sequence[str] = ()
    rel_tol: float = 0.01
    why: str = ""
    reason_mentions: Sequence[str] = field(default_factory=tuple)


def answer(prompt: str, analysis: str, variant: str, ref: Ref, keys: Sequence[str], **kw: object) -> Item:
    return Item(prompt=prompt.strip(), analysis=analysis, variant=variant, ref=ref, keys=keys, **kw)  # type: ignore[arg-type]


def decline(prompt: str, analysis: str, why: str, mentions: Sequence[str], **kw: object) -> Item:
    return Item(prompt=prompt.strip(), analysis=analysis, expect="decline", why=why, reason_mentions=mentions, **kw)  # type: ignore[arg-type]


def expected_values(item: Item) -> dict[str, float]:
    """Run the item's R snippet, check it against Python, and keep the requested headline numbers."""
    assert item.ref is not None
    got = r_values(item.ref.r)
    for key in item.keys:
        if key not in item.ref.py:
            continue
        py_value = item.ref.py[key]
        assert math.isclose(got[key], py_value, rel_tol=item.ref.tol, abs_tol=1e-12), (
            item.analysis,
            item.variant,
            key,
            got[key],
            py_value,
        )
    unchecked = set(item.keys) - set(item.ref.py)
    assert unchecked <= set(item.ref.r_only), (item.analysis, unchecked)
    kept = {k: sig6(got[k]) for k in item.keys if abs(got[k]) >= TINY}
    assert 2 <= len(kept) <= 5, (item.analysis, item.variant, kept)
    return kept


# ---- t-tests ---------------------------------------------------------------------------------------------------


def welch_items() -> list[Item]:
    items = []
    cw = r_data("chickwts")
    horse = col(cw[cw["feed"] == "horsebean"], "weight")
    lin = col(cw[cw["feed"] == "linseed"], "weight")
    prompt = f"""
hey all 👋 quick one from the old feed trial (chicks weighed at 6 wks, grams).
horsebean group: {comma(horse)}
the linseed birds came out at {comma(lin, " ")}
Cuold someone run a Welch two-sample t-test (unequal variances, NOT pooled) for linseed minus horsebean? \
I need t, df, the p-value and the 95% CI for the difference. thx!"""
    items.append(
        answer(
            prompt,
            "welch_t",
            "welch; linseed minus horsebean",
            ref_t_two(lin, horse, pooled=False),
            ["t", "df", "p", "ci_lower", "ci_upper"],
            source="R datasets::chickwts (horsebean, linseed)",
            form="comma list and space list per group, phrased differently",
        )
    )

    ir = r_data("iris")
    sub = pd.concat([ir.iloc[50:62], ir.iloc[100:112]])
    rows = [["specimen", "species", "sepal_w_cm"]] + [
        [f"IR{int(r['_row']):03d}", r["Species"], dec(r["Sepal.Width"], 1)] for _, r in sub.iterrows()
    ]
    virg = col(sub[sub["Species"] == "virginica"], "Sepal.Width")
    vers = col(sub[sub["Species"] == "versicolor"], "Sepal.Width")
    prompt = f"""
Pasting straight from the sheet (24 flowers, collected summer 2019):

{table_text(rows, sep=chr(9))}

Welch t-test please, difference = virginica minus versicolor in sepal width. t, df, p and 95% CI."""
    items.append(
        answer(
            prompt,
            "welch_t",
            "welch; virginica minus versicolor",
            ref_t_two(virg, vers, pooled=False),
            ["t", "df", "p", "ci_lower", "ci_upper"],
            source="R datasets::iris rows 51-62 and 101-112",
            form="TSV spreadsheet paste, long format with an id column",
        )
    )

    cats = r_data("MASS::cats").iloc[1::4]
    rows = [["Sex", "Bwt", "Hwt"]] + [[r["Sex"], dec(r["Bwt"], 1), dec(r["Hwt"], 1)] for _, r in cats.iterrows()]
    male = col(cats[cats["Sex"] == "M"], "Hwt")
    female = col(cats[cats["Sex"] == "F"], "Hwt")
    prompt = f"""
Hi labbot, cat necropsy data below (Bwt = body wt in kg, Hwt = heart wt in g). Ignore Bwt for now.
{table_text(rows)}
Is heart weight different between the sexes? Use the Welch (unequal variance) t-test, M − F. \
Report t, df, p value and the 95% confidence interval."""
    items.append(
        answer(
            prompt,
            "welch_t",
            "welch; M minus F",
            ref_t_two(male, female, pooled=False),
            ["t", "df", "p", "ci_lower", "ci_upper"],
            source="MASS::cats, every 4th row from row 2",
            form="CSV with header and an extra column not needed",
        )
    )
    return items


def student_items() -> list[Item]:
    items = []
    wb = r_data("warpbreaks")
    low = wb[wb["tension"] == "L"]
    a, b = col(low[low["wool"] == "A"], "breaks"), col(low[low["wool"] == "B"], "breaks")
    console = r_print('print(subset(warpbreaks, tension == "L"))')
    prompt = f"""
morning! loom data, low tension only (warp breaks per fixed length of yarn):
```
> print(subset(warpbreaks, tension == "L"))
{console}
```
classic Student t-test with pooled variance pls (equal variances assumed), wool A minus wool B. \
t / df / pval / 95% CI"""
    items.append(
        answer(
            prompt,
            "student_t",
            "pooled; A minus B",
            ref_t_two(a, b, pooled=True),
            ["t", "df", "p", "ci_lower", "ci_upper"],
            source="R datasets::warpbreaks, tension L",
            form="R console print(df) with row numbers and an extra column",
        )
    )

    mo = r_data("morley")
    e1, e2 = col(mo[mo["Expt"] == 1], "Speed"), col(mo[mo["Expt"] == 2], "Speed")
    table = markdown(
        ["Run", "Expt 1", "Expt 2"], [[i + 1, num(x), num(y)] for i, (x, y) in enumerate(zip(e1, e2, strict=True))]
    )
    prompt = f"""
Michelson's 1879 speed-of-light runs, recorded as km/s minus 299,000. Two of the five experiments:

{table}

Could you compare the two experiments with a two-sample t-test assuming equal variances (pooled SD)? \
Direction: experiment 1 minus experiment 2. I'd like t, df, p and the 95% CI."""
    items.append(
        answer(
            prompt,
            "student_t",
            "pooled; expt 1 minus expt 2",
            ref_t_two(e1, e2, pooled=True),
            ["t", "df", "p", "ci_lower", "ci_upper"],
            source="R datasets::morley, Expt 1 and 2",
            form="markdown table, groups as columns",
        )
    )

    cb = r_data("MASS::cabbages")
    d20 = cb[cb["Date"] == "d20"]
    c39, c52 = col(d20[d20["Cult"] == "c39"], "VitC"), col(d20[d20["Cult"] == "c52"], "VitC")
    dput = r_print('dput(subset(cabbages, Date == "d20", select = c(Cult, VitC)))')
    prompt = f"""
dput of the vit C data (cabbages harvested on day 20, mg/100g):

{dput}

need a pooled-variance (Student's, var.equal = TRUE) two-sample t test of c52 vs c39, \
difference taken as c52 − c39. give me t, df, p and the CI please 🙏"""
    items.append(
        answer(
            prompt,
            "student_t",
            "pooled; c52 minus c39",
            ref_t_two(c52, c39, pooled=True),
            ["t", "df", "p", "ci_lower", "ci_upper"],
            source="MASS::cabbages, Date d20",
            form="R dput() of a data frame with a factor",
        )
    )
    return items


def paired_t_items() -> list[Item]:
    items = []
    sh = r_data("MASS::shoes")
    a, b = col(sh, "A"), col(sh, "B")
    table = markdown(
        ["boy", "material A", "material B"],
        [[i + 1, dec(x, 1), dec(y, 1)] for i, (x, y) in enumerate(zip(a, b, strict=True))],
    )
    prompt = f"""
Shoe-sole wear experiment, 10 boys, each wore material A on one foot and B on the other (wear in arbitrary units):

{table}

Paired t-test please, differences as B minus A. Report t, df, p and the 95% CI of the mean difference."""
    items.append(
        answer(
            prompt,
            "paired_t",
            "paired; B minus A",
            ref_t_paired(b, a),
            ["t", "df", "p", "ci_lower", "ci_upper"],
            source="MASS::shoes",
            form="markdown table, one row per pair",
        )
    )

    im = r_data("MASS::immer")
    rows = [["Loc", "Var", "Y1", "Y2"]] + [
        [r["Loc"], r["Var"], dec(r["Y1"], 1), dec(r["Y2"], 1)] for _, r in im.iterrows()
    ]
    prompt = f"""
Barley yields, same 30 plots (location x variety) in 1931 (Y1) and 1932 (Y2), bushels/acre. Copied from excel:

{table_text(rows, sep=chr(9))}

can you run a paired t test for the change 1932 minus 1931 (Y2 − Y1)? t, df, p-value, 95% CI"""
    y1, y2 = col(im, "Y1"), col(im, "Y2")
    items.append(
        answer(
            prompt,
            "paired_t",
            "paired; Y2 minus Y1",
            ref_t_paired(y2, y1),
            ["t", "df", "p", "ci_lower", "ci_upper"],
            source="MASS::immer",
            form="TSV spreadsheet paste with extra label columns",
        )
    )

    co = r_data("CO2")
    co = co[co["conc"].isin([250, 1000])]
    rows = [["plant", "conc_ppm", "uptake"]] + [
        [r["Plant"], int(r["conc"]), dec(r["uptake"], 1)] for _, r in co.iterrows()
    ]
    wide = co.pivot(index="Plant", columns="conc", values="uptake")
    plants = list(dict.fromkeys(co["Plant"]))
    hi, lo = [float(wide.loc[p, 1000]) for p in plants], [float(wide.loc[p, 250]) for p in plants]
    prompt = f"""
Hi! CO2 uptake (umol/m^2/s) for 12 grass plants, each measured at two ambient CO2 levels. Long format, \
one row per measurement:

{table_text(rows)}

Paired t-test on plant, 1000 ppm minus 250 ppm. Want t, df, p, mean diff and its 95% CI."""
    items.append(
        answer(
            prompt,
            "paired_t",
            "paired; 1000 minus 250 ppm",
            ref_t_paired(hi, lo),
            ["t", "p", "mean_diff", "ci_lower", "ci_upper"],
            source="R datasets::CO2, conc 250 and 1000",
            form="long format CSV with subject id and condition",
        )
    )
    return items


def one_sample_t_items() -> list[Item]:
    items = []
    mo = r_data("morley")
    e3 = col(mo[mo["Expt"] == 3], "Speed")
    prompt = f"""
For a teaching example: Michelson's experiment 3 (20 runs, speed of light in km/s minus 299000):
{comma(e3)}
The accepted value on that scale is 792.458. One-sample t-test of the mean against 792.458 please — \
t, df, p and the 95% CI for the mean."""
    items.append(
        answer(
            prompt,
            "one_sample_t",
            "mu = 792.458",
            ref_t_one(e3, 792.458),
            ["t", "df", "p", "ci_lower", "ci_upper"],
            source="R datasets::morley, Expt 3",
            form="comma list",
        )
    )

    pr = r_data("data.frame(city = names(precip), inches = unname(precip))").iloc[:20]
    console = r_print("precip[1:20]")
    prompt = f"""
yo — annual rainfall (inches) for the first 20 cities in R's precip vector:
```
> precip[1:20]
{console}
```
one-sample t test vs a reference mean of 30 inches? t, df, p + 95% CI. (just the 20 shown, not all 70)"""
    items.append(
        answer(
            prompt,
            "one_sample_t",
            "mu = 30",
            ref_t_one(col(pr, "inches"), 30),
            ["t", "df", "p", "ci_lower", "ci_upper"],
            source="R datasets::precip[1:20]",
            form="R console print of a named vector",
        )
    )

    tr = r_data("trees")
    console = r_print("trees$Height")
    prompt = f"""
Black cherry trees, Allegheny NF, height in ft (n = 31):
> trees$Height
{console}

Does the mean height differ from 80 ft? One sample t-test (two-sided), please give t, df, the p-value and the CI."""
    items.append(
        answer(
            prompt,
            "one_sample_t",
            "mu = 80",
            ref_t_one(col(tr, "Height"), 80),
            ["t", "df", "p", "ci_lower", "ci_upper"],
            source="R datasets::trees",
            form="R console print of a vector with [1] indices",
        )
    )
    return items


# ---- ANOVA and rank tests --------------------------------------------------------------------------------------


def anova_items() -> list[Item]:
    items = []
    cw = r_data("chickwts")
    rows = [["weight", "feed"]] + [[int(r["weight"]), r["feed"]] for _, r in cw.iterrows()]
    groups = {f: col(cw[cw["feed"] == f], "weight") for f in dict.fromkeys(cw["feed"])}
    prompt = f"""
Feed supplement study, 71 newly hatched chicks randomised to 6 supplements, weight (g) at day 42. csv:
{table_text(rows)}
One-way ANOVA of weight on feed please: F statistic, both df and the p-value."""
    items.append(
        answer(
            prompt,
            "one_way_anova",
            "F test, 6 groups",
            ref_anova(groups),
            ["F", "df1", "df2", "p"],
            source="R datasets::chickwts",
            form="CSV long format with header",
        )
    )

    wb = r_data("warpbreaks")
    b = wb[wb["wool"] == "B"]
    low, mid, high = (col(b[b["tension"] == t], "breaks") for t in ("L", "M", "H"))
    prompt = f"""
Hello! Wool B only, breaks per loom (9 looms per tension setting, run in Jan 2023 at 20 °C):
- low tension (L): {comma(low)}
- M = {comma(mid, " ")}
- and at High tension we counted {comma(high[:-1])} and {num(high[-1])}

Run a one-way ANOVA (F, p) and then Tukey HSD — I need the Tukey-adjusted p for M vs L, H vs L and H vs M."""
    items.append(
        answer(
            prompt,
            "one_way_anova",
            "F test + Tukey HSD adjusted p",
            ref_anova({"L": low, "M": mid, "H": high}, tukey=[("M", "L"), ("H", "L"), ("H", "M")]),
            ["F", "p", tukey_key("M", "L"), tukey_key("H", "L"), tukey_key("H", "M")],
            source="R datasets::warpbreaks, wool B",
            form="bulleted lists per group, phrased differently",
        )
    )

    cb = r_data("MASS::cabbages")
    c39 = cb[cb["Cult"] == "c39"]
    dates = ["d16", "d20", "d21"]
    groups = {d: col(c39[c39["Date"] == d], "HeadWt") for d in dates}
    table = markdown(
        ["plot", "day 16", "day 20", "day 21"],
        [[i + 1] + [dec(groups[d][i], 1) for d in dates] for i in range(10)],
    )
    prompt = f"""
Cabbage head weights (kg), cultivar c39, by planting/harvest date — 10 plots each:

{table}

is there a difference in mean head weight between the 3 dates? one-way ANOVA, report F(df1, df2) and p"""
    items.append(
        answer(
            prompt,
            "one_way_anova",
            "F test, 3 groups",
            ref_anova(groups),
            ["F", "df1", "df2", "p"],
            source="MASS::cabbages, cultivar c39",
            form="markdown table, groups as columns",
        )
    )

    mo = r_data("morley")
    groups = {f"Expt{e}": col(mo[mo["Expt"] == e], "Speed") for e in range(1, 6)}
    rows = [["Run", *groups]] + [[i + 1] + [num(groups[g][i]) for g in groups] for i in range(20)]
    prompt = f"""
All five of Michelson's experiments (20 runs each; km/s − 299000):

{aligned(rows)}

Please test whether the experiment means differ — ordinary one-way ANOVA (not Welch). F, df, p."""
    items.append(
        answer(
            prompt,
            "one_way_anova",
            "F test, 5 groups",
            ref_anova(groups),
            ["F", "df1", "df2", "p"],
            source="R datasets::morley",
            form="whitespace-aligned columns, groups as columns",
        )
    )
    return items


def rank_sum_items() -> list[Item]:
    items = []
    pu = r_data("Puromycin")
    treated, untreated = col(pu[pu["state"] == "treated"], "rate"), col(pu[pu["state"] == "untreated"], "rate")
    prompt = f"""
Enzyme kinetics (Treloar 1974), initial velocity in counts/min/min across substrate concentrations.
Cells treated with puromycin: {comma(treated)}.
Untreated cells ({len(untreated)} runs): {comma(untreated, "; ")}.
Mann-Whitney U test (Wilcoxon rank-sum), exact p-value please. Report W (= U for the treated group) and p."""
    items.append(
        answer(
            prompt,
            "mann_whitney",
            "exact; W for treated",
            ref_rank_sum(treated, untreated, exact=True),
            ["W", "p"],
            source="R datasets::Puromycin",
            form="semicolon and comma lists per group",
        )
    )

    sv = r_data("MASS::survey")
    sv = sv[sv["Pulse"].notna()].iloc[:45]
    rows = [["Sex", "Age", "Height", "Pulse"]] + [
        [r["Sex"], dec(r["Age"], 3), "NA" if pd.isna(r["Height"]) else dec(r["Height"], 2), int(r["Pulse"])]
        for _, r in sv.iterrows()
    ]
    female, male = col(sv[sv["Sex"] == "Female"], "Pulse"), col(sv[sv["Sex"] == "Male"], "Pulse")
    prompt = f"""
Student survey (Adelaide, 1992 intake) — first 45 with a pulse recorded:
{table_text(rows)}

Compare resting pulse (beats/min) between females and males with a Wilcoxon rank-sum test. There are ties, \
so use the normal approximation WITH continuity correction. W for Female as the first group, and the p-value."""
    items.append(
        answer(
            prompt,
            "mann_whitney",
            "normal approx with continuity correction; W for Female",
            ref_rank_sum(female, male, exact=False, correct=True),
            ["W", "p"],
            source="MASS::survey, first 45 rows with Pulse",
            form="CSV with header and extra columns (NA present in an unused column)",
        )
    )

    uc = r_data("MASS::UScereal")
    uc = uc[uc["shelf"].isin([1, 3])]
    sugars = [round(float(v), 2) for v in uc["sugars"]]
    rows = [["cereal", "shelf", "sugars_g"]] + [
        [name, int(sh), dec(sg, 2)] for name, sh, sg in zip(uc["_row"], uc["shelf"], sugars, strict=True)
    ]
    shelf1 = [sg for sg, sh in zip(sugars, uc["shelf"], strict=True) if sh == 1]
    shelf3 = [sg for sg, sh in zip(sugars, uc["shelf"], strict=True) if sh == 3]
    prompt = f"""
sugars per cup-sized portion (g) for US cereals on the bottom (1) vs top (3) supermarket shelf:

{table_text(rows, sep=chr(9))}

Mann–Whitney / Wilcoxon rank sum, shelf 1 vs shelf 3, normal approximation WITHOUT continuity \
correction (correct = FALSE). W (shelf 1 first) and p pls"""
    items.append(
        answer(
            prompt,
            "mann_whitney",
            "normal approx without continuity correction; W for shelf 1",
            ref_rank_sum(shelf1, shelf3, exact=False, correct=False),
            ["W", "p"],
            source="MASS::UScereal, shelves 1 and 3 (sugars rounded to 2 dp)",
            form="TSV spreadsheet paste with row labels",
        )
    )
    return items


def signed_rank_items() -> list[Item]:
    items = []
    jr = r_data("USJudgeRatings").iloc[:12]
    console = r_print('head(USJudgeRatings[, c("DILG", "CFMG")], 12)')
    prompt = f"""
Lawyers' ratings of 12 CT superior court judges (1977): DILG = diligence, CFMG = case flow managing.
```
{console}
```
Wilcoxon signed-rank test, paired (DILG minus CFMG). There are tied differences so exact isn't possible — \
normal approximation with continuity correction. V and p?"""
    items.append(
        answer(
            prompt,
            "wilcoxon_signed_rank",
            "paired; normal approx with continuity correction; DILG minus CFMG",
            ref_signed_rank(col(jr, "DILG"), col(jr, "CFMG"), 0, exact=False),
            ["V", "p"],
            source="R datasets::USJudgeRatings rows 1-12",
            form="R console head() output with row names",
        )
    )

    mo = r_data("morley")
    e5 = col(mo[mo["Expt"] == 5], "Speed")
    prompt = f"""
Expt 5 of the Michelson series (km/s above 299,000): {comma(e5, " ")}
Signed-rank test (Wilcoxon, one-sample) of whether the median differs from 792.458. \
Ties present → normal approx w/ continuity correction. Need V and the p-value."""
    items.append(
        answer(
            prompt,
            "wilcoxon_signed_rank",
            "one-sample vs 792.458; normal approx with continuity correction",
            ref_signed_rank(e5, None, 792.458, exact=False),
            ["V", "p"],
            source="R datasets::morley, Expt 5",
            form="space-separated list",
        )
    )

    im = r_data("MASS::immer").iloc[:15]
    pairs = "\n".join(f"{r['Loc']}-{r['Var']}: {dec(r['Y1'], 1)} → {dec(r['Y2'], 1)}" for _, r in im.iterrows())
    prompt = f"""
15 barley plots (location-variety), yield 1931 → 1932 in bu/acre:
{pairs}

Exact Wilcoxon signed-rank test for the paired change, 1932 minus 1931. I want V and the exact two-sided p."""
    items.append(
        answer(
            prompt,
            "wilcoxon_signed_rank",
            "paired; exact; 1932 minus 1931",
            ref_signed_rank(col(im, "Y2"), col(im, "Y1"), 0, exact=True),
            ["V", "p"],
            source="MASS::immer rows 1-15",
            form="before → after pairs with labels",
        )
    )
    return items


def kruskal_items() -> list[Item]:
    items = []
    uc = r_data("MASS::UScereal")
    groups = {s: [round(float(v), 2) for v in uc[uc["shelf"] == s]["sugars"]] for s in (1, 2, 3)}
    prompt = f"""
Quick Kruskal-Wallis for me? Sugar content (g per portion, 2 dp) of 65 US breakfast cereals by display shelf.
Shelf 1 (floor): {comma(groups[1])}
Shelf 2 (eye level for kids...): {comma(groups[2])}
Top shelf, #3: {comma(groups[3])}
H statistic, df, p."""
    items.append(
        answer(
            prompt,
            "kruskal_wallis",
            "3 groups",
            ref_kruskal({str(k): v for k, v in groups.items()}),
            ["H", "df", "p"],
            source="MASS::UScereal (sugars rounded to 2 dp)",
            form="comma lists per group with differently worded labels",
        )
    )

    os_ = r_data("OrchardSprays")
    trts = ["D", "E", "F"]
    sprays = {t: col(os_[os_["treatment"] == t], "decrease") for t in trts}
    rows = [["", *trts]] + [[str(i + 1)] + [num(sprays[t][i]) for t in trts] for i in range(8)]
    prompt = f"""
Orchard spray trial (bees, 1958 lime sulphur data): decrease in volume of the sucrose solution, \
three of the concentrations, 8 rows each:

{aligned(rows)}

Kruskal–Wallis rank sum test across D, E, F please — chi-squared, df and p."""
    items.append(
        answer(
            prompt,
            "kruskal_wallis",
            "3 groups",
            ref_kruskal(sprays),
            ["H", "df", "p"],
            source="R datasets::OrchardSprays, treatments D-F",
            form="whitespace-aligned columns, groups as columns",
        )
    )

    wb = r_data("warpbreaks")
    a = wb[wb["wool"] == "A"]
    tensions = {t: col(a[a["tension"] == t], "breaks") for t in ("L", "M", "H")}
    lines = "\n".join(f"{t}\t{int(v)}" for t in tensions for v in tensions[t])
    prompt = f"""
wool A, breaks by tension — pasted from the sheet (tension<TAB>breaks):
tension\tbreaks
{lines}
wnat a Kruskal Wallis test (3 tensions). give stat, df, p-value"""
    items.append(
        answer(
            prompt,
            "kruskal_wallis",
            "3 groups",
            ref_kruskal(tensions),
            ["H", "df", "p"],
            source="R datasets::warpbreaks, wool A",
            form="TSV long format",
        )
    )
    return items


def shapiro_items() -> list[Item]:
    tr = r_data("trees")
    at = r_data("attitude")
    console = r_print("attitude$rating")
    p1 = f"""
Timber volume (cubic ft) of 31 felled black cherry trees:
{comma(col(tr, "Volume"))}
Before I log-transform — Shapiro-Wilk normality test on these? W and p."""
    p2 = f"""
overall ratings from the 1960s clerical-employee survey (30 departments, % favourable):
> attitude$rating
{console}
shapiro.test on this vector please, W + p-value"""
    return [
        answer(
            p1,
            "shapiro_wilk",
            "default",
            ref_shapiro(col(tr, "Volume")),
            ["W", "p"],
            source="R datasets::trees",
            form="comma list",
        ),
        answer(
            p2,
            "shapiro_wilk",
            "default",
            ref_shapiro(col(at, "rating")),
            ["W", "p"],
            source="R datasets::attitude",
            form="R console print of a vector with [1] indices",
        ),
    ]


# ---- contingency tables ----------------------------------------------------------------------------------------


def r_table(expr: str) -> list[list[int]]:
    """Counts of an R table expression as a list of rows."""
    df = r_data(f"unclass(as.matrix({expr}))")
    return [[int(v) for v in row[1:]] for row in df.itertuples(index=False)]


def chisq_items() -> list[Item]:
    items = []
    colon_deaths = r_table("with(survival::colon[survival::colon$etype == 2, ], table(rx, status))")
    obs_alive, obs_dead = colon_deaths[0]
    lev_alive, lev_dead = colon_deaths[1]
    prompt = f"""
Good afternoon. From the adjuvant colon cancer trial (stage C, ~1989): of the {obs_alive + obs_dead} patients \
randomised to observation, {obs_dead} died during follow-up; in the levamisole-alone arm {lev_dead} of \
{lev_alive + lev_dead} died. (Lev+5FU arm not relevant here.) Chi-square test of independence on that 2x2 with \
Yates' continuity correction — X², df, p."""
    items.append(
        answer(
            prompt,
            "chi_square",
            "2x2 with Yates correction",
            ref_chisq([[lev_dead, lev_alive], [obs_dead, obs_alive]], correct=True),
            ["chisq", "df", "p"],
            source="survival::colon (death records), Obs vs Lev",
            form="counts in words",
        )
    )

    mel = r_table("with(MASS::Melanoma, table(sex, status == 1))")
    (f_no, f_yes), (m_no, m_yes) = mel
    rows: list[list[object]] = [
        ["", "died of melanoma", "other", "total"],
        ["female", f_yes, f_no, f_yes + f_no],
        ["male", m_yes, m_no, m_yes + m_no],
        ["total", f_yes + m_yes, f_no + m_no, f_yes + f_no + m_yes + m_no],
    ]
    prompt = f"""
Odense malignant melanoma series (radical surgery 1962–77), outcome by sex:

{aligned(rows)}

Pearson chi-square, NO continuity correction please (correct=FALSE). X-squared, df and p-value."""
    items.append(
        answer(
            prompt,
            "chi_square",
            "2x2 without Yates correction",
            ref_chisq([[f_yes, f_no], [m_yes, m_no]], correct=False),
            ["chisq", "df", "p"],
            source="MASS::Melanoma",
            form="aligned contingency table with row/column totals",
        )
    )

    smoke_exer = r_table("with(MASS::survey, table(Smoke, Exer))")
    console = r_print("with(survey, table(Smoke, Exer))")
    prompt = f"""
hiya, smoking vs exercise frequency in the stats-class survey:
```
> with(survey, table(Smoke, Exer))
{console}
```
chi-square test of independence on the full 4x3 table pls (I know a few cells are small, just run it). \
stat, df, p"""
    items.append(
        answer(
            prompt,
            "chi_square",
            "r x c (4x3)",
            ref_chisq(smoke_exer, correct=False),
            ["chisq", "df", "p"],
            source="MASS::survey",
            form="R console table() output",
        )
    )

    age = r_table("with(MASS::Melanoma, table(cut(age, c(0, 40, 60, Inf), right = FALSE), status == 1))")
    labels = ["<40", "40-59", "≥60"]
    table = markdown(
        ["age at op (y)", "died of melanoma", "alive / other death", "n"],
        [[lab, yes, no, yes + no] for lab, (no, yes) in zip(labels, age, strict=True)],
    )
    prompt = f"""
Same melanoma cohort (n=205), death from melanoma by age band:

{table}

Chi-square test of independence (3x2), please report the statistic, degrees of freedom and p."""
    items.append(
        answer(
            prompt,
            "chi_square",
            "r x c (3x2)",
            ref_chisq([[yes, no] for no, yes in age], correct=False),
            ["chisq", "df", "p"],
            source="MASS::Melanoma",
            form="markdown table with range labels and a totals column",
        )
    )

    pima = r_table("with(MASS::Pima.tr, table(cut(age, c(0, 25, 35, Inf), right = FALSE), type))")
    rows = [
        ["Age", "non-diabetic", "diabetic"],
        *([lab, no, yes] for lab, (no, yes) in zip(["<25", "25-34", "35+"], pima, strict=True)),
    ]
    prompt = f"""
Pima women (training sample, n = 200; WHO criteria, glucose tolerance at 2 h):
{aligned(rows, right=False)}
Is diabetes asociated with age group? Pearson chi-sq test on this 3 x 2, give X2 and df (and p if it's not tiny)."""
    items.append(
        answer(
            prompt,
            "chi_square",
            "r x c (3x2)",
            ref_chisq(pima, correct=False),
            ["chisq", "df", "p"],
            source="MASS::Pima.tr",
            form="whitespace-aligned table with range labels",
        )
    )
    return items


def fisher_items() -> list[Item]:
    # O'Rourke PW et al., Pediatrics 1989;84:957-63 (ECMO vs conventional medical therapy, both phases pooled).
    p1 = """
Neonatal ECMO trial (Boston, O'Rourke et al. 1989), persistent pulmonary hypertension of the newborn:
ECMO: 28 of 29 infants survived
conventional medical therapy: 6 of 10 survived
Tiny counts so Fisher's exact test please (two-sided). p-value and the odds ratio with its 95% CI as fisher.test gives \
it (conditional MLE), for survival on ECMO vs conventional."""
    convictions = [[2, 15], [10, 3]]
    p2 = """
Lange's twin data (the one in Fisher's book): same-sex twins of convicted criminals.

                 Convicted  Not convicted
Dizygotic            2           15
Monozygotic         10            3

Fisher exact test, two sided. p, odds ratio (the conditional MLE R reports) and 95% CI — dizygotic row first \
as shown."""
    return [
        answer(
            p1,
            "fisher_exact",
            "two-sided; conditional MLE OR for survival, ECMO vs CMT",
            ref_fisher([[28, 1], [6, 4]]),
            # the upper limit (~950) is left out: R's uniroot search for it is only good to ~1%
            ["p", "or", "ci_lower"],
            source="O'Rourke et al. 1989 Pediatrics 84:957 (published counts)",
            form="counts in words",
        ),
        answer(
            p2,
            "fisher_exact",
            "two-sided; conditional MLE OR, dizygotic row first",
            ref_fisher(convictions),
            ["p", "or", "ci_lower", "ci_upper"],
            source="R fisher.test example 'Convictions' (Fisher 1962 / Lange)",
            form="contingency table with row and column labels",
        ),
    ]


def retinopathy_pairs(where: str) -> tuple[int, int, int, int]:
    """Paired eye outcomes (treated eye status x control eye status) for a subgroup of survival::retinopathy."""
    expr = (
        "local({r <- survival::retinopathy; "
        f"r <- r[{where}, ]; "
        "w <- reshape(r[, c('id', 'trt', 'status')], idvar = 'id', timevar = 'trt', direction = 'wide'); "
        "table(factor(w$status.1, 0:1), factor(w$status.0, 0:1))})"
    )
    (a, b), (c, d) = r_table(expr)
    return a, b, c, d


def mcnemar_items() -> list[Item]:
    a, b, c, d = retinopathy_pairs("r$laser == 'xenon' & r$type == 'juvenile'")
    p1 = f"""
DRS laser photocoagulation data, juvenile-onset patients who got the xenon laser. One eye treated, other eye \
control, outcome = lost vision during follow-up.

|                    | control eye: lost | control eye: not lost |
|---|---|---|
| treated eye: lost | {d} | {c} |
| treated eye: not lost | {b} | {a} |

Exact McNemar test please (binomial on the discordant pairs). p, plus the conditional OR (treated-eye-only \
losses vs control-eye-only losses, so {c}/{b}) with its exact 95% CI."""
    a2, b2, c2, d2 = retinopathy_pairs("r$type == 'juvenile'")
    p2 = f"""
All juvenile-onset diabetics in the retinopathy study ({a2 + b2 + c2 + d2} patients), paired eyes:
both eyes kept vision: {a2}
only the control eye lost vision: {b2}
only the treated eye lost vision: {c2}
both lost vision: {d2}
McNemar's chi-squared test WITH continuity correction pls — statistic, df, p."""
    a3, b3, c3, d3 = retinopathy_pairs("r$laser == 'argon' & r$type == 'juvenile'")
    p3 = f"""
Hi labbot! Argon-laser, juvenile-onset subgroup of the diabetic retinopathy trial. Each patient had one treated \
and one untreated eye. In {a3} patients neither eye lost vision and in {d3} both did. {b3} patients lost vision in \
the untreated eye only, while {c3} lost it in the treated eye only. Can you do McNemar's chi-square without the \
continuity correction? chi2, df, p-value."""
    return [
        answer(
            p1,
            "mcnemar",
            "exact (binomial); conditional OR treated-only/control-only",
            ref_mcnemar_exact(c, b),
            ["p", "or", "ci_lower", "ci_upper"],
            source="survival::retinopathy, xenon laser, juvenile onset",
            form="markdown 2x2 paired table with labels",
        ),
        answer(
            p2,
            "mcnemar",
            "chi-square with continuity correction",
            ref_mcnemar_chisq(a2, b2, c2, d2, correct=True),
            ["chisq", "df", "p"],
            source="survival::retinopathy, juvenile onset",
            form="paired counts as a labelled list",
        ),
        answer(
            p3,
            "mcnemar",
            "chi-square without continuity correction",
            ref_mcnemar_chisq(a3, b3, c3, d3, correct=False),
            ["chisq", "df", "p"],
            source="survival::retinopathy, argon laser, juvenile onset",
            form="paired yes/no counts in words",
        ),
    ]


def effect_size_items() -> list[Item]:
    items = []
    deaths = r_table("with(survival::colon[survival::colon$etype == 2, ], table(rx, status))")
    obs_n, obs_e = sum(deaths[0]), deaths[0][1]
    l5_n, l5_e = sum(deaths[2]), deaths[2][1]
    prompt = f"""
colon ca adjuvant trial: {l5_e} deaths among {l5_n} pts on levamisole + 5-FU, vs {obs_e} deaths among {obs_n} \
on observation only. Odds ratio for death, Lev+5FU vs observation (observation = reference), with 95% CI \
(Woolf / log method)."""
    items.append(
        answer(
            prompt,
            "odds_ratio",
            "Woolf log CI; Lev+5FU vs Obs (reference)",
            ref_two_by_two("or", l5_e, l5_n, obs_e, obs_n),
            ["or", "ci_lower", "ci_upper"],
            source="survival::colon (death records)",
            form="counts in words",
        )
    )

    mel = r_table("with(MASS::Melanoma, table(ulcer, status == 1))")
    (n_no, n_yes), (u_no, u_yes) = mel
    prompt = f"""
Melanoma, ulceration of the primary vs death from melanoma:

ulcer      died_melanoma   not
absent     {n_yes:>13}   {n_no}
present    {u_yes:>13}   {u_no}

I need the OR of dying from melanoma for ulcerated vs non-ulcerated tumours (non-ulcerated is the reference), \
Woolf 95% CI."""
    items.append(
        answer(
            prompt,
            "odds_ratio",
            "Woolf log CI; ulcer present vs absent (reference)",
            ref_two_by_two("or", u_yes, u_yes + u_no, n_yes, n_yes + n_no),
            ["or", "ci_lower", "ci_upper"],
            source="MASS::Melanoma",
            form="whitespace table, reference row listed first",
        )
    )

    inf = r_table("with(survival::cgd[survival::cgd$enum == 1, ], table(treat, status))")
    (pl_no, pl_yes), (ifn_no, ifn_yes) = inf
    table = markdown(
        ["arm", "≥1 serious infection", "none", "total"],
        [
            ["placebo", pl_yes, pl_no, pl_yes + pl_no],
            ["rIFN-γ", ifn_yes, ifn_no, ifn_yes + ifn_no],
        ],
    )
    prompt = f"""
Interferon gamma in chronic granulomatous disease (1991 trial, 128 pts, dosed 50 µg/m² 3x/wk):

{table}

relative risk of a serious infection for rIFN-γ vs placebo (placebo as reference), 95% CI on the log scale (Katz)."""
    items.append(
        answer(
            prompt,
            "relative_risk",
            "Katz log CI; rIFN-g vs placebo (reference)",
            ref_two_by_two("rr", ifn_yes, ifn_yes + ifn_no, pl_yes, pl_yes + pl_no),
            ["rr", "ci_lower", "ci_upper"],
            source="survival::cgd (first record per patient)",
            form="markdown 2x2 with totals column",
        )
    )

    # Physicians' Health Study preliminary report, NEJM 1988;318:262-4 (MI, aspirin vs placebo).
    prompt = """
Classic one for the journal club slides — Physicians' Health Study (1988 preliminary report, 325 mg aspirin \
every other day): myocardial infarction in 104 of the 11,037 men on aspirin and 189 of the 11,034 on placebo.
RR of MI for aspirin with placebo as the reference, plus 95% CI (log method). Thanks! 🙂"""
    items.append(
        answer(
            prompt,
            "relative_risk",
            "Katz log CI; aspirin vs placebo (reference)",
            ref_two_by_two("rr", 104, 11037, 189, 11034),
            ["rr", "ci_lower", "ci_upper"],
            source="Physicians' Health Study, NEJM 1988;318:262 (published counts)",
            form="counts in words with thousands separators",
        )
    )

    nw = r_table("with(survival::nwtco, table(histol, rel))")
    console = r_print("with(survival::nwtco, table(histol, rel))")
    (fav_no, fav_yes), (unf_no, unf_yes) = nw
    prompt = f"""
NWTS Wilms tumour data. histol: 1 = favourable, 2 = unfavourable (central lab); rel: 1 = relapsed.
```
> with(nwtco, table(histol, rel))
{console}
```
Risk difference for relapse, unfavourable minus favourable, with a Wald 95% CI."""
    items.append(
        answer(
            prompt,
            "risk_difference",
            "Wald CI; unfavourable minus favourable",
            ref_two_by_two("rd", unf_yes, unf_yes + unf_no, fav_yes, fav_yes + fav_no),
            ["rd", "ci_lower", "ci_upper"],
            source="survival::nwtco",
            form="R console table() output with coded levels",
        )
    )

    rec = r_table("with(survival::colon[survival::colon$etype == 1, ], table(rx, status))")
    rows = [["arm", "recurrence", "no_recurrence"]] + [
        [arm, yes, no] for arm, (no, yes) in zip(["Obs", "Lev", "Lev+5FU"], rec, strict=True)
    ]
    prompt = f"""
recurrence counts by arm (colon trial, 5-yr follow up):
{table_text(rows)}
only need Obs vs Lev+5FU: absolute risk difference in recurrence, Obs minus Lev+5FU, and its 95% CI (simple Wald)."""
    items.append(
        answer(
            prompt,
            "risk_difference",
            "Wald CI; Obs minus Lev+5FU",
            ref_two_by_two("rd", rec[0][1], sum(rec[0]), rec[2][1], sum(rec[2])),
            ["rd", "ci_lower", "ci_upper"],
            source="survival::colon (recurrence records)",
            form="CSV of aggregated counts with an extra arm",
        )
    )
    return items


# ---- correlation and regression --------------------------------------------------------------------------------


def pearson_items() -> list[Item]:
    tr = r_data("trees")
    pairs = "\n".join(f"{dec(g, 1)} → {int(h)}" for g, h in zip(tr["Girth"], tr["Height"], strict=True))
    p1 = f"""
Girth (in, at 4.5 ft) → height (ft) for 31 felled cherry trees:
{pairs}
Pearson correlaton pls, with its 95% CI and the test p-value (t too)."""
    cats = r_data("MASS::cats")
    fem = cats[cats["Sex"] == "F"]
    rows = [["Sex", "Bwt_kg", "Hwt_g"]] + [[r["Sex"], dec(r["Bwt"], 1), dec(r["Hwt"], 1)] for _, r in fem.iterrows()]
    p2 = f"""
Female cats only (n={len(fem)}), body vs heart weight. CSV:
{table_text(rows)}
Pearson r between Bwt and Hwt + 95% CI. also t and p."""
    sl = r_data("stackloss")
    console = r_print("stackloss")
    p3 = f"""
Brownlee's plant data (21 days of operation, ammonia → nitric acid):
```
> stackloss
{console}
```
What's the Pearson correlation between Acid.Conc. and stack.loss? r, 95% CI, t and p please. (other columns \
not needed)"""
    return [
        answer(
            p1,
            "pearson",
            "two-sided; Fisher z CI",
            ref_pearson(col(tr, "Girth"), col(tr, "Height")),
            ["r", "t", "p", "ci_lower", "ci_upper"],
            source="R datasets::trees",
            form="x → y pairs",
        ),
        answer(
            p2,
            "pearson",
            "two-sided; Fisher z CI",
            ref_pearson(col(fem, "Bwt"), col(fem, "Hwt")),
            ["r", "t", "p", "ci_lower", "ci_upper"],
            source="MASS::cats, females",
            form="CSV with header and a constant extra column",
        ),
        answer(
            p3,
            "pearson",
            "two-sided; Fisher z CI",
            ref_pearson(col(sl, "Acid.Conc."), col(sl, "stack.loss")),
            ["r", "t", "p", "ci_lower", "ci_upper"],
            source="R datasets::stackloss",
            form="R console print(df) with row numbers and extra columns",
        ),
    ]


def spearman_items() -> list[Item]:
    sw = r_data("swiss")
    rows = [["Province", "Fertility", "Agriculture", "Education", "Catholic"]] + [
        [r["_row"], dec(r["Fertility"], 1), dec(r["Agriculture"], 1), int(r["Education"]), dec(r["Catholic"], 2)]
        for _, r in sw.iterrows()
    ]
    p1 = f"""
Swiss fertility & socioeconomic indicators, 47 French-speaking provinces, c. 1888 (from the sheet):
{table_text(rows, sep=chr(9))}
Spearman rank correlation between Fertility and Education? rho and p. (there are ties, so asymptotic p is fine)"""
    ua = r_data("USArrests")
    tuples = ", ".join(
        f"{st}: ({dec(m, 1)}, {int(u)})" for st, m, u in zip(ua["_row"], ua["Murder"], ua["UrbanPop"], strict=True)
    )
    p2 = f"""
Per state, (murder arrests per 100k, % urban population), 1973:
{tuples}
Spearman's rho between murder rate and urban pop %, with the p-value."""
    return [
        answer(
            p1,
            "spearman",
            "ties; t approximation",
            ref_spearman(col(sw, "Fertility"), col(sw, "Education")),
            ["rho", "p"],
            source="R datasets::swiss",
            form="TSV with row labels and extra columns",
        ),
        answer(
            p2,
            "spearman",
            "ties; t approximation",
            ref_spearman(col(ua, "Murder"), col(ua, "UrbanPop")),
            ["rho", "p"],
            source="R datasets::USArrests",
            form="labelled (x, y) tuples",
        ),
    ]


def regression_items() -> list[Item]:
    at = r_data("attitude")
    cols = ["rating", "complaints", "privileges", "learning", "raises", "critical", "advance"]
    rows = [cols] + [[int(r[c]) for c in cols] for _, r in at.iterrows()]
    p1 = f"""
Chatterjee–Price attitude survey, 30 departments (all columns are % favourable responses):
{table_text(rows)}
Simple linear regression of rating on complaints only (ignore the rest). Intercept, slope, slope SE and p, and R²."""
    ls = r_data("LifeCycleSavings")
    console = r_print('LifeCycleSavings[, c("sr", "pop15", "pop75")]')
    p2 = f"""
Savings ratio data (Belsley, Kuh & Welsch; averages 1960–1970) — sr = aggregate personal savings as % of \
disposable income, pop15 = % of population under 15:
```
{console}
```
Fit sr ~ pop15 (just that one predictor, OLS). Want the slope with 95% CI, its p-value, and R-squared."""
    qk = r_data("quakes").iloc[:40]
    pairs = " ".join(f"({dec(m, 1)}, {int(s)})" for m, s in zip(qk["mag"], qk["stations"], strict=True))
    p3 = f"""
First 40 seismic events near Fiji (from 1964 onwards), (magnitude, number of stations reporting):
{pairs}
Regress stations on magnitude (stations = a + b·mag). intercept, slope (+ its p), R^2 please"""
    return [
        answer(
            p1,
            "linear_regression",
            "rating ~ complaints",
            ref_lm(col(at, "complaints"), col(at, "rating")),
            ["intercept", "slope", "slope_se", "slope_p", "r_squared"],
            source="R datasets::attitude",
            form="CSV with header and extra columns",
        ),
        answer(
            p2,
            "linear_regression",
            "sr ~ pop15",
            ref_lm(col(ls, "pop15"), col(ls, "sr")),
            ["slope", "slope_ci_lower", "slope_ci_upper", "slope_p", "r_squared"],
            source="R datasets::LifeCycleSavings",
            form="R console print(df) with row names and an extra column",
        ),
        answer(
            p3,
            "linear_regression",
            "stations ~ mag",
            ref_lm(col(qk, "mag"), col(qk, "stations")),
            ["intercept", "slope", "slope_p", "r_squared"],
            source="R datasets::quakes rows 1-40",
            form="(x, y) pairs on one line",
        ),
    ]


def logistic_items() -> list[Item]:
    me = r_data("MASS::menarche")
    table = markdown(
        ["mean age (y)", "girls", "reached menarche"],
        [[dec(a, 2), int(n), int(k)] for a, n, k in zip(me["Age"], me["Total"], me["Menarche"], strict=True)],
    )
    p1 = f"""
Warsaw girls, 1965 (Milicer & Szczotka) — grouped by age class:

{table}

Logistic regression of menarche on age (binomial GLM with logit link on the grouped counts). \
Give the intercept, the slope for age and the odds ratio per year."""
    pima = r_data("MASS::Pima.tr")
    rows = [["glu", "diabetic"]] + [
        [int(g), 1 if t == "Yes" else 0] for g, t in zip(pima["glu"], pima["type"], strict=True)
    ]
    p2 = f"""
Pima training data, plasma glucose (mg/dL, 2-h OGTT) and diabetes (1=yes), n=200:
{table_text(rows)}
simple logistic regression, diabetic ~ glu. coefficient, SE, OR per 1 mg/dL and the Wald p"""
    y = [1 if t == "Yes" else 0 for t in pima["type"]]
    return [
        answer(
            p1,
            "logistic_regression",
            "grouped binomial; logit; per year of age",
            ref_logistic(col(me, "Age"), col(me, "Menarche"), col(me, "Total")),
            ["intercept", "slope", "or"],
            source="MASS::menarche",
            form="markdown table of grouped counts",
        ),
        answer(
            p2,
            "logistic_regression",
            "binary outcome; per 1 mg/dL",
            ref_logistic(col(pima, "glu"), y),
            ["slope", "slope_se", "or", "p"],
            source="MASS::Pima.tr",
            form="whitespace-aligned two columns, 0/1 outcome",
        ),
    ]


# ---- survival ----------------------------------------------------------------------------------------------------


def plus(times: Sequence[float], events: Sequence[int]) -> str:
    """Times with '+' marking censored observations."""
    return ", ".join(num(t) + ("" if e else "+") for t, e in zip(times, events, strict=True))


def km_items() -> list[Item]:
    items = []
    ge = r_data("MASS::gehan")
    ctrl = ge[ge["treat"] == "control"]
    mp = ge[ge["treat"] == "6-MP"]
    prompt = f"""
Remission durations (weeks) in the placebo arm of the 6-MP leukaemia trial (Freireich 1963), all 21 relapsed:
{comma(sorted(col(ctrl, "time")))}
Kaplan-Meier please: median remission time and estimated S(10 weeks)."""
    items.append(
        answer(
            prompt,
            "kaplan_meier",
            "median and S(10)",
            ref_km(col(ctrl, "time"), [int(v) for v in ctrl["cens"]], [10]),
            ["median", "surv_10"],
            source="MASS::gehan, control arm",
            form="comma list, no censoring",
        )
    )
    order = np.argsort(col(mp, "time"), kind="stable")
    t_mp = [col(mp, "time")[i] for i in order]
    e_mp = [int(mp["cens"].iloc[i]) for i in order]
    prompt = f"""
6-MP arm of the same trial (n=21). + = still in remission at last contact (censored):
{plus(t_mp, e_mp)}
KM median and survival (remission) probability at 10 wks and 20 wks?"""
    items.append(
        answer(
            prompt,
            "kaplan_meier",
            "median, S(10), S(20); '+' censoring",
            ref_km(t_mp, e_mp, [10, 20]),
            ["median", "surv_10", "surv_20"],
            source="MASS::gehan, 6-MP arm",
            form="'+' censoring notation",
        )
    )

    vet = r_data("survival::veteran")
    sq = vet[vet["celltype"] == "squamous"]
    tuples = " ".join(f"({int(t)}, {int(s)})" for t, s in zip(sq["time"], sq["status"], strict=True))
    prompt = f"""
VA lung cancer trial, squamous cell tumours only (both arms pooled). (days, status) with status 1 = dead, \
0 = censored:
{tuples}
Kaplan–Meier estimate: median survival and S(180 days). thx in advnace"""
    items.append(
        answer(
            prompt,
            "kaplan_meier",
            "median and S(180)",
            ref_km(col(sq, "time"), [int(s) for s in sq["status"]], [180]),
            ["median", "surv_180"],
            source="survival::veteran, squamous",
            form="(time, status) tuples",
        )
    )

    pbc = r_data("survival::pbc").iloc[:40]
    rows = [["id", "time", "status", "trt", "age"]] + [
        [int(r["id"]), int(r["time"]), int(r["status"]), int(r["trt"]), f"{r['age']:.1f}"] for _, r in pbc.iterrows()
    ]
    prompt = f"""
First 40 PBC patients from the Mayo trial. time in days; status 0 = censored, 1 = liver transplant, 2 = dead. \
Please treat transplant as censored (event = death only). Ignore trt/age.

{aligned(rows)}

KM median time to death and S(t) at 1000 and 2000 days."""
    events = [1 if s == 2 else 0 for s in pbc["status"]]
    items.append(
        answer(
            prompt,
            "kaplan_meier",
            "event = status 2; transplant censored; median, S(1000), S(2000)",
            ref_km(col(pbc, "time"), events, [1000, 2000]),
            ["median", "surv_1000", "surv_2000"],
            source="survival::pbc rows 1-40",
            form="whitespace columns with 0/1/2 status coding stated",
        )
    )

    from lifelines.datasets import load_rossi

    ro = load_rossi()
    aid = ro[ro["fin"] == 1]
    arrested = sorted(int(w) for w in aid.loc[aid["arrest"] == 1, "week"])
    n_cens = int((aid["arrest"] == 0).sum())
    assert set(aid.loc[aid["arrest"] == 0, "week"]) == {52}
    prompt = f"""
Rossi recidivism study (Maryland, 1970s), the {len(aid)} released prisoners who got financial aid. \
Week of first arrest for the {len(arrested)} who were re-arrested:
{comma(arrested, " ")}
The other {n_cens} were never arrested during the year and are censored at week 52.
Median isn't reached 📉 so just the Kaplan-Meier probability of staying arrest-free at 26 weeks and at 52 weeks."""
    items.append(
        answer(
            prompt,
            "kaplan_meier",
            "S(26), S(52); median not reached",
            ref_km(arrested + [52] * n_cens, [1] * len(arrested) + [0] * n_cens, [26, 52], median=False),
            ["surv_26", "surv_52"],
            source="lifelines.datasets.load_rossi, fin = 1",
            form="event times listed, censored count stated in words",
        )
    )
    return items


def logrank_items() -> list[Item]:
    items = []
    vet = r_data("survival::veteran")
    sq = vet[vet["celltype"] == "squamous"]

    def arm(trt: int, status: int) -> list[float]:
        return sorted(col(sq[(sq["trt"] == trt) & (sq["status"] == status)], "time"))

    prompt = f"""
VA lung trial, squamous-cell patients, survival in days.
Standard chemo — died: {comma(arm(1, 1))}; censored: {comma(arm(1, 0))}
Test chemo — deaths at {comma(arm(2, 1))}. Censored at {comma(arm(2, 0))}.
log-rank test standard vs test please (chisq, df, p)"""
    time = arm(1, 1) + arm(1, 0) + arm(2, 1) + arm(2, 0)
    event = [1] * len(arm(1, 1)) + [0] * len(arm(1, 0)) + [1] * len(arm(2, 1)) + [0] * len(arm(2, 0))
    group = ["standard"] * (len(arm(1, 1)) + len(arm(1, 0))) + ["test"] * (len(arm(2, 1)) + len(arm(2, 0)))
    items.append(
        answer(
            prompt,
            "log_rank",
            "2 groups",
            ref_logrank(time, event, group),
            ["chisq", "df", "p"],
            source="survival::veteran, squamous",
            form="separate died/censored lists per arm",
        )
    )

    mel = r_data("MASS::Melanoma")
    ul = mel[mel["ulcer"] == 1]
    rows = [["time", "status", "sex", "age", "thickness"]] + [
        [int(r["time"]), int(r["status"]), int(r["sex"]), int(r["age"]), dec(r["thickness"], 2)]
        for _, r in ul.iterrows()
    ]
    prompt = f"""
Melanoma patients with an ulcerated primary (n={len(ul)}). time = days since operation; status is coded as \
in MASS: 1 = died from melanoma, 2 = alive, 3 = died from other causes. sex: 1 = male, 0 = female.
{table_text(rows)}
Log-rank test comparing men vs women for death from melanoma (treat deaths from other causes as censored). \
Chi-sq, df and p please."""
    items.append(
        answer(
            prompt,
            "log_rank",
            "2 groups; event = status 1, status 2 and 3 censored",
            ref_logrank(col(ul, "time"), [1 if s == 1 else 0 for s in ul["status"]], [str(int(s)) for s in ul["sex"]]),
            ["chisq", "df", "p"],
            source="MASS::Melanoma, ulcer = 1",
            form="CSV with 1/2/3 status coding stated and extra columns",
        )
    )

    from lifelines.datasets import load_larynx

    lx = load_larynx()
    stage = 1 + lx["Stage_II"] + 2 * lx["Stage_III"] + 3 * lx["Stage_IV"]
    rows = [["stage", "years", "died"]] + [
        [int(s), num(t), int(d)] for s, t, d in zip(stage, lx["time"], lx["death"], strict=True)
    ]
    prompt = f"""
Larynx cancer (Kardaun 1983), {len(lx)} males; time in years from diagnosis, died 1/0:
{aligned(rows)}
Log-rank across the four stages (I–IV): chi-square, df, p."""
    items.append(
        answer(
            prompt,
            "log_rank",
            "4 groups",
            ref_logrank(list(lx["time"].astype(float)), list(lx["death"].astype(int)), [str(s) for s in stage]),
            ["chisq", "df", "p"],
            source="lifelines.datasets.load_larynx",
            form="whitespace-aligned columns with 0/1 status",
        )
    )
    return items


def cox_items() -> list[Item]:
    items = []
    vet = r_data("survival::veteran")
    sc = vet[vet["celltype"] == "smallcell"]
    rows = [["trt", "time", "status", "karno", "diagtime", "age", "prior"]] + [
        [
            int(r["trt"]),
            int(r["time"]),
            int(r["status"]) + 1,
            int(r["karno"]),
            int(r["diagtime"]),
            int(r["age"]),
            int(r["prior"]),
        ]
        for _, r in sc.iterrows()
    ]
    prompt = f"""
Small-cell subgroup of the VA lung trial. trt: 1 = standard, 2 = test chemo; status uses R's Surv coding \
(1 = censored/alive, 2 = dead).
{table_text(rows)}
Cox PH with treatment as the ONLY covariate (no karno/age adjustment). HR for test vs standard (standard = \
reference), 95% CI and Wald p. Efron ties as in R's default."""
    items.append(
        answer(
            prompt,
            "cox_ph",
            "HR test vs standard (reference); Efron",
            ref_cox(
                col(sc, "time"),
                [int(s) for s in sc["status"]],
                ["test" if t == 2 else "standard" for t in sc["trt"]],
                "standard",
            ),
            ["hr", "ci_lower", "ci_upper", "p"],
            source="survival::veteran, smallcell",
            form="CSV with 1/2 (R Surv) status coding and unused covariate columns",
        )
    )

    from lifelines.datasets import load_lymphoma

    ly = load_lymphoma()
    tuples = "; ".join(
        f"({int(s)}, {int(t)}, {int(c)})" for s, t, c in zip(ly["Stage_group"], ly["Time"], ly["Censor"], strict=True)
    )
    prompt = f"""
Lymphoma series (StatsDirect example), tuples of (stage group, time in days, status) where status 1 = died, \
0 = censored:
{tuples}
Cox model, stage group only: hazard ratio for stage group 2 relative to group 1, with 95% CI + p."""
    items.append(
        answer(
            prompt,
            "cox_ph",
            "HR group 2 vs group 1 (reference); Efron",
            ref_cox(
                list(ly["Time"].astype(float)), list(ly["Censor"].astype(int)), [str(s) for s in ly["Stage_group"]], "1"
            ),
            ["hr", "ci_lower", "ci_upper", "p"],
            source="lifelines.datasets.load_lymphoma",
            form="(group, time, status) tuples",
        )
    )

    from lifelines.datasets import load_rossi

    ro = load_rossi()
    weeks = {f: sorted(int(w) for w in ro.loc[(ro["fin"] == f) & (ro["arrest"] == 1), "week"]) for f in (0, 1)}
    cens = {f: int(((ro["fin"] == f) & (ro["arrest"] == 0)).sum()) for f in (0, 1)}
    prompt = f"""
Rossi et al. recidivism data (432 released prisoners, 1 yr follow-up). Weeks to first re-arrest:
no financial aid (fin=0): {comma(weeks[0], " ")} — plus {cens[0]} not re-arrested, censored at 52
financial aid (fin=1): {comma(weeks[1], " ")} — plus {cens[1]} censored at 52
Unadjusted Cox regression on financial aid only: HR (aid vs no aid), 95% CI, p. Lots of tied weeks, use Efron."""
    time, event, group = [], [], []
    for f in (0, 1):
        time += weeks[f] + [52] * cens[f]
        event += [1] * len(weeks[f]) + [0] * cens[f]
        group += [f"fin{f}"] * (len(weeks[f]) + cens[f])
    items.append(
        answer(
            prompt,
            "cox_ph",
            "HR aid vs no aid (reference); Efron",
            ref_cox(time, event, group, "fin0"),
            ["hr", "ci_lower", "ci_upper", "p"],
            source="lifelines.datasets.load_rossi",
            form="event-time lists per arm with censored counts in words",
        )
    )
    return items


# ---- design and multiplicity -----------------------------------------------------------------------------------


def design_items() -> list[Item]:
    p1 = """
Planning a phase II BP trial (drug dosed at 10 mg/kg, 12-week treatment). We want to detect a 5 mmHg \
difference in mean systolic BP between arms; SD from our 2019 pilot (n=38) was 12 mmHg. Two-sided alpha 0.05, \
80% power, 1:1 allocation, two-sample t-test. How many per group? Also, what's the actual power once you round \
that up to a whole number?"""
    p2 = """
sample size q: standardized effect (Cohen's d) of 0.5, i.e. difference 0.5 with SD 1, two-sided 5% level, \
90% power, two independent groups compared by t-test. n per arm (exact from power.t.test) + achieved power at \
the rounded-up n pls"""
    p3 = """
Hi — the lab can only run 25 animals per group this year (budget for 60 total, some reserved for pilots). \
Expected difference in tumour volume 4 mm³, SD 7 mm³, two-sample t-test, alpha = 0.05 two-sided. What power \
do we have? And what difference could we detect with 90% power at n=25/group?"""
    p4 = """
Reviewer asked for a power calc. Two arms of 40 each, hoping to see a 0.3-unit difference in log viral load \
(SD 0.45 from the 2021 cohort of 212 patients), but the protocol uses alpha = 0.01 (two-sided) because of \
interim looks. Power for a two-sample t-test? And the detectable difference at 90% power with those 40/arm?"""
    p5 = """
Two-arm trial, binary endpoint: we expect 30% response on control and 20% on the new regimen (18-month accrual). \
Sample size per arm for 80% power, two-sided alpha 0.05, comparing two proportions (power.prop.test style, no \
continuity correction)? Plus power at the rounded-up n."""
    p6 = """
Infection rate post-op is ~15% with standard prophylaxis; we think the new protocol gets it to 8%. \
How many per group for 90% power at α = 0.05 (2-sided), two-proportion comparison as in R's power.prop.test? \
and the achieved power after rounding up n."""
    # n is reported as R's fractional value; rel_tol 0.02 also accepts the rounded-up n (all n here are > 50).
    return [
        answer(
            p1,
            "sample_size_t",
            "two-sample, two-sided; delta 5, sd 12, power 0.8",
            ref_t_sample_size(5, 12, 0.8),
            ["n", "power_at_ceiling_n"],
            rel_tol=0.02,
            source="design question (numbers in prose)",
            form="design question with distracting numbers",
        ),
        answer(
            p2,
            "sample_size_t",
            "two-sample, two-sided; d = 0.5, power 0.9",
            ref_t_sample_size(0.5, 1, 0.9),
            ["n", "power_at_ceiling_n"],
            rel_tol=0.02,
            source="design question (numbers in prose)",
            form="design question, terse",
        ),
        answer(
            p3,
            "power_t",
            "two-sample, two-sided; n 25, delta 4, sd 7",
            ref_t_power(25, 4, 7),
            ["power", "detectable_delta"],
            source="design question (numbers in prose)",
            form="design question with distracting numbers",
        ),
        answer(
            p4,
            "power_t",
            "two-sample, two-sided; n 40, delta 0.3, sd 0.45, alpha 0.01",
            ref_t_power(40, 0.3, 0.45, alpha=0.01),
            ["power", "detectable_delta"],
            source="design question (numbers in prose)",
            form="design question with distracting numbers",
        ),
        answer(
            p5,
            "sample_size_prop",
            "p1 0.30, p2 0.20, power 0.8",
            ref_prop_sample_size(0.3, 0.2, 0.8),
            ["n", "power_at_ceiling_n"],
            rel_tol=0.02,
            source="design question (numbers in prose)",
            form="design question in percentages",
        ),
        answer(
            p6,
            "sample_size_prop",
            "p1 0.15, p2 0.08, power 0.9",
            ref_prop_sample_size(0.15, 0.08, 0.9),
            ["n", "power_at_ceiling_n"],
            rel_tol=0.02,
            source="design question (numbers in prose)",
            form="design question in percentages",
        ),
    ]


def r_pvalues(code: str) -> dict[str, float]:
    """p-values computed in R from real data, rounded to 3 significant digits as a paper would print them."""
    return {k: float(f"{v:.3g}") for k, v in r_values(code).items()}


def padjust_items() -> list[Item]:
    att = r_pvalues(
        "a <- attitude\n"
        "out(privileges = cor.test(a$rating, a$privileges)$p.value, learning = cor.test(a$rating, a$learning)$p.value,"
        " raises = cor.test(a$rating, a$raises)$p.value, critical = cor.test(a$rating, a$critical)$p.value,"
        " advance = cor.test(a$rating, a$advance)$p.value)"
    )
    lines = "\n".join(f"  {k}: p = {v:g}" for k, v in att.items())
    p1 = f"""
Secondary correlations with overall rating (30 departments), unadjusted p-values:
{lines}
Benjamini–Hochberg (FDR) adjusted p-values please, in teh same order."""
    mo = r_pvalues(
        "s <- split(morley$Speed, morley$Expt)\n"
        "out(e2 = t.test(s[[1]], s[[2]])$p.value, e3 = t.test(s[[1]], s[[3]])$p.value,"
        " e4 = t.test(s[[1]], s[[4]])$p.value, e5 = t.test(s[[1]], s[[5]])$p.value)"
    )
    p2 = (
        "Welch tests of expt 1 vs each later experiment gave "
        + ", ".join(f"p={v:g} (vs {k[1]})" for k, v in mo.items())
        + ". Holm-adjust them for me? keep the order vs 2, 3, 4, 5."
    )
    sw = r_pvalues(
        "f <- swiss$Fertility\n"
        "out(Agriculture = cor.test(f, swiss$Agriculture)$p.value, Catholic = cor.test(f, swiss$Catholic)$p.value,"
        " Infant.Mortality = cor.test(f, swiss$Infant.Mortality)$p.value)"
    )
    rows = markdown(["covariate", "raw p"], [[k, f"{v:g}"] for k, v in sw.items()])
    p3 = f"""
Fertility vs three provincial covariates (Swiss 1888 data, 47 provinces), from my Table 2:

{rows}

bonferroni correction across these 3 tests — adjusted p for each, same order."""
    return [
        answer(
            p1,
            "p_adjust",
            "BH",
            ref_p_adjust(list(att), list(att.values()), "BH"),
            [f"p_adj_{k}" for k in att],
            source="p-values of cor.test on R datasets::attitude (3 s.f.)",
            form="labelled p-value list",
        ),
        answer(
            p2,
            "p_adjust",
            "Holm",
            ref_p_adjust(list(mo), list(mo.values()), "holm"),
            [f"p_adj_{k}" for k in mo],
            source="p-values of Welch t-tests on R datasets::morley (3 s.f.)",
            form="p-values inline in a sentence",
        ),
        answer(
            p3,
            "p_adjust",
            "Bonferroni",
            ref_p_adjust(list(sw), list(sw.values()), "bonferroni"),
            [f"p_adj_{k}" for k in sw],
            source="p-values of cor.test on R datasets::swiss (3 s.f.)",
            form="markdown table of labelled p-values",
        ),
    ]


# ----------------------------------------------------------------------------------------------------------------
# must-decline items
# ----------------------------------------------------------------------------------------------------------------


def unsupported_comparison_items() -> list[Item]:
    """Correlation / ANOVA-type analyses with no recipe."""
    items = []
    sw = r_data("swiss").iloc[:15]
    pairs = "\n".join(
        f"{p}: ({dec(a, 1)}, {int(e)})"
        for p, a, e in zip(sw["_row"], sw["Agriculture"], sw["Examination"], strict=True)
    )
    items.append(  # written as a decline before labbot had Kendall's tau; kept in place so the ids stay
        answer(
            f"""
15 Swiss provinces, (% in agriculture, % top mark on army exam):
{pairs}
Kendall's tau-b between the two with its p-value please (not Spearman — reviewer specifically wants Kendall).""",
            "kendall_tau",
            "tau-b, normal approximation (ties)",
            ref_kendall(col(sw, "Agriculture"), col(sw, "Examination")),
            ["tau", "p"],
            source="R datasets::swiss rows 1-15",
            form="labelled (x, y) tuples",
        )
    )

    rounding = r_print(
        "suppressMessages(example(friedman.test, echo = FALSE, ask = FALSE)); print(RoundingTimes, digits = 3)"
    )
    items.append(
        decline(
            f"""
Baseball rounding-first-base times (s), 22 players each tried all three methods (Hollander & Wolfe):
{rounding}
Friedman test please, methods as treatments and players as blocks.""",
            "friedman",
            "Friedman's test for a randomized block design is not supported; Kruskal-Wallis would ignore the blocking.",
            ["friedman"],
            source="R friedman.test example RoundingTimes (Hollander & Wolfe)",
            form="R console print of a matrix",
        )
    )

    wb = r_data("warpbreaks")
    rows = [["breaks", "wool", "tension"]] + [
        [int(b), w, t] for b, w, t in zip(wb["breaks"], wb["wool"], wb["tension"], strict=True)
    ]
    items.append(
        decline(
            f"""
full warpbreaks design (2 wools x 3 tensions, 9 looms per cell):
{table_text(rows)}
two-way ANOVA with the wool × tension interaction — F and p for wool, tension and the interaction.""",
            "two_way_anova",
            "Two-way (factorial) ANOVA with interaction is not a supported recipe; only one-way ANOVA is.",
            ["two-way", "factorial", "interaction"],
            source="R datasets::warpbreaks",
            form="CSV long format",
        )
    )

    cats = r_data("MASS::cats").iloc[::3]
    rows = [["Sex", "Bwt", "Hwt"]] + [
        [s, dec(b, 1), dec(h, 1)] for s, b, h in zip(cats["Sex"], cats["Bwt"], cats["Hwt"], strict=True)
    ]
    items.append(
        decline(
            f"""
Heart weight (g) by sex, but males are bigger so I want to adjust for body weight (kg):
{table_text(rows, sep=chr(9))}
ANCOVA: Hwt ~ Sex + Bwt, adjusted sex difference with CI and p.""",
            "ancova",
            "ANCOVA (a group comparison adjusted for a continuous covariate) is not supported; a t-test is unadjusted.",
            ["ancova", "covariate", "adjust"],
            source="MASS::cats, every 3rd row",
            form="TSV paste",
        )
    )

    orange = r_print("Orange[1:21, ]")
    items.append(
        decline(
            f"""
Orange tree trunk circumference (mm) measured repeatedly on the same trees at 7 ages (days):
{orange}
Repeated-measures ANOVA for the effect of age (within-subject), with sphericity correction please.""",
            "repeated_measures_anova",
            "Repeated-measures ANOVA with sphericity correction is not supported.",
            ["repeated", "sphericity", "within"],
            source="R datasets::Orange, trees 1-3",
            form="R console print(df) long format",
        )
    )

    co2 = r_data("CO2")
    co2 = co2[co2["conc"].isin([95, 500, 1000])]
    rows = [["Plant", "Type", "Treatment", "conc", "uptake"]] + [
        [r["Plant"], r["Type"], r["Treatment"], int(r["conc"]), dec(r["uptake"], 1)] for _, r in co2.iterrows()
    ]
    items.append(
        decline(
            f"""
CO2 uptake, 12 plants each measured at 3 concentrations:
{aligned(rows, right=False)}
Fit a linear mixed model: uptake ~ Type + Treatment + log(conc) with a random intercept per Plant (lme4-style). \
fixed effects + SEs please""",
            "mixed_model",
            "Linear mixed models with random effects are not supported.",
            ["mixed", "random"],
            source="R datasets::CO2, conc 95/500/1000",
            form="whitespace-aligned long format",
        )
    )

    return items


def unsupported_regression_items() -> list[Item]:
    """Regression models beyond the one-predictor recipes."""
    items = []
    ships = r_print("MASS::ships[MASS::ships$service > 0, ]")
    items.append(
        decline(
            f"""
Lloyd's ship damage data (McCullagh & Nelder), service = aggregate months of service:
```
{ships}
```
Poisson regression of incidents on ship type with log(service) as offset — rate ratios vs type A with 95% CIs.""",
            "poisson_regression",
            "Poisson regression (with an offset) is not among the supported recipes.",
            ["poisson"],
            source="MASS::ships, service > 0",
            form="R console print(df) with row numbers",
        )
    )

    quine = r_data("MASS::quine")
    by_eth = {e: [int(d) for d in quine.loc[quine["Eth"] == e, "Days"]] for e in ("A", "N")}
    items.append(
        decline(
            f"""
Days absent from school, Walgett NSW (Quine data), by ethnicity:
Aboriginal: {comma(by_eth["A"])}
Non-aboriginal: {comma(by_eth["N"])}
Very overdispersed counts, so negative binomial regression of days on ethnicity please: rate ratio, CI, p.""",
            "negative_binomial",
            "Negative binomial regression for overdispersed counts is not supported.",
            ["negative", "binomial"],
            source="MASS::quine",
            form="comma lists per group",
        )
    )

    pima = r_data("MASS::Pima.tr").iloc[:60]
    rows = [["glu", "bmi", "age", "ped", "type"]] + [
        [int(r["glu"]), dec(r["bmi"], 1), int(r["age"]), dec(r["ped"], 3), r["type"]] for _, r in pima.iterrows()
    ]
    items.append(
        decline(
            f"""
First 60 Pima women:
{table_text(rows)}
Logistic regression of type on glu, bmi, age and ped together (multivariable) — adjusted ORs with 95% CIs.""",
            "multivariable_logistic",
            "Only logistic regression with a single predictor is supported; this asks for a multivariable model.",
            ["multivariable", "multiple", "adjusted"],
            source="MASS::Pima.tr rows 1-60",
            form="CSV with header",
        )
    )

    vet = r_data("survival::veteran").iloc[::3]
    rows = [["trt", "celltype", "time", "status", "karno", "age"]] + [
        [int(r["trt"]), r["celltype"], int(r["time"]), int(r["status"]), int(r["karno"]), int(r["age"])]
        for _, r in vet.iterrows()
    ]
    items.append(
        decline(
            f"""
VA lung data (every 3rd patient). status 1 = died.
{aligned(rows, right=False)}
Cox model with trt, karno, age and celltype all in — I need the treatment HR adjusted for the others.""",
            "multivariable_cox",
            "Only a Cox model with the group as the sole covariate is supported; this is a multivariable Cox model.",
            ["multivariable", "adjusted", "covariates"],
            source="survival::veteran, every 3rd row",
            form="whitespace-aligned columns",
        )
    )

    return items


def unsupported_table_items() -> list[Item]:
    """Agreement, diagnostic and stratified/ordered table analyses."""
    items = []
    items.append(
        decline(
            """
Agreement between two handedness measures in the student survey (the 'Neither' clappers dropped):

                 clap: L-on-top   clap: R-on-top
write: Left            9                4
write: Right          29              143

Cohen's kappa with 95% CI please.""",
            "cohen_kappa",
            "Cohen's kappa (agreement) is not a supported recipe.",
            ["kappa", "agreement"],
            source="MASS::survey, W.Hnd x Clap without 'Neither'",
            form="contingency table with row/column labels",
        )
    )

    pima_all = r_data("MASS::Pima.tr")
    yes = [int(g) for g, t in zip(pima_all["glu"], pima_all["type"], strict=True) if t == "Yes"]
    no = [int(g) for g, t in zip(pima_all["glu"], pima_all["type"], strict=True) if t == "No"]
    items.append(
        decline(
            f"""
2-h glucose (mg/dL) in diabetic women: {comma(yes, " ")}
and in non-diabetics: {comma(no[:60], " ")}
(first 60 non-diabetics only.) ROC curve for glucose as a diagnostic marker: AUC with DeLong 95% CI, and the \
Youden-optimal cutoff.""",
            "roc_auc",
            "ROC analysis / AUC is not a supported recipe.",
            ["roc", "auc"],
            source="MASS::Pima.tr",
            form="space-separated lists per group",
        )
    )

    items.append(
        decline(
            """
Titanic adults, survival by sex within each class:
class   sex      died  survived
1st     male      118        57
1st     female      4       140
2nd     male      154        14
2nd     female     13        80
3rd     male      387        75
3rd     female     89        76
crew    male      670       192
crew    female      3        20
Cochran–Mantel–Haenszel test of sex vs survival stratified by class, plus the common (MH) odds ratio.""",
            "cmh",
            "The Cochran-Mantel-Haenszel stratified test is not supported; a pooled chi-square would ignore strata.",
            ["mantel", "cmh", "stratified"],
            source="R datasets::Titanic, adults",
            form="whitespace table, long format with strata",
        )
    )

    nw = r_table("with(survival::nwtco, table(stage, rel))")
    lines = "\n".join(
        f"stage {['I', 'II', 'III', 'IV'][i]}: {rel} relapsed / {no + rel}" for i, (no, rel) in enumerate(nw)
    )
    items.append(
        decline(
            f"""
Wilms tumour (NWTS), relapse by stage:
{lines}
Cochran–Armitage test for trend in relapse proportion across the ordered stages?""",
            "trend_test",
            "The Cochran-Armitage trend test is not supported; an r x c chi-square would ignore the ordering.",
            ["trend", "armitage"],
            source="survival::nwtco",
            form="counts per ordered category in words",
        )
    )

    return items


def unsupported_variance_items() -> list[Item]:
    """Variance checks, post-hoc tests and an exact binomial test."""
    items = []
    cw = r_data("chickwts")
    groups = {f: [int(v) for v in cw.loc[cw["feed"] == f, "weight"]] for f in dict.fromkeys(cw["feed"])}
    lines = "\n".join(f"{f}: {comma(v)}" for f, v in groups.items())
    items.append(
        decline(
            f"""
before the ANOVA I want to check homogeneity of variance. chick weights by feed:
{lines}
Levene's test (Brown–Forsythe, median-centred) please.""",
            "levene",
            "Levene's / Brown-Forsythe test of equal variances is not a supported recipe.",
            ["levene", "variance"],
            source="R datasets::chickwts",
            form="labelled comma lists",
        )
    )

    osp = r_data("OrchardSprays")
    groups = {t: [int(v) for v in osp.loc[osp["treatment"] == t, "decrease"]] for t in "ABCDEFGH"}
    lines = "\n".join(f"{t} {comma(v, ' ')}" for t, v in groups.items())
    items.append(
        decline(
            f"""
OrchardSprays decrease by treatment (A = highest dilution … H = no sulphur):
{lines}
KW is clearly significant. Dunn's post-hoc test for all pairwise comparisons, Holm-adjusted, please.""",
            "dunn",
            "Dunn's post-hoc test is not supported (Tukey HSD applies only after ANOVA).",
            ["dunn", "post-hoc"],
            source="R datasets::OrchardSprays",
            form="space-separated lists per group",
        )
    )

    items.append(
        decline(
            """
single-arm phase II, Simon design stage 1 done: 11 responders out of 19 evaluable pts. Historical response \
rate is 30%. Exact binomial test (two-sided) of 11/19 against p0 = 0.30, with a Clopper-Pearson CI.""",
            "binomial_test",
            "An exact one-sample binomial test is not among the supported recipes.",
            ["binomial"],
            source="design question (numbers in prose)",
            form="counts in words",
        )
    )

    items.append(
        decline(
            f"""
group variances look very different so please don't do ordinary ANOVA — Welch's one-way ANOVA (oneway.test, \
var.equal = FALSE) on these chick weights:
{lines_of(r_data("chickwts"))}""",
            "welch_anova",
            "Welch's heteroscedastic one-way ANOVA is not supported (only the classical equal-variance F test).",
            ["welch", "oneway", "heteroscedastic"],
            source="R datasets::chickwts",
            form="labelled comma lists",
        )
    )
    return items


def unsupported_design_items() -> list[Item]:
    """Sample-size questions outside the t-test / two-proportion recipes."""
    items = []
    items.append(
        decline(
            """
Sample size for a survival trial: median OS 12 months on control, hoping for HR = 0.70, 2:1 randomisation, \
80% power, two-sided 0.05, 24-month accrual + 12 months follow-up. How many events and patients do we need \
(Schoenfeld)?""",
            "sample_size_survival",
            "Sample size for a time-to-event (log-rank/Cox) design is not supported; only t-test and two-proportion.",
            ["survival", "events", "schoenfeld"],
            source="design question (numbers in prose)",
            form="design question",
        )
    )

    items.append(
        decline(
            """
Crossover study, each subject gets both formulations. SD of the within-subject differences ≈ 8 units from \
the 2022 pilot; want to detect a mean difference of 3 with 90% power, alpha 0.05. Sample size for a PAIRED \
t-test — how many subjects?""",
            "sample_size_paired",
            "Only two-sample t-test sample size is supported; a paired design needs a different calculation.",
            ["paired"],
            source="design question (numbers in prose)",
            form="design question",
        )
    )

    return items


def unsupported_survival_items() -> list[Item]:
    """Survival analyses beyond KM, log-rank and one-covariate Cox."""
    items = []
    mel = r_data("MASS::Melanoma").iloc[::2]
    rows = [["time", "status"]] + [[int(t), int(s)] for t, s in zip(mel["time"], mel["status"], strict=True)]
    items.append(
        decline(
            f"""
Melanoma follow-up (every 2nd patient), time in days; status 1 = died of melanoma, 2 = alive, \
3 = died of other causes.
{table_text(rows)}
Cumulative incidence of melanoma death at 5 years accounting for other-cause death as a competing risk \
(Aalen–Johansen / Fine-Gray style), please.""",
            "competing_risks",
            "Competing-risks cumulative incidence is not supported; 1 - KM would overestimate it.",
            ["competing", "incidence"],
            source="MASS::Melanoma, every 2nd row",
            form="CSV with 1/2/3 status coding",
        )
    )

    ge = r_data("MASS::gehan")
    arms = {
        a: plus(col(ge[ge["treat"] == a], "time"), [int(c) for c in ge.loc[ge["treat"] == a, "cens"]])
        for a in ("6-MP", "control")
    }
    items.append(
        decline(
            f"""
6-MP trial, weeks in remission (+ = censored):
6-MP: {arms["6-MP"]}
placebo: {arms["control"]}
Restricted mean survival time up to 20 weeks in each arm and the RMST difference with CI.""",
            "rmst",
            "Restricted mean survival time is not a supported recipe.",
            ["rmst", "restricted"],
            source="MASS::gehan",
            form="'+' censoring notation",
        )
    )

    items.append(
        decline(
            """
Father's vs son's occupational status (Glass 1954 British mobility data), collapsed to 3 classes:

              son: low   son: mid   son: high
father: low       125        104         50
father: mid        88        434        497
father: high       49        495       1656

It's a paired square table — test of symmetry (Bowker's generalisation of McNemar) please.""",
            "bowker",
            "Bowker's symmetry test for a 3x3 paired table is not supported; McNemar covers only 2x2.",
            ["bowker", "symmetry", "3x3"],
            source="R datasets::occupationalStatus collapsed 1-2/3-5/6-8",
            form="3x3 contingency table with labels",
        )
    )
    return items


def lines_of(cw: pd.DataFrame) -> str:
    groups = {f: [int(v) for v in cw.loc[cw["feed"] == f, "weight"]] for f in dict.fromkeys(cw["feed"])}
    return "\n".join(f"{f} - {comma(v, ' ')}" for f, v in groups.items())


def insufficient_data_items() -> list[Item]:
    items = []
    ge = r_data("MASS::gehan")
    mp = ge[ge["treat"] == "6-MP"]
    items.append(
        decline(
            f"""
Remission times for the 6-MP patients (weeks, + censored): {plus(col(mp, "time"), [int(c) for c in mp["cens"]])}
Can you run the log-rank test comparing the treatment groups?""",
            "log_rank",
            "Only one group's data are given, so there is nothing to compare with a log-rank test.",
            ["group", "groups", "placebo"],
            source="MASS::gehan, 6-MP arm only",
            form="'+' censoring notation, single arm",
        )
    )

    sh = r_data("MASS::shoes")
    a, b = col(sh, "A"), col(sh, "B")
    items.append(
        decline(
            f"""
Shoe wear, material A on one foot and B on the other, same boys:
A: {comma(a)}
B: {comma(b[:-1])}
paired t-test B − A please.""",
            "paired_t",
            "The paired lists have different lengths (10 vs 9), so the pairs cannot be formed.",
            ["length", "unequal", "different"],
            source="MASS::shoes with the last B value missing",
            form="comma lists of unequal length",
        )
    )

    items.append(
        decline(
            """
Pilot lab values, two animals so far: (dose 2.5 mg/kg, AUC 41.2) and (dose 5 mg/kg, AUC 77.9).
Pearson r with 95% CI and p?""",
            "pearson",
            "With two points the correlation is trivially ±1 with no degrees of freedom; no CI or p exists.",
            ["points", "observations", "insufficient"],
            source="illustrative two-point pilot",
            form="(x, y) pairs in prose",
        )
    )

    cw = r_data("chickwts")
    casein = [int(v) for v in cw.loc[cw["feed"] == "casein", "weight"]]
    items.append(
        decline(
            f"""
Casein-fed chicks: {comma(casein)}. The one bird on the experimental fishmeal diet weighed 301 g.
Welch t-test fishmeal vs casein please (t, df, p).""",
            "welch_t",
            "One group has a single observation, so its variance (and a Welch t-test) cannot be estimated.",
            ["single", "variance", "observation"],
            source="R datasets::chickwts casein plus one hypothetical value",
            form="comma list and a single value in prose",
        )
    )

    items.append(
        decline(
            """
Relapse by arm: of the 120 patients on drug, 31 relapsed and 95 did not; on placebo 44 of 118 relapsed \
(74 did not). Chi-square 2x2 with Yates please.""",
            "chi_square",
            "The drug arm's counts (31 + 95 = 126) contradict its stated total of 120.",
            ["total", "inconsistent", "126"],
            source="constructed inconsistency",
            form="counts in words with contradictory totals",
        )
    )

    wb = r_data("warpbreaks")
    hb = wb[(wb["wool"] == "B") & (wb["tension"] == "H")]
    hm = wb[(wb["wool"] == "B") & (wb["tension"] == "M")]
    items.append(
        decline(
            f"""
n = 9 looms per tension (wool B). breaks:
medium: {comma(col(hm, "breaks"))}
high: {comma(col(hb, "breaks")[:-1])}
Student t-test (pooled), medium minus high.""",
            "student_t",
            "The message says n = 9 per group but the high-tension list has only 8 values.",
            ["8", "eight", "mismatch"],
            source="R datasets::warpbreaks wool B, one value dropped",
            form="comma lists with a stated n that contradicts one list",
        )
    )

    mo = r_data("morley")
    e1, e2 = col(mo[mo["Expt"] == 1], "Speed"), col(mo[mo["Expt"] == 2], "Speed")
    items.append(
        decline(
            f"""
Mann-Whitney please (exact if possible) comparing Michelson's first two experiments, 20 runs each:
Expt 1: {comma(e1)}
Expt 2: {comma(e2[:9])}, 8""",
            "mann_whitney",
            "The message is cut off in the middle of the second list, so the data are incomplete.",
            ["truncated", "cut", "incomplete"],
            source="R datasets::morley, message truncated mid-list",
            form="comma lists, second cut off mid-number",
        )
    )
    return items


# ----------------------------------------------------------------------------------------------------------------
# assembly
# ----------------------------------------------------------------------------------------------------------------

FAMILIES = [
    welch_items,
    student_items,
    paired_t_items,
    one_sample_t_items,
    anova_items,
    rank_sum_items,
    signed_rank_items,
    kruskal_items,
    shapiro_items,
    chisq_items,
    fisher_items,
    mcnemar_items,
    effect_size_items,
    pearson_items,
    spearman_items,
    regression_items,
    logistic_items,
    km_items,
    logrank_items,
    cox_items,
    design_items,
    padjust_items,
    unsupported_comparison_items,
    unsupported_regression_items,
    unsupported_table_items,
    unsupported_variance_items,
    unsupported_design_items,
    unsupported_survival_items,
    insufficient_data_items,
]


def to_record(i: int, item: Item) -> dict[str, object]:
    assert len(item.prompt) < MAX_PROMPT, (item.analysis, len(item.prompt))
    rec: dict[str, object] = {"id": f"sealed-{i:03d}", "prompt": item.prompt, "expect": item.expect}
    rec["analysis"] = item.analysis
    if item.expect == "answer":
        rec["variant"] = item.variant
        rec["expected"] = expected_values(item)
        rec["rel_tol"] = item.rel_tol
    else:
        assert item.why and 1 <= len(item.reason_mentions) <= 3
        assert all(w == w.lower() for w in item.reason_mentions)
        rec["why"] = item.why
        rec["reason_mentions"] = list(item.reason_mentions)
    rec["source"] = item.source
    rec["form"] = item.form
    return rec


def interleave(items: list[Item]) -> list[Item]:
    """A fixed, content-derived order, so answerable and must-decline items are mixed rather than grouped."""
    return sorted(items, key=lambda it: hashlib.sha256(it.prompt.encode("utf-8")).hexdigest())


def main() -> None:
    items = interleave([item for family in FAMILIES for item in family()])
    records = [to_record(i, item) for i, item in enumerate(items, start=1)]
    with OUT.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    n_ans = sum(r["expect"] == "answer" for r in records)
    print(f"wrote {len(records)} items ({n_ans} answerable, {len(records) - n_ans} must-decline) to {OUT}")


if __name__ == "__main__":
    main()
