"""What only the Pinecone backend has to get right: wire format, two-store consistency, faults."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from pinecone import AsyncIndex
from pydantic import SecretStr

from tests.conftest import FIXTURES
from tests.pdfs import OVARIAN_DOI, OVARIAN_RESULTS, ovarian_trial_pdf
from tests.standins.pinecone import PineconeStandIn, reset_client_retry_state
from tools.embeddings.minilm import MiniLMEmbedder
from tools.ingest import ingest
from tools.library import Library
from tools.papers import Paper
from tools.readers import read_papers
from tools.search import Filters, open_index
from tools.search.pinecone import PineconeWriteError, metadata_filter, parse_vector_id, vector_id
from tools.settings import SearchSettings, Settings


@pytest.fixture
def standin(monkeypatch: pytest.MonkeyPatch) -> Iterator[PineconeStandIn]:
    async def no_wait(_: float) -> None:
        return None

    # the client's own backoff would make fault tests slow; its retry logic still runs
    monkeypatch.setattr("pinecone._internal.http_client._async_retry_sleep", no_wait)
    reset_client_retry_state()
    with PineconeStandIn(api_key="pc-test-key") as server:
        yield server
    reset_client_retry_state()


@pytest.fixture
async def library(settings: Settings, embedder: MiniLMEmbedder, standin: PineconeStandIn) -> AsyncIterator[Library]:
    settings = Settings(
        data_dir=settings.data_dir,
        search=SearchSettings(backend="pinecone", pinecone_host=standin.url, pinecone_namespace="lab"),
        pinecone_api_key=SecretStr("pc-test-key"),
    )
    lib = Library(open_index(settings), embedder, settings.search)
    await ingest(lib, list(read_papers(FIXTURES / "papers.jsonl", "auto")))
    yield lib
    await lib.close()


def test_vector_ids_and_filters_round_trip() -> None:
    assert parse_vector_id(vector_id("DOI:10.1/a#b", 3, "abcdef0123456789")) == ("DOI:10.1/a#b", 3, "abcdef012345")
    assert parse_vector_id("garbage") is None
    assert metadata_filter(Filters()) is None
    assert metadata_filter(Filters(year_min=2000, id_prefix="PMID:12")) == {
        "$and": [{"year": {"$gte": 2000}}, {"scheme": {"$eq": "PMID"}}]
    }
    assert metadata_filter(Filters(id_prefix="PM")) is None  # applied to the results instead


async def test_upserts_speak_pinecone_wire_format(library: Library, standin: PineconeStandIn) -> None:
    upserts = [body for method, path, body in standin.requests if path == "/vectors/upsert"]
    assert upserts and all(body["namespace"] == "lab" for body in upserts)
    vector = upserts[0]["vectors"][0]
    assert set(vector) == {"id", "values", "metadata"} and len(vector["values"]) == 384
    assert vector["metadata"]["scheme"] in {"DOI", "PMID", "arXiv"}
    stored = standin.vectors("lab")
    hashes = await library.index.content_hashes(["DOI:10.1000/surv.1"])
    assert vector_id("DOI:10.1000/surv.1", 0, hashes["DOI:10.1000/surv.1"]) in stored
    query = [body for method, path, body in standin.requests if path == "/query"]
    assert query == []  # ingest never queries
    await library.search("survival", k=1, filters=Filters(year_min=1990))
    body = next(body for method, path, body in standin.requests if path == "/query")
    assert body["topK"] >= 1 and body["filter"] == {"year": {"$gte": 1990}} and body["namespace"] == "lab"


async def test_orphan_vectors_from_an_interrupted_write_are_never_returned(
    library: Library, standin: PineconeStandIn, embedder: MiniLMEmbedder
) -> None:
    # what a crash after the Pinecone upsert but before the catalog commit leaves behind
    text = "Controlling the false discovery rate in genomic screens"
    (vector,) = await embedder.embed([text])
    async with AsyncIndex(host=standin.url, api_key="pc-test-key") as raw:
        await raw.upsert(
            vectors=[{"id": "DOI:10.1000/fdr.2#0@000000000000", "values": [float(x) for x in vector]}], namespace="lab"
        )
        await raw.upsert(
            vectors=[{"id": "x:ghost#0@111111111111", "values": [float(x) for x in vector]}], namespace="lab"
        )
    hits = await library.search(text, k=5, mode="dense")
    assert hits[0].paper_id == "DOI:10.1000/fdr.2"
    assert "x:ghost" not in {h.paper_id for h in hits}
    assert [c.chunk.key for c in hits[0].chunks] == ["DOI:10.1000/fdr.2#0"]


async def test_replacing_a_paper_deletes_its_old_vectors(library: Library, standin: PineconeStandIn) -> None:
    before = {vid for vid in standin.vectors("lab") if vid.startswith("PMID:1000003#")}
    paper = (await library.index.papers(["PMID:1000003"]))["PMID:1000003"]
    await ingest(library, [paper.model_copy(update={"abstract": "Complete-case analysis was used instead."})])
    after = {vid for vid in standin.vectors("lab") if vid.startswith("PMID:1000003#")}
    assert before and after and not before & after


async def test_a_failed_upsert_commits_nothing(library: Library, standin: PineconeStandIn) -> None:
    standin.fail_next(503, times=4)  # the client retries 3 times, then reports the batch as failed
    with pytest.raises(PineconeWriteError, match="nothing was committed"):
        await ingest(library, [Paper(id="x:new", title="Negative binomial regression for overdispersed counts")])
    assert await library.index.papers(["x:new"]) == {}
    assert await library.index.verify() == []


async def test_verify_notices_vectors_missing_from_pinecone(library: Library, standin: PineconeStandIn) -> None:
    async with AsyncIndex(host=standin.url, api_key="pc-test-key") as raw:
        await raw.delete(delete_all=True, namespace="lab")
    problems = await library.index.verify()
    assert len(problems) == 1 and "no vector in Pinecone" in problems[0]


def test_settings_without_host_or_key_explain_what_is_missing(tmp_path: object) -> None:
    with pytest.raises(ValueError, match="PINECONE_HOST"):
        open_index(Settings(search=SearchSettings(backend="pinecone")))
    with pytest.raises(ValueError, match="PINECONE_API_KEY"):
        open_index(Settings(search=SearchSettings(backend="pinecone", pinecone_host="http://127.0.0.1:1")))


async def test_a_pdf_passage_carries_its_pages_in_the_vector_metadata_and_the_hit(
    library: Library, standin: PineconeStandIn, tmp_path: Path
) -> None:
    await ingest(library, list(read_papers(ovarian_trial_pdf(tmp_path), "pdf")))
    upserted = [v for _, path, body in standin.requests if path == "/vectors/upsert" for v in body["vectors"]]
    results = next(v for v in upserted if v["id"].startswith(f"DOI:{OVARIAN_DOI}#2@"))
    assert results["metadata"]["page_first"] == 2 and results["metadata"]["page_last"] == 2
    assert all("page_first" not in v["metadata"] for v in upserted if not v["id"].startswith("DOI:10.1000/ovary"))
    hits = await library.search(OVARIAN_RESULTS, k=1, mode="dense")
    assert hits[0].chunks[0].chunk.key == f"DOI:{OVARIAN_DOI}#2" and hits[0].chunks[0].chunk.pages == (2, 2)
