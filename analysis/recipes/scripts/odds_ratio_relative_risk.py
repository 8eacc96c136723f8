"""Odds ratio and relative risk with confidence intervals from a 2x2 table."""

import numpy as np
from scipy import stats
from statsmodels.stats.contingency_tables import Table2x2

# --- data from the request (labbot writes this block) ---
DATA = {
    "rows": [[30, 70], [15, 85]],
    "row_labels": ["exposed", "unexposed"],
    "col_labels": ["dermatitis", "no dermatitis"],
    "conf_level": 0.95,
}
# --- end of data ---


def report(name, value):
    """Print one result as "name = value" with 6 significant digits."""
    print(f"{name} = {value:.6g}")


observed = np.array(DATA["rows"])
row_labels, col_labels = DATA["row_labels"], DATA["col_labels"]
level = DATA["conf_level"]
ci = f"{level * 100:g}% CI"
alpha = 1 - level

# Rows are the groups compared (first row vs second), the first column is the outcome of interest
print(f"Odds ratio and relative risk of {col_labels[0]!r}: {row_labels[0]!r} vs {row_labels[1]!r}")
zero_cell = bool((observed == 0).any())
table = Table2x2(observed, shift_zeros=zero_cell)  # a zero cell gets 0.5 added to every cell
if zero_cell:
    print("note: a cell is zero, so 0.5 was added to every cell before the ratios were computed")
risks = observed[:, 0] / observed.sum(axis=1)
report(f"risk ({row_labels[0]})", risks[0])
report(f"risk ({row_labels[1]})", risks[1])
difference = risks[0] - risks[1]
se_difference = np.sqrt(sum(r * (1 - r) / n for r, n in zip(risks, observed.sum(axis=1), strict=True)))
z = stats.norm.ppf(1 - alpha / 2)
report("risk difference", difference)
report(f"risk difference {ci} lower (Wald)", difference - z * se_difference)
report(f"risk difference {ci} upper (Wald)", difference + z * se_difference)
if difference != 0:
    report("number needed to treat (or harm), 1 / |risk difference|", 1 / abs(difference))

report("relative risk", table.riskratio)
low, high = table.riskratio_confint(alpha=alpha)  # log (Katz) interval
report(f"relative risk {ci} lower", low)
report(f"relative risk {ci} upper", high)
report("p-value (relative risk = 1)", table.riskratio_pvalue())

report("odds ratio", table.oddsratio)
low, high = table.oddsratio_confint(alpha=alpha)  # log (Woolf) interval
report(f"odds ratio {ci} lower", low)
report(f"odds ratio {ci} upper", high)
report("p-value (odds ratio = 1)", table.oddsratio_pvalue())
