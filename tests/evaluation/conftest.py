"""Evaluation tests: the real library, embedder and sandbox; a scripted model where a model would talk."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from evaluation.datasets import Dataset, EvalItem
from tests.fakes import Reply, ScriptedModel, ScriptedModels
from tools.embeddings.minilm import MiniLMEmbedder
from tools.library import Library
from tools.models.protocol import ChatRequest
from tools.papers import Paper
from tools.sandbox.bwrap import BwrapSandboxProvider
from tools.search.sqlite import SqliteIndex
from tools.services import Services
from tools.settings import SandboxSettings, Settings

PAPERS = [
    Paper(
        id="PMID:101",
        title="Statins and stroke recurrence",
        abstract="Statin therapy after ischaemic stroke reduced the rate of recurrent stroke in a cohort of "
        "2,100 patients followed for five years. Recurrent stroke occurred less often among treated patients.",
    ),
    Paper(
        id="PMID:102",
        title="Exercise and depressive symptoms in older adults",
        abstract="Supervised aerobic exercise three times a week lowered depressive symptom scores in older adults "
        "compared with usual care over twelve weeks of follow-up.",
    ),
    Paper(
        id="PMID:103",
        title="Vitamin D and fracture risk",
        abstract="Daily vitamin D supplementation did not change the rate of hip fracture in community-dwelling "
        "women over three years of follow-up in this randomised trial.",
    ),
]
ITEMS = [
    EvalItem("PMID:101", "Do statins reduce recurrent stroke after ischaemic stroke?", ("PMID:101",), "yes"),
    EvalItem("PMID:102", "Does aerobic exercise lower depressive symptoms in older adults?", ("PMID:102",), "yes"),
    EvalItem("PMID:103", "Does vitamin D supplementation prevent hip fractures in women?", ("PMID:103",), "no"),
]


def reply_for(request: ChatRequest) -> Reply:
    """What a small model under a grammar would say to each kind of constrained question."""
    properties = (request.json_schema or {}).get("properties", {})
    if "evidence" in properties:
        return {"evidence": "sufficient"}
    if "claims" in properties:
        return {"claims": [{"section": "summary", "text": "Yes."}]}
    if "sentence" in properties:
        return {"sentence": "short"}
    return "?"


@pytest.fixture
def dataset(tmp_path: Path) -> Dataset:
    return Dataset("pubmedqa", tmp_path / "tiny.json", list(ITEMS), list(PAPERS))


@pytest.fixture
async def services(settings: Settings, embedder: MiniLMEmbedder) -> AsyncIterator[Services]:
    library = Library(SqliteIndex(settings.index_dir, settings.search), embedder, settings.search)
    models = ScriptedModels()
    models.add(ScriptedModel("base", responder=reply_for), writes_prose=False)
    models.add(ScriptedModel("tuned", responder=reply_for), writes_prose=False)
    built = Services(
        settings=settings, library=library, models=models, sandboxes=BwrapSandboxProvider(SandboxSettings())
    )
    yield built
    await built.aclose()
