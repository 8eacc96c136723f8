"""labbot train: a LoRA on the real base model, resumable, exported to GGUF that llama.cpp applies faithfully."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tests.training.conftest import StopAt, small_dataset
from tools.models import open_registry
from tools.paths import bundled_gguf
from tools.settings import Settings
from training.export import Bundle, write_dataset
from training.train import TrainConfig, TrainingError, train_lora

pytestmark = pytest.mark.slow


def logits(lora: Path | None, tokens: list[int]) -> np.ndarray:
    import llama_cpp

    model = llama_cpp.Llama(
        str(bundled_gguf()), lora_path=str(lora) if lora else None, n_ctx=256, logits_all=True, verbose=False
    )
    model.eval(tokens)
    return np.array(model.scores[: len(tokens)])


def test_train_resumes_lowers_validation_loss_and_exports_a_faithful_gguf(settings: Settings, tmp_path: Path) -> None:
    dataset = small_dataset(tmp_path)
    config = TrainConfig(
        name="tiny",
        dataset=dataset,
        max_steps=8,
        learning_rate=1e-3,
        batch_size=2,
        max_length=512,
        save_steps=2,
        eval_fraction=0.25,
    )
    with pytest.raises(KeyboardInterrupt):
        train_lora(settings, config, callbacks=[StopAt(4)])
    adapters = settings.data_path / "adapters" / "tiny"
    # killed during step 4, before its checkpoint: the run resumes from step 2's
    assert sorted(path.name for path in (adapters / "checkpoints").glob("checkpoint-*")) == ["checkpoint-2"]

    result = train_lora(settings, config)
    assert result.resumed and result.steps == 8
    assert result.eval_loss < result.eval_loss_base, "the LoRA learned the held-back examples' pattern"
    assert (adapters / "loss.png").stat().st_size > 1000

    entry = open_registry(settings).get("ft-tiny")
    assert entry.lora_path == Path("adapters/tiny/adapter.gguf") and entry.writes_prose
    assert entry.dataset_hash and dataset.name.endswith(entry.dataset_hash[:12])
    assert entry.eval_scores["val_loss"] < entry.eval_scores["val_loss_base"]

    # llama.cpp applies the GGUF adapter as PEFT does: the logit shifts agree.
    import torch
    from peft import PeftModel

    from training.train import _base_model

    base, tokenizer = _base_model()
    tokens = tokenizer("Does aspirin reduce the risk of stroke in older adults? Yes.")["input_ids"]
    with torch.no_grad():
        hf_base = base(torch.tensor([tokens])).logits[0].numpy()
        tuned = PeftModel.from_pretrained(base, str(adapters / "peft"))
        hf_tuned = tuned(torch.tensor([tokens])).logits[0].numpy()
    cpp_shift = logits(adapters / "adapter.gguf", tokens) - logits(None, tokens)
    hf_shift = hf_tuned - hf_base
    assert np.abs(cpp_shift).max() > 0.1, "the adapter changes llama.cpp's output"
    # llama.cpp runs the Q4_1 base with 8-bit activations: its base logits differ from float PyTorch's by
    # ~0.18 on average, as much as the shift itself, so agreement is measured, not exact. A wrong tensor
    # name or layout gives r near 0; a wrong alpha or rank scales the slope by 2 or more.
    correlation = np.corrcoef(cpp_shift.ravel(), hf_shift.ravel())[0, 1]
    slope = float((cpp_shift * hf_shift).sum() / (hf_shift * hf_shift).sum())
    assert correlation > 0.6, f"llama.cpp's shift follows PEFT's (r = {correlation:.3f})"
    assert 0.7 < slope < 1.4, f"with the same scale (slope {slope:.2f})"


def test_a_dataset_without_enough_examples_is_refused(settings: Settings, tmp_path: Path) -> None:
    empty = write_dataset(Bundle(), tmp_path, "empty")
    with pytest.raises(TrainingError, match="holds no examples"):
        train_lora(settings, TrainConfig(name="x", dataset=empty))


def test_a_tied_head_that_the_gguf_loader_hands_back_empty_is_tied_again_not_left_empty() -> None:
    # seen in a CI process: the de-quantised model's lm_head was an untied meta tensor (no data to copy)
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    from training.train import plain_copy

    config = LlamaConfig(
        vocab_size=64,
        hidden_size=16,
        intermediate_size=32,
        num_hidden_layers=1,
        num_attention_heads=2,
        num_key_value_heads=1,
        tie_word_embeddings=False,
    )
    loaded = LlamaForCausalLM(config)
    loaded.lm_head.weight = torch.nn.Parameter(torch.empty(64, 16, device="meta"))

    model = plain_copy(loaded)

    assert model.lm_head.weight.device.type == "cpu"
    assert torch.equal(model.lm_head.weight, loaded.model.embed_tokens.weight)
    assert model.lm_head.weight.data_ptr() == model.model.embed_tokens.weight.data_ptr()
