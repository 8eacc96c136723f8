"""The promotion gate promotes only a significantly better candidate that pads no more; the registry keeps the
decision and, only when it promotes, the new default."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from tools.models import ModelPool, open_registry
from tools.models.registry import BUILT_IN_ZERO_SHOT, ModelEntry, Promotion, RegistryError
from tools.settings import Settings, TrainingSettings
from tools.stats import PairedComparison, compare_paired
from training.promotion import decide, figures, summary

ITEMS = 40


def comparison(
    baseline_hits: int, candidate_only: int, baseline_only: int, padding_up: float = 0.0
) -> PairedComparison:
    """``baseline_hits`` items both quote the key sentence on; then items only one side does."""
    both = [True] * baseline_hits
    rest = ITEMS - baseline_hits - candidate_only - baseline_only
    first = both + [False] * candidate_only + [True] * baseline_only + [False] * rest
    second = both + [True] * candidate_only + [False] * baseline_only + [False] * rest
    pads = [0.25] * ITEMS
    return compare_paired(("key sentence quoted", first, second), ("padding", pads, [p + padding_up for p in pads]))


def test_a_significantly_better_candidate_that_pads_no_more_is_promoted() -> None:
    better = comparison(10, candidate_only=12, baseline_only=1)
    promoted, reason = decide(better)
    assert promoted, reason
    interval = better.primary_interval
    assert interval.low is not None and interval.low > 0 and better.primary_p is not None and better.primary_p < 0.05


@pytest.mark.parametrize(
    ("case", "why"),
    [
        (comparison(10, candidate_only=0, baseline_only=0), "a tie"),
        (comparison(10, candidate_only=3, baseline_only=3), "a tie"),
        (comparison(10, candidate_only=1, baseline_only=12), "a regression"),
        (comparison(10, candidate_only=3, baseline_only=1), "not significant"),
        (comparison(10, candidate_only=12, baseline_only=1, padding_up=0.1), "padding is higher"),
        (compare_paired(("key sentence quoted", [], []), ("padding", [], [])), "no held-back item"),
    ],
)
def test_a_tie_a_regression_a_chance_gain_or_more_padding_is_refused(case: PairedComparison, why: str) -> None:
    promoted, reason = decide(case)
    assert not promoted
    assert why in reason


def test_the_admin_summary_names_the_verdict_figures_and_interval_from_the_registry_record() -> None:
    measured = figures(comparison(10, candidate_only=1, baseline_only=12))
    assert measured["key_quoted_difference"] == pytest.approx(-11 / ITEMS)
    record = Promotion(
        promoted=False,
        reason="not better: a regression on key sentence quoted",
        against="zero-shot",
        watermark=7,
        figures=measured,
        decided_at=datetime.now(UTC),
    )
    text = summary(_selector_entry("sel-auto-7", None).model_copy(update={"promotion": record}))
    assert "kept `zero-shot`" in text and "7 votes" in text and "a regression" in text
    assert "zero-shot 0.550" in text and "sel-auto-7 0.275" in text  # both sides' share quoting the key sentence
    assert "difference -0.275 [95 % CI -" in text and "McNemar p = 0.00" in text and "padding: 0.25 → 0.25" in text


def _selector_entry(name: str, watermark: int | None, promoted: bool = False) -> ModelEntry:
    record = (
        Promotion(promoted=promoted, reason="r", against="zero-shot", watermark=watermark, decided_at=datetime.now(UTC))
        if watermark is not None
        else None
    )
    return BUILT_IN_ZERO_SHOT.model_copy(
        update={"name": name, "selector_path": Path(f"selectors/{name}/model"), "promotion": record}
    )


def test_the_registry_default_follows_promotions_only_while_promotion_is_on(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, training=TrainingSettings(promote=True))
    registry = open_registry(settings)
    assert registry.promoted() is None and registry.last_watermark() is None
    assert ModelPool(settings).default() == "zero-shot"
    registry.register(_selector_entry("sel-auto-3", 3))  # refused: recorded, not the default
    registry.register(_selector_entry("sel-manual", None))
    assert registry.last_watermark() == 3 and ModelPool(settings).default() == "zero-shot"
    registry.register(_selector_entry("sel-auto-9", 9, promoted=True), make_default=True)
    registry.register(_selector_entry("sel-later", None))  # later writes keep the default
    assert registry.promoted() == "sel-auto-9" and registry.last_watermark() == 9
    assert ModelPool(settings).default() == "sel-auto-9"
    assert ModelPool(Settings(data_dir=tmp_path)).default() == "zero-shot"  # switched off: the configured default

    text = registry.path.read_text().replace('"default": "sel-auto-9"', '"default": "sel-gone"')
    registry.path.write_text(text)
    with pytest.raises(RegistryError, match="sel-gone"):
        registry.promoted()
