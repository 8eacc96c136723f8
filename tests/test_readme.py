"""The README stays true: its settings table names every setting, and its two commands are the real ones."""

from __future__ import annotations

import re

from pydantic import BaseModel, SecretStr

from tests.conftest import REPO
from tools.settings import Settings

README = (REPO / "README.md").read_text()


def _expected_variables() -> set[str]:
    names: set[str] = set()
    for name, field in Settings.model_fields.items():
        section = field.annotation
        if isinstance(section, type) and issubclass(section, BaseModel):
            names |= {f"LABBOT_{name.upper()}__{sub.upper()}" for sub in section.model_fields}
        elif field.annotation == SecretStr | None:
            names.add(name.upper())  # secrets are listed under their conventional name
        else:
            names.add(f"LABBOT_{name.upper()}")
    return names


def test_settings_table_lists_every_setting() -> None:
    table = re.findall(r"^\| `([A-Z0-9_]+)`", README, flags=re.MULTILINE)
    assert set(table) == _expected_variables()


def test_two_setup_commands_at_the_top_and_ci_runs_the_second() -> None:
    first_block = README.split("```bash", 1)[1].split("```", 1)[0]
    commands = [line for line in first_block.splitlines() if line.strip() and not line.startswith("#")]
    assert len(commands) == 2
    assert commands[0].startswith("scripts/bootstrap && ") and "labbot" in commands[0]
    assert commands[1] == "scripts/bootstrap --dev && .venv/bin/pytest"
    assert commands[1] in (REPO / ".ci" / "run").read_text()
