"""The answer graph's use of live sources: too little evidence → one search of the configured sources →
ingest → retrieve again; a retracted paper is flagged in the answer and never cited as support."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from langgraph.checkpoint.memory import InMemorySaver

from graph.builder import build_graph
from graph.context import Context
from graph.events import ProgressEvent
from graph.run import answer_question
from graph.schemas import Answer
from tests.fakes import ScriptedModel, ScriptedModels
from tests.standins.scholarly import ScholarlyStandIn
from tests.tools.conftest import source_settings
from tools.embeddings.minilm import MiniLMEmbedder
from tools.ingest import ingest
from tools.library import Library
from tools.models.protocol import ChatRequest
from tools.papers import Paper
from tools.sandbox.bwrap import BwrapSandboxProvider
from tools.search.sqlite import SqliteIndex
from tools.services import Services
from tools.settings import AgentSettings, SandboxSettings, Settings

QUESTION = "What is the five-year cumulative incidence of graft failure with competing risks of death?"
GOOD = "PMID:39000005#0"
RETRACTED = "PMID:39000002#0"
GOOD_CLAIM = "The cumulative incidence of graft failure at five years was 11 percent with death as a competing event."
RETRACTED_CLAIM = "The cumulative incidence of graft failure at five years was 18 percent."


@pytest.fixture
async def make_services(embedder: MiniLMEmbedder, tmp_path: Path) -> AsyncIterator[Any]:
    opened: list[Services] = []

    def make(settings: Settings, *, prose: bool = True) -> tuple[Services, ScriptedModel]:
        library = Library(SqliteIndex(settings.index_dir, settings.search), embedder, settings.search)
        models = ScriptedModels()
        writer = models.add(ScriptedModel("writer"), writes_prose=prose)
        sandboxes = BwrapSandboxProvider(SandboxSettings(timeout_s=10))
        opened.append(Services(settings=settings, library=library, models=models, sandboxes=sandboxes))
        return opened[-1], writer

    yield make
    for services in opened:
        await services.aclose()


def draft(*claims: tuple[str, list[str]]) -> dict[str, Any]:
    return {
        "insufficient_evidence": False,
        "claims": [{"section": "summary", "text": text, "citations": keys} for text, keys in claims],
        "code": [],
    }


async def ask(services: Services, tmp_path: Path, revisions: int) -> tuple[Answer, list[ProgressEvent]]:
    events: list[ProgressEvent] = []
    context = Context(
        services=services, model="writer", agent=AgentSettings(max_revisions=revisions), figures_dir=tmp_path
    )
    answer = await answer_question(build_graph(InMemorySaver()), context, QUESTION, "t", events.append)
    return answer, events


async def test_live_sources_fill_an_empty_library_and_a_retraction_is_never_support(
    standins: dict[str, ScholarlyStandIn], make_services: Any, tmp_path: Path
) -> None:
    services, writer = make_services(source_settings(tmp_path, standins, agent_search=True))
    writer.queue(
        draft((GOOD_CLAIM, [GOOD]), (RETRACTED_CLAIM, [RETRACTED])),  # cites the retracted paper too
        draft((GOOD_CLAIM, [GOOD])),
    )
    answer, events = await ask(services, tmp_path, revisions=1)

    assert {"stage": "retrieving", "detail": "searching live paper sources", "kind": "progress"} in events
    assert [(c.passage, c.number, c.verdict) for c in answer.citations if c.number] == [(GOOD, 1, "supported")]
    assert answer.sections[0].text == f"{GOOD_CLAIM} [1]"
    assert all(c.verdict != "supported" for c in answer.citations if c.paper_id == "PMID:39000002")
    retracted = [n for n in answer.notes if n.startswith("Retracted:")]
    assert retracted and "PMID:39000002" in retracted[0] and "not cited as support" in retracted[0]
    revision_prompt = list(writer.prompts())[1]
    assert "the paper was retracted" in revision_prompt
    assert any("pubmed" in n and "paper(s) added" in n for n in answer.notes)
    passages = {p.key: p for p in answer.passages}
    assert passages[RETRACTED].retraction and passages[GOOD].retraction is None
    assert len([r for r in standins["pubmed"].requests if r.path.endswith("esearch.fcgi")]) == 1


async def test_off_by_default_the_graph_abstains_without_calling_out(
    standins: dict[str, ScholarlyStandIn], make_services: Any, tmp_path: Path
) -> None:
    services, _ = make_services(source_settings(tmp_path, standins, agent_search=False))
    answer, _ = await ask(services, tmp_path, revisions=0)
    assert answer.abstained
    assert all(server.requests == [] for server in standins.values())


async def test_one_round_only_when_the_sources_find_nothing_relevant(
    standins: dict[str, ScholarlyStandIn], make_services: Any, tmp_path: Path
) -> None:
    for server in standins.values():
        server.records = []
    services, _ = make_services(source_settings(tmp_path, standins, agent_search=True))
    standins["openalex"].fail_next(400)  # one source refusing is a note, not a failure of the answer
    answer, _ = await ask(services, tmp_path, revisions=0)
    assert answer.abstained
    assert [len(s.requests) for s in (standins["pubmed"], standins["arxiv"], standins["openalex"])] == [1, 1, 1]
    assert json.dumps(answer.notes).count("Live sources could not be searched: openalex") == 1


def _sufficient(request: ChatRequest) -> dict[str, Any]:
    """The embedded model's decisions: the evidence suffices; no lead sentence of its own."""
    return {"evidence": "sufficient"} if "evidence" in (request.json_schema or {}).get("properties", {}) else {}


async def test_the_embedded_extractive_path_never_quotes_a_retracted_paper(
    standins: dict[str, ScholarlyStandIn], make_services: Any, tmp_path: Path
) -> None:
    services, tiny = make_services(source_settings(tmp_path, standins, agent_search=True), prose=False)
    tiny.responder = _sufficient
    answer, _ = await ask(services, tmp_path, revisions=1)
    assert not answer.abstained and answer.citations
    assert {c.paper_id for c in answer.citations} == {"PMID:39000005"}
    assert all(c.verdict == "supported" for c in answer.citations)
    assert any(n.startswith("Retracted:") and "PMID:39000002" in n for n in answer.notes)


async def test_a_library_paper_is_checked_for_retraction_before_it_can_be_cited(
    standins: dict[str, ScholarlyStandIn], make_services: Any, tmp_path: Path
) -> None:
    services, writer = make_services(source_settings(tmp_path, standins, agent_search=True))
    from_bibtex = [  # ingested without any retraction check, as a Zotero export would be
        Paper(
            id="DOI:10.5555/jib.2024.0417",
            title="Competing risks of graft failure",
            doi="10.5555/JIB.2024.0417",
            abstract="The cumulative incidence of graft failure at five years was 18 percent when death was frequent.",
        ),
        Paper(
            id="DOI:10.5555/jib.2025.0220",
            title="Graft failure in a registry",
            doi="10.5555/jib.2025.0220",
            abstract="The cumulative incidence of graft failure at five years was 11 percent "
            "with death as a competing event.",
        ),
    ]
    await ingest(services.library, from_bibtex)
    retracted, good = "DOI:10.5555/jib.2024.0417#0", "DOI:10.5555/jib.2025.0220#0"
    writer.queue(draft((GOOD_CLAIM, [good]), (RETRACTED_CLAIM, [retracted])), draft((GOOD_CLAIM, [good])))
    answer, _ = await ask(services, tmp_path, revisions=1)

    assert [(c.passage, c.verdict) for c in answer.citations if c.number] == [(good, "supported")]
    assert any(n.startswith("Retracted:") and "notice DOI:10.5555/jib.2025.9001" in n for n in answer.notes)
    stored = await services.library.index.papers(["DOI:10.5555/jib.2024.0417"])
    assert stored["DOI:10.5555/jib.2024.0417"].retraction  # later answers know without asking again
    assert [r.params.get("filter") for r in standins["crossref"].requests] == [
        "updates:10.5555/jib.2024.0417,updates:10.5555/jib.2025.0220"
    ]
    assert standins["pubmed"].requests == []  # the library had enough: no live search
