"""Build the analysis evaluation sets: ``analysis_dev.jsonl`` and the sealed ``analysis_test.jsonl``.

What the sets are
-----------------
Each line is one Slack message a biostatistician might send labbot: pasted data plus a request for a named
analysis. A correct assistant either runs exactly that analysis (``"expect": "answer"``) or says honestly that it
cannot (``"expect": "decline"``); it must never silently run a different analysis. The messages are written by hand,
one by one, on real data that ship offline (R ``datasets``/``MASS``/``survival``, ``lifelines.datasets``,
``statsmodels.datasets``) or on counts reported in well-known published studies. They were written without looking
at labbot's parser (``tools/recipes``, ``graph``, ``analysis``).

``analysis_dev.jsonl`` is for development. ``analysis_test.jsonl`` is SEALED: it uses other datasets or subsets and
other wording, and is only ever scored, never read, so that it measures generalisation.

Conventions
-----------
* Answerable lines: ``id, prompt, expect, analysis, variant, expected, rel_tol, source, form``.
  ``expected`` holds 2-5 headline numbers, rounded to 6 significant digits, computed by R (4.2, ``survival``) on
  exactly the numbers written in the prompt, with the variant and direction the prompt asks for. Every expected
  value has ``|x| >= 1e-3`` so that the relative tolerance (``rel_tol``, 0.01) is meaningful.
* Decline lines: ``id, prompt, expect, analysis, why, reason_mentions, source, form``. ``reason_mentions`` lists 1-3
  lowercase words or phrases; a good decline reason contains at least one of them.
* ``analysis`` names: welch_t_test, student_t_test, paired_t_test, one_sample_t_test, one_way_anova, mann_whitney,
  wilcoxon_signed_rank, kruskal_wallis, shapiro_wilk, chi_square, fisher_exact, mcnemar, odds_ratio,
  relative_risk, pearson_correlation, spearman_correlation, linear_regression, logistic_regression, kaplan_meier,
  log_rank, cox_regression, sample_size_t_test, power_t_test, sample_size_two_proportions, p_adjust; declines name
  the analysis asked for (kendall_tau, friedman, ...).
* Keys of ``expected``: ``t``, ``df``, ``p``, ``diff`` (mean difference in the direction asked), ``ci_low``/``ci_high``
  (95% unless the variant says otherwise); ``F``, ``df1``, ``df2``, ``tukey_p``; ``W`` (Mann-Whitney: R's W, which
  is U of the FIRST-named group), ``V`` (signed-rank: sum of ranks of the positive differences, in the direction
  asked), ``chisq``; ``or``/``rr`` and their CI (for exact McNemar ``or`` is the matched-pairs ratio of
  discordant counts named in the prompt); ``r``, ``rho``; ``slope``, ``intercept``, ``se_slope``, ``r2``;
  ``coef`` (log-odds per unit), ``or_per_unit``, ``se``; ``median``, ``surv_<t>`` (Kaplan-Meier survival at time
  t); ``hr``; ``n_exact`` (R's unrounded n per group) and ``n_per_group`` (rounded up); ``power_n<n>`` (power with
  n per group); for p-value adjustment the labels exactly as the user wrote them.
* ``form`` tags how the data are written (``csv block``, ``plus-censoring lists``, ``R print output``, ``range
  labels``, ...); ``source`` names the dataset and subset, or the publication the counts come from.

How R and Python differ (every expected value is recomputed in Python; the generator asserts agreement)
-------------------------------------------------------------------------------------------------------
* Cox: R's ``coxph`` uses Efron ties by default, as lifelines does; statsmodels' PHReg defaults to Breslow.
* Mann-Whitney: R's ``W`` is the U statistic of the first sample; scipy's ``mannwhitneyu`` returns the same U1.
  R switches to the normal approximation when there are ties; requests with ties ask for the approximation.
* Wilcoxon signed-rank: R's ``V`` is the positive-rank sum; scipy returns min(V+, V-) for two-sided tests, so V
  is recomputed by hand for the check.
* ``chisq.test`` applies Yates' correction to 2x2 tables by default, as scipy's ``chi2_contingency`` does; every
  chi-square item says which it wants and the R code sets ``correct`` explicitly.
* McNemar "exact" is ``binom.test`` on the discordant pairs (R has no exact option in ``mcnemar.test``);
  statsmodels' ``mcnemar(exact=True)`` is the same test.
* Fisher: R's odds ratio is the conditional MLE with an exact CI (``fisher_exact`` in scipy reports the sample odds
  ratio); the CMLE is checked with ``scipy.stats.contingency.odds_ratio(kind="conditional")``. R solves for it with
  ``uniroot`` (tolerance ~1e-4), so those checks allow 1e-3.
* Wilcoxon signed-rank on paired data: differences are rounded to 8 decimals in R (and Python) so that equal
  differences tie as they are written (``1.1 - (-0.2)`` and ``0.1 - (-1.2)`` differ in floating point).
* Logistic regression: R's ``glm`` stops at ``epsilon = 1e-8``, which leaves the Wald p ~1e-3 (relative) short of
  convergence; the R code asks for ``epsilon = 1e-14`` so R and statsmodels agree to 1e-5.
* Kaplan-Meier subsets avoid a curve lying exactly at 0.5 (R then reports the midpoint of the flat stretch as the
  median, lifelines the first time), so R and lifelines give the same median.
* Spearman: R's p-value is exact (permutation) for n <= 9 without ties and uses the t approximation with ties or
  ``exact = FALSE``, as scipy does; exact items are checked by enumerating all permutations.
* ``survdiff``'s chi-square equals lifelines' log-rank statistic; Kaplan-Meier medians and survival at a time
  point agree between R and lifelines (CIs differ by default transform, so none are expected).
* ``power.t.test`` ignores the far rejection tail (``strict = FALSE``) while statsmodels' ``TTestIndPower``
  counts it, and ``power.prop.test`` has no statsmodels twin (statsmodels uses Cohen's h); so both of R's formulas
  are re-implemented with scipy (noncentral t; normal) and n is solved with ``brentq``. R's ``uniroot`` stops
  within ~1e-4 of the root, so the n checks allow 1e-5.

Regenerate
----------
Needs R 4.2 with the ``survival`` and ``MASS`` packages (``apt-get install r-base-core r-cran-survival
r-cran-mass``) and the repo's virtual environment (numpy, pandas, scipy, statsmodels, lifelines)::

    .venv/bin/python evaluation/data/make_analysis_sets.py
    .venv/bin/python evaluation/data/make_analysis_sets.py --print-r dev-aml-logrank-1   # the exact R code of items

The script rewrites both files byte-identically; it fails loudly if R emits a warning, if a Python cross-check
disagrees, or if an item breaks the conventions above. All R work runs in one ``R --vanilla`` session.
"""

from __future__ import annotations

import io
import itertools
import json
import math
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

HERE = Path(__file__).resolve().parent
DEV_PATH = HERE / "analysis_dev.jsonl"
TEST_PATH = HERE / "analysis_test.jsonl"
REL_TOL = 0.01
CHECK_TOL = 1e-6  # Python cross-checks must agree with R this closely unless an item says otherwise
MAX_PROMPT = 3000

Check = Callable[[], dict[str, float]]


@dataclass(frozen=True)
class Item:
    """One request. Answerable items carry R code; must-decline items carry ``why`` and ``mentions``."""

    id: str
    prompt: str
    analysis: str
    source: str
    form: str
    variant: str = ""
    r: str = ""  # R source; its value is res(key = number, ...), evaluated on exactly the prompt's numbers
    check: Check | None = None  # the same numbers from Python (scipy/statsmodels/lifelines or by hand)
    check_tol: float = CHECK_TOL
    rel_tol: float = REL_TOL
    why: str = ""
    mentions: tuple[str, ...] = ()

    @property
    def answerable(self) -> bool:
        return not self.why


# ---------------------------------------------------------------------------------------------------------------
# Formatting numbers the same way for the prompt and for R


def num(v: float) -> str:
    """Shortest faithful text for a number (integers without a decimal point)."""
    v = float(v)
    if v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    return repr(v)


def rvec(values: Sequence[float]) -> str:
    return "c(" + ", ".join(num(v) for v in values) + ")"


def commas(values: Sequence[float], fmt: str = "") -> str:
    return ", ".join(format(v, fmt) if fmt else num(v) for v in values)


def spaces(values: Sequence[float], fmt: str = "") -> str:
    return " ".join(format(v, fmt) if fmt else num(v) for v in values)


def plus(times: Sequence[float], events: Sequence[int], sep: str = ", ") -> str:
    """Survival times with '+' on the censored ones."""
    return sep.join(num(t) + ("" if e else "+") for t, e in zip(times, events, strict=True))


# ---------------------------------------------------------------------------------------------------------------
# Reading the offline datasets through R


class RSession:
    """One long-lived R process (starting R with survival for every request would take minutes)."""

    SENTINEL = "<<labbot-eval-end>>"

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            ["R", "--vanilla", "--no-echo"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.run("suppressPackageStartupMessages({library(survival); library(MASS)})")

    def run(self, code: str, width: int = 80) -> str:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(
            f"options(width = {width})\ninvisible(tryCatch({{\n{code}\n}}, error = function(e) "
            f'cat("\\nR-ERROR: ", conditionMessage(e), "\\n", sep = "")))\ncat("\\n{self.SENTINEL}\\n")\n'
        )
        self.proc.stdin.flush()
        lines = []
        for text in self.proc.stdout:
            if text.rstrip("\n") == self.SENTINEL:
                break
            lines.append(text)
        else:
            raise RuntimeError("R exited unexpectedly:\n" + "".join(lines))
        out = "".join(lines)
        if out.endswith("\n"):
            out = out[:-1]  # the newline printed before the sentinel
        if "R-ERROR: " in out:
            raise RuntimeError(f"R failed: {out}\n--- code ---\n{code[:4000]}")
        return out


@cache
def r_session() -> RSession:
    return RSession()


@cache
def rframe(expr: str) -> pd.DataFrame:
    """An R data frame (R's row names in the index), e.g. ``rframe("subset(PlantGrowth, group != 'ctrl')")``."""
    return pd.read_csv(io.StringIO(r_session().run(f"write.csv(as.data.frame({expr}), stdout())")), index_col=0)


@cache
def rprint(expr: str, width: int = 80) -> str:
    """What R prints for ``expr`` at the console, for prompts that paste R output."""
    out = r_session().run(f"print({expr})", width).rstrip("\n")
    assert out.strip(), expr
    return out


@cache
def rconsole(code: str, width: int = 80) -> str:
    """What R writes to the console for ``code`` (e.g. a ``dput()`` or ``table()`` call)."""
    out = r_session().run(code, width).rstrip("\n")
    assert out.strip(), f"{code} printed nothing (wrap bare expressions in print())"
    return out


def col(frame: pd.DataFrame, name: str) -> list[float]:
    return [float(v) for v in frame[name]]


# ---------------------------------------------------------------------------------------------------------------
# Running every item's R code in one R session

R_PRELUDE = r"""
res <- function(...) {
  v <- list(...)
  setNames(vapply(v, function(x) as.numeric(unname(x))[1], numeric(1)), names(v))
}
.emit <- function(id, f) {
  v <- withCallingHandlers(f(), warning = function(w) {
    cat("WARNING\t", id, "\t", gsub("\n", " ", conditionMessage(w)), "\n", sep = "")
    invokeRestart("muffleWarning")
  })
  for (k in names(v)) cat("VALUE\t", id, "\t", k, "\t", sprintf("%.15g", v[[k]]), "\n", sep = "")
}
"""


def run_r(items: Sequence[Item]) -> dict[str, dict[str, float]]:
    blocks = [f'.emit("{it.id}", function() {{\n{it.r.strip()}\n}})' for it in items]
    out = r_session().run(R_PRELUDE + "\n".join(blocks))
    values: dict[str, dict[str, float]] = {}
    problems = []
    for line in out.splitlines():
        kind, _, rest = line.partition("\t")
        if kind == "VALUE":
            item_id, key, value = rest.split("\t")
            values.setdefault(item_id, {})[key] = float(value)
        elif kind == "WARNING":
            problems.append(rest)
    if problems:
        raise AssertionError("R warned (the item's request and R's computation may differ):\n" + "\n".join(problems))
    return values


def sig6(v: float) -> float | int:
    rounded = float(f"{v:.6g}")
    return int(rounded) if rounded.is_integer() else rounded


# ---------------------------------------------------------------------------------------------------------------
# Two-sample, paired and one-sample t-tests

R_T_OUT = "res(t = tt$statistic, df = tt$parameter, p = tt$p.value, ci_low = tt$conf.int[1], ci_high = tt$conf.int[2])"


def py_t2(x: Sequence[float], y: Sequence[float], equal_var: bool, level: float = 0.95) -> dict[str, float]:
    r = stats.ttest_ind(x, y, equal_var=equal_var)
    ci = r.confidence_interval(level)
    diff = float(np.mean(x) - np.mean(y))
    return {"t": r.statistic, "df": r.df, "p": r.pvalue, "diff": diff, "ci_low": ci.low, "ci_high": ci.high}


def py_t1(x: Sequence[float], mu: float = 0.0) -> dict[str, float]:
    r = stats.ttest_1samp(x, mu)
    ci = r.confidence_interval()
    diff = float(np.mean(x))
    return {
        "t": r.statistic,
        "df": r.df,
        "p": r.pvalue,
        "diff": diff,
        "mean": diff,
        "ci_low": ci.low,
        "ci_high": ci.high,
    }


def welch_items() -> list[Item]:
    pg = rframe("PlantGrowth")
    trt1, trt2 = col(pg[pg.group == "trt1"], "weight"), col(pg[pg.group == "trt2"], "weight")
    tg = rframe("subset(ToothGrowth, dose == 0.5)")
    oj, vc = col(tg[tg.supp == "OJ"], "len"), col(tg[tg.supp == "VC"], "len")
    csv_rows = "\n".join(f"{num(r.len)},{r.supp},0.5" for r in tg.itertuples())
    mt = rframe("mtcars")
    manual, auto = col(mt[mt.am == 1], "mpg"), col(mt[mt.am == 0], "mpg")
    mt_print = rprint('mtcars[, c("mpg", "am")]')
    cw = rframe("chickwts")
    horse, lin = col(cw[cw.feed == "horsebean"], "weight"), col(cw[cw.feed == "linseed"], "weight")
    tsv = "\n".join(f"{num(r.weight)}\t{r.feed}" for r in cw[cw.feed.isin(["horsebean", "linseed"])].itertuples())
    cats = rframe("cats")
    f_hwt, m_hwt = col(cats[cats.Sex == "F"], "Hwt")[:14], col(cats[cats.Sex == "M"], "Hwt")[:14]
    cat_rows = "\n".join(
        f"{i + 1:>3}    {f:4.1f}    {m:4.1f}" for i, (f, m) in enumerate(zip(f_hwt, m_hwt, strict=True))
    )
    return [
        Item(
            id="dev-plantgrowth-welch-1",
            prompt=(
                "hi labbot 👋 greenhouse pilot, dried plant weight in grams, 10 pots per arm\n"
                f"trt1: {commas(trt1)}\n"
                f"and the pots on the second treatment came out at {spaces(trt2, '.2f')}\n"
                "can you do a Welch t-test (don't assume equal variances), two-sided? I want t, df, p and the 95% CI "
                "for trt2 minus trt1"
            ),
            analysis="welch_t_test",
            variant="Welch, two-sided, 95% CI of trt2 - trt1",
            r=f"trt1 <- {rvec(trt1)}\ntrt2 <- {rvec(trt2)}\ntt <- t.test(trt2, trt1, var.equal = FALSE)\n{R_T_OUT}",
            check=lambda: py_t2(trt2, trt1, equal_var=False),
            source="R datasets::PlantGrowth (trt1, trt2)",
            form="labelled lists",
        ),
        Item(
            id="dev-toothgrowth-welch-1",
            prompt=(
                "Morning! Odontoblast lengths from the guinea pig vitamin C study, 0.5 mg/day dose only "
                "(OJ = orange juice, VC = ascorbic acid), straight from our sheet:\n\n"
                f"len,supp,dose\n{csv_rows}\n\n"
                "Welch two sample t test please (unequal variances), OJ minus VC, with the 95% CI. thx"
            ),
            analysis="welch_t_test",
            variant="Welch, two-sided, 95% CI of OJ - VC",
            r=f"oj <- {rvec(oj)}\nvc <- {rvec(vc)}\ntt <- t.test(oj, vc)\n{R_T_OUT}",
            check=lambda: py_t2(oj, vc, equal_var=False),
            source="R datasets::ToothGrowth (dose 0.5)",
            form="csv block",
        ),
        Item(
            id="dev-mtcars-welch-1",
            prompt=(
                'toy example for the stats journal club 🙂 this is print(mtcars[, c("mpg", "am")]):\n\n'
                f"{mt_print}\n\n"
                "am is the transmission (0 = automatic, 1 = manual). Welch's t-test on mpg, manual minus automatic, "
                "two-sided, t / df / p-value and 95% CI"
            ),
            analysis="welch_t_test",
            variant="Welch, two-sided, 95% CI of manual - automatic",
            r=f"manual <- {rvec(manual)}\nauto <- {rvec(auto)}\ntt <- t.test(manual, auto)\n{R_T_OUT}",
            check=lambda: py_t2(manual, auto, equal_var=False),
            source="R datasets::mtcars",
            form="R print output",
        ),
        Item(
            id="test-chickwts-welch-1",
            prompt=(
                "Chick weights at 6 weeks (g), two of the feed supplements, copied out of Excel:\n"
                f"weight\tfeed\n{tsv}\n"
                "I'd like an unequal-variance (Welch) t-test comparing linseed with horsebean — difference as "
                "linseed minus horsebean, two sided, 95% confidence interval."
            ),
            analysis="welch_t_test",
            variant="Welch, two-sided, 95% CI of linseed - horsebean",
            r=f"horsebean <- {rvec(horse)}\nlinseed <- {rvec(lin)}\ntt <- t.test(linseed, horsebean)\n{R_T_OUT}",
            check=lambda: py_t2(lin, horse, equal_var=False),
            source="R datasets::chickwts (horsebean, linseed)",
            form="tsv spreadsheet paste",
        ),
        Item(
            id="test-cats-welch-1",
            prompt=(
                "Heart weights (g) of adult cats used in digitalis experiments (Fisher 1947) — first 14 of each sex "
                "from the file:\n\n"
                f"cat  female    male\n{cat_rows}\n\n"
                "They're not matched, the row number is just the order in the file. Could you run Welch's t test "
                "(variances not assumed equal), male minus female, 2-sided, and give the 95% CI"
            ),
            analysis="welch_t_test",
            variant="Welch, two-sided, 95% CI of male - female",
            r=f"female <- {rvec(f_hwt)}\nmale <- {rvec(m_hwt)}\ntt <- t.test(male, female)\n{R_T_OUT}",
            check=lambda: py_t2(m_hwt, f_hwt, equal_var=False),
            source="R MASS::cats (first 14 of each sex)",
            form="aligned columns",
        ),
    ]


def student_items() -> list[Item]:
    bw = rframe("subset(birthwt, race == 2)")
    smoke, nonsmoke = col(bw[bw.smoke == 1], "bwt"), col(bw[bw.smoke == 0], "bwt")
    dputs = rconsole(
        "b <- subset(birthwt, race == 2)\nbw_smoke <- b$bwt[b$smoke == 1]\nbw_nonsmoke <- b$bwt[b$smoke == 0]\n"
        "cat('> dput(bw_smoke)\\n'); dput(bw_smoke); cat('> dput(bw_nonsmoke)\\n'); dput(bw_nonsmoke)"
    )
    aq = rframe("subset(airquality, Month %in% 6:7 & Day <= 12)")
    june, july = col(aq[aq.Month == 6], "Wind"), col(aq[aq.Month == 7], "Wind")
    wind_rows = "\n".join(f"{d:>3}   {a:>4}   {b:>4}" for d, a, b in zip(range(1, 13), june, july, strict=True))
    ins = rframe("InsectSprays")
    spray_c, spray_e = col(ins[ins.spray == "C"], "count"), col(ins[ins.spray == "E"], "count")
    wb = rframe("subset(warpbreaks, tension == 'L')")
    wool_a, wool_b = col(wb[wb.wool == "A"], "breaks"), col(wb[wb.wool == "B"], "breaks")
    md = "\n".join(f"| {int(r.breaks)} | {r.wool} |" for r in wb.itertuples())
    pima = rframe("Pima.tr")
    glu_yes, glu_no = col(pima[pima.type == "Yes"], "glu")[:12], col(pima[pima.type == "No"], "glu")[:12]
    return [
        Item(
            id="dev-birthwt-student-1",
            prompt=(
                "Birth weights (grams) from the Baystate low-birth-weight study (Hosmer & Lemeshow, 1986 data), "
                "only the Black mothers, n = 26, split by smoking during pregnancy:\n"
                f"{dputs}\n"
                "Could you run a Student's t-test with pooled variance (equal variances assumed) for non-smokers "
                "minus smokers? Need t, df, p and the 95% CI."
            ),
            analysis="student_t_test",
            variant="Student (pooled variance), two-sided, 95% CI of non-smokers - smokers",
            r=(
                f"bw_smoke <- {rvec(smoke)}\nbw_nonsmoke <- {rvec(nonsmoke)}\n"
                f"tt <- t.test(bw_nonsmoke, bw_smoke, var.equal = TRUE)\n{R_T_OUT}"
            ),
            check=lambda: py_t2(nonsmoke, smoke, equal_var=True),
            source="R MASS::birthwt (race == 2)",
            form="dput vectors",
        ),
        Item(
            id="dev-airquality-student-1",
            prompt=(
                "For the exposure model in our asthma ED-visit paper — average wind speed (mph, 7-10 am) at LaGuardia, "
                "first 12 days of June vs first 12 days of July 1973:\n\n"
                f"day   June   July\n{wind_rows}\n\n"
                "treat the two months as independent samples. two-sample t-test assuming equal variances (classic "
                "Student, pooled SD), June minus July, two-sided with 95% CI pls"
            ),
            analysis="student_t_test",
            variant="Student (pooled variance), two-sided, 95% CI of June - July",
            r=f"june <- {rvec(june)}\njuly <- {rvec(july)}\ntt <- t.test(june, july, var.equal = TRUE)\n{R_T_OUT}",
            check=lambda: py_t2(june, july, equal_var=True),
            source="R datasets::airquality (Wind, days 1-12 of June and July)",
            form="aligned columns",
        ),
        Item(
            id="dev-insectsprays-student-1",
            prompt=(
                "insect counts per plot after spraying (Beall 1942 field trial)\n"
                f"spray C -> {','.join(num(v) for v in spray_c)}\n"
                f"for E we counted {spaces(spray_e)}\n"
                "pooled-variance t test, E minus C please; report t, df, the p value and the 95% CI"
            ),
            analysis="student_t_test",
            variant="Student (pooled variance), two-sided, 95% CI of E - C",
            r=(
                f"spray_c <- {rvec(spray_c)}\nspray_e <- {rvec(spray_e)}\n"
                f"tt <- t.test(spray_e, spray_c, var.equal = TRUE)\n{R_T_OUT}"
            ),
            check=lambda: py_t2(spray_e, spray_c, equal_var=True),
            source="R datasets::InsectSprays (C, E)",
            form="labelled lists",
        ),
        Item(
            id="test-warpbreaks-student-1",
            prompt=(
                "Number of warp breaks per loom (fixed length of yarn), low tension only:\n\n"
                f"| breaks | wool |\n|---|---|\n{md}\n\n"
                "Please do an ordinary two-sample Student t-test with equal variances assumed — wool A minus wool "
                "B, two-tailed, 95% CI."
            ),
            analysis="student_t_test",
            variant="Student (pooled variance), two-sided, 95% CI of A - B",
            r=(
                f"wool_a <- {rvec(wool_a)}\nwool_b <- {rvec(wool_b)}\n"
                f"tt <- t.test(wool_a, wool_b, var.equal = TRUE)\n{R_T_OUT}"
            ),
            check=lambda: py_t2(wool_a, wool_b, equal_var=True),
            source="R datasets::warpbreaks (tension L)",
            form="markdown table",
        ),
        Item(
            id="test-pima-student-1",
            prompt=(
                "Plasma glucose (2 h OGTT, mg/dL) in Pima women, first 12 diabetics and first 12 non-diabetics "
                "of the training file.\n"
                f"diabetic: {commas(glu_yes)}\n"
                f"non-diabetic ones were {spaces(glu_no)}\n"
                "t test with the pooled (equal) variance please, diabetic minus non-diabetic. t, df, p, 95% CI"
            ),
            analysis="student_t_test",
            variant="Student (pooled variance), two-sided, 95% CI of diabetic - non-diabetic",
            r=f"yes <- {rvec(glu_yes)}\nno <- {rvec(glu_no)}\ntt <- t.test(yes, no, var.equal = TRUE)\n{R_T_OUT}",
            check=lambda: py_t2(glu_yes, glu_no, equal_var=True),
            source="R MASS::Pima.tr (first 12 per type)",
            form="labelled lists",
        ),
    ]


def py_paired(after: Sequence[float], before: Sequence[float]) -> dict[str, float]:
    r = stats.ttest_rel(after, before)
    ci = r.confidence_interval()
    diff = float(np.mean(np.subtract(after, before)))
    return {"t": r.statistic, "df": r.df, "p": r.pvalue, "diff": diff, "ci_low": ci.low, "ci_high": ci.high}


R_PAIRED_OUT = (
    "res(t = tt$statistic, p = tt$p.value, diff = tt$estimate, ci_low = tt$conf.int[1], ci_high = tt$conf.int[2])"
)
R_PAIRED_NO_P = (
    "res(t = tt$statistic, df = tt$parameter, diff = tt$estimate, ci_low = tt$conf.int[1], ci_high = tt$conf.int[2])"
)


def paired_t_items() -> list[Item]:
    sl = rframe("sleep")
    drug1, drug2 = col(sl[sl.group == 1], "extra"), col(sl[sl.group == 2], "extra")
    pairs = "\n".join(f"pt{i + 1}: {num(a)} → {num(b)}" for i, (a, b) in enumerate(zip(drug1, drug2, strict=True)))
    an = rframe("subset(anorexia, Treat == 'CBT')")
    pre, post = col(an, "Prewt"), col(an, "Postwt")
    an_csv = "\n".join(f"{i + 1},{num(a)},{num(b)}" for i, (a, b) in enumerate(zip(pre, post, strict=True)))
    ck = rframe(
        "reshape(subset(ChickWeight, Time %in% c(10, 12) & as.integer(as.character(Chick)) <= 15)"
        "[, c('Chick', 'Time', 'weight')], idvar = 'Chick', timevar = 'Time', direction = 'wide')"
    )
    ck = ck.sort_values("Chick")
    d10, d12 = col(ck, "weight.10"), col(ck, "weight.12")
    ck_tsv = "\n".join(f"{c}\t{num(a)}\t{num(b)}" for c, a, b in zip(ck.Chick, d10, d12, strict=True))
    co = rframe(
        "reshape(subset(CO2, conc %in% c(250, 1000))[, c('Plant', 'conc', 'uptake')], idvar = 'Plant', "
        "timevar = 'conc', direction = 'wide')"
    )
    u250, u1000 = col(co, "uptake.250"), col(co, "uptake.1000")
    co_rows = "\n".join(f"{p:<6}{a:>8.1f}{b:>9.1f}" for p, a, b in zip(co.Plant, u250, u1000, strict=True))
    sh = rframe("shoes")
    shoe_a, shoe_b = col(sh, "A"), col(sh, "B")
    shoe_dput = rconsole("cat('> dput(shoes)\\n'); dput(shoes)")
    return [
        Item(
            id="dev-sleep-paired-1",
            prompt=(
                "Cushny & Peebles (1905) hypnotics data: extra hours of sleep vs baseline, the SAME 10 patients "
                "got each drug. drug 1 → drug 2:\n"
                f"{pairs}\n"
                "paired t-test please, difference = drug 2 minus drug 1, two-sided, with the 95% CI for the mean "
                "difference"
            ),
            analysis="paired_t_test",
            variant="paired, two-sided, 95% CI of drug 2 - drug 1",
            r=(
                f"drug1 <- {rvec(drug1)}\ndrug2 <- {rvec(drug2)}\n"
                f"tt <- t.test(drug2, drug1, paired = TRUE)\n{R_PAIRED_OUT}"
            ),
            check=lambda: py_paired(drug2, drug1),
            source="R datasets::sleep",
            form="x->y pairs",
        ),
        Item(
            id="dev-anorexia-paired-1",
            prompt=(
                "anorexia trial (Hand et al. 1994), CBT arm only (n=29 young women), weight in lb before and after "
                "treatment:\n"
                f"patient,prewt,postwt\n{an_csv}\n"
                "paired t test on post minus pre please, with the 95% CI (I'll do the other two arms later)"
            ),
            analysis="paired_t_test",
            variant="paired, two-sided, 95% CI of post - pre",
            r=(
                f"prewt <- {rvec(pre)}\npostwt <- {rvec(post)}\n"
                f"tt <- t.test(postwt, prewt, paired = TRUE)\n{R_PAIRED_OUT}"
            ),
            check=lambda: py_paired(post, pre),
            source="R MASS::anorexia (Treat == 'CBT')",
            form="csv block",
        ),
        Item(
            id="dev-chickweight-paired-1",
            prompt=(
                "Body weight (g) of chicks 1-15 (all on diet 1) weighed on day 10 and again on day 12, pasted "
                "from the spreadsheet:\n"
                f"chick\tday10\tday12\n{ck_tsv}\n"
                "Same birds both days so I want a paired t-test: day 12 minus day 10, t, df, mean difference and "
                "its 95% CI."
            ),
            analysis="paired_t_test",
            variant="paired, two-sided, 95% CI of day 12 - day 10",
            r=f"day10 <- {rvec(d10)}\nday12 <- {rvec(d12)}\ntt <- t.test(day12, day10, paired = TRUE)\n{R_PAIRED_NO_P}",
            check=lambda: py_paired(d12, d10),
            source="R datasets::ChickWeight (chicks 1-15, days 10 and 12)",
            form="tsv spreadsheet paste",
        ),
        Item(
            id="test-co2-paired-1",
            prompt=(
                "CO2 uptake (umol/m^2/s) of the 12 Echinochloa plants from the chilling experiment, each plant "
                "measured at ambient CO2 of 250 and of 1000 mL/L:\n\n"
                f"plant  250 mL/L  1000 mL/L\n{co_rows}\n\n"
                "paired t test (same plant twice): 1000 minus 250. Give me t, df, the mean diff and a 95 percent CI"
            ),
            analysis="paired_t_test",
            variant="paired, two-sided, 95% CI of 1000 - 250",
            r=(
                f"u250 <- {rvec(u250)}\nu1000 <- {rvec(u1000)}\n"
                f"tt <- t.test(u1000, u250, paired = TRUE)\n{R_PAIRED_NO_P}"
            ),
            check=lambda: py_paired(u1000, u250),
            source="R datasets::CO2 (conc 250 and 1000)",
            form="aligned columns",
        ),
        Item(
            id="test-shoes-paired-1",
            prompt=(
                "Box, Hunter & Hunter shoe-sole experiment: 10 boys, each wore material A on one foot and B on "
                "the other; wear amounts below.\n"
                f"{shoe_dput}\n"
                "Paired t-test on B − A (same boy), 2-sided, 95% CI please."
            ),
            analysis="paired_t_test",
            variant="paired, two-sided, 95% CI of B - A",
            r=f"A <- {rvec(shoe_a)}\nB <- {rvec(shoe_b)}\ntt <- t.test(B, A, paired = TRUE)\n{R_PAIRED_OUT}",
            check=lambda: py_paired(shoe_b, shoe_a),
            source="R MASS::shoes",
            form="dput vectors",
        ),
    ]


R_T1_OUT = "res(t = tt$statistic, df = tt$parameter, p = tt$p.value, ci_low = tt$conf.int[1], ci_high = tt$conf.int[2])"


def one_sample_t_items() -> list[Item]:
    eruptions = col(rframe("head(faithful, 15)"), "eruptions")
    lwt = col(rframe("head(birthwt, 20)"), "lwt")
    lwt_print = rprint("head(birthwt$lwt, 20)")
    bmi = col(rframe("head(Pima.tr, 20)"), "bmi")
    height = col(rframe("trees"), "Height")
    height_print = rprint("trees$Height")
    return [
        Item(
            id="dev-faithful-onesample-1",
            prompt=(
                "Old Faithful eruption durations in minutes, the first 15 in the record: "
                f"{spaces(eruptions)}\n"
                "One-sample t-test against 3.5 min (two-sided) — want t, df, p and the 95% CI for the mean."
            ),
            analysis="one_sample_t_test",
            variant="one-sample vs mu = 3.5, two-sided, 95% CI of the mean",
            r=f"x <- {rvec(eruptions)}\ntt <- t.test(x, mu = 3.5)\n{R_T1_OUT}",
            check=lambda: py_t1(eruptions, 3.5),
            source="R datasets::faithful (first 15 eruptions)",
            form="space list",
        ),
        Item(
            id="dev-birthwt-onesample-1",
            prompt=(
                "Maternal weight at last menstrual period (lb), first 20 mothers in birthwt:\n"
                f"> head(birthwt$lwt, 20)\n{lwt_print}\n"
                "is the mean different from 130 lb? one sample t test, 2-sided, 95% CI"
            ),
            analysis="one_sample_t_test",
            variant="one-sample vs mu = 130, two-sided, 95% CI of the mean",
            r=f"lwt <- {rvec(lwt)}\ntt <- t.test(lwt, mu = 130)\n{R_T1_OUT}",
            check=lambda: py_t1(lwt, 130),
            source="R MASS::birthwt (first 20 lwt)",
            form="R print output",
        ),
        Item(
            id="test-pima-onesample-1",
            prompt=(
                "BMI of the first twenty women in the Pima training sample (kg/m2):\n"
                + "\n".join(num(v) for v in bmi)
                + "\n\nI need a one-sample t test of whether the mean BMI differs from 30 (two-sided). Report t, "
                "degrees of freedom, p and the 95% confidence interval of the mean, cheers"
            ),
            analysis="one_sample_t_test",
            variant="one-sample vs mu = 30, two-sided, 95% CI of the mean",
            r=f"bmi <- {rvec(bmi)}\ntt <- t.test(bmi, mu = 30)\n{R_T1_OUT}",
            check=lambda: py_t1(bmi, 30),
            source="R MASS::Pima.tr (first 20 bmi)",
            form="one value per line",
        ),
        Item(
            id="test-trees-onesample-1",
            prompt=(
                "heights (ft) of the 31 felled black cherry trees from Allegheny National Forest\n"
                f"> trees$Height\n{height_print}\n"
                "Test H0: mean height = 75 ft with a one-sample t-test, two sided. CI at 95%."
            ),
            analysis="one_sample_t_test",
            variant="one-sample vs mu = 75, two-sided, 95% CI of the mean",
            r=f"h <- {rvec(height)}\ntt <- t.test(h, mu = 75)\n{R_T1_OUT}",
            check=lambda: py_t1(height, 75),
            source="R datasets::trees (Height)",
            form="R print output",
        ),
    ]


# ---------------------------------------------------------------------------------------------------------------
# One-way ANOVA and Kruskal-Wallis


def r_groups(groups: Mapping[str, Sequence[float]], value: str = "y") -> str:
    """R code building a long data frame ``d`` (value column ``y``, factor ``g`` in the order given)."""
    names = list(groups)
    values = ", ".join(f"{rvec(v)}" for v in groups.values())
    counts = ", ".join(str(len(v)) for v in groups.values())
    labels = ", ".join(f'"{n}"' for n in names)
    return (
        f"d <- data.frame({value} = c({values}),\n"
        f"                g = factor(rep(c({labels}), c({counts})), levels = c({labels})))"
    )


def py_anova(groups: Mapping[str, Sequence[float]], pair: tuple[str, str] | None = None) -> dict[str, float]:
    values = list(groups.values())
    r = stats.f_oneway(*values)
    n = sum(len(v) for v in values)
    out = {"F": r.statistic, "df1": len(values) - 1, "df2": n - len(values), "p": r.pvalue}
    if pair:
        names = list(groups)
        tukey = stats.tukey_hsd(*values)
        out["tukey_p"] = tukey.pvalue[names.index(pair[0]), names.index(pair[1])]
    return out


def r_anova(groups: Mapping[str, Sequence[float]], pair: tuple[str, str] | None) -> str:
    code = (
        f"{r_groups(groups)}\nfit <- aov(y ~ g, data = d)\ntab <- summary(fit)[[1]]\n"
        'out <- res(F = tab[1, "F value"], df1 = tab[1, "Df"], df2 = tab[2, "Df"], p = tab[1, "Pr(>F)"])\n'
    )
    if pair:
        code += f'tk <- TukeyHSD(fit)$g\nout <- c(out, tukey_p = tk["{pair[0]}-{pair[1]}", "p adj"])\n'
    return code + "out"


def anova_items() -> list[Item]:
    pg = rframe("PlantGrowth")
    pg_groups = {g: col(pg[pg.group == g], "weight") for g in ("ctrl", "trt1", "trt2")}
    pg_csv = "\n".join(f"{r.weight:.2f},{r.group}" for r in pg.itertuples())
    ins = rframe("InsectSprays")
    cde = {s: col(ins[ins.spray == s], "count") for s in ("C", "D", "E")}
    ck = rframe("subset(ChickWeight, Time == 21)[, c('weight', 'Diet')]")
    ck_groups = {str(d): col(ck[ck.Diet == d], "weight") for d in (1, 2, 3, 4)}
    ck_print = rprint("subset(ChickWeight, Time == 21)[, c('weight', 'Diet')]")
    wb = rframe("subset(warpbreaks, wool == 'B')")
    wb_groups = {t: col(wb[wb.tension == t], "breaks") for t in ("L", "M", "H")}
    wb_md = "\n".join(f"| {int(a)} | {int(b)} | {int(c)} |" for a, b, c in zip(*wb_groups.values(), strict=True))
    cb = rframe("subset(cabbages, Cult == 'c39')")
    cb_groups = {d: col(cb[cb.Date == d], "VitC") for d in ("d16", "d20", "d21")}
    cb_tsv = "\n".join(f"{r.Date}\t{r.HeadWt}\t{int(r.VitC)}" for r in cb.itertuples())
    return [
        Item(
            id="dev-plantgrowth-anova-1",
            prompt=(
                "Can you run a one-way ANOVA on these? dried weights (g) of plants under a control and two treatments\n"
                "```\nweight,group\n" + pg_csv + "\n```\n"
                "I need F, both df and the p value, plus the Tukey HSD adjusted p for trt2 vs trt1."
            ),
            analysis="one_way_anova",
            variant="one-way ANOVA F test; Tukey HSD p for trt2 - trt1",
            r=r_anova(pg_groups, ("trt2", "trt1")),
            check=lambda: py_anova(pg_groups, ("trt2", "trt1")),
            check_tol=1e-4,  # scipy's studentized range vs R's ptukey
            source="R datasets::PlantGrowth",
            form="csv block",
        ),
        Item(
            id="dev-insectsprays-anova-1",
            prompt=(
                "Three of the sprays from the insecticide field trial, insects counted per plot (12 plots each):\n"
                f"C: {commas(cde['C'])}\n"
                f"spray D — {spaces(cde['D'])}\n"
                f"and E = [{', '.join(num(v) for v in cde['E'])}]\n"
                "One-way ANOVA across the three sprays please (F, df, p) and the Tukey HSD p-value for D vs C"
            ),
            analysis="one_way_anova",
            variant="one-way ANOVA F test; Tukey HSD p for D - C",
            r=r_anova(cde, ("D", "C")),
            check=lambda: py_anova(cde, ("D", "C")),
            check_tol=1e-4,
            source="R datasets::InsectSprays (C, D, E)",
            form="labelled lists",
        ),
        Item(
            id="dev-chickweight-anova-1",
            prompt=(
                "hey, chick weights (g) at day 21 under four diets — this is from R:\n"
                '> subset(ChickWeight, Time == 21)[, c("weight", "Diet")]\n'
                f"{ck_print}\n"
                "(a few chicks died before day 21, so the groups are unequal.) one-way anova of weight by Diet: "
                "F, df and p, and Tukey HSD adjusted p for diet 3 vs diet 1"
            ),
            analysis="one_way_anova",
            variant="one-way ANOVA F test; Tukey HSD p for diet 3 - diet 1",
            r=r_anova(ck_groups, ("3", "1")),
            check=lambda: py_anova(ck_groups, ("3", "1")),
            check_tol=1e-4,
            source="R datasets::ChickWeight (Time == 21)",
            form="R print output",
        ),
        Item(
            id="test-warpbreaks-anova-1",
            prompt=(
                "Warp breaks for wool type B at three loom tensions (9 looms each; the rows are NOT matched, "
                "just listed side by side):\n\n"
                f"| low (L) | medium (M) | high (H) |\n|---|---|---|\n{wb_md}\n\n"
                "1-way ANOVA of breaks on tension, please give the F statistic with its df and p-value, and the "
                "Tukey-adjusted p for high vs low."
            ),
            analysis="one_way_anova",
            variant="one-way ANOVA F test; Tukey HSD p for H - L",
            r=r_anova(wb_groups, ("H", "L")),
            check=lambda: py_anova(wb_groups, ("H", "L")),
            check_tol=1e-4,
            source="R datasets::warpbreaks (wool B)",
            form="markdown table",
        ),
        Item(
            id="test-cabbages-anova-1",
            prompt=(
                "Vitamin C content of cabbage heads (cultivar c39) by planting date, from the field sheet. Head "
                "weight is in there too but ignore it:\n"
                f"Date\tHeadWt\tVitC\n{cb_tsv}\n"
                "Is there a planting-date effect on VitC? one-way ANOVA (F, dfs, p) + Tukey HSD p for d21 vs d16 pls"
            ),
            analysis="one_way_anova",
            variant="one-way ANOVA F test; Tukey HSD p for d21 - d16",
            r=r_anova(cb_groups, ("d21", "d16")),
            check=lambda: py_anova(cb_groups, ("d21", "d16")),
            check_tol=1e-4,
            source="R MASS::cabbages (Cult == 'c39')",
            form="tsv spreadsheet paste",
        ),
    ]


def py_kruskal(groups: Mapping[str, Sequence[float]]) -> dict[str, float]:
    r = stats.kruskal(*groups.values())
    return {"chisq": r.statistic, "df": len(groups) - 1, "p": r.pvalue}


def r_kruskal(groups: Mapping[str, Sequence[float]]) -> str:
    return (
        f"{r_groups(groups)}\nkw <- kruskal.test(y ~ g, data = d)\n"
        "res(chisq = kw$statistic, df = kw$parameter, p = kw$p.value)"
    )


def kruskal_items() -> list[Item]:
    aq = rframe("subset(airquality, Month %in% 6:8 & !is.na(Ozone))")
    aq_groups = {str(m): col(aq[aq.Month == m], "Ozone") for m in (6, 7, 8)}
    aq_tsv = "\n".join(f"1973-{r.Month:02d}-{r.Day:02d}\t{int(r.Ozone)}\t{int(r.Temp)}" for r in aq.itertuples())
    ins = rframe("subset(InsectSprays, spray %in% c('A', 'B', 'F'))")
    abf = {s: col(ins[ins.spray == s], "count") for s in ("A", "B", "F")}
    ins_print = rprint("with(droplevels(subset(InsectSprays, spray %in% c('A', 'B', 'F'))), split(count, spray))")
    cw = rframe("chickwts")
    feeds = {f: col(cw[cw.feed == f], "weight") for f in ("horsebean", "linseed", "soybean")}
    wb = rframe("subset(warpbreaks, wool == 'A')")
    wa = {t: col(wb[wb.tension == t], "breaks") for t in ("L", "M", "H")}
    wb_csv = "\n".join(f"{int(r.breaks)},{r.tension}" for r in wb.itertuples())
    return [
        Item(
            id="dev-airquality-kw-1",
            prompt=(
                "Ozone (ppb, Roosevelt Island, 1pm-3pm mean) for summer 1973, days with a missing ozone reading "
                "already dropped. Pasted from the sheet, columns date / ozone / max temp:\n"
                f"date\tozone\ttemp\n{aq_tsv}\n"
                "Does ozone differ between June, July and August? Kruskal-Wallis please, not ANOVA — the data are "
                "really skewed. (temp is just for another model, ignore it)"
            ),
            analysis="kruskal_wallis",
            variant="Kruskal-Wallis chi-square (tie-corrected), df, p",
            r=r_kruskal(aq_groups),
            check=lambda: py_kruskal(aq_groups),
            source="R datasets::airquality (June-August, non-missing Ozone)",
            form="tsv spreadsheet paste",
        ),
        Item(
            id="dev-insectsprays-kw-1",
            prompt=(
                "kruskal wallis test on insect counts for sprays A, B and F? output from R below\n"
                f"{ins_print}\n"
                "thanks!!"
            ),
            analysis="kruskal_wallis",
            variant="Kruskal-Wallis chi-square (tie-corrected), df, p",
            r=r_kruskal(abf),
            check=lambda: py_kruskal(abf),
            source="R datasets::InsectSprays (A, B, F)",
            form="R print output",
        ),
        Item(
            id="test-chickwts-kw-1",
            prompt=(
                "Newly hatched chicks randomised to feed supplements, weight in grams after six weeks.\n"
                f"Horsebean group: {commas(feeds['horsebean'])}\n"
                f"linseed ({len(feeds['linseed'])} birds) {spaces(feeds['linseed'])}\n"
                f"soybean -> {'; '.join(num(v) for v in feeds['soybean'])}\n"
                "Rank-based comparison of the three feeds — Kruskal–Wallis H test. statistic, df, p value please"
            ),
            analysis="kruskal_wallis",
            variant="Kruskal-Wallis chi-square (tie-corrected), df, p",
            r=r_kruskal(feeds),
            check=lambda: py_kruskal(feeds),
            source="R datasets::chickwts (horsebean, linseed, soybean)",
            form="labelled lists",
        ),
        Item(
            id="test-warpbreaks-kw-1",
            prompt=(
                "breaks,tension\n" + wb_csv + "\n"
                "^ wool A only, 9 looms per tension (L/M/H). Could you do a Kruskal-Wallis test of breaks across "
                "tension? Report chi-squared, df and p."
            ),
            analysis="kruskal_wallis",
            variant="Kruskal-Wallis chi-square (tie-corrected), df, p",
            r=r_kruskal(wa),
            check=lambda: py_kruskal(wa),
            source="R datasets::warpbreaks (wool A)",
            form="csv block",
        ),
    ]


# ---------------------------------------------------------------------------------------------------------------
# Rank tests and Shapiro-Wilk


def py_mw(x: Sequence[float], y: Sequence[float], exact: bool, correct: bool = True) -> dict[str, float]:
    method = "exact" if exact else "asymptotic"
    r = stats.mannwhitneyu(x, y, use_continuity=correct, method=method)
    return {"W": r.statistic, "p": r.pvalue}


def r_mw(x: str, y: str, exact: bool, correct: bool = True) -> str:
    flags = "exact = TRUE" if exact else f"exact = FALSE, correct = {'TRUE' if correct else 'FALSE'}"
    return f"w <- wilcox.test({x}, {y}, {flags})\nres(W = w$statistic, p = w$p.value)"


def untied(values: Sequence[float]) -> bool:
    rounded = [round(v, 9) for v in values]
    return len(set(rounded)) == len(rounded)


def mann_whitney_items() -> list[Item]:
    ins = rframe("InsectSprays")
    a, b = col(ins[ins.spray == "A"], "count"), col(ins[ins.spray == "B"], "count")
    pg = rframe("PlantGrowth")
    ctrl, trt2 = col(pg[pg.group == "ctrl"], "weight"), col(pg[pg.group == "trt2"], "weight")
    assert untied(ctrl + trt2)
    aq = rframe("subset(airquality, Month %in% 7:8 & !is.na(Ozone))")
    jul, aug = col(aq[aq.Month == 7], "Ozone"), col(aq[aq.Month == 8], "Ozone")
    cw = rframe("chickwts")
    sun, soy = col(cw[cw.feed == "sunflower"], "weight"), col(cw[cw.feed == "soybean"], "weight")
    meat, cas = col(cw[cw.feed == "meatmeal"], "weight"), col(cw[cw.feed == "casein"], "weight")
    assert untied(meat + cas)
    return [
        Item(
            id="dev-insectsprays-mw-1",
            prompt=(
                "Hi! insect counts, 12 plots per spray\n"
                f"spray A: {commas(a)}\n"
                f"spray B: {commas(b)}\n"
                "Mann-Whitney U test A vs B, two-sided. There are ties so use the normal approximation WITH the "
                "continuity correction. U for A (R's W) and the p please"
            ),
            analysis="mann_whitney",
            variant="normal approximation with continuity correction, two-sided; W = U of A",
            r=f"a <- {rvec(a)}\nb <- {rvec(b)}\n{r_mw('a', 'b', exact=False)}",
            check=lambda: py_mw(a, b, exact=False),
            source="R datasets::InsectSprays (A, B)",
            form="labelled lists",
        ),
        Item(
            id="dev-plantgrowth-mw-1",
            prompt=(
                "small n so I'd rather go nonparametric: wilcoxon rank-sum (= Mann-Whitney) with the EXACT p, "
                "trt2 compared with control. Plant dry weights, g:\n"
                f"  trt2    {spaces(trt2, '.2f')}\n"
                f"  control {spaces(ctrl, '.2f')}\n"
                "report W for trt2 and the exact two-sided p"
            ),
            analysis="mann_whitney",
            variant="exact p, two-sided; W = U of trt2",
            r=f"trt2 <- {rvec(trt2)}\nctrl <- {rvec(ctrl)}\n{r_mw('trt2', 'ctrl', exact=True)}",
            check=lambda: py_mw(trt2, ctrl, exact=True),
            source="R datasets::PlantGrowth (ctrl, trt2)",
            form="labelled lists",
        ),
        Item(
            id="dev-airquality-mw-1",
            prompt=(
                "Ozone readings (ppb) NYC summer 1973, missing days removed.\n"
                f"July (n={len(jul)}): {commas(jul)}\n"
                f"August (n={len(aug)}): {commas(aug)}\n"
                "Mann–Whitney July vs August using the large-sample normal approximation but WITHOUT continuity "
                "correction (correct = FALSE in R). W for July + p-value"
            ),
            analysis="mann_whitney",
            variant="normal approximation without continuity correction, two-sided; W = U of July",
            r=f"jul <- {rvec(jul)}\naug <- {rvec(aug)}\n{r_mw('jul', 'aug', exact=False, correct=False)}",
            check=lambda: py_mw(jul, aug, exact=False, correct=False),
            source="R datasets::airquality (July, August Ozone)",
            form="labelled lists",
        ),
        Item(
            id="test-chickwts-mw-1",
            prompt=(
                f"6-week chick weights (g).\nsunflower-fed: {spaces(sun)}\nsoybean-fed: {spaces(soy)}\n"
                "Please run a two-sided Wilcoxon rank-sum / Mann-Whitney test of sunflower against soybean. Some "
                "weights are tied, so normal approximation with continuity correction. Give the U statistic for "
                "the sunflower group and p."
            ),
            analysis="mann_whitney",
            variant="normal approximation with continuity correction, two-sided; W = U of sunflower",
            r=f"sun <- {rvec(sun)}\nsoy <- {rvec(soy)}\n{r_mw('sun', 'soy', exact=False)}",
            check=lambda: py_mw(sun, soy, exact=False),
            source="R datasets::chickwts (sunflower, soybean)",
            form="labelled lists",
        ),
        Item(
            id="test-chickwts-mw-2",
            prompt=(
                "weight\tfeed\n"
                + "\n".join(f"{num(v)}\tmeatmeal" for v in meat)
                + "\n"
                + "\n".join(f"{num(v)}\tcasein" for v in cas)
                + "\n\nMann Whitney U, meatmeal vs casein, exact p (no ties here), two-tailed. U for meatmeal pls"
            ),
            analysis="mann_whitney",
            variant="exact p, two-sided; W = U of meatmeal",
            r=f"meat <- {rvec(meat)}\ncas <- {rvec(cas)}\n{r_mw('meat', 'cas', exact=True)}",
            check=lambda: py_mw(meat, cas, exact=True),
            source="R datasets::chickwts (meatmeal, casein)",
            form="tsv spreadsheet paste",
        ),
    ]


def py_signed_rank(d: Sequence[float] | np.ndarray, exact: bool) -> dict[str, float]:
    arr = np.round(np.asarray(d, dtype=float), 8)
    arr = arr[arr != 0]
    ranks = stats.rankdata(np.abs(arr))
    method = "exact" if exact else "asymptotic"
    r = stats.wilcoxon(arr, zero_method="wilcox", correction=not exact, method=method)
    return {"V": float(ranks[arr > 0].sum()), "p": r.pvalue}


def signed_rank_items() -> list[Item]:
    sl = rframe("sleep")
    drug1, drug2 = col(sl[sl.group == 1], "extra"), col(sl[sl.group == 2], "extra")
    sleep_print = rprint("sleep")
    pg = rframe("PlantGrowth")
    trt1 = col(pg[pg.group == "trt1"], "weight")
    assert untied([abs(v - 5) for v in trt1])
    sh = rframe("shoes")
    shoe_a, shoe_b = col(sh, "A"), col(sh, "B")
    bmi = col(rframe("head(Pima.te, 12)"), "bmi")
    assert untied([abs(v - 32) for v in bmi])
    return [
        Item(
            id="dev-sleep-wsr-1",
            prompt=(
                "Student's sleep data as R prints it (group = drug, ID = patient; each patient took both drugs):\n"
                f"{sleep_print}\n"
                "Wilcoxon signed-rank test for drug 2 vs drug 1 (paired by ID, differences drug 2 − drug 1). "
                "Exact isn't possible with the tie/zero, so normal approximation with continuity correction. V + p?"
            ),
            analysis="wilcoxon_signed_rank",
            variant="paired, drug 2 - drug 1, normal approximation with continuity correction, zero dropped",
            r=(
                f"drug1 <- {rvec(drug1)}\ndrug2 <- {rvec(drug2)}\n"
                "d <- round(drug2 - drug1, 8)  # exact decimal differences, so equal ones tie as written\n"
                "w <- wilcox.test(d, exact = FALSE, correct = TRUE)\nres(V = w$statistic, p = w$p.value)"
            ),
            check=lambda: py_signed_rank(np.subtract(drug2, drug1), exact=False),
            source="R datasets::sleep",
            form="R print output",
        ),
        Item(
            id="dev-plantgrowth-wsr-1",
            prompt=(
                "One-sample Wilcoxon signed rank test: is the median dry weight of the trt1 plants different "
                "from 5.0 g? Values: "
                f"{commas(trt1)} (g). Exact p please, two-sided, and the V statistic."
            ),
            analysis="wilcoxon_signed_rank",
            variant="one-sample vs 5.0, exact p, two-sided",
            r=(
                f"trt1 <- {rvec(trt1)}\n"
                "w <- wilcox.test(trt1, mu = 5, exact = TRUE)\nres(V = w$statistic, p = w$p.value)"
            ),
            check=lambda: py_signed_rank(np.subtract(trt1, 5), exact=True),
            source="R datasets::PlantGrowth (trt1)",
            form="inline list",
        ),
        Item(
            id="test-shoes-wsr-1",
            prompt=(
                "Shoe sole wear, 10 boys, material A on one foot and B on the other (randomised):\n"
                f"A = {rvec(shoe_a)}\nB = {rvec(shoe_b)}\n"
                "Signed rank test on the paired differences B minus A. The differences have ties, so asymptotic "
                "p with continuity correction, 2-sided. V and p please."
            ),
            analysis="wilcoxon_signed_rank",
            variant="paired, B - A, normal approximation with continuity correction",
            r=(
                f"A <- {rvec(shoe_a)}\nB <- {rvec(shoe_b)}\nd <- round(B - A, 8)\n"
                "w <- wilcox.test(d, exact = FALSE, correct = TRUE)\nres(V = w$statistic, p = w$p.value)"
            ),
            check=lambda: py_signed_rank(np.subtract(shoe_b, shoe_a), exact=False),
            source="R MASS::shoes",
            form="dput vectors",
        ),
        Item(
            id="test-pima-wsr-1",
            prompt=(
                "bmi for 12 Pima women (test file):\n"
                + "  ".join(num(v) for v in bmi)
                + "\nWe want to compare against the 32 kg/m² reported for the earlier survey — Wilcoxon signed-rank, "
                "exact, two-sided. Report V and p."
            ),
            analysis="wilcoxon_signed_rank",
            variant="one-sample vs 32, exact p, two-sided",
            r=f"bmi <- {rvec(bmi)}\nw <- wilcox.test(bmi, mu = 32, exact = TRUE)\nres(V = w$statistic, p = w$p.value)",
            check=lambda: py_signed_rank(np.subtract(bmi, 32), exact=True),
            source="R MASS::Pima.te (first 12 bmi)",
            form="space list",
        ),
    ]


def shapiro_items() -> list[Item]:
    erupt = col(rframe("head(faithful, 25)"), "eruptions")
    mpg = col(rframe("mtcars"), "mpg")
    mpg_dput = rconsole("dput(mtcars$mpg)")
    volume = col(rframe("trees"), "Volume")
    hwt = col(rframe("subset(cats, Sex == 'F')"), "Hwt")
    code = "s <- shapiro.test(x)\nres(W = s$statistic, p = s$p.value)"
    return [
        Item(
            id="dev-faithful-sw-1",
            prompt=(
                "Is this normally distributed? Shapiro-Wilk please. Eruption durations (min), first 25:\n"
                f"{commas(erupt)}"
            ),
            analysis="shapiro_wilk",
            variant="Shapiro-Wilk W and p",
            r=f"x <- {rvec(erupt)}\n{code}",
            check=lambda: dict(zip(("W", "p"), stats.shapiro(erupt), strict=True)),
            source="R datasets::faithful (first 25 eruptions)",
            form="inline list",
        ),
        Item(
            id="dev-mtcars-sw-1",
            prompt=f"> dput(mtcars$mpg)\n{mpg_dput}\n\nshapiro wilk normality test on mpg, W and p-value? ty",
            analysis="shapiro_wilk",
            variant="Shapiro-Wilk W and p",
            r=f"x <- {rvec(mpg)}\n{code}",
            check=lambda: dict(zip(("W", "p"), stats.shapiro(mpg), strict=True)),
            source="R datasets::mtcars (mpg)",
            form="dput vectors",
        ),
        Item(
            id="test-trees-sw-1",
            prompt=(
                "Before I fit anything: timber volume (cubic ft) of 31 cherry trees —\n"
                + "\n".join(", ".join(num(v) for v in volume[i : i + 8]) for i in range(0, len(volume), 8))
                + "\nCan you check normality with the Shapiro–Wilk test? statistic and p"
            ),
            analysis="shapiro_wilk",
            variant="Shapiro-Wilk W and p",
            r=f"x <- {rvec(volume)}\n{code}",
            check=lambda: dict(zip(("W", "p"), stats.shapiro(volume), strict=True)),
            source="R datasets::trees (Volume)",
            form="wrapped list",
        ),
        Item(
            id="test-cats-sw-1",
            prompt=(
                f"heart weight in grams, all {len(hwt)} female cats\n"
                + "\t".join(num(v) for v in hwt)
                + "\n(one row pasted from excel). Shapiro Wilk test for normality — W and p"
            ),
            analysis="shapiro_wilk",
            variant="Shapiro-Wilk W and p",
            r=f"x <- {rvec(hwt)}\n{code}",
            check=lambda: dict(zip(("W", "p"), stats.shapiro(hwt), strict=True)),
            source="R MASS::cats (females, Hwt)",
            form="tsv spreadsheet paste",
        ),
    ]


# ---------------------------------------------------------------------------------------------------------------
# Contingency tables: chi-square, Fisher, McNemar, odds ratio, relative risk

Table = list[list[int]]


def rmat(table: Table) -> str:
    cells = ", ".join(str(v) for row in table for v in row)
    return f"matrix(c({cells}), nrow = {len(table)}, byrow = TRUE)"


def py_chisq(table: Table, correct: bool) -> dict[str, float]:
    r = stats.chi2_contingency(np.array(table), correction=correct)
    return {"chisq": r.statistic, "df": r.dof, "p": r.pvalue}


def r_chisq(table: Table, correct: bool) -> str:
    return (
        f"m <- {rmat(table)}\nx <- chisq.test(m, correct = {'TRUE' if correct else 'FALSE'})\n"
        "res(chisq = x$statistic, df = x$parameter, p = x$p.value)"
    )


def counts(frame: pd.DataFrame) -> Table:
    return [[int(v) for v in row] for row in frame.to_numpy()]


def chi_square_items() -> list[Item]:
    ucb = [[120, 205], [202, 391]]  # UCBAdmissions, Dept C: rows men, women; columns admitted, rejected
    hand = counts(rframe("as.data.frame.matrix(table(survey$Sex, survey$W.Hnd))"))
    exer = counts(rframe("as.data.frame.matrix(table(survey$Sex, survey$Exer))"))
    exer_print = rprint("table(survey$Sex, survey$Exer)")
    ages = counts(rframe("as.data.frame.matrix(table(birthwt$low, cut(birthwt$age, c(0, 19, 24, 29, 99))))"))
    aids = counts(rframe("as.data.frame.matrix(table(Aids2$status, cut(Aids2$age, c(0, 29, 39, 49, 99))))"))
    colon = counts(
        rframe("with(subset(colon, etype == 1), as.data.frame.matrix(table(rx, cut(age, c(0, 49, 59, 69, 99)))))")
    )
    ulcer = counts(rframe("as.data.frame.matrix(table(Melanoma$sex, Melanoma$ulcer))"))  # rows 0 = female
    colon_rows = "\n".join(
        f"{name:<9}{row[0]:>7}{row[1]:>8}{row[2]:>8}{row[3]:>6}{sum(row):>8}"
        for name, row in zip(("Obs", "Lev", "Lev+5FU"), colon, strict=True)
    )
    colon_tot = [sum(c) for c in zip(*colon, strict=True)]
    return [
        Item(
            id="dev-ucb-chisq-1",
            prompt=(
                "Berkeley 1973 graduate admissions, department C only:\n\n"
                "            admitted   rejected   total\n"
                f"men         {ucb[0][0]:>8}   {ucb[0][1]:>8}   {sum(ucb[0]):>5}\n"
                f"women       {ucb[1][0]:>8}   {ucb[1][1]:>8}   {sum(ucb[1]):>5}\n"
                f"total       {ucb[0][0] + ucb[1][0]:>8}   {ucb[0][1] + ucb[1][1]:>8}   {sum(map(sum, ucb)):>5}\n\n"
                "Pearson chi-square test of independence (gender x admission) with Yates' continuity correction "
                "please — statistic, df, p"
            ),
            analysis="chi_square",
            variant="2x2 with Yates continuity correction",
            r=r_chisq(ucb, correct=True),
            check=lambda: py_chisq(ucb, correct=True),
            source="R datasets::UCBAdmissions (Dept C)",
            form="table with totals",
        ),
        Item(
            id="dev-survey-chisq-1",
            prompt=(
                "Survey of 237 Adelaide stats students (Venables & Ripley). Of the "
                f"{sum(hand[0])} women, {hand[0][0]} write with the left hand and {hand[0][1]} with the right; of "
                f"the {sum(hand[1])} men, {hand[1][0]} are left-handed writers and {hand[1][1]} right-handed "
                "(2 students didn't answer one of the questions and are left out). Chi-squared test of "
                "independence for sex vs writing hand WITHOUT the Yates correction please"
            ),
            analysis="chi_square",
            variant="2x2 without continuity correction",
            r=r_chisq(hand, correct=False),
            check=lambda: py_chisq(hand, correct=False),
            source="R MASS::survey (Sex x W.Hnd)",
            form="counts in words",
        ),
        Item(
            id="dev-survey-chisq-2",
            prompt=(
                "how often students exercise, by sex:\n"
                f"> table(survey$Sex, survey$Exer)\n{exer_print}\n"
                "Pearson's chi-square test of indepedence on this 2x3 table? X-squared, df and p"
            ),
            analysis="chi_square",
            variant="r x c (2x3) Pearson chi-square",
            r=r_chisq(exer, correct=False),
            check=lambda: py_chisq(exer, correct=False),
            source="R MASS::survey (Sex x Exer)",
            form="R table output",
        ),
        Item(
            id="dev-birthwt-chisq-1",
            prompt=(
                "Low birth weight (<2500 g) by maternal age band, Baystate 1986 births (n = 189):\n\n"
                "maternal age     ≤19   20-24   25-29   ≥30\n"
                f"low bw           {ages[1][0]:>3}   {ages[1][1]:>5}   {ages[1][2]:>5}   {ages[1][3]:>3}\n"
                f"normal bw        {ages[0][0]:>3}   {ages[0][1]:>5}   {ages[0][2]:>5}   {ages[0][3]:>3}\n\n"
                "chi-square test for association between age band and low birth weight (2 x 4), please give "
                "X², df, p."
            ),
            analysis="chi_square",
            variant="r x c (2x4) Pearson chi-square",
            r=r_chisq(ages, correct=False),
            check=lambda: py_chisq(ages, correct=False),
            source="R MASS::birthwt (low x age band)",
            form="range labels",
        ),
        Item(
            id="test-aids2-chisq-1",
            prompt=(
                "Australian AIDS cases (Aids2, diagnosed before July 1991): status at end of follow-up by age at "
                "diagnosis.\n\n"
                "| status | <30 y | 30-39 y | 40-49 y | 50+ y |\n|---|---|---|---|---|\n"
                f"| alive | {' | '.join(str(v) for v in aids[0])} |\n"
                f"| dead | {' | '.join(str(v) for v in aids[1])} |\n\n"
                "Pearson chi-squared test of independence across the four age groups please (X2, df, p-value)."
            ),
            analysis="chi_square",
            variant="r x c (2x4) Pearson chi-square",
            r=r_chisq(aids, correct=False),
            check=lambda: py_chisq(aids, correct=False),
            source="R MASS::Aids2 (status x age band)",
            form="range labels",
        ),
        Item(
            id="test-colon-chisq-1",
            prompt=(
                "Baseline check for the colon adjuvant trial (one row per patient, n = 929): age group by arm.\n\n"
                "arm         <50   50-59   60-69   70+   total\n"
                f"{colon_rows}\n"
                f"total    {colon_tot[0]:>7}{colon_tot[1]:>8}{colon_tot[2]:>8}{colon_tot[3]:>6}{sum(colon_tot):>8}\n\n"
                "I know randomisation makes this a bit silly but the reviewer wants it: chi square test of "
                "independence, arm x age group (3 x 4). Statistic, df, p."
            ),
            analysis="chi_square",
            variant="r x c (3x4) Pearson chi-square",
            r=r_chisq(colon, correct=False),
            check=lambda: py_chisq(colon, correct=False),
            source="R survival::colon (etype == 1, rx x age band)",
            form="table with totals",
        ),
        Item(
            id="test-melanoma-chisq-1",
            prompt=(
                "Melanoma series from Odense (205 patients, radical operation 1962-77). "
                f"{ulcer[1][1]} of the {sum(ulcer[1])} men had an ulcerated tumour vs {ulcer[0][1]} of the "
                f"{sum(ulcer[0])} women. Is ulceration associated with sex? 2x2 chi-square with Yates' correction, "
                "give the chi-sq, df and p"
            ),
            analysis="chi_square",
            variant="2x2 with Yates continuity correction",
            r=r_chisq(ulcer, correct=True),
            check=lambda: py_chisq(ulcer, correct=True),
            source="R MASS::Melanoma (sex x ulcer)",
            form="counts in words",
        ),
    ]


def py_fisher(table: Table) -> dict[str, float]:
    cond = stats.contingency.odds_ratio(np.array(table), kind="conditional")
    ci = cond.confidence_interval(0.95)
    p = stats.fisher_exact(np.array(table)).pvalue
    return {"p": p, "or": cond.statistic, "ci_low": ci.low, "ci_high": ci.high}


def r_fisher(table: Table, upper: bool = True) -> str:
    out = "res(p = f$p.value, or = f$estimate, ci_low = f$conf.int[1]" + (
        ", ci_high = f$conf.int[2])" if upper else ")"
    )
    return f"m <- {rmat(table)}\nf <- fisher.test(m)\n{out}"


def fisher_items() -> list[Item]:
    tea = [[3, 1], [1, 3]]  # Fisher's tea-tasting: rows truly milk first / tea first; columns guessed the same
    ht = [[7, 5], [52, 125]]  # birthwt: rows hypertension yes/no; columns low birth weight yes/no
    assert ht == counts(rframe("as.data.frame.matrix(table(-birthwt$ht, -birthwt$low))"))
    women = [[20, 3], [141, 4]]  # Titanic adult+child women: rows crew / 1st class; columns survived / died
    titanic = rframe("as.data.frame(apply(Titanic, c(1, 2, 4), sum))")
    assert [int(titanic.loc["Crew", "Female.Yes"]), int(titanic.loc["Crew", "Female.No"])] == women[0]
    assert [int(titanic.loc["1st", "Female.Yes"]), int(titanic.loc["1st", "Female.No"])] == women[1]
    pima = counts(rframe("with(head(Pima.tr, 30), as.data.frame.matrix(table(-(bmi >= 30), -(type == 'Yes'))))"))
    return [
        Item(
            id="dev-tea-fisher-1",
            prompt=(
                "Classic lady tasting tea: 8 cups, 4 with the milk poured first and 4 with the tea first. She "
                "called 3 of the 4 milk-first cups milk-first (and 1 of them tea-first), and called 1 of the 4 "
                "tea-first cups milk-first. Fisher's exact test, two-sided — p plus the odds ratio with its 95% CI "
                "as R's fisher.test gives them (conditional MLE)."
            ),
            analysis="fisher_exact",
            # the exact upper limit (~622) is left out: R's uniroot and scipy's solver differ by 0.7% out there
            variant="two-sided; conditional MLE odds ratio and the lower limit of its exact 95% CI",
            r=r_fisher(tea, upper=False),
            check=lambda: py_fisher(tea),
            check_tol=1e-3,  # R finds the CMLE and its CI with uniroot (tolerance ~1e-4); scipy solves tighter
            source="Fisher (1935), The Design of Experiments; R ?fisher.test",
            form="counts in words",
        ),
        Item(
            id="dev-birthwt-fisher-1",
            prompt=(
                "Small cell counts so chi-square is out. History of hypertension vs low birth weight:\n\n"
                "| | low birth weight | not low |\n|---|---|---|\n"
                f"| hypertension | {ht[0][0]} | {ht[0][1]} |\n| no hypertension | {ht[1][0]} | {ht[1][1]} |\n\n"
                "Fisher exact test (2-sided) please, and the conditional ML odds ratio (odds of low birth weight, "
                "hypertensive vs not) with the 95% CI"
            ),
            analysis="fisher_exact",
            variant="two-sided; conditional MLE odds ratio (hypertension vs not) with exact 95% CI",
            r=r_fisher(ht),
            check=lambda: py_fisher(ht),
            check_tol=1e-3,
            source="R MASS::birthwt (ht x low)",
            form="markdown table",
        ),
        Item(
            id="test-titanic-fisher-1",
            prompt=(
                "Titanic, women only (adults and girls together): of the 23 female crew 20 survived and 3 died; "
                "in first class 141 survived and 4 died.\n"
                "Fisher's exact test please (two-sided). Also the odds ratio for survival, crew relative to "
                "first class — the conditional maximum-likelihood one R reports — and its 95% CI."
            ),
            analysis="fisher_exact",
            variant="two-sided; conditional MLE odds ratio (crew vs 1st class) with exact 95% CI",
            r=r_fisher(women),
            check=lambda: py_fisher(women),
            check_tol=1e-3,
            source="R datasets::Titanic (women, crew vs 1st class)",
            form="counts in words",
        ),
        Item(
            id="test-pima-fisher-1",
            prompt=(
                "first 30 women of the Pima training data, BMI>=30 vs diabetes:\n\n"
                "              diabetic   not diabetic\n"
                f"BMI >= 30     {pima[0][0]:>8}   {pima[0][1]:>12}\n"
                f"BMI < 30      {pima[1][0]:>8}   {pima[1][1]:>12}\n\n"
                "fisher exact test, 2 sided, with the CMLE odds ratio (obese vs non-obese) + 95% conf int"
            ),
            analysis="fisher_exact",
            variant="two-sided; conditional MLE odds ratio (BMI>=30 vs <30) with exact 95% CI",
            r=r_fisher(pima),
            check=lambda: py_fisher(pima),
            check_tol=1e-3,
            source="R MASS::Pima.tr (first 30, bmi >= 30 x type)",
            form="table with labels",
        ),
    ]


def py_mcnemar(table: Table, exact: bool, correct: bool = True) -> dict[str, float]:
    from statsmodels.stats.contingency_tables import mcnemar

    r = mcnemar(np.array(table), exact=exact, correction=correct)
    if exact:
        return {"p": r.pvalue, "or": table[0][1] / table[1][0]}
    return {"chisq": r.statistic, "df": 1, "p": r.pvalue}


def r_mcnemar(table: Table, correct: bool, with_p: bool = True) -> str:
    out = (
        "res(chisq = x$statistic, df = x$parameter, p = x$p.value)"
        if with_p
        else ("res(chisq = x$statistic, df = x$parameter)")
    )
    return f"m <- {rmat(table)}\nx <- mcnemar.test(m, correct = {'TRUE' if correct else 'FALSE'})\n{out}"


def r_mcnemar_exact(table: Table) -> str:
    return (
        f"m <- {rmat(table)}\n"
        "# exact McNemar = binomial test on the discordant pairs; matched-pairs odds ratio = m[1, 2] / m[2, 1]\n"
        "b <- binom.test(m[1, 2], m[1, 2] + m[2, 1], p = 0.5)\nres(p = b$p.value, or = m[1, 2] / m[2, 1])"
    )


def infert_pairs(exposure: str, control: int) -> Table:
    """infert is 1:2 matched; pair each case with its first (or second) control; rows case +/-, columns control."""
    code = (
        "cases <- subset(infert, case == 1); ctrls <- subset(infert, case == 0)\n"
        f"ctl <- ctrls[{'!' if control == 1 else ''}duplicated(ctrls$stratum), ]\n"
        "m <- merge(cases, ctl, by = 'stratum', suffixes = c('.case', '.ctl'))\n"
        f"as.data.frame.matrix(table(-(m${exposure}.case > 0), -(m${exposure}.ctl > 0)))"
    )
    return counts(pd.read_csv(io.StringIO(r_session().run(f"write.csv(local({{{code}}}), stdout())")), index_col=0))


def mcnemar_items() -> list[Item]:
    induced = infert_pairs("induced", control=2)
    spont = infert_pairs("spontaneous", control=1)
    retino = counts(
        rframe(
            "local({w <- reshape(retinopathy[, c('id', 'trt', 'status')], idvar = 'id', timevar = 'trt', "
            "direction = 'wide'); h <- head(w, 40); as.data.frame.matrix(table(-h$status.1, -h$status.0))})"
        )
    )  # rows: treated eye blind / not; columns: control eye blind / not
    bact = rframe(
        "local({w <- reshape(bacteria[, c('ID', 'week', 'y')], idvar = 'ID', timevar = 'week', direction = 'wide'); w})"
    )
    both26 = bact.dropna(subset=["y.2", "y.6"])
    wk26 = [
        [int(((both26["y.2"] == a) & (both26["y.6"] == b)).sum()) for b in ("y", "n")] for a in ("y", "n")
    ]  # rows week 2 present/absent; columns week 6 present/absent
    both011 = bact.dropna(subset=["y.0", "y.11"])
    wk011 = [[int(((both011["y.0"] == a) & (both011["y.11"] == b)).sum()) for b in ("y", "n")] for a in ("y", "n")]
    return [
        Item(
            id="dev-infert-mcnemar-1",
            prompt=(
                "Matched case-control data on secondary infertility (infert, 1:2 matched on age, parity, "
                "education). I paired each case with her SECOND control only. Prior induced abortion(s):\n"
                f"- both case and control: {induced[0][0]}\n- case yes, control no: {induced[0][1]}\n"
                f"- case no, control yes: {induced[1][0]}\n- neither: {induced[1][1]}\n"
                "McNemar chi-square WITHOUT continuity correction please (statistic, df, p)."
            ),
            analysis="mcnemar",
            variant="chi-square without continuity correction",
            r=r_mcnemar(induced, correct=False),
            check=lambda: py_mcnemar(induced, exact=False, correct=False),
            source="R datasets::infert (case vs second control, induced > 0)",
            form="paired counts in words",
        ),
        Item(
            id="dev-infert-mcnemar-2",
            prompt=(
                "same infert pairs but now case vs FIRST matched control, exposure = any prior spontaneous "
                f"abortion. concordant exposed {spont[0][0]}, concordant unexposed {spont[1][1]}, case exposed "
                f"only {spont[0][1]}, control exposed only {spont[1][0]}. "
                "McNemar's test with the continuity correction (R default) — chi-sq and df"
            ),
            analysis="mcnemar",
            variant="chi-square with continuity correction",
            r=r_mcnemar(spont, correct=True, with_p=False),
            check=lambda: py_mcnemar(spont, exact=False, correct=True),
            source="R datasets::infert (case vs first control, spontaneous > 0)",
            form="paired counts in words",
        ),
        Item(
            id="dev-retinopathy-mcnemar-1",
            prompt=(
                "Diabetic Retinopathy Study, first 40 patients in the file: one eye got laser, the other eye "
                "was the control. Blindness (visual acuity < 5/200) during follow-up:\n\n"
                "                        control eye blind   control eye not\n"
                f"treated eye blind       {retino[0][0]:>17}   {retino[0][1]:>15}\n"
                f"treated eye not blind   {retino[1][0]:>17}   {retino[1][1]:>15}\n\n"
                "Exact McNemar test (binomial on the discordant pairs), two-sided p, and the matched-pairs odds "
                "ratio (treated-blind-only / control-blind-only)."
            ),
            analysis="mcnemar",
            variant="exact binomial p; matched OR = treated-only / control-only discordant",
            r=r_mcnemar_exact(retino),
            check=lambda: py_mcnemar(retino, exact=True),
            source="R survival::retinopathy (first 40 ids)",
            form="table with labels",
        ),
        Item(
            id="test-bacteria-mcnemar-1",
            prompt=(
                "H. influenzae presence in children with otitis media (Northern Territory trial), the kids with a "
                "swab at both week 2 and week 6: "
                f"positive at both visits {wk26[0][0]}, positive at wk2 only {wk26[0][1]}, positive at wk6 only "
                f"{wk26[1][0]}, negative both times {wk26[1][1]}.\n"
                "exact mcnemar (binomial) p-value please, 2-sided, plus the discordant-pair odds ratio "
                "(week-2-only over week-6-only)"
            ),
            analysis="mcnemar",
            variant="exact binomial p; matched OR = wk2-only / wk6-only discordant",
            r=r_mcnemar_exact(wk26),
            check=lambda: py_mcnemar(wk26, exact=True),
            source="R MASS::bacteria (weeks 2 and 6, complete pairs)",
            form="paired counts in words",
        ),
        Item(
            id="test-bacteria-mcnemar-2",
            prompt=(
                "Same otitis media swabs, baseline vs week 11 (kids with both):\n"
                "```\n             wk11 +   wk11 -\n"
                f"baseline +   {wk011[0][0]:>6}   {wk011[0][1]:>6}\n"
                f"baseline -   {wk011[1][0]:>6}   {wk011[1][1]:>6}\n```\n"
                "McNemar chi-squared with continuity correction, 2-sided: statistic, df, p"
            ),
            analysis="mcnemar",
            variant="chi-square with continuity correction",
            r=r_mcnemar(wk011, correct=True),
            check=lambda: py_mcnemar(wk011, exact=False, correct=True),
            source="R MASS::bacteria (weeks 0 and 11, complete pairs)",
            form="table with labels",
        ),
    ]


def py_2x2(table: Table, measure: str, level: float = 0.95) -> dict[str, float]:
    from statsmodels.stats.contingency_tables import Table2x2

    t = Table2x2(np.array(table, dtype=float))
    alpha = 1 - level
    if measure == "or":
        low, high = t.oddsratio_confint(alpha=alpha, method="normal")
        return {"or": t.oddsratio, "ci_low": low, "ci_high": high}
    low, high = t.riskratio_confint(alpha=alpha, method="normal")
    return {"rr": t.riskratio, "ci_low": low, "ci_high": high}


def r_or(table: Table, level: float = 0.95) -> str:
    (a, b), (c, d) = table
    return (
        f"a <- {a}; b <- {b}  # exposed: with outcome, without\nc <- {c}; d <- {d}  # unexposed: with, without\n"
        f"or <- (a * d) / (b * c)\nse <- sqrt(1 / a + 1 / b + 1 / c + 1 / d)  # Woolf\n"
        f"z <- qnorm(1 - (1 - {level}) / 2)\n"
        "res(or = or, ci_low = exp(log(or) - z * se), ci_high = exp(log(or) + z * se))"
    )


def r_rr(table: Table, level: float = 0.95) -> str:
    (a, b), (c, d) = table
    return (
        f"a <- {a}; b <- {b}  # exposed: with outcome, without\nc <- {c}; d <- {d}  # reference: with, without\n"
        "rr <- (a / (a + b)) / (c / (c + d))\nse <- sqrt(1 / a - 1 / (a + b) + 1 / c - 1 / (c + d))  # Katz log\n"
        f"z <- qnorm(1 - (1 - {level}) / 2)\n"
        "res(rr = rr, ci_low = exp(log(rr) - z * se), ci_high = exp(log(rr) + z * se))"
    )


def odds_ratio_items() -> list[Item]:
    smoke = counts(rframe("as.data.frame.matrix(table(-birthwt$smoke, -birthwt$low))"))  # smoker first, low first
    dollhill = [[647, 622], [2, 27]]  # rows smokers/non-smokers; columns lung-cancer cases/controls
    ucb_a = [[89, 19], [512, 313]]  # Dept A: rows women/men; columns admitted/rejected
    ucb_print = rprint("UCBAdmissions[, , 1]")
    third = [[76, 89], [75, 387]]  # Titanic 3rd-class adults: rows women/men; columns survived/died
    titanic = rframe("as.data.frame(Titanic)")
    adults3 = titanic[(titanic.Class == "3rd") & (titanic.Age == "Adult")]
    for row, sex in zip(third, ("Female", "Male"), strict=True):
        got = [int(adults3[(adults3.Sex == sex) & (adults3.Survived == s)].Freq.iloc[0]) for s in ("Yes", "No")]
        assert got == row
    pima = counts(rframe("as.data.frame.matrix(table(-(Pima.tr$bmi >= 30), -(Pima.tr$type == 'Yes')))"))
    ftv = counts(rframe("as.data.frame.matrix(table(-birthwt$low, pmin(birthwt$ftv, 2)))"))  # rows low, normal
    no_visit = [[ftv[0][0], ftv[1][0]], [ftv[0][1] + ftv[0][2], ftv[1][1] + ftv[1][2]]]  # 0 visits, >=1 visits
    return [
        Item(
            id="dev-birthwt-or-2",
            prompt=(
                "physician visits in the first trimester vs low birth weight (birthwt, all 189):\n\n"
                "visits        0     1    ≥2\n"
                f"low bw     {ftv[0][0]:>4}  {ftv[0][1]:>4}  {ftv[0][2]:>4}\n"
                f"normal bw  {ftv[1][0]:>4}  {ftv[1][1]:>4}  {ftv[1][2]:>4}\n\n"
                "Collapse to 0 vs ≥1 visits (pool the 1 and ≥2 columns) and give me the odds ratio of low birth "
                "weight for 0 visits relative to ≥1 visits, 95% CI by Woolf's method."
            ),
            analysis="odds_ratio",
            variant="OR 0 visits vs >=1 visits (pooled), Woolf log 95% CI",
            r=r_or(no_visit),
            check=lambda: py_2x2(no_visit, "or"),
            source="R MASS::birthwt (low x ftv)",
            form="range labels",
        ),
        Item(
            id="dev-birthwt-or-1",
            prompt=(
                "Smoking in pregnancy and low birth weight (Hosmer-Lemeshow birthwt, n=189)\n\n"
                "              low bw   normal   total\n"
                f"smoker        {smoke[0][0]:>6}   {smoke[0][1]:>6}   {sum(smoke[0]):>5}\n"
                f"non-smoker    {smoke[1][0]:>6}   {smoke[1][1]:>6}   {sum(smoke[1]):>5}\n"
                f"total         {smoke[0][0] + smoke[1][0]:>6}   {smoke[0][1] + smoke[1][1]:>6}   189\n\n"
                "odds ratio of low birth weight for smokers vs non-smokers with a 95% Woolf (log) CI please"
            ),
            analysis="odds_ratio",
            variant="OR smokers vs non-smokers, Woolf log 95% CI",
            r=r_or(smoke),
            check=lambda: py_2x2(smoke, "or"),
            source="R MASS::birthwt (smoke x low)",
            form="table with totals",
        ),
        Item(
            id="dev-dollhill-or-1",
            prompt=(
                "From Doll & Hill's 1950 BMJ case-control paper (men): 647 of the 649 lung-carcinoma patients were "
                "smokers, against 622 of the 649 matched controls. Can you get me the odds ratio — odds of being "
                "a smoker in cases vs controls (same as odds of cancer, smokers vs non-smokers) — with a 95% CI "
                "by Woolf's method?"
            ),
            analysis="odds_ratio",
            variant="OR cases vs controls (exposure odds), Woolf log 95% CI",
            r=r_or(dollhill),
            check=lambda: py_2x2(dollhill, "or"),
            source="Doll R, Hill AB. BMJ 1950;2:739 (men)",
            form="counts in words",
        ),
        Item(
            id="dev-ucb-or-1",
            prompt=(
                "Dept A admissions from UCBAdmissions:\n"
                f"> UCBAdmissions[, , 1]\n{ucb_print}\n"
                "What's the odds ratio of being admitted for women relative to men (men = reference)? Woolf CI but "
                "at 90% not 95%, please."
            ),
            analysis="odds_ratio",
            variant="OR women vs men (men reference), Woolf log 90% CI",
            r=r_or(ucb_a, level=0.90),
            check=lambda: py_2x2(ucb_a, "or", level=0.90),
            source="R datasets::UCBAdmissions (Dept A)",
            form="R table output",
        ),
        Item(
            id="test-titanic-or-1",
            prompt=(
                "Titanic third-class adult passengers: women — 76 survived, 89 died; men — 75 survived, 387 "
                "died. I need the odds ratio for survival comparing women with men (men as the reference group) "
                "plus the usual 95% CI on the log scale (Woolf)."
            ),
            analysis="odds_ratio",
            variant="OR women vs men (men reference), Woolf log 95% CI",
            r=r_or(third),
            check=lambda: py_2x2(third, "or"),
            source="R datasets::Titanic (3rd class adults)",
            form="counts in words",
        ),
        Item(
            id="test-pima-or-1",
            prompt=(
                "| | diabetes | no diabetes | total |\n|---|---|---|---|\n"
                f"| BMI ≥30 | {pima[0][0]} | {pima[0][1]} | {sum(pima[0])} |\n"
                f"| BMI <30 | {pima[1][0]} | {pima[1][1]} | {sum(pima[1])} |\n"
                f"| total | {pima[0][0] + pima[1][0]} | {pima[0][1] + pima[1][1]} | 200 |\n\n"
                "Pima women, training set. OR for diabetes, obese (BMI ≥30) vs not, 95% Woolf confidence interval."
            ),
            analysis="odds_ratio",
            variant="OR BMI>=30 vs <30, Woolf log 95% CI",
            r=r_or(pima),
            check=lambda: py_2x2(pima, "or"),
            source="R MASS::Pima.tr (bmi >= 30 x type)",
            form="table with totals",
        ),
    ]


def relative_risk_items() -> list[Item]:
    phs = [[139, 11037 - 139], [239, 11034 - 239]]  # aspirin, placebo: MI yes / no
    salk = [[57, 200745 - 57], [142, 201229 - 142]]  # vaccine, placebo: polio yes / no
    isis = [[791, 8592 - 791], [1029, 8595 - 1029]]  # streptokinase, placebo: vascular death yes / no
    women = [[106, 90], [4, 141]]  # Titanic women: 3rd class, 1st class: died / survived
    titanic = rframe("as.data.frame(apply(Titanic, c(1, 2, 4), sum))")
    assert [int(titanic.loc["3rd", "Female.No"]), int(titanic.loc["3rd", "Female.Yes"])] == women[0]
    assert [int(titanic.loc["1st", "Female.No"]), int(titanic.loc["1st", "Female.Yes"])] == women[1]
    mel = counts(
        rframe("as.data.frame.matrix(table(-(Melanoma$status == 1), cut(Melanoma$thickness, c(0, 1, 2, 4, 99))))")
    )
    thick = [[mel[0][3], mel[1][3]], [mel[0][0], mel[1][0]]]  # >4 mm, <=1 mm: died of melanoma / not
    return [
        Item(
            id="test-melanoma-rr-1",
            prompt=(
                "Odense melanoma series, tumour thickness vs death from melanoma during follow-up:\n\n"
                "| thickness | ≤1 mm | 1.01–2 mm | 2.01–4 mm | >4 mm |\n|---|---|---|---|---|\n"
                f"| died of melanoma | {' | '.join(str(v) for v in mel[0])} |\n"
                f"| alive or died of other causes | {' | '.join(str(v) for v in mel[1])} |\n\n"
                "Relative risk of melanoma death for >4 mm compared with ≤1 mm (≤1 mm = reference), with 95% CI "
                "(log method). Ignore the middle two bands."
            ),
            analysis="relative_risk",
            variant="RR >4 mm vs <=1 mm, Katz log 95% CI",
            r=r_rr(thick),
            check=lambda: py_2x2(thick, "rr"),
            source="R MASS::Melanoma (thickness band x death from melanoma)",
            form="range labels",
        ),
        Item(
            id="dev-phs-rr-1",
            prompt=(
                "Physicians' Health Study aspirin component (NEJM 1989): myocardial infarction in 139 of 11,037 "
                "physicians on aspirin vs 239 of 11,034 on placebo.\n"
                "Relative risk of MI, aspirin vs placebo (placebo = reference), with a 95% CI (log method). "
                "thanks 🙏"
            ),
            analysis="relative_risk",
            variant="RR aspirin vs placebo, Katz log 95% CI",
            r=r_rr(phs),
            check=lambda: py_2x2(phs, "rr"),
            source="Steering Committee of the Physicians' Health Study Research Group. NEJM 1989;321:129",
            form="counts in words",
        ),
        Item(
            id="dev-salk-rr-1",
            prompt=(
                "Salk vaccine field trial 1954, the randomized placebo-controlled areas (Francis report):\n\n"
                "| group | children | polio cases |\n|---|---|---|\n"
                "| vaccinated | 200,745 | 57 |\n| placebo | 201,229 | 142 |\n\n"
                "risk ratio (vaccine relative to placebo) and its 95% confidence interval, please."
            ),
            analysis="relative_risk",
            variant="RR vaccine vs placebo, Katz log 95% CI",
            r=r_rr(salk),
            check=lambda: py_2x2(salk, "rr"),
            source="Francis T Jr. et al. (1955), Salk vaccine field trial; Freedman, Pisani & Purves, Statistics",
            form="markdown table",
        ),
        Item(
            id="test-isis2-rr-1",
            prompt=(
                "ISIS-2 (Lancet 1988) 5-week vascular mortality, streptokinase vs placebo infusion: 791/8592 "
                "deaths with SK and 1029/8595 with placebo. Relative risk SK:placebo with 95% CI (log scale) pls"
            ),
            analysis="relative_risk",
            variant="RR streptokinase vs placebo, Katz log 95% CI",
            r=r_rr(isis),
            check=lambda: py_2x2(isis, "rr"),
            source="ISIS-2 Collaborative Group. Lancet 1988;2:349",
            form="counts in words",
        ),
        Item(
            id="test-titanic-rr-1",
            prompt=(
                "Risk of dying on the Titanic among female passengers, 3rd vs 1st class:\n"
                "```\n            died  survived\n3rd class    106        90\n1st class      4       141\n```\n"
                "(1st class is the reference.) risk ratio + 95% CI please"
            ),
            analysis="relative_risk",
            variant="RR of death 3rd vs 1st class, Katz log 95% CI",
            r=r_rr(women),
            check=lambda: py_2x2(women, "rr"),
            source="R datasets::Titanic (women, 1st and 3rd class)",
            form="table with labels",
        ),
    ]


# ---------------------------------------------------------------------------------------------------------------
# Correlation and regression


def py_pearson(x: Sequence[float], y: Sequence[float]) -> dict[str, float]:
    r = stats.pearsonr(x, y)
    ci = r.confidence_interval(0.95)
    return {"r": r.statistic, "p": r.pvalue, "ci_low": ci.low, "ci_high": ci.high}


R_PEARSON = (
    "ct <- cor.test(x, y)\nres(r = ct$estimate, p = ct$p.value, ci_low = ct$conf.int[1], ci_high = ct$conf.int[2])"
)
R_PEARSON_NO_P = "ct <- cor.test(x, y)\nres(r = ct$estimate, ci_low = ct$conf.int[1], ci_high = ct$conf.int[2])"


def exact_spearman_p(x: Sequence[float], y: Sequence[float]) -> float:
    """Two-sided exact permutation p for Spearman's rho (no ties), as R's cor.test computes for n <= 9."""
    rx, ry = stats.rankdata(x), stats.rankdata(y)
    n = len(rx)
    observed = float(np.sum((rx - ry) ** 2))
    perms = np.array(list(itertools.permutations(range(1, n + 1))), dtype=float)
    s = np.sum((perms - ry) ** 2, axis=1)
    s_mid = n * (n * n - 1) / 6  # S under rho = 0
    tail = np.mean(s <= observed + 1e-9) if observed <= s_mid else np.mean(s >= observed - 1e-9)
    return float(min(1.0, 2 * tail))


def py_spearman(x: Sequence[float], y: Sequence[float], exact: bool) -> dict[str, float]:
    r = stats.spearmanr(x, y)
    p = exact_spearman_p(x, y) if exact else r.pvalue
    return {"rho": r.statistic, "p": p}


def py_kendall(x: Sequence[float], y: Sequence[float]) -> dict[str, float]:
    """tau-b with the tie-corrected normal approximation (R's cor.test with exact = FALSE)."""
    result = stats.kendalltau(x, y, method="asymptotic")
    return {"tau": result.statistic, "p": result.pvalue}


def correlation_items() -> list[Item]:
    mt = rframe("mtcars")
    wt, qsec = col(mt, "wt"), col(mt, "qsec")
    an = rframe("subset(anorexia, Treat == 'Cont')")
    pre, post = col(an, "Prewt"), col(an, "Postwt")
    tr = rframe("trees")
    girth, height = col(tr, "Girth"), col(tr, "Height")
    cf = rframe("subset(cats, Sex == 'F')")
    bwt, hwt = col(cf, "Bwt"), col(cf, "Hwt")
    cats_rows = "\n".join(f"{num(b)} kg -> {num(h)} g" for b, h in zip(bwt, hwt, strict=True))
    return [
        Item(
            id="dev-mtcars-pearson-1",
            prompt=(
                "(weight in 1000 lb, quarter-mile time in s) for the 32 mtcars models:\n"
                + ", ".join(f"({num(a)}, {num(b)})" for a, b in zip(wt, qsec, strict=True))
                + "\nPearson correlation between weight and 1/4 mile time — r, 95% CI and p please"
            ),
            analysis="pearson_correlation",
            variant="Pearson r, two-sided p, Fisher-z 95% CI",
            r=f"x <- {rvec(wt)}\ny <- {rvec(qsec)}\n{R_PEARSON}",
            check=lambda: py_pearson(wt, qsec),
            source="R datasets::mtcars (wt, qsec)",
            form="(x, y) pairs",
        ),
        Item(
            id="dev-anorexia-pearson-1",
            prompt=(
                "control arm of the anorexia study (26 girls), body weight lb before and after the study period\n"
                f"before: {spaces(pre)}\n"
                f"after:  {spaces(post)}\n"
                "is post-weight correlated with pre-weight? Pearson r with 95% CI + p-value"
            ),
            analysis="pearson_correlation",
            variant="Pearson r, two-sided p, Fisher-z 95% CI",
            r=f"x <- {rvec(pre)}\ny <- {rvec(post)}\n{R_PEARSON}",
            check=lambda: py_pearson(pre, post),
            source="R MASS::anorexia (Treat == 'Cont')",
            form="aligned x/y rows",
        ),
        Item(
            id="test-trees-pearson-1",
            prompt=(
                "31 black cherry trees.\n"
                f"x (diameter at 4.5 ft, in): {spaces(girth)}\n"
                f"y (height, ft): {spaces(height)}\n"
                "Pearson's product-moment correlation of x and y: estimate, 95 percent CI, two-sided p."
            ),
            analysis="pearson_correlation",
            variant="Pearson r, two-sided p, Fisher-z 95% CI",
            r=f"x <- {rvec(girth)}\ny <- {rvec(height)}\n{R_PEARSON}",
            check=lambda: py_pearson(girth, height),
            source="R datasets::trees (Girth, Height)",
            form="aligned x/y rows",
        ),
        Item(
            id="test-cats-pearson-1",
            prompt=(
                "Female cats, body weight -> heart weight:\n" + cats_rows + "\n"
                "correlation (Pearson) between body and heart weight, with a 95% confidence interval"
            ),
            analysis="pearson_correlation",
            variant="Pearson r with Fisher-z 95% CI (p < 0.001 left out)",
            r=f"x <- {rvec(bwt)}\ny <- {rvec(hwt)}\n{R_PEARSON_NO_P}",
            check=lambda: py_pearson(bwt, hwt),
            source="R MASS::cats (females)",
            form="x->y pairs",
        ),
    ]


def spearman_items() -> list[Item]:
    aq = rframe("subset(airquality, Month == 9 & !is.na(Ozone))")
    ozone, wind = col(aq, "Ozone"), col(aq, "Wind")
    aq_rows = "\n".join(f"{d:>2} Sep   {int(o):>3}   {w:>4}" for d, o, w in zip(aq.Day, ozone, wind, strict=True))
    ft = rframe("head(subset(anorexia, Treat == 'FT'), 8)")
    ft_pre, ft_post = col(ft, "Prewt"), col(ft, "Postwt")
    assert untied(ft_pre) and untied(ft_post)
    pt = rframe("head(Pima.te, 9)")
    glu, bmi = col(pt, "glu"), col(pt, "bmi")
    assert untied(glu) and untied(bmi)
    pr = rframe("head(Pima.tr, 30)")
    age, npreg = col(pr, "age"), col(pr, "npreg")
    exact = "ct <- cor.test(x, y, method = 'spearman', exact = TRUE)\nres(rho = ct$estimate, p = ct$p.value)"
    approx = "ct <- cor.test(x, y, method = 'spearman', exact = FALSE)\nres(rho = ct$estimate, p = ct$p.value)"
    return [
        Item(
            id="dev-airquality-spearman-1",
            prompt=(
                "September 1973 NYC air quality, days with ozone measured:\n"
                "day      ozone(ppb)  wind(mph)\n" + aq_rows + "\n"
                "Spearman rank correlation between ozone and wind? there are ties so the p from the t "
                "approximation is fine (exact = FALSE)"
            ),
            analysis="spearman_correlation",
            variant="Spearman rho, two-sided p by t approximation (ties)",
            r=f"x <- {rvec(ozone)}\ny <- {rvec(wind)}\n{approx}",
            check=lambda: py_spearman(ozone, wind, exact=False),
            source="R datasets::airquality (September, non-missing Ozone)",
            form="aligned columns",
        ),
        Item(
            id="dev-anorexia-spearman-1",
            prompt=(
                "8 family-therapy patients, weight (lb) pre -> post:\n"
                + "\n".join(f"{num(a)} -> {num(b)}" for a, b in zip(ft_pre, ft_post, strict=True))
                + "\nSpearman's rho between pre and post weight with the EXACT permutation p-value (n is tiny, no ties)"
            ),
            analysis="spearman_correlation",
            variant="Spearman rho, exact two-sided p (no ties)",
            r=f"x <- {rvec(ft_pre)}\ny <- {rvec(ft_post)}\n{exact}",
            check=lambda: py_spearman(ft_pre, ft_post, exact=True),
            source="R MASS::anorexia (first 8 FT patients)",
            form="x->y pairs",
        ),
        Item(
            id="test-pima-spearman-1",
            prompt=(
                "glucose,bmi\n"
                + "\n".join(f"{num(a)},{num(b)}" for a, b in zip(glu, bmi, strict=True))
                + "\n\n9 women from the Pima test file. rank correlation (Spearman) between plasma glucose and BMI, "
                "exact p since there are no ties"
            ),
            analysis="spearman_correlation",
            variant="Spearman rho, exact two-sided p (no ties)",
            r=f"x <- {rvec(glu)}\ny <- {rvec(bmi)}\n{exact}",
            check=lambda: py_spearman(glu, bmi, exact=True),
            source="R MASS::Pima.te (first 9)",
            form="csv block",
        ),
        Item(
            id="test-pima-spearman-2",
            prompt=(
                "Age (years) and number of pregnancies, first 30 women in Pima.tr —\n"
                f"age   = {rvec(age)}\nnpreg = {rvec(npreg)}\n"
                "Spearman correlaton, asymptotic t-approximation p (lots of ties in npreg). rho + pval?"
            ),
            analysis="spearman_correlation",
            variant="Spearman rho, two-sided p by t approximation (ties)",
            r=f"x <- {rvec(age)}\ny <- {rvec(npreg)}\n{approx}",
            check=lambda: py_spearman(age, npreg, exact=False),
            source="R MASS::Pima.tr (first 30)",
            form="dput vectors",
        ),
    ]


def py_lm(x: Sequence[float], y: Sequence[float]) -> dict[str, float]:
    r = stats.linregress(x, y)
    return {"slope": r.slope, "intercept": r.intercept, "se_slope": r.stderr, "r2": r.rvalue**2, "p": r.pvalue}


R_LM = (
    "fit <- lm(y ~ x)\ns <- summary(fit)$coefficients\n"
    'res(slope = s["x", 1], intercept = s["(Intercept)", 1], se_slope = s["x", 2], r2 = summary(fit)$r.squared'
)


def linear_regression_items() -> list[Item]:
    wm = rframe("women")
    height, weight = col(wm, "height"), col(wm, "weight")
    cars = rframe("head(cars, 20)")
    speed, dist = col(cars, "speed"), col(cars, "dist")
    aq = rframe("subset(airquality, Month == 5 & !is.na(Ozone))")
    temp, ozone = col(aq, "Temp"), col(aq, "Ozone")
    tr = rframe("trees")
    girth, volume = col(tr, "Girth"), col(tr, "Volume")
    tr_rows = "\n".join(f"{i + 1:>4}  {g:>6}  {v:>6}" for i, (g, v) in enumerate(zip(girth, volume, strict=True)))
    cm = rframe("head(subset(cats, Sex == 'M'), 20)")
    cbwt, chwt = col(cm, "Bwt"), col(cm, "Hwt")
    return [
        Item(
            id="dev-women-lm-1",
            prompt=(
                "average weights for American women aged 30-39 by height:\n"
                + "; ".join(f"{num(h)} in → {num(w)} lb" for h, w in zip(height, weight, strict=True))
                + "\nsimple linear regression of weight on height — slope, intercept, SE of the slope and R^2"
            ),
            analysis="linear_regression",
            variant="OLS weight ~ height: slope, intercept, SE(slope), R^2",
            r=f"x <- {rvec(height)}\ny <- {rvec(weight)}\n{R_LM})",
            check=lambda: py_lm(height, weight),
            source="R datasets::women",
            form="x->y pairs",
        ),
        Item(
            id="dev-cars-lm-1",
            prompt=(
                "Stopping distance data from the 1920s (Ezekiel), first 20 cars:\n"
                "speed_mph,dist_ft\n"
                + "\n".join(f"{num(s)},{num(d)}" for s, d in zip(speed, dist, strict=True))
                + "\nRegress dist on speed (OLS, one predictor). Slope + SE, intercept, R-squared."
            ),
            analysis="linear_regression",
            variant="OLS dist ~ speed: slope, intercept, SE(slope), R^2",
            r=f"x <- {rvec(speed)}\ny <- {rvec(dist)}\n{R_LM})",
            check=lambda: py_lm(speed, dist),
            source="R datasets::cars (first 20)",
            form="csv block",
        ),
        Item(
            id="dev-airquality-lm-1",
            prompt=(
                "May 1973, NYC (26 days with ozone data), max temperature °F x and ozone ppb y:\n"
                f"x: {' '.join(num(v) for v in temp)}\n"
                f"y: {' '.join(num(v) for v in ozone)}\n"
                "Linear regression y on x please: slope, intercept, std error of slope, R² and the p for the slope"
            ),
            analysis="linear_regression",
            variant="OLS ozone ~ temp: slope, intercept, SE(slope), R^2, slope p",
            r=f"x <- {rvec(temp)}\ny <- {rvec(ozone)}\n{R_LM}, p = s['x', 4])",
            check=lambda: py_lm(temp, ozone),
            source="R datasets::airquality (May, non-missing Ozone)",
            form="aligned x/y rows",
        ),
        Item(
            id="test-trees-lm-1",
            prompt=(
                "tree  girth   volume\n" + tr_rows + "\n"
                "(girth in inches, volume in cubic feet.) Fit volume = a + b*girth by least squares and report "
                "b, its standard error, a and R2."
            ),
            analysis="linear_regression",
            variant="OLS volume ~ girth: slope, intercept, SE(slope), R^2",
            r=f"x <- {rvec(girth)}\ny <- {rvec(volume)}\n{R_LM})",
            check=lambda: py_lm(girth, volume),
            source="R datasets::trees (Girth, Volume)",
            form="aligned columns",
        ),
        Item(
            id="test-cats-lm-1",
            prompt=(
                "Bwt_kg\tHwt_g\n"
                + "\n".join(f"{num(b)}\t{num(h)}" for b, h in zip(cbwt, chwt, strict=True))
                + "\n\nfirst 20 male cats — can u run a simple linear regression, heart weight (outcome) on body "
                "weight? need the slope, its SE and p, intercept, r squared"
            ),
            analysis="linear_regression",
            variant="OLS Hwt ~ Bwt: slope, intercept, SE(slope), R^2, slope p",
            r=f"x <- {rvec(cbwt)}\ny <- {rvec(chwt)}\n{R_LM}, p = s['x', 4])",
            check=lambda: py_lm(cbwt, chwt),
            source="R MASS::cats (first 20 males)",
            form="tsv spreadsheet paste",
        ),
    ]


def py_logit(x: Sequence[float], y: Sequence[float]) -> dict[str, float]:
    import statsmodels.api as sm

    fit = sm.Logit(np.asarray(y, dtype=float), sm.add_constant(np.asarray(x, dtype=float))).fit(disp=0, tol=1e-12)
    return {"coef": fit.params[1], "or_per_unit": math.exp(fit.params[1]), "se": fit.bse[1], "p": fit.pvalues[1]}


R_LOGIT = (
    "# tighter than glm's default epsilon = 1e-8, which leaves the Wald p ~1e-3 (relative) short of convergence\n"
    "fit <- glm(y ~ x, family = binomial, control = glm.control(epsilon = 1e-14, maxit = 100))\n"
    "s <- summary(fit)$coefficients\n"
    "res(coef = s['x', 1], or_per_unit = exp(s['x', 1]), se = s['x', 2], p = s['x', 4])"
)


def logistic_items() -> list[Item]:
    import statsmodels.api as sm

    mt = rframe("mtcars")
    wt, am = col(mt, "wt"), col(mt, "am")
    mt_rows = "\n".join(f"{name},{num(w)},{int(a)}" for name, w, a in zip(mt.index, wt, am, strict=True))
    spector = sm.datasets.spector.load_pandas().data
    gpa, grade = [float(v) for v in spector.GPA], [float(v) for v in spector.GRADE]
    bw = rframe("birthwt")
    lwt, low = col(bw, "lwt"), col(bw, "low")
    pima = rframe("head(Pima.tr, 60)")
    pbmi, ptype = col(pima, "bmi"), [1.0 if t == "Yes" else 0.0 for t in pima.type]
    pima_print = rprint('head(Pima.tr, 60)[, c("bmi", "type")]')
    return [
        Item(
            id="dev-mtcars-logit-1",
            prompt=(
                "car,wt,am\n" + mt_rows + "\n"
                "(wt = weight in 1000 lbs, am = 1 manual / 0 automatic). Logistic regression of am on wt, just "
                "the one predictor: coefficient for wt, odds ratio per 1000 lb, SE and the Wald p please"
            ),
            analysis="logistic_regression",
            variant="logit(am) ~ wt: coefficient, OR per 1000 lb, SE, Wald p",
            r=f"x <- {rvec(wt)}\ny <- {rvec(am)}\n{R_LOGIT}",
            check=lambda: py_logit(wt, am),
            check_tol=1e-5,
            source="R datasets::mtcars (am, wt)",
            form="csv block",
        ),
        Item(
            id="dev-spector-logit-1",
            prompt=(
                "Spector & Mazzeo (1980) teaching data, 32 students: entering GPA and whether the final grade "
                "improved (1 = yes).\n"
                "GPA\tGRADE\n" + "\n".join(f"{g:.2f}\t{int(y)}" for g, y in zip(gpa, grade, strict=True)) + "\n"
                "Simple logistic regression GRADE ~ GPA please (ignore the PSI/TUCE variables for now): beta, "
                "OR per 1 GPA point, SE, Wald p-value."
            ),
            analysis="logistic_regression",
            variant="logit(GRADE) ~ GPA: coefficient, OR per GPA point, SE, Wald p",
            r=f"x <- {rvec(gpa)}\ny <- {rvec(grade)}\n{R_LOGIT}",
            check=lambda: py_logit(gpa, grade),
            check_tol=1e-5,
            source="statsmodels.datasets.spector",
            form="tsv spreadsheet paste",
        ),
        Item(
            id="test-birthwt-logit-1",
            prompt=(
                "Does mother's weight predict low birth weight? All 189 births, pairs of (lwt in lb, low 0/1):\n"
                + " ".join(f"({num(a)},{num(b)})" for a, b in zip(lwt, low, strict=True))
                + "\nunivariable logistic regression of low on lwt: log-odds coefficient per lb, the odds ratio "
                "per lb, standard error and the Wald p"
            ),
            analysis="logistic_regression",
            variant="logit(low) ~ lwt: coefficient, OR per lb, SE, Wald p",
            r=f"x <- {rvec(lwt)}\ny <- {rvec(low)}\n{R_LOGIT}",
            check=lambda: py_logit(lwt, low),
            check_tol=1e-5,
            source="R MASS::birthwt (low, lwt)",
            form="(x, y) pairs",
        ),
        Item(
            id="test-pima-logit-1",
            prompt=(
                "first 60 rows of Pima.tr as R prints them (just bmi and type):\n"
                f"{pima_print}\n"
                "logistic regression, diabetes (type == Yes) on BMI only. coefficient, OR per 1 kg/m2, SE, p (Wald)"
            ),
            analysis="logistic_regression",
            variant="logit(type == Yes) ~ bmi: coefficient, OR per kg/m^2, SE, Wald p",
            r=f"x <- {rvec(pbmi)}\ny <- {rvec(ptype)}\n{R_LOGIT}",
            check=lambda: py_logit(pbmi, ptype),
            check_tol=1e-5,
            source="R MASS::Pima.tr (first 60)",
            form="R print output",
        ),
    ]


# ---------------------------------------------------------------------------------------------------------------
# Survival: Kaplan-Meier, log-rank, Cox


def py_km(t: Sequence[float], e: Sequence[int], at: float | None = None) -> dict[str, float]:
    from lifelines import KaplanMeierFitter

    km = KaplanMeierFitter().fit(t, e)
    out = {"median": float(km.median_survival_time_)}
    if at is not None:
        out[f"surv_{num(at)}"] = float(km.survival_function_at_times(at).iloc[0])
    return out


def r_km(t: Sequence[float], e: Sequence[int], at: float) -> str:
    return (
        f"time <- {rvec(t)}\nevent <- {rvec(e)}\nfit <- survfit(Surv(time, event) ~ 1)\n"
        f'res(median = summary(fit)$table["median"], surv_{num(at)} = summary(fit, times = {num(at)})$surv)'
    )


def py_logrank(t: Sequence[float], e: Sequence[int], g: Sequence[str]) -> dict[str, float]:
    from lifelines.statistics import multivariate_logrank_test

    r = multivariate_logrank_test(np.asarray(t), np.asarray(g), np.asarray(e))
    return {"chisq": r.test_statistic, "df": r.degrees_of_freedom, "p": r.p_value}


def r_logrank(t: Sequence[float], e: Sequence[int], g: Sequence[str]) -> str:
    groups = ", ".join(f'"{v}"' for v in g)
    return (
        f"time <- {rvec(t)}\nevent <- {rvec(e)}\ngroup <- c({groups})\n"
        "sd <- survdiff(Surv(time, event) ~ group)\nk <- length(sd$n) - 1\n"
        "res(chisq = sd$chisq, df = k, p = pchisq(sd$chisq, k, lower.tail = FALSE))"
    )


def py_cox(t: Sequence[float], e: Sequence[int], x: Sequence[int]) -> dict[str, float]:
    from lifelines import CoxPHFitter

    frame = pd.DataFrame({"t": t, "e": e, "x": x})
    fit = CoxPHFitter().fit(frame, "t", "e", fit_options={"precision": 1e-12})  # Efron ties, as R's coxph
    ci = fit.confidence_intervals_.loc["x"]
    return {
        "hr": float(fit.hazard_ratios_["x"]),
        "ci_low": math.exp(ci.iloc[0]),
        "ci_high": math.exp(ci.iloc[1]),
        "p": float(fit.summary.loc["x", "p"]),
    }


def r_cox(t: Sequence[float], e: Sequence[int], x: Sequence[int], with_p: bool = True) -> str:
    out = "res(hr = s$conf.int[1, 1], ci_low = s$conf.int[1, 3], ci_high = s$conf.int[1, 4]"
    return (
        f"time <- {rvec(t)}\nevent <- {rvec(e)}\nx <- {rvec(x)}  # 1 = the group asked about, 0 = reference\n"
        "fit <- coxph(Surv(time, event) ~ x)  # ties = 'efron' is R's default\ns <- summary(fit)\n"
        + out
        + (", p = s$coefficients[1, 5])" if with_p else ")")
    )


def kaplan_meier_items() -> list[Item]:
    aml = rframe("subset(aml, x == 'Maintained')")
    at, ae = col(aml, "time"), [int(v) for v in aml.status]
    lung = rframe("head(lung, 35)")
    lt, ls = col(lung, "time"), [int(v) for v in lung.status]
    lung_csv = "\n".join(f"{int(a)},{int(b)},{int(c)}" for a, b, c in zip(lung.inst.fillna(0), lt, ls, strict=True))
    ov = rframe("ovarian")
    ot, oe = col(ov, "futime"), [int(v) for v in ov.fustat]
    vet = rframe("subset(veteran, trt == 1 & celltype == 'squamous')")
    vt, ve = col(vet, "time"), [int(v) for v in vet.status]
    kid = rframe("subset(kidney[!duplicated(kidney$id), ], sex == 2)")  # first catheter, female patients
    xt, xe = col(kid, "time"), [int(v) for v in kid.status]
    died = ", ".join(num(t) for t, e in zip(xt, xe, strict=True) if e)
    cens = ", ".join(num(t) for t, e in zip(xt, xe, strict=True) if not e)
    return [
        Item(
            id="dev-aml-km-1",
            prompt=(
                "AML maintenance chemo group (weeks to relapse, + = censored): "
                f"{plus(at, ae)}\n"
                "Kaplan-Meir please — median remission duration and the KM estimate at 24 weeks"
            ),
            analysis="kaplan_meier",
            variant="KM median and S(24)",
            r=r_km(at, ae, 24),
            check=lambda: py_km(at, ae, 24),
            source="R survival::aml (Maintained)",
            form="plus-censoring lists",
        ),
        Item(
            id="dev-lung-km-1",
            prompt=(
                "NCCTG advanced lung cancer cohort, first 35 patients. status is R's coding: 1 = censored, "
                "2 = dead. time in days. first column is the institution code, ignore it\n"
                "inst,time,status\n" + lung_csv + "\n"
                "KM curve: what's the median survival and the 1-year (365 d) survival probability?"
            ),
            analysis="kaplan_meier",
            variant="KM median and S(365), status 1 = censored / 2 = dead",
            r=r_km(lt, [s - 1 for s in ls], 365),
            check=lambda: py_km(lt, [s - 1 for s in ls], 365),
            source="R survival::lung (first 35 rows)",
            form="time/status R 1-2 coding",
        ),
        Item(
            id="dev-ovarian-km-1",
            prompt=(
                "Ovarian cancer trial (Edmonson et al.), 26 women, (days, status) with status 1 = died, 0 = "
                "censored:\n"
                + ", ".join(f"({num(t)}, {e})" for t, e in zip(ot, oe, strict=True))
                + "\nboth arms pooled. Kaplan Meier median survival, and S(t) at 2 years (730 days)?"
            ),
            analysis="kaplan_meier",
            variant="KM median and S(730), both arms pooled",
            r=r_km(ot, oe, 730),
            check=lambda: py_km(ot, oe, 730),
            source="R survival::ovarian",
            form="(time, status) tuples",
        ),
        Item(
            id="test-veteran-km-1",
            prompt=(
                "VA lung cancer trial, standard-chemo arm, squamous cell only. status coded the R way "
                "(1 = censored, 2 = dead):\n"
                "days  status\n"
                + "\n".join(f"{int(t):>4}  {e + 1:>6}" for t, e in zip(vt, ve, strict=True))
                + "\n\nKM estimate: median survival time and survival at day 100 please"
            ),
            analysis="kaplan_meier",
            variant="KM median and S(100), status 1 = censored / 2 = dead",
            r=r_km(vt, ve, 100),
            check=lambda: py_km(vt, ve, 100),
            source="R survival::veteran (trt 1, squamous)",
            form="time/status R 1-2 coding",
        ),
        Item(
            id="test-kidney-km-1",
            prompt=(
                "Kidney dialysis patients (McGilchrist & Aisbett 1991), women only, first catheter: days from "
                f"insertion to infection at the catheter site. Infected at: {died}. Censored (catheter removed "
                f"for other reasons) at: {cens}.\n"
                "Kaplan–Meier please: median infection-free time and the KM estimate at 100 days."
            ),
            analysis="kaplan_meier",
            variant="KM median and S(100)",
            r=r_km(xt, xe, 100),
            check=lambda: py_km(xt, xe, 100),
            source="R survival::kidney (first catheter per patient, sex == 2)",
            form="died/censored lists",
        ),
    ]


def log_rank_items() -> list[Item]:
    aml = rframe("aml")
    am_t, am_e = col(aml, "time"), [int(v) for v in aml.status]
    am_g = ["maintained" if x == "Maintained" else "not maintained" for x in aml.x]

    def lists(arm: str, events: int) -> str:
        return ", ".join(num(t) for t, e, g in zip(am_t, am_e, am_g, strict=True) if g == arm and e == events)

    ov = rframe("ovarian")
    ov_t, ov_e, ov_g = col(ov, "futime"), [int(v) for v in ov.fustat], [f"rx{int(v)}" for v in ov.rx]
    ov_csv = "\n".join(f"{int(t)},{e},{int(r)},{int(a)}" for t, e, r, a in zip(ov_t, ov_e, ov.rx, ov.age, strict=True))
    lung = rframe("subset(head(lung, 60), !is.na(ph.ecog) & ph.ecog <= 2)")
    lu_t, lu_s, lu_g = col(lung, "time"), [int(v) for v in lung.status], [f"ecog{int(v)}" for v in lung["ph.ecog"]]
    lu_tsv = "\n".join(f"{int(t)}\t{s}\t{int(g)}" for t, s, g in zip(lu_t, lu_s, lung["ph.ecog"], strict=True))
    vet = rframe("subset(veteran, celltype == 'large')")
    ve_t, ve_e, ve_g = (
        col(vet, "time"),
        [int(v) for v in vet.status],
        ["standard" if v == 1 else "test" for v in vet.trt],
    )
    from lifelines.datasets import load_gbsg2, load_lymphoma

    gb = load_gbsg2()
    gb = pd.concat([gb[gb.tgrade == g].head(20) for g in ("I", "II", "III")])
    gb_t, gb_e, gb_g = [float(v) for v in gb.time], [int(v) for v in gb.cens], [str(v) for v in gb.tgrade]
    ly = load_lymphoma()
    ly_t, ly_e, ly_g = [float(v) for v in ly.Time], [int(v) for v in ly.Censor], [f"s{v}" for v in ly.Stage_group]
    ly_by = {
        s: plus(
            [t for t, g in zip(ly_t, ly_g, strict=True) if g == s],
            [e for e, g in zip(ly_e, ly_g, strict=True) if g == s],
        )
        for s in ("s1", "s2")
    }
    return [
        Item(
            id="dev-aml-logrank-1",
            prompt=(
                "AML remission data (Embury 1977), weeks.\n"
                f"Maintenance chemo arm — relapsed at {lists('maintained', 1)}; censored at "
                f"{lists('maintained', 0)}.\n"
                f"No maintenance — relapsed at {lists('not maintained', 1)}; censored at "
                f"{lists('not maintained', 0)}.\n"
                "Log-rank test between the two arms please: chi-square, df, p"
            ),
            analysis="log_rank",
            variant="two groups, log-rank chi-square (survdiff, rho = 0)",
            r=r_logrank(am_t, am_e, am_g),
            check=lambda: py_logrank(am_t, am_e, am_g),
            source="R survival::aml",
            form="died/censored lists",
        ),
        Item(
            id="dev-ovarian-logrank-1",
            prompt=(
                "```\nfutime,fustat,rx,age\n" + ov_csv + "\n```\n"
                "ovarian ca trial: futime days, fustat 1=dead 0=censored, rx = treatment arm (1 or 2). "
                "log rank test rx 1 vs rx 2? (age not needed here)"
            ),
            analysis="log_rank",
            variant="two groups, log-rank chi-square (survdiff, rho = 0)",
            r=r_logrank(ov_t, ov_e, ov_g),
            check=lambda: py_logrank(ov_t, ov_e, ov_g),
            source="R survival::ovarian",
            form="csv block",
        ),
        Item(
            id="dev-lung-logrank-1",
            prompt=(
                "Does survival differ by ECOG performance score (0, 1, 2)? NCCTG lung data, patients from the "
                "first 60 rows with ECOG 0-2. status uses R's coding (1 = censored, 2 = died); days.\n"
                "time\tstatus\tecog\n" + lu_tsv + "\n"
                "Log-rank test across the three ECOG groups: chisq, df, p-value."
            ),
            analysis="log_rank",
            variant="three groups, log-rank chi-square (survdiff), df = 2",
            r=r_logrank(lu_t, [s - 1 for s in lu_s], lu_g),
            check=lambda: py_logrank(lu_t, [s - 1 for s in lu_s], lu_g),
            source="R survival::lung (first 60 rows, ph.ecog 0-2)",
            form="time/status R 1-2 coding",
        ),
        Item(
            id="test-veteran-logrank-1",
            prompt=(
                "Veterans' Administration lung cancer trial, large-cell tumours only. (days, died?) per patient:\n"
                "standard: "
                + " ".join(f"({int(t)},{e})" for t, e, g in zip(ve_t, ve_e, ve_g, strict=True) if g == "standard")
                + "\ntest chemo: "
                + " ".join(f"({int(t)},{e})" for t, e, g in zip(ve_t, ve_e, ve_g, strict=True) if g == "test")
                + "\n(1 = died, 0 = censored). Please compare the arms with a log-rank test, chi2 + df + p"
            ),
            analysis="log_rank",
            variant="two groups, log-rank chi-square (survdiff, rho = 0)",
            r=r_logrank(ve_t, ve_e, ve_g),
            check=lambda: py_logrank(ve_t, ve_e, ve_g),
            source="R survival::veteran (celltype large)",
            form="(time, status) tuples",
        ),
        Item(
            id="test-gbsg2-logrank-1",
            prompt=(
                "German Breast Cancer Study Group 2, recurrence-free survival in days, first 20 patients of each "
                "tumour grade; + marks censored.\n"
                + "\n".join(
                    f"grade {g}: "
                    + plus(
                        [t for t, x in zip(gb_t, gb_g, strict=True) if x == g],
                        [e for e, x in zip(gb_e, gb_g, strict=True) if x == g],
                        sep=" ",
                    )
                    for g in ("I", "II", "III")
                )
                + "\nk-sample logrank test across the 3 grades — statistic, df and p"
            ),
            analysis="log_rank",
            variant="three groups, log-rank chi-square (survdiff), df = 2",
            r=r_logrank(gb_t, gb_e, gb_g),
            check=lambda: py_logrank(gb_t, gb_e, gb_g),
            source="lifelines.datasets.load_gbsg2 (first 20 per tgrade)",
            form="plus-censoring lists",
        ),
        Item(
            id="test-lymphoma-logrank-1",
            prompt=(
                "Lymphoma patients (StatsDirect log-rank example), survival times by stage group, '+' = censored:\n"
                f"stage group 1: {ly_by['s1']}\n\n"
                f"stage group 2: {ly_by['s2']}\n\n"
                "Log-rank, group 1 vs group 2. I need the chi-square statistic and p."
            ),
            analysis="log_rank",
            variant="two groups, log-rank chi-square (survdiff, rho = 0)",
            r=r_logrank(ly_t, ly_e, ly_g),
            check=lambda: py_logrank(ly_t, ly_e, ly_g),
            source="lifelines.datasets.load_lymphoma",
            form="plus-censoring lists",
        ),
    ]


def cox_items() -> list[Item]:
    ov = rframe("ovarian")
    ov_t, ov_e, ov_x = col(ov, "futime"), [int(v) for v in ov.fustat], [int(v == 2) for v in ov.rx]
    arm = {
        r: plus(
            [t for t, x in zip(ov_t, ov_x, strict=True) if x == r],
            [e for e, x in zip(ov_e, ov_x, strict=True) if x == r],
        )
        for r in (0, 1)
    }
    lung = rframe("head(lung, 50)")
    lu_t, lu_s, lu_x = col(lung, "time"), [int(v) for v in lung.status], [int(v == 2) for v in lung.sex]
    lung_print = rprint("head(lung, 50)[, c('time', 'status', 'sex')]")
    from lifelines.datasets import load_g3, load_leukemia, load_waltons

    wa = load_waltons()
    wa = pd.concat([wa[wa.group == "control"].iloc[::12].head(10), wa[wa.group == "miR-137"].iloc[::3].head(10)])
    wa_t, wa_e, wa_x = [float(v) for v in wa["T"]], [int(v) for v in wa.E], [int(g == "miR-137") for g in wa.group]
    wa_lists = {
        (x, e): ", ".join(num(t) for t, ee, xx in zip(wa_t, wa_e, wa_x, strict=True) if xx == x and ee == e) or "none"
        for x in (0, 1)
        for e in (0, 1)
    }
    leuk = load_leukemia()
    le_t, le_e, le_x = [float(v) for v in leuk.t], [int(v) for v in leuk.status], [int(v) for v in leuk.Rx]
    g3 = load_g3()
    g3_t, g3_e, g3_x = [float(v) for v in g3.time], [int(v) for v in g3.event], [int(v == "RIT") for v in g3.group]
    return [
        Item(
            id="dev-ovarian-cox-1",
            prompt=(
                "ovarian trial, survival in days (+ = censored)\n"
                f"arm 1: {arm[0]}\n"
                f"arm 2: {arm[1]}\n"
                "Cox PH model with treatment arm as the only covariate — HR for arm 2 relative to arm 1 (arm 1 = "
                "reference), 95% CI and Wald pval. Default Efron ties is fine."
            ),
            analysis="cox_regression",
            variant="HR arm 2 vs arm 1, 95% CI, Wald p, Efron ties",
            r=r_cox(ov_t, ov_e, ov_x),
            check=lambda: py_cox(ov_t, ov_e, ov_x),
            check_tol=1e-5,
            source="R survival::ovarian",
            form="plus-censoring lists",
        ),
        Item(
            id="dev-lung-cox-1",
            prompt=(
                "From R (first 50 patients of the NCCTG lung data):\n"
                f"{lung_print}\n"
                "status: 1 = censored, 2 = dead. sex: 1 = male, 2 = female. Can you fit coxph(Surv(time, status) "
                "~ sex) and give me the hazard ratio for women vs men (men = reference) with 95% CI and the p?"
            ),
            analysis="cox_regression",
            variant="HR female vs male, 95% CI, Wald p, Efron ties; status 1 = censored / 2 = dead",
            r=r_cox(lu_t, [s - 1 for s in lu_s], lu_x),
            check=lambda: py_cox(lu_t, [s - 1 for s in lu_s], lu_x),
            check_tol=1e-5,
            source="R survival::lung (first 50 rows)",
            form="R print output",
        ),
        Item(
            id="dev-waltons-cox-1",
            prompt=(
                "fly lifespan experiment (lifelines' Waltons data), days, 10 flies per group (every 12th control "
                "and every 3rd miR-137 fly from the sheet).\n"
                f"control: died on days {wa_lists[(0, 1)]}; censored (alive at the end): {wa_lists[(0, 0)]}\n"
                f"miR-137: died on days {wa_lists[(1, 1)]}; censored (alive at the end): {wa_lists[(1, 0)]}\n"
                "HR miR-137 vs control from a Cox model with group only, 95% CI, p value"
            ),
            analysis="cox_regression",
            variant="HR miR-137 vs control, 95% CI, Wald p, Efron ties",
            r=r_cox(wa_t, wa_e, wa_x),
            check=lambda: py_cox(wa_t, wa_e, wa_x),
            check_tol=1e-5,
            source="lifelines.datasets.load_waltons (every 12th control, every 3rd miR-137; 10 each)",
            form="died/censored lists",
        ),
        Item(
            id="test-leukemia-cox-1",
            prompt=(
                "Freireich et al. 1963 remission-maintenance trial, 42 children with acute leukaemia, weeks in "
                "remission.\n"
                "6-MP: "
                + plus(
                    [t for t, x in zip(le_t, le_x, strict=True) if x == 0],
                    [e for e, x in zip(le_e, le_x, strict=True) if x == 0],
                )
                + "\nplacebo: "
                + plus(
                    [t for t, x in zip(le_t, le_x, strict=True) if x == 1],
                    [e for e, x in zip(le_e, le_x, strict=True) if x == 1],
                )
                + "\n(+ = still in remission at last follow-up.) Cox regression, treatment only: hazard ratio of "
                "relapse for placebo relative to 6-MP and 95% CI (Efron)."
            ),
            analysis="cox_regression",
            variant="HR placebo vs 6-MP, 95% CI, Efron ties (p < 0.001 left out)",
            r=r_cox(le_t, le_e, le_x, with_p=False),
            check=lambda: py_cox(le_t, le_e, le_x),
            check_tol=1e-5,
            source="lifelines.datasets.load_leukemia (Freireich 6-MP trial)",
            form="plus-censoring lists",
        ),
        Item(
            id="test-g3-cox-1",
            prompt=(
                "grade 3 glioma pilot, 17 pts: months to event, event yes/no, arm (RIT = radioimmunotherapy, "
                "Control = standard)\n\n"
                + "\n".join(
                    f"{num(t):>3} mo   {'event' if e else 'censored':<8}   {'RIT' if x else 'Control'}"
                    for t, e, x in zip(g3_t, g3_e, g3_x, strict=True)
                )
                + "\n\nunivariable Cox model: HR for RIT with Control as reference, with CI (95%) and Wald p"
            ),
            analysis="cox_regression",
            variant="HR RIT vs Control, 95% CI, Wald p, Efron ties",
            r=r_cox(g3_t, g3_e, g3_x),
            check=lambda: py_cox(g3_t, g3_e, g3_x),
            check_tol=1e-5,
            source="lifelines.datasets.load_g3",
            form="time/status columns",
        ),
    ]


# ---------------------------------------------------------------------------------------------------------------
# Design: sample size and power (R's power.t.test / power.prop.test, strict = FALSE)


def t_power(n: float, delta: float, sd: float, alpha: float) -> float:
    """power.t.test's two-sample, two-sided power (it ignores the far rejection tail)."""
    df = 2 * (n - 1)
    ncp = math.sqrt(n / 2) * delta / sd
    return float(stats.nct.sf(stats.t.ppf(1 - alpha / 2, df), df, ncp))


def prop_power(n: float, p1: float, p2: float, alpha: float) -> float:
    """power.prop.test's two-sided power."""
    z = stats.norm.ppf(1 - alpha / 2)
    pooled = math.sqrt((p1 + p2) * (2 - p1 - p2) / 2)
    spread = math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    return float(stats.norm.cdf((math.sqrt(n) * abs(p1 - p2) - z * pooled) / spread))


def solve_n(power: Callable[[float], float], target: float) -> dict[str, float]:
    from scipy.optimize import brentq

    n = brentq(lambda m: power(m) - target, 2, 1e7, xtol=1e-10)
    return {"n_exact": n, "n_per_group": math.ceil(n)}


def r_n_t(delta: float, sd: float, power: float, alpha: float) -> str:
    return (
        f"pw <- power.t.test(delta = {num(delta)}, sd = {num(sd)}, power = {num(power)}, sig.level = {num(alpha)}, "
        'type = "two.sample", alternative = "two.sided")\nres(n_exact = pw$n, n_per_group = ceiling(pw$n))'
    )


def r_n_prop(p1: float, p2: float, power: float, alpha: float) -> str:
    return (
        f"pw <- power.prop.test(p1 = {num(p1)}, p2 = {num(p2)}, power = {num(power)}, sig.level = {num(alpha)})\n"
        "res(n_exact = pw$n, n_per_group = ceiling(pw$n))"
    )


def r_power_t(ns: Sequence[int], delta: float, sd: float, alpha: float) -> str:
    parts = ", ".join(
        f"power_n{n} = power.t.test(n = {n}, delta = {num(delta)}, sd = {num(sd)}, sig.level = {num(alpha)})$power"
        for n in ns
    )
    return f"res({parts})"


def design_items() -> list[Item]:
    n_check = 1e-5  # R's uniroot stops within ~1e-4 of the root
    return [
        Item(
            id="dev-ss-t-1",
            prompt=(
                "Planning a two-arm RCT, primary outcome continuous. We're powering for a standardized effect "
                "size (Cohen's d) of 0.5. 80% power, two-sided alpha = 0.05, two-sample t-test, equal allocation. "
                "How many per group?"
            ),
            analysis="sample_size_t_test",
            variant="two-sample t, d = 0.5, power 0.80, alpha 0.05 two-sided",
            r=r_n_t(0.5, 1, 0.8, 0.05),
            check=lambda: solve_n(lambda n: t_power(n, 0.5, 1, 0.05), 0.8),
            check_tol=n_check,
            source="design question",
            form="design numbers in prose",
        ),
        Item(
            id="dev-ss-t-2",
            prompt=(
                "hi! grant due friday 😅 we want to detect a 10 mmHg difference in systolic BP between the two "
                "arms at 12 weeks. From our 2019 pilot (n = 23) the SD within a group is about 18 mmHg. 90% power, "
                "alpha of 5% two-sided, 2-sample t-test. n per arm?"
            ),
            analysis="sample_size_t_test",
            variant="two-sample t, delta 10, SD 18, power 0.90, alpha 0.05 two-sided",
            r=r_n_t(10, 18, 0.9, 0.05),
            check=lambda: solve_n(lambda n: t_power(n, 10, 18, 0.05), 0.9),
            check_tol=n_check,
            source="design question",
            form="design numbers in prose",
        ),
        Item(
            id="dev-power-t-1",
            prompt=(
                "We can only get 20 mice per group (maybe 30 if the second cohort arrives). Expected difference in "
                "tumour volume 1.5 (log-mm3 units), SD 2. What's the power of a two-sided two-sample t test at "
                "alpha 0.05 with 20 per group, and with 30 per group?"
            ),
            analysis="power_t_test",
            variant="two-sample t power, delta 1.5, SD 2, alpha 0.05 two-sided, n = 20 and 30 per group",
            r=r_power_t((20, 30), 1.5, 2, 0.05),
            check=lambda: {f"power_n{n}": t_power(n, 1.5, 2, 0.05) for n in (20, 30)},
            source="design question",
            form="design numbers in prose",
        ),
        Item(
            id="dev-power-t-2",
            prompt=(
                "quick power calc: two-sample t-test, n = 15 per group, true difference = 1 SD (d = 1), "
                "alpha .05 two-sided. Also for n = 10 per group pls"
            ),
            analysis="power_t_test",
            variant="two-sample t power, d = 1, alpha 0.05 two-sided, n = 15 and 10 per group",
            r=r_power_t((15, 10), 1, 1, 0.05),
            check=lambda: {f"power_n{n}": t_power(n, 1, 1, 0.05) for n in (15, 10)},
            source="design question",
            form="design numbers in prose",
        ),
        Item(
            id="dev-ss-prop-1",
            prompt=(
                "Sample size for comparing two proportions: we expect 30% response on standard care and hope for "
                "15%... sorry, other way round: 15% on standard care, 30% on the new regimen. 80% power, two-sided "
                "5% significance. Per-arm n like R's power.prop.test gives?"
            ),
            analysis="sample_size_two_proportions",
            variant="power.prop.test p1 0.15, p2 0.30, power 0.80, alpha 0.05 two-sided",
            r=r_n_prop(0.15, 0.30, 0.8, 0.05),
            check=lambda: solve_n(lambda n: prop_power(n, 0.15, 0.30, 0.05), 0.8),
            check_tol=n_check,
            source="design question",
            form="design numbers in prose",
        ),
        Item(
            id="dev-ss-prop-2",
            prompt=(
                "Phase II, 2 arms. Control success rate ~60%, we'd like to detect an improvement to 75%. Power "
                "90%, α = 0.05 (2-sided). How many patients per arm for a two-proportion comparison?"
            ),
            analysis="sample_size_two_proportions",
            variant="power.prop.test p1 0.60, p2 0.75, power 0.90, alpha 0.05 two-sided",
            r=r_n_prop(0.60, 0.75, 0.9, 0.05),
            check=lambda: solve_n(lambda n: prop_power(n, 0.60, 0.75, 0.05), 0.9),
            check_tol=n_check,
            source="design question",
            form="design numbers in prose",
        ),
        Item(
            id="test-ss-t-1",
            prompt=(
                "For the resubmission the reviewers want alpha = 0.01 (two-sided). Standardised difference we "
                "care about is 0.8 SD, and we want 85% power. Two independent groups, t-test, 1:1. Required n "
                "in each group?"
            ),
            analysis="sample_size_t_test",
            variant="two-sample t, d = 0.8, power 0.85, alpha 0.01 two-sided",
            r=r_n_t(0.8, 1, 0.85, 0.01),
            check=lambda: solve_n(lambda n: t_power(n, 0.8, 1, 0.01), 0.85),
            check_tol=n_check,
            source="design question",
            form="design numbers in prose",
        ),
        Item(
            id="test-ss-t-2",
            prompt=(
                "Weight-loss study, 6 months. Clinically relevant difference between diet arms: 2.5 kg. Published "
                "SD of 6-month weight change is around 5.8 kg. Two-sample t-test, 2-sided alpha 0.05, power 0.8. "
                "How many participants per arm (before dropout inflation)?"
            ),
            analysis="sample_size_t_test",
            variant="two-sample t, delta 2.5, SD 5.8, power 0.80, alpha 0.05 two-sided",
            r=r_n_t(2.5, 5.8, 0.8, 0.05),
            check=lambda: solve_n(lambda n: t_power(n, 2.5, 5.8, 0.05), 0.8),
            check_tol=n_check,
            source="design question",
            form="design numbers in prose",
        ),
        Item(
            id="test-power-t-1",
            prompt=(
                "Retrospective power question (I know, I know): 30 patients per arm, we assumed a mean "
                "difference of 4 points on the HAM-D with SD 7. Two-sided two-sample t test at the 5% level — what "
                "power did that give? and what if it had been 45 per arm?"
            ),
            analysis="power_t_test",
            variant="two-sample t power, delta 4, SD 7, alpha 0.05 two-sided, n = 30 and 45 per group",
            r=r_power_t((30, 45), 4, 7, 0.05),
            check=lambda: {f"power_n{n}": t_power(n, 4, 7, 0.05) for n in (30, 45)},
            source="design question",
            form="design numbers in prose",
        ),
        Item(
            id="test-ss-prop-1",
            prompt=(
                "Infection rate after surgery is about 12% with the current dressing; the new one might halve it "
                "(6%). How many patients per group for 80% power at two-sided alpha 0.05, comparing two "
                "proportions (power.prop.test style, no continuity correction)?"
            ),
            analysis="sample_size_two_proportions",
            variant="power.prop.test p1 0.12, p2 0.06, power 0.80, alpha 0.05 two-sided",
            r=r_n_prop(0.12, 0.06, 0.8, 0.05),
            check=lambda: solve_n(lambda n: prop_power(n, 0.12, 0.06, 0.05), 0.8),
            check_tol=n_check,
            source="design question",
            form="design numbers in prose",
        ),
    ]


# ---------------------------------------------------------------------------------------------------------------
# p-value adjustment


def py_adjust(pvals: dict[str, float], method: str) -> dict[str, float]:
    from statsmodels.stats.multitest import multipletests

    sm_method = {"bonferroni": "bonferroni", "holm": "holm", "BH": "fdr_bh"}[method]
    adjusted = multipletests(list(pvals.values()), method=sm_method)[1]
    return dict(zip(pvals, (float(v) for v in adjusted), strict=True))


def r_adjust(pvals: dict[str, float], method: str) -> str:
    labels = ", ".join(f"`{k}` = {num(v)}" for k, v in pvals.items())
    return f'p <- c({labels})\nadj <- p.adjust(p, method = "{method}")\ndo.call(res, as.list(adj))'


def p_adjust_items() -> list[Item]:
    bonf = {"IL6": 0.004, "CRP": 0.019, "TNF": 0.032, "IL10": 0.41}
    holm = {"a": 0.012, "b": 0.03, "c": 0.2, "d": 0.0041, "e": 0.049}
    bh = {"week 4": 0.021, "week 8": 0.0088, "week 12": 0.047, "week 24": 0.33, "week 52": 0.012}
    t_holm = {"FEV1": 0.0072, "FVC": 0.021, "PEF": 0.068, "DLCO": 0.0135}
    t_bh = {"gene1": 0.0031, "gene2": 0.024, "gene3": 0.018, "gene4": 0.12, "gene5": 0.0047}
    return [
        Item(
            id="dev-padj-bonf-1",
            prompt=(
                "4 secondary biomarkers from the trial, raw p-values: IL6 p = 0.004, CRP p = 0.019, "
                "TNF p = 0.032, IL10 p = 0.41. Bonferroni-adjusted p's please (capped at 1)"
            ),
            analysis="p_adjust",
            variant="Bonferroni",
            r=r_adjust(bonf, "bonferroni"),
            check=lambda: py_adjust(bonf, "bonferroni"),
            source="made-up p-values",
            form="labelled p-values",
        ),
        Item(
            id="dev-padj-holm-1",
            prompt="a p = 0.012; b p = 0.03; c p = 0.2; d p=0.0041; e p = 0.049\nholm adjustment?",
            analysis="p_adjust",
            variant="Holm",
            r=r_adjust(holm, "holm"),
            check=lambda: py_adjust(holm, "holm"),
            source="made-up p-values",
            form="labelled p-values",
        ),
        Item(
            id="dev-padj-bh-1",
            prompt=(
                "Treatment-vs-control p values at each visit:\n"
                "week 4: 0.021\nweek 8: 0.0088\nweek 12: 0.047\nweek 24: 0.33\nweek 52: 0.012\n"
                "Control the FDR with Benjamini-Hochberg — give me the BH-adjusted p-values, same order"
            ),
            analysis="p_adjust",
            variant="Benjamini-Hochberg",
            r=r_adjust(bh, "BH"),
            check=lambda: py_adjust(bh, "BH"),
            source="made-up p-values",
            form="labelled p-values",
        ),
        Item(
            id="test-padj-holm-1",
            prompt=(
                "Spirometry outcomes, 2 arms (n = 23 patients each), unadjusted:\n"
                "| outcome | p |\n|---|---|\n| FEV1 | 0.0072 |\n| FVC | 0.021 |\n| PEF | 0.068 |\n| DLCO | 0.0135 |\n"
                "Holm–Bonferroni step-down adjusted p-values please."
            ),
            analysis="p_adjust",
            variant="Holm",
            r=r_adjust(t_holm, "holm"),
            check=lambda: py_adjust(t_holm, "holm"),
            source="made-up p-values",
            form="labelled p-values",
        ),
        Item(
            id="test-padj-bh-1",
            prompt=(
                "five candidate genes from the qPCR panel — gene1 .0031, gene2 .024, gene3 .018, gene4 .12, "
                "gene5 .0047. need Benjamini–Hochberg (FDR) adjusted values, in that order"
            ),
            analysis="p_adjust",
            variant="Benjamini-Hochberg",
            r=r_adjust(t_bh, "BH"),
            check=lambda: py_adjust(t_bh, "BH"),
            source="made-up p-values",
            form="labelled p-values",
        ),
    ]


# ---------------------------------------------------------------------------------------------------------------
# Must-decline requests: an analysis no recipe covers, data that cannot support the named test, inconsistent
# or cut-off data. A correct assistant says it cannot, and why; it must not run a nearby supported test instead.


def unsupported_dev() -> list[Item]:
    mt = rframe("head(mtcars, 10)")
    rounding = [
        [5.40, 5.50, 5.55],
        [5.85, 5.70, 5.75],
        [5.20, 5.60, 5.50],
        [5.55, 5.50, 5.40],
        [5.90, 5.85, 5.70],
        [5.45, 5.55, 5.60],
        [5.40, 5.40, 5.35],
        [5.45, 5.50, 5.35],
        [5.25, 5.15, 5.00],
        [5.85, 5.80, 5.70],
    ]  # R ?friedman.test RoundingTimes (Hollander & Wolfe), first 10 players
    tg = rframe("subset(ToothGrowth, dose < 2)")
    ins = rframe("InsectSprays")
    bw = rframe("birthwt[seq(1, 189, by = 6), ]")
    pg = rframe("PlantGrowth")
    lung = rframe("head(lung, 25)")
    return [
        Item(
            id="dev-mtcars-kendall-1",
            prompt=(
                "horsepower vs fuel economy for the first 10 cars in mtcars:\n"
                + "\n".join(
                    f"{name}: {int(h)} hp, {num(m)} mpg" for name, h, m in zip(mt.index, mt.hp, mt.mpg, strict=True)
                )
                + "\nPlease compute Kendall's tau-b (with its p-value) between hp and mpg — not Spearman, our "
                "protocol specifies Kendall because of the ties."
            ),
            analysis="kendall_tau",
            variant="tau-b, two-sided p by the normal approximation (ties)",
            r=(
                f"x <- {rvec(col(mt, 'hp'))}\ny <- {rvec(col(mt, 'mpg'))}\n"
                "k <- cor.test(x, y, method = 'kendall', exact = FALSE)\nres(tau = k$estimate, p = k$p.value)"
            ),
            check=lambda: py_kendall(col(mt, "hp"), col(mt, "mpg")),
            source="R datasets::mtcars (first 10)",
            form="labelled lists",
        ),
        Item(
            id="dev-decline-friedman-1",
            prompt=(
                "Base-running times (s) for 10 players, each tried all three methods (round out, narrow angle, "
                "wide angle):\n"
                "player  round  narrow  wide\n"
                + "\n".join(f"{i + 1:>6}  {a:.2f}   {b:.2f}   {c:.2f}" for i, (a, b, c) in enumerate(rounding))
                + "\nFriedman test please (players are blocks)."
            ),
            analysis="friedman",
            why=(
                "the Friedman test (blocked, repeated measures) is not supported; "
                "Kruskal-Wallis would ignore the blocking"
            ),
            mentions=("friedman",),
            source="Hollander & Wolfe (1973) RoundingTimes, R ?friedman.test",
            form="aligned columns",
        ),
        Item(
            id="dev-decline-twoway-1",
            prompt=(
                "len,supp,dose\n"
                + "\n".join(f"{num(r.len)},{r.supp},{num(r.dose)}" for r in tg.itertuples())
                + "\nTwo-way ANOVA of len on supp and dose (dose as a factor) WITH the supp:dose interaction — F "
                "tests for both main effects and the interaction please"
            ),
            analysis="two_way_anova",
            why=(
                "two-way ANOVA with an interaction is not a supported analysis; "
                "a one-way ANOVA would answer a different question"
            ),
            mentions=("two-way", "two way", "interaction"),
            source="R datasets::ToothGrowth (doses 0.5 and 1)",
            form="csv block",
        ),
        Item(
            id="dev-decline-poisson-1",
            prompt=(
                "Insect counts per plot:\n"
                f"spray A: {commas(col(ins[ins.spray == 'A'], 'count'))}\n"
                f"spray C: {commas(col(ins[ins.spray == 'C'], 'count'))}\n"
                "Fit a Poisson regression (log link) of count on spray and give me the rate ratio for C vs A "
                "with its 95% CI."
            ),
            analysis="poisson_regression",
            why="Poisson regression is not supported; a t-test or Mann-Whitney would not give a rate ratio",
            mentions=("poisson",),
            source="R datasets::InsectSprays (A, C)",
            form="labelled lists",
        ),
        Item(
            id="dev-decline-kappa-1",
            prompt=(
                "Two radiologists read the same 85 chest films (normal / abnormal). Both normal: 41; both abnormal: "
                "27; only reader 1 said abnormal: 6; only reader 2 said abnormal: 11.\n"
                "What's Cohen's kappa for inter-rater agreement, with a 95% CI?"
            ),
            analysis="cohen_kappa",
            why="Cohen's kappa is not supported; McNemar tests marginal homogeneity, not agreement",
            mentions=("kappa",),
            source="illustrative reader-agreement counts",
            form="paired counts in words",
        ),
        Item(
            id="dev-decline-roc-1",
            prompt=(
                "mother's weight (lb) / low birth weight (1 = yes), every 6th birth in the birthwt file:\n"
                + ", ".join(f"{int(a)}/{int(b)}" for a, b in zip(bw.lwt, bw.low, strict=True))
                + "\nhow well does lwt discriminate? I need the ROC curve AUC (c-statistic) with a DeLong CI"
            ),
            analysis="roc_auc",
            why="ROC/AUC is not among the supported analyses",
            mentions=("roc", "auc", "area under"),
            source="R MASS::birthwt (every 6th row)",
            form="x->y pairs",
        ),
        Item(
            id="dev-decline-cmh-1",
            prompt=(
                "Berkeley admissions by department (admitted / rejected):\n"
                "dept  men adm  men rej  women adm  women rej\n"
                "A        512      313        89         19\nB        353      207        17          8\n"
                "C        120      205       202        391\nD        138      279       131        244\n"
                "E         53      138        94        299\nF         22      351        24        317\n"
                "Cochran-Mantel-Haenszel test of gender vs admission stratified by department, and the MH "
                "common odds ratio please."
            ),
            analysis="cochran_mantel_haenszel",
            why="the stratified CMH test / Mantel-Haenszel OR is not supported; a pooled chi-square ignores the strata "
            "(Simpson's paradox here)",
            mentions=("mantel", "cmh", "stratif"),
            source="R datasets::UCBAdmissions",
            form="table with labels",
        ),
        Item(
            id="dev-decline-levene-1",
            prompt=(
                "Before the ANOVA I want to check homogeneity of variance. Plant weights:\n"
                f"ctrl {spaces(col(pg[pg.group == 'ctrl'], 'weight'), '.2f')}\n"
                f"trt1 {spaces(col(pg[pg.group == 'trt1'], 'weight'), '.2f')}\n"
                f"trt2 {spaces(col(pg[pg.group == 'trt2'], 'weight'), '.2f')}\n"
                "Levene's test (median-centred, Brown-Forsythe) please."
            ),
            analysis="levene",
            why="Levene's/Brown-Forsythe test is not supported",
            mentions=("levene", "brown-forsythe"),
            source="R datasets::PlantGrowth",
            form="labelled lists",
        ),
        Item(
            id="dev-decline-ss-logrank-1",
            prompt=(
                "Sample size for a phase III survival trial: control median OS 12 months, we hope for HR = 0.70. "
                "Accrual over 24 months, 12 months additional follow-up, 80% power, two-sided alpha 0.05, log-rank "
                "test. How many events and how many patients do we need?"
            ),
            analysis="sample_size_log_rank",
            why="sample size for a survival (log-rank) design is not supported; the two-sample t or proportion "
            "formulas do not apply",
            mentions=("log-rank", "survival", "events"),
            source="design question",
            form="design numbers in prose",
        ),
        Item(
            id="dev-decline-multicox-1",
            prompt=(
                "NCCTG lung, first 25 patients (status 1 = censored, 2 = dead; sex 1 = M, 2 = F):\n"
                "time status age sex\n"
                + "\n".join(f"{int(r.time)} {int(r.status)} {int(r.age)} {int(r.sex)}" for r in lung.itertuples())
                + "\nPlease fit coxph(Surv(time, status) ~ age + sex) and give the adjusted HR for sex and for "
                "age (per year), with CIs."
            ),
            analysis="cox_regression_multivariable",
            why="only a Cox model with a single group covariate is supported; this asks for two covariates (age + sex)",
            mentions=("multivariable", "covariates", "adjusted"),
            source="R survival::lung (first 25 rows)",
            form="aligned columns",
        ),
    ]


def insufficient_dev() -> list[Item]:
    aml = rframe("subset(aml, x == 'Maintained')")
    sl = rframe("sleep")
    drug1, drug2 = col(sl[sl.group == 1], "extra"), col(sl[sl.group == 2], "extra")
    pg = rframe("PlantGrowth")
    ctrl, trt1 = col(pg[pg.group == "ctrl"], "weight"), col(pg[pg.group == "trt1"], "weight")
    ins = rframe("InsectSprays")
    d = col(ins[ins.spray == "D"], "count")
    return [
        Item(
            id="dev-decline-onegroup-logrank-1",
            prompt=(
                "Our maintenance-chemo patients, weeks to relapse (+ censored): "
                f"{plus(col(aml, 'time'), [int(v) for v in aml.status])}\n"
                "Can you run a log-rank test to see whether maintenance prolongs remission?"
            ),
            analysis="log_rank",
            why="a log-rank test compares two or more groups; only one group of times is given",
            mentions=("two groups", "one group", "second group"),
            source="R survival::aml (Maintained only)",
            form="plus-censoring lists",
        ),
        Item(
            id="dev-decline-paired-length-1",
            prompt=(
                "Paired t-test please, same patients on drug 1 and drug 2 (extra hours of sleep):\n"
                f"drug 1: {commas(drug1)}\n"
                f"drug 2: {commas(drug2[:9])}\n"
                "difference drug 2 minus drug 1, 95% CI"
            ),
            analysis="paired_t_test",
            why="a paired test needs one value per patient in each condition; the lists have 10 and 9 values, so "
            "the pairs are unknown",
            mentions=("same number", "different length", "unequal"),
            source="R datasets::sleep (one value dropped)",
            form="labelled lists",
        ),
        Item(
            id="dev-decline-corr-two-1",
            prompt=(
                "pilot data, only have two animals so far: (dose 2.5 mg/kg, AUC 41.2), (dose 5 mg/kg, AUC 77.9). "
                "Pearson correlation between dose and AUC with its 95% CI and p-value?"
            ),
            analysis="pearson_correlation",
            why="with two points r is trivially ±1 and there are no degrees of freedom for a p-value or CI",
            mentions=("two points", "two observations", "too few"),
            source="illustrative",
            form="(x, y) pairs",
        ),
        Item(
            id="dev-decline-mcnemar-marginal-1",
            prompt=(
                "Both rapid tests were run on the same 200 swabs. Test A was positive in 54 of the 200, test B in "
                "71 of the 200. McNemar test for a difference in positivity please."
            ),
            analysis="mcnemar",
            why="McNemar needs the discordant pairs (A+B- and A-B+); only the marginal totals are given",
            mentions=("discordant", "marginal", "cross-classif"),
            source="illustrative",
            form="counts in words",
        ),
        Item(
            id="dev-decline-totals-1",
            prompt=(
                "exposure x outcome from our cohort, chi-square with Yates please\n\n"
                "               cases   non-cases   total\n"
                "exposed           34         112     146\n"
                "unexposed         21         140     171\n"
                "total             55         252     310\n"
            ),
            analysis="chi_square",
            why="the cells contradict the printed totals (21 + 140 = 161, not 171; the cells sum to 307, not 310), "
            "so which numbers are right is unknown",
            mentions=("add up", "total", "inconsistent"),
            source="illustrative",
            form="table with totals",
        ),
        Item(
            id="dev-decline-npergroup-1",
            prompt=(
                "Welch t-test, n = 12 per group (control vs trt1, dry weights):\n"
                f"control: {commas(ctrl)}\n"
                f"trt1: {commas(trt1)}, {commas(col(pg[pg.group == 'trt2'], 'weight')[:2])}\n"
                "trt1 minus control please"
            ),
            analysis="welch_t_test",
            why="the message says n = 12 per group but the control list has 10 values; which values are missing "
            "is unknown",
            mentions=("10 values", "only 10", "n = 12"),
            source="R datasets::PlantGrowth (altered)",
            form="labelled lists",
        ),
        Item(
            id="dev-decline-cutoff-1",
            prompt=(
                "Kruskal-Wallis across sprays D, E and F please (12 plots each)\n"
                f"D: {commas(d)}\n"
                "E: 3, 5, 3, 5, 3, 6, 1, 1, 3, 2, 6, 4\n"
                "F: 11, 9, 15, 22, 1"
            ),
            analysis="kruskal_wallis",
            why="the message is cut off in the middle of group F's values",
            mentions=("cut off", "incomplete", "truncated"),
            source="R datasets::InsectSprays (D, E, F; truncated)",
            form="labelled lists",
        ),
    ]


def unsupported_test() -> list[Item]:
    cw = rframe("chickwts")
    feeds = {f: col(cw[cw.feed == f], "weight") for f in ("casein", "horsebean", "linseed", "soybean")}
    co = rframe("subset(CO2, Type == 'Quebec' & Treatment == 'nonchilled')")
    co_wide = co.pivot(index="Plant", columns="conc", values="uptake")
    return [
        Item(
            id="test-decline-icc-1",
            prompt=(
                "Three nurses each measured mid-upper arm circumference (cm) on the same 8 children:\n"
                "child  nurseA  nurseB  nurseC\n"
                "1  13.1  13.4  12.9\n2  11.8  12.0  11.9\n3  14.6  14.2  14.9\n4  12.2  12.5  12.0\n"
                "5  13.9  13.6  14.1\n6  12.7  12.9  12.6\n7  15.2  15.0  15.5\n8  11.5  11.9  11.4\n"
                "Intraclass correlation please — ICC(2,1), two-way random effects, absolute agreement, with 95% CI."
            ),
            analysis="icc",
            why="the intraclass correlation coefficient is not supported; Pearson correlations between pairs of "
            "nurses measure something else",
            mentions=("icc", "intraclass"),
            source="illustrative measurements",
            form="aligned columns",
        ),
        Item(
            id="test-decline-blandaltman-1",
            prompt=(
                "Method comparison, SpO2 (%) by the new wrist sensor vs the reference finger oximeter on 10 "
                "volunteers:\nwrist: 97, 95, 92, 98, 94, 90, 96, 93, 99, 91\nfinger: 98, 95, 94, 97, 95, 92, 96, "
                "95, 99, 93\nBland-Altman analysis: mean bias and 95% limits of agreement please."
            ),
            analysis="bland_altman",
            why="Bland-Altman limits of agreement are not among the supported analyses; a paired t-test or "
            "correlation is not a method-agreement analysis",
            mentions=("bland", "limits of agreement", "agreement"),
            source="illustrative measurements",
            form="labelled lists",
        ),
        Item(
            id="test-decline-welchanova-1",
            prompt=(
                "chick weights by feed — the variances look quite different so I want Welch's ANOVA "
                "(oneway.test with var.equal = FALSE), not the classic F test:\n"
                + "\n".join(f"{k}: {commas(v)}" for k, v in feeds.items())
            ),
            analysis="welch_anova",
            why="Welch's heteroscedastic one-way ANOVA is not supported; the classic F test assumes what the user "
            "explicitly does not want",
            mentions=("welch", "oneway.test", "unequal variance"),
            source="R datasets::chickwts (4 feeds)",
            form="labelled lists",
        ),
        Item(
            id="test-decline-dunnett-1",
            prompt=(
                "casein is our control feed. Compare each of horsebean, linseed and soybean against casein with "
                "Dunnett's test (many-to-one), adjusted p-values please\n"
                "| feed | weights (g) |\n|---|---|\n"
                + "\n".join(f"| {k} | {', '.join(num(v) for v in vals)} |" for k, vals in feeds.items())
            ),
            analysis="dunnett",
            why="Dunnett's many-to-one comparison is not supported; Tukey HSD adjusts for all pairs and gives "
            "different p-values",
            mentions=("dunnett",),
            source="R datasets::chickwts (4 feeds)",
            form="markdown table",
        ),
        Item(
            id="test-decline-binomial-1",
            prompt=(
                "single-arm phase II: 7 responders out of 25 patients. Historical response rate is 15%. Exact "
                "binomial test of H0: p = 0.15 (two-sided), plus the Clopper-Pearson 95% CI for the response rate?"
            ),
            analysis="binomial_test",
            why="a one-sample exact binomial test / Clopper-Pearson CI is not among the supported analyses",
            mentions=("binomial", "one proportion", "single proportion"),
            source="illustrative single-arm trial",
            form="counts in words",
        ),
        Item(
            id="test-decline-trend-1",
            prompt=(
                "Tumour incidence by dose group in the 2-year rat bioassay:\n"
                "dose (mg/kg/day)   0    10    30    100\n"
                "tumours            2     3     6     11\n"
                "animals           50    50    50     50\n"
                "Cochran-Armitage test for trend in proportions please"
            ),
            analysis="cochran_armitage",
            why="the Cochran-Armitage trend test is not supported; an r x c chi-square ignores the dose ordering",
            mentions=("trend", "armitage"),
            source="illustrative bioassay",
            form="table with labels",
        ),
        Item(
            id="test-decline-rmanova-1",
            prompt=(
                "CO2 uptake for the three non-chilled Quebec plants, each measured at every concentration:\n"
                "plant  "
                + "  ".join(f"{int(c):>5}" for c in co_wide.columns)
                + "\n"
                + "\n".join(f"{p:<6} " + "  ".join(f"{v:>5}" for v in row) for p, row in co_wide.iterrows())
                + "\nRepeated-measures ANOVA with concentration as the within-plant factor (Greenhouse-Geisser "
                "corrected) please"
            ),
            analysis="repeated_measures_anova",
            why="repeated-measures ANOVA is not supported; a one-way ANOVA would treat repeated measurements on "
            "the same plant as independent",
            mentions=("repeated",),
            source="R datasets::CO2 (Quebec, nonchilled)",
            form="aligned columns",
        ),
        Item(
            id="test-decline-ss-paired-1",
            prompt=(
                "Crossover study, each subject gets both inhalers. SD of the within-subject difference in FEV1 "
                "is about 0.30 L and we want to detect a mean difference of 0.12 L with 90% power, 2-sided alpha "
                "0.05. How many subjects do we need for the paired t-test?"
            ),
            analysis="sample_size_paired_t_test",
            why="only two-sample (independent groups) sample size is supported; the paired design needs the "
            "one-sample/paired formula",
            mentions=("paired", "crossover", "one-sample"),
            source="design question",
            form="design numbers in prose",
        ),
    ]


def insufficient_test() -> list[Item]:
    vet = rframe("subset(veteran, trt == 2 & celltype == 'adeno')")
    cw = rframe("chickwts")
    casein = col(cw[cw.feed == "casein"], "weight")
    linseed = col(cw[cw.feed == "linseed"], "weight")
    return [
        Item(
            id="test-decline-cox-onearm-1",
            prompt=(
                "VA lung trial, adenocarcinoma patients on the test chemo (days, + = censored): "
                f"{plus(col(vet, 'time'), [int(v) for v in vet.status], sep=' ')}\n"
                "Please fit a Cox model and give me the hazard ratio for the test chemo with its CI."
            ),
            analysis="cox_regression",
            why="a hazard ratio for treatment needs a comparison group; only the test-chemo patients are given",
            mentions=("comparison group", "one group", "reference group"),
            source="R survival::veteran (trt 2, adeno only)",
            form="plus-censoring lists",
        ),
        Item(
            id="test-decline-totals-1",
            prompt=(
                "Response by arm, Fisher exact please:\n"
                "| arm | responders | non-responders | total |\n|---|---|---|---|\n"
                "| drug | 9 | 6 | 15 |\n| placebo | 4 | 12 | 15 |\n| total | 13 | 19 | 30 |\n"
            ),
            analysis="fisher_exact",
            why="the table contradicts its totals (placebo 4 + 12 = 16, not 15; non-responders 6 + 12 = 18, not "
            "19), so the counts are not trustworthy",
            mentions=("add up", "total", "inconsistent"),
            source="illustrative",
            form="table with totals",
        ),
        Item(
            id="test-decline-nmismatch-1",
            prompt=(
                "Mann-Whitney please, casein vs linseed, 14 chicks per feed, weights in g:\n"
                f"casein: {commas(casein)}\n"
                f"linseed: {commas(linseed)}\n"
            ),
            analysis="mann_whitney",
            why="the message says 14 chicks per feed but each list has 12 values; the data are incomplete or the "
            "n is wrong",
            mentions=("12 values", "only 12", "14"),
            source="R datasets::chickwts (casein, linseed)",
            form="labelled lists",
        ),
        Item(
            id="test-decline-cutoff-1",
            prompt=(
                "Spearman correlation between age and systolic BP please, (age, SBP):\n"
                "(34, 118), (41, 126), (47, 131), (52, 129), (58, 140), (63, 138), (66, 15\n"
                "(continued)"
            ),
            analysis="spearman_correlation",
            why="the data are cut off mid-pair; the remaining observations are missing",
            mentions=("cut off", "incomplete", "truncated"),
            source="illustrative",
            form="(x, y) pairs",
        ),
        Item(
            id="test-decline-welch-single-1",
            prompt=(
                "Welch t test, knockout vs wild type, serum ALT (U/L):\n"
                "WT: 31, 28, 35, 40, 33, 29\nKO: 52\n"
                "(the other KO mice didn't make it to the bleed). KO minus WT with 95% CI"
            ),
            analysis="welch_t_test",
            why="the knockout group has a single observation, so its variance (and the Welch t) cannot be estimated",
            mentions=("one observation", "single", "variance"),
            source="illustrative",
            form="labelled lists",
        ),
    ]


# ---------------------------------------------------------------------------------------------------------------
# Assembling, checking and writing the sets

FAMILIES: tuple[Callable[[], list[Item]], ...] = (
    welch_items,
    student_items,
    paired_t_items,
    one_sample_t_items,
    anova_items,
    kruskal_items,
    mann_whitney_items,
    signed_rank_items,
    shapiro_items,
    chi_square_items,
    fisher_items,
    mcnemar_items,
    odds_ratio_items,
    relative_risk_items,
    correlation_items,
    spearman_items,
    linear_regression_items,
    logistic_items,
    kaplan_meier_items,
    log_rank_items,
    cox_items,
    design_items,
    p_adjust_items,
    unsupported_dev,
    insufficient_dev,
    unsupported_test,
    insufficient_test,
)


def expected_values(item: Item, raw: dict[str, float]) -> dict[str, float | int]:
    if not 2 <= len(raw) <= 5:
        raise AssertionError(f"{item.id}: {len(raw)} expected values, want 2-5")
    out = {}
    for key, value in raw.items():
        if not math.isfinite(value) or abs(value) < 1e-3:
            raise AssertionError(f"{item.id}: expected {key} = {value} is not usable with a relative tolerance")
        out[key] = sig6(value)
    return out


def cross_check(item: Item, raw: dict[str, float]) -> None:
    """Every expected value is recomputed in Python and must match R within ``item.check_tol``."""
    if item.check is None:
        raise AssertionError(f"{item.id}: no Python cross-check")
    py = item.check()
    if missing := sorted(set(raw) - set(py)):
        raise AssertionError(f"{item.id}: the Python check does not compute {missing}")
    for key, value in raw.items():
        if not math.isclose(float(py[key]), value, rel_tol=item.check_tol, abs_tol=1e-12):
            raise AssertionError(f"{item.id}: {key} R = {value!r}, Python = {float(py[key])!r}")


def line(item: Item, raw: dict[str, float] | None) -> dict[str, object]:
    if len(item.prompt) > MAX_PROMPT:
        raise AssertionError(f"{item.id}: prompt is {len(item.prompt)} characters")
    if item.answerable:
        assert raw is not None
        return {
            "id": item.id,
            "prompt": item.prompt,
            "expect": "answer",
            "analysis": item.analysis,
            "variant": item.variant,
            "expected": expected_values(item, raw),
            "rel_tol": item.rel_tol,
            "source": item.source,
            "form": item.form,
        }
    if not 1 <= len(item.mentions) <= 3 or any(m != m.lower() for m in item.mentions):
        raise AssertionError(f"{item.id}: reason_mentions must be 1-3 lowercase phrases")
    return {
        "id": item.id,
        "prompt": item.prompt,
        "expect": "decline",
        "analysis": item.analysis,
        "why": item.why,
        "reason_mentions": list(item.mentions),
        "source": item.source,
        "form": item.form,
    }


def build() -> dict[str, list[dict[str, object]]]:
    items = [item for family in FAMILIES for item in family()]
    ids = Counter(item.id for item in items)
    if dupes := [i for i, n in ids.items() if n > 1]:
        raise AssertionError(f"duplicate ids: {dupes}")
    answerable = [item for item in items if item.answerable]
    if missing := [item.id for item in answerable if not item.r]:
        raise AssertionError(f"answerable items without R code: {missing}")
    values = run_r(answerable)
    sets: dict[str, list[dict[str, object]]] = {"dev": [], "test": []}
    for item in items:
        split = item.id.split("-", 1)[0]
        raw = values.get(item.id) if item.answerable else None
        if item.answerable:
            if raw is None:
                raise AssertionError(f"{item.id}: R returned nothing")
            cross_check(item, raw)
        sets[split].append(line(item, raw))
    return sets


def write(path: Path, lines: list[dict[str, object]]) -> None:
    text = "".join(json.dumps(obj, ensure_ascii=False) + "\n" for obj in lines)
    path.write_text(text, encoding="utf-8")


def summary(sets: dict[str, list[dict[str, object]]]) -> str:
    rows = []
    for split, lines in sets.items():
        answer = sum(1 for obj in lines if obj["expect"] == "answer")
        rows.append(f"{split}: {answer} answer, {len(lines) - answer} decline")
        for name, counter in (("analysis", "analysis"), ("form", "form")):
            counts = Counter(str(obj[counter]) for obj in lines)
            rows.append(f"  by {name}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return "\n".join(rows)


def main() -> None:
    if sys.argv[1:2] == ["--print-r"]:
        wanted = set(sys.argv[2:])
        for item in (item for family in FAMILIES for item in family()):
            if item.id in wanted or not wanted:
                sys.stdout.write(f"# {item.id}\n{item.r.strip() or '# (must decline: no R code)'}\n\n")
        return
    sets = build()
    write(DEV_PATH, sets["dev"])
    write(TEST_PATH, sets["test"])
    sys.stdout.write(summary(sets) + "\n")


if __name__ == "__main__":
    main()
