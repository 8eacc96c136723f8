"""The seventh fresh set's confidently wrong answers, as classes: a variant with no recipe (trimmed means) is
not answered by the nearest test, a list of p-values followed by an aside keeps its last value, a group size
asked again bare ("& with 20?") is computed too, times with censoring said but not marked are not all events,
a table the request says to ignore is not the one analysed (and two tables, unmarked, are a question), lines
that only hold a range head the list below them, rows of a wide table are the groups when the request counts
or names them so, a long table's time column is split by the column the request groups by, and groups formed
by a cut-off on a column are declined, never replaced by the columns side by side.

Reference values are scipy's, statsmodels' and lifelines' on the same numbers.
"""

from __future__ import annotations

import pytest
from lifelines.statistics import multivariate_logrank_test
from scipy import stats
from statsmodels.stats.multitest import multipletests

from analysis.plan import plan_analysis
from tests.analysis.planning import planned, printed

A = [22.1, 25.3, 19.8, 30.2, 27.7, 24.9, 21.4]
B = [28.4, 31.0, 26.2, 35.9, 29.3, 33.1, 30.8]


@pytest.mark.parametrize(
    "variant", ["trimmed means (Yuen, 20% trimming)", "Welch on winsorized values", "20% trimming please"]
)
def test_a_robust_variant_with_no_recipe_declines_and_names_it(variant: str) -> None:
    plan = plan_analysis(f"ctrl {', '.join(map(str, A))}\ntrt {', '.join(map(str, B))}\nt-test, {variant}")
    assert plan.status == "declined"
    assert "no vetted recipe" in plan.reason and "trimmed" in plan.reason


@pytest.mark.parametrize("aside", [" -- holm adjust pls", " — holm please", "\nholm them"])
def test_the_last_p_value_of_a_list_before_an_aside_is_kept(aside: str) -> None:
    p = [0.412, 0.0061, 0.0215, 0.088, 0.0302]
    listed = ", ".join(f"{name} {value}" for name, value in zip(["wk2", "wk4", "wk8", "wk12", "wk24"], p, strict=True))
    call = planned(f"per-visit p values: {listed}{aside}")
    assert call.args.p_values == p
    adjusted = multipletests(p, method="holm")[1]
    assert f"Holm-adjusted p, wk24 (raw p = 0.0302) = {adjusted[4]:.6g}" in printed(call)


def test_a_group_size_asked_again_bare_is_computed_as_well() -> None:
    call = planned("power to detect 65% vs 35% with 15 patients per arm? and with 25? two-sided 0.05")
    assert call.args.n_per_group == [15.0, 25.0]


def test_a_bare_number_after_and_is_not_a_size_when_no_size_was_written_as_one() -> None:
    plan = plan_analysis("sample size for 65% vs 35%, 80% power, two-sided alpha 0.05 and 0.01?")
    assert all(getattr(call.args, "n_per_group", None) in (None, []) for call in plan.calls)


TX = [12, 40, 77, 103, 150, 210, 260, 331, 400, 502]
CTRL = [5, 9, 21, 30, 44, 61, 80, 95, 120, 170]


def _two_arms(note: str) -> str:
    return f"days on study\ntx: {', '.join(map(str, TX))}\nctrl: {', '.join(map(str, CTRL))}\n{note} log-rank test?"


@pytest.mark.parametrize(
    "note",
    ["a few were still alive at the end but I don't have that column.", "some patients were censored (lost to FU)."],
)
def test_times_with_censoring_said_but_not_marked_decline(note: str) -> None:
    plan = plan_analysis(_two_arms(note))
    assert plan.status == "declined"
    assert "censoring" in plan.reason


@pytest.mark.parametrize("note", ["everyone died, no censoring.", "all events, nobody censored."])
def test_times_said_to_be_all_events_are_analysed(note: str) -> None:
    call = planned(_two_arms(note))
    expected = multivariate_logrank_test(TX + CTRL, ["tx"] * 10 + ["ctrl"] * 10, [1] * 20)
    assert f"log-rank chi-square statistic = {expected.test_statistic:.6g}" in printed(call)


OLD = "          yes  no\nsmoker     31  12\nnonsmoker  14  29"
NEW = "          yes  no\nexposed     8   11\nunexposed  17    6"


def test_a_table_the_request_says_to_ignore_is_not_the_one_analysed() -> None:
    call = planned(f"pilot table (ignore):\n{OLD}\n\nmain study:\n{NEW}\nFisher's exact test, two-sided")
    assert call.args.rows == [[8, 11], [17, 6]]
    _, p = stats.fisher_exact([[8, 11], [17, 6]])
    assert f"p-value (two-sided) = {p:.6g}" in printed(call)


def test_two_tables_with_nothing_to_say_which_is_meant_decline() -> None:
    plan = plan_analysis(f"table 1:\n{OLD}\n\ntable 2:\n{NEW}\nchi-square test please")
    assert plan.status == "declined"
    assert "2 tables" in plan.reason


WINDOWS = {"1901-10": [5.1, 6.3, 4.8, 7.2, 5.9], "1911-20": [6.6, 7.1, 8.0, 6.9, 7.7], "1921-30": [8.2, 7.9, 9.4, 8.8]}


def test_lines_holding_only_a_range_head_the_list_below_and_are_not_data() -> None:
    blocks = "\n\n".join(f"{name}\n{', '.join(map(str, values))}" for name, values in WINDOWS.items())
    call = planned(f"rainfall by decade\n{blocks}\n\nkruskal-wallis across the decades")
    assert call.args.groups == list(WINDOWS.values())
    h, _ = stats.kruskal(*WINDOWS.values())
    assert f"H statistic (Kruskal-Wallis chi-square) = {h:.6g}" in printed(call)


QUARTERS = {"2019": [31, 28, 35, 40], "2020": [22, 19, 30, 33], "2021": [27, 30, 29, 41]}
WIDE = "      Q1  Q2  Q3  Q4\n" + "\n".join(f"{y}  {'  '.join(map(str, v))}" for y, v in QUARTERS.items())


@pytest.mark.parametrize("request_", ["one-way ANOVA with year as the factor", "ANOVA, 3 groups of 4 quarters"])
def test_rows_of_a_wide_table_are_the_groups_when_the_request_says_so(request_: str) -> None:
    call = planned(f"{WIDE}\n\n{request_}")
    assert call.args.groups == [[float(v) for v in values] for values in QUARTERS.values()]
    f, _ = stats.f_oneway(*QUARTERS.values())
    assert f"F statistic = {f:.6g}" in printed(call)


def test_a_group_count_the_data_do_not_have_declines() -> None:
    groups = "\n".join(f"g{i}: {', '.join(str(v + i) for v in A)}" for i in range(3))
    plan = plan_analysis(f"{groups}\nANOVA across the 4 groups")
    assert plan.status == "declined"
    assert "4 groups" in plan.reason


def test_a_long_table_splits_its_time_column_by_the_column_the_request_groups_by() -> None:
    times = {10: [3.2, 8.1, 12.5, 20.0, 33.3], 20: [1.1, 2.7, 4.0, 6.6, 9.9, 15.2], 30: [0.4, 0.9, 1.8, 2.2]}
    rows = "\n".join(f"{t},{dose}" for dose, values in times.items() for t in values)
    call = planned(f"time,dose\n{rows}\n\nall failed (no censoring). log-rank across the three doses")
    durations = [t for values in times.values() for t in values]
    doses = [dose for dose, values in times.items() for _ in values]
    expected = multivariate_logrank_test(durations, doses, [1] * len(durations))
    assert f"log-rank chi-square statistic = {expected.test_statistic:.6g}" in printed(call)


@pytest.mark.parametrize("cut", ["M >= 6 vs M < 6", "for age > 60 than age <= 60"])
def test_groups_formed_by_a_cut_off_on_a_column_decline(cut: str) -> None:
    rows = "\n".join(f"{a}  {b}" for a, b in zip([5.2, 6.1, 6.5, 5.8, 6.0, 5.1, 6.7], A, strict=True))
    column = "M" if cut.startswith("M") else "age"
    plan = plan_analysis(f"{column}  accel\n{rows}\nmann whitney: is accel larger {cut}?")
    assert plan.status == "declined"
    assert "cut-off" in plan.reason


@pytest.mark.parametrize(
    "written",
    ["t test w/o equal variance assumption", "t-test, no equal-variance assumption", "t test without equal var"],
)
def test_equal_variances_negated_before_the_words_ask_for_welch(written: str) -> None:
    call = planned(f"ctrl {', '.join(map(str, A))}\ntrt {', '.join(map(str, B))}\n{written}, trt minus ctrl")
    assert call.name == "welch_t_test"


def test_doubting_nothing_about_equal_variances_keeps_them_equal() -> None:
    groups = f"ctrl {', '.join(map(str, A))}\ntrt {', '.join(map(str, B))}"
    call = planned(f"{groups}\nt test; no reason to doubt equal variances")
    assert call.name == "student_t_test"


def test_a_code_column_whose_codes_are_set_against_each_other_splits_the_outcome_column() -> None:
    site = [7, 7, 7, 7, 7, 9, 9, 9, 9, 9, 9]
    rows = "\n".join(f"{s},{y},{v}" for s, y, v in zip(site, [3.1] * 11, A + B[:4], strict=True))
    call = planned(f'"site","dose","yield"\n{rows}\n\nwelch t test on yield, site 9 minus site 7')
    assert (call.args.label_a, call.args.label_b) == ("site 9", "site 7")
    result = stats.ttest_ind(B[:4] + A[5:], A[:5], equal_var=False)
    assert f"t statistic = {result.statistic:.6g}" in printed(call)


def test_censoring_said_to_be_none_after_the_word_is_no_censoring() -> None:
    call = planned(_two_arms("censored (alive at the end): none."))
    assert all(event == 1 for group in call.args.groups for event in group.events)
