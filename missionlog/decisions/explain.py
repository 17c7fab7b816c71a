"""`explain`: the story of one decision in dated plain sentences.

Read by people, not scripts: nothing here is a contract except that every line
starts with the date it speaks about (after the heading) and cites event ids.
"""

from __future__ import annotations

from typing import Any

from missionlog.decisions.book import Decision, DecisionBook
from missionlog.decisions.catalog import KINDS
from missionlog.errors import NothingRecorded
from missionlog.projections.world import World


def _event(item: dict[str, Any]) -> str:
    return f"event {item['event_id']} at position {item['position']}"


def _cited(decision: Decision, role: str) -> list[str]:
    return [_event(item) for item in decision.evidence if item["role"] == role]


def _rulings(decision: Decision) -> list[str]:
    """The decision, then any further decision recorded about it before it was resolved."""
    if decision.decided_at is None:
        return []
    rulings = [(decision.ruled_at or decision.decided_at, decision.decided_by,
                str(decision.decision))]
    rulings.extend(decision.later_rulings)
    lines = []
    for number, ((at, by, text), cited) in enumerate(
        zip(rulings, _cited(decision, "decided"), strict=True)
    ):
        verb = "decided" if number == 0 else "further decided"
        if number == 0 and decision.ruled_at is not None:
            verb = f"decided in advance (applied at {decision.decided_at})"
        who = f" by {by}" if by else ""
        lines.append(f"  {at}  {verb}{who}: \"{text}\" ({cited}).")
    return lines


def story(decision: Decision, as_of: str) -> list[str]:
    """A heading, then one dated sentence per step: opened, decided, resolved (or waiting)."""
    crew = f" (crew: {', '.join(decision.crew)})" if decision.crew else ""
    opened = ", ".join(_cited(decision, "opened"))
    lines = [
        f"{decision.kind} about {decision.subject}{crew}: {decision.status} as of {as_of}",
        f"  {decision.opened_at}  opened: {decision.rationale} ({opened}).",
        *_rulings(decision),
    ]
    if decision.resolved_at is not None:
        resolved = ", ".join(_cited(decision, "resolved"))
        lines.append(f"  {decision.resolved_at}  resolved: {decision.resolution} ({resolved}).")
        return lines
    if decision.decided_at is None:
        lines.append(f"  {as_of}  still open: no decision naming {decision.subject} is "
                     "recorded yet.")
    lines.append(f"  {as_of}  not resolved yet: it will be once {decision.waiting_for}.")
    return lines


def explain_decision(book: DecisionBook, world: World, kind: str, subject: str) -> list[str]:
    """Every KIND decision about SUBJECT (a name or alias, resolved at the world's clock),
    oldest first, as `story` lines separated by blank lines."""
    if kind not in KINDS:
        raise NothingRecorded(f"kind: {kind!r} is not a decision kind; use one of "
                              f"{', '.join(KINDS)}")
    as_of = world.as_of or world.clock
    name = subject if subject in world.stations else world.resolve_vehicle(subject, as_of)
    found = [d for d in book.entries() if d.kind == kind and d.subject == name]
    if not found:
        raise NothingRecorded(f"no {kind} decision about {name} has opened by {as_of}")
    lines: list[str] = []
    for decision in found:
        if lines:
            lines.append("")
        lines.extend(story(decision, as_of))
        if decision.resolved_at is None:
            lines.extend(_planned(world, decision))
    return lines


def _planned(world: World, decision: Decision) -> list[str]:
    """A plan in force meant to answer the decision: plans never resolve it, they say
    what is meant to."""
    from missionlog.projections.plans import answering
    from missionlog.projections.precision import approximate

    plan = answering(world.plans, decision.kind, decision.subject)
    if plan is None:
        return []
    when = approximate(plan["planned_for"], plan["planned_for_precision"])
    return [f"  {plan['announced_at']}  planned resolution: {plan['vehicle']} to "
            f"{plan['activity']} on {when} (event {plan['event_id']}); a plan, not a "
            "fact: the decision stays unresolved until it happens."]
