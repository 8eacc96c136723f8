"""Rank-based tests and a normality check: Mann–Whitney U, Wilcoxon signed-rank, Kruskal–Wallis, Shapiro–Wilk."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field, model_validator

from analysis.model import ParsedRequest
from analysis.reading.shapes import measurements, one_sample, paired_pair
from analysis.recipes.groups import GroupsArgs, args_from_named_table, describe_groups, fit_groups
from analysis.recipes.means import TwoSampleArgs, describe_pairs, describe_two_samples, directional, fit_two_sample
from analysis.recipes.protocol import DataAsRead, Fit, Recipe, preview


class SignedRankArgs(BaseModel):
    """Paired lists (``second`` given) or one list against a reference value ``mu``."""

    model_config = ConfigDict(frozen=True)

    label_first: str
    first: list[float] = Field(min_length=2)
    label_second: str | None = None
    second: list[float] | None = None
    mu: float = 0.0
    one_sided: bool = False  # also print both one-sided p-values

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


def describe_signed_rank(args: SignedRankArgs) -> DataAsRead:
    if args.second is not None:
        return describe_pairs(args.label_first, args.first, args.label_second or "second", args.second)
    return DataAsRead(
        title=f"one sample against the reference value {args.mu:g}",
        header=["sample", "n", "values"],
        rows=[[args.label_first, str(len(args.first)), preview(args.first)]],
    )


def describe_samples(args: NormalityArgs) -> DataAsRead:
    return DataAsRead(
        title="sample(s) to check",
        header=["sample", "n", "values"],
        rows=[
            [label, str(len(values)), preview(values)] for label, values in zip(args.labels, args.samples, strict=True)
        ],
    )


def fit_mann_whitney(parsed: ParsedRequest, roles: Sequence[str]) -> Fit[TwoSampleArgs] | None:
    fit = fit_two_sample(parsed, roles)
    return Fit(fit.args, fit.shape_score - 0.3, fit.reason, fit.used) if fit else None


def fit_signed_rank(parsed: ParsedRequest, roles: Sequence[str]) -> Fit[SignedRankArgs] | None:
    paired = paired_pair(parsed, roles)
    if paired is not None:
        (first, second), score = paired
        args = SignedRankArgs(
            label_first=first.label,
            first=list(first.values),
            label_second=second.label,
            second=list(second.values),
            one_sided=directional(parsed),
        )
        # below the paired t-test unless the wording asks for ranks (skewed, ordinal, "signed-rank")
        return Fit.of(args, score - 0.3, f"paired lists {first.label!r} and {second.label!r}", (first, second))
    single = one_sample(parsed, roles)
    if single is not None:
        item, mu = single
        args = SignedRankArgs(label_first=item.label, first=list(item.values), mu=mu, one_sided=directional(parsed))
        return Fit.of(args, 0.3, f"one list ({item.label!r}) against the reference value {mu:g}", [item])
    return None


def fit_kruskal(parsed: ParsedRequest, roles: Sequence[str]) -> Fit[GroupsArgs] | None:
    found = fit_groups(parsed, roles)
    if found is None:
        return None
    args, sources = found
    score = (0.3 if len(args.groups) >= 3 else 0.05) - (0.3 if args_from_named_table(parsed, args) else 0)
    reason = f"{len(args.groups)} independent groups: " + ", ".join(repr(x) for x in args.labels)
    return Fit.of(args, score, reason, sources)


def fit_shapiro(parsed: ParsedRequest, roles: Sequence[str]) -> Fit[NormalityArgs] | None:
    lists = [item for item in measurements(parsed) if len(item.values) >= 3]
    if roles and any(roles):
        lists = [item for item in lists if item.label in roles]
    if not lists:
        return None
    args = NormalityArgs(labels=[i.label for i in lists], samples=[list(i.values) for i in lists])
    return Fit.of(args, 0.15, f"{len(lists)} sample(s) to check: " + ", ".join(repr(i.label) for i in lists), lists)


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
    script="mann_whitney_u.py",
    fit=fit_mann_whitney,
    describe=describe_two_samples,
    implements=frozenset({"mann_whitney", "wilcoxon"}),
    needs="two independent groups of values",
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
    script="wilcoxon_signed_rank.py",
    fit=fit_signed_rank,
    describe=describe_signed_rank,
    implements=frozenset({"signed_rank", "wilcoxon"}),
    needs="two paired lists of the same length, or one list and a reference value",
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
    script="kruskal_wallis.py",
    fit=fit_kruskal,
    describe=describe_groups,
    implements=frozenset({"kruskal_wallis"}),
    needs="at least two (usually three or more) independent groups of values",
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
    script="shapiro_wilk.py",
    fit=fit_shapiro,
    describe=describe_samples,
    implements=frozenset({"shapiro_wilk"}),
    needs="a sample of at least three values",
    cue_weights=(("normality", 0.8),),
)
