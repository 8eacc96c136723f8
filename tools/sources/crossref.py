"""Crossref: metadata by DOI, bibliographic search, and the retraction notices that update a DOI.

A retraction reaches labbot two ways: the retracted work's own ``updated-by`` list, and notices found
with ``filter=updates:DOI`` whose ``update-to`` names it. Plain httpx rather than habanero, which is
synchronous (requests).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import date
from typing import Any
from urllib.parse import quote

from tools.papers import Paper
from tools.sources.http import ClientSource, offset_pages
from tools.sources.merge import normalize_doi
from tools.sources.protocol import SourceError

NAME = "crossref"
PAGE = 100
NOTICE_BATCH = 20  # DOIs per updates: query (one filter name repeated is an OR)
RETRACTING = {"retraction", "withdrawal", "removal", "partial_retraction"}
_TAG = re.compile(r"<[^>]+>")


class CrossrefSource(ClientSource):
    name = NAME

    async def search(self, query: str, *, since: date | None = None, max_results: int = 20) -> list[Paper]:
        async def page(offset: int, size: int) -> tuple[int, list[Paper]]:
            params: dict[str, str | int] = {
                "query.bibliographic": query,
                "sort": "published",
                "order": "desc",
                "rows": size,
                "offset": offset,
            }
            if since is not None:
                params["filter"] = f"from-pub-date:{since.isoformat()}"
            total, items = await self.client.get("works", params, _parse_list)
            return total, [work_to_paper(item) for item in items]

        return await offset_pages(page, max_results, PAGE)

    async def fetch(self, ids: Sequence[str]) -> list[Paper]:
        papers = []
        for doi in (normalize_doi(i.removeprefix("DOI:")) for i in ids):
            if doi:
                papers.append(work_to_paper(await self.client.get(f"works/{quote(doi, safe='/')}", {}, _parse_one)))
        return papers

    async def retractions(self, dois: Sequence[str]) -> dict[str, str]:
        """Normalized DOI → retraction note, for the DOIs that some notice retracts."""
        wanted = sorted({d for d in (normalize_doi(x) for x in dois) if d})
        found: dict[str, str] = {}
        for start in range(0, len(wanted), NOTICE_BATCH):
            batch = wanted[start : start + NOTICE_BATCH]
            params: dict[str, str | int] = {"filter": ",".join(f"updates:{doi}" for doi in batch), "rows": PAGE}
            for notice in (await self.client.get("works", params, _parse_list))[1]:
                for update in notice.get("update-to") or []:
                    target = normalize_doi(update.get("DOI"))
                    if target in batch and str(update.get("type", "")).lower() in RETRACTING:
                        found.setdefault(target, _note(update, normalize_doi(notice.get("DOI"))))
        return found

    async def annotate(self, papers: Sequence[Paper]) -> list[Paper]:
        """The papers, each with a DOI that a notice retracts marked as retracted."""
        notes = await self.retractions([p.doi for p in papers if p.doi])
        return [
            p.model_copy(update={"retraction": notes[doi]})
            if (doi := normalize_doi(p.doi)) in notes and not p.retraction
            else p
            for p in papers
        ]


def _message(body: bytes) -> Any:
    try:
        answer = json.loads(body)
    except ValueError as error:
        raise SourceError(NAME, f"the answer is not JSON ({error})") from error
    if not isinstance(answer, dict) or answer.get("status") != "ok" or "message" not in answer:
        raise SourceError(NAME, f"the answer is not a Crossref message: {str(answer)[:200]}")
    return answer["message"]


def _parse_list(body: bytes) -> tuple[int, list[dict[str, Any]]]:
    message = _message(body)
    try:
        items = [dict(item) for item in message["items"]]
        return int(message["total-results"]), items
    except (KeyError, TypeError, ValueError) as error:
        raise SourceError(NAME, f"a work-list without items/total-results ({error!r})") from error


def _parse_one(body: bytes) -> dict[str, Any]:
    message = _message(body)
    if not isinstance(message, dict) or "DOI" not in message:
        raise SourceError(NAME, "a work without a DOI")
    return message


def _date(part: Any) -> str:
    try:
        return "-".join(f"{int(x):02d}" for x in part["date-parts"][0])
    except (KeyError, TypeError, ValueError, IndexError):
        return ""


def _note(update: dict[str, Any], notice: str | None) -> str:
    when = _date(update.get("updated") or {})
    label = str(update.get("label") or update.get("type") or "Retraction")
    parts = [p for p in (when, f"notice DOI:{notice}" if notice else "") if p]
    return f"{label} ({', '.join([*parts, 'Crossref'])})"


def work_to_paper(work: dict[str, Any]) -> Paper:
    try:
        doi = normalize_doi(str(work["DOI"]))
        year_text = _date(work.get("published") or work.get("issued") or {})[:4]
        authors = tuple(
            f"{a['family']}, {a['given']}"
            if a.get("family") and a.get("given")
            else str(a.get("family") or a.get("name"))
            for a in work.get("author") or []
            if a.get("family") or a.get("name")
        )
        retracting = [u for u in work.get("updated-by") or [] if str(u.get("type", "")).lower() in RETRACTING]
        return Paper(
            id=f"DOI:{doi}",
            title=" ".join(work.get("title") or []),
            authors=authors,
            year=int(year_text) if year_text.isdigit() else None,
            venue=" ".join(work.get("container-title") or []) or None,
            doi=doi,
            url=work.get("URL"),
            abstract=" ".join(_TAG.sub(" ", str(work.get("abstract") or "")).split()),
            retraction=_note(retracting[0], normalize_doi(retracting[0].get("DOI"))) if retracting else None,
        )
    except (KeyError, TypeError, ValueError) as error:
        raise SourceError(NAME, f"a work labbot cannot read ({error!r})") from error
