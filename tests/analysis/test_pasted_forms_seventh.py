"""Forms of the seventh fresh set that a statistician reads and labbot declined: "none" as the reference names
the one group whose name opens with a negation, a caption "1 mM vs 2 mM" above arrow pairs names their sides,
and one word after every "n of N" names the event, so the groups are the names before the counts.

Reference values are scipy's and statsmodels' on the same numbers.
"""

from __future__ import annotations

from scipy import stats

from tests.analysis.planning import planned, printed


def test_none_as_the_reference_names_the_group_whose_name_opens_with_a_negation() -> None:
    text = (
        "months to relapse, + censored\nprior chemo: 3, 5, 8+, 11, 14, 20+\nno prior chemo: 6, 9, 12+, 18, 25, 31+\n"
        "Cox PH, prior chemo vs none (none = reference). HR + CI"
    )
    call = planned(text)
    assert [group.label for group in call.args.groups] == ["no prior chemo", "prior chemo"]


def test_a_vs_caption_above_arrow_pairs_names_their_sides() -> None:
    low = [15.1, 19.9, 22.4, 27.5, 25.2, 23.8]
    high = [20.3, 26.1, 27.7, 31.4, 33.0, 28.1]
    rows = "\n".join(f"S{i:02d}: {a} -> {b}" for i, (a, b) in enumerate(zip(low, high, strict=True), start=1))
    call = planned(f"strip length (mm) in 1 mM vs 2 mM\n{rows}\npaired t-test, 2 mM minus 1 mM")
    assert (call.args.label_first, call.args.label_second) == ("2 mM", "1 mM")
    assert f"t statistic = {stats.ttest_rel(high, low).statistic:.6g}" in printed(call)


def test_one_event_word_after_every_fraction_leaves_the_groups_their_names() -> None:
    call = planned(
        "smokers: 48 of 310 relapsed\nnon-smokers: 52 of 604 relapsed\nrisk difference, smokers minus non-smokers"
    )
    assert call.args.row_labels == ["smokers", "non-smokers"]
    assert f"risk difference = {48 / 310 - 52 / 604:.6g}" in printed(call)


def test_inline_range_labels_name_their_lists_and_are_not_values() -> None:
    early = [9.5, 2.7, 5.0, 24.4, 42.0, 63.5]
    late = [83.9, 69.4, 31.5, 13.9, 4.4, 38.0]
    text = (
        f"yearly means. 1900-1919: {' '.join(map(str, early))} ;; 1950-1969: {' '.join(map(str, late))}\n"
        "t-test assuming equal variances, 1950-69 minus 1900-19"
    )
    call = planned(text)
    assert (call.args.label_a, call.args.values_a, call.args.values_b) == ("1950-1969", late, early)
    assert f"t statistic = {stats.ttest_ind(late, early).statistic:.6g}" in printed(call)


def test_a_range_in_a_tables_caption_leaves_the_columns_their_names() -> None:
    sr = [11.43, 12.07, 13.17, 5.75, 12.88, 8.79, 0.6, 11.9]
    pop75 = [2.87, 4.41, 4.43, 1.67, 0.83, 2.85, 1.34, 0.67]
    rows = "\n".join(f"| c{i} | {a} | {b} |" for i, (a, b) in enumerate(zip(sr, pop75, strict=True)))
    call = planned(
        f"regress sr on pop75, lm(sr ~ pop75), 8 countries 1960-70:\n\n| Country | sr | pop75 |\n|---|---|---|\n{rows}"
    )
    assert (call.args.x_label, call.args.y_label) == ("pop75", "sr")
    assert f"slope = {stats.linregress(pop75, sr).slope:.6g}" in printed(call)
