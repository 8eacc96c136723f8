"""The ninth fresh set's confidently wrong answers, as classes: a named method with no recipe (median or quantile
regression, survival with delayed entry) is declined by name, never answered by the plain method; R's summary()
print is six statistics, not six values; "a line of z on y" makes z the outcome; and "also at 0.01" asks for the
usual alpha as well as the one written.

Reference values are scipy's and statsmodels' on the same numbers.
"""

from __future__ import annotations

import pytest
from scipy import stats
from statsmodels.stats.power import TTestIndPower

from analysis.plan import plan_analysis
from tests.analysis.planning import planned, printed

X = [420.2, 541.4, 901.2, 639.1, 750.9, 945.8, 829.4, 979.2]
Y = [255.8, 311.0, 485.7, 403.0, 495.6, 633.8, 630.8, 700.4]
COLUMNS = "income\tfood\n" + "\n".join(f"{x}\t{y}" for x, y in zip(X, Y, strict=True))


@pytest.mark.parametrize(
    ("request_text", "named"),
    [
        ("median regression of food on income", "median regression"),
        ("quantreg::rq(food ~ income, tau = 0.9)", "quantreg"),
        ("quantile regression of food on income at the 90th percentile", "quantile regression"),
    ],
)
def test_a_regression_with_no_recipe_is_declined_by_name_not_answered_by_least_squares(
    request_text: str, named: str
) -> None:
    plan = plan_analysis(f"{COLUMNS}\n\n{request_text}")
    assert plan.status == "declined"
    assert "no vetted recipe" in plan.reason and named in plan.reason


@pytest.mark.parametrize("words", ["left truncation", "delayed entry", "late entry (left-truncated)"])
def test_survival_with_delayed_entry_is_declined_not_estimated_as_if_everyone_entered_at_zero(words: str) -> None:
    plan = plan_analysis(f"entry: 1.2 0.5 2.0 0.1 1.5 0.8\ntime: 4.1 3.2+ 6.0 2.2 5.5+ 3.9\nKaplan-Meier with {words}")
    assert plan.status == "declined" and "delayed entry" in plan.reason


def test_the_numbers_of_an_r_summary_print_are_statistics_never_data() -> None:
    text = (
        "> summary(x)\n   Min. 1st Qu.  Median    Mean 3rd Qu.    Max. \n"
        "  2.90    6.83    8.50    9.83   12.75   28.80\n\n"
        "that's all I have. one-sample t test against 20 please"
    )
    plan = plan_analysis(text)
    assert plan.status == "declined" and "values" in plan.reason


def test_a_summary_print_beside_the_data_leaves_the_data_analysed() -> None:
    values = [4.1, 5.2, 6.3, 4.8, 5.9, 6.1, 5.0]
    text = (
        f"x: {' '.join(map(str, values))}\n> summary(x)\n   Min. 1st Qu.  Median    Mean 3rd Qu.    Max. \n"
        "  4.10    4.90    5.20    5.34    6.00    6.30\none-sample t-test against mu = 5"
    )
    call = planned(text)
    assert call.args.values == values
    assert f"t statistic = {stats.ttest_1samp(values, 5).statistic:.6g}" in printed(call)


@pytest.mark.parametrize(
    "words",
    [
        "just a straight line of height z on the northing y please (ignore x)",
        "line of best fit of height z on northing y",
    ],
)
def test_a_line_of_one_column_on_another_makes_the_first_the_outcome(words: str) -> None:
    y = [6.1, 6.2, 5.2, 5.1, 3.4, 2.0, 1.1, 0.5]
    z = [870, 793, 800, 730, 760, 830, 908, 940]
    x = [0.3, 1.4, 1.6, 2.9, 3.0, 4.2, 3.1, 0.4]
    rows = "\n".join(f"{i + 1:>2} {a} {b} {c}" for i, (a, b, c) in enumerate(zip(x, y, z, strict=True)))
    call = planned(f"     x   y   z\n{rows}\n\n{words}")
    fit = stats.linregress(y, z)
    assert f"slope = {fit.slope:.6g}" in printed(call)


def test_also_at_another_alpha_asks_for_the_usual_alpha_as_well() -> None:
    plan = plan_analysis(
        "power.t.test(n = 16, delta = 5, sd = 8) -- what power with 16 per arm? also at sig.level 0.01"
    )
    assert plan.status == "planned" and len(plan.calls) == 2
    outputs = "".join(printed(call) for call in plan.calls)
    for alpha in (0.05, 0.01):
        power = TTestIndPower().power(effect_size=5 / 8, nobs1=16, alpha=alpha)
        assert f"two-sided alpha = {alpha:g}" in outputs
        assert f"power with 16 per group (noncentral t, exact) = {power:.6g}" in outputs


def test_an_alpha_written_alone_is_the_only_alpha() -> None:
    plan = plan_analysis("power.t.test(n = 16, delta = 5, sd = 8, sig.level = 0.01): what power?")
    assert plan.status == "planned" and len(plan.calls) == 1


def test_a_code_that_only_explains_a_column_does_not_make_it_the_grouping() -> None:
    rows = "\n".join(
        f"{week}\t{arrest}\t{prio}" for week, arrest, prio in [(20, 1, 3), (52, 0, 1), (17, 1, 8), (52, 0, 2)] * 3
    )
    text = (
        "week = week of first arrest or 52 if never arrested (arrest=0).\n"
        f"week\tarrest\tprio\n{rows}\n\nCox model on prio"
    )
    plan = plan_analysis(text)
    assert "covariates together" not in plan.reason


def test_a_spreadsheet_column_of_percentages_beside_the_counts_is_set_aside_and_the_totals_checked() -> None:
    text = (
        "\tdied\t%\talive\ttotal\nmale\t5\t38.5%\t8\t13\nfemale\t26\t30.2%\t60\t86\ntotal\t31\t\t68\t99\n\n"
        "chi-squared test with Yates continuity correction on sex x death"
    )
    call = planned(text)
    assert call.args.rows == [[5.0, 8.0], [26.0, 60.0]]
    chi2, _, _, _ = stats.chi2_contingency([[5, 8], [26, 60]], correction=True)
    assert f"chi-square statistic (Yates' continuity correction) = {chi2:.6g}" in printed(call)
