"""The public shapes of `state`, `station` and `replay` (their JSON keys are a contract).

TypedDicts, exported from `missionlog`: the values stay the plain JSON-ready dicts
the CLI prints (so `--json` and the API cannot drift), and type checkers see their keys.
"""

from __future__ import annotations

from typing import Any, TypedDict

from missionlog.projections.state import LeakView as LeakView
from missionlog.projections.state import StationLeakView as StationLeakView
from missionlog.projections.state import is_fit
from missionlog.projections.world import World


class VehicleView(TypedDict):
    """`MissionLog.state` / `state --json`."""

    vehicle: str
    vehicle_class: str
    aliases: list[str]
    status: str
    station: str | None
    port: str | None
    crew_aboard: list[str]
    leaks: list[LeakView]
    fit_for_crew_return: bool | None
    assigned_crew: list[str]
    as_of: str


class CrewView(TypedDict):
    name: str
    return_vehicle: str | None
    return_vehicle_fit: bool


class StationView(TypedDict):
    """`MissionLog.station` / `station --json`."""

    station: str
    ports: dict[str, str | None]
    crew: list[CrewView]
    leaks: list[StationLeakView]
    as_of: str


class InFlightView(TypedDict):
    vehicle: str
    vehicle_class: str
    status: str
    station: str | None
    port: str | None
    fit_for_crew_return: bool | None
    leaks: int


class ReplaySummary(TypedDict):
    """`MissionLog.replay` / `replay --json`."""

    as_of: str
    stations: list[StationView]
    vehicles_in_space: list[InFlightView]


# One stored event in the `export` shape: its wire fields (which depend on its type,
# see docs/events.md) plus `stream`, `version`, `position`, `recorded_at`; `history`
# adds `retracted`. A plain dict: the keys vary by event type.
EventRecord = dict[str, Any]


def vehicle_view(world: World, name: str, as_of: str) -> VehicleView:
    """One vehicle as the world holds it. NAME must be canonical."""
    vehicle = world.vehicles[name]
    assigned = sorted(
        person for person, state in world.people.items() if state["return_vehicle"] == name
    )
    return {
        "vehicle": name,
        "vehicle_class": vehicle["vehicle_class"],
        "aliases": list(vehicle["aliases"]),
        "status": vehicle["status"],
        "station": vehicle["station"],
        "port": vehicle["port"],
        "crew_aboard": list(vehicle["crew_aboard"]),
        "leaks": [
            {
                "system": leak["system"],
                "severity": leak["severity"],
                "cause": leak["cause"],
                "occurred_at": leak["occurred_at"],
            }
            for leak in vehicle["leaks"]
        ],
        "fit_for_crew_return": is_fit(vehicle),
        "assigned_crew": assigned,
        "as_of": as_of,
    }


def return_vehicle_fit(world: World, station: str, vehicle_name: str | None) -> bool:
    """A return vehicle only counts if it is fit and docked at the person's station."""
    if vehicle_name is None or vehicle_name not in world.vehicles:
        return False
    vehicle = world.vehicles[vehicle_name]
    return bool(is_fit(vehicle)) and vehicle["station"] == station


def station_view(world: World, name: str, as_of: str) -> StationView:
    station = world.stations[name]
    crew: list[CrewView] = [
        {
            "name": person,
            "return_vehicle": state["return_vehicle"],
            "return_vehicle_fit": return_vehicle_fit(world, name, state["return_vehicle"]),
        }
        for person, state in sorted(world.people.items())
        if state["on_station"] and state["location"] == name
    ]
    return {
        "station": name,
        "ports": dict(station["ports"]),
        "crew": crew,
        "leaks": [
            {
                "system": leak["system"],
                "severity": leak["severity"],
                "cause": leak["cause"],
                "module": leak["module"],
                "occurred_at": leak["occurred_at"],
            }
            for leak in station["leaks"]
        ],
        "as_of": as_of,
    }


def in_flight_summary(world: World) -> list[InFlightView]:
    """Every vehicle still in space, for `replay`'s summary."""
    return [
        {
            "vehicle": name,
            "vehicle_class": vehicle["vehicle_class"],
            "status": vehicle["status"],
            "station": vehicle["station"],
            "port": vehicle["port"],
            "fit_for_crew_return": is_fit(vehicle),
            "leaks": len(vehicle["leaks"]),
        }
        for name, vehicle in sorted(world.vehicles.items())
        if vehicle["status"] in ("in_flight", "docked")
    ]
