"""Signed deliveries to the bot's HTTP endpoint (Events API, slash commands, interactivity), and forgeries.

Signing is Slack's v0 scheme through slack_sdk's own `SignatureVerifier.generate_signature`: HMAC-SHA256 of
`v0:{timestamp}:{raw body}` in `X-Slack-Signature`, the timestamp in `X-Slack-Request-Timestamp`.
A delivery counts as acknowledged when the bot answers 2xx within `RetryPolicy.ack_timeout_s` (Slack's 3 s).
Otherwise it is sent again with `X-Slack-Retry-Num` / `X-Slack-Retry-Reason` (http_timeout, http_error or
connection_failed) on the policy's schedule, unless the bot answered with `X-Slack-No-Retry: 1`.
"""

from __future__ import annotations

import asyncio
import enum
import math
import time
from dataclasses import dataclass

import aiohttp
from slack_sdk.signature import SignatureVerifier

from slack_emulator.records import Attempt, EventDelivery, RetryPolicy

JSON_TYPE = "application/json"
FORM_TYPE = "application/x-www-form-urlencoded"
STALE_BY_S = 301  # one second past the five minutes SignatureVerifier (and Bolt) accept


@dataclass(frozen=True)
class SignedRequest:
    body: bytes
    headers: dict[str, str]


def sign(body: bytes, secret: str, *, content_type: str = JSON_TYPE, timestamp: int | None = None) -> SignedRequest:
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    signature = SignatureVerifier(secret).generate_signature(timestamp=stamp, body=body)
    assert signature is not None  # only None without a timestamp
    headers = {"Content-Type": content_type, "X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": signature}
    return SignedRequest(body, headers)


class Forgery(enum.Enum):
    """Requests a verifier must refuse; each differs from a valid one in exactly one way."""

    BAD_SIGNATURE = "bad_signature"
    MISSING_TIMESTAMP = "missing_timestamp"
    MISSING_SIGNATURE = "missing_signature"
    STALE_TIMESTAMP = "stale_timestamp"
    FUTURE_TIMESTAMP = "future_timestamp"
    FLIPPED_BODY_BYTE = "flipped_body_byte"
    WRONG_SECRET = "wrong_secret"
    EMPTY_BODY = "empty_body"


def forge(body: bytes, secret: str, forgery: Forgery, *, content_type: str = JSON_TYPE) -> SignedRequest:
    now = time.time()  # rounded away from the verifier's clock: whole seconds must not shrink the skew below 301
    if forgery is Forgery.STALE_TIMESTAMP:
        return sign(body, secret, content_type=content_type, timestamp=math.floor(now) - STALE_BY_S)
    if forgery is Forgery.FUTURE_TIMESTAMP:
        return sign(body, secret, content_type=content_type, timestamp=math.ceil(now) + STALE_BY_S)
    if forgery is Forgery.WRONG_SECRET:
        return sign(body, secret + "-wrong", content_type=content_type)
    valid = sign(body, secret, content_type=content_type)
    headers = dict(valid.headers)
    if forgery is Forgery.BAD_SIGNATURE:
        headers["X-Slack-Signature"] = "v0=" + "0" * 64
    elif forgery is Forgery.MISSING_TIMESTAMP:
        del headers["X-Slack-Request-Timestamp"]
    elif forgery is Forgery.MISSING_SIGNATURE:
        del headers["X-Slack-Signature"]
    elif forgery is Forgery.FLIPPED_BODY_BYTE:
        return SignedRequest(_flip_one_byte(body), headers)
    elif forgery is Forgery.EMPTY_BODY:
        return SignedRequest(b"", headers)
    return SignedRequest(body, headers)


def _flip_one_byte(body: bytes) -> bytes:
    # Flip the lowest bit of the middle byte: ASCII stays ASCII, so the verifier can still decode the body.
    if not body:
        return b"\x01"
    middle = len(body) // 2
    return body[:middle] + bytes([body[middle] ^ 0x01]) + body[middle + 1 :]


@dataclass(frozen=True)
class _Answer:
    status: int | None
    text: str
    no_retry: bool


@dataclass(frozen=True)
class ForgedAttempt:
    forgery: Forgery
    status: int | None
    latency_s: float
    response_body: str


class HttpEventSender:
    """POSTs signed requests to the bot's endpoint and redelivers what it does not acknowledge."""

    def __init__(self, secret: str, policy: RetryPolicy) -> None:
        self.secret, self.policy = secret, policy
        self.url: str | None = None
        self.forged: list[ForgedAttempt] = []
        self._session: aiohttp.ClientSession | None = None
        self._retries: set[asyncio.Task[None]] = set()

    async def close(self) -> None:
        for task in list(self._retries):
            task.cancel()
        await asyncio.gather(*self._retries, return_exceptions=True)
        if self._session is not None:
            await self._session.close()

    async def deliver(self, delivery: EventDelivery, body: bytes, content_type: str) -> EventDelivery:
        """The first attempt, awaited; any redelivery runs in the background on the policy's schedule."""
        attempt = await self._attempt(delivery, body, content_type, number=0, reason=None)
        if not delivery.acked and self.policy.max_retries > 0 and not attempt.no_retry:
            task = asyncio.create_task(self._redeliver(delivery, body, content_type, attempt))
            self._retries.add(task)
            task.add_done_callback(self._retries.discard)
        return delivery

    async def retry(self, delivery: EventDelivery, body: bytes, content_type: str, *, number: int) -> Attempt:
        """One explicit retry attempt (X-Slack-Retry-Num: `number`), awaited, with no further redelivery."""
        return await self._attempt(delivery, body, content_type, number=number, reason="http_timeout")

    async def send_forged(self, body: bytes, forgery: Forgery, content_type: str = JSON_TYPE) -> ForgedAttempt:
        request = forge(body, self.secret, forgery, content_type=content_type)
        started = time.monotonic()
        try:
            answer = await self._post(request)
        except (TimeoutError, aiohttp.ClientError) as error:
            answer = _Answer(None, f"{type(error).__name__}: {error}", no_retry=False)
        forged = ForgedAttempt(forgery, answer.status, time.monotonic() - started, answer.text)
        self.forged.append(forged)
        return forged

    async def _redeliver(self, delivery: EventDelivery, body: bytes, content_type: str, last: Attempt) -> None:
        for number in range(1, self.policy.max_retries + 1):
            await asyncio.sleep(self.policy.delay_before(number))
            if delivery.acked:
                return
            last = await self._attempt(delivery, body, content_type, number=number, reason=_reason(last))
            if delivery.acked or last.no_retry:
                return

    async def _attempt(
        self, delivery: EventDelivery, body: bytes, content_type: str, *, number: int, reason: str | None
    ) -> Attempt:
        request = sign(body, self.secret, content_type=content_type)
        if number:
            request.headers["X-Slack-Retry-Num"] = str(number)
            request.headers["X-Slack-Retry-Reason"] = reason or "unknown_error"
        attempt = Attempt(number, reason)
        delivery.attempts.append(attempt)
        try:
            answer = await self._post(request)
            attempt.status, attempt.response_body, attempt.no_retry = answer.status, answer.text, answer.no_retry

        except TimeoutError:
            attempt.error = "http_timeout"
        except aiohttp.ClientError as error:
            attempt.error = f"connection_failed: {error}"
        attempt.latency_s = time.monotonic() - attempt.sent_at
        if attempt.status is not None and 200 <= attempt.status < 300:
            delivery.mark_acked(attempt)
        return attempt

    async def _post(self, request: SignedRequest) -> _Answer:
        if self.url is None:
            raise RuntimeError("no events URL: set SlackEmulator.events_url to the bot's endpoint")
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self.policy.ack_timeout_s))
        async with self._session.post(self.url, data=request.body, headers=request.headers) as response:
            no_retry = response.headers.get("X-Slack-No-Retry") == "1"
            return _Answer(response.status, await response.text(), no_retry)


def _reason(attempt: Attempt) -> str:
    if attempt.error == "http_timeout":
        return "http_timeout"
    if attempt.error is not None:
        return "connection_failed"
    return "http_error"
