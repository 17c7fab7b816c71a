"""What an append changed: the world at the new events' time, before and after.

A wrong date or a mistyped vehicle is accepted as long as the history stays
consistent ("appended 1 at position 5"), so the only way a person notices is to
be told the consequence: Soyuz MS-24 is now undocked, Zvezda aft is free, three
people have no ride home. This module compares two folded worlds at the same
instant and says that, as data (`describe`) and in one or two lines (`lines`).
It lives in the library, not the CLI, so Python callers get the same account.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from missionlog.projections.state import is_fit
from missionlog.projections.views import return_vehicle_fit
from missionlog.projections.world import World

if TYPE_CHECKING:
    from missionlog.decisions.book import DecisionView


def _where(vehicle: Any) -> dict[str, Any]:
    """Where a vehicle is and how it is (VEHICLE is a VehicleState, or None)."""
    if vehicle is None:
        return {"status": None, "station": None, "port": None, "leaks": 0,
                "fit_for_crew_return": None}
    return {"status": vehicle["status"], "station": vehicle["station"], "port": vehicle["port"],
            "leaks": len(vehicle["leaks"]), "fit_for_crew_return": is_fit(vehicle)}


def _vehicles(before: World, after: World, named: Iterable[str]) -> list[dict[str, Any]]:
    out = []
    for name in sorted(set(named)):
        now = after.vehicles.get(name)
        if now is None:  # a station's (see _stations) or the log's stream
            continue
        was = _where(before.vehicles.get(name))
        out.append({"vehicle": name, "was": was, **_where(now)})
    return out


def _stations(after: World, named: Iterable[str]) -> list[dict[str, Any]]:
    return [{"station": name, "ports": list(after.stations[name]["ports"])}
            for name in sorted(set(named)) if name in after.stations]


def _ports(world: World) -> dict[tuple[str, str], str]:
    return {
        (station, port): holder
        for station, state in world.stations.items()
        for port, holder in state["ports"].items()
        if holder is not None
    }


def _rides(world: World) -> dict[str, str | None]:
    """Each person aboard a station -> their fit return vehicle docked there, or None."""
    rides: dict[str, str | None] = {}
    for person, state in world.people.items():
        if state["on_station"]:
            ride = state["return_vehicle"]
            fit = return_vehicle_fit(world, state["location"], ride)
            rides[person] = ride if fit else None
    return rides


Key = tuple[str, str, tuple[str, ...]]


def _decision_keys(decisions: list[DecisionView] | None) -> dict[Key, str]:
    """(kind, subject, crew) -> status: per-person rules open one decision per person."""
    return {(d["kind"], d["subject"], tuple(d["crew"])): d["status"] for d in decisions or []}


def describe(
    before: World,
    after: World,
    *,
    as_of: str,
    named: Iterable[str],
    decisions_before: list[DecisionView] | None = None,
    decisions_after: list[DecisionView] | None = None,
) -> dict[str, Any]:
    """The difference between BEFORE and AFTER (both folded to AS_OF).

    NAMED are the streams the appended events belong to: their vehicles' status is
    reported even when it did not change. Decisions are compared only when both
    lists are given (`None` means they were not computed: `decisions_checked` false).
    """
    ports_before, ports_after = _ports(before), _ports(after)
    taken = [
        {"station": station, "port": port, "vehicle": vehicle}
        for (station, port), vehicle in sorted(ports_after.items())
        if ports_before.get((station, port)) != vehicle
    ]
    freed = [
        {"station": station, "port": port, "vehicle": vehicle}
        for (station, port), vehicle in sorted(ports_before.items())
        if ports_after.get((station, port)) != vehicle
    ]
    rides_before, rides_after = _rides(before), _rides(after)
    lost = [
        {"person": person, "return_vehicle": ride}
        for person, ride in sorted(rides_before.items())
        if ride is not None and rides_after.get(person) is None
    ]
    gained = [
        {"person": person, "return_vehicle": ride}
        for person, ride in sorted(rides_after.items())
        if ride is not None and rides_before.get(person) != ride
    ]
    checked = decisions_before is not None and decisions_after is not None
    was, now = _decision_keys(decisions_before), _decision_keys(decisions_after)
    opened = [{"kind": key[0], "subject": key[1], "crew": list(key[2])}
              for key, status in sorted(now.items())
              if status != "resolved" and key not in was]
    resolved = [{"kind": key[0], "subject": key[1], "crew": list(key[2])}
                for key, status in sorted(now.items())
                if status == "resolved" and was.get(key) not in (None, "resolved")]
    return {
        "as_of": as_of,
        "vehicles": _vehicles(before, after, named),
        "stations": _stations(after, named),
        "ports_taken": taken,
        "ports_freed": freed,
        "lost_ride_home": lost,
        "gained_ride_home": gained,
        "decisions_checked": checked,
        "decisions_opened": opened,
        "decisions_resolved": resolved,
    }


def _status_words(where: dict[str, Any]) -> str:
    if where["status"] == "docked":
        return f"docked at {where['station']} {where['port']}"
    return str(where["status"]).replace("_", " ")


def _yes_no(value: bool) -> str:
    return "yes" if value else "NO"


def _people(items: list[dict[str, Any]]) -> str:
    return ", ".join(f"{item['person']} ({item['return_vehicle']})" for item in items)


def lines(changes: dict[str, Any]) -> list[str]:
    """One or two plain lines: the state of what the events named, then the consequences."""
    states = []
    for vehicle in changes["vehicles"]:
        now = _status_words(vehicle)
        if vehicle["was"]["status"] is None:
            states.append(f"{vehicle['vehicle']} is now {now}")
        elif _status_words(vehicle["was"]) != now:
            states.append(f"{vehicle['vehicle']}: {_status_words(vehicle['was'])} -> {now}")
        else:
            states.append(f"{vehicle['vehicle']} is still {now}")
        if vehicle["leaks"] != vehicle["was"]["leaks"] and vehicle["was"]["status"] is not None:
            states[-1] += f", leaks {vehicle['was']['leaks']} -> {vehicle['leaks']}"
        fit, was_fit = vehicle["fit_for_crew_return"], vehicle["was"]["fit_for_crew_return"]
        if fit is not None and was_fit is not None and fit != was_fit:
            states[-1] += f", fit for crew return {_yes_no(was_fit)} -> {_yes_no(fit)}"
    for station in changes["stations"]:
        states.append(f"{station['station']} has ports {', '.join(station['ports'])}")
    effects = []
    if changes["ports_taken"]:
        effects.append("took " + ", ".join(
            f"{p['station']} {p['port']}" for p in changes["ports_taken"]))
    if changes["ports_freed"]:
        effects.append("freed " + ", ".join(
            f"{p['station']} {p['port']}" for p in changes["ports_freed"]))
    if changes["lost_ride_home"]:
        count = len(changes["lost_ride_home"])
        effects.append(f"{count} {'person' if count == 1 else 'people'} lost their ride home: "
                       + _people(changes["lost_ride_home"]))
    if changes["gained_ride_home"]:
        effects.append("ride home now: " + _people(changes["gained_ride_home"]))
    for key, verb in (("decisions_opened", "opened"), ("decisions_resolved", "resolved")):
        if changes[key]:
            effects.append(f"decision {verb}: " + ", ".join(
                f"{d['kind']} {d['subject']}" for d in changes[key]))
    first = "; ".join(states) or "no vehicle changed"
    out = [f"as of {changes['as_of']}: {first}"]
    if effects:
        out.append("; ".join(effects))
    return out
