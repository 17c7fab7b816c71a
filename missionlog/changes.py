"""`changes`: what the log learned between two knowledge times (a shift handover).

Everything is read off the second clock: the events recorded after K1 up to K2 (each
with how late it was recorded), the decisions as of mission time T known at K1 and
known at K2 (opened, decided, resolved, or withdrawn by a retraction), the plan
events recorded in between (made, changed, cancelled) and the plans fulfilled, and
the difference in each station's picture at T between knowing at K1 and at K2.

The picture difference is exact: `apply_picture_changes(picture at K1, changes)` is
the picture at K2 (a hypothesis property in tests/test_changes.py checks this).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

from missionlog.event_types import subject_of
from missionlog.projections.plans import lateness, seconds_between
from missionlog.projections.views import return_vehicle_fit
from missionlog.projections.world import World

if TYPE_CHECKING:
    from missionlog.api import MissionLog
    from missionlog.decisions.book import DecisionView

# The station picture: station -> {"ports": {port: holder}, "crew": {person: ride home},
# "vehicles": {docked vehicle: fit for crew return}, "leaks": [...]}
Picture = dict[str, dict[str, Any]]
SECTIONS = ("ports", "crew", "vehicles")


class ChangesView(TypedDict):
    """`MissionLog.changes` / `changes --json`."""

    since: str
    until: str
    at: str
    station: str | None
    events: list[dict[str, Any]]
    decisions: list[dict[str, Any]]
    plans: list[dict[str, Any]]
    fulfilled: list[dict[str, Any]]
    picture: dict[str, dict[str, Any]]
    beyond_coverage: bool


def picture(world: World, station: str | None = None) -> Picture:
    """Each station (or STATION) as WORLD holds it: ports, people and their ride home
    (and whether it is fit and docked there), the docked vehicles' fitness, its leaks."""
    out: Picture = {}
    for name in sorted(world.stations):
        if station is not None and name != station:
            continue
        state = world.stations[name]
        crew = {
            person: {"return_vehicle": who["return_vehicle"],
                     "return_vehicle_fit": return_vehicle_fit(world, name, who["return_vehicle"])}
            for person, who in sorted(world.people.items())
            if who["on_station"] and who["location"] == name
        }
        vehicles: dict[str, Any] = {}
        for holder in state["ports"].values():
            if holder is not None and holder in world.vehicles:
                vehicle = world.vehicles[holder]
                vehicles[holder] = {"fit": vehicle["unfit_at"] is None,
                                    "leaks": len(vehicle["leaks"])}
        out[name] = {
            "ports": dict(state["ports"]),
            "crew": crew,
            "vehicles": dict(sorted(vehicles.items())),
            "leaks": [{"system": leak["system"], "module": leak["module"],
                       "occurred_at": leak["occurred_at"],
                       "resolved_at": leak.get("resolved_at")} for leak in state["leaks"]],
        }
    return out


def diff_pictures(before: Picture, after: Picture) -> dict[str, dict[str, Any]]:
    """Per station, per section, each key that differs: {"before": x, "after": y}, where a
    side is left out when the key is absent there (a port removed, a person gone);
    `leaks` as both lists when they differ; `configured` when the station is new or gone."""
    out: dict[str, dict[str, Any]] = {}
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        station: dict[str, Any] = {}
        if old is None or new is None:
            station["configured"] = {"before": old is not None, "after": new is not None}
        old, new = old or {}, new or {}
        for section in SECTIONS:
            a, b = old.get(section, {}), new.get(section, {})
            changed = {}
            for key in sorted(set(a) | set(b)):
                if key in a and key in b and a[key] == b[key]:
                    continue
                change = {}
                if key in a:
                    change["before"] = a[key]
                if key in b:
                    change["after"] = b[key]
                changed[key] = change
            if changed:
                station[section] = changed
        if old.get("leaks", []) != new.get("leaks", []):
            station["leaks"] = {"before": old.get("leaks", []), "after": new.get("leaks", [])}
        if station:
            out[name] = station
    return out


def apply_picture_changes(before: Picture, changes: dict[str, dict[str, Any]]) -> Picture:
    """BEFORE with CHANGES applied: the picture at K2 (the inverse of diff_pictures)."""
    out: Picture = {name: {"ports": dict(s["ports"]), "crew": dict(s["crew"]),
                           "vehicles": dict(s["vehicles"]), "leaks": list(s["leaks"])}
                    for name, s in before.items()}
    for name, station in changes.items():
        configured = station.get("configured")
        if configured is not None and not configured["after"]:
            out.pop(name, None)
            continue
        target = out.setdefault(name, {"ports": {}, "crew": {}, "vehicles": {}, "leaks": []})
        for section in SECTIONS:
            for key, change in station.get(section, {}).items():
                if "after" in change:
                    target[section][key] = change["after"]
                else:
                    target[section].pop(key, None)
        if "leaks" in station:
            target["leaks"] = list(station["leaks"]["after"])
    return out


def _detail(row: dict[str, Any]) -> str:
    """A few words on what the event says (for the shift log's one line per event)."""
    kind = row["type"]
    if kind in ("planned", "plan_cancelled"):
        target = f" for {row['planned_for']}" if kind == "planned" else ""
        return f"{row['activity']}{target}"
    if kind in ("leak_detected", "leak_resolved"):
        return f"{row['system']} {row.get('severity') or row.get('how') or ''}".strip()
    if kind in ("docked", "relocated"):
        return f"at {row.get('station') or ''} {row['port']}".replace("  ", " ")
    text = row.get("decision") or row.get("text") or row.get("reason") or ""
    return text if len(text) <= 80 else text[:77] + "..."


def _event_line(row: dict[str, Any]) -> dict[str, Any]:
    late = seconds_between(row["occurred_at"], row["recorded_at"][:19] + "Z")
    return {
        "detail": _detail(row),
        "position": row["position"],
        "event_id": row["event_id"],
        "type": row["type"],
        "stream": row["stream"],
        "subject": subject_of(row),
        "occurred_at": row["occurred_at"],
        "precision": row.get("precision", "second"),
        "recorded_at": row["recorded_at"],
        "recorded_late_by_seconds": late,
        "recorded_late_by": lateness(late).replace(" late", "") if late > 0 else "0 s",
    }


def _decision_key(decision: DecisionView) -> tuple[str, str, tuple[str, ...], str]:
    return (decision["kind"], decision["subject"], tuple(decision["crew"]),
            decision["opened_at"])


def diff_decisions(before: list[DecisionView], after: list[DecisionView],
                   retractions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What happened to the decisions between the two knowledge times."""
    old = {_decision_key(d): d for d in before}
    new = {_decision_key(d): d for d in after}
    out: list[dict[str, Any]] = []

    def entry(change: str, decision: DecisionView, at: str | None) -> dict[str, Any]:
        return {"change": change, "kind": decision["kind"], "subject": decision["subject"],
                "crew": list(decision["crew"]), "at": at, "decision": decision}

    for key, decision in new.items():
        prior = old.get(key)
        if prior is None:
            out.append(entry("opened", decision, decision["opened_at"]))
        if decision["decided_at"] and (prior is None or not prior["decided_at"]):
            out.append(entry("decided", decision, decision["decided_at"]))
        if decision["resolved_at"] and (prior is None or not prior["resolved_at"]):
            out.append(entry("resolved", decision, decision["resolved_at"]))
    for key, decision in old.items():
        if key not in new:
            gone = entry("withdrawn", decision, None)
            gone["retractions"] = retractions
            out.append(gone)
    order = {"opened": 0, "decided": 1, "resolved": 2, "withdrawn": 3}
    return sorted(out, key=lambda e: (e["at"] or "", order[e["change"]], e["kind"],
                                      e["subject"]))


def plan_changes(rows: list[dict[str, Any]],
                 in_force: dict[tuple[str, str], tuple[str, str]]) -> list[dict[str, Any]]:
    """Plan events recorded in the window, in recorded order: made, changed (with the
    time it replaces) or cancelled. IN_FORCE: (vehicle, activity) -> planned_for as
    known at K1, with its precision (updated as the events are read)."""
    out = []
    for row in rows:
        key = (row["stream"], row["activity"])
        item = {"vehicle": row["stream"], "activity": row["activity"],
                "announced_at": row["occurred_at"], "recorded_at": row["recorded_at"],
                "event_id": row["event_id"]}
        if row["type"] == "planned":
            before = in_force.get(key)
            item.update(change="changed" if before else "made", planned_for=row["planned_for"],
                        planned_for_precision=row["planned_for_precision"],
                        replaces=before[0] if before else None,
                        replaces_precision=before[1] if before else None,
                        answers=row.get("answers"), purpose=row.get("purpose"))
            in_force[key] = (row["planned_for"], row["planned_for_precision"])
        else:
            before = in_force.pop(key, None)
            item.update(change="cancelled", replaces=before[0] if before else None,
                        replaces_precision=before[1] if before else None, reason=row["reason"])
        out.append(item)
    return out


def compute_changes(log: MissionLog, since: str, until: str, at: str,
                    station: str | None) -> ChangesView:
    """The handover between knowledge times SINCE (exclusive) and UNTIL (inclusive), at
    mission time AT; all three are store text bounds."""
    from missionlog.decisions import DecisionBook

    rows = list(log.store.rows(recorded_since=since, recorded_until=until))
    wires = [row.export_dict() for row in rows]
    before_world = log.store.world_at(at, since)
    after_world = log.store.world_at(at, until)
    books = []
    for known in (since, until):
        book = DecisionBook()
        log.replay_world(until=at, known_at=known, observers=[book])
        books.append(book.decisions())
    retractions = [{"event_id": w["event_id"], "retracts": w["retracts"], "reason": w["reason"]}
                   for w in wires if w["type"] == "retracted"]
    ever = log.store.world_at(known_at=since)
    in_force = {(p["vehicle"], p["activity"]): (p["planned_for"], p["planned_for_precision"])
                for by_activity in ever.plans.values() for p in by_activity.values()}
    done_before = {item["event_id"] for item in before_world.fulfilled}
    fulfilled = [{**item, "lateness": lateness(item["late_by_seconds"])}
                 for item in after_world.fulfilled if item["event_id"] not in done_before]
    last = log.store.last_occurred_at(until)
    return {
        "since": since,
        "until": until,
        "at": at,
        "station": station,
        "events": [_event_line(w) for w in wires],
        "decisions": diff_decisions(books[0], books[1], retractions),
        "plans": plan_changes([w for w in wires if w["type"] in ("planned", "plan_cancelled")],
                              in_force),
        "fulfilled": fulfilled,
        "picture": diff_pictures(picture(before_world, station), picture(after_world, station)),
        "beyond_coverage": bool(last) and at > last,
    }
