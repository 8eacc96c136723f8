"""The resumable evaluation loop: every condition answers every item, one JSON line per finished pair.

``results.jsonl`` in the run directory is the run's memory: a (condition, item) pair already in it is
never asked again, so an interrupted run continues where it stopped (a line cut short by the
interruption is ignored and its pair redone). Items are taken in a seeded order and asked item by
item across the conditions, so a partial run still compares the conditions on the same items.
Each answer's full JSON is kept under ``transcripts/`` for the report's worst-item links.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from langgraph.checkpoint.memory import InMemorySaver

from evaluation.conditions import Condition
from evaluation.datasets import Dataset, EvalItem
from evaluation.judges import Judge
from evaluation.scoring import Extra, score_item
from graph.builder import build_graph
from graph.calls import ask
from graph.context import Context
from graph.prompts import draft_messages
from graph.run import answer_question
from graph.schemas import Answer
from tools.embeddings import open_embedder
from tools.ingest import ingest
from tools.library import Library
from tools.models import ModelPool
from tools.models.protocol import ModelError
from tools.sandbox import open_sandbox
from tools.search import open_index
from tools.services import Services
from tools.settings import Settings

RESULTS = "results.jsonl"
DECISION_PASSAGES = 3
# The fine-tuned adapter learned to open its summary claim with the decision ("Yes. …") in the drafting
# prompt's terms; the grammar lets every model give only that opening word, in the same frame.
DECISION_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "claims": {
            "type": "array",
            "minItems": 1,
            "maxItems": 1,
            "items": {
                "type": "object",
                "properties": {
                    "section": {"type": "string", "enum": ["summary"]},
                    "text": {"type": "string", "enum": ["Yes.", "No.", "Maybe."]},
                },
                "required": ["section", "text"],
                "additionalProperties": False,
            },
        }
    },
    "required": ["claims"],
    "additionalProperties": False,
}
Progress = Callable[[Condition, EvalItem, dict[str, Any]], None]


@dataclass(frozen=True)
class RunPlan:
    dataset: Dataset
    conditions: list[Condition]
    out: Path
    seed: int = 0
    limit: int | None = None

    def items(self) -> list[EvalItem]:
        items = sorted(self.dataset.items, key=lambda item: item.id)
        random.Random(self.seed).shuffle(items)
        return items[: self.limit] if self.limit is not None else items


def slug(text: str) -> str:
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in text)
    return safe[:80] or hashlib.sha1(text.encode()).hexdigest()[:12]


def read_results(out: Path) -> list[dict[str, Any]]:
    path = out / RESULTS
    if not path.is_file():
        return []
    records = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError:
            continue  # the line an interruption cut short; its pair is asked again
    return records


def _append(out: Path, record: dict[str, Any]) -> None:
    with (out / RESULTS).open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def eval_services(settings: Settings, out: Path) -> Services:
    """The user's models and sandbox, but a library of the dataset's own corpus inside the run directory, and no
    live paper search: papers fetched mid-run would change the corpus between conditions and items."""
    settings = settings.model_copy(update={"sources": settings.sources.model_copy(update={"agent_search": False})})
    corpus = settings.model_copy(update={"data_dir": out / "library"})
    library = Library(open_index(corpus), open_embedder(settings), settings.search)
    return Services(settings=settings, library=library, models=ModelPool(settings), sandboxes=open_sandbox(settings))


async def ensure_corpus(services: Services, dataset: Dataset, out: Path) -> None:
    """Index the dataset's corpus once per run directory (a marker remembers what was ingested)."""
    digest = hashlib.sha256("\n".join(sorted(p.content_hash() for p in dataset.corpus)).encode()).hexdigest()
    marker = out / "library" / "corpus.sha256"
    if marker.is_file() and marker.read_text().strip() == digest:
        return
    await ingest(services.library, dataset.corpus)
    marker.parent.mkdir(parents=True, exist_ok=True)
    marker.write_text(digest)


async def decide(context: Context, item: EvalItem, answer: Answer) -> Extra:
    """The yes/no/maybe decision, asked of the condition's model under a grammar, with the answer's evidence."""
    literature = [p for p in answer.passages if p.score < 1.0 or not p.paper_id.startswith("starter:")]
    messages = draft_messages(item.question, literature[:DECISION_PASSAGES] if context.retrieval else [])
    try:
        reply = await ask(context, "decide", messages, DECISION_SCHEMA, max_tokens=40)
    except ModelError:
        return Extra()
    claims = reply.data.get("claims", []) if isinstance(reply.data, dict) else []
    text = str(claims[0].get("text", "")) if claims and isinstance(claims[0], dict) else reply.text
    word = text.strip().rstrip(".").lower()
    call = reply.call
    return Extra(
        decision=word if word in ("yes", "no", "maybe") else None,
        tokens=call.prompt_tokens + call.completion_tokens,
        cost_usd=call.cost_usd,
    )


async def run_one(
    graph: Any, base: Context, condition: Condition, item: EvalItem, judge: Judge, plan: RunPlan
) -> dict[str, Any]:
    context = dataclasses.replace(base, model=condition.model, revise_model=None, retrieval=condition.retrieval)
    started = time.perf_counter()
    answer = await answer_question(graph, context, item.question, f"eval:{condition.name}:{item.id}")
    extra = await decide(context, item, answer) if item.decision is not None else Extra()
    latency = time.perf_counter() - started
    metrics = await score_item(item, condition, answer, extra, judge, plan.dataset.corpus_ids)
    metrics["latency_s"] = round(latency, 3)
    transcript = Path("transcripts") / slug(condition.name) / f"{slug(item.id)}.json"
    target = plan.out / transcript
    target.parent.mkdir(parents=True, exist_ok=True)
    body = {"condition": condition.name, "item": item.id, "metrics": metrics, "answer": answer.as_json()}
    target.write_text(json.dumps(body, ensure_ascii=False, indent=1), encoding="utf-8")
    return {"condition": condition.name, "item": item.id, "transcript": str(transcript), **metrics}


async def run(
    services: Services, plan: RunPlan, judge: Judge, progress: Progress | None = None
) -> list[dict[str, Any]]:
    """Answer and score every pending (condition, item) pair; returns every record of the run, old and new."""
    plan.out.mkdir(parents=True, exist_ok=True)
    items = plan.items()
    wanted = {(c.name, i.id) for c in plan.conditions for i in items}
    # the run directory may hold more (a larger --limit before); the report covers this plan's pairs only
    records = [r for r in read_results(plan.out) if (r["condition"], r["item"]) in wanted]
    done = {(r["condition"], r["item"]) for r in records}
    await ensure_corpus(services, plan.dataset, plan.out)
    graph = build_graph(InMemorySaver())
    base = Context.from_services(services)
    for item in items:
        for condition in plan.conditions:
            if (condition.name, item.id) in done:
                continue
            record = await run_one(graph, base, condition, item, judge, plan)
            _append(plan.out, record)
            records.append(record)
            if progress is not None:
                progress(condition, item, record)
    return records
