"""The event models: the wire format of the log, and the one parser for it.

Every line of a missionlog JSONL file, every body stored in SQLite and every
event appended through the API is one of these models. Field names and `type`
values are a public contract (scripts depend on them); change them only through
an upcaster (see `upcasting.py`).

Models are frozen and forbid unknown keys, so a misspelt field in a
hand-written line is an error instead of silently ignored data.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    TypeAdapter,
    model_validator,
)

from missionlog.event_types import EVENT_TYPES as EVENT_TYPES
from missionlog.safe_text import UNSAFE_CHARACTERS
from missionlog.vocabulary import CREW_CAPABLE as CREW_CAPABLE
from missionlog.vocabulary import DEFAULT_SEATS
from missionlog.vocabulary import Fitness as Fitness
from missionlog.vocabulary import VehicleClass as VehicleClass

Precision = Literal["second", "minute", "hour", "day"]
LeakSystem = Literal["coolant", "atmosphere", "propellant", "other"]
Severity = Literal["minor", "major"]
Activity = Literal["launch", "dock", "relocate", "undock", "land", "deorbit"]
LeakEnd = Literal["repaired", "isolated", "false_alarm"]


def format_utc(moment: datetime) -> str:
    """The one text form of an occurred_at: fixed width, so text order is time order."""
    if moment.utcoffset():
        moment = moment.astimezone(UTC)
    return moment.replace(tzinfo=None, microsecond=0).isoformat() + "Z"


_NUMBER = re.compile(r"\s*[-+]?\d+(\.\d*)?\s*")


def _iso_text_only(value: Any) -> Any:
    """The contract is ISO 8601 with an offset: pydantic would also take a Unix timestamp
    (a number, or a string of digits) and read it as UTC, so those are refused here."""
    if isinstance(value, bool | int | float) or (
        isinstance(value, str) and _NUMBER.fullmatch(value)
    ):
        raise ValueError(
            "a Unix timestamp is not accepted; give ISO 8601 with an offset "
            "(2023-02-12T08:45:00Z)"
        )
    return value


def _to_whole_utc_second(moment: datetime) -> datetime:
    # Precision is at most a second, and fixed-width text keeps SQL ordering exact:
    # a fraction would be a claim the log cannot represent, so it is refused.
    if moment.microsecond:
        raise ValueError("fractional seconds are not supported; the finest precision is 'second'")
    try:
        return moment.astimezone(UTC)
    except OverflowError:  # 0001-01-01T00:00+01:00 or 9999-12-31T23:59-01:00
        raise ValueError("out of range: in UTC it falls outside years 1 to 9999") from None


UtcSecond = Annotated[
    AwareDatetime,
    BeforeValidator(_iso_text_only),
    AfterValidator(_to_whole_utc_second),
    PlainSerializer(format_utc, return_type=str, when_used="json"),
]


def _safe_name(name: str) -> str:
    """Names reach terminals and identify things: a control or bidi-override character
    would act on the terminal, or make two names that look alike differ."""
    found = UNSAFE_CHARACTERS.search(name)
    if found is not None:
        raise ValueError(
            f"contains the control or bidi character U+{ord(found.group()):04X}; "
            "names may not hold control or direction-override characters"
        )
    return name


Name = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_safe_name)]
Names = tuple[Name, ...]


class _Event(BaseModel):
    """Fields every event carries. `type` is declared first so it leads every JSON line."""

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_serialization_defaults_required=True,
    )

    type: str
    occurred_at: UtcSecond
    event_id: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    source: str | None = None
    note: str | None = None
    precision: Precision = "second"
    # A window wider than the precision (a fact bounded between two dates): the event
    # happened at some instant in [earliest, latest]; occurred_at is the placeholder.
    earliest: UtcSecond | None = None
    latest: UtcSecond | None = None

    @model_validator(mode="after")
    def _window_holds_the_placeholder(self) -> _Event:
        if self.earliest is not None and self.earliest > self.occurred_at:
            raise ValueError("earliest: after occurred_at; the window must contain it")
        if self.latest is not None and self.latest < self.occurred_at:
            raise ValueError("latest: before occurred_at; the window must contain it")
        return self


class StationConfigured(_Event):
    type: Literal["station_configured"] = "station_configured"
    station: Name
    ports: Annotated[Names, Field(min_length=1)]
    modules: Names | None = None

    @model_validator(mode="after")
    def _ports_are_unique(self) -> StationConfigured:
        if len(set(self.ports)) != len(self.ports):
            raise ValueError("ports: a port is listed twice")
        if self.modules is not None and len(set(self.modules)) != len(self.modules):
            raise ValueError("modules: a module is listed twice")
        return self


# Fields added after the first release are left out of the wire form while unset, so
# an event written before them keeps its body, its hash and its content-derived id.
OMITTED_WHEN_UNSET: dict[str, tuple[str, ...]] = {
    "launched": ("seats", "crew_capable"),
    "decision_recorded": ("kind", "crew"),
    "station_configured": ("modules",),
}
OMITTED_ON_EVERY_TYPE = ("earliest", "latest")  # added with issue 12
Seats = Annotated[int, Field(ge=0, le=50)]


class Launched(_Event):
    type: Literal["launched"] = "launched"
    vehicle: Name
    vehicle_class: VehicleClass
    crew: Names = ()
    aliases: Names = ()
    seats: Seats | None = None
    crew_capable: bool | None = None

    @model_validator(mode="after")
    def _seats_fit_the_class(self) -> Launched:
        default_capable = self.vehicle_class in CREW_CAPABLE
        capable = default_capable if self.crew_capable is None else self.crew_capable
        if capable != default_capable and self.vehicle_class != "other":
            raise ValueError(
                f"crew_capable: a {self.vehicle_class} is "
                f"{'' if default_capable else 'not '}crew-capable; only class 'other' "
                "may be declared either way"
            )
        if not capable and self.seats:
            raise ValueError(f"seats: {self.vehicle} is not crew-capable, so it has no seats")
        if capable and self.seats is None and self.vehicle_class not in DEFAULT_SEATS:
            raise ValueError(f"seats: give the seats of {self.vehicle}, a crew-capable "
                             f"{self.vehicle_class}")
        if capable and self.seats == 0:
            raise ValueError("seats: a crew-capable vehicle has at least one seat")
        return self


class Docked(_Event):
    type: Literal["docked"] = "docked"
    vehicle: Name
    station: Name
    port: Name


class Relocated(_Event):
    type: Literal["relocated"] = "relocated"
    vehicle: Name
    port: Name


class Undocked(_Event):
    type: Literal["undocked"] = "undocked"
    vehicle: Name
    crew: Names = ()


class Landed(_Event):
    type: Literal["landed"] = "landed"
    vehicle: Name
    site: str | None = None


class Deorbited(_Event):
    type: Literal["deorbited"] = "deorbited"
    vehicle: Name


def _one_leak_subject(vehicle: str | None, station: str | None, module: str | None) -> None:
    """A leak is on a vehicle, or on a station (and then perhaps in one of its modules)."""
    if (vehicle is None) == (station is None):
        raise ValueError("vehicle/station: give exactly one of them")
    if module is not None and station is None:
        raise ValueError("module: only a leak on a station names a module")


class LeakDetected(_Event):
    type: Literal["leak_detected"] = "leak_detected"
    vehicle: Name | None = None
    station: Name | None = None
    module: str | None = None
    system: LeakSystem
    severity: Severity = "major"
    cause: str | None = None

    @model_validator(mode="after")
    def _names_exactly_one_subject(self) -> LeakDetected:
        _one_leak_subject(self.vehicle, self.station, self.module)
        return self


class LeakResolved(_Event):
    type: Literal["leak_resolved"] = "leak_resolved"
    vehicle: Name | None = None
    station: Name | None = None
    module: str | None = None
    system: LeakSystem
    how: LeakEnd
    by: str | None = None

    @model_validator(mode="after")
    def _names_exactly_one_subject(self) -> LeakResolved:
        _one_leak_subject(self.vehicle, self.station, self.module)
        return self


class CrewAssigned(_Event):
    type: Literal["crew_assigned"] = "crew_assigned"
    vehicle: Name
    crew: Annotated[Names, Field(min_length=1)]


class VehicleAssessed(_Event):
    """An authority's judgement of a vehicle's fitness to bring crew home, whatever the
    cause; it holds until a later assessment or a later unfitting leak."""

    type: Literal["vehicle_assessed"] = "vehicle_assessed"
    vehicle: Name
    fitness: Fitness
    reason: Annotated[str, Field(min_length=1)]
    by: Annotated[str, Field(min_length=1)]
    max_crew: Seats | None = None

    @model_validator(mode="after")
    def _max_crew_only_for_emergencies(self) -> VehicleAssessed:
        if self.max_crew is not None and self.fitness != "emergency_only":
            raise ValueError("max_crew: only an emergency_only assessment limits the crew")
        return self


class DecisionRecorded(_Event):
    type: Literal["decision_recorded"] = "decision_recorded"
    subject: Name
    decision: Annotated[str, Field(min_length=1)]
    by: str | None = None
    kind: Annotated[str, Field(min_length=1)] | None = None
    crew: Names = ()


class Retracted(_Event):
    type: Literal["retracted"] = "retracted"
    retracts: Name
    reason: Annotated[str, Field(min_length=1)]


class Answers(BaseModel):
    """The decision a plan is meant to resolve: its kind and subject (a vehicle)."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    kind: Annotated[str, Field(min_length=1)]
    subject: Name


class Planned(_Event):
    """A plan: VEHICLE is to do ACTIVITY at PLANNED_FOR. occurred_at is when it was made
    or announced; a later plan for the same vehicle and activity supersedes it."""

    type: Literal["planned"] = "planned"
    vehicle: Name
    activity: Activity
    planned_for: UtcSecond
    planned_for_precision: Precision = "day"
    station: Name | None = None
    port: Name | None = None
    crew: Names = ()
    purpose: str | None = None
    answers: Answers | None = None

    @model_validator(mode="after")
    def _purpose_or_answers(self) -> Planned:
        if self.purpose is not None and self.answers is not None:
            raise ValueError("purpose/answers: give a purpose or the decision it answers, "
                             "not both")
        if self.port is not None and self.station is None and self.activity == "dock":
            raise ValueError("station: a docking plan that names a port names its station")
        return self


class PlanCancelled(_Event):
    type: Literal["plan_cancelled"] = "plan_cancelled"
    vehicle: Name
    activity: Activity
    reason: Annotated[str, Field(min_length=1)]


class Note(_Event):
    type: Literal["note"] = "note"
    text: Annotated[str, Field(min_length=1)]
    subject: Name | None = None


Event = Annotated[
    StationConfigured
    | Launched
    | Docked
    | Relocated
    | Undocked
    | Landed
    | Deorbited
    | LeakDetected
    | LeakResolved
    | CrewAssigned
    | VehicleAssessed
    | DecisionRecorded
    | Retracted
    | Planned
    | PlanCancelled
    | Note,
    Field(discriminator="type"),
]
EVENT: TypeAdapter[Event] = TypeAdapter(Event)
# The models by type, read off the union: the registry (event_types.py) holds the rest.
MODEL_BY_TYPE: dict[str, type[_Event]] = {
    model.model_fields["type"].default: model
    for model in get_args(get_args(Event)[0])
}


def parse_event(raw: dict[str, Any]) -> Event:
    """Validate one wire dict (already upcast) into its event model."""
    return EVENT.validate_python(raw)




def event_to_wire(event: Event) -> dict[str, Any]:
    """The JSON-ready dict of an event, `type` first: every field present except the
    later additions of OMITTED_WHEN_UNSET that are unset."""
    return without_unset(event.model_dump(mode="json"))


def without_unset(wire: dict[str, Any]) -> dict[str, Any]:
    """WIRE without the later-added fields that hold their default (None or empty)."""
    for name in (*OMITTED_WHEN_UNSET.get(wire["type"], ()), *OMITTED_ON_EVERY_TYPE):
        if wire.get(name) in (None, [], ()):
            wire.pop(name, None)
    return wire


def event_schema() -> dict[str, Any]:
    """JSON Schema of the wire format, as committed in schema/events.schema.json."""
    return EVENT.json_schema(mode="serialization")
