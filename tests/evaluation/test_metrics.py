"""Each metric on hand-built cases whose answers are known, edge cases included."""

from __future__ import annotations

import pytest

from analysis.tasks import CodeTask
from evaluation.code_tasks import score
from evaluation.metrics.answers import abstention, attack_succeeded, decision_correct, decision_from_text, factuality
from evaluation.metrics.citations import (
    CitedSentence,
    alce,
    cited_sentences,
    fabricated_rate,
    judge_pairs,
    mentioned_ids,
    strip_attribution,
)
from evaluation.metrics.methods import quotes_key, score_methods
from evaluation.metrics.retrieval import recall_at_k
from graph.schemas import Answer, CodeReport
from tests.conftest import answer_of

P1, P2, P3 = "Cox models hazards.", "Log-rank compares curves.", "Unrelated passage."


def test_recall_at_k_counts_gold_among_the_first_k_distinct_papers() -> None:
    retrieved = ["a", "a", "b", "c", "d", "e", "gold2"]  # passages: paper a twice
    assert recall_at_k(retrieved, ["a", "gold2"], k=5) == 0.5
    assert recall_at_k(retrieved, ["a", "gold2"], k=6) == 1.0
    assert recall_at_k([], ["a"]) == 0.0  # empty retrieval
    assert recall_at_k(["a"], []) is None  # nothing to recall


def test_markers_belong_to_the_sentence_they_follow() -> None:
    text = (
        "Cox 1972: Hazards are modelled. [1] The log-rank test compares curves [2][3]. An uncited claim. (unverified)"
    )
    assert cited_sentences(text) == [
        CitedSentence("Cox 1972: Hazards are modelled.", (1,)),
        CitedSentence("The log-rank test compares curves.", (2, 3)),
        CitedSentence("An uncited claim.", ()),
    ]
    assert cited_sentences("") == []
    stripped = strip_attribution(CitedSentence("Cox 1972: Hazards are modelled.", (1,)), ["Cox 1972"])
    assert stripped.text == "Hazards are modelled."


def test_alce_recall_and_precision_on_a_known_case() -> None:
    passages = {1: P1, 2: P2, 3: P3}
    sentences = [
        CitedSentence("s1", (1,)),  # supported by its one citation
        CitedSentence("s2", (2, 3)),  # supported by [2] alone; [3] is irrelevant
        CitedSentence("s3", (3,)),  # not supported
        CitedSentence("s4", ()),  # no citation: unsupported for recall, nothing for precision
    ]
    verdicts = {("s1", P1): True, ("s2", f"{P2}\n{P3}"): True, ("s2", P2): True, ("s2", P3): False, ("s3", P3): False}
    assert set(judge_pairs(sentences, passages)) >= set(verdicts)
    result = alce(sentences, passages, verdicts)
    assert (result.sentences, result.supported, result.citations, result.relevant) == (4, 2, 4, 2)
    assert result.recall == 0.5 and result.precision == 0.5


def test_a_citation_needed_only_jointly_is_relevant() -> None:
    sentences = [CitedSentence("s", (1, 2))]
    verdicts = {("s", f"{P1}\n{P2}"): True}  # neither passage alone, both together
    result = alce(sentences, {1: P1, 2: P2}, verdicts)
    assert result.recall == 1.0 and result.precision == 1.0


def test_alce_edge_cases_no_citations_and_no_sentences() -> None:
    no_citations = alce([CitedSentence("s", ())], {}, {})
    assert no_citations.recall == 0.0 and no_citations.precision is None
    nothing = alce([], {}, {})
    assert nothing.recall is None and nothing.precision is None
    dangling = alce([CitedSentence("s", (7,))], {1: P1}, {})  # a marker pointing at no passage
    assert dangling.citations == 1 and dangling.precision == 0.0


def test_fabricated_citations_are_ids_outside_the_corpus() -> None:
    corpus = frozenset({"PMID:1", "starter:cox1972"})
    assert fabricated_rate(["PMID:1", "PMID:99999999"], corpus) == 0.5
    assert fabricated_rate([], corpus) is None
    assert mentioned_ids("see PMID:99999999 and starter:cox1972.") == ["PMID:99999999", "starter:cox1972"]


def test_decisions() -> None:
    assert decision_correct("Yes", "yes") == 1.0
    assert decision_correct(None, "no") == 0.0
    assert decision_correct("maybe", None) is None
    assert decision_from_text('{"text": "Maybe."}') == "maybe"


def test_abstention_every_item_abstained_and_none() -> None:
    answerable = [True, True, False, False]
    every = abstention([True] * 4, answerable)
    assert every.precision == 0.5 and every.recall == 1.0 and every.f1 == pytest.approx(2 / 3)
    never = abstention([False] * 4, answerable)
    assert never.precision == 0.0 and never.recall == 0.0 and never.f1 == 0.0
    perfect = abstention([False, False, True, True], answerable)
    assert perfect.f1 == 1.0
    assert abstention([True, False], [True, True]).f1 is None  # nothing unanswerable: does not apply


def test_attack_success_and_factuality() -> None:
    assert attack_succeeded("Hello <!CHANNEL> team", ["<!channel>"])
    assert not attack_succeeded("A plain answer.", ["<!channel>", "evil.example"])
    assert factuality([True, False, True, True]) == 0.75
    assert factuality([]) is None


def _answer(*code: CodeReport) -> Answer:
    return answer_of("q", "x", code=list(code), model="m")


def _block(status: str, stdout: str = "", error: str | None = None) -> CodeReport:
    return CodeReport(source="print()", recipe="welch", status=status, stdout=stdout, error=error, figures=[])


def test_code_runnable_and_correct_including_all_failing() -> None:
    task = CodeTask(id="t", prompt="p", expected={"t": 4.306, "p": 0.00089}, rel_tol=0.01)
    right = score(task, _answer(_block("ran", "t = 4.3059\np = 0.000891")))
    assert right.runnable and right.correct
    wrong_numbers = score(task, _answer(_block("ran", "t = 1.0\np = 0.5")))
    assert wrong_numbers.runnable and not wrong_numbers.correct
    failing = [score(task, _answer(_block("failed", error="ValueError: no"))) for _ in range(3)]
    assert not any(o.runnable or o.correct for o in failing)
    no_code = score(task, _answer())
    assert not no_code.runnable and no_code.error == "no code in the answer"


def test_methods_scores_key_sentence_gold_padding_and_abstention() -> None:
    key = "It should be used instead of comparing one minus Kaplan–Meier curves, which overstate incidence"
    answer = f"Gray 1988: {key.replace('–', '-')}. [1]"
    assert quotes_key(answer, [key]) and not quotes_key("Gray 1988: Develops a family of tests. [1]", [key])
    scored = score_methods(
        answer_text=answer, abstained=False, cited=["a", "b"], answerable=True, gold=["a"], key_sentences=[key]
    )
    assert (scored.key_quoted, scored.gold_cited, scored.padding, scored.wrong_abstention, scored.empty) == (
        1.0,
        1.0,
        0.5,
        0.0,
        0.0,
    )
    declined = score_methods(
        answer_text="I can't answer that.", abstained=True, cited=[], answerable=False, gold=[], key_sentences=[]
    )
    assert declined.abstained_unanswerable == 1.0 and declined.key_quoted is None
    empty = score_methods(answer_text="", abstained=False, cited=[], answerable=True, gold=["a"], key_sentences=[key])
    assert empty.empty == 1.0 and empty.padding is None
