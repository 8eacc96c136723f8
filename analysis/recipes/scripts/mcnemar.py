"""McNemar's test: do paired proportions differ?"""

import numpy as np
from scipy import stats
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
# The matched-pairs (conditional) odds ratio b/c, with the exact interval from the binomial on the discordant
# pairs (Clopper-Pearson for b / (b + c), turned into odds)
b, c = int(observed[0, 1]), int(observed[1, 0])
level = DATA["conf_level"]
if b > 0 and c > 0:
    interval = stats.binomtest(b, b + c).proportion_ci(confidence_level=level, method="exact")
    report("conditional odds ratio (row 1 col 2 / row 2 col 1)", b / c)
    report(f"conditional odds ratio {level * 100:g}% CI lower (exact)", interval.low / (1 - interval.low))
    report(f"conditional odds ratio {level * 100:g}% CI upper (exact)", interval.high / (1 - interval.high))
    report("conditional odds ratio, the other way round (row 2 col 1 / row 1 col 2)", c / b)
