"""Build the sixth fresh evaluation set for labbot's named analyses (``analysis_final6.jsonl``).

Written blind, like the fifth: every answerable item pastes real data the way researchers paste into Slack (console
prints, spreadsheet copies, prose, markdown) and names one supported analysis and its variant, on data sets no
earlier set uses (Seatbelts, USAccDeaths, mdeaths/fdeaths, WorldPhones, presidents, lh, airmiles, state.x77 by
region, HairEyeColor males; MASS::geyser, coop, newcomb, chem, abbey, Rubber, forbes, steam, phones, GAGurine,
minn38, synth.tr; survival::mgus, udca, bladder, imotor, genfan, capacitor, rhDNase, solder, tobin).  Expected
numbers come from R on exactly the number strings written into the prompt and are recomputed in Python, or the
build stops (see ``_build``).  Must-decline items ask for an analysis outside the supported list or paste data that
cannot support the analysis they name; ``reason_mentions`` lists words of which the decline reason should contain
one.

Paired analyses: R computes on the differences rounded to 10 decimals, as in the third to fifth sets.

Run ``.venv/bin/python evaluation/data/make_analysis_final6.py``; the output is byte-identical run to run.
``... make_analysis_final6.py NAME`` only builds the items whose builder name contains NAME and prints them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from scipy import stats
from statsmodels.stats.contingency_tables import mcnemar

from evaluation.data import _build as b  # the R runner, formatting and checks every set generator shares

SET = b.ItemSet(Path(__file__).resolve().with_name("analysis_final6.jsonl"), "final6")
item, answer, decline = SET.item, SET.answer, SET.decline
fnum, toks, dec1, rv, fl, r_frame = b.fnum, b.toks, b.dec1, b.rv, b.fl, b.r_frame
ttest_r, ttest_check = b.ttest_r, b.ttest_check

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MGUS = "survival::mgus"


def ts_year(expr: str, year: int) -> list[str]:
    """One calendar year of a monthly R time series, as integers."""
    return toks(r_frame(f"data.frame(x = as.numeric(window({expr}, start = c({year}, 1), end = c({year}, 12))))").x)


def ts_print(rows: dict[str, Sequence[str]]) -> str:
    """Rows of a monthly series the way R prints a ts (months across, years down)."""
    w = max(len(v) for vals in rows.values() for v in vals) + 1
    head = "     " + "".join(f"{m:>{w}}" for m in MONTHS)
    return head + "\n" + "\n".join(f"{k:<5}" + "".join(f"{v:>{w}}" for v in vals) for k, vals in rows.items())


# ================================================================ t-tests


@item
def welch_seatbelts_drivers_82_84() -> None:
    y82, y84 = ts_year("Seatbelts[, 'DriversKilled']", 1982), ts_year("Seatbelts[, 'DriversKilled']", 1984)
    prompt = (
        "UK car drivers killed per month, before (1982) and after (1984) the Jan 83 seatbelt law\n"
        + ts_print({"1982": y82, "1984": y84})
        + "\n\nunequal variances t test please, 1984 minus 1982, 95% CI. (I know months aren't independent, "
        "just want the welch numbers)"
    )
    b.two_sample_t_item(
        SET,
        prompt,
        y84,
        y82,
        False,
        "two-sided; 1984 minus 1982",
        "datasets::Seatbelts DriversKilled, 1982 and 1984",
        "r ts print, months across",
    )


@item
def welch_geyser_waiting_by_duration() -> None:
    d = r_frame("MASS::geyser[1:40, ]")
    kind = ["long" if x >= 3 else "short" for x in d.duration]
    wait = toks(d.waiting)
    rows = ["waiting\tduration\ttype"] + [f"{w}\t{x:.2f}\t{k}" for w, x, k in zip(wait, d.duration, kind, strict=True)]
    lng = [w for w, k in zip(wait, kind, strict=True) if k == "long"]
    sht = [w for w, k in zip(wait, kind, strict=True) if k == "short"]
    prompt = (
        "Old Faithful, first 40 rows of MASS::geyser (waiting in min before the eruption, duration in min)\n"
        + "\n".join(rows)
        + "\n\ncompare waiting time long vs short eruptions with a Welch test (long - short), want a 90% conf "
        "interval not 95 (p will be tiny, I mainly want t, df and the CI)"
    )
    answer(
        prompt,
        "welch_t",
        "two-sided, 90% CI; long minus short",
        *b.drop_p(
            ttest_r(rv(lng), rv(sht), "conf.level = 0.9"),
            ttest_check(stats.ttest_ind(fl(lng), fl(sht), equal_var=False), level=0.90),
        ),
        "MASS::geyser rows 1-40, waiting by type",
        "tsv with a group column",
    )


@item
def welch_mgus_alb_sex_less() -> None:
    d = r_frame(f"{MGUS}[1:60, c('sex', 'alb')]")
    d = d[~d.alb.isna()]
    fem, mal = dec1(d.alb[d.sex == "female"]), dec1(d.alb[d.sex == "male"])
    prompt = (
        f"albumin (g/dL) at MGUS diagnosis, first 60 Mayo pts with a value. in the {len(fem)} women we saw "
        + ", ".join(fem)
        + f" and in the {len(mal)} men "
        + ", ".join(mal)
        + ". hypothesis is women run lower -> one-sided Welch t (female minus male, alternative less). t/df/p"
    )
    b.two_sample_t_item(
        SET,
        prompt,
        fem,
        mal,
        False,
        "one-sided (less); female minus male",
        "survival::mgus rows 1-60 alb by sex",
        "inline prose with group sizes",
        alt="less",
    )


@item
def welch_udca_bili() -> None:
    d = r_frame("survival::udca[1:50, c('id', 'trt', 'bili')]")
    rows = ["| id | trt | bili |", "|---|---|---|"] + [
        f"| {i} | {'UDCA' if t == 1 else 'placebo'} | {x} |"
        for i, t, x in zip(toks(d.id), d.trt, dec1(d.bili), strict=True)
    ]
    ud = dec1(d.bili[d.trt == 1])
    pl = dec1(d.bili[d.trt == 0])
    prompt = (
        "baseline bilirubin in the PBC ursodiol trial (first 50 enrolled)\n"
        + "\n".join(rows)
        + "\n\ncan someone run a t-test NOT assuming equal variances, placebo as the reference (UDCA - placebo)?"
    )
    b.two_sample_t_item(
        SET,
        prompt,
        ud,
        pl,
        False,
        "two-sided; UDCA minus placebo",
        "survival::udca rows 1-50 bili by trt",
        "markdown table with ids",
    )


@item
def student_coop_l1_l2() -> None:
    d = r_frame("MASS::coop[MASS::coop$Spc == 'S1' & MASS::coop$Lab %in% c('L1', 'L2'), ]")
    conc = b.dec2(d.Conc)
    rows = ["\tLab\tSpc\tBat\tConc"] + [
        f"{i}\t{lab}\t{s}\t{bt}\t{c}"
        for i, (lab, s, bt, c) in enumerate(zip(d.Lab, d.Spc, d.Bat, conc, strict=True), 1)
    ]
    l1 = [c for c, lab in zip(conc, d.Lab, strict=True) if lab == "L1"]
    l2 = [c for c, lab in zip(conc, d.Lab, strict=True) if lab == "L2"]
    prompt = (
        "interlab study, specimen S1 only (copied from excel):\n"
        + "\n".join(rows)
        + "\n\nclassic Student's t (pooled variance), lab 2 minus lab 1, with 95% CI. ignore batch"
    )
    answer(
        prompt,
        "student_t",
        "pooled; L2 minus L1",
        *b.drop_p(
            ttest_r(rv(l2), rv(l1), "var.equal = TRUE"),
            ttest_check(stats.ttest_ind(fl(l2), fl(l1), equal_var=True)),
        ),
        "MASS::coop specimen S1, labs L1 and L2",
        "spreadsheet paste with row numbers",
    )


@item
def student_mgus_hgb_sex_99() -> None:
    d = r_frame(f"{MGUS}[101:140, c('sex', 'hgb')]")
    fem, mal = dec1(d.hgb[d.sex == "female"]), dec1(d.hgb[d.sex == "male"])
    prompt = (
        "Hb g/dL by sex (mgus rows 101-140)\nF: " + " ".join(fem) + "\nM: " + " ".join(mal) + "\n"
        "equal-var t test M vs F (male minus female), 99% conf level pls"
    )
    b.two_sample_t_item(
        SET,
        prompt,
        mal,
        fem,
        True,
        "pooled, 99% CI; male minus female",
        "survival::mgus rows 101-140 hgb by sex",
        "labelled space lists",
        level=0.99,
    )


@item
def student_statex77_frost_ne_south() -> None:
    d = r_frame("data.frame(state = state.name, region = state.region, frost = state.x77[, 'Frost'])")
    ne = d[d.region == "Northeast"]
    so = d[d.region == "South"]
    prompt = (
        "days with frost (min temp below freezing), state.x77\nNortheast: "
        + "; ".join(f"{s} {f}" for s, f in zip(ne.state, toks(ne.frost), strict=True))
        + "\nSouth: "
        + "; ".join(f"{s} {f}" for s, f in zip(so.state, toks(so.frost), strict=True))
        + "\ntwo sample t-test, var.equal = TRUE, Northeast minus South"
    )
    answer(
        prompt,
        "student_t",
        "pooled; Northeast minus South",
        *b.drop_p(
            ttest_r(rv(toks(ne.frost)), rv(toks(so.frost)), "var.equal = TRUE"),
            ttest_check(stats.ttest_ind(fl(toks(ne.frost)), fl(toks(so.frost)), equal_var=True)),
        ),
        "datasets::state.x77 Frost, Northeast vs South",
        "state name value pairs",
    )


@item
def paired_usaccdeaths_73_74() -> None:
    y73, y74 = ts_year("USAccDeaths", 1973), ts_year("USAccDeaths", 1974)
    prompt = (
        "> window(USAccDeaths, 1973, c(1974, 12))\n"
        + ts_print({"1973": y73, "1974": y74})
        + "\n\npaired t-test matching on calendar month, 1974 minus 1973. t, df, p, CI"
    )
    b.paired_t_item(
        SET,
        prompt,
        y74,
        y73,
        "two-sided; 1974 minus 1973 by month",
        "datasets::USAccDeaths 1973-1974",
        "r ts print with the window() call",
    )


@item
def paired_mdeaths_fdeaths_1976() -> None:
    m, f = ts_year("mdeaths", 1976), ts_year("fdeaths", 1976)
    rows = ["month,male,female"] + [f"{mo},{x},{y}" for mo, x, y in zip(MONTHS, m, f, strict=True)]
    prompt = (
        "UK lung disease deaths 1976 by month\n" + "\n".join(rows) + "\n\nmales minus females, paired t (pairs = month)"
    )
    b.paired_t_item(
        SET,
        prompt,
        m,
        f,
        "two-sided; male minus female by month",
        "datasets::mdeaths and fdeaths 1976",
        "csv with month column",
    )


@item
def paired_worldphones_56_57_greater() -> None:
    d = r_frame("as.data.frame(t(WorldPhones[c('1956', '1957'), ]))")
    regions = b.r_text_rownames("t(WorldPhones)")
    y56, y57 = toks(d.iloc[:, 0]), toks(d.iloc[:, 1])
    prompt = (
        "telephones (thousands) by region\nregion   1956   1957\n"
        + "\n".join(f"{r:<8} {x:>6} {y:>6}" for r, x, y in zip(regions, y56, y57, strict=True))
        + "\n\none-tailed paired t test: did the count go UP from 56 to 57? (57 minus 56, greater)"
    )
    b.paired_t_item(
        SET,
        prompt,
        y57,
        y56,
        "one-sided (greater); 1957 minus 1956",
        "datasets::WorldPhones 1956 and 1957",
        "aligned columns with region names",
        alt="greater",
    )


@item
def one_sample_newcomb() -> None:
    x = toks(r_frame("data.frame(x = MASS::newcomb[1:30])").x)
    prompt = (
        "Newcomb's 1882 passage times, first 30 (coded: deviation from 24800 ns, in ns)\n"
        + " ".join(x)
        + "\nthe modern value corresponds to 33.02 in these units. one-sample t test against mu = 33.02, "
        "two sided with 95% CI"
    )
    b.one_sample_t_item(SET, prompt, x, "33.02", "two-sided vs 33.02", "MASS::newcomb 1-30", "space list in prose")


@item
def one_sample_chem_90() -> None:
    x = b.dec2(r_frame("data.frame(x = MASS::chem)").x)
    prompt = (
        "> chem\n"
        + "\n".join(f"[{i + 1:>2}] " + "  ".join(x[i : i + 12]) for i in range(0, 24, 12))
        + "\n\n24 copper determinations in wholemeal flour (ppm). is the mean different from 3 ppm? "
        "one sample t, 90% CI"
    )
    b.one_sample_t_item(SET, prompt, x, "3", "two-sided vs 3, 90% CI", "MASS::chem", "r vector print", level=0.90)


@item
def one_sample_lh_less() -> None:
    x = dec1(r_frame("data.frame(x = as.numeric(lh))").x)
    prompt = (
        "luteinizing hormone, 48 blood samples at 10-min intervals from one woman: "
        + ", ".join(x)
        + "\nreference value is 2.6. test whether mean is below it: one-sample t, one sided (less)"
    )
    b.one_sample_t_item(
        SET, prompt, x, "2.6", "one-sided (less) vs 2.6", "datasets::lh", "comma list in prose", alt="less"
    )


# ================================================================ rank tests


@item
def mann_whitney_udca_riskscore() -> None:
    d = r_frame("survival::udca[51:110, c('trt', 'riskscore')]")
    d = d[~d.riskscore.isna()]
    ud, pl = dec1(d.riskscore[d.trt == 1]), dec1(d.riskscore[d.trt == 0])
    prompt = (
        "Mayo risk score at entry, UDCA trial pts 51-110\nplacebo: " + " ".join(pl) + "\nUDCA: " + " ".join(ud) + "\n"
        "non-parametric comparison of the two groups (Mann-Whitney), normal approx w/ continuity correction. "
        "report W for placebo"
    )
    b.mw_item(
        SET,
        prompt,
        pl,
        ud,
        False,
        True,
        "two-sided",
        "normal approximation, continuity correction; W for placebo",
        "survival::udca rows 51-110 riskscore by trt",
        "labelled space lists",
    )


@item
def mann_whitney_statex77_income_exact() -> None:
    d = r_frame("data.frame(state = state.name, region = state.region, inc = state.x77[, 'Income'])")
    ne, we = d[d.region == "Northeast"], d[d.region == "West"]
    x, y = toks(ne.inc), toks(we.inc)
    if len(set(x + y)) != len(x + y):
        raise AssertionError("ties: exact p would not apply")
    prompt = (
        "per capita income 1974 ($), state.x77\nNortheast (n=9): "
        + ", ".join(f"{s} ${b.thousands(v)}" for s, v in zip(ne.state, x, strict=True))
        + "\nWest (n=13): "
        + ", ".join(f"{s} ${b.thousands(v)}" for s, v in zip(we.state, y, strict=True))
        + "\nwilcoxon rank sum, exact p-value please (no ties). W with the Northeast group first"
    )
    b.mw_item(
        SET,
        prompt,
        x,
        y,
        True,
        False,
        "two-sided",
        "exact; W for Northeast",
        "datasets::state.x77 Income, Northeast vs West",
        "state name and dollar amounts",
    )


@item
def mann_whitney_mgus_creat_greater() -> None:
    d = r_frame(f"{MGUS}[1:50, c('sex', 'creat')]")
    d = d[~d.creat.isna()]
    m, f = dec1(d.creat[d.sex == "male"]), dec1(d.creat[d.sex == "female"])
    prompt = (
        "creatinine (mg/dL) in MGUS pts (first 50 rows, NAs dropped):\n\n"
        "| sex | creatinine values |\n|---|---|\n| male | " + ", ".join(m) + " |\n| female | " + ", ".join(f) + " |\n\n"
        "U test one sided — are men higher? (males vs females, alternative = greater). lots of ties so no exact p, "
        "keep the continuity correction"
    )
    b.mw_item(
        SET,
        prompt,
        m,
        f,
        False,
        True,
        "greater",
        "one-sided (greater), normal approximation, continuity correction; W for males",
        "survival::mgus rows 1-50 creat by sex",
        "markdown table, a group per row",
    )


def signed_rank_item(
    prompt: str, x: np.ndarray, r_arg: str, extra: str, method: str, correct: bool, variant: str, src: str, form: str
) -> None:
    r = f"{r_arg}\nw <- wilcox.test(xx{extra})\nemit(V = w$statistic, p = w$p.value)"
    res = stats.wilcoxon(x, method=method, correction=correct, zero_method="wilcox")
    answer(prompt, "wilcoxon_signed_rank", variant, r, {"V": b.signed_rank_v(x), "p": float(res.pvalue)}, src, form)


@item
def wilcoxon_mdeaths_78_79_exact() -> None:
    m, f = ts_year("mdeaths", 1979), ts_year("mdeaths", 1978)
    dd = b.diffs(m, f)
    assert len(set(np.abs(dd))) == len(dd) and (dd != 0).all()
    prompt = (
        "male deaths from bronchitis/emphysema/asthma, UK\n"
        + "\n".join(f"{mo}: 1978 {y}, 1979 {x}" for mo, x, y in zip(MONTHS, m, f, strict=True))
        + "\n\nsigned rank test on the monthly pairs (1979 minus 1978), exact"
    )
    signed_rank_item(
        prompt,
        dd,
        f"a <- {rv(m)}; c0 <- {rv(f)}; xx <- round(a - c0, 10)",
        ", exact = TRUE",
        "exact",
        False,
        "paired exact; 1979 minus 1978",
        "datasets::mdeaths 1978 and 1979",
        "month lines with labelled values",
    )


@item
def wilcoxon_abbey_mu10() -> None:
    x = dec1(r_frame("data.frame(x = MASS::abbey)").x)
    prompt = (
        "nickel in a reference material, 31 lab determinations (ug/g):\n"
        + "  ".join(x)
        + "\nthe supplier quotes 10 ug/g. Wilcoxon one-sample signed-rank vs 10 — skewed with outliers hence not a t. "
        "ties, so normal approx + continuity correction"
    )
    signed_rank_item(
        prompt,
        fl(x) - 10,
        f"xx <- {rv(x)}",
        ", mu = 10, exact = FALSE",
        "approx",
        True,
        "one-sample vs 10, normal approximation, continuity correction",
        "MASS::abbey",
        "space list",
    )


@item
def wilcoxon_seatbelts_front_rear_nocc() -> None:
    fr, re_ = ts_year("Seatbelts[, 'front']", 1980), ts_year("Seatbelts[, 'rear']", 1980)
    rows = ["Month  front  rear"] + [f"{m:<6} {x:>5} {y:>5}" for m, x, y in zip(MONTHS, fr, re_, strict=True)]
    prompt = (
        "killed or seriously injured, GB 1980, front-seat vs rear-seat passengers:\n" + "\n".join(rows) + "\n"
        "paired wilcoxon (front - rear), large-sample normal approximation without continuity correction please"
    )
    dd = b.diffs(fr, re_)
    signed_rank_item(
        prompt,
        dd,
        f"a <- {rv(fr)}; c0 <- {rv(re_)}; xx <- round(a - c0, 10)",
        ", exact = FALSE, correct = FALSE",
        "approx",
        False,
        "paired, normal approximation, no continuity correction; front minus rear",
        "datasets::Seatbelts front and rear 1980",
        "aligned month columns",
    )


@item
def kruskal_presidents_quarters() -> None:
    d = r_frame("data.frame(y = as.numeric(presidents), q = as.numeric(cycle(presidents)))")
    groups = [toks(d.y[(d.q == q) & ~d.y.isna()]) for q in (1, 2, 3, 4)]
    yrs = list(range(1945, 1975))
    lines = ["     Qtr1 Qtr2 Qtr3 Qtr4"]
    for i, yr in enumerate(yrs):
        vals = ["NA" if math.isnan(v) else fnum(v) for v in d.y[i * 4 : i * 4 + 4]]
        lines.append(f"{yr} " + " ".join(f"{v:>4}" for v in vals))
    prompt = (
        "> presidents\n" + "\n".join(lines) + "\n\nGallup approval %, quarterly 1945-74. is there a quarter effect? "
        "kruskal wallis with the 4 quarters as groups (drop the NAs)"
    )
    b.kruskal_item(
        SET,
        prompt,
        groups,
        "tie-corrected, 4 groups, NAs dropped",
        "datasets::presidents by quarter",
        "r quarterly ts print with NA",
    )


@item
def kruskal_statex77_population_region() -> None:
    d = r_frame("data.frame(state = state.abb, region = state.region, pop = state.x77[, 'Population'])")
    regs = ["Northeast", "South", "North Central", "West"]
    groups = [toks(d["pop"][d.region == r]) for r in regs]
    rows = ["state,region,pop_thousands"] + [
        f"{s},{r},{x}" for s, r, x in zip(d.state, d.region, toks(d["pop"]), strict=True)
    ]
    prompt = (
        "\n".join(rows)
        + "\n\n(1975 population estimates in thousands, state.x77). KW test across the 4 census regions please, "
        "H + df + p"
    )
    b.kruskal_item(
        SET,
        prompt,
        groups,
        "tie-corrected, 4 groups",
        "datasets::state.x77 Population by state.region",
        "csv long with state abbreviations",
    )


@item
def anova_coop_s4_labs() -> None:
    d = r_frame("MASS::coop[MASS::coop$Spc == 'S4', ]")
    labs = [f"L{i}" for i in range(1, 7)]
    groups = [b.dec2(d.Conc[d.Lab == lab]) for lab in labs]
    prompt = (
        "specimen S4 concentrations, 6 labs x 3 batches x duplicate\n"
        + "\n".join(f"{lab}  " + "  ".join(g) for lab, g in zip(labs, groups, strict=True))
        + "\none way anova between labs (lab as the only factor), F df p"
    )
    b.anova_item(SET, prompt, groups, labs, "F test, 6 groups", "MASS::coop specimen S4 by lab", "a group per row")


@item
def anova_solder_opening() -> None:
    d = r_frame("survival::solder[survival::solder$Solder == 'Thin' & survival::solder$Mask == 'B3', ]")
    ops = ["S", "M", "L"]
    groups = [toks(d.skips[d.Opening == o]) for o in ops]
    prompt = (
        "solder skips per board, thin solder + mask B3 only:\n"
        + "\n".join(f"opening {o} ({len(g)} boards): {', '.join(g)}" for o, g in zip(ops, groups, strict=True))
        + "\n\ndoes skip count differ by opening size? 1-way ANOVA (yes I know they're counts). F and its dfs"
    )
    b.anova_item(
        SET,
        prompt,
        groups,
        ops,
        "F test, 3 groups",
        "survival::solder Thin/B3 skips by Opening",
        "labelled comma lists with n",
    )


def shapiro_item(prompt: str, x: Sequence[str], source: str, form: str) -> None:
    res = stats.shapiro(fl(x))
    answer(
        prompt,
        "shapiro_wilk",
        "default",
        f"s <- shapiro.test({rv(x)})\nemit(W = s$statistic, p = s$p.value)",
        {"W": float(res.statistic), "p": float(res.pvalue)},
        source,
        form,
    )


@item
def shapiro_lh() -> None:
    x = dec1(r_frame("data.frame(x = as.numeric(lh))").x)
    prompt = (
        "> lh\nTime Series:\nStart = 1 \nEnd = 48 \nFrequency = 1 \n"
        + "\n".join(f"[{i + 1:>2}] " + " ".join(x[i : i + 16]) for i in range(0, 48, 16))
        + "\n\nnormality check before I model it — shapiro.test?"
    )
    shapiro_item(prompt, x, "datasets::lh", "r ts print with header")


@item
def shapiro_rubber_loss() -> None:
    x = toks(r_frame("MASS::Rubber").loss)
    prompt = "abrasion loss (g/hr), 30 rubber specimens\n" + "\n".join(x) + "\nShapiro-Wilk test of normality pls"
    shapiro_item(prompt, x, "MASS::Rubber loss", "one value per line")


# ================================================================ correlation and regression


def pearson_item(
    prompt: str,
    x: Sequence[str],
    y: Sequence[str],
    level: float,
    keys: Sequence[str],
    variant: str,
    src: str,
    form: str,
) -> None:
    answer(
        prompt,
        "pearson",
        variant,
        b.pearson_r(x, y, level, keys),
        b.pearson_check(fl(x), fl(y), level, keys),
        src,
        form,
    )


@item
def pearson_rubber_hard_tens_90() -> None:
    d = r_frame("MASS::Rubber")
    hard, tens = toks(d.hard), toks(d.tens)
    prompt = (
        "> Rubber[, c('hard', 'tens')]\n   hard tens\n"
        + "\n".join(f"{i:>2} {h:>4} {t:>4}" for i, (h, t) in enumerate(zip(hard, tens, strict=True), 1))
        + "\n\nPearson corr between hardness (Shore) and tensile strength (kg/cm2), r + p + 90% CI"
    )
    pearson_item(
        prompt,
        hard,
        tens,
        0.90,
        ["r", "p", "ci_low", "ci_high"],
        "two-sided; Fisher z 90% CI",
        "MASS::Rubber hard and tens",
        "r console print(df) with row numbers",
    )


@item
def pearson_mgus_alb_hgb() -> None:
    d = r_frame(f"{MGUS}[141:200, c('id', 'alb', 'hgb')]")
    d = d[~d.alb.isna() & ~d.hgb.isna()]
    prompt = (
        "pt  alb  hgb\n"
        + "\n".join(f"{i} {a} {h}" for i, a, h in zip(toks(d.id), dec1(d.alb), dec1(d.hgb), strict=True))
        + "\nalbumin vs haemoglobin, correlation (Pearson) with its t statistic and 95% CI"
    )
    pearson_item(
        prompt,
        dec1(d.alb),
        dec1(d.hgb),
        0.95,
        ["r", "t", "ci_low", "ci_high"],
        "two-sided; Fisher z 95% CI",
        "survival::mgus rows 141-200 alb and hgb, complete",
        "space columns with ids",
    )


def rank_cor_item(
    prompt: str, x: Sequence[str], y: Sequence[str], method: str, exact: bool, variant: str, src: str, form: str
) -> None:
    key = {"spearman": "rho", "kendall": "tau"}[method]
    r = (
        f"k <- cor.test({rv(x)}, {rv(y)}, method = '{method}', exact = {'TRUE' if exact else 'FALSE'})\n"
        f"emit({key} = k$estimate, p = k$p.value)"
    )
    if method == "spearman":
        res = stats.spearmanr(fl(x), fl(y))
        if exact:
            raise AssertionError("scipy has no exact Spearman p to check against")
    else:
        res = stats.kendalltau(fl(x), fl(y), method="exact" if exact else "asymptotic")
    name = "spearman" if method == "spearman" else "kendall_tau"
    answer(prompt, name, variant, r, {key: float(res.statistic), "p": float(res.pvalue)}, src, form)


@item
def spearman_gagurine() -> None:
    d = r_frame("MASS::GAGurine[MASS::GAGurine$Age >= 5, ][seq(1, 131, 5), ]")
    age, gag = b.dec2(d.Age), dec1(d.GAG)
    prompt = (
        "Age,GAG\n" + "\n".join(f"{a},{g}" for a, g in zip(age, gag, strict=True)) + "\n\n"
        "urinary glycosaminoglycan vs age, kids aged 5+ (every 5th such row of MASS::GAGurine). spearman correlation, "
        "asymptotic p (ties)"
    )
    rank_cor_item(
        prompt,
        age,
        gag,
        "spearman",
        False,
        "ties; t approximation",
        "MASS::GAGurine Age >= 5, every 5th row",
        "csv two columns",
    )


@item
def spearman_tobin_age_quant() -> None:
    d = r_frame("survival::tobin")
    age, q = dec1(d.age), toks(d.quant)
    prompt = (
        "Tobin's survey, 20 households: age of head "
        + ", ".join(age)
        + "; liquidity ratio (x1000) "
        + ", ".join(q)
        + "\nrank correlation (spearman's rho) age vs liquidity, normal/t approx p is fine"
    )
    rank_cor_item(
        prompt, age, q, "spearman", False, "t approximation", "survival::tobin age and quant", "two inline lists"
    )


@item
def kendall_seatbelts_kms_petrol_exact() -> None:
    d = r_frame("as.data.frame(window(Seatbelts, start = c(1980, 1), end = c(1980, 12)))")
    kms, pp = toks(d.kms), [f"{v:.4f}" for v in d.PetrolPrice]
    if len(set(kms)) != 12 or len(set(pp)) != 12:
        raise AssertionError("ties: exact p would not apply")
    prompt = (
        "1980, GB: distance driven (million km) and real petrol price index per month\n"
        + "\n".join(f"{m} {k} {p}" for m, k, p in zip(MONTHS, kms, pp, strict=True))
        + "\nKendall rank correlation kms vs price, exact test"
    )
    rank_cor_item(
        prompt,
        kms,
        pp,
        "kendall",
        True,
        "exact",
        "datasets::Seatbelts kms and PetrolPrice 1980",
        "month lines, space separated",
    )


@item
def kendall_tobin_durable_age() -> None:
    d = r_frame("survival::tobin")
    dur, age = dec1(d.durable), dec1(d.age)
    rows = ["durable age"] + [f"{x} {y}" for x, y in zip(dur, age, strict=True)]
    prompt = (
        "\n".join(rows) + "\n\ntobin data: durable goods spending vs age. Kendall's tau-b (lots of zero ties in "
        "durable so use the normal approx)"
    )
    rank_cor_item(
        prompt,
        dur,
        age,
        "kendall",
        False,
        "tau-b, normal approximation (ties)",
        "survival::tobin",
        "space columns with header",
    )


@item
def lm_forbes() -> None:
    d = r_frame("MASS::forbes")
    bp, pres = dec1(d.bp), b.dec2(d.pres)
    prompt = (
        "Forbes' Alps data: boiling point (°F) and barometric pressure (inHg), 17 sites\n"
        + "\n".join(f"{x}\t{y}" for x, y in zip(bp, pres, strict=True))
        + "\n\nfit pres ~ bp (pressure as the outcome), simple linear regression: slope (with SE), intercept, R²"
    )
    b.lm_item(
        SET,
        prompt,
        bp,
        pres,
        "OLS pres ~ bp with SE(slope)",
        ["slope", "se_slope", "intercept", "r2"],
        "MASS::forbes",
        "tsv without header",
    )


@item
def lm_rubber_loss_hard() -> None:
    d = r_frame("MASS::Rubber")
    h, loss = toks(d.hard), toks(d.loss)
    prompt = (
        "hardness: " + " ".join(h) + "\nloss: " + " ".join(loss) + "\n"
        "regress abrasion loss on hardness (loss = a + b*hard). need b, its SE, a and r-squared"
    )
    b.lm_item(
        SET,
        prompt,
        h,
        loss,
        "OLS loss ~ hard: slope, SE, intercept, R^2",
        ["slope", "se_slope", "intercept", "r2"],
        "MASS::Rubber loss ~ hard",
        "labelled space lists",
    )


@item
def lm_airmiles_year() -> None:
    x = toks(r_frame("data.frame(x = as.numeric(airmiles))").x)
    yrs = [str(1937 + i) for i in range(len(x))]
    prompt = (
        "year | revenue passenger miles (millions), US airlines\n"
        + "\n".join(f"{y} | {b.thousands(v)}" for y, v in zip(yrs, x, strict=True))
        + "\n\nlinear trend: lm(miles ~ year). slope per year, intercept, R^2"
    )
    b.lm_item(
        SET,
        prompt,
        yrs,
        x,
        "OLS miles ~ year",
        ["slope", "intercept", "r2"],
        "datasets::airmiles",
        "pipe rows with thousands separators",
    )


@item
def logistic_synth_xs() -> None:
    d = r_frame("MASS::synth.tr[seq(3, 250, 5), ]")
    xs, yc = b.dec2(d["xs"]), toks(d.yc)
    prompt = (
        "xs,yc\n" + "\n".join(f"{x},{y}" for x, y in zip(xs, yc, strict=True)) + "\n\n"
        "Ripley's synthetic two-class data (every 5th row from 3). simple logistic regression of class yc on xs — "
        "odds ratio per 1 unit of xs with 95% Wald CI and p"
    )
    b.logit_item(
        SET, prompt, xs, yc, "Wald CI; per 1 unit xs", "MASS::synth.tr every 5th row from 3", "csv two columns"
    )


@item
def logistic_mgus_age_death5y() -> None:
    d = r_frame(f"{MGUS}[1:80, c('id', 'age', 'futime', 'death')]")
    age = toks(d.age)
    died = ["1" if t <= 1825 and s == 1 else "0" for t, s in zip(d.futime, d.death, strict=True)]
    prompt = (
        "MGUS pts 1-80: age at diagnosis and whether they died within 5 years of it\n"
        + "\n".join(
            f"id {i} | age {a} | dead by 5y: {'yes' if x == '1' else 'no'}"
            for i, a, x in zip(toks(d.id), age, died, strict=True)
        )
        + "\n\nlogistic regression (dead by 5y ~ age), OR per year of age w/ 95% CI and the p-value"
    )
    # glm's and statsmodels' Wald p part in the seventh digit (IRLS vs Newton stopping rules), far inside rel_tol
    b.logit_item(
        SET,
        prompt,
        age,
        died,
        "Wald CI; per year of age",
        "survival::mgus rows 1-80, death within 1825 days ~ age",
        "pipe-separated key value rows with yes/no outcome",
        check_tol=1e-5,
    )


# ================================================================ survival


BLADDER1 = "survival::bladder[survival::bladder$enum == 1, ]"


@item
def km_genfan() -> None:
    d = r_frame("survival::genfan")
    t, e = toks(d.hours), toks(d.status)
    prompt = (
        "diesel generator fans (Nelson): hours to failure, + = still running when the test stopped\n"
        + b.plus(t, e)
        + "\n\nKM estimate — what fraction survive 2000 h and 6000 h?"
    )
    b.km_item(
        SET,
        prompt,
        t,
        e,
        [2000, 6000],
        "KM S(2000) and S(6000)",
        "survival::genfan",
        "plus censoring list",
        median=False,
    )


@item
def km_mgus_first49() -> None:
    d = r_frame(f"{MGUS}[1:49, c('id', 'age', 'futime', 'death')]")
    t, e = toks(d.futime), toks(d.death)
    rows = ["id\tage\tfutime\tdeath"] + [
        f"{i}\t{a}\t{x}\t{s}" for i, a, x, s in zip(toks(d.id), toks(d.age), t, e, strict=True)
    ]
    prompt = (
        "\n".join(rows) + "\n\nMGUS cohort first 49 (futime days, death 1/0). Kaplan-Meier: median survival, and "
        "S at 5 y (1825 d) and 10 y (3650 d)"
    )
    b.km_item(
        SET,
        prompt,
        t,
        e,
        [1825, 3650],
        "KM median, S(1825) and S(3650)",
        "survival::mgus rows 1-49",
        "tsv with id and age",
    )


@item
def km_bladder_placebo() -> None:
    d = r_frame(BLADDER1)
    d = d[d.rx == 1]
    t, e = toks(d.stop), toks(d.event)
    prompt = (
        "bladder cancer trial, placebo arm, months to FIRST recurrence as (time, status) with status 1 = recurred:\n"
        + " ".join(f"({x}, {s})" for x, s in zip(t, e, strict=True))
        + "\nkm median time to recurrence + recurrence-free probability at 12 and 24 months"
    )
    b.km_item(
        SET,
        prompt,
        t,
        e,
        [12, 24],
        "KM median, S(12) and S(24)",
        "survival::bladder enum 1, placebo",
        "(time, status) tuples",
    )


@item
def logrank_imotor_temp() -> None:
    d = r_frame("survival::imotor")
    t, e, g = toks(d.time), toks(d.status), [fnum(x) for x in d.temp]
    rows = ["temp,time,status"] + [f"{a},{x},{s}" for a, x, s in zip(g, t, e, strict=True)]
    prompt = (
        "motor insulation life test (hours), 10 motorettes per temperature, status 0 = censored\n"
        + "\n".join(rows)
        + "\n\nsurvdiff across the four temps (log rank) — chisq and df"
    )
    answer(
        prompt,
        "log_rank",
        "4 groups",
        *b.drop_p(b.r_logrank(t, e, g), b.logrank_check(fl(t), fl(e), g)),
        "survival::imotor",
        "csv long",
    )


@item
def logrank_bladder_rx() -> None:
    d = r_frame(BLADDER1)
    pl, th = d[d.rx == 1], d[d.rx == 2]
    t = toks(pl.stop) + toks(th.stop)
    e = toks(pl.event) + toks(th.event)
    g = ["placebo"] * len(pl) + ["thiotepa"] * len(th)
    prompt = (
        "time to first bladder tumour recurrence (months), + censored\nplacebo: "
        + b.plus(toks(pl.stop), toks(pl.event))
        + "\nthiotepa: "
        + b.plus(toks(th.stop), toks(th.event))
        + "\nlogrank thiotepa vs placebo?"
    )
    answer(
        prompt,
        "log_rank",
        "2 groups",
        b.r_logrank(t, e, g),
        b.logrank_check(fl(t), fl(e), g),
        "survival::bladder enum 1 by rx",
        "labelled plus censoring lists",
    )


@item
def logrank_capacitor_voltage() -> None:
    d = r_frame("survival::capacitor[survival::capacitor$voltage %in% c(200, 350), ]")
    t, e, g = toks(d.time), toks(d.status), [f"{v}V" for v in toks(d.voltage)]
    prompt = (
        "capacitors at 200 V and 350 V (both temperatures pooled)\n"
        + "\n".join(f"{gg}: {x} h{'' if s == '1' else ' (censored)'}" for gg, x, s in zip(g, t, e, strict=True))
        + "\n\nlog-rank test 350V vs 200V"
    )
    answer(
        prompt,
        "log_rank",
        "2 groups",
        b.r_logrank(t, e, g),
        b.logrank_check(fl(t), fl(e), g),
        "survival::capacitor voltage 200 and 350",
        "one record per line with censored in words",
    )


@item
def cox_bladder_number() -> None:
    d = r_frame(BLADDER1)
    t, e, n = toks(d.stop), toks(d.event), toks(d.number)
    prompt = (
        "> head(b1, 3); nrow(b1)\n  id rx number size stop event enum\n"
        + "\n".join(
            f"{i} {i:>2} {x:>2} {nn:>6} {s:>4} {st:>4} {ev:>5}    1"
            for i, x, nn, s, st, ev in zip(
                range(1, 4), toks(d.rx)[:3], n[:3], toks(d["size"])[:3], t[:3], e[:3], strict=True
            )
        )
        + f"\n[1] {len(t)}\n\nall rows: stop = "
        + ",".join(t)
        + "\nevent = "
        + ",".join(e)
        + "\nnumber = "
        + ",".join(n)
        + "\n\nunivariable Cox: first recurrence ~ number of initial tumours (continuous). HR per extra tumour + "
        "95% CI + p"
    )
    b.cox_item(
        SET,
        prompt,
        t,
        e,
        n,
        "Efron ties; HR per tumour",
        "survival::bladder enum 1, number",
        "r head() then comma vectors",
    )


@item
def cox_mgus_alb() -> None:
    d = r_frame(f"{MGUS}[1:80, c('futime', 'death', 'alb')]")
    d = d[~d.alb.isna()]
    t, e, a = toks(d.futime), toks(d.death), dec1(d.alb)
    prompt = (
        "futime death alb\n"
        + "\n".join(f"{x} {s} {y}" for x, s, y in zip(t, e, a, strict=True))
        + "\n\nHR from a Cox model for albumin (per 1 g/dL), with its 95% CI. mgus pts 1-80 w/ albumin"
    )
    answer(
        prompt,
        "cox",
        "Efron ties; HR per g/dL",
        *b.drop_p(b.r_cox(t, e, a, tight=True), b.cox_check(fl(t), fl(e), fl(a), tight=True)),
        "survival::mgus rows 1-80 with alb",
        "space columns with header",
    )


@item
def cox_capacitor_temperature() -> None:
    d = r_frame("survival::capacitor")
    t, e = toks(d.time), toks(d.status)
    hot = ["1" if x == 180 else "0" for x in d.temperature]
    prompt = (
        "capacitor failure times (h) by test temperature, + = survived to end of test\n170 C: "
        + b.plus(
            [x for x, h in zip(t, hot, strict=True) if h == "0"], [s for s, h in zip(e, hot, strict=True) if h == "0"]
        )
        + "\n180 C: "
        + b.plus(
            [x for x, h in zip(t, hot, strict=True) if h == "1"], [s for s, h in zip(e, hot, strict=True) if h == "1"]
        )
        + "\n\ncox proportional hazards, 180 vs 170 (170 = reference). hazard ratio, 95% CI, Wald p"
    )
    t2 = [x for x, h in zip(t, hot, strict=True) if h == "0"] + [x for x, h in zip(t, hot, strict=True) if h == "1"]
    e2 = [s for s, h in zip(e, hot, strict=True) if h == "0"] + [s for s, h in zip(e, hot, strict=True) if h == "1"]
    x2 = sorted(hot)
    b.cox_item(
        SET,
        prompt,
        t2,
        e2,
        x2,
        "Efron ties; 180 vs 170 (reference)",
        "survival::capacitor by temperature",
        "labelled plus censoring lists",
    )


# ================================================================ tables


def minn38_hs_sex() -> list[list[int]]:
    d = r_frame("MASS::minn38")
    return [[int(d.f[(d.hs == h) & (d.sex == s)].sum()) for s in ("F", "M")] for h in ("L", "M", "U")]


@item
def chisq_minn38_hs_sex() -> None:
    tab = minn38_hs_sex()
    prompt = (
        "> xtabs(f ~ hs + sex, data = minn38)\n   sex\nhs     F    M\n"
        + "\n".join(f"  {h} {r[0]:>4} {r[1]:>4}" for h, r in zip("LMU", tab, strict=True))
        + "\n\nMinnesota 1938 HS graduates, high-school rank (lower/middle/upper third) by sex. chi-sq test of "
        "independence"
    )
    b.chisq_item(SET, prompt, tab, False, "3x2 Pearson", "MASS::minn38 hs x sex", "r xtabs print")


@item
def chisq_haireye_males() -> None:
    d = r_frame("as.data.frame(HairEyeColor[, , 'Male'])")
    hairs, eyes = ["Black", "Brown", "Red", "Blond"], ["Brown", "Blue", "Hazel", "Green"]
    tab = [[int(d.Freq[(d.Hair == h) & (d.Eye == e)].iloc[0]) for e in eyes] for h in hairs]
    rows = ["| hair \\ eye | " + " | ".join(eyes) + " | total |", "|---|---|---|---|---|---|"]
    rows += [f"| {h} | " + " | ".join(str(v) for v in r) + f" | {sum(r)} |" for h, r in zip(hairs, tab, strict=True)]
    cols = [sum(r[j] for r in tab) for j in range(4)]
    rows.append("| total | " + " | ".join(str(c) for c in cols) + f" | {sum(cols)} |")
    prompt = (
        "male statistics students (Snee 1974), hair x eye colour\n"
        + "\n".join(rows)
        + "\n\nPearson's chi-squared test of association please"
    )
    b.chisq_item(SET, prompt, tab, False, "4x4 Pearson", "datasets::HairEyeColor males", "markdown table with totals")


@item
def chisq_udca_stage_trt_yates() -> None:
    d = r_frame("survival::udca[, c('trt', 'stage')]")
    tab = [[int(((d.trt == t) & (d.stage == s)).sum()) for s in (0, 1)] for t in (1, 0)]
    prompt = (
        f"UDCA arm: {tab[0][0]} early-stage (stage 0) and {tab[0][1]} late (stage 1); placebo: {tab[1][0]} early "
        f"and {tab[1][1]} late. was randomisation balanced on stage? 2x2 chi-square with Yates' correction"
    )
    b.chisq_item(
        SET, prompt, tab, True, "2x2 with Yates continuity correction", "survival::udca trt x stage", "counts in prose"
    )


def fisher_item(a: int, bb: int, c: int, dd: int, prompt: str, variant: str, src: str, form: str) -> None:
    r = (
        f"f <- fisher.test({b.two_by_two(a, bb, c, dd)})\n"
        "emit(p = f$p.value, or = f$estimate, ci_low = f$conf.int[1], ci_high = f$conf.int[2])"
    )
    answer(prompt, "fisher_exact", variant, r, b.fisher_check(a, bb, c, dd), src, form, check_tol=b.FISHER_TOL)


@item
def fisher_imotor_170_190() -> None:
    d = r_frame("survival::imotor")
    a, c = int(d.status[d.temp == 170].sum()), int(d.status[d.temp == 190].sum())
    prompt = (
        f"motorettes that failed before the end of test: {a} of 10 at 170 °C and {c} of 10 at 190 °C.\n"
        "fisher's exact test (170 as the first row, failed as first column) — p, conditional OR and its CI"
    )
    fisher_item(
        a,
        10 - a,
        c,
        10 - c,
        prompt,
        "two-sided; conditional MLE OR, 170 vs 190",
        "survival::imotor failures at 170 and 190",
        "a of n in prose",
    )


@item
def fisher_haireye_red_blond() -> None:
    t = [[10, 10], [3, 30]]
    d = r_frame("as.data.frame(HairEyeColor[, , 'Male'])")
    t = [[int(d.Freq[(d.Hair == h) & (d.Eye == e)].iloc[0]) for e in ("Brown", "Blue")] for h in ("Red", "Blond")]
    prompt = (
        "         brown_eyes blue_eyes\nred           "
        + f"{t[0][0]:>4}      {t[0][1]:>4}\nblond         "
        + f"{t[1][0]:>4}      {t[1][1]:>4}\n"
        "men only, red vs blond hair. small cell so Fisher exact test pls, with the odds ratio"
    )
    fisher_item(
        t[0][0],
        t[0][1],
        t[1][0],
        t[1][1],
        prompt,
        "two-sided; conditional MLE OR, red vs blond",
        "datasets::HairEyeColor males, red/blond x brown/blue",
        "aligned 2x2",
    )


@item
def mcnemar_presidents_q1_q4() -> None:
    d = r_frame("data.frame(y = as.numeric(presidents), q = as.numeric(cycle(presidents)))")
    q1 = d.y[d.q == 1].to_numpy()
    q4 = d.y[d.q == 4].to_numpy()
    ok = ~np.isnan(q1) & ~np.isnan(q4)
    h1, h4 = q1[ok] >= 50, q4[ok] >= 50
    tab = [[int((h1 & h4).sum()), int((h1 & ~h4).sum())], [int((~h1 & h4).sum()), int((~h1 & ~h4).sum())]]
    prompt = (
        f"presidential approval by year ({int(ok.sum())} years with both quarters): majority approval (>= 50%) in Q1 "
        f"and still in Q4: {tab[0][0]} years; Q1 only: {tab[0][1]}; Q4 only: {tab[1][0]}; neither: {tab[1][1]}.\n"
        "mcnemar test (with continuity correction) for a change from Q1 to Q4"
    )
    r = f"x <- mcnemar.test({b.r_matrix(tab)})\nemit(chisq = x$statistic, df = x$parameter, p = x$p.value)"
    res = mcnemar(np.array(tab), exact=False, correction=True)
    answer(
        prompt,
        "mcnemar",
        "continuity correction",
        r,
        {"chisq": float(res.statistic), "df": 1.0, "p": float(res.pvalue)},
        "datasets::presidents Q1 vs Q4 approval >= 50",
        "paired counts in words",
    )


@item
def or_minn38_upper_third() -> None:
    tab = minn38_hs_sex()
    fu, mu = tab[2][0], tab[2][1]
    fo, mo = tab[0][0] + tab[1][0], tab[0][1] + tab[1][1]
    prompt = (
        "Minnesota 1938 grads. upper third of their HS class: girls "
        + b.thousands(str(fu))
        + ", boys "
        + b.thousands(str(mu))
        + "; lower/middle thirds: girls "
        + b.thousands(str(fo))
        + ", boys "
        + b.thousands(str(mo))
        + ".\nodds ratio of being upper-third, girls vs boys (boys = reference), 95% CI (log/Woolf)"
    )
    r, check = b.woolf_level(fu, fo, mu, mo, 0.95)
    answer(
        prompt,
        "odds_ratio",
        "OR girls vs boys, Woolf log 95% CI",
        r,
        check,
        "MASS::minn38 upper third x sex",
        "counts in prose with thousands separators",
    )


@item
def or_bladder_recurrence_90() -> None:
    d = r_frame(BLADDER1)
    a, bb = int(d.event[d.rx == 2].sum()), int((d.rx == 2).sum() - d.event[d.rx == 2].sum())
    c, dd = int(d.event[d.rx == 1].sum()), int((d.rx == 1).sum() - d.event[d.rx == 1].sum())
    prompt = (
        "recurrence during follow-up\n\tyes\tno\nthiotepa\t" + f"{a}\t{bb}\nplacebo\t{c}\t{dd}\n"
        "crude OR thiotepa vs placebo with a 90% CI (Woolf). yes I know it ignores follow-up time"
    )
    r, check = b.woolf_level(a, bb, c, dd, 0.90)
    answer(
        prompt,
        "odds_ratio",
        "OR thiotepa vs placebo, Woolf log 90% CI",
        r,
        check,
        "survival::bladder enum 1 event x rx",
        "tsv 2x2 with labels",
    )


def rhdnase_counts() -> tuple[int, int, int, int]:
    d = r_frame("survival::rhDNase[, c('id', 'trt', 'ivstart')]")
    inf = d.groupby("id").agg(trt=("trt", "first"), inf=("ivstart", lambda s: bool(s.notna().any())))
    a, n1 = int(inf.inf[inf.trt == 1].sum()), int((inf.trt == 1).sum())
    c, n2 = int(inf.inf[inf.trt == 0].sum()), int((inf.trt == 0).sum())
    return a, n1, c, n2


@item
def rr_rhdnase_infection() -> None:
    a, n1, c, n2 = rhdnase_counts()
    prompt = (
        f"cystic fibrosis rhDNase trial: at least one serious infection in {a}/{n1} on rhDNase vs {c}/{n2} on "
        "placebo. relative risk (placebo as reference) + 95% CI"
    )
    answer(
        prompt,
        "relative_risk",
        "RR rhDNase vs placebo (reference), Katz log 95% CI",
        b.rr_r(a, n1, c, n2),
        b.rr_check(a, n1, c, n2),
        "survival::rhDNase any infection by trt",
        "x/n in prose",
    )


@item
def rr_mgus_progression_sex() -> None:
    d = r_frame(f"{MGUS}[, c('sex', 'pcdx')]")
    prog = d.pcdx.notna() & (d.pcdx != "")
    a, n1 = int((prog & (d.sex == "male")).sum()), int((d.sex == "male").sum())
    c, n2 = int((prog & (d.sex == "female")).sum()), int((d.sex == "female").sum())
    prompt = (
        "sex     progressed  n\n" + f"male    {a:>10}  {n1}\nfemale  {c:>10}  {n2}\n"
        "MGUS -> plasma cell malignancy. risk ratio for men relative to women, 95% CI"
    )
    answer(
        prompt,
        "relative_risk",
        "RR male vs female (reference), Katz log 95% CI",
        b.rr_r(a, n1, c, n2),
        b.rr_check(a, n1, c, n2),
        "survival::mgus progression by sex",
        "aligned events and n",
    )


@item
def rd_rhdnase_infection() -> None:
    a, n1, c, n2 = rhdnase_counts()
    prompt = (
        f"placebo {c} infected of {n2}; rhDNase {a} of {n1}. absolute risk reduction = placebo minus rhDNase, "
        "with a Wald 95% confidence interval"
    )
    answer(
        prompt,
        "risk_difference",
        "Wald CI, placebo minus rhDNase",
        b.rd_r(c, n2, a, n1),
        b.rd_check(c, n2, a, n1),
        "survival::rhDNase any infection by trt",
        "counts in prose, reference first",
    )


@item
def rd_bladder_recurrence() -> None:
    d = r_frame(BLADDER1)
    a, n1 = int(d.event[d.rx == 2].sum()), int((d.rx == 2).sum())
    c, n2 = int(d.event[d.rx == 1].sum()), int((d.rx == 1).sum())
    prompt = (
        f"first recurrence observed: thiotepa {a}/{n1} ({100 * a / n1:.0f}%), placebo {c}/{n2} ({100 * c / n2:.0f}%). "
        "risk difference thiotepa - placebo and its 95% CI (normal approximation)"
    )
    answer(
        prompt,
        "risk_difference",
        "Wald CI, thiotepa minus placebo",
        b.rd_r(a, n1, c, n2),
        b.rd_check(a, n1, c, n2),
        "survival::bladder enum 1 event by rx",
        "x/n with percentages",
    )


# ================================================================ multiplicity and design


@item
def padjust_statex77_bh() -> None:
    cols = ["Population", "Income", "Frost", "Area"]
    labels = cols
    code = "\n".join(
        f"emit({lab} = cor.test(state.x77[, 'Life Exp'], state.x77[, '{c}'], method = 'spearman', "
        "exact = FALSE)$p.value)"
        for lab, c in zip(labels, cols, strict=True)
    )
    raw = b.raw_pvalues(code)
    pvals = [raw[v] for v in labels]
    prompt = (
        "spearman correlations of life expectancy with each other state.x77 column, raw p:\n"
        + "\n".join(f"- {c}: {p}" for c, p in zip(cols, pvals, strict=True))
        + "\nBH-adjust these"
    )
    b.padj_item(
        SET, prompt, labels, pvals, "BH", "datasets::state.x77 Spearman p-values vs Life Exp", "markdown bullets"
    )


@item
def padjust_mgus_holm() -> None:
    labels = ["age", "alb", "creat", "hgb", "mspike"]
    code = "\n".join(f"emit({v} = t.test({v} ~ sex, data = {MGUS}[1:100, ])$p.value)" for v in labels)
    raw = b.raw_pvalues(code)
    pvals = [raw[v] for v in labels]
    prompt = (
        "men vs women, Welch p for 5 baseline labs/vars (mgus first 100): "
        + "; ".join(f"{v} p={p}" for v, p in zip(labels, pvals, strict=True))
        + ". holm correction?"
    )
    b.padj_item(SET, prompt, labels, pvals, "holm", "survival::mgus rows 1-100 Welch p-values by sex", "inline name p=")


@item
def padjust_coop_bonferroni() -> None:
    labels = ["S3", "S4", "S5", "S6"]
    code = "\n".join(
        f"emit({s} = kruskal.test(Conc ~ Bat, data = MASS::coop[MASS::coop$Spc == '{s}', ])$p.value)" for s in labels
    )
    raw = b.raw_pvalues(code)
    pvals = [raw[v] for v in labels]
    prompt = (
        "batch effect within specimen (kruskal-wallis over the 3 batches), one p per specimen\n"
        "spec\tp\n"
        + "\n".join(f"{s}\t{p}" for s, p in zip(labels, pvals, strict=True))
        + "\nbonferroni adjusted p for these 4"
    )
    b.padj_item(SET, prompt, labels, pvals, "bonferroni", "MASS::coop Kruskal p-values by batch", "tsv with header")


@item
def sample_size_t_hgb() -> None:
    prompt = (
        "planning: haemoglobin SD is ~1.7 g/dL in MGUS pts (mgus data). We want to detect a 1 g/dL difference "
        "between two groups. two-sided alpha 5%. how many per group for 80% and for 90% power?"
    )
    b.sample_size_t_item(
        SET,
        prompt,
        "1",
        "1.7",
        [0.8, 0.9],
        "two-sample, two-sided; two powers",
        "survival::mgus hgb SD (rounded)",
        "design prose",
    )


@item
def power_t_albumin() -> None:
    prompt = (
        "> power.t.test(n = 20, delta = 0.3, sd = 0.5)\n(what does that give?) and same thing with n = 35 per group. "
        "two-sample two-sided 0.05"
    )
    r = (
        "a <- power.t.test(n = 20, delta = 0.3, sd = 0.5)$power\n"
        "c0 <- power.t.test(n = 35, delta = 0.3, sd = 0.5)$power\nemit(power_n20 = a, power_n35 = c0)"
    )
    check = {"power_n20": b.power_t_py(20, 0.3, 0.5), "power_n35": b.power_t_py(35, 0.3, 0.5)}
    answer(
        prompt, "power_t", "two-sample, two-sided", r, check, "design values (mgus albumin scale)", "r call plus prose"
    )


@item
def sample_size_prop_recurrence() -> None:
    prompt = (
        "expect 1-yr recurrence of ~45% on placebo and hope for 30% on the new instillation. sample size per arm "
        "for 80% power, two-sided alpha = .05 (and how many at alpha = 0.01?)"
    )
    r = (
        "a <- power.prop.test(p1 = 0.45, p2 = 0.3, power = 0.8)$n\n"
        "c0 <- power.prop.test(p1 = 0.45, p2 = 0.3, power = 0.8, sig.level = 0.01)$n\n"
        "emit(n_per_group_alpha05 = ceiling(a), n_per_group_alpha01 = ceiling(c0))"
    )
    check = {
        "n_per_group_alpha05": float(math.ceil(b.n_prop_py(0.45, 0.30, 0.8))),
        "n_per_group_alpha01": float(math.ceil(b.n_prop_py(0.45, 0.30, 0.8, alpha=0.01))),
    }
    answer(
        prompt,
        "sample_size_proportions",
        "two-sided; alpha 0.05 and 0.01",
        r,
        check,
        "design values (bladder recurrence scale)",
        "design question in percentages",
    )


@item
def power_prop_infection() -> None:
    prompt = (
        "infection rate 35% control vs 25% treated. what power do we get with 150 per arm? and 250 per arm? "
        "two proportions, 2-sided 5%"
    )
    r = (
        "a <- power.prop.test(n = 150, p1 = 0.35, p2 = 0.25)$power\n"
        "c0 <- power.prop.test(n = 250, p1 = 0.35, p2 = 0.25)$power\nemit(power_n150 = a, power_n250 = c0)"
    )
    check = {"power_n150": b.power_prop_py(150, 0.35, 0.25), "power_n250": b.power_prop_py(250, 0.35, 0.25)}
    answer(
        prompt, "power_proportions", "two-sided", r, check, "design values (rhDNase infection scale)", "design prose"
    )


# ================================================================ must-decline


@item
def declines_analyses() -> None:
    co = r_frame("MASS::coop[MASS::coop$Spc == 'S1', ]")
    decline(
        "Lab Bat Conc\n"
        + "\n".join(f"{a} {bt} {c}" for a, bt, c in zip(co.Lab, co.Bat, b.dec2(co.Conc), strict=True))
        + "\n\nbatch is nested in lab — fit lmer(Conc ~ 1 + (1|Lab/Bat)) and give me the variance components",
        "mixed_model",
        "a linear mixed model (variance components) is not supported",
        ["mixed", "random", "variance component"],
        "MASS::coop specimen S1",
        "space columns",
    )
    decline(
        "bladder data (first recurrence rows, enum == 1): coxph(Surv(stop, event) ~ rx + number + size). "
        "adjusted HR for thiotepa please",
        "cox_multivariable",
        "a Cox model with several covariates is outside the single-covariate Cox",
        ["multivariable", "adjusted", "covariates"],
        "survival::bladder",
        "r call in prose",
    )
    ce = r_frame("MASS::cement")
    decline(
        "x1\tx2\tx3\tx4\ty\n"
        + "\n".join(
            "\t".join(v) for v in zip(toks(ce.x1), toks(ce.x2), toks(ce.x3), toks(ce.x4), dec1(ce.y), strict=True)
        )
        + "\n\nHald cement: heat evolved y regressed on all four ingredient %s at once — coefficients + SEs",
        "multiple_regression",
        "a regression on several predictors is outside the simple linear regression",
        ["multiple", "multivariable", "predictors"],
        "MASS::cement",
        "tsv with header",
    )
    disc = toks(r_frame("data.frame(x = as.numeric(discoveries))").x)
    decline(
        "great discoveries per year 1860-1959: "
        + " ".join(disc)
        + "\nfit a poisson regression of count on year (log link) and report the rate ratio per decade",
        "poisson_regression",
        "Poisson regression is not a supported analysis",
        ["poisson", "rate", "count"],
        "datasets::discoveries",
        "space list in prose",
    )
    sy = r_frame("MASS::synth.tr[seq(2, 250, 6), ]")
    decline(
        "xs: "
        + " ".join(b.dec2(sy["xs"]))
        + "\nys: "
        + " ".join(b.dec2(sy.ys))
        + "\nclass: "
        + " ".join(toks(sy.yc))
        + "\nhow well does ys discriminate the classes? ROC curve + AUC with a CI please",
        "roc_auc",
        "ROC/AUC analysis is not a supported analysis",
        ["roc", "auc", "curve"],
        "MASS::synth.tr every 6th row from 2",
        "labelled space lists",
    )
    dn = r_frame("DNase[DNase$Run == '1', ]")
    dup1, dup2 = dn.density[::2].to_numpy(), dn.density[1::2].to_numpy()
    decline(
        "duplicate optical densities, DNase ELISA run 1 (same conc, two wells)\nwell A: "
        + " ".join(f"{v:.3f}" for v in dup1)
        + "\nwell B: "
        + " ".join(f"{v:.3f}" for v in dup2)
        + "\nBland-Altman: bias and 95% limits of agreement between the wells",
        "bland_altman",
        "Bland-Altman agreement analysis is not a supported analysis",
        ["bland", "agreement", "limits"],
        "datasets::DNase run 1 duplicates",
        "labelled space lists",
    )
    decline(
        "same duplicate wells as before (DNase run 1) — intraclass correlation ICC(2,1) absolute agreement for the "
        "two wells? " + ", ".join(f"{x:.3f}/{y:.3f}" for x, y in zip(dup1, dup2, strict=True)),
        "icc",
        "the intraclass correlation coefficient is not a supported analysis",
        ["icc", "intraclass", "reliability"],
        "datasets::DNase run 1 duplicates",
        "x/y tokens",
    )
    so = r_frame("survival::solder[survival::solder$Mask == 'A1.5' & survival::solder$PadType == 'W4', ]")
    decline(
        "Opening,Solder,skips\n"
        + "\n".join(f"{o},{s},{k}" for o, s, k in zip(so.Opening, so.Solder, toks(so.skips), strict=True))
        + "\n\n2-way anova skips ~ Opening * Solder with interaction term",
        "two_way_anova",
        "a two-factor ANOVA with interaction is not a supported analysis",
        ["two-way", "interaction", "factor"],
        "survival::solder mask A1.5, pad W4",
        "csv long",
    )
    decline(
        "mgus: does haemoglobin differ by sex after adjusting for age? ANCOVA hgb ~ sex + age, adjusted mean "
        "difference M-F with CI (the survival package data set)",
        "ancova",
        "an analysis of covariance (adjusted comparison) is not supported",
        ["ancova", "covariate", "adjust"],
        "survival::mgus",
        "prose",
    )
    decline(
        "capacitor data: survreg(Surv(time, status) ~ voltage + temperature, dist = 'lognormal'). what's the "
        "acceleration factor per 50 V?",
        "parametric_survival",
        "a parametric (accelerated failure time) survival model is not a supported analysis",
        ["parametric", "lognormal", "aft"],
        "survival::capacitor",
        "r call in prose",
    )
    decline(
        "in the MGUS cohort, progression to plasma cell malignancy competes with death. cumulative incidence of "
        "progression at 10 and 20 years (Aalen-Johansen), and a Fine-Gray subdistribution HR for sex?",
        "competing_risks",
        "competing-risks (cumulative incidence, Fine-Gray) analysis is not supported",
        ["competing", "cumulative incidence", "fine-gray"],
        "survival::mgus",
        "prose",
    )
    tab = minn38_hs_sex()
    decline(
        "rank in HS class   girls   boys\nlower third        "
        + f"{tab[0][0]:>5}  {tab[0][1]:>5}\nmiddle third       "
        + f"{tab[1][0]:>5}  {tab[1][1]:>5}\nupper third        {tab[2][0]:>5}  {tab[2][1]:>5}\n"
        "Cochran-Armitage test for trend in proportion girls across the ordered thirds",
        "cochran_armitage",
        "the Cochran-Armitage trend test is not a supported analysis",
        ["trend", "cochran-armitage", "armitage"],
        "MASS::minn38 hs x sex",
        "aligned 3x2",
    )
    pr = r_frame("data.frame(y = as.numeric(presidents), q = as.numeric(cycle(presidents)))")
    decline(
        "approval by quarter (presidents, NAs out)\n"
        + "\n".join(f"Q{q}: " + " ".join(toks(pr.y[(pr.q == q) & ~pr.y.isna()])) for q in (1, 2, 3, 4))
        + "\nKW was n.s. but I still want Dunn's pairwise post-hoc tests with Bonferroni",
        "dunn",
        "Dunn's post-hoc pairwise comparisons are not a supported analysis",
        ["dunn", "post-hoc", "pairwise"],
        "datasets::presidents by quarter",
        "labelled space lists",
    )
    c4 = r_frame("MASS::coop[MASS::coop$Spc == 'S4', ]")
    # first written as a decline; labbot's one-way ANOVA reports Tukey's HSD (R's TukeyHSD), so it is answerable
    b.tukey_item(
        SET,
        "coop specimen S4, conc by lab\n"
        + "\n".join(f"L{i}: " + " ".join(b.dec2(c4.Conc[c4.Lab == f"L{i}"])) for i in range(1, 7))
        + "\nafter the anova: Tukey HSD for all 15 lab pairs with adjusted CIs",
        [b.dec2(c4.Conc[c4.Lab == f"L{i}"]) for i in range(1, 7)],
        "MASS::coop specimen S4",
        "labelled space lists",
    )
    bl = r_frame("survival::bladder[survival::bladder$enum == 1, c('rx', 'stop')]")
    decline(
        "months of follow-up, bladder trial\nplacebo: "
        + " ".join(toks(bl.stop[bl.rx == 1]))
        + "\nthiotepa: "
        + " ".join(toks(bl.stop[bl.rx == 2]))
        + "\nequivalence test (TOST) with margins of ±6 months — are the follow-up times equivalent?",
        "equivalence_tost",
        "an equivalence (TOST) test is not a supported analysis",
        ["equivalence", "tost", "margin"],
        "survival::bladder enum 1 follow-up by rx",
        "labelled space lists",
    )


@item
def declines_data() -> None:
    gf = r_frame("survival::genfan")
    decline(
        "fan failure hours (+ censored): " + b.plus(toks(gf.hours), toks(gf.status)) + "\nrun a log rank test on this",
        "log_rank",
        "only one group of survival times is given; a log-rank test needs at least two groups",
        ["one group", "two groups", "second group"],
        "survival::genfan",
        "plus censoring list",
    )
    d = r_frame("as.data.frame(HairEyeColor[, , 'Female'])")
    eyes = ["Brown", "Blue"]
    tab = [[int(d.Freq[(d.Hair == h) & (d.Eye == e)].iloc[0]) for e in eyes] for h in ("Black", "Brown")]
    decline(
        "women, hair x eye\n            Brown  Blue  Total\nBlack      " + f"{tab[0][0]:>5} {tab[0][1]:>5} "
        f"{sum(tab[0]):>6}\nBrown      {tab[1][0]:>5} {tab[1][1]:>5} {sum(tab[1]) + 12:>6}\n"
        f"Total      {tab[0][0] + tab[1][0]:>5} {tab[0][1] + tab[1][1]:>5} {sum(map(sum, tab)) + 12:>6}\n"
        "fisher exact on this pls",
        "fisher_exact",
        f"the Brown row adds up to {sum(tab[1])}, not the {sum(tab[1]) + 12} given as its total",
        ["total", "add up", "inconsistent"],
        "datasets::HairEyeColor females, black/brown x brown/blue (row total altered)",
        "aligned table with a contradicting total",
    )
    m, f = ts_year("mdeaths", 1977), ts_year("fdeaths", 1977)
    decline(
        "paired t test males vs females, 1977 monthly deaths\nmales: "
        + ", ".join(m)
        + "\nfemales: "
        + ", ".join(f[:10])
        + "\n(months matched)",
        "paired_t",
        "the lists have 12 and 10 values; a paired test needs one pair per month",
        ["pair", "unequal", "same length"],
        "datasets::mdeaths and fdeaths 1977 (females truncated)",
        "labelled comma lists",
    )
    decline(
        "welch t test on DriversKilled 1982 vs 1984 from the Seatbelts data set in R — just give me t and p",
        "welch_t",
        "the data set is named but its values are not in the message",
        ["paste", "not pasted", "no data"],
        "datasets::Seatbelts (not pasted)",
        "prose",
    )
    mg = r_frame(f"{MGUS}[1:30, c('id', 'futime', 'death')]")
    rows = ["id,futime,death"] + [
        f"{i},{t},{e}" for i, t, e in zip(toks(mg.id), toks(mg.futime), toks(mg.death), strict=True)
    ]
    decline(
        "KM median for these please\n" + "\n".join(rows[:19]) + "\n19,",
        "kaplan_meier",
        "the data stop in the middle of a row, so the message was cut off",
        ["incomplete", "cut off", "truncated"],
        "survival::mgus rows 1-18 and a partial row",
        "csv ending mid-row",
    )
    rb = r_frame("MASS::Rubber")
    decline(
        "Rubber hardness (n=30): " + " ".join(toks(rb.hard)[:28]) + "\none-sample t vs 70",
        "one_sample_t",
        "the sample is said to have 30 values but 28 are listed",
        ["size", "values", "count"],
        "MASS::Rubber hard (two values dropped)",
        "labelled list with n",
    )
    vd = r_frame("as.data.frame(VADeaths)")
    rows = ["       Rural Male Rural Female Urban Male Urban Female"] + [
        f"{a:<6} " + " ".join(f"{v:>10.1f}" for v in vd.iloc[i])
        for i, a in enumerate(["50-54", "55-59", "60-64", "65-69", "70-74"])
    ]
    decline(
        "> VADeaths\n" + "\n".join(rows) + "\n\nchi square test of age group x population group",
        "chi_square",
        "the cells are death rates per 1000, not counts; a chi-square test needs counts",
        ["count", "rate", "frequenc"],
        "datasets::VADeaths (rates per 1000)",
        "r matrix print of rates",
    )
    ud = r_frame("survival::udca[1:20, c('trt', 'bili')]")
    decline(
        "bilirubin, placebo pts: " + ", ".join(dec1(ud.bili[ud.trt == 0])) + "\nMann-Whitney test placebo vs UDCA?",
        "mann_whitney",
        "only the placebo group's values are given; a two-group test needs the second group",
        ["one group", "second group", "two groups"],
        "survival::udca rows 1-20 placebo bili",
        "single labelled list",
    )
    cp = r_frame("survival::capacitor[survival::capacitor$temperature == 170, ]")
    decline(
        "170 °C capacitors, all 32: "
        + b.plus(toks(cp.time), toks(cp.status))
        + "\nHR from a Cox model 180 °C vs 170 °C please",
        "cox",
        "only the 170 °C group is given; a Cox model on temperature needs the 180 °C times too",
        ["one group", "180", "second group"],
        "survival::capacitor 170 °C only",
        "plus censoring list",
    )


if __name__ == "__main__":
    SET.run()
