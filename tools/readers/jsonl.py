"""JSON Lines papers: one object a line with id, title, authors, year, venue, doi, url, abstract, text."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from tools.papers import Paper, Section
from tools.readers.protocol import ReadProblem

_FIELDS = {"id", "title", "authors", "year", "venue", "doi", "url", "abstract", "text"}


def read_jsonl(path: Path) -> Iterator[Paper | ReadProblem]:
    with path.open(encoding="utf-8", errors="replace") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            yield _parse_line(line, str(path), f"line {number}")


def _parse_line(line: str, source: str, location: str) -> Paper | ReadProblem:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return ReadProblem(source, f"not valid JSON ({error.msg} at column {error.colno})", location)
    if not isinstance(record, dict):
        return ReadProblem(source, f"expected a JSON object, got {type(record).__name__}", location)
    if not _FIELDS & set(record) - {"id"}:
        return ReadProblem(source, f"no paper fields; expected some of {sorted(_FIELDS)}", location)
    try:
        return paper_from_record(record)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "record"
        return ReadProblem(source, f"{field}: {first['msg']}", location)


def paper_from_record(record: dict[str, Any]) -> Paper:
    """A labbot JSONL record as a Paper: ``text`` becomes the body section."""
    fields = {k: v for k, v in record.items() if k in _FIELDS - {"text"} and v is not None}
    authors = fields.get("authors")
    if isinstance(authors, str):
        fields["authors"] = [a.strip() for a in authors.split(";") if a.strip()]
    text = record.get("text") or ""
    sections = (Section(label="Text", text=str(text)),) if str(text).strip() else ()
    return Paper.model_validate({**fields, "sections": sections})
