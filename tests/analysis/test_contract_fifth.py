"""The fifth fresh set's confidently wrong answers, as classes: an asked order that names no group declines,
one-sided requests get one-sided p-values or an honest decline, a size written in a group's label is checked,
a written R model call asks for a computation, and forms read whole (a group per pipe row, R's wrapped vector,
a calendar-year column beside a measurement, frame columns in the order written).

Expected values are R's: ``wilcox.test(standard, test, alternative = "less", correct = TRUE)`` p = 0.602837;
``wilcox.test(d20, d18, paired = TRUE)`` V = 54.
"""

from __future__ import annotations

from analysis.plan import plan_analysis
from analysis.reading import parse_request
from tests.analysis.planning import planned, printed


def test_an_asked_order_that_names_no_group_declines_instead_of_running_the_default() -> None:
    text = (
        "uptake at 350 and 675\nQn1: 37.2 -> 39.2\nQn2: 41.8 -> 41.4\nQn3: 42.1 -> 43.9\npaired t test, 675 minus 350"
    )
    plan = plan_analysis(text)
    assert plan.status == "declined"
    assert "675 minus 350" in plan.reason and "first, second" in plan.reason


def test_day_20_names_the_column_d20() -> None:
    rows = "\n".join(f"{i} {a} {b}" for i, a, b in [(1, 163, 185), (2, 207, 212), (3, 230, 279), (4, 151, 157)])
    call = planned(f"Chick d18 d20\n{rows}\npaired t test, day 20 minus day 18")
    assert (call.args.label_first, call.args.label_second) == ("d20", "d18")


def test_one_sided_mann_whitney_prints_both_one_sided_p_values() -> None:
    text = (
        "standard: 20, 70, 40, 80, 80, 50, 80, 30, 80\n"
        "test chemo: 40, 40, 99, 80, 60, 60, 60, 60, 50, 70, 10, 40, 70, 90, 80, 50, 40, 40\n"
        "one-sided Mann-Whitney, alternative less, standard vs test, continuity correction on"
    )
    output = printed(planned(text))
    assert "one-sided p-value (H1: standard less than test chemo, normal approximation with continuity" in output
    assert "= 0.602837" in output


def test_one_sided_signed_rank_prints_both_one_sided_p_values() -> None:
    text = "before: 12, 15, 11, 19, 14, 17, 13\nafter: 14, 18, 12, 25, 12.5, 21, 18\none-sided wilcoxon signed-rank"
    output = printed(planned(text))
    assert "one-sided p-value (H1: differences greater than 0, exact)" in output
    assert "one-sided p-value (H1: differences less than 0, exact)" in output


def test_a_one_sided_request_of_a_two_sided_only_recipe_declines() -> None:
    plan = plan_analysis("x: 1, 2, 3, 4, 5, 6\ny: 2, 1, 4, 3, 6, 5\none-sided spearman correlation please")
    assert plan.status == "declined"
    assert "one-sided" in plan.reason and "two-sided p-values only" in plan.reason


def test_a_size_written_in_a_groups_label_must_match_its_values() -> None:
    text = (
        "OJ (n=10): 15.2, 21.5, 17.6, 9.7, 14.5, 10.0, 8.2, 9.4, 16.5\n"
        "VC (n=10): 4.2, 11.5, 7.3, 5.8, 6.4, 10.0, 11.2, 11.2, 5.2, 7.0\nstudent t test OJ minus VC"
    )
    plan = plan_analysis(text)
    assert plan.status == "declined"
    assert "'OJ' group is said to have n = 10, but I read 9 values" in plan.reason


def test_a_written_r_call_of_an_unsupported_model_declines() -> None:
    plan = plan_analysis("survreg(Surv(futime, death) ~ year, dist = 'weibull'): acceleration factor per year?")
    assert plan.status == "declined"
    assert "parametric survival" in plan.reason


def test_a_group_per_pipe_row_is_read_as_that_groups_values() -> None:
    text = "shelf | sodium\n------|------\n1 | 240 298 232 280\n2 | 125 293 280\n3 | 393 787 280 280 313\naov please"
    call = planned(text)
    assert call.name == "one_way_anova"
    assert call.args.model_dump()["groups"] == [[240, 298, 232, 280], [125, 293, 280], [393, 787, 280, 280, 313]]


def test_rs_wrapped_print_of_one_vector_is_one_list() -> None:
    text = (
        "eruptions[1:12]\n3.600  1.800  3.333  2.283\n4.533  2.883  4.700  3.600\n1.950  4.350  1.833  3.917\nshapiro"
    )
    lists = parse_request(text).lists
    assert [(item.label, len(item.values)) for item in lists] == [("eruptions", 12)]


def test_a_calendar_year_column_the_request_does_not_name_is_set_aside() -> None:
    rows = "\n".join(f"{1895 + i}\t{v}" for i, v in enumerate([578.4, 578.2, 579.1, 579.0, 579.3, 578.8]))
    labels = [item.label for item in parse_request(f"year\tlevel\n{rows}\nmann-whitney early vs late").lists]
    assert labels == ["level"]


def test_the_time_column_nearest_before_the_event_flag_is_the_follow_up() -> None:
    rows = "\n".join(f"{i},{y},{t},{d}" for i, y, t, d in [(1, 57, 1431, 1), (2, 61, 686, 1), (3, 53, 6270, 0)])
    call = planned(f"id,year,futime,death\n{rows}\n4,66,365,1\nkaplan meier median please")
    assert call.args.model_dump()["groups"][0]["times"] == [1431, 686, 6270, 365]


def test_a_dash_or_vs_in_the_prose_is_no_order_asked_of_the_data() -> None:
    text = (
        "quick one - I have systolic BP\nPlacebo: 142, 150, 138, 147, 151\nDrug: 131, 128, 135, 140, 126\nwelch t-test"
    )
    assert plan_analysis(text).status == "planned"


def test_a_negated_side_never_names_the_plain_group_and_initials_name_a_code() -> None:
    text = (
        "diabetic: 31.2, 35.6, 29.8, 40.1\nnon-diabetic ones: 24.5, 27.8, 30.2, 22.9\n"
        "student t, non-diabetic minus diabetic"
    )
    call = planned(text)
    assert (call.args.label_a, call.args.label_b) == ("non-diabetic ones", "diabetic")
    text = "WT: 12.1, 13.4, 11.8, 12.9\nKO: 9.8, 10.4, 9.1, 10.0\nwelch t-test with wild type as the reference"
    call = planned(text)
    assert call.args.label_b == "WT"


def test_years_on_an_arrow_header_name_the_pairs() -> None:
    text = "yield, 1931 -> 1932:\nC-M: 119.8 -> 98.9\nC-S: 121.4 -> 61.9\nC-V: 124.0 -> 96.2\nC-T: 140.8 -> 125.5\n"
    call = planned(text + "paired t test, 1932 minus 1931")
    assert (call.args.label_first, call.args.label_second) == ("1932", "1931")


def test_a_code_written_in_a_rows_label_is_part_of_the_label() -> None:
    text = "deaths by day 180\nprior therapy (prior=10)   28/40\nno prior therapy (prior=0) 75/97\nRR prior vs none"
    call = planned(text)
    assert call.args.rows == [[28, 12], [75, 22]]


def test_key_value_lines_are_one_column_per_key() -> None:
    lines = "\n".join(
        f"pt{i:02d} karno={k} died100={d}" for i, (k, d) in enumerate([(90, 0), (50, 1), (30, 1), (80, 0)])
    )
    lists = parse_request(f"{lines}\nlogistic regression died100 ~ karno").lists
    assert [(item.label, item.values, item.named) for item in lists] == [
        ("karno", (90.0, 50.0, 30.0, 80.0), True),
        ("died100", (0.0, 1.0, 1.0, 0.0), True),
    ]


def test_a_non_group_is_named_by_a_non_side_wherever_the_non_is_written() -> None:
    text = (
        "bw_smoke: 2.1, 2.5, 2.3, 2.8\nbw_nonsmoke: 3.1, 3.3, 2.9, 3.4\n"
        "student t (equal variances assumed) for non-smokers minus smokers"
    )
    call = planned(text)
    assert (call.args.label_a, call.args.label_b) == ("bw_nonsmoke", "bw_smoke")


def test_name_colon_value_lines_are_one_list_of_named_values() -> None:
    cities = [("Philadelphia", 39.9), ("Pittsburg", 36.2), ("Providence", 42.8), ("El Paso", 7.8), ("Seattle", 38.8)]
    lines = "\n".join(f"{name}: {value}" for name, value in cities)
    (item,) = parse_request(f"precip (in):\n{lines}\none sample t vs mu 35").lists
    assert item.values == tuple(v for _, v in cities)
    assert item.names == tuple(name for name, _ in cities)


def test_rs_alternative_greater_asks_a_one_sided_test() -> None:
    text = "x: 39.9, 36.2, 42.8, 46.4, 24.7, 49.1\none sample t, alternative greater, mu 35"
    call = planned(text)
    assert call.args.one_sided
    assert "one-sided p-value" in printed(call)


def test_a_margin_said_as_beats_by_is_the_delta() -> None:
    assert parse_request("if OJ beats VC by 4 um, SD 4.5, power with 12 per arm?").scalars["delta"] == 4.0


def test_runs_of_x_colon_y_tokens_are_pairs_and_a_lone_clock_time_is_not() -> None:
    tokens = "1895:578.44 1896:578.24 1897:579.10 1898:579.09 1899:579.35 1900:578.82"
    lists = parse_request(f"kendall tau between year and level\n{tokens}").lists
    assert [item.values[:2] for item in lists] == [(1895.0, 1896.0), (578.44, 578.24)]
    assert parse_request("meeting at 12:30, values 4, 5, 6").lists[0].values == (4.0, 5.0, 6.0)


def test_a_number_opening_its_line_before_a_colon_and_a_list_names_the_list() -> None:
    text = "1961: 9 11 9 20 31 26\n1962: 9 20 15 14 30 23\npaired t"
    assert [len(item.values) for item in parse_request(text).lists] == [6, 6]
