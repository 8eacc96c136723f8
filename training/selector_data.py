"""Training pairs for the evidence selector: (question, sentence, target), from seeds and from votes.

- PubMedQA (the training half only; ``labbot eval split`` writes it): the question against its abstract's
  conclusion (the expert answer) and results sentences (the findings that conclusion rests on) as
  positives, and the same abstract's background, objective and methods sentences as hard negatives:
  same topic, same words, no answer. The results are what a quote can carry (the conclusion is never
  indexed); without them the selector learned to prefer conclusion-like prose it never meets.
- The methods dev set's dev part (never its heldout part): the key sentences as positives, the gold
  papers' other sentences as hard negatives, a few sentences of other starter papers as easy ones.
- Votes, through the same guards as every other export (allow-listed channels, per-user caps, minimum
  votes, scrubbing): a sentence quoted in a 👍 answer is a positive, in a 👎 answer a weak negative
  (the vote may be about another part of the answer). The vote weight sets how far the target moves
  from 0.5, so a target is a soft label for binary cross-entropy.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tools.chunking import split_sentences
from tools.papers import Paper, Section
from tools.readers import read_papers
from training.examples import content_hash
from training.feedback import RatedAnswer
from training.guards import VotePolicy, scrub, weigh

PAIRS = "pairs.jsonl"
MANIFEST = "manifest.json"
METHODS_PART = "dev"  # the methods dev set's part that may be trained on; "heldout" is only ever reported
EASY_NEGATIVES = 3  # sentences of other starter papers per methods question
WEAK_NEGATIVE = 0.5  # a 👎 moves its quoted sentences half as far as a 👍 moves its own
MIN_SENTENCE = 30


@dataclass(frozen=True, slots=True)
class Pair:
    question: str
    sentence: str
    target: float  # 1: answers the question, 0: does not; in between: a weighted vote
    source: str  # pubmedqa, methods, feedback


def pubmedqa_pairs(path: Path, limit: int | None = None) -> Iterator[Pair]:
    """Conclusion and results sentences (positives), background and methods sentences (hard negatives)."""
    records: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    for record in list(records.values())[:limit]:
        question = str(record["QUESTION"])
        for sentence in _sentences(str(record.get("LONG_ANSWER", ""))):
            yield Pair(question, sentence, 1.0, "pubmedqa")
        for label, text in zip(record.get("LABELS", []), record.get("CONTEXTS", []), strict=False):
            findings = Section(label=str(label), text=str(text)).reports_findings
            if findings is None:
                continue  # a heading that is neither (e.g. a structured "CONCLUSIONS" context): left out
            for sentence in _sentences(str(text)):
                yield Pair(question, sentence, 1.0 if findings else 0.0, "pubmedqa")


def methods_pairs(dev_set: Path, papers: Sequence[Paper], seed: int = 0) -> Iterator[Pair]:
    """Key sentences of the dev part's answerable questions against the rest of the starter library."""
    by_id = {paper.id: paper for paper in papers}
    rng = random.Random(seed)
    for line in dev_set.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        if item.get("split") != METHODS_PART or not item.get("answerable"):
            continue
        question, keys = item["question"], [_folded(k) for k in item["key_sentences"]]
        for key in item["key_sentences"]:
            yield Pair(question, key, 1.0, "methods")
        for paper_id in item["gold_paper_ids"]:
            for sentence in _sentences(_text(by_id[paper_id])) if paper_id in by_id else []:
                if not any(_folded(sentence) in key or key in _folded(sentence) for key in keys):
                    yield Pair(question, sentence, 0.0, "methods")
        others = [p for p in papers if p.id not in item["gold_paper_ids"]]
        for paper in rng.sample(others, min(EASY_NEGATIVES, len(others))):
            sentences = _sentences(_text(paper))
            if sentences:
                yield Pair(question, rng.choice(sentences), 0.0, "methods")


def starter_papers(path: Path) -> list[Paper]:
    return [paper for paper in read_papers(path, "jsonl") if isinstance(paper, Paper)]


def feedback_pairs(
    rated: Sequence[RatedAnswer], policy: VotePolicy, secrets: Sequence[str] = ()
) -> tuple[list[Pair], list[dict[str, Any]]]:
    """The quoted sentences of answers the guards let through; the rest go to review with the reason."""
    weighing = weigh(rated, policy)
    review = [{"origin": [d.answer_id], "reason": d.reason} for d in weighing.decisions if not d.included]
    included = weighing.included()
    pairs = []
    for item in sorted(rated, key=lambda r: (r.record.created_at, r.record.answer_id)):
        decision = included.get(item.record.answer_id)
        if decision is None:
            continue
        strength = min(1.0, abs(decision.score)) * (1.0 if decision.score > 0 else -WEAK_NEGATIVE)
        question = scrub(item.record.question, secrets)
        for sentence in quoted_sentences(item):
            pairs.append(Pair(question, scrub(sentence, secrets), round(0.5 + 0.5 * strength, 4), "feedback"))
    return pairs, review


def quoted_sentences(item: RatedAnswer) -> list[str]:
    """Claims quoted word for word from the passage they cite (not the model's lead, not recipe text)."""
    texts = {passage.key: passage.text for passage in item.record.passages}
    quoted = [c.claim for c in item.record.answer.citations if c.claim and c.claim in texts.get(c.passage, "")]
    return list(dict.fromkeys(quoted))


def write_pairs(
    pairs: Iterable[Pair], review: list[dict[str, Any]], out_dir: Path, name: str, sources: dict[str, Any]
) -> Path:
    """``out_dir/NAME-HASH12/`` with pairs.jsonl and a manifest; the same pairs give the same directory."""
    rows = sorted({content_hash(asdict(p)): asdict(p) for p in pairs}.values(), key=content_hash)
    digest = content_hash(rows)
    target = out_dir / f"{name}-{digest[:12]}"
    if (target / MANIFEST).is_file():
        return target
    target.mkdir(parents=True, exist_ok=True)
    (target / PAIRS).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    (target / "review.jsonl").write_text("".join(json.dumps(r) + "\n" for r in review), encoding="utf-8")
    counts: dict[str, int] = {}
    for row in rows:
        key = f"{row['source']} {'positive' if row['target'] > 0.5 else 'negative'}"
        counts[key] = counts.get(key, 0) + 1
    manifest = {
        "name": name,
        "kind": "selector",
        "content_hash": digest,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "counts": counts | {"pairs": len(rows), "excluded": len(review)},
        "sources": sources,
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return target


def read_pairs(dataset: Path) -> tuple[list[Pair], dict[str, Any]]:
    manifest = json.loads((dataset / MANIFEST).read_text(encoding="utf-8"))
    lines = (dataset / PAIRS).read_text(encoding="utf-8").splitlines()
    return [Pair(**json.loads(line)) for line in lines], manifest


def _text(paper: Paper) -> str:
    return " ".join([paper.abstract, *(section.text for section in paper.sections)])


def _sentences(text: str) -> list[str]:
    return [s for s in split_sentences(text) if len(s) >= MIN_SENTENCE]


def _folded(text: str) -> str:
    return " ".join(text.lower().split()).rstrip(".")
