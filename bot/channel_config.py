"""Per-channel settings changed from Slack, and the rule that no setting may silence labbot."""

from __future__ import annotations

import dataclasses

from bot.state import ChannelSettings
from tools.models import ModelError, UnknownModelError, open_model
from tools.services import ModelSource
from tools.settings import Settings

RESPOND = {"mentions": "mentions", "all": "all", "every": "all"}
VISIBILITY = {"public": "public", "asker-first": "asker_first", "asker_first": "asker_first", "private": "asker_first"}
SILENCING = {"off", "none", "never", "mute", "silent", "nobody"}


class Refused(ValueError):
    """A change labbot will not make, with the reason as its message."""


def change(
    current: ChannelSettings, key: str, value: str, *, is_dm: bool, models: ModelSource, settings: Settings
) -> ChannelSettings:
    key, value = key.lower(), value.strip()
    if key == "model":
        return dataclasses.replace(current, model=_usable_model(value, models, settings))
    if key == "respond":
        if value.lower() in SILENCING:
            raise Refused("that would make me silent here. Remove me from the channel instead if that is the aim.")
        if value.lower() not in RESPOND:
            raise Refused("respond takes `mentions` (answer @labbot only) or `all` (answer every message).")
        if is_dm and RESPOND[value.lower()] == "mentions":
            raise Refused(
                "nobody @-mentions me in a DM, so `mentions` would make me silent here; DMs always get answers."
            )
        return dataclasses.replace(current, respond=RESPOND[value.lower()])  # type: ignore[arg-type]
    if key == "visibility":
        if value.lower() not in VISIBILITY:
            raise Refused(
                "visibility takes `public` (everyone sees answers) or `asker-first` (the asker, with a share button)."
            )
        return dataclasses.replace(current, visibility=VISIBILITY[value.lower()])  # type: ignore[arg-type]
    raise Refused(f"there is no setting `{key}`; try `model`, `respond` or `visibility`.")


def _usable_model(name: str, models: ModelSource, settings: Settings) -> str:
    """Only a model that can answer: an unknown or unconfigured one would make every answer fail."""
    try:
        entry = models.entry(name)
        open_model(entry, settings)
    except UnknownModelError as error:
        raise Refused(str(error)) from error
    except ModelError as error:
        raise Refused(
            f"{name} cannot answer right now ({error}), so it would leave this channel without answers."
        ) from error
    return name


def describe(current: ChannelSettings, default_model: str) -> str:
    visibility = "only the asker first (with a share button)" if current.visibility == "asker_first" else "everyone"
    respond = "every message" if current.respond == "all" else "@-mentions and DMs"
    return (
        f"*Settings for this channel*\n• model: `{current.model or default_model}`"
        f"{'' if current.model else ' (workspace default)'}\n• answers: {respond}\n• visible to: {visibility}"
    )
