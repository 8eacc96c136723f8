"""deploy/slack-manifest.yaml: every event labbot listens to is subscribed, and every scope is needed."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from tests.conftest import REPO

MANIFEST = REPO / "deploy" / "slack-manifest.yaml"
LISTENERS = REPO / "bot" / "listeners"

# Slack's documented requirement for each event subscription and each Web API method labbot calls.
EVENT_SCOPES = {
    "app_mention": {"app_mentions:read"},
    "message.im": {"im:history"},
    "message.channels": {"channels:history"},
    "message.groups": {"groups:history"},
    "reaction_added": {"reactions:read"},
    "reaction_removed": {"reactions:read"},
    "assistant_thread_started": {"assistant:write"},
    "assistant_thread_context_changed": {"assistant:write"},
}
FEATURE_SCOPES = {
    "post, update, stream and ephemeral answers": {"chat:write"},
    "conversations.replies (thread history, finding its own posts)": {"channels:history", "groups:history"},
    "assistant.threads.setStatus / setSuggestedPrompts": {"assistant:write"},
    "download shared PDFs (url_private_download)": {"files:read"},
    "files upload v2 (figures)": {"files:write"},
    "/labbot": {"commands"},
}


def manifest() -> dict[str, object]:
    loaded = yaml.safe_load(MANIFEST.read_text())
    assert isinstance(loaded, dict)
    return loaded


def listened_events() -> set[str]:
    names = {m for path in LISTENERS.glob("*.py") for m in re.findall(r'@app\.event\("([a-z_]+)"\)', path.read_text())}
    subscriptions = {name for name in names if name in EVENT_SCOPES}
    if "message" in names:  # one listener, subscribed per conversation type
        subscriptions |= {"message.im", "message.channels", "message.groups"}
    return subscriptions


def test_every_event_labbot_listens_to_is_subscribed() -> None:
    settings = manifest()["settings"]
    assert isinstance(settings, dict)
    subscribed = set(settings["event_subscriptions"]["bot_events"])
    assert listened_events() - {"file_shared"} <= subscribed
    assert subscribed <= set(EVENT_SCOPES), "no subscription labbot does not handle"
    assert settings["socket_mode_enabled"] is True and settings["interactivity"]["is_enabled"] is True


def test_scopes_are_exactly_what_the_features_need() -> None:
    oauth = manifest()["oauth_config"]
    assert isinstance(oauth, dict)
    granted = set(oauth["scopes"]["bot"])
    subscribed = manifest()["settings"]["event_subscriptions"]["bot_events"]  # type: ignore[index]
    needed = set().union(*(EVENT_SCOPES[event] for event in subscribed), *FEATURE_SCOPES.values())
    assert granted == needed
    assert "chat:write.public" not in granted and "user" not in oauth["scopes"]


def test_the_slash_command_and_bot_user_are_declared() -> None:
    features = manifest()["features"]
    assert isinstance(features, dict)
    assert [c["command"] for c in features["slash_commands"]] == ["/labbot"]
    assert features["bot_user"]["display_name"] == "labbot"
    assert "assistant_view" in features


def test_the_readme_explains_how_to_connect() -> None:
    readme = (REPO / "README.md").read_text()
    assert "## Connect to your Slack workspace" in readme and "deploy/slack-manifest.yaml" in readme
    assert Path(MANIFEST).is_file()
