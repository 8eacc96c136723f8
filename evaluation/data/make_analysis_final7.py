"""Build the seventh fresh evaluation set for labbot's named analyses (``analysis_final7.jsonl``).

Written blind, like the fifth and sixth: the author read only the README's analyses section and the shared
``_build`` helpers, not how labbot parses a request.  Every answerable item pastes real data the way researchers
paste into Slack (R console prints, spreadsheet copies, CSV, markdown, prose with counts, survival lists with ``+``)
and names one supported analysis and its variant, on data sets no earlier set uses (datasets::nottem, ldeaths,
JohnsonJohnson, USPersonalExpenditure, AirPassengers, sunspot.year, treering, uspop, freeny, attenu, co2;
MASS::nlschools, cpus, DDT, shrimp, stormer, muscle, petrol, eagles, road, SP500, farms, OME; survival::jasa, nafld1,
ifluid, logan).  Expected numbers come from R on exactly the number strings written
into the prompt and are recomputed in Python, or the build stops (see ``_build``).  Must-decline items ask for an
analysis outside the supported list, paste data that cannot support the analysis they name, or ask for a setting the
named recipe cannot honour; ``reason_mentions`` lists words of which the decline reason should contain one.

Paired analyses: R computes on the differences rounded to 10 decimals, as in the earlier sets.

Run ``.venv/bin/python evaluation/data/make_analysis_final7.py``; the output is byte-identical run to run.
``... make_analysis_final7.py NAME`` only builds the items whose builder name contains NAME and prints them.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from scipy import stats

from evaluation.data import _build as b  # the R runner, formatting and checks every set generator shares

SET = b.ItemSet(Path(__file__).resolve().with_name("analysis_final7.jsonl"), "final7")
item, answer, decline = SET.item, SET.answer, SET.decline
fnum, toks, dec1, dec2, rv, fl, r_frame = b.fnum, b.toks, b.dec1, b.dec2, b.rv, b.fl, b.r_frame

NAFLD = "survival::nafld1"


# ================================================================ t-tests


@item
def welch_nottem_august_decades() -> None:
    a20, a30 = b.period_of("nottem", 8, 1920, 1929, "dec1"), b.period_of("nottem", 8, 1930, 1939, "dec1")
    prompt = (
        "mean August air temp at Nottingham Castle (deg F), one value per year\n"
        "1920s: " + ", ".join(a20) + "\n1930s: " + ", ".join(a30) + "   <- 1930s from the same met office sheet\n\n"
        "welch two sample t-test pls, 1930s minus 1920s, usual 95% CI"
    )
    b.two_sample_t_item(
        SET,
        prompt,
        a30,
        a20,
        False,
        "two-sided; 1930s minus 1920s",
        "datasets::nottem August, 1920-1929 and 1930-1939",
        "labelled comma lists with a comment",
    )


NLS_ROWS = "MASS::nlschools[seq(1, 2287, 38), ]"


@item
def welch_nlschools_lang_comb_less() -> None:
    d = r_frame(NLS_ROWS)
    lang = toks(d.lang)
    rows = ["lang\tIQ\tclass\tGS\tSES\tCOMB"] + [
        f"{la}\t{fnum(i)}\t{c}\t{g}\t{s}\t{k}"
        for la, i, c, g, s, k in zip(lang, d.IQ, d["class"], d.GS, d.SES, d.COMB, strict=True)
    ]
    comb, single = b.split_by(lang, list(d.COMB), 1), b.split_by(lang, list(d.COMB), 0)
    prompt = (
        "every 38th pupil of the Dutch nlschools file (grade 8), pasted from excel:\n"
        + "\n".join(rows)
        + "\n\nCOMB = 1 means a multi-grade (combined) class. we expect combined classes to score LOWER on the "
        "language test. one-sided Welch t on lang, COMB 1 minus COMB 0 (alternative = less). t, df, p"
    )
    b.two_sample_t_item(
        SET,
        prompt,
        comb,
        single,
        False,
        "one-sided (less); COMB 1 minus COMB 0",
        "MASS::nlschools every 38th row, lang by COMB",
        "tsv with unused columns",
        alt="less",
    )


@item
def welch_attenu_accel_events() -> None:
    d = r_frame("attenu[attenu$event %in% c(19, 20), c('event', 'mag', 'dist', 'accel')]")
    lines = ['"event","mag","dist","accel"'] + [
        f"{e},{m},{fnum(x)},{a}" for e, m, x, a in zip(d.event, d.mag, d.dist, b.dec3(d.accel), strict=True)
    ]
    acc = b.dec3(d.accel)
    e19, e20 = b.split_by(acc, list(d.event), 19), b.split_by(acc, list(d.event), 20)
    prompt = (
        "peak ground accel (g) at the recording stations for two Californian quakes (attenu, events 19 & 20)\n"
        + "\n".join(lines)
        + "\n\nt test w/o equal variance assumption comparing accel, event 20 minus event 19, 95% CI"
    )
    b.two_sample_t_item(
        SET,
        prompt,
        e20,
        e19,
        False,
        "two-sided; event 20 minus event 19",
        "datasets::attenu events 19 and 20, accel",
        "csv with quoted header",
    )


@item
def student_nlschools_iq_comb_99() -> None:
    d = r_frame("MASS::nlschools[seq(20, 2287, 45), ]")
    iq = [fnum(v) for v in d.IQ]
    rows = ["| pupil | IQ (verbal) | combined class? |", "|---:|---:|:---:|"] + [
        f"| {i} | {q} | {'yes' if k == 1 else 'no'} |" for i, q, k in zip(range(20, 2288, 45), iq, d.COMB, strict=True)
    ]
    yes, no = b.split_by(iq, list(d.COMB), 1), b.split_by(iq, list(d.COMB), 0)
    prompt = (
        "\n".join(rows)
        + "\n\nStudent's t-test (pooled var) on verbal IQ, combined minus single-grade, with a 99% conf interval"
    )
    b.two_sample_t_item(
        SET,
        prompt,
        yes,
        no,
        True,
        "pooled, 99% CI; combined minus single-grade",
        "MASS::nlschools every 45th row from 20, IQ by COMB",
        "markdown table yes/no groups",
        level=0.99,
    )


@item
def student_ldeaths_1974_1979() -> None:
    y74, y79 = b.ts_year("ldeaths", 1974), b.ts_year("ldeaths", 1979)
    prompt = (
        "> window(ldeaths, c(1974,1), c(1974,12)); window(ldeaths, c(1979,1), c(1979,12))\n"
        + b.ts_print({"1974": [b.thousands(v) for v in y74], "1979": [b.thousands(v) for v in y79]})
        + "\n(UK monthly deaths from lung disease, both sexes)\n\nequal variance t test 1979 vs 1974 (1979 - 1974)"
    )
    b.two_sample_t_item(
        SET,
        prompt,
        y79,
        y74,
        True,
        "pooled; 1979 minus 1974",
        "datasets::ldeaths 1974 and 1979",
        "r ts print with thousands separators",
    )


@item
def student_sunspots_greater() -> None:
    d = r_frame("data.frame(x = as.numeric(sunspot.year), y = as.numeric(time(sunspot.year)))")
    early = dec1(d.x[(d.y >= 1900) & (d.y <= 1919)])
    late = dec1(d.x[(d.y >= 1950) & (d.y <= 1969)])
    prompt = (
        "yearly mean sunspot numbers. 1900-1919: "
        + " ".join(early)
        + " ;; 1950-1969: "
        + " ".join(late)
        + "\nwas the mid-century higher? classic t-test assuming equal variances, one sided (1950-69 minus "
        "1900-19, alt greater)"
    )
    b.two_sample_t_item(
        SET,
        prompt,
        late,
        early,
        True,
        "pooled, one-sided (greater); 1950-69 minus 1900-19",
        "datasets::sunspot.year 1900-1919 and 1950-1969",
        "inline space lists",
        alt="greater",
    )


@item
def paired_jj_q3_q1() -> None:
    d = r_frame("data.frame(x = as.numeric(JohnsonJohnson), q = as.numeric(cycle(JohnsonJohnson)))")
    q = {k: dec2(d.x[d.q == k]) for k in (1, 2, 3, 4)}
    rows = {str(1960 + i): [q[k][i] for k in (1, 2, 3, 4)] for i in range(21)}
    prompt = (
        "> JohnsonJohnson\n"
        + b.ts_print(rows, ["Qtr1", "Qtr2", "Qtr3", "Qtr4"])
        + "\n\nquarterly EPS ($). is Q3 systematically above Q1 within a year? paired t test Qtr3 minus Qtr1, "
        "one-sided (greater)"
    )
    b.paired_t_item(
        SET,
        prompt,
        q[3],
        q[1],
        "one-sided (greater); Qtr3 minus Qtr1",
        "datasets::JohnsonJohnson Qtr3 and Qtr1 by year",
        "r quarterly ts print, four columns",
        alt="greater",
    )


@item
def paired_usexp_1960_1950_90() -> None:
    d = r_frame("data.frame(USPersonalExpenditure, check.names = FALSE)")
    names = b.r_text_rownames("USPersonalExpenditure")
    cols = ["1940", "1945", "1950", "1955", "1960"]
    vals = {c: toks(d[c], 3) for c in cols}
    head = f"{'':<20}" + "".join(f"{c:>8}" for c in cols)
    body = [f"{n:<20}" + "".join(f"{vals[c][i]:>8}" for c in cols) for i, n in enumerate(names)]
    prompt = (
        "US personal expenditure, billions of $\n"
        + head
        + "\n"
        + "\n".join(body)
        + "\n\npaired t across the 5 categories, 1960 minus 1950, 90% CI please"
    )
    b.paired_t_item(
        SET,
        prompt,
        vals["1960"],
        vals["1950"],
        "two-sided, 90% CI; 1960 minus 1950",
        "datasets::USPersonalExpenditure 1960 and 1950",
        "r matrix print with row names",
        level=0.90,
    )


@item
def paired_muscle_conc_2_1() -> None:
    d = r_frame("MASS::muscle")
    strips = [s for s in sorted(set(d.Strip)) if {1.0, 2.0} <= set(d.Conc[d.Strip == s])]
    one = [dec1(d.Length[(d.Strip == s) & (d.Conc == 1)])[0] for s in strips]
    two = [dec1(d.Length[(d.Strip == s) & (d.Conc == 2)])[0] for s in strips]
    prompt = (
        "rat heart muscle strips, length (mm) in 1 mM vs 2 mM CaCl2\n"
        + "\n".join(f"{s}: {x} -> {y}" for s, x, y in zip(strips, one, two, strict=True))
        + "\nsame strip both times so paired t-test (2 mM minus 1 mM) w/ 95% CI"
    )
    b.paired_t_item(
        SET,
        prompt,
        two,
        one,
        "two-sided; 2 mM minus 1 mM",
        "MASS::muscle strips with Conc 1 and 2",
        "arrow pairs per strip",
    )


@item
def one_sample_ddt_3() -> None:
    x = dec2(r_frame("data.frame(x = MASS::DDT)").x)
    prompt = (
        "> DDT   # ppm in kale, 15 lab measurements of one sample\n"
        + b.r_vector_print(x, 15)
        + "\none sample t test against 3 ppm, two-sided, give t df p + 95% CI"
    )
    b.one_sample_t_item(SET, prompt, x, "3", "two-sided; mu = 3", "MASS::DDT", "r vector print with a comment")


@item
def one_sample_shrimp_less_32() -> None:
    x = dec1(r_frame("data.frame(x = MASS::shrimp)").x)
    prompt = (
        "% protein, one shrimp sample sent to 18 labs\n"
        + b.r_vector_print(x, 15)
        + "\n\nlabel claims 32%. t-test vs mu=32, alternative: true mean < 32 (one-sided)"
    )
    b.one_sample_t_item(
        SET, prompt, x, "32", "one-sided (less); mu = 32", "MASS::shrimp", "wrapped r vector print", alt="less"
    )


@item
def one_sample_treering_90() -> None:
    x = b.dec3(r_frame("data.frame(x = as.numeric(window(treering, 1900, 1929)))").x)
    prompt = (
        "Time Series:\nStart = 1900 \nEnd = 1929 \nFrequency = 1 \n"
        + b.r_vector_print(x, 10)
        + "\n\nnormalised ring widths of the Great Basin bristlecone pine. is the 1900-29 mean different from "
        "1 (the long-run norm)? one-sample t, 90% CI"
    )
    b.one_sample_t_item(
        SET,
        prompt,
        x,
        "1",
        "two-sided, 90% CI; mu = 1",
        "datasets::treering 1900-1929",
        "r ts print with caption",
        level=0.90,
    )


# ================================================================ rank tests


@item
def mann_whitney_cpus_ibm_sperry() -> None:
    d = r_frame("MASS::cpus[, c('name', 'perf')]")
    maker = [str(n).split(" ")[0] for n in d.name]
    rows = [f"{n}\t{p}" for n, p, m in zip(d.name, toks(d.perf), maker, strict=True) if m in ("IBM", "SPERRY")]
    ibm = [p for p, m in zip(toks(d.perf), maker, strict=True) if m == "IBM"]
    sperry = [p for p, m in zip(toks(d.perf), maker, strict=True) if m == "SPERRY"]
    prompt = (
        "name\tperf\n"
        + "\n".join(rows)
        + "\n\n(MASS::cpus, published relative performance.) skewed as hell so Mann-Whitney / wilcoxon rank sum, "
        "IBM vs Sperry. normal approx w/ continuity correction, W for IBM"
    )
    b.mw_item(
        SET,
        prompt,
        ibm,
        sperry,
        False,
        True,
        "two-sided",
        "two-sided, normal approximation, continuity correction; W for IBM",
        "MASS::cpus perf, IBM and Sperry models",
        "tsv, group read from the model name",
    )


@item
def mann_whitney_stormer_exact() -> None:
    d = r_frame("MASS::stormer")
    t20, t50 = dec1(d.Time[d.Wt == 20]), dec1(d.Time[d.Wt == 50])
    prompt = (
        "Stormer viscometer, time (s) for the rotor to make 100 revs\n"
        "20 g weight: " + " / ".join(t20) + "\n50 g weight: " + " / ".join(t50) + "\n"
        "(viscosities differ between runs, I know.) exact wilcoxon rank-sum, 20 g vs 50 g, two sided, W for 20 g"
    )
    b.mw_item(
        SET,
        prompt,
        t20,
        t50,
        True,
        False,
        "two-sided",
        "two-sided, exact; W for 20 g",
        "MASS::stormer Time at Wt 20 and 50",
        "slash-separated lists",
    )


@item
def mann_whitney_attenu_greater() -> None:
    d = r_frame("attenu[attenu$dist <= 8, c('mag', 'accel')]")
    acc = b.dec3(d.accel)
    big = [a for a, m in zip(acc, d.mag, strict=True) if m >= 6]
    small = [a for a, m in zip(acc, d.mag, strict=True) if m < 6]
    rows = "\n".join(f"{fnum(m)}  {a}" for m, a in zip(d.mag, acc, strict=True))
    prompt = (
        "records within 8 km of the epicentre (attenu). mag  accel(g):\n"
        + rows
        + "\n\nmann whitney: are accelerations larger for M >= 6 than M < 6? one-sided (greater), normal "
        "approximation WITHOUT continuity correction. W for the M>=6 group"
    )
    b.mw_item(
        SET,
        prompt,
        big,
        small,
        False,
        False,
        "greater",
        "one-sided (greater), normal approximation, no continuity correction; W for M >= 6",
        "datasets::attenu dist <= 8, accel by mag >= 6",
        "two space columns, grouping by a threshold",
    )


@item
def signed_rank_air_aug_jul() -> None:
    jul, aug = b.period_of("AirPassengers", 7, 1949, 1960), b.period_of("AirPassengers", 8, 1949, 1960)
    d = b.diffs(aug, jul)
    prompt = (
        "intl airline passengers (thousands), Jul and Aug of each year\nyear\tJul\tAug\n"
        + "\n".join(f"{y}\t{j}\t{a}" for y, j, a in zip(range(1949, 1961), jul, aug, strict=True))
        + "\n\nwilcoxn signed rank, Aug minus Jul (paired by year). normal approx + continuity correction is fine"
    )
    b.signed_rank_item(
        SET,
        prompt,
        d,
        f"xx <- round({rv(aug)} - {rv(jul)}, 10)",
        ", exact = FALSE, correct = TRUE",
        "approx",
        True,
        "two-sided, normal approximation, continuity correction; Aug minus Jul",
        "datasets::AirPassengers July and August 1949-1960",
        "tsv year rows",
    )


@item
def signed_rank_sp500_exact() -> None:
    x = b.dec3(r_frame("data.frame(x = MASS::SP500[1:25])").x)
    d = fl(x)
    if len(set(np.abs(d))) != len(d) or (d == 0).any():
        raise AssertionError("ties or zeros: the exact p would not apply")
    prompt = (
        "S&P 500 daily % returns, first 25 trading days of 1990: "
        + " ".join(x)
        + "\n\none-sample Wilcoxon signed rank test, H0 median = 0, exact p, two sided"
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
        "MASS::SP500 first 25 days (3 decimals)",
        "inline space list",
    )


@item
def signed_rank_nottem_dec_jan_nocorrect() -> None:
    jan = b.period_of("nottem", 1, 1920, 1939, "dec1")
    dec = b.period_of("nottem", 12, 1920, 1939, "dec1")
    d = b.diffs(dec, jan)
    prompt = (
        "Nottingham, mean monthly temp (F), 1920-1939\n"
        + "\n".join(f"{y}: Jan {j}, Dec {c}" for y, j, c in zip(range(1920, 1940), jan, dec, strict=True))
        + "\n\nwithin-year comparison Dec vs Jan with the signed-rank test (Dec minus Jan). use the normal "
        "approximation and NO continuity correction pls"
    )
    b.signed_rank_item(
        SET,
        prompt,
        d,
        f"xx <- round({rv(dec)} - {rv(jan)}, 10)",
        ", exact = FALSE, correct = FALSE",
        "approx",
        False,
        "two-sided, normal approximation, no continuity correction; Dec minus Jan",
        "datasets::nottem January and December 1920-1939",
        "keyed values per line",
    )


@item
def kruskal_cpus_makers() -> None:
    d = r_frame("MASS::cpus[, c('name', 'perf')]")
    maker = [str(n).split(" ")[0] for n in d.name]
    makers = ["BURROUGHS", "HONEYWELL", "NCR", "SPERRY"]
    groups = [b.split_by(toks(d.perf), maker, m) for m in makers]
    prompt = (
        "> with(sub, split(perf, maker))\n"
        + "\n\n".join(f"${m}\n" + b.r_vector_print(g, 12) for m, g in zip(makers, groups, strict=True))
        + "\n\nkruskal-wallis, do the 4 vendors differ in published performance?"
    )
    b.kruskal_item(SET, prompt, groups, "default", "MASS::cpus perf for four makers", "r split() list print")


@item
def kruskal_sunspots_centuries() -> None:
    d = r_frame("data.frame(x = as.numeric(sunspot.year), y = as.numeric(time(sunspot.year)))")
    groups = [dec1(d.x[(d.y >= lo) & (d.y < lo + 30)]) for lo in (1750, 1850, 1940)]
    prompt = (
        "sunspot.year, three 30-yr windows\n1750-79\n"
        + ", ".join(groups[0])
        + "\n\n1850-79\n"
        + ", ".join(groups[1])
        + "\n\n1940-69\n"
        + ", ".join(groups[2])
        + "\n\nkruskal wallis test between the windows pls (H, df, p)"
    )
    b.kruskal_item(SET, prompt, groups, "default", "datasets::sunspot.year 1750-79, 1850-79, 1940-69", "headed blocks")


# ================================================================ ANOVA and normality


@item
def anova_nottem_summer() -> None:
    months = {"Jun": 6, "Jul": 7, "Aug": 8}
    groups = [b.period_of("nottem", m, 1920, 1939, "dec1") for m in months.values()]
    rows = ["   temp month year"]
    i = 1
    for (name, _), g in zip(months.items(), groups, strict=True):
        for k, v in enumerate(g):
            rows.append(f"{i:<3}{v:>5} {name:>5} {1920 + k}")
            i += 1
    prompt = (
        "> nott_summer\n" + "\n".join(rows) + "\n\none way anova temp ~ month please (F, dfs, p); year is just a label"
    )
    b.anova_item(
        SET,
        prompt,
        groups,
        list(months),
        "default",
        "datasets::nottem Jun, Jul, Aug 1920-1939",
        "r data.frame print, long",
    )


@item
def anova_ldeaths_years() -> None:
    years = [1975, 1976, 1977, 1978]
    groups = [b.ts_year("ldeaths", y) for y in years]
    prompt = (
        b.ts_print({str(y): g for y, g in zip(years, groups, strict=True)})
        + "\n\n^ monthly UK lung-disease deaths. ANOVA with year as the factor (4 groups of 12 months)"
    )
    b.anova_item(
        SET,
        prompt,
        groups,
        [str(y) for y in years],
        "default",
        "datasets::ldeaths 1975-1978",
        "r ts print, rows as groups",
    )


@item
def anova_muscle_conc() -> None:
    d = r_frame("MASS::muscle[MASS::muscle$Conc %in% c(0.5, 1, 2, 3), ]")
    rows = ["| Strip | Conc (mM) | Length (mm) |", "|---|---|---|"] + [
        f"| {s} | {fnum(c)} | {v} |" for s, c, v in zip(d.Strip, d.Conc, dec1(d.Length), strict=True)
    ]
    lens = dec1(d.Length)
    levels = [0.5, 1.0, 2.0, 3.0]
    groups = [b.split_by(lens, list(d.Conc), c) for c in levels]
    prompt = (
        "\n".join(rows)
        + "\n\nignoring strip for now: one-way ANOVA of length by CaCl2 conc (4 levels: 0.5, 1, 2, 3 mM)"
    )
    b.anova_item(
        SET,
        prompt,
        groups,
        [fnum(c) for c in levels],
        "default",
        "MASS::muscle Conc 0.5, 1, 2, 3",
        "markdown table long",
    )


@item
def shapiro_co2_january() -> None:
    x = b.dec2(r_frame("data.frame(x = as.numeric(co2)[cycle(co2) == 1])").x)
    prompt = (
        "Mauna Loa CO2 (ppm), January readings 1959-1997\n"
        + ", ".join(f"{1959 + i}: {v}" for i, v in enumerate(x))
        + "\n\nnormality check (Shapiro-Wilk) on these 39 values before I do anything parametric"
    )
    res = stats.shapiro(fl(x))
    answer(
        prompt,
        "shapiro_wilk",
        "default",
        f"s <- shapiro.test({rv(x)})\nemit(W = s$statistic, p = s$p.value)",
        {"W": float(res.statistic), "p": float(res.pvalue)},
        "datasets::co2 January values",
        "year: value pairs in a line",
    )


@item
def shapiro_attenu_mag() -> None:
    d = r_frame("aggregate(mag ~ event, data = attenu, FUN = function(z) z[1])")
    x = [fnum(v) for v in d.mag]
    prompt = (
        "magnitudes of the 23 western-US quakes in attenu (one per event): "
        + "; ".join(f"ev{e} {m}" for e, m in zip(d.event, x, strict=True))
        + "\nare these normal? Shapiro Wilk"
    )
    res = stats.shapiro(fl(x))
    answer(
        prompt,
        "shapiro_wilk",
        "default",
        f"s <- shapiro.test({rv(x)})\nemit(W = s$statistic, p = s$p.value)",
        {"W": float(res.statistic), "p": float(res.pvalue)},
        "datasets::attenu magnitude per event",
        "labelled values in a line",
    )


# ================================================================ tables of counts


LOGAN_OCC = ["farm", "operatives", "craftsmen", "sales", "professional"]


@item
def chisq_logan_occupation_race() -> None:
    d = r_frame("survival::logan")
    tab = b.crosstab(d, "occupation", "race", LOGAN_OCC, ["non-black", "black"])
    body = "\n".join(f"  {o:<13}{r[0]:>10}{r[1]:>6}" for o, r in zip(LOGAN_OCC, tab, strict=True))
    prompt = (
        "> table(logan$occupation, logan$race)\n               \n                non-black black\n"
        + body
        + "\n\n(GSS 1972-ish, 838 men.) chi-sqaure test of independence occupation x race"
    )
    b.chisq_item(SET, prompt, tab, False, "5x2 table", "survival::logan occupation by race", "r table() print")


@item
def chisq_jasa_transplant_yates() -> None:
    d = r_frame("survival::jasa[, c('transplant', 'fustat')]")
    tab = b.crosstab(d, "transplant", "fustat", [1, 0], [1, 0])
    prompt = (
        f"Stanford heart transplant program: of the {sum(tab[0])} pts who got a heart {tab[0][0]} died during "
        f"follow-up, vs {tab[1][0]} of the {sum(tab[1])} who never got one. chi squared 2x2 with Yates' "
        "correction pls"
    )
    b.chisq_item(
        SET, prompt, tab, True, "2x2, continuity correction", "survival::jasa transplant by fustat", "counts in words"
    )


@item
def chisq_nlschools_comb_iq_nocorr() -> None:
    d = r_frame("MASS::nlschools[, c('IQ', 'COMB')]")
    d["high"] = (d.IQ >= 12).astype(int)
    tab = b.crosstab(d, "COMB", "high", [1, 0], [1, 0])
    th = b.thousands
    prompt = (
        "| class type | IQ >= 12 | IQ < 12 | total |\n|---|---|---|---|\n"
        f"| combined | {th(str(tab[0][0]))} | {th(str(tab[0][1]))} | {th(str(sum(tab[0])))} |\n"
        f"| single grade | {th(str(tab[1][0]))} | {th(str(tab[1][1]))} | {th(str(sum(tab[1])))} |\n"
        f"| total | {th(str(tab[0][0] + tab[1][0]))} | {th(str(tab[0][1] + tab[1][1]))} | "
        f"{th(str(sum(map(sum, tab))))} |\n\n"
        "all pupils in nlschools. Pearson chi-square, NO continuity correction (correct = FALSE)"
    )
    b.chisq_item(
        SET,
        prompt,
        tab,
        False,
        "2x2, no continuity correction",
        "MASS::nlschools COMB by IQ >= 12",
        "markdown table with totals",
    )


@item
def fisher_eagles_adult_immature() -> None:
    d = r_frame("MASS::eagles")
    adult = d[(d.P == "L") & (d.A == "A") & (d.V == "L")].iloc[0]
    young = d[(d.P == "L") & (d.A == "I") & (d.V == "L")].iloc[0]
    a, n1, c, n2 = int(adult.y), int(adult.n), int(young.y), int(young.n)
    prompt = (
        "bald eagle piracy (Knight & Skagen), large pirates attacking large victims:\n"
        f"adult pirate     {a}/{n1} successful attempts\nimmature pirate  {c}/{n2}\n"
        "fisher exact test pls, adult in row 1, success in col 1 -> p, OR & CI"
    )
    b.fisher_item(
        SET,
        a,
        n1 - a,
        c,
        n2 - c,
        prompt,
        "two-sided; conditional MLE OR, adult vs immature",
        "MASS::eagles large pirates, large victims",
        "x/n per line",
    )


@item
def fisher_jasa_surgery() -> None:
    d = r_frame("survival::jasa[, c('surgery', 'fustat')]")
    tab = b.crosstab(d, "surgery", "fustat", [1, 0], [1, 0])
    tx = b.crosstab(r_frame(JASA), "transplant", "fustat", [1, 0], [1, 0])
    prompt = (
        "last week's table (by transplant, ignore):\n         dead alive\ntx       "
        + f"{tx[0][0]:>4}  {tx[0][1]:>4}\nno_tx    {tx[1][0]:>4}  {tx[1][1]:>4}\n\nthis week's:\n"
        "         dead alive\nprior_surg  "
        + f"{tab[0][0]:>3}   {tab[0][1]:>3}\nno_surg     {tab[1][0]:>3}   {tab[1][1]:>3}\n"
        "jasa (heart transplant candidates), prior bypass surgery vs not. Fisher's exact, two-sided"
    )
    b.fisher_item(
        SET,
        tab[0][0],
        tab[0][1],
        tab[1][0],
        tab[1][1],
        prompt,
        "two-sided; conditional MLE OR, prior surgery vs none",
        "survival::jasa surgery by fustat",
        "aligned 2x2 under a second table not asked about",
    )


@item
def fisher_logan_black_farm() -> None:
    d = r_frame("survival::logan[, c('occupation', 'race')]")
    d["farm"] = (d.occupation == "farm").astype(int)
    tab = b.crosstab(d, "race", "farm", ["black", "non-black"], [1, 0])
    prompt = (
        "race,farm,not_farm\n"
        f"black,{tab[0][0]},{tab[0][1]}\nnon-black,{tab[1][0]},{tab[1][1]}\n"
        "# logan data, son's occupation. one cell is 1 so fisher exact test not chisq"
    )
    b.fisher_item(
        SET,
        tab[0][0],
        tab[0][1],
        tab[1][0],
        tab[1][1],
        prompt,
        "two-sided; conditional MLE OR, black vs non-black",
        "survival::logan race by farm occupation",
        "csv 2x2 with a comment line",
    )


@item
def mcnemar_logan_professional() -> None:
    d = r_frame("survival::logan[, c('occupation', 'focc')]")
    son, dad = d.occupation == "professional", d.focc == "professional"
    tab = [[int((son & dad).sum()), int((son & ~dad).sum())], [int((~son & dad).sum()), int((~son & ~dad).sum())]]
    prompt = (
        f"838 father-son pairs (logan). both professional: {tab[0][0]}; son professional but not the father: "
        f"{tab[0][1]}; father professional but not the son: {tab[1][0]}; neither: {tab[1][1]}.\n"
        "McNemar for a shift between generations, with the continuity correction"
    )
    b.mcnemar_item(
        SET,
        tab,
        True,
        prompt,
        "continuity correction",
        "survival::logan son vs father professional",
        "paired counts in words",
    )


@item
def mcnemar_nottem_jul_aug_warm() -> None:
    jul = fl(b.period_of("nottem", 7, 1920, 1939, "dec1"))
    aug = fl(b.period_of("nottem", 8, 1920, 1939, "dec1"))
    hj, ha = jul >= 61, aug >= 61
    tab = [[int((hj & ha).sum()), int((hj & ~ha).sum())], [int((~hj & ha).sum()), int((~hj & ~ha).sum())]]
    prompt = (
        "Nottingham 1920-39, 'warm month' = mean >= 61 F\n"
        "             Aug warm  Aug not\n"
        f"Jul warm     {tab[0][0]:>8}  {tab[0][1]:>7}\nJul not      {tab[1][0]:>8}  {tab[1][1]:>7}\n"
        "(years are the pairs.) mcnemar test, uncorrected (correct = FALSE)"
    )
    b.mcnemar_item(
        SET,
        tab,
        False,
        prompt,
        "no continuity correction",
        "datasets::nottem July and August >= 61 F, 1920-1939",
        "aligned paired 2x2",
    )


@item
def odds_ratio_nafld_male_death() -> None:
    d = r_frame(f"{NAFLD}[, c('male', 'status')]")
    tab = b.crosstab(d, "male", "status", [1, 0], [1, 0])
    th = b.thousands
    prompt = (
        "NAFLD cohort (Olmsted county), deaths during follow-up\n"
        "sex\tdied\talive\n"
        f"male\t{th(str(tab[0][0]))}\t{th(str(tab[0][1]))}\nfemale\t{th(str(tab[1][0]))}\t{th(str(tab[1][1]))}\n"
        "crude odds ratio men vs women (women = reference) with Woolf / log 95% CI"
    )
    answer(
        prompt,
        "odds_ratio",
        "Woolf 95% CI; male vs female",
        b.woolf_or_r(*tab[0], *tab[1]),
        b.woolf_or_check(*tab[0], *tab[1]),
        "survival::nafld1 male by status",
        "tsv with thousands separators",
    )


@item
def odds_ratio_eagles_90() -> None:
    d = r_frame("MASS::eagles")
    a, n1 = int(d.y[d.P == "L"].sum()), int(d.n[d.P == "L"].sum())
    c, n2 = int(d.y[d.P == "S"].sum()), int(d.n[d.P == "S"].sum())
    r, check = b.woolf_level(a, n1 - a, c, n2 - c, 0.9)
    prompt = (
        f"pooled over all the eagle piracy conditions: large pirates won {a} of {n1} attempts, small pirates "
        f"{c} of {n2}. odds ratio (large vs small) with a 90 % CI (log method) please"
    )
    answer(
        prompt,
        "odds_ratio",
        "Woolf 90% CI; large vs small",
        r,
        check,
        "MASS::eagles pooled by pirate size",
        "a of n in prose",
    )


@item
def relative_risk_nafld_age60() -> None:
    d = r_frame(f"{NAFLD}[, c('age', 'status')]")
    old, young = d[d.age >= 60], d[d.age < 60]
    a, n1, c, n2 = int(old.status.sum()), len(old), int(young.status.sum()), len(young)
    th = b.thousands
    prompt = (
        f"age 60+: {th(str(a))} deaths, n = {th(str(n1))}\nunder 60: {th(str(c))} deaths, n = {th(str(n2))}\n"
        "risk ratio 60+ vs <60 with 95% CI (NAFLD cohort, crude)"
    )
    answer(
        prompt,
        "relative_risk",
        "95% CI; 60+ vs under 60",
        b.rr_r(a, n1, c, n2),
        b.rr_check(a, n1, c, n2),
        "survival::nafld1 age >= 60 by status",
        "events of a total",
    )


@item
def relative_risk_logan_professional() -> None:
    d = r_frame("survival::logan[, c('occupation', 'race')]")
    bl, nb = d[d.race == "black"], d[d.race == "non-black"]
    a, n1 = int((bl.occupation == "professional").sum()), len(bl)
    c, n2 = int((nb.occupation == "professional").sum()), len(nb)
    prompt = (
        f"in logan, {a} of the {n1} black respondents were in professional jobs compared w/ {c} of {n2} "
        "non-black. RR black vs non-black (non-black as reference), 95% CI"
    )
    answer(
        prompt,
        "relative_risk",
        "95% CI; black vs non-black",
        b.rr_r(a, n1, c, n2),
        b.rr_check(a, n1, c, n2),
        "survival::logan race by professional",
        "counts in prose",
    )


@item
def risk_difference_nlschools_lowlang() -> None:
    d = r_frame("MASS::nlschools[, c('lang', 'COMB')]")
    cm, sg = d[d.COMB == 1], d[d.COMB == 0]
    a, n1, c, n2 = int((cm.lang < 30).sum()), len(cm), int((sg.lang < 30).sum()), len(sg)
    prompt = (
        f"pupils scoring under 30 on the language test: combined classes {a}/{n1}, single-grade classes "
        f"{c}/{n2}.\nrisk difference (combined minus single), Wald 95% CI, no continuity correction"
    )
    answer(
        prompt,
        "risk_difference",
        "Wald 95% CI; combined minus single-grade",
        b.rd_r(a, n1, c, n2),
        b.rd_check(a, n1, c, n2),
        "MASS::nlschools lang < 30 by COMB",
        "x/n in prose",
    )


@item
def risk_difference_nafld_obese() -> None:
    d = r_frame(f"{NAFLD}[!is.na({NAFLD}$bmi), c('bmi', 'status')]")
    ob, no = d[d.bmi >= 30], d[d.bmi < 30]
    a, n1, c, n2 = int(ob.status.sum()), len(ob), int(no.status.sum()), len(no)
    th = b.thousands
    prompt = (
        "deaths by obesity (BMI >= 30), NAFLD cohort pts with a BMI recorded\n\n"
        f"non-obese: {th(str(c))} of {th(str(n2))} died\nobese: {th(str(a))} of {th(str(n1))} died\n\n"
        "what's the absolute risk difference, obese minus non-obese, with a 95% conf int?"
    )
    answer(
        prompt,
        "risk_difference",
        "Wald 95% CI; obese minus non-obese",
        b.rd_r(a, n1, c, n2),
        b.rd_check(a, n1, c, n2),
        "survival::nafld1 bmi >= 30 by status",
        "of-totals per line, reference first",
    )


# ================================================================ correlation and regression


@item
def pearson_stormer_50g_99() -> None:
    d = r_frame("MASS::stormer[MASS::stormer$Wt == 50, ]")
    v, t = dec1(d.Viscosity), dec1(d.Time)
    prompt = (
        "   Viscosity Wt  Time\n"
        + "\n".join(f"{i:<3}{a:>9} 50 {c:>5}" for i, a, c in zip(range(8, 8 + len(v)), v, t, strict=True))
        + "\n\n50 g runs of the stormer viscometer. pearson r between viscosity and time + 99% CI"
    )
    b.pearson_item(
        SET,
        prompt,
        v,
        t,
        0.99,
        ["r", "t", "df", "ci_low", "ci_high"],
        "two-sided; Fisher z 99% CI",
        "MASS::stormer Wt == 50",
        "r data.frame print subset",
    )


@item
def pearson_freeny_income_price() -> None:
    d = r_frame("freeny")
    rn = b.r_text_rownames("freeny")
    inc, pri = toks(d.income_level, 5), toks(d.price_index, 5)
    prompt = (
        "quarterly revenue model data (freeny), log scale. quarter: income level | price index\n"
        + "\n".join(f"{q}: {a} | {c}" for q, a, c in zip(rn, inc, pri, strict=True))
        + "\n\ncorrelation (Pearson) of income level with price index, r and 95% CI"
    )
    b.pearson_item(
        SET,
        prompt,
        inc,
        pri,
        0.95,
        ["r", "t", "df", "ci_low", "ci_high"],
        "two-sided; Fisher z 95% CI",
        "datasets::freeny income.level and price.index",
        "named rows with pipe-separated pairs",
    )


@item
def spearman_road_deaths_popden() -> None:
    d = r_frame("MASS::road")
    states = b.r_text_rownames("MASS::road")
    deaths, popden = toks(d.deaths), toks(d.popden)
    prompt = (
        "US road deaths & population density (people/sq mile) per state (MASS::road, 26 states)\n"
        + "\n".join(f"{s}: {x} deaths, popden {y}" for s, x, y in zip(states, deaths, popden, strict=True))
        + "\n\nspearman rank correlation deaths vs population density (asymptotic p is fine)"
    )
    b.rank_cor_item(
        SET,
        prompt,
        deaths,
        popden,
        "spearman",
        False,
        "t approximation",
        "MASS::road deaths and popden",
        "a named subject per line",
    )


@item
def spearman_cpus_cycle_channels() -> None:
    d = r_frame("MASS::cpus[61:100, c('name', 'syct', 'chmin')]")
    syct, perf = toks(d.syct), toks(d.chmin)
    prompt = (
        "name,syct,chmin\n"
        + "\n".join(f"{n},{s},{p}" for n, s, p in zip(d.name, syct, perf, strict=True))
        + "\n\nsyct = cycle time (ns), chmin = min I/O channels. Spearman's rho between the two pls, ties -> no exact p"
    )
    b.rank_cor_item(
        SET,
        prompt,
        syct,
        perf,
        "spearman",
        False,
        "ties; t approximation",
        "MASS::cpus rows 61-100 syct and chmin",
        "csv with a name column",
    )


@item
def kendall_nlschools_ses_lang() -> None:
    d = r_frame("MASS::nlschools[seq(7, 2287, 50), c('lang', 'SES')]")
    ses, lang = toks(d.SES), toks(d.lang)
    prompt = (
        "> sub <- nlschools[seq(7, 2287, 50), c('lang', 'SES')]; t(sub)\n"
        + "lang "
        + " ".join(f"{v:>3}" for v in lang)
        + "\nSES  "
        + " ".join(f"{v:>3}" for v in ses)
        + "\n\nlots of ties in SES. kendall tau (tau-b) between SES and language score, normal approximation"
    )
    b.rank_cor_item(
        SET,
        prompt,
        ses,
        lang,
        "kendall",
        False,
        "tau-b; normal approximation",
        "MASS::nlschools every 50th row from 7",
        "transposed r print, rows as variables",
    )


@item
def kendall_nafld_age_bmi_exact() -> None:
    d = r_frame(f"{NAFLD}[1:40, c('id', 'age', 'bmi')]")
    d = d[~d.bmi.isna()].iloc[:14]
    age, bmi = toks(d.age), [f"{v:.4f}" for v in d.bmi]
    if len(set(age)) != len(age) or len(set(bmi)) != len(bmi):
        raise AssertionError("ties: the exact p would not apply")
    prompt = (
        "id  age  bmi\n"
        + "\n".join(f"{i:<4}{a:<5}{m}" for i, a, m in zip(toks(d.id), age, bmi, strict=True))
        + "\n\nfirst 14 NAFLD pts with a BMI (bmi straight from the export). Kendall tau age vs BMI, exact p-value "
        "(n is small, no ties)"
    )
    b.rank_cor_item(
        SET,
        prompt,
        age,
        bmi,
        "kendall",
        True,
        "exact",
        "survival::nafld1 first 14 rows with bmi",
        "space columns with an id column",
    )


@item
def lm_uspop_year() -> None:
    x = toks(r_frame("data.frame(x = as.numeric(uspop))").x, 2)
    years = [str(1790 + 10 * i) for i in range(len(x))]
    prompt = (
        "> uspop   # US census population, millions\nTime Series:\nStart = 1790 \nEnd = 1970 \nFrequency = 0.1 \n"
        + b.r_vector_print(x, 10)
        + "\n\nI know it's not linear but give me the simple linear regression of population on census year "
        "(slope per year, intercept, R^2)"
    )
    b.lm_item(SET, prompt, years, x, "y on x", ["slope", "intercept", "r2"], "datasets::uspop", "r ts print, decennial")


@item
def lm_petrol_yield_ep() -> None:
    d = r_frame("MASS::petrol")
    ep, y = toks(d.EP), dec1(d.Y)
    rows = ["No\tSG\tVP\tV10\tEP\tY"] + [
        f"{n}\t{fnum(sg)}\t{fnum(vp)}\t{v}\t{e}\t{yy}"
        for n, sg, vp, v, e, yy in zip(d.No, d.SG, d.VP, toks(d.V10), ep, y, strict=True)
    ]
    prompt = (
        "Prater's petrol refinery data\n"
        + "\n".join(rows)
        + "\n\nsimple lm: Y (% crude converted to gasoline) ~ EP (end point, F). just EP, ignore the crude "
        "properties. slope, its SE, intercept, R2"
    )
    b.lm_item(
        SET,
        prompt,
        ep,
        y,
        "Y on EP",
        ["slope", "se_slope", "intercept", "r2"],
        "MASS::petrol Y on EP",
        "tsv with unused columns",
    )


@item
def lm_nafld_weight_height() -> None:
    d = r_frame(f"{NAFLD}[1:70, c('height', 'weight')]")
    d = d[~d.height.isna() & ~d.weight.isna()]
    h, w = toks(d.height), dec1(d.weight)
    prompt = (
        "height (cm) -> weight (kg), NAFLD pts 1-70 with both measured:\n"
        + "; ".join(f"{a} cm -> {c} kg" for a, c in zip(h, w, strict=True))
        + "\n\nregress weight on height: slope (kg per cm), intercept, p for the slope"
    )
    b.lm_item(
        SET,
        prompt,
        h,
        w,
        "weight on height",
        ["slope", "intercept", "p"],
        "survival::nafld1 rows 1-70 complete",
        "arrow pairs with units",
    )


@item
def logistic_jasa_death_age() -> None:
    d = r_frame("survival::jasa[, c('age', 'fustat')]")
    age, dead = b.dec2(d.age), toks(d.fustat)
    prompt = (
        "jasa: age at acceptance (y) and vital status at end of follow-up (1 = dead)\nage: "
        + " ".join(age)
        + "\nfustat: "
        + " ".join(dead)
        + "\nlogistic regression of death on age -> OR per year + Wald 95% CI + p"
    )
    b.logit_item(
        SET,
        prompt,
        age,
        dead,
        "OR per year of age; Wald CI",
        "survival::jasa age and fustat",
        "two labelled space lists",
    )


@item
def logistic_nlschools_comb_lang() -> None:
    d = r_frame("MASS::nlschools[seq(3, 2287, 30), c('lang', 'COMB')]")
    lang, comb = toks(d.lang), toks(d.COMB)
    prompt = (
        "|lang|COMB|\n|--|--|\n"
        + "\n".join(f"|{a}|{c}|" for a, c in zip(lang, comb, strict=True))
        + "\n\n(every 30th pupil.) logistic regression, combined class (COMB=1) on language score: OR per point, "
        "95% wald CI, p"
    )
    b.logit_item(
        SET,
        prompt,
        lang,
        comb,
        "OR per point; Wald CI",
        "MASS::nlschools every 30th row from 3",
        "markdown table, no spaces",
    )


# ================================================================ survival


JASA = "survival::jasa[, c('futime', 'fustat', 'transplant', 'age', 'surgery')]"


@item
def km_jasa_all() -> None:
    d = r_frame(JASA)
    t, e = toks(d.futime), toks(d.fustat)
    prompt = (
        "Stanford heart transplant candidates, days from acceptance (+ = alive at last contact):\n"
        + b.plus(t, e)
        + "\n\nKaplan-Meier: median survival and S(t) at 365 and 1000 days"
    )
    b.km_item(
        SET,
        prompt,
        t,
        e,
        [365, 1000],
        "median; S at 365 and 1000 d",
        "survival::jasa futime and fustat",
        "plus-marked list",
    )


@item
def km_ifluid_34kv() -> None:
    d = r_frame("survival::ifluid[survival::ifluid$voltage == 34, ]")
    t = dec2(d.time)
    e = ["1"] * len(t)
    prompt = (
        "insulating fluid breakdown at 34 kV, minutes to breakdown (all 19 broke down, no censoring)\n"
        + "\n".join(t)
        + "\n\nKM estimate pls: median time, and surviving fraction at 5 min and 20 min"
    )
    b.km_item(
        SET, prompt, t, e, [5, 20], "median; S at 5 and 20 min", "survival::ifluid voltage 34", "one value per line"
    )


@item
def km_nafld_first100() -> None:
    d = r_frame(f"{NAFLD}[1:100, c('futime', 'status')]")
    t, e = toks(d.futime), toks(d.status)
    prompt = (
        "futime\tstatus\n"
        + "\n".join(f"{a}\t{c}" for a, c in zip(t, e, strict=True))
        + "\n\n(status 1 = died, 0 = censored; days). kaplan-meir survival at 5 years (1826 d) and 10 y (3652 d) — "
        "median won't be reached"
    )
    b.km_item(
        SET,
        prompt,
        t,
        e,
        [1826, 3652],
        "S at 1826 and 3652 d",
        "survival::nafld1 rows 1-100",
        "tsv time/status",
        median=False,
    )


@item
def logrank_jasa_transplant() -> None:
    d = r_frame(JASA)
    t, e, g = toks(d.futime), toks(d.fustat), ["tx" if x == 1 else "no tx" for x in d.transplant]
    prompt = (
        "jasa, days from acceptance; + = censored\ntransplanted: "
        + b.surv_split(t, e, g, "tx")
        + "\nnever transplanted: "
        + b.surv_split(t, e, g, "no tx")
        + "\n\n(yes I know about immortal time bias, reviewer wants the naive one) log-rank test"
    )
    order = [i for i, x in enumerate(g) if x == "tx"] + [i for i, x in enumerate(g) if x == "no tx"]
    t2, e2, g2 = [t[i] for i in order], [e[i] for i in order], [g[i] for i in order]
    r, check = b.drop_tiny_p(b.r_logrank(t2, e2, g2), b.logrank_check(fl(t2), fl(e2), g2))
    answer(prompt, "log_rank", "two groups", r, check, "survival::jasa by transplant", "labelled plus lists")


@item
def logrank_ifluid_three_voltages() -> None:
    d = r_frame("survival::ifluid[survival::ifluid$voltage %in% c(30, 34, 38), ]")
    t, g = dec2(d.time), [f"{int(v)}kV" for v in d.voltage]
    e = ["1"] * len(t)
    prompt = (
        "time,voltage\n"
        + "\n".join(f"{a},{v}" for a, v in zip(t, toks(d.voltage), strict=True))
        + "\n\nbreakdown times (min) of an insulating fluid at 30, 34, 38 kV; every specimen broke down. "
        "log rank test across the three voltages"
    )
    r, check = b.drop_tiny_p(b.r_logrank(t, e, g), b.logrank_check(fl(t), fl(e), g))
    answer(
        prompt, "log_rank", "three groups", r, check, "survival::ifluid voltages 30, 34, 38", "csv, no status column"
    )


@item
def logrank_nafld_sex_r_coding() -> None:
    d = r_frame(f"{NAFLD}[1:180, c('futime', 'status', 'male')]")
    t, e = toks(d.futime), toks(d.status)
    g = ["M" if x == 1 else "F" for x in d.male]
    st = [str(int(s) + 1) for s in d.status]
    prompt = (
        "time status sex\n"
        + "\n".join(f"{a} {s} {x}" for a, s, x in zip(t, st, g, strict=True))
        + "\n\nstatus coded the R/survival way: 1 = censored, 2 = dead. logrank M vs F pls"
    )
    r, check = b.drop_tiny_p(b.r_logrank(t, e, g), b.logrank_check(fl(t), fl(e), g))
    answer(
        prompt,
        "log_rank",
        "two groups; status 1/2",
        r,
        check,
        "survival::nafld1 rows 1-180 by sex",
        "space columns, status 1 = censored 2 = dead",
    )


@item
def cox_jasa_age() -> None:
    d = r_frame(JASA)
    t, e, a = toks(d.futime), toks(d.fustat), dec2(d.age)
    prompt = (
        "futime,fustat,age\n"
        + "\n".join(f"{x},{s},{y}" for x, s, y in zip(t, e, a, strict=True))
        + "\n\ncoxph(Surv(futime, fustat) ~ age) — HR per year of age at acceptance, 95% CI and p"
    )
    b.cox_item(SET, prompt, t, e, a, "Efron ties; HR per year", "survival::jasa age", "csv with an R call")


@item
def cox_jasa_surgery_breslow() -> None:
    d = r_frame(JASA)
    t, e, s = toks(d.futime), toks(d.fustat), toks(d.surgery)
    g = ["prior CABG" if x == "1" else "none" for x in s]
    prompt = (
        "jasa again. days, + censored\nprior bypass surgery: "
        + b.surv_split(t, e, g, "prior CABG")
        + "\nno prior surgery: "
        + b.surv_split(t, e, g, "none")
        + "\n\nCox PH, prior surgery vs none (none = reference), BRESLOW ties like the old SAS default. HR, CI, p"
    )
    order = [i for i, x in enumerate(g) if x == "none"] + [i for i, x in enumerate(g) if x == "prior CABG"]
    t2, e2, x2 = [t[i] for i in order], [e[i] for i in order], [s[i] for i in order]
    b.cox_item(
        SET,
        prompt,
        t2,
        e2,
        x2,
        "Breslow ties; prior surgery vs none",
        "survival::jasa by surgery",
        "labelled plus lists",
        ties="breslow",
    )


@item
def cox_nafld_bmi() -> None:
    d = r_frame(f"{NAFLD}[1:150, c('futime', 'status', 'bmi')]")
    d = d[~d.bmi.isna()]
    t, e, m = toks(d.futime), toks(d.status), dec1(d.bmi)
    prompt = (
        f"(time, status, bmi) for the {len(t)} of the first 150 NAFLD pts with a BMI:\n"
        + ", ".join(f"({a}, {c}, {x})" for a, c, x in zip(t, e, m, strict=True))
        + "\n\nunivariable cox on bmi (continuous), HR per kg/m2 with CI"
    )
    b.cox_item(SET, prompt, t, e, m, "Efron ties; HR per kg/m2", "survival::nafld1 rows 1-150 with bmi", "tuples")


# ================================================================ design and multiplicity


@item
def sample_size_t_language() -> None:
    prompt = (
        "planning a class-size study. SD of the nlschools language score is about 9 points; smallest "
        "difference worth finding = 3 pts. 2-sided alpha .05. n per arm for 80% and 90% power?"
    )
    b.sample_size_t_item(
        SET,
        prompt,
        "3",
        "9",
        [0.8, 0.9],
        "two-sample, two-sided; two powers",
        "design values (MASS::nlschools lang SD, rounded)",
        "design prose",
    )


@item
def power_t_ddt_alpha01() -> None:
    prompt = (
        "power.t.test(n = 15, delta = 0.5, sd = 0.44, sig.level = 0.01)  <- power for that? two-sample, 2 sided. "
        "and the same at n = 25"
    )
    r = (
        "a <- power.t.test(n = 15, delta = 0.5, sd = 0.44, sig.level = 0.01)$power\n"
        "c0 <- power.t.test(n = 25, delta = 0.5, sd = 0.44, sig.level = 0.01)$power\n"
        "emit(power_n15 = a, power_n25 = c0)"
    )
    check = {"power_n15": b.power_t_py(15, 0.5, 0.44, 0.01), "power_n25": b.power_t_py(25, 0.5, 0.44, 0.01)}
    answer(
        prompt,
        "power_t",
        "two-sample, two-sided; alpha 0.01",
        r,
        check,
        "design values (MASS::DDT SD scale)",
        "r call plus prose",
    )


@item
def sample_size_prop_nafld_mortality() -> None:
    prompt = (
        "crude mortality ~7.3% in women vs 8.4% in men in the nafld cohort. how many per group to detect that "
        "with 90% power, alpha 0.05 two-sided? (I suspect a lot)"
    )
    r = (
        "a <- power.prop.test(p1 = 0.073, p2 = 0.084, power = 0.9)$n\n"
        "emit(n_per_group = ceiling(a), n_total = 2 * ceiling(a))"
    )
    n = float(np.ceil(b.n_prop_py(0.073, 0.084, 0.9)))
    answer(
        prompt,
        "sample_size_proportions",
        "two-sided; 90% power",
        r,
        {"n_per_group": n, "n_total": 2 * n},
        "design values (survival::nafld1 mortality by sex, rounded)",
        "design prose with percentages",
    )


@item
def power_prop_eagles() -> None:
    prompt = (
        "if pirate success is 80% vs 30% what power with 12 attempts per group? & with 20? power.prop.test, "
        "two-sided 5%"
    )
    r = (
        "a <- power.prop.test(n = 12, p1 = 0.8, p2 = 0.3)$power\n"
        "c0 <- power.prop.test(n = 20, p1 = 0.8, p2 = 0.3)$power\nemit(power_n12 = a, power_n20 = c0)"
    )
    check = {"power_n12": b.power_prop_py(12, 0.8, 0.3), "power_n20": b.power_prop_py(20, 0.8, 0.3)}
    answer(
        prompt, "power_proportions", "two-sided", r, check, "design values (MASS::eagles success scale)", "design prose"
    )


@item
def padjust_attenu_bh() -> None:
    events = [5, 18, 20, 21, 22]
    labels = [f"ev{e}" for e in events]
    code = "\n".join(
        f"emit(ev{e} = cor.test(attenu$dist[attenu$event == {e}], attenu$accel[attenu$event == {e}], "
        "method = 'spearman', exact = FALSE)$p.value)"
        for e in events
    )
    raw = b.raw_pvalues(code)
    pvals = [raw[v] for v in labels]
    prompt = (
        "spearman dist vs accel within each of five quakes (attenu), raw p:\n"
        + "\n".join(f"event {e} — p = {p}" for e, p in zip(events, pvals, strict=True))
        + "\n\nBenjamini-Hochberg FDR adjusted p-values please"
    )
    b.padj_item(
        SET, prompt, labels, pvals, "BH", "datasets::attenu Spearman p-values by event", "one p per line with dashes"
    )


@item
def padjust_nottem_holm() -> None:
    months = [4, 6, 8, 9, 11]
    labels = [b.MONTHS[m - 1] for m in months]
    code = "\n".join(
        f"x <- as.numeric(nottem)[cycle(nottem) == {m}]; yr <- floor(time(nottem))[cycle(nottem) == {m}]\n"
        f"emit({b.MONTHS[m - 1]} = t.test(x[yr >= 1930], x[yr < 1930])$p.value)"
        for m in months
    )
    raw = b.raw_pvalues(code)
    pvals = [raw[v] for v in labels]
    prompt = (
        "30s vs 20s Welch p-values by month at Nottingham: "
        + ", ".join(f"{lab} {p}" for lab, p in zip(labels, pvals, strict=True))
        + " -- holm adjust pls"
    )
    b.padj_item(SET, prompt, labels, pvals, "holm", "datasets::nottem Welch p-values by month", "inline name value")


# ================================================================ must-decline: analyses outside the recipes


@item
def declines_unsupported_analyses() -> None:
    d = r_frame("MASS::nlschools[1:40, c('lang', 'IQ', 'class')]")
    decline(
        "lang IQ class\n"
        + "\n".join(f"{a} {fnum(q)} {c}" for a, q, c in zip(toks(d.lang), d.IQ, d["class"], strict=True))
        + "\n\npupils nested in classes -> lmer(lang ~ IQ + (1 | class)), fixed effect of IQ + class variance pls",
        "mixed_model",
        "a mixed model with a random class effect is not a supported analysis",
        ["mixed", "random", "no vetted recipe"],
        "MASS::nlschools rows 1-40",
        "space columns",
    )
    o = r_frame("MASS::OME[MASS::OME$ID %in% c(1, 2, 3), c('ID', 'Loud', 'Noise', 'Correct', 'Trials')]")
    decline(
        "ID,Loud,Noise,Correct,Trials\n"
        + "\n".join(
            f"{i},{lo},{n},{c},{t}"
            for i, lo, n, c, t in zip(toks(o.ID), toks(o.Loud), o.Noise, toks(o.Correct), toks(o.Trials), strict=True)
        )
        + "\n(OME, first 3 children.) GEE with exchangeable correlation, binomial Correct/Trials ~ Loud, clustered by "
        "child. robust SEs",
        "gee",
        "generalized estimating equations are not a supported analysis",
        ["gee", "estimating equations", "no vetted recipe"],
        "MASS::OME children 1-3",
        "csv long by subject",
    )
    x = dec2(r_frame("data.frame(x = MASS::DDT)").x)
    decline(
        "DDT ppm: " + " ".join(x) + "\nbayesian one-sample t test vs 3 ppm (JZS prior, r = 0.707) -> Bayes factor BF10",
        "bayesian_t",
        "a Bayesian t-test / Bayes factor is not a supported analysis",
        ["bayes", "no vetted recipe", "not supported"],
        "MASS::DDT",
        "inline list",
    )
    decline(
        "we want to compare mortality in obese vs non-obese NAFLD pts but they differ in age and sex. do 1:1 "
        "nearest-neighbour propensity score matching on age + male (caliper 0.2 SD) then give the matched HR. "
        "data: survival::nafld1",
        "propensity_matching",
        "propensity-score matching is not a supported analysis",
        ["propensity", "matching", "no vetted recipe"],
        "survival::nafld1 (named, not pasted)",
        "request in prose",
    )
    n = r_frame("MASS::nlschools[seq(5, 2287, 60), c('IQ', 'COMB')]")
    decline(
        "IQ: "
        + " ".join(fnum(v) for v in n.IQ)
        + "\nCOMB: "
        + " ".join(toks(n.COMB))
        + "\nhow well does IQ predict being in a combined class? AUC + 95% CI (DeLong) please",
        "roc_auc",
        "ROC/AUC analysis is not a supported analysis",
        ["roc", "auc", "no vetted recipe"],
        "MASS::nlschools every 60th row from 5",
        "two labelled lists",
    )
    f = r_frame("freeny")
    decline(
        "y\tlag\tprice\tincome\tmarket\n"
        + "\n".join(
            "\t".join(toks(row, 5))
            for row in zip(f.y, f.lag_quarterly_revenue, f.price_index, f.income_level, f.market_potential, strict=True)
        )
        + "\n\nlm(y ~ lag + price + income + market), all 4 coefficients w/ SEs",
        "multiple_regression",
        "a regression on several predictors is outside the simple linear regression",
        ["multiple", "several predictors", "multivariable"],
        "datasets::freeny",
        "tsv with header",
    )
    r = r_frame("MASS::road")
    states = b.r_text_rownames("MASS::road")
    decline(
        "state deaths drivers(10^4)\n"
        + "\n".join(f"{s} {x} {y}" for s, x, y in zip(states, toks(r.deaths), toks(r.drivers), strict=True))
        + "\n\npoisson glm of deaths with log(drivers) as offset + popden -> rate ratio per unit popden",
        "poisson_regression",
        "Poisson regression with an offset is not a supported analysis",
        ["poisson", "offset", "no vetted recipe"],
        "MASS::road deaths and drivers",
        "space columns with names",
    )
    c = r_frame("MASS::cpus[1:30, c('perf', 'estperf')]")
    decline(
        "published vs estimated cpu performance, 30 machines\npub: "
        + " ".join(toks(c.perf))
        + "\nest: "
        + " ".join(toks(c.estperf))
        + "\nBland-Altman: mean difference and 95% limits of agreement",
        "bland_altman",
        "Bland-Altman limits of agreement are not a supported analysis",
        ["bland", "agreement", "no vetted recipe"],
        "MASS::cpus rows 1-30 perf and estperf",
        "two labelled lists",
    )
    m = r_frame("MASS::muscle[MASS::muscle$Conc %in% c(1, 2, 3), ]")
    decline(
        "Strip Conc Length\n"
        + "\n".join(f"{s} {fnum(k)} {v}" for s, k, v in zip(m.Strip, m.Conc, dec1(m.Length), strict=True))
        + "\n\ntwo-way anova Length ~ Strip + factor(Conc), F for conc adjusting for strip",
        "two_way_anova",
        "a two-way ANOVA is outside the one-way ANOVA recipe",
        ["two-way", "two factors", "no vetted recipe"],
        "MASS::muscle Conc 1, 2, 3",
        "space columns",
    )
    groups = [b.period_of("nottem", mo, 1920, 1929, "dec1") for mo in (6, 7, 8)]
    # first written as a decline; labbot's one-way ANOVA reports Tukey's HSD (R's TukeyHSD), so it is answerable
    b.tukey_item(
        SET,
        "Nottingham 1920s temps\nJun: "
        + ", ".join(groups[0])
        + "\nJul: "
        + ", ".join(groups[1])
        + "\nAug: "
        + ", ".join(groups[2])
        + "\npairwise comparisons after the anova: Tukey HSD with adjusted CIs",
        groups,
        "datasets::nottem Jun-Aug 1920s",
        "labelled lists",
    )
    decline(
        "nafld1 again: deaths vs liver transplant as competing events. cumulative incidence of death at 10 y by "
        "sex (Fine-Gray subdistribution HR pls)",
        "competing_risks",
        "competing-risks (cumulative incidence, Fine-Gray) is not a supported analysis",
        ["competing", "fine-gray", "no vetted recipe"],
        "survival::nafld1 (named, not pasted)",
        "request in prose",
    )
    decline(
        "sample size for a log-rank test: median survival 2 y control vs 3 y treated, accrual 3 y, follow-up 2 y, "
        "alpha .05, 80% power. Schoenfeld / Freedman formula, number of events and patients",
        "sample_size_survival",
        "sample size for a survival comparison is outside the two-means / two-proportions recipes",
        ["survival", "log-rank", "no vetted recipe"],
        "design values",
        "design prose",
    )
    d = r_frame(JASA)
    decline(
        "futime fustat age surgery\n"
        + "\n".join(
            f"{a} {s} {g} {u}"
            for a, s, g, u in zip(
                toks(d.futime)[:40], toks(d.fustat)[:40], dec1(d.age)[:40], toks(d.surgery)[:40], strict=True
            )
        )
        + "\n\ncox model with age AND surgery together, adjusted HR for surgery",
        "cox_multivariable",
        "a Cox model with several covariates is outside the single-covariate Cox",
        ["adjusted", "several covariates", "multivariable"],
        "survival::jasa rows 1-40",
        "space columns",
    )


# ================================================================ must-decline: data that cannot make the test


@item
def declines_unusable_data() -> None:
    y20, y21 = b.ts_year("nottem", 1920, "dec1"), b.ts_year("nottem", 1921, "dec1")[:11]
    decline(
        "1920: " + " ".join(y20) + "\n1921: " + " ".join(y21) + "\npaired t test 1921 minus 1920, months are the pairs",
        "paired_t",
        "the two years have 12 and 11 values; a paired test needs one value of each per pair",
        ["pairs", "unequal", "12 and 11"],
        "datasets::nottem 1920 and Jan-Nov 1921",
        "two labelled lists of different lengths",
    )
    d = r_frame("MASS::farms")
    tab = b.crosstab(d, "Manag", "Use", ["BF", "HF", "NM", "SF"], ["U1", "U2", "U3"])
    decline(
        "      U1 U2 U3\n"
        + "\n".join(
            f"{m:<6}" + " ".join(f"{v:>2}" for v in row) for m, row in zip(["BF", "HF", "NM", "SF"], tab, strict=True)
        )
        + "\n(MASS::farms, management x grassland use.) odds ratio + 95% CI from this table pls",
        "odds_ratio",
        "an odds ratio needs a 2x2 table; this is 4x3",
        ["2x2", "4x3", "two rows"],
        "MASS::farms Manag by Use",
        "r table print 4x3",
    )
    ja = r_frame(JASA)
    t, tx = toks(ja.futime), list(ja.transplant)
    decline(
        "follow-up days, transplanted vs not (jasa):\ntx: "
        + ", ".join(b.split_by(t, tx, 1)[:30])
        + "\nno tx: "
        + ", ".join(b.split_by(t, tx, 0)[:30])
        + "\nsome of them were still alive at the end but I don't have that column handy. log-rank test?",
        "log_rank",
        "no event/censoring status is given, so the log-rank test cannot be computed",
        ["status", "censor", "event"],
        "survival::jasa futime, first 30 of each transplant group, without status",
        "two lists without censoring marks",
    )
    decline(
        "of the 103 heart transplant candidates 75 died during follow-up. can you draw me the Kaplan-Meier and "
        "give the median survival?",
        "kaplan_meier",
        "only a count of deaths is given; Kaplan-Meier needs the individual times",
        ["times", "individual", "time"],
        "survival::jasa counts",
        "counts in prose",
    )
    a20 = b.period_of("nottem", 8, 1920, 1929, "dec1")
    decline(
        "Aug temps 1920s (n=10): "
        + ", ".join(a20[:9])
        + "\nAug temps 1930s (n=10): "
        + ", ".join(b.period_of("nottem", 8, 1930, 1939, "dec1"))
        + "\nwelch t, 30s minus 20s",
        "welch_t",
        "the 1920s group is labelled n=10 but lists nine values",
        ["n=10", "nine", "9"],
        "datasets::nottem August 1920s (one value missing) and 1930s",
        "group sizes contradicting the values",
    )
    lo = r_frame("survival::logan")
    tab = b.crosstab(lo, "occupation", "race", LOGAN_OCC, ["non-black", "black"])
    decline(
        "occupation x race (logan)\n"
        + "\n".join(f"{o}: {r[0]} / {r[1]}" for o, r in zip(LOGAN_OCC, tab, strict=True))
        + "\none-sided chi-square test please (black under-represented in professional jobs)",
        "chi_square",
        "a chi-square test of a 5x2 table has no one-sided version",
        ["one-sided", "two-sided", "direction"],
        "survival::logan occupation by race",
        "named rows with a slash",
    )
    d = r_frame("MASS::road")
    states = b.r_text_rownames("MASS::road")
    decline(
        "\n".join(f"{s}: {x} deaths, {y} temp" for s, x, y in zip(states, toks(d.deaths), toks(d.temp), strict=True))
        + "\n\nspearman rho deaths vs max temperature WITH a 99% bootstrap CI for rho (10000 resamples)",
        "spearman",
        "a bootstrap confidence interval for Spearman's rho is not something the recipe computes",
        ["confidence interval", "bootstrap", "ci"],
        "MASS::road deaths and temp",
        "a named subject per line",
    )
    st = r_frame("MASS::stormer[MASS::stormer$Wt == 20, ]")
    decline(
        "stormer 20 g: viscosity "
        + ", ".join(dec1(st.Viscosity))
        + " ; time "
        + ", ".join(dec1(st.Time))
        + "\nWelch t-test viscosity vs time, trimmed means (Yuen, 20% trimming)",
        "welch_t",
        "a trimmed-means (Yuen) t-test is not the Welch recipe",
        ["trimmed", "yuen", "no vetted recipe"],
        "MASS::stormer Wt == 20",
        "two inline lists",
    )
    dd = r_frame("MASS::cpus[1:24, c('name', 'perf')]")
    decline(
        "perf for the first 24 cpus: "
        + ", ".join(toks(dd.perf))
        + "\nMann-Whitney test vs the second batch of machines please",
        "mann_whitney",
        "only one group of values is given; a two-group test needs the second group",
        ["one group", "second group", "two groups"],
        "MASS::cpus rows 1-24 perf",
        "single list",
    )


if __name__ == "__main__":
    SET.run()
