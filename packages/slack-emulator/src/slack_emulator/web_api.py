"""The Web API under /api/, plus the URLs Slack hands out: file upload, file download, response_url.

Wire format, as slack_sdk 3.48 sends it:
- arguments arrive three ways and are merged: the query string (AsyncWebClient sends `params=` methods
  such as auth.test, reactions.add, files.* and every GET as a query string under a form Content-Type, with an
  empty body), a form body (the sync WebClient), or a JSON body (`json=` methods: chat.*, setStatus…);
- arrays and objects in query or form arguments are JSON strings (`blocks`, `files`, `metadata`…);
- the token is `Authorization: Bearer …` (or a `token` argument); only apps.connections.open takes `xapp-`;
- every answer is HTTP 200 {"ok": …} except 429 + Retry-After (whole seconds: the SDK `int()`s it).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

from aiohttp import BodyPartReader, web

from slack_emulator.calls import ApiError, Call, Handler, LimitsError
from slack_emulator.faults import Faults
from slack_emulator.records import RecordedCall, Violation
from slack_emulator.state import Json, ResponseUrlPost, Workspace

JSON_FIELDS = frozenset({"blocks", "attachments", "metadata", "files", "prompts", "chunks", "loading_messages"})
APP_TOKEN_METHODS = frozenset({"apps.connections.open"})
_FORM_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})
_LOGIN_PAGE = "<!DOCTYPE html><html><body>Sign in to Emulated Lab</body></html>"


@dataclass(frozen=True)
class Credentials:
    bot_token: str = "xoxb-emulated-bot-token"
    app_token: str = "xapp-1-emulated-app-token"
    signing_secret: str = "emulated-signing-secret-0123456789ab"


@dataclass(frozen=True)
class _Answer:
    status: int
    body: Json
    retry_after_s: int | None = None


class WebApi:
    def __init__(self, workspace: Workspace, faults: Faults, credentials: Credentials) -> None:
        self.workspace, self.faults, self.credentials = workspace, faults, credentials
        self.handlers: dict[str, Handler] = {}
        self.calls: list[RecordedCall] = []
        self.violations: list[Violation] = []

    def add_routes(self, app: web.Application) -> None:
        app.router.add_route("*", "/api/{method}", self.api)
        app.router.add_post("/upload/v1/{file_id}", self.upload)
        app.router.add_get("/files/{file_id}/{name}", self.download)
        app.router.add_post("/respond/{token}", self.respond)

    async def api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        token: str | None = None
        args: Json = {}
        try:
            token, args = await _read_arguments(request)
            answer = self._answer(method, token, args)
        except ApiError as error:
            answer = _Answer(200, error.body)
        self.calls.append(RecordedCall(method, args, token, time.monotonic(), answer.status, answer.body))
        headers = {"Retry-After": str(answer.retry_after_s)} if answer.retry_after_s is not None else None
        return web.json_response(answer.body, status=answer.status, headers=headers)

    def _answer(self, method: str, token: str | None, args: Json) -> _Answer:
        self._authenticate(method, token)
        handler = self.handlers.get(method)
        if handler is None:
            raise ApiError("unknown_method")
        refusal = self.faults.verdict(method, args.get("channel") or args.get("channel_id"))
        if refusal is not None:
            return _Answer(refusal.status, {"ok": False, "error": refusal.error}, refusal.retry_after_s)
        try:
            return _Answer(200, {"ok": True} | handler(Call(method, args, token)))
        except LimitsError as error:
            messages = tuple(error.body["response_metadata"]["messages"])
            self.violations.append(Violation(method, error.body["error"], messages, args))
            raise

    def _authenticate(self, method: str, token: str | None) -> None:
        if not token:
            raise ApiError("not_authed")
        expected = self.credentials.app_token if method in APP_TOKEN_METHODS else self.credentials.bot_token
        if token == expected:
            return
        known = (self.credentials.app_token, self.credentials.bot_token)
        raise ApiError("not_allowed_token_type" if token in known else "invalid_auth")

    async def upload(self, request: web.Request) -> web.Response:
        """The upload_url of files.getUploadURLExternal: raw bytes (what slack_sdk sends) or multipart."""
        record = self.workspace.files.get(request.match_info["file_id"])
        if record is None:
            return web.Response(status=404, text="file_not_found", content_type="text/plain")
        if request.content_type == "multipart/form-data":
            part = await (await request.multipart()).next()
            data = await part.read() if isinstance(part, BodyPartReader) else b""
        else:
            data = await request.read()
        record.content = bytes(data)
        return web.Response(text=f"OK - {len(data)}", content_type="text/plain")

    async def download(self, request: web.Request) -> web.Response:
        """url_private: the bytes with the bot token; without it, a 200 HTML sign-in page, as Slack answers."""
        record = self.workspace.files.get(request.match_info["file_id"])
        authorized = request.headers.get("Authorization") == f"Bearer {self.credentials.bot_token}"
        if record is None or record.content is None or not authorized:
            return web.Response(text=_LOGIN_PAGE, content_type="text/html")
        return web.Response(body=record.content, content_type="application/octet-stream")

    async def respond(self, request: web.Request) -> web.Response:
        """A response_url from a slash command or an interaction: recorded, answered "ok"."""
        _, body = await _read_arguments(request)
        if isinstance(body.get("payload"), str):
            body = json.loads(body["payload"])
        self.workspace.responses.append(ResponseUrlPost(request.match_info["token"], body))
        return web.Response(text="ok", content_type="text/plain")


async def _read_arguments(request: web.Request) -> tuple[str | None, Json]:
    args: Json = dict(request.query)
    if request.content_type == "application/json":
        raw = await request.read()
        body = _parse_json(raw) if raw.strip() else {}
        if not isinstance(body, dict):
            raise ApiError("invalid_json")
        args |= body
    elif request.content_type in _FORM_TYPES:
        form = await request.post()
        args |= {key: value for key, value in form.items() if isinstance(value, str)}
    header = request.headers.get("Authorization", "")
    argument_token = args.pop("token", None)
    token = header.removeprefix("Bearer ").strip() if header.startswith("Bearer ") else argument_token
    return (str(token) if token else None), _decode_json_fields(args)


def _parse_json(raw: bytes) -> object:
    try:
        return json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise ApiError("invalid_json") from None


def _decode_json_fields(args: Json) -> Json:
    """Form and query arguments carry arrays and objects as JSON strings; decode those that are."""
    decoded = dict(args)
    for name in JSON_FIELDS & decoded.keys():
        value = decoded[name]
        if isinstance(value, str) and value.lstrip()[:1] in ("[", "{"):
            try:
                decoded[name] = json.loads(value)
            except json.JSONDecodeError:
                raise ApiError("invalid_blocks_format" if name == "blocks" else "invalid_arguments") from None
    return decoded
