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
from missionlog.vocabulary import VehicleClass as VehicleClass

Precision = Literal["second", "minute", "hour", "day"]
LeakSystem = Literal["coolant", "atmosphere", "propellant", "other"]
Severity = Literal["minor", "major"]


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


class StationConfigured(_Event):
    type: Literal["station_configured"] = "station_configured"
    station: Name
    ports: Annotated[Names, Field(min_length=1)]

    @model_validator(mode="after")
    def _ports_are_unique(self) -> StationConfigured:
        if len(set(self.ports)) != len(self.ports):
            raise ValueError("ports: a port is listed twice")
        return self


class Launched(_Event):
    type: Literal["launched"] = "launched"
    vehicle: Name
    vehicle_class: VehicleClass
    crew: Names = ()
    aliases: Names = ()


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
        if (self.vehicle is None) == (self.station is None):
            raise ValueError("vehicle/station: give exactly one of them")
        if self.module is not None and self.station is None:
            raise ValueError("module: only a leak on a station names a module")
        return self


class CrewAssigned(_Event):
    type: Literal["crew_assigned"] = "crew_assigned"
    vehicle: Name
    crew: Annotated[Names, Field(min_length=1)]


class DecisionRecorded(_Event):
    type: Literal["decision_recorded"] = "decision_recorded"
    subject: Name
    decision: Annotated[str, Field(min_length=1)]
    by: str | None = None


class Retracted(_Event):
    type: Literal["retracted"] = "retracted"
    retracts: Name
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
    | CrewAssigned
    | DecisionRecorded
    | Retracted
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
    """The JSON-ready dict of an event, every field present, `type` first."""
    return event.model_dump(mode="json")


def event_schema() -> dict[str, Any]:
    """JSON Schema of the wire format, as committed in schema/events.schema.json."""
    return EVENT.json_schema(mode="serialization")
