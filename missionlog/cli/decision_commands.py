"""Commands about decisions: `decisions` (what had to be decided) and `explain` (why)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from missionlog.cli.app import app
from missionlog.cli.common import (
    DEFAULT_DB,
    AtOption,
    DbOption,
    JsonFlag,
    KnownAtOption,
    opened_log,
    print_json,
)
from missionlog.decisions import KINDS, STATUSES

# Choices for typer, made from the decisions package's own lists so they cannot drift.
Status = StrEnum("Status", {status: status for status in STATUSES})  # type: ignore[misc]
Kind = StrEnum("Kind", {kind: kind for kind in KINDS})  # type: ignore[misc]


@app.command()
def decisions(
    at: AtOption = None,
    known_at: KnownAtOption = None,
    status: Annotated[
        Status | None, typer.Option("--status", help="Only decisions with this status.")
    ] = None,
    station: Annotated[
        str | None,
        typer.Option("--station", help="Only decisions about people aboard this station."),
    ] = None,
    db: DbOption = DEFAULT_DB,
    json_: JsonFlag = False,
) -> None:
    """What had to be decided as of --at, newest first: open, decided or resolved."""
    with opened_log(db, read_only=True) as log:
        found = log.decisions(at=at, known_at=known_at,
                              status=status.value if status else None, station=station)
    if json_:
        print_json(found)
        return
    from missionlog.cli.render import render_decisions

    render_decisions(found, title=f"decisions as of {at or 'now'}")


@app.command()
def explain(
    kind: Annotated[Kind, typer.Argument(help="The decision kind.")],
    subject: Annotated[str, typer.Argument(help="Vehicle name or alias (e.g. 68S).")],
    at: AtOption = None,
    known_at: KnownAtOption = None,
    db: DbOption = DEFAULT_DB,
) -> None:
    """The chain of events behind one decision, in plain words with dates."""
    with opened_log(db, read_only=True) as log:
        lines = log.explain(kind.value, subject, at=at, known_at=known_at)
    from missionlog.cli.render import say

    for line in lines:
        say(line)
