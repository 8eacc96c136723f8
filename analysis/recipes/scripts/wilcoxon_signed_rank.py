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
    "one_sided": False,
}
# --- end of data ---


def report(name, value):
    """Print one result as "name = value" with 6 significant digits."""
    print(f"{name} = {value:.6g}")


first = np.array(DATA["first"], dtype=float)
if DATA["second"] is not None:
    second = np.array(DATA["second"], dtype=float)
    differences = np.round(first - second, 10)  # 14 - 13.2 is 0.8000000000000007 in floating point: ties stay ties
    print(f"Wilcoxon signed-rank test on the paired differences ({DATA['label_first']} - {DATA['label_second']})")
else:
    differences = np.round(first - DATA["mu"], 10)
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
# R's normal approximation: V against n(n+1)/4, its variance corrected for tied absolute differences
n = len(nonzero)
v_statistic = ranks[nonzero > 0].sum()
_, tie_sizes = np.unique(np.abs(nonzero), return_counts=True)
sigma = np.sqrt(n * (n + 1) * (2 * n + 1) / 24 - (tie_sizes**3 - tie_sizes).sum() / 48)
z = v_statistic - n * (n + 1) / 4
for label, shift in (("with", 0.5 * np.sign(z)), ("without", 0.0)):
    tail = stats.norm.sf(abs((z - shift) / sigma))
    report(f"p-value (two-sided, normal approximation {label} continuity correction)", min(1.0, 2 * tail))
if DATA["one_sided"]:
    # both directions; H1 "greater": the differences are centred above zero (R's alternative = "greater")
    for alternative in ("greater", "less"):
        if exact_possible:
            exact = stats.wilcoxon(differences, method="exact", alternative=alternative).pvalue
            report(f"one-sided p-value (H1: differences {alternative} than 0, exact)", exact)
        for label, correction in (("with", 0.5), ("without", 0.0)):
            shifted = z - correction if alternative == "greater" else z + correction
            tail = stats.norm.sf(shifted / sigma) if alternative == "greater" else stats.norm.cdf(shifted / sigma)
            report(
                f"one-sided p-value (H1: differences {alternative} than 0, normal approximation {label} "
                "continuity correction)",
                tail,
            )

# R's wilcox.test works on the unrounded floating-point differences, where 7.8 - 7.5 and 5.4 - 5.1 differ in
# the 16th digit and so do not tie: say what it would print when that changes the ranks
raw = (first - second if DATA["second"] is not None else first - DATA["mu"]).astype(float)
raw = raw[raw != 0]
raw_ranks = stats.rankdata(np.abs(raw))
if not np.array_equal(raw_ranks, ranks):
    raw_v = raw_ranks[raw > 0].sum()
    _, raw_ties = np.unique(np.abs(raw), return_counts=True)
    raw_sigma = np.sqrt(n * (n + 1) * (2 * n + 1) / 24 - (raw_ties**3 - raw_ties).sum() / 48)
    raw_z = raw_v - n * (n + 1) / 4
    report("V statistic (as R prints it, unrounded differences)", raw_v)
    raw_tail = stats.norm.sf(abs((raw_z - 0.5 * np.sign(raw_z)) / raw_sigma))
    report("p-value (as R prints it, unrounded differences, with continuity correction)", min(1.0, 2 * raw_tail))
