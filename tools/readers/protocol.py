"""What a reader is: a function from one file to papers, reporting what it could not read."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from tools.papers import Paper


@dataclass(frozen=True, slots=True)
class ReadProblem:
    """A file or record that was skipped, and why, in words a person can act on (or, not skipped, a notice
    such as the encoding a file was read in)."""

    source: str
    message: str
    location: str | None = None  # "line 12", "entry smith2020", "page 3"
    skipped: bool = True

    def __str__(self) -> str:
        where = f"{self.source}:{self.location}" if self.location else self.source
        return f"{where}: {self.message}"


class Reader(Protocol):
    def __call__(self, path: Path) -> Iterator[Paper | ReadProblem]: ...
