"""OpenAlex works: ``search=`` with cursor paging, fetch by OpenAlex id, abstracts rebuilt from the inverted index.

Plain httpx rather than pyalex: pyalex is synchronous and configured through a module-global ``config``.
A work with a PMID becomes ``PMID:…`` and an arXiv preprint ``arXiv:…``, so the same paper found through
PubMed or arXiv later is the same library record; other works are ``DOI:…`` or ``OpenAlex:W…``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from tools.papers import Paper
from tools.sources.http import ClientSource
from tools.sources.merge import arxiv_id_from_doi, normalize_doi
from tools.sources.protocol import SourceError, SourceRefused

NAME = "openalex"
PAGE = 100  # OpenAlex's largest per_page, and the most values one OR filter may hold
_SELECT = (
    "id,doi,title,display_name,publication_year,publication_date,ids,primary_location,authorships,"
    "abstract_inverted_index,is_retracted,type"
)


class OpenAlexSource(ClientSource):
    name = NAME

    async def search(self, query: str, *, since: date | None = None, max_results: int = 20) -> list[Paper]:
        papers: list[Paper] = []
        cursor: str | None = "*"
        while cursor and len(papers) < max_results:
            params: dict[str, str | int] = {
                "search": query,
                "sort": "publication_date:desc",
                "per_page": min(PAGE, max_results - len(papers)),
                "cursor": cursor,
                "select": _SELECT,
            }
            if since is not None:
                params["filter"] = f"from_publication_date:{since.isoformat()}"
            cursor, page = await self.client.get("works", params, parse_works)
            papers += page
            if not page:
                break
        return papers[:max_results]

    async def fetch(self, ids: Sequence[str]) -> list[Paper]:
        keys = [i.removeprefix("OpenAlex:").strip().rsplit("/", 1)[-1] for i in ids]
        papers: list[Paper] = []
        for start in range(0, len(keys), PAGE):
            batch = keys[start : start + PAGE]
            params: dict[str, str | int] = {
                "filter": "openalex:" + "|".join(batch),
                "per_page": len(batch),
                "select": _SELECT,
            }
            papers += (await self.client.get("works", params, parse_works))[1]
        return papers


def parse_works(body: bytes) -> tuple[str | None, list[Paper]]:
    """(next cursor, papers) from a /works list answer."""
    try:
        answer = json.loads(body)
        if "error" in answer:
            raise SourceRefused(NAME, f"the API refused the request: {answer.get('message') or answer['error']}")
        cursor = answer["meta"].get("next_cursor")
        return cursor, [work_to_paper(work) for work in answer["results"]]
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise SourceError(NAME, f"the answer is not the /works JSON labbot expects ({error!r})") from error


def abstract_from_index(index: dict[str, list[int]] | None) -> str:
    """OpenAlex ships abstracts as {word: [positions]}; put each word back at its positions."""
    if not index:
        return ""
    placed = sorted((position, word) for word, positions in index.items() for position in positions)
    return " ".join(word for _, word in placed)


def work_to_paper(work: dict[str, Any]) -> Paper:
    openalex_id = str(work["id"]).rsplit("/", 1)[-1]
    doi = normalize_doi(work.get("doi"))
    ids = work.get("ids") or {}
    pmid = str(ids.get("pmid") or "").rstrip("/").rsplit("/", 1)[-1]
    arxiv = arxiv_id_from_doi(doi)
    paper_id = f"PMID:{pmid}" if pmid else f"arXiv:{arxiv}" if arxiv else f"DOI:{doi}" if doi else None
    location = work.get("primary_location") or {}
    source = location.get("source") or {}
    return Paper(
        id=paper_id or f"OpenAlex:{openalex_id}",
        title=str(work.get("display_name") or work.get("title") or ""),
        authors=tuple(
            str(a["author"]["display_name"])
            for a in work.get("authorships") or []
            if a.get("author", {}).get("display_name")
        ),
        year=work.get("publication_year"),
        venue=source.get("display_name"),
        doi=None if arxiv else doi,
        url=location.get("landing_page_url") or f"https://openalex.org/{openalex_id}",
        abstract=abstract_from_index(work.get("abstract_inverted_index")),
        retraction="Retracted (OpenAlex is_retracted)" if work.get("is_retracted") else None,
    )
