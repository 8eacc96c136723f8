"""Loopback stand-in for a Pinecone index's data-plane REST API (the ``https://<index-host>`` endpoints).

``PineconeStandIn`` serves upsert, query, fetch, delete and describe_index_stats from memory on 127.0.0.1,
so tests drive the real ``pinecone.Index`` / ``pinecone.AsyncIndex`` (``host=stand_in.url``) against it.

Retries (pinecone 10.2.0, ``_internal/http_client.py``): the transport retries 408/429/500/502/503/504 up to
3 times, sleeping Retry-After (capped at 60 s, plus up to 50 % jitter) or else >= 0.25 s of jittered backoff,
and raises only on the last answer: 401 UnauthorizedError, 429 RateLimitError, 5xx ServiceError, others an
ApiError subclass. So ``fail_next(500)`` is invisible to callers and ``fail_next(500, times=4)`` raises. Its
retry budget and the gate batched upserts pass are process-wide, keyed by host with the port dropped, so every
stand-in shares one ledger: see ``reset_client_retry_state``. Patch ``_retry_sleep`` / ``_async_retry_sleep``
in that module to skip the waits. ``upsert(batch_size=...)`` never raises: failures land in ``.errors``.
"""

from __future__ import annotations

import copy
import json
import math
import operator
import threading
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.standins.http import LoopbackServer, QuietHandler

Json = dict[str, Any]
_GRPC_CODES = {400: 3, 401: 16, 403: 7, 404: 5, 409: 6, 412: 9, 413: 11, 429: 8, 500: 13, 503: 14, 504: 4}
_COMPARE: dict[str, Callable[[Any, Any], bool]] = {"$gt": operator.gt, "$gte": operator.ge}
_COMPARE |= {"$lt": operator.lt, "$lte": operator.le}
_SPARSE_ONLY_DOTPRODUCT = "sparse values are only supported by indexes with metric dotproduct"


class _Fail(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_scalar(value: Any) -> bool:
    return isinstance(value, str | bool) or _is_number(value)


def _same(a: Any, b: Any) -> bool:
    return bool(a == b) and isinstance(a, bool) == isinstance(b, bool)  # True must not equal 1


def _require(ok: bool, op: str, expected: str) -> None:
    if not ok:
        raise _Fail(400, f"invalid filter: {op} expects {expected}")


def _apply(op: str, operand: Any, present: bool, value: Any) -> bool:
    """One operator against one field; a list-valued field matches when any element does."""
    values = value if isinstance(value, list) else [value]
    if op in ("$eq", "$ne"):
        _require(_is_scalar(operand), op, "a string, number or boolean")
        hit = present and any(_same(v, operand) for v in values)
        return hit if op == "$eq" else not hit  # as in MongoDB, a missing field satisfies $ne and $nin
    if op in ("$in", "$nin"):
        _require(isinstance(operand, list) and all(_is_scalar(o) for o in operand), op, "an array of scalars")
        hit = present and any(_same(v, o) for v in values for o in operand)
        return hit if op == "$in" else not hit
    if op in _COMPARE:
        _require(_is_number(operand), op, "a number")
        return present and _is_number(value) and bool(_COMPARE[op](value, operand))
    if op == "$exists":
        _require(isinstance(operand, bool), op, "a boolean")
        return present is operand
    raise _Fail(400, f"invalid filter: unsupported operator {op!r}")


def matches_filter(filter_: Any, metadata: Json | None) -> bool:
    """Evaluate a metadata filter. It never short-circuits, so ``matches_filter(f, {})`` validates ``f``."""
    if filter_ is None:
        return True
    if not isinstance(filter_, dict):
        raise _Fail(400, "invalid filter: must be a JSON object")
    meta, results = metadata or {}, []
    for key, cond in filter_.items():
        if key in ("$and", "$or"):
            ok = isinstance(cond, list) and bool(cond) and all(isinstance(c, dict) for c in cond)
            _require(ok, key, "a non-empty array of objects")
            parts = [matches_filter(c, meta) for c in cond]
            results.append(all(parts) if key == "$and" else any(parts))
        elif key.startswith("$"):
            raise _Fail(400, f"invalid filter: unsupported operator {key!r}")
        else:
            ops = cond if isinstance(cond, dict) else {"$eq": cond}
            _require(bool(ops), key, "at least one operator")
            results.extend([_apply(op, arg, key in meta, meta.get(key)) for op, arg in ops.items()])
    return all(results)


def _floats(value: Any, what: str) -> list[float]:
    if not isinstance(value, list) or not all(_is_number(x) for x in value):
        raise _Fail(400, f"{what} must be an array of numbers")
    return [float(x) for x in value]


def _sparse(value: Any) -> Json:
    indices = value.get("indices") if isinstance(value, dict) else None
    values = _floats(value.get("values") if isinstance(value, dict) else None, "sparse values")
    if not isinstance(indices, list) or len(indices) != len(values):
        raise _Fail(400, "sparse indices and values must be arrays of the same length")
    if not all(isinstance(i, int) and not isinstance(i, bool) and i >= 0 for i in indices):
        raise _Fail(400, "sparse indices must be non-negative integers")
    return {"indices": indices, "values": values}


class PineconeStandIn(LoopbackServer):
    """An in-memory index answering Pinecone's data-plane REST calls; see the module docstring."""

    methods = ("GET", "POST", "PUT", "DELETE")

    def __init__(self, *, api_key: str = "test-key", metric: str = "cosine", dimension: int | None = None) -> None:
        if metric not in ("cosine", "dotproduct"):
            raise ValueError(f"unsupported metric {metric!r}")
        self.api_key, self.metric, self.dimension = api_key, metric, dimension
        self._lock = threading.Lock()
        self._store: dict[str, dict[str, Json]] = {}
        self._log: list[tuple[str, str, Any]] = []
        self._faults: list[tuple[int, float | None]] = []
        self._routes: dict[tuple[str, str], Callable[[Any], Json]] = {
            ("POST", "/vectors/upsert"): self._upsert,
            ("POST", "/query"): self._query,
            ("GET", "/vectors/fetch"): self._fetch,
            ("POST", "/vectors/delete"): self._delete,
            ("POST", "/describe_index_stats"): self._stats,
        }

    def _answer(self, request: QuietHandler) -> tuple[int, dict[str, str], bytes]:
        raw, url = request.body(), urlsplit(request.path)
        status, body, extra = self._dispatch(request.command, url.path, url.query, raw, request.headers.get("Api-Key"))
        return status, {"Content-Type": "application/json", **extra}, body

    @property
    def requests(self) -> list[tuple[str, str, Any]]:
        """Snapshot of every request as (method, path, JSON body or parse_qs dict), faulted and refused ones too."""
        with self._lock:
            return list(self._log)

    def fail_next(self, status: int, times: int = 1, retry_after: float | None = None) -> None:
        """Answer the next ``times`` requests with ``status``, plus a ``Retry-After`` header when given."""
        if not 400 <= status <= 599:
            raise ValueError("status must be an HTTP error status")
        with self._lock:
            self._faults.extend([(status, retry_after)] * times)

    def vectors(self, namespace: str = "") -> dict[str, Json]:
        """A copy of one namespace: id -> {"values", "sparseValues"?, "metadata"?}."""
        with self._lock:
            return copy.deepcopy(self._store.get(namespace, {}))

    def _dispatch(
        self, method: str, path: str, query: str, raw: bytes, api_key: str | None
    ) -> tuple[int, bytes, dict[str, str]]:
        try:
            payload: Any = parse_qs(query) if method == "GET" else json.loads(raw or b"{}")
        except ValueError:
            payload = None
        with self._lock:  # one request at a time: the store never changes under a reader
            self._log.append((method, path, payload))
            extra: dict[str, str] = {}
            try:
                if self._faults:
                    status, retry_after = self._faults.pop(0)
                    if retry_after is not None:
                        extra["Retry-After"] = f"{retry_after:g}"
                    raise _Fail(status, f"injected fault {status}")
                if api_key != self.api_key:
                    raise _Fail(401, "Invalid API Key")
                route = self._routes.get((method, path))
                if route is None:
                    raise _Fail(404, f"no such route: {method} {path}")
                if not isinstance(payload, dict):
                    raise _Fail(400, "the request body must be a JSON object")
                status, body = 200, route(payload)
            except _Fail as exc:
                status, body = exc.status, {"code": _GRPC_CODES.get(exc.status, 2), "message": exc.message}
            return status, json.dumps(body).encode(), extra

    def _record(self, item: Any, dimension: int | None) -> tuple[str, Json]:
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) or not item["id"]:
            raise _Fail(400, "every vector needs a non-empty string id")
        record: Json = {"values": _floats(item.get("values"), f"values of {item['id']!r}")}
        if not record["values"] or len(record["values"]) != (dimension or len(record["values"])):
            raise _Fail(400, f"Vector dimension {len(record['values'])} does not match the dimension {dimension}")
        if item.get("sparseValues") is not None:
            if self.metric != "dotproduct":
                raise _Fail(400, _SPARSE_ONLY_DOTPRODUCT)
            record["sparseValues"] = _sparse(item["sparseValues"])
        if item.get("metadata") is not None:
            if not isinstance(item["metadata"], dict):
                raise _Fail(400, "metadata must be a JSON object")
            record["metadata"] = item["metadata"]
        return item["id"], record

    def _upsert(self, body: Json) -> Json:
        items, dimension = body.get("vectors"), self.dimension
        staged: dict[str, Json] = {}
        if not isinstance(items, list) or not items:
            raise _Fail(400, "vectors must be a non-empty array")
        for item in items:  # validate the whole batch before storing any of it
            vector_id, staged[vector_id] = self._record(item, dimension)
            dimension = len(staged[vector_id]["values"])
        self.dimension = dimension
        self._store.setdefault(body.get("namespace") or "", {}).update(staged)
        return {"upsertedCount": len(items)}

    def _score(self, dense: list[float] | None, sparse: Json | None, record: Json) -> float:
        score = 0.0
        if dense is not None:
            dot = math.fsum(a * b for a, b in zip(dense, record["values"], strict=True))
            norm = math.hypot(*dense) * math.hypot(*record["values"])
            score += dot if self.metric == "dotproduct" else (dot / norm if norm else 0.0)
        if sparse is not None and "sparseValues" in record:
            stored = dict(zip(record["sparseValues"]["indices"], record["sparseValues"]["values"], strict=True))
            score += math.fsum(v * stored.get(i, 0.0) for i, v in zip(sparse["indices"], sparse["values"], strict=True))
        return score

    def _query(self, body: Json) -> Json:
        namespace, top_k, flt, by_id = body.get("namespace") or "", body.get("topK"), body.get("filter"), body.get("id")
        if not isinstance(top_k, int) or isinstance(top_k, bool) or top_k < 1:
            raise _Fail(400, "topK must be a positive integer")
        matches_filter(flt, {})
        store, dense_in, sparse_in = self._store.get(namespace, {}), body.get("vector"), body.get("sparseVector")
        if by_id is not None and (dense_in is not None or sparse_in is not None):
            raise _Fail(400, "Cannot provide both ID and vector at the same time")
        if by_id is None and dense_in is None and sparse_in is None:
            raise _Fail(400, "one of vector, sparseVector or id is required")
        if sparse_in is not None and self.metric != "dotproduct":
            raise _Fail(400, _SPARSE_ONLY_DOTPRODUCT)
        if by_id is not None:  # an unknown id matches nothing
            dense, sparse = store.get(by_id, {}).get("values"), store.get(by_id, {}).get("sparseValues")
        else:
            dense = None if dense_in is None else _floats(dense_in, "vector")
            sparse = None if sparse_in is None else _sparse(sparse_in)
        if dense is not None and self.dimension is not None and len(dense) != self.dimension:
            raise _Fail(400, f"Vector dimension {len(dense)} does not match the dimension {self.dimension}")
        candidates = [] if by_id is not None and dense is None else store.items()
        scored = sorted(
            (-self._score(dense, sparse, rec), vid)
            for vid, rec in candidates
            if matches_filter(flt, rec.get("metadata"))
        )
        wanted = {"values", "sparseValues"} if body.get("includeValues") else set()
        wanted |= {"metadata"} if body.get("includeMetadata") else set()
        matches = [
            {"id": vid, "score": -negative, **{k: v for k, v in store[vid].items() if k in wanted}}
            for negative, vid in scored[:top_k]
        ]
        return {"matches": matches, "namespace": namespace, "usage": {"readUnits": 1}}

    def _fetch(self, query: dict[str, list[str]]) -> Json:
        ids, namespace = query.get("ids", []), query.get("namespace", [""])[0]
        if not ids:
            raise _Fail(400, "ids are required")
        store = self._store.get(namespace, {})
        vectors = {i: {"id": i, **store[i]} for i in ids if i in store}
        return {"vectors": vectors, "namespace": namespace, "usage": {"readUnits": 1}}

    def _delete(self, body: Json) -> Json:
        namespace, ids, flt = body.get("namespace") or "", body.get("ids"), body.get("filter")
        if [ids is not None, bool(body.get("deleteAll")), flt is not None].count(True) != 1:
            raise _Fail(400, "specify exactly one of ids, deleteAll or filter")
        if ids is not None and (not isinstance(ids, list) or not all(isinstance(i, str) for i in ids)):
            raise _Fail(400, "ids must be an array of strings")
        if flt is not None and (not isinstance(flt, dict) or not flt):
            raise _Fail(400, "filter must be a non-empty object")
        matches_filter(flt, {})
        store = self._store.get(namespace, {})
        if ids is not None:
            doomed = [i for i in ids if i in store]
        else:
            doomed = [vid for vid, rec in store.items() if matches_filter(flt, rec.get("metadata"))]
        for vector_id in doomed:
            del store[vector_id]
        if not store:
            self._store.pop(namespace, None)  # an emptied namespace disappears, as in Pinecone
        return {}

    def _stats(self, body: Json) -> Json:
        flt = body.get("filter")
        matches_filter(flt, {})
        counts = {
            ns: sum(matches_filter(flt, rec.get("metadata")) for rec in store.values())
            for ns, store in sorted(self._store.items())
        }
        return {
            "namespaces": {ns: {"vectorCount": n} for ns, n in counts.items() if n},
            "dimension": self.dimension,
            "indexFullness": 0.0,
            "totalVectorCount": sum(counts.values()),
            "metric": self.metric,
            "vectorType": "dense",
        }


def reset_client_retry_state() -> None:
    """Forget the pinecone client's process-wide retry budget and bulk-gate state for every host."""
    from pinecone._internal.bulk.registry import get_registry
    from pinecone._internal.http_client import get_budget_registry

    get_budget_registry()._reset()
    get_registry()._reset()
