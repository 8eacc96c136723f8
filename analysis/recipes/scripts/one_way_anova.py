"""One-way ANOVA: do the means of several independent groups differ?"""

import numpy as np
from scipy import stats

# --- data from the request (labbot writes this block) ---
DATA = {
    "labels": ["ctrl", "trt1", "trt2"],
    "groups": [[4.17, 5.58, 5.18, 6.11, 4.5], [4.81, 4.17, 4.41, 3.59, 5.87], [6.31, 5.12, 5.54, 5.5, 5.37]],
}
# --- end of data ---


def report(name, value):
    """Print one result as "name = value" with 6 significant digits."""
    print(f"{name} = {value:.6g}")


groups = {label: np.array(values, dtype=float) for label, values in zip(DATA["labels"], DATA["groups"], strict=True)}

print("One-way ANOVA (equal variances assumed), F-test of equal group means")
for label, values in groups.items():
    report(f"n ({label})", len(values))
    report(f"mean ({label})", values.mean())
    report(f"SD ({label})", values.std(ddof=1))

result = stats.f_oneway(*groups.values())
n_total = sum(len(values) for values in groups.values())
report("F statistic", result.statistic)
report("df between groups", len(groups) - 1)
report("df within groups", n_total - len(groups))
report("p-value", result.pvalue)

# Eta squared: the share of the total variance explained by group membership
pooled = np.concatenate(list(groups.values()))
ss_between = sum(len(v) * (v.mean() - pooled.mean()) ** 2 for v in groups.values())
report("eta squared", ss_between / ((pooled - pooled.mean()) ** 2).sum())

# Tukey's HSD: which pairs of groups differ, with the familywise error rate controlled
tukey = stats.tukey_hsd(*groups.values())
simultaneous = tukey.confidence_interval(confidence_level=0.95)  # R's TukeyHSD() intervals (Tukey-Kramer)
labels = list(groups)
for i in range(len(labels)):
    for j in range(i + 1, len(labels)):
        pair = f"{labels[j]} - {labels[i]}"
        report(f"Tukey HSD difference ({pair})", -tukey.statistic[i, j])
        report(f"Tukey HSD 95% simultaneous CI lower ({pair})", -simultaneous.high[i, j])
        report(f"Tukey HSD 95% simultaneous CI upper ({pair})", -simultaneous.low[i, j])
        report(f"Tukey HSD p-value ({labels[i]} vs {labels[j]})", tukey.pvalue[i, j])
