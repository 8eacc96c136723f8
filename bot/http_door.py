"""The HTTP front door (Events API, commands, interactivity): checked before Bolt sees a byte.

Bolt builds its request (parsing the body) before it checks the signature, so unsigned junk used to
reach the parser and come back as a 500 with a traceback, which Slack retries. Here the raw body is
read under a deadline, the timestamp and HMAC are checked on the bytes (401, one log line), and only
then is the body decoded and parsed (400 when a signed body is malformed). Bolt checks again, cheaply.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import re
import time
from collections.abc import Sequence
from urllib.parse import parse_qsl

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest

from bot.connections import SIGNED, ConnectionGuard
from tools.settings import SlackSettings

log = logging.getLogger("labbot.bot")
MAX_SKEW_S = 300  # Slack's five minutes, as SignatureVerifier and Bolt use
MAX_BODY_BYTES = 1024 * 1024  # Slack's payloads are far smaller; aiohttp answers 413 beyond this
_TIMESTAMP = re.compile(r"\d{1,12}")  # seconds since 1970; anything else is not a Slack timestamp
_JSON = "application/json"


class Rejected(Exception):
    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status, self.reason = status, reason


def v0_signature(secret: bytes, timestamp: str, body: bytes) -> str:
    """Slack's v0 signature, on the raw bytes (slack_sdk's verifier decodes the body as UTF-8 first, and
    raises on a body that is not)."""
    digest = hmac.new(secret, b"v0:" + timestamp.encode() + b":" + body, hashlib.sha256).hexdigest()
    return f"v0={digest}"


def check_signature(secret: bytes, body: bytes, timestamp: str | None, signature: str | None) -> None:
    """Raises Rejected(401) unless the request is signed with the secret within the last five minutes."""
    if not timestamp or not signature:
        raise Rejected(401, "missing signature headers")
    if _TIMESTAMP.fullmatch(timestamp) is None:
        raise Rejected(401, "malformed timestamp")
    if abs(time.time() - int(timestamp)) > MAX_SKEW_S:
        raise Rejected(401, "stale timestamp")
    if not hmac.compare_digest(v0_signature(secret, timestamp, body).encode(), signature.encode("utf-8", "replace")):
        raise Rejected(401, "bad signature")


def parse_signed_body(body: bytes, content_type: str) -> str:
    """The body as text once its shape is one Slack sends (a JSON object, or a form); else Rejected(400)."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise Rejected(400, f"body is not UTF-8 (byte {error.start})") from None
    try:
        if content_type == _JSON or text.startswith("{"):  # what Bolt's parser treats as JSON
            if not isinstance(json.loads(text), dict):
                raise Rejected(400, "JSON body is not an object")
            return text
        form = parse_qsl(text, keep_blank_values=True, errors="strict")
        for payload in [value for key, value in form if key == "payload"][:1]:
            if not isinstance(json.loads(payload), dict):
                raise Rejected(400, "payload is not a JSON object")
    except (ValueError, RecursionError) as error:  # JSONDecodeError and undecodable forms are ValueErrors
        raise Rejected(400, f"malformed body ({type(error).__name__})") from None
    return text


def http_app(
    app: AsyncApp, settings: SlackSettings, secret: str, guard: ConnectionGuard | None = None
) -> web.Application:
    """Events, commands and interactivity at ``settings.path``; ``/healthz`` for probes."""
    key = secret.encode()

    async def slack(request: web.Request) -> web.Response:
        try:
            async with asyncio.timeout(settings.body_timeout_s):
                body = await request.read()
            check_signature(
                key,
                body,
                request.headers.get("X-Slack-Request-Timestamp"),
                request.headers.get("X-Slack-Signature"),
            )
            request[SIGNED] = True  # this connection is Slack's: the guard closes it last
            text = parse_signed_body(body, request.content_type)
            try:
                headers: dict[str, str | Sequence[str]] = {
                    name: request.headers.getall(name) for name in request.headers
                }
                bolt_request = AsyncBoltRequest(body=text, query=request.query_string, headers=headers)
            except Exception as error:  # a signed body Bolt cannot make sense of is still the sender's fault
                raise Rejected(400, f"unusable payload ({type(error).__name__})") from None
        except Rejected as rejected:
            log.warning("refused a Slack request from %s: %d %s", request.remote, rejected.status, rejected.reason)
            return web.json_response({"error": "invalid request"}, status=rejected.status)
        except TimeoutError:
            log.warning(
                "refused a Slack request from %s: its body took over %s s", request.remote, settings.body_timeout_s
            )
            return web.json_response({"error": "request body too slow"}, status=408)
        return await to_aiohttp_response(await app.async_dispatch(bolt_request))

    async def health(_: web.Request) -> web.Response:
        return web.json_response({"ok": True})

    middlewares = [] if guard is None else [guard.middleware]
    application = web.Application(client_max_size=MAX_BODY_BYTES, middlewares=middlewares)
    application.router.add_post(settings.path, slack)
    application.router.add_get("/healthz", health)
    return application
