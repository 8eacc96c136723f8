"""What carries from one cell of a sandbox to the next: data and import statements, never code or objects.

Each cell runs in a fresh process forked from a clean template (``kernel.py``), so nothing a cell does to
the interpreter (builtins, ``sys.stdout``, a library's functions, trace hooks, the kernel's own objects)
reaches the next cell. What the next cell may use of this one is carried explicitly, in a form whose
restoring runs no code the cell wrote:

- values that are data: ``None``, booleans, numbers, strings, bytes, lists, tuples, dicts and sets of data,
  numpy arrays and scalars of non-object dtypes (``numpy.save`` without pickle), pandas Series, DataFrames
  and indexes whose columns are such arrays, categoricals or lists of data;
- the cell's top-level ``import`` / ``from … import`` statements, re-run before the next cell; each is
  parsed again on restore and run only if it is one import statement and nothing else, so the state a cell
  hands on (which it could forge) can name modules but cannot hold code.

Functions, classes and other objects a cell made (a fitted model, an open file) do not carry; their names
are listed, so that a later cell's ``NameError`` can say why. The sandbox copies this file beside
``kernel.py``; it imports only the standard library at module level.
"""

from __future__ import annotations

import ast
import base64
import contextlib
import io
import json
import os
import sys
import types
from pathlib import Path
from typing import Any

MAX_STATE_BYTES = 32 * 1024 * 1024  # encoded, over all values: a bigger state is a file's job (/tmp persists)
MAX_DEPTH = 32
MAX_ITEMS = 100_000  # per list, dict or object column: encoding Python objects one by one is slow past that
MAX_IMPORTS = 200
MAX_DROPPED = 1000
Encoded = list[Any]  # [tag, payload]


class NotData(Exception):
    """The value is not data that can carry (a function, a class, an object of some library)."""


# ---- encoding: in the cell's process, after the cell ---------------------------------------------------------------


def _ndarray(value: Any) -> Encoded:
    import numpy

    if value.dtype.hasobject:
        raise NotData("an object array")
    buffer = io.BytesIO()
    numpy.save(buffer, value, allow_pickle=False)
    return ["ndarray", base64.b64encode(buffer.getvalue()).decode("ascii")]


def _column(values: Any, depth: int) -> Encoded:
    """A pandas column's values: a numpy array, a categorical, or (object and extension dtypes) a list of data."""
    import numpy
    import pandas

    if isinstance(values.dtype, pandas.CategoricalDtype):
        categorical = pandas.Categorical(values)
        categories = _index(pandas.Index(categorical.categories), depth + 1)
        codes = _ndarray(numpy.asarray(categorical.codes))
        return ["categorical", [codes, categories, bool(categorical.ordered)]]
    if isinstance(values.dtype, numpy.dtype) and not values.dtype.hasobject:
        return _ndarray(numpy.asarray(values))
    items = [encode(item, depth + 1) for item in _counted(values).tolist()]
    if isinstance(values.dtype, numpy.dtype):
        return ["objects", items]
    return ["extension", [str(values.dtype), items]]


def _index(index: Any, depth: int) -> Encoded:
    import pandas

    name = encode(index.name, depth + 1) if not isinstance(index, pandas.MultiIndex) else None
    if isinstance(index, pandas.RangeIndex):
        return ["range_index", [index.start, index.stop, index.step, name]]
    if isinstance(index, pandas.MultiIndex):
        levels = [_column(index.get_level_values(n), depth + 1) for n in range(index.nlevels)]
        return ["multi_index", [levels, [encode(n, depth + 1) for n in index.names]]]
    return ["index", [_column(index, depth + 1), name]]


def _pandas(value: Any, depth: int) -> Encoded | None:
    pandas = sys.modules.get("pandas")
    if pandas is None:
        return None
    if isinstance(value, pandas.DataFrame):
        columns = [_column(value.iloc[:, n].array, depth + 1) for n in range(value.shape[1])]
        return ["frame", [columns, _index(value.columns, depth + 1), _index(value.index, depth + 1)]]
    if isinstance(value, pandas.Series):
        parts = [_column(value.array, depth + 1), _index(value.index, depth + 1), encode(value.name, depth + 1)]
        return ["series", parts]
    if isinstance(value, pandas.Index):
        return _index(value, depth)
    if value is pandas.NA:
        return ["na", None]
    return None


def _numpy(value: Any) -> Encoded | None:
    numpy = sys.modules.get("numpy")
    if numpy is None:
        return None
    if isinstance(value, numpy.ndarray):
        return _ndarray(value)
    if isinstance(value, numpy.generic):
        return ["scalar", _ndarray(numpy.asarray(value))]
    return None


def _scalar(value: Any, depth: int) -> Encoded:
    return [type(value).__name__, value]


def _counted(items: Any) -> Any:
    if len(items) > MAX_ITEMS:
        raise NotData(f"over {MAX_ITEMS} items")
    return items


def _sequence(value: Any, depth: int) -> Encoded:
    _counted(value)
    return [type(value).__name__, [encode(item, depth + 1) for item in value]]


def _mapping(value: dict[Any, Any], depth: int) -> Encoded:
    _counted(value)
    return ["dict", [[encode(k, depth + 1), encode(v, depth + 1)] for k, v in value.items()]]


ENCODERS: dict[type, Any] = {
    type(None): lambda value, depth: ["none", None],
    bool: _scalar,
    int: _scalar,
    float: _scalar,
    str: _scalar,
    complex: lambda value, depth: ["complex", [value.real, value.imag]],
    bytes: lambda value, depth: ["bytes", base64.b64encode(value).decode("ascii")],
    list: _sequence,
    tuple: _sequence,
    set: _sequence,
    frozenset: _sequence,
    dict: _mapping,
}


def encode(value: Any, depth: int = 0) -> Encoded:
    """``value`` as JSON-able [tag, payload]; ``NotData`` if it is not data. Exact types only: a subclass of
    ``int`` or ``dict`` is the cell's own class, with its own methods, so it does not carry."""
    if depth > MAX_DEPTH:
        raise NotData("nested too deeply")
    encoder = ENCODERS.get(type(value))
    found = encoder(value, depth) if encoder is not None else _numpy(value) or _pandas(value, depth)
    if found is None:
        raise NotData(type(value).__name__)
    return found


def imports_of(tree: ast.Module) -> list[str]:
    """The top-level import statements of a cell, as source."""
    return [ast.unparse(node) for node in tree.body if isinstance(node, ast.Import | ast.ImportFrom)]


def capture(namespace: dict[str, Any], imports: list[str], uncarried: list[str]) -> dict[str, Any]:
    """The state a cell hands on: its data values, every import so far, and the names that could not carry
    (``uncarried``, those of earlier cells, included unless this cell set them)."""
    values: dict[str, Encoded] = {}
    dropped = [name for name in uncarried if name not in namespace]
    size = 0
    for name, value in list(namespace.items()):
        if name.startswith("__") or isinstance(value, types.ModuleType):
            continue  # dunders are the kernel's; modules come back through the import statements
        try:
            encoded = encode(value)
            size += len(json.dumps(encoded))
        except (NotData, ValueError, TypeError, RecursionError, AttributeError):
            dropped.append(name)
            continue
        if size > MAX_STATE_BYTES:
            dropped.append(name)
            continue
        values[name] = encoded
    imports = list(dict.fromkeys(imports))[-MAX_IMPORTS:]
    return {"imports": imports, "values": values, "dropped": list(dict.fromkeys(dropped))[-MAX_DROPPED:]}


# ---- restoring: in the next cell's fresh process, before the cell --------------------------------------------------


def _decoded_ndarray(payload: Any) -> Any:
    import numpy

    return numpy.load(io.BytesIO(base64.b64decode(payload, validate=True)), allow_pickle=False)


def _decoded_column(encoded: Any, depth: int) -> Any:
    import numpy
    import pandas

    tag, payload = encoded
    if tag == "ndarray":
        return _decoded_ndarray(payload)
    if tag == "categorical":
        codes, categories, ordered = payload
        return pandas.Categorical.from_codes(
            _decoded_ndarray(codes[1]), categories=_decoded_index(categories, depth + 1), ordered=ordered is True
        )
    if tag == "objects":
        items = [decode(item, depth + 1) for item in payload]
        array = numpy.empty(len(items), dtype=object)
        array[:] = items
        return array
    if tag == "extension":
        dtype, items = payload
        return pandas.array([decode(item, depth + 1) for item in items], dtype=str(dtype))
    raise ValueError(f"not a column: {tag!r}")


def _decoded_index(encoded: Any, depth: int) -> Any:
    import pandas

    tag, payload = encoded
    if tag == "range_index":
        start, stop, step, name = payload
        return pandas.RangeIndex(int(start), int(stop), int(step), name=decode(name, depth + 1))
    if tag == "multi_index":
        levels, names = payload
        arrays = [_decoded_column(level, depth + 1) for level in levels]
        return pandas.MultiIndex.from_arrays(arrays, names=[decode(n, depth + 1) for n in names])
    if tag == "index":
        values, name = payload
        return pandas.Index(_decoded_column(values, depth + 1), name=decode(name, depth + 1))
    raise ValueError(f"not an index: {tag!r}")


def _decoded_pandas(tag: str, payload: Any, depth: int) -> Any:
    import pandas

    if tag == "frame":
        columns, labels, index = payload
        data = {n: _decoded_column(column, depth + 1) for n, column in enumerate(columns)}
        frame = pandas.DataFrame(data, index=_decoded_index(index, depth + 1))
        frame.columns = _decoded_index(labels, depth + 1)
        return frame
    if tag == "series":
        values, index, name = payload
        return pandas.Series(
            _decoded_column(values, depth + 1), index=_decoded_index(index, depth + 1), name=decode(name, depth + 1)
        )
    if tag == "na":
        return pandas.NA
    return _decoded_index([tag, payload], depth)


def _plain(kind: type) -> Any:
    def decoded(payload: Any, depth: int) -> Any:
        if type(payload) is not kind and not (kind is float and type(payload) is int):
            raise ValueError(f"a {kind.__name__} that is not one")
        return payload

    return decoded


def _built(kind: type) -> Any:
    return lambda payload, depth: kind(decode(item, depth + 1) for item in payload)


DECODERS: dict[str, Any] = {
    "none": lambda payload, depth: None,
    "bool": _plain(bool),
    "int": _plain(int),
    "float": _plain(float),
    "str": _plain(str),
    "complex": lambda payload, depth: complex(float(payload[0]), float(payload[1])),
    "bytes": lambda payload, depth: base64.b64decode(payload, validate=True),
    "list": _built(list),
    "tuple": _built(tuple),
    "set": _built(set),
    "frozenset": _built(frozenset),
    "dict": lambda payload, depth: {decode(k, depth + 1): decode(v, depth + 1) for k, v in payload},
    "ndarray": lambda payload, depth: _decoded_ndarray(payload),
    "scalar": lambda payload, depth: _decoded_ndarray(payload[1])[()],
}
PANDAS_TAGS = {"frame", "series", "na", "range_index", "multi_index", "index"}


def decode(encoded: Any, depth: int = 0) -> Any:
    """The value ``encode`` made; ``ValueError`` (or the library's own error) for anything else."""
    if depth > MAX_DEPTH or not isinstance(encoded, list) or len(encoded) != 2:
        raise ValueError("not an encoded value")
    tag, payload = encoded
    if tag in PANDAS_TAGS:
        return _decoded_pandas(tag, payload, depth)
    if not isinstance(tag, str) or tag not in DECODERS:
        raise ValueError(f"unknown tag {tag!r}")
    return DECODERS[tag](payload, depth)


def one_import(source: Any) -> ast.Module | None:
    """``source`` parsed, if it is exactly one absolute import statement (and so no code of a cell)."""
    if not isinstance(source, str):
        return None
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return None
    if len(tree.body) != 1 or not isinstance(tree.body[0], ast.Import | ast.ImportFrom):
        return None
    if isinstance(tree.body[0], ast.ImportFrom) and tree.body[0].level:
        return None
    return tree


@contextlib.contextmanager
def _silenced() -> Any:
    """fds 1 and 2 and sys.stdout/stderr to /dev/null: an import's own output is not the cell's."""
    saved = [os.dup(1), os.dup(2)]
    null = os.open(os.devnull, os.O_WRONLY)
    streams = sys.stdout, sys.stderr
    try:
        os.dup2(null, 1)
        os.dup2(null, 2)
        sys.stdout = sys.stderr = Path(os.devnull).open("w")  # noqa: SIM115  # closed below
        yield
    finally:
        sys.stdout.close()
        sys.stdout, sys.stderr = streams
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        for fd in [*saved, null]:
            os.close(fd)


def restore(state: Any, namespace: dict[str, Any]) -> list[str]:
    """Re-run the carried imports and set the carried values in ``namespace``; return the names that did not carry."""
    if not isinstance(state, dict):
        return []
    with _silenced():
        for source in state.get("imports", [])[:MAX_IMPORTS]:
            tree = one_import(source)
            if tree is not None:
                with contextlib.suppress(Exception):  # a module that is gone fails as it would in the cell
                    exec(compile(tree, "<carried import>", "exec"), namespace)
    dropped = [name for name in state.get("dropped", [])[:MAX_DROPPED] if isinstance(name, str)]
    values = state.get("values")
    for name, encoded in (values if isinstance(values, dict) else {}).items():
        if not isinstance(name, str) or not name.isidentifier() or name.startswith("__"):
            continue
        try:
            namespace[name] = decode(encoded)
        except Exception:  # anything a forged state holds fails here, and the name is simply not set
            dropped.append(name)
    return dropped
