"""Hypothesis strategies: arbitrary valid events, and random consistent mission histories.

Two families, kept apart on purpose (see LIBRARY-NOTES L5):

- `arbitrary_events()`: any value the event models accept, for round trips and parser
  tests. Such events are valid *data* but rarely a valid *history*.
- `consistent_histories()`: one station "ISS" with a few ports and several vehicles of mixed
  classes, each with a legal lifecycle (launch -> dock -> (relocate) -> (leak) ->
  (crew_assigned) -> undock -> land/deorbit), crews of unique people, strictly increasing
  whole-second UTC times. Each event lists the events that must already be in the log
  before it can be recorded (`History.requires`), so `recording_orders()` can draw the
  orders in which a real operator could learn the same history.

`ReferenceModel` is the simple, independent model of the rules that the generator plans
with and that the replay tests compare the real projections against: if it and
`projections/world.py` disagree, one of them misreads the mission.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, get_args

from hypothesis import strategies as st

from missionlog.events import (
    CREW_CAPABLE,
    Answers,
    CrewAssigned,
    DecisionRecorded,
    Deorbited,
    Docked,
    Event,
    Landed,
    Launched,
    LeakDetected,
    LeakResolved,
    LeakSystem,
    Note,
    PlanCancelled,
    Planned,
    Precision,
    Relocated,
    Retracted,
    Severity,
    StationConfigured,
    Undocked,
    VehicleClass,
)

TIME_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
VEHICLE_CLASSES: tuple[str, ...] = get_args(VehicleClass)
LEAK_SYSTEMS: tuple[str, ...] = get_args(LeakSystem)
SEVERITIES: tuple[str, ...] = get_args(Severity)
PRECISIONS: tuple[str, ...] = get_args(Precision)
ISS_PORTS = ("Rassvet nadir", "Poisk zenith", "Prichal nadir", "Zvezda aft", "Harmony forward")
STATION = "ISS"
UNFITTING = frozenset({"coolant", "atmosphere"})
SEATS = {"soyuz": 3, "shenzhou": 3, "crew_dragon": 4, "starliner": 4}  # written out again
SURNAMES = (
    "Prokopyev", "Petelin", "Rubio", "Mann", "Cassada", "Wakata", "Kikina", "Bowen",
    "Hoburg", "Fedyaev", "Alneyadi", "Kononenko", "Chub", "O'Hara", "Moghbeli", "Mogensen",
)
VEHICLE_PREFIX = {
    "soyuz": "Soyuz MS-",
    "progress": "Progress MS-",
    "crew_dragon": "Crew-",
    "cargo_dragon": "CRS-",
    "cygnus": "NG-",
    "starliner": "Starliner-",
    "htv": "HTV-",
    "shenzhou": "Shenzhou-",
    "tianzhou": "Tianzhou-",
    "other": "Vehicle-",
}


def ev(kind: str, at: str, **fields: Any) -> dict[str, Any]:
    """A wire event, written the short way in hand-made histories."""
    return {"type": kind, "occurred_at": at, **fields}


def utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(TIME_FORMAT)


# ---- arbitrary valid events ----------------------------------------------------------

ISS_ERA = st.datetimes(
    min_value=datetime(1998, 11, 20), max_value=datetime(2031, 1, 1), timezones=st.just(UTC)
).map(lambda moment: moment.replace(microsecond=0))
OFFSETS = st.sampled_from(
    [UTC, timezone(timedelta(hours=3)), timezone(timedelta(hours=-5)),
     timezone(timedelta(hours=5, minutes=30)), timezone(timedelta(hours=-9, minutes=-30))]
)
# Names as people type them: letters, digits and a little punctuation, plus a few non-ASCII
# letters (cosmonauts' names, module names); never padded, since the models strip whitespace.
NAME_CHARS = st.sampled_from(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 -.'éöЖя"
)
names = st.text(NAME_CHARS, min_size=1, max_size=30).map(str.strip).filter(bool)
free_text = st.text(min_size=1, max_size=60).map(str.strip).filter(bool)
optional_text = st.none() | free_text
event_ids = st.none() | st.text(NAME_CHARS, min_size=1, max_size=40).map(str.strip).filter(bool)


def _common() -> dict[str, Any]:
    return {
        "occurred_at": ISS_ERA,
        "event_id": event_ids,
        "source": optional_text,
        "note": optional_text,
        "precision": st.sampled_from(PRECISIONS),
    }


def _unique_names(max_size: int, min_size: int = 0) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(names, min_size=min_size, max_size=max_size, unique=True).map(tuple)


@st.composite
def _leaks(draw: st.DrawFn) -> LeakDetected:
    on_station = draw(st.booleans())
    return LeakDetected(
        **{key: draw(value) for key, value in _common().items()},
        vehicle=None if on_station else draw(names),
        station=draw(names) if on_station else None,
        module=draw(st.none() | names) if on_station else None,
        system=draw(st.sampled_from(LEAK_SYSTEMS)),
        severity=draw(st.sampled_from(SEVERITIES)),
        cause=draw(optional_text),
    )


def arbitrary_events() -> st.SearchStrategy[Event]:
    """Any event the models accept (valid data, not necessarily a valid history)."""
    vehicle_class = st.sampled_from(VEHICLE_CLASSES)
    return st.one_of(
        st.builds(StationConfigured, **_common(), station=names, ports=_unique_names(6, 1)),
        st.builds(Launched, **_common(), vehicle=names, vehicle_class=vehicle_class,
                  crew=_unique_names(4), aliases=_unique_names(3)),
        st.builds(Docked, **_common(), vehicle=names, station=names, port=names),
        st.builds(Relocated, **_common(), vehicle=names, port=names),
        st.builds(Undocked, **_common(), vehicle=names, crew=_unique_names(4)),
        st.builds(Landed, **_common(), vehicle=names, site=optional_text),
        st.builds(Deorbited, **_common(), vehicle=names),
        _leaks(),
        st.builds(CrewAssigned, **_common(), vehicle=names, crew=_unique_names(4, 1)),
        st.builds(DecisionRecorded, **_common(), subject=names, decision=free_text,
                  by=optional_text),
        st.builds(Retracted, **_common(), retracts=names, reason=free_text),
        st.builds(Note, **_common(), text=free_text, subject=st.none() | names),
        st.builds(StationConfigured, **_common(), station=names, ports=_unique_names(3, 1),
                  modules=_unique_names(4, 1)),
        _planned(),
        st.builds(PlanCancelled, **_common(), vehicle=names,
                  activity=st.sampled_from(ACTIVITIES), reason=free_text),
        st.builds(LeakResolved, **_common(), vehicle=names, system=st.sampled_from(LEAK_SYSTEMS),
                  how=st.sampled_from(["repaired", "isolated", "false_alarm"]),
                  by=optional_text),
    )


ACTIVITIES = ["launch", "dock", "relocate", "undock", "land", "deorbit"]


@st.composite
def _planned(draw: st.DrawFn) -> Planned:
    answered = draw(st.booleans())
    return Planned(
        **{key: draw(value) for key, value in _common().items()},
        vehicle=draw(names),
        activity=draw(st.sampled_from(ACTIVITIES)),
        planned_for=draw(ISS_ERA),
        planned_for_precision=draw(st.sampled_from(PRECISIONS)),
        station=draw(st.none() | names),
        crew=draw(_unique_names(3)),
        purpose=None if answered else draw(optional_text),
        answers=Answers(kind=draw(names), subject=draw(names)) if answered else None,
    )


# ---- the reference model ---------------------------------------------------------------


class Rejected(Exception):
    """The reference model's verdict: this event cannot have happened."""


@dataclass
class _Vehicle:
    name: str
    vehicle_class: str
    aliases: list[str]
    status: str = "in_flight"
    station: str | None = None
    port: str | None = None
    aboard: list[str] = field(default_factory=list)
    leaks: list[dict[str, Any]] = field(default_factory=list)
    unfit: bool = False
    launched_at: str = ""
    seats: int = 0
    since: str = ""
    landed_crew: list[str] = field(default_factory=list)
    basis: dict[str, Any] | None = None


@dataclass
class _Person:
    where: str
    on_station: bool
    ride: str | None
    given: tuple[str, int] = ("", 0)  # when they got this ride: earliest hold the seats


class ReferenceModel:
    """The rules of the mission in their plainest form, applied to events in mission order.

    Deliberately written apart from `World` (no shared code), so agreement between the two
    is evidence rather than tautology. `apply` raises `Rejected` for an impossible event.
    """

    def __init__(self) -> None:
        self.count = 0  # events applied, to order rides given at the same instant
        self.ports: dict[str, dict[str, str | None]] = {}
        self.station_leaks: dict[str, list[dict[str, Any]]] = {}
        self.vehicles: dict[str, _Vehicle] = {}
        self.alias_of: dict[str, list[str]] = {}
        self.people: dict[str, _Person] = {}

    def canonical(self, name: str) -> str:
        if name in self.vehicles:
            return name
        owners = self.alias_of.get(name, [])
        in_space = [o for o in owners if self.vehicles[o].status in ("in_flight", "docked")]
        if len(owners) == 1:
            return owners[0]
        if len(in_space) == 1:
            return in_space[0]
        if owners and not in_space:  # between flights: the latest one launched
            latest = max(self.vehicles[o].launched_at for o in owners)
            newest = [o for o in owners if self.vehicles[o].launched_at == latest]
            if len(newest) == 1:
                return newest[0]
        raise Rejected(f"unknown or ambiguous vehicle {name!r}")

    def _live(self, name: str) -> _Vehicle:
        vehicle = self.vehicles[self.canonical(name)]
        if vehicle.status in ("landed", "deorbited"):
            raise Rejected(f"{vehicle.name} already {vehicle.status}")
        return vehicle

    def _free(self, station: str, port: str) -> None:
        if station not in self.ports or port not in self.ports[station]:
            raise Rejected(f"unknown port {port!r}")
        if self.ports[station][port] is not None:
            raise Rejected(f"port {port} held by {self.ports[station][port]}")

    def apply(self, event: dict[str, Any]) -> None:
        kind = event["type"]
        at = event["occurred_at"]
        self.count += 1
        if kind == "station_configured":
            self.ports[event["station"]] = dict.fromkeys(event["ports"])
            self.station_leaks[event["station"]] = []
        elif kind == "launched":
            crew = list(event.get("crew", []))
            if event["vehicle"] in self.vehicles:
                raise Rejected("launched twice")
            if crew and event["vehicle_class"] not in CREW_CAPABLE:
                raise Rejected("cargo vehicles carry no crew")
            if any(p in self.people for p in crew) or len(set(crew)) != len(crew):
                raise Rejected("someone is already in space")
            seats = SEATS.get(event["vehicle_class"], 0)
            if len(crew) > seats:
                raise Rejected("more crew than seats")
            self.vehicles[event["vehicle"]] = _Vehicle(
                event["vehicle"], event["vehicle_class"], list(event.get("aliases", [])),
                aboard=crew, launched_at=at, seats=seats, since=at,
            )
            for alias in event.get("aliases", []):
                self.alias_of.setdefault(alias, []).append(event["vehicle"])
            for person in crew:
                self.people[person] = _Person(event["vehicle"], False, event["vehicle"],
                                              (at, self.count))
        elif kind == "docked":
            vehicle = self._live(event["vehicle"])
            if vehicle.status != "in_flight":
                raise Rejected("already docked")
            self._free(event["station"], event["port"])
            self.ports[event["station"]][event["port"]] = vehicle.name
            vehicle.status, vehicle.station = "docked", event["station"]
            vehicle.port, vehicle.since = event["port"], at
            for person in vehicle.aboard:
                self.people[person].where, self.people[person].on_station = event["station"], True
            vehicle.aboard = []
        elif kind == "relocated":
            vehicle = self._live(event["vehicle"])
            if vehicle.status != "docked" or vehicle.station is None:
                raise Rejected("not docked")
            if event["port"] == vehicle.port:
                raise Rejected("already there")
            self._free(vehicle.station, event["port"])
            self.ports[vehicle.station][str(vehicle.port)] = None
            self.ports[vehicle.station][event["port"]] = vehicle.name
            vehicle.port, vehicle.since = event["port"], at
        elif kind == "undocked":
            vehicle = self._live(event["vehicle"])
            if vehicle.status != "docked" or vehicle.station is None:
                raise Rejected("not docked")
            crew = list(event.get("crew", []))
            if crew and vehicle.vehicle_class not in CREW_CAPABLE:
                raise Rejected("cargo vehicles carry no crew")
            for person in crew:
                where = self.people.get(person)
                if where is None or not where.on_station or where.where != vehicle.station:
                    raise Rejected(f"{person} is not aboard the station")
            self.ports[vehicle.station][str(vehicle.port)] = None
            vehicle.status, vehicle.station, vehicle.port = "in_flight", None, None
            vehicle.aboard, vehicle.since = crew, at
            for person in crew:
                self.people[person].where, self.people[person].on_station = vehicle.name, False
        elif kind in ("landed", "deorbited"):
            vehicle = self._live(event["vehicle"])
            if vehicle.status != "in_flight":
                raise Rejected("must undock first")
            if kind == "deorbited" and vehicle.aboard:
                raise Rejected("a crewed reentry is a landing")
            vehicle.status, vehicle.since = kind, at
            for person in vehicle.aboard:
                del self.people[person]
            vehicle.landed_crew, vehicle.aboard = vehicle.aboard, []
        elif kind == "leak_detected":
            leak = {
                "system": event["system"],
                "severity": event.get("severity", "major"),
                "cause": event.get("cause"),
                "occurred_at": at,
            }
            if event.get("station"):
                if event["station"] not in self.ports:
                    raise Rejected("unknown station")
                self.station_leaks[event["station"]].append({**leak,
                                                             "module": event.get("module")})
                return
            vehicle = self._live(event["vehicle"])
            vehicle.leaks.append(leak)
            if leak["severity"] == "major" and leak["system"] in UNFITTING \
                    and vehicle.vehicle_class in CREW_CAPABLE and not vehicle.unfit:
                vehicle.unfit = True
                vehicle.basis = {"source": "leak", "at": at, "by": None,
                                 "reason": f"{leak['severity']} {leak['system']} leak",
                                 "event_id": event["event_id"]}
        elif kind == "crew_assigned":
            vehicle = self._live(event["vehicle"])
            if vehicle.vehicle_class not in CREW_CAPABLE:
                raise Rejected("not crew-capable")
            if any(p not in self.people for p in event["crew"]):
                raise Rejected("not in space")
            for person in event["crew"]:
                state = self.people[person]
                if state.on_station and vehicle.station not in (None, state.where):
                    raise Rejected("a ride home docked at another station")
            for person in event["crew"]:
                if self.people[person].ride != vehicle.name:
                    self.people[person].ride = vehicle.name
                    self.people[person].given = (at, self.count)
        elif kind == "decision_recorded":
            self.canonical(event["subject"])
        elif kind not in ("note", "retracted"):
            raise AssertionError(f"unknown event type {kind}")

    # ---- the public shapes, without as_of ----------------------------------------------

    def fit(self, vehicle: _Vehicle) -> bool | None:
        if vehicle.vehicle_class not in CREW_CAPABLE:
            return None
        return not vehicle.unfit and vehicle.status in ("in_flight", "docked")

    def fitness(self, vehicle: _Vehicle) -> str | None:
        fit = self.fit(vehicle)
        return None if fit is None else ("fit" if fit else "unfit")

    def riders(self, name: str) -> list[str]:
        return [p for _, p in sorted((s.given, p) for p, s in self.people.items()
                                     if s.ride == name)]

    def seat(self, person: str) -> str | None:
        ride = self.people[person].ride
        if ride is None or ride not in self.vehicles:
            return None
        seats = self.vehicles[ride].seats
        return "nominal" if self.riders(ride).index(person) < seats else "contingency"

    def vehicle_view(self, name: str) -> dict[str, Any]:
        vehicle = self.vehicles[name]
        return {
            "vehicle": name,
            "vehicle_class": vehicle.vehicle_class,
            "aliases": list(vehicle.aliases),
            "status": vehicle.status,
            "station": vehicle.station,
            "port": vehicle.port,
            "crew_aboard": list(vehicle.aboard),
            "leaks": [dict(leak) for leak in vehicle.leaks],
            "fit_for_crew_return": self.fit(vehicle),
            "assigned_crew": sorted(p for p, s in self.people.items() if s.ride == name),
            "fitness": self.fitness(vehicle),
            "fitness_basis": vehicle.basis,
            "seats": vehicle.seats,
            "free_seats": 0 if self.fitness(vehicle) == "unfit"
            else max(0, vehicle.seats - len(self.riders(name))),
            "since": vehicle.since,
            "crew_landed": list(vehicle.landed_crew),
        }

    def station_view(self, station: str) -> dict[str, Any]:
        crew = []
        for person, state in sorted(self.people.items()):
            if not (state.on_station and state.where == station):
                continue
            ride = self.vehicles.get(state.ride or "")
            fit = bool(ride and self.fit(ride) and ride.station == station)
            crew.append({"name": person, "return_vehicle": state.ride,
                         "return_vehicle_fit": fit,
                         "return_vehicle_fitness": None if ride is None else self.fitness(ride),
                         "seat": self.seat(person)})
        vehicles = []
        for port, holder in self.ports[station].items():
            if holder is None:
                continue
            vehicle = self.vehicles[holder]
            riders = self.riders(holder)
            vehicles.append({"vehicle": holder, "port": port, "since": vehicle.since,
                             "seats": vehicle.seats, "assigned": riders,
                             "free_seats": 0 if self.fitness(vehicle) == "unfit"
                             else max(0, vehicle.seats - len(riders)),
                             "fitness": self.fitness(vehicle)})
        return {
            "station": station,
            "ports": dict(self.ports[station]),
            "crew": crew,
            "vehicles": vehicles,
            "leaks": [dict(leak) for leak in self.station_leaks[station]],
        }


def model_after(events: list[dict[str, Any]], until: str | None = None) -> ReferenceModel:
    """The reference model after EVENTS (sorted by occurred_at, stable) up to UNTIL."""
    model = ReferenceModel()
    for event in sorted(events, key=lambda e: e["occurred_at"]):
        if until is None or event["occurred_at"] <= until:
            model.apply(event)
    return model


def with_canonical_names(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """EVENTS with every vehicle reference resolved as it was when the history happened.

    The store fixes an event's stream when it records it; an alias is not resolved again
    when a later retraction changes who else was in space. Predictions about retractions
    therefore start from the names the log settled on."""
    model = ReferenceModel()
    resolved: dict[int, dict[str, Any]] = {}
    for index, event in sorted(enumerate(events), key=lambda pair: pair[1]["occurred_at"]):
        fixed = dict(event)
        if fixed["type"] not in ("launched", "station_configured") and fixed.get("vehicle"):
            fixed["vehicle"] = model.canonical(fixed["vehicle"])
        model.apply(fixed)
        resolved[index] = fixed
    return [resolved[index] for index in range(len(events))]


# Keys about how sure an answer is, and about plans (tests/test_plans.py covers them): the
# reference model restates what happened, so they are left out of the comparison.
NOT_MODELLED = frozenset({"as_of", "since_precision", "uncertain", "next",
                          "beyond_coverage", "uncertain_ports", "return_since_precision"})


def without_as_of(view: dict[str, Any]) -> dict[str, Any]:
    out = {key: value for key, value in view.items() if key not in NOT_MODELLED}
    if "crew" in out and out["crew"] and isinstance(out["crew"][0], dict):
        out["crew"] = [without_as_of(person) for person in out["crew"]]
    return out


# ---- consistent histories --------------------------------------------------------------


@dataclass(frozen=True)
class History:
    """A consistent history in mission order, with each event's prerequisites."""

    ports: tuple[str, ...]
    events: tuple[dict[str, Any], ...]
    requires: tuple[frozenset[int], ...]
    vehicles: tuple[str, ...]
    station: str = STATION

    def jsonl(self) -> str:
        return "".join(json.dumps(event) + "\n" for event in self.events)

    def times(self) -> list[str]:
        return [event["occurred_at"] for event in self.events]

    def probe_times(self) -> list[str]:
        """Each event's instant, one second before the first and one after the last:
        every distinct state the history passes through, plus both edges."""
        moments = [datetime.strptime(t, TIME_FORMAT).replace(tzinfo=UTC) for t in self.times()]
        edges = [moments[0] - timedelta(seconds=1), moments[-1] + timedelta(seconds=1)]
        return sorted({utc_text(m) for m in moments + edges})

    def aliases(self) -> dict[str, list[str]]:
        """Each alias and the vehicles that carried it (more than one when a capsule flew
        again), in launch order."""
        carriers: dict[str, list[str]] = {}
        for event in self.events:
            if event["type"] == "launched":
                for alias in event["aliases"]:
                    carriers.setdefault(alias, []).append(event["vehicle"])
        return carriers

    def launched_by(self, at: str) -> list[str]:
        return [e["vehicle"] for e in self.events
                if e["type"] == "launched" and e["occurred_at"] <= at]


@dataclass
class _Plan:
    name: str
    alias: str
    vehicle_class: str
    crew: list[str]
    steps: list[str]


def _end_step(vehicle_class: str) -> str:
    return "landed" if vehicle_class in CREW_CAPABLE or vehicle_class == "cargo_dragon" \
        else "deorbited"


@st.composite
def consistent_histories(
    draw: st.DrawFn,
    *,
    min_vehicles: int = 2,
    max_vehicles: int = 5,
    extras: bool = True,
    truncate: bool = True,
    reuse_aliases: bool = True,
) -> History:
    """A random history that could have happened, in strictly increasing whole seconds."""
    ports = tuple(draw(st.lists(st.sampled_from(ISS_PORTS), min_size=2, max_size=4,
                                unique=True)))
    classes = draw(st.lists(st.sampled_from(VEHICLE_CLASSES), min_size=min_vehicles,
                            max_size=max_vehicles))
    people = iter(f"{name} {round_}" for round_ in range(1, 100) for name in SURNAMES)
    plans: list[_Plan] = []
    for number, vehicle_class in enumerate(classes, start=1):
        crew = ([next(people) for _ in range(draw(st.integers(0, 3)))]
                if vehicle_class in CREW_CAPABLE else [])
        steps = ["launched", "docked"]
        steps += ["relocated"] if draw(st.booleans()) else []
        steps += ["leak_detected"] if draw(st.booleans()) else []
        steps += ["crew_assigned"] if vehicle_class in CREW_CAPABLE and draw(st.booleans()) else []
        steps += ["undocked", _end_step(vehicle_class)]
        plans.append(_Plan(f"{VEHICLE_PREFIX[vehicle_class]}{number}", f"{number}X",
                           vehicle_class, crew, steps))
    extra_budget = {"note": 2, "station_leak": 1, "decision_recorded": 1} if extras else {}

    start = datetime(2022, 1, 1, tzinfo=UTC) + timedelta(seconds=draw(st.integers(0, 10**7)))
    clock = start
    model = ReferenceModel()
    events: list[dict[str, Any]] = []
    requires: list[frozenset[int]] = []
    last_of: dict[str, int] = {}  # vehicle -> index of its stream's last event
    freed: dict[str, int] = {}  # port -> index of the event that last freed it
    arrival: dict[str, int] = {}  # person -> index of the docking that brought them aboard

    def emit(event: dict[str, Any], needs: set[int], vehicle: str | None = None) -> None:
        index = len(events)
        event = {"type": event.pop("type"), "occurred_at": utc_text(clock),
                 "event_id": f"h{index:03d}-{event_kind}", **event}
        model.apply(event)  # the planner's own check: a generator bug fails loudly here
        events.append(event)
        requires.append(frozenset(needs))
        if vehicle is not None:
            last_of[vehicle] = index

    event_kind = "station_configured"
    emit({"type": event_kind, "station": STATION, "ports": list(ports)}, set())

    holders: dict[str, list[str]] = {}  # alias -> vehicles that carried it, in launch order
    ended: dict[str, int] = {}  # vehicle -> index of its landing or reentry

    def reference(plan: _Plan, needs: set[int]) -> str:
        """The name an event uses for PLAN's vehicle: usually canonical, sometimes its alias.
        A reused alias only means this vehicle once the earlier carriers are known to be
        down, so the event needs their landings (or the log would call it ambiguous)."""
        if draw(st.integers(0, 3)):
            return plan.name
        needs |= {ended[v] for v in holders[plan.alias] if v != plan.name}
        return plan.alias

    def pick_alias(plan: _Plan) -> None:
        """Capsules fly again: sometimes reuse the alias of a vehicle that is down."""
        down = {a for s in model.vehicles.values() if s.status in ("landed", "deorbited")
                for a in s.aliases}
        up = {a for s in model.vehicles.values() if s.status in ("in_flight", "docked")
              for a in s.aliases}
        reusable = sorted(down - up)
        if reuse_aliases and reusable and draw(st.integers(0, 2)) == 0:
            plan.alias = draw(st.sampled_from(reusable))
        holders.setdefault(plan.alias, []).append(plan.name)

    while True:
        options: list[tuple[str, _Plan | None]] = []
        for plan in plans:
            while plan.steps:
                step = plan.steps[0]
                state = model.vehicles.get(plan.name)
                if step == "relocated" and not _free_ports(model, exclude=state):
                    plan.steps.pop(0)  # nowhere to move to: this flight skips its relocation
                    continue
                if step == "crew_assigned" and not _reassignable(model, plan.name):
                    plan.steps.pop(0)
                    continue
                if step == "docked" and not _free_ports(model):
                    break  # waits in flight for a port
                options.append((step, plan))
                break
        options += [(kind, None) for kind, left in extra_budget.items() if left]
        if not options:
            break
        event_kind, chosen = draw(st.sampled_from(options))
        clock += timedelta(seconds=draw(st.integers(1, 2 * 86400)))
        if chosen is None:
            extra_budget[event_kind] -= 1
            _emit_extra(draw, event_kind, model, emit, last_of)
            continue
        plan = chosen
        plan.steps.pop(0)
        needs = {last_of[plan.name]} if plan.name in last_of else set()
        if event_kind == "launched":
            pick_alias(plan)
            emit({"type": "launched", "vehicle": plan.name, "vehicle_class": plan.vehicle_class,
                  "crew": list(plan.crew), "aliases": [plan.alias]}, needs, plan.name)
        elif event_kind == "docked":
            port = draw(st.sampled_from(_free_ports(model)))
            needs |= {0} | ({freed[port]} if port in freed else set())
            emit({"type": "docked", "vehicle": reference(plan, needs), "station": STATION,
                  "port": port}, needs, plan.name)
            for person in plan.crew:
                arrival[person] = len(events) - 1
        elif event_kind == "relocated":
            state = model.vehicles[plan.name]
            old_port = str(state.port)
            port = draw(st.sampled_from(_free_ports(model, exclude=state)))
            needs |= {freed[port]} if port in freed else set()
            emit({"type": "relocated", "vehicle": reference(plan, needs), "port": port}, needs,
                 plan.name)
            freed[old_port] = len(events) - 1
        elif event_kind == "leak_detected":
            leak = {"type": "leak_detected", "vehicle": reference(plan, needs),
                    "system": draw(st.sampled_from(LEAK_SYSTEMS)),
                    "severity": draw(st.sampled_from(SEVERITIES))}
            if draw(st.booleans()):
                leak["cause"] = "micrometeoroid"
            emit(leak, needs, plan.name)
        elif event_kind == "crew_assigned":
            candidates = _reassignable(model, plan.name)
            crew = draw(st.lists(st.sampled_from(candidates), min_size=1, unique=True))
            needs |= {arrival[p] for p in crew}
            emit({"type": "crew_assigned", "vehicle": reference(plan, needs), "crew": crew}, needs,
                 plan.name)
        elif event_kind == "undocked":
            state = model.vehicles[plan.name]
            port = str(state.port)
            crew = ([p for p, s in model.people.items()
                     if s.on_station and s.ride == plan.name]
                    if plan.vehicle_class in CREW_CAPABLE else [])
            needs |= {arrival[p] for p in crew}
            emit({"type": "undocked", "vehicle": reference(plan, needs), "crew": crew}, needs,
                 plan.name)
            freed[port] = len(events) - 1
        else:
            ending = {"type": event_kind, "vehicle": reference(plan, needs)}
            if event_kind == "landed" and draw(st.booleans()):
                ending["site"] = "Kazakh steppe"
            emit(ending, needs, plan.name)
            ended[plan.name] = len(events) - 1

    cut = len(events)
    if truncate and draw(st.booleans()):  # a history still under way: some vehicles in space
        cut = draw(st.integers(max(3, len(events) // 2), len(events)))
    return History(
        ports=ports,
        events=tuple(events[:cut]),
        requires=tuple(requires[:cut]),
        vehicles=tuple(e["vehicle"] for e in events[:cut] if e["type"] == "launched"),
    )


def _free_ports(model: ReferenceModel, exclude: _Vehicle | None = None) -> list[str]:
    return [port for port, holder in model.ports.get(STATION, {}).items()
            if holder is None and (exclude is None or port != exclude.port)]


def _reassignable(model: ReferenceModel, vehicle: str) -> list[str]:
    """People aboard the station whose ride home is some other vehicle."""
    state = model.vehicles.get(vehicle)
    if state is None or state.status != "docked":
        return []
    return sorted(p for p, s in model.people.items()
                  if s.on_station and s.where == state.station and s.ride != vehicle)


def _emit_extra(
    draw: st.DrawFn, kind: str, model: ReferenceModel, emit: Any, last_of: dict[str, int]
) -> None:
    if kind == "note":
        subject = draw(st.sampled_from([None, STATION]))
        note: dict[str, Any] = {"type": "note", "text": draw(st.sampled_from(
            ["EVA postponed", "hatches closed overnight", "thermal check nominal"]))}
        if subject is not None:
            note["subject"] = subject
        emit(note, {0} if subject else set())
    elif kind == "station_leak":
        emit({"type": "leak_detected", "station": STATION, "module": "Zvezda PrK",
              "system": "atmosphere", "severity": draw(st.sampled_from(SEVERITIES))}, {0})
    else:
        launched = sorted(model.vehicles)
        if not launched:
            emit({"type": "note", "text": "no vehicle yet to decide about"}, set())
            return
        subject = draw(st.sampled_from(launched))
        emit({"type": "decision_recorded", "subject": subject,
              "decision": "keep the hatches open"}, {last_of[subject]}, subject)


@st.composite
def recording_orders(
    draw: st.DrawFn, history: History, max_batch: int = 4
) -> list[list[dict[str, Any]]]:
    """The events of HISTORY in an order an operator could learn them, in batches.

    A random linear extension of `history.requires` (each event after the events it needs),
    cut into batches of 1..MAX_BATCH events. Late events are the norm, not the exception.
    """
    done: set[int] = set()
    order: list[int] = []
    remaining = list(range(len(history.events)))
    while remaining:
        ready = [i for i in remaining if history.requires[i] <= done]
        chosen = draw(st.sampled_from(ready))
        remaining.remove(chosen)
        done.add(chosen)
        order.append(chosen)
    batches: list[list[dict[str, Any]]] = []
    while order:
        size = draw(st.integers(1, max_batch))
        batches.append([dict(history.events[i]) for i in order[:size]])
        order = order[size:]
    return batches


# ---- the seed story and probes shared by the store and replay tests ---------------------


def _ev(kind: str, at: str, event_id: str, **fields: Any) -> dict[str, Any]:
    return {"type": kind, "occurred_at": at, "event_id": event_id, **fields}


ISS_PORTS_2023 = ["Rassvet nadir", "Poisk zenith", "Prichal nadir", "Zvezda aft",
                  "Harmony forward", "Harmony zenith", "Unity nadir"]
SOYUZ_MS_22_CREW = ["Sergey Prokopyev", "Dmitri Petelin", "Frank Rubio"]
CREW_5 = ["Nicole Mann", "Josh Cassada", "Koichi Wakata", "Anna Kikina"]
# The seed story (docs: facts/iss-2022-2023.md), cut down to what the station looked like on
# 2023-02-12: two coolant leaks, one on the crew's Soyuz, one on a Progress.
SEED_STORY: tuple[dict[str, Any], ...] = (
    _ev("station_configured", "2021-11-26T15:20:00Z", "iss-ports", station="ISS",
        ports=ISS_PORTS_2023),
    _ev("launched", "2022-06-03T09:32:16Z", "progress-ms-20-launched", vehicle="Progress MS-20",
        vehicle_class="progress", aliases=["Progress 81", "81P"]),
    _ev("docked", "2022-06-03T13:02:03Z", "progress-ms-20-docked", vehicle="Progress MS-20",
        station="ISS", port="Zvezda aft"),
    _ev("launched", "2022-09-21T13:54:49Z", "soyuz-ms-22-launched", vehicle="Soyuz MS-22",
        vehicle_class="soyuz", crew=SOYUZ_MS_22_CREW, aliases=["68S", "K.E. Tsiolkovsky"]),
    _ev("docked", "2022-09-21T17:06:00Z", "soyuz-ms-22-docked", vehicle="Soyuz MS-22",
        station="ISS", port="Rassvet nadir"),
    _ev("launched", "2022-10-05T16:00:57Z", "crew-5-launched", vehicle="Crew-5",
        vehicle_class="crew_dragon", crew=CREW_5, aliases=["Endurance"]),
    _ev("docked", "2022-10-06T21:01:00Z", "crew-5-docked", vehicle="Crew-5", station="ISS",
        port="Harmony forward"),
    _ev("launched", "2022-10-26T00:20:09Z", "progress-ms-21-launched", vehicle="Progress MS-21",
        vehicle_class="progress", aliases=["Progress 82", "82P"]),
    _ev("docked", "2022-10-28T02:48:54Z", "progress-ms-21-docked", vehicle="Progress MS-21",
        station="ISS", port="Poisk zenith"),
    _ev("leak_detected", "2022-12-15T00:45:00Z", "soyuz-ms-22-coolant-leak",
        vehicle="Soyuz MS-22", system="coolant", severity="major", cause="micrometeoroid"),
    _ev("crew_assigned", "2023-01-18T12:00:00Z", "rubio-to-crew-5", vehicle="Crew-5",
        crew=["Frank Rubio"]),
    _ev("undocked", "2023-02-07T04:00:00Z", "progress-ms-20-undocked", vehicle="Progress MS-20"),
    _ev("deorbited", "2023-02-07T08:04:00Z", "progress-ms-20-deorbited",
        vehicle="Progress MS-20"),
    _ev("launched", "2023-02-09T06:15:36Z", "progress-ms-22-launched", vehicle="Progress MS-22",
        vehicle_class="progress", aliases=["Progress 83", "83P"]),
    _ev("docked", "2023-02-11T08:45:00Z", "progress-ms-22-docked", vehicle="Progress MS-22",
        station="ISS", port="Zvezda aft"),
    _ev("leak_detected", "2023-02-11T09:40:00Z", "progress-ms-21-coolant-leak",
        vehicle="Progress MS-21", system="coolant", severity="major"),
)


def seed_story_jsonl() -> str:
    return "".join(json.dumps(event) + "\n" for event in SEED_STORY)


def log_fingerprint(path: Any) -> str:
    """Everything the SQLite file holds, as SQL text, read with plain sqlite3: two equal
    fingerprints mean not one byte of content changed (events, checkpoints, projections).
    A PostgreSQL log (its URL) is read table by table (tests/pgkit.py)."""
    import sqlite3

    if str(path).startswith("postgresql:"):
        from pgkit import fingerprint

        return fingerprint(path)

    connection = sqlite3.connect(str(path))
    try:
        return "\n".join(connection.iterdump())
    finally:
        connection.close()


def scratch_dir() -> tempfile.TemporaryDirectory[str]:
    """A fresh directory for one hypothesis example's SQLite files.

    Each example opens new files and commits dozens of times, and every commit is fsynced
    (synchronous=FULL, ~4 ms on the project machine). The property tests are about content,
    not durability, so they use RAM-backed /dev/shm where the machine has it; durability
    across a crash is tested on disk (test_store_crash.py).
    """
    shm = Path("/dev/shm")
    usable = shm.is_dir() and os.access(shm, os.W_OK)
    return tempfile.TemporaryDirectory(prefix="missionlog-", dir=shm if usable else None)
