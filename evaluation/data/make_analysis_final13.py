"""Build the thirteenth fresh evaluation set for labbot's named analyses (``analysis_final13.jsonl``).

Written blind: the author read only the README's analyses section, the shared ``_build`` helpers and
``make_analysis_final11.py``/``make_analysis_final10.py`` (for structure), not how labbot parses a request nor any
earlier set's prompts.  Every answerable item pastes real data the way researchers paste into Slack (R console
prints of data frames with row names and factor columns, ``Surv`` prints, named vectors, ``table()``/``xtabs``
prints, ``dput()``; Excel/Sheets copies with tabs, thousands separators, percentages, Total rows and blank cells;
pandas prints and crosstabs; quoted CSV; semicolon exports with decimal commas; markdown; prose with counts, some in
words; tuples; wide and long layouts; columns the request does not use; follow-up wording) on data sets no earlier
set uses, all from R data packages installed with apt: HSAUR3 (skulls, weightgain, water, mastectomy, rearrests,
BtheB, plasma, Lanza, household, waves, foster, polyps, men1500m, agefat, USairpollution, heptathlon, clouds,
pistonrings, BCG, GHQ), KMsurv (tongue, btrial, hodg, psych, kidney), carData (Duncan, Davis, Salaries, Moore,
Baumann, Blackmore, WeightLoss, Arrests, Cowles, Sahlins, Robey, Wells), coin (alpha, mercuryfish, GTSG, hohnloser,
ocarcinoma), Epi (births, lep) and mlbench (HouseVotes84, BreastCancer).  Expected numbers come from R on exactly the
number strings written into the prompt and are recomputed in Python, or the build stops (see ``_build``).
Must-decline items ask for an analysis outside the supported list (several of them a close variant of a supported
one), paste data that cannot support the analysis they name, or ask for a setting the named recipe cannot honour;
``reason_mentions`` lists words of which the decline reason should contain one.

Needs the Debian packages r-cran-hsaur3, r-cran-kmsurv, r-cran-cardata, r-cran-coin, r-cran-epi and r-cran-mlbench.
Run ``.venv/bin/python evaluation/data/make_analysis_final13.py``; the output is byte-identical run to run.
``... make_analysis_final13.py NAME`` only builds the items whose builder name contains NAME and prints them.
"""

from __future__ import annotations

import functools
import math
import warnings
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from evaluation.data import _build as b  # the R runner, formatting and checks every set generator shares

warnings.filterwarnings("ignore")

SET = b.ItemSet(Path(__file__).resolve().with_name("analysis_final13.jsonl"), "final13")
item, answer, decline = SET.item, SET.answer, SET.decline
fnum, toks, dec1, dec2, rv, fl, r_frame = b.fnum, b.toks, b.dec1, b.dec2, b.rv, b.fl, b.r_frame
fmt, frame_print, table_print, th = b.fmt, b.frame_print, b.r_table_print, b.thousands
logrank_item, power_t_item, sample_size_prop_item, signed_rank_item, shapiro_item, woolf_item = (
    functools.partial(helper, SET)
    for helper in (
        *(b.logrank_item, b.power_t_item, b.sample_size_prop_item),
        *(functools.partial(b.signed_rank_item, drop_tiny=True), b.shapiro_item, b.woolf_item),
    )
)


def data_expr(pkg: str, name: str) -> str:
    """An R expression for a packaged data set, whether or not the package lazy-loads its data."""
    return f"local({{ data({name}, package = '{pkg}'); {name} }})"


def rprint(expr: str) -> str:
    return b.r_text(f"print({expr})").rstrip()


def kruskal_item(groups: Sequence[Sequence[str]], prompt: str, variant: str, src: str, form: str) -> None:
    b.kruskal_item(SET, prompt, groups, variant, src, form, drop_tiny=True)


def cox_item(
    prompt: str,
    t: Sequence[str],
    e: Sequence[str],
    x: Sequence[str],
    variant: str,
    src: str,
    form: str,
    ties: str = "efron",
) -> None:
    """One-covariate Cox fit (Efron converged tightly, or Breslow), p left out of the expectation when tiny."""
    times, events, cov = fl(t), fl(e), fl(x)
    check = b.breslow_cox_check(times, events, cov) if ties == "breslow" else b.cox_check(times, events, cov, True)
    r, check = b.drop_tiny_p(b.r_cox(t, e, x, ties=ties, tight=True), check)
    answer(prompt, "cox", variant, r, check, src, form)


def logit_item(prompt: str, x: Sequence[str], y: Sequence[str], variant: str, src: str, form: str) -> None:
    b.logit_item(SET, prompt, x, y, variant, src, form, drop_tiny=True)


def mw_item(
    prompt: str,
    x: Sequence[str],
    y: Sequence[str],
    exact: bool,
    correct: bool,
    alt: str,
    variant: str,
    src: str,
    form: str,
) -> None:
    b.mw_item(SET, prompt, x, y, exact, correct, alt, variant, src, form)


WORDS = {
    2: "two",
    4: "four",
    8: "eight",
    6: "six",
    20: "twenty",
    21: "twenty-one",
    29: "twenty-nine",
    30: "thirty",
    46: "forty-six",
    47: "forty-seven",
    71: "seventy-one",
    72: "seventy-two",
}


# ---------------------------------------------------------------- the data sets, read once from R


@functools.cache
def frame(pkg: str, name: str, rownames: bool = False) -> pd.DataFrame:
    expr = data_expr(pkg, name)
    if rownames:
        expr = f"local({{ x <- {expr}; data.frame(rn = rownames(x), x, check.names = FALSE) }})"
    return r_frame(expr)


def hs(name: str, rownames: bool = False) -> pd.DataFrame:
    return frame("HSAUR3", name, rownames)


def car(name: str, rownames: bool = False) -> pd.DataFrame:
    return frame("carData", name, rownames)


def km(name: str) -> pd.DataFrame:
    return frame("KMsurv", name)


def coin(name: str, rownames: bool = False) -> pd.DataFrame:
    return frame("coin", name, rownames)


def epi(name: str) -> pd.DataFrame:
    return frame("Epi", name)


def hv() -> pd.DataFrame:
    return frame("mlbench", "HouseVotes84")


def count(mask: pd.Series) -> int:
    return int(mask.sum())


# ================================================================ t-tests


@item
def welch_weightgain_high_protein_print() -> None:
    d = hs("weightgain", rownames=True)
    d = d[d.type == "High"]
    g = toks(d.weightgain)
    shown = rprint("subset(HSAUR3::weightgain, type == 'High')")
    prompt = (
        'rats on the high-protein diets, weight gain (g):\n\n> subset(weightgain, type == "High")\n'
        + shown
        + "\n\nwelch t test beef minus cereal pls, and a 90% CI instead of the usual 95"
    )
    b.two_sample_t_item(
        SET,
        prompt,
        b.split_by(g, list(d.source), "Beef"),
        b.split_by(g, list(d.source), "Cereal"),
        False,
        "two-sided; Beef minus Cereal; 90% CI",
        "HSAUR3::weightgain, high protein",
        "R data.frame print with row names and factor columns",
        level=0.9,
    )


@item
def welch_household_food_pandas_one_sided() -> None:
    d = hs("household")
    food = toks(d.food)
    shown = d[["housing", "food", "goods", "service", "gender"]].to_string()
    prompt = (
        "household expenditure survey (HK$, 20 single men / 20 single women)\n>>> df\n"
        + shown
        + "\n\nHypothesis is men spend MORE on food. Welch t-test one-sided, male minus female, on the food column "
        "only"
    )
    b.two_sample_t_item(
        SET,
        prompt,
        b.split_by(food, list(d.gender), "male"),
        b.split_by(food, list(d.gender), "female"),
        False,
        "one-sided (greater); male minus female",
        "HSAUR3::household food",
        "pandas print with unused columns",
        alt="greater",
    )


@item
def welch_salaries_asstprof_quoted_csv() -> None:
    d = car("Salaries")
    d = d[d["rank"] == "AsstProf"]
    sal = toks(d.salary)
    lines = ['"discipline","sex","salary"'] + [
        f'"{x}","{s}","{th(v)}"' for x, s, v in zip(d.discipline, d.sex, sal, strict=True)
    ]
    prompt = (
        "9-month salaries (US$) of the assistant profs only, exported from the sheet:\n"
        + "\n".join(lines)
        + "\n\ndiscipline B (applied) vs A (theoretical): unequal-variance t test, B minus A, 95% CI"
    )
    b.two_sample_t_item(
        SET,
        prompt,
        b.split_by(sal, list(d.discipline), "B"),
        b.split_by(sal, list(d.discipline), "A"),
        False,
        "two-sided; B minus A",
        "carData::Salaries, AsstProf",
        "quoted csv with thousands separators inside quotes",
    )


@item
def student_water_mortality_semicolon() -> None:
    d = hs("water")
    mort = toks(d.mortality)
    lines = ["town;location;mortality;hardness"] + [
        f"{t};{loc};{m};{h}" for t, loc, m, h in zip(d.town, d.location, mort, toks(d.hardness), strict=True)
    ]
    prompt = (
        "\n".join(lines) + "\n\n^ export from LibreOffice (61 towns, England & Wales, mortality per 100,000 "
        "males/yr). two-sample t with EQUAL variances (Student) on mortality, North minus South"
    )
    b.two_sample_t_item(
        SET,
        prompt,
        b.split_by(mort, list(d.location), "North"),
        b.split_by(mort, list(d.location), "South"),
        True,
        "pooled; North minus South",
        "HSAUR3::water",
        "semicolon export with an unused column",
    )


@item
def student_moore_conformity_followup() -> None:
    d = car("Moore")
    conf = toks(d.conformity)
    lines = ["partner.status fcategory fscore conformity"] + [
        f"{p:<14} {f:<9} {fs:>6} {c:>10}"
        for p, f, fs, c in zip(d.partner_status, d.fcategory, toks(d.fscore), conf, strict=True)
    ]
    prompt = (
        "ok thx. Same Moore & Krupat data as above, but this time the pooled-variance (Student) version and "
        "one-sided: we predict conformity is HIGHER with a high-status partner (high minus low > 0). pasting "
        "again so you have it:\n" + "\n".join(lines)
    )
    b.two_sample_t_item(
        SET,
        prompt,
        b.split_by(conf, list(d.partner_status), "high"),
        b.split_by(conf, list(d.partner_status), "low"),
        True,
        "pooled, one-sided (greater); high minus low",
        "carData::Moore",
        "follow-up wording, space-aligned long table with unused columns",
        alt="greater",
    )


@item
def paired_davis_men_weight_print() -> None:
    expr = "head(subset(carData::Davis, sex == 'M' & !is.na(repwt)), 25)"
    d = r_frame(expr)
    shown = rprint(expr)
    prompt = (
        '> head(subset(Davis, sex == "M" & !is.na(repwt)), 25)\n'
        + shown
        + "\n\nmeasured vs self-reported weight (kg) in these 25 men. paired t test, measured minus reported, "
        "with 95% CI"
    )
    paired = b.paired_t_item
    paired(
        SET,
        prompt,
        toks(d.weight),
        toks(d.repwt),
        "two-sided; weight minus repwt",
        "carData::Davis, first 25 men with repwt",
        "R data.frame print with row names and unused columns",
    )


@item
def paired_btheb_excel_blank_cells() -> None:
    d = hs("BtheB")
    d = d[d.treatment == "BtheB"]

    def cell(v: float) -> str:
        return "" if math.isnan(v) else fnum(v)

    lines = ["drug\tlength\tbdi.pre\tbdi.2m\tbdi.3m"] + [
        f"{dr}\t{ln}\t{cell(p)}\t{cell(m2)}\t{cell(m3)}"
        for dr, ln, p, m2, m3 in zip(d.drug, d.length, d.bdi_pre, d.bdi_2m, d.bdi_3m, strict=True)
    ]
    prompt = (
        "Beat the Blues arm only (BDI scores), copied out of Sheets, blanks = missed visit:\n"
        + "\n".join(lines)
        + "\n\nneed a paired t-test baseline vs 2 months. one-sided, we expect scores to drop (pre minus 2m > 0)"
    )
    b.paired_t_item(
        SET,
        prompt,
        toks(d.bdi_pre),
        toks(d.bdi_2m),
        "one-sided (greater); pre minus 2 months",
        "HSAUR3::BtheB, BtheB arm",
        "tsv from Sheets with blank cells in an unused column, range labels",
        alt="greater",
    )


@item
def paired_waves_markdown_99() -> None:
    d = hs("waves")
    m1, m2 = fmt(d.method1, 2), fmt(d.method2, 2)
    rows = "\n".join(f"| M{i + 1} | {a} | {c} |" for i, (a, c) in enumerate(zip(m1, m2, strict=True)))
    prompt = (
        "bending stress at the mooring line, two ways of computing it on the same 18 wave records\n\n"
        "| record | method 1 | method 2 |\n|---|---|---|\n"
        + rows
        + "\n\npaired t test method 1 minus method 2, 99% confidence interval please"
    )
    b.paired_t_item(
        SET,
        prompt,
        m1,
        m2,
        "two-sided; method 1 minus method 2; 99% CI",
        "HSAUR3::waves",
        "markdown table with id labels, labels with numbers",
        level=0.99,
    )


@item
def one_sample_births_boys_vector() -> None:
    d = epi("births")
    x = toks(d.bweight[d.sex == 1].iloc[:40])
    prompt = (
        "> births$bweight[births$sex == 1][1:40]\n"
        + b.r_vector_print(x, 10)
        + "\n\nbirth weights (g) of the first 40 boys. is the mean below 3500 g? one-sample t, one-sided "
        "(alternative = less)"
    )
    b.one_sample_t_item(
        SET,
        prompt,
        x,
        "3500",
        "one-sided (less); mu = 3500",
        "Epi::births, first 40 boys",
        "R vector print",
        alt="less",
    )


@item
def one_sample_heptathlon_hurdles_named() -> None:
    d = hs("heptathlon", rownames=True)
    x = toks(d.hurdles)
    shown = rprint("setNames(HSAUR3::heptathlon$hurdles, rownames(HSAUR3::heptathlon))")
    prompt = (
        "Seoul 1988 heptathlon, 100m hurdles times (s):\n"
        + shown
        + "\n\none sample t test vs 13.5 s, two sided, 99% CI"
    )
    b.one_sample_t_item(
        SET,
        prompt,
        x,
        "13.5",
        "two-sided; mu = 13.5; 99% CI",
        "HSAUR3::heptathlon hurdles",
        "R named vector print (names with country codes)",
        level=0.99,
    )


# ================================================================ ANOVA, rank tests, normality


@item
def anova_skulls_breadth_wide_excel() -> None:
    d = hs("skulls")
    epochs = ["c4000BC", "c3300BC", "c1850BC", "c200BC", "cAD150"]
    cols = [toks(d.mb[d.epoch == e]) for e in epochs]
    lines = ["\t".join(epochs)] + ["\t".join(c[i] for c in cols) for i in range(len(cols[0]))]
    prompt = (
        "Egyptian skulls, maximum breadth (mm), 30 per period, straight out of excel:\n"
        + "\n".join(lines)
        + "\n\none-way anova across the 5 epochs?"
    )
    b.anova_item(SET, prompt, cols, epochs, "5 groups", "HSAUR3::skulls mb", "wide tsv, labels with numbers")


@item
def anova_baumann_post3_dput() -> None:
    d = car("Baumann")
    shown = b.r_text("dput(carData::Baumann[, c('group', 'post.test.3')])").rstrip()
    groups = ["Basal", "DRTA", "Strat"]
    ys = [toks(d.post_test_3[d.group == g]) for g in groups]
    prompt = (
        "reading comprehension, third post-test, by teaching method. dput below\n"
        + shown
        + "\n\nclassic one way ANOVA F test for group differences please"
    )
    b.anova_item(SET, prompt, ys, groups, "3 groups", "carData::Baumann post.test.3", "R dput() of a data.frame")


@item
def mw_clouds_rainfall_exact_print() -> None:
    d = hs("clouds")
    rain = toks(d.rainfall)
    shown = rprint("HSAUR3::clouds")
    prompt = (
        "> clouds\n" + shown + "\n\nrainfall on seeded vs unseeded days, Wilcoxon rank sum / Mann-Whitney, EXACT "
        "p value (no ties), seeded (yes) as the first group"
    )
    mw_item(
        prompt,
        b.split_by(rain, list(d.seeding), "yes"),
        b.split_by(rain, list(d.seeding), "no"),
        True,
        False,
        "two-sided",
        "exact; seeded vs unseeded",
        "HSAUR3::clouds",
        "R data.frame print with unused columns",
    )


@item
def mw_household_goods_tsv_no_correction() -> None:
    d = hs("household")
    goods = toks(d.goods)
    lines = ["gender\thousing\tgoods"] + [
        f"{g}\t{th(h)}\t{th(v)}" for g, h, v in zip(d.gender, toks(d.housing), goods, strict=True)
    ]
    prompt = (
        "\n".join(lines) + "\n\nexpenditure on other goods, women vs men: mann whitney with the normal "
        "approximation, NO continuity correction (correct = FALSE), female first"
    )
    mw_item(
        prompt,
        b.split_by(goods, list(d.gender), "female"),
        b.split_by(goods, list(d.gender), "male"),
        False,
        False,
        "two-sided",
        "asymptotic, no continuity correction; female vs male",
        "HSAUR3::household goods",
        "tsv with thousands separators and an unused column",
    )


@item
def mw_mercuryfish_abnormal_one_sided() -> None:
    d = coin("mercuryfish")
    ab = toks(d.abnormal)
    shown = rprint("coin::mercuryfish")
    prompt = (
        "> mercuryfish   # workers exposed to methylmercury via fish vs controls\n"
        + shown
        + "\n\nrank-sum test on `abnormal` (% cells with structural aberrations), exposed vs control, one-sided "
        "(exposed higher). there are ties so normal approx with the continuity correction is fine"
    )
    mw_item(
        prompt,
        b.split_by(ab, list(d.group), "exposed"),
        b.split_by(ab, list(d.group), "control"),
        False,
        True,
        "greater",
        "asymptotic with continuity correction; one-sided (greater); exposed vs control",
        "coin::mercuryfish abnormal",
        "R data.frame print with unused columns",
    )


def blackmore_pairs() -> tuple[list[str], list[str], list[str]]:
    d = car("Blackmore")
    d = d[d.group == "patient"]
    a8 = d[np.isclose(d.age, 8)].set_index("subject").exercise
    a10 = d[np.isclose(d.age, 10)].set_index("subject").exercise
    subj = [s for s in a8.index if s in a10.index]
    return [str(s) for s in subj], fmt(a8[subj], 2), fmt(a10[subj], 2)


@item
def signed_rank_blackmore_exact_arrows() -> None:
    subj, x8, x10 = blackmore_pairs()
    keep = [i for i in range(len(subj)) if x8[i] != x10[i]][:20]
    subj, x8, x10 = [subj[i] for i in keep], [x8[i] for i in keep], [x10[i] for i in keep]
    d = b.diffs(x10, x8)
    if len(set(np.abs(d))) != len(d):
        raise AssertionError("ties in |d|: no exact signed-rank p")
    prompt = (
        "hours/week of exercise at age 8 -> age 10, eating-disorder patients (Blackmore study), 20 girls:\n"
        + "\n".join(f"{s}: {a} -> {c}" for s, a, c in zip(subj, x8, x10, strict=True))
        + "\n\nwilcoxon signed rank, exact p, age 10 minus age 8"
    )
    signed_rank_item(
        prompt,
        d,
        f"xx <- round({rv(x10)} - {rv(x8)}, 10)",
        ", exact = TRUE",
        "exact",
        False,
        "exact; age 10 minus age 8",
        "carData::Blackmore patients, ages 8 and 10, first 20 with a change",
        "id: before -> after per line",
    )


@item
def signed_rank_davis_women_weight_no_correction() -> None:
    d = car("Davis")
    d = d[(d.sex == "F") & ~d.repwt.isna()].iloc[:30]
    w, rw = toks(d.weight), toks(d.repwt)
    lines = ["id,weight_kg,reported_kg"] + [f"{i + 1},{a},{c}" for i, (a, c) in enumerate(zip(w, rw, strict=True))]
    prompt = (
        "\n".join(lines) + "\n\nwomen, measured vs self-reported weight (yes #4 is the famous data-entry error, "
        "that's why I want a rank test). Wilcoxon signed-rank (measured minus reported) using the normal "
        "approximation WITHOUT continuity correction; zeros dropped as R does"
    )
    signed_rank_item(
        prompt,
        b.diffs(w, rw),
        f"xx <- round({rv(w)} - {rv(rw)}, 10)",
        ", exact = FALSE, correct = FALSE",
        "approx",
        False,
        "asymptotic, no continuity correction; measured minus reported",
        "carData::Davis, first 30 women with repwt",
        "csv with an id column",
    )


@item
def kruskal_alpha_group_lines() -> None:
    d = coin("alpha")
    groups = ["short", "intermediate", "long"]
    ys = [toks(d.elevel[d.alength == g]) for g in groups]
    prompt = (
        "alpha-synuclein expression level by NACP-REP1 allele length (alcohol-dependent patients)\n"
        + "\n".join(f"{g} (n={len(y)}): {', '.join(y)}" for g, y in zip(groups, ys, strict=True))
        + "\n\nkruskal wallis across the three allele lengths"
    )
    kruskal_item(ys, prompt, "3 groups", "coin::alpha", "a group per line with (n=) in the label")


@item
def kruskal_robey_tfr_markdown() -> None:
    d = car("Robey", rownames=True)
    regions = ["Africa", "Asia", "Latin.Amer", "Near.East"]
    tfr = dec1(d.tfr)
    rows = "\n".join(
        f"| {c} | {r} | {t} | {p} |" for c, r, t, p in zip(d.rn, d.region, tfr, toks(d.contraceptors), strict=True)
    )
    prompt = (
        "| country | region | tfr | contraceptors (%) |\n|---|---|---|---|\n"
        + rows
        + "\n\nKruskal-Wallis: does total fertility rate differ across the 4 regions? (ignore contraceptors)"
    )
    ys = [b.split_by(tfr, list(d.region), r) for r in regions]
    kruskal_item(ys, prompt, "4 groups", "carData::Robey", "markdown long table with an unused column")


@item
def shapiro_agefat_vector() -> None:
    x = dec1(hs("agefat").fat)
    prompt = "> agefat$fat\n" + b.r_vector_print(x, 10) + "\n\nbody fat %, 25 adults. shapiro wilk normality test?"
    shapiro_item(prompt, x, "HSAUR3::agefat fat", "R vector print")


@item
def shapiro_usair_temp_lines() -> None:
    d = hs("USairpollution", rownames=True)
    x = dec1(d.temp)
    prompt = (
        "average annual temperature (F), 41 US cities\n"
        + "\n".join(f"{c}: {v}" for c, v in zip(d.rn, x, strict=True))
        + "\n\nIs this normal enough for a t-based CI? run Shapiro-Wilk"
    )
    shapiro_item(prompt, x, "HSAUR3::USairpollution temp", "name: value per line")


# ================================================================ tables of counts


@item
def chisq_pistonrings_table_print() -> None:
    shown = rprint("HSAUR3::pistonrings")
    d = r_frame("as.data.frame(HSAUR3::pistonrings)")
    comps, legs = ["C1", "C2", "C3", "C4"], ["North", "Centre", "South"]
    tab = [[int(d.Freq[(d.compressor == c) & (d.leg == g)].iloc[0]) for g in legs] for c in comps]
    prompt = (
        "piston-ring failures by compressor and leg\n> pistonrings\n"
        + shown
        + "\n\nPearson chi-sq test of independence on this 4x3 table"
    )
    b.chisq_item(SET, prompt, tab, False, "4 x 3", "HSAUR3::pistonrings", "R table print, labels with numbers")


@item
def chisq_arrests_xtabs_yates() -> None:
    d = car("Arrests")
    shown = rprint("xtabs(~ colour + released, data = carData::Arrests)")
    tab = b.crosstab(d, "colour", "released", ["Black", "White"], ["No", "Yes"])
    prompt = (
        "Toronto marijuana-possession arrests, was the person released with a summons?\n"
        "> xtabs(~ colour + released, data = Arrests)\n" + shown + "\n\nchisq.test with Yates' correction (the "
        "default) please"
    )
    b.chisq_item(SET, prompt, tab, True, "2 x 2, Yates", "carData::Arrests colour x released", "R xtabs print")


@item
def chisq_housevotes_budget_excel_total() -> None:
    d = hv()
    d = d[~d.V3.isna() & (d.V3 != "")]
    tab = b.crosstab(d, "Class", "V3", ["democrat", "republican"], ["y", "n"])
    lines = ["Party\tYea\tNay\tTotal\t% yea"]
    for name, row in zip(["Democrat", "Republican"], tab, strict=True):
        lines.append(f"{name}\t{row[0]}\t{row[1]}\t{sum(row)}\t{100 * row[0] / sum(row):.1f}%")
    tot = [tab[0][0] + tab[1][0], tab[0][1] + tab[1][1]]
    lines.append(f"Total\t{tot[0]}\t{tot[1]}\t{sum(tot)}\t{100 * tot[0] / sum(tot):.1f}%")
    prompt = (
        "1984 House, vote on adoption of the budget resolution (members who did not vote left out)\n"
        + "\n".join(lines)
        + "\n\nchi-square, no continuity correction"
    )
    b.chisq_item(
        SET,
        prompt,
        tab,
        False,
        "2 x 2, no correction",
        "mlbench::HouseVotes84 Class x V3",
        "excel with Total row and column and a % column",
    )


@item
def fisher_lanza_study2_words() -> None:
    d = hs("Lanza")
    d = d[d.study == "II"]
    mis, pla = d[d.treatment == "Misoprostol"], d[d.treatment == "Placebo"]
    a, n1 = count(mis.classification == 1), len(mis)
    c, n2 = count(pla.classification == 1), len(pla)
    w = WORDS
    prompt = (
        f"Lanza trial II (aspirin + misoprostol vs aspirin + placebo): endoscopy showed no damage at all (grade 1) "
        f"in {w[a]} of the {n1} on misoprostol, but in only {w[c]} of the {n2} on placebo. fisher exact test, "
        "odds ratio with 95% CI, misoprostol first"
    )
    b.fisher_item(
        SET,
        a,
        n1 - a,
        c,
        n2 - c,
        prompt,
        "2 x 2; misoprostol first",
        "HSAUR3::Lanza study II, grade 1 vs 2-5",
        "counts in words and digits, a label containing a number",
    )


@item
def fisher_plasma_table_print() -> None:
    d = hs("plasma")
    hi = d.fibrinogen >= 3
    tab = [
        [count((d.ESR == "ESR > 20") & hi), count((d.ESR == "ESR > 20") & ~hi)],
        [count((d.ESR == "ESR < 20") & hi), count((d.ESR == "ESR < 20") & ~hi)],
    ]
    shown = table_print(["ESR > 20", "ESR < 20"], ["TRUE", "FALSE"], tab, "ESR", "fibrinogen >= 3")
    prompt = (
        "> with(plasma, table(ESR, `fibrinogen >= 3` = fibrinogen >= 3))   # rows reordered\n"
        + shown
        + "\n\nsmall numbers -> Fisher's exact, two-sided; conditional OR and CI"
    )
    b.fisher_item(
        SET,
        tab[0][0],
        tab[0][1],
        tab[1][0],
        tab[1][1],
        prompt,
        "2 x 2; ESR > 20 first, fibrinogen >= 3 first",
        "HSAUR3::plasma ESR x fibrinogen >= 3",
        "R table() print, labels with numbers and comparison signs",
    )


@item
def mcnemar_rearrests_print() -> None:
    shown = rprint("HSAUR3::rearrests")
    d = r_frame("as.data.frame(HSAUR3::rearrests)")
    lv = ["Rearrest", "No rearrest"]
    tab = [[int(d.Freq[(d.Adult_court == x) & (d.Juvenile_court == y)].iloc[0]) for y in lv] for x in lv]
    prompt = (
        "juveniles tried in adult vs juvenile court, matched pairs, rearrest within follow-up\n> rearrests\n"
        + shown
        + "\n\nMcNemar's test (with the continuity correction)"
    )
    b.mcnemar_item(
        SET, tab, True, prompt, "with continuity correction", "HSAUR3::rearrests", "R table print of matched pairs"
    )


@item
def mcnemar_housevotes_democrats_words() -> None:
    d = hv()
    d = d[(d.Class == "democrat") & d.V1.isin(["y", "n"]) & d.V2.isin(["y", "n"])]
    yy, yn = count((d.V1 == "y") & (d.V2 == "y")), count((d.V1 == "y") & (d.V2 == "n"))
    ny, nn = count((d.V1 == "n") & (d.V2 == "y")), count((d.V1 == "n") & (d.V2 == "n"))
    w = WORDS
    prompt = (
        f"same democrats, two votes (handicapped-infants bill, water-project cost sharing). yes on both: {w[yy]}; "
        f"yes on handicapped infants but no on water project: {w[yn]}; no on infants but yes on water: {w[ny]}; "
        f"no on both: {w[nn]}. mcnemar, without continuity correction"
    )
    b.mcnemar_item(
        SET,
        [[yy, yn], [ny, nn]],
        False,
        prompt,
        "no continuity correction",
        "mlbench::HouseVotes84 democrats V1 x V2",
        "paired counts in words",
    )


@item
def odds_ratio_lep_bcg_pandas_crosstab() -> None:
    d = epi("lep")
    d = d.assign(bcg_scar=d.bcg, case=d.d.astype(int))
    shown = pd.crosstab(d.bcg_scar, d.case, margins=True).to_string()
    tab = [
        [count((d.bcg == "yes") & (d.case == 1)), count((d.bcg == "yes") & (d.case == 0))],
        [count((d.bcg == "no") & (d.case == 1)), count((d.bcg == "no") & (d.case == 0))],
    ]
    prompt = (
        "Northern Malawi leprosy case-control data (case = 1 is leprosy)\n>>> pd.crosstab(df.bcg_scar, df.case, "
        "margins=True)\n" + shown + "\n\nOR of leprosy for BCG scar yes vs no (no scar = reference), Woolf 95% CI"
    )
    woolf_item(
        prompt,
        tab,
        0.95,
        "Woolf 95% CI; BCG scar vs none",
        "Epi::lep bcg x d",
        "pandas crosstab with margins, numeric column labels",
    )


@item
def odds_ratio_births_hypertension_90() -> None:
    d = epi("births")
    a, n1 = count((d.hyp == 1) & (d.lowbw == 1)), count(d.hyp == 1)
    c, n2 = count((d.hyp == 0) & (d.lowbw == 1)), count(d.hyp == 0)
    prompt = (
        f"{a} of the {n1} hypertensive mothers had a baby < 2500 g, vs {c} of {n2} normotensive mothers. odds "
        "ratio hypertensive vs not, log (Woolf) CI at 90% conf level"
    )
    woolf_item(
        prompt,
        [[a, n1 - a], [c, n2 - c]],
        0.9,
        "Woolf 90% CI; hypertensive vs normotensive",
        "Epi::births hyp x lowbw",
        "x of n in prose, a threshold number in the wording",
    )


@item
def relative_risk_bcg_uk_trial_prose() -> None:
    d = hs("BCG")
    r = d[d.Study == 4].iloc[0]
    a, n1, c, n2 = int(r.BCGTB), int(r.BCGVacc), int(r.NoVaccTB), int(r.NoVacc)
    prompt = (
        f"MRC BCG trial in British schoolchildren: {a} TB cases among {th(str(n1))} vaccinated vs {c} among "
        f"{th(str(n2))} unvaccinated. risk ratio vaccinated vs unvaccinated + 95% CI"
    )
    answer(
        prompt,
        "relative_risk",
        "95% CI; vaccinated vs unvaccinated",
        b.rr_r(a, n1, c, n2),
        b.rr_check(a, n1, c, n2),
        "HSAUR3::BCG study 4",
        "x among n in prose, thousands separators",
    )


@item
def relative_risk_cowles_excel_percent() -> None:
    d = car("Cowles")
    a, n1 = count((d.sex == "female") & (d.volunteer == "yes")), count(d.sex == "female")
    c, n2 = count((d.sex == "male") & (d.volunteer == "yes")), count(d.sex == "male")
    prompt = (
        "Cowles & Davis volunteering study\nsex\tN\tvolunteered\t%\n"
        f"female\t{n1}\t{a}\t{100 * a / n1:.1f}%\nmale\t{n2}\t{c}\t{100 * c / n2:.1f}%\n\n"
        "RR of volunteering, women vs men (men = ref), 95% CI"
    )
    answer(
        prompt,
        "relative_risk",
        "95% CI; female vs male",
        b.rr_r(a, n1, c, n2),
        b.rr_check(a, n1, c, n2),
        "carData::Cowles sex x volunteer",
        "tsv with N, count and % columns",
    )


@item
def risk_difference_wells_markdown() -> None:
    d = car("Wells")
    hi = d.education >= 6
    a, n1 = count(hi & (d.switch == "yes")), count(hi)
    c, n2 = count(~hi & (d.switch == "yes")), count(~hi)
    prompt = (
        "Bangladesh arsenic wells: did the household switch to a safe well, by schooling of the head of household\n\n"
        "| schooling | households | switched |\n|---|---|---|\n"
        f"| 6+ years | {th(str(n1))} | {a} |\n| 0-5 years | {th(str(n2))} | {th(str(c))} |\n\n"
        "risk difference (6+ years minus 0-5 years) with a Wald 95% CI"
    )
    answer(
        prompt,
        "risk_difference",
        "Wald 95% CI; 6+ years minus 0-5 years",
        b.rd_r(a, n1, c, n2),
        b.rd_check(a, n1, c, n2),
        "carData::Wells education >= 6 x switch",
        "markdown with totals and counts, range labels",
    )


@item
def risk_difference_births_sex_semicolon() -> None:
    d = epi("births")
    a, n1 = count((d.sex == 2) & (d.lowbw == 1)), count(d.sex == 2)
    c, n2 = count((d.sex == 1) & (d.lowbw == 1)), count(d.sex == 1)
    prompt = (
        f"sex;n;low birth weight;%\ngirls;{n1};{a};{100 * a / n1:.1f}%\nboys;{n2};{c};{100 * c / n2:.1f}%\n".replace(
            ".", ","
        )
        + "\nproportion difference girls minus boys, plain Wald CI (95%)"
    )
    answer(
        prompt,
        "risk_difference",
        "Wald 95% CI; girls minus boys",
        b.rd_r(a, n1, c, n2),
        b.rd_check(a, n1, c, n2),
        "Epi::births sex x lowbw",
        "semicolon export with decimal-comma percentages",
    )


# ================================================================ correlation


@item
def pearson_duncan_income_education_lines() -> None:
    d = car("Duncan", rownames=True)
    inc, edu = toks(d.income), toks(d.education)
    prompt = (
        "Duncan 1950 occupations, % males earning $3,500+ (income) and % with high-school education:\n"
        + "\n".join(f"{o}: income {i}, education {e}" for o, i, e in zip(d.rn, inc, edu, strict=True))
        + "\n\npearson r between income and education, with t, df and the 95% CI"
    )
    b.pearson_item(
        SET,
        prompt,
        inc,
        edu,
        0.95,
        ["r", "t", "df", "ci_low", "ci_high"],
        "95% CI",
        "carData::Duncan",
        "a named subject per line with two labelled values",
    )


@item
def pearson_sahlins_semicolon_90() -> None:
    d = car("Sahlins")
    x, y = toks(d.consumers), toks(d.acres)
    lines = ["consumers;acres"] + [f"{b.dcomma(a)};{b.dcomma(c)}" for a, c in zip(x, y, strict=True)]
    prompt = (
        "Sahlins' Mazulu village data (consumers per gardener, acres per gardener), German-locale export:\n"
        + "\n".join(lines)
        + "\n\nPearson correlation with a 90% confidence interval and the p value"
    )
    b.pearson_item(
        SET,
        prompt,
        x,
        y,
        0.9,
        ["r", "p", "ci_low", "ci_high"],
        "90% CI",
        "carData::Sahlins",
        "semicolon export with decimal commas",
    )


@item
def spearman_usair_so2_manu_print() -> None:
    d = hs("USairpollution")
    shown = rprint("HSAUR3::USairpollution")
    prompt = (
        "> USairpollution\n" + shown + "\n\nspearman rank correlation SO2 vs manu (manufacturing enterprises), ties "
        "present so the asymptotic p is fine"
    )
    b.rank_cor_item(
        SET,
        prompt,
        toks(d.SO2),
        toks(d.manu),
        "spearman",
        False,
        "asymptotic p",
        "HSAUR3::USairpollution SO2 and manu",
        "R data.frame print with row names and unused columns",
    )


@item
def spearman_heptathlon_highjump_score() -> None:
    d = hs("heptathlon")
    shown = rprint("HSAUR3::heptathlon")
    prompt = (
        shown + "\n\n^ heptathlon. Spearman's rho for highjump vs total score (both have ties: use the t/normal "
        "approximation for p)"
    )
    b.rank_cor_item(
        SET,
        prompt,
        fmt(d.highjump, 2),
        toks(d.score),
        "spearman",
        False,
        "asymptotic p",
        "HSAUR3::heptathlon highjump and score",
        "R data.frame print before the request, unused columns",
    )


@item
def kendall_clouds_exact_csv() -> None:
    d = hs("clouds")
    cc, pw = toks(d.cloudcover), fmt(d.prewetness, 3)
    lines = ["day,seeding,cloudcover,prewetness"] + [
        f"{i + 1},{s},{a},{c}" for i, (s, a, c) in enumerate(zip(d.seeding, cc, pw, strict=True))
    ]
    prompt = (
        "\n".join(lines) + "\n\nKendall's tau between cloudcover and prewetness, all 24 days, exact p-value (no "
        "ties in either)"
    )
    b.rank_cor_item(
        SET,
        prompt,
        cc,
        pw,
        "kendall",
        True,
        "exact",
        "HSAUR3::clouds cloudcover and prewetness",
        "csv with an id column and an unused column",
    )


@item
def kendall_baumann_pretest_vectors() -> None:
    d = car("Baumann")
    x, y = toks(d.pretest_1), toks(d.pretest_2)
    prompt = (
        "> Baumann$pretest.1\n"
        + b.r_vector_print(x, 20)
        + "\n> Baumann$pretest.2\n"
        + b.r_vector_print(y, 20)
        + "\n\nkendall tau-b between the two pretests (66 kids), lots of ties so normal-approx p"
    )
    b.rank_cor_item(
        SET,
        prompt,
        x,
        y,
        "kendall",
        False,
        "tau-b, asymptotic p",
        "carData::Baumann pretest.1 and pretest.2",
        "two R vector prints",
    )


# ================================================================ regression


@item
def lm_agefat_csv_all_stats() -> None:
    d = hs("agefat")
    age, fat = toks(d.age), dec1(d.fat)
    lines = ["age,fat,gender"] + [f"{a},{f},{g}" for a, f, g in zip(age, fat, d.gender, strict=True)]
    prompt = (
        "\n".join(lines) + "\n\nsimple linear regression of fat on age (both sexes together): slope + its SE, "
        "intercept and R^2"
    )
    b.lm_item(
        SET,
        prompt,
        age,
        fat,
        "fat on age",
        ["slope", "se_slope", "intercept", "r2"],
        "HSAUR3::agefat",
        "csv with an unused factor column",
    )


@item
def lm_men1500m_print() -> None:
    d = hs("men1500m")
    shown = rprint("HSAUR3::men1500m")
    yr, tm = toks(d.year), toks(d.time)
    prompt = (
        "> men1500m\n" + shown + "\n\nlm(time ~ year): how many seconds per year is the winning time dropping? "
        "slope, intercept, R2"
    )
    b.lm_item(
        SET,
        prompt,
        yr,
        tm,
        "time on year",
        ["slope", "intercept", "r2"],
        "HSAUR3::men1500m",
        "R data.frame print with text columns",
    )


@item
def logistic_plasma_fibrinogen_print() -> None:
    d = hs("plasma")
    shown = rprint("HSAUR3::plasma")
    y = ["1" if v == "ESR > 20" else "0" for v in d.ESR]
    prompt = (
        "> plasma\n" + shown + "\n\nlogistic regression, ESR > 20 as the event, on fibrinogen (g/l) alone: OR per "
        "1 g/l, 95% CI (Wald) and p"
    )
    logit_item(
        prompt,
        fmt(d.fibrinogen, 2),
        y,
        "OR per g/l of fibrinogen; ESR > 20 = event",
        "HSAUR3::plasma",
        "R data.frame print, outcome labels with numbers and signs",
    )


@item
def logistic_breastcancer_thickness_columns() -> None:
    d = frame("mlbench", "BreastCancer").iloc[:80]
    th_ = toks(d.Cl_thickness)
    y = ["1" if v == "malignant" else "0" for v in d.Class]
    lines = ["Id Cl.thickness Class"] + [f"{i} {t} {c}" for i, t, c in zip(d.Id, th_, d.Class, strict=True)]
    prompt = (
        "first 80 rows of the Wisconsin breast cancer data\n"
        + "\n".join(lines)
        + "\n\nlogistic regression of malignant (vs benign) on clump thickness as a numeric 1-10 score; OR per "
        "point with 95% CI"
    )
    logit_item(
        prompt,
        th_,
        y,
        "OR per point of clump thickness; malignant = event",
        "mlbench::BreastCancer rows 1-80",
        "space-separated columns with a long id column",
    )


# ================================================================ survival


@item
def km_tongue_aneuploid_surv_print() -> None:
    d = km("tongue")
    d = d[d.type == 1]
    t, e = toks(d.time), toks(d.delta)
    shown = b.r_text(
        f"x <- with(subset({data_expr('KMsurv', 'tongue')}, type == 1), Surv(time, delta)); print(x)"
    ).rstrip()
    prompt = (
        "tongue cancer, aneuploid tumours, weeks to death\n> with(subset(tongue, type == 1), Surv(time, delta))\n"
        + shown
        + "\n\nKaplan-Meier: median survival and S(t) at 52 and at 104 weeks"
    )
    b.km_item(
        SET,
        prompt,
        t,
        e,
        [52, 104],
        "median; S at 52 and 104 weeks",
        "KMsurv::tongue aneuploid",
        "R Surv print with + marks",
    )


@item
def km_gtsg_chemo_radiation_pandas() -> None:
    d = coin("GTSG")
    d = d[d.group == "Chemotherapy+Radiation"]
    t, e = toks(d.time), toks(d.event)
    frame_ = pd.DataFrame({"T": [int(x) for x in t], "E": [int(x) for x in e]}).to_string()
    prompt = (
        "gastric cancer trial (GTSG), chemo + radiation arm. T = days, E = 1 death\n>>> df\n"
        + frame_
        + "\n\nKM median + survival at 365 d and 730 d"
    )
    b.km_item(
        SET,
        prompt,
        t,
        e,
        [365, 730],
        "median; S at 365 and 730 days",
        "coin::GTSG Chemotherapy+Radiation",
        "pandas frame",
    )


@item
def logrank_mastectomy_logical_event_print() -> None:
    d = hs("mastectomy")
    t = toks(d.time)
    e = ["1" if str(v) in ("True", "TRUE") else "0" for v in d.event]
    shown = rprint("HSAUR3::mastectomy")
    prompt = (
        "> mastectomy\n" + shown + "\n\nmonths after mastectomy, event TRUE = death from breast cancer. logrank "
        "test metastasized yes vs no"
    )
    logrank_item(
        prompt,
        t,
        e,
        list(d.metastasized),
        "two groups; logical event",
        "HSAUR3::mastectomy",
        "R data.frame print with a logical event column",
    )


@item
def logrank_kidney_catheter_csv_legend() -> None:
    d = km("kidney")
    t, e = toks(d.time), toks(d.delta)
    g = ["surgical" if x == 1 else "percutaneous" for x in d.type]
    lines = ["time,delta,type"] + [f"{a},{s},{x}" for a, s, x in zip(t, e, toks(d.type), strict=True)]
    prompt = (
        "\n".join(lines) + "\n\nkidney dialysis pts, months to exit-site infection. delta 1 = infection, 0 = "
        "censored; type 1 = surgically placed catheter, 2 = percutaneous. log-rank test between the two types"
    )
    logrank_item(prompt, t, e, g, "two groups; numeric group codes", "KMsurv::kidney", "csv with a legend for codes")


@item
def logrank_hodg_four_groups_plus() -> None:
    d = km("hodg")
    labels = {(1, 1): "allo NHL", (1, 2): "allo HOD", (2, 1): "auto NHL", (2, 2): "auto HOD"}
    g = [labels[(int(a), int(c))] for a, c in zip(d.gtype, d.dtype, strict=True)]
    t, e = toks(d.time), toks(d.delta)
    order = [i for lab in labels.values() for i, x in enumerate(g) if x == lab]
    prompt = (
        "days to death or relapse after bone-marrow transplant (+ = censored)\n"
        + "\n".join(f"{lab}: {b.surv_split(t, e, g, lab)}" for lab in labels.values())
        + "\n\nk-sample log rank test over the 4 graft x disease groups"
    )
    logrank_item(
        prompt,
        [t[i] for i in order],
        [e[i] for i in order],
        [g[i] for i in order],
        "four groups",
        "KMsurv::hodg gtype x dtype",
        "labelled plus lists",
    )


@item
def cox_btrial_ihc_plus_lists() -> None:
    d = km("btrial")
    neg, pos = d[d.im == 1], d[d.im == 2]
    tn, en, tp, ep = toks(neg.time), toks(neg.death), toks(pos.time), toks(pos.death)
    prompt = (
        "breast cancer, months to death, by immunohistochemical staining (+ = alive at last contact)\n"
        f"IHC negative: {b.plus(tn, en)}\nIHC positive: {b.plus(tp, ep)}\n\n"
        "Cox PH, positive vs negative (negative = reference), Efron ties: HR, 95% CI, p"
    )
    cox_item(
        prompt,
        tn + tp,
        en + ep,
        ["0"] * len(tn) + ["1"] * len(tp),
        "Efron ties; positive vs negative",
        "KMsurv::btrial",
        "labelled plus lists",
    )


@item
def cox_psych_age_breslow_tuples() -> None:
    d = km("psych")
    age, t, e = toks(d.age), toks(d.time), toks(d.death)
    prompt = (
        "Iowa psychiatric inpatients, (age at admission, years of follow-up, died 1/0):\n"
        + ", ".join(f"({a}, {x}, {s})" for a, x, s in zip(age, t, e, strict=True))
        + "\n\ncoxph on age as continuous, ties = 'breslow' please (to match the textbook). HR per year + CI"
    )
    cox_item(
        prompt,
        t,
        e,
        age,
        "Breslow ties; HR per year of age",
        "KMsurv::psych",
        "tuples (covariate first)",
        ties="breslow",
    )


@item
def cox_hohnloser_ef_space_columns() -> None:
    d = coin("hohnloser")
    ef, t, e = toks(d.EF), toks(d.time), toks(d.event)
    lines = ["EF time event"] + [f"{a:>2} {x:>4} {s:>5}" for a, x, s in zip(ef, t, e, strict=True)]
    prompt = (
        "\n".join(lines) + "\n\nleft ventricular ejection fraction (%) and months to event. univariable Cox on EF "
        "(continuous), HR per 1% EF, 95% CI, p"
    )
    cox_item(prompt, t, e, ef, "Efron ties; HR per EF percentage point", "coin::hohnloser", "space-aligned columns")


@item
def cox_ocarcinoma_stage_status12() -> None:
    d = coin("ocarcinoma")
    t = toks(d.time)
    ev = ["1" if str(v) in ("True", "TRUE") else "0" for v in d.event]
    st = [str(int(x) + 1) for x in ev]
    lines = ["time status stadium"] + [f"{a} {s} {x}" for a, s, x in zip(t, st, d.stadium, strict=True)]
    prompt = (
        "ovarian carcinoma, FIGO stage II vs IIA, days. status uses the old survival coding: 1 = censored, 2 = "
        "dead\n" + "\n".join(lines) + "\n\nCox model, IIA vs II (II = reference). HR with 95% CI"
    )
    x = ["1" if s == "IIA" else "0" for s in d.stadium]
    cox_item(
        prompt,
        t,
        ev,
        x,
        "Efron ties; IIA vs II; status 1/2",
        "coin::ocarcinoma",
        "space columns, status 1 = censored 2 = event, roman-numeral labels",
    )


# ================================================================ design and multiplicity


@item
def sample_size_t_skulls_breadth() -> None:
    d = hs("skulls")
    sd = f"{d.mb[d.epoch == 'c4000BC'].std():.1f}"
    prompt = (
        "planning a new cranial series: we want to detect a 3 mm difference in mean maximum skull breadth between "
        f"two periods. SD in the earliest Egyptian series was ~{sd} mm. n per group for 80% and 90% power, alpha "
        "0.05 2-sided?"
    )
    b.sample_size_t_item(
        SET,
        prompt,
        "3",
        sd,
        [0.8, 0.9],
        "80% and 90% power",
        "HSAUR3::skulls c4000BC mb SD (rounded)",
        "design prose, SD with a tilde",
    )


@item
def power_t_baumann_22_per_group() -> None:
    sd = f"{car('Baumann').post_test_3.std():.1f}"
    prompt = (
        f"a replication with 22 kids per teaching method (two arms). post-test SD about {sd} points, we care about a "
        "5 point difference. power of a two sided t-test at alpha = 0.05, and also at 0.01?"
    )
    power_t_item(
        prompt,
        "22",
        "5",
        sd,
        ["0.05", "0.01"],
        "n = 22, alpha 0.05 and 0.01",
        "carData::Baumann post.test.3 SD (rounded)",
        "design prose",
    )


@item
def sample_size_prop_cowles_rates() -> None:
    d = car("Cowles")
    pf = (d.volunteer[d.sex == "female"] == "yes").mean()
    pm = (d.volunteer[d.sex == "male"] == "yes").mean()
    p1, p2 = f"{pf:.2f}", f"{pm:.2f}"
    prompt = (
        f"volunteering was {round(100 * pf)}% in women vs {round(100 * pm)}% in men in the Cowles data. for a new "
        f"study with p1 = {p1} and p2 = {p2}, how many per group for 80% power? and 90%? two-sided 5%"
    )
    sample_size_prop_item(
        prompt,
        p1,
        p2,
        [0.8, 0.9],
        "80% and 90% power",
        "carData::Cowles volunteering by sex (rounded)",
        "design prose with percentages and decimals",
    )


@item
def power_prop_wells_two_ns() -> None:
    prompt = (
        "if 55% of non-member households switch wells and we hope an outreach programme gets that to 65%, what's "
        "the power with 250 households per arm (two sided alpha 0.05)? and with 400 per arm?"
    )
    r = (
        "a <- power.prop.test(n = 250, p1 = 0.55, p2 = 0.65)$power\n"
        "c0 <- power.prop.test(n = 400, p1 = 0.55, p2 = 0.65)$power\nemit(power_n250 = a, power_n400 = c0)"
    )
    check = {"power_n250": b.power_prop_py(250, 0.55, 0.65), "power_n400": b.power_prop_py(400, 0.55, 0.65)}
    answer(
        prompt,
        "power_proportions",
        "two-sided; n = 250 and 400",
        r,
        check,
        "design values (carData::Wells switching share, rounded)",
        "design prose with percentages",
    )


def welch_p(x: Sequence[str], y: Sequence[str]) -> str:
    return f"{b.r_values(f'emit(p = t.test({rv(x)}, {rv(y)})$p.value)')['p']:.3g}"


@item
def padjust_skulls_bonferroni_lines() -> None:
    d = hs("skulls")
    labels = {"mb": "max breadth", "bh": "basibregmatic height", "bl": "basialveolar length", "nh": "nasal height"}
    pv = [welch_p(toks(d[m][d.epoch == "c3300BC"]), toks(d[m][d.epoch == "c1850BC"])) for m in labels]
    prompt = (
        "skulls, c3300BC vs c1850BC, Welch t p-values per measurement:\n"
        + "\n".join(f"{m} ({lab}) p={p}" for (m, lab), p in zip(labels.items(), pv, strict=True))
        + "\n\nbonferroni-adjust these 4 p's"
    )
    b.padj_item(
        SET,
        prompt,
        list(labels),
        pv,
        "bonferroni",
        "HSAUR3::skulls c3300BC vs c1850BC Welch p-values (3 s.f.)",
        "p-value per line, labels with numbers",
    )


@item
def padjust_baumann_holm_prose() -> None:
    d = car("Baumann")
    cols = {
        "pretest.1": "pretest_1",
        "pretest.2": "pretest_2",
        "post.test.1": "post_test_1",
        "post.test.2": "post_test_2",
        "post.test.3": "post_test_3",
    }
    pv = [welch_p(toks(d[c][d.group == "Strat"]), toks(d[c][d.group == "Basal"])) for c in cols.values()]
    prompt = (
        "Strat vs Basal, Welch p for each of the five tests: "
        + ", ".join(f"{k} p = {p}" for k, p in zip(cols, pv, strict=True))
        + ". Holm correction please (family of 5)"
    )
    b.padj_item(
        SET,
        prompt,
        ["pre1", "pre2", "post1", "post2", "post3"],
        pv,
        "holm",
        "carData::Baumann Strat vs Basal Welch p-values (3 s.f.)",
        "p-values in prose, labels with numbers",
    )


@item
def padjust_usair_bh_markdown() -> None:
    d = hs("USairpollution")
    cols = ["temp", "manu", "wind", "precip", "predays"]
    pv = []
    for c in cols:
        k = b.r_values(
            f"emit(p = cor.test({rv(toks(d.SO2))}, {rv(toks(d[c]))}, method = 'spearman', exact = FALSE)$p.value)"
        )
        pv.append(f"{k['p']:.3g}")
    rows = "\n".join(f"| SO2 ~ {c} | {p} |" for c, p in zip(cols, pv, strict=True))
    prompt = "| Spearman test | p |\n|---|---|\n" + rows + "\n\nBH / FDR adjusted p-values for these five please"
    b.padj_item(
        SET, prompt, cols, pv, "BH", "HSAUR3::USairpollution Spearman p-values of SO2 (3 s.f.)", "markdown p-values"
    )


# ================================================================ must-decline: analyses no recipe computes


@item
def declines_unsupported_analyses() -> None:
    wl = car("WeightLoss")
    diet = wl[wl.group == "Diet"]
    decline(
        "Diet group, weight lost (lb) in month 1, 2, 3, same women each row\n"
        + frame_print(
            ["wl1", "wl2", "wl3"],
            [[fnum(a), fnum(c), fnum(e)] for a, c, e in zip(diet.wl1, diet.wl2, diet.wl3, strict=True)],
        )
        + "\n\nnon-normal and repeated, so Friedman test across the 3 months please",
        "friedman",
        "the Friedman test for repeated measures is not a supported analysis",
        ["friedman", "repeated", "no vetted recipe"],
        "carData::WeightLoss Diet group",
        "R data.frame print, wide repeated measures",
    )
    f = hs("foster")
    decline(
        "litgen,motgen,weight\n"
        + "\n".join(f"{a},{c},{fnum(w)}" for a, c, w in zip(f.litgen, f.motgen, f.weight, strict=True))
        + "\n\nrat litter weights, cross-fostering. two-way ANOVA litter genotype x mother genotype with the "
        "interaction term (type I SS fine)",
        "two_way_anova",
        "a two-way ANOVA with interaction is outside the one-way ANOVA recipe",
        ["two-way", "factor", "interaction"],
        "HSAUR3::foster",
        "csv long with two factors",
    )
    s = hs("skulls")
    epochs = ["c4000BC", "c3300BC", "c1850BC", "c200BC", "cAD150"]
    # first written as a decline; labbot's one-way ANOVA reports Tukey's HSD (R's TukeyHSD), so it is answerable
    b.tukey_item(
        SET,
        "\n".join(f"{e}: {' '.join(toks(s.bh[s.epoch == e]))}" for e in epochs)
        + "\n\nbasibregmatic height by epoch. I already did the ANOVA; now TukeyHSD() pairwise comparisons of all "
        "epochs with adjusted CIs",
        [toks(s.bh[s.epoch == e]) for e in epochs],
        "HSAUR3::skulls bh",
        "a group per line, labels with numbers",
    )
    v = hv()
    v = v[v.V3.isin(["y", "n"]) & v.V4.isin(["y", "n"])]
    tab = b.crosstab(v, "V3", "V4", ["y", "n"], ["y", "n"])
    decline(
        "same 1984 congressmen, budget resolution vote (rows) vs physician fee freeze vote (cols):\n"
        + table_print(["y", "n"], ["y", "n"], tab, "V3", "V4")
        + "\n\nhow well do the two votes agree beyond chance? Cohen's kappa with its SE",
        "cohen_kappa",
        "Cohen's kappa for agreement is not a supported analysis",
        ["kappa", "agreement", "no vetted recipe"],
        "mlbench::HouseVotes84 V3 x V4",
        "R table print",
    )
    tg = km("tongue")
    a1, a2 = tg[tg.type == 1], tg[tg.type == 2]
    decline(
        "aneuploid: "
        + b.plus(toks(a1.time), toks(a1.delta))
        + "\ndiploid: "
        + b.plus(toks(a2.time), toks(a2.delta))
        + "\n\nweeks, + censored. PH looks violated so instead of a HR give me the restricted mean survival time "
        "up to 100 weeks in each group and the RMST difference",
        "rmst",
        "restricted mean survival time is not a supported analysis",
        ["restricted mean", "rmst", "no vetted recipe"],
        "KMsurv::tongue",
        "labelled plus lists",
    )
    p = hs("plasma")
    decline(
        "fibrinogen ESR\n"
        + "\n".join(f"{fnum(x)} {'1' if e == 'ESR > 20' else '0'}" for x, e in zip(p.fibrinogen, p.ESR, strict=True))
        + "\n\n(ESR 1 = above 20 mm/hr). probit regression please, glm(ESR ~ fibrinogen, family = binomial(link = "
        '"probit")), coefficient and SE',
        "probit_regression",
        "a probit model is not what the logistic regression recipe computes",
        ["probit", "link", "no vetted recipe"],
        "HSAUR3::plasma",
        "space columns with a 0/1 outcome",
    )
    dv = car("Davis")
    dm = dv[(dv.sex == "M") & ~dv.repwt.isna()]
    sdd = f"{(dm.weight - dm.repwt).std():.1f}"
    decline(
        f"validation substudy: paired design (each person weighed + self-report), SD of the within-person "
        f"differences ~{sdd} kg. How many people to detect a mean difference of 1 kg with 90% power, alpha 0.05? "
        "i.e. power.t.test(delta = 1, sd = " + sdd + ', power = 0.9, type = "paired")',
        "sample_size_paired_t",
        "sample size for a paired t-test is not the two-sample sample-size recipe",
        ["paired", "two-sample", "two means"],
        "design values (carData::Davis men weight - repwt SD, rounded)",
        "design prose with an R call",
    )
    decline(
        "sample size for comparing two proportions, 30% vs 45% responding, 80% power, two-sided alpha 0.05, but "
        "with 2:1 randomisation (twice as many on the new drug). how many in each arm?",
        "sample_size_prop",
        "unequal (2:1) allocation is a setting the two-proportion sample-size recipe cannot honour",
        ["allocation", "ratio", "unequal"],
        "design values",
        "design prose with an allocation ratio",
    )
    po = hs("polyps")
    decline(
        "number treat age\n"
        + "\n".join(f"{fnum(n)} {t} {fnum(a)}" for n, t, a in zip(po.number, po.treat, po.age, strict=True))
        + "\n\ncolonic polyp counts after 12 months, FAP trial. Poisson regression of number on treat, rate ratio "
        "drug vs placebo with CI",
        "poisson_regression",
        "Poisson regression of counts is not a supported analysis",
        ["poisson", "count", "no vetted recipe"],
        "HSAUR3::polyps",
        "space columns with an unused column",
    )
    hh = hs("household")
    decline(
        "housing expenditure\nfemale: "
        + ", ".join(toks(hh.housing[hh.gender == "female"]))
        + "\nmale: "
        + ", ".join(toks(hh.housing[hh.gender == "male"]))
        + "\n\nheavy tails, so Yuen's trimmed-means t test (20% trimming) female vs male rather than Welch",
        "yuen_t",
        "Yuen's trimmed-means test is not what the Welch t recipe computes",
        ["yuen", "trimmed", "no vetted recipe"],
        "HSAUR3::household housing",
        "two labelled lists",
    )
    g = hs("GHQ")
    gf = g[g.gender == "female"]
    decline(
        "women, GHQ score: cases / total\n"
        + "\n".join(f"score {s}: {c}/{c + n}" for s, c, n in zip(toks(gf.GHQ), gf.cases, gf.non_cases, strict=True))
        + "\n\nCochran-Armitage test for trend in the proportion of cases across the ordered scores (prop.trend.test)",
        "cochran_armitage",
        "a Cochran-Armitage trend test is not a supported analysis",
        ["trend", "armitage", "no vetted recipe"],
        "HSAUR3::GHQ women",
        "x/n per line with score labels",
    )
    ps = km("psych")
    decline(
        "sex age time death\n"
        + "\n".join(
            f"{s} {a} {t} {e}"
            for s, a, t, e in zip(toks(ps.sex), toks(ps.age), toks(ps.time), toks(ps.death), strict=True)
        )
        + "\n\nsex 1 = male, 2 = female. coxph(Surv(time, death) ~ age + sex): age-adjusted HR for female vs male",
        "multivariable_cox",
        "a Cox model with two covariates (adjusted) is outside the one-covariate Cox recipe",
        ["adjusted", "multivariable", "covariate"],
        "KMsurv::psych",
        "space columns",
    )


# ================================================================ must-decline: data or settings the recipe cannot take


@item
def declines_unusable_data() -> None:
    du = car("Duncan", rownames=True)
    decline(
        "occupation prestige income\n"
        + "\n".join(f"{o} {p} {i}" for o, p, i in zip(du.rn, toks(du.prestige), toks(du.income), strict=True))
        + '\n\npearson correlation prestige vs income, one-sided test (alternative = "greater"), we only care '
        "about a positive association",
        "pearson",
        "the correlation recipes give two-sided p-values only",
        ["one-sided", "two-sided", "one sided"],
        "carData::Duncan prestige and income",
        "space columns with row names",
    )
    _, x8, x10 = blackmore_pairs()
    x8, x10 = x8[:15], x10[:14]
    decline(
        "exercise hrs/wk, same girls in the same order\nage 8: "
        + " ".join(x8)
        + "\nage 10: "
        + " ".join(x10)
        + "\n\n(one girl's age-10 value got lost) wilcoxon signed rank, age 10 minus age 8",
        "wilcoxon_signed_rank",
        "the two lists have different lengths (15 and 14), so they cannot be paired",
        ["pair", "unequal", "same number"],
        "carData::Blackmore patients ages 8 and 10, last age-10 value dropped",
        "two labelled lines of unequal length",
    )
    la = hs("Lanza")
    la = la[la.study == "III"]
    mis, pla = la[la.treatment == "Misoprostol"], la[la.treatment == "Placebo"]
    a, c = count(mis.classification <= 2), count(pla.classification <= 2)
    n1, n2 = len(mis), len(pla)
    decline(
        "Lanza trial III\n\ttrivial damage (1-2)\tmore (3-5)\tTotal\n"
        f"Misoprostol\t{a}\t{n1 - a}\t{n1}\nPlacebo\t{c}\t{n2 - c}\t{n2 + 4}\nTotal\t{a + c}\t{n1 + n2 - a - c}\t"
        f"{n1 + n2 + 4}\n\nchi-square test on the 2x2",
        "chi_square",
        "the placebo row's total does not equal the sum of its cells",
        ["total", "sum", "contradict"],
        "HSAUR3::Lanza study III, totals altered",
        "tsv with Total row and column that contradict the cells",
    )
    wg = hs("weightgain")
    low = wg[wg.type == "Low"]
    beef, cereal = toks(low.weightgain[low.source == "Beef"]), toks(low.weightgain[low.source == "Cereal"])
    decline(
        f"low protein diets\nBeef (n=10): {', '.join(beef[:9])}\nCereal (n=10): {', '.join(cereal)}\n\n"
        "welch t test beef vs cereal",
        "welch_t",
        "the label says n=10 but only nine values are listed for Beef",
        ["n=10", "nine", "values"],
        "HSAUR3::weightgain low protein, one beef value dropped",
        "labelled lists with (n=) labels",
    )
    ms = hs("mastectomy")
    ev = ["TRUE" if str(v) in ("True", "TRUE") else "FALSE" for v in ms.event]
    rows = [f"{t},{e},{m}" for t, e, m in zip(toks(ms.time), ev, ms.metastasized, strict=True)]
    cut = "\n".join(["time,event,metastasized", *rows[:30]]) + "\n" + rows[30][:4]
    decline(
        "log rank test metastasized yes vs no on this:\n" + cut,
        "log_rank",
        "the message is cut off in the middle of the data",
        ["cut off", "incomplete", "truncated"],
        "HSAUR3::mastectomy, message cut mid-row",
        "csv cut off mid-row",
    )
    ag = hs("agefat")
    decline(
        "age\tfat%\n"
        + "\n".join(f"{a}\t{f}" for a, f in zip(toks(ag.age), dec1(ag.fat), strict=True))
        + "\n\nlogistic regression of fat% on age, OR per year",
        "logistic_regression",
        "the outcome is a continuous percentage, not a binary event, so a logistic regression cannot be fitted",
        ["binary", "0/1", "continuous"],
        "HSAUR3::agefat",
        "tsv with a continuous outcome",
    )


if __name__ == "__main__":
    SET.run()
