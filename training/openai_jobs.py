"""`labbot train --openai`: a dataset's OpenAI JSONL as an OpenAI fine-tuning job, registered as ft-NAME.

The file is uploaded (``files.create``, purpose ``fine-tune``), a supervised job (the chat JSONL) or a
DPO job (the preference JSONL) is submitted
(``fine_tuning.jobs.create``) and polled (``retrieve`` + ``list_events``) until it ends; the resulting
``ft:`` model becomes an ``openai`` registry entry, so ``labbot ask --model ft-NAME`` answers with it
through the ordinary OpenAI chat path.

Jobs cost money and run for a long time, so a run never submits twice for the same data: every job
carries metadata (labbot name + dataset hash), and a state file in the data dir keeps the file and job
ids. A re-run with the same dataset follows the job it finds (state file first, then the API's metadata
filter, so another machine finds it too); a failed or cancelled job is reported, and only
``resubmit`` replaces it.
"""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import openai
from openai import AsyncOpenAI
from openai.types.fine_tuning import FineTuningJob
from openai.types.fine_tuning.job_create_params import Method

from tools.models import open_registry
from tools.models.registry import ModelEntry
from tools.settings import Settings
from training.export import MANIFEST, OPENAI_DPO, OPENAI_SFT

MIN_EXAMPLES = 10  # OpenAI refuses smaller training files
TERMINAL = frozenset({"succeeded", "failed", "cancelled"})
DEFAULT_CONTEXT = 128_000  # OpenAI's fine-tunable chat models (gpt-4o-mini, gpt-4.1*) take at least this
_PLACEHOLDER_KEY = "no-key"  # a self-hosted server ignores the key, but the client insists on one
JobMethod = Literal["supervised", "dpo"]
FILES: dict[JobMethod, str] = {"supervised": OPENAI_SFT, "dpo": OPENAI_DPO}


class FineTuneError(RuntimeError):
    """The job cannot be submitted, failed or was cancelled; the message says why and what to do."""


@dataclass(frozen=True)
class OpenAIJobConfig:
    name: str
    dataset: Path
    base_model: str
    n_epochs: int | None = None  # None: OpenAI chooses ("auto")
    learning_rate_multiplier: float | None = None
    batch_size: int | None = None
    seed: int | None = None
    resubmit: bool = False  # replace a failed or cancelled job for the same data
    method: JobMethod = "supervised"
    beta: float | None = None  # DPO only: how far the model may move from the base (None: OpenAI chooses)


@dataclass(frozen=True)
class JobUpdate:
    """One poll: the job's status, its latest training metrics, and the events not shown before."""

    job_id: str
    status: str
    step: int | None = None
    total_steps: int | None = None
    train_loss: float | None = None
    events: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class OpenAIJobResult:
    entry: ModelEntry
    job_id: str
    file_id: str
    resumed: bool
    trained_tokens: int | None


def training_file(dataset: Path, method: JobMethod = "supervised") -> tuple[dict[str, Any], bytes]:
    """The dataset's manifest and the method's OpenAI JSONL, refused here when OpenAI would refuse it."""
    manifest_path = dataset / MANIFEST
    if not manifest_path.is_file():
        raise FineTuneError(f"{dataset} is not a labbot dataset (no {MANIFEST}); run labbot feedback export")
    path = dataset / FILES[method]
    content = path.read_bytes() if path.is_file() else b""
    count = sum(1 for line in content.splitlines() if line.strip())
    if count < MIN_EXAMPLES:
        raise FineTuneError(f"{path} has {count} examples; OpenAI fine-tuning needs at least {MIN_EXAMPLES}")
    return json.loads(manifest_path.read_text()), content


def _client(settings: Settings) -> AsyncOpenAI:
    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
    base_url = settings.training.openai_base_url
    if key is None and base_url is None:
        raise FineTuneError("api.openai.com needs OPENAI_API_KEY (or set LABBOT_TRAINING__OPENAI_BASE_URL)")
    # Uploads and job calls are retried on 408/409/429/5xx with the server's Retry-After.
    return AsyncOpenAI(
        api_key=key or _PLACEHOLDER_KEY, base_url=base_url, timeout=settings.models.request_timeout_s, max_retries=5
    )


def _explain(error: openai.APIError, base_url: str | None) -> str:
    server = base_url or "api.openai.com"
    if isinstance(error, openai.AuthenticationError):  # its body quotes part of the key: never repeat it
        return f"{server} refused the API key (HTTP 401); check OPENAI_API_KEY"
    if isinstance(error, openai.APIConnectionError):
        return f"cannot reach {server}: {type(error).__name__}"
    if isinstance(error, openai.RateLimitError):
        return f"{server} kept answering 429 (rate limit or quota) after retries; run the same command later"
    if isinstance(error, openai.APIStatusError):
        return f"{server} answered HTTP {error.status_code}: {str(error.message)[:300]}"
    return f"{server}: {type(error).__name__}"


class _State:
    """``openai_jobs/NAME.json`` in the data dir: which file and job belong to which dataset hash."""

    def __init__(self, settings: Settings, name: str, dataset_hash: str, method: JobMethod = "supervised") -> None:
        self.path = settings.data_path / "openai_jobs" / f"{name}.json"
        self.dataset_hash, self.method = dataset_hash, method
        stored = json.loads(self.path.read_text()) if self.path.is_file() else {}
        # state files from before DPO jobs name no method: they were supervised
        same = stored.get("dataset_hash") == dataset_hash and stored.get("method", "supervised") == method
        self.values: dict[str, str] = stored if same else {}

    def save(self, **values: str) -> None:
        self.values |= values | {"dataset_hash": self.dataset_hash, "method": self.method}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(self.values, indent=1))
        temporary.replace(self.path)


def _method(config: OpenAIJobConfig) -> Method:
    chosen = {
        "n_epochs": config.n_epochs,
        "learning_rate_multiplier": config.learning_rate_multiplier,
        "batch_size": config.batch_size,
    }
    if config.method == "dpo":
        chosen["beta"] = config.beta
    hyperparameters: Any = {key: value for key, value in chosen.items() if value is not None}
    if config.method == "dpo":
        return {"type": "dpo", "dpo": {"hyperparameters": hyperparameters}}
    return {"type": "supervised", "supervised": {"hyperparameters": hyperparameters}}


def _method_of(job: FineTuningJob) -> str:
    return job.method.type if job.method is not None else "supervised"


async def _existing(client: AsyncOpenAI, state: _State, metadata: dict[str, str]) -> FineTuningJob | None:
    if "job_id" in state.values:
        return await client.fine_tuning.jobs.retrieve(state.values["job_id"])
    page = await client.fine_tuning.jobs.list(metadata=metadata, limit=10)
    # newest first: the latest attempt for this data and this method (SFT and DPO jobs share the metadata)
    return next((job for job in page.data if _method_of(job) == state.method), None)


async def _find_or_submit(
    client: AsyncOpenAI, config: OpenAIJobConfig, state: _State, content: bytes
) -> tuple[FineTuningJob, bool]:
    metadata = {"labbot_name": config.name, "labbot_dataset": state.dataset_hash}
    job = await _existing(client, state, metadata)
    if job is not None and not (config.resubmit and job.status in {"failed", "cancelled"}):
        state.save(file_id=job.training_file, job_id=job.id)
        return job, True
    file_id = state.values.get("file_id")
    if file_id is None:  # an upload that landed before a crash is reused, not repeated
        kind = "" if config.method == "supervised" else f"-{config.method}"
        filename = f"{config.name}-{state.dataset_hash[:12]}{kind}.jsonl"
        uploaded = await client.files.create(file=(filename, content), purpose="fine-tune")
        file_id = uploaded.id
        state.save(file_id=file_id)
    job = await client.fine_tuning.jobs.create(
        model=config.base_model,
        training_file=file_id,
        suffix=config.name[:64],
        method=_method(config),
        metadata=metadata,
        seed=openai.omit if config.seed is None else config.seed,
    )
    state.save(file_id=file_id, job_id=job.id)
    return job, False


async def _poll(
    client: AsyncOpenAI, job: FineTuningJob, interval_s: float, on_update: Callable[[JobUpdate], None]
) -> tuple[FineTuningJob, dict[str, Any]]:
    """Follows the job to its end; returns it with its last metrics."""
    seen: set[str] = set()
    metrics: dict[str, Any] = {}
    while True:
        page = await client.fine_tuning.jobs.list_events(job.id, limit=100)
        fresh = [event for event in reversed(page.data) if event.id not in seen]  # the API lists newest first
        seen |= {event.id for event in fresh}
        for event in fresh:
            if event.type == "metrics" and isinstance(event.data, dict):
                metrics = event.data
        on_update(
            JobUpdate(
                job.id,
                job.status,
                metrics.get("step"),
                metrics.get("total_steps"),
                metrics.get("train_loss"),
                [event.message for event in fresh if event.type != "metrics"],
            )
        )
        if job.status in TERMINAL:
            return job, metrics
        await asyncio.sleep(interval_s)
        job = await client.fine_tuning.jobs.retrieve(job.id)


def _ended_badly(job: FineTuningJob, config: OpenAIJobConfig) -> FineTuneError:
    again = f"labbot train --openai --dataset {config.dataset} --name {config.name} --resubmit"
    if job.status == "cancelled":
        return FineTuneError(f"job {job.id} was cancelled; `{again}` submits a new one")
    reason = f"{job.error.code}: {job.error.message}" if job.error else "no reason given"
    return FineTuneError(f"job {job.id} failed ({reason}); fix the data or `{again}`")


def _entry(settings: Settings, config: OpenAIJobConfig, job: FineTuningJob, manifest: dict[str, Any]) -> ModelEntry:
    if job.fine_tuned_model is None:
        raise FineTuneError(f"job {job.id} succeeded but names no fine-tuned model")
    # Capabilities follow a registered entry of the same base model, when there is one.
    base = next((e for e in open_registry(settings).entries() if e.model_id == config.base_model), None)
    return ModelEntry(
        name=f"ft-{config.name}",
        backend="openai",
        model_id=job.fine_tuned_model,
        base_url=settings.training.openai_base_url,
        structured_output=base.structured_output if base else "json_schema",
        token_limit_param=base.token_limit_param if base else "max_completion_tokens",
        writes_code=base.writes_code if base else True,
        writes_prose=base.writes_prose if base else True,
        context_tokens=base.context_tokens if base else DEFAULT_CONTEXT,
        description=f"{config.base_model} fine-tuned by OpenAI (job {job.id}) on {manifest.get('name', '?')}",
        dataset_hash=str(manifest.get("content_hash")),
        training_config={
            "method": f"openai-{config.method}",
            "job_id": job.id,
            "training_file": job.training_file,
            "base_model": job.model,
            "hyperparameters": job.hyperparameters.model_dump(),
            "seed": job.seed,
            "trained_tokens": job.trained_tokens,
            "dataset": str(config.dataset),
        },
        created_at=datetime.now(UTC),
    )


async def fine_tune_openai(
    settings: Settings, config: OpenAIJobConfig, on_update: Callable[[JobUpdate], None] = lambda _: None
) -> OpenAIJobResult:
    """Submits (or finds) the job, follows it to its end and registers ``ft-NAME``."""
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,59}", config.name):
        raise FineTuneError(f"{config.name!r} cannot name a model: letters, digits, '.', '_', '-' (at most 60)")
    if config.beta is not None and config.method != "dpo":
        raise FineTuneError("beta is a DPO hyperparameter: use the dpo method")
    manifest, content = training_file(config.dataset, config.method)
    state = _State(settings, config.name, str(manifest["content_hash"]), config.method)
    try:
        async with _client(settings) as client:
            job, resumed = await _find_or_submit(client, config, state, content)
            job, metrics = await _poll(client, job, settings.training.openai_poll_s, on_update)
    except openai.APIError as error:
        raise FineTuneError(_explain(error, settings.training.openai_base_url)) from error
    if job.status != "succeeded":
        raise _ended_badly(job, config)
    entry = _entry(settings, config, job, manifest)
    if metrics.get("train_loss") is not None:
        entry = entry.model_copy(
            update={"training_config": entry.training_config | {"train_loss": metrics["train_loss"]}}
        )
    open_registry(settings).register(entry)
    return OpenAIJobResult(entry, job.id, job.training_file, resumed, job.trained_tokens)
