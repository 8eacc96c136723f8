"""labbot's optional extras: which one a feature needs, whether it is installed, and the one-line error if not.

The base install is the CLI, the agent, the local model, the embedder and the analysis libraries; each
role's packages are an extra (pyproject.toml). A command that needs a missing one says which to install.
"""

from __future__ import annotations

import importlib.util
from typing import NamedTuple


class Extra(NamedTuple):
    modules: tuple[str, ...]  # importable when the extra is installed
    enables: str


EXTRAS: dict[str, Extra] = {
    "slack": Extra(
        ("slack_bolt", "slack_sdk", "aiohttp", "arq", "redis"), "labbot serve / worker / dev-slack / digest / health"
    ),
    "train": Extra(("peft", "trl", "datasets", "accelerate", "gguf"), "labbot train (local LoRA) and its datasets"),
    "mlflow": Extra(("mlflow",), "LABBOT_TRAINING__TRACKING=mlflow, LABBOT_EVALUATION__TRACKING=mlflow"),
    "wandb": Extra(("wandb",), "LABBOT_TRAINING__TRACKING=wandb, LABBOT_EVALUATION__TRACKING=wandb"),
    "postgres": Extra(
        ("psycopg", "psycopg_pool", "langgraph.checkpoint.postgres"), "LABBOT_DATABASE_URL=postgresql://"
    ),
    "pinecone": Extra(("pinecone",), "LABBOT_SEARCH__BACKEND=pinecone"),
    "e2b": Extra(("e2b_code_interpreter",), "LABBOT_SANDBOX__BACKEND=e2b"),
    "server": Extra(("uvicorn", "fastapi", "sse_starlette"), "llama.cpp's OpenAI-compatible server (deploy/compose)"),
}


class MissingExtraError(RuntimeError):
    """A feature whose extra (or other optional package) is not installed; the message says what to install."""


def _importable(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ModuleNotFoundError, ValueError):  # a dotted name whose parent is missing; a module blocked as None
        return False


def installed(extra: str) -> bool:
    return all(_importable(module) for module in EXTRAS[extra].modules)


def require(extra: str, feature: str) -> None:
    """Raise ``MissingExtraError`` with the install line when ``extra`` is missing."""
    if not installed(extra):
        raise MissingExtraError(f"{feature} needs labbot's {extra!r} extra: pip install 'labbot[{extra}]'")
