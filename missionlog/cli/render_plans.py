"""Human output of `plans` and `changes`: short, for a shift log. Scripts use --json."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.markup import escape

from missionlog.cli.render import emit_titled, say
from missionlog.cli.tables import Column, Grid
from missionlog.projections.plans import lateness
from missionlog.projections.precision import approximate

if TYPE_CHECKING:
    from missionlog.changes import ChangesView
    from missionlog.projections.plans import PlansView


def coverage_line(beyond: bool) -> None:
    if beyond:
        say("beyond coverage: this is after the log's last event; the log does not say "
            "what happened since")


def render_plans(view: PlansView, *, known_at: str | None = None) -> None:
    known = f", known at {known_at}" if known_at else ""
    grid = Grid([Column("planned for"), Column("vehicle"), Column("activity"),
                 Column("where", key=False), Column("announced", key=False),
                 Column("crew, purpose", key=False, free=True)],
                title=f"plans in force as of {view['as_of']}{escape(known)}")
    for plan in view["plans"]:
        where = " ".join(p for p in (plan["station"], plan["port"]) if p) or "-"
        answers = plan["answers"]
        purpose = (f"answers {answers['kind']} {answers['subject']}" if answers
                   else plan["purpose"] or "-")
        when = escape(approximate(plan["planned_for"], plan["planned_for_precision"]))
        if plan["overdue"]:
            when += " [red](overdue)[/]"
        crew = f"crew {', '.join(plan['crew'])}; " if plan["crew"] else ""
        grid.add_row(when, escape(plan["vehicle"]), plan["activity"], escape(where),
                     plan["announced_at"][:10], escape(crew + purpose))
    if view["plans"]:
        emit_titled(grid)
    else:
        say(f"no plans in force as of {view['as_of']}{known}")
    for item in view["fulfilled"][-10:]:
        planned = approximate(item["planned_for"], item["planned_for_precision"])
        say(f"fulfilled: {item['vehicle']} {item['activity']} at {item['happened_at']} "
            f"(planned {planned}): {lateness(item['late_by_seconds'])}")
    coverage_line(view["beyond_coverage"])


def _plan_line(item: dict[str, Any]) -> str:
    what = f"{item['vehicle']} {item['activity']}"
    before = approximate(item["replaces"], item["replaces_precision"])
    if item["change"] == "cancelled":
        was = f" (was {before})" if item["replaces"] else ""
        return f"{item['announced_at'][:10]}  cancelled {what}{was}: {item['reason']}"
    when = approximate(item["planned_for"], item["planned_for_precision"])
    if item["change"] == "changed":
        return f"{item['announced_at'][:10]}  changed   {what}: {before} -> {when}"
    return f"{item['announced_at'][:10]}  planned   {what} for {when}"


def render_changes(view: ChangesView) -> None:
    scope = f" about {view['station']}" if view["station"] else ""
    say(f"What the log learned after {view['since']} up to {view['until']}{scope}")
    events = view["events"]
    say(f"{len(events)} events recorded:")
    for event in events:
        when = approximate(event["occurred_at"], event["precision"])
        detail = f": {event['detail']}" if event["detail"] else ""
        say(f"  {when}  {event['type']} {event['subject']}{detail} (recorded "
                      f"{event['recorded_late_by']} later)")
    if view["decisions"]:
        say("decisions:")
    for item in view["decisions"]:
        crew = f" ({', '.join(item['crew'])})" if item["crew"] else ""
        at = (item["at"] or "")[:10] or "-"
        extra = ""
        if item["change"] == "withdrawn":
            extra = "; retracted: " + ", ".join(
                f"{r['retracts']} ({r['reason']})" for r in item.get("retractions", []))
        elif item["change"] == "decided":
            extra = f": \"{item['decision']['decision']}\""
        say(f"  {at}  {item['change']:<9} {item['kind']} {item['subject']}{crew}"
                      f"{extra}")
    if view["plans"] or view["fulfilled"]:
        say("plans:")
    for item in view["plans"]:
        say("  " + _plan_line(item))
    for done in view["fulfilled"]:
        say(f"  {done['happened_at'][:10]}  fulfilled {done['vehicle']} "
                      f"{done['activity']}: {done['lateness']}")
    for station, change in view["picture"].items():
        say(f"{station} at {view['at']}, known then -> known now:")
        for port, item in change.get("ports", {}).items():
            say(f"  port {port}: {item.get('before') or 'free'} -> "
                          f"{item.get('after') or 'free'}")
        for person, item in change.get("crew", {}).items():
            before, after = item.get("before"), item.get("after")
            if before is None:
                say(f"  {person} aboard (ride home {after['return_vehicle']})")
            elif after is None:
                say(f"  {person} no longer aboard")
            else:
                fit = "" if after["return_vehicle_fit"] else " (not fit or not docked)"
                say(f"  {person}: ride home {before['return_vehicle']} -> "
                              f"{after['return_vehicle']}{fit}")
        for vehicle, item in change.get("vehicles", {}).items():
            if "before" in item and "after" in item:
                say(f"  {vehicle}: fit {item['before']['fit']} -> "
                              f"{item['after']['fit']}")
    if not view["picture"]:
        say(f"station picture at {view['at']}: unchanged")
    coverage_line(view["beyond_coverage"])
