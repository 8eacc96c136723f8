"""Slack's limits on what a bot posts, checked the way the Web API checks them. Pure: tests can call it too.

`check_message(text, blocks)` returns every `Problem`; `error_body(problems)` is the response Slack gives,
for example::

    {"ok": false, "error": "invalid_blocks",
     "errors": ["must be less than 3001 characters [json-pointer:/blocks/0/text/text]"],
     "response_metadata": {"messages":
        ["[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]"]}}

Sources: docs.slack.dev Block Kit reference (50 blocks; section text 1–3000, 10 fields of 2000; block_id 255;
context_actions: 1–5 feedback_buttons / icon_button elements, button text 75, value 2000, accessibility_label 75),
header 150 (mlrun #5489), message text 40,000 (Slack changelog 2018-04), markdown blocks 12,000 per payload.
The total over all blocks is labbot's conservative cap: Slack answers `msg_blocks_too_long` from about
13,200 characters (bolt-js #2509), below every documented limit. Only the block types labbot uses are known.
Lengths are counted in code points (Python `len`); Slack's own unit is not documented.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

Json = dict[str, Any]

INVALID_BLOCKS = "invalid_blocks"
INVALID_BLOCKS_FORMAT = "invalid_blocks_format"
MSG_TOO_LONG = "msg_too_long"
MSG_BLOCKS_TOO_LONG = "msg_blocks_too_long"
NO_TEXT = "no_text"

LABBOT_BLOCK_TYPES = frozenset(
    {"section", "header", "divider", "context", "actions", "context_actions", "image", "rich_text", "markdown"}
)
# elements Slack accepts only inside a context_actions block, and the only ones it accepts there
CONTEXT_ACTIONS_ELEMENTS = frozenset({"feedback_buttons", "icon_button"})
_TEXT_KEYS = {"plain_text": {"type", "text", "emoji"}, "mrkdwn": {"type", "text", "verbatim"}}
_RICH_TEXT_PARTS = frozenset({"rich_text_section", "rich_text_list", "rich_text_preformatted", "rich_text_quote"})


@dataclass(frozen=True)
class SlackLimits:
    max_blocks: int = 50
    section_text: int = 3000
    section_fields: int = 10
    field_text: int = 2000
    header_text: int = 150
    context_elements: int = 10
    actions_elements: int = 25
    context_actions_elements: int = 5
    accessibility_label: int = 75
    block_id: int = 255
    action_id: int = 255
    button_text: int = 75
    button_value: int = 2000
    url: int = 3000
    alt_text: int = 2000
    markdown_text: int = 12_000
    total_block_text: int = 12_000
    message_text: int = 40_000
    block_types: frozenset[str] = field(default=LABBOT_BLOCK_TYPES)


DEFAULT_LIMITS = SlackLimits()


@dataclass(frozen=True)
class Problem:
    """One reason Slack would refuse a message, with Slack's error code and a JSON pointer into the arguments."""

    error: str
    reason: str
    pointer: str

    @property
    def detail(self) -> str:
        return f"{self.reason} [json-pointer:{self.pointer}]"


def check_message(
    text: Any, blocks: Any, *, limits: SlackLimits = DEFAULT_LIMITS, require_content: bool = True
) -> list[Problem]:
    """Everything Slack would object to in a message's `text` and `blocks` (either may be None)."""
    problems: list[Problem] = []
    if text is not None and not isinstance(text, str):
        problems.append(Problem("invalid_arguments", "expected string", "/text"))
    elif isinstance(text, str) and len(text) > limits.message_text:
        problems.append(Problem(MSG_TOO_LONG, f"must be less than {limits.message_text + 1} characters", "/text"))
    if blocks is not None:
        problems += check_blocks(blocks, limits=limits)
    if require_content and not text and not blocks:
        problems.append(Problem(NO_TEXT, "text or blocks is required", "/text"))
    return problems


def check_blocks(blocks: Any, *, limits: SlackLimits = DEFAULT_LIMITS, pointer: str = "/blocks") -> list[Problem]:
    if not isinstance(blocks, list):
        return [Problem(INVALID_BLOCKS_FORMAT, "expected an array of blocks", pointer)]
    checker = _BlockChecker(limits)
    if len(blocks) > limits.max_blocks:
        checker.fail(f"no more than {limits.max_blocks} items allowed", pointer)
    for index, block in enumerate(blocks):
        checker.block(block, f"{pointer}/{index}")
    total = sum(len(text) for text in block_texts(blocks))
    if total > limits.total_block_text:
        reason = f"blocks hold {total} characters of text, more than {limits.total_block_text}"
        checker.problems.append(Problem(MSG_BLOCKS_TOO_LONG, reason, pointer))
    return checker.problems


def block_texts(value: Any) -> Iterator[str]:
    """Every string under a "text" key, at any depth: what Slack counts towards a payload's size."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "text" and isinstance(item, str):
                yield item
            else:
                yield from block_texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from block_texts(item)


def error_body(problems: list[Problem]) -> Json:
    """Slack's response to a refused message: the first problem's code, with every problem of that code."""
    error = problems[0].error
    details = [problem.detail for problem in problems if problem.error == error]
    return {"ok": False, "error": error, "errors": details, "response_metadata": {"messages": _as_messages(details)}}


def _as_messages(details: list[str]) -> list[str]:
    return [f"[ERROR] {detail}" for detail in details]


class _BlockChecker:
    def __init__(self, limits: SlackLimits) -> None:
        self.limits = limits
        self.problems: list[Problem] = []
        self.block_ids: set[str] = set()
        self.by_type: dict[str, Callable[[Json, str], None]] = {
            "section": self.section,
            "header": self.header,
            "divider": lambda block, pointer: None,
            "context": self.context,
            "actions": self.actions,
            "context_actions": self.context_actions,
            "image": self.image,
            "rich_text": self.rich_text,
            "markdown": self.markdown,
        }

    def fail(self, reason: str, pointer: str) -> None:
        self.problems.append(Problem(INVALID_BLOCKS, reason, pointer))

    def block(self, block: Any, pointer: str) -> None:
        if not isinstance(block, dict):
            self.fail("expected object", pointer)
            return
        kind = block.get("type")
        if kind not in self.limits.block_types or kind not in self.by_type:
            self.fail(f"unsupported type: {kind}", f"{pointer}/type")
            return
        self.block_id(block.get("block_id"), f"{pointer}/block_id")
        self.by_type[kind](block, pointer)

    def block_id(self, block_id: Any, pointer: str) -> None:
        if block_id is None:
            return
        if not isinstance(block_id, str) or not block_id:
            self.fail("expected non-empty string", pointer)
        elif len(block_id) > self.limits.block_id:
            self.fail(f"must be less than {self.limits.block_id + 1} characters", pointer)
        elif block_id in self.block_ids:
            self.fail(f"duplicate block_id: {block_id}", pointer)
        else:
            self.block_ids.add(block_id)

    def length(self, value: Any, pointer: str, *, maximum: int, minimum: int = 1) -> None:
        if not isinstance(value, str):
            self.fail("expected string", pointer)
        elif len(value) > maximum:
            self.fail(f"must be less than {maximum + 1} characters", pointer)
        elif len(value) < minimum:
            self.fail(f"must be more than {minimum - 1} characters", pointer)

    def text_object(self, obj: Any, pointer: str, *, maximum: int, plain_only: bool = False) -> None:
        if not isinstance(obj, dict):
            self.fail("expected object", pointer)
            return
        kind = str(obj.get("type"))
        allowed = ("plain_text",) if plain_only else ("plain_text", "mrkdwn")
        if kind not in allowed:
            self.fail(f"must be one of: {', '.join(allowed)}", f"{pointer}/type")
            return
        for key in sorted(set(obj) - _TEXT_KEYS[kind]):
            self.fail(f"unexpected property for {kind}: {key}", f"{pointer}/{key}")
        for flag in ("emoji", "verbatim"):
            if flag in obj and not isinstance(obj[flag], bool):
                self.fail("expected boolean", f"{pointer}/{flag}")
        self.length(obj.get("text"), f"{pointer}/text", maximum=maximum)

    def items(self, value: Any, pointer: str, *, maximum: int) -> list[Any]:
        if not isinstance(value, list) or not value:
            self.fail("must provide a non-empty array", pointer)
            return []
        if len(value) > maximum:
            self.fail(f"no more than {maximum} items allowed", pointer)
        return value

    def section(self, block: Json, pointer: str) -> None:
        if "text" not in block and "fields" not in block:
            self.fail("must provide text or fields", pointer)
        if "text" in block:
            self.text_object(block["text"], f"{pointer}/text", maximum=self.limits.section_text)
        if "fields" in block:
            fields = self.items(block["fields"], f"{pointer}/fields", maximum=self.limits.section_fields)
            for index, item in enumerate(fields):
                self.text_object(item, f"{pointer}/fields/{index}", maximum=self.limits.field_text)
        if "accessory" in block:
            self.element(block["accessory"], f"{pointer}/accessory")

    def header(self, block: Json, pointer: str) -> None:
        self.text_object(block.get("text"), f"{pointer}/text", maximum=self.limits.header_text, plain_only=True)

    def context(self, block: Json, pointer: str) -> None:
        elements = self.items(block.get("elements"), f"{pointer}/elements", maximum=self.limits.context_elements)
        for index, element in enumerate(elements):
            where = f"{pointer}/elements/{index}"
            if isinstance(element, dict) and element.get("type") == "image":
                self.image_element(element, where)
            else:
                self.text_object(element, where, maximum=self.limits.section_text)

    def actions(self, block: Json, pointer: str) -> None:
        elements = self.items(block.get("elements"), f"{pointer}/elements", maximum=self.limits.actions_elements)
        self.unique_action_ids(elements, pointer)
        for index, element in enumerate(elements):
            self.element(element, f"{pointer}/elements/{index}")

    def context_actions(self, block: Json, pointer: str) -> None:
        maximum = self.limits.context_actions_elements
        elements = self.items(block.get("elements"), f"{pointer}/elements", maximum=maximum)
        self.unique_action_ids(elements, pointer)
        for index, element in enumerate(elements):
            where = f"{pointer}/elements/{index}"
            kind = element.get("type") if isinstance(element, dict) else None
            if kind not in CONTEXT_ACTIONS_ELEMENTS:
                self.fail(f"must be one of: {', '.join(sorted(CONTEXT_ACTIONS_ELEMENTS))}", f"{where}/type")
                continue
            if "action_id" in element:
                self.length(element["action_id"], f"{where}/action_id", maximum=self.limits.action_id)
            if kind == "feedback_buttons":
                for side in ("positive_button", "negative_button"):
                    self.feedback_button(element.get(side), f"{where}/{side}")
            else:
                self.icon_button(element, where)

    def feedback_button(self, button: Any, pointer: str) -> None:
        if not isinstance(button, dict):
            self.fail("expected object", pointer)
            return
        self.text_object(button.get("text"), f"{pointer}/text", maximum=self.limits.button_text, plain_only=True)
        self.length(button.get("value"), f"{pointer}/value", maximum=self.limits.button_value)
        if "accessibility_label" in button:
            label = button["accessibility_label"]
            self.length(label, f"{pointer}/accessibility_label", maximum=self.limits.accessibility_label)

    def icon_button(self, button: Json, pointer: str) -> None:
        self.length(button.get("icon"), f"{pointer}/icon", maximum=self.limits.action_id)
        self.text_object(button.get("text"), f"{pointer}/text", maximum=self.limits.button_text, plain_only=True)
        if "value" in button:
            self.length(button["value"], f"{pointer}/value", maximum=self.limits.button_value)

    def unique_action_ids(self, elements: list[Any], pointer: str) -> None:
        action_ids: set[str] = set()
        for index, element in enumerate(elements):
            action_id = element.get("action_id") if isinstance(element, dict) else None
            if isinstance(action_id, str):
                if action_id in action_ids:
                    self.fail(f"duplicate action_id: {action_id}", f"{pointer}/elements/{index}/action_id")
                action_ids.add(action_id)

    def element(self, element: Any, pointer: str) -> None:
        if not isinstance(element, dict) or not isinstance(element.get("type"), str):
            self.fail("expected an element object with a type", pointer)
            return
        if element["type"] in CONTEXT_ACTIONS_ELEMENTS:
            self.fail(f"{element['type']} is only allowed in a context_actions block", f"{pointer}/type")
            return
        if "action_id" in element:
            self.length(element["action_id"], f"{pointer}/action_id", maximum=self.limits.action_id)
        if element["type"] == "button":
            self.button(element, pointer)
        elif element["type"] == "image":
            self.image_element(element, pointer)

    def button(self, button: Json, pointer: str) -> None:
        self.text_object(button.get("text"), f"{pointer}/text", maximum=self.limits.button_text, plain_only=True)
        if "value" in button:
            self.length(button["value"], f"{pointer}/value", maximum=self.limits.button_value)
        if "url" in button:
            self.length(button["url"], f"{pointer}/url", maximum=self.limits.url)
        if button.get("style") not in (None, "primary", "danger"):
            self.fail("must be one of: primary, danger", f"{pointer}/style")

    def image_element(self, image: Json, pointer: str) -> None:
        if "slack_file" not in image:
            self.length(image.get("image_url"), f"{pointer}/image_url", maximum=self.limits.url)
        self.length(image.get("alt_text"), f"{pointer}/alt_text", maximum=self.limits.alt_text)

    def image(self, block: Json, pointer: str) -> None:
        self.image_element(block, pointer)
        if "title" in block:
            self.text_object(block["title"], f"{pointer}/title", maximum=self.limits.alt_text, plain_only=True)

    def markdown(self, block: Json, pointer: str) -> None:
        self.length(block.get("text"), f"{pointer}/text", maximum=self.limits.markdown_text)

    def rich_text(self, block: Json, pointer: str) -> None:
        elements = block.get("elements")
        if not isinstance(elements, list):
            self.fail("must provide an array", f"{pointer}/elements")
            return
        for index, part in enumerate(elements):
            if not isinstance(part, dict) or part.get("type") not in _RICH_TEXT_PARTS:
                self.fail(f"must be one of: {', '.join(sorted(_RICH_TEXT_PARTS))}", f"{pointer}/elements/{index}")
            elif not isinstance(part.get("elements"), list):
                self.fail("must provide an array", f"{pointer}/elements/{index}/elements")
