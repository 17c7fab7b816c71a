"""Commands for sharing a log: `serve` (the HTTP service), `token` (who may use it) and
`follow` (print events as they are recorded, from a file or a service).

FastAPI, uvicorn and httpx are imported inside the commands: other commands start
without them.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from missionlog.cli.app import app
from missionlog.cli.common import (
    DEFAULT_DB,
    DbOption,
    JsonFlag,
    opened_log,
    print_json,
    remote_log,
    reported_errors,
)

token_app = typer.Typer(help="Create, list and revoke the tokens of a log's HTTP service.",
                        no_args_is_help=True)
app.add_typer(token_app, name="token")


def _local_only(db: Path | str, command: str) -> None:
    if str(db).lower().startswith(("http:", "https:")):
        typer.echo(f"error: db: `{command}` works on the log file itself, not on a service",
                   err=True)
        raise typer.Exit(code=2)


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    public_read: Annotated[bool, typer.Option(
        "--public-read", help="Reads need no token (appends still do).")] = False,
    max_body: Annotated[int, typer.Option(
        help="Largest request body in bytes (413 above).")] = 8 * 1024 * 1024,
    max_batch: Annotated[int, typer.Option(
        help="Most events in one append (413 above).")] = 10_000,
    rate_limit: Annotated[float, typer.Option(
        help="Requests a second one token may make on average (429 above); 0: no limit.",
        min=0)] = 100.0,
    rate_burst: Annotated[int, typer.Option(
        help="Requests one token may make at once after a quiet spell.", min=1)] = 200,
) -> None:
    """Serve the log over HTTP: every read and append of the CLI, a live event stream,
    OpenAPI at /openapi.json. Every request needs a token unless --public-read."""
    _local_only(db, "serve")
    with opened_log(db, create=True):  # create it (or refuse a bad file) before listening
        pass
    import uvicorn

    from missionlog.api import MissionLog
    from missionlog.service import Limits, create_app

    service = create_app(lambda: MissionLog.open(db), public_read=public_read,
                         limits=Limits(max_body_bytes=max_body, max_batch_events=max_batch,
                                       rate_per_s=rate_limit, rate_burst=rate_burst))
    from missionlog.store.location import shown_url

    typer.echo(f"serving {shown_url(db)} on http://{host}:{port} (OpenAPI: /openapi.json)",
               err=True)
    uvicorn.run(service, host=host, port=port, log_level="warning")


@token_app.command("create")
def token_create(
    name: Annotated[str, typer.Option("--name", help="Who uses it (e.g. houston).")],
    role: Annotated[str, typer.Option("--role", help="read, append or admin.")] = "read",
    db: DbOption = DEFAULT_DB,
) -> None:
    """Create a token and print it (the only time it is shown; the log keeps a hash)."""
    _local_only(db, "token create")
    from missionlog.store.tokens import TokenStore

    with opened_log(db, create=True) as log:
        token = TokenStore(log.store.db).create(name, role)
    typer.echo(token)


@token_app.command("list")
def token_list(db: DbOption = DEFAULT_DB, json_: JsonFlag = False) -> None:
    """List the tokens: name, role, created, revoked (never the token)."""
    _local_only(db, "token list")
    from missionlog.store.tokens import TokenStore

    with opened_log(db) as log:
        found = [t.as_dict() for t in TokenStore(log.store.db).list()]
    if json_:
        print_json(found)
        return
    for t in found:
        revoked = f"revoked {t['revoked_at']}" if t["revoked_at"] else "live"
        typer.echo(f"{t['name']}\t{t['role']}\tcreated {t['created_at']}\t{revoked}")


@token_app.command("revoke")
def token_revoke(
    name: Annotated[str, typer.Argument(help="The token's name.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Revoke a token: the service refuses it from the next request on."""
    _local_only(db, "token revoke")
    from missionlog.store.tokens import TokenStore

    with opened_log(db) as log:
        TokenStore(log.store.db).revoke(name)
    typer.echo(f"revoked {name}")


@app.command()
def follow(
    db: DbOption = DEFAULT_DB,
    after: Annotated[int | None, typer.Option(
        help="Start after this log position (default: only what is recorded from now).",
        min=0)] = None,
    decisions: Annotated[bool, typer.Option(
        "--decisions", help="Print decisions that open or change, not events.")] = False,
    type_: Annotated[list[str] | None, typer.Option(
        "--type", help="Only these event types (repeatable).")] = None,
    json_: Annotated[bool, typer.Option("--json", help="JSON Lines (the `export` shape).")] = (
        False),
) -> None:
    """Print new events (or decision changes) as they are recorded, until interrupted:
    from a file by watching it, from PostgreSQL by LISTEN/NOTIFY, from a service by its
    event stream."""
    with reported_errors():
        _follow(db, after, decisions, type_, json_)


def _follow(db: Path | str, after: int | None, decisions: bool, types: list[str] | None,
            json_: bool) -> None:
    from missionlog.follow import decision_changes, follow_log

    remote: Any = remote_log(db)
    source: Any = remote
    if remote is None:
        from missionlog.api import MissionLog

        source = MissionLog.open(db)
    # Decisions are compared with what they were before the start is fixed, so a change
    # recorded while follow starts is shown, not folded into the baseline.
    baseline = source.decisions() if decisions else []
    batches: Iterator[list[dict[str, Any]]]
    if remote is not None:
        start = remote.head()["last_position"] if after is None else after
        batches = ([event] for event in remote.follow(start, types=types))
    else:
        from missionlog.store import tail

        start = tail.last_position(source.store.db) if after is None else after
        batches = follow_log(db, start, types=types)
    from missionlog.store.location import shown_url

    where = remote.base_url if remote is not None else shown_url(db)
    typer.echo(f"following {where} after position {start}", err=True)
    if decisions:
        for changed in decision_changes(source, batches, baseline):
            for decision in changed:
                _print(decision, json_, _decision_line)
        return
    for batch in batches:
        for event in batch:
            _print(event, json_, _event_line)


def _print(document: dict[str, Any], json_: bool, line: Any) -> None:
    import orjson

    text = orjson.dumps(document).decode() if json_ else line(document)
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def _event_line(event: dict[str, Any]) -> str:
    what = event.get("text") or event.get("decision") or event.get("note") or ""
    by = f"  (by {event['recorded_by']})" if event.get("recorded_by") else ""
    return (f"{event['position']:>7}  {event['occurred_at']}  {event['type']:<18} "
            f"{event['stream']}  {what}").rstrip() + by


def _decision_line(decision: dict[str, Any]) -> str:
    return (f"{decision['status']:<8} {decision['kind']} {decision['subject']} "
            f"(opened {decision['opened_at']}): {decision['decision'] or ''}").rstrip()
