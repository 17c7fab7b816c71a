"""Commands that pin the chain from outside: head, key create, anchor, backup."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from missionlog.cli.app import app
from missionlog.cli.common import DEFAULT_DB, DbOption, JsonFlag, opened_log, print_json

key_app = typer.Typer(help="Signing keys for anchors.", no_args_is_help=True)
app.add_typer(key_app, name="key")

KeyFile = Annotated[
    Path,
    typer.Option("--key", envvar="MISSIONLOG_KEY", help="The Ed25519 private key (PEM)."),
]
DEFAULT_KEY = Path("missionlog.key")


@app.command()
def head(db: DbOption = DEFAULT_DB, json_: JsonFlag = False) -> None:
    """Print the position and chain hash of the newest event."""
    with opened_log(db, read_only=True) as log:
        current = log.head()
    if json_:
        print_json(current)
    else:
        typer.echo(f"position {current['position']}\nhash {current['hash']}")


@key_app.command("create")
def key_create(
    out: Annotated[Path, typer.Option("--out", "-o", help="Where to write the key.")] = DEFAULT_KEY,
) -> None:
    """Create an Ed25519 signing key for `missionlog anchor` (never overwrites)."""
    from missionlog.anchors import create_key
    from missionlog.cli.common import reported_errors

    with reported_errors():
        public = create_key(out)
    typer.echo(f"wrote {out} (keep it private)\npublic key {public}")


@app.command()
def anchor(
    out: Annotated[Path, typer.Option("--out", "-o", help="Write the signed head here.")],
    db: DbOption = DEFAULT_DB,
    key: KeyFile = DEFAULT_KEY,
) -> None:
    """Sign the current head with --key and write it to --out, to keep somewhere else;
    `missionlog verify --anchor FILE` later proves the log only grew since."""
    import orjson

    with opened_log(db, read_only=True) as log:
        signed = log.anchor(key)
    out.write_bytes(orjson.dumps(signed, option=orjson.OPT_INDENT_2) + b"\n")
    typer.echo(f"anchored position {signed['position']} in {out}\nhash {signed['hash']}")


@app.command()
def backup(
    out: Annotated[Path, typer.Option("--out", "-o", help="The single-file copy to write.")],
    db: DbOption = DEFAULT_DB,
) -> None:
    """Write a consistent single-file copy of the log (SQLite's backup API: includes what
    is still in the -wal file, safe while others append)."""
    with opened_log(db, read_only=True) as log:
        count = log.backup(out)
    typer.echo(f"backed up {count} events to {out}")
