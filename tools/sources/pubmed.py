"""PubMed through NCBI E-utilities: esearch for PMIDs (newest first), efetch for the PubMed XML records.

Plain httpx rather than Biopython's Entrez: Entrez writes the NCBI URL into each function, keeps e-mail and
pacing in module globals and blocks on urllib, while labbot needs one async client per settings object
pointed at any base URL (a mirror, a stand-in).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from xml.etree.ElementTree import Element

from tools.papers import Paper
from tools.sources.http import ClientSource
from tools.sources.protocol import SourceError, SourceRefused
from tools.sources.xml import parse_xml, text_of

NAME = "pubmed"
PAGE = 200  # PMIDs per esearch page and per efetch call (NCBI suggests batches of up to a few hundred)
# PublicationType and CommentsCorrections values NCBI uses for withdrawn work.
_RETRACTED_TYPES = {"retracted publication", "withdrawn publication"}


class PubMedSource(ClientSource):
    name = NAME

    async def search(self, query: str, *, since: date | None = None, max_results: int = 20) -> list[Paper]:
        pmids: list[str] = []
        while len(pmids) < max_results:
            params: dict[str, str | int] = {
                "db": "pubmed",
                "term": query,
                "retmode": "json",
                "sort": "pub_date",
                "retstart": len(pmids),
                "retmax": min(PAGE, max_results - len(pmids)),
            }
            if since is not None:  # mindate needs a maxdate; pdat is the publication date
                params |= {"datetype": "pdat", "mindate": since.strftime("%Y/%m/%d"), "maxdate": "3000"}
            total, page = await self.client.get("esearch.fcgi", params, _parse_esearch)
            pmids += [p for p in page if p not in pmids]
            if not page or len(pmids) >= total:
                break
        return await self.fetch(pmids[:max_results])

    async def fetch(self, ids: Sequence[str]) -> list[Paper]:
        pmids = [i.removeprefix("PMID:").strip() for i in ids]
        papers: list[Paper] = []
        for start in range(0, len(pmids), PAGE):
            batch = pmids[start : start + PAGE]
            params = {"db": "pubmed", "id": ",".join(batch), "retmode": "xml"}
            papers += await self.client.get("efetch.fcgi", params, parse_pubmed_xml)
        return papers


def _parse_esearch(body: bytes) -> tuple[int, list[str]]:
    try:
        result = json.loads(body)["esearchresult"]
        if "ERROR" in result:
            raise SourceRefused(NAME, f"esearch refused the query: {result['ERROR']}")
        return int(result["count"]), [str(i) for i in result["idlist"]]
    except (ValueError, KeyError, TypeError) as error:
        raise SourceError(NAME, f"esearch answered with malformed JSON ({error!r})") from error


def parse_pubmed_xml(body: bytes) -> list[Paper]:
    root = parse_xml(NAME, body)
    if root.tag != "PubmedArticleSet":
        message = text_of(root.find(".//ERROR")) or f"unexpected root element <{root.tag}>"
        raise SourceError(NAME, f"efetch: {message}")
    try:
        return [_paper(article) for article in root.iter("PubmedArticle")]
    except (ValueError, AttributeError) as error:
        raise SourceError(NAME, f"efetch returned a record labbot cannot read ({error})") from error


def _paper(article: Element) -> Paper:
    citation = article.find("MedlineCitation")
    if citation is None or citation.find("Article") is None:
        raise ValueError("a PubmedArticle without MedlineCitation/Article")
    body = citation.find("Article")
    assert body is not None
    pmid = text_of(citation.find("PMID"))
    doi = next(
        (text_of(e) for e in article.iterfind("PubmedData/ArticleIdList/ArticleId") if e.get("IdType") == "doi"),
        None,
    ) or next((text_of(e) for e in body.iterfind("ELocationID") if e.get("EIdType") == "doi"), None)
    return Paper(
        id=f"PMID:{pmid}",
        title=text_of(body.find("ArticleTitle")).rstrip("."),
        authors=tuple(_authors(body)),
        year=_year(body),
        venue=text_of(body.find("Journal/Title")) or None,
        doi=doi or None,
        url=f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/",
        abstract=_abstract(body),
        retraction=_retraction(citation),
    )


def _authors(body: Element) -> list[str]:
    names = []
    for author in body.iterfind("AuthorList/Author"):
        last, fore = text_of(author.find("LastName")), text_of(author.find("ForeName"))
        name = f"{last}, {fore}" if last and fore else last or text_of(author.find("CollectiveName"))
        if name:
            names.append(name)
    return names


def _year(body: Element) -> int | None:
    pub = body.find("Journal/JournalIssue/PubDate")
    text = text_of(pub.find("Year")) if pub is not None else ""
    if not text and pub is not None:
        text = text_of(pub.find("MedlineDate"))[:4]  # "2019 Nov-Dec"
    if not text:
        text = text_of(body.find("ArticleDate/Year"))
    return int(text) if text[:4].isdigit() else None


def _abstract(body: Element) -> str:
    parts = []
    for piece in body.iterfind("Abstract/AbstractText"):
        text, label = text_of(piece), piece.get("Label")
        parts.append(f"{label.title()}: {text}" if label and text else text)
    return " ".join(p for p in parts if p)


def _retraction(citation: Element) -> str | None:
    types = {text_of(t).lower() for t in citation.iterfind("Article/PublicationTypeList/PublicationType")}
    notices = [
        c
        for c in citation.iterfind("CommentsCorrectionsList/CommentsCorrections")
        if c.get("RefType") == "RetractionIn"
    ]
    if not (types & _RETRACTED_TYPES) and not notices:
        return None
    where = ", ".join(
        f"notice PMID:{text_of(n.find('PMID'))}" if n.find("PMID") is not None else text_of(n.find("RefSource"))
        for n in notices
    )
    return f"Retracted ({where}; PubMed)" if where else "Retracted (PubMed publication type)"
