"""Selector pairs: votes pass the same guards as every export; seeds never read held-back items."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from evaluation.split import part_of, write_pubmedqa_part
from graph.schemas import Citation
from tests.conftest import REPO
from tests.training.conftest import CHANNEL, answer, reaction, record
from tools.cli import starter_library_path
from tools.settings import Settings
from training.feedback import AnswerRecord, FeedbackStore, open_feedback_store
from training.guards import VotePolicy
from training.selector_data import (
    feedback_pairs,
    methods_pairs,
    pubmedqa_pairs,
    read_pairs,
    starter_papers,
    write_pairs,
)

METHODS = REPO / "evaluation" / "data" / "methods_dev.jsonl"
QUOTED = "The hazard ratio is estimated from the partial likelihood."


@pytest.fixture
async def sqlite_store(settings: Settings) -> AsyncIterator[FeedbackStore]:
    store = await open_feedback_store(settings)
    yield store
    await store.close()


def quoting(answer_id: str, channel: str = CHANNEL, question: str = "Cox model for U0123ABCDE?") -> AnswerRecord:
    """An answer that quotes its passage word for word and also carries a model sentence."""
    base = answer(question)
    quoted = base.citations[0].model_copy(update={"claim": QUOTED})
    lead = Citation(**(quoted.model_dump() | {"number": 2, "claim": "Cox models are always right."}))
    return record(
        answer_id, channel=channel, question=question, answer=base.model_copy(update={"citations": [quoted, lead]})
    )


async def test_votes_become_pairs_only_through_the_guards(sqlite_store: FeedbackStore) -> None:
    up, down, single = (f"{CHANNEL}:170000000{n}.000100" for n in range(1, 4))
    for answer_id in (up, down, single):
        await sqlite_store.record_answer(quoting(answer_id))
    await sqlite_store.record_answer(quoting("C0OTHER:1700000005.000100", channel="C0OTHER"))
    votes = {up: ["+1", "+1"], down: ["-1", "-1"], single: ["+1"], "C0OTHER:1700000005.000100": ["+1", "+1"]}
    for answer_id, kinds in votes.items():
        for number, kind in enumerate(kinds):
            key = f"Ev{answer_id}{number}"
            await sqlite_store.record_signal(
                reaction(key, kind, f"1700000100.{number:06d}", user=f"U{number}", answer_id=answer_id)
            )
    rated = await sqlite_store.rated_answers()

    pairs, review = feedback_pairs(rated, VotePolicy(frozenset({CHANNEL}), min_votes=2), secrets=())

    assert {(p.sentence, p.target) for p in pairs} == {(QUOTED, 1.0), (QUOTED, 0.25)}  # 👎: a weak negative
    assert all(p.question == "Cox model for [user]?" for p in pairs)  # scrubbed like every export
    reasons = {r["origin"][0]: r["reason"] for r in review}
    assert reasons["C0OTHER:1700000005.000100"] == "channel not allow-listed for training"
    assert reasons[single].startswith("1 standing vote")
    assert up not in reasons and down not in reasons


def test_seeds_read_only_the_training_halves(tmp_path: Path, pubmedqa_path: Path) -> None:
    train_half = tmp_path / "train.json"
    write_pubmedqa_part(pubmedqa_path, "train", train_half)
    records = json.loads(train_half.read_text())
    assert records and all(part_of(pmid) == "train" for pmid in records)
    seeded = list(pubmedqa_pairs(train_half, limit=20))
    questions = {str(r["QUESTION"]) for r in list(records.values())[:20]}
    assert {p.question for p in seeded} == questions
    conclusions = " ".join(str(r["LONG_ANSWER"]) for r in records.values())
    sections = [
        (str(label), str(text))
        for r in records.values()
        for label, text in zip(r["LABELS"], r["CONTEXTS"], strict=True)
    ]
    findings = " ".join(text for label, text in sections if "RESULT" in label.upper())
    setup = " ".join(text for label, text in sections if "RESULT" not in label.upper())
    # the conclusion and the results are what answers; background, aims and methods restate the question
    assert all(p.sentence in conclusions or p.sentence in findings for p in seeded if p.target == 1.0)
    assert all(p.sentence in setup and p.sentence not in conclusions for p in seeded if p.target == 0.0)
    assert {p.target for p in seeded if p.sentence in findings and p.sentence not in setup} == {1.0}

    methods = list(methods_pairs(METHODS, starter_papers(starter_library_path())))
    items = [json.loads(line) for line in METHODS.read_text().splitlines()]
    heldout = {i["question"] for i in items if i["split"] != "dev"}
    assert methods and not {p.question for p in methods} & heldout
    keys = {k for i in items for k in i["key_sentences"]}
    assert {p.sentence for p in methods if p.target == 1.0} <= keys
    assert any(p.target == 0.0 for p in methods)


def test_the_same_pairs_give_the_same_dataset(tmp_path: Path) -> None:
    pairs = list(methods_pairs(METHODS, starter_papers(starter_library_path())))
    first = write_pairs(pairs, [], tmp_path, "sel", {})
    again = write_pairs(list(reversed(pairs)), [], tmp_path / "again", "sel", {})
    assert first.name == again.name
    loaded, manifest = read_pairs(first)
    assert manifest["kind"] == "selector" and manifest["counts"]["pairs"] == len(loaded) == len(set(loaded))
