"""The request contract: what the message asks to be computed, read from its words.

A request may name analyses ("Welch t-test", "log-rank", "Kendall's tau"), avoid some ("rather than a
t-test"), ask for a variant (equal variances, exact, continuity correction, one-sided, a confidence
level) and a direction ("drug 2 minus drug 1", "HR of KO relative to WT", "placebo as reference").
An analysis that is named is never replaced: only recipes that implement it may run, and when none
can be built from the data, or no vetted recipe exists for it, the answer declines and says why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from analysis.model import Span
from analysis.reading.r_prints import ts_headers

_F = re.IGNORECASE


@dataclass(frozen=True, slots=True)
class Term:
    """One analysis people ask for: its key, how an answer names it, and how requests write it."""

    key: str
    title: str
    pattern: re.Pattern[str]
    supported: bool = True  # False: no vetted recipe computes it, so a request for it is declined


_PREDICTOR = (
    r"(?!(?:slope|intercept|p|p-?values?|ci|cis|se|r2|r|coef\w*|estimates?|report|give|show|plot|pls|please|the)\b)"
    r"[\w.]+"
)
_NAMED_PREDICTOR = rf"(?:{_PREDICTOR}\s+){{0,2}}{_PREDICTOR}"  # "income index", "aluminium price"


def _term(key: str, title: str, pattern: str, supported: bool = True) -> Term:
    return Term(key, title, re.compile(pattern, _F), supported)


# Specific before general: where two terms match overlapping text, the longer match wins.
VOCABULARY: tuple[Term, ...] = (
    # --- analyses no recipe computes: named, they are declined, never substituted -------------------
    _term("friedman", "the Friedman test", r"\bfriedman'?s?\b(?:\s*test)?", False),
    _term(
        "factorial_anova",
        "a two-way (factorial) ANOVA",
        r"\b(?:two|2|three|3)[- ]?(?:way|factor) (?:anova|analysis of variance)|factorial (?:anova|design)"
        r"|\banova\b with (?:an )?interaction|interaction term",
        False,
    ),
    _term(
        "repeated_measures_anova",
        "a repeated-measures ANOVA",
        r"repeated[- ]measures? (?:anova|analysis of variance)|rm[- ]anova|mixed[- ](?:design )?anova",
        False,
    ),
    _term("ancova", "an ANCOVA", r"\bancova\b|analysis of covariance", False),
    _term("manova", "a MANOVA", r"\bmanova\b", False),
    _term(
        "welch_anova",
        "Welch's ANOVA",
        r"welch'?s? (?:one[- ]way )?(?:anova|f[- ]test)|oneway\.test|brown[- ]forsythe",
        False,
    ),
    _term(
        "post_hoc_other",
        "that post-hoc procedure",
        r"\bdunnett|\bdunn'?s?\b|games[- ]howell|scheff[eé]|\bsidak|šidák|newman[- ]keuls|\bfisher'?s? lsd",
        False,
    ),
    _term(
        "other_p_adjust",
        "that multiple-testing procedure",
        r"(?<!benjamini[- ])(?<!benjamini )\bhochberg(?:'s)?(?: (?:step[- ]up|procedure|correction|method))?|\bhommel"
        r"|benjamini[- ]yekutieli|\bby correction|storey",
        False,
    ),
    _term("levene", "Levene's test", r"\blevene|\bbartlett'?s?\b|f[- ]test (?:for|of) (?:equal )?variances?", False),
    _term(
        "mixed_model",
        "a mixed-effects model",
        r"mixed[- ]effects?|mixed[- ](?:models?|regression|logistic|cox)|linear mixed|\blmer\b|\blme4?\b|\bglmm?er\b"
        r"|\bglmm\b|\bnlme\b|random[- ](?:effects?|intercepts?|slopes?)|(?-i:\bGEE\b)|generali[sz]ed estimating"
        r"|multi[- ]?level model|hierarchical (?:linear |logistic )?(?:model|regression)|frailty",
        False,
    ),
    _term("poisson", "Poisson regression", r"poisson|negative binomial|\bglm\.nb\b|incidence rate ratio", False),
    _term(
        "multivariable_model",
        "a model with more than one covariate",
        r"multivariable|multivariate (?:cox|logistic|linear|regression|model)|multiple (?:linear |logistic )?regression"
        r"|adjust(?:ed|ing)? for (?!multiple|multiplicity|ties)\w+|controlling for|~\s*\w+\s*\+\s*\w+"
        r"|stratified cox|time[- ]varying|time[- ]dependent covariate"
        r"|\b(?!(?:bonferroni|holm|bh|fdr|tukey|sidak|dunnett|hochberg|benjamini|hommel|multiplicity|the|an?|not|un"
        r"|are|is|be|were|was|with|and|or|of|for|by|its|their|get|give|show|report)\b)\w+[- ]adjusted\b"
        r"(?! p\b| p-| alpha| significance| threshold| level| c\.?i| confidence| intervals?)"
        r"|\badjusted (?:hrs?|ors?|rrs?|hazard|odds|risk|model|analysis|estimates?|effects?)"
        r"|\b(?:and|\+|&)\s+\w+\s+(?:both\s+)?as\s+(?:co-?variates|predictors|explanatory variables)"
        r"|(?:two|three|several|multiple|both) (?:co-?variates|predictors)|accounting for \w+|holding \w+ constant"
        # "regress cost on date, cap, pr and ne", "regress y on a + b", "regress y on a and b." (not "on x, slope
        # and p": what to report is no predictor)
        rf"|\bregress\w*\s+[\w.]+\s+on\s+{_PREDICTOR}(?:\s*(?:,|,?\s+and\b|[+&])\s*{_PREDICTOR})+(?=\s*(?:[,.;:?!—–]|$))"
        # "regress consumption on copper price, income index and aluminium price", "… on x and z jointly"
        rf"|\bregress\w*\s+[\w.]+\s+on\s+{_NAMED_PREDICTOR}\s*,\s*{_NAMED_PREDICTOR}\s*(?:,|,?\s+(?:and|&)\b)"
        # (an aside in brackets, "(both sexes together)", pools the data, it adds no predictor)
        r"|\bregress\w*\b[^.?!\n(]{0,80}\b(?:together|jointly|simultaneously|all at once"
        r"|in (?:one|the same|a single) model)\b",
        False,
    ),
    _term(  # not kappa the measurement ("free kappa light chain", "kappa minus lambda", a column "kappa_mg_l")
        "kappa",
        "Cohen's kappa",
        r"(?:cohen|fleiss)'?s? kappa|weighted kappa|kappa (?:statistic|coefficient|agreement)"
        r"|\bkappa\b(?![ \t]*(?:[-_]|\((?:mg|ng|g/|mmol|iu|u/|µ|ug)|light|chains?|mg\b|minus|vs\.?|versus"
        r"|and lambda|/))"
        r"(?<!\bfree kappa)(?<!\blambda (?:vs|to) kappa)|κ|inter[- ]?rater agreement",
        False,
    ),
    _term("icc", "an intraclass correlation", r"intra[- ]?class correlation|\bicc\b", False),
    _term(
        "roc",
        "a ROC / AUC analysis",
        r"\broc\b|receiver operating|delong|area under the (?:roc )?curve|\bc[- ]statistic|youden",
        False,
    ),
    _term("bland_altman", "Bland-Altman limits of agreement", r"bland[- ]altman|limits of agreement", False),
    _term("cmh", "the Cochran-Mantel-Haenszel test", r"mantel[- ]haenszel|\bcmh\b|cochran[- ]mantel", False),
    _term(
        "trend_test",
        "a test for trend",
        r"cochran[- ]armitage|\btrend test|test (?:for|of) (?:linear )?trend|chi[- ]?square(?:d)? (?:test )?for trend"
        r"|jonckheere",
        False,
    ),
    _term("cochran_q", "Cochran's Q test", r"cochran'?s? q\b", False),
    _term(
        "binomial_test",
        "a one-sample test of a proportion",
        r"binomial test|binom\.test|exact binomial|one[- ](?:sample )?proportion|single proportion"
        r"|clopper[- ]pearson|wilson (?:score )?interval|sign test",
        False,
    ),
    _term("goodness_of_fit", "a goodness-of-fit test", r"goodness[- ]of[- ]fit|kolmogorov|anderson[- ]darling", False),
    _term("bowker", "the McNemar-Bowker test of symmetry", r"bowker|test of symmetry", False),
    _term(
        "weighted_log_rank",
        "a weighted log-rank test",
        r"gehan|breslow(?:'s)? test|peto[- ]peto|tarone|fleming[- ]harrington|weighted log[- ]?rank"
        r"|generali[sz]ed wilcoxon",
        False,
    ),
    _term(
        "competing_risks",
        "a competing-risks analysis",
        r"competing[- ]risks?|fine[- ]gray|cumulative incidence|aalen[- ]johansen",
        False,
    ),
    _term("rmst", "restricted mean survival time", r"restricted mean survival|\brmst\b", False),
    _term(
        "survival_design",
        "a sample size for a survival comparison",
        r"(?:sample size|power|how many (?:patients|subjects|events)|number of events)\b[^.?!\n]{0,60}"
        r"(?:log[- ]?rank|survival|hazard ratio|time[- ]to[- ]event|\bhr\b)"
        r"|(?:log[- ]?rank|survival|hazard ratio|time[- ]to[- ]event)\b[^.?!\n]{0,40}(?:sample size|power calc)"
        r"|schoenfeld'?s? formula|freedman'?s? formula",
        False,
    ),
    _term(
        "other_design",
        "that sample size calculation",
        r"(?:sample size|power)\b[^.?!\n]{0,60}(?:paired|crossover|cross-over|one[- ]sample|non[- ]?inferiority"
        r"|equivalence|cluster|\banova\b|three groups|repeated measures|correlation|regression|mcnemar)"
        r"|(?:paired|crossover|non[- ]?inferiority|equivalence|cluster[- ]randomi[sz]ed)\b[^.?!\n]{0,40}sample size"
        r"|\btost\b",
        False,
    ),
    _term(
        "meta_analysis",
        "a meta-analysis",
        r"meta[- ]analy|pooled (?:estimate|effect)|forest plot|i[- ]?squared|i²",
        False,
    ),
    _term("bootstrap", "a bootstrap or permutation analysis", r"bootstrap|permutation test|jackknife", False),
    _term(
        "robust_location",
        "a trimmed-means (Yuen) or other robust comparison",
        r"trimmed[- ]means?|\d+ ?% trimming|\byuen'?s?\b|winsori[sz]ed|\bm[- ]estimators?\b|huber'?s?\b",
        False,
    ),
    _term(
        "interval_censoring",
        "an analysis of interval-censored times",
        r"interval[- ]censor\w*|(?:only )?known (?:only )?(?:to (?:lie|fall|be) )?between|turnbull|\bicenreg\b",
        False,
    ),
    _term("mid_p", "a mid-p value (Lancaster)", r"\bmid[- ]?p\b|lancaster", False),
    _term(  # the Cox recipe handles ties by Efron's method (and prints Breslow's); no exact likelihood
        "exact_ties",
        "a Cox model with the exact partial likelihood for ties",
        r"ties\s*=\s*[\"']?(?:exact|discrete)\b|exact (?:partial )?likelihood|exact (?:method|handling) (?:for|of) ties"
        r"|\bexact ties\b|ties (?:handled |treated )?exactly|(?:kalbfleisch|discrete)[- ]prentice",
        False,
    ),
    _term(
        "recurrent_events",
        "a recurrent-event analysis",
        r"mean cumulative function|\bmcf\b|recurrent[- ]events?|andersen[- ]gill|prentice[- ]williams[- ]peterson"
        r"|\bpwp\b|wei[- ]lin[- ]weissfeld|repeated events",
        False,
    ),
    _term(
        "delayed_entry",
        "a survival analysis with delayed entry (left truncation)",
        r"left[- ]truncat\w*|delayed[- ]entry|late[- ]entry|staggered entry|counting[- ]process",
        False,
    ),
    _term("bayesian", "a Bayesian analysis", r"bayes(?:ian)?|posterior|credible interval", False),
    _term(
        "other_regression",
        "that regression model",
        r"(?:ordinal|multinomial|quantile|tobit|probit|nonlinear|non-linear|polynomial|spline|lasso|ridge"
        r"|elastic[- ]net|beta|gamma|zero[- ]inflated|proportional odds|conditional logistic|exact logistic"
        r"|firth|penali[sz]ed|median) (?:logistic )?(?:regression|model|logit)|\bpolr\b|\bclogit\b|\bquantreg\b|\brq\("
        # a binomial model with a link other than the logit: "binomial(link = 'probit')", "a cloglog fit"
        r"|\bprobit\b|\bcloglog\b|complementary log[- ]log|binomial\s*\(\s*link\s*=\s*[\"']?(?!logit\b)\w+",
        False,
    ),
    _term(
        "parametric_survival",
        "a parametric survival model",
        r"weibull|accelerated failure|\baft\b|exponential (?:survival )?(?:model|regression)|survreg|log[- ]?normal"
        r" survival|flexsurv",
        False,
    ),
    _term(
        "other_multivariate",
        "that multivariate method",
        r"principal components?|\bpca\b|factor analysis|cluster analysis|k[- ]means|hierarchical clustering"
        r"|discriminant analysis|cronbach|propensity|\biptw\b|inverse probability|instrumental variable"
        r"|\barima\b|time[- ]series|interrupted time",
        False,
    ),
    _term(
        "dose_response",
        "a dose-response curve fit",
        r"dose[- ]response (?:curve|model|fit)|\b[ei]c50\b|\bed50\b|four[- ]parameter|\b4pl\b|\bprobit analysis",
        False,
    ),
    # --- analyses vetted recipes compute ------------------------------------------------------------
    _term("mcnemar", "McNemar's test", r"mc ?nemar'?s?(?:'s)?(?: (?:chi[- ]?squared?|test|exact test))?"),
    _term(
        "paired_t_test",
        "a paired t-test",
        r"paired(?:[- ]samples?)? (?:student'?s? )?t[- ]?tests?|paired t\b|dependent[- ]samples? t[- ]?test"
        r"|t[- ]?tests? (?:for|on) (?:the )?paired|t\.test\([^)]*paired\s*=\s*t(?:rue)?",
    ),
    _term("one_sample_t_test", "a one-sample t-test", r"(?:one|single|1)[- ]sample t[- ]?tests?|one[- ]sample t\b"),
    _term(
        "welch_t_test",
        "Welch's t-test",
        r"welch'?s?(?:[- ](?:t[- ]?test|test|correction|t))?|unequal[- ]variances? t[- ]?tests?",
    ),
    _term(
        "student_t_test",
        "Student's t-test (pooled variance)",
        r"student'?s?[- ]?t[- ]?(?:tests?)?\b|pooled[- ]variance t[- ]?tests?"
        r"|classic(?:al)? (?:two[- ]sample )?t[- ]?tests?|equal[- ]variances? t[- ]?tests?"
        r"|t\.test\([^)]*var\.equal\s*=\s*t(?:rue)?",
    ),
    _term(
        "t_test",
        "a t-test",
        r"(?<![\w-])t[- ]?tests?\b|\bttest|t\.test|two[- ]sample t\b|independent[- ]samples? t\b",
    ),
    _term(
        "mann_whitney",
        "the Mann-Whitney U test",
        r"mann[- ]?whitney(?:[- ]wilcoxon)?(?:[- ]?u)?(?: test)?|wilcoxon rank[- ]sum|rank[- ]sum test|\bu[- ]test",
    ),
    _term("signed_rank", "the Wilcoxon signed-rank test", r"(?:wilcoxon )?signed[- ]rank(?: test)?"),
    _term("wilcoxon", "a Wilcoxon test", r"wilcoxon(?:'s)?(?: test)?|wilcox\.test"),
    _term("kruskal_wallis", "the Kruskal-Wallis test", r"kruskal(?:[- ]wallis)?(?: test)?|kruskal\.test"),
    _term(
        "one_way_anova",
        "a one-way ANOVA",
        r"(?:one[- ]way )?\banova\b|analysis of variance|\baov\b|\bf[- ]test\b",
    ),
    _term("tukey_hsd", "Tukey's HSD", r"tukey(?:'s)?(?: hsd| honest)?|\bhsd\b"),
    _term(
        "shapiro_wilk",
        "the Shapiro-Wilk test",
        r"shapiro(?:[- ]wilk)?(?: test)?|test (?:of|for) normality|normality test",
    ),
    _term(
        "fisher_exact",
        "Fisher's exact test",
        r"fisher'?s?(?:'s)?(?!\s*(?:z\b|transform|lsd|information|scoring|data|iris|\(?\d{4}|et al|'s data))(?: exact)?"
        r"(?: test)?|fisher\.test"
        r"|\bexact test\b",
    ),
    _term(
        "chi_square",
        "Pearson's chi-square test",
        r"(?:pearson'?s? )?chi[- ]?sq(?:uare)?d?(?: test)?(?: of independence| for independence)?|chi2|χ2|χ²"
        r"|test (?:of|for) independence|chisq\.test|prop\.test|z[- ]test (?:for|of) (?:two )?proportions"
        r"|two[- ]proportion z",
    ),
    _term(
        "odds_ratio",
        "an odds ratio",
        r"odds[- ]ratios?|(?-i:\bORs?\b)(?= ?[(=:,?]|\s+(?:with|and|for|of|\d))"
        r"|\b(?:crude|unadjusted|the|an|estimated|sample|woolf'?s?)\s+(?-i:ORs?\b)",  # "crude OR heaviest smokers vs …"
    ),
    _term("relative_risk", "a relative risk", r"relative risks?|risk ratios?|(?-i:\bRR\b)"),
    _term(
        "risk_difference",
        "a risk difference",
        r"risk difference|absolute risk reduction|(?-i:\bARR\b)|difference (?:in|between|of) (?:the |two )?proportions"
        r"|proportion difference|difference (?:in|between|of) (?:the |two )?(?:\w+ )?(?:rates|risks|percentages)",
    ),
    _term(
        "score_interval",
        "a score-type interval (Newcombe, Agresti-Caffo, Wilson)",
        r"newcombe|agresti[- ]caffo|agresti[- ]coull|hybrid score|\bscore (?:interval|ci)\b"
        r"|wilson\s*(?:\(?score\)?\s*)?(?:\d+\s*%\s*)?(?:interval|ci\b|confidence)",
        False,
    ),
    _term("nnt", "the number needed to treat", r"number needed to (?:treat|harm)|\bnn[th]\b"),
    _term("pearson", "Pearson's correlation", r"pearson(?!'?s? chi)(?:'s)?(?: r| correlation| product[- ]moment)?"),
    _term("kendall", "Kendall's tau", r"\bkendall'?s?\b(?:[- ]*(?:tau|τ)(?:[- ]?b\b)?|\s*(?:rank )?correlation)?"),
    _term("spearman", "Spearman's rank correlation", r"spearman(?:'s)?(?: rho| rank| correlation)?|ρ"),
    _term(
        "correlation",
        "a correlation",
        r"correlation|correlate\b|correlated(?! (?:data|measurements?|observations?|outcomes?|errors?|samples?))"
        r"|cor\.test",
    ),
    _term(
        "logistic_regression",
        "a logistic regression",
        r"logistic(?: regression| model)?|\blogit\b|glm\([^)]*binomial",
    ),
    _term(
        "linear_regression",
        "a linear regression",
        r"(?:simple )?linear regression|\bregress\w*|\bols\b|least[- ]squares|\blm\(|\bslope\b|line of best fit"
        r"|best[- ]fit line|(?:fit|fitted|draw|a) (?:a )?straight line|straight[- ]line (?:fit|model)",
    ),
    _term(
        "kaplan_meier",
        "a Kaplan-Meier estimate",
        r"kaplan[- ]?meier|(?<!\d)(?<!\d )(?:(?-i:\bKM\b)(?!/)|\bkm (?:curves?|estimates?|plots?|medians?|analysis))"
        r"|product[- ]limit"
        r"|survfit",
    ),
    _term("median_survival", "median survival", r"median (?:overall |progression[- ]free )?survival(?: time)?"),
    _term("log_rank", "the log-rank test", r"log[- ]?rank(?: test)?|mantel[- ]cox|survdiff"),
    _term("cox", "a Cox regression", r"\bcox\b(?: (?:proportional hazards?|regression|model|ph))?|coxph|\bph model"),
    _term("hazard_ratio", "a hazard ratio", r"hazard ratios?|(?-i:\bHRs?\b)"),
    _term(
        "sample_size",
        "a sample size",
        r"sample[- ]size|how many (?:\w+ )?(?:patients|subjects|participants|mice|rats|animals|people|per group"
        r"|per arm|do (?:we|i) need)|\bn per (?:group|arm)|number (?:of \w+ )?(?:needed|required)"
        r"|power\.(?:t|prop)\.test(?!\([^)]*\bn\s*=)"  # R's call with n given computes the power, not n
        r"|required n\b|\bn (?:in|per) (?:each )?(?:group|arm)\s*\?|(?<![\w=])\bn\s*\?"
        r"|(?<!\d )(?:participants|subjects|patients) per (?:arm|group)\s*\?",  # not "with 15 patients per arm?"
    ),
    _term(
        "power",
        "a power calculation",
        r"what(?: is| would be|'s) (?:the |our )?power|how much power|power calc\w*"
        r"|(?:calculate|compute|estimate|achieved?) (?:the )?(?:statistical )?power|what power"
        r"|power (?:of|for) (?:this|our|the|an?) (?:[\w-]+ ){0,3}?(?:study|trial|design|test|t-test|comparison)\b"
        r"|power check|power calculation|\bpowered\b|power\.(?:t|prop)\.test(?=\([^)]*\bn\s*=)",
    ),
    _term("bonferroni", "the Bonferroni correction", r"bonferroni"),
    _term("holm", "the Holm correction", r"\bholm(?:'s)?(?:[- ]bonferroni)?"),
    _term(
        "benjamini_hochberg",
        "the Benjamini-Hochberg correction",
        r"benjamini(?:\s*(?:[-&/]|and)\s*hochberg)?|\bbh\b|false discovery|\bfdr\b|q[- ]?values?",
    ),
    _term(
        "p_adjust",
        "a multiple-testing correction",
        r"multiple[- ](?:testing|comparisons?) (?:correction|adjustment)"
        r"|(?<!tukey[- ])(?<!hsd[- ])adjust\w* (?:the |these |my |our )?p"
        r"|p[- ]?values? adjust|p\.adjust|correct\w* (?:for multiple|the p|these p|my p)",
    ),
)
TERMS: dict[str, Term] = {term.key: term for term in VOCABULARY}

# A mention preceded by one of these is avoided, not requested: "rather than a t-test", "not Welch".
_CITATION_AFTER = re.compile(
    r"(?:'s)?\s*(?:[(,]\s*)?(?:(?:18|19|20)\d\d[a-z]?\b(?!\s*(?:patients|subjects|cases))|et al\b)"
)
_EPONYM_END = re.compile(r"\b[A-Z][^\W\d_]+(?:'s)?$")


def _cites(text: str, start: int, end: int) -> bool:
    """ "Fisher 1947", "(Scheffé 1959)", "Cox et al": an author's name with a year is a source, not a request;
    a test's own name before a year is not ("paired t-test 1932 vs 1931" compares years). "Box & Cox poisons
    data", "Cox and Snell": a bare name beside a co-author's names a paper too."""
    if not _EPONYM_END.search(text[start:end]):
        return False
    cited = _CITATION_AFTER.match(text, end)
    return bool(cited) or (bool(_BARE_NAME.fullmatch(text[start:end])) and _coauthored(text, start, end))


_BARE_NAME = re.compile(r"[A-Z][a-z]+")
_COAUTHOR_BEFORE = re.compile(r"(?<![\w-])(?P<name>[A-Z][a-z]+)\s*(?:&|\band\b)\s*$")
_COAUTHOR_AFTER = re.compile(r"\s*(?:&|\band\b)\s*(?P<name>[A-Z][a-z]+)(?![\w-])")


def _coauthored(text: str, start: int, end: int) -> bool:
    """A surname joined to this one by "&" or "and" that names no analysis itself ("Kaplan-Meier and Cox" asks
    for two analyses; "Box & Cox" cites one paper)."""
    for match in (_COAUTHOR_BEFORE.search(text[:start]), _COAUTHOR_AFTER.match(text, end)):
        if match is None:
            continue
        name = match.group("name")
        if name.lower() not in _KNOWN_EPONYMS and not any(term.pattern.search(name) for term in VOCABULARY):
            return True
    return False


_AVOIDED_BEFORE = re.compile(
    r"(?:rather than|instead of|other than|not|n't|no|without|avoid|skip|never|unlike|than"
    r"|before (?:i|we) (?:run|do|use)|before|(?:is|was|are) (?:not|n't) (?:\w+ ){0,2}(?:a|an|the)?"
    r"|(?:don'?t|do not|doesn'?t) (?:\w+ ){0,2}(?:want|use|need|do)(?: \w+)?)"
    r"(?:\s+(?:a|an|the|any|to|use|using|do|run|with|after|for|our|my|interested in|looking for|asking for))*\s*$",
    _F,
)
# Eponymous tests labbot has never heard of still name an analysis: "the Jonckheere-Terpstra test".
_EPONYM = re.compile(
    r"\b(?P<name>[A-Z][a-z]+(?:[-–][A-Z][a-z]+)*)(?:'s)?[- ](?:test|correlation|regression|model|procedure|estimator"
    r"|coefficient|statistic|correction|method)\b(?![ -](?:file|set|data|sample|cohort|group|arm|split|subset))"
    # a possessive name before qualifiers: "Barnard's unconditional exact test"
    r"|\b(?P<owner>[A-Z][a-z]+(?:[-–][A-Z][a-z]+)*)'s[- ](?:[a-z]+[- ]){1,3}(?:test|model|procedure|estimator|method)\b"
    # two names joined name a method before more nouns: "Theil-Sen slope", "Nelson-Aalen cumulative hazard"
    r"|\b(?P<pair>[A-Z][a-z]+[-–][A-Z][a-z]+)(?:'s)?[- ](?:estimates?|slopes?|intervals?|cumulative|hazards?|curves?"
    r"|plots?|functions?|index|scores?|analysis|adjustment|smoother|limits|bounds|criterion|transform\w*|weights)\b"
)
_KNOWN_EPONYMS = {
    "student", "welch", "fisher", "pearson", "spearman", "mann-whitney", "wilcoxon", "kruskal-wallis", "kruskal",
    "shapiro-wilk", "shapiro", "mcnemar", "cox", "kaplan-meier", "holm", "bonferroni", "benjamini-hochberg",
    "tukey", "cohen", "mantel-cox", "yates", "efron", "breslow", "wald", "greenwood", "hochberg", "benjamini",
    "the", "a", "an", "this", "that", "my", "our", "which", "what", "same", "each", "exact", "paired", "simple",
    "linear", "logistic", "proportional", "chi", "one", "two", "independent", "normal", "wilk", "whitney",
    # the interval and variance methods the recipes print: named, they ask for a variant, not another analysis
    "woolf", "katz", "satterthwaite", "fisher-z", "newton", "miettinen",
}  # fmt: skip
# Design questions name the test they are for ("power of a two-sample t-test"): a qualifier, not a request
_DESIGN_KEYS = {"sample_size", "power"}
# "spearman correlations …, raw p: … BH-adjust these": the test named beside an adjustment made the p-values
_ADJUSTMENT_KEYS = {"bonferroni", "holm", "benjamini_hochberg"}  # by name: "adjusted p" of a Tukey test is not one
_DESIGN_QUALIFIERS = {"t_test", "two_sample_t_test", "welch_t_test", "student_t_test", "chi_square", "fisher_exact"}
# "chi-square, df, p" beside a named test is that test's statistic, not a chi-square test of its own
_OTHER_MODELS = {"logistic_regression", "cox", "poisson", "multivariable_model", "one_way_anova"}
_STATISTIC_ONLY = re.compile(r"^(?:pearson'?s? )?(?:chi[- ]?sq(?:uare)?d?|chi2|χ2|χ²)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Mention:
    term: Term
    span: Span
    text: str
    avoided: bool


@dataclass(frozen=True, slots=True)
class Direction:
    """The order a comparison was asked in: ``first`` versus (or minus) ``second``, as written."""

    first: str
    second: str
    phrase: str


@dataclass(frozen=True)
class Contract:
    """What the request asks for. ``named`` are the analyses asked for, ``avoided`` those ruled out."""

    named: tuple[Mention, ...] = ()
    avoided: tuple[Mention, ...] = ()
    variants: dict[str, str] = field(default_factory=dict)
    directions: tuple[Direction, ...] = ()  # every way round the text may ask, the most explicit first
    reference: str | None = None

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(m.term.key for m in self.named)

    @property
    def unsupported(self) -> tuple[Mention, ...]:
        return tuple(m for m in self.named if not m.term.supported)

    def describe(self) -> str:
        """ "Welch's t-test (two-sided, 90% CI)": what was asked, in the answer's words."""
        if not self.named:
            return ""
        names = list(dict.fromkeys(m.term.title for m in self.named))
        asked = " and ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)
        details = [VARIANT_WORDS[key][value] for key, value in self.variants.items() if value in VARIANT_WORDS[key]]
        return asked + (f" ({', '.join(details)})" if details else "")


VARIANT_WORDS: dict[str, dict[str, str]] = {
    "variance": {"equal": "equal variances", "unequal": "unequal variances"},
    "sides": {"one": "one-sided", "two": "two-sided"},
    "exact": {"exact": "exact p-value", "approximate": "normal approximation"},
    "continuity": {"yes": "with continuity correction", "no": "without continuity correction"},
}
_VARIANTS: dict[str, list[tuple[str, re.Pattern[str]]]] = {
    "variance": [
        (
            "unequal",
            re.compile(
                r"unequal variances?|variances? (?:are |may be |might be |look |seem )?(?:unequal|different)"
                r"|(?:\bnot|\bno|\bwithout|n't|rather not|avoid)\b[^.?!\n]{0,30}\bassum\w* "
                r"(?:equal|the same|homogeneous|common) variances?|heteroscedastic|heteroskedastic"
                # "w/o equal variance assumption", "no equal-variance assumption": the negation before the words
                r"|(?:\bnot|\bno|\bwithout|\bw/o|n't)[ \t]+(?:(?:assum\w*|an?|the|any|assumption of)[ \t]+)?"
                r"(?:equal|homogeneous|common)[- ]var(?:iances?)?\b"
                r"|different (?:spreads?|variances?|sds)|\bwelch",
                _F,
            ),
        ),
        (
            "equal",
            re.compile(
                r"(?<!un)(?<!not assuming )(?<!n't assume )(?<!not assume )equal[- ]var(?:iances?)?\b|pooled"
                r"[- ](?:variance|sd|standard deviation)|student'?s?[- ]?t\b|classic(?:al)? t|homoscedastic"
                r"|same variances?|var\.equal\s*=\s*t(?:rue)?|variances? (?:are |is )?(?:equal|similar|the same)",
                _F,
            ),
        ),
    ],
    "sides": [
        (
            "one",
            re.compile(
                r"one[- ]sided|one[- ]tailed|1[- ]sided|1[- ]tailed|directional"
                r"|\balternative\s*(?:=|:|hypothesis)?\s*[\"']?(?:greater|less)\b",  # R's alternative = "greater"
                _F,
            ),
        ),
        ("two", re.compile(r"two[- ]sided|two[- ]tailed|2[- ]sided|2[- ]tailed", _F)),
    ],
    "exact": [
        ("exact", re.compile(r"\bexact (?:p|p-value|test|binomial|version|distribution)|exact\s*=\s*t(?:rue)?", _F)),
        (
            "approximate",
            re.compile(r"normal approximation|asymptotic|large[- ]sample|z approximation|exact\s*=\s*f(?:alse)?", _F),
        ),
    ],
    "continuity": [
        (
            "no",
            re.compile(
                r"(?:without|no|not using|don'?t (?:apply|use)|skip) (?:a |the |yates'? ?)?(?:continuity )?correction"
                r"|uncorrected|correct\s*=\s*f(?:alse)?|no yates",
                _F,
            ),
        ),
        ("yes", re.compile(r"continuity[- ]correct|yates|correct\s*=\s*t(?:rue)?|\bcorrected\b", _F)),
    ],
}


def read_contract(text: str) -> Contract:
    """The analyses named or avoided, the variant and the direction, as the request writes them."""
    mentions = _mentions(text)
    named = _requested(tuple(m for m in mentions if not m.avoided))
    avoided = tuple(m for m in mentions if m.avoided)
    return Contract(
        named=named,
        avoided=avoided,
        variants=_variants(text, named),
        directions=read_directions(text),
        reference=read_reference(text),
    )


_TABULATING_CALL = re.compile(r"\b(?:xtabs|ftable|table|aggregate|tapply)\([^\n]*\)")


def _mentions(text: str) -> list[Mention]:
    found: list[tuple[int, int, int, Term]] = []
    for order, term in enumerate(VOCABULARY):
        found += [(m.start(), m.end(), order, term) for m in term.pattern.finditer(text) if m.end() > m.start()]
    found += _unknown_eponyms(text)
    # longest first, then vocabulary order; a match inside a kept one is dropped
    found.sort(key=lambda f: (-(f[1] - f[0]), f[2], f[0]))
    kept: list[tuple[int, int, int, Term]] = []
    for candidate in found:
        if all(candidate[1] <= k[0] or candidate[0] >= k[1] for k in kept):
            kept.append(candidate)
    # a print's caption and a tabulating call ("xtabs(f ~ hs + sex)") say how data were shown, not what to run
    shown = [*ts_headers(text), *(m.span() for m in _TABULATING_CALL.finditer(text))]
    kept = [k for k in kept if not _cites(text, k[0], k[1]) and not any(a <= k[0] < b for a, b in shown)]
    kept.sort(key=lambda f: f[0])
    return [Mention(term, (start, end), text[start:end], _is_avoided(text, start)) for start, end, _, term in kept]


def _requested(named: tuple[Mention, ...]) -> tuple[Mention, ...]:
    """Drop mentions that qualify another request: the test a design is for, a statistic of a named test."""
    keys = {m.term.key for m in named}
    others = keys - {"chi_square"}
    kept = []
    for mention in named:
        key = mention.term.key
        if keys & _DESIGN_KEYS and key in _DESIGN_QUALIFIERS:
            continue
        if keys & _ADJUSTMENT_KEYS and key not in _ADJUSTMENT_KEYS | {"p_adjust"} and mention.term.supported:
            continue
        if key == "chi_square" and others and _STATISTIC_ONLY.match(mention.text.strip()):
            continue
        if key == "linear_regression" and keys & _OTHER_MODELS and mention.text.lower() == "slope":
            continue  # the slope of the logistic (or Cox) model asked for
        kept.append(mention)
    return tuple(kept)


def _unknown_eponyms(text: str) -> list[tuple[int, int, int, Term]]:
    """ "the Jonckheere-Terpstra test": a named test no term knows is a named, unsupported analysis."""
    found = []
    for match in _EPONYM.finditer(text):
        name = match.group("name") or match.group("owner") or match.group("pair")
        if name.lower() in _KNOWN_EPONYMS or any(part.lower() in _KNOWN_EPONYMS for part in re.split("[-–]", name)):
            continue
        if any(term.pattern.search(match.group() if match.group("name") else name) for term in VOCABULARY):
            continue  # a named phrase a term knows; of a pair of names, the names alone ("Theil-Sen", not "slope")
        title = match.group().strip()
        found.append(
            (match.start(), match.end(), len(VOCABULARY), _term(f"unknown:{name.lower()}", title, "$^", False))
        )
    return found


def _is_avoided(text: str, start: int) -> bool:
    clause_start = max(text.rfind(mark, 0, start) for mark in (".", "?", "!", "\n", ";", ","))
    return bool(_AVOIDED_BEFORE.search(text[max(clause_start + 1, start - 60) : start]))


def _variants(text: str, named: tuple[Mention, ...]) -> dict[str, str]:
    variants: dict[str, str] = {}
    for key, options in _VARIANTS.items():
        for value, pattern in options:
            if pattern.search(text):
                variants[key] = value
                break
    keys = {m.term.key for m in named}
    if "welch_t_test" in keys:
        variants["variance"] = "unequal"
    elif "student_t_test" in keys:
        variants["variance"] = "equal"
    return variants


_SIDE = r"[A-Za-z][\w.+/'()-]*(?:[ \t]+[\w.+/'()-]+){0,3}"
_NUMBERED_SIDE = r"[A-Za-z0-9][\w.+/'()-]*(?:[ \t]+[\w.+/'()-]+){0,3}"
_MINUS_WORD = re.compile(
    rf"(?P<first>{_NUMBERED_SIDE})[ \t]+(?:minus|−)[ \t]+(?P<second>{_NUMBERED_SIDE})(?=[\s,.;:)?!]|$)"
    # "1932 - 1931": years (column names) set against each other, where a bare "10 - 20" would be a range
    rf"|(?P<first_year>(?:[A-Za-z]\w*[ \t]+){{0,3}}(?:18|19|20)\d\d)[ \t]+[-–][ \t]+"
    rf"(?P<second_year>(?:18|19|20)\d\d(?:[ \t]+[A-Za-z]\w*){{0,3}})(?=[\s,.;:)?!]|$)",
    _F,
)
_MINUS = re.compile(rf"(?P<first>{_SIDE})[ \t]+(?:minus|−|–|-)[ \t]+(?P<second>{_SIDE})(?=[\s,.;:)?!]|$)", _F)
_VERSUS = re.compile(
    rf"(?:ratio|\bHR|\bOR|\bRR|odds|hazard|risk|difference|effect|comparing|contrast)\w*[^.?!\n]{{0,25}}?"
    rf"\b(?:of|for|in|between)?\s*(?P<first>{_SIDE})[ \t]+(?:vs\.?|versus|relative to|compared (?:with|to)|over|against"
    rf"|rather than)[ \t]+(?P<second>{_SIDE})(?=[\s,.;:)?!]|$)",
    _F,
)
_REFERENCE = [
    re.compile(
        r"(?P<ref>[A-Za-z0-9][\w.+/'-]*(?:[ \t]+[A-Za-z0-9][\w.+/'-]*)?)[ \t]+(?:as|is|=|being)[ \t]+(?:the[ \t]+)?"
        r"(?:reference|baseline|comparator)\b",
        _F,
    ),
    re.compile(
        rf"(?:reference|baseline|comparator)(?:[ \t]+(?:group|level|category|arm))?[ \t]*(?:=|:|is|being)[ \t]*"
        rf"(?P<ref>{_SIDE})(?=[\s,.;)?!]|$)",
        _F,
    ),
    re.compile(rf"relative to[ \t]+(?:the[ \t]+)?(?P<ref>{_SIDE})(?=[\s,.;)?!]|$)", _F),
]
_STOP_SIDE = {"the", "a", "an", "of", "in", "for", "group", "arm", "with", "and"}


def read_directions(text: str) -> tuple[Direction, ...]:
    """ "A minus B" (the word first, then a spaced dash), then "ratio of A vs B": the data decide which applies."""
    found = []
    for pattern in (_MINUS_WORD, _MINUS, _VERSUS):
        for match in pattern.finditer(text):
            # a side never crosses a bracket: "1932 minus 1931 (Y2 - Y1)" holds two directions, not one
            sides = match.groupdict()
            written = (sides["first"] or sides.get("first_year") or "").strip()
            # the last piece outside or inside brackets: "(equal variances assumed) for non-smokers", "smokers (30+)"
            first = _trim(next((p for p in reversed(re.split(r"[()]", written)) if p.strip()), ""))
            second = _trim(re.split(r"\(|[.;,!?]\s", sides["second"] or sides.get("second_year") or "", maxsplit=1)[0])
            # "1000 minus 250" may name groups called "1000 mL/L"; "smokers (30+) vs" names the band "30+"
            numbered = pattern is _MINUS_WORD or not written[:1].isdigit()
            if first and second and first.lower() != second.lower() and (numbered or not first[0].isdigit()):
                found.append(Direction(first, second, match.group().strip()))
    return tuple(dict.fromkeys(found))


def read_reference(text: str) -> str | None:
    for pattern in _REFERENCE:
        match = pattern.search(text)
        if match and _trim(match.group("ref")):
            return _trim(match.group("ref"))
    return None


def _trim(side: str) -> str:
    words = [w for w in side.strip(" .,;:()'\"").split() if w]
    while words and words[0] in _STOP_SIDE:  # "the placebo arm" → "placebo arm"; but group "A" stays
        words.pop(0)
    while words and words[-1] in _STOP_SIDE:
        words.pop()
    return " ".join(words)
