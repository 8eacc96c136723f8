"""Fisher's exact test: association in a 2x2 table without a large-sample approximation."""

from scipy import stats

# --- data from the request (labbot writes this block) ---
DATA = {
    "rows": [[7, 5], [2, 13]],
    "row_labels": ["responders", "non-responders"],
    "col_labels": ["mutated", "wild type"],
    "conf_level": 0.95,
}
# --- end of data ---


def report(name, value):
    """Print one result as "name = value" with 6 significant digits."""
    print(f"{name} = {value:.6g}")


observed = DATA["rows"]
level = DATA["conf_level"]

print("Fisher's exact test (2x2), two-sided")
result = stats.fisher_exact(observed)
report("sample odds ratio (a*d / b*c)", result.statistic)
report("p-value (two-sided)", result.pvalue)
for alternative in ("greater", "less"):
    report(
        f"p-value (one-sided, odds ratio {'>' if alternative == 'greater' else '<'} 1)",
        stats.fisher_exact(observed, alternative=alternative).pvalue,
    )

# The conditional maximum-likelihood odds ratio with its exact CI (what R's fisher.test reports)
conditional = stats.contingency.odds_ratio(observed, kind="conditional")
interval = conditional.confidence_interval(confidence_level=level)
report("conditional MLE odds ratio", conditional.statistic)
report(f"{level * 100:g}% CI lower (exact)", interval.low)
report(f"{level * 100:g}% CI upper (exact)", interval.high)
