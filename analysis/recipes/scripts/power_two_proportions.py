"""Power to compare two independent proportions with a given sample size per group."""

import math

from scipy import stats
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import proportion_effectsize

# --- data from the request (labbot writes this block) ---
DATA = {"p1": 0.015, "p2": 0.0105, "alpha": 0.05, "one_sided": False, "n_per_group": [5000.0, 10000.0]}
# --- end of data ---


def report(name, value):
    """Print one result as "name = value" with 6 significant digits."""
    print(f"{name} = {value:.6g}")


p1, p2, alpha = DATA["p1"], DATA["p2"], DATA["alpha"]
sides = 1 if DATA["one_sided"] else 2
z_alpha = stats.norm.ppf(1 - alpha / sides)
pooled_sd = math.sqrt((p1 + p2) * (2 - p1 - p2) / 2)  # under H0: both groups at the average proportion
unpooled_sd = math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
cohens_h = abs(proportion_effectsize(p1, p2))

print(f"Power to compare two proportions ({p1:g} vs {p2:g}), {'one' if sides == 1 else 'two'}-sided alpha = {alpha:g}")
for n in DATA["n_per_group"]:
    # the normal approximation with the pooled variance under H0, as R's power.prop.test (strict = FALSE)
    power = stats.norm.cdf((math.sqrt(n) * abs(p1 - p2) - z_alpha * pooled_sd) / unpooled_sd)
    report(f"power with n = {n:g} per group (normal approximation)", power)
    arcsine = NormalIndPower().power(
        effect_size=cohens_h, nobs1=n, alpha=alpha, ratio=1.0, alternative="larger" if sides == 1 else "two-sided"
    )
    report(f"power with n = {n:g} per group (arcsine, Cohen's h)", arcsine)
