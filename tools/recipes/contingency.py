"""Tables of counts: chi-square test of independence, Fisher's exact test, McNemar's test, odds and risk ratios."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field, model_validator

from tools.recipes import codegen
from tools.recipes.protocol import Fit, ParsedRequest, Recipe, Table

_NEGATED = re.compile(
    r"^(?:no|not|non|without|did not|didn'?t|never|negative|absent|free|unaffected|healthy|controls?)\b|^non-|^un", re.I
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


def _table_data(args: TableArgs) -> str:
    return (
        "# Data from the request: counts, one list per row\n"
        f"row_labels = {args.row_labels!r}\n"
        f"col_labels = {args.col_labels!r}\n"
        f"observed = np.array({codegen.table(args.rows)})\n"
    )


def render_chi_square(args: TableArgs) -> str:
    is_2x2 = len(args.rows) == 2 and len(args.rows[0]) == 2
    statistic_name = "chi-square statistic (Yates' continuity correction)" if is_2x2 else "chi-square statistic"
    body = _table_data(args) + (
        f"""
print("Pearson's chi-square test of independence ({len(args.rows)}x{len(args.rows[0])} table)")
result = stats.chi2_contingency(observed)  # scipy applies Yates' correction to 2x2 tables only
report("{statistic_name}", result.statistic)
report("degrees of freedom", result.dof)
report("p-value", result.pvalue)
"""
    )
    if is_2x2:
        body += """plain = stats.chi2_contingency(observed, correction=False)
report("chi-square statistic (no continuity correction)", plain.statistic)
report("p-value (no continuity correction)", plain.pvalue)
"""
    body += """report("Cramer's V", stats.contingency.association(observed, method="cramer"))
report("smallest expected count", result.expected_freq.min())
if result.expected_freq.min() < 5:
    print("note: some expected counts are below 5, so the chi-square approximation is doubtful"
          + (" (Fisher's exact test is safer)" if observed.shape == (2, 2) else ""))
"""
    return codegen.script(
        "Chi-square test of independence: are the row and column variables associated?",
        ("import numpy as np", "from scipy import stats"),
        body,
    )


def render_fisher(args: TwoByTwoArgs) -> str:
    ci = f"{args.conf_level * 100:g}% CI"
    body = (
        _table_data(args)
        + f"""
print("Fisher's exact test (2x2), two-sided")
result = stats.fisher_exact(observed)
report("sample odds ratio (a*d / b*c)", result.statistic)
report("p-value (two-sided)", result.pvalue)

# The conditional maximum-likelihood odds ratio with its exact CI (what R's fisher.test reports)
conditional = stats.contingency.odds_ratio(observed, kind="conditional")
interval = conditional.confidence_interval(confidence_level={args.conf_level})
report("conditional MLE odds ratio", conditional.statistic)
report("{ci} lower (exact)", interval.low)
report("{ci} upper (exact)", interval.high)
"""
    )
    return codegen.script(
        "Fisher's exact test: association in a 2x2 table without a large-sample approximation",
        ("import numpy as np", "from scipy import stats"),
        body,
    )


def render_mcnemar(args: TwoByTwoArgs) -> str:
    body = (
        _table_data(args)
        + """
print("McNemar's test for paired binary outcomes (rows: first measurement, columns: second)")
report("discordant pairs (row 1, column 2)", observed[0, 1])
report("discordant pairs (row 2, column 1)", observed[1, 0])

exact = mcnemar(observed, exact=True)  # binomial test on the discordant pairs
report("p-value (exact binomial)", exact.pvalue)
corrected = mcnemar(observed, exact=False, correction=True)
report("chi-square statistic (continuity-corrected)", corrected.statistic)
report("p-value (chi-square, continuity-corrected)", corrected.pvalue)
plain = mcnemar(observed, exact=False, correction=False)
report("chi-square statistic (no continuity correction)", plain.statistic)
report("p-value (chi-square, no continuity correction)", plain.pvalue)
"""
    )
    imports = ("import numpy as np", "from statsmodels.stats.contingency_tables import mcnemar")
    return codegen.script("McNemar's test: do paired proportions differ?", imports, body)


def render_odds_and_risk(args: TwoByTwoArgs) -> str:
    ci = f"{args.conf_level * 100:g}% CI"
    alpha = codegen.number(round(1 - args.conf_level, 10))
    zero_cell = any(v == 0 for row in args.rows for v in row)
    body = (
        _table_data(args)
        + f"""
# Rows are the groups compared (first row vs second), the first column is the outcome of interest
print(f"Odds ratio and relative risk of {{col_labels[0]!r}}: {{row_labels[0]!r}} vs {{row_labels[1]!r}}")
table = Table2x2(observed, shift_zeros={zero_cell})  # a zero cell gets 0.5 added to every cell
risks = observed[:, 0] / observed.sum(axis=1)
report(f"risk ({{row_labels[0]}})", risks[0])
report(f"risk ({{row_labels[1]}})", risks[1])
report("risk difference", risks[0] - risks[1])

report("relative risk", table.riskratio)
low, high = table.riskratio_confint(alpha={alpha})  # log (Katz) interval
report("relative risk {ci} lower", low)
report("relative risk {ci} upper", high)
report("p-value (relative risk = 1)", table.riskratio_pvalue())

report("odds ratio", table.oddsratio)
low, high = table.oddsratio_confint(alpha={alpha})  # log (Woolf) interval
report("odds ratio {ci} lower", low)
report("odds ratio {ci} upper", high)
report("p-value (odds ratio = 1)", table.oddsratio_pvalue())
"""
    )
    imports = ("import numpy as np", "from statsmodels.stats.contingency_tables import Table2x2")
    return codegen.script("Odds ratio and relative risk with confidence intervals from a 2x2 table", imports, body)


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
    return Fit(_args(table, parsed, TableArgs), score, _describe(table))


def fit_fisher(parsed: ParsedRequest, roles: Sequence[str]) -> Fit[TwoByTwoArgs] | None:
    del roles
    table = _count_table(parsed, two_by_two=True)
    if table is None:
        return None
    small = min_expected(table) < _SMALL_EXPECTED
    reason = _describe(table) + ("; some expected counts are below 5" if small else "")
    return Fit(_args(table, parsed, TwoByTwoArgs), 0.7 if small else 0.25, reason)


def fit_mcnemar(parsed: ParsedRequest, roles: Sequence[str]) -> Fit[TwoByTwoArgs] | None:
    del roles
    table = _count_table(parsed, two_by_two=True)
    if table is None:
        return None
    return Fit(_args(table, parsed, TwoByTwoArgs), 0.1, _describe(table))


def fit_odds_and_risk(parsed: ParsedRequest, roles: Sequence[str]) -> Fit[TwoByTwoArgs] | None:
    del roles
    table = _count_table(parsed, two_by_two=True)
    if table is None:
        return None
    table, swapped = event_column_first(table)
    reason = _describe(table) + ("; columns swapped so the outcome comes first" if swapped else "")
    return Fit(_args(table, parsed, TwoByTwoArgs), 0.25, reason)


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
    render=render_chi_square,
    fit=fit_chi_square,
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
    render=render_fisher,
    fit=fit_fisher,
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
    render=render_mcnemar,
    fit=fit_mcnemar,
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
    render=render_odds_and_risk,
    fit=fit_odds_and_risk,
    cue_weights=(("odds_ratio", 0.9), ("relative_risk", 0.9), ("risk_words", 0.2)),
)
