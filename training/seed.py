"""Seed examples, so the loop can be exercised before real feedback exists.

PubMedQA: the question and its abstract's passages → a Draft whose summary gives the expert decision
(yes / no / maybe) and the abstract's conclusion, citing the passage that says it most nearly.
Code tasks: the request → the vetted analysis that prints the expected numbers (checked by running
each candidate in the sandbox; a task no candidate gets right is left out, with the reason).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

from analysis.model import ParsedRequest
from analysis.numbers import matches_expected
from analysis.reading import parse_request
from analysis.recipes import RecipeCall, call_from_choice, candidates, choice_schema
from analysis.tasks import load_code_tasks
from graph.evidence import passage_of
from graph.prompts import choice_json, recipe_messages
from graph.schemas import Claim, Draft, Passage
from tools.chunking import chunk_paper
from tools.papers import Paper
from tools.readers.pubmedqa import read_pubmedqa
from tools.sandbox.protocol import SandboxProvider
from training.examples import ChatExample, drafting_example, question_key

Progress = Callable[[int, int], None]


def _passages(paper: Paper) -> list[Passage]:
    return [passage_of(paper, chunk, 1.0) for chunk in chunk_paper(paper)]


def _overlap(a: str, b: str) -> float:
    words_a, words_b = set(a.lower().split()), set(b.lower().split())
    return len(words_a & words_b) / max(1, len(words_b))


def pubmedqa_examples(path: Path, limit: int | None = None) -> Iterator[ChatExample]:
    records = json.loads(path.read_text(encoding="utf-8"))
    papers = {item.id: item for item in read_pubmedqa(path) if isinstance(item, Paper)}
    for number, (pmid, record) in enumerate(records.items()):
        if limit is not None and number >= limit:
            return
        paper = papers.get(f"PMID:{pmid}")
        decision, conclusion = str(record.get("final_decision", "")), str(record.get("LONG_ANSWER", "")).strip()
        if paper is None or not conclusion or decision not in ("yes", "no", "maybe"):
            continue
        passages = _passages(paper)
        best = max(passages, key=lambda passage: _overlap(passage.text, conclusion))
        summary = Claim(section="summary", text=f"{decision.capitalize()}. {conclusion}", citations=[best.key])
        yield drafting_example(
            str(record["QUESTION"]), passages, Draft(claims=[summary]), source="pubmedqa", origin=(paper.id,)
        )


async def code_examples(
    path: Path, sandboxes: SandboxProvider, progress: Progress | None = None
) -> tuple[list[ChatExample], list[dict[str, str]]]:
    """The right analysis for each task, found by running its candidates; what was left out, and why."""
    tasks = load_code_tasks(path)
    examples, excluded = [], []
    for done, task in enumerate(tasks, start=1):
        parsed = parse_request(task.prompt)
        options = candidates(parsed)[:4]
        right = None
        for option in options:
            box = await sandboxes.open()
            try:
                result = await box.run(option.code())
            finally:
                await box.close()
            if result.ok and matches_expected(task.expected, result.stdout, task.rel_tol):
                right = option
                break
        choice = _choice_for(parsed, right, [o.recipe.name for o in options]) if right else None
        if right is None:
            reason = f"none of {len(options)} candidate analyses printed the expected numbers"
            excluded.append({"id": task.id, "reason": reason})
        elif choice is None:
            excluded.append({"id": task.id, "reason": "the right analysis cannot be named in the choice schema"})
        else:
            examples.append(
                ChatExample(
                    prompt=recipe_messages(task.prompt, [(o.recipe.name, o.recipe.summary) for o in options]),
                    completion=choice_json(choice),
                    source="code",
                    question_key=question_key(task.prompt),
                    origin=(task.id,),
                )
            )
        if progress is not None:
            progress(done, len(tasks))
    return examples, excluded


def _choice_for(parsed: ParsedRequest, right: RecipeCall, names: list[str]) -> dict[str, str] | None:
    """The tie-break answer (recipe + which list plays which role) that reproduces ``right`` exactly."""
    schema_keys = [key for key in choice_schema(parsed, names)["properties"] if key != "recipe"]
    labels = [item.label for item in parsed.lists]
    choice = {"recipe": right.recipe.name} | dict(zip(schema_keys, labels, strict=False))
    reproduced = call_from_choice(parsed, choice)
    return choice if reproduced is not None and reproduced.code() == right.code() else None
