"""Library hits as the passages an answer may cite: screened, linked, and scored for relevance.

Below the nodes because retrieval is not the only reader: digests, training seeds and the evaluation's
selector comparison turn papers into passages the same way the graph does.
"""

from __future__ import annotations

from collections.abc import Collection

from graph.schemas import Passage
from tools.injection import identifiers_in, looks_like_instruction, screen_passage
from tools.papers import Chunk, Paper, page_link
from tools.search import Hit, SearchIndex
from tools.settings import AgentSettings

# A chatty question sits far from an abstract in the embedder's space even when the abstract answers it; when
# keyword and meaning search both put a paper among their first two, that agreement counts as relevance too.
# Calibrated on the methods dev set (dev part): it stops the wrong abstentions without answering the
# unanswerable ones that sit next to a library paper.
AGREEMENT_RANK = 2
AGREEMENT_CREDIT = 0.08


def _shown(text: str, fallback: str) -> str:
    """A title or attribution as it may be shown: one that addresses the reader is replaced by the paper id."""
    return fallback if looks_like_instruction(text) else text


def passage_of(
    paper: Paper,
    chunk: Chunk,
    score: float,
    known_ids: Collection[str] = (),
    link_hosts: Collection[str] = (),
    agreed: bool = False,
) -> Passage:
    """A chunk of a paper as the thing an answer may cite: screened before any model or quote sees it.

    Sentences that address the assistant, carry links or name identifiers outside ``known_ids`` are taken
    out of the text here, so drafting, quoting and verification only ever see what is left."""
    screen = screen_passage(chunk.text, known_ids)
    return Passage(
        key=chunk.key,
        paper_id=paper.id,
        title=_shown(paper.display_title(), f"{paper.id} (title withheld: instruction-like text)"),
        year=paper.year,
        section=chunk.section,
        text=screen.text,
        score=round(score, 4),
        link=page_link(paper.link(link_hosts), chunk.pages),
        attribution=_shown(paper.short_citation(), paper.id),
        flagged=screen.flagged,
        retraction=paper.retraction,
        pages=chunk.pages,
        agreed=agreed,
    )


def agreed(hit: Hit) -> bool:
    """Both rankers place the paper's best chunk among their first ``AGREEMENT_RANK``."""
    top = hit.chunks[0] if hit.chunks else None
    ranks = [top.bm25_rank, top.dense_rank] if top is not None else []
    return len(ranks) == 2 and all(rank is not None and rank <= AGREEMENT_RANK for rank in ranks)


def question_relevance(passages: list[Passage]) -> float:
    """How relevant the best paper is to the question: its passage's similarity, plus the agreement credit."""
    return max((p.score + AGREEMENT_CREDIT * p.agreed for p in passages), default=0.0)


async def known_identifiers(index: SearchIndex, papers: Collection[Paper], texts: list[str]) -> set[str]:
    """The PMIDs, DOIs and arXiv ids these texts name that are papers in the library (or DOIs of these papers)."""
    named = {identifier for text in texts for identifier in identifiers_in(text)}
    if not named:
        return set()
    dois = {f"doi:{paper.doi}".lower() for paper in papers if paper.doi}
    ids = {paper.id.lower() for paper in papers}
    in_library = {i.lower() for i in await index.papers(sorted(named))}
    return {i for i in named if i.lower() in in_library | dois | ids}


async def to_passages(index: SearchIndex, hits: list[Hit], agent: AgentSettings) -> list[Passage]:
    """Each hit's best ``agent.passages_per_paper`` chunks as passages, scored by their dense similarity."""
    chosen = [(hit, chunk_hit) for hit in hits for chunk_hit in hit.chunks[: agent.passages_per_paper]]
    known = await known_identifiers(index, [hit.paper for hit, _ in chosen], [c.chunk.text for _, c in chosen])
    return [
        passage_of(hit.paper, chunk_hit.chunk, chunk_hit.dense_score or 0.0, known, agent.link_hosts, agreed(hit))
        for hit, chunk_hit in chosen
    ]
