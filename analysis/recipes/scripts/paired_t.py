"""Paired t-test: did the mean change within pairs?"""

import numpy as np
from scipy import stats

# --- data from the request (labbot writes this block) ---
DATA = {
    "label_first": "after",
    "first": [6.2, 7.1, 6.8, 6.0, 7.4],
    "label_second": "before",
    "second": [5.1, 4.8, 6.0, 5.5, 6.6],
    "conf_level": 0.95,
    "one_sided": False,
}
# --- end of data ---


def report(name, value):
    """Print one result as "name = value" with 6 significant digits."""
    print(f"{name} = {value:.6g}")


label_first, label_second = DATA["label_first"], DATA["label_second"]
first = np.array(DATA["first"], dtype=float)
second = np.array(DATA["second"], dtype=float)
differences = first - second  # one value per subject, the lists in the same order
level = DATA["conf_level"]
ci = f"{level * 100:g}% CI"

print(f"Paired t-test on the within-pair differences ({label_first} - {label_second}), two-sided")
report("n pairs", len(differences))
report(f"mean ({label_first})", first.mean())
report(f"mean ({label_second})", second.mean())
report(f"mean difference ({label_first} - {label_second})", differences.mean())
report("SD of the differences", differences.std(ddof=1))

result = stats.ttest_rel(first, second)
interval = result.confidence_interval(confidence_level=level)
report(f"{ci} of the mean difference, lower", interval.low)
report(f"{ci} of the mean difference, upper", interval.high)
report("t statistic", result.statistic)
report("degrees of freedom", result.df)
report("p-value (two-sided)", result.pvalue)
# Cohen's dz: the mean difference in units of the SD of the differences
report("Cohen's dz", differences.mean() / differences.std(ddof=1))

if DATA["one_sided"]:
    # One-sided alternatives in both directions: use the one stated before seeing the data
    for alternative, sign in (("greater", ">"), ("less", "<")):
        one_sided = stats.ttest_rel(first, second, alternative=alternative)
        report(f"one-sided p-value (H1: mean {label_first} {sign} mean {label_second})", one_sided.pvalue)
