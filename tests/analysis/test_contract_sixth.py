"""The sixth fresh set's confidently wrong answers, as classes: a setting written in a form the reading did not
take ("99% conf level", "CI of 90") never falls back to the default silently, times to report survival at are
read in units and conversions, a sentence opening with a count under the data is not data, rows of the data
block the reading dropped decline whatever their units, and a bare model formula over a named data set asks
for a computation.

Reference values are scipy's and lifelines' on the same numbers.
"""

from __future__ import annotations

import pytest
from lifelines import KaplanMeierFitter
from scipy import stats

from analysis.plan import plan_analysis
from tests.analysis.planning import planned, printed

F = [11.2, 12.6, 13.9, 14.8, 12.6, 13.0, 10.7]
M = [13.8, 15.9, 13.7, 13.1, 13.4, 13.5, 13.6]
TWO_GROUPS = f"F: {' '.join(map(str, F))}\nM: {' '.join(map(str, M))}\nequal-var t test, male minus female, "


@pytest.mark.parametrize(
    ("written", "level"),
    [("99% conf level pls", 0.99), ("conf.level = 0.9", 0.9), ("99 pct CI", 0.99), ("CI at 99 percent", 0.99)],
)
def test_confidence_levels_written_loosely_are_read(written: str, level: float) -> None:
    call = planned(TWO_GROUPS + written)
    assert call.args.conf_level == level
    low, _ = stats.ttest_ind(M, F).confidence_interval(level)
    assert f"CI of the difference, lower = {low:.6g}" in printed(call)


@pytest.mark.parametrize("written", ["CI of 90", "confidence 99", "CI: 90"])
def test_a_setting_beside_its_name_that_is_not_read_declines_instead_of_using_the_default(written: str) -> None:
    plan = plan_analysis(TWO_GROUPS + written)
    assert plan.status == "declined"
    assert "could not read the setting" in plan.reason


def test_a_ci_quoted_from_a_paper_is_not_a_setting() -> None:
    assert planned(TWO_GROUPS + "(the 95% CI in the paper was 1 to 3)").args.conf_level == 0.95


TIMES = [450, 460, 1150, 1150, 1560, 1600, 1660, 1850, 1850, 2030, 2070, 2080, 2200, 3000, 3100, 3450, 4600]
EVENTS = [1, 0, 1, 1, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0, 1, 1, 1]


def _km_text(request: str) -> str:
    times = ", ".join(f"{t}{'' if e else '+'}" for t, e in zip(TIMES, EVENTS, strict=True))
    return f"hours to failure, + = still running: {times}\n{request}"


@pytest.mark.parametrize(
    ("request_", "points"),
    [
        ("KM estimate: what fraction survive 2000 h and 3000 h?", [2000, 3000]),
        ("Kaplan-Meier, S at 1 y (1000 h) and 2 y (2000 h)", [1000, 2000]),
    ],
)
def test_survival_times_asked_in_units_or_conversions_are_reported(request_: str, points: list[int]) -> None:
    call = planned(_km_text(request_))
    assert call.args.time_points == points
    fitted = KaplanMeierFitter().fit(TIMES, EVENTS)
    output = printed(call)
    for point in points:
        assert f"{float(fitted.survival_function_at_times(point).iloc[0]):.6g}" in output


def test_a_survival_time_the_reading_misses_declines() -> None:
    plan = plan_analysis(_km_text("KM please, and the S at 3500 hrs too"))
    if plan.status == "planned":
        assert plan.calls[0].args.time_points == [3500]
    else:
        assert "could not read the setting" in plan.reason


def test_a_sentence_opening_with_a_count_under_the_data_is_not_data() -> None:
    values = [2.9, 3.1, 3.4, 3.4, 3.7, 3.7, 2.8, 2.5, 2.4, 2.4, 2.7, 2.2]
    text = f"> cu\n [1] {' '.join(map(str, values))}\n\n12 copper determinations (ppm). one sample t vs 3"
    call = planned(text)
    assert f"t statistic = {stats.ttest_1samp(values, 3).statistic:.6g}" in printed(call)


def test_rows_below_the_data_with_the_same_label_that_were_not_read_decline() -> None:
    rows = [("5mA", 439), ("5mA", 904), ("9mA", 258), ("9mA", 347), ("5mA", 959), ("9mA", 241)]
    text = "\n".join(f"{g}: {t} h" for g, t in rows) + "\n5mA: 1105 h (censored)\n9mA: 588 h (censored)\nlog-rank"
    plan = plan_analysis(text)
    assert plan.status == "declined"
    assert "1105" in plan.reason and "588" in plan.reason


def test_a_model_formula_over_a_named_package_data_set_declines_by_name() -> None:
    plan = plan_analysis(
        "does hgb differ by sex after adjusting for age? ANCOVA hgb ~ sex + age (the survival package data set)"
    )
    assert plan.status == "declined"
    assert "paste the columns" in plan.reason


def test_the_test_that_made_the_p_values_is_context_for_an_adjustment() -> None:
    text = "pearson correlations of yield with each soil measure, raw p:\n- N: 0.31\n- P: 0.012\n- K: 0.044\nBH-adjust"
    call = planned(text)
    assert call.recipe.name == "p_value_adjustment"
    adjusted = stats.false_discovery_control([0.31, 0.012, 0.044])
    assert all(f"{value:.6g}" in printed(call) for value in adjusted)


def test_an_sd_written_with_a_tilde_is_read() -> None:
    call = planned("planning: SD is ~2.5 mmHg, detect a 2 mmHg difference, alpha 5%, 80% power, n per group?")
    assert call.args.sd == 2.5


def test_a_cross_tabulating_call_is_how_the_table_was_printed_not_a_model_request() -> None:
    text = "> xtabs(n ~ grade + sex, data = d)\n     sex\ngrade   F   M\n    L 164 205\n    H 304 254\nchi-square test"
    assert planned(text).recipe.name == "chi_square_independence"


def test_of_two_columns_named_the_one_the_request_under_the_data_names_is_analysed() -> None:
    rows = [(80, 4.0, "long"), (71, 2.1, "short"), (57, 4.0, "long"), (77, 2.0, "short"), (60, 4.4, "long")]
    rows += [(86, 4.3, "long"), (77, 2.0, "short"), (81, 1.8, "short")]
    table = "\n".join(f"{w}\t{d}\t{t}" for w, d, t in rows)
    text = f"(wait in min before it, dur in min)\nwait\tdur\ttype\n{table}\n\nwelch test of wait, long minus short"
    call = planned(text)
    long_, short = [w for w, _, t in rows if t == "long"], [w for w, _, t in rows if t == "short"]
    assert f"t statistic = {stats.ttest_ind(long_, short, equal_var=False).statistic:.6g}" in printed(call)


def test_a_group_per_line_of_named_values_is_one_list_per_group() -> None:
    text = (
        "North: Oslo $4,120; Bergen $3,980; Tromso $3,400; Bodo $3,650\n"
        "South: Rome $2,910, Nice $3,100, Seville $2,700, Porto $2,650\nMann-Whitney, North first"
    )
    call = planned(text)
    output = printed(call)
    expected = stats.mannwhitneyu([4120, 3980, 3400, 3650], [2910, 3100, 2700, 2650])
    assert f"{expected.pvalue:.6g}" in output and "n (North) = 4" in output


def test_lines_of_keyed_values_are_columns_paired_by_line() -> None:
    before, after = [2019, 2284, 1942, 1423, 1340, 1187], [2263, 1820, 1846, 1531, 1215, 1075]
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun"]
    lines = "\n".join(f"{m}: 2001 {b}, 2002 {a}" for m, b, a in zip(months, before, after, strict=True))
    call = planned(f"admissions\n{lines}\npaired t test, 2002 minus 2001")
    expected = stats.ttest_rel(after, before)
    assert f"t statistic = {expected.statistic:.6g}" in printed(call)


def test_summary_lines_of_means_and_sds_are_not_columns_of_data() -> None:
    plan = plan_analysis("A: mean 5.2, sd 1.1\nB: mean 6.0, sd 1.3\nC: mean 5.8, sd 0.9\none-way ANOVA")
    assert plan.status == "declined"


def test_a_count_of_what_was_pasted_is_not_a_row_of_data() -> None:
    text = "site\tp\nA\t0.012\nB\t0.30\nC\t0.045\nbonferroni adjusted p for these 3"
    assert planned(text).recipe.name == "p_value_adjustment"


def test_a_count_of_the_values_that_does_not_match_them_declines() -> None:
    text = "reaction times (ms)\nA: 312 298 305 321 290\nB: 280 275 290 268 301\nwelch t on these 12"
    plan = plan_analysis(text)
    assert plan.status == "declined" and "12" in plan.reason


def test_a_request_comparing_the_rows_of_a_wide_table_reads_each_row_as_a_group() -> None:
    first, second = [115, 104, 131, 108, 103, 115], [92, 86, 81, 84, 87, 90]
    header = "      Jan Feb Mar Apr May Jun"
    text = f"{header}\n2001  {'  '.join(map(str, first))}\n2003  {'  '.join(map(str, second))}\n"
    welch = planned(text + "welch t test, 2003 minus 2001")
    assert f"t statistic = {stats.ttest_ind(second, first, equal_var=False).statistic:.6g}" in printed(welch)
    paired = planned(text + "paired t test by month, 2003 minus 2001.")
    assert f"t statistic = {stats.ttest_rel(second, first).statistic:.6g}" in printed(paired)


def test_a_level_written_twice_is_the_level_read() -> None:
    assert planned(TWO_GROUPS + "90% confidence interval (conf.level = 0.9)").args.conf_level == 0.9


def test_a_time_in_the_prose_and_a_count_set_aside_are_not_settings_or_sizes() -> None:
    text = (
        "glucose tolerance at 2 h):\nA: 5.1 6.2 5.8 6.0 5.5\nB: 6.9 7.1 6.4 7.3 6.8\nwelch t (the 10 shown, not all 70)"
    )
    assert planned(text).recipe.name == "welch_t_test"


def test_a_tukey_adjusted_p_beside_an_anova_is_not_a_p_value_list_to_adjust() -> None:
    groups = "ctrl: 4.2 4.6 4.3 4.8 4.1\ntrt1: 5.1 5.4 4.9 5.6 5.2\ntrt2: 6.0 5.7 6.3 5.9 6.1\n"
    text = groups + "one-way ANOVA, then Tukey HSD adjusted p"
    assert planned(text).recipe.name == "one_way_anova"


def test_a_legend_line_between_data_lines_is_not_a_dropped_row() -> None:
    weights = [120, 135, 110, 150, 128, 142, 118, 160, 125, 138]
    low = [1, 0, 1, 0, 1, 0, 1, 0, 0, 0]
    text = (
        f"lwt (lb):\n{' '.join(map(str, weights))}\nlow (1 = baby < 2500 g), same order:\n{' '.join(map(str, low))}\n"
        "glm(low ~ lwt, family = binomial): odds ratio per lb"
    )
    assert planned(text).recipe.name == "logistic_regression"


WIDE_WITH_GAPS = [
    ("1961", [72, 83, 71, 78]),
    ("1962", [79, 71, 62, 74]),
    ("1963", [76, 64, None, 57]),
    ("1964", [80, 73, 69, 69]),
    ("1965", [None, 64, 69, 62]),
    ("1966", [63, 46, 56, 44]),
    ("1967", [44, 52, 38, None]),
]


def _wide_with_gaps(request: str) -> str:
    """Laid out as R prints a quarterly series: the year, then each quarter right-aligned under its name."""
    rows = "\n".join(
        year + "".join(f"{'NA' if v is None else v:>5}" for v in values) for year, values in WIDE_WITH_GAPS
    )
    return "    " + "".join(f"{q:>5}" for q in ("Qtr1", "Qtr2", "Qtr3", "Qtr4")) + f"\n{rows}\n{request}"


def _column(j: int) -> list[int]:
    return [values[j] for _, values in WIDE_WITH_GAPS if values[j] is not None]


def test_nas_in_a_table_of_columns_leave_out_only_their_own_cell() -> None:
    call = planned(_wide_with_gaps("kruskal wallis with the 4 quarters as groups (drop the NAs)"))
    expected = stats.kruskal(*(_column(j) for j in range(4)))
    assert f"{expected.statistic:.6g}" in printed(call)


def test_a_paired_test_of_two_gappy_columns_keeps_the_complete_pairs() -> None:
    call = planned(_wide_with_gaps("paired t test, Qtr2 minus Qtr1"))
    pairs = [(v[1], v[0]) for _, v in WIDE_WITH_GAPS if v[0] is not None and v[1] is not None]
    expected = stats.ttest_rel([a for a, _ in pairs], [b for _, b in pairs])
    assert f"t statistic = {expected.statistic:.6g}" in printed(call)
