"""PDF files: text with PDFium (pypdfium2), sections found from their headings.

A scanned PDF has no text layer; it is reported (OCR it first) rather than indexed empty. The
reference list is dropped: it would make every paper match every other paper's title words.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium

from tools.papers import Paper, Section
from tools.readers.protocol import ReadProblem

_HEADINGS = (
    "abstract|summary|background|introduction|objectives?|aims?|methods?|materials and methods|"
    "patients and methods|study design|statistical analysis|results|findings|discussion|"
    "conclusions?|limitations|references|bibliography|acknowledge?ments"
)
_HEADING = re.compile(rf"^\s*(?:\d+(?:\.\d+)*\.?\s+)?({_HEADINGS})\s*:?\s*$", re.IGNORECASE)
_END_MATTER = {"references", "bibliography", "acknowledgements", "acknowledgments"}
_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+)")
_MIN_TEXT = 40


def read_pdf(path: Path) -> Iterator[Paper | ReadProblem]:
    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        yield ReadProblem(str(path), f"not a readable PDF ({error}); is the file complete and not encrypted?")
        return
    try:
        pages = [_page_text(document, i) for i in range(len(document))]
        metadata = document.get_metadata_dict()
    except pdfium.PdfiumError as error:
        yield ReadProblem(str(path), f"PDF text could not be extracted: {error}")
        return
    finally:
        document.close()
    if len("\n".join(pages).strip()) < _MIN_TEXT:
        yield ReadProblem(str(path), "no extractable text (a scanned PDF? run OCR on it first)")
        return
    yield _paper(path, pages, metadata)


def _page_text(document: pdfium.PdfDocument, index: int) -> str:
    page = document[index]
    try:
        textpage = page.get_textpage()
        try:
            return str(textpage.get_text_bounded())
        finally:
            textpage.close()
    finally:
        page.close()


def _paper(path: Path, pages: list[str], metadata: dict[str, str]) -> Paper:
    text = "\n".join(pages)
    lines = [line.strip() for line in text.replace("\r", "\n").split("\n")]
    title = (metadata.get("Title") or "").strip() or next((line for line in lines if len(line) > 8), path.stem)
    doi_match = _DOI.search(text[:5000])
    doi = doi_match.group(1).rstrip(".,;)") if doi_match else None
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    authors = tuple(a.strip() for a in re.split(r";|,| and ", metadata.get("Author") or "") if a.strip())
    return Paper(
        id=f"DOI:{doi}" if doi else f"pdf:{digest}",
        title=title,
        authors=authors,
        doi=doi,
        sections=tuple(_sections(pages)),
    )


def _sections(pages: list[str]) -> Iterator[Section]:
    """Text under each heading, cut at page breaks so every piece knows its page (numbered from 1)."""
    label, body = "Text", []  # text before the first heading (title, authors, affiliations)
    for number, page in enumerate(pages, start=1):
        for line in page.replace("\r", "\n").split("\n"):
            heading = _HEADING.match(line.strip())
            if heading is None:
                body.append(line.strip())
                continue
            if " ".join(body).strip():
                yield Section(label=label, text=" ".join(body), page=number)
            label, body = heading.group(1).title(), []
            if label.lower() in _END_MATTER:
                return
        if " ".join(body).strip():
            yield Section(label=label, text=" ".join(body), page=number)
        body = []
