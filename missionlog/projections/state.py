"""The shapes of replayed state, and the small questions asked of them.

Plain TypedDicts (not frozen models) because a replay of a million events must
stay near a few microseconds an event and a snapshot is one `orjson.dumps`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any, NamedTuple, NotRequired, TypedDict

from missionlog.vocabulary import CREW_CAPABLE, DEFAULT_SEATS

UNFITTING_SYSTEMS = frozenset({"coolant", "atmosphere"})
IN_SPACE = frozenset({"in_flight", "docked"})
LOG_STREAM = "log"


class Recorded(NamedTuple):
    """One stored event as the fold sees it: the wire dict plus the store's facts."""

    position: int
    stream: str
    recorded_at: str
    event: dict[str, Any]

    @property
    def occurred_at(self) -> str:
        return str(self.event["occurred_at"])

    @property
    def key(self) -> tuple[str, int]:
        """Replay order: when it happened, then when the log learned it."""
        return (self.event["occurred_at"], self.position)


class LeakView(TypedDict):
    """A leak as `state` shows it (public, exported from `missionlog`)."""

    system: str
    severity: str
    cause: str | None
    occurred_at: str


class StationLeakView(LeakView):
    """A leak as `station` shows it: also the module."""

    module: str | None


class Leak(StationLeakView):
    """A leak as the fold keeps it: also the event that reported it (and, once a
    `leak_resolved` ends it, when and how)."""

    event_id: str
    position: int
    resolved_at: NotRequired[str | None]
    how: NotRequired[str]


class VehicleState(TypedDict):
    name: str
    vehicle_class: str
    aliases: list[str]
    status: str
    station: str | None
    port: str | None
    crew_aboard: list[str]
    leaks: list[Leak]
    launched_at: str
    since: str
    unfit_at: str | None  # not fit since (a leak or an assessment), None while fit
    unfit_event: str | None  # the event that made it not fit then
    ended_at: str | None
    # Added with issue 11; snapshots written before it lack them, so they are read
    # through the accessors below (crew_capable, seats_of, fitness_of, ...).
    crew_capable: bool
    seats: int
    fitness: str  # fit | emergency_only | unfit, as the last leak or assessment left it
    fitness_basis: FitnessBasis | None
    max_crew: int | None
    crew_landed: list[str]
    # the precision of the event that set `since`, and the window it may lie in
    since_precision: NotRequired[str]
    since_window: NotRequired[list[str]]


class FitnessBasis(TypedDict):
    """What set a vehicle's fitness: an assessment (with who and why) or a leak."""

    source: str  # "assessment" or "leak"
    event_id: str
    position: int
    at: str
    by: str | None
    reason: str


class StationState(TypedDict):
    name: str
    ports: dict[str, str | None]
    port_since: dict[str, str]
    leaks: list[Leak]
    modules: NotRequired[list[str]]


class PersonState(TypedDict):
    location: str
    on_station: bool
    return_vehicle: str | None
    # (occurred_at, position) of the event that gave them this return vehicle: seats go
    # to the earliest assigned, the rest ride in contingency places. Added with issue 11.
    assigned: list[Any]
    # when the ride home was last set, as a window (an imprecise assignment), and the
    # ride home before it: while the window is open the answer is uncertain
    return_window: NotRequired[list[str]]
    return_precision: NotRequired[str]
    previous_return: NotRequired[str | None]


def crew_capable(vehicle: VehicleState) -> bool:
    """Whether VEHICLE can carry people: its class's default unless launched otherwise."""
    capable = vehicle.get("crew_capable")
    return vehicle["vehicle_class"] in CREW_CAPABLE if capable is None else bool(capable)


def class_seats(vehicle_class: str, capable: bool) -> int:
    return DEFAULT_SEATS.get(vehicle_class, 0) if capable else 0


def seats_of(vehicle: VehicleState) -> int:
    seats = vehicle.get("seats")
    return class_seats(vehicle["vehicle_class"], crew_capable(vehicle)) if seats is None else seats


def fitness_of(vehicle: VehicleState) -> str | None:
    """fit, emergency_only or unfit (None for a vehicle that carries nobody). A vehicle
    that has landed or was destroyed brings nobody home any more: unfit."""
    if not crew_capable(vehicle):
        return None
    if vehicle["status"] not in IN_SPACE:
        return "unfit"
    fitness = vehicle.get("fitness")
    if fitness is None:  # a snapshot from before assessments: leaks were the only cause
        return "fit" if vehicle["unfit_at"] is None else "unfit"
    return str(fitness)


def capacity(vehicle: VehicleState) -> int:
    """How many people VEHICLE may carry home: its seats, or fewer if an emergency_only
    assessment says so."""
    seats = seats_of(vehicle)
    limit = vehicle.get("max_crew")
    if limit is not None and fitness_of(vehicle) == "emergency_only":
        return min(seats, int(limit))
    return seats


def is_fit(vehicle: VehicleState) -> bool | None:
    """Fit to bring crew home: crew-capable, still in space, and fitness `fit`."""
    fitness = fitness_of(vehicle)
    return None if fitness is None else fitness == "fit"


def suggest(name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=3, cutoff=0.6)
    return f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
