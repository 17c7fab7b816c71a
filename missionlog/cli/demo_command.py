"""`missionlog demo`: the first run. Loads the bundled ISS log and shows one day."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from missionlog.cli.app import app
from missionlog.cli.common import DEFAULT_DB, DbOption, JsonFlag, opened_log, print_json

SEED_DAY = "2023-02-12"
SEED_VEHICLE = "Progress 82"


@app.command()
def demo(
    db: DbOption = DEFAULT_DB,
    at: Annotated[str, typer.Option("--at", help="The day to show.")] = SEED_DAY,
    json_: JsonFlag = False,
) -> None:
    """Start here: load the bundled ISS 2022-2023 log and show 2023-02-12.

    Loads the bundled log if the database is empty, then shows the station on
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
    from rich.console import Console
    from rich.table import Table

    from missionlog.cli.render import decisions_table, yes_no

    console = Console()
    if report["loaded_events"]:
        console.print(f"[dim]loaded {report['loaded_events']} events of the bundled ISS log "
                      f"into {db}[/]")
    console.print(
        f"[bold]The ISS on {at}[/], the day after Progress MS-21 (NASA's Progress 82) lost "
        "its coolant, two months after Soyuz MS-22 did."
    )
    station, vehicle = report["station"], report["vehicle"]
    ports = Table(title="ports")
    ports.add_column("port", no_wrap=True)
    ports.add_column("vehicle", no_wrap=True)
    for port, holder in station["ports"].items():
        ports.add_row(port, holder or "[dim]free[/]")
    crew = Table(title="aboard, and their ride home")
    crew.add_column("person", no_wrap=True)
    crew.add_column("return vehicle", no_wrap=True)
    crew.add_column("fit", no_wrap=True)
    for person in station["crew"]:
        crew.add_row(person["name"], person["return_vehicle"] or "-",
                     yes_no(person["return_vehicle_fit"]))
    console.print(Columns([ports, crew]))
    leaks = "; ".join(f"{leak['severity']} {leak['system']} leak at {leak['occurred_at']}"
                      for leak in vehicle["leaks"]) or "no leaks"
    where = f"{vehicle['status']} at {vehicle['station']} {vehicle['port']}" if vehicle[
        "station"] else vehicle["status"]
    console.print(f"[bold]{SEED_VEHICLE}[/] is {vehicle['vehicle']}: {where}; {leaks}.")
    console.print(decisions_table(report["decisions"], title=f"what had to be decided, as of {at}"))
    console.print(
        "[dim]Next: missionlog explain replacement_required 'Soyuz MS-22' · missionlog "
        "decisions --at 2023-03-29 · missionlog state 68S --at 2022-12-20 · missionlog "
        "history 'Progress 82' · missionlog verify[/]"
    )
