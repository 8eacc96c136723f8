"""The feedback store's records: what an answer record, a feedback signal, a label and a vote are.

A store keeps three things: the answers the bot posted (so that a reaction on any of their messages
leads back to the question, passages and verdicts behind them), every Slack delivery of a 👍/👎 or a
feedback-button click exactly once (raw signals, for audit and export), and per user the latest state
of each thing they can set on an answer (labels). Slack re-delivers events and does not promise their
order, so labels are a fold over signals that any order and any number of repeats converge to.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Annotated, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, BeforeValidator, ConfigDict, Field

from graph.schemas import Answer, Passage, Verdict

Source = Literal["reaction", "button"]
SignalValue = Literal[-1, 0, 1]  # 0 retracts: a reaction_removed
BUTTON_SLOT = "button"  # the up/down buttons are one thing a user sets: the latest click replaces the other
_MICROSECOND = Decimal("0.000001")


def utc_now() -> datetime:
    return datetime.now(UTC)


def _slack_decimal(value: object) -> Decimal:
    """Slack's "1700000000.123456" (or a float/int of it) as an exact Decimal with six places."""
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        raise ValueError("a Slack timestamp is a decimal string or number")
    try:
        number = Decimal(str(value))  # str(float) is the shortest repr, so 1700000000.123456 stays exact
    except InvalidOperation as error:
        raise ValueError(f"not a Slack timestamp: {value!r}") from error
    if not number.is_finite() or number < 0:
        raise ValueError(f"not a Slack timestamp: {value!r}")
    return number.quantize(_MICROSECOND)


def _in_utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


# Slack's event time: it alone orders signals, since deliveries arrive in any order.
SlackTime = Annotated[Decimal, BeforeValidator(_slack_decimal)]
UtcDatetime = Annotated[AwareDatetime, AfterValidator(_in_utc)]
NonEmpty = Annotated[str, Field(min_length=1)]


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class AnswerRecord(_Model):
    """One answer the bot posted, with everything a training example needs to reproduce it."""

    answer_id: NonEmpty  # the bot uses f"{channel}:{question ts}:answer" (":asker", ":asker:shared" for asker-first)
    team: str
    channel: NonEmpty
    thread_ts: str
    message_ts: tuple[NonEmpty, ...] = Field(min_length=1)  # every message carrying it: a reaction on any rates it
    question: str
    thread_context: str = ""  # earlier messages of the thread, as plain text
    model: str  # registry entry that answered
    answer: Answer  # with the passages it drew on and the verdicts of its checks, stored once
    created_at: UtcDatetime = Field(default_factory=utc_now)

    @property
    def passages(self) -> tuple[Passage, ...]:
        return tuple(self.answer.passages)

    @property
    def verdicts(self) -> tuple[Verdict, ...]:
        return tuple(self.answer.verdicts)


class FeedbackSignal(_Model):
    """One Slack delivery of a rating: a reaction added or removed, or a feedback button clicked."""

    event_key: NonEmpty  # unique per delivery: event_id for reactions; derived from the action payload for buttons
    answer_id: NonEmpty
    user: NonEmpty
    source: Source
    kind: NonEmpty  # the reaction name ("+1", "-1") or the button action ("up", "down")
    value: SignalValue
    event_ts: SlackTime
    received_at: UtcDatetime = Field(default_factory=utc_now)

    @property
    def slot(self) -> str:
        """What this signal sets: each reaction separately, the two buttons together."""
        return BUTTON_SLOT if self.source == "button" else self.kind


class Label(_Model):
    """The latest value, by event time, of one thing one user set on one answer."""

    answer_id: str
    user: str
    source: Source
    slot: str  # the reaction name, or "button"
    kind: str  # of the latest signal: for the buttons, which one was clicked last
    value: SignalValue
    event_ts: SlackTime
    event_key: str  # the signal that set it


class Vote(_Model):
    """One user's rating of one answer, from their labels by the rule in training.feedback.rules."""

    answer_id: str
    user: str
    value: SignalValue  # 0: nothing standing (never rated, or every rating retracted)
    source: Source | None = None  # of the label that decided it
    event_ts: SlackTime | None = None


class RatedAnswer(_Model):
    """An answer with every label and vote it received: one export row per label, one summary per vote."""

    record: AnswerRecord
    labels: tuple[Label, ...]
    votes: tuple[Vote, ...]
