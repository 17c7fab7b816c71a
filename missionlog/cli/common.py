"""What every command shares: the --db option, opening the log, errors, JSON output."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from missionlog.errors import MissionLogError
from missionlog.exit_codes import (  # re-exported: the commands import them from here
    EXIT_BUG,
    EXIT_CODES,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    exit_code_for,
)

if TYPE_CHECKING:
    from missionlog.api import MissionLog

# Text, not a Path: a Path would fold the `//` of a URL (postgresql://, http://).
DbOption = Annotated[
    str,
    typer.Option("--db", envvar="MISSIONLOG_DB", help="The log: a SQLite file (or "
                 "sqlite:///file), postgresql://… or a service's http(s)://…"),
]
JsonFlag = Annotated[bool, typer.Option("--json", help="One JSON document, stable keys.")]
JsonLinesFlag = Annotated[
    bool, typer.Option("--json", help="JSON Lines: one event per line, the `export` shape.")
]
AtOption = Annotated[
    str | None,
    typer.Option("--at", help="Mission time: a date (end of that UTC day) or an instant."),
]
KnownAtOption = Annotated[
    str | None,
    typer.Option("--known-at", help="Only what the log had recorded by then."),
]
FlightAtOption = Annotated[
    str | None,
    typer.Option("--at", help="For a reused capsule name: the flight in space (or last "
                 "launched) at this date/instant; default now."),
]
AllFlightsOption = Annotated[
    bool, typer.Option("--all-flights", help="Every flight that carried this name.")
]
DEFAULT_DB = "missionlog.db"

__all__ = ["EXIT_BUG", "EXIT_CODES", "EXIT_INTERRUPTED", "EXIT_OK", "EXIT_USAGE",
           "exit_code_for"]


@contextmanager
def reported_errors() -> Iterator[None]:
    """A MissionLogError becomes one line on stderr and its exit code; nothing else."""
    try:
        yield
    except MissionLogError as exc:
        from missionlog.safe_text import printable

        message = printable(str(exc).replace("\n", " "))
        typer.echo(f"error: {message}", err=True)
        raise typer.Exit(code=exit_code_for(exc)) from None


RecordedByOption = Annotated[
    str | None,
    typer.Option("--recorded-by", envvar="MISSIONLOG_RECORDED_BY",
                 help="Who records these events (default: the local user; on a service, "
                      "the token's name)."),
]
InitFlag = Annotated[
    bool,
    typer.Option("--init", help="Create the log first if the --db file does not exist."),
]


@contextmanager
def opened_log(
    db: Path | str, *, create: bool = False, read_only: bool = False, show_warnings: bool = True
) -> Iterator[MissionLog]:
    """The log at DB: a file, or (`http://…`, `https://…`) a missionlog service. Only
    `create` makes a file: every other command refuses a missing file or one that is not
    a missionlog log, and read commands open it read-only."""
    if remote := remote_log(db):
        with reported_errors(), remote as log:
            yield log
        return
    from missionlog.api import MissionLog

    with reported_errors(), MissionLog.open(db, create=create, read_only=read_only) as log:
        from missionlog.safe_text import printable

        def show(warning: str) -> None:  # before any answer: the answer may rest on it
            typer.echo(f"warning: {printable(warning)} (see `missionlog verify --deep`)",
                       err=True)

        if show_warnings:
            for warning in log.warnings:
                show(warning)
            log.store.on_warning = show
        yield log


def remote_log(db: Path | str) -> MissionLog | None:
    """An HTTP client for DB if it names a service (token from $MISSIONLOG_TOKEN). It has
    the MissionLog methods the commands call; typed as MissionLog for them."""
    text = str(db)
    if not text.lower().startswith(("http:", "https:")):
        return None
    import os

    from missionlog.client import HttpLog, service_url

    url = service_url(text)
    if url is None:
        return None
    return HttpLog(url, os.environ.get("MISSIONLOG_TOKEN"))  # type: ignore[return-value]


def print_json(document: Any) -> None:
    import orjson

    sys.stdout.write(orjson.dumps(document, option=orjson.OPT_INDENT_2).decode() + "\n")


def print_jsonl(documents: Any) -> None:
    import orjson

    out = sys.stdout
    for document in documents:
        out.write(orjson.dumps(document).decode() + "\n")
