"""`labbot serve`, `labbot worker` and `labbot dev-slack`: the bot's processes."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Annotated

import typer
from rich.console import Console

from bot.devslack import run_dev_slack
from bot.serve import build_worker, serve_forever
from tools.settings import Settings

errors = Console(stderr=True)


def register(app: typer.Typer) -> None:
    @app.command(rich_help_panel="Slack")
    def serve(
        ctx: typer.Context,
        with_worker: Annotated[
            bool, typer.Option("--with-worker", help="Also run an answer worker in this process (small teams).")
        ] = False,
    ) -> None:
        """Connect labbot to Slack (Socket Mode, or HTTP with LABBOT_SLACK__MODE=http).

        The front door only checks, queues and acknowledges events; answers are written by
        `labbot worker` processes (or --with-worker). Needs SLACK_BOT_TOKEN plus SLACK_APP_TOKEN
        (Socket Mode) or SLACK_SIGNING_SECRET (HTTP), and Redis at LABBOT_REDIS_URL.
        """
        settings: Settings = ctx.obj
        try:
            asyncio.run(serve_forever(settings, with_worker))
        except ValueError as error:
            errors.print(f"[red]Cannot start:[/] {error}")
            raise typer.Exit(2) from error
        except KeyboardInterrupt:
            errors.print("stopped")

    @app.command(rich_help_panel="Slack")
    def worker(ctx: typer.Context) -> None:
        """Run an answer worker: takes questions from Redis, runs the graph, posts to Slack.

        Run as many as your machines allow; each runs LABBOT_SLACK__WORKER_JOBS jobs at once.
        A worker killed mid-answer loses nothing: the job reruns and the answer is posted once.
        """
        settings: Settings = ctx.obj
        build_worker(settings).run()

    @app.command("dev-slack", rich_help_panel="Slack")
    def dev_slack(
        ctx: typer.Context,
        dm: Annotated[
            bool, typer.Option("--dm", help="Talk in a DM instead of mentioning labbot in #general.")
        ] = False,
    ) -> None:
        """Chat with the real bot through a local Slack emulator, in this terminal. No Slack account needed.

        Starts the emulator, the bot (Socket Mode) and a worker, using Redis at LABBOT_REDIS_URL.
        Type a question; each new line after an answer is a follow-up in the same thread; /new starts
        a new thread, /quit leaves.
        """
        settings: Settings = ctx.obj
        with contextlib.suppress(KeyboardInterrupt, EOFError):
            asyncio.run(run_dev_slack(settings, dm))
