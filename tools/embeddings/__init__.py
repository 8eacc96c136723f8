"""Pick the embedder named in settings; the only place a backend name maps to a class."""

from __future__ import annotations

from collections.abc import Callable

from tools.embeddings.protocol import Embedder
from tools.settings import Settings


def _minilm(settings: Settings) -> Embedder:
    from tools.embeddings.minilm import MiniLMEmbedder
    from tools.embeddings.precision import choose_precision

    precision = choose_precision(settings.embeddings.precision).precision
    return MiniLMEmbedder(batch_size=settings.embeddings.batch_size, precision=precision)


def _openai(settings: Settings) -> Embedder:
    from openai import AsyncOpenAI

    from tools.embeddings.openai import OpenAIEmbedder

    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
    if key is None and settings.embeddings.openai_base_url is None:
        raise ValueError("the openai embedder needs OPENAI_API_KEY (or LABBOT_EMBEDDINGS__OPENAI_BASE_URL)")
    client = AsyncOpenAI(api_key=key or "unused", base_url=settings.embeddings.openai_base_url)
    return OpenAIEmbedder(client, settings.embeddings.openai_model, batch_size=settings.embeddings.batch_size)


_BACKENDS: dict[str, Callable[[Settings], Embedder]] = {"minilm": _minilm, "openai": _openai}


def open_embedder(settings: Settings) -> Embedder:
    from tools.embeddings.cache import CachedEmbedder

    return CachedEmbedder(_BACKENDS[settings.embeddings.backend](settings))


__all__ = ["Embedder", "open_embedder"]
