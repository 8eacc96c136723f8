"""BibTeX (e.g. a Zotero export with abstracts), read with bibtexparser 2."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path

from bibtexparser.entrypoint import parse_file
from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors
from bibtexparser.model import Entry
from pydantic import ValidationError

from tools.papers import Paper
from tools.readers.protocol import ReadProblem

# bibtexparser logs each broken block itself; labbot reports them with file and line instead
logging.getLogger("bibtexparser").setLevel(logging.ERROR)

_DOI = re.compile(r"10\.\d{4,9}/\S+")
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d|21\d\d)\b")
_BRACES = re.compile(r"[{}]")


def read_bibtex(path: Path) -> Iterator[Paper | ReadProblem]:
    try:
        library = parse_file(str(path), append_middleware=[LatexDecodingMiddleware(), SeparateCoAuthors()])
    except (UnicodeDecodeError, LookupError) as error:
        yield ReadProblem(str(path), f"cannot read as UTF-8 BibTeX: {error}")
        return
    for block in library.failed_blocks:
        reason = getattr(block.error, "abort_reason", None) or str(block.error) or type(block.error).__name__
        yield ReadProblem(str(path), f"unparseable BibTeX entry: {reason}", f"line {block.start_line}")
    for entry in library.entries:
        yield _paper(str(path), entry)


def _field(entry: Entry, *names: str) -> str:
    for name in names:
        field = entry.get(name)
        if field is not None and str(field.value).strip():
            return _BRACES.sub("", str(field.value)).strip()
    return ""


def _paper(source: str, entry: Entry) -> Paper | ReadProblem:
    doi_match = _DOI.search(_field(entry, "doi"))
    doi = doi_match.group(0).rstrip(".,;") if doi_match else None
    year_match = _YEAR.search(_field(entry, "year", "date"))
    authors_field = entry.get("author")
    authors = authors_field.value if authors_field is not None else []
    try:
        return Paper(
            id=f"DOI:{doi}" if doi else f"bib:{entry.key}",
            title=_field(entry, "title"),
            authors=tuple(_BRACES.sub("", a).strip() for a in (authors if isinstance(authors, list) else [authors])),
            year=int(year_match.group(1)) if year_match else None,
            venue=_field(entry, "journal", "journaltitle", "booktitle", "publisher") or None,
            doi=doi,
            url=_field(entry, "url") or None,
            abstract=_field(entry, "abstract"),
        )
    except ValidationError as error:
        return ReadProblem(source, str(error.errors()[0]["msg"]), f"entry {entry.key}")
