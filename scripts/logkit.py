"""Shared machinery of the bundled-log generators (build_iss_log.py, build_starliner_log.py,
build_shenzhou_log.py): one way to write an event, to give it its knowledge time, to check it,
and to write or `--check` the committed JSONL.

Why a module: the three generators hold different facts but must follow the same rules, and
a rule fixed in one copy and not the others would make the bundled logs disagree.

Stdlib only on purpose. The generator must run (and `--check` must pass) while the event
models for the newer types (`planned`, `plan_cancelled`, `vehicle_assessed`, `leak_resolved`
and the new optional fields) are still being written; the types missionlog already knows are
validated through its models when it is importable, the newer ones by `NEW_SHAPES` here.

The knowledge clock (`recorded_at`), one rule for every bundled log:
- a first public report known to the minute: recorded at that instant;
- a first report known to the day D: recorded at D 23:59:00Z, plus one second per earlier line
  of that day (in order of occurrence), so lines are strictly ordered;
- a first report not found (or only a month): recorded at the end of the UTC day the event
  happened (same layout), and the event's note says so ("First report not found");
- a report of a vehicle's later event also reports its earlier ones: an event is never
  recorded after a later event of the same vehicle (the later report lowers it);
- `occurred_at` is never after `recorded_at` (checked), and the file is written in strictly
  increasing `recorded_at` order, as an import requires.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

Event = dict[str, Any]
Note = str | None
UNKNOWN = "unknown"  # a first report not found in the sources
PRECISIONS = ("second", "minute", "hour", "day")
STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
DAY = re.compile(r"\d{4}-\d\d-\d\d")
COMMON = {"type", "occurred_at", "event_id", "precision", "source", "note", "recorded_at",
          "earliest", "latest"}  # earliest/latest: a window wider than the precision
UNKNOWN_NOTE = ("First report not found: recorded at the end of the UTC day it happened "
                "(the bundled logs' rule for unknown report dates).")
DEFAULT_SEATS = {"soyuz": 3, "shenzhou": 3, "crew_dragon": 4, "starliner": 4}

# Fields of the event types missionlog's models do not know yet: type -> (required, optional).
NEW_SHAPES: dict[str, tuple[set[str], set[str]]] = {
    "vehicle_assessed": ({"vehicle", "fitness", "reason", "by"}, {"max_crew"}),
    "planned": ({"vehicle", "activity", "planned_for", "planned_for_precision"},
                {"station", "port", "crew", "purpose", "answers"}),
    "plan_cancelled": ({"vehicle", "activity", "reason"}, set()),
    "leak_resolved": ({"system", "how", "by"}, {"vehicle", "station", "module"}),
}
# The types missionlog's models already know: type -> (required, optional), beyond COMMON.
KNOWN_SHAPES: dict[str, tuple[set[str], set[str]]] = {
    "station_configured": ({"station", "ports"}, set()),
    "launched": ({"vehicle", "vehicle_class", "crew", "aliases"}, set()),
    "docked": ({"vehicle", "station", "port"}, set()),
    "relocated": ({"vehicle", "port"}, set()),
    "undocked": ({"vehicle", "crew"}, set()),
    "landed": ({"vehicle"}, {"site"}),
    "deorbited": ({"vehicle"}, set()),
    "leak_detected": ({"system"}, {"vehicle", "station", "module", "severity", "cause"}),
    "crew_assigned": ({"vehicle", "crew"}, set()),
    "decision_recorded": ({"subject", "decision"}, {"by"}),
    "note": ({"text"}, {"subject"}),
}
# Optional fields the contract adds to existing types (stripped before model validation).
NEW_OPTIONAL = {"launched": {"seats", "crew_capable"}, "decision_recorded": {"kind", "crew"},
                "station_configured": {"modules"}}
FITNESS = {"fit", "emergency_only", "unfit"}
ACTIVITIES = {"launch", "dock", "relocate", "undock", "land", "deorbit"}
LEAK_HOW = {"repaired", "isolated", "false_alarm"}
DECISION_KINDS = {"replacement_required", "return_uncrewed", "crew_reassignment_required",
                  "no_change", "assessment_required", "seats_exceeded", "crew_in_unfit_vehicle",
                  "ruling"}


def stamp(when: str) -> str:
    """A bare date gets the 12:00Z placeholder; a time without seconds gets ':00'."""
    at = when + "T12:00Z" if len(when) == 10 else when
    return at[:-1] + ":00Z" if len(at) == 17 else at


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class Log:
    """The events of one bundled log, in script order, with their first-report dates."""

    def __init__(self) -> None:
        self.events: list[Event] = []
        self.reported: dict[str, str] = {}  # event_id -> instant, date or UNKNOWN

    def add(self, etype: str, when: str, precision: str, eid: str, src: str, note: Note,
            reported: str, **fields: Any) -> Event:
        """Append one wire event. `reported` is its first public report: an ISO instant, a
        date, or UNKNOWN (then the note says which rule placed it)."""
        at = stamp(when)
        if precision == "day" and "only the date" not in (note or "").lower():
            note = f"Only the date is known; {at[11:16]}Z is a placeholder. {note or ''}".strip()
        if reported == UNKNOWN:
            note = f"{note} {UNKNOWN_NOTE}".strip() if note else UNKNOWN_NOTE
        event: Event = {"type": etype, "occurred_at": at, "event_id": eid, **fields}
        event |= {"precision": precision, "source": " ; ".join(src.split())}
        if note:
            event["note"] = note
        self.events.append(event)
        self.reported[eid] = reported
        return event

    def planned(self, announced: str, eid: str, vehicle: str, activity: str, planned_for: str,
                planned_precision: str, src: str, note: Note = None, *,
                precision: str = "day", reported: str | None = None,
                **extra: Any) -> Event:
        """A plan, made or announced at `announced` (its occurred_at and, unless told, its
        first report)."""
        fields = {"vehicle": vehicle, "activity": activity, "planned_for": stamp(planned_for),
                  "planned_for_precision": planned_precision, **extra}
        return self.add("planned", announced, precision, eid, src, note,
                        reported or announced, **fields)

    def cancelled(self, announced: str, eid: str, vehicle: str, activity: str, reason: str,
                  src: str, note: Note = None, *, precision: str = "day",
                  reported: str | None = None) -> Event:
        fields = {"vehicle": vehicle, "activity": activity, "reason": reason}
        return self.add("plan_cancelled", announced, precision, eid, src, note,
                        reported or announced, **fields)


# ---- the knowledge clock ----------------------------------------------------------------


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _text(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _end_of_day(day: str) -> datetime:
    return _instant(f"{day}T23:59:00Z")


def assign_recorded_at(log: Log) -> list[Event]:
    """Give every event its recorded_at (rules in the module docstring); return the events
    in the order they are written: strictly increasing recorded_at."""
    events = log.events
    base: dict[str, datetime] = {}
    for e in events:
        rep = log.reported[e["event_id"]]
        if rep == UNKNOWN:
            base[e["event_id"]] = _end_of_day(e["occurred_at"][:10])
        elif DAY.fullmatch(rep):
            base[e["event_id"]] = _end_of_day(rep)
        else:
            rep = stamp(rep)
            assert STAMP.fullmatch(rep), f"{e['event_id']}: reported {rep!r}"
            base[e["event_id"]] = _instant(rep)
    by_time = sorted(range(len(events)), key=lambda i: (events[i]["occurred_at"], i))
    latest: dict[str, datetime] = {}  # vehicle -> earliest report of any later event
    for i in reversed(by_time):
        e = events[i]
        vehicle = e.get("vehicle") if e["type"] not in ("planned", "plan_cancelled") else None
        if vehicle is None:
            continue
        if vehicle in latest and latest[vehicle] < base[e["event_id"]]:
            base[e["event_id"]] = latest[vehicle]
        latest[vehicle] = min(latest.get(vehicle, base[e["event_id"]]), base[e["event_id"]])
    order = sorted(range(len(events)),
                   key=lambda i: (base[events[i]["event_id"]], events[i]["occurred_at"], i))
    written: list[Event] = []
    last: datetime | None = None
    for i in order:
        e = events[i]
        at = base[e["event_id"]]
        if last is not None and at <= last:
            at = last + timedelta(seconds=1)
        last = at
        e["recorded_at"] = _text(at)
        assert e["occurred_at"] <= e["recorded_at"], (
            f"{e['event_id']}: occurred_at {e['occurred_at']} after recorded_at "
            f"{e['recorded_at']}")
        written.append(e)
    return written


# ---- shape checks -------------------------------------------------------------------------


def check_new_shape(e: Event, fail: str) -> None:
    """Structural check of the newer types and fields (their models are not landed yet)."""
    req, opt = NEW_SHAPES[e["type"]]
    assert req <= set(e) - COMMON <= req | opt, f"{fail}: fields {sorted(set(e) - COMMON)}"
    kind = e["type"]
    if kind == "vehicle_assessed":
        assert e["fitness"] in FITNESS, f"{fail}: fitness"
        assert "max_crew" not in e or (e["fitness"] == "emergency_only"
                                        and isinstance(e["max_crew"], int)), f"{fail}: max_crew"
    elif kind in ("planned", "plan_cancelled"):
        assert e["activity"] in ACTIVITIES, f"{fail}: activity"
    if kind == "planned":
        assert STAMP.fullmatch(e["planned_for"]), f"{fail}: planned_for"
        assert e["planned_for_precision"] in PRECISIONS, f"{fail}: planned_for_precision"
        assert not ("purpose" in e and "answers" in e), f"{fail}: purpose or answers"
        if "answers" in e:
            assert set(e["answers"]) == {"kind", "subject"}, f"{fail}: answers"
            assert e["answers"]["kind"] in DECISION_KINDS, f"{fail}: answers.kind"
        known = e.get("recorded_at", e["occurred_at"])
        assert e["planned_for"] > known, f"{fail}: a plan for the past of its recording"
    if kind == "leak_resolved":
        assert e["how"] in LEAK_HOW, f"{fail}: how"
        assert ("vehicle" in e) != ("station" in e), f"{fail}: vehicle or station"
    if kind == "decision_recorded" and "kind" in e:
        assert e["kind"] in DECISION_KINDS, f"{fail}: kind"


def _model_validator() -> Callable[[Event], None] | None:
    """missionlog's own validation of the types it knows, when the package is importable."""
    try:
        from missionlog.events import parse_event
    except ImportError:  # the generator still runs (and checks structure) without it
        return None

    def validate(e: Event) -> None:
        if e["type"] in NEW_SHAPES:
            return
        wire = {k: v for k, v in e.items()
                if k != "recorded_at" and k not in NEW_OPTIONAL.get(e["type"], set())}
        parse_event(wire)

    return validate


def check_shapes(written: list[Event]) -> None:
    """Every line: known fields, whole-second UTC, unique id, sourced, precision noted."""
    validate = _model_validator()
    ids: set[str] = set()
    for e in written:
        fail = f"{e['event_id']} ({e['occurred_at']})"
        if e["type"] in NEW_SHAPES:
            check_new_shape(e, fail)
        else:
            req, opt = KNOWN_SHAPES[e["type"]]
            opt = opt | NEW_OPTIONAL.get(e["type"], set())
            assert req <= set(e) - COMMON <= req | opt, f"{fail}: fields {sorted(set(e))}"
            if e["type"] == "decision_recorded":
                check_new_shape_fields(e, fail)
        assert STAMP.fullmatch(e["occurred_at"]), f"{fail}: time"
        assert STAMP.fullmatch(e["recorded_at"]), f"{fail}: recorded_at"
        assert e["event_id"] not in ids, f"{fail}: duplicate event_id"
        ids.add(e["event_id"])
        assert e["precision"] in PRECISIONS, f"{fail}: precision"
        assert e["precision"] in {"second", "day"} or e["occurred_at"].endswith(":00Z"), fail
        assert e["precision"] != "day" or "only the date" in e["note"].lower(), f"{fail}: note"
        assert all(u.startswith("http") for u in e["source"].split(" ; ")), f"{fail}: source"
        if validate is not None:
            validate(e)
    recorded = [e["recorded_at"] for e in written]
    assert recorded == sorted(set(recorded)), "recorded_at must strictly increase"


def check_new_shape_fields(e: Event, fail: str) -> None:
    if "kind" in e:
        assert e["kind"] in DECISION_KINDS, f"{fail}: kind {e['kind']}"
    if "crew" in e:
        assert isinstance(e["crew"], list) and e["crew"], f"{fail}: crew"


def check_every_knowledge_time(written: list[Event],
                               replay: Callable[[list[Event], bool], None]) -> None:
    """Replay what was known after each line (in mission-time order): the story must be
    consistent on both clocks, not only once everything is known."""
    for n in range(1, len(written) + 1):
        known = sorted(written[:n], key=lambda e: e["occurred_at"])
        replay(known, n == len(written))


# ---- writing --------------------------------------------------------------------------------


def emit(out: Path, written: Iterable[Event], argv: list[str], script: str) -> int:
    """Write the JSONL, or with --check fail (exit 1) if the committed file differs."""
    lines = list(written)
    text = "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in lines)
    if "--check" not in argv:
        out.write_text(text, encoding="utf-8")
    elif not out.exists() or out.read_text(encoding="utf-8") != text:
        print(f"{out} is stale: run python scripts/{script}", file=sys.stderr)
        return 1
    counts: dict[str, int] = {}
    for e in lines:
        counts[e["type"]] = counts.get(e["type"], 0) + 1
    print(f"{len(lines)} events OK ({out.name}): {counts}")
    return 0


# ---- the replay: the store's rules, over the generator's own events ------------------------

CREW_CAPABLE = {"soyuz", "crew_dragon", "starliner", "shenzhou"}
PLAN_TYPES = {"planned", "plan_cancelled"}


class Registry:
    """The vehicles a bundled log names: canonical name -> (vehicle_class, aliases)."""

    def __init__(self, vehicles: dict[str, tuple[str, tuple[str, ...]]],
                 still_docked: set[str], *, lifeboat_always: bool = True) -> None:
        self.vehicles = vehicles
        self.still_docked = still_docked
        # False where the story has real days with no ride home (the invariant would be false).
        # Checked only once everything is known: on the knowledge clock a ride home can be
        # unknown for a while (Rubio's liner into Soyuz MS-23 was first reported 13 days
        # after Crew-5 left), and that gap is the data, not an error.
        self.lifeboat_always = lifeboat_always
        self.names = {a: v for v, (_, al) in vehicles.items() for a in (v, *al)}

    def replay(self, events: list[Event], final: bool) -> None:
        """Replay events (mission-time order) and fail, naming the event, at the first rule
        it breaks; with `final`, also check the end of the window."""
        ports: dict[tuple[str, str], str | None] = {}
        state: dict[str, str] = {}  # vehicle -> in_flight | docked | landed | deorbited
        at_port: dict[str, tuple[str, str]] = {}  # docked vehicle -> (station, port)
        aboard: dict[str, list[str]] = {}  # vehicle in free flight -> crew inside it
        where: dict[str, str] = {}  # person in space -> vehicle or station
        ret: dict[str, str] = {}  # person in space -> return vehicle (where the seat liner is)
        seats: dict[str, int] = {}
        stations: set[str] = set()
        for e in events:
            kind, v = e["type"], e.get("vehicle")
            fail = f"{e['event_id']} ({e['occurred_at']})"
            if kind in PLAN_TYPES:
                assert v in self.vehicles, f"{fail}: unknown vehicle"
                continue
            if kind == "station_configured":
                stations.add(e["station"])
                for port in e["ports"]:
                    ports.setdefault((e["station"], port), None)
            elif kind == "launched":
                twice = v in state or set(e["crew"]) & set(where)
                assert not twice, f"{fail}: launched twice?"
                capable = e.get("crew_capable", e["vehicle_class"] in CREW_CAPABLE)
                seats[v] = e.get("seats", DEFAULT_SEATS.get(e["vehicle_class"], 0))
                assert not e["crew"] or capable, f"{fail}: crewed cargo"
                assert len(e["crew"]) <= seats[v], f"{fail}: more crew than seats"
                state[v], aboard[v] = "in_flight", list(e["crew"])
                where |= dict.fromkeys(e["crew"], v)
                ret |= dict.fromkeys(e["crew"], v)
            elif kind == "docked":
                key = (e["station"], e["port"])
                assert state.get(v) == "in_flight", f"{fail}: not in flight"
                assert key in ports and ports[key] is None, f"{fail}: port unknown or taken"
                ports[key], at_port[v], state[v] = v, key, "docked"
                where |= dict.fromkeys(aboard.pop(v), e["station"])
            elif kind == "relocated":
                assert state.get(v) == "docked", f"{fail}: not docked"
                key = (at_port[v][0], e["port"])
                assert key in ports and ports[key] is None, f"{fail}: port unknown or taken"
                ports[at_port[v]], ports[key], at_port[v] = None, v, key
            elif kind == "undocked":
                assert state.get(v) == "docked", f"{fail}: not docked"
                station = at_port[v][0]
                assert all(where.get(p) == station for p in e["crew"]), f"{fail}: crew not aboard"
                ports[at_port.pop(v)], state[v], aboard[v] = None, "in_flight", list(e["crew"])
                where |= dict.fromkeys(e["crew"], v)
            elif kind in ("landed", "deorbited"):
                assert state.get(v) == "in_flight", f"{fail}: must undock first"
                assert kind == "landed" or not aboard[v], f"{fail}: crew aboard a deorbit"
                for person in aboard.pop(v):
                    assert ret[person] == v, f"{fail}: {person} rode home without a seat liner"
                    del where[person], ret[person]
                state[v] = kind
            elif kind == "crew_assigned":
                assert state.get(v) in ("in_flight", "docked"), f"{fail}: vehicle not in space"
                assert self.vehicles[v][0] in CREW_CAPABLE, f"{fail}: not crew-capable"
                assert set(e["crew"]) <= set(where), f"{fail}: crew not in space"
                if state[v] == "docked":
                    station = at_port[v][0]
                    assert all(where[p] == station for p in e["crew"]), f"{fail}: other station"
                ret |= dict.fromkeys(e["crew"], v)
            elif kind == "decision_recorded":
                subject = self.names.get(e["subject"])
                assert subject in state or e["subject"] in stations, f"{fail}: subject unknown"
                assert set(e.get("crew", ())) <= set(where), f"{fail}: crew not in space"
            elif kind in ("vehicle_assessed", "leak_detected", "leak_resolved") and v:
                assert state.get(v) in ("in_flight", "docked"), f"{fail}: vehicle not in space"
            elif kind in ("leak_detected", "leak_resolved"):
                assert e["station"] in stations, f"{fail}: unknown station"
            elif kind == "note" and e.get("subject"):
                subject = e["subject"]
                assert subject in self.names or subject in stations, f"{fail}: unknown subject"
            if self.lifeboat_always and final:  # on the mission clock, with everything known
                for person, place in where.items():  # everyone aboard has a lifeboat docked
                    assert place not in stations or state[ret[person]] == "docked", (
                        f"{fail}: {person} has no lifeboat")
        if final:
            assert set(state) == set(self.vehicles), "every registered vehicle launches"
            docked = {v for v, s in state.items() if s == "docked"}
            assert docked == self.still_docked, f"end-of-window state: {sorted(docked)}"


def build(log: Log, registry: Registry, out: Path, argv: list[str], script: str) -> int:
    """A generator's main: knowledge times, shape checks, the replay after every line, then
    write (or `--check`) the file."""
    written = assign_recorded_at(log)
    check_shapes(written)
    check_every_knowledge_time(written, registry.replay)
    return emit(out, written, argv, script)
