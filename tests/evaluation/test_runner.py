"""The evaluation loop over the real graph with scripted models: scoring, transcripts, and resuming."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from evaluation.conditions import Condition, conditions_for
from evaluation.datasets import Dataset, EvalItem
from evaluation.judges import EmbedderJudge
from evaluation.report import METRICS, build_report
from evaluation.runner import RESULTS, RunPlan, read_results, run
from tests.fakes import ScriptedModel, ScriptedModels
from tools.services import Services


class Interrupted(Exception):
    pass


def _model(services: Services, name: str) -> ScriptedModel:
    assert isinstance(services.models, ScriptedModels)
    return services.models.models[name][1]


async def test_four_conditions_are_scored_and_a_stopped_run_resumes(
    services: Services, dataset: Dataset, tmp_path: Path
) -> None:
    conditions = conditions_for(["base", "tuned"])
    plan = RunPlan(dataset, conditions, tmp_path / "run", seed=1)
    judge = EmbedderJudge(services)
    finished: list[tuple[str, str]] = []

    def stop_after_five(condition: Condition, item: EvalItem, record: dict[str, Any]) -> None:
        finished.append((condition.name, item.id))
        if len(finished) == 5:
            raise Interrupted

    with pytest.raises(Interrupted):
        await run(services, plan, judge, stop_after_five)
    assert len(read_results(plan.out)) == 5
    with (plan.out / RESULTS).open("a") as handle:
        handle.write('{"condition": "zero-shot", "item": "PMI')  # a line the interruption cut short
    asked_before = {name: len(_model(services, name).requests) for name in ("base", "tuned")}
    resumed: list[tuple[str, str]] = []
    records = await run(services, plan, judge, lambda c, i, r: resumed.append((c.name, i.id)))

    assert len(records) == 12 and not set(resumed) & set(finished) and len(resumed) == 7
    assert {(r["condition"], r["item"]) for r in records} == {(c.name, i.id) for c in conditions for i in dataset.items}
    # the resumed part asked only for the pending pairs: each answer with retrieval makes at most 3 model calls
    new_calls = sum(len(_model(services, n).requests) - asked_before[n] for n in ("base", "tuned"))
    assert new_calls <= 3 * len(resumed)

    by = {(r["condition"], r["item"]): r for r in records}
    no_retrieval = by[("zero-shot", "PMID:103")]
    assert no_retrieval["abstained"] and no_retrieval["recall_at_5"] is None
    assert no_retrieval["decision"] == "yes" and no_retrieval["decision_correct"] == 0.0
    with_retrieval = by[("rag+ft", "PMID:101")]
    assert with_retrieval["recall_at_5"] == 1.0 and with_retrieval["decision_correct"] == 1.0
    assert with_retrieval["fabricated_citation_rate"] == 0.0
    transcript = json.loads((plan.out / with_retrieval["transcript"]).read_text())
    assert transcript["answer"]["passages"] and transcript["metrics"]["decision"] == "yes"

    report = build_report(records, conditions, {"kind": "pubmedqa"}, seed=0)
    for condition in conditions:
        table = report["conditions"][condition.name]
        assert {m.key for m in METRICS} <= set(table)
        assert table["runnable_rate"] is None and table["attack_success_rate"] is None
    assert report["conditions"]["zero-shot"]["recall_at_5"] is None
    assert report["conditions"]["rag+zero-shot"]["recall_at_5"] == 1.0
    assert report["conditions"]["zero-shot"]["decision_accuracy"] == pytest.approx(2 / 3, abs=1e-4)


async def test_items_are_the_same_for_every_condition_and_seeded(dataset: Dataset, tmp_path: Path) -> None:
    conditions = conditions_for(["base"])
    first = RunPlan(dataset, conditions, tmp_path, seed=5, limit=2).items()
    assert first == RunPlan(dataset, conditions, tmp_path, seed=5, limit=2).items() and len(first) == 2
    assert [c.letter for c in conditions] == ["A", "D"]
