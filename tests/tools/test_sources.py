"""Each live-source client against a loopback stand-in speaking its API's format: search, fetch by id,
429 and 500 then success, a malformed body, paging, identification and the response cache."""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr

from tests.standins.scholarly import ScholarlyStandIn
from tests.tools.conftest import source_settings
from tools.sources import PaperSource, PaperSources, SourceError, close_sources, open_sources
from tools.sources.crossref import CrossrefSource
from tools.sources.http import ResponseCache, retry_after
from tools.sources.openalex import abstract_from_index

QUERY = "frailty survival"


class Sleeps:
    """Records the waits the clients ask for instead of waiting (tests never sleep)."""

    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
async def opened(
    tmp_path: Path, standins: dict[str, ScholarlyStandIn], sleeps: Sleeps
) -> AsyncIterator[dict[str, PaperSource]]:
    settings = source_settings(tmp_path, standins, backoff_s=0.5, cache_ttl_s=0)
    settings = settings.model_copy(update={"ncbi_api_key": SecretStr("ncbi-secret")})
    sources = open_sources(settings, sleep=sleeps)
    yield {s.name: s for s in sources}
    await close_sources(sources)


async def test_pubmed_search_and_fetch_map_records_to_papers(
    opened: dict[str, PaperSource], standins: dict[str, ScholarlyStandIn]
) -> None:
    papers = await opened["pubmed"].search(QUERY, max_results=10)
    assert [p.id for p in papers] == ["PMID:39000001", "PMID:39000002", "PMID:39000004"]  # newest first
    first = papers[0]
    assert first.title == "Frailty terms for clustered recurrent infections in dialysis units"
    assert first.authors == ("Okafor, Adaeze", "Lindqvist, Per") and first.year == 2025
    assert first.doi == "10.5555/jib.2025.0101" and first.venue == "Journal of Invented Biostatistics"
    assert first.abstract.startswith("Background: We fit shared gamma frailty models")
    assert "Results: Unit-level frailty variance was 0.38" in first.abstract  # inline <i> flattened
    assert first.retraction is None
    assert papers[1].retraction is not None and "Retracted" in papers[1].retraction

    again = await opened["pubmed"].fetch(["PMID:39000004", "39000001"])
    assert [p.id for p in again] == ["PMID:39000004", "PMID:39000001"]
    search = next(r for r in standins["pubmed"].requests if r.path.endswith("esearch.fcgi"))
    assert search.params["tool"] == "labbot" and search.params["email"] == "lab@example.org"
    assert search.params["api_key"] == "ncbi-secret" and search.params["sort"] == "pub_date"
    assert "mailto:lab@example.org" in search.headers["User-Agent"]


@pytest.mark.parametrize(
    ("name", "page", "found", "param", "sent"),
    [
        ("pubmed", 2, 3, "retstart", ["0", "2"]),  # esearch pages the ids; efetch takes them without one
        ("openalex", 3, 4, "cursor", ["*", "offset-3"]),
    ],
)
async def test_searches_page_through_the_results(
    name: str,
    page: int,
    found: int,
    param: str,
    sent: list[str],
    opened: dict[str, PaperSource],
    standins: dict[str, ScholarlyStandIn],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(f"tools.sources.{name}.PAGE", page)
    assert len(await opened[name].search(QUERY, max_results=10)) == found
    assert [r.params[param] for r in standins[name].requests if param in r.params] == sent


async def test_pubmed_honours_since(opened: dict[str, PaperSource]) -> None:
    recent = await opened["pubmed"].search(QUERY, since=date(2025, 1, 1))
    assert [p.id for p in recent] == ["PMID:39000001"]


async def test_arxiv_search_fetch_and_paging(
    opened: dict[str, PaperSource], standins: dict[str, ScholarlyStandIn], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tools.sources.arxiv.PAGE", 1)
    papers = await opened["arxiv"].search(QUERY, max_results=5)
    assert [p.id for p in papers] == ["arXiv:2502.01234", "arXiv:2308.04567"]
    assert [r.params["start"] for r in standins["arxiv"].requests] == ["0", "1"]
    bayes = papers[0]
    assert bayes.authors == ("Hiroshi Tanaka", "Aoife Brennan", "Yuki Sato") and bayes.year == 2025
    assert bayes.abstract.startswith("A spike-and-slab prior") and bayes.url == "https://arxiv.org/abs/2502.01234"
    assert papers[1].doi == "10.5555/jib.2024.0002"
    assert [p.id for p in await opened["arxiv"].fetch(["arXiv:2308.04567"])] == ["arXiv:2308.04567"]
    assert [p.id for p in await opened["arxiv"].search(QUERY, since=date(2024, 1, 1))] == ["arXiv:2502.01234"]


async def test_arxiv_error_feed_is_a_clear_error(opened: dict[str, PaperSource]) -> None:
    with pytest.raises(SourceError, match="incorrect id format for not-an-id"):
        await opened["arxiv"].fetch(["not-an-id"])


async def test_openalex_cursor_paging_ids_and_abstracts(
    opened: dict[str, PaperSource], standins: dict[str, ScholarlyStandIn]
) -> None:
    papers = await opened["openalex"].search(QUERY, max_results=3)
    # a work with a PMID is the PubMed record, an arXiv preprint the arXiv record: one library entry each
    assert [p.id for p in papers] == ["PMID:39000001", "arXiv:2502.01234", "PMID:39000002"]
    assert papers[0].abstract.startswith("We fit shared gamma frailty models to recurrent catheter infections")
    assert papers[2].retraction == "Retracted (OpenAlex is_retracted)"
    cursors = [r.params.get("cursor") for r in standins["openalex"].requests]
    assert cursors == ["*"]
    standins["openalex"].requests.clear()
    await opened["openalex"].search(QUERY, max_results=150)  # more than one page of per_page=100
    fetched = await opened["openalex"].fetch(["OpenAlex:W4400000003", "W4400000004"])
    assert {p.id for p in fetched} == {"arXiv:2502.01234", "PMID:39000004"}
    assert standins["openalex"].requests[-1].params["mailto"] == "lab@example.org"


def test_abstract_inverted_index_puts_words_back_in_order() -> None:
    assert abstract_from_index({"the": [0, 3], "cat": [1], "saw": [2], "dog": [4]}) == "the cat saw the dog"
    assert abstract_from_index(None) == ""


async def test_crossref_metadata_by_doi_and_retraction_notices(opened: dict[str, PaperSource]) -> None:
    crossref = opened["crossref"]
    assert isinstance(crossref, CrossrefSource)
    [paper] = await crossref.fetch(["DOI:10.5555/JIB.2024.0417"])
    assert paper.id == "DOI:10.5555/jib.2024.0417" and paper.authors == ("Marchetti, Giulia",)
    assert paper.abstract.startswith("Cause-specific hazards") and "<jats" not in paper.abstract
    assert paper.retraction == "Retraction (2025-03-14, notice DOI:10.5555/jib.2025.9001, Crossref)"
    notes = await crossref.retractions(["10.5555/jib.2024.0417", "https://doi.org/10.5555/jib.2025.0101"])
    assert notes == {"10.5555/jib.2024.0417": "Retraction (2025-03-14, notice DOI:10.5555/jib.2025.9001, Crossref)"}
    found = await crossref.search(QUERY, since=date(2025, 1, 1))
    assert [p.id for p in found] == ["DOI:10.5555/jib.2025.0101"]


@pytest.mark.parametrize("name", ["pubmed", "arxiv", "openalex", "crossref"])
@pytest.mark.parametrize(
    ("status", "times", "retry_after", "delays"),
    [
        (429, 1, 7.0, [7.0]),  # Retry-After wins over the exponential backoff
        (500, 2, None, [0.5, 1.0]),  # no Retry-After: the backoff doubles
    ],
    ids=["429-retry-after", "500s-back-off"],
)
async def test_refusals_are_retried_after_the_wait_then_succeed(
    name: str,
    status: int,
    times: int,
    retry_after: float | None,
    delays: list[float],
    opened: dict[str, PaperSource],
    standins: dict[str, ScholarlyStandIn],
    sleeps: Sleeps,
) -> None:
    standins[name].fail_next(status, times=times, retry_after=retry_after)
    assert await opened[name].search(QUERY, max_results=1)
    assert sleeps.delays == delays


async def test_retries_give_up_with_a_clear_error(
    opened: dict[str, PaperSource], standins: dict[str, ScholarlyStandIn]
) -> None:
    standins["openalex"].fail_next(503, times=5)
    with pytest.raises(SourceError, match=r"openalex: .*HTTP 503.*after 4 retries"):
        await opened["openalex"].search(QUERY)


@pytest.mark.parametrize(
    ("name", "words"), [("pubmed", "JSON"), ("arxiv", "XML"), ("openalex", "JSON"), ("crossref", "JSON")]
)
async def test_malformed_bodies_are_clear_errors(
    name: str, words: str, opened: dict[str, PaperSource], standins: dict[str, ScholarlyStandIn]
) -> None:
    standins[name].malformed_next()
    with pytest.raises(SourceError, match=f"{name}: .*{words}"):
        await opened[name].search(QUERY)


async def test_malformed_efetch_xml_is_a_clear_error(
    opened: dict[str, PaperSource], standins: dict[str, ScholarlyStandIn]
) -> None:
    standins["pubmed"].malformed_next(times=2)
    with pytest.raises(SourceError, match="pubmed: the answer is not well-formed XML"):
        await opened["pubmed"].fetch(["39000001"])


async def test_answers_are_cached_in_the_data_dir_without_keys(
    tmp_path: Path, standins: dict[str, ScholarlyStandIn], sleeps: Sleeps
) -> None:
    settings = source_settings(tmp_path, standins, enabled=("openalex",))
    for _ in range(2):
        [source] = open_sources(settings, sleep=sleeps)
        assert len(await source.search(QUERY, max_results=2)) == 2
        await source.aclose()
    assert len(standins["openalex"].requests) == 1
    cached = list((tmp_path / "data" / "cache" / "sources" / "openalex").iterdir())
    assert len(cached) == 1 and b"lab@example.org" not in cached[0].read_bytes()


async def test_a_malformed_answer_is_not_cached(
    tmp_path: Path, standins: dict[str, ScholarlyStandIn], sleeps: Sleeps
) -> None:
    settings = source_settings(tmp_path, standins, enabled=("crossref",))
    [source] = open_sources(settings, sleep=sleeps)
    standins["crossref"].malformed_next()
    with pytest.raises(SourceError):
        await source.search(QUERY)
    assert await source.search(QUERY)
    await source.aclose()


async def test_polite_pace_between_requests(
    tmp_path: Path, standins: dict[str, ScholarlyStandIn], sleeps: Sleeps
) -> None:
    settings = source_settings(tmp_path, standins, enabled=("arxiv",), cache_ttl_s=0)
    settings = settings.model_copy(
        update={"sources": settings.sources.model_copy(update={"min_interval_s": {"arxiv": 3.0}})}
    )
    [source] = open_sources(settings, sleep=sleeps)
    await source.search(QUERY)
    await source.search(QUERY)
    await source.aclose()
    assert len(sleeps.delays) == 1 and 2.5 < sleeps.delays[0] <= 3.0


async def test_crossref_pages_with_offset(
    opened: dict[str, PaperSource], standins: dict[str, ScholarlyStandIn], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tools.sources.crossref.PAGE", 2)
    papers = await opened["crossref"].search("frailty", max_results=10)
    assert len(papers) == 3
    assert [r.params["offset"] for r in standins["crossref"].requests] == ["0", "2"]


async def test_expired_cache_entries_are_pruned(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path / "cache", ttl_s=60)
    cache.put("old", b"1")
    old = next((tmp_path / "cache").iterdir())
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    assert cache.get("old") is None
    ResponseCache(tmp_path / "cache", ttl_s=60).put("new", b"2")
    assert not old.exists() and len(list((tmp_path / "cache").iterdir())) == 1


def test_retry_after_reads_seconds_and_http_dates() -> None:
    later = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    assert retry_after(httpx.Response(429, headers={"Retry-After": "12"})) == 12.0
    assert 25 < (retry_after(httpx.Response(503, headers={"Retry-After": later})) or 0) <= 30
    assert retry_after(httpx.Response(503, headers={"Retry-After": "soon"})) is None
    assert retry_after(httpx.Response(503)) is None


async def test_answers_at_once_share_the_process_sources_and_their_pace(
    tmp_path: Path, standins: dict[str, ScholarlyStandIn], sleeps: Sleeps
) -> None:
    settings = source_settings(tmp_path, standins, enabled=("arxiv",), cache_ttl_s=0)
    intervals = {**settings.sources.min_interval_s, "arxiv": 3.0}
    settings = settings.model_copy(
        update={"sources": settings.sources.model_copy(update={"min_interval_s": intervals})}
    )
    sources = PaperSources(settings, sleep=sleeps)
    first, second = sources.get(), sources.get()  # what two answers at once are handed
    await asyncio.gather(first[0].search(QUERY), second[0].search(QUERY))
    await sources.aclose()
    assert len(sleeps.delays) == 1 and 2.5 < sleeps.delays[0] <= 3.0
    assert len(standins["arxiv"].requests) == 2


async def test_the_process_sources_open_each_source_once_and_reopen_after_closing(
    tmp_path: Path, standins: dict[str, ScholarlyStandIn], sleeps: Sleeps
) -> None:
    sources = PaperSources(source_settings(tmp_path, standins, enabled=("arxiv", "crossref")), sleep=sleeps)
    both = sources.get()
    assert [s.name for s in both] == ["arxiv", "crossref"]
    assert sources.get(only=("crossref",)) == [both[1]]
    await sources.aclose()
    [reopened] = sources.get(only=("crossref",))
    assert reopened is not both[1] and await reopened.search(QUERY)
    await sources.aclose()
