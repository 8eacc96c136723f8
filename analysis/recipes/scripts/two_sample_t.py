"""Two-sample t-test (Welch's or Student's): do the means of two independent groups differ?"""

import numpy as np
from scipy import stats

# --- data from the request (labbot writes this block) ---
DATA = {
    "label_a": "placebo",
    "values_a": [132.0, 128.0, 141.0, 135.0, 129.0, 138.0, 144.0, 131.0],
    "label_b": "drug",
    "values_b": [121.0, 125.0, 119.0, 130.0, 127.0, 118.0, 124.0],
    "equal_var": False,
    "conf_level": 0.95,
    "one_sided": False,
}
# --- end of data ---


def report(name, value):
    """Print one result as "name = value" with 6 significant digits."""
    print(f"{name} = {value:.6g}")


label_a, label_b = DATA["label_a"], DATA["label_b"]
group_a = np.array(DATA["values_a"], dtype=float)
group_b = np.array(DATA["values_b"], dtype=float)
equal_var = DATA["equal_var"]
level = DATA["conf_level"]
ci = f"{level * 100:g}% CI"

if equal_var:
    print("Student's t-test (pooled variance, equal variances assumed), two-sided")
else:
    print("Welch's t-test (unequal variances), two-sided")
for label, values in ((label_a, group_a), (label_b, group_b)):
    report(f"n ({label})", len(values))
    report(f"mean ({label})", values.mean())
    report(f"SD ({label})", values.std(ddof=1))

result = stats.ttest_ind(group_a, group_b, equal_var=equal_var)
interval = result.confidence_interval(confidence_level=level)
report(f"mean difference ({label_a} - {label_b})", group_a.mean() - group_b.mean())
report(f"{ci} of the difference, lower", interval.low)
report(f"{ci} of the difference, upper", interval.high)
report("t statistic", result.statistic)
report("degrees of freedom", result.df)
report("p-value (two-sided)", result.pvalue)

# Cohen's d with the pooled SD: a standardised effect size to report beside the test
n_a, n_b = len(group_a), len(group_b)
pooled_sd = np.sqrt(((n_a - 1) * group_a.var(ddof=1) + (n_b - 1) * group_b.var(ddof=1)) / (n_a + n_b - 2))
report("Cohen's d", (group_a.mean() - group_b.mean()) / pooled_sd)

# For comparison only: the same test under the other variance assumption
other_name = "Welch, unequal variances" if equal_var else "Student, pooled variance"
other = stats.ttest_ind(group_a, group_b, equal_var=not equal_var)
report(f"t statistic ({other_name}, for comparison)", other.statistic)
report(f"degrees of freedom ({other_name}, for comparison)", other.df)
report(f"p-value ({other_name}, for comparison)", other.pvalue)

if DATA["one_sided"]:
    # One-sided alternatives in both directions: use the one stated before seeing the data
    for alternative, sign in (("greater", ">"), ("less", "<")):
        one_sided = stats.ttest_ind(group_a, group_b, equal_var=equal_var, alternative=alternative)
        report(f"one-sided p-value (H1: mean {label_a} {sign} mean {label_b})", one_sided.pvalue)
