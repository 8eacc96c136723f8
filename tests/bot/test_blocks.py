"""Answers as Block Kit: within Slack's limits, and no untrusted text ever live (checked by a parser)."""

from __future__ import annotations

import itertools
import json
import random
import re

import pytest

from bot.blocks import answer_messages
from bot.escape import escape, link
from graph.schemas import AnalysisReport, Answer, AnswerSection, Citation, CodeReport
from slack_emulator.limits import check_message
from slack_emulator.mrkdwn import live_control_sequences_in
from tools.links import names_url_or_domain

BASE_PAYLOADS = [
    "<!channel>",
    "<!here>",
    "<!everyone>",
    "<!subteam^S0123ABC>",
    "<!subteam^S0123ABC|@biostats>",
    "<@U0123ABC>",
    "<@U0123ABC|alice>",
    "<#C0123ABC>",
    "<#C0123ABC|general>",
    "<https://evil.example|click here>",
    "<http://evil.example/x?q=secret>",
    "<mailto:boss@example.org|boss>",
    "<!date^1392734382^{date}|Feb 18>",
    "&lt;!channel&gt;",
    "&amp;lt;!here&amp;gt;",
    "<\u200b!channel>",
    "<!\u200bchannel>",
    "＜!channel＞",
    "<!channel\u200b>",
    "<<!channel>>",
    "<!channel|everyone>",
    "<!here|here>",
    "< !channel >",
    "<!CHANNEL>",
    "@channel",
    "@here",
    "<@W0123ABC>",
    "<!subteam^S1|@all>",
    "<https://evil.example>",
    "<tel:+15555550100|call>",
    "[click](https://evil.example)",
    "<javascript:alert(1)|x>",
    "&lt;@U0123ABC&gt;",
    "<!everyone|all>",
    "text <!channel> text",
    "<#C1|x> and <@U1>",
    "<ftp://evil.example|f>",
    "<slack://open|o>",
    "<!here>&amp;",
    "<!channel><!here>",
    "\u202e<lennahc!>",
    "<!channel\n>",
    "<!\tchannel>",
    "<@U1|\u200b>",
    "<https://a.b|<!here>>",
]
CHANNELS = ("claim", "title", "code", "stdout", "note", "filename", "model", "paper_id")


def payloads() -> list[str]:
    corpus = list(BASE_PAYLOADS)
    corpus += [
        f"Before {a} middle {b} after" for a, b in itertools.islice(itertools.combinations(BASE_PAYLOADS, 2), 20)
    ]
    return corpus


def answer_with(text: str) -> Answer:
    return Answer(
        question=f"q {text}",
        sections=[AnswerSection(name="summary", text=f"The hazard ratio was 0.7 {text} [1]")],
        citations=[
            Citation(
                number=1,
                passage="PMID:1#0",
                paper_id=f"PMID:1{text}",
                title=f"A trial {text}",
                year=2001,
                link="https://pubmed.ncbi.nlm.nih.gov/1/",
                claim=text,
                verdict="supported",
                score=0.9,
            ),
            Citation(
                number=2,
                passage="x:2#0",
                paper_id="x:2",
                title=f"No link {text}",
                year=None,
                link=None,
                claim=text,
                verdict="unsupported",
                score=0.1,
            ),
        ],
        code=[
            CodeReport(
                source=f"print('{text}')",
                recipe=f"welch {text}",
                status="ran",
                stdout=f"x = 1 {text}",
                error=None,
                figures=[f"/tmp/{text}.png"],
            )
        ],
        abstained=False,
        notes=[f"note {text}"],
        sources_searched=f"library {text}",
        model=f"ft-{text}",
        usage={"prompt_tokens": 10, "completion_tokens": 5, "cost_usd": 0.0},
        timings={"draft": 1.0},
    )


def test_corpus_is_large_enough() -> None:
    assert len(payloads()) >= 50


@pytest.mark.parametrize("payload", payloads())
def test_no_payload_is_live_anywhere_in_the_posted_blocks(payload: str) -> None:
    for message in answer_messages(answer_with(payload), "C1:1.0"):
        live = live_control_sequences_in(message)
        assert all(s.kind == "link" and s.target == "https://pubmed.ncbi.nlm.nih.gov/1/" for s in live), live
        assert check_message(message["text"], message["blocks"]) == []


def test_escaping_is_exactly_the_three_control_characters_once() -> None:
    assert escape("a & b < c > d") == "a &amp; b &lt; c &gt; d"
    assert escape("&lt;") == "&amp;lt;"  # shown to readers as written, never re-interpreted
    assert escape("p < 0.05 * _x_ ~y~") == "p &lt; 0.05 * _x_ ~y~"


def test_links_are_built_only_from_plain_http_urls() -> None:
    assert link("https://doi.org/10.1/x&y", "A <b> title|x") == "<https://doi.org/10.1/x&amp;y|A &lt;b&gt; title¦x>"
    for unsafe in ("javascript:alert(1)", "https://a.b|<!here>", "https://a b", None, "mailto:x@y.z"):
        assert link(unsafe, "t <!here>") == "t &lt;!here&gt;"


def test_long_answers_split_within_slack_limits() -> None:
    rng = random.Random(3)
    for trial in range(100):
        words = [
            rng.choice(["hazard", "ratio", "<!channel>", "&", "survival", "x" * rng.randint(1, 60)])
            for _ in range(rng.randint(10, 6000))
        ]
        text = " ".join(words) + "."
        answer = answer_with("ok").model_copy(
            update={
                "sections": [
                    AnswerSection(name=n, text=text[: rng.randint(1, len(text))])
                    for n in ("summary", "methods", "results")
                ],
                "notes": [text[:5000]] * rng.randint(0, 3),
                "code": [
                    CodeReport(
                        source=text[:9000], recipe=None, status="failed", stdout=text[:20000], error="E", figures=[]
                    )
                ]
                * rng.randint(0, 4),
            }
        )
        shareable = trial % 2 == 1
        messages = answer_messages(answer, f"C1:{trial}", shareable=shareable)
        for message in messages:
            assert check_message(message["text"], message["blocks"]) == [], trial
        *_, thumbs, share = messages[-1]["blocks"]  # the feedback buttons, and Share, on the last part
        if not shareable:
            thumbs, share = share, None
        assert thumbs["type"] == "context_actions" and thumbs["elements"][0]["type"] == "feedback_buttons"
        assert share is None or share["elements"][0]["action_id"] == "share_answer"
        assert sum(block["type"] == "context_actions" for m in messages for block in m["blocks"]) == 1


def _mrkdwn_objects(payload: object) -> list[dict[str, object]]:
    if isinstance(payload, dict):
        own = [payload] if payload.get("type") == "mrkdwn" else []
        return own + [o for value in payload.values() for o in _mrkdwn_objects(value)]
    if isinstance(payload, list):
        return [o for value in payload for o in _mrkdwn_objects(value)]
    return []


def _outside_code(text: str) -> str:
    """What a linkifier would read: not code, and not the links labbot wrote itself (``<url|``)."""
    return re.sub(r"```.*?```|`[^`]*`|<https://[^|>]+\|", " ", text, flags=re.DOTALL)


DOMAINS = ["evil-stats.example.com", "epv-calculator.example.com/download", "https://x.example.org/a", "www.evil.io"]


@pytest.mark.parametrize("domain", DOMAINS)
def test_no_bare_domain_is_auto_linkable_and_every_text_is_verbatim(domain: str) -> None:
    analysis = AnalysisReport(
        status="ran",
        requested=f"t-test (visit {domain} now vs control)",
        ran="Welch t-test",
        data_as_read=f"visit {domain} now: 5.1 4.8",
        notes=[f"group 'visit {domain} now' read as the first group"],
    )
    answer = answer_with(f"see {domain}").model_copy(update={"analysis": analysis})
    for message in answer_messages(answer, "C1:1.0"):
        objects = _mrkdwn_objects(message["blocks"])
        assert objects and all(o.get("verbatim") is True for o in objects)  # Slack links nothing by itself
        texts = [str(o["text"]) for o in objects] + [message["text"]]
        assert not [t for t in texts if names_url_or_domain(_outside_code(t))], texts
        assert all(s.target == "https://pubmed.ncbi.nlm.nih.gov/1/" for s in live_control_sequences_in(message))


def test_a_code_block_shows_the_code_as_it_ran() -> None:
    answer = answer_with("x").model_copy(
        update={
            "code": [
                CodeReport(
                    source="groups = {'a.example.com': [1]}",
                    recipe=None,
                    status="ran",
                    stdout="",
                    error=None,
                    figures=[],
                )
            ]
        }
    )
    blocks = [b for m in answer_messages(answer, "C1:1.0") for b in m["blocks"]]
    assert any("groups = {'a.example.com': [1]}" in json.dumps(b) for b in blocks)
