"""The request contract: a named analysis is never replaced, a model never overrides a name, leftovers decline."""

from __future__ import annotations

import pytest

from analysis.accounting import account
from analysis.contract import read_contract
from analysis.plan import plan_analysis, with_choice
from analysis.reading import parse_request
from analysis.recipes import RECIPES, evaluate

ONE_GROUP = "log-rank test please. Group A: 6, 9, 10+, 14, 17, 20+, 22, 25+, 30, 31"
TWO_LISTS = "Group A: 5.1, 4.8, 6.0, 5.5, 5.9; Group B: 6.2, 7.1, 6.8, 6.5, 7.0"


def test_a_named_analysis_that_cannot_be_built_is_declined_with_what_was_read() -> None:
    plan = plan_analysis(ONE_GROUP)
    assert plan.status == "declined" and not plan.calls
    assert "at least two groups" in plan.reason
    assert "one group of survival times (Group A: 10 times, 7 events)" in plan.reason


@pytest.mark.parametrize(
    ("request_text", "named"),
    [
        ("Cochran's Q test on three binary tests: A 1 0 1 1 0, B 1 1 1 0 0, C 0 0 1 1 1", "Cochran's Q"),
        ("Friedman test on these: A 1 2 3 4, B 2 3 4 5, C 3 4 5 6", "Friedman"),
        ("Poisson regression of counts 3, 5, 2, 8, 6 on dose 1, 2, 3, 4, 5", "Poisson"),
        ("Jonckheere-Terpstra test for these ordered groups: low 1 2 3, mid 2 3 4, high 4 5 6", "trend"),
        ("multivariable Cox: time 5, 8, 12, 3, 9; status 1, 0, 1, 1, 0; age 50, 61, 70, 44, 58", "more than one"),
        ("mixed model with a random intercept per patient: 1 2 3 4 5 6", "mixed-effects"),
        ("fit a Weibull model: arm A 5 6 7+ 9; arm B 1 2 3 4", "parametric survival"),
        ("ordinal logistic regression of grade 1 2 3 2 1 on dose 1 2 3 4 5", "regression model"),
        ("IC50 please, dose 1 10 100 1000 and response 90 70 40 10", "dose-response"),
    ],
)
def test_an_analysis_no_recipe_computes_is_declined_never_substituted(request_text: str, named: str) -> None:
    plan = plan_analysis(request_text)
    assert plan.status == "declined" and not plan.calls
    assert named.lower() in plan.reason.lower()


def test_student_with_equal_variances_is_never_run_as_welch() -> None:
    plan = plan_analysis(f"Student t-test assuming equal variances, don't use Welch. {TWO_LISTS}")
    assert [call.name for call in plan.calls] == ["student_t_test"]
    assert read_contract("Student's t-test").variants == {"variance": "equal"}


def test_the_negation_of_equal_variances_asks_for_welch() -> None:
    assert read_contract("I don't want to assume equal variances").variants["variance"] == "unequal"


def test_a_named_analysis_leaves_nothing_to_a_models_tie_break() -> None:
    plan = plan_analysis(f"Mann-Whitney U test please: {TWO_LISTS}")
    assert plan.named and plan.tie == []
    assert [call.name for call in plan.calls] == ["mann_whitney_u"]


def test_a_tie_break_choice_is_checked_like_the_parsers_own() -> None:
    plan = plan_analysis(f"compare these: {TWO_LISTS}")
    assert plan.status == "planned" and not plan.named
    choice = evaluate(RECIPES["mann_whitney_u"], plan.parsed)  # type: ignore[arg-type]
    assert choice is not None
    chosen = with_choice(plan, choice)
    assert chosen.calls[0].name == "mann_whitney_u" and chosen.requested.startswith("not named")


def test_avoided_analyses_are_not_run() -> None:
    plan = plan_analysis(f"Mann-Whitney rather than a t-test: {TWO_LISTS}")
    assert [call.name for call in plan.calls] == ["mann_whitney_u"]
    assert [m.term.key for m in read_contract("rather than a t-test").avoided] == ["t_test"]


def test_a_third_group_the_named_test_cannot_take_declines() -> None:
    plan = plan_analysis("Welch t-test: treated 5.1 4.8 6.0 5.5 5.9, control 6.2 7.1 6.8 6.5 7.0, sham 3.3 4.4 5.5 6.6")
    assert plan.status == "declined" and "3 list(s)" in plan.reason


def test_values_of_a_list_the_analysis_only_partly_used_are_a_misread() -> None:
    parsed = parse_request("A: 5.1, 4.8, 6.0, 5.5, 5.9")
    (item,) = parsed.lists
    accounting = account(parsed, item.spans[:3])
    assert [u.text for u in accounting.misread] == ["5.5", "5.9"]


def test_numbers_beside_the_data_are_explained_not_misread() -> None:
    parsed = parse_request("In 2019, 24 patients, 8 weeks, 95% CI, alpha = 0.05: A: 5.1, 4.8, 6.0")
    (item,) = parsed.lists
    accounting = account(parsed, item.spans)
    assert not accounting.misread
    assert {u.why for u in accounting.unused} >= {"a year", "the alpha setting", "the conf level setting"}


def test_a_stated_group_size_that_the_values_contradict_declines() -> None:
    plan = plan_analysis("Welch t-test, n = 6 per group. A: 5.1, 4.8, 6.0, 5.5, 5.9; B: 6.2, 7.1, 6.8, 6.5, 7.0")
    assert plan.status == "declined" and "does not match" in plan.reason


def test_a_message_cut_off_mid_data_declines() -> None:
    plan = plan_analysis("Spearman please (age, SBP): (34, 118), (41, 126), (47, 131), (52, 129), (58, 14\n(continued)")
    assert plan.status == "declined" and "cut off" in plan.reason


def test_contradictory_totals_decline() -> None:
    plan = plan_analysis("chi-square please\narm,yes,no,total\ndrug,24,16,42\nplacebo,14,26,40")
    assert plan.status == "declined" and "totals" in plan.reason


def test_a_methods_question_is_none_even_with_a_number() -> None:
    assert plan_analysis("I compared AUCs of nested models with DeLong, p = 0.4, right test?").status == "none"
    assert plan_analysis("When should I use a Cox model instead of a log-rank test?").status == "none"


def test_a_request_for_a_named_test_with_too_few_numbers_is_declined_not_silent() -> None:
    plan = plan_analysis("Pearson correlation between dose and AUC: (dose 2.5, AUC 41.2), (dose 5, AUC 77.9)")
    assert plan.status == "declined"


@pytest.mark.parametrize(
    ("request_text", "first"),
    [
        ("paired t-test, difference drug 2 minus drug 1. drug 1: 0.7, -1.6, -0.2, -1.2; drug 2: 1.9, 0.8, 1.1, 0.1",
         "drug 2"),
        ("Welch t-test of trt1 minus control: control 4.2 5.6 5.2 6.1; trt1 4.8 4.2 4.4 3.6", "trt1"),
        ("paired t test on post minus pre\npatient,prewt,postwt\n1,80.5,82.2\n2,84.9,85.6\n3,81.5,81.4", "postwt"),
    ],
)  # fmt: skip
def test_the_direction_asked_is_the_direction_computed(request_text: str, first: str) -> None:
    plan = plan_analysis(request_text)
    data = plan.calls[0].args.model_dump()
    assert data.get("label_first", data.get("label_a")) == first


def test_the_reference_group_is_the_cox_models_reference() -> None:
    plan = plan_analysis("Cox model, HR of KO relative to WT. WT: 58, 66, 71+, 77, 85; KO: 31, 39, 44, 52+, 60")
    assert [group["label"] for group in plan.calls[0].args.model_dump()["groups"]] == ["WT", "KO"]


def test_a_two_by_two_written_with_groups_as_columns_is_turned_round_for_the_odds_ratio() -> None:
    text = (
        "          Gender\nAdmit      Male Female\n  Admitted  512     89\n  Rejected  313     19\n"
        "odds ratio of being admitted for women relative to men"
    )
    args = plan_analysis(text).calls[0].args.model_dump()
    assert args["row_labels"] == ["Female", "Male"] and args["rows"] == [[89, 19], [512, 313]]


def test_a_design_question_the_recipes_do_not_cover_is_declined() -> None:
    plan = plan_analysis("Crossover study: SD of the within-subject difference 0.30, detect 0.12 with 90% power. n?")
    assert plan.status == "declined" and "no vetted recipe" in plan.reason


def test_every_planned_call_says_how_it_read_the_data() -> None:
    plan = plan_analysis(f"Welch t-test please: {TWO_LISTS}")
    text = plan.calls[0].data_as_read().text()
    assert "Group A" in text and "Group B" in text and "5" in text
