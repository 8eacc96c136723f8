"""Spearman rank correlation: are two variables monotonically related?"""

import itertools

import numpy as np
from scipy import stats

# --- data from the request (labbot writes this block) ---
DATA = {
    "x_label": "steps",
    "x": [4200.0, 8100.0, 6500.0, 10300.0, 3100.0, 7400.0, 12000.0, 5600.0],
    "y_label": "sleep",
    "y": [6.1, 7.2, 6.8, 7.5, 5.9, 6.6, 7.9, 7.0],
    "conf_level": 0.95,
}
# --- end of data ---


def report(name, value):
    """Print one result as "name = value" with 6 significant digits."""
    print(f"{name} = {value:.6g}")


x = np.array(DATA["x"], dtype=float)
y = np.array(DATA["y"], dtype=float)
ties = len(np.unique(x)) < len(x) or len(np.unique(y)) < len(y)

print(f"Spearman rank correlation between {DATA['x_label']} and {DATA['y_label']}")
result = stats.spearmanr(x, y)
report("n", len(x))
report("Spearman rho", result.statistic)
report("p-value (two-sided, H0: rho = 0; t approximation)", result.pvalue)
ranks_x, ranks_y = stats.rankdata(x), stats.rankdata(y)
report("S statistic (sum of squared rank differences, as in R)", ((ranks_x - ranks_y) ** 2).sum())
if not ties and len(x) <= 9:
    # R's cor.test gives an exact p-value for small samples without ties: every ordering of the ranks
    orderings = np.array(list(itertools.permutations(range(1, len(x) + 1))))
    s_all = ((orderings - ranks_x) ** 2).sum(axis=1)
    s_observed = ((ranks_x - ranks_y) ** 2).sum()
    tail = min((s_all <= s_observed).mean(), (s_all >= s_observed).mean())
    report("p-value (two-sided, exact)", min(1.0, 2 * tail))
