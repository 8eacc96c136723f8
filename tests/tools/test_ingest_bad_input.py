"""Bad input through the CLI: each bad line, file or argument is named and skipped, and the rest goes on.

A line of 100k nested brackets, a latin-1 file, an undecodable file, a link out of the folder, a
record over the size cap, a huge record's progress, and a non-UTF-8 argument to `labbot ask`.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import tools.ingest
from bot.cli import app
from tools.embeddings.minilm import MiniLMEmbedder
from tools.ingest import ingest, ingest_files
from tools.library import Library
from tools.papers import Paper, Section
from tools.search.protocol import Vectors
from tools.services import build_services
from tools.settings import Settings

runner = CliRunner(env={"COLUMNS": "200"})
LABBOT = Path(sys.executable).parent / "labbot"


def paper_line(number: int, **fields: Any) -> str:
    record = {"id": f"test:{number}", "title": f"Paper {number} on survival analysis", "abstract": "Cox models."}
    return json.dumps(record | fields, ensure_ascii=False)


def stored(*ids: str) -> set[str]:
    async def look() -> set[str]:
        services = build_services(Settings())
        try:
            return set(await services.library.index.content_hashes(list(ids)))
        finally:
            await services.aclose()

    return asyncio.run(look())


def test_a_line_of_nested_brackets_is_skipped_and_every_other_line_and_file_is_ingested(tmp_path: Path) -> None:
    first = tmp_path / "a.jsonl"
    first.write_text(paper_line(1) + "\n" + paper_line(2) + "\n")
    second = tmp_path / "b.jsonl"
    second.write_text(paper_line(3) + "\n" + "[" * 100_000 + "\n" + paper_line(4) + "\n")
    result = runner.invoke(app, ["ingest", str(first), str(second)])
    assert result.exit_code == 0, result.output
    assert "b.jsonl:line 2: not readable JSON: nested too deeply" in result.output
    assert "Traceback" not in result.output
    assert stored("test:1", "test:2", "test:3", "test:4") == {"test:1", "test:2", "test:3", "test:4"}


def test_a_latin1_file_is_read_in_its_detected_encoding_and_said(tmp_path: Path) -> None:
    path = tmp_path / "latin1.jsonl"
    text = "Überlebenszeitanalyse nach Müller: Schätzung der Hazardfunktion für Kohortenstudien"
    lines = [
        paper_line(n, title=f"{text} ({n})", abstract=f"Größere Stichproben verbessern die Schätzung {n}.")
        for n in range(1, 4)
    ]
    path.write_bytes(("\n".join(lines) + "\n").encode("latin-1"))
    result = runner.invoke(app, ["ingest", str(path)])
    assert result.exit_code == 0, result.output
    assert "not UTF-8; read as" in result.output
    result = runner.invoke(app, ["search", "Überlebenszeitanalyse Müller", "--json", "--k", "1"])
    assert json.loads(result.stdout)["hits"][0]["title"].startswith("Überlebenszeitanalyse nach Müller")  # no mojibake


def test_an_undecodable_file_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "binary.jsonl"
    path.write_bytes(bytes(range(256)) * 64)
    result = runner.invoke(app, ["ingest", str(path)])
    assert result.exit_code == 1
    assert "not UTF-8" in result.output and "convert it to UTF-8" in result.output
    assert "Traceback" not in result.output


def test_a_link_out_of_the_ingested_folder_is_skipped_with_a_warning(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.jsonl").write_text(paper_line(9, title="A secret outside the tree") + "\n")
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "ok.jsonl").write_text(paper_line(1) + "\n")
    (folder / "inner.jsonl").symlink_to(folder / "ok.jsonl")  # a link inside the tree is fine
    (folder / "secret.jsonl").symlink_to(outside / "secret.jsonl")
    result = runner.invoke(app, ["ingest", str(folder)])
    assert result.exit_code == 0, result.output
    assert "skipped: a link to a file outside" in result.output
    assert stored("test:1", "test:9") == {"test:1"}


def test_a_record_over_the_size_cap_is_skipped_and_the_others_are_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LABBOT_SEARCH__MAX_RECORD_MB", "0.05")
    path = tmp_path / "big.jsonl"
    path.write_text(paper_line(1) + "\n" + paper_line(2, text="word " * 40_000) + "\n" + paper_line(3) + "\n")
    result = runner.invoke(app, ["ingest", str(path)])
    assert result.exit_code == 0, result.output
    assert "test:2: is 0.2 MB of text, over the 0.05 MB limit" in result.output
    assert stored("test:1", "test:2", "test:3") == {"test:1", "test:3"}


async def test_an_earlier_file_is_written_even_when_a_later_one_crashes(library: Library) -> None:
    """A failure nothing catches (here KeyboardInterrupt, as a kill would be) loses only the file it hit."""

    def first() -> Iterator[Paper]:
        yield from (Paper(id=f"test:{n}", title=f"Paper {n} on hazard ratios") for n in (1, 2))

    def second() -> Iterator[Paper]:
        yield Paper(id="test:3", title="Paper 3 on hazard ratios")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        await ingest_files(library, [first(), second()])
    assert set(await library.index.content_hashes(["test:1", "test:2", "test:3"])) == {"test:1", "test:2"}


class CountingEmbedder:
    """The real embedder, counting how many texts each call hands it."""

    def __init__(self, inner: MiniLMEmbedder) -> None:
        self.inner = inner
        self.calls: list[int] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    async def embed(self, texts: Sequence[str]) -> Vectors:
        self.calls.append(len(texts))
        return await self.inner.embed(texts)


class Progress:
    def __init__(self) -> None:
        self.papers = 0
        self.chunks: list[int] = []

    def advance(self, papers: int) -> None:
        self.papers += papers

    def embedded(self, chunks: int) -> None:
        self.chunks.append(chunks)


async def test_a_big_record_is_embedded_in_slices_with_progress(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Slices are made smaller here so a short paper shows what a 23k-chunk one would do."""
    monkeypatch.setattr(tools.ingest, "EMBED_SLICE", 16)
    sections = tuple(Section(label=f"Part {n}", text=f"Section {n} about hazard ratios. " * 28) for n in range(60))
    big = Paper(id="test:big", title="A very long thesis on survival analysis", sections=sections)
    counting = CountingEmbedder(library.embedder)  # type: ignore[arg-type]
    library.embedder = counting  # type: ignore[assignment]
    progress = Progress()
    report = await ingest(library, [big], progress)
    assert report.added == 1 and report.chunks > 3 * 16
    assert max(counting.calls) <= 16
    assert sum(progress.chunks) == report.chunks and len(progress.chunks) >= 4


def test_ask_with_a_non_utf8_argument_says_so_in_one_line(tmp_path: Path) -> None:
    environment = os.environ | {"LABBOT_DATA_DIR": str(tmp_path / "data"), "COLUMNS": "200"}
    result = subprocess.run(
        [os.fsencode(LABBOT), b"ask", b"t-test: control 5.1 \xff\xfe 4.8"],
        env=environment,
        capture_output=True,
        timeout=120,
        check=False,
    )
    stderr = result.stderr.decode(errors="replace")
    assert result.returncode == 2, stderr
    assert "Traceback" not in stderr
    assert [line for line in stderr.splitlines() if line.strip()] == [
        "The question is not valid text: an undecodable byte at character 21."
    ]
