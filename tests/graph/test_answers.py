"""Answers that answer: relevance in verification, the strict lead check, never an empty answer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.fakes import ScriptedModel
from tests.graph.test_routes import FDR, LOG_RANK_CLAIM, SURVIVAL, ask, draft
from tools.citations import strict_lead_problems
from tools.models.protocol import ChatRequest
from tools.services import Services

# true, and quoted from the FDR paper, but no answer to a question about survival curves
OFF_TOPIC = "Thousands of simultaneous hypothesis tests inflate false positives."
PASSAGE = "The log-rank test is not valid when the survival curves cross; use a weighted test instead."


async def test_a_supported_claim_off_the_question_is_dropped(
    services: Services, writer: ScriptedModel, tmp_path: Path
) -> None:
    writer.queue(
        draft(("summary", LOG_RANK_CLAIM, [SURVIVAL]), ("results", OFF_TOPIC, [FDR])),
        draft(("summary", LOG_RANK_CLAIM, [SURVIVAL])),
    )
    answer, _ = await ask(services, "writer", tmp_path)
    text = " ".join(s.text for s in answer.sections)
    assert OFF_TOPIC not in text and LOG_RANK_CLAIM in text
    revision = list(writer.prompts())[1]  # verification sent the off-topic claim back, naming why
    assert OFF_TOPIC in revision and "does not answer the question" in revision


def test_the_strict_lead_check_rejects_a_negation_flip() -> None:
    assert strict_lead_problems("The log-rank test is valid when the survival curves cross.", PASSAGE)
    assert strict_lead_problems("The log-rank test is not valid when the survival curves cross.", PASSAGE) == []


def test_the_strict_lead_check_rejects_new_words_directions_and_numbers() -> None:
    passage = "One minus Kaplan-Meier overstates the cumulative incidence when competing events occur."
    assert strict_lead_problems("One minus Kaplan-Meier understates the cumulative incidence.", passage)
    assert strict_lead_problems("One minus Kaplan-Meier overstates the cumulative incidence by 20%.", passage)
    assert strict_lead_problems("One minus Kaplan-Meier overstates the hazard ratio.", passage)  # new words
    assert strict_lead_problems("One minus Kaplan-Meier overstates the cumulative incidence.", passage) == []


def _flipped_lead(request: ChatRequest) -> dict[str, Any]:
    properties = (request.json_schema or {}).get("properties", {})
    if "evidence" in properties:
        return {"evidence": "sufficient"}
    return {"sentence": "The log-rank test never compares survival curves between two treatment arms."}


async def test_a_lead_sentence_that_flips_its_passage_is_left_out(
    services: Services, tiny: ScriptedModel, tmp_path: Path
) -> None:
    tiny.responder = _flipped_lead
    answer, _ = await ask(services, "tiny", tmp_path)
    assert not answer.abstained
    assert all("never compares" not in s.text for s in answer.sections)
    assert any(d.what == "lead sentence" and d.final == "left out" for d in answer.decisions)


async def test_when_revision_drops_every_claim_the_answer_abstains_and_names_what_it_found(
    services: Services, writer: ScriptedModel, tmp_path: Path
) -> None:
    writer.queue(draft(("summary", LOG_RANK_CLAIM, [FDR])), draft())  # the revision gives up every claim
    answer, _ = await ask(services, "writer", tmp_path)
    assert answer.abstained and answer.sections and answer.citations == []
    summary = answer.sections[0].text
    assert "can't answer that from the sources I have" in summary
    assert "none of their sentences passed verification" in summary
    assert "Comparing survival curves with the log-rank test" in summary  # the closest passage, named
