"""Layouts and wordings read right, or declined, since the fresh held-out set (analysis_final) was first run.

Each test writes its own data the way a researcher would paste it; the reading (or the plan) is asserted
in full, so a misread shows as a diff.
"""

from __future__ import annotations

import subprocess
import sys

from analysis.contract import read_contract, read_directions
from analysis.plan import plan_analysis
from analysis.reading import parse_request
from analysis.reading.survival import survival_groups


def _groups(text: str) -> list[tuple[str, int, int]]:
    reading = survival_groups(parse_request(text))
    assert reading is not None, "no survival data read"
    return [(g.label, len(g.times), sum(g.events)) for g in reading.groups]


def _run(text: str) -> str:
    plan = plan_analysis(text)
    assert plan.status == "planned", plan.reason
    done = subprocess.run(
        [sys.executable, "-c", plan.calls[0].code()], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


# --- what the words ask ---------------------------------------------------------------------------------


def test_a_speed_in_km_per_second_is_not_a_kaplan_meier_request() -> None:
    assert [m.term.key for m in read_contract("speeds in km/s, Student t test please").named] == ["student_t_test"]
    assert [m.term.key for m in read_contract("KM median by arm").named] == ["kaplan_meier"]


def test_a_method_cited_with_a_year_is_a_data_source_not_a_request() -> None:
    contract = read_contract("the Fisher 1947 cat data (Scheffé 1959 layout): Welch t-test on heart weight")
    assert [m.term.key for m in contract.named] == ["welch_t_test"]


def test_an_analysis_mentioned_as_a_later_step_is_not_run_now() -> None:
    contract = read_contract("normality check before the ANCOVA: Shapiro-Wilk please")
    assert [m.term.key for m in contract.named] == ["shapiro_wilk"]
    assert not contract.unsupported


def test_an_adjusted_model_is_declined_not_fitted_with_one_covariate() -> None:
    text = (
        "Cox model with stage AND age as covariates, age-adjusted HRs please.\n"
        "time,died,age,stage\n1.2,1,66,1\n3.4,0,71,2\n0.8,1,59,1\n5.1,0,62,2\n2.2,1,70,1\n4.0,0,58,2\n"
    )
    plan = plan_analysis(text)
    assert plan.status == "declined" and "more than one covariate" in plan.reason


def test_a_tukey_adjusted_p_is_not_a_request_for_a_multiple_testing_correction() -> None:
    contract = read_contract("one-way ANOVA, and the Tukey HSD adjusted p for group 4 vs group 1")
    assert {m.term.key for m in contract.named} == {"one_way_anova", "tukey_hsd"}


def test_equal_variances_mean_two_independent_groups_never_a_paired_test() -> None:
    text = (
        "classic equal-variance (Student) t test please\n"
        "run A: 12.1 13.4 11.8 12.9 13.0\nrun B: 11.2 12.0 11.9 10.8 11.5"
    )
    assert plan_analysis(text).calls[0].name == "student_t_test"


def test_years_set_against_each_other_give_the_direction() -> None:
    (direction,) = read_directions("signed-rank on the 1932 - 1931 differences")
    assert (direction.first.split()[-1], direction.second.split()[0]) == ("1932", "1931")


# --- frames and columns ---------------------------------------------------------------------------------


def test_a_numeric_column_the_request_groups_by_splits_the_outcome() -> None:
    rows = "\n".join(
        f"{g},{r},{v}" for g, r, v in [(1, 1, 850), (1, 2, 740), (2, 1, 960), (2, 2, 940), (3, 1, 880), (3, 2, 870)]
    )
    plan = plan_analysis(f"expt,run,speed\n{rows}\nOne-way ANOVA of speed by experiment please")
    call = plan.calls[0]
    assert call.name == "one_way_anova"
    assert call.args.model_dump()["groups"] == [[850, 740], [960, 940], [880, 870]]


def test_abbreviated_column_names_are_matched_to_the_words_of_the_request() -> None:
    text = (
        "Columns: id, sex, body wt (kg), heart wt (g).\nid,sex,bwt_kg,hwt_g\n"
        "1,F,2.0,7.0\n2,F,2.1,7.4\n3,F,2.3,8.1\n4,M,2.9,10.2\n5,M,3.1,11.0\n6,M,3.4,12.5\n"
        "Welch t-test on heart weight between the sexes"
    )
    call = plan_analysis(text).calls[0]
    data = call.args.model_dump()
    assert sorted([data["values_a"], data["values_b"]]) == [[7.0, 7.4, 8.1], [10.2, 11.0, 12.5]]


def test_two_columns_set_against_each_other_are_the_pair() -> None:
    text = (
        "run conc od_dup1 od_dup2\n1 5 1.01 1.00\n1 10 1.33 1.36\n2 5 1.73 1.71\n2 10 1.12 1.08\n3 5 1.55 1.53\n"
        "Wilcoxon signed-rank, dup1 - dup2"
    )
    data = plan_analysis(text).calls[0].args.model_dump()
    assert (data["label_first"], data["label_second"]) == ("od_dup1", "od_dup2")


def test_a_subject_id_column_is_never_analysed_as_a_measurement() -> None:
    text = (
        "subj,time,conc\n1,30min,6.6\n1,1h,10.5\n2,30min,7.9\n2,1h,8.3\n3,30min,6.9\n3,1h,8.2\n4,30min,4.6\n4,1h,8.6\n"
        "Wilcoxon signed-rank on the within-subject differences (1h minus 30min)"
    )
    data = plan_analysis(text).calls[0].args.model_dump()
    assert sorted(data["first"]) == [8.2, 8.3, 8.6, 10.5] and sorted(data["second"]) == [4.6, 6.6, 6.9, 7.9]


def test_a_header_indented_past_the_row_names_names_the_count_columns() -> None:
    text = (
        "                relapse   no relapse   total\nunfavourable         10           49      59\n"
        "favourable           43          714     757\ntotal                53          763     816\nodds ratio?"
    )
    first = parse_request(text).tables[0]
    assert first.rows == ((10, 49), (43, 714)) and first.col_labels == ("relapse", "no relapse")


def test_markdown_bold_totals_and_an_unnamed_sum_column_are_not_cells() -> None:
    text = (
        "| influence | low | high | row total |\n|---|---|---|---|\n| low | 35 | 65 | 100 |\n| high | 13 | 59 | 72 |\n"
        "| **total** | 48 | 124 | 172 |\nchi-square test"
    )
    assert parse_request(text).tables[0].rows == ((35, 65), (13, 59))
    unlabelled = "group a b sum\nx 3 4 7\ny 5 6 11\nz 1 2 3\nchi-square please"
    assert parse_request(unlabelled).tables[0].rows == ((3, 4), (5, 6), (1, 2))


def test_year_column_names_are_a_header() -> None:
    text = (
        "| site | 1931 | 1932 |\n|---|---|---|\n"
        "| A | 81.0 | 80.7 |\n| B | 146.6 | 100.4 |\n| C | 82.3 | 103.1 |\npaired t"
    )
    assert {item.label for item in parse_request(text).lists} == {"1931", "1932"}


def test_r_prints_a_named_vector_as_names_over_values() -> None:
    text = (
        "> fert\n    Delemont Franches-Mnt   Porrentruy\n        83.1         92.5         76.1\n"
        "      Sarine  Rive Droite  Rive Gauche\n        82.9         44.7         42.8\none-sample t vs 70"
    )
    assert [(i.label, i.values) for i in parse_request(text).lists] == [("fert", (83.1, 92.5, 76.1, 82.9, 44.7, 42.8))]


def test_dput_output_wrapped_over_lines_is_not_cut_off() -> None:
    text = (
        "structure(list(temp = c(27, 27, 25, 24, \n22, 23), loss = c(42, \n37, 37, 28, 18, 18)), class = "
        '"data.frame", row.names = c(NA, -6L))\nregress loss on temp'
    )
    assert plan_analysis(text).status == "planned"


# --- settings in words ------------------------------------------------------------------------------------


def test_a_reference_value_written_with_thousands_separators() -> None:
    parsed = parse_request(
        "velocities 9,172 9,350 18,419 19,343 22,746. signed-rank against a hypothesised median of 20,000"
    )
    assert parsed.scalars["mu"] == 20000


def test_a_reference_value_said_after_the_question() -> None:
    parsed = parse_request("880 880 860 720 970 950. Is the mean different from the true value? that's 792.458")
    assert parsed.scalars["mu"] == 792.458


def test_a_clinically_important_difference_is_the_effect_to_detect() -> None:
    assert parse_request("MCID 6 points, SD 15, alpha 0.01, 85% power").scalars["delta"] == 6
    assert parse_request("the difference we care about is 150 mm3, SD ~180").scalars["delta"] == 150
    assert parse_request("expected difference 0.4 %-points, SD 0.9").scalars["delta"] == 0.4


def test_percentages_that_are_powers_are_not_proportions() -> None:
    scalars = parse_request("rate ~30% now, we hope for 20%. n per arm for 80% and for 90% power?").scalars
    assert (scalars["p1"], scalars["p2"]) == (0.3, 0.2)


def test_a_sample_size_answer_gives_the_common_powers_too() -> None:
    out = _run("difference 5 mmHg, SD 10, two-sided alpha 0.05: sample size per arm for 80% power?")
    assert "n per group, rounded up = 64" in out and "n per group for 90% power, rounded up = 86" in out


def test_named_p_values_separated_by_dashes() -> None:
    text = "rs7903146 – 0.003\nrs1801282 – 0.041\nrs5219 – 0.018\nBH adjusted please"
    assert [i.values for i in parse_request(text).lists] == [(0.003, 0.041, 0.018)]


def test_a_cluster_size_per_litter_is_not_a_group_size_to_check() -> None:
    text = "1 treated + 2 controls per litter, 50 litters\n        yes no\ntreated  21 29\ncontrol  19 81\nFisher"
    assert plan_analysis(text).status == "planned"


# --- paired counts and per-row categories ----------------------------------------------------------------


def test_paired_counts_with_arrows_for_the_discordant_pairs() -> None:
    text = (
        "present at both visits in 46, absent at both in 148; "
        "31 developed them (absent→present), 13 lost them (present→absent). McNemar"
    )
    first = parse_request(text).tables[0]
    assert first.paired and first.rows == ((46, 13), (31, 148))


def test_mcnemar_is_never_run_on_counts_whose_pairing_is_unknown() -> None:
    plan = plan_analysis("46 and 148 at the first visit, 31 and 13 at the second. McNemar please")
    assert plan.status == "declined"


def test_two_yes_no_columns_named_by_the_request_are_cross_tabulated_as_pairs() -> None:
    rows = ["1,Y,Y", "2,Y,N", "3,N,N", "4,Y,N", "5,N,Y", "6,Y,Y", "7,N,N", "8,Y,N"]
    text = "id,hepatomegaly,spiders\n" + "\n".join(rows) + "\nMcNemar: hepatomegaly vs spiders in the same patients"
    first = parse_request(text).tables[0]
    assert first.paired and first.rows == ((2, 3), (1, 2))
    assert first.row_labels == ("hepatomegaly: Y", "hepatomegaly: N")


# --- regression and survival layouts ----------------------------------------------------------------------


def test_grouped_binomial_rows_fit_a_logistic_regression_of_events_among_trials() -> None:
    text = (
        "   Age Total Menarche\n1 10.0 120 2\n2 11.0 90 10\n3 12.0 100 35\n4 13.0 88 70\n5 14.0 105 90\n"
        "logistic regression of menarche on age"
    )
    out = _run(text)
    assert "groups = 5" in out and "odds ratio per unit of x" in out


def test_a_two_level_factor_named_as_the_event_is_the_logistic_outcome() -> None:
    text = (
        "sex,bwt\nF,2.0\nF,2.2\nF,2.5\nM,2.4\nF,2.9\nM,3.0\nM,3.3\nM,2.7\n"
        "logistic regression, outcome = male (M=1, F=0)"
    )
    data = plan_analysis(text).calls[0].args.model_dump()
    assert data["y"] == [0, 0, 0, 1, 0, 1, 1, 1] and data["x"] == [2.0, 2.2, 2.5, 2.4, 2.9, 3.0, 3.3, 2.7]


def test_tuple_places_named_once_for_every_group() -> None:
    text = (
        "tuples are (time, died 1/0).\nstage I: (0.6,1) (1.3,1) (2.4,1) (2.5,0) (3.2,1)\n"
        "stage II: (0.2,1) (1.8,1) (2,1) (2.2,0) (2.6,0)\nlog-rank"
    )
    assert _groups(text) == [("stage I", 5, 4), ("stage II", 5, 3)]


def test_group_names_on_header_lines_above_event_and_censored_times() -> None:
    text = (
        "RIT arm\n  progressed/died at (months): 25, 53\n  censored at: 28, 50, 51\n"
        "control arm\n  progressed/died at (months): 9, 19, 32\n  censored at: 48, 50\nlog rank"
    )
    assert _groups(text) == [("RIT arm", 5, 2), ("control arm", 5, 3)]


def test_a_status_legend_with_censoring_makes_the_other_code_the_event() -> None:
    text = (
        "infection (1 = infection, 0 = censored)\nplacebo (n=6)\ndays = 8 246 292 294 19 211\ninfection = 1 1 0 1 0 1\n"
        "active (n=6)\ndays = 219 382 388 364 82 373\ninfection = 1 0 0 0 1 0\nCox, placebo as reference"
    )
    assert _groups(text) == [("placebo", 6, 4), ("active", 6, 2)]


def test_a_time_column_is_chosen_over_age_beside_the_status() -> None:
    rows = "51\t1\t1\tF\n58\t2\t1\tF\n28\t22\t1\tM\n21\t30\t0\tM\n25\t32\t1\tF\n24\t33\t0\tM"
    text = f"Died 1=yes 0=censored\nAge\tYears\tDied\tSex\n{rows}\nCox model with sex only"
    reading = survival_groups(parse_request(text))
    assert reading is not None
    assert sorted(t for g in reading.groups for t in g.times) == [1, 2, 22, 30, 32, 33]


def test_a_legend_ends_before_an_aside_and_the_column_it_sets_aside_is_not_used() -> None:
    text = (
        "status 0 = censored, 2 = dead. arm 1 = D-pen, 2 = placebo but ignore it, pooled curve\n"
        "days status arm\n400 2 1\n4500 0 1\n1012 2 2\n1925 2 2\n1504 0 1\n2503 2 2\nKM median"
    )
    assert _groups(text) == [("group 1", 6, 4)]
