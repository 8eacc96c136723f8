"""`labbot ingest`, `labbot fetch`, `labbot search` and `labbot doctor`."""

from __future__ import annotations

import asyncio
import importlib.resources
import json
import sys
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from tools.database import cli as database_cli
from tools.decoding import without_surrogates
from tools.doctor import run_checks
from tools.ingest import IngestReport, ingest, ingest_files
from tools.papers import Paper, page_label
from tools.readers import Format, ReadProblem, expand, read_papers
from tools.search import Filters, Hit, SearchMode
from tools.services import Services, build_services
from tools.settings import Settings
from tools.sources import close_sources, open_sources
from tools.sources.gather import gather_papers

console = Console()
errors = Console(stderr=True)

STARTER_LIBRARY = "starter_library.jsonl"


def starter_library_path() -> Path:
    return Path(str(importlib.resources.files("tools.data").joinpath(STARTER_LIBRARY)))


def _settings(ctx: typer.Context) -> Settings:
    settings = ctx.obj
    assert isinstance(settings, Settings), "the root callback puts Settings in ctx.obj"
    return settings


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=errors,
        transient=True,
    )


# ---- ingest -------------------------------------------------------------------------------------


def ingest_command(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Files or folders: .jsonl, .bib, .pdf, PubMedQA .json.", show_default=False),
    ] = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="auto | jsonl | bibtex | pdf | pubmedqa (auto: by file name).")
    ] = "auto",
    starter: Annotated[
        bool, typer.Option("--starter", help="Load the bundled starter library of methods papers.")
    ] = False,
) -> None:
    """Add papers to the library (idempotent: unchanged papers are skipped, changed ones replaced).

    \b
    Examples:
      labbot ingest --starter                       # 70+ canonical biostatistics methods papers
      labbot ingest ~/Zotero/export.bib             # a Zotero export with abstracts
      labbot ingest papers/ --format pdf            # every PDF in a folder
      labbot ingest pqal_trainval.json              # PubMedQA (abstracts only, ids PMID:<pmid>)
    """
    if fmt not in ("auto", "jsonl", "bibtex", "pdf", "pubmedqa"):
        raise typer.BadParameter(f"unknown format {fmt!r}", param_hint="--format")
    targets = list(paths or [])
    if starter:
        targets.append(starter_library_path())
    if not targets:
        raise typer.BadParameter("give at least one PATH, or --starter", param_hint="PATHS")
    settings = _settings(ctx)
    report = asyncio.run(_ingest(settings, targets, fmt))  # type: ignore[arg-type]
    _print_report(report, settings)
    if report.failed and not (report.added or report.updated or report.unchanged):
        raise typer.Exit(1)


async def _ingest(settings: Settings, targets: list[Path], fmt: Format) -> IngestReport:
    """File by file: each file's papers are indexed as it is read, so a later file's failure loses no earlier one."""
    services = build_services(settings)
    try:
        with _progress() as progress:
            files = list(expand(targets, fmt))
            task = progress.add_task("Reading files", total=len(files))
            counts = {"papers": 0, "chunks": 0}

            class _Advance:
                def advance(self, n: int) -> None:
                    counts["papers"] += n
                    self._show()

                def embedded(self, chunks: int) -> None:
                    counts["chunks"] += chunks
                    self._show()

                def _show(self) -> None:
                    progress.update(task, description=f"Indexed {counts['papers']} papers, {counts['chunks']} chunks")

            return await ingest_files(services.library, _read_each(files, fmt, progress, task), _Advance())
    finally:
        await services.aclose()


def _read_each(
    files: list[Path | ReadProblem], fmt: Format, progress: Progress, task: TaskID
) -> Iterator[Iterator[Paper | ReadProblem]]:
    """One stream of items per file, opened once the previous file is read (ingest writes them in order)."""
    for file in files:
        yield iter([file]) if isinstance(file, ReadProblem) else read_papers(file, fmt)
        progress.advance(task)


def _print_report(report: IngestReport, settings: Settings) -> None:
    table = Table(title="Ingest summary", show_header=False, title_justify="left")
    for label, value in [
        ("Papers added", report.added),
        ("Papers updated", report.updated),
        ("Papers unchanged (skipped)", report.unchanged),
        ("Records that failed", report.failed),
        ("Chunks written", report.chunks),
    ]:
        table.add_row(label, str(value))
    console.print(table)
    for problem in report.problems[:25]:
        label = "[yellow]skipped[/]" if problem.skipped else "[cyan]note[/]"
        errors.print(f"{label} {_escape(without_surrogates(str(problem)))}", markup=True, highlight=False)
    if len(report.problems) > 25:
        errors.print(f"… and {len(report.problems) - 25} more problems")
    console.print(f"Library: {settings.index_dir}")


# ---- fetch --------------------------------------------------------------------------------------


def fetch_command(
    ctx: typer.Context,
    query: Annotated[
        str, typer.Argument(help="What to look for: words (PubMed also takes its own syntax, e.g. frailty[ti]).")
    ],
    source: Annotated[str, typer.Option("--source", "-s", help="pubmed | arxiv | openalex | crossref.")] = "pubmed",
    since: Annotated[
        datetime | None,
        typer.Option(formats=["%Y-%m-%d"], help="Only papers published on or after this date (YYYY-MM-DD)."),
    ] = None,
    max_results: Annotated[int, typer.Option("--max", "-n", min=1, max=1000, help="Most papers to fetch.")] = 20,
) -> None:
    """Search a live paper source and add what it finds to the library (idempotent, like ingest).

    Papers with a DOI are checked against Crossref's retraction notices (when crossref is enabled);
    a retracted paper is stored with its notice, flagged in answers and never cited as support.
    Malformed answers or a source that keeps refusing stop the fetch before anything is stored.

    \b
    Examples:
      labbot fetch "frailty model recurrent events" --source pubmed --since 2024-01-01
      labbot fetch "conformal prediction survival" --source arxiv --max 50
      labbot fetch "restricted mean survival time" --source openalex
    """
    settings = _settings(ctx)
    enabled = settings.sources.enabled
    if source not in ("pubmed", "arxiv", "openalex", "crossref"):
        raise typer.BadParameter(f"unknown source {source!r}", param_hint="--source")
    if source not in enabled:
        raise typer.BadParameter(
            f"{source} is not enabled (LABBOT_SOURCES__ENABLED={','.join(enabled) or 'nothing'})", param_hint="--source"
        )
    report = asyncio.run(_fetch(settings, source, query, since.date() if since else None, max_results))
    _print_report(report, settings)


async def _fetch(settings: Settings, source: str, query: str, since: date | None, max_results: int) -> IngestReport:
    sources = open_sources(settings, only=(source, "crossref"))
    try:
        with _progress() as progress:
            task = progress.add_task(f"Searching {source}", total=None)
            found = await gather_papers(
                [s for s in sources if s.name == source] + [s for s in sources if s.name != source],
                query,
                since=since,
                max_results=max_results,
            )
            progress.update(task, visible=False)
    finally:
        await close_sources(sources)
    for failure in found.failures:
        errors.print(f"[red]error[/] {_escape(str(failure))}", highlight=False)
    if source not in found.searched:
        errors.print("Nothing was added to the library.")
        raise typer.Exit(1)
    for paper in found.papers:
        if paper.retraction:
            errors.print(f"[yellow]retracted[/] {paper.id}: {_escape(paper.retraction)}", highlight=False)
    services = build_services(settings)
    try:
        with _progress() as progress:
            task = progress.add_task("Embedding and indexing", total=len(found.papers))

            class _Advance:
                def advance(self, n: int) -> None:
                    progress.advance(task, n)

                def embedded(self, chunks: int) -> None:
                    pass  # fetched records are abstracts: the paper count is progress enough

            return await ingest(services.library, found.papers, _Advance())
    finally:
        await services.aclose()


# ---- search -------------------------------------------------------------------------------------


def search_command(
    ctx: typer.Context,
    query: Annotated[str | None, typer.Argument(help="What to look for, in plain words.", show_default=False)] = None,
    k: Annotated[int | None, typer.Option("--k", "-k", min=1, max=100, help="Papers to return [default: 5].")] = None,
    queries: Annotated[
        Path | None, typer.Option("--queries", help="A file with one query per line; prints JSON Lines.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
    year_min: Annotated[int | None, typer.Option(help="Only papers from this year on.")] = None,
    year_max: Annotated[int | None, typer.Option(help="Only papers up to this year.")] = None,
    id_prefix: Annotated[
        str | None, typer.Option(help="Only paper ids starting with this (PMID:, DOI:, starter:).")
    ] = None,
    mode: Annotated[str, typer.Option(help="hybrid (BM25 + dense, fused) | bm25 | dense.")] = "hybrid",
) -> None:
    """Search the library: BM25 and dense ranks fused (reciprocal-rank fusion), one row per paper.

    \b
    Examples:
      labbot search "compare survival between two treatment arms"
      labbot search "false discovery rate" --k 3 --year-min 1990
      labbot search --queries questions.txt --k 10 --json > hits.jsonl
    """
    if (query is None) == (queries is None):
        raise typer.BadParameter("give either QUERY or --queries FILE")
    if mode not in ("hybrid", "bm25", "dense"):
        raise typer.BadParameter(f"unknown mode {mode!r}", param_hint="--mode")
    lines = [query] if query is not None else _query_lines(queries)  # type: ignore[arg-type]
    filters = Filters(year_min=year_min, year_max=year_max, id_prefix=id_prefix)
    settings = _settings(ctx)
    results = asyncio.run(_search(settings, lines, k, filters, mode))  # type: ignore[arg-type]
    if as_json or queries is not None:
        for line, hits in zip(lines, results, strict=True):
            sys.stdout.write(
                json.dumps({"query": line, "hits": [_hit_json(h) for h in hits]}, ensure_ascii=False) + "\n"
            )
        return
    _print_hits(lines[0], results[0])


def _query_lines(path: Path) -> list[str]:
    try:
        return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except OSError as error:
        raise typer.BadParameter(f"cannot read {path}: {error.strerror}", param_hint="--queries") from error


async def _search(
    settings: Settings, lines: list[str], k: int | None, filters: Filters, mode: SearchMode
) -> list[list[Hit]]:
    services: Services = build_services(settings)
    try:
        stats = await services.library.index.stats()
        if stats.papers == 0:
            errors.print("The library is empty. Run [bold]labbot ingest --starter[/] or [bold]labbot ingest PATH[/].")
            raise typer.Exit(1)
        return await services.library.search_many(lines, k, filters, mode)
    finally:
        await services.aclose()


def _hit_json(hit: Hit) -> dict[str, Any]:
    return {
        "paper_id": hit.paper_id,
        "score": round(hit.score, 6),
        "title": hit.paper.title,
        "snippet": hit.snippet(),
        "year": hit.paper.year,
        "link": hit.paper.link(),
        "passages": [
            {"key": c.chunk.key, "section": c.chunk.section, "score": round(c.score, 6), "pages": c.chunk.pages}
            for c in hit.chunks
        ],
    }


def _print_hits(query: str, hits: list[Hit]) -> None:
    if not hits:
        console.print(f"No papers match {query!r}.")
        return
    table = Table(title=f"Top {len(hits)} for {query!r}", title_justify="left", show_lines=True)
    for column in ("#", "paper", "year", "best passage"):
        table.add_column(column, overflow="fold")
    for rank, hit in enumerate(hits, start=1):
        paper = f"[bold]{_escape(hit.paper.display_title())}[/]\n[dim]{hit.paper_id}[/]"
        where = page_label(hit.chunks[0].chunk.pages) if hit.chunks else ""
        passage = _escape(hit.snippet()) + (f"\n[dim]{where}[/]" if where else "")
        table.add_row(str(rank), paper, str(hit.paper.year or ""), passage)
    console.print(table)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


# ---- doctor -------------------------------------------------------------------------------------


def doctor_command(ctx: typer.Context) -> None:
    """Check that labbot can run here, one line each, with the fix for anything missing."""
    settings = _settings(ctx)
    marks = {"ok": "[green]✓[/]", "warn": "[yellow]![/]", "fail": "[red]✗[/]"}
    failed = False
    for check in run_checks(settings):
        failed |= check.status == "fail"
        fix = f"  [dim]→ {_escape(check.fix)}[/]" if check.fix and check.status != "ok" else ""
        console.print(f"{marks[check.status]} {check.name}: {_escape(check.detail)}{fix}", highlight=False)
    problems = asyncio.run(_verify_index(settings))
    for problem in problems:
        console.print(f"[red]✗[/] Library index: {_escape(problem)}", highlight=False)
    if failed or problems:
        raise typer.Exit(1)


async def _verify_index(settings: Settings) -> list[str]:
    if not (settings.index_dir / "library.sqlite").exists():
        console.print("[yellow]![/] Library index: empty  [dim]→ labbot ingest --starter[/]")
        return []
    services = build_services(settings)
    try:
        problems = await services.library.index.verify()
        if not problems:
            stats = await services.library.index.stats()
            console.print(f"[green]✓[/] Library index: {stats.papers} papers, {stats.chunks} chunks, consistent")
        return problems
    finally:
        await services.aclose()


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_command)
    app.command("fetch")(fetch_command)
    app.command("search")(search_command)
    app.command("doctor")(doctor_command)
    database_cli.register(app)
