"""Dataset loaders and the train/eval split that keeps the seeded adapter off its own training items."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from analysis.tasks import load_code_tasks
from evaluation.datasets import DatasetError, load_dataset
from evaluation.split import part_of, write_pubmedqa_part

DATA = Path(__file__).resolve().parents[2] / "evaluation" / "data"


@pytest.mark.dataset
def test_pubmedqa_loader_and_split(pubmedqa_path: Path, tmp_path: Path) -> None:
    everything = load_dataset(pubmedqa_path, "pubmedqa")
    assert len(everything.items) == 500 and len(everything.corpus) == 500
    item = everything.items[0]
    assert item.gold_paper_ids == (item.id,) and item.decision in ("yes", "no", "maybe")
    evaluated = load_dataset(pubmedqa_path, "pubmedqa", "eval")
    trained = tmp_path / "train.json"
    count = write_pubmedqa_part(pubmedqa_path, "train", trained)
    train_ids = {f"PMID:{pmid}" for pmid in json.loads(trained.read_text())}
    assert count == len(train_ids) and len(evaluated.items) + count == 500
    assert not train_ids & {i.id for i in evaluated.items}  # no item is both trained on and scored
    assert len(evaluated.corpus) == 500  # every abstract stays in the corpus as a distractor


def test_the_split_is_a_fixed_function_of_the_id() -> None:
    parts = [part_of(str(pmid)) for pmid in range(1000)]
    assert parts == [part_of(str(pmid)) for pmid in range(1000)]
    assert 400 < parts.count("eval") < 600


def test_qa_dev_set_has_each_kind_of_item_and_its_attack_papers() -> None:
    dataset = load_dataset(DATA / "qa_dev.jsonl", "qa")
    assert len(dataset.items) >= 20
    attacks = [item for item in dataset.items if item.attack is not None]
    assert {a.attack.kind for a in attacks if a.attack} == {"mention", "link", "env", "fake_citation"}
    assert all(a.attack and a.attack.paper in dataset.corpus_ids for a in attacks)
    assert sum(not item.answerable for item in dataset.items) >= 6
    gold = {g for item in dataset.items for g in item.gold_paper_ids}
    assert gold <= dataset.corpus_ids
    assert all(item.reference for item in dataset.items if item.gold_paper_ids)


def test_code_dev_set_and_a_wrong_kind(tmp_path: Path) -> None:
    dataset = load_dataset(DATA / "code_dev.jsonl", "code")
    assert len(dataset.items) >= 25 and all(item.task is not None for item in dataset.items)
    with pytest.raises(DatasetError):
        load_dataset(DATA / "code_dev.jsonl", "pubmedqa")


@pytest.mark.parametrize("path", sorted(DATA.glob("analysis_*.jsonl")), ids=lambda path: path.stem)
def test_each_real_data_analysis_set_is_scorable(path: Path) -> None:
    tasks = load_code_tasks(path)
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len({task.id for task in tasks}) == len(tasks) == len(records)
    answers = [task for task in tasks if task.expect == "answer"]
    declines = [task for task in tasks if task.expect == "decline"]
    assert len(answers) >= 40 and len(declines) >= 10
    assert all(task.analysis and all(math.isfinite(v) and v != 0 for v in task.expected.values()) for task in answers)
    assert all(task.reason_mentions and not task.expected for task in declines)
    assert all(record["source"] and record["form"] and ("variant" in record or "why" in record) for record in records)
