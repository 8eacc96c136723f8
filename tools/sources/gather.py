"""Search several live sources as one: merged, de-duplicated, retractions marked, ready to ingest."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from tools.papers import Paper
from tools.sources.crossref import CrossrefSource
from tools.sources.merge import merge_papers
from tools.sources.protocol import PaperSource, SourceError


@dataclass
class Gathered:
    papers: list[Paper] = field(default_factory=list)
    searched: list[str] = field(default_factory=list)  # sources that answered
    failures: list[SourceError] = field(default_factory=list)  # sources that did not (the rest still count)


async def gather_papers(
    sources: Sequence[PaperSource], query: str, *, since: date | None = None, max_results: int = 20
) -> Gathered:
    """Every searching source at once; Crossref (when open) only checks the DOIs found for retractions."""
    searching = [s for s in sources if not isinstance(s, CrossrefSource)] or list(sources)
    outcomes = await asyncio.gather(
        *(s.search(query, since=since, max_results=max_results) for s in searching), return_exceptions=True
    )
    gathered = Gathered()
    batches = []
    for source, outcome in zip(searching, outcomes, strict=True):
        if isinstance(outcome, SourceError):
            gathered.failures.append(outcome)
        elif isinstance(outcome, BaseException):
            raise outcome
        else:
            gathered.searched.append(source.name)
            batches.append(outcome)
    gathered.papers = merge_papers(*batches)
    try:
        gathered.papers = await mark_retractions(sources, gathered.papers)
    except SourceError as error:  # reported: papers whose retraction status is unknown are not silently "clean"
        gathered.failures.append(SourceError(error.source, f"retraction check failed: {error.message}"))
    return gathered


async def mark_retractions(sources: Sequence[PaperSource], papers: list[Paper]) -> list[Paper]:
    """Papers with a DOI checked against Crossref's retraction notices, when Crossref is among the sources."""
    crossref = next((s for s in sources if isinstance(s, CrossrefSource)), None)
    if crossref is None or not any(p.doi for p in papers):
        return papers
    return await crossref.annotate(papers)
