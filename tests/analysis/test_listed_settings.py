"""Settings listed with several values ("alpha 0.05 and at 0.01", "80% / 90% power"), differences said in
prose ("means differ by 50"), units that look like cue words ("80 km/s"), and thousands in semicolon exports.

Expected sample sizes are R's ``power.t.test(delta = 50, sd = 80, power = 0.9, sig.level = …)``: 55 at 0.05
and 78 at 0.01 per group.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from analysis.plan import plan_analysis
from analysis.reading import parse_request


def _further(text: str) -> list[tuple[str, float]]:
    return [(key, value) for key, value, _ in parse_request(text).other_values]


@pytest.mark.parametrize(
    ("text", "key", "first", "others"),
    [
        ("n per group, delta 5, sd 10, 80% power, at two-sided alpha 0.05 and at 0.01?", "alpha", 0.05, [0.01]),
        ("n per group at alpha 0.01, and at 0.05? delta 5 sd 10 power 80%", "alpha", 0.01, [0.05]),
        ("sample size per arm for 80% / 90% power, delta 5, sd 12", "power", 0.9, [0.8]),
        ("sample size with p1=0.3 and p2=0.45 for 80%, 85% or 90% power", "power", 0.9, [0.85, 0.8]),
        ("how many per group: d = 0.5, power 0.8 or 0.9, alpha .05", "power", 0.8, [0.9]),
    ],
)
def test_a_setting_listed_with_several_values_keeps_each(
    text: str, key: str, first: float, others: list[float]
) -> None:
    parsed = parse_request(text)
    assert parsed.scalars[key] == first
    assert _further(text) == [(key, value) for value in others]


@pytest.mark.parametrize(
    "text",
    [
        "n per group for 90% power at alpha 0.05, 30 per group available, delta 5, sd 10",
        "power for 30 per group, alpha 0.05, d=0.5",
        "alpha 0.05, 0.8 power, delta 4, sd 9: n per group?",
    ],
)
def test_a_setting_followed_by_other_numbers_has_one_value(text: str) -> None:
    assert _further(text) == []


def test_a_design_at_two_alphas_runs_once_per_alpha_with_r_values() -> None:
    text = (
        "run-to-run SD about 80 km/s. to tell apart two setups whose means differ by 50 km/s with 90% power: "
        "n per setup at two-sided alpha 0.05 and at 0.01?"
    )
    plan = plan_analysis(text)
    assert plan.status == "planned", plan.reason
    assert [(call.name, call.args.alpha, call.args.delta, call.args.sd) for call in plan.calls] == [
        ("sample_size_t_test", 0.05, 50.0, 80.0),
        ("sample_size_t_test", 0.01, 50.0, 80.0),
    ]
    printed = [
        subprocess.run([sys.executable, "-c", c.code()], capture_output=True, text=True, check=True).stdout
        for c in plan.calls
    ]
    assert "n per group, rounded up = 55" in printed[0]
    assert "n per group, rounded up = 78" in printed[1]


@pytest.mark.parametrize(
    ("text", "delta"),
    [("two setups whose means differ by 50 km/s", 50.0), ("arms differing by about 4.5 points", 4.5)],
)
def test_a_difference_said_in_prose_is_the_delta(text: str, delta: float) -> None:
    assert parse_request(text).scalars["delta"] == delta


@pytest.mark.parametrize("text", ["SD about 80 km/s", "a 12 km walk", "speeds in km/s: 299,850"])
def test_km_as_a_unit_is_not_kaplan_meier(text: str) -> None:
    assert not parse_request(text).has("kaplan_meier")


def test_km_as_a_word_still_asks_for_kaplan_meier() -> None:
    assert parse_request("KM curve please for these times: 3, 5+, 8, 12").has("kaplan_meier")


def test_thousands_in_a_semicolon_export_are_grouped_and_decimal_commas_stay_decimals() -> None:
    grouped = '"run";"expt 1 (km/s)";"expt 5 (km/s)"\n1;299,850;299,890\n2;299,740;299,840\n3;300,070;299,780\n'
    parsed = parse_request(grouped + "welch t test, expt 1 minus expt 5")
    assert [item.values for item in parsed.lists if item.column][:2] == [
        (299850.0, 299740.0, 300070.0),
        (299890.0, 299840.0, 299780.0),
    ]
    decimal = "site;before;after\n1;12,5;13,1\n2;11,0;12,4\n3;14,2;15,0\n4;10,9;11,3\npaired t test after minus before"
    lists = [item for item in parse_request(decimal).lists if item.column and item.label in ("before", "after")]
    assert [item.values for item in lists] == [(12.5, 11.0, 14.2, 10.9), (13.1, 12.4, 15.0, 11.3)]
