"""McNemar's test: do paired proportions differ?"""

import numpy as np
from statsmodels.stats.contingency_tables import mcnemar

# --- data from the request (labbot writes this block) ---
DATA = {
    "rows": [[20, 3], [11, 16]],
    "row_labels": ["test A positive", "test A negative"],
    "col_labels": ["test B positive", "test B negative"],
    "conf_level": 0.95,
}
# --- end of data ---


def report(name, value):
    """Print one result as "name = value" with 6 significant digits."""
    print(f"{name} = {value:.6g}")


observed = np.array(DATA["rows"])

print("McNemar's test for paired binary outcomes (rows: first measurement, columns: second)")
report("discordant pairs (row 1, column 2)", observed[0, 1])
report("discordant pairs (row 2, column 1)", observed[1, 0])

exact = mcnemar(observed, exact=True)  # binomial test on the discordant pairs
report("p-value (exact binomial)", exact.pvalue)
corrected = mcnemar(observed, exact=False, correction=True)
report("chi-square statistic (continuity-corrected)", corrected.statistic)
report("p-value (chi-square, continuity-corrected)", corrected.pvalue)
plain = mcnemar(observed, exact=False, correction=False)
report("chi-square statistic (no continuity correction)", plain.statistic)
report("p-value (chi-square, no continuity correction)", plain.pvalue)
# The odds ratio of discordance: how much likelier the (1, 2) change is than the (2, 1) change
if observed[1, 0] > 0:
    report("ratio of discordant pairs (row 1 col 2 / row 2 col 1)", observed[0, 1] / observed[1, 0])
