"""What a recipe is, and a recipe applied to one request.

A recipe is one small declaration: an arguments model (validated pydantic), a ``fit`` that fills the
arguments from a parsed request, a real ``.py`` script under ``scripts/`` that reads those arguments
from one generated ``DATA`` literal, and ``implements``: the analyses, in the request contract's
vocabulary, that running it answers. ``describe`` renders the arguments as "data as read".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict

from analysis.model import DataList, ParsedRequest, Span, Table, spans_of
from analysis.recipes.render import render_script

ArgsT = TypeVar("ArgsT", bound=BaseModel)


class DataAsRead(BaseModel):
    """The data an analysis used, as a reader would check it: a small table and how it was read."""

    model_config = ConfigDict(frozen=True)

    title: str  # "two independent groups", "a 2x2 table of counts"
    header: list[str]
    rows: list[list[str]]
    notes: list[str] = []  # the censoring convention, a column swap, a total checked…

    def text(self) -> str:
        """Fixed-width text: for a terminal and a Slack code block."""
        table = [self.header, *self.rows]
        widths = [max(len(row[i]) for row in table if i < len(row)) for i in range(len(self.header))]
        lines = [
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)).rstrip() for row in table
        ]
        return "\n".join([f"{self.title}:", *lines, *self.notes])


@dataclass(frozen=True, slots=True)
class Fit(Generic[ArgsT]):
    """A recipe's verdict on a request: validated arguments, how well the data's shape fits (0-1), why,
    and where in the message the data it uses were written (for the data accounting)."""

    args: ArgsT
    shape_score: float
    reason: str
    used: tuple[Span, ...] = ()

    @classmethod
    def of(cls, args: ArgsT, score: float, reason: str, sources: Sequence[DataList | Table]) -> Fit[ArgsT]:
        return cls(args, score, reason, spans_of(sources))


# roles: list labels the model chose for the recipe's roles, in the recipe's role order; () = decide deterministically
FitFunction = Callable[[ParsedRequest, Sequence[str]], "Fit[ArgsT] | None"]


@dataclass(frozen=True)
class Recipe(Generic[ArgsT]):
    """One vetted, parameterised analysis.

    ``summary`` is one sentence for a Methods section; ``assumptions`` feed a Limitations section;
    ``references`` are ids in the bundled starter library. ``implements`` names the analyses of the
    request contract that this recipe answers (see ``analysis.contract``). ``cue_weights`` add to a
    fit's shape score when the request's wording carries those cues. ``roles`` name what the first and
    second chosen lists mean (empty when the recipe takes no role choice).
    """

    name: str
    title: str
    summary: str
    keywords: tuple[str, ...]
    references: tuple[str, ...]
    assumptions: tuple[str, ...]
    args_model: type[ArgsT]
    script: str  # file name under analysis/recipes/scripts/
    fit: FitFunction[ArgsT]
    describe: Callable[[ArgsT], DataAsRead]
    implements: frozenset[str] = field(default_factory=frozenset)
    needs: str = ""  # what the data must hold, said when a request for this analysis is declined
    headline: str = ""  # the analysis it is first of all (Fisher's test also gives an odds ratio, but is Fisher's)
    cue_weights: tuple[tuple[str, float], ...] = ()
    roles: tuple[str, ...] = ()

    def render(self, args: ArgsT) -> str:
        return render_script(self.script, args.model_dump(mode="json"))

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
    used: tuple[Span, ...] = ()

    def code(self) -> str:
        return self.recipe.render(self.args)

    def data_as_read(self) -> DataAsRead:
        return self.recipe.describe(self.args)

    @property
    def name(self) -> str:
        return self.recipe.name


def preview(values: Sequence[float], censored: Sequence[bool] = (), limit: int = 8) -> str:
    """ "132, 128, 141, … 129 (8 values)": enough to spot a misread, short enough for Slack."""
    marks = list(censored) or [False] * len(values)
    written = [f"{v:g}{'+' if c else ''}" for v, c in zip(values, marks, strict=True)]
    if len(written) <= limit:
        return ", ".join(written)
    return ", ".join(written[: limit - 2]) + ", …, " + ", ".join(written[-2:])
