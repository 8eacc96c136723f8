"""Multiple-testing correction: Bonferroni, Holm and Benjamini–Hochberg adjusted p-values."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from analysis.model import DataList, ParsedRequest
from analysis.reading.shapes import is_p_value_list
from analysis.recipes.protocol import DataAsRead, Fit, Recipe

Method = Literal["bonferroni", "holm", "fdr_bh"]
_METHOD_NAMES: dict[Method, str] = {
    "bonferroni": "Bonferroni",
    "holm": "Holm",
    "fdr_bh": "Benjamini-Hochberg",
}
_CUE_TO_METHOD: dict[str, Method] = {"bonferroni": "bonferroni", "holm": "holm", "bh": "fdr_bh"}


class AdjustArgs(BaseModel):
    model_config = ConfigDict(frozen=True)

    labels: list[str] = []  # one per p-value when the request named the tests
    p_values: list[float] = Field(min_length=2)
    methods: list[Method] = Field(min_length=1)
    alpha: float = Field(0.05, gt=0, lt=1)


def describe_p_values(args: AdjustArgs) -> DataAsRead:
    labels = args.labels or [f"test {i}" for i in range(1, len(args.p_values) + 1)]
    return DataAsRead(
        title=f"{len(args.p_values)} p-values, in the order given",
        header=["test", "raw p"],
        rows=[[label, f"{p:g}"] for label, p in zip(labels, args.p_values, strict=True)],
    )


def _p_value_list(parsed: ParsedRequest) -> tuple[DataList, float] | None:
    labelled = [item for item in parsed.lists if is_p_value_list(item)]
    if labelled:
        return labelled[0], 0.6
    if parsed.cues & {"multiple_testing", "bonferroni", "holm", "bh"}:
        plain = [item for item in parsed.lists if item.is_probability and not item.is_binary]
        if plain:
            return plain[0], 0.4
    return None


def fit_adjust(parsed: ParsedRequest, roles: Sequence[str]) -> Fit[AdjustArgs] | None:
    if roles and any(roles):
        item = parsed.list_named(roles[0])
        found = (item, 0.4) if item is not None and item.is_probability else None
    else:
        found = _p_value_list(parsed)
    if found is None:
        return None
    item, score = found
    requested = [method for cue, method in _CUE_TO_METHOD.items() if cue in parsed.cues]
    methods: list[Method] = requested or ["bonferroni", "holm", "fdr_bh"]
    args = AdjustArgs(
        labels=list(item.names), p_values=list(item.values), methods=methods, alpha=parsed.scalars.get("alpha", 0.05)
    )
    reason = f"{len(item.values)} p-values ({item.label!r}); methods: " + ", ".join(_METHOD_NAMES[m] for m in methods)
    return Fit.of(args, score, reason, [item])


ADJUST: Recipe[AdjustArgs] = Recipe(
    name="p_value_adjustment",
    title="Multiple-testing correction",
    summary="Raw p-values were adjusted for multiple testing with the Bonferroni and Holm procedures "
    "(familywise error rate) and the Benjamini–Hochberg procedure (false discovery rate).",
    keywords=("multiple testing", "Bonferroni", "Holm", "Benjamini-Hochberg", "FDR", "adjusted p-values"),
    references=("starter:holm1979", "starter:benjamini1995", "starter:bender2001"),
    assumptions=(
        "Bonferroni and Holm hold under any dependence; Benjamini-Hochberg assumes independent or positively "
        "dependent tests.",
        "The family of tests adjusted together should be the one planned in advance.",
    ),
    args_model=AdjustArgs,
    script="p_value_adjustment.py",
    fit=fit_adjust,
    describe=describe_p_values,
    implements=frozenset({"p_adjust", "bonferroni", "holm", "benjamini_hochberg"}),
    needs="a list of at least two p-values",
    cue_weights=(("multiple_testing", 0.5), ("bonferroni", 0.2), ("holm", 0.2), ("bh", 0.2)),
    roles=("p-values",),
)
