"""The registry of event types: every per-type fact the code needs, declared once.

Adding an event type means: a model in `events.py` (and in its `Event` union), an
`EventType` row here, a handler in `projections/world.py` (decorated with
`@handles("<type>")`), a section in docs/events.md and a test.
`tests/test_event_registry.py` fails, naming the type, if any of these is missing.

Why a plain table and not the pydantic models: building the models costs ~100 ms
of start-up, and every `missionlog` command pays start-up, while only `append`
needs the models (to validate). The test checks this table against the models, so
the two cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# How an event finds its stream (see World.stream_for):
#   names    - the event introduces its stream: the value of the first subject field
#   vehicle  - the canonical name of the vehicle its subject field names (alias resolved)
#   place    - a station if the `station` field is given, else the named vehicle
#   note     - the station or vehicle its subject names, the name as written if the log
#              does not know it yet, or the log-wide stream when there is no subject
#   target   - the stream of the event it retracts (assigned by the store)
#   plan     - a launch plan: the vehicle's name as written (it has not flown yet); any
#              other plan: the vehicle it names if the log knows it, else the name as written
StreamRule = Literal["names", "vehicle", "place", "note", "target", "plan"]
FieldKind = Literal["text", "list"]


@dataclass(frozen=True, slots=True)
class Field:
    """One type-specific field as the `append` sub-command offers it."""

    name: str
    kind: FieldKind = "text"
    required: bool = False


@dataclass(frozen=True, slots=True)
class EventType:
    """Everything about one event type that is not its model or its fold handler."""

    name: str
    summary: str  # what it records: the `append <type>` help text
    fields: tuple[Field, ...]  # type-specific fields, in model order (typed CLI options)
    stream: StreamRule
    subject: tuple[str, ...]  # the fields that name its subject, tried in order
    changes_state: bool = True  # False: no vehicle or station changes (projection tables)
    quiet: bool = False  # True: opens, settles and draws nothing (decisions, timeline)


def _f(name: str, kind: FieldKind = "text", required: bool = False) -> Field:
    return Field(name, kind, required)


EVENT_TYPE_LIST: tuple[EventType, ...] = (
    EventType(
        "station_configured",
        "A station's visiting-vehicle ports and modules (re-sending replaces them).",
        (_f("station", required=True), _f("ports", "list", True), _f("modules", "list")),
        stream="names", subject=("station",), quiet=True,
    ),
    EventType(
        "launched",
        "A vehicle launched, with its class, crew and other names.",
        (_f("vehicle", required=True), _f("vehicle_class", required=True),
         _f("crew", "list"), _f("aliases", "list"), _f("seats"), _f("crew_capable")),
        stream="names", subject=("vehicle",),
    ),
    EventType(
        "docked",
        "A vehicle docked (or was berthed) at a free port of a station.",
        (_f("vehicle", required=True), _f("station", required=True),
         _f("port", required=True)),
        stream="vehicle", subject=("vehicle",),
    ),
    EventType(
        "relocated",
        "A docked vehicle moved to another port of the same station.",
        (_f("vehicle", required=True), _f("port", required=True)),
        stream="vehicle", subject=("vehicle",),
    ),
    EventType(
        "undocked",
        "A vehicle undocked, with the crew aboard as it left.",
        (_f("vehicle", required=True), _f("crew", "list")),
        stream="vehicle", subject=("vehicle",),
    ),
    EventType(
        "landed",
        "A vehicle landed or splashed down.",
        (_f("vehicle", required=True), _f("site")),
        stream="vehicle", subject=("vehicle",),
    ),
    EventType(
        "deorbited",
        "A vehicle was destroyed on reentry.",
        (_f("vehicle", required=True),),
        stream="vehicle", subject=("vehicle",),
    ),
    EventType(
        "leak_detected",
        "A leak on a vehicle, or on a station module.",
        (_f("vehicle"), _f("station"), _f("module"), _f("system", required=True),
         _f("severity"), _f("cause")),
        stream="place", subject=("vehicle", "station"),
    ),
    EventType(
        "leak_resolved",
        "A leak ended: repaired, isolated or a false alarm.",
        (_f("vehicle"), _f("station"), _f("module"), _f("system", required=True),
         _f("how", required=True), _f("by")),
        stream="place", subject=("vehicle", "station"),
    ),
    EventType(
        "crew_assigned",
        "People's return vehicle (seat liner) is now this vehicle.",
        (_f("vehicle", required=True), _f("crew", "list", True)),
        stream="vehicle", subject=("vehicle",),
    ),
    EventType(
        "decision_recorded",
        "A decision about a vehicle, and who made it.",
        (_f("subject", required=True), _f("decision", required=True), _f("by"),
         _f("kind"), _f("crew", "list")),
        stream="vehicle", subject=("subject",), changes_state=False, quiet=True,
    ),
    EventType(
        "retracted",
        "A correction: the named event no longer counts from now on.",
        (_f("retracts", required=True), _f("reason", required=True)),
        stream="target", subject=("retracts",), quiet=True,
    ),
    EventType(
        "planned",
        "A plan: a vehicle is to launch, dock, relocate, undock, land or deorbit then.",
        (_f("vehicle", required=True), _f("activity", required=True),
         _f("planned_for", required=True), _f("planned_for_precision"), _f("station"),
         _f("port"), _f("crew", "list"), _f("purpose"), _f("answers")),
        stream="plan", subject=("vehicle",),
    ),
    EventType(
        "plan_cancelled",
        "A plan withdrawn (a vehicle's planned activity, with the reason).",
        (_f("vehicle", required=True), _f("activity", required=True),
         _f("reason", required=True)),
        stream="plan", subject=("vehicle",),
    ),
    EventType(
        "note",
        "An operations note that changes no state.",
        (_f("text", required=True), _f("subject")),
        stream="note", subject=("subject",), changes_state=False, quiet=True,
    ),
    EventType(
        "vehicle_assessed",
        "An authority judged a vehicle fit, emergency_only or unfit to bring crew home.",
        (_f("vehicle", required=True), _f("fitness", required=True),
         _f("reason", required=True), _f("by", required=True), _f("max_crew")),
        stream="vehicle", subject=("vehicle",),
    ),
)
EVENT_TYPE: dict[str, EventType] = {kind.name: kind for kind in EVENT_TYPE_LIST}
EVENT_TYPES: tuple[str, ...] = tuple(EVENT_TYPE)
# Types that change no vehicle's state, so the `vehicles` table need not be rewritten.
STATELESS_TYPES: frozenset[str] = frozenset(k.name for k in EVENT_TYPE_LIST if not k.changes_state)
# Types that change nothing a decision rule or the timeline reads: skipping them is a
# speed-up, not a rule.
QUIET_TYPES: frozenset[str] = frozenset(k.name for k in EVENT_TYPE_LIST if k.quiet)


def subject_of(event: dict[str, object]) -> str:
    """The name an event is about, as written (for messages)."""
    kind = EVENT_TYPE.get(str(event.get("type")))
    for field in kind.subject if kind else ("vehicle", "station", "subject"):
        value = event.get(field)
        if value:
            return str(value)
    return ""


def registry_gaps(
    registered: dict[str, EventType],
    models: dict[str, object],
    handlers: dict[str, object],
) -> list[str]:
    """Every type that lacks a part, as 'TYPE: no PART': empty when the registry is whole.
    The checks the tests run on the real tables (and on a trial type with a part missing)."""
    gaps = []
    for kind in sorted(set(registered) | set(models) | set(handlers)):
        for part, table in (("registry row", registered), ("model", models),
                            ("fold handler", handlers)):
            if kind not in table:
                gaps.append(f"{kind}: no {part}")
        spec = registered.get(kind)
        if spec is not None and not spec.subject:
            gaps.append(f"{kind}: no subject field")
    return gaps
