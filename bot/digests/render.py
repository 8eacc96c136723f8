"""A digest as one Slack message (Block Kit within Slack's limits, every untrusted string escaped) or as
rich text for the terminal. Pure functions."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from bot.blocks import MAX_BLOCKS, MESSAGE_CHARS, Block, context, section
from bot.digests.build import Digest, Entry
from bot.escape import escape, link

TITLE_CHARS = 300
SENTENCE_CHARS = 450
QUERY_CHARS = 200
NOTHING_NEW = {"daily": "Nothing new today", "weekly": "Nothing new this week", "preview": "Nothing new"}


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def entry_text(number: int, entry: Entry) -> str:
    head = f"*{number}.* {link(entry.link, _cut(entry.title, TITLE_CHARS))} — {escape(entry.attribution)}"
    head += f" · {escape(entry.origin)}"
    if entry.retraction:
        notice = escape(_cut(entry.retraction, 300))
        said = notice if notice.lower().startswith("retracted") else f"Retracted: {notice}"
        return f"{head}\n:warning: *{said}*. Listed so you know; not summarised."
    if not entry.sentences:
        return f"{head}\n_No abstract to summarise._"
    quoted = " ".join(f"“{escape(_cut(s, SENTENCE_CHARS))}”" for s in entry.sentences)
    return f"{head}\n{quoted} [{number}]"


def _size(block: Block) -> int:
    if "text" in block:
        return len(block["text"]["text"])
    return sum(len(str(e.get("text", ""))) for e in block.get("elements", []))


def digest_message(digest: Digest, cadence: str) -> dict[str, Any]:
    """One chat.postMessage payload; papers that would break Slack's limits are counted, not shown."""
    query = escape(_cut(digest.query, QUERY_CHARS))
    since = f"{digest.since:%Y-%m-%d}"
    count = len(digest.entries)
    if count:
        heading = f"*Literature digest: {query}*\n{count} new paper{'s' if count != 1 else ''} since {since}"
    else:
        heading = f"*Literature digest: {query}*\n{NOTHING_NEW.get(cadence, 'Nothing new')} since {since}."
    blocks: list[Block] = [section(heading)]
    footer = _footer(digest)
    budget = MESSAGE_CHARS - _size(blocks[0]) - sum(_size(b) for b in footer) - 100
    shown = 0
    for number, entry in enumerate(digest.entries, start=1):
        block = section(entry_text(number, entry))
        if _size(block) > budget or len(blocks) + len(footer) + 2 > MAX_BLOCKS:
            break
        blocks.append(block)
        budget -= _size(block)
        shown += 1
    if shown < count:
        blocks.append(context(f"…and {count - shown} more that do not fit in one message."))
    fallback = f"Literature digest: {query} — {count} new" if count else f"Literature digest: {query} — nothing new"
    return {"text": fallback, "blocks": blocks + footer}


def _footer(digest: Digest) -> list[Block]:
    lines = [f"Searched: {escape(', '.join(digest.searched))}"]
    lines += [escape(_cut(note, 300)) for note in digest.notes]
    if digest.subscription_id:
        lines.append(f"Stop it with `/labbot digest unsubscribe {escape(digest.subscription_id)}`")
    return [context(" · ".join(lines))]


def digest_rich(digest: Digest) -> RenderableType:
    """The terminal's view (`labbot digest run`)."""
    parts: list[RenderableType] = []
    if not digest.entries:
        parts.append(Text(f"Nothing new since {digest.since:%Y-%m-%d}.", style="dim"))
    for number, entry in enumerate(digest.entries, start=1):
        text = Text()
        text.append(f"{number}. {entry.title}", style="bold")
        text.append(f"\n{entry.attribution} · {entry.origin} · relevance {entry.score:.2f}", style="dim")
        if entry.link:
            text.append(f"\n{entry.link}", style="cyan")
        if entry.retraction:
            text.append(f"\nRetracted: {entry.retraction}", style="red")
        for sentence, passage in zip(entry.sentences, entry.passages, strict=True):
            text.append(f"\n“{sentence}” ")
            text.append(f"[{passage}]", style="green")
        parts.append(text)
    footer = f"Searched: {', '.join(digest.searched)}" + "".join(f"\n{note}" for note in digest.notes)
    parts.append(Text(footer, style="dim"))
    title = Text(f"Digest: {digest.query}")  # Text, not markup: the query is the user's
    return Panel(Group(*parts), title=title, subtitle=f"since {digest.since:%Y-%m-%d}")
