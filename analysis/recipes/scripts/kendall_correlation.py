"""Kendall's tau-b: are two variables monotonically related, judged by concordant and discordant pairs?"""

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
n = len(x)
ties = len(np.unique(x)) < n or len(np.unique(y)) < n

print(f"Kendall's tau-b between {DATA['x_label']} and {DATA['y_label']}")
report("n", n)
tau = stats.kendalltau(x, y, method="asymptotic")
report("Kendall tau-b", tau.statistic)
# R's cor.test(method = "kendall") is exact for fewer than 50 pairs without ties, the normal approximation otherwise
if not ties:
    concordant = sum(np.sign(x[j] - x[i]) == np.sign(y[j] - y[i]) for i in range(n) for j in range(i + 1, n))
    report("T statistic (concordant pairs)", concordant)
    sides = (("two-sided", "two-sided"), ("greater", "one-sided, tau > 0"), ("less", "one-sided, tau < 0"))
    for alternative, label in sides:
        report(f"p-value ({label}, exact)", stats.kendalltau(x, y, method="exact", alternative=alternative).pvalue)
x_ties = np.unique(x, return_counts=True)[1]
y_ties = np.unique(y, return_counts=True)[1]


def over_ties(counts, weight):
    """Sum over groups of tied values of t (t - 1) weight(t), t the size of each group."""
    return (counts * (counts - 1) * weight(counts)).sum()


# the variance of Kendall's score with ties (Kendall 1970), as R's cor.test uses
variance = (
    (n * (n - 1) * (2 * n + 5) - over_ties(x_ties, lambda t: 2 * t + 5) - over_ties(y_ties, lambda t: 2 * t + 5)) / 18
    + over_ties(x_ties, lambda t: 1) * over_ties(y_ties, lambda t: 1) / (2 * n * (n - 1))
    + over_ties(x_ties, lambda t: t - 2) * over_ties(y_ties, lambda t: t - 2) / (9 * n * (n - 1) * (n - 2))
)
pairs = n * (n - 1) / 2
score = tau.statistic * np.sqrt(
    (pairs - over_ties(x_ties, lambda t: 1) / 2) * (pairs - over_ties(y_ties, lambda t: 1) / 2)
)
z = score / np.sqrt(variance)
report("z statistic (normal approximation, tie-corrected)", z)
report("p-value (two-sided, normal approximation)", 2 * stats.norm.sf(abs(z)))
report("p-value (one-sided, tau > 0, normal approximation)", stats.norm.sf(z))
report("p-value (one-sided, tau < 0, normal approximation)", stats.norm.cdf(z))
