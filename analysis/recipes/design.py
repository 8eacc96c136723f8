"""Study design: sample size and power for a two-sample t-test, sample size for comparing two proportions."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field, model_validator

from analysis.model import ParsedRequest
from analysis.reading.scalars import per_group_sizes
from analysis.recipes.protocol import DataAsRead, Fit, Recipe

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
    n_per_group: list[float] = Field(min_length=1)  # each size asked about ("with 20 per group, and with 30")
    target_power: float | None = Field(None, gt=0, lt=1)  # also: the effect detectable with this power

    @model_validator(mode="after")
    def _two_or_more_each(self) -> TTestPowerArgs:
        if any(n < 2 for n in self.n_per_group):
            raise ValueError("each group needs at least two subjects")
        return self


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


class ProportionsPowerArgs(BaseModel):
    model_config = ConfigDict(frozen=True)

    p1: float = Field(gt=0, lt=1)
    p2: float = Field(gt=0, lt=1)
    alpha: float = Field(DEFAULT_ALPHA, gt=0, lt=0.5)
    one_sided: bool = False
    n_per_group: list[float] = Field(min_length=1)

    @model_validator(mode="after")
    def _different_and_sized(self) -> ProportionsPowerArgs:
        if self.p1 == self.p2 or any(n < 2 for n in self.n_per_group):
            raise ValueError("two different proportions and at least two subjects per group")
        return self


def describe_design(args: EffectArgs | ProportionsSampleSizeArgs | ProportionsPowerArgs) -> DataAsRead:
    names = {
        "effect_size": "Cohen's d",
        "delta": "difference in means",
        "sd": "SD",
        "p1": "proportion, group 1",
        "p2": "proportion, group 2",
        "alpha": "alpha",
        "power": "power",
        "n_per_group": "n per group",
        "one_sided": "sides",
    }
    rows = []
    for key, value in args.model_dump().items():
        if value is None:
            continue
        if key == "one_sided":
            shown = "one" if value else "two"
        else:
            shown = ", ".join(f"{v:g}" for v in value) if isinstance(value, list) else f"{value:g}"
        rows.append([names.get(key, key), shown])
    return DataAsRead(title="design settings", header=["setting", "value"], rows=rows)


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
    sizes = per_group_sizes(parsed.text) or (
        [(parsed.scalars["n_per_group"], parsed.scalar_spans["n_per_group"])] if "n_per_group" in parsed.scalars else []
    )
    if effect is None or not sizes or parsed.lists:
        return None
    args = TTestPowerArgs(
        **effect,
        n_per_group=[n for n, _ in sizes],
        target_power=parsed.scalars.get("power"),
        alpha=parsed.scalars.get("alpha", DEFAULT_ALPHA),
        one_sided=parsed.has("one_sided"),
    )
    score = 0.55 + (0.2 if "power" not in parsed.scalars else 0)
    shown = " and ".join(f"{n:g}" for n, _ in sizes)
    reason = f"{shown} per group and {_effect_text(effect)}" + _defaults_note(parsed, ("alpha",))
    return Fit(args, score, reason, tuple(span for _, span in sizes))


def fit_proportions_sample_size(parsed: ParsedRequest, roles: Sequence[str]) -> Fit[ProportionsSampleSizeArgs] | None:
    del roles
    scalars = parsed.scalars
    if "p1" not in scalars or "p2" not in scalars or scalars["p1"] == scalars["p2"]:
        return None
    if "n_per_group" in scalars and "power" not in scalars:
        return None  # the group size is given, so the question is its power, which this recipe does not compute
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


def fit_proportions_power(parsed: ParsedRequest, roles: Sequence[str]) -> Fit[ProportionsPowerArgs] | None:
    del roles
    scalars = parsed.scalars
    sizes = per_group_sizes(parsed.text) or (
        [(scalars["n_per_group"], parsed.scalar_spans["n_per_group"])] if "n_per_group" in scalars else []
    )
    if "p1" not in scalars or "p2" not in scalars or not sizes or "power" in scalars or parsed.lists:
        return None  # a power given is a target: the question is then the sample size
    args = ProportionsPowerArgs(
        p1=scalars["p1"],
        p2=scalars["p2"],
        alpha=scalars.get("alpha", DEFAULT_ALPHA),
        one_sided=parsed.has("one_sided"),
        n_per_group=[n for n, _ in sizes],
    )
    shown = " and ".join(f"{n:g}" for n, _ in sizes)
    reason = f"{shown} per group, proportions {args.p1:g} and {args.p2:g}" + _defaults_note(parsed, ("alpha",))
    return Fit(args, 0.6, reason, tuple(span for _, span in sizes))


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
    script="sample_size_t_test.py",
    fit=fit_t_sample_size,
    describe=describe_design,
    implements=frozenset({"sample_size"}),
    needs="an effect size (Cohen's d, or a difference in means and an SD), with the power and alpha",
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
    script="power_t_test.py",
    fit=fit_t_power,
    describe=describe_design,
    implements=frozenset({"power"}),
    needs="an effect size (Cohen's d, or a difference in means and an SD) and the sample size per group",
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
    script="sample_size_two_proportions.py",
    fit=fit_proportions_sample_size,
    describe=describe_design,
    implements=frozenset({"sample_size"}),
    needs="the two proportions to compare (for example 30% vs 15%), with the power and alpha",
    cue_weights=(("sample_size", 0.5), ("proportions", 0.1)),
)

PROPORTIONS_POWER: Recipe[ProportionsPowerArgs] = Recipe(
    name="power_two_proportions",
    title="Power to compare two proportions",
    summary="The power to compare two independent proportions with the planned sample size per group was computed "
    "with the normal approximation (pooled variance under the null hypothesis, as R's power.prop.test).",
    keywords=("power", "two proportions", "response rate", "binary outcome", "sample size"),
    references=(),
    assumptions=_DESIGN_ASSUMPTIONS,
    args_model=ProportionsPowerArgs,
    script="power_two_proportions.py",
    fit=fit_proportions_power,
    describe=describe_design,
    implements=frozenset({"power"}),
    needs="the two proportions to compare (for example 30% vs 15%) and the sample size per group",
    cue_weights=(("power_question", 0.5), ("proportions", 0.1)),
)
