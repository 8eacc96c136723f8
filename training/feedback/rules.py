"""How signals become labels and labels become votes; pure, and shared by every backend.

Order. Signals are ordered by (event_ts, event_key): Slack's event time, and for the rare equal
times the event key compared as bytes, so that every backend and every delivery order picks the
same winner. The stores apply the label rule in SQL (an upsert that only moves forward in this
order); ``fold_labels`` is the same rule in Python, for callers that hold signals in memory.

Labels. One per (answer, user, source, slot), where the slot is the reaction name or "button":
its value is that of the latest signal. So a removed reaction (value 0) retracts it, re-adding
restores it, and of up/down clicks the latest wins.

Clicks. Slack's feedback buttons toggle: a click on the button already chosen un-chooses it, and
Slack sends the same payload either way. ``click_value`` gives a click its value from the user's
button label before it: 0 (a retraction) for a later click on the chosen button, else the button's.

Votes. A user's vote on an answer is the value of their latest label that is not 0, whichever its
source; 0 if none. So 👍 then "down" is -1; removing a later 👎 brings back an earlier, still
standing 👍; a user with both 👍 and 👎 standing counts by the later one. Reactions and the button
are one opinion of one person, never two votes.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from itertools import groupby

from training.feedback.protocol import FeedbackSignal, Label, SignalValue, Vote


def order_key(event_ts: Decimal, event_key: str) -> tuple[Decimal, bytes]:
    return event_ts, event_key.encode()


def label_of(signal: FeedbackSignal) -> Label:
    return Label(
        answer_id=signal.answer_id,
        user=signal.user,
        source=signal.source,
        slot=signal.slot,
        kind=signal.kind,
        value=signal.value,
        event_ts=signal.event_ts,
        event_key=signal.event_key,
    )


def click_value(click: FeedbackSignal, chosen: Label | None) -> SignalValue:
    """The value a button click stands for, given the user's button label on that answer so far."""
    again = chosen is not None and chosen.kind == click.kind and chosen.value != 0
    later = chosen is not None and order_key(click.event_ts, click.event_key) > order_key(
        chosen.event_ts, chosen.event_key
    )
    return 0 if again and later else click.value


def fold_labels(signals: Iterable[FeedbackSignal]) -> list[Label]:
    """The labels a store holds after storing these signals, in any order, any number of times."""
    latest: dict[tuple[str, str, str, str], Label] = {}
    for signal in signals:
        key = (signal.answer_id, signal.user, signal.source, signal.slot)
        current = latest.get(key)
        if current is None or order_key(signal.event_ts, signal.event_key) > order_key(
            current.event_ts, current.event_key
        ):
            latest[key] = label_of(signal)
    return [latest[key] for key in sorted(latest)]


def vote_of(answer_id: str, user: str, labels: Iterable[Label]) -> Vote:
    standing = [label for label in labels if label.value != 0]
    if not standing:
        return Vote(answer_id=answer_id, user=user, value=0)
    decisive = max(standing, key=lambda label: order_key(label.event_ts, label.event_key))
    return Vote(
        answer_id=answer_id, user=user, value=decisive.value, source=decisive.source, event_ts=decisive.event_ts
    )


def votes_from_labels(labels: Iterable[Label]) -> list[Vote]:
    """One vote per (answer, user) among these labels, ordered by (answer_id, user)."""
    by_voter = sorted(labels, key=lambda label: (label.answer_id, label.user))
    return [
        vote_of(answer_id, user, group)
        for (answer_id, user), group in groupby(by_voter, key=lambda label: (label.answer_id, label.user))
    ]
