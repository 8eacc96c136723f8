"""Tables of counts: chi-square test of independence, Fisher's exact test, McNemar's test, odds and risk ratios."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from analysis.model import ParsedRequest, Table
from analysis.recipes.protocol import DataAsRead, Fit, Recipe

_NEGATED = re.compile(
    r"^(?:no|not|non|without|did not|didn'?t|never|negative|absent|free|unaffected|healthy|controls?)\b|^non-|^un"
    r"|^(?:0|false|n)$",  # a 0/1 (FALSE/TRUE, N/Y) coded outcome: 1 is the event
    re.I,
)
_SMALL_EXPECTED = 5


class TableArgs(BaseModel):
    """Counts written as rows; ``rows[i][j]`` is the count in row i, column j."""

    model_config = ConfigDict(frozen=True)

    rows: list[list[int]] = Field(min_length=2)
    row_labels: list[str]
    col_labels: list[str]
    conf_level: float = Field(0.95, gt=0.5, lt=1)

    @model_validator(mode="after")
    def _rectangular_counts(self) -> TableArgs:
        widths = {len(row) for row in self.rows}
        if len(widths) != 1 or widths.pop() < 2:
            raise ValueError("a table needs at least two columns, the same in every row")
        if any(v < 0 for row in self.rows for v in row):
            raise ValueError("counts cannot be negative")
        if len(self.row_labels) != len(self.rows) or len(self.col_labels) != len(self.rows[0]):
            raise ValueError("one label per row and per column")
        return self


class TwoByTwoArgs(TableArgs):
    @model_validator(mode="after")
    def _two_by_two(self) -> TwoByTwoArgs:
        if len(self.rows) != 2 or len(self.rows[0]) != 2:
            raise ValueError("this analysis needs a 2x2 table")
        return self


def describe_table(args: TableArgs) -> DataAsRead:
    rows, cols = len(args.rows), len(args.rows[0])
    return DataAsRead(
        title=f"a {rows}x{cols} table of counts",
        header=["", *args.col_labels, "total"],
        rows=[
            [label, *(str(v) for v in row), str(sum(row))]
            for label, row in zip(args.row_labels, args.rows, strict=True)
        ]
        + [["total", *(str(sum(col)) for col in zip(*args.rows, strict=True)), str(sum(map(sum, args.rows)))]],
    )


def event_column_first(table: Table) -> tuple[Table, bool]:
    """Put the outcome column first when the first column is its negation ("no COPD" before "COPD")."""
    first, second = table.col_labels[:2]
    if len(table.col_labels) == 2 and _NEGATED.search(first.strip()) and not _NEGATED.search(second.strip()):
        rows = tuple((row[1], row[0]) for row in table.rows)
        return Table(rows, table.row_labels, (second, first), table.start), True
    return table, False


def min_expected(table: Table) -> float:
    total = sum(sum(row) for row in table.rows)
    if total == 0:
        return 0.0
    row_sums = [sum(row) for row in table.rows]
    col_sums = [sum(col) for col in zip(*table.rows, strict=True)]
    return float(min(r * c / total for r in row_sums for c in col_sums))


def _count_table(parsed: ParsedRequest, two_by_two: bool) -> Table | None:
    for table in parsed.tables:
        if table.is_counts and (table.shape == (2, 2) or not two_by_two):
            return table
    return None


TableArgsT = TypeVar("TableArgsT", bound="TableArgs")


def _args(table: Table, parsed: ParsedRequest, model: type[TableArgsT]) -> TableArgsT:
    return model(
        rows=[[int(v) for v in row] for row in table.rows],
        row_labels=list(table.row_labels),
        col_labels=list(table.col_labels),
        conf_level=parsed.scalars.get("conf_level", 0.95),
    )


def _describe(table: Table) -> str:
    rows, cols = table.shape
    return f"a {rows}x{cols} table of counts (rows: {', '.join(table.row_labels)})"


def fit_chi_square(parsed: ParsedRequest, roles: Sequence[str]) -> Fit[TableArgs] | None:
    del roles
    table = _count_table(parsed, two_by_two=False)
    if table is None:
        return None
    named_columns = not table.col_labels[0].startswith("column ")
    rows_read_as_lists = set(table.rows) <= {item.values for item in parsed.lists}
    score = 0.5 + (0.1 if named_columns else 0)
    if rows_read_as_lists and not named_columns:
        score -= 0.15  # "A: 5, 6, 7; B: 8, 9, 10" is more often two samples than a table of counts
    if table.shape == (2, 2) and min_expected(table) < _SMALL_EXPECTED:
        score -= 0.15
    return Fit.of(_args(table, parsed, TableArgs), score, _describe(table), [table])


def fit_fisher(parsed: ParsedRequest, roles: Sequence[str]) -> Fit[TwoByTwoArgs] | None:
    del roles
    table = _count_table(parsed, two_by_two=True)
    if table is None:
        return None
    small = min_expected(table) < _SMALL_EXPECTED
    reason = _describe(table) + ("; some expected counts are below 5" if small else "")
    return Fit.of(_args(table, parsed, TwoByTwoArgs), 0.7 if small else 0.25, reason, [table])


def fit_mcnemar(parsed: ParsedRequest, roles: Sequence[str]) -> Fit[TwoByTwoArgs] | None:
    del roles
    paired = [t for t in parsed.tables if t.paired and t.shape == (2, 2)]
    table = paired[0] if paired else _count_table(parsed, two_by_two=True)
    if table is None or (table.source in ("fractions", "unlabelled clauses") and not table.paired):
        return None  # "54 of 200 positive on A, 71 of 200 on B" are margins: McNemar needs the pairs' cross-table
    return Fit.of(_args(table, parsed, TwoByTwoArgs), 0.1, _describe(table), [table])


def fit_odds_and_risk(parsed: ParsedRequest, roles: Sequence[str]) -> Fit[TwoByTwoArgs] | None:
    del roles
    table = _count_table(parsed, two_by_two=True)
    if table is None or table.paired:
        return None  # paired counts have McNemar's matched odds ratio, not this one
    oriented, swapped = event_column_first(table)
    reason = _describe(oriented) + ("; columns swapped so the outcome comes first" if swapped else "")
    return Fit.of(_args(oriented, parsed, TwoByTwoArgs), 0.25, reason, [table])


CHI_SQUARE: Recipe[TableArgs] = Recipe(
    name="chi_square_independence",
    title="Chi-square test of independence",
    summary="Pearson's chi-square test of independence tests whether two categorical variables in an r×c "
    "table of counts are associated.",
    keywords=("chi-square", "contingency table", "independence", "association", "counts"),
    references=("starter:pearson1900", "starter:fisher1922"),
    assumptions=(
        "Each subject is counted once, in one cell; subjects are independent.",
        "The approximation needs expected counts of about 5 or more in most cells.",
    ),
    args_model=TableArgs,
    script="chi_square_independence.py",
    fit=fit_chi_square,
    describe=describe_table,
    implements=frozenset({"chi_square"}),
    headline="chi_square",
    needs="a table of counts with at least two rows and two columns",
    cue_weights=(("chi_square", 0.8), ("association", 0.2), ("table", 0.1)),
)

FISHER: Recipe[TwoByTwoArgs] = Recipe(
    name="fisher_exact",
    title="Fisher's exact test",
    summary="Fisher's exact test tests association in a 2×2 table from the exact conditional distribution of "
    "the counts, valid for small samples.",
    keywords=("Fisher's exact test", "2x2 table", "small counts", "exact test"),
    references=("starter:fisher1935",),
    assumptions=("Subjects are independent; the test conditions on the row and column totals and is conservative.",),
    args_model=TwoByTwoArgs,
    script="fisher_exact.py",
    fit=fit_fisher,
    describe=describe_table,
    implements=frozenset({"fisher_exact", "odds_ratio"}),
    headline="fisher_exact",
    needs="a 2x2 table of counts (this recipe does not do larger tables)",
    cue_weights=(("fisher", 0.8), ("small_counts", 0.3), ("table", 0.1)),
)

MCNEMAR: Recipe[TwoByTwoArgs] = Recipe(
    name="mcnemar",
    title="McNemar's test",
    summary="McNemar's test compares paired proportions (the same subjects measured twice) using the discordant pairs.",
    keywords=("McNemar", "paired proportions", "before-after binary", "discordant pairs"),
    references=("starter:mcnemar1947",),
    assumptions=("The table cross-classifies pairs: rows are the first measurement, columns the second.",),
    args_model=TwoByTwoArgs,
    script="mcnemar.py",
    fit=fit_mcnemar,
    describe=describe_table,
    implements=frozenset({"mcnemar", "odds_ratio"}),
    headline="mcnemar",
    needs="a 2x2 table of paired counts (both, only the first, only the second, neither)",
    cue_weights=(("mcnemar", 0.9), ("paired", 0.3)),
)

ODDS_AND_RISK: Recipe[TwoByTwoArgs] = Recipe(
    name="odds_ratio_relative_risk",
    title="Odds ratio and relative risk",
    summary="The odds ratio and relative risk of the outcome in the first row versus the second are estimated "
    "from a 2×2 table with log-scale (Woolf and Katz) confidence intervals.",
    keywords=("odds ratio", "relative risk", "risk ratio", "2x2 table", "confidence interval"),
    references=("starter:mantel1959",),
    assumptions=(
        "Rows are the groups compared (first vs second) and the first column is the outcome of interest.",
        "The relative risk needs cohort or trial sampling; in a case-control study only the odds ratio is valid.",
    ),
    args_model=TwoByTwoArgs,
    script="odds_ratio_relative_risk.py",
    fit=fit_odds_and_risk,
    describe=describe_table,
    implements=frozenset({"odds_ratio", "relative_risk", "risk_difference", "nnt"}),
    headline="odds_ratio",
    needs="a 2x2 table of counts, the groups as rows and the outcome (yes, no) as columns",
    cue_weights=(("odds_ratio", 0.9), ("relative_risk", 0.9), ("risk_words", 0.2)),
)
