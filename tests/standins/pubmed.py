"""Loopback stand-in for NCBI E-utilities: esearch.fcgi (JSON, as retmode=json gives it) and efetch.fcgi
(PubMed XML: PubmedArticleSet / PubmedArticle / MedlineCitation …), written from the E-utilities and
PubMed DTD documentation. A retracted record carries the "Retracted Publication" publication type and a
CommentsCorrections RefType="RetractionIn" pointing at its notice.
"""

from __future__ import annotations

import json
from datetime import date
from xml.sax.saxutils import escape

from tests.standins.scholarly import Record, ScholarlyStandIn, newest_first

_HEAD = (
    '<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2025//EN" '
    '"https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n'
)
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_NOTICE_PMID_BASE = 39900000


class PubMedStandIn(ScholarlyStandIn):
    url_path = "/entrez/eutils/"

    def answer(self, path: str, params: dict[str, str]) -> tuple[int, str, bytes]:
        if path.endswith("/esearch.fcgi"):
            return self._esearch(params)
        if path.endswith("/efetch.fcgi"):
            return self._efetch(params)
        return 404, "text/plain", b"unknown E-utility"

    def _esearch(self, params: dict[str, str]) -> tuple[int, str, bytes]:
        words = params.get("term", "").split()
        found = [r for r in self.records if r.pmid and r.matches(words)]
        if "mindate" in params:
            since = date(*map(int, params["mindate"].split("/")))
            found = [r for r in found if r.published >= since]
        found = newest_first(found)
        start, size = int(params.get("retstart", 0)), int(params.get("retmax", 20))
        page = found[start : start + size]
        result = {
            "header": {"type": "esearch", "version": "0.3"},
            "esearchresult": {
                "count": str(len(found)),
                "retmax": str(len(page)),
                "retstart": str(start),
                "idlist": [r.pmid for r in page],
                "translationset": [],
                "querytranslation": params.get("term", ""),
            },
        }
        return 200, "application/json; charset=UTF-8", json.dumps(result).encode()

    def _efetch(self, params: dict[str, str]) -> tuple[int, str, bytes]:
        wanted = params.get("id", "").split(",")
        by_pmid = {r.pmid: r for r in self.records if r.pmid}
        articles = "".join(_article(by_pmid[p]) for p in wanted if p in by_pmid)
        body = f"{_HEAD}<PubmedArticleSet>{articles}</PubmedArticleSet>"
        return 200, "text/xml; charset=UTF-8", body.encode()


def _article(record: Record) -> str:
    authors = "".join(
        f'<Author ValidYN="Y"><LastName>{escape(family)}</LastName><ForeName>{escape(given)}</ForeName>'
        f"<Initials>{given[0]}</Initials></Author>"
        for family, given in record.authors
    )
    types = '<PublicationType UI="D016428">Journal Article</PublicationType>'
    corrections = ""
    if record.retraction_notice:
        types += '<PublicationType UI="D016441">Retracted Publication</PublicationType>'
        notice_pmid = _NOTICE_PMID_BASE + int(record.pmid or 0) % 1000
        corrections = (
            '<CommentsCorrectionsList><CommentsCorrections RefType="RetractionIn">'
            f"<RefSource>{escape(record.journal)}. {record.retracted_on.year}</RefSource>"
            f'<PMID Version="1">{notice_pmid}</PMID></CommentsCorrections></CommentsCorrectionsList>'
        )
    doi_ids = f'<ArticleId IdType="doi">{record.doi}</ArticleId>' if record.doi else ""
    elocation = f'<ELocationID EIdType="doi" ValidYN="Y">{record.doi}</ELocationID>' if record.doi else ""
    day = record.published
    # The first abstract sentence is labelled, as structured abstracts are; the markup is inline, as in PubMed.
    first, _, rest = record.abstract.partition(". ")
    return (
        '<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM" IndexingMethod="Automated">'
        f'<PMID Version="1">{record.pmid}</PMID>'
        f"<DateCompleted><Year>{day.year}</Year><Month>{day.month:02d}</Month><Day>{day.day:02d}</Day></DateCompleted>"
        '<Article PubModel="Print-Electronic"><Journal><ISSN IssnType="Electronic">1234-5678</ISSN>'
        f'<JournalIssue CitedMedium="Internet"><Volume>12</Volume><Issue>3</Issue>'
        f"<PubDate><Year>{day.year}</Year><Month>{_MONTHS[day.month - 1]}</Month></PubDate></JournalIssue>"
        f"<Title>{escape(record.journal)}</Title><ISOAbbreviation>J Invent Biostat</ISOAbbreviation></Journal>"
        f"<ArticleTitle>{escape(record.title)}.</ArticleTitle><Pagination><MedlinePgn>101-9</MedlinePgn></Pagination>"
        f"{elocation}<Abstract>"
        f'<AbstractText Label="BACKGROUND" NlmCategory="BACKGROUND">{escape(first)}.</AbstractText>'
        f'<AbstractText Label="RESULTS" NlmCategory="RESULTS">{escape(rest).replace("frailty", "<i>frailty</i>", 1)}'
        "</AbstractText></Abstract>"
        f'<AuthorList CompleteYN="Y">{authors}</AuthorList><Language>eng</Language>'
        f"<PublicationTypeList>{types}</PublicationTypeList>"
        f'<ArticleDate DateType="Electronic"><Year>{day.year}</Year><Month>{day.month:02d}</Month>'
        f"<Day>{day.day:02d}</Day></ArticleDate></Article>"
        "<MedlineJournalInfo><Country>England</Country><MedlineTA>J Invent Biostat</MedlineTA></MedlineJournalInfo>"
        f"{corrections}</MedlineCitation>"
        "<PubmedData><PublicationStatus>ppublish</PublicationStatus><ArticleIdList>"
        f'<ArticleId IdType="pubmed">{record.pmid}</ArticleId>{doi_ids}</ArticleIdList></PubmedData></PubmedArticle>'
    )
