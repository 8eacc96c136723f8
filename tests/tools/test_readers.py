"""Each reader on small fixtures: what it extracts, and what it refuses with a clear message."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.pdfs import write_blank_pdf, write_paper_pdf
from tools.papers import Paper
from tools.readers import ReadProblem, detect_format, expand, read_papers


def _split(items: list[Paper | ReadProblem]) -> tuple[list[Paper], list[ReadProblem]]:
    return [i for i in items if isinstance(i, Paper)], [i for i in items if isinstance(i, ReadProblem)]


def test_jsonl_reads_every_field_and_splits_author_strings() -> None:
    papers, problems = _split(list(read_papers(FIXTURES / "papers.jsonl", "auto")))
    assert problems == []
    assert [p.id for p in papers] == ["DOI:10.1000/surv.1", "DOI:10.1000/fdr.2", "PMID:1000003", "arXiv:2101.00004"]
    survival = papers[0]
    assert survival.authors == ("Doe, J.", "Roe, R.")
    assert survival.year == 1999 and survival.venue == "Journal of Invented Statistics"
    assert survival.sections[0].label == "Text" and "observed minus expected" in survival.sections[0].text
    assert papers[2].authors == ("Moe, B.", "Loe, C.")  # "a; b" strings become lists
    assert papers[1].link() == "https://doi.org/10.1000/fdr.2"


def test_malformed_jsonl_lines_are_reported_by_line_and_the_rest_read() -> None:
    papers, problems = _split(list(read_papers(FIXTURES / "bad_lines.jsonl", "jsonl")))
    assert [p.id for p in papers] == ["DOI:10.1000/ok.1", "DOI:10.1000/ok.4"]
    assert [p.location for p in problems] == ["line 2", "line 3", "line 4", "line 5", "line 6"]
    messages = " | ".join(p.message for p in problems)
    assert "not valid JSON" in messages and "expected a JSON object" in messages
    assert "SCHEME:VALUE" in messages and "year" in messages
    assert str(problems[0]).startswith(f"{FIXTURES / 'bad_lines.jsonl'}:line 2: ")


def test_bibtex_zotero_export_with_accents_braces_and_a_broken_entry() -> None:
    papers, problems = _split(list(read_papers(FIXTURES / "zotero.bib", "auto")))
    by_id = {p.id: p for p in papers}
    bland = by_id["DOI:10.1016/S0140-6736(86)90837-8"]
    assert bland.venue == "The Lancet" and bland.year == 1986
    assert bland.authors == ("Bland, J. Martin", "Altman, Douglas G.")
    assert "limits of agreement" in bland.abstract and "{" not in bland.abstract
    hernan = by_id["bib:hernan_causal_2020"]
    assert hernan.title == "Causal Inference: What If"
    assert hernan.authors[0] == "Hernán, Miguel A." and hernan.venue == "Chapman & Hall/CRC"
    assert "bib:no_abstract_2019" in by_id
    assert len(problems) == 1 and problems[0].location == "line 20"
    assert "comma" in problems[0].message


def test_pubmedqa_indexes_contexts_with_labels_but_never_question_or_answer(tmp_path: Path) -> None:
    data = {
        "123": {
            "QUESTION": "Does the secret question leak?",
            "CONTEXTS": ["Background text.", "Methods text with 42 patients."],
            "LABELS": ["BACKGROUND", "METHODS"],
            "LONG_ANSWER": "The secret conclusion.",
            "final_decision": "yes",
            "YEAR": "2004",
            "MESHES": ["Humans"],
        },
        "456": {"QUESTION": "q", "CONTEXTS": [], "LABELS": []},
    }
    path = tmp_path / "pq.json"
    path.write_text(json.dumps(data))
    assert detect_format(path) == "pubmedqa"
    papers, problems = _split(list(read_papers(path, "auto")))
    assert [p.id for p in papers] == ["PMID:123"]
    paper = papers[0]
    assert [(s.label, s.text) for s in paper.sections] == [
        ("Background", "Background text."),
        ("Methods", "Methods text with 42 patients."),
    ]
    assert paper.year == 2004 and paper.link() == "https://pubmed.ncbi.nlm.nih.gov/123/"
    serialized = paper.model_dump_json()
    assert "secret" not in serialized
    assert problems[0].location == "PMID 456" and "CONTEXTS" in problems[0].message


def test_pdf_text_sections_title_and_doi(tmp_path: Path) -> None:
    path = write_paper_pdf(
        tmp_path / "trial.pdf",
        "A randomised trial of early mobilisation after hip fracture",
        {
            "Abstract": "Early mobilisation shortened hospital stay in a randomised trial of 240 patients.",
            "Methods": "Patients were randomised 1:1; the primary outcome was length of stay, analysed by t-test.",
            "Results": "Median stay fell from 12 to 9 days (hazard ratio for discharge 1.45).",
            "References": "1. Somebody. A paper that must not be indexed. 1999.",
        },
        doi="10.1000/hip.7",
    )
    papers, problems = _split(list(read_papers(path, "auto")))
    assert problems == []
    paper = papers[0]
    assert paper.id == "DOI:10.1000/hip.7" and paper.doi == "10.1000/hip.7"
    assert paper.title == "A randomised trial of early mobilisation after hip fracture"
    assert paper.authors == ("Ada Analyst", "Ben Biostat")
    labels = [s.label for s in paper.sections]
    assert labels[-3:] == ["Abstract", "Methods", "Results"]
    assert "must not be indexed" not in paper.model_dump_json()


def test_pdf_without_doi_gets_a_content_id(tmp_path: Path) -> None:
    path = write_paper_pdf(tmp_path / "x.pdf", "Notes on Poisson regression", {"Methods": "Counts with offsets. " * 5})
    paper = _split(list(read_papers(path, "pdf")))[0][0]
    assert paper.id.startswith("pdf:") and len(paper.id) == len("pdf:") + 16


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\nendobj\ntrailer <<>>\n%%EOF", "not a readable PDF"),
        (b"", "not a readable PDF"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "not a readable PDF"),
    ],
)
def test_corrupt_pdf_is_a_clear_problem(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(content)
    items = list(read_papers(path, "auto"))
    assert len(items) == 1 and isinstance(items[0], ReadProblem)
    assert expected in items[0].message and items[0].source == str(path)


def test_truncated_pdf_is_a_clear_problem(tmp_path: Path) -> None:
    whole = write_paper_pdf(tmp_path / "whole.pdf", "Truncated", {"Methods": "Some text here. " * 50}).read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(whole[: len(whole) // 3])
    items = list(read_papers(path, "auto"))
    assert len(items) == 1 and isinstance(items[0], ReadProblem)


def test_scanned_pdf_without_text_asks_for_ocr(tmp_path: Path) -> None:
    items = list(read_papers(write_blank_pdf(tmp_path / "scan.pdf"), "auto"))
    assert isinstance(items[0], ReadProblem) and "OCR" in items[0].message


def test_folders_are_walked_and_unknown_files_reported(tmp_path: Path) -> None:
    (tmp_path / "lib" / "sub").mkdir(parents=True)
    (tmp_path / "lib" / "a.jsonl").write_text((FIXTURES / "papers.jsonl").read_text())
    (tmp_path / "lib" / "sub" / "b.bib").write_text((FIXTURES / "zotero.bib").read_text())
    (tmp_path / "lib" / "notes.txt").write_text("not a paper")
    (tmp_path / "lib" / ".hidden.jsonl").write_text("{}")
    found = list(expand([tmp_path / "lib", tmp_path / "missing.bib"], "auto"))
    assert [p.name for p in found if isinstance(p, Path)] == ["a.jsonl", "b.bib"]
    assert [p.message for p in found if isinstance(p, ReadProblem)] == ["no such file or folder"]
    unknown = list(read_papers(tmp_path / "lib" / "notes.txt", "auto"))
    assert isinstance(unknown[0], ReadProblem) and "--format" in unknown[0].message
