"""Cox proportional hazards regression: the hazard ratio between groups (the first group is the reference)."""

import numpy as np
import pandas as pd
from lifelines import CoxPHFitter
from lifelines.statistics import multivariate_logrank_test
from statsmodels.duration.hazard_regression import PHReg

# --- data from the request (labbot writes this block) ---
DATA = {
    "groups": [
        {"label": "WT", "times": [58.0, 66.0, 71.0, 77.0, 85.0, 90.0, 96.0, 103.0], "events": [1, 1, 0, 1, 1, 0, 1, 1]},
        {"label": "KO", "times": [31.0, 39.0, 44.0, 52.0, 52.0, 60.0, 67.0, 75.0], "events": [1, 1, 1, 0, 1, 1, 1, 0]},
    ],
    "time_points": [],
    "conf_level": 0.95,
}
# --- end of data ---


def report(name, value):
    """Print one result as "name = value" with 6 significant digits."""
    print(f"{name} = {value:.6g}")


level = DATA["conf_level"]
ci = f"{level * 100:g}% CI"
labels = [group["label"] for group in DATA["groups"]]
reference = labels[0]
data = pd.DataFrame(
    {
        "time": np.concatenate([group["times"] for group in DATA["groups"]]).astype(float),
        "event": np.concatenate([group["events"] for group in DATA["groups"]]),
        "group": np.concatenate([[group["label"]] * len(group["times"]) for group in DATA["groups"]]),
    }
)
for label in labels[1:]:  # one 0/1 indicator per group other than the reference
    data[f"group={label}"] = (data["group"] == label).astype(float)

print(f"Cox proportional hazards model with group as the covariate (reference: {reference}; Efron ties, as R)")
cph = CoxPHFitter(alpha=1 - level).fit(data.drop(columns="group"), duration_col="time", event_col="event")
bounds = np.exp(cph.confidence_intervals_)
for label in labels[1:]:
    term = f"group={label}"
    hazard_ratio = np.exp(cph.params_[term])
    report(f"hazard ratio ({label} vs {reference})", hazard_ratio)
    report(f"hazard ratio ({label} vs {reference}) {ci} lower", bounds.loc[term].iloc[0])
    report(f"hazard ratio ({label} vs {reference}) {ci} upper", bounds.loc[term].iloc[1])
    report(f"log hazard ratio ({label} vs {reference})", cph.params_[term])
    report(f"standard error ({label})", cph.standard_errors_[term])
    report(f"Wald z ({label})", cph.summary.loc[term, "z"])
    report(f"Wald p-value ({label})", cph.summary.loc[term, "p"])
    if len(labels) == 2:  # the same comparison read the other way round
        report(f"hazard ratio ({reference} vs {label})", 1 / hazard_ratio)
        report(f"hazard ratio ({reference} vs {label}) {ci} lower", 1 / bounds.loc[term].iloc[1])
        report(f"hazard ratio ({reference} vs {label}) {ci} upper", 1 / bounds.loc[term].iloc[0])
likelihood_ratio = cph.log_likelihood_ratio_test()
report("likelihood-ratio test statistic", likelihood_ratio.test_statistic)
report("likelihood-ratio test p-value", likelihood_ratio.p_value)
report("concordance index", cph.concordance_index_)

# With tied event times, Breslow's approximation (statsmodels' default) gives a slightly different fit
event_times = data.loc[data["event"] == 1, "time"]
if event_times.duplicated().any():
    covariates = data[[f"group={label}" for label in labels[1:]]].to_numpy()
    breslow = PHReg(data["time"], covariates, status=data["event"], ties="breslow").fit()
    breslow_bounds = np.exp(breslow.conf_int(alpha=1 - level))
    for index, label in enumerate(labels[1:]):
        report(f"hazard ratio ({label} vs {reference}), Breslow ties", np.exp(breslow.params[index]))
        report(f"hazard ratio ({label} vs {reference}), Breslow ties, {ci} lower", breslow_bounds[index, 0])
        report(f"hazard ratio ({label} vs {reference}), Breslow ties, {ci} upper", breslow_bounds[index, 1])
        report(f"Wald p-value ({label}), Breslow ties", breslow.pvalues[index])

# The log-rank test is the Cox model's score test (R's "Score (logrank) test")
logrank = multivariate_logrank_test(data["time"], data["group"], data["event"])
report("log-rank chi-square statistic", logrank.test_statistic)
report("log-rank degrees of freedom", len(labels) - 1)
report("log-rank p-value", logrank.p_value)
