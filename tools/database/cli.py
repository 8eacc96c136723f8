"""``labbot db upgrade``: migrate the database to this labbot's schema, without starting anything else.

Every process that opens the database migrates it anyway; this is for a deploy step that runs the
migrations once before the workers start (a Kubernetes init container, a release job).
"""

from __future__ import annotations

import asyncio

import typer
from rich.console import Console

from tools.database import open_database
from tools.database.migrate import current, head
from tools.settings import Settings

app = typer.Typer(help="labbot's database: its schema migrations.", no_args_is_help=True)


@app.command("upgrade")
def upgrade_command(ctx: typer.Context) -> None:
    """Run the migrations the database lacks (none: nothing changes) and print its revision."""
    settings = ctx.find_root().obj
    assert isinstance(settings, Settings), "the root callback puts Settings in ctx.obj"
    revisions = asyncio.run(_upgrade(settings))
    Console().print(f"database at migration {', '.join(sorted(revisions))} (head {head()})")


async def _upgrade(settings: Settings) -> set[str]:
    database = await open_database(settings)
    try:
        async with database.engine.connect() as connection:
            return await connection.run_sync(current)
    finally:
        await database.close()


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="db")
