"""Vetted, parameterised analysis recipes: parsed data → ranked recipe calls → code.

The embedded model cannot write correct statistics code, so labbot never asks it to: a recipe is a
real script fed one data literal, its arguments come from deterministic reading of the request, and
``candidates`` ranks the recipes the data fit. Only when that ranking is unsure, and the request named
no analysis, does a model choose, through a small enum schema (``choice_schema``); ``call_from_choice``
checks that the choice fits.
"""

from analysis.recipes.catalog import ALL_RECIPES, RECIPES, candidates, evaluate
from analysis.recipes.choice import call_from_choice, choice_schema
from analysis.recipes.protocol import DataAsRead, Fit, Recipe, RecipeCall

__all__ = [
    "ALL_RECIPES",
    "RECIPES",
    "DataAsRead",
    "Fit",
    "Recipe",
    "RecipeCall",
    "call_from_choice",
    "candidates",
    "choice_schema",
    "evaluate",
]
