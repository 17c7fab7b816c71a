"""The `missionlog` command line: parse, call one MissionLog method, render.

Each command group lives in its own module and registers itself on `app`.
Heavy modules (rich tables, matplotlib) are imported inside the commands that
use them, so `missionlog state ...` starts fast.
"""

from missionlog.cli import (  # noqa: F401  (registration)
    decision_commands,
    demo_command,
    log_commands,
    query_commands,
    timeline_command,
)
from missionlog.cli.app import app

__all__ = ["app"]
