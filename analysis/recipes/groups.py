"""Several independent groups: one-way ANOVA, and the group arguments the Kruskal–Wallis test shares."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field, model_validator

from analysis.model import DataList, ParsedRequest
from analysis.reading.shapes import several_groups
from analysis.recipes.protocol import DataAsRead, Fit, Recipe, preview


class GroupsArgs(BaseModel):
    model_config = ConfigDict(frozen=True)

    labels: list[str] = Field(min_length=2)
    groups: list[list[float]] = Field(min_length=2)

    @model_validator(mode="after")
    def _one_label_per_group(self) -> GroupsArgs:
        if len(self.labels) != len(self.groups) or any(len(g) < 2 for g in self.groups):
            raise ValueError("each group needs a label and at least two values")
        return self


def describe_groups(args: GroupsArgs) -> DataAsRead:
    return DataAsRead(
        title=f"{len(args.groups)} independent groups",
        header=["group", "n", "values"],
        rows=[
            [label, str(len(values)), preview(values)] for label, values in zip(args.labels, args.groups, strict=True)
        ],
    )


def fit_groups(
    parsed: ParsedRequest, roles: Sequence[str], minimum: int = 2
) -> tuple[GroupsArgs, list[DataList]] | None:
    del roles  # every group takes part; there is nothing to choose
    groups = several_groups(parsed, minimum)
    if groups is None:
        return None
    return GroupsArgs(labels=[g.label for g in groups], groups=[list(g.values) for g in groups]), groups


def fit_anova(parsed: ParsedRequest, roles: Sequence[str]) -> Fit[GroupsArgs] | None:
    found = fit_groups(parsed, roles)
    if found is None:
        return None
    args, sources = found
    score = (0.6 if len(args.groups) >= 3 else 0.1) - (0.3 if args_from_named_table(parsed, args) else 0)
    reason = f"{len(args.groups)} independent groups: " + ", ".join(repr(x) for x in args.labels)
    return Fit.of(args, score, reason, sources)


def args_from_named_table(parsed: ParsedRequest, args: GroupsArgs) -> bool:
    """The groups are the rows of a table with named columns: categories of counts, not replicate values."""
    return any(
        table.rows == tuple(tuple(g) for g in args.groups) and not table.col_labels[0].startswith("column ")
        for table in parsed.tables
    )


ANOVA: Recipe[GroupsArgs] = Recipe(
    name="one_way_anova",
    title="One-way ANOVA",
    summary="One-way analysis of variance tests whether the means of several independent groups are all equal.",
    keywords=("ANOVA", "analysis of variance", "three groups", "F-test", "compare several means"),
    references=("starter:fisher1935",),
    assumptions=(
        "Observations are independent, roughly normal within groups, with similar variances across groups.",
        "A significant F-test says only that some means differ; Tukey's HSD shows which pairs.",
    ),
    args_model=GroupsArgs,
    script="one_way_anova.py",
    fit=fit_anova,
    describe=describe_groups,
    implements=frozenset({"one_way_anova", "tukey_hsd"}),
    needs="at least two (usually three or more) independent groups of values",
    cue_weights=(("anova", 0.8),),
)
