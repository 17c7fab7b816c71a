"""The lifeboat rules of issue 11: fitness from any cause, seats, crew in free flight.

Same shape as rules.py (touched, check, resolves per rule): a controller's
questions about every crew vehicle, whatever made it unfit:

- `assessment_required`: a major leak of a system that does not by itself make
  a crew vehicle unfit (propellant, helium, other) needs someone to judge it.
- `seats_exceeded`: more people have a vehicle as their ride home than it may
  carry (its seats, or an emergency_only assessment's `max_crew`). Contingency
  places are real, so it is accepted, and waits for a ruling or a smaller count.
- `crew_in_unfit_vehicle`: people aboard an unfit or emergency_only vehicle in
  free flight (a leak on approach, a crewed undocking of an unfit vehicle).
"""

from __future__ import annotations

from missionlog.decisions.facts import evidence, how_it_ended, names, station_of, unfit_words
from missionlog.decisions.rules import Opening, Rule
from missionlog.projections.state import (
    UNFITTING_SYSTEMS,
    Recorded,
    capacity,
    crew_capable,
    fitness_of,
)
from missionlog.projections.views import assigned_to
from missionlog.projections.world import World

NOT_FIT = frozenset({"unfit", "emergency_only"})


def _this_vehicle(world: World, record: Recorded) -> list[str]:
    return [record.stream] if record.stream in world.vehicles else []


# ---- assessment_required -----------------------------------------------------------------


def leaked_crew_vehicle(world: World, record: Recorded) -> list[str]:
    event = record.event
    if event["type"] == "leak_detected" and event.get("vehicle"):
        return [record.stream]
    return []


def assessment_required(world: World, record: Recorded, name: str) -> Opening | None:
    event, vehicle = record.event, world.vehicles.get(name)
    if vehicle is None or record.stream != name or event["type"] != "leak_detected":
        return None
    if event["severity"] != "major" or event["system"] in UNFITTING_SYSTEMS:
        return None
    if not crew_capable(vehicle) or vehicle["ended_at"] is not None:
        return None
    crew = sorted({*vehicle["crew_aboard"], *assigned_to(world, name)})
    whose = f"the ride home of {names(crew)}" if crew else "a crew vehicle"
    rationale = (f"{name} had a major {event['system']} leak at {record.occurred_at}; it is "
                 f"{whose}, and only an assessment can say whether it may still bring a "
                 "crew home")
    return Opening("assessment_required", name, tuple(crew), rationale, evidence(record),
                   station=station_of(world, crew, vehicle))


def assessed_or_gone(
    world: World, record: Recorded, subject: str, crew: tuple[str, ...]
) -> str | None:
    vehicle = world.vehicles.get(subject)
    if vehicle is None:
        return None
    if vehicle["ended_at"] is not None:
        return f"{how_it_ended(subject, vehicle)}, with no assessment recorded"
    event = record.event
    if event["type"] == "vehicle_assessed" and record.stream == subject:
        return (f"{subject} was assessed {event['fitness']} by {event['by']} at "
                f"{record.occurred_at} ({event['reason']})")
    return None


# ---- seats_exceeded ------------------------------------------------------------------------


def ride_given_or_judged(world: World, record: Recorded) -> list[str]:
    if record.event["type"] in ("crew_assigned", "vehicle_assessed"):
        return _this_vehicle(world, record)
    return []


def seats_exceeded(world: World, record: Recorded, name: str) -> Opening | None:
    vehicle = world.vehicles.get(name)
    if vehicle is None or not crew_capable(vehicle) or vehicle["ended_at"] is not None:
        return None
    limit = capacity(vehicle)
    if riders_count(world, name) <= limit:  # the common case, without sorting anyone
        return None
    assigned = assigned_to(world, name)
    extra = assigned[limit:]
    why = "seats"
    if fitness_of(vehicle) == "emergency_only" and vehicle.get("max_crew") is not None:
        why = f"places (it is emergency_only, max_crew {vehicle.get('max_crew')})"
    rationale = (f"{name} is the return vehicle of {len(assigned)} people "
                 f"({names(assigned)}) but has {limit} {why}; {names(extra)} would ride "
                 "in contingency places")
    return Opening("seats_exceeded", name, tuple(assigned), rationale, evidence(record),
                   station=station_of(world, assigned, vehicle))


def back_within_seats(
    world: World, record: Recorded, subject: str, crew: tuple[str, ...]
) -> str | None:
    vehicle = world.vehicles.get(subject)
    if vehicle is None:
        return None
    if vehicle["ended_at"] is not None:
        return how_it_ended(subject, vehicle)
    count, limit = riders_count(world, subject), capacity(vehicle)
    if count > limit:
        return None
    return f"{subject} is the return vehicle of {count} people, within its {limit}"


def riders_count(world: World, name: str) -> int:
    return len(world.riders(name))


# ---- crew_in_unfit_vehicle -------------------------------------------------------------------


def vehicle_flying_with_crew(world: World, record: Recorded) -> list[str]:
    if record.event["type"] in ("leak_detected", "undocked", "vehicle_assessed"):
        return _this_vehicle(world, record)
    return []


def crew_in_unfit_vehicle(world: World, record: Recorded, name: str) -> Opening | None:
    vehicle = world.vehicles.get(name)
    if vehicle is None or vehicle["status"] != "in_flight" or not vehicle["crew_aboard"]:
        return None
    if fitness_of(vehicle) not in NOT_FIT:
        return None
    crew = tuple(sorted(vehicle["crew_aboard"]))
    rationale = (f"{names(crew)} are aboard {name} in free flight since {vehicle['since']}, "
                 f"and {unfit_words(name, vehicle)}")
    return Opening("crew_in_unfit_vehicle", name, crew, rationale, evidence(record))


def crew_out_or_fit(
    world: World, record: Recorded, subject: str, crew: tuple[str, ...]
) -> str | None:
    vehicle = world.vehicles.get(subject)
    if vehicle is None:
        return None
    if vehicle["ended_at"] is not None:
        return how_it_ended(subject, vehicle)
    if vehicle["status"] == "docked":
        return (f"{subject} docked at {vehicle['station']} {vehicle['port']} at "
                f"{vehicle['since']} with {names(crew)}")
    if fitness_of(vehicle) == "fit":
        basis = vehicle.get("fitness_basis")
        by = f" by {basis['by']}" if basis and basis["by"] else ""
        return f"{subject} was assessed fit{by} at {record.occurred_at}"
    return None


LIFEBOAT_RULES: tuple[Rule, ...] = (
    Rule("assessment_required", False, leaked_crew_vehicle, assessment_required,
         assessed_or_gone, "an assessment of {subject} is recorded, or it lands",
         types=frozenset({"leak_detected"})),
    Rule("seats_exceeded", False, ride_given_or_judged, seats_exceeded, back_within_seats,
         "a ruling approves the contingency places, or no more people than {subject} may "
         "carry have it as their ride home", ruling_settles=True,
         types=frozenset({"crew_assigned", "vehicle_assessed"})),
    Rule("crew_in_unfit_vehicle", False, vehicle_flying_with_crew, crew_in_unfit_vehicle,
         crew_out_or_fit, "{crew} land or dock, or {subject} is assessed fit",
         types=frozenset({"leak_detected", "undocked", "vehicle_assessed"})),
)
