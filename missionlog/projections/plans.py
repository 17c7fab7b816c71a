"""Plans: what is meant to happen, kept beside what happened and never mixed into it.

A `planned` event puts a plan in force for its (vehicle, activity); a later one for
the same pair supersedes it, a `plan_cancelled` withdraws it, and the real event
(a `docked` for a `dock` plan, and so on) fulfils it, late or early by so much.
The fold (`World`) keeps the plans in force and the fulfilled ones; nothing here
changes a vehicle, a port or a person, so a plan can never change what happened.

A plan may name a vehicle that has not launched (a launch plan always does): it is
kept under the name as written, and a launch that carries that name (as its own or
as an alias) takes the plans over under its canonical name.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any, TypedDict

from missionlog.errors import HistoryConflict, UnknownName

# The event type that fulfils each activity.
FULFILLED_BY: dict[str, str] = {
    "launched": "launch",
    "docked": "dock",
    "relocated": "relocate",
    "undocked": "undock",
    "landed": "land",
    "deorbited": "deorbit",
}
ACTIVITIES = tuple(FULFILLED_BY.values())


class PlanView(TypedDict):
    """One plan in force: `MissionLog.plans` / `plans --json` (also in `state`'s `next`)."""

    vehicle: str
    activity: str
    planned_for: str
    planned_for_precision: str
    station: str | None
    port: str | None
    crew: list[str]
    purpose: str | None
    answers: dict[str, str] | None
    announced_at: str
    event_id: str
    recorded_at: str
    replaces: str | None  # the planned_for this plan superseded, if any


class FulfilledView(TypedDict):
    """A plan the real event fulfilled, and by how much it was late (negative: early)."""

    vehicle: str
    activity: str
    planned_for: str
    planned_for_precision: str
    happened_at: str
    late_by_seconds: int  # after the plan's window (negative: before it; 0: inside it)
    within_precision: bool
    event_id: str  # the event that fulfilled it
    plan_event_id: str


def window(at: str, precision: str) -> tuple[str, str]:
    """The instants a time at PRECISION may stand for: a day-precision time is its whole
    UTC day, an hour its hour, a minute its minute. Text in, text out (the fixed-width
    UTC form, so text order is time order): the replay calls this for every event."""
    if precision == "second":
        return at, at
    if precision == "day":
        return at[:10] + "T00:00:00Z", at[:10] + "T23:59:59Z"
    if precision == "hour":
        return at[:13] + ":00:00Z", at[:13] + ":59:59Z"
    return at[:16] + ":00Z", at[:16] + ":59Z"


def event_window(event: dict[str, Any]) -> tuple[str, str]:
    """When EVENT may have happened: its precision's window, or the wider one its
    `earliest`/`latest` give."""
    start, end = window(event["occurred_at"], event.get("precision", "second"))
    earliest, latest = event.get("earliest"), event.get("latest")
    return (min(start, earliest) if earliest else start, max(end, latest) if latest else end)


def seconds_between(earlier: str, later: str) -> int:
    return int((_parse(later) - _parse(earlier)).total_seconds())


def shift(at: str, seconds: int) -> str:
    return _text(_parse(at) + timedelta(seconds=seconds))


def _parse(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _text(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


# ---- the fold's part ---------------------------------------------------------------------

Plans = dict[str, dict[str, PlanView]]  # vehicle (as the plan names it) -> activity -> plan


def make_plan(event: dict[str, Any], stream: str, recorded_at: str,
              replaced: PlanView | None) -> PlanView:
    return {
        "vehicle": stream,
        "activity": event["activity"],
        "planned_for": event["planned_for"],
        "planned_for_precision": event.get("planned_for_precision", "day"),
        "station": event.get("station"),
        "port": event.get("port"),
        "crew": list(event.get("crew") or ()),
        "purpose": event.get("purpose"),
        "answers": event.get("answers"),
        "announced_at": event["occurred_at"],
        "event_id": event["event_id"],
        "recorded_at": recorded_at,
        "replaces": replaced["planned_for"] if replaced else None,
    }


def cancel(plans: Plans, stream: str, activity: str, at: str) -> PlanView:
    """Withdraw the plan in force for STREAM's ACTIVITY; HistoryConflict if there is none."""
    plan = plans.get(stream, {}).pop(activity, None)
    if plan is None:
        in_force = ", ".join(sorted(plans.get(stream, {}))) or "none"
        raise HistoryConflict(
            f"no plan for {stream} to {activity} is in force at {at} "
            f"(its plans in force: {in_force})"
        )
    if not plans[stream]:
        del plans[stream]
    return plan


def adopt(plans: Plans, vehicle: str, names: list[str]) -> None:
    """A launch: plans filed under any of NAMES (the vehicle's aliases) move to VEHICLE."""
    for name in names:
        if name == vehicle or name not in plans:
            continue
        moved = plans.pop(name)
        target = plans.setdefault(vehicle, {})
        for activity, plan in moved.items():
            if activity not in target or plan["announced_at"] >= target[activity]["announced_at"]:
                target[activity] = {**plan, "vehicle": vehicle}


def fulfil(
    plans: Plans, vehicle: str, activity: str, event: dict[str, Any]
) -> FulfilledView | None:
    """The real event for VEHICLE's ACTIVITY happened: its plan, if any, is fulfilled."""
    by_activity = plans.get(vehicle)
    plan = by_activity.pop(activity, None) if by_activity else None
    if plan is None:
        return None
    if not by_activity:
        del plans[vehicle]
    happened = event["occurred_at"]
    start, end = window(plan["planned_for"], plan["planned_for_precision"])
    # Late or early against the plan's window: a day-precision plan met any time that
    # day is on time (its clock time was a placeholder).
    late = (seconds_between(end, happened) if happened > end
            else -seconds_between(happened, start) if happened < start else 0)
    return {
        "vehicle": vehicle,
        "activity": activity,
        "planned_for": plan["planned_for"],
        "planned_for_precision": plan["planned_for_precision"],
        "happened_at": happened,
        "late_by_seconds": late,
        "within_precision": start <= happened <= end,
        "event_id": event["event_id"],
        "plan_event_id": plan["event_id"],
    }


def check_plan_names(event: dict[str, Any], stations: dict[str, Any]) -> None:
    """A plan that names a station or a port names ones the log knows."""
    from missionlog.projections.state import suggest

    station = event.get("station")
    if station is None:
        return
    if station not in stations:
        raise UnknownName(f"station {station!r} is not configured{suggest(station, stations)}")
    port = event.get("port")
    ports = stations[station]["ports"]
    if port is not None and port not in ports:
        raise UnknownName(
            f"port {port!r} is not a port of {station}{suggest(port, ports)}"
        )


# ---- answers -----------------------------------------------------------------------------


def in_force(plans: Plans, station: str | None = None) -> list[PlanView]:
    """Every plan in force, by planned time (then vehicle, activity); STATION keeps the
    plans that name it."""
    found = [plan for by_activity in plans.values() for plan in by_activity.values()
             if station is None or plan["station"] == station]
    return sorted(found, key=lambda p: (p["planned_for"], p["vehicle"], p["activity"]))


def next_for(plans: Plans, names: list[str]) -> list[PlanView]:
    """The planned activities of a vehicle known by NAMES, soonest first."""
    found = [plan for name in names for plan in plans.get(name, {}).values()]
    return sorted(found, key=lambda p: (p["planned_for"], p["activity"]))


def answering(plans: Plans, kind: str, subject: str) -> PlanView | None:
    """The plan in force meant to resolve the KIND decision about SUBJECT (the soonest)."""
    for plan in in_force(plans):
        answers = plan["answers"]
        if answers and answers.get("kind") == kind and answers.get("subject") == subject:
            return plan
    return None


class PlannedResolution(TypedDict):
    """`planned_resolution` of a decision: which vehicle is meant to answer it, and when."""

    vehicle: str
    activity: str
    when: str
    precision: str
    announced_at: str
    event_id: str


def planned_resolutions(plans: Plans) -> dict[tuple[str, str], PlannedResolution]:
    """The `planned_resolution` of every (kind, subject) some plan in force answers, the
    soonest plan for each (as `answering` picks): one pass over the plans, so listing tens
    of thousands of decisions costs a dictionary look-up each."""
    found: dict[tuple[str, str], PlannedResolution] = {}
    for plan in in_force(plans):
        answers = plan["answers"]
        if not answers:
            continue
        key = (str(answers.get("kind")), str(answers.get("subject")))
        if key not in found:
            found[key] = {
                "vehicle": plan["vehicle"],
                "activity": plan["activity"],
                "when": plan["planned_for"],
                "precision": plan["planned_for_precision"],
                "announced_at": plan["announced_at"],
                "event_id": plan["event_id"],
            }
    return found


class PlanInForce(PlanView):
    overdue: bool  # its time has passed (as of the question) and it is not fulfilled


class PlansView(TypedDict):
    """`MissionLog.plans` / `plans --json`."""

    as_of: str
    plans: list[PlanInForce]
    fulfilled: list[FulfilledView]
    beyond_coverage: bool


def plans_view(world: Any, as_of: str, station: str | None = None,
               beyond_coverage: bool = False) -> PlansView:
    """The plans of WORLD (a folded World) at AS_OF."""
    current: list[PlanInForce] = []
    for plan in in_force(world.plans, station):
        _, end = window(plan["planned_for"], plan["planned_for_precision"])
        current.append({**plan, "overdue": end < as_of})
    names = {plan["vehicle"] for plan in in_force(world.plans, station)}
    fulfilled = [item for item in world.fulfilled
                 if station is None or item["vehicle"] in names
                 or _at_station(world, item["vehicle"], station)]
    return {"as_of": as_of, "plans": current, "fulfilled": fulfilled,
            "beyond_coverage": beyond_coverage}


def _at_station(world: Any, vehicle: str, station: str) -> bool:
    state = world.vehicles.get(vehicle)
    return state is not None and state.get("station") == station


def lateness(seconds: int) -> str:
    """'3 d 2 h late', '40 min early', 'on time': how far a fulfilled plan was off."""
    if seconds == 0:
        return "on time (within the plan's precision)"
    word = "late" if seconds > 0 else "early"
    left = abs(seconds)
    parts = []
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60), ("s", 1)):
        if left >= size:
            parts.append(f"{left // size} {unit}")
            left %= size
        if len(parts) == 2:
            break
    return f"{' '.join(parts)} {word}"
