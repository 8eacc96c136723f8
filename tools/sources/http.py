"""What every live source shares: identification, a polite pace, retries with backoff, and a response cache.

The cache keeps only bodies that parsed, keyed by URL and the query parameters that change the answer
(identification and keys are left out of the key, so adding an API key does not empty the cache).
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import json
import os
import secrets
import ssl
import time
from collections.abc import Awaitable, Callable, Mapping
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import TypeVar

import httpx

from tools.sources.protocol import SourceError, SourceRefused

T = TypeVar("T")
Sleep = Callable[[float], Awaitable[None]]
_RETRYABLE = {429, 500, 502, 503, 504}
_MAX_DELAY_S = 60.0
_ERROR_BODY_CHARS = 200


@functools.cache
def _tls() -> ssl.SSLContext:
    """One TLS context per process: building one reads the CA bundle, which costs ~0.1 s per client."""
    import certifi

    return ssl.create_default_context(cafile=certifi.where())


class ResponseCache:
    """One file per answer under the data dir; the file's age is the entry's age."""

    def __init__(self, folder: Path, ttl_s: float) -> None:
        self.folder = folder
        self.ttl_s = ttl_s
        self._pruned = False

    def _path(self, key: str) -> Path:
        return self.folder / hashlib.sha256(key.encode()).hexdigest()

    def get(self, key: str) -> bytes | None:
        if self.ttl_s <= 0:
            return None
        path = self._path(key)
        try:
            if time.time() - path.stat().st_mtime > self.ttl_s:
                return None
            return path.read_bytes()
        except FileNotFoundError:
            return None

    def put(self, key: str, body: bytes) -> None:
        if self.ttl_s <= 0:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        if not self._pruned:
            self._prune()
        path = self._path(key)
        partial = path.with_suffix(f".{os.getpid()}.{secrets.token_hex(4)}.part")  # rename is atomic
        partial.write_bytes(body)
        partial.replace(path)

    def _prune(self) -> None:
        """Expired answers are deleted once per client, so the cache does not grow without bound."""
        self._pruned = True
        cutoff = time.time() - self.ttl_s
        for entry in self.folder.iterdir():
            try:
                if entry.stat().st_mtime < cutoff:
                    entry.unlink()
            except FileNotFoundError:
                pass  # another process pruned it first


class Pace:
    """At least ``interval_s`` between the starts of two requests to one source, across concurrent callers."""

    def __init__(self, interval_s: float, sleep: Sleep) -> None:
        self.interval_s = interval_s
        self._sleep = sleep
        self._lock = asyncio.Lock()
        self._last = -float("inf")

    async def wait(self) -> None:
        async with self._lock:
            delay = self._last + self.interval_s - time.monotonic()
            if delay > 0:
                await self._sleep(delay)
            self._last = time.monotonic()


def retry_after(response: httpx.Response) -> float | None:
    """Retry-After as seconds (it may be a number or an HTTP date); None when absent or unreadable."""
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


class SourceClient:
    """A source's HTTP session: ``get`` returns the parsed body or raises SourceError, never a half answer."""

    def __init__(
        self,
        source: str,
        base_url: str,
        *,
        user_agent: str,
        identity: Mapping[str, str],
        interval_s: float,
        timeout_s: float,
        max_retries: int,
        backoff_s: float,
        cache: ResponseCache,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.source = source
        self.base_url = base_url
        self.identity = dict(identity)  # tool, email, api_key…: sent, never part of the cache key
        self.max_retries = max_retries
        self.backoff_s = backoff_s
        self.cache = cache
        self._sleep = sleep
        # concurrent answers share the process's one client per source (PaperSources), and so this pace
        self.pace = Pace(interval_s, sleep)
        self.http = httpx.AsyncClient(
            timeout=timeout_s, headers={"User-Agent": user_agent}, follow_redirects=True, verify=_tls()
        )
        self.requests = 0  # sent over the network (cache hits not counted)

    async def get(self, path: str, params: Mapping[str, str | int], parse: Callable[[bytes], T]) -> T:
        url = self.base_url.rstrip("/") + "/" + path.lstrip("/") if path else self.base_url
        key = json.dumps([url, sorted((k, str(v)) for k, v in params.items())])
        cached = self.cache.get(key)
        if cached is not None:
            try:
                return parse(cached)
            except SourceError:
                pass  # an entry from an older parser: fetch it again
        response = await self._fetch(url, {**{k: str(v) for k, v in params.items()}, **self.identity})
        if response.status_code != 200:
            try:
                parse(response.content)
            except SourceRefused:
                raise  # the API explained the refusal in its own format: that says it best
            except SourceError:
                pass
            retried = f" (still, after {self.max_retries} retries)" if response.status_code in _RETRYABLE else ""
            raise SourceError(self.source, _refusal(url, response) + retried)
        result = parse(response.content)  # raises SourceError on a malformed body, which is then not cached
        self.cache.put(key, response.content)
        return result

    async def _fetch(self, url: str, params: dict[str, str]) -> httpx.Response:
        """The first 200 or non-retryable answer, or the last answer once retries are spent."""
        attempt = 0
        while True:
            await self.pace.wait()
            self.requests += 1
            try:
                response = await self.http.get(url, params=params)
            except httpx.TransportError as error:
                if attempt >= self.max_retries:
                    raise SourceError(self.source, f"cannot reach {url}: {error!r}") from error
                await self._sleep(self._backoff(attempt, None))
                attempt += 1
                continue
            if response.status_code not in _RETRYABLE or attempt >= self.max_retries:
                return response
            await self._sleep(self._backoff(attempt, retry_after(response)))
            attempt += 1

    def _backoff(self, attempt: int, told: float | None) -> float:
        if told is not None:
            return min(told, _MAX_DELAY_S)
        return min(self.backoff_s * 2.0**attempt, _MAX_DELAY_S)

    async def aclose(self) -> None:
        await self.http.aclose()


def _refusal(url: str, response: httpx.Response) -> str:
    text = response.text.strip().replace("\n", " ")[:_ERROR_BODY_CHARS]
    return f"{url} answered HTTP {response.status_code}: {text or response.reason_phrase}"


class ClientSource:
    """A paper source that talks through one ``SourceClient`` and closes it when it is closed itself."""

    def __init__(self, client: SourceClient) -> None:
        self.client = client

    async def aclose(self) -> None:
        await self.client.aclose()


async def offset_pages(
    fetch_page: Callable[[int, int], Awaitable[tuple[int, list[T]]]], max_results: int, page_size: int
) -> list[T]:
    """Up to ``max_results`` results of an API paged by offset: ``fetch_page(offset, size)`` answers (total, page),
    and paging stops at an empty page or once the total is in hand."""
    found: list[T] = []
    while len(found) < max_results:
        total, page = await fetch_page(len(found), min(page_size, max_results - len(found)))
        found += page
        if not page or len(found) >= total:
            break
    return found[:max_results]
