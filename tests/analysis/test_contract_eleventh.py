"""The twelfth and thirteenth fresh sets, as classes. Confidently wrong before: a gappy column named with its unit
("hgb (g/dL)") set aside, so the test ran on another column; "2 y minus day 0" naming columns of several words;
survival asked "at 1 year (365 d)" by a "failure-free proportion" and left out; event and "no recurrence" times
read as two groups; Barnard's test, a probit link and exact ties answered by Fisher, the logit and Efron; survival
past the last follow-up carried forward; a message cut inside a CSV row; a crosstab's 0/1 outcome columns lost
(the OR of the wrong column); a "households" column read as a count of events; the last pair of R's named-vector
print dropped; a yes/no factor passed over for another factor; a 2:1 allocation sized as 1:1.
Declined before: Tukey's HSD with adjusted CIs (now printed, as R's TukeyHSD); counts in words after a colon;
"kappa" the light chain read as Cohen's kappa; "(both sexes together)" read as a multiple regression; "is the
mean below 3500 g"; "22 kids per teaching method"; "alpha = 0.05, and also at 0.01".

Reference values are scipy's and statsmodels' on the same numbers, and R's TukeyHSD (quoted).
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats
from statsmodels.stats.contingency_tables import Table2x2, mcnemar

from analysis.plan import plan_analysis
from analysis.reading import parse_request
from tests.analysis.planning import planned, printed


def _declined(text: str) -> str:
    plan = plan_analysis(text)
    assert plan.status == "declined", [call.name for call in plan.calls]
    return plan.reason


def test_a_gappy_column_named_without_its_unit_is_the_one_tested() -> None:
    rows = [
        ("61", "F", "13.1", "0.9"), ("64", "M", "15.7", "1.3"), ("73", "M", "14.8", "1.8"), ("70", "F", "14.2", "1.0"),
        ("71", "M", "14.7", "1.5"), ("79", "M", "", ""), ("70", "F", "13.7", "0.8"), ("73", "F", "13.6", "1.4"),
        ("67", "M", "15.3", "1.3"), ("64", "F", "10.7", "0.7"), ("77", "M", "16.1", "1.1"), ("71", "F", "12.8", "1.2"),
    ]  # fmt: skip
    sheet = "age\tsex\thgb (g/dL)\tcreat (mg/dL)\n" + "\n".join("\t".join(row) for row in rows)
    call = planned(f"{sheet}\n\nStudent t test of hgb, M minus F, ignore creat")
    men = [float(r[2]) for r in rows if r[1] == "M" and r[2]]
    women = [float(r[2]) for r in rows if r[1] == "F" and r[2]]
    expected = stats.ttest_ind(men, women, equal_var=True)
    assert f"t statistic = {expected.statistic:.6g}" in printed(call)


def test_columns_of_several_words_set_against_each_other_are_the_pair() -> None:
    rows = [(741, 3.68, 2.60), (734, 3.44, 4.56), (728, 3.34, 3.50), (736, 3.19, 3.69), (721, 3.70, 4.14),
            (743, 3.20, 3.70), (654, 3.53, 3.19), (733, 3.00, 3.77), (821, 3.34, 3.93)]  # fmt: skip
    table = "| id | visit day | albumin day 0 | albumin ~2 y |\n|---|---|---|---|\n"
    table += "\n".join(f"| {i} | {d} | {a} | {b} |" for i, (d, a, b) in enumerate(rows, start=1))
    call = planned(f"albumin at entry and at the 2-year visit:\n\n{table}\n\npaired t test, 2 y minus day 0")
    diff = [b - a for _, a, b in rows]
    assert f"t statistic = {stats.ttest_1samp(diff, 0).statistic:.6g}" in printed(call)


SURV = "1456 1875+ 1869+ 768 1552+ 1034 362 1834+ 750 391 992 734 1511 370 685 1755+ 1741+ 1446 1742+ 1735+ 733"


def test_survival_asked_as_a_failure_free_proportion_at_converted_times_is_reported() -> None:
    call = planned(f"days to failure: {SURV}\n\nKM: the failure-free proportion at 1 year (365 d) and 3 years (1095 d)")
    assert call.args.time_points == [365.0, 1095.0]


def test_a_time_asked_in_words_the_reading_does_not_know_declines_instead_of_being_dropped() -> None:
    reason = _declined(
        f"days to failure: {SURV}\n\nKaplan-Meier median please; failure-free share at 1 year (365 d) too"
    )
    assert "365" in reason


def test_times_without_the_event_said_with_no_are_the_censored_ones() -> None:
    text = (
        "first recurrence at 2, 3, 3, 4, 6, 8, 10, 42 months; no recurrence (last visit) at 2, 7, 14, 26, 29, 33, 40, "
        "45, 57 months. Kaplan-Meier median please"
    )
    [group] = planned(text).args.groups
    assert len(group.times) == 17 and sum(group.events) == 8


@pytest.mark.parametrize(
    ("request_text", "named"),
    [
        ("Barnard's unconditional exact test please, it is more powerful than Fisher's", "barnard"),
        ('glm(dead ~ dose, family = binomial(link = "probit")), the probit slope', "probit"),
        ("a cloglog model for the same 2x2 please", "cloglog"),
    ],
)
def test_a_named_variant_of_a_supported_analysis_is_declined_not_substituted(request_text: str, named: str) -> None:
    reason = _declined(f"treated: 20 died, 3 lived; control: 76 died, 89 lived. {request_text}")
    assert named in reason.lower()


def test_a_cox_model_with_exact_ties_is_declined() -> None:
    text = f"placebo: {SURV}\nUDCA: 1896+ 1892+ 343+ 768 735 1846+ 1099 1834+ 826 1804+ 731 633 711 1756+\n\n"
    assert "ties" in _declined(text + 'cox UDCA vs placebo with ties = "exact" please')
    assert planned(text + "cox UDCA vs placebo, Efron ties").name == "cox_regression"


def test_survival_past_the_last_follow_up_is_declined() -> None:
    times = "2+, 3, 4+, 2, 7+, 8+, 4, 3, 14+, 26+, 29+, 5, 32+, 33+, 3, 38+, 40+, 45+, 10, 60+"
    reason = _declined(f"months to recurrence: {times}\n\nKM estimate of survival at 72 months")
    assert "beyond the last follow-up" in reason and "60" in reason
    assert planned(f"months to recurrence: {times}\n\nKM estimate of survival at 24 months").args.time_points == [24]


CSV = "days,failed,arm\n" + "\n".join(
    f"{t},{e},{a}" for t, e, a in [(1896, 0, "UDCA"), (1456, 1, "placebo"), (343, 0, "UDCA"), (768, 1, "placebo"),
                                   (735, 1, "UDCA"), (1034, 1, "placebo"), (362, 1, "placebo"), (1846, 0, "UDCA")]
)  # fmt: skip


@pytest.mark.parametrize("tail", ["\n1456,", "\n76,1", "\n76,F"])
def test_a_message_that_ends_inside_a_row_is_cut_off(tail: str) -> None:
    assert "cut off" in _declined("log rank UDCA vs placebo on this please:\n" + CSV + tail)


def test_a_sentence_with_a_comma_after_the_rows_is_not_a_cut_row() -> None:
    assert planned(CSV + "\nlog rank of days, UDCA vs placebo").name == "log_rank"


def test_the_anova_prints_tukeys_simultaneous_intervals_as_r_does() -> None:
    groups = "ctrl: 4.17 5.58 5.18 6.11 4.50\ntrt1: 4.81 4.17 4.41 3.59 5.87\ntrt2: 6.31 5.12 5.54 5.50"
    out = printed(planned(f"{groups}\n\nTukeyHSD pairwise comparisons with adjusted CIs please"))
    # R: TukeyHSD(aov(y ~ g)) gives trt1-ctrl -0.5380 [-1.812325, 0.7363252], trt2-ctrl 0.5095 [-0.842126, 1.861126]
    for line in ("CI lower (trt1 - ctrl) = -1.81233", "CI upper (trt1 - ctrl) = 0.736325", "(trt2 - ctrl) = 1.86113"):
        assert line in out


def test_a_pandas_crosstab_keeps_its_0_1_outcome_columns_and_takes_1_as_the_event() -> None:
    crosstab = (
        ">>> pd.crosstab(df.scar, df.case, margins=True)\ncase      0    1   All\nscar               \n"
        "no      596  227   823\nyes     500   47   547\nAll    1096  274  1370\n\nOR of being a case, scar yes vs no"
    )
    out = printed(planned(crosstab))
    assert f"odds ratio = {Table2x2(np.array([[47, 500], [227, 596]])).oddsratio:.6g}" in out


def test_a_column_of_households_beside_a_count_is_the_denominator() -> None:
    table = "| schooling | households | switched |\n|---|---|---|\n"
    table += "| 6+ years | 1,053 | 668 |\n| 0-5 years | 1,967 | 1,069 |"
    out = printed(planned(f"{table}\n\nrisk difference, 6+ years minus 0-5 years, Wald CI"))
    assert f"risk difference = {668 / 1053 - 1069 / 1967:.6g}" in out


def test_the_last_line_of_a_named_vector_print_is_read_and_a_decimal_is_never_a_count() -> None:
    names = ["Joyner (USA)", "John (GDR)", "Behmer (GDR)", "Sabl (URS)", "Chou (URS)", "Schulz (GDR)", "Launa (PNG)"]
    values = [12.69, 12.85, 13.20, 13.61, 13.51, 13.75, 16.42]
    lines = []  # as R prints a named vector: each value right-aligned under its name, three to a line
    for start in range(0, len(names), 3):
        lines.append(" ".join(f"{n:>13}" for n in names[start : start + 3]) + " ")
        lines.append(" ".join(f"{v:>13.2f}" for v in values[start : start + 3]) + " ")
    printout = "\n".join(lines)
    out = printed(planned(f"hurdles (s):\n{printout}\n\none sample t test vs 13.5"))
    assert f"t statistic = {stats.ttest_1samp(values, 13.5).statistic:.6g}" in out


def test_a_yes_no_factor_the_request_names_by_its_stem_splits_the_values() -> None:
    rows = [("no", "stationary", 12.85), ("yes", "moving", 5.52), ("yes", "stationary", 6.29), ("no", "moving", 6.11),
            ("yes", "moving", 2.45), ("no", "stationary", 3.61), ("no", "moving", 0.47),
            ("yes", "moving", 5.06)]  # fmt: skip
    frame = "   seeding echomotion rainfall\n" + "\n".join(
        f"{i}  {s} {e} {r}" for i, (s, e, r) in enumerate(rows, start=1)
    )
    call = planned(f"{frame}\n\nrainfall on seeded vs unseeded days, Mann-Whitney exact")
    assert sorted(call.args.label_a + call.args.label_b) == sorted("noyes")
    unnamed = _declined(f"{frame}\n\nrainfall, Mann-Whitney exact")
    assert unnamed


def test_a_design_for_unequal_allocation_is_declined() -> None:
    reason = _declined("sample size for 30% vs 45% responding, 80% power, alpha 0.05, with 2:1 randomisation")
    assert "unequal allocation" in reason
    assert planned("sample size for 30% vs 45% responding, 80% power, alpha 0.05, 1:1 randomisation")


def test_paired_counts_in_words_after_their_labels_are_a_mcnemar_table() -> None:
    text = (
        "same voters, two bills. yes on both: seventy-two; yes on the first but no on the second: seventy-one; "
        "no on the first but yes on the second: forty-six; no on both: forty-seven. mcnemar, no continuity correction"
    )
    expected = mcnemar([[72, 71], [46, 47]], exact=False, correction=False)
    assert f"{expected.statistic:.6g}" in printed(planned(text))


def test_kappa_the_measurement_is_not_cohens_kappa() -> None:
    frame = "nr;kappa_mg_l;lambda_mg_l\n1;1,07;1,30\n2;1,21;1,92\n3;1,52;1,10\n4;0,80;1,13\n5;1,46;1,45\n6;0,60;0,72"
    assert planned(f"{frame}\n\npaired t test kappa minus lambda").name == "paired_t_test"
    assert "kappa" in _declined("rater A: 1 0 1 1 0 1\nrater B: 1 1 1 0 0 1\n\nCohen's kappa (95% CI) please")


def test_an_aside_that_pools_groups_is_not_a_second_predictor() -> None:
    rows = "age,fat\n24,15.5\n37,20.9\n41,18.6\n60,28.0\n31,34.7\n39,30.2\n58,21.3\n23,9.5"
    call = planned(f"{rows}\n\nsimple linear regression of fat on age (both sexes together): slope and R^2")
    assert call.name == "linear_regression"


def test_the_value_a_mean_is_tested_against_may_be_said_in_the_question() -> None:
    weights = "3270 3751 3200 3773 3405 4020 3039 3035 3804 1203 3585 3164"
    call = planned(f"birth weights (g): {weights}\n\nis the mean below 3500 g? one-sample t, one-sided")
    assert call.args.mu == 3500


def test_a_design_asked_per_method_and_at_a_second_alpha_runs_twice() -> None:
    plan = plan_analysis(
        "22 kids per teaching method (two arms), SD about 6.6 points, a 5 point difference. "
        "power of a two sided t-test at alpha = 0.05, and also at 0.01?"
    )
    assert plan.status == "planned", plan.reason
    assert sorted(call.args.alpha for call in plan.calls) == [0.01, 0.05]
    assert [call.args.n_per_group for call in plan.calls] == [[22], [22]]


def test_a_header_line_with_the_margin_column_gives_the_codes_as_column_names() -> None:
    parsed = parse_request(
        "case      0    1   All\nscar               \nno      596  227   823\nyes     500   47   547"
    )
    assert parsed.tables[0].col_labels == ("0", "1")


def test_counts_after_an_ordinal_label_and_in_words_before_people_make_a_table() -> None:
    crew = "of the twenty-three women in the crew, twenty survived and three died. among women in 3rd class 76 survived"
    call = planned(f"{crew} and 89 died. Fisher's exact test, crew vs 3rd class")
    assert call.name == "fisher_exact" and call.args.rows == [[20, 3], [76, 89]]
    boys = "thirty-five boys died and 13 survived; seventeen girls died and 14 survived. odds ratio of death"
    call = planned(f"{boys}, boys vs girls (girls = reference), with a 90% log (Woolf) interval")
    assert call.args.row_labels == ["boys", "girls"] and call.args.conf_level == 0.9


def test_a_part_in_words_of_a_whole_in_digits_is_a_count() -> None:
    call = planned("no damage in twenty of the 30 on drug, but in only eight of the 30 on placebo. fisher exact test")
    assert sorted(map(sorted, call.args.rows)) == [[8, 22], [10, 20]]


def test_cases_among_a_population_are_a_row_of_events_and_non_events() -> None:
    call = planned("62 TB cases among 13,598 vaccinated vs 248 among 12,867 unvaccinated. risk ratio + 95% CI")
    assert sorted(map(tuple, call.args.rows)) == [(62, 13536), (248, 12619)]


def test_times_in_the_labels_of_paired_counts_name_the_cells() -> None:
    text = (
        "196 patients assessed at entry and at the ~2 year visit: present at both visits 36, present at entry only "
        "11, present at 2 years only 26, absent at both 123. McNemar's test with continuity correction"
    )
    expected = mcnemar([[36, 11], [26, 123]], exact=False, correction=True)
    assert f"{expected.statistic:.6g}" in printed(planned(text))


def test_lines_of_a_level_and_a_value_are_a_long_layout() -> None:
    rows = [("F", 13.1), ("M", 15.7), ("M", 14.8), ("F", 14.2), ("M", 14.7), ("F", 12.7), ("F", 13.7), ("M", 15.3)]
    text = "sex then hgb:\n" + "\n".join(f"{s}  {v}" for s, v in rows) + "\n\nWelch, one-sided, F minus M < 0"
    women, men = ([v for s, v in rows if s == level] for level in "FM")
    expected = stats.ttest_ind(women, men, equal_var=False, alternative="less")
    assert f"{expected.pvalue:.6g}" in printed(planned(text))


def test_an_arrow_inside_the_caption_names_the_columns_of_numbered_rows() -> None:
    rows = [(2.71, 1.94), (0.92, 1.82), (1.04, 2.90), (2.75, 6.62), (0.05, 0.10), (1.25, 2.22), (2.28, 1.15)]
    lines = "\n".join(f"{100 + i}: {a} -> {b}" for i, (a, b) in enumerate(rows))
    call = planned(f"hours of exercise at age 8 -> age 10, 7 girls:\n{lines}\n\nsigned rank, exact, age 10 minus age 8")
    assert (call.args.label_first, call.args.label_second) == ("age 10", "age 8")


def test_a_logical_event_column_beside_a_named_yes_no_group_gives_a_log_rank() -> None:
    rows = [(23, "TRUE", "no"), (47, "TRUE", "no"), (70, "FALSE", "no"), (148, "TRUE", "no"), (198, "FALSE", "no"),
            (5, "TRUE", "yes"), (8, "TRUE", "yes"), (26, "TRUE", "yes"), (40, "FALSE", "yes"),
            (71, "TRUE", "yes")]  # fmt: skip
    frame = "   time event metastasized\n" + "\n".join(f"{i} {t} {e} {g}" for i, (t, e, g) in enumerate(rows, start=1))
    call = planned(f"{frame}\n\nlogrank test metastasized yes vs no")
    assert call.name == "log_rank" and sorted(sum(g.events) for g in call.args.groups) == [3, 4]


def test_a_column_written_out_below_the_data_is_named_and_ordered() -> None:
    rows = [(77, 182, 77), (68, 177, 70), (76, 170, 76), (76, 167, 77), (69, 186, 73), (71, 178, 71), (65, 171, 64)]
    frame = "   weight height repwt\n" + "\n".join(f"{i}  {w} {h} {r}" for i, (w, h, r) in enumerate(rows, start=1))
    call = planned(f"{frame}\n\nmeasured vs self-reported weight: paired t test, measured minus reported")
    assert (call.args.label_first, call.args.label_second) == ("weight", "repwt")


def test_tuples_under_a_tuple_of_names_are_columns() -> None:
    rows = [(30, 1, 13.1), (25, 1, 11.5), (46, 1, 10.5), (92, 1, 15.2), (8, 1, 10.7), (57, 0, 14.5), (136, 1, 9.4),
            (116, 0, 13.3), (25, 1, 14.0), (88, 1, 13.6)]  # fmt: skip
    tuples = ", ".join(f"({t}, {d}, {h})" for t, d, h in rows)
    call = planned(f"(months, died, hgb) for 10 patients:\n{tuples}\n\nunivariable cox regression on hgb")
    assert call.name == "cox_covariate" and call.args.covariate == [h for *_, h in rows]


@pytest.mark.parametrize(
    "text",
    [
        "0.60 on placebo vs 0.47 on thiotepa. power of a two-proportion test with 100 patients per arm",
        "crew vs 3rd class: 20 survived and 3 died; 76 survived and 89 died",
    ],
)
def test_a_number_after_vs_that_belongs_to_a_group_is_no_reference_value(text: str) -> None:
    assert "mu" not in parse_request(text).scalars


def test_a_percentage_column_beside_counts_is_set_aside_and_the_proportions_differenced() -> None:
    export = "sex;n;low birth weight;%\ngirls;236;33;14,0%\nboys;264;27;10,2%"
    out = printed(planned(f"{export}\n\nproportion difference girls minus boys, plain Wald CI (95%)"))
    assert f"risk difference = {33 / 236 - 27 / 264:.6g}" in out
    sheet = "Gender\tApplicants\tAdmitted\tAdmit rate\nFemale\t341\t24\t7.0%\nMale\t373\t22\t5.9%"
    call = planned(f"{sheet}\n\ndifference in admission rates, men minus women, with a 95% Wald CI")
    assert call.name == "odds_ratio_relative_risk" and call.args.row_labels == ["Male", "Female"]


def test_codes_of_a_column_set_against_each_other_are_no_sample_size() -> None:
    rows = [(1, 0, 49.5), (1, 1, 62.8), (1, 0, 46.8), (1, 1, 57.0), (2, 1, 59.8), (2, 1, 58.5), (2, 0, 55.5),
            (2, 0, 56.0), (3, 0, 62.8), (3, 1, 55.8), (3, 1, 69.5), (3, 0, 55.0)]  # fmt: skip
    frame = "   block N yield\n" + "\n".join(f"{i}  {b} {n} {y}" for i, (b, n, y) in enumerate(rows, start=1))
    call = planned(f"{frame}\n\nforget the blocks: Student's t on yield, N = 1 minus N = 0")
    with_n, without = ([y for _, n, y in rows if n == code] for code in (1, 0))
    assert f"t statistic = {stats.ttest_ind(with_n, without).statistic:.6g}" in printed(call)


def test_the_group_named_in_brackets_picks_the_rows_of_a_larger_table() -> None:
    table = "alcohol\tcases\tcontrols\n0-39\t29\t386\n40-79\t75\t280\n80-119\t51\t87\n120+\t45\t22"
    call = planned(f"{table}\n\nodds ratio for the heaviest (120+) vs the lightest (0-39, reference), Woolf 95% CI")
    assert call.args.rows == [[45, 22], [29, 386]]


def test_notes_in_brackets_beside_numbered_rows_are_not_values() -> None:
    rows = [(14.5, 21.3, 192), (1.1, 0.8, 182), (1.4, 1.1, 176), (1.8, 1.6, 188), (3.4, 1.9, 199), (0.3, 0.5, 186)]
    lines = "\n".join(f"pt {i}: {a} -> {b} (day {d})" for i, (a, b, d) in enumerate(rows, start=1))
    call = planned(f"bilirubin at entry -> at the 6 month visit:\n{lines}\n\npaired t, 6 month minus entry")
    assert call.args.first == [b for _, b, _ in rows] and call.args.second == [a for a, _, _ in rows]


def test_a_time_in_a_caption_is_no_cell_and_a_count_of_years_is() -> None:
    text = (
        "approval by year (27 years with both quarters): above 50% in Q1 and still in Q4: 16 years; Q1 only: 4; "
        "Q4 only: 1; neither: 6. mcnemar test with continuity correction"
    )
    assert planned(text).args.rows == [[16, 4], [1, 6]]


def test_a_frame_of_a_level_and_a_value_under_its_header_is_read_once() -> None:
    pairs = [("absent", 5), ("absent", 14), ("present", 5), ("absent", 1), ("absent", 15), ("present", 13),
             ("absent", 16), ("present", 6)]  # fmt: skip
    rows = "\n".join(f"{k:<9} {v}" for k, v in pairs)
    parsed = parse_request(f"Kyphosis  Start\n{rows}\n\nlogistic regression of Kyphosis (present = event) on Start")
    assert [item.label for item in parsed.lists] == ["Start"]
