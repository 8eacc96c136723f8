"""Power of a two-sample t-test for a given sample size per group and effect."""

import math

from scipy import stats
from statsmodels.stats.power import TTestIndPower

# --- data from the request (labbot writes this block) ---
DATA = {
    "effect_size": 0.6,
    "delta": None,
    "sd": None,
    "alpha": 0.05,
    "one_sided": False,
    "n_per_group": [20.0, 30.0],
    "target_power": 0.9,
}
# --- end of data ---


def report(name, value):
    """Print one result as "name = value" with 6 significant digits."""
    print(f"{name} = {value:.6g}")


alpha = DATA["alpha"]
alternative = "larger" if DATA["one_sided"] else "two-sided"  # statsmodels' names
z_alpha = stats.norm.ppf(1 - alpha) if DATA["one_sided"] else stats.norm.ppf(1 - alpha / 2)
if DATA["effect_size"] is not None:
    effect_size = DATA["effect_size"]  # Cohen's d, as given
else:
    report("mean difference", DATA["delta"])
    report("SD", DATA["sd"])
    effect_size = DATA["delta"] / DATA["sd"]  # Cohen's d

print(f"Power of a two-sample t-test, equal groups, {alternative} alpha = {alpha:g}")
report("Cohen's d", effect_size)
for n_per_group in DATA["n_per_group"]:
    power = TTestIndPower().power(effect_size, nobs1=n_per_group, alpha=alpha, ratio=1.0, alternative=alternative)
    report(f"power with {n_per_group:g} per group (noncentral t, exact)", power)
    # The normal approximation, for comparison (slightly optimistic in small samples)
    shift = effect_size * math.sqrt(n_per_group / 2)
    approximate = stats.norm.cdf(shift - z_alpha)
    if alternative == "two-sided":
        approximate += stats.norm.cdf(-shift - z_alpha)
    report(f"power with {n_per_group:g} per group (normal approximation)", approximate)
    if DATA["target_power"] is not None:
        # The other way round: the smallest effect this n detects with the power asked
        detectable = TTestIndPower().solve_power(
            nobs1=n_per_group, alpha=alpha, power=DATA["target_power"], ratio=1.0, alternative=alternative
        )
        report(f"detectable Cohen's d with {n_per_group:g} per group at power {DATA['target_power']:g}", detectable)
        if DATA["sd"] is not None:
            report(f"detectable difference with {n_per_group:g} per group at power {DATA['target_power']:g}",
                   detectable * DATA["sd"])  # fmt: skip
