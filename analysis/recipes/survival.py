"""Survival analysis with lifelines: Kaplan–Meier curves and medians, the log-rank test, Cox regression on group
or on one measured covariate."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field, model_validator

from analysis.model import DataList, ParsedRequest, distinct_labels
from analysis.reading.scalars import time_points
from analysis.reading.survival import SurvivalGroup, covariate_survival, measured_covariates, survival_groups
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


class CovariateArgs(BaseModel):
    """One subject per position: a time, its event flag (1 = event) and the covariate measured on it."""

    model_config = ConfigDict(frozen=True)

    times: list[float] = Field(min_length=3)
    events: list[int] = Field(min_length=3)
    covariate_label: str
    covariate: list[float] = Field(min_length=3)
    conf_level: float = Field(0.95, gt=0.5, lt=1)
    coding: str = Field("", exclude=True)

    @model_validator(mode="after")
    def _one_row_per_subject(self) -> CovariateArgs:
        if not len(self.times) == len(self.events) == len(self.covariate):
            raise ValueError("one time, event and covariate value per subject")
        if any(t < 0 for t in self.times) or set(self.events) - {0, 1} or sum(self.events) == 0:
            raise ValueError("times must be non-negative and events 0/1 with at least one event")
        if len(set(self.covariate)) < 2:
            raise ValueError("the covariate must vary")
        return self


def describe_covariate(args: CovariateArgs) -> DataAsRead:
    rows = [
        [f"{t:g}{'' if e else '+'}", f"{x:g}"] for t, e, x in zip(args.times, args.events, args.covariate, strict=True)
    ]
    if len(rows) > 8:
        rows = [*rows[:6], ["…", "…"], *rows[-2:]]
    return DataAsRead(
        title=f"{len(args.times)} subjects, {sum(args.events)} events, covariate {args.covariate_label!r}",
        header=["time (+ = censored)", args.covariate_label],
        rows=rows,
        notes=[args.coding] if args.coding else [],
    )


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
    if measured_covariates(parsed):
        return None  # a named measured covariate is a hazard ratio per unit, never a comparison of groups
    found = _survival_args(parsed, ComparisonArgs)
    if found is None or not isinstance(found[0], ComparisonArgs):
        return None
    return Fit.of(found[0], 0.3, found[1], found[2])


def fit_cox_covariate(parsed: ParsedRequest, roles: Sequence[str]) -> Fit[CovariateArgs] | None:
    del roles
    found = covariate_survival(parsed)
    if found is None:
        return None
    args = CovariateArgs(
        times=list(found.times.values),
        events=found.events,
        covariate_label=found.covariate.label,
        covariate=list(found.covariate.values),
        conf_level=parsed.scalars.get("conf_level", 0.95),
        coding=found.coding,
    )
    reason = (
        f"times {found.times.label!r} with events {found.event.label!r} and the covariate {found.covariate.label!r}"
    )
    return Fit.of(args, 0.3, reason, (found.times, found.event, found.covariate))


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

COX_COVARIATE: Recipe[CovariateArgs] = Recipe(
    name="cox_covariate",
    title="Cox proportional hazards regression on a measured covariate",
    summary="Cox proportional hazards regression estimates the hazard ratio per unit of a measured covariate from "
    "the partial likelihood, without modelling the baseline hazard.",
    keywords=("Cox", "hazard ratio", "proportional hazards", "survival regression", "covariate"),
    references=("starter:cox1972", "starter:efron1977", "starter:grambsch1994"),
    assumptions=(
        _CENSORING,
        "Hazards are proportional over time and the log hazard is linear in the covariate; ties use Efron's method.",
    ),
    args_model=CovariateArgs,
    script="cox_covariate.py",
    fit=fit_cox_covariate,
    describe=describe_covariate,
    implements=frozenset({"cox", "hazard_ratio"}),
    headline="cox",
    needs="a time, an event flag and the named measured covariate for each subject",
    cue_weights=(("cox", 0.9), ("survival", 0.2)),
)
