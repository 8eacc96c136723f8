"""`labbot eval` end to end with the real embedded model over a tiny PubMedQA-shaped file of our own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import app
from evaluation.report import METRICS

runner = CliRunner(env={"COLUMNS": "200"})
REQUIRED = {
    "recall_at_5",
    "decision_accuracy",
    "citation_precision",
    "citation_recall",
    "fabricated_citation_rate",
    "runnable_rate",
    "correct_rate",
    "abstention_f1",
    "attack_success_rate",
    "tokens_per_answer",
    "latency_s_p50",
}
TINY = {
    "9001": {
        "QUESTION": "Does regular aerobic exercise lower resting blood pressure in adults with hypertension?",
        "CONTEXTS": [
            "Adults with stage 1 hypertension were randomised to supervised aerobic exercise or usual care.",
            "Aerobic exercise lowered resting systolic blood pressure by 8 mmHg compared with usual care after "
            "twelve weeks.",
        ],
        "LABELS": ["OBJECTIVE", "RESULTS"],
        "LONG_ANSWER": "Aerobic exercise lowers resting blood pressure in adults with hypertension.",
        "final_decision": "yes",
        "YEAR": "2020",
    },
    "9002": {
        "QUESTION": "Does vitamin C supplementation shorten the common cold in adults?",
        "CONTEXTS": [
            "Healthy adults took vitamin C or placebo daily during the winter season.",
            "The duration of colds did not differ between the vitamin C and placebo groups.",
        ],
        "LABELS": ["METHODS", "RESULTS"],
        "LONG_ANSWER": "Vitamin C did not shorten colds.",
        "final_decision": "no",
        "YEAR": "2019",
    },
}


@pytest.mark.slow
def test_eval_runs_two_conditions_writes_the_report_and_logs_it_to_mlflow(tmp_path: Path) -> None:
    dataset = tmp_path / "tiny.json"
    dataset.write_text(json.dumps(TINY))
    out = tmp_path / "run"
    args = ["eval", "--dataset", str(dataset), "--kind", "pubmedqa", "--split", "all", "--model", "zero-shot"]
    result = runner.invoke(app, [*args, "--out", str(out)], env={"LABBOT_EVALUATION__TRACKING": "mlflow"})
    assert result.exit_code == 0, result.output
    report = json.loads((out / "report.json").read_text())
    assert set(report["conditions"]) == {"zero-shot", "rag+zero-shot"}
    for table in report["conditions"].values():
        assert set(table) >= REQUIRED and table["n"] == 2
        assert table["decision_accuracy"] is not None and table["runnable_rate"] is None
    assert report["conditions"]["rag+zero-shot"]["recall_at_5"] == 1.0
    assert "SmolLM2" in report["meta"]["models"]["zero-shot"] and "embedder" in report["meta"]["judge"]
    markdown = (out / "report.md").read_text()
    assert all(f"| {m.label} |" in markdown for m in METRICS) and "Paired differences" in markdown
    assert (out / "metrics.png").stat().st_size > 1000
    records = (out / "results.jsonl").read_text().splitlines()
    assert len(records) == 4

    from mlflow.tracking import MlflowClient

    client = MlflowClient(tracking_uri=f"sqlite:///{tmp_path / 'data' / 'mlflow.db'}")  # the data dir's default
    experiment = client.get_experiment_by_name("labbot-evaluation")
    assert experiment is not None
    [logged] = client.search_runs([experiment.experiment_id])
    assert logged.info.status == "FINISHED" and logged.data.params["kind"] == "pubmedqa"
    accuracy = report["conditions"]["rag+zero-shot"]["decision_accuracy"]
    assert logged.data.metrics["rag-zero-shot/decision_accuracy"] == accuracy
    assert logged.data.metrics["zero-shot/n"] == 2 and "zero-shot/recall_at_5" not in logged.data.metrics
    artifacts = {a.path for a in client.list_artifacts(logged.info.run_id)}
    assert artifacts >= {"report.md", "report.json", "metrics.png"}

    again = runner.invoke(app, [*args, "--out", str(out)])  # everything done: nothing is asked again
    assert again.exit_code == 0 and (out / "results.jsonl").read_text().splitlines() == records

    sheet = runner.invoke(app, ["eval", "review-sheet", str(out)])
    assert sheet.exit_code == 0 and (out / "review" / "sheet.csv").is_file()


def test_user_errors_are_clear(tmp_path: Path) -> None:
    dataset = tmp_path / "tiny.json"
    dataset.write_text(json.dumps(TINY))
    result = runner.invoke(app, ["eval", "--dataset", str(dataset), "--kind", "pubmedqa", "--condition", "ft"])
    assert result.exit_code == 2 and "fine-tuned model" in result.output
    result = runner.invoke(app, ["eval", "--dataset", str(dataset), "--kind", "code"])
    assert result.exit_code == 2 and "not a code dataset" in result.output
