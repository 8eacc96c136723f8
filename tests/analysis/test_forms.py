"""Every form of pasted data the reader understands, with the exact reading asserted.

Each test is one way researchers write data into Slack (counts in words, a CSV block, R's console,
pairs with arrows…); the data model it must read is written out in full, so a misread shows as a diff.
"""

from __future__ import annotations

import pytest

from analysis.model import ParsedRequest
from analysis.reading import parse_request
from analysis.reading.survival import survival_groups


def lists(parsed: ParsedRequest) -> dict[str, tuple[float, ...]]:
    return {item.label: item.values for item in parsed.lists}


def table(parsed: ParsedRequest) -> tuple[tuple[tuple[float, ...], ...], tuple[str, ...], tuple[str, ...]]:
    first = parsed.tables[0]
    return first.rows, first.row_labels, first.col_labels


def groups(text: str) -> list[tuple[str, list[float], list[int]]]:
    reading = survival_groups(parse_request(text))
    assert reading is not None, "no survival data read"
    return [(g.label, g.times, g.events) for g in reading.groups]


# --- counts and events in words ---------------------------------------------------------------------


def test_counts_of_whom_are_events_among_totals() -> None:
    parsed = parse_request("510 men, of whom 422 died; 300 women, of whom 200 died. Chi-square?")
    rows, _, cols = table(parsed)
    assert rows == ((422, 88), (200, 100))
    assert cols == ("event", "no event")


def test_counts_among_a_group_read_the_total_as_the_denominator() -> None:
    parsed = parse_request("among 100 cases, 42 were ever-smokers; among 150 controls, 25 were ever-smokers")
    rows, labels, _ = table(parsed)
    assert rows == ((42, 58), (25, 125))
    assert labels == ("cases", "controls")


def test_survived_and_died_per_group_is_a_two_by_two() -> None:
    parsed = parse_request("Drug A: 141 survived and 4 died; drug B: 93 survived and 13 died.")
    assert table(parsed)[0] == ((141, 4), (93, 13))


def test_a_total_written_in_words_beside_its_cells_is_not_a_cell() -> None:
    parsed = parse_request("of the 23 female crew 20 survived and 3 died; in first class 141 survived and 4 died")
    assert table(parsed)[0] == ((20, 3), (141, 4))


def test_a_written_complement_that_does_not_add_up_is_a_contradiction() -> None:
    parsed = parse_request("of the 120 patients on drug, 31 relapsed and 95 did not; on placebo 44 of 118 relapsed")
    contradictions = [t.contradiction for t in parsed.tables if t.contradiction]
    assert contradictions and "89" in contradictions[0] and "95" in contradictions[0]


@pytest.mark.parametrize(
    "text",
    [
        "both: 38; only the treated eye: 16; only the control eye: 63; neither: 80",
        "In 80 patients neither eye lost vision and in 38 both did. 16 lost vision in the treated eye only, "
        "while 63 lost it in the control eye only.",
        "concordant exposed 38, case exposed only 16, control exposed only 63, concordant unexposed 80",
    ],
)
def test_paired_counts_in_words_are_mcnemars_table(text: str) -> None:
    found = parse_request(text).tables[0]
    assert found.paired
    assert found.rows[0][0] == 38 and found.rows[1][1] == 80
    assert sorted((found.rows[0][1], found.rows[1][0])) == [16, 63]


def test_transitions_between_two_states_are_paired_counts() -> None:
    parsed = parse_request(
        "smoker -> smoker: 45\nsmoker -> non-smoker: 25\nnon-smoker -> smoker: 9\nnon-smoker -> non-smoker: 41"
    )
    found = parsed.tables[0]
    assert found.paired and found.rows == ((45, 25), (9, 41))


def test_censored_counts_in_words_join_the_event_times() -> None:
    (group,) = groups("weeks to arrest: 7 8 8 9 12 — plus 6 not re-arrested, censored at 52")
    assert group[1] == [7, 8, 8, 9, 12, 52, 52, 52, 52, 52, 52]
    assert group[2] == [1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0]


# --- tables with labels, ranges and totals ------------------------------------------------------------


def test_range_labels_are_names_not_numbers_or_minus_signs() -> None:
    text = (
        "maternal age     ≤19   20-24   25-29   ≥30\n"
        "low bw            15      25      15     4\n"
        "normal bw         36      44      27    23"
    )
    rows, labels, cols = table(parse_request(text))
    assert rows == ((15, 25, 15, 4), (36, 44, 27, 23))
    assert labels == ("low bw", "normal bw")
    assert cols == ("<=19", "20-24", "25-29", ">=30")


def test_totals_beside_the_cells_are_checked_not_read() -> None:
    text = "arm,yes,no,total\ndrug,24,16,40\nplacebo,14,26,40\ntotal,38,42,80"
    found = parse_request(text).tables[0]
    assert found.rows == ((24, 16), (14, 26))
    assert found.contradiction == "" and len(found.totals) == 5


def test_totals_that_do_not_add_up_are_a_contradiction() -> None:
    text = "arm,yes,no,total\ndrug,24,16,42\nplacebo,14,26,40"
    assert "42" in parse_request(text).tables[0].contradiction


def test_a_column_of_group_sizes_beside_events_gives_the_non_events() -> None:
    text = (
        "| group | children | polio cases |\n|---|---|---|\n| vaccinated | 200,745 | 57 |\n| placebo | 201,229 | 142 |"
    )
    rows, labels, _ = table(parse_request(text))
    assert rows == ((57, 200688), (142, 201087))
    assert labels == ("vaccinated", "placebo")


def test_r_table_output() -> None:
    text = "          Gender\nAdmit      Male Female\n  Admitted  512     89\n  Rejected  313     19"
    assert table(parse_request(text)) == (((512, 89), (313, 19)), ("Admitted", "Rejected"), ("Male", "Female"))


# --- pasted blocks ------------------------------------------------------------------------------------


def test_csv_block_with_a_word_column_splits_into_groups() -> None:
    text = (
        "len,supp,dose\n4.2,VC,0.5\n11.5,VC,0.5\n7.3,VC,0.5\n15.2,OJ,0.5\n21.5,OJ,0.5\n17.6,OJ,0.5\n"
        "Welch t-test OJ minus VC"
    )
    parsed = parse_request(text)
    assert lists(parsed) == {"len": (4.2, 11.5, 7.3, 15.2, 21.5, 17.6)}  # dose never varies: not data
    assert [(f.label, f.levels) for f in parsed.factors] == [("supp", ("VC", "VC", "VC", "OJ", "OJ", "OJ"))]


def test_tsv_spreadsheet_paste_drops_the_row_number_column() -> None:
    text = "chick\tday10\tday12\n1\t93\t106\n2\t103\t122\n3\t99\t115\n4\t87\t102\npaired t-test day 12 minus day 10"
    assert lists(parse_request(text)) == {"day10": (93, 103, 99, 87), "day12": (106, 122, 115, 102)}


def test_r_print_with_row_names_that_hold_spaces_and_numbers() -> None:
    text = (
        "                     mpg am\nMazda RX4           21.0  1\nDatsun 710          22.8  1\n"
        "Hornet 4 Drive      21.4  0\nValiant             18.1  0\nDuster 360          14.3  0\n"
        "am is the transmission (0 = automatic, 1 = manual). Welch t-test on mpg"
    )
    parsed = parse_request(text)
    assert lists(parsed) == {"mpg": (21.0, 22.8, 21.4, 18.1, 14.3), "am": (1, 1, 0, 0, 0)}
    assert parsed.list_named("am") is not None and parsed.list_named("am").codes == ((0, "automatic"), (1, "manual"))


def test_r_vector_printing_wraps_one_vector_over_lines() -> None:
    text = "> trees$Height\n [1] 70 65 63 72 81 83\n [7] 66 75 80\none-sample t-test against 75"
    assert lists(parse_request(text)) == {"Height": (70, 65, 63, 72, 81, 83, 66, 75, 80)}


def test_dput_vectors_take_their_names_from_the_command() -> None:
    text = "> dput(bw_smoke)\nc(2920L, 2948L, 3042L)\n> dput(bw_nonsmoke)\nc(2523L, 2778L, 2920L, 3062L)"
    assert lists(parse_request(text)) == {"bw_smoke": (2920, 2948, 3042), "bw_nonsmoke": (2523, 2778, 2920, 3062)}


def test_r_list_elements_are_named() -> None:
    text = "$A\n [1] 10  7 20 14\n\n$B\n [1] 11 17 21 11"
    assert lists(parse_request(text)) == {"A": (10, 7, 20, 14), "B": (11, 17, 21, 11)}


def test_long_format_pairs_become_one_list_per_condition_in_subject_order() -> None:
    text = (
        "   extra group ID\n1    0.7     1  1\n2   -1.6     1  2\n3   -0.2     1  3\n"
        "4    1.9     2  1\n5    0.8     2  2\n6    1.1     2  3\n(group = drug, ID = patient) paired by ID"
    )
    assert lists(parse_request(text)) == {"drug 1": (0.7, -1.6, -0.2), "drug 2": (1.9, 0.8, 1.1)}


def test_a_column_with_missing_values_the_request_does_not_use_costs_no_rows() -> None:
    text = "Sex,Height,Pulse\nFemale,173,92\nMale,NA,104\nMale,165,87\nFemale,NA,64\nMann-Whitney of pulse by sex"
    parsed = parse_request(text)
    assert lists(parsed) == {"Pulse": (92, 104, 87, 64)}
    assert any("Height" in note for note in parsed.notes)


# --- survival records ---------------------------------------------------------------------------------


def test_time_status_tuples_with_r_coding_read_two_as_the_event() -> None:
    text = "(days, status), status 1 = censored, 2 = dead: (59, 2), (115, 2), (156, 1), (421, 2), (431, 1)"
    assert groups(text) == [("group 1", [59, 115, 156, 421, 431], [1, 1, 0, 1, 0])]


def test_a_status_column_coded_one_two_in_a_frame() -> None:
    text = "time,status\n306,2\n455,2\n1010,1\n210,2\nstatus: 1 = censored, 2 = dead. KM median?"
    assert groups(text)[0][1:] == ([306, 455, 1010, 210], [1, 1, 0, 1])


def test_a_three_code_status_counts_only_the_event_asked() -> None:
    text = (
        "status: 1 = died from melanoma, 2 = alive, 3 = died from other causes\n"
        "time,status,sex\n10,3,1\n30,1,1\n35,2,0\n99,1,0\n120,1,1\n150,2,0\nsex: 1 = male, 0 = female. log-rank"
    )
    assert groups(text) == [("male", [10, 30, 120], [0, 1, 1]), ("female", [35, 99, 150], [0, 1, 0])]


def test_groups_written_unlike_each_other() -> None:
    text = "arm 1: 6, 9, 10+, 14, 17+\nand for the second arm the times were 3, 4+, 5, 8 (+ = censored)"
    assert [g[1] for g in groups(text)] == [[6, 9, 10, 14, 17], [3, 4, 5, 8]]


# --- pairs ----------------------------------------------------------------------------------------------


def test_arrow_pairs_with_units() -> None:
    parsed = parse_request("58 in → 115 lb; 59 in → 117 lb; 60 in → 120 lb; 61 in → 123 lb. regress weight on height")
    assert [item.values for item in parsed.lists] == [(58, 59, 60, 61), (115, 117, 120, 123)]


def test_arrow_pairs_take_names_from_an_arrow_header() -> None:
    parsed = parse_request("weight (lb) pre -> post:\n83.8 -> 95.2\n83.3 -> 94.3\n86 -> 91.5\n82.5 -> 91.9")
    assert lists(parsed) == {"pre": (83.8, 83.3, 86, 82.5), "post": (95.2, 94.3, 91.5, 91.9)}


def test_tuples_take_names_from_the_header_before_them() -> None:
    parsed = parse_request("Data as (age, delirium): (45, 0), (52, 0), (61, 1), (38, 0), (70, 1)")
    assert lists(parsed) == {"age": (45, 52, 61, 38, 70), "delirium": (0, 0, 1, 0, 1)}


# --- settings and lists in prose ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the SD within a group is about 4.4", {"sd": 4.4}),
        ("Published SD of 6-month weight change is around 5.8 kg", {"sd": 5.8}),
        ("lower systolic BP by 5 mmHg, with a common SD of 12 mmHg", {"delta": 5, "sd": 12}),
        ("the KM estimate at 24 weeks", {"time_point": 24}),
        ("S(t) at 2 years (730 days)", {"time_point": 730}),
        ("Test H0: mean height = 75 ft", {"mu": 75}),
        ("Woolf CI but at 90% not 95%", {"conf_level": 0.9}),
    ],
)
def test_settings_written_in_prose(text: str, expected: dict[str, float]) -> None:
    scalars = parse_request(text).scalars
    assert {key: scalars.get(key) for key in expected} == pytest.approx(expected)


def test_a_labelled_p_value_list_keeps_its_last_value_and_its_names() -> None:
    (item,) = parse_request("IL6 p = 0.004, CRP p = 0.019, TNF p = 0.032, IL10 p = 0.41. Bonferroni please").lists
    assert item.values == (0.004, 0.019, 0.032, 0.41)
    assert item.names == ("IL6", "CRP", "TNF", "IL10")


def test_a_number_that_ends_a_name_stays_in_the_name() -> None:
    parsed = parse_request("baseline 61.5 58 72.3 66.1\nweek 12 60.2 57.1 70.8 65.0\npaired t-test")
    assert lists(parsed) == {"baseline": (61.5, 58, 72.3, 66.1), "week 12": (60.2, 57.1, 70.8, 65.0)}


def test_thousands_separators_and_lists_without_spaces() -> None:
    assert lists(parse_request("counts: 1,200, 3,400 and 5,600")) == {"counts": (1200, 3400, 5600)}
    assert lists(parse_request("x: 1,2,3,4")) == {"x": (1, 2, 3, 4)}
