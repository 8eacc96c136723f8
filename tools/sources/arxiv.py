"""arXiv through its Atom API (export.arxiv.org/api/query): search_query for searches, id_list for fetches.

Plain httpx rather than the ``arxiv`` package: that client is synchronous (requests + feedparser) and
paces itself with blocking sleeps; the Atom feed is small enough to read with defusedxml directly.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from xml.etree.ElementTree import Element

from tools.papers import Paper
from tools.sources.http import ClientSource, offset_pages
from tools.sources.merge import normalize_doi
from tools.sources.protocol import SourceError, SourceRefused
from tools.sources.xml import parse_xml, text_of

NAME = "arxiv"
PAGE = 100  # arXiv asks for result slices of at most a few hundred
_NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "opensearch": "http://a9.com/-/spec/opensearch/1.1/",
    "arxiv": "http://arxiv.org/schemas/atom",
}
_ABS_URL = re.compile(r"arxiv\.org/abs/(?P<id>.+?)(?:v\d+)?$")
_SAFE_QUERY = re.compile(r"[^\w\s.-]+")  # arXiv's query syntax treats ( ) : " and friends as operators


class ArxivSource(ClientSource):
    name = NAME

    async def search(self, query: str, *, since: date | None = None, max_results: int = 20) -> list[Paper]:
        words = _SAFE_QUERY.sub(" ", query).split()
        expression = " AND ".join(f"all:{w}" for w in words) or "all:*"
        if since is not None:
            expression += f" AND submittedDate:[{since.strftime('%Y%m%d')}0000 TO 300001010000]"

        async def page(offset: int, size: int) -> tuple[int, list[Paper]]:
            params: dict[str, str | int] = {
                "search_query": expression,
                "sortBy": "submittedDate",
                "sortOrder": "descending",
                "start": offset,
                "max_results": size,
            }
            return await self.client.get("", params, parse_atom)

        return await offset_pages(page, max_results, PAGE)

    async def fetch(self, ids: Sequence[str]) -> list[Paper]:
        wanted = [i.removeprefix("arXiv:").strip() for i in ids]
        papers: list[Paper] = []
        for start in range(0, len(wanted), PAGE):
            batch = wanted[start : start + PAGE]
            params: dict[str, str | int] = {"id_list": ",".join(batch), "max_results": len(batch)}
            papers += (await self.client.get("", params, parse_atom))[1]
        return papers


def parse_atom(body: bytes) -> tuple[int, list[Paper]]:
    root = parse_xml(NAME, body)
    if root.tag != f"{{{_NS['atom']}}}feed":
        raise SourceError(NAME, f"expected an Atom <feed>, got <{root.tag}>")
    entries = root.findall("atom:entry", _NS)
    for entry in entries:  # arXiv reports a bad query as a feed with one entry titled "Error"
        if "/api/errors" in text_of(entry.find("atom:id", _NS)):
            raise SourceRefused(NAME, f"the API refused the query: {text_of(entry.find('atom:summary', _NS))}")
    try:
        total = int(text_of(root.find("opensearch:totalResults", _NS)) or len(entries))
        return total, [_paper(entry) for entry in entries]
    except ValueError as error:
        raise SourceError(NAME, f"the feed has an entry labbot cannot read ({error})") from error


def _paper(entry: Element) -> Paper:
    match = _ABS_URL.search(text_of(entry.find("atom:id", _NS)))
    if match is None:
        raise ValueError(f"entry id {text_of(entry.find('atom:id', _NS))!r} is not an arXiv abstract URL")
    arxiv_id = match.group("id")
    published = text_of(entry.find("atom:published", _NS))
    doi = normalize_doi(text_of(entry.find("arxiv:doi", _NS))) or None
    return Paper(
        id=f"arXiv:{arxiv_id}",
        title=text_of(entry.find("atom:title", _NS)),
        authors=tuple(text_of(a.find("atom:name", _NS)) for a in entry.iterfind("atom:author", _NS)),
        year=int(published[:4]) if published[:4].isdigit() else None,
        venue=text_of(entry.find("arxiv:journal_ref", _NS)) or "arXiv",
        doi=doi,
        url=f"https://arxiv.org/abs/{arxiv_id}",
        abstract=text_of(entry.find("atom:summary", _NS)),
        retraction=_withdrawn(entry),
    )


def _withdrawn(entry: Element) -> str | None:
    """arXiv marks a withdrawn preprint in its comment ("This paper has been withdrawn by the authors")."""
    comment = text_of(entry.find("arxiv:comment", _NS))
    return f"Withdrawn on arXiv ({comment[:120]})" if "withdrawn" in comment.lower() else None
