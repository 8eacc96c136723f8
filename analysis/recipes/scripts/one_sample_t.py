"""One-sample t-test: does the mean differ from a reference value?"""

import numpy as np
from scipy import stats

# --- data from the request (labbot writes this block) ---
DATA = {
    "label": "fasting glucose",
    "values": [104.0, 97.0, 112.0, 108.0, 99.0, 115.0, 101.0, 109.0],
    "mu": 100.0,
    "conf_level": 0.95,
    "one_sided": False,
}
# --- end of data ---


def report(name, value):
    """Print one result as "name = value" with 6 significant digits."""
    print(f"{name} = {value:.6g}")


values = np.array(DATA["values"], dtype=float)
mu = DATA["mu"]  # the reference value the mean is tested against
level = DATA["conf_level"]
ci = f"{level * 100:g}% CI"

print(f"One-sample t-test against the reference value {mu:g}, two-sided")
report("n", len(values))
report("mean", values.mean())
report("SD", values.std(ddof=1))
report("mean - reference value", values.mean() - mu)

result = stats.ttest_1samp(values, popmean=mu)
interval = result.confidence_interval(confidence_level=level)
report(f"{ci} of the mean, lower", interval.low)
report(f"{ci} of the mean, upper", interval.high)
report("t statistic", result.statistic)
report("degrees of freedom", result.df)
report("p-value (two-sided)", result.pvalue)

if DATA["one_sided"]:
    # One-sided alternatives in both directions: use the one stated before seeing the data
    for alternative, sign in (("greater", ">"), ("less", "<")):
        one_sided = stats.ttest_1samp(values, popmean=mu, alternative=alternative)
        report(f"one-sided p-value (H1: mean {sign} {mu:g})", one_sided.pvalue)
