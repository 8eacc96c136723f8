"""Loopback stand-in for the Crossref REST API: GET /works/{doi} and GET /works with ``query.bibliographic``,
``filter`` (from-pub-date:, updates:DOI — repeated names are ORed), ``rows``/``offset``; answers in the
``{"status": "ok", "message-type": …, "message": …}`` envelope, as Crossref's REST API docs describe it.

A retracted record carries ``updated-by`` (the notice), and its retraction notice is a work of its own whose
``update-to`` names the retracted DOI with ``type: retraction`` — what ``filter=updates:DOI`` finds.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any
from urllib.parse import unquote

from tests.standins.scholarly import CORPUS, Record, ScholarlyStandIn, newest_first


def _parts(day: date) -> dict[str, Any]:
    return {"date-parts": [[day.year, day.month, day.day]], "date-time": f"{day.isoformat()}T00:00:00Z"}


def _update(record: Record, target: str | None = None) -> dict[str, Any]:
    return {
        "updated": _parts(record.retracted_on),
        "DOI": target or record.retraction_notice,
        "type": "retraction",
        "source": "publisher",
        "label": "Retraction",
    }


class CrossrefStandIn(ScholarlyStandIn):
    def __init__(self, records: tuple[Record, ...] = CORPUS, *, updated_by: bool = True) -> None:
        super().__init__(records)
        self.updated_by = updated_by  # newer Crossref records list their notices; older ones do not

    def answer(self, path: str, params: dict[str, str]) -> tuple[int, str, bytes]:
        if path.startswith("/works/"):
            doi = unquote(path.removeprefix("/works/")).lower()
            record = next((r for r in self.records if r.doi and r.doi.lower() == doi), None)
            if record is None:
                return 404, "text/plain", b"Resource not found."
            return 200, "application/json", _envelope("work", self._work(record))
        if path != "/works":
            return 404, "text/plain", b"Resource not found."
        items, total = self._list(params)
        start, rows = int(params.get("offset", 0)), int(params.get("rows", 20))
        message = {
            "facets": {},
            "total-results": total,
            "items": items[start : start + rows],
            "items-per-page": rows,
            "query": {"start-index": start, "search-terms": params.get("query.bibliographic")},
        }
        return 200, "application/json", _envelope("work-list", message)

    def _list(self, params: dict[str, str]) -> tuple[list[dict[str, Any]], int]:
        conditions = [c.partition(":")[::2] for c in filter(None, params.get("filter", "").split(","))]
        updates = {value.lower() for name, value in conditions if name == "updates"}
        if updates:  # the notices that update any of these DOIs
            notices = [
                self._notice(r) for r in self.records if r.retraction_notice and r.doi and r.doi.lower() in updates
            ]
            return notices, len(notices)
        found = [r for r in self.records if r.doi and r.matches(params.get("query.bibliographic", "").split())]
        for name, value in conditions:
            if name == "from-pub-date":
                found = [r for r in found if r.published >= date.fromisoformat(value)]
        found = newest_first(found)
        return [self._work(r) for r in found], len(found)

    def _work(self, record: Record) -> dict[str, Any]:
        work: dict[str, Any] = {
            "DOI": record.doi,
            "type": "journal-article",
            "title": [record.title],
            "author": [
                {"given": g, "family": f, "sequence": "first" if i == 0 else "additional", "affiliation": []}
                for i, (f, g) in enumerate(record.authors)
            ],
            "container-title": [record.journal],
            "published": _parts(record.published),
            "issued": {"date-parts": [[record.published.year, record.published.month]]},
            "abstract": f"<jats:p>{record.abstract}</jats:p>",
            "URL": f"https://doi.org/{record.doi}",
            "publisher": "Invented Press",
        }
        if record.retraction_notice and self.updated_by:
            work["updated-by"] = [_update(record)]
        return work

    def _notice(self, record: Record) -> dict[str, Any]:
        return {
            "DOI": record.retraction_notice,
            "type": "journal-article",
            "title": [f"Retraction notice to: {record.title}"],
            "container-title": [record.journal],
            "published": _parts(record.retracted_on),
            "update-to": [_update(record, record.doi)],
            "URL": f"https://doi.org/{record.retraction_notice}",
        }


def _envelope(kind: str, message: Any) -> bytes:
    return json.dumps({"status": "ok", "message-type": kind, "message-version": "1.0.0", "message": message}).encode()
