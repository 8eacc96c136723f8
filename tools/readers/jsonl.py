"""JSON Lines papers: one object a line with id, title, authors, year, venue, doi, url, abstract, text."""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from tools.decoding import UndecodableFile, decode_file, without_surrogates
from tools.papers import Paper, Section
from tools.readers.protocol import ReadProblem

_FIELDS = {"id", "title", "authors", "year", "venue", "doi", "url", "abstract", "text"}


def read_jsonl(path: Path) -> Iterator[Paper | ReadProblem]:
    """One paper or problem per line: a line that cannot be read never stops the lines after it."""
    encoding = "utf-8-sig" if _is_utf8(path) else None
    if encoding is None:
        try:
            _, encoding = decode_file(path.read_bytes())
        except UndecodableFile as error:
            yield ReadProblem(str(path), str(error))
            return
        yield ReadProblem(str(path), f"not UTF-8; read as {encoding} (detected)", skipped=False)
    with path.open(encoding=encoding) as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            yield _parse_line(line, str(path), f"line {number}")


def _is_utf8(path: Path) -> bool:
    """Checked incrementally, so a big file is never held twice."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    try:
        with path.open("rb") as handle:
            while block := handle.read(1 << 20):
                decoder.decode(block)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _parse_line(line: str, source: str, location: str) -> Paper | ReadProblem:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return ReadProblem(source, f"not valid JSON ({error.msg} at column {error.colno})", location)
    except RecursionError:
        return ReadProblem(source, "not readable JSON: nested too deeply", location)
    if not isinstance(record, dict):
        return ReadProblem(source, f"expected a JSON object, got {type(record).__name__}", location)
    record = _without_surrogates(record)
    if not _FIELDS & set(record) - {"id"}:
        return ReadProblem(source, f"no paper fields; expected some of {sorted(_FIELDS)}", location)
    try:
        return paper_from_record(record)
    except ValidationError as error:
        first = error.errors()[0]
        field = ".".join(str(part) for part in first["loc"]) or "record"
        return ReadProblem(source, f"{field}: {first['msg']}", location)


def _without_surrogates(value: Any) -> Any:
    """JSON may spell a lone surrogate ("\\ud800"); no such string reaches the index."""
    if isinstance(value, str):
        return without_surrogates(value)
    if isinstance(value, list):
        return [_without_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {key: _without_surrogates(item) for key, item in value.items()}
    return value


def paper_from_record(record: dict[str, Any]) -> Paper:
    """A labbot JSONL record as a Paper: ``text`` becomes the body section."""
    fields = {k: v for k, v in record.items() if k in _FIELDS - {"text"} and v is not None}
    authors = fields.get("authors")
    if isinstance(authors, str):
        fields["authors"] = [a.strip() for a in authors.split(";") if a.strip()]
    text = record.get("text") or ""
    sections = (Section(label="Text", text=str(text)),) if str(text).strip() else ()
    return Paper.model_validate({**fields, "sections": sections})
