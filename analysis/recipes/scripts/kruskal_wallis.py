"""Kruskal-Wallis test: do several independent groups differ (rank-based)?"""

import numpy as np
from scipy import stats

# --- data from the request (labbot writes this block) ---
DATA = {
    "labels": ["chow", "HFD", "HFD + drug"],
    "groups": [[1.0, 0.0, 1.0, 2.0, 1.0, 0.0], [2.0, 3.0, 2.0, 3.0, 4.0, 2.0], [1.0, 2.0, 1.0, 2.0, 2.0, 1.0]],
}
# --- end of data ---


def report(name, value):
    """Print one result as "name = value" with 6 significant digits."""
    print(f"{name} = {value:.6g}")


groups = {label: np.array(values, dtype=float) for label, values in zip(DATA["labels"], DATA["groups"], strict=True)}

print("Kruskal-Wallis H test (rank-based one-way comparison of several groups)")
for label, values in groups.items():
    report(f"n ({label})", len(values))
    report(f"median ({label})", np.median(values))

result = stats.kruskal(*groups.values())  # H is corrected for ties, as in R's kruskal.test
report("H statistic (Kruskal-Wallis chi-square)", result.statistic)
report("degrees of freedom", len(groups) - 1)
report("p-value", result.pvalue)
