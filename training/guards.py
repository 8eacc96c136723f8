"""Reactions are untrusted input to training: who may vote, how much one voice counts, what is scrubbed.

Pure functions over the feedback store's rated answers. Each answer either becomes an example (with
its label and weight) or lands in the review file with the reason it was left out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict

from tools.settings import Settings
from training.feedback import RatedAnswer

_SCRUBS = (
    (re.compile(r"(?:<|&lt;)@[UW][A-Z0-9]+(?:\|[^>&]*)?(?:>|&gt;)"), "@someone"),
    (re.compile(r"\b[UW][A-Z0-9]{8,}\b"), "[user]"),
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[email]"),
    (re.compile(r"\bxox[abposr]-[A-Za-z0-9-]+|\bxapp-[A-Za-z0-9-]+"), "[secret]"),
    (re.compile(r"\bsk-[A-Za-z0-9_-]{16,}|\bBearer\s+[A-Za-z0-9._~+/=-]{8,}"), "[secret]"),
)


def scrub(text: str, secrets: Iterable[str] = ()) -> str:
    """Slack user ids, e-mail addresses and tokens out of text that may be trained on or shared."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "[secret]")
    for pattern, replacement in _SCRUBS:
        text = pattern.sub(replacement, text)
    return text


def settings_secrets(settings: Settings) -> list[str]:
    """The Slack secrets labbot holds: scrubbed from every exported text even where no pattern catches them."""
    values = [settings.slack_bot_token, settings.slack_app_token, settings.slack_signing_secret]
    return [value.get_secret_value() for value in values if value is not None]


@dataclass(frozen=True)
class VotePolicy:
    channels: frozenset[str]  # only these channels' votes may train; empty: none may
    min_votes: int = 1  # distinct users with a standing vote
    user_cap: float = 20.0  # one user's votes together weigh at most this much


class Decision(BaseModel):
    model_config = ConfigDict(frozen=True)

    answer_id: str
    included: bool
    reason: str
    score: float = 0.0  # weighted votes: > 0 good, < 0 bad
    voters: int = 0


@dataclass
class Weighing:
    decisions: list[Decision] = field(default_factory=list)
    user_weights: dict[str, float] = field(default_factory=dict)

    def included(self) -> dict[str, Decision]:
        return {d.answer_id: d for d in self.decisions if d.included}


def weigh(rated: Sequence[RatedAnswer], policy: VotePolicy) -> Weighing:
    """Each answer's weighted score; a user with more than ``user_cap`` votes has each count for less."""
    allowed = [r for r in rated if r.record.channel in policy.channels]
    totals = Counter(vote.user for r in allowed for vote in r.votes if vote.value != 0)
    weights = {user: min(1.0, policy.user_cap / count) for user, count in totals.items()}
    weighing = Weighing(user_weights=weights)
    for item in rated:
        answer_id = item.record.answer_id
        standing = [vote for vote in item.votes if vote.value != 0]
        score = round(sum(vote.value * weights.get(vote.user, 1.0) for vote in standing), 6)
        if item.record.channel not in policy.channels:
            decision = Decision(answer_id=answer_id, included=False, reason="channel not allow-listed for training")
        elif len(standing) < policy.min_votes:
            reason = f"{len(standing)} standing vote(s), fewer than the minimum {policy.min_votes}"
            decision = Decision(answer_id=answer_id, included=False, reason=reason, voters=len(standing))
        elif score == 0:
            decision = Decision(answer_id=answer_id, included=False, reason="votes cancel out", voters=len(standing))
        else:
            kind = "rated up" if score > 0 else "rated down"
            decision = Decision(answer_id=answer_id, included=True, reason=kind, score=score, voters=len(standing))
        weighing.decisions.append(decision)
    return weighing
