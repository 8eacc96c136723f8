"""Versioned fine-tuning datasets: OpenAI chat and DPO JSONL and a Hugging Face `datasets` directory, with a manifest.

A dataset's name carries the hash of its content, so the same signals and the same policy give the
same hash (and the same directory); the creation time is recorded but not hashed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from graph.schemas import Answer
from tools.models.protocol import Message
from training.examples import ChatExample, content_hash, draft_of, drafting_example
from training.feedback import RatedAnswer
from training.guards import VotePolicy, scrub, weigh

MANIFEST = "manifest.json"
REVIEW = "review.jsonl"
OPENAI_SFT = "openai_sft.jsonl"
OPENAI_DPO = "openai_dpo.jsonl"
HF_DIR = "hf"


@dataclass
class Bundle:
    """What a dataset holds: supervised examples, binary-labelled ones (KTO) and preference pairs."""

    sft: list[ChatExample] = field(default_factory=list)
    kto: list[ChatExample] = field(default_factory=list)
    pairs: list[tuple[ChatExample, ChatExample]] = field(default_factory=list)  # (chosen, rejected)
    review: list[dict[str, Any]] = field(default_factory=list)
    sources: dict[str, Any] = field(default_factory=dict)


def _scrubbed(example: ChatExample, secrets: Sequence[str]) -> ChatExample:
    prompt: list[Message] = [{"role": m["role"], "content": scrub(m["content"], secrets)} for m in example.prompt]
    return example.model_copy(update={"prompt": prompt, "completion": scrub(example.completion, secrets)})


def deduplicated(examples: Iterable[ChatExample], review: list[dict[str, Any]]) -> list[ChatExample]:
    kept: dict[str, ChatExample] = {}
    for example in examples:
        key = content_hash({"prompt": example.prompt, "completion": example.completion, "label": example.label})
        if key in kept:
            first = kept[key]
            kept[key] = first.model_copy(update={"origin": (*first.origin, *example.origin)})
            review.append({"origin": list(example.origin), "reason": f"duplicate of {first.origin[0]}"})
        else:
            kept[key] = example
    return list(kept.values())


def _answer_example(item: RatedAnswer, label: bool, weight: float) -> ChatExample:
    record = item.record
    answer: Answer = record.answer
    return drafting_example(
        record.question,
        record.passages,
        draft_of(answer),
        source="feedback",
        history=record.thread_context,
        label=label,
        weight=weight,
        origin=(record.answer_id,),
    )


def from_feedback(rated: Sequence[RatedAnswer], policy: VotePolicy, secrets: Sequence[str] = ()) -> Bundle:
    weighing = weigh(rated, policy)
    bundle = Bundle()
    bundle.review += [
        {"origin": [d.answer_id], "reason": d.reason, "voters": d.voters} for d in weighing.decisions if not d.included
    ]
    included = weighing.included()
    labelled = []
    for item in sorted(rated, key=lambda r: (r.record.created_at, r.record.answer_id)):
        decision = included.get(item.record.answer_id)
        if decision is not None:
            example = _answer_example(item, decision.score > 0, abs(decision.score))
            labelled.append((_scrubbed(example, secrets), item.record.created_at))
    bundle.kto = deduplicated((example for example, _ in labelled), bundle.review)
    bundle.sft = [example for example in bundle.kto if example.label]
    bundle.pairs = later_good_answers(labelled)
    signals = [label.event_key for item in rated for label in item.labels]
    bundle.sources = {
        "answers": len(rated),
        "signals": len(signals),
        "signals_hash": content_hash(sorted(signals)),
        "policy": {"channels": sorted(policy.channels), "min_votes": policy.min_votes, "user_cap": policy.user_cap},
    }
    return bundle


def later_good_answers(labelled: Sequence[tuple[ChatExample, datetime]]) -> list[tuple[ChatExample, ChatExample]]:
    """(chosen, rejected): a rated-down answer paired with a later rated-up answer to the same question."""
    pairs = []
    for rejected, asked_at in labelled:
        if rejected.label:
            continue
        later = [
            good for good, at in labelled if good.label and at > asked_at and good.question_key == rejected.question_key
        ]
        if later:
            pairs.append((later[0], rejected))
    return pairs


def _conversation(example: ChatExample) -> list[Message]:
    return [{"role": "assistant", "content": example.completion}]


def rows(bundle: Bundle) -> dict[str, list[dict[str, Any]]]:
    """The splits in TRL's conversational formats (prompt/completion, +label for KTO, chosen/rejected)."""
    split_rows: dict[str, list[dict[str, Any]]] = {
        "sft": [
            {"prompt": e.prompt, "completion": _conversation(e), "weight": e.weight, "source": e.source}
            for e in bundle.sft
        ],
        "kto": [{"prompt": e.prompt, "completion": _conversation(e), "label": e.label} for e in bundle.kto],
        "preference": [
            {"prompt": good.prompt, "chosen": _conversation(good), "rejected": _conversation(bad)}
            for good, bad in bundle.pairs
        ],
    }
    return {name: sorted(values, key=content_hash) for name, values in split_rows.items()}


def openai_preference(chosen: ChatExample, rejected: ChatExample) -> dict[str, Any]:
    """One line of OpenAI's DPO fine-tuning JSONL: the shared prompt, then one assistant message each."""
    return {
        "input": {"messages": chosen.prompt},
        "preferred_output": _conversation(chosen),
        "non_preferred_output": _conversation(rejected),
    }


def _write_jsonl(path: Path, lines: Iterable[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for line in lines:
            handle.write(json.dumps(line, ensure_ascii=False) + "\n")


def kto_weights(bundle: Bundle) -> dict[str, float]:
    """TRL's advice: desirable × positives ≈ undesirable × negatives, each weight in [1, 4/3]."""
    good = sum(e.label for e in bundle.kto)
    bad = len(bundle.kto) - good
    if not good or not bad:
        return {"desirable_weight": 1.0, "undesirable_weight": 1.0}
    ratio = bad / good
    return {
        "desirable_weight": round(min(4 / 3, max(1.0, ratio)), 4),
        "undesirable_weight": round(min(4 / 3, max(1.0, 1 / ratio)), 4),
    }


def write_dataset(bundle: Bundle, out_dir: Path, name: str) -> Path:
    """Writes ``out_dir/NAME-HASH12/``; an existing directory with the same hash is left as it is."""
    from datasets import Dataset, DatasetDict  # heavy (pyarrow): only when writing

    split_rows = rows(bundle)
    digest = content_hash(split_rows)
    target = out_dir / f"{name}-{digest[:12]}"
    preferences = sorted((openai_preference(good, bad) for good, bad in bundle.pairs), key=content_hash)
    if (target / MANIFEST).is_file():
        if not (target / OPENAI_DPO).is_file():  # written before the DPO file existed: the same pairs, added
            _write_jsonl(target / OPENAI_DPO, preferences)
        return target
    target.mkdir(parents=True, exist_ok=True)
    _write_jsonl(target / OPENAI_SFT, (e.openai_chat() for e in sorted(bundle.sft, key=lambda e: e.content_hash)))
    _write_jsonl(target / OPENAI_DPO, preferences)
    splits = {split: Dataset.from_list(values) for split, values in split_rows.items() if values}
    if splits:
        DatasetDict(splits).save_to_disk(str(target / HF_DIR))
    _write_jsonl(target / REVIEW, bundle.review)
    manifest = {
        "name": name,
        "content_hash": digest,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "counts": {split: len(values) for split, values in split_rows.items()} | {"excluded": len(bundle.review)},
        "sources": bundle.sources,
        "kto": kto_weights(bundle),
        "files": {"openai": OPENAI_SFT, "openai_dpo": OPENAI_DPO, "huggingface": HF_DIR, "review": REVIEW},
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return target
