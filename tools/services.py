"""The long-lived objects a process needs, built once from settings at an entry point."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Protocol

from tools.embeddings import open_embedder
from tools.library import Library
from tools.models import ChatModel, ModelEntry, ModelPool
from tools.sandbox import open_sandbox
from tools.sandbox.protocol import SandboxProvider
from tools.search import open_index
from tools.settings import Settings
from tools.sources import PaperSources


class ModelSource(Protocol):
    """Registry entries by name and the chat models behind them (ModelPool; a scripted source in tests)."""

    def entry(self, name: str) -> ModelEntry: ...

    def default(self) -> str:
        """The entry that drafts unless told otherwise."""
        ...

    def chat(self, name: str) -> ChatModel: ...

    async def aclose(self) -> None: ...


@dataclass
class Services:
    settings: Settings
    library: Library
    models: ModelSource
    sandboxes: SandboxProvider
    sources: PaperSources = field(init=False)  # opened once, on first use: one client and pace per source

    def __post_init__(self) -> None:
        self.sources = PaperSources(self.settings)

    async def aclose(self) -> None:
        await self.sources.aclose()
        await self.models.aclose()
        await self.library.close()


def build_services(settings: Settings) -> Services:
    library = Library(open_index(settings), open_embedder(settings), settings.search)
    return Services(settings=settings, library=library, models=ModelPool(settings), sandboxes=open_sandbox(settings))


@cache
def process_services() -> Services:
    """The services of a process that was handed no others (LangGraph's server, Studio): built once,
    from the environment's settings, on first use."""
    return build_services(Settings())
