"""A loopback Slack for labbot's tests and `labbot dev-slack`: Web API, Events API, Socket Mode, limits, faults.

Start one with `async with SlackEmulator() as slack:` (see `server.py`); the pure checks in `limits.py` and
`mrkdwn.py` need no server.
"""

from bot.emulator.actions import DEFAULT_SUBSCRIPTIONS, UserAction
from bot.emulator.events import Forgery, SignedRequest, forge, sign
from bot.emulator.faults import Budget
from bot.emulator.limits import DEFAULT_LIMITS, Problem, SlackLimits, check_blocks, check_message
from bot.emulator.methods_chat import StreamRules
from bot.emulator.mrkdwn import ControlSequence, escape_mrkdwn, live_control_sequences, live_control_sequences_in
from bot.emulator.records import EventDelivery, RecordedCall, RetryPolicy, Violation
from bot.emulator.server import EmulatorConfig, SlackEmulator
from bot.emulator.state import Message, Workspace
from bot.emulator.web_api import Credentials

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
