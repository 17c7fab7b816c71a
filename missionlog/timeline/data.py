"""What the timeline picture shows, collected while the log replays (pure: no I/O).

`TimelineCollector` is an observer of the fold (see projections/replay.py): it
sees the world right after each event, so a bar, a leak marker or a shaded span
is exactly what `state` and `station` would have answered at that moment. It
records full history from the first event; `clip` then cuts everything to the
span being drawn. Times stay in the log's text form ("2023-02-11T08:45:00Z"),
which orders like time, so clipping is plain string comparison.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypedDict

from missionlog.projections.state import Recorded
from missionlog.projections.views import return_vehicle_fit
from missionlog.projections.world import World


class Bar(TypedDict):
    """One stay of one vehicle at one port; `end` None while it is still docked."""

    station: str
    port: str
    vehicle: str
    vehicle_class: str
    aliases: list[str]
    start: str
    end: str | None
    relocated_from: str | None
    relocated_to: str | None


class LeakMarker(TypedDict):
    """A leak on a vehicle docked at the station (port set) or on the station itself."""

    vehicle: str | None
    port: str | None
    module: str | None
    at: str
    system: str
    severity: str


class UnfitSpan(TypedDict):
    """A stretch during which these people aboard had no fit return vehicle docked."""

    people: list[str]
    start: str
    end: str | None


class TimelineCollector:
    """Observer: docking bars, leak markers and unfit spans for one station."""

    def __init__(self, station: str) -> None:
        self.station = station
        self.bars: list[Bar] = []
        self.leaks: list[LeakMarker] = []
        self.unfit: list[UnfitSpan] = []
        self.people_aboard: set[str] = set()
        self.first_docking: str | None = None
        self.last_event: str | None = None
        self._open: dict[str, Bar] = {}
        self._last_stay: dict[str, Bar] = {}

    def observe(self, world: World, record: Recorded) -> None:
        at = record.occurred_at
        self.last_event = at
        kind = record.event["type"]
        if kind == "docked" and record.event["station"] == self.station:
            self._open_bar(world, record.stream, at)
        elif kind in ("relocated", "undocked") and record.stream in self._open:
            self._close_bar(world, record.stream, at, kind)
        elif kind in ("landed", "deorbited"):
            self._last_stay.pop(record.stream, None)  # gone home: not a relocation
        elif kind == "leak_detected":
            self._leak(world, record)
        self._track_unfit(world, at)

    # ---- bars ------------------------------------------------------------------------

    def _open_bar(self, world: World, name: str, at: str) -> None:
        vehicle = world.vehicles[name]
        previous = self._last_stay.get(name)
        bar: Bar = {
            "station": self.station,
            "port": str(vehicle["port"]),
            "vehicle": name,
            "vehicle_class": vehicle["vehicle_class"],
            "aliases": list(vehicle["aliases"]),
            "start": at,
            "end": None,
            # An undock and redock without landing in between is a relocation too
            # (Dragons move ports that way), so it is drawn as one vehicle moving rows.
            "relocated_from": previous["port"] if previous else None,
            "relocated_to": None,
        }
        if previous is not None:
            previous["relocated_to"] = bar["port"]
        if self.first_docking is None:
            self.first_docking = at
        self.bars.append(bar)
        self._open[name] = bar

    def _close_bar(self, world: World, name: str, at: str, kind: str) -> None:
        bar = self._open.pop(name)
        bar["end"] = at
        self._last_stay[name] = bar
        if kind == "relocated":
            self._open_bar(world, name, at)

    # ---- leaks -----------------------------------------------------------------------

    def _leak(self, world: World, record: Recorded) -> None:
        event = record.event
        marker: LeakMarker = {
            "vehicle": None,
            "port": None,
            "module": event.get("module"),
            "at": record.occurred_at,
            "system": event["system"],
            "severity": event["severity"],
        }
        if event.get("station"):
            if record.stream == self.station:
                self.leaks.append(marker)
            return
        vehicle = world.vehicles[record.stream]
        if vehicle["station"] == self.station:
            marker["vehicle"] = record.stream
            marker["port"] = vehicle["port"]
            self.leaks.append(marker)

    # ---- people without a ride home --------------------------------------------------

    def _track_unfit(self, world: World, at: str) -> None:
        aboard = [
            (person, state["return_vehicle"])
            for person, state in world.people.items()
            if state["on_station"] and state["location"] == self.station
        ]
        self.people_aboard.update(person for person, _ in aboard)
        stranded = sorted(
            person
            for person, ride in aboard
            if not return_vehicle_fit(world, self.station, ride)
        )
        current = self.unfit[-1] if self.unfit and self.unfit[-1]["end"] is None else None
        if current is not None and current["people"] == stranded:
            return
        if current is not None:
            current["end"] = at
        if stranded:
            self.unfit.append({"people": stranded, "start": at, "end": None})


def clipped(start: str, end: str, span: tuple[str, str]) -> tuple[str, str] | None:
    """The part of [START, END] inside SPAN, or None if they do not overlap."""
    begin, stop = max(start, span[0]), min(end, span[1])
    return (begin, stop) if begin <= stop else None


def concerns_station(decision: Mapping[str, Any], collector: TimelineCollector) -> bool:
    """About the station, a vehicle that docked there, or someone who was aboard."""
    subjects = {bar["vehicle"] for bar in collector.bars} | {collector.station}
    crew = decision.get("crew") or []
    return decision["subject"] in subjects or not collector.people_aboard.isdisjoint(crew)


LIFE_CYCLE = ("kind", "subject", "crew", "status", "opened_at", "decided_at", "resolved_at")
PHASES = (("opened", "opened_at"), ("decided", "decided_at"), ("resolved", "resolved_at"))


def station_decisions(
    decisions: Sequence[Mapping[str, Any]], collector: TimelineCollector, span: tuple[str, str]
) -> list[dict[str, Any]]:
    """The life cycle of each decision concerning the station that was under way in SPAN
    (one opened before the span and still unresolved in it counts: it was pending)."""
    out = []
    for decision in decisions:
        resolved = decision["resolved_at"]
        if decision["opened_at"] > span[1] or (resolved is not None and resolved < span[0]):
            continue
        if concerns_station(decision, collector):
            out.append({key: decision[key] for key in LIFE_CYCLE} | {
                "crew": list(decision["crew"] or [])})
    out.sort(key=lambda d: (d["opened_at"], d["subject"], d["kind"], d["crew"]))
    return out


def decision_markers(lives: list[dict[str, Any]], span: tuple[str, str]) -> list[dict[str, Any]]:
    """The opened / decided / resolved moments of those decisions that fall in SPAN."""
    markers = [
        {
            "kind": life["kind"],
            "subject": life["subject"],
            "crew": list(life["crew"]),
            "phase": phase,
            "at": life[key],
            "opened_at": life["opened_at"],
            "status": life["status"],
        }
        for life in lives
        for phase, key in PHASES
        if life[key] is not None and span[0] <= life[key] <= span[1]
    ]
    markers.sort(key=lambda m: (m["at"], m["subject"], m["kind"], m["crew"]))
    return markers


class PlannedBar(TypedDict):
    """A stay a plan in force expects (a `dock` plan at the station), drawn hollow: from
    its planned docking to its planned undocking or relocation (None: no end planned)."""

    station: str
    port: str | None
    vehicle: str
    start: str
    start_precision: str
    end: str | None
    plan_event_id: str


def planned_bars(world: World, station: str) -> list[PlannedBar]:
    """The planned stays at STATION among the plans WORLD holds in force. A docked
    vehicle with a planned undocking gets none: its real bar is drawn to now."""
    out: list[PlannedBar] = []
    for vehicle, by_activity in sorted(world.plans.items()):
        dock = by_activity.get("dock")
        if dock is None or dock["station"] != station:
            continue
        leave = by_activity.get("undock") or by_activity.get("relocate")
        out.append({
            "station": station,
            "port": dock["port"],
            "vehicle": vehicle,
            "start": dock["planned_for"],
            "start_precision": dock["planned_for_precision"],
            "end": leave["planned_for"] if leave else None,
            "plan_event_id": dock["event_id"],
        })
    return out
