"""Build the ninth fresh evaluation set for labbot's named analyses (``analysis_final9.jsonl``).

Written blind: the author read only the README's analyses section, the shared ``_build`` helpers and
``make_analysis_final7.py`` (for structure), not how labbot parses a request nor the eighth set.  Every answerable item
pastes real data the way researchers paste into Slack (R console prints, ``str()``/``table()``/``xtabs`` prints,
spreadsheet copies with thousands separators and percentages, CSV, markdown, prose with counts, survival lists with
``+`` or R's 1/2 status coding, wide and long layouts, two data blocks of which the text names one) on data sets no
earlier set uses: lifelines' dd, canadian_senators, lupus, lcd, multicenter_aids_cohort_study, nh4, diabetes, recur,
c_botulinum_lag_phase; statsmodels' anes96, ccard, cpunish, elnino, engel, grunfeld, modechoice, scotland, statecrime,
strikes, danish_data, randhie; datasets::volcano; MASS::mcycle, topo, gilgais; boot::tau, dogs, cloth, fir, ducks,
paulsen.  Expected numbers come from R on exactly the number strings written into the
prompt and are recomputed in Python, or the build stops (see ``_build``).  Must-decline items ask for an analysis
outside the supported list, paste data that cannot support the analysis they name, or ask for a setting the named
recipe cannot honour; ``reason_mentions`` lists words of which the decline reason should contain one.

Run ``.venv/bin/python evaluation/data/make_analysis_final9.py``; the output is byte-identical run to run.
``... make_analysis_final9.py NAME`` only builds the items whose builder name contains NAME and prints them.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from evaluation.data import _build as b  # the R runner, formatting and checks every set generator shares

warnings.filterwarnings("ignore")
import lifelines.datasets as ld  # noqa: E402

SET = b.ItemSet(Path(__file__).resolve().with_name("analysis_final9.jsonl"), "final9")
item, answer, decline = SET.item, SET.answer, SET.decline
fnum, toks, dec1, dec2, rv, fl, r_frame = b.fnum, b.toks, b.dec1, b.dec2, b.rv, b.fl, b.r_frame
smd = b.smd
logrank_item, power_t_item, sample_size_prop_item = (
    functools.partial(helper, SET) for helper in (b.logrank_item, b.power_t_item, b.sample_size_prop_item)
)


def table_print(
    rows: Sequence[str], cols: Sequence[str], cells: Sequence[Sequence[int]], rname: str, cname: str
) -> str:
    """R's print of a two-way table() with dimnames names."""
    w = max(len(c) for c in [*cols, *(str(v) for row in cells for v in row)]) + 1
    rw = max(len(r) for r in [*rows, rname])
    head = f"{rname:<{rw}} {cname}\n" + f"{'':<{rw}}" + "".join(f"{c:>{w}}" for c in cols)
    body = "\n".join(f"{r:<{rw}}" + "".join(f"{v:>{w}}" for v in row) for r, row in zip(rows, cells, strict=True))
    return head + "\n" + body


# ================================================================ t-tests


@item
def welch_ccard_owners_renters() -> None:
    d = smd("ccard").iloc[:40]
    avg, own = dec2(d.AVGEXP), [int(v) for v in d.OWNRENT]
    rows = ["AVGEXP\tAGE\tINCOME\tOWNRENT"] + [
        f"{a}\t{fnum(g)}\t{fnum(i, 4)}\t{o}" for a, g, i, o in zip(avg, d.AGE, d.INCOME, own, strict=True)
    ]
    prompt = (
        "credit card data (Greene), first 40 cardholders, copied out of excel. AVGEXP = avg monthly spend ($), "
        "INCOME in $10k, OWNRENT 1 = owns home\n" + "\n".join(rows) + "\n\nwelch t test on AVGEXP, owners minus "
        "renters, 95% CI. thx"
    )
    b.two_sample_t_item(
        SET,
        prompt,
        b.split_by(avg, own, 1),
        b.split_by(avg, own, 0),
        False,
        "two-sided; owners minus renters",
        "statsmodels ccard rows 1-40",
        "tsv with unused columns",
    )


@item
def welch_cpunish_south_greater() -> None:
    d = smd("cpunish")
    ex, south = toks(d.EXECUTIONS), [int(v) for v in d.SOUTH]
    lines = ["   EXECUTIONS INCOME PERPOVERTY SOUTH"] + [
        f"{i + 1:>2} {e:>10} {fnum(inc):>6} {fnum(p):>10} {s:>5}"
        for i, (e, inc, p, s) in enumerate(zip(ex, d.INCOME, d.PERPOVERTY, south, strict=True))
    ]
    prompt = (
        "> cp\n" + "\n".join(lines) + "\n\n(1997 executions by US state, only the 17 states with any.) is the "
        "south higher? one sided welch t-test, south (SOUTH==1) minus the rest, alternative greater"
    )
    b.two_sample_t_item(
        SET,
        prompt,
        b.split_by(ex, south, 1),
        b.split_by(ex, south, 0),
        False,
        "one-sided (greater); south minus rest",
        "statsmodels cpunish",
        "R data.frame print",
        alt="greater",
    )


@item
def student_grunfeld_ge_westinghouse_wide() -> None:
    d = smd("grunfeld")
    ge = dec1(d[d.firm == "General Electric"].invest)
    wh = dec2(d[d.firm == "Westinghouse"].invest)
    years = [fnum(y) for y in d[d.firm == "General Electric"].year]
    rows = "\n".join(f"| {y} | {g} | {w} |" for y, g, w in zip(years, ge, wh, strict=True))
    prompt = (
        "Grunfeld gross investment, $m\n\n| year | GE | Westinghouse |\n|---|---|---|\n" + rows + "\n\n"
        "I know these are per year but treat the two firms as independent samples: classical Student t-test "
        "(equal variances), Westinghouse minus GE, two-sided"
    )
    b.two_sample_t_item(
        SET,
        prompt,
        wh,
        ge,
        True,
        "pooled, two-sided; Westinghouse minus GE",
        "statsmodels grunfeld GE and Westinghouse",
        "markdown wide table, unpaired request",
    )


@item
def paired_elnino_jul_minus_jan() -> None:
    d = smd("elnino")
    d = d[(d.YEAR >= 1955) & (d.YEAR <= 1969)]
    months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    head = "YEAR  " + " ".join(f"{m:>5}" for m in months)
    rows = [
        f"{fnum(y)}  " + " ".join(f"{v:>5}" for v in dec1(r))
        for y, (_, r) in zip(d.YEAR, d[months].iterrows(), strict=True)
    ]
    jan, jul = dec1(d.JAN), dec1(d.JUL)
    prompt = (
        "El Nino sea surface temps (deg C), years down, months across:\n" + head + "\n" + "\n".join(rows) + "\n\n"
        "paired t-test JUL minus JAN, paired by year, please (only those two columns)"
    )
    b.paired_t_item(
        SET, prompt, jul, jan, "two-sided; JUL minus JAN", "statsmodels elnino 1955-1969", "wide year x month table"
    )


@item
def paired_gilgais_ph30_greater() -> None:
    d = r_frame("MASS::gilgais[1:24, ]")
    p00, p30 = dec1(d.pH00), dec1(d.pH30)
    lines = ["site,pH00,pH30,e00,e30"] + [
        f"{i + 1},{a},{c},{fnum(e)},{fnum(f)}"
        for i, (a, c, e, f) in enumerate(zip(p00, p30, d.e00, d.e30, strict=True))
    ]
    prompt = (
        "gilgai soil survey, first 24 sites. pH at the surface (0-10 cm) and at 30-40 cm:\n" + "\n".join(lines) + "\n\n"
        "is the deeper soil more alkaline? paired t, pH30 minus pH00, one-sided (greater)"
    )
    b.paired_t_item(
        SET,
        prompt,
        p30,
        p00,
        "one-sided (greater); pH30 minus pH00",
        "MASS::gilgais rows 1-24",
        "csv with unused columns",
        alt="greater",
    )


@item
def one_sample_statecrime_hsgrad() -> None:
    d = smd("statecrime")
    d = d[d.index.str.startswith(("M", "N"))]
    hs = dec1(d.hs_grad)
    lines = [f"{s}: {h}%" for s, h in zip(d.index, hs, strict=True)]
    prompt = (
        "HS graduation rate, the M and N states (2009 ACS):\n" + "\n".join(lines) + "\n\n"
        "one-sample t-test against the national figure of 85.3, two-sided, 95% CI for the mean pls"
    )
    b.one_sample_t_item(
        SET,
        prompt,
        hs,
        "85.3",
        "two-sided; mu = 85.3",
        "statsmodels statecrime M and N states",
        "a named state per line",
    )


@item
def one_sample_strikes_conf90() -> None:
    d = smd("strikes")
    x = toks(d.duration[:30])
    prompt = (
        "> strikes$duration[1:30]\n" + b.r_vector_print(x) + "\n\n"
        "strike durations in days (Kennan 1985). one sample t test vs mu = 40 days, with a 90% confidence interval"
    )
    b.one_sample_t_item(
        SET, prompt, x, "40", "two-sided; mu = 40; 90% CI", "statsmodels strikes rows 1-30", "R vector print", level=0.9
    )


@item
def student_lupus_age_dead_less() -> None:
    d = ld.load_lupus().dropna(subset=["age_at_diagnosis"])
    age = toks(d.age_at_diagnosis)
    dead = ["died" if v else "alive" for v in d.dead]
    prompt = (
        "lupus, age at diagnosis by outcome at last follow-up\ndied: "
        + ", ".join(b.split_by(age, dead, "died"))
        + "\nalive: "
        + ", ".join(b.split_by(age, dead, "alive"))
        + "\n\nwere the ones who died diagnosed younger? student's t (var.equal = TRUE), died minus alive, "
        "one-sided alternative = less"
    )
    b.two_sample_t_item(
        SET,
        prompt,
        b.split_by(age, dead, "died"),
        b.split_by(age, dead, "alive"),
        True,
        "pooled, one-sided (less); died minus alive",
        "lifelines lupus age by dead",
        "labelled lists",
        alt="less",
    )


@item
def anova_grunfeld_value_three_firms() -> None:
    d = smd("grunfeld")
    firms = ["Goodyear", "Diamond Match", "Union Oil"]
    d = d[d.year >= 1945]
    groups = [dec1(d[d.firm == f].value) for f in firms]
    prompt = (
        "market value of the firm ($m), 1945-1954, one line per firm:\n"
        + "\n".join(f"{f} - {' '.join(g)}" for f, g in zip(firms, groups, strict=True))
        + "\n\none way ANOVA across the 3 firms (years as replicates). F, df, p"
    )
    b.anova_item(SET, prompt, groups, firms, "three firms", "statsmodels grunfeld value 1945-54", "a group per line")


# ================================================================ rank tests


@item
def mw_anes_age_by_vote() -> None:
    d = smd("anes96").iloc[:45]
    age, vote = toks(d.age), [int(v) for v in d.vote]
    prompt = (
        "ANES 1996, first 45 respondents. age of Clinton voters: " + ", ".join(b.split_by(age, vote, 0)) + "\n"
        "age of Dole voters: " + ", ".join(b.split_by(age, vote, 1)) + "\n"
        "(respondent IDs 1-45, survey wave 1996)\n"
        "wilcoxon rank-sum / mann-whitney, normal approximation WITH continuity correction, Dole vs Clinton"
    )
    b.mw_item(
        SET,
        prompt,
        b.split_by(age, vote, 1),
        b.split_by(age, vote, 0),
        False,
        True,
        "two-sided",
        "normal approximation, continuity correction; Dole vs Clinton",
        "statsmodels anes96 rows 1-45",
        "labelled lists with noise",
    )


@item
def mw_tau_pi_rho_two_blocks() -> None:
    d = r_frame("boot::tau")
    rate = dec1(d.rate)
    pi, rho = b.split_by(rate, list(d.decay), "pi"), b.split_by(rate, list(d.decay), "rho")
    e = b.split_by(rate, list(d.decay), "e")
    prompt = (
        "tau lepton decay rates (boot::tau), old extraction first - don't use this block:\n"
        "pi: " + " ".join(pi[:-1]) + "\nrho: " + " ".join(rho) + "\n\n"
        "corrected extraction (USE THIS ONE):\npi: " + " ".join(pi) + "\nrho: " + " ".join(rho) + "\n\n"
        "mann-whitney test rho vs pi, two-sided, normal approx WITHOUT continuity correction (rho has a tie). "
        "(e mode for reference, not needed: " + " ".join(e[:5]) + " ...)"
    )
    b.mw_item(
        SET,
        prompt,
        rho,
        pi,
        False,
        False,
        "two-sided",
        "normal approximation, no correction; rho vs pi",
        "boot::tau pi and rho",
        "two data blocks, the second named",
    )


@item
def signed_rank_dogs_str() -> None:
    d = r_frame("boot::dogs")
    mvo, lvp = toks(d.mvo), toks(d.lvp)
    prompt = (
        "> str(dogs)\n'data.frame':\t7 obs. of  2 variables:\n $ mvo: num  "
        + " ".join(mvo)
        + "\n $ lvp: num  "
        + " ".join(lvp)
        + "\n\nmyocardial O2 consumption (mvo) and left ventricular pressure (lvp) in 7 dogs. "
        "wilcoxon signed rank test, exact, on mvo minus lvp"
    )
    diff = b.diffs(mvo, lvp)
    b.signed_rank_item(
        SET,
        prompt,
        diff,
        f"xx <- round({rv(mvo)} - {rv(lvp)}, 10)",
        ", exact = TRUE",
        "exact",
        False,
        "exact; mvo minus lvp",
        "boot::dogs",
        "R str() print",
    )


@item
def signed_rank_volcano_rows() -> None:
    v = r_frame("data.frame(a = volcano[20, ], b = volcano[30, ])")
    a, c = toks(v.a), toks(v.b)
    prompt = (
        "> volcano[20, ]\n" + b.r_vector_print(a, 15) + "\n> volcano[30, ]\n" + b.r_vector_print(c, 15) + "\n\n"
        "Maunga Whau heights (m) along two grid rows, same columns. wilcoxon signed-rank, row 30 minus row 20, "
        "normal approximation with continuity correction (exact = FALSE)"
    )
    b.signed_rank_item(
        SET,
        prompt,
        b.diffs(c, a),
        f"xx <- round({rv(c)} - {rv(a)}, 10)",
        ", exact = FALSE, correct = TRUE",
        "approx",
        True,
        "normal approximation, continuity correction; row 30 minus row 20",
        "datasets::volcano rows 20 and 30",
        "two R vector prints",
    )


@item
def kruskal_modechoice_income() -> None:
    d = smd("modechoice")
    d = d[(d.choice == 1)].iloc[::5]
    names = {1: "air", 2: "train", 3: "bus", 4: "car"}
    mode = [names[int(m)] for m in d["mode"]]
    inc = toks(d.hinc)
    lines = ["individual,mode,hinc"] + [f"{fnum(i)},{m},{h}" for i, m, h in zip(d.individual, mode, inc, strict=True)]
    prompt = (
        "Sydney-Melbourne travel mode choice, chosen mode, every 5th traveller, household income in $k:\n"
        + "\n".join(lines)
        + "\n\nkruskal-wallis of income across the 4 modes pls"
    )
    groups = [b.split_by(inc, mode, m) for m in ("air", "train", "bus", "car")]
    b.kruskal_item(
        SET, prompt, groups, "four modes", "statsmodels modechoice chosen rows, every 5th", "csv long format"
    )


@item
def anova_tau_decay_print() -> None:
    d = r_frame("boot::tau[boot::tau$decay != '1', ]")
    rn = b.r_text_rownames("boot::tau[boot::tau$decay != '1', ]")
    rate = dec1(d.rate)
    lines = ["   rate decay"] + [f"{r:>2} {v:>4} {g:>5}" for r, v, g in zip(rn, rate, d.decay, strict=True)]
    prompt = (
        "> tau2 <- subset(tau, decay != '1')\n> tau2\n" + "\n".join(lines) + "\n\n"
        "one-way anova of rate by decay mode (4 modes), F and p"
    )
    labels = ["e", "mu", "pi", "rho"]
    groups = [b.split_by(rate, list(d.decay), g) for g in labels]
    b.anova_item(
        SET, prompt, groups, labels, "four decay modes", "boot::tau without decay 1", "R data.frame print with factor"
    )


# ================================================================ tables


@item
def chisq_anes_pid_vote_table() -> None:
    d = smd("anes96")
    pid = ["strDem", "wkDem", "indDem", "indind", "indRep", "wkRep", "strRep"]
    cells = [[int((d["PID"].eq(k) & d["vote"].eq(v)).sum()) for v in (0, 1)] for k in range(7)]
    prompt = (
        "> with(anes, table(PID, vote))\n" + table_print(pid, ["Clinton", "Dole"], cells, "PID", "vote") + "\n\n"
        "party ID (7 pt) by 1996 vote, n=944. Pearson chi-square test of independence, no continuity correction"
    )
    b.chisq_item(SET, prompt, cells, False, "7 x 2, no correction", "statsmodels anes96 PID x vote", "R table() print")


@item
def chisq_lupus_sex_death_yates() -> None:
    d = ld.load_lupus()
    cells = [[int(((d.is_male == m) & (d.dead == k)).sum()) for k in (True, False)] for m in (True, False)]
    pct = [f"{100 * r[0] / sum(r):.1f}%" for r in cells]
    prompt = (
        "lupus cohort (Johns Hopkins, dx 1949-1974)\n\tdied\t%\talive\ttotal\nmale\t"
        f"{cells[0][0]}\t{pct[0]}\t{cells[0][1]}\t{sum(cells[0])}\nfemale\t{cells[1][0]}\t{pct[1]}\t{cells[1][1]}\t"
        f"{sum(cells[1])}\ntotal\t{cells[0][0] + cells[1][0]}\t\t{cells[0][1] + cells[1][1]}\t{len(d)}\n\n"
        "chi-squared test with Yates continuity correction on sex x death"
    )
    b.chisq_item(
        SET, prompt, cells, True, "2 x 2, Yates", "lifelines lupus is_male x dead", "excel with percentages and totals"
    )


@item
def chisq_dd_continent_xtabs() -> None:
    d = ld.load_dd()
    conts = ["Africa", "Americas", "Asia", "Europe", "Oceania"]
    cells = [
        [int(((d.un_continent_name == c) & (d.democracy == k)).sum()) for k in ("Democracy", "Non-democracy")]
        for c in conts
    ]
    prompt = (
        "> xtabs(~ un_continent_name + democracy, data = dd)\n"
        + table_print(conts, ["Democracy", "Non-democracy"], cells, "un_continent_name", "democracy")
        + "\n\n"
        "leader spells 1946-2008 (dd data). chi square test, no correction, is regime type associated with continent?"
    )
    b.chisq_item(
        SET, prompt, cells, False, "5 x 2, no correction", "lifelines dd continent x democracy", "R xtabs print"
    )


@item
def chisq_randhie_thousands() -> None:
    d = smd("randhie")
    cells = [[int((((d.physlm > 0) == p) & (d.idp == k)).sum()) for k in (1, 0)] for p in (True, False)]
    tot = [sum(r) for r in cells]
    prompt = (
        "RAND health insurance experiment person-years, from our excel summary sheet:\n"
        "\tIDP plan\t\tno IDP\t\tTotal\n"
        f"physical limitation\t{cells[0][0]:,}\t({100 * cells[0][0] / tot[0]:.1f}%)\t{cells[0][1]:,}\t"
        f"({100 * cells[0][1] / tot[0]:.1f}%)\t{tot[0]:,}\n"
        f"no limitation\t{cells[1][0]:,}\t({100 * cells[1][0] / tot[1]:.1f}%)\t{cells[1][1]:,}\t"
        f"({100 * cells[1][1] / tot[1]:.1f}%)\t{tot[1]:,}\n"
        f"Total\t{cells[0][0] + cells[1][0]:,}\t\t{cells[0][1] + cells[1][1]:,}\t\t{sum(tot):,}\n\n"
        "2x2 chi-square without continuity correction on the counts (ignore the %s)"
    )
    b.chisq_item(
        SET,
        prompt,
        cells,
        False,
        "2 x 2, no correction",
        "statsmodels randhie physlm>0 x idp",
        "excel with thousands separators and percentages",
    )


@item
def fisher_dd_oceania_words() -> None:
    d = ld.load_dd()
    o = d[d.un_continent_name == "Oceania"]
    dem, non = o[o.democracy == "Democracy"], o[o.democracy == "Non-democracy"]
    a, bb = int(dem.observed.sum()), int((dem.observed == 0).sum())
    c, dd = int(non.observed.sum()), int((non.observed == 0).sum())
    prompt = (
        f"Oceania leader spells since 1946: of {a + bb} spells under democracy, {a} have ended and {bb} were still "
        f"ongoing in 2008; of the {c + dd} non-democratic spells, {c} ended and {dd} were ongoing. fisher's exact test "
        "(2x2), p + conditional odds ratio w/ 95% CI"
    )
    b.fisher_item(
        SET,
        a,
        bb,
        c,
        dd,
        prompt,
        "2 x 2; democracy ended/ongoing first",
        "lifelines dd Oceania democracy x observed",
        "counts in words",
    )


@item
def fisher_lupus_white_over45() -> None:
    d = ld.load_lupus()
    d = d[d.age_at_diagnosis >= 45]
    a, bb = int((d.is_white & d.dead).sum()), int((d.is_white & ~d.dead).sum())
    c, dd = int((~d.is_white & d.dead).sum()), int((~d.is_white & ~d.dead).sum())
    prompt = (
        "lupus pts diagnosed at age 45 or older:\n|       | dead | alive |\n|---|---|---|\n"
        f"| white | {a} | {bb} |\n| non-white | {c} | {dd} |\n\nfisher exact please, tiny numbers"
    )
    b.fisher_item(
        SET,
        a,
        bb,
        c,
        dd,
        prompt,
        "2 x 2; white first",
        "lifelines lupus age at dx >= 45, is_white x dead",
        "markdown 2x2",
    )


@item
def mcnemar_anes_clinton_dem() -> None:
    d = smd("anes96").iloc[:300]
    dem = d.PID <= 2
    cl = d.vote == 0
    both, only_d, only_c, neither = (
        int((dem & cl).sum()),
        int((dem & ~cl).sum()),
        int((~dem & cl).sum()),
        int((~dem & ~cl).sum()),
    )
    prompt = (
        "first 300 ANES 96 respondents, two yes/no answers each (democratic party ID; voted Clinton):\n"
        f"dem ID and Clinton vote: {both}\ndem ID but voted Dole: {only_d}\nnot dem ID but voted Clinton: {only_c}\n"
        f"neither: {neither}\n\nmcnemar's test (with continuity correction) - is the Clinton share different from "
        "the Dem-ID share?"
    )
    b.mcnemar_item(
        SET,
        [[both, only_d], [only_c, neither]],
        True,
        prompt,
        "with continuity correction",
        "statsmodels anes96 rows 1-300",
        "paired counts in words",
    )


# ================================================================ correlation


@item
def pearson_engel_conf90() -> None:
    d = smd("engel").iloc[:25]
    inc, food = dec2(d.income), dec2(d.foodexp)
    prompt = (
        "Engel food expenditure data (Belgian working-class households, 1857), first 25:\n"
        "income   foodexp\n" + "\n".join(f"{i:<8} {f}" for i, f in zip(inc, food, strict=True)) + "\n\n"
        "pearson correlation + 90% CI"
    )
    b.pearson_item(
        SET,
        prompt,
        inc,
        food,
        0.9,
        ["r", "ci_low", "ci_high"],
        "90% CI",
        "statsmodels engel rows 1-25",
        "space columns",
    )


@item
def spearman_statecrime_named() -> None:
    d = smd("statecrime")
    d = d[d.index.str.startswith(("I", "N", "O", "W"))]
    pov, mur = dec1(d.poverty), dec1(d.murder)
    lines = [f"{s}: poverty {p}%, murder {m} per 100k" for s, p, m in zip(d.index, pov, mur, strict=True)]
    prompt = "\n".join(lines) + "\n\nspearman rank correlation poverty vs murder (asymptotic p, exact=FALSE since ties)"
    b.rank_cor_item(
        SET,
        prompt,
        pov,
        mur,
        "spearman",
        False,
        "asymptotic",
        "statsmodels statecrime states I,N,O,W",
        "a named subject per line",
    )


@item
def kendall_cpunish_exec_crime() -> None:
    d = smd("cpunish")
    ex, vc = toks(d.EXECUTIONS), toks(d.VC100k96)
    prompt = (
        "EXECUTIONS: " + " ".join(ex) + "\nVC100k96 (violent crime per 100k, 1996): " + " ".join(vc) + "\n"
        "same 17 states, same order. Kendall's tau-b, normal approximation (there are ties)"
    )
    b.rank_cor_item(
        SET, prompt, ex, vc, "kendall", False, "tau-b, asymptotic", "statsmodels cpunish", "two labelled lists"
    )


@item
def pearson_scotland_csv() -> None:
    d = smd("scotland")
    yes, tax = dec1(d.YES), toks(d.COUTAX)
    prompt = (
        "scottish 1997 devolution referendum, 32 council areas\nYES,COUTAX\n"
        + "\n".join(f"{y},{t}" for y, t in zip(yes, tax, strict=True))
        + "\n\nYES = % voting yes for tax-raising powers, COUTAX = council tax (GBP). "
        "pearson r with t, df and the 95% CI please"
    )
    b.pearson_item(
        SET,
        prompt,
        yes,
        tax,
        0.95,
        ["r", "t", "df", "ci_low", "ci_high"],
        "95%",
        "statsmodels scotland YES and COUTAX",
        "csv with header",
    )


@item
def kendall_ducks_print() -> None:
    d = r_frame("boot::ducks")
    pl, be = toks(d.plumage), toks(d.behaviour)
    lines = ["   plumage behaviour"] + [
        f"{i + 1:>2} {a:>7} {c:>9}" for i, (a, c) in enumerate(zip(pl, be, strict=True))
    ]
    prompt = (
        "> ducks   # 11 mallard x pintail hybrids, scored 0 (mallard-like) to 20 (pintail-like)\n"
        + "\n".join(lines)
        + "\n\nrank correlation between the plumage and behaviour scores: kendall tau-b, normal approx p"
    )
    b.rank_cor_item(SET, prompt, pl, be, "kendall", False, "tau-b, asymptotic", "boot::ducks", "R data.frame print")


# ================================================================ regression


@item
def lm_cloth_markdown() -> None:
    d = r_frame("boot::cloth")
    x, y = dec2(d.x), toks(d.y)
    prompt = (
        "| roll length (m) | faults |\n|---:|---:|\n"
        + "\n".join(f"| {a} | {c} |" for a, c in zip(x, y, strict=True))
        + "\n\nsimple linear regression faults ~ length: slope (with its SE), intercept, R^2"
    )
    b.lm_item(
        SET, prompt, x, y, "faults on length", ["slope", "se_slope", "intercept", "r2"], "boot::cloth", "markdown table"
    )


@item
def lm_strikes_arrows() -> None:
    d = smd("strikes").iloc[:40]
    ip, du = [f"{v:.3f}" for v in d.iprod], toks(d.duration)
    prompt = (
        "industrial production residual -> strike duration (days), one strike per line:\n"
        + "\n".join(f"{a} -> {c}" for a, c in zip(ip, du, strict=True))
        + "\nregress duration on iprod (OLS), give slope and its SE and the intercept"
    )
    b.lm_item(
        SET,
        prompt,
        ip,
        du,
        "duration on iprod",
        ["slope", "se_slope", "intercept"],
        "statsmodels strikes rows 1-40",
        "pairs with arrows",
    )


@item
def lm_topo_head_print() -> None:
    d = r_frame("MASS::topo")
    x, y, z = dec1(d.x), dec1(d.y), toks(d.z)
    lines = ["     x   y   z"] + [
        f"{i + 1:>2} {a:>4} {c:>3} {e:>3}" for i, (a, c, e) in enumerate(zip(x, y, z, strict=True))
    ]
    prompt = (
        "> topo   # MASS, 52 spot heights (x, y in 50-ft units, z in ft)\n" + "\n".join(lines) + "\n\n"
        "just a straight line of height z on the northing y please (ignore x). slope, intercept, R2"
    )
    b.lm_item(SET, prompt, y, z, "z on y", ["slope", "intercept", "r2"], "MASS::topo", "R data.frame print")


@item
def logistic_lupus_age() -> None:
    d = ld.load_lupus().dropna(subset=["age_at_diagnosis"])
    age, dead = toks(d.age_at_diagnosis), ["1" if v else "0" for v in d.dead]
    prompt = (
        "lupus pts, age at diagnosis and whether they died during follow-up (1 = died)\nage\tdied\n"
        + "\n".join(f"{a}\t{c}" for a, c in zip(age, dead, strict=True))
        + "\n\nlogistic regression died ~ age: OR per year with 95% CI (Wald), p"
    )
    b.logit_item(SET, prompt, age, dead, "OR per year of age", "lifelines lupus", "tsv two columns")


@item
def logistic_anes_selflr() -> None:
    d = smd("anes96").iloc[:40]
    lr, vote = toks(d.selfLR), toks(d.vote)
    prompt = (
        "selfLR,vote\n" + "\n".join(f"{a},{c}" for a, c in zip(lr, vote, strict=True)) + "\n"
        "^ ANES 96 first 40 rows. selfLR = left-right self placement 1 (extremely liberal) .. 7 (extremely "
        "conservative); vote 1 = Dole, 0 = Clinton. logistic regression of vote on selfLR: odds ratio per scale "
        "point + CI"
    )
    b.logit_item(
        SET, prompt, lr, vote, "OR per scale point", "statsmodels anes96 rows 1-40", "csv with trailing explanation"
    )


# ================================================================ survival


def lupus() -> tuple[list[str], list[str], pd.DataFrame]:
    d = ld.load_lupus()
    t = dec2(d.iloc[:, 7])
    e = ["1" if v else "0" for v in d.dead]
    return t, e, d


@item
def km_senators_newfoundland() -> None:
    s = ld.load_canadian_senators()
    s = s[s["Province / Territory"] == "Newfoundland and Labrador"]
    t, e = toks(s.diff_days), ["1" if v else "0" for v in s.observed]
    prompt = (
        "days in the Senate, senators for Newfoundland and Labrador (+ = still sitting at data cut):\n"
        + b.plus(t, e)
        + "\n\nKaplan-Meier: median tenure and S at 3650 days and 7300 days"
    )
    b.km_item(
        SET,
        prompt,
        t,
        e,
        [3650, 7300],
        "median, S(3650), S(7300)",
        "lifelines canadian_senators NL",
        "survival list with +",
    )


@item
def km_lupus_status_12() -> None:
    t, e, _ = lupus()
    st = ["2" if v == "1" else "1" for v in e]
    prompt = (
        "time (y from diagnosis to last obs / death) and status, R's old coding: status 1 = censored, 2 = dead\n"
        "time status\n"
        + "\n".join(f"{a} {c}" for a, c in zip(t, st, strict=True))
        + "\nKM estimate please, survival at 1 year and 3 years"
    )
    b.km_item(
        SET,
        prompt,
        t,
        e,
        [1, 3],
        "S(1), S(3); status 1/2 coding",
        "lifelines lupus",
        "time/status columns, 1 = censored 2 = dead",
        median=False,
    )


@item
def logrank_lcd_groups() -> None:
    d = ld.load_lcd()
    t, e, g = toks(d["T"]), toks(d.E), list(d.group)
    prompt = (
        "lifelines lcd data, two deposit settings. times T, event E = 1, + = censored\n"
        "alluvial_fan: " + b.plus(b.split_by(t, g, "alluvial_fan"), b.split_by(e, g, "alluvial_fan")) + "\n"
        "basin_trough: " + b.plus(b.split_by(t, g, "basin_trough"), b.split_by(e, g, "basin_trough")) + "\n"
        "log-rank test between the two settings"
    )
    logrank_item(prompt, t, e, g, "two groups", "lifelines lcd", "two + lists")


@item
def logrank_lupus_sex_slash() -> None:
    t, e, d = lupus()
    g = ["male" if m else "female" for m in d.is_male]
    prompt = (
        "lupus survival written time/status (years/1=dead):\nmen: "
        + "  ".join(f"{a}/{c}" for a, c, k in zip(t, e, g, strict=True) if k == "male")
        + "\nwomen: "
        + "  ".join(f"{a}/{c}" for a, c, k in zip(t, e, g, strict=True) if k == "female")
        + "\nlogrank men vs women pls"
    )
    logrank_item(prompt, t, e, g, "two groups", "lifelines lupus by sex", "time/status pairs")


@item
def logrank_dd_south_america() -> None:
    d = ld.load_dd()
    d = d[d.un_region_name == "South America"]
    t, e = toks(d.duration), toks(d.observed)
    g = ["dem" if v == "Democracy" else "nondem" for v in d.democracy]
    prompt = (
        "South American heads of government 1946-2008, years in office (+ = still in office at the end of 2008)\n"
        "democracies: " + b.plus(b.split_by(t, g, "dem"), b.split_by(e, g, "dem")) + "\n\n"
        "non-democracies: " + b.plus(b.split_by(t, g, "nondem"), b.split_by(e, g, "nondem")) + "\n\n"
        "log rank test, democracy vs non-democracy"
    )
    logrank_item(prompt, t, e, g, "two groups", "lifelines dd South America", "two long + lists")


@item
def cox_lupus_age() -> None:
    t, e, d = lupus()
    keep = d.age_at_diagnosis.notna().to_numpy()
    t, e = [v for v, k in zip(t, keep, strict=True) if k], [v for v, k in zip(e, keep, strict=True) if k]
    age = toks(d.age_at_diagnosis[keep])
    lines = ["years,died,age_dx"] + [f"{a},{c},{x}" for a, c, x in zip(t, e, age, strict=True)]
    prompt = "\n".join(lines) + "\n\ncox PH model, age at dx as the only covariate. HR per year + 95% CI, p"
    b.cox_item(SET, prompt, t, e, age, "age, efron", "lifelines lupus", "csv time,status,covariate")


@item
def cox_lcd_breslow() -> None:
    d = ld.load_lcd()
    t, e = toks(d["T"]), toks(d.E)
    x = ["1" if g == "basin_trough" else "0" for g in d.group]
    lines = ["T\tE\tbasin"] + [f"{a}\t{c}\t{k}" for a, c, k in zip(t, e, x, strict=True)]
    prompt = (
        "\n".join(lines) + "\n\nbasin = 1 for basin_trough, 0 alluvial fan. coxph with ties = 'breslow', "
        "HR basin vs fan with CI"
    )
    b.cox_item(SET, prompt, t, e, x, "group indicator, breslow", "lifelines lcd", "tsv three columns", ties="breslow")


@item
def cox_dd_oceania_startyear() -> None:
    d = ld.load_dd()
    d = d[d.ctryname.isin(["Australia", "New Zealand", "Papua New Guinea", "Fiji", "Solomon Islands"])]
    t, e, x = toks(d.duration), toks(d.observed), toks(d.start_year)
    lines = [
        f"{c}, from {y}: {a} yrs{'' if s == '1' else ' (still in office)'}"
        for c, y, a, s in zip(d.ctryname, x, t, e, strict=True)
    ]
    prompt = (
        "leaders of Australia, NZ, PNG, Fiji and the Solomons:\n"
        + "\n".join(lines)
        + "\n\ndoes later start year predict a shorter spell? cox regression "
        "on start year (single covariate), HR per calendar year"
    )
    b.cox_item(
        SET,
        prompt,
        t,
        e,
        x,
        "start year",
        "lifelines dd five Oceania countries",
        "a named subject per line, censoring in words",
    )


# ================================================================ p-value adjustment, power


@item
def padjust_statecrime_bh() -> None:
    cols = ["violent", "hs_grad", "poverty", "single", "white", "urban"]
    d = smd("statecrime").iloc[:20]
    raw = {}
    for c in cols:
        code = f"k <- cor.test({rv(toks(d[c]))}, {rv(toks(d.murder))}); emit(p = k$p.value)"
        raw[c] = f"{b.r_values(code)['p']:.2g}"
    labels = [c for c in cols if float(raw[c]) > 1e-3]
    pv = [raw[c] for c in labels]
    prompt = (
        "correlations with the murder rate, first 20 states alphabetically (Alabama..Maine), raw p values:\n"
        + "\n".join(f"  {c}  r-test p = {raw[c]}" for c in labels)
        + "\nBenjamini-Hochberg adjusted p for each pls"
    )
    b.padj_item(SET, prompt, labels, pv, "BH", "statsmodels statecrime cor.test p-values", "indented p list")


@item
def padjust_grunfeld_holm() -> None:
    d = smd("grunfeld")
    firms = ["US Steel", "Chrysler", "Union Oil", "Westinghouse", "American Steel"]
    raw = {}
    for f in firms:
        g = d[d.firm == f]
        late, early = toks(g[g.year >= 1945].invest), toks(g[g.year < 1945].invest)
        raw[f] = f"{b.r_values('emit(p = t.test(' + rv(late) + ', ' + rv(early) + ')$p.value)')['p']:.3g}"
    prompt = (
        "Grunfeld firms: Welch t of gross investment 1945-54 vs 1935-44, one test per firm (n=10 yrs each):\n"
        + "; ".join(f"{f} p={raw[f]}" for f in firms)
        + "\nHolm correction across these 5 firms"
    )
    b.padj_item(
        SET,
        prompt,
        [f.replace(" ", "_") for f in firms],
        [raw[f] for f in firms],
        "holm",
        "statsmodels grunfeld per-firm Welch p",
        "p list inline",
    )


@item
def padjust_elnino_bonferroni() -> None:
    d = smd("elnino")
    months = ["JAN", "APR", "JUL", "OCT"]
    raw = {}
    for m in months:
        a, c = dec1(d[d.YEAR < 1960][m]), dec1(d[d.YEAR >= 1980][m])
        raw[m] = f"{b.r_values('emit(p = t.test(' + rv(c) + ', ' + rv(a) + ')$p.value)')['p']:.3g}"
    prompt = (
        "welch tests 1980s-90s vs 1950s SST, by month:\n| month | p |\n|---|---|\n"
        + "\n".join(f"| {m} | {raw[m]} |" for m in months)
        + "\nbonferroni-adjust these 4"
    )
    b.padj_item(
        SET,
        prompt,
        months,
        [raw[m] for m in months],
        "bonferroni",
        "statsmodels elnino Welch p-values",
        "markdown p table",
    )


@item
def sample_size_engel() -> None:
    d = smd("engel")
    sd = f"{d.foodexp.std():.0f}"
    prompt = (
        f"planning a household budget survey. food expenditure SD ~{sd} (Engel's data). want to detect a difference "
        "in means of 100 between two regions, alpha 0.05 two-sided. n per group for 80% and 90% power?"
    )
    b.sample_size_t_item(
        SET, prompt, "100", sd, [0.8, 0.9], "80% and 90% power", "statsmodels engel SD", "design prose"
    )


@item
def power_t_scotland() -> None:
    d = smd("scotland")
    sd = f"{d.YES.std():.1f}"
    prompt = (
        f"power.t.test(n = 16, delta = 5, sd = {sd}) -- what power do we have with 16 council areas per arm? also at "
        "sig.level 0.01. (sd from the 1997 referendum YES %)"
    )
    power_t_item(
        prompt,
        "16",
        "5",
        sd,
        ["0.05", "0.01"],
        "n = 16, alpha 0.05 and 0.01",
        "statsmodels scotland YES SD",
        "R call + prose",
    )


@item
def sample_size_prop_lupus() -> None:
    prompt = (
        "In the lupus cohort 31 of 99 died during follow-up (0.31). a new regimen might cut that to 0.20. how many "
        "patients per arm for 80% and for 90% power, two-sided alpha 0.05? power.prop.test style please"
    )
    sample_size_prop_item(
        prompt,
        "0.31",
        "0.20",
        [0.8, 0.9],
        "80% and 90% power",
        "lifelines lupus death proportion",
        "design prose with counts",
    )


# ================================================================ must-decline: analyses no recipe computes


@item
def declines_unsupported_analyses() -> None:
    r = ld.load_recur().iloc[:36]
    decline(
        "ID AGE TREAT TIME0 TIME1 CENSOR EVENT\n"
        + "\n".join(
            " ".join(toks(row)) for row in r[["ID", "AGE", "TREAT", "TIME0", "TIME1", "CENSOR", "EVENT"]].to_numpy()
        )
        + "\n\nrecurrent events per patient (counting process). Andersen-Gill cox with a gamma frailty per ID, HR for "
        "TREAT",
        "frailty_cox",
        "a recurrent-events Cox model with a frailty term is not a supported analysis",
        ["frailty", "recurrent", "no vetted recipe"],
        "lifelines recur rows 1-36",
        "space columns long by subject",
    )
    e = smd("engel").iloc[:40]
    decline(
        "income\tfoodexp\n"
        + "\n".join(f"{a}\t{c}" for a, c in zip(dec2(e.income), dec2(e.foodexp), strict=True))
        + "\n\nmedian regression (quantreg::rq, tau = 0.5) of foodexp on income, and tau = 0.9 too",
        "quantile_regression",
        "quantile regression is not a supported analysis",
        ["quantile", "median regression", "no vetted recipe"],
        "statsmodels engel rows 1-40",
        "tsv with header",
    )
    el = smd("elnino")
    decline(
        "Jan SST by year 1950-1979: "
        + ", ".join(dec1(el[el.YEAR < 1980].JAN))
        + "\nfit an ARIMA(1,0,1) and forecast the next 3 Januaries w/ 95% PI",
        "arima",
        "time-series ARIMA modelling and forecasting is not a supported analysis",
        ["arima", "forecast", "no vetted recipe"],
        "statsmodels elnino JAN 1950-1979",
        "inline list",
    )
    s = ld.load_canadian_senators()
    s = s[s["Province / Territory"] == "Newfoundland and Labrador"]
    decline(
        "NL senators, days served and how it ended:\n"
        + "\n".join(f"{d} {r}" for d, r in zip(toks(s.diff_days), s.reason.fillna("sitting"), strict=True))
        + "\ncumulative incidence of death vs retirement/resignation as competing risks (Aalen-Johansen) please",
        "competing_risks",
        "competing-risks cumulative incidence is not a supported analysis",
        ["competing", "cumulative incidence", "no vetted recipe"],
        "lifelines canadian_senators NL",
        "space columns with words",
    )
    f = r_frame("boot::fir")
    decline(
        "balsam-fir seedlings per quadrat (boot::fir, 50 quadrats): "
        + " ".join(toks(f["count"]))
        + "\nmean count with a BCa bootstrap 95% CI, 9999 resamples",
        "bootstrap_ci",
        "a bootstrap confidence interval is not a supported analysis",
        ["bootstrap", "bca", "no vetted recipe"],
        "boot::fir",
        "inline list",
    )
    cb = ld.load_c_botulinum_lag_phase()
    decline(
        "NaCl%,pH,lag lower (d),lag upper (d)\n"
        + "\n".join(f"{fnum(a)},{fnum(p)},{fnum(lo)},{fnum(hi)}" for a, p, lo, hi in cb.to_numpy())
        + "\nlag phase only known to lie in [lower, upper]. Turnbull NPMLE of the lag-time distribution + "
        "interval-censored AFT on NaCl",
        "interval_censored",
        "interval-censored survival (Turnbull, AFT) is not a supported analysis",
        ["interval", "turnbull", "no vetted recipe"],
        "lifelines c_botulinum_lag_phase",
        "csv with header",
    )
    c = smd("cpunish")
    decline(
        "EXECUTIONS INCOME PERPOVERTY PERBLACK\n"
        + "\n".join(" ".join(toks(r)) for r in c[["EXECUTIONS", "INCOME", "PERPOVERTY", "PERBLACK"]].to_numpy())
        + "\nnegative binomial regression of executions on the other three, IRRs",
        "negative_binomial",
        "a negative binomial regression on several predictors is not a supported analysis",
        ["negative binomial", "several predictors", "no vetted recipe"],
        "statsmodels cpunish",
        "space columns",
    )
    a = ld.load_multicenter_aids_cohort_study().iloc[:30]
    decline(
        "AIDSY W T D\n"
        + "\n".join(f"{x:.3f} {w:.3f} {t:.3f} {int(dd)}" for x, w, t, dd in a.to_numpy())
        + "\n\nMACS: people enter at W (delayed entry / left truncation), death at T if D = 1. KM that accounts "
        "for the left truncation, median survival",
        "left_truncated_km",
        "survival with delayed entry (left truncation) is not what the Kaplan-Meier recipe computes",
        ["truncation", "delayed entry", "no vetted recipe"],
        "lifelines multicenter_aids_cohort_study rows 1-30",
        "space columns",
    )
    st = smd("statecrime")
    decline(
        "state\tmurder\tpoverty\tsingle\turban\ths_grad\n"
        + "\n".join(
            f"{s}\t{m}\t{p}\t{g}\t{u}\t{h}"
            for s, m, p, g, u, h in zip(
                st.index[:30],
                dec1(st.murder[:30]),
                dec1(st.poverty[:30]),
                dec1(st.single[:30]),
                dec2(st.urban[:30]),
                dec1(st.hs_grad[:30]),
                strict=True,
            )
        )
        + "\n\nmultiple regression murder ~ poverty + single + urban + hs_grad, all coefs",
        "multiple_regression",
        "a regression on several predictors is outside the simple linear regression",
        ["multiple", "several predictors", "multivariable"],
        "statsmodels statecrime first 30 states",
        "tsv with state names",
    )


# ================================================================ must-decline: data that cannot make the test


@item
def declines_unusable_data() -> None:
    s = smd("strikes")
    decline(
        "strike durations, manufacturing: "
        + ", ".join(toks(s.duration[:25]))
        + "\nwelch t-test against the mining strikes, two-sided",
        "welch_t",
        "only one group of values is given; a two-sample test needs the second group",
        ["one group", "second group", "two groups"],
        "statsmodels strikes rows 1-25",
        "single list",
    )
    n = ld.load_nh4().iloc[:20]
    decline(
        "weekly NH4 (mg/L), '<' = below detection limit:\n"
        + "\n".join(f"{dt}  {v}" for dt, v in zip(n["Date.On"], n["NH4.Orig.mg.per.L"], strict=True))
        + "\none-sample t-test of the mean vs 0.05 mg/L",
        "one_sample_t",
        "values below the detection limit are censored; a t-test needs measured values",
        ["censored", "detection limit", "below"],
        "lifelines nh4 rows 1-20",
        "date + value lines with <",
    )
    d = r_frame("MASS::mcycle[c(10, 50, 90), ]")
    decline(
        "times  accel  helmet  rider_wt  impact_speed\n"
        + "\n".join(
            f"{t} {a} {h} {w} {v}"
            for t, a, h, w, v in zip(
                dec1(d.times), dec1(d.accel), ["A", "B", "A"], ["72", "85", "64"], ["12", "15", "13"], strict=True
            )
        )
        + "\nlinear regression of accel on times + helmet + rider_wt + impact_speed",
        "multiple_regression",
        "three observations cannot fit a regression with four predictors",
        ["three", "predictors", "multiple"],
        "MASS::mcycle rows 10, 50, 90 (other columns invented)",
        "space columns",
    )
    sk = r_frame("data.frame(x = boot::paulsen$y)")
    x = sk.x
    decline(
        "> summary(paulsen$y)\n   Min. 1st Qu.  Median    Mean 3rd Qu.    Max. \n"
        + "  ".join(f"{v:6.2f}" for v in (x.min(), x.quantile(0.25), x.median(), x.mean(), x.quantile(0.75), x.max()))
        + "\n\nthat's all I have (346 synaptic currents, pA). one-sample t test against 20 pA please",
        "one_sample_t",
        "a summary() print gives no values or SD; a t-test needs the values",
        ["summary", "values", "standard deviation"],
        "boot::paulsen",
        "R summary() print",
    )
    dn = smd("danish_data")
    decline(
        "lrm: "
        + " ".join(f"{v:.3f}" for v in dn.lrm[:20])
        + "\nlry: "
        + " ".join(f"{v:.3f}" for v in dn.lry[:20])
        + "\nspearman rho, ONE-sided (positive association), p one-tailed",
        "spearman",
        "the correlation recipes give two-sided p-values only",
        ["one-sided", "two-sided"],
        "statsmodels danish_data rows 1-20",
        "two labelled lists",
    )
    dia = ld.load_diabetes().iloc[:30]
    decline(
        "left,right\n"
        + "\n".join(f"{a},{c}" for a, c in zip(toks(dia.left), toks(dia.right), strict=True))
        + "\n(lifelines diabetes: time to nephronophathy only known between left and right)\n"
        "paired t-test right minus left",
        "paired_t",
        "left and right are the bounds of one interval-censored time, not two paired measurements",
        ["interval", "censored", "bounds"],
        "lifelines diabetes rows 1-30",
        "csv with header",
    )
    a = smd("anes96")
    decline(
        f"ANES 96: {int((a.vote == 0).sum())} Clinton voters and {int((a.vote == 1).sum())} Dole voters; "
        f"{int((a.PID <= 2).sum())} democrats in total out of {len(a)}. chi-square test of party ID x vote",
        "chi_square",
        "only the margins are given; a chi-square test of independence needs the cells of the table",
        ["margins", "cells", "totals"],
        "statsmodels anes96 margins",
        "totals in prose",
    )


if __name__ == "__main__":
    SET.run()
