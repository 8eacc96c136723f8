"""Eval-gated promotion: a candidate evidence selector trained from the seeds and the guarded votes becomes the
default model only if it beats the current default on items neither was trained on.

Better means, on the primary metric (the draft quotes a key sentence), an exact McNemar p below ``ALPHA``
*and* a paired-bootstrap 95 % interval of the difference that lies wholly above 0, with padding (quoted
papers that are not gold) no higher on average. A tie or a regression never promotes: a refused candidate
stays in the registry, with the decision, for the record.

Invariant: one attempt per vote watermark. Each attempt names the watermark it follows (``after``, the
registry's last one) and is skipped once the registry has moved past it; the decision, its figures and,
when it promotes, the new default are written in one registry write, so a worker killed at any point
either left no decision (the attempt runs again, resuming its training checkpoints) or a complete one.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from tools.cli import starter_library_path
from tools.models import ModelPool, in_data_dir, open_registry
from tools.models.registry import ModelEntry, Promotion
from tools.paths import methods_dev_set
from tools.settings import Settings
from tools.stats import PairedComparison
from training.feedback import RatedAnswer
from training.guards import VotePolicy, settings_secrets
from training.selector import SelectorConfig, train_selector
from training.selector_data import feedback_pairs, methods_pairs, starter_papers, write_pairs

ALPHA = 0.05
# (candidate's selector directory, the default's selector directory or None for the embedder's order) → figures
Evaluate = Callable[[Path, Path | None], Awaitable[PairedComparison]]


def figures(comparison: PairedComparison) -> dict[str, float | None]:
    """What the registry records and the admin message shows: both sides, the difference, its interval, p."""
    interval = comparison.primary_interval
    return {
        "items": float(comparison.items),
        "key_quoted_default": comparison.primary_means[0],
        "key_quoted_candidate": comparison.primary_means[1],
        "key_quoted_difference": interval.delta,
        "key_quoted_ci_low": interval.low,
        "key_quoted_ci_high": interval.high,
        "key_quoted_p_mcnemar": comparison.primary_p,
        "padding_default": comparison.guard_means[0],
        "padding_candidate": comparison.guard_means[1],
        "padding_difference": comparison.guard_difference.delta,
    }


def summary(entry: ModelEntry) -> str:
    """The admin message, from the candidate's registry record alone (a rerun can post it again): the verdict,
    the reason and the figures behind it."""
    record = entry.promotion
    if record is None:
        raise ValueError(f"{entry.name} holds no promotion decision")
    f = record.figures
    verdict = f"promoted `{entry.name}` to default" if record.promoted else f"kept `{record.against}`"
    return (
        f"Selector promotion ({record.watermark} votes): {verdict}. {record.reason}.\n"
        f"key sentence quoted on {_plain(f.get('items'))} held-back items: {record.against} "
        f"{_share(f.get('key_quoted_default'))}, {entry.name} {_share(f.get('key_quoted_candidate'))}, difference "
        f"{_signed(f.get('key_quoted_difference'))} [95 % CI {_signed(f.get('key_quoted_ci_low'))}, "
        f"{_signed(f.get('key_quoted_ci_high'))}], McNemar p = {_plain(f.get('key_quoted_p_mcnemar'))}.\n"
        f"padding: {_plain(f.get('padding_default'))} → {_plain(f.get('padding_candidate'))}."
    )


def _share(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _signed(value: float | None) -> str:
    return "n/a" if value is None else f"{value:+.3f}"


def _plain(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3g}"


def decide(comparison: PairedComparison, alpha: float = ALPHA) -> tuple[bool, str]:
    """Promote only a candidate that is significantly better and pads no more; say why either way."""
    interval = comparison.primary_interval
    delta, low, p = interval.delta, interval.low, comparison.primary_p
    if comparison.items == 0 or delta is None:
        return False, "no held-back item was measured"
    if delta <= 0:
        return False, "not better: " + ("a tie" if delta == 0 else "a regression") + f" on {comparison.primary}"
    if p is None or p >= alpha:
        return False, f"not significant: McNemar p = {_plain(p)} (needs < {alpha})"
    if low is None or low <= 0:
        return False, f"the 95 % interval of the difference reaches {_signed(low)}, not clear of 0"
    guard = comparison.guard_difference.delta
    if guard is not None and guard > 0:
        return False, f"{comparison.guard} is higher ({_signed(guard)})"
    return True, f"better: {_signed(delta)} with p = {_plain(p)}, {comparison.guard} not higher"


def candidate_name(watermark: int) -> str:
    return f"auto-{watermark}"


def candidate_dataset(settings: Settings, rated: Sequence[RatedAnswer]) -> Path:
    """The seeds (the methods dev set's dev part) and the votes, through the same guards as every export."""
    policy = VotePolicy(frozenset(settings.slack.training_channels))
    voted, review = feedback_pairs(rated, policy, settings_secrets(settings))
    pairs = list(methods_pairs(methods_dev_set(), starter_papers(starter_library_path()))) + voted
    sources = {
        "methods": f"{methods_dev_set()} (dev part)",
        "votes": len(voted),
        "policy": {"channels": sorted(policy.channels), "min_votes": policy.min_votes, "user_cap": policy.user_cap},
    }
    return write_pairs(pairs, review, settings.data_path / "promotion" / "datasets", "promotion", sources)


def recorded(settings: Settings, watermark: int) -> ModelEntry | None:
    """The candidate whose registry entry holds the decision made at ``watermark``, if one was made."""
    entries = open_registry(settings).entries()
    return next((e for e in entries if e.promotion is not None and e.promotion.watermark == watermark), None)


async def attempt_promotion(
    settings: Settings, after: int | None, watermark: int, rated: Sequence[RatedAnswer], evaluate: Evaluate
) -> ModelEntry | None:
    """Export, train, evaluate and decide once for ``watermark``: the candidate's entry with the decision
    recorded; None: the attempt after ``after`` was already made."""
    registry = open_registry(settings)
    if registry.last_watermark() != after:
        return None
    against = ModelPool(settings).default()
    baseline = registry.get(against)
    dataset = await asyncio.to_thread(candidate_dataset, settings, rated)
    config = SelectorConfig(candidate_name(watermark), dataset, max_steps=settings.training.promote_steps or -1)
    trained = (await asyncio.to_thread(train_selector, settings, config)).entry
    assert trained.selector_path is not None  # train_selector always writes one
    candidate = baseline.model_copy(  # the default's drafter with the new selector: only the ordering changes
        update={
            "name": trained.name,
            "selector_path": trained.selector_path,
            "description": f"{baseline.name} + {trained.description.split(' + ', 1)[-1]}",
            "dataset_hash": trained.dataset_hash,
            "training_config": trained.training_config,
            "eval_scores": trained.eval_scores,
            "created_at": trained.created_at,
        }
    )
    baseline_selector = in_data_dir(baseline.selector_path, settings) if baseline.selector_path else None
    comparison = await evaluate(in_data_dir(trained.selector_path, settings), baseline_selector)
    promoted, reason = decide(comparison)
    measured = figures(comparison)
    record = Promotion(
        promoted=promoted,
        reason=reason,
        against=against,
        watermark=watermark,
        figures=measured,
        decided_at=datetime.now(UTC),
    )
    scores = candidate.eval_scores | {k: round(v, 4) for k, v in measured.items() if v is not None}
    final = ModelEntry.model_validate(candidate.model_dump() | {"eval_scores": scores, "promotion": record})
    registry.register(final, make_default=promoted)
    return final
