"""A digest as one Slack message: within Slack's limits, every untrusted string inert, never silent."""

from __future__ import annotations

from datetime import UTC, datetime

from rich.console import Console

from bot.blocks import MAX_BLOCKS, MESSAGE_CHARS, SECTION_CHARS
from bot.digests.build import Digest, Entry
from bot.digests.render import digest_message, digest_rich

SINCE = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
ATTACK = "<!channel> <@U0BOSS> <https://evil.example/?q=secret|click> & more"


def entry(n: int, **overrides: object) -> Entry:
    values: dict[str, object] = {
        "paper_id": f"PMID:{n}",
        "title": f"Paper {n} {ATTACK}",
        "link": f"https://pubmed.ncbi.nlm.nih.gov/{n}/",
        "attribution": f"Author{n} et al. 2026",
        "origin": "pubmed",
        "score": 0.5,
        "sentences": [f"Sentence {n} says {ATTACK}. " * 30, "A second sentence."],
        "passages": [f"PMID:{n}#0", f"PMID:{n}#1"],
        "keys": [f"PMID:{n}"],
    }
    return Entry.model_validate(values | overrides)


def digest(entries: list[Entry], query: str = "frailty <!here>") -> Digest:
    return Digest(
        subscription_id="abc123",
        query=query,
        since=SINCE,
        entries=entries,
        searched=["pubmed", "library"],
        notes=["arxiv could not be searched (timed out)"],
    )


def texts(message: dict[str, object]) -> list[str]:
    blocks = message["blocks"]
    assert isinstance(blocks, list)
    found = []
    for block in blocks:
        if "text" in block:
            found.append(block["text"]["text"])
        found += [e["text"] for e in block.get("elements", [])]
    return found


def test_a_full_digest_fits_one_message_and_says_what_it_left_out() -> None:
    message = digest_message(digest([entry(n) for n in range(1, 21)]), "weekly")
    parts = texts(message)
    assert len(message["blocks"]) <= MAX_BLOCKS
    assert sum(map(len, parts)) <= MESSAGE_CHARS
    assert all(len(p) <= SECTION_CHARS for p in parts)
    assert "20 new papers since 2026-11-25" in parts[0]
    assert any("more that do not fit in one message" in p for p in parts)
    assert "`/labbot digest unsubscribe abc123`" in parts[-1] and "arxiv could not be searched" in parts[-1]


def test_untrusted_text_is_escaped_and_only_labbots_own_links_are_live() -> None:
    parts = "\n".join(texts(digest_message(digest([entry(1)]), "daily")))
    assert "<!channel>" not in parts and "<!here>" not in parts and "<@U0BOSS>" not in parts
    assert "&lt;!channel&gt;" in parts and "&lt;!here&gt;" in parts
    assert "<https://evil.example" not in parts
    assert "<https://pubmed.ncbi.nlm.nih.gov/1/|" in parts


def test_nothing_new_is_said_rather_than_silence() -> None:
    weekly = texts(digest_message(digest([]), "weekly"))
    assert "Nothing new this week since 2026-11-25." in weekly[0]
    assert "Nothing new today" in texts(digest_message(digest([]), "daily"))[0]


def test_a_retracted_paper_is_flagged_and_not_quoted() -> None:
    retracted = entry(7, retraction="Retracted (notice PMID:99; PubMed)", sentences=[], passages=[])
    parts = "\n".join(texts(digest_message(digest([retracted]), "daily")))
    assert ":warning: *Retracted (notice PMID:99; PubMed)*" in parts and "“" not in parts


def test_the_terminal_view_shows_each_quote_with_its_passage() -> None:
    console = Console(record=True, width=200)
    console.print(digest_rich(digest([entry(3)], query="[bold]markup[/bold] stays text")))
    shown = console.export_text()
    assert "[PMID:3#0]" in shown and "[bold]markup[/bold] stays text" in shown
