"""Make untrusted text inert in Slack mrkdwn: the last step before a block is built.

Slack reads `&`, `<` and `>` as control characters: `<!channel>`, `<@U123>`, `<#C1>`, `<url|label>`.
Escaping exactly those three (and nothing else) renders the text as written and makes every such
sequence plain text, whatever its disguise (zero-width or full-width characters only matter once
a real `<` survives, and none does). Escape once: escaping escaped text would show `&amp;lt;`.
"""

from __future__ import annotations

import re

_CONTROL = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_SAFE_URL = re.compile(r"^https?://[^\s<>|\"'`]+$")


def escape(text: str) -> str:
    return text.translate(_CONTROL)


def link(url: str | None, label: str) -> str:
    """A live link labbot itself builds; anything that is not a plain http(s) URL stays text."""
    if url is None or not _SAFE_URL.match(url):
        return escape(label)
    return f"<{url.replace('&', '&amp;')}|{escape(label).replace('|', '¦')}>"
