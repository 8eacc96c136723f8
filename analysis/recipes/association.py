"""Two variables measured on the same subjects: Pearson, Spearman and Kendall correlation, linear and logistic
regression."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field, model_validator

from analysis.model import DataList, ParsedRequest, no_roles
from analysis.reading.shapes import events_of_trials, looks_like_survival, predictor_and_binary_outcome, x_and_y
from analysis.recipes.protocol import DataAsRead, Fit, Recipe


class XYArgs(BaseModel):
    """Paired observations: ``x[i]`` and ``y[i]`` belong to the same subject."""

    model_config = ConfigDict(frozen=True)

    x_label: str
    x: list[float] = Field(min_length=3)
    y_label: str
    y: list[float] = Field(min_length=3)
    conf_level: float = Field(0.95, gt=0.5, lt=1)

    @model_validator(mode="after")
    def _same_length(self) -> XYArgs:
        if len(self.x) != len(self.y):
            raise ValueError("x and y need one value per subject")
        return self


class LogisticArgs(XYArgs):
    """One subject per row with a 0/1 outcome, or (``trials`` given) one group per row: y events of trials."""

    trials: list[float] | None = None

    @model_validator(mode="after")
    def _binary_outcome(self) -> LogisticArgs:
        if self.trials is not None:
            pairs = zip(self.y, self.trials, strict=False)
            if len(self.trials) != len(self.y) or not all(0 <= e <= n for e, n in pairs):
                raise ValueError("each group needs its events between 0 and its number of trials")
            return self
        if set(self.y) != {0.0, 1.0}:
            raise ValueError("the outcome must be coded 0/1 and contain both values")
        return self


def describe_xy(args: XYArgs) -> DataAsRead:
    shown = list(zip(args.x, args.y, strict=True))
    rows = [[f"{x:g}", f"{y:g}"] for x, y in (shown if len(shown) <= 8 else shown[:6])]
    if len(shown) > 8:
        rows += [["…", "…"]] + [[f"{x:g}", f"{y:g}"] for x, y in shown[-2:]]
    return DataAsRead(
        title=f"{len(shown)} (x, y) pairs, x = {args.x_label}, y = {args.y_label}",
        header=[args.x_label, args.y_label],
        rows=rows,
    )


def describe_logistic(args: LogisticArgs) -> DataAsRead:
    if args.trials is None:
        return describe_xy(args)
    shown = list(zip(args.x, args.y, args.trials, strict=True))
    rows = [[f"{v:g}" for v in row] for row in (shown if len(shown) <= 8 else shown[:6])]
    if len(shown) > 8:
        rows += [["…", "…", "…"]] + [[f"{v:g}" for v in row] for row in shown[-2:]]
    return DataAsRead(
        title=f"{len(shown)} groups: x = {args.x_label}, events = {args.y_label} of trials",
        header=[args.x_label, args.y_label, "trials"],
        rows=rows,
    )


def _xy_args(parsed: ParsedRequest, roles: Sequence[str]) -> tuple[XYArgs, tuple[DataList, DataList]] | None:
    pair = x_and_y(parsed, roles)
    if pair is None:
        return None
    x, y = pair
    args = XYArgs(
        x_label=x.label,
        x=list(x.values),
        y_label=y.label,
        y=list(y.values),
        conf_level=parsed.scalars.get("conf_level", 0.95),
    )
    return args, pair


def _reason(args: XYArgs) -> str:
    return f"two measurements on the same {len(args.x)} subjects: x = {args.x_label!r}, y = {args.y_label!r}"


def fit_pearson(parsed: ParsedRequest, roles: Sequence[str]) -> Fit[XYArgs] | None:
    found = _xy_args(parsed, roles)
    return Fit.of(found[0], 0.3, _reason(found[0]), found[1]) if found else None


def fit_spearman(parsed: ParsedRequest, roles: Sequence[str]) -> Fit[XYArgs] | None:
    found = _xy_args(parsed, roles)
    return Fit.of(found[0], 0.0, _reason(found[0]), found[1]) if found else None


def fit_kendall(parsed: ParsedRequest, roles: Sequence[str]) -> Fit[XYArgs] | None:
    found = _xy_args(parsed, roles)
    return Fit.of(found[0], 0.0, _reason(found[0]), found[1]) if found else None


def fit_linear_regression(parsed: ParsedRequest, roles: Sequence[str]) -> Fit[XYArgs] | None:
    found = _xy_args(parsed, roles)
    return Fit.of(found[0], 0.3, _reason(found[0]), found[1]) if found else None


def fit_logistic(parsed: ParsedRequest, roles: Sequence[str]) -> Fit[LogisticArgs] | None:
    pair = predictor_and_binary_outcome(parsed, roles)
    if pair is None:
        return _fit_grouped_logistic(parsed, roles)
    x, y = pair
    args = LogisticArgs(
        x_label=x.label,
        x=list(x.values),
        y_label=y.label,
        y=list(y.values),
        conf_level=parsed.scalars.get("conf_level", 0.95),
    )
    score = 0.15 if looks_like_survival(x, y) else 0.55
    reason = f"a 0/1 outcome {y.label!r} and a predictor {x.label!r} on {len(x.values)} subjects"
    return Fit.of(args, score, reason, pair)


def _fit_grouped_logistic(parsed: ParsedRequest, roles: Sequence[str]) -> Fit[LogisticArgs] | None:
    found = events_of_trials(parsed) if no_roles(roles) else None
    if found is None:
        return None
    x, events, trials = found
    args = LogisticArgs(
        x_label=x.label,
        x=list(x.values),
        y_label=events.label,
        y=list(events.values),
        trials=list(trials.values),
        conf_level=parsed.scalars.get("conf_level", 0.95),
    )
    reason = f"{events.label!r} events of {trials.label!r} trials in {len(x.values)} groups, predictor {x.label!r}"
    return Fit.of(args, 0.5, reason, (x, events, trials))


_XY_ASSUMPTIONS = ("Pairs of values come from independent subjects.",)

PEARSON: Recipe[XYArgs] = Recipe(
    name="pearson_correlation",
    title="Pearson correlation",
    summary="Pearson's correlation coefficient measures the strength of the linear association between two "
    "continuous variables, with a Fisher-z confidence interval.",
    keywords=("correlation", "Pearson", "linear association", "r"),
    references=(),
    assumptions=(*_XY_ASSUMPTIONS, "The relationship is linear and free of influential outliers."),
    args_model=XYArgs,
    script="pearson_correlation.py",
    fit=fit_pearson,
    describe=describe_xy,
    implements=frozenset({"pearson", "correlation"}),
    needs="two lists of the same length (an x and a y for each subject), at least three pairs",
    cue_weights=(("correlation", 0.65), ("pearson", 0.3)),
    roles=("x", "y"),
)

SPEARMAN: Recipe[XYArgs] = Recipe(
    name="spearman_correlation",
    title="Spearman rank correlation",
    summary="Spearman's rank correlation measures the strength of a monotonic association between two variables "
    "using their ranks.",
    keywords=("Spearman", "rank correlation", "monotonic", "rho", "non-parametric"),
    references=(),
    assumptions=(*_XY_ASSUMPTIONS, "It captures monotonic, not only linear, association; ties lower its precision."),
    args_model=XYArgs,
    script="spearman_correlation.py",
    fit=fit_spearman,
    describe=describe_xy,
    implements=frozenset({"spearman", "correlation"}),
    needs="two lists of the same length (an x and a y for each subject), at least three pairs",
    cue_weights=(("correlation", 0.65), ("spearman", 1.0), ("nonparametric", 0.3)),
    roles=("x", "y"),
)

KENDALL: Recipe[XYArgs] = Recipe(
    name="kendall_correlation",
    title="Kendall's tau-b",
    summary="Kendall's tau-b measures monotonic association from concordant and discordant pairs, corrected for "
    "ties, with R's exact test for small samples without ties and its normal approximation otherwise.",
    keywords=("Kendall", "tau", "rank correlation", "concordant pairs", "non-parametric"),
    references=(),
    assumptions=(*_XY_ASSUMPTIONS, "It captures monotonic association; with ties only the normal approximation holds."),
    args_model=XYArgs,
    script="kendall_correlation.py",
    fit=fit_kendall,
    describe=describe_xy,
    implements=frozenset({"kendall", "correlation"}),
    headline="kendall",
    needs="two lists of the same length (an x and a y for each subject), at least three pairs",
    cue_weights=(("kendall", 1.0),),
    roles=("x", "y"),
)

LINEAR_REGRESSION: Recipe[XYArgs] = Recipe(
    name="linear_regression",
    title="Simple linear regression",
    summary="Simple linear regression fits a straight line by ordinary least squares to estimate how the outcome "
    "changes per unit of the predictor.",
    keywords=("linear regression", "slope", "intercept", "R squared", "least squares"),
    references=("starter:harrell2015",),
    assumptions=(
        *_XY_ASSUMPTIONS,
        "The mean of y is linear in x, with residuals of constant variance and roughly normal.",
    ),
    args_model=XYArgs,
    script="linear_regression.py",
    fit=fit_linear_regression,
    describe=describe_xy,
    implements=frozenset({"linear_regression"}),
    needs="a predictor and an outcome of the same length, at least three pairs",
    cue_weights=(("regression", 0.7),),
    roles=("x (predictor)", "y (outcome)"),
)

LOGISTIC: Recipe[LogisticArgs] = Recipe(
    name="logistic_regression",
    title="Logistic regression (one predictor)",
    summary="Logistic regression models the log-odds of a binary outcome as a linear function of one predictor; "
    "the exponentiated slope is the odds ratio per unit.",
    keywords=("logistic regression", "odds ratio", "binary outcome", "log-odds"),
    references=("starter:nelder1972", "starter:peduzzi1996"),
    assumptions=(
        *_XY_ASSUMPTIONS,
        "The log-odds are linear in the predictor; estimates are unstable with fewer than about ten events "
        "per predictor or with complete separation.",
    ),
    args_model=LogisticArgs,
    script="logistic_regression.py",
    fit=fit_logistic,
    describe=describe_logistic,
    implements=frozenset({"logistic_regression", "odds_ratio"}),
    headline="logistic_regression",
    needs="a numeric predictor and a 0/1 outcome of the same length, with both outcomes present (or, per group, "
    "the events and the number of trials)",
    cue_weights=(("logistic", 0.8), ("odds_ratio", 0.3), ("regression", 0.2)),
    roles=("predictor", "0/1 outcome"),
)
