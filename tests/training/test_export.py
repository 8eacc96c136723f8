"""labbot feedback export / seed: guards, scrubbing, pairing, formats and hash stability."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from datasets import load_from_disk
from typer.testing import CliRunner

from analysis.reading import parse_request
from analysis.recipes import call_from_choice
from bot.cli import app
from graph.schemas import AnswerSection
from tests.conftest import REPO
from tests.training.conftest import CHANNEL, answer, reaction, record
from tools.models import open_registry
from tools.models.registry import ModelEntry
from tools.sandbox import open_sandbox
from tools.settings import Settings
from training.examples import draft_of
from training.export import Bundle, from_feedback, rows, write_dataset
from training.feedback import FeedbackStore, open_feedback_store
from training.guards import VotePolicy, scrub
from training.seed import code_examples, pubmedqa_examples

CODE_DEV = REPO / "evaluation" / "data" / "code_dev.jsonl"
ALLOWED = VotePolicy(channels=frozenset({CHANNEL}))


@pytest.fixture
async def sqlite_store(settings: Settings) -> AsyncIterator[FeedbackStore]:
    store = await open_feedback_store(settings)
    yield store
    await store.close()


async def rate(store: FeedbackStore, answer_id: str, votes: dict[str, str], at: int = 1) -> None:
    for number, (user, kind) in enumerate(votes.items()):
        await store.record_signal(
            reaction(f"Ev{answer_id}{user}", kind, f"17000000{at:02d}.{number:06d}", user=user, answer_id=answer_id)
        )


def ids(n: int) -> str:
    return f"{CHANNEL}:17000000{n:02d}.000100"


async def test_allow_list_min_votes_and_the_user_cap(sqlite_store: FeedbackStore) -> None:
    for n in range(1, 6):
        await sqlite_store.record_answer(record(ids(n), question=f"Question number {n} about Cox models?"))
    await sqlite_store.record_answer(record("C0OTHER:1700000099.000100", channel="C0OTHER"))
    await rate(sqlite_store, "C0OTHER:1700000099.000100", {"U1": "+1"})
    for n in range(1, 5):  # one user rates four answers down
        await rate(sqlite_store, ids(n), {"USPAM": "-1"}, at=n)
    await rate(sqlite_store, ids(1), {"U2": "+1"}, at=9)
    rated = await sqlite_store.rated_answers()

    uncapped = from_feedback(rated, VotePolicy(frozenset({CHANNEL}), user_cap=100))
    capped = from_feedback(rated, VotePolicy(frozenset({CHANNEL}), user_cap=2))
    reasons = {row["origin"][0]: row["reason"] for row in capped.review}
    assert reasons["C0OTHER:1700000099.000100"] == "channel not allow-listed for training"
    assert ids(5) not in reasons, "an answer nobody rated is not a candidate at all"
    assert ids(1) in {row["origin"][0] for row in uncapped.review}, "uncapped, +1 and -1 cancel out"
    assert [e.origin for e in capped.sft] == [(ids(1),)], "capped, the spammer's -1 weighs 0.5 and the +1 wins"
    assert sorted(e.origin[0] for e in capped.kto if not e.label) == [ids(2), ids(3), ids(4)]

    strict = from_feedback(rated, VotePolicy(frozenset({CHANNEL}), min_votes=2, user_cap=2))
    assert [e.origin for e in strict.kto] == [(ids(1),)]
    assert "fewer than the minimum 2" in {row["origin"][0]: row["reason"] for row in strict.review}[ids(2)]


async def test_a_later_good_answer_to_the_same_question_makes_a_preference_pair(
    sqlite_store: FeedbackStore, tmp_path: Path
) -> None:
    bad = answer()
    good = bad.model_copy(
        update={"sections": [AnswerSection(name="summary", text="Use a Cox model for covariates. [1]")]}
    )
    await sqlite_store.record_answer(record(ids(1), answer=bad))
    await sqlite_store.record_answer(record(ids(2), answer=good, question="when should I use a COX model"))
    await rate(sqlite_store, ids(1), {"U1": "-1"}, at=1)
    await rate(sqlite_store, ids(2), {"U1": "+1"}, at=2)
    bundle = from_feedback(await sqlite_store.rated_answers(), ALLOWED)
    [(chosen, rejected)] = bundle.pairs
    assert chosen.origin == (ids(2),) and rejected.origin == (ids(1),)
    assert json.loads(chosen.completion)["claims"][0] == {
        "section": "summary",
        "text": "Use a Cox model for covariates.",
        "citations": ["PMID:1#0"],
    }

    # OpenAI's DPO line: the chosen answer's prompt, then each answer as one assistant message
    folder = write_dataset(bundle, tmp_path, "fb")
    [line] = (folder / "openai_dpo.jsonl").read_text().splitlines()
    assert json.loads(line) == {
        "input": {"messages": chosen.prompt},
        "preferred_output": [{"role": "assistant", "content": chosen.completion}],
        "non_preferred_output": [{"role": "assistant", "content": rejected.completion}],
    }
    (folder / "openai_dpo.jsonl").unlink()  # a dataset exported before the DPO file existed
    assert write_dataset(bundle, tmp_path, "fb") == folder
    assert (folder / "openai_dpo.jsonl").read_text() == line + "\n", "exporting again adds it"


async def test_ids_emails_and_tokens_are_scrubbed_and_duplicates_merged(
    sqlite_store: FeedbackStore, tmp_path: Path
) -> None:
    question = "Ask <@U0123ABCDE> or ada@lab.example.org; token xoxb-1234-5678-abcdef. When should I use a Cox model?"
    for n in (1, 2):  # the same answer to the same question twice: one example
        await sqlite_store.record_answer(record(ids(n), question=question))
        await rate(sqlite_store, ids(n), {"U1": "+1"}, at=n)
    bundle = from_feedback(await sqlite_store.rated_answers(), ALLOWED, secrets=["5678-abcdef"])
    assert len(bundle.sft) == 1 and bundle.sft[0].origin == (ids(1), ids(2))
    assert any("duplicate of" in row["reason"] for row in bundle.review)
    target = write_dataset(bundle, tmp_path, "fb")
    written = "".join(path.read_text(errors="replace") for path in target.rglob("*") if path.is_file())
    for secret in ("U0123ABCDE", "ada@lab.example.org", "xoxb-1234", "5678-abcdef"):
        assert secret not in written
    assert "@someone" in written and "[email]" in written


async def test_dataset_files_manifest_and_a_stable_hash(sqlite_store: FeedbackStore, tmp_path: Path) -> None:
    for n in (1, 2, 3):
        await sqlite_store.record_answer(record(ids(n), question=f"Question {n}: when should I use a Cox model?"))
    await rate(sqlite_store, ids(1), {"U1": "+1"})
    await rate(sqlite_store, ids(2), {"U1": "-1"}, at=2)
    first = write_dataset(from_feedback(await sqlite_store.rated_answers(), ALLOWED), tmp_path / "a", "fb")
    again = write_dataset(from_feedback(await sqlite_store.rated_answers(), ALLOWED), tmp_path / "b", "fb")
    assert first.name == again.name, "same signals, same policy: same hash"

    manifest = json.loads((first / "manifest.json").read_text())
    assert manifest["counts"] == {"sft": 1, "kto": 2, "preference": 0, "excluded": 0}
    assert manifest["sources"]["answers"] == 2 and manifest["sources"]["signals"] == 2
    assert manifest["content_hash"].startswith(first.name.split("-")[-1])
    [line] = (first / "openai_sft.jsonl").read_text().splitlines()
    assert [m["role"] for m in json.loads(line)["messages"]] == ["system", "user", "assistant"]
    splits = load_from_disk(str(first / "hf"))
    assert set(splits) == {"sft", "kto"} and splits["kto"].num_rows == 2
    assert sorted(splits["kto"]["label"]) == [False, True]

    await rate(sqlite_store, ids(3), {"U1": "+1"}, at=3)
    changed = write_dataset(from_feedback(await sqlite_store.rated_answers(), ALLOWED), tmp_path / "a", "fb")
    assert changed.name != first.name


def test_scrub_leaves_ordinary_text_alone() -> None:
    text = "Use the U-statistic (Mann-Whitney U) at p < 0.05; see Cox (1972)."
    assert scrub(text) == text


def test_the_draft_is_recovered_from_the_posted_answer() -> None:
    draft = draft_of(
        answer().model_copy(update={"sections": [AnswerSection(name="methods", text="First. [1] Second [1].")]})
    )
    assert [(c.section, c.text, c.citations) for c in draft.claims] == [
        ("methods", "First.", ["PMID:1#0"]),
        ("methods", "Second.", ["PMID:1#0"]),
    ]


PUBMEDQA_ITEMS = {
    "111": {
        "QUESTION": "Does early mobilisation shorten hospital stay after hip fracture?",
        "CONTEXTS": [
            "Patients with hip fracture were randomised to early or usual mobilisation.",
            "Early mobilisation shortened the median hospital stay by two days.",
        ],
        "LABELS": ["METHODS", "RESULTS"],
        "LONG_ANSWER": "Early mobilisation shortened hospital stay after hip fracture surgery.",
        "final_decision": "yes",
        "YEAR": "2011",
    },
    "222": {"QUESTION": "No contexts here?", "CONTEXTS": [], "LABELS": [], "LONG_ANSWER": "", "final_decision": "no"},
}


def test_pubmedqa_seed_cites_the_abstract_with_the_decision(tmp_path: Path) -> None:
    path = tmp_path / "pqa.json"
    path.write_text(json.dumps(PUBMEDQA_ITEMS))
    [example] = list(pubmedqa_examples(path))
    completion = json.loads(example.completion)
    [claim] = completion["claims"]
    assert claim["text"].startswith("Yes. Early mobilisation shortened")
    assert claim["citations"][0].startswith("PMID:111#") and claim["citations"][0] in example.prompt[1]["content"]
    assert "hip fracture" in example.prompt[1]["content"] and example.origin == ("PMID:111",)


@pytest.mark.slow
async def test_code_seed_keeps_only_analyses_that_print_the_expected_numbers(
    tmp_path: Path, settings: Settings
) -> None:
    tasks = CODE_DEV.read_text().splitlines()
    wrong = json.loads(tasks[0]) | {"id": "impossible", "expected": {"t": 123456.0}}
    path = tmp_path / "tasks.jsonl"
    path.write_text("\n".join([*tasks[:2], json.dumps(wrong)]) + "\n")
    examples, excluded = await code_examples(path, open_sandbox(settings))
    assert [e.origin for e in examples] == [(json.loads(tasks[0])["id"],), (json.loads(tasks[1])["id"],)]
    assert [row["id"] for row in excluded] == ["impossible"]
    for example, line in zip(examples, tasks, strict=False):
        choice = json.loads(example.completion)
        assert call_from_choice(parse_request(json.loads(line)["prompt"]), choice) is not None


def test_the_cli_exports_and_lists_models(settings: Settings, tmp_path: Path) -> None:
    async def rated_once() -> None:
        store = await open_feedback_store(settings)
        try:
            await store.record_answer(record(ids(1)))
            await rate(store, ids(1), {"U1": "+1"})
        finally:
            await store.close()

    asyncio.run(rated_once())
    runner = CliRunner()
    out = tmp_path / "datasets"
    result = runner.invoke(app, ["feedback", "export", "--channel", CHANNEL, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "1 supervised" in result.output and len(list(out.iterdir())) == 1
    listed = runner.invoke(app, ["models"])
    assert listed.exit_code == 0 and "zero-shot" in listed.output


def test_bundle_rows_are_ordered_by_content() -> None:
    assert rows(Bundle()) == {"sft": [], "kto": [], "preference": []}


def test_models_copy_registers_an_extractive_twin_and_refuses_clashes(settings: Settings) -> None:
    registry = open_registry(settings)
    tuned = ModelEntry(
        name="ft-lab",
        backend="local",
        lora_path=Path("adapters/lab/adapter.gguf"),
        writes_code=False,
        writes_prose=True,
        context_tokens=8192,
        dataset_hash="abc123",
        eval_scores={"val_loss": 1.75},
    )
    registry.register(tuned)
    runner = CliRunner()
    copied = runner.invoke(app, ["models", "copy", "ft-lab", "ft-lab-x", "--extractive"])
    assert copied.exit_code == 0, copied.output
    twin = open_registry(settings).get("ft-lab-x")
    assert not twin.writes_prose
    assert twin.model_dump(exclude={"name", "writes_prose"}) == tuned.model_dump(exclude={"name", "writes_prose"})
    assert open_registry(settings).get("ft-lab").writes_prose  # the source is left as it was
    again = runner.invoke(app, ["models", "copy", "ft-lab", "ft-lab-x"])
    assert again.exit_code == 2 and "exists already" in again.output
    unknown = runner.invoke(app, ["models", "copy", "ft-nothing", "ft-y"])
    assert unknown.exit_code == 2 and "known models" in unknown.output
    listed = runner.invoke(app, ["models"])
    assert listed.exit_code == 0 and "ft-lab-x" in listed.output
