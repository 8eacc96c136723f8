"""A citation into a PDF says where to look: "p. 2" in the CLI, ``--json`` and Slack, a page link only to the file."""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console

from bot.blocks import answer_messages
from graph.cli import render
from graph.evidence import passage_of
from slack_emulator.limits import check_message
from tests.fakes import ScriptedModel
from tests.graph.test_routes import ask, draft
from tests.pdfs import OVARIAN_DOI, OVARIAN_RESULTS, ovarian_trial_pdf
from tools.ingest import ingest
from tools.papers import Chunk, Paper, Section
from tools.readers import read_papers
from tools.services import Services

RESULTS_PASSAGE = f"DOI:{OVARIAN_DOI}#2"  # printed on page 2
QUESTION = "Did dose-dense chemotherapy change the hazard ratio for death in advanced ovarian cancer?"
CLAIM = "The dose-dense schedule gave a hazard ratio for death of 0.94 (95% CI 0.78 to 1.13)."


async def test_a_citation_into_page_two_says_p_2_in_the_cli_json_and_slack(
    services: Services, writer: ScriptedModel, tmp_path: Path
) -> None:
    await ingest(services.library, list(read_papers(ovarian_trial_pdf(tmp_path), "pdf")))
    writer.queue(draft(("summary", CLAIM, [RESULTS_PASSAGE])))
    answer, _ = await ask(services, "writer", tmp_path, QUESTION)
    (citation,) = [c for c in answer.citations if c.number]
    assert citation.passage == RESULTS_PASSAGE and citation.pages == (2, 2)
    assert citation.link == f"https://doi.org/{OVARIAN_DOI}"  # a DOI lands on a page about the paper: no #page

    console = Console(record=True, width=200)
    console.print(render(answer))
    assert f"{RESULTS_PASSAGE} · p. 2" in console.export_text()

    shown = json.loads(json.dumps(answer.as_json()))
    assert shown["citations"][0]["pages"] == [2, 2] and shown["citations"][0]["page_label"] == "p. 2"

    (message,) = answer_messages(answer, "a1")
    assert check_message(message["text"], message["blocks"]) == []
    sources = next(b["text"]["text"] for b in message["blocks"] if b["text"]["text"].startswith("*Sources*"))
    assert f"<https://doi.org/{OVARIAN_DOI}|Dose-dense chemotherapy in advanced ovarian cancer>, p. 2 ✓" in sources


def test_a_pdf_on_an_allowed_host_is_linked_at_the_passage_page() -> None:
    paper = Paper(
        id="pdf:0123456789abcdef",
        title="Dose-dense chemotherapy in advanced ovarian cancer",
        url="https://files.lab.org/trials/ovarian.pdf",
        sections=(Section(label="Results", text=OVARIAN_RESULTS, page=4),),
    )
    chunk = Chunk(paper_id=paper.id, position=0, section="Results", text=OVARIAN_RESULTS, pages=(4, 5))
    allowed = passage_of(paper, chunk, 1.0, link_hosts=("lab.org",))
    assert allowed.link == "https://files.lab.org/trials/ovarian.pdf#page=4" and allowed.pages == (4, 5)
    assert passage_of(paper, chunk, 1.0).link is None  # a host the lab did not allow stays dead, page or not
