"""Plan a request and run its script, as the analysis tests check them: the first planned call, or a failure
that shows the decline's reason; the script's printed output from a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

from analysis.plan import plan_analysis


def planned(text: str) -> Any:
    plan = plan_analysis(text)
    assert plan.status == "planned", plan.reason
    return plan.calls[0]


def printed(call: Any) -> str:
    return subprocess.run([sys.executable, "-c", call.code()], capture_output=True, text=True, check=True).stdout
