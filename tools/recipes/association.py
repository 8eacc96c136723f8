"""Two variables measured on the same subjects: Pearson and Spearman correlation, linear and logistic regression."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field, model_validator

from tools.recipes import codegen
from tools.recipes.protocol import Fit, ParsedRequest, Recipe
from tools.recipes.shapes import looks_like_survival, predictor_and_binary_outcome, x_and_y


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
    @model_validator(mode="after")
    def _binary_outcome(self) -> LogisticArgs:
        if set(self.y) != {0.0, 1.0}:
            raise ValueError("the outcome must be coded 0/1 and contain both values")
        return self


def _xy_data(args: XYArgs) -> str:
    return (
        "# Data from the request: x[i] and y[i] come from the same subject\n"
        f"x_label = {codegen.text(args.x_label)}\n"
        f"x = np.array({codegen.numbers(args.x)}, dtype=float)\n"
        f"y_label = {codegen.text(args.y_label)}\n"
        f"y = np.array({codegen.numbers(args.y)}, dtype=float)\n"
    )


def render_pearson(args: XYArgs) -> str:
    ci = f"{args.conf_level * 100:g}% CI"
    body = (
        _xy_data(args)
        + f"""
print(f"Pearson correlation between {{x_label}} and {{y_label}}")
result = stats.pearsonr(x, y)
interval = result.confidence_interval(confidence_level={args.conf_level})  # Fisher z transformation
report("n", len(x))
report("Pearson r", result.statistic)
report("r squared", result.statistic**2)
report("{ci} lower", interval.low)
report("{ci} upper", interval.high)
report("p-value (two-sided, H0: r = 0)", result.pvalue)
"""
    )
    return codegen.script(
        "Pearson correlation: how strongly are two variables linearly related?",
        ("import numpy as np", "from scipy import stats"),
        body,
    )


def render_spearman(args: XYArgs) -> str:
    body = (
        _xy_data(args)
        + """
print(f"Spearman rank correlation between {x_label} and {y_label}")
result = stats.spearmanr(x, y)
report("n", len(x))
report("Spearman rho", result.statistic)
report("p-value (two-sided, H0: rho = 0)", result.pvalue)
"""
    )
    return codegen.script(
        "Spearman rank correlation: are two variables monotonically related?",
        ("import numpy as np", "from scipy import stats"),
        body,
    )


def render_linear_regression(args: XYArgs) -> str:
    ci = f"{args.conf_level * 100:g}% CI"
    alpha = codegen.number(round(1 - args.conf_level, 10))
    body = (
        _xy_data(args)
        + f"""
print(f"Simple linear regression (ordinary least squares) of {{y_label}} on {{x_label}}")
model = sm.OLS(y, sm.add_constant(x)).fit()
intervals = model.conf_int(alpha={alpha})
report("n", len(x))
report("intercept", model.params[0])
report("intercept SE", model.bse[0])
report("slope", model.params[1])
report("slope SE", model.bse[1])
report("slope {ci} lower", intervals[1, 0])
report("slope {ci} upper", intervals[1, 1])
report("t statistic (slope)", model.tvalues[1])
report("p-value (slope)", model.pvalues[1])
report("R squared", model.rsquared)
report("adjusted R squared", model.rsquared_adj)
report("residual standard error", np.sqrt(model.scale))
report("Pearson r", np.corrcoef(x, y)[0, 1])

fig, ax = plt.subplots(figsize=(6, 4))
ax.scatter(x, y, color="tab:blue")
grid = np.linspace(x.min(), x.max(), 100)
ax.plot(grid, model.params[0] + model.params[1] * grid, color="tab:red", label="least-squares line")
ax.set_xlabel(x_label)
ax.set_ylabel(y_label)
ax.legend()
fig.tight_layout()
"""
    )
    imports = ("import matplotlib.pyplot as plt", "import numpy as np", "import statsmodels.api as sm")
    return codegen.script("Simple linear regression: slope, intercept and R squared", imports, body)


def render_logistic(args: LogisticArgs) -> str:
    ci = f"{args.conf_level * 100:g}% CI"
    alpha = codegen.number(round(1 - args.conf_level, 10))
    body = (
        _xy_data(args)
        + f"""
print(f"Logistic regression of {{y_label}} (coded 0/1) on {{x_label}} (maximum likelihood)")
model = sm.Logit(y, sm.add_constant(x)).fit(disp=0)
intervals = model.conf_int(alpha={alpha})
report("n", len(x))
report("events (y = 1)", y.sum())
report("intercept (log-odds)", model.params[0])
report("coefficient (log-odds per unit of x)", model.params[1])
report("coefficient SE", model.bse[1])
report("odds ratio per unit of x", np.exp(model.params[1]))
report("odds ratio {ci} lower", np.exp(intervals[1, 0]))
report("odds ratio {ci} upper", np.exp(intervals[1, 1]))
report("z statistic", model.tvalues[1])
report("p-value (Wald)", model.pvalues[1])
report("p-value (likelihood-ratio test)", model.llr_pvalue)
report("McFadden pseudo R squared", model.prsquared)
"""
    )
    imports = ("import numpy as np", "import statsmodels.api as sm")
    return codegen.script(
        "Logistic regression with one predictor: odds ratio with its confidence interval", imports, body
    )


def _xy_args(parsed: ParsedRequest, roles: Sequence[str]) -> XYArgs | None:
    pair = x_and_y(parsed, roles)
    if pair is None:
        return None
    x, y = pair
    return XYArgs(
        x_label=x.label,
        x=list(x.values),
        y_label=y.label,
        y=list(y.values),
        conf_level=parsed.scalars.get("conf_level", 0.95),
    )


def _reason(args: XYArgs) -> str:
    return f"two measurements on the same {len(args.x)} subjects: x = {args.x_label!r}, y = {args.y_label!r}"


def fit_pearson(parsed: ParsedRequest, roles: Sequence[str]) -> Fit[XYArgs] | None:
    args = _xy_args(parsed, roles)
    return Fit(args, 0.3, _reason(args)) if args else None


def fit_spearman(parsed: ParsedRequest, roles: Sequence[str]) -> Fit[XYArgs] | None:
    args = _xy_args(parsed, roles)
    return Fit(args, 0.0, _reason(args)) if args else None


def fit_linear_regression(parsed: ParsedRequest, roles: Sequence[str]) -> Fit[XYArgs] | None:
    args = _xy_args(parsed, roles)
    return Fit(args, 0.3, _reason(args)) if args else None


def fit_logistic(parsed: ParsedRequest, roles: Sequence[str]) -> Fit[LogisticArgs] | None:
    pair = predictor_and_binary_outcome(parsed, roles)
    if pair is None:
        return None
    x, y = pair
    args = LogisticArgs(
        x_label=x.label,
        x=list(x.values),
        y_label=y.label,
        y=list(y.values),
        conf_level=parsed.scalars.get("conf_level", 0.95),
    )
    score = 0.15 if looks_like_survival(x, y) else 0.55
    return Fit(args, score, f"a 0/1 outcome {y.label!r} and a predictor {x.label!r} on {len(x.values)} subjects")


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
    render=render_pearson,
    fit=fit_pearson,
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
    render=render_spearman,
    fit=fit_spearman,
    cue_weights=(("correlation", 0.65), ("spearman", 1.0), ("nonparametric", 0.3)),
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
    render=render_linear_regression,
    fit=fit_linear_regression,
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
    render=render_logistic,
    fit=fit_logistic,
    cue_weights=(("logistic", 0.8), ("odds_ratio", 0.3), ("regression", 0.2)),
    roles=("predictor", "0/1 outcome"),
)
