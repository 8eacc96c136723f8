"""`labbot ask` and `labbot chat`: the answer graph in the terminal, with live progress."""

from __future__ import annotations

import asyncio
import json
import sys
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Annotated, Any

import typer
from langgraph.graph.state import CompiledStateGraph
from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.status import Status
from rich.syntax import Syntax
from rich.table import Table

from graph.builder import build_graph
from graph.checkpoint import open_checkpointer
from graph.context import Context
from graph.events import STATUS_TEXT, ProgressEvent
from graph.run import answer_question
from graph.schemas import AnalysisReport, Answer
from tools.decoding import undecodable_argument
from tools.links import defang
from tools.models.protocol import ModelError
from tools.papers import page_label
from tools.services import Services, build_services
from tools.settings import Settings

console = Console()
errors = Console(stderr=True)


def inert(text: str) -> str:
    """Untrusted text for the terminal: rich markup escaped, URLs and domains defanged (terminals link them)."""
    return escape(defang(text))


MARKS = {"supported": "[green]✓[/]", "unsupported": "[red]✗ unverified[/]", "unknown_source": "[red]✗ unknown[/]"}


@dataclass
class Session:
    graph: CompiledStateGraph[Any, Any, Any, Any]
    context: Context
    services: Services


@asynccontextmanager
async def open_session(settings: Settings, model: str | None) -> AsyncIterator[Session]:
    services = build_services(settings)
    try:
        services.models.entry(model or services.models.default())  # fail early on an unknown name
        async with open_checkpointer(settings) as saver:
            yield Session(build_graph(saver), Context.from_services(services, model), services)
    finally:
        await services.aclose()


async def _ask(session: Session, question: str, thread: str, quiet: bool) -> Answer:
    status: Status | None = None if quiet else errors.status("starting…")

    def show(event: ProgressEvent) -> None:
        if status is not None:
            detail = f" ({event['detail']})" if event["detail"] else ""
            status.update(f"{STATUS_TEXT[event['stage']]}{escape(detail)}")

    if status is None:
        return await answer_question(session.graph, session.context, question, thread)
    with status:
        return await answer_question(session.graph, session.context, question, thread, show)


def analysis_panel(analysis: AnalysisReport) -> Panel:
    """What was asked, what ran (or why not), the data as read and the numbers left unused."""
    mark = "[green]ran[/]" if analysis.status == "ran" else "[red]declined[/]"
    lines: list[Any] = [f"{mark} · asked: {inert(analysis.requested or '—')}"]
    if analysis.ran:
        lines.append(f"ran: {inert(analysis.ran)}")
    if analysis.reason:
        lines.append(f"[red]why not:[/] {inert(analysis.reason)}")
    if analysis.data_as_read:
        lines.append(Panel(inert(analysis.data_as_read), title="data as read", title_align="left", border_style="dim"))
    lines += [f"[dim]{inert(note)}[/]" for note in analysis.notes]
    if analysis.unused:
        unused = "; ".join(f"{u.text} ({u.why})" for u in analysis.unused)
        lines.append(f"[dim]numbers not used: {inert(unused)}[/]")
    return Panel(Group(*lines), title="Analysis", title_align="left", border_style="green")


def render(answer: Answer) -> Group:
    parts: list[Any] = []
    for section in answer.sections:
        parts.append(Panel(inert(section.text), title=section.name.title(), title_align="left", border_style="cyan"))
    if answer.analysis.status != "none":
        parts.append(analysis_panel(answer.analysis))
    if answer.citations:
        table = Table(title="Citations", title_justify="left", show_lines=False, expand=True)
        for column in ("#", "source", "check", "link"):
            table.add_column(column, overflow="fold")
        for citation in answer.citations:
            number = str(citation.number) if citation.number else "–"
            where = " · ".join(filter(None, [citation.passage, page_label(citation.pages)]))
            source = f"{inert(citation.title)} [dim]{inert(where)}[/]"
            table.add_row(number, source, MARKS[citation.verdict], escape(citation.link or ""))
        parts.append(table)
    for index, report in enumerate(answer.code, start=1):
        title = f"Code {index}: {report.recipe or 'model-written'} — {report.status}"
        # defanged like all text here (data labels end up in code); --json prints the code exactly as it ran
        body: list[Any] = [Syntax(defang(report.source), "python", line_numbers=False, word_wrap=True)]
        if report.stdout:
            body.append(Panel(inert(report.stdout.strip()), title="output", title_align="left"))
        if report.error:
            body.append(f"[red]{inert(report.error)}[/]")
        body += [f"figure: {inert(path)}" for path in report.figures]
        parts.append(Panel(Group(*body), title=title, title_align="left", border_style="magenta"))
    parts += [f"[yellow]note:[/] {inert(note)}" for note in answer.notes]
    usage = answer.usage
    seconds = sum(answer.timings.values())
    parts.append(
        f"[dim]model {inert(answer.model)} · {int(usage['prompt_tokens'])}+{int(usage['completion_tokens'])} "
        f"tokens · {seconds:.1f} s · ${usage['cost_usd']:.4f} · searched {inert(answer.sources_searched)}[/]"
    )
    return Group(*parts)


def ask_command(
    ctx: typer.Context,
    question: Annotated[str, typer.Argument(help="Your question; paste data inline for an analysis.")],
    model: Annotated[str | None, typer.Option("--model", "-m", help="Registry entry (labbot models).")] = None,
    thread: Annotated[str | None, typer.Option("--thread", "-t", help="Continue this conversation id.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the answer as one JSON object.")] = False,
) -> None:
    """Answer a question from the library, with verified citations and code that ran.

    \b
    Examples:
      labbot ask "How do I compare survival between two treatment groups?"
      labbot ask "t-test: control 5.1 4.8 6.0 5.5, treated 6.2 6.9 7.1 6.4"
      labbot ask "and if the variances differ?" --thread my-thread
    """
    settings: Settings = ctx.obj
    bad = undecodable_argument(question)
    if bad is not None:  # a non-UTF-8 argument: say so in one line rather than fail deep in the graph
        errors.print(f"[red]The question is not valid text: an undecodable byte at character {bad + 1}.[/]")
        raise typer.Exit(2)
    thread_id = thread or uuid.uuid4().hex
    answer = asyncio.run(_ask_once(settings, question, model, thread_id, quiet=as_json))
    if as_json:
        sys.stdout.write(json.dumps({**answer.as_json(), "thread": thread_id}, ensure_ascii=False) + "\n")
        return
    console.print(render(answer))
    errors.print(f"[dim]thread {thread_id} (continue with --thread {thread_id})[/]")


async def _ask_once(settings: Settings, question: str, model: str | None, thread: str, quiet: bool) -> Answer:
    try:
        async with open_session(settings, model) as session:
            return await _ask(session, question, thread, quiet)
    except (KeyError, ModelError) as error:
        errors.print(f"[red]{escape(str(error))}[/]")
        raise typer.Exit(1) from error


def chat_command(
    ctx: typer.Context,
    model: Annotated[str | None, typer.Option("--model", "-m", help="Registry entry (labbot models).")] = None,
    thread: Annotated[str | None, typer.Option("--thread", "-t", help="Resume this conversation id.")] = None,
) -> None:
    """A conversation in the terminal: every question continues the same thread. Ctrl-D quits."""
    settings: Settings = ctx.obj
    asyncio.run(_chat(settings, model, thread or uuid.uuid4().hex))


async def _chat(settings: Settings, model: str | None, thread: str) -> None:
    async with open_session(settings, model) as session:
        errors.print(f"[dim]labbot chat · thread {thread} · model {session.context.model} · Ctrl-D to quit[/]")
        while True:
            try:
                question = await asyncio.to_thread(console.input, "[bold]you>[/] ")
            except (EOFError, KeyboardInterrupt):
                errors.print()
                return
            except UnicodeDecodeError:  # the terminal sent bytes that are not UTF-8
                errors.print("[red]That line is not valid UTF-8 text; please type it again.[/]")
                continue
            if question.strip():
                console.print(render(await _ask(session, question, thread, quiet=False)))


def register(app: typer.Typer) -> None:
    app.command("ask")(ask_command)
    app.command("chat")(chat_command)
