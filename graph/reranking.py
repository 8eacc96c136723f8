"""A trained selector re-orders the embedder's shortlist within each paper; without one (zero-shot) the
order is untouched.

Which papers to quote stays the embedder's call (it finds the gold paper first ~96 % of the time on
PubMedQA); which of a paper's sentences to quote is where it fails (it prefers the sentence that
restates the question), so that is all the selector decides, together with the embedder. Each paper's
shortlisted sentences keep their scores, handed out again in the new order: the floors, cut-offs and
paper choice in graph/selection.py then quote as many sentences from the same papers as before, and
padding cannot grow.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from graph.context import Context
from graph.selection import Candidate
from tools.models import in_data_dir
from tools.selector import CrossEncoderSelector, open_selector


def selector_for(context: Context) -> CrossEncoderSelector | None:
    """The selector of the registry entry that drafts, if it has one."""
    entry = context.services.models.entry(context.model)
    if entry.selector_path is None:
        return None
    return open_selector(in_data_dir(entry.selector_path, context.services.settings))


async def reordered(
    selector: CrossEncoderSelector, question: str, ranked: list[Candidate], shortlist: int
) -> list[Candidate]:
    """The top ``shortlist`` candidates re-ordered within each paper by similarity plus the selector's
    probability, then all of them sorted by score again; the rest as they were."""
    head, tail = ranked[:shortlist], ranked[shortlist:]
    if len(head) < 2:
        return ranked
    relevance = await selector.score(question, [candidate.sentence for candidate in head])
    # both opinions count on their own scales: the selector's probability (0 to 1) moves a sentence past a
    # similarity gap only when it is confident; a hesitant selector leaves the embedder's order
    combined = np.array([candidate.score for candidate in head]) + relevance
    new = list(head)
    for paper in {candidate.passage.paper_id for candidate in head}:
        places = [i for i, candidate in enumerate(head) if candidate.passage.paper_id == paper]
        by_both = sorted(places, key=lambda i: -combined[i])  # sorted() is stable: ties keep the embedder's order
        for place, chosen in zip(places, by_both, strict=True):
            new[place] = replace(head[chosen], score=head[place].score)
    order = np.argsort([-candidate.score for candidate in new], kind="stable")
    return [new[i] for i in order] + tail
