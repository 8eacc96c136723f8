"""What carries between a sandbox's cells (tools/sandbox/carry.py): data round-trips, code never runs.

The state a cell hands on is written by that cell's process, so it may be forged; these tests feed
``restore`` forged states directly, on the host, and check that nothing in them runs.
"""

from __future__ import annotations

import ast
import builtins
import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from tools.sandbox import carry


def round_trip(values: dict[str, Any], imports: tuple[str, ...] = ()) -> tuple[dict[str, Any], list[str]]:
    state = carry.capture({"__name__": "__main__", **values}, list(imports), [])
    state = json.loads(json.dumps(state))  # as it crosses the pipes
    namespace: dict[str, Any] = {"__builtins__": builtins}
    carry.restore(state, namespace)
    return {k: v for k, v in namespace.items() if not k.startswith("__")}, state["dropped"]


def test_plain_data_numpy_and_pandas_values_come_back_equal() -> None:
    frame = pd.DataFrame(
        {"dose": [1.0, float("nan")], "arm": pd.Categorical(["b", "a"], ordered=True), "note": ["x", None]},
        index=pd.MultiIndex.from_tuples([("p1", 1), ("p2", 2)], names=["patient", "visit"]),
    )
    values = {
        "nested": {"k": [1, (2, 3.5), {4}, frozenset({5})], b"key": None, 7: 1 + 2j, "big": 10**30},
        "array": np.arange(6, dtype=np.int16).reshape(2, 3),
        "when": np.array(["2024-01-01"], dtype="datetime64[D]"),
        "scalar": np.float32(0.25),
        "frame": frame,
        "series": pd.Series([1, None], dtype="Int64", name="count", index=pd.RangeIndex(5, 7)),
        "labels": pd.Index(["a", "b"], name="label"),
    }
    restored, dropped = round_trip(values)
    assert dropped == []
    assert restored["nested"] == values["nested"]
    assert restored["array"].dtype == np.int16 and (restored["array"] == values["array"]).all()
    assert restored["when"].dtype == values["when"].dtype
    assert type(restored["scalar"]) is np.float32 and restored["scalar"] == np.float32(0.25)
    pd.testing.assert_frame_equal(restored["frame"], frame)
    pd.testing.assert_series_equal(restored["series"], values["series"])
    pd.testing.assert_index_equal(restored["labels"], values["labels"])


def test_code_and_objects_do_not_carry_and_are_named() -> None:
    class Mine(int):  # a subclass brings its own methods: not data
        pass

    values = {"helper": lambda: 1, "mine": Mine(3), "objects": np.array([object()]), "kept": 1, "model": object()}
    values["huge"] = list(range(carry.MAX_ITEMS + 1))  # a file's job: encoding it item by item would take seconds
    restored, dropped = round_trip(values)
    assert restored == {"kept": 1}
    assert sorted(dropped) == ["helper", "huge", "mine", "model", "objects"]


def test_imports_carry_as_statements_and_rebind_their_names() -> None:
    restored, _ = round_trip({}, ("import statistics as stats", "from math import pi"))
    assert restored["stats"].mean([1, 3]) == 2 and restored["pi"] > 3


def test_a_forged_state_runs_no_code(tmp_path: Path) -> None:
    canary = tmp_path / "ran"
    code = f"open({str(canary)!r}, 'w').close()"
    forged = {
        "imports": [code, f"import os; {code}", f"import os\n{code}", "from . import kernel", 7, None],
        "values": {
            "a": ["eval", code],
            "b": ["ndarray", "not base64!"],
            "c": ["frame", [[["objects", [["eval", code]]]], ["range_index", [0, 1, 1, None]]]],
            "__builtins__": ["none", None],
            "not an identifier": ["int", 1],
            "d": ["int", "1"],  # a tag whose payload is not its type
            "ok": ["str", "fine"],
        },
        "dropped": ["helper", 3],
    }
    namespace: dict[str, Any] = {"__builtins__": builtins}
    dropped = carry.restore(forged, namespace)
    assert not canary.exists()
    assert {k: v for k, v in namespace.items() if k != "__builtins__"} == {"ok": "fine"}
    assert namespace["__builtins__"] is builtins
    assert dropped == ["helper", "a", "b", "c", "d"]


def test_pickled_arrays_are_refused() -> None:
    import base64
    import io

    buffer = io.BytesIO()
    np.save(buffer, np.array([object()]), allow_pickle=True)
    with pytest.raises(ValueError, match="pickle"):
        carry.decode(["ndarray", base64.b64encode(buffer.getvalue()).decode()])


def test_only_one_absolute_import_statement_passes() -> None:
    assert carry.one_import("from scipy import stats") is not None
    for source in ("import os; os.getcwd()", "from . import x", "x = 1", "import os\nimport sys", "print(1)"):
        assert carry.one_import(source) is None, source
    tree = ast.parse("import numpy as np\nx = 1\nfrom math import pi")
    assert carry.imports_of(tree) == ["import numpy as np", "from math import pi"]
