"""Figures a cell returns, checked on the host: a cell can put any bytes where its figures go.

A figure is kept only if it is a whole PNG (signature, chunk CRCs, Pillow's own check) of at most
``MAX_FIGURE_BYTES`` and ``MAX_PIXELS``, and at most ``MAX_FIGURES`` are kept per cell; each one dropped is
said in a note. Saved figures live in one directory per answer and are deleted once older than the
retention (``sandbox.figure_retention_h``): after that an answer is shown, and shared, without them.
"""

from __future__ import annotations

import io
import shutil
import time
import warnings
from collections.abc import Sequence
from pathlib import Path

from PIL import Image

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_FIGURES = 16
MAX_FIGURE_BYTES = 4 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 300 dpi A4 page is 8.7 M; a decompression bomb is billions


def _problem(data: bytes) -> str | None:
    if len(data) > MAX_FIGURE_BYTES:
        return f"over {MAX_FIGURE_BYTES} bytes"
    if not data.startswith(PNG_SIGNATURE):
        return "not a PNG"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=["PNG"]) as image:
                if image.width * image.height > MAX_PIXELS:
                    return f"over {MAX_PIXELS} pixels"
                image.verify()  # every chunk's CRC, up to IEND
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        return f"over {MAX_PIXELS} pixels"
    except Exception:  # Pillow raises many types for a damaged file (OSError, SyntaxError, ValueError…)
        return "not a valid PNG"
    return None


def checked(figures: Sequence[bytes]) -> tuple[list[bytes], list[str]]:
    """The figures that are whole PNGs within the caps, and a note for each one dropped."""
    kept: list[bytes] = []
    notes: list[str] = []
    for number, data in enumerate(figures, start=1):
        if len(kept) == MAX_FIGURES:
            notes.append(f"[{len(figures) - number + 1} more figures dropped: at most {MAX_FIGURES} per cell]")
            break
        problem = _problem(data)
        if problem is None:
            kept.append(data)
        else:
            notes.append(f"[figure {number} dropped: {problem}]")
    return kept, notes


def prune(root: Path, retention_s: float, now: float | None = None) -> list[Path]:
    """Delete the answer directories under ``root`` last changed more than ``retention_s`` ago; return them."""
    cutoff = (time.time() if now is None else now) - retention_s
    removed = []
    try:
        entries = list(root.iterdir())
    except FileNotFoundError:
        return []
    for entry in entries:
        try:
            stale = entry.lstat().st_mtime < cutoff
        except FileNotFoundError:
            continue  # another worker pruned it first
        if stale:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry, ignore_errors=True)
            else:
                entry.unlink(missing_ok=True)
            removed.append(entry)
    return removed
