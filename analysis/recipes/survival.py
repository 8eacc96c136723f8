"""Survival analysis with lifelines: Kaplan–Meier curves and medians, the log-rank test, Cox regression on group."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field, model_validator

from analysis.model import DataList, ParsedRequest, distinct_labels
from analysis.reading.scalars import time_points
from analysis.reading.survival import SurvivalGroup, survival_groups
from analysis.recipes.protocol import DataAsRead, Fit, Recipe, preview


class SurvivalArgs(BaseModel):
    model_config = ConfigDict(frozen=True)

    groups: list[SurvivalGroup] = Field(min_length=1)
    time_points: list[float] = []  # report S(t) at each time the request asked for
    conf_level: float = Field(0.95, gt=0.5, lt=1)
    coding: str = Field("", exclude=True)  # how events were read ("status 2 = dead, 1 = censored"), for the reader
    log_rank: bool = False  # the script also tests the groups against each other

    @model_validator(mode="after")
    def _distinct_groups(self) -> SurvivalArgs:
        if len({g.label for g in self.groups}) != len(self.groups):
            raise ValueError("group labels must differ")
        return self


class ComparisonArgs(SurvivalArgs):
    log_rank: bool = True

    @model_validator(mode="after")
    def _two_or_more(self) -> ComparisonArgs:
        if len(self.groups) < 2:
            raise ValueError("a comparison needs at least two groups")
        return self


def describe_survival(args: SurvivalArgs) -> DataAsRead:
    rows = [
        [
            group.label,
            str(len(group.times)),
            str(sum(group.events)),
            str(len(group.events) - sum(group.events)),
            preview(group.times, [event == 0 for event in group.events]),
        ]
        for group in args.groups
    ]
    return DataAsRead(
        title=f"survival times in {len(args.groups)} group(s)",
        header=["group", "n", "events", "censored", "times (+ = censored)"],
        rows=rows,
        notes=[args.coding] if args.coding else [],
    )


def _survival_args(
    parsed: ParsedRequest, model: type[SurvivalArgs]
) -> tuple[SurvivalArgs, str, tuple[DataList, ...]] | None:
    found = survival_groups(parsed)
    if found is None:
        return None
    labels = distinct_labels([g.label for g in found.groups])
    groups = [g.model_copy(update={"label": label}) for g, label in zip(found.groups, labels, strict=True)]
    if model is ComparisonArgs and len(groups) < 2:
        return None
    args = model(
        groups=groups,
        time_points=[
            t
            for t, _ in time_points(
                parsed.text, parsed.scalars.get("time_point"), parsed.scalar_spans.get("time_point")
            )
        ],
        conf_level=parsed.scalars.get("conf_level", 0.95),
        coding=found.coding,
    )
    return args, found.reason, found.sources


def fit_kaplan_meier(parsed: ParsedRequest, roles: Sequence[str]) -> Fit[SurvivalArgs] | None:
    del roles
    found = _survival_args(parsed, SurvivalArgs)
    if found is None:
        return None
    args, reason, sources = found
    return Fit.of(args, 0.6 if len(args.groups) == 1 else 0.35, reason, sources)


def fit_log_rank(parsed: ParsedRequest, roles: Sequence[str]) -> Fit[ComparisonArgs] | None:
    del roles
    found = _survival_args(parsed, ComparisonArgs)
    if found is None or not isinstance(found[0], ComparisonArgs):
        return None
    return Fit.of(found[0], 0.6, found[1], found[2])


def fit_cox(parsed: ParsedRequest, roles: Sequence[str]) -> Fit[ComparisonArgs] | None:
    del roles
    found = _survival_args(parsed, ComparisonArgs)
    if found is None or not isinstance(found[0], ComparisonArgs):
        return None
    return Fit.of(found[0], 0.3, found[1], found[2])


_CENSORING = "Censoring is non-informative: subjects censored are like those still followed."

KAPLAN_MEIER: Recipe[SurvivalArgs] = Recipe(
    name="kaplan_meier",
    title="Kaplan–Meier survival estimate",
    summary="The Kaplan–Meier product-limit estimator estimates the survival function from right-censored "
    "times, giving median survival and survival probabilities with Greenwood confidence intervals.",
    keywords=("Kaplan-Meier", "survival curve", "median survival", "censored", "time to event"),
    references=("starter:kaplan1958",),
    assumptions=(_CENSORING, "Estimates in the tail, where few subjects remain at risk, are imprecise."),
    args_model=SurvivalArgs,
    script="kaplan_meier.py",
    fit=fit_kaplan_meier,
    describe=describe_survival,
    implements=frozenset({"kaplan_meier", "median_survival"}),
    headline="kaplan_meier",
    needs='survival times with their censoring (for example "6, 9+, 10" or time and status columns)',
    cue_weights=(("kaplan_meier", 0.5), ("median_survival", 0.3), ("survival", 0.2)),
)

LOG_RANK: Recipe[ComparisonArgs] = Recipe(
    name="log_rank",
    title="Log-rank test",
    summary="The log-rank test compares survival curves between groups by combining observed and expected "
    "events at each event time.",
    keywords=("log-rank", "compare survival", "Mantel-Cox", "time to event"),
    references=("starter:mantel1966", "starter:peto1972"),
    assumptions=(_CENSORING, "The test is most powerful when hazards are proportional; crossing curves weaken it."),
    args_model=ComparisonArgs,
    script="kaplan_meier.py",
    fit=fit_log_rank,
    describe=describe_survival,
    implements=frozenset({"log_rank", "kaplan_meier", "median_survival"}),
    headline="log_rank",
    needs="survival times with their censoring for at least two groups",
    cue_weights=(("log_rank", 0.6), ("survival", 0.2)),
)

COX: Recipe[ComparisonArgs] = Recipe(
    name="cox_regression",
    title="Cox proportional hazards regression",
    summary="Cox proportional hazards regression estimates the hazard ratio between groups from the partial "
    "likelihood, without modelling the baseline hazard.",
    keywords=("Cox", "hazard ratio", "proportional hazards", "survival regression"),
    references=("starter:cox1972", "starter:efron1977", "starter:grambsch1994"),
    assumptions=(
        _CENSORING,
        "Hazards are proportional over time (check with scaled Schoenfeld residuals); ties use Efron's method.",
    ),
    args_model=ComparisonArgs,
    script="cox_regression.py",
    fit=fit_cox,
    describe=describe_survival,
    implements=frozenset({"cox", "hazard_ratio", "log_rank"}),
    headline="cox",
    needs="survival times with their censoring for at least two groups",
    cue_weights=(("cox", 0.9), ("survival", 0.2)),
)
