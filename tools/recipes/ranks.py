"""Rank-based tests and a normality check: Mann–Whitney U, Wilcoxon signed-rank, Kruskal–Wallis, Shapiro–Wilk."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field, model_validator

from tools.recipes import codegen
from tools.recipes.groups import GroupsArgs, args_from_named_table, fit_groups, groups_data
from tools.recipes.means import TwoSampleArgs, fit_two_sample
from tools.recipes.protocol import Fit, ParsedRequest, Recipe
from tools.recipes.shapes import measurements, one_sample, paired_pair

_NUMPY_SCIPY = ("import numpy as np", "from scipy import stats")


class SignedRankArgs(BaseModel):
    """Paired lists (``second`` given) or one list against a reference value ``mu``."""

    model_config = ConfigDict(frozen=True)

    label_first: str
    first: list[float] = Field(min_length=2)
    label_second: str | None = None
    second: list[float] | None = None
    mu: float = 0.0

    @model_validator(mode="after")
    def _paired_lengths_match(self) -> SignedRankArgs:
        if self.second is not None and len(self.second) != len(self.first):
            raise ValueError("paired lists must have one value per pair")
        return self


class NormalityArgs(BaseModel):
    model_config = ConfigDict(frozen=True)

    labels: list[str] = Field(min_length=1)
    samples: list[list[float]] = Field(min_length=1)

    @model_validator(mode="after")
    def _enough_values(self) -> NormalityArgs:
        if len(self.labels) != len(self.samples) or any(len(s) < 3 for s in self.samples):
            raise ValueError("Shapiro-Wilk needs at least three values per sample")
        return self


def render_mann_whitney(args: TwoSampleArgs) -> str:
    body = f"""# Data from the request
label_a = {codegen.text(args.label_a)}
group_a = np.array({codegen.numbers(args.values_a)}, dtype=float)
label_b = {codegen.text(args.label_b)}
group_b = np.array({codegen.numbers(args.values_b)}, dtype=float)

print("Mann-Whitney U test (Wilcoxon rank-sum test), two-sided")
for label, values in ((label_a, group_a), (label_b, group_b)):
    report(f"n ({{label}})", len(values))
    report(f"median ({{label}})", np.median(values))

# method="auto": an exact p-value for small samples without ties, else the normal approximation
# with a tie correction (scipy's default, which matches R's wilcox.test up to its continuity correction)
result = stats.mannwhitneyu(group_a, group_b, alternative="two-sided")
report(f"U statistic ({{label_a}})", result.statistic)
report(f"U statistic ({{label_b}})", len(group_a) * len(group_b) - result.statistic)
report("p-value (two-sided)", result.pvalue)
if len(np.unique(np.concatenate([group_a, group_b]))) == len(group_a) + len(group_b):
    # without ties the exact distribution is available at any size (R's wilcox.test uses it below n = 50)
    exact = stats.mannwhitneyu(group_a, group_b, alternative="two-sided", method="exact")
    report("p-value (two-sided, exact)", exact.pvalue)
# Probability of superiority: P(a value from the first group exceeds one from the second), ties half
report(f"probability of superiority ({{label_a}} > {{label_b}})", result.statistic / (len(group_a) * len(group_b)))
"""
    return codegen.script(
        "Mann-Whitney U test: do two independent groups differ in location (rank-based)?", _NUMPY_SCIPY, body
    )


def render_signed_rank(args: SignedRankArgs) -> str:
    if args.second is not None:
        data = f"""# Data from the request: one value per subject in each list, in the same order
label_first = {codegen.text(args.label_first)}
first = np.array({codegen.numbers(args.first)}, dtype=float)
label_second = {codegen.text(args.label_second or "second")}
second = np.array({codegen.numbers(args.second)}, dtype=float)
differences = first - second
print(f"Wilcoxon signed-rank test on the paired differences ({{label_first}} - {{label_second}}), two-sided")
"""
    else:
        data = f"""# Data from the request
values = np.array({codegen.numbers(args.first)}, dtype=float)
mu = {codegen.number(args.mu)}  # the reference value for the median
differences = values - mu
print(f"Wilcoxon signed-rank test against the reference value {{mu:g}}, two-sided")
"""
    body = (
        data
        + """report("n pairs", len(differences))
report("median difference", np.median(differences))

# zero_method="wilcox" drops zero differences; exact p-values for small samples without ties
result = stats.wilcoxon(differences)
nonzero = differences[differences != 0]
ranks = stats.rankdata(np.abs(nonzero))
report("W statistic (smaller signed-rank sum, scipy)", result.statistic)
report("V statistic (sum of positive ranks, as in R)", ranks[nonzero > 0].sum())
report("p-value (two-sided)", result.pvalue)
"""
    )
    return codegen.script("Wilcoxon signed-rank test: are paired differences centred on zero?", _NUMPY_SCIPY, body)


def render_kruskal(args: GroupsArgs) -> str:
    body = (
        groups_data(args)
        + """
print("Kruskal-Wallis H test (rank-based one-way comparison of several groups)")
for label, values in groups.items():
    report(f"n ({label})", len(values))
    report(f"median ({label})", np.median(values))

result = stats.kruskal(*groups.values())  # H is corrected for ties
report("H statistic", result.statistic)
report("degrees of freedom", len(groups) - 1)
report("p-value", result.pvalue)
"""
    )
    return codegen.script("Kruskal-Wallis test: do several independent groups differ?", _NUMPY_SCIPY, body)


def render_shapiro(args: NormalityArgs) -> str:
    entries = "\n".join(
        f"    {codegen.text(label)}: np.array({codegen.numbers(values, indent=4)}, dtype=float),"
        for label, values in zip(args.labels, args.samples, strict=True)
    )
    body = f"""# Data from the request
samples = {{
{entries}
}}

print("Shapiro-Wilk test of normality (H0: the sample comes from a normal distribution)")
for label, values in samples.items():
    result = stats.shapiro(values)
    suffix = f" ({{label}})" if len(samples) > 1 else ""
    report(f"n{{suffix}}", len(values))
    report(f"W statistic{{suffix}}", result.statistic)
    report(f"p-value{{suffix}}", result.pvalue)
"""
    return codegen.script("Shapiro-Wilk test: are the data consistent with a normal distribution?", _NUMPY_SCIPY, body)


def fit_mann_whitney(parsed: ParsedRequest, roles: Sequence[str]) -> Fit[TwoSampleArgs] | None:
    fit = fit_two_sample(parsed, roles)
    return Fit(fit.args, fit.shape_score - 0.3, fit.reason) if fit else None


def fit_signed_rank(parsed: ParsedRequest, roles: Sequence[str]) -> Fit[SignedRankArgs] | None:
    paired = paired_pair(parsed, roles)
    if paired is not None:
        (first, second), score = paired
        args = SignedRankArgs(
            label_first=first.label, first=list(first.values), label_second=second.label, second=list(second.values)
        )
        # below the paired t-test unless the wording asks for ranks (skewed, ordinal, "signed-rank")
        return Fit(args, score - 0.3, f"paired lists {first.label!r} and {second.label!r}")
    single = one_sample(parsed, roles)
    if single is not None:
        item, mu = single
        args = SignedRankArgs(label_first=item.label, first=list(item.values), mu=mu)
        return Fit(args, 0.3, f"one list ({item.label!r}) against the reference value {mu:g}")
    return None


def fit_kruskal(parsed: ParsedRequest, roles: Sequence[str]) -> Fit[GroupsArgs] | None:
    args = fit_groups(parsed, roles)
    if args is None:
        return None
    score = (0.3 if len(args.groups) >= 3 else 0.05) - (0.3 if args_from_named_table(parsed, args) else 0)
    return Fit(args, score, f"{len(args.groups)} independent groups: " + ", ".join(repr(x) for x in args.labels))


def fit_shapiro(parsed: ParsedRequest, roles: Sequence[str]) -> Fit[NormalityArgs] | None:
    lists = [item for item in measurements(parsed) if len(item.values) >= 3]
    if roles and any(roles):
        lists = [item for item in lists if item.label in roles]
    if not lists:
        return None
    args = NormalityArgs(labels=[i.label for i in lists], samples=[list(i.values) for i in lists])
    return Fit(args, 0.15, f"{len(lists)} sample(s) to check: " + ", ".join(repr(i.label) for i in lists))


MANN_WHITNEY: Recipe[TwoSampleArgs] = Recipe(
    name="mann_whitney_u",
    title="Mann–Whitney U test",
    summary="The Mann–Whitney U (Wilcoxon rank-sum) test compares two independent groups using ranks, "
    "without assuming normality.",
    keywords=("Mann-Whitney", "rank-sum", "non-parametric", "two groups", "medians", "ordinal"),
    references=("starter:mann1947", "starter:wilcoxon1945"),
    assumptions=(
        "Observations are independent; the test detects a shift in distribution, which equals a difference "
        "in medians only when both groups have the same shape.",
    ),
    args_model=TwoSampleArgs,
    render=render_mann_whitney,
    fit=fit_mann_whitney,
    cue_weights=(
        ("nonparametric", 0.55),
        ("mann_whitney", 0.8),
        ("paired", -0.2),
        ("correlation", -0.4),
        ("survival", -0.2),
    ),
    roles=("first group", "second group"),
)

SIGNED_RANK: Recipe[SignedRankArgs] = Recipe(
    name="wilcoxon_signed_rank",
    title="Wilcoxon signed-rank test",
    summary="The Wilcoxon signed-rank test compares paired measurements (or one sample with a reference value) "
    "using the ranks of the differences.",
    keywords=("Wilcoxon", "signed-rank", "paired", "non-parametric"),
    references=("starter:wilcoxon1945",),
    assumptions=(
        "Pairs are independent and the differences are roughly symmetric about their median; zero differences "
        "are dropped.",
    ),
    args_model=SignedRankArgs,
    render=render_signed_rank,
    fit=fit_signed_rank,
    cue_weights=(
        ("paired", 0.5),
        ("nonparametric", 0.55),
        ("signed_rank", 0.8),
        ("one_sample", 0.2),
        ("correlation", -0.4),
    ),
    roles=("first measurement", "second measurement"),
)

KRUSKAL: Recipe[GroupsArgs] = Recipe(
    name="kruskal_wallis",
    title="Kruskal–Wallis test",
    summary="The Kruskal–Wallis test compares three or more independent groups using ranks, a non-parametric "
    "analogue of one-way ANOVA.",
    keywords=("Kruskal-Wallis", "non-parametric", "several groups", "ranks"),
    references=("starter:kruskal1952",),
    assumptions=("Observations are independent; a significant result does not say which groups differ.",),
    args_model=GroupsArgs,
    render=render_kruskal,
    fit=fit_kruskal,
    cue_weights=(("nonparametric", 0.55), ("kruskal", 0.8)),
)

SHAPIRO: Recipe[NormalityArgs] = Recipe(
    name="shapiro_wilk",
    title="Shapiro–Wilk normality test",
    summary="The Shapiro–Wilk test checks whether a sample is consistent with a normal distribution.",
    keywords=("normality", "Shapiro-Wilk", "normal distribution", "assumption check"),
    references=("starter:shapiro1965",),
    assumptions=(
        "In small samples the test has little power, and in large samples it flags trivial departures; "
        "read it beside a Q-Q plot.",
    ),
    args_model=NormalityArgs,
    render=render_shapiro,
    fit=fit_shapiro,
    cue_weights=(("normality", 0.8),),
)
