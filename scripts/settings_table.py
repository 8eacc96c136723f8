"""Print the README's settings table from tools/settings.py (tests/test_readme.py checks they agree).

.venv/bin/python scripts/settings_table.py
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, SecretStr

from tools.settings import Settings


def _default(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, dict):
        return "see `tools/settings.py`"
    return f"`{value}`"


def rows() -> list[str]:
    lines = []
    for name, field in Settings.model_fields.items():
        kind = field.annotation
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            for sub, sub_field in kind.model_fields.items():
                variable = f"`LABBOT_{name.upper()}__{sub.upper()}`"
                lines.append(f"| {variable} | {_default(sub_field.default)} | {sub_field.description} |")
        elif kind == SecretStr | None:
            lines.append(f"| `{name.upper()}` (or `LABBOT_{name.upper()}`) | — | {field.description} |")
        else:
            lines.append(f"| `LABBOT_{name.upper()}` | {_default(field.default)} | {field.description} |")
    return lines


def table() -> str:
    return "\n".join(["| variable | default | meaning |", "|---|---|---|", *rows()])


if __name__ == "__main__":
    print(table())
