"""Build the twelfth fresh evaluation set for labbot's named analyses (``analysis_final12.jsonl``).

Written blind: the author read only the README's analyses section, the shared ``_build`` helpers and
``make_analysis_final11.py``/``make_analysis_final10.py`` (for structure), not how labbot parses a request nor any
earlier set's prompts (only their ``source`` fields, to keep away from data sets already used).  R's base
``datasets`` and the ``survival`` package are nearly exhausted by the earlier sets, so this set takes the members no
earlier set names (``BJsales``/``BJsales.lead``, ``state.center`` and ``state.division``, ``randu``'s later rows,
``rock``'s cores, ``survival::udca1``/``udca2``, ``bladder1``, ``pbcseq``'s follow-up visits, ``flchain``'s light
chains, ``mgus2``'s haemoglobin) and variables or subsets no earlier item used (``esoph`` by age group, ``Titanic``'s
children and adult men, ``UCBAdmissions`` departments B, E and F, ``occupationalStatus`` cut at 4,
``USAccDeaths`` 1977-78, ``state.x77``'s Murder, Illiteracy, HS Grad and Life Exp, ``rhDNase``'s FEV, ``npk``'s N).

Every answerable item pastes real data the way researchers paste into Slack: R console prints (data frames with row
names and factor columns, ``Surv`` objects, ``split()`` lists of named vectors, ``ftable``/``xtabs``/``table`` prints,
``dput()``, ``ts`` prints with and without their caption, named vectors with scientific p-values), Excel/Sheets copies
(tabs, thousands separators, %, blank cells, Total rows), pandas prints, quoted CSV, semicolon exports with decimal
commas, markdown, prose with counts (some in words), wide and long layouts, columns and rows the request does not use,
group labels that are numbers, and follow-up wording.  Expected numbers come from R on exactly the number strings
written into the prompt and are recomputed in Python, or the build stops (see ``_build``).  Must-decline items ask for
an analysis outside the supported list (most of them a close variant of a supported one), paste data that cannot
support the analysis they name, or ask for a setting the named recipe cannot honour; ``reason_mentions`` lists words
of which the decline reason should contain one.

Run ``.venv/bin/python evaluation/data/make_analysis_final12.py``; the output is byte-identical run to run.
``... make_analysis_final12.py NAME`` only builds the items whose builder name contains NAME and prints them.
"""

from __future__ import annotations

import functools
import math
import warnings
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from evaluation.data import _build as b  # the R runner, formatting and checks every set generator shares

warnings.filterwarnings("ignore")

SET = b.ItemSet(Path(__file__).resolve().with_name("analysis_final12.jsonl"), "final12")
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
th = b.thousands


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
    """One-covariate Cox fit (Efron converged tightly, or Breslow), p left out of the expectation when it is tiny;
    lifelines' Efron p can sit a few 1e-6 (relative) from R's on heavily tied months, so the check allows 1e-5."""
    times, events, cov = fl(t), fl(e), fl(x)
    check = b.breslow_cox_check(times, events, cov) if ties == "breslow" else b.cox_check(times, events, cov, True)
    r, check = b.drop_tiny_p(b.r_cox(t, e, x, ties=ties, tight=True), check)
    answer(prompt, "cox", variant, r, check, src, form, check_tol=1e-5)


def logit_item(prompt: str, x: Sequence[str], y: Sequence[str], variant: str, src: str, form: str) -> None:
    b.logit_item(SET, prompt, x, y, variant, src, form, drop_tiny=True)


def mw_exact_item(prompt: str, x: Sequence[str], y: Sequence[str], alt: str, variant: str, src: str, form: str) -> None:
    """Exact Mann-Whitney (no ties allowed, so R's exact p is really exact)."""
    if len(set(x) | set(y)) != len(x) + len(y):
        raise AssertionError("ties: R would not give an exact p")
    b.mw_item(SET, prompt, x, y, True, False, alt, variant, src, form)


def fisher_item(a: int, bb: int, c: int, dd: int, prompt: str, variant: str, src: str, form: str) -> None:
    """``_build.fisher_item`` with p left out of the expectation when it is below 1e-3."""
    r = (
        f"f <- fisher.test({b.two_by_two(a, bb, c, dd)})\n"
        "emit(p = f$p.value, or = f$estimate, ci_low = f$conf.int[1], ci_high = f$conf.int[2])"
    )
    r, check = b.drop_tiny_p(r, b.fisher_check(a, bb, c, dd))
    answer(prompt, "fisher_exact", variant, r, check, src, form, check_tol=b.FISHER_TOL)


NUMBER_WORDS = {
    3: "three",
    13: "thirteen",
    14: "fourteen",
    17: "seventeen",
    20: "twenty",
    23: "twenty-three",
    31: "thirty-one",
    35: "thirty-five",
    48: "forty-eight",
}

# ---------------------------------------------------------------- the data sets, read once from R


@functools.cache
def states() -> pd.DataFrame:
    """The 50 states: names, abbreviations, region and division, the centre's longitude/latitude and state.x77."""
    return r_frame(
        "data.frame(state = state.name, abb = state.abb, region = as.character(state.region), division = "
        "as.character(state.division), lon = state.center$x, lat = state.center$y, state.x77)"
    )


@functools.cache
def udca1() -> pd.DataFrame:
    """UDCA in primary biliary cirrhosis (Lindor 1994): days to treatment failure, ``status`` 1 = failed."""
    return r_frame(
        "data.frame(id = survival::udca1$id, trt = survival::udca1$trt, stage = survival::udca1$stage, "
        "bili = survival::udca1$bili, riskscore = survival::udca1$riskscore, futime = "
        "as.numeric(survival::udca1$futime), status = as.numeric(survival::udca1$status))"
    )


@functools.cache
def bladder_first() -> pd.DataFrame:
    """Byar's bladder cancer trial, all three arms: each patient's first interval (months to first recurrence)."""
    d = r_frame("subset(survival::bladder1, !duplicated(id))")
    d["recur1"] = (d.status == 1).astype(int)
    return d


@functools.cache
def mgus2() -> pd.DataFrame:
    return r_frame("survival::mgus2")


@functools.cache
def flchain() -> pd.DataFrame:
    return r_frame("survival::flchain")


@functools.cache
def pbc_visits(lo: int, hi: int) -> pd.DataFrame:
    """pbcseq: each patient's baseline row beside the first visit on day lo..hi (patients with such a visit)."""
    d = r_frame("survival::pbcseq")
    base = d[d.day == 0].set_index("id")
    later = d[(d.day >= lo) & (d.day <= hi)].drop_duplicates("id").set_index("id")
    ids = [i for i in base.index if i in later.index]
    return base.loc[ids].join(later.loc[ids], rsuffix="_v")


@functools.cache
def rhdnase() -> pd.DataFrame:
    """The rhDNase trial in cystic fibrosis, one row per patient (the data set repeats a patient per infection)."""
    return r_frame("survival::rhDNase").drop_duplicates("id").reset_index(drop=True)


# ================================================================ t-tests


@item
def welch_state_murder_split_print() -> None:
    d = states()
    shown = b.r_text(
        "x <- setNames(state.x77[, 'Murder'], state.name)\n"
        "print(split(x, state.division)[c('South Atlantic', 'Pacific')])"
    ).rstrip()
    murder = dec1(d.Murder)
    prompt = (
        '> murder <- setNames(state.x77[, "Murder"], state.name)\n'
        '> split(murder, state.division)[c("South Atlantic", "Pacific")]\n'
        + shown
        + "\n\nmurder + non-negligent manslaughter per 100k (1976). welch two sample t test, South Atlantic minus "
        "Pacific, and a 90% CI please"
    )
    b.two_sample_t_item(
        SET,
        prompt,
        b.split_by(murder, list(d.division), "South Atlantic"),
        b.split_by(murder, list(d.division), "Pacific"),
        False,
        "two-sided; South Atlantic minus Pacific; 90% CI",
        "datasets::state.x77 Murder, South Atlantic and Pacific divisions",
        "R split() list of named vectors, names with spaces",
        level=0.9,
    )


@item
def welch_rhdnase_fev_pandas() -> None:
    d = rhdnase()
    d = d[d.inst.isin([9, 20])].reset_index(drop=True)
    fev = fmt(d.fev, 1)
    frame = pd.DataFrame(
        {"id": d.id, "inst": d.inst, "trt": d.trt, "entry.dt": d["entry_dt"], "fev": [float(x) for x in fev]}
    ).to_string()
    prompt = (
        "baseline balance check for the rhDNase trial (Fuchs 1994), centres 9 and 20 only. fev = FEV1 % predicted "
        "at entry, trt 1 = rhDNase, 0 = placebo\n>>> print(df)\n" + frame + "\n\nt-test of fev by trt, "
        "unequal variances (Welch), rhDNase minus placebo"
    )
    b.two_sample_t_item(
        SET,
        prompt,
        b.split_by(fev, toks(d.trt), "1"),
        b.split_by(fev, toks(d.trt), "0"),
        False,
        "two-sided; trt 1 minus trt 0",
        "survival::rhDNase centres 9 and 20, fev by trt",
        "pandas print with a date column and 0/1 group codes",
    )


def mgus2_hgb_rows() -> pd.DataFrame:
    """mgus2 rows 201-240: haemoglobin (a few missing) by sex."""
    return mgus2().iloc[200:240].reset_index(drop=True)


@item
def student_mgus2_hgb_excel_blanks() -> None:
    d = mgus2_hgb_rows()
    hgb = ["" if math.isnan(v) else f"{v:.1f}" for v in d.hgb]
    creat = ["" if math.isnan(v) else f"{v:.1f}" for v in d.creat]
    lines = ["id\tage\tsex\thgb (g/dL)\tcreat (mg/dL)"] + [
        f"{i}\t{fnum(a)}\t{s}\t{h}\t{c}" for i, a, s, h, c in zip(d.id, d.age, d.sex, hgb, creat, strict=True)
    ]
    prompt = (
        "MGUS cohort (Mayo), rows 201-240 of my sheet — blanks are tests that weren't done:\n"
        + "\n".join(lines)
        + "\n\nclassic Student t test (pooled variance) of hgb, M minus F, with a 99% CI. ignore creat"
    )
    keep = [h != "" for h in hgb]
    h = [x for x, k in zip(hgb, keep, strict=True) if k]
    sx = [x for x, k in zip(d.sex, keep, strict=True) if k]
    b.two_sample_t_item(
        SET,
        prompt,
        b.split_by(h, sx, "M"),
        b.split_by(h, sx, "F"),
        True,
        "pooled, two-sided; M minus F; 99% CI",
        "survival::mgus2 rows 201-240, hgb by sex",
        "excel paste with blank cells and an unused column",
        level=0.99,
    )


@item
def welch_mgus2_hgb_followup_one_sided() -> None:
    d = mgus2_hgb_rows()
    d = d[~d.hgb.isna()]
    hgb = dec1(d.hgb)
    lines = "\n".join(f"{s}  {h}" for s, h in zip(d.sex, hgb, strict=True))
    prompt = (
        "sorry, one more on the mgus hgb numbers: can you redo it as Welch instead of pooled, and one-sided — "
        "I only care whether women are lower (F minus M < 0). here are the complete rows again, sex then hgb:\n" + lines
    )
    b.two_sample_t_item(
        SET,
        prompt,
        b.split_by(hgb, list(d.sex), "F"),
        b.split_by(hgb, list(d.sex), "M"),
        False,
        "one-sided (less); F minus M",
        "survival::mgus2 rows 201-240, hgb by sex (complete)",
        "follow-up wording, two space-separated columns without header",
        alt="less",
    )


@item
def student_npk_nitrogen_print() -> None:
    d = r_frame("npk")
    y = dec1(d["yield"])
    shown = frame_print(
        ["block", "N", "P", "K", "yield"],
        [
            (toks([bl])[0], toks([n])[0], toks([p])[0], toks([k])[0], v)
            for bl, n, p, k, v in zip(d.block, d.N, d.P, d.K, y, strict=True)
        ],
    )
    prompt = (
        "> npk   # pea yields (lb/plot), 6 blocks x 2^3 factorial\n" + shown + "\n\n"
        "forget the blocks and P/K for a sec: Student's t (equal variances) on yield, N = 1 minus N = 0, "
        "one-sided since nitrogen should increase yield"
    )
    nn = toks(d.N)
    b.two_sample_t_item(
        SET,
        prompt,
        b.split_by(y, nn, "1"),
        b.split_by(y, nn, "0"),
        True,
        "pooled, one-sided (greater); N 1 minus N 0",
        "datasets::npk yield by N",
        "R data.frame print, 0/1 factor columns not used",
        alt="greater",
    )


@item
def paired_usaccdeaths_ts_rows() -> None:
    shown = b.r_text("print(USAccDeaths)").rstrip()
    a77, a78 = b.ts_year("USAccDeaths", 1977), b.ts_year("USAccDeaths", 1978)
    prompt = (
        "> USAccDeaths\n" + shown + "\n\nmonthly accidental deaths in the US. paired t-test 1978 minus 1977, months "
        "as the pairs (two-sided, 95% CI)"
    )
    b.paired_t_item(
        SET,
        prompt,
        a78,
        a77,
        "two-sided; 1978 minus 1977",
        "datasets::USAccDeaths 1977 and 1978",
        "R monthly ts print, two rows compared",
    )


@item
def paired_pbcseq_bili_arrows() -> None:
    d = pbc_visits(150, 250).iloc[:25]
    base, six = dec1(d.bili), dec1(d.bili_v)
    lines = "\n".join(
        f"pt {i}: {x} -> {y} (day {fnum(dd)})" for i, x, y, dd in zip(d.index, base, six, d.day_v, strict=True)
    )
    prompt = (
        "Mayo PBC follow-up (pbcseq), serum bilirubin mg/dL at entry -> at the ~6 month visit, first 25 patients "
        "who had one:\n" + lines + "\n\npaired t, 6-month minus baseline, 90% confidence interval"
    )
    b.paired_t_item(
        SET,
        prompt,
        six,
        base,
        "two-sided; 6 months minus baseline; 90% CI",
        "survival::pbcseq bili at day 0 and first visit day 150-250, first 25",
        "before -> after per line with patient ids and a day in brackets",
        level=0.9,
    )


@item
def paired_flchain_kappa_lambda_semicolon() -> None:
    f = flchain()
    d = f[(f.age == 52) & (f.sex == "F")].iloc[:20]
    k, lam = fmt(d.kappa, 2), fmt(d["lambda"], 2)
    lines = ["nr;alter;kappa_mg_l;lambda_mg_l"] + [
        f"{i + 1};52;{b.dcomma(x)};{b.dcomma(y)}" for i, (x, y) in enumerate(zip(k, lam, strict=True))
    ]
    prompt = (
        "serum free light chains (mg/L), 20 women aged 52 from the Olmsted county sample, our lab's export (German "
        "locale):\n" + "\n".join(lines) + "\n\ngepaarter t-Test / paired t test kappa minus lambda, same woman, "
        "two-sided"
    )
    b.paired_t_item(
        SET,
        prompt,
        k,
        lam,
        "two-sided; kappa minus lambda",
        "survival::flchain women aged 52, first 20",
        "semicolon export with decimal commas, constant column",
    )


@item
def one_sample_hsgrad_midwest_named() -> None:
    d = states()
    nc = d[d.region == "North Central"]
    x = dec1(nc.HS_Grad)
    shown = b.r_text(
        "x <- setNames(state.x77[state.region == 'North Central', 'HS Grad'], state.name[state.region == "
        "'North Central'])\nprint(x)"
    ).rstrip()
    prompt = (
        "% of adults with a high-school diploma (1970 census), the 12 North Central states:\n" + shown + "\n\n"
        "one-sample t-test against the national figure of 52.3, two-sided"
    )
    b.one_sample_t_item(
        SET,
        prompt,
        x,
        "52.3",
        "two-sided; mu = 52.3",
        "datasets::state.x77 HS Grad, North Central states",
        "R named vector print, names with spaces",
    )


@item
def one_sample_randu_pandas_99() -> None:
    d = r_frame("randu[101:130, ]")
    x = fmt(d.x, 6)
    frame = pd.DataFrame(
        {"x": [float(v) for v in x], "y": d.y.values, "z": d.z.values}, index=range(101, 131)
    ).to_string()
    prompt = (
        "checking the old RANDU generator — 30 consecutive triples (rows 101-130 of R's randu):\n" + frame + "\n\n"
        "is the mean of x consistent with 0.5? one sample t on x only, mu = 0.5, and a 99% CI"
    )
    b.one_sample_t_item(
        SET,
        prompt,
        x,
        "0.5",
        "two-sided; mu = 0.5; 99% CI",
        "datasets::randu rows 101-130, x",
        "pandas print with two unused columns",
        level=0.99,
    )


# ================================================================ ANOVA, rank tests, normality


@item
def anova_rock_cores_long_csv() -> None:
    d = r_frame("rock")
    area, perm = toks(d.area), [fnum(x) for x in d.perm]
    lines = ["area,peri,shape,perm"] + [
        f"{a},{fnum(pe)},{fnum(sh)},{pm}" for a, pe, sh, pm in zip(area, d.peri, d["shape"], perm, strict=True)
    ]
    prompt = (
        "petroleum rock samples, 12 cores (labelled by their permeability in milli-Darcies) x 4 cross-sections "
        "each; area = pore area in pixels:\n" + "\n".join(lines) + "\n\none-way anova: does pore area differ "
        "between the 12 cores? (perm as a factor, not a number)"
    )
    labels = list(dict.fromkeys(perm))
    groups = [b.split_by(area, perm, lab) for lab in labels]
    b.anova_item(
        SET,
        prompt,
        groups,
        labels,
        "twelve cores, perm as factor",
        "datasets::rock area by perm",
        "long csv, numeric group labels, two unused columns",
    )


@item
def anova_lifeexp_region_wide_blanks() -> None:
    d = states()
    regions = ["Northeast", "South", "North Central", "West"]
    cols = [fmt(d.Life_Exp[d.region == r], 2) for r in regions]
    n = max(len(c) for c in cols)
    lines = ["\t".join(regions)] + ["\t".join(c[i] if i < len(c) else "" for c in cols) for i in range(n)]
    prompt = (
        "life expectancy (yrs, 1969-71) by census region, copied out of Sheets one column per region (columns are "
        "different lengths):\n" + "\n".join(lines) + "\n\nordinary one-way ANOVA across the four regions?"
    )
    b.anova_item(
        SET,
        prompt,
        cols,
        regions,
        "four regions",
        "datasets::state.x77 Life Exp by state.region",
        "sheets wide columns of unequal length, trailing blank cells",
    )


@item
def mw_bladder1_number_split_print() -> None:
    d = bladder_first()
    shown = b.r_text(
        "b1 <- subset(survival::bladder1, !duplicated(id))\n"
        "print(with(b1, split(number, treatment))[c('placebo', 'thiotepa')])"
    ).rstrip()
    num = toks(d.number)
    prompt = (
        "> b1 <- subset(bladder1, !duplicated(id))   # one row per patient\n"
        '> with(b1, split(number, treatment))[c("placebo", "thiotepa")]\n' + shown + "\n\n"
        "number of tumours at entry (8 means 8 or more). Mann-Whitney thiotepa vs placebo — normal approximation "
        "with continuity correction, there are loads of ties"
    )
    b.mw_item(
        SET,
        prompt,
        b.split_by(num, list(d.treatment), "thiotepa"),
        b.split_by(num, list(d.treatment), "placebo"),
        False,
        True,
        "two-sided",
        "normal approximation with correction; thiotepa vs placebo",
        "survival::bladder1 first row per patient, number by treatment",
        "R list print of split() with wrapped [39] index",
    )


@item
def mw_flchain_kappa_mgus_exact_lines() -> None:
    f = flchain()
    men = f[(f.sex == "M") & (f.age >= 55) & (f.age <= 58)]
    mg = men[men.mgus == 1]
    no = f[(f.sex == "M") & (f.age == 57) & (f.mgus == 0)].iloc[:12]
    x, y = fmt(mg.kappa, 3), fmt(no.kappa, 3)
    prompt = (
        "free kappa light chain (mg/L), men 55-58: the 13 with MGUS vs 12 age-57 men without\n"
        f"MGUS:    {'  '.join(x)}\nno MGUS: {'  '.join(y)}\n\n"
        "wilcoxon rank-sum, exact p, one-sided: MGUS higher (alternative = greater)"
    )
    mw_exact_item(
        prompt,
        x,
        y,
        "greater",
        "exact, one-sided (greater); MGUS vs no MGUS",
        "survival::flchain men 55-58 with MGUS vs first 12 men aged 57 without",
        "two labelled lines, double-space separated",
    )


@item
def signed_rank_udca1_bili_vs_one() -> None:
    d = udca1()
    x = dec1(d.bili[d.trt == 0])
    prompt = (
        "> with(udca1, bili[trt == 0])   # serum bilirubin at entry, placebo arm\n"
        + b.r_vector_print(x, 18)
        + "\n\nI want a one-sample Wilcoxon signed rank test of whether the median bilirubin differs from 1.0 "
        "mg/dL (the upper limit of normal). normal approximation with continuity correction — many ties"
    )
    signed_rank_item(
        prompt,
        b.diffs(x, ["1"] * len(x)),
        f"xx <- round({rv(x)} - 1, 10)",
        ", exact = FALSE, correct = TRUE",
        "approx",
        True,
        "one-sample against median 1.0; normal approximation with correction",
        "survival::udca1 bili, placebo arm",
        "R vector print with [i] indexes",
    )


@item
def signed_rank_pbcseq_albumin_markdown() -> None:
    d = pbc_visits(650, 850)
    d = d.loc[[i for i in d.index if 26 <= i <= 70]]
    a0, a2 = fmt(d.albumin, 2), fmt(d.albumin_v, 2)
    rows = "\n".join(f"| {i} | {fnum(dd)} | {x} | {y} |" for i, dd, x, y in zip(d.index, d.day_v, a0, a2, strict=True))
    prompt = (
        "albumin (g/dL) at entry and at the ~2-year visit, Mayo PBC patients 26-70 who had that visit:\n\n"
        "| id | visit day | albumin day 0 | albumin ~2 y |\n|---|---|---|---|\n" + rows + "\n\n"
        "Wilcoxon signed-rank, 2 y minus day 0, normal approximation without continuity correction, two-sided"
    )
    signed_rank_item(
        prompt,
        b.diffs(a2, a0),
        f"xx <- round({rv(a2)} - {rv(a0)}, 10)",
        ", exact = FALSE, correct = FALSE",
        "approx",
        False,
        "normal approximation, no correction; 2 years minus baseline",
        "survival::pbcseq albumin at day 0 and first visit day 650-850, ids 26-70",
        "markdown with an unused visit-day column",
    )


@item
def kruskal_illiteracy_south_named_lines() -> None:
    d = states()
    divs = ["South Atlantic", "East South Central", "West South Central"]
    ill = dec1(d.Illiteracy)
    lines = [
        f"{dv}: " + "; ".join(f"{s} {v}" for s, v, x in zip(d.state, ill, d.division, strict=True) if x == dv)
        for dv in divs
    ]
    prompt = (
        "illiteracy (% of population, 1970) in the southern census divisions\n" + "\n".join(lines) + "\n\n"
        "kruskal wallis across the three divisions pls"
    )
    groups = [b.split_by(ill, list(d.division), dv) for dv in divs]
    kruskal_item(
        groups,
        prompt,
        "three divisions",
        "datasets::state.x77 Illiteracy, the three South divisions",
        "a group per line of named values (state names with spaces)",
    )


@item
def kruskal_bladder1_size_dput() -> None:
    d = bladder_first()
    shown = b.r_text(
        "b1 <- subset(survival::bladder1, !duplicated(id))\nx <- b1[, c('id', 'treatment', 'size')]\n"
        "rownames(x) <- NULL\ndput(x)"
    ).rstrip()
    prompt = (
        "size (cm) of the largest initial tumour, one row per patient, all three arms of the bladder trial:\n"
        + shown
        + "\n\nKruskal-Wallis of size by treatment"
    )
    size = toks(d["size"])
    groups = [b.split_by(size, list(d.treatment), t) for t in ("placebo", "pyridoxine", "thiotepa")]
    kruskal_item(
        groups,
        prompt,
        "three arms",
        "survival::bladder1 first row per patient, size by treatment",
        "R dput() of a data frame with a factor and an id column",
    )


@item
def shapiro_bjsales_lead_diff_ts() -> None:
    shown = b.r_text("print(diff(BJsales.lead))").rstrip()
    x = fmt(r_frame("data.frame(x = as.numeric(diff(BJsales.lead)))").x, 2)
    prompt = (
        "> diff(BJsales.lead)   # month-to-month change in the Box-Jenkins leading indicator\n" + shown + "\n\n"
        "shapiro wilk on these differences?"
    )
    shapiro_item(prompt, x, "datasets::BJsales.lead first differences", "R ts print under its Time Series caption")


@item
def shapiro_rhdnase_fev_column() -> None:
    d = rhdnase()
    d = d[d.inst == 13]
    fev = fmt(d.fev, 1)
    prompt = (
        "FEV1 (% predicted) at entry, centre 13\nFEV1_pct\n" + "\n".join(fev) + "\n\nare these normal? "
        "Shapiro-Wilk test"
    )
    shapiro_item(prompt, fev, "survival::rhDNase centre 13 fev", "one spreadsheet column with a header")


# ================================================================ tables of counts


def esoph_by(col: str) -> pd.DataFrame:
    """esoph's cases and controls summed over the other two factors."""
    return r_frame(f"aggregate(cbind(ncases, ncontrols) ~ {col}, data = esoph, FUN = sum)")


@item
def chisq_esoph_agegp_excel_total() -> None:
    d = esoph_by("agegp")
    cells = [[int(a), int(c)] for a, c in zip(d.ncases, d.ncontrols, strict=True)]
    lines = ["Age group (yrs)\tCases\tControls\tTotal\t% cases"]
    for g, (a, c) in zip(d.agegp, cells, strict=True):
        lines.append(f"{g}\t{a}\t{c}\t{a + c}\t{100 * a / (a + c):.1f}%")
    ta, tc = sum(r[0] for r in cells), sum(r[1] for r in cells)
    lines.append(f"Total\t{ta}\t{tc}\t{th(str(ta + tc))}\t{100 * ta / (ta + tc):.1f}%")
    prompt = (
        "Ille-et-Vilaine oesophageal cancer case-control study (Tuyns 1977), cases and controls by age band:\n"
        + "\n".join(lines)
        + "\n\nchi-square test of independence, age band x case/control (6 x 2)"
    )
    b.chisq_item(
        SET,
        prompt,
        cells,
        False,
        "6 x 2",
        "datasets::esoph cases and controls by agegp",
        "excel with Total row and column, % column, range labels",
    )


@item
def chisq_ucb_dept_e_table_print_yates() -> None:
    shown = b.r_text('print(UCBAdmissions[, , "E"])').rstrip()
    tab = [[int(v) for v in row] for row in r_frame('as.data.frame.matrix(UCBAdmissions[, , "E"])').values]
    prompt = (
        '> UCBAdmissions[, , "E"]\n' + shown + "\n\nBerkeley 1973, department E only. 2x2 chi squared with "
        "Yates' continuity correction"
    )
    b.chisq_item(
        SET,
        prompt,
        tab,
        True,
        "2 x 2, Yates",
        "datasets::UCBAdmissions Dept E",
        "R print of a 2x2 slice of a 3-way table",
    )


@item
def chisq_bladder1_arm_recurrence_xtabs() -> None:
    d = bladder_first()
    arms = ["placebo", "pyridoxine", "thiotepa"]
    tab = [
        [int(((d.treatment == a) & (d.recur1 == 0)).sum()), int(((d.treatment == a) & (d.recur1 == 1)).sum())]
        for a in arms
    ]
    shown = table_print(arms, ["no", "yes"], tab, "treatment", "recurred")
    prompt = (
        "> xtabs(~ treatment + recurred, data = b1)   # recurred = first follow-up interval ended in a recurrence\n"
        + shown
        + "\n\nPearson chi-square across the three arms, no correction"
    )
    b.chisq_item(
        SET,
        prompt,
        tab,
        False,
        "3 x 2",
        "survival::bladder1 first row per patient, treatment x first recurrence",
        "R xtabs print",
    )


def titanic() -> pd.DataFrame:
    return r_frame("as.data.frame(Titanic)")


def titanic_n(d: pd.DataFrame, cls: str, sex: str, age: str, surv: str) -> int:
    m = (d.Class == cls) & (d.Sex == sex) & (d.Age == age) & (d.Survived == surv)
    return int(d.Freq[m].sum())


@item
def fisher_titanic_women_crew_words() -> None:
    t = titanic()
    cs, cd = titanic_n(t, "Crew", "Female", "Adult", "Yes"), titanic_n(t, "Crew", "Female", "Adult", "No")
    ts_, td = titanic_n(t, "3rd", "Female", "Adult", "Yes"), titanic_n(t, "3rd", "Female", "Adult", "No")
    w = NUMBER_WORDS
    prompt = (
        f"Titanic: of the {w[cs + cd]} women in the crew, {w[cs]} survived and {w[cd]} died. among adult women "
        f"travelling 3rd class {ts_} survived and {td} died. Fisher's exact test please, with the conditional odds "
        "ratio of survival (crew vs 3rd class) and its CI"
    )
    fisher_item(
        cs,
        cd,
        ts_,
        td,
        prompt,
        "2 x 2; crew women first, survived first",
        "datasets::Titanic adult women, Crew vs 3rd",
        "counts in words and in digits in prose",
    )


@item
def fisher_ucb_dept_b_markdown() -> None:
    tab = r_frame('as.data.frame.matrix(t(UCBAdmissions[, , "B"]))')
    fa, fr = int(tab.Admitted[1]), int(tab.Rejected[1])
    ma, mr = int(tab.Admitted[0]), int(tab.Rejected[0])
    prompt = (
        "UC Berkeley grad admissions 1973, dept B — only 25 women applied so I'd like an exact test\n\n"
        "| | admitted | rejected |\n|:--|--:|--:|\n"
        f"| Female | {fa} | {fr} |\n| Male | {ma} | {mr} |\n\n"
        "fisher.test two-sided, OR (female vs male) + 95% CI"
    )
    fisher_item(
        fa, fr, ma, mr, prompt, "2 x 2; female first", "datasets::UCBAdmissions Dept B", "markdown 2x2, blank corner"
    )


@item
def mcnemar_pbcseq_spiders_words() -> None:
    d = pbc_visits(650, 850)
    d = d[~d.spiders.isna() & ~d.spiders_v.isna()]
    s0, s2 = d.spiders.astype(int), d.spiders_v.astype(int)
    both = int(((s0 == 1) & (s2 == 1)).sum())
    only0 = int(((s0 == 1) & (s2 == 0)).sum())
    only2 = int(((s0 == 0) & (s2 == 1)).sum())
    neither = int(((s0 == 0) & (s2 == 0)).sum())
    prompt = (
        f"spider angiomata in the {len(d)} Mayo PBC patients assessed at both entry and the ~2 year visit: present at "
        f"both visits {both}, present at entry only {only0}, present at 2 years only {only2}, absent at both "
        f"{neither}. McNemar's test (with the continuity correction) for a change in prevalence?"
    )
    b.mcnemar_item(
        SET,
        [[both, only0], [only2, neither]],
        True,
        prompt,
        "with continuity correction",
        "survival::pbcseq spiders at day 0 and first visit day 650-850",
        "paired counts in words",
    )


@item
def mcnemar_occstatus_cut4_table_print() -> None:
    o = r_frame("as.data.frame(occupationalStatus)")
    lo_o, lo_d = o.origin <= 4, o.destination <= 4
    tab = [
        [int(o.Freq[lo_o & lo_d].sum()), int(o.Freq[lo_o & ~lo_d].sum())],
        [int(o.Freq[~lo_o & lo_d].sum()), int(o.Freq[~lo_o & ~lo_d].sum())],
    ]
    shown = table_print(["1-4", "5-8"], ["1-4", "5-8"], tab, "father", "son")
    prompt = (
        "British occupational status (Glass 1954), fathers vs sons, status categories 1-8 collapsed into 1-4 and "
        "5-8:\n" + shown + "\n\nmcnemar test for father/son change, correct = FALSE"
    )
    b.mcnemar_item(
        SET,
        tab,
        False,
        prompt,
        "no continuity correction",
        "datasets::occupationalStatus collapsed at 4",
        "R table print with range labels",
    )


@item
def odds_ratio_esoph_alcohol_tsv() -> None:
    d = esoph_by("alcgp")
    rows = [
        (g.replace("g/day", "").strip(), int(a), int(c)) for g, a, c in zip(d.alcgp, d.ncases, d.ncontrols, strict=True)
    ]
    lines = ["alcohol (g/day)\tcases\tcontrols"] + [f"{g}\t{a}\t{c}" for g, a, c in rows]
    top, bottom = rows[-1], rows[0]
    prompt = (
        "esoph again, summed over age and tobacco:\n" + "\n".join(lines) + "\n\nodds ratio of being a case for "
        "the heaviest drinkers (120+) vs the lightest (0-39, reference), Woolf 95% CI. the middle two bands can be "
        "ignored for this one"
    )
    woolf_item(
        prompt,
        [[top[1], top[2]], [bottom[1], bottom[2]]],
        0.95,
        "Woolf 95% CI; 120+ vs 0-39 g/day",
        "datasets::esoph alcgp 120+ vs 0-39 (summed over agegp, tobgp)",
        "tsv 4 x 2 of which two rows are used, range labels",
    )


@item
def odds_ratio_titanic_children_third_90() -> None:
    t = titanic()
    bd, bs = titanic_n(t, "3rd", "Male", "Child", "No"), titanic_n(t, "3rd", "Male", "Child", "Yes")
    gd, gs = titanic_n(t, "3rd", "Female", "Child", "No"), titanic_n(t, "3rd", "Female", "Child", "Yes")
    w = NUMBER_WORDS
    prompt = (
        f"3rd class children on the Titanic: {w[bd]} boys died and {w[bs]} survived; {w[gd]} girls died and "
        f"{w[gs]} survived. odds ratio of death, boys vs girls (girls = reference), with a 90% log (Woolf) "
        "interval"
    )
    woolf_item(
        prompt,
        [[bd, bs], [gd, gs]],
        0.9,
        "Woolf 90% CI; boys vs girls",
        "datasets::Titanic 3rd class children",
        "counts in words",
    )


@item
def relative_risk_titanic_men_ftable() -> None:
    shown = b.r_text("print(ftable(Titanic, row.vars = 1:3))").rstrip()
    t = titanic()
    a, n1 = titanic_n(t, "1st", "Male", "Adult", "No"), 0
    n1 = a + titanic_n(t, "1st", "Male", "Adult", "Yes")
    c = titanic_n(t, "3rd", "Male", "Adult", "No")
    n2 = c + titanic_n(t, "3rd", "Male", "Adult", "Yes")
    prompt = (
        "> ftable(Titanic, row.vars = 1:3)\n" + shown + "\n\nfrom this: relative risk of dying for ADULT MEN in "
        "1st class vs adult men in 3rd class (3rd = reference), 95% CI"
    )
    answer(
        prompt,
        "relative_risk",
        "95% CI; 1st vs 3rd class adult men, death",
        b.rr_r(a, n1, c, n2),
        b.rr_check(a, n1, c, n2),
        "datasets::Titanic adult men, 1st vs 3rd class",
        "R ftable print, most cells unused",
    )


@item
def relative_risk_flchain_mgus_thousands() -> None:
    f = flchain()
    mg = f.mgus == 1
    a, n1 = int((mg & (f.death == 1)).sum()), int(mg.sum())
    c, n2 = int((~mg & (f.death == 1)).sum()), int((~mg).sum())
    prompt = (
        f"Olmsted county FLC cohort: {a} deaths among the {n1} people with MGUS at sampling vs "
        f"{th(str(c))} deaths among the {th(str(n2))} without. RR of death, MGUS vs no MGUS, with the usual "
        "log-scale 95% CI"
    )
    answer(
        prompt,
        "relative_risk",
        "95% CI; MGUS vs no MGUS",
        b.rr_r(a, n1, c, n2),
        b.rr_check(a, n1, c, n2),
        "survival::flchain mgus x death",
        "x among n in prose with thousands separators",
    )


@item
def risk_difference_ucb_dept_f_percent() -> None:
    tab = r_frame('as.data.frame.matrix(t(UCBAdmissions[, , "F"]))')
    fa, fn = int(tab.Admitted[1]), int(tab.Admitted[1] + tab.Rejected[1])
    ma, mn = int(tab.Admitted[0]), int(tab.Admitted[0] + tab.Rejected[0])
    prompt = (
        "Dept F (the most selective one)\nGender\tApplicants\tAdmitted\tAdmit rate\n"
        f"Female\t{fn}\t{fa}\t{100 * fa / fn:.1f}%\nMale\t{mn}\t{ma}\t{100 * ma / mn:.1f}%\n\n"
        "difference in admission rates, women minus men, with a 95% Wald CI"
    )
    answer(
        prompt,
        "risk_difference",
        "Wald 95% CI; female minus male",
        b.rd_r(fa, fn, ma, mn),
        b.rd_check(fa, fn, ma, mn),
        "datasets::UCBAdmissions Dept F",
        "tsv with applicants, admitted and % columns",
    )


@item
def risk_difference_mgus2_progression_prose() -> None:
    m = mgus2()
    a, n1 = int(((m.sex == "M") & (m.pstat == 1)).sum()), int((m.sex == "M").sum())
    c, n2 = int(((m.sex == "F") & (m.pstat == 1)).sum()), int((m.sex == "F").sum())
    prompt = (
        f"progression to plasma cell malignancy in the Mayo MGUS cohort: {c} of {n2} women and {a} of {n1} men. "
        "risk difference men minus women + 95% CI (plain Wald)"
    )
    answer(
        prompt,
        "risk_difference",
        "Wald 95% CI; men minus women",
        b.rd_r(a, n1, c, n2),
        b.rd_check(a, n1, c, n2),
        "survival::mgus2 sex x pstat",
        "x of n in prose, reference group named first",
    )


# ================================================================ correlation and regression


@item
def pearson_latitude_frost_named_lines_99() -> None:
    d = states()
    lat, frost = fmt(d.lat, 2), toks(d.Frost)
    lines = "\n".join(f"{s}: lat {a}, frost {f} d" for s, a, f in zip(d.state, lat, frost, strict=True))
    prompt = (
        "latitude of each state's centre (deg N, from state.center) and mean number of days with minimum "
        "temperature below freezing (1931-60, capital or large city):\n" + lines + "\n\n"
        "pearson r between latitude and frost days, with a 99% CI"
    )
    b.pearson_item(
        SET,
        prompt,
        lat,
        frost,
        0.99,
        ["r", "t", "df", "ci_low", "ci_high"],
        "99% CI",
        "datasets::state.center latitude and state.x77 Frost",
        "a named subject per line with labelled values and units",
    )


@item
def pearson_udca1_bili_riskscore_pandas() -> None:
    d = udca1().iloc[:30]
    bili, risk = dec1(d.bili), dec1(d.riskscore)
    frame = pd.DataFrame(
        {
            "id": d.id,
            "trt": d.trt,
            "stage": d.stage,
            "bili": [float(x) for x in bili],
            "riskscore": [float(x) for x in risk],
        }
    ).to_string(index=False)
    prompt = (
        "first 30 rows of the UDCA trial baseline data\n" + frame + "\n\ncorrelation (Pearson) of bili with "
        "riskscore — r and its 95% CI is all I need"
    )
    b.pearson_item(
        SET,
        prompt,
        bili,
        risk,
        0.95,
        ["r", "ci_low", "ci_high"],
        "95% CI",
        "survival::udca1 rows 1-30, bili and riskscore",
        "pandas print without index, unused columns",
    )


@item
def spearman_illiteracy_murder_north_central_tsv() -> None:
    d = states()
    d = d[d.region == "North Central"]
    ill, mur = dec1(d.Illiteracy), dec1(d.Murder)
    lines = ["State\tPopulation (000s)\tIlliteracy %\tMurder /100k"] + [
        f"{s}\t{th(fnum(p))}\t{i}\t{m}" for s, p, i, m in zip(d.state, d.Population, ill, mur, strict=True)
    ]
    prompt = (
        "\n".join(lines) + "\n\nspearman correlation between illiteracy and murder rate in these 12 Midwest "
        "states (asymptotic p is fine, there are ties). population column just for reference"
    )
    b.rank_cor_item(
        SET,
        prompt,
        ill,
        mur,
        "spearman",
        False,
        "asymptotic p",
        "datasets::state.x77 Illiteracy and Murder, North Central states",
        "tsv with an unused column carrying thousands separators",
    )


@item
def spearman_mgus2_hgb_creat_quoted_csv() -> None:
    m = mgus2().iloc[:30]
    hgb, cr = dec1(m.hgb), dec1(m.creat)
    lines = ['"id","sex","hgb","creat"'] + [
        f'"{fnum(i)}","{s}","{h}","{c}"' for i, s, h, c in zip(m.id, m.sex, hgb, cr, strict=True)
    ]
    prompt = (
        "\n".join(lines) + "\n\n^ first 30 MGUS patients. Spearman rho of haemoglobin vs creatinine, usual "
        "large-sample p"
    )
    b.rank_cor_item(
        SET,
        prompt,
        hgb,
        cr,
        "spearman",
        False,
        "asymptotic p",
        "survival::mgus2 rows 1-30, hgb and creat",
        "fully quoted csv, numbers in quotes",
    )


@item
def kendall_rock_peri_area_head_exact() -> None:
    d = r_frame("head(rock, 16)")
    shown = b.r_text("print(head(rock, 16))").rstrip()
    prompt = (
        "> head(rock, 16)\n" + shown + "\n\nKendall's tau between peri (pore perimeter) and area for these "
        "16 sections, exact p (no ties)"
    )
    b.rank_cor_item(
        SET,
        prompt,
        toks(d.peri),
        toks(d.area),
        "kendall",
        True,
        "exact",
        "datasets::rock rows 1-16, peri and area",
        "R head() print with unused columns",
    )


@item
def kendall_flchain_kappa_creat_markdown() -> None:
    f = flchain().iloc[::200]
    f = f[~f.creatinine.isna()]
    k, cr = fmt(f.kappa, 3), dec1(f.creatinine)
    rows = "\n".join(f"| {fnum(a)} | {s} | {x} | {y} |" for a, s, x, y in zip(f.age, f.sex, k, cr, strict=True))
    prompt = (
        "every 200th subject of the FLC study with a creatinine value:\n\n| age | sex | kappa (mg/L) | "
        "creatinine (mg/dL) |\n|---|---|---|---|\n" + rows + "\n\nkendall tau-b kappa vs creatinine, normal "
        "approximation p"
    )
    b.rank_cor_item(
        SET,
        prompt,
        k,
        cr,
        "kendall",
        False,
        "asymptotic",
        "survival::flchain every 200th row with creatinine",
        "markdown with unused columns",
    )


@item
def lm_bjsales_lead3_space_columns() -> None:
    lead = fmt(r_frame("data.frame(x = as.numeric(BJsales.lead))").x, 2)
    sales = fmt(r_frame("data.frame(x = as.numeric(BJsales))").x, 1)
    t = list(range(4, 44))
    x = [lead[i - 4] for i in t]
    y = [sales[i - 1] for i in t]
    lines = ["  t  lead_lag3  sales"] + [f"{i:>3}  {a:>9}  {c:>5}" for i, a, c in zip(t, x, y, strict=True)]
    prompt = (
        "Box & Jenkins sales data. I lined up sales at month t with the leading indicator three months earlier:\n"
        + "\n".join(lines)
        + "\n\nsimple linear regression sales ~ lead_lag3 (t is just the month): slope, intercept, R2"
    )
    b.lm_item(
        SET,
        prompt,
        x,
        y,
        "sales on lead lagged 3",
        ["slope", "intercept", "r2"],
        "datasets::BJsales and BJsales.lead, t = 4-43, lead lagged 3",
        "space-aligned columns with an index column",
    )


@item
def lm_south_lifeexp_murder_quoted_csv() -> None:
    d = states()
    d = d[d.region == "South"]
    le, mu = fmt(d.Life_Exp, 2), dec1(d.Murder)
    lines = ['"State","Abb","Murder","Life.Exp"'] + [
        f'"{s}","{a}",{m},{e}' for s, a, m, e in zip(d.state, d.abb, mu, le, strict=True)
    ]
    prompt = (
        "\n".join(lines) + "\n\nSouthern states only. lm(Life.Exp ~ Murder): slope, intercept, R squared and "
        "the slope's p value"
    )
    b.lm_item(
        SET,
        prompt,
        mu,
        le,
        "Life.Exp on Murder",
        ["slope", "intercept", "r2", "p"],
        "datasets::state.x77 Life Exp and Murder, South",
        "quoted csv with a state abbreviation column",
    )


def udca1_first80() -> pd.DataFrame:
    return udca1().iloc[:80]


@item
def logistic_udca1_riskscore_columns() -> None:
    d = udca1_first80()
    risk = dec1(d.riskscore)
    st = toks(d.status)
    lines = ["id trt riskscore failed"] + [
        f"{i:>2} {t:>3} {r:>9} {s:>6}" for i, t, r, s in zip(toks(d.id), toks(d.trt), risk, st, strict=True)
    ]
    prompt = (
        "UDCA trial, first 80 patients. failed = 1 if treatment failure during follow-up. logistic regression of "
        "failed on the baseline Mayo risk score only (ignore trt): OR per 1-point increase, 95% CI and p\n"
        + "\n".join(lines)
    )
    logit_item(
        prompt,
        risk,
        st,
        "OR per point of riskscore; failed = event",
        "survival::udca1 rows 1-80, status and riskscore",
        "request before space-aligned columns with an unused column",
    )


@item
def logistic_udca1_bili_followup_pairs() -> None:
    d = udca1_first80()
    bili = dec1(d.bili)
    st = ["F" if s == 1 else "N" for s in d.status]
    pairs = "; ".join(f"{x} {y}" for x, y in zip(bili, st, strict=True))
    prompt = (
        "great, thx. same 80 UDCA patients, same logistic model but with bilirubin (mg/dL) instead of the risk "
        "score. bili and outcome (F = failed, N = not):\n" + pairs + "\nOR per mg/dL with CI and p"
    )
    logit_item(
        prompt,
        bili,
        ["1" if s == "F" else "0" for s in st],
        "OR per mg/dL of bili; F = event",
        "survival::udca1 rows 1-80, status and bili",
        "follow-up wording, value-letter pairs on one line",
    )


# ================================================================ survival


@item
def km_udca1_placebo_surv_print() -> None:
    d = udca1()
    d = d[d.trt == 0]
    t, e = toks(d.futime), toks(d.status)
    shown = b.r_text("with(subset(survival::udca1, trt == 0), print(Surv(futime, status)))").rstrip()
    prompt = (
        "> with(subset(udca1, trt == 0), Surv(futime, status))   # placebo arm, days to treatment failure\n"
        + shown
        + "\n\nKaplan-Meier: median time to treatment failure and the failure-free proportion at 1 year (365 d) "
        "and 3 years (1095 d)"
    )
    b.km_item(
        SET,
        prompt,
        t,
        e,
        [365, 1095],
        "median; S at 365 and 1095 days",
        "survival::udca1 placebo arm",
        "R Surv print with + marks, several lines",
    )


def bladder_arm(arm: str) -> tuple[list[str], list[str]]:
    """One arm's months to first recurrence (recurrence = event; death or last visit = censored), stop > 0."""
    d = bladder_first()
    d = d[(d.treatment == arm) & (d.stop > 0)]
    return toks(d.stop), toks(d.recur1)


@item
def km_bladder1_pyridoxine_prose() -> None:
    t, e = bladder_arm("pyridoxine")
    ev = sorted(b.split_by(t, e, "1"), key=float)
    cens = sorted(b.split_by(t, e, "0"), key=float)
    prompt = (
        f"pyridoxine arm of the VA bladder trial, {len(t)} patients with some follow-up. first recurrence seen at "
        + ", ".join(ev)
        + " months; no recurrence (last visit or death) at "
        + ", ".join(cens)
        + " months. KM median time to first recurrence, and recurrence-free probability at 12 and 24 months?"
    )
    b.km_item(
        SET,
        prompt,
        ev + cens,
        ["1"] * len(ev) + ["0"] * len(cens),
        [12, 24],
        "median; S at 12 and 24 months",
        "survival::bladder1 pyridoxine arm, first interval, stop > 0",
        "event times and censored times in prose",
    )


@item
def logrank_udca1_trt_csv_legend() -> None:
    d = udca1()
    t, e = toks(d.futime), toks(d.status)
    arm = ["UDCA" if x == 1 else "placebo" for x in d.trt]
    lines = ["days,failed,arm"] + [f"{a},{s},{g}" for a, s, g in zip(t, e, arm, strict=True)]
    prompt = (
        "\n".join(lines) + "\n\nUDCA vs placebo in PBC (Lindor 1994). days = to treatment failure or last "
        "contact, failed: 1 = treatment failure, 0 = censored. log rank test between the arms"
    )
    logrank_item(prompt, t, e, arm, "two arms", "survival::udca1", "csv with a status legend after the data")


@item
def logrank_bladder1_three_arms_plus() -> None:
    arms = ["placebo", "pyridoxine", "thiotepa"]
    data = {a: bladder_arm(a) for a in arms}
    prompt = (
        "months to first recurrence, bladder cancer trial (Byar), + = censored (no recurrence by last visit or "
        "death)\n" + "\n".join(f"{a}: {b.plus(*data[a])}" for a in arms) + "\n\nlog-rank test across all three arms"
    )
    t = [x for a in arms for x in data[a][0]]
    e = [x for a in arms for x in data[a][1]]
    g = [a for a in arms for _ in data[a][0]]
    logrank_item(prompt, t, e, g, "three arms", "survival::bladder1 first interval, stop > 0", "labelled plus lists")


@item
def logrank_mgus2_sex_status12() -> None:
    m = mgus2().iloc[:80]
    t, e = toks(m.futime), toks(m.death)
    st = [str(int(x) + 1) for x in e]
    lines = ["futime status sex"] + [f"{a} {s} {x}" for a, s, x in zip(t, st, m.sex, strict=True)]
    prompt = (
        "first 80 patients of mgus2, months from diagnosis to death or last follow-up. status is in the old "
        "survival coding: 1 = alive (censored), 2 = dead\n" + "\n".join(lines) + "\n\nlogrank F vs M"
    )
    logrank_item(
        prompt,
        t,
        e,
        list(m.sex),
        "two groups; status 1/2",
        "survival::mgus2 rows 1-80, death by sex",
        "space columns, status 1 = censored 2 = event",
    )


@item
def cox_udca1_bili_breslow_tsv() -> None:
    d = udca1().iloc[:120]
    t, e, bili = toks(d.futime), toks(d.status), dec1(d.bili)
    lines = ["id\tbili_mg_dl\tdays\tfailure (1=yes)"] + [
        f"{i}\t{x}\t{a}\t{s}" for i, x, a, s in zip(toks(d.id), bili, t, e, strict=True)
    ]
    prompt = (
        "\n".join(lines) + "\n\n(first 120 UDCA patients.) Cox PH of time to treatment failure on baseline "
        "bilirubin as continuous, HR per mg/dL with 95% CI — please use Breslow ties like SAS does"
    )
    cox_item(
        prompt,
        t,
        e,
        bili,
        "Breslow ties; HR per mg/dL bili",
        "survival::udca1 rows 1-120",
        "tsv with a legend in the header",
        ties="breslow",
    )


@item
def cox_bladder1_pyridoxine_vs_placebo_plus() -> None:
    tp, ep = bladder_arm("placebo")
    ty, ey = bladder_arm("pyridoxine")
    prompt = (
        "time to first recurrence (months), + = censored\n"
        f"placebo: {b.plus(tp, ep)}\npyridoxine: {b.plus(ty, ey)}\n\n"
        "coxph, pyridoxine vs placebo (placebo = reference): HR, 95% CI, p. Efron ties"
    )
    cox_item(
        prompt,
        tp + ty,
        ep + ey,
        ["0"] * len(tp) + ["1"] * len(ty),
        "Efron ties; pyridoxine vs placebo",
        "survival::bladder1 placebo and pyridoxine, first interval, stop > 0",
        "labelled plus lists",
    )


@item
def cox_mgus2_hgb_tuples() -> None:
    m = mgus2().iloc[:60]
    m = m[~m.hgb.isna()]
    t, e, h = toks(m.futime), toks(m.death), dec1(m.hgb)
    prompt = (
        "(months, died, hgb) for the first 60 MGUS patients:\n"
        + ", ".join(f"({a}, {s}, {x})" for a, s, x in zip(t, e, h, strict=True))
        + "\n\nunivariable cox regression of survival on haemoglobin (g/dL), HR per 1 g/dL"
    )
    cox_item(prompt, t, e, h, "Efron ties; HR per g/dL hgb", "survival::mgus2 rows 1-60", "tuples on one line")


# ================================================================ design and multiplicity


@item
def sample_size_t_mgus2_hgb() -> None:
    sd = f"{mgus2().hgb.std():.1f}"
    prompt = (
        "planning a trial of an anaemia drug in MGUS patients. haemoglobin SD in the Mayo MGUS cohort was about "
        f"{sd} g/dL. how many patients per arm to detect a 1 g/dL difference in mean hgb (two-sided alpha 0.05) "
        "with 80% power? and 90%?"
    )
    b.sample_size_t_item(
        SET,
        prompt,
        "1",
        sd,
        [0.8, 0.9],
        "80% and 90% power",
        "design values (survival::mgus2 hgb SD, rounded)",
        "design prose",
    )


@item
def power_t_rhdnase_fev() -> None:
    sd = f"{rhdnase().fev.std():.0f}"
    prompt = (
        f"FEV1 % predicted has SD ~{sd} in CF patients (rhDNase trial baseline). with only 25 patients per arm, what "
        "power does a two-sample t-test have for a 10-point difference, alpha 0.05 two sided? and at alpha = 0.01?"
    )
    power_t_item(
        prompt,
        "25",
        "10",
        sd,
        ["0.05", "0.01"],
        "n = 25, alpha 0.05 and 0.01",
        "design values (survival::rhDNase fev SD, rounded)",
        "design prose with ~ before the SD",
    )


@item
def sample_size_prop_udca1_failure() -> None:
    d = udca1()
    p0, p1 = d.status[d.trt == 0].mean(), d.status[d.trt == 1].mean()
    a, c = f"{p0:.2f}", f"{p1:.2f}"
    prompt = (
        f"in the Mayo UDCA trial treatment failure was {100 * p0:.0f}% on placebo and {100 * p1:.0f}% on UDCA. "
        f"For a confirmatory trial assuming {a} vs {c}, how many per group for 80% and for 90% power, alpha "
        "5% two-sided?"
    )
    sample_size_prop_item(
        prompt,
        a,
        c,
        [0.8, 0.9],
        "80% and 90% power",
        "design values (survival::udca1 failure proportions by arm, rounded)",
        "design prose with percentages and decimals",
    )


@item
def power_prop_bladder_recurrence() -> None:
    d = bladder_first()
    p0 = d.recur1[d.treatment == "placebo"].mean()
    p1 = d.recur1[d.treatment == "thiotepa"].mean()
    a, c = f"{p0:.2f}", f"{p1:.2f}"
    prompt = (
        f"first-interval recurrence was {a} on placebo vs {c} on thiotepa in the VA bladder trial. power of a "
        "two-proportion test (two-sided .05) with 100 patients per arm? and 150 per arm?"
    )
    r = (
        f"a <- power.prop.test(n = 100, p1 = {a}, p2 = {c})$power\n"
        f"c0 <- power.prop.test(n = 150, p1 = {a}, p2 = {c})$power\nemit(power_n100 = a, power_n150 = c0)"
    )
    check = {
        "power_n100": b.power_prop_py(100, float(a), float(c)),
        "power_n150": b.power_prop_py(150, float(a), float(c)),
    }
    answer(
        prompt,
        "power_proportions",
        "two-sided; n = 100 and 150 per arm",
        r,
        check,
        "design values (survival::bladder1 first-interval recurrence, placebo vs thiotepa, rounded)",
        "design prose with decimals",
    )


STATE_P_VARIABLES = ["Income", "Illiteracy", "Life Exp", "HS Grad", "Frost"]
STATE_P_CODE = (
    "s <- as.data.frame(state.x77, check.names = FALSE); m <- state.division == 'Mountain'; "
    "pa <- state.division == 'Pacific'\n"
    "p <- sapply(c(" + ", ".join(f"'{v}'" for v in STATE_P_VARIABLES) + "), function(v) t.test(s[m, v], "
    "s[pa, v])$p.value)"
)


@functools.cache
def state_pvalues() -> list[str]:
    """Welch p-values, Mountain vs Pacific states, for five state.x77 variables (3 significant digits)."""
    return [fnum(float(x)) for x in b.r_text(STATE_P_CODE + "\ncat(format(signif(p, 3)), sep = '\\n')").split()]


@item
def padjust_state_mountain_pacific_bonferroni() -> None:
    shown = b.r_text(STATE_P_CODE + "\nprint(signif(p, 3))").rstrip()
    prompt = (
        "welch p-values, Mountain vs Pacific states, for five state.x77 variables:\n> signif(p, 3)\n"
        + shown
        + "\n\nbonferroni-adjust these for me"
    )
    b.padj_item(
        SET,
        prompt,
        ["income", "illiteracy", "life_exp", "hs_grad", "frost"],
        state_pvalues(),
        "bonferroni",
        "datasets::state.x77 Welch p-values, Mountain vs Pacific (3 s.f.)",
        "R named vector print, names with spaces",
    )


@item
def padjust_bladder1_pairwise_holm_markdown() -> None:
    pairs = [("placebo", "pyridoxine"), ("placebo", "thiotepa"), ("pyridoxine", "thiotepa")]
    pv = []
    for x, y in pairs:
        tx, ex = bladder_arm(x)
        ty, ey = bladder_arm(y)
        k = b.r_values(b.r_logrank(tx + ty, ex + ey, [x] * len(tx) + [y] * len(ty)))
        pv.append(f"{k['p']:.3g}")
    rows = "\n".join(f"| {x} vs {y} | {p} |" for (x, y), p in zip(pairs, pv, strict=True))
    prompt = (
        "pairwise log-rank tests between the three bladder-trial arms (time to first recurrence):\n\n"
        "| comparison | p |\n|---|---|\n" + rows + "\n\nholm correction please"
    )
    b.padj_item(
        SET,
        prompt,
        ["placebo_pyridoxine", "placebo_thiotepa", "pyridoxine_thiotepa"],
        pv,
        "holm",
        "survival::bladder1 pairwise log-rank p-values (3 s.f.)",
        "markdown table of p-values",
    )


@item
def padjust_udca2_endpoints_bh_tsv() -> None:
    endpoints = ["death", "transplant", "histologic progression", "varices", "doubling of bilirubin"]
    pv = []
    for ep in endpoints:
        k = b.r_values(
            f"x <- subset(survival::udca2, endpoint == '{ep}')\ns <- survdiff(Surv(futime, status) ~ trt, data = x)\n"
            "emit(p = pchisq(s$chisq, 1, lower.tail = FALSE))"
        )
        pv.append(f"{k['p']:.3g}")
    lines = ["endpoint\tlog-rank p (UDCA vs placebo)"] + [f"{e}\t{p}" for e, p in zip(endpoints, pv, strict=True)]
    prompt = (
        "UDCA trial, separate log-rank tests for five of the component endpoints:\n" + "\n".join(lines) + "\n\n"
        "Benjamini-Hochberg FDR-adjusted p values?"
    )
    b.padj_item(
        SET,
        prompt,
        ["death", "transplant", "histology", "varices", "bilirubin"],
        pv,
        "BH",
        "survival::udca2 log-rank p-values by endpoint (3 s.f.)",
        "tsv of labelled p-values, endpoint names with spaces",
    )


# ================================================================ must-decline: analyses no recipe computes


@item
def declines_unsupported_analyses() -> None:
    shown = b.r_text("print(window(USAccDeaths, start = c(1976, 1)))").rstrip()
    decline(
        "> window(USAccDeaths, start = c(1976, 1))\n" + shown + "\n\nFriedman test: do the three years differ, "
        "with month as the blocking factor (friedman.test on the 12 x 3 matrix)?",
        "friedman",
        "the Friedman rank test for a blocked design is not a supported analysis",
        ["friedman", "block", "no vetted recipe"],
        "datasets::USAccDeaths 1976-1978",
        "R monthly ts print",
    )
    rk = r_frame("rock")
    # first written as a decline; labbot's one-way ANOVA reports Tukey's HSD (R's TukeyHSD), so it is answerable
    b.tukey_item(
        SET,
        "area\tperm\n"
        + "\n".join(f"{fnum(a)}\t{fnum(p)}" for a, p in zip(rk.area, rk.perm, strict=True))
        + "\n\nthe ANOVA across cores was significant — now TukeyHSD(aov(area ~ factor(perm))) so I know which "
        "cores differ",
        [[fnum(a) for a in rk.area[rk.perm == level]] for level in dict.fromkeys(rk.perm)],
        "datasets::rock area by perm",
        "tsv long",
    )
    st = states()
    decline(
        "state\tregion\tincome\tlife_exp\n"
        + "\n".join(
            f"{s}\t{r}\t{fnum(i)}\t{e:.2f}"
            for s, r, i, e in zip(st.state, st.region, st.Income, st.Life_Exp, strict=True)
        )
        + "\n\nANCOVA: life expectancy by region adjusted for per-capita income — adjusted means and the F test "
        "for region",
        "ancova",
        "an analysis of covariance (a model adjusted for a covariate) is not a supported analysis",
        ["adjust", "covariate", "ancova"],
        "datasets::state.x77 Life Exp, Income by state.region",
        "tsv with a factor and two numeric columns",
    )
    u = udca1()
    plac, udca = u[u.trt == 0], u[u.trt == 1]
    decline(
        "days to treatment failure, + = censored\nplacebo: "
        + b.plus(toks(plac.futime), toks(plac.status))
        + "\nUDCA: "
        + b.plus(toks(udca.futime), toks(udca.status))
        + '\n\nCox model UDCA vs placebo but with the EXACT partial likelihood for ties (ties = "exact"), '
        "not Efron or Breslow",
        "cox",
        "the exact partial likelihood for tied times is not one of the Cox recipe's tie methods",
        ["exact", "ties", "efron"],
        "survival::udca1",
        "labelled plus lists",
    )
    tp, ep = bladder_arm("placebo")
    tt, et = bladder_arm("thiotepa")
    decline(
        f"placebo: {b.plus(tp, ep)}\nthiotepa: {b.plus(tt, et)}\n(months to first recurrence, + censored)\n\n"
        "the early differences matter most here, so a Gehan-Breslow generalized Wilcoxon test rather than the "
        "log-rank",
        "gehan_wilcoxon",
        "the Gehan-Breslow generalized Wilcoxon test is not what the log-rank recipe computes",
        ["gehan", "breslow", "wilcoxon"],
        "survival::bladder1 placebo and thiotepa, first interval",
        "labelled plus lists",
    )
    shown = b.r_text("with(subset(survival::udca1, trt == 0), print(Surv(futime, status)))").rstrip()
    decline(
        "> with(subset(udca1, trt == 0), Surv(futime, status))\n" + shown + "\n\nNelson-Aalen estimate of the "
        "cumulative hazard of treatment failure at 365 and 1095 days (not the KM survival)",
        "nelson_aalen",
        "the Nelson-Aalen cumulative hazard is not what the Kaplan-Meier recipe computes",
        ["nelson", "aalen", "cumulative hazard"],
        "survival::udca1 placebo arm",
        "R Surv print",
    )
    d = udca1_first80()
    decline(
        "riskscore,failed\n"
        + "\n".join(f"{r:.1f},{fnum(s)}" for r, s in zip(d.riskscore, d.status, strict=True))
        + '\n\nglm(failed ~ riskscore, family = binomial(link = "probit")) — probit coefficient and its SE '
        "please, not logit",
        "probit_regression",
        "probit regression is not what the logistic recipe computes",
        ["probit", "link", "no vetted recipe"],
        "survival::udca1 rows 1-80, status and riskscore",
        "csv",
    )
    o = r_frame("as.data.frame(occupationalStatus)")
    lo_o, lo_d = o.origin <= 4, o.destination <= 4
    cells = [
        [int(o.Freq[lo_o & lo_d].sum()), int(o.Freq[lo_o & ~lo_d].sum())],
        [int(o.Freq[~lo_o & lo_d].sum()), int(o.Freq[~lo_o & ~lo_d].sum())],
    ]
    decline(
        f"father 1-4 & son 1-4: {cells[0][0]}; father 1-4 & son 5-8: {cells[0][1]}; father 5-8 & son 1-4: "
        f"{cells[1][0]}; both 5-8: {cells[1][1]}. how well do father's and son's status agree? Cohen's kappa with "
        "a 95% CI",
        "cohen_kappa",
        "Cohen's kappa (agreement) is not a supported analysis",
        ["kappa", "agreement", "no vetted recipe"],
        "datasets::occupationalStatus collapsed at 4",
        "paired counts in prose",
    )
    pv = state_pvalues()
    decline(
        f"five Welch p-values (Mountain vs Pacific states): income {pv[0]}, illiteracy {pv[1]}, life exp {pv[2]}, "
        f"HS grad {pv[3]}, frost {pv[4]}. adjust them with Hommel's method",
        "p_adjust",
        "Hommel's adjustment is not one of the recipe's methods (Bonferroni, Holm, BH)",
        ["hommel", "bonferroni", "holm"],
        "datasets::state.x77 Welch p-values, Mountain vs Pacific (3 s.f.)",
        "p-values in prose",
    )
    decline(
        "we'll compare life expectancy across 4 regions (ANOVA). between-group variance about 0.5, within-group "
        "variance about 1.6 (yrs^2). how many subjects per group for 80% power at alpha 0.05? "
        "(power.anova.test)",
        "sample_size_anova",
        "sample size for a one-way ANOVA of several groups is not one of the design recipes (two means, two "
        "proportions)",
        ["anova", "groups", "two means"],
        "design values (datasets::state.x77 Life Exp by region, rounded)",
        "design prose",
    )
    t = titanic()
    cs, cd = titanic_n(t, "Crew", "Female", "Adult", "Yes"), titanic_n(t, "Crew", "Female", "Adult", "No")
    ts_, td = titanic_n(t, "3rd", "Female", "Adult", "Yes"), titanic_n(t, "3rd", "Female", "Adult", "No")
    decline(
        f"women on the Titanic: crew {cs} survived / {cd} died; 3rd class adults {ts_} survived / {td} died. "
        "Barnard's unconditional exact test please (it's more powerful than Fisher's)",
        "barnard",
        "Barnard's unconditional exact test is not what the Fisher recipe computes",
        ["barnard", "unconditional", "no vetted recipe"],
        "datasets::Titanic adult women, Crew vs 3rd",
        "x survived / y died in prose",
    )


# ================================================================ must-decline: data or settings the recipe cannot take


@item
def declines_unusable_data() -> None:
    d = states()
    sa = dec1(d.Murder[d.division == "South Atlantic"])
    pa = dec1(d.Murder[d.division == "Pacific"])
    decline(
        f"murder rate per 100k\nSouth Atlantic (n=8): {', '.join(sa)}\nPacific (n=6): {', '.join(pa)}\n\n"
        "welch t test South Atlantic minus Pacific",
        "welch_t",
        "the Pacific group is said to have 6 states but only 5 values are given",
        ["n=6", "values", "contradict"],
        "datasets::state.x77 Murder, South Atlantic and Pacific (n mis-stated)",
        "labelled lists with a stated n",
    )
    e = esoph_by("agegp")
    cells = [[int(a), int(c)] for a, c in zip(e.ncases, e.ncontrols, strict=True)]
    lines = ["age\tcases\tcontrols\ttotal"]
    for g, (a, c) in zip(e.agegp, cells, strict=True):
        lines.append(f"{g}\t{a}\t{c}\t{a + c}")
    ta, tc = sum(r[0] for r in cells), sum(r[1] for r in cells)
    lines.append(f"Total\t{ta}\t{tc + 10}\t{ta + tc + 10}")
    decline(
        "\n".join(lines) + "\n\nchi-square test of age band by case status",
        "chi_square",
        "the Total row's controls (and grand total) do not match the sum of the cells",
        ["total", "sum", "match"],
        "datasets::esoph by agegp, controls total altered by 10",
        "tsv with a Total row that contradicts the cells",
    )
    t, ev = bladder_arm("pyridoxine")
    decline(
        f"pyridoxine arm, months to first recurrence (+ = censored): {b.plus(t, ev)}\n\n"
        "KM estimate of the recurrence-free proportion at 6 years (72 months) please",
        "kaplan_meier",
        "no patient was followed beyond 60 months, so S at 72 months cannot be estimated",
        ["72", "follow", "beyond"],
        "survival::bladder1 pyridoxine arm, first interval",
        "one labelled plus list",
    )
    u = udca1()
    lines = ["days,failed,arm"] + [
        f"{fnum(a)},{fnum(s)},{'UDCA' if g == 1 else 'placebo'}"
        for a, s, g in zip(u.futime, u.status, u.trt, strict=True)
    ]
    decline(
        "\n".join(lines[:101]) + "\n\nlog-rank test, ONE-sided: is failure slower on UDCA than placebo?",
        "log_rank",
        "the log-rank recipe gives a two-sided chi-square test only",
        ["one-sided", "two-sided", "one sided"],
        "survival::udca1 rows 1-100",
        "csv",
    )
    m = mgus2()
    window = m.iloc[20:40]
    if int(window.pstat.sum()) != 0:
        raise AssertionError("the mgus2 window has a progression")
    decline(
        "id,mspike,progressed\n"
        + "\n".join(
            f"{fnum(i)},{dec1([x])[0]},{fnum(p)}"
            for i, x, p in zip(window.id, window.mspike, window.pstat, strict=True)
        )
        + "\n\nlogistic regression progressed ~ mspike, OR per g/dL",
        "logistic_regression",
        "no patient in the pasted rows progressed, so the outcome never varies and the model cannot be fitted",
        ["no event", "outcome", "all"],
        "survival::mgus2 rows 21-40 (no progressions)",
        "csv with an all-zero outcome",
    )
    decline(
        "sample size q: we want to detect a 1 g/dL difference in mean haemoglobin between two arms, 80% power, "
        "alpha 0.05 two-sided. how many per arm?",
        "sample_size_t",
        "no standard deviation (or standardized effect size) is given, so the sample size cannot be computed",
        ["sd", "standard deviation", "variab"],
        "design question without an SD",
        "design prose",
    )
    cut = [*lines[:60], "1456,"]
    decline(
        "log rank UDCA vs placebo on this please:\n" + "\n".join(cut),
        "log_rank",
        "the message is cut off in the middle of a data row",
        ["cut", "incomplete", "truncat"],
        "survival::udca1 rows 1-59 and a partial row",
        "csv that stops mid-row",
    )


if __name__ == "__main__":
    SET.run()
