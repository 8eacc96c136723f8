"""Cue words: canonical names for what the wording asks for ("paired", "nonparametric", "survival"…).

Patterns are deliberately broad synonyms of how researchers write in Slack; a recipe's score adds
the weights of the cues it cares about, so a stray cue only nudges, never decides alone.
"""

from __future__ import annotations

import re

_CUE_PATTERNS: dict[str, str] = {
    "t_test": r"\bt[- ]?tests?\b|\bstudent'?s\b|\bt[- ]?stat|\bttest",
    "welch": r"\bwelch|unequal variances?|variances? (?:are |may be |might be |look |seem )?(?:unequal|different)"
    r"|(?:n'?t|not|no|without|rather not|avoid)\b[^.?!]{0,30}\bassum\w* (?:equal|the same|homogeneous|common)"
    r" variances?|heteroscedastic|heteroskedastic|different (?:spreads?|variances?|sds)",
    "equal_var": r"(?<!un)equal var(?:iances?)?\b|pooled (?:variance|sd|standard deviation)|student'?s?[ -]t\b"
    r"|classic(?:al)? t"
    r"|homoscedastic|same variances?|variances? (?:are |is )?(?:equal|similar|the same)",
    "paired": r"\bpaired|\bmatched|\bbefore\b.*\bafter\b|\bpre\b.*\bpost\b|\bpre[- ]?(?:and|/|vs\.?)[- ]?post"
    r"|same (?:\d+ )?(?:patients|subjects|participants|animals|mice|rats|individuals|people|volunteers|eyes|samples)"
    r"|each (?:patient|subject|participant|animal|mouse|volunteer|person)|within[- ]subjects?"
    r"|repeated[- ]measure|baseline and (?:follow[- ]up|week|month|after)|crossover|cross-over|twins?",
    "one_sample": r"one[- ]sample|single[- ]sample|hypothesi[sz]ed (?:mean|value|median)|reference value"
    r"|known (?:population )?(?:mean|value)|population mean|\bmu\b|μ|µ|null value|differs? from|different from"
    r"|target (?:value|mean|level)|nominal (?:value|concentration)|should (?:read|be|equal)",
    "nonparametric": r"non[- ]?parametric|rank[- ]?(?:based|sum|test)|distribution[- ]free|skew|not normal"
    r"|non[- ]?normal|aren'?t normal|isn'?t normal|not (?:be )?normally|outliers?|ordinal|likert|\bmedians?\b"
    r"|mann|whitney|wilcoxon|kruskal|heavy[- ]tailed",
    "mann_whitney": r"mann[- ]?whitney|wilcoxon rank[- ]sum|rank[- ]sum|\bu[- ]test|\bu statistic",
    "signed_rank": r"signed[- ]rank|wilcoxon(?! rank[- ]sum)",
    "kruskal": r"kruskal",
    "anova": r"\banova\b|analysis of variance|\baov\b|\bf[- ]test|one[- ]way|\bf statistic",
    "table": r"\btable\b|contingency|\bcounts?\b|cross[- ]?tab|\b\d\s*x\s*\d\b|two[- ]by[- ]two|frequenc|\bcells?\b"
    r"|\btally\b|\bnumber of (?:patients|subjects|cases)",
    "chi_square": r"chi[- ]?sq|chi2|χ2|χ²|chi[- ]squared?|test of independence|\bpearson'?s chi",
    "association": r"associat|\bindependence\b|\brelated\b|relationship|linked|depend(?:s|ent)? on",
    "fisher": r"fisher|exact test",
    "small_counts": r"small (?:counts|numbers|samples?|cells?|expected)|too small for|sparse"
    r"|expected counts? (?:are |is )?(?:too small|below|under|<|less)|few (?:events|patients|subjects)",
    "mcnemar": r"mcnemar|discordant|paired (?:binary|proportions|yes/no|nominal|2x2)|same (?:\d+ )?(?:patients|subjects"
    r"|participants|people|samples|specimens).{0,60}(?:positive|negative|tests?|assays?|methods?)\b"
    r"|both (?:tests|assays|methods|raters|readers|kits)|two (?:diagnostic )?(?:tests|assays) on the same"
    r"|tested (?:twice|with both)",
    # "crude OR heaviest smokers vs …": in capitals, OR is the odds ratio, never the conjunction
    "odds_ratio": r"odds ratio|\bor\b(?= ?[(=:,?]|\s+with|\s+and)|\bodds\b|(?-i:\bORs?\b)",
    "relative_risk": r"relative risk|risk ratio|\brr\b|rate ratio",
    "risk_words": r"\brisk\b|incidence|cohort|exposed|unexposed|exposure",
    "correlation": r"correlat|relationship between|\bpearson'?s? r\b|\bassociation between\b|\bco[- ]?vary"
    r"|\bhow (?:strongly|closely) .{0,30}related|\brelated\b",
    "pearson": r"\bpearson(?!'?s?[- ]chi)|product[- ]moment|linear (?:association|relationship|correlation)",
    "spearman": r"spearman|rank(?:[- ]based|[- ]order)? correlation|correlation (?:of|between|on) (?:the )?ranks"
    r"|\brho\b|ρ|monoton",
    "kendall": r"kendall|\btau[- ]?b?\b|τ|concordant (?:and|vs\.?) discordant",
    "regression": r"regress|\blinear reg\b|\blm\(|slope|intercept|predict|linear (?:model|fit|trend)|line of best fit"
    r"|best[- ]fit line"
    r"|least squares|\bols\b|per unit|for each (?:additional|extra|unit)|\br\^?2\b|r-squared|r squared",
    "logistic": r"logistic|log[- ]odds|binary (?:outcome|response)|probability of (?:response|event|success)"
    r"|\(?1\s*=\s*(?:yes|responded|response|event|success|positive|case|died|dead|cured)",
    "survival": r"surviv|time[- ]to[- ]event|hazard|censor|kaplan|log[- ]?rank|\bcox\b|follow[- ]?up time"
    r"|relapse|recurrence|progression|time to (?:death|event|failure|relapse|recurrence|progression)|\bdied\b"
    r"|\bdeaths?\b|event[- ]free",
    "kaplan_meier": r"kaplan|meier|(?<![\d.] )(?<![\d.])\bkm\b(?!\s*/)|survival curves?|product[- ]limit"
    r"|median (?:survival|time)"
    r"|survival (?:probabilit|at\b|rate)|\d+[- ](?:month|year|week|day)s? (?:\w+ )?survival|survival function",
    "median_survival": r"median (?:survival|time|follow|time[- ]to)",
    "log_rank": r"log[- ]?rank|mantel[- ]cox|compar\w*\b[^.?!\n]{0,30}\bsurviv|difference in survival"
    r"|surviv[^.?!\n]{0,40}\b(?:differ|compar)|survival (?:between|across)|(?:differ|different) in survival",
    "cox": r"\bcox\b|hazard ratio|proportional hazards?|\bhr\b|\bph model",
    "sample_size": r"sample size|how many (?:\w+ )?(?:patients|subjects|participants|mice|rats|animals|people"
    r"|samples|per group|per arm|do (?:we|i) need)|number (?:of \w+ )?(?:needed|required)"
    r"|\bn (?:per|in each|for each) \w+"
    r"|(?:need|require)d? per (?:group|arm)|recruit|enrol|how large",
    "power_question": r"what (?:is|would be|'s) (?:the |our )?power|how much power|power (?:would|do|will) (?:we|i)"
    r"|(?:calculate|compute|estimate|achieved?|achievable|resulting|actual) (?:the )?(?:statistical )?power"
    r"|what power|power (?:of|for) (?:this|our|the|a) (?:study|trial|design|experiment)|\bpowered\b",
    "proportions": r"proportion|\brates?\b|percent|response rate|mortality|cure|\d\s?%|\brisk\b|incidence"
    r"|prevalence|success",
    "multiple_testing": r"multiple (?:testing|comparisons?|tests|hypothes)|adjust\w* (?:the |these |my )?p"
    r"|p[- ]?values? adjust|correct\w* (?:for multiple|the p|these p|my p)|false discovery|\bfdr\b|bonferroni"
    r"|holm|benjamini|hochberg|family[- ]?wise|\bfwer\b|q[- ]?values?|multiplicity",
    "bonferroni": r"bonferroni",
    "holm": r"\bholm",
    "bh": r"benjamini|hochberg|\bbh\b|false discovery|\bfdr\b|q[- ]?values?",
    "normality": r"shapiro|wilk\b|normality|gaussian|normally distributed\?|(?:is|are|whether|if|check)\b[^.?!]{0,40}"
    r"\bnormal(?:ly distributed)?\b|normal distribution",
    "one_sided": r"one[- ]sided|one[- ]tailed|1[- ]sided|1[- ]tailed|directional"
    r"|\balternative\s*(?:=|:|hypothesis)?\s*[\"']?(?:greater|less)\b",
    "direction": r"(?:greater|higher|larger|bigger|more|less|lower|smaller|fewer) than|\bincreas|\bdecreas|\bimprov"
    r"|\breduc|\bdrop|\bsuperior|\binferior|\bexceed|\bf[ae]ll\b|\brise\b|\brose\b|\bgo (?:up|down)\b",
    "two_groups": r"two (?:independent )?groups|two arms|both groups|between (?:the )?(?:two )?groups|vs\.?|versus",
    "compare": r"compar|differ|\bvs\.?\b|versus|higher|lower|greater|effect of|significant",
}
_COMPILED = {name: re.compile(pattern, re.IGNORECASE | re.DOTALL) for name, pattern in _CUE_PATTERNS.items()}
_NEGATED_NONPARAMETRIC = re.compile(r"(?<!not )(?<!non-)\bnormally distributed\b(?!\?)|assume normality", re.I)


def find_cues(text: str) -> frozenset[str]:
    cues = {name for name, pattern in _COMPILED.items() if pattern.search(text)}
    if "welch" in cues:
        cues.discard("equal_var")  # "not assuming equal variances" mentions equal variances
    if "mann_whitney" in cues or "kruskal" in cues:
        cues.discard("signed_rank")
    if cues & {"bonferroni", "holm", "bh"}:
        cues.add("multiple_testing")  # "BH-adjust these": the adjustment named is the multiple-testing cue
    return frozenset(cues)


def states_normality(text: str) -> bool:
    """The request asserts normality ("data are normally distributed"), which argues against rank tests."""
    return bool(_NEGATED_NONPARAMETRIC.search(text))
