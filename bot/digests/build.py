"""What a digest says: new papers from the live sources and the channel's library, ranked and summarised.

Candidates are the live sources' papers published since the last digest plus the library's papers
(the channel's collection and the global one) matching the query; one record per paper (DOI /
PMID), minus every paper an earlier digest sent or the library held when the subscription began.
They are ranked by the embedder's similarity between the query and each paper's title and
abstract, and each is summarised by the graph's extractive path: the one or two sentences of the
paper most similar to the query, quoted and cited. A retracted paper is listed with its notice and
never summarised. A source that fails is named in the digest, which still goes out.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np
from pydantic import BaseModel, ConfigDict

from graph.evidence import passage_of
from graph.schemas import Passage
from graph.selection import SIMILARITY_ONLY, Candidate, rank_sentences
from tools.chunking import chunk_paper
from tools.papers import Paper
from tools.search import Filters
from tools.services import Services
from tools.settings import DigestSettings
from tools.sources import PaperSource, SourceError, merge_papers, normalize_doi

log = logging.getLogger("labbot.digests")
SENTENCES = 2
RANK_CHARS = 1500  # of title + abstract, for ranking: enough to place a paper, cheap to embed


class Entry(BaseModel):
    model_config = ConfigDict(frozen=True)

    paper_id: str
    title: str
    link: str | None
    attribution: str
    origin: str  # "library" or a live source's name
    score: float
    sentences: list[str]  # quoted from the paper, each citing a passage below
    passages: list[str]
    retraction: str | None = None
    keys: list[str]  # every id this paper goes by (id, DOI): an earlier digest's paper is recognised by any


class Digest(BaseModel):
    model_config = ConfigDict(frozen=True)

    subscription_id: str | None
    query: str
    since: datetime
    entries: list[Entry]
    searched: list[str]
    notes: list[str]

    def paper_keys(self) -> list[str]:
        return [key for entry in self.entries for key in entry.keys]


@dataclass(frozen=True, slots=True)
class Found:
    paper: Paper
    origin: str
    passages: list[Passage]


def paper_keys(paper: Paper) -> list[str]:
    doi = normalize_doi(paper.doi)
    return [paper.id, *([f"doi:{doi}"] if doi else [])]


async def _search_source(source: PaperSource, query: str, since: datetime, limit: int) -> list[Paper] | str:
    try:
        return await source.search(query, since=since.date(), max_results=limit)
    except (SourceError, OSError, TimeoutError) as error:  # one source down must not silence the digest
        log.warning("digest: %s failed: %s", source.name, error)
        return f"{source.name} could not be searched ({error})"


async def library_papers(services: Services, query: str, channel: str, limit: int) -> list[Found]:
    hits = await services.library.search(query, k=limit, filters=Filters(collections=("", channel)))
    return [
        Found(hit.paper, "library", [passage_of(hit.paper, c.chunk, c.dense_score or 0.0) for c in hit.chunks])
        for hit in hits
    ]


async def candidates(
    services: Services, sources: Sequence[PaperSource], query: str, channel: str, since: datetime
) -> tuple[list[Found], list[str], list[str]]:
    """Every candidate once (merged across sources by DOI / PMID), the sources searched, and failures."""
    settings = services.settings.digests
    live = await asyncio.gather(*(_search_source(s, query, since, settings.source_results) for s in sources))
    notes = [result for result in live if isinstance(result, str)]
    batches = [result for result in live if not isinstance(result, str)]
    library = await library_papers(services, query, channel, settings.library_results)
    origin = {p.id: s.name for s, batch in zip(sources, live, strict=True) if not isinstance(batch, str) for p in batch}
    from_library = {found.paper.id: found for found in library}
    merged = merge_papers(*batches, [found.paper for found in library])
    found = [from_library.get(p.id) or Found(p, origin.get(p.id, "live"), _passages(p, services)) for p in merged]
    return found, [s.name for s in sources] + ["library"], notes


def _passages(paper: Paper, services: Services) -> list[Passage]:
    search = services.settings.search
    return [
        passage_of(paper, chunk, 0.0) for chunk in chunk_paper(paper, search.chunk_max_chars, search.chunk_min_chars)
    ]


async def rank(
    services: Services, query: str, found: list[Found], settings: DigestSettings
) -> list[tuple[Found, float]]:
    if not found:
        return []
    texts = [f"{f.paper.title}. {f.paper.abstract}"[:RANK_CHARS] for f in found]
    vectors = await services.library.embedder.embed([query, *texts])
    scores = vectors[1:] @ vectors[0]
    order = np.argsort(-scores, kind="stable")
    ranked = [(found[i], float(scores[i])) for i in order if scores[i] >= settings.min_relevance]
    return ranked[: settings.max_papers]


def _summary(ranked: list[Candidate]) -> list[Candidate]:
    """The paper's best sentence, and a second one nearly as relevant."""
    chosen = ranked[:1]
    for candidate in ranked[1:]:
        if len(chosen) == SENTENCES:
            break
        if (
            candidate.score >= chosen[0].score * SIMILARITY_ONLY.relative_cutoff
            and candidate.sentence != chosen[0].sentence
        ):
            chosen.append(candidate)
    return chosen


async def summarise(services: Services, query: str, ranked: list[tuple[Found, float]]) -> list[Entry]:
    """One embedding batch for every paper's sentences: a digest costs one call, not one per paper."""
    passages = [p for found, _ in ranked if not found.paper.retraction for p in found.passages if not p.flagged]
    sentences = (
        await rank_sentences(services.library.embedder, query, query, passages, SIMILARITY_ONLY) if passages else []
    )
    by_paper: dict[str, list[Candidate]] = {}
    for candidate in sentences:
        by_paper.setdefault(candidate.passage.paper_id, []).append(candidate)
    entries = []
    for found, score in ranked:
        paper = found.paper
        chosen = [] if paper.retraction else _summary(by_paper.get(paper.id, []))
        entries.append(
            Entry(
                paper_id=paper.id,
                title=paper.display_title(),
                link=paper.link(services.settings.agent.link_hosts),
                attribution=paper.short_citation(),
                origin=found.origin,
                score=round(score, 3),
                sentences=[c.sentence for c in chosen],
                passages=[c.passage.key for c in chosen],
                retraction=paper.retraction,
                keys=paper_keys(paper),
            )
        )
    return entries


async def build_digest(
    services: Services,
    sources: Sequence[PaperSource],
    *,
    query: str,
    channel: str,
    since: datetime,
    seen: set[str],
    subscription_id: str | None = None,
) -> Digest:
    found, searched, notes = await candidates(services, sources, query, channel, since)
    new = [f for f in found if not seen.intersection(paper_keys(f.paper))]
    ranked = await rank(services, query, new, services.settings.digests)
    entries = await summarise(services, query, ranked)
    return Digest(
        subscription_id=subscription_id, query=query, since=since, entries=entries, searched=searched, notes=notes
    )


async def library_baseline(services: Services, query: str, channel: str) -> list[str]:
    """The keys of the library's papers matching the query now: a new subscription's digests skip them."""
    found = await library_papers(services, query, channel, services.settings.digests.library_results)
    return [key for f in found for key in paper_keys(f.paper)]
