"""Loopback stand-in for the arXiv API (GET /api/query): ``search_query`` with ``all:`` terms joined by AND
and an optional ``submittedDate:[FROM TO]`` range, ``id_list``, ``start``/``max_results`` paging, and an
Atom 1.0 feed with opensearch totals and arxiv: extension elements, as the arXiv API manual describes.
A malformed id gets arXiv's error feed (one entry whose id is …/api/errors#…).
"""

from __future__ import annotations

import re
from datetime import date
from xml.sax.saxutils import escape

from tests.standins.scholarly import Record, ScholarlyStandIn, newest_first

_TERM = re.compile(r"all:(\S+)")
_RANGE = re.compile(r"submittedDate:\[(\d{8})\d{4} TO (\d{8})\d{4}\]")
_ID = re.compile(r"^\d{4}\.\d{4,5}(v\d+)?$")
_FEED = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" '
    'xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" xmlns:arxiv="http://arxiv.org/schemas/atom">'
    '<link href="http://arxiv.org/api/query" rel="self" type="application/atom+xml"/>'
    '<title type="html">ArXiv Query</title><id>http://arxiv.org/api/standin</id>'
    "<updated>2026-01-01T00:00:00-05:00</updated>"
    "<opensearch:totalResults>{total}</opensearch:totalResults><opensearch:startIndex>{start}</opensearch:startIndex>"
    "<opensearch:itemsPerPage>{size}</opensearch:itemsPerPage>{entries}</feed>"
)


class ArxivStandIn(ScholarlyStandIn):
    url_path = "/api/query"

    def answer(self, path: str, params: dict[str, str]) -> tuple[int, str, bytes]:
        if path != "/api/query":
            return 404, "text/plain", b"not found"
        start, size = int(params.get("start", 0)), int(params.get("max_results", 10))
        if params.get("id_list"):
            ids = params["id_list"].split(",")
            bad = next((i for i in ids if not _ID.match(i)), None)
            if bad is not None:
                return 400, "application/atom+xml", _error_feed(bad).encode()
            found = [r for r in self.records if r.arxiv in ids]
        else:
            query = params.get("search_query", "")
            found = [r for r in self.records if r.arxiv and r.matches(_TERM.findall(query))]
            window = _RANGE.search(query)
            if window:
                low, high = (date(int(d[:4]), int(d[4:6]), int(d[6:])) for d in window.groups())
                found = [r for r in found if low <= r.published <= high]
            found = newest_first(found)
        page = found[start : start + size]
        feed = _FEED.format(total=len(found), start=start, size=len(page), entries="".join(map(_entry, page)))
        return 200, "application/atom+xml; charset=utf-8", feed.encode()


def _entry(record: Record) -> str:
    stamp = f"{record.published.isoformat()}T17:59:59Z"
    authors = "".join(
        f"<author><name>{escape(given)} {escape(family)}</name></author>" for family, given in record.authors
    )
    doi = f"<arxiv:doi>{record.doi}</arxiv:doi>" if record.doi else ""
    return (
        f"<entry><id>http://arxiv.org/abs/{record.arxiv}v2</id><updated>{stamp}</updated>"
        f"<published>{stamp}</published><title>{escape(record.title)}</title>"
        f"<summary>  {escape(record.abstract)}\n</summary>{authors}{doi}"
        '<arxiv:comment xmlns:arxiv="http://arxiv.org/schemas/atom">24 pages, 3 figures</arxiv:comment>'
        f'<link href="http://arxiv.org/abs/{record.arxiv}v2" rel="alternate" type="text/html"/>'
        f'<link title="pdf" href="http://arxiv.org/pdf/{record.arxiv}v2" rel="related" type="application/pdf"/>'
        '<arxiv:primary_category term="stat.ME" scheme="http://arxiv.org/schemas/atom"/>'
        '<category term="stat.ME" scheme="http://arxiv.org/schemas/atom"/></entry>'
    )


def _error_feed(bad: str) -> str:
    entry = (
        f"<entry><id>http://arxiv.org/api/errors#incorrect_id_format_for_{escape(bad)}</id><title>Error</title>"
        f"<summary>incorrect id format for {escape(bad)}</summary><updated>2026-01-01T00:00:00-05:00</updated>"
        "<link href='http://arxiv.org/api/errors#incorrect_id_format' rel='alternate' type='text/html'/>"
        "<author><name>arXiv api core</name></author></entry>"
    )
    return _FEED.format(total=1, start=0, size=1, entries=entry)
