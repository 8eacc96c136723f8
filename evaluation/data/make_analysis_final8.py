"""Build the eighth fresh evaluation set for labbot's named analyses (``analysis_final8.jsonl``).

Written blind, like the fifth to seventh: the author read only the README's analyses section, the shared ``_build``
helpers and the seventh generator (for its structure), not how labbot parses a request.  Every answerable item pastes
real data the way researchers paste into Slack (R console prints, spreadsheet copies, CSV, markdown, prose with
counts, survival lists with ``+``, status columns in R's 1/2 coding) and names one supported analysis and its variant,
on data sets no earlier set uses (datasets::UKDriverDeaths, UKgas, lynx, beaver2, EuStockMarkets, randu, WWWusage,
islands; MASS::beav1, steam, waders; boot::gravity, poisons, cd4, darwin, melanoma, nodal, remission, urine,
channing, claridge, nuclear, salinity, hirose, catsM, frets, cane, amis, aircondit, breslow; survival::transplant).
Expected numbers come from R on exactly the number strings written into the prompt and are recomputed in Python, or
the build stops (see ``_build``).  Must-decline items ask for an analysis outside the supported list, paste data that
cannot support the analysis they name, or ask for a setting the named recipe cannot honour; ``reason_mentions`` lists
words of which the decline reason should contain one.

Paired analyses: R computes on the differences rounded to 10 decimals, as in the earlier sets.

Run ``.venv/bin/python evaluation/data/make_analysis_final8.py``; the output is byte-identical run to run.
``... make_analysis_final8.py NAME`` only builds the items whose builder name contains NAME and prints them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from evaluation.data import _build as b  # the R runner, formatting and checks every set generator shares

SET = b.ItemSet(Path(__file__).resolve().with_name("analysis_final8.jsonl"), "final8")
item, answer, decline = SET.item, SET.answer, SET.decline
fnum, toks, dec1, dec2, rv, fl, r_frame = b.fnum, b.toks, b.dec1, b.dec2, b.rv, b.fl, b.r_frame

MEL = "boot::melanoma"


def cox_answer(
    prompt: str,
    t: Sequence[str],
    e: Sequence[str],
    x: Sequence[str],
    variant: str,
    src: str,
    form: str,
    ties: str = "efron",
) -> None:
    """``_build.cox_item``, leaving p out of the expectation when it is below 1e-3."""
    times, events, covariate = fl(t), fl(e), fl(x)
    check = (
        b.breslow_cox_check(times, events, covariate)
        if ties == "breslow"
        else b.cox_check(times, events, covariate, tight=True)
    )
    r, check = b.drop_tiny_p(b.r_cox(t, e, x, ties=ties, tight=True), check)
    answer(prompt, "cox", variant, r, check, src, form)


def melanoma(rows: str = "") -> pd.DataFrame:
    """boot::melanoma with the event of interest (death from melanoma, status 1) as ``dead``."""
    d = r_frame(f"{MEL}{rows}")
    d["dead"] = (d.status == 1).astype(int)
    return d


# ================================================================ t-tests


@item
def welch_beaver2_active() -> None:
    d = r_frame("beaver2[seq(1, 100, 2), ]")
    temp = dec2(d.temp)
    rows = ["   day time  temp activ"] + [
        f"{i:<3}{dy:>3} {fnum(tm):>4} {t:>5} {a:>5}"
        for i, dy, tm, t, a in zip(range(1, 100, 2), d.day, d.time, temp, d.activ, strict=True)
    ]
    act, rest = b.split_by(temp, list(d.activ), 1), b.split_by(temp, list(d.activ), 0)
    prompt = (
        "> beaver2[seq(1, 100, 2), ]\n"
        + "\n".join(rows)
        + "\n\nbody temp of beaver #2 (every other 10-min reading). does temp differ when it's active outside the "
        "lodge (activ = 1) vs not? welch t pls, active minus inactive, 95% CI"
    )
    b.two_sample_t_item(
        SET,
        prompt,
        act,
        rest,
        False,
        "two-sided; active minus inactive",
        "datasets::beaver2 every other row, temp by activ",
        "r data.frame print with row numbers",
    )


@item
def welch_gravity_series_greater() -> None:
    d = r_frame("boot::gravity")
    g = toks(d.g)
    s7, s8 = b.split_by(g, list(d.series), 7), b.split_by(g, list(d.series), 8)
    prompt = (
        "NBS gravity determinations (g, in units of 980,000 + x 10^-3 cm/s^2), last two series of the 8 done "
        "in 1930s\nseries 7: "
        + " ".join(s7)
        + "\nseries 8: "
        + " ".join(s8)
        + "\n\nsuspect series 8 reads higher. one sided t-test, unequal variances (Welch), series 8 minus "
        "series 7, alternative greater"
    )
    b.two_sample_t_item(
        SET,
        prompt,
        s8,
        s7,
        False,
        "one-sided (greater); series 8 minus series 7",
        "boot::gravity series 7 and 8",
        "labelled space lists",
        alt="greater",
    )


@item
def student_ukdriver_1982_1984() -> None:
    y82, y84 = b.ts_year("UKDriverDeaths", 1982), b.ts_year("UKDriverDeaths", 1984)
    prompt = (
        "> window(UKDriverDeaths, 1982, c(1984, 12))\n"
        + b.ts_print({"1982": y82, "1983": b.ts_year("UKDriverDeaths", 1983), "1984": y84})
        + "\n\ncar drivers killed or seriously injured, GB. seat belts compulsory from 31 Jan 1983. skip 1983 "
        "(transition yr): Student's t (var.equal=TRUE) comparing 1984 vs 1982, 1984 minus 1982, 95% CI"
    )
    b.two_sample_t_item(
        SET,
        prompt,
        y84,
        y82,
        True,
        "pooled; 1984 minus 1982",
        "datasets::UKDriverDeaths 1982 and 1984",
        "r ts print with an unused year",
    )


@item
def student_melanoma_thickness_99() -> None:
    d = melanoma("[1:70, ]")
    th = dec2(d.thickness)
    lines = ['"time","status","sex","age","year","thickness","ulcer"'] + [
        f"{t},{s},{x},{a},{y},{k},{u}"
        for t, s, x, a, y, k, u in zip(
            toks(d.time), toks(d.status), toks(d.sex), toks(d.age), toks(d.year), th, toks(d.ulcer), strict=True
        )
    ]
    ulc, no = b.split_by(th, list(d.ulcer), 1), b.split_by(th, list(d.ulcer), 0)
    prompt = (
        "first 70 rows of the Odense melanoma file:\n"
        + "\n".join(lines)
        + "\n\ntumour thickness (mm) ulcerated (ulcer=1) vs not: classic pooled-variance t test, ulcerated "
        "minus non-ulcerated, with a 99% confidence interval"
    )
    b.two_sample_t_item(
        SET,
        prompt,
        ulc,
        no,
        True,
        "pooled, 99% CI; ulcerated minus not",
        "boot::melanoma rows 1-70, thickness by ulcer",
        "csv with quoted header and unused columns",
        level=0.99,
    )


@item
def paired_cd4_oneyear_baseline() -> None:
    d = r_frame("boot::cd4")
    base, one = dec2(d.baseline), dec2(d.oneyear)
    rows = ["   baseline oneyear"] + [f"{i:<3}{x:>8} {y:>7}" for i, x, y in zip(range(1, 21), base, one, strict=True)]
    prompt = (
        "> cd4\n"
        + "\n".join(rows)
        + "\n\nCD4 counts (x100) in 20 HIV+ pts at baseline and after a year of treatment. paired t, one year minus "
        "baseline, t df p and 95% CI. thx"
    )
    b.paired_t_item(SET, prompt, one, base, "two-sided; one year minus baseline", "boot::cd4", "r data.frame print")


@item
def paired_ukgas_q4_q1_90() -> None:
    q1, q4 = b.period_of("UKgas", 1, 1970, 1986, "dec1"), b.period_of("UKgas", 4, 1970, 1986, "dec1")
    q2, q3 = b.period_of("UKgas", 2, 1970, 1986, "dec1"), b.period_of("UKgas", 3, 1970, 1986, "dec1")
    rows = {str(1970 + i): [q1[i], q2[i], q3[i], q4[i]] for i in range(17)}
    prompt = (
        "> window(UKgas, 1970)\n"
        + b.ts_print(rows, ["Qtr1", "Qtr2", "Qtr3", "Qtr4"])
        + "\n\nUK gas consumption (million therms). paired t-test Qtr4 minus Qtr1 within year, 90% CI please"
    )
    b.paired_t_item(
        SET,
        prompt,
        q4,
        q1,
        "two-sided, 90% CI; Qtr4 minus Qtr1",
        "datasets::UKgas 1970-1986, Qtr4 and Qtr1",
        "r quarterly ts print",
        level=0.90,
    )


@item
def one_sample_darwin_greater() -> None:
    x = toks(r_frame("boot::darwin").y)
    prompt = (
        "Darwin's Zea mays: height difference (cross- minus self-fertilised, eighths of an inch) in 15 pots\n"
        "> darwin$y\n"
        + b.r_vector_print(x, 15)
        + "\n\none-sample t test that the mean difference is > 0 (one sided). t, df, p pls"
    )
    b.one_sample_t_item(
        SET, prompt, x, "0", "one-sided (greater); mu = 0", "boot::darwin", "r vector print", alt="greater"
    )


@item
def one_sample_beav1_37() -> None:
    x = dec2(r_frame("MASS::beav1[1:36, ]").temp)
    prompt = (
        "beaver 1, first 36 body temp readings (deg C, day 346 from 08:40)\n"
        + "\t".join(x[:18])
        + "\n"
        + "\t".join(x[18:])
        + "\n\none sample t-test against 37.0 deg C, 2-sided, with 95% CI"
    )
    b.one_sample_t_item(
        SET, prompt, x, "37.0", "two-sided; mu = 37", "MASS::beav1 rows 1-36 temp", "two tab-separated rows"
    )


# ================================================================ rank tests


@item
def mann_whitney_nuclear_pr_exact() -> None:
    d = r_frame("boot::nuclear")
    cost = dec2(d.cost)
    prior, first = b.split_by(cost, list(d.pr), 1), b.split_by(cost, list(d.pr), 0)
    if len(set(cost)) != len(cost):
        raise AssertionError("ties: the exact p would not apply")
    prompt = (
        "LWR capital costs ($M), plants built on a site that already had a reactor (pr = 1) vs new sites:\n"
        "pr=1: " + "  ".join(prior) + "\npr=0: " + "  ".join(first) + "\n\n"
        "mann-whitney U / wilcoxon rank-sum, pr=1 vs pr=0, exact p-value (no ties). W for the pr=1 group"
    )
    b.mw_item(
        SET,
        prompt,
        prior,
        first,
        True,
        False,
        "two-sided",
        "two-sided, exact; W for pr = 1",
        "boot::nuclear cost by pr",
        "labelled space lists",
    )


@item
def mann_whitney_melanoma_sex_greater() -> None:
    d = melanoma()
    th = dec2(d.thickness)
    men, women = b.split_by(th, list(d.sex), 1), b.split_by(th, list(d.sex), 0)
    prompt = (
        "melanoma thickness in mm, 205 pts (Odense 1962-77)\nmen (n="
        + str(len(men))
        + "): "
        + " ".join(men)
        + "\nwomen (n="
        + str(len(women))
        + "): "
        + " ".join(women)
        + "\n\nskewed, so mann-whitney. H1: men have thicker tumours (one-sided, greater). normal approx with "
        "continuity correction. W for men"
    )
    b.mw_item(
        SET,
        prompt,
        men,
        women,
        False,
        True,
        "greater",
        "one-sided (greater), normal approximation, continuity correction; W for men",
        "boot::melanoma thickness by sex",
        "labelled space lists with n",
    )


@item
def mann_whitney_lynx_nocorrect() -> None:
    d = r_frame("data.frame(x = as.numeric(lynx), y = as.numeric(time(lynx)))")
    early = toks(d.x[(d.y >= 1821) & (d.y <= 1850)])
    late = toks(d.x[(d.y >= 1901) & (d.y <= 1930)])
    prompt = (
        "Canadian lynx trappings (Mackenzie River), annual\n1821-1850:\n"
        + b.r_vector_print(early, 15)
        + "\n1901-1930:\n"
        + b.r_vector_print(late, 15)
        + "\n\nrank-sum test early vs late 30 yrs, normal approximation, correct = FALSE. report W (early) and p"
    )
    b.mw_item(
        SET,
        prompt,
        early,
        late,
        False,
        False,
        "two-sided",
        "two-sided, normal approximation, no continuity correction; W for 1821-1850",
        "datasets::lynx 1821-1850 and 1901-1930",
        "two r vector prints under headings",
    )


@item
def signed_rank_frets_breadth() -> None:
    d = r_frame("boot::frets")
    b1, b2 = toks(d.b1), toks(d.b2)
    dd = b.diffs(b1, b2)
    prompt = (
        "l1\tb1\tl2\tb2\n"
        + "\n".join(f"{w}\t{x}\t{y}\t{z}" for w, x, y, z in zip(toks(d.l1), b1, toks(d.l2), b2, strict=True))
        + "\n\n(frets: head length l and breadth b of 1st and 2nd adult sons, 25 families.) wilcoxon signed rank "
        "on head BREADTH, first son minus second son. ties so normal approx w/ continuity correction"
    )
    b.signed_rank_item(
        SET,
        prompt,
        dd,
        f"xx <- round({rv(b1)} - {rv(b2)}, 10)",
        ", exact = FALSE, correct = TRUE",
        "approx",
        True,
        "two-sided, normal approximation, continuity correction; b1 minus b2",
        "boot::frets b1 and b2",
        "tsv with unused columns",
    )


@item
def signed_rank_dax_exact() -> None:
    x = b.dec3(r_frame("data.frame(x = 100 * diff(log(as.numeric(EuStockMarkets[16:38, 'DAX']))))").x)
    d = fl(x)
    if len(set(np.abs(d))) != len(d) or (d == 0).any():
        raise AssertionError("ties or zeros: the exact p would not apply")
    prompt = (
        "DAX daily log returns (%), trading days 17-38 of EuStockMarkets (summer 1991):\n"
        + "; ".join(x)
        + "\n\nsigned-rank test of median return = 0, exact, two-sided"
    )
    b.signed_rank_item(
        SET,
        prompt,
        d,
        f"xx <- {rv(x)}",
        ", exact = TRUE",
        "exact",
        False,
        "two-sided, exact; mu = 0",
        "datasets::EuStockMarkets DAX returns, days 17-38 (3 decimals)",
        "semicolon list",
    )


@item
def kruskal_poisons_treat() -> None:
    d = r_frame("boot::poisons")
    tm = dec2(d.time)
    groups = [b.split_by(tm, list(d.treat), t) for t in "ABCD"]
    prompt = (
        "> split(poisons$time, poisons$treat)\n"
        + "\n\n".join(f"${t}\n" + b.r_vector_print(g, 10) for t, g in zip("ABCD", groups, strict=True))
        + "\n\nsurvival time of animals (units of 10 h) by antidote treatment (poisons pooled). kruskal-wallis pls"
    )
    b.kruskal_item(SET, prompt, groups, "default", "boot::poisons time by treat", "r split() list print")


# ================================================================ ANOVA and normality


@item
def anova_poisons_poison() -> None:
    d = r_frame("boot::poisons")
    tm = dec2(d.time)
    groups = [b.split_by(tm, list(d.poison), p) for p in (1, 2, 3)]
    prompt = (
        "time\tpoison\ttreat\n"
        + "\n".join(f"{x}\t{p}\t{t}" for x, p, t in zip(tm, toks(d.poison), d.treat, strict=True))
        + "\n\nBox & Cox poisons data. one-way ANOVA of survival time on poison type (1-3) only, ignore treat for now"
    )
    b.anova_item(SET, prompt, groups, ["1", "2", "3"], "default", "boot::poisons time by poison", "tsv long")


@item
def anova_catsM_bwt_bands() -> None:
    d = r_frame("boot::catsM")
    hw = dec1(d.Hwt)
    band = ["light" if w < 2.6 else ("mid" if w < 3.1 else "heavy") for w in d.Bwt]
    groups = [b.split_by(hw, band, k) for k in ("light", "mid", "heavy")]
    prompt = (
        "male cats, heart weight (g) grouped by body weight band\n"
        f"light (<2.6 kg), n={len(groups[0])}: "
        + ", ".join(groups[0])
        + f"\nmid (2.6-3.0 kg), n={len(groups[1])}: "
        + ", ".join(groups[1])
        + f"\nheavy (>=3.1 kg), n={len(groups[2])}: "
        + ", ".join(groups[2])
        + "\n\none-way anova Hwt ~ band"
    )
    b.anova_item(
        SET,
        prompt,
        groups,
        ["light", "mid", "heavy"],
        "default",
        "boot::catsM Hwt by Bwt band",
        "labelled comma lists with range labels",
    )


@item
def shapiro_claridge_dnan() -> None:
    x = toks(r_frame("boot::claridge").dnan)
    prompt = "dnan scores (Claridge, 37 twin pairs): " + " ".join(x) + "\nShapiro-Wilk normality test on these pls"
    res = stats.shapiro(fl(x))
    answer(
        prompt,
        "shapiro_wilk",
        "default",
        f"s <- shapiro.test({rv(x)})\nemit(W = s$statistic, p = s$p.value)",
        {"W": float(res.statistic), "p": float(res.pvalue)},
        "boot::claridge dnan",
        "inline space list",
    )


# ================================================================ tables of counts


@item
def chisq_melanoma_status_ulcer() -> None:
    d = melanoma()
    tab = b.crosstab(d, "status", "ulcer", [1, 2, 3], [0, 1])
    prompt = (
        "> with(melanoma, table(status, ulcer))\n      ulcer\nstatus   0   1\n"
        + "\n".join(f"     {s} {r[0]:>3} {r[1]:>3}" for s, r in zip((1, 2, 3), tab, strict=True))
        + "\n\nstatus: 1 died of melanoma, 2 alive, 3 died of other causes. chi-square test of independence "
        "(3x2) pls"
    )
    b.chisq_item(SET, prompt, tab, False, "3x2 table", "boot::melanoma status by ulcer", "r table() print")


@item
def chisq_nodal_xray_yates() -> None:
    d = r_frame("boot::nodal")
    tab = b.crosstab(d, "xray", "r", [1, 0], [1, 0])
    prompt = (
        f"prostate cancer series, 53 men. Of the {sum(tab[0])} with a positive x-ray, {tab[0][0]} had nodal "
        f"involvement at surgery; of the {sum(tab[1])} with a negative x-ray only {tab[1][0]} did.\n"
        "chisq test w/ yates continuity correction"
    )
    b.chisq_item(SET, prompt, tab, True, "2x2, continuity correction", "boot::nodal xray by r", "counts in words")


@item
def chisq_channing_sex_nocorr() -> None:
    d = r_frame("boot::channing")
    tab = b.crosstab(d, "sex", "cens", ["Male", "Female"], [1, 0])
    prompt = (
        "Channing House retirement community (Palo Alto), 462 residents\n\n"
        "| sex | died | censored | total |\n|---|---|---|---|\n"
        f"| Male | {tab[0][0]} | {tab[0][1]} | {sum(tab[0])} |\n"
        f"| Female | {tab[1][0]} | {tab[1][1]} | {sum(tab[1])} |\n"
        f"| total | {tab[0][0] + tab[1][0]} | {tab[0][1] + tab[1][1]} | 462 |\n\n"
        "uncorrected pearson chi-square (correct=F) on sex x died"
    )
    b.chisq_item(
        SET, prompt, tab, False, "2x2, no continuity correction", "boot::channing sex by cens", "markdown with totals"
    )


@item
def fisher_nodal_grade() -> None:
    d = r_frame("boot::nodal")
    tab = b.crosstab(d, "grade", "r", [1, 0], [1, 0])
    prompt = (
        "grade,nodes_pos,nodes_neg\n"
        f"high,{tab[0][0]},{tab[0][1]}\nlow,{tab[1][0]},{tab[1][1]}\n"
        "# nodal data (53 prostate ca pts), tumour grade vs nodal involvement. fisher exact, 2-sided: p, OR, 95% CI"
    )
    b.fisher_item(
        SET,
        tab[0][0],
        tab[0][1],
        tab[1][0],
        tab[1][1],
        prompt,
        "two-sided; conditional MLE OR, high vs low grade",
        "boot::nodal grade by r",
        "csv 2x2 with a comment line",
    )


@item
def fisher_remission_li() -> None:
    d = r_frame("boot::remission")
    hi = d.LI >= 1.1
    a, bb = int((hi & (d.r == 1)).sum()), int((hi & (d.r == 0)).sum())
    c, dd = int((~hi & (d.r == 1)).sum()), int((~hi & (d.r == 0)).sum())
    prompt = (
        "leukaemia pts (n=27), labelling index LI >= 1.1 vs < 1.1 and remission:\n"
        f"LI >= 1.1 : {a} remission, {bb} no remission\nLI < 1.1  : {c} remission, {dd} no remission\n"
        "small counts -> Fisher's exact test pls"
    )
    b.fisher_item(
        SET,
        a,
        bb,
        c,
        dd,
        prompt,
        "two-sided; conditional MLE OR, LI >= 1.1 vs < 1.1",
        "boot::remission LI >= 1.1 by r",
        "counts per line with a range label",
    )


@item
def mcnemar_nodal_xray_acid() -> None:
    d = r_frame("boot::nodal")
    x, a = d.xray == 1, d.acid == 1
    tab = [[int((x & a).sum()), int((x & ~a).sum())], [int((~x & a).sum()), int((~x & ~a).sum())]]
    prompt = (
        "53 prostate pts each had an x-ray and a serum acid phosphatase test (nodal data)\n"
        f"both positive: {tab[0][0]}; x-ray only: {tab[0][1]}; acid only: {tab[1][0]}; both negative: {tab[1][1]}\n"
        "do the 2 markers flag different proportions? McNemar with continuity correction"
    )
    b.mcnemar_item(
        SET, tab, True, prompt, "continuity correction", "boot::nodal xray vs acid", "paired counts in words"
    )


@item
def mcnemar_frets_long_heads() -> None:
    d = r_frame("boot::frets")
    f, s = d.l1 >= 185, d.l2 >= 185
    tab = [[int((f & s).sum()), int((f & ~s).sum())], [int((~f & s).sum()), int((~f & ~s).sum())]]
    prompt = (
        "frets families, 'long head' = length >= 185 mm\n"
        "                 2nd son long  2nd son not\n"
        f"1st son long     {tab[0][0]:>12}  {tab[0][1]:>11}\n1st son not      {tab[1][0]:>12}  {tab[1][1]:>11}\n"
        "(25 families = pairs.) mcnemar test, no continuity correction please"
    )
    b.mcnemar_item(
        SET, tab, False, prompt, "no continuity correction", "boot::frets l1 and l2 >= 185", "aligned paired 2x2"
    )


@item
def odds_ratio_melanoma_ulcer() -> None:
    d = melanoma()
    tab = b.crosstab(d, "ulcer", "dead", [1, 0], [1, 0])
    prompt = (
        "Odense melanoma (205 pts), death from melanoma by ulceration\n"
        "\tdied of melanoma\tother\n"
        f"ulcerated\t{tab[0][0]}\t{tab[0][1]}\nnot ulcerated\t{tab[1][0]}\t{tab[1][1]}\n\n"
        "odds ratio ulcerated vs not (not = ref), 95% CI on the log scale (Woolf)"
    )
    answer(
        prompt,
        "odds_ratio",
        "Woolf 95% CI; ulcerated vs not",
        b.woolf_or_r(*tab[0], *tab[1]),
        b.woolf_or_check(*tab[0], *tab[1]),
        "boot::melanoma ulcer by death from melanoma",
        "spreadsheet 2x2 with header",
    )


@item
def relative_risk_transplant_sex_death() -> None:
    d = r_frame("survival::transplant")
    m, f = d[d.sex == "m"], d[d.sex == "f"]
    a, n1, c, n2 = int((m.event == "death").sum()), len(m), int((f.event == "death").sum()), len(f)
    prompt = (
        f"liver transplant waitlist 1990-1999: {a} of {n1} men died while waiting vs {c} of {n2} women. "
        "risk ratio men vs women (women reference) + 95% CI pls"
    )
    answer(
        prompt,
        "relative_risk",
        "95% CI; men vs women",
        b.rr_r(a, n1, c, n2),
        b.rr_check(a, n1, c, n2),
        "survival::transplant sex by death on the list",
        "counts in prose",
    )


@item
def risk_difference_channing() -> None:
    d = r_frame("boot::channing")
    m, f = d[d.sex == "Male"], d[d.sex == "Female"]
    a, n1, c, n2 = int(m.cens.sum()), len(m), int(f.cens.sum()), len(f)
    prompt = (
        "Channing House: women " + f"{c}/{n2} died during follow-up, men {a}/{n1}.\n"
        "risk difference men minus women, 95% Wald CI (no continuity correction)"
    )
    answer(
        prompt,
        "risk_difference",
        "Wald 95% CI; men minus women",
        b.rd_r(a, n1, c, n2),
        b.rd_check(a, n1, c, n2),
        "boot::channing sex by cens",
        "x/n in prose, reference first",
    )


# ================================================================ correlation and regression


@item
def pearson_catsM_99() -> None:
    d = r_frame("boot::catsM[seq(1, 97, 3), ]")
    bw, hw = dec1(d.Bwt), dec1(d.Hwt)
    prompt = (
        "  Sex Bwt  Hwt\n"
        + "\n".join(f"  M {x:>4} {y:>4}" for x, y in zip(bw, hw, strict=True))
        + "\n\nevery 3rd male cat. pearson corr body wt vs heart wt, with 99 % CI"
    )
    b.pearson_item(
        SET,
        prompt,
        bw,
        hw,
        0.99,
        ["r", "t", "df", "ci_low", "ci_high"],
        "two-sided; Fisher z 99% CI",
        "boot::catsM every 3rd row",
        "r print without row names",
    )


@item
def pearson_salinity_dis() -> None:
    d = r_frame("boot::salinity")
    sal, dis = dec1(d.sal), dec2(d.dis)
    prompt = (
        "Pamlico Sound salinity (sal) and river discharge (dis), 28 biweekly obs:\n"
        + "\n".join(f"obs {i}: sal {x}, dis {y}" for i, x, y in zip(range(1, 29), sal, dis, strict=True))
        + "\n\nPearson r salinity vs discharge, p value and 95% CI"
    )
    b.pearson_item(
        SET,
        prompt,
        sal,
        dis,
        0.95,
        ["r", "p", "ci_low", "ci_high"],
        "two-sided; Fisher z 95% CI",
        "boot::salinity sal and dis",
        "a named subject per line",
    )


@item
def spearman_claridge() -> None:
    d = r_frame("boot::claridge")
    dn, hd = toks(d.dnan), toks(d.hand)
    prompt = (
        "dnan\thand\n"
        + "\n".join(f"{x}\t{y}" for x, y in zip(dn, hd, strict=True))
        + "\n\nClaridge twins: dnan score vs handedness (1-8 scale). spearman's rho, lots of ties so asymptotic p"
    )
    b.rank_cor_item(
        SET,
        prompt,
        dn,
        hd,
        "spearman",
        False,
        "ties; t approximation",
        "boot::claridge dnan and hand",
        "tsv two columns",
    )


@item
def spearman_waders_sites() -> None:
    d = r_frame("MASS::waders")
    s2, s12 = toks(d.S2), toks(d.S11)
    prompt = (
        "counts of 15 wader species at two sites on the Transkei coast (waders data), species A..O\n"
        "site 2:  "
        + " ".join(s2)
        + "\nsite 11: "
        + " ".join(s12)
        + "\n\nrank correlation between the sites' species counts (Spearman), t approx p"
    )
    b.rank_cor_item(
        SET,
        prompt,
        s2,
        s12,
        "spearman",
        False,
        "t approximation",
        "MASS::waders S2 and S11",
        "two labelled space lists",
    )


@item
def kendall_randu_exact() -> None:
    d = r_frame("randu[1:14, ]")
    x, y = [f"{v:.6f}" for v in d.x], [f"{v:.6f}" for v in d.y]
    if len(set(x)) != len(x) or len(set(y)) != len(y):
        raise AssertionError("ties")
    prompt = (
        "> randu[1:14, 1:2]\n          x        y\n"
        + "\n".join(f"{i:<3}{a:>9}{c:>9}" for i, a, c in zip(range(1, 15), x, y, strict=True))
        + "\n\nRANDU consecutive triples (first 2 coords). kendall's tau between x and y, exact p pls (no ties)"
    )
    b.rank_cor_item(SET, prompt, x, y, "kendall", True, "exact", "datasets::randu rows 1-14", "r data.frame print")


@item
def lm_steam_press_temp() -> None:
    d = r_frame("MASS::steam")
    tmp, pr = toks(d.Temp), dec2(d.Press)
    prompt = (
        "Temp,Press\n"
        + "\n".join(f"{a},{c}" for a, c in zip(tmp, pr, strict=True))
        + "\n\nsaturated steam pressure (Pa/1000?) vs temperature (C). simple linear regression Press ~ Temp: "
        "slope, intercept, R-squared. (yes it's curved, reviewer asked anyway)"
    )
    b.lm_item(SET, prompt, tmp, pr, "Press on Temp", ["slope", "intercept", "r2"], "MASS::steam", "csv two columns")


@item
def lm_nuclear_cost_cap() -> None:
    d = r_frame("boot::nuclear")
    cap, cost = toks(d.cap), dec2(d.cost)
    rows = ["    cost  date t1  cap pr"] + [
        f"{c:>8} {fnum(dt):>5} {fnum(t1):>2} {a:>4} {p:>2}"
        for c, dt, t1, a, p in zip(cost, d.date, d.t1, cap, d.pr, strict=True)
    ]
    prompt = (
        "> nuclear[, c('cost', 'date', 't1', 'cap', 'pr')]\n"
        + "\n".join(rows)
        + "\n\nlm(cost ~ cap) only, the simple one: slope ($M per MWe), its SE, R2"
    )
    b.lm_item(
        SET,
        prompt,
        cap,
        cost,
        "cost on cap",
        ["slope", "se_slope", "r2"],
        "boot::nuclear cost on cap",
        "r print with unused columns",
    )


@item
def logistic_remission_li() -> None:
    d = r_frame("boot::remission")
    li, r = dec1(d.LI), toks(d.r)
    prompt = (
        "| LI | remission |\n|---|---|\n"
        + "\n".join(f"| {a} | {c} |" for a, c in zip(li, r, strict=True))
        + "\n\n27 leukaemia pts, labelling index vs remission (1 = yes). logistic regression, OR per 1 unit LI, "
        "wald 95% CI and p"
    )
    b.logit_item(SET, prompt, li, r, "OR per unit LI; Wald CI", "boot::remission", "markdown table")


@item
def logistic_urine_urea() -> None:
    d = r_frame("boot::urine")
    urea, r = toks(d.urea), toks(d.r)
    prompt = (
        "urine specimens (n=79): urea conc (mmol/l) and presence of calcium oxalate crystals (r: 1 = yes)\n"
        "urea: "
        + " ".join(urea)
        + "\nr:    "
        + " ".join(r)
        + "\n\nglm(r ~ urea, binomial): odds ratio per mmol/l, 95% Wald CI, p"
    )
    b.logit_item(SET, prompt, urea, r, "OR per mmol/l; Wald CI", "boot::urine urea and r", "two labelled space lists")


# ================================================================ survival


@item
def km_melanoma_all() -> None:
    d = melanoma()
    t, e = toks(d.time), toks(d.dead)
    prompt = (
        "melanoma, days from operation; + = censored (alive, or died of other causes)\n"
        + b.plus(t, e)
        + "\n\nKaplan-Meier: melanoma-specific survival at 5 y (1826 d) and 10 y (3652 d). median won't be reached"
    )
    b.km_item(
        SET,
        prompt,
        t,
        e,
        [1826, 3652],
        "S at 1826 and 3652 d",
        "boot::melanoma time, death from melanoma",
        "plus-marked list",
        median=False,
    )


@item
def km_transplant_r_coding() -> None:
    d = r_frame("survival::transplant[1:120, ]")
    t = toks(d.futime)
    st = ["2" if ev == "death" else "1" for ev in d.event]
    e = ["1" if s == "2" else "0" for s in st]
    prompt = (
        "first 120 pts on the liver waitlist. columns futime (days), status coded the R way (1 = censored "
        "incl. transplanted/withdrawn, 2 = died waiting)\n"
        + " ".join(f"{a}/{s}" for a, s in zip(t, st, strict=True))
        + "\n\n(time/status pairs.) kaplan meier, S at 30 d and 365 d"
    )
    b.km_item(
        SET,
        prompt,
        t,
        e,
        [30, 365],
        "S at 30 and 365 d; status 1/2",
        "survival::transplant rows 1-120",
        "time/status pairs, status 1 = censored 2 = dead",
        median=False,
    )


@item
def logrank_melanoma_ulcer() -> None:
    d = melanoma()
    t, e, g = toks(d.time), toks(d.dead), ["yes" if u == 1 else "no" for u in d.ulcer]
    prompt = (
        "melanoma-specific survival (days; + censored) by ulceration\nulcerated: "
        + b.surv_split(t, e, g, "yes")
        + "\nnot ulcerated: "
        + b.surv_split(t, e, g, "no")
        + "\n\nlogrank test"
    )
    order = [i for i, x in enumerate(g) if x == "yes"] + [i for i, x in enumerate(g) if x == "no"]
    t2, e2, g2 = [t[i] for i in order], [e[i] for i in order], [g[i] for i in order]
    r, check = b.drop_tiny_p(b.r_logrank(t2, e2, g2), b.logrank_check(fl(t2), fl(e2), g2))
    answer(prompt, "log_rank", "two groups", r, check, "boot::melanoma by ulcer", "labelled plus lists")


@item
def logrank_transplant_abo() -> None:
    d = r_frame("survival::transplant[1:150, ]")
    d = d[d.abo.isin(["A", "O"])]
    t = toks(d.futime)
    e = ["1" if ev == "death" else "0" for ev in d.event]
    g = list(d.abo)
    prompt = (
        "blood group A vs O, first 150 waitlist pts (death = event; transplant/withdrawal/end = censored)\n"
        "A: " + b.surv_split(t, e, g, "A") + "\nO: " + b.surv_split(t, e, g, "O") + "\nlog rank test please, A vs O"
    )
    order = [i for i, x in enumerate(g) if x == "A"] + [i for i, x in enumerate(g) if x == "O"]
    t2, e2, g2 = [t[i] for i in order], [e[i] for i in order], [g[i] for i in order]
    r, check = b.drop_tiny_p(b.r_logrank(t2, e2, g2), b.logrank_check(fl(t2), fl(e2), g2))
    answer(
        prompt,
        "log_rank",
        "two groups",
        r,
        check,
        "survival::transplant rows 1-150, abo A and O",
        "labelled plus lists",
    )


@item
def cox_melanoma_thickness() -> None:
    d = melanoma("[1:150, ]")
    t, e, k = toks(d.time), toks(d.dead), dec2(d.thickness)
    prompt = (
        "time status thick\n"
        + "\n".join(f"{a} {s} {x}" for a, s, x in zip(t, e, k, strict=True))
        + "\n\n(status 1 = died of melanoma, 0 otherwise; first 150 pts.) cox regression on tumour thickness "
        "(continuous, mm): HR per mm, 95% CI, p"
    )
    cox_answer(prompt, t, e, k, "Efron ties; HR per mm", "boot::melanoma rows 1-150 thickness", "space columns")


@item
def cox_melanoma_sex_breslow() -> None:
    d = melanoma()
    t, e, s = toks(d.time), toks(d.dead), toks(d.sex)
    g = ["male" if x == "1" else "female" for x in s]
    prompt = (
        "melanoma deaths, days (+ = censored)\nfemale: "
        + b.surv_split(t, e, g, "female")
        + "\nmale: "
        + b.surv_split(t, e, g, "male")
        + "\n\ncoxph, male vs female (female = reference), ties = 'breslow'. HR + CI + p"
    )
    order = [i for i, x in enumerate(g) if x == "female"] + [i for i, x in enumerate(g) if x == "male"]
    t2, e2, x2 = [t[i] for i in order], [e[i] for i in order], [s[i] for i in order]
    b.cox_item(
        SET,
        prompt,
        t2,
        e2,
        x2,
        "Breslow ties; male vs female",
        "boot::melanoma by sex",
        "labelled plus lists",
        ties="breslow",
    )


# ================================================================ design and multiplicity


@item
def sample_size_t_beaver() -> None:
    prompt = (
        "planning a telemetry study: beaver body temp SD ~0.35 C, want to detect a 0.25 C difference between "
        "active and resting animals. two-sided alpha 0.05; how many per group for 80% / 90% power?"
    )
    b.sample_size_t_item(
        SET,
        prompt,
        "0.25",
        "0.35",
        [0.8, 0.9],
        "two-sample, two-sided; two powers",
        "design values (beaver temperature SD, rounded)",
        "design prose",
    )


@item
def power_t_cd4() -> None:
    prompt = (
        "pls compute power.t.test(n = 20, delta = 0.5, sd = 0.9) -- two sample, two-sided, alpha 0.05 -- and for n = 40"
    )
    r = (
        "a <- power.t.test(n = 20, delta = 0.5, sd = 0.9)$power\n"
        "c0 <- power.t.test(n = 40, delta = 0.5, sd = 0.9)$power\nemit(power_n20 = a, power_n40 = c0)"
    )
    check = {"power_n20": b.power_t_py(20, 0.5, 0.9), "power_n40": b.power_t_py(40, 0.5, 0.9)}
    answer(prompt, "power_t", "two-sample, two-sided", r, check, "design values (boot::cd4 scale)", "r call plus prose")


@item
def sample_size_prop_nodal() -> None:
    prompt = (
        "nodal involvement 58% with positive x-ray vs 27% with negative in a pilot (nodal data). for a confirmatory "
        "study, n per group to detect 0.58 vs 0.27 at 90% power, 5% two-sided?"
    )
    r = (
        "a <- power.prop.test(p1 = 0.58, p2 = 0.27, power = 0.9)$n\n"
        "emit(n_per_group = ceiling(a), n_total = 2 * ceiling(a))"
    )
    n = float(np.ceil(b.n_prop_py(0.58, 0.27, 0.9)))
    answer(
        prompt,
        "sample_size_proportions",
        "two-sided; 90% power",
        r,
        {"n_per_group": n, "n_total": 2 * n},
        "design values (boot::nodal rates, rounded)",
        "design prose with proportions",
    )


@item
def padjust_gravity_bh() -> None:
    pairs = [(1, 8), (2, 8), (3, 8), (4, 8), (5, 8)]
    labels = [f"s{i}" for i, _ in pairs]
    code = "\n".join(
        f"emit(s{i} = t.test(gravity$g[gravity$series == {j}], gravity$g[gravity$series == {i}])$p.value)"
        for i, j in pairs
    )
    raw = b.raw_pvalues("suppressPackageStartupMessages(library(boot))\n" + code)
    pvals = [raw[v] for v in labels]
    prompt = (
        "Welch p-values, each earlier gravity series vs series 8:\n"
        + "\n".join(f"series {i} vs 8: p={p}" for (i, _), p in zip(pairs, pvals, strict=True))
        + "\n\nBH (FDR) adjusted please"
    )
    b.padj_item(SET, prompt, labels, pvals, "BH", "boot::gravity Welch p-values vs series 8", "one p per line")


@item
def padjust_melanoma_holm() -> None:
    names = ["sex", "age50", "age70", "year70"]
    code = (
        "suppressPackageStartupMessages(library(boot))\nm <- melanoma; d <- m$status == 1\n"
        "emit(sex = chisq.test(table(m$sex, d))$p.value, age50 = chisq.test(table(m$age >= 50, d))$p.value, "
        "age70 = chisq.test(table(m$age >= 70, d))$p.value, year70 = chisq.test(table(m$year >= 1970, d))$p.value)"
    )
    raw = b.raw_pvalues(code)
    pvals = [raw[v] for v in names]
    prompt = (
        "chi-square p's for death from melanoma vs 4 factors: "
        + ", ".join(f"{n} p = {p}" for n, p in zip(names, pvals, strict=True))
        + ". Holm correction pls"
    )
    b.padj_item(SET, prompt, names, pvals, "holm", "boot::melanoma chi-square p-values", "inline name p")


@item
def padjust_poisons_bonferroni() -> None:
    pairs = [("B", "A"), ("C", "A"), ("D", "A")]
    labels = [f"{x}{y}" for x, y in pairs]
    code = "suppressPackageStartupMessages(library(boot))\n" + "\n".join(
        f"emit({x}{y} = wilcox.test(poisons$time[poisons$treat == '{x}'], "
        f"poisons$time[poisons$treat == '{y}'], exact = FALSE)$p.value)"
        for x, y in pairs
    )
    raw = b.raw_pvalues(code)
    pvals = [raw[v] for v in labels]
    prompt = (
        "MWU p-values, each antidote vs treatment A\n"
        + "\n".join(f"{x} vs {y}\t{p}" for (x, y), p in zip(pairs, pvals, strict=True))
        + "\nbonferroni-adjust these 3"
    )
    b.padj_item(SET, prompt, labels, pvals, "bonferroni", "boot::poisons pairwise Wilcoxon p-values", "tsv pairs")


# ================================================================ must-decline: analyses outside the recipes


@item
def declines_unsupported_analyses() -> None:
    c = r_frame("boot::cane[boot::cane$block %in% c('A', 'B'), ]")
    decline(
        "n r x var block\n"
        + "\n".join(
            f"{n} {r} {x} {v} {k}"
            for n, r, x, v, k in zip(toks(c.n), toks(c.r), toks(c.x), toks(c["var"]), c.block, strict=True)
        )
        + "\n\nsugar cane disease (cane data, blocks A and B). glmer(cbind(r, n - r) ~ factor(var) + (1 | block), "
        "binomial) -> variety effects + block variance",
        "mixed_model",
        "a generalised linear mixed model with a random block effect is not a supported analysis",
        ["mixed", "random", "no vetted recipe"],
        "boot::cane blocks A and B",
        "space columns",
    )
    a = r_frame("boot::amis[boot::amis$pair %in% c(1, 2), ][1:40, ]")
    decline(
        "speed,period,warning,pair\n"
        + "\n".join(
            f"{s},{p},{w},{q}"
            for s, p, w, q in zip(toks(a.speed), toks(a.period), toks(a.warning), toks(a.pair), strict=True)
        )
        + "\n(amis: car speeds before/after warning signs, clustered by site pair) fit a GEE with exchangeable "
        "working correlation, speed ~ period * warning, clusters = pair, sandwich SEs",
        "gee",
        "generalized estimating equations are not a supported analysis",
        ["gee", "estimating equations", "no vetted recipe"],
        "boot::amis pairs 1-2, first 40 rows",
        "csv long by cluster",
    )
    h = toks(r_frame("boot::aircondit").hours)
    decline(
        "air-conditioning failure intervals (h), one Boeing 720: "
        + ", ".join(h)
        + "\nmean time between failures with a BCa bootstrap 95% CI, R = 9999 resamples",
        "bootstrap_ci",
        "a bootstrap (BCa) confidence interval is not a supported analysis",
        ["bootstrap", "bca", "no vetted recipe"],
        "boot::aircondit",
        "inline comma list",
    )
    w = toks(r_frame("data.frame(x = as.numeric(WWWusage))").x)
    decline(
        "> WWWusage\nTime Series:\nStart = 1 \nEnd = 100 \nFrequency = 1 \n"
        + b.r_vector_print(w, 20)
        + "\n\nfit ARIMA(3,1,0) and forecast the next 10 minutes with 80/95% intervals",
        "arima",
        "time-series ARIMA modelling and forecasting is not a supported analysis",
        ["arima", "time series", "no vetted recipe"],
        "datasets::WWWusage",
        "r ts print",
    )
    decline(
        "liver waitlist (survival::transplant): death on the list and transplant are competing events. cumulative "
        "incidence of death by blood group (Aalen-Johansen) and Gray's test please",
        "competing_risks",
        "competing-risks cumulative incidence (Aalen-Johansen, Gray's test) is not a supported analysis",
        ["competing", "cumulative incidence", "no vetted recipe"],
        "survival::transplant (named, not pasted)",
        "request in prose",
    )
    x = toks(r_frame("boot::darwin").y)
    decline(
        "darwin pot differences: " + " ".join(x) + "\nbayesian estimate of the mean difference: posterior mean and "
        "95% credible interval, normal likelihood with a weakly informative prior",
        "bayesian",
        "a Bayesian posterior / credible interval is not a supported analysis",
        ["bayes", "credible", "no vetted recipe"],
        "boot::darwin",
        "inline space list",
    )
    br = r_frame("boot::breslow")
    decline(
        "age smoke person_yrs deaths\n"
        + "\n".join(
            f"{a} {s} {n} {y}" for a, s, n, y in zip(toks(br.age), toks(br.smoke), toks(br.n), toks(br.y), strict=True)
        )
        + "\n\nDoll & Hill doctors, coronary deaths. poisson regression deaths ~ smoke + factor(age), offset "
        "log(person-years): rate ratio for smoking + CI",
        "poisson_regression",
        "Poisson regression with an offset is not a supported analysis",
        ["poisson", "offset", "no vetted recipe"],
        "boot::breslow",
        "space columns",
    )
    m = melanoma("[1:50, ]")
    decline(
        "time,dead,thickness,ulcer,age,sex\n"
        + "\n".join(
            f"{t},{e},{k},{u},{a},{s}"
            for t, e, k, u, a, s in zip(
                toks(m.time), toks(m.dead), dec2(m.thickness), toks(m.ulcer), toks(m.age), toks(m.sex), strict=True
            )
        )
        + "\n\ncox model with thickness + ulcer + age + sex all in, adjusted HRs",
        "cox_multivariable",
        "a Cox model with several covariates is outside the single-covariate Cox",
        ["adjusted", "several covariates", "multivariable"],
        "boot::melanoma rows 1-50",
        "csv",
    )


# ================================================================ must-decline: data that cannot make the test


@item
def declines_unusable_data() -> None:
    n = r_frame("boot::nuclear[1:3, ]")
    decline(
        "cost date cap pr ne\n"
        + "\n".join(
            f"{c} {fnum(dt)} {a} {p} {e}"
            for c, dt, a, p, e in zip(dec2(n.cost), n.date, toks(n.cap), toks(n.pr), toks(n["ne"]), strict=True)
        )
        + "\nregress cost on date, cap, pr and ne — all four coefficients with p-values",
        "multiple_regression",
        "three observations cannot fit a regression on four predictors (and several predictors are outside the "
        "simple regression)",
        ["observations", "predictors", "multiple"],
        "boot::nuclear rows 1-3",
        "space columns, 3 rows",
    )
    isl = r_frame("data.frame(x = as.numeric(islands))")
    decline(
        "land areas of the largest islands (thousands of sq mi): "
        + ", ".join(toks(isl.x)[:20])
        + "\nwelch two-sample t-test please",
        "welch_t",
        "only one group of values is given; a two-sample test needs two groups",
        ["one group", "two groups", "second group"],
        "datasets::islands first 20",
        "single list",
    )
    d = r_frame("boot::hirose[boot::hirose$volt %in% c(5, 7), ]")
    t, e = toks(d.time), toks(d.cens)
    decline(
        "breakdown hours (+ = still running when the test stopped)\n5 kV: "
        + b.plus(b.split_by(t, list(d.volt), 5), b.split_by(e, list(d.volt), 5))
        + "\n7 kV: "
        + b.plus(b.split_by(t, list(d.volt), 7), b.split_by(e, list(d.volt), 7))
        + "\njust a Student t-test of the mean times 5 vs 7 kV please",
        "student_t",
        "the times include censored values; a t-test of means cannot use censored times",
        ["censor", "survival", "+"],
        "boot::hirose volt 5 and 7",
        "plus-marked lists",
    )
    decline(
        "melanoma series: 205 patients, 90 with ulcerated tumours, 57 died of melanoma. chi-square test "
        "ulceration vs death please",
        "chi_square",
        "only the margins are given; a chi-square test needs the cell counts",
        ["cell", "table", "margin"],
        "boot::melanoma totals",
        "totals in prose",
    )
    dn, hd = toks(r_frame("boot::claridge").dnan), toks(r_frame("boot::claridge").hand)
    decline(
        "dnan: "
        + " ".join(dn)
        + "\nhand: "
        + " ".join(hd)
        + "\nspearman rho, ONE-SIDED p (we predicted a positive association)",
        "spearman",
        "the correlation recipes give two-sided p-values only",
        ["one-sided", "two-sided", "direction"],
        "boot::claridge",
        "two labelled lists",
    )
    f = r_frame("boot::frets")
    decline(
        "first sons' head length: "
        + ", ".join(toks(f.l1))
        + "\nsecond sons': "
        + ", ".join(toks(f.l2)[:24])
        + "\npaired t test, 1st minus 2nd son",
        "paired_t",
        "the two lists have 25 and 24 values; a paired test needs one value of each per pair",
        ["pairs", "unequal", "25 and 24"],
        "boot::frets l1 and l2 (one missing)",
        "two labelled lists of different lengths",
    )
    decline(
        "Odense melanoma: of 205 pts operated 1962-77, 57 died of melanoma by end of 1977. Kaplan-Meier median "
        "survival and 5-year survival please",
        "kaplan_meier",
        "only counts are given; Kaplan-Meier needs the individual times",
        ["times", "individual", "time"],
        "boot::melanoma counts",
        "counts in prose",
    )
    h5 = r_frame("boot::hirose[boot::hirose$volt == 5, ]")
    decline(
        "5 kV breakdown times (h), + = censored: "
        + b.plus(toks(h5.time), toks(h5.cens))
        + "\nlog-rank test vs the 7 kV specimens",
        "log_rank",
        "only one group of survival times is given; a log-rank test needs at least two",
        ["one group", "two groups", "at least two"],
        "boot::hirose volt 5",
        "single plus-marked list",
    )


if __name__ == "__main__":
    SET.run()
