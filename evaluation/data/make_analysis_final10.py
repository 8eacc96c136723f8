"""Build the tenth fresh evaluation set for labbot's named analyses (``analysis_final10.jsonl``).

Written blind: the author read only the README's analyses section, the shared ``_build`` helpers and
``make_analysis_final9.py``/``make_analysis_final7.py`` (for structure), not how labbot parses a request nor any
earlier set's prompts.  Every answerable item pastes real data the way researchers paste into Slack (R console
prints of data frames, named vectors, lists, tables and time series; Excel/Sheets copies with tabs, thousands
separators, percentages, Total rows and blank cells; pandas prints; quoted CSV; semicolon exports with decimal
commas; markdown; prose with counts, some in words; survival times with ``+``, tuples or R's 1/2 status; wide and
long layouts; a block the request does not use; follow-up wording) on data sets no earlier set uses: boot's
nitrofen, co.transfer, bigcity, acme, calcium, tuna, downs.bc; MASS's rotifer, Skye, npr1; datasets' sunspot.month,
state.area; survival's rats2, valveSeat, mgus1, turbine; statsmodels' fair, copper, macrodata,
interest_inflation, fertility, star98, cancer.  Expected numbers come from R on exactly the number strings written
into the prompt and are recomputed in Python, or the build stops (see ``_build``).  Must-decline items ask for an
analysis outside the supported list, paste data that cannot support the analysis they name, or ask for a setting the
named recipe cannot honour; ``reason_mentions`` lists words of which the decline reason should contain one.

Run ``.venv/bin/python evaluation/data/make_analysis_final10.py``; the output is byte-identical run to run.
``... make_analysis_final10.py NAME`` only builds the items whose builder name contains NAME and prints them.
"""

from __future__ import annotations

import functools
import math
import warnings
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from evaluation.data import _build as b  # the R runner, formatting and checks every set generator shares

warnings.filterwarnings("ignore")

SET = b.ItemSet(Path(__file__).resolve().with_name("analysis_final10.jsonl"), "final10")
item, answer, decline = SET.item, SET.answer, SET.decline
fnum, toks, dec1, dec2, rv, fl, r_frame = b.fnum, b.toks, b.dec1, b.dec2, b.rv, b.fl, b.r_frame
smd, fmt, frame_print, table_print = b.smd, b.fmt, b.frame_print, b.r_table_print
logrank_item, power_t_item, sample_size_prop_item = (
    functools.partial(helper, SET) for helper in (b.logrank_item, b.power_t_item, b.sample_size_prop_item)
)


def kruskal_item(groups: Sequence[Sequence[str]], prompt: str, variant: str, src: str, form: str) -> None:
    b.kruskal_item(SET, prompt, groups, variant, src, form, drop_tiny=True)


def welch_p(x: Sequence[str], y: Sequence[str]) -> float:
    return b.r_values(f"emit(p = t.test({rv(x)}, {rv(y)})$p.value)")["p"]


def signed_rank_item(
    prompt: str, d: np.ndarray, r_arg: str, extra: str, method: str, correct: bool, variant: str, src: str, form: str
) -> None:
    """``_build.signed_rank_item`` with p left out of the expectation when it is below 1e-3."""
    r = f"{r_arg}\nw <- wilcox.test(xx{extra})\nemit(V = w$statistic, p = w$p.value)"
    res = stats.wilcoxon(d, method=method, correction=correct, zero_method="wilcox")
    r, check = b.drop_tiny_p(r, {"V": b.signed_rank_v(d), "p": float(res.pvalue)})
    answer(prompt, "wilcoxon_signed_rank", variant, r, check, src, form)


NITROFEN = "boot::nitrofen"


def nitrofen() -> pd.DataFrame:
    return r_frame(NITROFEN)


# ================================================================ t-tests


@item
def welch_nitrofen_control_vs_160() -> None:
    d = nitrofen()
    keep = d.conc.isin([0, 160])
    sub = d[keep]
    conc, total = toks(sub.conc), toks(sub.total)
    names = [str(i + 1) for i in np.flatnonzero(keep.to_numpy())]
    prompt = (
        '> sub <- nitrofen[nitrofen$conc %in% c(0, 160), c("conc", "total")]\n> sub\n'
        + frame_print(["conc", "total"], list(zip(conc, total, strict=True)), names)
        + "\n\nCeriodaphnia offspring (3 broods) at 0 and 160 ug/L nitrofen. welch two sample t test, control minus "
        "160, 95% CI please"
    )
    b.two_sample_t_item(
        SET,
        prompt,
        b.split_by(total, conc, "0"),
        b.split_by(total, conc, "160"),
        False,
        "two-sided; control minus 160",
        "boot::nitrofen conc 0 and 160",
        "R data.frame print with row names",
    )


@item
def welch_fair_age_followup() -> None:
    d = smd("fair").iloc[::150]
    age = toks(d.age)
    aff = ["yes" if v > 0 else "no" for v in d.affairs]
    lines = ['"rate_marriage","age","yrs_married","affairs","any_affair"'] + [
        f'"{fnum(r)}","{a}","{fnum(y)}","{v:.6f}","{k}"'
        for r, a, y, v, k in zip(d.rate_marriage, age, d.yrs_married, d.affairs, aff, strict=True)
    ]
    prompt = (
        "ok same as the welch test this morning but ONE-sided this time (alternative = less): are the women "
        "reporting any affair younger? age, any_affair yes minus no. pasting the sample again (every 150th row "
        "of the Fair (1978) Redbook data):\n" + "\n".join(lines)
    )
    b.two_sample_t_item(
        SET,
        prompt,
        b.split_by(age, aff, "yes"),
        b.split_by(age, aff, "no"),
        False,
        "one-sided (less); any affair minus none",
        "statsmodels fair every 150th row",
        "quoted csv, follow-up wording before the data",
        alt="less",
    )


@item
def welch_sunspots_1957_minus_1964() -> None:
    rows = {str(y): b.ts_year("sunspot.month", y, "dec1") for y in range(1957, 1965)}
    prompt = (
        "> window(sunspot.month, 1957, c(1964, 12))\n"
        + b.ts_print(rows)
        + "\n\nmonthly mean sunspot numbers, solar max (1957) vs the minimum (1964). Welch t-test 1957 minus 1964 "
        "with a 90% confidence interval, the other years are just context"
    )
    b.two_sample_t_item(
        SET,
        prompt,
        rows["1957"],
        rows["1964"],
        False,
        "two-sided; 1957 minus 1964; 90% CI",
        "datasets::sunspot.month 1957 and 1964",
        "R ts print, two of eight rows compared",
        level=0.9,
    )


@item
def student_state_area_long_excel() -> None:
    d = r_frame("data.frame(name = state.name, area = state.area, div = as.character(state.division))")
    d = d[d["div"].isin(["Mountain", "West North Central"])].sort_values(["div", "name"])
    area = toks(d.area)
    lines = ["State\tDivision\tArea (sq mi)"] + [
        f"{n}\t{g}\t{b.thousands(a)}" for n, g, a in zip(d.name, d["div"], area, strict=True)
    ]
    prompt = (
        "\n".join(lines) + "\n\nfrom the census sheet. classic student t (pooled variance), Mountain minus West North "
        "Central, two sided, and I need a 99% CI not 95"
    )
    b.two_sample_t_item(
        SET,
        prompt,
        b.split_by(area, list(d["div"]), "Mountain"),
        b.split_by(area, list(d["div"]), "West North Central"),
        True,
        "pooled, two-sided; Mountain minus West North Central; 99% CI",
        "datasets::state.area, Mountain and West North Central",
        "excel long format with thousands separators",
        level=0.99,
    )


@item
def student_interest_semicolon_commas() -> None:
    d = smd("interest_inflation")
    d = d[(d.year >= 1973) & (d.year <= 1978)]
    per = ["A" if y <= 1975 else "B" for y in d.year]
    rr = fmt(d.R, 3)
    lines = ["jahr;quartal;periode;Dp;R"] + [
        f"{fnum(y)};{fnum(q)};{p};{b.dcomma(f'{dp:.6f}')};{b.dcomma(r)}"
        for y, q, p, dp, r in zip(d.year, d.quarter, per, d.Dp, rr, strict=True)
    ]
    prompt = (
        "Hallo, export from our German macro file (Lütkepohl), semicolon separated with decimal commas. R = long-"
        "term interest rate, periode A = 1973-75, B = 1976-78.\n" + "\n".join(lines) + "\n\n"
        "Student's t-test with equal variances on R, A minus B, one-sided: is A greater?"
    )
    b.two_sample_t_item(
        SET,
        prompt,
        b.split_by(rr, per, "A"),
        b.split_by(rr, per, "B"),
        True,
        "pooled, one-sided (greater); A minus B",
        "statsmodels interest_inflation 1973-1978",
        "semicolon export with decimal commas",
        alt="greater",
    )


@item
def paired_co_transfer_markdown() -> None:
    d = r_frame("boot::co.transfer")
    entry, week = toks(d.entry), toks(d.week)
    rows = "\n".join(f"| {i + 1} | {a} | {c} |" for i, (a, c) in enumerate(zip(entry, week, strict=True)))
    prompt = (
        "CO transfer factor in 7 chickenpox pneumonia patients, on admission and one week later\n\n"
        "| patient | entry | week 1 |\n|---|---|---|\n" + rows + "\n\n"
        "paired t test week 1 minus entry; one-sided, we expect an increase (greater)"
    )
    b.paired_t_item(
        SET,
        prompt,
        week,
        entry,
        "one-sided (greater); week minus entry",
        "boot::co.transfer",
        "markdown table",
        alt="greater",
    )


@item
def paired_manaus_1963_minus_1962() -> None:
    rows = {}
    for y in range(1961, 1965):
        x = r_frame(f"data.frame(x = as.numeric(window(boot::manaus, start = c({y}, 1), end = c({y}, 12))))").x
        rows[str(y)] = fmt(x, 5)
    prompt = (
        "Rio Negro at Manaus, monthly height anomaly (m):\n> window(manaus, 1961, c(1964, 12))\n"
        + b.ts_print(rows)
        + "\n\ni want a paired t test pairing the months, 1963 minus 1962 (jan with jan etc)"
    )
    b.paired_t_item(
        SET,
        prompt,
        rows["1963"],
        rows["1962"],
        "two-sided; 1963 minus 1962, paired by month",
        "boot::manaus 1961-1964",
        "R ts print, paired by column",
    )


AGGREGATES = {
    *("ARB", "CSS", "CEB", "EAP", "EAS", "ECA", "ECS", "EMU", "EUU", "FCS", "HIC", "HPC", "LAC", "LCN", "LDC", "LIC"),
    *("LMC", "LMY", "MEA", "MIC", "MNA", "NAC", "OED", "OSS", "PSS", "SAS", "SSA", "SSF", "SST", "UMC", "WLD", "NOC"),
    *("OEC", "INX", "AFE", "AFW", "IBD", "IBT", "IDA", "IDB", "IDX", "PRE", "PST", "TEA", "TEC", "TLA", "TMN", "TSA"),
    "TSS",
}


def fertility() -> pd.DataFrame:
    f = smd("fertility")
    f = f[~f["Country Code"].isin(AGGREGATES)]
    return f.dropna(subset=["1990", "2000", "2010"])


@item
def paired_fertility_markdown() -> None:
    f = fertility()
    f = f[f["Country Name"].str.startswith(("G", "H"))]
    c1990, c2000, c2010 = fmt(f["1990"], 3), fmt(f["2000"], 3), fmt(f["2010"], 3)
    rows = "\n".join(
        f"| {n} | {a} | {m} | {c} |" for n, a, m, c in zip(f["Country Name"], c1990, c2000, c2010, strict=True)
    )
    prompt = (
        "Total fertility rate (births per woman), World Bank WDI, countries G-H:\n\n"
        "| country | 1990 | 2000 | 2010 |\n|:--|--:|--:|--:|\n" + rows + "\n\n"
        "Paired t, 2010 minus 1990 by country, one-sided (less): has fertility fallen? don't need 2000"
    )
    b.paired_t_item(
        SET,
        prompt,
        c2010,
        c1990,
        "one-sided (less); 2010 minus 1990",
        "statsmodels fertility, countries G-H with 1990-2010 values",
        "markdown wide table with an unused column",
        alt="less",
    )


@item
def one_sample_tuna_summary_block() -> None:
    y = fmt(r_frame("boot::tuna").y, 2)
    x = fl(y)
    q = np.quantile(x, [0, 0.25, 0.5, 0.75, 1])
    summ = "   Min. 1st Qu.  Median    Mean 3rd Qu.    Max. \n" + " ".join(
        f"{v:7.3f}" for v in (q[0], q[1], q[2], x.mean(), q[3], q[4])
    )
    prompt = (
        "> summary(tuna$y)\n" + summ + "\n> tuna$y\n" + b.r_vector_print(y, 12) + "\n\n"
        "perpendicular sighting distances (miles) of tuna schools from the transect line. one-sample t-test of "
        "the mean distance against 5 miles, two-sided, with a 90% confidence interval"
    )
    b.one_sample_t_item(
        SET,
        prompt,
        y,
        "5",
        "two-sided; mu = 5; 90% CI",
        "boot::tuna",
        "R summary() then vector print",
        level=0.9,
    )


@item
def one_sample_star98_sheets_blank() -> None:
    d = smd("star98").iloc[25:45]
    sal = fmt(d.AVSALK, 2)
    pt = fmt(d.PTRATIO, 2)
    lines = ["school\tNABOVE\tNBELOW\tPTRATIO\tAVSALK"]
    for i, (na, nb, p, s) in enumerate(zip(d.NABOVE, d.NBELOW, pt, sal, strict=True)):
        above = "" if i in (3, 11) else fnum(na)  # two cells left blank in the sheet
        lines.append(f"{26 + i}\t{above}\t{fnum(nb)}\t{p}\t{s}")
    prompt = (
        "copied from google sheets (STAR98 california schools, rows 26-45; some NABOVE cells are blank, ignore "
        "them)\n" + "\n".join(lines) + "\n\n"
        "AVSALK is average teacher salary in $1000s. one-sample t test of AVSALK vs 55, is it higher? one sided "
        "(greater)"
    )
    b.one_sample_t_item(
        SET,
        prompt,
        sal,
        "55",
        "one-sided (greater); mu = 55",
        "statsmodels star98 rows 26-45",
        "sheets copy with blank cells",
        alt="greater",
    )


# ================================================================ rank tests


def state_areas(division: str) -> list[str]:
    d = r_frame("data.frame(area = state.area, div = as.character(state.division))")
    return toks(d.area[d["div"] == division])


@item
def mw_state_area_named_vectors() -> None:
    pa, sa = state_areas("Pacific"), state_areas("South Atlantic")
    pacific = b.r_text("area <- setNames(state.area, state.name)\nprint(area[state.division == 'Pacific'])")
    south = b.r_text("area <- setNames(state.area, state.name)\nprint(area[state.division == 'South Atlantic'])")
    prompt = (
        '> area <- setNames(state.area, state.name)\n> area[state.division == "Pacific"]\n'
        + pacific.rstrip()
        + '\n> area[state.division == "South Atlantic"]\n'
        + south.rstrip()
        + "\n\nmann-whitney (wilcox.test, exact) pacific vs south atlantic, one-sided: pacific states bigger "
        "(alternative = greater)"
    )
    b.mw_item(
        SET,
        prompt,
        pa,
        sa,
        True,
        False,
        "greater",
        "exact, one-sided (greater); Pacific vs South Atlantic",
        "datasets::state.area, Pacific and South Atlantic",
        "two R named-vector prints",
    )


@item
def mw_fair_educ_long() -> None:
    d = smd("fair").iloc[50::100]
    educ = toks(d.educ)
    aff = ["Y" if v > 0 else "N" for v in d.affairs]
    lines = ["educ\taffair"] + [f"{e}\t{a}" for e, a in zip(educ, aff, strict=True)]
    prompt = (
        "Mann Whitney U on years of education, affair Y vs N, normal approximation with the continuity "
        "correction (lots of ties). 64 women, every 100th from row 51 of the Fair data:\n" + "\n".join(lines)
    )
    b.mw_item(
        SET,
        prompt,
        b.split_by(educ, aff, "Y"),
        b.split_by(educ, aff, "N"),
        False,
        True,
        "two-sided",
        "normal approximation, continuity correction; Y vs N",
        "statsmodels fair every 100th row from 51",
        "long format, request before the data",
    )


@item
def mw_macrodata_tbill_lines() -> None:
    m = smd("macrodata")
    early = fmt(m[(m.year >= 1965) & (m.year <= 1969)].tbilrate, 2)
    late = fmt(m[(m.year >= 1975) & (m.year <= 1979)].tbilrate, 2)
    prompt = (
        "3-month T-bill rate (%), quarterly\n1965-69: " + " ".join(early) + "\n1975-79: " + " ".join(late) + "\n"
        "wilcoxon rank sum 1975-79 vs 1965-69, two sided, normal approx, no continuity correction pls"
    )
    b.mw_item(
        SET,
        prompt,
        late,
        early,
        False,
        False,
        "two-sided",
        "normal approximation, no correction; 1975-79 vs 1965-69",
        "statsmodels macrodata tbilrate 1965-69 and 1975-79",
        "two labelled lines with year-range labels",
    )


@item
def signed_rank_nitrofen_broods_csv() -> None:
    d = nitrofen()
    d = d[d.conc.isin([0, 80])]
    b1, b2, b3 = toks(d.brood1), toks(d.brood2), toks(d.brood3)
    lines = ["animal,conc,brood1,brood2,brood3"] + [
        f"{i + 1},{fnum(c)},{x},{y},{z}" for i, (c, x, y, z) in enumerate(zip(d.conc, b1, b2, b3, strict=True))
    ]
    prompt = (
        "\n".join(lines) + "\n\nthese are the 20 animals at 0 and 80 ug/L pooled. signed-rank test of brood3 minus "
        "brood2 within animal, normal approximation with continuity correction - there are zeros and ties"
    )
    signed_rank_item(
        prompt,
        b.diffs(b3, b2),
        f"xx <- round({rv(b3)} - {rv(b2)}, 10)",
        ", exact = FALSE, correct = TRUE",
        "approx",
        True,
        "normal approximation, continuity correction; brood3 minus brood2",
        "boot::nitrofen conc 0 and 80",
        "csv with id column and unused columns",
    )


@item
def signed_rank_star98_median() -> None:
    d = smd("star98").iloc[:25]
    pt = fmt(d.PTRATIO, 2)
    prompt = (
        "pupil-teacher ratios, first 25 districts in star98: " + ", ".join(pt) + ".\n"
        "one-sample wilcoxon signed rank test against a median of 22, exact, two-sided"
    )
    d22 = np.round(fl(pt) - 22, 10)
    signed_rank_item(
        prompt,
        d22,
        f"xx <- round({rv(pt)} - 22, 10)",
        ", exact = TRUE",
        "exact",
        False,
        "exact; against a median of 22",
        "statsmodels star98 rows 1-25",
        "inline list",
    )


@item
def kruskal_nitrofen_brood1_long() -> None:
    d = nitrofen()
    conc, br = toks(d.conc), toks(d.brood1)
    prompt = (
        '> nitrofen[, c("conc", "brood1")]\n'
        + frame_print(["conc", "brood1"], list(zip(conc, br, strict=True)))
        + "\n\nkruskal wallis test of brood1 (first-brood offspring) across all 5 concentrations"
    )
    groups = [b.split_by(br, conc, c) for c in ("0", "80", "160", "235", "310")]
    kruskal_item(groups, prompt, "five concentrations", "boot::nitrofen brood1", "R data.frame print, long")


@item
def kruskal_state_area_split_print() -> None:
    d = r_frame("data.frame(area = state.area, reg = as.character(state.region))")
    regs = ["Northeast", "South", "North Central", "West"]
    groups = [toks(sorted(d.area[d.reg == r])) for r in regs]
    shown = b.r_text("print(lapply(split(state.area, state.region), sort))")
    out = ["> lapply(split(state.area, state.region), sort)", shown.rstrip()]
    prompt = "\n".join(out) + "\n\nkruskall-wallis on land area across the four census regions?"
    kruskal_item(groups, prompt, "four regions", "datasets::state.area by state.region", "R list print of split()")


# ================================================================ ANOVA


@item
def anova_nitrofen_total_wide_excel() -> None:
    d = nitrofen()
    concs = ["0", "80", "160", "235"]
    groups = [toks(d.total[d.conc == float(c)]) for c in concs]
    lines = ["0 ug/L\t80 ug/L\t160 ug/L\t235 ug/L"] + ["\t".join(g[i] for g in groups) for i in range(10)]
    prompt = (
        "total young per C. dubia over 3 broods, 10 animals per concentration (the 310 column is in another tab, "
        "leave it out):\n" + "\n".join(lines) + "\n\none-way ANOVA, F test + p"
    )
    b.anova_item(
        SET, prompt, groups, concs, "four concentrations", "boot::nitrofen total, conc 0-235", "excel wide columns"
    )


@item
def anova_calcium_time_factor() -> None:
    d = r_frame("boot::calcium")
    tm, cal = fmt(d.time, 2), fmt(d.cal, 5)
    lines = ["time\tcal"] + [f"{t}\t{c}" for t, c in zip(tm, cal, strict=True)]
    prompt = (
        "calcium uptake (nmol/mg) of cells suspended in a solution of radioactive calcium, 3 replicates at each of "
        "9 times (min):\n" + "\n".join(lines) + "\n\nplease run a one way anova treating time as a categorical "
        "factor (9 levels)"
    )
    levels = list(dict.fromkeys(tm))
    groups = [b.split_by(cal, tm, t) for t in levels]
    b.anova_item(SET, prompt, groups, levels, "time as a 9-level factor", "boot::calcium", "tsv long format")


# ================================================================ tables of counts


def fair_any() -> tuple[pd.DataFrame, pd.Series]:
    d = smd("fair")
    return d, d.affairs > 0


@item
def chisq_turbine_events_print() -> None:
    d = r_frame("survival::turbine")
    cells = [[int(f), int(n - f)] for f, n in zip(d.failed, d.inspected, strict=True)]
    rows = [(fnum(h), fnum(n), fnum(f)) for h, n, f in zip(d.hours, d.inspected, d.failed, strict=True)]
    prompt = (
        "> turbine   # Nelson's turbine wheels: each wheel inspected once, hours in 100s\n"
        + frame_print(["hours", "inspected", "failed"], rows)
        + "\n\nchi-square test: is the proportion cracked the same at all 11 inspection times? (failed vs not "
        "failed out of inspected)"
    )
    b.chisq_item(
        SET, prompt, cells, False, "11 x 2", "survival::turbine", "R data.frame print, events of a total per row"
    )


@item
def chisq_fair_rating_excel() -> None:
    d, aff = fair_any()
    labels = ["very poor", "poor", "fair", "good", "very good"]
    cells = [
        [int(((d.rate_marriage == k) & aff).sum()), int(((d.rate_marriage == k) & ~aff).sum())] for k in range(1, 6)
    ]
    th = b.thousands
    lines = ["Marriage rating\tAny affair\tNone\t% any\tTotal"]
    for lab, (y, n) in zip(labels, cells, strict=True):
        lines.append(f"{lab}\t{th(str(y))}\t{th(str(n))}\t{100 * y / (y + n):.1f}%\t{th(str(y + n))}")
    ty, tn = sum(c[0] for c in cells), sum(c[1] for c in cells)
    lines.append(f"Total\t{th(str(ty))}\t{th(str(tn))}\t{100 * ty / (ty + tn):.1f}%\t{th(str(ty + tn))}")
    prompt = (
        "Redbook survey 1974 (Fair), self-rated marriage vs having had any affair:\n" + "\n".join(lines) + "\n\n"
        "Pearson chi2 test of independence on the 5x2 counts, no continuity correction"
    )
    b.chisq_item(
        SET,
        prompt,
        cells,
        False,
        "5 x 2, no correction",
        "statsmodels fair rate_marriage x affairs > 0",
        "excel with thousands separators, % column and Total row",
    )


@item
def chisq_fair_children_yates_prose() -> None:
    d, aff = fair_any()
    kids = d.children > 0
    a, n1 = int((~kids & aff).sum()), int((~kids).sum())
    c, n2 = int((kids & aff).sum()), int(kids.sum())
    th = b.thousands
    prompt = (
        f"Of the {th(str(n1))} childless women in the Fair data {th(str(a))} reported an affair, against "
        f"{th(str(c))} of the {th(str(n2))} with children. 2x2 chi-squared with Yates' continuity correction please"
    )
    b.chisq_item(
        SET,
        prompt,
        [[a, n1 - a], [c, n2 - c]],
        True,
        "2 x 2, Yates",
        "statsmodels fair children > 0 x affairs > 0",
        "counts of totals in prose with thousands separators",
    )


@item
def fisher_rotifer_density_prose() -> None:
    d = r_frame("MASS::rotifer")
    row = d[d.density == 1.06].iloc[0]
    a, n1, c, n2 = int(row["pm_y"]), int(row["pm_tot"]), int(row["kc_y"]), int(row["kc_tot"])
    prompt = (
        f"rotifers left in suspension after centrifuging in a 1.060 g/ml solution: {a} of {n1} Polyarthra major "
        f"vs {c} of {n2} Keratella cochlearis. fishers exact test with the conditional OR and 95% ci, P. major "
        "first"
    )
    b.fisher_item(
        SET,
        a,
        n1 - a,
        c,
        n2 - c,
        prompt,
        "2 x 2; P. major in suspension first",
        "MASS::rotifer density 1.06",
        "x of n in prose",
    )


@item
def fisher_turbine_markdown() -> None:
    d = r_frame("survival::turbine")
    r10, r34 = d[d.hours == 10].iloc[0], d[d.hours == 34].iloc[0]
    a, bb = int(r34.failed), int(r34.inspected - r34.failed)
    c, dd = int(r10.failed), int(r10.inspected - r10.failed)
    prompt = (
        "| inspected at | cracked | not cracked |\n|---|---|---|\n"
        f"| 3400 h | {a} | {bb} |\n| 1000 h | {c} | {dd} |\n\n"
        "Fisher exact on this (turbine wheels), two-sided p and the odds ratio w/ CI"
    )
    b.fisher_item(SET, a, bb, c, dd, prompt, "2 x 2; 3400 h first", "survival::turbine hours 34 and 10", "markdown 2x2")


@item
def mcnemar_nitrofen_table_print() -> None:
    d = nitrofen()
    d = d[d.conc <= 160]
    b2, b3 = d.brood2 >= 13, d.brood3 >= 13
    tab = [[int((~b2 & ~b3).sum()), int((~b2 & b3).sum())], [int((b2 & ~b3).sum()), int((b2 & b3).sum())]]
    prompt = (
        "> with(subset(nitrofen, conc <= 160), table(brood2 = brood2 >= 13, brood3 = brood3 >= 13))\n"
        + table_print(["FALSE", "TRUE"], ["FALSE", "TRUE"], tab, "brood2", "brood3")
        + "\n\nsame 30 animals, 13+ young in the 2nd brood vs in the 3rd. McNemar test with continuity correction"
    )
    b.mcnemar_item(
        SET,
        tab,
        True,
        prompt,
        "with continuity correction",
        "boot::nitrofen conc <= 160, brood2 and brood3 >= 13",
        "R table() print of two logicals",
    )


@item
def mcnemar_fertility_words() -> None:
    f = fertility()
    hi90, hi10 = f["1990"] > 2.1, f["2010"] > 2.1
    both, only90 = int((hi90 & hi10).sum()), int((hi90 & ~hi10).sum())
    only10, neither = int((~hi90 & hi10).sum()), int((~hi90 & ~hi10).sum())
    prompt = (
        f"World Bank fertility, {len(f)} countries with both years. above replacement (TFR > 2.1) in both 1990 and "
        f"2010: {both}; above in 1990 but not 2010: {only90}; above in 2010 only: {only10}; below in both: "
        f"{neither}.\nmcnemar, no continuity correction"
    )
    b.mcnemar_item(
        SET,
        [[both, only90], [only10, neither]],
        False,
        prompt,
        "no continuity correction",
        "statsmodels fertility, countries (aggregates removed) with 1990 and 2010",
        "paired counts in words",
    )


@item
def odds_ratio_fair_religious_tsv() -> None:
    d, aff = fair_any()
    rel = d.religious >= 3
    tab = [[int((rel & aff).sum()), int((rel & ~aff).sum())], [int((~rel & aff).sum()), int((~rel & ~aff).sum())]]
    th = b.thousands
    prompt = (
        "\taffair\tno affair\nfairly/strongly religious\t"
        f"{th(str(tab[0][0]))}\t{th(str(tab[0][1]))}\nnot/slightly religious\t{th(str(tab[1][0]))}\t"
        f"{th(str(tab[1][1]))}\n\nodds ratio of an affair, religious vs not religious (not = reference), Woolf 95% CI"
    )
    answer(
        prompt,
        "odds_ratio",
        "Woolf 95% CI; religious vs not",
        b.woolf_or_r(*tab[0], *tab[1]),
        b.woolf_or_check(*tab[0], *tab[1]),
        "statsmodels fair religious >= 3 x affairs > 0",
        "tsv with thousands separators",
    )


@item
def relative_risk_downs_prose() -> None:
    d = r_frame("boot::downs.bc")
    old, young = d[d.age >= 40], d[d.age < 25]
    a, n1, c, n2 = int(old.r.sum()), int(old.m.sum()), int(young.r.sum()), int(young.m.sum())
    th = b.thousands
    prompt = (
        f"BC births 1961-70: mothers 40 and over had {th(str(n1))} live births with {a} Down syndrome cases; "
        f"mothers under 25 had {th(str(n2))} births and {c} cases. relative risk 40+ vs under 25 (under-25s as "
        "reference) with 95% CI"
    )
    answer(
        prompt,
        "relative_risk",
        "95% CI; 40+ vs under 25",
        b.rr_r(a, n1, c, n2),
        b.rr_check(a, n1, c, n2),
        "boot::downs.bc age >= 40 vs < 25",
        "events of a total in prose, thousands separators",
    )


@item
def risk_difference_rotifer_percent() -> None:
    d = r_frame("MASS::rotifer")
    row = d[d.density == 1.063].iloc[0]
    a, n1, c, n2 = int(row["pm_y"]), int(row["pm_tot"]), int(row["kc_y"]), int(row["kc_tot"])
    prompt = (
        "density 1.063 run\nspecies | in suspension | total | %\n"
        f"P. major | {a} | {n1} | {100 * a / n1:.1f}\nK. cochlearis | {c} | {n2} | {100 * c / n2:.1f}\n"
        "risk difference (P. major minus K. cochlearis) with a 95% Wald CI, no continuity correction"
    )
    answer(
        prompt,
        "risk_difference",
        "Wald 95% CI; P. major minus K. cochlearis",
        b.rd_r(a, n1, c, n2),
        b.rd_check(a, n1, c, n2),
        "MASS::rotifer density 1.063",
        "pipe table with a % column",
    )


WORDS = {5: "five", 21: "twenty-one", 25: "twenty-five", 30: "thirty", 15: "fifteen", 36: "thirty-six"}


@item
def odds_ratio_turbine_words_90() -> None:
    d = r_frame("survival::turbine")
    r46, r22 = d[d.hours == 46].iloc[0], d[d.hours == 22].iloc[0]
    a, n1, c, n2 = int(r46.failed), int(r46.inspected), int(r22.failed), int(r22.inspected)
    r, check = b.woolf_level(a, n1 - a, c, n2 - c, 0.9)
    prompt = (
        f"At 4600 hours {WORDS[a]} of the {WORDS[n1]} wheels inspected had cracked; at 2200 hours it was "
        f"{WORDS[c]} of {WORDS[n2]}. What's the odds ratio (4600 h vs 2200 h) with a 90 percent confidence "
        "interval, log/Woolf method?"
    )
    answer(
        prompt,
        "odds_ratio",
        "Woolf 90% CI; 4600 h vs 2200 h",
        r,
        check,
        "survival::turbine hours 46 and 22",
        "counts in words",
    )


# ================================================================ correlation


@item
def pearson_copper_pandas_99() -> None:
    d = smd("copper")
    shown = d.to_string()
    cons, price = toks(d.WORLDCONSUMPTION), fmt(d.COPPERPRICE, 2)
    prompt = (
        ">>> print(copper)   # statsmodels copper data, 1951-1975\n" + shown + "\n\n"
        "pearson's r between COPPERPRICE and WORLDCONSUMPTION with a 99% confidence interval (not 95)"
    )
    b.pearson_item(
        SET,
        prompt,
        price,
        cons,
        0.99,
        ["r", "ci_low", "ci_high"],
        "99% CI",
        "statsmodels copper",
        "pandas DataFrame print",
    )


@item
def pearson_skye_slashes() -> None:
    d = r_frame("MASS::Skye")
    a, f, m = toks(d.A), toks(d.F), toks(d.M)
    prompt = (
        "AFM compositions of 23 aphyric Skye lavas, A/F/M in %:\n"
        + ", ".join(f"{x}/{y}/{z}" for x, y, z in zip(a, f, m, strict=True))
        + "\n\ncorrelation of A with M (pearson), want r, the t statistic and df"
    )
    b.pearson_item(
        SET, prompt, a, m, 0.95, ["r", "t", "df"], "A with M", "MASS::Skye", "slash-separated triples inline"
    )


@item
def spearman_npr1_rownames() -> None:
    shown = b.r_text("print(MASS::npr1[1:50, ])").rstrip()
    d = r_frame("MASS::npr1[1:50, ]")
    perm, por = toks(d.perm), toks(d.por)
    prompt = (
        "spearmans rank correlation between permeability and porosity please (asymptotic p, exact = FALSE, "
        "there are ties)\n> head(npr1, 50)\n" + shown
    )
    b.rank_cor_item(
        SET,
        prompt,
        perm,
        por,
        "spearman",
        False,
        "asymptotic",
        "MASS::npr1 rows 1-50",
        "R data.frame print with well-id row names, request first",
    )


@item
def kendall_co_transfer_tuples_exact() -> None:
    d = r_frame("boot::co.transfer")
    entry, week = toks(d.entry), toks(d.week)
    prompt = (
        "> str(co.transfer)\n'data.frame':\t7 obs. of  2 variables:\n $ entry: num  "
        + " ".join(entry)
        + "\n $ week : num  "
        + " ".join(week)
        + "\n\nkendall's tau between entry and week-1 CO transfer, exact p (n is only 7, no ties)"
    )
    b.rank_cor_item(SET, prompt, entry, week, "kendall", True, "tau, exact", "boot::co.transfer", "R str() print")


@item
def kendall_macrodata_phillips() -> None:
    m = smd("macrodata")
    m = m[(m.year >= 1985) & (m.year <= 1992)]
    un, inf = fmt(m.unemp, 1), fmt(m.infl, 2)
    lines = ["quarter   realgdp  unemp   infl"] + [
        f"{fnum(y)}Q{fnum(q)}  {g:>8}  {u:>5}  {i:>5}"
        for y, q, g, u, i in zip(m.year, m.quarter, fmt(m.realgdp, 1), un, inf, strict=True)
    ]
    prompt = (
        "phillips curve check, 1985-92, US quarterly (statsmodels macrodata)\n" + "\n".join(lines) + "\n\n"
        "kendall tau-b between unemp and infl, normal approximation (ties in unemp)"
    )
    b.rank_cor_item(
        SET,
        prompt,
        un,
        inf,
        "kendall",
        False,
        "tau-b, asymptotic",
        "statsmodels macrodata 1985-1992",
        "space columns with quarter labels and an unused column",
    )


# ================================================================ regression


@item
def lm_acme_capm_quoted_csv() -> None:
    d = r_frame("boot::acme")
    mk, ac = fmt(d.market, 6), fmt(d.acme, 6)
    lines = ['"month","market","acme"'] + [f'"{m}",{x},{y}' for m, x, y in zip(d.month, mk, ac, strict=True)]
    prompt = (
        "\n".join(lines) + "\n\nCAPM beta: regress acme on market (simple OLS). slope with its SE, intercept and "
        "R-squared"
    )
    b.lm_item(
        SET,
        prompt,
        mk,
        ac,
        "acme on market",
        ["slope", "se_slope", "intercept", "r2"],
        "boot::acme",
        "quoted csv with month labels",
    )


@item
def lm_cancer_request_first() -> None:
    d = smd("cancer").iloc[::10]
    pop, cases = toks(d.population), toks(d.cancer)
    prompt = (
        "Simple linear regression of cancer deaths on population please: slope, intercept and R^2. Counties "
        "(every 10th of the 301 in the statsmodels cancer data):\npopulation cancer\n"
        + "\n".join(f"{p} {c}" for p, c in zip(pop, cases, strict=True))
    )
    b.lm_item(
        SET,
        prompt,
        pop,
        cases,
        "cancer on population",
        ["slope", "intercept", "r2"],
        "statsmodels cancer every 10th row",
        "space columns, request before the data",
    )


@item
def lm_bigcity_inline_pairs() -> None:
    d = r_frame("boot::bigcity")
    u, x = toks(d.u), toks(d.x)
    prompt = (
        "all 49 cities (pop in 1000s): "
        + "; ".join(f"u={a}, x={c}" for a, c in zip(u, x, strict=True))
        + "\nfit x ~ u, simple linear regression. I need slope + SE, intercept, r2"
    )
    b.lm_item(
        SET,
        prompt,
        u,
        x,
        "x on u",
        ["slope", "se_slope", "intercept", "r2"],
        "boot::bigcity",
        "key=value pairs inline",
    )


@item
def logistic_fair_rating_tsv() -> None:
    d = smd("fair").iloc[::100]
    rate = toks(d.rate_marriage)
    aff = ["1" if v > 0 else "0" for v in d.affairs]
    lines = ["rate_marriage\tage\tyrs_married\tany_affair"] + [
        f"{r}\t{fnum(a)}\t{fnum(y)}\t{k}" for r, a, y, k in zip(rate, d.age, d.yrs_married, aff, strict=True)
    ]
    prompt = (
        "\n".join(lines) + "\n\nlogistic regression any_affair ~ rate_marriage only (1 = very poor .. 5 = very "
        "good). OR per one-point better rating, 95% Wald CI and p"
    )
    b.logit_item(
        SET, prompt, rate, aff, "OR per rating point", "statsmodels fair every 100th row", "tsv with unused columns"
    )


def mgus_first() -> pd.DataFrame:
    """mgus1: one row per subject, the first transition (plasma cell malignancy or death) or censoring."""
    m = r_frame("survival::mgus1")
    return m[m.enum == 1].reset_index(drop=True)


@item
def logistic_mgus_pcm_mspike() -> None:
    m = r_frame("survival::mgus1")
    ever = m.groupby("id").event.apply(lambda e: int((e == "pcm").any()))
    first = mgus_first().set_index("id")
    first = first.iloc[::3]
    spike = fmt(first.mspike, 1)
    pcm = [str(ever[i]) for i in first.index]
    lines = ["id,age,sex,mspike,pcm"] + [
        f"{fnum(i)},{fnum(a)},{s},{x},{p}"
        for i, a, s, x, p in zip(first.index, first.age, first.sex, spike, pcm, strict=True)
    ]
    prompt = (
        "MGUS patients (Kyle 1993; every 3rd id), size of the monoclonal spike at diagnosis (g/dl) and whether "
        "they later progressed to a plasma cell malignancy:\n" + "\n".join(lines) + "\n\n"
        "logistic regression of pcm on mspike: odds ratio per 1 g/dl with 95% CI"
    )
    b.logit_item(SET, prompt, spike, pcm, "OR per g/dl", "survival::mgus1 every 3rd subject", "csv with unused columns")


# ================================================================ survival


def rats_first() -> pd.DataFrame:
    """rats2: one row per rat, the day of its first tumour (or censoring at day 182)."""
    r = r_frame("survival::rats2")
    return r.groupby("id", sort=False).first().reset_index()


@item
def km_valveseat_plus_list() -> None:
    v = r_frame("survival::valveSeat")
    f = v.groupby("id", sort=False).first().reset_index()
    t, e = toks(f.time), toks(f.status)
    prompt = (
        "diesel engines (Nelson's valve seat data), days to the FIRST valve seat replacement per engine, + = no "
        "replacement by end of observation:\n" + b.plus(t, e) + "\n\n"
        "Kaplan Meier please - median time to first replacement and survival at 200 and 400 days"
    )
    b.km_item(
        SET,
        prompt,
        t,
        e,
        [200, 400],
        "median, S(200), S(400)",
        "survival::valveSeat first record per engine",
        "survival list with +",
    )


def mgus_death(lo: int, hi: int) -> pd.DataFrame:
    """mgus1: one row per subject diagnosed in 19lo-19hi, the last follow-up day and whether it was a death."""
    m = r_frame("survival::mgus1")
    last = m.groupby("id", sort=False).last().reset_index()
    return last[(last.dxyr >= lo) & (last.dxyr <= hi)]


@item
def km_mgus_status12() -> None:
    d = mgus_death(69, 69)
    t = toks(d.stop)
    e = ["1" if ev == "death" else "0" for ev in d.event]
    st = ["2" if x == "1" else "1" for x in e]
    lines = ["  id  futime status"] + [f"{fnum(i):>4} {a:>7} {s:>6}" for i, a, s in zip(d.id, t, st, strict=True)]
    prompt = (
        "MGUS cohort, the 45 patients diagnosed in 1969; futime in days, status coded the old way "
        "(1 = censored, 2 = died)\n" + "\n".join(lines) + "\n\n"
        "KM overall survival: median plus S at 5 years (1825 d) and 10 years (3650 d)"
    )
    b.km_item(
        SET,
        prompt,
        t,
        e,
        [1825, 3650],
        "median, S(1825), S(3650); status 1/2 coding",
        "survival::mgus1 dxyr 69, last record per subject",
        "time/status columns, 1 = censored 2 = dead",
    )


@item
def logrank_rats_plus_lists() -> None:
    f = rats_first()
    t, e = toks(f.time2), toks(f.status)
    g = ["drug" if x == 1 else "control" for x in f.trt]
    prompt = (
        "Gail et al. carcinogenesis rats: day of first tumour after carcinogen injection (study ran to day 182; "
        "+ = tumour-free at day 182)\n"
        "drug:    " + b.surv_split(t, e, g, "drug") + "\n"
        "control: " + b.surv_split(t, e, g, "control") + "\n"
        "log rank test drug vs control on time to first tumour"
    )
    logrank_item(prompt, t, e, g, "two groups", "survival::rats2 first tumour per rat", "two + lists")


@item
def logrank_mgus_sex_tuples() -> None:
    m = mgus_first()
    m = m[m.dxyr == 69]
    t, e = toks(m.stop), toks(m.status)
    g = list(m.sex)
    prompt = (
        "time to progression or death, whichever first (days), MGUS pts diagnosed 1969, as (time, status) with "
        "status 1 = event:\nwomen: "
        + ", ".join(f"({a}, {s})" for a, s, k in zip(t, e, g, strict=True) if k == "female")
        + "\nmen: "
        + ", ".join(f"({a}, {s})" for a, s, k in zip(t, e, g, strict=True) if k == "male")
        + "\n\nlogrank women vs men"
    )
    logrank_item(prompt, t, e, g, "two groups", "survival::mgus1 dxyr 69, first transition", "(time, status) tuples")


@item
def cox_rats_breslow_columns() -> None:
    f = rats_first()
    t, e, x = toks(f.time2), toks(f.status), toks(f.trt)
    lines = ["rat trt day tumour"] + [
        f"{fnum(i):>3} {a:>3} {c:>3} {s:>6}" for i, a, c, s in zip(f.id, x, t, e, strict=True)
    ]
    prompt = (
        "\n".join(lines) + "\n\ntrt 1 = drug, 0 = control; tumour 1 = first tumour seen that day, 0 = "
        'none by day 182. coxph(Surv(day, tumour) ~ trt, ties = "breslow") -> HR drug vs control w/ 95% CI'
    )
    b.cox_item(
        SET,
        prompt,
        t,
        e,
        x,
        "trt indicator, breslow",
        "survival::rats2 first tumour per rat",
        "space columns",
        ties="breslow",
    )


@item
def cox_mgus_age_csv() -> None:
    m = mgus_first()
    m = m[(m.dxyr >= 66) & (m.dxyr <= 67)]
    t, e, age = toks(m.stop), toks(m.status), toks(m.age)
    lines = ["days,event,age,sex,hgb"] + [
        f"{a},{s},{x},{k},{fnum(h) if not math.isnan(h) else ''}"
        for a, s, x, k, h in zip(t, e, age, m.sex, m.hgb, strict=True)
    ]
    prompt = (
        "MGUS 1966-67 diagnoses, time to first of progression/death (event = 1)\n" + "\n".join(lines) + "\n\n"
        "cox regression on age alone (not sex or hgb), hazard ratio per year of age + 95% CI and p"
    )
    b.cox_item(SET, prompt, t, e, age, "age, efron", "survival::mgus1 dxyr 66-67, first transition", "csv with blanks")


# ================================================================ p-value adjustment, power and sample size


@item
def padjust_nitrofen_named_vector_holm() -> None:
    d = nitrofen()
    ends = ["brood1", "brood2", "brood3", "total"]
    raw = {}
    for col in ends:
        x, y = toks(d[col][d.conc == 160]), toks(d[col][d.conc == 0])
        raw[col] = f"{welch_p(x, y):.3g}"
    w = max(len(v) for v in [*ends, *raw.values()])
    prompt = (
        "welch t p-values, 160 ug/L vs control, one per endpoint:\n> p\n"
        + b.named_print(ends, [raw[c] for c in ends], w, " ")
        + '\n\nholm-adjust them pls (p.adjust method = "holm")'
    )
    b.padj_item(
        SET,
        prompt,
        ends,
        [raw[c] for c in ends],
        "holm",
        "boot::nitrofen Welch p per endpoint, 160 vs 0",
        "R named-vector print",
    )


@item
def padjust_acme_markdown_bh() -> None:
    d = r_frame("boot::acme")
    years = ["1986", "1987", "1988", "1989", "1990"]
    rows, pv = [], []
    for y in years:
        s = d[d.month.str.endswith(y[2:])]
        k = b.r_values(
            f"k <- cor.test({rv(fmt(s.market, 6))}, {rv(fmt(s.acme, 6))}); emit(r = k$estimate, p = k$p.value)"
        )
        pv.append(f"{k['p']:.3g}")
        rows.append(f"| {y} | {k['r']:.2f} | {pv[-1]} |")
    prompt = (
        "acme vs market correlation within each year (12 months each):\n\n| year | r | p |\n|---|---|---|\n"
        + "\n".join(rows)
        + "\n\ncan you BH (benjamini hochberg) adjust the five p values"
    )
    b.padj_item(
        SET,
        prompt,
        [f"y{y}" for y in years],
        pv,
        "BH",
        "boot::acme per-year cor.test p-values",
        "markdown table with an r column",
    )


@item
def padjust_fair_occupation_bonferroni() -> None:
    d = smd("fair")
    occ = {1: "student", 2: "farming/semiskilled/unskilled", 6: "professional with advanced degree"}
    raw = {}
    for o in occ:
        s = d[d.occupation == o]
        raw[o] = f"{welch_p(toks(s.age[s.affairs > 0]), toks(s.age[s.affairs == 0])):.3g}"
    prompt = (
        "age difference, affair vs no affair, welch within occupation groups of the Fair survey: "
        + "; ".join(f"occupation {o} ({occ[o]}) p = {raw[o]}" for o in occ)
        + ". bonferroni correction for the 3 tests?"
    )
    b.padj_item(
        SET,
        prompt,
        [f"occ{o}" for o in occ],
        [raw[o] for o in occ],
        "bonferroni",
        "statsmodels fair Welch p by occupation 1, 2, 6",
        "p-values in prose with labels containing numbers",
    )


@item
def sample_size_nitrofen_words() -> None:
    sd = f"{nitrofen().total[nitrofen().conc == 0].std():.1f}"
    prompt = (
        f"planning the next Ceriodaphnia toxicity test. control SD of total young was about {sd}. we want to "
        "detect a drop of 3 young per female between control and one concentration, two-sided alpha 0.05. how "
        "many animals per group for eighty percent power, and for ninety percent?"
    )
    b.sample_size_t_item(
        SET,
        prompt,
        "3",
        sd,
        [0.8, 0.9],
        "80% and 90% power (in words)",
        "boot::nitrofen control SD of total",
        "design prose, powers in words",
    )


@item
def power_t_star98_salary() -> None:
    sd = f"{smd('star98').AVSALK.std():.1f}"
    prompt = (
        f"salary pilot: 40 districts per arm, SD of average teacher salary across CA districts is ~{sd} ($1000s). "
        "power of a two-sample t-test to detect a $2k (= 2) difference, two sided, alpha 0.05 -- and at alpha 0.01?"
    )
    power_t_item(
        prompt,
        "40",
        "2",
        sd,
        ["0.05", "0.01"],
        "n = 40, alpha 0.05 and 0.01",
        "statsmodels star98 SD of AVSALK",
        "design prose",
    )


@item
def sample_size_prop_fair() -> None:
    prompt = (
        "about 32% of the women in the Fair survey reported an affair. if an intervention group were at 25%, how "
        "many per group to detect that (0.32 vs 0.25) with 80% power? and 90%? alpha .05 two sided"
    )
    sample_size_prop_item(
        prompt,
        "0.32",
        "0.25",
        [0.8, 0.9],
        "80% and 90% power",
        "statsmodels fair share with any affair (rounded)",
        "design prose with percentages",
    )


@item
def power_prop_fair_n250() -> None:
    prompt = (
        "follow-up: we can only get 250 per group. what's the power then for 0.32 vs 0.25 (two-sided 5%)? and "
        "with 400 per group?"
    )
    r = (
        "a <- power.prop.test(n = 250, p1 = 0.32, p2 = 0.25)$power\n"
        "c0 <- power.prop.test(n = 400, p1 = 0.32, p2 = 0.25)$power\nemit(power_n250 = a, power_n400 = c0)"
    )
    check = {"power_n250": b.power_prop_py(250, 0.32, 0.25), "power_n400": b.power_prop_py(400, 0.32, 0.25)}
    answer(
        prompt,
        "power_proportions",
        "two-sided; n = 250 and 400",
        r,
        check,
        "design values (statsmodels fair affair share, rounded)",
        "follow-up prose",
    )


# ================================================================ must-decline: analyses no recipe computes


@item
def declines_unsupported_analyses() -> None:
    d = nitrofen()
    long_rows = [
        f"{i + 1} {fnum(c)} {k} {fnum(v)}"
        for i, (c, x) in enumerate(zip(d.conc, d[["brood1", "brood2", "brood3"]].to_numpy(), strict=True))
        if c <= 160
        for k, v in enumerate(x, 1)
    ]
    decline(
        "animal conc brood young\n" + "\n".join(long_rows) + "\n\nlinear mixed model young ~ conc + brood with a "
        "random intercept per animal (lmer, REML), what's the conc effect?",
        "mixed_model",
        "a mixed model with a random intercept per animal is not a supported analysis",
        ["mixed", "random", "no vetted recipe"],
        "boot::nitrofen conc <= 160, long by brood",
        "space columns long by subject",
    )
    v = r_frame("survival::valveSeat")
    decline(
        "engine,day,replaced\n"
        + "\n".join(f"{fnum(i)},{fnum(t)},{fnum(s)}" for i, t, s in zip(v.id, v.time, v.status, strict=True))
        + "\n\nvalve seat replacements can happen several times per engine (replaced = 0 is end of observation). "
        "Nelson-Aalen mean cumulative function (MCF) of replacements per engine at 300 and 600 days",
        "mean_cumulative_function",
        "a mean cumulative function for recurrent events is not a supported analysis",
        ["recurrent", "cumulative", "no vetted recipe"],
        "survival::valveSeat",
        "csv long by engine",
    )
    m = mgus_first().iloc[:15]
    ever = r_frame("survival::mgus1").groupby("id").event.apply(lambda e: int((e == "pcm").any()))
    decline(
        "mspike pcm\n"
        + "\n".join(f"{x:.1f} {ever[i]}" for i, x in zip(m.id, m.mspike, strict=True))
        + "\nonly 15 pts and few events so I'd like Firth's penalised logistic regression (logistf) of pcm on "
        "mspike, profile-likelihood CI",
        "firth_logistic",
        "Firth's penalised logistic regression is not what the logistic recipe computes",
        ["firth", "penali", "no vetted recipe"],
        "survival::mgus1 first 15 subjects",
        "space columns",
    )
    f = smd("fair").iloc[::120]
    decline(
        "rate_marriage religious age\n"
        + "\n".join(
            f"{fnum(r)} {fnum(g)} {fnum(a)}" for r, g, a in zip(f.rate_marriage, f.religious, f.age, strict=True)
        )
        + "\n\nrate_marriage is ordinal 1-5. proportional odds model (MASS::polr) rate_marriage ~ religious + age, "
        "cumulative ORs",
        "ordinal_regression",
        "an ordinal (proportional odds) regression is not a supported analysis",
        ["ordinal", "proportional odds", "no vetted recipe"],
        "statsmodels fair every 120th row",
        "space columns",
    )
    t = fmt(r_frame("boot::tuna").y, 2)
    decline(
        "tuna sighting distances (mi): " + " ".join(t) + "\nmedian with a percentile bootstrap 95% CI, B = 2000 "
        "resamples, set.seed(1)",
        "bootstrap_median_ci",
        "a bootstrap confidence interval of a median is not a supported analysis",
        ["bootstrap", "median", "no vetted recipe"],
        "boot::tuna",
        "inline list",
    )
    c0, c80 = toks(d.total[d.conc == 0]), toks(d.total[d.conc == 80])
    decline(
        "control: " + ", ".join(c0) + "\n80 ug/L: " + ", ".join(c80) + "\n"
        "we want to show 80 ug/L is EQUIVALENT to control: TOST equivalence test with margins of -3 and +3 young, "
        "alpha 0.05",
        "equivalence_tost",
        "an equivalence (TOST) test is not a supported analysis",
        ["equivalence", "tost", "no vetted recipe"],
        "boot::nitrofen total, conc 0 and 80",
        "two labelled lists",
    )
    ct = r_frame("boot::co.transfer")
    decline(
        "entry\tweek\n"
        + "\n".join(f"{fnum(a)}\t{fnum(c)}" for a, c in zip(ct.entry, ct.week, strict=True))
        + "\n\nBland-Altman please: mean difference (bias) and the 95% limits of agreement between the two "
        "measurements",
        "bland_altman",
        "Bland-Altman limits of agreement are not a supported analysis",
        ["bland", "agreement", "no vetted recipe"],
        "boot::co.transfer",
        "tsv with header",
    )
    rot = r_frame("MASS::rotifer")
    decline(
        "density pm.y pm.tot kc.y kc.tot\n"
        + "\n".join(
            f"{x:.3f} {fnum(a)} {fnum(n)} {fnum(c)} {fnum(m2)}"
            for x, a, n, c, m2 in zip(rot.density, rot.pm_y, rot.pm_tot, rot.kc_y, rot.kc_tot, strict=True)
        )
        + "\ntreat each density run as a study: random-effects meta-analysis (DerSimonian-Laird) of the log odds "
        "ratio P. major vs K. cochlearis, pooled OR, tau^2 and I^2",
        "meta_analysis",
        "a random-effects meta-analysis is not a supported analysis",
        ["meta", "random-effects", "no vetted recipe"],
        "MASS::rotifer",
        "space columns",
    )
    dn = r_frame("boot::downs.bc")
    decline(
        "age births cases\n"
        + "\n".join(f"{fnum(a)} {fnum(m2)} {fnum(r)}" for a, m2, r in zip(dn.age, dn.m, dn.r, strict=True))
        + "\npoisson regression cases ~ age with offset(log(births)), rate ratio per year of maternal age",
        "poisson_regression",
        "Poisson regression with an offset is not a supported analysis",
        ["poisson", "offset", "no vetted recipe"],
        "boot::downs.bc",
        "space columns",
    )
    cu = smd("copper")
    decline(
        "year\tconsumption\tcopper_price\tincome_idx\talum_price\n"
        + "\n".join(
            f"{1950 + int(t)}\t{fnum(w)}\t{p:.2f}\t{i:.2f}\t{a:.2f}"
            for t, w, p, i, a in zip(
                cu.TIME, cu.WORLDCONSUMPTION, cu.COPPERPRICE, cu.INCOMEINDEX, cu.ALUMPRICE, strict=True
            )
        )
        + "\n\nregress consumption on copper price, income index AND aluminium price together (OLS), coefficients "
        "with SEs",
        "multiple_regression",
        "a regression on several predictors is outside the simple linear regression",
        ["multiple", "several predictors", "multivariable"],
        "statsmodels copper",
        "tsv with header",
    )
    mg = r_frame("survival::mgus1")
    mg = mg[mg.id <= 21]
    decline(
        "id start stop event age\n"
        + "\n".join(
            f"{fnum(i)} {fnum(s)} {fnum(e)} {ev} {fnum(a)}"
            for i, s, e, ev, a in zip(mg.id, mg.start, mg.stop, mg.event, mg.age, strict=True)
        )
        + "\n\ncounting-process data. cox model for death with progression to PCM as a time-dependent covariate "
        "(0 before the pcm row's stop, 1 after) plus age",
        "time_varying_cox",
        "a Cox model with a time-dependent covariate is not a supported analysis",
        ["time-varying", "time-dependent", "no vetted recipe"],
        "survival::mgus1 ids 1-21",
        "space columns in counting-process form",
    )
    decline(
        "log-rank design: we expect median survival 12 months on control and a hazard ratio of 0.7 for the new "
        "arm, 2:1 randomisation, 80% power, alpha 0.05 two-sided. how many EVENTS do we need (Schoenfeld), and "
        "how many patients with 24 months accrual?",
        "sample_size_survival",
        "a sample size for a log-rank comparison (events for a hazard ratio) is not what the two-means or "
        "two-proportions recipes compute",
        ["hazard", "survival", "log-rank"],
        "design values",
        "design prose",
    )


# ================================================================ must-decline: data or settings the recipe cannot take


@item
def declines_unusable_data() -> None:
    s = r_frame("MASS::Skye[c(1, 5), ]")
    decline(
        "two of the Skye lavas (nos 1 and 5): A = " + ", ".join(toks(s.A)) + "; M = " + ", ".join(toks(s.M)) + "\n"
        "pearson correlation with p value and 95% CI",
        "pearson",
        "two pairs cannot give a correlation test or its confidence interval",
        ["too few", "at least", "only"],
        "MASS::Skye rows 1 and 5",
        "two short lists",
    )
    bc = r_frame("boot::bigcity[1:10, ]")
    u, x = toks(bc.u), toks(bc.x)
    decline(
        "1920: " + " ".join(u) + "\n1930: " + " ".join(x[:-1]) + "\n"
        "same cities in the same order (I lost one of the 1930 numbers). paired t test 1930 minus 1920",
        "paired_t",
        "the two lists have different lengths (10 and 9), so they cannot be paired",
        ["pair", "unequal", "same number"],
        "boot::bigcity rows 1-10, last 1930 value dropped",
        "two labelled lines of unequal length",
    )
    d = nitrofen()
    means = d.groupby("conc").total.mean()
    decline(
        "mean total young per female by nitrofen concentration (n = 10 each): "
        + ", ".join(f"{fnum(c)} ug/L: {v:.1f}" for c, v in means.items())
        + ". chi-square test of whether the means differ?",
        "chi_square",
        "a chi-square test needs counts, not group means",
        ["mean", "count"],
        "boot::nitrofen mean total per concentration",
        "means in prose",
    )
    fa, aff = fair_any()
    cells = [
        [int(((fa.rate_marriage == k) & aff).sum()), int(((fa.rate_marriage == k) & ~aff).sum())] for k in (1, 2, 3)
    ]
    decline(
        "marriage rating\taffair\tnone\n"
        f"very poor\t{cells[0][0]}\t{cells[0][1]}\npoor\t{cells[1][0]}\t\nfair\t{cells[2][0]}\t{cells[2][1]}\n\n"
        "(the poor/none cell didn't copy over) fisher or chi-square on this 3x2, whichever is right",
        "chi_square",
        "one cell of the table is empty, so the table is incomplete",
        ["missing", "cell", "empty"],
        "statsmodels fair rate_marriage 1-3 x affairs > 0, one cell blanked",
        "tsv with a blank cell",
    )
    a = r_frame("boot::acme")
    decline(
        "acme: " + " ".join(fmt(a.acme[:24], 4)) + "\nmarket: " + " ".join(fmt(a.market[:24], 4)) + "\n"
        "Yuen's trimmed-means t test (20% trimming, Welch-type) acme vs market",
        "welch_t",
        "a 20% trimmed-means (Yuen) test is not what the Welch recipe computes",
        ["trim", "yuen"],
        "boot::acme months 1-24",
        "two labelled lines",
    )
    rot = r_frame("MASS::rotifer")
    row = rot[rot.density == 1.06].iloc[0]
    decline(
        f"density 1.060: P. major {fnum(row.pm_y)} of {fnum(row.pm_tot)} in suspension, K. cochlearis "
        f"{fnum(row.kc_y)} of {fnum(row.kc_tot)}. fisher exact but I need the MID-P value (Lancaster), not the "
        "ordinary one",
        "fisher_exact",
        "a mid-p Fisher test is not what the Fisher recipe computes",
        ["mid-p", "mid p", "lancaster"],
        "MASS::rotifer density 1.06",
        "x of n in prose",
    )


if __name__ == "__main__":
    SET.run()
