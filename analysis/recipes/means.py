"""Comparisons of means: Welch and Student two-sample t-tests, paired and one-sample t-tests."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field, model_validator

from analysis.model import ParsedRequest
from analysis.reading.shapes import one_sample, paired_pair, rows_of_named_table, two_groups
from analysis.recipes.protocol import DataAsRead, Fit, Recipe, preview


class TwoSampleArgs(BaseModel):
    model_config = ConfigDict(frozen=True)

    label_a: str
    values_a: list[float] = Field(min_length=2)
    label_b: str
    values_b: list[float] = Field(min_length=2)
    equal_var: bool = False
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


def describe_two_samples(args: TwoSampleArgs) -> DataAsRead:
    return DataAsRead(
        title="two independent groups",
        header=["group", "n", "values"],
        rows=[
            [args.label_a, str(len(args.values_a)), preview(args.values_a)],
            [args.label_b, str(len(args.values_b)), preview(args.values_b)],
        ],
    )


def describe_pairs(first_label: str, first: Sequence[float], second_label: str, second: Sequence[float]) -> DataAsRead:
    return DataAsRead(
        title=f"{len(first)} pairs (differences: {first_label} - {second_label})",
        header=["", "values"],
        rows=[[first_label, preview(first)], [second_label, preview(second)]],
    )


def describe_paired(args: PairedArgs) -> DataAsRead:
    return describe_pairs(args.label_first, args.first, args.label_second, args.second)


def describe_one_sample(args: OneSampleArgs) -> DataAsRead:
    return DataAsRead(
        title=f"one sample against the reference value {args.mu:g}",
        header=["sample", "n", "values"],
        rows=[[args.label, str(len(args.values)), preview(args.values)]],
    )


def directional(parsed: ParsedRequest) -> bool:
    """A one-sided or directional question ("is it greater than…"): print one-sided p-values too."""
    return parsed.has("one_sided") or parsed.has("direction")


def fit_two_sample(parsed: ParsedRequest, roles: Sequence[str], equal_var: bool = False) -> Fit[TwoSampleArgs] | None:
    pair = two_groups(parsed, roles)
    if pair is None:
        return None
    a, b = pair
    args = TwoSampleArgs(
        label_a=a.label,
        values_a=list(a.values),
        label_b=b.label,
        values_b=list(b.values),
        equal_var=equal_var,
        conf_level=parsed.scalars.get("conf_level", 0.95),
        one_sided=directional(parsed),
    )
    score = 0.6 - (0.3 if rows_of_named_table(parsed, [a, b]) else 0)
    reason = f"two independent groups: {a.label!r} (n={len(a.values)}) and {b.label!r} (n={len(b.values)})"
    return Fit.of(args, score, reason, pair)


def fit_student(parsed: ParsedRequest, roles: Sequence[str]) -> Fit[TwoSampleArgs] | None:
    fit = fit_two_sample(parsed, roles, equal_var=True)
    return Fit(fit.args, fit.shape_score - 0.3, fit.reason, fit.used) if fit else None


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
    reason = f"two lists of equal length ({len(first.values)}): {first.label!r} and {second.label!r}"
    return Fit.of(args, score, reason, (first, second))


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
    # a reference value written as such ("H0 = 1000", "mu = 5") says one sample, whatever else a table holds
    score = 0.8 if "mu" in parsed.scalars else 0.6
    return Fit.of(args, score, f"one list ({item.label!r}, n={len(item.values)}) and a reference value {mu:g}", [item])


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
    script="two_sample_t.py",
    fit=fit_two_sample,
    describe=describe_two_samples,
    implements=frozenset({"t_test", "welch_t_test"}),
    needs="two independent groups with at least two values each",
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
    script="two_sample_t.py",
    fit=fit_student,
    describe=describe_two_samples,
    implements=frozenset({"t_test", "student_t_test"}),
    needs="two independent groups with at least two values each",
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
    script="paired_t.py",
    fit=fit_paired,
    describe=describe_paired,
    implements=frozenset({"t_test", "paired_t_test"}),
    needs="two lists of the same length, one value per subject in each, in the same order",
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
    script="one_sample_t.py",
    fit=fit_one_sample,
    describe=describe_one_sample,
    implements=frozenset({"t_test", "one_sample_t_test"}),
    needs='one list of values and a reference value to test against (for example "mu = 100")',
    cue_weights=(("one_sample", 0.3), ("t_test", 0.1)),
    roles=("sample",),
)
