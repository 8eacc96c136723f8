"""An Answer as Slack messages: Block Kit within Slack's limits, every untrusted string escaped.

Pure functions. Long answers are split into several messages (≤ 50 blocks, section text ≤ 3,000
characters, ≤ 12,000 characters of block text each); the feedback buttons (and
Share, where the answer is the asker's alone) go on the last one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    ButtonElement,
    ContextActionsBlock,
    FeedbackButtonObject,
    FeedbackButtonsElement,
)

from bot.escape import escape, escape_code, link
from graph.schemas import AnalysisReport, Answer, Citation, CodeReport
from tools.papers import page_label

Block = dict[str, Any]
MAX_BLOCKS = 50
SECTION_CHARS = 3000
MESSAGE_CHARS = 12000
CODE_CHARS = 2800  # leaves room for the fences and a label inside one section
OUTPUT_LINES = 30
FALLBACK_CHARS = 300
FEEDBACK_ACTION = "feedback"
SHARE_ACTION = "share_answer"
VERDICT_MARK = {"supported": "✓", "unsupported": "✗ unverified", "unknown_source": "✗ unknown source"}


def section(text: str) -> Block:
    # verbatim: Slack links nothing by itself; the only links are the ones labbot writes as <url|label>
    return {"type": "section", "text": {"type": "mrkdwn", "text": text, "verbatim": True}}


def context(text: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text, "verbatim": True}]}


def pieces(text: str, limit: int = SECTION_CHARS) -> Iterator[str]:
    """Cut text at line or sentence ends so each piece fits one section."""
    while len(text) > limit:
        cut = max(text.rfind("\n", 0, limit), text.rfind(". ", 0, limit) + 1)
        cut = cut if cut > limit // 2 else limit
        yield text[:cut].rstrip()
        text = text[cut:].lstrip()
    if text:
        yield text


def citation_line(citation: Citation) -> str:
    number = f"[{citation.number}]" if citation.number else "[–]"
    title = link(citation.link, citation.title)
    year = f" ({citation.year})" if citation.year else ""
    where = f", {page_label(citation.pages)}" if citation.pages else ""
    source = f" `{escape_code(citation.paper_id)}`" if not citation.link else ""
    return f"{number} {title}{year}{where}{source} {VERDICT_MARK[citation.verdict]}"


def code_blocks(index: int, report: CodeReport) -> list[Block]:
    label = f"*Code {index}* — {escape(report.recipe or 'model-written')}: *{report.status.replace('_', ' ')}*"
    blocks = [section(f"{label}\n```{piece}```") for piece in pieces(escape_code(report.source), CODE_CHARS)]
    if report.stdout.strip():
        lines = report.stdout.strip().splitlines()
        shown = "\n".join(lines[:OUTPUT_LINES]) + (
            f"\n… {len(lines) - OUTPUT_LINES} more lines" if len(lines) > OUTPUT_LINES else ""
        )
        blocks += [section(f"*Output*\n```{piece}```") for piece in pieces(escape_code(shown), CODE_CHARS)]
    if report.error:
        blocks.append(section(f"*Error*: `{escape(report.error)}` — no result from this code is reported."))
    return blocks


def analysis_blocks(analysis: AnalysisReport) -> list[Block]:
    """What was asked, what ran (or why not), and the data as read in a code block, where nothing links."""
    if analysis.status == "none":
        return []
    asked = f"asked: {escape(analysis.requested)}" if analysis.requested else ""
    if analysis.status == "ran":
        head = f"*Analysis* — ran *{escape(analysis.ran)}*" + (f" ({asked})" if asked else "")
    else:
        head = f"*Analysis* — *not run*: {escape(analysis.reason)}" + (f" ({asked})" if asked else "")
    blocks = [section(piece) for piece in pieces(head, 2900)]
    if analysis.data_as_read:
        blocks += [
            section(f"*Data as read*\n```{p}```") for p in pieces(escape_code(analysis.data_as_read), CODE_CHARS)
        ]
    extras = [escape(note) for note in analysis.notes]
    if analysis.unused:
        extras.append(
            "Numbers not used: " + "; ".join(f"`{escape_code(u.text)}` ({escape(u.why)})" for u in analysis.unused)
        )
    return blocks + [context(piece) for extra in extras for piece in pieces(extra, 2000)]


def content_blocks(answer: Answer) -> list[Block]:
    blocks: list[Block] = []
    for part in answer.sections:
        blocks += [section(f"*{part.name.title()}*\n{piece}") for piece in pieces(escape(part.text), 2900)]
    blocks += analysis_blocks(answer.analysis)
    if answer.citations:
        lines = "\n".join(citation_line(c) for c in answer.citations)
        blocks += [section(f"*Sources*\n{piece}") for piece in pieces(lines, 2900)]
    for index, report in enumerate(answer.code, start=1):
        blocks += code_blocks(index, report)
    blocks += [context(f"_{piece}_") for note in answer.notes for piece in pieces(escape(note), 2000)]
    usage, seconds = answer.usage, sum(answer.timings.values())
    blocks.append(
        context(
            f"{escape(answer.model)} · {int(usage.get('prompt_tokens', 0))}+{int(usage.get('completion_tokens', 0))} "
            f"tokens · {seconds:.1f} s · ${usage.get('cost_usd', 0.0):.4f}"
        )
    )
    return blocks


def feedback_blocks(answer_id: str, shareable: bool) -> list[Block]:
    """👍/👎 as Slack's own feedback buttons (a context_actions block); Share stays an ordinary button.

    The block_id names the answer; a click's value says which button ("up" or "down").
    """
    thumbs = FeedbackButtonsElement(
        action_id=FEEDBACK_ACTION,
        positive_button=FeedbackButtonObject(text="👍", value="up", accessibility_label="Helpful"),
        negative_button=FeedbackButtonObject(text="👎", value="down", accessibility_label="Not helpful"),
    )
    blocks = [ContextActionsBlock(block_id=f"feedback:{answer_id}"[:255], elements=[thumbs]).to_dict()]
    if shareable:
        share = ButtonElement(text="Share in channel", action_id=SHARE_ACTION, value=answer_id, style="primary")
        blocks.append(ActionsBlock(block_id=f"share:{answer_id}"[:255], elements=[share]).to_dict())
    return blocks


def _text_size(block: Block) -> int:
    if "text" in block:
        return len(block["text"]["text"])
    return sum(len(e.get("text", "")) if isinstance(e.get("text"), str) else 0 for e in block.get("elements", []))


def answer_messages(answer: Answer, answer_id: str, *, shareable: bool = False) -> list[dict[str, Any]]:
    """One or more chat.postMessage payloads (``text`` fallback + ``blocks``), in order."""
    tail = feedback_blocks(answer_id, shareable)
    messages: list[list[Block]] = [[]]
    size = 0
    for block in content_blocks(answer):
        block_size = _text_size(block)
        if len(messages[-1]) >= MAX_BLOCKS - len(tail) or size + block_size > MESSAGE_CHARS:
            messages.append([])
            size = 0
        messages[-1].append(block)
        size += block_size
    messages[-1] += tail
    summary = answer.sections[0].text if answer.sections else "labbot's answer"
    fallback = escape(summary[:FALLBACK_CHARS])
    return [
        {"text": fallback if i == 0 else f"{fallback} (continued)", "blocks": blocks}
        for i, blocks in enumerate(messages)
    ]
