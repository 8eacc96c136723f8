"""Blind review: the sheet hides the conditions and shuffles them; ratings come back to the right ones."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from evaluation.report import markdown
from evaluation.review import RatingsError, fold_ratings, read_ratings, write_sheet
from evaluation.runner import RESULTS

CONDITIONS = ("zero-shot", "ft", "rag+ft", "rag+zero-shot")


def _answer(text: str) -> dict[str, object]:
    return {"question": "Does it work?", "sections": [{"name": "summary", "text": text}], "code": [], "citations": []}


def _run_dir(tmp_path: Path, items: int = 6) -> Path:
    out = tmp_path / "run"
    lines = []
    for i in range(items):
        for condition in CONDITIONS:
            transcript = Path("transcripts") / condition.replace("+", "_") / f"item{i}.json"
            (out / transcript).parent.mkdir(parents=True, exist_ok=True)
            body = {"answer": _answer(f"answer {i} written under {condition}")}
            (out / transcript).write_text(json.dumps(body))
            lines.append(json.dumps({"condition": condition, "item": f"item{i}", "transcript": str(transcript)}))
    (out / RESULTS).write_text("\n".join(lines) + "\n")
    return out


def test_blinded_sheet_round_trip(tmp_path: Path) -> None:
    out = _run_dir(tmp_path)
    sheet = write_sheet(out, items=6, seed=2)
    with sheet.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 24 and set(rows[0]) == {"row", "item", "question", "answer", "factuality"}
    header_and_ids = sheet.read_text().splitlines()[0] + " ".join(r["row"] for r in rows)
    assert not any(name in header_and_ids for name in CONDITIONS)  # the conditions are hidden…
    orders = {tuple(r["answer"].split(" under ")[1] for r in rows if r["item"] == f"item{i}") for i in range(6)}
    assert len(orders) > 1  # …and their order differs from question to question
    assert (out / "review" / "sheet.html").read_text().count("<tr>") == 25

    # a rater gives rag answers 5 and the others 2, reading only the (unblinded here) text
    for row in rows:
        row["factuality"] = "5" if "under rag" in row["answer"] else "2"
    with (tmp_path / "rated.csv").open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    scores = read_ratings(out, tmp_path / "rated.csv")
    assert scores == {"zero-shot": [2.0] * 6, "ft": [2.0] * 6, "rag+ft": [5.0] * 6, "rag+zero-shot": [5.0] * 6}
    report = fold_ratings(
        {"meta": {"kind": "qa", "dataset": "x"}, "conditions": {}, "differences": [], "worst": {}}, scores
    )
    assert report["human"]["rag+ft"] == {"mean": 5.0, "interval": [5.0, 5.0], "n": 6}
    assert "Blind human review" in markdown(report, {})


def test_a_rating_out_of_range_is_refused(tmp_path: Path) -> None:
    out = _run_dir(tmp_path, items=1)
    sheet = write_sheet(out, items=1)
    with sheet.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[0]["factuality"] = "7"
    with (tmp_path / "bad.csv").open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(RatingsError, match="1 to 5"):
        read_ratings(out, tmp_path / "bad.csv")
