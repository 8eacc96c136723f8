"""The paper record every reader produces and every index stores."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator

from tools.links import trusted_link
from tools.normalise import clean

# A paper id is "<scheme>:<value>" (PMID:123, DOI:10.1/x, arXiv:2101.1, starter:cox1972, pdf:ab12…).
_PAPER_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*:\S+$")


_FINDINGS_HEADINGS = ("result", "finding")
_SETUP_HEADINGS = ("background", "objective", "introduction", "purpose", "aim", "method", "design", "setting")


def heading_reports_findings(heading: str) -> bool | None:
    """True under a results heading, False under a setup one (background, aims, methods), None otherwise.
    "METHODS AND RESULTS" holds findings."""
    label = heading.lower()
    if any(word in label for word in _FINDINGS_HEADINGS):
        return True
    if any(word in label for word in _SETUP_HEADINGS):
        return False
    return None


class Section(BaseModel):
    """A run of a paper's text under one heading; a PDF's section is cut at page breaks, each piece on its page."""

    model_config = ConfigDict(frozen=True)

    label: str
    text: str
    page: int | None = Field(None, ge=1)  # the page of a PDF this text is on; None where pages are unknown

    @property
    def reports_findings(self) -> bool | None:
        return heading_reports_findings(self.label)

    @field_validator("label", "text")
    @classmethod
    def _visible(cls, value: str) -> str:
        return clean(value)


class Paper(BaseModel):
    """One paper. ``sections`` carries the body text with its section labels, in reading order."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    title: str = ""
    authors: tuple[str, ...] = ()
    year: int | None = Field(None, ge=1000, le=2200)
    venue: str | None = None
    doi: str | None = None
    url: str | None = None
    abstract: str = ""
    sections: tuple[Section, ...] = ()
    # A retraction notice ("Retracted 2023-05-01, notice DOI:10.1/x (Crossref)"); such a paper is flagged, never cited.
    retraction: str | None = None

    @field_validator("title", "abstract", "venue")
    @classmethod
    def _visible(cls, value: str | None) -> str | None:
        """Ingest keeps only what a reader can see: hidden characters go, disguised letters are folded."""
        return None if value is None else clean(value)

    @field_validator("authors")
    @classmethod
    def _visible_authors(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(clean(author) for author in value)

    @field_validator("id")
    @classmethod
    def _id_has_scheme(cls, value: str) -> str:
        value = value.strip()
        if not _PAPER_ID.match(value):
            raise ValueError(f"paper id {value!r} must look like SCHEME:VALUE, e.g. PMID:123 or DOI:10.1000/xyz")
        return value

    def content_hash(self) -> str:
        """Stable digest of everything that is indexed; a changed paper gets a new hash."""
        # Unset fields stay out, so the hashes of papers stored before those fields existed still match.
        unset: dict[str, Any] = {}
        if self.retraction is None:
            unset["retraction"] = True
        if all(section.page is None for section in self.sections):
            unset["sections"] = {"__all__": {"page"}}
        dumped = self.model_dump(mode="json", exclude=unset or None)
        canonical = json.dumps(dumped, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()

    def display_title(self) -> str:
        return self.title or self.id

    def short_citation(self) -> str:
        """How a sentence is attributed in running text: "Cox 1972", "Kaplan & Meier 1958", "Page et al. 2021"."""
        surnames = [a.split(",")[0].strip() for a in self.authors if a.strip() and a.strip() != "et al."]
        if not surnames:
            who = self.id
        elif len(surnames) == 1 and "et al." not in self.authors:
            who = surnames[0]
        elif len(surnames) == 2 and "et al." not in self.authors:
            who = f"{surnames[0]} & {surnames[1]}"
        else:
            who = f"{surnames[0]} et al."
        return f"{who} {self.year}" if self.year else who

    def link(self, allowed_hosts: Iterable[str] = ()) -> str | None:
        """The link a reader can follow, made from a trusted field (DOI, PMID, arXiv id); the paper's own
        ``url`` only when its host is one the lab allows (see tools.links)."""
        return trusted_link(self.id, self.doi, self.url, allowed_hosts)


Pages = tuple[int, int]  # (first, last) page of a PDF a passage is printed on


class Chunk(BaseModel):
    """A passage of a paper: the unit that is embedded, searched and cited."""

    model_config = ConfigDict(frozen=True)

    paper_id: str
    position: int
    section: str
    text: str
    pages: Pages | None = None  # None: not from a PDF, or indexed before pages were kept

    @property
    def key(self) -> str:
        """The passage id answers cite: ``<paper id>#<position>``."""
        return f"{self.paper_id}#{self.position}"


def page_label(pages: Pages | None) -> str:
    """Where to look in the file: "p. 4", "pp. 4–5", or "" when the pages are unknown."""
    if pages is None:
        return ""
    first, last = pages
    return f"p. {first}" if first == last else f"pp. {first}–{last}"


def page_link(link: str | None, pages: Pages | None) -> str | None:
    """The link opened at the passage's first page, when the link is the PDF file itself.

    A viewer's ``#page=N`` means nothing on a landing page (doi.org, PubMed), so only a link whose path
    is a ``.pdf`` gets it; the link itself is whatever tools.links already allowed."""
    if link is None or pages is None:
        return link
    parts = urlsplit(link)
    if parts.fragment or not parts.path.lower().endswith(".pdf"):
        return link
    return urlunsplit(parts._replace(fragment=f"page={pages[0]}"))
