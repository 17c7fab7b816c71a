"""The decision rules: each a few small pure functions of the replayed world.

A rule is a condition on the state, asked about one candidate at a time (a
vehicle, or a person for per-person rules):

- `touched(world, record)`: the candidates the event just applied may have
  changed (a leak touches its vehicle, a docking the people aboard that
  station, ...). Asking only those keeps a million-event replay near the speed
  of the bare fold; the condition is still a function of the state.
- `check(world, record, candidate)`: the Opening if the condition holds now.
  The book opens a decision only if none is unresolved for the same key, so a
  rule may report a condition that is already open.
- `resolves(world, record, subject, crew)`: why an open decision is settled
  now, in plain words, or None.

Adding a rule is three functions and one line in CORE_RULES (or LIFEBOAT_RULES);
catalog.py puts them together.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import NamedTuple

from missionlog.decisions.facts import (
    Evidence,
    aboard,
    assessed_fit,
    evidence,
    how_it_ended,
    names,
    placed,
    riders_of,
    stranded_words,
    unfit_crew_vehicle,
    unfit_words,
    unfitting_leak,
)
from missionlog.projections.state import Recorded, VehicleState, crew_capable, fitness_of
from missionlog.projections.views import return_vehicle_fit
from missionlog.projections.world import World

CARGO_CLASSES = frozenset({"progress", "cargo_dragon", "cygnus", "htv", "tianzhou"})


class Opening(NamedTuple):
    """A condition that needs a decision, as a rule sees it right now."""

    kind: str
    subject: str
    crew: tuple[str, ...]
    rationale: str
    evidence: Evidence  # (event_id, position) of the events that opened it
    settled: str | None = None  # the decision itself, for rules that settle at once
    station: str | None = None  # where the people concerned are (None: in free flight)


class Rule(NamedTuple):
    kind: str
    per_person: bool  # candidates are people, one decision per (subject, person)
    touched: Callable[[World, Recorded], Iterable[str]]
    check: Callable[[World, Recorded, str], Opening | None]
    resolves: Callable[[World, Recorded, str, tuple[str, ...]], str | None]
    waiting_for: str  # what would resolve it, for `explain` ({subject}, {crew})
    ruling_settles: bool = False  # a ruling that decides it also resolves it (an approval)
    # the event types whose `touched` may name a candidate (None: any): the book asks
    # only these rules after such an event, a speed-up that `touched` must agree with
    types: frozenset[str] | None = None


def _vehicle_leak(record: Recorded) -> bool:
    return record.event["type"] == "leak_detected" and bool(record.event.get("vehicle"))


def _docked_at(world: World, record: Recorded) -> str | None:
    return world.vehicles[record.stream]["station"]


# ---- replacement_required: an unfit crew vehicle is the ride home of people aboard ------


def rides_that_may_have_changed(world: World, record: Recorded) -> list[str]:
    kind = record.event["type"]
    if _vehicle_leak(record) or kind in ("crew_assigned", "vehicle_assessed"):
        return [record.stream]
    if kind == "docked":  # people came aboard, each with whatever ride they had
        arrived = aboard(world, _docked_at(world, record))
        rides = {world.people[p]["return_vehicle"] for p in arrived}
        return sorted(ride for ride in rides if ride is not None)
    return []


def replacement_required(world: World, record: Recorded, ride: str) -> Opening | None:
    vehicle = unfit_crew_vehicle(world, ride)
    crew = riders_of(world, ride) if vehicle is not None else []
    if vehicle is None or not crew:
        return None
    stations = sorted({world.people[p]["location"] for p in crew})
    rationale = (f"{unfit_words(ride, vehicle)} and is the return vehicle of {names(crew)} "
                 f"aboard {names(stations)}")
    return Opening("replacement_required", ride, tuple(crew), rationale,
                   evidence(record, unfitting_leak(vehicle)), station=stations[0])


def every_rider_placed(
    world: World, record: Recorded, subject: str, crew: tuple[str, ...]
) -> str | None:
    if unfit_crew_vehicle(world, subject) is not None and riders_of(world, subject):
        return None  # someone aboard still rides it (perhaps assigned after it opened)
    reasons = [placed(world, person) for person in crew]
    if any(reason is None for reason in reasons):
        return None
    return "; ".join(str(reason) for reason in reasons)


# ---- crew_reassignment_required: someone aboard has no fit ride home docked there -------


def people_whose_ride_may_have_changed(world: World, record: Recorded) -> list[str]:
    kind = record.event["type"]
    if kind == "crew_assigned":
        return list(record.event["crew"])
    if kind in ("undocked", "vehicle_assessed") or (
        _vehicle_leak(record) and unfit_crew_vehicle(world, record.stream)
    ):
        return riders_of(world, record.stream)
    if kind == "docked":
        return aboard(world, _docked_at(world, record))
    return []


def crew_reassignment_required(world: World, record: Recorded, person: str) -> Opening | None:
    state = world.people.get(person)
    if state is None or not state["on_station"]:
        return None
    station, ride = state["location"], state["return_vehicle"]
    if return_vehicle_fit(world, station, ride):
        return None
    vehicle = unfit_crew_vehicle(world, ride)
    leak = unfitting_leak(vehicle) if vehicle is not None else None
    return Opening("crew_reassignment_required", ride or station, (person,),
                   stranded_words(world, person, ride, station), evidence(record, leak),
                   station=station)


def person_placed(
    world: World, record: Recorded, subject: str, crew: tuple[str, ...]
) -> str | None:
    return placed(world, crew[0])


# ---- return_uncrewed: an unfit crew vehicle is still docked ------------------------------


def vehicle_that_leaked_or_docked(world: World, record: Recorded) -> list[str]:
    kind = record.event["type"]
    return [record.stream] if _vehicle_leak(record) or kind in ("docked", "vehicle_assessed") \
        else []


def return_uncrewed(world: World, record: Recorded, name: str) -> Opening | None:
    vehicle = unfit_crew_vehicle(world, name)
    if vehicle is None or vehicle["status"] != "docked" or fitness_of(vehicle) != "unfit":
        return None  # an emergency_only vehicle is still somebody's lifeboat
    rationale = (f"{unfit_words(name, vehicle)} and is still docked at {vehicle['station']} "
                 f"{vehicle['port']}; it cannot bring a crew home, so it has to return "
                 "without one")
    return Opening("return_uncrewed", name, (), rationale,
                   evidence(record, unfitting_leak(vehicle)), station=vehicle["station"])


def left_empty(world: World, record: Recorded, subject: str, crew: tuple[str, ...]) -> str | None:
    """Settled when it leaves empty, when it is back on the ground (or destroyed) however
    it went, or when it is judged fit again."""
    vehicle = world.vehicles.get(subject)
    if vehicle is None:
        return None
    if vehicle["ended_at"] is not None:
        return how_it_ended(subject, vehicle)
    if vehicle["status"] == "in_flight" and not vehicle["crew_aboard"]:
        return f"{subject} undocked with no crew aboard at {record.occurred_at}"
    return assessed_fit(subject, vehicle)


# ---- no_change: a major leak on a cargo vehicle; nobody depends on it --------------------


def vehicle_that_leaked(world: World, record: Recorded) -> list[str]:
    return [record.stream] if _vehicle_leak(record) else []


def no_change(world: World, record: Recorded, name: str) -> Opening | None:
    event, vehicle = record.event, world.vehicles.get(name)
    if name != record.stream or not _vehicle_leak(record) or event["severity"] != "major":
        return None
    if vehicle is None or not _cargo(vehicle):
        return None
    rationale = (f"{name} ({vehicle['vehicle_class']}) had a {event['severity']} "
                 f"{event['system']} leak at {record.occurred_at}; no crew depends on it, "
                 "its planned disposal stands")
    settled = f"No change: no crew depends on {name}; its planned disposal stands."
    return Opening("no_change", name, (), rationale, evidence(record), settled,
                   vehicle["station"])


def _cargo(vehicle: VehicleState) -> bool:
    """A cargo class, or any vehicle that carries nobody (an `other` not declared
    crew-capable): nobody depends on it."""
    return vehicle["vehicle_class"] in CARGO_CLASSES or not crew_capable(vehicle)


def never(world: World, record: Recorded, subject: str, crew: tuple[str, ...]) -> str | None:
    return None


CORE_RULES: tuple[Rule, ...] = (
    Rule("replacement_required", False, rides_that_may_have_changed, replacement_required,
         every_rider_placed,
         "each of {crew} has a fit return vehicle docked at the station, or has landed",
         types=frozenset({"leak_detected", "crew_assigned", "vehicle_assessed", "docked"})),
    Rule("crew_reassignment_required", True, people_whose_ride_may_have_changed,
         crew_reassignment_required, person_placed,
         "{crew} is assigned to a fit vehicle docked at the station, or has landed",
         types=frozenset({"crew_assigned", "undocked", "vehicle_assessed", "leak_detected",
                          "docked"})),
    Rule("return_uncrewed", False, vehicle_that_leaked_or_docked, return_uncrewed, left_empty,
         "{subject} undocks with no crew aboard, lands, or is assessed fit",
         types=frozenset({"leak_detected", "docked", "vehicle_assessed"})),
    Rule("no_change", False, vehicle_that_leaked, no_change, never,
         "nothing: it is settled when it opens", types=frozenset({"leak_detected"})),
)
