"""Kaplan-Meier survival curves, median survival and survival probabilities; the log-rank test between groups."""

import matplotlib.pyplot as plt
import numpy as np
from lifelines import KaplanMeierFitter
from lifelines.statistics import multivariate_logrank_test
from scipy import stats

# --- data from the request (labbot writes this block) ---
DATA = {
    "groups": [
        {
            "label": "cohort",
            "times": [3.0, 5.0, 6.0, 8.0, 11.0, 12.0, 14.0, 17.0, 19.0, 22.0],
            "events": [1, 1, 0, 1, 1, 0, 1, 1, 0, 1],
        },
    ],
    "time_points": [12.0],
    "conf_level": 0.95,
    "log_rank": False,
}
# --- end of data ---


def report(name, value):
    """Print one result as "name = value" with 6 significant digits."""
    print(f"{name} = {value:.6g}")


def report_time(name, value):
    """Like report, but a time the curve never reaches is printed as such."""
    if np.isfinite(value):
        report(name, value)
    else:
        print(f"{name} = not reached")


def first_time_at_or_below(times, curve, level=0.5):
    below = np.nonzero(curve <= level)[0]
    return times[below[0]] if len(below) else np.inf


level = DATA["conf_level"]
ci = f"{level * 100:g}% CI"
z = stats.norm.ppf(1 - (1 - level) / 2)


if DATA["log_rank"]:
    print("Comparison of survival between groups: log-rank test (R's survdiff), with Kaplan-Meier curves")
    all_times = np.concatenate([group["times"] for group in DATA["groups"]]).astype(float)
    all_events = np.concatenate([group["events"] for group in DATA["groups"]])
    all_groups = np.concatenate([[group["label"]] * len(group["times"]) for group in DATA["groups"]])
    logrank = multivariate_logrank_test(all_times, all_groups, all_events)
    report("log-rank chi-square statistic", logrank.test_statistic)
    report("log-rank degrees of freedom", len(DATA["groups"]) - 1)
    report("log-rank p-value", logrank.p_value)

print("Kaplan-Meier estimate of the survival function (censored times marked on the curve)")
fig, ax = plt.subplots(figsize=(6, 4))
for group in DATA["groups"]:
    label = group["label"]
    times, events = np.array(group["times"], dtype=float), np.array(group["events"])
    kmf = KaplanMeierFitter(label=label, alpha=1 - level).fit(times, event_observed=events)
    kmf.plot_survival_function(ax=ax, ci_show=True, show_censors=True)
    report(f"n ({label})", len(times))
    report(f"events ({label})", events.sum())
    # Greenwood's variance of log S(t), and the interval on the log scale (R's survfit default, conf.type "log")
    table = kmf.event_table
    at_risk, deaths = table["at_risk"].to_numpy(float), table["observed"].to_numpy(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        var_log = np.cumsum(np.where(at_risk > deaths, deaths / (at_risk * (at_risk - deaths)), np.inf))
    steps = table.index.to_numpy(float)
    curve = kmf.survival_function_.iloc[:, 0].to_numpy(float)
    lower = np.clip(curve * np.exp(-z * np.sqrt(var_log)), 0, 1)
    upper = np.clip(curve * np.exp(z * np.sqrt(var_log)), 0, 1)
    report_time(f"median survival ({label})", kmf.median_survival_time_)
    # the median's interval: where the band holds 0.5 (the lower band falls below it first)
    report_time(f"median survival ({label}) {ci} lower", first_time_at_or_below(steps, lower))
    report_time(f"median survival ({label}) {ci} upper", first_time_at_or_below(steps, upper))
    for time_point in DATA["time_points"]:
        index = np.searchsorted(steps, time_point, side="right") - 1
        report(f"survival at t = {time_point:g} ({label})", curve[index])
        report(f"survival at t = {time_point:g} ({label}) {ci} lower (log)", lower[index])
        report(f"survival at t = {time_point:g} ({label}) {ci} upper (log)", upper[index])
        band = kmf.confidence_interval_survival_function_.iloc[index]
        report(f"survival at t = {time_point:g} ({label}) {ci} lower (log-log)", band.iloc[0])
        report(f"survival at t = {time_point:g} ({label}) {ci} upper (log-log)", band.iloc[1])
ax.set_xlabel("time")
ax.set_ylabel("survival probability")
ax.set_ylim(0, 1.05)
ax.set_title("Kaplan-Meier estimate")
fig.tight_layout()
