"""Blind human review: a sheet of answers with the condition hidden and the order shuffled per item,
and the ratings folded back into the report.

``review/sheet.csv`` (and ``sheet.html`` to read it comfortably) lists one row per answer with an
opaque row id; ``review/key.json`` maps row ids back to conditions and must not be shown to raters.
Raters fill the ``factuality`` column with 1 (false or unsupported) … 5 (entirely correct).
"""

from __future__ import annotations

import csv
import html
import json
import random
import secrets
from collections import defaultdict
from pathlib import Path
from typing import Any

from evaluation.runner import read_results
from tools.stats import bootstrap

FIELDS = ("row", "item", "question", "answer", "factuality")
KEY = "key.json"


class RatingsError(ValueError):
    """The ratings file does not fit the sheet it claims to come from."""


def _answer_text(answer: dict[str, Any]) -> str:
    parts = [f"{s['name'].title()}: {s['text']}" for s in answer.get("sections", [])]
    parts += [f"Code output:\n{c['stdout']}" for c in answer.get("code", []) if c.get("stdout")]
    parts += [f"[{c['number']}] {c['title']} ({c['paper_id']})" for c in answer.get("citations", []) if c.get("number")]
    return "\n".join(parts)


def write_sheet(out: Path, items: int = 30, seed: int = 0) -> Path:
    records = read_results(out)
    by_item: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        by_item[record["item"]].append(record)
    rng = random.Random(seed)
    chosen = sorted(by_item)
    rng.shuffle(chosen)
    rows, key = [], {}
    for item in chosen[:items]:
        answers = list(by_item[item])
        rng.shuffle(answers)
        for record in answers:
            transcript = json.loads((out / record["transcript"]).read_text(encoding="utf-8"))
            row = secrets.token_hex(4)
            key[row] = record["condition"]
            answer = transcript["answer"]
            rows.append({"row": row, "item": item, "question": answer["question"], "answer": _answer_text(answer)})
    target = out / "review"
    target.mkdir(parents=True, exist_ok=True)
    with (target / "sheet.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=FIELDS)
        writer.writeheader()
        writer.writerows({**row, "factuality": ""} for row in rows)
    (target / KEY).write_text(json.dumps(key, indent=1), encoding="utf-8")
    (target / "sheet.html").write_text(_html(rows), encoding="utf-8")
    return target / "sheet.csv"


def _html(rows: list[dict[str, str]]) -> str:
    body = "\n".join(
        f"<tr><td>{html.escape(r['row'])}</td><td>{html.escape(r['question'])}</td>"
        f"<td><pre>{html.escape(r['answer'])}</pre></td><td></td></tr>"
        for r in rows
    )
    return (
        "<!doctype html><meta charset='utf-8'><title>labbot blind review</title>"
        "<style>body{font-family:sans-serif}td{vertical-align:top;border-top:1px solid #ccc;padding:6px}"
        "pre{white-space:pre-wrap;max-width:60em}</style>"
        "<h1>Blind review</h1><p>Rate each answer's factuality from 1 (false or unsupported) to 5 (entirely "
        "correct) in the <code>factuality</code> column of sheet.csv, by row id. The answers of one question "
        "are in random order and do not say which system wrote them.</p>"
        f"<table><tr><th>row</th><th>question</th><th>answer</th><th>factuality</th></tr>{body}</table>"
    )


def read_ratings(out: Path, ratings: Path) -> dict[str, list[float]]:
    key = json.loads((out / "review" / KEY).read_text(encoding="utf-8"))
    scores: dict[str, list[float]] = defaultdict(list)
    with ratings.open(newline="", encoding="utf-8") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            value = (row.get("factuality") or "").strip()
            if not value:
                continue
            if row.get("row") not in key:
                raise RatingsError(f"line {number}: row {row.get('row')!r} is not in this run's review sheet")
            try:
                rating = float(value)
            except ValueError as error:
                raise RatingsError(f"line {number}: factuality {value!r} is not a number from 1 to 5") from error
            if not 1 <= rating <= 5:
                raise RatingsError(f"line {number}: factuality {value!r} is not a number from 1 to 5")
            scores[key[row["row"]]].append(rating)
    return dict(scores)


def fold_ratings(report: dict[str, Any], scores: dict[str, list[float]], seed: int = 0) -> dict[str, Any]:
    human = {}
    for condition, values in scores.items():
        interval = bootstrap(values, seed)
        human[condition] = {"mean": interval.value, "interval": [interval.low, interval.high], "n": len(values)}
    return {**report, "human": human}
