"""`missionlog demo`: the first run. Loads the bundled logs (each into its own file) and
shows one day of the ISS story, as known then beside as we know it now."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from missionlog.cli.app import app
from missionlog.cli.common import JsonFlag, opened_log, print_json

if TYPE_CHECKING:
    from missionlog.api import MissionLog

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
    """Start here: load the bundled logs and show the ISS on 2023-02-12.

    Uses its own file, ./missionlog-demo.db (or --db), never $MISSIONLOG_DB, so it
    cannot collide with a log of yours. Loads the bundled ISS log into that file if it
    is empty (and each other bundled story into its own file beside it), then shows
    the station on the day
    after the Progress MS-21 coolant leak: ports, crew and their ride home,
    Progress 82's state, the plans and the decisions, as the log knew them on
    that day beside as we know them now, where the two differ.
    """
    with opened_log(db, create=True) as log:
        loaded = _load(log)
        report: dict[str, Any] = {
            "db": str(db),
            "loaded_events": loaded,
            "station": log.station("ISS", at=at),
            "vehicle": log.state(SEED_VEHICLE, at=at),
            "decisions": log.decisions(at=at),
            "known_then": _known_then(log, at),
        }
    report["stories"] = _load_other_stories(db)
    if json_:
        print_json(report)
        return
    _render(report, db=str(db), at=at)


def _load(log: MissionLog) -> int:
    from missionlog.bundled import bundled_log_path

    if log.count():
        return 0
    path = bundled_log_path()
    with path.open("rb") as handle:
        return log.import_lines(handle, source=path.name).appended


def _load_other_stories(db: Path) -> dict[str, str]:
    """Each other bundled story into its own file beside DB (`missionlog-starliner-cft-2024.db`),
    loaded once: the stories share names (ISS, its ports) but not a history."""
    from missionlog.bundled import BUNDLED_STORIES, bundled_log_path
    from missionlog.errors import StoreError

    files = {}
    for name in BUNDLED_STORIES[1:]:
        story = name.removesuffix(".jsonl")
        try:
            bundled_log_path(name)
        except StoreError:
            continue  # an install without that story
        target = db.with_name(f"{db.stem}-{story}{db.suffix or '.db'}")
        with opened_log(target, create=True) as log:
            if log.count() == 0:
                path = bundled_log_path(name)
                with path.open("rb") as handle:
                    log.import_lines(handle, source=path.name)
        files[story] = str(target)
    return files


def _known_then(log: MissionLog, at: str) -> dict[str, Any]:
    """The day as the log knew it at the end of that day (its second clock), and what
    differs from how we know it now: ports and rides home that day as recorded later,
    what became of the plans then in force, how the decisions then pending ended."""
    from missionlog.errors import MissionLogError

    try:
        station_then: Any = log.station("ISS", at=at, known_at=at)
    except MissionLogError:  # a log recorded after the fact knew nothing on that day
        station_then = {"ports": {}, "crew": []}
    plans_known = log.plans(at=at, known_at=at)["plans"]
    decisions_then = log.decisions(at=at, known_at=at)
    now_station = log.station("ISS", at=at)
    differences = []
    for port, holder in now_station["ports"].items():
        before = station_then["ports"].get(port)
        if before != holder:
            differences.append({"what": f"port {port}", "known_then": before,
                                "known_now": holder})
    rides_then = {p["name"]: p["return_vehicle"] for p in station_then["crew"]}
    for person in now_station["crew"]:
        before = rides_then.get(person["name"], "not aboard")
        if before != person["return_vehicle"]:
            differences.append({"what": f"{person['name']}'s ride home",
                                "known_then": before, "known_now": person["return_vehicle"]})
    # What became of the plans known then, and of the decisions then pending: the day as
    # the log knew it beside how we know it now (mission time now, everything recorded).
    from missionlog.projections.plans import lateness, seconds_between, window
    from missionlog.projections.precision import approximate

    later = log.plans()
    in_force_now = {(p["vehicle"], p["activity"]): p for p in later["plans"]}
    for plan in plans_known:
        key = (plan["vehicle"], plan["activity"])
        then = approximate(plan["planned_for"], plan["planned_for_precision"])
        done = [f for f in later["fulfilled"] if (f["vehicle"], f["activity"]) == key
                and f["happened_at"] > at]
        if done:  # late or early against the plan as it stood then
            happened = str(done[0]["happened_at"])
            start, end = window(plan["planned_for"], plan["planned_for_precision"])
            off = (seconds_between(end, happened) if happened > end
                   else -seconds_between(happened, start) if happened < start else 0)
            now = f"happened {happened} ({lateness(off)})"
        elif key in in_force_now:
            now = "planned for " + approximate(in_force_now[key]["planned_for"],
                                               in_force_now[key]["planned_for_precision"])
        else:
            now = "withdrawn, never done"
        differences.append({"what": f"plan: {key[0]} {key[1]}", "known_then": then,
                            "known_now": now})
    final = {(d["kind"], d["subject"], tuple(d["crew"])): d for d in log.decisions()}
    for decision in decisions_then:
        if decision["status"] == "resolved":
            continue
        ident = (decision["kind"], decision["subject"], tuple(decision["crew"]))
        after = final.get(ident)
        if after is not None and after["status"] == decision["status"]:
            continue
        now = ("no longer derived (a correction)" if after is None else
               f"{after['status']} {(after['resolved_at'] or after['decided_at'] or '')[:10]}")
        who = f" ({', '.join(decision['crew'])})" if decision["crew"] else ""
        differences.append({"what": f"decision: {ident[0]} {ident[1]}{who}",
                            "known_then": decision["status"], "known_now": now.strip()})
    return {"known_at": at, "station": station_then, "plans": plans_known,
            "decisions": decisions_then, "differences": differences}


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
    differences = report["known_then"]["differences"]
    if differences:
        from missionlog.cli.tables import Column, Grid

        grid = Grid([Column("what"), Column(f"known on {at}"), Column("as we know it now")],
                    title=f"{at}: known on {at} beside as we know it now")
        for item in differences:
            grid.add_row(escape(item["what"]), escape(str(item["known_then"] or "-")),
                         escape(str(item["known_now"] or "-")))
        render.emit_titled(grid)
    else:
        console.print(f"[dim]On {at} the log already knew all of this.[/]")
    for story, path in report["stories"].items():
        console.print(f"[dim]the {story} story is in {escape(path)}: missionlog replay "
                      f"--db {escape(path)}[/]")
    console.print(
        f"[dim]Next: export MISSIONLOG_DB={escape(db)}, then: missionlog explain "
        "replacement_required 'Soyuz MS-22' · missionlog decisions --at 2023-03-29 · "
        "missionlog state 68S --at 2022-12-20 · missionlog history 'Progress 82' · "
        "missionlog plans --known-at 2023-02-12 · missionlog verify[/]"
    )
