"""Mann-Whitney U test (Wilcoxon rank-sum): do two independent groups differ in location?"""

import numpy as np
from scipy import stats

# --- data from the request (labbot writes this block) ---
DATA = {
    "label_a": "placebo",
    "values_a": [6.0, 7.0, 5.0, 8.0, 6.0, 7.0, 9.0, 6.0],
    "label_b": "active",
    "values_b": [4.0, 5.0, 3.0, 6.0, 4.0, 5.0, 3.0],
    "one_sided": False,
}
# --- end of data ---


def report(name, value):
    """Print one result as "name = value" with 6 significant digits."""
    print(f"{name} = {value:.6g}")


label_a, label_b = DATA["label_a"], DATA["label_b"]
group_a = np.array(DATA["values_a"], dtype=float)
group_b = np.array(DATA["values_b"], dtype=float)
ties = len(np.unique(np.concatenate([group_a, group_b]))) < len(group_a) + len(group_b)

print("Mann-Whitney U test (Wilcoxon rank-sum test), two-sided")
for label, values in ((label_a, group_a), (label_b, group_b)):
    report(f"n ({label})", len(values))
    report(f"median ({label})", np.median(values))

# U of the first group is R's W (wilcox.test(a, b))
corrected = stats.mannwhitneyu(group_a, group_b, alternative="two-sided", method="asymptotic", use_continuity=True)
report(f"U statistic ({label_a}; R's W)", corrected.statistic)
report(f"U statistic ({label_b})", len(group_a) * len(group_b) - corrected.statistic)
if not ties:
    # without ties the exact distribution is available (R's wilcox.test uses it below 50 values)
    exact = stats.mannwhitneyu(group_a, group_b, alternative="two-sided", method="exact")
    report("p-value (two-sided, exact)", exact.pvalue)
else:
    print("note: the data have ties, so no exact p-value; the normal approximation corrects for ties")
report("p-value (two-sided, normal approximation with continuity correction)", corrected.pvalue)
plain = stats.mannwhitneyu(group_a, group_b, alternative="two-sided", method="asymptotic", use_continuity=False)
report("p-value (two-sided, normal approximation without continuity correction)", plain.pvalue)
if DATA["one_sided"]:
    # both directions; H1 "greater": values of the first group tend to be larger (R's alternative = "greater")
    for alternative in ("greater", "less"):
        hypothesis = f"H1: {label_a} {alternative} than {label_b}"
        if not ties:
            exact = stats.mannwhitneyu(group_a, group_b, alternative=alternative, method="exact")
            report(f"one-sided p-value ({hypothesis}, exact)", exact.pvalue)
        for label, correction in (("with", True), ("without", False)):
            one = stats.mannwhitneyu(
                group_a, group_b, alternative=alternative, method="asymptotic", use_continuity=correction
            )
            report(f"one-sided p-value ({hypothesis}, normal approximation {label} continuity correction)", one.pvalue)
# Probability of superiority: P(a value from the first group exceeds one from the second), ties half
report(f"probability of superiority ({label_a} > {label_b})", corrected.statistic / (len(group_a) * len(group_b)))
