"""Commands that write or read the raw log: init, append, import, export, log, verify, schema."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from missionlog.cli.app import app
from missionlog.cli.append_commands import append_app
from missionlog.cli.common import (
    DEFAULT_DB,
    AllFlightsOption,
    DbOption,
    FlightAtOption,
    InitFlag,
    JsonFlag,
    JsonLinesFlag,
    RecordedByOption,
    opened_log,
    print_json,
    print_jsonl,
    reported_errors,
)

if TYPE_CHECKING:
    from missionlog.api import MissionLog
    from missionlog.store import AppendResult

app.add_typer(append_app, name="append")


@app.command()
def init(db: DbOption = DEFAULT_DB) -> None:
    """Create an empty log (or check an existing one): schema, WAL mode, guards."""
    with opened_log(db, create=True) as log:
        count = log.count()
    typer.echo(f"{db}: missionlog ready, {count} events")


@app.command("import")
def import_(
    file: Annotated[
        Path, typer.Argument(help="A JSONL file of events, or `-` for standard input.")
    ],
    db: DbOption = DEFAULT_DB,
    expect_version: Annotated[
        int | None, typer.Option(help="Fail unless the (single) stream is at this version.")
    ] = None,
    init_: InitFlag = False,
    recorded_now: Annotated[
        bool, typer.Option("--recorded-now",
                           help="Record every line now, ignoring the lines' recorded_at "
                                "and recorded_by.")
    ] = False,
    recorded_by: RecordedByOption = None,
) -> None:
    """Append every event of a JSONL file (plain events or `export` output) atomically.

    Events already in the log (same event_id, same content) are skipped, so
    importing the same file twice changes nothing.
    """
    from_stdin = str(file) == "-"
    if not from_stdin and not file.is_file():  # before opening: a typo must not create a log
        typer.echo(f"error: file: {file} does not exist", err=True)
        raise typer.Exit(code=2)
    with opened_log(db, create=init_) as log:
        if from_stdin:
            result = log.import_lines(sys.stdin.buffer, source="stdin",
                                      expected_version=expect_version,
                                      recorded_now=recorded_now, recorded_by=recorded_by)
        else:
            result = _import_with_progress(log, file, expect_version, recorded_now,
                                           recorded_by)
    typer.echo(f"imported {result.appended} events, skipped {result.skipped} already in the log")


def _import_with_progress(
    log: MissionLog, file: Path, expect_version: int | None, recorded_now: bool,
    recorded_by: str | None,
) -> AppendResult:
    """A progress bar on large files (on a terminal only, so pipes stay clean)."""
    size = file.stat().st_size
    with file.open("rb") as handle:
        if size < 5_000_000 or not sys.stderr.isatty():
            return log.import_lines(handle, source=file.name, expected_version=expect_version,
                                    recorded_now=recorded_now, recorded_by=recorded_by)
        from rich.progress import Progress

        with Progress(transient=True) as progress:
            task = progress.add_task(f"importing {file.name}", total=size)

            def advance(_count: int) -> None:
                progress.update(task, completed=handle.tell())

            return log.import_lines(handle, source=file.name, progress=advance,
                                    expected_version=expect_version,
                                    recorded_now=recorded_now, recorded_by=recorded_by)


@app.command()
def export(
    db: DbOption = DEFAULT_DB,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write to this file, not stdout.")
    ] = None,
) -> None:
    """Write the whole log as JSONL in log order; `import` takes it back exactly."""
    with opened_log(db, read_only=True) as log:
        if out is None:
            log.export(sys.stdout.buffer)
            sys.stdout.buffer.flush()
        else:
            with out.open("wb") as handle:
                count = log.export(handle)
            typer.echo(f"exported {count} events to {out}", err=True)


@app.command()
def copy(
    from_: Annotated[str, typer.Option("--from", help="The log to copy: a SQLite file, "
                                       "sqlite:///file or postgresql://…")],
    to: Annotated[str, typer.Option("--to", help="A new or empty log to copy into (created "
                                    "if needed), on either backend.")],
    json_: JsonFlag = False,
) -> None:
    """Copy a whole log to another backend (SQLite <-> PostgreSQL), verified at the end.

    Positions, versions, recorded_at and the hash chain are kept: both logs then export
    byte-identical. The target must be new or empty; on any error nothing is written."""
    from missionlog.copying import copy_log

    for db in (from_, to):
        if db.lower().startswith(("http:", "https:")):
            typer.echo("error: db: `copy` works on logs themselves (SQLite or PostgreSQL), "
                       "not on a service", err=True)
            raise typer.Exit(code=2)
    with reported_errors():
        done = copy_log(from_, to)
    if json_:
        print_json(done)
    else:
        typer.echo(f"copied {done['copied']} events; both logs end at position "
                   f"{done['position']} with hash {done['hash']}")


@app.command("log")
def log_(
    db: DbOption = DEFAULT_DB,
    vehicle: Annotated[
        str | None, typer.Option(help="Only this vehicle's (or station's) stream.")
    ] = None,
    type_: Annotated[
        list[str] | None, typer.Option("--type", help="Only these event types (repeatable).")
    ] = None,
    since: Annotated[
        str | None, typer.Option("--from", help="Occurred at or after this date/instant.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--to", help="Occurred at or before this date/instant.")
    ] = None,
    at: FlightAtOption = None,
    all_flights: AllFlightsOption = False,
    recorded_since: Annotated[
        str | None, typer.Option("--recorded-since",
                                 help="Recorded at or after this date/instant (knowledge time).")
    ] = None,
    recorded_until: Annotated[
        str | None, typer.Option("--recorded-until",
                                 help="Recorded at or before this date/instant.")
    ] = None,
    json_: JsonLinesFlag = False,
) -> None:
    """List events in log order, filtered; `--json` writes JSONL (the `export` shape)."""
    with opened_log(db, read_only=True) as log:
        events = log.log(vehicle=vehicle, types=type_, since=since, until=until, at=at,
                         all_flights=all_flights, recorded_since=recorded_since,
                         recorded_until=recorded_until)
        if json_:
            print_jsonl(events)
            return
        from missionlog.cli.render import render_events

        render_events(list(events), title=f"events in {db}")


@app.command()
def verify(
    db: DbOption = DEFAULT_DB,
    json_: JsonFlag = False,
    anchor: Annotated[
        list[Path] | None,
        typer.Option("--anchor", help="A signed head from `missionlog anchor` (repeatable)."),
    ] = None,
    trusted_key: Annotated[
        str | None,
        typer.Option(help="Accept only anchors signed by this public key (hex)."),
    ] = None,
    deep: Annotated[
        bool,
        typer.Option("--deep", help="Also rebuild every derived table from the events "
                     "and compare."),
    ] = False,
    repair: Annotated[
        bool,
        typer.Option("--repair", help="First rebuild every derived table from the "
                     "(verified) events."),
    ] = False,
) -> None:
    """Walk the hash chain and name the first event that was edited, if any."""
    anchors = anchor or []
    # verify reports what the opening check would, as its own one-line error
    with opened_log(db, read_only=not repair, show_warnings=False) as log:
        if repair:
            rebuilt = log.repair()
            typer.echo(f"rebuilt the derived tables from {rebuilt} events", err=True)
        # (the plain call keeps working against an HTTP log, which has no anchors option)
        count = log.verify(anchors, trusted_key=trusted_key) if anchors else log.verify()
        if deep:
            log.verify_derived()
    if json_:
        extra = ({"anchors": len(anchors)} if anchors else {}) | ({"deep": True} if deep else {})
        print_json({"ok": True, "events": count, **extra})
        return
    checked = f", {len(anchors)} anchors match" if anchors else ""
    derived = ", derived tables match the events" if deep else ""
    typer.echo(f"ok: {count} events, hash chain intact{checked}{derived}")


@app.command()
def schema(
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file.")] = None,
) -> None:
    """Print the JSON Schema of the event types (the wire format)."""
    import orjson

    from missionlog.events import event_schema

    with reported_errors():
        text = orjson.dumps(event_schema(), option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS)
    if out is None:
        sys.stdout.write(text.decode() + "\n")
    else:
        out.write_bytes(text + b"\n")
