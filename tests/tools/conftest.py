"""The live-source tests' loopback stand-ins: PubMed, arXiv, OpenAlex and Crossref, one server each per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.standins.arxiv import ArxivStandIn
from tests.standins.crossref import CrossrefStandIn
from tests.standins.openalex import OpenAlexStandIn
from tests.standins.pubmed import PubMedStandIn
from tests.standins.scholarly import ScholarlyStandIn


@pytest.fixture
def standins() -> Iterator[dict[str, ScholarlyStandIn]]:
    servers: dict[str, ScholarlyStandIn] = {
        "pubmed": PubMedStandIn(),
        "arxiv": ArxivStandIn(),
        "openalex": OpenAlexStandIn(),
        "crossref": CrossrefStandIn(),
    }
    for server in servers.values():
        server.start()
    yield servers
    for server in servers.values():
        server.stop()
