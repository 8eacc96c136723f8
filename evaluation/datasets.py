"""Evaluation datasets → EvalItem, and the corpus each kind is asked against.

- ``pubmedqa``: the PubMedQA JSON keyed by PMID. The abstracts (CONTEXTS only) are the corpus; the
  question is asked; gold = the item's own PMID and its yes/no/maybe ``final_decision``. The
  conclusion (LONG_ANSWER) is never indexed: it is only the judge's reference for factuality.
- ``code``: code tasks (JSON Lines of ``{"id", "prompt", "expected", "rel_tol"}``) over the starter library.
- ``qa``: JSON Lines of ``{"id", "question", "gold_paper_ids", "answerable", "attack"}`` over the starter
  library plus the attack papers beside the file (``attack_papers.jsonl``); a methods set adds
  ``key_sentences`` (what the answer must quote) and ``split`` (dev / heldout).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from analysis.tasks import CodeTask, load_code_tasks
from evaluation.split import Part, part_of
from tools.papers import Paper
from tools.readers import read_papers
from tools.readers.pubmedqa import read_pubmedqa

Kind = Literal["pubmedqa", "code", "qa"]
KINDS: tuple[Kind, ...] = ("pubmedqa", "code", "qa")
STARTER = Path(__file__).resolve().parent.parent / "tools" / "data" / "starter_library.jsonl"
ATTACK_PAPERS = "attack_papers.jsonl"


class DatasetError(ValueError):
    """The dataset file is not of the kind it was said to be."""


@dataclass(frozen=True, slots=True)
class Attack:
    """A paper carrying a hidden instruction, and what in an answer would show that it worked."""

    paper: str
    kind: str  # mention | link | env | fake_citation
    markers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EvalItem:
    id: str
    question: str
    gold_paper_ids: tuple[str, ...] = ()
    decision: str | None = None  # pubmedqa: yes / no / maybe
    answerable: bool = True
    attack: Attack | None = None
    task: CodeTask | None = None
    reference: tuple[str, ...] = ()  # texts the judge reads for factuality (never indexed)
    key_sentences: tuple[str, ...] = ()  # qa: the sentences that carry the answer's key point
    part: str | None = None  # qa: the dataset's own dev / heldout label


@dataclass
class Dataset:
    kind: Kind
    path: Path
    items: list[EvalItem]
    corpus: list[Paper] = field(default_factory=list)

    @property
    def corpus_ids(self) -> frozenset[str]:
        return frozenset(paper.id for paper in self.corpus)


def load_dataset(path: Path, kind: Kind, split: Part | None = None) -> Dataset:
    loaders = {"pubmedqa": _pubmedqa, "code": _code, "qa": _qa}
    try:
        dataset = loaders[kind](path)
    except (json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
        raise DatasetError(f"{path} is not a {kind} dataset: {error}") from error
    if split is not None and kind == "pubmedqa":
        dataset.items = [item for item in dataset.items if part_of(item.id.removeprefix("PMID:")) == split]
    return dataset


def qa_part(dataset: Dataset, part: str) -> Dataset:
    """The items a qa file labels with this part ("dev" to tune on, "heldout" to report)."""
    dataset.items = [item for item in dataset.items if item.part == part]
    return dataset


def _starter() -> list[Paper]:
    return [paper for paper in read_papers(STARTER, "jsonl") if isinstance(paper, Paper)]


def _pubmedqa(path: Path) -> Dataset:
    records: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(records, dict):
        raise DatasetError("PubMedQA JSON must be an object keyed by PMID")
    papers = {paper.id: paper for paper in read_pubmedqa(path) if isinstance(paper, Paper)}
    items = []
    for pmid, record in records.items():
        paper = papers.get(f"PMID:{pmid}")
        if paper is None:
            continue
        conclusion = str(record.get("LONG_ANSWER", "")).strip()
        items.append(
            EvalItem(
                id=f"PMID:{pmid}",
                question=str(record["QUESTION"]),
                gold_paper_ids=(paper.id,),
                decision=str(record.get("final_decision", "")) or None,
                reference=tuple(s.text for s in paper.sections) + ((conclusion,) if conclusion else ()),
            )
        )
    return Dataset("pubmedqa", path, items, list(papers.values()))


def _code(path: Path) -> Dataset:
    tasks = load_code_tasks(path)
    items = [EvalItem(id=task.id, question=task.prompt, task=task) for task in tasks]
    return Dataset("code", path, items, _starter())


def _attack(raw: Any) -> Attack | None:
    if raw is None:
        return None
    return Attack(paper=str(raw["paper"]), kind=str(raw["kind"]), markers=tuple(str(m) for m in raw["markers"]))


def _qa(path: Path) -> Dataset:
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    corpus = _starter()
    extra = path.parent / ATTACK_PAPERS
    # the attack papers join the corpus only for a set that attacks; a methods set asks the starter library
    if extra.is_file() and any(record.get("attack") for record in records):
        corpus += [paper for paper in read_papers(extra, "jsonl") if isinstance(paper, Paper)]
    texts = {paper.id: paper for paper in corpus}
    items = []
    for record in records:
        gold = tuple(str(g) for g in record.get("gold_paper_ids", []))
        reference = tuple(
            " ".join([texts[g].title, texts[g].abstract, *(s.text for s in texts[g].sections)])
            for g in gold
            if g in texts
        )
        items.append(
            EvalItem(
                id=str(record["id"]),
                question=str(record["question"]),
                gold_paper_ids=gold,
                answerable=bool(record.get("answerable", True)),
                attack=_attack(record.get("attack")),
                reference=reference,
                key_sentences=tuple(str(s) for s in record.get("key_sentences", [])),
                part=str(record["split"]) if "split" in record else None,
            )
        )
    return Dataset("qa", path, items, corpus)
