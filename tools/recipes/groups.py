"""Several independent groups: one-way ANOVA, and the group arguments the Kruskal–Wallis test shares."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field, model_validator

from tools.recipes import codegen
from tools.recipes.protocol import Fit, ParsedRequest, Recipe
from tools.recipes.shapes import several_groups

_NUMPY_SCIPY = ("import numpy as np", "from scipy import stats")


class GroupsArgs(BaseModel):
    model_config = ConfigDict(frozen=True)

    labels: list[str] = Field(min_length=2)
    groups: list[list[float]] = Field(min_length=2)

    @model_validator(mode="after")
    def _one_label_per_group(self) -> GroupsArgs:
        if len(self.labels) != len(self.groups) or any(len(g) < 2 for g in self.groups):
            raise ValueError("each group needs a label and at least two values")
        return self


def groups_data(args: GroupsArgs) -> str:
    entries = "\n".join(
        f"    {codegen.text(label)}: np.array({codegen.numbers(values, indent=4)}, dtype=float),"
        for label, values in zip(args.labels, args.groups, strict=True)
    )
    return "# Data from the request: one array per group\ngroups = {\n" + entries + "\n}\n"


def render_anova(args: GroupsArgs) -> str:
    body = (
        groups_data(args)
        + """
print("One-way ANOVA (equal variances assumed), F-test of equal group means")
for label, values in groups.items():
    report(f"mean ({label})", values.mean())
    report(f"SD ({label})", values.std(ddof=1))

result = stats.f_oneway(*groups.values())
n_total = sum(len(values) for values in groups.values())
report("F statistic", result.statistic)
report("df between groups", len(groups) - 1)
report("df within groups", n_total - len(groups))
report("p-value", result.pvalue)

# Eta squared: the share of the total variance explained by group membership
pooled = np.concatenate(list(groups.values()))
ss_between = sum(len(v) * (v.mean() - pooled.mean()) ** 2 for v in groups.values())
report("eta squared", ss_between / ((pooled - pooled.mean()) ** 2).sum())

# Tukey's HSD: which pairs of groups differ, with the familywise error rate controlled
tukey = stats.tukey_hsd(*groups.values())
labels = list(groups)
for i in range(len(labels)):
    for j in range(i + 1, len(labels)):
        report(f"Tukey HSD p-value ({labels[i]} vs {labels[j]})", tukey.pvalue[i, j])
"""
    )
    return codegen.script("One-way ANOVA: do the means of several groups differ?", _NUMPY_SCIPY, body)


def fit_groups(parsed: ParsedRequest, roles: Sequence[str], minimum: int = 2) -> GroupsArgs | None:
    del roles  # every group takes part; there is nothing to choose
    groups = several_groups(parsed, minimum)
    if groups is None:
        return None
    return GroupsArgs(labels=[g.label for g in groups], groups=[list(g.values) for g in groups])


def fit_anova(parsed: ParsedRequest, roles: Sequence[str]) -> Fit[GroupsArgs] | None:
    args = fit_groups(parsed, roles)
    if args is None:
        return None
    score = (0.6 if len(args.groups) >= 3 else 0.1) - (0.3 if args_from_named_table(parsed, args) else 0)
    return Fit(args, score, f"{len(args.groups)} independent groups: " + ", ".join(repr(x) for x in args.labels))


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
    render=render_anova,
    fit=fit_anova,
    cue_weights=(("anova", 0.8),),
)
