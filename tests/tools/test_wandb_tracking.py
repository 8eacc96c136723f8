"""LABBOT_TRAINING__TRACKING=wandb: a W&B run in offline mode, read back from the run file it leaves.

wandb 0.31 writes the run as a LevelDB-style log of protobuf records (``run-ID.wandb``) and ships no
reader for it in Python, so the test reads the records itself: the run's params and every logged
metric at its step, as ``wandb sync`` would upload them.
"""

from __future__ import annotations

import json
import os
import struct
import time
from pathlib import Path
from typing import Any

import pytest

from tools.extras import installed
from tools.settings import Settings, TrainingSettings
from tools.tracking import open_tracker

_BLOCK = 32768  # the log's block size; a record header is 7 bytes (crc32, length, type)
_FULL, _FIRST, _MIDDLE, _LAST = 1, 2, 3, 4


@pytest.fixture(autouse=True)
def offline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not installed("wandb"):
        if os.environ.get("CI"):
            pytest.fail("the wandb extra is installed by scripts/bootstrap (--dev too) and required under CI")
        pytest.skip("the wandb extra is not installed (pip install 'labbot[wandb]')")
    # nothing leaves the machine, and W&B's config and cache stay in the test's folder
    for name, value in {
        "WANDB_MODE": "offline",
        "WANDB_DIR": str(tmp_path / "wandb-dir"),
        "WANDB_CONFIG_DIR": str(tmp_path / "wandb-config"),
        "WANDB_CACHE_DIR": str(tmp_path / "wandb-cache"),
        "WANDB_SILENT": "true",
    }.items():
        monkeypatch.setenv(name, value)


def records(run_file: Path) -> list[Any]:
    from wandb.proto import wandb_internal_pb2

    raw = run_file.read_bytes()
    assert raw[:4] == b":W&B"
    found, pending, offset = [], b"", 7  # after the file's 7-byte identifier
    while offset + 7 <= len(raw):
        if _BLOCK - offset % _BLOCK < 7:  # a block's tail too short for a header is padding
            offset += _BLOCK - offset % _BLOCK
            continue
        _crc, length, kind = struct.unpack("<IHB", raw[offset : offset + 7])
        chunk, offset = raw[offset + 7 : offset + 7 + length], offset + 7 + length
        if kind in (_FULL, _FIRST):
            pending = chunk
        elif kind in (_MIDDLE, _LAST):
            pending += chunk
        if kind in (_FULL, _LAST):
            record = wandb_internal_pb2.Record()  # type: ignore[attr-defined]  # generated protobuf, no stubs
            record.ParseFromString(pending)
            found.append(record)
    return found


def finished_records(run_file: Path, timeout: float = 30.0) -> list[Any]:
    """The run's records once its exit record is written: wandb-core writes the file from its own process,
    and a fresh-clone run once read it before the run record was there."""
    deadline = time.monotonic() + timeout
    while True:
        found = records(run_file) if run_file.is_file() else []
        if any(r.WhichOneof("record_type") == "exit" for r in found) or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


def _key(item: Any) -> str:
    return str(item.key or "/".join(item.nested_key))  # wandb-core writes history keys as nested keys


def test_a_run_logs_params_metrics_and_files_offline(tmp_path: Path) -> None:
    data = tmp_path / "data"
    settings = Settings(data_dir=data, training=TrainingSettings(tracking="wandb", experiment="labbot-test"))
    tracker = open_tracker(settings.training, settings.data_path)
    run_id = tracker.start("tiny", {"method": "dpo", "max_steps": 2, "dataset_hash": "ab" * 32})
    assert run_id
    for step, loss in ((1, 0.69), (2, 0.61)):
        tracker.log_metrics({"loss": loss}, step)
    curve = tmp_path / "loss.png"
    curve.write_bytes(b"\x89PNG fake")
    tracker.log_file(curve)
    tracker.finish("FINISHED")

    (folder,) = (data / "wandb").glob(f"offline-run-*-{run_id}")  # the data dir, not WANDB_DIR or the cwd
    assert (folder / "files" / "loss.png").read_bytes() == b"\x89PNG fake"
    logged = finished_records(folder / f"run-{run_id}.wandb")
    (run,) = [r.run for r in logged if r.WhichOneof("record_type") == "run"]
    assert run.project == "labbot-test" and run.display_name == "tiny" and list(run.tags) == ["labbot"]
    params = {item.key: json.loads(item.value_json) for item in run.config.update if item.key != "_wandb"}
    assert params == {"method": "dpo", "max_steps": 2, "dataset_hash": "ab" * 32}
    history = [
        (r.history.step.num, {_key(item): json.loads(item.value_json) for item in r.history.item})
        for r in logged
        if r.WhichOneof("record_type") == "history"
    ]
    assert [(step, row["loss"]) for step, row in history] == [(1, 0.69), (2, 0.61)]
    (exit_record,) = [r.exit for r in logged if r.WhichOneof("record_type") == "exit"]
    assert exit_record.exit_code == 0
    assert not (tmp_path / "wandb-dir" / "wandb").exists()


def test_a_failed_run_is_marked_crashed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("WANDB_MODE")  # the setting chooses offline
    settings = Settings(data_dir=tmp_path / "data", training=TrainingSettings(tracking="wandb", wandb_mode="offline"))
    tracker = open_tracker(settings.training, settings.data_path)
    run_id = tracker.start("broken", {})
    tracker.finish("FAILED")
    (run_file,) = (settings.data_path / "wandb").glob(f"offline-run-*-{run_id}/run-{run_id}.wandb")
    (exit_record,) = [r.exit for r in finished_records(run_file) if r.WhichOneof("record_type") == "exit"]
    assert exit_record.exit_code == 1
