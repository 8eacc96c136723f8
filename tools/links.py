"""Which links labbot makes, and making every other URL or domain inert.

An answer carries a live link only when labbot built it from a trusted field: a DOI (doi.org), a
PMID (PubMed) or an arXiv id (arxiv.org). A paper's own ``url`` is attacker-controlled (a crafted
record can point it at a phishing page), so it becomes a link only when its host is one the lab allows
(``agent.link_hosts``). Everything else that looks like a URL or a bare domain ("evil.example.com/x",
which Slack and many terminals turn into a link by themselves) is defanged for display
("evil[.]example[.]com") and, in a quoted sentence, is a reason not to quote it at all.

Whether "model.fit" is a domain is decided by the Public Suffix List (``tldextract``, its bundled
snapshot, never fetched), so "scipy.stats" or "np.mean" are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from urllib.parse import quote, urlsplit

import tldextract

TRUSTED_HOSTS = ("doi.org", "pubmed.ncbi.nlm.nih.gov", "arxiv.org")
DOI = re.compile(r"^10\.\d{4,9}/[^\s<>|\"'`]+$")
ARXIV_ID = re.compile(r"^(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?$")
PMID = re.compile(r"^\d{1,9}$")

# A host (with an optional scheme, port and path) as a linkifier would see it; letters of any script.
_LABEL = r"[^\W_](?:[^\W_]|-){0,62}"
_CANDIDATE = re.compile(
    rf"(?P<scheme>\b[a-z][a-z0-9+.-]*://)?(?<![\w.-])(?P<host>(?:{_LABEL}\.)+{_LABEL})(?P<rest>(?::\d+)?(?:/[^\s<>\"']*)?)",
    re.IGNORECASE,
)
_SCHEME_ONLY = re.compile(r"\b(?:https?|ftp)://\S+|\bwww\.", re.IGNORECASE)
_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@lru_cache(maxsize=8192)
def is_domain(host: str) -> bool:
    """Whether the host ends in a real public suffix after a name: "example.com" yes, "scipy.stats" no."""
    parts = _EXTRACT(host.lower().rstrip("."))
    return bool(parts.suffix and parts.domain)


def _links(text: str) -> Iterable[re.Match[str]]:
    for match in _CANDIDATE.finditer(text):
        if match.group("scheme") or is_domain(match.group("host")):
            yield match


def _looks_like_a_site(match: re.Match[str]) -> bool:
    """A bare domain written as one: a path or port, three labels, or a lower-case name of three letters or more.

    Text squeezed together by PDF extraction ("lesions.STUDY", "mg.kg", "st.dev") ends in real suffixes too;
    it is defanged on display but is no reason to withhold a sentence."""
    host = match.group("host")
    labels = host.split(".")
    return bool(match.group("rest")) or len(labels) >= 3 or (host == host.lower() and len(labels[-2]) >= 3)


def names_url_or_domain(text: str) -> bool:
    """Whether the text carries a URL, a ``www.`` name or a bare domain written as a site (for the checks)."""
    return _SCHEME_ONLY.search(text) is not None or any(
        match.group("scheme") or _looks_like_a_site(match) for match in _links(text)
    )


def defang(text: str) -> str:
    """URLs and domains made inert for display: ``hxxps://evil[.]example[.]com/x`` (readable, never a link)."""
    if "." not in text:
        return text

    def inert(match: re.Match[str]) -> str:
        scheme = (match.group("scheme") or "").replace("http", "hxxp").replace("HTTP", "HXXP")
        return f"{scheme}{match.group('host').replace('.', '[.]')}{match.group('rest')}"

    return _CANDIDATE.sub(lambda m: inert(m) if m.group("scheme") or is_domain(m.group("host")) else m.group(0), text)


def host_allowed(url: str, hosts: Iterable[str]) -> bool:
    """Whether an http(s) URL's host is one of ``hosts`` or below one of them ("www.nature.com" under "nature.com")."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    host = (parts.hostname or "").lower().rstrip(".")
    if parts.scheme not in ("http", "https") or not host or parts.username or parts.password:
        return False
    return any(host == allowed or host.endswith(f".{allowed}") for allowed in (h.lower().strip(".") for h in hosts))


def trusted_link(paper_id: str, doi: str | None, url: str | None, allowed_hosts: Iterable[str] = ()) -> str | None:
    """The live link for a paper: DOI, then PubMed or arXiv from its id, then its own URL if its host is allowed."""
    if doi and DOI.match(doi.strip()):
        return f"https://doi.org/{quote(doi.strip(), safe='/:;()._-')}"
    scheme, _, value = paper_id.partition(":")
    if scheme.upper() == "PMID" and PMID.match(value):
        return f"https://pubmed.ncbi.nlm.nih.gov/{value}/"
    if scheme.lower() == "arxiv" and ARXIV_ID.match(value):
        return f"https://arxiv.org/abs/{value}"
    if scheme.upper() == "DOI" and DOI.match(value):
        return f"https://doi.org/{quote(value, safe='/:;()._-')}"
    if url and host_allowed(url.strip(), allowed_hosts):
        return url.strip()
    return None
