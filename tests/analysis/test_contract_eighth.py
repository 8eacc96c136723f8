"""The eighth fresh set's confidently wrong answers, as classes, and the forms it showed labbot declining.

Wrong before: a total written "of the 16 with …" was read as a cell; R's print of ``table(a, b)`` had its row
levels read as a column of counts; an author of the data set ("Box & Cox") was read as a request for a Cox
model; of two 0/1 columns the first was taken as the grouping, whichever the request picked. Declined before:
a null value in words ("the mean difference is > 0"), "53 patients each had …" read as a size per group, an R
print whose columns are one space apart, and survival written as "time/status" pairs.

Reference values are scipy's and lifelines' on the same numbers.
"""

from __future__ import annotations

import pytest
from lifelines import KaplanMeierFitter
from scipy import stats

from analysis.contract import read_contract
from analysis.plan import plan_analysis
from tests.analysis.planning import planned, printed


@pytest.mark.parametrize("hedge", [", ", " only ", " just "])
def test_a_total_written_of_the_n_with_is_a_denominator_never_a_cell(hedge: str) -> None:
    text = (
        f"Of the 24 with a positive biopsy, 15 had a recurrence; of the 41 with a negative biopsy{hedge}8 did.\n"
        "chi-square with Yates continuity correction"
    )
    call = planned(text)
    assert call.args.rows == [[15.0, 9.0], [8.0, 33.0]]
    chi2, _, _, _ = stats.chi2_contingency([[15, 9], [8, 33]], correction=True)
    assert f"chi-square statistic (Yates' continuity correction) = {chi2:.6g}" in printed(call)


R_TABLE = """> with(d, table(stage, response))
      response
stage   0   1
    1  21  14
    2  30   9
    3   8  11
"""


def test_the_row_levels_of_an_r_table_print_name_its_rows_and_are_not_counted() -> None:
    call = planned(R_TABLE + "\nchi-square test of independence pls")
    assert call.args.rows == [[21.0, 14.0], [30.0, 9.0], [8.0, 11.0]]
    assert call.args.row_labels == ["stage: 1", "stage: 2", "stage: 3"]
    chi2, _, dof, _ = stats.chi2_contingency([[21, 14], [30, 9], [8, 11]], correction=False)
    output = printed(call)
    assert f"chi-square statistic = {chi2:.6g}" in output and f"degrees of freedom = {dof}" in output


def test_a_table_shape_the_request_states_is_the_shape_analysed_or_it_declines() -> None:
    plan = plan_analysis("chi-square test on this 2x3 table:\n1 21 14\n2 30 9\n3 8 11")
    assert plan.status == "declined"
    assert "you describe a 2x3 table, but I read a 3x3 table" in plan.reason


@pytest.mark.parametrize("source", ["Box & Cox poisons data", "data from Cox and Snell", "Snell & Cox (table 2)"])
def test_an_author_beside_a_co_author_names_a_source_not_a_cox_model(source: str) -> None:
    groups = {"p1": [0.31, 0.45, 0.46, 0.43, 0.36], "p2": [0.82, 1.1, 0.88, 0.72, 0.92], "p3": [0.22, 0.21, 0.18, 0.23]}
    data = "\n".join(f"{name}: {' '.join(map(str, values))}" for name, values in groups.items())
    call = planned(f"{source}.\n{data}\none-way ANOVA of survival time by poison")
    assert call.name == "one_way_anova"
    assert f"F statistic = {stats.f_oneway(*groups.values()).statistic:.6g}" in printed(call)


@pytest.mark.parametrize("text", ["Kaplan-Meier and Cox please", "log-rank & Cox", "Fisher and Cox"])
def test_two_analyses_joined_by_and_are_both_requested(text: str) -> None:
    assert "cox" in {mention.term.key for mention in read_contract(text).named}


MELANOMA = """thickness,sex,ulcer
6.76,1,1
0.65,1,0
1.34,1,0
4.84,0,1
12.08,1,1
2.90,0,0
3.22,0,1
0.16,1,0
5.16,0,1
1.29,0,0
"""
ULCERATED = [6.76, 4.84, 12.08, 3.22, 5.16]
NOT_ULCERATED = [0.65, 1.34, 2.90, 0.16, 1.29]


def test_of_two_zero_one_columns_the_one_the_request_picks_a_code_of_splits_the_values() -> None:
    call = planned(MELANOMA + "\nthickness ulcerated (ulcer=1) vs not: pooled t test, ulcerated minus non-ulcerated")
    assert call.args.label_a == "ulcer 1" and call.args.values_a == ULCERATED
    assert call.args.values_b == NOT_ULCERATED
    result = stats.ttest_ind(ULCERATED, NOT_ULCERATED, equal_var=True)
    assert f"t statistic = {result.statistic:.6g}" in printed(call)


def test_of_two_zero_one_columns_none_picked_the_comparison_is_asked_not_guessed() -> None:
    plan = plan_analysis(MELANOMA + "\ndoes thickness differ between the groups? t test")
    assert plan.status == "declined"


@pytest.mark.parametrize(
    ("words", "mu"),
    [("t test that the mean difference is > 0, one sided", 0.0), ("signed-rank test of median change = 5", 5.0)],
)
def test_a_null_value_written_in_words_is_the_reference(words: str, mu: float) -> None:
    call = planned(f"changes: 49 -67 8 16 6 23 28 41 14 29 56 24 75 60 -48\n{words}")
    assert call.args.mu == mu


def test_patients_who_each_had_two_tests_are_the_sample_not_a_size_per_group() -> None:
    text = (
        "53 patients each had an x-ray and a serum test\n"
        "both positive: 11; x-ray only: 5; serum only: 19; both negative: 18\n"
        "McNemar with continuity correction"
    )
    call = planned(text)
    assert call.name == "mcnemar"
    statistic = (abs(5 - 19) - 1) ** 2 / (5 + 19)
    assert f"{statistic:.6g}" in printed(call)


def test_an_r_print_whose_columns_are_one_space_apart_is_read_by_column() -> None:
    x = [0.000031, 0.044495, 0.82244, 0.322291, 0.393595, 0.309097, 0.826368]
    y = [0.000183, 0.155732, 0.873416, 0.648545, 0.826873, 0.92659, 0.30854]
    rows = "\n".join(f"{i + 1:<3} {a:.6f} {b:.6f}" for i, (a, b) in enumerate(zip(x, y, strict=True)))
    call = planned(f"          x        y\n{rows}\n\nkendall's tau between x and y")
    assert call.args.x == x and call.args.y == y
    assert f"{stats.kendalltau(x, y).statistic:.6g}" in printed(call)


TIMES = [5, 8, 12, 15, 20, 22, 30, 31, 40, 45]
DIED = [True, False, True, True, False, True, True, False, True, False]


@pytest.mark.parametrize(
    ("caption", "dead", "alive"),
    [("status coded as in R (1 = censored, 2 = dead)", 2, 1), ("time/status, status 1 = died", 1, 0)],
)
def test_time_status_pairs_are_survival_times_with_their_censoring(caption: str, dead: int, alive: int) -> None:
    pairs = " ".join(f"{t}/{dead if d else alive}" for t, d in zip(TIMES, DIED, strict=True))
    call = planned(f"{caption}\n{pairs}\nkaplan meier, survival at 25")
    expected = KaplanMeierFitter().fit(TIMES, DIED).predict(25)
    assert f"survival at t = 25 (group 1) = {expected:.6g}" in printed(call)


@pytest.mark.parametrize(
    ("text", "several"),
    [
        ("regress cost on date, cap, pr and ne - all four coefficients", True),
        ("regress weight on height and age.", True),
        ("regress y on x+z", True),
        ("regress y on x and report the slope", False),
        ("regress y on x, slope and p pls", False),
    ],
)
def test_regressing_on_several_predictors_asks_for_a_model_with_several_covariates(text: str, several: bool) -> None:
    keys = {mention.term.key for mention in read_contract(text).named}
    assert ("multivariable_model" in keys) is several


def test_two_years_set_against_each_other_under_a_ts_print_of_three_are_the_two_groups() -> None:
    years = {
        "1990": [1456, 1445, 1456, 1365, 1487, 1558, 1488, 1684, 1594, 1850, 1998, 2079],
        "1991": [1494, 1057, 1218, 1168, 1236, 1076, 1174, 1139, 1427, 1487, 1483, 1513],
        "1992": [1357, 1165, 1282, 1110, 1297, 1185, 1222, 1284, 1444, 1575, 1737, 1763],
    }
    months = "Jan  Feb  Mar  Apr  May  Jun  Jul  Aug  Sep  Oct  Nov  Dec"
    rows = "\n".join(f"{year}  {' '.join(f'{v:>4}' for v in values)}" for year, values in years.items())
    call = planned(f"       {months}\n{rows}\n\nskip 1991: Student's t, 1992 minus 1990")
    assert (call.args.label_a, call.args.label_b) == ("1992", "1990")
    result = stats.ttest_ind(years["1992"], years["1990"], equal_var=True)
    assert f"t statistic = {result.statistic:.6g}" in printed(call)


def test_an_anova_of_an_outcome_on_a_coded_column_groups_by_that_column_not_the_factor_beside_it() -> None:
    by_poison = {1: [0.31, 0.45, 0.46, 0.43], 2: [0.36, 0.29, 0.40, 0.23], 3: [0.22, 0.21, 0.18, 0.23]}
    rows = [
        f"{value:.2f}\t{poison}\t{'AB'[i % 2]}"
        for poison, values in by_poison.items()
        for i, value in enumerate(values)
    ]
    text = "time\tpoison\ttreat\n" + "\n".join(rows) + "\n\none-way ANOVA of survival time on poison, ignore treat"
    call = planned(text)
    assert call.name == "one_way_anova" and len(call.args.groups) == 3
    assert f"F statistic = {stats.f_oneway(*by_poison.values()).statistic:.6g}" in printed(call)
