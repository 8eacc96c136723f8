"""Build the dev set of biostatistics code tasks: ``python -m evaluation.data.make_code_dev``.

Each task is a request as a researcher would type it in Slack, with the data inline, and the numbers a
correct standard analysis prints. Expected values come from ``dev_reference`` (hand formulas, or a
different library than the recipes use). ``recipe`` records the analysis a correct answer runs; it is
kept here for the tests and is not written to ``code_dev.jsonl``, whose lines are exactly
``{"id", "prompt", "expected", "rel_tol"}``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from evaluation.data import dev_reference as ref

OUTPUT = Path(__file__).with_name("code_dev.jsonl")
REL_TOL = 0.01


@dataclass(frozen=True)
class DevTask:
    id: str
    recipe: str  # the recipe a correct top candidate uses
    prompt: str
    expected: Callable[[], dict[str, float]]
    rel_tol: float = REL_TOL


def commas(values: Sequence[float]) -> str:
    return ", ".join(f"{v:g}" for v in values)


def spaces(values: Sequence[float]) -> str:
    return " ".join(f"{v:g}" for v in values)


def marked(times: Sequence[float], events: Sequence[int], separator: str = ", ") -> str:
    """Times with "+" on the censored ones, the way survival data are usually pasted."""
    return separator.join(f"{t:g}" if e else f"{t:g}+" for t, e in zip(times, events, strict=True))


def pick(result: dict[str, float], **renames: str) -> dict[str, float]:
    """Expected values under the task's own names: pick(result, t="t", p="p")."""
    return {new: float(result[old]) for new, old in renames.items()}


def prefixed(prefix: str, values: Sequence[float]) -> dict[str, float]:
    return {f"{prefix}_{i}": float(v) for i, v in enumerate(values, start=1)}


def _means_tasks() -> list[DevTask]:
    placebo, drug = [132, 128, 141, 135, 129, 138, 144, 131], [121, 125, 119, 130, 127, 118, 124]
    wild, knockout = [4.2, 5.1, 3.9, 4.8, 5.5, 4.4], [6.1, 5.8, 6.6, 7.0, 5.9, 6.3]
    responders, non_responders = [12.1, 15.3, 9.8, 11.4, 14.2, 13.0, 10.5], [18.2, 22.5, 17.9, 25.1, 19.4, 21.0]
    high_fat, chow = [25.1, 27.3, 26.8, 28.0, 29.2, 26.5], [22.0, 23.1, 21.9, 22.7, 24.0, 23.3]
    ko, wt = [2.3, 2.9, 3.1, 2.2, 2.7], [4.1, 3.8, 5.2, 4.6, 4.9, 5.5]
    return [
        DevTask(
            "welch_bp",
            "welch_t_test",
            f"Hey, quick one - I have systolic BP (mmHg) for two independent groups. Placebo: {commas(placebo)} "
            f"and Drug: {commas(drug)}. Are the means different? Don't want to assume equal variances.",
            lambda: pick(ref.welch(placebo, drug), t="t", df="df", p="p"),
        ),
        DevTask(
            "student_pooled",
            "student_t_test",
            f"Can you run a classic Student's t-test (pooled variance) on these?\nwild type = [{commas(wild)}]\n"
            f"knockout = [{commas(knockout)}]",
            lambda: pick(ref.student(wild, knockout), t="t", df="df", p="p"),
        ),
        DevTask(
            "ttest_il6",
            "welch_t_test",
            f"Comparing IL-6 levels (pg/mL) between responders and non-responders. responders {spaces(responders)}; "
            f"non-responders {spaces(non_responders)}. Is the difference significant?",
            lambda: pick(ref.welch(responders, non_responders), t="t", p="p", mean_diff="mean_diff"),
        ),
        DevTask(
            "ttest_diet",
            "welch_t_test",
            f"I weighed the mice at week 12: mice on the high-fat diet ({spaces(high_fat)}) and on chow "
            f"({spaces(chow)}). Is there a difference in mean body weight?",
            lambda: pick(ref.welch(high_fat, chow), t="t", p="p"),
        ),
        DevTask(
            "welch_braces",
            "welch_t_test",
            "compare expression between KO and WT mice, variances look different: KO {"
            + "; ".join(f"{v:g}" for v in ko)
            + "} and WT {"
            + "; ".join(f"{v:g}" for v in wt)
            + "}",
            lambda: pick(ref.welch(ko, wt), t="t", p="p"),
        ),
        *_paired_and_one_sample_tasks(),
        *_anova_tasks(),
    ]


def _paired_and_one_sample_tasks() -> list[DevTask]:
    before, after = [210, 225, 198, 240, 232, 219, 205, 228], [198, 214, 195, 222, 225, 210, 200, 215]
    baseline, week6 = [31.2, 28.4, 35.1, 26.7, 30.3, 33.8, 29.0], [33.0, 29.9, 35.6, 28.8, 31.1, 36.2, 29.4]
    grid = "\n".join(f"{i}   {b:g}   {w:g}" for i, (b, w) in enumerate(zip(baseline, week6, strict=True), start=1))
    readings = [98.2, 101.5, 99.1, 97.8, 100.4, 98.9, 99.5, 97.6, 98.8, 99.9]
    sample = [5.3, 5.8, 4.9, 6.1, 5.5, 5.9, 5.2, 6.0]
    return [
        DevTask(
            "paired_cholesterol",
            "paired_t_test",
            "Before/after question: we measured cholesterol in 8 patients before and after 12 weeks on the diet.\n"
            f"before: {spaces(before)}\nafter: {spaces(after)}\nIs the change significant?",
            lambda: pick(ref.paired(before, after), t="t", p="p", mean_diff="mean_diff"),
        ),
        DevTask(
            "paired_grid",
            "paired_t_test",
            "Grip strength (kg) for the same volunteers at baseline and after 6 weeks of training:\n\n"
            f"id   baseline   week6\n{grid}\n\nPaired comparison please - did it improve?",
            lambda: pick(ref.paired(baseline, week6), t="t", p="p"),
        ),
        DevTask(
            "one_sample_assay",
            "one_sample_t_test",
            f"Our assay should read 100 on the reference standard. Ten replicate readings: {commas(readings)}. "
            "Is the mean significantly different from 100?",
            lambda: pick(ref.one_sample(readings, 100), t="t", p="p", mean="mean"),
        ),
        DevTask(
            "one_sample_mu",
            "one_sample_t_test",
            f"one sample t test vs mu = 5.0 please - {spaces(sample)}",
            lambda: pick(ref.one_sample(sample, 5.0), t="t", p="p"),
        ),
    ]


def _anova_tasks() -> list[DevTask]:
    fertilisers = {
        "F1": [20.1, 21.3, 19.8, 22.0],
        "F2": [23.5, 24.1, 22.8, 25.0],
        "F3": [19.0, 18.7, 20.2, 19.5],
        "F4": [21.9, 22.4, 23.0, 21.1],
    }
    housing = {
        "standard cage": [12.4, 14.1, 13.3, 15.0, 12.9],
        "enriched cage": [10.2, 11.5, 9.8, 10.9, 11.1],
        "isolated": [16.3, 17.8, 15.9, 18.4, 16.6],
    }
    diets = {
        "low fat": [2.1, 3.4, 1.9, 2.8, 3.0],
        "med fat": [3.9, 4.4, 3.5, 4.8],
        "high fat": [5.2, 6.1, 4.9, 5.7, 6.3, 5.5],
    }
    return [
        DevTask(
            "anova_fertiliser",
            "one_way_anova",
            "One-way ANOVA on yield across 4 fertilisers? "
            + ", ".join(f"{name} = [{commas(values)}]" for name, values in fertilisers.items()),
            lambda: pick(ref.anova(list(fertilisers.values())), F="F", p="p"),
        ),
        DevTask(
            "anova_housing",
            "one_way_anova",
            "We have cortisol levels in three housing conditions and want to know if the means differ.\n"
            + "\n".join(f"{name} - {commas(values)}" for name, values in housing.items()),
            lambda: pick(ref.anova(list(housing.values())), F="F", p="p"),
        ),
        DevTask(
            "kruskal_diets",
            "kruskal_wallis",
            "Three diets, weight gain in g, data not normal. Kruskal-Wallis please:\n"
            + "\n".join(f"{name}: {commas(values)}" for name, values in diets.items()),
            lambda: pick(ref.kruskal(list(diets.values())), H="H", p="p"),
        ),
    ]


def _rank_tasks() -> list[DevTask]:
    pain_a, pain_b = [3, 5, 4, 6, 2, 5, 4], [6, 7, 5, 8, 7, 6, 9, 8]
    stay_a, stay_b = [3, 4, 4, 5, 7, 12, 21], [5, 6, 8, 9, 14, 15, 30, 41]
    pre, post = [12, 15, 9, 20, 18, 11, 14, 16, 22, 10], [10, 11, 9.5, 14, 17, 8, 12, 11, 15, 9.8]
    il10_wt, il10_ko = [4.1, 3.8, 5.6, 4.4, 12.9, 4.0], [7.7, 9.2, 6.8, 25.3, 8.1, 10.4, 7.3]
    residuals = [-1.2, 0.4, 0.9, -0.3, 2.1, -0.8, 0.1, -1.5, 0.6, 0.3, 1.1, -0.2]
    return [
        DevTask(
            "mann_whitney_pain",
            "mann_whitney_u",
            f"Pain scores are ordinal so I'd rather go nonparametric. Group A: {commas(pain_a)} | "
            f"Group B: {commas(pain_b)}",
            lambda: pick(ref.mann_whitney(pain_a, pain_b), U="U", p="p"),
        ),
        DevTask(
            "mann_whitney_stay",
            "mann_whitney_u",
            f"Length of stay (days) is really skewed. Surgery A: {commas(stay_a)} and surgery B: {commas(stay_b)}. "
            "Mann-Whitney?",
            lambda: pick(ref.mann_whitney(stay_a, stay_b), U="U", p="p"),
        ),
        DevTask(
            "mann_whitney_medians",
            "mann_whitney_u",
            f"IL-10 is heavily skewed (one mouse in each group is way off), so I'd compare medians. "
            f"WT: {commas(il10_wt)}; KO: {commas(il10_ko)}",
            lambda: pick(ref.mann_whitney(il10_wt, il10_ko), U="U", p="p"),
        ),
        DevTask(
            "wilcoxon_paired",
            "wilcoxon_signed_rank",
            f"Paired data, skewed differences - can you do a Wilcoxon signed-rank test? pre = ({commas(pre)}) "
            f"post = ({commas(post)})",
            lambda: pick(ref.signed_rank(pre, post), W="W", p="p"),
        ),
        DevTask(
            "shapiro_residuals",
            "shapiro_wilk",
            f"Are these residuals normally distributed? Shapiro-Wilk please: {spaces(residuals)}",
            lambda: pick(ref.shapiro(residuals), W="W", p="p"),
        ),
    ]


def _table_tasks() -> list[DevTask]:
    blood = {"A": [20, 15, 10], "B": [12, 18, 14], "O": [25, 11, 9]}
    blood_text = "         mild  moderate  severe\n" + "\n".join(
        f"{name}        {'    '.join(str(v) for v in row)}" for name, row in blood.items()
    )
    return [
        DevTask(
            "chi_square_blood",
            "chi_square_independence",
            f"Is blood type associated with disease severity? Counts:\n{blood_text}",
            lambda: pick(ref.chi_square(list(blood.values()), yates=False), chi2="chi2", p="p", dof="dof"),
        ),
        DevTask(
            "chi_square_copd",
            "chi_square_independence",
            "Smokers: 30 with COPD, 70 without. Non-smokers: 12 with COPD, 88 without. "
            "Chi-square test of independence please.",
            lambda: pick(ref.chi_square([[30, 70], [12, 88]], yates=True), chi2="chi2", p="p"),
        ),
        DevTask(
            "chi_square_genotype",
            "chi_square_independence",
            "Responders by genotype - AA: 30 responders and 10 non-responders; Aa: 25 and 20; aa: 10 and 25. "
            "Is response associated with genotype?",
            lambda: pick(ref.chi_square([[30, 10], [25, 20], [10, 25]], yates=False), chi2="chi2", p="p"),
        ),
        DevTask(
            "chi_square_markdown",
            "chi_square_independence",
            "| | improved | not improved |\n|---|---|---|\n| drug | 24 | 16 |\n| placebo | 14 | 26 |\n\n"
            "chi-square on this?",
            lambda: pick(ref.chi_square([[24, 16], [14, 26]], yates=True), chi2="chi2", p="p"),
        ),
        DevTask(
            "fisher_fractions",
            "fisher_exact",
            "Small numbers so probably Fisher's exact: treated 2 of 12 had adverse events, control 7 of 11.",
            lambda: pick(ref.fisher_exact(2, 10, 7, 4), p="p", odds_ratio="or"),
        ),
        DevTask(
            "fisher_matrix",
            "fisher_exact",
            "2x2 table [[1, 9], [8, 3]] - exact test please, the expected counts are too small for chi-square",
            lambda: pick(ref.fisher_exact(1, 9, 8, 3), p="p"),
        ),
        DevTask(
            "mcnemar_tests",
            "mcnemar",
            "Two diagnostic tests on the same 100 patients. Table (rows test A +/-, cols test B +/-):\n"
            "[[45, 12], [4, 39]]\nMcNemar test?",
            lambda: ref.mcnemar_exact(12, 4),
        ),
        DevTask(
            "odds_risk_cohort",
            "odds_ratio_relative_risk",
            "cohort: exposed 18 cases / 82 non-cases; unexposed 9 cases / 91 non-cases. "
            "Give me the relative risk and odds ratio with 95% CIs.",
            lambda: ref.odds_and_risk(18, 82, 9, 91),
        ),
        DevTask(
            "odds_case_control",
            "odds_ratio_relative_risk",
            "Case-control data on smoking. Cases: 45 smokers, 75 non-smokers. Controls: 30 smokers, "
            "120 non-smokers. Odds ratio with 95% CI?",
            lambda: pick(ref.odds_and_risk(45, 75, 30, 120), odds_ratio="or", lower="or_lo", upper="or_hi"),
        ),
    ]


def _association_tasks() -> list[DevTask]:
    age = [34, 45, 52, 61, 29, 48, 55, 39, 66, 42]
    sbp = [118, 126, 135, 142, 115, 130, 138, 121, 150, 125]
    grade, ki67 = [1, 2, 2, 3, 1, 3, 2, 3, 1, 2], [5, 12, 15, 30, 8, 25, 10, 40, 3, 18]
    pain, days = [3.1, 6.4, 2.2, 7.9, 5.0, 4.3, 8.8], [4, 9, 3, 7, 8, 5, 12]
    dose, response = [0, 5, 10, 15, 20, 25, 30], [2.1, 3.9, 6.2, 7.8, 10.1, 12.2, 13.8]
    hours, score = [2, 4, 5, 7, 8, 10, 11, 13], [55, 60, 62, 70, 72, 78, 83, 88]
    level = [1.2, 2.3, 0.8, 3.1, 2.8, 1.5, 3.6, 0.5, 2.0, 4.2, 1.1, 3.3, 2.6, 1.8]
    responded = [0, 1, 0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 0, 1]
    return [
        DevTask(
            "pearson_age_sbp",
            "pearson_correlation",
            f"Is there a correlation between age and SBP?\nage: {commas(age)}\nsbp: {commas(sbp)}",
            lambda: pick(ref.pearson(age, sbp), r="r", p="p"),
        ),
        DevTask(
            "spearman_grade",
            "spearman_correlation",
            f"Spearman rank correlation between tumour grade and Ki-67 index please. grade {spaces(grade)} ; "
            f"ki67 {spaces(ki67)}",
            lambda: pick(ref.spearman(grade, ki67), rho="rho", p="p"),
        ),
        DevTask(
            "kendall_pain",
            "kendall_correlation",
            "kendall's tau between pain score and days in hospital? (small n, no ties, exact p)\n"
            f"pain: {commas(pain)}\ndays: {commas(days)}",
            lambda: pick(ref.kendall(pain, days), tau="tau", p="p"),
        ),
        DevTask(
            "regression_dose",
            "linear_regression",
            f"Fit a simple linear regression of response on dose.\ndose (mg): {commas(dose)}\n"
            f"response: {commas(response)}\nWhat's the slope and R^2?",
            lambda: pick(ref.linear_regression(dose, response), slope="slope", intercept="intercept", r2="r2", p="p"),
        ),
        DevTask(
            "regression_hours",
            "linear_regression",
            f"does exam score go up with hours studied? fit a regression line. hours: {commas(hours)} ; "
            f"score: {commas(score)}",
            lambda: pick(ref.linear_regression(hours, score), slope="slope", intercept="intercept", r2="r2"),
        ),
        DevTask(
            "logistic_biomarker",
            "logistic_regression",
            "Logistic regression question: does biomarker level predict response (1 = responded)?\n"
            f"level: {commas(level)}\nresponded: {commas(responded)}\nMainly want the odds ratio per unit with its CI.",
            lambda: ref.logistic(level, responded),
        ),
    ]


def _survival_tasks() -> list[DevTask]:
    pilot_t, pilot_e = [3, 5, 6, 8, 11, 12, 15, 17, 20, 24, 26, 30], [1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0, 1]
    follow_t, follow_e = [2, 4, 7, 9, 12, 14, 18, 22, 25, 30], [1, 1, 0, 1, 1, 0, 1, 0, 1, 0]
    arm_a = ([6, 9, 10, 14, 18, 22, 25, 30], [1, 1, 0, 1, 1, 0, 1, 0])
    arm_b = ([3, 4, 5, 8, 9, 11, 12, 15], [1, 1, 1, 0, 1, 1, 1, 0])
    g1 = ([5, 8, 12, 20, 25, 30, 34, 40], [1, 1, 0, 1, 0, 1, 1, 0])
    g2 = ([2, 3, 6, 7, 10, 13, 15, 19], [1, 1, 1, 0, 1, 1, 0, 1])
    control = ([5, 7, 9, 12, 15, 18, 21, 24], [1, 1, 0, 1, 1, 0, 1, 1])
    treated = ([8, 12, 14, 19, 23, 27, 30, 33], [1, 0, 1, 1, 0, 1, 0, 1])
    placebo = ([4, 6, 6, 8, 10, 12, 15], [1, 1, 1, 1, 0, 1, 1])
    active = ([7, 9, 12, 14, 18, 21, 25, 28], [1, 1, 0, 1, 1, 0, 1, 0])
    frame = [(5, 1, "A"), (8, 0, "A"), (11, 1, "A"), (14, 1, "A"), (20, 0, "A"), (26, 1, "A"),
             (3, 1, "B"), (4, 1, "B"), (7, 1, "B"), (9, 0, "B"), (12, 1, "B"), (16, 1, "B")]  # fmt: skip
    frame_text = "time event arm\n" + "\n".join(f"{t} {e} {a}" for t, e, a in frame)
    frame_groups = [([t for t, _, a in frame if a == arm], [e for _, e, a in frame if a == arm]) for arm in "AB"]
    per_unit = (
        [4, 7, 9, 12, 15, 18, 22, 26, 30, 35, 41, 48],
        [1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0, 0],
        [72, 68, 55, 70, 61, 49, 66, 58, 52, 63, 47, 50],
    )
    return [
        DevTask(
            "km_pilot_median",
            "kaplan_meier",
            "Kaplan-Meier for our pilot cohort please, with median survival. Times in months (+ = censored): "
            + marked(pilot_t, pilot_e),
            lambda: pick(ref.kaplan_meier(pilot_t, pilot_e), median="median"),
        ),
        DevTask(
            "km_survival_12",
            "kaplan_meier",
            "What's the estimated 12-month survival? Follow-up in months with event indicator (1 = death, "
            f"0 = censored): time = [{commas(follow_t)}]; status = [{commas(follow_e)}]",
            lambda: pick(ref.kaplan_meier(follow_t, follow_e, at=12), surv_12="surv_at", median="median"),
        ),
        DevTask(
            "km_two_medians",
            "kaplan_meier",
            f"median time to relapse in each group? placebo {marked(*placebo, ' ')} ; active {marked(*active, ' ')}",
            lambda: {
                "median_placebo": ref.kaplan_meier(*placebo)["median"],
                "median_active": ref.kaplan_meier(*active)["median"],
            },
        ),
        DevTask(
            "logrank_arms",
            "log_rank",
            f"Compare survival between arms with a log-rank test.\nArm A (weeks): {marked(*arm_a)}\n"
            f"Arm B (weeks): {marked(*arm_b)}",
            lambda: ref.log_rank([arm_a, arm_b]),
        ),
        DevTask(
            "logrank_event_lists",
            "log_rank",
            f"Group 1 times: {spaces(g1[0])}; Group 1 events: {spaces(g1[1])}\n"
            f"Group 2 times: {spaces(g2[0])}; Group 2 events: {spaces(g2[1])}\n"
            "Is there a significant difference in survival between the two groups?",
            lambda: ref.log_rank([g1, g2]),
        ),
        DevTask(
            "cox_treatment",
            "cox_regression",
            "Can you fit a Cox model with treatment as the only covariate and give me the HR (treated vs "
            f"control) with 95% CI? control: {marked(*control)} treated: {marked(*treated)}",
            lambda: ref.cox_hazard_ratio([control, treated]),
        ),
        DevTask(
            "cox_age",
            "cox_covariate",
            "month,dead,age\n"
            + "\n".join(f"{t:g},{e},{a:g}" for t, e, a in zip(*per_unit, strict=True))
            + "\n\ncox model with age as the only covariate: HR per year of age and its 95% CI",
            lambda: pick(ref.cox_per_unit(*per_unit), hr="hr", hr_lo="hr_lo", hr_hi="hr_hi"),
        ),
        DevTask(
            "cox_frame",
            "cox_regression",
            f"{frame_text}\n\nhazard ratio for arm B vs arm A?",
            lambda: pick(ref.cox_hazard_ratio(frame_groups), hr="hr", hr_lo="hr_lo", hr_hi="hr_hi"),
        ),
    ]


def _design_tasks() -> list[DevTask]:
    return [
        DevTask(
            "sample_size_d",
            "sample_size_t_test",
            "How many mice per group do I need to detect an effect size of d = 0.8 with 80% power at alpha 0.05 "
            "(two-sided t-test)?",
            lambda: ref.t_sample_size(0.8, 0.05, 0.8),
        ),
        DevTask(
            "sample_size_difference",
            "sample_size_t_test",
            "Planning a trial: want to detect a 5 mmHg difference in SBP, SD is about 12, two-sided alpha=0.05 "
            "and 90% power. Sample size per arm?",
            lambda: ref.t_sample_size(5 / 12, 0.05, 0.9),
        ),
        DevTask(
            "sample_size_proportions",
            "sample_size_two_proportions",
            "We expect the response rate to go from 30% with standard care to 45% with the new drug. "
            "How many patients per group for 80% power, alpha 0.05?",
            lambda: ref.proportions_sample_size(0.30, 0.45, 0.05, 0.8),
        ),
        DevTask(
            "sample_size_infection",
            "sample_size_two_proportions",
            "What n per arm do we need to detect a drop in infection rate from 0.20 to 0.10 with 90% power "
            "(two-sided alpha 0.05)?",
            lambda: ref.proportions_sample_size(0.20, 0.10, 0.05, 0.9),
        ),
        DevTask(
            "power_proportions",
            "power_two_proportions",
            "we can enrol 150 per arm. event rate 30% on placebo vs 18% expected on drug - what power does a "
            "two-sided 2-proportion test at alpha 0.05 have?",
            lambda: ref.proportions_power(0.30, 0.18, 0.05, 150),
        ),
        DevTask(
            "power_small_study",
            "power_t_test",
            "If we can only get 20 per group, what power do we have to detect d = 0.6 at α = .05?",
            lambda: ref.t_power(0.6, 20, 0.05),
        ),
    ]


def _multiplicity_tasks() -> list[DevTask]:
    screen = [0.001, 0.008, 0.039, 0.041, 0.042, 0.06, 0.074, 0.205]
    family = [0.012, 0.030, 0.004, 0.250]
    return [
        DevTask(
            "fdr_screen",
            "p_value_adjustment",
            f"I ran 8 tests; p-values: {commas(screen)}. Apply Benjamini-Hochberg FDR correction.",
            lambda: prefixed("bh", ref.benjamini_hochberg(screen)),
        ),
        DevTask(
            "holm_bonferroni",
            "p_value_adjustment",
            "Adjust these p values with Holm (and show Bonferroni too): p = " + "; ".join(f"{p:.3f}" for p in family),
            lambda: {**prefixed("holm", ref.holm(family)), **prefixed("bonferroni", ref.bonferroni(family))},
        ),
    ]


def dev_tasks() -> list[DevTask]:
    return [
        *_means_tasks(),
        *_rank_tasks(),
        *_table_tasks(),
        *_association_tasks(),
        *_survival_tasks(),
        *_design_tasks(),
        *_multiplicity_tasks(),
    ]


def main() -> None:
    lines = [
        json.dumps({"id": task.id, "prompt": task.prompt, "expected": task.expected(), "rel_tol": task.rel_tol})
        for task in dev_tasks()
    ]
    OUTPUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} tasks to {OUTPUT}")


if __name__ == "__main__":
    main()
