"""The event models: the wire format every line, body and API call goes through."""

from __future__ import annotations

from datetime import UTC, datetime

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError
from strategies import OFFSETS, arbitrary_events

from missionlog.events import EVENT, EVENT_TYPES, MODEL_BY_TYPE, Docked, Event, event_to_wire


@given(arbitrary_events())
def test_every_event_survives_a_json_round_trip(event: Event) -> None:
    assert EVENT.validate_json(EVENT.dump_json(event)) == event


@given(arbitrary_events())
def test_every_event_line_starts_with_its_type_and_reads_back_as_a_dict(event: Event) -> None:
    wire = event_to_wire(event)
    assert next(iter(wire)) == "type"
    assert EVENT.validate_python(orjson.loads(orjson.dumps(wire))) == event


def test_every_event_type_has_a_model_and_a_place_in_the_union() -> None:
    assert set(MODEL_BY_TYPE) == set(EVENT_TYPES)
    for kind, model in MODEL_BY_TYPE.items():
        assert model.model_fields["type"].default == kind


def test_a_docking_time_without_a_utc_offset_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        EVENT.validate_python({"type": "docked", "occurred_at": "2023-02-11T08:45:00",
                               "vehicle": "Progress MS-22", "station": "ISS",
                               "port": "Zvezda aft"})
    assert caught.value.errors()[0]["type"] == "timezone_aware"


@given(st.datetimes(min_value=datetime(1998, 11, 20), max_value=datetime(2031, 1, 1)),
       OFFSETS)
def test_a_time_with_any_offset_is_stored_as_the_same_instant_in_utc(
    naive: datetime, offset: object
) -> None:
    moment = naive.replace(microsecond=0, tzinfo=offset)  # type: ignore[arg-type]
    docked = Docked(occurred_at=moment, vehicle="Progress MS-22", station="ISS",
                    port="Zvezda aft")
    assert docked.occurred_at == moment
    assert docked.occurred_at.utcoffset() is not None
    assert docked.occurred_at.utcoffset().total_seconds() == 0  # type: ignore[union-attr]
    text = event_to_wire(docked)["occurred_at"]
    assert text == moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def test_moscow_time_becomes_utc_on_the_wire() -> None:
    docked = EVENT.validate_python({"type": "docked", "occurred_at": "2023-02-11T11:45:00+03:00",
                                    "vehicle": "Progress MS-22", "station": "ISS",
                                    "port": "Zvezda aft"})
    assert event_to_wire(docked)["occurred_at"] == "2023-02-11T08:45:00Z"


def test_a_fraction_of_a_second_is_a_claim_the_log_refuses() -> None:
    with pytest.raises(ValidationError, match="fractional seconds"):
        EVENT.validate_python({"type": "launched", "occurred_at": "2022-10-26T00:20:09.237Z",
                               "vehicle": "Progress MS-21", "vehicle_class": "progress"})


def test_a_misspelt_field_in_a_hand_written_line_is_an_error() -> None:
    with pytest.raises(ValidationError) as caught:
        EVENT.validate_python({"type": "docked", "occurred_at": "2023-02-11T08:45:00Z",
                               "vehicle": "Progress MS-22", "station": "ISS", "prot": "Zvezda aft"})
    kinds = {error["type"] for error in caught.value.errors()}
    assert "extra_forbidden" in kinds


def test_an_unknown_event_type_is_an_error_naming_the_tag() -> None:
    with pytest.raises(ValidationError) as caught:
        EVENT.validate_python({"type": "exploded", "occurred_at": "2023-02-11T08:45:00Z"})
    assert caught.value.errors()[0]["type"] == "union_tag_invalid"


@pytest.mark.parametrize(
    "subjects",
    [{}, {"vehicle": "Progress MS-21", "station": "ISS"}, {"vehicle": "Soyuz MS-22",
                                                           "module": "Zvezda"}],
    ids=["neither", "both", "module-on-a-vehicle"],
)
def test_a_leak_names_exactly_one_vehicle_or_station(subjects: dict[str, str]) -> None:
    with pytest.raises(ValidationError):
        EVENT.validate_python({"type": "leak_detected", "occurred_at": "2023-02-11T09:40:00Z",
                               "system": "coolant", **subjects})


def test_a_station_lists_each_port_once() -> None:
    with pytest.raises(ValidationError, match="listed twice"):
        EVENT.validate_python({"type": "station_configured", "occurred_at": "2021-11-26T15:20:00Z",
                               "station": "ISS", "ports": ["Poisk zenith", "Poisk zenith"]})


def test_a_crew_assignment_names_at_least_one_person() -> None:
    with pytest.raises(ValidationError):
        EVENT.validate_python({"type": "crew_assigned", "occurred_at": "2023-01-18T12:00:00Z",
                               "vehicle": "Crew-5", "crew": []})


@given(arbitrary_events())
def test_the_fast_wire_form_used_on_import_equals_pydantics_json_dump(event: Event) -> None:
    """`ingest.wire_of` skips pydantic's serializer for speed; the stored body (and so the
    content-derived event_id and the hash chain) must not depend on which one ran."""
    from missionlog.ingest import wire_of

    fast = wire_of(event)
    reference = event_to_wire(event)
    assert fast == reference
    assert list(fast) == list(reference)
    assert orjson.dumps(fast) == orjson.dumps(reference)
