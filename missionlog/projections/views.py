"""The public shapes of `state` and `station` (their JSON keys are a contract)."""

from __future__ import annotations

from typing import Any

from missionlog.projections.state import is_fit
from missionlog.projections.world import World


def vehicle_view(world: World, name: str, as_of: str) -> dict[str, Any]:
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


def station_view(world: World, name: str, as_of: str) -> dict[str, Any]:
    station = world.stations[name]
    crew = [
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


def in_flight_summary(world: World) -> list[dict[str, Any]]:
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
