"""Answers that answer: relevance in verification, the strict lead check, never an empty answer."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.evidence import AGREEMENT_CREDIT, agreed, passage_of, question_relevance
from graph.schemas import Passage
from graph.selection import Candidate, Weights, relevant_papers
from tests.fakes import ScriptedModel, votes_then_writes
from tests.graph.test_routes import FDR, LOG_RANK_CLAIM, SURVIVAL, ask, draft
from tools.citations import strict_lead_problems
from tools.papers import Chunk, Paper
from tools.search import ChunkHit, Hit
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


async def test_a_lead_sentence_that_flips_its_passage_is_left_out(
    services: Services, tiny: ScriptedModel, tmp_path: Path
) -> None:
    tiny.responder = votes_then_writes(
        "sufficient", "The log-rank test never compares survival curves between two treatment arms."
    )
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


async def test_a_request_for_the_source_of_a_figure_no_quote_states_abstains_and_names_the_closest(
    services: Services, tiny: ScriptedModel, tmp_path: Path
) -> None:
    tiny.responder = votes_then_writes("sufficient", "")
    question = "Which paper says false discovery rate control needs at least 500 hypothesis tests? need the cite"
    answer, _ = await ask(services, "tiny", tmp_path, question=question)
    assert answer.abstained and answer.citations == []
    assert "Controlling the false discovery rate in genomic screens" in answer.sections[0].text  # named, rejected
    evidence = [d for d in answer.decisions if d.what == "evidence"]
    assert evidence and evidence[0].final == "insufficient" and "500" in evidence[0].why
    # the same request without a figure the library lacks is answered from the same paper
    plain = "Which paper says a step-up procedure controls false discoveries over many hypothesis tests? need the cite"
    answer, _ = await ask(services, "tiny", tmp_path, question=plain)
    assert not answer.abstained and [c.paper_id for c in answer.citations if c.number] == ["DOI:10.1000/fdr.2"]


async def test_the_drafting_model_does_not_judge_the_evidence_without_a_judge_entry(
    services: Services, tiny: ScriptedModel, tmp_path: Path
) -> None:
    tiny.responder = votes_then_writes("insufficient", "")
    answer, _ = await ask(services, "tiny", tmp_path, question="Is the log-rank test fine for censored follow-up?")
    assert not answer.abstained
    assert all("evidence" not in (r.json_schema or {}).get("properties", {}) for r in tiny.requests)


def _hit(paper: str, similarity: float, bm25_rank: int | None, dense_rank: int | None) -> Hit:
    chunk = Chunk(paper_id=paper, position=0, section="abstract", text="…")
    return Hit(Paper(id=paper, title=paper), 0.0, [ChunkHit(chunk, 0.0, bm25_rank, dense_rank, similarity)])


def _passage(hit: Hit) -> Passage:
    return passage_of(hit.paper, hit.chunks[0].chunk, hit.chunks[0].dense_score or 0.0, agreed=agreed(hit))


def test_question_relevance_credits_a_paper_both_rankers_put_first() -> None:
    both = _passage(_hit("PMID:1", 0.30, 1, 2))
    assert both.agreed and question_relevance([both]) == pytest.approx(0.30 + AGREEMENT_CREDIT)
    assert question_relevance([_passage(_hit("PMID:2", 0.30, 1, 3))]) == 0.30  # meaning search ranked it third
    assert question_relevance([_passage(_hit("PMID:3", 0.30, None, 1))]) == 0.30  # no keyword in common
    assert question_relevance([_passage(_hit("PMID:4", 0.45, 5, 1)), both]) == 0.45  # the best paper counts


def test_of_two_papers_alike_in_similarity_the_one_both_rankers_put_first_is_quoted() -> None:
    agreed_paper = _passage(_hit("PMID:1", 0.40, 1, 2))
    other = _passage(_hit("PMID:2", 0.42, 4, 1))
    candidates = [Candidate(other, "A close sentence from the other paper.", 0.50)]
    candidates.append(Candidate(agreed_paper, "A close sentence from the agreed paper.", 0.49))
    assert relevant_papers(candidates, [agreed_paper, other], Weights(passage_margin=0.0)) == {"PMID:1"}
    assert relevant_papers(candidates, [agreed_paper, other], Weights(passage_margin=0.0, agreement=0.0)) == {"PMID:2"}
