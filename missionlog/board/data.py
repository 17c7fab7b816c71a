"""What the pages show, read from the log on a reader thread: MissionLog's own answers
(station, replay, state, decisions, explain, history), plus the log's span and last
event, which the slider and the footer need and the API does not give."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from missionlog.api import MissionLog

DUE_SOON_DAYS = 7


def span(log: MissionLog) -> dict[str, str | None]:
    """The first and last mission time in the log, and its last recorded event."""
    row = log.store.db.execute(
        "SELECT min(occurred_at), max(occurred_at), max(recorded_at) FROM events").fetchone()
    first, last, recorded = row if row else (None, None, None)
    last_position = log.store.db.execute("SELECT max(position) FROM events").fetchone()
    return {"first": first, "last": last, "recorded": recorded,
            "position": last_position[0] if last_position else None}


def stations(log: MissionLog, at: str | None, known_at: str | None) -> dict[str, Any]:
    """The replay at AT: every station and every vehicle in space (class, fitness)."""
    return dict(log.replay(until=at, known_at=known_at))


def board(log: MissionLog, name: str | None, at: str | None,
          known_at: str | None) -> dict[str, Any]:
    """Everything the station board shows for station NAME (default: the first)."""
    world = stations(log, at, known_at)
    names = [s["station"] for s in world["stations"]]
    chosen = name if name is not None else (names[0] if names else None)
    station = (cast(dict[str, Any], log.station(chosen, at=at, known_at=known_at))
               if chosen is not None else None)
    in_space = {v["vehicle"]: v for v in world["vehicles_in_space"]}
    vehicles = {}
    if station is not None:
        carried = {v["vehicle"]: v for v in station.get("vehicles", []) or []
                   if isinstance(v, dict) and "vehicle" in v}
        for port, vehicle in station["ports"].items():
            if vehicle is None:
                continue
            summary = {**in_space.get(vehicle, {}), **carried.get(vehicle, {})}
            leaks = (list(log.state(vehicle, at=at, known_at=known_at)["leaks"])
                     if summary.get("leaks") else [])
            vehicles[port] = {**summary, "vehicle": vehicle, "leak_list": leaks}
    decisions = [cast(dict[str, Any], d) for d in log.decisions(at=at, known_at=known_at)]
    return {
        "names": names,
        "station": station,
        "modules": modules(station["ports"]) if station else [],
        "vehicles": vehicles,
        "seats": seats(station),
        "open": [d for d in decisions if d["status"] != "resolved"],
        "plans": plans_due(log, station, at, known_at),
    }


def modules(ports: dict[str, str | None]) -> list[tuple[str, list[str]]]:
    """Ports grouped by module: the log names no modules, so a port's module is the
    first word of its name ("Harmony forward" is on Harmony), in the order first seen."""
    grouped: dict[str, list[str]] = defaultdict(list)
    for port in ports:
        grouped[port.split(" ", 1)[0]].append(port)
    return list(grouped.items())


def seats(station: dict[str, Any] | None) -> dict[str, int]:
    """People aboard whose ride home is each vehicle (its seats taken, as the log says)."""
    taken: dict[str, int] = defaultdict(int)
    for person in (station or {}).get("crew", []):
        if person.get("return_vehicle"):
            taken[person["return_vehicle"]] += 1
    return dict(taken)


def plans_due(log: MissionLog, station: dict[str, Any] | None, at: str | None,
              known_at: str | None) -> list[dict[str, Any]] | None:
    """Plans for STATION due within DUE_SOON_DAYS of the view's time, or overdue, soonest
    first; None when there is no such station to ask about."""
    if station is None:
        return None
    view = log.plans(at=at, known_at=known_at, station=station["station"])
    now = station["as_of"]
    return [dict(plan) for plan in view["plans"]
            if plan.get("overdue") or _days(now, plan["planned_for"]) <= DUE_SOON_DAYS]


def handover(log: MissionLog, since: str, until: str | None, at: str | None,
             station: str | None) -> dict[str, Any]:
    """`changes` between knowledge times SINCE and UNTIL (a shift handover)."""
    return dict(log.changes(since, until=until, at=at, station=station))


def _days(start: str, end: str) -> float:
    a = datetime.fromisoformat(start.replace("Z", "+00:00"))
    b = datetime.fromisoformat(end.replace("Z", "+00:00"))
    return (b - a).total_seconds() / 86400


def age_days(since: str, now: str) -> int:
    """Whole days from SINCE to NOW (both log instants)."""
    return max(int(_days(since, now)), 0)


HIDDEN = ("evidence", "rationale", "event_id")


def plain(value: Any) -> str:
    """A value of an API answer in words for a table cell: a decision as its status and
    text, other objects as `key: value` pairs (without evidence lists), yes/no, "—"."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        if isinstance(value.get("decision"), str) and "status" in value:
            return f"{value['status']}: {value['decision']}"
        return "; ".join(f"{key.replace('_', ' ')}: {plain(item)}"
                         for key, item in value.items() if key not in HIDDEN)
    if isinstance(value, list):
        return ", ".join(plain(item) for item in value) or "—"
    return str(value)
