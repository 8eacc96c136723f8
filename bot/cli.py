"""The `labbot` command: the root that builds Settings once and mounts every package's commands."""

from __future__ import annotations

import logging

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.logging import RichHandler
from rich.markup import escape

from evaluation import cli as evaluation_cli
from graph import cli as graph_cli
from tools import cli as tools_cli
from tools.extras import MissingExtraError, installed, require
from tools.settings import Settings
from training import cli as training_cli

app = typer.Typer(
    name="labbot",
    help=(
        "labbot: a research assistant for your lab's papers — cited answers, verified citations, "
        "code that runs.\n\n"
        'Start with: labbot ingest --starter, then labbot search "your question". '
        "Settings come from LABBOT_* environment variables or a .env file (labbot doctor shows what is set up)."
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def root(
    ctx: typer.Context,
    verbose: bool = typer.Option(
        False, "--verbose", "-v", help="Log what happens (INFO); LABBOT_LOG_LEVEL=DEBUG for more."
    ),
) -> None:
    try:
        settings = Settings()
    except ValidationError as error:
        Console(stderr=True).print(f"[red]Invalid labbot settings[/] (environment or .env):\n{error}")
        raise typer.Exit(2) from error
    level = "INFO" if verbose and settings.log_level in ("WARNING", "ERROR") else settings.log_level
    logging.basicConfig(
        level=level, format="%(message)s", handlers=[RichHandler(console=Console(stderr=True), show_path=False)]
    )
    ctx.obj = settings


tools_cli.register(app)
graph_cli.register(app)
training_cli.register(app)
evaluation_cli.register(app)
SLACK_COMMANDS = ("serve", "worker", "dev-slack", "digest", "health")


def _needs_slack(name: str) -> None:
    def command() -> None:
        require("slack", f"labbot {name}")

    app.command(
        name,
        help="(needs the 'slack' extra: pip install 'labbot[slack]')",
        rich_help_panel="Slack",
        context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
    )(command)


if installed("slack"):  # the Slack commands import Slack's libraries at the top: mounted only when present
    from bot import commands as bot_commands
    from bot import health as bot_health
    from bot.digests import cli as digest_cli

    bot_commands.register(app)
    digest_cli.register(app)
    bot_health.register(app)
else:
    for _name in SLACK_COMMANDS:
        _needs_slack(_name)


def main() -> None:
    try:
        app()
    except MissingExtraError as error:  # one line that says what to install, not a traceback
        Console(stderr=True).print(f"[red]{escape(str(error))}[/]")
        raise SystemExit(2) from error
