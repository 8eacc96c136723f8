"""`labbot ask` end to end with the real embedded model, sandbox and starter library."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from bot.cli import app
from tools.cli import starter_library_path

runner = CliRunner()
SURVIVAL = (
    "Compare survival between arms. Drug: 6, 6, 6, 7, 10, 13, 16, 22, 23, 6+, 9+, 10+, 11+, 17+, 19+, 20+, 25+, "
    "32+, 32+, 34+, 35+; placebo: 1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23"
)


@pytest.fixture
def starter() -> set[str]:
    result = runner.invoke(app, ["ingest", "--starter"])
    assert result.exit_code == 0, result.output
    return {json.loads(line)["id"] for line in starter_library_path().read_text().splitlines()}


def _ask(*args: str) -> dict[str, object]:
    result = runner.invoke(app, ["ask", *args, "--json"])
    assert result.exit_code == 0, result.output
    answer: dict[str, object] = json.loads(result.stdout)
    return answer


@pytest.mark.slow
def test_the_readme_survival_question(starter: set[str]) -> None:
    answer = _ask(SURVIVAL)
    assert answer["abstained"] is False and answer["model"] == "zero-shot"
    code = answer["code"]
    assert isinstance(code, list) and [c["status"] for c in code] == ["ran"] and code[0]["recipe"] == "log_rank"
    assert "16.7929" in code[0]["stdout"]  # the log-rank chi-square of these (Freireich) data
    assert code[0]["figures"] and all(str(p).endswith(".png") for p in code[0]["figures"])
    citations = answer["citations"]
    assert isinstance(citations, list) and citations
    for citation in citations:
        assert citation["paper_id"] in starter  # only papers that exist, retrieved for this answer
        assert citation["verdict"] == "supported" or citation["number"] == 0
    sections = {s["name"]: s["text"] for s in answer["sections"]}  # type: ignore[attr-defined]
    assert {"summary", "methods", "results", "limitations"} <= set(sections)
    assert "16.7929" in sections["results"]
    markers = {f"[{c['number']}]" for c in citations if c["number"]}
    assert all(marker in " ".join(sections.values()) for marker in markers)
    assert answer["usage"]["calls"] >= 1  # type: ignore[index]
    # results first: the Summary opens with the finding, its numbers from the printed output
    assert sections["summary"].startswith("Median survival")
    assert "log-rank test rejects equal survival" in sections["summary"] and "16.7929" in sections["summary"]
    # quotes in an analysis answer are about the method that ran
    for citation in citations:
        if citation["number"]:
            assert any(w in str(citation["claim"]).lower() for w in ("log-rank", "logrank", "kaplan", "survival"))


@pytest.mark.slow
def test_a_question_the_library_cannot_answer_is_declined(starter: set[str]) -> None:
    answer = _ask("Who won the 1998 football World Cup final?")
    assert answer["abstained"] is True and answer["citations"] == [] and answer["code"] == []
    assert "can't answer" in json.dumps(answer["sections"])


@pytest.mark.slow
def test_an_analysis_the_data_cannot_support_is_declined_with_its_reason(starter: set[str]) -> None:
    answer = _ask("log-rank test please: survival in weeks for the treated mice 6, 9+, 10, 13, 16+, 22, 23+")
    analysis = answer["analysis"]
    assert isinstance(analysis, dict) and analysis["status"] == "declined"
    assert "log-rank" in analysis["requested"] and "at least two groups" in analysis["reason"]
    assert "one group" in analysis["reason"]  # says what it read
    assert answer["code"] == []  # no substitute analysis was run
    summary = next(s["text"] for s in answer["sections"] if s["name"] == "summary")  # type: ignore[index]
    assert "I did not run" in summary


@pytest.mark.slow
def test_a_pasted_csv_runs_the_named_test_and_shows_the_data_as_read(starter: set[str]) -> None:
    pasted = (
        "Welch t-test on weight, drug vs placebo:\n"
        "id,arm,weight_kg\n1,drug,71.2\n2,drug,68.4\n3,drug,75.0\n4,drug,70.1\n"
        "5,placebo,66.3\n6,placebo,64.8\n7,placebo,69.0\n8,placebo,63.5\n"
    )
    answer = _ask(pasted)
    analysis = answer["analysis"]
    assert isinstance(analysis, dict) and analysis["status"] == "ran" and analysis["recipe"] == "welch_t_test"
    assert "drug" in analysis["data_as_read"] and "71.2" in analysis["data_as_read"]
    code = answer["code"]
    assert isinstance(code, list) and code[0]["status"] == "ran"
    assert "2.88106" in code[0]["stdout"]  # R: t.test(drug, placebo) gives t = 2.8811, df = 5.8358


@pytest.mark.slow
def test_a_methods_question_gets_the_caveat_not_an_empty_answer(starter: set[str]) -> None:
    answer = _ask("we censored deaths and took 1 minus KM for cumulative incidence of relapse, is that ok?")
    text = json.dumps(answer["sections"])
    assert answer["sections"] and (answer["abstained"] is True or answer["citations"])
    if answer["abstained"] is False:
        assert "overstate" in text or "biased" in text  # the caveat that answers, not the definition
