"""Build the second sealed final evaluation set for labbot's named analyses (``analysis_final2.jsonl``).

Every answerable item pastes real data (R's datasets, MASS and survival packages, lifelines.datasets,
published trial counts) the way a researcher would in Slack and names one supported analysis and its
variant.  The expected numbers are computed by R on exactly the number strings that are written into
the prompt (the data are rounded first, then formatted, then handed to R as those strings).  Every
number R emits is recomputed in Python (scipy, statsmodels, lifelines, or a direct formula where no
library has R's exact variant) and must agree, or the generator stops.  Must-decline items ask for an
analysis outside the supported list, or paste data that cannot support the named analysis.

Paired analyses: R computes on the differences rounded to 10 decimals (``round(a - b, 10)``) so that
differences of decimals that are equal on paper stay tied in floating point.

Run ``.venv/bin/python evaluation/data/make_analysis_final2.py``; the output is byte-identical run to
run.  ``... make_analysis_final2.py NAME`` only builds the items whose builder name contains NAME and
prints them instead of writing the file.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import statsmodels.api as sm
from lifelines import datasets as ll_data
from scipy import stats
from statsmodels.stats.contingency_tables import mcnemar

from evaluation.data._build import (  # the R runner, formatting and checks every set generator shares
    FISHER_TOL,
    R_LM,
    ItemSet,
    anova_check,
    breslow_cox_check,
    chisq_check,
    cox_check,
    dcomma,
    dec1,
    fisher_check,
    fl,
    fnum,
    km_check,
    lm_check,
    logrank_check,
    n_prop_py,
    n_t_py,
    named_print,
    padj_item,
    pearson_check,
    power_prop_py,
    power_t_py,
    r_anova,
    r_cox,
    r_frame,
    r_km,
    r_logrank,
    r_matrix,
    r_n_t,
    raw_pvalues,
    rd_check,
    rd_r,
    rr_check,
    rr_r,
    rv,
    signed_rank_v,
    thousands,
    toks,
    ttest_check,
    two_by_two,
    woolf_or_check,
    woolf_or_r,
)

OUT = Path(__file__).resolve().with_name("analysis_final2.jsonl")
SET = ItemSet(OUT, "final2")
item, answer, decline = SET.item, SET.answer, SET.decline


# ---------------------------------------------------------------- R plumbing


# ---------------------------------------------------------------- item registration


# ---------------------------------------------------------------- shared Python checks


# fisher.test finds the conditional MLE and its CI limits with uniroot(tol = eps^0.25, an absolute tolerance on
# the odds-ratio scale): a small lower limit is only good to a few 1e-3 relative, so R and scipy agree to 5e-3
# (well inside the items' rel_tol of 0.01).


# ================================================================ t-tests


@item
def welch_birthwt() -> None:
    d = r_frame("cbind(id = as.integer(rownames(birthwt)), birthwt)[1:28, ]")
    rows = ["ID\tage\tlwt (lb)\tsmoker\tbirth weight (g)\trace"]
    race = {1: "white", 2: "black", 3: "other"}
    for r in d.itertuples():
        smoker = "yes" if r.smoke == 1 else "no"
        rows.append(f"{r.id}\t{r.age}\t{r.lwt}\t{smoker}\t{thousands(fnum(r.bwt))}\t{race[int(r.race)]}")
    smk = toks(d.bwt[d.smoke == 1])
    non = toks(d.bwt[d.smoke == 0])
    prompt = (
        "copied this straight out of excel so the weights have the thousands comma, sorry\n\n"
        + "\n".join(rows)
        + "\n\nWelch t-test on birth weight, smokers vs non-smokers (don't assume equal variances). "
        "Need t, df, p and the 95% CI for smokers minus non-smokers."
    )
    r = f"tt <- t.test({rv(smk)}, {rv(non)})\n"
    r += "emit(t = tt$statistic, df = tt$parameter, p = tt$p.value, ci_low = tt$conf.int[1], ci_high = tt$conf.int[2])"
    check = ttest_check(stats.ttest_ind(fl(smk), fl(non), equal_var=False))
    answer(prompt, "welch_t", "two-sided", r, check, "MASS::birthwt rows 1-28", "excel thousands")


@item
def welch_airquality() -> None:
    d = r_frame("airquality")
    may = toks(d.Ozone[d.Month == 5].iloc[:16])
    aug = toks(d.Ozone[d.Month == 8].iloc[:16])
    prompt = (
        "> may <- c(" + ", ".join(may) + ")\n"
        "> aug <- c(" + ", ".join(aug) + ")\n"
        "\n"
        "ozone (ppb), first 16 days of may and august, NAs are missing readings. can you do the t.test(aug, may) "
        "i.e. welch, aug minus may. t, df and p is enough"
    )
    r = f"tt <- t.test({rv(aug)}, {rv(may)})\nemit(t = tt$statistic, df = tt$parameter, p = tt$p.value)"
    a, m = fl(aug), fl(may)
    check = ttest_check(stats.ttest_ind(a[~np.isnan(a)], m[~np.isnan(m)], equal_var=False), ci=False)
    answer(prompt, "welch_t", "two-sided, NA dropped", r, check, "datasets::airquality Ozone May/Aug 1-16", "r vectors")


@item
def welch_uscrime() -> None:
    d = r_frame("UScrime[1:30, c('So', 'Ed', 'Po1', 'Pop', 'U1', 'y')]")
    rows = ['"state_no","So","Ed","Po1","Pop","U1","crime_rate"']
    rows += [f"{i},{r.So},{r.Ed},{r.Po1},{r.Pop},{r.U1},{r.y}" for i, r in enumerate(d.itertuples(), start=1)]
    south = toks(d.Po1[d.So == 1])
    other = toks(d.Po1[d.So == 0])
    prompt = (
        "Hello! I have the US crime data (Ehrlich), first 30 states. So = 1 mean it is southern state. "
        "Po1 is police expenditure 1960.\n\n"
        + "\n".join(rows)
        + "\n\nQuestion: is Po1 different in southern vs non-southern? Please make the Welch unequal variance "
        "t-test, southern minus non-southern. I want to have t statistic, degrees of freedom, p-value. Thank you"
    )
    r = f"tt <- t.test({rv(south)}, {rv(other)})\nemit(t = tt$statistic, df = tt$parameter, p = tt$p.value)"
    check = ttest_check(stats.ttest_ind(fl(south), fl(other), equal_var=False), ci=False)
    answer(prompt, "welch_t", "two-sided", r, check, "MASS::UScrime rows 1-30", "csv quoted header extra columns")


@item
def student_chickwts() -> None:
    d = r_frame("chickwts[chickwts$feed %in% c('soybean', 'meatmeal'), ]")
    rows = ["| chick | feed | weight (g) |", "|---|---|---|"]
    rows += [f"| {i} | {r.feed} | {r.weight} |" for i, r in enumerate(d.itertuples(), start=1)]
    meat = toks(d.weight[d.feed == "meatmeal"])
    soy = toks(d.weight[d.feed == "soybean"])
    prompt = (
        "\n".join(rows) + "\n\nt.test(weight ~ feed, var.equal = TRUE) on this please, so meatmeal minus soybean. "
        "t, df, p, and the CI of the difference"
    )
    r = f"tt <- t.test({rv(meat)}, {rv(soy)}, var.equal = TRUE)\n"
    r += "emit(t = tt$statistic, df = tt$parameter, p = tt$p.value, ci_low = tt$conf.int[1], ci_high = tt$conf.int[2])"
    check = ttest_check(stats.ttest_ind(fl(meat), fl(soy), equal_var=True))
    answer(prompt, "student_t", "pooled two-sided", r, check, "datasets::chickwts soybean/meatmeal", "markdown long")


@item
def student_cats() -> None:
    d = r_frame("cats[c(1:11, 48:61), ]")
    lines = ["   Sex Bwt Hwt"]
    idx = [*range(1, 12), *range(48, 62)]
    lines += [f"{i:>2}   {r.Sex} {r.Bwt:.1f} {r.Hwt:>4.1f}" for i, r in zip(idx, d.itertuples(), strict=True)]
    fem = dec1(d.Hwt[d.Sex == "F"])
    mal = dec1(d.Hwt[d.Sex == "M"])
    prompt = (
        "Hi, quick one. Cat heart weights (Hwt, grams) from MASS::cats, a few of each sex:\n\n"
        + "\n".join(lines)
        + "\n\nClassic two-sample t test with pooled variance (Student, equal variances assumed) on Hwt, "
        "female vs male. Report t, df, p-value and 95% CI for F − M."
    )
    r = f"tt <- t.test({rv(fem)}, {rv(mal)}, var.equal = TRUE)\n"
    r += "emit(t = tt$statistic, df = tt$parameter, p = tt$p.value, ci_low = tt$conf.int[1], ci_high = tt$conf.int[2])"
    check = ttest_check(stats.ttest_ind(fl(fem), fl(mal), equal_var=True))
    answer(prompt, "student_t", "pooled two-sided", r, check, "MASS::cats rows 1-11, 48-61", "r print(df)")


@item
def paired_anorexia() -> None:
    d = r_frame("anorexia[anorexia$Treat == 'CBT', ]")
    pre, post = dec1(d.Prewt), dec1(d.Postwt)
    lines = ["> cbt", "   Treat Prewt Postwt"]
    lines += [f"{i:>2}   CBT {a:>5} {b:>6}" for i, (a, b) in enumerate(zip(pre, post, strict=True), start=27)]
    prompt = (
        "\n".join(lines) + "\n\nthese are the CBT girls from the anorexia data, weight in lbs before and after. "
        "paired t test post vs pre? want t, df, p, mean change (post - pre) and its 95% CI"
    )
    r = f"a <- {rv(post)}; b <- {rv(pre)}\ntt <- t.test(round(a - b, 10))\n"
    r += "emit(t = tt$statistic, df = tt$parameter, p = tt$p.value, mean_diff = tt$estimate, ci_low = tt$conf.int[1])"
    res = stats.ttest_rel(fl(post), fl(pre))
    check = ttest_check(res, ci=False) | {
        "mean_diff": float(np.mean(fl(post) - fl(pre))),
        "ci_low": float(res.confidence_interval(0.95)[0]),
    }
    answer(prompt, "paired_t", "two-sided", r, check, "MASS::anorexia CBT group", "r print(df)")


@item
def paired_sleep_long() -> None:
    d = r_frame("sleep")
    order = [13, 4, 18, 9, 1, 16, 7, 11, 20, 3, 15, 6, 10, 19, 2, 14, 8, 17, 5, 12]  # a shuffled export
    rows = ["proband;drug;extra_h"]
    for k in order:
        r = d.iloc[k - 1]
        rows.append(f"{int(r.ID)};{'B' if r.group == 2 else 'A'};{dcomma(fnum(r.extra))}")
    a = toks(d.extra[d.group == 1])
    b = toks(d.extra[d.group == 2])
    prompt = (
        "Hallo, export from our system is in german format (semicolon separated, decimal comma). Each proband got "
        "both drug A and drug B, extra_h = extra hours of sleep.\n\n"
        + "\n".join(rows)
        + "\n\nI need the paired t-test B minus A (matched by proband). t, df and p please."
    )
    r = f"a <- {rv(b)}; b <- {rv(a)}\ntt <- t.test(round(a - b, 10))\n"
    r += "emit(t = tt$statistic, df = tt$parameter, p = tt$p.value)"
    check = ttest_check(stats.ttest_rel(fl(b), fl(a)), ci=False)
    answer(
        prompt,
        "paired_t",
        "two-sided",
        r,
        check,
        "datasets::sleep (shuffled long, decimal comma)",
        "long csv semicolon",
    )


@item
def paired_immer() -> None:
    d = r_frame("immer[1:15, ]")
    lines = ["Loc  Var   Y1     Y2"]
    lines += [
        f"{r.Loc:<4} {r.Var}   {a:<6} {b}" for r, a, b in zip(d.itertuples(), dec1(d.Y1), dec1(d.Y2), strict=True)
    ]
    y1, y2 = dec1(d.Y1), dec1(d.Y2)
    prompt = (
        "Barley yields, same location × variety plots in 1931 (Y1) and 1932 (Y2), Immer's data:\n\n"
        + "\n".join(lines)
        + "\n\nIs there a year diference? paired t-test please (Y1 − Y2): t, df, p, mean difference, 95% CI"
    )
    r = f"a <- {rv(y1)}; b <- {rv(y2)}\ntt <- t.test(round(a - b, 10))\n"
    r += "emit(t = tt$statistic, df = tt$parameter, p = tt$p.value, mean_diff = tt$estimate, ci_high = tt$conf.int[2])"
    res = stats.ttest_rel(fl(y1), fl(y2))
    check = ttest_check(res, ci=False) | {
        "mean_diff": float(np.mean(fl(y1) - fl(y2))),
        "ci_high": float(res.confidence_interval(0.95)[1]),
    }
    answer(prompt, "paired_t", "two-sided", r, check, "MASS::immer rows 1-15", "aligned columns")


@item
def one_sample_precip() -> None:
    d = r_frame("data.frame(city = names(precip), inches = unname(precip))[1:20, ]")
    names, vals = list(d.city), dec1(d.inches)
    lines = ["> precip[1:20]"]
    for k in range(0, 20, 5):
        lines.append(" ".join(f"{n:>13}" for n in names[k : k + 5]))
        lines.append(" ".join(f"{v:>13}" for v in vals[k : k + 5]))
    prompt = (
        "\n".join(lines) + "\n\nannual rainfall in inches for 20 US cities. Test whether the mean differs from "
        "30 inches, one-sample t-test two sided. t, df, p and 95% CI for the mean"
    )
    r = f"tt <- t.test({rv(vals)}, mu = 30)\n"
    r += "emit(t = tt$statistic, df = tt$parameter, p = tt$p.value, ci_low = tt$conf.int[1], ci_high = tt$conf.int[2])"
    check = ttest_check(stats.ttest_1samp(fl(vals), 30))
    answer(prompt, "one_sample_t", "two-sided vs 30", r, check, "datasets::precip first 20", "r named vector")


@item
def one_sample_quakes() -> None:
    d = r_frame("quakes[1:25, ]")
    mags = toks(d.mag)
    prompt = (
        "magnitudes of the first 25 Fiji quakes: " + " ".join(mags) + "\n"
        "one sample t test, H0: mu = 4.5 . give me t, df, p"
    )
    r = f"tt <- t.test({rv(mags)}, mu = 4.5)\nemit(t = tt$statistic, df = tt$parameter, p = tt$p.value)"
    check = ttest_check(stats.ttest_1samp(fl(mags), 4.5), ci=False)
    answer(prompt, "one_sample_t", "two-sided vs 4.5", r, check, "datasets::quakes rows 1-25", "space list")


# ================================================================ ANOVA


@item
def anova_plantgrowth() -> None:
    d = r_frame("PlantGrowth")
    cols = {g: dec1(d.weight[d.group == g]) for g in ("ctrl", "trt1", "trt2")}
    rows = ["ctrl\ttrt1\ttrt2"] + ["\t".join(cols[g][i] for g in cols) for i in range(10)]
    prompt = (
        "dried plant weights (g), control and two treatments, 10 plants each (pasted from sheet):\n"
        + "\n".join(rows)
        + "\n\none-way ANOVA: F, df, p. then Tukey HSD — only need the adjusted p for trt2 vs trt1"
    )
    r = r_anova(list(cols.values()), list(cols))
    r += "tk <- TukeyHSD(aov(y ~ g))$g\n"
    r += "emit(F = a[1, 'F value'], df1 = a[1, 'Df'], df2 = a[2, 'Df'], p = a[1, 'Pr(>F)'], "
    r += "tukey_p = tk['trt2-trt1', 'p adj'])"
    arrays = [fl(c) for c in cols.values()]
    check = anova_check(arrays) | {"tukey_p": float(stats.tukey_hsd(*arrays).pvalue[2, 1])}
    answer(prompt, "one_way_anova", "with Tukey HSD", r, check, "datasets::PlantGrowth", "tsv wide", check_tol=1e-5)


@item
def anova_insectsprays() -> None:
    d = r_frame("InsectSprays[InsectSprays$spray %in% c('A', 'B', 'F'), ]")
    rows = ['"spray","count"'] + [f'"{r.spray}",{r.count}' for r in d.itertuples()]
    groups = [toks(d["count"][d.spray == s]) for s in "ABF"]
    prompt = (
        "Insect counts per plot for three insecticides (Beall 1942), long format:\n\n"
        + "\n".join(rows)
        + "\n\nanova count ~ spray (aov), I just want the overall F test, df's and p"
    )
    r = r_anova(groups, ["A", "B", "F"])
    r += "emit(F = a[1, 'F value'], df1 = a[1, 'Df'], df2 = a[2, 'Df'], p = a[1, 'Pr(>F)'])"
    check = anova_check([fl(g) for g in groups])
    answer(prompt, "one_way_anova", "F test", r, check, "datasets::InsectSprays A, B, F", "csv long")


@item
def anova_survey_pulse() -> None:
    d = r_frame("survey[1:56, c('Sex', 'Age', 'Pulse', 'Exer')]")
    lines = ["      Sex    Age Pulse Exer"]
    for i, r in enumerate(d.itertuples(), start=1):
        pulse = "NA" if pd.isna(r.Pulse) else fnum(r.Pulse)
        sex = "<NA>" if pd.isna(r.Sex) else r.Sex
        lines.append(f"{i:>2} {sex:>6} {r.Age:6.3f} {pulse:>5} {r.Exer}")
    labels = ["Freq", "Some", "None"]
    groups = [toks(d.Pulse[(d.Exer == e) & d.Pulse.notna()]) for e in labels]
    prompt = (
        "> survey[1:56, c('Sex','Age','Pulse','Exer')]\n"
        + "\n".join(lines)
        + "\n\nthis is MASS survey (students), Pulse = beats/min, Exer = how often they exercise. Does pulse "
        "differ by exercise group? one way anova, drop the missing pulses. F, df1, df2, p pls"
    )
    r = r_anova(groups, labels)
    r += "emit(F = a[1, 'F value'], df1 = a[1, 'Df'], df2 = a[2, 'Df'], p = a[1, 'Pr(>F)'])"
    check = anova_check([fl(g) for g in groups])
    answer(prompt, "one_way_anova", "F test, NA dropped", r, check, "MASS::survey rows 1-56", "r print(df) NA")


# ================================================================ rank tests


@item
def mann_whitney_exact_chickwts() -> None:
    d = r_frame("chickwts")
    cas, meat = toks(d.weight[d.feed == "casein"]), toks(d.weight[d.feed == "meatmeal"])
    prompt = (
        "Chick weights at 6 weeks (g).\ncasein: " + ", ".join(cas) + "\nmeatmeal: " + ", ".join(meat) + "\n\n"
        "Small groups and I don't trust normality, so MWU / wilcox.test(casein, meatmeal, exact = TRUE). "
        "W and exact p?"
    )
    r = f"w <- wilcox.test({rv(cas)}, {rv(meat)}, exact = TRUE)\nemit(W = w$statistic, p = w$p.value)"
    res = stats.mannwhitneyu(fl(cas), fl(meat), method="exact")
    check = {"W": float(res.statistic), "p": float(res.pvalue)}
    answer(prompt, "mann_whitney", "exact", r, check, "datasets::chickwts casein/meatmeal", "comma lists")


@item
def mann_whitney_cc_flchain() -> None:
    d = r_frame(
        "local({f <- flchain[!is.na(flchain$creatinine), ]; "
        "rbind(f[f$sex == 'F', ][1:20, ], f[f$sex == 'M', ][1:20, ])})"
    )
    fem = dec1(d.creatinine[d.sex == "F"])
    men = dec1(d.creatinine[d.sex == "M"])
    rows = ["women creat (mg/dL)\tmen creat (mg/dL)"] + [f"{a}\t{b}" for a, b in zip(fem, men, strict=True)]
    prompt = (
        "Serum creatinine from the flchain cohort, first 20 women and first 20 men:\n"
        + "\n".join(rows)
        + "\n\nlots of ties obviously. Can u run a Mann Whitney U (normal approximation with continuity "
        "correction, like R does by default when there are ties)? women vs men, I need W and p"
    )
    r = f"w <- wilcox.test({rv(fem)}, {rv(men)})\nemit(W = w$statistic, p = w$p.value)"
    res = stats.mannwhitneyu(fl(fem), fl(men), method="asymptotic", use_continuity=True)
    check = {"W": float(res.statistic), "p": float(res.pvalue)}
    answer(
        prompt,
        "mann_whitney",
        "normal approximation, continuity correction",
        r,
        check,
        "survival::flchain first 20 F and 20 M",
        "tsv two columns",
    )


@item
def mann_whitney_nocc_wind() -> None:
    d = r_frame("airquality")
    jun, jul = toks(d.Wind[d.Month == 6]), toks(d.Wind[d.Month == 7])
    prompt = (
        "dput(wind)\nlist(june = c(" + ", ".join(jun) + "), july = c(" + ", ".join(jul) + "))\n\n"
        "(wind speed mph, NYC 1973.) please run wilcox.test(wind$june, wind$july, exact = FALSE, correct = FALSE) "
        "- normal approx WITHOUT continuity correction - and give W + p"
    )
    r = f"w <- wilcox.test({rv(jun)}, {rv(jul)}, exact = FALSE, correct = FALSE)\nemit(W = w$statistic, p = w$p.value)"
    res = stats.mannwhitneyu(fl(jun), fl(jul), method="asymptotic", use_continuity=False)
    check = {"W": float(res.statistic), "p": float(res.pvalue)}
    answer(
        prompt,
        "mann_whitney",
        "normal approximation, no continuity correction",
        r,
        check,
        "datasets::airquality Wind June/July",
        "r dput()",
    )


@item
def signed_rank_exact_immer() -> None:
    d = r_frame("immer[16:30, ]")
    y1, y2 = dec1(d.Y1), dec1(d.Y2)
    pairs = [f"{r.Loc}-{r.Var}: {a} -> {b}" for r, a, b in zip(d.itertuples(), y1, y2, strict=True)]
    prompt = (
        "barley yield per plot (location-variety), 1931 -> 1932:\n" + "\n".join(pairs) + "\n\n"
        "wilcoxon signed rank test for paired data, 1931 minus 1932, exact p (no ties here). V and p?"
    )
    r = f"a <- {rv(y1)}; b <- {rv(y2)}\nw <- wilcox.test(round(a - b, 10), exact = TRUE)\n"
    r += "emit(V = w$statistic, p = w$p.value)"
    diff = np.round(fl(y1) - fl(y2), 10)
    check = {"V": signed_rank_v(diff), "p": float(stats.wilcoxon(diff, method="exact").pvalue)}
    answer(prompt, "wilcoxon_signed_rank", "paired exact", r, check, "MASS::immer rows 16-30", "x->y pairs")


@item
def signed_rank_shoes_str() -> None:
    d = r_frame("shoes")
    a, b = toks(d.A), toks(d.B)
    prompt = (
        "> str(shoes)\nList of 2\n $ A: num [1:10] " + " ".join(a) + "\n $ B: num [1:10] " + " ".join(b) + "\n"
        "> wilcox.test(shoes$A, shoes$B, paired = TRUE)\n"
        "Warning message: cannot compute exact p-value with ties\n\n"
        "boys' shoe sole wear, material A on one foot and B on the other. What are V and the p value from that "
        "call? (normal approx w/ continuity correction is fine, that's what R falls back to)"
    )
    r = f"a <- {rv(a)}; b <- {rv(b)}\nw <- wilcox.test(round(a - b, 10))\nemit(V = w$statistic, p = w$p.value)"
    diff = np.round(fl(a) - fl(b), 10)
    res = stats.wilcoxon(diff, zero_method="wilcox", correction=True, method="asymptotic")
    check = {"V": signed_rank_v(diff), "p": float(res.pvalue)}
    answer(
        prompt,
        "wilcoxon_signed_rank",
        "paired normal approximation, continuity correction",
        r,
        check,
        "MASS::shoes",
        "r str()",
    )


@item
def signed_rank_one_sample_stackloss() -> None:
    d = r_frame("stackloss")
    loss = toks(d["stack_loss"])
    lines = [f"[{k + 1:>2}] " + " ".join(f"{v:>2}" for v in loss[k : k + 11]) for k in range(0, len(loss), 11)]
    prompt = (
        "> plant$stack.loss\n" + "\n".join(lines) + "\n\n"
        "stack loss from 21 days of plant operation. Our target is 15. Non-parametric one-sample test vs 15 please: "
        "Wilcoxon signed rank, mu = 15 (R default, so approx with correction because of ties). V and p."
    )
    r = f"w <- wilcox.test({rv(loss)}, mu = 15)\nemit(V = w$statistic, p = w$p.value)"
    diff = fl(loss) - 15
    res = stats.wilcoxon(diff, zero_method="wilcox", correction=True, method="asymptotic")
    check = {"V": signed_rank_v(diff), "p": float(res.pvalue)}
    answer(
        prompt,
        "wilcoxon_signed_rank",
        "one-sample vs 15, normal approximation, continuity correction",
        r,
        check,
        "datasets::stackloss",
        "r indexed vector",
    )


@item
def kruskal_insectsprays() -> None:
    d = r_frame("InsectSprays")
    groups = {s: toks(d["count"][d.spray == s]) for s in "CDE"}
    prompt = (
        "kruskal wallis on these please, insect counts on 12 plots per spray\n"
        "spray C - " + " ".join(groups["C"]) + "\n"
        "spray D - " + " ".join(groups["D"]) + "\n"
        "spray E - " + " ".join(groups["E"]) + "\n"
        "H (chi-squared), df and p"
    )
    y = ", ".join(rv(g) for g in groups.values())
    r = f"y <- c({y}); g <- factor(rep(c('C', 'D', 'E'), each = 12))\nk <- kruskal.test(y, g)\n"
    r += "emit(H = k$statistic, df = k$parameter, p = k$p.value)"
    res = stats.kruskal(*[fl(g) for g in groups.values()])
    check = {"H": float(res.statistic), "df": 2.0, "p": float(res.pvalue)}
    answer(prompt, "kruskal_wallis", "tie-corrected", r, check, "datasets::InsectSprays C, D, E", "prose lines")


@item
def kruskal_painters() -> None:
    d = r_frame("cbind(painter = rownames(painters), painters)")
    schools = {"A": "Renaissance", "D": "Venetian", "F": "Sixteenth Century", "G": "Seventeenth Century"}
    d = d[d.School.isin(list(schools))]
    rows = ["| Painter | School | Expression score |", "|:--|:--|--:|"]
    rows += [f"| {r.painter} | {schools[r.School]} | {r.Expression} |" for r in d.itertuples()]
    groups = [toks(d.Expression[d.School == s]) for s in schools]
    prompt = (
        "From de Piles' ratings of painters (0-20 scale). I want to compare Expression across these four schools "
        "with a Kruskal-Wallis test (scores are ordinal, lots of ties):\n\n" + "\n".join(rows) + "\n\n"
        "Please report the KW chi-squared, df, p-value."
    )
    y = ", ".join(rv(g) for g in groups)
    gl = ", ".join(f"rep('{s}', {len(g)})" for s, g in zip(schools, groups, strict=True))
    r = f"y <- c({y}); g <- factor(c({gl}))\nk <- kruskal.test(y, g)\n"
    r += "emit(H = k$statistic, df = k$parameter, p = k$p.value)"
    res = stats.kruskal(*[fl(g) for g in groups])
    check = {"H": float(res.statistic), "df": 3.0, "p": float(res.pvalue)}
    answer(prompt, "kruskal_wallis", "tie-corrected", r, check, "MASS::painters schools A, D, F, G", "markdown table")


@item
def shapiro_faithful() -> None:
    d = r_frame("faithful[1:30, ]")
    w = toks(d.waiting)
    lines = [f"[{k + 1:>2}] " + " ".join(w[k : k + 15]) for k in range(0, 30, 15)]
    prompt = (
        "> faithful$waiting[1:30]\n" + "\n".join(lines) + "\n"
        "Shapiro-Wilk on these waiting times (min) pls - W and p. just want to know if normality is "
        "plausible before i do anything else"
    )
    r = f"s <- shapiro.test({rv(w)})\nemit(W = s$statistic, p = s$p.value)"
    res = stats.shapiro(fl(w))
    check = {"W": float(res.statistic), "p": float(res.pvalue)}
    answer(
        prompt,
        "shapiro_wilk",
        "standard",
        r,
        check,
        "datasets::faithful waiting 1-30",
        "r indexed vector",
        check_tol=1e-5,
    )


@item
def shapiro_trees() -> None:
    d = r_frame("trees")
    rows = ['"Girth (in)","Height (ft)","Volume (cu ft)"']
    rows += [f"{r.Girth:.1f},{r.Height},{r.Volume:.1f}" for r in d.itertuples()]
    vol = dec1(d.Volume)
    prompt = (
        "black cherry trees data:\n" + "\n".join(rows) + "\n\n"
        "is Volume normally distributed? shapiro.test(Volume) → W and p-value please (only Volume, ignore the "
        "other two columns)"
    )
    r = f"s <- shapiro.test({rv(vol)})\nemit(W = s$statistic, p = s$p.value)"
    res = stats.shapiro(fl(vol))
    check = {"W": float(res.statistic), "p": float(res.pvalue)}
    answer(prompt, "shapiro_wilk", "standard", r, check, "datasets::trees", "csv units in header", check_tol=1e-5)


# ================================================================ contingency tables


@item
def chisq_birthwt_yates() -> None:
    d = r_frame("birthwt")
    tab = [[int(((d.smoke == s) & (d.low == lo)).sum()) for lo in (0, 1)] for s in (0, 1)]
    prompt = (
        "> table(bw$smoke, bw$low)\n   \n"
        f"     0  1\n  0 {tab[0][0]} {tab[0][1]}\n  1 {tab[1][0]} {tab[1][1]}\n\n"
        "rows = mother smoked in pregnancy (0/1), cols = low birth weight <2.5kg (0/1). chisq.test on this table "
        "(default, so with Yates correction). X-squared, df, p?"
    )
    r = f"x <- chisq.test({r_matrix(tab)})\nemit(chisq = x$statistic, df = x$parameter, p = x$p.value)"
    answer(prompt, "chi_square", "2x2 Yates", r, chisq_check(tab, True), "MASS::birthwt smoke x low", "r table()")


@item
def chisq_ucb_no_yates() -> None:
    prompt = (
        "Berkeley 1973 admissions, department C only: 120 of 325 men who applied were admitted, and 202 of the "
        "593 women. Pearson chi-square for admitted vs gender, chisq.test(..., correct = FALSE) i.e. no Yates. "
        "Statistic and p please"
    )
    tab = [[120, 205], [202, 391]]
    r = f"x <- chisq.test({r_matrix(tab)}, correct = FALSE)\nemit(chisq = x$statistic, p = x$p.value)"
    check = chisq_check(tab, False)
    check.pop("df")
    answer(prompt, "chi_square", "2x2 no Yates", r, check, "datasets::UCBAdmissions dept C", "counts in words")


@item
def chisq_survey_smoke_exer() -> None:
    d = r_frame("survey[!is.na(survey$Smoke), c('Smoke', 'Exer')]")
    smoke, exer = ["Heavy", "Never", "Occas", "Regul"], ["Freq", "None", "Some"]
    tab = [[int(((d.Smoke == s) & (d.Exer == e)).sum()) for e in exer] for s in smoke]
    lines = ["> table(survey$Smoke, survey$Exer)", "       ", "        Freq None Some"]
    lines += [f"  {s:<5} {row[0]:>4} {row[1]:>4} {row[2]:>4}" for s, row in zip(smoke, tab, strict=True)]
    prompt = (
        "\n".join(lines) + "\n\nsmoking habit x exercise frequency, students. chi-square test of independence "
        "(r x c) - chi2, df, p. Don't worry about the small cells for now"
    )
    r = f"x <- chisq.test({r_matrix(tab)})\nemit(chisq = x$statistic, df = x$parameter, p = x$p.value)"
    answer(prompt, "chi_square", "r x c", r, chisq_check(tab, False), "MASS::survey Smoke x Exer", "r table()")


@item
def chisq_survey_sex_exer_totals() -> None:
    d = r_frame("survey[!is.na(survey$Sex), c('Sex', 'Exer')]")
    exer = ["Freq", "Some", "None"]
    tab = [[int(((d.Sex == s) & (d.Exer == e)).sum()) for e in exer] for s in ("Female", "Male")]
    rows = ["| | Exercise: frequent | sometimes | never | **Total** |", "|---|---|---|---|---|"]
    for sex, row in zip(("Female", "Male"), tab, strict=True):
        n = sum(row)
        cells = " | ".join(f"{v} ({100 * v / n:.1f}%)" for v in row)
        rows.append(f"| {sex} | {cells} | {n} |")
    col = [tab[0][k] + tab[1][k] for k in range(3)]
    rows.append(f"| **Total** | {col[0]} | {col[1]} | {col[2]} | {sum(col)} |")
    prompt = (
        "hey labbot, table from our student survey report (row % in brackets):\n\n" + "\n".join(rows) + "\n\n"
        "is exercise associated with sex? pearson chi squared test on the 2x3 counts (not the totals lol). "
        "need X2, df and p"
    )
    r = f"x <- chisq.test({r_matrix(tab)})\nemit(chisq = x$statistic, df = x$parameter, p = x$p.value)"
    answer(
        prompt, "chi_square", "r x c", r, chisq_check(tab, False), "MASS::survey Sex x Exer", "markdown totals percent"
    )


@item
def fisher_titanic_women() -> None:
    prompt = (
        "Titanic, adult women only. Crew: 20 survived, 3 died. First class: 140 survived, 4 died.\n"
        "fisher.test on the 2x2 (crew vs 1st class, survived vs died) - p-value, the odds ratio it reports "
        "(conditional MLE) and the 95% CI"
    )
    a, b, c, dd = 20, 3, 140, 4
    r = f"f <- fisher.test({two_by_two(a, b, c, dd)})\n"
    r += "emit(p = f$p.value, or = f$estimate, ci_low = f$conf.int[1], ci_high = f$conf.int[2])"
    answer(
        prompt,
        "fisher_exact",
        "2x2 two-sided",
        r,
        fisher_check(a, b, c, dd),
        "datasets::Titanic adult women, Crew vs 1st",
        "counts in words",
        check_tol=FISHER_TOL,
    )


@item
def fisher_biopsy() -> None:
    d = r_frame("biopsy[1:60, c('ID', 'V9', 'class')]")
    mit = d.V9 > 1
    mal = d["class"] == "malignant"
    a, b = int((mit & mal).sum()), int((mit & ~mal).sum())
    c, dd = int((~mit & mal).sum()), int((~mit & ~mal).sum())
    prompt = (
        "From the Wisconsin breast biopsy data (first 60 samples), mitoses score >1 vs =1 against final class:\n\n"
        "                 malignant  benign\n"
        f"mitoses > 1      {a:>9}  {b:>6}\n"
        f"mitoses = 1      {c:>9}  {dd:>6}\n\n"
        "One cell is small so I'd like Fisher's exact test, two-sided. p and conditional odds ratio with CI please."
    )
    r = f"f <- fisher.test({two_by_two(a, b, c, dd)})\n"
    r += "emit(p = f$p.value, or = f$estimate, ci_low = f$conf.int[1], ci_high = f$conf.int[2])"
    answer(
        prompt,
        "fisher_exact",
        "2x2 two-sided",
        r,
        fisher_check(a, b, c, dd),
        "MASS::biopsy rows 1-60",
        "aligned 2x2",
        check_tol=FISHER_TOL,
    )


@item
def mcnemar_bacteria_cc() -> None:
    d = r_frame(
        "merge(bacteria[bacteria$week == 2, c('ID', 'y')], bacteria[bacteria$week == 11, c('ID', 'y')], by = 'ID')"
    )
    rows = ["ID\twk2\twk11"] + [f"{r.ID}\t{r.y_x}\t{r.y_y}" for r in d.itertuples()]
    yy = int(((d.y_x == "y") & (d.y_y == "y")).sum())
    yn = int(((d.y_x == "y") & (d.y_y == "n")).sum())
    ny = int(((d.y_x == "n") & (d.y_y == "y")).sum())
    nn = int(((d.y_x == "n") & (d.y_y == "n")).sum())
    prompt = (
        "H. influenzae presence (y/n) in the same children at week 2 and week 11 (kids with both visits):\n"
        + "\n".join(rows)
        + "\n\nDid the prevalence change? McNemar test with continuity correction (mcnemar.test default) - "
        "chi-squared and p."
    )
    tab = [[yy, yn], [ny, nn]]
    r = f"x <- mcnemar.test({r_matrix(tab)})\nemit(chisq = x$statistic, p = x$p.value)"
    res = mcnemar(np.array(tab), exact=False, correction=True)
    check = {"chisq": float(res.statistic), "p": float(res.pvalue)}
    answer(
        prompt,
        "mcnemar",
        "chi-square, continuity correction",
        r,
        check,
        "MASS::bacteria weeks 2 and 11",
        "long paired format",
    )


@item
def mcnemar_retinopathy_nocc() -> None:
    d = r_frame(
        "local({r <- retinopathy; m <- merge(r[r$trt == 1, c('id', 'status')], r[r$trt == 0, c('id', 'status')], "
        "by = 'id'); m[1:40, ]})"
    )
    both = int(((d.status_x == 1) & (d.status_y == 1)).sum())
    trt_only = int(((d.status_x == 1) & (d.status_y == 0)).sum())
    ctl_only = int(((d.status_x == 0) & (d.status_y == 1)).sum())
    neither = int(((d.status_x == 0) & (d.status_y == 0)).sum())
    prompt = (
        "diabetic retinopathy study, one eye laser treated and the other eye is control, same patient. In the "
        f"first 40 patients: both eyes lost vision in {both}, neither eye in {neither}, only the control eye in "
        f"{ctl_only}, only the treated eye in {trt_only}.\n"
        "McNemar please, no continuity correction (mcnemar.test(tab, correct=FALSE)). stat + p"
    )
    tab = [[both, trt_only], [ctl_only, neither]]
    r = f"x <- mcnemar.test({r_matrix(tab)}, correct = FALSE)\nemit(chisq = x$statistic, p = x$p.value)"
    res = mcnemar(np.array(tab), exact=False, correction=False)
    check = {"chisq": float(res.statistic), "p": float(res.pvalue)}
    answer(
        prompt,
        "mcnemar",
        "chi-square, no continuity correction",
        r,
        check,
        "survival::retinopathy first 40 ids",
        "paired counts in words",
    )


@item
def odds_ratio_birthwt_ht() -> None:
    d = r_frame("birthwt")
    a = int(((d.ht == 1) & (d.low == 1)).sum())
    n1 = int((d.ht == 1).sum())
    c = int(((d.ht == 0) & (d.low == 1)).sum())
    n2 = int((d.ht == 0).sum())
    prompt = (
        f"In the Baystate birth weight data {n1} of the {n1 + n2} mothers had a history of hypertension. "
        f"{a} of them ({100 * a / n1:.1f}%) had a low birth weight baby, compared with {c} of the other {n2} "
        f"({100 * c / n2:.1f}%).\nOdds ratio for low birth weight, hypertension vs no hypertension (no "
        "hypertension = reference), with the Woolf (log, Wald) 95% CI?"
    )
    check = woolf_or_check(a, n1 - a, c, n2 - c)
    answer(
        prompt,
        "odds_ratio",
        "Woolf CI, reference no hypertension",
        woolf_or_r(a, n1 - a, c, n2 - c),
        check,
        "MASS::birthwt ht x low",
        "counts with percentages",
    )


@item
def odds_ratio_esoph_tobacco() -> None:
    d = r_frame("aggregate(cbind(ncases, ncontrols) ~ tobgp, esoph, sum)")
    rows = ["tobacco (g/day)\tcases\tcontrols\ttotal"]
    for r in d.itertuples():
        rows.append(f"{r.tobgp}\t{r.ncases}\t{r.ncontrols}\t{r.ncases + r.ncontrols}")
    rows.append(f"Total\t{d.ncases.sum()}\t{d.ncontrols.sum()}\t{d.ncases.sum() + d.ncontrols.sum()}")
    hi, lo = d.iloc[3], d.iloc[0]
    a, b, c, dd = int(hi.ncases), int(hi.ncontrols), int(lo.ncases), int(lo.ncontrols)
    prompt = (
        "Ille-et-Vilaine oesophageal cancer case-control study, summed over age and alcohol:\n"
        + "\n".join(rows)
        + "\n\ncrude OR heaviest smokers (30+) vs the 0-9g/day group as reference, ignoring the middle two "
        "groups. Wald CI on the log scale (Woolf)"
    )
    answer(
        prompt,
        "odds_ratio",
        "Woolf CI, reference 0-9 g/day",
        woolf_or_r(a, b, c, dd),
        woolf_or_check(a, b, c, dd),
        "datasets::esoph tobgp",
        "tsv totals",
    )


@item
def relative_risk_physicians() -> None:
    prompt = (
        "Physicians' Health Study aspirin component (NEJM 1989;321:129-35), myocardial infarction:\n\n"
        "Arm\tMI\tRandomized\n"
        "Aspirin\t139\t11,037\n"
        "Placebo\t239\t11,034\n\n"
        "relative risk of MI, aspirin relative to placebo (placebo is the reference), 95% CI on log scale pls"
    )
    answer(
        prompt,
        "relative_risk",
        "log CI, reference placebo",
        rr_r(139, 11037, 239, 11034),
        rr_check(139, 11037, 239, 11034),
        "Steering Committee of the Physicians' Health Study, NEJM 1989",
        "excel thousands",
    )


@item
def relative_risk_titanic() -> None:
    d = r_frame("as.data.frame(Titanic)")
    sub = d[(d.Class == "2nd") & (d.Age == "Adult")]
    fem_s = int(sub.Freq[(sub.Sex == "Female") & (sub.Survived == "Yes")].sum())
    fem_n = int(sub.Freq[sub.Sex == "Female"].sum())
    male_s = int(sub.Freq[(sub.Sex == "Male") & (sub.Survived == "Yes")].sum())
    male_n = int(sub.Freq[sub.Sex == "Male"].sum())
    prompt = (
        f"titanic 2nd class adults: {fem_s} of {fem_n} women survived, {male_s} of {male_n} men survived. "
        "What's the risk ratio of surviving for women relative to men (ratio women/men), with 95% ci "
        "(usual log method)?"
    )
    answer(
        prompt,
        "relative_risk",
        "log CI, reference men",
        rr_r(fem_s, fem_n, male_s, male_n),
        rr_check(fem_s, fem_n, male_s, male_n),
        "datasets::Titanic 2nd class adults",
        "counts in words",
    )


@item
def risk_difference_streptomycin() -> None:
    prompt = (
        "MRC streptomycin trial for pulmonary TB (BMJ 1948;2:769-82), deaths at 6 months:\n"
        "- streptomycin + bed rest: 4 died out of 55\n- bed rest alone: 14 died out of 52\n\n"
        "Absolute risk difference in mortality (streptomycin minus bed rest) with a Wald 95% CI, no continuity "
        "correction."
    )
    answer(
        prompt,
        "risk_difference",
        "Wald CI, streptomycin minus control",
        rd_r(4, 55, 14, 52),
        rd_check(4, 55, 14, 52),
        "MRC Streptomycin in Tuberculosis Trials Committee, BMJ 1948",
        "bullet counts",
    )


@item
def risk_difference_birthwt_smoke() -> None:
    d = r_frame("birthwt")
    a, n1 = int(((d.smoke == 1) & (d.low == 1)).sum()), int((d.smoke == 1).sum())
    c, n2 = int(((d.smoke == 0) & (d.low == 1)).sum()), int((d.smoke == 0).sum())
    prompt = (
        "Risk difference question. low birth weight babies:\n"
        f"smokers     {a}/{n1}\nnon-smokers {c}/{n2}\n"
        "I want smokers minus non-smokers with 95% CI — same as prop.test(c(a, c), c(n1, n2), correct = FALSE) "
        "would give."
    )
    answer(
        prompt,
        "risk_difference",
        "Wald CI, smokers minus non-smokers",
        rd_r(a, n1, c, n2),
        rd_check(a, n1, c, n2),
        "MASS::birthwt smoke x low",
        "x/n lines",
    )


# ================================================================ correlation and regression


@item
def pearson_swiss() -> None:
    d = r_frame("cbind(province = rownames(swiss), swiss)[1:20, ]")
    lines = [f"{'':<13}Fertility Agriculture Examination Education Catholic"]
    for r in d.itertuples():
        lines.append(
            f"{r.province:<13}{r.Fertility:>9.1f} {r.Agriculture:>11.1f} {r.Examination:>11} {r.Education:>9} "
            f"{r.Catholic:>8.2f}"
        )
    fert, edu = dec1(d.Fertility), toks(d.Education)
    prompt = (
        "> swiss[1:20, 1:5]\n" + "\n".join(lines) + "\n\n"
        "Swiss provinces 1888. Pearson correlation between Fertility and Education only (cor.test default). "
        "r, df, p and the 95% CI please"
    )
    r = f"k <- cor.test({rv(fert)}, {rv(edu)})\n"
    r += "emit(r = k$estimate, df = k$parameter, p = k$p.value, ci_low = k$conf.int[1], ci_high = k$conf.int[2])"
    check = pearson_check(fl(fert), fl(edu))
    check.pop("t")
    answer(prompt, "pearson", "with Fisher-z CI", r, check, "datasets::swiss rows 1-20", "r print(df)")


@item
def pearson_attitude() -> None:
    d = r_frame("attitude")
    rows = ['"rating","complaints","privileges","learning","raises","critical","advance"']
    rows += [
        f"{r.rating},{r.complaints},{r.privileges},{r.learning},{r.raises},{r.critical},{r.advance}"
        for r in d.itertuples()
    ]
    crit, adv = toks(d.critical), toks(d.advance)
    prompt = (
        "Chatterjee-Price attitude survey, 30 departments (% favourable responses):\n"
        + "\n".join(rows)
        + "\n\nIs 'critical' correlated with 'advance'? pearson's r with t statistic and p value thx"
    )
    r = f"k <- cor.test({rv(crit)}, {rv(adv)})\nemit(r = k$estimate, t = k$statistic, p = k$p.value)"
    check = pearson_check(fl(crit), fl(adv))
    check = {k: check[k] for k in ("r", "t", "p")}
    answer(prompt, "pearson", "t test of r", r, check, "datasets::attitude", "csv quoted header extra columns")


@item
def spearman_airquality_na() -> None:
    d = r_frame("airquality[airquality$Month == 8, ]")
    rows = ["day  Ozone_ppb  SolarR_lang"]
    rows += [f"{int(r.Day):>3}  {fnum(r.Ozone):>9}  {fnum(r.Solar_R):>11}" for r in d.itertuples()]
    oz, sol = toks(d.Ozone), toks(d.Solar_R)
    prompt = (
        "August 1973 NYC, daily ozone and solar radiation. NA = no reading.\n"
        + "\n".join(rows)
        + "\n\nspearmann rank correlation ozone vs solar radiation, complete pairs only. Use the asymptotic p "
        "(cor.test(..., method = 'spearman', exact = FALSE)). rho and p"
    )
    r = f"k <- cor.test({rv(oz)}, {rv(sol)}, method = 'spearman', exact = FALSE)\nemit(rho = k$estimate, p = k$p.value)"
    x, y = fl(oz), fl(sol)
    ok = ~np.isnan(x) & ~np.isnan(y)
    res = stats.spearmanr(x[ok], y[ok])
    check = {"rho": float(res.statistic), "p": float(res.pvalue)}
    answer(
        prompt,
        "spearman",
        "asymptotic, NA pairs dropped",
        r,
        check,
        "datasets::airquality August",
        "aligned columns NA",
    )


@item
def spearman_painters() -> None:
    d = r_frame("cbind(painter = rownames(painters), painters)[1:25, ]")
    pairs = [f"{r.painter} ({r.Composition}, {r.Drawing})" for r in d.itertuples()]
    comp, draw = toks(d.Composition), toks(d.Drawing)
    prompt = (
        "de Piles scores, (composition, drawing) for the first 25 painters in the MASS list: "
        + "; ".join(pairs)
        + ".\nSpearman's rho between composition and drawing + p value please. ties are there so the usual "
        "t-approximation p is what I expect"
    )
    r = f"k <- cor.test({rv(comp)}, {rv(draw)}, method = 'spearman')\nemit(rho = k$estimate, p = k$p.value)"
    res = stats.spearmanr(fl(comp), fl(draw))
    check = {"rho": float(res.statistic), "p": float(res.pvalue)}
    answer(prompt, "spearman", "asymptotic", r, check, "MASS::painters rows 1-25", "(x, y) pairs")


@item
def kendall_stackloss_ties() -> None:
    d = r_frame("stackloss")
    wt, acid = toks(d.Water_Temp), toks(d.Acid_Conc_)
    prompt = (
        "Water.Temp: " + " ".join(wt) + "\nAcid.Conc.: " + " ".join(acid) + "\n"
        '(stackloss plant data, 21 days). cor.test(Water.Temp, Acid.Conc., method="kendall") → tau and p? '
        "there are ties so it's the normal approximation"
    )
    r = f"k <- cor.test({rv(wt)}, {rv(acid)}, method = 'kendall')\nemit(tau = k$estimate, p = k$p.value)"
    res = stats.kendalltau(fl(wt), fl(acid), method="asymptotic")
    check = {"tau": float(res.statistic), "p": float(res.pvalue)}
    answer(prompt, "kendall_tau", "tau-b, normal approximation", r, check, "datasets::stackloss", "space lists")


@item
def kendall_lifecycle_exact() -> None:
    d = r_frame("cbind(country = rownames(LifeCycleSavings), LifeCycleSavings)[1:15, ]")
    rows = ["country\tsavings ratio (%)\tpop<15 (%)\tgrowth of dpi (%)"]
    rows += [f"{r.country}\t{fnum(r.sr)}\t{fnum(r.pop15)}\t{fnum(r.ddpi)}" for r in d.itertuples()]
    sr, ddpi = toks(d.sr), toks(d.ddpi)
    prompt = (
        "Kendall's tau please between savings ratio and dpi growth (not pop15, that column just came along), "
        "exact p-value since n is small and no ties:\n\n" + "\n".join(rows)
    )
    r = f"k <- cor.test({rv(sr)}, {rv(ddpi)}, method = 'kendall', exact = TRUE)\nemit(tau = k$estimate, p = k$p.value)"
    res = stats.kendalltau(fl(sr), fl(ddpi), method="exact")
    check = {"tau": float(res.statistic), "p": float(res.pvalue)}
    answer(prompt, "kendall_tau", "exact", r, check, "datasets::LifeCycleSavings rows 1-15", "tsv extra columns")


@item
def linreg_whiteside() -> None:
    d = r_frame("whiteside[whiteside$Insul == 'Before', ]")
    temp, gas = dec1(d.Temp), dec1(d.Gas)
    pairs = [f"({t}, {g})" for t, g in zip(temp, gas, strict=True)]
    prompt = (
        "Whiteside's house, weekly gas consumption (1000 cu ft) vs average outside temp (°C), before the cavity "
        "wall insulation went in. (temp, gas) pairs:\n" + ", ".join(pairs) + "\n\n"
        "Simple linear regression gas ~ temp: slope, intercept and R-squared"
    )
    r = f"x <- {rv(temp)}; y <- {rv(gas)}\n{R_LM})"
    check = lm_check(fl(temp), fl(gas))
    check.pop("p")
    answer(prompt, "linear_regression", "simple OLS", r, check, "MASS::whiteside Before", "(x, y) pairs")


@item
def linreg_lifecycle() -> None:
    d = r_frame("cbind(country = rownames(LifeCycleSavings), LifeCycleSavings)")
    rows = ["| Country | sr | pop75 |", "|---|---|---|"]
    rows += [f"| {r.country} | {fnum(r.sr)} | {fnum(r.pop75)} |" for r in d.itertuples()]
    sr, p75 = toks(d.sr), toks(d.pop75)
    prompt = (
        "Can you regress the aggregate savings ratio (sr, %) on % of population over 75 (pop75)? "
        "lm(sr ~ pop75), 50 countries 1960-70:\n\n" + "\n".join(rows) + "\n\n"
        "I need slope, intercept, R^2 and the p-value of the slope."
    )
    r = f"x <- {rv(p75)}; y <- {rv(sr)}\n{R_LM}, p = s$coef[2, 4])"
    check = lm_check(fl(p75), fl(sr))
    answer(prompt, "linear_regression", "simple OLS", r, check, "datasets::LifeCycleSavings", "markdown table")


@item
def linreg_quakes() -> None:
    d = r_frame("quakes[1:40, ]")
    lines = ["     lat   long depth mag stations"]
    lines += [
        f"{i:>2} {r.lat:.2f} {r.long:.2f} {r.depth:>5} {r.mag:.1f} {r.stations:>8}"
        for i, r in enumerate(d.itertuples(), 1)
    ]
    mag, st = dec1(d.mag), toks(d.stations)
    prompt = (
        "hi! fiji earthquakes (first 40 events):\n" + "\n".join(lines) + "\n\n"
        "I'd like a linear regression of number of reporting stations on magnitude. slope (stations per unit "
        "magnitude), intercept, r2."
    )
    r = f"x <- {rv(mag)}; y <- {rv(st)}\n{R_LM})"
    check = lm_check(fl(mag), fl(st))
    check.pop("p")
    answer(
        prompt, "linear_regression", "simple OLS", r, check, "datasets::quakes rows 1-40", "r print(df) extra columns"
    )


@item
def logistic_birthwt_lwt() -> None:
    d = r_frame("birthwt[seq(2, 189, 2), c('low', 'lwt')]")
    lwt, low = toks(d.lwt), toks(d.low)
    prompt = (
        "Every second mother from the birthwt data (n = 94).\n"
        "lwt (mother's weight at last period, lb):\n" + " ".join(lwt) + "\n"
        "low (1 = baby < 2500 g), same order:\n" + " ".join(low) + "\n\n"
        "glm(low ~ lwt, family = binomial): odds ratio per 1 lb, Wald 95% CI (confint.default, not profile) "
        "and the p value"
    )
    r = f"x <- {rv(lwt)}; y <- {rv(low)}\nm <- glm(y ~ x, family = binomial); b <- coef(summary(m))\n"
    r += "ci <- exp(confint.default(m)[2, ])\nemit(or = exp(b[2, 1]), ci_low = ci[1], ci_high = ci[2], p = b[2, 4])"
    fit = sm.Logit(fl(low), sm.add_constant(fl(lwt))).fit(disp=0, tol=1e-12)
    ci = fit.conf_int()
    check = {
        "or": math.exp(fit.params[1]),
        "ci_low": math.exp(ci[1, 0]),
        "ci_high": math.exp(ci[1, 1]),
        "p": float(fit.pvalues[1]),
    }
    answer(prompt, "logistic_regression", "Wald CI", r, check, "MASS::birthwt even rows", "space lists", check_tol=1e-5)


@item
def logistic_menarche_grouped() -> None:
    d = r_frame("menarche")
    rows = ["Age (yrs)  Total  Menarche"]
    rows += [f"{r.Age:>9.2f}  {r.Total:>5}  {r.Menarche:>8}" for r in d.itertuples()]
    age, tot, men = [f"{a:.2f}" for a in d.Age], toks(d.Total), toks(d.Menarche)
    prompt = (
        "Warsaw girls 1965 (Milicer & Szczotka): number of girls in each age group and how many had reached "
        "menarche.\n" + "\n".join(rows) + "\n\n"
        "Logistic regression on the grouped data, glm(cbind(Menarche, Total - Menarche) ~ Age, binomial). "
        "Odds ratio per year of age with Wald 95% CI."
    )
    r = f"a <- {rv(age)}; n <- {rv(tot)}; k <- {rv(men)}\nm <- glm(cbind(k, n - k) ~ a, family = binomial)\n"
    r += "ci <- exp(confint.default(m)[2, ])\nemit(or = exp(coef(m)[2]), ci_low = ci[1], ci_high = ci[2])"
    k, n = fl(men), fl(tot)
    fit = sm.GLM(np.column_stack([k, n - k]), sm.add_constant(fl(age)), family=sm.families.Binomial()).fit(tol=1e-12)
    ci = fit.conf_int()
    check = {"or": math.exp(fit.params[1]), "ci_low": math.exp(ci[1, 0]), "ci_high": math.exp(ci[1, 1])}
    answer(
        prompt,
        "logistic_regression",
        "grouped binomial, Wald CI",
        r,
        check,
        "MASS::menarche",
        "aligned columns",
        check_tol=1e-5,
    )


# ================================================================ survival


@item
def km_gehan_plus() -> None:
    d = r_frame("gehan[gehan$treat == '6-MP', ]").sort_values(["time", "cens"], ascending=[True, False], kind="stable")
    times, events = toks(d.time), toks(d.cens)
    shown = [t if e == "1" else f"{t}+" for t, e in zip(times, events, strict=True)]
    prompt = (
        "remission times in weeks, 6-MP arm of the Freireich leukaemia trial (+ = censored, still in remission):\n"
        + ", ".join(shown)
        + "\n\nKaplan-Meier: median remission time and the estimated probability of still being in remission at "
        "12 weeks"
    )
    at = [12.0]
    check = km_check(fl(times), fl(events), at)
    answer(
        prompt,
        "kaplan_meier",
        "median and survival at t",
        r_km(times, events, at),
        check,
        "MASS::gehan 6-MP",
        "plus censoring",
    )


@item
def km_aids2_dead_alive() -> None:
    d = r_frame("local({a <- Aids2[Aids2$state == 'Other', ][1:30, ]; a$days <- a$death - a$diag; a})")
    rows = ["pt,sex,age,days_from_diagnosis,status"]
    rows += [
        f"{i},{r.sex},{r.age},{r.days},{'dead' if r.status == 'D' else 'alive'}"
        for i, r in enumerate(d.itertuples(), 1)
    ]
    times = toks(d.days)
    events = ["1" if st == "D" else "0" for st in d.status]
    prompt = (
        "AIDS patients from the Australian surveillance data (state = Other, first 30). Follow-up from diagnosis "
        "to death or end of study (alive = censored).\n"
        + "\n".join(rows)
        + "\n\nKM please - median survival in days and S(365), i.e. one-year survival"
    )
    at = [365.0]
    check = km_check(fl(times), fl(events), at)
    answer(
        prompt,
        "kaplan_meier",
        "median and survival at t",
        r_km(times, events, at),
        check,
        "MASS::Aids2 state Other, first 30",
        "csv dead/alive",
    )


def larynx() -> pd.DataFrame:
    d = ll_data.load_larynx()
    d["stage"] = 1 + d.Stage_II + 2 * d.Stage_III + 3 * d.Stage_IV
    return d


@item
def km_larynx_status21() -> None:
    d = larynx()
    d = d[d.stage == 3]
    times = dec1(d.time)
    status = ["2" if e == 1 else "1" for e in d.death]
    lines = ["   time status age"]
    lines += [f"{i:>2} {t:>5} {s:>6} {a:>3}" for i, (t, s, a) in enumerate(zip(times, status, d.age, strict=True), 1)]
    prompt = (
        "Larynx cancer, stage III patients only. time = years from diagnosis, status coded like the survival "
        "package (1 = censored, 2 = dead).\n" + "\n".join(lines) + "\n\n"
        "survfit(Surv(time, status) ~ 1): what is the median survival and S(t) at 3 years?"
    )
    at = [3.0]
    events = ["1" if s == "2" else "0" for s in status]
    r = f"tt <- {rv(times)}; st <- {rv(status)}\nfit <- survfit(Surv(tt, st) ~ 1)\n"
    r += "emit(median = unname(summary(fit)$table['median']), surv_3 = summary(fit, times = 3)$surv)"
    check = km_check(fl(times), fl(events), at)
    answer(prompt, "kaplan_meier", "median and survival at t", r, check, "lifelines larynx stage III", "status 2/1")


@item
def logrank_leuk() -> None:
    d = r_frame("leuk")
    rows = ["wbc\tAG\ttime (wk)"] + [f"{r.wbc}\t{r.ag}\t{r.time}" for r in d.itertuples()]
    times = toks(d.time)
    events = ["1"] * len(times)
    groups = list(d.ag)
    prompt = (
        "AML patients (Feigl & Zelen), survival in weeks, everyone died (no censoring). AG = presence of Auer "
        "rods / AG-positive test.\n" + "\n".join(rows) + "\n\n"
        "Log-rank test AG present vs absent (survdiff) — chisq, df, p. ignore wbc"
    )
    check = logrank_check(fl(times), fl(events), groups)
    answer(prompt, "log_rank", "2 groups", r_logrank(times, events, groups), check, "MASS::leuk", "tsv extra column")


@item
def logrank_g3() -> None:
    d = ll_data.load_g3()
    times = toks(d.time)
    events = ["1" if e else "0" for e in d.event]
    groups = list(d.group)
    tuples = {
        g: [f"({t}, {e})" for t, e, gg in zip(times, events, groups, strict=True) if gg == g]
        for g in ("RIT", "Control")
    }
    prompt = (
        "glioma pilot (grade 3/4), radioimmunotherapy vs control. (months, event) with event 1 = died, 0 = censored\n"
        "RIT: " + " ".join(tuples["RIT"]) + "\nControl: " + " ".join(tuples["Control"]) + "\n"
        "log rank test please, want the chi-square and p"
    )
    r = r_logrank(times, events, groups)
    check = logrank_check(fl(times), fl(events), groups)
    answer(prompt, "log_rank", "2 groups", r, check, "lifelines g3 (glioma)", "time-status tuples")


@item
def logrank_gbsg2_grades() -> None:
    g = ll_data.load_gbsg2()
    d = pd.concat([g[g.tgrade == t].head(12) for t in ("I", "II", "III")])
    times, events, groups = toks(d.time), toks(d.cens), [f"grade {t}" for t in d.tgrade]
    rows = ['"tumour grade","age","recurrence-free days","event (1=recurrence/death)"']
    rows += [f'"{gr}",{a},{t},{e}' for gr, a, t, e in zip(groups, d.age, times, events, strict=True)]
    prompt = (
        "German breast cancer study group 2, first 12 patients of each tumour grade:\n"
        + "\n".join(rows)
        + "\n\nsurvdiff across the three grades (k=3 log-rank). chi2, df, p"
    )
    check = logrank_check(fl(times), fl(events), groups)
    answer(
        prompt, "log_rank", "3 groups", r_logrank(times, events, groups), check, "lifelines gbsg2", "csv quoted header"
    )


@item
def cox_myeloid_trt() -> None:
    d = r_frame("myeloid[1:40, ]")
    lines = ["> head(aml40, 40)", "   id trt sex futime death crtime"]
    lines += [f"{r.id:>4} {r.trt:>3} {r.sex:>3} {r.futime:>6} {r.death:>5} {fnum(r.crtime):>6}" for r in d.itertuples()]
    times, events = toks(d.futime), toks(d.death)
    x = ["1" if t == "B" else "0" for t in d.trt]
    prompt = (
        "\n".join(lines) + "\n\n(first 40 of the AML trial in survival::myeloid; futime in days, death 1=died.)\n"
        "coxph(Surv(futime, death) ~ trt) — HR for B vs A (A reference), 95% CI and p. Default Efron ties is fine"
    )
    check = cox_check(fl(times), fl(events), fl(x))
    answer(
        prompt,
        "cox",
        "single binary covariate, Efron",
        r_cox(times, events, x),
        check,
        "survival::myeloid rows 1-40",
        "r head() extra columns",
        check_tol=1e-5,
    )


@item
def cox_larynx_age() -> None:
    d = larynx()
    stage_name = {1: "I", 2: "II", 3: "III", 4: "IV"}
    times, events, ages = dec1(d.time), toks(d.death), toks(d.age)
    rows = ["years died age stage"]
    rows += [f"{t} {e} {a} {stage_name[int(s)]}" for t, e, a, s in zip(times, events, ages, d.stage, strict=True)]
    prompt = (
        "Kardaun larynx cancer data (90 men):\n" + "\n".join(rows) + "\n\n"
        "Cox PH with age as the only covariate (continuous, per year) — I know stage matters, leave it out for "
        "now. HR per year of age, 95% CI, p (Efron)."
    )
    check = cox_check(fl(times), fl(events), fl(ages))
    answer(
        prompt,
        "cox",
        "single continuous covariate, Efron",
        r_cox(times, events, ages),
        check,
        "lifelines larynx",
        "space-separated columns",
        check_tol=1e-5,
    )


@item
def cox_rossi_breslow() -> None:
    d = ll_data.load_rossi().iloc[:80]
    times, events, prio = toks(d.week), toks(d.arrest), toks(d.prio)
    rows = ["week\tarrest\tprio\tage\tfin"]
    rows += [
        f"{w}\t{a}\t{p}\t{age}\t{'yes' if f else 'no'}"
        for w, a, p, age, f in zip(times, events, prio, d.age, d.fin, strict=True)
    ]
    prompt = (
        "Rossi recidivism data, first 80 released prisoners. week = week of first arrest or 52 if never arrested "
        "in the year (arrest=0).\n" + "\n".join(rows) + "\n\n"
        "Cox model arrest ~ prio (number of prior convictions) only. Please use Breslow ties "
        "(coxph(..., ties = 'breslow')) to match our old SAS output. HR per prior conviction, CI, p."
    )
    check = breslow_cox_check(fl(times), fl(events), fl(prio))
    answer(
        prompt,
        "cox",
        "single continuous covariate, Breslow ties",
        r_cox(times, events, prio, ties="breslow"),
        check,
        "lifelines rossi rows 1-80",
        "tsv extra columns",
        check_tol=1e-5,
    )


# ================================================================ multiple testing


@item
def padj_bonferroni_co2() -> None:
    concs = [95, 175, 250, 500, 1000]
    code = "".join(
        f"x <- CO2$uptake[CO2$conc == {c} & CO2$Type == 'Quebec']; y <- CO2$uptake[CO2$conc == {c} & "
        f"CO2$Type == 'Mississippi']; emit(c{c} = t.test(x, y)$p.value)\n"
        for c in concs
    )
    raw = raw_pvalues(code)
    rows = ["| CO2 conc (mL/L) | Welch p (Quebec vs Mississippi) |", "|---|---|"]
    rows += [f"| {c} | {raw[f'c{c}']} |" for c in concs]
    prompt = (
        "We compared CO2 uptake of Quebec vs Mississippi grass plants separately at 5 ambient CO2 levels:\n\n"
        + "\n".join(rows)
        + "\n\nReviewer wants Bonferroni-adjusted p values. Can you give me the adjusted p for each concentration?"
    )
    padj_item(
        SET,
        prompt,
        [f"conc{c}" for c in concs],
        [raw[f"c{c}"] for c in concs],
        "bonferroni",
        "datasets::CO2 Welch t per concentration",
        "markdown table",
    )


@item
def padj_holm_survey() -> None:
    factors = ["Sex", "W.Hnd", "Fold", "Exer", "Smoke"]
    code = "".join(f"emit({f.replace('.', '_')} = kruskal.test(survey$Pulse, survey${f})$p.value)\n" for f in factors)
    raw = raw_pvalues(code)
    labels = [f.replace(".", "_") for f in factors]
    pv = [raw[lab] for lab in labels]
    prompt = (
        "> pvals   # kruskal.test of Pulse against each factor, MASS survey\n"
        + named_print(factors, pv, 7, "    ")
        + '\n\np.adjust(pvals, method = "holm") please - the 5 adjusted values'
    )
    padj_item(SET, prompt, labels, pv, "holm", "MASS::survey Kruskal-Wallis p-values", "r named vector")


@item
def padj_bh_birthwt() -> None:
    factors = {
        "smoke": "smoking",
        "ht": "hypertension",
        "ui": "uterine irritability",
        "race": "race",
        "ftv": "GP visits",
    }
    code = "".join(f"emit({v} = chisq.test(table(birthwt$low, birthwt${v}))$p.value)\n" for v in factors)
    raw = raw_pvalues(code)
    words = ", ".join(f"{name} p={raw[v]}" for v, name in factors.items())
    prompt = (
        "screening 5 risk factors for low birth weight (chi-square each, Baystate data): "
        + words
        + ". Control FDR with Benjamini-Hochberg, what are the BH adjusted p values? (5 numbers)"
    )
    padj_item(
        SET,
        prompt,
        list(factors),
        [raw[v] for v in factors],
        "BH",
        "MASS::birthwt chi-square p-values",
        "prose",
    )


# ================================================================ power and sample size


@item
def sample_size_t_plantgrowth() -> None:
    prompt = (
        "planning a follow-up of the PlantGrowth experiment. residual SD in the original was 0.62 g. We want to "
        "detect a 0.5 g difference in dried weight between control and a new treatment, two-sided alpha 0.05. "
        "How many plants per group for 80% power, and for 90%? (two-sample t, like power.t.test)"
    )
    r = r_n_t("0.5", "0.62", [0.8, 0.9], ["n_per_group_80", "n_per_group_90"])
    check = {
        "n_per_group_80": float(math.ceil(n_t_py(0.5, 0.62, 0.8))),
        "n_per_group_90": float(math.ceil(n_t_py(0.5, 0.62, 0.9))),
    }
    answer(
        prompt, "sample_size_t", "two-sample, two-sided", r, check, "datasets::PlantGrowth residual SD", "design prose"
    )


@item
def sample_size_t_birthwt() -> None:
    prompt = (
        "Sample size q. Outcome birth weight, SD ≈ 729 g (that's the SD in the Baystate birthwt data). Smallest "
        "difference that matters clinically: 200 g. alpha=0.05 two sided.\n"
        "power.t.test(delta=200, sd=729, power=0.8) and same with power=0.9 -> n per group (round up)"
    )
    r = r_n_t("200", "729", [0.8, 0.9], ["n_per_group_80", "n_per_group_90"])
    check = {
        "n_per_group_80": float(math.ceil(n_t_py(200, 729, 0.8))),
        "n_per_group_90": float(math.ceil(n_t_py(200, 729, 0.9))),
    }
    answer(prompt, "sample_size_t", "two-sample, two-sided", r, check, "MASS::birthwt SD of bwt", "r call in prose")


@item
def power_t_sleep() -> None:
    prompt = (
        "We can only recruit 15 or maybe 25 patients per arm. Expected difference in extra sleep 1.5 h, SD about 2.0 h "
        "(SD of 'extra' in Student's sleep data). Two-sample t-test, two-sided alpha 5%: what's the power at n=15 "
        "per group and at n=25 per group?"
    )
    r = "a <- power.t.test(n = 15, delta = 1.5, sd = 2)$power; b <- power.t.test(n = 25, delta = 1.5, sd = 2)$power\n"
    r += "emit(power_n15 = a, power_n25 = b)"
    check = {"power_n15": power_t_py(15, 1.5, 2.0), "power_n25": power_t_py(25, 1.5, 2.0)}
    answer(prompt, "power_t", "two-sample, two-sided", r, check, "datasets::sleep SD of extra", "design prose")


@item
def sample_size_prop_birthwt() -> None:
    prompt = (
        "In birthwt, low birth weight was ~25% in non-smokers and ~40% in smokers. For a new cohort, how many per "
        "group to detect 0.25 vs 0.40 with 80% power, and with 90%? alpha .05 two-sided, power.prop.test style "
        "(no continuity correction)."
    )
    r = "a <- power.prop.test(p1 = 0.25, p2 = 0.40, power = 0.8)$n\n"
    r += "b <- power.prop.test(p1 = 0.25, p2 = 0.40, power = 0.9)$n\n"
    r += "emit(n_per_group_80 = ceiling(a), n_per_group_90 = ceiling(b))"
    check = {
        "n_per_group_80": float(math.ceil(n_prop_py(0.25, 0.40, 0.8))),
        "n_per_group_90": float(math.ceil(n_prop_py(0.25, 0.40, 0.9))),
    }
    answer(
        prompt,
        "sample_size_proportions",
        "two-sided, no continuity correction",
        r,
        check,
        "MASS::birthwt low-birth-weight rates",
        "design prose",
    )


@item
def sample_size_prop_aspirin() -> None:
    prompt = (
        "MI rates in the Physicians' Health Study were 2.17% on placebo vs 1.26% on aspirin. If we wanted to "
        "replicate that difference with 90% power: n per arm at alpha = 0.05 and at alpha = 0.01? "
        "(power.prop.test(p1 = 0.0217, p2 = 0.0126, power = 0.9, sig.level = ...))"
    )
    r = "a <- power.prop.test(p1 = 0.0217, p2 = 0.0126, power = 0.9)$n\n"
    r += "b <- power.prop.test(p1 = 0.0217, p2 = 0.0126, power = 0.9, sig.level = 0.01)$n\n"
    r += "emit(n_per_group_alpha05 = ceiling(a), n_per_group_alpha01 = ceiling(b))"
    check = {
        "n_per_group_alpha05": float(math.ceil(n_prop_py(0.0217, 0.0126, 0.9))),
        "n_per_group_alpha01": float(math.ceil(n_prop_py(0.0217, 0.0126, 0.9, alpha=0.01))),
    }
    answer(
        prompt,
        "sample_size_proportions",
        "two-sided, no continuity correction",
        r,
        check,
        "Physicians' Health Study event rates",
        "r call in prose",
    )


@item
def power_prop_design() -> None:
    prompt = (
        "power check for the grant: we assume response 32% on standard care vs 48% on the new regimen. "
        "With 120 per group, and with 200 per group, what power does a two-sided 2-proportion z test at 0.05 have? "
        "power.prop.test(n = ..., p1 = 0.32, p2 = 0.48)"
    )
    r = "a <- power.prop.test(n = 120, p1 = 0.32, p2 = 0.48)$power\n"
    r += "b <- power.prop.test(n = 200, p1 = 0.32, p2 = 0.48)$power\n"
    r += "emit(power_n120 = a, power_n200 = b)"
    check = {"power_n120": power_prop_py(120, 0.32, 0.48), "power_n200": power_prop_py(200, 0.32, 0.48)}
    answer(prompt, "power_proportions", "two-sided", r, check, "design values", "design prose")


# ================================================================ must decline: analyses outside the list


@item
def decline_mixed_model_chickweight() -> None:
    d = r_frame("ChickWeight[ChickWeight$Chick %in% c(1, 2, 21, 22) & ChickWeight$Time %in% c(0, 4, 8, 12, 16, 20), ]")
    rows = ["weight,Time,Chick,Diet"] + [f"{r.weight},{r.Time},{r.Chick},{r.Diet}" for r in d.itertuples()]
    prompt = (
        "growth curves, 4 chicks on two diets, weighed every 4 days:\n" + "\n".join(rows) + "\n\n"
        "fit lmer(weight ~ Time * Diet + (1 | Chick)) and tell me the Time:Diet interaction estimate + p"
    )
    decline(
        prompt,
        "mixed_model",
        "linear mixed model with a random intercept per chick is not a supported analysis",
        ["mixed", "random", "lmer"],
        "datasets::ChickWeight chicks 1, 2, 21, 22",
        "csv long",
    )


@item
def decline_ancova_anorexia() -> None:
    d = r_frame("anorexia[anorexia$Treat %in% c('Cont', 'FT'), ][c(1:10, 27:36), ]")
    rows = ["Treat\tPrewt\tPostwt"] + [f"{r.Treat}\t{r.Prewt:.1f}\t{r.Postwt:.1f}" for r in d.itertuples()]
    prompt = (
        "Anorexia trial, family therapy vs control (subset):\n" + "\n".join(rows) + "\n\n"
        "I want the treatment effect on Postwt adjusted for baseline weight — ANCOVA, lm(Postwt ~ Prewt + Treat). "
        "Adjusted difference FT vs Cont with CI and p."
    )
    decline(
        prompt,
        "ancova",
        "a baseline-adjusted (two-predictor) linear model is outside the supported analyses",
        ["ancova", "adjust", "covariate"],
        "MASS::anorexia Cont/FT subset",
        "tsv",
    )


@item
def decline_cox_multivariable_myeloid() -> None:
    d = r_frame("myeloid[41:70, c('trt', 'sex', 'futime', 'death')]")
    rows = ["trt sex futime death"] + [f"{r.trt} {r.sex} {r.futime} {r.death}" for r in d.itertuples()]
    prompt = (
        "\n".join(rows) + "\n\nsurvival::myeloid rows 41-70. coxph(Surv(futime, death) ~ trt + sex) — HR for trt "
        "adjusted for sex please, with CI"
    )
    decline(
        prompt,
        "cox_multivariable",
        "Cox model with two covariates; only single-covariate Cox is supported",
        ["multivariable", "covariates", "adjust"],
        "survival::myeloid rows 41-70",
        "space columns",
    )


@item
def decline_logistic_multivariable_birthwt() -> None:
    d = r_frame("birthwt[seq(1, 189, 5), c('low', 'age', 'lwt', 'smoke')]")
    rows = ["low,age,lwt,smoke"] + [f"{r.low},{r.age},{r.lwt},{r.smoke}" for r in d.itertuples()]
    prompt = (
        "birthwt, every 5th row:\n" + "\n".join(rows) + "\n\n"
        "multiple logistic regression low ~ age + lwt + smoke, adjusted ORs for all three with 95% CIs"
    )
    decline(
        prompt,
        "multiple_logistic_regression",
        "logistic regression with three predictors is not supported",
        ["multiple", "multivariable", "predictors"],
        "MASS::birthwt every 5th row",
        "csv",
    )


@item
def decline_poisson_insectsprays() -> None:
    d = r_frame("InsectSprays[InsectSprays$spray %in% c('A', 'C'), ]")
    a = " ".join(toks(d["count"][d.spray == "A"]))
    c = " ".join(toks(d["count"][d.spray == "C"]))
    prompt = (
        f"insect counts per plot.\nspray A: {a}\nspray C: {c}\n"
        "these are counts so I want a Poisson GLM, glm(count ~ spray, family = poisson): rate ratio C vs A, CI, p"
    )
    decline(
        prompt,
        "poisson_regression",
        "Poisson regression is not a supported analysis",
        ["poisson"],
        "datasets::InsectSprays A, C",
        "space lists",
    )


@item
def decline_negbin_quine() -> None:
    d = r_frame("quine[c(1:12, 70:81), ]")
    rows = ["Eth Sex Age Lrn Days"] + [f"{r.Eth}   {r.Sex}   {r.Age}  {r.Lrn}  {r.Days}" for r in d.itertuples()]
    prompt = (
        "school absence days (Quine, NSW), A = aboriginal, N = not:\n" + "\n".join(rows) + "\n\n"
        "counts are overdispersed so negative binomial: MASS::glm.nb(Days ~ Eth). I need the rate ratio N vs A "
        "and theta"
    )
    decline(
        prompt,
        "negative_binomial_regression",
        "negative binomial regression is not supported",
        ["negative binomial", "glm.nb", "overdispers"],
        "MASS::quine rows 1-12, 70-81",
        "aligned columns",
    )


@item
def decline_cmh_ucb() -> None:
    d = r_frame("as.data.frame(UCBAdmissions)")
    lines = []
    for dept in "ABCDEF":
        sub = d[d.Dept == dept]
        cell = {(r.Admit, r.Gender): r.Freq for r in sub.itertuples()}
        lines.append(
            f"Dept {dept}: men {cell[('Admitted', 'Male')]} admitted / {cell[('Rejected', 'Male')]} rejected, "
            f"women {cell[('Admitted', 'Female')]} admitted / {cell[('Rejected', 'Female')]} rejected"
        )
    prompt = (
        "UC Berkeley admissions by department:\n" + "\n".join(lines) + "\n\n"
        "mantelhaen.test on the 2x2x6 — common odds ratio (gender) across departments and the CMH p please"
    )
    decline(
        prompt,
        "cmh",
        "Cochran-Mantel-Haenszel stratified analysis is not supported",
        ["mantel", "cmh", "stratif"],
        "datasets::UCBAdmissions",
        "counts in words",
    )


@item
def decline_trend_esoph() -> None:
    d = r_frame("aggregate(cbind(ncases, ncontrols) ~ alcgp, esoph, sum)")
    rows = ["| alcohol (g/day) | cases | controls |", "|---|---|---|"]
    rows += [f"| {r.alcgp} | {r.ncases} | {r.ncontrols} |" for r in d.itertuples()]
    prompt = (
        "\n".join(rows) + "\n\nesophageal cancer vs alcohol group. Is there a dose-response? Cochran-Armitage test "
        "for trend (prop.trend.test with scores 1-4)"
    )
    decline(
        prompt,
        "cochran_armitage",
        "test for trend in proportions is not a supported analysis",
        ["trend"],
        "datasets::esoph by alcgp",
        "markdown table",
    )


@item
def decline_roc_biopsy() -> None:
    d = r_frame("biopsy[1:40, c('V1', 'class')]")
    pairs = ", ".join(f"{v}/{'M' if c == 'malignant' else 'B'}" for v, c in zip(d.V1, d["class"], strict=True))
    prompt = (
        "clump thickness score / final diagnosis (M malignant, B benign) for 40 biopsies: " + pairs + "\n"
        "How good is clump thickness as a diagnostic marker? ROC curve AUC with DeLong 95% CI please"
    )
    decline(
        prompt,
        "roc_auc",
        "ROC / AUC is not a supported analysis",
        ["roc", "auc"],
        "MASS::biopsy rows 1-40",
        "x/y tokens",
    )


@item
def decline_competing_melanoma() -> None:
    d = r_frame("Melanoma[1:30, c('time', 'status', 'sex')]")
    rows = ["days status sex"] + [f"{r.time} {r.status} {r.sex}" for r in d.itertuples()]
    prompt = (
        "Melanoma (Andersen), status 1 = died from melanoma, 2 = alive, 3 = died from other causes.\n"
        + "\n".join(rows)
        + "\n\ncumulative incidence of melanoma death at 5 years (1826 days) treating other deaths as a competing "
        "risk (cmprsk::cuminc), by sex, plus Gray's test"
    )
    decline(
        prompt,
        "competing_risks",
        "cumulative incidence with competing risks is not supported",
        ["competing", "cumulative incidence"],
        "MASS::Melanoma rows 1-30",
        "space columns",
    )


@item
def decline_bayes_plantgrowth() -> None:
    d = r_frame("PlantGrowth")
    ctrl, trt2 = dec1(d.weight[d.group == "ctrl"]), dec1(d.weight[d.group == "trt2"])
    prompt = (
        f"ctrl = c({', '.join(ctrl)})\ntrt2 = c({', '.join(trt2)})\n"
        "Instead of a p-value can you give the Bayes factor BF10 for a difference (default JZS prior, r = 0.707, "
        "like BayesFactor::ttestBF) and the posterior for the effect size?"
    )
    decline(
        prompt,
        "bayesian_t",
        "Bayesian t-test / Bayes factor is not a supported analysis",
        ["bayes"],
        "datasets::PlantGrowth ctrl/trt2",
        "r vectors",
    )


@item
def decline_bootstrap_precip() -> None:
    d = r_frame("data.frame(x = unname(precip))[1:30, , drop = FALSE]")
    prompt = (
        "rainfall (in/yr), 30 cities: " + ", ".join(dec1(d.x)) + "\n"
        "bootstrap 95% percentile CI for the median, 10000 resamples, set.seed(1) please"
    )
    decline(
        prompt,
        "bootstrap_ci",
        "bootstrap confidence intervals are not supported",
        ["bootstrap", "resampl"],
        "datasets::precip 1-30",
        "comma list",
    )


@item
def decline_tost_chickwts() -> None:
    d = r_frame("chickwts")
    sun, cas = toks(d.weight[d.feed == "sunflower"]), toks(d.weight[d.feed == "casein"])
    prompt = (
        "sunflower: " + " ".join(sun) + "\ncasein: " + " ".join(cas) + "\n"
        "(chick weights g). We want to show the two feeds are EQUIVALENT, margin ±40 g. TOST with two one-sided "
        "t-tests at 5%, please give both one-sided p values and the 90% CI"
    )
    decline(
        prompt,
        "equivalence_tost",
        "equivalence testing (TOST) is not supported",
        ["equivalence", "tost"],
        "datasets::chickwts sunflower/casein",
        "space lists",
    )


@item
def decline_rm_anova_co2() -> None:
    d = r_frame("CO2[CO2$Type == 'Quebec' & CO2$conc %in% c(95, 250, 500, 1000), ]")
    plants = list(dict.fromkeys(d.Plant))
    concs = [95, 250, 500, 1000]
    rows = ["plant\t" + "\t".join(f"conc{c}" for c in concs)]
    for pl in plants:
        vals = [dcomma(fnum(d.uptake[(d.Plant == pl) & (d.conc == c)].iloc[0])) for c in concs]
        rows.append(pl + "\t" + "\t".join(vals))
    prompt = (
        "(uptake µmol/m²/s, decimal comma) — each Quebec plant measured at 4 CO2 concentrations:\n"
        + "\n".join(rows)
        + "\n\nrepeated measures ANOVA for the concentration effect with Greenhouse-Geisser correction, please"
    )
    decline(
        prompt,
        "repeated_measures_anova",
        "repeated-measures ANOVA is not a supported analysis",
        ["repeated", "within", "sphericity"],
        "datasets::CO2 Quebec plants",
        "tsv wide decimal comma",
    )


@item
def decline_gee_diabetic() -> None:
    d = r_frame("diabetic[1:24, c('id', 'eye', 'trt', 'status')]")
    rows = ["id  eye   trt status"] + [f"{r.id:<3} {r.eye:<5} {r.trt}   {r.status}" for r in d.itertuples()]
    prompt = (
        "\n".join(rows) + "\n\ntwo eyes per patient so they're correlated. Fit a GEE logistic model status ~ trt "
        "with id as cluster, exchangeable working correlation (geepack::geeglm), and report the OR with robust SE"
    )
    decline(
        prompt,
        "gee",
        "GEE for clustered binary outcomes is not supported",
        ["gee", "cluster", "correlat"],
        "survival::diabetic rows 1-24",
        "aligned columns",
    )


@item
def decline_time_varying_heart() -> None:
    d = r_frame("heart[1:20, c('id', 'start', 'stop', 'event', 'transplant', 'age')]")
    rows = ["id start stop event transplant age"]
    rows += [f"{r.id} {fnum(r.start)} {fnum(r.stop)} {r.event} {r.transplant} {r.age:.2f}" for r in d.itertuples()]
    prompt = (
        "Stanford heart transplant data in counting-process form (transplant switches 0 -> 1 when they get the "
        "heart):\n" + "\n".join(rows) + "\n\n"
        "coxph(Surv(start, stop, event) ~ transplant) with transplant as a time-dependent covariate. HR + CI?"
    )
    decline(
        prompt,
        "cox_time_varying",
        "Cox model with a time-varying covariate (start/stop data) is not supported",
        ["time-varying", "time-dependent", "start"],
        "survival::heart rows 1-20",
        "space columns",
    )


# ================================================================ must decline: the data cannot support the request


@item
def decline_welch_one_group() -> None:
    d = r_frame("airquality")
    may = toks(d.Ozone[d.Month == 5])
    prompt = "Ozone May 1973: " + ", ".join(may) + "\nRun a Welch t-test comparing May against June please, t df and p."
    decline(
        prompt,
        "welch_t",
        "only the May values are given; the June group is missing",
        ["june", "second group", "only one"],
        "datasets::airquality May",
        "comma list",
    )


@item
def decline_chisq_truncated() -> None:
    prompt = (
        "> table(survey$Smoke, survey$Exer)\n       \n        Freq None Some\n"
        "  Heavy    7    1    3\n  Never   87   18   84\n  Occas   12    3\n\n"
        "chi square test of independence on this pls"
    )
    decline(
        prompt,
        "chi_square",
        "the pasted table stops mid-row (Occas has two of three cells) and the Regul row is missing",
        ["truncated", "incomplete", "missing"],
        "MASS::survey Smoke x Exer (cut)",
        "r table() cut",
    )


@item
def decline_paired_unequal() -> None:
    d = r_frame("anorexia[anorexia$Treat == 'FT', ]")
    pre, post = dec1(d.Prewt), dec1(d.Postwt)[:-1]
    prompt = (
        "family therapy group, weight (lb) before and after\n"
        f"pre  <- c({', '.join(pre)})\npost <- c({', '.join(post)})\n"
        "paired t test post - pre please"
    )
    decline(
        prompt,
        "paired_t",
        f"pre has {len(pre)} values and post {len(post)}, so the pairs cannot be matched",
        ["length", "17", "16"],
        "MASS::anorexia FT (one post value dropped)",
        "r vectors",
    )


@item
def decline_mw_stated_n() -> None:
    d = r_frame("chickwts")
    hb, ls = toks(d.weight[d.feed == "horsebean"]), toks(d.weight[d.feed == "linseed"])
    prompt = (
        "two feed groups, n = 12 chicks each (weights in g):\n"
        f"horsebean {' '.join(hb)}\nlinseed {' '.join(ls)}\n"
        "Mann-Whitney U test please"
    )
    decline(
        prompt,
        "mann_whitney",
        "n = 12 per group is stated but horsebean has only 10 values",
        ["10", "12", "mismatch"],
        "datasets::chickwts horsebean/linseed",
        "space lists",
    )


@item
def decline_km_ambiguous_status() -> None:
    d = r_frame("pbc[1:25, c('id', 'time', 'status')]")
    rows = ["id,time,status"] + [f"{r.id},{r.time},{r.status}" for r in d.itertuples()]
    prompt = "PBC patients, time in days. Could you do the Kaplan-Meier median survival?\n" + "\n".join(rows)
    decline(
        prompt,
        "kaplan_meier",
        "status takes values 0, 1 and 2 and the coding (which is death) is not given",
        ["status", "coding", "code"],
        "survival::pbc rows 1-25",
        "csv",
    )


@item
def decline_fisher_3x3() -> None:
    prompt = (
        "male students, hair vs eye colour:\n\n"
        "         Brown  Blue  Hazel\n"
        "Black       32    11     10\n"
        "Brown       53    50     25\n"
        "Red         10    10      7\n\n"
        "Fisher exact test on this 2x2 with the odds ratio and CI please"
    )
    decline(
        prompt,
        "fisher_exact",
        "the table is 3x3; a 2x2 odds ratio needs to know which rows/columns to collapse",
        ["3x3", "2x2", "collapse"],
        "datasets::HairEyeColor Male, 3 hair x 3 eye",
        "aligned table",
    )


@item
def decline_chisq_percent_only() -> None:
    prompt = (
        "In our student survey 41.5% of women exercise frequently vs 55.1% of men, 'some' 49.2% vs 33.9% and "
        "never 9.3% vs 11.0%. Chi-square test of independence please, X2 and p"
    )
    decline(
        prompt,
        "chi_square",
        "only row percentages are given; the test needs counts (group sizes are not stated)",
        ["count", "percent", "sample size"],
        "MASS::survey Sex x Exer row percentages",
        "percentages only",
    )


@item
def decline_sample_size_no_sd() -> None:
    prompt = (
        "how many babies per group do I need to detect a 200 g difference in mean birth weight between two arms, "
        "80% power, alpha 0.05 two-sided? power.t.test please"
    )
    decline(
        prompt,
        "sample_size_t",
        "no standard deviation (or standardized effect size) is given",
        ["sd", "standard deviation", "effect size"],
        "design prose",
        "design prose",
    )


# ================================================================ main


if __name__ == "__main__":
    SET.run()
