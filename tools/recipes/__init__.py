"""Vetted, parameterised analysis recipes: request text → parsed data → ranked recipe calls → code.

The embedded model cannot write correct statistics code, so labbot never asks it to: a recipe is code
with holes, its arguments come from deterministic parsing of the request (``parse_request``), and
``candidates`` ranks the recipes the data fit. Only when that ranking is unsure does a model choose,
through a small enum schema (``choice_schema``), and ``call_from_choice`` checks the choice fits.
"""

from tools.recipes.catalog import RECIPES, candidates
from tools.recipes.choice import call_from_choice, choice_schema
from tools.recipes.numbers import matches_expected, missing_expected, numbers_in
from tools.recipes.parsing import parse_request
from tools.recipes.protocol import DataList, Factor, Fit, ParsedRequest, Recipe, RecipeCall, Table

__all__ = [
    "RECIPES",
    "DataList",
    "Factor",
    "Fit",
    "ParsedRequest",
    "Recipe",
    "RecipeCall",
    "Table",
    "call_from_choice",
    "candidates",
    "choice_schema",
    "matches_expected",
    "missing_expected",
    "numbers_in",
    "parse_request",
]
