"""`missionlog demo`: the first run. Loads the bundled ISS log and shows one day."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from missionlog.cli.app import app
from missionlog.cli.common import JsonFlag, opened_log, print_json

SEED_DAY = "2023-02-12"
SEED_VEHICLE = "Progress 82"


DEMO_DB = Path("missionlog-demo.db")
DemoDbOption = Annotated[
    Path,
    typer.Option("--db", help="The demo's own SQLite file (not $MISSIONLOG_DB, which may be "
                 "a log of yours)."),
]


@app.command()
def demo(
    db: DemoDbOption = DEMO_DB,
    at: Annotated[str, typer.Option("--at", help="The day to show.")] = SEED_DAY,
    json_: JsonFlag = False,
) -> None:
    """Start here: load the bundled ISS 2022-2023 log and show 2023-02-12.

    Uses its own file, ./missionlog-demo.db (or --db), never $MISSIONLOG_DB, so it
    cannot collide with a log of yours. Loads the bundled log if that file is
    empty, then shows the station on
    the day after the Progress MS-21 coolant leak: ports, crew and their ride
    home, Progress 82's state, and the decisions open, decided and resolved.
    """
    from missionlog.bundled import bundled_log_path

    with opened_log(db, create=True) as log:
        loaded = 0
        if log.count() == 0:
            path = bundled_log_path()
            with path.open("rb") as handle:
                loaded = log.import_lines(handle, source=path.name).appended
        report: dict[str, Any] = {
            "db": str(db),
            "loaded_events": loaded,
            "station": log.station("ISS", at=at),
            "vehicle": log.state(SEED_VEHICLE, at=at),
            "decisions": log.decisions(at=at),
        }
    if json_:
        print_json(report)
        return
    _render(report, db=str(db), at=at)


def _render(report: dict[str, Any], *, db: str, at: str) -> None:
    """One screen: ports beside crew, Progress 82 in a line, the decisions of the day."""
    from rich.columns import Columns
    from rich.markup import escape

    from missionlog.cli import render
    from missionlog.cli.tables import fits_side_by_side

    console = render.console
    loaded = (f"loaded {report['loaded_events']} events of the bundled ISS log into "
              if report["loaded_events"] else "the demo log is ")
    console.print(f"[dim]{loaded}{escape(db)}[/]")
    console.print(
        f"[bold]The ISS on {at}[/], the day after Progress MS-21 (NASA's Progress 82) lost "
        "its coolant, two months after Soyuz MS-22 did."
    )
    station, vehicle = report["station"], report["vehicle"]
    ports = render.ports_grid(station, title="ports")
    crew = render.crew_grid(station, title="aboard, and their ride home", fit_column="fit")
    side_by_side = Columns([ports.table(), crew.table()])
    if console.is_terminal and fits_side_by_side(console, ports, crew):
        console.print(side_by_side)
    else:
        for grid in (ports, crew):
            render.emit_titled(grid)
    render.emit_titled(render.seats_grid(station, title="seats home, and how fit"))
    leaks = "; ".join(f"{leak['severity']} {leak['system']} leak at {leak['occurred_at']}"
                      for leak in vehicle["leaks"]) or "no leaks"
    where = f"{vehicle['status']} at {vehicle['station']} {vehicle['port']}" if vehicle[
        "station"] else vehicle["status"]
    console.print(f"[bold]{SEED_VEHICLE}[/] is {vehicle['vehicle']}: {where}; {leaks}.")
    render.emit_titled(
        render.decisions_grid(report["decisions"], title=f"what had to be decided, as of {at}")
    )
    console.print(
        f"[dim]Next: export MISSIONLOG_DB={escape(db)}, then: missionlog explain "
        "replacement_required 'Soyuz MS-22' · missionlog decisions --at 2023-03-29 · "
        "missionlog state 68S --at 2022-12-20 · missionlog history 'Progress 82' · "
        "missionlog verify[/]"
    )
