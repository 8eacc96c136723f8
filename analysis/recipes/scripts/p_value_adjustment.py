"""Multiple-testing correction of a set of p-values (Bonferroni, Holm, Benjamini-Hochberg)."""

import numpy as np
from statsmodels.stats.multitest import multipletests

# --- data from the request (labbot writes this block) ---
DATA = {
    "labels": ["IL-1b", "IL-6", "TNF", "IL-10"],
    "p_values": [0.0042, 0.031, 0.0005, 0.27],
    "methods": ["bonferroni", "holm", "fdr_bh"],
    "alpha": 0.05,
}
# --- end of data ---


def report(name, value):
    """Print one result as "name = value" with 6 significant digits."""
    print(f"{name} = {value:.6g}")


NAMES = {"bonferroni": "Bonferroni", "holm": "Holm", "fdr_bh": "Benjamini-Hochberg"}
p_values = np.array(DATA["p_values"], dtype=float)
alpha = DATA["alpha"]  # familywise error rate (Bonferroni, Holm) or false discovery rate (BH)
labels = DATA["labels"] or [f"test {position}" for position in range(1, len(p_values) + 1)]

print(f"Adjusted p-values for {len(p_values)} tests, in the order given")
for method in DATA["methods"]:
    reject, adjusted, _, _ = multipletests(p_values, alpha=alpha, method=method)
    for label, raw, value in zip(labels, p_values, adjusted, strict=True):
        report(f"{NAMES[method]}-adjusted p, {label} (raw p = {raw:g})", value)
    report(f"{NAMES[method]}: number of tests significant at {alpha:g}", reject.sum())
