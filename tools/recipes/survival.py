"""Survival analysis with lifelines: Kaplan–Meier curves and medians, the log-rank test, Cox regression on group."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field, model_validator

from tools.recipes import codegen
from tools.recipes.protocol import Fit, ParsedRequest, Recipe, distinct_labels
from tools.recipes.survival_data import SurvivalGroup, survival_groups


class SurvivalArgs(BaseModel):
    model_config = ConfigDict(frozen=True)

    groups: list[SurvivalGroup] = Field(min_length=1)
    time_point: float | None = Field(None, ge=0)  # report S(t) here when the request asked for it
    conf_level: float = Field(0.95, gt=0.5, lt=1)

    @model_validator(mode="after")
    def _distinct_groups(self) -> SurvivalArgs:
        if len({g.label for g in self.groups}) != len(self.groups):
            raise ValueError("group labels must differ")
        return self


class ComparisonArgs(SurvivalArgs):
    @model_validator(mode="after")
    def _two_or_more(self) -> ComparisonArgs:
        if len(self.groups) < 2:
            raise ValueError("a comparison needs at least two groups")
        return self


def _groups_data(args: SurvivalArgs) -> str:
    entries = "\n".join(
        f"    {codegen.text(g.label)}: (\n"
        f"        np.array({codegen.numbers(g.times, indent=8)}, dtype=float),\n"
        f"        np.array({codegen.integers(g.events)}),\n"
        "    ),"
        for g in args.groups
    )
    return (
        "# Data from the request: per group, the times and the event flags (1 = event, 0 = censored)\n"
        f"groups = {{\n{entries}\n}}\n"
    )


_REPORT_TIME = '''

def report_time(name, value):
    """Like report, but a median that the curve never reaches is printed as such."""
    if np.isfinite(value):
        report(name, value)
    else:
        print(f"{name} = not reached")
'''


def _km_loop(time_point: float | None, conf_level: float) -> str:
    ci = f"{conf_level * 100:g}% CI"
    at_time = ""
    if time_point is not None:
        at_time = f"""    survival_at = kmf.survival_function_at_times({codegen.number(time_point)}).iloc[0]
    band = kmf.confidence_interval_survival_function_.loc[:{codegen.number(time_point)}].iloc[-1]
    report(f"survival at t = {time_point:g} ({{label}})", survival_at)
    report(f"survival at t = {time_point:g} ({{label}}) {ci} lower", band.iloc[0])
    report(f"survival at t = {time_point:g} ({{label}}) {ci} upper", band.iloc[1])
"""
    alpha = codegen.number(round(1 - conf_level, 10))
    return f"""
fig, ax = plt.subplots(figsize=(6, 4))
for label, (times, events) in groups.items():
    kmf = KaplanMeierFitter(label=label, alpha={alpha}).fit(times, event_observed=events)
    kmf.plot_survival_function(ax=ax, ci_show=True, show_censors=True)
    report(f"n ({{label}})", len(times))
    report(f"events ({{label}})", events.sum())
    report_time(f"median survival ({{label}})", kmf.median_survival_time_)
    median_band = median_survival_times(kmf.confidence_interval_)  # {ci} of the median
    report_time(f"median survival ({{label}}) {ci} lower", median_band.iloc[0, 0])
    report_time(f"median survival ({{label}}) {ci} upper", median_band.iloc[0, 1])
{at_time}ax.set_xlabel("time")
ax.set_ylabel("survival probability")
ax.set_ylim(0, 1.05)
ax.set_title("Kaplan-Meier estimate")
fig.tight_layout()
"""


_KM_IMPORTS = (
    "import matplotlib.pyplot as plt",
    "import numpy as np",
    "from lifelines import KaplanMeierFitter",
    "from lifelines.utils import median_survival_times",
)

_LOGRANK = """
# Log-rank test (for two groups, the usual two-sample test; for more, the k-sample version)
all_times = np.concatenate([times for times, _ in groups.values()])
all_events = np.concatenate([events for _, events in groups.values()])
all_groups = np.concatenate([[label] * len(times) for label, (times, _) in groups.items()])
logrank = multivariate_logrank_test(all_times, all_groups, all_events)
report("log-rank chi-square statistic", logrank.test_statistic)
report("log-rank degrees of freedom", len(groups) - 1)
report("log-rank p-value", logrank.p_value)
"""


def render_kaplan_meier(args: SurvivalArgs) -> str:
    body = (
        _groups_data(args)
        + '\nprint("Kaplan-Meier estimate of the survival function (censored times marked on the curve)")'
        + _km_loop(args.time_point, args.conf_level)
    )
    return codegen.script(
        "Kaplan-Meier survival curves, median survival and survival probabilities",
        _KM_IMPORTS,
        _REPORT_TIME.strip() + "\n\n\n" + body,
    )


def render_log_rank(args: ComparisonArgs) -> str:
    body = (
        _groups_data(args)
        + '\nprint("Comparison of survival between groups: log-rank test, with Kaplan-Meier curves")\n'
        + _LOGRANK
        + _km_loop(args.time_point, args.conf_level)
    )
    imports = (*_KM_IMPORTS, "from lifelines.statistics import multivariate_logrank_test")
    return codegen.script(
        "Log-rank test: does survival differ between groups?", imports, _REPORT_TIME.strip() + "\n\n\n" + body
    )


def render_cox(args: ComparisonArgs) -> str:
    alpha = codegen.number(round(1 - args.conf_level, 10))
    ci = f"{args.conf_level * 100:g}% CI"
    body = (
        _groups_data(args)
        + f"""
# One row per subject; the first group is the reference, each other group gets a 0/1 indicator
labels = list(groups)
reference = labels[0]
data = pd.DataFrame(
    {{
        "time": np.concatenate([times for times, _ in groups.values()]),
        "event": np.concatenate([events for _, events in groups.values()]),
        "group": np.concatenate([[label] * len(times) for label, (times, _) in groups.items()]),
    }}
)
for label in labels[1:]:
    data[f"group={{label}}"] = (data["group"] == label).astype(float)

print(f"Cox proportional hazards model with group as the covariate (reference: {{reference}}; Efron ties)")
cph = CoxPHFitter(alpha={alpha}).fit(data.drop(columns="group"), duration_col="time", event_col="event")
bounds = np.exp(cph.confidence_intervals_)
for label in labels[1:]:
    term = f"group={{label}}"
    hazard_ratio = np.exp(cph.params_[term])
    report(f"hazard ratio ({{label}} vs {{reference}})", hazard_ratio)
    report(f"hazard ratio ({{label}} vs {{reference}}) {ci} lower", bounds.loc[term].iloc[0])
    report(f"hazard ratio ({{label}} vs {{reference}}) {ci} upper", bounds.loc[term].iloc[1])
    report(f"log hazard ratio ({{label}} vs {{reference}})", cph.params_[term])
    report(f"standard error ({{label}})", cph.standard_errors_[term])
    report(f"Wald z ({{label}})", cph.summary.loc[term, "z"])
    report(f"Wald p-value ({{label}})", cph.summary.loc[term, "p"])
    if len(labels) == 2:  # the same comparison read the other way round
        report(f"hazard ratio ({{reference}} vs {{label}})", 1 / hazard_ratio)
report("likelihood-ratio test p-value", cph.log_likelihood_ratio_test().p_value)
report("concordance index", cph.concordance_index_)

# With tied event times, Breslow's approximation (statsmodels' default) gives a slightly different fit
event_times = data.loc[data["event"] == 1, "time"]
if event_times.duplicated().any():
    covariates = data[[f"group={{label}}" for label in labels[1:]]].to_numpy()
    breslow = PHReg(data["time"], covariates, status=data["event"], ties="breslow").fit()
    breslow_bounds = np.exp(breslow.conf_int(alpha={alpha}))
    for index, label in enumerate(labels[1:]):
        report(f"hazard ratio ({{label}} vs {{reference}}), Breslow ties", np.exp(breslow.params[index]))
        report(f"hazard ratio ({{label}} vs {{reference}}), Breslow ties, {ci} lower", breslow_bounds[index, 0])
        report(f"hazard ratio ({{label}} vs {{reference}}), Breslow ties, {ci} upper", breslow_bounds[index, 1])
        report(f"Wald p-value ({{label}}), Breslow ties", breslow.pvalues[index])
"""
        + _LOGRANK
    )
    imports = (
        "import numpy as np",
        "import pandas as pd",
        "from lifelines import CoxPHFitter",
        "from lifelines.statistics import multivariate_logrank_test",
        "from statsmodels.duration.hazard_regression import PHReg",
    )
    return codegen.script("Cox proportional hazards regression: hazard ratio between groups", imports, body)


def _survival_args(parsed: ParsedRequest, model: type[SurvivalArgs]) -> tuple[SurvivalArgs, str] | None:
    found = survival_groups(parsed)
    if found is None:
        return None
    groups, reason = found
    labels = distinct_labels([g.label for g in groups])
    groups = [g.model_copy(update={"label": label}) for g, label in zip(groups, labels, strict=True)]
    if model is ComparisonArgs and len(groups) < 2:
        return None
    args = model(
        groups=groups, time_point=parsed.scalars.get("time_point"), conf_level=parsed.scalars.get("conf_level", 0.95)
    )
    return args, reason


def fit_kaplan_meier(parsed: ParsedRequest, roles: Sequence[str]) -> Fit[SurvivalArgs] | None:
    del roles
    found = _survival_args(parsed, SurvivalArgs)
    if found is None:
        return None
    args, reason = found
    return Fit(args, 0.6 if len(args.groups) == 1 else 0.35, reason)


def fit_log_rank(parsed: ParsedRequest, roles: Sequence[str]) -> Fit[ComparisonArgs] | None:
    del roles
    found = _survival_args(parsed, ComparisonArgs)
    if found is None or not isinstance(found[0], ComparisonArgs):
        return None
    return Fit(found[0], 0.6, found[1])


def fit_cox(parsed: ParsedRequest, roles: Sequence[str]) -> Fit[ComparisonArgs] | None:
    del roles
    found = _survival_args(parsed, ComparisonArgs)
    if found is None or not isinstance(found[0], ComparisonArgs):
        return None
    return Fit(found[0], 0.3, found[1])


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
    render=render_kaplan_meier,
    fit=fit_kaplan_meier,
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
    render=render_log_rank,
    fit=fit_log_rank,
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
    render=render_cox,
    fit=fit_cox,
    cue_weights=(("cox", 0.9), ("survival", 0.2)),
)
