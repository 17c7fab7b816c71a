"""The `missionlog` command line: parse, call one MissionLog method, render.

Each command group lives in its own module and registers itself on `app`.
Heavy modules (rich tables, matplotlib) are imported inside the commands that
use them, so `missionlog state ...` starts fast.
"""

from __future__ import annotations

import os
import sys

import typer

from missionlog.cli import (  # noqa: F401  (registration)
    anchor_commands,
    decision_commands,
    demo_command,
    log_commands,
    plan_commands,
    query_commands,
    serve_commands,
    timeline_command,
)
from missionlog.cli.app import app
from missionlog.cli.common import EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE

__all__ = ["app", "main"]


def _whole_summaries(typer_app: typer.Typer) -> None:
    """Command lists in `--help` show each command's whole first sentence: click would cut
    it at about 45 characters with "..." unless a short help is given."""
    for info in typer_app.registered_commands:
        doc = info.help or (info.callback.__doc__ if info.callback else None)
        if info.short_help is None and doc:
            info.short_help = " ".join(doc.strip().split("\n\n")[0].split())
    for group in typer_app.registered_groups:
        if group.typer_instance is not None:
            _whole_summaries(group.typer_instance)
            group.short_help = group.short_help or group.typer_instance.info.help


_whole_summaries(app)


def main() -> None:
    """The `missionlog` entry point: typer's app, with the conventions people expect.

    - A usage error (unknown option, missing argument, bad choice) is one line on
      stderr, like every other error, not typer's boxed few-line usage text.
    - A closed pipe (`missionlog log --json | head -1`) is a normal end: exit 0.
    """
    # typer 0.29 vendors click as `typer._click`; its exceptions are the ones raised.
    from typer._click import exceptions as click

    try:
        code = app(prog_name="missionlog", standalone_mode=False)
    except click.NoArgsIsHelpError as exc:  # bare `missionlog`: its help
        sys.stdout.write(exc.format_message() + "\n")
        sys.exit(EXIT_OK)
    except click.UsageError as exc:
        hint = f" (see `{exc.ctx.command_path} --help`)" if exc.ctx is not None else ""
        if exc.ctx is not None and exc.ctx.command_path.startswith("python"):
            hint = ""
        message = exc.format_message().replace("\n", " ").replace("Value error, ", "")
        sys.stderr.write(f"error: {message}{hint}\n")
        sys.exit(EXIT_USAGE)
    except click.ClickException as exc:  # e.g. a missing file given as an argument
        sys.stderr.write(f"error: {exc.format_message()}\n")
        sys.exit(EXIT_USAGE)
    except typer.Abort:
        sys.stderr.write("aborted\n")
        sys.exit(EXIT_INTERRUPTED)
    except BrokenPipeError:
        _quiet_closed_stdout()
        sys.exit(EXIT_OK)
    except SystemExit as exc:  # typer turns a closed pipe into exit 1; it is a normal end
        if isinstance(exc.__context__, BrokenPipeError):
            _quiet_closed_stdout()
            sys.exit(EXIT_OK)
        raise
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_closed_stdout()
        sys.exit(EXIT_OK)
    sys.exit(code if isinstance(code, int) else EXIT_OK)


def _quiet_closed_stdout() -> None:
    """The reader went away: point stdout at /dev/null so the interpreter's final flush
    does not raise again (the pattern the Python docs give for SIGPIPE)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
