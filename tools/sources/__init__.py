"""Open the live paper sources named in settings; the only place a source name maps to a class.

A process opens them once (``PaperSources``, held by ``Services``): each source's one client, and so its
pace, is shared by every answer and digest running at once, so together they keep to the source's rate limit.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from tools.settings import Settings, SourceSettings
from tools.sources.http import ResponseCache, Sleep, SourceClient
from tools.sources.merge import merge_papers, normalize_doi
from tools.sources.protocol import PaperSource, SourceError

USER_AGENT = "{tool}/0.1 (https://github.com/labbot; mailto:{email})"
_NCBI_KEYED_INTERVAL_S = 0.1  # NCBI allows 10 requests/s with an API key, 3/s without


def _client(settings: Settings, name: str, base_url: str, identity: dict[str, str], sleep: Sleep) -> SourceClient:
    config = settings.sources
    email = config.contact_email or "unknown"
    interval = config.min_interval_s.get(name, SourceSettings().min_interval_s.get(name, 1.0))
    if name == "pubmed" and settings.ncbi_api_key is not None:
        interval = min(interval, _NCBI_KEYED_INTERVAL_S)
    return SourceClient(
        name,
        base_url,
        user_agent=USER_AGENT.format(tool=config.tool_name, email=email),
        identity={k: v for k, v in identity.items() if v},
        interval_s=interval,
        timeout_s=config.timeout_s,
        max_retries=config.max_retries,
        backoff_s=config.backoff_s,
        cache=ResponseCache(settings.data_path / "cache" / "sources" / name, config.cache_ttl_s),
        sleep=sleep,
    )


def _secret(settings: Settings, name: str) -> str:
    value = getattr(settings, name)
    return "" if value is None else str(value.get_secret_value())


def _pubmed(settings: Settings, sleep: Sleep) -> PaperSource:
    from tools.sources.pubmed import PubMedSource

    config = settings.sources
    identity = {
        "tool": config.tool_name,
        "email": config.contact_email or "",
        "api_key": _secret(settings, "ncbi_api_key"),
    }
    return PubMedSource(_client(settings, "pubmed", config.pubmed_url, identity, sleep))


def _arxiv(settings: Settings, sleep: Sleep) -> PaperSource:
    from tools.sources.arxiv import ArxivSource

    return ArxivSource(_client(settings, "arxiv", settings.sources.arxiv_url, {}, sleep))


def _openalex(settings: Settings, sleep: Sleep) -> PaperSource:
    from tools.sources.openalex import OpenAlexSource

    config = settings.sources
    identity = {"mailto": config.contact_email or "", "api_key": _secret(settings, "openalex_api_key")}
    return OpenAlexSource(_client(settings, "openalex", config.openalex_url, identity, sleep))


def _crossref(settings: Settings, sleep: Sleep) -> PaperSource:
    from tools.sources.crossref import CrossrefSource

    config = settings.sources
    identity = {"mailto": config.contact_email or ""}
    return CrossrefSource(_client(settings, "crossref", config.crossref_url, identity, sleep))


_SOURCES: dict[str, Callable[[Settings, Sleep], PaperSource]] = {
    "pubmed": _pubmed,
    "arxiv": _arxiv,
    "openalex": _openalex,
    "crossref": _crossref,
}


def _names(settings: Settings, only: tuple[str, ...] | None) -> list[str]:
    return [n for n in settings.sources.enabled if only is None or n in only]


def open_sources(
    settings: Settings, *, only: tuple[str, ...] | None = None, sleep: Sleep = asyncio.sleep
) -> list[PaperSource]:
    """One client per source in ``settings.sources.enabled`` (narrowed by ``only``), each paced on its own; close
    each with ``aclose()``. For one-off use (a command); a long-lived process uses ``PaperSources``.

    ``sleep`` is how clients wait between requests and retries (tests pass one that records instead).
    """
    return [_SOURCES[name](settings, sleep) for name in _names(settings, only)]


async def close_sources(sources: list[PaperSource]) -> None:
    for source in sources:
        await source.aclose()


class PaperSources:
    """A process's live sources: each opened on first use and then kept, closed once with ``aclose()``.
    Answers and digests running at once share one client, and so one pace, per source.

    The clients belong to the event loop that first uses them, as the process's other services do."""

    def __init__(self, settings: Settings, *, sleep: Sleep = asyncio.sleep) -> None:
        self.settings = settings
        self._sleep = sleep
        self._opened: dict[str, PaperSource] = {}

    def get(self, only: tuple[str, ...] | None = None) -> list[PaperSource]:
        """The enabled sources (narrowed by ``only``), in settings' order; they stay open: never close them."""
        names = _names(self.settings, only)
        for name in names:
            if name not in self._opened:
                self._opened[name] = _SOURCES[name](self.settings, self._sleep)
        return [self._opened[name] for name in names]

    async def aclose(self) -> None:
        opened, self._opened = list(self._opened.values()), {}
        await close_sources(opened)


__all__ = [
    "PaperSource",
    "PaperSources",
    "SourceError",
    "close_sources",
    "merge_papers",
    "normalize_doi",
    "open_sources",
]
