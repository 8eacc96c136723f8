"""Training examples in the drafting model's own terms: the prompt it sees, the Draft JSON it should write.

Inference and training must agree, so an example's prompt is ``graph.prompts.draft_messages`` over the
passages that were retrieved for the answer, and its completion is the structured Draft (claims by
section, each citing passage ids; code; insufficient_evidence) recovered from the posted Answer.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from graph.prompts import draft_messages
from graph.schemas import Answer, Claim, CodeBlock, Draft, Passage
from tools.models.protocol import Message

_MARKER = re.compile(r"\s*\[(\d+)\]")
_SENTENCE_END = re.compile(r"(?<=[.!?])((?:\s*\[\d+\])*)\s+(?=[A-Z(])")  # markers stay with their sentence

ExampleSource = Literal["feedback", "pubmedqa", "code"]


class ChatExample(BaseModel):
    """One prompt with one completion, and what it says about that completion."""

    model_config = ConfigDict(frozen=True)

    prompt: list[Message]
    completion: str
    label: bool = True  # False: an answer people rated down (a negative for KTO)
    weight: float = 1.0
    source: ExampleSource
    question_key: str  # the normalised question: pairs answers to the same question
    origin: tuple[str, ...] = Field(default=(), description="answer ids or dataset ids it came from")

    @property
    def content_hash(self) -> str:
        return content_hash({"prompt": self.prompt, "completion": self.completion})

    def openai_chat(self) -> dict[str, Any]:
        """OpenAI fine-tuning chat format (one line of the JSONL)."""
        return {"messages": [*self.prompt, {"role": "assistant", "content": self.completion}]}


def content_hash(value: object) -> str:
    canonical = json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def question_key(question: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", question.lower()).split())


def draft_of(answer: Answer) -> Draft:
    """The Draft an answer was built from: each sentence a claim, its [n] markers back to passage ids."""
    passage_of = {citation.number: citation.passage for citation in answer.citations}
    claims = []
    for section in answer.sections:
        for sentence in sentences(section.text.strip()):
            numbers = [int(n) for n in _MARKER.findall(sentence)]
            text = _MARKER.sub("", sentence).strip()
            if text:
                cited = [passage_of[n] for n in numbers if n in passage_of]
                claims.append(Claim(section=section.name, text=text, citations=list(dict.fromkeys(cited))))
    code = [CodeBlock(source=report.source, recipe=report.recipe) for report in answer.code]
    return Draft(claims=claims, code=code, insufficient_evidence=answer.abstained)


def sentences(text: str) -> list[str]:
    found, start = [], 0
    for end in _SENTENCE_END.finditer(text):
        found.append(text[start : end.start()] + end.group(1))
        start = end.end()
    return [*found, text[start:]]


def draft_json(draft: Draft) -> str:
    """The completion text: the Draft as the drafting prompt's JSON schema asks for it."""
    payload: dict[str, Any] = {
        "insufficient_evidence": draft.insufficient_evidence,
        "claims": [{"section": c.section, "text": c.text, "citations": c.citations} for c in draft.claims],
    }
    if draft.code:
        payload["code"] = [{"source": block.source, "purpose": block.purpose} for block in draft.code]
    return json.dumps(payload, ensure_ascii=False)


def drafting_example(
    question: str,
    passages: Sequence[Passage],
    draft: Draft,
    *,
    source: ExampleSource,
    history: str = "",
    label: bool = True,
    weight: float = 1.0,
    origin: tuple[str, ...] = (),
) -> ChatExample:
    return ChatExample(
        prompt=draft_messages(question, passages, history),
        completion=draft_json(draft),
        label=label,
        weight=weight,
        source=source,
        question_key=question_key(question),
        origin=origin,
    )
