"""What an install takes: the base and the extras by role, the one-line error for a missing extra, and the
bootstrap's choice of torch build (tested as a decision: PyTorch's index is not reachable from here)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
import zipfile
from importlib.metadata import version
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

from tools.extras import EXTRAS, Extra, MissingExtraError, installed, require

REPO = Path(__file__).resolve().parents[1]
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
BOOTSTRAP = REPO / "scripts" / "bootstrap"


def _names(requirements: list[str]) -> set[str]:
    return {Requirement(r).name.lower().replace("_", "-") for r in requirements}


def test_the_base_leaves_out_slack_training_tracking_and_the_scale_backends() -> None:
    base = _names(PROJECT["dependencies"])
    for role in ("slack", "train", "mlflow", "postgres", "pinecone", "e2b", "server"):
        assert not base & _names(PROJECT["optional-dependencies"][role]) - {"llama-cpp-python"}, role
    assert "websockets" not in base  # declared once, never imported
    assert {"llama-cpp-python", "langgraph", "torch", "scipy", "pyseccomp", "pillow"} <= base


def test_every_extra_doctor_names_is_declared_and_bootstrap_installs_them_all() -> None:
    declared = set(PROJECT["optional-dependencies"]) - {"dev"}
    assert set(EXTRAS) == declared
    all_extras = re.search(r'^all_extras="([^"]+)"', BOOTSTRAP.read_text(), re.M)
    assert all_extras is not None and set(all_extras.group(1).split(",")) == declared
    assert all(installed(name) for name in EXTRAS)  # this environment was bootstrapped


def test_floors_are_the_versions_installed_here_and_trl_is_capped() -> None:
    for requirement in map(Requirement, PROJECT["dependencies"]):
        floors = [Version(s.version) for s in requirement.specifier if s.operator in (">=", "==")]
        assert floors, f"{requirement.name} has no floor"
        installed_version = Version(version(requirement.name))
        assert installed_version in requirement.specifier or installed_version.public in requirement.specifier
    trl = next(Requirement(r) for r in PROJECT["optional-dependencies"]["train"] if r.startswith("trl"))
    assert Version("1.16") in trl.specifier and Version("2.0") not in trl.specifier


def test_a_missing_extra_is_named_with_its_install_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(EXTRAS, "absent", Extra(("labbot_no_such_module", "os"), "nothing"))
    assert not installed("absent")
    with pytest.raises(
        MissingExtraError, match=r"^labbot x needs labbot's 'absent' extra: pip install 'labbot\[absent\]'$"
    ):
        require("absent", "labbot x")


# Slack's libraries and Redis made unimportable in a child process: the base install, as far as `labbot` sees
WITHOUT_SLACK = """
import sys
from importlib.abc import MetaPathFinder
class Block(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {"slack_bolt", "slack_sdk", "aiohttp", "arq", "redis"}:
            raise ModuleNotFoundError(name, name=name)
sys.meta_path.insert(0, Block())
from bot.cli import main
sys.argv = ["labbot", *sys.argv[1:]]
main()
"""


def _labbot_without(blocker: str, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """``labbot ARGS`` from this checkout in a child process that ``blocker`` keeps from importing some packages."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "200", **env}
    return subprocess.run(
        [sys.executable, "-c", blocker, *args], capture_output=True, text=True, env=env, timeout=120, check=False
    )


@pytest.mark.slow
def test_without_the_slack_extra_labbot_runs_and_the_slack_commands_say_what_to_install() -> None:
    helped = _labbot_without(WITHOUT_SLACK, "--help")
    assert helped.returncode == 0, helped.stderr
    assert "ask" in helped.stdout and "serve" in helped.stdout
    served = _labbot_without(WITHOUT_SLACK, "serve", "--socket")
    assert served.returncode == 2
    assert served.stderr.strip() == "labbot serve needs labbot's 'slack' extra: pip install 'labbot[slack]'"
    doctor = _labbot_without(WITHOUT_SLACK, "doctor")
    assert "Extra slack" in doctor.stdout and "labbot[slack]" in doctor.stdout


# the Slack emulator made unimportable: labbot installed without its repository's side distribution
WITHOUT_EMULATOR = WITHOUT_SLACK.replace('{"slack_bolt", "slack_sdk", "aiohttp", "arq", "redis"}', '{"slack_emulator"}')


def test_dev_slack_without_the_emulator_says_how_to_install_it(tmp_path: Path) -> None:
    done = _labbot_without(WITHOUT_EMULATOR, "dev-slack", LABBOT_DATA_DIR=str(tmp_path))
    assert done.returncode == 2, done.stderr[-2000:]
    assert "pip install -e packages/slack-emulator" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize(("wheel_dir", "source"), [(True, "--find-links"), (False, "--extra-index-url")])
def test_bootstrap_takes_torch_from_a_local_wheel_dir_or_else_pytorchs_cpu_index(
    tmp_path: Path, wheel_dir: bool, source: str
) -> None:
    wheels = tmp_path / "wheels"
    if wheel_dir:
        wheels.mkdir()
    env = {**os.environ, "LABBOT_WHEEL_DIR": str(wheels)}
    chosen = subprocess.run(
        ["bash", str(BOOTSTRAP), "--torch-source"], capture_output=True, text=True, env=env, check=True, timeout=30
    ).stdout.split()
    assert chosen[0] == source
    assert chosen[1] == (str(wheels) if wheel_dir else "https://download.pytorch.org/whl/cpu")


@pytest.mark.slow
def test_the_base_wheel_installs_alone_and_answers_over_the_starter_library(tmp_path: Path) -> None:
    """The wheel in a fresh venv without any extra: `labbot --help`, then an answer from the starter library.

    Packages come from the package index as a user's would (pip's cache makes later runs quick), torch's CPU
    build from the local wheel directory when there is one."""
    wheels = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(REPO)], check=True, timeout=600
    )
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    torch_from = subprocess.run(
        ["bash", str(BOOTSTRAP), "--torch-source"], capture_output=True, text=True, check=True, timeout=30
    ).stdout.split()
    wheel = next(wheels.glob("labbot-*.whl"))
    with zipfile.ZipFile(wheel) as archive:  # the Slack emulator (faults, forgeries) is its own distribution
        assert not [name for name in archive.namelist() if "emulator" in name]
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", *torch_from, str(wheel)]
    subprocess.run(pip, check=True, timeout=1800)
    listed = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "list", "--format=freeze"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.lower()
    for absent in ("slack-bolt", "slack-sdk", "redis", "arq", "peft", "trl", "datasets", "mlflow-skinny", "fastapi"):
        assert f"\n{absent}==" not in f"\n{listed}", absent
    labbot = str(venv / "bin" / "labbot")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # the installed wheel, not this checkout
    helped = subprocess.run([labbot, "--help"], capture_output=True, text=True, env=env, timeout=120, check=False)
    assert helped.returncode == 0, helped.stderr
    ingested = subprocess.run(
        [labbot, "ingest", "--starter"], capture_output=True, text=True, env=env, timeout=600, check=False
    )
    assert ingested.returncode == 0, ingested.stderr
    asked = subprocess.run(
        [labbot, "ask", "What does a Kaplan-Meier curve estimate?", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
        check=False,
    )
    assert asked.returncode == 0, asked.stderr[-3000:]
    assert '"abstained": false' in asked.stdout
