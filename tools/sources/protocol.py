"""What a live paper source is: a search and a fetch by id over a public API, mapped to labbot's Paper."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from tools.papers import Paper


@dataclass(frozen=True, slots=True)
class SourceError(Exception):
    """A source answered with something labbot cannot use (malformed body, refused request after retries)."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


class SourceRefused(SourceError):
    """The source understood the request and said no in its own format (a bad query, an unknown id)."""


class PaperSource(Protocol):
    """PubMed, arXiv, OpenAlex, Crossref…: each maps its API's records to ``Paper``.

    Ids are PMID:, arXiv:, DOI: or OpenAlex:.
    """

    name: str

    async def search(self, query: str, *, since: date | None = None, max_results: int = 20) -> list[Paper]:
        """Newest-first papers matching ``query``, published on or after ``since`` when given."""
        ...

    async def fetch(self, ids: Sequence[str]) -> list[Paper]:
        """Papers by this source's ids (without the scheme prefix or with it)."""
        ...

    async def aclose(self) -> None: ...
