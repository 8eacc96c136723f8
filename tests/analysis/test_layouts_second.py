"""Layouts and wordings read right, or declined, since the second fresh set (analysis_final2) was first run.

Each test writes its own data the way a researcher would paste it, different from the set's items.
"""

from __future__ import annotations

from typing import Any

from analysis.plan import plan_analysis


def _args(text: str) -> dict[str, Any]:
    plan = plan_analysis(text)
    assert plan.status == "planned", plan.reason
    return plan.calls[0].args.model_dump()


def _declined(text: str) -> str:
    plan = plan_analysis(text)
    assert plan.status == "declined" and not plan.calls
    return plan.reason


# --- R prints and literals --------------------------------------------------------------------------------


def test_r_index_markers_padded_to_width_are_layout() -> None:
    text = "> x$score\n [1] 12 15 11 19 14 13 18 16 17 12\n[11] 15 14\none-sample t test against 13"
    assert _args(text)["values"] == [12, 15, 11, 19, 14, 13, 18, 16, 17, 12, 15, 14]


def test_vectors_assigned_at_the_r_prompt_are_data_and_nas_are_left_out() -> None:
    text = "> ctrl <- c(5.1, 4.8, NA, 5.6, 5.0)\n> trt <- c(6.2, NA, 5.9, 6.6, 6.1, 7.0)\nwelch t.test(trt, ctrl)"
    data = _args(text)
    assert sorted([data["values_a"], data["values_b"]]) == [[5.1, 4.8, 5.6, 5.0], [6.2, 5.9, 6.6, 6.1, 7.0]]


def test_paired_vectors_with_nas_keep_only_complete_pairs_as_r_does() -> None:
    text = "pre <- c(140, 152, NA, 138, 160, 149)\npost <- c(132, 147, 150, NA, 151, 140)\npaired t-test"
    data = _args(text)
    assert (data["first"], data["second"]) == ([140, 152, 160, 149], [132, 147, 151, 140])


# --- tables -------------------------------------------------------------------------------------------------


def test_count_cells_with_their_percentages_in_brackets_read_the_counts() -> None:
    text = (
        "| | smoker | non-smoker | **Total** |\n|---|---|---|---|\n"
        "| cases | 40 (66.7%) | 20 (33.3%) | 60 |\n| controls | 25 (41.7%) | 35 (58.3%) | 60 |\n"
        "chi-square test please"
    )
    assert _args(text)["rows"] == [[40, 20], [25, 35]]


def test_two_yes_no_columns_of_the_same_subjects_are_mcnemars_table() -> None:
    rows = ["P01\ty\ty", "P02\ty\tn", "P03\tn\tn", "P04\ty\tn", "P05\ty\ty", "P06\tn\ty", "P07\ty\tn"]
    text = "carriage at baseline and at 6 months:\nID\tbase\tm6\n" + "\n".join(rows) + "\nMcNemar please"
    assert _args(text)["rows"] == [[2, 3], [1, 1]]


def test_a_row_of_a_printed_table_with_a_missing_cell_declines() -> None:
    text = "        low mid high\n  A      12  30   8\n  B       9  25  11\n  C       4   7\nchi-square of independence"
    assert "could not place" in _declined(text)


def test_events_out_of_a_total_with_a_verb_between_are_a_row() -> None:
    text = "- vaccine: 8 infected out of 120\n- placebo: 21 infected out of 118\nrisk difference, vaccine minus placebo"
    data = _args(text)
    assert data["rows"] == [[8, 112], [21, 97]] and data["row_labels"][0] == "vaccine"


# --- groups ---------------------------------------------------------------------------------------------------


def test_groups_named_by_a_group_word_and_a_letter_are_groups_not_codes() -> None:
    text = "kruskal-wallis\ndiet A - 1 2 3 4 1 2 3 4\ndiet B - 2 3 4 5 6 2 3 4\ndiet C - 1 2 3 1 2 3 1 2"
    assert _args(text)["labels"] == ["diet A", "diet B", "diet C"]


def test_status_codes_without_a_legend_are_never_read_as_times() -> None:
    text = "time,status\n100,2\n250,0\n300,1\n410,2\n520,0\n600,2\nKaplan-Meier median please"
    _declined(text)


# --- what the words ask ---------------------------------------------------------------------------------------


def test_a_year_after_a_tests_name_is_a_year_not_a_citation() -> None:
    text = "yield 1931: 81, 147, 82, 120, 99\nyield 1932: 80, 100, 103, 130, 90\npaired t-test 1932 vs 1931"
    assert plan_analysis(text).requested == "a paired t-test"


def test_a_setting_given_two_values_declines_an_analysis_of_data() -> None:
    assert "two values" in _declined("Welch t test at alpha 0.05, then again at alpha 0.10: a 1 2 3 4 5; b 2 3 4 5 9")


def test_a_design_asked_at_two_values_of_one_setting_runs_once_per_value() -> None:
    plan = plan_analysis("sample size for 30% vs 20% with 80% power at alpha = 0.05 and at alpha = 0.01")
    assert [(call.name, call.args.alpha) for call in plan.calls] == [
        ("sample_size_two_proportions", 0.05),
        ("sample_size_two_proportions", 0.01),
    ]
    assert "two values" in _declined("sample size, alpha = 0.05 and alpha = 0.01, with d = 0.5 and d = 0.8")
    assert "does not use it" in _declined("sample size for 30% vs 20%, 80% power, d = 0.5 and d = 0.8")


def test_power_for_two_proportions_at_a_given_n_is_its_power_never_a_sample_size() -> None:
    plan = plan_analysis("what power do we have with 150 per group to detect 25% vs 40%, two-sided alpha 0.05?")
    assert [call.name for call in plan.calls] == ["power_two_proportions"]
    assert plan.calls[0].args.n_per_group == [150]


def test_a_stated_n_per_group_is_checked_against_each_group() -> None:
    text = "n = 6 mice per group\nA: 1.1 1.3 1.2 1.5 1.4 1.6\nB: 2.1 2.0 2.4 2.2 2.3\nStudent t-test"
    assert "does not match" in _declined(text)


def test_a_cox_request_about_a_measured_covariate_is_per_unit_of_it_never_a_comparison_of_groups() -> None:
    rows = ["5 1 61 A", "8 0 55 A", "12 1 70 B", "3 1 66 B", "9 0 49 A", "15 0 58 B", "7 1 72 A", "11 1 63 B"]
    text = "months dead age arm\n" + "\n".join(rows) + "\nCox model with age as the only covariate, HR per year"
    plan = plan_analysis(text)
    assert [call.name for call in plan.calls] == ["cox_covariate"]
    assert plan.calls[0].args.covariate == [61, 55, 70, 66, 49, 58, 72, 63]
    assert "more than one covariate" in _declined(text.replace("the only covariate", "a covariate, adjusted for arm"))


def test_a_semicolon_export_with_decimal_commas_pivots_to_pairs_by_subject() -> None:
    rows = ["1;A;0,7", "1;B;1,9", "2;A;-1,6", "2;B;0,8", "3;A;-0,2", "3;B;1,1", "4;B;0,1", "4;A;-1,2"]
    text = "proband;drug;extra_h\n" + "\n".join(rows) + "\npaired t-test, B minus A"
    data = _args(text)
    assert (data["label_first"], data["first"], data["second"]) == (
        "drug B",
        [1.9, 0.8, 1.1, 0.1],
        [0.7, -1.6, -0.2, -1.2],
    )


def test_the_factor_the_words_name_splits_the_values_never_the_first_one_pasted() -> None:
    rows = [
        "F 70 low",
        "M 82 high",
        "M 75 low",
        "F 90 high",
        "F 66 mid",
        "M 71 mid",
        "F 88 high",
        "M 64 low",
        "F 73 mid",
    ]
    text = (
        "> d[, c('sex','pulse','activity')]\nsex pulse activity\n"
        + "\n".join(rows)
        + "\none-way anova of pulse by activity"
    )
    assert sorted(_args(text)["labels"]) == ["high", "low", "mid"]
