"""A recipe's script is a real Python file; rendering swaps its example ``DATA`` for the request's data.

Each script under ``scripts/`` runs as it stands (on the example data it carries), so ruff and the
tests check the code users get. Between the marker lines sits one ``DATA = {...}`` literal; rendering
replaces it with the arguments of one request, laid out the way the scripts are — labels from the request only
ever enter a script as string literals (written by ``json.dumps``, whose escapes Python shares), never
as code.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

SCRIPTS = Path(__file__).with_name("scripts")
BEGIN = "# --- data from the request (labbot writes this block) ---"
END = "# --- end of data ---"
_BLOCK = re.compile(rf"^{re.escape(BEGIN)}\n.*?^{re.escape(END)}$", re.MULTILINE | re.DOTALL)
_WIDTH = 100


@cache
def template(name: str) -> str:
    text = (SCRIPTS / name).read_text(encoding="utf-8")
    if len(_BLOCK.findall(text)) != 1:
        raise ValueError(f"{name}: a recipe script needs exactly one data block between the marker lines")
    return text


def data_literal(data: dict[str, Any]) -> str:
    return "DATA = " + _literal(data, 0)


def _literal(value: Any, indent: int) -> str:
    """A Python literal: one key per line, short lists inline, long number lists wrapped."""
    pad = " " * (indent + 4)
    if isinstance(value, dict):
        items = [f"{pad}{json.dumps(key)}: {_literal(item, indent + 4)}," for key, item in value.items()]
        return "{\n" + "\n".join(items) + "\n" + " " * indent + "}"
    if isinstance(value, list):
        inline = "[" + ", ".join(_literal(item, indent + 4) for item in value) + "]"
        if len(inline) + indent <= _WIDTH and "\n" not in inline:
            return inline
        if all(not isinstance(item, dict | list) for item in value):
            lines = _filled([_literal(item, 0) for item in value], _WIDTH - indent - 4)
            return "[\n" + "\n".join(pad + line for line in lines) + "\n" + " " * indent + "]"
        return "[\n" + "\n".join(f"{pad}{_literal(item, indent + 4)}," for item in value) + "\n" + " " * indent + "]"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if value is None or isinstance(value, bool | int | float):
        return repr(value)
    raise TypeError(f"cannot write {type(value).__name__} into a recipe's data")


def _filled(items: list[str], width: int) -> list[str]:
    """Items joined by ", " into lines of at most ``width``, broken only between items (a label such as
    "time 13.15" is one string literal, never split across lines)."""
    lines: list[str] = []
    for item in items:
        if lines and len(lines[-1]) + len(item) + 2 <= width:
            lines[-1] += f" {item},"
        else:
            lines.append(f"{item},")
    lines[-1] = lines[-1].removesuffix(",")
    return lines


def render_script(name: str, data: dict[str, Any]) -> str:
    """The script ``name`` with ``data`` as its DATA literal."""
    block = f"{BEGIN}\n{data_literal(data)}\n{END}"
    return _BLOCK.sub(lambda _: block, template(name), count=1)
