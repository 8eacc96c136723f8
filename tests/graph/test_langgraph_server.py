"""LangGraph's own tooling runs a whole turn: `langgraph dev` serves langgraph.json, `langgraph_sdk` asks.

The server is the real one (langgraph-cli[inmem]), with the dev server's checks for blocking calls on; the
services are the process's own (the embedded model, the starter library, the bwrap sandbox), and the client
sends only JSON, as Studio does.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from langgraph_sdk import get_sync_client
from pydantic import TypeAdapter
from typer.testing import CliRunner

from bot.cli import app
from graph.builder import build_graph
from graph.context import Context
from tests.e2e.test_ask_embedded import SURVIVAL

REPO = Path(__file__).resolve().parents[2]
STARTUP_S = 180


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """`langgraph dev` over the starter library, on a free port, no browser; stopped with its children."""
    ingested = CliRunner().invoke(app, ["ingest", "--starter"])
    assert ingested.exit_code == 0, ingested.output
    port = _free_port()
    langgraph = Path(sys.executable).parent / "langgraph"
    argv = [str(langgraph), "dev", "--port", str(port), "--no-browser", "--no-reload"]
    log = (tmp_path / "server.log").open("wb")
    # langgraph.json's paths are the working directory's (its in-memory store persists to .langgraph_api/ there)
    process = subprocess.Popen(argv, cwd=REPO, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_S
        while time.monotonic() < deadline:
            assert process.poll() is None, (tmp_path / "server.log").read_text()[-4000:]
            try:
                if httpx.get(f"{url}/ok", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        else:
            pytest.fail("langgraph dev did not start: " + (tmp_path / "server.log").read_text()[-4000:])
        yield url
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def _ask(url: str, question: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """One turn through the SDK, streamed: the final answer and the progress events on the way."""
    progress: list[dict[str, Any]] = []
    final: dict[str, Any] = {}
    with get_sync_client(url=url) as client:
        thread = client.threads.create()
        for part in client.runs.stream(
            thread["thread_id"], "labbot", input={"question": question}, context={}, stream_mode=["custom", "values"]
        ):
            assert part.event != "error", part.data
            if part.event == "custom":
                progress.append(part.data)
            elif part.event == "values":
                final = part.data
    return final.get("answer") or {}, progress


@pytest.mark.slow
def test_studio_and_the_sdk_run_a_methods_question_and_a_question_with_data(server: str) -> None:
    with get_sync_client(url=server) as client:
        assistant = client.assistants.search(graph_id="labbot")[0]
        schemas = client.assistants.get_schemas(assistant["assistant_id"])
    # Studio's forms: the input is the question, the context its run knobs, never the live services
    question, context = schemas["input_schema"], schemas["context_schema"]
    assert question is not None and "question" in question["properties"]
    assert context is not None and "model" in context["properties"] and "services" not in context["properties"]

    answer, progress = _ask(server, "What does a Kaplan-Meier curve estimate?")
    assert answer["sections"] and answer["abstained"] is False and answer["citations"]
    assert {"retrieving", "drafting", "finishing"} <= {event["stage"] for event in progress}

    answer, progress = _ask(server, SURVIVAL)
    assert [(c["recipe"], c["status"]) for c in answer["code"]] == [("log_rank", "ran")]
    assert "16.7929" in answer["code"][0]["stdout"]  # computed in the sandbox, inside the server's run
    assert "running code" in {event["stage"] for event in progress}


def test_the_drawn_graph_has_only_edges_that_can_be_taken() -> None:
    edges = {(edge.source, edge.target) for edge in build_graph().get_graph().edges}
    assert not [source for source, target in edges if source == target]  # no router names its own node
    assert {target for source, target in edges if source == "check_retractions"} == {"draft", "finalize", "live_search"}


def test_the_context_schema_is_json_without_the_live_services() -> None:
    schema = TypeAdapter(Context).json_schema()
    assert "services" not in schema["properties"] and "model" in schema["properties"]
    assert json.loads(json.dumps(schema)) == schema
