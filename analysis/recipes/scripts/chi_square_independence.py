"""Chi-square test of independence: are the row and column variables associated?"""

import numpy as np
from scipy import stats

# --- data from the request (labbot writes this block) ---
DATA = {
    "rows": [[12, 18, 25], [28, 22, 15]],
    "row_labels": ["responders", "non-responders"],
    "col_labels": ["low", "mid", "high"],
    "conf_level": 0.95,
}
# --- end of data ---


def report(name, value):
    """Print one result as "name = value" with 6 significant digits."""
    print(f"{name} = {value:.6g}")


observed = np.array(DATA["rows"])
two_by_two = observed.shape == (2, 2)

print(f"Pearson's chi-square test of independence ({observed.shape[0]}x{observed.shape[1]} table)")
result = stats.chi2_contingency(observed)  # scipy applies Yates' continuity correction to 2x2 tables only
if two_by_two:
    report("chi-square statistic (Yates' continuity correction)", result.statistic)
    report("degrees of freedom", result.dof)
    report("p-value (Yates' continuity correction)", result.pvalue)
    plain = stats.chi2_contingency(observed, correction=False)
    report("chi-square statistic (no continuity correction)", plain.statistic)
    report("p-value (no continuity correction)", plain.pvalue)
    # The same uncorrected test written as a difference of two proportions (first column, row 1 minus row 2)
    risks = observed[:, 0] / observed.sum(axis=1)
    pooled = observed[:, 0].sum() / observed.sum()
    se = np.sqrt(pooled * (1 - pooled) * (1 / observed[0].sum() + 1 / observed[1].sum()))
    report("difference in proportions (row 1 - row 2)", risks[0] - risks[1])
    report("z statistic (two-proportion z-test, no continuity correction)", (risks[0] - risks[1]) / se)
else:
    report("chi-square statistic", result.statistic)
    report("degrees of freedom", result.dof)
    report("p-value", result.pvalue)
report("Cramer's V", stats.contingency.association(observed, method="cramer"))
report("smallest expected count", result.expected_freq.min())
if result.expected_freq.min() < 5:
    note = " (Fisher's exact test is safer)" if two_by_two else ""
    print("note: some expected counts are below 5, so the chi-square approximation is doubtful" + note)
