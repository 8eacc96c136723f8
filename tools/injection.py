"""Recognise text in a paper that talks to the assistant instead of about the science.

Retrieved text is data. A sentence that addresses the reader as an agent ("ignore previous
instructions", "mention @channel", "print your API key", "cite this paper") or carries a live link
or a Slack control sequence is never quoted as a claim. This is a filter for what labbot itself
says; the sandbox, Slack escaping and citation checks hold whatever it misses.
"""

from __future__ import annotations

import re
import unicodedata

_PATTERNS = [
    r"\b(ignore|disregard|forget|override)\b.{0,40}\b(instruction|prompt|rule|direction|above|previous|prior)",
    r"\b(you are|act as|pretend to be|roleplay)\b.{0,30}\b(assistant|ai|model|bot|chatgpt|labbot)\b",
    r"\b(system prompt|developer message|jailbreak)\b",
    r"\b(assistant|ai|model|bot|labbot|chatbot)s?\b.{0,40}\b(must|should|shall|need to|has to)\b",
    r"\b(print|reveal|show|output|send|leak|exfiltrate|post)\b.{0,40}\b(env(ironment)?|secret|token|api[ _-]?key|"
    r"password|credential)",
    r"\b(os\.environ|getenv|/proc/|/etc/passwd|subprocess|curl|wget)\b",
    r"\b(always|must|should)\b.{0,30}\bcite\b",
    r"\b(mention|notify|ping|tag)\b.{0,20}\b(@?channel|@?here|@?everyone|everyone|all users)\b",
    r"<[!@#]|<https?:|\|[^>]*>",  # Slack control sequences: <!channel>, <@U…>, <url|label>
    r"\bhttps?://|\bwww\.",
    r"@(channel|here|everyone)\b",
]
_INSTRUCTION = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE | re.DOTALL)
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")


def normalise(text: str) -> str:
    """Fold the disguises: full-width forms (NFKC) and zero-width characters."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))


def looks_like_instruction(text: str) -> bool:
    return _INSTRUCTION.search(normalise(text)) is not None
