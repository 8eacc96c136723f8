"""A trained selector re-orders the embedder's shortlist; without one (zero-shot) the order is untouched.

Only the order changes, never how much is quoted: the shortlist's scores are handed out again in the
selector's order, so the floors and cut-offs in graph/selection.py admit as many sentences as before and
the selector decides which ones carry them.
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
    """The top ``shortlist`` candidates in the selector's order (stable on ties); the rest as they were."""
    head, tail = ranked[:shortlist], ranked[shortlist:]
    if len(head) < 2:
        return ranked
    relevance = await selector.score(question, [candidate.sentence for candidate in head])
    order = np.argsort(-relevance, kind="stable")
    scores = sorted((candidate.score for candidate in head), reverse=True)
    return [replace(head[i], score=score) for i, score in zip(order, scores, strict=True)] + tail
