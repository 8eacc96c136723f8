"""Split a paper into passages that respect its sections.

A chunk never crosses into a section it does not name: long sections are split at sentence ends
(one sentence of overlap keeps context), and sections too short to stand alone (a one-line
"DESIGN: Randomised trial.") are merged with the next one under a joint label. A PDF's section
comes cut at page breaks; its pieces are joined back here, and each chunk keeps the pages its
sentences are printed on (a sentence that runs over a page break is on both).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from tools.papers import Chunk, Pages, Paper, Section

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\[\"'])")
_WHITESPACE = re.compile(r"\s+")


def paper_sections(paper: Paper) -> list[Section]:
    """The paper's text in reading order: abstract first (unless a section repeats it), then sections."""
    sections = [Section(label=s.label.strip() or "Text", text=_clean(s.text), page=s.page) for s in paper.sections]
    sections = [s for s in sections if s.text]
    abstract = _clean(paper.abstract)
    if abstract and all(s.text != abstract for s in sections):
        sections.insert(0, Section(label="Abstract", text=abstract))
    if not sections and paper.title:
        sections = [Section(label="Title", text=_clean(paper.title))]
    return sections


def split_sentences(text: str) -> list[str]:
    """Sentences of running text (a heuristic tuned for scientific prose: "p < 0.05." ends one)."""
    return [s.strip() for s in _SENTENCE_END.split(_clean(text)) if s.strip()]


def chunk_paper(paper: Paper, max_chars: int = 1000, min_chars: int = 200) -> list[Chunk]:
    chunks: list[Chunk] = []
    for block in _merge_short(_blocks(paper_sections(paper)), min_chars, max_chars):
        for text, pages in _split(block, max_chars):
            chunks.append(Chunk(paper_id=paper.id, position=len(chunks), section=block.label, text=text, pages=pages))
    return chunks


@dataclass(frozen=True, slots=True)
class _Block:
    """Text under one label, with the offsets where each of its pages (None: unknown) begins."""

    label: str
    text: str
    starts: tuple[int, ...]
    pages: tuple[int | None, ...]

    def joined(self, other: _Block, label: str) -> _Block:
        offset = len(self.text) + 1
        return _Block(
            label,
            f"{self.text} {other.text}",
            self.starts + tuple(start + offset for start in other.starts),
            self.pages + other.pages,
        )

    def pages_of(self, start: int, end: int) -> Pages | None:
        """The first and last known page of the text between these offsets."""
        first, last = bisect_right(self.starts, start) - 1, bisect_right(self.starts, max(start, end - 1)) - 1
        known = [page for page in self.pages[max(first, 0) : last + 1] if page is not None]
        return (min(known), max(known)) if known else None


def _blocks(sections: list[Section]) -> Iterator[_Block]:
    """Sections as blocks; the pieces of one section cut at page breaks are one block again."""
    pending: _Block | None = None
    for section in sections:
        block = _Block(section.label, section.text, (0,), (section.page,))
        if pending is None:
            pending = block
        elif pending.label == section.label and None not in (pending.pages[-1], section.page):
            pending = pending.joined(block, section.label)
        else:
            yield pending
            pending = block
    if pending is not None:
        yield pending


def _clean(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


def _merge_short(sections: Iterator[_Block], min_chars: int, max_chars: int) -> Iterator[_Block]:
    pending: _Block | None = None
    for next_section in sections:
        section = next_section
        if pending is not None:
            if len(pending.text) + 1 + len(section.text) <= max_chars:
                section = pending.joined(section, f"{pending.label} / {section.label}")
            else:
                yield pending
            pending = None
        if len(section.text) < min_chars:
            pending = section
        else:
            yield section
    if pending is not None:
        yield pending


def _split(block: _Block, max_chars: int) -> list[tuple[str, Pages | None]]:
    text = block.text
    if len(text) <= max_chars:
        return [(text, block.pages_of(0, len(text)))]
    sentences = [piece for s in _SENTENCE_END.split(text) for piece in _hard_wrap(s, max_chars)]
    spans = list(_spans(text, sentences))
    windows: list[list[int]] = [[]]  # runs of sentence indices, one per chunk
    for index, sentence in enumerate(sentences):
        window = windows[-1]
        if window and len(" ".join([*(sentences[i] for i in window), sentence])) > max_chars:
            # keep the last sentence as overlap when it leaves room for the next one
            windows.append(window[-1:] if len(sentences[window[-1]]) + 1 + len(sentence) <= max_chars else [])
        windows[-1].append(index)
    return [
        (" ".join(sentences[i] for i in window), block.pages_of(spans[window[0]][0], spans[window[-1]][1]))
        for window in windows
        if window
    ]


def _spans(text: str, pieces: list[str]) -> Iterator[tuple[int, int]]:
    """Where each piece (cut from the text in order, stripped) stands in it."""
    cursor = 0
    for piece in pieces:
        start = text.find(piece, cursor)
        start = cursor if start < 0 else start
        cursor = start + len(piece)
        yield start, cursor


def _hard_wrap(sentence: str, max_chars: int) -> Iterator[str]:
    """A "sentence" longer than a chunk (a table row, a run-on) is cut at whitespace."""
    while len(sentence) > max_chars:
        cut = sentence.rfind(" ", 0, max_chars)
        cut = cut if cut > max_chars // 2 else max_chars
        yield sentence[:cut].strip()
        sentence = sentence[cut:].strip()
    if sentence:
        yield sentence
