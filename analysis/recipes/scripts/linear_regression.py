"""Simple linear regression: slope, intercept and R squared."""

import matplotlib.pyplot as plt
import numpy as np
import statsmodels.api as sm

# --- data from the request (labbot writes this block) ---
DATA = {
    "x_label": "age",
    "x": [25.0, 32.0, 38.0, 41.0, 47.0, 53.0, 58.0, 62.0],
    "y_label": "SBP",
    "y": [121.0, 124.0, 127.0, 131.0, 133.0, 138.0, 141.0, 146.0],
    "conf_level": 0.95,
}
# --- end of data ---


def report(name, value):
    """Print one result as "name = value" with 6 significant digits."""
    print(f"{name} = {value:.6g}")


x_label, y_label = DATA["x_label"], DATA["y_label"]
x = np.array(DATA["x"], dtype=float)
y = np.array(DATA["y"], dtype=float)
level = DATA["conf_level"]
ci = f"{level * 100:g}% CI"

print(f"Simple linear regression (ordinary least squares) of {y_label} on {x_label}")
model = sm.OLS(y, sm.add_constant(x)).fit()
intervals = model.conf_int(alpha=1 - level)
report("n", len(x))
report("intercept", model.params[0])
report("intercept SE", model.bse[0])
report(f"intercept {ci} lower", intervals[0, 0])
report(f"intercept {ci} upper", intervals[0, 1])
report("slope", model.params[1])
report("slope SE", model.bse[1])
report(f"slope {ci} lower", intervals[1, 0])
report(f"slope {ci} upper", intervals[1, 1])
report("t statistic (slope)", model.tvalues[1])
report("p-value (slope)", model.pvalues[1])
report("R squared", model.rsquared)
report("adjusted R squared", model.rsquared_adj)
report("residual standard error", np.sqrt(model.scale))
report("residual degrees of freedom", model.df_resid)
report("F statistic", model.fvalue)
report("Pearson r", np.corrcoef(x, y)[0, 1])

fig, ax = plt.subplots(figsize=(6, 4))
ax.scatter(x, y, color="tab:blue")
grid = np.linspace(x.min(), x.max(), 100)
ax.plot(grid, model.params[0] + model.params[1] * grid, color="tab:red", label="least-squares line")
ax.set_xlabel(x_label)
ax.set_ylabel(y_label)
ax.legend()
fig.tight_layout()
