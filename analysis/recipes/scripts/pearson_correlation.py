"""Pearson correlation: how strongly are two variables linearly related?"""

import numpy as np
from scipy import stats

# --- data from the request (labbot writes this block) ---
DATA = {
    "x_label": "BMI",
    "x": [22.1, 27.5, 31.2, 24.8, 29.0, 35.4, 26.3, 23.7],
    "y_label": "SBP",
    "y": [124.0, 122.0, 141.0, 118.0, 129.0, 150.0, 127.0, 121.0],
    "conf_level": 0.95,
}
# --- end of data ---


def report(name, value):
    """Print one result as "name = value" with 6 significant digits."""
    print(f"{name} = {value:.6g}")


x = np.array(DATA["x"], dtype=float)
y = np.array(DATA["y"], dtype=float)
level = DATA["conf_level"]

print(f"Pearson correlation between {DATA['x_label']} and {DATA['y_label']}")
result = stats.pearsonr(x, y)
interval = result.confidence_interval(confidence_level=level)  # Fisher z transformation
report("n", len(x))
report("Pearson r", result.statistic)
report("r squared", result.statistic**2)
report(f"{level * 100:g}% CI lower", interval.low)
report(f"{level * 100:g}% CI upper", interval.high)
report("t statistic", result.statistic * np.sqrt((len(x) - 2) / (1 - result.statistic**2)))
report("degrees of freedom", len(x) - 2)
report("p-value (two-sided, H0: r = 0)", result.pvalue)
