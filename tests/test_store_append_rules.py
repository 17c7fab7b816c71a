"""Every append rule, on a real SQLite file holding the station as it was in February 2023.

Each rejected event must leave the file byte-for-byte as it was (events, checkpoints and
projection tables) and say in one line what it conflicts with.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from strategies import SEED_STORY, ev, log_fingerprint

from missionlog import (
    AmbiguousName,
    HistoryConflict,
    InvalidEvent,
    MissionLog,
    MissionLogError,
    UnknownName,
)

REJECTED: list[tuple[str, list[dict[str, Any]], type[MissionLogError], list[str]]] = [
    (
        "docking-before-launch",
        [ev("docked", "2023-02-20T00:00:00Z", vehicle="Soyuz MS-23", station="ISS",
            port="Poisk zenith")],
        UnknownName,
        ["Soyuz MS-23", "launched"],
    ),
    (
        "docking-a-docked-vehicle",
        [ev("docked", "2023-02-12T00:00:00Z", vehicle="Progress MS-22", station="ISS",
            port="Prichal nadir")],
        HistoryConflict,
        ["already docked", "Zvezda aft", "2023-02-11T08:45:00Z"],
    ),
    (
        "docking-at-an-occupied-port-names-its-holder-and-since",
        [ev("launched", "2023-02-24T00:24:00Z", vehicle="Soyuz MS-23", vehicle_class="soyuz"),
         ev("docked", "2023-02-26T00:58:00Z", vehicle="Soyuz MS-23", station="ISS",
            port="Poisk zenith")],
        HistoryConflict,
        ["Poisk zenith", "Progress MS-21", "since 2022-10-28T02:48:54Z"],
    ),
    (
        "docking-at-a-mistyped-port-suggests-the-close-one",
        [ev("launched", "2023-02-24T00:24:00Z", vehicle="Soyuz MS-23", vehicle_class="soyuz"),
         ev("docked", "2023-02-26T00:58:00Z", vehicle="Soyuz MS-23", station="ISS",
            port="Prichal nadr")],
        UnknownName,
        ["'Prichal nadr'", "did you mean", "'Prichal nadir'"],
    ),
    (
        "docking-at-an-unknown-station-suggests-the-close-one",
        [ev("launched", "2023-02-24T00:24:00Z", vehicle="Soyuz MS-23", vehicle_class="soyuz"),
         ev("docked", "2023-02-26T00:58:00Z", vehicle="Soyuz MS-23", station="ISSS",
            port="Prichal nadir")],
        UnknownName,
        ["'ISSS'", "did you mean", "'ISS'"],
    ),
    (
        "a-mistyped-vehicle-suggests-the-close-one",
        [ev("leak_detected", "2023-02-12T00:00:00Z", vehicle="Progress MS-2l", system="coolant")],
        UnknownName,
        ["'Progress MS-2l'", "did you mean", "'Progress MS-21'"],
    ),
    (
        "undocking-a-vehicle-in-free-flight",
        [ev("launched", "2023-02-24T00:24:00Z", vehicle="Soyuz MS-23", vehicle_class="soyuz"),
         ev("undocked", "2023-02-25T00:00:00Z", vehicle="Soyuz MS-23")],
        HistoryConflict,
        ["Soyuz MS-23", "not docked", "in_flight"],
    ),
    (
        "undocking-a-vehicle-that-was-never-launched",
        [ev("undocked", "2023-02-25T00:00:00Z", vehicle="Progress MS-23")],
        UnknownName,
        ["Progress MS-23"],
    ),
    (
        "nothing-follows-a-reentry",
        [ev("leak_detected", "2023-02-08T00:00:00Z", vehicle="Progress MS-20", system="other")],
        HistoryConflict,
        ["Progress MS-20", "deorbited", "2023-02-07T08:04:00Z", "nothing can follow"],
    ),
    (
        "a-reentered-vehicle-cannot-dock-again",
        [ev("docked", "2023-02-12T00:00:00Z", vehicle="Progress 81", station="ISS",
            port="Prichal nadir")],
        HistoryConflict,
        ["Progress MS-20", "deorbited"],
    ),
    (
        "a-cargo-ship-cannot-be-a-return-vehicle",
        [ev("crew_assigned", "2023-02-12T00:00:00Z", vehicle="Progress MS-22",
            crew=["Sergey Prokopyev"])],
        HistoryConflict,
        ["Progress MS-22", "progress", "not a crew-capable vehicle"],
    ),
    (
        "a-cargo-ship-launches-no-crew",
        [ev("launched", "2023-02-24T00:24:00Z", vehicle="Progress MS-23",
            vehicle_class="progress", crew=["Oleg Kononenko"])],
        HistoryConflict,
        ["crew", "progress"],
    ),
    (
        "a-crew-assignment-needs-people-in-space",
        [ev("crew_assigned", "2023-02-12T00:00:00Z", vehicle="Crew-5", crew=["Frank Rubo"])],
        HistoryConflict,
        ["Frank Rubo", "not in space", "'Frank Rubio'"],
    ),
    (
        "a-retraction-needs-an-existing-event-id",
        [ev("retracted", "2023-02-12T00:00:00Z", retracts="progress-ms-21-coolant-lek",
            reason="typo")],
        UnknownName,
        ["progress-ms-21-coolant-lek", "no event"],
    ),
    (
        "a-late-docking-inside-a-stay-the-log-has-names-the-holder",
        [ev("launched", "2022-11-01T00:00:00Z", vehicle="Progress MS-99",
            vehicle_class="progress"),
         ev("docked", "2022-11-02T00:00:00Z", vehicle="Progress MS-99", station="ISS",
            port="Poisk zenith")],
        HistoryConflict,
        ["Poisk zenith", "held by Progress MS-21", "since 2022-10-28T02:48:54Z"],
    ),
    (
        "a-late-docking-that-would-overlap-a-later-stay",
        [ev("launched", "2022-10-01T00:00:00Z", vehicle="Progress MS-99",
            vehicle_class="progress"),
         ev("docked", "2022-10-02T00:00:00Z", vehicle="Progress MS-99", station="ISS",
            port="Poisk zenith"),
         ev("undocked", "2022-11-30T00:00:00Z", vehicle="Progress MS-99")],
        HistoryConflict,
        ["Progress MS-21", "2022-10-28T02:48:54Z", "Poisk zenith"],
    ),
    (
        "a-person-cannot-launch-twice",
        [ev("launched", "2023-02-24T00:24:00Z", vehicle="Soyuz MS-23", vehicle_class="soyuz",
            crew=["Frank Rubio"])],
        HistoryConflict,
        ["Frank Rubio", "already in space"],
    ),
    (
        "a-docked-vehicle-cannot-land",
        [ev("landed", "2023-02-12T00:00:00Z", vehicle="Soyuz MS-22")],
        HistoryConflict,
        ["Soyuz MS-22", "must undock"],
    ),
    (
        "a-crewed-reentry-is-a-landing",
        [ev("undocked", "2023-02-12T00:00:00Z", vehicle="Soyuz MS-22",
            crew=["Sergey Prokopyev"]),
         ev("deorbited", "2023-02-12T03:00:00Z", vehicle="Soyuz MS-22")],
        HistoryConflict,
        ["Sergey Prokopyev", "landed"],
    ),
    (
        "undocking-with-someone-who-is-not-aboard",
        [ev("undocked", "2023-02-12T00:00:00Z", vehicle="Soyuz MS-22",
            crew=["Oleg Kononenko"])],
        HistoryConflict,
        ["Oleg Kononenko", "on the ground"],
    ),
    (
        "a-good-event-then-a-bad-one-writes-neither",
        [ev("note", "2023-02-12T00:00:00Z", text="hatches to Progress MS-21 closed"),
         ev("docked", "2023-02-12T01:00:00Z", vehicle="Progress MS-22", station="ISS",
            port="Prichal nadir")],
        HistoryConflict,
        ["already docked"],
    ),
    (
        "a-naive-time-is-refused",
        [ev("note", "2023-02-12T00:00:00", text="no offset")],
        InvalidEvent,
        ["occurred_at"],
    ),
]


@pytest.mark.parametrize(
    ("events", "error", "fragments"),
    [case[1:] for case in REJECTED],
    ids=[case[0] for case in REJECTED],
)
def test_an_impossible_event_is_refused_with_a_reason_and_writes_nothing(
    iss: MissionLog,
    db_path: Path,
    events: list[dict[str, Any]],
    error: type[MissionLogError],
    fragments: list[str],
) -> None:
    before = log_fingerprint(db_path)
    with pytest.raises(error) as caught:
        iss.append(events)
    message = str(caught.value)
    assert "\n" not in message
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} missing from: {message}"
    assert log_fingerprint(db_path) == before
    assert iss.verify() == len(SEED_STORY)
    # and the log still takes a good event afterwards (the cached head was not corrupted)
    iss.append([ev("note", "2023-02-13T00:00:00Z", text="after the refusal")])
    assert iss.count() == len(SEED_STORY) + 1


def test_a_late_stay_that_ends_before_the_next_one_begins_is_accepted_as_one_batch(
    iss: MissionLog,
) -> None:
    """A stay learned late (dock and undock together) that fits in a gap before a stay the
    log already has keeps the history consistent, so it must land where it happened."""
    iss.append([
        ev("launched", "2022-10-01T00:00:00Z", vehicle="Progress MS-99", vehicle_class="progress"),
        ev("docked", "2022-10-02T00:00:00Z", vehicle="Progress MS-99", station="ISS",
           port="Poisk zenith"),
        ev("undocked", "2022-10-20T00:00:00Z", vehicle="Progress MS-99"),
        ev("deorbited", "2022-10-20T04:00:00Z", vehicle="Progress MS-99"),
    ])
    assert iss.state("Progress MS-99", at="2022-10-10")["port"] == "Poisk zenith"
    assert iss.state("Progress MS-21", at="2023-02-12")["port"] == "Poisk zenith"
    assert iss.verify() == len(SEED_STORY) + 4


def test_a_late_docking_at_a_port_free_at_that_time_lands_where_it_happened(
    iss: MissionLog,
) -> None:
    iss.append([ev("launched", "2022-10-01T00:00:00Z", vehicle="Cygnus NG-99",
                   vehicle_class="cygnus")])
    iss.append([ev("docked", "2022-10-02T00:00:00Z", vehicle="Cygnus NG-99", station="ISS",
                   port="Unity nadir")])
    assert iss.station("ISS", at="2023-02-12")["ports"]["Unity nadir"] == "Cygnus NG-99"
    assert iss.state("Cygnus NG-99", at="2022-10-01T12:00:00Z")["status"] == "in_flight"


def test_an_alias_resolves_to_its_vehicle_and_the_stream_is_canonical(iss: MissionLog) -> None:
    result = iss.append([ev("leak_detected", "2023-02-12T00:00:00Z", vehicle="82P",
                            system="propellant", severity="minor")])
    assert result.streams == {"Progress MS-21": 3 + 1}
    rows = list(iss.log(vehicle="Progress 82"))
    assert {row["stream"] for row in rows} == {"Progress MS-21"}
    assert [row["type"] for row in rows] == ["launched", "docked", "leak_detected",
                                             "leak_detected"]


def test_a_reused_capsule_name_means_the_capsule_in_space_at_the_events_time(
    db_path: Path,
) -> None:
    with MissionLog.open(db_path, create=True) as log:
        log.append([
            ev("launched", "2021-11-11T02:03:31Z", vehicle="Crew-3", vehicle_class="crew_dragon",
               aliases=["Endurance"]),
            ev("landed", "2022-05-06T04:43:00Z", vehicle="Crew-3"),
            ev("launched", "2022-10-05T16:00:57Z", vehicle="Crew-5", vehicle_class="crew_dragon",
               aliases=["Endurance"]),
        ])
        result = log.append([ev("leak_detected", "2022-12-01T00:00:00Z", vehicle="Endurance",
                                system="propellant", severity="minor")])
        assert result.streams == {"Crew-5": 2}
        early = log.append([ev("leak_detected", "2022-01-01T00:00:00Z", vehicle="Endurance",
                               system="other", severity="minor")])
        assert early.streams == {"Crew-3": 3}
        assert log.state("Endurance", at="2022-12-02")["vehicle"] == "Crew-5"
        assert log.state("Endurance", at="2022-01-02")["vehicle"] == "Crew-3"


def test_an_alias_of_two_vehicles_in_space_at_once_is_an_error_that_lists_both(
    db_path: Path,
) -> None:
    with MissionLog.open(db_path, create=True) as log:
        log.append([
            ev("launched", "2022-10-05T16:00:57Z", vehicle="Crew-5", vehicle_class="crew_dragon",
               aliases=["Endurance"]),
            ev("launched", "2022-10-06T16:00:00Z", vehicle="Crew-X", vehicle_class="crew_dragon",
               aliases=["Endurance"]),
        ])
        before = log_fingerprint(db_path)
        with pytest.raises(AmbiguousName) as caught:
            log.append([ev("leak_detected", "2022-12-01T00:00:00Z", vehicle="Endurance",
                           system="coolant")])
        assert "Crew-5" in str(caught.value)
        assert "Crew-X" in str(caught.value)
        assert log_fingerprint(db_path) == before
        with pytest.raises(AmbiguousName, match=r"Crew-5.*Crew-X"):
            log.state("Endurance", at="2022-12-01")


def test_an_offset_time_is_stored_as_utc(iss: MissionLog) -> None:
    iss.append([ev("note", "2023-02-12T11:45:00+03:00", text="Moscow time",
                   event_id="moscow-time")])
    stored = [row for row in iss.log() if row["event_id"] == "moscow-time"]
    assert stored[0]["occurred_at"] == "2023-02-12T08:45:00Z"


def test_a_retraction_of_a_known_event_is_accepted_and_hides_it(iss: MissionLog) -> None:
    iss.append([ev("retracted", "2023-02-12T00:00:00Z", retracts="progress-ms-21-coolant-leak",
                   reason="sensor fault")])
    assert iss.state("Progress MS-21", at="2023-02-12")["leaks"] == []
    with pytest.raises(HistoryConflict, match="already retracted"):
        iss.append([ev("retracted", "2023-02-13T00:00:00Z",
                       retracts="progress-ms-21-coolant-leak", reason="again")])


def test_retracting_a_docking_that_later_events_need_is_refused(
    iss: MissionLog, db_path: Path
) -> None:
    before = log_fingerprint(db_path)
    with pytest.raises(HistoryConflict, match="undocked Progress MS-20"):
        iss.append([ev("retracted", "2023-02-12T00:00:00Z", retracts="progress-ms-20-docked",
                       reason="wrong port")])
    assert log_fingerprint(db_path) == before
