"""The shapes of replayed state, and the small questions asked of them.

Plain TypedDicts (not frozen models) because a replay of a million events must
stay near a few microseconds an event and a snapshot is one `orjson.dumps`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any, NamedTuple, TypedDict

from missionlog.vocabulary import CREW_CAPABLE

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
    """A leak as the fold keeps it: also the event that reported it."""

    event_id: str
    position: int


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
    unfit_at: str | None
    unfit_event: str | None
    ended_at: str | None


class StationState(TypedDict):
    name: str
    ports: dict[str, str | None]
    port_since: dict[str, str]
    leaks: list[Leak]


class PersonState(TypedDict):
    location: str
    on_station: bool
    return_vehicle: str | None


def is_fit(vehicle: VehicleState) -> bool | None:
    """Fit to bring crew home: crew-capable, still in space, no unfitting leak."""
    if vehicle["vehicle_class"] not in CREW_CAPABLE:
        return None
    return vehicle["unfit_at"] is None and vehicle["status"] in IN_SPACE


def suggest(name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(known), n=3, cutoff=0.6)
    return f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
