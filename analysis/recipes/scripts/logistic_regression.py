"""Logistic regression with one predictor: odds ratio per unit with its confidence interval."""

import numpy as np
import statsmodels.api as sm

# --- data from the request (labbot writes this block) ---
DATA = {
    "x_label": "age",
    "x": [45.0, 52.0, 61.0, 38.0, 70.0, 55.0, 66.0, 49.0, 74.0, 58.0],
    "y_label": "delirium",
    "y": [0.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 1.0, 1.0, 0.0],
    "conf_level": 0.95,
}
# --- end of data ---


def report(name, value):
    """Print one result as "name = value" with 6 significant digits."""
    print(f"{name} = {value:.6g}")


x = np.array(DATA["x"], dtype=float)
y = np.array(DATA["y"], dtype=float)
level = DATA["conf_level"]
ci = f"{level * 100:g}% CI"

print(f"Logistic regression of {DATA['y_label']} (coded 0/1) on {DATA['x_label']} (maximum likelihood)")
model = sm.Logit(y, sm.add_constant(x)).fit(disp=0)
intervals = model.conf_int(alpha=1 - level)  # Wald intervals, as R's confint.default
report("n", len(x))
report("events (y = 1)", y.sum())
report("intercept (log-odds)", model.params[0])
report("intercept SE", model.bse[0])
report("coefficient (log-odds per unit of x)", model.params[1])
report("coefficient SE", model.bse[1])
report("odds ratio per unit of x", np.exp(model.params[1]))
report(f"odds ratio {ci} lower (Wald)", np.exp(intervals[1, 0]))
report(f"odds ratio {ci} upper (Wald)", np.exp(intervals[1, 1]))
report("z statistic", model.tvalues[1])
report("p-value (Wald)", model.pvalues[1])
report("likelihood-ratio chi-square", model.llr)
report("p-value (likelihood-ratio test)", model.llr_pvalue)
report("residual deviance", -2 * model.llf)
report("null deviance", -2 * model.llnull)
report("McFadden pseudo R squared", model.prsquared)
