"""Build the third fresh evaluation set for labbot's named analyses (``analysis_final3.jsonl``).

Every answerable item pastes real data (R's datasets, MASS and survival packages, lifelines and statsmodels
data sets, published trial counts) the way researchers paste into Slack (console output, spreadsheet and
statistics-package pastes, prose) and names one supported analysis and its variant; most of the data sets
and subsets are ones the earlier sets do not use.  The expected numbers come from R on exactly the number
strings written into the prompt, and each is recomputed in Python, or the build stops (see ``_build``).
Must-decline items ask for an analysis outside the supported list, or paste data that cannot support the
analysis they name; ``reason_mentions`` lists words of which the decline reason should contain one.

Paired analyses: R computes on the differences rounded to 10 decimals (``round(a - b, 10)``) so that
differences of decimals that are equal on paper stay tied in floating point.

Run ``.venv/bin/python evaluation/data/make_analysis_final3.py``; the output is byte-identical run to run.
``... make_analysis_final3.py NAME`` only builds the items whose builder name contains NAME and prints them.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import statsmodels.api as sm
from lifelines import datasets as ll_data
from scipy import stats
from statsmodels.stats.contingency_tables import Table2x2, mcnemar

from evaluation.data import _build as b  # the R runner, formatting and checks every set generator shares

SET = b.ItemSet(Path(__file__).resolve().with_name("analysis_final3.jsonl"), "final3")
item, answer, decline = SET.item, SET.answer, SET.decline
fnum, toks, dec1, rv, fl, r_frame = b.fnum, b.toks, b.dec1, b.rv, b.fl, b.r_frame
ttest_r, ttest_check = b.ttest_r, b.ttest_check


def paired_r(a: Sequence[str], bb: Sequence[str], extra: str = "") -> str:
    return f"a <- {rv(a)}; b <- {rv(bb)}\ntt <- t.test(round(a - b, 10){extra})\n"


# ================================================================ t-tests


@item
def welch_toothgrowth_dose2_90ci() -> None:
    d = r_frame("ToothGrowth[ToothGrowth$dose == 2, ]")
    oj, vc = dec1(d.len[d.supp == "OJ"]), dec1(d.len[d.supp == "VC"])
    lines = ["> tg2 <- subset(ToothGrowth, dose == 2)", "> tapply(tg2$len, tg2$supp, c)", "$OJ"]
    lines += [f" [1] {' '.join(oj)}", "", "$VC", f" [1] {' '.join(vc)}"]
    prompt = (
        "\n".join(lines) + "\n\nodontoblast length in the guinea pigs at the 2 mg dose, orange juice vs ascorbic "
        "acid. welch t test OJ - VC but with a 90% confidence interval (conf.level = 0.9) pls: t, df, p, CI"
    )
    r = ttest_r(rv(oj), rv(vc), "conf.level = 0.9")
    check = ttest_check(stats.ttest_ind(fl(oj), fl(vc), equal_var=False), level=0.90)
    answer(
        prompt, "welch_t", "two-sided, 90% CI; OJ minus VC", r, check, "datasets::ToothGrowth dose 2", "r tapply list"
    )


@item
def welch_cars93_origin() -> None:
    d = r_frame("Cars93[seq(1, 93, 3), c('Manufacturer', 'Model', 'Origin', 'Weight', 'Horsepower')]")
    rows = ["Manufacturer,Model,Origin,Weight (lbs),Horsepower"]
    rows += [f"{r.Manufacturer},{r.Model},{r.Origin},{r.Weight},{r.Horsepower}" for r in d.itertuples()]
    usa, non = toks(d.Weight[d.Origin == "USA"]), toks(d.Weight[d.Origin == "non-USA"])
    prompt = (
        "hi! every 3rd car of the 1993 cars data (Cars93), csv below\n"
        + "\n".join(rows)
        + "\n\nare US cars heavier? unequal variance t-test on Weight, USA minus non-USA, 2-sided. "
        "t / df / p / 95% CI"
    )
    r = ttest_r(rv(usa), rv(non))
    check = ttest_check(stats.ttest_ind(fl(usa), fl(non), equal_var=False))
    answer(
        prompt, "welch_t", "two-sided; USA minus non-USA", r, check, "MASS::Cars93 every 3rd row", "csv extra columns"
    )


@item
def welch_boston_chas() -> None:
    d = r_frame("Boston[340:380, c('crim', 'rm', 'chas', 'medv')]")
    lines = ["obs |  crim   |  rm   | chas | medv", "----+---------+-------+------+-----"]
    lines += [
        f"{i:>3} | {r.crim:7.4f} | {r.rm:.3f} | {r.chas:>4} | {r.medv:.1f}" for i, r in enumerate(d.itertuples(), 340)
    ]
    river, other = dec1(d.medv[d.chas == 1]), dec1(d.medv[d.chas == 0])
    prompt = (
        ". list crim rm chas medv, sep(0)\n\n"
        + "\n".join(lines)
        + "\n\n(stata listing, boston housing tracts; chas=1 means the tract bounds the Charles river, medv = "
        "median home value in $1000s.) I'd do ttest medv, by(chas) unequal in stata — can you give me "
        "the Welch t, Satterthwaite df and the two-sided p? river minus not-river"
    )
    r = ttest_r(rv(river), rv(other), ci=False)
    check = ttest_check(stats.ttest_ind(fl(river), fl(other), equal_var=False), ci=False)
    answer(prompt, "welch_t", "two-sided; chas 1 minus chas 0", r, check, "MASS::Boston rows 340-380", "stata list")


@item
def student_beavers() -> None:
    d1 = r_frame("beaver1[beaver1$time >= 900 & beaver1$time < 1100 & beaver1$day == 346, ]")
    d2 = r_frame("beaver2[beaver2$time >= 900 & beaver2$time < 1100 & beaver2$day == 307, ]")
    t1, t2 = [f"{v:.2f}" for v in d1.temp], [f"{v:.2f}" for v in d2.temp]
    prompt = (
        "Body temp (°C) of two beavers, readings every 10 min between 09:00 and 11:00 "
        "(Reynolds 1994, R's beaver1/beaver2):\n"
        "beaver 1: " + "; ".join(t1) + "\n"
        "beaver 2: " + "; ".join(t2) + "\n"
        "Student's t-test with pooled SD (var.equal=TRUE) beaver 2 vs beaver 1, i.e. 2 minus 1 — t, df, p, 95% CI. "
        "(yes I know the readings are autocorrelated, it's for a teaching example)"
    )
    r = ttest_r(rv(t2), rv(t1), "var.equal = TRUE")
    check = ttest_check(stats.ttest_ind(fl(t2), fl(t1), equal_var=True))
    answer(
        prompt,
        "student_t",
        "pooled; beaver 2 minus beaver 1",
        r,
        check,
        "datasets::beaver1/beaver2 09:00-11:00",
        "semicolon lists",
    )


@item
def student_fgl_ri() -> None:
    d = r_frame("fgl[fgl$type %in% c('Head', 'Con'), c('RI', 'Na', 'Mg', 'type')]")
    rows = ["| type | RI | Na (wt%) | Mg (wt%) |", "|---|---:|---:|---:|"]
    rows += [f"| {r.type} | {r.RI:.2f} | {r.Na:.2f} | {r.Mg:.2f} |" for r in d.itertuples()]
    head = [f"{v:.2f}" for v in d.RI[d.type == "Head"]]
    con = [f"{v:.2f}" for v in d.RI[d.type == "Con"]]
    prompt = (
        "Forensic glass fragments (MASS fgl), headlamp vs container glass:\n\n" + "\n".join(rows) + "\n\n"
        "Two sample t test assuming equal variances on RI (refractive index, scaled), headlamps minus containers. "
        "Report t, df, p and the CI"
    )
    r = ttest_r(rv(head), rv(con), "var.equal = TRUE")
    check = ttest_check(stats.ttest_ind(fl(head), fl(con), equal_var=True))
    answer(
        prompt,
        "student_t",
        "pooled; Head minus Con",
        r,
        check,
        "MASS::fgl Head and Con",
        "markdown table extra columns",
    )


@item
def student_stanford2_age() -> None:
    d = r_frame("survival::stanford2[1:36, c('id', 'time', 'status', 'age')]")
    alive, dead = toks(d.age[d.status == 0]), toks(d.age[d.status == 1])
    prompt = (
        f"Stanford heart transplant pts (first 36 rows of stanford2). Age at transplant of the ones censored "
        f"(n={len(alive)}): {', '.join(alive)}\n"
        f"and of the ones who died (n={len(dead)}): {', '.join(dead)}\n\n"
        "plain old student t test (equal var), died minus censored. t, df, p-value"
    )
    r = ttest_r(rv(dead), rv(alive), "var.equal = TRUE", ci=False)
    check = ttest_check(stats.ttest_ind(fl(dead), fl(alive), equal_var=True), ci=False)
    answer(
        prompt,
        "student_t",
        "pooled; died minus censored",
        r,
        check,
        "survival::stanford2 rows 1-36",
        "n= annotated lists",
    )


@item
def paired_oats_varieties() -> None:
    d = r_frame("oats")
    gold = d[d.V == "Golden.rain"].reset_index(drop=True)
    vic = d[d.V == "Victory"].reset_index(drop=True)
    if not ((gold.B == vic.B) & (gold.N == vic.N)).all():
        raise AssertionError("oats plots do not pair up by block and nitrogen")
    g, v = toks(gold.Y), toks(vic.Y)
    rows = ["block | nitrogen | Golden rain | Victory", "--- | --- | --- | ---"]
    rows += [f"{bl} | {n} | {a} | {z}" for bl, n, a, z in zip(gold.B, gold.N, g, v, strict=True)]
    prompt = (
        "oats yields, the two varieties side by side in the same block and nitrogen level:\n"
        + "\n".join(rows)
        + "\n\npaired t test Golden rain minus Victory (pairs = same block & N). t, df, p + mean difference please"
    )
    r = paired_r(g, v)
    r += "emit(t = tt$statistic, df = tt$parameter, p = tt$p.value, mean_diff = tt$estimate)"
    res = stats.ttest_rel(fl(g), fl(v))
    check = ttest_check(res, ci=False) | {"mean_diff": float(np.mean(fl(g) - fl(v)))}
    answer(
        prompt,
        "paired_t",
        "two-sided; Golden rain minus Victory",
        r,
        check,
        "MASS::oats Golden.rain vs Victory",
        "pipe table side by side",
    )


@item
def paired_sitka89_onesided() -> None:
    d = r_frame(
        "reshape(Sitka89[Sitka89$Time %in% c(613, 639) & Sitka89$treat == 'control', ], "
        "idvar = 'tree', timevar = 'Time', direction = 'wide')"
    )
    early, late = [f"{v:.2f}" for v in d["size_613"]], [f"{v:.2f}" for v in d["size_639"]]
    rows = ["tree\tday613\tday639"] + [f"{int(t)}\t{a}\t{z}" for t, a, z in zip(d.tree, early, late, strict=True)]
    prompt = (
        "Sitka spruce 1989, control chamber trees, log size (log(height*diameter^2)) at day 613 and day 639:\n"
        + "\n".join(rows)
        + "\n\nH1: they still grew in those 26 days, so a ONE-sided paired t test, day639 - day613 > 0. t, df, p"
    )
    r = paired_r(late, early, ", alternative = 'greater'")
    r += "emit(t = tt$statistic, df = tt$parameter, p = tt$p.value)"
    res = stats.ttest_rel(fl(late), fl(early), alternative="greater")
    answer(
        prompt,
        "paired_t",
        "one-sided (greater); day 639 minus day 613",
        r,
        ttest_check(res, ci=False),
        "MASS::Sitka89 control trees, days 613 and 639",
        "tsv wide",
    )


@item
def paired_judges_99() -> None:
    d = r_frame("cbind(judge = rownames(USJudgeRatings), USJudgeRatings)[13:30, c('judge', 'ORAL', 'WRIT', 'PHYS')]")
    oral, writ = dec1(d.ORAL), dec1(d.WRIT)
    lines = [f"{'':<16}ORAL WRIT PHYS"] + [
        f"{j:<16}{o:>4} {w:>4} {p:>4.1f}" for j, o, w, p in zip(d.judge, oral, writ, d.PHYS, strict=True)
    ]
    prompt = (
        "> USJudgeRatings[13:30, c('ORAL', 'WRIT', 'PHYS')]\n" + "\n".join(lines) + "\n\n"
        "lawyers' ratings of judges: oral vs written rulings, same judge. paired t-test ORAL minus WRIT with a 99% CI "
        "please, report t, p, mean diff and the 99% interval"
    )
    r = paired_r(oral, writ, ", conf.level = 0.99")
    r += "emit(t = tt$statistic, p = tt$p.value, mean_diff = tt$estimate, "
    r += "ci_low = tt$conf.int[1], ci_high = tt$conf.int[2])"
    res = stats.ttest_rel(fl(oral), fl(writ))
    lo, hi = res.confidence_interval(0.99)
    check = {
        "t": float(res.statistic),
        "p": float(res.pvalue),
        "mean_diff": float(np.mean(fl(oral) - fl(writ))),
        "ci_low": float(lo),
        "ci_high": float(hi),
    }
    answer(
        prompt,
        "paired_t",
        "two-sided, 99% CI; ORAL minus WRIT",
        r,
        check,
        "datasets::USJudgeRatings rows 13-30",
        "r print(df) extra column",
    )


@item
def one_sample_nhtemp_greater() -> None:
    d = r_frame("data.frame(year = 1912:1971, t = as.numeric(nhtemp))")
    temps = dec1(d.t)
    lines = [f"{1912 + k}: " + " ".join(temps[k : k + 10]) for k in range(0, 60, 10)]
    prompt = (
        "mean annual temperature in New Haven (°F), 1912-1971, ten years per line:\n" + "\n".join(lines) + "\n\n"
        "is the long-run mean above 51 F? one sample t test, mu=51, alternative greater. t, df and p"
    )
    r = ttest_r(rv(temps), "", "mu = 51, alternative = 'greater'", ci=False)
    check = ttest_check(stats.ttest_1samp(fl(temps), 51, alternative="greater"), ci=False)
    answer(prompt, "one_sample_t", "one-sided (greater) vs 51", r, check, "datasets::nhtemp", "rows of ten by decade")


@item
def one_sample_michelson() -> None:
    d = r_frame("michelson[michelson$Expt == 3, ]")
    speeds = toks(d.Speed)
    prompt = (
        "Michelson 1879, experiment 3 of 5, 20 runs. values are speed of light in km/s minus 299,000:\n"
        + "  ".join(speeds)
        + "\n\nthe modern value is 299,792.458 so on this scale 792.458. one-sample t-test against that: "
        "t, df, p, 95% CI for the mean"
    )
    r = ttest_r(rv(speeds), "", "mu = 792.458")
    answer(
        prompt,
        "one_sample_t",
        "two-sided vs 792.458",
        r,
        ttest_check(stats.ttest_1samp(fl(speeds), 792.458)),
        "MASS::michelson Expt 3",
        "space list",
    )


@item
def one_sample_nile_sas() -> None:
    d = r_frame("data.frame(year = 1871:1900, flow = as.numeric(Nile)[1:30])")
    flows = toks(d.flow)
    lines = ["Obs    year    flow"] + [
        f"{i:>3}    {y}    {f:>4}" for i, (y, f) in enumerate(zip(d.year, flows, strict=True), 1)
    ]
    prompt = (
        "The SAS System\n\n" + "\n".join(lines) + "\n\n"
        "annual Nile flow at Aswan (10^8 m^3), 1871-1900. My PROC TTEST H0=1000 — can u reproduce: t value, DF, "
        "Pr > |t| and the 95% CL mean"
    )
    r = ttest_r(rv(flows), "", "mu = 1000")
    answer(
        prompt,
        "one_sample_t",
        "two-sided vs 1000",
        r,
        ttest_check(stats.ttest_1samp(fl(flows), 1000)),
        "datasets::Nile 1871-1900",
        "sas proc print",
    )


# ================================================================ ANOVA


def anova_emit(tukey: str = "") -> str:
    out = "emit(F = a[1, 'F value'], df1 = a[1, 'Df'], df2 = a[2, 'Df'], p = a[1, 'Pr(>F)']"
    if tukey:
        out = "tk <- TukeyHSD(aov(y ~ g))$g\n" + out + f", tukey_p = tk['{tukey}', 'p adj']"
    return out + ")"


@item
def anova_oats_nitrogen() -> None:
    d = r_frame("oats")
    levels = ["0.2cwt", "0.4cwt", "0.6cwt"]
    groups = [toks(d.Y[lv == d.N]) for lv in levels]
    labels = ["N2", "N4", "N6"]
    lines = ["N level  yields (1/4 lb per sub-plot)"]
    lines += [f"{lab} ({lv}): {', '.join(g)}" for lab, lv, g in zip(labels, levels, groups, strict=True)]
    prompt = (
        "Yates' oats split plot, fertilised sub-plots only (0.2-0.6 cwt N/acre); I want to ignore blocks and "
        "varieties (I know, I know):\n" + "\n".join(lines) + "\n\n"
        "one-way anova of yield on N level: F, both df, p — and the Tukey HSD adjusted p for N6 vs N4"
    )
    r = b.r_anova(groups, labels) + anova_emit("N6-N4")
    arrays = [fl(g) for g in groups]
    check = b.anova_check(arrays) | {"tukey_p": float(stats.tukey_hsd(*arrays).pvalue[2, 1])}
    answer(
        prompt,
        "one_way_anova",
        "F test + Tukey HSD p for N6 - N4",
        r,
        check,
        "MASS::oats, N 0.2-0.6 cwt",
        "labelled lists",
        check_tol=1e-5,
    )


@item
def anova_cars93_drivetrain() -> None:
    d = r_frame("Cars93[, c('Make', 'DriveTrain', 'Price')]")
    rows = ['"Make";"DriveTrain";"Price (1000 USD)"']
    rows += [f'"{r.Make}";"{r.DriveTrain}";{b.dcomma(f"{r.Price:.1f}")}' for r in d.iloc[::2].itertuples()]
    sub = d.iloc[::2]
    labels = ["4WD", "Front", "Rear"]
    groups = [dec1(sub.Price[sub.DriveTrain == lab]) for lab in labels]
    prompt = (
        "Hallo zusammen, Export aus Excel (deutsches Format, Semikolon + Dezimalkomma), every second car of Cars93:\n"
        + "\n".join(rows)
        + "\n\nPrice by drive train, simple one-way ANOVA please. F statistic, df, p-value"
    )
    r = b.r_anova(groups, labels) + anova_emit()
    answer(
        prompt,
        "one_way_anova",
        "F test, 3 groups",
        r,
        b.anova_check([fl(g) for g in groups]),
        "MASS::Cars93 every 2nd row",
        "csv semicolon decimal comma quoted",
    )


@item
def anova_cars93_airbags_mpg() -> None:
    d = r_frame("Cars93[, c('Manufacturer', 'Model', 'AirBags', 'MPG.city')]")
    names = {"None": "N", "Driver only": "D", "Driver & Passenger": "DP"}
    groups = [toks(d.MPG_city[d.AirBags == k]) for k in names]
    lines = [f"{k} (n={len(g)}): {' '.join(g)}" for k, g in zip(names, groups, strict=True)]
    prompt = (
        "city MPG of all 93 cars in Cars93, split by airbags\n" + "\n".join(lines) + "\n\n"
        "one way anova mpg ~ airbags -> F, dfs, p; and from TukeyHSD the adjusted p for None vs Driver only"
    )
    r = b.r_anova(groups, list(names.values())) + anova_emit("N-D")
    arrays = [fl(g) for g in groups]
    check = b.anova_check(arrays) | {"tukey_p": float(stats.tukey_hsd(*arrays).pvalue[0, 1])}
    answer(
        prompt,
        "one_way_anova",
        "F test + Tukey HSD p for None - Driver only",
        r,
        check,
        "MASS::Cars93 MPG.city by AirBags",
        "labelled lists n=",
        check_tol=1e-5,
    )


# ================================================================ rank tests


def mw_r(x: Sequence[str], y: Sequence[str], extra: str = "") -> str:
    args = ", ".join(a for a in (rv(x), rv(y), extra) if a)
    return f"w <- wilcox.test({args})\nemit(W = w$statistic, p = w$p.value)"


def mw_check(x: Sequence[str], y: Sequence[str], method: str, cc: bool = True) -> dict[str, float]:
    res = stats.mannwhitneyu(fl(x), fl(y), method=method, use_continuity=cc)
    return {"W": float(res.statistic), "p": float(res.pvalue)}


def no_ties(*groups: Sequence[str]) -> None:
    values = [v for g in groups for v in g]
    if len(set(values)) != len(values):
        raise AssertionError("an exact rank test item has ties")


@item
def mann_whitney_toothgrowth_cc() -> None:
    d = r_frame("ToothGrowth[ToothGrowth$dose == 0.5, ]")
    oj, vc = dec1(d.len[d.supp == "OJ"]), dec1(d.len[d.supp == "VC"])
    rows = ["OJ\tVC"] + [f"{a}\t{z}" for a, z in zip(oj, vc, strict=True)]
    prompt = (
        "tooth length at 0.5 mg/day, the two delivery methods in columns:\n" + "\n".join(rows) + "\n\n"
        "rank-sum test please (wilcoxon/mann-whitney), OJ vs VC, normal approx with continuity correction. W and p"
    )
    answer(
        prompt,
        "mann_whitney",
        "normal approximation, continuity correction; W for OJ",
        mw_r(oj, vc, "exact = FALSE"),
        mw_check(oj, vc, "asymptotic"),
        "datasets::ToothGrowth dose 0.5",
        "tsv two columns",
    )


@item
def mann_whitney_animals_exact() -> None:
    d = r_frame("cbind(animal = rownames(Animals), Animals)")
    dinos = ["Dipliodocus", "Triceratops", "Brachiosaurus"]
    d = d[~d.animal.isin(dinos)]
    primates = ["Human", "Rhesus monkey", "Chimpanzee", "Gorilla", "Potar monkey"]
    big = d[d.animal.isin(primates)]
    rest = d[~d.animal.isin(primates)]
    lines = [f"  {a}: {fnum(w)} kg" for a, w in zip(big.animal, big.body, strict=True)]
    lines2 = [f"  {a}: {fnum(w)} kg" for a, w in zip(rest.animal, rest.body, strict=True)]
    x, y = toks(big.body), toks(rest.body)
    no_ties(x, y)
    prompt = (
        "body weights from MASS Animals (dinosaurs left out). primates:\n"
        + "\n".join(lines)
        + "\nother mammals:\n"
        + "\n".join(lines2)
        + "\n\nMann-Whitney, exact p (no ties), primates vs others → W, p?"
    )
    answer(
        prompt,
        "mann_whitney",
        "exact; W for primates",
        mw_r(x, y, "exact = TRUE"),
        mw_check(x, y, "exact"),
        "MASS::Animals body weight, primates vs other mammals",
        "labelled lines with units",
    )


@item
def mann_whitney_gbsg_nocc() -> None:
    d = r_frame("survival::gbsg[1:50, c('pid', 'nodes', 'hormon')]")
    yes, no = toks(d.nodes[d.hormon == 1]), toks(d.nodes[d.hormon == 0])
    prompt = (
        "positive lymph nodes, German breast cancer study (gbsg, first 50 pts).\n"
        f"hormone therapy (n={len(yes)}): {' '.join(yes)}\n"
        f"no hormone therapy (n={len(no)}): {' '.join(no)}\n"
        "wilcox.test(hormone, none, correct = FALSE) – normal approximation without the continuity correction. W, p"
    )
    answer(
        prompt,
        "mann_whitney",
        "normal approximation, no continuity correction; W for hormone therapy",
        mw_r(yes, no, "exact = FALSE, correct = FALSE"),
        mw_check(yes, no, "asymptotic", cc=False),
        "survival::gbsg rows 1-50",
        "n= annotated lists",
    )


def signed_rank_item(
    prompt: str, a: Sequence[str], z: Sequence[str], variant: str, exact: bool, source: str, form: str
) -> None:
    """Paired signed-rank test of a - z (exact, or R's normal approximation with continuity correction)."""
    flag = "TRUE" if exact else "FALSE"
    r = f"a <- {rv(a)}; b <- {rv(z)}\nw <- wilcox.test(round(a - b, 10), exact = {flag})\n"
    r += "emit(V = w$statistic, p = w$p.value)"
    diff = np.round(fl(a) - fl(z), 10)
    if exact:
        no_ties([fnum(abs(v)) for v in diff])
        if (diff == 0).any():
            raise AssertionError("an exact signed-rank item has zero differences")
        res = stats.wilcoxon(diff, method="exact")
    else:
        res = stats.wilcoxon(diff, zero_method="wilcox", correction=True, method="asymptotic")
    answer(
        prompt, "wilcoxon_signed_rank", variant, r, {"V": b.signed_rank_v(diff), "p": float(res.pvalue)}, source, form
    )


@item
def signed_rank_anscombe_exact() -> None:
    d = r_frame("anscombe")
    x, y1, y3 = toks(d.x1), [f"{v:.2f}" for v in d.y1], [f"{v:.2f}" for v in d.y3]
    lines = [f"x={a}: {p} → {q}" for a, p, q in zip(x, y1, y3, strict=True)]
    prompt = (
        "teaching example, anscombe's quartet: y of set 1 → y of set 3 at the same x\n" + "\n".join(lines) + "\n\n"
        "wilcoxon signed rank on the paired differences (set 3 minus set 1), exact p. V + p"
    )
    signed_rank_item(
        prompt, y3, y1, "paired exact; y3 minus y1", True, "datasets::anscombe y1 and y3", "arrow pairs with labels"
    )


@item
def signed_rank_epil_cc() -> None:
    d = r_frame(
        "reshape(epil[epil$trt == 'progabide' & epil$period %in% c(1, 4), c('subject', 'period', 'y')], "
        "idvar = 'subject', timevar = 'period', direction = 'wide')"
    )
    p1, p4 = toks(d.y_1), toks(d.y_4)
    rows = ["subject,seizures_wk1_2,seizures_wk7_8"] + [
        f"{int(s)},{a},{z}" for s, a, z in zip(d.subject, p1, p4, strict=True)
    ]
    prompt = (
        "epilepsy trial (Thall & Vail), progabide arm only, seizure counts in the first and the last 2-week period:\n"
        + "\n".join(rows)
        + "\n\ncounts so no t-test: Wilcoxon signed-rank, last period minus first, the usual normal approx with "
        "continuity correction (ties + zeros, zeros dropped). V and p"
    )
    signed_rank_item(
        prompt,
        p4,
        p1,
        "paired normal approximation, continuity correction; period 4 minus period 1",
        False,
        "MASS::epil progabide, periods 1 and 4",
        "csv wide",
    )


@item
def signed_rank_rivers_one_sample() -> None:
    d = r_frame("data.frame(len = rivers[1:40])")
    lens = toks(d.len)
    prompt = (
        "lengths (miles) of the first 40 rivers in R's rivers vector: " + ", ".join(lens) + "\n"
        "one sample wilcoxon signed rank vs a median of 500 miles. normal approximation w/ continuity correction "
        "(there are ties). V, p"
    )
    r = f"w <- wilcox.test({rv(lens)}, mu = 500, exact = FALSE)\nemit(V = w$statistic, p = w$p.value)"
    diff = fl(lens) - 500
    res = stats.wilcoxon(diff, zero_method="wilcox", correction=True, method="asymptotic")
    answer(
        prompt,
        "wilcoxon_signed_rank",
        "one-sample vs 500, normal approximation, continuity correction",
        r,
        {"V": b.signed_rank_v(diff), "p": float(res.pvalue)},
        "datasets::rivers[1:40]",
        "comma list in prose",
    )


def kruskal_item(prompt: str, groups: Sequence[Sequence[str]], variant: str, source: str, form: str) -> None:
    labels = [f"g{i}" for i in range(len(groups))]
    y = ", ".join(rv(g) for g in groups)
    gl = ", ".join(f"rep('{lab}', {len(g)})" for lab, g in zip(labels, groups, strict=True))
    r = f"y <- c({y}); g <- factor(c({gl}))\nk <- kruskal.test(y, g)\n"
    r += "emit(H = k$statistic, df = k$parameter, p = k$p.value)"
    res = stats.kruskal(*[fl(g) for g in groups])
    check = {"H": float(res.statistic), "df": float(len(groups) - 1), "p": float(res.pvalue)}
    answer(prompt, "kruskal_wallis", variant, r, check, source, form)


@item
def kruskal_cars93_airbags() -> None:
    d = r_frame("Cars93[Cars93$Type %in% c('Midsize', 'Large'), c('Make', 'AirBags', 'RPM')]")
    labels = ["None", "Driver only", "Driver & Passenger"]
    rows = ["Make\tAirBags\tRPM (at max hp)"] + [f"{r.Make}\t{r.AirBags}\t{thou(r.RPM)}" for r in d.itertuples()]
    groups = [toks(d.RPM[d.AirBags == lab]) for lab in labels]
    prompt = (
        "midsize + large cars of Cars93:\n" + "\n".join(rows) + "\n\n"
        "kruskal-wallis of engine RPM across the 3 airbag categories? chi-sq, df, p"
    )
    kruskal_item(prompt, groups, "tie-corrected, 3 groups", "MASS::Cars93 midsize and large", "tsv thousands comma")


def thou(x: float) -> str:
    return f"{int(x):,}"


@item
def kruskal_fgl_ca() -> None:
    d = r_frame("fgl[fgl$type %in% c('WinF', 'WinNF', 'Veh'), c('Ca', 'type')]")
    labels = ["WinF", "WinNF", "Veh"]
    groups = [[f"{v:.2f}" for v in d.Ca[d.type == lab]] for lab in labels]
    names = {"WinF": "building windows, float", "WinNF": "building windows, non-float", "Veh": "vehicle windows"}
    prompt = (
        "calcium oxide (weight %) in window glass fragments, 3 kinds\n"
        + "\n".join(f"{names[lab]} - {' '.join(g)}" for lab, g in zip(labels, groups, strict=True))
        + "\nCaO is skewed so kruskal test pls. H df p"
    )
    kruskal_item(prompt, groups, "tie-corrected, 3 groups", "MASS::fgl WinF, WinNF, Veh", "prose lines")


@item
def shapiro_michelson_expt1() -> None:
    d = r_frame("michelson[michelson$Expt == 1, ]")
    speeds = toks(d.Speed)
    prompt = (
        "> m1 <- michelson$Speed[michelson$Expt == 1]\n> m1\n [1] "
        + " ".join(speeds[:10])
        + "\n[11] "
        + " ".join(speeds[10:])
        + "\n> shapiro.test(m1)\n\n"
        "what does that give? W + p-value"
    )
    r = f"s <- shapiro.test({rv(speeds)})\nemit(W = s$statistic, p = s$p.value)"
    res = stats.shapiro(fl(speeds))
    answer(
        prompt,
        "shapiro_wilk",
        "standard",
        r,
        {"W": float(res.statistic), "p": float(res.pvalue)},
        "MASS::michelson Expt 1",
        "r console with command",
        check_tol=1e-5,
    )


@item
def shapiro_cars93_mpg() -> None:
    d = r_frame("Cars93[Cars93$Origin == 'non-USA', c('Make', 'MPG.highway')]")
    vals = toks(d.MPG_highway)
    prompt = (
        "Normality check before I do anything parametric. Highway mpg of the 45 non-US cars in Cars93:\n"
        + json.dumps([int(v) for v in vals])
        + "\n(python list, sorry). Shapiro–Wilk W and p please"
    )
    r = f"s <- shapiro.test({rv(vals)})\nemit(W = s$statistic, p = s$p.value)"
    res = stats.shapiro(fl(vals))
    answer(
        prompt,
        "shapiro_wilk",
        "standard",
        r,
        {"W": float(res.statistic), "p": float(res.pvalue)},
        "MASS::Cars93 non-USA",
        "python list",
        check_tol=1e-5,
    )


# ================================================================ contingency tables


def chisq_r(table: Sequence[Sequence[int]], extra: str = "") -> str:
    return f"x <- chisq.test({b.r_matrix(table)}{extra})\nemit(chisq = x$statistic, df = x$parameter, p = x$p.value)"


@item
def chisq_cars93_sas() -> None:
    d = r_frame("Cars93[, c('Type', 'Origin')]")
    types = ["Compact", "Large", "Midsize", "Small", "Sporty", "Van"]
    origins = ["USA", "non-USA"]
    tab = [[int(((d.Type == t) & (d.Origin == o)).sum()) for o in origins] for t in types]
    total = sum(map(sum, tab))
    rule = "---------+" + "--------+" * 3
    lines = [
        "The FREQ Procedure",
        "",
        "Table of Type by Origin",
        "",
        "Type      Origin",
        "",
        "Frequency|",
        "Percent  |USA     |non-USA |  Total",
        rule,
    ]
    for t, row in zip(types, tab, strict=True):
        lines.append(f"{t:<9}|" + "".join(f"{v:>8}|" for v in row) + f"{sum(row):>8}")
        lines.append(
            f"{'':<9}|" + "".join(f"{100 * v / total:>8.2f}|" for v in row) + f"{100 * sum(row) / total:>8.2f}"
        )
        lines.append(rule)
    cols = [sum(row[k] for row in tab) for k in range(2)]
    lines.append(f"{'Total':<9} " + "".join(f"{v:>8} " for v in cols) + f"{total:>8}")
    prompt = (
        "\n".join(lines) + "\n\nCars93, vehicle type by origin (SAS output, frequency and percent in each cell). "
        "I want the ordinary Pearson chi-square test of independence on the 6x2 counts: statistic, DF, p"
    )
    answer(
        prompt,
        "chi_square",
        "r x c (6x2) Pearson chi-square",
        chisq_r(tab),
        b.chisq_check(tab, False),
        "MASS::Cars93 Type x Origin",
        "sas proc freq",
    )


@item
def chisq_gbsg_grade_stata() -> None:
    d = r_frame("survival::gbsg[, c('grade', 'hormon')]")
    tab = [[int(((d.grade == g) & (d.hormon == h)).sum()) for h in (0, 1)] for g in (1, 2, 3)]
    lines = [
        ". tab grade hormon, chi2",
        "",
        "           |        hormon",
        "     grade |         0          1 |     Total",
        "-----------+----------------------+----------",
    ]
    for g, row in zip((1, 2, 3), tab, strict=True):
        lines.append(f"{g:>10} | {row[0]:>9} {row[1]:>10} | {sum(row):>9} ")
    lines.append("-----------+----------------------+----------")
    cols = [tab[0][k] + tab[1][k] + tab[2][k] for k in range(2)]
    lines.append(f"{'Total':>10} | {cols[0]:>9} {cols[1]:>10} | {sum(cols):>9} ")
    prompt = (
        "\n".join(lines) + "\n\n(gbsg breast cancer trial, hormon 1 = tamoxifen.) the chi2 line got cut off my log "
        "— what's Pearson chi2(2) and Pr for this grade x hormon table?"
    )
    answer(
        prompt,
        "chi_square",
        "r x c (3x2) Pearson chi-square",
        chisq_r(tab),
        b.chisq_check(tab, False),
        "survival::gbsg grade x hormon",
        "stata tabulate",
    )


@item
def chisq_china_yates() -> None:
    d = pd.DataFrame(sm.datasets.china_smoking.load_pandas().data)
    city = d.loc["Zhengzhou"]
    a, bb, c, dd = (
        int(city[k])
        for k in ("smoking_yes_cancer_yes", "smoking_yes_cancer_no", "smoking_no_cancer_yes", "smoking_no_cancer_no")
    )
    tab = [[a, bb], [c, dd]]
    prompt = (
        "Zhengzhou, from the Chinese lung cancer case-control data (Liu 1992): among smokers "
        f"{a} with lung cancer / {bb} without; among non-smokers {c} with / {dd} without.\n"
        "chi sq test w/ yates continuity correction, X2 df p"
    )
    answer(
        prompt,
        "chi_square",
        "2x2 with Yates continuity correction",
        chisq_r(tab),
        b.chisq_check(tab, True),
        "statsmodels china_smoking, Zhengzhou",
        "a/b counts in prose",
    )


@item
def chisq_infert_education_induced() -> None:
    d = r_frame("infert")
    tab = [
        [int(((d.education == e) & (d.induced == k)).sum()) for k in (0, 1, 2)]
        for e in ("0-5yrs", "6-11yrs", "12+ yrs")
    ]
    rows = ["education,induced_0,induced_1,induced_2plus"] + [
        f"{e},{r[0]},{r[1]},{r[2]}" for e, r in zip(("0-5yrs", "6-11yrs", "12+ yrs"), tab, strict=True)
    ]
    prompt = (
        "infert data (R), all 248 women: education by number of prior induced abortions (0, 1, 2 or more):\n"
        + "\n".join(rows)
        + "\n\nchisq test of independence pls, statistic + df + p. (some cells are small, "
        "I know, ignore the warning)"
    )
    answer(
        prompt,
        "chi_square",
        "r x c (3x3) Pearson chi-square",
        chisq_r(tab),
        b.chisq_check(tab, False),
        "datasets::infert education x induced",
        "csv counts",
    )


def fisher_r(a: int, bb: int, c: int, dd: int, extra: str = "") -> str:
    return (
        f"f <- fisher.test({b.two_by_two(a, bb, c, dd)}{extra})\n"
        "emit(p = f$p.value, or = f$estimate, ci_low = f$conf.int[1], ci_high = f$conf.int[2])"
    )


@item
def fisher_ovarian_resid() -> None:
    d = r_frame("survival::ovarian")
    a = int(((d.resid_ds == 2) & (d.fustat == 1)).sum())
    bb = int(((d.resid_ds == 2) & (d.fustat == 0)).sum())
    c = int(((d.resid_ds == 1) & (d.fustat == 1)).sum())
    dd = int(((d.resid_ds == 1) & (d.fustat == 0)).sum())
    prompt = (
        "ovarian cancer trial (n=26). residual disease present vs absent against death during follow-up:\n\n"
        "|  | died | censored |\n|---|---|---|\n"
        f"| residual disease | {a} | {bb} |\n| no residual disease | {c} | {dd} |\n\n"
        "fisher's exact test 2-sided, p + conditional OR + 95% CI"
    )
    answer(
        prompt,
        "fisher_exact",
        "2x2 two-sided; OR residual vs none",
        fisher_r(a, bb, c, dd),
        b.fisher_check(a, bb, c, dd),
        "survival::ovarian resid.ds x fustat",
        "markdown 2x2",
        check_tol=b.FISHER_TOL,
    )


@item
def fisher_mtcars_am_vs() -> None:
    d = r_frame("mtcars")
    tab = [[int(((d.am == am) & (d.vs == vs)).sum()) for vs in (0, 1)] for am in (0, 1)]
    prompt = (
        "> with(mtcars, table(am, vs))\n   vs\nam   0  1\n"
        f"  0 {tab[0][0]:>2} {tab[0][1]:>2}\n  1 {tab[1][0]:>2} {tab[1][1]:>2}\n"
        "> fisher.test(.Last.value)\n\n"
        "(am 1 = manual, vs 1 = straight engine) p-value, odds ratio and CI from that?"
    )
    a, bb, c, dd = tab[0][0], tab[0][1], tab[1][0], tab[1][1]
    answer(
        prompt,
        "fisher_exact",
        "2x2 two-sided",
        fisher_r(a, bb, c, dd),
        b.fisher_check(a, bb, c, dd),
        "datasets::mtcars am x vs",
        "r table() with command",
        check_tol=b.FISHER_TOL,
    )


@item
def mcnemar_bacteria_long() -> None:
    d = r_frame(
        "local({m <- merge(bacteria[bacteria$week == 0, c('ID', 'y')], bacteria[bacteria$week == 6, "
        "c('ID', 'y')], by = 'ID'); m[order(m$ID), ]})"
    )
    rows = ["ID,week,hflu"]
    for r in d.itertuples():
        rows += [f"{r.ID},0,{r.y_x}", f"{r.ID},6,{r.y_y}"]
    both = int(((d.y_x == "y") & (d.y_y == "y")).sum())
    w0 = int(((d.y_x == "y") & (d.y_y == "n")).sum())
    w6 = int(((d.y_x == "n") & (d.y_y == "y")).sum())
    neither = int(((d.y_x == "n") & (d.y_y == "n")).sum())
    prompt = (
        "H. influenzae in kids with otitis media (MASS bacteria), long format, only kids seen at both week 0 and "
        "week 6 (y = present):\n" + "\n".join(rows) + "\n\n"
        "paired yes/no so McNemar, default continuity correction. chi2, df, p"
    )
    tab = [[both, w0], [w6, neither]]
    r = f"x <- mcnemar.test({b.r_matrix(tab)})\nemit(chisq = x$statistic, df = x$parameter, p = x$p.value)"
    res = mcnemar(np.array(tab), exact=False, correction=True)
    answer(
        prompt,
        "mcnemar",
        "chi-square with continuity correction",
        r,
        {"chisq": float(res.statistic), "df": 1.0, "p": float(res.pvalue)},
        "MASS::bacteria weeks 0 and 6",
        "long csv paired y/n",
    )


@item
def mcnemar_epil_exact() -> None:
    d = r_frame(
        "reshape(epil[epil$trt == 'progabide' & epil$period %in% c(1, 4), c('subject', 'period', 'y')], "
        "idvar = 'subject', timevar = 'period', direction = 'wide')"
    )
    hi1, hi4 = d.y_1 >= 3, d.y_4 >= 3
    both, first = int((hi1 & hi4).sum()), int((hi1 & ~hi4).sum())
    last, neither = int((~hi1 & hi4).sum()), int((~hi1 & ~hi4).sum())
    prompt = (
        f"progabide arm of the epilepsy trial, {len(d)} pts. 'high' = 3+ seizures in a 2-week period.\n"
        f"            wk7-8 high  wk7-8 low\nwk1-2 high  {both:>10}  {first:>9}\n"
        f"wk1-2 low   {last:>10}  {neither:>9}\n\n"
        "few discordant pairs so exact McNemar (binomial on the discordant ones) please: p and the conditional "
        "OR (high-first-only / high-last-only)"
    )
    r = f"x <- binom.test({first}, {first + last})\nemit(or = {first} / {last}, p = x$p.value)"
    res = mcnemar(np.array([[both, first], [last, neither]]), exact=True)
    answer(
        prompt,
        "mcnemar",
        "exact binomial p; matched OR = wk1-2-only / wk7-8-only discordant",
        r,
        {"or": first / last, "p": float(res.pvalue)},
        "MASS::epil progabide, periods 1 and 4, y >= 3",
        "aligned 2x2",
    )


@item
def mcnemar_infert_nocc() -> None:
    d = r_frame(
        "merge(infert[infert$case == 1, c('stratum', 'induced')], "
        "aggregate(induced ~ stratum, infert[infert$case == 0, ], function(z) z[1]), by = 'stratum')"
    )
    ca, co = d.induced_x > 0, d.induced_y > 0
    both, case_only = int((ca & co).sum()), int((ca & ~co).sum())
    ctl_only, neither = int((~ca & co).sum()), int((~ca & ~co).sum())
    prompt = (
        f"matched pairs from infert (each case with the first control of her stratum, n={len(d)} pairs). "
        f"prior induced abortion(s): both {both}, case only {case_only}, control only {ctl_only}, neither {neither}. "
        "McNemar without continuity correction (correct = FALSE)? chi-squared and p"
    )
    tab = [[both, case_only], [ctl_only, neither]]
    r = f"x <- mcnemar.test({b.r_matrix(tab)}, correct = FALSE)\nemit(chisq = x$statistic, p = x$p.value)"
    res = mcnemar(np.array(tab), exact=False, correction=False)
    answer(
        prompt,
        "mcnemar",
        "chi-square without continuity correction",
        r,
        {"chisq": float(res.statistic), "p": float(res.pvalue)},
        "datasets::infert case vs first control, induced > 0",
        "paired counts in words",
    )


def woolf_or_level_r(a: int, bb: int, c: int, dd: int, level: float) -> str:
    z = f"qnorm({1 - (1 - level) / 2})"
    return (
        f"a <- {a}; b <- {bb}; c <- {c}; d <- {dd}\nor <- (a * d) / (b * c); se <- sqrt(1/a + 1/b + 1/c + 1/d)\n"
        f"emit(or = or, ci_low = exp(log(or) - {z} * se), ci_high = exp(log(or) + {z} * se))"
    )


def woolf_or_level_check(a: int, bb: int, c: int, dd: int, level: float) -> dict[str, float]:
    t = Table2x2(np.array([[a, bb], [c, dd]]))
    lo, hi = t.oddsratio_confint(alpha=1 - level, method="normal")
    return {"or": float(t.oddsratio), "ci_low": float(lo), "ci_high": float(hi)}


@item
def odds_ratio_china_beijing() -> None:
    d = pd.DataFrame(sm.datasets.china_smoking.load_pandas().data)
    city = d.loc["Beijing"]
    a, bb, c, dd = (
        int(city[k])
        for k in ("smoking_yes_cancer_yes", "smoking_yes_cancer_no", "smoking_no_cancer_yes", "smoking_no_cancer_no")
    )
    prompt = (
        "Beijing stratum of the China lung cancer/smoking study:\n"
        "smoker, lung cancer | smoker, no lung cancer | non-smoker, lung cancer | non-smoker, no lung cancer\n"
        f"{a} | {bb} | {c} | {dd}\n"
        "crude odds ratio smokers vs nonsmokers with the Woolf (log) 95% CI"
    )
    answer(
        prompt,
        "odds_ratio",
        "OR smokers vs non-smokers (reference), Woolf log 95% CI",
        b.woolf_or_r(a, bb, c, dd),
        b.woolf_or_check(a, bb, c, dd),
        "statsmodels china_smoking, Beijing",
        "one pipe row of four cells",
    )


@item
def odds_ratio_whi_90() -> None:
    prompt = (
        "WHI estrogen+progestin trial (JAMA 2002): invasive breast cancer in 166 of 8506 women on E+P and 124 of "
        "8102 on placebo. Odds ratio E+P vs placebo, log-scale (Woolf) CI but 90% not 95% please"
    )
    a, bb, c, dd = 166, 8506 - 166, 124, 8102 - 124
    answer(
        prompt,
        "odds_ratio",
        "OR E+P vs placebo (reference), Woolf log 90% CI",
        woolf_or_level_r(a, bb, c, dd, 0.9),
        woolf_or_level_check(a, bb, c, dd, 0.9),
        "WHI Writing Group, JAMA 2002;288:321 (breast cancer counts)",
        "counts of totals in prose",
    )


@item
def odds_ratio_gbsg_meno_reversed() -> None:
    d = r_frame("survival::gbsg")
    pre_rec = int(((d.meno == 0) & (d.status == 1)).sum())
    pre_n = int((d.meno == 0).sum())
    post_rec = int(((d.meno == 1) & (d.status == 1)).sum())
    post_n = int((d.meno == 1).sum())
    prompt = (
        "gbsg breast cancer, recurrence/death (status=1) by menopausal status:\n"
        f"premenopausal: {pre_rec}/{pre_n} ({100 * pre_rec / pre_n:.1f}%)\n"
        f"postmenopausal: {post_rec}/{post_n} ({100 * post_rec / post_n:.1f}%)\n"
        "OR with postmenopausal as the exposed group, pre as reference. Woolf 95% CI"
    )
    a, bb, c, dd = post_rec, post_n - post_rec, pre_rec, pre_n - pre_rec
    answer(
        prompt,
        "odds_ratio",
        "OR post vs pre (reference), Woolf log 95% CI",
        b.woolf_or_r(a, bb, c, dd),
        b.woolf_or_check(a, bb, c, dd),
        "survival::gbsg meno x status",
        "x/n lines with percentages",
    )


@item
def relative_risk_jupiter() -> None:
    prompt = (
        "JUPITER (rosuvastatin vs placebo, NEJM 2008), primary endpoint:\n"
        "```\narm           events    n\nrosuvastatin     142  8,901\nplacebo          251  8,901\n```\n"
        "risk ratio rosuva vs placebo + 95% CI (log method)"
    )
    answer(
        prompt,
        "relative_risk",
        "RR rosuvastatin vs placebo (reference), Katz log 95% CI",
        b.rr_r(142, 8901, 251, 8901),
        b.rr_check(142, 8901, 251, 8901),
        "Ridker et al., NEJM 2008;359:2195 (JUPITER)",
        "code block thousands",
    )


@item
def relative_risk_4s() -> None:
    prompt = (
        "Scandinavian Simvastatin Survival Study: 182 deaths among 2221 on simvastatin, 256 among 2223 on placebo. "
        "I need the relative risk of death for placebo compared to simvastatin (so simva is the reference!) w/ 95% CI"
    )
    answer(
        prompt,
        "relative_risk",
        "RR placebo vs simvastatin (reference), Katz log 95% CI",
        b.rr_r(256, 2223, 182, 2221),
        b.rr_check(256, 2223, 182, 2221),
        "4S Group, Lancet 1994;344:1383",
        "counts in words, reference reversed",
    )


@item
def relative_risk_rotterdam_chemo() -> None:
    d = r_frame("survival::rotterdam")
    a, n1 = int(((d.chemo == 1) & (d.recur == 1)).sum()), int((d.chemo == 1).sum())
    c, n2 = int(((d.chemo == 0) & (d.recur == 1)).sum()), int((d.chemo == 0).sum())
    prompt = (
        'Rotterdam tumour bank:\n"chemo","recurred","n"\n'
        f'"yes",{a},{n1}\n"no",{c},{n2}\n'
        "RR of recurrence chemo vs no chemo, 95% CI. (confounded, I know)"
    )
    answer(
        prompt,
        "relative_risk",
        "RR chemo vs no chemo (reference), Katz log 95% CI",
        b.rr_r(a, n1, c, n2),
        b.rr_check(a, n1, c, n2),
        "survival::rotterdam chemo x recur",
        "csv quoted events and n",
    )


@item
def risk_difference_recovery() -> None:
    prompt = (
        "RECOVERY dexamethasone arm: 482/2104 died within 28 days vs 1110/4321 with usual care. "
        "Absolute risk difference (dexa minus usual care) with Wald 95% CI?"
    )
    answer(
        prompt,
        "risk_difference",
        "Wald CI; dexamethasone minus usual care",
        b.rd_r(482, 2104, 1110, 4321),
        b.rd_check(482, 2104, 1110, 4321),
        "RECOVERY Collaborative Group, NEJM 2021;384:693",
        "a/b in prose",
    )


@item
def risk_difference_whi_stroke() -> None:
    prompt = (
        "Women's Health Initiative E+P arm — stroke\n"
        "• E+P: 127 events, n = 8,506\n• placebo: 85 events, n = 8,102\n"
        "risk difference E+P minus placebo (in proportion, not per 10,000) and the 95% Wald interval pls"
    )
    answer(
        prompt,
        "risk_difference",
        "Wald CI; E+P minus placebo",
        b.rd_r(127, 8506, 85, 8102),
        b.rd_check(127, 8506, 85, 8102),
        "WHI Writing Group, JAMA 2002;288:321 (stroke counts)",
        "bullet list n= thousands",
    )


# ================================================================ correlation and regression


@item
def pearson_longley() -> None:
    d = r_frame("longley")
    rows = ["Year\tGNP ($bn)\tUnemployed (1000s)\tEmployed (millions)"]
    rows += [f"{r.Year}\t{r.GNP:.3f}\t{r.Unemployed:.1f}\t{r.Employed:.3f}" for r in d.itertuples()]
    gnp, unemp = [f"{v:.3f}" for v in d.GNP], dec1(d.Unemployed)
    prompt = (
        "Longley's macro data, 1947-62\n" + "\n".join(rows) + "\n\n"
        "pearson correlation GNP vs Unemployed — r, t, df, p-value"
    )
    keys = ["r", "t", "df", "p"]
    answer(
        prompt,
        "pearson",
        "t test of r",
        b.pearson_r(gnp, unemp, 0.95, keys),
        b.pearson_check(fl(gnp), fl(unemp), 0.95, keys),
        "datasets::longley",
        "tsv units in header",
    )


@item
def pearson_state_illiteracy_90() -> None:
    d = r_frame("data.frame(state = state.name, state.x77[, c('Illiteracy', 'Murder', 'Income')])[1:25, ]")
    lines = [f"{r.state:<14}{r.Illiteracy:>5.1f}{r.Murder:>7.1f}{r.Income:>7}" for r in d.itertuples()]
    ill, inc = dec1(d.Illiteracy), toks(d.Income)
    prompt = (
        "state.x77, first 25 states alphabetically\n"
        + f"{'':<14}{'Illit':>5}{'Murder':>7}{'Income':>7}\n"
        + "\n".join(lines)
        + "\n\ncorrelation between illiteracy (%) and per-capita income ($)? Pearson r, p, and "
        "a 90% CI (Fisher z) — cor.test(..., conf.level = .90)"
    )
    keys = ["r", "p", "ci_low", "ci_high"]
    answer(
        prompt,
        "pearson",
        "two-sided; Fisher z 90% CI",
        b.pearson_r(ill, inc, 0.9, keys),
        b.pearson_check(fl(ill), fl(inc), 0.9, keys),
        "datasets::state.x77 first 25 states",
        "fixed-width columns",
    )


@item
def pearson_anscombe() -> None:
    d = r_frame("anscombe")
    x, y = toks(d.x1), [f"{v:.2f}" for v in d.y1]
    pairs = ", ".join(f"({a}, {z})" for a, z in zip(x, y, strict=True))
    prompt = f"anscombe set 1 as (x, y): {pairs}\nPearson r with 95% CI and p please"
    keys = ["r", "p", "ci_low", "ci_high"]
    answer(
        prompt,
        "pearson",
        "with Fisher-z CI",
        b.pearson_r(x, y, 0.95, keys),
        b.pearson_check(fl(x), fl(y), 0.95, keys),
        "datasets::anscombe x1, y1",
        "(x, y) pairs",
    )


def cor_rank_r(x: Sequence[str], y: Sequence[str], method: str, extra: str = "") -> str:
    key = {"spearman": "rho", "kendall": "tau"}[method]
    return f"k <- cor.test({rv(x)}, {rv(y)}, method = '{method}'{extra})\nemit({key} = k$estimate, p = k$p.value)"


@item
def spearman_boston_crim_rm() -> None:
    d = r_frame("Boston[1:40, c('crim', 'zn', 'rm', 'age')]")
    crim, rm = [f"{v:.5f}" for v in d.crim], [f"{v:.3f}" for v in d.rm]
    rows = ['"tract","crim (per capita crime)","zn","rm (rooms/dwelling)","age"'] + [
        f"{i},{c},{fnum(z)},{r},{fnum(a)}" for i, (c, z, r, a) in enumerate(zip(crim, d.zn, rm, d.age, strict=True), 1)
    ]
    prompt = (
        "first 40 Boston tracts:\n" + "\n".join(rows) + "\n\n"
        "crime is super skewed, so Spearman's rho between crim and rm, p from the asymptotic t approximation "
        "(exact=FALSE). rho + p"
    )
    res = stats.spearmanr(fl(crim), fl(rm))
    answer(
        prompt,
        "spearman",
        "asymptotic",
        cor_rank_r(crim, rm, "spearman", ", exact = FALSE"),
        {"rho": float(res.statistic), "p": float(res.pvalue)},
        "MASS::Boston rows 1-40",
        "csv quoted header units",
    )


@item
def spearman_cars93_rear_seat_na() -> None:
    d = r_frame("Cars93[Cars93$Type %in% c('Small', 'Sporty'), c('Make', 'Type', 'Price', 'Rear.seat.room')]")
    price, seat = dec1(d.Price), dec1(d.Rear_seat_room)
    lines = ["             Make   Type Price Rear.seat.room"] + [
        f"{i:>2} {m:>14} {t:>6} {p:>5} {s:>14}"
        for i, (m, t, p, s) in enumerate(zip(d.Make, d.Type, price, seat, strict=True), 1)
    ]
    prompt = (
        "> cars_small\n" + "\n".join(lines) + "\n\nrank correlation price vs rear seat room (inches) — Spearman "
        "please, rho and p (ties, so not exact). the NAs are 2-seaters, just drop them"
    )
    x, y = fl(price), fl(seat)
    ok = ~np.isnan(x) & ~np.isnan(y)
    res = stats.spearmanr(x[ok], y[ok])
    answer(
        prompt,
        "spearman",
        "ties; t approximation, NA pairs dropped",
        cor_rank_r(price, seat, "spearman", ", exact = FALSE"),
        {"rho": float(res.statistic), "p": float(res.pvalue)},
        "MASS::Cars93 small and sporty cars",
        "r print(df) NA",
    )


@item
def kendall_longley_exact() -> None:
    d = r_frame("longley")
    armed, pop = dec1(d.Armed_Forces), [f"{v:.3f}" for v in d.Population]
    no_ties(armed)
    no_ties(pop)
    prompt = (
        "Armed.Forces: " + " ".join(armed) + "\nPopulation: " + " ".join(pop) + "\n"
        "(longley 1947-1962, same order). Kendall tau with exact p pls"
    )
    res = stats.kendalltau(fl(armed), fl(pop), method="exact")
    answer(
        prompt,
        "kendall_tau",
        "exact",
        cor_rank_r(armed, pop, "kendall", ", exact = TRUE"),
        {"tau": float(res.statistic), "p": float(res.pvalue)},
        "datasets::longley",
        "labelled space lists",
    )


@item
def kendall_oats_normal() -> None:
    d = r_frame("oats[oats$V == 'Marvellous', ]")
    nit = [lv.replace("cwt", "") for lv in d.N]
    y = toks(d.Y)
    rows = ["Block | N (cwt/acre) | Yield"] + [f"{bl} | {n} | {v}" for bl, n, v in zip(d.B, nit, y, strict=True)]
    prompt = (
        "Marvellous oats plots:\n" + "\n".join(rows) + "\n\nkendall's tau-b between nitrogen and yield "
        "(N has heavy ties so normal approximation), tau + p"
    )
    res = stats.kendalltau(fl(nit), fl(y), method="asymptotic")
    answer(
        prompt,
        "kendall_tau",
        "tau-b, normal approximation",
        cor_rank_r(nit, y, "kendall", ", exact = FALSE"),
        {"tau": float(res.statistic), "p": float(res.pvalue)},
        "MASS::oats variety Marvellous",
        "pipe rows",
    )


def lm_check(x: np.ndarray, y: np.ndarray, keys: Sequence[str]) -> dict[str, float]:
    res = stats.linregress(x, y)
    out = b.lm_check(x, y) | {"se_slope": float(res.stderr)}
    return {k: out[k] for k in keys}


@item
def linreg_boston_lstat() -> None:
    d = r_frame("Boston[1:30, c('lstat', 'medv')]")
    ls_, mv = [f"{v:.2f}" for v in d.lstat], dec1(d.medv)
    prompt = (
        "x = % lower status population, y = median home value ($1000s), first 30 Boston tracts\n"
        "x: " + ", ".join(ls_) + "\ny: " + ", ".join(mv) + "\n"
        "simple linear regression y ~ x. slope, intercept, se of slope, R^2"
    )
    keys = ["slope", "intercept", "se_slope", "r2"]
    answer(
        prompt,
        "linear_regression",
        "OLS medv ~ lstat: slope, intercept, SE(slope), R^2",
        b.lm_r(ls_, mv, keys),
        lm_check(fl(ls_), fl(mv), keys),
        "MASS::Boston rows 1-30",
        "x: / y: lists",
    )


@item
def linreg_cars93_weight() -> None:
    d = r_frame("Cars93[Cars93$Origin == 'USA', c('Make', 'Weight', 'MPG.city')]")
    wt, mpg = [f"{w / 1000:.3f}" for w in d.Weight], toks(d.MPG_city)
    rows = ["| car | weight (1000 lb) | city mpg |", "|:---|---:|---:|"] + [
        f"| {m} | {w} | {c} |" for m, w, c in zip(d.Make, wt, mpg, strict=True)
    ]
    prompt = (
        "US-made cars of 1993\n\n" + "\n".join(rows) + "\n\nregress city mpg on weight (lm(mpg ~ weight)), "
        "need slope, intercept, R² and the SE of the slope"
    )
    keys = ["slope", "intercept", "r2", "se_slope"]
    answer(
        prompt,
        "linear_regression",
        "OLS mpg ~ weight: slope, intercept, R^2, SE(slope)",
        b.lm_r(wt, mpg, keys),
        lm_check(fl(wt), fl(mpg), keys),
        "MASS::Cars93 USA (weight in 1000 lb)",
        "markdown table",
    )


@item
def linreg_mammals_log() -> None:
    d = r_frame("cbind(animal = rownames(mammals), mammals)[1:20, ]")
    lb, lbr = [f"{math.log10(v):.3f}" for v in d.body], [f"{math.log10(v):.3f}" for v in d.brain]
    rows = ["species\tlog10 body (kg)\tlog10 brain (g)"] + [
        f"{a}\t{x}\t{y}" for a, x, y in zip(d.animal, lb, lbr, strict=True)
    ]
    prompt = (
        "allometry! already log10-transformed, first 20 of MASS::mammals\n" + "\n".join(rows) + "\n\n"
        "fit log brain ~ log body by OLS: slope (the allometric exponent), intercept, SE of slope and R2"
    )
    keys = ["slope", "intercept", "se_slope", "r2"]
    answer(
        prompt,
        "linear_regression",
        "OLS log10 brain ~ log10 body: slope, intercept, SE(slope), R^2",
        b.lm_r(lb, lbr, keys),
        lm_check(fl(lb), fl(lbr), keys),
        "MASS::mammals rows 1-20 (log10, 3 dp)",
        "tsv derived columns",
    )


def logit_r(x: Sequence[str], y: Sequence[str]) -> str:
    return (
        f"x <- {rv(x)}; y <- {rv(y)}\nm <- glm(y ~ x, family = binomial); bb <- coef(summary(m))\n"
        "ci <- exp(confint.default(m)[2, ])\nemit(or = exp(bb[2, 1]), ci_low = ci[1], ci_high = ci[2], p = bb[2, 4])"
    )


def logit_check(x: Sequence[str], y: Sequence[str]) -> dict[str, float]:
    fit = sm.Logit(fl(y), sm.add_constant(fl(x))).fit(disp=0, tol=1e-12)
    ci = np.asarray(fit.conf_int())
    return {
        "or": math.exp(fit.params[1]),
        "ci_low": math.exp(ci[1, 0]),
        "ci_high": math.exp(ci[1, 1]),
        "p": float(fit.pvalues[1]),
    }


@item
def logistic_infert_spontaneous() -> None:
    d = r_frame("infert[seq(1, 248, 3), c('age', 'spontaneous', 'case')]")
    sp, case = toks(d.spontaneous), toks(d.case)
    lines = ["  age spontaneous case"] + [f"{a:>5} {s:>11} {c:>4}" for a, s, c in zip(d.age, sp, case, strict=True)]
    prompt = (
        "every 3rd woman of infert:\n" + "\n".join(lines) + "\n\n"
        "logistic regression case ~ spontaneous (number of prior spontaneous abortions 0/1/2), "
        "OR per extra abortion with Wald 95% CI and the p value"
    )
    answer(
        prompt,
        "logistic_regression",
        "Wald CI; per prior spontaneous abortion",
        logit_r(sp, case),
        logit_check(sp, case),
        "datasets::infert every 3rd row",
        "r print(df) extra columns",
        check_tol=1e-5,
    )


@item
def logistic_cars93_manual() -> None:
    d = r_frame("Cars93[seq(2, 93, 2), c('Make', 'Price', 'Man.trans.avail')]")
    price = dec1(d.Price)
    y = ["1" if v == "Yes" else "0" for v in d.Man_trans_avail]
    rows = ["Make;Price;Man.trans.avail"] + [
        f"{m};{p};{v}" for m, p, v in zip(d.Make, price, d.Man_trans_avail, strict=True)
    ]
    prompt = (
        "Is a manual gearbox less likely on pricier cars? every 2nd car of Cars93 (price in $1000):\n"
        + "\n".join(rows)
        + "\n"
        "glm(Man.trans.avail == 'Yes' ~ Price, binomial): OR per $1000 w/ Wald CI and p"
    )
    answer(
        prompt,
        "logistic_regression",
        "Wald CI; per $1000 of price",
        logit_r(price, y),
        logit_check(price, y),
        "MASS::Cars93 even rows",
        "semicolon export yes/no outcome",
        check_tol=1e-5,
    )


# ================================================================ survival


def km_item(
    prompt: str, times: Sequence[str], events: Sequence[str], at: Sequence[float], variant: str, source: str, form: str
) -> None:
    answer(
        prompt, "kaplan_meier", variant, b.r_km(times, events, at), b.km_check(fl(times), fl(events), at), source, form
    )


@item
def km_gbsg_plus() -> None:
    d = r_frame("survival::gbsg[1:40, ]")
    d = d.sort_values(["rfstime", "status"], ascending=[True, False], kind="stable")
    times, events = toks(d.rfstime), toks(d.status)
    shown = [t if e == "1" else f"{t}+" for t, e in zip(times, events, strict=True)]
    prompt = (
        "recurrence-free survival in days, 40 women from the German breast cancer study group trial, + = censored\n"
        + " ".join(shown)
        + "\n\n"
        "KM please: median RFS and S(t) at 1 year (365 d) and 3 years (1095 d)"
    )
    km_item(
        prompt,
        times,
        events,
        [365.0, 1095.0],
        "median, S(365), S(1095); '+' censoring",
        "survival::gbsg rows 1-40",
        "plus censoring space list",
    )


@item
def km_stanford2_status() -> None:
    d = r_frame("survival::stanford2[survival::stanford2$age < 40, c('id', 'time', 'status', 'age')]")
    rows = ["id time status age"] + [
        f"{i} {fnum(t)} {s} {a}" for i, t, s, a in zip(d.id, d.time, d.status, d.age, strict=True)
    ]
    times, events = toks(d.time), toks(d.status)
    prompt = (
        "stanford heart transplant recipients younger than 40 (stanford2). time = days post transplant, status "
        "1 = died 0 = censored\n" + "\n".join(rows) + "\n\n"
        "survfit(Surv(time, status) ~ 1): median survival, and survival at 100 days"
    )
    km_item(prompt, times, events, [100.0], "median and S(100)", "survival::stanford2 age < 40", "space columns")


@item
def km_kidney_transplant_12() -> None:
    d = ll_data.load_kidney_transplant()
    d = d[d.black_female == 1].reset_index(drop=True)
    times, events = toks(d.time), toks(d.death)
    rows = ["time\tstatus"] + [f"{t}\t{int(e) + 1}" for t, e in zip(times, events, strict=True)]
    prompt = (
        "kidney transplant, black female recipients only. time in days, status coded like R's Surv: "
        "1 = censored, 2 = dead\n" + "\n".join(rows) + "\n\n"
        "KM estimate: median survival (if reached) + survival at 100 days and at 1000 days"
    )
    at = [100.0, 1000.0]
    r = b.r_km(times, events, at)
    check = b.km_check(fl(times), fl(events), at)
    if not math.isfinite(check["median"]):
        r = r.replace("emit(median = unname(summary(fit)$table['median']), ", "emit(")
        check.pop("median")
    answer(
        prompt,
        "kaplan_meier",
        "S(100), S(1000); median not reached; status 1 = censored / 2 = dead",
        r,
        check,
        "lifelines load_kidney_transplant, black females",
        "tsv status 2/1",
    )


def logrank_item(
    prompt: str,
    times: Sequence[str],
    events: Sequence[str],
    groups: Sequence[str],
    variant: str,
    source: str,
    form: str,
) -> None:
    answer(
        prompt,
        "log_rank",
        variant,
        b.r_logrank(times, events, groups),
        b.logrank_check(fl(times), fl(events), groups),
        source,
        form,
    )


@item
def logrank_motors_three() -> None:
    d = r_frame("motors[motors$temp != 150, ]")
    temps = ["170", "190", "220"]
    lines = []
    for temp in temps:
        sub = d[d.temp == int(temp)]
        cells = [f"{fnum(t)}{'' if c == 1 else '+'}" for t, c in zip(sub.time, sub.cens, strict=True)]
        lines.append(f"{temp}°C: " + ", ".join(cells))
    times, events = toks(d.time), toks(d.cens)
    groups = [str(t) for t in d.temp]
    prompt = (
        "accelerated life test of motorettes (Nelson), hours to failure at the 3 highest temperatures, "
        "+ = still running when the test stopped:\n"
        + "\n".join(lines)
        + "\n\nlog-rank test across the three temperatures "
        "(survdiff): chisq, df, p"
    )
    logrank_item(prompt, times, events, groups, "3 groups", "MASS::motors, 170-220 C", "plus censoring lists per group")


@item
def logrank_gbsg_hormon() -> None:
    d = r_frame("survival::gbsg[41:110, c('pid', 'rfstime', 'status', 'hormon')]")
    rows = ["pid,rfstime,status,hormon"] + [
        f"{p},{t},{s},{h}" for p, t, s, h in zip(d.pid, d.rfstime, d.status, d.hormon, strict=True)
    ]
    times, events = toks(d.rfstime), toks(d.status)
    groups = ["tam" if h == 1 else "none" for h in d.hormon]
    prompt = (
        "gbsg rows 41-110 (hormon: 1 = tamoxifen, status 1 = recurrence):\n" + "\n".join(rows) + "\n\n"
        "does RFS differ by hormon? log rank test, chi2 + df + p"
    )
    logrank_item(prompt, times, events, groups, "2 groups", "survival::gbsg rows 41-110", "csv long 0/1 status")


@item
def logrank_stanford2_age() -> None:
    d = r_frame("survival::stanford2[seq(1, 184, 3), c('id', 'time', 'status', 'age')]")
    grp = ["<45" if a < 45 else "45+" for a in d.age]
    rows = ["| id | days | dead | age | age group |", "|---|---|---|---|---|"]
    rows += [
        f"| {i} | {fnum(t)} | {'yes' if s == 1 else 'no'} | {a} | {g} |"
        for i, t, s, a, g in zip(d.id, d.time, d.status, d.age, grp, strict=True)
    ]
    prompt = (
        "Stanford transplant, every 3rd patient (62)\n\n" + "\n".join(rows) + "\n\n"
        "Compare survival <45 vs 45+ with a log-rank test (survdiff rho=0). Chi-square, df, p"
    )
    logrank_item(
        prompt,
        toks(d.time),
        toks(d.status),
        grp,
        "2 groups",
        "survival::stanford2 every 3rd row",
        "markdown yes/no status",
    )


@item
def cox_gbsg_hormon() -> None:
    d = r_frame("survival::gbsg[111:190, c('rfstime', 'status', 'hormon')]")
    lines = [f"{t:>5} {s} {h}" for t, s, h in zip(d.rfstime, d.status, d.hormon, strict=True)]
    times, events, x = toks(d.rfstime), toks(d.status), toks(d.hormon)
    prompt = (
        "rfstime status hormon\n" + "\n".join(lines) + "\n\n"
        "(gbsg pts 111-190; hormon 1 = tamoxifen.) coxph(Surv(rfstime, status) ~ hormon): HR tamoxifen vs none "
        "with 95% CI and Wald p"
    )
    answer(
        prompt,
        "cox",
        "single binary covariate, Efron; HR tamoxifen vs none",
        b.r_cox(times, events, x),
        b.cox_check(fl(times), fl(events), fl(x)),
        "survival::gbsg rows 111-190",
        "whitespace columns",
    )


@item
def cox_rotterdam_breslow() -> None:
    d = r_frame("survival::rotterdam[seq(1, 2982, 40), c('pid', 'dtime', 'death', 'chemo')]")
    times, events = toks(d.dtime), toks(d.death)
    x = ["1" if c == 0 else "0" for c in d.chemo]  # the reference is chemo: the HR is no chemo vs chemo
    rows = ["pid\tdays\tdied\tchemo"] + [
        f"{p}\t{t}\t{e}\t{'yes' if c == 1 else 'no'}" for p, t, e, c in zip(d.pid, times, events, d.chemo, strict=True)
    ]
    prompt = (
        "Rotterdam breast cancer, every 40th patient, overall survival\n" + "\n".join(rows) + "\n\n"
        "cox model with chemo as the only covariate, Breslow ties (ties='breslow') and chemo=yes as the REFERENCE "
        "level, so I want HR for no chemo vs chemo, CI and p"
    )
    answer(
        prompt,
        "cox",
        "single binary covariate, Breslow ties; HR no chemo vs chemo (reference)",
        b.r_cox(times, events, x, ties="breslow"),
        b.breslow_cox_check(fl(times), fl(events), fl(x)),
        "survival::rotterdam every 40th row",
        "tsv yes/no covariate",
        check_tol=1e-5,
    )


@item
def cox_kidney_transplant_sex() -> None:
    d = ll_data.load_kidney_transplant().iloc[::9].reset_index(drop=True)
    female = (d.black_female == 1) | ((d.black_male == 0) & (d.white_male == 0))
    times, events = toks(d.time), toks(d.death)
    x = ["1" if f else "0" for f in female]
    cells = [f"({t}, {e}, {'F' if f else 'M'})" for t, e, f in zip(times, events, female, strict=True)]
    prompt = (
        "every 9th patient of the kidney transplant data as (days, died 0/1, sex): " + " ".join(cells) + "\n\n"
        "Cox PH, sex only, Efron ties. HR women vs men with 95% CI + p"
    )
    answer(
        prompt,
        "cox",
        "single binary covariate, Efron; HR female vs male",
        b.r_cox(times, events, x),
        b.cox_check(fl(times), fl(events), fl(x)),
        "lifelines load_kidney_transplant every 9th row",
        "time-status-group tuples",
    )


# ================================================================ multiple testing


@item
def padj_bh_cars93() -> None:
    variables = ["Price", "MPG.city", "MPG.highway", "Horsepower", "Weight"]
    code = "".join(
        f"emit({v.replace('.', '_')} = t.test(Cars93${v}[Cars93$Origin == 'USA'], "
        f"Cars93${v}[Cars93$Origin == 'non-USA'])$p.value)\n"
        for v in variables
    )
    raw = b.raw_pvalues(code)
    labels = [v.replace(".", "_") for v in variables]
    lines = ["variable     p (Welch, USA vs non-USA)"] + [
        f"{v:<12} {raw[lab]}" for v, lab in zip(variables, labels, strict=True)
    ]
    prompt = (
        "\n".join(lines) + "\n\nfive outcomes compared between US and foreign cars (Cars93). "
        "Benjamini-Hochberg FDR adjusted p for each please"
    )
    b.padj_item(
        SET,
        prompt,
        labels,
        [raw[lab] for lab in labels],
        "BH",
        "MASS::Cars93 Welch t p-values (3 s.f.)",
        "aligned two columns",
    )


@item
def padj_holm_gbsg_logrank() -> None:
    factors = {
        "meno": "menopausal status",
        "hormon": "hormone therapy",
        "er_pos": "ER positive",
        "grade3": "grade 3",
        "size_gt20": "tumour > 20 mm",
    }
    defs = {"meno": "meno", "hormon": "hormon", "er_pos": "er > 0", "grade3": "grade == 3", "size_gt20": "size > 20"}
    code = "".join(
        f"s <- survdiff(Surv(rfstime, status) ~ I({e}), gbsg); emit({k} = pchisq(s$chisq, 1, lower.tail = FALSE))\n"
        for k, e in defs.items()
    )
    raw = b.raw_pvalues(code)
    words = "\n".join(f"- {name}: p = {raw[k]}" for k, name in factors.items())
    prompt = (
        "log-rank p values, one binary factor at a time, all 686 gbsg patients:\n" + words + "\n\n"
        "holm correction across the 5 please"
    )
    b.padj_item(
        SET,
        prompt,
        list(factors),
        [raw[k] for k in factors],
        "holm",
        "survival::gbsg log-rank p-values (3 s.f.)",
        "bullet list",
    )


@item
def padj_bonferroni_boston() -> None:
    variables = ["zn", "nox", "rm", "dis", "tax"]
    code = "".join(
        f"emit({v} = cor.test(Boston${v}[1:25], Boston$medv[1:25], method = 'spearman', exact = FALSE)$p.value)\n"
        for v in variables
    )
    raw = b.raw_pvalues(code)
    prompt = (
        "spearman correlations of medv with 5 predictors in the first 25 Boston tracts gave\n"
        "c(" + ", ".join(f"{v} = {raw[v]}" for v in variables) + ")\n"
        "bonferroni-adjust them (p.adjust(..., 'bonferroni'))"
    )
    b.padj_item(
        SET,
        prompt,
        variables,
        [raw[v] for v in variables],
        "bonferroni",
        "MASS::Boston Spearman p-values rows 1-25 (3 s.f.)",
        "r named c()",
    )


# ================================================================ power and sample size


@item
def sample_size_t_nile() -> None:
    prompt = (
        "Nile annual flow has SD ~ 169 (10^8 m^3). If a dam changed the mean flow by 100, how many years before and "
        "after would a two-sample t test need for 80% and for 90% power (two-sided 5%)? power.t.test, round up"
    )
    b.sample_size_t_item(
        SET, prompt, "100", "169", [0.8, 0.9], "two-sample, two-sided", "datasets::Nile SD", "design prose"
    )


@item
def sample_size_t_alpha01() -> None:
    prompt = (
        "sample size: outcome city mpg, SD 5.6 (Cars93). want to detect a 3 mpg difference, power 0.9, "
        "alpha = 0.01 two sided (strict, multiple outcomes). n per group? also what at alpha 0.05"
    )
    r = "a <- power.t.test(delta = 3, sd = 5.6, sig.level = 0.01, power = 0.9)$n\n"
    r += "b <- power.t.test(delta = 3, sd = 5.6, sig.level = 0.05, power = 0.9)$n\n"
    r += "emit(n_per_group_alpha01 = ceiling(a), n_per_group_alpha05 = ceiling(b))"
    check = {
        "n_per_group_alpha01": float(math.ceil(b.n_t_py(3, 5.6, 0.9, alpha=0.01))),
        "n_per_group_alpha05": float(math.ceil(b.n_t_py(3, 5.6, 0.9))),
    }
    answer(
        prompt,
        "sample_size_t",
        "two-sample, two-sided; delta 3, sd 5.6, power 0.9, alpha 0.01 and 0.05",
        r,
        check,
        "MASS::Cars93 SD of MPG.city",
        "design prose",
    )


@item
def power_t_toothgrowth() -> None:
    prompt = (
        "pilot: tooth length SD about 7.6 (ToothGrowth). we expect OJ to beat VC by 5 units. "
        "power of a 2-sample t-test (2-sided, 0.05) with 10 and with 20 animals per group?"
    )
    r = "a <- power.t.test(n = 10, delta = 5, sd = 7.6)$power; b <- power.t.test(n = 20, delta = 5, sd = 7.6)$power\n"
    r += "emit(power_n10 = a, power_n20 = b)"
    check = {"power_n10": b.power_t_py(10, 5, 7.6), "power_n20": b.power_t_py(20, 5, 7.6)}
    answer(prompt, "power_t", "two-sample, two-sided", r, check, "datasets::ToothGrowth SD of len", "design prose")


@item
def power_t_alpha01() -> None:
    prompt = (
        "> power.t.test(n = 30, delta = 0.25, sd = 0.4, sig.level = 0.01)\n"
        "> power.t.test(n = 50, delta = 0.25, sd = 0.4, sig.level = 0.01)\n\n"
        "(Sitka log-size, SD 0.4 between trees.) what power do those give?"
    )
    r = "a <- power.t.test(n = 30, delta = 0.25, sd = 0.4, sig.level = 0.01)$power\n"
    r += "b <- power.t.test(n = 50, delta = 0.25, sd = 0.4, sig.level = 0.01)$power\nemit(power_n30 = a, power_n50 = b)"
    check = {"power_n30": b.power_t_py(30, 0.25, 0.4, alpha=0.01), "power_n50": b.power_t_py(50, 0.25, 0.4, alpha=0.01)}
    answer(
        prompt,
        "power_t",
        "two-sample, two-sided; alpha 0.01",
        r,
        check,
        "MASS::Sitka SD of size (rounded)",
        "r console calls",
    )


@item
def sample_size_prop_jupiter() -> None:
    prompt = (
        "JUPITER event rates were about 1.6% (rosuvastatin) vs 2.8% (placebo). How many per arm would a new trial "
        "need for 80% / 90% power, 2-sided alpha 0.05, simple 2-proportion comparison (power.prop.test)?"
    )
    r = "a <- power.prop.test(p1 = 0.016, p2 = 0.028, power = 0.8)$n\n"
    r += "b <- power.prop.test(p1 = 0.016, p2 = 0.028, power = 0.9)$n\n"
    r += "emit(n_per_group_80 = ceiling(a), n_per_group_90 = ceiling(b))"
    check = {
        "n_per_group_80": float(math.ceil(b.n_prop_py(0.016, 0.028, 0.8))),
        "n_per_group_90": float(math.ceil(b.n_prop_py(0.016, 0.028, 0.9))),
    }
    answer(
        prompt,
        "sample_size_proportions",
        "two-sided, no continuity correction",
        r,
        check,
        "JUPITER event rates (NEJM 2008)",
        "design prose",
    )


@item
def sample_size_prop_gbsg() -> None:
    prompt = (
        "recurrence ~44% in gbsg overall. for a new adjuvant drug we'd like to show a drop to 34%.\n"
        "p1=0.44 p2=0.34 alpha=.05 (2 sided) power=.80 → n/group? and same for p2=0.36"
    )
    r = "a <- power.prop.test(p1 = 0.44, p2 = 0.34, power = 0.8)$n\n"
    r += "b <- power.prop.test(p1 = 0.44, p2 = 0.36, power = 0.8)$n\n"
    r += "emit(n_per_group_p2_34 = ceiling(a), n_per_group_p2_36 = ceiling(b))"
    check = {
        "n_per_group_p2_34": float(math.ceil(b.n_prop_py(0.44, 0.34, 0.8))),
        "n_per_group_p2_36": float(math.ceil(b.n_prop_py(0.44, 0.36, 0.8))),
    }
    answer(
        prompt,
        "sample_size_proportions",
        "two-sided, no continuity correction",
        r,
        check,
        "survival::gbsg recurrence rate",
        "key=value shorthand",
    )


@item
def power_prop_whi() -> None:
    prompt = (
        "stroke risk 1.5% vs 1.05% (WHI E+P vs placebo). With 5000 women per arm, and with 10000 per arm, what's the "
        "power of a two sided two-proportion test at alpha 0.05?"
    )
    r = "a <- power.prop.test(n = 5000, p1 = 0.015, p2 = 0.0105)$power\n"
    r += "b <- power.prop.test(n = 10000, p1 = 0.015, p2 = 0.0105)$power\nemit(power_n5000 = a, power_n10000 = b)"
    check = {"power_n5000": b.power_prop_py(5000, 0.015, 0.0105), "power_n10000": b.power_prop_py(10000, 0.015, 0.0105)}
    answer(prompt, "power_proportions", "two-sided", r, check, "WHI stroke rates (JAMA 2002)", "design prose")


@item
def power_prop_recovery() -> None:
    prompt = (
        "28-day mortality 25.7% usual care; we hope for 21% with the new drug.\n"
        "power.prop.test(n = 1000, p1 = .257, p2 = .21) and n = 1500 — what power?"
    )
    r = "a <- power.prop.test(n = 1000, p1 = 0.257, p2 = 0.21)$power\n"
    r += "b <- power.prop.test(n = 1500, p1 = 0.257, p2 = 0.21)$power\nemit(power_n1000 = a, power_n1500 = b)"
    check = {"power_n1000": b.power_prop_py(1000, 0.257, 0.21), "power_n1500": b.power_prop_py(1500, 0.257, 0.21)}
    answer(
        prompt,
        "power_proportions",
        "two-sided",
        r,
        check,
        "RECOVERY usual-care mortality (NEJM 2021)",
        "r call in prose",
    )


# ================================================================ must decline: analyses outside the list


@item
def decline_two_way_anova_toothgrowth() -> None:
    d = r_frame("ToothGrowth[seq(1, 60, 2), ]")
    rows = ["len\tsupp\tdose"] + [f"{r.len:.1f}\t{r.supp}\t{fnum(r.dose)}" for r in d.itertuples()]
    prompt = (
        "\n".join(rows) + "\n\nToothGrowth (every other pig). I need the two-way anova len ~ supp * dose with the "
        "interaction: F and p for supp, dose and supp:dose"
    )
    decline(
        prompt,
        "two_way_anova",
        "a two-factor ANOVA with interaction is not a supported analysis",
        ["two-way", "interaction", "factor"],
        "datasets::ToothGrowth every 2nd row",
        "tsv long",
    )


@item
def decline_friedman_judges() -> None:
    d = r_frame("cbind(judge = rownames(USJudgeRatings), USJudgeRatings)[1:10, c('judge', 'INTG', 'DMNR', 'DILG')]")
    rows = ["| judge | integrity | demeanor | diligence |", "|---|---|---|---|"]
    rows += [f"| {r.judge} | {r.INTG:.1f} | {r.DMNR:.1f} | {r.DILG:.1f} |" for r in d.itertuples()]
    prompt = (
        "\n".join(rows) + "\n\nsame 10 judges rated on 3 things, so repeated measures & not normal → "
        "friedman.test please, chi2 df p"
    )
    decline(
        prompt,
        "friedman",
        "the Friedman test (blocked ranks over three repeated ratings) is not supported",
        ["friedman", "repeated", "block"],
        "datasets::USJudgeRatings rows 1-10",
        "markdown table",
    )


@item
def decline_roc_gbsg_nodes() -> None:
    d = r_frame("survival::gbsg[1:30, c('nodes', 'status')]")
    prompt = (
        "nodes: " + " ".join(toks(d.nodes)) + "\nrecurrence (1=yes): " + " ".join(toks(d.status)) + "\n"
        "how good is node count at predicting recurrence? ROC curve AUC with 95% CI (DeLong) and the best cutoff "
        "by Youden please"
    )
    decline(
        prompt,
        "roc_auc",
        "ROC/AUC analysis is not a supported analysis",
        ["roc", "auc", "curve"],
        "survival::gbsg rows 1-30",
        "space lists",
    )


@item
def decline_icc_sitka() -> None:
    d = r_frame(
        "reshape(Sitka[Sitka$Time %in% c(227, 258) & Sitka$treat == 'ozone', ][1:40, ], idvar = 'tree', "
        "timevar = 'Time', direction = 'wide')"
    )
    rows = ["tree,size_t1,size_t2"] + [
        f"{int(t)},{a:.2f},{z:.2f}" for t, a, z in zip(d.tree, d.size_227, d.size_258, strict=True)
    ]
    prompt = (
        "test-retest style reliability of the size measure, two consecutive measurement days per tree:\n"
        + "\n".join(rows)
        + "\n\nICC(2,1), two-way random, absolute agreement, with 95% CI?"
    )
    decline(
        prompt,
        "icc",
        "the intraclass correlation coefficient is not a supported analysis",
        ["icc", "intraclass", "reliability"],
        "MASS::Sitka ozone trees days 227 and 258",
        "csv wide",
    )


@item
def decline_trend_gbsg_grade() -> None:
    d = r_frame("survival::gbsg[, c('grade', 'status')]")
    lines = [f" grade {g}: {int(d.status[d.grade == g].sum())}/{int((d.grade == g).sum())}" for g in (1, 2, 3)]
    prompt = (
        "recurrence by tumour grade (gbsg):\n" + "\n".join(lines) + "\n"
        "Cochran-Armitage test for trend across the ordered grades please (prop.trend.test), chi2 + p"
    )
    decline(
        prompt,
        "cochran_armitage",
        "a trend test across ordered groups is not a supported analysis",
        ["trend", "armitage", "ordered"],
        "survival::gbsg grade x status",
        "x/n lines",
    )


@item
def decline_poisson_insurance() -> None:
    d = r_frame("Insurance[Insurance$District == 1 & Insurance$Group == '>2l', c('Age', 'Holders', 'Claims')]")
    rows = ["Age,Holders,Claims"] + [f"{r.Age},{r.Holders},{r.Claims}" for r in d.itertuples()]
    prompt = (
        "car insurance claims, district 1, engine >2 litre:\n" + "\n".join(rows) + "\n\n"
        "poisson glm Claims ~ Age with offset(log(Holders)), rate ratios per age band vs <25 please"
    )
    decline(
        prompt,
        "poisson_regression",
        "Poisson regression with an exposure offset is not supported",
        ["poisson", "rate", "offset"],
        "MASS::Insurance district 1, >2l",
        "csv",
    )


@item
def decline_negbin_epil() -> None:
    d = r_frame("epil[epil$period == 4, c('subject', 'y', 'trt', 'base', 'age')][1:24, ]")
    rows = ["subject y trt base age"] + [f"{r.subject} {r.y} {r.trt} {r.base} {r.age}" for r in d.itertuples()]
    prompt = (
        "\n".join(rows) + "\n\nseizure counts in the last period; overdispersed so glm.nb(y ~ trt + log(base)) — "
        "incidence rate ratio for progabide with CI"
    )
    decline(
        prompt,
        "negative_binomial_regression",
        "negative binomial regression is not a supported analysis",
        ["negative binomial", "count", "overdispers"],
        "MASS::epil period 4, first 24",
        "space columns",
    )


@item
def decline_competing_rotterdam() -> None:
    d = r_frame("survival::rotterdam[seq(5, 2982, 60), c('pid', 'rtime', 'recur', 'dtime', 'death')]")
    lines = [
        f"{p}: relapse {'yes' if rc else 'no'} at/censored {rt} d; died {'yes' if de else 'no'} at {dt} d"
        for p, rt, rc, dt, de in zip(d.pid, d.rtime, d.recur, d.dtime, d.death, strict=True)
    ]
    prompt = (
        "\n".join(lines) + "\n\nI want cumulative incidence of relapse at 5 years with death before relapse as a "
        "competing risk (Aalen-Johansen / cmprsk) — just the CIF, no Gray's test needed"
    )
    decline(
        prompt,
        "competing_risks",
        "competing-risks cumulative incidence is not a supported analysis",
        ["competing", "cumulative incidence", "cif"],
        "survival::rotterdam every 60th row",
        "prose lines per patient",
    )


@item
def decline_cox_multivariable_gbsg() -> None:
    d = r_frame("survival::gbsg[1:30, c('age', 'grade', 'nodes', 'hormon', 'rfstime', 'status')]")
    rows = ["age grade nodes hormon rfstime status"] + [
        f"{r.age} {r.grade} {r.nodes} {r.hormon} {r.rfstime} {r.status}" for r in d.itertuples()
    ]
    prompt = (
        "\n".join(rows) + "\n\ncoxph(Surv(rfstime, status) ~ hormon + age + nodes + grade) — adjusted HR for hormon "
        "with 95% CI"
    )
    decline(
        prompt,
        "cox_multivariable",
        "a Cox model with several covariates is outside the single-covariate Cox",
        ["multivariable", "adjusted", "covariates"],
        "survival::gbsg rows 1-30",
        "space columns",
    )


@item
def decline_logistic_multivariable_cars93() -> None:
    prompt = (
        "Cars93: glm(Man.trans.avail ~ Price + Origin + Horsepower, family = binomial). Can you fit it on the full "
        "93 cars (it's in MASS) and give adjusted ORs with CIs?"
    )
    decline(
        prompt,
        "multiple_logistic_regression",
        "a logistic model with several predictors is not supported, and no data are pasted",
        ["multiple", "adjusted", "data"],
        "MASS::Cars93 (not pasted)",
        "r call in prose",
    )


@item
def decline_bland_altman_judges() -> None:
    d = r_frame("cbind(judge = rownames(USJudgeRatings), USJudgeRatings)[31:43, c('judge', 'ORAL', 'WRIT')]")
    rows = ["judge\toral\twritten"] + [f"{r.judge}\t{r.ORAL:.1f}\t{r.WRIT:.1f}" for r in d.itertuples()]
    prompt = (
        "two rating scales for the same judges:\n" + "\n".join(rows) + "\n\n"
        "Bland-Altman: mean bias and the 95% limits of agreement, plus the plot"
    )
    decline(
        prompt,
        "bland_altman",
        "Bland-Altman agreement analysis is not a supported analysis",
        ["bland", "agreement", "limits"],
        "datasets::USJudgeRatings rows 31-43",
        "tsv",
    )


@item
def decline_dunn_fgl() -> None:
    prompt = (
        "after a significant kruskal-wallis on glass RI across WinF, WinNF, Veh, Con, Tabl, Head (MASS fgl), "
        "I need Dunn's post hoc pairwise tests with Bonferroni adjustment. the data is MASS::fgl, RI ~ type"
    )
    decline(
        prompt,
        "dunn",
        "Dunn's post hoc test is not supported (and no data are pasted)",
        ["dunn", "post hoc", "pairwise"],
        "MASS::fgl (not pasted)",
        "prose",
    )


@item
def decline_weibull_motors() -> None:
    d = r_frame("motors")
    cells = [f"{t}{'' if c == 1 else '+'}@{temp}" for t, c, temp in zip(d.time, d.cens, d.temp, strict=True)]
    prompt = (
        "hours@°C, + censored: " + " ".join(cells) + "\n"
        "fit a Weibull AFT model survreg(Surv(time, cens) ~ temp, dist = 'weibull') and predict median life at 130C"
    )
    decline(
        prompt,
        "parametric_survival",
        "parametric (Weibull AFT) survival regression is not supported",
        ["weibull", "parametric", "survreg"],
        "MASS::motors",
        "time@group tokens",
    )


@item
def decline_cochran_q_bacteria() -> None:
    d = r_frame(
        "local({w <- reshape(bacteria[bacteria$week %in% c(0, 2, 4), c('ID', 'week', 'y')], idvar = 'ID', "
        "timevar = 'week', direction = 'wide'); w[complete.cases(w), ][1:20, ]})"
    )
    rows = ["ID wk0 wk2 wk4"] + [f"{r.ID} {r.y_0} {r.y_2} {r.y_4}" for r in d.itertuples()]
    prompt = (
        "\n".join(rows) + "\n\nsame kids at 3 visits, y/n for H. influenzae. Cochran's Q test for a change in "
        "prevalence over the 3 visits please"
    )
    decline(
        prompt,
        "cochran_q",
        "Cochran's Q for three or more paired binary outcomes is not supported",
        ["cochran", "three", "q test"],
        "MASS::bacteria weeks 0, 2, 4",
        "space columns y/n",
    )


@item
def decline_mixed_sitka() -> None:
    d = r_frame("Sitka[Sitka$tree %in% c(1, 2, 60, 61), c('tree', 'Time', 'size', 'treat')]")
    rows = ["tree,Time,size,treat"] + [f"{r.tree},{r.Time},{r.size:.2f},{r.treat}" for r in d.itertuples()]
    prompt = (
        "\n".join(rows) + "\n\ngrowth curves, ozone vs control. lme(size ~ Time * treat, random = ~ Time | tree): "
        "I want the Time:treat slope difference and its p"
    )
    decline(
        prompt,
        "mixed_model",
        "a linear mixed model with random slopes per tree is not supported",
        ["mixed", "random", "lme"],
        "MASS::Sitka trees 1, 2, 60, 61",
        "csv long",
    )


# ================================================================ must decline: the data cannot support the request


@item
def decline_logrank_one_group() -> None:
    d = r_frame("survival::gbsg[survival::gbsg$hormon == 1, ][1:25, c('rfstime', 'status')]")
    shown = [f"{t}{'' if s == 1 else '+'}" for t, s in zip(d.rfstime, d.status, strict=True)]
    prompt = (
        "tamoxifen patients, RFS days (+ censored): " + ", ".join(shown) + "\n"
        "log-rank test for tamoxifen vs no tamoxifen please"
    )
    decline(
        prompt,
        "log_rank",
        "only the tamoxifen group is given; a log-rank test needs at least two groups",
        ["one group", "two groups", "second group"],
        "survival::gbsg hormon = 1, first 25",
        "plus censoring list",
    )


@item
def decline_mcnemar_2x3() -> None:
    d = r_frame(
        "merge(bacteria[bacteria$week == 0, c('ID', 'y')], bacteria[bacteria$week == 2, c('ID', 'y')], "
        "by = 'ID', all.x = TRUE)"
    )
    later = d.y_y.fillna("missed")
    cells = {(w0, w2): int(((d.y_x == w0) & (later == w2)).sum()) for w0 in "ny" for w2 in ("n", "y", "missed")}
    prompt = (
        f"same {len(d)} kids, H. influenzae at week 0 vs week 2:\n"
        "              wk2 clear  wk2 bacteria  wk2 missed\n"
        + "\n".join(
            f"{label:<14}{cells[(w0, 'n')]:>9}  {cells[(w0, 'y')]:>12}  {cells[(w0, 'missed')]:>10}"
            for w0, label in (("n", "wk0 clear"), ("y", "wk0 bacteria"))
        )
        + "\n\nmcnemar test on the full 2x3 table please — keep the missed ones in as their own category"
    )
    decline(
        prompt,
        "mcnemar",
        "McNemar's test needs a square 2x2 table of paired outcomes; this one is 2x3",
        ["2x2", "square", "2x3"],
        "MASS::bacteria weeks 0 and 2 (with a missed column)",
        "aligned 2x3",
    )


@item
def decline_paired_unequal_sitka() -> None:
    d = r_frame(
        "reshape(Sitka89[Sitka89$Time %in% c(469, 496) & Sitka89$treat == 'control', ], "
        "idvar = 'tree', timevar = 'Time', direction = 'wide')"
    )
    a, z = [f"{v:.2f}" for v in d.size_469], [f"{v:.2f}" for v in d.size_496][:-3]
    prompt = (
        f"day 469 (n={len(a)}): {', '.join(a)}\nday 496 (n={len(z)}): {', '.join(z)}\n"
        "paired t-test day 496 vs 469 please"
    )
    decline(
        prompt,
        "paired_t",
        f"the two lists have {len(a)} and {len(z)} values; a paired test needs equal pairs",
        ["pair", "unequal", "same length"],
        "MASS::Sitka89 control, days 469 and 496, last 3 dropped",
        "n= annotated lists",
    )


@item
def decline_chisq_totals_contradict() -> None:
    d = r_frame("Cars93[, c('Origin', 'Man.trans.avail')]")
    cell = {
        (o, m): int(((d.Origin == o) & (d.Man_trans_avail == m)).sum())
        for o in ("USA", "non-USA")
        for m in ("Yes", "No")
    }
    usa = cell[("USA", "Yes")] + cell[("USA", "No")]
    typo = usa  # the non-USA row total is pasted as the USA one
    prompt = (
        "Cars93 origin x manual transmission available\n\n"
        "|  | manual yes | manual no | total |\n|---|---|---|---|\n"
        f"| USA | {cell[('USA', 'Yes')]} | {cell[('USA', 'No')]} | {usa} |\n"
        f"| non-USA | {cell[('non-USA', 'Yes')]} | {cell[('non-USA', 'No')]} | {typo} |\n"
        f"| total | {cell[('USA', 'Yes')] + cell[('non-USA', 'Yes')]} | "
        f"{cell[('USA', 'No')] + cell[('non-USA', 'No')]} | {len(d)} |\n\nchi-square test pls"
    )
    non_usa = cell[("non-USA", "Yes")] + cell[("non-USA", "No")]
    decline(
        prompt,
        "chi_square",
        f"the non-USA row adds up to {non_usa}, not the {typo} given, and the row totals "
        f"({usa} + {typo}) contradict the grand total {len(d)}; the table needs checking",
        ["total", "add up", "inconsistent"],
        "MASS::Cars93 Origin x Man.trans.avail (non-USA total mistyped)",
        "markdown totals",
    )


@item
def decline_wilcoxon_paired_unpaired_groups() -> None:
    d = r_frame("fgl[fgl$type %in% c('Con', 'Head'), c('RI', 'type')]")
    con = [f"{v:.2f}" for v in d.RI[d.type == "Con"]]
    head = [f"{v:.2f}" for v in d.RI[d.type == "Head"]]
    prompt = (
        f"container glass RI ({len(con)} fragments): {' '.join(con)}\n"
        f"headlamp glass RI ({len(head)} fragments): {' '.join(head)}\n"
        "wilcoxon signed rank test (paired) container vs headlamp, V and p"
    )
    decline(
        prompt,
        "wilcoxon_signed_rank",
        "the signed-rank test needs paired values; these are two independent groups of different sizes",
        ["paired", "independent", "different sizes"],
        "MASS::fgl Con and Head",
        "labelled space lists",
    )


@item
def decline_km_cut_off() -> None:
    d = r_frame("survival::stanford2[survival::stanford2$age >= 50, ][1:30, c('time', 'status')]")
    shown = [f"{fnum(t)}{'' if s == 1 else '+'}" for t, s in zip(d.time, d.status, strict=True)]
    text = ", ".join(shown)
    prompt = (
        "KM median + 1-year survival for the 50+ transplant pts, days (+ = censored), I'll paste the rest after:\n"
        + text[: len(text) // 2].rstrip(", ")
        + ", 1"
    )
    decline(
        prompt,
        "kaplan_meier",
        "the message says more data follow and the list stops mid-number",
        ["incomplete", "cut off", "rest"],
        "survival::stanford2 age >= 50 (message cut off)",
        "truncated paste",
    )


@item
def decline_spearman_lengths_differ() -> None:
    d = r_frame("Boston[1:20, c('rm', 'medv')]")
    rm, mv = [f"{v:.3f}" for v in d.rm], dec1(d.medv)[:17]
    prompt = "rm = " + ", ".join(rm) + "\nmedv = " + ", ".join(mv) + "\nspearman between them? rho p"
    decline(
        prompt,
        "spearman",
        f"x has {len(rm)} values and y has {len(mv)}; a correlation needs paired values",
        ["length", "pair", "values"],
        "MASS::Boston rows 1-20 (medv cut to 17)",
        "x = / y = lists",
    )


if __name__ == "__main__":
    SET.run()
