"""Wilcoxon signed-rank test: are paired differences (or values minus a reference) centred on zero?"""

import numpy as np
from scipy import stats

# --- data from the request (labbot writes this block) ---
DATA = {
    "label_first": "week 8",
    "first": [3.0, 3.0, 4.0, 2.0, 5.0, 1.0, 2.5],
    "label_second": "week 0",
    "second": [5.0, 4.0, 6.0, 5.0, 4.5, 3.0, 6.0],
    "mu": 0.0,
}
# --- end of data ---


def report(name, value):
    """Print one result as "name = value" with 6 significant digits."""
    print(f"{name} = {value:.6g}")


first = np.array(DATA["first"], dtype=float)
if DATA["second"] is not None:
    second = np.array(DATA["second"], dtype=float)
    differences = first - second
    print(f"Wilcoxon signed-rank test on the paired differences ({DATA['label_first']} - {DATA['label_second']})")
else:
    differences = first - DATA["mu"]
    print(f"Wilcoxon signed-rank test against the reference value {DATA['mu']:g}, two-sided")
report("n pairs", len(differences))
report("median difference", np.median(differences))

# zero differences are dropped (R's default); ranks of the absolute differences, ties averaged
nonzero = differences[differences != 0]
ranks = stats.rankdata(np.abs(nonzero))
report("V statistic (sum of positive ranks, as in R)", ranks[nonzero > 0].sum())
report("W statistic (smaller signed-rank sum, scipy)", min(ranks[nonzero > 0].sum(), ranks[nonzero < 0].sum()))
exact_possible = len(nonzero) == len(differences) and len(np.unique(np.abs(nonzero))) == len(nonzero)
if exact_possible:
    report("p-value (two-sided, exact)", stats.wilcoxon(differences, method="exact").pvalue)
else:
    print("note: zero or tied differences, so no exact p-value (R uses the normal approximation below)")
    if len(nonzero) == len(differences) and len(differences) <= 50:
        # scipy's default here: the exact null distribution, treating tied ranks as if they were distinct
        report(
            "p-value (two-sided, exact distribution ignoring ties, scipy's default)", stats.wilcoxon(differences).pvalue
        )
corrected = stats.wilcoxon(differences, method="approx", correction=True)
report("p-value (two-sided, normal approximation with continuity correction)", corrected.pvalue)
plain = stats.wilcoxon(differences, method="approx", correction=False)
report("p-value (two-sided, normal approximation without continuity correction)", plain.pvalue)
