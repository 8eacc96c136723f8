"""How a cell and its bwrap result map onto E2B's code-interpreter wire format, for the stand-in (``e2b.py``).

Jupyter reports a final expression's value as a *main result* line, apart from stdout, while bwrap's kernel
prints it; ``capture_final_expression`` rewrites a cell so the value is printed behind a sentinel, which
``execution_lines`` turns back into a result line, as the template's server would send it.
"""

from __future__ import annotations

import ast
import base64
import io
from datetime import UTC, datetime
from typing import Any

from tools.sandbox.protocol import ExecResult

Json = dict[str, Any]
CHUNK_CHARS = 16384  # stdout/stderr go out in pieces, as Jupyter streams them
_VALUE = "__e2b_standin_value__"


def _offset(code: str, line: int, column: int) -> int:
    """A str index from an ast (line, UTF-8 byte column) position; lines split as Python's tokenizer does."""
    lines = io.StringIO(code, newline="").readlines()
    before = sum(len(text) for text in lines[: line - 1])
    return before + len(lines[line - 1].encode()[:column].decode("utf-8", "ignore"))


def capture_final_expression(code: str, sentinel: str) -> str:
    """The cell with its final expression's value printed behind ``sentinel`` (none if it is None), every line
    kept in place so that tracebacks still quote the cell as written."""
    if code.rstrip().endswith(";"):  # IPython's rule: no value shown
        return code
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return code  # the kernel reports it
    last = tree.body[-1] if tree.body else None
    if not isinstance(last, ast.Expr) or last.end_lineno is None or last.end_col_offset is None:
        return code
    start = _offset(code, last.lineno, last.col_offset)
    end = _offset(code, last.end_lineno, last.end_col_offset)
    show = f"if {_VALUE} is not None: __import__('sys').stdout.write({sentinel!r} + repr({_VALUE}) + '\\n')"
    return f"{code[:start]}{_VALUE} = ({code[start:end]}){code[end:]}\n{show}\ndel {_VALUE}\n"


def _split_main_result(stdout: str, sentinel: str) -> tuple[str, str | None]:
    at = stdout.rfind(sentinel)
    if at < 0:
        return stdout, None
    text = stdout[at + len(sentinel) :].removesuffix("\n")
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1]  # the template's server strips a string's quotes from text/plain
    return stdout[:at], text


def execution_lines(result: ExecResult, sentinel: str) -> list[Json]:
    """A bwrap result as the code-interpreter server's NDJSON items (before end_of_execution)."""
    stamp = datetime.now(UTC).isoformat()
    stdout, main = _split_main_result(result.stdout, sentinel)
    lines: list[Json] = []
    for kind, text in (("stdout", stdout), ("stderr", result.stderr)):
        for at in range(0, len(text), CHUNK_CHARS):
            lines.append({"type": kind, "text": text[at : at + CHUNK_CHARS], "timestamp": stamp})
    for png in result.figures:
        figure = {"type": "result", "png": base64.b64encode(png).decode(), "text": "<Figure>", "extra": {}}
        lines.append(figure | {"is_main_result": False})
    if main is not None:
        lines.append({"type": "result", "text": main, "is_main_result": True, "extra": {}})
    error = result.error
    if error is not None and error.name == "SandboxCrashed":  # the kernel died: Jupyter restarts it, state gone
        lines.append({"type": "error", "name": "ContextRestarting", "value": "Context was restarted", "traceback": ""})
    elif error is not None:
        lines.append({"type": "error", "name": error.name, "value": error.value, "traceback": error.traceback})
    return lines
