"""Sample size per group for comparing two means with a two-sample t-test."""

import math

from scipy import stats
from statsmodels.stats.power import TTestIndPower

# --- data from the request (labbot writes this block) ---
DATA = {"effect_size": 0.5, "delta": None, "sd": None, "alpha": 0.05, "one_sided": False, "power": 0.8}
# --- end of data ---


def report(name, value):
    """Print one result as "name = value" with 6 significant digits."""
    print(f"{name} = {value:.6g}")


alpha, power = DATA["alpha"], DATA["power"]
alternative = "larger" if DATA["one_sided"] else "two-sided"  # statsmodels' names
z_alpha = stats.norm.ppf(1 - alpha) if DATA["one_sided"] else stats.norm.ppf(1 - alpha / 2)
if DATA["effect_size"] is not None:
    effect_size = DATA["effect_size"]  # Cohen's d, as given
else:
    report("mean difference", DATA["delta"])
    report("SD", DATA["sd"])
    effect_size = DATA["delta"] / DATA["sd"]  # Cohen's d

print(f"Sample size per group for a two-sample t-test, equal groups, {alternative} alpha = {alpha:g}")
report("Cohen's d", effect_size)
report("power", power)
n_exact = TTestIndPower().solve_power(
    effect_size=effect_size, alpha=alpha, power=power, ratio=1.0, alternative=alternative
)
report("n per group (noncentral t, exact)", n_exact)
report("n per group, rounded up", math.ceil(n_exact))
report("total n, rounded up", 2 * math.ceil(n_exact))
achieved = TTestIndPower().power(effect_size, nobs1=math.ceil(n_exact), alpha=alpha, ratio=1.0, alternative=alternative)
report("power with the rounded-up n", achieved)

# The normal-approximation formula of many textbooks, for comparison (slightly smaller)
n_normal = 2 * (z_alpha + stats.norm.ppf(power)) ** 2 / effect_size**2
report("n per group (normal approximation)", n_normal)
report("n per group (normal approximation), rounded up", math.ceil(n_normal))

# Planning usually weighs more than one power: the rounded-up n per group at the common choices
for other in sorted({0.8, 0.85, 0.9, 0.95} - {power}):
    n_other = TTestIndPower().solve_power(
        effect_size=effect_size, alpha=alpha, power=other, ratio=1.0, alternative=alternative
    )
    report(f"n per group for {other:.0%} power, rounded up", math.ceil(n_other))
