"""A grammar-constrained model choice for when deterministic ranking is not sure.

The schema is one flat object of enums, small enough for a 135M model to fill under a grammar:
``{"recipe": <name>, "first": <list label>, "second": <list label>}``. ``first`` and ``second`` mean what
the chosen recipe's ``roles`` say (first group / second group, x / y, predictor / 0-1 outcome…).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from analysis.model import ParsedRequest
from analysis.recipes.catalog import RECIPES, evaluate
from analysis.recipes.protocol import RecipeCall

ROLE_KEYS = ("first", "second")


def choice_schema(parsed: ParsedRequest, names: Sequence[str]) -> dict[str, Any]:
    """JSON schema for choosing one of ``names`` and, where a recipe takes them, which lists fill its roles."""
    known = [name for name in dict.fromkeys(names) if name in RECIPES]
    properties: dict[str, Any] = {"recipe": {"type": "string", "enum": known}}
    labels = [item.label for item in parsed.lists]
    role_count = min(max((len(RECIPES[name].roles) for name in known), default=0), len(labels))
    for key in ROLE_KEYS[:role_count]:
        properties[key] = {
            "type": "string",
            "enum": labels,
            "description": f"the list playing the recipe's {key} role",
        }
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def call_from_choice(parsed: ParsedRequest, choice: Mapping[str, Any]) -> RecipeCall | None:
    """The chosen recipe with its arguments validated against the data; None if the choice does not fit."""
    name = choice.get("recipe")
    recipe = RECIPES.get(name) if isinstance(name, str) else None
    if recipe is None:
        return None
    roles = [choice.get(key) for key in ROLE_KEYS[: len(recipe.roles)] if choice.get(key)]
    if not all(isinstance(role, str) and parsed.list_named(role) for role in roles):
        return None
    if len(set(roles)) != len(roles):
        return None  # one list cannot play two roles
    call = evaluate(recipe, parsed, [str(role) for role in roles])
    if call is not None:
        call.reason += "; chosen by the model"
    return call
