"""Build the fifth fresh evaluation set for labbot's named analyses (``analysis_final5.jsonl``).

Like the fourth set: every answerable item pastes real data (R's datasets, MASS and survival packages) the way
researchers paste into Slack and names one supported analysis and its variant, mostly from data
sets and subsets no earlier set uses (ToothGrowth by supplement, CO2 at 350/675, Puromycin,
MASS::Traffic, MASS::whiteside After, MASS::shuttle, Formaldehyde, BOD, LakeHuron, survival::myeloma,
survival::kidney second catheters, survival::veteran large/adeno cells).  Expected numbers come from R on exactly
the number strings written into the prompt and are recomputed in Python, or the build stops (see ``_build``).
Must-decline items ask for an analysis outside the supported list or paste data that cannot support the analysis
they name; ``reason_mentions`` lists words of which the decline reason should contain one.

Paired analyses: R computes on the differences rounded to 10 decimals, as in the third and fourth sets.

Run ``.venv/bin/python evaluation/data/make_analysis_final5.py``; the output is byte-identical run to run.
``... make_analysis_final5.py NAME`` only builds the items whose builder name contains NAME and prints them.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
from scipy import stats
from statsmodels.stats.contingency_tables import mcnemar

from evaluation.data import _build as b  # the R runner, formatting and checks every set generator shares

SET = b.ItemSet(Path(__file__).resolve().with_name("analysis_final5.jsonl"), "final5")
item, answer, decline = SET.item, SET.answer, SET.decline
fnum, toks, dec1, rv, fl, r_frame = b.fnum, b.toks, b.dec1, b.rv, b.fl, b.r_frame
ttest_r, ttest_check = b.ttest_r, b.ttest_check


VET = "survival::veteran"

# ================================================================ t-tests


@item
def welch_toothgrowth_dose1_supp() -> None:
    d = r_frame("ToothGrowth[ToothGrowth$dose == 1, ]")
    oj, vc = dec1(d.len[d.supp == "OJ"]), dec1(d.len[d.supp == "VC"])
    lines = ["> tg1 <- subset(ToothGrowth, dose == 1)", "> str(tg1)", "'data.frame':\t20 obs. of  3 variables:"]
    lines += [
        " $ len : num  " + " ".join(oj + vc),
        ' $ supp: Factor w/ 2 levels "OJ","VC": ' + " ".join(["1"] * 10 + ["2"] * 10),
        " $ dose: num  " + " ".join(["1"] * 20),
    ]
    prompt = (
        "\n".join(lines) + "\n\nguinea pig odontoblast length at 1 mg/day. welch t-test OJ minus VC, two sided, "
        "95% CI. (str shows all 20 so the whole thing is there)"
    )
    check = ttest_check(stats.ttest_ind(fl(oj), fl(vc), equal_var=False))
    answer(
        prompt,
        "welch_t",
        "two-sided; OJ minus VC",
        ttest_r(rv(oj), rv(vc)),
        check,
        "datasets::ToothGrowth dose 1, OJ vs VC",
        "r str() output with factor codes",
    )


@item
def welch_chickweight_day10_diet12() -> None:
    d = r_frame("ChickWeight[ChickWeight$Time == 10 & ChickWeight$Diet %in% c(1, 2), ]")
    d1, d2 = toks(d.weight[d.Diet == 1]), toks(d.weight[d.Diet == 2])
    rows = ["weight\tChick\tDiet"] + [
        f"{w}\t{c}\t{di}" for w, c, di in zip(toks(d.weight), toks(d.Chick), toks(d.Diet), strict=True)
    ]
    prompt = (
        "ChickWeight day 10, diets 1 and 2 (long format straight out of R)\n"
        + "\n".join(rows)
        + "\n\nwelch test diet 2 minus diet 1, one-sided: is diet 2 heavier? (alternative greater) t df p"
    )
    r = ttest_r(rv(d2), rv(d1), "alternative = 'greater'", ci=False)
    check = ttest_check(stats.ttest_ind(fl(d2), fl(d1), equal_var=False, alternative="greater"), ci=False)
    answer(
        prompt,
        "welch_t",
        "one-sided (greater); diet 2 minus diet 1",
        r,
        check,
        "datasets::ChickWeight day 10, diets 1 and 2",
        "tsv long with chick ids",
    )


@item
def welch_uscereal_protein_g_k() -> None:
    d = r_frame("cbind(name = rownames(MASS::UScereal), MASS::UScereal)[MASS::UScereal$mfr %in% c('G', 'K'), ]")
    g = [f"{v:.2f}" for v in d.protein[d.mfr == "G"]]
    k = [f"{v:.2f}" for v in d.protein[d.mfr == "K"]]
    rows = [f"{n[:22]:<22} {m}  {p:>5}" for n, m, p in zip(d.name, d.mfr, [f"{v:.2f}" for v in d.protein], strict=True)]
    prompt = (
        "protein (g per cup) for the General Mills (G) and Kellogg's (K) cereals in MASS::UScereal:\n"
        + "\n".join(rows)
        + "\n\nWelch two-sample t, K minus G, 90% confidence interval"
    )
    check = ttest_check(stats.ttest_ind(fl(k), fl(g), equal_var=False), level=0.90)
    answer(
        prompt,
        "welch_t",
        "two-sided, 90% CI; K minus G",
        ttest_r(rv(k), rv(g), "conf.level = 0.9"),
        check,
        "MASS::UScereal protein, mfr G and K (2 dp)",
        "aligned names with manufacturer codes",
    )


@item
def student_cabbages_d16() -> None:
    d = r_frame("MASS::cabbages[MASS::cabbages$Date == 'd16', ]")
    c39, c52 = dec1(d.HeadWt[d.Cult == "c39"]), dec1(d.HeadWt[d.Cult == "c52"])
    prompt = (
        "head weight (kg) of cabbages harvested on day 16\n"
        "| plot | c39 | c52 |\n|---:|---:|---:|\n"
        + "\n".join(f"| {i} | {x} | {y} |" for i, (x, y) in enumerate(zip(c39, c52, strict=True), 1))
        + "\n\nequal-variance (Student) t test, c52 minus c39 please, with the 95% CI"
    )
    check = ttest_check(stats.ttest_ind(fl(c52), fl(c39), equal_var=True))
    answer(
        prompt,
        "student_t",
        "pooled; c52 minus c39",
        ttest_r(rv(c52), rv(c39), "var.equal = TRUE"),
        check,
        "MASS::cabbages HeadWt, Date d16",
        "markdown table with plot numbers",
    )


@item
def student_airquality_temp_jun_sep() -> None:
    d = r_frame("airquality[airquality$Month %in% c(6, 9) & airquality$Day <= 15, ]")
    jun, sep = toks(d.Temp[d.Month == 6]), toks(d.Temp[d.Month == 9])
    prompt = (
        "max daily temp (°F) at LaGuardia, 1973, first fifteen days of the month\n"
        "June: " + ", ".join(jun) + "\nSept: " + ", ".join(sep) + "\n"
        "assume equal variances -> pooled two-sample t test, June minus September. t, df, p, ci"
    )
    check = ttest_check(stats.ttest_ind(fl(jun), fl(sep), equal_var=True))
    answer(
        prompt,
        "student_t",
        "pooled; June minus September",
        ttest_r(rv(jun), rv(sep), "var.equal = TRUE"),
        check,
        "datasets::airquality Temp, June and September days 1-15",
        "labelled comma lists with a year in the text",
    )


@item
def student_mtcars_qsec_am() -> None:
    d = r_frame("cbind(car = rownames(mtcars), mtcars)")
    rows = ['"","car","qsec","am"'] + [
        f'"{i}","{c}",{q},{a}' for i, (c, q, a) in enumerate(zip(d.car, b.dec2(d.qsec), toks(d.am), strict=True), 1)
    ]
    auto = [q for q, a in zip(b.dec2(d.qsec), d.am, strict=True) if a == 0]
    man = [q for q, a in zip(b.dec2(d.qsec), d.am, strict=True) if a == 1]
    prompt = (
        "\n".join(rows) + "\n\nam: 0 = automatic, 1 = manual. t-test of quarter-mile time (qsec) manual vs "
        "automatic with var.equal=TRUE (manual minus automatic)"
    )
    check = ttest_check(stats.ttest_ind(fl(man), fl(auto), equal_var=True))
    answer(
        prompt,
        "student_t",
        "pooled; manual minus automatic",
        ttest_r(rv(man), rv(auto), "var.equal = TRUE"),
        check,
        "datasets::mtcars qsec by am",
        "write.csv with quoted row numbers and car names",
    )


@item
def one_sample_precip_greater() -> None:
    d = r_frame("data.frame(city = names(precip), p = as.numeric(precip))[51:70, ]")
    p = dec1(d.p)
    prompt = (
        "annual precipitation (in), US cities 51-70 of R's precip:\n"
        + "\n".join(f"{c}: {x}" for c, x in zip(d.city, p, strict=True))
        + "\n\nare these cities wetter than 35 in on average? one sample t, alternative greater, mu 35"
    )
    r = ttest_r(rv(p), extra="mu = 35, alternative = 'greater'", ci=False)
    check = ttest_check(stats.ttest_1samp(fl(p), 35, alternative="greater"), ci=False)
    answer(
        prompt,
        "one_sample_t",
        "one-sided (greater) vs 35",
        r,
        check,
        "datasets::precip 51-70",
        "named values one per line",
    )


@item
def one_sample_lakehuron_99() -> None:
    lh = [f"{v:.2f}" for v in r_frame("data.frame(x = as.numeric(LakeHuron))").x[:20]]
    lines = ["> window(LakeHuron, end = 1894)", "Time Series:", "Start = 1875 ", "End = 1894 ", "Frequency = 1 "]
    lines += [f"[{i + 1:>2}] " + " ".join(lh[i : i + 7]) for i in range(0, 20, 7)]
    prompt = (
        "\n".join(lines) + "\n\nlake level (ft a.s.l.). was the mean over 1875-1894 different from 580 ft? "
        "one-sample t test, 99% confidence interval"
    )
    check = ttest_check(stats.ttest_1samp(fl(lh), 580), level=0.99)
    answer(
        prompt,
        "one_sample_t",
        "two-sided vs 580, 99% CI",
        ttest_r(rv(lh), extra="mu = 580, conf.level = 0.99"),
        check,
        "datasets::LakeHuron 1875-1894",
        "r time-series print with header lines",
    )


@item
def one_sample_faithful_eruptions() -> None:
    e = [f"{v:.3f}" for v in r_frame("faithful[101:124, ]").eruptions]
    prompt = (
        "Old Faithful eruption durations (min), rows 101-124:\n"
        + " ".join(e)
        + "\nranger says average eruption is 3.5 min. one-sample t-test vs 3.5, two sided, t/df/p/CI"
    )
    answer(
        prompt,
        "one_sample_t",
        "two-sided vs 3.5",
        ttest_r(rv(e), extra="mu = 3.5"),
        ttest_check(stats.ttest_1samp(fl(e), 3.5)),
        "datasets::faithful eruptions rows 101-124",
        "space list",
    )


@item
def paired_co2_350_675() -> None:
    d = r_frame("CO2[CO2$conc %in% c(350, 675), ]")
    plants = list(dict.fromkeys(d.Plant))
    lo = [fnum(d.uptake[(d.Plant == p) & (d.conc == 350)].iloc[0]) for p in plants]
    hi = [fnum(d.uptake[(d.Plant == p) & (d.conc == 675)].iloc[0]) for p in plants]
    lo, hi = [f"{float(x):.1f}" for x in lo], [f"{float(x):.1f}" for x in hi]
    prompt = (
        "CO2 uptake (umol/m^2/s) of the 12 Echinochloa plants at ambient CO2 350 and 675 mL/L\n"
        + "\n".join(f"{p}: {x} -> {y}" for p, x, y in zip(plants, lo, hi, strict=True))
        + "\n\npaired t test, 675 minus 350, two sided w/ 95% CI"
    )
    r = f"a <- {rv(hi)}; c0 <- {rv(lo)}\n" + ttest_r("round(a - c0, 10)")
    answer(
        prompt,
        "paired_t",
        "paired; 675 minus 350",
        r,
        ttest_check(stats.ttest_1samp(b.diffs(hi, lo), 0)),
        "datasets::CO2 conc 350 and 675",
        "id: before -> after lines",
    )


@item
def paired_puromycin_first_replicate() -> None:
    d = r_frame("Puromycin")
    first = d.drop_duplicates(["conc", "state"])
    conc = toks(first.conc[first.state == "treated"])
    tr, un = toks(first.rate[first.state == "treated"]), toks(first.rate[first.state == "untreated"])
    prompt = (
        "Puromycin enzyme kinetics, first replicate at each substrate conc (ppm), rate in counts/min/min\n"
        "conc\ttreated\tuntreated\n"
        + "\n".join(f"{c}\t{x}\t{y}" for c, x, y in zip(conc, tr, un, strict=True))
        + "\n\nmatched by concentration, so paired t-test treated minus untreated, 2-sided, 95% CI"
    )
    r = f"a <- {rv(tr)}; c0 <- {rv(un)}\n" + ttest_r("round(a - c0, 10)")
    answer(
        prompt,
        "paired_t",
        "paired; treated minus untreated",
        r,
        ttest_check(stats.ttest_1samp(b.diffs(tr, un), 0)),
        "datasets::Puromycin first replicate per conc",
        "tsv with a matching column that is not data",
    )


@item
def paired_traffic_less() -> None:
    d = r_frame("MASS::Traffic[MASS::Traffic$day <= 18, ]")
    y61, y62 = toks(d.y[d.year == 1961]), toks(d.y[d.year == 1962])
    prompt = (
        "Swedish road accidents per day, days 1-18 of the trial period, 1961 and 1962 (MASS::Traffic)\n"
        "1961: " + " ".join(y61) + "\n1962: " + " ".join(y62) + "\n"
        "paired by day number. one-sided paired t: were there fewer in 1962? (1962 minus 1961, alternative less)"
    )
    r = f"a <- {rv(y62)}; c0 <- {rv(y61)}\n" + ttest_r("round(a - c0, 10)", extra="alternative = 'less'", ci=False)
    check = ttest_check(stats.ttest_1samp(b.diffs(y62, y61), 0, alternative="less"), ci=False)
    answer(
        prompt,
        "paired_t",
        "one-sided (less); 1962 minus 1961",
        r,
        check,
        "MASS::Traffic days 1-18, 1961 and 1962",
        "labelled space lists, same order",
    )


# ================================================================ rank tests


@item
def wilcoxon_chickweight_exact() -> None:
    d = r_frame("ChickWeight[ChickWeight$Chick %in% 27:36 & ChickWeight$Time %in% c(18, 20), ]")
    chicks = sorted(set(int(c) for c in d.Chick))
    a = [fnum(d.weight[(d.Chick == c) & (d.Time == 20)].iloc[0]) for c in chicks]
    c0 = [fnum(d.weight[(d.Chick == c) & (d.Time == 18)].iloc[0]) for c in chicks]
    dd = b.diffs(a, c0)
    assert len(set(np.abs(dd))) == len(dd) and (dd != 0).all()  # no ties or zeros: R's exact p applies
    prompt = (
        "> cw[cw$Chick %in% 27:36, c('Chick', 'd18', 'd20')]\n   Chick  d18  d20\n"
        + "\n".join(f"{i:>2} {c:>6} {x:>4} {y:>4}" for i, (c, x, y) in enumerate(zip(chicks, c0, a, strict=True), 1))
        + "\n\nwilcoxon signed-rank, paired, exact, day 20 minus day 18. V and p"
    )
    r = (
        f"a <- {rv(a)}; c0 <- {rv(c0)}\nw <- wilcox.test(round(a - c0, 10), exact = TRUE)\n"
        "emit(V = w$statistic, p = w$p.value)"
    )
    check = {"V": b.signed_rank_v(dd), "p": float(stats.wilcoxon(dd, method="exact").pvalue)}
    answer(
        prompt,
        "wilcoxon_signed_rank",
        "paired exact; day 20 minus day 18",
        r,
        check,
        "datasets::ChickWeight chicks 27-36, days 18 and 20",
        "r console print(df) with row numbers",
    )


@item
def wilcoxon_stackloss_watertemp_mu() -> None:
    w = toks(r_frame("stackloss").Water_Temp)
    prompt = (
        "cooling water inlet temp (°C), 21 days of plant operation: "
        + " ".join(w)
        + "\n\nmedian different from 20 °C? one-sample wilcoxon signed rank (mu = 20), normal approx "
        "with continuity correction since there are ties"
    )
    r = f"w <- wilcox.test({rv(w)}, mu = 20, exact = FALSE)\nemit(V = w$statistic, p = w$p.value)"
    x = fl(w) - 20
    res = stats.wilcoxon(x, method="approx", correction=True, zero_method="wilcox")
    answer(
        prompt,
        "wilcoxon_signed_rank",
        "one-sample vs 20, normal approximation, continuity correction",
        r,
        {"V": b.signed_rank_v(x), "p": float(res.pvalue)},
        "datasets::stackloss Water.Temp",
        "space list in prose",
    )


@item
def wilcoxon_airquality_aug_sep_nocc() -> None:
    d = r_frame("airquality[airquality$Month %in% c(8, 9) & airquality$Day <= 20, ]")
    aug, sep = toks(d.Temp[d.Month == 8]), toks(d.Temp[d.Month == 9])
    rows = ["Day;Aug;Sep"] + [f"{i};{x};{y}" for i, (x, y) in enumerate(zip(aug, sep, strict=True), 1)]
    prompt = (
        "\n".join(rows) + "\n\nTemp by day of month, Aug vs Sep 1973. paired signed-rank test Aug minus Sep, "
        "normal approximation WITHOUT continuity correction (correct=FALSE). V, p"
    )
    r = (
        f"a <- {rv(aug)}; c0 <- {rv(sep)}\nw <- wilcox.test(round(a - c0, 10), exact = FALSE, correct = FALSE)\n"
        "emit(V = w$statistic, p = w$p.value)"
    )
    dd = b.diffs(aug, sep)
    res = stats.wilcoxon(dd, method="approx", correction=False, zero_method="wilcox")
    answer(
        prompt,
        "wilcoxon_signed_rank",
        "paired, normal approximation, no continuity correction; Aug minus Sep",
        r,
        {"V": b.signed_rank_v(dd), "p": float(res.pvalue)},
        "datasets::airquality Temp, days 1-20 of August and September",
        "semicolon csv with day column",
    )


@item
def mann_whitney_airquality_solar() -> None:
    d = r_frame("airquality[airquality$Month %in% c(5, 6) & !is.na(airquality$Solar.R), ]")
    may, jun = toks(d.Solar_R[d.Month == 5]), toks(d.Solar_R[d.Month == 6])
    prompt = (
        "Solar.R (Langleys), NAs removed\nmay  " + " ".join(may) + "\njune " + " ".join(jun) + "\n"
        "rank-sum / mann whitney may vs june, normal approx with continuity correction; W (for May) and p"
    )
    res = stats.mannwhitneyu(fl(may), fl(jun), method="asymptotic", use_continuity=True)
    answer(
        prompt,
        "mann_whitney",
        "normal approximation, continuity correction; W for May",
        b.mw_r(may, jun, ", exact = FALSE"),
        {"W": float(res.statistic), "p": float(res.pvalue)},
        "datasets::airquality Solar.R, May and June",
        "labelled space lists",
    )


@item
def mann_whitney_lakehuron_decades_exact() -> None:
    lh = [f"{v:.2f}" for v in r_frame("data.frame(x = as.numeric(LakeHuron))").x[20:40]]
    early, late = lh[:10], lh[10:20]
    if len(set(early + late)) != 20:
        raise AssertionError("ties: exact p would not apply")
    prompt = (
        "Lake Huron July levels (ft)\nyear\tlevel\n"
        + "\n".join(f"{1895 + i}\t{x}" for i, x in enumerate(early + late))
        + "\n\ncompare 1905-1914 with 1895-1904: Mann-Whitney U, exact p (no ties), W for the later decade"
    )
    res = stats.mannwhitneyu(fl(late), fl(early), method="exact")
    answer(
        prompt,
        "mann_whitney",
        "exact; W for 1905-1914",
        b.mw_r(late, early, ", exact = TRUE"),
        {"W": float(res.statistic), "p": float(res.pvalue)},
        "datasets::LakeHuron 1895-1914",
        "tsv year and value; groups by year range",
    )


@item
def mann_whitney_veteran_karno_less() -> None:
    d = r_frame(f"{VET}[{VET}$celltype == 'adeno', ]")
    t1, t2 = toks(d.karno[d.trt == 1]), toks(d.karno[d.trt == 2])
    prompt = (
        "VA lung trial, adenocarcinoma only, Karnofsky at entry\nstandard: "
        + ", ".join(t1)
        + "\ntest chemo: "
        + ", ".join(t2)
        + "\none-sided Mann-Whitney, were standard-arm patients less fit (alternative less, standard vs test)? "
        "ties so exact=FALSE, continuity correction on"
    )
    res = stats.mannwhitneyu(fl(t1), fl(t2), method="asymptotic", use_continuity=True, alternative="less")
    answer(
        prompt,
        "mann_whitney",
        "one-sided (less), normal approximation, continuity correction; W for standard",
        b.mw_r(t1, t2, ", exact = FALSE, alternative = 'less'"),
        {"W": float(res.statistic), "p": float(res.pvalue)},
        "survival::veteran adeno, karno by trt",
        "labelled comma lists",
    )


@item
def kruskal_airquality_wind_may_jul() -> None:
    d = r_frame("airquality[airquality$Month %in% 5:7, ]")
    labs = ["5", "6", "7"]
    groups = [dec1(d.Wind[d.Month == int(m)]) for m in labs]
    prompt = (
        "> split(aq$Wind, aq$Month)\n"
        + "\n".join(f"$`{lab}`\n [1] " + " ".join(g) + "\n" for lab, g in zip(labs, groups, strict=True))
        + "\nwind speed (mph) for May, June, July 1973. kruskal-wallis across the three months"
    )
    b.kruskal_item(
        SET,
        prompt,
        groups,
        "tie-corrected, 3 groups",
        "datasets::airquality Wind May-July",
        "r split() list with command",
    )


@item
def kruskal_cabbages_c52_date() -> None:
    d = r_frame("MASS::cabbages[MASS::cabbages$Cult == 'c52', ]")
    labs = ["d16", "d20", "d21"]
    groups = [toks(d.VitC[d.Date == x]) for x in labs]
    lines = ["vit C (mg/100 g), cultivar c52"] + [
        f"{lab}: " + ", ".join(g) for lab, g in zip(labs, groups, strict=True)
    ]
    prompt = "\n".join(lines) + "\nnon-parametric comparison of the 3 planting dates (Kruskal Wallis). H df p?"
    b.kruskal_item(
        SET,
        prompt,
        groups,
        "tie-corrected, 3 groups",
        "MASS::cabbages cultivar c52 VitC by Date",
        "labelled comma lists",
    )


# ================================================================ ANOVA, normality


@item
def anova_chickweight_day12() -> None:
    d = r_frame("ChickWeight[ChickWeight$Time == 12, ]")
    labs = ["1", "2", "3", "4"]
    groups = [toks(d.weight[d.Diet == int(x)]) for x in labs]
    rows = ['"weight","Time","Chick","Diet"'] + [
        f'{w},12,"{c}","{di}"' for w, c, di in zip(toks(d.weight), toks(d.Chick), toks(d.Diet), strict=True)
    ]
    prompt = (
        "day-12 weights of the chicks, write.csv output:\n"
        + "\n".join(rows)
        + "\n\none-way ANOVA weight ~ Diet (4 diets). F, df, p please"
    )
    b.anova_item(
        SET, prompt, groups, labs, "F test, 4 groups", "datasets::ChickWeight day 12", "write.csv long, quoted ids"
    )


@item
def anova_airquality_temp_jun_aug() -> None:
    d = r_frame("airquality[airquality$Month %in% c(6, 7, 8) & airquality$Day <= 10, ]")
    labs = ["Jun", "Jul", "Aug"]
    groups = [toks(d.Temp[d.Month == m]) for m in (6, 7, 8)]
    prompt = (
        "Temp (F), days 1 to 10 of each month, summer 1973:\n"
        + "\n".join(f"{lab} = {rv(g)}" for lab, g in zip(labs, groups, strict=True))
        + "\n\nanova: does temperature differ across June/July/August?"
    )
    b.anova_item(
        SET,
        prompt,
        groups,
        labs,
        "F test, 3 groups",
        "datasets::airquality Temp days 1-10, June-August",
        "r c() vectors",
    )


@item
def anova_uscereal_sodium_shelf() -> None:
    d = r_frame("MASS::UScereal")
    cal = [f"{v:.1f}" for v in d.sodium]
    groups = [[c for c, s in zip(cal, d.shelf, strict=True) if s == k] for k in (1, 2, 3)]
    rows = ["shelf | sodium (mg per cup)", "------|------"]
    rows += [f"{k} | " + " ".join(g) for k, g in zip((1, 2, 3), groups, strict=True)]
    prompt = (
        "UScereal, sodium per cup by supermarket shelf (1 = floor, 3 = top)\n"
        + "\n".join(rows)
        + "\n\nclassic one way aov, shelf as a factor (not numeric!)"
    )
    b.anova_item(
        SET, prompt, groups, ["1", "2", "3"], "F test, 3 groups", "MASS::UScereal sodium by shelf (1 dp)", "pipe rows"
    )


@item
def shapiro_faithful_eruptions() -> None:
    e = [f"{v:.3f}" for v in r_frame("faithful[1:24, ]").eruptions]
    prompt = (
        "eruptions[1:24]\n"
        + "\n".join("  ".join(e[i : i + 8]) for i in range(0, 24, 8))
        + "\n\nthese look bimodal to me. shapiro wilk test? W + p"
    )
    res = stats.shapiro(fl(e))
    answer(
        prompt,
        "shapiro_wilk",
        "default",
        f"s <- shapiro.test({rv(e)})\nemit(W = s$statistic, p = s$p.value)",
        {"W": float(res.statistic), "p": float(res.pvalue)},
        "datasets::faithful eruptions rows 1-24",
        "wrapped block of values",
    )


@item
def shapiro_quakes_mag() -> None:
    m = dec1(r_frame("quakes[301:330, ]").mag)
    prompt = (
        "Fiji quake magnitudes, rows 301-330 (all since 1964, > 4.0 Richter):\n"
        + ",".join(m)
        + "\n\nnormal? Shapiro-Wilk W and p-value"
    )
    res = stats.shapiro(fl(m))
    answer(
        prompt,
        "shapiro_wilk",
        "default",
        f"s <- shapiro.test({rv(m)})\nemit(W = s$statistic, p = s$p.value)",
        {"W": float(res.statistic), "p": float(res.pvalue)},
        "datasets::quakes mag rows 301-330",
        "comma list with years and thresholds in the prose",
    )


# ================================================================ correlation and regression


def chick_day0_day21() -> tuple[list[int], list[str], list[str]]:
    d = r_frame("ChickWeight[ChickWeight$Time %in% c(0, 21), ]")
    chicks = sorted(set(int(c) for c in d.Chick[d.Time == 21]))
    w0 = [fnum(d.weight[(d.Chick == c) & (d.Time == 0)].iloc[0]) for c in chicks]
    w21 = [fnum(d.weight[(d.Chick == c) & (d.Time == 21)].iloc[0]) for c in chicks]
    return chicks, w0, w21


@item
def pearson_chickweight_hatch_final() -> None:
    chicks, w0, w21 = chick_day0_day21()
    prompt = (
        "do heavier hatchlings end up heavier? chick id: hatch wt -> day 21 wt (g), the 45 chicks alive at day 21\n"
        + "; ".join(f"#{c}: {x} -> {y}" for c, x, y in zip(chicks, w0, w21, strict=True))
        + "\n\npearson correlation with p-value and 95% CI"
    )
    keys = ["r", "p", "ci_low", "ci_high"]
    answer(
        prompt,
        "pearson",
        "two-sided; Fisher z 95% CI",
        b.pearson_r(w0, w21, 0.95, keys),
        b.pearson_check(fl(w0), fl(w21), 0.95, keys),
        "datasets::ChickWeight day 0 and day 21 (45 chicks)",
        "#id: x -> y tokens on one line",
    )


@item
def pearson_quakes_depth_mag_99() -> None:
    d = r_frame("quakes[201:230, ]")
    dep, mag = toks(d.depth), dec1(d.mag)
    rows = ["      lat   long depth mag stations"] + [
        f"{i:>3} {la:.2f} {lo:.2f} {x:>5} {m} {s:>3}"
        for i, (la, lo, x, m, s) in enumerate(zip(d.lat, d.long, dep, mag, toks(d.stations), strict=True), 201)
    ]
    prompt = (
        "\n".join(rows) + "\n\ncorrelation between focal depth (km) and magnitude for these 30 Fiji events — "
        "pearson r, t, df, p and a 99% CI"
    )
    keys = ["r", "t", "p", "ci_low", "ci_high"]
    answer(
        prompt,
        "pearson",
        "two-sided; Fisher z 99% CI",
        b.pearson_r(dep, mag, 0.99, keys),
        b.pearson_check(fl(dep), fl(mag), 0.99, keys),
        "datasets::quakes rows 201-230",
        "r print(df) with extra columns and row numbers",
    )


@item
def spearman_uscereal_fibre_sugars() -> None:
    d = r_frame("cbind(name = rownames(MASS::UScereal), MASS::UScereal)[26:50, ]")
    fib, sug = b.dec2(d.fibre), b.dec2(d.sugars)
    rows = ["cereal,fibre_g,sugars_g"] + [f'"{n}",{x},{y}' for n, x, y in zip(d.name, fib, sug, strict=True)]
    prompt = (
        "\n".join(rows) + "\n\n(UScereal rows 26-50, per cup) spearman rank correlation fibre vs sugars, asymptotic "
        "p since there are ties"
    )
    res = stats.spearmanr(fl(fib), fl(sug))
    answer(
        prompt,
        "spearman",
        "ties; t approximation",
        b.rank_cor_r(fib, sug, "spearman", ", exact = FALSE"),
        {"rho": float(res.statistic), "p": float(res.pvalue)},
        "MASS::UScereal rows 26-50 (2 dp)",
        "csv with quoted names",
    )


@item
def spearman_quakes_depth_stations() -> None:
    d = r_frame("quakes[401:440, ]")
    dep, st = toks(d.depth), toks(d.stations)
    prompt = (
        "depth = c(" + ", ".join(dep) + ")\nstations = c(" + ", ".join(st) + ")\n"
        "quakes rows 401-440. does the number of stations reporting relate to depth? spearman rho, p (exact = FALSE)"
    )
    res = stats.spearmanr(fl(dep), fl(st))
    answer(
        prompt,
        "spearman",
        "ties; t approximation",
        b.rank_cor_r(dep, st, "spearman", ", exact = FALSE"),
        {"rho": float(res.statistic), "p": float(res.pvalue)},
        "datasets::quakes rows 401-440",
        "r c() assignments",
    )


@item
def kendall_co2_95_1000() -> None:
    d = r_frame("CO2[CO2$conc %in% c(95, 1000), ]")
    plants = list(dict.fromkeys(d.Plant))
    lo = [f"{d.uptake[(d.Plant == p) & (d.conc == 95)].iloc[0]:.1f}" for p in plants]
    hi = [f"{d.uptake[(d.Plant == p) & (d.conc == 1000)].iloc[0]:.1f}" for p in plants]
    prompt = (
        "| Plant | uptake @95 | uptake @1000 |\n|---|---|---|\n"
        + "\n".join(f"| {p} | {x} | {y} |" for p, x, y in zip(plants, lo, hi, strict=True))
        + "\n\nKendall's tau between uptake at low and at saturating CO2 (there's a tie at 95, so normal approx)"
    )
    res = stats.kendalltau(fl(lo), fl(hi), method="asymptotic")
    answer(
        prompt,
        "kendall_tau",
        "tau-b, normal approximation (ties)",
        b.rank_cor_r(lo, hi, "kendall", ", exact = FALSE"),
        {"tau": float(res.statistic), "p": float(res.pvalue)},
        "datasets::CO2 conc 95 and 1000",
        "markdown table with plant ids",
    )


@item
def kendall_lakehuron_trend_exact() -> None:
    lh = [f"{v:.2f}" for v in r_frame("data.frame(x = as.numeric(LakeHuron))").x[20:40]]
    years = [str(1895 + i) for i in range(20)]
    assert len(set(lh)) == 20
    prompt = "Mann-Kendall style trend check: kendall tau between year and lake level, 1895-1914, exact p\n" + " ".join(
        f"{y}:{x}" for y, x in zip(years, lh, strict=True)
    )
    res = stats.kendalltau(fl(years), fl(lh), method="exact")
    answer(
        prompt,
        "kendall_tau",
        "exact",
        b.rank_cor_r(years, lh, "kendall", ", exact = TRUE"),
        {"tau": float(res.statistic), "p": float(res.pvalue)},
        "datasets::LakeHuron 1895-1914",
        "year:value tokens",
    )


@item
def lm_whiteside_after() -> None:
    d = r_frame("MASS::whiteside[MASS::whiteside$Insul == 'After', ]")
    t, g = dec1(d.Temp), dec1(d.Gas)
    rows = ["Insul\tTemp\tGas"] + [f"After\t{x}\t{y}" for x, y in zip(t, g, strict=True)]
    prompt = (
        "Whiteside's house, after cavity-wall insulation: weekly gas (1000 cu ft) vs outside temp (deg C)\n"
        + "\n".join(rows)
        + "\n\nsimple linear regression Gas ~ Temp; slope, intercept, SE of the slope, R squared"
    )
    b.lm_item(
        SET,
        prompt,
        t,
        g,
        "OLS gas ~ temp: slope, intercept, SE(slope), R^2",
        ["slope", "intercept", "se_slope", "r2"],
        "MASS::whiteside After",
        "tsv with a constant label column",
    )


@item
def lm_bod() -> None:
    d = r_frame("BOD")
    t, dem = toks(d.Time), dec1(d.demand)
    prompt = (
        "> BOD\n  Time demand\n"
        + "\n".join(f"{i} {x:>5} {y:>6}" for i, (x, y) in enumerate(zip(t, dem, strict=True), 1))
        + "\n\nbiochemical oxygen demand (mg/l) vs incubation time (days). lm(demand ~ Time): slope, intercept, "
        "R^2 and the slope's p"
    )
    b.lm_item(
        SET,
        prompt,
        t,
        dem,
        "simple OLS with slope p",
        ["slope", "intercept", "r2", "p"],
        "datasets::BOD",
        "r console print(df) with row numbers",
    )


@item
def lm_formaldehyde() -> None:
    d = r_frame("Formaldehyde")
    c, o = dec1(d.carb), [f"{v:.3f}" for v in d.optden]
    prompt = (
        "calibration curve, formaldehyde assay\ncarb (ml): " + " ".join(c) + "\noptical density: " + " ".join(o) + "\n"
        "regress optden on carb. slope + intercept + R2 please (we use it to back-calculate unknowns)"
    )
    b.lm_item(
        SET,
        prompt,
        c,
        o,
        "simple OLS calibration",
        ["slope", "intercept", "r2"],
        "datasets::Formaldehyde",
        "labelled space lists",
    )


@item
def logistic_mtcars_vs_hp() -> None:
    d = r_frame("cbind(car = rownames(mtcars), mtcars)")
    hp, vs = toks(d.hp), toks(d.vs)
    lines = ["> dput(mtcars[, c('hp', 'vs')])", "structure(list(hp = " + rv(hp) + ", vs = " + rv(vs) + "),"]
    lines += ['row.names = c("' + '", "'.join(d.car[:3]) + '", ...), class = "data.frame")']
    prompt = (
        "\n".join(lines) + "\n\n(row names cut, not needed). vs: 0 = V-shaped, 1 = straight engine. logistic "
        "regression vs ~ hp, odds ratio per 1 hp with wald 95% CI + p"
    )
    b.logit_item(SET, prompt, hp, vs, "Wald CI; per 1 hp", "datasets::mtcars vs ~ hp", "r dput() structure")


@item
def logistic_veteran_karno_100d() -> None:
    d = r_frame(f"{VET}[{VET}$trt == 2, ][1:45, c('time', 'status', 'karno')]")
    k = toks(d.karno)
    died = ["1" if t <= 100 and s == 1 else "0" for t, s in zip(d.time, d.status, strict=True)]
    prompt = (
        "VA lung trial, test-chemo arm, first 45 patients. died within 100 days (1) or not (0), and Karnofsky score\n"
        + "\n".join(f"pt{i:02d} karno={x} died100={y}" for i, (x, y) in enumerate(zip(k, died, strict=True), 1))
        + "\n\nunivariable logistic regression died100 ~ karno: OR per point, wald CI, p"
    )
    b.logit_item(
        SET,
        prompt,
        k,
        died,
        "Wald CI; per Karnofsky point",
        "survival::veteran trt 2 first 45, death within 100 days",
        "key=value lines with patient ids",
    )


# ================================================================ survival


@item
def km_myeloma_first41() -> None:
    d = r_frame("survival::myeloma[1:41, ]")
    t, e = toks(d.futime), toks(d.death)
    rows = ["id,year,futime,death"] + [
        f"{i},{y},{x},{s}" for i, y, x, s in zip(toks(d.id), toks(d.year), t, e, strict=True)
    ]
    prompt = (
        "multiple myeloma cohort (Mayo), first 41 pts. futime = days from dx, death 1 = died 0 = alive at last "
        "contact; year = year of dx (19xx)\n"
        + "\n".join(rows)
        + "\n\nkaplan meier: median OS and survival at 1 yr (365 d) and 3 yrs (1095 d)"
    )
    b.km_item(
        SET,
        prompt,
        t,
        e,
        [365, 1095],
        "KM median, S(365) and S(1095)",
        "survival::myeloma rows 1-41",
        "csv with id and year columns",
    )


@item
def km_kidney_second_catheter() -> None:
    d = r_frame("survival::kidney[duplicated(survival::kidney$id), ]")
    t, e = toks(d.time), toks(d.status)
    prompt = (
        "kidney dialysis patients (McGilchrist & Aisbett), SECOND catheter of each of the 38 patients: days to "
        "infection, + = catheter removed for other reasons (censored)\n" + b.plus(t, e) + "\n\n"
        "KM median time to infection and S(30 days), S(100 days)"
    )
    b.km_item(
        SET,
        prompt,
        t,
        e,
        [30, 100],
        "KM median, S(30) and S(100)",
        "survival::kidney second catheter per patient",
        "plus censoring list",
    )


@item
def km_veteran_adeno_standard() -> None:
    d = r_frame(f"{VET}[{VET}$celltype == 'adeno' & {VET}$trt == 1, ]")
    t, e = toks(d.time), toks(d.status)
    prompt = (
        "> subset(veteran, celltype == 'adeno' & trt == 1)[, c('time', 'status', 'karno', 'age')]\n"
        "    time status karno age\n"
        + "\n".join(
            f"{i:>3} {x:>4} {s:>6} {k:>5} {a:>3}"
            for i, (x, s, k, a) in enumerate(zip(t, e, toks(d.karno), toks(d.age), strict=True), 1)
        )
        + "\n\nstatus 1 = dead. survfit KM, median and S(60 days)"
    )
    b.km_item(
        SET,
        prompt,
        t,
        e,
        [60],
        "KM median and S(60)",
        "survival::veteran adeno, standard arm",
        "r print(df) with unused columns",
    )


@item
def logrank_kidney_disease() -> None:
    d = r_frame("survival::kidney[!duplicated(survival::kidney$id), ]")
    t, e, g = toks(d.time), toks(d.status), list(d.disease)
    prompt = (
        "first catheter per patient (kidney data). (days, infection 1/0, disease)\n"
        + "\n".join(f"({x}, {s}, {dz})" for x, s, dz in zip(t, e, g, strict=True))
        + "\n\nlog-rank test across the 4 disease types (Other, GN, AN, PKD): chisq, df, p"
    )
    answer(
        prompt,
        "log_rank",
        "4 groups",
        b.r_logrank(t, e, g),
        b.logrank_check(fl(t), fl(e), g),
        "survival::kidney first catheter per patient, by disease",
        "(time, status, group) tuples",
    )


@item
def logrank_veteran_adeno_trt() -> None:
    d = r_frame(f"{VET}[{VET}$celltype == 'adeno', ]")
    t, e = toks(d.time), toks(d.status)
    arm = ["standard" if v == 1 else "test" for v in d.trt]
    std = b.plus(
        [x for x, a in zip(t, arm, strict=True) if a == "standard"],
        [s for s, a in zip(e, arm, strict=True) if a == "standard"],
    )
    tst = b.plus(
        [x for x, a in zip(t, arm, strict=True) if a == "test"], [s for s, a in zip(e, arm, strict=True) if a == "test"]
    )
    prompt = (
        "Veterans' Administration lung cancer trial (Kalbfleisch & Prentice), adenocarcinoma, survival days "
        "(+ censored)\nstandard: " + std + "\ntest: " + tst + "\nlog rank standard vs test"
    )
    answer(
        prompt,
        "log_rank",
        "2 groups",
        b.r_logrank(t, e, arm),
        b.logrank_check(fl(t), fl(e), arm),
        "survival::veteran adeno, by trt",
        "plus censoring lists per arm",
    )


@item
def logrank_rats_females_51_100() -> None:
    d = r_frame("survival::rats[survival::rats$sex == 'f' & survival::rats$litter > 50, ]")
    t, e = toks(d.time), toks(d.status)
    g = ["drug" if v == 1 else "control" for v in d.rx]
    rows = ["litter\trx\ttime\tstatus"] + [
        f"{li}\t{r}\t{x}\t{s}" for li, r, x, s in zip(toks(d.litter), toks(d.rx), t, e, strict=True)
    ]
    prompt = (
        "Mantel's rat carcinogenesis data, female litters 51-100. rx 1 = drug, 0 = control; time = weeks to tumour; "
        "status 1 = tumour, 0 = censored\n" + "\n".join(rows) + "\n\n"
        "ignore the litter matching for now — plain log-rank drug vs control"
    )
    answer(
        prompt,
        "log_rank",
        "2 groups",
        b.r_logrank(t, e, g),
        b.logrank_check(fl(t), fl(e), g),
        "survival::rats females, litters 51-100",
        "tsv with a litter column",
    )


@item
def cox_veteran_smallcell_karno() -> None:
    d = r_frame(f"{VET}[{VET}$celltype == 'smallcell', ]")
    t, e, k = toks(d.time), toks(d.status), toks(d.karno)
    prompt = (
        "small-cell patients from the VA trial (n=48)\ntime: " + " ".join(t) + "\nstatus: " + " ".join(e) + "\n"
        "karno: " + " ".join(k) + "\n(status 1 = died)\n"
        "coxph(Surv(time, status) ~ karno): HR per Karnofsky point, CI, p"
    )
    b.cox_item(
        SET,
        prompt,
        t,
        e,
        k,
        "single continuous covariate, Efron",
        "survival::veteran smallcell",
        "labelled space lists",
    )


@item
def cox_kidney_second_sex_breslow() -> None:
    d = r_frame("survival::kidney[duplicated(survival::kidney$id), ]")
    t, e = toks(d.time), toks(d.status)
    fem = ["1" if s == 2 else "0" for s in d.sex]
    rows = ["id;time;status;sex"] + [
        f"{i};{x};{s};{'F' if f == '1' else 'M'}" for i, x, s, f in zip(toks(d.id), t, e, fem, strict=True)
    ]
    prompt = (
        "kidney catheter data, second catheter per patient\n" + "\n".join(rows) + "\n"
        "cox PH on sex, female vs male (male reference), ties = 'breslow' please (to match the old SAS output)"
    )
    answer(
        prompt,
        "cox",
        "single binary covariate, Breslow ties; HR female vs male",
        b.r_cox(t, e, fem, ties="breslow"),
        b.breslow_cox_check(fl(t), fl(e), fl(fem)),
        "survival::kidney second catheter per patient",
        "semicolon csv with ids and M/F",
    )


@item
def cox_veteran_large_trt() -> None:
    d = r_frame(f"{VET}[{VET}$celltype == 'large', ]")
    t, e = toks(d.time), toks(d.status)
    test = ["1" if v == 2 else "0" for v in d.trt]
    toks_ = " ".join(
        f"{x}{'' if s == '1' else '+'}/{'T' if a == '1' else 'S'}" for x, s, a in zip(t, e, test, strict=True)
    )
    prompt = (
        "large-cell VA pts, days/arm (S = standard, T = test chemo, + = censored):\n" + toks_ + "\n\n"
        "hazard ratio test vs standard (standard = reference) from a cox model, with 95% CI and p"
    )
    b.cox_item(
        SET,
        prompt,
        t,
        e,
        test,
        "single binary covariate, Efron; HR test vs standard",
        "survival::veteran large cell",
        "time/group tokens with + censoring",
    )


# ================================================================ tables


@item
def chisq_survey_smoke_sex() -> None:
    d = r_frame("MASS::survey[, c('Sex', 'Smoke')]")
    levels = ["Heavy", "Never", "Occas", "Regul"]
    tab = [[int(((d.Smoke == s) & (d.Sex == x)).sum()) for x in ("Female", "Male")] for s in levels]
    lines = ["> table(survey$Smoke, survey$Sex)", "       ", "        Female Male"]
    lines += [f"  {s:<6} {f:>6} {m:>4}" for s, (f, m) in zip(levels, tab, strict=True)]
    prompt = (
        "\n".join(lines) + "\n\n(237 Adelaide students, 1999 survey; NAs dropped by table()). "
        "Pearson chi-square smoking x sex, df and p?"
    )
    b.chisq_item(
        SET, prompt, tab, False, "r x c (4x2) Pearson chi-square", "MASS::survey Smoke x Sex", "r table() print"
    )


@item
def chisq_birthwt_race_low() -> None:
    d = r_frame("MASS::birthwt[, c('race', 'low')]")
    tab = [[int(((d.race == r) & (d.low == lo)).sum()) for lo in (1, 0)] for r in (1, 2, 3)]
    prompt = (
        "Baystate birthweight data (Hosmer & Lemeshow, n = 189)\n"
        f"white mothers: {tab[0][0]} low-birth-weight babies out of {sum(tab[0])}\n"
        f"black mothers: {tab[1][0]} out of {sum(tab[1])}\n"
        f"other: {tab[2][0]} out of {sum(tab[2])}\n"
        "chi-square test of LBW by race (3x2)"
    )
    b.chisq_item(
        SET, prompt, tab, False, "r x c (3x2) Pearson chi-square", "MASS::birthwt race x low", "x out of n lines"
    )


@item
def chisq_shuttle_stability_use_yates() -> None:
    d = r_frame("MASS::shuttle[, c('stability', 'use')]")
    tab = [[int(((d.stability == s) & (d.use == u)).sum()) for u in ("auto", "noauto")] for s in ("stab", "xstab")]
    prompt = (
        "space shuttle autolander decisions (MASS::shuttle, 256 conditions)\n"
        "stability | auto | noauto\nstab | " + f"{tab[0][0]} | {tab[0][1]}\nxstab | {tab[1][0]} | {tab[1][1]}\n"
        "2x2 chi-sq with Yates' continuity correction"
    )
    b.chisq_item(
        SET,
        prompt,
        tab,
        True,
        "2x2 with Yates continuity correction",
        "MASS::shuttle stability x use",
        "pipe rows without markdown rule",
    )


@item
def chisq_cars93_drivetrain_origin() -> None:
    d = r_frame("MASS::Cars93[, c('DriveTrain', 'Origin')]")
    lv = ["4WD", "Front", "Rear"]
    tab = [[int(((d.DriveTrain == v) & (d.Origin == o)).sum()) for o in ("USA", "non-USA")] for v in lv]
    prompt = (
        "Cars93 drivetrain by origin\n\n|        | USA | non-USA |\n|--------|-----|---------|\n"
        + "\n".join(f"| {v} | {a} | {c} |" for v, (a, c) in zip(lv, tab, strict=True))
        + "\n\nchisq.test on this, I know R warns about small expected counts, just want X2, df, p"
    )
    b.chisq_item(
        SET, prompt, tab, False, "r x c (3x2) Pearson chi-square", "MASS::Cars93 DriveTrain x Origin", "markdown 3x2"
    )


def fisher_r(a: int, bb: int, c: int, dd: int) -> str:
    return (
        f"f <- fisher.test({b.two_by_two(a, bb, c, dd)})\n"
        "emit(p = f$p.value, or = f$estimate, ci_low = f$conf.int[1], ci_high = f$conf.int[2])"
    )


@item
def fisher_ovarian_rx() -> None:
    d = r_frame("survival::ovarian[, c('rx', 'fustat')]")
    a, bb = int(((d.rx == 2) & (d.fustat == 1)).sum()), int(((d.rx == 2) & (d.fustat == 0)).sum())
    c, dd = int(((d.rx == 1) & (d.fustat == 1)).sum()), int(((d.rx == 1) & (d.fustat == 0)).sum())
    prompt = (
        f"ovarian ca trial (n=26): cyclophosphamide+adriamycin arm {a} deaths / {a + bb}, cyclophosphamide alone "
        f"{c} / {c + dd}.\nfisher's exact test two-sided, odds ratio of death combination vs alone + CI"
    )
    answer(
        prompt,
        "fisher_exact",
        "2x2 two-sided; OR combination vs alone",
        fisher_r(a, bb, c, dd),
        b.fisher_check(a, bb, c, dd),
        "survival::ovarian rx x fustat",
        "x / n in prose",
        check_tol=b.FISHER_TOL,
    )


@item
def fisher_mtcars_cyl8_am() -> None:
    d = r_frame("mtcars[, c('cyl', 'am')]")
    a, bb = int(((d.cyl == 8) & (d.am == 1)).sum()), int(((d.cyl == 8) & (d.am == 0)).sum())
    c, dd = int(((d.cyl != 8) & (d.am == 1)).sum()), int(((d.cyl != 8) & (d.am == 0)).sum())
    prompt = (
        "mtcars (1974 Motor Trend): \n            manual  automatic\nV8             "
        f"{a}         {bb}\n4 or 6 cyl    {c}          {dd}\n"
        "fisher exact please (two sided) with the conditional OR (odds of a manual box, V8 vs not)"
    )
    answer(
        prompt,
        "fisher_exact",
        "2x2 two-sided; OR of manual, V8 vs 4/6 cylinders",
        fisher_r(a, bb, c, dd),
        b.fisher_check(a, bb, c, dd),
        "datasets::mtcars cyl 8 x am",
        "aligned 2x2 with a year in the text",
        check_tol=b.FISHER_TOL,
    )


@item
def fisher_birthwt_race2_ui() -> None:
    d = r_frame("MASS::birthwt[MASS::birthwt$race == 2, c('ui', 'low')]")
    a, bb = int(((d.ui == 1) & (d.low == 1)).sum()), int(((d.ui == 1) & (d.low == 0)).sum())
    c, dd = int(((d.ui == 0) & (d.low == 1)).sum()), int(((d.ui == 0) & (d.low == 0)).sum())
    prompt = (
        "black mothers in birthwt (26). uterine irritability: yes -> "
        f"{a} LBW, {bb} normal; no -> {c} LBW, {dd} normal.\n"
        "tiny cells, so Fisher exact (2-sided); OR ui yes vs no and its CI"
    )
    answer(
        prompt,
        "fisher_exact",
        "2x2 two-sided; OR ui yes vs no",
        fisher_r(a, bb, c, dd),
        b.fisher_check(a, bb, c, dd),
        "MASS::birthwt race 2, ui x low",
        "counts in words",
        check_tol=b.FISHER_TOL,
    )


@item
def mcnemar_retinopathy_adult() -> None:
    d = r_frame("survival::retinopathy[survival::retinopathy$type == 'adult', ]")
    tr = d[d.trt == 1].set_index("id").status
    un = d[d.trt == 0].set_index("id").status
    both = tr.index.intersection(un.index)
    tr, un = tr.loc[both], un.loc[both]
    tab = [
        [int(((tr == 1) & (un == 1)).sum()), int(((tr == 1) & (un == 0)).sum())],
        [int(((tr == 0) & (un == 1)).sum()), int(((tr == 0) & (un == 0)).sum())],
    ]
    prompt = (
        "Diabetic Retinopathy Study, adult-onset diabetics; each patient had one eye lasered, the other not.\n"
        f"vision loss in both eyes: {tab[0][0]}; only the treated eye: {tab[0][1]}; only the untreated eye: "
        f"{tab[1][0]}; neither: {tab[1][1]}\nmcnemar with continuity correction — X2 and df (p is tiny)"
    )
    r = f"x <- mcnemar.test({b.r_matrix(tab)})\nemit(chisq = x$statistic, df = x$parameter)"
    res = mcnemar(np.array(tab), exact=False, correction=True)
    answer(
        prompt,
        "mcnemar",
        "chi-square with continuity correction",
        r,
        {"chisq": float(res.statistic), "df": 1.0},
        "survival::retinopathy adult onset, treated vs untreated eye",
        "paired counts in words",
    )


@item
def mcnemar_traffic_busy_days() -> None:
    d = r_frame("MASS::Traffic")
    a = d.y[d.year == 1961].to_numpy() >= 20
    c = d.y[d.year == 1962].to_numpy() >= 20
    tab = [[int((a & c).sum()), int((a & ~c).sum())], [int((~a & c).sum()), int((~a & ~c).sum())]]
    prompt = (
        "days with 20+ accidents, same calendar day in 1961 vs 1962 (92 days, MASS::Traffic):\n"
        "                1962 >=20   1962 <20\n"
        f"1961 >=20        {tab[0][0]:>4}       {tab[0][1]:>4}\n1961 <20         {tab[1][0]:>4}       {tab[1][1]:>4}\n"
        "McNemar, no continuity correction (correct = FALSE)"
    )
    r = f"x <- mcnemar.test({b.r_matrix(tab)}, correct = FALSE)\n"
    r += "emit(chisq = x$statistic, df = x$parameter, p = x$p.value)"
    res = mcnemar(np.array(tab), exact=False, correction=False)
    answer(
        prompt,
        "mcnemar",
        "chi-square without continuity correction",
        r,
        {"chisq": float(res.statistic), "df": 1.0, "p": float(res.pvalue)},
        "MASS::Traffic days >= 20 accidents, 1961 vs 1962",
        "aligned paired 2x2",
    )


@item
def or_infert_spontaneous() -> None:
    d = r_frame("infert[, c('spontaneous', 'case')]")
    sp = d.spontaneous > 0
    a, bb = int((sp & (d.case == 1)).sum()), int((sp & (d.case == 0)).sum())
    c, dd = int((~sp & (d.case == 1)).sum()), int((~sp & (d.case == 0)).sum())
    prompt = (
        "infertility case-control study (Trichopoulos 1976, 248 women)\n"
        f"prior spontaneous abortion: cases {a}, controls {bb}\nnone: cases {c}, controls {dd}\n"
        "crude odds ratio (prior spontaneous vs none), Woolf 95% CI. ignoring the matching for now"
    )
    r, check = b.woolf_level(a, bb, c, dd, 0.95)
    answer(
        prompt,
        "odds_ratio",
        "OR prior spontaneous vs none, Woolf log 95% CI",
        r,
        check,
        "datasets::infert spontaneous > 0 x case",
        "labelled counts with study year",
    )


@item
def or_colon_node4_99() -> None:
    d = r_frame("survival::colon[survival::colon$etype == 2, c('node4', 'status')]")
    a, bb = int(((d.node4 == 1) & (d.status == 1)).sum()), int(((d.node4 == 1) & (d.status == 0)).sum())
    c, dd = int(((d.node4 == 0) & (d.status == 1)).sum()), int(((d.node4 == 0) & (d.status == 0)).sum())
    prompt = (
        '"nodes","died","alive"\n'
        f'">4 positive",{a},{bb}\n"0-4 positive",{c},{dd}\n\n'
        "colon cancer adjuvant trial, death records. OR of death for >4 vs 0-4 positive nodes, log-scale 99% CI"
    )
    r, check = b.woolf_level(a, bb, c, dd, 0.99)
    answer(
        prompt,
        "odds_ratio",
        "OR >4 vs 0-4 nodes, Woolf log 99% CI",
        r,
        check,
        "survival::colon death records, node4 x status",
        "csv quoted, range labels",
    )


@item
def rr_colon_recurrence() -> None:
    d = r_frame("survival::colon[survival::colon$etype == 1, c('rx', 'status')]")
    a, n1 = int(((d.rx == "Lev+5FU") & (d.status == 1)).sum()), int((d.rx == "Lev+5FU").sum())
    c, n2 = int(((d.rx == "Obs") & (d.status == 1)).sum()), int((d.rx == "Obs").sum())
    prompt = (
        f"Moertel et al. colon trial: recurrence in {a} of {n1} on levamisole+5-FU and {c} of {n2} under observation."
        " risk ratio Lev+5FU vs observation (reference), 95% CI on the log scale"
    )
    answer(
        prompt,
        "relative_risk",
        "RR Lev+5FU vs Obs (reference), Katz log 95% CI",
        b.rr_r(a, n1, c, n2),
        b.rr_check(a, n1, c, n2),
        "survival::colon recurrence records, Lev+5FU vs Obs",
        "a of n in prose",
    )


@item
def rr_veteran_prior_180() -> None:
    d = r_frame(f"{VET}[, c('time', 'status', 'prior')]")
    dead = (d.time <= 180) & (d.status == 1)
    a, n1 = int((dead & (d.prior == 10)).sum()), int((d.prior == 10).sum())
    c, n2 = int((dead & (d.prior == 0)).sum()), int((d.prior == 0).sum())
    prompt = (
        "VA lung: deaths by day 180\nprior therapy (prior=10)   " + f"{a}/{n1}\nno prior therapy (prior=0) {c}/{n2}\n"
        "RR prior vs none + 95% CI"
    )
    answer(
        prompt,
        "relative_risk",
        "RR prior therapy vs none, Katz log 95% CI",
        b.rr_r(a, n1, c, n2),
        b.rr_check(a, n1, c, n2),
        "survival::veteran death by day 180, prior therapy",
        "x/n lines with coded labels",
    )


@item
def rd_colon_death_lev() -> None:
    d = r_frame("survival::colon[survival::colon$etype == 2, c('rx', 'status')]")
    a, n1 = int(((d.rx == "Lev") & (d.status == 1)).sum()), int((d.rx == "Lev").sum())
    c, n2 = int(((d.rx == "Obs") & (d.status == 1)).sum()), int((d.rx == "Obs").sum())
    prompt = (
        f"deaths: levamisole alone {a}/{n1} ({100 * a / n1:.1f}%), observation {c}/{n2} ({100 * c / n2:.1f}%). "
        "absolute risk difference Lev minus Obs with Wald 95% CI"
    )
    answer(
        prompt,
        "risk_difference",
        "Wald CI, Lev minus Obs",
        b.rd_r(a, n1, c, n2),
        b.rd_check(a, n1, c, n2),
        "survival::colon death records, Lev vs Obs",
        "x/n with percentages",
    )


@item
def rd_shuttle_auto() -> None:
    d = r_frame("MASS::shuttle[, c('stability', 'use')]")
    a, n1 = int(((d.stability == "stab") & (d.use == "auto")).sum()), int((d.stability == "stab").sum())
    c, n2 = int(((d.stability == "xstab") & (d.use == "auto")).sum()), int((d.stability == "xstab").sum())
    prompt = (
        f"autolander recommended in {a} of {n1} stable conditions vs {c} of {n2} unstable ones. "
        "risk difference stable minus unstable, wald CI"
    )
    answer(
        prompt,
        "risk_difference",
        "Wald CI, stable minus unstable",
        b.rd_r(a, n1, c, n2),
        b.rd_check(a, n1, c, n2),
        "MASS::shuttle use x stability",
        "a of n in prose",
    )


# ================================================================ multiplicity and design


@item
def padjust_toothgrowth_bonferroni() -> None:
    labels = ["d05", "d1", "d2"]
    code = "\n".join(
        f"emit({lab} = t.test(len ~ supp, data = ToothGrowth[ToothGrowth$dose == {v}, ])$p.value)"
        for lab, v in zip(labels, ("0.5", "1", "2"), strict=True)
    )
    raw = b.raw_pvalues(code)
    pvals = [raw[v] for v in labels]
    prompt = (
        "OJ vs VC Welch tests within each dose (ToothGrowth):\n"
        f"0.5 mg/day  p = {pvals[0]}\n1 mg/day    p = {pvals[1]}\n2 mg/day    p = {pvals[2]}\n"
        "bonferroni-adjusted p values?"
    )
    b.padj_item(
        SET, prompt, labels, pvals, "bonferroni", "datasets::ToothGrowth Welch p-values by dose", "aligned labelled p"
    )


@item
def padjust_airquality_holm() -> None:
    labels = ["Ozone", "Solar_R", "Wind", "Temp"]
    cols = ["Ozone", "Solar.R", "Wind", "Temp"]
    code = "\n".join(
        f"emit({lab} = kruskal.test({c} ~ Month, data = airquality[airquality$Month %in% c(7, 8), ])$p.value)"
        for lab, c in zip(labels, cols, strict=True)
    )
    raw = b.raw_pvalues(code)
    pvals = [raw[v] for v in labels]
    prompt = (
        "> sapply(c('Ozone','Solar.R','Wind','Temp'), function(v) kruskal.test(aq78[[v]] ~ aq78$Month)$p.value)\n"
        + b.named_print(cols, pvals, 8, "  ")
        + "\n\nJuly vs Aug 1973. Holm adjust those 4"
    )
    b.padj_item(
        SET,
        prompt,
        labels,
        pvals,
        "holm",
        "datasets::airquality July vs August Kruskal p-values",
        "r named vector print",
    )


@item
def padjust_mtcars_bh() -> None:
    labels = ["drat", "qsec", "gear", "carb", "am"]
    code = "\n".join(f"emit({v} = cor.test(mtcars$mpg[1:16], mtcars${v}[1:16])$p.value)" for v in labels)
    raw = b.raw_pvalues(code)
    pvals = [raw[v] for v in labels]
    prompt = (
        "correlations of mpg with 5 other columns, first 16 cars of mtcars. raw p:\n"
        + ", ".join(f"{v} {p}" for v, p in zip(labels, pvals, strict=True))
        + "\nBenjamini-Hochberg (fdr) adjusted please"
    )
    b.padj_item(SET, prompt, labels, pvals, "BH", "datasets::mtcars rows 1-16 cor.test p-values", "name p pairs inline")


@item
def sample_size_t_co2() -> None:
    prompt = (
        "planning a grass CO2 uptake study. between-plant SD ~ 9.5 umol/m2/s (from R's CO2 data at 1000 mL/L). "
        "want to detect a difference of 8 between two cultivars, alpha 0.05 two-sided — n per group for 80%, 85% and "
        "90% power?"
    )
    b.sample_size_t_item(
        SET,
        prompt,
        "8",
        "9.5",
        [0.8, 0.85, 0.9],
        "two-sample, two-sided; three powers",
        "datasets::CO2 SD (rounded)",
        "design prose",
    )


@item
def power_t_toothgrowth_alpha01() -> None:
    prompt = (
        "tooth length SD about 4.5 um within a dose group. if OJ beats VC by 4 um and we have 12 guinea pigs per "
        "arm, what's the power at alpha = 0.01 (two-sided, 2-sample t)? and with 20 per arm?"
    )
    r = (
        "a <- power.t.test(n = 12, delta = 4, sd = 4.5, sig.level = 0.01)$power\n"
        "c0 <- power.t.test(n = 20, delta = 4, sd = 4.5, sig.level = 0.01)$power\nemit(power_n12 = a, power_n20 = c0)"
    )
    check = {"power_n12": b.power_t_py(12, 4, 4.5, 0.01), "power_n20": b.power_t_py(20, 4, 4.5, 0.01)}
    answer(
        prompt,
        "power_t",
        "two-sample, two-sided, alpha 0.01",
        r,
        check,
        "datasets::ToothGrowth SD (rounded)",
        "design prose with animal counts",
    )


@item
def sample_size_prop_colon() -> None:
    prompt = (
        "recurrence ~56% under observation vs ~39% with Lev+5FU in the colon trial. For a confirmatory trial: "
        "n per arm, 90% power, two-sided alpha 0.05 (power.prop.test)? also at alpha 0.01"
    )
    r = (
        "a <- power.prop.test(p1 = 0.56, p2 = 0.39, power = 0.9)$n\n"
        "c0 <- power.prop.test(p1 = 0.56, p2 = 0.39, power = 0.9, sig.level = 0.01)$n\n"
        "emit(n_per_group_alpha05 = ceiling(a), n_per_group_alpha01 = ceiling(c0))"
    )
    check = {
        "n_per_group_alpha05": float(math.ceil(b.n_prop_py(0.56, 0.39, 0.9))),
        "n_per_group_alpha01": float(math.ceil(b.n_prop_py(0.56, 0.39, 0.9, alpha=0.01))),
    }
    answer(
        prompt,
        "sample_size_proportions",
        "two-sided, no continuity correction; alpha 0.05 and 0.01",
        r,
        check,
        "survival::colon recurrence proportions (rounded)",
        "design question in percentages",
    )


@item
def power_prop_veteran() -> None:
    prompt = (
        "6-month mortality 72% vs hoped-for 55%. with 60 per arm, and with 100 per arm — power? two sided .05\n"
        "> power.prop.test(n = 60, p1 = .72, p2 = .55)"
    )
    r = (
        "a <- power.prop.test(n = 60, p1 = 0.72, p2 = 0.55)$power\n"
        "c0 <- power.prop.test(n = 100, p1 = 0.72, p2 = 0.55)$power\nemit(power_n60 = a, power_n100 = c0)"
    )
    check = {"power_n60": b.power_prop_py(60, 0.72, 0.55), "power_n100": b.power_prop_py(100, 0.72, 0.55)}
    answer(
        prompt,
        "power_proportions",
        "two-sided",
        r,
        check,
        "survival::veteran 6-month mortality (rounded)",
        "prose plus a partial r call",
    )


# ================================================================ more forms: decimal commas, a results paragraph


@item
def welch_quakes_mag_depth_decimal_comma() -> None:
    d = r_frame("quakes[501:530, ]")
    mag = dec1(d.mag)
    shallow = [m for m, x in zip(mag, d.depth, strict=True) if x < 300]
    deep = [m for m, x in zip(mag, d.depth, strict=True) if x >= 300]
    rows = ['"depth_km";"klasse";"mag"'] + [
        f"{x};{'flach' if float(x) < 300 else 'tief'};{b.dcomma(m)}" for x, m in zip(toks(d.depth), mag, strict=True)
    ]
    prompt = (
        "Export aus LibreOffice (quakes Zeilen 501-530), Trennzeichen Semikolon, Dezimalkomma:\n"
        + "\n".join(rows)
        + "\n\nklasse: flach = depth < 300 km, tief = >= 300 km. Welch t-test der Magnitude flach minus tief, "
        "zweiseitig, 95%-KI bitte"
    )
    answer(
        prompt,
        "welch_t",
        "two-sided; shallow (< 300 km) minus deep",
        ttest_r(rv(shallow), rv(deep)),
        ttest_check(stats.ttest_ind(fl(shallow), fl(deep), equal_var=False)),
        "datasets::quakes rows 501-530, mag by depth < 300",
        "semicolon export with decimal commas and a group column",
    )


@item
def chisq_colon_results_paragraph() -> None:
    d = r_frame("survival::colon[survival::colon$etype == 2, c('rx', 'status')]")
    obs_d, obs_n = int(((d.rx == "Obs") & (d.status == 1)).sum()), int((d.rx == "Obs").sum())
    lf_d, lf_n = int(((d.rx == "Lev+5FU") & (d.status == 1)).sum()), int((d.rx == "Lev+5FU").sum())
    prompt = (
        "from our draft (protocol approved by IRB #2019-0457 on 12 March 2019; data lock 2021-06-30):\n"
        f'"Of the {obs_n} patients randomised to observation, {obs_d} died during follow-up, compared with {lf_d} '
        f'of the {lf_n} patients who received levamisole plus fluorouracil (median age 61 years)."\n'
        "reviewer 2 wants a chi-square test on deaths by arm, no continuity correction. X2, df, p?"
    )
    tab = [[obs_d, obs_n - obs_d], [lf_d, lf_n - lf_d]]
    b.chisq_item(
        SET,
        prompt,
        tab,
        False,
        "2x2 without continuity correction",
        "survival::colon death records, Obs vs Lev+5FU",
        "results paragraph with IRB number, dates and an age",
    )


# ================================================================ must-decline


@item
def declines_analyses() -> None:
    tg = r_frame("ToothGrowth")
    decline(
        "len,supp,dose\n"
        + "\n".join(f"{x},{s},{d}" for x, s, d in zip(dec1(tg.len), tg.supp, toks(tg.dose), strict=True))
        + "\n\ntwo-way ANOVA len ~ supp * dose (dose as factor) incl. the interaction F test",
        "two_way_anova",
        "a two-factor ANOVA with interaction is not a supported analysis",
        ["two-way", "interaction", "factor"],
        "datasets::ToothGrowth",
        "csv long",
    )
    decline(
        "ChickWeight: lmer(weight ~ Time * Diet + (1 + Time | Chick)) — can you give me the fixed effects with CIs? "
        "it's the built-in data set, 578 rows",
        "mixed_model",
        "a linear mixed model is not supported",
        ["mixed", "random", "lme"],
        "datasets::ChickWeight",
        "r formula in prose",
    )
    bw = r_frame("MASS::birthwt[seq(1, 189, 6), c('lwt', 'low')]")
    decline(
        "mother's weight at last period (lb) and low birth weight (1 = <2500 g), every 6th row of birthwt\nlwt: "
        + " ".join(toks(bw.lwt))
        + "\nlow: "
        + " ".join(toks(bw.low))
        + "\nROC for lwt as a predictor of low, AUC + 95% CI (DeLong)",
        "roc_auc",
        "ROC/AUC analysis is not a supported analysis",
        ["roc", "auc", "curve"],
        "MASS::birthwt every 6th row",
        "labelled space lists",
    )
    sv = r_frame("MASS::survey[1:20, c('Wr.Hnd', 'NW.Hnd')]")
    decline(
        "span of writing hand vs non-writing hand (cm), first 20 students\n"
        + "\n".join(f"{x}\t{y}" for x, y in zip(dec1(sv.Wr_Hnd), dec1(sv.NW_Hnd), strict=True))
        + "\n\nBland Altman please: mean difference and 95% limits of agreement",
        "bland_altman",
        "Bland-Altman agreement analysis is not a supported analysis",
        ["bland", "agreement", "limits"],
        "MASS::survey rows 1-20, hand spans",
        "tsv without header",
    )
    decline(
        "same 20 students as above (writing vs non-writing hand span) — what's the ICC(3,1), two-way mixed, "
        "consistency? numbers: " + ", ".join(f"{x}/{y}" for x, y in zip(dec1(sv.Wr_Hnd), dec1(sv.NW_Hnd), strict=True)),
        "icc",
        "the intraclass correlation coefficient is not a supported analysis",
        ["icc", "intraclass", "reliability"],
        "MASS::survey rows 1-20, hand spans",
        "x/y tokens",
    )
    decline(
        "retinopathy data: two eyes per patient, so the outcomes are correlated. GEE logistic model status ~ trt "
        "with exchangeable working correlation, clustered on id — robust SEs please",
        "gee",
        "generalised estimating equations are not a supported analysis",
        ["gee", "cluster", "correlat"],
        "survival::retinopathy",
        "prose",
    )
    sh = r_frame("MASS::ships[MASS::ships$service > 0, ]")
    decline(
        "type year period service incidents\n"
        + "\n".join(
            f"{t} {y} {p} {s} {i}"
            for t, y, p, s, i in zip(
                sh.type, toks(sh.year), toks(sh.period), toks(sh.service), toks(sh.incidents), strict=True
            )
        )
        + "\n\npoisson regression of incidents on ship type with log(service) as offset, rate ratios vs type A",
        "poisson_regression",
        "Poisson regression is not a supported analysis",
        ["poisson", "rate", "offset"],
        "MASS::ships, service > 0",
        "space columns",
    )
    st = r_frame("stackloss")
    decline(
        "Air.Flow Water.Temp Acid.Conc. stack.loss\n"
        + "\n".join(
            f"{a} {w} {c} {s}"
            for a, w, c, s in zip(
                toks(st.Air_Flow), toks(st.Water_Temp), toks(st.Acid_Conc_), toks(st.stack_loss), strict=True
            )
        )
        + "\n\nmultiple regression stack.loss ~ Air.Flow + Water.Temp + Acid.Conc., all three coefficients",
        "multiple_regression",
        "a regression on several predictors is outside the simple linear regression",
        ["multiple", "multivariable", "predictors"],
        "datasets::stackloss",
        "space columns with header",
    )
    an = r_frame("MASS::anorexia[MASS::anorexia$Treat != 'Cont', ]")
    decline(
        "Treat,Prewt,Postwt\n"
        + "\n".join(f"{t},{x},{y}" for t, x, y in zip(an.Treat, dec1(an.Prewt), dec1(an.Postwt), strict=True))
        + "\n\nANCOVA: Postwt ~ Treat adjusting for Prewt, CBT vs FT adjusted difference",
        "ancova",
        "an analysis of covariance (adjusted comparison) is not supported",
        ["ancova", "covariate", "adjust"],
        "MASS::anorexia CBT and FT",
        "csv long",
    )
    decline(
        "VA lung trial, coxph(Surv(time, status) ~ trt + karno + celltype + age) — adjusted HR for trt?",
        "cox_multivariable",
        "a Cox model with several covariates is outside the single-covariate Cox",
        ["multivariable", "adjusted", "covariates"],
        "survival::veteran",
        "r call in prose",
    )
    b30 = r_frame("MASS::birthwt[seq(2, 189, 7), c('low', 'age', 'lwt', 'smoke')]")
    decline(
        "low age lwt smoke\n"
        + "\n".join(
            f"{a} {g} {w} {s}"
            for a, g, w, s in zip(toks(b30.low), toks(b30.age), toks(b30.lwt), toks(b30.smoke), strict=True)
        )
        + "\nlogistic regression low ~ age + lwt + smoke, adjusted OR for smoking",
        "multivariable_logistic",
        "a logistic model with several predictors is outside the simple logistic regression",
        ["multivariable", "adjusted", "predictors"],
        "MASS::birthwt every 7th row from 2",
        "space columns",
    )


@item
def declines_data() -> None:
    tg = r_frame("ToothGrowth")
    kf = r_frame("survival::kidney[duplicated(survival::kidney$id) & survival::kidney$sex == 2, ]")
    decline(
        "women only, second catheter: " + b.plus(toks(kf.time), toks(kf.status)) + "\nlog-rank test on these please",
        "log_rank",
        "only one group of survival times is given; a log-rank test needs at least two groups",
        ["one group", "two groups", "second group"],
        "survival::kidney second catheter, women",
        "plus censoring list",
    )
    d = r_frame("MASS::survey[, c('Sex', 'Smoke')]")
    levels = ["Heavy", "Never", "Occas", "Regul"]
    tab = [[int(((d.Smoke == s) & (d.Sex == x)).sum()) for x in ("Female", "Male")] for s in levels]
    lines = ["smoke   | F   | M   | total", "--------+-----+-----+------"]
    for s, (f, m) in zip(levels, tab, strict=True):
        tot = f + m + (10 if s == "Never" else 0)
        lines.append(f"{s:<7} | {f:>3} | {m:>3} | {tot:>4}")
    decline(
        "\n".join(lines) + "\n\nchi-square smoking by sex",
        "chi_square",
        f"the Never row adds up to {sum(tab[1])}, not the {sum(tab[1]) + 10} given as its total",
        ["total", "add up", "inconsistent"],
        "MASS::survey Smoke x Sex (Never total altered)",
        "ascii table with a contradicting total",
    )
    co = r_frame("CO2[CO2$conc %in% c(350, 675), ]")
    a350 = [f"{v:.1f}" for v in co.uptake[co.conc == 350]]
    a675 = [f"{v:.1f}" for v in co.uptake[co.conc == 675]][:10]
    decline(
        "paired t-test uptake 675 vs 350 (same plants)\n350: " + " ".join(a350) + "\n675: " + " ".join(a675),
        "paired_t",
        "the lists have 12 and 10 values; a paired test needs one pair per plant",
        ["pair", "unequal", "same length"],
        "datasets::CO2 conc 350 and 675 (675 list truncated)",
        "labelled space lists",
    )
    decline(
        "can you run a Welch t-test of birth weight (bwt) smokers vs non-smokers in MASS::birthwt and give me "
        "t, df, p? thx",
        "welch_t",
        "the data set is named but its values are not in the message",
        ["paste", "not pasted", "no data"],
        "MASS::birthwt (not pasted)",
        "prose",
    )
    my = r_frame("survival::myeloma[1:30, c('id', 'futime', 'death')]")
    rows = ["id,futime,death"] + [
        f"{i},{t},{e}" for i, t, e in zip(toks(my.id), toks(my.futime), toks(my.death), strict=True)
    ]
    decline(
        "KM median OS for these myeloma pts pls\n" + "\n".join(rows[:24]) + "\n24,15",
        "kaplan_meier",
        "the data stop in the middle of a row, so the message was cut off",
        ["incomplete", "cut off", "truncated"],
        "survival::myeloma rows 1-23 and a partial row",
        "csv ending mid-row",
    )
    oj = dec1(tg.len[(tg.supp == "OJ") & (tg.dose == 0.5)])
    vc = dec1(tg.len[(tg.supp == "VC") & (tg.dose == 0.5)])
    decline(
        "ToothGrowth dose 0.5\nOJ (n=10): " + ", ".join(oj[:9]) + "\nVC (n=10): " + ", ".join(vc) + "\n"
        "student t test OJ minus VC",
        "student_t",
        "the OJ group is said to have 10 animals but 9 values are listed",
        ["size", "values", "count"],
        "datasets::ToothGrowth dose 0.5 (one OJ value dropped)",
        "labelled comma lists with n",
    )
    means = [f"{tg.len[(tg.supp == s) & (tg.dose == x)].mean():.2f}" for s in ("OJ", "VC") for x in (0.5, 2)]
    decline(
        "mean tooth length (um)\n      dose 0.5  dose 2\nOJ    "
        f"{means[0]}     {means[1]}\nVC    {means[2]}      {means[3]}\n"
        "chi-square test on this 2x2 please",
        "chi_square",
        "the cells are mean lengths, not counts; a chi-square test needs counts",
        ["count", "mean", "frequenc"],
        "datasets::ToothGrowth cell means",
        "aligned 2x2 of means",
    )


@item
def declines_more_analyses() -> None:
    tg = r_frame("ToothGrowth")
    decline(
        "are the variances of len equal across the three doses in ToothGrowth (VC only)? Levene's test "
        "(center = median, i.e. Brown-Forsythe) please:\n0.5: "
        + " ".join(dec1(tg.len[(tg.supp == "VC") & (tg.dose == 0.5)]))
        + "\n1: "
        + " ".join(dec1(tg.len[(tg.supp == "VC") & (tg.dose == 1)]))
        + "\n2: "
        + " ".join(dec1(tg.len[(tg.supp == "VC") & (tg.dose == 2)])),
        "levene",
        "Levene's test for equal variances is not a supported analysis",
        ["levene", "variance", "homogeneity"],
        "datasets::ToothGrowth VC",
        "labelled space lists",
    )
    decline(
        "two pathologists graded the same 120 biopsies (low/high):\n            B low  B high\nA low        41      9\n"
        "A high       12     58\nCohen's kappa with 95% CI?",
        "cohen_kappa",
        "Cohen's kappa is not a supported analysis",
        ["kappa", "agreement"],
        "illustrative rater-agreement counts",
        "aligned 2x2",
    )
    cw = r_frame("ChickWeight[ChickWeight$Chick %in% 1:8 & ChickWeight$Time %in% c(0, 2, 4, 6), ]")
    rows = ["chick t0 t2 t4 t6"] + [
        f"{c} " + " ".join(toks(cw.weight[cw.Chick == c])) for c in sorted(set(int(x) for x in cw.Chick))
    ]
    decline(
        "\n".join(rows) + "\nrepeated-measures ANOVA over time (within-subject), with Greenhouse-Geisser",
        "repeated_measures_anova",
        "a repeated-measures ANOVA is not a supported analysis",
        ["repeated", "within", "sphericity"],
        "datasets::ChickWeight chicks 1-8, days 0-6",
        "space columns",
    )
    decline(
        "veteran data, restricted mean survival time up to 365 days, test vs standard chemo — difference in RMST "
        "with CI",
        "rmst",
        "restricted mean survival time is not a supported analysis",
        ["restricted mean", "rmst"],
        "survival::veteran",
        "prose",
    )
    decline(
        "myeloma (survival pkg): survreg(Surv(futime, death) ~ year, dist = 'weibull') — acceleration factor per "
        "calendar year?",
        "parametric_survival",
        "a parametric (Weibull) survival model is not a supported analysis",
        ["weibull", "parametric", "aft"],
        "survival::myeloma",
        "r call in prose",
    )
    plants = list(dict.fromkeys(r_frame("CO2").Plant))[:6]
    c3 = r_frame("CO2[CO2$conc %in% c(95, 350, 1000), ]")
    rows = ["plant 95 350 1000"] + [f"{p} " + " ".join(f"{v:.1f}" for v in c3.uptake[c3.Plant == p]) for p in plants]
    decline(
        "\n".join(rows) + "\nFriedman test, plants as blocks, concentration as treatment",
        "friedman",
        "the Friedman test over repeated measurements is not supported",
        ["friedman", "repeated", "block"],
        "datasets::CO2 Quebec plants, conc 95/350/1000",
        "space columns",
    )
    aq = r_frame("airquality[!is.na(airquality$Ozone) & airquality$Month %in% c(5, 6, 7), ]")
    decline(
        "ozone by month looks heteroscedastic:\n"
        + "\n".join(f"{m}: " + " ".join(toks(aq.Ozone[aq.Month == m])) for m in (5, 6, 7))
        + "\nso oneway.test(var.equal = FALSE) — Welch's ANOVA F, df, p",
        "welch_anova",
        "Welch's heteroscedastic one-way ANOVA is not among the recipes (only the classic F test is)",
        ["welch", "unequal variances", "oneway"],
        "datasets::airquality Ozone May-July",
        "labelled space lists",
    )


if __name__ == "__main__":
    SET.run()
