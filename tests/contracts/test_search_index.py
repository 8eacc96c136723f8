"""One contract, every SearchIndex backend: embedded SQLite (FTS5 + exact dense scan) and Pinecone (stand-in)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
from pydantic import SecretStr

from tests.conftest import FIXTURES
from tests.standins.pinecone import PineconeStandIn
from tools.chunking import chunk_paper
from tools.embeddings.minilm import MiniLMEmbedder
from tools.ingest import ingest
from tools.library import Library
from tools.papers import Paper
from tools.readers import read_papers
from tools.search import EmbeddedPaper, Filters, SearchMode, open_index
from tools.search.catalog import EmbedderMismatch
from tools.settings import SearchSettings, Settings

BACKENDS = ["sqlite", "pinecone"]


@pytest.fixture
def pinecone_standin() -> Iterator[PineconeStandIn]:
    with PineconeStandIn(api_key="pc-test-key", metric="cosine") as server:
        yield server


@pytest.fixture(params=BACKENDS)
async def index_library(
    request: pytest.FixtureRequest, settings: Settings, embedder: MiniLMEmbedder, pinecone_standin: PineconeStandIn
) -> AsyncIterator[Library]:
    if request.param == "pinecone":
        settings = Settings(
            data_dir=settings.data_dir,
            search=SearchSettings(backend="pinecone", pinecone_host=pinecone_standin.url),
            pinecone_api_key=SecretStr("pc-test-key"),
        )
    library = Library(open_index(settings), embedder, settings.search)
    await ingest(library, list(read_papers(FIXTURES / "papers.jsonl", "auto")))
    yield library
    await library.close()


async def test_stores_papers_with_hashes_and_verifies(index_library: Library) -> None:
    index = index_library.index
    hashes = await index.content_hashes(["DOI:10.1000/surv.1", "PMID:1000003", "x:absent"])
    assert set(hashes) == {"DOI:10.1000/surv.1", "PMID:1000003"}
    papers = await index.papers(["DOI:10.1000/surv.1"])
    assert hashes["DOI:10.1000/surv.1"] == papers["DOI:10.1000/surv.1"].content_hash()
    stats = await index.stats()
    assert (stats.papers, stats.dimension) == (4, 384)
    assert await index.verify() == []


@pytest.mark.parametrize("mode", ["hybrid", "bm25", "dense"])
async def test_ranks_the_relevant_paper_first(index_library: Library, mode: SearchMode) -> None:
    hits = await index_library.search("Bayesian partial pooling with MCMC convergence R-hat", k=3, mode=mode)
    assert hits[0].paper_id == "arXiv:2101.00004"
    assert hits[0].chunks[0].chunk.key.startswith("arXiv:2101.00004#")


async def test_replacing_a_paper_replaces_its_passages(index_library: Library) -> None:
    paper = Paper(
        id="x:1", title="Sample size", abstract="Power calculations for two-sample t-tests need effect sizes."
    )
    await ingest(index_library, [paper])
    revised = paper.model_copy(update={"abstract": "Cluster trials inflate sample size by the design effect."})
    report = await ingest(index_library, [revised])
    assert report.updated == 1
    chunks = await index_library.index.chunks(["x:1#0", "x:1#7", "nonsense", "x:404#0"])
    assert list(chunks) == ["x:1#0"] and "design effect" in chunks["x:1#0"].text
    for mode in ("bm25", "dense"):
        hits = await index_library.search("power calculation two-sample t-test effect size", k=5, mode=mode)  # type: ignore[arg-type]
        assert all("t-tests" not in c.chunk.text for h in hits for c in h.chunks)
    assert await index_library.index.verify() == []


async def test_deleted_papers_disappear_everywhere(index_library: Library) -> None:
    assert await index_library.index.delete(["DOI:10.1000/fdr.2", "x:absent"]) == 1
    assert await index_library.index.papers(["DOI:10.1000/fdr.2"]) == {}
    for mode in ("hybrid", "bm25", "dense"):
        hits = await index_library.search("false discovery rate", k=10, mode=mode)  # type: ignore[arg-type]
        assert "DOI:10.1000/fdr.2" not in {h.paper_id for h in hits}
    assert await index_library.index.verify() == []


@pytest.mark.parametrize("mode", ["hybrid", "dense"])
@pytest.mark.parametrize(
    ("filters", "allowed"),
    [
        (Filters(year_min=2010), {"PMID:1000003", "arXiv:2101.00004"}),
        (Filters(year_max=1999), {"DOI:10.1000/surv.1"}),
        (Filters(id_prefix="DOI:"), {"DOI:10.1000/surv.1", "DOI:10.1000/fdr.2"}),
        (Filters(id_prefix="DOI:10.1000/f"), {"DOI:10.1000/fdr.2"}),
        (Filters(id_prefix="PMID:", year_max=2000), set()),
    ],
)
async def test_filters(index_library: Library, filters: Filters, allowed: set[str], mode: SearchMode) -> None:
    hits = await index_library.search("statistics", k=10, filters=filters, mode=mode)
    assert {h.paper_id for h in hits} == allowed


async def test_refuses_vectors_from_another_embedder(index_library: Library) -> None:
    paper = Paper(id="x:2", title="Foreign")
    chunks = chunk_paper(paper)
    vectors = await index_library.embedder.embed([c.text for c in chunks])
    with pytest.raises(EmbedderMismatch):
        await index_library.index.upsert([EmbeddedPaper(paper, paper.content_hash(), chunks, vectors)], "other:model")
    assert await index_library.index.papers(["x:2"]) == {}


@pytest.mark.parametrize("mode", ["hybrid", "bm25", "dense"])
async def test_collections_scope_a_search(index_library: Library, mode: SearchMode) -> None:
    channel_paper = Paper(id="pdf:abc", title="Negative binomial regression for overdispersed counts in a lab")
    await ingest(index_library, [channel_paper], collection="C1")
    query = "negative binomial regression overdispersed counts"
    everywhere = await index_library.search(query, k=10, mode=mode)
    global_only = await index_library.search(query, k=10, filters=Filters(collections=("",)), mode=mode)
    channel = await index_library.search(query, k=10, filters=Filters(collections=("", "C1")), mode=mode)
    other = await index_library.search(query, k=10, filters=Filters(collections=("C2",)), mode=mode)
    assert "pdf:abc" in {h.paper_id for h in everywhere} and "pdf:abc" in {h.paper_id for h in channel}
    assert "pdf:abc" not in {h.paper_id for h in global_only}
    assert other == []
    assert await index_library.index.add_to_collection(["pdf:abc", "x:absent"], "C2") == 1
    assert [
        h.paper_id for h in await index_library.search(query, k=10, filters=Filters(collections=("C2",)), mode=mode)
    ] == ["pdf:abc"]
