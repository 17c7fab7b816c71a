"""The `missionlog` entry point, with a fast path for scripted queries.

`missionlog state NAME --json` and `missionlog station NAME --json` (with `--at`,
`--known-at`, `--db`) are what scripts run over and over. Through typer they pay
~60 ms of typer, click and pydantic (typer builds pydantic adapters to coerce every
parameter) before the query starts. Those exact command lines are answered here on
the library alone, with the same output, the same one-line errors and the same exit
codes (tests/test_cli_fast_path.py runs both paths side by side). Anything else, or
anything unusual about these (help, an unknown or repeated option, a missing value, a
`--db` that names an HTTP service), goes to the typer app unchanged, so it also
gets typer's usage errors.
"""

from __future__ import annotations

import os
import sys

QUERIES = ("state", "station")
VALUE_OPTIONS = ("--at", "--known-at", "--db")


def parse_fast(argv: list[str]) -> tuple[str, str, dict[str, str]] | None:
    """(command, name, options) if ARGV is a plain JSON query this path answers, else
    None (the typer app then handles it)."""
    if len(argv) < 2 or argv[0] not in QUERIES:
        return None
    name: str | None = None
    options: dict[str, str] = {}
    json_flag = False
    rest = iter(argv[1:])
    for token in rest:
        if token == "--json" and not json_flag:
            json_flag = True
            continue
        option, equals, value = token.partition("=")
        if option in VALUE_OPTIONS:
            if option in options:
                return None  # repeated: typer's rules decide
            if not equals:
                value = next(rest, "")
            if not value or value.startswith("-"):
                return None  # a missing value: typer's usage error
            options[option] = value
            continue
        if token.startswith("-") or name is not None:
            return None  # --help, an unknown option, a second argument
        name = token
    if name is None or not json_flag:
        return None
    if "--db" not in options:
        env = os.environ.get("MISSIONLOG_DB")
        if env is not None and not env:
            return None
        options["--db"] = env or "missionlog.db"
    if options["--db"].lower().startswith(("http:", "https:")):
        return None  # a missionlog service: the typer app's HTTP client
    return argv[0], name, options


def run_fast(command: str, name: str, options: dict[str, str]) -> int:
    """Answer a parsed query; the exit code (docs/cli.md)."""
    import orjson

    from missionlog.api import MissionLog
    from missionlog.errors import MissionLogError
    from missionlog.exit_codes import exit_code_for
    from missionlog.safe_text import printable

    def warn(warning: str) -> None:  # before any answer, as cli/common.opened_log does
        sys.stderr.write(f"warning: {printable(warning)} (see `missionlog verify --deep`)\n")

    at, known_at = options.get("--at"), options.get("--known-at")
    try:
        with MissionLog.open(options["--db"], read_only=True) as log:
            for warning in log.warnings:
                warn(warning)
            log.store.on_warning = warn
            view = (log.state(name, at=at, known_at=known_at) if command == "state"
                    else log.station(name, at=at, known_at=known_at))
    except MissionLogError as exc:
        message = printable(str(exc).replace("\n", " "))
        sys.stderr.write(f"error: {message}\n")
        return exit_code_for(exc)
    try:
        sys.stdout.write(orjson.dumps(view, option=orjson.OPT_INDENT_2).decode() + "\n")
        sys.stdout.flush()
    except BrokenPipeError:  # `... | head -1`: a normal end, as on the typer path
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return 0


def main() -> None:
    parsed = parse_fast(sys.argv[1:])
    if parsed is not None:
        sys.exit(run_fast(*parsed))
    from missionlog.cli import main as typer_main

    typer_main()
