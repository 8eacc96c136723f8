"""What the scholarly-API stand-ins (PubMed, arXiv, OpenAlex, Crossref) share: a corpus of invented papers,
a request log, fault switches (HTTP errors with Retry-After, a malformed body) and the GET-only handler.

Every record below is invented for these tests; each stand-in renders the same records in its API's format.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import parse_qs, urlsplit

from tests.standins.http import LoopbackServer, QuietHandler


@dataclass(frozen=True)
class Record:
    title: str
    abstract: str
    authors: tuple[tuple[str, str], ...]  # (family, given)
    published: date
    journal: str = "Journal of Invented Biostatistics"
    pmid: str | None = None
    doi: str | None = None
    arxiv: str | None = None
    openalex: str | None = None
    retraction_notice: str | None = None  # DOI of the notice that retracts this record
    retracted_on: date = date(2025, 3, 14)

    def matches(self, words: list[str]) -> bool:
        text = f"{self.title} {self.abstract}".lower()
        return all(w.lower() in text for w in words)


CORPUS: tuple[Record, ...] = (
    Record(
        title="Frailty terms for clustered recurrent infections in dialysis units",
        abstract="We fit shared gamma frailty models to recurrent catheter infections across 41 dialysis units. "
        "Unit-level frailty variance was 0.38, and ignoring clustering understated the standard errors of "
        "infection-free survival by a third.",
        authors=(("Okafor", "Adaeze"), ("Lindqvist", "Per")),
        published=date(2025, 6, 2),
        pmid="39000001",
        doi="10.5555/jib.2025.0101",
        openalex="W4400000001",
    ),
    Record(
        title="Competing risks of graft failure and death with a functioning frailty graft",
        abstract="Cause-specific hazards and Fine-Gray subdistribution hazards disagreed for graft failure "
        "when death was frequent; the cumulative incidence of graft failure at five years was 18 percent, "
        "and graft survival estimates ignoring death were biased upward.",
        authors=(("Marchetti", "Giulia"),),
        published=date(2024, 11, 20),
        pmid="39000002",
        doi="10.5555/jib.2024.0417",
        openalex="W4400000002",
        retraction_notice="10.5555/jib.2025.9001",
    ),
    Record(
        title="Bayesian frailty survival models with spike-and-slab priors",
        abstract="A spike-and-slab prior on frailty variance selects between shared and independent frailty "
        "survival models; in simulations the posterior inclusion probability was well calibrated.",
        authors=(("Tanaka", "Hiroshi"), ("Brennan", "Aoife"), ("Sato", "Yuki")),
        published=date(2025, 2, 9),
        arxiv="2502.01234",
        openalex="W4400000003",
    ),
    Record(
        title="Cumulative incidence of graft failure under competing risks in a national registry",
        abstract="In a registry of 9,000 kidney transplants, the cumulative incidence of graft failure at five "
        "years was 11 percent when death was treated as a competing event, against 14 percent from one minus "
        "Kaplan-Meier.",
        authors=(("Haddad", "Layla"), ("Olsen", "Mikkel")),
        published=date(2025, 4, 10),
        pmid="39000005",
        doi="10.5555/jib.2025.0220",
        openalex="W4400000005",
    ),
    Record(
        title="Permutation tests for frailty variance on the boundary",
        abstract="Likelihood-ratio tests of zero frailty variance are non-standard on the boundary; permutation "
        "of cluster labels restored nominal size in small survival samples.",
        authors=(("Novak", "Jana"),),
        published=date(2023, 8, 30),
        arxiv="2308.04567",
        doi="10.5555/jib.2024.0002",
        pmid="39000004",
        openalex="W4400000004",
    ),
)


@dataclass
class Seen:
    path: str
    params: dict[str, str]
    headers: dict[str, str] = field(default_factory=dict)


class ScholarlyStandIn(LoopbackServer):
    """Answers GETs with ``answer(path, params) -> (status, content type, body)``; logs every request."""

    content_type = "application/json"

    def __init__(self, records: tuple[Record, ...] = CORPUS) -> None:
        self.records = list(records)
        self._lock = threading.Lock()
        self._log: list[Seen] = []
        self._faults: list[tuple[int, float | None]] = []
        self._malformed = 0

    def answer(self, path: str, params: dict[str, str]) -> tuple[int, str, bytes]:
        raise NotImplementedError

    def fail_next(self, status: int, times: int = 1, retry_after: float | None = None) -> None:
        """The next ``times`` requests get ``status`` (with ``Retry-After`` when given)."""
        with self._lock:
            self._faults.extend([(status, retry_after)] * times)

    def malformed_next(self, times: int = 1) -> None:
        """The next ``times`` answers are cut in half: 200 OK with a body that does not parse."""
        with self._lock:
            self._malformed += times

    @property
    def requests(self) -> list[Seen]:
        with self._lock:
            return list(self._log)

    def _respond(self, raw_path: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        url = urlsplit(raw_path)
        params = {k: v[-1] for k, v in parse_qs(url.query, keep_blank_values=True).items()}
        with self._lock:
            self._log.append(Seen(url.path, params, headers))
            fault = self._faults.pop(0) if self._faults else None
            malformed = self._malformed > 0
            self._malformed -= int(malformed)
        if fault is not None:
            status, after = fault
            extra = {} if after is None else {"Retry-After": str(int(after))}
            return status, {"Content-Type": "text/plain", **extra}, f"stand-in fault {status}".encode()
        status, kind, body = self.answer(url.path, params)
        if malformed:
            body = body[: len(body) // 2]
        return status, {"Content-Type": kind}, body

    def _answer(self, request: QuietHandler) -> tuple[int, dict[str, str], bytes]:
        return self._respond(request.path, dict(request.headers.items()))


def newest_first(records: list[Record]) -> list[Record]:
    return sorted(records, key=lambda r: r.published, reverse=True)
