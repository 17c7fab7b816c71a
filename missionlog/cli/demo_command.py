"""`missionlog demo`: the first run. Loads the bundled logs (each into its own file) and
shows one story's key day (the ISS seed story by default; `--story`), as known then
beside as we know it now. The stories themselves are data, in `demo_stories/`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from missionlog.cli.app import app
from missionlog.cli.common import JsonFlag, opened_log, print_json
from missionlog.cli.demo_stories import DEFAULT_STORY, STORIES

if TYPE_CHECKING:
    from missionlog.api import MissionLog
    from missionlog.cli.demo_stories import DemoStory

SEED_DAY = STORIES[DEFAULT_STORY].day
SEED_VEHICLE = STORIES[DEFAULT_STORY].vehicle


DEMO_DB = Path("missionlog-demo.db")
DemoDbOption = Annotated[
    Path,
    typer.Option("--db", help="The demo's own SQLite file (not $MISSIONLOG_DB, which may be "
                 "a log of yours)."),
]


def _story_option(value: str) -> str:
    if value not in STORIES:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(STORIES)}")
    return value


StoryOption = Annotated[
    str,
    typer.Option("--story", callback=_story_option, metavar="|".join(STORIES),
                 help="Which bundled story to show, on its key day."),
]


@app.command()
def demo(
    db: DemoDbOption = DEMO_DB,
    story: StoryOption = DEFAULT_STORY,
    at: Annotated[str | None, typer.Option(
        "--at", help="The day to show (default: the story's key day).")] = None,
    json_: JsonFlag = False,
) -> None:
    """Start here: load the bundled logs and show the ISS on 2023-02-12.

    Uses its own file, ./missionlog-demo.db (or --db), never $MISSIONLOG_DB, so it
    cannot collide with a log of yours. Loads the bundled ISS log into that file if it
    is empty (and each other bundled story into its own file beside it), then shows
    the station on the story's key day: for the seed story the day after the
    Progress MS-21 coolant leak (--story starliner-2024: 2024-08-25, the day after
    NASA's Starliner ruling; --story shenzhou-2025: 2025-11-20, Tiangong with no
    usable lifeboat): ports, crew and their ride home, the vehicle the story turns
    on, the plans and the decisions, as the log knew them on that day beside as we
    know them now, where the two differ.
    """
    shown = STORIES[story]
    day = at or shown.day
    files, loaded = _load_stories(db)
    target = files[shown.file]
    with opened_log(target) as log:
        report: dict[str, Any] = {
            "db": str(target),
            "story": shown.name,
            "loaded_events": loaded[shown.file],
            "station": log.station(shown.station, at=day),
            "vehicle": log.state(shown.vehicle, at=day),
            "decisions": log.decisions(at=day),
            "known_then": _known_then(log, day, shown.station),
        }
    report["stories"] = {name.removesuffix(".jsonl"): str(path) for name, path in files.items()
                         if name != STORIES[DEFAULT_STORY].file}
    if json_:
        print_json(report)
        return
    _render(report, shown, at=day)


def _load_stories(db: Path) -> tuple[dict[str, Path], dict[str, int]]:
    """The seed story into DB, each other bundled story into its own file beside it
    (`missionlog-demo-starliner-cft-2024.db`), each loaded once: the stories share names
    (ISS, its ports) but not a history. Returns bundled file -> its db, and how many
    events this run loaded into each."""
    from missionlog.bundled import BUNDLED_STORIES, bundled_log_path
    from missionlog.errors import StoreError

    files: dict[str, Path] = {}
    loaded: dict[str, int] = {}
    for name in BUNDLED_STORIES:
        try:
            path = bundled_log_path(name)
        except StoreError:
            continue  # an install without that story
        target = db if name == BUNDLED_STORIES[0] else db.with_name(
            f"{db.stem}-{name.removesuffix('.jsonl')}{db.suffix or '.db'}")
        with opened_log(target, create=True) as log:
            loaded[name] = _load(log, path)
        files[name] = target
    return files, loaded


def _load(log: MissionLog, path: Path) -> int:
    if log.count():
        return 0
    with path.open("rb") as handle:
        return log.import_lines(handle, source=path.name).appended


def _known_then(log: MissionLog, at: str, station: str) -> dict[str, Any]:
    """The day as the log knew it at the end of that day (its second clock), and what
    differs from how we know it now: ports and rides home that day as recorded later,
    what became of the plans then in force, how the decisions then pending ended."""
    from missionlog.errors import MissionLogError

    try:
        station_then: Any = log.station(station, at=at, known_at=at)
    except MissionLogError:  # a log recorded after the fact knew nothing on that day
        station_then = {"ports": {}, "crew": []}
    plans_known = log.plans(at=at, known_at=at)["plans"]
    decisions_then = log.decisions(at=at, known_at=at)
    now_station = log.station(station, at=at)
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
        crew = decision["crew"]  # a whole crew by its first name, so a row fits a line
        who = (f" ({crew[0]} and {len(crew) - 1} others)" if len(crew) > 3 else
               f" ({', '.join(crew)})" if crew else "")
        differences.append({"what": f"decision: {ident[0]} {ident[1]}{who}",
                            "known_then": decision["status"], "known_now": now.strip()})
    return {"known_at": at, "station": station_then, "plans": plans_known,
            "decisions": decisions_then, "differences": differences}


def _render(report: dict[str, Any], story: DemoStory, *, at: str) -> None:
    """One screen: ports beside crew, the story's vehicle in a line, the decisions of the
    day, and what the log knew then beside what we know now."""
    from rich.columns import Columns
    from rich.markup import escape

    from missionlog.cli import render
    from missionlog.cli.tables import fits_side_by_side

    console = render.console
    db = report["db"]
    loaded = (f"loaded {report['loaded_events']} events of {story.label} into "
              if report["loaded_events"] else "the demo log is ")
    console.print(f"[dim]{loaded}{escape(db)}[/]")
    headline = story.headline if at == story.day else ""
    console.print(f"[bold]{story.called} on {at}[/]{', ' if headline else '.'}{headline}")
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
    named = "" if vehicle["vehicle"] == story.vehicle else f" is {vehicle['vehicle']}"
    console.print(f"[bold]{escape(story.vehicle)}[/]{escape(named)}: "
                  f"{escape(_vehicle_line(vehicle))}.")
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
    others = " · ".join(f"missionlog demo --story {s.name}" for s in STORIES.values()
                        if s != story)
    console.print(f"[dim]Other stories: {others}[/]")
    console.print(f"[dim]Next: export MISSIONLOG_DB={escape(db)}, then: {escape(story.hints)}[/]")


def _vehicle_line(vehicle: Any) -> str:
    """'docked at ISS Rassvet nadir; ...': where it is, its leaks, and the
    assessment that holds, if one does."""
    leaks = "; ".join(f"{leak['severity']} {leak['system']} leak at {leak['occurred_at']}"
                      for leak in vehicle["leaks"]) or "no leaks"
    where = f"{vehicle['status']} at {vehicle['station']} {vehicle['port']}" if vehicle[
        "station"] else vehicle["status"]
    line = f"{where}; {leaks}"
    basis = vehicle.get("fitness_basis")
    if basis is not None and basis.get("source") == "assessment":
        line += f"; assessed {basis['fitness']} by {basis['by']} on {basis['at'][:10]}"
    return line
