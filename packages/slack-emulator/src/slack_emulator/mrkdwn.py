"""Find what Slack would render live in mrkdwn: mentions, broadcasts, dates and links written in angle brackets.

Slack treats `&`, `<` and `>` as control characters (reliability-reference §1.5): text that carries a literal
`<!channel>` pings the channel unless it was escaped to `&lt;!channel&gt;`. labbot's tests assert that model,
paper and user text never yields a sequence here, except the links labbot builds itself, which callers
allow-list by `kind == "link"` and their `target`.

Matching is deliberately wider than Slack's renderer: any `<…>` whose body starts with `!`, `@`, `#` or a
URL scheme counts, well formed or not, because Slack consumes it either way.
"""

from __future__ import annotations

import re
from typing import Any

_BRACKETED = re.compile(r"<([^<>]+)>")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")
_BROADCASTS = frozenset({"channel", "here", "everyone", "group"})
_SPECIAL_KINDS = {"subteam": "usergroup", "date": "date"}
_SIGIL_KINDS = {"@": "user", "#": "channel"}


class ControlSequence(str):
    """The raw sequence (a `str`, so results compare equal to plain strings) with what it does.

    kind: broadcast (`<!channel>`, `<!here>`, `<!everyone>`), usergroup (`<!subteam^S…>`), date (`<!date^…>`),
    special (any other `<!…>`), user (`<@U…>`), channel (`<#C…>`) or link (`<https://…|label>`, `<mailto:…>`).
    target: the id, name or URL before any `|`; label: what follows `|`, or None.
    pointer: where it was found in a JSON payload ("" for plain text).
    """

    kind: str
    target: str
    label: str | None
    pointer: str

    def __new__(cls, raw: str, kind: str, target: str, label: str | None, pointer: str = "") -> ControlSequence:
        sequence = super().__new__(cls, raw)
        sequence.kind, sequence.target, sequence.label, sequence.pointer = kind, target, label, pointer
        return sequence

    def at(self, pointer: str) -> ControlSequence:
        return ControlSequence(str(self), self.kind, self.target, self.label, pointer)


def live_control_sequences(text: str) -> list[ControlSequence]:
    """Every sequence in `text` that Slack would turn into a mention, broadcast, date or link, in order."""
    found: list[ControlSequence] = []
    for match in _BRACKETED.finditer(text):
        body, bar, label = match.group(1).partition("|")
        kind = _kind_of(body.strip())
        if kind is not None:
            found.append(ControlSequence(match.group(0), kind, _target_of(body.strip()), label if bar else None))
    return found


def live_control_sequences_in(payload: Any, pointer: str = "") -> list[ControlSequence]:
    """`live_control_sequences` over every string of a JSON value (message arguments, blocks, events)."""
    if isinstance(payload, str):
        return [sequence.at(pointer) for sequence in live_control_sequences(payload)]
    if isinstance(payload, dict):
        items: list[tuple[str, Any]] = [(str(key), value) for key, value in payload.items()]
    elif isinstance(payload, list):
        items = [(str(index), value) for index, value in enumerate(payload)]
    else:
        return []
    return [found for key, value in items for found in live_control_sequences_in(value, f"{pointer}/{key}")]


def escape_mrkdwn(text: str) -> str:
    """Slack's escaping: only `&`, `<` and `>`, and `&` first so nothing is escaped twice in one pass."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _kind_of(body: str) -> str | None:
    if body.startswith("!") and len(body) > 1:
        command = body[1:].split("^", 1)[0]
        return "broadcast" if command in _BROADCASTS else _SPECIAL_KINDS.get(command, "special")
    if body[:1] in _SIGIL_KINDS and len(body) > 1:
        return _SIGIL_KINDS[body[0]]
    if _SCHEME.match(body):
        return "link"
    return None


def _target_of(body: str) -> str:
    if body[:1] in ("!", "@", "#"):
        return body[1:]
    return body
