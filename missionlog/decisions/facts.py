"""Small questions the rules ask of the world, and the plain words they answer in.

Every function reads the World the fold built and nothing else; the cheap
ones (`riders_of`, `aboard`) compare plain fields so a rule can afford them on
every event that may have changed them.
"""

from __future__ import annotations

from missionlog.projections.state import (
    Leak,
    Recorded,
    VehicleState,
    crew_capable,
    fitness_of,
)
from missionlog.projections.views import return_vehicle_fit
from missionlog.projections.world import World

Evidence = tuple[tuple[str, int], ...]


def riders_of(world: World, vehicle: str) -> list[str]:
    """People aboard a station whose return vehicle is VEHICLE, sorted."""
    people = world.people
    return sorted(p for p in world.riders(vehicle) if people[p]["on_station"])


def aboard(world: World, station: str | None) -> list[str]:
    """People aboard STATION (not in a vehicle in flight), sorted."""
    return sorted(world.aboard(station)) if station is not None else []


def unfit_crew_vehicle(world: World, name: str | None) -> VehicleState | None:
    """NAME's state if it is a crew-capable vehicle that a leak or an assessment made
    unfit or emergency_only (not fit to bring a crew home as planned), else None."""
    vehicle = world.vehicles.get(name) if name is not None else None
    if vehicle is None or not crew_capable(vehicle):
        return None
    return vehicle if vehicle["unfit_at"] is not None else None


def station_of(world: World, people: list[str] | tuple[str, ...],
               vehicle: VehicleState | None = None) -> str | None:
    """Where the people concerned are: the station they are aboard (the first, sorted,
    if they are split), else the station the vehicle is docked at, else None."""
    stations = sorted({world.people[p]["location"] for p in people
                       if p in world.people and world.people[p]["on_station"]})
    if stations:
        return stations[0]
    return vehicle["station"] if vehicle is not None else None


def unfitting_leak(vehicle: VehicleState) -> Leak | None:
    """The leak that made VEHICLE unfit for crew return (None if it is not unfit)."""
    if vehicle["unfit_event"] is None:
        return None
    return next((k for k in vehicle["leaks"] if k["event_id"] == vehicle["unfit_event"]), None)


def placed(world: World, person: str) -> str | None:
    """Why PERSON no longer needs anything decided (has a ride home, or is home), or None."""
    state = world.people.get(person)
    if state is None:
        return f"{person} has landed"
    ride, station = state["return_vehicle"], state["location"]
    if state["on_station"] and return_vehicle_fit(world, station, ride):
        return f"{person} is assigned to {ride}, fit and docked at {station}"
    return None


def evidence(record: Recorded, leak: Leak | None = None) -> Evidence:
    """The cause (the leak) first, then the event that made the condition hold."""
    this = (str(record.event["event_id"]), record.position)
    if leak is None or leak["event_id"] == this[0]:
        return (this,)
    return ((leak["event_id"], leak["position"]), this)


def names(people: list[str] | tuple[str, ...]) -> str:
    return ", ".join(people)


def unfit_words(name: str, vehicle: VehicleState) -> str:
    """'Soyuz MS-22 had a major coolant leak at 2022-12-15T00:45:00Z', or what the
    assessment that holds now says."""
    basis = vehicle.get("fitness_basis")
    if basis is not None and basis["source"] == "assessment":
        return (f"{name} was assessed {fitness_of(vehicle)} by {basis['by']} at "
                f"{basis['at']} ({basis['reason']})")
    leak = unfitting_leak(vehicle)
    if leak is None:
        return f"{name} is unfit for crew return"
    return f"{name} had a {leak['severity']} {leak['system']} leak at {leak['occurred_at']}"


def how_it_ended(name: str, vehicle: VehicleState) -> str:
    """'Soyuz MS-22 landed at ... with nobody aboard' (or with whom, or deorbited)."""
    if vehicle["status"] == "deorbited":
        return f"{name} was deorbited at {vehicle['ended_at']}"
    crew = vehicle.get("crew_landed") or []
    aboard = f"with {names(crew)} aboard" if crew else "with nobody aboard"
    return f"{name} {vehicle['status']} at {vehicle['ended_at']} {aboard}"


def assessed_fit(name: str, vehicle: VehicleState) -> str | None:
    """Why VEHICLE is settled by being judged fit again, or None."""
    basis = vehicle.get("fitness_basis")
    if fitness_of(vehicle) != "fit" or basis is None:
        return None
    return f"{name} was assessed fit by {basis['by']} at {basis['at']} ({basis['reason']})"


def stranded_words(world: World, person: str, ride: str | None, station: str) -> str:
    """Why PERSON aboard STATION has no fit ride home, in one sentence."""
    vehicle = world.vehicles.get(ride) if ride is not None else None
    if ride is None or vehicle is None:
        return f"{person} aboard {station} has no return vehicle assigned"
    head = f"{person} aboard {station} has {ride} as return vehicle, and"
    if vehicle["unfit_at"] is not None and vehicle["status"] in ("docked", "in_flight"):
        return (f"{head} {unfit_words(ride, vehicle)}, so it is not fit to bring them home"
                if vehicle["status"] == "docked" else
                f"{head} {unfit_words(ride, vehicle)}, and it is in free flight without them")
    if vehicle["status"] == "docked":
        return f"{head} {ride} is docked at {vehicle['station']}, not {station}"
    if vehicle["status"] == "in_flight":
        return f"{head} {ride} is in free flight since {vehicle['since']}, without them"
    return f"{head} {ride} {vehicle['status']} at {vehicle['ended_at']}, without them"
