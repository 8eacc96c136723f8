"""Text from outside (CLI arguments, Slack payloads, files) made safe to handle, or refused clearly.

Python lets lone surrogates into a ``str``: a non-UTF-8 command-line argument arrives as
``\\udcXX`` escapes, and JSON may carry ``"\\ud800"``. Such a string cannot be encoded, so it fails
far from where it came in (a tokenizer, SQLite, the terminal). Files that are not UTF-8 are decoded
from their detected charset, and refused when the charset cannot be told, never read as mojibake.
"""

from __future__ import annotations

import re

from charset_normalizer import from_bytes

_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def without_surrogates(text: str) -> str:
    """The text with every lone surrogate replaced by U+FFFD (valid pairs are already one character)."""
    return _SURROGATE.sub(REPLACEMENT, text)


def undecodable_argument(text: str) -> int | None:
    """Where a command-line argument stops being text: the index of its first undecodable byte, or None."""
    found = _SURROGATE.search(text)
    return None if found is None else found.start()


class UndecodableFile(ValueError):
    """A file whose encoding is neither UTF-8 nor one that can be told with confidence."""


def decode_file(data: bytes) -> tuple[str, str]:
    """(text, encoding): UTF-8 (with or without BOM) as is; otherwise the charset detected from the bytes.

    Raises UndecodableFile when detection is not confident, rather than guessing.
    """
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as error:
        position = error.start
    best = from_bytes(data).best()
    if best is None or best.encoding in ("utf_8", "ascii"):
        raise UndecodableFile(
            f"not UTF-8 (byte {position}) and its encoding could not be detected; convert it to UTF-8"
        )
    return str(best), best.encoding
