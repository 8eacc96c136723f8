"""The one MetaData every store declares its tables on, and the column type for identifiers.

Identifiers (ids, channels, Slack timestamps as text, ISO times) compare as bytes on both backends,
SQLite's default BINARY and PostgreSQL's "C" collation, so that tie-breaks and orderings never depend
on a server's locale.
"""

from __future__ import annotations

from sqlalchemy import MetaData, Text
from sqlalchemy.types import TypeEngine

metadata = MetaData()


def bytewise_text() -> TypeEngine[str]:
    return Text().with_variant(Text(collation="C"), "postgresql")
