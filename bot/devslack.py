"""`labbot dev-slack`: the real bot (Bolt front door + arq worker) behind the Slack emulator, in a terminal.

The emulator is its own distribution (packages/slack-emulator), not part of the labbot wheel: it is imported
when the command runs, and a missing one is named with its install line.
"""

from __future__ import annotations

import asyncio
from contextlib import AsyncExitStack
from typing import TYPE_CHECKING, Any

from pydantic import SecretStr
from rich.console import Console
from rich.markup import escape
from rich.panel import Panel

from bot.serve import build_worker, open_front_door, serving, stop_worker
from tools.extras import MissingExtraError
from tools.settings import Settings

if TYPE_CHECKING:
    from slack_emulator import Message, SlackEmulator

console = Console()
ANSWER_WAIT_S = 600.0
INSTALL_EMULATOR = (
    "labbot dev-slack needs the Slack emulator, which is not part of the labbot package: from a labbot checkout,"
    " .venv/bin/python -m pip install -e packages/slack-emulator (scripts/bootstrap installs it)"
)


def emulated_settings(settings: Settings, slack: SlackEmulator) -> Settings:
    """The user's settings, pointed at the emulator (its tokens, Socket Mode, no pacing)."""
    slack_section = settings.slack.model_copy(
        update={
            "mode": "socket",
            "api_url": slack.api_url,
            "post_interval_s": 0,
            "file_hosts": (slack.workspace.base_url,),  # shared files are the emulator's
        }
    )
    return settings.model_copy(
        update={
            "slack": slack_section,
            "slack_bot_token": SecretStr(slack.bot_token),
            "slack_app_token": SecretStr(slack.app_token),
            "slack_signing_secret": SecretStr(slack.signing_secret),
        }
    )


def render(message: Message) -> str:
    """A posted answer as terminal text: each block's text, in order."""
    lines: list[str] = []
    for block in message.blocks:
        text: Any = block.get("text") or {}
        if isinstance(text, dict) and text.get("text"):
            lines.append(str(text["text"]))
        for element in block.get("elements", []):
            if block.get("type") == "context" and isinstance(element, dict) and element.get("text"):
                lines.append(str(element["text"]))
    return "\n".join(lines) or message.text


def _progress(message: Message) -> str:
    """A placeholder's status text, or the task a streamed answer's timeline is running."""
    running = [t for t in (message.stream.tasks.values() if message.stream else ()) if t["status"] == "in_progress"]
    return str(running[-1].get("details") or running[-1]["title"]) if running else message.text


async def _wait_for_answer(slack: SlackEmulator, channel: str, thread_ts: str, after_ts: str) -> list[Message]:
    """Shows the placeholder's status while the worker runs; returns every part of the finished answer."""
    shown = ""
    with console.status("queued…") as status:
        for _ in range(int(ANSWER_WAIT_S / 0.2)):
            parts = [
                m
                for m in slack.bot_messages(channel)
                if thread_ts in (m.thread_ts, m.ts) and float(m.ts) > float(after_ts)
            ]
            first = parts[0] if parts else None
            if first and first.blocks and (first.stream is None or first.stream.state == "stopped"):
                await asyncio.sleep(1.0)  # later parts follow the first within the channel's pace
                return [m for m in slack.bot_messages(channel) if m.thread_ts == thread_ts and m.blocks]
            if first and _progress(first) != shown:
                shown = _progress(first)
                status.update(escape(shown.strip("_")))
            await asyncio.sleep(0.2)
    raise TimeoutError("no answer within 10 minutes; is the worker running? (see the log above)")


async def run_dev_slack(settings: Settings, in_dm: bool) -> None:
    try:
        from slack_emulator import EmulatorConfig, SlackEmulator
    except ModuleNotFoundError as error:
        if error.name != "slack_emulator":
            raise
        raise MissingExtraError(INSTALL_EMULATOR) from error
    async with AsyncExitStack() as stack:
        slack = await stack.enter_async_context(SlackEmulator(EmulatorConfig(transport="socket_mode")))
        local = emulated_settings(settings, slack)
        app = await stack.enter_async_context(open_front_door(local))
        await stack.enter_async_context(serving(local, app))
        worker = build_worker(local, handle_signals=False)
        worker_task = asyncio.create_task(worker.async_run())
        stack.push_async_callback(stop_worker, worker, worker_task)
        where = "a DM with labbot" if in_dm else "#general (your messages mention @labbot)"
        console.print(f"[bold]labbot dev-slack[/]: emulated workspace at {slack.api_url}, talking in {where}.")
        console.print("Type a question. Later lines continue the thread; /new starts a new one; /quit leaves.")
        thread_ts: str | None = None
        printed: set[str] = set()
        while True:
            line = (await asyncio.to_thread(console.input, "[bold cyan]you>[/] ")).strip()
            if line in ("/quit", "/exit"):
                return
            if line == "/new" or not line:
                thread_ts = None if line == "/new" else thread_ts
                continue
            if in_dm:
                action = await slack.send_dm(line, thread_ts=thread_ts)
            else:
                action = await slack.post_user_message(f"<@{slack.bot_user_id}> {line}", thread_ts=thread_ts)
            thread_ts = thread_ts or action.message.ts
            parts = await _wait_for_answer(slack, action.message.channel, thread_ts, action.message.ts)
            for part in parts:
                if part.ts not in printed:
                    printed.add(part.ts)
                    console.print(Panel(escape(render(part)), title="labbot", border_style="green"))
