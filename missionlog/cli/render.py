"""Human output: rich tables. Scripts use --json; nothing here is a contract."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from missionlog.decisions.book import DecisionView
    from missionlog.projections.views import ReplaySummary, StationView, VehicleView

console = Console()


def yes_no(value: bool | None) -> str:
    return "-" if value is None else ("[green]yes[/]" if value else "[red]NO[/]")


def render_events(events: list[dict[str, Any]], *, title: str, mission_order: bool = False) -> None:
    table = Table(title=title, show_lines=False)
    table.add_column("pos", no_wrap=True)
    table.add_column("occurred (UTC)", no_wrap=True)
    table.add_column("type", no_wrap=True)
    table.add_column("stream", no_wrap=True)
    table.add_column("details", overflow="fold", ratio=1)
    table.add_column("recorded", no_wrap=True)
    skip = {"type", "occurred_at", "event_id", "stream", "version", "position", "recorded_at",
            "source", "precision", "retracted"}
    for event in events:
        details = ", ".join(
            f"{k}={', '.join(v) if isinstance(v, list) else v}"
            for k, v in event.items()
            if k not in skip and v not in (None, [], "")
        )
        if event.get("precision", "second") != "second":
            details += f" (to the {event['precision']})"
        kind = event["type"] + (" [red](retracted)[/]" if event.get("retracted") else "")
        table.add_row(str(event["position"]), event["occurred_at"], kind, event["stream"],
                      details, event["recorded_at"][:19] + "Z")
    console.print(table)
    console.print(f"{len(events)} events")


def render_vehicle(view: VehicleView) -> None:
    table = Table(title=f"{view['vehicle']} as of {view['as_of']}", show_header=False)
    table.add_column("field", style="bold")
    table.add_column("value", overflow="fold")
    where = f"{view['station']} {view['port']}" if view["station"] else "-"
    leaks = "; ".join(
        f"{leak['severity']} {leak['system']} leak at {leak['occurred_at']}"
        + (f" ({leak['cause']})" if leak["cause"] else "")
        for leak in view["leaks"]
    )
    rows = [
        ("class", view["vehicle_class"]),
        ("aliases", ", ".join(view["aliases"]) or "-"),
        ("status", view["status"]),
        ("docked at", where),
        ("crew aboard", ", ".join(view["crew_aboard"]) or "-"),
        ("leaks", leaks or "none"),
        ("fit for crew return", yes_no(view["fit_for_crew_return"])),
        ("return vehicle of", ", ".join(view["assigned_crew"]) or "-"),
    ]
    for field, value in rows:
        table.add_row(field, value)
    console.print(table)


def render_station(view: StationView) -> None:
    ports = Table(title=f"{view['station']} ports as of {view['as_of']}")
    ports.add_column("port")
    ports.add_column("vehicle")
    for port, vehicle in view["ports"].items():
        ports.add_row(port, vehicle or "[dim]free[/]")
    console.print(ports)
    crew = Table(title=f"aboard {view['station']}")
    crew.add_column("person")
    crew.add_column("return vehicle")
    crew.add_column("fit and docked")
    for person in view["crew"]:
        crew.add_row(person["name"], person["return_vehicle"] or "-",
                     yes_no(person["return_vehicle_fit"]))
    console.print(crew)
    for leak in view.get("leaks", []):
        module = f" on {leak['module']}" if leak["module"] else ""
        console.print(f"station leak: {leak['severity']} {leak['system']} leak{module} "
                      f"at {leak['occurred_at']}")


def render_replay(summary: ReplaySummary) -> None:
    console.print(f"[bold]replayed up to {summary['as_of']}[/]")
    for station in summary["stations"]:
        render_station(station)
    table = Table(title="vehicles in space")
    for column in ("vehicle", "class", "status", "where", "fit", "leaks"):
        table.add_column(column)
    for vehicle in summary["vehicles_in_space"]:
        where = f"{vehicle['station']} {vehicle['port']}" if vehicle["station"] else "free flight"
        table.add_row(vehicle["vehicle"], vehicle["vehicle_class"], vehicle["status"], where,
                      yes_no(vehicle["fit_for_crew_return"]), str(vehicle["leaks"]))
    console.print(table)


def decisions_table(decisions: list[DecisionView], *, title: str) -> Table:
    table = Table(title=title)
    table.add_column("status", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("subject", no_wrap=True)
    table.add_column("crew", overflow="fold")
    for column in ("opened", "decided", "resolved"):
        table.add_column(column, no_wrap=True)
    colours = {"open": "red", "decided": "yellow", "resolved": "green"}
    for decision in decisions:
        status = decision["status"]
        table.add_row(
            f"[{colours.get(status, 'white')}]{status}[/]",
            decision["kind"],
            decision["subject"],
            ", ".join(decision["crew"]) or "-",
            (decision["opened_at"] or "-")[:10],
            (decision["decided_at"] or "-")[:10],
            (decision["resolved_at"] or "-")[:10],
        )
    return table


def render_decisions(decisions: list[DecisionView], *, title: str) -> None:
    console.print(decisions_table(decisions, title=title))
    for decision in decisions:
        if decision["status"] != "resolved":
            console.print(f"- {decision['kind']} {decision['subject']}: {decision['rationale']}")
