"""The decision rules: each a small pure function of the replayed world.

A rule has two halves. `opens(world, record)` looks at the world right after
RECORD was applied and reports every condition that holds now (one Opening per
subject, or per person). The book opens a decision only for a condition that has
no unresolved decision yet, so a rule may report the same condition after every
event: rules describe the state, the book remembers the history. `resolves(world,
record, subject, crew)` says in plain words why a decision is settled now, or
returns None.

`triggers` lists the event types that can make a rule's condition true; the book
skips the rule for other events, which keeps a million-event replay near the
speed of the bare fold. Adding a rule is two functions and one line in RULES.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from missionlog.events import CREW_CAPABLE
from missionlog.projections.views import return_vehicle_fit
from missionlog.projections.world import Leak, Recorded, VehicleState, World

CARGO_CLASSES = frozenset({"progress", "cargo_dragon", "cygnus", "htv", "tianzhou"})
Evidence = tuple[tuple[str, int], ...]


class Opening(NamedTuple):
    """A condition that needs a decision, as a rule sees it right now."""

    kind: str
    subject: str
    crew: tuple[str, ...]
    rationale: str
    evidence: Evidence  # (event_id, position) of the events that opened it
    settled: str | None = None  # the decision itself, for rules that settle at once


class Rule(NamedTuple):
    kind: str
    triggers: frozenset[str]
    opens: Callable[[World, Recorded], list[Opening]]
    resolves: Callable[[World, Recorded, str, tuple[str, ...]], str | None]
    per_person: bool  # one decision per (subject, person) instead of per subject
    waiting_for: str  # what would resolve it, for `explain` ({subject}, {crew})


# ---- plain words ---------------------------------------------------------------------


def names(people: tuple[str, ...] | list[str]) -> str:
    return ", ".join(people)


def unfitting_leak(vehicle: VehicleState) -> Leak | None:
    """The leak that made VEHICLE unfit for crew return (None if it is not unfit)."""
    return next((k for k in vehicle["leaks"] if k["event_id"] == vehicle["unfit_event"]), None)


def leak_words(leak: Leak) -> str:
    return f"a {leak['severity']} {leak['system']} leak at {leak['occurred_at']}"


def _evidence(record: Recorded, leak: Leak | None = None) -> Evidence:
    """The cause (the leak) first, then the event that made the condition hold."""
    this = (str(record.event["event_id"]), record.position)
    if leak is None or leak["event_id"] == this[0]:
        return (this,)
    return ((leak["event_id"], leak["position"]), this)


def _unfit_crew_vehicle(world: World, name: str | None) -> VehicleState | None:
    vehicle = world.vehicles.get(name) if name is not None else None
    if vehicle is None or vehicle["vehicle_class"] not in CREW_CAPABLE:
        return None
    return vehicle if vehicle["unfit_at"] is not None else None


def placed(world: World, person: str) -> str | None:
    """Why PERSON no longer needs anything decided (has a ride home, or is home), or None."""
    state = world.people.get(person)
    if state is None:
        return f"{person} has landed"
    ride, station = state["return_vehicle"], state["location"]
    if state["on_station"] and return_vehicle_fit(world, station, ride):
        return f"{person} is assigned to {ride}, fit and docked at {station}"
    return None


# ---- replacement_required ------------------------------------------------------------


def replacement_required(world: World, record: Recorded) -> list[Opening]:
    """An unfit crew vehicle is the ride home of people aboard a station."""
    riders: dict[str, list[str]] = {}
    for person, state in world.people.items():
        if state["on_station"] and _unfit_crew_vehicle(world, state["return_vehicle"]):
            riders.setdefault(str(state["return_vehicle"]), []).append(person)
    openings = []
    for name, crew in sorted(riders.items()):
        vehicle = world.vehicles[name]
        leak = unfitting_leak(vehicle)
        stations = sorted({world.people[p]["location"] for p in crew})
        why = f"{name} had {leak_words(leak)}" if leak else f"{name} is unfit for crew return"
        rationale = f"{why} and is the return vehicle of {names(sorted(crew))} aboard " + names(
            stations
        )
        openings.append(Opening("replacement_required", name, tuple(sorted(crew)), rationale,
                                _evidence(record, leak)))
    return openings


def every_rider_placed(
    world: World, record: Recorded, subject: str, crew: tuple[str, ...]
) -> str | None:
    reasons = [placed(world, person) for person in crew]
    if any(reason is None for reason in reasons):
        return None
    return "; ".join(str(reason) for reason in reasons)


# ---- crew_reassignment_required ------------------------------------------------------


def _stranded_because(world: World, person: str, ride: str | None, station: str) -> str:
    if ride is None:
        return f"{person} aboard {station} has no return vehicle assigned"
    vehicle = world.vehicles[ride]
    head = f"{person} aboard {station} has {ride} as return vehicle, and {ride}"
    leak = unfitting_leak(vehicle) if vehicle["unfit_at"] is not None else None
    if leak is not None:
        return f"{head} had {leak_words(leak)}, so it is unfit for crew return"
    if vehicle["status"] == "docked":
        return f"{head} is docked at {vehicle['station']}, not {station}"
    if vehicle["status"] == "in_flight":
        return f"{head} is in free flight since {vehicle['since']}, without them"
    return f"{head} {vehicle['status']} at {vehicle['ended_at']}, without them"


def crew_reassignment_required(world: World, record: Recorded) -> list[Opening]:
    """Someone aboard a station has no fit return vehicle docked there."""
    openings = []
    for person, state in world.people.items():
        station, ride = state["location"], state["return_vehicle"]
        if not state["on_station"] or return_vehicle_fit(world, station, ride):
            continue
        vehicle = world.vehicles.get(ride) if ride is not None else None
        leak = unfitting_leak(vehicle) if vehicle and vehicle["unfit_at"] is not None else None
        openings.append(Opening("crew_reassignment_required", ride or station, (person,),
                                _stranded_because(world, person, ride, station),
                                _evidence(record, leak)))
    return openings


def person_placed(
    world: World, record: Recorded, subject: str, crew: tuple[str, ...]
) -> str | None:
    return placed(world, crew[0])


# ---- return_uncrewed -----------------------------------------------------------------


def return_uncrewed(world: World, record: Recorded) -> list[Opening]:
    """An unfit crew vehicle is still docked: it has to come home empty."""
    openings = []
    for station in world.stations.values():
        for port, name in station["ports"].items():
            vehicle = _unfit_crew_vehicle(world, name)
            if vehicle is None or name is None:
                continue
            leak = unfitting_leak(vehicle)
            why = f"{name} had {leak_words(leak)}" if leak else f"{name} is unfit for crew return"
            rationale = (f"{why} and is still docked at {station['name']} {port}; it cannot "
                         "bring a crew home, so it has to return without one")
            openings.append(Opening("return_uncrewed", name, (), rationale,
                                    _evidence(record, leak)))
    return openings


def left_empty(world: World, record: Recorded, subject: str, crew: tuple[str, ...]) -> str | None:
    vehicle = world.vehicles.get(subject)
    if vehicle is None:
        return None
    if vehicle["status"] == "deorbited":
        return f"{subject} was deorbited at {vehicle['ended_at']}"
    if vehicle["status"] != "docked" and not vehicle["crew_aboard"]:
        return f"{subject} undocked with no crew aboard at {vehicle['since']}"
    return None


# ---- no_change -----------------------------------------------------------------------


def no_change(world: World, record: Recorded) -> list[Opening]:
    """A major leak on a cargo vehicle: nobody depends on it, so nothing changes."""
    event = record.event
    if event["type"] != "leak_detected" or not event.get("vehicle"):
        return []
    vehicle = world.vehicles[record.stream]
    if vehicle["vehicle_class"] not in CARGO_CLASSES or event["severity"] != "major":
        return []
    name = record.stream
    rationale = (f"{name} ({vehicle['vehicle_class']}) had a {event['severity']} "
                 f"{event['system']} leak at {record.occurred_at}; no crew depends on it, "
                 "its planned disposal stands")
    settled = f"No change: no crew depends on {name}; its planned disposal stands."
    return [Opening("no_change", name, (), rationale, _evidence(record), settled)]


def never(world: World, record: Recorded, subject: str, crew: tuple[str, ...]) -> str | None:
    return None


RULES: tuple[Rule, ...] = (
    Rule("replacement_required", frozenset({"leak_detected", "crew_assigned", "docked"}),
         replacement_required, every_rider_placed, per_person=False,
         waiting_for="each of {crew} has a fit return vehicle docked at the station, or has "
                     "landed"),
    Rule("crew_reassignment_required",
         frozenset({"leak_detected", "crew_assigned", "docked", "undocked"}),
         crew_reassignment_required, person_placed, per_person=True,
         waiting_for="{crew} is assigned to a fit vehicle docked at the station, or has landed"),
    Rule("return_uncrewed", frozenset({"leak_detected", "docked"}), return_uncrewed, left_empty,
         per_person=False, waiting_for="{subject} undocks with no crew aboard"),
    Rule("no_change", frozenset({"leak_detected"}), no_change, never, per_person=False,
         waiting_for="nothing: it is settled when it opens"),
)
KINDS: tuple[str, ...] = tuple(rule.kind for rule in RULES)
