"""Results first: every recipe's printed output reads as a finding whose numbers are all in that output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.findings import FINDINGS, finding, numbers_printed
from analysis.plan import plan_analysis
from analysis.recipes.catalog import RECIPES

DEV = Path(__file__).resolve().parents[2] / "evaluation" / "data" / "analysis_dev.jsonl"
SURVIVAL_OUTPUT = """Comparison of survival between groups: log-rank test (R's survdiff), with Kaplan-Meier curves
log-rank chi-square statistic = 16.7929
log-rank degrees of freedom = 1
log-rank p-value = 4.17e-05
Kaplan-Meier estimate of the survival function (censored times marked on the curve)
n (Drug) = 21
events (Drug) = 9
median survival (Drug) = 23
n (Placebo) = 21
events (Placebo) = 21
median survival (Placebo) = 8
"""


def outputs_by_recipe() -> dict[str, str]:
    """One real output per recipe: the first dev request planned to it, its script run as users run it
    (all scripts in one interpreter, each in its own namespace, so scipy is imported once)."""
    scripts: dict[str, str] = {}
    for line in DEV.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        if item.get("expect") != "answer":
            continue
        plan = plan_analysis(item["prompt"])
        if plan.calls and plan.calls[0].recipe.name not in scripts:
            scripts[plan.calls[0].recipe.name] = plan.calls[0].code()
    driver = (
        "import contextlib, io, json, sys\n"
        "scripts = json.loads(sys.stdin.read())\n"
        "out = {}\n"
        "for name, code in scripts.items():\n"
        "    buffer = io.StringIO()\n"
        "    with contextlib.redirect_stdout(buffer):\n"
        "        exec(compile(code, name, 'exec'), {'__name__': '__main__'})\n"
        "    out[name] = buffer.getvalue()\n"
        "print(json.dumps(out))\n"
    )
    ran = subprocess.run(
        [sys.executable, "-c", driver],
        input=json.dumps(scripts),
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    outputs: dict[str, str] = json.loads(ran.stdout.strip().splitlines()[-1])
    return outputs


def test_every_recipe_declares_how_its_outputs_read() -> None:
    assert set(RECIPES) <= set(FINDINGS)


@pytest.fixture(scope="module")
def outputs() -> dict[str, str]:
    return outputs_by_recipe()


@pytest.mark.parametrize("recipe", sorted(RECIPES))
def test_each_recipe_states_its_result_from_its_printed_numbers(recipe: str, outputs: dict[str, str]) -> None:
    if recipe not in outputs:
        pytest.skip(f"no dev request plans to {recipe}")
    stdout = outputs[recipe]
    sentence = finding(recipe, stdout)
    assert sentence, f"{recipe} printed:\n{stdout}"
    assert numbers_printed(sentence, stdout)


def test_the_survival_finding_reads_like_the_readme_example() -> None:
    sentence = finding("log_rank", SURVIVAL_OUTPUT)
    assert sentence == (
        "Median survival Drug 23, median survival Placebo 8. "
        "The log-rank test rejects equal survival in the groups (χ² = 16.7929, p = 4.17e-05)."
    )


def test_a_number_not_in_the_output_is_never_stated() -> None:
    assert not numbers_printed("median survival 24", SURVIVAL_OUTPUT)
    assert (
        finding("log_rank", "log-rank p-value = 0.2\n")
        == "The log-rank test does not reject equal survival in the groups (p = 0.2)."
    )
