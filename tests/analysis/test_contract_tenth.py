"""The ninth and tenth fresh sets, as classes. Confidently wrong before: a column of levels in blocks ("conc 0 0 …
80 80 …") compared as a group against the values beside it; a multiple regression answered as a simple one; a
mid-p or a mean cumulative function answered by the ordinary method; "Theil-Sen slope" answered by least squares.
Declined before: McNemar cells told apart by "and", "but" and "neither"; a rate and the change hoped for ("died
(0.31) … cut that to 0.20"); a factor with decimal levels; a "%" column of bare numbers; counts in words or
with thousands separators in prose; R's Surv(day, tumour) naming the columns; lifelines' T and E; a gappy column
set aside by "not"; design settings written loosely.

Reference values are scipy's and statsmodels' on the same numbers, and R's power.prop.test (246 and 328 per arm).
"""

from __future__ import annotations

import math

import pandas as pd
import pytest
from scipy import stats
from statsmodels.duration.hazard_regression import PHReg
from statsmodels.stats.contingency_tables import mcnemar
from statsmodels.stats.power import TTestIndPower

from analysis.plan import plan_analysis
from tests.analysis.planning import planned, printed

BUT_CELLS = [
    "dem ID and Clinton vote: 181\ndem ID but voted Dole: 7\nnot dem ID but voted Clinton: 27\nneither: 85",
    "neither: 85\nnot dem ID but voted Clinton: 27\ndem ID and Clinton vote: 181\ndem ID but voted Dole: 7",
    "smoker and drinker 181; smoker but not drinker 7; not smoker but drinker 27; neither 85",
]


@pytest.mark.parametrize("cells", BUT_CELLS)
def test_four_cells_told_apart_by_and_but_and_neither_are_a_mcnemar_table(cells: str) -> None:
    call = planned(f"{cells}\n\nmcnemar's test with continuity correction please")
    assert call.name == "mcnemar"
    expected = mcnemar([[181, 7], [27, 85]], exact=False, correction=True)
    out = printed(call)
    assert f"{expected.statistic:.4f}"[:5] in out
    assert f"{expected.pvalue:.3g}"[:4] in out


def test_cells_that_do_not_make_the_four_of_a_paired_table_are_not_read_as_one() -> None:
    cells = "dem ID and Clinton vote: 181\ndem ID but voted Dole: 7\nnot dem ID and voted Clinton: 27\nneither: 85"
    plan = plan_analysis(f"{cells}\n\nmcnemar's test please")
    assert plan.status == "declined"


@pytest.mark.parametrize(
    "rates",
    [
        "In the cohort 31 of 99 died during follow-up (0.31). a new regimen might cut that to 0.20.",
        "31% die within a year now; we hope the new regimen will reduce that to 20%.",
        "mortality is 0.31 at present, and the bundle could bring the rate down to 0.20",
    ],
)
def test_a_rate_and_the_change_hoped_for_are_the_two_proportions_of_a_design(rates: str) -> None:
    plan = plan_analysis(f"{rates} how many patients per arm for 80% and for 90% power, two-sided alpha 0.05?")
    assert plan.status == "planned", plan.reason
    assert [(c.args.p1, c.args.p2, c.args.power) for c in plan.calls] == [(0.31, 0.2, 0.9), (0.31, 0.2, 0.8)]
    at_90, at_80 = (printed(call) for call in plan.calls)
    assert "n per group (normal approximation), rounded up = 328" in at_90
    assert "n per group (normal approximation), rounded up = 246" in at_80


LEVELS = [0, 80, 160, 235]
BROOD = [[3, 5, 6, 6, 5], [6, 5, 8, 3, 7], [6, 2, 6, 5, 6], [4, 2, 7, 4, 6]]
LONG = "   conc brood1\n" + "\n".join(
    f"{i:>2} {level:>5} {value:>6}"
    for i, (level, value) in enumerate(((lv, v) for lv, vs in zip(LEVELS, BROOD, strict=True) for v in vs), start=1)
)


@pytest.mark.parametrize("ask", ["kruskal wallis test please", "kruskal-wallis of brood1 across all 4 concentrations"])
def test_a_column_of_levels_in_blocks_groups_the_values_beside_it_never_is_a_group_itself(ask: str) -> None:
    call = planned(f"{LONG}\n\n{ask}")
    assert call.args.labels == [f"conc {level}" for level in LEVELS]
    h = stats.kruskal(*BROOD).statistic
    assert f"H statistic (Kruskal-Wallis chi-square) = {h:.6g}" in printed(call)


def test_a_two_group_test_on_a_column_of_four_levels_declines_rather_than_comparing_the_columns() -> None:
    plan = plan_analysis(f"{LONG}\n\nwelch t test")
    assert plan.status == "declined"


def test_a_column_treated_as_a_factor_groups_even_with_decimal_levels_and_many_of_them() -> None:
    times = [0.45, 1.3, 2.4, 4.0, 6.1, 8.05, 11.15, 13.15, 15.0]
    values = [[round(0.34 + t / 3 + 0.1 * k, 5) for k in range(3)] for t in times]
    rows = "\n".join(f"{t:.2f}\t{v:.5f}" for t, vs in zip(times, values, strict=True) for v in vs)
    call = planned(f"time\tcal\n{rows}\n\none way anova treating time as a categorical factor (9 levels)")
    assert len(call.args.groups) == 9
    compile(call.code(), "anova.py", "exec")  # labels such as "time 13.15" stay whole string literals
    f = stats.f_oneway(*values).statistic
    assert f"F statistic = {f:.6g}" in printed(call)


@pytest.mark.parametrize(
    ("ask", "named"),
    [
        ("regress consumption on copper price, income index and aluminium price", "more than one covariate"),
        ("regress consumption on price and income jointly (OLS)", "more than one covariate"),
        ("fisher exact but I need the mid-p value (Lancaster)", "mid-p"),
        ("Nelson-Aalen mean cumulative function of replacements", "recurrent-event"),
        ("Theil-Sen slope of consumption on price", "Theil-Sen"),
        ("Nelson-Aalen cumulative hazard at 10 years", "Nelson-Aalen"),
    ],
)
def test_a_named_method_without_a_recipe_is_declined_by_name_not_replaced(ask: str, named: str) -> None:
    data = "price\tincome\tconsumption\n26.5\t0.70\t3173\n27.3\t0.71\t3281\n32.9\t0.72\t3135\n33.8\t0.70\t3303\n"
    plan = plan_analysis(data + "31.1\t0.74\t3550\n36.3\t0.80\t4012\n\n" + ask)
    assert plan.status == "declined"
    assert "no vetted recipe" in plan.reason and named in plan.reason


def test_a_percentage_column_of_bare_numbers_is_set_aside_and_the_counts_with_totals_are_read() -> None:
    text = (
        "species | in suspension | total | %\nP. major | 64 | 66 | 97.0\nK. cochlearis | 94 | 101 | 93.1\n"
        "risk difference (P. major minus K. cochlearis) with a 95% Wald CI"
    )
    call = planned(text)
    assert call.args.rows == [[64, 2], [94, 7]]


def test_a_count_after_against_that_is_out_of_a_total_is_a_row_not_a_null_value() -> None:
    text = (
        "Of the 2,414 childless women in the Fair data 502 reported an affair, against 1,551 of the 3,952 with "
        "children. 2x2 chi-squared with Yates' continuity correction please"
    )
    plan = plan_analysis(text)
    assert "mu" not in plan.parsed.scalars
    assert plan.calls[0].args.rows == [[502, 1912], [1551, 2401]]


def test_counts_in_words_are_read_as_a_fraction_and_small_wholes_stay_words() -> None:
    call = planned(
        "At 4600 hours twenty-one of the thirty-six wheels had cracked; at 2200 hours it was five of thirty. "
        "odds ratio (4600 h vs 2200 h) with a 90 percent confidence interval, Woolf"
    )
    assert call.args.rows == [[21, 15], [5, 25]]
    log_or = math.log(21 * 25 / (15 * 5))
    se = math.sqrt(1 / 21 + 1 / 15 + 1 / 5 + 1 / 25)
    low = math.exp(log_or - stats.norm.ppf(0.95) * se)
    assert f"odds ratio 90% CI lower = {low:.6g}" in printed(call)
    assert plan_analysis("one of the two groups got the drug").parsed.tables == ()


RATS = [(1, 182, 1), (1, 63, 1), (1, 120, 0), (1, 70, 1), (1, 95, 1), (1, 150, 0), (1, 44, 1), (1, 101, 1),
        (0, 50, 1), (0, 61, 1), (0, 182, 0), (0, 33, 1), (0, 72, 1), (0, 40, 1), (0, 88, 1), (0, 68, 1)]  # fmt: skip


def test_r_surv_call_names_the_time_and_event_columns_whatever_their_legends_say() -> None:
    rows = "\n".join(f"{i:>3} {trt:>3} {day:>3} {tumour:>6}" for i, (trt, day, tumour) in enumerate(RATS, start=1))
    text = (
        f"rat trt day tumour\n{rows}\n\ntrt 1 = drug, 0 = control; tumour 1 = first tumour seen that day, 0 = none "
        'by day 182. coxph(Surv(day, tumour) ~ trt, ties = "breslow") -> HR drug vs control'
    )
    call = planned(text)
    assert call.name == "cox_regression"
    frame = pd.DataFrame(RATS, columns=["trt", "day", "tumour"])
    fit = PHReg(frame["day"], frame[["trt"]], status=frame["tumour"], ties="breslow").fit()
    # no tied event times here, so Breslow's and Efron's estimates agree
    assert f"hazard ratio (drug vs control) = {math.exp(fit.params[0]):.6g}" in printed(call)


def test_lifelines_t_and_e_columns_with_a_named_zero_one_column_compare_its_two_groups() -> None:
    rows = "\n".join(f"{day}\t{tumour}\t{trt}" for trt, day, tumour in RATS)
    call = planned(f"T\tE\tbasin\n{rows}\nbasin = 1 for trough, 0 fan. coxph with ties = 'breslow', HR basin vs fan")
    assert call.name == "cox_regression" and len(call.args.groups) == 2


def test_a_gappy_column_the_request_sets_aside_costs_no_rows() -> None:
    rows = "\n".join(
        f"{day},{tumour},{40 + i},{'' if i == 0 else 12.5 + i / 10}" for i, (_, day, tumour) in enumerate(RATS)
    )
    call = planned(f"days,event,age,hgb\n{rows}\n\ncox regression on age alone (not hgb), HR per year of age")
    assert len(call.args.times) == len(RATS)


@pytest.mark.parametrize(
    "ask",
    [
        "control SD was about 3.6. we want to detect a drop of 3 between groups, two-sided alpha 0.05. how many "
        "animals per group for eighty percent power?",
        "SD of the total young per female across the control vessels is ~3.6. sample size per group for 80% "
        "power to detect a difference of 3, alpha 0.05",
    ],
)
def test_design_settings_written_loosely_are_read(ask: str) -> None:
    call = planned(ask)
    assert (call.args.sd, call.args.delta, call.args.power) == (3.6, 3.0, 0.8)


def test_power_of_a_named_test_with_a_difference_in_brackets_is_a_power_calculation() -> None:
    plan = plan_analysis(
        "40 per arm, SD is ~5.2. power of a two-sample t-test to detect a $2k (= 2) difference, alpha 0.05"
    )
    assert [call.name for call in plan.calls] == ["power_t_test"]
    expected = TTestIndPower().power(2 / 5.2, nobs1=40, alpha=0.05)
    assert f"{expected:.4g}"[:4] in printed(plan.calls[0])


def test_key_value_records_separated_by_semicolons_are_rows_of_columns() -> None:
    u, x = [138, 93, 61, 179, 48, 37, 29, 23], [143, 104, 69, 260, 75, 63, 50, 48]
    records = "; ".join(f"u={a}, x={b}" for a, b in zip(u, x, strict=True))
    call = planned(f"cities (pop in 1000s): {records}\nfit x ~ u, simple linear regression")
    assert (call.args.x, call.args.y) == (u, x)
    fit = stats.linregress(u, x)
    assert f"slope = {fit.slope:.6g}" in printed(call)


def test_mcnemar_cells_named_with_years_and_opposites_beside_their_total() -> None:
    text = (
        "World Bank fertility, 193 countries with both years. above replacement (TFR > 2.1) in both 1990 and 2010: "
        "117; above in 1990 but not 2010: 32; above in 2010 only: 1; below in both: 43.\nmcnemar, no continuity "
        "correction"
    )
    call = planned(text)
    assert call.args.rows == [[117, 32], [1, 43]]


def test_a_population_and_its_events_in_one_clause_are_events_of_a_total() -> None:
    call = planned(
        "drug: 120 patients and 30 deaths; placebo: 118 patients and 45 deaths. relative risk drug vs placebo"
    )
    assert call.args.rows == [[30, 90], [45, 73]] and call.args.row_labels == ["drug", "placebo"]
    assert planned("35 women and 15 men said yes; 20 women and 30 men said no. chi-square").args.rows == [
        [35, 15],
        [20, 30],
    ]


def test_the_bounds_of_an_age_group_are_part_of_its_name_but_an_arrow_is_no_bound() -> None:
    call = planned("aged 65+: 40 died, 60 survived; under 65: 20 died, 80 survived. odds ratio")
    assert call.args.rows == [[40, 60], [20, 80]]
    arrows = planned("uterine irritability: yes -> 2 LBW, 1 normal; no -> 9 LBW, 14 normal. Fisher exact")
    assert arrows.args.rows == [[2, 1], [9, 14]]


def test_a_spreadsheet_table_with_percent_cells_row_totals_and_a_total_row_reads_its_cells() -> None:
    text = (
        "from our excel summary sheet:\n\tIDP plan\t\tno IDP\t\tTotal\n"
        "physical limitation\t800\t(23.3%)\t2,639\t(76.7%)\t3,439\n"
        "no limitation\t4,449\t(26.6%)\t12,302\t(73.4%)\t16,751\n"
        "Total\t5,249\t\t14,941\t\t20,190\n\n2x2 chi-square without continuity correction on the counts"
    )
    call = planned(text)
    assert call.args.rows == [[800, 2639], [4449, 12302]]
    chi2 = stats.chi2_contingency([[800, 2639], [4449, 12302]], correction=False)[0]
    assert f"{chi2:.6g}" in printed(call)


def test_named_records_with_units_are_columns_and_a_word_beginning_with_mu_sets_no_null_value() -> None:
    states = {"Idaho": (14.3, 1.5), "Illinois": (13.3, 8.4), "Indiana": (14.4, 5.3), "Iowa": (11.8, 1.3),
              "Nebraska": (12.3, 2.5), "Ohio": (13.1, 5.0)}  # fmt: skip
    lines = "\n".join(f"{s}: poverty {p}%, murder {m} per 100k" for s, (p, m) in states.items())
    plan = plan_analysis(f"{lines}\nspearman rank correlation poverty vs murder")
    assert "mu" not in plan.parsed.scalars
    poverty, murder = zip(*states.values(), strict=True)
    rho = stats.spearmanr(poverty, murder).statistic
    assert f"{rho:.6g}" in printed(plan.calls[0])


SPEND = [124.98, 9.85, 15.0, 137.87, 546.5, 92.0, 40.83, 150.79, 777.82, 52.58]
OWNS = [1, 0, 1, 0, 1, 0, 0, 1, 1, 0]


@pytest.mark.parametrize(
    ("legend", "direction"), [("OWNRENT 1 = owns home", "owners minus renters"), ("", "OWNRENT=1 vs not")]
)
def test_a_zero_one_column_with_one_code_named_splits_the_values_in_the_direction_asked(
    legend: str, direction: str
) -> None:
    rows = "\n".join(f"{s}\t{o}\t{30 + i}" for i, (s, o) in enumerate(zip(SPEND, OWNS, strict=True)))
    call = planned(f"{legend}\nAVGEXP\tOWNRENT\tAGE\n{rows}\n\nwelch t test on AVGEXP, {direction}")
    owners = [s for s, o in zip(SPEND, OWNS, strict=True) if o]
    renters = [s for s, o in zip(SPEND, OWNS, strict=True) if not o]
    assert (call.args.values_a, call.args.values_b) == (owners, renters)


def test_a_column_name_negated_by_its_prefix_is_its_zero_code() -> None:
    temps = [36.58, 36.93, 37.23, 37.4, 37.5, 37.98, 38.1, 38.04, 37.9, 38.2]
    activ = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]
    rows = "\n".join(f"{t} {a}" for t, a in zip(temps, activ, strict=True))
    call = planned(f" temp activ\n{rows}\nwelch t, active minus inactive")
    assert call.args.values_a == temps[5:] and call.args.values_b == temps[:5]


def test_bounds_of_an_interval_censored_time_are_not_two_paired_measurements() -> None:
    rows = "\n".join(f"{a},{b}" for a, b in [(24, 27), (22, 22), (1, 16), (8, 20), (14, 14), (1, 13), (4, 32)])
    plan = plan_analysis(f"left,right\n{rows}\n(time to nephropathy only known between left and right)\npaired t-test")
    assert plan.status == "declined" and "interval-censored" in plan.reason


DPUT = """structure(list(Rat = 1:10, Diet = structure(c(1L, 1L, 1L, 1L, 2L, 2L, 2L, 3L, 3L,
3L), levels = c("1", "2", "3"), class = "factor"), weight = c(278, 245, 269, 275,
478, 496, 472, 525, 559, 548)), row.names = c(NA, -10L), class = "data.frame")"""


def test_a_dput_data_frame_is_read_as_its_columns_and_factors_and_sizes_in_prose_are_checked() -> None:
    call = planned(
        f"final weights, dput so you get it exactly:\n{DPUT}\n"
        "groups are tiny (4/3/3) so Kruskal Wallis on weight by Diet"
    )
    weights = [[278, 245, 269, 275], [478, 496, 472], [525, 559, 548]]
    assert [list(group) for group in call.args.groups] == weights
    assert f"H statistic (Kruskal-Wallis chi-square) = {stats.kruskal(*weights).statistic:.6g}" in printed(call)


def test_times_said_to_be_free_of_the_event_when_last_seen_are_censored_times_of_the_same_group() -> None:
    call = planned(
        "7 progressed, at 0.3, 1.0, 1.5, 3.0, 3.4, 3.4 and 5.4 years; the other 4 were progression-free when last "
        "seen at 7.3, 7.9, 9.3 and 9.4 years. Kaplan-Meier median and survival at 2 and 5 years"
    )
    assert len(call.args.groups) == 1 and call.args.groups[0].events == [1] * 7 + [0] * 4
    assert "median survival (group 1) = 3.4" in printed(call)


@pytest.mark.parametrize(
    "ask",
    [
        "difference in proportions with Newcombe's hybrid score interval, not the Wald one",
        "the proportion with a Wilson (score) 95% confidence interval",
    ],
)
def test_a_score_interval_is_declined_by_name_not_replaced_by_a_wald_one(ask: str) -> None:
    plan = plan_analysis(f"483/1,026 in tall men vs 199/1,974 in shorter men. {ask}")
    assert plan.status == "declined" and "score-type interval" in plan.reason


def test_counts_in_words_around_of_the_only_and_had_are_read_as_events_of_totals() -> None:
    call = planned(
        "Of the seventeen children who still had kyphosis after surgery, six had the operation start at or above the "
        "5th vertebra; of the sixty-four without kyphosis, only seven did. Fisher's exact test"
    )
    assert call.args.rows == [[6, 11], [7, 57]]


def test_a_count_table_with_an_empty_cell_is_declined_naming_the_cell() -> None:
    text = "height\t<11\t11-11.9\t12+\nunder 160\t160\t181\t3\n160-169\t217\t\t196\n170+\t14\t529\t483\nchi-square"
    plan = plan_analysis(text)
    assert plan.status == "declined" and "row '160-169', column '11-11.9'" in plan.reason


@pytest.mark.parametrize(
    ("ask", "expected"),
    [
        (
            "if two groups differ by 4 cm, how many per group? the SD at that age was roughly 9.4 cm. two-sided 5%, "
            "and eighty or ninety percent power",
            {"sd": 9.4, "delta": 4.0, "power": 0.9},
        ),
        (
            "we can only house 8 rats per diet; SD of about 12.4 g. power (2-sample t) to detect a 10 g difference at "
            "alpha = 0.05? and at 0.01?",
            {"n_per_group": 8.0, "sd": 12.4, "delta": 10.0, "alpha": 0.05},
        ),
    ],
)
def test_design_settings_in_loose_words_are_all_read(ask: str, expected: dict[str, float]) -> None:
    plan = plan_analysis(ask)
    assert plan.status == "planned", plan.reason
    assert {key: plan.parsed.scalars[key] for key in expected} == expected


def test_a_markdown_table_whose_every_column_is_a_percentage_is_read_as_the_data() -> None:
    shares = {"Montana": (41.1, 50.6), "Nebraska": (47.4, 59.8), "Nevada": (41.4, 47.5), "Ohio": (37.1, 45.2)}
    rows = "\n".join(f"| {s} | {a}% | {b}% |" for s, (a, b) in shares.items())
    call = planned(f"| state | 1964 | 1968 |\n|:--|--:|--:|\n{rows}\n\npaired t-test 1968 minus 1964 by state")
    first, second = zip(*shares.values(), strict=True)
    assert f"t statistic = {stats.ttest_rel(second, first).statistic:.6g}" in printed(call)


def test_a_column_named_in_several_words_is_named_by_its_first() -> None:
    rows = "\n".join(
        f"P{i:03}\t{age}\t{years}\t{'Yes' if event else 'No'}"
        for i, (age, years, event) in enumerate(
            [(64, 6.1, 0), (62, 9.4, 0), (59, 5.2, 1), (62, 3.2, 1), (64, 1.9, 1), (69, 4.8, 0), (75, 5.8, 1)], 1
        )
    )
    call = planned(f"Patient\tAge at surgery\tYears followed\tProgressed?\n{rows}\nCox regression of time on age")
    assert call.name == "cox_covariate" and call.args.covariate_label == "Age at surgery"


def test_numbered_r_rows_whose_last_column_is_a_level_with_a_space() -> None:
    tenors, basses = [69, 72, 71, 66, 76], [72, 70, 74, 71, 75]
    lines = [f"{129 + i:>4}  {h:>5}   Tenor 1" for i, h in enumerate(tenors)]
    lines += [f"{230 + i:>4}  {h:>5}    Bass 2" for i, h in enumerate(basses)]
    call = planned("welch t, Bass 2 minus Tenor 1\n     height voice.part\n" + "\n".join(lines))
    assert (call.args.values_a, call.args.values_b) == (basses, tenors)


def test_a_code_picked_against_the_rest_splits_the_rows_in_that_direction() -> None:
    executions = [37, 9, 6, 4, 3, 2, 2, 2, 1, 1, 1, 1]
    south = [1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0, 0]
    rows = "\n".join(f"{i:>2} {e:>10} {s:>5}" for i, (e, s) in enumerate(zip(executions, south, strict=True), 1))
    call = planned(f"   EXECUTIONS SOUTH\n{rows}\n\none sided welch t-test, south (SOUTH==1) minus the rest, greater")
    yes = [e for e, s in zip(executions, south, strict=True) if s]
    no = [e for e, s in zip(executions, south, strict=True) if not s]
    assert (call.args.values_a, call.args.values_b) == (yes, no)


def test_a_single_code_names_no_levels_of_an_event_column_nor_across_a_line() -> None:
    melanoma = [(185, 1, 6.76), (204, 1, 0.65), (210, 0, 1.34), (232, 1, 2.9), (279, 0, 12.08), (295, 1, 4.84),
                (386, 0, 5.16), (426, 1, 12.88)]  # fmt: skip
    rows = "\n".join(f"{t} {d} {x}" for t, d, x in melanoma)
    call = planned(f"time status thickness\n{rows}\n(status 1 = died, 0 otherwise) cox regression on thickness")
    assert call.name == "cox_covariate"
    larynx = [(1, 0.6, 1), (1, 1.3, 1), (1, 2.5, 0), (1, 3.2, 1), (2, 0.2, 1), (2, 1.8, 0), (2, 2.0, 1), (2, 4.2, 1)]
    times = "\n".join(f"    {g}  {t:>5}  {d:>5}" for g, t, d in larynx)
    plan = plan_analysis(f"time in years, died 1/0:\nstage  years  died\n{times}\nlog-rank across the stages")
    assert [group.events for group in plan.calls[0].args.groups] == [[1, 1, 0, 1], [1, 0, 1, 1]]
