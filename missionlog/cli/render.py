"""Human output: rich tables. Scripts use --json; nothing here is a contract."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from rich.markup import escape as markup_escape

from missionlog.cli.tables import Column, Grid, emit, make_console
from missionlog.safe_text import printable

if TYPE_CHECKING:
    from missionlog.decisions.book import DecisionView
    from missionlog.projections.views import (
        CrewListView,
        ReplaySummary,
        StationView,
        VehicleView,
    )

console = make_console()


def escape(text: str) -> str:
    """User text made safe for a rich cell: no control or bidi character reaches the
    terminal raw (issue 10), and no `[...]` is read as markup."""
    return markup_escape(printable(text))


def say(line: str, *, indent: int = 0) -> None:
    """A line of prose: wrapped at whole words on a terminal, never wrapped into a pipe."""
    line = printable(line)
    if not console.is_terminal:  # rich's Padding would cut at its width: write it whole
        sys.stdout.write(" " * indent + line + "\n")
        return
    from rich.padding import Padding
    from rich.text import Text

    console.print(Padding(Text(line), (0, 0, 0, indent)) if indent else Text(line))


def plural(count: int, word: str) -> str:
    """`leak` for 1, `leaks` otherwise."""
    return word if count == 1 else word + "s"


def counted(count: int, word: str) -> str:
    """`1 leak`, `2 leaks`, `0 leaks`."""
    return f"{count} {plural(count, word)}"


def yes_no(value: bool | None) -> str:
    return "-" if value is None else ("[green]yes[/]" if value else "[red]NO[/]")


EVENT_FIELDS_SHOWN_ELSEWHERE = frozenset({
    "type", "occurred_at", "event_id", "stream", "version", "position", "recorded_at",
    "source", "precision", "retracted",
})


def event_details(event: dict[str, Any]) -> str:
    """The event's own fields as `key=value` text (plain, not markup)."""
    details = ", ".join(
        f"{k}={', '.join(v) if isinstance(v, list) else v}"
        for k, v in event.items()
        if k not in EVENT_FIELDS_SHOWN_ELSEWHERE and v not in (None, [], "")
    )
    if event.get("precision", "second") != "second":
        details += f" (to the {event['precision']})"
    return details


def render_events(events: list[dict[str, Any]], *, title: str, mission_order: bool = False) -> None:
    grid = Grid([Column("pos"), Column("occurred (UTC)"), Column("type"), Column("stream"),
                 Column("recorded", key=False), Column("details", key=False, free=True)],
                title=title)
    for event in events:
        kind = event["type"] + (" [red](retracted)[/]" if event.get("retracted") else "")
        grid.add_row(str(event["position"]), event["occurred_at"], kind,
                     escape(event["stream"]), event["recorded_at"][:19] + "Z",
                     escape(event_details(event)))
    emit_titled(grid)
    if console.is_terminal:
        console.print(counted(len(events), "event"))


def render_vehicle(view: VehicleView) -> None:
    grid = Grid([Column("field"), Column("value", key=False, free=True)],
                title=f"{escape(view['vehicle'])} as of {view['as_of']}", show_header=False)
    where = f"{view['station']} {view['port']}" if view["station"] else "-"
    leaks = "; ".join(
        f"{leak['severity']} {leak['system']} leak at {leak['occurred_at']}"
        + (f" ({leak['cause']})" if leak["cause"] else "")
        for leak in view["leaks"]
    )
    rows = [
        ("class", escape(view["vehicle_class"])),
        ("aliases", escape(", ".join(view["aliases"])) or "-"),
        ("status", view["status"]),
        ("docked at", escape(where)),
        ("crew aboard", escape(", ".join(view["crew_aboard"])) or "-"),
        ("leaks", escape(leaks) or "none"),
        ("fit for crew return", yes_no(view["fit_for_crew_return"])),
        ("fitness", escape(_fitness(view))),
        ("seats", f"{view['seats']} ({view['free_seats']} free)" if view["seats"] else "-"),
        ("return vehicle of", escape(", ".join(view["assigned_crew"])) or "-"),
    ]
    if "since" in view:
        from missionlog.projections.precision import approximate

        since = approximate(view["since"], view["since_precision"], view["uncertain"])
        rows.insert(3, ("since", since + (" [yellow](uncertain)[/]" if view["uncertain"]
                                          else "")))
        planned = "; ".join(
            f"{plan['activity']} {approximate(plan['planned_for'], plan['planned_for_precision'])}"
            for plan in view["next"]
        )
        rows.append(("next (planned)", escape(planned) or "-"))
    for name, value in rows:
        grid.add_row(name, value)
    emit_titled(grid)
    if view.get("beyond_coverage"):
        say("beyond coverage: this is after the log's last event")


def emit_titled(grid: Grid) -> None:
    """The title as a line of its own above the table on a terminal (so a narrow table
    does not wrap it); piped output is rows only."""
    if console.is_terminal and grid.title:
        console.print(f"[bold]{grid.title}[/]")
    grid.title = ""
    emit(grid, console)


def ports_grid(view: StationView, *, title: str) -> Grid:
    grid = Grid([Column("port"), Column("vehicle")], title=title)
    for port, vehicle in view["ports"].items():
        grid.add_row(escape(port), escape(vehicle) if vehicle else "[dim]free[/]")
    return grid


def crew_grid(view: StationView, *, title: str, fit_column: str = "fit and docked") -> Grid:
    grid = Grid([Column("person"), Column("return vehicle"), Column("fitness"),
                 Column("seat"), Column(fit_column)], title=title)
    for person in view["crew"]:
        uncertain = " [yellow]~ (uncertain)[/]" if person.get("uncertain") else ""
        grid.add_row(escape(person["name"]), escape(person["return_vehicle"] or "-") + uncertain,
                     person["return_vehicle_fitness"] or "-", person["seat"] or "-",
                     yes_no(person["return_vehicle_fit"]))
    return grid


def seats_grid(view: StationView, *, title: str) -> Grid:
    """The crew vehicles docked: seats home, who holds them, how many are free."""
    grid = Grid([Column("vehicle"), Column("port"), Column("fitness"), Column("seats"),
                 Column("free"), Column("assigned", key=False, free=True)], title=title)
    for vehicle in view["vehicles"]:
        if vehicle["seats"]:
            grid.add_row(escape(vehicle["vehicle"]), escape(vehicle["port"]),
                         vehicle["fitness"] or "-", str(vehicle["seats"]),
                         str(vehicle["free_seats"]),
                         escape(", ".join(vehicle["assigned"])) or "-")
    return grid


def _fitness(view: VehicleView) -> str:
    basis = view["fitness_basis"]
    if view["fitness"] is None or basis is None:
        return view["fitness"] or "-"
    by = f" by {basis.get('by')}" if basis.get("by") else ""
    return f"{view['fitness']} ({basis.get('reason')}{by}, {basis.get('at')})"


def render_crew(view: CrewListView) -> None:
    grid = Grid([Column("person"), Column("where"), Column("return vehicle"),
                 Column("fitness"), Column("seat")], title=f"in space as of {view['as_of']}")
    for person in view["crew"]:
        where = person["station"] or f"{person['vehicle']} (free flight)"
        uncertain = " [yellow]~ (uncertain)[/]" if person.get("uncertain") else ""
        grid.add_row(escape(person["name"]), escape(where),
                     escape(person["return_vehicle"] or "-") + uncertain,
                     person["return_vehicle_fitness"] or "-", person["seat"] or "-")
    emit_titled(grid)
    if console.is_terminal:
        console.print(counted(len(view["crew"]), "person") + " in space")
    if view.get("beyond_coverage"):
        say("beyond coverage: this is after the log's last event")


def render_station(view: StationView) -> None:
    for grid in (ports_grid(view, title=f"{escape(view['station'])} ports as of {view['as_of']}"),
                 crew_grid(view, title=f"aboard {escape(view['station'])}")):
        emit_titled(grid)
    seats = seats_grid(view, title="seats home")
    if seats.rows:
        emit_titled(seats)
    if view.get("uncertain_ports"):
        say("uncertain at this time (an imprecise event's window holds it): "
            + escape(", ".join(view["uncertain_ports"])))
    if view.get("beyond_coverage"):
        say("beyond coverage: this is after the log's last event; vehicles shown docked "
            "may have left")
    for leak in view.get("leaks", []):
        module = f" on {leak['module']}" if leak["module"] else ""
        console.print(escape(f"station leak: {leak['severity']} {leak['system']} leak{module} "
                             f"at {leak['occurred_at']}"))


def render_replay(summary: ReplaySummary) -> None:
    if console.is_terminal:
        console.print(f"[bold]replayed up to {summary['as_of']}[/]")
    for station in summary["stations"]:
        render_station(station)
    grid = Grid([Column("vehicle"), Column("class"), Column("status"), Column("fit"),
                 Column("leaks"), Column("where", key=False, free=True)],
                title="vehicles in space")
    for vehicle in summary["vehicles_in_space"]:
        where = f"{vehicle['station']} {vehicle['port']}" if vehicle["station"] else "free flight"
        count = vehicle["leaks"]
        grid.add_row(escape(vehicle["vehicle"]), escape(vehicle["vehicle_class"]),
                     vehicle["status"], yes_no(vehicle["fit_for_crew_return"]),
                     counted(count, "leak") if count else "none", escape(where))
    emit_titled(grid)


def decisions_grid(decisions: list[DecisionView], *, title: str) -> Grid:
    grid = Grid([Column("status"), Column("kind"), Column("subject"),
                 Column("opened", key=False), Column("decided", key=False),
                 Column("resolved", key=False), Column("crew", key=False, free=True)],
                title=title)
    colours = {"open": "red", "decided": "yellow", "resolved": "green"}
    for decision in decisions:
        status = decision["status"]
        grid.add_row(
            f"[{colours.get(status, 'white')}]{status}[/]",
            decision["kind"],
            escape(decision["subject"]),
            (decision["opened_at"] or "-")[:10],
            (decision["decided_at"] or "-")[:10],
            (decision["resolved_at"] or "-")[:10],
            escape(", ".join(decision["crew"])) or "-",
        )
    return grid


def render_decisions(decisions: list[DecisionView], *, title: str) -> None:
    grid = decisions_grid(decisions, title=title)
    emit_titled(grid)
    for decision in decisions:
        if decision["status"] != "resolved":
            console.print(escape(f"- {decision['kind']} {decision['subject']}: "
                                 f"{decision['rationale']}"))
            plan = decision.get("planned_resolution")
            if plan:
                console.print(escape(f"  planned resolution: {plan['vehicle']} to "
                                     f"{plan['activity']} on {plan['when'][:10]} "
                                     f"({plan['precision']})"))
