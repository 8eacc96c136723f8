"""Logistic regression with one predictor: odds ratio per unit with its confidence interval.

One subject per row with a 0/1 outcome, or one group per row with its events and trials (grouped binomial).
"""

import numpy as np
import statsmodels.api as sm
from scipy import stats

# --- data from the request (labbot writes this block) ---
DATA = {
    "x_label": "age",
    "x": [45.0, 52.0, 61.0, 38.0, 70.0, 55.0, 66.0, 49.0, 74.0, 58.0],
    "y_label": "delirium",
    "y": [0.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 1.0, 1.0, 0.0],
    "conf_level": 0.95,
    "trials": None,
}
# --- end of data ---


def report(name, value):
    """Print one result as "name = value" with 6 significant digits."""
    print(f"{name} = {value:.6g}")


x = np.array(DATA["x"], dtype=float)
y = np.array(DATA["y"], dtype=float)
level = DATA["conf_level"]
ci = f"{level * 100:g}% CI"

if DATA["trials"] is None:
    print(f"Logistic regression of {DATA['y_label']} (coded 0/1) on {DATA['x_label']} (maximum likelihood)")
    model = sm.Logit(y, sm.add_constant(x)).fit(disp=0)
    subjects, lr_chi2, lr_p, null_ll = len(x), model.llr, model.llr_pvalue, model.llnull
    deviance = -2 * model.llf
else:
    trials = np.array(DATA["trials"], dtype=float)
    print(f"Logistic regression of {DATA['y_label']} events of {trials.sum():g} trials on {DATA['x_label']}")
    print("(grouped binomial, maximum likelihood)")
    model = sm.GLM(np.column_stack([y, trials - y]), sm.add_constant(x), family=sm.families.Binomial()).fit()
    subjects, lr_chi2 = trials.sum(), model.null_deviance - model.deviance
    lr_p, null_ll, deviance = stats.chi2.sf(lr_chi2, 1), model.llnull, model.deviance
    report("groups", len(x))
intervals = np.asarray(model.conf_int(alpha=1 - level))  # Wald intervals, as R's confint.default
params, errors = np.asarray(model.params), np.asarray(model.bse)
report("n", subjects)
report("events (y = 1)", y.sum())
report("intercept (log-odds)", params[0])
report("intercept SE", errors[0])
report("coefficient (log-odds per unit of x)", params[1])
report("coefficient SE", errors[1])
report("odds ratio per unit of x", np.exp(params[1]))
report(f"odds ratio {ci} lower (Wald)", np.exp(intervals[1, 0]))
report(f"odds ratio {ci} upper (Wald)", np.exp(intervals[1, 1]))
report("z statistic", np.asarray(model.tvalues)[1])
report("p-value (Wald)", np.asarray(model.pvalues)[1])
report("likelihood-ratio chi-square", lr_chi2)
report("p-value (likelihood-ratio test)", lr_p)
report("residual deviance", deviance)
report("McFadden pseudo R squared", 1 - model.llf / null_ll)
