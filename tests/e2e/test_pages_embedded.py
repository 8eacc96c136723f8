"""A PDF ingested with `labbot ingest` and asked about with the real embedded model: citations say their page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from tests.pdfs import OVARIAN_DOI, ovarian_trial_pdf

runner = CliRunner(env={"COLUMNS": "200"})  # the citations table unfolded, as on a wide terminal
QUESTION = "How often was grade three neutropenia seen with dose-dense chemotherapy for ovarian cancer?"
PRINTED_ON = {  # where each passage of the PDF is printed (tests/tools/test_pages.py checks the chunking)
    f"DOI:{OVARIAN_DOI}#0": "p. 1",
    f"DOI:{OVARIAN_DOI}#1": "pp. 1–2",
    f"DOI:{OVARIAN_DOI}#2": "p. 2",
    f"DOI:{OVARIAN_DOI}#3": "p. 3",
}


@pytest.mark.slow
def test_an_answer_from_a_pdf_cites_the_pages_it_quotes(tmp_path: Path) -> None:
    ingested = runner.invoke(app, ["ingest", str(ovarian_trial_pdf(tmp_path))])
    assert ingested.exit_code == 0, ingested.output

    result = runner.invoke(app, ["ask", QUESTION, "--json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    cited = [c for c in answer["citations"] if c["number"]]
    assert answer["abstained"] is False and cited
    assert f"DOI:{OVARIAN_DOI}#2" in {c["passage"] for c in cited}  # the Results, on page 2
    assert all(c["page_label"] == PRINTED_ON[c["passage"]] for c in cited)

    shown = runner.invoke(app, ["ask", QUESTION])
    assert shown.exit_code == 0, shown.output
    assert f"DOI:{OVARIAN_DOI}#2 · p. 2" in shown.stdout
