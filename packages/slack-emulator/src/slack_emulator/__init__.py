"""A loopback Slack for labbot's tests and `labbot dev-slack`: Web API, Events API, Socket Mode, limits, faults.

Start one with `async with SlackEmulator() as slack:` (see `server.py`); the pure checks in `limits.py` and
`mrkdwn.py` need no server.
"""

from slack_emulator.actions import DEFAULT_SUBSCRIPTIONS, UserAction
from slack_emulator.events import Forgery, SignedRequest, forge, sign
from slack_emulator.faults import Budget
from slack_emulator.limits import DEFAULT_LIMITS, Problem, SlackLimits, check_blocks, check_message
from slack_emulator.methods_chat import StreamRules
from slack_emulator.mrkdwn import ControlSequence, escape_mrkdwn, live_control_sequences, live_control_sequences_in
from slack_emulator.records import EventDelivery, RecordedCall, RetryPolicy, Violation
from slack_emulator.server import EmulatorConfig, SlackEmulator
from slack_emulator.state import Message, Workspace
from slack_emulator.web_api import Credentials

__all__ = [
    "DEFAULT_LIMITS",
    "DEFAULT_SUBSCRIPTIONS",
    "Budget",
    "ControlSequence",
    "Credentials",
    "EmulatorConfig",
    "EventDelivery",
    "Forgery",
    "Message",
    "Problem",
    "RecordedCall",
    "RetryPolicy",
    "SignedRequest",
    "SlackEmulator",
    "SlackLimits",
    "StreamRules",
    "UserAction",
    "Violation",
    "Workspace",
    "check_blocks",
    "check_message",
    "escape_mrkdwn",
    "forge",
    "live_control_sequences",
    "live_control_sequences_in",
    "sign",
]
