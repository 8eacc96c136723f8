from __future__ import annotations

import itertools

from tools.chunking import chunk_paper, paper_sections
from tools.papers import Paper, Section


def _paper(*sections: tuple[str, str], abstract: str = "", title: str = "T") -> Paper:
    return Paper(
        id="x:1", title=title, abstract=abstract, sections=tuple(Section(label=a, text=b) for a, b in sections)
    )


def test_sections_stay_separate_and_record_label_and_position() -> None:
    long_a, long_b = "Alpha sentence one. " * 15, "Beta sentence two. " * 15
    chunks = chunk_paper(_paper(("Methods", long_a), ("Results", long_b)), max_chars=1000, min_chars=100)
    assert [(c.section, c.position) for c in chunks] == [("Methods", 0), ("Results", 1)]
    assert "Beta" not in chunks[0].text and "Alpha" not in chunks[1].text
    assert chunks[1].key == "x:1#1"


def test_short_sections_merge_forward_under_a_joint_label() -> None:
    chunks = chunk_paper(
        _paper(("Design", "Randomised trial."), ("Setting", "Two hospitals."), ("Results", "Effect found. " * 20)),
        min_chars=100,
    )
    assert chunks[0].section == "Design / Setting / Results"
    assert chunks[0].text.startswith("Randomised trial. Two hospitals. Effect found.")


def test_long_sections_split_at_sentences_with_one_sentence_overlap() -> None:
    sentences = [f"Sentence number {i} reports a hazard ratio of 1.{i}." for i in range(60)]
    chunks = chunk_paper(_paper(("Results", " ".join(sentences))), max_chars=300, min_chars=0)
    assert len(chunks) > 5
    assert all(len(c.text) <= 300 for c in chunks)
    assert all(c.section == "Results" for c in chunks)
    for previous, current in itertools.pairwise(chunks):
        last_sentence = previous.text.rsplit(". ", 1)[-1]
        assert current.text.startswith(last_sentence)  # overlap keeps context across the cut
    assert all(c.text.endswith(".") for c in chunks)  # never cut inside a sentence
    joined = " ".join(c.text for c in chunks)
    assert all(s in joined for s in sentences)


def test_run_on_text_without_sentence_ends_is_hard_wrapped() -> None:
    chunks = chunk_paper(_paper(("Table", "value " * 500)), max_chars=250, min_chars=0)
    assert all(0 < len(c.text) <= 250 for c in chunks)


def test_abstract_comes_first_and_is_not_duplicated() -> None:
    assert [s.label for s in paper_sections(_paper(("Text", "Body."), abstract="Abs."))] == ["Abstract", "Text"]
    assert [s.label for s in paper_sections(_paper(("Abstract", "Abs."), abstract="Abs."))] == ["Abstract"]


def test_title_only_papers_are_still_findable() -> None:
    chunks = chunk_paper(_paper(title="Stepped-wedge designs"))
    assert [(c.section, c.text) for c in chunks] == [("Title", "Stepped-wedge designs")]
    assert chunk_paper(_paper(title="")) == []
