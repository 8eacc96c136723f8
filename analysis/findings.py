"""How each recipe's printed outputs read as a finding: the one or two sentences a Summary opens with.

Every recipe script prints its results as ``name = value`` lines. For each recipe this module names the
lines that make its finding (the estimates a reader wants first, then the test with its p-value) and the
null hypothesis the p-value speaks to. A finding copies every number verbatim from the printed output
and then checks that it did: a sentence with a number the output does not hold is never returned.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_LINE = re.compile(r"^(?P<name>[^=\n]{1,160}?)\s+=\s+(?P<value>\S[^\n]*?)\s*$", re.MULTILINE)
_NUMBER = re.compile(r"(?<![\w.])-?\d+(?:\.\d+)?(?:e[-+]?\d+)?", re.IGNORECASE)
SIGNIFICANCE = 0.05  # the conventional level; the finding says "rejects" only below it


@dataclass(frozen=True, slots=True)
class Reading:
    """Printed lines whose name matches ``pattern`` (``label`` group optional) read as ``phrase``."""

    pattern: str
    phrase: str  # "{label}" and "{value}" are filled from the line

    def read(self, name: str, value: str) -> str | None:
        match = re.fullmatch(self.pattern, name)
        if match is None:
            return None
        label = match.groupdict().get("label") or ""
        return self.phrase.format(label=label, value=value)


@dataclass(frozen=True, slots=True)
class HowOutputsRead:
    estimates: tuple[Reading, ...]
    test: str = ""  # "the log-rank test"; empty for recipes without a test (sample size, power)
    p_value: str = ""  # regex of the p-value line the verdict uses
    null: str = ""  # "equal survival in the groups"
    statistic: Reading | None = None  # shown beside the p-value: "χ² = 16.8"


_P = r"p-value \(two-sided\)"
_T_TEST = HowOutputsRead(
    estimates=(
        Reading(r"mean \((?P<label>[^)]+)\)", "mean {label} {value}"),
        Reading(r"mean difference \((?P<label>[^)]+)\)", "difference {value}"),
    ),
    test="the t-test",
    p_value=_P,
    null="equal means",
    statistic=Reading(r"t statistic", "t = {value}"),
)
_SURVIVAL = HowOutputsRead(
    estimates=(Reading(r"median survival \((?P<label>[^)]+)\)", "median survival {label} {value}"),),
    test="the log-rank test",
    p_value=r"log-rank p-value",
    null="equal survival in the groups",
    statistic=Reading(r"log-rank chi-square statistic", "χ² = {value}"),
)

FINDINGS: dict[str, HowOutputsRead] = {
    "kaplan_meier": _SURVIVAL,
    "log_rank": _SURVIVAL,
    "cox_regression": HowOutputsRead(
        estimates=(Reading(r"hazard ratio \((?P<label>[^)]+)\)", "hazard ratio ({label}) {value}"),),
        test="the likelihood-ratio test",
        p_value=r"likelihood-ratio test p-value",
        null="a hazard ratio of 1",
        statistic=Reading(r"likelihood-ratio test statistic", "χ² = {value}"),
    ),
    "welch_t_test": _T_TEST,
    "student_t_test": _T_TEST,
    "paired_t_test": HowOutputsRead(
        estimates=(Reading(r"mean difference \((?P<label>[^)]+)\)", "mean difference ({label}) {value}"),),
        test="the paired t-test",
        p_value=_P,
        null="a mean difference of zero",
        statistic=Reading(r"t statistic", "t = {value}"),
    ),
    "one_sample_t_test": HowOutputsRead(
        estimates=(Reading(r"mean", "mean {value}"), Reading(r"mean - reference value", "difference {value}")),
        test="the one-sample t-test",
        p_value=_P,
        null="a mean equal to the reference value",
        statistic=Reading(r"t statistic", "t = {value}"),
    ),
    "mann_whitney_u": HowOutputsRead(
        estimates=(Reading(r"median \((?P<label>[^)]+)\)", "median {label} {value}"),),
        test="the Mann-Whitney U test",
        p_value=r"p-value \(two-sided, .*\)",
        null="equal distributions",
    ),
    "wilcoxon_signed_rank": HowOutputsRead(
        estimates=(Reading(r"median difference", "median difference {value}"),),
        test="the Wilcoxon signed-rank test",
        p_value=r"p-value \(two-sided, .*\)",
        null="a median difference of zero",
    ),
    "kruskal_wallis": HowOutputsRead(
        estimates=(Reading(r"median \((?P<label>[^)]+)\)", "median {label} {value}"),),
        test="the Kruskal-Wallis test",
        p_value=r"p-value",
        null="equal distributions in the groups",
        statistic=Reading(r"H statistic.*", "H = {value}"),
    ),
    "shapiro_wilk": HowOutputsRead(
        estimates=(Reading(r"W statistic(?P<label>.*)", "W{label} = {value}"),),
        test="the Shapiro-Wilk test",
        p_value=r"p-value.*",
        null="normality",
    ),
    "one_way_anova": HowOutputsRead(
        estimates=(Reading(r"mean \((?P<label>[^)]+)\)", "mean {label} {value}"),),
        test="the one-way ANOVA",
        p_value=r"p-value",
        null="equal group means",
        statistic=Reading(r"F statistic", "F = {value}"),
    ),
    "chi_square_independence": HowOutputsRead(
        estimates=(Reading(r"difference in proportions \(row 1 - row 2\)", "difference in proportions {value}"),),
        test="the chi-square test",
        p_value=r"p-value(?: \(Yates' continuity correction\))?",
        null="independence",
        statistic=Reading(r"chi-square statistic(?: \(Yates' continuity correction\))?", "χ² = {value}"),
    ),
    "fisher_exact": HowOutputsRead(
        estimates=(Reading(r"conditional MLE odds ratio", "odds ratio {value}"),),
        test="Fisher's exact test",
        p_value=_P,
        null="independence",
    ),
    "mcnemar": HowOutputsRead(
        estimates=(Reading(r"discordant pairs \((?P<label>[^)]+)\)", "discordant pairs ({label}) {value}"),),
        test="McNemar's test",
        p_value=r"p-value \(exact binomial\)",
        null="no change between the paired measurements",
    ),
    "odds_ratio_relative_risk": HowOutputsRead(
        estimates=(Reading(r"odds ratio", "odds ratio {value}"), Reading(r"relative risk", "relative risk {value}")),
        test="the test of an odds ratio of 1",
        p_value=r"p-value \(odds ratio = 1\)",
        null="no association",
    ),
    "pearson_correlation": HowOutputsRead(
        estimates=(Reading(r"Pearson r", "r = {value}"),),
        test="the correlation test",
        p_value=r"p-value \(two-sided, H0: r = 0\)",
        null="no correlation",
    ),
    "spearman_correlation": HowOutputsRead(
        estimates=(Reading(r"Spearman rho", "rho = {value}"),),
        test="the rank-correlation test",
        p_value=r"p-value \(two-sided, .*\)",
        null="no correlation",
    ),
    "kendall_correlation": HowOutputsRead(
        estimates=(Reading(r"Kendall tau-b", "tau-b = {value}"),),
        test="the rank-correlation test",
        p_value=r"p-value \(two-sided, .*\)",
        null="no correlation",
    ),
    "cox_covariate": HowOutputsRead(
        estimates=(Reading(r"hazard ratio per unit of .*", "hazard ratio per unit {value}"),),
        test="the likelihood-ratio test",
        p_value=r"likelihood-ratio test p-value",
        null="a hazard ratio of 1",
        statistic=Reading(r"likelihood-ratio test statistic", "χ² = {value}"),
    ),
    "linear_regression": HowOutputsRead(
        estimates=(Reading(r"slope", "slope {value}"), Reading(r"R squared", "R² = {value}")),
        test="the test of the slope",
        p_value=r"p-value \(slope\)",
        null="a slope of zero",
    ),
    "logistic_regression": HowOutputsRead(
        estimates=(Reading(r"odds ratio per unit of x", "odds ratio per unit {value}"),),
        test="the likelihood-ratio test",
        p_value=r"p-value \(likelihood-ratio test\)",
        null="no association",
    ),
    "sample_size_t_test": HowOutputsRead(
        estimates=(
            Reading(r"n per group, rounded up", "{value} per group"),
            Reading(r"total n, rounded up", "{value} in total"),
        ),
    ),
    "power_two_proportions": HowOutputsRead(
        estimates=(Reading(r"power with n = (?P<label>\S+) per group \(normal approximation\)", "power {value}"),),
    ),
    "sample_size_two_proportions": HowOutputsRead(
        estimates=(
            Reading(r"n per group \(normal approximation\), rounded up", "{value} per group"),
            Reading(r"total n, rounded up", "{value} in total"),
        ),
    ),
    "power_t_test": HowOutputsRead(
        estimates=(Reading(r"power with (?P<label>\S+) per group \(noncentral t, exact\)", "power {value}"),),
    ),
    "p_value_adjustment": HowOutputsRead(
        estimates=(Reading(r"(?P<label>.+): number of tests significant at \S+", "{value} significant ({label})"),),
    ),
}
_HEADLINES = {
    "sample_size_t_test": "The sample size needed is {estimates}.",
    "sample_size_two_proportions": "The sample size needed is {estimates}.",
    "power_t_test": "The design has {estimates}.",
    "p_value_adjustment": "After adjustment, {estimates}.",
}


def printed_values(stdout: str) -> list[tuple[str, str]]:
    """The ``name = value`` lines of a recipe's output, in order."""
    return [(m.group("name").strip(), m.group("value").strip()) for m in _LINE.finditer(stdout)]


def _as_float(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _verdict(how: HowOutputsRead, values: list[tuple[str, str]]) -> str:
    p_text = next((v for n, v in values if re.fullmatch(how.p_value, n)), None)
    p = _as_float(p_text) if p_text is not None else None
    if not how.test or p_text is None or p is None:
        return ""
    statistic = next((r for n, v in values if how.statistic and (r := how.statistic.read(n, v))), None)
    shown = f"{statistic}, p = {p_text}" if statistic else f"p = {p_text}"
    decided = "rejects" if p < SIGNIFICANCE else "does not reject"
    return f"{how.test[0].upper()}{how.test[1:]} {decided} {how.null} ({shown})."


def finding(recipe: str, stdout: str) -> str | None:
    """One or two sentences stating the recipe's result, every number copied from ``stdout``; None when the
    recipe has no reading or its output lacks the lines the reading needs."""
    how = FINDINGS.get(recipe)
    if how is None:
        return None
    values = printed_values(stdout)
    estimates = [phrase for reading in how.estimates for name, value in values if (phrase := reading.read(name, value))]
    parts = []
    if estimates:
        headline = _HEADLINES.get(recipe, "{estimates}.")
        text = headline.format(estimates=", ".join(dict.fromkeys(estimates)))
        parts.append(text[0].upper() + text[1:])
    verdict = _verdict(how, values)
    if verdict:
        parts.append(verdict)
    sentence = " ".join(parts)
    return sentence if sentence and numbers_printed(sentence, stdout) else None


def numbers_printed(sentence: str, stdout: str) -> bool:
    """Every number in the sentence is written, as is, somewhere in the printed output."""
    printed = set(_NUMBER.findall(stdout))
    return all(number in printed for number in _NUMBER.findall(sentence))
