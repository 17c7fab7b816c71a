"""Five rules the docs promise that no test pinned (a review mutated each and the whole
suite still passed). Each test here fails on its mutated rule; all run against a real
SQLite log seeded with the seed story (tests/conftest.py `iss`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from strategies import ev

from missionlog import HistoryConflict, InvalidEvent, MissionLog


def test_undocking_crew_must_be_aboard_that_station(iss: MissionLog) -> None:
    # Frank Rubio is aboard ISS; a second station with its own crew member stands apart.
    iss.append([
        ev("station_configured", "2023-02-12T00:00:00Z", station="Tiangong", ports=["Tianhe fwd"]),
        ev("launched", "2023-02-12T01:00:00Z", vehicle="Shenzhou 15", vehicle_class="shenzhou",
           crew=["Fei Junlong"]),
        ev("docked", "2023-02-12T02:00:00Z", vehicle="Shenzhou 15", station="Tiangong",
           port="Tianhe fwd"),
    ])
    count = iss.count()
    with pytest.raises(HistoryConflict, match="Fei Junlong is aboard Tiangong, not aboard ISS"):
        iss.append([ev("undocked", "2023-03-28T00:00:00Z", vehicle="Soyuz MS-22",
                       crew=["Fei Junlong"])])
    with pytest.raises(HistoryConflict, match="Nobody Here is on the ground"):
        iss.append([ev("undocked", "2023-03-28T00:00:00Z", vehicle="Soyuz MS-22",
                       crew=["Nobody Here"])])
    assert iss.count() == count  # nothing written
    iss.append([ev("undocked", "2023-03-28T00:00:00Z", vehicle="Soyuz MS-22",
                   crew=["Frank Rubio"])])  # aboard that station: accepted


def test_a_reconfigured_station_may_not_drop_an_occupied_port(iss: MissionLog) -> None:
    ports = iss.station("ISS", at="2023-02-12")["ports"]
    assert ports["Poisk zenith"] == "Progress MS-21"
    fewer = [port for port in ports if port != "Poisk zenith"]
    with pytest.raises(HistoryConflict, match="Poisk zenith of ISS is held by Progress MS-21"):
        iss.append([ev("station_configured", "2023-02-12T00:00:00Z", station="ISS",
                       ports=fewer)])
    free = next(port for port, holder in ports.items() if holder is None)
    iss.append([ev("station_configured", "2023-02-12T00:00:00Z", station="ISS",
                   ports=[port for port in ports if port != free])])  # a free one may go


def test_an_import_recorded_at_may_not_go_backwards(db_path: Path) -> None:
    lines = [
        json.dumps({**ev("note", "2023-01-01T00:00:00Z", event_id="a", text="first"),
                    "recorded_at": "2024-02-01T00:00:00Z"}),
        json.dumps({**ev("note", "2023-01-02T00:00:00Z", event_id="b", text="second"),
                    "recorded_at": "2024-01-01T00:00:00Z"}),
    ]
    with MissionLog.open(db_path, create=True) as log:
        with pytest.raises(InvalidEvent, match=r"recorded_at.*earlier than"):
            log.import_lines(lines)
        assert log.count() == 0  # the batch lands whole or not at all
        log.import_lines(lines[:1])
        with pytest.raises(InvalidEvent, match=r"recorded_at.*earlier than"):
            log.import_lines(lines[1:])  # also against what is already in the log
        assert log.count() == 1


def test_one_person_may_not_appear_twice_in_one_launch_crew(db_path: Path) -> None:
    with MissionLog.open(db_path, create=True) as log:
        with pytest.raises(HistoryConflict, match="a person is listed twice"):
            log.append([ev("launched", "2023-01-01T00:00:00Z", vehicle="Soyuz MS-23",
                           vehicle_class="soyuz", crew=["Oleg Kononenko", "Oleg Kononenko"])])
        assert log.count() == 0


def test_the_first_unfitting_leak_is_the_one_that_counts(iss: MissionLog) -> None:
    iss.append([ev("leak_detected", "2023-02-12T00:00:00Z", event_id="second-leak",
                   vehicle="Soyuz MS-22", system="atmosphere", severity="major")])
    world, _ = iss.world(at="2023-02-13")
    vehicle = world.vehicles["Soyuz MS-22"]
    assert len(vehicle["leaks"]) == 2
    assert (vehicle["unfit_at"], vehicle["unfit_event"]) == (
        "2022-12-15T00:45:00Z", "soyuz-ms-22-coolant-leak")
    row = iss.store.db.execute(
        "SELECT unfit_at FROM vehicles WHERE name = 'Soyuz MS-22'").fetchone()
    assert row[0] == "2022-12-15T00:45:00Z"  # the projection table agrees
