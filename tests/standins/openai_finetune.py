"""Loopback stand-in for OpenAI's fine-tuning API (files + fine_tuning.jobs + events), and chat with its models.

It speaks the wire format of ``openai.resources.files`` / ``openai.resources.fine_tuning.jobs``:

- ``POST /v1/files`` (multipart ``purpose`` + ``file``) → a ``file`` object; ``GET /v1/files/{id}``;
- ``POST /v1/fine_tuning/jobs`` (JSON ``model``, ``training_file``, ``suffix``, ``method``|``hyperparameters``,
  ``metadata``, ``seed``) → a ``fine_tuning.job``; ``GET /v1/fine_tuning/jobs`` (newest first, cursor
  ``after``, ``limit``, ``metadata[k]=v`` filters); ``GET …/{id}``; ``GET …/{id}/events`` (newest first,
  cursor ``after``); ``POST …/{id}/cancel``;
- chat completions (the parent stand-in) for any model, except ``ft:`` models this server did not make,
  which get OpenAI's 404 ``model_not_found``.

A job steps one stage per ``GET …/{id}``: ``validating_files`` → ``queued`` → ``running`` (one ``metrics``
event per poll, ``steps`` of them) → ``succeeded`` with ``fine_tuned_model = ft:<base>:standin-org:<suffix>:<id>``.
Validation reads the uploaded JSONL as OpenAI does for the job's method (supervised: each line a
``messages`` list ending in an assistant message; dpo: each line an ``input.messages`` list and
``preferred_output`` / ``non_preferred_output`` of one assistant message each; at least 10 lines); a bad
file fails the job with ``invalid_training_file``. ``method`` is checked on create: its type, and only
that method's hyperparameters (a 400 otherwise). Fault switches:
``fail_next_job`` (the next job fails while running), and the parent's ``fail_next`` (e.g. 429 with
``retry-after-ms: 1``, which the openai client retries). ``requests`` logs every request, multipart ones
with their form fields as the body.
"""

from __future__ import annotations

import email
import itertools
import json
import math
from dataclasses import dataclass, field
from email.message import Message
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from tests.standins.openai_chat import Json, OpenAIChatStandIn, RecordedRequest, _Fail

CREATED_AT = 1_700_000_000
MIN_EXAMPLES = 10  # OpenAI's minimum for a fine-tuning file
ROLES = {"system", "user", "assistant", "tool", "developer"}
HYPERPARAMETERS = {
    "supervised": {"batch_size", "learning_rate_multiplier", "n_epochs"},
    "dpo": {"batch_size", "learning_rate_multiplier", "n_epochs", "beta"},
}


@dataclass
class _Job:
    body: Json
    id: str
    number: int
    status: str = "validating_files"
    fine_tuned_model: str | None = None
    error: Json | None = None
    fail_with: Json | None = None
    step: int = 0
    events: list[Json] = field(default_factory=list)


def _multipart(raw: bytes) -> dict[str, Any]:
    """Form fields of a multipart body: text values as str, files as (filename, bytes)."""
    boundary = raw.split(b"\r\n", 1)[0].removeprefix(b"--")
    message = email.message_from_bytes(b"Content-Type: multipart/form-data; boundary=" + boundary + b"\r\n\r\n" + raw)
    fields: dict[str, Any] = {}
    parts: list[Message] = message.get_payload() if message.is_multipart() else []  # type: ignore[assignment]
    for part in parts:
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        if not isinstance(name, str) or not isinstance(payload, bytes):
            continue
        filename = part.get_filename()
        fields[name] = (filename, payload) if filename else payload.decode()
    return fields


def _chat_problem(row: Any) -> str | None:
    messages = row.get("messages") if isinstance(row, dict) else None
    if not isinstance(messages, list) or not messages:
        return "has no messages list."
    if any(not isinstance(m, dict) or m.get("role") not in ROLES for m in messages):
        return "has a message with an unrecognised role."
    if messages[-1].get("role") != "assistant":
        return "does not end with an assistant message."
    return None


def _preference_problem(row: Any) -> str | None:
    source = row.get("input") if isinstance(row, dict) else None
    messages = source.get("messages") if isinstance(source, dict) else None
    if not isinstance(messages, list) or not messages:
        return "has no input.messages list."
    if any(not isinstance(m, dict) or m.get("role") not in ROLES for m in messages):
        return "has an input message with an unrecognised role."
    for key in ("preferred_output", "non_preferred_output"):
        output = row.get(key)
        if (
            not isinstance(output, list)
            or len(output) != 1
            or not isinstance(output[0], dict)
            or output[0].get("role") != "assistant"
            or not isinstance(output[0].get("content"), str)
        ):
            return f"{key} must be exactly one assistant message with text content."
    if row["preferred_output"] == row["non_preferred_output"]:
        return "has the same preferred and non-preferred output."
    return None


def training_file_problem(content: bytes, method: str = "supervised") -> str | None:
    """Why OpenAI would reject this fine-tuning file for a job of this method, or None."""
    lines = [line for line in content.decode(errors="replace").splitlines() if line.strip()]
    check = _preference_problem if method == "dpo" else _chat_problem
    for number, line in enumerate(lines, 1):
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            return f"Line {number} is not valid JSON."
        problem = check(row)
        if problem:
            return f"Line {number} {problem}"
    if len(lines) < MIN_EXAMPLES:
        return f"Training file has {len(lines)} example(s), but must have at least {MIN_EXAMPLES} examples."
    return None


def _method_type(body: Json) -> str:
    return str((body.get("method") or {}).get("type", "supervised"))


def _check_method(method: Any) -> None:
    if method is None:
        return
    kind = method.get("type") if isinstance(method, dict) else None
    if kind not in HYPERPARAMETERS:
        raise _Fail(400, f"Invalid method type: {kind!r}")
    hyperparameters = (method.get(kind) or {}).get("hyperparameters") or {}
    unknown = sorted(set(hyperparameters) - HYPERPARAMETERS[kind])
    if unknown:
        raise _Fail(400, f"Unknown {kind} hyperparameters: {', '.join(unknown)}")
    extra = sorted(set(method) - {"type", kind})
    if extra:
        raise _Fail(400, f"method.type is {kind} but method also has {', '.join(extra)}")


class OpenAIFineTuneStandIn(OpenAIChatStandIn):
    """See the module docstring. ``steps``: training steps a job reports (one per poll while running)."""

    def __init__(self, *, api_key: str | None = "sk-test-standin", steps: int = 3) -> None:
        super().__init__(api_key=api_key)
        self.steps = steps
        self.files: dict[str, tuple[Json, bytes]] = {}
        self.jobs: dict[str, _Job] = {}
        self._job_faults: list[Json] = []
        self._ids = itertools.count(1)

    # ---- fault switches and inspection ------------------------------------------------------------

    def fail_next_job(self, message: str = "Fine-tuning failed: internal error", code: str = "server_error") -> None:
        with self._lock:
            self._job_faults.append({"code": code, "message": message, "param": None})

    def fine_tuning_requests(self) -> list[RecordedRequest]:
        return [r for r in self.requests if r.path.startswith(("/v1/files", "/v1/fine_tuning"))]

    def created_jobs(self) -> list[Json]:
        """The bodies of every accepted ``POST /v1/fine_tuning/jobs``."""
        with self._lock:
            return [job.body for job in sorted(self.jobs.values(), key=lambda j: j.number)]

    # ---- dispatch ---------------------------------------------------------------------------------

    def _dispatch(
        self, method: str, path: str, raw: bytes, authorization: str | None
    ) -> tuple[int, bytes, dict[str, str]]:
        parts = urlsplit(path)
        if not parts.path.startswith(("/v1/files", "/v1/fine_tuning/")):
            return super()._dispatch(method, path, raw, authorization)
        body: Any = _multipart(raw) if method == "POST" and parts.path == "/v1/files" else None
        if body is None and raw:
            try:
                body = json.loads(raw)
            except json.JSONDecodeError:
                body = None
        with self._lock:
            logged = (
                {k: v if isinstance(v, str) else v[0] for k, v in body.items()} if parts.path == "/v1/files" else body
            )
            self._log.append(RecordedRequest(method, path, logged, authorization))
            fault = self._faults.pop(0) if self._faults else None
        try:
            if fault is not None:
                raise _Fail(fault, f"stand-in fault {fault}", "rate_limit_exceeded" if fault == 429 else "server_error")
            self._authorize(authorization)
            with self._lock:
                answer = self._fine_tuning(method, parts.path.split("/")[2:], dict(parse_qsl(parts.query)), body)
            return 200, json.dumps(answer).encode(), {}
        except _Fail as failure:
            error = {"error": {"message": failure.message, "type": failure.kind, "param": None, "code": None}}
            return failure.status, json.dumps(error).encode(), {"retry-after-ms": "1"}

    def _fine_tuning(self, method: str, segments: list[str], query: dict[str, str], body: Any) -> Json:
        match method, segments:
            case "POST", ["files"]:
                return self._upload(body)
            case "GET", ["files", file_id]:
                return self._file(file_id)[0]
            case "POST", ["fine_tuning", "jobs"]:
                return self._create(body)
            case "GET", ["fine_tuning", "jobs"]:
                return self._list(query)
        return self._job_route(method, segments, query)

    def _job_route(self, method: str, segments: list[str], query: dict[str, str]) -> Json:
        match method, segments:
            case "GET", ["fine_tuning", "jobs", job_id]:
                return self._advance(self._job(job_id))
            case "GET", ["fine_tuning", "jobs", job_id, "events"]:
                return self._events(self._job(job_id), query)
            case "POST", ["fine_tuning", "jobs", job_id, "cancel"]:
                return self._cancel(self._job(job_id))
        raise _Fail(404, f"no route {method} /{'/'.join(segments)}")

    # ---- files ------------------------------------------------------------------------------------

    def _upload(self, form: Any) -> Json:
        if not isinstance(form, dict) or not isinstance(form.get("file"), tuple):
            raise _Fail(400, "file is a required multipart field")
        if form.get("purpose") not in {"fine-tune", "batch", "assistants", "vision", "user_data", "evals"}:
            raise _Fail(400, f"'{form.get('purpose')}' is not a valid purpose")
        filename, content = form["file"]
        file_id = f"file-standin{next(self._ids):04d}"
        record = {
            "id": file_id,
            "object": "file",
            "bytes": len(content),
            "created_at": CREATED_AT,
            "filename": filename,
            "purpose": form["purpose"],
            "status": "processed",
            "expires_at": None,
            "status_details": None,
        }
        self.files[file_id] = (record, content)
        return record

    def _file(self, file_id: str) -> tuple[Json, bytes]:
        if file_id not in self.files:
            raise _Fail(404, f"No such File object: {file_id}")
        return self.files[file_id]

    # ---- jobs -------------------------------------------------------------------------------------

    def _job(self, job_id: str) -> _Job:
        if job_id not in self.jobs:
            raise _Fail(404, f"Could not find fine-tune: {job_id}")
        return self.jobs[job_id]

    def _create(self, body: Any) -> Json:
        if not isinstance(body, dict) or not body.get("model") or not body.get("training_file"):
            raise _Fail(400, "model and training_file are required")
        if body["training_file"] not in self.files:
            raise _Fail(400, f"invalid training_file: {body['training_file']}")
        if self.files[body["training_file"]][0]["purpose"] != "fine-tune":
            raise _Fail(400, f"File {body['training_file']} does not have purpose fine-tune")
        if len(str(body.get("suffix") or "")) > 64:
            raise _Fail(400, "suffix must be at most 64 characters")
        _check_method(body.get("method"))
        number = next(self._ids)
        job = _Job(body=body, id=f"ftjob-standin{number:04d}", number=number)
        job.fail_with = self._job_faults.pop(0) if self._job_faults else None
        self.jobs[job.id] = job
        self._event(job, f"Created fine-tuning job: {job.id}")
        self._event(job, f"Validating training file: {body['training_file']}")
        return self._object(job)

    def _advance(self, job: _Job) -> Json:
        if job.status == "validating_files":
            problem = training_file_problem(self.files[job.body["training_file"]][1], _method_type(job.body))
            if problem:
                self._finish(
                    job, "failed", {"code": "invalid_training_file", "message": problem, "param": "training_file"}
                )
            else:
                job.status = "queued"
                self._event(job, "Files validated, moving job to queued state")
        elif job.status == "queued":
            job.status = "running"
            self._event(job, "Fine-tuning job started")
        elif job.status == "running":
            if job.fail_with is not None and job.step >= 1:
                self._finish(job, "failed", job.fail_with)
            elif job.step < self.steps:
                job.step += 1
                loss = round(2.0 * math.exp(-job.step / max(1, self.steps)), 4)
                data = {
                    "step": job.step,
                    "total_steps": self.steps,
                    "train_loss": loss,
                    "train_mean_token_accuracy": 0.5,
                }
                self._event(job, f"Step {job.step}/{self.steps}: training loss={loss:.2f}", kind="metrics", data=data)
            else:
                suffix = job.body.get("suffix") or "standin"
                job.fine_tuned_model = f"ft:{job.body['model']}:standin-org:{suffix}:{job.id[-8:]}"
                self._event(job, f"New fine-tuned model created: {job.fine_tuned_model}")
                self._finish(job, "succeeded", None)
        return self._object(job)

    def _finish(self, job: _Job, status: str, error: Json | None) -> None:
        job.status, job.error = status, error
        if status == "succeeded":
            self._event(job, "The job has successfully completed")
        elif status == "failed" and error is not None:
            self._event(job, error["message"], level="error")
        else:
            self._event(job, "Job cancelled")

    def _cancel(self, job: _Job) -> Json:
        if job.status in {"succeeded", "failed", "cancelled"}:
            raise _Fail(400, f"Job has already {job.status}")
        self._finish(job, "cancelled", None)
        return self._object(job)

    def _event(self, job: _Job, message: str, *, kind: str = "message", level: str = "info", data: Any = None) -> None:
        number = len(job.events) + 1
        job.events.append(
            {
                "id": f"ftevent-{job.id[-8:]}-{number:04d}",
                "object": "fine_tuning.job.event",
                "created_at": CREATED_AT + number,
                "level": level,
                "message": message,
                "data": data,
                "type": kind,
            }
        )

    def _object(self, job: _Job) -> Json:
        body = job.body
        hyper = ((body.get("method") or {}).get(_method_type(body)) or {}).get("hyperparameters") or body.get(
            "hyperparameters", {}
        )
        done = job.status in {"succeeded", "failed", "cancelled"}
        return {
            "id": job.id,
            "object": "fine_tuning.job",
            "created_at": CREATED_AT + job.number,
            "error": job.error,
            "fine_tuned_model": job.fine_tuned_model,
            "finished_at": CREATED_AT + 1000 if done else None,
            "hyperparameters": {
                k: hyper.get(k, "auto") for k in ("batch_size", "learning_rate_multiplier", "n_epochs")
            },
            "model": body["model"],
            "organization_id": "org-standin",
            "result_files": [f"file-result-{job.id[-8:]}"] if job.status == "succeeded" else [],
            "seed": body.get("seed") or 42,
            "status": job.status,
            "trained_tokens": 1000 * self.steps if job.status == "succeeded" else None,
            "training_file": body["training_file"],
            "validation_file": body.get("validation_file"),
            "metadata": body.get("metadata"),
            "method": body.get("method") or {"type": "supervised"},
            "estimated_finish": None,
        }

    def _list(self, query: dict[str, str]) -> Json:
        wanted = {key[len("metadata[") : -1]: value for key, value in query.items() if key.startswith("metadata[")}
        jobs = sorted(self.jobs.values(), key=lambda j: -j.number)
        jobs = [j for j in jobs if all((j.body.get("metadata") or {}).get(k) == v for k, v in wanted.items())]
        return self._page([self._object(j) for j in jobs], query)

    def _events(self, job: _Job, query: dict[str, str]) -> Json:
        return self._page(list(reversed(job.events)), query)

    @staticmethod
    def _page(items: list[Json], query: dict[str, str]) -> Json:
        if "after" in query:
            ids = [item["id"] for item in items]
            items = items[ids.index(query["after"]) + 1 :] if query["after"] in ids else []
        limit = int(query.get("limit", 20))
        return {"object": "list", "data": items[:limit], "has_more": len(items) > limit}

    # ---- chat with the models this server made ----------------------------------------------------

    def _served(self) -> set[str]:
        with self._lock:  # the parent calls chat routes outside its lock
            return {job.fine_tuned_model for job in self.jobs.values() if job.fine_tuned_model}

    def _chat(self, body: Any) -> Json:
        model = body.get("model") if isinstance(body, dict) else None
        if isinstance(model, str) and model.startswith("ft:") and model not in self._served():
            raise _Fail(404, f"The model `{model}` does not exist or you do not have access to it.")
        return super()._chat(body)

    def _models(self, body: Any) -> Json:
        listed = super()._models(body)
        listed["data"] += [{"id": m, "object": "model", "owned_by": "standin-org"} for m in sorted(self._served())]
        return listed
