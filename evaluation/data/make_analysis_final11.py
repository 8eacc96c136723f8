"""Build the eleventh fresh evaluation set for labbot's named analyses (``analysis_final11.jsonl``).

Written blind: the author read only the README's analyses section, the shared ``_build`` helpers and
``make_analysis_final10.py``/``make_analysis_final7.py`` (for structure), not how labbot parses a request nor any
earlier set's prompts.  Every answerable item pastes real data the way researchers paste into Slack (R console
prints of data frames, ``Surv`` objects, lists, named vectors and tables; Excel/Sheets copies with tabs, thousands
separators, percentages, Total rows and blank cells; pandas prints; quoted CSV; semicolon exports with decimal
commas; markdown; prose with counts, some in words, and group labels that carry numbers; survival times with ``+``,
tuples, event columns with a legend, R's 1/2 status, lifelines-style frames; wide and long layouts; a block or
column the request does not use; follow-up wording) on data sets no earlier set uses: rpart's stagec, kyphosis and
car.test.frame; nlme's Orthodont, Oxboys, Milk, Rail, Oats, BodyWeight, MathAchieve/MathAchSchool, ergoStool;
lattice's singer, barley and ethanol; cluster's votes.repub and agriculture; datasets' crimtab; MASS's phones;
statsmodels' committee.  Expected numbers come from R on exactly the number strings written into the prompt and are
recomputed in Python, or the build stops (see ``_build``).  Must-decline items ask for an analysis outside the
supported list (several of them a close variant of a supported one), paste data that cannot support the analysis
they name, or ask for a setting the named recipe cannot honour; ``reason_mentions`` lists words of which the decline
reason should contain one.

Run ``.venv/bin/python evaluation/data/make_analysis_final11.py``; the output is byte-identical run to run.
``... make_analysis_final11.py NAME`` only builds the items whose builder name contains NAME and prints them.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from evaluation.data import _build as b  # the R runner, formatting and checks every set generator shares

warnings.filterwarnings("ignore")
import statsmodels.api as sm  # noqa: E402

SET = b.ItemSet(Path(__file__).resolve().with_name("analysis_final11.jsonl"), "final11")
item, answer, decline = SET.item, SET.answer, SET.decline
fnum, toks, dec1, dec2, rv, fl, r_frame = b.fnum, b.toks, b.dec1, b.dec2, b.rv, b.fl, b.r_frame
fmt, frame_print, table_print = b.fmt, b.frame_print, b.r_table_print
logrank_item, power_t_item, sample_size_prop_item, signed_rank_item, shapiro_item, woolf_item = (
    functools.partial(helper, SET)
    for helper in (
        *(b.logrank_item, b.power_t_item, b.sample_size_prop_item),
        *(functools.partial(b.signed_rank_item, drop_tiny=True), b.shapiro_item, b.woolf_item),
    )
)


def kruskal_item(groups: Sequence[Sequence[str]], prompt: str, variant: str, src: str, form: str) -> None:
    b.kruskal_item(SET, prompt, groups, variant, src, form, drop_tiny=True)


th = b.thousands


def cox_item(
    prompt: str, t: Sequence[str], e: Sequence[str], x: Sequence[str], variant: str, src: str, form: str
) -> None:
    """``_build.cox_item`` (Efron ties, converged tightly) with p left out of the expectation when it is tiny."""
    check = b.cox_check(fl(t), fl(e), fl(x), tight=True)
    r, check = b.drop_tiny_p(b.r_cox(t, e, x, tight=True), check)
    answer(prompt, "cox", variant, r, check, src, form)


def logit_item(prompt: str, x: Sequence[str], y: Sequence[str], variant: str, src: str, form: str) -> None:
    b.logit_item(SET, prompt, x, y, variant, src, form, drop_tiny=True)


# ---------------------------------------------------------------- the data sets, read once from R

STAGEC = "rpart::stagec"


def stagec() -> pd.DataFrame:
    """Stage C prostate cancer (146 men): years to progression ``pgtime``, ``pgstat`` 1 = progressed."""
    return r_frame(STAGEC)


def kyphosis() -> pd.DataFrame:
    return r_frame("rpart::kyphosis")


def cars() -> pd.DataFrame:
    d = r_frame("data.frame(rpart::car.test.frame, car = rownames(rpart::car.test.frame))")
    d["car"] = [" ".join(str(c).split()) for c in d.car]
    return d


def singer() -> pd.DataFrame:
    d = r_frame("data.frame(height = lattice::singer$height, part = as.character(lattice::singer$voice.part))")
    d["row"] = [str(i + 1) for i in range(len(d))]
    return d


def votes() -> pd.DataFrame:
    return r_frame("data.frame(state = rownames(cluster::votes.repub), cluster::votes.repub)")


def committee() -> pd.DataFrame:
    return sm.datasets.committee.load_pandas().data


def math_achieve() -> pd.DataFrame:
    return r_frame(
        "merge(as.data.frame(nlme::MathAchieve), as.data.frame(nlme::MathAchSchool)[, c('School', 'Sector', "
        "'Size')], by = 'School')"
    )


def crimtab_bands() -> pd.DataFrame:
    """Macdonald's 3,000 criminals: finger length (cm) by height (cm, the inch classes' midpoints)."""
    d = r_frame("as.data.frame(crimtab)")
    d["finger"] = np.where(d.Var1 < 11, "under 11", np.where(d.Var1 < 12, "11-11.9", "12+"))
    d["height"] = np.where(d.Var2 < 160, "under 160", np.where(d.Var2 < 170, "160-169", "170+"))
    return d


def crim_count(d: pd.DataFrame, height: str | Sequence[str], finger: str | Sequence[str]) -> int:
    hs = [height] if isinstance(height, str) else list(height)
    fs = [finger] if isinstance(finger, str) else list(finger)
    return int(d.Freq[d.height.isin(hs) & d.finger.isin(fs)].sum())


# ================================================================ t-tests


@item
def welch_singer_bass2_tenor1_print() -> None:
    d = singer()
    sub = d[d.part.isin(["Tenor 1", "Bass 2"])]
    h = toks(sub.height)
    prompt = (
        "welch t please, Bass 2 minus Tenor 1, and give me a 90% confidence interval rather than 95. heights in "
        "inches, NY Choral Society 1979:\n\n"
        '> subset(singer, voice.part %in% c("Tenor 1", "Bass 2"))\n'
        + frame_print(["height", "voice.part"], list(zip(h, sub.part, strict=True)), list(sub.row))
    )
    b.two_sample_t_item(
        SET,
        prompt,
        b.split_by(h, list(sub.part), "Bass 2"),
        b.split_by(h, list(sub.part), "Tenor 1"),
        False,
        "two-sided; Bass 2 minus Tenor 1; 90% CI",
        "lattice::singer, Tenor 1 and Bass 2",
        "request before an R data.frame print, group labels with numbers",
        level=0.9,
    )


@item
def student_orthodont_age14_excel_long() -> None:
    d = r_frame("subset(as.data.frame(nlme::Orthodont), age == 14)")
    dist = toks(d.distance)
    lines = ["Subject\tSex\tage (yr)\tdistance (mm)"] + [
        f"{s}\t{x}\t14\t{v}" for s, x, v in zip(d.Subject, d.Sex, dist, strict=True)
    ]
    prompt = (
        "Orthodontic growth data (Potthoff & Roy), pituitary-pterygomaxillary distance at the age-14 visit only:\n"
        + "\n".join(lines)
        + "\n\nStudent's t-test with pooled variance please, Male minus Female, one-sided: we expect boys to be "
        "larger (alternative greater)."
    )
    b.two_sample_t_item(
        SET,
        prompt,
        b.split_by(dist, list(d.Sex), "Male"),
        b.split_by(dist, list(d.Sex), "Female"),
        True,
        "pooled, one-sided (greater); Male minus Female",
        "nlme::Orthodont age 14",
        "excel long format with a constant column",
        alt="greater",
    )


@item
def welch_cars_japan_usa_followup_csv() -> None:
    d = cars()
    d = d[d.Country.isin(["Japan", "USA", "Japan/USA"])]
    lines = ['"car","Country","Type","Mileage"'] + [
        f'"{c}","{k}","{t}",{fnum(m)}' for c, k, t, m in zip(d.car, d.Country, d.Type, d.Mileage, strict=True)
    ]
    mpg = toks(d.Mileage)
    prompt = (
        "same welch test as this morning on Mileage but ONE-sided this time: are the Japanese cars more economical "
        "than the American ones (Japan minus USA, alternative greater)? leave the Japan/USA transplants out. "
        "pasting the sheet again (Consumer Reports 1990, mpg):\n" + "\n".join(lines)
    )
    b.two_sample_t_item(
        SET,
        prompt,
        b.split_by(mpg, list(d.Country), "Japan"),
        b.split_by(mpg, list(d.Country), "USA"),
        False,
        "one-sided (greater); Japan minus USA",
        "rpart::car.test.frame, Country Japan and USA",
        "quoted csv, follow-up wording, a third group to leave out",
        alt="greater",
    )


@item
def paired_votes_1968_1964_markdown() -> None:
    v = votes().iloc[25:]
    a60, a64, a68 = fmt(v.X1960, 2), fmt(v.X1964, 1), fmt(v.X1968, 1)
    rows = "\n".join(f"| {s} | {x}% | {y}% | {z}% |" for s, x, y, z in zip(v.state, a60, a64, a68, strict=True))
    prompt = (
        "Republican share of the presidential vote by state, Montana to Wyoming:\n\n"
        "| state | 1960 | 1964 | 1968 |\n|:--|--:|--:|--:|\n" + rows + "\n\n"
        "paired t-test 1968 minus 1964 by state, two-sided, 99% CI. 1960 is only there for context"
    )
    b.paired_t_item(
        SET,
        prompt,
        a68,
        a64,
        "two-sided; 1968 minus 1964; 99% CI",
        "cluster::votes.repub states 26-50 (Montana-Wyoming)",
        "markdown with % signs and an unused column",
        level=0.99,
    )


@item
def paired_oxboys_semicolon_commas() -> None:
    d = r_frame("as.data.frame(nlme::Oxboys)")
    h1 = dec1(d.height[d.Occasion == 1])
    h9 = dec1(d.height[d.Occasion == 9])
    subj = toks(d.Subject[d.Occasion == 1])
    lines = ["junge;groesse_t1;groesse_t9"] + [
        f"{s};{b.dcomma(a)};{b.dcomma(c)}" for s, a, c in zip(subj, h1, h9, strict=True)
    ]
    prompt = (
        "Hallo! Oxford boys, standing height (cm) at the first and the ninth visit, exported from our German "
        "Excel (semicolons, decimal commas):\n" + "\n".join(lines) + "\n\n"
        "paired t test t9 minus t1, 95% KI (confidence interval) for the mean growth"
    )
    b.paired_t_item(
        SET,
        prompt,
        h9,
        h1,
        "two-sided; visit 9 minus visit 1",
        "nlme::Oxboys occasions 1 and 9",
        "semicolon export with decimal commas",
    )


@item
def paired_barley_morris_variety_labels() -> None:
    d = r_frame("subset(lattice::barley, site == 'Morris')")
    y31 = d[d.year == 1931].set_index("variety")["yield"]
    y32 = d[d.year == 1932].set_index("variety")["yield"]
    names = list(y31.index)
    a31, a32 = fmt(y31, 5), fmt(y32[names], 5)
    lines = ["variety\t1931\t1932"] + [f"{n}\t{x}\t{y}" for n, x, y in zip(names, a31, a32, strict=True)]
    prompt = (
        "Immer's barley trial, Morris MN, yield in bushels/acre for the 10 varieties in both years (the famous "
        "site where the years may have been swapped):\n" + "\n".join(lines) + "\n\n"
        "paired t, 1932 minus 1931, paired by variety. two sided"
    )
    b.paired_t_item(
        SET,
        prompt,
        a32,
        a31,
        "two-sided; 1932 minus 1931",
        "lattice::barley, site Morris",
        "sheets copy, row labels containing numbers (No. 457, Wisconsin No. 38)",
    )


@item
def one_sample_milk_barley_vector() -> None:
    x = fmt(r_frame("subset(as.data.frame(nlme::Milk), Time == 1 & Diet == 'barley')").protein, 2)
    summ = b.r_text(f"print(summary({rv(x)}))").rstrip()
    prompt = (
        '> protein <- with(subset(Milk, Time == 1 & Diet == "barley"), protein)\n> summary(protein)\n'
        + summ
        + "\n> protein\n"
        + b.r_vector_print(x, 15)
        + "\n\nmilk protein (%) in week 1 for the 25 cows on the barley diet. one sample t test against 3.8 (the "
        "herd-book figure), two sided, 90% confidence interval"
    )
    b.one_sample_t_item(
        SET,
        prompt,
        x,
        "3.8",
        "two-sided; mu = 3.8; 90% CI",
        "nlme::Milk week 1, barley diet",
        "R summary() block then the vector print",
        level=0.9,
    )


# ================================================================ rank tests


@item
def mw_committee_prestige_pandas() -> None:
    m = committee()
    shown = m.astype(int).to_string()
    bills = toks(m.BILLS104)
    pres = toks(m.PRESTIGE)
    prompt = (
        ">>> committee = sm.datasets.committee.load_pandas().data\n>>> print(committee.astype(int))\n"
        + shown
        + "\n\nUS House committees, 104th Congress. Mann-Whitney / Wilcoxon rank-sum on BILLS104 (bills "
        "assigned), the 4 prestige committees (PRESTIGE == 1) vs the other 16. exact p, two-sided. the other "
        "columns aren't needed"
    )
    b.mw_item(
        SET,
        prompt,
        b.split_by(bills, pres, "1"),
        b.split_by(bills, pres, "0"),
        True,
        False,
        "two-sided",
        "exact, two-sided; prestige vs other committees",
        "statsmodels committee",
        "pandas print with unused columns",
    )


@item
def mw_kyphosis_age_split_print() -> None:
    k = kyphosis()
    ages = toks(k.Age)
    shown = b.r_text("print(split(rpart::kyphosis$Age, rpart::kyphosis$Kyphosis))").rstrip()
    prompt = (
        "> split(kyphosis$Age, kyphosis$Kyphosis)\n"
        + shown
        + "\n\nage in months of children after corrective spinal surgery. wilcoxon rank sum present vs absent, "
        "normal approximation with continuity correction (there are ties)"
    )
    b.mw_item(
        SET,
        prompt,
        b.split_by(ages, list(k.Kyphosis), "present"),
        b.split_by(ages, list(k.Kyphosis), "absent"),
        False,
        True,
        "two-sided",
        "normal approximation with correction; present vs absent",
        "rpart::kyphosis Age by Kyphosis",
        "R list print of split()",
    )


@item
def signed_rank_votes_1964_1960_arrows() -> None:
    v = votes().iloc[:25]
    a60, a64 = fmt(v.X1960, 2), fmt(v.X1964, 1)
    prompt = (
        "GOP % of the vote, 1960 -> 1964, Alabama through Missouri\n"
        + "\n".join(f"{s}: {x} -> {y}" for s, x, y in zip(v.state, a60, a64, strict=True))
        + "\n\nwilcoxon signed rank, 1964 minus 1960, exact p (no ties I think)"
    )
    signed_rank_item(
        prompt,
        b.diffs(a64, a60),
        f"xx <- round({rv(a64)} - {rv(a60)}, 10)",
        ", exact = TRUE",
        "exact",
        False,
        "exact, two-sided; 1964 minus 1960",
        "cluster::votes.repub states 1-25 (Alabama-Missouri)",
        "name: before -> after per line",
    )


@item
def signed_rank_barley_grand_rapids_approx() -> None:
    d = r_frame("subset(lattice::barley, site == 'Grand Rapids')")
    y31 = d[d.year == 1931].set_index("variety")["yield"]
    y32 = d[d.year == 1932].set_index("variety")["yield"]
    names = list(y31.index)
    a31, a32 = fmt(y31, 2), fmt(y32[names], 2)
    lines = ["| variety | 1931 | 1932 |", "|---|---|---|"] + [
        f"| {n} | {x} | {y} |" for n, x, y in zip(names, a31, a32, strict=True)
    ]
    prompt = (
        "Grand Rapids plots (barley yield, bu/acre, 2 dp):\n"
        + "\n".join(lines)
        + "\n\nsigned-rank test of 1932 minus 1931 across the ten varieties, one-sided (1932 lower: alternative = "
        "less), normal approximation WITHOUT continuity correction"
    )
    signed_rank_item(
        prompt,
        b.diffs(a32, a31),
        f"xx <- round({rv(a32)} - {rv(a31)}, 10)",
        ", exact = FALSE, correct = FALSE, alternative = 'less'",
        "approx",
        False,
        "normal approximation, no correction, one-sided (less); 1932 minus 1931",
        "lattice::barley, site Grand Rapids",
        "markdown, varieties with numbers in their names",
    )


@item
def kruskal_singer_upper_voices_lines() -> None:
    d = singer()
    parts = ["Soprano 1", "Soprano 2", "Alto 1", "Alto 2"]
    groups = [toks(d.height[d.part == p]) for p in parts]
    prompt = (
        "heights (in) of the upper voices:\n"
        + "\n".join(f"{p}: {' '.join(g)}" for p, g in zip(parts, groups, strict=True))
        + "\n\nkruskall-wallis across the four voice parts pls"
    )
    kruskal_item(groups, prompt, "four voice parts", "lattice::singer, sopranos and altos", "a group per line")


@item
def kruskal_bodyweight_day64_dput() -> None:
    expr = "subset(as.data.frame(nlme::BodyWeight), Time == 64)"
    d = r_frame(expr)
    w, diet = toks(d.weight), toks(d.Diet)
    shown = b.r_text(
        f"x <- {expr}[, c('Rat', 'Diet', 'weight')]; rownames(x) <- NULL; x$Rat <- as.integer(as.character(x$Rat))\n"
        "dput(x)"
    ).rstrip()
    prompt = (
        "final body weights (g, day 64) of the 16 rats on three diets, dput so you get it exactly:\n"
        + shown
        + "\n\ngroups are tiny (8/4/4) so nonparametric: Kruskal Wallis on weight by Diet"
    )
    groups = [b.split_by(w, diet, g) for g in ("1", "2", "3")]
    kruskal_item(groups, prompt, "three diets", "nlme::BodyWeight day 64", "R dput() of a data frame with a factor")


# ================================================================ ANOVA and normality


@item
def anova_rail_print() -> None:
    d = r_frame("as.data.frame(nlme::Rail)")
    rail, travel = toks(d.Rail), toks(d.travel)
    prompt = (
        "> Rail   # ultrasonic travel time (ns, minus 36,100) measured 3 times on each of 6 rails\n"
        + frame_print(["Rail", "travel"], list(zip(rail, travel, strict=True)))
        + "\n\none-way ANOVA of travel with rail as the factor (F and p)"
    )
    groups = [b.split_by(travel, rail, r) for r in dict.fromkeys(rail)]
    b.anova_item(
        SET, prompt, groups, list(dict.fromkeys(rail)), "six rails", "nlme::Rail", "R data.frame print, numeric factor"
    )


@item
def anova_oats_nitrogen_wide_excel() -> None:
    d = r_frame("as.data.frame(nlme::Oats)")
    levels = ["0", "0.2", "0.4", "0.6"]
    groups = [toks(d["yield"][np.isclose(d.nitro, float(n))]) for n in levels]
    lines = ["0 cwt/acre\t0.2 cwt/acre\t0.4 cwt/acre\t0.6 cwt/acre"] + [
        "\t".join(g[i] for g in groups) for i in range(len(groups[0]))
    ]
    prompt = (
        "Yates' oats split-plot, yield (1/4 lbs per sub-plot) by nitrogen dose, copied column by column from the "
        "sheet:\n" + "\n".join(lines) + "\n\nI know it's a split plot but for now a plain one way anova on "
        "nitrogen please"
    )
    b.anova_item(
        SET,
        prompt,
        groups,
        levels,
        "four nitrogen doses",
        "nlme::Oats",
        "excel wide columns with numeric headers",
    )


@item
def shapiro_ethanol_equivalence_vector() -> None:
    x = fmt(r_frame("lattice::ethanol").E, 3)
    prompt = (
        "> ethanol$E   # equivalence ratio, 88 engine runs\n"
        + b.r_vector_print(x, 11)
        + "\n\nIs E normally distributed? shapiro-wilk please"
    )
    shapiro_item(prompt, x, "lattice::ethanol E", "R vector print")


# ================================================================ tables of counts


@item
def chisq_crimtab_bands_excel_total() -> None:
    d = crimtab_bands()
    hs, fs = ["under 160", "160-169", "170+"], ["under 11", "11-11.9", "12+"]
    cells = [[crim_count(d, h, f) for f in fs] for h in hs]
    lines = ["Height (cm)\tfinger < 11 cm\tfinger 11-11.9 cm\tfinger 12+ cm\tTotal\t% finger 12+"]
    for h, row in zip(["under 160", "160-169", "170 and over"], cells, strict=True):
        lines.append("\t".join([h, *(th(str(v)) for v in row), th(str(sum(row))), f"{100 * row[2] / sum(row):.1f}%"]))
    tot = [sum(c[j] for c in cells) for j in range(3)]
    lines.append("\t".join(["Total", *(th(str(v)) for v in tot), th(str(sum(tot))), f"{100 * tot[2] / sum(tot):.1f}%"]))
    prompt = (
        "Macdonald's 3,000 criminals (crimtab), left middle finger length by height, banded:\n"
        + "\n".join(lines)
        + "\n\nchi-squared test of independence on the 3x3 counts"
    )
    b.chisq_item(
        SET,
        prompt,
        cells,
        False,
        "3 x 3",
        "datasets::crimtab banded (height < 160, 160-169, 170+ cm x finger < 11, 11-11.9, 12+ cm)",
        "excel with Total row and column, % column, thousands separators, range labels",
    )


@item
def chisq_mathach_school_size_yates_prose() -> None:
    m = math_achieve()
    big = m.Size >= 1000
    low = m.MathAch < 5
    a, n1 = int((big & low).sum()), int(big.sum())
    c, n2 = int((~big & low).sum()), int((~big).sum())
    prompt = (
        f"HS&B 1982: in schools with 1,000 or more students, {th(str(a))} of {th(str(n1))} pupils scored under 5 on "
        f"the maths test; in schools with fewer than 1,000 students it was {th(str(c))} of {th(str(n2))}. "
        "2 by 2 chi square with Yates correction?"
    )
    b.chisq_item(
        SET,
        prompt,
        [[a, n1 - a], [c, n2 - c]],
        True,
        "2 x 2, Yates",
        "nlme::MathAchieve with MathAchSchool Size >= 1000 x MathAch < 5",
        "x of n in prose, thousands separators, labels containing numbers",
    )


@item
def chisq_kyphosis_number_table_print() -> None:
    k = kyphosis()
    five = k.Number >= 5
    tab = [
        [int(((k.Kyphosis == "absent") & ~five).sum()), int(((k.Kyphosis == "absent") & five).sum())],
        [int(((k.Kyphosis == "present") & ~five).sum()), int(((k.Kyphosis == "present") & five).sum())],
    ]
    prompt = (
        "> with(kyphosis, table(Kyphosis, `5+ levels` = Number >= 5))\n"
        + table_print(["absent", "present"], ["FALSE", "TRUE"], tab, "Kyphosis", "5+ levels")
        + "\n\nchisq.test on that, correct = FALSE"
    )
    b.chisq_item(
        SET,
        prompt,
        tab,
        False,
        "2 x 2, no correction",
        "rpart::kyphosis Kyphosis x Number >= 5",
        "R table() print with a label containing a number",
    )


NUMBER_WORDS = {6: "six", 7: "seven", 17: "seventeen", 64: "sixty-four"}


@item
def fisher_kyphosis_start_words() -> None:
    k = kyphosis()
    high = k.Start <= 5
    a = int(((k.Kyphosis == "present") & high).sum())
    n1 = int((k.Kyphosis == "present").sum())
    c = int(((k.Kyphosis == "absent") & high).sum())
    n2 = int((k.Kyphosis == "absent").sum())
    w = NUMBER_WORDS
    prompt = (
        f"Of the {w[n1]} children who still had kyphosis after surgery, {w[a]} had the operation start at or above "
        f"the 5th vertebra; of the {w[n2]} without kyphosis, only {w[c]} did. Fisher's exact test with the odds "
        "ratio and its 95% CI (kyphosis present first)"
    )
    b.fisher_item(
        SET,
        a,
        n1 - a,
        c,
        n2 - c,
        prompt,
        "2 x 2; kyphosis present first",
        "rpart::kyphosis Kyphosis x Start <= 5",
        "counts in words, a label containing a number",
    )


@item
def fisher_stagec_aneuploid_markdown() -> None:
    d = stagec()
    an, di = d[d.ploidy == "aneuploid"], d[d.ploidy == "diploid"]
    a, bb = int(an.pgstat.sum()), int(len(an) - an.pgstat.sum())
    c, dd = int(di.pgstat.sum()), int(len(di) - di.pgstat.sum())
    prompt = (
        "stage C prostate ca, progression by flow-cytometry ploidy\n\n"
        "| ploidy | progressed | no progression |\n|---|---|---|\n"
        f"| aneuploid | {a} | {bb} |\n| diploid | {c} | {dd} |\n\n"
        "small cells so fisher exact, two-sided, OR + 95% CI"
    )
    b.fisher_item(
        SET, a, bb, c, dd, prompt, "2 x 2; aneuploid first", "rpart::stagec aneuploid and diploid", "markdown 2x2"
    )


@item
def mcnemar_votes_majority_words() -> None:
    v = votes()
    r60, r64 = v.X1960 > 50, v.X1964 > 50
    both, only60 = int((r60 & r64).sum()), int((r60 & ~r64).sum())
    only64, neither = int((~r60 & r64).sum()), int((~r60 & ~r64).sum())
    prompt = (
        "50 states, did the Republican candidate get over 50% of the vote? both 1960 and 1964: "
        f"{both}; 1960 but not 1964: {only60}; 1964 but not 1960: {only64}; neither year: {neither}. "
        "mcnemar test with continuity correction please"
    )
    b.mcnemar_item(
        SET,
        [[both, only60], [only64, neither]],
        True,
        prompt,
        "with continuity correction",
        "cluster::votes.repub X1960 > 50 and X1964 > 50",
        "paired counts in words, a label containing a number",
    )


@item
def odds_ratio_stagec_tetraploid_90_tsv() -> None:
    d = stagec()
    te, di = d[d.ploidy == "tetraploid"], d[d.ploidy == "diploid"]
    tab = [
        [int(te.pgstat.sum()), int(len(te) - te.pgstat.sum())],
        [int(di.pgstat.sum()), int(len(di) - di.pgstat.sum())],
    ]
    prompt = (
        "ploidy\tprogression\tno progression\n"
        f"tetraploid\t{tab[0][0]}\t{tab[0][1]}\ndiploid\t{tab[1][0]}\t{tab[1][1]}\n\n"
        "odds ratio for progression, tetraploid vs diploid (diploid = reference), Woolf/log CI at 90%"
    )
    woolf_item(
        prompt, tab, 0.9, "Woolf 90% CI; tetraploid vs diploid", "rpart::stagec tetraploid and diploid", "tsv 2x2"
    )


@item
def odds_ratio_crimtab_tall_prose() -> None:
    d = crimtab_bands()
    tall_long = crim_count(d, "170+", "12+")
    tall = crim_count(d, "170+", ["under 11", "11-11.9", "12+"])
    short_long = crim_count(d, ["under 160", "160-169"], "12+")
    short = crim_count(d, ["under 160", "160-169"], ["under 11", "11-11.9", "12+"])
    tab = [[tall_long, tall - tall_long], [short_long, short - short_long]]
    prompt = (
        f"crimtab again: {th(str(tall_long))} of the {th(str(tall))} men 170 cm or taller had a finger of 12 cm or "
        f"more, against {th(str(short_long))} of the {th(str(short))} men under 170 cm. what's the odds ratio "
        "(170+ vs under 170) with a 95% Woolf interval?"
    )
    woolf_item(
        prompt,
        tab,
        0.95,
        "Woolf 95% CI; 170 cm and over vs under 170 cm",
        "datasets::crimtab height >= 170 cm x finger >= 12 cm",
        "x of n in prose, thousands separators, labels containing numbers",
    )


@item
def relative_risk_mathach_sector_prose() -> None:
    m = math_achieve()
    cath, low = m.Sector == "Catholic", m.MathAch < 5
    a, n1 = int((cath & low).sum()), int(cath.sum())
    c, n2 = int((~cath & low).sum()), int((~cath).sum())
    prompt = (
        f"share of students scoring below 5 in maths: Catholic schools {th(str(a))}/{th(str(n1))}, public schools "
        f"{th(str(c))}/{th(str(n2))}. relative risk Catholic vs public (public as reference) and 95% CI"
    )
    answer(
        prompt,
        "relative_risk",
        "95% CI; Catholic vs public",
        b.rr_r(a, n1, c, n2),
        b.rr_check(a, n1, c, n2),
        "nlme::MathAchieve with MathAchSchool Sector x MathAch < 5",
        "fractions in prose with thousands separators",
    )


@item
def risk_difference_mathach_sex_percent() -> None:
    m = math_achieve()
    hi = m.MathAch >= 20
    a, n1 = int((hi & (m.Sex == "Female")).sum()), int((m.Sex == "Female").sum())
    c, n2 = int((hi & (m.Sex == "Male")).sum()), int((m.Sex == "Male").sum())
    prompt = (
        "High School & Beyond, MathAch of 20 or more:\n"
        "Sex\tN\tscored 20+\t%\n"
        f"Female\t{th(str(n1))}\t{a}\t{100 * a / n1:.1f}%\nMale\t{th(str(n2))}\t{c}\t{100 * c / n2:.1f}%\n"
        "risk difference female minus male with a 95% (Wald) CI"
    )
    answer(
        prompt,
        "risk_difference",
        "Wald 95% CI; female minus male",
        b.rd_r(a, n1, c, n2),
        b.rd_check(a, n1, c, n2),
        "nlme::MathAchieve Sex x MathAch >= 20",
        "tsv with N, count and % columns, a label containing a number",
    )


# ================================================================ correlation


@item
def pearson_agriculture_print_99() -> None:
    shown = b.r_text("print(cluster::agriculture)").rstrip()
    d = r_frame("cluster::agriculture")
    x, y = fmt(d.x, 1), fmt(d.y, 1)
    prompt = (
        "> agriculture   # x = GNP per head, y = % of the population working in agriculture (EU-12, 1993)\n"
        + shown
        + "\n\npearson correlation between x and y with a 99% confidence interval"
    )
    b.pearson_item(
        SET,
        prompt,
        x,
        y,
        0.99,
        ["r", "t", "df", "ci_low", "ci_high"],
        "99% CI",
        "cluster::agriculture",
        "R data.frame print with country codes as row names",
    )


@item
def spearman_committee_bills_subs() -> None:
    m = committee()
    bills, subs = toks(m.BILLS104), toks(m.SUBS)
    prompt = (
        "bills referred (104th) and number of subcommittees, 20 House committees:\n"
        + "\n".join(
            f"committee {i + 1}: {x} bills, {s} subcommittees" for i, (x, s) in enumerate(zip(bills, subs, strict=True))
        )
        + "\n\nspearman's rho with the usual (t approximation) p value, lots of ties in subcommittees"
    )
    b.rank_cor_item(
        SET,
        prompt,
        bills,
        subs,
        "spearman",
        False,
        "asymptotic p",
        "statsmodels committee BILLS104 and SUBS",
        "a numbered subject per line with units",
    )


@item
def kendall_mathachschool_public_head_exact() -> None:
    expr = "head(subset(nlme::MathAchSchool, Sector == 'Public'), 20)"
    shown = b.r_text(f"print({expr})").rstrip()
    d = r_frame(expr)
    size, disc = toks(d.Size), fmt(d.DISCLIM, 3)
    prompt = (
        '> head(subset(MathAchSchool, Sector == "Public"), 20)\n'
        + shown
        + "\n\nKendall tau between school Size and DISCLIM (disciplinary climate) for these 20 public schools, exact "
        "p-value"
    )
    b.rank_cor_item(
        SET,
        prompt,
        size,
        disc,
        "kendall",
        True,
        "exact",
        "nlme::MathAchSchool first 20 public schools",
        "R head(..., 20) print with unused columns",
    )


@item
def lm_phones_list_print() -> None:
    d = r_frame("as.data.frame(MASS::phones)")
    yr, calls = toks(d.year), toks(d.calls)
    shown = b.r_text("print(MASS::phones)").rstrip()
    prompt = (
        "> phones   # Belgian international calls (millions), year 19xx\n"
        + shown
        + "\n\nsimple linear regresion calls ~ year: slope, intercept, R^2 and the p value of the slope. (yes "
        "1964-69 look odd, fit it as is)"
    )
    b.lm_item(
        SET,
        prompt,
        yr,
        calls,
        "calls on year",
        ["slope", "intercept", "r2", "p"],
        "MASS::phones",
        "R list print of two vectors",
    )


@item
def lm_cars_weight_quoted_thousands() -> None:
    d = cars()
    wt, mpg = toks(d.Weight), toks(d.Mileage)
    lines = ['"car","Weight (lb)","Mileage (mpg)"'] + [
        f'"{c}","{th(w)}",{m}' for c, w, m in zip(d.car, wt, mpg, strict=True)
    ]
    prompt = (
        "\n".join(lines) + "\n\nregress mileage on weight (lm(Mileage ~ Weight)): slope per lb, intercept and R-squared"
    )
    b.lm_item(
        SET,
        prompt,
        wt,
        mpg,
        "Mileage on Weight",
        ["slope", "intercept", "r2"],
        "rpart::car.test.frame",
        "quoted csv with thousands separators inside quotes",
    )


@item
def lm_gasoline_endpoint_arrows() -> None:
    d = r_frame("as.data.frame(nlme::Gasoline)")
    ep, yld = toks(d.endpoint), fmt(d["yield"], 1)
    prompt = (
        "Prater's gasoline data, ASTM end point (deg F) -> yield (% of crude converted):\n"
        + "\n".join(f"{x} F -> {y} %" for x, y in zip(ep, yld, strict=True))
        + "\n\nfit yield = a + b * endpoint by least squares and give me b, a and R2"
    )
    b.lm_item(
        SET,
        prompt,
        ep,
        yld,
        "yield on endpoint",
        ["slope", "intercept", "r2"],
        "nlme::Gasoline",
        "x -> y pairs with units",
    )


@item
def logistic_kyphosis_start_columns() -> None:
    k = kyphosis()
    start = toks(k.Start)
    y = ["1" if v == "present" else "0" for v in k.Kyphosis]
    lines = ["Kyphosis  Start"] + [f"{v:<9} {s}" for v, s in zip(k.Kyphosis, start, strict=True)]
    prompt = (
        "logistic regression of Kyphosis (present = event) on Start, the number of the topmost vertebra operated "
        "on. I want the odds ratio per vertebra with its 95% CI and the p value. 81 children:\n" + "\n".join(lines)
    )
    logit_item(
        prompt,
        start,
        y,
        "OR per vertebra; present = event",
        "rpart::kyphosis Kyphosis and Start",
        "request before two space-aligned columns, outcome as words",
    )


@item
def logistic_kyphosis_number_followup() -> None:
    k = kyphosis()
    num = toks(k.Number)
    y = ["1" if v == "present" else "0" for v in k.Kyphosis]
    pairs = "; ".join(f"{a} {v[0].upper()}" for a, v in zip(num, k.Kyphosis, strict=True))
    prompt = (
        "thanks! same logistic model but with Number (how many vertebrae were involved) as the predictor instead "
        "of Start. number and outcome (P = kyphosis present, A = absent) for the same 81 kids: " + pairs + "\n"
        "OR per extra vertebra, 95% CI, p"
    )
    logit_item(
        prompt,
        num,
        y,
        "OR per vertebra involved; present = event",
        "rpart::kyphosis Kyphosis and Number",
        "follow-up wording, value-letter pairs in one line",
    )


# ================================================================ survival (rpart::stagec: years to progression)


@item
def km_stagec_diploid_surv_print() -> None:
    d = stagec()
    d = d[d.ploidy == "diploid"]
    t, e = dec1(d.pgtime), toks(d.pgstat)
    shown = b.r_text(
        "x <- with(subset(rpart::stagec, ploidy == 'diploid'), survival::Surv(pgtime, pgstat)); print(x)"
    ).rstrip()
    prompt = (
        '> with(subset(stagec, ploidy == "diploid"), Surv(pgtime, pgstat))\n'
        + shown
        + "\n\nyears to progression, diploid tumours. KM estimate of progression-free proportion at 5 and at 10 "
        "years (median not reached I assume)"
    )
    b.km_item(
        SET,
        prompt,
        t,
        e,
        [5, 10],
        "S at 5 and 10 years",
        "rpart::stagec diploid",
        "R Surv print with + marks",
        median=False,
    )


@item
def km_stagec_tetraploid_lifelines_frame() -> None:
    d = stagec()
    d = d[d.ploidy == "tetraploid"]
    t, e = dec1(d.pgtime), toks(d.pgstat)
    frame = pd.DataFrame({"T": [float(x) for x in t], "E": [int(x) for x in e]}).to_string()
    prompt = (
        "df for the tetraploid patients, T = years to progression or last follow-up, E = 1 if progressed:\n"
        ">>> print(df)\n" + frame + "\n\nkaplan meier please - median time to progression and S(3), S(6)"
    )
    b.km_item(
        SET,
        prompt,
        t,
        e,
        [3, 6],
        "median; S at 3 and 6 years",
        "rpart::stagec tetraploid",
        "lifelines-style pandas frame",
    )


@item
def km_stagec_aneuploid_prose() -> None:
    d = stagec()
    d = d[d.ploidy == "aneuploid"]
    t, e = dec1(d.pgtime), toks(d.pgstat)
    ev = sorted(b.split_by(t, e, "1"), key=float)
    cens = sorted(b.split_by(t, e, "0"), key=float)
    prompt = (
        f"only {len(t)} aneuploid tumours in the series. {len(ev)} progressed, at "
        + ", ".join(ev[:-1])
        + f" and {ev[-1]} years; the other {len(cens)} were progression-free when last seen at "
        + ", ".join(cens[:-1])
        + f" and {cens[-1]} years. Kaplan-Meier median and the estimate at 2 years and 5 years?"
    )
    b.km_item(
        SET,
        prompt,
        ev + cens,
        ["1"] * len(ev) + ["0"] * len(cens),
        [2, 5],
        "median; S at 2 and 5 years",
        "rpart::stagec aneuploid",
        "event times and censored times in prose",
    )


@item
def logrank_stagec_ploidy_csv_legend() -> None:
    d = stagec()
    d = d[d.ploidy.isin(["diploid", "tetraploid"])]
    t, e, g = dec1(d.pgtime), toks(d.pgstat), list(d.ploidy)
    lines = ["pgtime,pgstat,ploidy"] + [f"{a},{s},{x}" for a, s, x in zip(t, e, g, strict=True)]
    prompt = (
        "\n".join(lines) + "\n\npgtime = years to progression or last follow-up; pgstat: 1 = progression, 0 = "
        "censored. log-rank test diploid vs tetraploid (the 11 aneuploid cases are already removed)"
    )
    logrank_item(prompt, t, e, g, "two groups", "rpart::stagec diploid and tetraploid", "csv with a status legend")


@item
def logrank_stagec_grade_status12() -> None:
    d = stagec()
    d = d[d.grade.isin([2, 3])]
    t, e = dec1(d.pgtime), toks(d.pgstat)
    grade = toks(d.grade)
    st = [str(int(s) + 1) for s in e]
    lines = ["time status grade"] + [f"{a} {s} {x}" for a, s, x in zip(t, st, grade, strict=True)]
    prompt = (
        "Farrow grade 2 vs grade 3 (the few grade 1 and 4 dropped). status coded as in survival's old convention: "
        "1 = censored, 2 = progression. logrank please\n" + "\n".join(lines)
    )
    logrank_item(
        prompt,
        t,
        e,
        [f"grade {x}" for x in grade],
        "two groups; status 1/2; grade as the group",
        "rpart::stagec grades 2 and 3",
        "space columns, status 1 = censored 2 = event, numeric group codes",
    )


@item
def logrank_stagec_gleason_band_lines() -> None:
    d = stagec()
    d = d[~d.gleason.isna()]
    band = ["3-5" if x <= 5 else ("6-7" if x <= 7 else "8-10") for x in d.gleason]
    t, e = dec1(d.pgtime), toks(d.pgstat)
    labels = ["3-5", "6-7", "8-10"]
    prompt = (
        "years to progression by Gleason score band (+ = censored)\n"
        + "\n".join(f"Gleason {lab}: {b.surv_split(t, e, band, lab)}" for lab in labels)
        + "\n\nlog rank test across the three bands"
    )
    order = [i for lab in labels for i, x in enumerate(band) if x == lab]
    logrank_item(
        prompt,
        [t[i] for i in order],
        [e[i] for i in order],
        [band[i] for i in order],
        "three groups",
        "rpart::stagec by Gleason band (3-5, 6-7, 8-10), gleason known",
        "labelled plus lists with range labels",
    )


@item
def cox_stagec_aneuploid_vs_diploid_plus() -> None:
    d = stagec()
    an, di = d[d.ploidy == "aneuploid"], d[d.ploidy == "diploid"]
    ta, ea = dec1(an.pgtime), toks(an.pgstat)
    td, ed = dec1(di.pgtime), toks(di.pgstat)
    prompt = (
        "time to progression (yrs), + = censored\n"
        f"aneuploid: {b.plus(ta, ea)}\ndiploid: {b.plus(td, ed)}\n\n"
        "cox proportional hazards, aneuploid vs diploid with diploid as the reference: HR, 95% CI, p (Efron)"
    )
    cox_item(
        prompt,
        td + ta,
        ed + ea,
        ["0"] * len(td) + ["1"] * len(ta),
        "Efron ties; aneuploid vs diploid",
        "rpart::stagec aneuploid and diploid",
        "labelled plus lists",
    )


@item
def cox_stagec_g2_tuples() -> None:
    d = stagec().iloc[:100]
    d = d[~d.g2.isna()]
    t, e, g2 = dec1(d.pgtime), toks(d.pgstat), fmt(d.g2, 2)
    prompt = (
        f"(time, status, g2) for the {len(t)} of the first 100 stage C patients with a g2 value (g2 = % of cells "
        "in G2 phase; status 1 = progressed):\n"
        + ", ".join(f"({a}, {s}, {x})" for a, s, x in zip(t, e, g2, strict=True))
        + "\n\nunivariable Cox on g2 as continuous, HR per percentage point + CI"
    )
    cox_item(prompt, t, e, g2, "Efron ties; HR per unit of g2", "rpart::stagec rows 1-100 with g2", "tuples")


@item
def cox_stagec_age_excel_yes_no() -> None:
    d = stagec().iloc[:70]
    t, e, age = dec1(d.pgtime), toks(d.pgstat), toks(d.age)
    yn = ["Yes" if x == "1" else "No" for x in e]
    lines = ["Patient\tAge at surgery\tYears followed\tProgressed?"] + [
        f"P{i + 1:03d}\t{a}\t{x}\t{y}" for i, (a, x, y) in enumerate(zip(age, t, yn, strict=True))
    ]
    prompt = (
        "\n".join(lines) + "\n\n(first 70 rows of the stage C sheet.) Cox regression of time to progression on "
        "age, hazard ratio per year"
    )
    cox_item(prompt, t, e, age, "Efron ties; HR per year of age", "rpart::stagec rows 1-70", "excel with Yes/No event")


# ================================================================ design and multiplicity


@item
def sample_size_t_oxboys_loose() -> None:
    sd = f"{r_frame('subset(as.data.frame(nlme::Oxboys), Occasion == 9)').height.std():.1f}"
    prompt = (
        "rough planning q: if two groups of boys differ by 4 cm in mean height at about 13 y, how many per group "
        f"would we need to pick that up? the SD at that age was roughly {sd} cm in the Oxford sample. two-sided 5%, "
        "and eighty or ninety percent power"
    )
    b.sample_size_t_item(
        SET,
        prompt,
        "4",
        sd,
        [0.8, 0.9],
        "80% and 90% power (in words)",
        "nlme::Oxboys occasion 9 SD (rounded)",
        "loosely worded design question, powers in words",
    )


@item
def power_t_bodyweight_eight_rats() -> None:
    sd = f"{r_frame('subset(as.data.frame(nlme::BodyWeight), Time == 64 & Diet == 1)').weight.std():.1f}"
    prompt = (
        f"we can only house 8 rats per diet. final weights on the control diet had an SD of about {sd} g. what's "
        "our power (2-sample t, two-sided) to detect a 10 g difference at alpha = 0.05? and at 0.01?"
    )
    power_t_item(
        prompt,
        "8",
        "10",
        sd,
        ["0.05", "0.01"],
        "n = 8, alpha 0.05 and 0.01",
        "nlme::BodyWeight day 64 diet 1 SD (rounded)",
        "design prose",
    )


@item
def sample_size_prop_stagec_rates() -> None:
    d = stagec()
    pd_ = d[d.ploidy == "diploid"].pgstat.mean()
    pt = d[d.ploidy == "tetraploid"].pgstat.mean()
    p1, p2 = f"{pd_:.2f}", f"{pt:.2f}"
    prompt = (
        f"new cohort design. progression was {round(100 * pd_)}% in diploid and {round(100 * pt)}% in tetraploid "
        f"tumours in the Mayo series — so plan for p1 = {p1} vs p2 = {p2}. patients per group for 80% power, and for "
        "90%, two sided alpha 0.05?"
    )
    sample_size_prop_item(
        prompt,
        p1,
        p2,
        [0.8, 0.9],
        "80% and 90% power",
        "rpart::stagec progression share by ploidy (rounded)",
        "design prose with percentages and decimals",
    )


@item
def power_prop_kyphosis_n40() -> None:
    prompt = (
        "if we enrol 40 children per arm and kyphosis recurs in 21% with the standard approach vs 45% with the "
        "extended fusion, what power do we have (two-sided alpha .05)? also with 60 per arm"
    )
    r = (
        "a <- power.prop.test(n = 40, p1 = 0.21, p2 = 0.45)$power\n"
        "c0 <- power.prop.test(n = 60, p1 = 0.21, p2 = 0.45)$power\nemit(power_n40 = a, power_n60 = c0)"
    )
    check = {"power_n40": b.power_prop_py(40, 0.21, 0.45), "power_n60": b.power_prop_py(60, 0.21, 0.45)}
    answer(
        prompt,
        "power_proportions",
        "two-sided; n = 40 and 60",
        r,
        check,
        "design values (rpart::kyphosis prevalence 17/81, rounded)",
        "design prose with percentages",
    )


@item
def sample_size_t_cohen_d() -> None:
    prompt = (
        "how many singers per voice part would I need to detect a standardized difference (Cohen's d) of 0.6 "
        "between two parts with 80% power, and with 90%? alpha 0.05 two-sided"
    )
    b.sample_size_t_item(
        SET,
        prompt,
        "0.6",
        "1",
        [0.8, 0.9],
        "Cohen's d 0.6, 80% and 90% power",
        "design values",
        "design prose with Cohen's d",
    )


@item
def padjust_singer_holm_labels() -> None:
    d = singer()
    pairs = [("Soprano 1", "Soprano 2"), ("Alto 1", "Alto 2"), ("Tenor 1", "Tenor 2"), ("Bass 1", "Bass 2")]
    pv = []
    for x, y in pairs:
        p = b.r_values(
            f"emit(p = t.test({rv(toks(d.height[d.part == x]))}, {rv(toks(d.height[d.part == y]))})$p.value)"
        )["p"]
        pv.append(f"{p:.3g}")
    prompt = (
        "welch t p-values, each voice part's first vs second section: "
        + "; ".join(f"{x} vs {y}: p = {p}" for (x, y), p in zip(pairs, pv, strict=True))
        + ". Holm adjustment for the four please"
    )
    b.padj_item(
        SET,
        prompt,
        ["soprano", "alto", "tenor", "bass"],
        pv,
        "holm",
        "lattice::singer Welch p-values within voice parts (3 s.f.)",
        "p-values in prose with labels containing numbers",
    )


@item
def padjust_stagec_bh_markdown() -> None:
    tests = {
        "ploidy (3 groups)": "ploidy",
        "g2 13%+": "g2 >= 13",
        "eet (1 vs 2)": "factor(eet)",
        "age 60+": "age >= 60",
        "age 70+": "age >= 70",
    }
    pv = []
    for f in tests.values():
        k = b.r_values(
            f"s <- survdiff(Surv(pgtime, pgstat) ~ {f}, data = {STAGEC})\n"
            "emit(p = pchisq(s$chisq, length(s$n) - 1, lower.tail = FALSE))"
        )
        pv.append(f"{k['p']:.3g}")
    rows = "\n".join(f"| {lab} | {p} |" for lab, p in zip(tests, pv, strict=True))
    prompt = (
        "screening log-rank tests, stage C cohort\n\n| factor | log-rank p |\n|---|---|\n"
        + rows
        + "\n\nBenjamini-Hochberg adjusted p values for these 5?"
    )
    b.padj_item(
        SET,
        prompt,
        ["ploidy", "g2_13", "eet", "age60", "age70"],
        pv,
        "BH",
        "rpart::stagec log-rank p-values (3 s.f.)",
        "markdown with labels containing numbers",
    )


# ================================================================ must-decline: analyses no recipe computes


@item
def declines_unsupported_analyses() -> None:
    e = r_frame("as.data.frame(nlme::ergoStool)")
    decline(
        "effort\tType\tSubject\n"
        + "\n".join(f"{fnum(x)}\t{t}\t{s}" for x, t, s in zip(e.effort, e.Type, e.Subject, strict=True))
        + "\n\nBorg effort to stand up from 4 stool types, every subject tried all four. lme(effort ~ Type, random = "
        "~1 | Subject): fixed effects of the stool types and the subject variance component",
        "mixed_model",
        "a linear mixed model with a random subject effect is not a supported analysis",
        ["mixed", "random", "no vetted recipe"],
        "nlme::ergoStool",
        "tsv long by subject",
    )
    d = singer()
    parts = ["Bass 2", "Bass 1", "Tenor 2", "Tenor 1"]
    lines = "\n".join(f"{p}: {' '.join(toks(d.height[d.part == p]))}" for p in parts)
    decline(
        lines + "\n\nthe spreads look different so Welch's ANOVA (oneway.test with var.equal = FALSE) across the "
        "four lower voice parts, not the classic F test",
        "welch_anova",
        "Welch's heteroscedastic one-way ANOVA is not what the ANOVA recipe computes",
        ["welch", "no vetted recipe", "unequal"],
        "lattice::singer basses and tenors",
        "a group per line",
    )
    decline(
        lines + "\n\nLevene's test (Brown-Forsythe, median-centred) for equal variances across these four parts",
        "levene",
        "Levene's / Brown-Forsythe test of equal variances is not a supported analysis",
        ["levene", "brown", "variance"],
        "lattice::singer basses and tenors",
        "a group per line",
    )
    bw = r_frame("subset(as.data.frame(nlme::BodyWeight), Time == 64)")
    decline(
        "rat diet wt\n"
        + "\n".join(f"{r} {g} {fnum(w)}" for r, g, w in zip(bw.Rat, bw.Diet, bw.weight, strict=True))
        + "\n\nkruskal-wallis was significant, now I need Dunn's post hoc pairwise comparisons (Holm-adjusted) "
        "between the three diets",
        "dunn_test",
        "Dunn's post-hoc pairwise test is not a supported analysis",
        ["dunn", "post", "pairwise"],
        "nlme::BodyWeight day 64",
        "space columns long",
    )
    s = stagec()
    strata = []
    for g in (2, 3):
        x = s[s.grade == g]
        te, di = x[x.ploidy == "tetraploid"], x[x.ploidy == "diploid"]
        strata.append(
            f"grade {g}: tetraploid {int(te.pgstat.sum())} progressed / {len(te)}, diploid "
            f"{int(di.pgstat.sum())} progressed / {len(di)}"
        )
    decline(
        "\n".join(strata) + "\nCochran-Mantel-Haenszel test of ploidy vs progression stratified by grade, with the "
        "common (MH) odds ratio",
        "cmh",
        "a Cochran-Mantel-Haenszel test across strata is not a supported analysis",
        ["mantel", "strat", "no vetted recipe"],
        "rpart::stagec grades 2 and 3, tetraploid and diploid",
        "x progressed / n per stratum",
    )
    x = s[s.ploidy.isin(["diploid", "tetraploid"]) & s.grade.isin([2, 3])]
    rows = "\n".join(
        f"{fnum(t)} {fnum(p)} {g} {fnum(gr)}" for t, p, g, gr in zip(x.pgtime, x.pgstat, x.ploidy, x.grade, strict=True)
    )
    decline(
        "pgtime pgstat ploidy grade\n" + rows + "\n\nlog-rank diploid vs tetraploid STRATIFIED by grade "
        "(survdiff(... ~ ploidy + strata(grade)))",
        "stratified_logrank",
        "a stratified log-rank test is not what the log-rank recipe computes",
        ["strat", "no vetted recipe"],
        "rpart::stagec diploid and tetraploid, grades 2 and 3",
        "space columns with a stratum column",
    )
    di, te = s[s.ploidy == "diploid"], s[s.ploidy == "tetraploid"]
    decline(
        "diploid: "
        + b.plus(dec1(di.pgtime), toks(di.pgstat))
        + "\ntetraploid: "
        + b.plus(dec1(te.pgtime), toks(te.pgstat))
        + "\n\nthe curves separate early, so a Peto-Peto (Fleming-Harrington rho = 1) weighted log-rank instead of "
        "the ordinary one",
        "weighted_logrank",
        "a Peto-Peto / Fleming-Harrington weighted log-rank test is not what the log-rank recipe computes",
        ["peto", "fleming", "weight"],
        "rpart::stagec diploid and tetraploid",
        "labelled plus lists",
    )
    k = kyphosis().iloc[:30]
    decline(
        "Kyphosis,Start\n"
        + "\n".join(f"{v},{fnum(st)}" for v, st in zip(k.Kyphosis, k.Start, strict=True))
        + "\n\nonly 30 kids and few events: EXACT logistic regression (conditional, like elrm / LogXact) of kyphosis "
        "on Start, exact p and CI for the OR",
        "exact_logistic",
        "exact (conditional) logistic regression is not what the logistic recipe computes",
        ["exact logistic", "conditional", "no vetted recipe"],
        "rpart::kyphosis rows 1-30",
        "csv",
    )
    c = cars()
    decline(
        "car\tMileage\tWeight\tHP\n"
        + "\n".join(
            f"{n}\t{fnum(m)}\t{fnum(w)}\t{fnum(h)}" for n, m, w, h in zip(c.car, c.Mileage, c.Weight, c.HP, strict=True)
        )
        + "\n\nlm(Mileage ~ Weight + HP): both coefficients with SEs, adjusted for each other",
        "multiple_regression",
        "a regression on two predictors is outside the simple linear regression",
        ["multivariable", "predictors", "multiple"],
        "rpart::car.test.frame",
        "tsv with header",
    )
    kk = kyphosis()
    n_present = int((kk.Kyphosis == "present").sum())
    decline(
        f"{n_present} of the {len(kk)} children had kyphosis after surgery. what's that proportion with a Wilson "
        "(score) 95% confidence interval?",
        "one_proportion_ci",
        "a confidence interval for a single proportion is not a supported analysis",
        ["wilson", "proportion"],
        "rpart::kyphosis prevalence",
        "x of n in prose",
    )
    cb = crimtab_bands()
    tall_long, tall = crim_count(cb, "170+", "12+"), crim_count(cb, "170+", ["under 11", "11-11.9", "12+"])
    short_long = crim_count(cb, ["under 160", "160-169"], "12+")
    short = crim_count(cb, ["under 160", "160-169"], ["under 11", "11-11.9", "12+"])
    decline(
        f"finger 12 cm+: {th(str(tall_long))}/{th(str(tall))} in men 170 cm or taller vs {th(str(short_long))}/"
        f"{th(str(short))} in shorter men. difference in proportions with Newcombe's hybrid score interval "
        "(method 10), not the Wald one",
        "risk_difference",
        "Newcombe's hybrid score interval is not what the risk-difference recipe computes",
        ["newcombe", "hybrid", "score"],
        "datasets::crimtab height >= 170 cm x finger >= 12 cm",
        "fractions in prose",
    )
    o = r_frame("as.data.frame(nlme::Oats)")
    levels = ["0", "0.2", "0.4", "0.6"]
    decline(
        "\n".join(f"N {lv} cwt: " + ", ".join(toks(o["yield"][np.isclose(o.nitro, float(lv))])) for lv in levels)
        + "\n\nthe doses are ordered, so a Jonckheere-Terpstra test for an increasing trend in yield with nitrogen",
        "jonckheere",
        "a Jonckheere-Terpstra trend test is not a supported analysis",
        ["jonckheere", "trend", "ordered"],
        "nlme::Oats yield by nitro",
        "a group per line with numeric labels",
    )


# ================================================================ must-decline: data or settings the recipe cannot take


@item
def declines_unusable_data() -> None:
    ox = r_frame("as.data.frame(nlme::Oxboys)")
    h1, h9 = dec1(ox.height[ox.Occasion == 1]), dec1(ox.height[ox.Occasion == 9])
    decline(
        "visit 1: " + ", ".join(h1) + "\nvisit 9: " + ", ".join(h9[:-1]) + "\n"
        "same boys in the same order (the last boy's visit-9 height is missing from my sheet). paired t, visit 9 "
        "minus visit 1",
        "paired_t",
        "the two lists have different lengths (26 and 25), so they cannot be paired",
        ["pair", "unequal", "same number"],
        "nlme::Oxboys occasions 1 and 9, last visit-9 value dropped",
        "two labelled lines of unequal length",
    )
    m = math_achieve()
    pct = m.groupby("Sector").MathAch.apply(lambda x: 100 * (x < 5).mean())
    decline(
        f"percent of students scoring under 5: Catholic {pct['Catholic']:.1f}%, public {pct['Public']:.1f}%. "
        "chi-square test on that please",
        "chi_square",
        "percentages without the group sizes cannot give a chi-square test of counts",
        ["count", "percent", "total"],
        "nlme::MathAchieve with MathAchSchool Sector x MathAch < 5, percentages only",
        "percentages in prose",
    )
    cm = committee()
    decline(
        "BILLS104: " + " ".join(toks(cm.BILLS104)) + "\nBILLS103: " + " ".join(toks(cm.BILLS103)) + "\n"
        "spearman correlation, ONE-sided (positive association), p value",
        "spearman",
        "the correlation recipes give two-sided p-values only",
        ["one-sided", "two-sided", "one sided"],
        "statsmodels committee BILLS104 and BILLS103",
        "two labelled lines",
    )
    cb = crimtab_bands()
    hs, fs = ["under 160", "160-169", "170+"], ["under 11", "11-11.9", "12+"]
    cells = [[crim_count(cb, h, f) for f in fs] for h in hs]
    rows = []
    for h, row in zip(hs, cells, strict=True):
        vals = [str(v) for v in row]
        if h == "160-169":
            vals[1] = ""
        rows.append("\t".join([h, *vals]))
    decline(
        "height\t<11\t11-11.9\t12+\n" + "\n".join(rows) + "\n\n(one cell got lost when I copied from the PDF) "
        "chi-square test of height band vs finger band",
        "chi_square",
        "one cell of the table is empty, so the table is incomplete",
        ["missing", "cell", "empty"],
        "datasets::crimtab banded, one cell blanked",
        "tsv with a blank cell",
    )
    an = stagec()
    an = an[an.ploidy == "aneuploid"]
    decline(
        "aneuploid: " + b.plus(dec1(an.pgtime), toks(an.pgstat)) + "\nlog-rank test on these please",
        "log_rank",
        "one group of survival times cannot make a log-rank comparison",
        ["two", "one group", "at least"],
        "rpart::stagec aneuploid only",
        "one labelled plus list",
    )


if __name__ == "__main__":
    SET.run()
