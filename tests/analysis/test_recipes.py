"""Analysis recipes end to end: dev task → parse → top candidate → code run in a fresh interpreter → numbers.

The generated code runs in a plain subprocess with the venv's python (no sandbox): this is a unit
test of the recipes, not of code isolation.
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from analysis.contract import TERMS
from analysis.numbers import matches_expected, missing_expected, numbers_in
from analysis.reading import parse_request
from analysis.recipes import ALL_RECIPES, RECIPES, Recipe, candidates
from analysis.recipes.render import SCRIPTS
from evaluation.data.make_code_dev import OUTPUT, dev_tasks
from tests.conftest import REPO
from tools.cli import starter_library_path

DEV_JSONL = REPO / "evaluation" / "data" / "code_dev.jsonl"
RUN_TIMEOUT_S = 120


@dataclass(frozen=True)
class DevRun:
    task: dict[str, Any]
    recipe: str | None
    returncode: int
    stdout: str
    stderr: str


def run_code(code: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MPLBACKEND": "Agg"}
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=RUN_TIMEOUT_S, env=env, check=False
    )


def _dev_records() -> list[dict[str, Any]]:
    return [json.loads(line) for line in DEV_JSONL.read_text(encoding="utf-8").splitlines() if line.strip()]


def _run_task(task: dict[str, Any]) -> DevRun:
    options = candidates(parse_request(task["prompt"]))
    if not options:
        return DevRun(task, None, -1, "", "no candidates")
    result = run_code(options[0].code())
    return DevRun(task, options[0].name, result.returncode, result.stdout, result.stderr)


@pytest.fixture(scope="module")
def dev_runs() -> dict[str, DevRun]:
    """Every dev task's top candidate, run once; two at a time (the reference machine has two cores)."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        return {run.task["id"]: run for run in pool.map(_run_task, _dev_records())}


INTENDED = {task.id: task.recipe for task in dev_tasks()}


def test_dev_set_file_is_current_and_well_formed() -> None:
    records = _dev_records()
    assert OUTPUT == DEV_JSONL
    assert len(records) >= 30
    assert [r["id"] for r in records] == list(INTENDED), "code_dev.jsonl is stale: rerun make_code_dev"
    for record in records:
        assert set(record) == {"id", "prompt", "expected", "rel_tol"}
        assert record["expected"] and all(isinstance(v, float) for v in record["expected"].values())
        assert record["rel_tol"] == 0.01


def test_dev_set_covers_every_recipe() -> None:
    assert set(INTENDED.values()) == set(RECIPES)


def test_dev_expected_values_match_their_script() -> None:
    by_id = {r["id"]: r for r in _dev_records()}
    for task in dev_tasks():
        assert matches_expected(by_id[task.id]["expected"], list(task.expected().values()), 1e-9), task.id


@pytest.mark.slow
@pytest.mark.parametrize("task_id", list(INTENDED))
def test_dev_task_top_candidate_is_right_runs_and_prints_the_expected_numbers(
    task_id: str, dev_runs: dict[str, DevRun]
) -> None:
    run = dev_runs[task_id]
    assert run.recipe == INTENDED[task_id]
    assert run.returncode == 0, run.stderr[-2000:]
    assert missing_expected(run.task["expected"], run.stdout, run.task["rel_tol"]) == {}, run.stdout


@pytest.mark.slow
def test_dev_set_figure(dev_runs: dict[str, DevRun], capsys: pytest.CaptureFixture[str]) -> None:
    """The headline: the share of tasks whose top candidate is the right recipe and prints every expected number."""
    good = [
        run
        for run in dev_runs.values()
        if run.recipe == INTENDED[run.task["id"]]
        and run.returncode == 0
        and matches_expected(run.task["expected"], run.stdout, run.task["rel_tol"])
    ]
    share = len(good) / len(dev_runs)
    with capsys.disabled():
        print(f"\ndev code set: top candidate right and correct on {len(good)}/{len(dev_runs)} = {share:.3f}")
    assert share >= 0.9


@pytest.mark.slow
def test_every_generated_result_line_is_name_equals_number(dev_runs: dict[str, DevRun]) -> None:
    for run in dev_runs.values():
        for line in run.stdout.splitlines():
            if " = " in line:
                assert re.search(r" = (-?[\d.]+(e[-+]\d+)?|nan|inf|-inf|not reached)$", line), line


@pytest.mark.parametrize("recipe", ALL_RECIPES, ids=lambda r: r.name)
def test_recipe_metadata_is_complete(recipe: Recipe[Any]) -> None:
    assert re.fullmatch(r"[a-z0-9_]+", recipe.name)
    assert recipe.title and recipe.keywords and recipe.assumptions
    summary = recipe.summary
    assert summary.endswith(".") and len(re.findall(r"[.!?](\s|$)", summary)) == 1, "one sentence for Methods"
    assert all(a.endswith(".") for a in recipe.assumptions)
    assert all(weight != 0 for _, weight in recipe.cue_weights)


def test_every_reference_exists_in_the_starter_library() -> None:
    ids = {json.loads(line)["id"] for line in starter_library_path().read_text(encoding="utf-8").splitlines()}
    referenced = {ref for recipe in ALL_RECIPES for ref in recipe.references}
    assert referenced, "recipes should cite the methods papers they implement"
    assert referenced <= ids, referenced - ids


def test_recipe_names_are_unique() -> None:
    assert len(RECIPES) == len(ALL_RECIPES) >= 24


@pytest.mark.parametrize("task_id", list(INTENDED))
def test_generated_code_is_self_contained_and_imports_first(task_id: str) -> None:
    prompt = next(r["prompt"] for r in _dev_records() if r["id"] == task_id)
    code = candidates(parse_request(prompt))[0].code()
    tree = ast.parse(code)
    assert ast.get_docstring(tree), "a script says what it computes"
    body = tree.body[1:]
    imports = [n for n in body if isinstance(n, ast.Import | ast.ImportFrom)]
    first_other = next(i for i, n in enumerate(body) if not isinstance(n, ast.Import | ast.ImportFrom))
    assert imports and all(body.index(n) < first_other for n in imports), "imports at the top"
    modules = {alias.name.split(".")[0] for n in imports if isinstance(n, ast.Import) for alias in n.names}
    modules |= {(n.module or "").split(".")[0] for n in imports if isinstance(n, ast.ImportFrom)}
    assert modules <= {"math", "itertools", "numpy", "scipy", "pandas", "statsmodels", "lifelines", "matplotlib"}
    assert "plt.show" not in code and "open(" not in code
    assert 'print(f"{name} = {value:.6g}")' in code


def test_labels_from_the_request_never_become_code() -> None:
    prompt = "Group \"'); import os; os.system('x'); (\": 1.1, 2.2, 3.3, 4.4 and {evil}} :: 5.5, 6.6, 7.7, 8.9"
    options = candidates(parse_request(prompt))
    assert options
    result = run_code(options[0].code())
    assert result.returncode == 0, result.stderr
    assert "t statistic = " in result.stdout


def test_plots_are_figures_left_open_not_saved_or_shown() -> None:
    prompt = "Kaplan-Meier please: 3, 5, 6+, 8, 11, 12+, 15"
    code = candidates(parse_request(prompt))[0].code()
    probe = code + "\nimport matplotlib.pyplot as plt\nprint('figures', len(plt.get_fignums()))\n"
    result = run_code(probe)
    assert result.returncode == 0, result.stderr
    assert "figures 1" in result.stdout
    assert "savefig" not in code


def test_numbers_in_reads_what_scripts_print() -> None:
    text = "t statistic = -2.31456\np-value = 0.0347\nsmall = 1.2e-05\n95% CI upper = 4\nmedian = not reached"
    assert numbers_in(text) == [-2.31456, 0.0347, 1.2e-05, 95.0, 4.0]
    assert numbers_in("nan and inf") == []


def test_matches_expected_uses_relative_tolerance_and_sign() -> None:
    printed = "t = -2.31456\np = 0.0347"
    assert matches_expected({"t": -2.3, "p": 0.0348}, printed, 0.01)
    assert not matches_expected({"t": 2.31456}, printed, 0.01)
    assert missing_expected({"t": -2.31456, "df": 12.0}, printed, 0.01) == {"df": 12.0}
    assert matches_expected({"zero": 0.0}, [0.0, 1.0], 0.01)


def test_dev_reference_script_never_imports_the_recipes() -> None:
    for name in ("make_code_dev.py", "dev_reference.py"):
        tree = ast.parse((Path(REPO) / "evaluation" / "data" / name).read_text(encoding="utf-8"))
        modules = {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        modules |= {alias.name for n in ast.walk(tree) if isinstance(n, ast.Import) for alias in n.names}
        assert not any(m.startswith(("tools", "analysis")) for m in modules), (name, modules)


def test_every_script_users_get_passes_ruff(tmp_path: Path) -> None:
    """The code each dev task gets, rendered with its data, is linted like the project's own code."""
    for record in _dev_records():
        options = candidates(parse_request(record["prompt"]))
        (tmp_path / f"{record['id']}.py").write_text(options[0].code(), encoding="utf-8")
    ruff = Path(sys.executable).parent / "ruff"
    result = subprocess.run(
        [str(ruff), "check", "--no-cache", "--config", str(REPO / "pyproject.toml"), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_script_belongs_to_a_recipe_and_names_its_analyses() -> None:
    scripts = {path.name for path in SCRIPTS.glob("*.py")}
    assert scripts == {recipe.script for recipe in ALL_RECIPES}
    for recipe in ALL_RECIPES:
        assert recipe.implements <= set(TERMS), (recipe.name, recipe.implements - set(TERMS))
        assert all(TERMS[key].supported for key in recipe.implements)
        assert recipe.needs.endswith(tuple("abcdefghijklmnopqrstuvwxyz)")), recipe.name


@pytest.mark.parametrize("script", sorted(SCRIPTS.glob("*.py")), ids=lambda path: path.name)
def test_every_script_runs_on_the_example_data_it_carries(script: Path) -> None:
    result = run_code(script.read_text(encoding="utf-8"))
    assert result.returncode == 0, result.stderr[-2000:]
    assert " = " in result.stdout
