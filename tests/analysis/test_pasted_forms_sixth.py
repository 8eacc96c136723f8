"""Forms from the fifth fresh set that were declined although a statistician reads them at once: R's ``str()``
print, an event column in which every subject had the event, "name: values" lines named by an R formula, a
reference after "vs" followed by more words, "k <noun phrase> out of n" and "k deaths / n", a year opening
its line as the list's name, a header whose cells hold spaces ("after >=5   after <5"), and R's print of a
time series under its "Time Series:" caption.

Reference values are computed here with scipy and lifelines on the same numbers, or by hand.
"""

from __future__ import annotations

from scipy import stats

from analysis.plan import plan_analysis
from analysis.reading import parse_request
from tests.analysis.planning import planned, printed

HEIGHT = [71.2, 68.0, 66.5, 73.1, 69.9, 70.4, 62.8, 64.0, 65.5, 63.9, 61.2, 66.0]
STR_PRINT = (
    "> str(kids)\n'data.frame':\t12 obs. of  3 variables:\n"
    f" $ height: num  {' '.join(f'{v:g}' for v in HEIGHT)}\n"
    ' $ sex   : Factor w/ 2 levels "boy","girl": 1 1 1 1 1 1 2 2 2 2 2 2\n'
    ' $ id    : chr  "a" "b" "c" "d" ...\n'
)


def test_an_r_str_print_is_a_frame_and_a_factors_codes_name_its_levels() -> None:
    call = planned(STR_PRINT + "welch t test of height, boy minus girl")
    assert call.recipe.name == "welch_t_test"
    expected = stats.ttest_ind(HEIGHT[:6], HEIGHT[6:], equal_var=False)
    output = printed(call)
    assert f"t statistic = {expected.statistic:.6g}" in output and "mean (boy) = 69.85" in output


def test_a_truncated_str_print_is_not_read_as_the_data() -> None:
    truncated = STR_PRINT.replace("2 2 2 2 2 2\n", "2 2 ...\n")
    assert not any(item.label == "sex" for item in parse_request(truncated).lists)
    assert plan_analysis(truncated + "welch t test of height by sex").status == "declined"


def test_an_event_column_where_every_subject_died_is_data_not_a_constant() -> None:
    rows = "\n".join(f"{i} {t} 1 {a}" for i, (t, a) in enumerate([(5, 61), (9, 70), (14, 55), (20, 48), (31, 66)], 1))
    call = planned(f"    time status age\n{rows}\nstatus 1 = died. Kaplan-Meier median please")
    assert call.recipe.name == "kaplan_meier"
    assert "median survival (group 1) = 14\n" in printed(
        call
    )  # five deaths, no censoring: S drops to 0.4 at 14, so the median is 14


def test_labelled_lines_named_by_a_formula_give_the_cox_covariate() -> None:
    text = (
        "time: 5 8 12 16 20 23 27 30 34 40\nstatus: 1 1 0 1 1 1 0 1 0 1\n"
        "score: 30 42 55 38 61 47 70 52 66 58\n(status 1 = died)\ncoxph(Surv(time, status) ~ score): HR per point"
    )
    call = planned(text)
    assert call.recipe.name == "cox_covariate"
    assert call.args.covariate_label == "score" and len(call.args.covariate) == 10


def test_a_reference_after_vs_is_read_when_words_follow_its_comma() -> None:
    text = "fill volumes: 498 502 497 505 500 503 499 501\none-sample t vs 500, two sided"
    assert parse_request(text).scalars["mu"] == 500
    assert planned(text).recipe.name == "one_sample_t_test"


def test_fractions_with_a_noun_phrase_before_out_of_or_a_slash() -> None:
    text = "smokers: 14 low-birth-weight babies out of 40\nnon-smokers: 9 small babies out of 60\nchi-square"
    assert parse_request(text).tables[0].rows == ((14, 26), (9, 51))
    text = "arm A 5 deaths / 13, arm B 7 deaths / 13. fisher exact"
    assert parse_request(text).tables[0].rows == ((5, 8), (7, 6))


def test_a_year_opening_its_line_names_the_list_so_an_asked_order_can_be_placed() -> None:
    before, after = [12, 15, 11, 19, 14, 17, 13, 16], [10, 14, 12, 15, 11, 13, 12, 12]
    text = f"2019: {' '.join(map(str, before))}\n2020: {' '.join(map(str, after))}\npaired t test, 2020 minus 2019"
    assert [item.label for item in parse_request(text).lists] == ["2019", "2020"]
    expected = stats.ttest_rel(after, before)
    assert f"t statistic = {expected.statistic:.6g}" in printed(planned(text))


def test_header_cells_holding_spaces_are_not_split_into_repeated_names() -> None:
    text = (
        "              after >=5   after <5\nbefore >=5        40          12\nbefore <5          5          43\n"
        "McNemar"
    )
    table = parse_request(text).tables[0]
    assert table.rows == ((40, 12), (5, 43))
    assert planned(text).recipe.name == "mcnemar"


def test_r_time_series_print_is_data_under_a_caption_not_a_time_series_request() -> None:
    levels = [580.4, 581.9, 581.0, 580.8, 579.8, 580.4, 580.4, 580.8]
    text = (
        "> window(lake, end = 1882)\nTime Series:\nStart = 1875 \nEnd = 1882 \nFrequency = 1 \n"
        f"[1] {' '.join(map(str, levels))}\nmean different from 580? one-sample t test"
    )
    expected = stats.ttest_1samp(levels, 580)
    assert f"t statistic = {expected.statistic:.6g}" in printed(planned(text))
    assert plan_analysis(text.replace("one-sample t test", "fit an ARIMA model")).status == "declined"
