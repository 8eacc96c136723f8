"""Open the live paper sources named in settings; the only place a source name maps to a class."""

from __future__ import annotations

from tools.settings import Settings
from tools.sources.merge import merge_papers, normalize_doi
from tools.sources.protocol import PaperSource, SourceError


def open_sources(settings: Settings) -> list[PaperSource]:
    """One client per source in ``settings.sources.enabled``; close each with ``aclose()``."""
    # Stub until the clients land (same commit series); no source is opened yet.
    del settings
    return []


__all__ = ["PaperSource", "SourceError", "merge_papers", "normalize_doi", "open_sources"]
