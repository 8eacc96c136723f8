"""Make untrusted text inert in Slack mrkdwn: the last step before a block is built.

Slack reads `&`, `<` and `>` as control characters: `<!channel>`, `<@U123>`, `<#C1>`, `<url|label>`.
Escaping exactly those three (and nothing else) renders the text as written and makes every such
sequence plain text, whatever its disguise (zero-width or full-width characters only matter once
a real `<` survives, and none does). Escape once: escaping escaped text would show `&amp;lt;`.

Slack also turns bare URLs and domains into links by itself ("evil.example.com/login"). Blocks are posted
with `verbatim: true`, which stops that preprocessing, and `escape` defangs URLs and domains in prose
("evil[.]example[.]com") for the clients that linkify on display; `escape_code` leaves text inside code
fences as written, where nothing is ever a link.
"""

from __future__ import annotations

import re

from tools.links import defang

_CONTROL = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_SAFE_URL = re.compile(r"^https?://[^\s<>|\"'`]+$")


def escape(text: str) -> str:
    """Untrusted prose made inert: control characters escaped, URLs and domains defanged."""
    return defang(text).translate(_CONTROL)


def escape_code(text: str) -> str:
    """Untrusted text for inside a code span or fence: control characters escaped, shown as written."""
    return text.translate(_CONTROL)


def link(url: str | None, label: str) -> str:
    """A live link labbot itself builds; anything that is not a plain http(s) URL stays text."""
    if url is None or not _SAFE_URL.match(url):
        return escape(label)
    return f"<{url.replace('&', '&amp;')}|{escape(label).replace('|', '¦')}>"
