"""The public shapes of `state`, `station` and `replay` (their JSON keys are a contract).

TypedDicts, exported from `missionlog`: the values stay the plain JSON-ready dicts
the CLI prints (so `--json` and the API cannot drift), and type checkers see their keys.
"""

from __future__ import annotations

from typing import Any, TypedDict

from missionlog.projections.plans import PlanView, next_for
from missionlog.projections.precision import Uncertain
from missionlog.projections.state import LeakView as LeakView
from missionlog.projections.state import (
    PersonState,
    VehicleState,
    capacity,
    fitness_of,
    is_fit,
    seats_of,
)
from missionlog.projections.state import StationLeakView as StationLeakView
from missionlog.projections.world import World

NOTHING_UNCERTAIN = Uncertain()


class FitnessBasisView(TypedDict, total=False):
    """What set a vehicle's fitness: `source` is "assessment" (with `by`, `reason`,
    `fitness`, `max_crew`) or "leak"; `at` and `event_id` name the event."""

    source: str
    at: str
    by: str | None
    reason: str
    event_id: str
    fitness: str | None
    max_crew: int | None


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
    fitness: str | None  # fit | emergency_only | unfit; None for a vehicle carrying nobody
    fitness_basis: FitnessBasisView | None
    seats: int
    free_seats: int
    since: str  # in this status (docked, in flight, landed) since
    crew_landed: list[str]
    since_precision: str  # the precision of that event
    uncertain: bool  # its status depends on an event whose window holds as_of
    next: list[PlanView]  # its planned activities in force, soonest first
    beyond_coverage: bool  # as_of is after the log's last event


class CrewView(TypedDict):
    name: str
    return_vehicle: str | None
    return_vehicle_fit: bool
    return_vehicle_fitness: str | None
    seat: str | None  # nominal | contingency (None without a ride home)
    return_since_precision: str  # precision of the event that set the ride home
    uncertain: bool  # the ride home depends on an event whose window holds as_of


class DockedVehicleView(TypedDict):
    """One docked vehicle in `station`'s `vehicles`: its seats home and who holds them."""

    vehicle: str
    port: str
    since: str
    seats: int
    assigned: list[str]  # in the order they were given it: the first `seats` are nominal
    free_seats: int
    fitness: str | None


class PersonView(TypedDict):
    """One person in `crew`: where they are, their ride home, its fitness, their seat."""

    name: str
    station: str | None  # the station they are aboard, or None in free flight
    vehicle: str | None  # the vehicle they are in during free flight
    return_vehicle: str | None
    return_vehicle_fitness: str | None
    return_vehicle_fit: bool
    seat: str | None
    return_since_precision: str  # precision of the event that set the ride home
    uncertain: bool  # the ride home depends on an event whose window holds as_of


class CrewListView(TypedDict):
    """`MissionLog.crew` / `crew --json`."""

    as_of: str
    crew: list[PersonView]
    beyond_coverage: bool  # as_of is after the log's last event


class StationView(TypedDict):
    """`MissionLog.station` / `station --json`."""

    station: str
    ports: dict[str, str | None]
    crew: list[CrewView]
    leaks: list[StationLeakView]
    as_of: str
    vehicles: list[DockedVehicleView]
    uncertain_ports: list[str]  # ports whose holder depends on an event whose window holds as_of
    beyond_coverage: bool  # as_of is after the log's last event


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


def assigned_to(world: World, name: str) -> list[str]:
    """People in space whose return vehicle is NAME, in the order they were given it
    (the earliest hold its seats; the rest ride in contingency places)."""
    people = world.people
    riders = [(people[person].get("assigned", ["", 0]), person) for person in world.riders(name)]
    return [person for _, person in sorted(riders, key=lambda item: (*item[0], item[1]))]


def riders_of_all(world: World) -> dict[str, list[str]]:
    """`assigned_to` for every ride at once (one pass over the people, not one a person)."""
    found: dict[str, list[tuple[Any, str]]] = {}
    for person, state in world.people.items():
        ride = state["return_vehicle"]
        if ride is not None:
            found.setdefault(ride, []).append((state.get("assigned", ["", 0]), person))
    return {ride: [person for _, person in sorted(items, key=lambda item: (*item[0], item[1]))]
            for ride, items in found.items()}


def seat_of(world: World, person: str, state: PersonState,
            riders: dict[str, list[str]] | None = None) -> str | None:
    """`nominal` if PERSON holds one of their ride's seats, `contingency` if the ride is
    full without them, None without a ride. RIDERS: `riders_of_all(world)`, if at hand."""
    ride = state["return_vehicle"]
    vehicle = world.vehicles.get(ride) if ride is not None else None
    if vehicle is None:
        return None
    order = riders[str(ride)] if riders is not None else assigned_to(world, str(ride))
    return "nominal" if order.index(person) < capacity(vehicle) else "contingency"


def fitness_basis(vehicle: VehicleState) -> FitnessBasisView | None:
    basis = vehicle.get("fitness_basis")
    if basis is None:
        return None
    out: FitnessBasisView = {"source": basis["source"], "at": basis["at"], "by": basis["by"],
                             "reason": basis["reason"], "event_id": basis["event_id"]}
    if basis["source"] == "assessment":
        out["fitness"] = vehicle.get("fitness")
        out["max_crew"] = vehicle.get("max_crew")
    return out


def seat_keys(world: World, name: str, vehicle: VehicleState) -> dict[str, Any]:
    """fitness, seats and who holds them: the keys `state` and `station` share."""
    assigned = assigned_to(world, name)
    fitness = fitness_of(vehicle)
    return {
        "fitness": fitness,
        "seats": seats_of(vehicle),
        "assigned": assigned,
        # seats home still free: none in a vehicle that cannot bring anyone home
        "free_seats": 0 if fitness == "unfit" else max(0, capacity(vehicle) - len(assigned)),
    }


def vehicle_view(
    world: World,
    name: str,
    as_of: str,
    uncertain: Uncertain = NOTHING_UNCERTAIN,
    beyond_coverage: bool = False,
) -> VehicleView:
    """One vehicle as the world holds it. NAME must be canonical."""
    vehicle = world.vehicles[name]
    seats = seat_keys(world, name, vehicle)
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
        "assigned_crew": sorted(seats["assigned"]),
        "as_of": as_of,
        "fitness": seats["fitness"],
        "fitness_basis": fitness_basis(vehicle),
        "seats": seats["seats"],
        "free_seats": seats["free_seats"],
        "since": vehicle["since"],
        "crew_landed": list(vehicle.get("crew_landed", ())),
        "since_precision": vehicle.get("since_precision", "second"),
        "uncertain": name in uncertain.vehicles,
        "next": next_for(world.plans, [name, *vehicle["aliases"]]),
        "beyond_coverage": beyond_coverage,
    }


def return_vehicle_fit(world: World, station: str, vehicle_name: str | None) -> bool:
    """A return vehicle only counts if it is fit and docked at the person's station."""
    if vehicle_name is None or vehicle_name not in world.vehicles:
        return False
    vehicle = world.vehicles[vehicle_name]
    return bool(is_fit(vehicle)) and vehicle["station"] == station


def station_view(
    world: World,
    name: str,
    as_of: str,
    uncertain: Uncertain = NOTHING_UNCERTAIN,
    beyond_coverage: bool = False,
) -> StationView:
    station = world.stations[name]
    crew: list[CrewView] = [
        {
            "name": person,
            "return_vehicle": state["return_vehicle"],
            "return_vehicle_fit": return_vehicle_fit(world, name, state["return_vehicle"]),
            "return_vehicle_fitness": ride_fitness(world, state),
            "seat": seat_of(world, person, state),
            "return_since_precision": state.get("return_precision", "second"),
            "uncertain": person in uncertain.people,
        }
        for person, state in sorted(world.people.items())
        if state["on_station"] and state["location"] == name
    ]
    vehicles: list[DockedVehicleView] = []
    for port, holder in station["ports"].items():
        if holder is None:
            continue
        vehicle = world.vehicles[holder]
        seats = seat_keys(world, holder, vehicle)
        vehicles.append({"vehicle": holder, "port": port, "since": vehicle["since"],
                         "seats": seats["seats"], "assigned": seats["assigned"],
                         "free_seats": seats["free_seats"], "fitness": seats["fitness"]})
    return {
        "station": name,
        "ports": dict(station["ports"]),
        "crew": crew,
        "vehicles": vehicles,
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
        "uncertain_ports": sorted(port for place, port in uncertain.ports if place == name),
        "beyond_coverage": beyond_coverage,
    }


def ride_fitness(world: World, state: PersonState) -> str | None:
    ride = state["return_vehicle"]
    vehicle = world.vehicles.get(ride) if ride is not None else None
    return None if vehicle is None else fitness_of(vehicle)


def crew_view(
    world: World,
    as_of: str,
    uncertain: Uncertain = NOTHING_UNCERTAIN,
    beyond_coverage: bool = False,
) -> CrewListView:
    """Everyone in space: where they are, their ride home, its fitness and their seat,
    and whether that depends on an event whose window holds AS_OF."""
    crew: list[PersonView] = []
    riders = riders_of_all(world)
    for person, state in sorted(world.people.items()):
        ride, where = state["return_vehicle"], state["location"]
        if state["on_station"]:
            fit = return_vehicle_fit(world, where, ride)
        else:  # in free flight: fit if they ride home in the vehicle they are in
            fit = ride == where and bool(is_fit(world.vehicles[where]))
        crew.append({
            "name": person,
            "station": where if state["on_station"] else None,
            "vehicle": None if state["on_station"] else where,
            "return_vehicle": ride,
            "return_vehicle_fitness": ride_fitness(world, state),
            "return_vehicle_fit": fit,
            "seat": seat_of(world, person, state, riders),
            "return_since_precision": state.get("return_precision", "second"),
            "uncertain": person in uncertain.people,
        })
    return {"as_of": as_of, "crew": crew, "beyond_coverage": beyond_coverage}


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
