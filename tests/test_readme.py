"""The README stays true: its settings table is the settings, and its two commands are the real ones."""

from __future__ import annotations

import importlib.util

from tests.conftest import REPO

README = (REPO / "README.md").read_text()


def _settings_table() -> str:
    spec = importlib.util.spec_from_file_location("settings_table", REPO / "scripts" / "settings_table.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return str(module.table())


def test_settings_table_is_generated_from_the_settings() -> None:
    between = README.split("<!-- settings-table -->", 2)
    assert len(between) == 3, "README needs the table between two <!-- settings-table --> markers"
    assert between[1].strip() == _settings_table(), "run: .venv/bin/python scripts/settings_table.py"


def test_two_setup_commands_at_the_top_and_ci_runs_the_second() -> None:
    first_block = README.split("```bash", 1)[1].split("```", 1)[0]
    commands = [line for line in first_block.splitlines() if line.strip() and not line.startswith("#")]
    assert len(commands) == 2
    assert commands[0].startswith("scripts/bootstrap && ") and "labbot ask" in commands[0]
    assert commands[1] == "scripts/bootstrap --dev && .venv/bin/pytest"
    assert commands[1] in (REPO / ".ci" / "run").read_text()
