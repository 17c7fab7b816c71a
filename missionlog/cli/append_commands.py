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
from missionlog.cli.common import DEFAULT_DB, DbOption, opened_log

append_app = typer.Typer(
    help="Append one event (typed sub-commands) or JSON events from stdin (`--json -`).",
    invoke_without_command=True,
    no_args_is_help=False,
)


def _report(result: Any) -> None:
    if result.appended:
        streams = ", ".join(f"{stream} v{version}" for stream, version in result.streams.items())
        typer.echo(f"appended {result.appended} at position {result.last_position} ({streams})")
    else:
        typer.echo(f"nothing appended: {result.skipped} already in the log")


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
) -> None:
    """Append events given as JSON."""
    if ctx.invoked_subcommand is not None:
        return
    if json_input is None:
        typer.echo(ctx.get_help())
        raise typer.Exit(code=2)
    data = sys.stdin.buffer.read() if str(json_input) == "-" else json_input.read_bytes()
    lines = _json_lines(data)
    with opened_log(db, create=True) as log:
        result = log.import_lines(lines, source="input", expected_version=expect_version)
    _report(result)


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


def _option_for(name: str, kind: str, required: bool) -> tuple[Any, Any]:
    flag = "--" + name.replace("_", "-")
    if kind == "list":
        return Annotated[list[str] | None, typer.Option(flag, help=f"{name} (repeatable)")], None
    if required:
        return Annotated[str, typer.Option(flag, help=name)], inspect.Parameter.empty
    return Annotated[str | None, typer.Option(flag, help=name)], None


def _make_command(kind: str) -> None:
    summary, fields = APPEND_FIELDS[kind]
    params = []
    for name, field_kind, required in fields:
        annotation, default = _option_for(name, field_kind, required)
        params.append(inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY,
                                        annotation=annotation, default=default))
    common: list[tuple[str, Any, Any]] = [
        ("at", Annotated[str, typer.Option(
            "--at", help="occurred_at: an instant with a UTC offset, `now`, or a date "
            "(its start, at day precision unless --precision says otherwise)")],
         inspect.Parameter.empty),
        ("event_id", Annotated[str | None, typer.Option(help="your stable id")], None),
        ("source", Annotated[str | None, typer.Option(help="provenance: URL or text")], None),
        ("note", Annotated[str | None, typer.Option(help="free text")], None),
        ("precision", Annotated[str | None, typer.Option(help="second|minute|hour|day")], None),
        ("expect_version", Annotated[int | None, typer.Option(
            help="fail unless the stream is at this version")], None),
        ("db", DbOption, DEFAULT_DB),
    ]
    for name, annotation, default in common:
        params.append(inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY,
                                        annotation=annotation, default=default))

    def command(**kwargs: Any) -> None:
        db = kwargs.pop("db")
        expect_version = kwargs.pop("expect_version")
        from missionlog.timeparse import parse_occurred_at

        occurred_at, implied = parse_occurred_at(kwargs.pop("at"))
        raw: dict[str, Any] = {"type": kind, "occurred_at": occurred_at}
        if implied is not None and kwargs.get("precision") is None:
            kwargs["precision"] = implied
        for key, value in kwargs.items():
            if value is not None:
                raw[key] = list(value) if isinstance(value, list | tuple) else value
        with opened_log(db, create=True) as log:
            result = log.append([raw], expected_version=expect_version)
        _report(result)

    command.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    command.__name__ = kind
    command.__doc__ = f"Append a `{kind}` event: {summary}"
    append_app.command(kind)(command)


for _kind in APPEND_FIELDS:
    _make_command(_kind)
