"""From a request to an analysis decision: run exactly what was asked, or decline and say why.

``plan_analysis`` reads the data (``analysis.reading``) and the contract (``analysis.contract``), fits
the recipes, and decides:

* ``planned``: the recipes to run, which implement every analysis the request named (or, when it
  named none, the one its data and wording imply), oriented as asked ("B minus A", "A as reference");
* ``declined``: with a reason that names what is missing or contradictory ("a log-rank test needs at
  least two groups of survival times; I read one group (Group A: 10 times, 7 events)");
* ``none``: the message has no data and asks for no computation (a methods question).

An explicitly named analysis is never replaced by another and never left to a model's tie-break;
leftover numbers that look like data (see ``analysis.accounting``) decline rather than guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from pydantic import ValidationError

from analysis.accounting import UNREAD_SETTING, Accounting, Sizes, Unused, account
from analysis.contract import Contract, Mention, read_contract
from analysis.model import Explained, ParsedRequest, Table
from analysis.orient import orient, unplaced_order, with_compared_tables
from analysis.reading import parse_request
from analysis.reading.labels import group_counts_said
from analysis.reading.lexer import tokens
from analysis.reading.survival import named_covariates, survival_groups
from analysis.recipes import RECIPES, RecipeCall, candidates
from analysis.recipes.design import PROPORTIONS_POWER, PROPORTIONS_SAMPLE_SIZE, T_POWER, T_SAMPLE_SIZE

Status = Literal["planned", "declined", "none"]
CLEAR_LEAD = 0.2  # a fit this far ahead of the runner-up needs no model to break the tie
_COMPUTE = re.compile(
    r"\b(?:run|compute|calculate|calc|do|perform|give me|get me|test (?:whether|if)|estimate|fit|what(?:'s| is) the"
    r" (?:p|p-value|hr|or|rr|hazard|odds|median|correlation|power|sample size|n)|can you|could you|please|pls"
    r"|(?:i|we) (?:need|want|would like)|need (?:the|a|an)|report|reproduce)\b"
    # an R model or test call written out: "survreg(Surv(futime, death) ~ year)", "t.test(x, mu = 5)"
    r"|\b(?:lm|glm|coxph|survreg|survdiff|survfit|aov|anova|lmer|glmer|gee|t\.test|wilcox\.test|chisq\.test"
    r"|fisher\.test|cor\.test|kruskal\.test|mcnemar\.test|prop\.test|power\.\w+)\s*\("
    r"|\b[A-Za-z_.][\w.]*\s*~\s*[A-Za-z_.][\w.]*",  # a model formula: "hgb ~ sex + age"
    re.IGNORECASE,
)
# a data set named instead of pasted: "MASS::fgl", "the warpbreaks data", "in the lung data"
_NAMED_DATA_SET = re.compile(
    r"\b[A-Za-z][\w.]*::[A-Za-z][\w.]*|\bthe \w+ package(?:'s)? (?:data ?set|data)\b"
    r"|\b(?:data\(\s*)?(?P<name>mtcars|iris|warpbreaks|toothgrowth|sleep|plantgrowth"
    r"|insectsprays|chickwts|airquality|warp ?breaks|esoph|infert|lung|veteran|ovarian|colon|kidney|aml|pbc"
    r"|retinopathy|cgd|gbsg"
    r"|rotterdam|heart|melanoma|birthwt|pima(?:\.t[er])?|anorexia|cats|survey|boston|cars93|swiss|usarrests"
    r"|orange|loblolly|indometh|morley|orchardsprays|caith|quine|whiteside|nhanes)\b(?:\s+(?:data(?:\s?set)?|dataset))?",
    re.IGNORECASE,
)
# designs the sample-size recipes do not cover: a within-subject difference, one sample, more than two groups…
_OTHER_DESIGN = re.compile(
    r"\b(?:crossover|cross-over|within[- ]subject|paired|each (?:subject|patient|participant) (?:gets|receives)"
    r"|one[- ]sample|single[- ](?:arm|group|sample)|non[- ]?inferiority|equivalence|cluster|three (?:groups|arms)|anova"
    r"|log[- ]?rank|hazard ratio|time[- ]to[- ]event|survival|mcnemar|correlation|regression)\b",
    re.IGNORECASE,
)
# a paste that stops before its end: "(continued)", "...", an open bracket left at the end of the data
_CUT_OFF = re.compile(
    r"\((?:continued|cont'?d?\.?|truncated|more (?:below|later|to come)|cut off|to be continued)\)"
    r"|\b(?:paste|send|post|add) (?:you )?the rest\b"
    r"|\brest (?:to follow|later|in (?:the |my )?next (?:message|msg|post))"
    r"|more rows to follow|\b(?:first|second) half\b[^.\n]{0,20}\brest\b"
    r"|\b(?:continued|truncated|cut off)\s*$|\d\s*(?:\.\.\.|…)\s*$|\(\s*-?\d+(?:\.\d+)?\s*,\s*-?\d*\.?\d*\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_METHODS_QUESTION = re.compile(
    r"\b(?:how (?:do|should|would|can) (?:i|we|you)|when (?:should|to|do)|why|which (?:test|method|one)"
    r"|is it (?:ok|okay|valid|appropriate|right)|should (?:i|we)|what(?:'s| is) the difference|difference between"
    r"|explain|appropriate|valid|assumptions?|interpret|reference for|cite|literature|papers?)\b"
    r"|\b(?:ok|okay|enough|right|correct|fine|legit)\s*\?",
    re.IGNORECASE,
)


@dataclass
class AnalysisPlan:
    """What to run (or why not), with what was asked, the data as read and the numbers left over."""

    status: Status
    requested: str
    calls: list[RecipeCall] = field(default_factory=list)
    alternatives: list[RecipeCall] = field(default_factory=list)  # tried if the first fails (same contract)
    tie: list[RecipeCall] = field(default_factory=list)  # close options a model may choose between
    reason: str = ""
    unused: tuple[Unused, ...] = ()
    notes: list[str] = field(default_factory=list)
    parsed: ParsedRequest | None = None

    @property
    def named(self) -> bool:
        return bool(self.requested) and not self.requested.startswith("not named")


def _cut_off(text: str) -> str:
    """The first sign the paste stops early, as written; a bracket that R's dput() wrapped and closed later is
    not one."""
    for match in _CUT_OFF.finditer(text):
        rest = text[match.start() :]
        if not match.group().startswith("(") or rest.count("(") > rest.count(")"):
            return match.group()
    return _short_last_row(text)


_PROSE = re.compile(r"[A-Za-z]{2,}[ ]+[A-Za-z]{2,}")


def _short_last_row(text: str) -> str:
    """The message ends inside a row: its last line has fewer delimited cells than the rows above ("…\n1456,",
    "…\n76,F" under "time,event,group")."""
    lines = text.rstrip().splitlines()[-3:]
    if len(lines) < 3 or not all(line.strip() for line in lines) or _PROSE.search(lines[-1]):
        return ""  # a sentence after the data ("t test of hgb, M minus F") is not a row
    *above, last = lines
    for delimiter in (",", ";", "\t"):
        cells = {line.count(delimiter) for line in above}
        if len(cells) == 1 and 0 < last.count(delimiter) < cells.pop():
            return last
    return ""


def plan_analysis(text: str, *, truncated: bool = False) -> AnalysisPlan:
    parsed = parse_request(text)
    contract = read_contract(parsed.text)
    asked = contract.describe()
    cut = _cut_off(parsed.text)
    if (truncated or cut) and (parsed.has_data or contract.named):
        where = f"the data look cut off ({cut.strip()!r})" if cut else "your message was cut before its end"
        reason = f"{where}, so I would be analysing part of the data; paste the rest (or attach it as a file)"
        return AnalysisPlan("declined", asked or "an analysis of the pasted data", reason=reason, parsed=parsed)
    parsed = with_compared_tables(parsed, contract)
    contradiction = next((t.contradiction for t in parsed.tables if t.contradiction), "")
    if contradiction:
        reason = contradiction
        return AnalysisPlan("declined", asked or "an analysis of the pasted table", reason=reason, parsed=parsed)
    if parsed.conflicting_settings and _has_design(parsed) and not parsed.has_data:
        return _once_per_value(parsed, contract)
    if parsed.conflicting_settings:
        given = "; ".join(parsed.conflicting_settings)
        reason = f"one setting is given two values ({given}), and I run one analysis per setting; ask once per value"
        return AnalysisPlan("declined", asked or "an analysis of the pasted data", reason=reason, parsed=parsed)
    return _plan_read(parsed, contract)


def _plan_read(parsed: ParsedRequest, contract: Contract) -> AnalysisPlan:
    """The plan for a request read whole, without contradictions or settings given twice."""
    options = candidates(parsed)
    data_set = _NAMED_DATA_SET.search(parsed.text)
    if (
        contract.named
        and data_set
        and not (parsed.has_data or _has_design(parsed))
        and not _METHODS_QUESTION.search(parsed.text)
    ):
        reason = (
            f"you name the data ({data_set.group().strip()!r}) but I analyse only data pasted in the message or "
            "attached to it; paste the columns to analyse"
        )
        if contract.unsupported:
            first = contract.unsupported[0]
            reason += f", and I have no vetted recipe for {first.term.title} ({first.text!r})"
        return AnalysisPlan("declined", contract.describe(), reason=reason, parsed=parsed)
    if contract.named and (parsed.has_data or _has_design(parsed) or _asks_computation(parsed)):
        plan = _named(parsed, contract, options)
    elif contract.named or not (parsed.has_data or _has_design(parsed) or options):
        return AnalysisPlan("none", "", parsed=parsed)
    else:
        plan = _implied(parsed, contract, options)
    return _checked(plan, parsed, contract)


def _once_per_value(parsed: ParsedRequest, contract: Contract) -> AnalysisPlan:
    """A design question asked at two values of one setting ("alpha 0.01, and what at 0.05?", "p2 = 0.34 …
    same for 0.36"): the design once per value, each checked alone; two settings varied at once decline."""
    asked = contract.describe() or "a design calculation"
    keys = {key for key, _, _ in parsed.other_values}
    if len(keys) != 1:
        reason = f"two settings are each given two values ({'; '.join(parsed.conflicting_settings)}); ask once per pair"
        return AnalysisPlan("declined", asked, reason=reason, parsed=parsed)
    key = keys.pop()
    values = [(parsed.scalars[key], parsed.scalar_spans[key])] + [(v, s) for k, v, s in parsed.other_values]
    plans = []
    for value, span in values:
        aside = tuple(Explained(s, f"another value of {key}, run on its own") for v, s in values if s != span)
        single = replace(
            parsed,
            scalars={**parsed.scalars, key: value},
            scalar_spans={**parsed.scalar_spans, key: span},
            conflicting_settings=(),
            other_values=(),
            explained=(*parsed.explained, *aside),
        )
        plans.append(_plan_read(single, contract))
    declined = next((plan for plan in plans if plan.status != "planned"), None)
    if declined is not None:
        return declined
    if len({tuple((call.name, call.args.model_dump_json()) for call in plan.calls) for plan in plans}) < len(plans):
        reason = f"{key.replace('_', ' ')} is given two values, but the design I can compute does not use it"
        return AnalysisPlan("declined", asked, reason=reason, parsed=parsed)
    shown = ", ".join(f"{value:g}" for value, _ in values)
    notes = [f"Run once per value of {key.replace('_', ' ')}: {shown}."]
    calls = [call for plan in plans for call in plan.calls]
    return AnalysisPlan("planned", asked, calls=calls, notes=notes, parsed=parsed)


def _has_design(parsed: ParsedRequest) -> bool:
    return bool({"effect_size", "delta", "p1", "n_per_group"} & set(parsed.scalars))


def _asks_computation(parsed: ParsedRequest) -> bool:
    """A request to compute: the words ask for it, or numbers sit beside a named test, in a message that is
    not a methods question ("is a t-test ok here?")."""
    if _METHODS_QUESTION.search(parsed.text):
        return False
    settings = set(parsed.scalar_spans.values())
    loose = [t for t in tokens(parsed.text) if (t.start, t.end) not in settings and not 1900 <= t.value <= 2100]
    return bool(_COMPUTE.search(parsed.text)) or len(loose) >= 2


def _named(parsed: ParsedRequest, contract: Contract, options: list[RecipeCall]) -> AnalysisPlan:
    """Only recipes that implement what was named; every named analysis covered, or said why not."""
    asked = contract.describe()
    unsupported = contract.unsupported
    if unsupported:  # "multivariable Cox", "Welch's ANOVA": the unsupported part qualifies the rest, never dropped
        first_mentions: dict[str, Mention] = {}
        for mention in unsupported:
            first_mentions.setdefault(mention.term.key, mention)
        reason = "; ".join(f"I have no vetted recipe for {m.term.title} ({m.text!r})" for m in first_mentions.values())
        return AnalysisPlan("declined", asked, reason=reason, parsed=parsed)
    supported = {m.term.key for m in contract.named if m.term.supported}
    other_design = _OTHER_DESIGN.search(parsed.text) if supported & {"sample_size", "power"} else None
    if other_design:
        reason = (
            "I can size or power only a comparison of two independent groups (two-sample t-test) or of two "
            f"proportions; this design is {other_design.group().strip()!r}, which no vetted recipe covers"
        )
        return AnalysisPlan("declined", asked, reason=reason, parsed=parsed)
    covariates = named_covariates(parsed) if supported & {"cox", "hazard_ratio"} else []
    if len(covariates) > 1:
        names = " and ".join(repr(item.label) for item in covariates)
        reason = (
            f"you name {names}, covariates together, but my Cox recipes take one covariate (a group or one "
            "measured column); a multivariable Cox model is not a vetted recipe yet"
        )
        return AnalysisPlan("declined", asked, reason=reason, parsed=parsed)
    eligible = [o for o in options if o.recipe.implements & supported and _honours(o, contract)]
    chosen: list[RecipeCall] = []
    remaining = set(supported)
    while remaining:
        best = max(
            eligible,
            key=lambda o: (len(o.recipe.implements & remaining), o.recipe.headline in supported, o.score),
            default=None,
        )
        if best is None or not best.recipe.implements & remaining:
            break
        chosen.append(best)
        remaining -= best.recipe.implements
    missing = [_cannot(parsed, key, contract) for key in sorted(remaining)]
    if not chosen:
        reason = "; ".join(dict.fromkeys(missing)) or "no recipe I have computes what was asked"
        return AnalysisPlan("declined", asked, reason=reason, parsed=parsed)
    alternatives = [o for o in eligible if o not in chosen and o.recipe.implements & chosen[0].recipe.implements]
    notes = [f"Not run: {why}." for why in dict.fromkeys(missing)]
    return AnalysisPlan("planned", asked, calls=chosen, alternatives=alternatives, notes=notes, parsed=parsed)


def _honours(option: RecipeCall, contract: Contract) -> bool:
    """The recipe computes the variant asked: a t-test "assuming equal variances" is Student's, not Welch's."""
    if not _honours_name(option.name, contract):
        return False
    avoided = {m.term.key for m in contract.avoided}
    return not (avoided and option.recipe.implements <= avoided | {"t_test", "two_sample_t_test", "correlation"})


def _cannot(parsed: ParsedRequest, key: str, contract: Contract) -> str:
    """ "a log-rank test needs survival times … for at least two groups; I read one group (…)"."""
    implementing = [r for r in RECIPES.values() if key in r.implements and _honours_name(r.name, contract)]
    title = next(m.term.title for m in contract.named if m.term.key == key)
    needs = " or ".join(dict.fromkeys(r.needs for r in implementing[:2] if r.needs)) or "data I could not find"
    return f"{title} needs {needs}; {describe_reading(parsed)}"


def _honours_name(name: str, contract: Contract) -> bool:
    """Equal or unequal variances qualify a comparison of two independent groups, never a paired design."""
    variance = contract.variants.get("variance")
    named = {m.term.key for m in contract.named}
    within = name in ("paired_t_test", "one_sample_t_test") and name not in named
    return not (
        (variance == "equal" and name == "welch_t_test")
        or (variance == "unequal" and name == "student_t_test")
        or (variance is not None and within)
    )


def _implied(parsed: ParsedRequest, contract: Contract, options: list[RecipeCall]) -> AnalysisPlan:
    """No analysis named: the one the data and wording point to, said as such; a close call goes to a model."""
    options = [o for o in options if _honours(o, contract)]
    if not options:
        reason = f"no analysis I have fits what I read; {describe_reading(parsed)}. Name the test you want"
        return AnalysisPlan("declined", "an analysis of the pasted data (no test named)", reason=reason, parsed=parsed)
    top = options[0]
    tie = [o for o in options[:4] if top.score - o.score < CLEAR_LEAD] if len(options) > 1 else []
    requested = f"not named; the data and wording point to {top.recipe.title}"
    alternatives = [o for o in options[1:] if o.recipe.implements & top.recipe.implements]
    return AnalysisPlan(
        "planned", requested, calls=[top], alternatives=alternatives, tie=tie if len(tie) > 1 else [], parsed=parsed
    )


def with_choice(plan: AnalysisPlan, call: RecipeCall) -> AnalysisPlan:
    """The plan with a model's tie-break choice in first place, checked like the parser's own choice."""
    if plan.parsed is None or (plan.calls and call.name == plan.calls[0].name and call.args == plan.calls[0].args):
        return plan
    others = [c for c in [*plan.calls, *plan.alternatives] if c.name != call.name]
    requested = f"not named; of the close fits the model chose {call.recipe.title}"
    chosen = AnalysisPlan("planned", requested, calls=[call], alternatives=others, parsed=plan.parsed)
    return _checked(chosen, plan.parsed, read_contract(plan.parsed.text))


def _checked(plan: AnalysisPlan, parsed: ParsedRequest, contract: Contract) -> AnalysisPlan:
    """Orient the chosen calls as asked, then account for every number; data left over declines."""
    if plan.status != "planned":
        return plan
    oriented = [orient(call, contract) for call in plan.calls]
    plan.calls = [call for call, _ in oriented]
    plan.notes += [note for _, note in oriented if note]
    labels = [label for call in plan.calls for label in data_labels(call.args.model_dump())]
    unmet = _unmet_request(plan.calls, parsed, contract, labels)
    if unmet:
        return AnalysisPlan("declined", plan.requested, reason=unmet, parsed=parsed)
    accounting = account(parsed, [s for c in plan.calls for s in c.used], implied_sizes(plan.calls), labels)
    plan.unused = accounting.unused
    if accounting.misread:
        return _declined_misread(plan, accounting)
    return plan


def _unmet_request(calls: list[RecipeCall], parsed: ParsedRequest, contract: Contract, labels: list[str]) -> str:
    """Why running these calls would answer another question than the one asked; "" when they answer it."""
    contradicted = _sizes_said_beside(parsed, {span for call in calls for span in call.used})
    if contradicted:
        return contradicted
    two_sided_only = [c for c in calls if "one_sided" not in type(c.args).model_fields]
    if contract.variants.get("sides") == "one" and two_sided_only:
        return (
            f"you asked for a one-sided test, and my {two_sided_only[0].recipe.title} gives two-sided p-values only; "
            "ask for the two-sided test, or halve its p-value yourself when the effect goes the way you predicted"
        )
    other = (
        _another_table(calls, parsed)
        or _table_shape_miscounted(calls, parsed)
        or _groups_miscounted(calls, parsed)
        or _groups_by_a_cut(calls, parsed, labels)
        or _past_follow_up(calls)
        or _unequal_allocation(calls, parsed)
    )
    if other:
        return other
    asked = next((order for call in calls if (order := unplaced_order(call, contract))), "")
    if asked:  # running the default order would answer a different question than the one asked
        return (
            f"you asked for {asked!r}, but I cannot tell which of the groups I read ({', '.join(labels)}) is which; "
            "name them as the data do"
        )
    return ""


_DESIGN_RECIPES = {recipe.name for recipe in (T_SAMPLE_SIZE, T_POWER, PROPORTIONS_SAMPLE_SIZE, PROPORTIONS_POWER)}
_ALLOCATION = re.compile(
    r"\b(?P<a>\d+(?:\.\d+)?)\s*:\s*(?P<b>\d+(?:\.\d+)?)\s*(?:randomi[sz]\w*|allocat\w*|ratio|design)"
    r"|(?:randomi[sz]\w*|allocat\w*|ratio)\s*(?:of\s*)?(?P<c>\d+(?:\.\d+)?)\s*:\s*(?P<d>\d+(?:\.\d+)?)"
    r"|\b(?:unequal|uneven|unbalanced) (?:allocation|randomi[sz]ation|group sizes|arms)"
    r"|\b(?:twice|three times) as many",
    re.I,
)


def _unequal_allocation(calls: list[RecipeCall], parsed: ParsedRequest) -> str:
    """A design question for unequal arms ("2:1 randomisation"): the recipes size equal groups, and answering
    for 1:1 would plan a different trial."""
    if not any(call.recipe.name in _DESIGN_RECIPES for call in calls):
        return ""
    for match in _ALLOCATION.finditer(parsed.text):
        ratio = [match.group(k) for k in ("a", "b", "c", "d") if match.group(k)]
        if ratio and float(ratio[0]) == float(ratio[1]):
            continue  # "1:1 randomisation" is what the recipes assume
        return (
            f"you asked for unequal allocation ({match.group().strip()!r}), and my sample-size and power recipes "
            "assume two groups of equal size; ask for equal groups, or use a calculator that takes an allocation "
            "ratio (Stata's power with nratio(), for example)"
        )
    return ""


def _past_follow_up(calls: list[RecipeCall]) -> str:
    """Survival asked at a time after every subject's last follow-up: the Kaplan–Meier curve ends there, and
    carrying its last value forward would report a number the data cannot give (R's summary() refuses too)."""
    for call in calls:
        groups = getattr(call.args, "groups", None)
        asked = getattr(call.args, "time_points", [])
        if not groups or not asked:
            continue
        last = max(t for group in groups for t in group.times)
        beyond = [t for t in asked if t > last]
        if beyond:
            return (
                f"you asked for survival at {beyond[0]:g}, which is beyond the last follow-up time in the data "
                f"({last:g}); the Kaplan–Meier estimate is not defined past it"
            )
    return ""


def _another_table(calls: list[RecipeCall], parsed: ParsedRequest) -> str:
    """A table analysed while another whole table, apart from it, was pasted too: which one was meant is a
    guess, so it is asked, never made."""
    used = {span for call in calls for span in call.used}
    analysed = [table for table in parsed.tables if used & set(table.spans)]
    if not analysed:
        return ""
    taken = [_extent(table) for table in analysed]
    others = [table for table in parsed.tables if table.spans and _apart(table, taken)]
    if not others:
        return ""
    return (
        f"you pasted {len(others) + 1} tables and I cannot tell which one to analyse; paste only that one, or mark the "
        'others (for example "ignore" in the line above them)'
    )


_SHAPE_SAID = re.compile(r"(?<![\w.])(\d)\s*(?:x|×|by)\s*(\d)(?![\w.])", re.IGNORECASE)


def _table_shape_miscounted(calls: list[RecipeCall], parsed: ParsedRequest) -> str:
    """ "chi-square test (3x2)" over a table read as 3x3: the shape the request gives is the shape analysed."""
    said = {(int(r), int(c)) for r, c in _SHAPE_SAID.findall(parsed.text)}
    used = {span for call in calls for span in call.used}
    analysed = [table.shape for table in parsed.tables if used & set(table.spans)]
    if not said or len(analysed) != 1:
        return ""
    rows, cols = analysed[0]
    if (rows, cols) in said or (cols, rows) in said:
        return ""
    shown = " or ".join(f"{r}x{c}" for r, c in sorted(said))
    return f"you describe a {shown} table, but I read a {rows}x{cols} table from the data; paste only its cells"


def _groups_miscounted(calls: list[RecipeCall], parsed: ParsedRequest) -> str:
    """ "4 groups of 12 months" read as 12 groups of 4: the count the request gives is the count analysed."""
    said = group_counts_said(parsed.text)
    if len(said) != 1:
        return ""
    count = said.pop()
    for call in calls:
        groups = getattr(call.args, "groups", None)
        if isinstance(groups, list) and len(groups) != count:
            return f"you say {count} groups, but I read {len(groups)} from the data; paste one group per line or column"
    return ""


# not the direction of a difference: "F minus M < 0", "A - B > 0"
_CUT = re.compile(r"(?<!minus )(?<!- )(?<!-)(?<![\w.])(?P<name>[A-Za-z][\w.]*)[ \t]*(?:>=|=>|>|<=|=<|<)[ \t]*-?\d")
_NOT_A_VARIABLE = frozenset({"p", "alpha", "pvalue", "n", "df", "q", "fdr"})


def _groups_by_a_cut(calls: list[RecipeCall], parsed: ParsedRequest, labels: list[str]) -> str:
    """ "are accelerations larger for M >= 6 than M < 6?": groups formed by a cut-off on a column are not the
    columns compared side by side, and no reading forms them, so the comparison is declined."""
    compares = [
        c for c in calls if {"values_a", "values_b"} <= set(type(c.args).model_fields) or hasattr(c.args, "groups")
    ]
    if not compares:
        return ""
    words = {word for label in labels for word in re.findall(r"[a-z][\w.]*", label.lower())}
    for match in _CUT.finditer(parsed.text):
        name = match.group("name").lower()
        if name not in _NOT_A_VARIABLE and any(word.startswith(name) for word in words):
            return (
                f"you compare groups formed by a cut-off ({match.group().strip()!r}), and I do not split rows by a "
                "cut-off; paste the values of each group as its own list"
            )
    return ""


def _extent(table: Table) -> tuple[int, int]:
    """Where a table's cells begin and end in the message."""
    return min(a for a, _ in table.spans), max(b for _, b in table.spans)


def _apart(table: Table, extents: list[tuple[int, int]]) -> bool:
    lo, hi = _extent(table)
    return all(hi <= start or end <= lo for start, end in extents)


_SIZE_IN_LABEL = re.compile(r"\b[nN]\s*[=:]\s*(\d+)\b")


def _sizes_said_beside(parsed: ParsedRequest, used: set[tuple[int, int]]) -> str:
    """ "OJ (n=10): 15.2, 21.5, …" with nine values: a size written in a list's own label must be its length."""
    for item in parsed.lists:
        if not item.spans or item.column or not used & set(item.spans):
            continue
        first = item.spans[0][0]
        label = re.split(r"[;\n]|\.\s", parsed.text[:first])[-1]  # the list's own clause: "OJ (n=10): "
        said = _SIZE_IN_LABEL.search(label)
        count = len(item.values) + len(item.missing_at)
        if said and int(said.group(1)) != count:
            return (
                f"the {item.label!r} group is said to have n = {said.group(1)}, but I read {count} values for it; "
                "check that the whole list was pasted"
            )
    return ""


def _declined_misread(plan: AnalysisPlan, accounting: Accounting) -> AnalysisPlan:
    shown = ", ".join(u.text for u in accounting.misread[:8])
    why = accounting.misread[0].why
    read = "; ".join(call.data_as_read().title for call in plan.calls)
    reason = (
        f"I read {read} for {plan.calls[0].recipe.title}, but could not place these numbers: {shown} ({why}), "
        "so I may have misread the data. Paste it as columns with a header line, or say what those numbers are"
    )
    if why == UNREAD_SETTING:  # running with the default instead would answer another question
        reason = (
            f"I read {read} for {plan.calls[0].recipe.title}, but could not read the setting written as "
            f'{shown!r}; write it as, for example, "99% CI" or "survival at 24 months"'
        )
    return AnalysisPlan(
        "declined", plan.requested, reason=reason, unused=accounting.unused + accounting.misread, parsed=plan.parsed
    )


def describe_reading(parsed: ParsedRequest) -> str:
    """What reading found, for a decline: "I read one group of survival times (Group A: 10 times, 7 events)"."""
    try:
        survival = survival_groups(parsed)
    except ValidationError:
        survival = None  # a "group" of one time: not survival data
    parts: list[str] = []
    if survival is not None:
        groups = survival.groups
        shown = ", ".join(f"{g.label}: {len(g.times)} times, {sum(g.events)} events" for g in groups)
        count = "one group" if len(groups) == 1 else f"{len(groups)} groups"
        parts.append(f"{count} of survival times ({shown})")
    elif parsed.lists:
        shown = ", ".join(f"{item.label or 'unnamed'} ({len(item.values)} values)" for item in parsed.lists[:6])
        parts.append(f"{len(parsed.lists)} list(s) of numbers: {shown}")
    for table in parsed.tables[:2]:
        rows, cols = table.shape
        parts.append(f"a {rows}x{cols} table of counts")
    settings = ", ".join(f"{key.replace('_', ' ')} {value:g}" for key, value in parsed.scalars.items())
    if settings:
        parts.append(f"settings: {settings}")
    return "I read " + ("; ".join(parts) if parts else "no data (no list of numbers or table of counts)")


_GROUP_KEYS = ("values_a", "values_b", "first", "second", "values", "x")  # p-values come from a study elsewhere


def implied_sizes(calls: list[RecipeCall]) -> Sizes | None:
    """The counts the data imply: each compared group's size, and totals and events; None for a design question."""
    groups: list[int] = []
    others: list[int] = []
    for call in calls:
        data = call.args.model_dump()
        groups += [len(data[key]) for key in _GROUP_KEYS if isinstance(data.get(key), list)]
        for item in data.get("groups") or data.get("samples") or []:
            if isinstance(item, dict):  # survival: times and events per group
                events = int(sum(item["events"]))
                groups.append(len(item["times"]))
                others += [events, len(item["times"]) - events]
            else:
                groups.append(len(item))
        if isinstance(data.get("rows"), list):
            rows = data["rows"]
            groups += [int(sum(row)) for row in rows]
            others += [int(sum(column)) for column in zip(*rows, strict=True)] + [int(sum(map(sum, rows)))]
    if not groups:
        return None
    return Sizes(tuple(groups), tuple(others))


def data_labels(value: Any) -> list[str]:
    """Every name in a recipe's arguments: group labels, row and column labels, x and y names."""
    if isinstance(value, dict):
        found = [v for k, v in value.items() if isinstance(v, str) and "label" in k]
        for k, v in value.items():
            if isinstance(v, list) and v and all(isinstance(x, str) for x in v) and "label" in k:
                found += v
            elif isinstance(v, dict | list):
                found += data_labels(v)
        return found
    if isinstance(value, list):
        return [label for item in value if isinstance(item, dict | list) for label in data_labels(item)]
    return []
