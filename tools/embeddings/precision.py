"""The number format the embedded embedder computes in: bf16 where the CPU multiplies it natively, else fp32.

bf16 keeps fp32's exponent and rounds the mantissa, so MiniLM's embeddings stay in the same space
(cosine ≈ 0.9999 to fp32, retrieval unchanged): vectors already in an index are searched with
queries embedded in either format. Without native bf16 (AVX512-BF16 or AMX) the cast is emulated and
slower than fp32, so it is only chosen where the hardware has it. Dynamic int8 was measured and
refused: it moved embeddings to cosine 0.93 of fp32.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from tools.settings import EmbeddingPrecision

Precision = Literal["fp32", "bf16"]

# Either gives oneDNN (PyTorch's CPU matmuls) native bf16 dot products; AMX is the faster of the two.
BF16_FLAGS = ("amx_bf16", "avx512_bf16")


@dataclass(frozen=True, slots=True)
class PrecisionChoice:
    precision: Precision
    reason: str


def cpu_bf16_flag(cpuinfo: Path = Path("/proc/cpuinfo")) -> str | None:
    """The first CPU flag that makes bf16 native here, or None (also off Linux, where there is no cpuinfo)."""
    try:
        text = cpuinfo.read_text()
    except OSError:
        return None
    flags: set[str] = set()
    for line in text.splitlines():
        if line.startswith("flags"):
            flags.update(line.partition(":")[2].split())
            break
    return next((flag for flag in BF16_FLAGS if flag in flags), None)


def choose_precision(setting: EmbeddingPrecision, cpuinfo: Path = Path("/proc/cpuinfo")) -> PrecisionChoice:
    if setting != "auto":
        return PrecisionChoice(setting, f"LABBOT_EMBEDDINGS__PRECISION={setting}")
    flag = cpu_bf16_flag(cpuinfo)
    if flag is None:
        return PrecisionChoice("fp32", "the CPU has no native bf16 (avx512_bf16 or amx_bf16)")
    return PrecisionChoice("bf16", f"the CPU has {flag}")
