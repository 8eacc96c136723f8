"""Every recipe, and the deterministic ranking of those that fit a request."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from analysis.model import ParsedRequest
from analysis.recipes.association import KENDALL, LINEAR_REGRESSION, LOGISTIC, PEARSON, SPEARMAN
from analysis.recipes.contingency import CHI_SQUARE, FISHER, MCNEMAR, ODDS_AND_RISK
from analysis.recipes.design import PROPORTIONS_POWER, PROPORTIONS_SAMPLE_SIZE, T_POWER, T_SAMPLE_SIZE
from analysis.recipes.groups import ANOVA
from analysis.recipes.means import ONE_SAMPLE_T, PAIRED_T, STUDENT, WELCH
from analysis.recipes.multiplicity import ADJUST
from analysis.recipes.protocol import Recipe, RecipeCall
from analysis.recipes.ranks import KRUSKAL, MANN_WHITNEY, SHAPIRO, SIGNED_RANK
from analysis.recipes.survival import COX, COX_COVARIATE, KAPLAN_MEIER, LOG_RANK

# Order breaks ties between equal scores: the more conventional default comes first.
ALL_RECIPES: tuple[Recipe[Any], ...] = (
    WELCH,
    STUDENT,
    PAIRED_T,
    ONE_SAMPLE_T,
    ANOVA,
    MANN_WHITNEY,
    SIGNED_RANK,
    KRUSKAL,
    SHAPIRO,
    CHI_SQUARE,
    FISHER,
    MCNEMAR,
    ODDS_AND_RISK,
    PEARSON,
    SPEARMAN,
    KENDALL,
    LINEAR_REGRESSION,
    LOGISTIC,
    LOG_RANK,
    KAPLAN_MEIER,
    COX,
    COX_COVARIATE,
    T_SAMPLE_SIZE,
    T_POWER,
    PROPORTIONS_SAMPLE_SIZE,
    PROPORTIONS_POWER,
    ADJUST,
)
RECIPES: dict[str, Recipe[Any]] = {recipe.name: recipe for recipe in ALL_RECIPES}


def evaluate(recipe: Recipe[Any], parsed: ParsedRequest, roles: Sequence[str] = ()) -> RecipeCall | None:
    """The recipe applied to this request, scored; None when the data cannot fill its arguments."""
    try:
        fit = recipe.fit(parsed, roles)
    except ValidationError:
        return None  # the data had the right shape but not valid values (a negative count, one group...)
    if fit is None:
        return None
    cue_score, cues = recipe.cue_score(parsed.cues)
    reason = fit.reason + (f"; wording suggests: {', '.join(cues)}" if cues else "")
    score = round(fit.shape_score + cue_score, 4)
    return RecipeCall(recipe=recipe, args=fit.args, score=score, reason=reason, used=fit.used)


def candidates(parsed: ParsedRequest) -> list[RecipeCall]:
    """Recipes whose arguments this request's data fill, best first; [] when there is nothing to analyse."""
    calls = [call for recipe in ALL_RECIPES if (call := evaluate(recipe, parsed)) is not None]
    return sorted(calls, key=lambda call: -call.score)
