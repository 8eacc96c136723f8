"""What a remote call cost, from the price table in settings (USD per million prompt / completion tokens)."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Mapping

from tools.models.protocol import Usage

_LOG = logging.getLogger(__name__)
_DATED_SNAPSHOT = re.compile(r"-\d{4}-\d{2}-\d{2}$")  # gpt-4o-mini-2024-07-18 → gpt-4o-mini
_warned_unpriced: set[str] = set()
_warned_lock = threading.Lock()

Prices = Mapping[str, tuple[float, float]]


def base_model_id(model_id: str) -> str:
    """The model a fine-tune was trained from: ``ft:gpt-4o-mini-2024-07-18:org::abc`` → ``gpt-4o-mini-2024-07-18``."""
    if model_id.startswith("ft:"):
        return model_id[3:].split(":", 1)[0]
    return model_id


def price_candidates(model_id: str) -> list[str]:
    """Table keys to try, most specific first: the id, ``ft:<base>``, the base, the base without its date.

    Never a prefix match: ``gpt-4o-mini`` must not be priced as ``gpt-4o``.
    """
    base = base_model_id(model_id)
    undated = _DATED_SNAPSHOT.sub("", base)
    candidates = [model_id]
    if base != model_id:
        candidates += [f"ft:{base}", f"ft:{undated}"]  # lets a table price fine-tuned inference separately
    candidates += [base, undated]
    return list(dict.fromkeys(candidates))


def find_price(model_id: str, prices: Prices) -> tuple[float, float] | None:
    for key in price_candidates(model_id):
        if key in prices:
            return prices[key]
    return None


def cost_usd(model_id: str, usage: Usage, prices: Prices) -> float:
    """USD for one call; an unknown model costs 0 and is reported once per process, not once per call."""
    price = find_price(model_id, prices)
    if price is None:
        _warn_once(model_id)
        return 0.0
    prompt_per_million, completion_per_million = price
    return (usage.prompt_tokens * prompt_per_million + usage.completion_tokens * completion_per_million) / 1e6


def _warn_once(model_id: str) -> None:
    with _warned_lock:
        if model_id in _warned_unpriced:
            return
        _warned_unpriced.add(model_id)
    _LOG.warning(
        "no price for model %r: its calls are recorded as costing $0 (add it to LABBOT_MODELS__PRICES)", model_id
    )
