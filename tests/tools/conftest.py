"""The live-source tests' loopback stand-ins (PubMed, arXiv, OpenAlex, Crossref) and settings pointing at them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.standins.arxiv import ArxivStandIn
from tests.standins.crossref import CrossrefStandIn
from tests.standins.openalex import OpenAlexStandIn
from tests.standins.pubmed import PubMedStandIn
from tests.standins.scholarly import ScholarlyStandIn
from tools.settings import Settings, SourceSettings


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


def source_settings(tmp_path: Path, standins: dict[str, ScholarlyStandIn], **overrides: Any) -> Settings:
    sources = SourceSettings(
        contact_email="lab@example.org",
        pubmed_url=standins["pubmed"].url,
        arxiv_url=standins["arxiv"].url,
        openalex_url=standins["openalex"].url,
        crossref_url=standins["crossref"].url,
        min_interval_s=dict.fromkeys(("pubmed", "arxiv", "openalex", "crossref"), 0.0),
        **overrides,
    )
    return Settings(data_dir=tmp_path / "data", sources=sources)
