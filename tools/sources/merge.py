"""One record per paper across sources: de-duplicate by DOI and PMID, keeping the fullest record."""

from __future__ import annotations

import re
from collections.abc import Iterable

from tools.papers import Paper

_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:)", re.IGNORECASE)
# arXiv's own DOIs (10.48550/arXiv.2101.00001) name the preprint, so they map to the arXiv id.
_ARXIV_DOI = re.compile(r"^10\.48550/arxiv\.(.+)$", re.IGNORECASE)


def normalize_doi(doi: str | None) -> str | None:
    """DOIs are case-insensitive and arrive as URLs, ``doi:`` strings or bare; compare them lower-case and bare."""
    if not doi:
        return None
    bare = _DOI_PREFIX.sub("", doi.strip()).strip()
    return bare.lower() or None


def arxiv_id_from_doi(doi: str | None) -> str | None:
    match = _ARXIV_DOI.match(normalize_doi(doi) or "")
    return match.group(1) if match else None


def _keys(paper: Paper) -> set[str]:
    keys = {paper.id.lower()}
    doi = normalize_doi(paper.doi)
    if doi:
        keys.add(f"doi:{doi}")
        arxiv = arxiv_id_from_doi(doi)
        if arxiv:
            keys.add(f"arxiv:{arxiv}")
    if paper.id.startswith("DOI:"):
        keys.add(f"doi:{normalize_doi(paper.id.removeprefix('DOI:'))}")
    return keys


# Which record's id and text win when two sources describe one paper: PubMed's abstracts are the
# authors' own, arXiv's are too, OpenAlex's are rebuilt from an index, Crossref's are often absent.
_RANK = {"PMID": 0, "arXiv": 1, "DOI": 2, "OpenAlex": 3}


def _rank(paper: Paper) -> tuple[int, int]:
    return (_RANK.get(paper.id.split(":", 1)[0], 4), -len(paper.abstract))


def _combine(group: list[Paper]) -> Paper:
    """The best-ranked record, with empty fields filled from the others and any retraction kept."""
    group = sorted(group, key=_rank)
    best = group[0]
    fill: dict[str, object] = {}
    for name in ("title", "authors", "year", "venue", "doi", "url", "abstract", "retraction"):
        if getattr(best, name):
            continue
        donor = next((getattr(p, name) for p in group[1:] if getattr(p, name)), None)
        if donor:
            fill[name] = donor
    return best.model_copy(update=fill) if fill else best


def merge_papers(*batches: Iterable[Paper]) -> list[Paper]:
    """Papers from several sources, one per DOI / PMID / id, in the order each was first seen."""
    groups: list[list[Paper]] = []
    owner: dict[str, int] = {}
    for paper in (p for batch in batches for p in batch):
        keys = _keys(paper)
        hits = sorted({owner[k] for k in keys if k in owner})
        if not hits:
            groups.append([paper])
            index = len(groups) - 1
        else:
            index = hits[0]
            groups[index].append(paper)
            for other in hits[1:]:  # the paper bridges two groups (one matched by DOI, one by id)
                groups[index].extend(groups[other])
                groups[other] = []
        for member in groups[index]:
            for key in _keys(member):
                owner[key] = index
    return [_combine(group) for group in groups if group]
