"""Cox proportional hazards regression on one measured covariate: the hazard ratio per unit of it."""

import numpy as np
import pandas as pd
from lifelines import CoxPHFitter
from scipy import stats
from statsmodels.duration.hazard_regression import PHReg

# --- data from the request (labbot writes this block) ---
DATA = {
    "times": [5.0, 8.0, 12.0, 14.0, 20.0, 23.0, 27.0, 31.0, 36.0, 44.0],
    "events": [1, 1, 0, 1, 1, 0, 1, 0, 1, 0],
    "covariate_label": "age",
    "covariate": [71.0, 68.0, 55.0, 74.0, 60.0, 49.0, 66.0, 52.0, 58.0, 45.0],
    "conf_level": 0.95,
}
# --- end of data ---


def report(name, value):
    """Print one result as "name = value" with 6 significant digits."""
    print(f"{name} = {value:.6g}")


level = DATA["conf_level"]
ci = f"{level * 100:g}% CI"
name = DATA["covariate_label"]
data = pd.DataFrame({"time": DATA["times"], "event": DATA["events"], name: DATA["covariate"]}, dtype=float)

print(f"Cox proportional hazards model with {name} as the only covariate (per unit of {name}; Efron ties, as R)")
cph = CoxPHFitter(alpha=1 - level).fit(data, duration_col="time", event_col="event")
bounds = np.exp(cph.confidence_intervals_.loc[name])
report("n", len(data))
report("events", int(data["event"].sum()))
report(f"hazard ratio per unit of {name}", np.exp(cph.params_[name]))
report(f"hazard ratio per unit {ci} lower", bounds.iloc[0])
report(f"hazard ratio per unit {ci} upper", bounds.iloc[1])
report(f"log hazard ratio (coefficient of {name})", cph.params_[name])
report("standard error", cph.standard_errors_[name])
report("Wald z", cph.summary.loc[name, "z"])
report("Wald p-value", cph.summary.loc[name, "p"])
report("Wald chi-square", cph.summary.loc[name, "z"] ** 2)
likelihood_ratio = cph.log_likelihood_ratio_test()
report("likelihood-ratio test statistic", likelihood_ratio.test_statistic)
report("likelihood-ratio test p-value", likelihood_ratio.p_value)
report("concordance index", cph.concordance_index_)

# R's "Score (logrank) test": the partial likelihood's score at a coefficient of 0, over its information there
covariate = data[[name]].to_numpy()
efron = PHReg(data["time"], covariate, status=data["event"], ties="efron")
score = efron.score(np.zeros(1))[0]
information = -efron.hessian(np.zeros(1))[0, 0]
report("score (log-rank) test statistic", score**2 / information)
report("score (log-rank) test p-value", stats.chi2.sf(score**2 / information, 1))

event_times = data.loc[data["event"] == 1, "time"]
if event_times.duplicated().any():  # with tied event times, Breslow's approximation gives a slightly different fit
    breslow = PHReg(data["time"], covariate, status=data["event"], ties="breslow").fit()
    breslow_bounds = np.exp(breslow.conf_int(alpha=1 - level))
    report("hazard ratio per unit, Breslow ties", np.exp(breslow.params[0]))
    report(f"hazard ratio per unit, Breslow ties, {ci} lower", breslow_bounds[0, 0])
    report(f"hazard ratio per unit, Breslow ties, {ci} upper", breslow_bounds[0, 1])
    report("Wald p-value, Breslow ties", breslow.pvalues[0])
