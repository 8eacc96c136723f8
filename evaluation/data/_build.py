"""What every generator of the real-data analysis sets shares: R, number formatting, item registration, checks.

A generator builds its items with an ``ItemSet``: ``answer`` runs the R code, takes R's emitted numbers as the
expectation and stops unless the Python cross-check agrees; ``decline`` records a request that must be declined
and what the reason has to mention.  ``ItemSet.main`` writes the set (byte-identical run to run) or, given
builder names on the command line, prints only those items.  The Python checks below recompute R's numbers with
scipy, statsmodels or lifelines (or a direct formula where no library has R's exact variant).  The item builders
at the end (``anova_item``, ``lm_item``, ...) pair an R call with its check and register it on the set they are given.
"""

from __future__ import annotations

import functools
import io
import json
import math
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import statsmodels.api as sm
from lifelines import CoxPHFitter, KaplanMeierFitter
from lifelines.statistics import multivariate_logrank_test
from scipy import optimize, stats
from statsmodels.stats.contingency_tables import Table2x2, mcnemar
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import confint_proportions_2indep

# R code that names one of these needs the survival package (loading it is slow, so only then)
SURVIVAL_WORDS = (
    *("Surv", "coxph", "survdiff", "retinopathy", "myeloid", "flchain", "diabetic", "heart", "pbc"),
    *("rats", "kidney", "cgd0", "nwtco", "mgus2"),
)
R_PRELUDE = r"""
suppressPackageStartupMessages(library(MASS))
options(width = 80, warn = -1)
emit <- function(...) {
  a <- list(...); v <- vapply(a, function(z) as.numeric(z)[1], 0)
  cat(sprintf("%s=%.15g\n", names(a), v), sep = "")
}
"""
Z975 = float(stats.norm.ppf(0.975))

# ---------------------------------------------------------------- R plumbing


def r_text(code: str) -> str:
    """Run R code (after the prelude) and return what it printed."""
    prelude = R_PRELUDE
    if any(w in code for w in SURVIVAL_WORDS):
        prelude += "suppressPackageStartupMessages(library(survival))\n"
    proc = subprocess.run(
        ["R", "--vanilla", "--slave"], input=prelude + code, capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        raise RuntimeError(f"R failed:\n{code}\n{proc.stderr}")
    return proc.stdout


def r_values(code: str) -> dict[str, float]:
    """Run R code that calls emit(name = value, ...) and return the emitted numbers."""
    values: dict[str, float] = {}
    for line in r_text(code).splitlines():
        if "=" in line:
            key, _, val = line.partition("=")
            values[key.strip()] = float(val)
    return values


@functools.cache
def r_csv(expr: str) -> str:
    """What R's write.csv prints for a data frame expression (cached: generators read a data set often)."""
    return r_text(f"write.csv({expr}, stdout(), row.names = FALSE)")


def r_frame(expr: str) -> pd.DataFrame:
    """An R data frame expression, read back through CSV (dots in column names become underscores)."""
    d = pd.read_csv(io.StringIO(r_csv(expr)), keep_default_na=False, na_values=["NA"])
    d.columns = [str(c).replace(".", "_") for c in d.columns]
    return d


def fnum(x: float, nd: int = 10) -> str:
    """A number as a researcher would write it (no trailing .0, no float noise), rounded to nd decimals."""
    if math.isnan(float(x)):
        return "NA"
    xf = round(float(x), nd)
    if xf.is_integer() and abs(xf) < 1e15:
        return str(int(xf))
    return repr(xf)


def toks(values: Sequence[float] | pd.Series, nd: int = 10) -> list[str]:
    return [fnum(v, nd) for v in values]


def dec1(values: Sequence[float] | pd.Series) -> list[str]:
    """Numbers printed with one decimal, as R prints a column of one-decimal numbers."""
    return ["NA" if math.isnan(float(v)) else f"{float(v):.1f}" for v in values]


def rv(tokens: Sequence[str]) -> str:
    """An R vector literal from number strings (NA kept)."""
    return "c(" + ", ".join(tokens) + ")"


def fl(tokens: Sequence[str]) -> np.ndarray:
    return np.array([math.nan if t == "NA" else float(t) for t in tokens])


def thousands(tok: str) -> str:
    """'2523' -> '2,523' (only integers)."""
    return f"{int(tok):,}"


def dcomma(tok: str) -> str:
    """A decimal comma instead of the point."""
    return tok.replace(".", ",")


def sig6(x: float) -> float:
    return float(f"{x:.6g}")


def key_of(t: float) -> str:
    return fnum(t).replace(".", "_")


def dec2(values: Sequence[float] | pd.Series) -> list[str]:
    """Numbers printed with two decimals."""
    return [f"{float(v):.2f}" for v in values]


def diffs(a: Sequence[str], c: Sequence[str]) -> np.ndarray:
    """Pairwise differences of two lists of number strings, rid of float noise."""
    rounded: np.ndarray = np.round(fl(a) - fl(c), 10)
    return rounded


def plus(t: Sequence[str], e: Sequence[str]) -> str:
    """Survival times as a clinician lists them: '12, 15+, 20' with + for a censored time."""
    return ", ".join(x + ("" if s == "1" else "+") for x, s in zip(t, e, strict=True))


def long_rows(row: str, groups: Mapping[str, Sequence[str]]) -> str:
    """A long-format table's rows, group after group: ``row`` formatted with each ``value`` and its ``group``."""
    return "\n".join(row.format(value=value, group=group) for group, values in groups.items() for value in values)


def named_print(names: Sequence[str], values: Sequence[str], width: int, gap: str) -> str:
    """R's print of a named vector: the names over their values, each right-aligned to ``width``."""
    return gap.join(f"{name:>{width}}" for name in names) + "\n" + gap.join(f"{value:>{width}}" for value in values)


def r_text_rownames(expr: str) -> list[str]:
    """The row names of an R data frame expression."""
    return [s.strip() for s in r_text(f"cat(rownames({expr}), sep = '\\n')").splitlines()]


MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def ts_year(expr: str, year: int, fmt: str = "int") -> list[str]:
    """One calendar year of a monthly R time series, as integers or one-decimal strings."""
    x = r_frame(f"data.frame(x = as.numeric(window({expr}, start = c({year}, 1), end = c({year}, 12))))").x
    return toks(x) if fmt == "int" else dec1(x)


def period_of(expr: str, period: int, first: int, last: int, fmt: str = "int") -> list[str]:
    """One month (or quarter) of a seasonal series across the years first..last."""
    d = r_frame(f"data.frame(x = as.numeric({expr}), y = floor(time({expr}) + 1e-6), m = as.numeric(cycle({expr})))")
    x = d.x[(d.m == period) & (d.y >= first) & (d.y <= last)]
    return toks(x) if fmt == "int" else dec1(x)


def ts_print(rows: Mapping[str, Sequence[str]], heads: Sequence[str] = MONTHS) -> str:
    """Rows of a series the way R prints a ts (periods across, years down)."""
    w = max(len(v) for vals in rows.values() for v in vals) + 1
    top = "     " + "".join(f"{m:>{w}}" for m in heads)
    return top + "\n" + "\n".join(f"{k:<5}" + "".join(f"{v:>{w}}" for v in vals) for k, vals in rows.items())


def r_vector_print(values: Sequence[str], per_line: int = 10) -> str:
    """A numeric vector as R's console prints it, with the [i] index at each line's start."""
    w = max(len(v) for v in values)
    iw = len(f"[{len(values)}]")
    return "\n".join(
        f"{f'[{i + 1}]':>{iw}} " + " ".join(f"{v:>{w}}" for v in values[i : i + per_line])
        for i in range(0, len(values), per_line)
    )


def dec3(values: Sequence[float] | pd.Series) -> list[str]:
    """Numbers printed with three decimals."""
    return [f"{float(v):.3f}" for v in values]


def split_by(values: Sequence[str], keys: Sequence[object], key: object) -> list[str]:
    """The values whose matching entry in ``keys`` is ``key``."""
    return [v for v, k in zip(values, keys, strict=True) if k == key]


def crosstab(d: pd.DataFrame, row: str, col: str, rows: Sequence[object], cols: Sequence[object]) -> list[list[int]]:
    """Counts of ``d`` by ``row`` and ``col``, in the order of ``rows`` and ``cols``."""
    return [[int(((d[row] == r) & (d[col] == c)).sum()) for c in cols] for r in rows]


def surv_split(t: Sequence[str], e: Sequence[str], g: Sequence[object], key: object) -> str:
    """One group's survival times as a '+'-marked list."""
    return plus(split_by(t, g, key), split_by(e, g, key))


# ---------------------------------------------------------------- item registration


class ItemSet:
    """The items of one set, in the order they are built, and the file they are written to."""

    def __init__(self, out: Path, id_prefix: str) -> None:
        self.out = out
        self.id_prefix = id_prefix
        self.answers: list[dict[str, Any]] = []
        self.declines: list[dict[str, Any]] = []
        self.builders: list[Callable[[], None]] = []

    def item(self, fn: Callable[[], None]) -> Callable[[], None]:
        self.builders.append(fn)
        return fn

    def answer(
        self,
        prompt: str,
        analysis: str,
        variant: str,
        r_code: str,
        check: Mapping[str, float],
        source: str,
        form: str,
        rel_tol: float = 0.01,
        check_tol: float = 1e-6,
    ) -> None:
        """Register an answerable item; R's emitted numbers are the expectation, Python's must agree."""
        got = r_values(r_code)
        if not got:
            raise RuntimeError(f"R emitted nothing for {analysis}: {r_code}")
        for key, py in check.items():
            if key not in got:
                raise AssertionError(f"{analysis}/{variant}: R emitted no {key}")
            if not math.isclose(got[key], py, rel_tol=check_tol, abs_tol=1e-12):
                raise AssertionError(f"{analysis}/{variant}: {key} R={got[key]!r} Python={py!r}\n{prompt[:200]}")
        missing = set(got) - set(check)
        if missing:
            raise AssertionError(f"{analysis}/{variant}: no Python cross-check for {sorted(missing)}")
        expected = {k: sig6(v) for k, v in got.items()}
        if not 2 <= len(expected) <= 5:
            raise AssertionError(f"{analysis}: {len(expected)} expected numbers")
        for key, val in expected.items():
            if not math.isfinite(val) or abs(val) < 1e-3:
                raise AssertionError(f"{analysis}/{variant}: {key}={val} is too small or not finite\n{prompt[:300]}")
        if len(prompt) >= 3000:
            raise AssertionError(f"{analysis}: prompt has {len(prompt)} characters")
        self.answers.append(
            {
                "prompt": prompt,
                "expect": "answer",
                "analysis": analysis,
                "variant": variant,
                "expected": expected,
                "rel_tol": rel_tol,
                "source": source,
                "form": form,
            }
        )

    def decline(self, prompt: str, analysis: str, why: str, mentions: list[str], source: str, form: str) -> None:
        if len(prompt) >= 3000 or not 1 <= len(mentions) <= 3 or any(m != m.lower() for m in mentions):
            raise AssertionError(f"bad decline item {analysis}")
        self.declines.append(
            {
                "prompt": prompt,
                "expect": "decline",
                "analysis": analysis,
                "why": why,
                "reason_mentions": mentions,
                "source": source,
                "form": form,
            }
        )

    def main(self, only: Sequence[str] = ()) -> None:
        """Build every item and write the set; with names, build only the matching builders and print them."""
        for build in self.builders:
            if not only or any(o in build.__name__ for o in only):
                build()
        if only:
            for it in self.answers:
                print(it["analysis"], "|", it["variant"], "|", it["form"], it["expected"])
                print(it["prompt"], "\n" + "-" * 60)
            for it in self.declines:
                print(it["analysis"], it["reason_mentions"], "|", it["form"])
                print(it["prompt"], "\n" + "-" * 60)
            return
        items = self.answers + self.declines
        lines = [
            json.dumps({"id": f"{self.id_prefix}-{i:03d}"} | it, ensure_ascii=False) for i, it in enumerate(items, 1)
        ]
        self.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {len(self.answers)} answerable + {len(self.declines)} decline items to {self.out.name}")

    def run(self) -> None:
        self.main(sys.argv[1:])


# ---------------------------------------------------------------- shared Python checks


def ttest_check(res: Any, level: float = 0.95, ci: bool = True) -> dict[str, float]:
    out = {"t": float(res.statistic), "df": float(res.df), "p": float(res.pvalue)}
    if ci:
        lo, hi = res.confidence_interval(level)
        out |= {"ci_low": float(lo), "ci_high": float(hi)}
    return out


def ttest_r(x: str, y: str = "", extra: str = "", ci: bool = True) -> str:
    """R's t.test call and the emitted t, df, p (and CI limits)."""
    args = ", ".join(a for a in (x, y, extra) if a)
    out = f"tt <- t.test({args})\nemit(t = tt$statistic, df = tt$parameter, p = tt$p.value"
    return out + (", ci_low = tt$conf.int[1], ci_high = tt$conf.int[2])" if ci else ")")


def signed_rank_v(d: np.ndarray) -> float:
    """R's V: the sum of the ranks of |d| (average ranks for ties, zeros dropped) of positive d."""
    d = d[d != 0]
    ranks = stats.rankdata(np.abs(d))
    return float(ranks[d > 0].sum())


def km_check(times: np.ndarray, events: np.ndarray, at: Sequence[float]) -> dict[str, float]:
    kmf = KaplanMeierFitter().fit(times, events)
    out = {"median": float(kmf.median_survival_time_)}
    for t in at:
        out[f"surv_{key_of(t)}"] = float(kmf.survival_function_at_times(t).iloc[0])
    return out


def cox_check(times: np.ndarray, events: np.ndarray, x: np.ndarray, tight: bool = False) -> dict[str, float]:
    """lifelines' Efron fit; ``tight`` iterates it further (its default stops near 1e-5 relative on the HR)."""
    df = pd.DataFrame({"T": times, "E": events, "x": x})
    options = {"precision": 1e-12, "max_steps": 200} if tight else None
    cph = CoxPHFitter().fit(df, "T", "E", fit_options=options)
    coef, se = float(cph.params_["x"]), float(cph.standard_errors_["x"])
    return {
        "hr": math.exp(coef),
        "ci_low": math.exp(coef - Z975 * se),
        "ci_high": math.exp(coef + Z975 * se),
        "p": float(cph.summary.loc["x", "p"]),
    }


def breslow_cox_check(times: np.ndarray, events: np.ndarray, x: np.ndarray) -> dict[str, float]:
    """One-covariate Cox model with Breslow's tie handling, by Newton-Raphson on the partial likelihood."""

    def score_info(beta: float) -> tuple[float, float]:
        u, info = 0.0, 0.0
        for t in np.unique(times[events == 1]):
            dead = (times == t) & (events == 1)
            risk = times >= t
            w = np.exp(beta * x[risk])
            s0, s1, s2 = w.sum(), (w * x[risk]).sum(), (w * x[risk] ** 2).sum()
            m = int(dead.sum())
            u += x[dead].sum() - m * s1 / s0
            info += m * (s2 / s0 - (s1 / s0) ** 2)
        return u, info

    beta = 0.0
    for _ in range(100):
        u, info = score_info(beta)
        step = u / info
        beta += step
        if abs(step) < 1e-12:
            break
    se = 1 / math.sqrt(score_info(beta)[1])
    return {
        "hr": math.exp(beta),
        "ci_low": math.exp(beta - Z975 * se),
        "ci_high": math.exp(beta + Z975 * se),
        "p": float(2 * stats.norm.sf(abs(beta / se))),
    }


def logrank_check(times: np.ndarray, events: np.ndarray, groups: Sequence[str] | np.ndarray) -> dict[str, float]:
    res = multivariate_logrank_test(times, np.asarray(groups), events)
    k = len(set(groups))
    return {"chisq": float(res.test_statistic), "df": float(k - 1), "p": float(res.p_value)}


def surv_r(times: Sequence[str], events: Sequence[str]) -> str:
    return f"tt <- {rv(times)}; ee <- {rv(events)}\n"


def r_km(times: Sequence[str], events: Sequence[str], at: Sequence[float]) -> str:
    keys = ", ".join(f"surv_{key_of(t)} = s[{i + 1}]" for i, t in enumerate(at))
    return (
        surv_r(times, events) + "fit <- survfit(Surv(tt, ee) ~ 1)\n"
        f"s <- summary(fit, times = c({', '.join(fnum(t) for t in at)}))$surv\n"
        f"emit(median = unname(summary(fit)$table['median']), {keys})\n"
    )


def r_logrank(times: Sequence[str], events: Sequence[str], groups: Sequence[str]) -> str:
    gl = ", ".join(json.dumps(g) for g in groups)
    return (
        surv_r(times, events) + f"gg <- c({gl})\n"
        "s <- survdiff(Surv(tt, ee) ~ gg)\n"
        "emit(chisq = s$chisq, df = length(s$n) - 1, p = pchisq(s$chisq, length(s$n) - 1, lower.tail = FALSE))\n"
    )


def r_cox(
    times: Sequence[str], events: Sequence[str], x: Sequence[str], ties: str = "efron", tight: bool = False
) -> str:
    """R's one-covariate Cox fit; ``tight`` converges it further (R's default eps leaves the fifth digit to chance
    against lifelines, which ``cox_check(tight=True)`` matches)."""
    control = ", control = coxph.control(eps = 1e-12)" if tight else ""
    return (
        surv_r(times, events) + f"xx <- {rv(x)}\n"
        f"s <- summary(coxph(Surv(tt, ee) ~ xx, ties = '{ties}'{control}))\n"
        "emit(hr = s$conf.int[1, 1], ci_low = s$conf.int[1, 3], ci_high = s$conf.int[1, 4], p = s$coefficients[1, 5])\n"
    )


def two_by_two(a: int, b: int, c: int, d: int) -> str:
    return f"matrix(c({a}, {c}, {b}, {d}), nrow = 2)"  # rows (a b / c d), filled by column


# fisher.test finds the conditional MLE and its CI limits with uniroot(tol = eps^0.25, an absolute tolerance on
# the odds-ratio scale): a small lower limit is only good to a few 1e-3 relative, so R and scipy agree to 5e-3
# (well inside the items' rel_tol of 0.01).
FISHER_TOL = 5e-3


def fisher_check(a: int, b: int, c: int, d: int) -> dict[str, float]:
    tab = np.array([[a, b], [c, d]])
    res = stats.contingency.odds_ratio(tab, kind="conditional")
    lo, hi = res.confidence_interval(0.95)
    return {
        "p": float(stats.fisher_exact(tab).pvalue),
        "or": float(res.statistic),
        "ci_low": float(lo),
        "ci_high": float(hi),
    }


def power_t_py(n: float, delta: float, sd: float, alpha: float = 0.05) -> float:
    """R's power.t.test (two-sample, two-sided, strict = FALSE)."""
    df = 2 * (n - 1)
    ncp = math.sqrt(n / 2) * delta / sd
    return float(stats.nct.sf(stats.t.isf(alpha / 2, df), df, ncp))


def n_t_py(delta: float, sd: float, power: float, alpha: float = 0.05) -> float:
    return float(optimize.brentq(lambda n: power_t_py(n, delta, sd, alpha) - power, 2, 1e7, xtol=1e-12))


def power_prop_py(n: float, p1: float, p2: float, alpha: float = 0.05) -> float:
    """R's power.prop.test (two-sided, strict = FALSE)."""
    qa = stats.norm.isf(alpha / 2)
    num = math.sqrt(n * (p1 - p2) ** 2) - qa * math.sqrt((p1 + p2) * (2 - p1 - p2) / 2)
    return float(stats.norm.cdf(num / math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))))


def n_prop_py(p1: float, p2: float, power: float, alpha: float = 0.05) -> float:
    return float(optimize.brentq(lambda n: power_prop_py(n, p1, p2, alpha) - power, 2, 1e9, xtol=1e-10))


def anova_check(groups: Sequence[np.ndarray]) -> dict[str, float]:
    res = stats.f_oneway(*groups)
    n = sum(len(g) for g in groups)
    return {
        "F": float(res.statistic),
        "df1": float(len(groups) - 1),
        "df2": float(n - len(groups)),
        "p": float(res.pvalue),
    }


def r_anova(groups: Sequence[Sequence[str]], labels: Sequence[str]) -> str:
    y = ", ".join(rv(g) for g in groups)
    g = ", ".join(f"rep({json.dumps(lab)}, {len(grp)})" for lab, grp in zip(labels, groups, strict=True))
    return f"y <- c({y}); g <- factor(c({g}))\na <- summary(aov(y ~ g))[[1]]\n"


def chisq_check(table: Sequence[Sequence[int]], correction: bool) -> dict[str, float]:
    res = stats.chi2_contingency(np.array(table), correction=correction)
    return {"chisq": float(res.statistic), "df": float(res.dof), "p": float(res.pvalue)}


def r_matrix(table: Sequence[Sequence[int]]) -> str:
    flat = ", ".join(str(v) for row in table for v in row)
    return f"matrix(c({flat}), nrow = {len(table)}, byrow = TRUE)"


def woolf_or_r(a: int, b: int, c: int, d: int) -> str:
    return (
        f"a <- {a}; b <- {b}; c <- {c}; d <- {d}\nor <- (a * d) / (b * c); se <- sqrt(1/a + 1/b + 1/c + 1/d)\n"
        "emit(or = or, ci_low = exp(log(or) - qnorm(0.975) * se), ci_high = exp(log(or) + qnorm(0.975) * se))"
    )


def woolf_or_check(a: int, b: int, c: int, d: int) -> dict[str, float]:
    t = Table2x2(np.array([[a, b], [c, d]]))
    lo, hi = t.oddsratio_confint(method="normal")
    return {"or": float(t.oddsratio), "ci_low": float(lo), "ci_high": float(hi)}


def woolf_level(a: int, bb: int, c: int, dd: int, level: float) -> tuple[str, dict[str, float]]:
    """Woolf's odds-ratio CI at any level: R's code and the same formula in Python as its check."""
    z = stats.norm.ppf(0.5 + level / 2)
    r = (
        f"a <- {a}; b <- {bb}; c <- {c}; d <- {dd}\nor <- (a * d) / (b * c); se <- sqrt(1/a + 1/b + 1/c + 1/d)\n"
        f"z <- qnorm(0.5 + {level} / 2)\nemit(or = or, ci_low = exp(log(or) - z * se), ci_high = exp(log(or) + z * se))"
    )
    orr = a * dd / (bb * c)
    se = math.sqrt(1 / a + 1 / bb + 1 / c + 1 / dd)
    return r, {"or": orr, "ci_low": math.exp(math.log(orr) - z * se), "ci_high": math.exp(math.log(orr) + z * se)}


def rr_r(a: int, n1: int, c: int, n2: int) -> str:
    return (
        f"a <- {a}; n1 <- {n1}; c <- {c}; n2 <- {n2}\nrr <- (a / n1) / (c / n2); se <- sqrt(1/a - 1/n1 + 1/c - 1/n2)\n"
        "emit(rr = rr, ci_low = exp(log(rr) - qnorm(0.975) * se), ci_high = exp(log(rr) + qnorm(0.975) * se))"
    )


def rr_check(a: int, n1: int, c: int, n2: int) -> dict[str, float]:
    t = Table2x2(np.array([[a, n1 - a], [c, n2 - c]]))
    lo, hi = t.riskratio_confint(method="normal")
    return {"rr": float(t.riskratio), "ci_low": float(lo), "ci_high": float(hi)}


def rd_r(a: int, n1: int, c: int, n2: int) -> str:
    return (
        f"x <- prop.test(c({a}, {c}), c({n1}, {n2}), correct = FALSE)\n"
        "emit(rd = x$estimate[1] - x$estimate[2], ci_low = x$conf.int[1], ci_high = x$conf.int[2])"
    )


def rd_check(a: int, n1: int, c: int, n2: int) -> dict[str, float]:
    lo, hi = confint_proportions_2indep(a, n1, c, n2, method="wald", compare="diff")
    return {"rd": a / n1 - c / n2, "ci_low": float(lo), "ci_high": float(hi)}


def pearson_check(
    x: np.ndarray, y: np.ndarray, level: float = 0.95, keys: Sequence[str] | None = None
) -> dict[str, float]:
    """cor.test's numbers (CI at ``level``), all of them or only ``keys``."""
    res = stats.pearsonr(x, y)
    lo, hi = res.confidence_interval(level)
    n = len(x)
    r = float(res.statistic)
    full = {
        "r": r,
        "t": r * math.sqrt((n - 2) / (1 - r * r)),
        "df": float(n - 2),
        "p": float(res.pvalue),
        "ci_low": float(lo),
        "ci_high": float(hi),
    }
    return full if keys is None else {k: full[k] for k in keys}


def pearson_r(x: Sequence[str], y: Sequence[str], level: float, keys: Sequence[str]) -> str:
    src = {
        "r": "k$estimate",
        "t": "k$statistic",
        "df": "k$parameter",
        "p": "k$p.value",
        "ci_low": "k$conf.int[1]",
        "ci_high": "k$conf.int[2]",
    }
    return (
        f"k <- cor.test({rv(x)}, {rv(y)}, conf.level = {level})\nemit("
        + ", ".join(f"{k} = {src[k]}" for k in keys)
        + ")"
    )


def rank_cor_r(x: Sequence[str], y: Sequence[str], method: str, extra: str) -> str:
    key = {"spearman": "rho", "kendall": "tau"}[method]
    return f"k <- cor.test({rv(x)}, {rv(y)}, method = '{method}'{extra})\nemit({key} = k$estimate, p = k$p.value)"


def mw_r(x: Sequence[str], y: Sequence[str], extra: str) -> str:
    return f"w <- wilcox.test({rv(x)}, {rv(y)}{extra})\nemit(W = w$statistic, p = w$p.value)"


def lm_check(x: np.ndarray, y: np.ndarray) -> dict[str, float]:
    res = stats.linregress(x, y)
    return {
        "slope": float(res.slope),
        "intercept": float(res.intercept),
        "r2": float(res.rvalue**2),
        "p": float(res.pvalue),
    }


R_LM = "s <- summary(lm(y ~ x))\nemit(slope = s$coef[2, 1], intercept = s$coef[1, 1], r2 = s$r.squared"


def raw_pvalues(code: str) -> dict[str, str]:
    """Real p-values computed by R from a data set, as 3-significant-digit strings (what a user would paste)."""
    return {k: f"{v:.3g}" for k, v in r_values(code).items()}


def padj(labels: Sequence[str], pvals: Sequence[str], method: str) -> tuple[str, dict[str, float]]:
    """R's p.adjust on the pasted p-value strings and statsmodels' multipletests as its check."""
    keys = [f"adj_{lab}" for lab in labels]
    r = f"p <- p.adjust({rv(pvals)}, method = '{method}')\n"
    r += "emit(" + ", ".join(f"{k} = p[{i + 1}]" for i, k in enumerate(keys)) + ")"
    sm_method = {"bonferroni": "bonferroni", "holm": "holm", "BH": "fdr_bh"}[method]
    adj = multipletests(fl(pvals), method=sm_method)[1]
    return r, {k: float(v) for k, v in zip(keys, adj, strict=True)}


def r_n_t(delta: str, sd: str, powers: Sequence[float], keys: Sequence[str], alpha: str = "0.05") -> str:
    lines = [
        f"n{i} <- power.t.test(delta = {delta}, sd = {sd}, sig.level = {alpha}, power = {p})$n"
        for i, p in enumerate(powers)
    ]
    return "\n".join(lines) + "\nemit(" + ", ".join(f"{k} = ceiling(n{i})" for i, k in enumerate(keys)) + ")"


# ---------------------------------------------------------------- item builders shared by the later sets

# R's emit without the p-value: for effects so strong that p is far below what the checks can compare
NO_P = "emit0 <- emit; emit <- function(...) { a <- list(...); a$p <- NULL; do.call(emit0, a) }\n"


def drop_p(r: str, check: dict[str, float]) -> tuple[str, dict[str, float]]:
    return NO_P + r, {k: v for k, v in check.items() if k != "p"}


def drop_tiny_p(r: str, check: dict[str, float]) -> tuple[str, dict[str, float]]:
    """Leave p out of the expectation when it is below 1e-3 (``ItemSet.answer`` refuses numbers that small)."""
    return drop_p(r, check) if check["p"] < 1e-3 else (r, check)


def anova_item(
    items: ItemSet,
    prompt: str,
    groups: Sequence[Sequence[str]],
    labels: Sequence[str],
    variant: str,
    source: str,
    form: str,
) -> None:
    r = r_anova(groups, labels) + "emit(F = a[1, 4], df1 = a[1, 1], df2 = a[2, 1], p = a[1, 5])"
    r, check = drop_tiny_p(r, anova_check([fl(g) for g in groups]))
    items.answer(prompt, "one_way_anova", variant, r, check, source, form)


def chisq_item(
    items: ItemSet, prompt: str, table: Sequence[Sequence[int]], correct: bool, variant: str, source: str, form: str
) -> None:
    """Pearson's chi-square on a table of counts."""
    r = f"x <- chisq.test({r_matrix(table)}, correct = {'TRUE' if correct else 'FALSE'})\n"
    r += "emit(chisq = x$statistic, df = x$parameter, p = x$p.value)"
    r, check = drop_tiny_p(r, chisq_check(table, correct))
    items.answer(prompt, "chi_square", variant, r, check, source, form)


def t_answer(
    items: ItemSet,
    prompt: str,
    analysis: str,
    r_data: str,
    first_options: Sequence[str],
    res: Any,
    alt: str,
    level: float,
    variant: str,
    source: str,
    form: str,
) -> None:
    """R's t.test on ``r_data`` with ``first_options`` and any non-default level and alternative, checked against
    scipy's ``res``; the CI only when two-sided, the p-value only when R and Python can compare it."""
    ci = alt == "two-sided"
    options = list(first_options)
    if level != 0.95:
        options.append(f"conf.level = {fnum(level)}")
    if not ci:
        options.append(f"alternative = '{alt}'")
    r = ttest_r(r_data, extra=", ".join(options), ci=ci)
    r, check = drop_tiny_p(r, ttest_check(res, level=level, ci=ci))
    items.answer(prompt, analysis, variant, r, check, source, form)


def one_sample_t_item(
    items: ItemSet,
    prompt: str,
    x: Sequence[str],
    mu: str,
    variant: str,
    source: str,
    form: str,
    alt: str = "two-sided",
    level: float = 0.95,
) -> None:
    """One-sample t of x against ``mu`` (as written in the prompt)."""
    res = stats.ttest_1samp(fl(x), float(mu), alternative=alt)
    t_answer(items, prompt, "one_sample_t", rv(x), [f"mu = {mu}"], res, alt, level, variant, source, form)


def paired_t_item(
    items: ItemSet,
    prompt: str,
    a: Sequence[str],
    c: Sequence[str],
    variant: str,
    source: str,
    form: str,
    alt: str = "two-sided",
    level: float = 0.95,
) -> None:
    """Paired t on a minus c, the differences rounded to 10 decimals in R as ``diffs`` rounds them."""
    r_data = f"round({rv(a)} - {rv(c)}, 10)"
    res = stats.ttest_1samp(diffs(a, c), 0, alternative=alt)
    t_answer(items, prompt, "paired_t", r_data, [], res, alt, level, variant, source, form)


def two_sample_t_item(
    items: ItemSet,
    prompt: str,
    x: Sequence[str],
    y: Sequence[str],
    pooled: bool,
    variant: str,
    source: str,
    form: str,
    alt: str = "two-sided",
    level: float = 0.95,
) -> None:
    """Student's (``pooled``) or Welch's t on x minus y."""
    analysis, first_options = ("student_t", ["var.equal = TRUE"]) if pooled else ("welch_t", [])
    res = stats.ttest_ind(fl(x), fl(y), equal_var=pooled, alternative=alt)
    t_answer(items, prompt, analysis, f"{rv(x)}, {rv(y)}", first_options, res, alt, level, variant, source, form)


def mw_item(
    items: ItemSet,
    prompt: str,
    x: Sequence[str],
    y: Sequence[str],
    exact: bool,
    correct: bool,
    alt: str,
    variant: str,
    source: str,
    form: str,
) -> None:
    """Mann-Whitney on x against y (R's W is the statistic of x); ``correct`` only applies when not exact."""
    extra = f", exact = {'TRUE' if exact else 'FALSE'}"
    if not exact:
        extra += f", correct = {'TRUE' if correct else 'FALSE'}"
    if alt != "two-sided":
        extra += f", alternative = '{alt}'"
    method = "exact" if exact else "asymptotic"
    res = stats.mannwhitneyu(fl(x), fl(y), method=method, use_continuity=correct, alternative=alt)
    check = {"W": float(res.statistic), "p": float(res.pvalue)}
    items.answer(prompt, "mann_whitney", variant, mw_r(x, y, extra), check, source, form)


def padj_item(
    items: ItemSet, prompt: str, labels: Sequence[str], pvals: Sequence[str], method: str, source: str, form: str
) -> None:
    """p.adjust by ``method`` on the pasted p-value strings, one number per label; the variant names the method."""
    r, check = padj(labels, pvals, method)
    items.answer(prompt, "p_adjust", method, r, check, source, form)


def sample_size_t_item(
    items: ItemSet,
    prompt: str,
    delta: str,
    sd: str,
    powers: Sequence[float],
    variant: str,
    source: str,
    form: str,
) -> None:
    """Two-sample n per group (power.t.test, alpha 0.05 two-sided) at each power, keyed n_per_group_80 and so on."""
    keys = [f"n_per_group_{round(p * 100)}" for p in powers]
    r = r_n_t(delta, sd, powers, keys)
    check = {k: float(math.ceil(n_t_py(float(delta), float(sd), p))) for k, p in zip(keys, powers, strict=True)}
    items.answer(prompt, "sample_size_t", variant, r, check, source, form)


def kruskal_item(
    items: ItemSet,
    prompt: str,
    groups: Sequence[Sequence[str]],
    variant: str,
    source: str,
    form: str,
    drop_tiny: bool = False,
) -> None:
    """Kruskal-Wallis in R and scipy; with ``drop_tiny`` a p below 1e-3 is left out of the expectation."""
    y = ", ".join(rv(g) for g in groups)
    gl = ", ".join(f"rep({i}, {len(g)})" for i, g in enumerate(groups))
    r = (
        f"y <- c({y}); g <- factor(c({gl}))\nk <- kruskal.test(y, g)\n"
        "emit(H = k$statistic, df = k$parameter, p = k$p.value)"
    )
    res = stats.kruskal(*[fl(g) for g in groups])
    check = {"H": float(res.statistic), "df": float(len(groups) - 1), "p": float(res.pvalue)}
    if drop_tiny:
        r, check = drop_tiny_p(r, check)
    items.answer(prompt, "kruskal_wallis", variant, r, check, source, form)


def tukey_item(items: ItemSet, prompt: str, groups: Sequence[Sequence[str]], source: str, form: str) -> None:
    """Tukey's HSD after a one-way ANOVA (R's ``TukeyHSD``, groups as factor levels in the order given): the
    first pair's simultaneous 95% interval and adjusted p, and the last pair's adjusted p; scipy's
    ``tukey_hsd`` (Tukey-Kramer) is the check. An adjusted p below 1e-3 is left out of the expectation."""
    y = ", ".join(rv(g) for g in groups)
    gl = ", ".join(f"rep({i}, {len(g)})" for i, g in enumerate(groups))
    res = stats.tukey_hsd(*[fl(g) for g in groups])
    ci = res.confidence_interval(0.95)
    last = len(groups) - 2, len(groups) - 1  # R's last row: the last level minus the one before it
    check = {
        "lwr": float(-ci.high[0, 1]),
        "upr": float(-ci.low[0, 1]),
        "p_first": float(res.pvalue[0, 1]),
        "p_last": float(res.pvalue[last]),
    }
    check = {key: value for key, value in check.items() if not (key.startswith("p_") and value < 1e-3)}
    cells = {"lwr": "t[1, 'lwr']", "upr": "t[1, 'upr']", "p_first": "t[1, 'p adj']", "p_last": "t[nrow(t), 'p adj']"}
    emitted = ", ".join(f"{key} = {cells[key]}" for key in check)
    r = f"y <- c({y}); g <- factor(c({gl}))\nt <- TukeyHSD(aov(y ~ g))$g\nemit({emitted})"
    items.answer(prompt, "tukey_hsd", "95% simultaneous CIs, Tukey-Kramer", r, check, source, form)


def km_item(
    items: ItemSet,
    prompt: str,
    t: Sequence[str],
    e: Sequence[str],
    at: Sequence[float],
    variant: str,
    source: str,
    form: str,
    median: bool = True,
) -> None:
    r, check = r_km(t, e, at), km_check(fl(t), fl(e), at)
    if not median:  # heavily censored: the curve never reaches one half, so only the asked survival fractions
        r = r.replace("median = unname(summary(fit)$table['median']), ", "")
        del check["median"]
    items.answer(prompt, "kaplan_meier", variant, r, check, source, form)


def cox_item(
    items: ItemSet,
    prompt: str,
    t: Sequence[str],
    e: Sequence[str],
    x: Sequence[str],
    variant: str,
    source: str,
    form: str,
    ties: str = "efron",
) -> None:
    """One-covariate Cox fit, converged tightly in R and checked by lifelines (Efron) or ``breslow_cox_check``."""
    times, events, covariate = fl(t), fl(e), fl(x)
    check = (
        breslow_cox_check(times, events, covariate)
        if ties == "breslow"
        else cox_check(times, events, covariate, tight=True)
    )
    items.answer(prompt, "cox", variant, r_cox(t, e, x, ties=ties, tight=True), check, source, form)


def lm_r(x: Sequence[str], y: Sequence[str], keys: Sequence[str]) -> str:
    src = {
        "slope": "s$coef[2, 1]",
        "intercept": "s$coef[1, 1]",
        "se_slope": "s$coef[2, 2]",
        "r2": "s$r.squared",
        "p": "s$coef[2, 4]",
    }
    return (
        f"x <- {rv(x)}; y <- {rv(y)}\ns <- summary(lm(y ~ x))\nemit(" + ", ".join(f"{k} = {src[k]}" for k in keys) + ")"
    )


def lm_item(
    items: ItemSet,
    prompt: str,
    x: Sequence[str],
    y: Sequence[str],
    variant: str,
    keys: Sequence[str],
    source: str,
    form: str,
) -> None:
    r = lm_r(x, y, keys)
    res = stats.linregress(fl(x), fl(y))
    full = {
        "slope": res.slope,
        "intercept": res.intercept,
        "se_slope": res.stderr,
        "r2": res.rvalue**2,
        "p": res.pvalue,
    }
    items.answer(prompt, "linear_regression", variant, r, {k: float(full[k]) for k in keys}, source, form)


def logit_item(
    items: ItemSet,
    prompt: str,
    x: Sequence[str],
    y: Sequence[str],
    variant: str,
    source: str,
    form: str,
    check_tol: float = 1e-6,
    drop_tiny: bool = False,
) -> None:
    """Logistic regression in R and statsmodels; with ``drop_tiny`` a p below 1e-3 is left out of the expectation."""
    r = (
        f"x <- {rv(x)}; y <- {rv(y)}\nm <- glm(y ~ x, family = binomial, control = glm.control(epsilon = "
        "1e-14, maxit = 100)); bb <- coef(summary(m))\n"
        "ci <- exp(confint.default(m)[2, ])\nemit(or = exp(bb[2, 1]), ci_low = ci[1], ci_high = ci[2], p = bb[2, 4])"
    )
    fit = sm.Logit(fl(y), sm.add_constant(fl(x))).fit(disp=0, tol=1e-12)
    ci = np.asarray(fit.conf_int())
    check = {
        "or": math.exp(fit.params[1]),
        "ci_low": math.exp(ci[1, 0]),
        "ci_high": math.exp(ci[1, 1]),
        "p": float(fit.pvalues[1]),
    }
    if drop_tiny:
        r, check = drop_tiny_p(r, check)
    items.answer(prompt, "logistic_regression", variant, r, check, source, form, check_tol=check_tol)


def signed_rank_item(
    items: ItemSet,
    prompt: str,
    d: np.ndarray,
    r_arg: str,
    extra: str,
    method: str,
    correct: bool,
    variant: str,
    source: str,
    form: str,
    drop_tiny: bool = False,
) -> None:
    """Wilcoxon signed-rank on the differences ``d`` (R gets them as ``xx`` from ``r_arg``); ``extra`` may name a
    one-sided alternative (scipy and R spell it alike); with ``drop_tiny`` a p below 1e-3 is left out."""
    alt = next((a for a in ("greater", "less") if f"alternative = '{a}'" in extra), "two-sided")
    r = f"{r_arg}\nw <- wilcox.test(xx{extra})\nemit(V = w$statistic, p = w$p.value)"
    res = stats.wilcoxon(d, method=method, correction=correct, zero_method="wilcox", alternative=alt)
    check = {"V": signed_rank_v(d), "p": float(res.pvalue)}
    if drop_tiny:
        r, check = drop_tiny_p(r, check)
    items.answer(prompt, "wilcoxon_signed_rank", variant, r, check, source, form)


def rank_cor_item(
    items: ItemSet,
    prompt: str,
    x: Sequence[str],
    y: Sequence[str],
    method: str,
    exact: bool,
    variant: str,
    source: str,
    form: str,
) -> None:
    """Spearman's rho or Kendall's tau by cor.test, p left out of the expectation when it is below 1e-3."""
    key = {"spearman": "rho", "kendall": "tau"}[method]
    r = (
        f"k <- cor.test({rv(x)}, {rv(y)}, method = '{method}', exact = {'TRUE' if exact else 'FALSE'})\n"
        f"emit({key} = k$estimate, p = k$p.value)"
    )
    if method == "spearman":
        if exact:
            raise AssertionError("scipy has no exact Spearman p to check against")
        res = stats.spearmanr(fl(x), fl(y))
    else:
        res = stats.kendalltau(fl(x), fl(y), method="exact" if exact else "asymptotic")
    name = "spearman" if method == "spearman" else "kendall_tau"
    r, check = drop_tiny_p(r, {key: float(res.statistic), "p": float(res.pvalue)})
    items.answer(prompt, name, variant, r, check, source, form)


def pearson_item(
    items: ItemSet,
    prompt: str,
    x: Sequence[str],
    y: Sequence[str],
    level: float,
    keys: Sequence[str],
    variant: str,
    source: str,
    form: str,
) -> None:
    r = pearson_r(x, y, level, keys)
    items.answer(prompt, "pearson", variant, r, pearson_check(fl(x), fl(y), level, keys), source, form)


def fisher_item(
    items: ItemSet, a: int, bb: int, c: int, dd: int, prompt: str, variant: str, source: str, form: str
) -> None:
    r = (
        f"f <- fisher.test({two_by_two(a, bb, c, dd)})\n"
        "emit(p = f$p.value, or = f$estimate, ci_low = f$conf.int[1], ci_high = f$conf.int[2])"
    )
    items.answer(prompt, "fisher_exact", variant, r, fisher_check(a, bb, c, dd), source, form, check_tol=FISHER_TOL)


def mcnemar_item(
    items: ItemSet, tab: list[list[int]], correct: bool, prompt: str, variant: str, source: str, form: str
) -> None:
    r = (
        f"x <- mcnemar.test({r_matrix(tab)}, correct = {'TRUE' if correct else 'FALSE'})\n"
        "emit(chisq = x$statistic, df = x$parameter, p = x$p.value)"
    )
    res = mcnemar(np.array(tab), exact=False, correction=correct)
    r, check = drop_tiny_p(r, {"chisq": float(res.statistic), "df": 1.0, "p": float(res.pvalue)})
    items.answer(prompt, "mcnemar", variant, r, check, source, form)


def smd(name: str) -> pd.DataFrame:
    """A statsmodels data set as a data frame."""
    return getattr(sm.datasets, name).load_pandas().data


def fmt(values: Sequence[float] | pd.Series, nd: int) -> list[str]:
    """Numbers printed with ``nd`` decimals, trailing zeros kept (as a spreadsheet or R column shows them)."""
    return [f"{float(v):.{nd}f}" for v in values]


def frame_print(header: Sequence[str], rows: Sequence[Sequence[str]], names: Sequence[str] | None = None) -> str:
    """R's print of a data frame: right-aligned columns under their names, row names on the left."""
    names = [str(i + 1) for i in range(len(rows))] if names is None else list(names)
    widths = [max(len(h), *(len(r[j]) for r in rows)) for j, h in enumerate(header)]
    nw = max(len(n) for n in names)
    top = " " * nw + "".join(f" {h:>{w}}" for h, w in zip(header, widths, strict=True))
    body = [
        f"{n:<{nw}}" + "".join(f" {v:>{w}}" for v, w in zip(r, widths, strict=True))
        for n, r in zip(names, rows, strict=True)
    ]
    return "\n".join([top, *body])


def r_table_print(
    rows: Sequence[str], cols: Sequence[str], cells: Sequence[Sequence[int]], rname: str, cname: str
) -> str:
    """R's own print of a two-way table with named dimnames."""
    flat = ", ".join(str(v) for row in cells for v in row)
    names = ", ".join(json.dumps(x) for x in rows), ", ".join(json.dumps(x) for x in cols)
    code = (
        f"x <- matrix(c({flat}), nrow = {len(rows)}, byrow = TRUE, "
        f"dimnames = list(`{rname}` = c({names[0]}), `{cname}` = c({names[1]})))\nprint(as.table(x))"
    )
    return r_text(code).rstrip()


def logrank_item(
    items: ItemSet, prompt: str, t: Sequence[str], e: Sequence[str], g: Sequence[str], variant: str, src: str, form: str
) -> None:
    """The log-rank test in R and lifelines, p left out when it is tiny."""
    r, check = drop_tiny_p(r_logrank(t, e, g), logrank_check(fl(t), fl(e), list(g)))
    items.answer(prompt, "log_rank", variant, r, check, src, form)


def power_t_item(
    items: ItemSet,
    prompt: str,
    n: str,
    delta: str,
    sd: str,
    alphas: Sequence[str],
    variant: str,
    src: str,
    form: str,
) -> None:
    """power.t.test at each alpha, checked in Python."""
    keys = [f"power_{a.replace('.', '_')}" for a in alphas]
    r = "\n".join(
        f"p{i} <- power.t.test(n = {n}, delta = {delta}, sd = {sd}, sig.level = {a})$power"
        for i, a in enumerate(alphas)
    )
    r += "\nemit(" + ", ".join(f"{k} = p{i}" for i, k in enumerate(keys)) + ")"
    check = {k: power_t_py(float(n), float(delta), float(sd), float(a)) for k, a in zip(keys, alphas, strict=True)}
    items.answer(prompt, "power_t", variant, r, check, src, form)


def sample_size_prop_item(
    items: ItemSet, prompt: str, p1: str, p2: str, powers: Sequence[float], variant: str, src: str, form: str
) -> None:
    """power.prop.test's n per group at each power, rounded up, checked in Python."""
    keys = [f"n_per_group_{round(p * 100)}" for p in powers]
    r = "\n".join(f"n{i} <- power.prop.test(p1 = {p1}, p2 = {p2}, power = {p})$n" for i, p in enumerate(powers))
    r += "\nemit(" + ", ".join(f"{k} = ceiling(n{i})" for i, k in enumerate(keys)) + ")"
    check = {k: float(math.ceil(n_prop_py(float(p1), float(p2), p))) for k, p in zip(keys, powers, strict=True)}
    items.answer(prompt, "sample_size_prop", variant, r, check, src, form)


def shapiro_item(items: ItemSet, prompt: str, x: Sequence[str], source: str, form: str) -> None:
    res = stats.shapiro(fl(x))
    r, check = drop_tiny_p(
        f"s <- shapiro.test({rv(x)})\nemit(W = s$statistic, p = s$p.value)",
        {"W": float(res.statistic), "p": float(res.pvalue)},
    )
    items.answer(prompt, "shapiro_wilk", "default", r, check, source, form)


def woolf_item(
    items: ItemSet, prompt: str, tab: Sequence[Sequence[int]], level: float, variant: str, source: str, form: str
) -> None:
    """Woolf's (log) odds-ratio CI at ``level`` for the table (exposed row first, outcome column first)."""
    (a, bb), (c, dd) = tab
    r, check = woolf_level(a, bb, c, dd, level)
    items.answer(prompt, "odds_ratio", variant, r, check, source, form)
