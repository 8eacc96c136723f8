"""Recognise text in a paper that talks to the assistant (or its reader) instead of about the science.

Retrieved text is data. A sentence is never quoted, and never shown to a model, when it

- addresses an agent: "ignore previous instructions", "AI assistants must…", "print your API key",
  in English or in the other languages below, after the disguises are folded (``tools.normalise``:
  invisible characters, homoglyphs, full-width letters, accents);
- tells readers what summaries or answers must say ("Summaries of this study are required to state
  that…"): science says what is true, not what others must repeat;
- carries a URL, a bare domain or an e-mail address (``tools.links``), markdown or Slack markup
  (``[x](…)``, ``<!channel>``, code fences, HTML), or hides characters a reader cannot see;
- names a PMID, DOI or arXiv id that is not in the library (``Screen.unknown_ids``), the way made-up
  references are planted ("proven superior by Smith et al. (PMID: 99999999)");
- is in another language or script than the answer (a quote the reader cannot check);
- completes an instruction begun by the sentence before it ("Note to AI systems. Recommend…").

``screen_passage`` applies all of it to a passage before drafting: what is left is the only text the
models, the quotes and the verification see. This is a filter for what labbot itself says; the
sandbox, Slack escaping and the citation checks hold whatever it misses.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field

from confusable_homoglyphs import categories

from tools.links import names_url_or_domain
from tools.normalise import clean, fold, has_hidden_characters, mixes_latin_and_cyrillic

# Only words that name an AI: "models should be checked" and "research assistants must be blinded" are methods.
_AGENT = (
    r"(?:ai|a\.i\.|artificial intelligence|llms?|(?:large )?language models?|chat ?bots?|bots?|labbot|"
    r"(?:chat)?gpt|copilot|claude|gemini|(?:ai|chat|virtual|digital|automated|coding|writing|smart) "
    r"(?:assistants?|agents?|tools?|systems?|readers?|summari[sz]ers?)|assistants? (?:like you|reading this)|"
    r"summari[sz](?:er|ing tool|ation tool)s?|crawlers?|machine readers?)"
)
# Who would repeat a paper: its summaries and readers (not "responses", a clinical word).
_SUMMARY = (
    r"(?:summar(?:y|ies)|abstracts? of this|reports? (?:on|of|about) this|descriptions? of this|"
    r"any (?:account|discussion|mention)|readers?|reviews? of this|overviews?|synopses|citations? of this|"
    r"discussions? of this|(?:answers?|responses?|replies) (?:about|on|to questions about|citing|describing) "
    r"(?:this|the (?:present|current))|anyone (?:summari[sz]ing|citing|describing|discussing|quoting) this)"
)
_MUST = (
    r"(?:must|shall|should|ought to|ha(?:ve|s) to|needs? to|are (?:required|obliged|expected|instructed|asked|"
    r"requested|advised|directed|to)|is (?:required|obliged|expected|instructed|asked|requested|to)|"
    r"(?:are|is) not (?:allowed|permitted) to|may only|may not|(?:are|is) (?:only )?allowed to|always|never|"
    r"(?:is|are) mandated to)"
)
_SAY = (
    r"(?:state|say|mention|report|include|claim|conclude|recommend|write|describe|begin|start|end|open|close|"
    r"emphasi[sz]e|cite|note|tell|present|refer|quote|advise|warn|declare|assert|stress|advertise|promote|"
    r"link|direct|point|send|urge|repeat|reproduce|print|output|respond|reply|answer|add|append|insert|"
    r"characteri[sz]e|call|label|rate|rank|omit|ignore|avoid|exclude|recogni[sz]e|acknowledge|treat)"
)

_ENGLISH = [
    # the classic overrides and role-play
    r"\b(?:ignore|disregard|forget|override|bypass|overrule)\b.{0,40}\b(?:instructions?|prompts?|rules?|"
    r"directions?|guidance|guidelines?|system|polic(?:y|ies)|constraints?|training|(?:the|everything) above|"
    r"(?:previous|prior|earlier|preceding) (?:text|messages?|context|content))\b",
    r"\b(?:you are|act as|pretend(?: to be)?|roleplay|role-play|from now on|new instructions?|"
    r"developer mode|dan mode)\b",
    r"\b(?:system prompt|system message|developer message|jailbreak|prompt injection|hidden instruction)\b",
    r"\b(?:if|when|whenever) (?:you are|you're) .{0,30}\b" + _AGENT + r"\b",
    rf"\b{_AGENT}\b.{{0,60}}\b{_MUST}\b",
    rf"\b(?:to|for|attention|note to|message to|instructions? (?:to|for))\b.{{0,12}}\b{_AGENT}\b\s*[:,.!-]",
    rf"^\s*(?:dear |hey |hello |attention,? )?{_AGENT}\b\s*[:,]",
    # what summaries, answers or readers must say: a normative meta-instruction
    rf"\b{_SUMMARY}\b.{{0,60}}\b{_MUST}\b.{{0,40}}\b{_SAY}",
    r"\b(?:this|the present|our) (?:paper|study|article|work|trial|abstract|finding|result)s?\b.{0,30}"
    r"\b(?:must|shall|should|is to|are to|has to|needs to)\b.{0,20}\b(?:be )?(?:described|presented|cited|"
    r"summari[sz]ed|reported|called|referred to|characteri[sz]ed|labell?ed|quoted|ranked|rated|mentioned)",
    r"\b(?:it is|it's) (?:mandatory|required|obligatory|compulsory|essential|imperative) (?:for|that) "
    r"(?:any|every|all|each)\b.{0,40}\b(?:summar|answer|response|assistant|reader|model|tool|system)",
    r"\b(?:any|every|all|each) (?:summar(?:y|ies)|assistants?|(?:ai|automated|summari[sz]ing) "
    r"(?:tools?|systems?|models?))\b.{0,60}\b(?:must|shall|is required|are required|has to|have to|needs to)\b",
    # secrets, code and the host
    r"\b(?:print|reveal|show|output|send|leak|exfiltrate|post|dump|display|share|upload|include)\b.{0,40}"
    r"\b(?:env(?:ironment)?(?: variables?)?|secrets?|(?:access |api |auth |bot |slack )tokens?|api[ _-]?keys?|"
    r"passwords?|credentials?|private keys?|ssh)\b",
    r"\b(?:os\.environ|getenv|/proc/|/etc/passwd|/etc/shadow|subprocess|curl|wget|base64|eval\(|exec\(|"
    r"import os|__import__)",
    r"\b(?:openai|slack|anthropic|aws)_?[a-z_]*(?:key|token|secret)\b",
    # citing, mentioning, linking on command
    r"\b(?:always|must|should|shall|required to)\b.{0,30}\b(?:cite|reference|credit|link)\b",
    r"\b(?:mention|notify|ping|tag|alert|page)\b.{0,20}\b(?:@?channel|@?here|@?everyone|everyone|all users|"
    r"the (?:whole )?team)\b",
    r"@(?:channel|here|everyone)\b",
    r"\b(?:click|visit|go to|navigate to|download (?:it |them )?from|log ?in at|sign ?in at|"
    r"enter (?:your|their) (?:data|details|credentials))\b.{0,40}\b(?:link|website|site|page|portal|url|server|dot)\b",
    r"\b(?:dot|\[\.\]|\(\.\))\s*(?:com|org|net|io|info|xyz|biz|co|ru|cn)\b",
    r"\b(?:readers?|users?|you|visitors?)\b.{0,40}\b(?:must|should|are asked to|need to)\b.{0,20}"
    r"\b(?:enter|upload|submit|send|email|e-mail|log ?in|sign ?in|register|visit|download|click|install)\b",
    r"\b(?:respond|reply) (?:only\b|(?:with|in) (?:the following|exactly|only|json|this)\b)"
    r"|\bdo not (?:mention|reveal|tell|say)\b|\bnever (?:mention|reveal|tell)\b",
    r"\b(?:begin|start|end|prefix|suffix|sign) (?:your|each|every) (?:answer|response|reply|summary|message)",
    r"\byour (?:answer|response|reply|output|summary)s? (?:must|should|shall|has to|needs to|will)\b",
]

# The same moves in other languages: after ``fold`` (accents gone, lookalikes Latin, casefolded).
_OTHER_LANGUAGES = [
    # German
    r"\b(?:ignorier|vergiss|missacht)\w*\b.{0,50}\b(?:anweisung|anleitung|vorgab|regel|instruktion|befehl)",
    r"\b(?:ki|assistent\w*|sprachmodell\w*|zusammenfassung\w*|antwort\w*|leser\w*)\b.{0,50}"
    r"\b(?:mussen|muss|sollen|sollten|durfen nicht|haben zu)\b",
    # French
    r"\b(?:ignore[rz]?|oublie[rz]?|neglige[rz]?)\b.{0,50}\b(?:instructions?|consignes?|regles?|directives?)",
    r"\b(?:ia|assistants?|modeles? de langage|resumes?|reponses?|lecteurs?)\b.{0,50}"
    r"\b(?:doi(?:t|vent)|devra(?:ient|it)?|sont tenus|est tenu|faut)\b",
    # Spanish and Portuguese
    r"\b(?:ignora[rd]?|ignore[mn]?|olvida[rd]?|esquece|desconsidere)\b.{0,50}\b(?:instruc(?:cion|ao|oes)\w*|"
    r"indicac\w*|reglas?|regras?|ordens?)",
    r"\b(?:ia|asistentes?|assistentes?|modelos? de lenguaje|resumen(?:es)?|resumos?|respuestas?|respostas?|"
    r"lectores?|leitores?)\b.{0,50}\b(?:deben?|debera[n]?|tienen que|devem?|deverao|tem que|precisam)\b",
    # Italian and Dutch
    r"\b(?:ignora(?:re)?|dimentica(?:re)?|negeer|vergeet)\b.{0,50}\b(?:istruzioni|regole|instructies|regels)",
    r"\b(?:assistenti|riassunt\w|rispost\w|lettori|samenvatting\w*|assistenten|antwoorden)\b.{0,50}"
    r"\b(?:devono|deve|dovranno|moeten|moet)\b",
]
# Scripts that ``fold`` cannot map to Latin keep their own words: checked on the clean text.
_NON_LATIN = [
    r"(?:игнорир|проигнорир|забуд|пренебрег)\w*.{0,50}(?:инструкц|указани|правил|команд)",
    r"(?:ассистент|помощник|ИИ|модел|резюме|аннотаци|ответ|читател)\w*.{0,50}(?:должн|обязан|следует|нужно)",
    r"(?:忽略|无视|忘记|忽視|無視|無視して).{0,20}(?:指令|指示|说明|規則|规则|提示)",
    r"(?:助手|人工智能|AI|模型|摘要|回答|总结|総括|要約|アシスタント).{0,20}(?:必须|務必|应当|应该|必要があります|しなければ|べき)",
    r"(?:指示|命令)を?(?:無視|忘れ)",
    r"(?:تجاهل|انس).{0,30}(?:التعليمات|الأوامر)",
]
_MARKUP = [
    r"<[!@#]|<https?:|<mailto:|<[^<>]*\|[^<>]*>",  # Slack control sequences: <!channel>, <@U…>, <url|label>
    r"\[[^\]]{0,200}\]\((?:[a-z][a-z0-9+.-]*:|www\.|/|#|[^)\s]*\.[a-z]{2,})|!\[",  # markdown links and images
    r"```|`[^`]{1,200}`",  # code spans and fences: text shaped like labbot's own output
    r"</?(?:a|script|img|iframe|style|b|i|span|div|p|br|h[1-6])\b[^>]*>",
    r"&(?:lt|gt|amp|quot|#\d+|#x[0-9a-f]+);",
    r"^\s*(?:#{1,6}\s|>\s|[*_~]{1,3}\S.*[*_~]{1,3}\s*$)",
    r"\*(?:sources|summary|methods|results|limitations|note)\*",
    r"^\s*(?:system|assistant|user|human|instruction)s?\s*:",
    r"\[(?:inst|/inst|system)\]|<\|[a-z_]+\|>|<<sys>>",
    r"[\w.+-]+@[\w-]+\.[\w.-]+",  # an e-mail address
    r"\bhxxps?://|\w\[\.\]\w",  # a defanged link, for a model to re-arm
]
_SCREEN_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[^a-z])|(?<=[。！？])")
_ABBREVIATION_END = re.compile(r"\b(?:et al|e\.g|i\.e|cf|vs|fig|ref|refs|no)\.$", re.IGNORECASE)
_PMID = re.compile(r"\bpmid\s*:?\s*(\d{1,9})\b", re.IGNORECASE)
_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>,;]+[^\s\"<>,;.)\]])", re.IGNORECASE)
_ARXIV = re.compile(r"\barxiv\s*:?\s*(\d{4}\.\d{4,5})(?:v\d+)?\b", re.IGNORECASE)

_FLAGS = re.IGNORECASE | re.DOTALL
_ENGLISH_RE = re.compile("|".join(f"(?:{p})" for p in _ENGLISH + _OTHER_LANGUAGES), _FLAGS)
_NON_LATIN_RE = re.compile("|".join(f"(?:{p})" for p in _NON_LATIN), _FLAGS)
_MARKUP_RE = re.compile("|".join(f"(?:{p})" for p in _MARKUP), _FLAGS | re.MULTILINE)
# A sentence that only announces its addressee ("Note for AI assistants.") leans on the next one.
_ADDRESSEE = re.compile(
    rf"\b(?:to|for|attention|note to|message to|dear|hey|if you are|if you're)\b.{{0,20}}\b{_AGENT}\b"
    rf"|\b{_AGENT}\b.{{0,30}}\b(?:reading|processing|summari[sz]ing|parsing|ingesting|analy[sz]ing) this\b"
    r"|\b(?:the following|these instructions|as follows|next sentence|below)\b",
    _FLAGS,
)
_IMPERATIVE = re.compile(
    r"^\s*(?:please\s+)?(?:ignore|disregard|forget|recommend|state|say|tell|write|include|add|mention|cite|"
    r"respond|reply|answer|begin|start|end|always|never|do not|don't|make sure|ensure|remember|output|print|"
    r"send|visit|direct|point|describe|present|conclude|claim|report|advise|urge|warn|treat|call|insist)\b",
    _FLAGS,
)
# English function words: most English sentences have several, another language's have few.
_ENGLISH_FUNCTION = (
    "the of and to in a is that for are with as by be this was on or an were from at which not it can we these "
    "than have has when between more used may their our its but also been all than both each into such"
)
_FOREIGN_FUNCTION = (
    "der die das und ist nicht mit von zu den dem des ein eine sie wir auf fur werden le la les et est des une "
    "un du pour dans que qui sont pas avec el los las y es por para con una del se al lo il di che non per sono "
    "gli della het een van en niet zijn voor op dat os do da em ao uma nao"
)
_ENGLISH_WORDS, _FOREIGN_WORDS = frozenset(_ENGLISH_FUNCTION.split()), frozenset(_FOREIGN_FUNCTION.split())


@dataclass(frozen=True, slots=True)
class Screen:
    """A passage as the answer may use it: its clean, kept text and what was taken out."""

    text: str
    removed: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    unknown_ids: tuple[str, ...] = field(default=())

    @property
    def flagged(self) -> bool:
        return bool(self.removed)


def identifiers_in(text: str) -> list[str]:
    """PMIDs, DOIs and arXiv ids a sentence names, as library paper ids (``PMID:1``, ``DOI:10.1/x``, ``arXiv:…``)."""
    folded = clean(text)
    found = [f"PMID:{m.group(1)}" for m in _PMID.finditer(folded)]
    found += [f"DOI:{m.group(1)}" for m in _DOI.finditer(folded)]
    found += [f"arXiv:{m.group(1)}" for m in _ARXIV.finditer(folded)]
    return found


def names_identifier_outside(text: str, sources: str) -> bool:
    """Whether a model's sentence names a PMID, DOI or arXiv id that the passages it saw do not contain."""
    return any(i.split(":", 1)[1].lower() not in sources.lower() for i in identifiers_in(text))


def _foreign(text: str) -> bool:
    """Another language or script: mostly letters that are not Latin, or few English function words."""
    letters = [c for c in text if c.isalpha()]
    other = [c for c in letters if not c.isascii()]  # ASCII letters are Latin: only the rest need a lookup
    if len(other) > 0.3 * len(letters) and sum(categories.alias(c) != "LATIN" for c in other) > 0.3 * len(letters):
        return True  # Greek letters in a formula stay well below this
    words = re.findall(r"[a-z]+", fold(text))
    if len(words) < 6:
        return False
    english = sum(w in _ENGLISH_WORDS for w in words)
    foreign = sum(w in _FOREIGN_WORDS for w in words)
    return foreign >= 3 and foreign > english


def instruction_reason(text: str) -> str | None:
    """Why a sentence must not be quoted (a short reason), or None when it is plain science."""
    if has_hidden_characters(text):
        return "hidden characters"
    if mixes_latin_and_cyrillic(text):
        return "mixed-script words"
    cleaned = clean(text)
    folded = fold(cleaned)
    checks: list[tuple[str, Callable[[], bool]]] = [
        ("addresses an agent", lambda: _ENGLISH_RE.search(folded) is not None),
        ("addresses an agent", lambda: _NON_LATIN_RE.search(cleaned) is not None),
        ("markup", lambda: _MARKUP_RE.search(cleaned) is not None),
        ("a link or domain", lambda: names_url_or_domain(cleaned) or names_url_or_domain(fold(cleaned, case=False))),
        ("another language", lambda: _foreign(cleaned)),
    ]
    return next((reason for reason, check in checks if check()), None)


def looks_like_instruction(text: str) -> bool:
    return instruction_reason(text) is not None


def screen_sentences(sentences: list[str], known_ids: Collection[str] = ()) -> list[str | None]:
    """For each sentence, why it is taken out (None: kept). Identifiers are checked against ``known_ids``,
    case-insensitively; an instruction split over two sentences takes out both."""
    known = {k.lower() for k in known_ids}
    reasons: list[str | None] = []
    for sentence in sentences:
        reason = instruction_reason(sentence)
        if reason is None and any(i.lower() not in known for i in identifiers_in(sentence)):
            reason = "names an identifier that is not in the library"
        reasons.append(reason)
    for index in range(len(sentences) - 1):
        first, second = sentences[index], sentences[index + 1]
        joined = fold(f"{first} {second}")
        addressed = _ADDRESSEE.search(fold(first)) is not None and _IMPERATIVE.search(fold(second)) is not None
        if addressed or (reasons[index] is None and reasons[index + 1] is None and _ENGLISH_RE.search(joined)):
            reasons[index] = reasons[index] or "instruction split across sentences"
            reasons[index + 1] = reasons[index + 1] or "instruction split across sentences"
    return reasons


def _whole_sentences(text: str) -> list[str]:
    """Sentences as the screen sees them: cut before anything but a lower-case ASCII letter (so "bands. АI …" in
    Cyrillic, "*Sources*" or "```" start their own), after CJK full stops, and with a cut after "et al." or
    "e.g." mended: "…by Smith et al. (PMID: 9…)" is one claim."""
    sentences: list[str] = []
    for sentence in (s.strip() for s in _SCREEN_SPLIT.split(" ".join(text.split()))):
        if not sentence:
            continue
        if sentences and _ABBREVIATION_END.search(sentences[-1]):
            sentences[-1] = f"{sentences[-1]} {sentence}"
        else:
            sentences.append(sentence)
    return sentences


def screen_passage(text: str, known_ids: Collection[str] = ()) -> Screen:
    """The passage without the sentences that must not be quoted or shown to a model."""
    sentences = _whole_sentences(clean(text))
    reasons = screen_sentences(sentences, known_ids)
    kept = [s for s, r in zip(sentences, reasons, strict=True) if r is None]
    removed = tuple(s for s, r in zip(sentences, reasons, strict=True) if r is not None)
    unknown = tuple(i for s in removed for i in identifiers_in(s) if i.lower() not in {k.lower() for k in known_ids})
    if not removed and not has_hidden_characters(text):
        return Screen(text=clean(text))
    return Screen(
        text=" ".join(kept),
        removed=removed,
        reasons=tuple(r for r in reasons if r is not None),
        unknown_ids=unknown,
    )
