"""The PubMedQA sentence-level proxy of the selector comparison: the first quote must be the finding the expert's
conclusion rests on, not the objective sentence that restates the question with the conclusion's words."""

from __future__ import annotations

from evaluation.datasets import EvalItem
from evaluation.selector import top_quotes_the_finding, top_supports_conclusion
from graph.schemas import Passage
from graph.selection import Candidate
from tools.papers import Paper, Section

OBJECTIVE = "To determine whether statin use is associated with lower dementia risk in older adults."
FINDING = "Statin users had a lower risk of dementia (HR 0.79, 95% CI 0.68 to 0.91) than non-users."
OTHER = "Follow-up was complete for 94% of the cohort."
CONCLUSION = "Statin use is associated with a lower risk of dementia in older adults."
PAPER = Paper(
    id="PMID:1",
    title="Statins and dementia",
    sections=[
        Section(label="OBJECTIVE", text=OBJECTIVE),
        Section(label="METHODS", text="A cohort of 3,000 adults aged 65 or older was followed."),
        Section(label="RESULTS", text=f"{OTHER} {FINDING}"),
    ],
)
ITEM = EvalItem(
    id="PMID:1",
    question="Are statins associated with lower dementia risk?",
    gold_paper_ids=("PMID:1",),
    reference=(*(s.text for s in PAPER.sections), CONCLUSION),
)


def _first_quote(sentence: str, section: str) -> list[Candidate]:
    passage = Passage(key="PMID:1#0", paper_id="PMID:1", title="", section=section, text=sentence, score=0.5)
    return [Candidate(passage, sentence, 0.5)]


def test_the_finding_counts_and_the_restated_question_does_not() -> None:
    assert top_quotes_the_finding(_first_quote(FINDING, "RESULTS"), ITEM, PAPER)
    assert not top_quotes_the_finding(_first_quote(OBJECTIVE, "OBJECTIVE"), ITEM, PAPER)
    # the first proxy took the objective as support: it shares the conclusion's words
    assert top_supports_conclusion(_first_quote(OBJECTIVE, "OBJECTIVE"), ITEM)


def test_an_abstract_without_a_results_heading_grades_all_its_sentences() -> None:
    plain = Paper(id="PMID:1", title="", sections=[Section(label="ABSTRACT", text=f"{OBJECTIVE} {FINDING}")])
    assert top_quotes_the_finding(_first_quote(OBJECTIVE, "ABSTRACT"), ITEM, plain)


def test_headings_say_which_sections_report_findings() -> None:
    assert Section(label="METHODS AND RESULTS", text="x").reports_findings is True
    assert Section(label="PATIENTS AND METHODS", text="x").reports_findings is False
    assert Section(label="CONCLUSIONS", text="x").reports_findings is None
