"""Check evaluation/data/methods_dev.jsonl against the bundled starter library.

Verifies that every line has the documented fields and labels, that every gold paper id exists in
tools/data/starter_library.jsonl, and that every key sentence is copied verbatim from one of its
question's gold papers (the paper's "text" when non-empty, otherwise its "abstract"). Key sentences
are stored exactly as they come out of ``body.split(". ")``, so the check also confirms that each one
is a whole sentence under that split, not just a substring.

Standard library only. Usage:

    python3 evaluation/data/check_methods_dev.py [--data PATH] [--library PATH]

Exits with status 1 and lists the problems if any check fails; otherwise prints a summary.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
DEFAULT_DATA = HERE / "methods_dev.jsonl"
DEFAULT_LIBRARY = ROOT / "tools" / "data" / "starter_library.jsonl"

FIELDS = ("id", "question", "answerable", "gold_paper_ids", "key_sentences", "key_point", "kind", "style", "split")
KINDS = {"is_appropriate", "what_instead", "how_many", "difference", "how_to_report", "when_to_use", "interpretation"}
STYLES = {"problem_no_method_name", "names_method", "i_did_x", "abbreviations", "typo"}
SPLITS = {"dev", "heldout"}
MIN_ANSWERABLE = 64
MIN_UNANSWERABLE = 14
MAX_KEY_SENTENCES = 3


def paper_body(paper: dict[str, Any]) -> str:
    """The passage key sentences are taken from: the full text when present, else the abstract."""
    text = paper.get("text") or ""
    return str(text) if text.strip() else str(paper.get("abstract") or "")


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def check_labels(row: dict[str, Any], where: str) -> list[str]:
    problems = [f"{where}: missing field {name!r}" for name in FIELDS if name not in row]
    if problems:
        return problems
    if not isinstance(row["question"], str) or not row["question"].strip():
        problems.append(f"{where}: empty question")
    if not isinstance(row["key_point"], str) or not row["key_point"].strip():
        problems.append(f"{where}: empty key_point")
    if not isinstance(row["answerable"], bool):
        problems.append(f"{where}: answerable must be true or false")
    if row["kind"] not in KINDS:
        problems.append(f"{where}: unknown kind {row['kind']!r}")
    if row["style"] not in STYLES:
        problems.append(f"{where}: unknown style {row['style']!r}")
    if row["split"] not in SPLITS:
        problems.append(f"{where}: unknown split {row['split']!r}")
    return problems


def check_evidence(row: dict[str, Any], where: str, papers: dict[str, dict[str, Any]]) -> list[str]:
    gold, keys = row["gold_paper_ids"], row["key_sentences"]
    if not row["answerable"]:
        return [] if gold == [] and keys == [] else [f"{where}: unanswerable rows need empty gold ids and sentences"]
    problems: list[str] = []
    if not gold:
        problems.append(f"{where}: answerable row without gold_paper_ids")
    if not 1 <= len(keys) <= MAX_KEY_SENTENCES:
        problems.append(f"{where}: expected 1-{MAX_KEY_SENTENCES} key sentences, got {len(keys)}")
    problems += [f"{where}: gold id {pid!r} is not in the library" for pid in gold if pid not in papers]
    bodies = {pid: paper_body(papers[pid]) for pid in gold if pid in papers}
    for sentence in keys:
        sources = [pid for pid, body in bodies.items() if sentence in body]
        if not sources:
            problems.append(f"{where}: key sentence not verbatim in any gold paper: {sentence[:80]!r}")
        elif not any(sentence in bodies[pid].split(". ") for pid in sources):
            problems.append(f"{where}: key sentence is not a whole '. '-split sentence: {sentence[:80]!r}")
    return problems


def gold_without_sentence(row: dict[str, Any], papers: dict[str, dict[str, Any]]) -> list[str]:
    """Gold papers that carry the answer but contribute none of the (at most three) key sentences."""
    bodies = {pid: paper_body(papers[pid]) for pid in row["gold_paper_ids"] if pid in papers}
    return [pid for pid, body in bodies.items() if not any(s in body for s in row["key_sentences"])]


def summarize(rows: list[dict[str, Any]], papers: dict[str, dict[str, Any]]) -> None:
    answerable = [row for row in rows if row["answerable"]]
    print(f"{len(rows)} questions: {len(answerable)} answerable, {len(rows) - len(answerable)} unanswerable")
    for field in ("kind", "style", "split"):
        counts = Counter(row[field] for row in answerable)
        print(f"  answerable by {field}: {dict(sorted(counts.items()))}")
    unanswerable_splits = Counter(row["split"] for row in rows if not row["answerable"])
    print(f"  unanswerable by split: {dict(sorted(unanswerable_splits.items()))}")
    covered = {pid for row in answerable for pid in row["gold_paper_ids"]}
    print(f"  library papers used as gold: {len(covered)} of {len(papers)}")
    extra = [(row["id"], pid) for row in answerable for pid in gold_without_sentence(row, papers)]
    if extra:
        print(f"  note: {len(extra)} gold paper(s) carry the answer without a listed key sentence: {extra}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--library", type=Path, default=DEFAULT_LIBRARY)
    args = parser.parse_args(argv)

    papers = {paper["id"]: paper for paper in load_jsonl(args.library)}
    rows = load_jsonl(args.data)
    problems: list[str] = []
    seen: set[str] = set()
    for number, row in enumerate(rows, start=1):
        where = f"line {number} ({row.get('id', '?')})"
        if row.get("id") in seen:
            problems.append(f"{where}: duplicate id")
        seen.add(str(row.get("id")))
        label_problems = check_labels(row, where)
        problems += label_problems
        if not label_problems:
            problems += check_evidence(row, where, papers)

    n_answerable = sum(1 for row in rows if row.get("answerable") is True)
    if n_answerable < MIN_ANSWERABLE:
        problems.append(f"only {n_answerable} answerable questions (need at least {MIN_ANSWERABLE})")
    if len(rows) - n_answerable < MIN_UNANSWERABLE:
        problems.append(f"only {len(rows) - n_answerable} unanswerable questions (need at least {MIN_UNANSWERABLE})")

    if problems:
        print(f"{len(problems)} problem(s) in {args.data}:", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    summarize(rows, papers)
    print("OK: every gold id exists and every key sentence is verbatim in its gold paper")
    return 0


if __name__ == "__main__":
    sys.exit(main())
