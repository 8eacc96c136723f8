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
    text = "\n".join(pages)
    if len(text.strip()) < _MIN_TEXT:
        yield ReadProblem(str(path), "no extractable text (a scanned PDF? run OCR on it first)")
        return
    yield _paper(path, text, metadata)


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


def _paper(path: Path, text: str, metadata: dict[str, str]) -> Paper:
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
        sections=tuple(_sections(lines)),
    )


def _sections(lines: list[str]) -> Iterator[Section]:
    label, body = "Text", []  # text before the first heading (title, authors, affiliations)
    for line in lines:
        heading = _HEADING.match(line)
        if heading is None:
            body.append(line)
            continue
        if body and " ".join(body).strip():
            yield Section(label=label, text=" ".join(body))
        label, body = heading.group(1).title(), []
        if label.lower() in _END_MATTER:
            return
    if " ".join(body).strip():
        yield Section(label=label, text=" ".join(body))
