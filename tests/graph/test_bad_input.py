"""Text the graph must survive, through the real SQLite checkpointer: lone surrogates and cut questions.

A lone surrogate (JSON's "\\ud800", a non-UTF-8 byte decoded with surrogateescape) cannot be encoded,
so checkpointing the question used to raise; and a question the front-end already cut (Slack's
length limit) must be counted as cut, so its data are never analysed as if whole.
"""

from __future__ import annotations

from pathlib import Path

from graph.builder import build_graph
from graph.checkpoint import open_checkpointer
from graph.run import answer_question
from tests.fakes import ScriptedModel
from tests.graph.conftest import context_for
from tests.graph.test_routes import LOG_RANK_CLAIM, QUESTION, SURVIVAL, draft
from tools.services import Services
from tools.settings import Settings

T_TEST = "t-test please: control 5.1 4.8 6.0 5.5 5.2, treated 6.2 6.9 7.1 6.4 6.6"


async def test_a_lone_surrogate_in_the_question_is_replaced_not_a_crash(
    services: Services, writer: ScriptedModel, tmp_path: Path, settings: Settings
) -> None:
    writer.queue(draft(("summary", LOG_RANK_CLAIM, [SURVIVAL])))
    async with open_checkpointer(settings) as saver:
        graph = build_graph(saver)
        context = context_for(services, "writer", tmp_path)
        answer = await answer_question(
            graph, context, QUESTION + " \ud800\udcff", "thread-surrogate", history=["earlier \udcfe message"]
        )
    assert answer.sections and "\ud800" not in answer.model_dump_json()
    assert "\ufffd" in next(iter(writer.prompts()))


async def test_a_question_cut_by_the_front_end_is_never_analysed_as_whole(
    services: Services, writer: ScriptedModel, tmp_path: Path, settings: Settings
) -> None:
    writer.queue(draft(("summary", LOG_RANK_CLAIM, [SURVIVAL])), draft(("summary", LOG_RANK_CLAIM, [SURVIVAL])))
    async with open_checkpointer(settings) as saver:
        graph = build_graph(saver)
        context = context_for(services, "writer", tmp_path)
        cut = await answer_question(graph, context, T_TEST, "thread-cut", cut_before=1200, turn_id="cut")
        whole = await answer_question(graph, context, T_TEST, "thread-cut", turn_id="whole")
    assert cut.analysis.status == "declined" and "cut before its end" in cut.analysis.reason
    assert any("only the first" in note for note in cut.notes)
    assert whole.analysis.status != "declined", "the next turn in the thread is not marked cut"
