"""`missionlog append`: one typed sub-command per event type, or `--json -` for JSON input.

The sub-commands are generated from the event models, so a new event type or
field appears on the command line without a second copy of its definition.
"""

from __future__ import annotations

import inspect
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from missionlog.cli.append_fields import APPEND_FIELDS
from missionlog.cli.common import (
    DEFAULT_DB,
    DbOption,
    InitFlag,
    RecordedByOption,
    opened_log,
    print_json,
)
from missionlog.vocabulary import CHOICES

append_app = typer.Typer(
    help="Append one event (typed sub-commands) or JSON events from stdin (`--json -`).",
    invoke_without_command=True,
    no_args_is_help=False,
)


QuietFlag = Annotated[
    bool, typer.Option("--quiet", "-q", help="Say only what was appended, not what it changed.")
]


def _report(result: Any, changes: dict[str, Any] | None, *, as_json: bool = False) -> None:
    """What was appended and (unless --quiet) what it changed; --json: both as data."""
    if as_json:
        print_json({"appended": result.appended, "skipped": result.skipped,
                    "first_position": result.first_position,
                    "last_position": result.last_position,
                    "streams": result.streams, "changes": changes})
        return
    if result.appended:
        streams = ", ".join(f"{stream} v{version}" for stream, version in result.streams.items())
        typer.echo(f"appended {result.appended} at position {result.last_position} ({streams})")
    else:
        typer.echo(f"nothing appended: {result.skipped} already in the log")
    if changes is not None and result.appended:
        from missionlog.cli.render import say
        from missionlog.projections.changes import lines

        for line in lines(changes):
            say(line, indent=2)


@append_app.callback()
def append_json(
    ctx: typer.Context,
    json_input: Annotated[
        Path | None,
        typer.Option("--json", help="Read one JSON event or JSONL from this file (`-`: stdin)."),
    ] = None,
    db: DbOption = DEFAULT_DB,
    expect_version: Annotated[
        int | None, typer.Option(help="Fail unless the stream is at this version.")
    ] = None,
    quiet: QuietFlag = False,
    init_: InitFlag = False,
    recorded_by: RecordedByOption = None,
) -> None:
    """Append events given as JSON."""
    if ctx.invoked_subcommand is not None:
        return
    if json_input is None:
        typer.echo("error: say what to append: an event type (`missionlog append --help` lists "
                   "them) or --json FILE", err=True)
        raise typer.Exit(code=2)
    data = sys.stdin.buffer.read() if str(json_input) == "-" else json_input.read_bytes()
    lines = _json_lines(data)
    with opened_log(db, create=init_) as log:
        if quiet:
            result = log.import_lines(lines, source="input", expected_version=expect_version,
                                      recorded_by=recorded_by)
            changes = None
        else:
            result, changes = log.append_described(lines=lines, source="input",
                                                   expected_version=expect_version,
                                                   recorded_by=recorded_by)
    _report(result, changes)


def _json_lines(data: bytes) -> list[bytes]:
    """One pretty-printed JSON object, or JSON Lines."""
    import orjson

    stripped = data.strip()
    if stripped.startswith(b"{") and b"\n" in stripped:
        try:
            return [orjson.dumps(orjson.loads(stripped))]
        except orjson.JSONDecodeError:
            pass
    return stripped.splitlines()


def _help(name: str) -> str:
    """The field's name, and its valid values when the list is closed (shown in --help)."""
    choices = CHOICES.get(name)
    return f"{name}: one of {', '.join(choices)}" if choices else name


def _option_for(name: str, kind: str, required: bool) -> tuple[Any, Any]:
    flag = "--" + name.replace("_", "-")
    if kind == "list":
        return Annotated[list[str] | None, typer.Option(flag, help=f"{name} (repeatable)")], None
    if required:
        return Annotated[str, typer.Option(flag, help=_help(name))], inspect.Parameter.empty
    return Annotated[str | None, typer.Option(flag, help=_help(name))], None


RETRACTION_AT_HELP = (
    "when the correction was made, for the record only (default: now): a retraction "
    "changes no mission time; the retracted event stops counting in every answer "
    "asked --known-at or after the moment the retraction is recorded"
)


def _at_option(kind: str) -> tuple[str, Any, Any]:
    """`--at` is the event's occurred_at: required, except for a retraction, whose
    occurred_at is not used by any answer (retractions work on the known-at clock)."""
    if kind == "retracted":
        return ("at", Annotated[str | None, typer.Option("--at", help=RETRACTION_AT_HELP)],
                None)
    return ("at", Annotated[str, typer.Option(
        "--at", help="occurred_at: an instant with a UTC offset, `now`, or a date "
        "(its start, at day precision unless --precision says otherwise)")],
        inspect.Parameter.empty)


def _make_command(kind: str) -> None:
    summary, fields = APPEND_FIELDS[kind]
    params = []
    for name, field_kind, required in fields:
        annotation, default = _option_for(name, field_kind, required)
        params.append(inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY,
                                        annotation=annotation, default=default))
    common: list[tuple[str, Any, Any]] = [
        _at_option(kind),
        ("event_id", Annotated[str | None, typer.Option(help="your stable id")], None),
        ("source", Annotated[str | None, typer.Option(help="provenance: URL or text")], None),
        ("note", Annotated[str | None, typer.Option(help="free text")], None),
        ("precision", Annotated[str | None, typer.Option(help=_help("precision"))], None),
        ("earliest", Annotated[str | None, typer.Option(
            help="a window wider than the precision: the earliest it may have happened")],
         None),
        ("latest", Annotated[str | None, typer.Option(
            help="a window wider than the precision: the latest it may have happened")], None),
        ("expect_version", Annotated[int | None, typer.Option(
            help="fail unless the stream is at this version")], None),
        ("db", DbOption, DEFAULT_DB),
        ("quiet", QuietFlag, False),
        ("json_", Annotated[bool, typer.Option(
            "--json", help="Print what was appended and what it changed as one JSON document."
        )], False),
        ("init_", InitFlag, False),
        ("recorded_by", RecordedByOption, None),
    ]
    for name, annotation, default in common:
        params.append(inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY,
                                        annotation=annotation, default=default))

    def command(**kwargs: Any) -> None:
        db = kwargs.pop("db")
        create = kwargs.pop("init_")
        expect_version = kwargs.pop("expect_version")
        quiet, as_json = kwargs.pop("quiet"), kwargs.pop("json_")
        recorded_by = kwargs.pop("recorded_by")
        from missionlog.timeparse import parse_occurred_at

        occurred_at, implied = parse_occurred_at(kwargs.pop("at") or "now")
        raw: dict[str, Any] = {"type": kind, "occurred_at": occurred_at}
        if implied is not None and kwargs.get("precision") is None:
            kwargs["precision"] = implied
        if kwargs.get("planned_for") is not None:
            planned_for, implied_for = parse_occurred_at(kwargs["planned_for"])
            kwargs["planned_for"] = planned_for
            if implied_for is not None and kwargs.get("planned_for_precision") is None:
                kwargs["planned_for_precision"] = implied_for
        if kwargs.get("answers") is not None:  # KIND:SUBJECT on the command line
            answer_kind, _, subject = str(kwargs["answers"]).partition(":")
            kwargs["answers"] = {"kind": answer_kind.strip(), "subject": subject.strip()}
        for key, value in kwargs.items():
            if value is not None:
                raw[key] = list(value) if isinstance(value, list | tuple) else value
        with opened_log(db, create=create) as log:
            if quiet and not as_json:
                result = log.append([raw], expected_version=expect_version,
                                    recorded_by=recorded_by)
                changes = None
            else:
                result, changes = log.append_described([raw], expected_version=expect_version,
                                                       recorded_by=recorded_by)
        _report(result, changes, as_json=as_json)

    command.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    command.__name__ = kind
    command.__doc__ = f"Append a `{kind}` event: {summary}"
    append_app.command(kind)(command)


for _kind in APPEND_FIELDS:
    _make_command(_kind)
