"""Forms seen in the fourth fresh set's misses, each asserted on the data model read (or the plan's data as
read): Stata's tabulate, range bands with an open top band, dates, "x unit: y unit" lines, transitions in words,
a reference median, a yes/no column as the two groups, unit-suffixed column names, "rated by", an id-like name
over scores, a named coded column in a rank correlation."""

from __future__ import annotations

from analysis.reading import parse_request
from analysis.reading.pairs import paired_counts
from tests.analysis.planning import planned


def test_stata_tabulate_with_range_bands_and_totals_is_a_table() -> None:
    text = (
        "                 diabetes\nage band   |  Yes    No | Total\n-----------+------------+------\n"
        "21-30      |   11    37 |    48\n31-45      |   13    19 |    32\n46+        |    8     2 |    10\n"
        "-----------+------------+------\nTotal      |   32    58 |    90\n\ndiabetes by age band, chi-square"
    )
    read = planned(text).data_as_read()
    assert read.header[:3] == ["", "Yes", "No"]
    assert [row[:3] for row in read.rows[:3]] == [["21-30", "11", "37"], ["31-45", "13", "19"], ["46+", "8", "2"]]


def test_a_date_is_not_three_numbers_of_data() -> None:
    parsed = parse_request("age in days since 1968/12/31 (or 31.12.1968)\nx: 1, 2, 3, 4\ny: 2, 4, 5, 9\npearson")
    assert [item.label for item in parsed.lists] == ["x", "y"]
    assert sum(e.why == "a date" for e in parsed.explained) == 2


def test_lines_of_x_unit_colon_y_unit_are_pairs() -> None:
    text = "118 d: 30 mm\n484 d: 58 mm\n664 d: 87 mm\n1004 d: 115 mm\nlinear regression please"
    lists = parse_request(text).lists
    assert [(item.label, item.values) for item in lists] == [
        ("first (d)", (118.0, 484.0, 664.0, 1004.0)),
        ("second (mm)", (30.0, 58.0, 87.0, 115.0)),
    ]


def test_transitions_in_words_make_the_paired_table() -> None:
    text = "approve both times 794, approve then disapprove 150, disapprove then approve 86, disapprove both 570."
    (table,) = paired_counts(text)
    assert table.rows == ((794.0, 150.0), (86.0, 570.0))
    assert table.row_labels == ("first: approve", "first: disapprove")


def test_a_reference_median_is_the_one_sample_value() -> None:
    parsed = parse_request("53 62 81 56 89 70 86 45 44 75\nsigned-rank test of these against a median of 60")
    assert parsed.scalars["mu"] == 60.0


def test_a_yes_no_column_splits_a_two_group_comparison() -> None:
    text = (
        "     ped age type\n 1 0.627  50  Yes\n 2 0.351  31   No\n 3 0.167  21   No\n 4 0.248  26  Yes\n"
        " 5 0.158  53  Yes\n 6 0.587  51   No\npedigree function, diabetic vs not: wilcoxon rank sum"
    )
    call = planned(text)
    assert call.name == "mann_whitney_u"
    assert sorted([call.args.label_a, call.args.label_b]) == ["No", "Yes"]


def test_unit_suffixed_column_names_are_named_by_their_stem() -> None:
    text = (
        '"dbp_mmHg","bmi_kg_m2","age"\n88,32.5,38\n66,19.6,25\n85,28.9,27\n66,32.9,28\n86,35.1,23\n'
        "Pearson correlation dbp ~ bmi"
    )
    call = planned(text)
    assert {call.args.x_label, call.args.y_label} == {"dbp_mmHg", "bmi_kg_m2"}


def test_scores_rated_by_two_raters_under_an_id_like_name_are_paired_measurements() -> None:
    rows = "\n".join(f"{i} | {a} | {b}" for i, (a, b) in enumerate([(100, 90), (70, 80), (80, 90), (60, 60)], 1))
    text = f"score rated by the physician vs by the patient\npt | physician | patient\n---|---|---\n{rows}\n"
    call = planned(text + "paired t test patient minus physician")
    assert call.name == "paired_t_test"
    assert (call.args.label_first, call.args.label_second) == ("patient", "physician")
    assert call.args.first[:2] == [90.0, 80.0]


def test_a_named_coded_column_can_be_a_rank_correlation_variable() -> None:
    rows = "\n".join(f"{t}\t{b}" for t, b in [(1, 27), (1, 14), (1, 29), (2, 42), (2, 26), (2, 19), (3, 20), (3, 13)])
    text = f"tension coded 1=L 2=M 3=H\ntension\tbreaks\n{rows}\nkendall tau-b between tension level and breaks"
    call = planned(text)
    assert call.name == "kendall_correlation"
    assert {call.args.x_label, call.args.y_label} == {"tension", "breaks"}
