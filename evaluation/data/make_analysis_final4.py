"""Build the fourth fresh evaluation set for labbot's named analyses (``analysis_final4.jsonl``).

Like the third set: every answerable item pastes real data (R's datasets, MASS and survival packages, published
counts) the way researchers paste into Slack and names one supported analysis and its variant, mostly from data
sets and subsets no earlier set uses (warpbreaks, Loblolly, Indometh, Orange, USArrests, morley, OrchardSprays,
MASS::Pima.te, MASS::caith, survival::lung and survival::aml).  Expected numbers come from R on exactly the number
strings written into the prompt and are recomputed in Python, or the build stops (see ``_build``).  Must-decline
items ask for an analysis outside the supported list or paste data that cannot support the analysis they name;
``reason_mentions`` lists words of which the decline reason should contain one.

Paired analyses: R computes on the differences rounded to 10 decimals, as in the third set.

Run ``.venv/bin/python evaluation/data/make_analysis_final4.py``; the output is byte-identical run to run.
``... make_analysis_final4.py NAME`` only builds the items whose builder name contains NAME and prints them.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.contingency_tables import mcnemar

from evaluation.data import _build as b  # the R runner, formatting and checks every set generator shares

SET = b.ItemSet(Path(__file__).resolve().with_name("analysis_final4.jsonl"), "final4")
item, answer, decline = SET.item, SET.answer, SET.decline
fnum, toks, dec1, rv, fl, r_frame = b.fnum, b.toks, b.dec1, b.rv, b.fl, b.r_frame
ttest_r, ttest_check = b.ttest_r, b.ttest_check


def pima(rows: str, cols: str = "c('npreg', 'glu', 'bp', 'skin', 'bmi', 'ped', 'age', 'type')") -> pd.DataFrame:
    return r_frame(f"MASS::Pima.te[{rows}, {cols}]")


LUNG = "survival::lung"

# ================================================================ t-tests


@item
def welch_warpbreaks_tension_l() -> None:
    d = r_frame("warpbreaks[warpbreaks$tension == 'L', ]")
    a, c = toks(d.breaks[d.wool == "A"]), toks(d.breaks[d.wool == "B"])
    prompt = (
        "> with(subset(warpbreaks, tension == 'L'), split(breaks, wool))\n$A\n[1] "
        + " ".join(a)
        + "\n\n$B\n[1] "
        + " ".join(c)
        + "\n\nwarp breaks per loom at low tension, wool A vs B. welch two sample t-test (A - B) pls, "
        "t/df/p and the 95% CI"
    )
    check = ttest_check(stats.ttest_ind(fl(a), fl(c), equal_var=False))
    answer(
        prompt,
        "welch_t",
        "two-sided; A minus B",
        ttest_r(rv(a), rv(c)),
        check,
        "datasets::warpbreaks tension L",
        "r split() list with command",
    )


@item
def welch_morley_expt1_expt5_99() -> None:
    d = r_frame("morley[morley$Expt %in% c(1, 5), ]")
    e1, e5 = toks(d.Speed[d.Expt == 1] + 299000), toks(d.Speed[d.Expt == 5] + 299000)
    rows = ['"run";"expt 1 (km/s)";"expt 5 (km/s)"']
    rows += [f"{i};{thou(x)};{thou(y)}" for i, (x, y) in enumerate(zip(e1, e5, strict=True), 1)]
    prompt = (
        "Michelson 1879 speed of light, experiments 1 and 5 (export from the lab sheet, semicolon separated):\n"
        + "\n".join(rows)
        + "\n\nunequal variances t test, expt 1 minus expt 5, with a 99% CI please"
    )
    check = ttest_check(stats.ttest_ind(fl(e1), fl(e5), equal_var=False), level=0.99)
    answer(
        prompt,
        "welch_t",
        "two-sided, 99% CI; expt 1 minus expt 5",
        ttest_r(rv(e1), rv(e5), "conf.level = 0.99"),
        check,
        "datasets::morley Expt 1 and 5 (+299000)",
        "semicolon export with run numbers and units",
    )


def thou(tok: str) -> str:
    return b.thousands(tok) if "." not in tok else tok


@item
def student_pima_te_glucose() -> None:
    d = pima("1:30")
    yes, no = toks(d.glu[d.type == "Yes"]), toks(d.glu[d.type == "No"])
    rows = ["ID\tnpreg\tglu (mg/dL)\tbmi\tdiabetes"]
    rows += [
        f"P{i:03d}\t{n}\t{g}\t{fnum(m)}\t{t}"
        for i, (n, g, m, t) in enumerate(zip(toks(d.npreg), toks(d.glu), d.bmi, d.type, strict=True), 1)
    ]
    prompt = (
        "hi! Pima women (test half), first 30 rows from my sheet:\n" + "\n".join(rows) + "\n\n"
        "Student's t-test with pooled variance on plasma glucose, diabetic (Yes) minus non-diabetic (No). t, df, p, CI"
    )
    check = ttest_check(stats.ttest_ind(fl(yes), fl(no), equal_var=True))
    answer(
        prompt,
        "student_t",
        "pooled; Yes minus No",
        ttest_r(rv(yes), rv(no), "var.equal = TRUE"),
        check,
        "MASS::Pima.te rows 1-30",
        "tsv with subject ids and extra columns",
    )


@item
def student_orchardsprays_a_h() -> None:
    d = r_frame("OrchardSprays[OrchardSprays$treatment %in% c('F', 'G'), ]")
    a, h = toks(d.decrease[d.treatment == "F"]), toks(d.decrease[d.treatment == "G"])
    prompt = (
        "| sprayF | sprayG |\n|---|---|\n"
        + "\n".join(f"| {x} | {y} |" for x, y in zip(a, h, strict=True))
        + "\n\nbee repellent orchard trial (decrease in volume of solution). classic student t (var.equal=TRUE), "
        "G minus F, two sided"
    )
    check = ttest_check(stats.ttest_ind(fl(h), fl(a), equal_var=True))
    answer(
        prompt,
        "student_t",
        "pooled; G minus F",
        ttest_r(rv(h), rv(a), "var.equal = TRUE"),
        check,
        "datasets::OrchardSprays F and G",
        "markdown table, groups as columns",
    )


@item
def one_sample_loblolly_age20() -> None:
    d = r_frame("Loblolly[Loblolly$age == 20, ]")
    h = toks(d.height)
    prompt = (
        "loblolly pine heights (ft) at age 20, 14 seed sources:\n" + ", ".join(h) + "\n\n"
        "the nursery spec says 50 ft at 20 yrs. one-sample t test against mu = 50, two-sided, with CI?"
    )
    check = ttest_check(stats.ttest_1samp(fl(h), 50))
    answer(
        prompt,
        "one_sample_t",
        "two-sided vs 50",
        ttest_r(rv(h), extra="mu = 50"),
        check,
        "datasets::Loblolly age 20",
        "comma list",
    )


@item
def one_sample_usarrests_murder_less() -> None:
    d = r_frame("USArrests[1:25, ]")
    states = b.r_text_rownames("USArrests[1:25, ]")
    m = dec1(d.Murder)
    rows = [f"{s:<14} {x:>5}" for s, x in zip(states, m, strict=True)]
    prompt = (
        "murder arrests per 100,000 (1973), first 25 states alphabetically\n" + "\n".join(rows) + "\n\n"
        "is the mean below 9? one-sided one sample t test (alternative = 'less', mu = 9). t, df, p"
    )
    r = ttest_r(rv(m), extra="mu = 9, alternative = 'less'", ci=False)
    check = ttest_check(stats.ttest_1samp(fl(m), 9, alternative="less"), ci=False)
    answer(
        prompt,
        "one_sample_t",
        "one-sided (less) vs 9",
        r,
        check,
        "datasets::USArrests rows 1-25",
        "aligned state names and values",
    )


@item
def paired_lung_karnofsky() -> None:
    d = r_frame(f"{LUNG}[which({LUNG}$inst == 1 & !is.na({LUNG}$ph.karno) & !is.na({LUNG}$pat.karno)), ]")
    doc, pat = toks(d.ph_karno), toks(d.pat_karno)
    rows = ["pt | physician | patient", "---|---|---"]
    rows += [f"{i} | {x} | {y}" for i, (x, y) in enumerate(zip(doc, pat, strict=True), 1)]
    prompt = (
        "Karnofsky score rated by the physician vs by the patient, institution 1 (NCCTG lung)\n"
        + "\n".join(rows)
        + "\n\npaired t test patient minus physician, two sided + 95% ci"
    )
    r = f"a <- {rv(pat)}; c0 <- {rv(doc)}\n" + ttest_r("round(a - c0, 10)")
    check = ttest_check(stats.ttest_1samp(b.diffs(pat, doc), 0))
    answer(
        prompt,
        "paired_t",
        "paired; patient minus physician",
        r,
        check,
        "survival::lung institution 1, ph.karno and pat.karno",
        "before | after pipe table with ids",
    )


@item
def paired_indometh_90ci() -> None:
    d = r_frame("Indometh[Indometh$time %in% c(0.75, 1), ]")
    t075 = b.dec2(d.conc[d.time == 0.75])
    t1 = b.dec2(d.conc[d.time == 1])
    prompt = (
        "indomethacin PK, 6 volunteers, plasma conc (mcg/ml)\nsubj  0.75h  1h\n"
        + "\n".join(f"{i}     {x}  {y}" for i, (x, y) in enumerate(zip(t075, t1, strict=True), 1))
        + "\n\nPaired t-test 1h minus 0.75h; give t, df, p and a 90% confidence interval for the mean difference"
    )
    r = f"a <- {rv(t1)}; c0 <- {rv(t075)}\n" + ttest_r("round(a - c0, 10)", extra="conf.level = 0.9")
    check = ttest_check(stats.ttest_1samp(b.diffs(t1, t075), 0), level=0.90)
    answer(
        prompt,
        "paired_t",
        "two-sided, 90% CI; 1h minus 0.75h",
        r,
        check,
        "datasets::Indometh times 0.75 and 1",
        "whitespace columns with subject numbers",
    )


# ================================================================ rank tests


@item
def wilcoxon_indometh_exact() -> None:
    d = r_frame("Indometh[Indometh$time %in% c(0.25, 2), ]")
    a, c = b.dec2(d.conc[d.time == 0.25]), b.dec2(d.conc[d.time == 2])
    prompt = (
        "Indometh subjects 1-6: conc at 15 min = "
        + ", ".join(a)
        + " and at 2 h = "
        + ", ".join(c)
        + " (same order). wilcoxon signed rank, paired, exact p, 15 min minus 2 h — V and p"
    )
    r = (
        f"a <- {rv(a)}; c0 <- {rv(c)}\nw <- wilcox.test(round(a - c0, 10), exact = TRUE)\n"
        "emit(V = w$statistic, p = w$p.value)"
    )
    dd = b.diffs(a, c)
    check = {"V": b.signed_rank_v(dd), "p": float(stats.wilcoxon(dd, method="exact").pvalue)}
    answer(
        prompt,
        "wilcoxon_signed_rank",
        "paired exact; 15 min minus 2 h",
        r,
        check,
        "datasets::Indometh times 0.25 and 2",
        "lists in prose, same order",
    )


@item
def wilcoxon_usarrests_urbanpop() -> None:
    d = r_frame("USArrests[26:50, ]")
    u = toks(d.UrbanPop)
    prompt = (
        "> up <- USArrests$UrbanPop[26:50]\n> up\n [1] "
        + " ".join(u[:13])
        + "\n[14] "
        + " ".join(u[13:])
        + "\n\nsigned-rank test of these against a median of 60 (% urban). there are ties so normal approx "
        "w/ continuity correction is fine. V + p"
    )
    r = f"w <- wilcox.test({rv(u)}, mu = 60, exact = FALSE)\nemit(V = w$statistic, p = w$p.value)"
    x = fl(u) - 60
    res = stats.wilcoxon(x, method="approx", correction=True, zero_method="wilcox")
    check = {"V": b.signed_rank_v(x), "p": float(res.pvalue)}
    answer(
        prompt,
        "wilcoxon_signed_rank",
        "one-sample vs 60, normal approximation, continuity correction",
        r,
        check,
        "datasets::USArrests rows 26-50",
        "r console print of a vector with [1] indices",
    )


@item
def mann_whitney_warpbreaks_l() -> None:
    d = r_frame("warpbreaks[warpbreaks$tension == 'M', ]")
    a, c = toks(d.breaks[d.wool == "A"]), toks(d.breaks[d.wool == "B"])
    prompt = (
        "breaks,wool,tension\n"
        + b.long_rows("{value},{group},M", {"A": a, "B": c})
        + "\n\nmedium tension only. mann-whitney A vs B (normal approximation, with continuity correction) — "
        "W for A and p"
    )
    res = stats.mannwhitneyu(fl(a), fl(c), method="asymptotic", use_continuity=True)
    answer(
        prompt,
        "mann_whitney",
        "normal approximation, continuity correction; W for A",
        b.mw_r(a, c, ", exact = FALSE"),
        {"W": float(res.statistic), "p": float(res.pvalue)},
        "datasets::warpbreaks tension M",
        "csv long with a constant column",
    )


@item
def mann_whitney_pima_ped_exact() -> None:
    d = pima("1:20", "c('ped', 'age', 'type')")
    ped = [f"{v:.3f}" for v in d.ped]
    yes = [p for p, t in zip(ped, d.type, strict=True) if t == "Yes"]
    no = [p for p, t in zip(ped, d.type, strict=True) if t == "No"]
    assert len(set(ped)) == len(ped)  # no ties, so R's exact p applies
    rows = ["> Pima.te[1:20, c('ped', 'age', 'type')]", "     ped age type"]
    rows += [f"{i:>2} {p} {a:>3} {t:>4}" for i, (p, a, t) in enumerate(zip(ped, toks(d.age), d.type, strict=True), 1)]
    prompt = (
        "\n".join(rows) + "\n\ndiabetes pedigree function, diabetic vs not: wilcoxon rank sum with exact p "
        "(no ties here), W for the diabetic (Yes) group"
    )
    res = stats.mannwhitneyu(fl(yes), fl(no), method="exact")
    answer(
        prompt,
        "mann_whitney",
        "exact; W for Yes",
        b.mw_r(yes, no, ", exact = TRUE"),
        {"W": float(res.statistic), "p": float(res.pvalue)},
        "MASS::Pima.te rows 1-20",
        "r console print(df) with row numbers and an extra column",
    )


@item
def kruskal_warpbreaks_wool_b() -> None:
    d = r_frame("warpbreaks[warpbreaks$wool == 'B', ]")
    groups = [toks(d.breaks[d.tension == t]) for t in ("L", "M", "H")]
    prompt = (
        "Wool B only. breaks by tension:\nL (low)    "
        + " ".join(groups[0])
        + "\nM (medium) "
        + " ".join(groups[1])
        + "\nH (high)   "
        + " ".join(groups[2])
        + "\nCounts are skewed → Kruskal-Wallis (tie corrected). H/df/p?"
    )
    b.kruskal_item(
        SET, prompt, groups, "tie-corrected, 3 groups", "datasets::warpbreaks wool B", "labelled space lists"
    )


@item
def kruskal_orchardsprays_4() -> None:
    d = r_frame("OrchardSprays[OrchardSprays$treatment %in% c('C', 'D', 'E', 'F'), ]")
    labs = ["C", "D", "E", "F"]
    groups = [toks(d.decrease[d.treatment == t]) for t in labs]
    rows = ["  " + "  ".join(f"{t:>4}" for t in labs)]
    rows += ["  " + "  ".join(f"{g[i]:>4}" for g in groups) for i in range(8)]
    prompt = (
        "OrchardSprays, four of the sprays (C, D, E, F), 8 rows each\n"
        + "\n".join(rows)
        + "\n\nkruskal.test across the 4 sprays please"
    )
    b.kruskal_item(
        SET,
        prompt,
        groups,
        "tie-corrected",
        "datasets::OrchardSprays C, D, E, F",
        "whitespace-aligned columns, groups as columns",
    )


# ================================================================ ANOVA, normality


@item
def anova_morley_five() -> None:
    d = r_frame("morley")
    groups = [toks(d.Speed[d.Expt == e]) for e in range(1, 6)]
    rows = ["Run\tExpt1\tExpt2\tExpt3\tExpt4\tExpt5"]
    rows += [f"{i + 1}\t" + "\t".join(g[i] for g in groups) for i in range(20)]
    prompt = (
        "Speed (km/s minus 299,000) — 5 experiments x 20 runs, pasted from the wide sheet:\n"
        + "\n".join(rows)
        + "\n\none-way anova, experiment as the factor; F(df1, df2) and p"
    )
    b.anova_item(
        SET,
        prompt,
        groups,
        ["1", "2", "3", "4", "5"],
        "F test, 5 groups",
        "datasets::morley",
        "tsv wide with a run column",
    )


@item
def anova_warpbreaks_wool_a() -> None:
    d = r_frame("warpbreaks[warpbreaks$wool == 'A', ]")
    labs = ["L", "M", "H"]
    groups = [toks(d.breaks[d.tension == t]) for t in labs]
    lines = ["> wa <- subset(warpbreaks, wool == 'A')", "> print(wa, row.names = FALSE)", " breaks wool tension"]
    lines += [f"{x:>7}    A       {t}" for t, g in zip(labs, groups, strict=True) for x in g]
    prompt = "\n".join(lines) + "\n\nOne-way ANOVA of breaks ~ tension for wool A. Need F, both dfs, p."
    b.anova_item(
        SET, prompt, groups, labs, "F test, 3 groups", "datasets::warpbreaks wool A", "r print(df) long format"
    )


@item
def shapiro_loblolly_age25() -> None:
    d = r_frame("Loblolly[Loblolly$age == 25, ]")
    h = toks(d.height)
    prompt = "heights at 25 yr: " + "; ".join(h) + "\nshapiro-wilk normality test before I run a t test. W and p"
    res = stats.shapiro(fl(h))
    answer(
        prompt,
        "shapiro_wilk",
        "default",
        f"s <- shapiro.test({rv(h)})\nemit(W = s$statistic, p = s$p.value)",
        {"W": float(res.statistic), "p": float(res.pvalue)},
        "datasets::Loblolly age 25",
        "semicolon list",
    )


@item
def shapiro_usarrests_assault() -> None:
    d = r_frame("USArrests")
    a = toks(d.Assault)
    lines = [f"[{i + 1:>2}] " + " ".join(f"{x:>3}" for x in a[i : i + 10]) for i in range(0, 50, 10)]
    prompt = (
        "> USArrests$Assault\n" + "\n".join(lines) + "\n> shapiro.test(USArrests$Assault)\n\n"
        "^ what does that give (W, p-value)? the R on this laptop is broken"
    )
    res = stats.shapiro(fl(a))
    answer(
        prompt,
        "shapiro_wilk",
        "Shapiro-Wilk W and p",
        f"s <- shapiro.test({rv(a)})\nemit(W = s$statistic, p = s$p.value)",
        {"W": float(res.statistic), "p": float(res.pvalue)},
        "datasets::USArrests",
        "r console vector with command",
    )


# ================================================================ correlation and regression


@item
def pearson_usarrests_urbanpop_rape_90() -> None:
    d = r_frame("USArrests[1:20, ]")
    u, rp = toks(d.UrbanPop), dec1(d.Rape)
    prompt = (
        "first 20 states: (urban %, rape arrests/100k)\n"
        + " ".join(f"({x}, {y})" for x, y in zip(u, rp, strict=True))
        + "\n\npearson r between urbanisation and rape arrests, with p and a 90% CI (Fisher z)"
    )
    keys = ["r", "p", "ci_low", "ci_high"]
    answer(
        prompt,
        "pearson",
        "two-sided; Fisher z 90% CI",
        b.pearson_r(u, rp, 0.9, keys),
        b.pearson_check(fl(u), fl(rp), 0.9, keys),
        "datasets::USArrests rows 1-20",
        "(x, y) pairs on one line",
    )


@item
def pearson_pima_bmi_bp() -> None:
    d = pima("31:55")
    sk, bm = toks(d.bp), toks(d.bmi)
    rows = ['"dbp_mmHg","bmi_kg_m2","age"'] + [f"{s},{m},{a}" for s, m, a in zip(sk, bm, toks(d.age), strict=True)]
    prompt = (
        "diastolic blood pressure vs BMI in 25 Pima women\n" + "\n".join(rows) + "\n"
        "Pearson correlation dbp ~ bmi: r, t, p, 95% CI"
    )
    keys = ["r", "t", "p", "ci_low", "ci_high"]
    answer(
        prompt,
        "pearson",
        "with Fisher-z CI",
        b.pearson_r(sk, bm, 0.95, keys),
        b.pearson_check(fl(sk), fl(bm), 0.95, keys),
        "MASS::Pima.te rows 31-55",
        "csv quoted header units extra column",
    )


@item
def spearman_usarrests_rape_urbanpop() -> None:
    d = r_frame("USArrests[21:40, ]")
    m, u = dec1(d.Rape), toks(d.UrbanPop)
    prompt = (
        "Rape: " + " ".join(m) + "\nUrbanPop: " + " ".join(u) + "\n"
        "(states 21-40 of USArrests) spearman's rho + p? R will complain about ties, that's fine (t approx)"
    )
    res = stats.spearmanr(fl(m), fl(u))
    answer(
        prompt,
        "spearman",
        "ties; t approximation",
        b.rank_cor_r(m, u, "spearman", ", exact = FALSE"),
        {"rho": float(res.statistic), "p": float(res.pvalue)},
        "datasets::USArrests rows 21-40",
        "labelled space lists",
    )


@item
def spearman_pima_ped_bmi() -> None:
    d = pima("61:80")
    ped, bm = [f"{v:.3f}" for v in d.ped], toks(d.bmi)
    prompt = (
        "pedigree function -> BMI, Pima.te rows 61-80\n"
        + "\n".join(f"{x} -> {y}" for x, y in zip(ped, bm, strict=True))
        + "\nspearman correlation, asymptotic p (exact=FALSE)"
    )
    res = stats.spearmanr(fl(ped), fl(bm))
    answer(
        prompt,
        "spearman",
        "asymptotic",
        b.rank_cor_r(ped, bm, "spearman", ", exact = FALSE"),
        {"rho": float(res.statistic), "p": float(res.pvalue)},
        "MASS::Pima.te rows 61-80",
        "x -> y lines",
    )


@item
def kendall_warpbreaks_normal() -> None:
    d = r_frame("warpbreaks[warpbreaks$wool == 'B', ]")
    tens = [{"L": "1", "M": "2", "H": "3"}[t] for t in d.tension]
    br = toks(d.breaks)
    prompt = (
        "tension coded 1=L 2=M 3=H, wool B\n"
        + "tension\tbreaks\n"
        + "\n".join(f"{x}\t{y}" for x, y in zip(tens, br, strict=True))
        + "\nkendall tau-b (lots of ties → normal approx) between tension level and breaks; tau, p"
    )
    res = stats.kendalltau(fl(tens), fl(br), method="asymptotic")
    answer(
        prompt,
        "kendall_tau",
        "tau-b, normal approximation (ties)",
        b.rank_cor_r(tens, br, "kendall", ", exact = FALSE"),
        {"tau": float(res.statistic), "p": float(res.pvalue)},
        "datasets::warpbreaks wool B",
        "tsv two columns",
    )


@item
def kendall_loblolly_exact() -> None:
    d = (
        r_frame("Loblolly[Loblolly$age == 5, ]")
        .merge(r_frame("Loblolly[Loblolly$age == 25, ]"), on="Seed", suffixes=("_5", "_25"))
        .sort_values("height_5")
    )
    x, y = b.dec2(d.height_5), b.dec2(d.height_25)
    assert len(set(x)) == len(x) and len(set(y)) == len(y)
    prompt = (
        "does early height predict height at 25? per seed source (ft):\nage5  age25\n"
        + "\n".join(f"{p}  {q}" for p, q in zip(x, y, strict=True))
        + "\nkendall's tau with exact p"
    )
    res = stats.kendalltau(fl(x), fl(y), method="exact")
    answer(
        prompt,
        "kendall_tau",
        "exact",
        b.rank_cor_r(x, y, "kendall", ", exact = TRUE"),
        {"tau": float(res.statistic), "p": float(res.pvalue)},
        "datasets::Loblolly ages 5 and 25",
        "space columns",
    )


@item
def lm_usarrests_murder_assault() -> None:
    d = r_frame("USArrests[seq(1, 50, 2), ]")
    states = b.r_text_rownames("USArrests[seq(1, 50, 2), ]")
    a, m = toks(d.Assault), dec1(d.Murder)
    rows = ["| state | Assault | Murder | UrbanPop |", "|---|---:|---:|---:|"]
    rows += [f"| {s} | {x} | {y} | {u} |" for s, x, y, u in zip(states, a, m, toks(d.UrbanPop), strict=True)]
    prompt = (
        "\n".join(rows) + "\n\n(every other state) regress Murder on Assault, simple linear regression: slope, "
        "intercept, SE of slope and R^2"
    )
    b.lm_item(
        SET,
        prompt,
        a,
        m,
        "OLS murder ~ assault: slope, intercept, SE(slope), R^2",
        ["slope", "intercept", "se_slope", "r2"],
        "datasets::USArrests odd rows",
        "markdown table extra columns",
    )


@item
def lm_orange_tree1() -> None:
    d = r_frame("Orange[Orange$Tree == 1, ]")
    age, circ = toks(d.age), toks(d.circumference)
    prompt = (
        "Tree 1 (orange trees): age in days since 1968/12/31 and trunk circumference (mm)\n"
        + "\n".join(f"{x} d: {y} mm" for x, y in zip(age, circ, strict=True))
        + "\nlinear fit circumference ~ age please (slope per day, intercept, R²)"
    )
    b.lm_item(
        SET,
        prompt,
        age,
        circ,
        "simple OLS",
        ["slope", "intercept", "r2"],
        "datasets::Orange tree 1",
        "labelled lines with units",
    )


@item
def logistic_pima_te_glu() -> None:
    d = pima("101:150")
    g, y = toks(d.glu), ["1" if t == "Yes" else "0" for t in d.type]
    pairs = " ".join(f"{a}/{t}" for a, t in zip(g, d.type, strict=True))
    prompt = (
        "50 Pima women (rows 101-150 of Pima.te), glucose/diabetes:\n" + pairs + "\n\n"
        "logistic regression of diabetes (Yes=1) on glucose — OR per mg/dL with Wald 95% CI and p"
    )
    b.logit_item(SET, prompt, g, y, "Wald CI; per 1 mg/dL glucose", "MASS::Pima.te rows 101-150", "x/y tokens")


@item
def logistic_lung_karno() -> None:
    d = r_frame(f"{LUNG}[!is.na({LUNG}$ph.karno), ][1:40, c('ph.karno', 'status')]")
    k = toks(d.ph_karno)
    dead = ["1" if s == 2 else "0" for s in d.status]
    prompt = (
        "lung cancer (NCCTG), first 40 pts with a Karnofsky score; died during follow-up y/n\n"
        "karno: " + ",".join(k) + "\ndied:  " + ",".join("y" if v == "1" else "n" for v in dead) + "\n"
        "simple logistic regression died ~ karnofsky, odds ratio per point + wald CI, p"
    )
    b.logit_item(
        SET,
        prompt,
        k,
        dead,
        "Wald CI; per Karnofsky point",
        "survival::lung first 40 with ph.karno",
        "comma lists with y/n outcome",
    )


# ================================================================ survival


AML_M = (
    ["9", "13", "13", "18", "23", "28", "31", "34", "45", "48", "161"],
    ["1", "1", "0", "1", "1", "0", "1", "1", "0", "1", "0"],
)
AML_N = (
    ["5", "5", "8", "8", "12", "16", "23", "27", "30", "33", "43", "45"],
    ["1", "1", "1", "1", "1", "0", "1", "1", "1", "1", "1", "1"],
)


@item
def km_aml_nonmaintained() -> None:
    prompt = (
        "AML, no maintenance chemo (weeks to relapse, + = censored):\n" + b.plus(*AML_N) + "\nKM: median and S(24 wk)?"
    )
    b.km_item(SET, prompt, *AML_N, [24], "KM median and S(24)", "survival::aml Nonmaintained", "plus censoring list")


@item
def km_lung_ecog0() -> None:
    d = r_frame(f"{LUNG}[{LUNG}$ph.ecog %in% 0 & {LUNG}$sex == 2, c('inst', 'time', 'status', 'age')]")
    t, st = toks(d.time), toks(d.status)
    e = ["1" if s == "2" else "0" for s in st]
    rows = ["inst,time,status,age"] + [
        f"{i},{x},{s},{a}" for i, x, s, a in zip(toks(d.inst), t, st, toks(d.age), strict=True)
    ]
    prompt = (
        "women with ECOG 0 from survival::lung. status is R's coding: 1 = censored, 2 = dead. time in days\n"
        + "\n".join(rows)
        + "\nKaplan-Meier median survival and 1-year (365 d) survival please"
    )
    b.km_item(
        SET,
        prompt,
        t,
        e,
        [365],
        "KM median and S(365), status 1 = censored / 2 = dead",
        "survival::lung women ECOG 0",
        "csv with 1/2 status coding and unused columns",
    )


@item
def logrank_aml() -> None:
    t, e = AML_M[0] + AML_N[0], AML_M[1] + AML_N[1]
    g = ["Maintained"] * 11 + ["Nonmaintained"] * 12
    lines = ["> aml", "   time status             x"]
    lines += [f"{i:>2} {x:>5} {s:>6} {gg:>13}" for i, (x, s, gg) in enumerate(zip(t, e, g, strict=True), 1)]
    prompt = "\n".join(lines) + "\n\nlog-rank test maintained vs non (survdiff), chisq df p"
    answer(
        prompt,
        "log_rank",
        "2 groups",
        b.r_logrank(t, e, g),
        b.logrank_check(fl(t), fl(e), g),
        "survival::aml",
        "r console print(df) with row numbers",
    )


@item
def logrank_lung_ecog() -> None:
    d = r_frame(f"{LUNG}[!is.na({LUNG}$ph.ecog) & {LUNG}$ph.ecog < 3, ][1:45, c('time', 'status', 'ph.ecog')]")
    t = toks(d.time)
    e = ["1" if s == 2 else "0" for s in d.status]
    g = [f"ecog{int(v)}" for v in d.ph_ecog]
    toks_ = " ".join(f"{x}{'' if s == '1' else '+'}@{int(v)}" for x, s, v in zip(t, e, d.ph_ecog, strict=True))
    prompt = (
        "time@ECOG (days; + censored), first 45 lung pts with ECOG 0-2:\n"
        + toks_
        + "\n\nlog rank across the three ECOG groups"
    )
    answer(
        prompt,
        "log_rank",
        "3 groups",
        b.r_logrank(t, e, g),
        b.logrank_check(fl(t), fl(e), g),
        "survival::lung first 45 with ECOG 0-2",
        "time@group tokens with + censoring",
    )


@item
def cox_lung_sex() -> None:
    d = r_frame(f"{LUNG}[{LUNG}$inst %in% c(1, 12), c('time', 'status', 'sex', 'age', 'wt.loss')]")
    t = toks(d.time)
    e = ["1" if s == 2 else "0" for s in d.status]
    fem = ["1" if s == 2 else "0" for s in d.sex]
    rows = ["time\tstatus\tsex\tage\twt.loss (lb)"] + [
        f"{x}\t{s}\t{'F' if f == '1' else 'M'}\t{a}\t{w}"
        for x, s, f, a, w in zip(t, toks(d.status), fem, toks(d.age), toks(d.wt_loss), strict=True)
    ]
    prompt = (
        "institutions 1 and 12 of the NCCTG lung data. status: 1=censored 2=dead\n"
        + "\n".join(rows)
        + "\n\ncox model on sex only, HR female vs male (male = reference), 95% CI, p. efron ties"
    )
    b.cox_item(
        SET,
        prompt,
        t,
        e,
        fem,
        "single binary covariate, Efron; HR female vs male",
        "survival::lung institutions 1 and 12",
        "tsv status 2/1 with M/F and an NA column",
    )


@item
def cox_lung_age() -> None:
    d = r_frame(f"{LUNG}[{LUNG}$inst %in% c(3, 22), c('time', 'status', 'age')]")
    t, a = toks(d.time), toks(d.age)
    e = ["1" if s == 2 else "0" for s in d.status]
    prompt = (
        "(days, died 1/0, age) for inst 3 & 22:\n"
        + "; ".join(f"({x}, {s}, {y})" for x, s, y in zip(t, e, a, strict=True))
        + "\ncoxph on age as a continuous covariate - HR per year of age, CI, p"
    )
    b.cox_item(
        SET,
        prompt,
        t,
        e,
        a,
        "single continuous covariate, Efron",
        "survival::lung institutions 3 and 22",
        "(time, status, x) tuples",
    )


# ================================================================ tables


def lung_sex_dead() -> list[list[int]]:
    d = r_frame(f"{LUNG}[{LUNG}$age >= 65, c('sex', 'status')]")
    return [[int(((d.sex == s) & (d.status == 2)).sum()), int(((d.sex == s) & (d.status == 1)).sum())] for s in (1, 2)]


@item
def chisq_lung_sex_yates() -> None:
    (a, bb), (c, dd) = lung_sex_dead()
    prompt = (
        f"NCCTG lung, patients 65 and older: of {a + bb} men {a} died during follow-up; of {c + dd} women {c} "
        "died. chi square test with Yates' "
        "correction?"
    )
    b.chisq_item(
        SET,
        prompt,
        [[a, bb], [c, dd]],
        True,
        "2x2 with Yates continuity correction",
        "survival::lung age >= 65, sex x status",
        "a of n in prose",
    )


@item
def chisq_pima_age_groups() -> None:
    d = pima("1:90", "c('age', 'type')")
    bands = pd.cut(d.age, [0, 30, 45, 200], labels=["21-30", "31-45", "46+"])
    tab = [[int(((bands == bd) & (d.type == t)).sum()) for t in ("Yes", "No")] for bd in ["21-30", "31-45", "46+"]]
    lines = ["                 diabetes", "age band   |  Yes    No | Total", "-----------+------------+------"]
    lines += [
        f"{bd:<10} | {y:>4} {n:>5} | {y + n:>5}" for bd, (y, n) in zip(["21-30", "31-45", "46+"], tab, strict=True)
    ]
    lines += [
        "-----------+------------+------",
        f"Total      | {sum(r[0] for r in tab):>4} {sum(r[1] for r in tab):>5} | {sum(map(sum, tab)):>5}",
    ]
    prompt = "Pima.te, first 90 women\n\n" + "\n".join(lines) + "\n\ndiabetes by age band — Pearson chi-square, df, p"
    b.chisq_item(
        SET,
        prompt,
        tab,
        False,
        "r x c (3x2) Pearson chi-square",
        "MASS::Pima.te rows 1-90 age bands",
        "stata tabulate with totals",
    )


@item
def chisq_caith_eyes_hair() -> None:
    d = r_frame("cbind(eyes = rownames(MASS::caith), MASS::caith)")
    cols = ["fair", "red", "medium", "dark", "black"]
    tab = [[int(d[c].iloc[i]) for c in cols] for i in range(4)]
    lines = ["> caith", "       " + " ".join(f"{c:>6}" for c in cols)]
    lines += [f"{e:<6} " + " ".join(f"{v:>6}" for v in row) for e, row in zip(d.eyes, tab, strict=True)]
    prompt = (
        "\n".join(lines)
        + "\n\nCaithness schoolchildren, eye x hair colour. chisq.test on the whole 4x5 table — X-squared and "
        "df (p is obviously tiny)"
    )
    b.chisq_item(
        SET,
        prompt,
        tab,
        False,
        "r x c (4x5) Pearson chi-square",
        "MASS::caith",
        "r console print of a data frame",
    )


@item
def chisq_pima_npreg_no_yates() -> None:
    d = pima("", "c('npreg', 'type')")
    tab = [[int((((d.npreg == 0) == z) & (d.type == t)).sum()) for t in ("Yes", "No")] for z in (False, True)]
    y1, n1 = tab[0]
    y0, n0 = tab[1]
    prompt = (
        "| | diabetic | not diabetic |\n|---|---|---|\n"
        f"| ever pregnant | {y1} ({100 * y1 / (y1 + n1):.1f}%) | {n1} ({100 * n1 / (y1 + n1):.1f}%) |\n"
        f"| never pregnant | {y0} ({100 * y0 / (y0 + n0):.1f}%) | {n0} ({100 * n0 / (y0 + n0):.1f}%) |\n\n"
        "2x2 chi-squared without the continuity correction (correct=FALSE)"
    )
    b.chisq_item(
        SET,
        prompt,
        tab,
        False,
        "2x2 without continuity correction",
        "MASS::Pima.te npreg 0 vs >0",
        "markdown 2x2 with row percentages",
    )


@item
def fisher_aml_relapse() -> None:
    a, bb, c, dd = 7, 4, 11, 1
    prompt = (
        "AML trial (Embury): relapse yes/no\n            relapse  no relapse\nmaintained      7        4\n"
        "not maint.     11        1\nfisher exact two-sided please, plus the conditional MLE odds ratio and CI"
    )
    r = (
        f"f <- fisher.test({b.two_by_two(a, bb, c, dd)})\n"
        "emit(p = f$p.value, or = f$estimate, ci_low = f$conf.int[1], ci_high = f$conf.int[2])"
    )
    answer(
        prompt,
        "fisher_exact",
        "2x2 two-sided",
        r,
        b.fisher_check(a, bb, c, dd),
        "survival::aml status by arm",
        "aligned 2x2",
        check_tol=b.FISHER_TOL,
    )


@item
def fisher_lung_inst() -> None:
    d = r_frame(f"{LUNG}[{LUNG}$inst %in% c(2, 11) , c('inst', 'ph.ecog')]")
    tab = [
        [int(((d.inst == i) & (d.ph_ecog >= 2)).sum()), int(((d.inst == i) & (d.ph_ecog < 2)).sum())] for i in (2, 11)
    ]
    (a, bb), (c, dd) = tab
    prompt = (
        f"inst 2: {a}/{a + bb} patients had ECOG >= 2\ninst 11: {c}/{c + dd} had ECOG >= 2\n"
        "tiny numbers so fisher's exact test (2-sided), OR inst 2 vs inst 11 w/ CI"
    )
    r = (
        f"f <- fisher.test({b.two_by_two(a, bb, c, dd)})\n"
        "emit(p = f$p.value, or = f$estimate, ci_low = f$conf.int[1], ci_high = f$conf.int[2])"
    )
    answer(
        prompt,
        "fisher_exact",
        "2x2 two-sided; OR inst 2 vs inst 11",
        r,
        b.fisher_check(a, bb, c, dd),
        "survival::lung institutions 2 and 11, ECOG >= 2",
        "x/n lines",
        check_tol=b.FISHER_TOL,
    )


def mcnemar_table() -> list[list[int]]:
    d = r_frame(f"{LUNG}[!is.na({LUNG}$ph.karno) & !is.na({LUNG}$pat.karno), c('ph.karno', 'pat.karno')]")
    doc, pat = d.ph_karno < 80, d.pat_karno < 80
    return [[int((doc & pat).sum()), int((doc & ~pat).sum())], [int((~doc & pat).sum()), int((~doc & ~pat).sum())]]


@item
def mcnemar_lung_karno_cc() -> None:
    tab = mcnemar_table()
    prompt = (
        "Karnofsky < 80 as rated by the physician vs by the patient (same patients, NCCTG lung):\n"
        "                   patient <80   patient >=80\n"
        f"physician <80      {tab[0][0]:>6}        {tab[0][1]:>6}\n"
        f"physician >=80     {tab[1][0]:>6}        {tab[1][1]:>6}\n"
        "do they disagree systematically? mcnemar (with continuity correction)"
    )
    r = f"x <- mcnemar.test({b.r_matrix(tab)})\nemit(chisq = x$statistic, df = x$parameter, p = x$p.value)"
    res = mcnemar(np.array(tab), exact=False, correction=True)
    answer(
        prompt,
        "mcnemar",
        "chi-square with continuity correction",
        r,
        {"chisq": float(res.statistic), "df": 1.0, "p": float(res.pvalue)},
        "survival::lung ph.karno vs pat.karno < 80",
        "aligned paired 2x2",
    )


@item
def mcnemar_approval_nocc() -> None:
    prompt = (
        "Agresti's presidential approval example, 1600 people asked twice a month apart:\n"
        "approve both times 794, approve then disapprove 150, disapprove then approve 86, disapprove both 570.\n"
        "mcnemar test no continuity correction, chisq and df (p is way below .001 anyway)"
    )
    tab = [[794, 150], [86, 570]]
    r = f"x <- mcnemar.test({b.r_matrix(tab)}, correct = FALSE)\nemit(chisq = x$statistic, df = x$parameter)"
    res = mcnemar(np.array(tab), exact=False, correction=False)
    answer(
        prompt,
        "mcnemar",
        "chi-square without continuity correction",
        r,
        {"chisq": float(res.statistic), "df": 1.0},
        "Agresti (2002) presidential approval ratings",
        "paired counts in words",
    )


@item
def or_lung_sex_90() -> None:
    (a, bb), (c, dd) = lung_sex_dead()
    prompt = (
        f"lung pts aged 65+\nsex;died;alive\nmale;{a};{bb}\nfemale;{c};{dd}\n\n"
        "odds ratio of dying, men vs women (women = reference), "
        "Woolf/log 90% CI"
    )
    r, check = b.woolf_level(a, bb, c, dd, 0.9)
    answer(
        prompt,
        "odds_ratio",
        "OR men vs women (women reference), Woolf log 90% CI",
        r,
        check,
        "survival::lung age >= 65, sex x status",
        "semicolon table",
    )


@item
def or_pima_bmi35() -> None:
    d = pima("", "c('bmi', 'type')")
    hi = d.bmi >= 35
    a, bb = int((hi & (d.type == "Yes")).sum()), int((hi & (d.type == "No")).sum())
    c, dd = int((~hi & (d.type == "Yes")).sum()), int((~hi & (d.type == "No")).sum())
    prompt = (
        "PROC FREQ-ish output (Pima test set)\n\nTable of bmi35 by diabetes\n"
        "bmi35     diabetes\nFrequency|Yes     |No      |  Total\n---------+--------+--------+\n"
        f">=35     |{a:>8}|{bb:>8}|{a + bb:>7}\n---------+--------+--------+\n<35      |{c:>8}|{dd:>8}|{c + dd:>7}\n"
        f"---------+--------+--------+\nTotal     {a + c:>8} {bb + dd:>8} {a + bb + c + dd:>7}\n\n"
        "need the odds ratio bmi>=35 vs <35 with the usual log (Woolf) 95% CI"
    )
    r, check = b.woolf_level(a, bb, c, dd, 0.95)
    answer(
        prompt,
        "odds_ratio",
        "OR BMI>=35 vs <35, Woolf log 95% CI",
        r,
        check,
        "MASS::Pima.te bmi >= 35",
        "sas proc freq with totals",
    )


@item
def rr_pima_glucose() -> None:
    d = pima("", "c('glu', 'type')")
    hi = d.glu >= 140
    a, n1 = int((hi & (d.type == "Yes")).sum()), int(hi.sum())
    c, n2 = int((~hi & (d.type == "Yes")).sum()), int((~hi).sum())
    prompt = (
        f"glucose >=140: {a} diabetic out of n={n1}\nglucose <140: {c} diabetic out of n={n2}\n"
        "relative risk (>=140 vs <140) with log-scale (Katz) 95% CI pls"
    )
    answer(
        prompt,
        "relative_risk",
        "RR >=140 vs <140, Katz log 95% CI",
        b.rr_r(a, n1, c, n2),
        b.rr_check(a, n1, c, n2),
        "MASS::Pima.te glucose >= 140",
        "n= annotated lines",
    )


@item
def rr_aml_relapse() -> None:
    prompt = (
        "relapse: not maintained 11/12 vs maintained 7/11. risk ratio not-maintained vs maintained (reference) with "
        "95% CI (log method)"
    )
    answer(
        prompt,
        "relative_risk",
        "RR not maintained vs maintained (reference), Katz log 95% CI",
        b.rr_r(11, 12, 7, 11),
        b.rr_check(11, 12, 7, 11),
        "survival::aml status by arm",
        "a/b counts in prose",
    )


@item
def rd_lung_sex() -> None:
    (a, bb), (c, dd) = lung_sex_dead()
    prompt = (
        f"deaths in the 65+ lung patients: men {a} of {a + bb} ({100 * a / (a + bb):.0f}%), women {c} of "
        f"{c + dd} ({100 * c / (c + dd):.0f}%)\n"
        "risk difference men minus women w/ Wald 95% CI?"
    )
    answer(
        prompt,
        "risk_difference",
        "Wald CI, men minus women",
        b.rd_r(a, a + bb, c, c + dd),
        b.rd_check(a, a + bb, c, c + dd),
        "survival::lung age >= 65, sex x status",
        "counts with percentages",
    )


@item
def rd_pima_npreg() -> None:
    d = pima("", "c('npreg', 'type')")
    many = d.npreg >= 5
    a, n1 = int((many & (d.type == "Yes")).sum()), int(many.sum())
    c, n2 = int((~many & (d.type == "Yes")).sum()), int((~many).sum())
    prompt = (
        '"group","diabetic","n"\n'
        f'"5+ pregnancies",{a},{n1}\n"0-4 pregnancies",{c},{n2}\n\n'
        "absolute risk difference (5+ minus 0-4), wald interval"
    )
    answer(
        prompt,
        "risk_difference",
        "Wald CI, 5+ minus 0-4 pregnancies",
        b.rd_r(a, n1, c, n2),
        b.rd_check(a, n1, c, n2),
        "MASS::Pima.te npreg >= 5",
        "csv quoted events and n",
    )


# ================================================================ multiplicity and design


@item
def padjust_pima_holm() -> None:
    labels = ["npreg", "glu", "bp", "skin", "bmi"]
    code = "\n".join(f"emit({v} = t.test({v} ~ type, data = MASS::Pima.te[1:60, ])$p.value)" for v in labels)
    raw = b.raw_pvalues(code)
    pvals = [raw[v] for v in labels]
    prompt = (
        "welch t tests diabetic vs not, Pima.te rows 1-60:\n"
        + "\n".join(f"- {v}: p = {p}" for v, p in zip(labels, pvals, strict=True))
        + "\nholm-adjust these 5 please"
    )
    b.padj_item(SET, prompt, labels, pvals, "holm", "MASS::Pima.te rows 1-60 Welch p-values", "bullet p-values")


@item
def padjust_usarrests_bh() -> None:
    labels = ["Murder", "Assault", "Rape"]
    code = "\n".join(f"emit({v} = cor.test(USArrests${v}, USArrests$UrbanPop)$p.value)" for v in labels)
    raw = b.raw_pvalues(code)
    pvals = [raw[v] for v in labels]
    prompt = (
        "correlations with UrbanPop (USArrests): Murder p="
        + pvals[0]
        + ", Assault p="
        + pvals[1]
        + ", Rape p="
        + pvals[2]
        + ". BH/FDR adjusted values?"
    )
    b.padj_item(
        SET, prompt, labels, pvals, "BH", "datasets::USArrests correlation p-values", "p-values inline in a sentence"
    )


@item
def sample_size_t_warpbreaks() -> None:
    prompt = (
        "pilot: SD of breaks ≈ 13 (warpbreaks). want to detect a 10-break difference between two wools. "
        "n per group for 80% and 90% power, two-sided 5%? (power.t.test)"
    )
    b.sample_size_t_item(
        SET,
        prompt,
        "10",
        "13",
        [0.8, 0.9],
        "two-sample, two-sided",
        "datasets::warpbreaks SD (rounded)",
        "design prose",
    )


@item
def power_t_loblolly() -> None:
    prompt = (
        "> power.t.test(n = 14, delta = 3, sd = 3.5)$power\n> power.t.test(n = 20, delta = 3, sd = 3.5)$power\n"
        "(sd from the Loblolly heights at 25 yr) what do these give?"
    )
    r = (
        "a <- power.t.test(n = 14, delta = 3, sd = 3.5)$power\nc0 <- power.t.test(n = 20, delta = 3, sd = 3.5)$power\n"
        "emit(power_n14 = a, power_n20 = c0)"
    )
    check = {"power_n14": b.power_t_py(14, 3, 3.5), "power_n20": b.power_t_py(20, 3, 3.5)}
    answer(prompt, "power_t", "two-sample, two-sided", r, check, "datasets::Loblolly SD (rounded)", "r console calls")


@item
def sample_size_prop_aml() -> None:
    prompt = (
        "relapse ~90% without maintenance and ~65% with it (aml). per-arm n for 80% / 90% power, two sided alpha 5%, "
        "power.prop.test"
    )
    r = (
        "a <- power.prop.test(p1 = 0.9, p2 = 0.65, power = 0.8)$n\n"
        "c0 <- power.prop.test(p1 = 0.9, p2 = 0.65, power = 0.9)$n\n"
        "emit(n_per_group_80 = ceiling(a), n_per_group_90 = ceiling(c0))"
    )
    check = {
        "n_per_group_80": float(math.ceil(b.n_prop_py(0.9, 0.65, 0.8))),
        "n_per_group_90": float(math.ceil(b.n_prop_py(0.9, 0.65, 0.9))),
    }
    answer(
        prompt,
        "sample_size_proportions",
        "two-sided, no continuity correction",
        r,
        check,
        "survival::aml relapse proportions (rounded)",
        "design question in percentages",
    )


@item
def power_prop_pima() -> None:
    prompt = (
        "p1=0.33 (diabetes prevalence, Pima) vs p2=0.22 in a lifestyle arm. power with 150 and 250 per arm? "
        "alpha .05 two-sided"
    )
    r = (
        "a <- power.prop.test(n = 150, p1 = 0.33, p2 = 0.22)$power\n"
        "c0 <- power.prop.test(n = 250, p1 = 0.33, p2 = 0.22)$power\n"
        "emit(power_n150 = a, power_n250 = c0)"
    )
    check = {"power_n150": b.power_prop_py(150, 0.33, 0.22), "power_n250": b.power_prop_py(250, 0.33, 0.22)}
    answer(
        prompt, "power_proportions", "two-sided", r, check, "MASS::Pima.te prevalence (rounded)", "key=value shorthand"
    )


@item
def sample_size_t_morley_alpha() -> None:
    prompt = (
        "Michelson-type repeat: run-to-run SD about 80 km/s (morley). to tell apart two setups whose means differ by "
        "50 km/s with 90% power — n per setup at two-sided alpha 0.05 and at 0.01?"
    )
    r = (
        b.r_n_t("50", "80", [0.9], ["n_per_group_alpha05"])
        + "\n"
        + b.r_n_t("50", "80", [0.9], ["n_per_group_alpha01"], alpha="0.01")
    )
    check = {
        "n_per_group_alpha05": float(math.ceil(b.n_t_py(50, 80, 0.9))),
        "n_per_group_alpha01": float(math.ceil(b.n_t_py(50, 80, 0.9, alpha=0.01))),
    }
    answer(
        prompt,
        "sample_size_t",
        "two-sample, two-sided; delta 50, sd 80, power 0.9, alpha 0.01 and 0.05",
        r,
        check,
        "datasets::morley SD (rounded)",
        "design question with two alphas",
    )


@item
def power_t_pima_glucose() -> None:
    prompt = (
        "Glucose SD in Pima.te is ~31 mg/dL.\nIf we randomise 25 or 40 women per arm and the diet lowers glucose by "
        "15 mg/dL, what's the power (2-sample t, 2-sided, α=0.05)?"
    )
    r = (
        "a <- power.t.test(n = 25, delta = 15, sd = 31)$power\n"
        "c0 <- power.t.test(n = 40, delta = 15, sd = 31)$power\nemit(power_n25 = a, power_n40 = c0)"
    )
    check = {"power_n25": b.power_t_py(25, 15, 31), "power_n40": b.power_t_py(40, 15, 31)}
    answer(prompt, "power_t", "two-sample, two-sided", r, check, "MASS::Pima.te SD of glu (rounded)", "design prose")


@item
def sample_size_prop_lung() -> None:
    prompt = (
        "1-yr mortality ≈ 60% in the NCCTG lung cohort. a new regimen might bring it to 45%.\n"
        "power.prop.test, two-sided 5%: n per arm at 80% power, and at 90%?"
    )
    r = (
        "a <- power.prop.test(p1 = 0.6, p2 = 0.45, power = 0.8)$n\n"
        "c0 <- power.prop.test(p1 = 0.6, p2 = 0.45, power = 0.9)$n\n"
        "emit(n_per_group_80 = ceiling(a), n_per_group_90 = ceiling(c0))"
    )
    check = {
        "n_per_group_80": float(math.ceil(b.n_prop_py(0.6, 0.45, 0.8))),
        "n_per_group_90": float(math.ceil(b.n_prop_py(0.6, 0.45, 0.9))),
    }
    answer(
        prompt,
        "sample_size_proportions",
        "two-sided, no continuity correction",
        r,
        check,
        "survival::lung 1-year mortality (rounded)",
        "design question in percentages",
    )


@item
def power_prop_aml() -> None:
    prompt = (
        "> power.prop.test(n = 40, p1 = 0.9, p2 = 0.65)\n> power.prop.test(n = 60, p1 = 0.9, p2 = 0.65)\n"
        "what power do these print? (relapse rates from aml)"
    )
    r = (
        "a <- power.prop.test(n = 40, p1 = 0.9, p2 = 0.65)$power\n"
        "c0 <- power.prop.test(n = 60, p1 = 0.9, p2 = 0.65)$power\nemit(power_n40 = a, power_n60 = c0)"
    )
    check = {"power_n40": b.power_prop_py(40, 0.9, 0.65), "power_n60": b.power_prop_py(60, 0.9, 0.65)}
    answer(
        prompt,
        "power_proportions",
        "two-sided",
        r,
        check,
        "survival::aml relapse proportions (rounded)",
        "r console calls",
    )


@item
def one_sample_pima_bmi_decimal_comma() -> None:
    d = pima("201:224", "c('bmi', 'age', 'type')")
    rows = ['"bmi";"age";"type"'] + [
        f"{b.dcomma(f'{m:.1f}')};{a};{t}" for m, a, t in zip(d.bmi, toks(d.age), d.type, strict=True)
    ]
    bm = [f"{m:.1f}" for m in d.bmi]
    prompt = (
        "Export aus unserem Excel (Pima.te Zeilen 201-224), Dezimalkomma:\n"
        + "\n".join(rows)
        + "\n\none-sample t-test of BMI against 30 kg/m2 (two-sided), with 95% CI please"
    )
    answer(
        prompt,
        "one_sample_t",
        "two-sided vs 30",
        ttest_r(rv(bm), extra="mu = 30"),
        ttest_check(stats.ttest_1samp(fl(bm), 30)),
        "MASS::Pima.te rows 201-224",
        "csv semicolon decimal comma quoted, extra columns",
    )


# ================================================================ must-decline


@item
def declines() -> None:
    wb = r_frame("warpbreaks")
    decline(
        "breaks\twool\ttension\n"
        + "\n".join(f"{x}\t{w}\t{t}" for x, w, t in zip(toks(wb.breaks), wb.wool, wb.tension, strict=True))
        + "\ntwo-way anova breaks ~ wool * tension with the interaction term please",
        "two_way_anova",
        "a two-factor ANOVA with interaction is not a supported analysis",
        ["two-way", "interaction", "factor"],
        "datasets::warpbreaks",
        "tsv long",
    )
    d = r_frame("Indometh[Indometh$time %in% c(0.25, 0.5, 1, 2), ]")
    rows = ["subj 0.25h 0.5h 1h 2h"] + [
        f"{s} " + " ".join(b.dec2(d.conc[(d.Subject == s)])) for s in sorted(set(d.Subject))
    ]
    decline(
        "\n".join(rows) + "\nFriedman test across the 4 time points (subjects = blocks)?",
        "friedman",
        "the Friedman test over repeated measurements is not supported",
        ["friedman", "repeated", "block"],
        "datasets::Indometh",
        "space columns",
    )
    p = pima("1:30", "c('glu', 'type')")
    decline(
        "glucose: "
        + ", ".join(toks(p.glu))
        + "\ndiabetes: "
        + ", ".join(p.type)
        + "\nhow well does glucose discriminate? ROC curve + AUC with CI",
        "roc_auc",
        "ROC/AUC analysis is not a supported analysis",
        ["roc", "auc", "curve"],
        "MASS::Pima.te rows 1-30",
        "labelled comma lists",
    )
    decline(
        "Loblolly: fit a mixed model height ~ age with a random intercept and slope per Seed (lme4). "
        "Data is the built-in Loblolly data frame",
        "mixed_model",
        "a linear mixed model is not supported",
        ["mixed", "random", "lme"],
        "datasets::Loblolly",
        "prose",
    )
    decline(
        "lung data: coxph(Surv(time, status) ~ age + sex + ph.ecog) — adjusted HRs for all three please, "
        "I'll paste the data if needed",
        "cox_multivariable",
        "a Cox model with several covariates is outside the single-covariate Cox",
        ["multivariable", "adjusted", "covariates"],
        "survival::lung",
        "r call in prose",
    )
    decline(
        "the InsectSprays counts look overdispersed (variance >> mean within sprays) — can you fit a negative "
        "binomial regression count ~ spray and give rate ratios vs spray A?",
        "negative_binomial_regression",
        "negative binomial regression is not a supported analysis",
        ["negative binomial", "count", "overdispers"],
        "datasets::InsectSprays",
        "prose",
    )
    pa = pima("", "c('age', 'type')")
    bands = [(21, 30), (31, 45), (46, 200)]
    counts = [
        (
            int(((pa.age >= lo) & (pa.age <= hi) & (pa.type == "Yes")).sum()),
            int(((pa.age >= lo) & (pa.age <= hi)).sum()),
        )
        for lo, hi in bands
    ]
    decline(
        "Pima.te: diabetes Yes by age band 21-30: {}/{}, 31-45: {}/{}, 46+: {}/{}. Cochran-Armitage test "
        "for trend across the ordered age bands".format(*(v for pair in counts for v in pair)),
        "cochran_armitage",
        "a trend test across ordered groups is not a supported analysis",
        ["trend", "armitage", "ordered"],
        "MASS::Pima.te age bands",
        "x/n in prose",
    )
    ph = r_frame(f"{LUNG}[1:20, c('ph.karno', 'pat.karno')]")
    decline(
        "physician vs patient Karnofsky, 20 lung pts\nph: "
        + " ".join(toks(ph.ph_karno))
        + "\npat: "
        + " ".join(toks(ph.pat_karno))
        + "\nBland-Altman: bias and 95% limits of agreement",
        "bland_altman",
        "Bland-Altman agreement analysis is not a supported analysis",
        ["bland", "agreement", "limits"],
        "survival::lung rows 1-20",
        "labelled space lists",
    )
    decline(
        "ran kruskal on warpbreaks wool B by tension, it's significant. now Dunn's post hoc with holm "
        "adjustment for the 3 pairwise comparisons?",
        "dunn",
        "Dunn's post hoc test is not supported (and no data are pasted)",
        ["dunn", "post hoc", "pairwise"],
        "datasets::warpbreaks",
        "prose",
    )
    decline(
        "ICC(2,1) for physician vs patient karnofsky ratings in lung — inter-rater reliability",
        "icc",
        "the intraclass correlation coefficient is not a supported analysis",
        ["icc", "intraclass", "reliability"],
        "survival::lung",
        "prose",
    )
    decline(
        "aml maintained arm only: " + b.plus(*AML_M) + "\nlog-rank test please",
        "log_rank",
        "only the maintained arm is given; a log-rank test needs at least two groups",
        ["one group", "two groups", "second group"],
        "survival::aml Maintained",
        "plus censoring list",
    )
    decline(
        "mcnemar on this paired table (rater 1 rows, rater 2 cols)\n        low  mid  high\nlow      12    3    1\n"
        "high      2    9    7",
        "mcnemar",
        "McNemar's test needs a square 2x2 table of paired outcomes; this one is 2x3",
        ["2x2", "square", "2x3"],
        "constructed ratings table",
        "aligned 2x3",
    )
    lb = r_frame("Loblolly[Loblolly$age %in% c(20, 25), ]")
    a20, a25 = b.dec2(lb.height[lb.age == 20]), b.dec2(lb.height[lb.age == 25])[:11]
    decline(
        "paired t test age 25 vs age 20\nage20: " + ", ".join(a20) + "\nage25: " + ", ".join(a25),
        "paired_t",
        "the two lists have 14 and 11 values; a paired test needs equal pairs",
        ["pair", "unequal", "same length"],
        "datasets::Loblolly ages 20, 25 (truncated)",
        "labelled comma lists",
    )
    (a, bb), (c, dd) = lung_sex_dead()
    decline(
        f"lung, aged 65+. men: {a} died, {bb} alive (total {a + bb + 10})\n"
        f"women: {c} died, {dd} alive (total {c + dd})\n"
        "chi-square test of death by sex",
        "chi_square",
        f"the men's row adds up to {a + bb}, not the {a + bb + 10} given",
        ["total", "add up", "inconsistent"],
        "survival::lung age >= 65, sex x status (total altered)",
        "counts in words with contradictory totals",
    )
    wa = r_frame("warpbreaks[warpbreaks$tension == 'H', ]")
    decline(
        "wilcoxon signed rank test, paired, wool A vs B at high tension:\nA: "
        + " ".join(toks(wa.breaks[wa.wool == "A"]))
        + "\nB: "
        + " ".join(toks(wa.breaks[wa.wool == "B"])[:7])
        + "\n(different looms, not the same ones)",
        "wilcoxon_signed_rank",
        "the signed-rank test needs paired values; these are independent groups of different sizes",
        ["paired", "independent", "different sizes"],
        "datasets::warpbreaks tension H (B: first 7)",
        "labelled space lists",
    )
    half = r_frame(f"{LUNG}[1:114, c('time', 'status')]")
    decline(
        "KM for the NCCTG lung patients, times (days, + = censored): "
        + b.plus(toks(half.time), ["1" if v == 2 else "0" for v in half.status])
        + "\n... that's the first half, rest in the next msg — median + S(365) once you have it all",
        "kaplan_meier",
        "the message says more data follow, so the data are incomplete",
        ["incomplete", "cut off", "rest"],
        "survival::lung rows 1-114 (first half)",
        "plus censoring list",
    )
    decline(
        "competing risks in the lung data? death from cancer vs other causes, cumulative incidence functions "
        "(cmprsk::cuminc) by sex",
        "competing_risks",
        "competing-risks cumulative incidence is not a supported analysis",
        ["competing", "cumulative incidence", "cif"],
        "survival::lung",
        "prose",
    )
    decline(
        "Poisson regression of warp breaks counts on wool and tension (glm family=poisson), rate ratios?",
        "poisson_regression",
        "Poisson regression is not a supported analysis",
        ["poisson", "rate", "count"],
        "datasets::warpbreaks",
        "prose",
    )
    decline(
        "TOST equivalence test for wool A vs B breaks, equivalence margin ±5 breaks, warpbreaks data",
        "equivalence_tost",
        "an equivalence (TOST) test is not a supported analysis",
        ["equivalence", "tost", "margin"],
        "datasets::warpbreaks",
        "prose",
    )


if __name__ == "__main__":
    SET.run()
