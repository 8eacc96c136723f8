"""Which database ``LABBOT_DATABASE_URL`` names: the one decision every labbot store and the checkpointer share.

Unset, labbot keeps its state in ``labbot.sqlite`` in the data dir (and LangGraph's checkpoints in
``checkpoints.sqlite`` beside it). A ``sqlite+aiosqlite:///`` URL names another SQLite file; a
``postgresql+psycopg://`` URL (or plain ``postgresql://``, the spelling psycopg and LangGraph take)
puts everything in that PostgreSQL database.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sqlalchemy.engine import URL, make_url

from tools.settings import Settings

Backend = Literal["sqlite", "postgresql"]
SQLITE_FILE = "labbot.sqlite"
CHECKPOINT_FILE = "checkpoints.sqlite"

_BACKENDS: dict[str, Backend] = {
    "sqlite": "sqlite",
    "sqlite+aiosqlite": "sqlite",
    "postgresql": "postgresql",
    "postgres": "postgresql",
    "postgresql+psycopg": "postgresql",
}
_DRIVERS: dict[Backend, str] = {"sqlite": "sqlite+aiosqlite", "postgresql": "postgresql+psycopg"}


@dataclass(frozen=True)
class Target:
    backend: Backend
    url: URL  # SQLAlchemy's, with the async driver named

    @property
    def sqlite_path(self) -> Path:
        assert self.backend == "sqlite" and self.url.database
        return Path(self.url.database)

    @property
    def checkpoint_path(self) -> Path:
        """LangGraph's SQLite checkpoints live beside labbot's own file."""
        return self.sqlite_path.with_name(CHECKPOINT_FILE)

    @property
    def libpq_url(self) -> str:
        """The PostgreSQL URL as psycopg (and LangGraph's saver over it) takes it."""
        assert self.backend == "postgresql"
        return self.url.set(drivername="postgresql").render_as_string(hide_password=False)


def database_target(settings: Settings) -> Target:
    """The database of these settings; a URL of any other kind is refused, naming only its scheme."""
    if settings.database_url is None:
        return Target("sqlite", URL.create(_DRIVERS["sqlite"], database=str(settings.data_path / SQLITE_FILE)))
    scheme = settings.database_url.partition("://")[0].lower()
    backend = _BACKENDS.get(scheme)
    if backend is None:
        raise ValueError(
            "LABBOT_DATABASE_URL must be a postgresql:// (postgresql+psycopg://) or sqlite+aiosqlite:/// URL "
            f"(or unset for SQLite in the data dir), not {scheme}://"
        )
    url = make_url(settings.database_url).set(drivername=_DRIVERS[backend])
    if backend == "sqlite" and not url.database:
        raise ValueError("a sqlite+aiosqlite:/// LABBOT_DATABASE_URL must name a file")
    return Target(backend, url)
