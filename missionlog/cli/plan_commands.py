"""Commands about plans and the knowledge clock: `plans` and `changes` (a shift handover)."""

from __future__ import annotations

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

StationOption = Annotated[
    str | None, typer.Option("--station", help="Only what concerns this station.")
]


@app.command()
def plans(
    at: AtOption = None,
    known_at: KnownAtOption = None,
    station: StationOption = None,
    db: DbOption = DEFAULT_DB,
    json_: JsonFlag = False,
) -> None:
    """The plans in force as of --at (default: --known-at if given, else now), as known at
    --known-at, soonest first; and the plans fulfilled by then, late or early by how much."""
    with opened_log(db) as log:
        view = log.plans(at=at, known_at=known_at, station=station)
    if json_:
        print_json(view)
        return
    from missionlog.cli.render_plans import render_plans

    render_plans(view, known_at=known_at)


@app.command()
def changes(
    since: Annotated[
        str, typer.Option("--since", help="Knowledge time K1: what you knew then (a date: "
                          "its end).")
    ],
    until: Annotated[
        str | None, typer.Option("--until", help="Knowledge time K2 (default now).")
    ] = None,
    at: AtOption = None,
    station: StationOption = None,
    db: DbOption = DEFAULT_DB,
    json_: JsonFlag = False,
) -> None:
    """What the log learned after --since up to --until: events recorded (and how late),
    decisions, plans, and how the station picture at --at changed (a shift handover)."""
    with opened_log(db) as log:
        view = log.changes(since, until=until, at=at, station=station)
    if json_:
        print_json(view)
        return
    from missionlog.cli.render_plans import render_changes

    render_changes(view)
