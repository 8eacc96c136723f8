"""Small helpers that keep the generated scripts uniform: literals, the report helper, the layout.

Every script has a header comment, its imports, a ``report`` helper that prints ``name = value`` with 6
significant digits, the request's data as literals, then the analysis. Labels from the request only
ever enter the code through ``repr``, so no request text can become code.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence

REPORT_HELPER = '''def report(name, value):
    """Print one result as "name = value" with 6 significant digits."""
    print(f"{name} = {value:.6g}")
'''

_WRAP = 96


def number(value: float) -> str:
    """A float literal as short as it can be written: 12 not 12.0, 0.1 not 0.1000000001."""
    if math.isfinite(value) and float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


def numbers(values: Sequence[float], indent: int = 4) -> str:
    """A list literal, wrapped to stay readable when the data are long."""
    body = ", ".join(number(v) for v in values)
    if len(body) <= _WRAP - indent:
        return f"[{body}]"
    lines = textwrap.wrap(body, width=_WRAP - indent - 4, break_on_hyphens=False)
    inner = "\n".join(" " * (indent + 4) + line for line in lines)
    return "[\n" + inner + "\n" + " " * indent + "]"


def integers(values: Sequence[int | float]) -> str:
    return "[" + ", ".join(str(int(v)) for v in values) + "]"


def text(value: str) -> str:
    return repr(value)


def table(rows: Sequence[Sequence[float]]) -> str:
    return "[" + ", ".join("[" + ", ".join(number(v) for v in row) + "]" for row in rows) + "]"


def script(title: str, imports: Sequence[str], body: str) -> str:
    """Assemble a script: header comment, sorted imports, the report helper, then the body."""
    header = "\n".join(f"# {line}" if line else "#" for line in textwrap.wrap(title, width=_WRAP))
    lines = [header, *sorted(imports, key=_import_order), "", "", REPORT_HELPER, "", body.strip("\n"), ""]
    return "\n".join(lines)


def _import_order(line: str) -> tuple[int, str]:
    module = line.split()[1]
    return (0 if line.startswith("import ") else 1, module)
