"""Alembic's entry point: labbot always hands it an open connection (tools.database.migrate)."""

from __future__ import annotations

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():  # the caller's transaction (and lock) already holds: this begins none
    context.run_migrations()
