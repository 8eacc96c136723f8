"""Split a paper into passages that respect its sections.

A chunk never crosses into a section it does not name: long sections are split at sentence ends
(one sentence of overlap keeps context), and sections too short to stand alone (a one-line
"DESIGN: Randomised trial.") are merged with the next one under a joint label.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from tools.papers import Chunk, Paper, Section

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(\[\"'])")
_WHITESPACE = re.compile(r"\s+")


def paper_sections(paper: Paper) -> list[Section]:
    """The paper's text in reading order: abstract first (unless a section repeats it), then sections."""
    sections = [Section(label=s.label.strip() or "Text", text=_clean(s.text)) for s in paper.sections]
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
    for section in _merge_short(paper_sections(paper), min_chars, max_chars):
        for text in _split(section.text, max_chars):
            chunks.append(Chunk(paper_id=paper.id, position=len(chunks), section=section.label, text=text))
    return chunks


def _clean(text: str) -> str:
    return _WHITESPACE.sub(" ", text).strip()


def _merge_short(sections: list[Section], min_chars: int, max_chars: int) -> Iterator[Section]:
    pending: Section | None = None
    for next_section in sections:
        section = next_section
        if pending is not None:
            if len(pending.text) + 1 + len(section.text) <= max_chars:
                section = Section(label=f"{pending.label} / {section.label}", text=f"{pending.text} {section.text}")
            else:
                yield pending
            pending = None
        if len(section.text) < min_chars:
            pending = section
        else:
            yield section
    if pending is not None:
        yield pending


def _split(text: str, max_chars: int) -> list[str]:
    if len(text) <= max_chars:
        return [text]
    sentences = [piece for s in _SENTENCE_END.split(text) for piece in _hard_wrap(s, max_chars)]
    pieces: list[str] = []
    window: list[str] = []
    for sentence in sentences:
        if window and len(" ".join([*window, sentence])) > max_chars:
            pieces.append(" ".join(window))
            # keep the last sentence as overlap when it leaves room for the next one
            window = window[-1:] if len(window[-1]) + 1 + len(sentence) <= max_chars else []
        window.append(sentence)
    if window:
        pieces.append(" ".join(window))
    return pieces


def _hard_wrap(sentence: str, max_chars: int) -> Iterator[str]:
    """A "sentence" longer than a chunk (a table row, a run-on) is cut at whitespace."""
    while len(sentence) > max_chars:
        cut = sentence.rfind(" ", 0, max_chars)
        cut = cut if cut > max_chars // 2 else max_chars
        yield sentence[:cut].strip()
        sentence = sentence[cut:].strip()
    if sentence:
        yield sentence
