"""Deterministic parsing of requests: lists, censoring, tables, scalars, cues, ranking and the model's choice."""

from __future__ import annotations

import pytest

from analysis.model import ParsedRequest
from analysis.reading import parse_request
from analysis.reading.survival import SurvivalGroup, survival_groups
from analysis.recipes import call_from_choice, candidates, choice_schema


def values(parsed: ParsedRequest) -> dict[str, tuple[float, ...]]:
    return {item.label: item.values for item in parsed.lists}


def read_survival(parsed: ParsedRequest) -> list[SurvivalGroup]:
    reading = survival_groups(parsed)
    assert reading is not None
    return reading.groups


def top(text: str) -> str:
    options = candidates(parse_request(text))
    assert options, f"no candidate for {text!r}"
    return options[0].name


# --- named lists -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Control: 5.1, 4.8, 6.0 and Drug: 6.2, 7.1, 6.8", {"Control": (5.1, 4.8, 6.0), "Drug": (6.2, 7.1, 6.8)}),
        ("placebo 1 2 3 4 vs drug 5 6 7 8", {"placebo": (1, 2, 3, 4), "drug": (5, 6, 7, 8)}),
        ("A = [1.5, 2.5, 3.5]; B = [4, 5, 6]", {"A": (1.5, 2.5, 3.5), "B": (4, 5, 6)}),
        ("KO {2.3; 2.9; 3.1} and WT {4.1; 3.8; 5.2}", {"KO": (2.3, 2.9, 3.1), "WT": (4.1, 3.8, 5.2)}),
        ("ctrl <- c(5.1, 4.9, 5.6); trt <- c(6.2, 5.9, 6.8)", {"ctrl": (5.1, 4.9, 5.6), "trt": (6.2, 5.9, 6.8)}),
        (
            "Treated\t5.2\t5.9\t6.1\nUntreated\t4.1\t4.5\t3.9",
            {"Treated": (5.2, 5.9, 6.1), "Untreated": (4.1, 4.5, 3.9)},
        ),
        (
            "cohort X were 3, 4, 5 and 6, and cohort Y 7, 8, 9 and 12",
            {"cohort X": (3, 4, 5, 6), "cohort Y": (7, 8, 9, 12)},
        ),
        ("changes: -1.2, -.5, 0.3, 2e-1", {"changes": (-1.2, -0.5, 0.3, 0.2)}),
        ("Strain 1 => 5mg, 7mg, 3mg ; Strain 2 => 10mg, 12mg, 9mg", {"Strain 1": (5, 7, 3), "Strain 2": (10, 12, 9)}),
        ("values\n5.1\n4.8\n6.0\n5.5", {"values": (5.1, 4.8, 6.0, 5.5)}),
        ("x: 1, 2,\n3, 4", {"x": (1, 2, 3, 4)}),
    ],
)
def test_lists_in_many_writings(text: str, expected: dict[str, tuple[float, ...]]) -> None:
    assert values(parse_request(text)) == expected


def test_group_names_can_be_any_words_and_numbers_in_names_are_not_data() -> None:
    parsed = parse_request(
        "Comparing IL-6 between responders and non-responders. responders 12.1 15.3 9.8; "
        "non-responders 18.2 22.5 17.9. Group 1: 5, 6, 7; Group 2: 8, 9, 10. Ki-67 and F1 are names."
    )
    assert values(parsed) == {
        "responders": (12.1, 15.3, 9.8),
        "non-responders": (18.2, 22.5, 17.9),
        "Group 1": (5, 6, 7),
        "Group 2": (8, 9, 10),
    }


def test_labels_drop_fillers_and_sample_sizes() -> None:
    parsed = parse_request(
        "I weighed mice on the high-fat diet (25.1 27.3 26.8) and on chow (22.0 23.1 21.9). "
        "The control group values were: 1, 2, 3. Arm B (n=7): 4, 5, 6"
    )
    assert [item.label for item in parsed.lists] == ["high-fat diet", "chow", "control group", "Arm B"]


def test_repeated_labels_are_made_unique() -> None:
    parsed = parse_request("times: 1, 2, 3 and times: 4, 5, 6")
    assert [item.label for item in parsed.lists] == ["times", "times (2)"]


def test_pasted_frame_gives_columns_and_drops_the_id_column() -> None:
    parsed = parse_request("subject  pre  post\n1  5.2  6.1\n2  4.8  5.9\n3  5.5  6.4")
    assert values(parsed) == {"pre": (5.2, 4.8, 5.5), "post": (6.1, 5.9, 6.4)}


def test_grid_with_a_bar_separated_header() -> None:
    parsed = parse_request("day 1 | day 7\n210 | 225\n198 | 214\n230 | 241")
    assert values(parsed) == {"day 1": (210, 198, 230), "day 7": (225, 214, 241)}


def test_pairs_and_per_subject_rows_become_columns() -> None:
    pairs = parse_request("x and y as pairs: (1, 2.1), (2, 3.9), (3, 6.2), (4, 7.8)")
    assert [item.values for item in pairs.lists] == [(1.0, 2.0, 3.0, 4.0), (2.1, 3.9, 6.2, 7.8)]
    subjects = parse_request(
        "Subject 1: 120 -> 115\nSubject 2: 131 -> 128\nSubject 3: 125 -> 119\nSubject 4: 140 -> 132"
    )
    assert [item.values for item in subjects.lists] == [(120.0, 131.0, 125.0, 140.0), (115.0, 128.0, 119.0, 132.0)]


def test_p_values_written_one_per_label_are_one_list() -> None:
    parsed = parse_request("gene1 p = 0.0012, gene2 p = 0.034, gene3 p = 0.21, gene4 p=0.0008")
    assert values(parsed) == {"p-values": (0.0012, 0.034, 0.21, 0.0008)}


def test_word_lists_become_factors() -> None:
    parsed = parse_request("arm: A, A, B, B, A; outcome = yes no yes yes no")
    assert [(f.label, f.levels) for f in parsed.factors] == [
        ("arm", ("A", "A", "B", "B", "A")),
        ("outcome", ("yes", "no", "yes", "yes", "no")),
    ]


def test_prose_numbers_are_not_lists() -> None:
    parsed = parse_request("We randomised 40 patients in 2021 across 3 sites, with alpha 0.05 and 80% power.")
    assert parsed.lists == ()


# --- censoring and events ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "times: 3, 5, 6+, 8, 12+",
        "times: 3, 5, 6*, 8, 12*",
        "times: 3, 5, 6 (censored), 8, 12 (censored)",
        "times: 3 months, 5 months, 6+ months, 8 months, 12+ months",
    ],
)
def test_censoring_marks(text: str) -> None:
    (item,) = parse_request(text).lists
    assert item.values == (3.0, 5.0, 6.0, 8.0, 12.0)
    assert item.censored == (False, False, True, False, True)


def test_times_with_event_lists_per_group() -> None:
    parsed = parse_request(
        "Arm A times: 5 8 12 20; Arm A events: 1 1 0 1; Arm B times: 3 4 7 9 11; Arm B events: 1 1 1 0 1"
    )
    groups = read_survival(parsed)
    assert [(g.label, g.times, g.events) for g in groups] == [
        ("Arm A", [5, 8, 12, 20], [1, 1, 0, 1]),
        ("Arm B", [3, 4, 7, 9, 11], [1, 1, 1, 0, 1]),
    ]


def test_event_list_split_by_a_group_column() -> None:
    parsed = parse_request("time: 4, 6, 8, 3, 5, 9\nevent: 1, 0, 1, 1, 1, 0\ntreatment: 0, 0, 0, 1, 1, 1")
    reading = survival_groups(parsed)
    assert reading is not None
    groups, reason = reading.groups, reading.reason
    assert [(g.times, g.events) for g in groups] == [([4, 6, 8], [1, 0, 1]), ([3, 5, 9], [1, 1, 0])]
    assert "split by group" in reason


def test_censoring_indicator_coded_one_is_inverted() -> None:
    parsed = parse_request("times: 6 7 10 15 19 25\ncensored (1 = censored): 0 1 0 1 0 0")
    reading = survival_groups(parsed)
    assert reading is not None
    groups, reason = reading.groups, reading.reason
    assert groups[0].events == [1, 0, 1, 0, 1, 1]
    assert "1 = censored" in reason


def test_event_times_and_censored_times_written_apart() -> None:
    parsed = parse_request("Arm A: died at 2, 4, 7; censored at 5, 9. Arm B: died at 6, 10, 15; censored at 12, 18.")
    groups = read_survival(parsed)
    assert [(g.label, g.times, g.events) for g in groups] == [
        ("Arm A", [2, 4, 7, 5, 9], [1, 1, 1, 0, 0]),
        ("Arm B", [6, 10, 15, 12, 18], [1, 1, 1, 0, 0]),
    ]


def test_status_written_as_words() -> None:
    parsed = parse_request("time: 3, 6, 8, 12\nstatus: dead, alive, dead, dead\nsurvival?")
    groups = read_survival(parsed)
    assert [(g.times, g.events) for g in groups] == [([3, 6, 8, 12], [1, 0, 1, 1])]


def test_frame_with_time_event_and_group_columns() -> None:
    parsed = parse_request("time,status,group\n5,1,A\n8,0,A\n12,1,A\n3,1,B\n6,1,B\n7,0,B")
    groups = read_survival(parsed)
    assert [(g.label, g.times, g.events) for g in groups] == [("A", [5, 8, 12], [1, 0, 1]), ("B", [3, 6, 7], [1, 1, 0])]


# --- tables ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        ("[[45, 12], [4, 39]]", ((45, 12), (4, 39))),
        ("table: 15 5; 8 12", ((15, 5), (8, 12))),
        ("Drug: 15, 5; Placebo: 8, 12", ((15, 5), (8, 12))),
        ("Smokers: 30 with COPD, 70 without. Non-smokers: 12 with COPD, 88 without.", ((30, 70), (12, 88))),
        ("treated 2 of 12 had events, control 7 of 11", ((2, 10), (7, 4))),
        ("4 out of 200 vaccinated vs 15/198 unvaccinated were infected", ((4, 196), (15, 183))),
        ("2x2: a=20, b=80, c=10, d=90.", ((20, 80), (10, 90))),
        ("2 by 2 table: treated (improved 30, not improved 10), untreated (improved 18, not improved 22)",
         ((30, 10), (18, 22))),
        ("| | yes | no |\n|---|---|---|\n| drug | 24 | 16 |\n| placebo | 14 | 26 |", ((24, 16), (14, 26))),
        ("Group 1: 30 yes, 10 no; Group 2: 20 yes, 20 no", ((30, 10), (20, 20))),
        ("exposed 3 cases 17 controls, unexposed 1 case 19 controls", ((3, 17), (1, 19))),
        ("cases exposed=40, cases unexposed=60, controls exposed=25, controls unexposed=75", ((40, 60), (25, 75))),
        ("before +/after + = 20, before +/after - = 10, before -/after + = 4, before -/after - = 30",
         ((20, 10), (4, 30))),
        ("Fisher test for a 2x2 table with cells 3, 9, 10, 2", ((3, 9), (10, 2))),
    ],
)  # fmt: skip
def test_tables_in_many_writings(text: str, rows: tuple[tuple[float, ...], ...]) -> None:
    assert parse_request(text).tables[0].rows == rows


def test_table_with_header_and_row_labels() -> None:
    text = "Counts:\n         mild  moderate  severe\nA        20    15        10\nB        12    18        14"
    table = parse_request(text).tables[0]
    assert table.rows == ((20.0, 15.0, 10.0), (12.0, 18.0, 14.0))
    assert table.row_labels == ("A", "B")
    assert table.col_labels == ("mild", "moderate", "severe")


def test_column_words_come_from_the_counts() -> None:
    table = parse_request("exposed 18 cases / 82 non-cases; unexposed 9 cases / 91 non-cases").tables[0]
    assert table.row_labels == ("exposed", "unexposed")
    assert table.col_labels == ("cases", "non-cases")


def test_event_flags_beside_times_are_not_a_table() -> None:
    parsed = parse_request("Arm A times: 5 8 12 20 25 30\nArm A events: 1 1 0 1 0 1")
    assert parsed.tables == ()


# --- scalars --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("alpha = 0.05", {"alpha": 0.05}),
        ("at α=.01", {"alpha": 0.01}),
        ("5% significance level", {"alpha": 0.05}),
        ("at the 1% level", {"alpha": 0.01}),
        ("significance level of 0.10", {"alpha": 0.10}),
        ("80% power", {"power": 0.8}),
        ("power of 0.9", {"power": 0.9}),
        ("power = 90 percent", {"power": 0.9}),
        ("beta = 0.2", {"power": 0.8}),
        ("effect size d = 0.5", {"effect_size": 0.5}),
        ("Cohen's d of 0.4", {"effect_size": 0.4}),
        ("a standardized mean difference of 0.35", {"effect_size": 0.35}),
        ("a medium effect size", {"effect_size": 0.5}),
        ("difference of 5 mmHg, SD 12", {"delta": 5, "sd": 12}),
        ("detect a 10-point difference with a standard deviation of 20", {"delta": 10, "sd": 20}),
        ("expected difference in tumour volume is 150 with σ = 100", {"delta": 150, "sd": 100}),
        ("response rate from 30% to 45%", {"p1": 0.30, "p2": 0.45}),
        ("infection rate 0.20 vs 0.10", {"p1": 0.20, "p2": 0.10}),
        ("p1 = 0.6 and p2 = 0.75", {"p1": 0.6, "p2": 0.75}),
        ("mortality 15% in control vs 10% with treatment", {"p1": 0.15, "p2": 0.10}),
        ("20 mice per group", {"n_per_group": 20}),
        ("n = 15 per arm", {"n_per_group": 15}),
        ("40 patients in total", {"n_per_group": 20}),
        ("mu = 5.0", {"mu": 5.0}),
        ("the reference value of 100", {"mu": 100}),
        ("is the mean different from zero", {"mu": 0}),
        ("signed-rank test vs 50", {"mu": 50}),
        ("a difference of 0.5 SD", {"effect_size": 0.5}),
        ("n1 = n2 = 25", {"n_per_group": 25}),
        ("survival at 12 months", {"time_point": 12}),
        ("2-year survival", {"time_point": 2}),
        ("1-year survival with follow-up in months", {"time_point": 12}),
        ("with 90% CI", {"conf_level": 0.90}),
    ],
)
def test_scalars(text: str, expected: dict[str, float]) -> None:
    scalars = parse_request(text).scalars
    assert {key: scalars.get(key) for key in expected} == pytest.approx(expected)


def test_alpha_power_and_proportions_do_not_double_count() -> None:
    scalars = parse_request("5% significance, 80% power, and rates of 30% vs 45%").scalars
    assert dict(scalars) == pytest.approx({"alpha": 0.05, "power": 0.8, "p1": 0.3, "p2": 0.45})


# --- cues and ranking -----------------------------------------------------------------------------


def test_welch_negation_is_not_equal_variances() -> None:
    cues = parse_request("I don't want to assume equal variances").cues
    assert "welch" in cues and "equal_var" not in cues


@pytest.mark.parametrize(
    ("text", "recipe"),
    [
        ("placebo: 5.1, 4.8, 6.0, 5.5 and drug: 6.2, 7.1, 6.8", "welch_t_test"),
        ("equal variances please. A: 5.1, 4.8, 6.0, 5.5 B: 6.2, 7.1, 6.8", "student_t_test"),
        ("skewed data. A: 5.1, 4.8, 16.0, 5.5 B: 6.2, 7.1, 6.8", "mann_whitney_u"),
        ("before: 5.1, 4.8, 6.0, 5.5 after: 6.2, 7.1, 6.8, 6.0", "paired_t_test"),
        ("same patients, ordinal scores. week 0: 5 4 6 5 week 8: 3 3 4 2", "wilcoxon_signed_rank"),
        ("A: 1.1, 1.2, 1.3 B: 2.1, 2.2, 2.3 C: 3.1, 3.3, 3.2", "one_way_anova"),
        ("correlated? x: 1, 2, 3, 4, 5 y: 2.0, 3.9, 6.1, 8.2, 9.9", "pearson_correlation"),
        ("Spearman's rho? x: 1, 2, 3, 4, 5 y: 2.0, 3.9, 6.1, 8.2, 9.9", "spearman_correlation"),
        ("fit a regression line: x: 1, 2, 3, 4, 5 y: 2.0, 3.9, 6.1, 8.2, 9.9", "linear_regression"),
        ("dose: 1 2 3 4 5 6 toxicity: 0 0 1 0 1 1", "logistic_regression"),
        ("Drug: 15, 5; Placebo: 8, 12", "chi_square_independence"),
        ("Drug: 1, 9; Placebo: 8, 3", "fisher_exact"),
        ("Drug: 15, 5; Placebo: 8, 12. odds ratio?", "odds_ratio_relative_risk"),
        ("A: 6, 9, 10+, 14 B: 3, 4, 5, 8+", "log_rank"),
        ("HR? A: 6, 9, 10+, 14 B: 3, 4, 5, 8+", "cox_regression"),
        ("median survival per arm? A: 6, 9, 10+, 14 B: 3, 4, 5, 8+", "kaplan_meier"),
        ("times: 6, 9, 10+, 14, 3", "kaplan_meier"),
        ("d = 0.5, 80% power: n per group?", "sample_size_t_test"),
        ("20 per group, d = 0.5: power?", "power_t_test"),
        ("30% vs 45%, how many patients per arm?", "sample_size_two_proportions"),
        ("p-values: 0.01, 0.04, 0.03, 0.2", "p_value_adjustment"),
        ("test normality: 1.2, 3.4, 2.2, 2.9, 3.1", "shapiro_wilk"),
    ],
)
def test_clear_requests_rank_their_recipe_first_with_a_clear_lead(text: str, recipe: str) -> None:
    options = candidates(parse_request(text))
    assert options[0].name == recipe, [(o.name, o.score) for o in options[:3]]
    if len(options) > 1:
        assert options[0].score - options[1].score >= 0.25, [(o.name, o.score) for o in options[:3]]


@pytest.mark.parametrize(
    "text",
    [
        "What is a Kaplan-Meier curve?",
        "Explain the difference between Welch's and Student's t-tests.",
        "Which alpha should I use, 0.05 or 0.01?",
        "We had 3 groups in 2019 and 40 patients.",
        "",
    ],
)
def test_requests_without_analysable_data_have_no_candidates(text: str) -> None:
    assert candidates(parse_request(text)) == []


def test_every_candidate_carries_validated_args_and_a_reason() -> None:
    for option in candidates(parse_request("placebo: 5.1, 4.8, 6.0, 5.5 and drug: 6.2, 7.1, 6.8, 6.9")):
        assert isinstance(option.args, option.recipe.args_model)
        assert option.reason and option.score > -1


# --- the model's choice ---------------------------------------------------------------------------


TWO_LISTS = "A: 5.1, 4.8, 6.0, 5.5 and B: 6.2, 7.1, 6.8, 6.5"


def test_choice_schema_is_small_and_enum_based() -> None:
    parsed = parse_request(TWO_LISTS)
    schema = choice_schema(parsed, ["welch_t_test", "paired_t_test", "not_a_recipe"])
    assert schema["properties"]["recipe"]["enum"] == ["welch_t_test", "paired_t_test"]
    assert schema["properties"]["first"]["enum"] == ["A", "B"]
    assert schema["properties"]["second"]["enum"] == ["A", "B"]
    assert schema["required"] == ["recipe", "first", "second"]
    assert schema["additionalProperties"] is False


def test_choice_schema_without_lists_has_only_the_recipe() -> None:
    parsed = parse_request("d = 0.5, 80% power")
    assert set(choice_schema(parsed, ["sample_size_t_test"])["properties"]) == {"recipe"}


def test_choice_round_trip_honours_the_roles() -> None:
    parsed = parse_request(TWO_LISTS)
    call = call_from_choice(parsed, {"recipe": "welch_t_test", "first": "B", "second": "A"})
    assert call is not None and call.name == "welch_t_test"
    assert call.args.model_dump()["label_a"] == "B"
    assert "chosen by the model" in call.reason
    regression = call_from_choice(parsed, {"recipe": "linear_regression", "first": "B", "second": "A"})
    assert regression is not None and regression.args.model_dump()["x_label"] == "B"


@pytest.mark.parametrize(
    ("text", "choice"),
    [
        (TWO_LISTS, {"recipe": "no_such_recipe", "first": "A", "second": "B"}),
        (TWO_LISTS, {"recipe": "welch_t_test", "first": "A", "second": "A"}),
        (TWO_LISTS, {"recipe": "welch_t_test", "first": "A", "second": "C"}),
        (TWO_LISTS, {"recipe": "chi_square_independence", "first": "A", "second": "B"}),
        (TWO_LISTS, {"recipe": "logistic_regression", "first": "A", "second": "B"}),
        (TWO_LISTS, {"recipe": "kaplan_meier", "first": "A", "second": "B"}),
        ("A: 1, 2, 3, 4 and B: 5, 6, 7", {"recipe": "paired_t_test", "first": "A", "second": "B"}),
        ("A: 1, 2, 3, 4 and B: 5, 6, 7", {"recipe": "pearson_correlation", "first": "A", "second": "B"}),
        ("Drug: 15, 5; Placebo: 8, 12", {"recipe": "welch_t_test"}),
        ("d = 0.5, 80% power", {"recipe": "power_t_test"}),
        (TWO_LISTS, {"first": "A"}),
    ],
)
def test_choices_that_do_not_fit_the_data_are_rejected(text: str, choice: dict[str, str]) -> None:
    assert call_from_choice(parse_request(text), choice) is None


def test_choice_of_a_recipe_without_roles_uses_the_parsed_data() -> None:
    parsed = parse_request("A: 6, 9, 10+, 14 B: 3, 4, 5, 8+")
    call = call_from_choice(parsed, {"recipe": "kaplan_meier", "first": "A", "second": "B"})
    assert call is not None and len(call.args.model_dump()["groups"]) == 2
