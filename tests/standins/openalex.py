"""Loopback stand-in for the OpenAlex API's /works list: ``search``, ``filter`` (from_publication_date:,
openalex:W1|W2), ``sort=publication_date:desc``, ``per_page``, cursor paging (``cursor=*`` then
``meta.next_cursor`` until null), works with ``abstract_inverted_index`` and ``is_retracted``, and the
400 ``{"error", "message"}`` body, as the OpenAlex developer docs describe them.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from tests.standins.scholarly import Record, ScholarlyStandIn, newest_first


class OpenAlexStandIn(ScholarlyStandIn):
    def answer(self, path: str, params: dict[str, str]) -> tuple[int, str, bytes]:
        if path != "/works":
            return 404, "application/json", json.dumps({"error": "Not found", "message": path}).encode()
        found = [r for r in self.records if r.openalex and r.matches(params.get("search", "").split())]
        for condition in filter(None, params.get("filter", "").split(",")):
            name, _, value = condition.partition(":")
            if name == "from_publication_date":
                found = [r for r in found if r.published >= date.fromisoformat(value)]
            elif name in ("openalex", "ids.openalex"):
                wanted = {v.rsplit("/", 1)[-1] for v in value.split("|")}
                found = [r for r in found if r.openalex in wanted]
            else:
                message = f"{name} is not a valid field. Valid fields are underscore or hyphenated versions of …"
                return (
                    400,
                    "application/json",
                    json.dumps({"error": "Invalid query parameters error.", "message": message}).encode(),
                )
        found = newest_first(found)
        size = int(params.get("per_page", params.get("per-page", 25)))
        cursor = params.get("cursor")
        start = 0 if cursor in (None, "*") else int(cursor.removeprefix("offset-"))
        page = found[start : start + size]
        more = cursor is not None and start + size < len(found)
        meta = {
            "count": len(found),
            "db_response_time_ms": 12,
            "page": None if cursor else 1,
            "per_page": size,
            "next_cursor": f"offset-{start + size}" if more else None,
            "groups_count": None,
        }
        answer = {"meta": meta, "results": [_work(r) for r in page], "group_by": []}
        return 200, "application/json", json.dumps(answer).encode()


def inverted_index(text: str) -> dict[str, list[int]]:
    index: dict[str, list[int]] = {}
    for position, word in enumerate(text.split()):
        index.setdefault(word, []).append(position)
    return index


def _work(record: Record) -> dict[str, Any]:
    doi = (
        f"https://doi.org/{record.doi}"
        if record.doi
        else (f"https://doi.org/10.48550/arxiv.{record.arxiv}" if record.arxiv else None)
    )
    ids: dict[str, Any] = {"openalex": f"https://openalex.org/{record.openalex}", "doi": doi}
    if record.pmid:
        ids["pmid"] = f"https://pubmed.ncbi.nlm.nih.gov/{record.pmid}"
    return {
        "id": f"https://openalex.org/{record.openalex}",
        "doi": doi,
        "title": record.title,
        "display_name": record.title,
        "publication_year": record.published.year,
        "publication_date": record.published.isoformat(),
        "ids": ids,
        "primary_location": {
            "is_oa": False,
            "landing_page_url": doi,
            "source": {"id": "https://openalex.org/S4200000001", "display_name": record.journal, "type": "journal"},
        },
        "authorships": [
            {
                "author_position": "first" if i == 0 else "middle",
                "author": {"id": None, "display_name": f"{given} {family}"},
            }
            for i, (family, given) in enumerate(record.authors)
        ],
        "abstract_inverted_index": inverted_index(record.abstract),
        "is_retracted": record.retraction_notice is not None,
        "type": "article",
    }
