"""The whole side pipeline: 👍/👎 in the Slack emulator → export → `labbot train` → `labbot ask --model ft-…`."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.bot.stack import BotStack, answering_stack
from tools.models import open_model, open_registry
from tools.models.protocol import ChatRequest
from training.feedback import open_feedback_store

# 10 LoRA steps on 2 CPU cores take minutes by themselves: the suite's 600 s per-test limit is too short
pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]
LABBOT = Path(sys.executable).parent / "labbot"
QUESTIONS = [
    "How do I compare survival curves between two arms?",
    "How should I control the false discovery rate in a genomic screen?",
    "What should we do about missing blood pressure readings?",
    "How do I model small-area incidence with few cases?",
]


async def command(argv: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return await asyncio.to_thread(subprocess.run, argv, env=env, capture_output=True, text=True, timeout=1200)


@pytest.fixture
async def stack(tmp_path: Path, redis_url: str) -> AsyncIterator[BotStack]:
    async with answering_stack(tmp_path / "data", redis_url) as running:
        yield running


async def test_reactions_become_an_adapter_that_answers(stack: BotStack, tmp_path: Path) -> None:
    slack = stack.slack
    answers = []
    for question in QUESTIONS:
        asked = await slack.post_user_message(f"<@{slack.bot_user_id}> {question}")
        answers.append(
            await slack.wait_for(
                lambda a=asked: next(
                    (m for m in slack.bot_messages(a.message.channel) if m.thread_ts == a.message.ts and m.blocks), None
                ),
                timeout_s=90,
            )
        )
    for answer in answers[:3]:
        await (await slack.react(answer, "+1")).wait_acked()
        await (await slack.react(answer, "+1", user=slack.workspace.bob)).wait_acked()
    await (await slack.react(answers[3], "-1")).wait_acked()
    store = await open_feedback_store(stack.settings)
    try:
        for _ in range(100):
            if len(await store.signals()) == 7:
                break
            await asyncio.sleep(0.1)
    finally:
        await store.close()

    env = os.environ | {"LABBOT_DATA_DIR": str(stack.settings.data_path)}
    out = tmp_path / "datasets"
    run = [str(LABBOT), "feedback", "export", "--channel", slack.workspace.general, "--out", str(out)]
    exported = await command(run, env)
    assert exported.returncode == 0, exported.stderr
    [dataset] = list(out.iterdir())
    manifest = json.loads((dataset / "manifest.json").read_text())
    assert manifest["counts"]["sft"] == 3 and manifest["counts"]["kto"] == 4
    train = [str(LABBOT), "train", "--dataset", str(dataset), "--name", "loop", "--max-steps", "10"]
    trained = await command([*train, "--eval-fraction", "0.5"], env)
    assert trained.returncode == 0, trained.stdout[-2000:] + trained.stderr[-3000:]
    said = " ".join(trained.stdout.split())  # rich wraps the line at the terminal's width
    assert "ft-loop: 10 steps on 1 examples" in said and "on 2 held-back examples" in said, said

    entry = open_registry(stack.settings).get("ft-loop")
    request = ChatRequest(messages=[{"role": "user", "content": "When should I use a log-rank test?"}], max_tokens=48)
    tuned = await open_model(entry, stack.settings).complete(request)
    base = await open_model(open_registry(stack.settings).get("zero-shot"), stack.settings).complete(request)
    assert tuned.text != base.text, "the adapter is loaded and changes what the model writes"

    ask = [str(LABBOT), "ask", "--model", "ft-loop", "--json", QUESTIONS[0]]
    answered = await command(ask, env)
    assert answered.returncode == 0, answered.stderr[-3000:]
    assert json.loads(answered.stdout)["model"] == "ft-loop"
