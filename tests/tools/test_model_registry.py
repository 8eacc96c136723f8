"""The model registry: models.json in the data dir, the built-in zero-shot entry, atomic writes."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pydantic import ValidationError

from tools.models import (
    BUILT_IN_ZERO_SHOT,
    ZERO_SHOT,
    ModelEntry,
    ModelError,
    ModelPool,
    RegistryError,
    UnknownModelError,
    open_model,
    open_registry,
)
from tools.models.llamacpp import LlamaCppModel
from tools.models.openai import OpenAIChatModel
from tools.models.pricing import base_model_id, cost_usd, price_candidates
from tools.models.protocol import Usage
from tools.paths import bundled_gguf
from tools.settings import DEFAULT_PRICES, Settings


def fine_tuned(name: str = "ft-lab", **overrides: object) -> ModelEntry:
    fields: dict[str, object] = {
        "name": name,
        "backend": "local",
        "lora_path": Path("checkpoints") / name / "adapter.gguf",
        "writes_code": False,
        "writes_prose": True,
        "context_tokens": 8192,
        "dataset_hash": "sha256:abc123",
        "training_config": {"rank": 8, "alpha": 16, "epochs": 2, "lr": 2e-4, "targets": ["q_proj", "v_proj"]},
        "eval_scores": {"citation_precision": 0.91, "answer_f1": 0.64},
        "created_at": datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC),
    }
    return ModelEntry.model_validate(fields | overrides)


def remote(name: str = "gpt-4o-mini", **overrides: object) -> ModelEntry:
    fields: dict[str, object] = {
        "name": name,
        "backend": "openai",
        "model_id": "gpt-4o-mini",
        "writes_code": True,
        "writes_prose": True,
        "context_tokens": 128_000,
    }
    return ModelEntry.model_validate(fields | overrides)


def test_zero_shot_is_present_without_a_file(settings: Settings) -> None:
    registry = open_registry(settings)
    assert not registry.path.exists()
    assert registry.names() == [ZERO_SHOT]
    entry = registry.get(ZERO_SHOT)
    assert entry == BUILT_IN_ZERO_SHOT
    assert (entry.backend, entry.gguf_path, entry.writes_code, entry.writes_prose) == ("local", None, False, False)


def test_round_trip_keeps_every_field(settings: Settings) -> None:
    registry = open_registry(settings)
    entries = [fine_tuned(), remote(), remote("llama-server", base_url="http://127.0.0.1:8080/v1", max_retries=0)]
    for entry in entries:
        registry.register(entry)
    reopened = open_registry(settings)
    assert reopened.names() == [ZERO_SHOT, "ft-lab", "gpt-4o-mini", "llama-server"]
    for entry in entries:
        assert reopened.get(entry.name) == entry
    stored = json.loads(reopened.path.read_text())
    assert stored["version"] == 1
    assert [m["name"] for m in stored["models"]] == ["ft-lab", "gpt-4o-mini", "llama-server"]  # zero-shot never stored


def test_register_replaces_an_entry_of_the_same_name(settings: Settings) -> None:
    registry = open_registry(settings)
    registry.register(fine_tuned(eval_scores={"answer_f1": 0.5}))
    registry.register(fine_tuned(eval_scores={"answer_f1": 0.7}))
    assert registry.get("ft-lab").eval_scores == {"answer_f1": 0.7}
    assert registry.names().count("ft-lab") == 1


def test_zero_shot_cannot_be_overwritten(settings: Settings) -> None:
    registry = open_registry(settings)
    with pytest.raises(RegistryError, match="built in"):
        registry.register(fine_tuned(ZERO_SHOT))
    assert not registry.path.exists()


def test_a_hand_edited_file_defining_zero_shot_is_refused(settings: Settings) -> None:
    registry = open_registry(settings)
    registry.path.parent.mkdir(parents=True)
    registry.path.write_text(json.dumps({"version": 1, "models": [BUILT_IN_ZERO_SHOT.model_dump(mode="json")]}))
    with pytest.raises(RegistryError, match="rename"):
        registry.entries()


def test_unknown_name_lists_the_known_ones(settings: Settings) -> None:
    registry = open_registry(settings)
    registry.register(fine_tuned())
    with pytest.raises(UnknownModelError) as caught:
        registry.get("ft-labb")
    message = str(caught.value)
    assert "'ft-labb'" in message and "zero-shot, ft-lab" in message
    assert isinstance(caught.value, LookupError)


@pytest.mark.parametrize("content", ["{not json", '{"entries": []}', '{"models": [{"name": "x"}]}'])
def test_a_broken_file_is_reported_with_its_path(settings: Settings, content: str) -> None:
    registry = open_registry(settings)
    registry.path.parent.mkdir(parents=True)
    registry.path.write_text(content)
    with pytest.raises(RegistryError, match=str(registry.path)):
        registry.get("anything")


def test_entry_fields_must_fit_the_backend() -> None:
    with pytest.raises(ValidationError, match="model_id"):
        remote(model_id=None)
    with pytest.raises(ValidationError, match="gguf_path"):
        remote(gguf_path="model.gguf")
    with pytest.raises(ValidationError, match="base_url"):
        fine_tuned(base_url="http://localhost/v1")
    with pytest.raises(ValidationError, match="name"):
        fine_tuned("../escape")
    with pytest.raises(ValidationError, match="writes_code"):
        ModelEntry.model_validate({"name": "x", "backend": "local", "writes_prose": True, "context_tokens": 2048})


def test_writes_are_atomic_for_concurrent_readers(settings: Settings) -> None:
    """A reader never sees a half-written file while another thread keeps registering."""
    registry = open_registry(settings)
    registry.register(fine_tuned("ft-0"))
    done = threading.Event()
    failures: list[BaseException] = []

    def keep_reading() -> None:
        while not done.is_set():
            try:
                open_registry(settings).entries()
            except BaseException as exc:  # a torn read would surface as RegistryError
                failures.append(exc)
                return

    reader = threading.Thread(target=keep_reading)
    reader.start()
    try:
        for i in range(1, 60):
            registry.register(fine_tuned(f"ft-{i}", training_config={"padding": "x" * 20_000}))
    finally:
        done.set()
        reader.join()
    assert failures == []
    assert len(registry.entries()) == 61
    assert sorted(p.name for p in registry.path.parent.iterdir()) == ["models.json", "models.json.lock"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    registry = open_registry(settings)
    registry.register(fine_tuned("ft-a"))
    before = registry.path.read_bytes()

    def replace_fails(self: Path, target: Path) -> Path:
        raise OSError("disk full")

    monkeypatch.setattr(Path, "replace", replace_fails)
    with pytest.raises(OSError, match="disk full"):
        registry.register(fine_tuned("ft-b"))
    monkeypatch.undo()
    assert registry.path.read_bytes() == before
    assert sorted(p.name for p in registry.path.parent.iterdir()) == ["models.json", "models.json.lock"]


def test_two_processes_registering_at_once_both_land(settings: Settings) -> None:
    """The writer lock serializes read-modify-write, so no registration is lost to a race."""
    threads = [
        threading.Thread(target=lambda i=i: open_registry(settings).register(fine_tuned(f"ft-{i}"))) for i in range(16)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(open_registry(settings).names()) == 17


async def test_open_model_maps_backends_to_classes(settings: Settings, tmp_path: Path) -> None:
    zero_shot = open_model(BUILT_IN_ZERO_SHOT, settings)
    assert isinstance(zero_shot, LlamaCppModel) and zero_shot.name == ZERO_SHOT
    assert zero_shot.key.gguf == bundled_gguf()
    server = open_model(remote("srv", base_url="http://127.0.0.1:9/v1", token_limit_param="max_tokens"), settings)
    assert isinstance(server, OpenAIChatModel)
    assert (server.model_id, server.token_limit_param, server.client.api_key) == ("gpt-4o-mini", "max_tokens", "no-key")
    await server.aclose()


def test_open_model_resolves_relative_paths_in_the_data_dir(settings: Settings) -> None:
    with pytest.raises(ModelError) as caught:
        open_model(fine_tuned(), settings)
    assert str(settings.data_path / "checkpoints" / "ft-lab" / "adapter.gguf") in str(caught.value)


def test_a_selector_entry_without_its_selector_cannot_answer(settings: Settings) -> None:
    entry = BUILT_IN_ZERO_SHOT.model_copy(update={"name": "sel-gone", "selector_path": Path("selectors/gone/model")})
    with pytest.raises(ModelError, match="selectors/gone/model is missing"):
        open_model(entry, settings)
    (settings.data_path / "selectors" / "gone" / "model").mkdir(parents=True)
    (settings.data_path / "selectors" / "gone" / "model" / "config.json").write_text("{}")
    assert isinstance(open_model(entry, settings), LlamaCppModel)


def test_openai_without_key_or_base_url_is_refused(settings: Settings) -> None:
    with pytest.raises(ModelError, match="OPENAI_API_KEY"):
        open_model(remote(), settings)


def test_prices_fine_tunes_as_their_base_and_never_by_prefix() -> None:
    assert base_model_id("ft:gpt-4o-mini-2024-07-18:org::abc") == "gpt-4o-mini-2024-07-18"
    assert price_candidates("ft:gpt-4o-mini-2024-07-18:org::abc")[-1] == "gpt-4o-mini"
    usage = Usage(prompt_tokens=1_000_000, completion_tokens=1_000_000)
    assert cost_usd("ft:gpt-4o-mini-2024-07-18:org::abc", usage, DEFAULT_PRICES) == pytest.approx(0.75)
    assert cost_usd("gpt-4o-mini", usage, DEFAULT_PRICES) == pytest.approx(0.75)  # not gpt-4o's 12.50
    assert cost_usd("gpt-4o-2024-08-06", usage, DEFAULT_PRICES) == pytest.approx(12.50)
    table = {**DEFAULT_PRICES, "ft:gpt-4o-mini": (0.30, 1.20)}  # a table may price fine-tuned inference itself
    assert cost_usd("ft:gpt-4o-mini-2024-07-18:org::abc", usage, table) == pytest.approx(1.50)


def test_an_unknown_model_costs_zero_and_warns_once(caplog: pytest.LogCaptureFixture) -> None:
    usage = Usage(10, 10)
    with caplog.at_level("WARNING", logger="tools.models.pricing"):
        assert cost_usd("mystery-model-7b", usage, DEFAULT_PRICES) == 0.0
        assert cost_usd("mystery-model-7b", usage, DEFAULT_PRICES) == 0.0
    assert [r.message.count("mystery-model-7b") for r in caplog.records] == [1]


async def test_a_pool_opens_each_entry_once(settings: Settings) -> None:
    pool = ModelPool(settings)
    pool.registry.register(remote("srv", base_url="http://127.0.0.1:9/v1"))
    assert pool.entry("srv").writes_code and not pool.entry(ZERO_SHOT).writes_prose
    assert pool.chat("srv") is pool.chat("srv")
    assert pool.chat(ZERO_SHOT) is pool.chat(ZERO_SHOT)
    with pytest.raises(UnknownModelError, match="known models: zero-shot, srv"):
        pool.chat("nope")
    remote_model = pool.chat("srv")
    assert isinstance(remote_model, OpenAIChatModel)
    await pool.aclose()
    assert remote_model.client.is_closed()
