"""What a request parses into, what a recipe is, and a recipe applied to one request.

A recipe is vetted code with holes: ``render(args)`` fills them from a validated pydantic model and
returns a self-contained Python script. ``fit(parsed, roles)`` says whether the request's data can
fill those holes (and how well); the catalog turns fits into ranked ``RecipeCall`` candidates.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

ArgsT = TypeVar("ArgsT", bound=BaseModel)


@dataclass(frozen=True, slots=True)
class DataList:
    """A named list of numbers from the request, in the order written.

    ``censored[i]`` is True when value ``i`` carried a censoring mark (``12+``). ``context`` is the
    lowercased text just before the list: role cues ("times", "events", "before") are read from it.
    """

    label: str
    values: tuple[float, ...]
    censored: tuple[bool, ...]
    context: str = ""
    start: int = 0

    @property
    def has_censoring(self) -> bool:
        return any(self.censored)

    @property
    def is_binary(self) -> bool:
        return all(v in (0.0, 1.0) for v in self.values)

    @property
    def is_integral(self) -> bool:
        return all(float(v).is_integer() for v in self.values)

    @property
    def is_probability(self) -> bool:
        return all(0.0 <= v <= 1.0 for v in self.values)


@dataclass(frozen=True, slots=True)
class Factor:
    """A list of category names from the request ("arm: A A B B"), e.g. the group of each value."""

    label: str
    levels: tuple[str, ...]
    context: str = ""
    start: int = 0

    @property
    def distinct(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.levels))


@dataclass(frozen=True, slots=True)
class Table:
    """A table of counts written as rows (``rows[i][j]``), with whatever labels the request gave."""

    rows: tuple[tuple[float, ...], ...]
    row_labels: tuple[str, ...]
    col_labels: tuple[str, ...]
    start: int = 0

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.rows), len(self.rows[0]) if self.rows else 0

    @property
    def is_counts(self) -> bool:
        return all(v >= 0 and float(v).is_integer() for row in self.rows for v in row)


@dataclass(frozen=True, slots=True)
class ParsedRequest:
    """Everything deterministic parsing found in one request.

    ``scalars`` holds named settings (``alpha``, ``power``, ``effect_size``, ``delta``, ``sd``, ``mu``,
    ``time_point``, ``p1``, ``p2``, ``n_per_group``, ``conf_level``); ``cues`` holds canonical cue
    names (``paired``, ``nonparametric``, ``survival``…) found in the wording.
    """

    text: str
    lists: tuple[DataList, ...] = ()
    tables: tuple[Table, ...] = ()
    factors: tuple[Factor, ...] = ()
    scalars: Mapping[str, float] = field(default_factory=dict)
    cues: frozenset[str] = frozenset()
    notes: tuple[str, ...] = ()  # how ambiguous bits were read, for the answer's caveats

    def has(self, cue: str) -> bool:
        return cue in self.cues

    def list_named(self, label: str) -> DataList | None:
        return next((item for item in self.lists if item.label == label), None)


@dataclass(frozen=True, slots=True)
class Fit(Generic[ArgsT]):
    """A recipe's verdict on a request: validated arguments, how well the data's shape fits (0-1), and why."""

    args: ArgsT
    shape_score: float
    reason: str


# roles: list labels the model chose for the recipe's roles, in the recipe's role order; () = decide deterministically
FitFunction = Callable[[ParsedRequest, Sequence[str]], "Fit[ArgsT] | None"]


@dataclass(frozen=True)
class Recipe(Generic[ArgsT]):
    """One vetted, parameterised analysis.

    ``summary`` is one sentence for a Methods section; ``assumptions`` feed a Limitations section;
    ``references`` are ids in the bundled starter library. ``cue_weights`` add to a fit's shape score
    when the request's wording carries those cues. ``roles`` name what the first and second chosen
    lists mean (empty when the recipe takes no role choice).
    """

    name: str
    title: str
    summary: str
    keywords: tuple[str, ...]
    references: tuple[str, ...]
    assumptions: tuple[str, ...]
    args_model: type[ArgsT]
    render: Callable[[ArgsT], str]
    fit: FitFunction[ArgsT]
    cue_weights: tuple[tuple[str, float], ...] = ()
    roles: tuple[str, ...] = ()

    def cue_score(self, cues: frozenset[str]) -> tuple[float, list[str]]:
        matched = [(cue, weight) for cue, weight in self.cue_weights if cue in cues]
        return sum(weight for _, weight in matched), [cue for cue, weight in matched if weight > 0]


@dataclass
class RecipeCall:
    """A recipe with arguments validated against one request, ranked by ``score``."""

    recipe: Recipe[Any]
    args: BaseModel
    score: float
    reason: str

    def code(self) -> str:
        return self.recipe.render(self.args)

    @property
    def name(self) -> str:
        return self.recipe.name


def no_roles(roles: Sequence[str]) -> bool:
    return not roles or all(not role for role in roles)


def distinct_labels(labels: Sequence[str]) -> list[str]:
    """Make labels unique and non-empty, keeping their order: a repeated "times" becomes "times (2)"."""
    seen: dict[str, int] = {}
    unique: list[str] = []
    for position, raw in enumerate(labels, start=1):
        label = raw.strip() or f"list {position}"
        seen[label] = seen.get(label, 0) + 1
        unique.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return unique
