"""Analyses added since the second fresh set: Kendall's tau-b, a Cox model on one measured covariate, and a
named subject per line ("Mazda RX4: 110 hp, 21 mpg") read as that subject's measurements.

Expected values are R's (``cor.test(method = "kendall")``, ``summary(coxph(Surv(time, status) ~ age))``).
"""

from __future__ import annotations

import pytest

from analysis.numbers import missing_expected
from analysis.plan import plan_analysis
from analysis.reading.scalars import per_group_sizes
from tests.analysis.planning import planned, printed

COX_ROWS = "time,status,age,sex\n" + "\n".join(
    f"{t},{s},{a},{g}"
    for t, s, a, g in zip(
        (5, 8, 12, 14, 20, 23, 27, 31, 36, 44),
        (1, 1, 0, 1, 1, 0, 1, 0, 1, 0),
        (71, 68, 55, 74, 60, 49, 66, 52, 58, 45),
        "mffmmfmfmf",
        strict=True,
    )
)


def test_kendall_tau_b_matches_r_exact_without_ties_and_normal_with_ties() -> None:
    exact = planned(
        "x: 11.43 12.07 13.17 5.75 12.88 8.79 0.6 11.9 4.98 10.78 16.85 3.59 11.24 12.64 12.55\n"
        "y: 2.87 3.93 3.82 0.22 4.56 2.43 2.67 6.51 3.08 2.8 3.99 2.19 4.32 4.52 3.44\nKendall's tau between x and y"
    )
    assert exact.name == "kendall_correlation"
    assert not missing_expected({"tau": 0.52381, "p": 0.00590159}, printed(exact), 1e-4)
    tied = planned(
        "dist: 2.5 7.5 16 6 9.5 10 4.5 3.5 3 5 10 4.5\nclimb: 650 800 7500 650 2200 3000 1000 1500 600 950 4400 850\n"
        "kendall tau-b please"
    )
    assert not missing_expected({"tau": 0.5736606, "p": 0.01061613}, printed(tied), 1e-4)


def test_a_bare_correlation_stays_pearson_and_kendall_is_never_substituted() -> None:
    data = "x: 1 2 3 4 5 6\ny: 2.1 3.9 6.2 8.1 9.8 12.5\n"
    assert planned(data + "correlation between x and y?").name == "pearson_correlation"
    assert planned(data + "Kendall rank correlation between x and y?").name == "kendall_correlation"


def test_cox_on_one_named_measured_covariate_gives_the_hazard_ratio_per_unit_as_r() -> None:
    call = planned(COX_ROWS + "\n\ncox model with age as the only covariate please, HR per year with 95% CI")
    assert call.name == "cox_covariate"
    assert call.args.covariate_label == "age" and call.args.events == [1, 1, 0, 1, 1, 0, 1, 0, 1, 0]
    expected = {"hr": 1.2312778, "low": 1.030273, "high": 1.4714984, "lr": 9.9141561, "score": 8.6660566}
    assert not missing_expected(expected, printed(call), 1e-3)


def test_two_named_measured_covariates_are_declined_as_a_multivariable_cox_model() -> None:
    text = COX_ROWS.replace("sex", "bmi").replace(",m", ",27.1").replace(",f", ",22.4")
    plan = plan_analysis(text + "\n\nCox model on age and bmi please")
    assert plan.status == "declined" and "multivariable" in plan.reason


def test_a_group_cox_model_is_unchanged_when_no_measured_covariate_is_named() -> None:
    text = "arm A: 5, 8, 12+, 14, 20\narm B: 23+, 27, 31+, 36, 44+\nCox model, HR for B vs A"
    assert planned(text).name == "cox_regression"


@pytest.mark.parametrize(
    ("rows", "names"),
    [
        ("Mazda RX4: 110 hp, 21 mpg\nDatsun 710: 93 hp, 22.8 mpg\nHornet 4 Drive: 110 hp, 21.4 mpg\n"
         "Valiant: 105 hp, 18.1 mpg", ("hp", "mpg")),
        ("cantons (% farming, % top exam mark):\nCourtelary: (17.0, 15)\nDelemont: (45.1, 6)\nMoutier: (36.5, 12)\n"
         "Neuveville: (43.5, 17)", ("% farming", "% top exam mark")),
        ("Courtelary 17.0 15\nDelemont 45.1 6\nFranches-Mnt 39.7 5\nMoutier 36.5 12",
         ("measurement 1", "measurement 2")),
    ],
)  # fmt: skip
def test_a_named_subject_per_line_gives_one_column_per_measurement(rows: str, names: tuple[str, str]) -> None:
    call = planned(rows + "\nPearson correlation between the two please")
    assert (call.args.x_label, call.args.y_label) == names
    assert len(call.args.x) == len(call.args.y) == 4


@pytest.mark.parametrize("asked", ["chi-square test", "Pearson chi-square test of independence"])
def test_named_rows_of_counts_stay_a_table_when_no_correlation_is_asked(asked: str) -> None:
    text = "Drug A: 12 died, 30 survived\nDrug B: 20 died, 22 survived\nPlacebo: 25 died, 17 survived\n" + asked
    assert planned(text).name == "chi_square_independence"
    genotypes = "AA  30 14 6\nAG  42 31 17\nGG  11 15 14\n"
    assert planned(genotypes + asked).args.rows == [[30, 14, 6], [42, 31, 17], [11, 15, 14]]


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Dunn's post hoc with holm adjustment on warpbreaks, wool B by tension?", "Dunn"),
        ("Poisson regression of warp breaks counts on wool and tension, rate ratios?", "Poisson"),
        ("log-rank test for sex in the lung data, chi2 and p", "lung"),
    ],
)
def test_an_analysis_of_a_data_set_named_but_not_pasted_is_declined(text: str, named: str) -> None:
    plan = plan_analysis(text)
    assert plan.status == "declined" and "pasted" in plan.reason and named.lower() in plan.reason.lower()


def test_a_methods_question_naming_a_data_set_is_not_an_analysis() -> None:
    assert plan_analysis("is a log-rank test appropriate for the lung data when hazards cross?").status == "none"


def test_a_one_letter_side_names_the_column_it_ends() -> None:
    text = "| sprayF | sprayG |\n|---|---|\n| 90 | 92 |\n| 69 | 71 |\n| 87 | 72 |\n| 20 | 24 |\nstudent t, G minus F"
    assert planned(text).args.label_a == "sprayG"


def test_group_sizes_listed_before_per_arm_are_each_a_size() -> None:
    call = planned("p1=0.33 vs p2=0.22. power with 150 and 250 per arm? alpha .05 two-sided")
    assert call.args.n_per_group == [150, 250]


def test_a_header_of_single_spaced_names_is_split_so_no_row_name_swallows_a_count() -> None:
    aligned = (
        "> caith\n         fair    red medium   dark\nblue      326     38    241    110\n"
        "light     688    116    584    188\nmedium    343     84    909    412\nchisq.test on the whole table"
    )
    read = planned(aligned).data_as_read()
    assert read.header[:5] == ["", "fair", "red", "medium", "dark"]
    assert [row[:5] for row in read.rows[:3]] == [
        ["blue", "326", "38", "241", "110"],
        ["light", "688", "116", "584", "188"],
        ["medium", "343", "84", "909", "412"],
    ]
    numbered = "Clinic 1: 12 died, 30 survived\nClinic 2: 20 died, 22 survived\nClinic 3: 25 died, 17 survived\nchisq"
    assert plan_analysis(numbered).status == "planned"


def test_a_paste_in_halves_is_cut_off() -> None:
    text = "KM please, days (+ = censored): 306, 455, 1010+, 210, 883\n... that's the first half, rest in the next msg"
    assert "cut off" in plan_analysis(text).reason


def test_a_long_list_of_numbers_is_not_read_as_group_sizes() -> None:
    # the sizes pattern once backtracked exponentially on long comma lists; this list took minutes then
    assert per_group_sizes("x: " + ", ".join(str(i) for i in range(300)) + " end") == []
