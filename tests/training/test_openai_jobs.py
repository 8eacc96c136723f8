"""labbot train --openai with the real openai client against a loopback stand-in of files + fine_tuning.jobs."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openai
import pytest
from typer.testing import CliRunner

from bot.cli import app
from tests.conftest import FIXTURES
from tests.standins.openai_finetune import OpenAIFineTuneStandIn
from tests.training.conftest import small_dataset
from tools.ingest import ingest
from tools.library import Library
from tools.models import open_registry
from tools.readers import read_papers
from tools.settings import Settings, TrainingSettings
from training.openai_jobs import FineTuneError, JobUpdate, OpenAIJobConfig, fine_tune_openai

KEY = "sk-test-standin"
BASE = "gpt-4o-mini-2024-07-18"


@pytest.fixture
def standin() -> Iterator[OpenAIFineTuneStandIn]:
    with OpenAIFineTuneStandIn(api_key=KEY, steps=3) as server:
        yield server


@pytest.fixture
def dataset(tmp_path: Path) -> Path:
    return small_dataset(tmp_path)


def settings_for(tmp_path: Path, url: str, key: str = KEY) -> Settings:
    training = TrainingSettings(openai_base_url=url, openai_poll_s=0)  # the stand-in moves one stage per poll
    return Settings(data_dir=tmp_path / "data", openai_api_key=key, training=training)


def config(dataset: Path, **overrides: object) -> OpenAIJobConfig:
    values: dict[str, object] = {"name": "lab", "dataset": dataset, "base_model": BASE, "n_epochs": 2, "seed": 7}
    return OpenAIJobConfig(**(values | overrides))  # type: ignore[arg-type]


def posts(standin: OpenAIFineTuneStandIn, path: str) -> int:
    return sum(1 for r in standin.fine_tuning_requests() if r.method == "POST" and r.path == path)


async def test_a_job_is_submitted_followed_and_registered(
    standin: OpenAIFineTuneStandIn, dataset: Path, tmp_path: Path
) -> None:
    settings = settings_for(tmp_path, standin.url)
    updates: list[JobUpdate] = []
    result = await fine_tune_openai(settings, config(dataset), updates.append)

    upload = next(r for r in standin.fine_tuning_requests() if r.path == "/v1/files")
    assert upload.body == {"purpose": "fine-tune", "file": f"lab-{dataset.name[-12:]}.jsonl"}
    assert upload.authorization == f"Bearer {KEY}"
    uploaded = standin.files[result.file_id][1]
    assert uploaded == (dataset / "openai_sft.jsonl").read_bytes()
    (created,) = standin.created_jobs()
    manifest = json.loads((dataset / "manifest.json").read_text())
    assert created == {
        "model": BASE,
        "training_file": result.file_id,
        "suffix": "lab",
        "method": {"type": "supervised", "supervised": {"hyperparameters": {"n_epochs": 2}}},
        "metadata": {"labbot_name": "lab", "labbot_dataset": manifest["content_hash"]},
        "seed": 7,
    }
    assert [u.status for u in updates][-1] == "succeeded" and "running" in {u.status for u in updates}
    steps = [u.step for u in updates if u.step]
    assert steps == sorted(steps) and set(steps) == {1, 2, 3} and updates[-1].total_steps == 3
    assert any("New fine-tuned model created" in message for u in updates for message in u.events)

    entry = open_registry(settings).get("ft-lab")
    assert entry.backend == "openai" and entry.model_id == result.entry.model_id
    assert entry.model_id and entry.model_id.startswith(f"ft:{BASE}:standin-org:lab:")
    assert entry.base_url == standin.url and entry.dataset_hash == manifest["content_hash"]
    assert entry.training_config["job_id"] == result.job_id and entry.training_config["method"] == "openai-supervised"
    assert not result.resumed


async def test_a_rerun_follows_the_same_job_even_from_another_machine(
    standin: OpenAIFineTuneStandIn, dataset: Path, tmp_path: Path
) -> None:
    first = await fine_tune_openai(settings_for(tmp_path, standin.url), config(dataset))
    again = await fine_tune_openai(settings_for(tmp_path, standin.url), config(dataset))
    assert again.resumed and again.job_id == first.job_id
    # Another data dir has no state file: the API's metadata filter finds the job.
    elsewhere = await fine_tune_openai(settings_for(tmp_path / "other", standin.url), config(dataset))
    assert elsewhere.resumed and elsewhere.job_id == first.job_id
    listed = [r.path for r in standin.fine_tuning_requests() if r.path.startswith("/v1/fine_tuning/jobs?")]
    assert listed and "metadata%5Blabbot_dataset%5D=" in listed[0]
    assert posts(standin, "/v1/files") == 1 and posts(standin, "/v1/fine_tuning/jobs") == 1


async def test_429s_are_retried_until_the_calls_land(
    standin: OpenAIFineTuneStandIn, dataset: Path, tmp_path: Path
) -> None:
    standin.fail_next(429, times=2)
    result = await fine_tune_openai(settings_for(tmp_path, standin.url), config(dataset))
    assert result.entry.model_id
    first, second, third, *_ = standin.fine_tuning_requests()
    assert first == second == third and first.path.startswith("/v1/fine_tuning/jobs?"), "the look-up, retried twice"
    assert posts(standin, "/v1/files") == 1 and posts(standin, "/v1/fine_tuning/jobs") == 1


async def test_a_failed_job_is_reported_and_only_resubmit_replaces_it(
    standin: OpenAIFineTuneStandIn, dataset: Path, tmp_path: Path
) -> None:
    settings = settings_for(tmp_path, standin.url)
    standin.fail_next_job("The job failed due to an internal error.")
    with pytest.raises(FineTuneError, match=r"failed \(server_error: The job failed due to an internal error") as err:
        await fine_tune_openai(settings, config(dataset))
    assert "--resubmit" in str(err.value)
    with pytest.raises(FineTuneError, match="failed"):  # a plain re-run reports the same job, submits nothing
        await fine_tune_openai(settings, config(dataset))
    assert posts(standin, "/v1/fine_tuning/jobs") == 1

    result = await fine_tune_openai(settings, config(dataset, resubmit=True))
    assert not result.resumed and posts(standin, "/v1/fine_tuning/jobs") == 2
    assert posts(standin, "/v1/files") == 1, "the uploaded file is reused"
    assert open_registry(settings).get("ft-lab").training_config["job_id"] == result.job_id


async def test_a_cancelled_job_is_reported(standin: OpenAIFineTuneStandIn, dataset: Path, tmp_path: Path) -> None:
    settings = settings_for(tmp_path, standin.url)
    client = openai.AsyncOpenAI(api_key=KEY, base_url=standin.url)

    def cancel_while_running(update: JobUpdate) -> None:
        if update.status == "running":
            standin.jobs[update.job_id].status = "cancelled"  # as if cancelled from OpenAI's dashboard

    with pytest.raises(FineTuneError, match=r"was cancelled; .*--resubmit"):
        await fine_tune_openai(settings, config(dataset), cancel_while_running)
    (job,) = (await client.fine_tuning.jobs.list()).data
    assert job.status == "cancelled"
    with pytest.raises(openai.BadRequestError):  # the stand-in refuses to cancel an ended job, as OpenAI does
        await client.fine_tuning.jobs.cancel(job.id)
    await client.close()


async def test_files_openai_would_refuse(standin: OpenAIFineTuneStandIn, dataset: Path, tmp_path: Path) -> None:
    settings = settings_for(tmp_path, standin.url)
    short = tmp_path / "short"
    short.mkdir()
    (short / "manifest.json").write_text(json.dumps({"content_hash": "0" * 64, "name": "short"}))
    (short / "openai_sft.jsonl").write_text('{"messages": [{"role": "user", "content": "hi"}]}\n' * 3)
    with pytest.raises(FineTuneError, match="has 3 examples; OpenAI fine-tuning needs at least 10"):
        await fine_tune_openai(settings, config(short))
    with pytest.raises(FineTuneError, match="cannot name a model"):
        await fine_tune_openai(settings, config(dataset, name="../lab"))
    assert standin.requests == [], "refused before any request"

    (short / "openai_sft.jsonl").write_text('{"messages": [{"role": "user", "content": "hi"}]}\n' * 12)
    with pytest.raises(FineTuneError, match="invalid_training_file: Line 1 does not end with an assistant"):
        await fine_tune_openai(settings, config(short, name="short"))


async def test_a_refused_key_is_reported_without_quoting_it(
    standin: OpenAIFineTuneStandIn, dataset: Path, tmp_path: Path
) -> None:
    wrong = "sk-wrong-key-0123456789"
    with pytest.raises(FineTuneError, match="refused the API key") as err:
        await fine_tune_openai(settings_for(tmp_path, standin.url, key=wrong), config(dataset))
    assert "6789" not in str(err.value) and wrong not in str(err.value)


async def test_labbot_train_openai_then_ask_with_the_ft_model(
    standin: OpenAIFineTuneStandIn, dataset: Path, library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    await ingest(library, list(read_papers(FIXTURES / "papers.jsonl", "auto")))  # the data dir ask searches
    # In process (CliRunner), through the CLI root's own Settings(): the two commands a user runs.
    for name, value in {
        "OPENAI_API_KEY": KEY,
        "LABBOT_TRAINING__OPENAI_BASE_URL": standin.url,
        "LABBOT_TRAINING__OPENAI_POLL_S": "0",
    }.items():
        monkeypatch.setenv(name, value)
    runner = CliRunner()
    trained = await asyncio.to_thread(
        runner.invoke, app, ["train", "--openai", "--dataset", str(dataset), "--name", "lab", "--epochs", "1"]
    )
    assert trained.exit_code == 0, trained.output
    assert "ft-lab → ft:gpt-4o-mini-2024-07-18:standin-org:lab:" in " ".join(trained.output.split())
    model_id = open_registry(Settings()).get("ft-lab").model_id
    listed = runner.invoke(app, ["models"])
    assert "ft-lab" in listed.output and "openai" in listed.output

    asked = await asyncio.to_thread(
        runner.invoke, app, ["ask", "--model", "ft-lab", "--json", "How do I compare survival between two arms?"]
    )
    assert asked.exit_code == 0, asked.output
    assert json.loads(asked.stdout.splitlines()[-1])["model"] == "ft-lab"
    chats = standin.chat_bodies()
    assert chats and {body["model"] for body in chats} == {model_id}, "the drafting calls went to the ft: model"


async def test_a_dpo_job_submits_the_preference_pairs_in_openais_format(
    standin: OpenAIFineTuneStandIn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dataset = small_dataset(tmp_path, pairs=12)
    lines = [json.loads(line) for line in (dataset / "openai_dpo.jsonl").read_text().splitlines()]
    assert len(lines) == 12
    first = lines[0]
    assert set(first) == {"input", "preferred_output", "non_preferred_output"}
    assert first["input"]["messages"][-1]["role"] == "user"
    assert [m["role"] for m in first["preferred_output"] + first["non_preferred_output"]] == ["assistant"] * 2
    assert "fewer strokes" in first["preferred_output"][0]["content"]
    assert "more strokes" in first["non_preferred_output"][0]["content"]

    settings = settings_for(tmp_path, standin.url)
    await fine_tune_openai(settings, config(dataset, name="lab"))  # a supervised job on the same data first
    for name, value in {
        "OPENAI_API_KEY": KEY,
        "LABBOT_DATA_DIR": str(tmp_path / "data"),
        "LABBOT_TRAINING__OPENAI_BASE_URL": standin.url,
        "LABBOT_TRAINING__OPENAI_POLL_S": "0",
    }.items():
        monkeypatch.setenv(name, value)
    argv = ["train", "--openai", "--method", "dpo", "--dataset", str(dataset), "--name", "lab", "--beta", "0.2"]
    trained = await asyncio.to_thread(CliRunner().invoke, app, argv)
    assert trained.exit_code == 0, trained.output

    supervised, dpo = standin.created_jobs()
    assert supervised["method"]["type"] == "supervised", "the DPO run did not follow the supervised job"
    assert dpo["method"] == {"type": "dpo", "dpo": {"hyperparameters": {"beta": 0.2}}}
    assert standin.files[dpo["training_file"]][1] == (dataset / "openai_dpo.jsonl").read_bytes()
    assert standin.jobs[max(standin.jobs)].status == "succeeded", "the stand-in accepted the DPO file"
    assert open_registry(Settings()).get("ft-lab").training_config["method"] == "openai-dpo"


async def test_the_standin_refuses_what_openai_refuses_for_dpo(
    standin: OpenAIFineTuneStandIn, dataset: Path, tmp_path: Path
) -> None:
    settings = settings_for(tmp_path, standin.url)
    (dataset / "openai_dpo.jsonl").write_bytes((dataset / "openai_sft.jsonl").read_bytes())  # chat lines, not pairs
    with pytest.raises(FineTuneError, match=r"invalid_training_file: Line 1 has no input\.messages list"):
        await fine_tune_openai(settings, config(dataset, method="dpo"))
    client = openai.AsyncOpenAI(api_key=KEY, base_url=standin.url)
    file_id = next(iter(standin.files))
    wrong: list[Any] = [  # what the SDK's types would refuse to build: sent as raw bodies
        (
            {"type": "supervised", "supervised": {"hyperparameters": {"beta": 0.1}}},
            "Unknown supervised hyperparameters",
        ),
        ({"type": "kto"}, "Invalid method type"),
        ({"type": "dpo", "supervised": {}}, "method also has supervised"),
    ]
    for method, refusal in wrong:
        with pytest.raises(openai.BadRequestError, match=refusal):
            await client.fine_tuning.jobs.create(model=BASE, training_file=file_id, method=method)
    await client.close()
    with pytest.raises(FineTuneError, match="beta is a DPO hyperparameter"):
        await fine_tune_openai(settings, config(dataset, beta=0.1))
