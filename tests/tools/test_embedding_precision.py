"""The embedded embedder's number format: bf16 only where the CPU has it, fp32 on demand, and one vector space."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from tools.doctor import check_embedder
from tools.embeddings import open_embedder
from tools.embeddings.minilm import MiniLMEmbedder
from tools.embeddings.precision import choose_precision
from tools.ingest import ingest
from tools.library import Library
from tools.papers import Paper
from tools.readers import read_papers
from tools.search import Hit
from tools.search.sqlite import SqliteIndex
from tools.settings import EmbeddingSettings, Settings

CPUINFO = "processor\t: 0\nvendor_id\t: GenuineIntel\nflags\t\t: fpu sse2 avx2 avx512f {extra}\nbogomips\t: 4000\n"


def _cpuinfo(tmp_path: Path, extra: str) -> Path:
    path = tmp_path / "cpuinfo"
    path.write_text(CPUINFO.format(extra=extra))
    return path


@pytest.mark.parametrize(
    ("flags", "setting", "expected"),
    [
        ("avx512_bf16 avx512_vnni", "auto", "bf16"),
        ("amx_bf16 amx_tile", "auto", "bf16"),
        ("avx512_vnni", "auto", "fp32"),  # int8 dot products only: bf16 would be emulated, slower than fp32
        ("avx512_bf16 amx_bf16", "fp32", "fp32"),
        ("", "bf16", "bf16"),
    ],
)
def test_auto_picks_bf16_only_where_the_cpu_has_it_and_fp32_can_be_forced(
    tmp_path: Path, flags: str, setting: str, expected: str
) -> None:
    choice = choose_precision(setting, _cpuinfo(tmp_path, flags))  # type: ignore[arg-type]
    assert choice.precision == expected
    assert choice.reason  # doctor shows it


def test_without_cpuinfo_the_embedder_stays_fp32(tmp_path: Path) -> None:
    assert choose_precision("auto", tmp_path / "absent").precision == "fp32"


def test_the_settings_reach_the_embedder_and_doctor_names_the_path(settings: Settings) -> None:
    forced = Settings(data_dir=settings.data_dir, embeddings=EmbeddingSettings(precision="fp32"))
    assert open_embedder(forced).inner.precision == "fp32"  # type: ignore[attr-defined]
    assert " in fp32 (LABBOT_EMBEDDINGS__PRECISION=fp32)" in check_embedder(forced).detail
    auto = choose_precision("auto")
    assert open_embedder(settings).inner.precision == auto.precision  # type: ignore[attr-defined]
    assert f" in {auto.precision} ({auto.reason})" in check_embedder(settings).detail


@pytest.fixture(scope="module")
def bf16() -> MiniLMEmbedder:
    embedder = MiniLMEmbedder(precision="bf16")
    embedder.model()
    return embedder


async def test_bf16_vectors_are_float32_unit_rows_close_to_fp32_in_the_callers_order(
    embedder: MiniLMEmbedder, bf16: MiniLMEmbedder
) -> None:
    texts = [
        "Kaplan-Meier",
        "The log-rank test compares survival curves between groups under proportional hazards. " * 6,
        "False discovery rate",
        "Multiple imputation by chained equations assumes data missing at random given the observed variables.",
    ]
    full, half = await embedder.embed(texts), await bf16.embed(texts)
    assert half.dtype == np.float32 and half.shape == (4, 384)
    np.testing.assert_allclose(np.linalg.norm(half, axis=1), 1.0, atol=1e-5)
    cosines = np.sum(full * half, axis=1)
    assert cosines.mean() >= 0.999 and cosines.min() >= 0.998, cosines
    # the texts are sorted by length inside the call and put back: each row is its own text's vector
    alone = np.vstack([await bf16.embed([text]) for text in texts])
    assert np.sum(alone * half, axis=1).min() >= 0.999


@pytest.mark.dataset
async def test_an_index_built_in_fp32_answers_bf16_queries_as_well(
    pubmedqa_path: Path, settings: Settings, embedder: MiniLMEmbedder, bf16: MiniLMEmbedder
) -> None:
    """No re-ingest after the switch: the fp32 vectors already stored are searched with bf16 query vectors."""
    with pubmedqa_path.open() as file:  # one small read before anything runs concurrently
        data = dict(list(json.load(file).items())[:80])
    papers = [p for p in read_papers(pubmedqa_path, "pubmedqa") if isinstance(p, Paper) and p.id[5:] in data]
    library = Library(SqliteIndex(settings.index_dir, settings.search), embedder, settings.search)
    try:
        await ingest(library, papers)
        questions = [record["QUESTION"] for record in data.values()]
        before = await library.search_many(questions, k=5, mode="dense")
        library.embedder = bf16  # same name, so the index takes its queries
        after = await library.search_many(questions, k=5, mode="dense")
    finally:
        await library.close()
    gold = [f"PMID:{pmid}" for pmid in data]

    def recall(results: list[list[Hit]]) -> float:
        return sum(g in {h.paper_id for h in hits} for g, hits in zip(gold, results, strict=True)) / len(gold)

    assert recall(before) >= 0.95
    assert abs(recall(after) - recall(before)) <= 1 / len(gold)
    top1_same = sum(b[0].paper_id == a[0].paper_id for b, a in zip(before, after, strict=True))
    assert top1_same >= len(gold) - 1
