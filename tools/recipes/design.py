"""Study design: sample size and power for a two-sample t-test, sample size for comparing two proportions."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field, model_validator

from tools.recipes import codegen
from tools.recipes.protocol import Fit, ParsedRequest, Recipe

DEFAULT_ALPHA = 0.05
DEFAULT_POWER = 0.8


class EffectArgs(BaseModel):
    """A standardised effect: Cohen's d directly, or a mean difference and a common SD."""

    model_config = ConfigDict(frozen=True)

    effect_size: float | None = Field(None, gt=0)
    delta: float | None = Field(None, gt=0)
    sd: float | None = Field(None, gt=0)
    alpha: float = Field(DEFAULT_ALPHA, gt=0, lt=0.5)
    one_sided: bool = False

    @model_validator(mode="after")
    def _effect_given(self) -> EffectArgs:
        if self.effect_size is None and (self.delta is None or self.sd is None):
            raise ValueError("give Cohen's d, or a mean difference and an SD")
        return self


class TTestSampleSizeArgs(EffectArgs):
    power: float = Field(DEFAULT_POWER, gt=0, lt=1)


class TTestPowerArgs(EffectArgs):
    n_per_group: float = Field(ge=2)


class ProportionsSampleSizeArgs(BaseModel):
    model_config = ConfigDict(frozen=True)

    p1: float = Field(gt=0, lt=1)
    p2: float = Field(gt=0, lt=1)
    alpha: float = Field(DEFAULT_ALPHA, gt=0, lt=0.5)
    power: float = Field(DEFAULT_POWER, gt=0, lt=1)
    one_sided: bool = False

    @model_validator(mode="after")
    def _different(self) -> ProportionsSampleSizeArgs:
        if self.p1 == self.p2:
            raise ValueError("the two proportions must differ")
        return self


def _effect_lines(args: EffectArgs) -> str:
    if args.effect_size is not None:
        return f"effect_size = {codegen.number(args.effect_size)}  # Cohen's d, as given\n"
    return (
        f"mean_difference = {codegen.number(args.delta or 0)}\n"
        f"sd = {codegen.number(args.sd or 1)}\n"
        "effect_size = mean_difference / sd  # Cohen's d\n"
    )


def _settings(args: EffectArgs | ProportionsSampleSizeArgs) -> str:
    alternative = "larger" if args.one_sided else "two-sided"
    z_alpha = "stats.norm.ppf(1 - alpha)" if args.one_sided else "stats.norm.ppf(1 - alpha / 2)"
    return (
        f"alpha = {codegen.number(args.alpha)}\n"
        f'alternative = "{alternative}"  # statsmodels\' name for a {"one" if args.one_sided else "two"}-sided test\n'
        f"z_alpha = {z_alpha}\n"
    )


def render_t_sample_size(args: TTestSampleSizeArgs) -> str:
    body = (
        "# Design settings from the request (defaults: alpha 0.05 two-sided, power 0.80)\n"
        + _settings(args)
        + f"power = {codegen.number(args.power)}\n"
        + _effect_lines(args)
        + """
print(f"Sample size per group for a two-sample t-test, equal groups, {alternative} alpha = {alpha:g}")
report("Cohen's d", effect_size)
report("power", power)
n_exact = TTestIndPower().solve_power(effect_size=effect_size, alpha=alpha, power=power, ratio=1.0,
                                      alternative=alternative)
report("n per group (noncentral t, exact)", n_exact)
report("n per group, rounded up", math.ceil(n_exact))
report("total n, rounded up", 2 * math.ceil(n_exact))
report("power with the rounded-up n", TTestIndPower().power(effect_size, nobs1=math.ceil(n_exact), alpha=alpha,
                                                             ratio=1.0, alternative=alternative))

# The normal-approximation formula of many textbooks, for comparison (slightly smaller)
n_normal = 2 * (z_alpha + stats.norm.ppf(power)) ** 2 / effect_size**2
report("n per group (normal approximation)", n_normal)
report("n per group (normal approximation), rounded up", math.ceil(n_normal))
"""
    )
    imports = ("import math", "from scipy import stats", "from statsmodels.stats.power import TTestIndPower")
    return codegen.script("Sample size for comparing two means with a two-sample t-test", imports, body)


def render_t_power(args: TTestPowerArgs) -> str:
    body = (
        "# Design settings from the request (default: alpha 0.05 two-sided)\n"
        + _settings(args)
        + f"n_per_group = {codegen.number(args.n_per_group)}\n"
        + _effect_lines(args)
        + """
print(f"Power of a two-sample t-test with {n_per_group:g} per group, {alternative} alpha = {alpha:g}")
report("Cohen's d", effect_size)
power = TTestIndPower().power(effect_size, nobs1=n_per_group, alpha=alpha, ratio=1.0, alternative=alternative)
report("power (noncentral t, exact)", power)

# The normal approximation, for comparison (slightly optimistic in small samples)
shift = effect_size * math.sqrt(n_per_group / 2)
approximate = stats.norm.cdf(shift - z_alpha)
if alternative == "two-sided":
    approximate += stats.norm.cdf(-shift - z_alpha)
report("power (normal approximation)", approximate)
"""
    )
    imports = ("import math", "from scipy import stats", "from statsmodels.stats.power import TTestIndPower")
    return codegen.script("Power of a two-sample t-test for a given sample size and effect", imports, body)


def render_proportions_sample_size(args: ProportionsSampleSizeArgs) -> str:
    body = (
        "# Design settings from the request (defaults: alpha 0.05 two-sided, power 0.80)\n"
        + _settings(args)
        + f"power = {codegen.number(args.power)}\n"
        + f"p1 = {codegen.number(args.p1)}  # expected proportion in the first group\n"
        + f"p2 = {codegen.number(args.p2)}  # expected proportion in the second group\n"
        + """
print(f"Sample size per group to compare two proportions ({p1:g} vs {p2:g}), {alternative} alpha = {alpha:g}")
report("power", power)
# Normal approximation with the pooled variance under H0 (the classic formula; R's power.prop.test)
n_pooled = samplesize_proportions_2indep_onetail(diff=p2 - p1, prop2=p1, power=power, ratio=1.0, alpha=alpha,
                                                 alternative=alternative)
report("n per group (normal approximation)", n_pooled)
report("n per group (normal approximation), rounded up", math.ceil(n_pooled))
report("total n, rounded up", 2 * math.ceil(n_pooled))

# The same approximation with unpooled variances under H0 as well (some textbooks use this form)
z_power = stats.norm.ppf(power)
n_unpooled = (z_alpha + z_power) ** 2 * (p1 * (1 - p1) + p2 * (1 - p2)) / (p1 - p2) ** 2
report("n per group (normal approximation, unpooled variance)", n_unpooled)

# Fleiss' continuity correction: a more conservative n, closer to what an exact test needs
n_corrected = n_pooled / 4 * (1 + math.sqrt(1 + 4 / (n_pooled * abs(p1 - p2)))) ** 2
report("n per group with continuity correction", n_corrected)
report("n per group with continuity correction, rounded up", math.ceil(n_corrected))

# Cohen's h (arcsine transformation), the effect size many power tables use
cohens_h = abs(proportion_effectsize(p2, p1))
report("Cohen's h", cohens_h)
n_arcsine = NormalIndPower().solve_power(effect_size=cohens_h, alpha=alpha, power=power, ratio=1.0,
                                         alternative=alternative)
report("n per group (arcsine, Cohen's h)", n_arcsine)
"""
    )
    imports = (
        "import math",
        "from scipy import stats",
        "from statsmodels.stats.power import NormalIndPower",
        "from statsmodels.stats.proportion import proportion_effectsize, samplesize_proportions_2indep_onetail",
    )
    return codegen.script("Sample size for comparing two independent proportions", imports, body)


def _effect_fields(parsed: ParsedRequest) -> dict[str, float] | None:
    scalars = parsed.scalars
    if "effect_size" in scalars:
        return {"effect_size": scalars["effect_size"]}
    if "delta" in scalars and "sd" in scalars:
        return {"delta": scalars["delta"], "sd": scalars["sd"]}
    return None


def _defaults_note(parsed: ParsedRequest, keys: Sequence[str]) -> str:
    missing = [key for key in keys if key not in parsed.scalars]
    defaults = {"alpha": f"alpha {DEFAULT_ALPHA}", "power": f"power {DEFAULT_POWER}"}
    return f"; assumed {' and '.join(defaults[key] for key in missing)}" if missing else ""


def _effect_text(effect: dict[str, float]) -> str:
    if "effect_size" in effect:
        return f"effect size d = {effect['effect_size']:g}"
    return f"mean difference {effect['delta']:g} with SD {effect['sd']:g}"


def fit_t_sample_size(parsed: ParsedRequest, roles: Sequence[str]) -> Fit[TTestSampleSizeArgs] | None:
    del roles
    effect = _effect_fields(parsed)
    if effect is None or parsed.lists:
        return None
    scalars = parsed.scalars
    args = TTestSampleSizeArgs(
        **effect,
        alpha=scalars.get("alpha", DEFAULT_ALPHA),
        power=scalars.get("power", DEFAULT_POWER),
        one_sided=parsed.has("one_sided"),
    )
    asked = "power" in scalars or parsed.has("sample_size")
    score = 0.5 if asked else 0.3
    if "n_per_group" in scalars and "power" not in scalars:
        score = 0.2  # a sample size is given, so the question is more likely its power
    return Fit(args, score, _effect_text(effect) + _defaults_note(parsed, ("alpha", "power")))


def fit_t_power(parsed: ParsedRequest, roles: Sequence[str]) -> Fit[TTestPowerArgs] | None:
    del roles
    effect = _effect_fields(parsed)
    n = parsed.scalars.get("n_per_group")
    if effect is None or n is None or n < 2 or parsed.lists:
        return None
    args = TTestPowerArgs(
        **effect, n_per_group=n, alpha=parsed.scalars.get("alpha", DEFAULT_ALPHA), one_sided=parsed.has("one_sided")
    )
    score = 0.55 + (0.2 if "power" not in parsed.scalars else 0)
    return Fit(args, score, f"{n:g} per group and {_effect_text(effect)}" + _defaults_note(parsed, ("alpha",)))


def fit_proportions_sample_size(parsed: ParsedRequest, roles: Sequence[str]) -> Fit[ProportionsSampleSizeArgs] | None:
    del roles
    scalars = parsed.scalars
    if "p1" not in scalars or "p2" not in scalars or scalars["p1"] == scalars["p2"]:
        return None
    args = ProportionsSampleSizeArgs(
        p1=scalars["p1"],
        p2=scalars["p2"],
        alpha=scalars.get("alpha", DEFAULT_ALPHA),
        power=scalars.get("power", DEFAULT_POWER),
        one_sided=parsed.has("one_sided"),
    )
    score = 0.55 + (0.1 if "power" in scalars else 0)
    reason = f"proportions {args.p1:g} and {args.p2:g}" + _defaults_note(parsed, ("alpha", "power"))
    return Fit(args, score, reason)


_DESIGN_ASSUMPTIONS = (
    "The assumed effect and variability come from outside the trial (pilot data, literature) and drive the answer.",
    "Equal group sizes, no dropout: inflate the rounded-up n for expected attrition.",
)

T_SAMPLE_SIZE: Recipe[TTestSampleSizeArgs] = Recipe(
    name="sample_size_t_test",
    title="Sample size for a two-sample t-test",
    summary="The sample size per group for a two-sided two-sample t-test was computed from the noncentral t "
    "distribution for the stated effect size, significance level and power.",
    keywords=("sample size", "power analysis", "t-test", "effect size", "Cohen's d"),
    references=(),
    assumptions=_DESIGN_ASSUMPTIONS,
    args_model=TTestSampleSizeArgs,
    render=render_t_sample_size,
    fit=fit_t_sample_size,
    cue_weights=(("sample_size", 0.5), ("power_question", -0.2)),
)

T_POWER: Recipe[TTestPowerArgs] = Recipe(
    name="power_t_test",
    title="Power of a two-sample t-test",
    summary="The power of a two-sided two-sample t-test was computed from the noncentral t distribution for "
    "the planned sample size and assumed effect size.",
    keywords=("power", "t-test", "effect size", "sample size"),
    references=(),
    assumptions=_DESIGN_ASSUMPTIONS,
    args_model=TTestPowerArgs,
    render=render_t_power,
    fit=fit_t_power,
    cue_weights=(("power_question", 0.5), ("sample_size", -0.1)),
)

PROPORTIONS_SAMPLE_SIZE: Recipe[ProportionsSampleSizeArgs] = Recipe(
    name="sample_size_two_proportions",
    title="Sample size for comparing two proportions",
    summary="The sample size per group to compare two independent proportions was computed with the normal "
    "approximation (pooled variance under the null hypothesis), with and without continuity correction.",
    keywords=("sample size", "two proportions", "response rate", "binary outcome", "power"),
    references=(),
    assumptions=_DESIGN_ASSUMPTIONS,
    args_model=ProportionsSampleSizeArgs,
    render=render_proportions_sample_size,
    fit=fit_proportions_sample_size,
    cue_weights=(("sample_size", 0.5), ("proportions", 0.1)),
)
