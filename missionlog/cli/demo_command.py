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
    from rich.console import Console

    from missionlog.cli.render import render_decisions, render_station, render_vehicle

    console = Console()
    if report["loaded_events"]:
        console.print(f"[dim]loaded {report['loaded_events']} events of the bundled ISS log "
                      f"into {db}[/]")
    console.print(
        f"[bold]The International Space Station on {at}[/], the day after Progress MS-21 "
        "(NASA's Progress 82) lost its coolant, two months after Soyuz MS-22 did."
    )
    render_station(report["station"])
    render_vehicle(report["vehicle"])
    render_decisions(report["decisions"], title=f"decisions as of {at}")
    console.print(
        "[dim]Try: missionlog state 68S --at 2022-12-20 · missionlog decisions --at 2023-03-29 "
        "· missionlog explain replacement_required 'Soyuz MS-22' · missionlog history "
        "'Progress 82' · missionlog verify[/]"
    )
