"""Named settings written in words: "alpha = 0.05", "80% power", "Cohen's d of 0.4", "SD about 12"…

Each pattern's number must not already belong to an earlier match, so "5% significance, 80% power,
30% vs 45%" gives alpha, power and two proportions without double counting.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

# never a prefix of a longer number; "20,000" is one number (its commas are dropped by ``number``)
NUM = r"(?P<num>-?(?:\d{1,3}(?:,\d{3})+(?![\d,])(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+))(?!\d|\.\d)"
PCT = r"(?P<pct>\s?%|\s?percent|\s?pct\b)?"
_FLAGS = re.IGNORECASE


def number(raw: str) -> float:
    return float(raw.replace(",", ""))


@dataclass
class ScalarParse:
    values: dict[str, float] = field(default_factory=dict)
    spans: list[tuple[int, int]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    where: dict[str, tuple[int, int]] = field(default_factory=dict)  # the span each value was read from
    conflicts: list[str] = field(default_factory=list)  # one setting written with two values: which one is meant?
    others: list[tuple[str, float, tuple[int, int]]] = field(default_factory=list)  # those further values

    def free(self, start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in self.spans)


Converter = Callable[[float, bool], float | None]


def _fraction(low: float, high: float, whole_is_percent: bool = True) -> Converter:
    """Percent or fraction, e.g. alpha: "5%" and "0.05" both give 0.05; None outside (low, high)."""

    def convert(value: float, percent: bool) -> float | None:
        if percent or (whole_is_percent and value > 1):
            value /= 100
        return value if low < value < high else None

    return convert


def _positive(limit: float) -> Converter:
    def convert(value: float, percent: bool) -> float | None:
        return abs(value) if not percent and 0 < abs(value) < limit else None

    return convert


def _confidence(value: float, percent: bool) -> float | None:
    value = value / 100 if percent or value > 1 else value
    return value if 0.5 <= value < 1 else None


_SEP = r"\s*(?:of|=|:|is|was|at|to|set (?:to|at)|<=?|>=?|≈|~|around|about|approx\.?|approximately|roughly)?\s*"
_SEP2 = r"(?:about|around|approximately|approx\.?|roughly|at least|of|the|~|≈)?\s*"  # "SD is ~1.7"

_PATTERNS: list[tuple[str, str, Converter]] = [
    (
        "conf_level",
        rf"(?:\bci|confidence interval|interval)s?\b[^.?!\n%]{{0,25}}?\bat\s+{NUM}\s*(?P<pct>%|pct\b|percent)",
        _confidence,
    ),
    ("conf_level", rf"{NUM}\s*(?P<pct>%)\s*(?:,\s*)?(?:not|rather than|instead of)\s*\d+\s*%", _confidence),
    ("conf_level", rf"{NUM}\s*(?P<pct>%|pct\b|percent)\s*(?:confidence|conf\b\.?|c\.?i\b|two[- ]sided c)", _confidence),
    (  # "a 90% log (Woolf) interval", "95% Wald limits": the interval's method between its level and its noun
        "conf_level",
        rf"{NUM}\s*(?P<pct>%|pct\b|percent)[ \t]+(?:[\w()-]+[ \t]+){{1,3}}?(?:c\.?i\b|intervals?\b|limits\b)",
        _confidence,
    ),
    ("conf_level", rf"conf(?:idence)?[._ ]?(?:level|lvl|coefficient)\s*(?:of|=|:)?\s*{NUM}{PCT}", _confidence),
    (
        "alpha",
        rf"(?:\balpha|α|significance level|level of significance|significance|sig\.?\s?level"
        rf"|type[- ]?(?:i|1|one) error(?: rate)?)\s*(?:level)?{_SEP}{_SEP2}{NUM}{PCT}",
        _fraction(0, 0.5),
    ),
    (
        "alpha",
        # "5% significance", but not "p2=0.34 alpha=.05", where alpha carries its own value
        rf"{NUM}{PCT}\s*(?:two[- ]sided |one[- ]sided |2[- ]sided |two[- ]tailed )?(?:significance|alpha|α)(?!\s*[=:])",
        _fraction(0, 0.5),
    ),
    ("alpha", rf"at (?:the )?{NUM}{PCT} (?:two[- ]sided |one[- ]sided )?(?:level|significance)", _fraction(0, 0.5)),
    ("alpha", rf"\bp\s*<=?\s*{NUM}(?P<pct>)", _fraction(0, 0.11)),
    ("power", rf"{NUM}{PCT}\s*(?:statistical )?power", _fraction(0.5, 1)),
    ("power", rf"\bpower\s*(?:level)?{_SEP}{_SEP2}{NUM}{PCT}", _fraction(0.5, 1)),
    ("beta", rf"(?:\bbeta|β|type[- ]?(?:ii|2|two) error(?: rate)?)\s*{_SEP}{NUM}{PCT}", _fraction(0, 0.5, False)),
    (
        "effect_size",
        r"(?:cohen'?s\s*d|effect[- ]size(?:\s*\(?\s*(?:cohen'?s\s*)?d\s*\)?)?|standardi[sz]ed (?:mean )?"
        rf"(?:difference|effect)(?: size)?(?:\s*\((?:cohen'?s\s*)?d\))?|\bsmd){_SEP}{_SEP2}{NUM}(?!\s*%)",
        _positive(5),
    ),
    ("effect_size", rf"(?<![\w.'])(?-i:d)\s*(?:=|of|≈|~)\s*{NUM}(?!\s*%)", _positive(5)),
    ("effect_size", rf"{NUM}[ \t]*(?:sds?|standard deviations?)\b(?![ \t]*(?:of|=|:|is))", _positive(5)),
    (
        "delta",
        r"(?:(?:mean|minimum|minimal|true|clinically (?:important|relevant|meaningful))\s+)?"
        r"(?:difference|diff\.?|delta|δ)(?:\s+(?:in|between)\s+(?:the\s+)?(?:group\s+)?means?"
        r"|\s+between\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:arms|groups|means))?"
        rf"(?:\s+(?:in|of|for)\s+[A-Za-z-]+(?:\s+[A-Za-z-]+){{0,2}}?)?{_SEP}{_SEP2}{NUM}(?!\s*%(?!-?\s*points?))",
        _positive(1e9),
    ),
    (  # "detect a drop of 3 young per female" (not "a drop in infection rate from 0.20 to 0.10")
        "delta",
        rf"\b(?:drop|fall|reduction|decrease|increase|rise|shift|improvement)\s+of\s+{_SEP2}{NUM}(?!\s*%)",
        _positive(1e9),
    ),
    (  # "MCID 6 points", "the difference we care about is 150 mm3", "smallest worthwhile effect 4"
        "delta",
        r"(?:\bmcid|minimal(?:ly)? (?:clinically )?important (?:difference|change)|smallest (?:worthwhile|meaningful"
        r"|important|relevant) (?:difference|effect|change)|(?:difference|effect|change) (?:(?:that |which )?(?:we|i)"
        r" (?:care about|want to detect|hope to detect|expect|consider (?:meaningful|relevant|important))|of interest"
        r"|worth detecting|to detect))"
        rf"{_SEP}{_SEP2}{NUM}(?!\s*%(?!-?\s*points?))",
        _positive(1e9),
    ),
    (
        "delta",
        rf"{NUM}(?!\s*%|[-\s]*(?:months?|years?|weeks?|days?|hours?)\b)\)?"  # "a $2k (= 2) difference"
        rf"[ \t]*-?[ \t]*(?:[A-Za-z/]+[ \t]+){{0,2}}?(?:mean[ \t]+)?"
        r"(?:difference|reduction|change|increase|decrease|drop|improvement|shift|lowering)",
        _positive(1e9),
    ),
    (  # "two setups whose means differ by 50 km/s", "arms differing by about 4 points", "if OJ beats VC by 4"
        "delta",
        rf"\b(?:differ(?:s|ing)?|beats?|beating|exceeds?|exceeding|outperforms?)\s+(?:[\w-]+\s+){{0,3}}?by\s+"
        rf"(?:about |around |approximately |roughly |at least )?{NUM}(?!\s*%)",
        _positive(1e9),
    ),
    (
        "delta",
        rf"\b(?:lower|reduce|raise|increase|decrease|improve|shift|change|cut|drop)\w*\s+(?:[\w-]+\s+){{0,4}}?by\s+"
        rf"(?:about |around |approximately |roughly |at least )?{NUM}(?!\s*%)",
        _positive(1e9),
    ),
    (
        "sd",
        rf"(?:\bsd|\bs\.d\.?|\bstd\.?(?:\s*dev(?:iation)?)?|standard deviation|\bsigma|σ)"
        rf"(?:\s+(?:with)?in\s+(?:a|each|the|either|both)?\s*(?:group|arm)s?"
        rf"|\s+(?:of|for|at|in|among)\s+(?:the\s+)?(?:[\w-]+\s+){{0,8}}?(?=(?:is|was|=|of|around|about)\b))?"
        rf"{_SEP}{_SEP2}{NUM}(?![-\s]*(?:%|months?\b|years?\b|weeks?\b|days?\b))",
        _positive(1e9),
    ),
    (
        "time_point",
        rf"(?:surviv\w*|\w+[- ]free|alive|\bS)\s*(?:probability|rate|proportion|fraction|percentage)?"
        rf"\s*(?:at|past|beyond|by|until|after|through|to|\()\s*(?:t\s*=\s*|time\s*|(?:day|week|month|year)s?\s+)?{NUM}",
        _positive(1e9),
    ),
    (  # "what fraction survive 2000 h", "alive 36 months": a time in units, without a preposition
        "time_point",
        rf"(?:surviv\w*|alive)\s+{NUM}\s*(?:h|hrs?|hours?|d|days?|wks?|weeks?|mo|months?|y|yrs?|years?)\b",
        _positive(1e9),
    ),
    (
        "time_point",
        rf"(?:estimate\b|probabilit\w*|\bS\(t\)|curve\b|\bkm\b|surviv\w*)[^.?!\n]{{0,40}}?\bat\s+(?:t\s*=\s*)?{NUM}",
        _positive(1e9),
    ),
    (
        "time_point",
        rf"{NUM}[- ]?(?P<unit>month|year|week|day|yr|mo|wk)s?(?:\s*\([^)]{{0,15}}\))?\s+"
        r"(?:overall\s+|progression[- ]free\s+|event[- ]free\s+|disease[- ]free\s+|relapse[- ]free\s+)?surviv",
        _positive(1e9),
    ),
    (
        "mu",
        r"(?:\bmu0?\b|μ0?|µ0?|hypothesi[sz]ed (?:population )?(?:mean|value|median)|null (?:hypothesis )?(?:mean"
        r"|value)|reference (?:value|mean|level)|population mean|known (?:population )?(?:mean|value)"
        r"|norm(?:ative)? (?:value|mean)|target (?:value|mean|level)|expected (?:mean|value)|standard value"
        rf"|nominal (?:value|concentration|mean)|theoretical (?:value|mean)|(?:should|supposed to) (?:read|be|equal)"
        rf"|(?:different|differs?|deviates?|departs?)\s+(?:significantly\s+)?from"
        rf"|(?:greater|higher|larger|bigger|more|less|lower|smaller) than){_SEP}"
        rf"(?:the |a |an )?(?:[A-Za-z-]+\s+){{0,3}}?{NUM}(?!\s*[%/])",
        lambda value, percent: None if percent else value,
    ),
    (  # "signed-rank test against a median of 60", "t-test vs a hypothesised mean of 5.2"
        "mu",
        rf"\b(?:against|versus|vs\.?|to|from|with)\s+(?:a|the|an)\s+(?:hypothesi[sz]ed\s+|reference\s+|null\s+"
        rf"|population\s+|true\s+|national\s+|published\s+|known\s+|target\s+|expected\s+|overall\s+)?"
        rf"(?:median|mean|value|location|figure|average|benchmark|norm)\s*(?:of|=|:)?\s*{NUM}(?!\s*[%/])",
        lambda value, percent: None if percent else value,
    ),
    (  # "is the mean below 3500 g?", "does the median exceed 40": the value the mean is tested against
        "mu",
        rf"\b(?:mean|median|average)\s+(?:[\w-]+\s+){{0,2}}?(?:is\s+|was\s+|lies\s+|falls\s+)?(?:below|above|under"
        rf"|over|exceeds?|less than|greater than|more than|higher than|lower than|different (?:from|than))\s+{NUM}"
        r"(?!\s*[%/])",
        lambda value, percent: None if percent else value,
    ),
    (  # "is the mean different from the modern value? in the same coding that's 792.458"
        "mu",
        rf"(?:differ\w*|deviat\w*|depart\w*)\s+(?:significantly\s+)?from\b[^\d\n]{{0,60}}?{NUM}(?!\s*[%/])",
        lambda value, percent: None if percent else value,
    ),
    (
        "mu",
        rf"\b(?:h0|h_0|null hypothesis|null)\b[^.?!\n=]{{0,30}}?(?:=|equals?|is)\s*{NUM}(?!\s*[%/])",
        lambda value, percent: None if percent else value,
    ),
    (
        "mu",
        rf"\bcompar\w*\s+(?:[\w-]+\s+){{0,4}}?(?:against|to|with)\s+(?:the\s+|a\s+)?{NUM}(?!\s*[%/])",
        lambda value, percent: None if percent else value,
    ),
    (  # "t test that the mean difference is > 0", "signed-rank test of median return = 0": the null hypothesis
        "mu",
        rf"\btest\w*\s+(?:of|that|whether|if)\s+(?:the\s+)?(?:[\w-]+\s+){{0,3}}?(?:mean|median|location)"
        rf"(?:\s+[\w-]+){{0,2}}?\s*(?:is|equals?)?\s*(?:>=|<=|==|=|>|<|≥|≤|≠|!=)?\s*{NUM}(?!\s*[%/])",
        lambda value, percent: None if percent else value,
    ),
    (  # "signed-rank vs 50", but not "0.20 vs 0.10" (a pair of proportions)
        "mu",
        # not "against 1,551 of the 3,952": a count out of a total
        # nor "crew vs 3rd class", "0.60 on placebo vs 0.47 on thiotepa", "62 among … vs 248 among …": a group
        rf"(?<![\d%] )(?<![\d%])(?:\bvs\.?|\bversus|\bagainst)[ \t]+{NUM}(?![A-Za-z])"
        rf"(?![ \t]*[%/]|[ \t]*(?:and|vs|,[ \t]*\d)|[ \t]+(?:of|out of|on|among|in|for|with)[ \t])",
        lambda value, percent: value,
    ),
    (
        "n_per_group",
        rf"{NUM}\s+(?:[A-Za-z]+\s+){{0,2}}?(?:per|in each|each|/)\s*"
        r"(?:group|arm|condition|cohort|diet|treatment|dose|level|strain|genotype|site|cent(?:er|re)|clinic|school|cage)",
        _positive(1e7),
    ),
    ("n_per_group", rf"\bn[_ ]?[12]\s*=\s*(?:n[_ ]?[12]\s*=\s*)?{NUM}", _positive(1e7)),
    (
        "n_per_group",
        # not "N = 1 minus N = 0", the codes of a column named N set against each other
        rf"(?<!minus )(?<!vs )(?<!versus )(?:\bn\s*=|(?:sample|group) size\s*(?:of|=|:|is)?|groups? of)\s*{NUM}"
        r"(?!\s*(?:total|in total|overall))(?!\s*(?:minus|vs\.?|versus|-)\s*n\s*=)",
        _positive(1e7),
    ),
    ("n_total", rf"{NUM}\s+(?:[A-Za-z]+\s+){{0,2}}?(?:in total|total|altogether|overall)", _positive(1e7)),
    ("n_total", rf"total (?:sample size |n |of )?(?:of |=\s*)?{NUM}", _positive(1e7)),
    ("p1", rf"\bp[_ ]?1\s*(?:=|:|of|is)\s*{NUM}{PCT}", _fraction(0, 1)),
    ("p2", rf"\bp[_ ]?2\s*(?:=|:|of|is)\s*{NUM}{PCT}", _fraction(0, 1)),
]
_COMPILED = [(key, re.compile(pattern, _FLAGS), convert) for key, pattern, convert in _PATTERNS]
_PROPORTION_PAIRS = [
    re.compile(
        rf"(?:from|of)\s+{NUM}{PCT}\s+(?:[A-Za-z ,]{{0,40}}?\s)?(?:to|vs\.?|versus|and|compared (?:to|with))"
        rf"\s+(?:[A-Za-z ]{{0,20}}?\s)?(?P<num2>\d*\.?\d+)(?P<pct2>\s?%|\s?percent)?",
        _FLAGS,
    ),
    re.compile(
        rf"{NUM}{PCT}\s*(?:vs\.?|versus|compared (?:to|with)|and|to)\s*(?P<num2>\d*\.?\d+)(?P<pct2>\s?%)?", _FLAGS
    ),
    # "31 of 99 died (0.31). a new regimen might cut that to 0.20": a rate, then the change hoped for
    re.compile(
        rf"{NUM}{PCT}[^\d\n]{{0,60}}?\b(?:cut|cuts|reduce[sd]?|lower(?:s|ed)?|drop(?:s|ped)?|bring(?:s)?|halve[sd]?"
        rf"|raise[sd]?|increase[sd]?|improve[sd]?|push(?:es)?)\s+(?:it|that|this|the\s+\w+(?:\s+(?:rate|risk))?)"
        rf"\s+(?:down\s+|up\s+)?to\s+(?:about\s+|around\s+|roughly\s+)?(?P<num2>\d*\.?\d+)(?P<pct2>\s?%)?",
        _FLAGS,
    ),
]
# "15% in control vs 10% with treatment", "0.25 in the control arm and 0.40 in the intervention arm":
# a few words between two proportions, read only when the wording is about rates or proportions
_WORDY_PAIR = re.compile(
    rf"{NUM}(?P<pct>\s?%)?(?:[ \t]+[A-Za-z-]+){{0,5}}?[ \t]*,?[ \t]*(?:vs\.?|versus|compared (?:to|with)|to|and)"
    rf"[ \t]+(?:[A-Za-z-]+[ \t]+){{0,5}}?(?P<num2>\d*\.?\d+)(?P<pct2>\s?%)?",
    _FLAGS,
)
_PERCENT = re.compile(r"(?<![\w.])(?P<num>\d+(?:\.\d+)?)\s?%(?!-?\s*points?)")
# "for 80% and for 90% power", "power of 80% or 90%": every one of these is a power, never a proportion
_POWERS = re.compile(
    r"(?<![\w.])\d+(?:\.\d+)?\s?%(?=(?:\s*(?:,|and|or|&)\s*(?:for\s+|at\s+)?\d+(?:\.\d+)?\s?%)*\s*(?:statistical\s+)?power)"
    r"|\bpower\s*(?:of|=|:|at)?\s*\d+(?:\.\d+)?\s?%(?:\s*(?:,|and|or|&)\s*(?:for\s+|at\s+)?\d+(?:\.\d+)?\s?%)+",
    _FLAGS,
)


# settings every recipe takes one value of: a second, different one means the request is ambiguous
_SINGLE_VALUED = frozenset({"alpha", "conf_level", "sd", "effect_size", "delta", "p1", "p2", "power"})
# "alpha 0.05 and at 0.01", "90% or 80% power", "power 0.8 / 0.9": a setting's further values listed after it
_LISTED = frozenset({"alpha", "power", "conf_level"})
_FURTHER = re.compile(  # "alpha = 0.05? and at 0.01?": a question mark between them too
    rf"[ \t]*(?:[?!][ \t]*)?(?:,|and|or|&|/|vs\.?)(?:[ \t]*(?:and|or))?[ \t]*(?:(?:also|too|again)[ \t]+)?"
    rf"(?:(?:at|for|with|then)[ \t]+)?"
    rf"(?:(?:the|a)[ \t]+)?"
    rf"{NUM}{PCT}(?![ \t]*(?:per|in each|each)\b)",
    _FLAGS,
)
_EARLIER = re.compile(rf"{NUM}{PCT}[ \t]*(?:,|and|or|&|/)(?:[ \t]*(?:and|or))?[ \t]*(?:(?:at|for)[ \t]+)?\Z", _FLAGS)


def parse_scalars(text: str, proportions_wanted: bool) -> ScalarParse:
    # "different from zero": the word becomes a digit padded to the same length, so offsets still hold
    text = re.sub(r"\bzero\b", "0   ", text, flags=re.IGNORECASE)
    found = ScalarParse()
    for key, pattern, convert in _COMPILED:
        for match in pattern.finditer(text):
            start, end = match.span("num")
            if not found.free(start, end):
                continue
            value = convert(number(match.group("num")), bool(match.groupdict().get("pct")))
            if key in found.values:
                if value is not None and value != found.values[key] and key in _SINGLE_VALUED:
                    found.conflicts.append(f"{key.replace('_', ' ')} {found.values[key]:g} and {value:g}")
                    found.others.append((key, value, (start, end)))
                    found.spans.append((start, end))
                continue
            if value is not None:
                found.values[key] = value
                found.spans.append((start, end))
                found.where[key] = (start, end)
                if key in _LISTED:
                    _further_values(text, key, convert, match, found)
    _verbal_effect_size(text, found)
    _default_alpha_too(text, found)
    _settle_power_and_totals(found)
    _settle_time_unit(text, found)
    if "p1" not in found.values:
        _two_proportions(text, found, loose=proportions_wanted)
    return found


_ALSO_BEFORE = re.compile(
    r"\b(?:also|as well|and at|and for|additionally)\b(?:[^.?!\n]|\.(?=\w)){0,20}$", re.IGNORECASE
)
DEFAULT_ALPHA = 0.05


def _default_alpha_too(text: str, found: ScalarParse) -> None:
    """ "what power with 16 per arm? also at sig.level 0.01": the usual 0.05 is asked as well as the one written."""
    where = found.where.get("alpha")
    if where is None or found.values["alpha"] == DEFAULT_ALPHA or "alpha" in {key for key, _, _ in found.others}:
        return
    if _ALSO_BEFORE.search(text[max(0, where[0] - 40) : where[0]]):
        found.conflicts.append(f"alpha {DEFAULT_ALPHA:g} and {found.values['alpha']:g}")
        found.others.append(("alpha", DEFAULT_ALPHA, where))


def _further_values(text: str, key: str, convert: Converter, match: re.Match[str], found: ScalarParse) -> None:
    """The values listed right after a setting's first one, each converted as the first was: a design asked
    at each of them (the plan runs it once per value)."""
    percent = bool(match.groupdict().get("pct"))
    cursor = match.end("pct") if percent else match.end("num")
    while (more := _FURTHER.match(text, cursor)) is not None and _another_value(key, convert, more, percent, found):
        cursor = more.end()
    cursor = match.start()  # "80% / 90% power": values listed before the one the setting's words sit beside
    while (more := _EARLIER.search(text[:cursor])) is not None and _another_value(key, convert, more, percent, found):
        cursor = more.start()


def _another_value(key: str, convert: Converter, more: re.Match[str], percent: bool, found: ScalarParse) -> bool:
    """A further value written as the first was (both percentages, or neither) and not another setting's own
    ("d = 0.8, 90% power": 0.8 is d, not a power)."""
    value = convert(number(more.group("num")), bool(more.group("pct")))
    if not found.free(*more.span("num")) or value is None or bool(more.group("pct")) != percent:
        return False
    before = more.string[max(0, more.start("num") - 12) : more.start("num")]
    if re.search(r"[=:~]\s*$|\b[A-Za-z]\s*$|\b(?:of|is|was|by|about|around)\s*$", before, re.IGNORECASE):
        return False  # "d = 0.8, 90% power", "a difference of 3, alpha 0.05": the value of another setting
    if value in (found.values[key], *(v for k, v, _ in found.others if k == key)):
        return False
    found.conflicts.append(f"{key.replace('_', ' ')} {found.values[key]:g} and {value:g}")
    found.others.append((key, value, more.span("num")))
    found.spans.append(more.span("num"))
    return True


def _settle_power_and_totals(found: ScalarParse) -> None:
    beta = found.values.pop("beta", None)
    if beta is not None and "power" not in found.values:
        found.values["power"] = 1 - beta
        found.where["power"] = found.where.pop("beta")
    total = found.values.pop("n_total", None)
    if total is not None and "n_per_group" not in found.values:
        found.values["n_per_group"] = total / 2
        found.where["n_per_group"] = found.where.pop("n_total")
        found.notes.append(f"read a total of {total:g} as {total / 2:g} per group (two equal groups)")


_CONVERTED = re.compile(
    rf"[ \t-]*(?:years?|yrs?|y|months?|mo|weeks?|wks?)?\s*\(\s*{NUM}\s*"
    r"(?:h|hrs?|hours?|d|days?|weeks?|wks?|months?|mo)\s*\)",
    _FLAGS,
)
_VERBAL_EFFECT = re.compile(r"\b(small|medium|moderate|large)\s+(?:standardi[sz]ed\s+)?effect(?:\s*size)?", _FLAGS)
_COHEN_CONVENTIONS = {"small": 0.2, "medium": 0.5, "moderate": 0.5, "large": 0.8}


def _verbal_effect_size(text: str, found: ScalarParse) -> None:
    """ "a medium effect": Cohen's conventional d (0.2, 0.5, 0.8) when no number was given."""
    match = _VERBAL_EFFECT.search(text)
    if match and "effect_size" not in found.values and "delta" not in found.values:
        found.values["effect_size"] = _COHEN_CONVENTIONS[match.group(1).lower()]
        found.notes.append(
            f"read {match.group(0)!r} as Cohen's d = {found.values['effect_size']:g} (Cohen's conventions)"
        )


def _settle_time_unit(text: str, found: ScalarParse) -> None:
    """ "2 years (730 days)": the converted time the request wrote wins; "1-year survival" with follow-up
    written in months means survival at 12 months."""
    where = found.where.get("time_point")
    if where is not None:
        converted = _CONVERTED.match(text, where[1])
        if converted:
            found.values["time_point"] = number(converted.group("num"))
            found.where["time_point"] = converted.span("num")
            return
    match = re.search(rf"{NUM}[- ]?(?:year|yr)s?\s+\w*\s*surviv", text, _FLAGS)
    if match and "time_point" in found.values and re.search(r"\bmonths?\b", text, _FLAGS):
        found.values["time_point"] = number(match.group("num")) * 12
        found.notes.append(f"read {match.group(0).strip()} as {found.values['time_point']:g} months")


def _two_proportions(text: str, found: ScalarParse, loose: bool) -> None:
    """ "from 30% to 45%", "0.30 vs 0.45"; with ``loose`` (the wording is about rates), wordier pairs too."""
    for pattern in [*_PROPORTION_PAIRS, *([_WORDY_PAIR] if loose else [])]:
        for match in pattern.finditer(text):
            if not (found.free(*match.span("num")) and found.free(*match.span("num2"))):
                continue
            percents = bool(match.group("pct")), bool(match.group("pct2"))
            first = _fraction(0, 1, False)(number(match.group("num")), percents[0])
            second = _fraction(0, 1, False)(float(match.group("num2")), percents[1])
            if percents[0] == percents[1] and first is not None and second is not None and first != second:
                found.values.update(p1=first, p2=second)
                found.spans += [match.span("num"), match.span("num2")]
                found.where.update(p1=match.span("num"), p2=match.span("num2"))
                return
    powers = [m.span() for m in _POWERS.finditer(text)]
    percentages = [
        m
        for m in _PERCENT.finditer(text)
        if found.free(*m.span("num")) and not any(a <= m.start() < b for a, b in powers) and not _in_a_row(text, m)
    ]
    if loose and len(percentages) == 2:
        first, second = (number(m.group("num")) / 100 for m in percentages)
        if 0 < first < 1 and 0 < second < 1 and first != second:
            found.values.update(p1=first, p2=second)
            found.where.update(p1=percentages[0].span("num"), p2=percentages[1].span("num"))
            found.notes.append(f"read the two percentages as proportions {first:g} and {second:g}")


_SIZE = r"(?P<{}>\d+)(?!\d|\.\d)"
_PER_GROUP = re.compile(
    rf"\bn\s*=\s*{_SIZE.format('num')}(?=\s*(?:per|in each|each|/|\)|,|\.|;|:|—|–|\?|$))"
    rf"|{_SIZE.format('num2')}(?=\s+(?:[A-Za-z]+\s+){{0,2}}?(?:per|in each|each|/)\s*(?:group|arm|condition|cohort"
    r"|(?:[A-Za-z]+\s+)?(?:method|treatment|intervention)))"  # "22 kids per teaching method"
    # "with 150 and 250 per arm", "10, 20 or 30 per group": the sizes listed before the last one
    rf"|{_SIZE.format('num3')}(?=(?:(?:\s*,\s*|\s+(?:and|or|&)\s+)(?:with\s+)?\d+(?!\d))++\s+(?:[A-Za-z]+\s+){{0,2}}?"
    rf"(?:per|in each|each)\s*(?:group|arm|condition|cohort))"
    # "… with 12 attempts per group? & with 20?": a size asked again, bare, after one read with its unit
    rf"|(?:[?.,;]|\s)\s*(?:&|and|or|what about|how about)\s+(?:with\s+)?(?:n\s*=\s*)?{_SIZE.format('again')}"
    rf"(?=\s*(?:\?|$|\.\s|\.$))",
    _FLAGS,
)


def _in_a_row(text: str, match: re.Match[str]) -> bool:
    """A cell of a pasted table ("Female\t341\t24\t7.0%"): the data's own percentage, not a design's."""
    line = text[text.rfind("\n", 0, match.start()) + 1 : (text.find("\n", match.end()) + 1 or len(text) + 1) - 1]
    return any(line.count(delimiter) >= 2 for delimiter in ("\t", ";", "|"))


def per_group_sizes(text: str) -> list[tuple[float, tuple[int, int]]]:
    """Every group size a design question asks about: "with 20 per group, and with 30 per group", "n = 15 … n = 10"."""
    found: list[tuple[float, tuple[int, int]]] = []
    for match in _PER_GROUP.finditer(text):
        key = next(name for name in ("num", "num2", "num3", "again") if match.group(name))
        if key == "again" and not found:
            continue  # a bare "and 20?" is a size only after a size written as one
        value = float(match.group(key))
        if value >= 2 and value not in {v for v, _ in found}:
            found.append((value, match.span(key)))
    return found


_MORE_TIMES = re.compile(
    rf"\s*(?:[A-Za-z]{{1,6}}\.?)?\)?\s*(?:,|and|&|or)\s*(?:at\s+|S\(\s*)?(?:t\s*=\s*)?"
    rf"(?:(?:day|week|month|year)s?\s+)?{NUM}",
    _FLAGS,
)


def time_points(text: str, first: float | None, where: tuple[int, int] | None) -> list[tuple[float, tuple[int, int]]]:
    """Every time a survival probability is asked at: "at 10 wks and 20 wks", "S(26) and S(52)"."""
    if first is None or where is None:
        return []
    found = [(first, where)]
    cursor = where[1]
    while (more := _MORE_TIMES.match(text, cursor)) is not None:
        converted = _CONVERTED.match(text, more.end())  # "and 3 years (1095 d)": the time in the data's unit
        taken = converted or more
        found.append((number(taken.group("num")), taken.span("num")))
        cursor = taken.end()
    return found
