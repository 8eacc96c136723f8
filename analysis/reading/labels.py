"""Names for data from the words written just before it: "mice on the high-fat diet (", "Arm B (weeks):"."""

from __future__ import annotations

import re

_CLAUSE_BREAK = re.compile(r"(?<=[^\d\s][.!?])\s+|(?<=\d[.!?])\s+(?=[A-Za-z])|[;\n|]")
_PARENTHETICAL = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|\([^()]*$")
_SAMPLE_SIZE = re.compile(
    r"\b(?:n\s*=\s*\d+|\d+\s+(?:patients|subjects|participants|mice|rats|animals|people|samples|individuals"
    r"|cases|replicates|observations|values|measurements))\b",
    re.IGNORECASE,
)
_TRAILING_JUNK = re.compile(r"[\s:=,\-–—<>(\[{\"'`]+$|(?:<-|=|^)\s*c\(?\s*$|<-\s*$")
_TRAILING_FILLER = {
    "were", "was", "are", "is", "be", "of", "values", "value", "data", "measurements", "measurement",
    "readings", "observations", "results", "numbers", "list", "as", "follows", "gave", "showed", "had",
    "has", "have", "with", "the", "in", "at", "for", "n", "obs", "got", "we", "i", "recorded", "measured",
    "observed", "array", "vector", "counted", "found", "saw", "obtained", "scored", "weighed", "they", "it",
    "came", "out", "returned", "reported", "here", "these", "those", "below", "are:",
}  # fmt: skip
# R's console names the data on the line before: "> dput(bw_smoke)", "> x", "$A" (a list element)
_R_NAME = re.compile(
    r"(?:>\s*dput\(\s*(?P<dput>[\w.$]+)\s*\)|^\s*>\s*(?P<printed>[\w.$]+)\s*$|^\s*\$(?P<element>[\w.]+)\s*$)"
)
_LEADING_STOPWORDS = {
    "the", "a", "an", "and", "or", "vs", "versus", "v", "while", "whereas", "in", "for", "on", "with",
    "from", "but", "then", "also", "to", "of", "at", "between", "compared", "here", "are", "is", "my",
    "our", "their", "we", "i", "have", "has", "got", "that", "this", "those", "these", "what", "about",
    "by", "it", "its", "if", "so", "both", "each", "per", "among", "were", "was", "data",
}  # fmt: skip
_MAX_WORDS = 4

# the name of a column of identifiers ("subj", "patient id", "plant"): who was measured, not a measurement
IDS = re.compile(
    r"^(?:id|subject|subj|sid|pid|patient|participant|pt|pair|animal|mouse|case|individual|person|plant|plot|chick|rat|eye|judge"
    r"|child|twin|block|unit|sample|donor|site|proband|volunteer|respondent|student|pupil|dog|pig|cow|horse|tree"
    r"|litter|family|household|specimen|cage|infant|mother)s?(?:[ _-]?(?:id|no|number))?$",
    re.IGNORECASE,
)


def clause_before(text: str, start: int, floor: int) -> str:
    """The last clause with words between ``floor`` and ``start``; "" when only punctuation is there."""
    pieces = _CLAUSE_BREAK.split(text[floor:start])
    for piece in reversed(pieces):
        if re.search(r"[A-Za-zα-ωΑ-Ω]", piece):
            return piece.strip()
    return ""


def r_name_before(text: str, start: int) -> str:
    """The name R's console gives the data starting at ``start``: from the line above it, or ""."""
    line_start = text.rfind("\n", 0, start)
    previous = text[text.rfind("\n", 0, max(line_start, 0)) + 1 : max(line_start, 0)]
    match = _R_NAME.search(previous) if line_start > 0 else None
    if match is None:
        return ""
    name = match.group("dput") or match.group("printed") or match.group("element") or ""
    return name.rsplit("$", 1)[-1]


_R_ASSIGNED = re.compile(r"([A-Za-z_.][\w.]*)\s*(?:=|<-)\s*c\(\s*$")


def label_from(clause: str) -> str:
    """A short display name from the clause before some data: at most four words, fillers trimmed."""
    assigned = _R_ASSIGNED.search(clause)
    if assigned:
        return assigned.group(1)  # R: "list(A = c(", "x <- c("
    text = _SAMPLE_SIZE.sub(" ", _PARENTHETICAL.sub(" ", clause))
    text = _strip_trailing(text) or _TRAILING_JUNK.sub("", text).strip()  # "values:" alone is still a name
    for separator in (r"[:=]", r","):
        if re.search(separator, text):
            text = _strip_trailing(re.split(separator, text)[-1]) or text
    words = [w for w in re.split(r"\s+", text) if w and re.search(r"\w", w)]
    words = _after_last_joiner(words)[-_MAX_WORDS:]
    while len(words) > 1 and words[0].lower().strip(",.") in _LEADING_STOPWORDS:
        words.pop(0)
    if len(words) == 1 and words[0].lower() in _LEADING_STOPWORDS and not words[0].isupper():
        words = []  # "the", "and": no name; but "A" (a blood group) is one
    return " ".join(w.strip(",.;?!>").rsplit("$", 1)[-1] for w in words).strip()


_JOINERS = {"on", "for", "between", "vs", "vs.", "versus", "and", "whereas", "while"}


def _after_last_joiner(words: list[str]) -> list[str]:
    """ "Student t-test on x1" → "x1", "mice on the high-fat diet" → "the high-fat diet": the name follows
    the last joining word when one or two words (plus an article) follow it."""
    for index in range(len(words) - 2, -1, -1):
        if words[index].lower() in _JOINERS:
            tail = words[index + 1 :]
            content = [w for w in tail if w.lower() not in {"the", "a", "an"}]
            return tail if 1 <= len(content) <= 2 else words
    return words


_NUMBERED = re.compile(r"^(?:stage|grade|phase|type|class|level|arm|group|cohort|trial|part|period)$", re.IGNORECASE)


def _strip_trailing(text: str) -> str:
    previous = None
    while previous != text:
        previous = text
        text = _TRAILING_JUNK.sub("", text).rstrip()
        words = text.split()
        numeral = len(words) > 1 and words[-1].strip(",.;") == "I" and _NUMBERED.match(words[-2])
        if words and words[-1].lower().strip(",.;") in _TRAILING_FILLER and not numeral:
            text = " ".join(words[:-1])
    return text.strip()


def words_before(text: str, start: int, floor: int) -> str:
    """The words right before a count ("improved 30, not improved 10"), back to punctuation or a digit."""
    match = re.search(r"([A-Za-z][A-Za-z' \-]{0,40}?)\s*$", re.split(r"[,;:()\d]", text[floor:start])[-1])
    return match.group(1).strip() if match else ""


def words_after(text: str, end: int, limit: int) -> str:
    """The words right after a count ("15 improved, 5 did not"): a column name, up to punctuation or a digit."""
    tail = text[end:limit]
    match = re.match(r"\s*([A-Za-z][A-Za-z' \-]{0,40}?)\s*(?=[,;:.()\d/]|\band\b|\bvs\b|$)", tail)
    return match.group(1).strip() if match else ""


_HEADER_SPLIT = re.compile(r"\t|\s{2,}|\s*\|\s*|\s*,\s*")
_RULE_LINE = re.compile(r"[\s|:\-+=]*")


def header_cells(text: str, start: int, width: int) -> tuple[str, ...] | None:
    """Column names from the line above a grid that starts at ``start`` (skipping |---| rules).

    Names may hold digits ("day 1 | day 7") when explicit separators (tabs, bars, commas, wide gaps)
    split the line into exactly ``width`` cells; split on single spaces, a line with digits is data.
    """
    lines = text[:start].split("\n")[:-1]
    while lines and lines[-1].strip() and _RULE_LINE.fullmatch(lines[-1]):
        lines.pop()
    previous = lines[-1].strip() if lines else ""
    if len(lines) >= 2 and re.fullmatch(r"[A-Za-z_][\w.]*", previous) and lines[-2].strip():
        previous = lines[-2].strip()  # pandas prints the index's name on a line of its own, under the header
    if not previous:
        return None
    explicit = tuple(cell.strip(" :|") for cell in _HEADER_SPLIT.split(previous) if cell.strip(" :|"))
    if len(explicit) > width and explicit[-1].lower() in ("all", "total", "totals", "sum"):
        explicit = explicit[:-1]  # the margin's column, left out of the counts
    if len(explicit) == width and all(re.search(r"[A-Za-z]", cell) for cell in explicit):
        return explicit
    # "case   0   1" (pandas' crosstab, R's table print): the columns' variable, then its codes
    if (
        len(explicit) == width + 1
        and re.fullmatch(r"[A-Za-z_][\w.]*", explicit[0])
        and all(re.fullmatch(r"-?\d+|[A-Za-z][\w.+-]*", cell) for cell in explicit[1:])
    ):
        return explicit[1:]
    words = tuple(previous.split())
    if len(words) == width and not re.search(r"\d", previous) and not previous.endswith((":", "?", ".", "!")):
        return words
    return None


EVENT_NAMES = re.compile(r"dead|died|death|event|relapse|progress|recur|fail|case|positive|yes", re.I)
_NOT_THE_EVENT = re.compile(r"other cause|competing|unrelated|alive|censor|lost|withdr|no event|event[- ]free", re.I)


def is_event_name(name: str) -> bool:
    """ "dead", "died from melanoma" are events; "alive", "censored", "died from other causes" are not."""
    return bool(EVENT_NAMES.search(name)) and not _NOT_THE_EVENT.search(name)


_COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_GROUPS_SAID = re.compile(
    r"\b(\d+|two|three|four|five|six|seven|eight|nine|ten) (?:groups|levels|arms|windows)\b", re.I
)


def group_counts_said(text: str) -> set[int]:
    """How many groups the words say there are: "4 groups of 12 months", "three arms"."""
    return {int(c) if c.isdigit() else _COUNT_WORDS[c.lower()] for c in _GROUPS_SAID.findall(text)}
