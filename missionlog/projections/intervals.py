"""Port stays and return-vehicle assignments as intervals, for the browsable tables.

An observer of the fold: it turns each event into interval changes (open a stay,
close a stay, ...) that the store writes into `port_stays` and
`return_assignments`. It keeps nothing itself, so replay memory stays flat.
"""

from __future__ import annotations

from typing import NamedTuple

from missionlog.projections.state import Recorded
from missionlog.projections.world import World


class IntervalChange(NamedTuple):
    """One change to an interval table; `key` is a vehicle (stays) or person (assignments)."""

    table: str  # "port_stays" or "return_assignments"
    action: str  # "open" or "close"
    key: str
    at: str
    station: str | None = None
    port: str | None = None
    vehicle: str | None = None


def interval_changes(world: World, record: Recorded) -> list[IntervalChange]:
    """The interval changes one already-applied event caused."""
    event, at, vehicle = record.event, record.occurred_at, record.stream
    kind = event["type"]
    if kind == "docked":
        return [IntervalChange("port_stays", "open", vehicle, at, event["station"],
                               event["port"], vehicle)]
    if kind == "relocated":
        state = world.vehicles[vehicle]
        return [
            IntervalChange("port_stays", "close", vehicle, at),
            IntervalChange("port_stays", "open", vehicle, at, state["station"], state["port"],
                           vehicle),
        ]
    if kind == "undocked":
        return [IntervalChange("port_stays", "close", vehicle, at)]
    if kind == "launched":
        return [IntervalChange("return_assignments", "open", person, at, vehicle=vehicle)
                for person in event["crew"]]
    if kind == "crew_assigned":
        changes = []
        for person in event["crew"]:
            changes.append(IntervalChange("return_assignments", "close", person, at))
            changes.append(IntervalChange("return_assignments", "open", person, at,
                                          vehicle=vehicle))
        return changes
    if kind == "landed":
        return [IntervalChange("return_assignments", "close", person, at)
                for person in world.vehicles[vehicle].get("crew_landed", ())]
    return []
