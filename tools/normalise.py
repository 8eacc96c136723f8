"""Text from papers as a reader sees it, and as the checks must see it.

A paper can hide text from readers and show different text to checks: Unicode tag characters
(U+E0000–E007F) carry a whole invisible instruction, a combining grapheme joiner or a zero-width
character inside "ign\u034fore" breaks every pattern, bidi controls reorder what is displayed, and
Cyrillic "а" looks exactly like Latin "a". Two views fix that:

- ``clean``: what labbot stores and quotes (applied at ingest, by the Paper model, and again when a
  passage is quoted, for libraries ingested before). Invisible and format characters are removed and
  compatibility forms folded (NFKC: full-width letters, ligatures, odd spaces), except superscripts and
  subscripts, because full NFKC turns "10⁻⁵" into "10−5" and "I²" into "I2" and so changes numbers.
- ``fold``: what the injection checks read. Full NFKC, accents dropped, letters that look Latin
  (the Unicode confusables table, through ``confusable-homoglyphs``) mapped to Latin, casefolded.
  It is never shown to anyone.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from confusable_homoglyphs import categories, confusables

# Invisible in every font, yet read by models and pattern checks as characters.
_INVISIBLE_RANGES = (
    (0xE0000, 0xE007F),  # tag characters: an invisible copy of ASCII
    (0xFE00, 0xFE0F),  # variation selectors
    (0xE0100, 0xE01EF),  # variation selectors supplement
    (0x180B, 0x180F),  # Mongolian free variation selectors and vowel separator
)
_INVISIBLE_LETTERS = frozenset("\u034f\u115f\u1160\u3164\uffa0")  # combining grapheme joiner, Hangul fillers
_KEPT_COMPAT = ("<super>", "<sub>")
_SPACE = " "


def _invisible(char: str) -> bool:
    code = ord(char)
    # "Cf" (format) holds the zero-width characters, joiners, the word joiner, bidi controls, soft hyphen and BOM
    return (
        unicodedata.category(char) == "Cf"
        or char in _INVISIBLE_LETTERS
        or any(low <= code <= high for low, high in _INVISIBLE_RANGES)
    )


def _clean_char(char: str) -> str:
    if _invisible(char):
        return ""
    if unicodedata.category(char) == "Cc" and char not in "\n\t\r":
        return _SPACE
    if unicodedata.category(char) == "Zs":
        return _SPACE
    decomposition = unicodedata.decomposition(char)
    if decomposition.startswith("<") and not decomposition.startswith(_KEPT_COMPAT):
        return unicodedata.normalize("NFKC", char)
    return char


class _CleanTable(dict[int, str]):
    """A lazily filled str.translate table: each non-ASCII character is classified once."""

    def __missing__(self, code: int) -> str:
        value = self[code] = _clean_char(chr(code))
        return value


_CLEAN = _CleanTable()


def clean(text: str) -> str:
    """The text without invisible characters, compatibility forms folded (superscripts kept)."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).translate(_CLEAN))


def has_hidden_characters(text: str) -> bool:
    """Whether the text carries characters that ``clean`` removes (tag characters, joiners, bidi controls…)."""
    return not text.isascii() and any(_invisible(char) for char in text)


@lru_cache(maxsize=4096)
def _latin_lookalike(char: str) -> str:
    if categories.alias(char) in ("LATIN", "COMMON"):
        return char
    found = confusables.is_confusable(char, preferred_aliases=["latin"])
    if not found:
        return char
    letters = [str(g["c"]) for g in found[0]["homoglyphs"] if g["c"].isascii() and g["c"].isalpha()]
    # "Ι" (Greek capital iota) looks like both "l" and "I": the letter of the same case is the one meant
    same_case = [letter for letter in letters if letter.isupper() == char.isupper()]
    return (same_case or letters or [char])[0]


def fold(text: str, *, case: bool = True) -> str:
    """The skeleton the checks match: clean, full NFKC, no accents, Latin lookalikes, casefolded (``case``)."""
    text = unicodedata.normalize("NFKD", clean(text))
    text = "".join(char for char in text if not unicodedata.combining(char))
    if not text.isascii():
        # lower case first: the table maps capital iota "Ι" to "l" (as it maps "I"), small iota "ι" to "i"
        text = text if case is False else text.casefold()
        text = "".join(_latin_lookalike(char) if not char.isascii() else char for char in text)
    return text.casefold() if case else text


def mixes_latin_and_cyrillic(text: str) -> bool:
    """Whether one word mixes Latin and Cyrillic letters: no real word does, a homoglyph disguise does.

    (Greek inside Latin words is normal in statistics: "χ²-test", "β-blocker", "α-level".)"""
    for word in clean(text).split():
        if word.isascii():
            continue
        scripts = {categories.alias(char) for char in word if char.isalpha()}
        if {"LATIN", "CYRILLIC"} <= scripts:
            return True
    return False
