"""`missionlog timeline`: the station's ports over time, as a picture or as a table.

Thin: parse the options, call `MissionLog.timeline`, then hand the data to the renderer
(matplotlib, imported only here, inside the command) or print it as JSON or CSV.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from missionlog.cli.app import app
from missionlog.cli.common import (
    DEFAULT_DB,
    AtOption,
    DbOption,
    KnownAtOption,
    opened_log,
    print_json,
)

FORMATS = ("png", "svg", "pdf", "csv", "json")


@app.command()
def timeline(
    station: Annotated[
        str | None,
        typer.Option("--station", help="Station name (default: the log's only station)."),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option("--from", help="Start of the span: a date (start of that UTC day) or an "
                     "instant. Default: the first docking."),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option("--to", help="End of the span: a date (end of that UTC day) or an "
                     "instant. Default: --at, else the last event."),
    ] = None,
    at: AtOption = None,
    known_at: KnownAtOption = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="File to write; .png, .svg or .pdf draw the picture, "
                     ".csv or .json write its data."),
    ] = None,
    format_: Annotated[
        str | None,
        typer.Option("--format", help="png, svg, pdf, csv or json (default: --out's "
                     "extension). csv and json go to stdout without --out."),
    ] = None,
    json_: Annotated[bool, typer.Option("--json", help="Same as --format json.")] = False,
    db: DbOption = DEFAULT_DB,
) -> None:
    """A picture of the station: one row per port, a bar per vehicle's stay, leaks,
    decisions, and the stretches when someone aboard had no fit return vehicle."""
    fmt = _format(format_, json_, out)

    with opened_log(db, read_only=True) as log:
        data = log.timeline(station, since=since, until=until, at=at, known_at=known_at)
    if fmt == "json":
        _write_json(data, out)
    elif fmt == "csv":
        _write_csv(data, out)
    else:
        assert out is not None
        from missionlog.timeline.render import render

        render(data, out, fmt)
        from missionlog.cli.render import counted, say

        say(f"wrote {out}: {data['station']} {data['span']['start']} to "
            f"{data['span']['end']}, {counted(len(data['bars']), 'stay')}, "
            f"{counted(len(data['leaks']), 'leak')}, "
            f"{counted(len(data['decisions']), 'decision marker')}")


def _format(format_: str | None, json_: bool, out: Path | None) -> str:
    """The output format, or a usage error (exit 2) that says what to give instead."""
    if json_:
        format_ = "json"
    if format_ is None and out is not None:
        format_ = out.suffix.lstrip(".").lower()
    if format_ is None:
        _usage("give --out FILE (.png, .svg or .pdf) for a picture, or --format csv/--json")
    assert format_ is not None
    if format_ not in FORMATS:
        _usage(f"format {format_!r} is not one of {', '.join(FORMATS)}")
    if out is None and format_ in ("png", "svg", "pdf"):
        _usage(f"a {format_} picture needs --out FILE")
    return format_


def _usage(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code=2)


def _write_json(data: dict[str, object], out: Path | None) -> None:
    if out is None:
        print_json(data)
        return
    import orjson

    out.write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2) + b"\n")


def _write_csv(data: dict[str, object], out: Path | None) -> None:
    from missionlog.timeline.table import write_csv

    if out is None:
        write_csv(data, sys.stdout)
        return
    with out.open("w", newline="", encoding="utf-8") as handle:
        write_csv(data, handle)
