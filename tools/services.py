"""The long-lived objects a process needs, built once from settings at an entry point."""

from __future__ import annotations

from dataclasses import dataclass

from tools.embeddings import open_embedder
from tools.library import Library
from tools.search import open_index
from tools.settings import Settings


@dataclass
class Services:
    settings: Settings
    library: Library

    async def aclose(self) -> None:
        await self.library.close()


def build_services(settings: Settings) -> Services:
    library = Library(open_index(settings), open_embedder(settings), settings.search)
    return Services(settings=settings, library=library)
