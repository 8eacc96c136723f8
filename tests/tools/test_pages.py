"""Page-level provenance: a PDF's passages keep the pages they are printed on, through the index and back."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.pdfs import OVARIAN_DOI, OVARIAN_RESULTS, ovarian_trial_pdf
from tools.chunking import chunk_paper
from tools.embeddings.minilm import MiniLMEmbedder
from tools.ingest import ingest
from tools.library import Library
from tools.papers import Paper, Section, page_label, page_link
from tools.readers import read_papers
from tools.search.sqlite import SqliteIndex
from tools.settings import Settings


def _pdf_paper(folder: Path) -> Paper:
    (paper,) = read_papers(ovarian_trial_pdf(folder), "pdf")
    assert isinstance(paper, Paper)
    return paper


def test_each_passage_of_a_pdf_keeps_the_pages_it_is_printed_on(tmp_path: Path) -> None:
    chunks = {chunk.section: chunk for chunk in chunk_paper(_pdf_paper(tmp_path))}
    assert set(chunks) == {"Text / Abstract", "Methods", "Results", "Discussion"}
    assert chunks["Text / Abstract"].pages == (1, 1)
    assert chunks["Methods"].pages == (1, 2)  # a passage over a page break has a page range
    assert "analysed with a Cox proportional hazards model" in chunks["Methods"].text  # read on across the break
    assert chunks["Results"].pages == (2, 2)
    assert chunks["Discussion"].pages == (3, 3)


def test_a_long_section_split_into_passages_gives_each_passage_its_own_pages() -> None:
    sentence = "Censoring was independent of treatment in both arms of the trial. "
    paper = Paper(
        id="pdf:0123456789abcdef",
        sections=(
            Section(label="Methods", text=sentence * 10, page=4),
            Section(label="Methods", text=sentence * 10, page=5),
        ),
    )
    chunks = chunk_paper(paper, max_chars=500, min_chars=100)
    pages = [c.pages for c in chunks]
    assert pages[0] == (4, 4) and pages[-1] == (5, 5)
    assert (4, 5) in pages  # the passage that straddles the break


async def test_a_search_hit_carries_its_pages(tmp_path: Path, library: Library) -> None:
    await ingest(library, [_pdf_paper(tmp_path)])
    hits = await library.search("hazard ratio for death neutropenia dose-dense", k=1)
    best = hits[0].chunks[0].chunk
    assert best.section == "Results" and best.pages == (2, 2)
    stored = await library.index.chunks([f"DOI:{OVARIAN_DOI}#1"])
    assert stored[f"DOI:{OVARIAN_DOI}#1"].pages == (1, 2)


async def test_an_index_from_before_pages_still_opens_and_answers(
    tmp_path: Path, settings: Settings, embedder: MiniLMEmbedder
) -> None:
    paper = _pdf_paper(tmp_path)
    as_read_before = paper.model_copy(
        update={"sections": tuple(s.model_copy(update={"page": None}) for s in paper.sections)}
    )
    old = Library(SqliteIndex(settings.index_dir, settings.search), embedder, settings.search)
    await ingest(old, [as_read_before])
    await old.close()
    with sqlite3.connect(settings.index_dir / "library.sqlite") as conn:  # a schema-2 library: no page columns
        conn.execute("ALTER TABLE chunks DROP COLUMN page_first")
        conn.execute("ALTER TABLE chunks DROP COLUMN page_last")
        conn.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    reopened = Library(SqliteIndex(settings.index_dir, settings.search), embedder, settings.search)
    hits = await reopened.search(OVARIAN_RESULTS, k=1)
    assert hits[0].chunks[0].chunk.section == "Results" and hits[0].chunks[0].chunk.pages is None  # unknown
    assert await reopened.index.verify() == []
    report = await ingest(reopened, [paper])  # ingesting the file again now reads its pages
    assert report.updated == 1
    hits = await reopened.search(OVARIAN_RESULTS, k=1)
    assert hits[0].chunks[0].chunk.pages == (2, 2)
    await reopened.close()


def test_a_paper_without_pages_keeps_the_content_hash_it_had() -> None:
    """Indexes built before pages were kept must not see every non-PDF paper as changed."""
    paper = Paper(id="PMID:1", title="x", sections=(Section(label="a", text="b"),))
    assert paper.content_hash() == "3bfe51094d457e2d67c12db6ddd9e735767d01651105ecbdc2643460c25fea3e"
    paged = Paper(id="PMID:1", title="x", sections=(Section(label="a", text="b", page=1),))
    assert paged.content_hash() != paper.content_hash()


@pytest.mark.parametrize(("pages", "label"), [((4, 4), "p. 4"), ((4, 5), "pp. 4–5"), (None, "")])
def test_pages_read_as_a_reader_cites_them(pages: tuple[int, int] | None, label: str) -> None:
    assert page_label(pages) == label


def test_only_a_link_to_the_pdf_file_itself_opens_at_the_page() -> None:
    assert (
        page_link("https://files.lab.org/trials/ovarian.pdf", (4, 5))
        == "https://files.lab.org/trials/ovarian.pdf#page=4"
    )
    assert page_link("https://doi.org/10.1000/ovary.4", (4, 5)) == "https://doi.org/10.1000/ovary.4"  # a landing page
    assert page_link("https://files.lab.org/a.pdf#page=9", (4, 4)) == "https://files.lab.org/a.pdf#page=9"
    assert page_link(None, (4, 4)) is None  # a local file is no link, with or without pages
    assert page_link("https://files.lab.org/a.pdf", None) == "https://files.lab.org/a.pdf"
