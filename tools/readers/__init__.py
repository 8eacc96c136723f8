"""File readers by format, and format detection; the only place a format name maps to a reader."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from tools.papers import Paper
from tools.readers.bibtex import read_bibtex
from tools.readers.jsonl import read_jsonl
from tools.readers.pdf import read_pdf
from tools.readers.protocol import Reader, ReadProblem
from tools.readers.pubmedqa import looks_like_pubmedqa, read_pubmedqa

Format = Literal["auto", "jsonl", "bibtex", "pdf", "pubmedqa"]

READERS: dict[str, Reader] = {"jsonl": read_jsonl, "bibtex": read_bibtex, "pdf": read_pdf, "pubmedqa": read_pubmedqa}
_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".bib": "bibtex", ".bibtex": "bibtex", ".pdf": "pdf"}


def detect_format(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    if suffix == ".json" and looks_like_pubmedqa(path):
        return "pubmedqa"
    return None


def expand(paths: list[Path], fmt: Format) -> Iterator[Path | ReadProblem]:
    """Files to read: folders are walked (sorted, hidden files skipped) for files of known formats.

    A link inside a folder that leads out of it (to /etc/shadow, say) is skipped with a warning: only
    what is in the tree given is read. A file named on the command line is read wherever it points.
    """
    for path in paths:
        if path.is_dir():
            root = path.resolve()
            for child in sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")):
                if fmt != "auto" or detect_format(child):
                    if child.resolve().is_relative_to(root):
                        yield child
                    else:
                        yield ReadProblem(str(child), f"skipped: a link to a file outside {path}")
        elif path.is_file():
            yield path
        else:
            yield ReadProblem(str(path), "no such file or folder")


def read_papers(path: Path, fmt: Format) -> Iterator[Paper | ReadProblem]:
    name = detect_format(path) if fmt == "auto" else fmt
    if name is None:
        yield ReadProblem(str(path), "unknown format; name it with --format jsonl|bibtex|pdf|pubmedqa")
        return
    try:
        yield from READERS[name](path)
    except OSError as error:
        yield ReadProblem(str(path), f"cannot read file: {error.strerror or error}")
    except Exception as error:  # one unreadable file never stops the others (nor loses what came before)
        yield ReadProblem(str(path), f"cannot be read ({type(error).__name__}: {error})"[:300])


__all__ = ["Format", "ReadProblem", "Reader", "detect_format", "expand", "read_papers"]
