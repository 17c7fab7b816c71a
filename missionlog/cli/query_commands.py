"""Commands that replay the log: state, station, history, replay."""

from __future__ import annotations

from typing import Annotated

import typer

from missionlog.cli.app import app
from missionlog.cli.common import (
    DEFAULT_DB,
    AllFlightsOption,
    AtOption,
    DbOption,
    FlightAtOption,
    JsonFlag,
    KnownAtOption,
    opened_log,
    print_json,
)


@app.command()
def state(
    vehicle: Annotated[str, typer.Argument(help="Vehicle name or alias (e.g. 'Progress 82').")],
    at: AtOption = None,
    known_at: KnownAtOption = None,
    db: DbOption = DEFAULT_DB,
    json_: JsonFlag = False,
) -> None:
    """One vehicle as of --at: where it is, who is aboard, its leaks, whether it is fit."""
    with opened_log(db, read_only=True) as log:
        view = log.state(vehicle, at=at, known_at=known_at)
    if json_:
        print_json(view)
        return
    from missionlog.cli.render import render_vehicle

    render_vehicle(view)


@app.command()
def station(
    name: Annotated[str, typer.Argument(help="Station name (e.g. ISS).")],
    at: AtOption = None,
    known_at: KnownAtOption = None,
    db: DbOption = DEFAULT_DB,
    json_: JsonFlag = False,
) -> None:
    """A station as of --at: every port and who holds it, every person and their ride home."""
    with opened_log(db, read_only=True) as log:
        view = log.station(name, at=at, known_at=known_at)
    if json_:
        print_json(view)
        return
    from missionlog.cli.render import render_station

    render_station(view)


@app.command()
def crew(
    at: AtOption = None,
    known_at: KnownAtOption = None,
    db: DbOption = DEFAULT_DB,
    json_: JsonFlag = False,
) -> None:
    """Everyone in space as of --at: where, their ride home, its fitness and their seat."""
    with opened_log(db) as log:
        view = log.crew(at=at, known_at=known_at)
    if json_:
        print_json(view)
        return
    from missionlog.cli.render import render_crew

    render_crew(view)


@app.command()
def history(
    vehicle: Annotated[str, typer.Argument(help="Vehicle (or station) name or alias.")],
    at: FlightAtOption = None,
    all_flights: AllFlightsOption = False,
    db: DbOption = DEFAULT_DB,
    json_: JsonFlag = False,
) -> None:
    """A vehicle's events in mission order, with both clocks (occurred, recorded)."""
    with opened_log(db, read_only=True) as log:
        events = log.history(vehicle, at=at, all_flights=all_flights)
    if json_:
        print_json(events)
        return
    from missionlog.cli.render import render_events

    render_events(events, title=f"history of {vehicle}", mission_order=True)


@app.command()
def replay(
    until: Annotated[
        str | None, typer.Option("--until", help="Replay up to this date/instant.")
    ] = None,
    known_at: KnownAtOption = None,
    db: DbOption = DEFAULT_DB,
    json_: JsonFlag = False,
) -> None:
    """Replay the whole log up to --until and summarise every station and vehicle in space."""
    with opened_log(db, read_only=True) as log:
        total = log.count(until=until, known_at=known_at)
        if total > 200_000 and not json_:
            from rich.progress import Progress

            with Progress(transient=True) as progress:
                task = progress.add_task("replaying", total=total)
                summary = log.replay(until=until, known_at=known_at,
                                     progress=lambda n: progress.advance(task, n))
        else:
            summary = log.replay(until=until, known_at=known_at)
    if json_:
        print_json(summary)
        return
    from missionlog.cli.render import render_replay

    render_replay(summary)
