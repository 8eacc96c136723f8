"""Comparisons of means: Welch and Student two-sample t-tests, paired and one-sample t-tests."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field, model_validator

from tools.recipes import codegen
from tools.recipes.protocol import Fit, ParsedRequest, Recipe
from tools.recipes.shapes import one_sample, paired_pair, rows_of_named_table, two_groups

_NUMPY_SCIPY = ("import numpy as np", "from scipy import stats")


class TwoSampleArgs(BaseModel):
    model_config = ConfigDict(frozen=True)

    label_a: str
    values_a: list[float] = Field(min_length=2)
    label_b: str
    values_b: list[float] = Field(min_length=2)
    conf_level: float = Field(0.95, gt=0.5, lt=1)
    one_sided: bool = False  # also print both one-sided p-values


class PairedArgs(BaseModel):
    model_config = ConfigDict(frozen=True)

    label_first: str
    first: list[float] = Field(min_length=2)
    label_second: str
    second: list[float] = Field(min_length=2)
    conf_level: float = Field(0.95, gt=0.5, lt=1)
    one_sided: bool = False  # also print both one-sided p-values

    @model_validator(mode="after")
    def _same_length(self) -> PairedArgs:
        if len(self.first) != len(self.second):
            raise ValueError("paired lists must have one value per pair")
        return self


class OneSampleArgs(BaseModel):
    model_config = ConfigDict(frozen=True)

    label: str
    values: list[float] = Field(min_length=2)
    mu: float
    conf_level: float = Field(0.95, gt=0.5, lt=1)
    one_sided: bool = False  # also print both one-sided p-values


def ci_label(conf_level: float) -> str:
    return f"{conf_level * 100:g}% CI"


def _two_sample_data(args: TwoSampleArgs) -> str:
    return (
        "# Data from the request\n"
        f"label_a = {codegen.text(args.label_a)}\n"
        f"group_a = np.array({codegen.numbers(args.values_a)}, dtype=float)\n"
        f"label_b = {codegen.text(args.label_b)}\n"
        f"group_b = np.array({codegen.numbers(args.values_b)}, dtype=float)\n"
    )


_DESCRIBE_TWO = """
for label, values in ((label_a, group_a), (label_b, group_b)):
    report(f"n ({label})", len(values))
    report(f"mean ({label})", values.mean())
    report(f"SD ({label})", values.std(ddof=1))
"""

_COHENS_D = """
# Cohen's d with the pooled SD: a standardised effect size to report beside the test
n_a, n_b = len(group_a), len(group_b)
pooled_sd = np.sqrt(((n_a - 1) * group_a.var(ddof=1) + (n_b - 1) * group_b.var(ddof=1)) / (n_a + n_b - 2))
report("Cohen's d", (group_a.mean() - group_b.mean()) / pooled_sd)
"""


def one_sided_lines(call_with_alternative: str, left: str, right: str) -> str:
    """Both one-sided p-values, printed when the request asks a directional question ("greater than")."""
    return f"""
# One-sided alternatives in both directions: use the one stated before seeing the data
for alternative, sign in (("greater", ">"), ("less", "<")):
    one_sided = {call_with_alternative}
    report(f"one-sided p-value (H1: {left} {{sign}} {right})", one_sided.pvalue)
"""


def render_two_sample(args: TwoSampleArgs, equal_var: bool) -> str:
    name = (
        "Student's t-test (pooled variance, equal variances assumed)"
        if equal_var
        else ("Welch's t-test (unequal variances)")
    )
    call = f"stats.ttest_ind(group_a, group_b, equal_var={equal_var})"
    ci = ci_label(args.conf_level)
    body = (
        _two_sample_data(args)
        + f'\nprint("{name}, two-sided")\n'
        + _DESCRIBE_TWO
        + f"""
result = {call}
ci = result.confidence_interval(confidence_level={args.conf_level})
report(f"mean difference ({{label_a}} - {{label_b}})", group_a.mean() - group_b.mean())
report("{ci} of the difference, lower", ci.low)
report("{ci} of the difference, upper", ci.high)
report("t statistic", result.statistic)
report("degrees of freedom", result.df)
report("p-value (two-sided)", result.pvalue)
"""
        + _COHENS_D
        + _other_variant(equal_var)
        + (
            one_sided_lines(call.replace(")", ", alternative=alternative)"), "mean {label_a}", "mean {label_b}")
            if args.one_sided
            else ""
        )
    )
    return codegen.script(f"{name}: do the means of two independent groups differ?", _NUMPY_SCIPY, body)


def _other_variant(equal_var: bool) -> str:
    """The other t-test, labelled as such, so a reader can see how much the variance assumption matters."""
    name = "Welch, unequal variances" if equal_var else "Student, pooled variance"
    return f"""
# For comparison only: the same test under the other variance assumption
other = stats.ttest_ind(group_a, group_b, equal_var={not equal_var})
report("t statistic ({name}, for comparison)", other.statistic)
report("degrees of freedom ({name}, for comparison)", other.df)
report("p-value ({name}, for comparison)", other.pvalue)
"""


def render_welch(args: TwoSampleArgs) -> str:
    return render_two_sample(args, equal_var=False)


def render_student(args: TwoSampleArgs) -> str:
    return render_two_sample(args, equal_var=True)


def render_paired(args: PairedArgs) -> str:
    ci = ci_label(args.conf_level)
    body = f"""# Data from the request: one value per subject in each list, in the same order
label_first = {codegen.text(args.label_first)}
first = np.array({codegen.numbers(args.first)}, dtype=float)
label_second = {codegen.text(args.label_second)}
second = np.array({codegen.numbers(args.second)}, dtype=float)
differences = first - second

print("Paired t-test on the within-pair differences (first - second), two-sided")
report("n pairs", len(differences))
report(f"mean ({{label_first}})", first.mean())
report(f"mean ({{label_second}})", second.mean())
report(f"mean difference ({{label_first}} - {{label_second}})", differences.mean())
report("SD of the differences", differences.std(ddof=1))

result = stats.ttest_rel(first, second)
ci = result.confidence_interval(confidence_level={args.conf_level})
report("{ci} of the mean difference, lower", ci.low)
report("{ci} of the mean difference, upper", ci.high)
report("t statistic", result.statistic)
report("degrees of freedom", result.df)
report("p-value (two-sided)", result.pvalue)
# Cohen's dz: the mean difference in units of the SD of the differences
report("Cohen's dz", differences.mean() / differences.std(ddof=1))
"""
    if args.one_sided:
        body += one_sided_lines(
            "stats.ttest_rel(first, second, alternative=alternative)", "mean {label_first}", "mean {label_second}"
        )
    return codegen.script("Paired t-test: did the mean change within pairs?", _NUMPY_SCIPY, body)


def render_one_sample(args: OneSampleArgs) -> str:
    ci = ci_label(args.conf_level)
    body = f"""# Data from the request
label = {codegen.text(args.label)}
values = np.array({codegen.numbers(args.values)}, dtype=float)
mu = {codegen.number(args.mu)}  # the reference value the mean is tested against

print(f"One-sample t-test against the reference value {{mu:g}}, two-sided")
report("n", len(values))
report("mean", values.mean())
report("SD", values.std(ddof=1))
report("mean - reference value", values.mean() - mu)

result = stats.ttest_1samp(values, popmean=mu)
ci = result.confidence_interval(confidence_level={args.conf_level})
report("{ci} of the mean, lower", ci.low)
report("{ci} of the mean, upper", ci.high)
report("t statistic", result.statistic)
report("degrees of freedom", result.df)
report("p-value (two-sided)", result.pvalue)
"""
    if args.one_sided:
        body += one_sided_lines("stats.ttest_1samp(values, popmean=mu, alternative=alternative)", "mean", "{mu:g}")
    return codegen.script("One-sample t-test: does the mean differ from a reference value?", _NUMPY_SCIPY, body)


def directional(parsed: ParsedRequest) -> bool:
    """A one-sided or directional question ("is it greater than…"): print one-sided p-values too."""
    return parsed.has("one_sided") or parsed.has("direction")


def fit_two_sample(parsed: ParsedRequest, roles: Sequence[str]) -> Fit[TwoSampleArgs] | None:
    pair = two_groups(parsed, roles)
    if pair is None:
        return None
    a, b = pair
    args = TwoSampleArgs(
        label_a=a.label,
        values_a=list(a.values),
        label_b=b.label,
        values_b=list(b.values),
        conf_level=parsed.scalars.get("conf_level", 0.95),
        one_sided=directional(parsed),
    )
    score = 0.6 - (0.3 if rows_of_named_table(parsed, [a, b]) else 0)
    reason = f"two independent groups: {a.label!r} (n={len(a.values)}) and {b.label!r} (n={len(b.values)})"
    return Fit(args, score, reason)


def fit_student(parsed: ParsedRequest, roles: Sequence[str]) -> Fit[TwoSampleArgs] | None:
    fit = fit_two_sample(parsed, roles)
    return Fit(fit.args, fit.shape_score - 0.3, fit.reason) if fit else None


def fit_paired(parsed: ParsedRequest, roles: Sequence[str]) -> Fit[PairedArgs] | None:
    found = paired_pair(parsed, roles)
    if found is None:
        return None
    (first, second), score = found
    args = PairedArgs(
        label_first=first.label,
        first=list(first.values),
        label_second=second.label,
        second=list(second.values),
        conf_level=parsed.scalars.get("conf_level", 0.95),
        one_sided=directional(parsed),
    )
    return Fit(args, score, f"two lists of equal length ({len(first.values)}): {first.label!r} and {second.label!r}")


def fit_one_sample(parsed: ParsedRequest, roles: Sequence[str]) -> Fit[OneSampleArgs] | None:
    found = one_sample(parsed, roles)
    if found is None:
        return None
    item, mu = found
    args = OneSampleArgs(
        label=item.label,
        values=list(item.values),
        mu=mu,
        conf_level=parsed.scalars.get("conf_level", 0.95),
        one_sided=directional(parsed),
    )
    return Fit(args, 0.6, f"one list ({item.label!r}, n={len(item.values)}) and a reference value {mu:g}")


_TWO_SAMPLE_ASSUMPTIONS = (
    "Observations are independent within and between the two groups.",
    "The t-test compares means; with small samples it relies on roughly normal data within each group.",
)

WELCH: Recipe[TwoSampleArgs] = Recipe(
    name="welch_t_test",
    title="Welch's two-sample t-test",
    summary="Welch's two-sample t-test compares the means of two independent groups without assuming equal variances.",
    keywords=("t-test", "two groups", "unequal variances", "compare means", "independent samples"),
    references=("starter:welch1947",),
    assumptions=_TWO_SAMPLE_ASSUMPTIONS,
    args_model=TwoSampleArgs,
    render=render_welch,
    fit=fit_two_sample,
    cue_weights=(("t_test", 0.1), ("welch", 0.8), ("paired", -0.1), ("survival", -0.2)),
    roles=("first group", "second group"),
)

STUDENT: Recipe[TwoSampleArgs] = Recipe(
    name="student_t_test",
    title="Student's two-sample t-test (pooled variance)",
    summary="Student's two-sample t-test compares the means of two independent groups assuming a common variance.",
    keywords=("t-test", "pooled variance", "equal variances", "compare means"),
    references=("starter:welch1947",),
    assumptions=(*_TWO_SAMPLE_ASSUMPTIONS, "Both groups share one variance; if not, Welch's test is safer."),
    args_model=TwoSampleArgs,
    render=render_student,
    fit=fit_student,
    cue_weights=(("t_test", 0.1), ("equal_var", 0.7)),
    roles=("first group", "second group"),
)

PAIRED_T: Recipe[PairedArgs] = Recipe(
    name="paired_t_test",
    title="Paired t-test",
    summary="The paired t-test tests whether the mean of within-pair differences (such as after minus before) is zero.",
    keywords=("paired", "before and after", "matched", "repeated measures", "t-test"),
    references=(),
    assumptions=(
        "Each value in the first list is paired with the value in the same position of the second list.",
        "Pairs are independent of each other and the differences are roughly normal.",
    ),
    args_model=PairedArgs,
    render=render_paired,
    fit=fit_paired,
    cue_weights=(("paired", 0.5), ("t_test", 0.1)),
    roles=("first measurement", "second measurement"),
)

ONE_SAMPLE_T: Recipe[OneSampleArgs] = Recipe(
    name="one_sample_t_test",
    title="One-sample t-test",
    summary="The one-sample t-test tests whether the mean of one sample differs from a reference value.",
    keywords=("one-sample", "reference value", "hypothesised mean", "t-test"),
    references=(),
    assumptions=("Observations are independent and roughly normal; the reference value was fixed in advance.",),
    args_model=OneSampleArgs,
    render=render_one_sample,
    fit=fit_one_sample,
    cue_weights=(("one_sample", 0.3), ("t_test", 0.1)),
    roles=("sample",),
)
