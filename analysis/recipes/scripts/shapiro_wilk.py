"""Shapiro-Wilk test: are the data consistent with a normal distribution?"""

import numpy as np
from scipy import stats

# --- data from the request (labbot writes this block) ---
DATA = {
    "labels": ["haemoglobin"],
    "samples": [[13.2, 14.1, 12.8, 15.0, 13.7, 14.4, 12.5, 13.9, 14.8, 13.1]],
}
# --- end of data ---


def report(name, value):
    """Print one result as "name = value" with 6 significant digits."""
    print(f"{name} = {value:.6g}")


samples = {label: np.array(values, dtype=float) for label, values in zip(DATA["labels"], DATA["samples"], strict=True)}

print("Shapiro-Wilk test of normality (H0: the sample comes from a normal distribution)")
for label, values in samples.items():
    result = stats.shapiro(values)
    suffix = f" ({label})" if len(samples) > 1 else ""
    report(f"n{suffix}", len(values))
    report(f"W statistic{suffix}", result.statistic)
    report(f"p-value{suffix}", result.pvalue)
