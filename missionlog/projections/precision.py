"""How sure an answer is: which vehicles, ports and people depend on an event whose
time window contains the time asked about.

A day-precision docking at "12:00" happened at some instant of that day: asked about
09:00 that day, the log cannot say whether the vehicle was there yet. The answer
still comes from the placeholder (so it is deterministic), but it is marked
`uncertain`, and the human output writes the time as "~2023-03-06 (day)".
An event is uncertain at AS_OF when its window holds AS_OF: either it was folded
(placeholder at or before AS_OF) and its window ends after AS_OF, or it was not
(placeholder after AS_OF) and its window starts at or before AS_OF.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from missionlog.projections.plans import event_window
from missionlog.projections.state import Recorded
from missionlog.projections.world import World


@dataclass
class Uncertain:
    """Names whose answer at one time depends on an event whose window holds that time."""

    vehicles: set[str] = field(default_factory=set)
    people: set[str] = field(default_factory=set)
    ports: set[tuple[str, str]] = field(default_factory=set)  # (station, port)


def holds(window: list[str] | tuple[str, str] | None, as_of: str) -> bool:
    """WINDOW is wider than an instant and AS_OF lies inside it."""
    return bool(window) and window[0] != window[1] and window[0] <= as_of <= window[1]  # type: ignore[index]


def uncertain_at(world: World, as_of: str, straddling: Iterable[Recorded]) -> Uncertain:
    """What is uncertain at AS_OF in WORLD (folded up to AS_OF), given the STRADDLING
    events (after AS_OF, their windows perhaps holding it: `reads.straddling`)."""
    found = Uncertain()
    for name, vehicle in world.vehicles.items():
        if holds(vehicle.get("since_window"), as_of):
            found.vehicles.add(name)
            if vehicle["station"] and vehicle["port"]:
                found.ports.add((vehicle["station"], vehicle["port"]))
    for person, state in world.people.items():
        if holds(state.get("return_window"), as_of):
            found.people.add(person)
    for record in straddling:
        start, _ = event_window(record.event)
        if start > as_of:
            continue
        event = record.event
        found.vehicles.add(record.stream)
        found.people.update(event.get("crew") or ())
        vehicle = world.vehicles.get(record.stream)
        if vehicle is not None and vehicle["station"] and vehicle["port"]:
            found.ports.add((vehicle["station"], vehicle["port"]))
        if event.get("station") and event.get("port"):
            found.ports.add((event["station"], event["port"]))
        if event["type"] == "relocated" and vehicle is not None and vehicle["station"]:
            found.ports.add((vehicle["station"], event["port"]))
        if vehicle is not None:
            for person, state in world.people.items():
                if state["return_vehicle"] == record.stream and event["type"] in (
                        "docked", "undocked", "landed", "deorbited", "leak_detected"):
                    found.people.add(person)
    return found


def approximate(at: str | None, precision: str | None, uncertain: bool = False) -> str:
    """A time as people should read it: exact ones as they are, imprecise ones as
    '~2023-03-06 (day)' (the placeholder's clock time is not a fact)."""
    if at is None:
        return "-"
    if precision in (None, "second"):
        return at
    shown = {"day": at[:10], "hour": at[:13] + "h", "minute": at[:16]}.get(precision, at)
    return f"~{shown} ({precision})" if uncertain or precision == "day" else f"~{shown}"
