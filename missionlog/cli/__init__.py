"""The `missionlog` command line: parse, call one MissionLog method, render.

Each command group lives in its own module and registers itself on `app`.
Heavy modules (rich tables, matplotlib) are imported inside the commands that
use them, so `missionlog state ...` starts fast.
"""

from missionlog.cli import demo_command, log_commands, query_commands  # noqa: F401  (registration)
from missionlog.cli.app import app

__all__ = ["app"]
