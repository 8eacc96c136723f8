"""Sample size per group for comparing two independent proportions."""

import math

from scipy import stats
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import proportion_effectsize, samplesize_proportions_2indep_onetail

# --- data from the request (labbot writes this block) ---
DATA = {"p1": 0.3, "p2": 0.15, "alpha": 0.05, "one_sided": False, "power": 0.8}
# --- end of data ---


def report(name, value):
    """Print one result as "name = value" with 6 significant digits."""
    print(f"{name} = {value:.6g}")


p1, p2 = DATA["p1"], DATA["p2"]  # expected proportions in the first and second group
alpha, power = DATA["alpha"], DATA["power"]
alternative = "larger" if DATA["one_sided"] else "two-sided"  # statsmodels' names
z_alpha = stats.norm.ppf(1 - alpha) if DATA["one_sided"] else stats.norm.ppf(1 - alpha / 2)

print(f"Sample size per group to compare two proportions ({p1:g} vs {p2:g}), {alternative} alpha = {alpha:g}")
report("power", power)
# Normal approximation with the pooled variance under H0 (the classic formula; R's power.prop.test)
n_pooled = samplesize_proportions_2indep_onetail(
    diff=p2 - p1, prop2=p1, power=power, ratio=1.0, alpha=alpha, alternative=alternative
)
report("n per group (normal approximation)", n_pooled)
report("n per group (normal approximation), rounded up", math.ceil(n_pooled))
report("total n, rounded up", 2 * math.ceil(n_pooled))

# The same approximation with unpooled variances under H0 as well (some textbooks use this form)
z_power = stats.norm.ppf(power)
n_unpooled = (z_alpha + z_power) ** 2 * (p1 * (1 - p1) + p2 * (1 - p2)) / (p1 - p2) ** 2
report("n per group (normal approximation, unpooled variance)", n_unpooled)

# Fleiss' continuity correction: a more conservative n, closer to what an exact test needs
n_corrected = n_pooled / 4 * (1 + math.sqrt(1 + 4 / (n_pooled * abs(p1 - p2)))) ** 2
report("n per group with continuity correction", n_corrected)
report("n per group with continuity correction, rounded up", math.ceil(n_corrected))

# Cohen's h (arcsine transformation), the effect size many power tables use
cohens_h = abs(proportion_effectsize(p2, p1))
report("Cohen's h", cohens_h)
n_arcsine = NormalIndPower().solve_power(
    effect_size=cohens_h, alpha=alpha, power=power, ratio=1.0, alternative=alternative
)
report("n per group (arcsine, Cohen's h)", n_arcsine)

# Planning usually weighs more than one power: the rounded-up n per group at the common choices
for other in sorted({0.8, 0.85, 0.9, 0.95} - {power}):
    n_other = samplesize_proportions_2indep_onetail(
        diff=p2 - p1, prop2=p1, power=other, ratio=1.0, alpha=alpha, alternative=alternative
    )
    report(f"n per group for {other:.0%} power (normal approximation), rounded up", math.ceil(n_other))
