"""The SQLite half of every search index: papers, chunks, FTS5 BM25, and (optionally) the vectors.

One database file in WAL mode; every write is one ``BEGIN IMMEDIATE`` transaction that also bumps
a generation counter, so a killed writer leaves either the whole batch or none of it, and a dense
index cached elsewhere can tell that it is stale. Methods are blocking; the async indexes call
them through ``asyncio.to_thread`` and a lock keeps the one connection to one thread at a time.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from tools.papers import Chunk, Paper
from tools.search.protocol import EmbeddedPaper, Filters, IndexStats

_IN_BATCH = 500  # ids per IN (...) list
SCHEMA_VERSION = 3  # 2: papers belong to collections (the global library "", Slack channels); 3: chunk pages

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS papers (
    id TEXT PRIMARY KEY,
    record TEXT NOT NULL,
    year INTEGER,
    content_hash TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS chunks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    paper_id TEXT NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    section TEXT NOT NULL,
    vector BLOB,
    page_first INTEGER,  -- the PDF pages the chunk is printed on (NULL where unknown)
    page_last INTEGER,
    UNIQUE (paper_id, position)
);
CREATE INDEX IF NOT EXISTS papers_year ON papers(year);
CREATE TABLE IF NOT EXISTS paper_collections (
    paper_id TEXT NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    collection TEXT NOT NULL,
    PRIMARY KEY (paper_id, collection)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS chunks_fts USING fts5(
    title, section, text, tokenize = 'porter unicode61 remove_diacritics 2'
);
"""

# title, section, text: a query word in the title says more than one in a section label
_BM25_WEIGHTS = "2.0, 0.5, 1.0"

_STOPWORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have
    having he her here hers him his how i if in into is it its itself just me more most my no nor not of
    off on once only or other our out over own same she should so some such than that the their them
    then there these they this those through to too under until up very was we were what when where
    which while who whom why will with would you your""".split()  # noqa: SIM905
)
_WORD = re.compile(r"\w+", re.UNICODE)


def content_words(text: str) -> list[str]:
    """The words of a free-text question that can discriminate: lower-cased, no stopwords, no repeats."""
    return list(dict.fromkeys(w for w in _WORD.findall(text.lower()) if len(w) > 1 and w not in _STOPWORDS))


def fts_query(words: list[str]) -> str:
    """Words as an FTS5 expression: each quoted (no operator injection), OR-ed so BM25 ranks partial matches."""
    return " OR ".join(f'"{w}"' for w in words)


class EmbedderMismatch(RuntimeError):
    """The index holds vectors from another embedder; mixing them would make dense search meaningless."""


class Catalog:
    def __init__(self, path: Path, *, store_vectors: bool) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.store_vectors = store_vectors
        self._lock = threading.Lock()
        self._df: dict[str, int] = {}
        self._df_generation = -1
        self._conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=FULL")
        self._conn.execute("PRAGMA foreign_keys=ON")
        with self._transaction() as conn:
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute("INSERT OR IGNORE INTO meta VALUES ('generation', '0')")
            self._migrate(conn)

    @staticmethod
    def _migrate(conn: sqlite3.Connection) -> None:
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is not None and int(row[0]) < 2:  # papers from before collections belong to the global library
            conn.execute("INSERT OR IGNORE INTO paper_collections SELECT id, '' FROM papers")
        # an index from before pages were kept gains the columns; its chunks' pages stay unknown (NULL)
        columns = {info[1] for info in conn.execute("PRAGMA table_info(chunks)")}
        for column in ("page_first", "page_last"):
            if column not in columns:
                conn.execute(f"ALTER TABLE chunks ADD COLUMN {column} INTEGER")
        conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            yield self._conn

    # ---- writes -------------------------------------------------------------------------------

    def write(self, papers: Sequence[EmbeddedPaper], embedder: str, collection: str = "") -> None:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._transaction() as conn:
            self._check_embedder(conn, embedder, papers)
            for item in papers:
                self._delete_chunks(conn, [item.paper.id])
                conn.execute(
                    "INSERT INTO papers (id, record, year, content_hash, updated_at) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT(id) DO UPDATE SET record=excluded.record, year=excluded.year, "
                    "content_hash=excluded.content_hash, updated_at=excluded.updated_at",
                    (item.paper.id, item.paper.model_dump_json(), item.paper.year, item.content_hash, now),
                )
                conn.execute("INSERT OR IGNORE INTO paper_collections VALUES (?, ?)", (item.paper.id, collection))
                for chunk, vector in zip(item.chunks, item.vectors, strict=True):
                    blob = np.asarray(vector, dtype=np.float32).tobytes() if self.store_vectors else None
                    first, last = chunk.pages or (None, None)
                    cursor = conn.execute(
                        "INSERT INTO chunks (paper_id, position, section, vector, page_first, page_last) "
                        "VALUES (?, ?, ?, ?, ?, ?)",
                        (chunk.paper_id, chunk.position, chunk.section, blob, first, last),
                    )
                    conn.execute(
                        "INSERT INTO chunks_fts (rowid, title, section, text) VALUES (?, ?, ?, ?)",
                        (cursor.lastrowid, item.paper.title, chunk.section, chunk.text),
                    )
            self._bump_generation(conn)

    def add_to_collection(self, paper_ids: Sequence[str], collection: str) -> int:
        """Make stored papers visible in a collection too; returns how many memberships were new."""
        with self._transaction() as conn:
            before = conn.total_changes
            conn.executemany(
                "INSERT OR IGNORE INTO paper_collections SELECT id, ? FROM papers WHERE id = ?",
                [(collection, paper_id) for paper_id in paper_ids],
            )
            added = conn.total_changes - before
            if added:
                self._bump_generation(conn)
        return added

    def delete(self, paper_ids: Sequence[str]) -> int:
        with self._transaction() as conn:
            self._delete_chunks(conn, paper_ids)
            marks = ",".join("?" * len(paper_ids))
            deleted = conn.execute(f"DELETE FROM papers WHERE id IN ({marks})", list(paper_ids)).rowcount
            self._bump_generation(conn)
        return int(deleted)

    @staticmethod
    def _delete_chunks(conn: sqlite3.Connection, paper_ids: Sequence[str]) -> None:
        marks = ",".join("?" * len(paper_ids))
        conn.execute(
            f"DELETE FROM chunks_fts WHERE rowid IN (SELECT id FROM chunks WHERE paper_id IN ({marks}))",
            list(paper_ids),
        )
        conn.execute(f"DELETE FROM chunks WHERE paper_id IN ({marks})", list(paper_ids))

    @staticmethod
    def _bump_generation(conn: sqlite3.Connection) -> None:
        conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'")

    def _check_embedder(self, conn: sqlite3.Connection, embedder: str, papers: Sequence[EmbeddedPaper]) -> None:
        dims = {item.vectors.shape[1] for item in papers if len(item.chunks)}
        stored = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('embedder', 'dimension')").fetchall())
        if not stored:
            if dims:
                conn.execute("INSERT INTO meta VALUES ('embedder', ?)", (embedder,))
                conn.execute("INSERT INTO meta VALUES ('dimension', ?)", (str(dims.pop()),))
            return
        if stored.get("embedder") != embedder or any(str(d) != stored.get("dimension") for d in dims):
            raise EmbedderMismatch(
                f"this index was built with embedder {stored.get('embedder')!r} "
                f"({stored.get('dimension')} dims), not {embedder!r}; use a separate LABBOT_DATA_DIR "
                "or delete the index and ingest again"
            )

    # ---- reads --------------------------------------------------------------------------------

    def generation(self) -> int:
        with self._reading() as conn:
            return int(conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()[0])

    def content_hashes(self, paper_ids: Sequence[str]) -> dict[str, str]:
        with self._reading() as conn:
            return dict(_rows_where_in(conn, "SELECT id, content_hash FROM papers WHERE id", paper_ids))

    def bm25(self, query: str, limit: int, filters: Filters) -> list[tuple[int, float]]:
        """Chunk ids best first with their BM25 score (higher is better)."""
        words = content_words(query)
        if not words:
            return []
        with self._reading() as conn:
            expression = fts_query(self._informative(conn, words))
            if filters.empty:
                sql = (
                    f"SELECT rowid, -bm25(chunks_fts, {_BM25_WEIGHTS}) AS score FROM chunks_fts "
                    "WHERE chunks_fts MATCH ? ORDER BY score DESC, rowid LIMIT ?"
                )
                rows = conn.execute(sql, [expression, limit])
            else:
                where, params = _filter_sql(filters)
                sql = (
                    f"SELECT c.id, -bm25(chunks_fts, {_BM25_WEIGHTS}) AS score FROM chunks_fts "
                    "JOIN chunks c ON c.id = chunks_fts.rowid JOIN papers p ON p.id = c.paper_id "
                    f"WHERE chunks_fts MATCH ? {where} ORDER BY score DESC, c.id LIMIT ?"
                )
                rows = conn.execute(sql, [expression, *params, limit])
            return [(int(i), float(s)) for i, s in rows]

    def _informative(self, conn: sqlite3.Connection, words: list[str]) -> list[str]:
        """Drop words found in more than half of all chunks.

        FTS5's BM25 gives such a term an IDF of ~1e-6, so it cannot change the ranking, yet
        matching it makes SQLite score nearly every row. Document frequencies are cached per
        generation, so the cost is paid once per word until the library changes.
        """
        generation = int(conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()[0])
        if generation != self._df_generation:
            self._df = {"": int(conn.execute("SELECT count(*) FROM chunks").fetchone()[0])}
            self._df_generation = generation
        for word in words:
            if word not in self._df:
                match = fts_query([word])
                self._df[word] = conn.execute(
                    "SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH ?", [match]
                ).fetchone()[0]
        informative = [w for w in words if self._df[w] * 2 <= self._df[""]]
        return informative or words

    def chunk_ids_matching(self, filters: Filters) -> npt.NDArray[np.int64]:
        where, params = _filter_sql(filters)
        sql = f"SELECT c.id FROM chunks c JOIN papers p ON p.id = c.paper_id WHERE 1=1 {where}"
        with self._reading() as conn:
            return np.fromiter((row[0] for row in conn.execute(sql, params)), dtype=np.int64)

    def vectors(self) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
        """Every stored chunk vector with its chunk id (for rebuilding a dense index)."""
        with self._reading() as conn:
            dim_row = conn.execute("SELECT value FROM meta WHERE key = 'dimension'").fetchone()
            rows = conn.execute("SELECT id, vector FROM chunks WHERE vector IS NOT NULL ORDER BY id").fetchall()
        dim = int(dim_row[0]) if dim_row else 0
        ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        matrix = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float32).reshape(len(rows), dim)
        return ids, matrix

    def chunks_by_id(self, chunk_ids: Sequence[int]) -> dict[int, Chunk]:
        result: dict[int, Chunk] = {}
        sql = (
            "SELECT c.id, c.paper_id, c.position, c.section, f.text, c.page_first, c.page_last FROM chunks c "
            "JOIN chunks_fts f ON f.rowid = c.id WHERE c.id"
        )
        with self._reading() as conn:
            for cid, paper_id, position, section, text, first, last in _rows_where_in(conn, sql, chunk_ids):
                pages = (first, last) if first is not None and last is not None else None
                result[cid] = Chunk(paper_id=paper_id, position=position, section=section, text=text, pages=pages)
        return result

    def chunk_ids_by_key(self, keys: Sequence[tuple[str, int]]) -> dict[tuple[str, int], int]:
        with self._reading() as conn:
            found = (
                (key, conn.execute("SELECT id FROM chunks WHERE paper_id = ? AND position = ?", key).fetchone())
                for key in keys
            )
            return {key: row[0] for key, row in found if row}

    def chunk_versions(self, paper_ids: Sequence[str]) -> list[tuple[str, int, str]]:
        """(paper id, position, paper content hash) of every stored chunk of these papers."""
        with self._reading() as conn:
            marks = ",".join("?" * len(paper_ids))
            rows = conn.execute(
                "SELECT c.paper_id, c.position, p.content_hash FROM chunks c JOIN papers p ON p.id = c.paper_id "
                f"WHERE c.paper_id IN ({marks})",
                list(paper_ids),
            )
            return [(str(a), int(b), str(c)) for a, b, c in rows]

    def papers(self, paper_ids: Sequence[str]) -> dict[str, Paper]:
        with self._reading() as conn:
            rows = _rows_where_in(conn, "SELECT id, record FROM papers WHERE id", paper_ids)
            return {pid: Paper.model_validate_json(record) for pid, record in rows}

    def stats(self) -> IndexStats:
        with self._reading() as conn:
            papers = conn.execute("SELECT count(*) FROM papers").fetchone()[0]
            chunks = conn.execute("SELECT count(*) FROM chunks").fetchone()[0]
            meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        dimension = int(meta["dimension"]) if "dimension" in meta else None
        return IndexStats(papers=papers, chunks=chunks, dimension=dimension, embedder=meta.get("embedder"))

    def verify(self) -> list[str]:
        checks = {
            "SQLite integrity problem(s)": "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check != 'ok'",
            "chunk(s) without searchable text": "SELECT count(*) FROM chunks c "
            "WHERE NOT EXISTS (SELECT 1 FROM chunks_fts f WHERE f.rowid = c.id)",
            "searchable text without a chunk": "SELECT count(*) FROM chunks_fts f "
            "WHERE NOT EXISTS (SELECT 1 FROM chunks c WHERE c.id = f.rowid)",
            "paper(s) without chunks": "SELECT count(*) FROM papers p "
            "WHERE NOT EXISTS (SELECT 1 FROM chunks c WHERE c.paper_id = p.id)",
        }
        if self.store_vectors:
            checks["chunk(s) without a vector of the index's dimension"] = (
                "SELECT count(*) FROM chunks WHERE vector IS NULL OR length(vector) != 4 * "
                "(SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'dimension')"
            )
        with self._reading() as conn:
            counts = {problem: conn.execute(sql).fetchone()[0] for problem, sql in checks.items()}
        return [f"{count} {problem}" for problem, count in counts.items() if count]

    def close(self) -> None:
        with self._lock:
            self._conn.close()


def _rows_where_in(conn: sqlite3.Connection, sql: str, ids: Sequence[str] | Sequence[int]) -> Iterator[Any]:
    """The rows of ``sql`` (which ends in the column compared) ``IN`` the ids, asked in batches of
    _IN_BATCH so that no statement passes SQLite's limit on bound parameters."""
    for start in range(0, len(ids), _IN_BATCH):
        part = list(ids[start : start + _IN_BATCH])
        yield from conn.execute(f"{sql} IN ({','.join('?' * len(part))})", part)


def _filter_sql(filters: Filters) -> tuple[str, list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    if filters.year_min is not None:
        clauses.append("p.year >= ?")
        params.append(filters.year_min)
    if filters.year_max is not None:
        clauses.append("p.year <= ?")
        params.append(filters.year_max)
    if filters.id_prefix:
        clauses.append("substr(p.id, 1, ?) = ?")
        params.extend([len(filters.id_prefix), filters.id_prefix])
    if filters.collections is not None:
        marks = ",".join("?" * len(filters.collections))
        clauses.append(
            f"EXISTS (SELECT 1 FROM paper_collections pc WHERE pc.paper_id = p.id AND pc.collection IN ({marks}))"
        )
        params.extend(filters.collections)
    return "".join(f" AND {c}" for c in clauses), params
