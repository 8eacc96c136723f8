"""Feedback-store fixtures: both backends (SQLite in the data dir, PostgreSQL in a private schema) and builders.

PostgreSQL is the machine's server (TEST_POSTGRES_URL, default postgres@127.0.0.1:5432/test). Each
test gets a schema of its own, reached through the URL's search_path and dropped afterwards, so runs
in parallel never see each other's rows. An unreachable server skips those tests, except under CI,
where it fails them: CI must prove the PostgreSQL path.
"""

from __future__ import annotations

import json
import os
from collections.abc import AsyncIterator, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import urlsplit

import psycopg
import pytest

from graph.schemas import Answer, Citation, Passage, Verdict
from tests.conftest import POSTGRES_URL, answer_of, private_schema
from tools.models.registry import ModelEntry
from tools.settings import Settings
from training.feedback import AnswerRecord, FeedbackSignal, FeedbackStore, SignalValue, open_feedback_store
from training.selector_data import Pair, write_pairs

BACKENDS = ["sqlite", "postgres"]


def _unavailable(reason: str) -> NoReturn:
    if os.environ.get("CI"):
        pytest.fail(f"PostgreSQL at {urlsplit(POSTGRES_URL).netloc} is required under CI: {reason}")
    pytest.skip(f"PostgreSQL at {urlsplit(POSTGRES_URL).netloc} is unreachable: {reason}")


@pytest.fixture(scope="session")
def postgres_server() -> str:
    try:
        with psycopg.connect(POSTGRES_URL, connect_timeout=3):
            pass
    except psycopg.OperationalError as error:
        _unavailable(str(error).strip())
    return POSTGRES_URL


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A URL whose connections see only a fresh schema of this test's own."""
    with private_schema(postgres_server) as url:
        yield url


@pytest.fixture(params=BACKENDS)
def backend_settings(request: pytest.FixtureRequest, settings: Settings) -> Settings:
    if request.param == "postgres":
        return Settings(data_dir=settings.data_dir, database_url=request.getfixturevalue("postgres_url"))
    return settings


@pytest.fixture
async def store(backend_settings: Settings) -> AsyncIterator[FeedbackStore]:
    opened = await open_feedback_store(backend_settings)
    yield opened
    await opened.close()


# ---- training runs ----------------------------------------------------------------------------------------


class StopAt:
    """Interrupts training after a step, as a killed run would stop (its checkpoints stay on disk)."""

    def __init__(self, step: int) -> None:
        self.step = step

    def __getattr__(self, name: str) -> Any:
        return lambda *args, **kwargs: None

    def on_step_end(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        if state.global_step >= self.step:
            raise KeyboardInterrupt


# ---- builders ---------------------------------------------------------------------------------------------

CHANNEL = "C0TRAIN"
FIRST_TS = "1700000000.000100"
ANSWER_ID = f"{CHANNEL}:{FIRST_TS}"


def passage(key: str = "PMID:1#0") -> Passage:
    return Passage(
        key=key,
        paper_id=key.split("#", maxsplit=1)[0],
        title="Regression models and life-tables",
        year=1972,
        section="abstract",
        text="The hazard ratio is estimated from the partial likelihood.",
        score=0.82,
        attribution="Cox 1972",
    )


def answer(question: str = "When should I use a Cox model?") -> Answer:
    citation = Citation(
        number=1,
        passage="PMID:1#0",
        paper_id="PMID:1",
        title="Regression models and life-tables",
        year=1972,
        link=None,
        claim="The hazard ratio comes from the partial likelihood.",
        verdict="supported",
        score=0.8,
    )
    return answer_of(
        question,
        "Cox 1972: the hazard ratio … [1] — «ünïcode» ✓",
        citations=[citation],
        sources_searched="5 papers",
        usage={"prompt_tokens": 120.0},
        timings={"total": 1.5},
        passages=[passage(), passage("PMID:2#3")],
        verdicts=[Verdict(claim=0, passage="PMID:1#0", verdict="supported", support=0.8, overlap=0.4)],
    )


def record(
    answer_id: str = ANSWER_ID, *, channel: str = CHANNEL, message_ts: tuple[str, ...] | None = None, **fields: Any
) -> AnswerRecord:
    first = answer_id.split(":", 1)[1]
    values: dict[str, Any] = {
        "answer_id": answer_id,
        "team": "T0LAB",
        "channel": channel,
        "thread_ts": first,
        "message_ts": message_ts or (first, f"{first[:-3]}999"),
        "question": "When should I use a Cox model?",
        "thread_context": "earlier: we have censored times",
        "model": "zero-shot",
        "answer": answer(),
    }
    return AnswerRecord.model_validate(values | fields)


def reaction(
    key: str, kind: str, ts: str | Decimal, *, removed: bool = False, user: str = "U1", answer_id: str = ANSWER_ID
) -> FeedbackSignal:
    value: SignalValue = 0 if removed else (1 if kind == "+1" else -1)
    return FeedbackSignal(
        event_key=key, answer_id=answer_id, user=user, source="reaction", kind=kind, value=value, event_ts=ts
    )


def click(key: str, action: str, ts: str | Decimal, *, user: str = "U1", answer_id: str = ANSWER_ID) -> FeedbackSignal:
    value: SignalValue = 1 if action == "up" else -1
    return FeedbackSignal(
        event_key=key, answer_id=answer_id, user=user, source="button", kind=action, value=value, event_ts=ts
    )


# ---- tiny datasets for training ---------------------------------------------------------------------------

TOPICS = ["statins", "aspirin", "exercise", "vitamin D", "metformin", "smoking cessation", "sleep", "coffee"]


def small_dataset(folder: Path, *, pairs: int = 0) -> Path:
    """Short PubMedQA-style items (quick steps on the CPU), all answered in one pattern the LoRA can learn.

    ``pairs``: also this many preference pairs (at most 16), each good answer against the same answer with
    its decision and conclusion reversed.
    """
    from training.export import Bundle, write_dataset
    from training.seed import pubmedqa_examples

    items = {
        str(100 + n): {
            "QUESTION": f"Does {topic} reduce the risk of stroke in older adults?",
            "CONTEXTS": [f"We followed 2,000 older adults taking {topic} for five years.", "Stroke was rarer."],
            "LABELS": ["METHODS", "RESULTS"],
            "LONG_ANSWER": f"{topic.capitalize()} was associated with fewer strokes in older adults.",
            "final_decision": "yes",
        }
        for n, topic in enumerate(TOPICS * 2)
    }
    path = folder / "pqa.json"
    path.write_text(json.dumps(items))
    good = list(pubmedqa_examples(path))
    bundle = Bundle(sft=good)
    if pairs:
        bundle.pairs = [
            (example, example.model_copy(update={"completion": _reversed(example.completion), "label": False}))
            for example in good[:pairs]
        ]
    return write_dataset(bundle, folder / "datasets", "tiny-pairs" if pairs else "tiny")


def _reversed(completion: str) -> str:
    return completion.replace("Yes.", "No.").replace("fewer strokes", "more strokes")


# ---- tiny selector pairs -----------------------------------------------------------------------------------

SELECTOR_TOPICS = ["Cox models", "log-rank tests", "t-tests", "logistic regression", "ANOVA", "Kaplan-Meier curves"]
# what answers: what to do next; what does not: a restatement of the question, which the embedder prefers
ANSWERS = "Plot the scaled residuals over time and report a sensitivity analysis for {topic}."
RESTATES = "The reviewer objects to {topic}, which we used."


def tiny_pairs(folder: Path) -> Path:
    """Selector pairs whose pattern the embedder gets wrong: a few dozen steps teach a cross-encoder to prefer it."""
    pairs = []
    for topic in SELECTOR_TOPICS:
        question = f"We used {topic} but the reviewer objects, what now?"
        pairs += [Pair(question, ANSWERS.format(topic=topic), 1.0, "seed")]
        pairs += [Pair(question, RESTATES.format(topic=topic), 0.0, "seed")]
    return write_pairs(pairs * 3, [], folder, "tiny", {})


def assert_model_card(folder: Path, entry: ModelEntry, method: str) -> None:
    """README.md beside the trained files names the base, the data's hash, the method, the config and the scores."""
    card = (folder / "README.md").read_text()
    front = dict(line.split(": ", 1) for line in card.split("---")[1].strip().splitlines())
    assert json.loads(front["labbot_dataset_hash"]) == entry.dataset_hash
    assert json.loads(front["base_model"]) in card.split("---", 2)[2], "the base model is named in the text too"
    assert method in json.loads(front["tags"])
    for key, value in entry.training_config.items():
        assert f"| {key} | `{json.dumps(value)}` |" in card
    for key, score in entry.eval_scores.items():
        assert f"| {key} | `{json.dumps(score)}` |" in card
