"""Build the sealed *final* evaluation set for labbot's named analyses (``analysis_final.jsonl``).

Every answerable item pastes real data (R datasets, MASS, survival, lifelines.datasets, published trial
counts) the way a researcher would in Slack and names one supported analysis and its variant.  The
expected numbers are computed by R, on exactly the values that appear in the prompt: the R code of each
item lives below and receives the same number strings that are written into the prompt.  Where Python
has an equivalent (scipy, statsmodels, lifelines) the value is recomputed and must agree with R, or the
generator stops.  Must-decline items name an analysis that no supported recipe covers, or carry data
that cannot support the named test (too few values, contradictory totals, a stated n that the values
contradict, a message cut off mid-data).

Paired analyses: R computes on the differences rounded to 10 decimals (``round(a - b, 10)``) so that
differences of decimals that are equal on paper stay tied in floating point.

Run ``.venv/bin/python evaluation/data/make_analysis_final.py``; the output is byte-identical run to run.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from lifelines import datasets as ll_data
from scipy import optimize, stats
from statsmodels.stats.contingency_tables import Table2x2, mcnemar
from statsmodels.stats.multitest import multipletests

from evaluation.data._build import (  # the R runner, formatting and checks every set generator shares
    ItemSet,
    anova_check,
    chisq_check,
    cox_check,
    km_check,
    logrank_check,
    r_csv,
    r_km,
    r_text,
    r_values,
    surv_r,
    ttest_check,
)

OUT = Path(__file__).resolve().with_name("analysis_final.jsonl")
SET = ItemSet(OUT, "final")
item, answer, decline = SET.item, SET.answer, SET.decline


# ---------------------------------------------------------------- R plumbing


def r_frame(expr: str) -> pd.DataFrame:
    """An R data frame expression, read back through CSV."""
    return pd.read_csv(io.StringIO(r_csv(expr)))


def fnum(x: float) -> str:
    """A number as a researcher would write it (no trailing .0, no float noise)."""
    xf = float(x)
    if xf.is_integer() and abs(xf) < 1e15:
        return str(int(xf))
    return repr(round(xf, 10))


def toks(values: Sequence[float]) -> list[str]:
    return [fnum(v) for v in values]


def rv(tokens: Sequence[str]) -> str:
    """An R vector literal from number strings (thousands separators removed)."""
    return "c(" + ", ".join(t.replace(",", "") for t in tokens) + ")"


def fl(tokens: Sequence[str]) -> np.ndarray:
    return np.array([float(t.replace(",", "")) for t in tokens])


def thousands(x: float) -> str:
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,}"


# ---------------------------------------------------------------- item registration


# ---------------------------------------------------------------- shared Python checks


# ================================================================ t-tests


@item
def welch_iris() -> None:
    d = r_frame("iris")
    vers = toks(d.loc[d.Species == "versicolor", "Sepal.Width"].iloc[:15])
    virg = toks(d.loc[d.Species == "virginica", "Sepal.Width"].iloc[:15])
    prompt = (
        "hey labbot 👋 quick one before lab mtg at 2\n"
        "sepal width (cm), first 15 plants per species from the 1935 Gaspé collection:\n"
        f"versicolor: {', '.join(vers)}\n"
        f"virginica: {', '.join(virg)}\n"
        "can u run a Welch two-sample t test (unequal variances), versicolor minus virginica? "
        "want t, df, p and the 95% CI for the mean diff. thx!"
    )
    r = f"x <- {rv(vers)}; y <- {rv(virg)}; tt <- t.test(x, y)\n"
    r += "emit(t = tt$statistic, df = tt$parameter, p = tt$p.value, ci_low = tt$conf.int[1], ci_high = tt$conf.int[2])"
    check = ttest_check(stats.ttest_ind(fl(vers), fl(virg), equal_var=False))
    answer(
        prompt, "welch_t", "two-sided", r, check, "R datasets::iris, Sepal.Width, first 15 per species", "comma lists"
    )


@item
def welch_cats() -> None:
    d = r_frame("cats[seq(1, 144, by = 6), ]").reset_index(drop=True)
    rows = [f"C{i + 101},{s},{fnum(b)},{fnum(h)}" for i, (s, b, h) in enumerate(zip(d.Sex, d.Bwt, d.Hwt, strict=True))]
    prompt = (
        "Morning! Pulled a subset of the necropsy sheet (adult cats, digitalis study, 1947 Fisher data). "
        "Columns: cat_id, sex, body wt (kg), heart wt (g).\n\n"
        "cat_id,sex,bwt_kg,hwt_g\n" + "\n".join(rows) + "\n\n"
        "Please compare HEART weight between sexes with a Welch t-test (don't assume equal variances), "
        "difference = M − F. Need t, df, two-sided p and the 95% CI."
    )
    m = toks(d.loc[d.Sex == "M", "Hwt"])
    f = toks(d.loc[d.Sex == "F", "Hwt"])
    r = f"m <- {rv(m)}; f <- {rv(f)}; tt <- t.test(m, f, var.equal = FALSE)\n"
    r += "emit(t = tt$statistic, df = tt$parameter, p = tt$p.value, ci_low = tt$conf.int[1], ci_high = tt$conf.int[2])"
    check = ttest_check(stats.ttest_ind(fl(m), fl(f), equal_var=False))
    answer(prompt, "welch_t", "two-sided", r, check, "MASS::cats, every 6th row", "csv extra columns")


@item
def welch_crabs() -> None:
    d = r_frame("crabs")
    blue = d[(d.sp == "B") & (d.sex == "M")].iloc[2::5]
    orange = d[(d.sp == "O") & (d.sex == "M")].iloc[2::5]
    lines = ["| crab | colour form | CL (mm) | CW (mm) |", "|---|---|---|---|"]
    for tag, sub in (("blue", blue), ("orange", orange)):
        lines += [
            f"| {tag[0].upper()}{int(i)} | {tag} | {fnum(c)} | {fnum(w)} |"
            for i, c, w in zip(sub["index"], sub.CL, sub.CW, strict=True)
        ]
    prompt = (
        "Hi all, Leptograpsus males from the Fremantle sampling (Campbell & Mahon 1974), 10 per colour form:\n\n"
        + "\n".join(lines)
        + "\n\nI'd like a Welch t-test on carapace LENGTH (CL), blue vs orange (blue minus orange). "
        "t, df and p please 🦀"
    )
    b, o = toks(blue.CL), toks(orange.CL)
    r = f"b <- {rv(b)}; o <- {rv(o)}; tt <- t.test(b, o)\n"
    r += "emit(t = tt$statistic, df = tt$parameter, p = tt$p.value)"
    check = ttest_check(stats.ttest_ind(fl(b), fl(o), equal_var=False), ci=False)
    answer(prompt, "welch_t", "two-sided", r, check, "MASS::crabs, males, every 5th from 3rd", "markdown table")


@item
def student_genotype() -> None:
    d = r_frame("genotype")
    a = d.loc[d.Mother == "A", ["Litter", "Wt"]]
    j = d.loc[d.Mother == "J", ["Litter", "Wt"]]
    lines = [f"{'mother':<8}{'litter':<8}{'wt_g':>6}"]
    lines += [f"{'A':<8}{lt:<8}{fnum(w):>6}" for lt, w in zip(a.Litter, a.Wt, strict=True)]
    lines += [f"{'J':<8}{lt:<8}{fnum(w):>6}" for lt, w in zip(j.Litter, j.Wt, strict=True)]
    prompt = (
        "Rat cross-fostering data (Scheffé 1959), litter weight at 28 days. Only the two maternal genotypes I "
        "care about, A and J:\n```\n" + "\n".join(lines) + "\n```\n"
        "Standard Student t-test with POOLED variance please, A minus J, two-sided. "
        "t, df, p + 95% CI. (ignore the litter genotype col for now)"
    )
    ta, tj = toks(a.Wt), toks(j.Wt)
    r = f"a <- {rv(ta)}; j <- {rv(tj)}; tt <- t.test(a, j, var.equal = TRUE)\n"
    r += "emit(t = tt$statistic, df = tt$parameter, p = tt$p.value, ci_low = tt$conf.int[1], ci_high = tt$conf.int[2])"
    check = ttest_check(stats.ttest_ind(fl(ta), fl(tj), equal_var=True))
    answer(prompt, "student_t", "pooled two-sided", r, check, "MASS::genotype, Mother A vs J", "aligned columns")


@item
def student_morley() -> None:
    p4 = r_text("print(morley$Speed[morley$Expt == 4])").rstrip()
    p5 = r_text("print(morley$Speed[morley$Expt == 5])").rstrip()
    d = r_frame("morley")
    e4, e5 = toks(d.Speed[d.Expt == 4]), toks(d.Speed[d.Expt == 5])
    prompt = (
        "yo, Michelson 1879 speed-of-light runs (km/s minus 299000). comparing experiment 4 and 5:\n"
        f"```\n> e4\n{p4}\n> e5\n{p5}\n```\n"
        "classic equal-variance (Student) t test, e4 vs e5 — just t, df and p"
    )
    r = f"e4 <- {rv(e4)}; e5 <- {rv(e5)}; tt <- t.test(e4, e5, var.equal = TRUE)\n"
    r += "emit(t = tt$statistic, df = tt$parameter, p = tt$p.value)"
    check = ttest_check(stats.ttest_ind(fl(e4), fl(e5)), ci=False)
    answer(prompt, "student_t", "pooled two-sided", r, check, "R datasets::morley, Expt 4 vs 5", "r indexed vector")


@item
def paired_immer() -> None:
    d = r_frame("immer")
    rows = ["Loc\tVar\tY1931\tY1932"] + [
        f"{lo}\t{va}\t{fnum(a)}\t{fnum(b)}" for lo, va, a, b in zip(d.Loc, d.Var, d.Y1, d.Y2, strict=True)
    ]
    prompt = (
        "Hello! Immer's Minnesota barley trial, yield (bushels/acre) of the same variety×location plots in "
        "1931 and 1932. Pasted from the sheet:\n\n" + "\n".join(rows) + "\n\n"
        "Paired t-test please, 1932 minus 1931. I need t, p, the mean difference and its 95% CI."
    )
    y1, y2 = toks(d.Y1), toks(d.Y2)
    r = f"y1 <- {rv(y1)}; y2 <- {rv(y2)}; dd <- round(y2 - y1, 10); tt <- t.test(dd)\n"
    r += "emit(t = tt$statistic, df = tt$parameter, p = tt$p.value, mean_diff = tt$estimate, "
    r += "ci_low = tt$conf.int[1], ci_high = tt$conf.int[2])"
    res = stats.ttest_rel(fl(y2), fl(y1))
    lo, hi = res.confidence_interval()
    check = {"t": res.statistic, "df": res.df, "p": res.pvalue, "mean_diff": float(np.mean(fl(y2) - fl(y1)))}
    check |= {"ci_low": lo, "ci_high": hi}
    del check["df"]
    r = r.replace("df = tt$parameter, ", "")
    answer(prompt, "paired_t", "two-sided", r, check, "MASS::immer", "tsv")


@item
def paired_indometh() -> None:
    d = r_frame("Indometh")
    d = d[d.time.isin([1.0, 1.25])].sort_values(["Subject", "time"])
    rows = ["subject,timepoint,conc_mcg_ml"] + [
        f"S{s},{'t60' if t == 1.0 else 't75'},{fnum(c)}" for s, t, c in zip(d.Subject, d.time, d.conc, strict=True)
    ]
    prompt = (
        "PK question 💊 indomethacin IV bolus, 6 volunteers (Kwan et al 1976). plasma conc at 60 min vs 75 min "
        "post-dose, long format:\n" + "\n".join(rows) + "\n"
        "Can you do a paired t-test (t60 minus t75, matched on subject)? t, df, p please."
    )
    a = toks(d.conc[d.time == 1.0])
    b = toks(d.conc[d.time == 1.25])
    r = f"a <- {rv(a)}; b <- {rv(b)}; tt <- t.test(round(a - b, 10))\n"
    r += "emit(t = tt$statistic, df = tt$parameter, p = tt$p.value)"
    check = ttest_check(stats.ttest_rel(fl(a), fl(b)), ci=False)
    answer(prompt, "paired_t", "two-sided", r, check, "R datasets::Indometh, 1 h vs 1.25 h", "long paired format")


@item
def paired_rabbit() -> None:
    printed = r_text(
        "r <- subset(Rabbit, Dose == 25)\n"
        "df <- data.frame(Animal = r$Animal[r$Treatment == 'Control'], Control = r$BPchange[r$Treatment == 'Control'],"
        " MDL = r$BPchange[r$Treatment == 'MDL'])\nprint(df)"
    )
    d = r_frame(
        "data.frame(C = subset(Rabbit, Dose == 25 & Treatment == 'Control')$BPchange,"
        " M = subset(Rabbit, Dose == 25 & Treatment == 'MDL')$BPchange)"
    )
    c, m = toks(d.C), toks(d.M)
    prompt = (
        "Rabbit phenylbiguanide experiment (Ludbrook 1994) — BP change (mmHg) at the 25 µg/kg dose, each rabbit "
        "ran both with saline control and with MDL 72222:\n```\n> print(df)\n" + printed.rstrip() + "\n```\n"
        "Paired t-test MDL vs Control please (MDL − Control). Need t, df, p and the mean difference."
    )
    r = f"cc <- {rv(c)}; mm <- {rv(m)}; tt <- t.test(round(mm - cc, 10))\n"
    r += "emit(t = tt$statistic, df = tt$parameter, p = tt$p.value, mean_diff = tt$estimate)"
    res = stats.ttest_rel(fl(m), fl(c))
    check = ttest_check(res, ci=False) | {"mean_diff": float(np.mean(fl(m) - fl(c)))}
    answer(prompt, "paired_t", "two-sided", r, check, "MASS::Rabbit, Dose 25", "r print(df)")


@item
def onesample_morley() -> None:
    d = r_frame("morley")
    e3 = toks(d.Speed[d.Expt == 3])
    prompt = (
        "Michelson's experiment 3 (the 20 runs, coded as km/s − 299,000):\n" + " ".join(e3) + "\n"
        "Is the mean different from the modern value? in the same coding that's 792.458. "
        "one-sample t test, two sided → t, df, p and the 95% CI pls"
    )
    r = f"x <- {rv(e3)}; tt <- t.test(x, mu = 792.458)\n"
    r += "emit(t = tt$statistic, df = tt$parameter, p = tt$p.value, ci_low = tt$conf.int[1], ci_high = tt$conf.int[2])"
    check = ttest_check(stats.ttest_1samp(fl(e3), 792.458))
    answer(prompt, "one_sample_t", "two-sided vs 792.458", r, check, "R datasets::morley, Expt 3", "space list")


@item
def onesample_swiss() -> None:
    printed = r_text("fert <- setNames(swiss$Fertility, rownames(swiss))[swiss$Catholic > 50]\nprint(fert)")
    d = r_frame("swiss[swiss$Catholic > 50, ]")
    fert = toks(d.Fertility)
    prompt = (
        "Swiss 1888 fertility index for the predominantly catholic provinces (>50% catholic):\n"
        "```\n> fert\n" + printed.rstrip() + "\n```\n"
        "Does the mean differ from 70? Plain one-sample t-test (two-sided); t, df, p."
    )
    r = f"x <- {rv(fert)}; tt <- t.test(x, mu = 70)\nemit(t = tt$statistic, df = tt$parameter, p = tt$p.value)"
    check = ttest_check(stats.ttest_1samp(fl(fert), 70), ci=False)
    answer(prompt, "one_sample_t", "two-sided vs 70", r, check, "R datasets::swiss, Catholic > 50", "r named vector")


@item
def onesample_theoph() -> None:
    d = r_frame("data.frame(w = as.numeric(tapply(Theoph$Wt, as.character(Theoph$Subject), unique)))")
    w = toks(d.w)
    prompt = (
        "Theophylline PK study (Boeckmann, 12 subjects, 320 mg oral). Body weights:\n"
        f"```\n> dput(wt)\nc({', '.join(w)})\n```\n"
        "I want a one sample t-test against 70 kg (our protocol's reference weight), two-sided: "
        "t, p, the mean and its 95% CI. thanks"
    )
    r = f"w <- {rv(w)}; tt <- t.test(w, mu = 70)\n"
    r += "emit(t = tt$statistic, p = tt$p.value, mean = tt$estimate, ci_low = tt$conf.int[1], ci_high = tt$conf.int[2])"
    res = stats.ttest_1samp(fl(w), 70)
    lo, hi = res.confidence_interval()
    check = {"t": res.statistic, "p": res.pvalue, "mean": float(np.mean(fl(w))), "ci_low": lo, "ci_high": hi}
    answer(
        prompt, "one_sample_t", "two-sided vs 70", r, check, "R datasets::Theoph, one weight per subject", "r dput()"
    )


# ================================================================ one-way ANOVA


@item
def anova_morley() -> None:
    d = r_frame("morley")
    rows = ["expt,run,speed"] + [f"{e},{r},{s}" for e, r, s in zip(d.Expt, d.Run, d.Speed, strict=True)]
    prompt = (
        "Hi labbot, all 100 Michelson runs below (5 experiments x 20 runs, speed in km/s minus 299000).\n"
        + "\n".join(rows)
        + "\nOne-way ANOVA of speed by experiment please: F, both df, p. And the Tukey HSD adjusted p for "
        "experiment 4 vs experiment 1."
    )
    groups = [toks(d.Speed[d.Expt == e]) for e in range(1, 6)]
    r = "y <- c(" + ", ".join(rv(g) for g in groups) + "); g <- factor(rep(1:5, each = 20))\n"
    r += "a <- summary(aov(y ~ g))[[1]]; tk <- TukeyHSD(aov(y ~ g))$g\n"
    r += "emit(F = a[1, 'F value'], df1 = a[1, 'Df'], df2 = a[2, 'Df'], p = a[1, 'Pr(>F)'], "
    r += "tukey_p = tk['4-1', 'p adj'])"
    arrays = [fl(g) for g in groups]
    check = anova_check(arrays) | {"tukey_p": float(stats.tukey_hsd(*arrays).pvalue[3, 0])}
    answer(prompt, "one_way_anova", "with Tukey HSD", r, check, "R datasets::morley", "csv", check_tol=1e-4)


@item
def anova_npk() -> None:
    printed = r_text("print(npk)")
    d = r_frame("npk")
    prompt = (
        "Classic N-P-K pea field trial (Yates), 6 blocks x 4 plots, yield in lb/plot. Console dump:\n```\n> npk\n"
        + printed.rstrip()
        + "\n```\nIgnoring the fertiliser factors for the moment: one-way ANOVA of yield by block "
        "(F, df, p), plus the Tukey HSD p for block 4 vs block 3."
    )
    groups = [toks(d["yield"][d.block == b]) for b in range(1, 7)]
    r = "y <- c(" + ", ".join(rv(g) for g in groups) + "); g <- factor(rep(1:6, each = 4))\n"
    r += "a <- summary(aov(y ~ g))[[1]]; tk <- TukeyHSD(aov(y ~ g))$g\n"
    r += "emit(F = a[1, 'F value'], df1 = a[1, 'Df'], df2 = a[2, 'Df'], p = a[1, 'Pr(>F)'], "
    r += "tukey_p = tk['4-3', 'p adj'])"
    arrays = [fl(g) for g in groups]
    check = anova_check(arrays) | {"tukey_p": float(stats.tukey_hsd(*arrays).pvalue[3, 2])}
    answer(prompt, "one_way_anova", "with Tukey HSD", r, check, "MASS::npk", "r print(df)", check_tol=1e-4)


@item
def anova_genotype() -> None:
    d = r_frame("genotype")
    names = {"A": "A", "B": "B", "I": "I", "J": "J"}
    parts = [
        f"mother {names[m]} ({len(d[d.Mother == m])} litters): " + " ".join(toks(d.Wt[d.Mother == m])) for m in "ABIJ"
    ]
    prompt = (
        "hiya. rat litter weights (g) grouped by the genotype of the foster mother — all litter genotypes pooled:\n"
        + "\n".join(parts)
        + "\nCould you run a one-way ANOVA across the four mother genotypes? F, df, p is all I need."
    )
    groups = [toks(d.Wt[d.Mother == m]) for m in "ABIJ"]
    r = "y <- c(" + ", ".join(rv(g) for g in groups) + ")\n"
    r += f"g <- factor(rep(1:4, times = c({', '.join(str(len(g)) for g in groups)})))\n"
    r += "a <- summary(aov(y ~ g))[[1]]\n"
    r += "emit(F = a[1, 'F value'], df1 = a[1, 'Df'], df2 = a[2, 'Df'], p = a[1, 'Pr(>F)'])"
    answer(prompt, "one_way_anova", "F test", r, anova_check([fl(g) for g in groups]), "MASS::genotype", "space lists")


# ================================================================ rank tests


def mw_check(x: np.ndarray, y: np.ndarray, method: str, cc: bool = True) -> dict[str, float]:
    res = stats.mannwhitneyu(x, y, method=method, use_continuity=cc)
    return {"W": float(res.statistic), "p": float(res.pvalue)}


@item
def mw_exact_cushings() -> None:
    printed = r_text("print(Cushings[Cushings$Type %in% c('b', 'c'), ])")
    d = r_frame("Cushings")
    b, c = toks(d.Tetrahydrocortisone[d.Type == "b"]), toks(d.Tetrahydrocortisone[d.Type == "c"])
    prompt = (
        "Cushing's syndrome urinary excretion (mg/24h), from Aitchison & Dunsmore. Just the bilateral "
        "hyperplasia (b) and carcinoma (c) patients:\n```\n" + printed.rstrip() + "\n```\n"
        "Mann-Whitney / Wilcoxon rank-sum on Tetrahydrocortisone, b vs c, EXACT p please (no ties here I think). "
        "Report W (for group b) and p."
    )
    r = f"b <- {rv(b)}; cc <- {rv(c)}; w <- wilcox.test(b, cc, exact = TRUE)\nemit(W = w$statistic, p = w$p.value)"
    answer(prompt, "mann_whitney", "exact", r, mw_check(fl(b), fl(c), "exact"), "MASS::Cushings, b vs c", "r print(df)")


@item
def mw_exact_hills() -> None:
    d = r_frame("hills")
    lo = toks(d.time[d.climb < 1000])
    hi = toks(d.time[(d.climb >= 2000) & (d.climb < 3000)])
    prompt = (
        "Scottish hill races 1984 record times (minutes). Split by total climb:\n"
        f"- low climb (<1000 ft), n={len(lo)}: {', '.join(lo)}\n"
        f"- 2000–2999 ft climb, n={len(hi)}: {', '.join(hi)}\n"
        "Wilcoxon rank sum (Mann–Whitney) exact test, low vs high please, two-sided. W (low-climb group) + p"
    )
    r = f"lo <- {rv(lo)}; hi <- {rv(hi)}; w <- wilcox.test(lo, hi, exact = TRUE)\nemit(W = w$statistic, p = w$p.value)"
    answer(prompt, "mann_whitney", "exact", r, mw_check(fl(lo), fl(hi), "exact"), "MASS::hills", "comma lists")


@item
def mw_cc_quine() -> None:
    d = r_frame("quine")
    q = d[(d.Eth == "N") & (d.Age == "F2")]
    girls, boys = toks(q.Days[q.Sex == "F"]), toks(q.Days[q.Sex == "M"])
    prompt = (
        "Hi! Walgett NSW school absence data (Quine 1975), non-Aboriginal kids in form 2 only. Days absent:\n"
        f"girls -> {' '.join(girls)}\nboys -> {' '.join(boys)}\n"
        "Lots of ties obviously. Could you run Mann-Whitney U using the normal approximation WITH continuity "
        "correction, girls vs boys? I need the W statistic (girls) and the p value."
    )
    r = f"g <- {rv(girls)}; b <- {rv(boys)}; w <- wilcox.test(g, b, exact = FALSE, correct = TRUE)\n"
    r += "emit(W = w$statistic, p = w$p.value)"
    check = mw_check(fl(girls), fl(boys), "asymptotic", cc=True)
    answer(
        prompt, "mann_whitney", "normal approximation, continuity correction", r, check, "MASS::quine", "space lists"
    )


@item
def mw_nocc_snails() -> None:
    printed = r_text("print(table(snails$Species, snails$Deaths, dnn = c('species', 'deaths')))")
    d = r_frame("snails")
    a, b = toks(d.Deaths[d.Species == "A"]), toks(d.Deaths[d.Species == "B"])
    prompt = (
        "snail exposure experiment (MASS::snails, 48 cages per species, 20 snails each). Distribution of deaths "
        "per cage by species:\n```\n> table(snails$Species, snails$Deaths, dnn = c('species', 'deaths'))\n"
        + printed.rstrip()
        + "\n```\n"
        "Want a Wilcoxon rank-sum test of deaths, species A vs B, normal approximation WITHOUT continuity "
        "correction (correct=FALSE). W for A and p, please."
    )
    r = f"a <- {rv(a)}; b <- {rv(b)}; w <- wilcox.test(a, b, exact = FALSE, correct = FALSE)\n"
    r += "emit(W = w$statistic, p = w$p.value)"
    check = mw_check(fl(a), fl(b), "asymptotic", cc=False)
    answer(
        prompt, "mann_whitney", "normal approximation, no continuity correction", r, check, "MASS::snails", "r table()"
    )


def sr_check(d: np.ndarray, method: str, cc: bool = False) -> dict[str, float]:
    res = stats.wilcoxon(d, method=method, correction=cc)
    pos = float(np.sum(stats.rankdata(np.abs(d[d != 0]))[d[d != 0] > 0]))
    return {"V": pos, "p": float(res.pvalue)}


@item
def sr_exact_immer() -> None:
    d = r_frame("immer")
    s = d[d.Var.isin(["T", "S"])]
    lines = ["| location | variety | 1931 | 1932 |", "|---|---|---|---|"]
    lines += [
        f"| {lo} | {'Trebi' if v == 'T' else 'Svansota'} | {fnum(a)} | {fnum(b)} |"
        for lo, v, a, b in zip(s.Loc, s.Var, s.Y1, s.Y2, strict=True)
    ]
    prompt = (
        "Good afternoon. Barley yields (bu/acre) for Trebi & Svansota at the six Minnesota stations, both seasons:\n"
        + "\n".join(lines)
        + "\nWilcoxon signed-rank test on the paired 1932 − 1931 differences, exact p please. Give me V and p."
    )
    y1, y2 = toks(s.Y1), toks(s.Y2)
    r = f"y1 <- {rv(y1)}; y2 <- {rv(y2)}; w <- wilcox.test(round(y2 - y1, 10), exact = TRUE)\n"
    r += "emit(V = w$statistic, p = w$p.value)"
    check = sr_check(np.round(fl(y2) - fl(y1), 10), "exact")
    answer(
        prompt, "wilcoxon_signed_rank", "paired exact", r, check, "MASS::immer, Trebi and Svansota", "markdown table"
    )


@item
def sr_normal_dnase() -> None:
    d = r_frame("DNase[DNase$conc >= 3.125, ]")
    r1, r2 = d.iloc[0::2], d.iloc[1::2]
    lines = [f"{'run':>4}  {'conc_ng_ml':>10}  {'od_dup1':>7}  {'od_dup2':>7}"]
    lines += [
        f"{int(rn):>4}  {fnum(c):>10}  {fnum(a):>7}  {fnum(b):>7}"
        for rn, c, a, b in zip(r1.Run, r1.conc, r1.density, r2.density, strict=True)
    ]
    prompt = (
        "ELISA for rhDNase in rat serum, 11 assay runs, top 3 standards only, each well read in duplicate "
        "(optical density):\n```\n" + "\n".join(lines) + "\n```\n"
        "Is there a systematic difference between duplicate 1 and duplicate 2? Wilcoxon signed-rank, dup1 − dup2, "
        "normal approximation with continuity correction (there are ties). V and p please."
    )
    a, b = toks(r1.density), toks(r2.density)
    r = f"a <- {rv(a)}; b <- {rv(b)}; w <- wilcox.test(round(a - b, 10), exact = FALSE, correct = TRUE)\n"
    r += "emit(V = w$statistic, p = w$p.value)"
    check = sr_check(np.round(fl(a) - fl(b), 10), "approx", cc=True)
    answer(
        prompt,
        "wilcoxon_signed_rank",
        "paired normal approximation, continuity correction",
        r,
        check,
        "R datasets::DNase, conc >= 3.125",
        "aligned columns",
    )


@item
def sr_value_galaxies() -> None:
    d = r_frame("data.frame(v = galaxies)")
    vals = [thousands(v) for v in d.v]
    body = "\n".join("\t".join(vals[i : i + 6]) for i in range(0, len(vals), 6))
    prompt = (
        "Corona Borealis redshift survey, velocities (km/s) of the 82 galaxies, copied straight out of Excel:\n"
        + body
        + "\n\nOne-sample Wilcoxon signed-rank against a hypothesised median of 20,000 km/s, normal approximation "
        "with continuity correction. V and p?"
    )
    r = f"v <- {rv(vals)}; w <- wilcox.test(v, mu = 20000, exact = FALSE, correct = TRUE)\n"
    r += "emit(V = w$statistic, p = w$p.value)"
    check = sr_check(fl(vals) - 20000, "approx", cc=True)
    answer(
        prompt,
        "wilcoxon_signed_rank",
        "vs 20000, normal approximation, continuity correction",
        r,
        check,
        "MASS::galaxies",
        "excel thousands",
    )


@item
def kw_orchard() -> None:
    d = r_frame("OrchardSprays[OrchardSprays$treatment %in% c('C', 'D', 'E', 'F'), ]")
    rows = ["row\tcol\tspray\tdecrease"] + [
        f"{int(a)}\t{int(b)}\t{t}\t{fnum(x)}"
        for a, b, t, x in zip(d.rowpos, d.colpos, d.treatment, d.decrease, strict=True)
    ]
    prompt = (
        "Bee repellent orchard trial (Finney 1947, latin square, 8 sprays) — I only need sprays C–F. "
        "'decrease' = sucrose solution consumed:\n" + "\n".join(rows) + "\n"
        "Kruskal–Wallis across the 4 sprays please (H, df, p). ignore row/col"
    )
    groups = [toks(d.decrease[d.treatment == t]) for t in "CDEF"]
    r = "y <- c(" + ", ".join(rv(g) for g in groups) + ")\n"
    r += f"g <- factor(rep(1:4, times = c({', '.join(str(len(g)) for g in groups)})))\n"
    r += "k <- kruskal.test(y, g)\nemit(H = k$statistic, df = k$parameter, p = k$p.value)"
    res = stats.kruskal(*[fl(g) for g in groups])
    check = {"H": res.statistic, "df": 3, "p": res.pvalue}
    answer(prompt, "kruskal_wallis", "tie-corrected", r, check, "R datasets::OrchardSprays, sprays C-F", "tsv")


@item
def kw_quine() -> None:
    d = r_frame("quine")
    q = d[(d.Eth == "N") & (d.Sex == "F")]
    ages = {"F0": "primary", "F1": "form 1", "F2": "form 2", "F3": "form 3"}
    parts = [f"{ages[a]}: {', '.join(toks(q.Days[q.Age == a]))}" for a in ages]
    prompt = (
        "days absent in the 1973 school year, non-aboriginal girls only, by school year group\n"
        + "\n".join(parts)
        + "\n\nKruskal Wallis test by year group? (H stat, df and p-value). cheers 🙏"
    )
    groups = [toks(q.Days[q.Age == a]) for a in ages]
    r = "y <- c(" + ", ".join(rv(g) for g in groups) + ")\n"
    r += f"g <- factor(rep(1:4, times = c({', '.join(str(len(g)) for g in groups)})))\n"
    r += "k <- kruskal.test(y, g)\nemit(H = k$statistic, df = k$parameter, p = k$p.value)"
    res = stats.kruskal(*[fl(g) for g in groups])
    check = {"H": res.statistic, "df": 3, "p": res.pvalue}
    answer(prompt, "kruskal_wallis", "tie-corrected", r, check, "MASS::quine, Eth N, Sex F", "comma lists")


@item
def sw_morley() -> None:
    d = r_frame("morley")
    e1 = toks(d.Speed[d.Expt == 1])
    prompt = (
        "Before I t-test anything: is Michelson's first experiment (n=20, 1879) plausibly normal?\n"
        + "  ".join(e1)
        + "\nShapiro-Wilk W and p please."
    )
    r = f"x <- {rv(e1)}; s <- shapiro.test(x)\nemit(W = s$statistic, p = s$p.value)"
    res = stats.shapiro(fl(e1))
    answer(
        prompt,
        "shapiro_wilk",
        "standard",
        r,
        {"W": res.statistic, "p": res.pvalue},
        "R datasets::morley, Expt 1",
        "space list",
        check_tol=1e-4,
    )


@item
def sw_cats() -> None:
    printed = r_text("print(cats$Hwt[cats$Sex == 'F'])")
    d = r_frame("cats")
    f = toks(d.Hwt[d.Sex == "F"])
    prompt = (
        "Quick normality check before the ANCOVA — heart weights (g) of the 47 female cats:\n```\n"
        + printed.rstrip()
        + "\n```\nShapiro–Wilk please: W, p"
    )
    r = f"x <- {rv(f)}; s <- shapiro.test(x)\nemit(W = s$statistic, p = s$p.value)"
    res = stats.shapiro(fl(f))
    answer(
        prompt,
        "shapiro_wilk",
        "standard",
        r,
        {"W": res.statistic, "p": res.pvalue},
        "MASS::cats, females",
        "r indexed vector",
        check_tol=1e-4,
    )


# ================================================================ contingency tables


def r_mat(cells: Sequence[Sequence[int]]) -> str:
    flat = ", ".join(str(v) for row in cells for v in row)
    return f"matrix(c({flat}), nrow = {len(cells)}, byrow = TRUE)"


def chisq_r(cells: Sequence[Sequence[int]], correct: bool) -> str:
    return (
        f"m <- {r_mat(cells)}; x <- chisq.test(m, correct = {'TRUE' if correct else 'FALSE'})\n"
        "emit(chisq = x$statistic, df = x$parameter, p = x$p.value)"
    )


@item
def chisq_yates_aids() -> None:
    d = r_frame("Aids2")
    cells = [[int(((d.sex == s) & (d.status == st)).sum()) for st in ("D", "A")] for s in ("M", "F")]
    (md, ma), (fd, fa) = cells
    prompt = (
        "Hey — Australian AIDS surveillance cohort (2,843 cases diagnosed before 1 July 1991). "
        f"Among the {fd + fa} women, {fd} had died by end of follow-up and {fa} were alive; among the "
        f"{md + ma:,} men, {md:,} died and {ma:,} alive. Is vital status associated with sex? Pearson chi-square "
        "on the 2x2, WITH Yates continuity correction. Statistic, df, p please."
    )
    answer(
        prompt,
        "chi_square",
        "2x2 Yates",
        chisq_r(cells, True),
        chisq_check(cells, True),
        "MASS::Aids2",
        "counts in words",
    )


@item
def chisq_noyates_pbc() -> None:
    d = r_frame("pbc[!is.na(pbc$trt), ]")
    cells = [[int(((d.trt == t) & (d.hepato == h)).sum()) for h in (1, 0)] for t in (1, 2)]
    (a, b), (c, e) = cells
    table = (
        f"{'':<18}{'hepatomegaly':>13}{'no hepatomeg.':>15}{'total':>8}\n"
        f"{'D-penicillamine':<18}{a:>13}{b:>15}{a + b:>8}\n"
        f"{'placebo':<18}{c:>13}{e:>15}{c + e:>8}\n"
        f"{'total':<18}{a + c:>13}{b + e:>15}{a + b + c + e:>8}"
    )
    prompt = (
        "Mayo PBC trial (1974-84), the 312 randomised pts. Baseline hepatomegaly by arm:\n```\n" + table + "\n```\n"
        "Sanity check on randomisation balance: chi-square test of independence, NO continuity correction "
        "(plain Pearson). X2, df, p?"
    )
    answer(
        prompt,
        "chi_square",
        "2x2 no Yates",
        chisq_r(cells, False),
        chisq_check(cells, False),
        "survival::pbc, randomised",
        "contingency table",
    )


@item
def chisq_rxc_haireye() -> None:
    printed = r_text("print(t(HairEyeColor['Brown', , ]))")
    cells = [[53, 50, 25, 15], [66, 34, 29, 14]]
    check_print = r_values("x <- HairEyeColor['Brown', , ]; emit(a = x[1, 1], b = x[2, 2], c = x[4, 2])")
    if (check_print["a"], check_print["b"], check_print["c"]) != (53.0, 34.0, 14.0):
        raise AssertionError("HairEyeColor layout changed")
    prompt = (
        "Snee (1974) hair/eye survey of 592 stats students — only the brown-haired students here:\n```\n"
        "> t(HairEyeColor['Brown', , ])\n" + printed.rstrip() + "\n```\n"
        "Does eye colour distribution differ by sex? chi-square test of independence on this 2x4, give X-squared, "
        "df and p"
    )
    answer(
        prompt,
        "chi_square",
        "r x c",
        chisq_r(cells, False),
        chisq_check(cells, False),
        "R datasets::HairEyeColor, brown hair",
        "r table()",
    )


@item
def chisq_rxc_aids_age() -> None:
    d = r_frame("Aids2[Aids2$state == 'NSW', ]")
    bands = [("<30", 0, 29), ("30-39", 30, 39), ("40-49", 40, 49), ("≥50", 50, 200)]
    cells = [
        [int(((d.age >= lo) & (d.age <= hi) & (d.status == st)).sum()) for st in ("D", "A")] for _, lo, hi in bands
    ]
    lines = [f"{'age (y)':<9}{'died':>6}{'alive':>7}{'total':>7}"]
    lines += [f"{lab:<9}{dd:>6}{aa:>7}{dd + aa:>7}" for (lab, _, _), (dd, aa) in zip(bands, cells, strict=True)]
    tot_d, tot_a = sum(c[0] for c in cells), sum(c[1] for c in cells)
    lines.append(f"{'total':<9}{tot_d:>6}{tot_a:>7}{tot_d + tot_a:>7}")
    prompt = (
        "NSW cases from the Aids2 registry extract (diagnosed 1982–1991), age at diagnosis vs status at end of "
        "follow-up:\n```\n" + "\n".join(lines) + "\n```\n"
        "chi-sq test of independence (4x2) pls → statistic, df, p. Not after a trend test, just the plain one."
    )
    answer(
        prompt,
        "chi_square",
        "r x c",
        chisq_r(cells, False),
        chisq_check(cells, False),
        "MASS::Aids2, NSW",
        "contingency table",
    )


@item
def chisq_rxc_housing() -> None:
    d = r_frame("housing[housing$Type == 'Tower', ]")
    levels = ["Low", "Medium", "High"]
    cells = [[int(d.Freq[(d.Infl == i) & (d.Sat == s)].sum()) for s in levels] for i in levels]
    lines = ["| perceived influence | low sat | medium sat | high sat | row total |", "|---|---|---|---|---|"]
    lines += [f"| {i} | {r[0]} | {r[1]} | {r[2]} | {sum(r)} |" for i, r in zip(levels, cells, strict=True)]
    col = [sum(r[k] for r in cells) for k in range(3)]
    lines.append(f"| **total** | {col[0]} | {col[1]} | {col[2]} | {sum(col)} |")
    prompt = (
        "Copenhagen housing conditions survey, tower block residents only (Madsen 1976). Satisfaction by how "
        "much influence they feel they have on management:\n\n" + "\n".join(lines) + "\n\n"
        "Pearson chi-square test of independence please (stat / df / p)."
    )
    answer(
        prompt,
        "chi_square",
        "r x c",
        chisq_r(cells, False),
        chisq_check(cells, False),
        "MASS::housing, Type Tower",
        "markdown table",
    )


def fisher_r(cells: Sequence[Sequence[int]]) -> str:
    return (
        f"f <- fisher.test({r_mat(cells)})\n"
        "emit(p = f$p.value, or = f$estimate, ci_low = f$conf.int[1], ci_high = f$conf.int[2])"
    )


def fisher_check(cells: Sequence[Sequence[int]]) -> dict[str, float]:
    arr = np.array(cells)
    orr = stats.contingency.odds_ratio(arr, kind="conditional")
    ci = orr.confidence_interval(0.95)
    return {
        "p": float(stats.fisher_exact(arr).pvalue),
        "or": float(orr.statistic),
        "ci_low": ci.low,
        "ci_high": ci.high,
    }


@item
def fisher_rats() -> None:
    printed = r_text(
        "r <- subset(rats, sex == 'f')\n"
        "print(table(drug = factor(r$rx, 1:0, c('treated', 'control')), "
        "tumour = factor(r$status, 1:0, c('yes', 'no'))))"
    )
    d = r_frame("rats[rats$sex == 'f', ]")
    cells = [[int(((d.rx == x) & (d.status == s)).sum()) for s in (1, 0)] for x in (1, 0)]
    prompt = (
        "Mantel's litter-matched rat carcinogenesis study (females only, 1 treated + 2 controls per litter, "
        "50 litters). Ignoring the litter matching for now:\n```\n" + printed.rstrip() + "\n```\n"
        "Fisher's exact test please, two-sided — p, the odds ratio (odds of tumour treated vs control) and its "
        "95% CI as fisher.test reports them."
    )
    answer(
        prompt,
        "fisher_exact",
        "2x2 two-sided",
        fisher_r(cells),
        fisher_check(cells),
        "survival::rats, females",
        "r table()",
        check_tol=1e-3,
    )


@item
def fisher_aids_women() -> None:
    d = r_frame("Aids2[Aids2$sex == 'F', ]")
    nsw = d[d.state == "NSW"]
    other = d[d.state != "NSW"]
    cells = [
        [int((nsw.status == "D").sum()), int((nsw.status == "A").sum())],
        [int((other.status == "D").sum()), int((other.status == "A").sum())],
    ]
    prompt = (
        f"hi labbot, small one. women in the Aids2 registry: NSW {cells[0][0]} died / {cells[0][1]} alive; "
        f"all other states combined {cells[1][0]} died / {cells[1][1]} alive. "
        "Fisher exact (two-sided) — p-value, conditional MLE odds ratio of death NSW vs elsewhere, and 95% CI 🙏"
    )
    answer(
        prompt,
        "fisher_exact",
        "2x2 two-sided",
        fisher_r(cells),
        fisher_check(cells),
        "MASS::Aids2, women",
        "counts in words",
        check_tol=1e-3,
    )


@item
def fisher_g3() -> None:
    g = ll_data.load_g3()
    cells = [[int(((g.group == grp) & (g.event == ev)).sum()) for ev in (True, False)] for grp in ("RIT", "Control")]
    prompt = (
        "Pilot in grade III glioma: radioimmunotherapy (RIT) vs control, 17 pts, follow-up to ~6 yrs. "
        f"Events: RIT arm {cells[0][0]} of {sum(cells[0])}, control {cells[1][0]} of {sum(cells[1])}.\n"
        "Too small for chi-sq so: Fisher's exact 2x2, two sided. Want p, the conditional-MLE OR "
        "(RIT vs control, odds of event) + 95% CI."
    )
    answer(
        prompt,
        "fisher_exact",
        "2x2 two-sided",
        fisher_r(cells),
        fisher_check(cells),
        "lifelines load_g3",
        "counts in words",
        check_tol=1e-3,
    )


@item
def mcnemar_occupation() -> None:
    d = r_frame("as.data.frame(occupationalStatus)")
    hi_o = d.origin.astype(int) >= 5
    hi_d = d.destination.astype(int) >= 5
    both = int(d.Freq[hi_o & hi_d].sum())
    up = int(d.Freq[~hi_o & hi_d].sum())
    down = int(d.Freq[hi_o & ~hi_d].sum())
    neither = int(d.Freq[~hi_o & ~hi_d].sum())
    prompt = (
        "British father-son occupational mobility (Glass 1954), 8 status categories which I've collapsed to "
        f"'upper' (categories 5-8) vs 'lower' (1-4). Of {both + up + down + neither:,} father–son pairs, "
        f"{both:,} pairs had both in the upper group, {neither} had both in the lower group, {up} sons were upper "
        f"while their father was lower, and {down} sons were lower while their father was upper.\n"
        "McNemar test for a shift between generations, chi-square version WITHOUT continuity correction. "
        "Statistic and p please."
    )
    cells = [[both, down], [up, neither]]
    r = f"x <- mcnemar.test({r_mat(cells)}, correct = FALSE)\nemit(chisq = x$statistic, p = x$p.value)"
    res = mcnemar(np.array(cells), exact=False, correction=False)
    answer(
        prompt,
        "mcnemar",
        "chi-square, no continuity correction",
        r,
        {"chisq": res.statistic, "p": res.pvalue},
        "R datasets::occupationalStatus, collapsed at 5",
        "paired counts in words",
    )


@item
def mcnemar_pbcseq() -> None:
    d = r_frame("pbcseq[, c('id', 'day', 'spiders')]")
    base = d[d.day == 0].set_index("id").spiders
    later = d[(d.day > 300) & (d.day < 450)].groupby("id").spiders.first()
    both = pd.concat([base, later], axis=1, join="inner", keys=["b", "y"])
    n11 = int(((both.b == 1) & (both.y == 1)).sum())
    n10 = int(((both.b == 1) & (both.y == 0)).sum())
    n01 = int(((both.b == 0) & (both.y == 1)).sum())
    n00 = int(((both.b == 0) & (both.y == 0)).sum())
    prompt = (
        f"PBC follow-up visits: {len(both)} patients examined at baseline and again at the ~1 year visit "
        f"(day 300-450). Spider angiomata: present at both visits in {n11}, absent at both in {n00}; "
        f"{n01} patients developed them (absent→present) and {n10} lost them (present→absent).\n"
        "McNemar's test with the continuity correction please — X², p"
    )
    cells = [[n11, n10], [n01, n00]]
    r = f"x <- mcnemar.test({r_mat(cells)}, correct = TRUE)\nemit(chisq = x$statistic, p = x$p.value)"
    res = mcnemar(np.array(cells), exact=False, correction=True)
    answer(
        prompt,
        "mcnemar",
        "chi-square, continuity correction",
        r,
        {"chisq": res.statistic, "p": res.pvalue},
        "survival::pbcseq, baseline vs first visit day 300-450",
        "paired counts in words",
    )


@item
def mcnemar_exact_pbc() -> None:
    d = r_frame("pbc[1:40, c('id', 'age', 'sex', 'hepato', 'spiders', 'bili')]")
    rows = ["id,age_y,sex,hepatomegaly,spiders,bili_mg_dl"] + [
        f"{i},{a:.1f},{s},{'Y' if h else 'N'},{'Y' if sp else 'N'},{fnum(b)}"
        for i, a, s, h, sp, b in zip(d.id, d.age, d.sex, d.hepato, d.spiders, d.bili, strict=True)
    ]
    b = int(((d.hepato == 1) & (d.spiders == 0)).sum())
    c = int(((d.hepato == 0) & (d.spiders == 1)).sum())
    prompt = (
        "First 40 Mayo PBC patients, two physical signs recorded at the same baseline exam:\n"
        + "\n".join(rows)
        + "\nIs hepatomegaly more prevalent than spiders in the same patients? Exact McNemar test "
        "(binomial on the discordant pairs). Please report the two discordant counts (hepatomegaly-only, "
        "spiders-only) and the exact two-sided p."
    )
    r = (
        f"h <- {rv([str(int(v)) for v in d.hepato])}; s <- {rv([str(int(v)) for v in d.spiders])}\n"
        "b <- sum(h == 1 & s == 0); cc <- sum(h == 0 & s == 1)\n"
        "emit(hepato_only = b, spiders_only = cc, p = binom.test(b, b + cc)$p.value)"
    )
    n11 = int(((d.hepato == 1) & (d.spiders == 1)).sum())
    n00 = int(((d.hepato == 0) & (d.spiders == 0)).sum())
    res = mcnemar(np.array([[n11, b], [c, n00]]), exact=True)
    answer(
        prompt,
        "mcnemar",
        "exact",
        r,
        {"hepato_only": b, "spiders_only": c, "p": res.pvalue},
        "survival::pbc, rows 1-40",
        "csv extra columns",
    )


# ---------------------------------------------------------------- effect measures from a 2x2


@item
def rr_physicians() -> None:
    prompt = (
        "Physicians' Health Study aspirin arm (NEJM 1989), as reported: myocardial infarction in 104 of the "
        "11,037 physicians on aspirin vs 189 of 11,034 on placebo. Follow-up ~5 yrs.\n\n"
        "Group\tMI\tNo MI\tTotal\nAspirin\t104\t10,933\t11,037\nPlacebo\t189\t10,845\t11,034\n\n"
        "Relative risk of MI for aspirin with placebo as the reference, with the usual Wald 95% CI on the log scale."
    )
    r = (
        "a <- 104; n1 <- 11037; c0 <- 189; n0 <- 11034; rr <- (a / n1) / (c0 / n0)\n"
        "se <- sqrt(1 / a - 1 / n1 + 1 / c0 - 1 / n0)\n"
        "emit(rr = rr, ci_low = exp(log(rr) - qnorm(0.975) * se), ci_high = exp(log(rr) + qnorm(0.975) * se))"
    )
    t = Table2x2(np.array([[104, 10933], [189, 10845]]))
    lo, hi = t.riskratio_confint()
    answer(
        prompt,
        "relative_risk",
        "Wald log CI, reference placebo",
        r,
        {"rr": t.riskratio, "ci_low": lo, "ci_high": hi},
        "Physicians' Health Study Research Group, NEJM 1989 (MI counts)",
        "excel thousands",
    )


@item
def or_nwtco() -> None:
    d = r_frame("nwtco[nwtco$study == 4 & nwtco$stage == 1, ]")
    uh_r = int(((d.histol == 2) & (d.rel == 1)).sum())
    uh_n = int(((d.histol == 2) & (d.rel == 0)).sum())
    fh_r = int(((d.histol == 1) & (d.rel == 1)).sum())
    fh_n = int(((d.histol == 1) & (d.rel == 0)).sum())
    table = (
        "               relapse   no relapse   total\n"
        f"unfavourable   {uh_r:>7}   {uh_n:>10}   {uh_r + uh_n:>5}\n"
        f"favourable     {fh_r:>7}   {fh_n:>10}   {fh_r + fh_n:>5}\n"
        f"total          {uh_r + fh_r:>7}   {uh_n + fh_n:>10}   {uh_r + uh_n + fh_r + fh_n:>5}"
    )
    prompt = (
        "NWTS-4 (Wilms tumour), stage I kids only, central-lab histology vs relapse:\n```\n" + table + "\n```\n"
        "Odds ratio for relapse, unfavourable vs favourable histology (favourable = reference), with the "
        "Woolf / Wald 95% CI please."
    )
    r = (
        f"a <- {uh_r}; b <- {uh_n}; cc <- {fh_r}; d <- {fh_n}; or <- a * d / (b * cc)\n"
        "se <- sqrt(1 / a + 1 / b + 1 / cc + 1 / d)\n"
        "emit(or = or, ci_low = exp(log(or) - qnorm(0.975) * se), ci_high = exp(log(or) + qnorm(0.975) * se))"
    )
    t = Table2x2(np.array([[uh_r, uh_n], [fh_r, fh_n]]))
    lo, hi = t.oddsratio_confint()
    answer(
        prompt,
        "odds_ratio",
        "Woolf CI, reference favourable",
        r,
        {"or": t.oddsratio, "ci_low": lo, "ci_high": hi},
        "survival::nwtco, study 4, stage 1",
        "contingency table",
    )


@item
def rd_cgd() -> None:
    d = r_frame("cgd0")
    inf = d.etime1.notna()
    a, n1 = int((inf & (d.treat == 1)).sum()), int((d.treat == 1).sum())
    c, n0 = int((inf & (d.treat == 0)).sum()), int((d.treat == 0).sum())
    prompt = (
        f"CGD trial (gamma interferon, 13 centres, 1988-89). By the end of the study {a} of {n1} patients on "
        f"rIFN-g had at least one serious infection, vs {c} of {n0} on placebo. Risk difference rIFN-g minus "
        "placebo with a Wald 95% CI (no continuity correction) please."
    )
    r = (
        f"x <- prop.test(c({a}, {c}), c({n1}, {n0}), correct = FALSE)\n"
        "emit(rd = x$estimate[1] - x$estimate[2], ci_low = x$conf.int[1], ci_high = x$conf.int[2])"
    )
    p1, p0 = a / n1, c / n0
    se = math.sqrt(p1 * (1 - p1) / n1 + p0 * (1 - p0) / n0)
    z = stats.norm.ppf(0.975)
    answer(
        prompt,
        "risk_difference",
        "Wald CI, rIFN-g minus placebo",
        r,
        {"rd": p1 - p0, "ci_low": p1 - p0 - z * se, "ci_high": p1 - p0 + z * se},
        "survival::cgd0",
        "counts in words",
    )


@item
def rr_mgus() -> None:
    d = r_frame("mgus2")
    f1, fn = int(((d.sex == "F") & (d.pstat == 1)).sum()), int((d.sex == "F").sum())
    m1, mn = int(((d.sex == "M") & (d.pstat == 1)).sum()), int((d.sex == "M").sum())
    prompt = (
        "Mayo MGUS cohort (Kyle, 1,384 pts seen 1960–1994). Progression to plasma cell malignancy: "
        f"women {f1}/{fn}, men {m1}/{mn}.\nCan I get the RR of progression for women relative to men "
        "(men = reference), 95% CI by the log method?"
    )
    r = (
        f"a <- {f1}; n1 <- {fn}; cc <- {m1}; n0 <- {mn}; rr <- (a / n1) / (cc / n0)\n"
        "se <- sqrt(1 / a - 1 / n1 + 1 / cc - 1 / n0)\n"
        "emit(rr = rr, ci_low = exp(log(rr) - qnorm(0.975) * se), ci_high = exp(log(rr) + qnorm(0.975) * se))"
    )
    t = Table2x2(np.array([[f1, fn - f1], [m1, mn - m1]]))
    lo, hi = t.riskratio_confint()
    answer(
        prompt,
        "relative_risk",
        "log CI, reference men",
        r,
        {"rr": t.riskratio, "ci_low": lo, "ci_high": hi},
        "survival::mgus2",
        "counts in words",
    )


# ================================================================ correlation and regression


def pearson_check(x: np.ndarray, y: np.ndarray, keys: Sequence[str]) -> dict[str, float]:
    res = stats.pearsonr(x, y)
    ci = res.confidence_interval(0.95)
    n = len(x)
    t = res.statistic * math.sqrt((n - 2) / (1 - res.statistic**2))
    full = {"r": res.statistic, "t": t, "df": n - 2, "p": res.pvalue, "ci_low": ci.low, "ci_high": ci.high}
    return {k: float(full[k]) for k in keys}


@item
def pearson_cats() -> None:
    d = r_frame("cats[seq(5, 144, by = 12), ]")
    x, y = toks(d.Bwt), toks(d.Hwt)
    pairs = ", ".join(f"({a}, {b})" for a, b in zip(x, y, strict=True))
    prompt = (
        "hi! twelve cats from the digitalis necropsy series, (body wt kg, heart wt g):\n" + pairs + "\n"
        "Pearson correlation please — r, t, p and the 95% CI for r"
    )
    keys = ["r", "t", "p", "ci_low", "ci_high"]
    r = (
        f"x <- {rv(x)}; y <- {rv(y)}; k <- cor.test(x, y)\n"
        "emit(r = k$estimate, t = k$statistic, p = k$p.value, ci_low = k$conf.int[1], ci_high = k$conf.int[2])"
    )
    answer(
        prompt,
        "pearson",
        "with Fisher-z CI",
        r,
        pearson_check(fl(x), fl(y), keys),
        "MASS::cats, every 12th from 5",
        "(x, y) pairs",
    )


@item
def pearson_attitude() -> None:
    d = r_frame("attitude")
    lines = [f"{'dept':>4} {'rating':>6} {'complaints':>10} {'privileges':>10} {'learning':>8}"]
    lines += [
        f"{i + 1:>4} {a:>6} {b:>10} {c:>10} {e:>8}"
        for i, (a, b, c, e) in enumerate(zip(d.rating, d.complaints, d.privileges, d.learning, strict=True))
    ]
    prompt = (
        "Chatterjee & Price clerical employee survey, 30 departments, % favourable responses. "
        "(rest of the questionnaire omitted)\n```\n" + "\n".join(lines) + "\n```\n"
        "What's the Pearson correlation between overall rating and privileges? r + p + 95% CI please."
    )
    x, y = toks(d.rating), toks(d.privileges)
    r = (
        f"x <- {rv(x)}; y <- {rv(y)}; k <- cor.test(x, y)\n"
        "emit(r = k$estimate, p = k$p.value, ci_low = k$conf.int[1], ci_high = k$conf.int[2])"
    )
    answer(
        prompt,
        "pearson",
        "with Fisher-z CI",
        r,
        pearson_check(fl(x), fl(y), ["r", "p", "ci_low", "ci_high"]),
        "R datasets::attitude",
        "aligned columns",
    )


@item
def pearson_usarrests() -> None:
    printed = r_text("print(USArrests[, c('Murder', 'UrbanPop')])")
    d = r_frame("USArrests")
    x, y = toks(d.Murder), toks(d.UrbanPop)
    prompt = (
        'US arrests 1973, murder arrests per 100k vs % urban population:\n```\n> USArrests[, c("Murder", '
        '"UrbanPop")]\n' + printed.rstrip() + "\n```\nPearson r between Murder and UrbanPop with t, df and p pls"
    )
    r = (
        f"x <- {rv(x)}; y <- {rv(y)}; k <- cor.test(x, y)\n"
        "emit(r = k$estimate, t = k$statistic, df = k$parameter, p = k$p.value)"
    )
    answer(
        prompt,
        "pearson",
        "",
        r,
        pearson_check(fl(x), fl(y), ["r", "t", "df", "p"]),
        "R datasets::USArrests",
        "r print(df)",
    )


def spearman_check(x: np.ndarray, y: np.ndarray) -> dict[str, float]:
    res = stats.spearmanr(x, y)
    return {"rho": float(res.statistic), "p": float(res.pvalue)}


@item
def spearman_painters() -> None:
    d = r_frame("data.frame(name = rownames(painters), painters)")
    x, y = toks(d.Colour), toks(d.Expression)
    lines = [f"{n}: {a} → {b}" for n, a, b in zip(d.name, x, y, strict=True)]
    prompt = (
        "Art history side project 🎨 de Piles' 1708 scores (0–20) for 54 painters, colour → expression:\n"
        + "\n".join(lines)
        + "\nSpearman rank correlation between colour and expression? rho and p (ties, so the usual "
        "asymptotic p is fine)."
    )
    r = (
        f"x <- {rv(x)}; y <- {rv(y)}; k <- cor.test(x, y, method = 'spearman', exact = FALSE)\n"
        "emit(rho = k$estimate, p = k$p.value)"
    )
    answer(prompt, "spearman", "asymptotic", r, spearman_check(fl(x), fl(y)), "MASS::painters", "x->y pairs")


@item
def spearman_swiss() -> None:
    d = r_frame("data.frame(province = rownames(swiss), swiss)")
    lines = ["| Province | Fertility | Agriculture | Infant mortality |", "|---|---|---|---|"]
    lines += [
        f"| {p} | {fnum(f)} | {fnum(a)} | {fnum(i)} |"
        for p, f, a, i in zip(d.province, d.Fertility, d.Agriculture, d["Infant.Mortality"], strict=True)
    ]
    prompt = (
        "Swiss francophone + german provinces, ca. 1888:\n"
        + "\n".join(lines)
        + "\nSpearman's rho between fertility and infant mortality, with its p-value please (two-sided)."
    )
    x, y = toks(d.Fertility), toks(d["Infant.Mortality"])
    r = (
        f"x <- {rv(x)}; y <- {rv(y)}; k <- cor.test(x, y, method = 'spearman', exact = FALSE)\n"
        "emit(rho = k$estimate, p = k$p.value)"
    )
    answer(prompt, "spearman", "asymptotic", r, spearman_check(fl(x), fl(y)), "R datasets::swiss", "markdown table")


def slr_r(x: Sequence[str], y: Sequence[str], keys: str) -> str:
    return (
        f"x <- {rv(x)}; y <- {rv(y)}; f <- summary(lm(y ~ x)); cf <- f$coefficients\n"
        "all <- c(slope = cf[2, 1], intercept = cf[1, 1], r_squared = f$r.squared, slope_se = cf[2, 2], "
        "p = cf[2, 4])\n"
        f"do.call(emit, as.list(all[c({keys})]))"
    )


def slr_check(x: np.ndarray, y: np.ndarray, keys: Sequence[str]) -> dict[str, float]:
    res = stats.linregress(x, y)
    full = {
        "slope": res.slope,
        "intercept": res.intercept,
        "r_squared": res.rvalue**2,
        "slope_se": res.stderr,
        "p": res.pvalue,
    }
    return {k: float(full[k]) for k in keys}


@item
def slr_rock() -> None:
    d = r_frame("rock")
    rows = ["sample,area_px,perimeter_px,shape,perm_mD"] + [
        f'{i + 1},"{thousands(a)}","{thousands(round(p, 2))}",{fnum(round(s, 4))},{fnum(m)}'
        for i, (a, p, s, m) in enumerate(zip(d.area, d.peri, d["shape"], d.perm, strict=True))
    ]
    prompt = (
        "Petroleum reservoir cores (BP, 12 cores × 4 cross-sections). Exported from Excel so the numbers have "
        "commas:\n" + "\n".join(rows) + "\n\n"
        "Simple linear regression of permeability (mD) on pore area (pixels): slope, intercept, R² and the "
        "slope's p-value."
    )
    x, y = [thousands(a) for a in d.area], toks(d.perm)
    keys = ["slope", "intercept", "r_squared", "p"]
    answer(
        prompt,
        "linear_regression",
        "simple OLS",
        slr_r(x, y, "'slope', 'intercept', 'r_squared', 'p'"),
        slr_check(fl(x), fl(y), keys),
        "MASS::rock",
        "excel thousands",
    )


@item
def slr_wtloss() -> None:
    d = r_frame("wtloss")
    rows = ["Days\tWeight_kg"] + [f"{fnum(a)}\t{fnum(b)}" for a, b in zip(d.Days, d.Weight, strict=True)]
    prompt = (
        "Weight-loss diary of one obese male patient on a supervised diet (Royal Infirmary Edinburgh, 8 months). "
        "TSV:\n" + "\n".join(rows) + "\n"
        "I know it's curved but for the report they want the straight-line fit Weight ~ Days: slope (kg/day), "
        "intercept, R² and the slope SE"
    )
    x, y = toks(d.Days), toks(d.Weight)
    keys = ["slope", "intercept", "r_squared", "slope_se"]
    answer(
        prompt,
        "linear_regression",
        "simple OLS",
        slr_r(x, y, "'slope', 'intercept', 'r_squared', 'slope_se'"),
        slr_check(fl(x), fl(y), keys),
        "MASS::wtloss",
        "tsv",
    )


@item
def slr_stackloss() -> None:
    printed = r_text("dput(stackloss[, c('Water.Temp', 'stack.loss')])")
    d = r_frame("stackloss")
    x, y = toks(d["Water.Temp"]), toks(d["stack.loss"])
    prompt = (
        "Brownlee's stack loss plant data (21 days of operation, ammonia oxidation). I only need two columns:\n"
        "```\n" + printed.rstrip() + "\n```\n"
        "Regress stack.loss on Water.Temp (simple linear regression). Give me slope, intercept, R^2, and "
        "the SE of the slope."
    )
    keys = ["slope", "intercept", "r_squared", "slope_se"]
    answer(
        prompt,
        "linear_regression",
        "simple OLS",
        slr_r(x, y, "'slope', 'intercept', 'r_squared', 'slope_se'"),
        slr_check(fl(x), fl(y), keys),
        "R datasets::stackloss",
        "r dput()",
    )


def logit_r(model: str, keys: str) -> str:
    return (
        f"f <- glm({model}, family = binomial, control = glm.control(epsilon = 1e-12, maxit = 100))\n"
        "cf <- summary(f)$coefficients; z <- qnorm(0.975)\n"
        "all <- c(intercept = cf[1, 1], slope = cf[2, 1], or = exp(cf[2, 1]), or_ci_low = exp(cf[2, 1] - z * cf[2, 2]),"
        " or_ci_high = exp(cf[2, 1] + z * cf[2, 2]), p = cf[2, 4])\n"
        f"do.call(emit, as.list(all[c({keys})]))"
    )


def logit_check(endog: np.ndarray, x: np.ndarray, keys: Sequence[str]) -> dict[str, float]:
    import statsmodels.api as sm

    fit = sm.GLM(endog, sm.add_constant(x), family=sm.families.Binomial()).fit(tol=1e-12)
    b0, b1 = fit.params
    se = fit.bse[1]
    z = stats.norm.ppf(0.975)
    full = {
        "intercept": b0,
        "slope": b1,
        "or": math.exp(b1),
        "or_ci_low": math.exp(b1 - z * se),
        "or_ci_high": math.exp(b1 + z * se),
        "p": fit.pvalues[1],
    }
    return {k: float(full[k]) for k in keys}


@item
def logit_menarche() -> None:
    printed = r_text("print(menarche)")
    d = r_frame("menarche")
    age, tot, men = toks(d.Age), toks(d.Total), toks(d.Menarche)
    prompt = (
        "Warsaw girls 1965 (Milicer & Szczotka): age group mean, number examined, number who had reached menarche.\n"
        "```\n> menarche\n" + printed.rstrip() + "\n```\n"
        "Logistic regression of menarche on age (grouped binomial, i.e. events/trials). Report intercept, the age "
        "coefficient, and the odds ratio per year with its Wald 95% CI."
    )
    keys = ["intercept", "slope", "or", "or_ci_low", "or_ci_high"]
    r = f"age <- {rv(age)}; tot <- {rv(tot)}; men <- {rv(men)}\n"
    r += logit_r("cbind(men, tot - men) ~ age", ", ".join(f"'{k}'" for k in keys))
    endog = np.column_stack([fl(men), fl(tot) - fl(men)])
    answer(
        prompt,
        "logistic_regression",
        "grouped binomial, Wald CI",
        r,
        logit_check(endog, fl(age), keys),
        "MASS::menarche",
        "r print(df)",
        check_tol=1e-5,
    )


@item
def logit_cats() -> None:
    d = r_frame("cats[seq(2, 144, by = 4), ]")
    rows = ["sex,bodywt_kg,heartwt_g"] + [
        f"{s},{fnum(b)},{fnum(h)}" for s, b, h in zip(d.Sex, d.Bwt, d.Hwt, strict=True)
    ]
    prompt = (
        "Can body weight predict sex in cats? 36 animals from the Fisher 1947 data:\n"
        + "\n".join(rows)
        + "\nLogistic regression, outcome = male (M=1, F=0), single predictor body weight (kg). I need the "
        "coefficient for body weight, its (Wald) p-value, and the OR per kg with the Wald 95% CI."
    )
    keys = ["slope", "p", "or", "or_ci_low", "or_ci_high"]
    x = toks(d.Bwt)
    yv = ["1" if s == "M" else "0" for s in d.Sex]
    r = f"x <- {rv(x)}; y <- {rv(yv)}\n" + logit_r("y ~ x", ", ".join(f"'{k}'" for k in keys))
    answer(
        prompt,
        "logistic_regression",
        "Wald CI",
        r,
        logit_check(fl(yv), fl(x), keys),
        "MASS::cats, every 4th from 2",
        "csv extra columns",
        check_tol=1e-5,
    )


@item
def logit_biopsy() -> None:
    d = r_frame("biopsy[seq(1, 699, by = 14), ]")
    rows = ["sample_id\tclump_thickness\tcell_size_unif\tdiagnosis"] + [
        f"{i}\t{a}\t{b}\t{c}" for i, a, b, c in zip(d.ID, d.V1, d.V2, d["class"], strict=True)
    ]
    prompt = (
        "Wisconsin breast FNA biopsies (Wolberg, 1989-91 accrual) — a 1-in-14 subsample, 50 samples:\n"
        + "\n".join(rows)
        + "\n\nFit a logistic regression of malignant (vs benign) on clump thickness only (1–10 score). "
        "Intercept, slope, OR per 1-point increase and its Wald 95% CI please."
    )
    keys = ["intercept", "slope", "or", "or_ci_low", "or_ci_high"]
    x = toks(d.V1)
    yv = ["1" if c == "malignant" else "0" for c in d["class"]]
    r = f"x <- {rv(x)}; y <- {rv(yv)}\n" + logit_r("y ~ x", ", ".join(f"'{k}'" for k in keys))
    answer(
        prompt,
        "logistic_regression",
        "Wald CI",
        r,
        logit_check(fl(yv), fl(x), keys),
        "MASS::biopsy, every 14th row",
        "tsv",
        check_tol=1e-5,
    )


@item
def sr_exact_theoph_long() -> None:
    d = r_frame("Theoph[order(Theoph$Subject, Theoph$Time), c('Subject', 'Time', 'conc')]")
    d = d.assign(k=d.groupby("Subject").cumcount())
    sub = d[d.k.isin([2, 3])].sort_values(["Subject", "k"])
    rows = ["subj,nominal_time,actual_h,theoph_mg_L"] + [
        f"{s},{'30min' if k == 2 else '1h'},{fnum(t)},{fnum(c)}"
        for s, k, t, c in zip(sub.Subject, sub.k, sub.Time, sub.conc, strict=True)
    ]
    prompt = (
        "Theophylline oral PK (12 subjects, single oral dose, sampling to 24 h). Only the 30 min and 1 h draws, "
        "long format:\n" + "\n".join(rows) + "\n"
        "Is the rise from 30 min to 1 h consistent? Wilcoxon signed-rank on the within-subject differences "
        "(1h minus 30min), exact p. V and p please."
    )
    a = toks(sub.conc[sub.k == 2])
    b = toks(sub.conc[sub.k == 3])
    r = f"a <- {rv(a)}; b <- {rv(b)}; w <- wilcox.test(round(b - a, 10), exact = TRUE)\n"
    r += "emit(V = w$statistic, p = w$p.value)"
    check = sr_check(np.round(fl(b) - fl(a), 10), "exact")
    answer(
        prompt,
        "wilcoxon_signed_rank",
        "paired exact",
        r,
        check,
        "R datasets::Theoph, 3rd vs 4th sample per subject",
        "long paired format",
    )


@item
def paired_rabbit_head() -> None:
    printed = r_text(
        "rb <- subset(Rabbit, Dose == 50, select = c(Animal, Treatment, BPchange)); rownames(rb) <- NULL\n"
        "cat('> head(rb, 10)\\n'); print(head(rb, 10)); cat('> nrow(rb)\\n'); print(nrow(rb))"
    )
    d = r_frame("subset(Rabbit, Dose == 50)")
    c = toks(d.BPchange[d.Treatment == "Control"])
    m = toks(d.BPchange[d.Treatment == "MDL"])
    if list(d.Animal[d.Treatment == "Control"]) != list(d.Animal[d.Treatment == "MDL"]):
        raise AssertionError("Rabbit rows are not in the same animal order")
    prompt = (
        "Same rabbit experiment as last week but the 50 µg/kg dose. That's the whole thing (5 rabbits x 2 "
        "treatments):\n```\n" + printed.rstrip() + "\n```\n"
        "paired t-test, MDL minus Control, pairing on Animal — t, df, p, mean diff please"
    )
    r = f"cc <- {rv(c)}; mm <- {rv(m)}; tt <- t.test(round(mm - cc, 10))\n"
    r += "emit(t = tt$statistic, df = tt$parameter, p = tt$p.value, mean_diff = tt$estimate)"
    check = ttest_check(stats.ttest_rel(fl(m), fl(c)), ci=False) | {"mean_diff": float(np.mean(fl(m) - fl(c)))}
    answer(prompt, "paired_t", "two-sided", r, check, "MASS::Rabbit, Dose 50", "r head()")


@item
def spearman_attitude_arrows() -> None:
    d = r_frame("attitude")
    lines = [f"dept {i + 1}: {a} → {b}" for i, (a, b) in enumerate(zip(d.complaints, d.critical, strict=True))]
    prompt = (
        "Employee survey (30 departments of a large financial org, Chatterjee & Price). For each dept, % favourable "
        "on 'handling of complaints' → % favourable on 'too critical':\n" + "\n".join(lines) + "\n"
        "Spearman correlation (rho + p, normal/t approximation since there are ties)."
    )
    x, y = toks(d.complaints), toks(d.critical)
    r = (
        f"x <- {rv(x)}; y <- {rv(y)}; k <- cor.test(x, y, method = 'spearman', exact = FALSE)\n"
        "emit(rho = k$estimate, p = k$p.value)"
    )
    answer(prompt, "spearman", "asymptotic", r, spearman_check(fl(x), fl(y)), "R datasets::attitude", "x->y pairs")


# ================================================================ survival


@item
def km_leukemia_plus() -> None:
    d = ll_data.load_leukemia()
    d = d[d.Rx == 0].sort_values(["t", "status"], ascending=[True, False])
    times, events = toks(d.t), toks(d.status)
    shown = ", ".join(t + ("" if e == "1" else "+") for t, e in zip(times, events, strict=True))
    prompt = (
        "Freireich 1963 acute leukaemia remission trial, the 6-MP arm (21 pts). Weeks in remission, + = censored:\n"
        + shown
        + "\nKaplan-Meier please: median remission time, and the KM estimate of staying in remission at 10 "
        "and at 20 weeks."
    )
    at = [10, 20]
    answer(
        prompt,
        "kaplan_meier",
        "median and survival at t",
        r_km(times, events, at),
        km_check(fl(times), fl(events), at),
        "lifelines load_leukemia, Rx = 0",
        "plus censoring",
    )


@item
def km_kidney_lists() -> None:
    d = r_frame("kidney[!duplicated(kidney$id) & kidney$sex == 2, ]")
    ev = toks(sorted(d.time[d.status == 1]))
    ce = toks(sorted(d.time[d.status == 0]))
    prompt = (
        "Catheter data (McGilchrist & Aisbett 1991, peritoneal dialysis), FEMALE patients, first catheter only. "
        "Days to infection at the insertion site:\n"
        f"infection: {', '.join(ev)}\n"
        f"censored (catheter removed for other reasons / still in): {', '.join(ce)}\n\n"
        "KM curve → median infection-free time and S(100 days) please."
    )
    times, events = ev + ce, ["1"] * len(ev) + ["0"] * len(ce)
    at = [100]
    answer(
        prompt,
        "kaplan_meier",
        "median and survival at t",
        r_km(times, events, at),
        km_check(fl(times), fl(events), at),
        "survival::kidney, first row per id, sex 2",
        "died/censored lists",
    )


@item
def km_larynx_tuples() -> None:
    d = ll_data.load_larynx()
    d = d[d.Stage_IV == 1].sort_values("time")
    times, events = toks(d.time), toks(d.death)
    tuples = ", ".join(f"({t}, {e})" for t, e in zip(times, events, strict=True))
    prompt = (
        "Larynx cancer series (Kardaun 1983, Dutch hospital, 1970s diagnoses), stage IV patients only. "
        "(years from diagnosis, died=1/0):\n" + tuples + "\n"
        "Kaplan–Meier median survival and estimated survival at 2 years?"
    )
    at = [2]
    answer(
        prompt,
        "kaplan_meier",
        "median and survival at t",
        r_km(times, events, at),
        km_check(fl(times), fl(events), at),
        "lifelines load_larynx, stage IV",
        "time-status tuples",
    )


@item
def km_pbc_codes() -> None:
    d = r_frame("pbc[1:40, c('id', 'time', 'status', 'trt', 'age')]")
    rows = [f"{'id':>3} {'days':>5} {'status':>6} {'arm':>4}"] + [
        f"{i:>3} {t:>5} {s:>6} {a:>4}" for i, t, s, a in zip(d.id, d.time, d.status, d.trt, strict=True)
    ]
    prompt = (
        "Mayo PBC, first 40 enrolled pts. status coding from the data dictionary: 0 = censored, 1 = liver "
        "transplant, 2 = dead. For this we treat transplant as censored (event = death only). arm 1 = D-pen, "
        "2 = placebo but ignore it — pooled curve.\n```\n" + "\n".join(rows) + "\n```\n"
        "KM median survival and S(1500 days)?"
    )
    times = toks(d.time)
    events = ["1" if s == 2 else "0" for s in d.status]
    at = [1500]
    answer(
        prompt,
        "kaplan_meier",
        "median and survival at t",
        r_km(times, events, at),
        km_check(fl(times), fl(events), at),
        "survival::pbc, rows 1-40",
        "time/status columns",
    )


def logrank_r(times: Sequence[str], events: Sequence[str], groups: Sequence[str]) -> str:
    return (
        surv_r(times, events) + f"g <- {rv(groups)}; s <- survdiff(Surv(tt, ee) ~ g)\n"
        "emit(chisq = s$chisq, df = length(s$n) - 1, p = pchisq(s$chisq, length(s$n) - 1, lower.tail = FALSE))"
    )


@item
def logrank_lymphoma() -> None:
    d = ll_data.load_lymphoma()
    rows = ["stage_grp,time,status"] + [f"{g},{t},{c}" for g, t, c in zip(d.Stage_group, d.Time, d.Censor, strict=True)]
    prompt = (
        "Lymphoma cohort (lifelines example data, 80 pts). status here is coded 1 = event, 0 = censored.\n"
        + "\n".join(rows)
        + "\nLog-rank test stage group 1 vs 2: chi-square, df, p?"
    )
    times, events, groups = toks(d.Time), toks(d.Censor), toks(d.Stage_group)
    answer(
        prompt,
        "log_rank",
        "2 groups",
        logrank_r(times, events, groups),
        logrank_check(fl(times), fl(events), fl(groups)),
        "lifelines load_lymphoma",
        "csv",
    )


@item
def logrank_larynx() -> None:
    d = ll_data.load_larynx()
    stage = 1 + d.Stage_II + 2 * d.Stage_III + 3 * d.Stage_IV
    d = d.assign(stage=stage)[stage <= 3]
    roman = {1: "I", 2: "II", 3: "III"}
    parts = []
    for s in (1, 2, 3):
        sub = d[d.stage == s]
        parts.append(
            f"stage {roman[s]}: " + " ".join(f"({fnum(t)},{int(e)})" for t, e in zip(sub.time, sub.death, strict=True))
        )
    prompt = (
        "Hi, larynx ca survival (Kardaun), years since diagnosis, tuples are (time, died 1/0). Stage IV left out "
        "on purpose.\n" + "\n".join(parts) + "\n"
        "Log-rank test across the three stages (k=3) — X², df, p. thank you!"
    )
    times, events = toks(d.time), toks(d.death)
    groups = [str(int(s)) for s in d.stage]
    answer(
        prompt,
        "log_rank",
        "3 groups",
        logrank_r(times, events, groups),
        logrank_check(fl(times), fl(events), fl(groups)),
        "lifelines load_larynx, stages I-III",
        "time-status tuples",
    )


@item
def logrank_g3() -> None:
    g = ll_data.load_g3()
    prompt_parts = []
    for grp, lab in (("RIT", "RIT arm"), ("Control", "control arm")):
        sub = g[g.group == grp]
        died = ", ".join(toks(sorted(sub.time[sub.event])))
        cens = ", ".join(toks(sorted(sub.time[~sub.event])))
        prompt_parts.append(f"{lab}\n  progressed/died at (months): {died}\n  censored at: {cens}")
    prompt = (
        "grade 3 glioma pilot, radioimmunotherapy vs standard care, n=17 (11 vs 6).\n"
        + "\n".join(prompt_parts)
        + "\nlog rank test please — chi-sq (1 df) and p"
    )
    times, events, groups = [], [], []
    for grp in ("RIT", "Control"):
        sub = g[g.group == grp]
        t_ev, t_ce = sorted(sub.time[sub.event]), sorted(sub.time[~sub.event])
        times += toks(t_ev) + toks(t_ce)
        events += ["1"] * len(t_ev) + ["0"] * len(t_ce)
        groups += ["1" if grp == "RIT" else "0"] * len(sub)
    answer(
        prompt,
        "log_rank",
        "2 groups",
        logrank_r(times, events, groups),
        logrank_check(fl(times), fl(events), fl(groups)),
        "lifelines load_g3",
        "died/censored lists",
    )


def cox_r(times: Sequence[str], events: Sequence[str], x: Sequence[str]) -> str:
    return (
        surv_r(times, events) + f"x <- {rv(x)}; f <- coxph(Surv(tt, ee) ~ x, ties = 'efron'); s <- summary(f)\n"
        "emit(hr = s$conf.int[1, 1], ci_low = s$conf.int[1, 3], ci_high = s$conf.int[1, 4], p = s$coefficients[1, 5])"
    )


@item
def cox_rats() -> None:
    d = r_frame("rats[rats$sex == 'f', ]")
    parts = []
    times, events, xs = [], [], []
    for rx, lab in ((1, "treated"), (0, "control")):
        sub = d[d.rx == rx].sort_values("time")
        parts.append(
            f"{lab} (n={len(sub)}): "
            + " ".join(fnum(t) + ("" if s == 1 else "+") for t, s in zip(sub.time, sub.status, strict=True))
        )
        times += toks(sub.time)
        events += toks(sub.status)
        xs += [str(rx)] * len(sub)
    prompt = (
        "Rat tumorigenesis (Mantel 1977), female rats, weeks to tumour; + marks censored:\n"
        + "\n\n".join(parts)
        + "\n\nCox PH with treatment as the only covariate (control = reference), Efron ties. "
        "HR, 95% CI and Wald p please."
    )
    answer(
        prompt,
        "cox",
        "single binary covariate, Efron",
        cox_r(times, events, xs),
        cox_check(fl(times), fl(events), fl(xs)),
        "survival::rats, females",
        "plus censoring",
        check_tol=1e-4,
    )


@item
def cox_psych() -> None:
    d = ll_data.load_psychiatric_patients()
    rows = ["Age\tYears\tDied\tSex"] + [
        f"{a}\t{t}\t{c}\t{'M' if s == 1 else 'F'}" for a, t, c, s in zip(d.Age, d["T"], d.C, d.sex, strict=True)
    ]
    prompt = (
        "Psychiatric inpatient cohort (Woolson 1981, via Klein & Moeschberger), 26 pts; years of follow-up, Died 1=yes "
        "0=censored.\n" + "\n".join(rows) + "\n\n"
        "Cox model with sex only — HR for women vs men (men as reference), Efron ties, 95% CI, Wald p."
    )
    times, events = toks(d["T"]), toks(d.C)
    xs = ["1" if s == 2 else "0" for s in d.sex]
    answer(
        prompt,
        "cox",
        "single binary covariate, Efron",
        cox_r(times, events, xs),
        cox_check(fl(times), fl(events), fl(xs)),
        "lifelines load_psychiatric_patients",
        "tsv",
        check_tol=1e-4,
    )


@item
def cox_cgd() -> None:
    d = r_frame("cgd0")
    t = d.etime1.fillna(d.futime).astype(int)
    e = d.etime1.notna().astype(int)
    blocks, times, events, xs = [], [], [], []
    for code, lab in ((0, "placebo"), (1, "rIFN-g")):
        tt, ee = toks(t[d.treat == code]), toks(e[d.treat == code])
        blocks.append(f"{lab} (n={len(tt)})\ndays      = {' '.join(tt)}\ninfection = {' '.join(ee)}")
        times += tt
        events += ee
        xs += [str(code)] * len(tt)
    prompt = (
        "CGD gamma-interferon trial, time to FIRST serious infection. Two parallel vectors per arm: days from "
        "randomisation, and infection (1 = infection, 0 = censored at end of follow-up):\n\n"
        + "\n\n".join(blocks)
        + "\n\nCox regression with arm as the sole covariate, placebo as reference, Efron method for ties. "
        "Hazard ratio, 95% CI, Wald p."
    )
    answer(
        prompt,
        "cox",
        "single binary covariate, Efron",
        cox_r(times, events, xs),
        cox_check(fl(times), fl(events), fl(xs)),
        "survival::cgd0, first infection",
        "time/status columns",
        check_tol=1e-4,
    )


# ================================================================ design: sample size and power


def t_power(n: float, delta: float, sd: float, alpha: float) -> float:
    df = 2 * n - 2
    return float(stats.nct.sf(stats.t.isf(alpha / 2, df), df, delta / sd * math.sqrt(n / 2)))


def t_n(delta: float, sd: float, alpha: float, power: float) -> int:
    return math.ceil(float(optimize.brentq(lambda n: t_power(n, delta, sd, alpha) - power, 2, 1e6, xtol=1e-10)))


def prop_power(n: float, p1: float, p2: float, alpha: float) -> float:
    q1, q2 = 1 - p1, 1 - p2
    z = stats.norm.isf(alpha / 2)
    num = math.sqrt(n) * abs(p1 - p2) - z * math.sqrt((p1 + p2) * (q1 + q2) / 2)
    return float(stats.norm.cdf(num / math.sqrt(p1 * q1 + p2 * q2)))


def prop_n(p1: float, p2: float, alpha: float, power: float) -> int:
    return math.ceil(float(optimize.brentq(lambda n: prop_power(n, p1, p2, alpha) - power, 2, 1e7, xtol=1e-10)))


@item
def ss_t_bp() -> None:
    prompt = (
        "Planning a phase II antihypertensive study for 2026. Primary endpoint: change in seated SBP at 12 weeks. "
        "We want to detect a 5 mmHg difference between arms, SD of change about 10 mmHg (from our 2019 pilot, "
        "n=38), two-sided alpha 0.05, two-sample t-test, 1:1. How many per arm for 80% power, and how many for 90%? "
        "(whole patients, before dropout inflation)"
    )
    r = (
        "a <- power.t.test(delta = 5, sd = 10, sig.level = 0.05, power = 0.80)$n\n"
        "b <- power.t.test(delta = 5, sd = 10, sig.level = 0.05, power = 0.90)$n\n"
        "emit(n_per_group_80 = ceiling(a), n_per_group_90 = ceiling(b))"
    )
    check = {"n_per_group_80": t_n(5, 10, 0.05, 0.8), "n_per_group_90": t_n(5, 10, 0.05, 0.9)}
    answer(prompt, "sample_size_t", "two-sample, two-sided", r, check, "design question", "design prose", rel_tol=0)


@item
def ss_t_effectsize() -> None:
    prompt = (
        "reviewer 2 wants a formal sample size justification 🙄 Our outcome is a standardised cognitive score "
        "(mean 100, SD 15), MCID 6 points. Two independent groups, equal allocation, two-sided α = 0.01 "
        "(they insisted), two-sample t test. n per group for 85% power? and for 90%, in case they push again?"
    )
    r = (
        "a <- power.t.test(delta = 6, sd = 15, sig.level = 0.01, power = 0.85)$n\n"
        "b <- power.t.test(delta = 6, sd = 15, sig.level = 0.01, power = 0.90)$n\n"
        "emit(n_per_group_85 = ceiling(a), n_per_group_90 = ceiling(b))"
    )
    check = {"n_per_group_85": t_n(6, 15, 0.01, 0.85), "n_per_group_90": t_n(6, 15, 0.01, 0.9)}
    answer(prompt, "sample_size_t", "two-sample, two-sided", r, check, "design question", "design prose", rel_tol=0)


@item
def power_t_two() -> None:
    prompt = (
        "Grant resubmission (deadline 14 Feb). Two-arm RCT, HbA1c at 6 months, expected difference 0.4 %-points, "
        "SD 0.9. Two-sample t-test, two-sided 5% level. Budget gives us 60 per arm; the optimistic scenario is "
        "80 per arm. What's the power in each case?"
    )
    r = (
        "a <- power.t.test(n = 60, delta = 0.4, sd = 0.9, sig.level = 0.05)$power\n"
        "b <- power.t.test(n = 80, delta = 0.4, sd = 0.9, sig.level = 0.05)$power\n"
        "emit(power_n60 = a, power_n80 = b)"
    )
    check = {"power_n60": t_power(60, 0.4, 0.9, 0.05), "power_n80": t_power(80, 0.4, 0.9, 0.05)}
    answer(prompt, "power_t", "two-sample, two-sided", r, check, "design question", "design prose")


@item
def power_t_small() -> None:
    prompt = (
        "Mouse study, 3R committee is asking. 12 animals per group (24 total, already approved in protocol "
        "AWERB-2023-117), tumour volume difference we care about 150 mm³ with SD ~ 180 mm³. Two-sample t test, "
        "alpha .05 two sided — what power do we actually have? And what if we drop to 10 per group?"
    )
    r = (
        "a <- power.t.test(n = 12, delta = 150, sd = 180, sig.level = 0.05)$power\n"
        "b <- power.t.test(n = 10, delta = 150, sd = 180, sig.level = 0.05)$power\n"
        "emit(power_n12 = a, power_n10 = b)"
    )
    check = {"power_n12": t_power(12, 150, 180, 0.05), "power_n10": t_power(10, 150, 180, 0.05)}
    answer(prompt, "power_t", "two-sample, two-sided", r, check, "design question", "design prose")


@item
def ss_prop_infection() -> None:
    prompt = (
        "Surgical site infection trial: SSI rate ~30% with standard prep (2021-22 audit, 412 ops) and we hope "
        "for 20% with the new chlorhexidine protocol. Two proportions, two-sided alpha 0.05, 1:1. Sample size per "
        "arm for 80% and for 90% power? (normal approximation, the usual power.prop.test style, no continuity "
        "correction)"
    )
    r = (
        "a <- power.prop.test(p1 = 0.30, p2 = 0.20, sig.level = 0.05, power = 0.80)$n\n"
        "b <- power.prop.test(p1 = 0.30, p2 = 0.20, sig.level = 0.05, power = 0.90)$n\n"
        "emit(n_per_group_80 = ceiling(a), n_per_group_90 = ceiling(b))"
    )
    check = {"n_per_group_80": prop_n(0.3, 0.2, 0.05, 0.8), "n_per_group_90": prop_n(0.3, 0.2, 0.05, 0.9)}
    answer(
        prompt,
        "sample_size_proportions",
        "two-sided, no continuity correction",
        r,
        check,
        "design question",
        "design prose",
        rel_tol=0,
    )


@item
def ss_prop_smallrates() -> None:
    prompt = (
        "Hi! For a phase III vaccine-adjacent study: 30-day readmission 12% in controls, we'd call 6% a win. "
        "How many per group for 80% power at a two-sided 0.05 level comparing two proportions (standard normal-"
        "approximation formula, no continuity correction)? And the same if the intervention only gets us to 8%?"
    )
    r = (
        "a <- power.prop.test(p1 = 0.12, p2 = 0.06, sig.level = 0.05, power = 0.80)$n\n"
        "b <- power.prop.test(p1 = 0.12, p2 = 0.08, sig.level = 0.05, power = 0.80)$n\n"
        "emit(n_per_group_6pct = ceiling(a), n_per_group_8pct = ceiling(b))"
    )
    check = {"n_per_group_6pct": prop_n(0.12, 0.06, 0.05, 0.8), "n_per_group_8pct": prop_n(0.12, 0.08, 0.05, 0.8)}
    answer(
        prompt,
        "sample_size_proportions",
        "two-sided, no continuity correction",
        r,
        check,
        "design question",
        "design prose",
        rel_tol=0,
    )


# ================================================================ multiplicity


def padj_item(prompt: str, labels: Sequence[str], pvals: Sequence[str], method: str, form: str) -> None:
    r_method = {"bonferroni": "bonferroni", "holm": "holm", "fdr_bh": "BH"}[method]
    keys = [f"adj_{lab}" for lab in labels]
    r = f"p <- p.adjust({rv(pvals)}, method = '{r_method}')\n"
    r += "emit(" + ", ".join(f"{k} = p[{i + 1}]" for i, k in enumerate(keys)) + ")"
    adj = multipletests(fl(pvals), method=method)[1]
    check = {k: float(v) for k, v in zip(keys, adj, strict=True)}
    answer(prompt, "p_adjust", r_method, r, check, "p-values as pasted by a user (illustrative)", form)


@item
def padj_bonferroni() -> None:
    labels = ["ldl", "hdl", "tg", "apob", "lpa"]
    pvals = ["0.012", "0.21", "0.0043", "0.048", "0.0091"]
    prompt = (
        "Secondary lipid endpoints from the 2022 statin add-on trial (n=640). Raw p-values:\n"
        "LDL-C p=0.012\nHDL-C p=0.21\ntriglycerides p=0.0043\nApoB p=0.048\nLp(a) p=0.0091\n"
        "Bonferroni-adjust them please, same order."
    )
    padj_item(prompt, labels, pvals, "bonferroni", "p-value list")


@item
def padj_holm() -> None:
    printed = r_text("p <- c(IL6 = 0.0021, TNFa = 0.034, CRP = 0.0105, IL10 = 0.27)\nprint(p)")
    prompt = (
        "cytokine panel, week 4 vs baseline (paired tests already done):\n```\n> p\n" + printed.rstrip() + "\n```\n"
        "Holm step-down adjusted p-values in the order shown?"
    )
    padj_item(prompt, ["il6", "tnfa", "crp", "il10"], ["0.0021", "0.034", "0.0105", "0.27"], "holm", "r named vector")


@item
def padj_bh() -> None:
    prompt = (
        "hey, GWAS follow-up: 5 candidate SNPs replicated in the 2024 cohort.\n"
        "rs7903146 – 0.003\nrs1801282 – 0.041\nrs5219 – 0.018\nrs13266634 – 0.09\nrs4402960 – 0.0275\n"
        "Benjamini-Hochberg FDR adjusted p's (same order as listed) please 🙏"
    )
    padj_item(
        prompt,
        ["rs7903146", "rs1801282", "rs5219", "rs13266634", "rs4402960"],
        ["0.003", "0.041", "0.018", "0.09", "0.0275"],
        "fdr_bh",
        "p-value list",
    )


# ================================================================ must-decline items


@item
def kendall_hills() -> None:  # written as a decline before labbot had Kendall's tau; kept in place so ids stay
    d = r_frame("hills[seq(1, 35, by = 3), ]")
    x, y = [fnum(a) for a in d.dist], [fnum(b) for b in d.climb]
    pairs = ", ".join(f"({a}, {b})" for a, b in zip(x, y, strict=True))
    r = (
        f"x <- {rv(x)}; y <- {rv(y)}; k <- cor.test(x, y, method = 'kendall', exact = FALSE)\n"
        "emit(tau = k$estimate, p = k$p.value)"
    )
    tau = stats.kendalltau(fl(x), fl(y), method="asymptotic")
    answer(
        "hi labbot, hill races (dist in miles, climb in ft):\n" + pairs + "\n"
        "Please give me Kendall's tau-b between distance and climb with its p-value — reviewer specifically asked "
        "for Kendall, not Spearman.",
        "kendall_tau",
        "tau-b, normal approximation (ties)",
        r,
        {"tau": float(tau.statistic), "p": float(tau.pvalue)},
        "MASS::hills, every 3rd row",
        "(x, y) pairs",
    )


@item
def decline_twoway() -> None:
    printed = r_text("print(genotype)")
    decline(
        "Scheffé's rat litter cross-fostering experiment:\n```\n> genotype\n" + printed.rstrip() + "\n```\n"
        "Run the two-way ANOVA Wt ~ Litter * Mother with the interaction term, and give me the F and p for the "
        "Litter:Mother interaction.",
        "two_way_anova",
        "Two-way (factorial) ANOVA with an interaction term is not a supported analysis; only one-way ANOVA is.",
        ["two-way", "interaction", "factorial"],
        "MASS::genotype",
        "r print(df)",
    )


@item
def decline_friedman() -> None:
    d = r_frame("Rabbit[Rabbit$Treatment == 'Control', ]")
    doses = sorted(set(d.Dose))
    lines = ["animal," + ",".join(f"dose_{fnum(x)}" for x in doses)]
    for a in sorted(set(d.Animal)):
        sub = d[d.Animal == a].set_index("Dose").BPchange
        lines.append(a + "," + ",".join(fnum(sub[x]) for x in doses))
    decline(
        "Rabbit BP change (mmHg) to phenylbiguanide, saline control runs, 6 doses (µg/kg) within each of 5 rabbits:\n"
        + "\n".join(lines)
        + "\nCould you do a Friedman test across doses (blocks = rabbits)? chi-sq, df, p.",
        "friedman",
        "The Friedman test for a randomised block design is not among the supported analyses.",
        ["friedman"],
        "MASS::Rabbit, Control runs",
        "csv",
    )


@item
def decline_mixed() -> None:
    d = r_frame("Orange")
    lines = [f"{'tree':>4} {'age_d':>6} {'circ_mm':>7}"] + [
        f"{t:>4} {a:>6} {c:>7}" for t, a, c in zip(d.Tree, d.age, d.circumference, strict=True)
    ]
    decline(
        "Orange tree growth, 5 trees measured at 7 ages (Draper & Smith):\n```\n" + "\n".join(lines) + "\n```\n"
        "Fit a linear mixed model circumference ~ age with a random intercept per tree (lme4 style) and "
        "give me the fixed-effect slope, its SE and the random-intercept variance.",
        "mixed_model",
        "Linear mixed-effects models (random effects for repeated measures) are not supported.",
        ["mixed", "random"],
        "R datasets::Orange",
        "aligned columns",
    )


@item
def decline_negbin() -> None:
    d = r_frame("quine")
    a, n = d.Days[d.Eth == "A"], d.Days[d.Eth == "N"]
    decline(
        "Quine absenteeism, days absent per child:\n"
        f"Aboriginal (n={len(a)}): {' '.join(toks(a))}\n"
        f"non-Aboriginal (n={len(n)}): {' '.join(toks(n))}\n"
        "Counts are overdispersed so please fit a negative binomial GLM (log link), days ~ ethnicity, and report "
        "the rate ratio with 95% CI and theta.",
        "negative_binomial_regression",
        "Negative binomial regression is not a supported analysis.",
        ["negative binomial"],
        "MASS::quine",
        "space lists",
    )


@item
def decline_poisson() -> None:
    d = r_frame("ships[ships$service > 0, ]")
    rows = ["type\tbuilt\tperiod\tmonths_service\tincidents"] + [
        f"{t}\t19{y}\t19{p}\t{thousands(s)}\t{i}"
        for t, y, p, s, i in zip(d.type, d.year, d.period, d.service, d.incidents, strict=True)
    ]
    decline(
        "Lloyd's Register ship damage data (McCullagh & Nelder). Pasted from the workbook:\n"
        + "\n".join(rows)
        + "\n\nPlease fit a Poisson regression of incidents on ship type with log(months_service) as an offset "
        "and give me the incidence rate ratios vs type A.",
        "poisson_regression",
        "Poisson regression (with an offset) is not among the supported analyses.",
        ["poisson"],
        "MASS::ships, service > 0",
        "excel thousands",
    )


@item
def decline_cmh() -> None:
    d = r_frame("Aids2")
    lines = []
    for st in ("NSW", "VIC", "QLD", "Other"):
        sub = d[d.state == st]
        cells = [int(((sub.sex == s) & (sub.status == v)).sum()) for s in ("M", "F") for v in ("D", "A")]
        lines.append(f"{st}: men {cells[0]} died / {cells[1]} alive; women {cells[2]} died / {cells[3]} alive")
    decline(
        "AIDS deaths by sex, stratified by state of diagnosis:\n" + "\n".join(lines) + "\n"
        "I want the Cochran–Mantel–Haenszel test of sex vs death controlling for state, plus the MH common "
        "odds ratio.",
        "cmh",
        "The Cochran–Mantel–Haenszel stratified test / Mantel–Haenszel common odds ratio is not supported.",
        ["mantel", "cmh", "stratif"],
        "MASS::Aids2",
        "counts in words",
    )


@item
def decline_trend() -> None:
    d = r_frame("Aids2[Aids2$state == 'VIC', ]")
    bands = [("<30", 0, 29), ("30–39", 30, 39), ("40–49", 40, 49), ("≥50", 50, 200)]
    lines = ["age band | died | alive"]
    for lab, lo, hi in bands:
        sub = d[(d.age >= lo) & (d.age <= hi)]
        lines.append(f"{lab} | {int((sub.status == 'D').sum())} | {int((sub.status == 'A').sum())}")
    decline(
        "Victorian AIDS cases, age band at diagnosis vs death:\n" + "\n".join(lines) + "\n"
        "Cochran-Armitage test for trend in the proportion dying across the ordered age bands (scores 1-4), "
        "please — z and p.",
        "cochran_armitage",
        "The Cochran–Armitage trend test is not a supported analysis; a plain chi-square would ignore the ordering.",
        ["trend", "armitage"],
        "MASS::Aids2, VIC",
        "contingency table",
    )


@item
def decline_multiple_regression() -> None:
    printed = r_text("print(stackloss)")
    decline(
        "Brownlee stack loss:\n```\n> stackloss\n" + printed.rstrip() + "\n```\n"
        "Multiple linear regression stack.loss ~ Air.Flow + Water.Temp + Acid.Conc. — all three coefficients, "
        "SEs and the adjusted R² please.",
        "multiple_regression",
        "Only simple linear regression with one predictor is supported; multiple regression is not.",
        ["multiple", "predictors", "covariates"],
        "R datasets::stackloss",
        "r print(df)",
    )


@item
def decline_multivariable_cox() -> None:
    d = ll_data.load_larynx()
    stage = 1 + d.Stage_II + 2 * d.Stage_III + 3 * d.Stage_IV
    body = [f"{fnum(t)},{int(e)},{a},{s}" for t, e, a, s in zip(d.time, d.death, d.age, stage, strict=True)]
    rows = ["time_y,died,age,stage", *body[:60]]
    decline(
        "Larynx cancer (Kardaun), first 60 rows:\n" + "\n".join(rows) + "\n"
        "Cox model with stage (I as reference) AND age as covariates, so the stage HRs are age-adjusted. "
        "HRs + CIs please.",
        "cox_multivariable",
        "Cox regression is supported only with a single group covariate; an age-adjusted multivariable model is not.",
        ["covariate", "adjust", "multivariable"],
        "lifelines load_larynx, first 60 rows",
        "csv extra columns",
    )


@item
def decline_competing() -> None:
    d = r_frame("pbc[1:45, c('id', 'time', 'status')]")
    tuples = " ".join(f"({t},{s})" for t, s in zip(d.time, d.status, strict=True))
    decline(
        "PBC (Mayo), first 45 pts as (days, status) with status 0 = censored, 1 = transplant, 2 = death:\n"
        + tuples
        + "\n"
        "Transplant is a competing risk for death here. Please fit a Fine–Gray model / give the cumulative "
        "incidence of death at 2000 days accounting for transplant.",
        "competing_risks",
        "Competing-risks analysis (cumulative incidence, Fine–Gray) is not supported; 1-KM would be biased here.",
        ["competing", "fine-gray", "incidence"],
        "survival::pbc, rows 1-45",
        "time-status tuples",
    )


@item
def decline_levene() -> None:
    d = r_frame("crabs")
    lines = []
    for sp, sx, lab in (
        ("B", "M", "blue male"),
        ("B", "F", "blue female"),
        ("O", "M", "orange male"),
        ("O", "F", "orange female"),
    ):
        lines.append(f"{lab}: " + ", ".join(toks(d.CW[(d.sp == sp) & (d.sex == sx)].iloc[::5])))
    decline(
        "Carapace width (mm), Leptograpsus crabs, 10 per group:\n" + "\n".join(lines) + "\n"
        "Before the ANOVA I need Levene's test (median-centred, Brown–Forsythe) for equal variances across the "
        "4 groups.",
        "levene",
        "Levene's / Brown–Forsythe test for homogeneity of variances is not among the supported analyses.",
        ["levene", "brown-forsythe", "variance"],
        "MASS::crabs, every 5th per group",
        "comma lists",
    )


@item
def decline_roc() -> None:
    d = r_frame("biopsy[seq(3, 699, by = 20), ]")
    rows = ["id\tV1_clump\tclass"] + [f"{i}\t{v}\t{c}" for i, v, c in zip(d.ID, d.V1, d["class"], strict=True)]
    decline(
        "How well does clump thickness discriminate malignant FNAs? Subsample:\n" + "\n".join(rows) + "\n"
        "Give me the ROC AUC with a DeLong 95% CI.",
        "roc_auc",
        "ROC / AUC with DeLong confidence intervals is not a supported analysis.",
        ["roc", "auc", "delong"],
        "MASS::biopsy, every 20th from 3",
        "tsv",
    )


@item
def decline_fisher_rxc() -> None:
    printed = r_text(
        "w <- subset(Aids2, sex == 'F')\n"
        "print(table(state = w$state, status = factor(w$status, c('D', 'A'), c('died', 'alive'))))"
    )
    decline(
        "women in the Aids2 registry, vital status by state:\n```\n> table(state = w$state, status = w$vital)\n"
        + printed.rstrip()
        + "\n```\nsmall cells so chi-square is out — Fisher's exact test on the full 4x2 table please "
        "(Freeman–Halton extension), p only.",
        "fisher_exact_rxc",
        "Only Fisher's exact for 2x2 tables is supported; the Freeman–Halton r x c extension is not.",
        ["2x2", "freeman", "halton"],
        "MASS::Aids2, women",
        "r table()",
    )


@item
def decline_bad_totals() -> None:
    # Female hair x eye from HairEyeColor with the Blond/Blue cell typed as 46 instead of 64; the printed
    # margins are the true ones, so the Blond row (63 vs 81), the Blue column (96 vs 114) and the grand total
    # (295 vs 313) no longer agree with the cells.
    cells = [[36, 9, 5, 2], [66, 34, 29, 14], [16, 7, 7, 7], [4, 46, 5, 8]]
    row_tot, col_tot, grand = [52, 143, 37, 81], [122, 114, 46, 31], 313
    if sum(cells[3]) == row_tot[3] or sum(r[1] for r in cells) == col_tot[1] or sum(map(sum, cells)) == grand:
        raise AssertionError("the totals were meant to contradict the cells")
    names = ["Black", "Brown", "Red", "Blond"]
    lines = ["        Brown  Blue Hazel Green | total"]
    lines += [
        f"{n:<7}" + "".join(f"{v:>6}" for v in r) + f" | {t:>5}" for n, r, t in zip(names, cells, row_tot, strict=True)
    ]
    lines.append(f"{'total':<7}" + "".join(f"{v:>6}" for v in col_tot) + f" | {grand:>5}")
    decline(
        "Hair vs eye colour for the female students (Snee 1974 survey), typed up from the paper:\n```\n"
        + "\n".join(lines)
        + "\n```\nchi-square test of independence please (X2, df, p).",
        "chi_square",
        "The printed totals contradict the cells: the Blond row's cells sum to 63 but its total says 81, the Blue "
        "column's cells sum to 96 against 114, and the cells sum to 295, not 313; a cell or a total is mistyped.",
        ["total", "sum", "inconsistent"],
        "R datasets::HairEyeColor, Female, Blond/Blue cell mistyped",
        "contingency table",
    )


@item
def decline_stated_n() -> None:
    d = r_frame("iris")
    setosa = toks(d["Petal.Length"][d.Species == "setosa"].iloc[:12])
    vers = toks(d["Petal.Length"][d.Species == "versicolor"].iloc[:11])
    decline(
        "Petal length (cm), n = 12 plants per species (balanced design, 2 species):\n"
        f"setosa: {', '.join(setosa)}\nversicolor: {', '.join(vers)}\n"
        "Welch t-test setosa vs versicolor please.",
        "welch_t",
        "The message says n = 12 per species but only 11 versicolor values are listed; a value is missing or the "
        "stated n is wrong.",
        ["11", "missing", "stated n"],
        "R datasets::iris, Petal.Length, one versicolor value dropped",
        "comma lists",
    )


@item
def decline_cut_off() -> None:
    d = ll_data.load_leukemia()
    d = d[d.Rx == 1].sort_values("t")
    shown = ", ".join(fnum(t) + ("" if e == 1 else "+") for t, e in zip(d.t, d.status, strict=True))
    cut = shown[: len(shown) * 2 // 3].rstrip(", ")
    decline(
        "Can you give me the KM median and S(10 weeks) for the placebo arm of the Gehan/Freireich leukaemia data? "
        "21 patients, weeks of remission (+ = censored):\n" + cut + ", 1",
        "kaplan_meier",
        "The message stops mid-list (21 patients announced, far fewer values, last one cut off) and the request is "
        "missing; the data are incomplete.",
        ["cut", "truncat", "incomplete"],
        "lifelines load_leukemia, Rx = 1, truncated",
        "plus censoring",
    )


@item
def decline_shapiro_two() -> None:
    decline(
        "normality check for the two pilot animals' baseline glucose (mmol/L):\n```\n> glu\n[1] 6.1 7.4\n```\n"
        "Shapiro-Wilk W and p please, then I'll decide t-test vs Mann-Whitney for the main study.",
        "shapiro_wilk",
        "Shapiro–Wilk needs at least 3 observations; two values cannot be tested for normality.",
        ["three", "at least 3", "too few"],
        "user's pilot values",
        "r indexed vector",
    )


@item
def decline_logrank_one_group() -> None:
    d = ll_data.load_leukemia()
    d = d[d.Rx == 0].sort_values("t")
    rows = ["arm,weeks,relapsed"] + [f"6-MP,{t},{e}" for t, e in zip(d.t, d.status, strict=True)]
    decline(
        "Freireich remission data — log-rank test comparing 6-MP vs placebo please:\n" + "\n".join(rows),
        "log_rank",
        "Every row belongs to the 6-MP arm; with no placebo data there is only one group, so no log-rank comparison "
        "is possible.",
        ["one group", "single group", "placebo"],
        "lifelines load_leukemia, Rx = 0 only",
        "csv",
    )


@item
def decline_paired_unequal() -> None:
    d = r_frame("immer")
    y1 = toks(d.Y1[d.Loc == "W"].tolist() + d.Y1[d.Loc == "C"].tolist())
    y2 = toks(d.Y2[d.Loc == "W"].tolist() + d.Y2[d.Loc == "C"].tolist())[:-1]
    decline(
        "Barley yields at Waseca & Crookston, same 10 plots in both years:\n"
        f"```\n> dput(y1931)\nc({', '.join(y1)})\n> dput(y1932)\nc({', '.join(y2)})\n```\n"
        "paired t-test 1932 vs 1931, thanks!",
        "paired_t",
        "A paired test needs one 1932 value per 1931 plot, but there are 10 values for 1931 and 9 for 1932; "
        "the pairs cannot be matched.",
        ["unequal", "differ", "mismatch"],
        "MASS::immer, Loc W and C, last 1932 value dropped",
        "r dput()",
    )


@item
def decline_head_only() -> None:
    printed = r_text("print(head(cats))")
    decline(
        "cats data, body and heart weight, 144 cats in total (47 F, 97 M):\n```\n> head(cats)\n"
        + printed.rstrip()
        + "\n```\n"
        "Welch t-test of Hwt, males vs females, on the full dataset please.",
        "welch_t",
        "Only the first 6 rows (head) were pasted, all female; the 144-cat data set is not in the message, "
        "so no male group is available.",
        ["head", "6 rows", "144"],
        "MASS::cats, head() only",
        "r head()",
    )


@item
def decline_logrank_samplesize() -> None:
    decline(
        "Designing a phase III in 2nd-line NSCLC: control median OS 9 months, we hope for HR 0.75, 1:1, two-sided "
        "alpha 0.05, 90% power, accrual 24 months + 12 months follow-up. How many events and patients do we need "
        "for the log-rank test (Schoenfeld)?",
        "sample_size_logrank",
        "Sample size for a survival / log-rank comparison (events, Schoenfeld) is not supported; only t-test and "
        "two-proportion sample sizes are.",
        ["log-rank", "logrank", "survival"],
        "design question",
        "design prose",
    )


if __name__ == "__main__":
    SET.run()
