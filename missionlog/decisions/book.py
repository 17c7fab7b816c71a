"""DecisionBook: the life cycle of every decision, kept while the fold replays.

An observer of the replay (see `projections/replay.py`): after each event it
settles the unresolved decisions the new state settles, applies a recorded
decision to the open decisions about its subject, and opens a decision for
every rule condition that holds and has no unresolved decision yet. Because it
only reads the world the fold hands it, the decisions are a function of the
replayed events, and replaying up to T gives the status as of T with no extra
bookkeeping.

For speed it only re-checks what an event touched: decisions about its vehicle,
about the people it names or carries, or about people whose ride home just
docked; and it asks each rule only about the candidates the rule says the event
touched. tests/test_decisions_properties.py compares this with a full scan.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, TypedDict

from missionlog.decisions.catalog import RULES, RULING
from missionlog.decisions.rules import Opening, Rule
from missionlog.errors import NothingRecorded
from missionlog.event_types import QUIET_TYPES
from missionlog.projections.plans import PlannedResolution
from missionlog.projections.replay import replay
from missionlog.projections.state import Recorded
from missionlog.projections.world import World

# Events that change nothing a rule reads (the registry's `quiet` types): skipping them
# is a speed-up, not a rule.
QUIET = QUIET_TYPES
DECISION_KEYS = ("kind", "subject", "crew", "status", "opened_at", "decided_at", "resolved_at",
                 "decided_by", "decision", "rationale", "evidence", "station",
                 "planned_resolution")
STATUSES = ("open", "decided", "resolved")


@dataclass
class Decision:
    """One decision and its history; `as_dict` is the public (JSON) shape."""

    kind: str
    subject: str
    crew: list[str]
    opened_at: str
    rationale: str
    evidence: list[dict[str, Any]]
    waiting_for: str
    decided_at: str | None = None
    decided_by: str | None = None
    decision: str | None = None
    resolved_at: str | None = None
    resolution: str | None = None  # plain words: why it is settled (for `explain`)
    # decisions recorded about the subject after the first one, while still unresolved:
    # (occurred_at, by, text); cited as "decided" evidence, told by `explain`
    later_rulings: list[tuple[str, str | None, str]] = field(default_factory=list)
    station: str | None = None  # where the people concerned are when it opens
    ruled_at: str | None = None  # when the ruling that decided it was made, if earlier
    # people who joined the condition after it opened (a rider assigned into an unfit
    # vehicle): not in `crew`, which is fixed at opening, but their moves re-check it
    watched: set[str] = field(default_factory=set)

    @property
    def status(self) -> str:
        if self.resolved_at is not None:
            return "resolved"
        return "decided" if self.decided_at is not None else "open"

    def sort_key(self) -> tuple[str, str, str, tuple[str, ...]]:
        return (self.opened_at, self.kind, self.subject, tuple(self.crew))

    def as_dict(self) -> DecisionView:
        return {
            "kind": self.kind,
            "subject": self.subject,
            "crew": list(self.crew),
            "status": self.status,
            "opened_at": self.opened_at,
            "decided_at": self.decided_at,
            "resolved_at": self.resolved_at,
            "decided_by": self.decided_by,
            "decision": self.decision,
            "rationale": self.rationale,
            "evidence": [
                {"role": e["role"], "event_id": e["event_id"], "position": e["position"]}
                for e in self.evidence
            ],
            "station": self.station,
            "planned_resolution": None,  # filled from the plans in force (MissionLog)
        }

    def cite(self, role: str, record: Recorded) -> None:
        self.evidence.append(
            {"role": role, "event_id": record.event["event_id"], "position": record.position}
        )


Key = tuple[str, str, tuple[str, ...]]


class EvidenceView(TypedDict):
    role: str
    event_id: str
    position: int


class DecisionView(TypedDict):
    """One decision: `MissionLog.decisions` / `decisions --json` (DECISION_KEYS)."""

    kind: str
    subject: str
    crew: list[str]
    status: str
    opened_at: str
    decided_at: str | None
    resolved_at: str | None
    decided_by: str | None
    decision: str | None
    rationale: str
    evidence: list[EvidenceView]
    # the plan in force meant to answer it (projections/plans.py); set by the API
    planned_resolution: PlannedResolution | None
    station: str | None  # where the people concerned are when it opened (None: in flight)


@dataclass
class Pending:
    """A ruling naming a kind that matched nothing open when it was made: it decides the
    first matching decision that opens later (for each person it names, if any)."""

    ruling: Decision  # its own `ruling` entry, resolved once it has been applied
    record: Recorded
    kind: str
    waiting_for: set[str]  # the people it names and has not applied to yet

    def matches(self, opening: Opening) -> bool:
        if opening.kind != self.kind or opening.subject != self.record.stream:
            return False
        return not self.waiting_for or not self.waiting_for.isdisjoint(opening.crew)


# (occurred_at, subject, crew, by, decision, event_id, position, kind, station)
Flat = tuple[str, str, tuple[str, ...], str | None, str, str, int, str | None, str | None]


def _ruling_rationale(subject: str, by: str | None, kind: str | None) -> str:
    return (f"{by or 'an authority'} recorded a decision about {subject} that matches "
            f"no {kind or 'open'} decision"
            + (" open yet; it applies to the first that opens" if kind else ""))


def _ruling(flat: Flat) -> Decision:
    """A recorded decision that decided no derived one, as a `ruling` of its own."""
    at, subject, crew, by, text, event_id, position, kind, station = flat
    cited = {"role": "opened", "event_id": event_id, "position": position}
    return Decision(
        kind=RULING, subject=subject, crew=list(crew), opened_at=at,
        rationale=_ruling_rationale(subject, by, kind),
        evidence=[cited, {**cited, "role": "decided"}],
        waiting_for=(f"a {kind} decision about {subject} opens" if kind
                     else "nothing: a ruling stands as recorded"),
        decided_at=at, decided_by=by, decision=text, station=station,
    )


def _ruling_view(flat: Flat) -> DecisionView:
    """`_ruling(flat).as_dict()` for a ruling that waits for nothing, without the object:
    a log may hold tens of thousands of routine rulings, and `decisions` lists them all."""
    at, subject, crew, by, text, event_id, position, kind, station = flat
    return {
        "kind": RULING, "subject": subject, "crew": list(crew), "status": "decided",
        "opened_at": at, "decided_at": at, "resolved_at": None, "decided_by": by,
        "decision": text, "rationale": _ruling_rationale(subject, by, kind),
        "evidence": [{"role": "opened", "event_id": event_id, "position": position},
                     {"role": "decided", "event_id": event_id, "position": position}],
        "station": station, "planned_resolution": None,
    }


class DecisionBook:
    """An Observer: `replay(records, observers=[book])`, then `book.decisions()`."""

    # What the book never reads (notes): a replay for it may leave them out unread.
    ignores: frozenset[str] = QUIET - {"decision_recorded"}

    def __init__(self, rules: Sequence[Rule] = RULES) -> None:
        self._rules = {rule.kind: rule for rule in rules}
        self._all: list[Decision] = []
        self._unresolved: dict[Key, Decision] = {}
        # who and what the unresolved decisions are about: subject -> keys, person -> keys
        self._by_subject: dict[str, set[Key]] = {}
        self._by_person: dict[str, set[Key]] = {}
        self._pending: list[Pending] = []
        self._by_type: dict[str, list[Rule]] = {}
        self._rulings: list[Flat] = []  # rulings that decided nothing and wait for nothing
        # (kind, subject) -> the sets of people a ruling approved (seats_exceeded)
        self._approved: dict[tuple[str, str], list[frozenset[str]]] = {}

    def observe(self, world: World, record: Recorded) -> None:
        kind = record.event["type"]
        if kind == "decision_recorded":
            self._decide(world, record)
        if kind in QUIET:
            return
        again = self._resolve(world, record) if self._unresolved else []
        rules = self._rules_after(kind)
        if again:
            kinds = {k for k, _ in again}
            rules = [r for r in self._rules.values() if r in rules or r.kind in kinds]
        for rule in rules:
            candidates = self._candidates(rule, world, record)
            if again:
                candidates.extend(candidate for k, candidate in again if k == rule.kind)
            for candidate in dict.fromkeys(candidates):
                opening = rule.check(world, record, candidate)
                if opening is not None:
                    self._open(rule, opening, record)

    def _rules_after(self, kind: str) -> list[Rule]:
        """The rules whose `touched` may name someone after an event of type KIND."""
        rules = self._by_type.get(kind)
        if rules is None:
            rules = [r for r in self._rules.values() if r.types is None or kind in r.types]
            self._by_type[kind] = rules
        return rules

    def _candidates(self, rule: Rule, world: World, record: Recorded) -> list[str]:
        """Who or what RULE must be asked about after RECORD (see rules.py)."""
        return list(rule.touched(world, record))

    def _decide(self, world: World, record: Recorded) -> None:
        """A recorded decision decides the unresolved decisions about its (canonical)
        subject, only those of its `kind` and about its `crew` when it names them; later
        ones about a decided but unresolved decision are kept as its further rulings.
        One that matches nothing becomes a `ruling` of its own; if it names a kind, it
        waits for the first matching decision to open."""
        event = record.event
        kind, crew = event.get("kind"), set(event.get("crew") or ())
        matched = False
        for key in sorted(self._by_subject.get(record.stream, ())):
            decision = self._unresolved[key]
            if kind is not None and decision.kind != kind:
                continue
            if crew and crew.isdisjoint(decision.crew):
                continue
            matched = True
            self._rule_on(decision, record)
        if matched:
            return
        # One of its own. A log may hold many (every routine ruling), so a ruling that
        # waits for nothing is kept as one flat tuple and becomes a Decision only when
        # asked for (`entries`): tens of thousands of small objects slow the whole replay.
        vehicle = world.vehicles.live.get(record.stream)
        flat = (record.occurred_at, record.stream, tuple(sorted(crew)), event.get("by"),
                event["decision"], event["event_id"], record.position, kind,
                vehicle["station"] if vehicle is not None else None)
        if kind is None:
            self._rulings.append(flat)
            return
        ruling = _ruling(flat)
        self._all.append(ruling)
        self._pending.append(Pending(ruling, record, kind, set(crew)))

    def _rule_on(self, decision: Decision, record: Recorded) -> None:
        event = record.event
        if decision.decided_at is None:
            decision.decided_at = max(record.occurred_at, decision.opened_at)
            decision.decided_by = event.get("by")
            decision.decision = event["decision"]
            if record.occurred_at < decision.opened_at:
                decision.ruled_at = record.occurred_at
        else:
            decision.later_rulings.append(
                (record.occurred_at, event.get("by"), event["decision"])
            )
        decision.cite("decided", record)
        rule = self._rules.get(decision.kind)
        if rule is not None and rule.ruling_settles and decision.resolved_at is None:
            # approved as it stands: the same people, or fewer of them, do not reopen it
            self._approved.setdefault((decision.kind, decision.subject), []).append(
                frozenset(decision.crew))
            self._settle(decision, decision.decided_at,
                         f"approved by {event.get('by') or 'a ruling'}: {event['decision']}",
                         record)

    def _settle(self, decision: Decision, at: str, reason: str, record: Recorded) -> None:
        decision.resolved_at = at
        decision.resolution = reason
        decision.cite("resolved", record)
        for key, open_decision in list(self._unresolved.items()):
            if open_decision is decision:
                del self._unresolved[key]
                self._index(key, decision, add=False)

    def _touched(self, world: World, record: Recorded) -> set[Key]:
        """Unresolved decisions this event may settle: those about its vehicle, about the
        people it names or carries, or about people whose ride home it is."""
        stream = record.stream
        keys = set(self._by_subject.get(stream, ()))
        if not self._by_person:
            return keys
        people = set(record.event.get("crew", ()))
        vehicle = world.vehicles.get(stream)
        if vehicle is not None:
            people.update(vehicle["crew_aboard"])
            if record.event["type"] == "landed":  # who came home in it
                people.update(vehicle.get("crew_landed", ()))
        if record.event["type"] == "docked":
            # the ride home of someone waiting arrived, or people came aboard in it
            there = world.vehicles[stream]["station"]
            for person in self._by_person:
                state = world.people.get(person)
                if state is not None and (state["return_vehicle"] == stream or (
                        state["on_station"] and state["location"] == there)):
                    people.add(person)
        for person in people:
            keys.update(self._by_person.get(person, ()))
        return keys

    def _resolve(self, world: World, record: Recorded) -> list[tuple[str, str]]:
        """Settle what this event settles; return (kind, candidate) to check again, since
        the condition may still hold for others (someone assigned after it opened)."""
        again = []
        for key in sorted(self._touched(world, record)):
            decision = self._unresolved[key]
            rule = self._rules[decision.kind]
            reason = rule.resolves(world, record, decision.subject, tuple(decision.crew))
            if reason is None:
                continue
            decision.resolved_at = record.occurred_at
            decision.resolution = reason
            decision.cite("resolved", record)
            del self._unresolved[key]
            self._index(key, decision, add=False)
            again.append((decision.kind, decision.crew[0] if rule.per_person else
                          decision.subject))
        return again

    def _open(self, rule: Rule, opening: Opening, record: Recorded) -> None:
        # One per person for per-person rules, whatever their ride (a person moved to a
        # replacement still in free flight keeps the one decision they had).
        key = ((opening.kind, "", opening.crew) if rule.per_person
               else (opening.kind, opening.subject, ()))
        approved = self._approved.get((opening.kind, opening.subject))
        if approved and any(approval.issuperset(opening.crew) for approval in approved):
            return
        existing = self._unresolved.get(key)
        if existing is not None:
            joined = set(opening.crew) - set(existing.crew) - existing.watched
            if joined:
                existing.watched |= joined
                for person in joined:
                    self._by_person.setdefault(person, set()).add(key)
            return
        decision = Decision(
            kind=opening.kind,
            subject=opening.subject,
            crew=list(opening.crew),
            opened_at=record.occurred_at,
            rationale=opening.rationale,
            evidence=[{"role": "opened", "event_id": event_id, "position": position}
                      for event_id, position in opening.evidence],
            waiting_for=rule.waiting_for.format(subject=opening.subject,
                                                crew=", ".join(opening.crew)),
            station=opening.station,
        )
        self._all.append(decision)
        if opening.settled is not None:
            decision.decided_at = decision.resolved_at = record.occurred_at
            decision.decision = opening.settled
            decision.resolution = "settled when it opened; nothing to wait for"
            decision.cite("decided", record)
            decision.cite("resolved", record)
            return
        self._unresolved[key] = decision
        self._index(key, decision, add=True)
        if self._pending:
            self._apply_pending(decision, opening, record)

    def _apply_pending(self, decision: Decision, opening: Opening, record: Recorded) -> None:
        """A ruling made before its trigger decides the decision it was waiting for."""
        for pending in list(self._pending):
            if decision.decided_at is not None or not pending.matches(opening):
                continue
            pending.waiting_for.difference_update(opening.crew)
            self._rule_on(decision, pending.record)
            if not pending.waiting_for:
                self._pending.remove(pending)
                ruling = pending.ruling
                ruling.resolved_at = record.occurred_at
                ruling.resolution = (f"it decided the {decision.kind} decision about "
                                     f"{decision.subject} that opened then")
                ruling.cite("resolved", record)

    def _index(self, key: Key, decision: Decision, *, add: bool) -> None:
        pairs = [(self._by_subject, decision.subject)]
        pairs.extend((self._by_person, person) for person in decision.crew)
        pairs.extend((self._by_person, person) for person in sorted(decision.watched))
        for index, name in pairs:
            keys = index.setdefault(name, set())
            if add:
                keys.add(key)
                continue
            keys.discard(key)
            if not keys:
                del index[name]

    def entries(self) -> list[Decision]:
        """Every decision, oldest first (the objects `explain` reads)."""
        return sorted([*self._all, *map(_ruling, self._rulings)], key=Decision.sort_key)

    def decisions(self) -> list[DecisionView]:
        """Every decision as a plain dict with exactly DECISION_KEYS, newest first: the
        order and content of `entries()`, with the flat rulings never made objects."""
        keyed: list[tuple[tuple[str, str, str, tuple[str, ...]], DecisionView]] = [
            (decision.sort_key(), decision.as_dict()) for decision in self._all]
        keyed.extend(((flat[0], RULING, flat[1], flat[2]), _ruling_view(flat))
                     for flat in self._rulings)
        keyed.sort(key=itemgetter(0))  # stable: ties keep entries()' order
        return [view for _, view in reversed(keyed)]


def _in_replay_order(records: Iterable[Recorded]) -> Iterator[Recorded]:
    last: tuple[str, int] = ("", 0)
    for record in records:
        if record.key < last:
            raise ValueError(
                f"records must be in replay order (occurred_at, position): position "
                f"{record.position} at {record.occurred_at} comes after {last}"
            )
        last = record.key
        yield record


def derive_decisions(records: Iterable[Recorded]) -> list[DecisionView]:
    """The decisions RECORDS lead to: a fresh World replayed with a DecisionBook.

    RECORDS must be in replay order with retracted events already left out, as
    `EventStore.replay_records` yields them; a record out of order is a ValueError.
    """
    book = DecisionBook()
    replay(_in_replay_order(records), observers=[book])
    return book.decisions()


def with_status(decisions: list[DecisionView], status: str | None) -> list[DecisionView]:
    """Keep only the decisions with STATUS (all of them when it is None)."""
    if status is None:
        return decisions
    if status not in STATUSES:
        raise NothingRecorded(
            f"status: {status!r} is not a decision status; use open, decided or resolved"
        )
    return [decision for decision in decisions if decision["status"] == status]


def with_station(decisions: list[DecisionView], station: str | None) -> list[DecisionView]:
    """Keep only the decisions about people aboard STATION (all of them when None)."""
    if station is None:
        return decisions
    return [decision for decision in decisions if decision["station"] == station]
